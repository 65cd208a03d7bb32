"""A project's inventory: its files (project-relative) with fast lookups and bounded reads."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")

from pocmvp_lint.inventory.filters import default_excluded, pattern_filter
from pocmvp_lint.inventory.reader import Reader


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

    def __post_init__(self) -> None:
        if self.reader is None:
            object.__setattr__(self, "reader", Reader(self.root / self.prefix if self.prefix else self.root))

    # ---- lookups -------------------------------------------------------------------------
    @cached_property
    def file_set(self) -> frozenset[str]:
        return frozenset(self.files)

    @cached_property
    def _by_name(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for path in self.files:
            name = path.rsplit("/", 1)[-1].lower()
            index.setdefault(name, []).append(path)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _by_ext(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for path in self.files:
            name = path.rsplit("/", 1)[-1]
            dot = name.rfind(".")
            if dot > 0:
                index.setdefault(name[dot + 1:].lower(), []).append(path)
        return {k: tuple(v) for k, v in index.items()}

    def named(self, *names: str) -> tuple[str, ...]:
        """Files whose base name is one of ``names`` (case-insensitive), in listing order."""
        out: list[str] = []
        for name in names:
            out.extend(self._by_name.get(name.lower(), ()))
        return tuple(out)

    def with_ext(self, *exts: str) -> tuple[str, ...]:
        """Files whose extension (without the dot) is one of ``exts`` (case-insensitive)."""
        out: list[str] = []
        for ext in exts:
            out.extend(self._by_ext.get(ext.lower(), ()))
        return tuple(out)

    def names(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(lower-case base name, paths) pairs: for detectors matching names by pattern."""
        return iter(self._by_name.items())

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        """``compute()`` once per inventory: detectors share derived indexes (parsed CI, stats) this way."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def exists(self, path: str) -> bool:
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
) -> Inventory:
    """Select the files of the project at ``prefix`` from the whole repository listing.

    ``nested`` holds the prefixes of other projects below this one: their files belong to them.
    ``exclude`` holds gitignore-style patterns relative to the project folder.
    """
    head = prefix.rstrip("/") + "/" if prefix else ""
    nested_heads = tuple(n.rstrip("/") + "/" for n in nested if n != prefix)
    user_excluded = pattern_filter(exclude)
    files: list[str] = []
    cut = len(head)
    for path in repo_files:
        if head and not path.startswith(head):
            continue
        if nested_heads and path.startswith(nested_heads):
            continue
        rel = path[cut:]
        if apply_default_excludes and default_excluded(rel):
            continue
        if user_excluded is not None and user_excluded(rel):
            continue
        files.append(rel)
    return Inventory(root=root, prefix=prefix.rstrip("/"), files=tuple(files), is_git=is_git)
