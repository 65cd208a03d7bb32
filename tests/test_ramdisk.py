"""The tests keep their temporary folders in memory only where that is safe and wanted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ramdisk import MIN_FREE, SHARED_MEMORY, choose, mount_options

DEBIAN = "sysfs /sys sysfs rw,nosuid 0 0\ntmpfs /dev/shm tmpfs rw,nosuid,nodev,inode64 0 0\n"
DOCKER = "tmpfs /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k 0 0\n"


def test_a_writable_executable_tmpfs_with_room_is_chosen() -> None:
    assert choose({}, DEBIAN, MIN_FREE, writable=True) == SHARED_MEMORY


@pytest.mark.parametrize(
    ("environ", "mounts", "free", "writable"),
    [
        ({"TMPDIR": "/scratch"}, DEBIAN, MIN_FREE, True),  # the developer chose a folder
        ({}, DOCKER, MIN_FREE, True),  # noexec: the tests' git wrappers could not run
        ({}, DEBIAN, MIN_FREE - 1, True),  # too small (a container's 64 MB default)
        ({}, DEBIAN, MIN_FREE, False),  # not ours to write
        ({}, "/dev/vda1 /dev/shm ext4 rw 0 0\n", MIN_FREE, True),  # not in memory
        ({}, "", MIN_FREE, True),  # not mounted at all (another system)
        ({}, DEBIAN + "tmpfs /dev/shm tmpfs ro,nosuid 0 0\n", MIN_FREE, True),  # remounted read-only
    ],
)
def test_anything_less_keeps_the_default(environ: dict[str, str], mounts: str, free: int, writable: bool) -> None:
    assert choose(environ, mounts, free, writable) is None


def test_the_last_mount_of_the_folder_is_the_one_in_force() -> None:
    over = "tmpfs /dev/shm tmpfs rw,noexec 0 0\n" + DEBIAN
    assert mount_options(over, Path("/dev/shm")) == ("rw", "nosuid", "nodev", "inode64")
