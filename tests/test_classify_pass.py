"""The one classification pass decides per distinct folder and base name, as a per-path pass would.

``classify`` remembers what a folder and a base name say; the reference below judges every path on
its own with the public per-path functions (``is_test_path``, ``throwaway_folder``, the
catalogue). The two must agree on any listing, in any order, however deep.
"""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint.catalogue import GENERATED_SUFFIXES, GROUPED_EXTENSIONS, SOURCE_EXTENSIONS, name_is_kept
from pocmvp_lint.inventory import build_inventory
from pocmvp_lint.inventory import classify as classify_module
from pocmvp_lint.inventory.classify import Classified, classify, extension, is_test_path, throwaway_folder
from pocmvp_lint.inventory.filters import default_excluded
from tests.gitutil import commit_all, git, init_repo
from tests.helpers import run_check


def per_path(files: list[str]) -> Classified:
    """What ``classify`` keeps, judging each path on its own."""
    by_name: dict[str, list[str]] = {}
    by_ext: dict[str, list[str]] = {}
    sources: list[str] = []
    tests: list[str] = []
    throwaway: dict[str, list[str]] = {}
    migrations: list[str] = []
    routes: list[str] = []
    requirements: list[str] = []
    for path in files:
        name = path[path.rfind("/") + 1 :].lower()
        if name_is_kept(name):
            by_name.setdefault(name, []).append(path)
        if "igrat" in path or "alembic" in path.lower().split("/")[:-1]:
            migrations.append(path)
        if "route" in path and extension(path) in SOURCE_EXTENSIONS:
            routes.append(path)
        if "equirements/" in path and path.lower().endswith((".txt", ".in")):
            requirements.append(path)
        ext = extension(path)
        if ext in GROUPED_EXTENSIONS:
            by_ext.setdefault(ext, []).append(path)
        if ext not in SOURCE_EXTENSIONS:
            continue
        if is_test_path(path):
            tests.append(path)
        elif name.endswith(GENERATED_SUFFIXES):
            continue
        else:
            sources.append(path)
        folder = throwaway_folder(path[: path.rfind("/")]) if "/" in path else None
        if folder is not None:
            throwaway.setdefault(folder, []).append(path)
    return Classified(
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_ext={k: tuple(v) for k, v in by_ext.items()},
        source_files=tuple(sorted(sources)),
        test_files=tuple(sorted(tests)),
        throwaway={k: tuple(v) for k, v in throwaway.items()},
        migration_paths=tuple(migrations),
        route_paths=tuple(routes),
        requirement_paths=tuple(requirements),
        total=len(files),
    )


_FOLDERS = [
    "src", "app", "lib", "pkg", "Tests", "tests", "test", "spec", "it", "IT", "bit", "__tests__", "e2e",
    "cypress", "benchmarks", "node_modules", "fixtures", "Fixtures", "templates", "testdata", "__snapshots__",
    "poc", "POC", "prototype", "experiments", "scratch", "migrations", "db", "migrate", "Migrations",
    "main", "java", "androidTest", "docs", "vendor", "ıt", "K", "src/it", "src/IT", "src/test", "src/main",
    "spec/models", "test/unit", "routes", "api/routers", "requirements", "Requirements", "requirements.d",
    "dev-requirements", "alembic", "Alembic", "alembic/versions",
]  # fmt: skip
_NAMES = [
    "app.py", "test_app.py", "app_test.py", "tests.py", "conftest.py", "Test_app.py", "app_test.go",
    "_x_test.go", "main.go", "index.ts", "pay.spec.ts", "pay.test.jsx", "util.js", "FooTest.java",
    "Foo.java", "TestFoo.kt", "foo_spec.rb", "test_foo.rb", "FooTest.php", "Pest.php", "FooTests.swift",
    "test-foo.php", "foo_test.php",
    "x_test.cc", "y.c", "a_test.exs", "b_test.dart", "Foo.Tests.cs", "types.d.ts", "m.min.js", "m_pb2.py",
    "x.pb.go", "stub.pyi", "h.h", "Dockerfile", "README.md", ".env", "chart.yaml", "LICENSE",
    "0001_migrate.py", "notes", "CHANGELOG.md", "release.sh", "x.feature", "bench_x.py", "spec.rb",
    "base.txt", "dev.in", "DEV.IN", "routes.py", "router.ts", "notes.TXT", "reroute.go", "in",
]  # fmt: skip
_PATHS = st.builds(
    lambda folders, name: "/".join([*folders, name]),
    st.lists(st.sampled_from(_FOLDERS), max_size=5),
    st.sampled_from(_NAMES),
)


@given(st.lists(_PATHS, unique=True, max_size=60))
def test_classify_agrees_with_a_per_path_pass(files: list[str]) -> None:
    assert classify(files) == per_path(files)


@given(st.lists(_PATHS, unique=True, max_size=60))
def test_classify_agrees_on_a_sorted_listing(files: list[str]) -> None:
    files.sort()
    assert classify(files) == per_path(files)


# Exhaustive (138,000 paths), so slow; the Hypothesis properties above check the same in the fast layer.
@pytest.mark.slow
def test_classify_agrees_on_every_short_combination() -> None:
    chains = [[], *([f] for f in _FOLDERS), *([f, g] for f in _FOLDERS for g in _FOLDERS)]
    files = sorted({"/".join([*chain, name]) for chain in chains for name in _NAMES})
    assert classify(files) == per_path(files)


def test_a_very_deep_path_is_classified() -> None:
    deep = "/".join(["a"] * 5_000 + ["poc", "tests", "test_x.py"])
    kept = classify([deep, deep[: deep.rfind("/")] + "/x.py"])
    assert kept == per_path([deep, deep[: deep.rfind("/")] + "/x.py"])
    assert kept.test_files == (deep,)


def test_a_deeply_nested_index_entry_is_checked(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "project.toml").write_text('[project]\nstage = "mvp"\n', encoding="utf-8")
    (repo / "x.py").write_text("print(1)\n", encoding="utf-8")
    commit_all(repo, "start")
    blob = git(repo, "hash-object", "-w", "x.py").strip()
    deep = "/".join(["d"] * 3_000 + ["scratch", "x.py"])  # listed by git, never checked out
    git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{deep}")
    run = run_check(str(repo))
    assert run.exit_code in (0, 1), run.stderr
    (project,) = run.projects
    throwaway = [f for f in project["findings"] if f["code"] == "MVP015"]
    assert throwaway, project["findings"]
    assert "/".join(["d"] * 3_000 + ["scratch"]) in run.stdout


_EXCLUDABLE = [
    *_FOLDERS,
    "examples",
    "samples",
    "third_party",
    "pkg.dist-info",
    "x.dist-info",
    "specs",
    "spec/fixtures",
]


@given(
    st.lists(
        st.builds(
            lambda f, n: "/".join([*f, n]), st.lists(st.sampled_from(_EXCLUDABLE), max_size=4), st.sampled_from(_NAMES)
        ),
        unique=True,
        max_size=40,
    )
)
def test_default_excludes_are_decided_per_folder_as_per_path(files: list[str]) -> None:
    kept = build_inventory(Path("/nonexistent"), "", files).files
    assert kept == tuple(p for p in files if not default_excluded(p))


#: Listings of a few projects' files, some in folders excluded by default.
_PROJECT_LISTINGS = st.lists(
    st.builds(
        lambda f, n: "/".join([*f, n]),
        st.lists(st.sampled_from(["a", "b", "a/b", "vendor", "examples", "tests/fixtures"]), max_size=4),
        st.sampled_from(_NAMES),
    ),
    unique=True,
    max_size=40,
)


@given(
    _PROJECT_LISTINGS,
    st.sampled_from(["", "a", "b", "a/b"]),
    st.lists(st.sampled_from(["a/b", "b/a", "a/a", "examples"]), max_size=2),
)
def test_a_projects_files_and_their_classification_come_from_one_pass(
    files: list[str], prefix: str, nested: list[str]
) -> None:
    head = prefix + "/" if prefix else ""
    inner = tuple(n + "/" for n in nested if n != prefix)
    expected = [
        p[len(head) :]
        for p in files
        if p.startswith(head) and not p.startswith(inner) and not default_excluded(p[len(head) :])
    ]
    inventory = build_inventory(Path("/nonexistent"), prefix, files, nested=nested)
    assert inventory.files == tuple(expected)
    assert inventory.classified == per_path(expected)


@given(
    _PROJECT_LISTINGS,
    st.lists(st.sampled_from(["a/b", "b/a", "examples"]), max_size=2),
    st.sampled_from([1, 2, 1 << 14]),
)
def test_a_listing_tuple_and_a_tiny_memo_give_the_same_files_and_classification(
    files: list[str], nested: list[str], memo_limit: int
) -> None:
    # The root project of a sorted listing is selected from the listing's tuple (kept paths are
    # gathered only from the first one left out) and a huge tree outgrows the folder memo.
    files.sort()
    inner = tuple(n + "/" for n in nested)
    expected = [p for p in files if not p.startswith(inner) and not default_excluded(p)]
    with patch.object(classify_module, "_MEMO_LIMIT", memo_limit):
        inventory = build_inventory(Path("/nonexistent"), "", tuple(files), nested=nested)
    assert inventory.files == tuple(expected)
    assert inventory.classified == per_path(expected)
    if len(expected) == len(files):
        assert inventory.files == tuple(files)
