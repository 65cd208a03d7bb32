"""A project's inventory: its files (project-relative) with fast lookups and bounded reads."""

from __future__ import annotations

import gc
import posixpath
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from pocmvp_lint.catalogue import GROUPED_EXTENSIONS, name_is_kept, prefix_is_kept, substring_is_kept
from pocmvp_lint.inventory.classify import Classified, classify, reclassify, select
from pocmvp_lint.inventory.filters import pattern_filter
from pocmvp_lint.inventory.reader import Reader
from pocmvp_lint.scancache import ScanCache

_T = TypeVar("_T")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large, acyclic indexes.

    Building an index of 100k paths allocates 100k lists and tuples; each allocation burst would
    otherwise trigger collections that scan every live container (about 40% of the build time).
    Nothing built inside creates reference cycles, so pausing loses nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Inventory:
    """The files one project owns, as POSIX paths relative to the project folder.

    ``prefix`` is the project folder relative to the repository root ("" at the root), so
    ``repo_path`` turns a project-relative path into the repository-relative one users see.
    """

    root: Path
    prefix: str
    files: tuple[str, ...]
    is_git: bool = True
    reader: Reader = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    #: The inventory this one derives from (today's, for the base of a change): detectors may
    #: reuse its per-file results (its ``memo``) for the files ``reader.as_today`` says are unchanged.
    today: Inventory | None = field(default=None, repr=False, compare=False)
    #: The credential scan's cache of the work tree (``pocmvp_lint.scancache``), when in use.
    cache: ScanCache | None = field(default=None, repr=False, compare=False)
    #: The classification of ``files``, when it was made while selecting them (``build_inventory``).
    preclassified: Classified | None = field(default=None, repr=False, compare=False)
    #: Whether ``files`` are in Python's sort order: then ``exists`` bisects them (no set of every path).
    ordered: bool = field(default=False, repr=False, compare=False)
    #: How ``files`` differ from ``today``'s, when the caller knows: (paths gone, paths appended).
    delta: tuple[tuple[str, ...], tuple[str, ...]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.reader is None:
            object.__setattr__(self, "reader", Reader(self.root / self.prefix if self.prefix else self.root))

    # ---- lookups -------------------------------------------------------------------------
    @cached_property
    def file_set(self) -> frozenset[str]:
        return frozenset(self.files)

    @cached_property
    def classified(self) -> Classified:
        """The one classification pass over ``files`` (see ``pocmvp_lint.inventory.classify``);
        an inventory derived from ``today``'s adjusts its classification for the paths that differ."""
        if self.preclassified is not None:
            return self.preclassified
        today = self.today
        with gc_paused():
            if today is None or today.prefix != self.prefix:
                return classify(self.files)
            if self.delta is not None:
                return reclassify(today.classified, *self.delta)
            mine, before = self.file_set, today.file_set
            removed = [p for p in today.files if p not in mine]
            added = [p for p in self.files if p not in before]
            if self.files[len(self.files) - len(added) :] != tuple(added):
                return classify(self.files)  # reclassify appends the new paths: only for that order
            return reclassify(today.classified, removed, added)

    @cached_property
    def _indexes(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """Every base name and extension, for lookups the catalogue does not cover (plugins).

        The built-in detectors never need it: what they look up is in the catalogue."""
        with gc_paused():
            return self._build_indexes()

    def _build_indexes(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        by_name: dict[str, list[str]] = {}
        by_ext: dict[str, list[str]] = {}
        for path in self.files:
            low = path[path.rfind("/") + 1 :].lower()
            by_name.setdefault(low, []).append(path)
            dot = low.rfind(".")
            if dot > 0:
                by_ext.setdefault(low[dot + 1 :], []).append(path)
        return ({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_ext.items()})

    def named(self, *names: str) -> tuple[str, ...]:
        """Files whose base name is one of ``names`` (case-insensitive), in listing order."""
        out: list[str] = []
        for name in names:
            low = name.lower()
            index = self.classified.by_name if name_is_kept(low) else self._indexes[0]
            out.extend(index.get(low, ()))
        return tuple(out)

    def with_ext(self, *exts: str) -> tuple[str, ...]:
        """Files whose extension (without the dot) is one of ``exts`` (case-insensitive)."""
        out: list[str] = []
        for ext in exts:
            low = ext.lower()
            index = self.classified.by_ext if low in GROUPED_EXTENSIONS else self._indexes[1]
            out.extend(index.get(low, ()))
        return tuple(out)

    def names(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(lower-case base name, paths) pairs of every file: for detectors matching names by pattern."""
        return iter(self._indexes[0].items())

    def names_starting(self, prefixes: tuple[str, ...]) -> list[str]:
        """Distinct lower-case base names starting with one of ``prefixes``."""
        kept = all(prefix_is_kept(p.lower()) for p in prefixes)
        pool = self.classified.by_name if kept else self._indexes[0]
        return sorted(name for name in pool if name.startswith(prefixes))

    def names_containing(self, *needles: str) -> list[str]:
        """Distinct lower-case base names containing one of ``needles``, sorted."""
        kept = all(substring_is_kept(n.lower()) for n in needles)
        pool = self.classified.by_name if kept else self._indexes[0]
        return sorted({name for name in pool if any(n in name for n in needles)})

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        """``compute()`` once per inventory: detectors share derived indexes (parsed CI, stats) this way."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def exists(self, path: str) -> bool:
        if self.ordered:
            at = bisect_left(self.files, path)
            return at < len(self.files) and self.files[at] == path
        return path in self.file_set

    def under(self, folder: str) -> tuple[str, ...]:
        """Files below ``folder`` (project-relative, no trailing slash)."""
        prefix = folder.rstrip("/") + "/"
        return tuple(p for p in self.files if p.startswith(prefix))

    # ---- reads ---------------------------------------------------------------------------
    def text(self, path: str) -> str | None:
        """Bounded text of a project-relative path; None for binaries, symlinks, folders, errors."""
        return self.reader.text(path)

    def yaml(self, path: str) -> tuple[Any, ...] | None:
        """Parsed YAML documents of a project-relative path; None when unparseable or too big."""
        return self.reader.yaml_documents(path)

    def repo_path(self, path: str) -> str:
        return posixpath.join(self.prefix, path) if self.prefix else path


def build_inventory(
    root: Path,
    prefix: str,
    repo_files: Sequence[str],
    *,
    nested: Sequence[str] = (),
    exclude: Sequence[str] = (),
    is_git: bool = True,
    apply_default_excludes: bool = True,
    cache: ScanCache | None = None,
    ordered: bool = False,
) -> Inventory:
    """Select the files of the project at ``prefix`` from the whole repository listing.

    ``nested`` holds the prefixes of other projects below this one: their files belong to them.
    ``exclude`` holds gitignore-style patterns relative to the project folder. ``ordered``: the
    listing is in Python's sort order (the selection keeps it).
    """
    head = prefix.rstrip("/") + "/" if prefix else ""
    nested_heads = tuple(n.rstrip("/") + "/" for n in nested if n != prefix)
    if head and ordered and repo_files and repo_files[0].startswith(head) and repo_files[-1].startswith(head):
        # a sorted range below the project (a monorepo's project): made relative in one pass in C,
        # so the classification pass neither tests nor cuts each path, and keeps the tuple itself
        cut = len(head)
        repo_files = tuple(map(itemgetter(slice(cut, None)), repo_files))
        nested_heads = tuple(n[cut:] for n in nested_heads if n.startswith(head))
        head = ""
    with gc_paused():
        files, classified = select(
            repo_files,
            head=head,
            nested=nested_heads,
            default_excludes=apply_default_excludes,
            excluded=pattern_filter(exclude),
        )
    return Inventory(
        root=root,
        prefix=prefix.rstrip("/"),
        files=files,
        is_git=is_git,
        cache=cache,
        preclassified=classified,
        ordered=ordered,
    )
