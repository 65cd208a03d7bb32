"""The index listing: every staged path once (an unmerged one too), across the chunks the listing
is read in, with and without the credential scan's cache."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint import vcs
from pocmvp_lint.cli import cli
from tests.gitutil import ENV, commit_all, git, make_repo, write

TOKEN = "ghp_" + "Zq8xW3vL9pR2tY6uK4mN7bC1dF5gH0jA2sE4"
PROJECT = {"project.toml": '[project]\nname = "svc"\nstage = "poc"\n', "src/app.py": "x = 1\n"}


def _signal_paths(repo: Path, *extra: str) -> list[str]:
    result = CliRunner().invoke(cli, ["signals", str(repo), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return [s["path"] for p in json.loads(result.stdout)["projects"] for s in p["signals"] if "GitHub" in s["detail"]]


def test_a_conflicted_file_is_listed_once_and_still_scanned(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**PROJECT, "src/conf.py": "A = 1\n"})
    git(repo, "checkout", "-q", "-b", "other")
    write(repo, {"src/conf.py": f'A = "{TOKEN}"\n'})
    commit_all(repo, "theirs")
    git(repo, "checkout", "-q", "main")
    write(repo, {"src/conf.py": "A = 2\n"})
    commit_all(repo, "ours")
    merge = subprocess.run(["git", "merge", "-q", "other"], cwd=repo, capture_output=True, env={**os.environ, **ENV})
    assert merge.returncode != 0  # a conflict: src/conf.py is staged at stages 1, 2 and 3
    assert len(git(repo, "ls-files", "-u", "src/conf.py").splitlines()) == 3
    assert _signal_paths(repo) == ["src/conf.py"] == _signal_paths(repo, "--no-cache")
    assert _signal_paths(repo) == ["src/conf.py"]  # a warm cache too


def test_a_listing_longer_than_a_chunk_keeps_every_path_once(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", PROJECT)
    blob = git(repo, "rev-parse", "HEAD:src/app.py").strip()
    other = "0" * 39 + "1"
    lines = [f"100644 {blob} 0\tpkg/module-{i // 100:03d}/file-{i:05d}.py" for i in range(15_000)]
    conflicted = "pkg/module-140/file-14000.py"  # beyond the first MiB of the listing (81 bytes a path)
    lines = [line for line in lines if not line.endswith(conflicted)]
    lines += [f"100644 {other} {stage}\t{conflicted}" for stage in (1, 2, 3)]
    subprocess.run(
        ["git", "update-index", "--index-info"], cwd=repo, input="\n".join(lines) + "\n", text=True, check=True
    )
    skipped = "pkg/module-145/file-14500.py"
    git(repo, "update-index", "--skip-worktree", skipped)
    staged = vcs.ls_files_known(repo, frozenset({blob}))
    assert len(staged.files) == len(set(staged.files)) == 15_002  # 15,000 + project.toml + src/app.py
    assert staged.files == vcs.ls_files(repo)
    assert staged.unknown == frozenset({conflicted, "project.toml"})
    assert staged.seen == frozenset({blob}) and staged.id_length == 40
    cold = vcs.ls_files_known(repo, frozenset())
    assert cold.unknown is not None and skipped not in cold.unknown and len(cold.unknown) == 15_001


@given(
    paths=st.lists(
        st.text(st.characters(codec="utf-8", blacklist_characters="\0"), min_size=1, max_size=12),
        max_size=30,
    ),
    cuts=st.lists(st.integers(0, 400), max_size=8),
)
def test_paths_split_across_chunks_come_back_whole(paths: list[str], cuts: list[int]) -> None:
    """The listing is read in chunks that may end inside a path, even inside a character."""
    data = b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in paths)
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    chunks = [data[a:b] for a, b in zip(bounds, bounds[1:])]
    assert vcs._split_paths(chunks) == paths
