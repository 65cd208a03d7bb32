"""How many git processes a run starts, and that merging them changed nothing a user sees: HEAD's
state from one ``rev-parse``, blobs from one ``cat-file`` (two with a git older than 2.36)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import git, git_commands
from tests.history.scripted import MVP, POC, README, commit, days_ago, new_repo


def _history(repo: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["history", str(repo), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _promoted(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path)
    commit(repo, {"app.py": "print(1)\n"}, "work", days_ago(8))
    commit(repo, {"project.toml": MVP}, "promote", days_ago(5))
    return repo


def test_a_check_reads_head_once_and_blobs_in_one_process(tmp_path: Path, git_log: Path) -> None:
    repo = _promoted(tmp_path)
    git_log.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(repo), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    commands = git_commands(git_log)
    assert commands.count("rev-parse") == 1, commands
    assert "symbolic-ref" not in commands
    # one log gives the commits and the changes of project.toml (no second log limited to it)
    assert commands.count("log") == 1, commands
    assert commands.count("cat-file") == 1, commands
    assert "--batch-command" in git_log.read_text(encoding="utf-8")


def test_files_named_like_head_neither_hide_history_nor_cost_a_process(tmp_path: Path, git_log: Path) -> None:
    repo = new_repo(tmp_path, {"project.toml": POC, "HEAD": "x\n", "HEAD^{commit}": "y\n", "--": "z\n"})
    git_log.write_text("", encoding="utf-8")
    doc = _history(repo)
    assert doc["projects"][0]["history"]["commits"] == 1
    assert git_commands(git_log).count("rev-parse") == 1


def test_detached_head_is_noted_and_a_branch_is_not(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, {"a.py": "1\n"}, "more", days_ago(2))

    def note() -> bool:
        result = CliRunner().invoke(cli, ["history", str(repo), "--no-color"])
        assert result.exit_code == 0, result.output
        return "HEAD is detached" in result.stdout

    assert not note()
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert note()
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "symbolic-ref", "HEAD", "refs/remotes/origin/main")  # a symbolic HEAD outside refs/heads
    assert not note()


def test_a_linked_worktree_reads_its_own_head(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, {"a.py": "1\n"}, "more", days_ago(2))
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", "--detach", str(linked), "HEAD~1")
    assert _history(linked)["projects"][0]["history"]["commits"] == 1
    assert _history(repo)["projects"][0]["history"]["commits"] == 2


def test_an_unborn_branch_has_no_history_and_no_error(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "project.toml").write_text(POC, encoding="utf-8")
    git(repo, "add", "project.toml")
    result = CliRunner().invoke(cli, ["check", str(repo), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def _stages(doc: Any) -> list[tuple[str | None, str | None]]:
    return [(c["from"], c["to"]) for c in doc["projects"][0]["stage_changes"]]


def test_a_git_without_batch_command_reads_the_same_blobs(
    tmp_path: Path, git_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _promoted(tmp_path)
    now = _history(repo)
    assert _stages(now) == [(None, "poc"), ("poc", "mvp")]
    git_log.write_text("", encoding="utf-8")
    monkeypatch.setenv("OLD_GIT", "1")
    assert _history(repo) == now
    logged = git_log.read_text(encoding="utf-8")
    assert "--batch-check" in logged and "cat-file --batch\n" in logged


@pytest.mark.parametrize("old_git", [False, True])
def test_a_config_version_over_the_cap_is_never_read(
    tmp_path: Path, git_log: Path, monkeypatch: pytest.MonkeyPatch, old_git: bool
) -> None:
    if old_git:
        monkeypatch.setenv("OLD_GIT", "1")
    repo = new_repo(tmp_path, {"project.toml": POC, "README.md": README}, days_ago(20))
    padding = "#" * 70_000 + "\n"  # over the 64 KiB read for a past project.toml
    commit(repo, {"project.toml": MVP + padding}, "promote, with a long comment", days_ago(10))
    commit(repo, {"project.toml": POC}, "back to a POC", days_ago(5))
    assert "mvp" not in {stage for change in _stages(_history(repo)) for stage in change}
    commit(repo, {"project.toml": MVP + "#" * 60_000 + "\n"}, "promote, with a shorter comment", days_ago(2))
    assert _stages(_history(repo))[-1] == ("poc", "mvp")


@pytest.mark.parametrize("layout", ["root", "monorepo"])
def test_a_stage_declared_once_reads_no_version_of_it(tmp_path: Path, git_log: Path, layout: str) -> None:
    # The rules judge moves between declared stages: a project.toml one commit touched has none,
    # so `check` reads none of its versions (no cat-file), and one touched twice is read.
    prefix = "" if layout == "root" else "svc/"
    files = {f"{prefix}project.toml": POC, f"{prefix}README.md": README}
    if layout == "monorepo":
        files["web/project.toml"] = MVP
    repo = new_repo(tmp_path, files, days_ago(9))

    def check() -> tuple[list[str], list[Any]]:
        git_log.write_text("", encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", str(repo), "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        found = [f for p in json.loads(result.stdout)["projects"] for f in p["findings"]]
        return git_commands(git_log), found

    commands, _found = check()  # one commit: not even the commits touching project.toml are asked
    assert commands.count("log") == 1 and "cat-file" not in commands, commands
    commit(repo, {f"{prefix}app.py": "print(1)\n"}, "work", days_ago(8))
    commands, _found = check()
    assert "cat-file" not in commands, commands
    commit(repo, {f"{prefix}project.toml": MVP}, "promote", days_ago(5))
    commands, found = check()
    assert commands.count("cat-file") == 1 and commands.count("log") == 1, commands
    assert "STG101" in [f["code"] for f in found]
