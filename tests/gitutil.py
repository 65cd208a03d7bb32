"""Helpers for tests that build real, temporary git repositories with fixed identities and dates."""

from __future__ import annotations

import os
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


def dated(iso: str) -> dict[str, str]:
    """Environment that dates a commit at ``iso`` (e.g. "2026-01-01T12:00:00+00:00")."""
    return {"GIT_AUTHOR_DATE": iso, "GIT_COMMITTER_DATE": iso}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full_env = {**os.environ, **ENV, **(env or {})}
    proc = subprocess.run(["git", *args], cwd=repo, env=full_env, capture_output=True, text=True, check=True)
    return proc.stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test Author")
    git(path, "config", "user.email", "author@example.invalid")
    git(path, "config", "commit.gpgsign", "false")
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
