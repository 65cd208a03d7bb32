"""End to end through real pre-commit: the hook in `.pre-commit-hooks.yaml`, installed from this checkout.

The working tree may hold uncommitted changes, so a session fixture commits a copy of the
project files to a temporary git repository and the test repositories point `repo:` at it, with
its HEAD sha as `rev:`. All tests share one PRE_COMMIT_HOME, so pre-commit builds the hook's
virtualenv (pip-installing this package and its dependencies) once per session.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gitutil import ENV as GIT_IDENTITY
from tests.gitutil import commit_all, git, init_repo
from tests.helpers import REPO_ROOT, copy_example

#: Real pre-commit builds a virtualenv of this checkout: slow.
pytestmark = pytest.mark.slow

HOOK_ID = "pocmvp-lint"
#: Files pre-commit needs to pip-install the hook from a repository.
PROJECT_FILES = ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE")
#: Building the hook environment downloads packages; later runs take about a second.
TIMEOUT = 600


@dataclass(frozen=True)
class HookSource:
    repo: Path
    rev: str
    home: Path


def _clean_env(home: Path) -> dict[str, str]:
    """The environment for pre-commit and git: no inherited GIT_* state, a shared PRE_COMMIT_HOME."""
    keep = ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")  # set by conftest to isolate git
    dropped = ("GIT_", "PRE_COMMIT", "VIRTUAL_ENV", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k in keep or not k.startswith(dropped)}
    env.update(GIT_IDENTITY)
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> HookSource:
    """A committed copy of this checkout's project files, and a PRE_COMMIT_HOME with its hook env built."""
    base = tmp_path_factory.mktemp("precommit")
    repo = init_repo(base / "pocmvp-lint")
    for name in PROJECT_FILES:
        source = REPO_ROOT / name
        if source.is_file():
            shutil.copy2(source, repo / name)
    if not (repo / "README.md").exists():  # pyproject's `readme` must exist for the build
        (repo / "README.md").write_text("# pocmvp-lint\n", encoding="utf-8")
    shutil.copytree(
        REPO_ROOT / "pocmvp_lint", repo / "pocmvp_lint", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    commit_all(repo, "pocmvp-lint under test")
    hook = HookSource(repo=repo, rev=git(repo, "rev-parse", "HEAD").strip(), home=base / "home")
    # Build the hook environment once, in a throwaway repository, so every test reuses it.
    warmup = _project(base / "warmup", {"README.md": "# warm-up\n"}, hook)
    proc = _pre_commit(hook, warmup, "install-hooks")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return hook


def _config(source: HookSource, args: Sequence[str] = ()) -> str:
    lines = [
        "repos:",
        f"  - repo: {source.repo.as_posix()}",
        f"    rev: {source.rev}",
        "    hooks:",
        f"      - id: {HOOK_ID}",
    ]
    if args:
        lines.append("        args: [" + ", ".join(args) + "]")
    return "\n".join(lines) + "\n"


def _project(
    path: Path, files: dict[str, str], source: HookSource, *, args: Sequence[str] = (), example: str | None = None
) -> Path:
    """A committed git repository with ``files`` (or an example's files) and the hook configured."""
    if example is not None:
        copy_example(example, path)
    init_repo(path)
    for name, content in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (path / ".pre-commit-config.yaml").write_text(_config(source, args), encoding="utf-8")
    commit_all(path, "project")
    return path


def _pre_commit(source: HookSource, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=_clean_env(source.home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _run_all(source: HookSource, repo: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit run --all-files`: pre-commit merges the hook's stderr into its stdout."""
    return _pre_commit(source, repo, "run", "--all-files")


def _git(source: HookSource, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        env=_clean_env(source.home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_drifting_poc_shows_its_warnings_and_passes(hook_source: HookSource, tmp_path: Path) -> None:
    repo = _project(tmp_path / "repo", {}, hook_source, example="poc-drifting")
    proc = _run_all(hook_source, repo)
    assert proc.returncode == 0, proc.stdout
    assert "Passed" in proc.stdout and "Failed" not in proc.stdout
    # `verbose: true` in the manifest: the warnings are shown although the hook passed.
    for code in ("POC101", "POC102", "POC104", "POC105", "POC106", "POC107"):
        assert code in proc.stdout, code
    assert "drifting toward production" in proc.stdout


def test_fail_on_warning_makes_the_drifting_poc_fail(hook_source: HookSource, tmp_path: Path) -> None:
    repo = _project(tmp_path / "repo", {}, hook_source, args=("--fail-on", "warning"), example="poc-drifting")
    proc = _run_all(hook_source, repo)
    assert proc.returncode == 1, proc.stdout
    assert "Failed" in proc.stdout
    assert "exit code: 1" in proc.stdout
    assert "POC101" in proc.stdout


def test_repository_without_project_toml_fails_with_stg001(hook_source: HookSource, tmp_path: Path) -> None:
    repo = _project(tmp_path / "repo", {"app.py": "print('hello')\n", "README.md": "# App\n"}, hook_source)
    proc = _run_all(hook_source, repo)
    assert proc.returncode == 1, proc.stdout
    assert "Failed" in proc.stdout
    assert "STG001" in proc.stdout and "pocmvp-lint init" in proc.stdout


def test_clean_poc_passes(hook_source: HookSource, tmp_path: Path) -> None:
    repo = _project(tmp_path / "repo", {}, hook_source, args=("--fail-on", "info"), example="poc-clean")
    proc = _run_all(hook_source, repo)
    assert proc.returncode == 0, proc.stdout
    assert "Passed" in proc.stdout
    assert "0 findings" in proc.stdout


def test_git_commit_checks_the_staged_tree(hook_source: HookSource, tmp_path: Path) -> None:
    """Installed as a git hook: untracked files are not checked, staging one is."""
    repo = _project(tmp_path / "repo", {}, hook_source, args=("--fail-on", "warning"), example="poc-clean")
    installed = _pre_commit(hook_source, repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    head = git(repo, "rev-parse", "HEAD").strip()

    # A Dockerfile in the work tree but not in the index: the staged tree is clean, the commit lands.
    (repo / "Dockerfile").write_text('FROM python:3.12-slim\nCMD ["python", "-m", "matcher"]\n', encoding="utf-8")
    (repo / "data" / "notes.txt").write_text("threshold 0.92 looks right\n", encoding="utf-8")
    _git(hook_source, repo, "add", "data/notes.txt")
    landed = _git(hook_source, repo, "commit", "-m", "notes")
    assert landed.returncode == 0, landed.stdout + landed.stderr
    assert "pocmvp-lint" in landed.stdout + landed.stderr  # the hook ran
    assert "POC101" not in landed.stdout + landed.stderr
    second = git(repo, "rev-parse", "HEAD").strip()
    assert second != head

    # Staging the Dockerfile makes it part of the checked tree: the commit is refused.
    _git(hook_source, repo, "add", "Dockerfile")
    refused = _git(hook_source, repo, "commit", "-m", "containerise the POC")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "POC101" in output and "Failed" in output
    assert git(repo, "rev-parse", "HEAD").strip() == second


def test_hook_speaks_only_about_what_the_commit_introduces(hook_source: HookSource, tmp_path: Path) -> None:
    """Issue 11: a one-line edit prints one line about old debt; a new warning prints in full and,
    with the README's `--fail-on warning --new-only`, blocks the commit; old debt does not."""
    repo = _project(
        tmp_path / "repo", {}, hook_source, args=("--fail-on", "warning", "--new-only"), example="poc-drifting"
    )
    installed = _pre_commit(hook_source, repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    code = repo / "app" / "extract.py"  # not evidence of any finding
    code.write_text(code.read_text(encoding="utf-8") + "# a one-line edit\n", encoding="utf-8")
    _git(hook_source, repo, "add", "app/extract.py")
    edit = _git(hook_source, repo, "commit", "-m", "edit")
    output = edit.stdout + edit.stderr
    assert edit.returncode == 0, output
    assert re.search(r"\n\d+ existing warnings[^\n]*\(pocmvp-lint check to see them\)\n", output), output
    assert "why:" not in output and "POC101" not in output and "this commit" not in output

    (repo / "Procfile").write_text("web: python -m app.main\n", encoding="utf-8")
    _git(hook_source, repo, "add", "Procfile")
    refused = _git(hook_source, repo, "commit", "-m", "deploy")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "new this commit adds Procfile" in output and "why:" in output and "fix:" in output

    _git(hook_source, repo, "reset", "-q", "Procfile")
    everything = _run_all(hook_source, repo)  # no commit is being made: every finding, no "this commit"
    assert "this commit" not in everything.stdout and "POC101" in everything.stdout
