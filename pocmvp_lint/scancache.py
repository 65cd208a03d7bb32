"""The credential scan's cache: blob ids proven clean, so a repeat run does not read them again.

Content-addressed and exact (docs/secrets.md, "The cache"). When the scan reads a whole file
(not cut by its cap), at a path whose verdict does not depend on the path (not CI configuration,
not skipped as minified), and finds nothing, it hashes what it read the way git names a blob:
that id is "known clean". A later run does not read a path whose staged blob id (git's index) is
known clean: the staged content is, byte for byte, content already scanned clean.

The cache lives outside the repository: ``$POCMVP_LINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/pocmvp-lint``, else ``~/.cache/pocmvp-lint``; never in the work tree being
checked. One file per work tree (named after a hash of its top-level path), stamped with the
scanner's version: another version's file is ignored (and replaced on the next write). It holds
the known-clean ids the last run saw in the index plus those it proved, so it is bounded by the
repository's size; it is read bounded, and a corrupt, truncated or foreign file is ignored. It
is written atomically (a temporary file in the folder, then ``os.replace``), only when the run
proved new ids or listed another index; a folder that cannot be created or written just means
no cache.

It also keeps a snapshot of the last index listed (``Snapshot``): the index's stamp (its size
and git's own checksum of its content, ``vcs.index_stamp``), its number of paths, and, for each
path whose staged blob was not known clean, its position in the listing and that blob's id
(never a path). A run that finds the same stamp lists the paths alone, and takes the paths to
read from the snapshot instead of comparing every path's blob id again.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from pocmvp_lint.cachefile import read_bounded, write_atomic
from pocmvp_lint.digest import stamp

#: The environment variable naming the cache folder (it wins over the XDG location).
ENV = "POCMVP_LINT_CACHE_DIR"
#: First line of every cache file (the format's version).
MAGIC = b"pocmvp-lint scan cache 2"
#: A cache file bigger than this is not read (about two million ids).
MAX_BYTES = 96 * 1024 * 1024
#: Lengths of git's hex object ids (SHA-1 and SHA-256 repositories).
ID_LENGTHS = (40, 64)
_HEX = b"0123456789abcdef\n"
_HEX_TEXT = "0123456789abcdef"


class Snapshot(NamedTuple):
    """The index a run listed, as the next run finds it in the cache file."""

    #: ``vcs.index_stamp`` of the index.
    stamp: str
    #: How many paths its listing has.
    files: int
    #: The staged blob ids of the paths whose blob was not known clean, each with the positions
    #: of its paths in the listing.
    pending: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True)
class ScanCache:
    """One run's view of the cache of one work tree.

    ``unknown`` holds the repository-relative paths whose staged blob is not known clean (None:
    no path's is, every file is read); ``seen`` the known-clean ids some path of the index has.
    ``proven`` collects the ids this run proves clean (``prove``), written back by ``save``.
    """

    file: Path
    version: str
    id_length: int
    unknown: frozenset[str] | None
    loaded: frozenset[str]
    seen: frozenset[str]
    #: The index this run listed, to keep for the next run (None: none to keep).
    snapshot: Snapshot | None = None
    #: The stamp of the snapshot the cache file held (None: none).
    loaded_index: str | None = None
    proven: set[str] = field(default_factory=set, compare=False, repr=False)

    def is_clean(self, repo_path: str) -> bool:
        """Whether the staged content of ``repo_path`` is known clean."""
        return self.unknown is not None and repo_path not in self.unknown

    @cached_property
    def unknown_sorted(self) -> tuple[str, ...]:
        """``unknown`` in sort order: the paths below one folder are one range of it."""
        return tuple(sorted(self.unknown or ()))

    def unknown_below(self, head: str) -> list[str]:
        """The paths of ``unknown`` that start with ``head`` (a folder with its slash, or ""), by
        bisection: a monorepo's projects each take their range, not a pass over all of them."""
        found = self.unknown_sorted
        if not head:
            return list(found)
        return list(found[bisect_left(found, head) : bisect_left(found, head[:-1] + "0")])

    def prove(self, data: bytes) -> None:
        """Record ``data`` (a whole file, scanned clean) as known clean, by its blob id."""
        self.proven.add(blob_id(data, self.id_length))


def blob_id(data: bytes, id_length: int = 40) -> str:
    """The id git gives a blob holding ``data`` (``git hash-object``), in hex."""
    import hashlib  # heavy (OpenSSL): only when a file is read and proved clean

    # the constructors themselves: ``hashlib.new(name)`` costs twice as much per small file
    digest = hashlib.sha256 if id_length == 64 else hashlib.sha1
    return digest(b"blob %d\0%b" % (len(data), data)).hexdigest()


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """The cache folder: ``$POCMVP_LINT_CACHE_DIR``, ``$XDG_CACHE_HOME/pocmvp-lint`` or
    ``~/.cache/pocmvp-lint`` (None when no home folder is known)."""
    env = os.environ if env is None else env
    if env.get(ENV):
        return Path(env[ENV]).absolute()
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec ignores relative values
        return Path(xdg) / "pocmvp-lint"
    try:
        return Path.home() / ".cache" / "pocmvp-lint"
    except RuntimeError:
        return None


def cache_file(toplevel: Path, folder: Path | None = None) -> Path | None:
    """The cache file of the work tree at ``toplevel`` (resolved); None when there is no cache
    folder or it lies inside that work tree (the cache is never written into a repository)."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return None
    try:
        Path(os.path.realpath(folder)).relative_to(toplevel)
    except ValueError:
        return folder / f"{_tree_key(toplevel)[:32]}.ids"
    return None


def _tree_key(toplevel: Path) -> str:
    return stamp(os.fsencode(toplevel))


def encode(ids: Iterable[str], version: str, toplevel: Path, id_length: int, snapshot: Snapshot | None = None) -> bytes:
    """A cache file's bytes: the format, the scanner's version, the work tree's key, the ids'
    length and count, one id a line, then the snapshot's line (``index STAMP FILES COUNT``, or
    ``index -`` without one) and its COUNT lines ``ID POSITION...`` (one per pending blob id)."""
    body = "".join(f"{i}\n" for i in ids if len(i) == id_length).encode("ascii")
    header = b"%s\n%s\n%s\n%d %d\n" % (
        MAGIC,
        version.encode(),
        _tree_key(toplevel).encode(),
        id_length,
        body.count(b"\n"),
    )
    if snapshot is None or not _is_stamp(snapshot.stamp):
        return header + body + b"index -\n"
    rows = [
        f"{i} {' '.join(map(str, at))}\n" for i, at in sorted(snapshot.pending.items()) if len(i) == id_length and at
    ]
    tail = f"index {snapshot.stamp} {snapshot.files} {len(rows)}\n" + "".join(rows)
    return header + body + tail.encode("ascii")


def load(file: Path, toplevel: Path, version: str) -> tuple[frozenset[str], int, Snapshot | None]:
    """The known-clean ids of ``file``, their length and the snapshot of the index last listed;
    nothing when the file is missing, too big, not a regular file, corrupt, truncated, or another
    tree's or version's."""
    data = read_bounded(file, MAX_BYTES)
    return parse(data, toplevel, version) if data is not None else (frozenset(), 0, None)


def parse(data: bytes, toplevel: Path, version: str) -> tuple[frozenset[str], int, Snapshot | None]:
    """The ids and snapshot of a cache file's bytes (see ``load``)."""
    nothing: tuple[frozenset[str], int, Snapshot | None] = (frozenset(), 0, None)
    lines = data.split(b"\n", 4)
    if len(lines) != 5 or lines[0] != MAGIC or lines[1] != version.encode() or lines[2] != _tree_key(toplevel).encode():
        return nothing
    sizes = lines[3].split(b" ")
    if len(sizes) != 2 or not all(s.isdigit() for s in sizes):
        return nothing
    id_length, count = int(sizes[0]), int(sizes[1])
    step = id_length + 1
    body, tail = lines[4][: count * step], lines[4][count * step :]
    if (
        id_length not in ID_LENGTHS
        or len(body) != count * step
        or body[id_length::step] != b"\n" * count
        or body.translate(None, _HEX)
    ):
        return nothing
    snapshot = _snapshot(tail, id_length)
    if snapshot is False:
        return nothing
    return frozenset(body.decode("ascii").split("\n")[:-1]), id_length, snapshot


def _is_stamp(text: str) -> bool:
    """Whether ``text`` is a stamp as ``vcs.index_stamp`` writes it: the index's size, a dash and
    its 32 closing bytes in hex."""
    size, dash, tail = text.partition("-")
    return bool(dash) and size.isascii() and size.isdigit() and len(tail) == 64 and not tail.strip(_HEX_TEXT)


def _snapshot(tail: bytes, id_length: int) -> Snapshot | Literal[False] | None:
    """The snapshot section of a cache file (None: the file keeps none; False: it is damaged)."""
    if tail == b"index -\n":
        return None
    head, _, rest = tail.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 4 or fields[0] != b"index" or not fields[2].isdigit() or not fields[3].isdigit():
        return False
    index, files, count = fields[1].decode("ascii", "replace"), int(fields[2]), int(fields[3])
    try:
        rows = rest.decode("ascii").split("\n")
    except UnicodeDecodeError:
        return False
    if not _is_stamp(index) or len(rows) != count + 1 or rows[-1]:
        return False
    pending: dict[str, tuple[int, ...]] = {}
    for row in rows[:-1]:
        blob, places = row[:id_length], row[id_length + 1 :].split(" ")
        if row[id_length : id_length + 1] != " " or blob.strip(_HEX_TEXT) or blob in pending:
            return False
        if not all(map(str.isdigit, places)):
            return False
        positions = tuple(map(int, places))
        if max(positions) >= files:
            return False
        pending[blob] = positions
    return Snapshot(index, files, pending)


def save(cache: ScanCache, toplevel: Path) -> None:
    """Write the ids the run saw or proved clean, and the snapshot of the index it listed, when it
    proved new ids or listed another index than the file's (atomically; a folder that cannot be
    written is no error: the next run reads every file again)."""
    snapshot = cache.snapshot
    new = cache.proven - cache.loaded
    if not new and (snapshot is None or snapshot.stamp == cache.loaded_index):
        return
    ids = cache.seen | cache.proven
    if snapshot is not None:  # the pending blobs proved clean are no longer pending
        snapshot = snapshot._replace(pending={i: at for i, at in snapshot.pending.items() if i not in ids})
    data = encode(ids, cache.version, toplevel, cache.id_length, snapshot)
    if len(data) > MAX_BYTES:
        return
    write_atomic(cache.file, data)
