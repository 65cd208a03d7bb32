"""Source and test files by extension and each language's test-path conventions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pocmvp_lint.inventory import Inventory

#: Extensions of hand-written program source.
SOURCE_EXTS: frozenset[str] = frozenset({
    "py", "pyi", "js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts", "go", "java", "kt", "kts",
    "scala", "groovy", "cs", "fs", "vb", "rb", "php", "rs", "swift", "m", "mm", "c", "cc", "cpp",
    "cxx", "h", "hh", "hpp", "hxx", "vue", "svelte", "astro", "ex", "exs", "erl", "dart", "clj",
    "cljs", "hs", "ml", "lua", "r", "jl", "zig", "nim", "cr", "pl", "pm", "elm",
})

#: Per-language test naming conventions (the runners' own discovery defaults, signals.md §2),
#: grouped by extension so each path is matched against its own language's patterns only.
#: Patterns pairing a folder with a file suffix check the suffix first, in a lookahead from the
#: start, so a long path of repeated folders costs linear time, not quadratic.
_TEST_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("py",), r"(?:^|/)(?:test_[^/]*|[^/]*_test|tests|conftest)\.py$"),  # pytest, Django
    (("js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"),
     r"(?:^|/)__tests__/"  # Jest
     r"|(?:^|/)[^/]+\.(?:test|spec|e2e|cy)\.[cm]?[jt]sx?$"  # Jest/Vitest/Cypress
     r"|(?:^|/)(?:e2e|cypress|playwright)/"  # e2e suites
     r"|(?:^|/)test/[^/]+\.[cm]?js$"),  # mocha
    (("go",), r"(?:^|/)[^/_.][^/]*_test\.go$"),  # go test
    (("rs",), r"(?:^|/)(?:tests|benches)/"),  # cargo
    (("java", "kt", "kts", "groovy", "scala"),
     r"(?:^|/)src/(?:test|androidTest|integrationTest|testFixtures|it)/"
     r"|(?:^|/)(?:Test[A-Z][^/]*|[^/]+(?:Test|Tests|TestCase|IT|Spec))\.(?:java|kt|groovy|scala)$"),
    (("cs", "fs", "vb"), r"(?:^|/)[^/]*tests?/|(?:^|/)[^/]+Tests?\.(?:cs|fs|vb)$"),  # .NET
    (("rb",), r"^(?=.*_spec\.rb$)(?:.*/)?spec/.+_spec\.rb$"
     r"|^(?=.*(?:(?:^|/)test_[^/]+|[^/]_test)\.rb$)(?:.*/)?test/(?:.+/)?(?:test_[^/]+|[^/]+_test)\.rb$"),
    (("php",), r"^(?=.*Test\.php$)(?:.*/)?tests?/.+Test\.php$|(?:^|/)tests/Pest\.php$"),  # PHPUnit, Pest
    (("swift",), r"(?:^|/)Tests/|(?:^|/)[^/]+Tests?\.swift$"),  # SwiftPM, XCTest
    (("c", "cc", "cpp", "cxx"), r"(?:^|/)(?:tests?|unittests?)/|_(?:test|unittest)\.[a-z]+$"),
    (("exs",), r"^(?=.*_test\.exs$)(?:.*/)?test/.+_test\.exs$"),  # ExUnit
    (("dart",), r"^(?=.*_test\.dart$)(?:.*/)?test/.+_test\.dart$"),  # Dart
)
_TEST_BY_EXT: dict[str, re.Pattern[str]] = {
    ext: re.compile(pattern) for exts, pattern in _TEST_PATTERNS for ext in exts
}
#: Cheap prefilter: a path that holds none of these words cannot be a test.
_HINT_RE = re.compile(r"test|spec|e2e|cypress|playwright|bench|conftest|\bit/", re.IGNORECASE)
#: Trees that hold scaffolds or node packages rather than the project's own tests.
_NOT_OWN_RE = re.compile(r"(?:^|/)(?:node_modules|templates?|fixtures?|testdata|__snapshots__)/")
_NOT_OWN_WORDS = ("node_modules", "template", "fixture", "testdata", "__snapshots__")


@dataclass(frozen=True)
class SourceStats:
    """Hand-written program files, split into source and tests (test files are not source files)."""

    source_files: tuple[str, ...]
    test_files: tuple[str, ...]


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot + 1:].lower() if dot > 0 else ""


def is_test_path(path: str) -> bool:
    """True when ``path`` follows a test runner's discovery convention for its language."""
    if _HINT_RE.search(path) is None:
        return False
    return _follows_test_convention(path, path.lower())


def _follows_test_convention(path: str, low: str) -> bool:
    """``is_test_path`` without the cheap prefilter (callers that already applied one)."""
    pattern = _TEST_BY_EXT.get(extension(path))
    if pattern is None:
        return False
    if any(word in low for word in _NOT_OWN_WORDS) and _NOT_OWN_RE.search(path) is not None:
        return False
    return pattern.search(path) is not None


def source_stats(inv: Inventory) -> SourceStats:
    """Classify the inventory's program files into source files and test files (one pass, memoised)."""
    return inv.memo("source_stats", lambda: _source_stats(inv))


def _source_stats(inv: Inventory) -> SourceStats:
    sources: list[str] = []
    tests: list[str] = []
    for path in inv.with_ext(*SOURCE_EXTS):
        low = path.lower()
        if ("test" in low or "spec" in low or "e2e" in low or "cypress" in low or "playwright" in low
                or "bench" in low or "/it/" in low or low.startswith("it/")) and _follows_test_convention(path, low):
            tests.append(path)
        elif not low.endswith(_GENERATED):
            sources.append(path)
    return SourceStats(source_files=tuple(sorted(sources)), test_files=tuple(sorted(tests)))


_GENERATED = (".d.ts", ".min.js", "_pb2.py", ".pb.go", ".g.dart", ".freezed.dart")


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
