"""The command line feels like ruff (issue 11): output formats, the hook's view of a commit, colour
variables, typos, paths relative to the current folder, and help text."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests.gitutil import git, make_repo

POC_TOML = '[project]\nstage = "poc"\nname = "recs"\nhypothesis = "h"\nends = 2099-01-01\n'
DISCLAIMER = "# Recs\n\nProof of concept, not for production.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, env: Mapping[str, str] | None = None, color: bool = False) -> Result:
    return CliRunner().invoke(cli, list(args), env=dict(env or {}), color=color)


@pytest.fixture
def drifting(tmp_path: Path) -> Path:
    """A POC with two existing warnings (a Dockerfile and a Procfile)."""
    return make_repo(
        tmp_path / "repo",
        {
            "project.toml": POC_TOML,
            "README.md": DISCLAIMER,
            "main.py": "print(1)\n",
            "Dockerfile": "FROM python:3.12-slim\n",
            "Procfile": "web: python main.py\n",
        },
    )


# ---------------------------------------------------------------------------------------------
# Output formats and options


def test_concise_grouped_and_the_format_alias(drifting: Path) -> None:
    concise = run("check", str(drifting), "--output-format", "concise").stdout.splitlines()
    assert (
        "Dockerfile:1: POC101 [warning] container image definitions in a POC: Dockerfile:1 "
        "(builds an image FROM python:3.12-slim)" in concise
    )
    assert not [line for line in concise if "why:" in line or "fix:" in line]
    assert concise[-1] == "Found 2 findings (0 errors, 2 warnings, 0 info) in 1 project."
    assert run("check", str(drifting), "--format", "concise").stdout.splitlines() == concise
    grouped = run("check", str(drifting), "--output-format", "grouped").stdout
    assert "Dockerfile:\n  1: POC101 [warning]" in grouped and "Procfile:\n  1: POC104" in grouped
    full = run("check", str(drifting), "--output-format", "full").stdout
    assert full == run("check", str(drifting)).stdout and "why:" in full


def test_quiet_statistics_and_exit_zero(drifting: Path) -> None:
    quiet = run("check", str(drifting), "--quiet", "--fail-on", "warning").stdout
    assert "POC101" in quiet and "POC104" in quiet and "why:" not in quiet
    assert "POC101" not in run("check", str(drifting), "--quiet").stdout  # warnings do not fail
    stats = run("check", str(drifting), "--statistics").stdout.splitlines()
    assert stats[0].split("\t") == ["1", "POC101", "[warning]", "poc-container-image"]
    assert stats[1].split("\t")[:2] == ["1", "POC104"]
    assert run("check", str(drifting), "--fail-on", "warning").exit_code == 1
    assert run("check", str(drifting), "--fail-on", "warning", "--exit-zero").exit_code == 0
    bad = run("check", str(drifting), "--exit-zero", "--select", "NOPE1")
    assert bad.exit_code == 2  # --exit-zero never hides a usage error


# ---------------------------------------------------------------------------------------------
# The hook: what a commit introduces, in full; the rest in one line; a clean commit prints nothing


def test_hook_view_of_a_commit(drifting: Path) -> None:
    (drifting / "main.py").write_text("print(2)\n")
    git(drifting, "add", "main.py")
    edit = run("check", str(drifting), "--staged")
    assert edit.stdout.strip() == "2 existing warnings (pocmvp-lint check to see them)"
    assert edit.stderr == "" and edit.exit_code == 0

    (drifting / "fly.toml").write_text('app = "recs"\n')
    git(drifting, "add", "fly.toml")
    adds = run("check", str(drifting), "--staged", "--fail-on", "warning", "--new-only")
    assert adds.exit_code == 1
    assert "POC104 [warning] new this commit adds fly.toml" in adds.stdout
    assert "why:" in adds.stdout and "fix:" in adds.stdout
    assert "POC101" not in adds.stdout
    assert adds.stdout.rstrip().endswith("1 existing warning (pocmvp-lint check to see them)")
    assert "this commit: 2 paths changed against HEAD" in adds.stderr


def test_a_clean_commit_prints_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "README.md": DISCLAIMER, "a.py": "1\n"})
    (repo / "a.py").write_text("2\n")
    git(repo, "add", "a.py")
    result = run("check", str(repo), "--staged", "--fail-on", "info")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_nothing_staged_is_no_commit(drifting: Path) -> None:
    """`pre-commit run --all-files` makes no commit: no "this commit: 0 paths changed", every finding."""
    result = run("check", str(drifting), "--staged")
    assert "this commit" not in result.stdout + result.stderr
    assert "POC101" in result.stdout and "POC104" in result.stdout


def test_push_ranges_are_named_once(drifting: Path) -> None:
    first = git(drifting, "rev-parse", "HEAD").strip()
    (drifting / "fly.toml").write_text('app = "recs"\n')
    git(drifting, "add", "fly.toml")
    git(drifting, "commit", "-q", "-m", "fly")
    head = git(drifting, "rev-parse", "HEAD").strip()
    push = {
        "PRE_COMMIT_REMOTE_NAME": "origin",
        "PRE_COMMIT_REMOTE_URL": "u",
        "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main",
        "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main",
    }
    later = run(
        "check", str(drifting), "--staged", env={**push, "PRE_COMMIT_FROM_REF": first, "PRE_COMMIT_TO_REF": head}
    )
    assert f"this push: 1 path changed against origin/main ({first[:7]}); 1 new finding" in later.stderr
    assert later.stderr.count(first[:7]) == 1
    # A new branch whose root commit is pushed: pre-commit passes no range, everything is new.
    new_branch = run("check", str(drifting), "--staged", env=push)
    assert "0 paths" not in new_branch.stderr
    assert "this push: 6 paths, all new (a new branch, its whole history); 2 new findings" in new_branch.stderr


# ---------------------------------------------------------------------------------------------
# Colour: NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE


def test_colour_variables_with_a_simulated_terminal_and_pipe(drifting: Path) -> None:
    assert ANSI.search(run("check", str(drifting), color=True).stdout)  # a terminal: colour
    assert not ANSI.search(run("check", str(drifting), env={"NO_COLOR": "1"}, color=True).stdout)
    assert not ANSI.search(run("check", str(drifting)).stdout)  # a pipe: none
    assert ANSI.search(run("check", str(drifting), env={"FORCE_COLOR": "1"}).stdout)
    assert ANSI.search(run("check", str(drifting), env={"CLICOLOR_FORCE": "1"}).stdout)
    assert not ANSI.search(run("check", str(drifting), env={"CLICOLOR_FORCE": "0"}).stdout)
    assert not ANSI.search(run("check", str(drifting), "--no-color", env={"FORCE_COLOR": "1"}).stdout)
    assert not ANSI.search(run("signals", str(drifting), env={"NO_COLOR": "1"}, color=True).stdout)


def _in_a_pty(args: list[str], cwd: Path, env: Mapping[str, str]) -> str:
    """Run ``python -m pocmvp_lint ARGS`` with stdout on a real pseudo-terminal."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pocmvp_lint", *args],
        cwd=cwd,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    proc.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_no_color_on_a_real_terminal(drifting: Path) -> None:
    clean = {k: "" for k in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    assert ANSI.search(_in_a_pty(["check"], drifting, clean))
    plain = _in_a_pty(["check"], drifting, {**clean, "NO_COLOR": "1"})
    assert "POC101" in plain and not ANSI.search(plain)


# ---------------------------------------------------------------------------------------------
# Typos, paths, init, help


def test_a_mistyped_command_is_named(drifting: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(drifting)
    typo = run("chek")
    assert typo.exit_code == 2
    assert "unknown command 'chek'; did you mean 'check'?" in typo.stderr
    (drifting / "chek").mkdir()  # a real folder of that name is still a path to check
    (drifting / "chek" / "x.py").write_text("1\n")
    assert "unknown command" not in run("chek").stderr


def test_near_miss_table_is_warned_about(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"project.toml": POC_TOML + '\n[lints]\nignore = ["POC101"]\n', "README.md": DISCLAIMER}
    )
    out = run("check", str(repo)).stdout
    assert "config warning: project.toml:7: [lints] unknown table (did you mean `lint`?); it is ignored" in out


def test_paths_print_relative_to_the_current_folder(drifting: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (drifting / "app").mkdir()
    (drifting / "app" / "main.py").write_text("print(1)\n")
    git(drifting, "add", "-A")
    git(drifting, "commit", "-q", "-m", "app")
    monkeypatch.chdir(drifting / "app")
    concise = run("check", "--output-format", "concise", env={"NO_COLOR": "1"})
    assert "../Dockerfile:1: POC101 [warning] container image definitions in a POC: ../Dockerfile:1" in concise.stdout
    full = run("check", env={"NO_COLOR": "1"})
    assert "../Procfile: POC104" in full.stdout or "../Procfile" in full.stdout


def test_init_without_a_terminal_asks_for_the_stage(tmp_path: Path) -> None:
    result = run("init", str(tmp_path))
    assert result.exit_code == 2 and "--stage" in result.stderr
    assert not (tmp_path / "project.toml").exists()
    assert run("init", str(tmp_path), "--stage", "poc").exit_code == 0


def test_help_texts_are_whole() -> None:
    top = run("--help").stdout
    assert "explain  Print the full documentation of one rule." in top
    assert re.search(r"explain .*\([^)]*$", top, re.MULTILINE) is None  # not cut mid-parenthesis
    assert (
        "--format [text|json]  text: one line per setting" in " ".join(run("config", "--help").stdout.split())
        or "one line per setting" in run("config", "--help").stdout
    )
    assert "NO_COLOR" in run("signals", "--help").stdout
    check = run("check", "--help").stdout
    for option in ("--output-format", "--statistics", "--exit-zero", "--config", "--quiet"):
        assert option in check


def test_report_of_an_unnamed_project_is_titled_by_its_folder(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "invoice-ocr", {"project.toml": '[project]\nstage = "poc"\n', "README.md": DISCLAIMER})
    markdown = run("report", str(repo)).stdout
    assert "## invoice-ocr: POC" in markdown and "## .:" not in markdown
    html = run("report", str(repo), "--format", "html").stdout
    assert "<h2>invoice-ocr</h2>" in html and "<title>Project stage report: invoice-ocr</title>" in html
