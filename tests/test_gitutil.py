"""make_repo writes a new repository of plain files without git: git must read it as its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitutil import commit_all, git, init_repo, make_repo, write

FILES = {
    "README.md": "# demo\n",
    "a.txt": "",
    "a/b.py": "print(1)\n",
    "a-b/c/d.yaml": "x: 1\n",
    "ünï códe/名前.md": "ok\n",
    "deep/" * 12 + "leaf.txt": "leaf\n",
    "project.toml": '[project]\nstage = "poc"\n',
}


def by_git(path: Path, files: dict[str, str], *, commit: bool) -> Path:
    repo = init_repo(path)
    write(repo, files)
    if commit:
        commit_all(repo)
    else:
        git(repo, "add", "-A")
    return repo


@pytest.mark.parametrize("files", [FILES, {}, {"one.txt": "1\n"}], ids=["many", "none", "one"])
def test_a_written_commit_is_the_commit_git_makes(tmp_path: Path, files: dict[str, str]) -> None:
    ours = make_repo(tmp_path / "ours", files)
    theirs = by_git(tmp_path / "theirs", files, commit=True)
    for args in (["rev-parse", "HEAD^{tree}"], ["ls-files", "-s"], ["log", "--format=%an %ae %cn %ce %s%n%b"]):
        assert git(ours, *args) == git(theirs, *args)
    assert git(ours, "status", "--porcelain", "--untracked-files=all") == ""
    git(ours, "fsck", "--strict", "--no-dangling")
    assert git(ours, "reflog", "--format=%gs") == "commit (initial): commit\n"
    # git goes on from it: a second commit sees the first one's files as unchanged.
    write(ours, {"a/b.py": "print(2)\n"})
    commit_all(ours, "second")
    assert git(ours, "diff", "--name-only", "HEAD~1", "HEAD") == "a/b.py\n"


def test_a_staged_repository_is_the_index_git_writes(tmp_path: Path) -> None:
    ours = make_repo(tmp_path / "ours", FILES, commit=False)
    theirs = by_git(tmp_path / "theirs", FILES, commit=False)
    assert git(ours, "ls-files", "-s") == git(theirs, "ls-files", "-s")
    assert git(ours, "status", "--porcelain") == git(theirs, "status", "--porcelain")
    assert git(ours, "write-tree") == git(theirs, "write-tree")


def test_what_git_would_add_differently_goes_to_git(tmp_path: Path) -> None:
    files = {".gitignore": "*.log\n", "app.py": "print(1)\n", "debug.log": "noise\n"}
    repo = make_repo(tmp_path / "repo", files)
    assert git(repo, "ls-files") == ".gitignore\napp.py\n"
