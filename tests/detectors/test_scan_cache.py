"""The credential scan's cache (docs/secrets.md, "The cache"), seen through the command line.

A repeat run does not read files whose staged blob was scanned clean before, and still reports
every token in content it has not proven clean: a newly staged file, a file staged with new
content, CI configuration. The cache never lands in the repository, and a damaged, foreign or
unwritable cache changes nothing the user sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint import scancache, vcs
from pocmvp_lint.cli import cli
from pocmvp_lint.detectors import tokens
from pocmvp_lint.detectors._placement import CI_NAMES, CI_PREFIXES
from pocmvp_lint.detectors.tokens import scanner_version
from pocmvp_lint.inventory import Inventory
from tests.gitutil import commit_all, git, make_repo, stage_all, write

#: A GitHub token of the right shape (not a placeholder): the scan reports it by file and line.
TOKEN = "ghp_" + "Zq8xW3vL9pR2tY6uK4mN7bC1dF5gH0jA2sE4"
CLEAN = {f"src/app/mod{i}.py": f"def f{i}():\n    return {i}\n" for i in range(12)}
PROJECT = {"project.toml": '[project]\nname = "svc"\nstage = "poc"\n', **CLEAN}


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POCMVP_LINT_CACHE_DIR", str(folder))
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"pocmvp-lint crashed: {result.exception!r}\n{result.output}")
    return result.exit_code, result.stdout, result.stderr


def token_files(repo: Path, *extra: str) -> set[str]:
    """The files `signals` reports a credential in (a token format or a CI credential)."""
    code, out, err = run("signals", str(repo), "--format", "json", *extra)
    assert code == 0, err
    assert "Traceback" not in out + err
    return {
        s["path"]
        for project in json.loads(out)["projects"]
        for s in project["signals"]
        if "GitHub token" in s["detail"] or "CI configuration" in s["detail"]
    }


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ids")) if folder.is_dir() else []


def test_warm_run_reports_a_token_in_a_newly_staged_file(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    assert token_files(repo) == set()
    assert len(cache_files(cache_dir)) == 1  # the clean files were proven clean
    write(repo, {"src/app/new.py": f'TOKEN = "{TOKEN}"\n'})
    git(repo, "add", "src/app/new.py")
    assert token_files(repo) == {"src/app/new.py"}


def test_warm_run_reports_a_token_in_a_file_staged_with_new_content(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    assert token_files(repo) == set()
    write(repo, {"src/app/mod3.py": f'def f3():\n    return "{TOKEN}"\n'})
    git(repo, "add", "src/app/mod3.py")
    assert token_files(repo) == {"src/app/mod3.py"}
    commit_all(repo)
    assert token_files(repo) == {"src/app/mod3.py"}  # files with findings are always read


def test_an_unstaged_edit_is_judged_once_staged_and_no_cache_reads_it_now(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    assert token_files(repo) == set()
    write(repo, {"src/app/mod5.py": f'KEY = "{TOKEN}"\n'})
    assert token_files(repo) == set()  # the staged content was scanned clean
    assert token_files(repo, "--no-cache") == {"src/app/mod5.py"}
    git(repo, "add", "src/app/mod5.py")
    assert token_files(repo) == {"src/app/mod5.py"}


def test_ci_configuration_is_read_even_when_its_content_is_known_clean(tmp_path: Path, cache_dir: Path) -> None:
    workflow = 'env:\n  DB_PASSWORD: "Zq8xW3vL9pR2tY6uK4mN7bC1dF5g"\n'
    repo = make_repo(tmp_path / "repo", {**PROJECT, "notes/env.yml": workflow})
    assert token_files(repo) == set()  # not CI: the same text holds no token format
    write(repo, {".github/workflows/ci.yml": workflow})
    stage_all(repo)
    assert token_files(repo) == {".github/workflows/ci.yml"}
    assert token_files(repo) == {".github/workflows/ci.yml"}


def test_no_cache_writes_no_cache_file(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    code, _out, err = run("check", str(repo), "--no-cache", "--format", "json")
    assert code in (0, 1), err
    assert token_files(repo, "--no-cache") == set()
    assert not cache_dir.exists()
    code, _out, err = run("check", str(repo), "--format", "json")
    assert code in (0, 1), err
    assert len(cache_files(cache_dir)) == 1


def test_scan_uses_the_cache_unless_no_cache(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    code, _out, err = run("scan", str(repo), "--no-cache", "-j", "1")
    assert code in (0, 1), err
    assert not cache_dir.exists()
    code, _out, err = run("scan", str(repo), "-j", "1")
    assert code in (0, 1), err
    assert len(cache_files(cache_dir)) == 1


def _listings(log: Path) -> list[str]:
    """The ``ls-files`` commands a ``git_log`` fixture logged, with their options."""
    return [" ".join(line.split()) for line in log.read_text(encoding="utf-8").splitlines() if "ls-files" in line]


def test_a_run_on_the_index_the_cache_last_saw_lists_paths_alone_and_reports_the_same(
    tmp_path: Path, cache_dir: Path, git_log: Path
) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/app/key.py": f'K = "{TOKEN}"\n'})
    assert token_files(repo) == {"src/app/key.py"}  # every blob id compared; the index noted
    git_log.write_text("", encoding="utf-8")
    assert token_files(repo) == {"src/app/key.py"}  # the same index: the file with a token is read again
    assert _listings(git_log) == ["ls-files -z --cached"]
    write(repo, {"src/app/mod1.py": f'X = "{TOKEN}"\n'})
    stage_all(repo)  # another index: every blob id is compared again
    git_log.write_text("", encoding="utf-8")
    assert token_files(repo) == {"src/app/key.py", "src/app/mod1.py"}
    assert _listings(git_log) == ["ls-files -t -s -z --cached"]
    assert token_files(repo) == {"src/app/key.py", "src/app/mod1.py"} == token_files(repo, "--no-cache")


def test_an_index_rewritten_while_it_is_listed_leaves_no_snapshot(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/app/key.py": f'K = "{TOKEN}"\n'})
    stamps = iter(["1-" + "a" * 64, "1-" + "b" * 64])
    monkeypatch.setattr(vcs, "index_stamp", lambda index: next(stamps))
    assert token_files(repo) == {"src/app/key.py"}
    (file,) = cache_files(cache_dir)
    _ids, _length, snapshot = scancache.parse(file.read_bytes(), repo.resolve(), scanner_version())
    assert _ids and snapshot is None


def test_an_index_without_a_checksum_has_no_stamp(tmp_path: Path) -> None:
    index = tmp_path / "index"
    index.write_bytes(b"DIRC" + b"\x01" * 60 + b"\0" * 32)  # index.skipHash writes zeros
    assert vcs.index_stamp(index) is None
    index.write_bytes(b"DIRC" + b"\x01" * 60 + b"\x07" * 32)
    assert vcs.index_stamp(index) == f"{4 + 60 + 32}-{'07' * 32}"
    assert vcs.index_stamp(tmp_path) is None  # a folder
    assert vcs.index_stamp(tmp_path / "missing") is None


_IDS = st.text("0123456789abcdef", min_size=40, max_size=40)


@given(
    ids=st.frozensets(_IDS, max_size=5),
    pending=st.dictionaries(_IDS, st.lists(st.integers(0, 99), min_size=1, max_size=3).map(tuple), max_size=5),
    kept=st.booleans(),
)
def test_a_cache_file_reads_back_as_written(
    ids: frozenset[str], pending: dict[str, tuple[int, ...]], kept: bool
) -> None:
    top = Path("/work/tree")
    snapshot = scancache.Snapshot("123-" + "c" * 64, 100, pending) if kept else None
    data = scancache.encode(sorted(ids), "v", top, 40, snapshot)
    assert scancache.parse(data, top, "v") == (ids, 40, snapshot)
    assert scancache.parse(data, Path("/other"), "v") == (frozenset(), 0, None)


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if ".git" not in p.relative_to(folder).parts}


@pytest.mark.parametrize("variable", ["POCMVP_LINT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"])
def test_the_cache_never_lands_inside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    for name in ("POCMVP_LINT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, str(repo / "cachehere") if variable != "HOME" else str(repo))
    before = _tree(repo)
    assert token_files(repo) == set()
    write(repo, {"src/app/new.py": f'TOKEN = "{TOKEN}"\n'})
    stage_all(repo)
    assert token_files(repo) == {"src/app/new.py"}
    assert _tree(repo) == before | {"src", "src/app", "src/app/new.py"}
    assert git(repo, "status", "--porcelain") == "A  src/app/new.py\n"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"\x00\xff garbage" * 40,
        lambda data: data[:-7],  # truncated
        lambda data: data.replace(b"\n", b"\r\n"),
        lambda data: data + b"0" * 41,
        lambda data: b"",
        lambda data: data[: data.rindex(b"\n", 0, -1) + 1],  # the snapshot's last row gone
        lambda data: data.replace(b"\nindex ", b"\nindex 1"),  # another index's stamp
    ],
    ids=["garbage", "truncated", "crlf", "trailing", "empty", "row-gone", "stamp"],
)
def test_a_damaged_cache_file_changes_no_finding(tmp_path: Path, cache_dir: Path, damage: object) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/app/key.py": f'K = "{TOKEN}"\n'})
    assert token_files(repo) == {"src/app/key.py"}
    (file,) = cache_files(cache_dir)
    file.write_bytes(damage(file.read_bytes()))  # type: ignore[operator]
    assert token_files(repo) == {"src/app/key.py"}
    write(repo, {"src/app/mod1.py": f'X = "{TOKEN}"\n'})
    stage_all(repo)
    assert token_files(repo) == {"src/app/key.py", "src/app/mod1.py"}


def test_an_unwritable_cache_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder's parent should be\n")
    monkeypatch.setenv("POCMVP_LINT_CACHE_DIR", str(blocker / "cache"))
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/app/key.py": f'K = "{TOKEN}"\n'})
    code, out, err = run("check", str(repo), "--format", "json")
    assert code == 1 and "Traceback" not in out + err
    assert token_files(repo) == {"src/app/key.py"}
    assert token_files(repo) == token_files(repo, "--no-cache")
    assert not list(tmp_path.glob("**/*.ids"))


def _forge(cache_dir: Path, repo: Path, version: str) -> None:
    """A cache file saying the staged blob of src/app/key.py (holding a token) is clean."""
    top = repo.resolve()
    blob = git(repo, "rev-parse", ":src/app/key.py").strip()
    file = scancache.cache_file(top, cache_dir)
    assert file is not None
    cache_dir.mkdir(parents=True, exist_ok=True)
    file.write_bytes(scancache.encode([blob], version, top, len(blob)))


def test_the_cache_is_trusted_only_from_the_same_scanner_version(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/app/key.py": f'K = "{TOKEN}"\n'})
    _forge(cache_dir, repo, scanner_version())
    assert token_files(repo) == set()  # this version's answer is taken: the file is not read
    assert token_files(repo, "--no-cache") == {"src/app/key.py"}
    _forge(cache_dir, repo, "0" * 64)
    assert token_files(repo) == {"src/app/key.py"}  # another version's file is ignored


def test_the_cache_file_is_private_and_names_no_path(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/app/key.py": f'K = "{TOKEN}"\n'})
    token_files(repo)
    (file,) = cache_files(cache_dir)
    assert file.stat().st_mode & 0o077 == 0
    assert cache_dir.stat().st_mode & 0o077 == 0
    data = file.read_bytes()
    assert str(repo).encode() not in data
    assert b"src/" not in data and b"key.py" not in data  # the snapshot keeps positions, not paths
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".tmp-")]


def test_paths_a_sparse_checkout_leaves_out_are_not_read(tmp_path: Path, cache_dir: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "vendor/big.py": "x = 1\n", "src/app/live.py": f'T = "{TOKEN}"\n'})
    git(repo, "update-index", "--skip-worktree", "vendor/big.py")
    (repo / "vendor" / "big.py").unlink()
    staged = vcs.ls_files_known(repo, frozenset())
    assert "vendor/big.py" in staged.files
    assert staged.unknown is not None and "vendor/big.py" not in staged.unknown
    assert "src/app/live.py" in staged.unknown
    assert token_files(repo) == {"src/app/live.py"} == token_files(repo, "--no-cache")


#: Project-relative names a repeat run may or may not read: sources, CI files in and out of the
#: CI folders, names that sort just beside a CI folder ("a/" < "a0"; "." < "/").
_POOL = (
    "app.py",
    ".github/workflows/ci.yml",
    ".github/workflows.yml",
    ".github/dependabot.yml",
    ".github/workflows0/x",
    ".github0/x",
    ".gitlab-ci.yml",
    ".gitlab/ci/deploy.yml",
    ".circleci/config.yml",
    ".circleci.yml",
    "src/.travis.yml",
    "src/mod.py",
    "src/mod0.py",
    "zz/deep/file.txt",
)


@given(
    files=st.sets(st.sampled_from(_POOL)),
    unknown=st.sets(st.sampled_from(_POOL)),
    # other projects' paths; cut at the project's length, some would read as its own
    strangers=st.sets(st.sampled_from(("xyz/app.py", "svc0app.py", "svc0/src/mod.py", "abc/src/mod.py"))),
    prefix=st.sampled_from(("", "svc")),
)
def test_a_repeat_run_reads_the_files_a_look_at_every_path_would_pick(
    files: set[str], unknown: set[str], strangers: set[str], prefix: str
) -> None:
    """With few paths not known clean, the scan looks those up instead of passing over every
    path; it picks the same files, in the same order, as the look at every path does."""
    head = prefix + "/" if prefix else ""
    not_known = frozenset({head + p for p in unknown} | strangers)
    cache = scancache.ScanCache(Path("cache.ids"), "v", 40, not_known, frozenset(), frozenset())
    inventory = Inventory(root=Path("/nonexistent"), prefix=prefix, files=tuple(sorted(files)), ordered=True)
    every = [p for p in inventory.files if head + p in not_known or p.startswith(CI_PREFIXES)]
    expected = every + [p for p in inventory.named(*CI_NAMES) if p not in every]
    assert tokens._unsettled(inventory, cache) == expected
