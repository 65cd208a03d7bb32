"""Files of the cache folder: read bounded, written atomically.

The cache folder (``scancache.cache_dir``) holds what one run leaves for the next: the credential
scan's known-clean ids (``scancache``) and the compiled patterns (``regexstore``). Both read their
file without following a symbolic link or blocking on a special file, up to a bound, and write it
through a temporary file and ``os.replace``, so a reader never sees half a file. A folder that
cannot be created or written means no cache, never an error.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def read_bounded(file: Path, limit: int) -> bytes | None:
    """The bytes of ``file``; None when it is missing, not a regular file (a symbolic link, a
    FIFO) or bigger than ``limit`` bytes."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return _read_all(fd, info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_all(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    while limit > 0:
        chunk = os.read(fd, min(limit, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def write_atomic(file: Path, data: bytes) -> None:
    """Write ``data`` to ``file`` (mode 0600, its folder created with 0700) in one replace; a
    folder that cannot be written is no error."""
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = str(file.parent / f".tmp-{os.getpid()}-{file.name}")
        _remove(temp)  # left by a run that died with this process id
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, file)
    except OSError:
        _remove(temp)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
