"""One classification pass over a project's files, against the catalogue (``pocmvp_lint.catalogue``).

Every path is looked at once: its lower-case base name and extension go through dict lookups and
one ``startswith`` call, and its folder is judged once per folder (tests, throwaway work). The
result keeps only the paths some detector wants, plus the program source split into source and
test files; the detectors read their candidates from it instead of scanning the listing again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from pocmvp_lint.catalogue import (
    EXTENSIONS,
    GENERATED_SUFFIXES,
    NAME_PREFIXES,
    NAME_SUBSTRINGS,
    NAMES,
    SOURCE_EXTENSIONS,
    SOURCE_ROOT_FOLDERS,
    TEST_HINTS,
    THROWAWAY_DOMAIN_WORDS,
    THROWAWAY_FOLDERS,
)

#: Per-language test naming conventions (the runners' own discovery defaults, signals.md §2),
#: grouped by extension so each path is matched against its own language's patterns only.
#: Patterns pairing a folder with a file suffix check the suffix first, in a lookahead from the
#: start, so a long path of repeated folders costs linear time, not quadratic.
TEST_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("py",), r"(?:^|/)(?:test_[^/]*|[^/]*_test|tests|conftest)\.py$"),  # pytest, Django
    (
        ("js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"),
        r"(?:^|/)__tests__/"  # Jest
        r"|(?:^|/)[^/]+\.(?:test|spec|e2e|cy)\.[cm]?[jt]sx?$"  # Jest/Vitest/Cypress
        r"|(?:^|/)(?:e2e|cypress|playwright)/"  # e2e suites
        r"|(?:^|/)test/[^/]+\.[cm]?js$",
    ),  # mocha
    (("go",), r"(?:^|/)[^/_.][^/]*_test\.go$"),  # go test
    (("rs",), r"(?:^|/)(?:tests|benches)/"),  # cargo
    (
        ("java", "kt", "kts", "groovy", "scala"),
        r"(?:^|/)src/(?:test|androidTest|integrationTest|testFixtures|it)/"
        r"|(?:^|/)(?:Test[A-Z][^/]*|[^/]+(?:Test|Tests|TestCase|IT|Spec))\.(?:java|kt|groovy|scala)$",
    ),
    (("cs", "fs", "vb"), r"(?:^|/)[^/]*tests?/|(?:^|/)[^/]+Tests?\.(?:cs|fs|vb)$"),  # .NET
    (
        ("rb",),
        r"^(?=.*_spec\.rb$)(?:.*/)?spec/.+_spec\.rb$"
        r"|^(?=.*(?:(?:^|/)test_[^/]+|[^/]_test)\.rb$)(?:.*/)?test/(?:.+/)?(?:test_[^/]+|[^/]+_test)\.rb$",
    ),
    (("php",), r"^(?=.*Test\.php$)(?:.*/)?tests?/.+Test\.php$|(?:^|/)tests/Pest\.php$"),  # PHPUnit, Pest
    (("swift",), r"(?:^|/)Tests/|(?:^|/)[^/]+Tests?\.swift$"),  # SwiftPM, XCTest
    (("c", "cc", "cpp", "cxx"), r"(?:^|/)(?:tests?|unittests?)/|_(?:test|unittest)\.[a-z]+$"),
    (("exs",), r"^(?=.*_test\.exs$)(?:.*/)?test/.+_test\.exs$"),  # ExUnit
    (("dart",), r"^(?=.*_test\.dart$)(?:.*/)?test/.+_test\.dart$"),  # Dart
)
#: Trees that hold scaffolds or node packages rather than the project's own tests.
NOT_OWN_TESTS = r"(?:^|/)(?:node_modules|templates?|fixtures?|testdata|__snapshots__)/"
_NOT_OWN_WORDS = ("node_modules", "template", "fixture", "testdata", "__snapshots__")


@cache
def _test_pattern(ext: str) -> re.Pattern[str] | None:
    """The compiled test convention of one extension (compiled on first use)."""
    for exts, pattern in TEST_PATTERNS:
        if ext in exts:
            return re.compile(pattern)
    return None


@cache
def _not_own_tests() -> re.Pattern[str]:
    return re.compile(NOT_OWN_TESTS)


@cache
def _needles() -> re.Pattern[str]:
    """Any catalogue substring of a base name, in one search."""
    return re.compile("|".join(re.escape(n) for n in NAME_SUBSTRINGS))


@cache
def _hints() -> re.Pattern[str]:
    """Any word without which a path cannot be a test."""
    return re.compile("|".join(re.escape(h) for h in TEST_HINTS) + r"|/it/|^it/")


def extension(path: str) -> str:
    """The lower-case extension of ``path``'s base name, without the dot ("" for none)."""
    name = path[path.rfind("/") + 1 :]
    dot = name.rfind(".")
    return name[dot + 1 :].lower() if dot > 0 else ""


def _has_hint(low: str) -> bool:
    return _hints().search(low) is not None


def follows_test_convention(path: str, ext: str | None = None) -> bool:
    """True when ``path`` follows its language's test-runner discovery convention."""
    pattern = _test_pattern(extension(path) if ext is None else ext)
    if pattern is None:
        return False
    low = path.lower()
    if any(word in low for word in _NOT_OWN_WORDS) and _not_own_tests().search(path) is not None:
        return False
    return pattern.search(path) is not None


def is_test_path(path: str) -> bool:
    """True when ``path`` follows a test runner's discovery convention for its language."""
    return _has_hint(path.lower()) and follows_test_convention(path)


def throwaway_folder(folder: str) -> str | None:
    """The outermost folder of ``folder``'s path named for disposable work, or None."""
    parts = folder.split("/")
    in_source = False
    for index, part in enumerate(parts):
        name = part.lower()
        if name in THROWAWAY_FOLDERS or (name in THROWAWAY_DOMAIN_WORDS and not in_source):
            return "/".join(parts[: index + 1])
        in_source = in_source or name in SOURCE_ROOT_FOLDERS
    return None


@dataclass(frozen=True)
class Classified:
    """What the classification pass kept of one project's files (project-relative paths).

    ``by_name`` and ``by_ext`` hold only the names and extensions the catalogue lists, each in
    listing order. ``source_files``/``test_files`` split the program source (sorted);
    ``throwaway`` maps each throwaway folder to the program files below it.
    """

    by_name: Mapping[str, tuple[str, ...]]
    by_ext: Mapping[str, tuple[str, ...]]
    source_files: tuple[str, ...]
    test_files: tuple[str, ...]
    throwaway: Mapping[str, tuple[str, ...]]
    #: Paths with "igrat" (migrate, migration, ...) in a folder or file name.
    migration_paths: tuple[str, ...]
    total: int


def classify(files: Iterable[str]) -> Classified:
    """One pass over ``files``: catalogue lookups per path, folder decisions once per folder."""
    by_name: dict[str, list[str]] = {}
    by_ext: dict[str, list[str]] = {}
    sources: list[str] = []
    tests: list[str] = []
    migrations: list[str] = []
    throwaway: dict[str, list[str]] = {}
    # per folder: (lower-case folder holds a test hint, throwaway folder or None, "igrat" in it)
    folders: dict[str, tuple[bool, str | None, bool]] = {}
    names, exts, prefixes = NAMES, EXTENSIONS, NAME_PREFIXES
    needle, hint = _needles().search, _hints().search
    source_exts, generated = SOURCE_EXTENSIONS, GENERATED_SUFFIXES
    last_folder: str | None = None
    info: tuple[bool, str | None, bool] = (False, None, False)
    total = 0
    for path in files:
        total += 1
        slash = path.rfind("/")
        folder = path[: slash + 1]
        if folder != last_folder:
            last_folder = folder
            known = folders.get(folder)
            if known is None:
                low_folder = folder.lower()
                known = folders[folder] = (
                    _has_hint(low_folder),
                    throwaway_folder(folder[:-1]) if folder else None,
                    "igrat" in folder,
                )
            info = known
        base = path[slash + 1 :]
        name = base.lower()
        if name in names or name.startswith(prefixes) or needle(name) is not None:
            group = by_name.get(name)
            if group is None:
                by_name[name] = [path]
            else:
                group.append(path)
        if info[2] or "igrat" in base:
            migrations.append(path)
        dot = name.rfind(".")
        if dot <= 0:
            continue
        ext = name[dot + 1 :]
        if ext not in exts:
            continue
        group = by_ext.get(ext)
        if group is None:
            by_ext[ext] = [path]
        else:
            group.append(path)
        if ext in source_exts:
            if (info[0] or hint(name) is not None) and follows_test_convention(path, ext):
                tests.append(path)
            elif not name.endswith(generated):
                sources.append(path)
            else:
                continue
            if info[1] is not None:
                throwaway.setdefault(info[1], []).append(path)
    return Classified(
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_ext={k: tuple(v) for k, v in by_ext.items()},
        source_files=tuple(sorted(sources)),
        test_files=tuple(sorted(tests)),
        throwaway={k: tuple(v) for k, v in throwaway.items()},
        migration_paths=tuple(migrations),
        total=total,
    )


def reclassify(before: Classified, removed: Sequence[str], added: Sequence[str]) -> Classified:
    """``classify`` of a listing that differs from ``before``'s by a few paths: ``removed`` ones
    gone and ``added`` ones after the rest (what ``classify`` of that order gives), in time
    proportional to the groups they fall in, not to the whole listing (the base of a change)."""
    if not removed and not added:
        return before
    gone = classify(removed)
    new = classify(added)
    cut = frozenset(removed)

    def merged(
        old: Mapping[str, tuple[str, ...]], less: Mapping[str, tuple[str, ...]], more: Mapping[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        out = dict(old)
        for key in less:
            kept = tuple(p for p in out.get(key, ()) if p not in cut)
            if kept:
                out[key] = kept
            else:
                out.pop(key, None)
        for key, paths in more.items():
            out[key] = (*out.get(key, ()), *paths)
        return out

    def kept(old: tuple[str, ...], less: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p for p in old if p not in cut) if less else old

    return Classified(
        by_name=merged(before.by_name, gone.by_name, new.by_name),
        by_ext=merged(before.by_ext, gone.by_ext, new.by_ext),
        source_files=tuple(sorted((*kept(before.source_files, gone.source_files), *new.source_files))),
        test_files=tuple(sorted((*kept(before.test_files, gone.test_files), *new.test_files))),
        throwaway=merged(before.throwaway, gone.throwaway, new.throwaway),
        migration_paths=(*kept(before.migration_paths, gone.migration_paths), *new.migration_paths),
        total=before.total - gone.total + new.total,
    )
