"""When git refuses a repository, or cannot read its HEAD, the linter says so (exit 2) instead of
quietly walking the folder or treating the repository as empty."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import git, make_repo

PROJECT_TOML = '[project]\nstage = "poc"\n'


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository another owner"
)
@pytest.mark.parametrize("args", [("check",), ("history",), ("check", "--staged")])
def test_a_repository_git_refuses_is_an_error_with_the_fix(tmp_path: Path, args: tuple[str, ...]) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": PROJECT_TOML, "app.py": "print(1)\n"})
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 501, 501)
    result = CliRunner().invoke(cli, [*args, str(repo)])
    assert result.exit_code == 2, result.output
    assert "dubious ownership" in result.stderr
    assert f"git config --global --add safe.directory {repo}" in result.stderr
    assert "Traceback" not in result.output


def test_no_git_still_walks_a_refused_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": PROJECT_TOML})
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        for path in [repo, *repo.rglob("*")]:
            os.lchown(path, 501, 501)
    result = CliRunner().invoke(cli, ["check", "--no-git", str(repo)])
    assert result.exit_code in (0, 1), result.output


def test_a_folder_outside_git_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "project.toml").write_text(PROJECT_TOML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("args", [("check",), ("history",), ("check", "--staged"), ("report",)])
def test_a_corrupt_head_is_an_error_not_an_empty_repository(tmp_path: Path, args: tuple[str, ...]) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": PROJECT_TOML})
    head = git(repo, "rev-parse", "HEAD").strip()
    (repo / ".git" / "objects" / head[:2] / head[2:]).unlink()
    result = CliRunner().invoke(cli, [*args, str(repo)])
    assert result.exit_code == 2, result.output
    assert head in result.stderr and "bad object" in result.stderr
    assert "Traceback" not in result.output


def test_an_unborn_branch_is_still_an_empty_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": PROJECT_TOML}, commit=False)
    result = CliRunner().invoke(cli, ["check", "--staged", str(repo)])
    assert result.exit_code in (0, 1), result.output
    assert "the first commit" in result.stderr


def test_a_work_tree_set_elsewhere_by_the_repository_config_is_refused(tmp_path: Path) -> None:
    elsewhere = make_repo(tmp_path / "elsewhere", {"Dockerfile": "FROM scratch\n", "secret.txt": "s3cr3t\n"})
    repo = make_repo(tmp_path / "repo", {"project.toml": PROJECT_TOML})
    git(repo, "config", "core.worktree", str(elsewhere))
    result = CliRunner().invoke(cli, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 2, result.output
    assert "core.worktree" in result.stderr and "refusing to read outside it" in result.stderr
    assert "Dockerfile" not in result.stdout and "POC101" not in result.output
