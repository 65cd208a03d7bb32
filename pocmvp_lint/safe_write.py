"""Writing files inside a possibly hostile work tree: never through a symlink, never outside it.

A checked-out repository may hold a dangling ``project.toml`` symlink to ``~/.bashrc`` or a folder
symlink to ``/etc``. Every folder from the work tree's root (the nearest folder holding ``.git``,
or the current folder) down to the file is opened with ``O_NOFOLLOW`` one step at a time, and the
file itself is created with ``O_CREAT | O_EXCL | O_NOFOLLOW``; replacing an existing file is only
allowed for a regular file, and never follows a symlink.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pocmvp_lint.errors import LintError

_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_REPLACE = os.O_WRONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class WriteRefused(LintError):
    """The target, or a folder on the way to it, is a symlink or not what it should be."""


def _boundary(parts: tuple[str, ...]) -> int:
    """Index in ``parts`` of the folder below which nothing may be a symlink.

    The outermost work tree root (a folder holding ``.git``) or the current folder, whichever
    comes first from the top; else the deepest folder that already exists.
    """
    here = os.getcwd()
    deepest = 0
    for index in range(len(parts) - 1):
        folder = os.path.join(*parts[: index + 1])
        if folder == here or os.path.lexists(os.path.join(folder, ".git")):
            return index
        if os.path.isdir(folder):
            deepest = index
        else:
            break
    return deepest


def _open_folder(parent: int, name: str, shown: str) -> int:
    """Open (creating it if missing) the folder ``name`` in ``parent``, never following a link."""
    for _ in range(2):
        try:
            return os.open(name, _DIR | _NOFOLLOW, dir_fd=parent)
        except FileNotFoundError:
            try:
                os.mkdir(name, dir_fd=parent)
            except FileExistsError:
                continue
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                raise WriteRefused(f"{shown} is a symlink or not a folder; refusing to write through it") from None
            raise
    raise WriteRefused(f"{shown} changed while it was being created")


def write_text(path: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path``; with ``replace`` an existing regular file is replaced.

    Raises ``WriteRefused`` (exit 2) for a symlink anywhere below the work tree's root, for an
    existing file without ``replace`` and for anything that is not a regular file.
    """
    parts = Path(os.path.abspath(path)).parts
    start = _boundary(parts)
    data = text.encode("utf-8")
    try:
        folder = os.open(os.path.join(*parts[: start + 1]), _DIR)
        try:
            for index in range(start + 1, len(parts) - 1):
                inner = _open_folder(folder, parts[index], os.path.join(*parts[: index + 1]))
                os.close(folder)
                folder = inner
            fd = _open_file(folder, parts[-1], path, replace)
        finally:
            os.close(folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise LintError(f"cannot write {path}: {exc.strerror or exc}") from None


def _open_file(folder: int, name: str, shown: Path, replace: bool) -> int:
    try:
        return os.open(name, _CREATE, 0o666, dir_fd=folder)
    except FileExistsError:
        pass
    mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
    if stat.S_ISLNK(mode):
        raise WriteRefused(f"{shown} is a symlink; refusing to write through it (remove it first)")
    if not stat.S_ISREG(mode):
        raise WriteRefused(f"{shown} exists and is not a regular file")
    if not replace:
        raise WriteRefused(f"{shown} already exists; use --force to overwrite it")
    try:
        fd = os.open(name, _REPLACE, dir_fd=folder)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteRefused(f"{shown} is a symlink; refusing to write through it") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise WriteRefused(f"{shown} exists and is not a regular file")
    os.ftruncate(fd, 0)
    return fd
