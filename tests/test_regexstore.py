"""The store of compiled patterns (``pocmvp_lint.regexstore``): a repeat run builds its patterns
from the programs a previous run kept, and they match exactly as patterns compiled from their
text; a damaged, foreign or misplaced store file changes nothing a user sees, and the store is
never written into a repository being checked."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pocmvp_lint import regexstore
from pocmvp_lint.detectors.ci import TEST_COMMAND_RE
from pocmvp_lint.detectors.ci_deploy import DEPLOY_COMMAND_RE
from pocmvp_lint.regexstore import folder_for  # the real one: tests/conftest.py turns it off for the session
from tests.gitutil import make_repo

pytestmark = pytest.mark.skipif(regexstore._engine() is None, reason="no known regular-expression engine")

#: Patterns of the package (big verbose alternations, named groups, bytes) and texts to try them on.
PATTERNS: list[tuple[Any, int]] = [
    (DEPLOY_COMMAND_RE.pattern, DEPLOY_COMMAND_RE.flags),
    (TEST_COMMAND_RE.pattern, TEST_COMMAND_RE.flags),
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(\d\d))?", re.IGNORECASE),
    (rb"akia|ghp_|-----begin", 0),
]
TEXTS = [
    "docker push registry.example.com/app:1.0",
    "/kaniko/executor --context . --destination ghcr.io/acme/app",
    "npm run test -- --ci",
    "python -m pytest -q tests/",
    "release 2024-05 and 2025-01-02",
    "nothing to see here",
]


def matches(pattern: re.Pattern[Any], text: str) -> list[object]:
    subject: str | bytes = text.encode() if isinstance(pattern.pattern, bytes) else text
    return [(m.span(), m.groups()) for m in pattern.finditer(subject)]


def test_a_second_run_builds_its_patterns_from_the_programs_the_first_kept(tmp_path: Path) -> None:
    first = regexstore.open_store(tmp_path)
    compiled = [first.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert first.added == len(PATTERNS)
    first.save()

    second = regexstore.open_store(tmp_path)
    assert set(second.loaded) == {(p, f) for p, f in PATTERNS}
    built = [second.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert second.added == 0  # every one came from the file
    for fresh, stored in zip(compiled, built):
        assert (stored.pattern, stored.flags, stored.groups, stored.groupindex) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
            fresh.groupindex,
        )
        for text in TEXTS:
            assert matches(stored, text) == matches(fresh, text)


def test_a_run_that_adds_nothing_does_not_rewrite_the_file(tmp_path: Path) -> None:
    store = regexstore.open_store(tmp_path)
    store.compile(r"a+b", 0)
    store.save()
    written = store.file.stat()
    again = regexstore.open_store(tmp_path)
    again.compile(r"a+b", 0)
    again.save()
    assert store.file.stat().st_mtime_ns == written.st_mtime_ns
    assert store.file.stat().st_ino == written.st_ino


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a store",
        regexstore.MAGIC + b"\nanother python 2.7\n" + b"x",
        b"truncated",
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, damage: bytes) -> None:
    store = regexstore.open_store(tmp_path)
    store.file.write_bytes(damage or (regexstore.MAGIC + b"\n" + regexstore.stamp() + b"\n\x00\x01"))
    reopened = regexstore.open_store(tmp_path)
    assert reopened.loaded == {}
    assert reopened.compile(r"(x)y", 0).fullmatch("xy") is not None


def test_a_file_of_the_right_stamp_but_not_programs_is_ignored(tmp_path: Path) -> None:
    file = regexstore.open_store(tmp_path).file
    file.write_bytes(regexstore.MAGIC + b"\n" + regexstore.stamp() + b"\n" + marshal.dumps({("a", 0): "oops"}))
    assert regexstore.open_store(tmp_path).loaded == {}


@pytest.mark.parametrize("code", [[999, 1, 2], ["x", 1], [2**70]], ids=["opcode", "not-an-int", "too-big"])
def test_a_program_the_engine_refuses_is_compiled_from_the_text(tmp_path: Path, code: list[Any]) -> None:
    store = regexstore.open_store(tmp_path)
    store.loaded[("abc", 0)] = (0, code, 0, {}, ())  # not a valid program
    pattern = store.compile("abc", 0)
    assert pattern.search("xxabc") is not None
    assert store.used[("abc", 0)] != (0, code, 0, {}, ())


def test_a_symbolic_link_in_place_of_the_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.bin"
    first = regexstore.open_store(tmp_path / "cache")
    first.compile("abc", 0)
    first.save()
    target.write_bytes(first.file.read_bytes())
    first.file.unlink()
    first.file.symlink_to(target)
    assert regexstore.open_store(tmp_path / "cache").loaded == {}


def test_the_store_is_never_placed_in_a_repository_being_checked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# svc\n"})
    (repo / "svc").mkdir()
    assert folder_for([repo], repo / ".cache") is None
    assert folder_for([repo / "svc"], repo / ".cache") is None  # in the work tree above
    assert folder_for([repo], repo) is None
    outside = tmp_path / "cache"
    assert folder_for([repo / "svc"], outside) == outside


def check_json(repo: Path, cache: Path, *args: str) -> dict[str, object]:
    """``check --format json`` in a process of its own, as a hook or a developer runs it: the
    patterns it compiles go through the store (in-process runs share compiled patterns)."""
    env = {**os.environ, "POCMVP_LINT_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-m", "pocmvp_lint", "check", str(repo), "--format", "json", *args]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(
        tmp_path / "repo",
        {
            "project.toml": '[project]\nname = "svc"\nstage = "poc"\n',
            "Dockerfile": "FROM python:3.12\nCMD python -m app\n",
            ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: python -m pytest\n      - run: docker push ghcr.io/acme/svc\n",
            "tests/test_app.py": "def test_app():\n    assert True\n",
        },
    )
    return repo


@pytest.mark.slow
def test_a_repeat_check_takes_every_pattern_from_the_store_and_reports_the_same(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    without = check_json(repo, cache, "--no-cache")
    assert not list(cache.glob("regex-*")), "--no-cache neither reads nor writes the store"
    first = check_json(repo, cache)
    (store,) = cache.glob("regex-*")
    written = store.stat()
    assert check_json(repo, cache) == first == without
    # the repeat run found every pattern it needed in the file, so it had nothing to add
    assert store.stat().st_mtime_ns == written.st_mtime_ns
    assert store.stat().st_ino == written.st_ino


@pytest.mark.slow
def test_check_never_writes_the_store_into_the_repository(repo: Path) -> None:
    check_json(repo, repo / ".cache")
    assert not (repo / ".cache").exists()


def test_patterns_go_through_the_store_only_while_a_run_has_it_open(tmp_path: Path) -> None:
    unique = r"store-scope-(\d+)-probe"
    assert regexstore.compile_pattern(unique).fullmatch("store-scope-1-probe") is not None
    assert not list(tmp_path.glob("regex-*")), "no store is open: compiled as re.compile does"
    with regexstore.active(tmp_path) as store:
        assert store is not None
        regexstore.compile_pattern(unique + "-inside")
        assert (unique + "-inside", 0) in store.used
    (file,) = tmp_path.glob("regex-*")
    assert (unique + "-inside", 0) in regexstore.decode(file.read_bytes())
    with regexstore.active(None) as none:
        assert none is None


@pytest.mark.slow
def test_history_keeps_the_store_too_unless_no_cache(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "POCMVP_LINT_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-m", "pocmvp_lint", "history", str(repo), "--format", "json"]
    subprocess.run([*argv, "--no-cache"], capture_output=True, env=env, check=True)
    assert not list(cache.glob("regex-*"))
    subprocess.run(argv, capture_output=True, env=env, check=True)
    assert list(cache.glob("regex-*"))
