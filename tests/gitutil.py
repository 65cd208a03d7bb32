"""Helpers for tests that build real, temporary git repositories with fixed identities and dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

#: A fixed identity. Commits are dated "now" unless a test passes dates (see ``dated``), so
#: history rules (POC age) see a young repository by default.
ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
#: Environment variable naming the session's template repository (set by ``tests/conftest.py``).
TEMPLATE_VAR = "POCMVP_TEST_GIT_TEMPLATE"


def dated(iso: str) -> dict[str, str]:
    """Environment that dates a commit at ``iso`` (e.g. "2026-01-01T12:00:00+00:00")."""
    return {"GIT_AUTHOR_DATE": iso, "GIT_COMMITTER_DATE": iso}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full_env = {**os.environ, **ENV, **(env or {})}
    proc = subprocess.run(["git", *args], cwd=repo, env=full_env, capture_output=True, text=True, check=True)
    return proc.stdout


def build_template(path: Path) -> Path:
    """An empty repository at ``path`` as ``init_repo`` leaves it (no sample hooks); returns its ``.git``."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "--template=", "-b", "main")
    git(path, "config", "user.name", "Test Author")
    git(path, "config", "user.email", "author@example.invalid")
    git(path, "config", "commit.gpgsign", "false")
    return path / ".git"


def init_repo(path: Path) -> Path:
    """An empty repository at ``path`` (files already there stay untracked), branch ``main``.

    Copies the session's template ``.git`` when there is one (four git processes fewer per
    repository); otherwise, or when ``path`` already holds a repository, builds it with git.
    """
    path.mkdir(parents=True, exist_ok=True)
    template = os.environ.get(TEMPLATE_VAR)
    if template and not (path / ".git").exists():
        shutil.copytree(template, path / ".git", symlinks=True)
        return path
    build_template(path)
    return path


def write(repo: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)


def commit_all(repo: Path, message: str = "commit", **env: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, env=env or None)


def make_repo(path: Path, files: dict[str, str], *, commit: bool = True) -> Path:
    repo = init_repo(path)
    write(repo, files)
    if commit:
        commit_all(repo)
    else:
        git(repo, "add", "-A")
    return repo


def copy_repo(source: Path, dest: Path) -> Path:
    """A copy of the repository (work tree and ``.git``) at ``source`` as ``dest``, which must not exist.

    The copy's index is refreshed, so git sees the copied files as it saw the originals.
    """
    shutil.copytree(source, dest, symlinks=True)
    git(dest, "update-index", "-q", "--refresh")
    return dest
