"""The inventory sees what git will commit, and reads safely whatever the repository holds."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint.inventory import build_inventory
from pocmvp_lint.inventory.listing import Listing, list_tree, without
from pocmvp_lint.inventory.reader import Reader, iter_nodes, parse_yaml
from tests.gitutil import commit_all, git, init_repo, stage_all


def test_git_listing_is_the_index_not_the_work_tree(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    (repo / ".gitignore").write_text("ignored.txt\n")
    (repo / "tracked.py").write_text("x = 1\n")
    (repo / "ignored.txt").write_text("no\n")
    git(repo, "add", ".gitignore", "tracked.py")
    (repo / "untracked.py").write_text("y = 2\n")
    listing = list_tree(repo)
    assert listing.is_git
    assert set(listing.files) == {".gitignore", "tracked.py"}


def test_odd_file_names_survive(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    names = ["spaced name.py", "ünï cödé.py", "tab\tname.py", 'quote"name.py', "new\nline.py"]
    for name in names:
        (repo / name).write_text("pass\n")
    git(repo, "add", "--", *names)
    assert set(list_tree(repo).files) == set(names)


def test_empty_repository_and_plain_folder(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "empty")
    assert list_tree(repo).files == ()
    plain = tmp_path / "plain"
    (plain / "node_modules" / "x").mkdir(parents=True)
    (plain / "node_modules" / "x" / "Dockerfile").write_text("FROM x\n")
    (plain / ".venv").mkdir()
    (plain / ".venv" / "pyvenv.cfg").write_text("")
    (plain / "app.py").write_text("")
    listing = list_tree(plain)
    assert not listing.is_git
    assert listing.files == ("app.py",)


def test_reader_is_bounded_and_skips_binaries_symlinks_and_folders(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("a" * 10_000)
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01binary")
    (tmp_path / "dir").mkdir()
    (tmp_path / "secret").write_text("outside")
    os.symlink(tmp_path / "secret", tmp_path / "link")
    os.symlink(tmp_path / "missing", tmp_path / "broken")
    reader = Reader(tmp_path, limit=100)
    assert reader.text("big.txt") == "a" * 100
    assert reader.text("bin.dat") is None
    assert reader.text("dir") is None
    assert reader.text("link") is None
    assert reader.text("broken") is None
    assert reader.text("nope") is None
    assert Reader(tmp_path / "dir").text("../secret") is None  # never climbs out of the tree


def test_a_reader_reached_through_a_linked_folder_reads_in_batch_as_one_by_one(tmp_path: Path) -> None:
    """The root is resolved once per reader; its batch reads (``prefetch``) see what ``text``
    sees, a symlink on the way to the root included, and still skip a linked file below it."""
    real = tmp_path / "real" / "svc"
    (real / "tests").mkdir(parents=True)
    (real / "tests" / "test_a.py").write_text("def test_a():\n    assert True\n")
    (real / "tests" / "test_b.py").write_text("import pytest\n")
    os.symlink(tmp_path / "real" / "svc" / "tests" / "test_a.py", real / "tests" / "test_c.py")
    os.symlink(real, tmp_path / "link")
    paths = ["tests/test_a.py", "tests/test_b.py", "tests/test_c.py"]
    one_by_one = Reader(tmp_path / "link")
    batch = Reader(tmp_path / "link")
    batch.prefetch(paths)
    assert [batch.text(p) for p in paths] == [one_by_one.text(p) for p in paths]
    assert batch.text("tests/test_a.py") == "def test_a():\n    assert True\n"
    assert batch.text("tests/test_c.py") is None


def test_hostile_yaml_is_refused_not_expanded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(12)
    )
    docs = parse_yaml(bomb)
    if docs is not None:  # parsed (aliases are shared references): walking it stays bounded
        assert sum(1 for _ in iter_nodes(docs)) <= 20_000
    assert parse_yaml("[" * 10_000 + "]" * 10_000) is None  # refused before the parser sees it
    assert parse_yaml("a: " + "[" * 100 + "]" * 100) is not None  # modest nesting still parses
    assert parse_yaml("key: [unclosed") is None


def test_default_exclusions_and_user_patterns(tmp_path: Path) -> None:
    files = [
        "Dockerfile",
        "vendor/x/Dockerfile",
        "tests/fixtures/Dockerfile",
        "examples/a/fly.toml",
        "scratch/Dockerfile",
        "src/app.py",
        "pkg/node_modules/y/index.js",
    ]
    inv = build_inventory(tmp_path, "", files, exclude=["scratch/"])
    assert inv.files == ("Dockerfile", "src/app.py")


def test_nested_projects_own_their_files(tmp_path: Path) -> None:
    files = ["README.md", "svc/a/project.toml", "svc/a/Dockerfile", "svc/b/main.go"]
    root = build_inventory(tmp_path, "", files, nested=["svc/a"])
    assert root.files == ("README.md", "svc/b/main.go")
    sub = build_inventory(tmp_path, "svc/a", files)
    assert sub.files == ("project.toml", "Dockerfile")
    assert sub.repo_path("Dockerfile") == "svc/a/Dockerfile"


def test_submodules_and_shallow_clones(tmp_path: Path) -> None:
    inner = init_repo(tmp_path / "inner")
    (inner / "Dockerfile").write_text("FROM scratch\n")
    commit_all(inner, "inner")
    outer = init_repo(tmp_path / "outer")
    (outer / "a.py").write_text("pass\n")
    commit_all(outer, "one")
    git(outer, "-c", "protocol.file.allow=always", "submodule", "add", str(inner), "sub")
    commit_all(outer, "two")
    listing = list_tree(outer)
    assert "sub" in listing.files and "sub/Dockerfile" not in listing.files
    inv = build_inventory(listing.root, "", listing.files)
    assert inv.text("sub") is None
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{outer}", str(shallow)], check=True)
    assert "a.py" in list_tree(shallow).files


def test_hostile_yaml_in_every_yaml_candidate_never_crashes_a_check(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pocmvp_lint.cli import cli

    deep = "a: " + "[" * 20_000 + "]" * 20_000 + "\n"
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(12)
    )
    names = [
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        "docker-compose.yml",
        "k8s/app.yaml",
        "azure-pipelines.yml",
        ".github/dependabot.yml",
        "render.yaml",
        "serverless.yml",
        "Chart.yaml",
        "kustomization.yaml",
        "pnpm-lock.yaml",
        "app.yaml",
    ]
    files = {"project.toml": '[project]\nstage = "mvp"\n'}
    for index, name in enumerate(names):
        files[name] = deep if index % 2 else bomb
    repo = init_repo(tmp_path / "r")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    stage_all(repo)
    for args in (["check", str(repo), "--format", "json"], ["signals", str(repo)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (0, 1), result.output
        assert "internal error" not in result.output


def test_sorted_listing_is_shared_and_membership_needs_no_set(tmp_path: Path) -> None:
    in_order = Listing(tmp_path, ("Dockerfile", "README.md", "src/app.py", "src/ü.py"), is_git=True)
    assert in_order.sorted_files() is in_order.files  # git's order is Python's: not held twice
    out_of_order = Listing(tmp_path, ("src/app.py", "README.md", "a/x.py"), is_git=False)
    assert out_of_order.sorted_files() == ("README.md", "a/x.py", "src/app.py")
    for listing in (in_order, out_of_order):
        paths = listing.paths()
        assert all(path in paths for path in listing.files)
        assert "src" not in paths and "src/app.p" not in paths and "zzz" not in paths
        assert len(paths) == len(listing.files)


def test_an_ordered_inventory_answers_exists_like_an_unordered_one(tmp_path: Path) -> None:
    files = ("charts/web/Chart.yaml", "charts/web/values.yaml", "src/app.py", "z/Project.toml")
    ordered = build_inventory(tmp_path, "", files, ordered=True)
    plain = build_inventory(tmp_path, "", files)
    for path in (*files, "charts/web", "charts/web/Chart.yml", "src/app", "a"):
        assert ordered.exists(path) == plain.exists(path) == (path in files)


def test_without_drops_a_few_paths_or_many_and_keeps_the_order() -> None:
    files = [f"src/m{i}.py" for i in range(40)]
    assert without(files, ["src/m3.py", "nowhere.py", "src/m0.py"]) == files[1:3] + files[4:]
    many = frozenset(files[::2]) | {"nowhere.py"}
    assert without(files, many) == files[1::2]
    assert without(tuple(files), ()) == files


_NAMES = st.sampled_from(["app.py", "test_app.py", "Dockerfile", "values.yaml", "README.md", "db", "tests", "vendor"])


@given(paths=st.sets(st.lists(_NAMES, min_size=1, max_size=4).map("/".join), max_size=25))
def test_a_project_in_a_folder_selects_and_classifies_its_range_as_any_listing(paths: set[str]) -> None:
    """A monorepo project's sorted range, made relative in one pass, gives the files and
    classification the path-by-path selection gives."""
    listing = tuple(sorted({"svc/" + p for p in paths} | {"other/app.py", "svd/app.py"}))
    below = tuple(p for p in listing if p.startswith("svc/"))
    ranged = build_inventory(Path("/repo"), "svc", below, ordered=True)
    walked = build_inventory(Path("/repo"), "svc", listing)
    assert ranged.files == walked.files
    assert ranged.preclassified == walked.preclassified
