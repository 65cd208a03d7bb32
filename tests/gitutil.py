"""Helpers for tests that build real, temporary git repositories with fixed identities and dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import stat
import struct
import subprocess
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
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
    """``git add -A`` then ``git commit --allow-empty -m MESSAGE``: written here when the repository
    is a plain one (see ``_written_commit``), by git otherwise."""
    if not _written_commit(repo, message, {**os.environ, **ENV, **env}):
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", message, env=env or None)


def stage_all(repo: Path) -> None:
    """``git add -A``: the index written here when the repository is a plain one, by git otherwise."""
    if (snapshot := _plain_snapshot(repo)) is not None:
        _write_index(repo, snapshot)
    else:
        git(repo, "add", "-A")


def make_repo(path: Path, files: dict[str, str], *, commit: bool = True) -> Path:
    repo = init_repo(path)
    write(repo, files)
    if commit:
        commit_all(repo)
    else:
        stage_all(repo)
    return repo


# ---- `git add -A` and `git commit` without a git process --------------------------------------------
# Tests build about 450 commits in the fast layer; writing them here saves two git processes each.
# Objects, index (version 2), ref and reflog are written as git writes them (tests/test_gitutil.py
# checks them against git itself). Whatever git could treat otherwise goes to git: ignore or
# attribute files, nested repositories, a repository config or state tests changed, a detached
# HEAD, packed refs, unusual messages, names or dates.
_STATE_FILES = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "packed-refs", "info", "shallow", "commondir")
#: Names starting with ``.git`` that git stages like any other (a CI folder or file); every other
#: such name (``.git``, ``.gitignore``, ``.gitattributes``, ``.gitmodules``...) goes to git.
_ORDINARY_DOT_GIT = frozenset({".github", ".gitlab", ".gitlab-ci.yml", ".gitkeep"})
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9@][A-Za-z0-9@ ._+'-]*")
_ZERO = "0" * 40
#: Past this many files git's own `add` (C, one process) is the faster one.
_MOST_FILES = 200
_REDIRECTS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY")


@dataclass(frozen=True)
class _Entry:
    path: bytes
    mode: int
    info: os.stat_result


def _plain_snapshot(repo: Path) -> list[_Entry] | None:
    """The files ``git add -A`` would stage in ``repo``, or None when git might decide otherwise."""
    git_dir = repo / ".git"
    template = os.environ.get(TEMPLATE_VAR)
    if not template or not git_dir.is_dir() or any((git_dir / name).exists() for name in _STATE_FILES):
        return None
    if (git_dir / "config").read_bytes() != (Path(template) / "config").read_bytes():
        return None
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    if os.path.exists(os.path.join(xdg, "git", "ignore")):
        return None
    entries: list[_Entry] = []
    for folder, dirs, names in os.walk(repo):
        if folder == str(repo):
            dirs.remove(".git")
        for name in [*dirs, *names]:
            full = os.path.join(folder, name)
            info = os.lstat(full)
            special = name.startswith(".git") and name not in _ORDINARY_DOT_GIT
            if special or not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
                return None
            if not stat.S_ISDIR(info.st_mode):  # a file, or a symbolic link (never followed, as git does)
                try:
                    path = os.path.relpath(full, repo).encode("utf-8")
                except UnicodeEncodeError:
                    return None
                entries.append(_Entry(path, _mode(info), info))
                if len(entries) > _MOST_FILES:
                    return None
    return sorted(entries, key=lambda entry: entry.path)


def _mode(info: os.stat_result) -> int:
    """The mode git records: a symbolic link, an executable file or a plain one."""
    if stat.S_ISLNK(info.st_mode):
        return 0o120000
    return 0o100755 if info.st_mode & stat.S_IXUSR else 0o100644


def _content(repo: Path, entry: _Entry) -> bytes:
    """What git stores for an entry: a file's bytes, a symbolic link's target."""
    full = repo / entry.path.decode()
    return os.fsencode(os.readlink(full)) if entry.mode == 0o120000 else full.read_bytes()


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


def _tree(git_dir: Path, entries: list[tuple[bytes, int, bytes]]) -> bytes:
    """The tree object of ``entries`` (path below this tree, mode, id); returns its id."""
    here: list[tuple[bytes, bytes]] = []  # (sort key, entry)
    folders: dict[bytes, list[tuple[bytes, int, bytes]]] = {}
    for path, mode, ident in entries:
        top, slash, rest = path.partition(b"/")
        if slash:
            folders.setdefault(top, []).append((rest, mode, ident))
        else:
            here.append((top, b"%o %s\0" % (mode, top) + ident))
    for top, inside in folders.items():
        here.append((top + b"/", b"40000 %s\0" % top + _tree(git_dir, inside)))
    return _object(git_dir, "tree", b"".join(entry for _, entry in sorted(here)))


def _write_index(repo: Path, snapshot: list[_Entry]) -> list[tuple[bytes, int, bytes]]:
    """Stores the blobs and writes the index of ``snapshot``; returns (path, mode, blob id) each."""
    git_dir = repo / ".git"
    staged = [(e.path, e.mode, _object(git_dir, "blob", _content(repo, e))) for e in snapshot]
    index = bytearray(b"DIRC" + struct.pack(">II", 2, len(snapshot)))
    for entry, (path, mode, blob) in zip(snapshot, staged, strict=True):
        info = entry.info
        fields = (
            int(info.st_ctime),
            info.st_ctime_ns % 1_000_000_000,
            int(info.st_mtime),
            info.st_mtime_ns % 1_000_000_000,
            info.st_dev & 0xFFFFFFFF,
            info.st_ino & 0xFFFFFFFF,
            mode,
            info.st_uid,
            info.st_gid,
            info.st_size & 0xFFFFFFFF,
        )
        packed = struct.pack(">10I", *fields) + blob + struct.pack(">H", min(len(path), 0xFFF)) + path
        index += packed + b"\0" * (8 - len(packed) % 8)
    (git_dir / "index").write_bytes(bytes(index) + hashlib.sha1(index).digest())
    return staged


def _signature(env: Mapping[str, str], role: str) -> str | None:
    name, email = env.get(f"GIT_{role}_NAME", ""), env.get(f"GIT_{role}_EMAIL", "")
    if not (_PLAIN_TEXT.fullmatch(name) and _PLAIN_TEXT.fullmatch(email)) or name.endswith(" "):
        return None
    when = env.get(f"GIT_{role}_DATE")
    if when is None:
        moment = dt.datetime.now().astimezone().replace(microsecond=0)
    else:
        try:
            moment = dt.datetime.fromisoformat(when)
        except ValueError:
            return None
    offset = moment.utcoffset()
    if offset is None or moment.microsecond or offset.seconds % 60:
        return None
    minutes = int(offset.total_seconds()) // 60
    zone = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return f"{name} <{email}> {int(moment.timestamp())} {zone}"


def _written_commit(repo: Path, message: str, env: Mapping[str, str]) -> bool:
    """Commits everything in ``repo`` as git would, if it is plain enough; False when not done."""
    git_dir = repo / ".git"
    author, committer = _signature(env, "AUTHOR"), _signature(env, "COMMITTER")
    head = (git_dir / "HEAD").read_text() if (git_dir / "HEAD").is_file() else ""
    plain_message = _PLAIN_TEXT.fullmatch(message) and not message.endswith(" ")
    if not (author and committer and plain_message and head.startswith("ref: refs/heads/")):
        return False
    if any(name in env for name in _REDIRECTS):
        return False
    branch = git_dir / head[len("ref: ") :].strip()
    parent = branch.read_text().strip() if branch.is_file() else None
    if parent is not None and not re.fullmatch(r"[0-9a-f]{40}", parent):
        return False
    snapshot = _plain_snapshot(repo)
    if snapshot is None:
        return False
    tree = _tree(git_dir, _write_index(repo, snapshot)).hex()
    parent_line = f"parent {parent}\n" if parent else ""
    body = f"tree {tree}\n{parent_line}author {author}\ncommitter {committer}\n\n{message}\n"
    new = _object(git_dir, "commit", body.encode()).hex()
    branch.parent.mkdir(parents=True, exist_ok=True)
    branch.write_text(f"{new}\n")
    what = "commit" if parent else "commit (initial)"
    line = f"{parent or _ZERO} {new} {committer}\t{what}: {message}\n"
    for log in (git_dir / "logs" / "HEAD", git_dir / "logs" / branch.relative_to(git_dir)):
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(line)
    return True


def copy_repo(source: Path, dest: Path) -> Path:
    """A copy of the repository (work tree and ``.git``) at ``source`` as ``dest``, which must not exist.

    The copy's index is refreshed, so git sees the copied files as it saw the originals.
    """
    shutil.copytree(source, dest, symlinks=True)
    git(dest, "update-index", "-q", "--refresh")
    return dest


def git_commands(log: Path) -> list[str]:
    """The git commands (first words) a ``git_log`` fixture logged, in order."""
    return [line.split()[0] for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
