"""Helpers for tests that build real, temporary git repositories with fixed identities and dates."""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import time
import zlib
from collections.abc import Mapping
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
    fresh = not path.exists()
    repo = init_repo(path)
    write(repo, files)
    if fresh and _plain(files) and (repo / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n":
        _add_and_commit(repo, sorted(files), commit=commit)
    elif commit:
        commit_all(repo)
    else:
        git(repo, "add", "-A")
    return repo


# ---- `git add -A` and `git commit` for a new repository of plain files, without a git process ------
# make_repo builds about 200 repositories in the fast test layer; this saves two git processes each.
# Objects, index (version 2), ref and reflog are written as git writes them (tests/test_gitutil.py
# checks them against git itself); ignore or attribute files, or set dates, go to git.
_DATE_VARS = ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")


def _plain(files: Mapping[str, str]) -> bool:
    """Names git would add as they are: no ignore/attribute files, no odd path parts, no dates set."""
    if any(name in os.environ for name in _DATE_VARS):
        return False
    for name in files:
        parts = name.split("/")
        if any(part in ("", ".", "..") or part.startswith(".git") for part in parts):
            return False
    return True


def _object(git_dir: Path, kind: str, body: bytes) -> bytes:
    data = f"{kind} {len(body)}\0".encode() + body
    digest = hashlib.sha1(data).digest()
    hexed = digest.hex()
    folder = git_dir / "objects" / hexed[:2]
    folder.mkdir(exist_ok=True)
    target = folder / hexed[2:]
    if not target.exists():
        target.write_bytes(zlib.compress(data))
    return digest


def _tree(git_dir: Path, entries: Mapping[str, bytes], prefix: str = "") -> bytes:
    """The tree object of ``entries`` (path -> blob id) under ``prefix``; returns its id."""
    here: dict[str, tuple[bytes, bytes]] = {}  # sort key -> (mode and name, id)
    folders = sorted({p[len(prefix) :].split("/")[0] for p in entries if "/" in p[len(prefix) :]})
    for folder in folders:
        sub = {p: i for p, i in entries.items() if p.startswith(f"{prefix}{folder}/")}
        here[f"{folder}/"] = (b"40000 " + folder.encode(), _tree(git_dir, sub, f"{prefix}{folder}/"))
    for path, blob in entries.items():
        name = path[len(prefix) :]
        if "/" not in name:
            here[name] = (b"100644 " + name.encode(), blob)
    body = b"".join(
        mode_name + b"\0" + ident for _, (mode_name, ident) in sorted(here.items(), key=lambda item: item[0].encode())
    )
    return _object(git_dir, "tree", body)


def _index_entry(repo: Path, path: str, blob: bytes) -> bytes:
    info = os.lstat(repo / path)  # a file `write` made: regular, not executable
    name = path.encode()
    fields = (
        int(info.st_ctime),
        info.st_ctime_ns % 1_000_000_000,
        int(info.st_mtime),
        info.st_mtime_ns % 1_000_000_000,
        info.st_dev & 0xFFFFFFFF,
        info.st_ino & 0xFFFFFFFF,
        0o100644,
        info.st_uid,
        info.st_gid,
        info.st_size & 0xFFFFFFFF,
    )
    entry = struct.pack(">10I", *fields) + blob + struct.pack(">H", min(len(name), 0xFFF)) + name
    return entry + b"\0" * (8 - len(entry) % 8)


def _add_and_commit(repo: Path, paths: list[str], *, commit: bool) -> None:
    git_dir = repo / ".git"
    blobs = {path: _object(git_dir, "blob", (repo / path).read_bytes()) for path in paths}
    entries = b"".join(_index_entry(repo, p, blobs[p]) for p in sorted(paths, key=str.encode))
    index = b"DIRC" + struct.pack(">II", 2, len(paths)) + entries
    (git_dir / "index").write_bytes(index + hashlib.sha1(index).digest())
    if not commit:
        return
    tree = _tree(git_dir, blobs).hex()
    who = f"{ENV['GIT_COMMITTER_NAME']} <{ENV['GIT_COMMITTER_EMAIL']}> {int(time.time())} +0000"
    body = f"tree {tree}\nauthor {who}\ncommitter {who}\n\ncommit\n".encode()
    head = _object(git_dir, "commit", body).hex()
    (git_dir / "refs" / "heads" / "main").write_text(f"{head}\n")
    log = f"{'0' * 40} {head} {who}\tcommit (initial): commit\n"
    for ref in ("HEAD", "refs/heads/main"):
        target = git_dir / "logs" / ref
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(log)


def copy_repo(source: Path, dest: Path) -> Path:
    """A copy of the repository (work tree and ``.git``) at ``source`` as ``dest``, which must not exist.

    The copy's index is refreshed, so git sees the copied files as it saw the originals.
    """
    shutil.copytree(source, dest, symlinks=True)
    git(dest, "update-index", "-q", "--refresh")
    return dest
