"""Where the tests keep their temporary folders: in memory when the machine offers it.

The fast layer builds about 1,200 throwaway folders and git repositories (some 21,000 files and
folders). On a disk-backed ``/tmp`` each of those creations is a journalled metadata write: on the
virtual disk we measured, about 0.1 ms apiece: a quarter of the run. Linux keeps a
memory file system at ``/dev/shm`` (Debian 13 mounts ``/tmp`` itself that way). The session's
temporary folders go there when it is a writable tmpfs that allows executables (tests run git
wrappers they write) with room to spare; never when the developer chose a folder (``TMPDIR`` or
``--basetemp``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: The memory-backed folder Linux provides.
SHARED_MEMORY = Path("/dev/shm")
#: Free space it must have: a whole run's folders take about 50 MB; the rest is left to others.
MIN_FREE = 1 << 30


def mount_options(mounts: str, folder: Path) -> tuple[str, ...] | None:
    """The options of ``folder``'s tmpfs mount in ``mounts`` (``/proc/self/mounts`` text); None
    when it is not mounted as tmpfs (the last mount of a folder is the one in force)."""
    found = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[1] == str(folder):
            found = tuple(fields[3].split(",")) if fields[2] == "tmpfs" else None
    return found


def choose(environ: Mapping[str, str], mounts: str, free: int, writable: bool) -> Path | None:
    """``SHARED_MEMORY`` when the tests may keep their folders there, else None (the default)."""
    if environ.get("TMPDIR"):
        return None
    options = mount_options(mounts, SHARED_MEMORY)
    if options is None or "noexec" in options or "ro" in options:
        return None
    return SHARED_MEMORY if writable and free >= MIN_FREE else None


def memory_folder() -> Path | None:
    """``choose`` on this machine."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        stat = os.statvfs(SHARED_MEMORY)
    except OSError:
        return None
    writable = os.access(SHARED_MEMORY, os.W_OK | os.X_OK)
    return choose(os.environ, mounts, stat.f_bavail * stat.f_frsize, writable)
