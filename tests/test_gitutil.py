"""The test helpers write plain repositories' commits without git: git must read them as its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitutil import ENV, commit_all, dated, git, init_repo, make_repo, stage_all, write

FILES = {
    "README.md": "# demo\n",
    "a.txt": "",
    "a/b.py": "print(1)\n",
    "a-b/c/d.yaml": "x: 1\n",
    "ünï códe/名前.md": "ok\n",
    "deep/" * 12 + "leaf.txt": "leaf\n",
    "project.toml": '[project]\nstage = "poc"\n',
    ".github/workflows/ci.yml": "on: push\n",
    ".gitlab-ci.yml": "test:\n  script: [pytest]\n",
    "docs/.gitkeep": "",
}
LOG = ["log", "--date=raw", "--format=%H %T %P%n%an %ae %ad%n%cn %ce %cd%n%s%n%b"]


def by_git(repo: Path, message: str, **env: str) -> None:
    """What commit_all does when it leaves the work to git."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, env=env or None)


def no_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No git on PATH: a helper that started one would fail."""
    empty = tmp_path / "no-git"
    empty.mkdir(parents=True)
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.parametrize("files", [FILES, {}, {"one.txt": "1\n"}], ids=["many", "none", "one"])
def test_a_written_commit_is_the_commit_git_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    theirs = init_repo(tmp_path / "theirs")
    write(theirs, files)
    when = dated("2026-03-01T09:30:00+02:00")
    by_git(theirs, "start", **when)
    with monkeypatch.context() as patch:
        no_git(patch, tmp_path)
        ours = make_repo(tmp_path / "ours", {})
        write(ours, files)
        (ours / ".git" / "refs" / "heads" / "main").unlink()  # make_repo's own commit: start over
        (ours / ".git" / "logs").rename(tmp_path / "old-logs")
        commit_all(ours, "start", **when)
    for args in (LOG, ["ls-files", "-s"], ["reflog", "--format=%gs"]):
        assert git(ours, *args) == git(theirs, *args)
    assert git(ours, "status", "--porcelain", "--untracked-files=all") == ""
    git(ours, "fsck", "--strict", "--no-dangling")


def test_a_written_commit_stores_symbolic_links_as_git_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repos = (init_repo(tmp_path / "theirs"), init_repo(tmp_path / "ours"))
    for repo in repos:
        write(repo, {"a.txt": "a\n", "folder/b.txt": "b\n"})
        (repo / "to-file").symlink_to("a.txt")
        (repo / "to-folder").symlink_to("folder")
        (repo / "folder" / "up").symlink_to("../a.txt")
        (repo / "dangling").symlink_to("nowhere/at/all")
        (repo / "outside").symlink_to(tmp_path / "elsewhere")
    when = dated("2026-03-01T09:30:00+00:00")
    by_git(repos[0], "links", **when)
    with monkeypatch.context() as patch:
        no_git(patch, tmp_path)
        commit_all(repos[1], "links", **when)
    for args in (LOG, ["ls-files", "-s"], ["ls-tree", "-r", "HEAD"]):
        assert git(repos[1], *args) == git(repos[0], *args)
    assert "120000" in git(repos[1], "ls-files", "-s")
    assert git(repos[1], "status", "--porcelain", "--untracked-files=all") == ""
    git(repos[1], "fsck", "--strict", "--no-dangling")


def test_a_history_of_written_commits_is_the_history_git_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[tuple[dict[str, str], list[str], str, dict[str, str]]] = [
        (FILES, [], "first", dated("2026-01-01T12:00:00+00:00")),
        ({"a/b.py": "print(2)\n", "new/file.txt": "x\n"}, ["a.txt"], "second", dated("2026-01-02T12:00:00-05:30")),
        (
            {},
            [],
            "empty",
            {**dated("2026-01-03T12:00:00+00:00"), "GIT_AUTHOR_NAME": "Bo", "GIT_AUTHOR_EMAIL": "bo@x.invalid"},
        ),
    ]
    repos = (init_repo(tmp_path / "theirs"), init_repo(tmp_path / "ours"))
    for files, gone, message, env in steps:
        for repo in repos:
            write(repo, files)
            for name in gone:
                (repo / name).unlink()
        by_git(repos[0], message, **env)
        with monkeypatch.context() as patch:
            no_git(patch, tmp_path / message)
            commit_all(repos[1], message, **env)
    for args in (LOG, ["ls-files", "-s"], ["reflog", "--format=%gs"], ["rev-list", "--count", "HEAD"]):
        assert git(repos[1], *args) == git(repos[0], *args)
    assert git(repos[1], "status", "--porcelain", "--untracked-files=all") == ""
    git(repos[1], "fsck", "--strict", "--no-dangling")
    assert ENV["GIT_AUTHOR_NAME"] in git(repos[1], *LOG)


def test_a_staged_repository_is_the_index_git_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = init_repo(tmp_path / "theirs")
    write(theirs, FILES)
    git(theirs, "add", "-A")
    with monkeypatch.context() as patch:
        no_git(patch, tmp_path)
        ours = make_repo(tmp_path / "ours", FILES, commit=False)
    assert git(ours, "ls-files", "-s") == git(theirs, "ls-files", "-s")
    assert git(ours, "status", "--porcelain") == git(theirs, "status", "--porcelain")
    assert git(ours, "write-tree") == git(theirs, "write-tree")


def test_staging_after_a_commit_is_the_index_git_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repos = (make_repo(tmp_path / "theirs", FILES), make_repo(tmp_path / "ours", FILES))
    for repo in repos:
        write(repo, {"a/b.py": "print(2)\n", "new/file.txt": "x\n"})
        (repo / "a.txt").unlink()
        (repo / "new" / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
        (repo / "new" / "run.sh").chmod(0o755)
    git(repos[0], "add", "-A")
    with monkeypatch.context() as patch:
        no_git(patch, tmp_path)
        stage_all(repos[1])
    for args in (["ls-files", "-s"], ["status", "--porcelain"], ["diff", "--cached", "--name-status"], ["write-tree"]):
        assert git(repos[1], *args) == git(repos[0], *args)


@pytest.mark.parametrize(
    "files",
    [{".gitignore": "*.log\n", "app.py": "1\n", "debug.log": "noise\n"}, {"app.py": "1\n", "x/.gitattributes": ""}],
)
def test_what_git_may_add_differently_goes_to_git(tmp_path: Path, files: dict[str, str]) -> None:
    repo = make_repo(tmp_path / "repo", files)
    expected = sorted(name for name in files if not name.endswith(".log"))
    assert git(repo, "ls-files").splitlines() == expected
    assert git(repo, "status", "--porcelain") == ""
