"""Source and test files by extension and each language's test-path conventions.

The split itself happens in the classification pass (``pocmvp_lint.inventory.classify``); this
module gives detectors and the engine its result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pocmvp_lint.catalogue import SOURCE_EXTENSIONS
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.classify import extension, is_test_path

#: Extensions of hand-written program source.
SOURCE_EXTS: frozenset[str] = SOURCE_EXTENSIONS


@dataclass(frozen=True)
class SourceStats:
    """Hand-written program files, split into source and tests (test files are not source files)."""

    source_files: tuple[str, ...]
    test_files: tuple[str, ...]


def source_stats(inv: Inventory) -> SourceStats:
    """The inventory's program files, split into source files and test files (sorted)."""
    classified = inv.classified
    return SourceStats(source_files=classified.source_files, test_files=classified.test_files)


def count_lines(inv: Inventory, paths: Iterable[str], limit: int = 2_000) -> int:
    """Total lines of ``paths`` (bounded reads; at most ``limit`` files are read)."""
    total = 0
    for index, path in enumerate(paths):
        if index >= limit:
            break
        text = inv.text(path)
        if text:
            total += text.count("\n") + (0 if text.endswith("\n") else 1)
    return total


__all__ = ["SOURCE_EXTS", "SourceStats", "count_lines", "extension", "is_test_path", "source_stats"]
