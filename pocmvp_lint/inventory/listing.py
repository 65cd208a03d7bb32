"""List the files of a tree: git's index when there is one, a pruned folder walk otherwise."""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pocmvp_lint import scancache, vcs
from pocmvp_lint.catalogue import WALK_PRUNE

_T = TypeVar("_T")

#: Upper bound on the number of files a folder walk collects (a guard against walking ``/``).
WALK_MAX_FILES = 1_000_000


@dataclass(frozen=True)
class Listing:
    """Files under ``root`` as repository-relative POSIX paths."""

    root: Path
    files: tuple[str, ...]
    is_git: bool
    #: The work tree's HEAD as read when it was listed (None: not listed through git).
    state: vcs.RepoState | None = field(default=None, repr=False, compare=False, hash=False)
    #: The credential scan's cache for this work tree (None: ``--no-cache``, no git, no cache folder).
    cache: scancache.ScanCache | None = field(default=None, repr=False, compare=False, hash=False)
    #: Results derived from this listing, computed once per run (see ``memo``).
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def memo(self, key: Any, compute: Callable[[], _T]) -> _T:
        """``compute()`` once per listing and ``key``; later calls return the same value."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def sorted_files(self) -> tuple[str, ...]:
        """``files`` in Python's order, once per run: ``files`` itself when git's order is already
        that (the usual case), so a million paths are not held twice."""
        return self.memo("sorted-files", lambda: _sorted(self.files))

    def paths(self) -> SortedPaths:
        """The listed files as a collection with membership by bisection (no set of every path)."""
        return SortedPaths(self.sorted_files())


#: Up to this many paths, a list drops them one by one (a C-level search each) instead of being filtered.
FEW_PATHS = 16


def without(files: Sequence[str], drop: Collection[str]) -> list[str]:
    """``files`` without those in ``drop`` (each listed at most once), in their order: for a few
    paths (a commit's), a copy and a search each instead of a membership test per path."""
    if len(drop) > FEW_PATHS:
        gone = drop if isinstance(drop, (set, frozenset)) else frozenset(drop)
        return [f for f in files if f not in gone]
    out = list(files)
    for path in drop:
        if path in out:
            out.remove(path)
    return out


def _sorted(files: tuple[str, ...]) -> tuple[str, ...]:
    ordered = tuple(sorted(files))
    return files if ordered == files else ordered


@dataclass(frozen=True)
class SortedPaths(Collection[str]):
    """Paths in a sorted tuple, looked up by bisection: a set's membership in a tenth of its memory."""

    items: tuple[str, ...]

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        at = bisect_left(self.items, path)
        return at < len(self.items) and self.items[at] == path

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def display_path(path: str) -> str:
    """A path safe to print and serialise: undecodable bytes (kept by ``surrogateescape`` so the
    file can still be opened) become ``\\xNN`` escapes, as git itself shows them."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def git_toplevel(path: Path) -> Path | None:
    """The work tree root holding ``path``, or None outside git (or without git installed).

    Raises ``GitError`` when git refuses the repository or cannot read its HEAD.
    """
    return vcs.toplevel(path)


def git_files(toplevel: Path) -> tuple[str, ...]:
    """Paths in git's index (what the next commit holds)."""
    return vcs.ls_files(toplevel)


def _is_venv(dirpath: str, filenames: list[str]) -> bool:
    return "pyvenv.cfg" in filenames or os.path.exists(os.path.join(dirpath, "conda-meta", "history"))


def walk_files(root: Path) -> tuple[str, ...]:
    """Walk ``root`` without following symlinked folders, pruning VCS, dependency and venv folders."""
    found: list[str] = []
    base = str(root)
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        if _is_venv(dirpath, filenames) and dirpath != base:
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if d not in WALK_PRUNE)
        rel_dir = os.path.relpath(dirpath, base)
        prefix = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        for name in sorted(filenames):
            found.append(prefix + name)
            if len(found) >= WALK_MAX_FILES:
                return tuple(found)
    return tuple(found)


def list_tree(path: Path, *, use_git: bool = True, scan_version: str | None = None) -> Listing:
    """List the tree containing ``path``: the git work tree if any, else ``path`` itself.

    With ``scan_version`` (the credential scanner's) a git listing carries the scan cache of its
    work tree (``pocmvp_lint.scancache``): which staged blobs are known clean."""
    path = path.resolve()
    if use_git:
        state = vcs.probe(path)
        if state is not None:
            top = state.root
            root = top.resolve()
            file = scancache.cache_file(root) if scan_version is not None else None
            if scan_version is None or file is None:
                return Listing(root=root, files=git_files(top), is_git=True, state=state)
            files, cache = _cached_listing(top, state.index, file, root, scan_version)
            return Listing(root=root, files=files, is_git=True, state=state, cache=cache)
    root = path if path.is_dir() else path.parent
    return Listing(root=root, files=walk_files(root), is_git=False)


def _cached_listing(
    top: Path, index: Path | None, file: Path, root: Path, version: str
) -> tuple[tuple[str, ...], scancache.ScanCache]:
    """The index's paths and the scan cache's view of them. When the index is the one the cache
    file's snapshot was taken of (same stamp before and after listing), the paths alone are
    listed and the ones to read come from the snapshot; otherwise every path's staged blob id is
    compared with the known-clean ids, and a snapshot of this index is kept for the next run."""
    known, length, snapshot = scancache.load(file, root, version)
    stamp = vcs.index_stamp(index) if index is not None else None
    loaded = snapshot.stamp if snapshot is not None else None
    if stamp is not None and snapshot is not None and stamp == snapshot.stamp and index is not None:
        files = vcs.ls_files(top)
        if len(files) == snapshot.files and vcs.index_stamp(index) == stamp:
            unknown = frozenset(
                files[at] for blob, places in snapshot.pending.items() if blob not in known for at in places
            )
            cache = scancache.ScanCache(
                file,
                version,
                length,
                None if len(unknown) == len(files) else unknown,
                known,
                known,
                snapshot=snapshot,
                loaded_index=loaded,
            )
            return files, cache
    staged = vcs.ls_files_known(top, known)
    if index is not None and stamp is not None and vcs.index_stamp(index) != stamp:
        stamp = None  # the index changed while it was listed: keep no snapshot of it
    kept = (
        scancache.Snapshot(stamp, len(staged.files), _by_blob(staged.pending))
        if stamp is not None and staged.pending is not None
        else None
    )
    cache = scancache.ScanCache(
        file, version, staged.id_length, staged.unknown, known, staged.seen, snapshot=kept, loaded_index=loaded
    )
    return staged.files, cache


def _by_blob(pending: Iterable[tuple[int, str]]) -> dict[str, tuple[int, ...]]:
    """(position, blob id) pairs as the positions of each blob id."""
    places: dict[str, list[int]] = {}
    for at, blob in pending:
        places.setdefault(blob, []).append(at)
    return {blob: tuple(at) for blob, at in places.items()}
