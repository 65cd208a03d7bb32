"""Hostile repositories: reads stay inside the repository and are bounded; `extends` never imports.

Each test builds a git repository whose content is the attacker's, with a sentinel file outside it
holding a secret, and checks what a user of the command line sees: a clear error (exit 2), and
never the secret, a hang, an import or a write outside the repository.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests import fakedist
from tests.gitutil import commit_all, init_repo, make_repo, write

POC = '[project]\nstage = "poc"\n'
SECRET = "TOP-SECRET-SENTINEL-4242"
SENTINEL_TOML = f'# {SECRET}\n[project]\nstage = "mvp"\n[lint]\nfail-on = "never"\n'
OUTSIDE = "must be a path inside the repository or an installed package:resource"
ZEN = "Beautiful is better than ugly"
#: Generous: a hang (the failure) takes forever; a refusal takes well under a second.
TIMEOUT = 60


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pocmvp_lint ARGS`` run from ``cwd`` (which Python puts first on sys.path)."""
    return subprocess.run(
        [sys.executable, "-m", "pocmvp_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )


class _Hung(Exception):
    """The run outlived its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``_Hung`` in this (the main) thread after ``seconds``, even inside a blocking ``open``."""

    def expire(signum: int, frame: object) -> None:
        raise _Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lint_in_process(cwd: Path, *args: str) -> Result:
    """``lint`` in this interpreter: from ``cwd``, first on sys.path as ``python -m`` puts it, and
    stopped (a failure, not a hang) after ``TIMEOUT`` seconds."""
    with deadline(TIMEOUT), pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        patch.syspath_prepend(str(cwd))
        return run(*args)


#: Both ways of running a hostile-read test: in this interpreter (the fast layer) and as
#: ``python -m pocmvp_lint`` in a process of its own, killed after ``TIMEOUT`` (slow).
RUNNERS = [
    pytest.param(lint_in_process, id="in-process"),
    pytest.param(lint, id="python-m", marks=pytest.mark.slow),
]
Runner = Callable[..., "Result | subprocess.CompletedProcess[str]"]


@pytest.fixture
def sentinel(tmp_path: Path) -> Path:
    """A file outside every repository the test builds, holding a secret."""
    path = tmp_path / "outside" / "sentinel.toml"
    path.parent.mkdir()
    path.write_text(SENTINEL_TOML, encoding="utf-8")
    return path


def repo_with_links(root: Path, links: dict[str, str], files: dict[str, str] | None = None) -> Path:
    """A committed repository holding ``files`` and the symlinks ``links`` (name -> target)."""
    repo = init_repo(root)
    write(repo, files or {})
    for name, target in links.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo / name)
    commit_all(repo)
    return repo


def exit_code(result: Result | subprocess.CompletedProcess[str]) -> int:
    return result.exit_code if isinstance(result, Result) else result.returncode


def assert_refused(result: Result | subprocess.CompletedProcess[str], message: str) -> None:
    assert exit_code(result) == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


# ---- project.toml -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["project.toml", "sub/project.toml"])
def test_tracked_project_toml_symlink_out_of_the_repository_is_refused(
    tmp_path: Path, sentinel: Path, name: str
) -> None:
    repo = repo_with_links(tmp_path / "r", {name: str(sentinel)}, {"README.md": "x\n"})
    assert_refused(
        run("check", str(repo)), f"{name}: is a symlink to a path outside the repository; refusing to read it"
    )
    relative = repo_with_links(tmp_path / "rel", {name: os.path.relpath(sentinel, (tmp_path / "rel" / name).parent)})
    assert_refused(run("check", str(relative)), f"{name}: is a symlink to a path outside")


@pytest.mark.parametrize("name", ["project.toml", "deep/er/project.toml"])
@pytest.mark.parametrize("lint", RUNNERS)
def test_project_toml_symlink_to_dev_zero_is_refused_quickly(tmp_path: Path, name: str, lint: Runner) -> None:
    repo = repo_with_links(tmp_path / "r", {name: "/dev/zero"}, {"README.md": "x\n"})
    assert_refused(lint(tmp_path, "check", str(repo)), f"{name}: is a symlink to a path outside")


@pytest.mark.parametrize("lint", RUNNERS)
def test_project_toml_symlink_to_a_fifo_inside_the_repository_never_blocks(tmp_path: Path, lint: Runner) -> None:
    repo = repo_with_links(tmp_path / "r", {"project.toml": "pipe"}, {"README.md": "x\n"})
    os.mkfifo(repo / "pipe")  # untracked: git cannot track a FIFO, but the work tree can hold one
    assert_refused(lint(tmp_path, "check", str(repo)), "project.toml: is not a regular file")


def test_project_toml_symlink_inside_the_repository_is_followed(tmp_path: Path) -> None:
    repo = repo_with_links(
        tmp_path / "r", {"project.toml": "config/shared.toml"}, {"config/shared.toml": '[project]\nstage = "mvp"\n'}
    )
    result = run("check", str(repo), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert '"MVP' in result.stdout


def test_oversized_project_toml_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC + "#" * (1024 * 1024 + 10) + "\n"})
    assert_refused(run("check", str(repo)), "project.toml: is larger than 1048576 bytes")


# ---- extends: paths -----------------------------------------------------------------------------
def _extends(root: Path, spec: str, files: dict[str, str] | None = None, links: dict[str, str] | None = None) -> Path:
    text = POC + "[lint]\nextends = " + '"' + spec.replace("\\", "\\\\") + '"\n'
    return repo_with_links(root, links or {}, {"project.toml": text, **(files or {})})


def test_extends_outside_the_repository_gives_one_message_whether_or_not_the_file_exists(
    tmp_path: Path, sentinel: Path
) -> None:
    missing = sentinel.parent / "missing.toml"
    depth = "../" * 12
    messages = {}
    for label, spec in {
        "absolute": str(sentinel),
        "absolute-missing": str(missing),
        "climbing": depth + str(sentinel).lstrip("/"),
        "climbing-missing": depth + str(missing).lstrip("/"),
        "shadow": "../../../../etc/shadow",
        "zero": "/dev/zero",
        "urandom": "/dev/urandom",
    }.items():
        result = run("check", str(_extends(tmp_path / label, spec)))
        assert_refused(result, f"project.toml:4: [lint.extends] {spec!r}: {OUTSIDE}")
        messages[label] = result.stderr.replace(repr(spec), "SPEC")
    assert len(set(messages.values())) == 1, messages  # existence is not revealed


def test_policy_symlink_out_of_the_repository_is_refused(tmp_path: Path, sentinel: Path) -> None:
    for label, target in {
        "existing": str(sentinel),
        "missing": str(sentinel) + ".nope",
        "zero": "/dev/zero",
        "folder": str(sentinel.parent),
    }.items():
        spec = "policies/base.toml" if label != "folder" else "policies/base/sentinel.toml"
        link = "policies/base.toml" if label != "folder" else "policies/base"
        result = run("check", str(_extends(tmp_path / label, spec, links={link: target})))
        assert_refused(result, f"[lint.extends] {spec!r}: {OUTSIDE}")


@pytest.mark.parametrize("lint", RUNNERS)
def test_extends_to_a_fifo_is_refused_without_blocking(tmp_path: Path, lint: Runner) -> None:
    repo = _extends(tmp_path / "r", "policy.toml")
    os.mkfifo(repo / "policy.toml")
    assert_refused(lint(tmp_path, "check", str(repo)), "[lint.extends] policy file policy.toml is not a regular file")


def test_extends_with_a_control_character_is_a_located_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC + '[lint]\nextends = "a\\u0000b.toml"\n'})
    assert_refused(
        run("check", str(repo)), "project.toml:4: [lint.extends] must not contain control characters (found U+0000)"
    )


def test_an_extends_chain_deeper_than_the_limit_is_a_located_error(tmp_path: Path) -> None:
    """The hang report's chain was 1,000 policies deep; the reading stops at the 32nd however deep
    it goes, so 40 prove the same."""
    files = {f"p/{i}.toml": f'[lint]\nextends = "{i + 1}.toml"\n' for i in range(40)}
    files["p/40.toml"] = "[lint]\n"
    repo = _extends(tmp_path / "r", "p/0.toml", files)
    assert_refused(run("check", str(repo)), "p/31.toml:2: [lint.extends] extends chain deeper than 32 policies")
    files = {f"p/{i}.toml": f'[lint]\nextends = "{i + 1}.toml"\n' for i in range(31)}
    files["p/31.toml"] = '[lint]\nignore = ["POC001"]\n'
    ok = run("check", str(_extends(tmp_path / "ok", "p/0.toml", files)), "--format", "json")
    assert ok.exit_code in (0, 1), ok.output
    assert "POC001" not in {f["code"] for p in json.loads(ok.stdout)["projects"] for f in p["findings"]}


# ---- extends: packages --------------------------------------------------------------------------
PAYLOAD = "import pathlib\npathlib.Path({marker!r}).write_text('pwned')\n"


@pytest.mark.parametrize("lint", RUNNERS)
def test_package_policy_in_the_checkout_is_never_imported(tmp_path: Path, lint: Runner) -> None:
    marker = tmp_path / "imported.txt"
    repo = _extends(
        tmp_path / "r",
        "somepkg:policy.toml",
        {
            "somepkg/__init__.py": PAYLOAD.format(marker=str(marker)),
            "somepkg/policy.toml": '[lint]\nfail-on = "never"\n',
        },
    )
    absent = _extends(tmp_path / "a", "somepkg:policy.toml")
    message = "[lint.extends] policy package `somepkg` is not installed"
    with_folder = lint(repo, "check")  # the checkout is the current folder, first on sys.path
    assert_refused(with_folder, message)
    assert not marker.exists()
    without_folder = lint(absent, "check")
    assert_refused(without_folder, message)
    assert with_folder.stderr == without_folder.stderr  # a folder in the checkout changes nothing


@pytest.mark.parametrize("module", ["this", "antigravity"])
def test_a_standard_library_module_name_is_not_imported(
    tmp_path: Path, module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _extends(tmp_path / "r", f"{module}:x.toml")
    monkeypatch.setenv("BROWSER", "true")
    monkeypatch.setenv("DISPLAY", "")
    for output in ("json", "sarif"):
        monkeypatch.delitem(sys.modules, module, raising=False)  # an import would run it again
        result = run_in(repo, "check", "--format", output)
        assert_refused(result, f"policy package `{module}` is not installed")
        assert ZEN not in result.stdout + result.stderr
        assert module not in sys.modules


def test_resource_climbing_out_of_an_installed_package_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = fakedist.install(
        tmp_path / "site", "acme-policy", {"acme_policy/__init__.py": "", "acme_policy/policy.toml": "[lint]\n"}
    )
    (site / "secret.toml").write_text(SENTINEL_TOML, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    repo = _extends(tmp_path / "r", "acme_policy:../secret.toml")
    assert_refused(run("check", str(repo)), "policy package `acme_policy` is not installed")
    os.symlink(site / "secret.toml", site / "acme_policy" / "link.toml")
    linked = _extends(tmp_path / "l", "acme_policy:link.toml")
    assert_refused(run("check", str(linked)), OUTSIDE)


# ---- --config -----------------------------------------------------------------------------------
def test_config_file_replaces_project_toml_and_may_live_anywhere(tmp_path: Path, sentinel: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC, "sub/project.toml": POC})
    result = run("check", str(repo), "--config", str(sentinel), "--format", "json")
    assert result.exit_code == 0, result.output  # fail-on = never from the file
    projects = json.loads(result.stdout)["projects"]
    assert len(projects) == 1  # one project: discovery is replaced
    codes = {finding["code"] for finding in projects[0]["findings"]}
    assert any(code.startswith("MVP") for code in codes)
    assert not any(code.startswith("POC") for code in codes)
    shown = run("config", str(repo), "--config", str(sentinel)).stdout
    assert f"[{sentinel}]" in shown


def test_config_file_with_only_lint_is_the_base_policy(tmp_path: Path) -> None:
    policy = tmp_path / "company.toml"
    policy.write_text('[lint]\nfail-on = "never"\nignore = ["POC001"]\n', encoding="utf-8")
    repo = make_repo(tmp_path / "r", {"project.toml": POC + '[lint]\nfail-on = "warning"\n'})
    result = run("check", str(repo), "--config", str(policy), "--format", "json")
    assert result.exit_code == 1, result.output  # the project's own fail-on wins over the base
    found = {f["code"] for p in json.loads(result.stdout)["projects"] for f in p["findings"]}
    assert "POC002" in found and "POC001" not in found
    shown = run("config", str(repo), "--config", str(policy)).stdout
    assert f"[--config {policy}]" in shown and "[project.toml]" in shown
    signals = run("signals", str(repo), "--config", str(policy))
    assert signals.exit_code == 0, signals.output


@pytest.mark.parametrize("lint", RUNNERS)
def test_config_file_is_read_as_a_bounded_regular_file(tmp_path: Path, lint: Runner) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC})
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert_refused(
        lint(tmp_path, "check", str(repo), "--config", str(fifo)), f"{fifo}: --config: is not a regular file"
    )
    big = tmp_path / "big.toml"
    big.write_text("[lint]\n" + "#" * (1024 * 1024 + 1), encoding="utf-8")
    assert_refused(run("check", str(repo), "--config", str(big)), "is larger than 1048576 bytes")
    neither = tmp_path / "neither.toml"
    neither.write_text("[tool]\n", encoding="utf-8")
    assert_refused(run("check", str(repo), "--config", str(neither)), "needs a [project] table")


# ---- evidence -----------------------------------------------------------------------------------
@pytest.mark.parametrize("lint", RUNNERS)
def test_evidence_symlinks_out_of_the_repository_are_skipped_quietly(
    tmp_path: Path, sentinel: Path, lint: Runner
) -> None:
    repo = repo_with_links(
        tmp_path / "r",
        {"README.md": str(sentinel), "Dockerfile": "/dev/zero", ".github/workflows/ci.yml": str(sentinel)},
        {"project.toml": POC},
    )
    result = lint(tmp_path, "check", str(repo), "--format", "json")
    assert exit_code(result) in (0, 1), result.stderr
    assert SECRET not in result.stdout + result.stderr


# ---- writers ------------------------------------------------------------------------------------
def run_in(cwd: Path, *args: str) -> Result:
    """``pocmvp-lint ARGS`` in-process, from the current folder ``cwd``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        return run(*args)


def _init(cwd: Path, *args: str) -> Result:
    return run_in(cwd, "init", "--stage", "poc", "--no-interactive", *args)


@pytest.mark.parametrize("force", [False, True])
def test_init_never_writes_through_a_dangling_symlink(tmp_path: Path, force: bool) -> None:
    target = tmp_path / "outside" / "bashrc"
    target.parent.mkdir()
    repo = repo_with_links(tmp_path / "r", {"project.toml": str(target)}, {"README.md": "x\n"})
    result = _init(repo, *(["--force"] if force else []))
    assert_refused(result, "project.toml is a symlink; refusing to write through it")
    assert not target.exists()


def test_init_force_never_overwrites_a_symlinks_target(tmp_path: Path, sentinel: Path) -> None:
    repo = repo_with_links(tmp_path / "r", {"project.toml": str(sentinel)}, {"README.md": "x\n"})
    assert_refused(_init(repo, "--force"), "is a symlink; refusing to write through it")
    assert sentinel.read_text(encoding="utf-8") == SENTINEL_TOML
    assert os.path.islink(repo / "project.toml")


@pytest.mark.parametrize("force", [False, True])
def test_init_never_writes_through_a_folder_symlink(tmp_path: Path, force: bool) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = repo_with_links(tmp_path / "r", {"sub": str(outside)}, {"README.md": "x\n"})
    for folder in ("sub", "sub/deeper"):
        result = _init(repo, folder, *(["--force"] if force else []))
        assert_refused(result, "is a symlink or not a folder; refusing to write through it")
    assert list(outside.iterdir()) == []


def test_init_force_replaces_a_regular_file_and_creates_folders(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": "old\n"})
    assert "already exists" in _init(repo).stderr
    assert _init(repo, "--force").exit_code == 0
    assert 'stage = "poc"' in (repo / "project.toml").read_text(encoding="utf-8")
    assert _init(repo, "new/folder").exit_code == 0
    assert (repo / "new" / "folder" / "project.toml").is_file()


def test_output_file_is_never_written_through_a_symlink(tmp_path: Path, sentinel: Path) -> None:
    repo = repo_with_links(tmp_path / "r", {"report.sarif": str(sentinel)}, {"project.toml": POC})
    result = run_in(repo, "check", "--format", "sarif", "--output", "report.sarif")
    assert_refused(result, "report.sarif is a symlink; refusing to write through it")
    assert sentinel.read_text(encoding="utf-8") == SENTINEL_TOML
