"""The checked repository's ``.git/config`` cannot make git start a program.

For every key in ``pocmvp_lint.vcs.GUARDS`` (the list the security doc shows), a repository sets it
to a script that leaves a sentinel file; every command that reads git then runs on it. Signed
commits (OpenPGP, X.509 and SSH signatures), a ``.gitattributes`` naming diff, merge and filter
drivers, a remote and a staged change make sure git would reach each key if it were not guarded.
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from pocmvp_lint.vcs import COMMANDS, GUARDS
from tests.gitutil import commit_all, copy_repo, git, init_repo, write

#: The commands that read git, as a user runs them (paths are appended).
RUNS: tuple[tuple[str, ...], ...] = (
    ("check",),
    ("check", "--format", "json"),
    ("history",),
    ("report",),
    ("check", "--staged"),
    ("check", "--since", "HEAD~1"),
)

_SIGNATURES = {
    "openpgp": "-----BEGIN PGP SIGNATURE-----\n\niQ==\n-----END PGP SIGNATURE-----",
    "x509": "-----BEGIN SIGNED MESSAGE-----\n\nMIA=\n-----END SIGNED MESSAGE-----",
    "ssh": "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----",
}


def _script(tmp_path: Path) -> tuple[Path, Path]:
    sentinel = tmp_path / "sentinel"
    script = tmp_path / "evil.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> "{sentinel}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, sentinel


def _sign_history(repo: Path) -> None:
    """Rewrite the commits so each carries a signature of one kind (git verifies them with
    ``log.showSignature``)."""
    shas = git(repo, "rev-list", "--reverse", "HEAD").split()
    parent: str | None = None
    now = int(time.time())
    for sha, kind in zip(shas, ("ssh", "x509", "openpgp")):
        tree = git(repo, "rev-parse", f"{sha}^{{tree}}").strip()
        signature = _SIGNATURES[kind].replace("\n", "\n ")
        lines = [
            f"tree {tree}",
            *([f"parent {parent}"] if parent else []),
            f"author Test Author <author@example.invalid> {now} +0000",
            f"committer Test Author <author@example.invalid> {now} +0000",
            f"gpgsig {signature}",
            "",
            f"{kind} commit",
            "",
        ]
        proc = subprocess.run(
            ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
            cwd=repo,
            input="\n".join(lines),
            capture_output=True,
            text=True,
            check=True,
        )
        parent = proc.stdout.strip()
    assert parent is not None
    git(repo, "update-ref", "refs/heads/main", parent)


def build_hostile_repo(repo: Path) -> Path:
    """Signed history, diff/merge/filter attributes, a staged and an unstaged change (no remote yet)."""
    init_repo(repo)
    write(
        repo,
        {
            "project.toml": '[project]\nstage = "poc"\n',
            "app.py": "print(1)\n",
            ".gitattributes": "* diff=evil merge=evil filter=evil\n",
        },
    )
    commit_all(repo, "first")
    write(repo, {"Dockerfile": "FROM python:3.12\n", "app.py": "print(2)\n"})
    commit_all(repo, "second")
    write(repo, {"app.py": "print(3)\n"})
    commit_all(repo, "third")
    _sign_history(repo)
    git(repo, "reset", "-q", "--hard")
    write(repo, {"app.py": "print(4)\n", "Procfile": "web: python app.py\n"})
    git(repo, "add", "-A")  # a staged change for --staged
    write(repo, {"app.py": "print(5)\n"})  # and an unstaged one a clean filter would see
    return repo


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hostile repository per module; each test poisons its own copy."""
    return build_hostile_repo(tmp_path_factory.mktemp("hostile") / "repo")


def hostile_repo(tmp_path: Path, template: Path) -> Path:
    """A copy of ``template`` at ``tmp_path/repo`` whose remote ``origin`` is the copy itself."""
    repo = copy_repo(template, tmp_path / "repo")
    git(repo, "remote", "add", "origin", str(repo))
    return repo


def entries(key: str, script: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """Concrete ``.git/config`` entries for a guarded key (placeholders filled in) and whatever
    else git needs before it would consult that key."""
    value = str(script)
    if key == "core.hooksPath":
        hooks = tmp_path / "hooks"
        hooks.mkdir(exist_ok=True)
        for name in (
            "pre-commit",
            "post-checkout",
            "post-index-change",
            "reference-transaction",
            "pre-auto-gc",
            "post-rewrite",
            "fsmonitor-watchman",
        ):
            (hooks / name).symlink_to(script)
        return [(key, str(hooks))]
    if key.startswith("pager."):
        return [(f"pager.{command}", value) for command in COMMANDS]
    if key.startswith("alias."):
        return [(f"alias.{command}", f"!{value}") for command in COMMANDS]
    if key.startswith("sendemail."):
        return [("sendemail.smtpServer", value), ("sendemail.toCmd", value)]
    if key == "log.showSignature":
        return [(key, "true"), ("gpg.program", value)]
    if key.startswith("gpg."):
        allowed = tmp_path / "allowed_signers"
        allowed.write_text("", encoding="utf-8")
        return [(key, value), ("log.showSignature", "true"), ("gpg.ssh.allowedSignersFile", str(allowed))]
    if key == "protocol.allow":
        return [(key, "always"), ("remote.origin.uploadpack", value)]
    if key in ("core.gitProxy", "core.sshCommand"):
        return [(key, value), ("core.editor", value)]
    if key == "gc.auto":
        return [(key, "1"), ("gc.autoDetach", "false"), ("core.hooksPath", str(script.parent))]
    if key == "maintenance.auto":
        return [(key, "true"), ("maintenance.strategy", "incremental")]
    concrete = (
        key.replace("<driver>", "evil")
        .replace("<cmd>", "log")
        .replace("<tool>", "evil")
        .replace("<name>", "origin")
        .replace("<url>", "https://example.invalid")
    )
    return [(concrete, value)]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _canonical(key: str) -> str:
    """``key`` as ``git config --list`` prints it: section and name in lower case."""
    section, _, rest = key.partition(".")
    subsection, _, name = rest.rpartition(".")
    return ".".join([section.lower(), *([subsection] if subsection else []), name.lower()])


def poison(repo: Path, pairs: Sequence[tuple[str, str]]) -> None:
    """Add ``pairs`` to the repository's ``.git/config`` (one write), then check git reads each back."""
    lines = []
    for key, value in pairs:
        section, _, rest = key.partition(".")
        subsection, _, name = rest.rpartition(".")
        lines.append(f"[{section} {_quoted(subsection)}]" if subsection else f"[{section}]")
        lines.append(f"\t{name} = {_quoted(value)}")
    with (repo / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write("\n".join(lines) + "\n")
    listed = git(repo, "config", "--list", "--local", "-z").split("\0")
    missing = [(key, value) for key, value in pairs if f"{_canonical(key)}\n{value}" not in listed]
    assert missing == [], missing


def run_all(repo: Path, runs: Sequence[tuple[str, ...]] = RUNS) -> list[str]:
    problems = []
    for args in runs:
        result = CliRunner().invoke(cli, [*args, str(repo)])
        if result.exit_code not in (0, 1) or (result.exception and not isinstance(result.exception, SystemExit)):
            problems.append(f"{' '.join(args)}: exit {result.exit_code}: {result.output[-400:]}")
    return problems


def test_the_guard_list_names_the_dangerous_keys() -> None:
    keys = {guard.key for guard in GUARDS}
    for key in (
        "core.fsmonitor",
        "core.hooksPath",
        "core.pager",
        "pager.<cmd>",
        "core.editor",
        "sequence.editor",
        "core.sshCommand",
        "core.askPass",
        "credential.helper",
        "diff.external",
        "diff.<driver>.textconv",
        "diff.<driver>.command",
        "filter.<driver>.clean",
        "filter.<driver>.smudge",
        "filter.<driver>.process",
        "gpg.program",
        "gpg.openpgp.program",
        "gpg.x509.program",
        "gpg.ssh.program",
        "gpg.ssh.defaultKeyCommand",
        "log.showSignature",
        "core.alternateRefsCommand",
        "core.gitProxy",
        "protocol.allow",
        "uploadpack.packObjectsHook",
    ):
        assert key in keys


def test_every_guard_at_once_runs_nothing(tmp_path: Path, hostile_template: Path) -> None:
    repo = hostile_repo(tmp_path, hostile_template)
    script, sentinel = _script(tmp_path)
    poison(
        repo, [pair for guard in GUARDS for pair in entries(guard.key, script, tmp_path) if pair[0] != "core.hooksPath"]
    )
    problems = run_all(repo)
    assert not sentinel.exists(), sentinel.read_text(encoding="utf-8")
    assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize("key", [guard.key for guard in GUARDS])
def test_a_guarded_key_runs_nothing(tmp_path: Path, key: str, hostile_template: Path) -> None:
    repo = hostile_repo(tmp_path, hostile_template)
    script, sentinel = _script(tmp_path)
    poison(repo, entries(key, script, tmp_path))
    problems = run_all(repo)
    assert not sentinel.exists(), sentinel.read_text(encoding="utf-8")
    assert problems == []


#: Plain git commands that DO start the program for a key: proof the hostile set-up is real.
CONTROLS: dict[str, tuple[str, ...]] = {
    "core.fsmonitor": ("status",),
    "gpg.program": ("log",),
    "gpg.ssh.program": ("log",),
    "gpg.openpgp.program": ("log",),
    "gpg.x509.program": ("log",),
    "log.showSignature": ("log",),
    "diff.<driver>.textconv": ("log", "-p", "-1"),
    "diff.<driver>.command": ("diff", "HEAD~1", "HEAD"),
    "diff.external": ("diff", "HEAD~1", "HEAD"),
    "filter.<driver>.clean": ("status",),
    "core.hooksPath": ("commit", "-q", "--allow-empty", "-m", "x"),
    "remote.<name>.uploadpack": ("-c", "protocol.allow=always", "fetch", "-q", "origin"),
}


@pytest.mark.parametrize("key", sorted(CONTROLS))
def test_plain_git_does_run_the_program(tmp_path: Path, key: str, hostile_template: Path) -> None:
    repo = hostile_repo(tmp_path, hostile_template)
    script, sentinel = _script(tmp_path)
    poison(repo, entries(key, script, tmp_path))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_CONFIG_COUNT")}
    subprocess.run(
        ["git", *CONTROLS[key]],
        cwd=repo,
        env=env,
        capture_output=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert sentinel.exists()


def test_the_security_doc_lists_every_guarded_key() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    missing = [guard.key for guard in GUARDS if f"| `{guard.key}` |" not in doc]
    assert missing == []
