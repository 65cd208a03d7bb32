"""One classification pass over a project's files, against the catalogue (``pocmvp_lint.catalogue``).

Every path is looked at once, and costs two dict lookups: what its base name says (catalogue
name, prefix, substring and extension, test hint, the test convention of Python and Go) is decided
once per distinct base name, and what its folder says (test hint, throwaway work, not-own test
trees) once per distinct folder, from its parent folder's facts and its own name. The
result keeps only the paths some detector wants, plus the program source split into source and
test files; the detectors read their candidates from it instead of scanning the listing again.
"""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from pocmvp_lint.catalogue import (
    EXTENSIONS,
    GENERATED_SUFFIXES,
    GROUPED_EXTENSIONS,
    NAME_PREFIXES,
    NAME_SUBSTRINGS,
    NAMES,
    NOT_OWN_BELOW,
    SOURCE_EXTENSIONS,
    SOURCE_ROOT_FOLDERS,
    TEST_HINTS,
    THROWAWAY_DOMAIN_WORDS,
    THROWAWAY_FOLDERS,
)
from pocmvp_lint.inventory.filters import excluded_below
from pocmvp_lint.inventory.listing import FEW_PATHS, without
from pocmvp_lint.regexstore import compile_pattern

#: Per-language test naming conventions (the runners' own discovery defaults, signals.md §2),
#: grouped by extension so each path is matched against its own language's patterns only.
#: Patterns pairing a folder with a file suffix check the suffix first, in a lookahead from the
#: start, so a long path of repeated folders costs linear time, not quadratic.
TEST_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    # pytest; Django's runner discovers ``test*.py`` (``tests.py``, ``tests_views.py``)
    (("py",), r"(?:^|/)(?:tests?_[^/]*|[^/]*_test|tests|conftest)\.py$"),
    (
        ("js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"),
        r"(?:^|/)__tests__/"  # Jest
        r"|(?:^|/)[^/]+(?:[._](?:test|spec)|\.e2e|\.cy)\.[cm]?[jt]sx?$"  # Jest/Vitest/Cypress, Deno/Bun _test
        r"|(?:^|/)(?:e2e|cypress|playwright)/"  # e2e suites
        r"|^(?=.*[a-z0-9]Spec\.[cm]?[jt]sx?$)(?:.*/)?spec/"  # Jasmine's ``spec/**/*Spec.js``
        # mocha, AVA, node:test (the content confirms a test); not a React route component of a
        # ``/tests`` page (Next.js ``app/tests/page.tsx``), nor a Next.js App Router file of a
        # ``/test`` URL segment (``app/api/test/route.ts``, ``app/test/loading.js``)
        r"|^(?!(?:.*/)?(?:page|layout|loading|not-found|template)\.[jt]sx$"
        r"|(?:(?!tests?/)[^/]+/){0,2}(?:src/)?app/(?:[^/]+/)*"
        r"(?:page|layout|loading|error|global-error|not-found|template|default|route)\.[jt]sx?$)(?:.*/)?tests?/",
    ),
    (("go",), r"(?:^|/)[^/_.][^/]*_test\.go$"),  # go test
    # cargo: integration tests and benches, and a unit-test module kept in its own file below
    # ``src/`` (``#[cfg(test)] mod tests;`` beside ``tests.rs``)
    (("rs",), r"(?:^|/)(?:tests|benches)/|^(?=(?:.*/)?tests?\.rs$)(?:.*/)?src/"),
    (
        ("java", "kt", "kts", "groovy", "scala"),
        r"(?:^|/)src/(?:test|androidTest|integrationTest|testFixtures|it)/"
        # a Test-named class under src/main/ is the application's (a TestController)
        r"|^(?!(?:.*/)?src/main/)(?:.*/)?(?:Test[A-Z][^/]*|[^/]+(?:Test|Tests|TestCase|IT|Spec))\.(?:java|kt|groovy|scala)$",
    ),
    (("cs", "fs", "vb"), r"(?:^|/)[^/]*[Tt]ests?/|(?:^|/)[^/]+Tests?\.(?:cs|fs|vb)$"),  # .NET (Shop.UnitTests/)
    (
        ("rb",),
        r"^(?=.*_spec\.rb$)(?:.*/)?spec/.+_spec\.rb$"
        r"|^(?=.*(?:(?:^|/)test_[^/]+|[^/]_test)\.rb$)(?:.*/)?test/(?:.+/)?(?:test_[^/]+|[^/]+_test)\.rb$",
    ),
    # PHPUnit and Pest; a Symfony bundle and a PSR-4 namespace keep them in ``Tests/``; WordPress
    # plugin tests (``wp scaffold plugin-tests``: ``tests/test-*.php``) and plain ``*_test.php``
    # scripts (SimpleTest's convention) in a tests folder
    (
        ("php",),
        r"^(?=.*(?:Test|_test|/test-[^/]*)\.php$)(?:.*/)?[Tt]ests?/(?:.+Test|(?:.+/)?(?:[^/]+_test|test-[^/]+))\.php$"
        r"|(?:^|/)tests/Pest\.php$",
    ),
    (("swift",), r"(?:^|/)[^/]*Tests/|(?:^|/)[^/]+(?:Tests?|Spec)\.swift$"),  # SwiftPM, Xcode MyAppTests/, Quick
    (("m", "mm"), r"(?:^|/)[^/]*Tests/|(?:^|/)[^/]+(?:Tests?|Spec)\.mm?$"),  # XCTest (Objective-C), Kiwi, Specta
    (("sol",), r"\.t\.sol$"),  # Foundry (``test/Counter.t.sol``)
    # C and C++: a test folder in any case (CMake and Visual Studio projects write ``Tests/``), a
    # ``_test``/``test_`` file, or a CamelCase one beside the sources (``ArrayTests.cpp``, Catch2 and
    # GoogleTest in Visual Studio projects); a Visual Studio native unit test project's folder or
    # file, named by its template (``UnitTest1/UnitTest1.cpp``) or after the code (``unitTest-NetLog/``)
    (
        ("c", "cc", "cpp", "cxx"),
        r"(?:^|/)(?i:tests?|unittests?)/|_(?:test|unittest)\.[a-z]+$|(?:^|/)test_[^/]+$"
        r"|(?:^|/)(?i:unit[-_]?tests?)[-_.\w]*(?:/|\.[a-z]+$)"
        r"|(?:^|/)[^/]*[a-z0-9]Tests?\.[a-z]+$",
    ),
    (("exs",), r"^(?=.*_test\.exs$)(?:.*/)?test/.+_test\.exs$"),  # ExUnit
    (("dart",), r"^(?=.*_test\.dart$)(?:.*/)?(?:integration_)?test/.+_test\.dart$"),  # Dart, Flutter
    (("clj", "cljs"), r"^(?=.*_test\.cljs?$)(?:.*/)?test/"),  # clojure.test, Leiningen
    (("jl",), r"(?:^|/)test/[^/]+\.jl$"),  # Julia's Pkg.test (test/runtests.jl)
    (("r",), r"(?:^|/)tests/testthat/test[^/]*\.[rR]$"),  # testthat
    (("lua",), r"^(?=.*_spec\.lua$)(?:.*/)?spec/"),  # busted
    (("hs",), r"(?:^|/)tests?/"),  # cabal/stack test suites
    (("ml",), r"(?:^|/)tests?/"),  # dune tests
)
#: Trees that hold scaffolds or node packages rather than the project's own tests.
NOT_OWN_TESTS = r"(?:^|/)(?:node_modules|templates?|fixtures?|testdata|__snapshots__|external|deps)/"
_NOT_OWN_WORDS = ("node_modules", "template", "fixture", "testdata", "__snapshots__", "external", "deps")


@cache
def _test_pattern(ext: str) -> re.Pattern[str] | None:
    """The compiled test convention of one extension (compiled on first use)."""
    for exts, pattern in TEST_PATTERNS:
        if ext in exts:
            return compile_pattern(pattern)
    return None


@cache
def _not_own_tests() -> re.Pattern[str]:
    return compile_pattern(NOT_OWN_TESTS)


@cache
def _needles() -> re.Pattern[str]:
    """Any catalogue substring of a base name, in one search."""
    return compile_pattern("|".join(re.escape(n) for n in NAME_SUBSTRINGS))


@cache
def _hints() -> re.Pattern[str]:
    """Any word without which a path cannot be a test."""
    return compile_pattern("|".join(re.escape(h) for h in TEST_HINTS) + r"|/it/|^it/")


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
    #: Program files with "route" in a folder or file name (routing candidates).
    route_paths: tuple[str, ...]
    #: ``.txt`` and ``.in`` files below a folder named like ``requirements`` (split requirements).
    requirement_paths: tuple[str, ...]
    total: int


#: Extensions whose test convention looks at the base name only (every pattern alternative is
#: anchored to one path component): their verdict is decided once per distinct base name.
NAME_ONLY_CONVENTIONS: frozenset[str] = frozenset({"py", "go", "sol"})
#: Folder names below which nothing is the project's own test (``NOT_OWN_TESTS``, case as written).
_NOT_OWN_TEST_FOLDERS = frozenset(
    {"node_modules", "template", "templates", "fixture", "fixtures", "testdata", "__snapshots__", "external", "deps"}
)


#: Marks a folder or base name carries, for the few detectors that look for a word in a path:
#: "igrat" (migrations), "route" (routers), and a requirements folder (a name ending in
#: "equirements") with a text file in it (``requirements/base.txt``, ``*.in``).
MIGRATION, ROUTE, REQUIREMENTS = 1, 2, 4


class _Folder(NamedTuple):
    """What a folder (with its trailing slash) says about every file directly in it.

    Each is decided from the parent folder's and the last folder name alone, so a folder costs
    the same at any depth: ``hint`` a test hint in any folder name (lower-case), ``throwaway``
    the outermost throwaway folder, ``in_source`` a source-root folder on the way (for the
    domain words), ``marks`` those of any folder name on the way, ``not_own_tests`` a scaffold, fixture
    or node-package folder on the way (``NOT_OWN_TESTS``), ``excluded`` a vendored, generated,
    example or fixture folder on the way (``filters.default_excluded``).
    """

    hint: bool = False
    throwaway: str | None = None
    in_source: bool = False
    marks: int = 0
    not_own_tests: bool = False
    excluded: bool = False
    #: The folder names directly below this one that are not the project's own code
    #: (``NOT_OWN_BELOW``: ``fixtures`` in ``tests/``, ``classes`` in ``target/``).
    not_own_below: frozenset[str] = frozenset()


_ROOT = _Folder()


class _Part(NamedTuple):
    """What one folder name says on its own (see ``_Folder``), decided once per distinct name."""

    hint: bool
    throwaway: bool
    domain_word: bool
    source_root: bool
    marks: int
    not_own_tests: bool
    excluded_anywhere: bool
    excluded_at_root: bool
    not_own_below: frozenset[str]


@lru_cache(maxsize=1 << 16)
def _part(part: str) -> _Part:
    name = part.lower()
    return _Part(
        hint=name == "it" or _hints().search(name) is not None,
        throwaway=name in THROWAWAY_FOLDERS,
        domain_word=name in THROWAWAY_DOMAIN_WORDS,
        source_root=name in SOURCE_ROOT_FOLDERS,
        # "alembic": Alembic's own folder (``alembic/versions/``) names no migration
        marks=("igrat" in part or name == "alembic") * MIGRATION
        | ("route" in part) * ROUTE
        | part.endswith("equirements") * REQUIREMENTS,
        not_own_tests=part in _NOT_OWN_TEST_FOLDERS,
        excluded_anywhere=excluded_below("", part),
        excluded_at_root=excluded_below(None, part),
        not_own_below=NOT_OWN_BELOW.get(part, frozenset()),
    )


def _child(parent: _Folder, folder: str, part: str) -> _Folder:
    """The folder ``folder`` (``parent``'s path plus ``part`` and a slash) from its parent's facts."""
    own = _part(part)
    throwaway = parent.throwaway
    if throwaway is None and (own.throwaway or (own.domain_word and not parent.in_source)):
        throwaway = folder[:-1]
    at_root = len(folder) == len(part) + 1
    return _Folder(
        parent.hint or own.hint,
        throwaway,
        parent.in_source or own.source_root,
        parent.marks | own.marks,
        parent.not_own_tests or own.not_own_tests,
        parent.excluded or (own.excluded_at_root if at_root else own.excluded_anywhere or part in parent.not_own_below),
        own.not_own_below,
    )


#: Folder facts by what they derive from: the parent's facts, the folder's name and whether the
#: parent is the root. Folders with the same parent facts and name share their facts (``pkg/``
#: under every ``domainNNN/``), except a throwaway folder's, which carry its own path.
_Children = dict[tuple[_Folder, str, bool], _Folder]


def _folder(folder: str, known: dict[str, _Folder], children: _Children) -> _Folder:
    """The facts of ``folder`` ("" or ending in a slash), deriving and remembering any ancestor
    not seen yet (iteratively: a hostile path may nest thousands of folders)."""
    start = folder.rfind("/", 0, len(folder) - 1) + 1
    parent = known.get(folder[:start])
    if parent is not None:  # the usual case in a sorted listing: the parent came first
        key = (parent, folder[start:-1], not start)
        child = children.get(key)
        if child is None:
            child = _child(parent, folder, key[1])
            if child.throwaway is parent.throwaway:  # not a throwaway folder's own facts
                children[key] = child
        known[folder] = child
        return child
    missing: list[str] = []
    at = folder
    found = known.get(at)
    while found is None:
        missing.append(at)
        at = at[: at.rfind("/", 0, len(at) - 1) + 1]
        found = known.get(at)
    for path in reversed(missing):
        start = path.rfind("/", 0, len(path) - 1) + 1
        found = known[path] = _child(found, path, path[start:-1])
    return found


#: What a base name says on its own: the lower-case name when the catalogue keeps it (else None),
#: the kept extension (else None), the program-source facts (None when not source: (test hint in
#: the name, generated, convention verdict or None when the folders matter)), its marks (a
#: text file's ``REQUIREMENTS`` mark counts only in a requirements folder).
_NameKind = tuple[str | None, str | None, tuple[bool, bool, bool | None] | None, int]
#: A base name's groups in one pass (its ``by_name`` and ``by_ext`` lists, or None), then its
#: kept extension, program-source facts and marks as in ``_NameKind``.
_Entry = tuple[list[str] | None, list[str] | None, str | None, tuple[bool, bool, bool | None] | None, int]


@lru_cache(maxsize=1 << 16)
def _name_kind(base: str) -> _NameKind:
    """What ``base`` says (``_NameKind``); shared by the projects of a run, which repeat their
    base names (``__init__.py``, ``index.ts``) whatever their folders."""
    name = base.lower()
    kept = name in NAMES or name.startswith(NAME_PREFIXES) or _needles().search(name) is not None
    dot = name.rfind(".")
    ext = name[dot + 1 :] if dot > 0 else ""
    program: tuple[bool, bool, bool | None] | None = None
    if ext in SOURCE_EXTENSIONS:
        pattern = _test_pattern(ext)
        conv = None
        if ext in NAME_ONLY_CONVENTIONS:
            conv = pattern is not None and pattern.search(base) is not None
        program = (_hints().search(name) is not None, name.endswith(GENERATED_SUFFIXES), conv)
    marks = ("igrat" in base) * MIGRATION | ("route" in base) * ROUTE | name.endswith((".txt", ".in")) * REQUIREMENTS
    return (name if kept else None, ext if ext in EXTENSIONS else None, program, marks)


def classify(files: Iterable[str]) -> Classified:
    """One pass over ``files``: one dict lookup per distinct base name and one per distinct folder,
    so a path costs a few slices and dict lookups whatever its depth or name."""
    return select(files)[1]


#: Most folders and base names one pass remembers; past it the memo starts afresh (a folder's
#: facts derive again from its ancestors), so a million-path listing is not mirrored in memory.
_MEMO_LIMIT = 1 << 14


def select(
    paths: Iterable[str],
    *,
    head: str = "",
    nested: tuple[str, ...] = (),
    default_excludes: bool = False,
    excluded: Callable[[str], bool] | None = None,
) -> tuple[tuple[str, ...], Classified]:
    """The files of one project among ``paths`` (repository-relative) and their classification,
    in the same pass: the paths below ``head`` (a folder with its slash, "" for all), not below
    one of ``nested`` (folders with their slash), made relative to ``head``; then, with
    ``default_excludes``, not in a vendored, generated, example or fixture folder (decided per
    folder), and not ``excluded`` (the project's own patterns, relative paths)."""
    # From a tuple of repository paths, the kept ones are gathered only from the first path left
    # out: when none is, the tuple itself is the result (a million paths are not held twice).
    whole = paths if not head and isinstance(paths, tuple) else None
    kept: list[str] | None = None if whole is not None else []
    by_name: dict[str, list[str]] = {}
    by_ext: dict[str, list[str]] = {}
    sources: list[str] = []
    tests: list[str] = []
    migrations: list[str] = []
    routes: list[str] = []
    requirements: list[str] = []
    throwaway: dict[str, list[str]] = {}
    folders: dict[str, _Folder] = {"": _ROOT}
    children: _Children = {}
    entries: dict[str, _Entry] = {}
    entry_of = entries.get
    cut = len(head)
    last_folder: str | None = None
    skip, hint, thrown, folder_marks, not_own = False, False, None, 0, False
    for path in paths:
        if cut:
            if not path.startswith(head):
                continue
            if nested and path.startswith(nested):
                continue
            path = path[cut:]
        elif nested and path.startswith(nested):
            if kept is None:
                kept = _before(whole or (), path)
            continue
        slash = path.rfind("/")
        folder = path[: slash + 1]
        if folder != last_folder:
            last_folder = folder
            info = folders.get(folder)
            if info is None:
                if len(folders) > _MEMO_LIMIT:  # a huge tree: forget the folders left behind
                    folders = {"": _ROOT}
                    children.clear()
                info = _folder(folder, folders, children)
            skip = default_excludes and info.excluded
            hint, thrown, folder_marks, not_own = info.hint, info.throwaway, info.marks, info.not_own_tests
        if skip or (excluded is not None and excluded(path)):
            if kept is None:
                kept = _before(whole or (), path)
            continue
        if kept is not None:
            kept.append(path)
        base = path[slash + 1 :]
        entry = entry_of(base)
        if entry is None:
            if len(entries) > _MEMO_LIMIT:  # many distinct names: the groups stay, the memo goes
                entries.clear()
            name, ext, program, marks = _name_kind(base)
            # the groups this base name's paths go to, found once per distinct base name
            entry = entries[base] = (
                None if name is None else by_name.setdefault(name, []),
                by_ext.setdefault(ext, []) if ext in GROUPED_EXTENSIONS else None,
                ext,
                program,
                marks,
            )
        name_group, ext_group, ext, program, marks = entry
        if name_group is not None:
            name_group.append(path)
        if folder_marks or marks:  # rare: a word some detector looks for is in the path
            if (folder_marks | marks) & MIGRATION:
                migrations.append(path)
            if (folder_marks | marks) & ROUTE and program is not None:
                routes.append(path)
            if folder_marks & marks & REQUIREMENTS:
                requirements.append(path)
        if ext_group is not None:
            ext_group.append(path)
        if program is None:
            continue
        name_hint, generated, conv = program
        if (name_hint or hint) and (follows_test_convention(path, ext) if conv is None else conv and not not_own):
            tests.append(path)
        elif generated:
            continue
        else:
            sources.append(path)
        if thrown is not None:
            group = throwaway.get(thrown)
            if group is None:
                throwaway[thrown] = [path]
            else:
                group.append(path)
    sources.sort()  # in place: no second list of (nearly) every path
    tests.sort()
    files = tuple(kept) if kept is not None else whole if whole is not None else ()
    del kept
    entries.clear()  # it holds the group lists: drop it so each list goes once it is a tuple
    return files, Classified(
        by_name=_frozen(by_name),
        by_ext=_frozen(by_ext),
        source_files=tuple(sources),
        test_files=tuple(tests),
        throwaway={k: tuple(v) for k, v in throwaway.items()},
        migration_paths=tuple(migrations),
        route_paths=tuple(routes),
        requirement_paths=tuple(requirements),
        total=len(files),
    )


def reclassify(before: Classified, removed: Sequence[str], added: Sequence[str]) -> Classified:
    """``classify`` of a listing that differs from ``before``'s by a few paths: ``removed`` ones
    gone and ``added`` ones after the rest (what ``classify`` of that order gives), in time
    proportional to the groups they fall in, not to the whole listing (the base of a change)."""
    if not removed and not added:
        return before
    gone = classify(removed)
    new = classify(added)

    def merged(
        old: Mapping[str, tuple[str, ...]], less: Mapping[str, tuple[str, ...]], more: Mapping[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        out = dict(old)
        for key, paths in less.items():
            kept = _without(out.get(key, ()), paths)
            if kept:
                out[key] = kept
            else:
                out.pop(key, None)
        for key, paths in more.items():
            out[key] = (*out.get(key, ()), *paths)
        return out

    return Classified(
        by_name=merged(before.by_name, gone.by_name, new.by_name),
        by_ext=merged(before.by_ext, gone.by_ext, new.by_ext),
        source_files=_sorted_union(_without(before.source_files, gone.source_files), new.source_files),
        test_files=_sorted_union(_without(before.test_files, gone.test_files), new.test_files),
        throwaway=merged(before.throwaway, gone.throwaway, new.throwaway),
        migration_paths=(*_without(before.migration_paths, gone.migration_paths), *new.migration_paths),
        route_paths=(*_without(before.route_paths, gone.route_paths), *new.route_paths),
        requirement_paths=(*_without(before.requirement_paths, gone.requirement_paths), *new.requirement_paths),
        total=before.total - gone.total + new.total,
    )


def _without(group: tuple[str, ...], less: Sequence[str]) -> tuple[str, ...]:
    """``group`` without the paths of ``less`` (each at most once in it), in its order."""
    return tuple(without(group, less)) if less else group


def _sorted_union(ordered: tuple[str, ...], more: Sequence[str]) -> tuple[str, ...]:
    """``ordered`` (sorted) with ``more`` added, sorted."""
    if not more:
        return ordered
    if len(more) > FEW_PATHS:
        return tuple(sorted((*ordered, *more)))
    items = list(ordered)
    for path in more:
        insort(items, path)
    return tuple(items)


def _before(paths: tuple[str, ...], path: str) -> list[str]:
    """The paths of ``paths`` before ``path`` (one of them, each listed once)."""
    return list(paths[: paths.index(path)])


def _frozen(groups: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """``groups`` with tuples for lists, emptied as it goes: one group is held twice at a time."""
    out: dict[str, tuple[str, ...]] = {}
    for key in list(groups):
        out[key] = tuple(groups.pop(key))
    return out
