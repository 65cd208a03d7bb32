"""One project's commits from a log limited to its folder equal those the repository's log with
file names gives: a run that checks one project in a folder asks git for its commits only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from pocmvp_lint.history.collect import facts_for
from pocmvp_lint.history.facts import HistoryFacts, HistoryRequest
from pocmvp_lint.history.gitlog import pathspecs, read_log
from tests.gitutil import git
from tests.history.scripted import MVP, POC, README, commit, days_ago, new_repo


@pytest.fixture(scope="module")
def branchy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``_branchy``, built once: the tests only read it."""
    return _branchy(tmp_path_factory.mktemp("branchy"))


def _branchy(tmp_path: Path) -> Path:
    """A project in ``app/`` (POC, then MVP) with a nested project, merged side branches (one whose
    change to ``app/`` was reverted, so the merge equals its first parent there), tags, and
    neighbours whose names a glob would match (``app*``, ``apple``)."""
    repo = new_repo(
        tmp_path,
        {"app/project.toml": POC, "app/a.py": "a = 1\n", "other/x.py": "x\n", "app*/y.py": "y\n"},
        days_ago(40),
    )
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, {"app/a.py": "a = 2\n"}, "side: change app", days_ago(35), "Bob")
    commit(repo, {"other/x.py": "x2\n"}, "side: change other", days_ago(34), "Bob")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"app/b.py": "b\n", "apple/z.py": "z\n"}, "main: add b", days_ago(33), "Cat")
    git(repo, "tag", "v1.0")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    git(repo, "checkout", "-q", "-b", "undone")
    commit(repo, {"app/c.py": "c\n"}, "undone: add c", days_ago(30), "Dan")
    git(repo, "rm", "-q", "app/c.py")
    commit(repo, {}, "undone: remove c", days_ago(29), "Dan")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge undone", "undone")
    commit(repo, {"app/inner/project.toml": POC, "app/inner/i.py": "i\n"}, "nested project", days_ago(20), "Eve")
    commit(repo, {"app/inner/i.py": "i2\n"}, "nested only", days_ago(15), "Eve")
    commit(repo, {"app*/y.py": "y2\n"}, "glob-like neighbour", days_ago(12), "Fay")
    commit(repo, {"app/project.toml": MVP}, "promote", days_ago(10), "Ann")
    commit(repo, {"app*/project.toml": POC}, "declare app*", days_ago(5), "Fay")
    return repo


def _facts(repo: Path, prefix: str, nested: list[str], *, limited: bool) -> HistoryFacts:
    request = HistoryRequest(stage_changes=True)
    specs = pathspecs(prefix, nested) if limited else []
    log = read_log(repo, names=not limited, limited_to=specs)
    return facts_for(log, prefix, nested=nested, config_path=f"{prefix}/project.toml", request=request)


@pytest.mark.parametrize(("prefix", "nested"), [("app", ["app/inner"]), ("app/inner", []), ("app*", [])])
def test_a_limited_log_gives_the_commits_the_named_log_gives(branchy: Path, prefix: str, nested: list[str]) -> None:
    repo = branchy
    limited = _facts(repo, prefix, nested, limited=True)
    named = _facts(repo, prefix, nested, limited=False)
    assert limited.commits == named.commits
    assert (limited.contributors, limited.tags, limited.stage_changes) == (
        named.contributors,
        named.tags,
        named.stage_changes,
    )
    subjects = [c.subject for c in limited.commits]
    if prefix == "app":  # reverted side-branch work counts; the nested project's own commits do not
        assert "undone: add c" in subjects and "undone: remove c" in subjects
        assert "nested only" not in subjects and "merge side" not in subjects
        assert [s.after for s in limited.stage_changes] == ["poc", "mvp"]
    if prefix == "app*":  # a folder named like a glob is matched literally
        assert "main: add b" not in subjects and "glob-like neighbour" in subjects


def _check(repo: Path, *paths: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", *[str(repo / p) for p in paths], "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return [p for p in json.loads(result.stdout)["projects"] if p["path"] == "svc"]


def test_one_project_in_a_folder_reads_only_its_commits_and_judges_alike(tmp_path: Path, git_log: Path) -> None:
    # An old POC in svc/ of a repository with other work: alone in the run, its commits come from
    # a log limited to svc/, with no file names; beside a second project, from the shared log.
    repo = new_repo(tmp_path, {"svc/project.toml": POC, "svc/README.md": README, "lib/l.py": "l\n"}, days_ago(400))
    for day in (300, 200, 100):
        commit(repo, {"svc/app.py": f"v = {day}\n", "lib/l.py": f"l{day}\n"}, f"work {day}", days_ago(day))
    alone = _check(repo, "svc")
    logs = [line for line in git_log.read_text(encoding="utf-8").splitlines() if line.split()[:1] == ["log"]]
    commits = [line for line in logs if line.endswith("HEAD -- :(literal)svc")]
    assert len(commits) == 1 and "--name-status" not in commits[0], logs
    assert all(line.endswith(("-- :(literal)svc", "-- :(literal)svc/project.toml")) for line in logs), logs
    commit(repo, {"web/project.toml": MVP}, "a second project", days_ago(1), "Bob")
    shared = _check(repo, ".")
    assert [f["code"] for f in alone[0]["findings"]] == [f["code"] for f in shared[0]["findings"]]
    assert any(f["code"].startswith("POC2") for f in alone[0]["findings"])
    assert alone[0]["findings"] == shared[0]["findings"]


def test_one_log_naming_only_project_toml_gives_every_commit_and_the_stage_changes(tmp_path: Path) -> None:
    # A root project promoted on a side branch, merged: the log of every commit that names only
    # project.toml (one process) gives the commits of the plain log and the stage changes of the
    # log naming every file.
    repo = new_repo(tmp_path, {"project.toml": POC, "README.md": README}, days_ago(30))
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, {"project.toml": MVP}, "side: promote", days_ago(20), "Bob")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"app.py": "a = 1\n"}, "main: work", days_ago(15), "Cat")
    git(repo, "tag", "v0.1")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    commit(repo, {"app.py": "a = 2\n"}, "main: more work", days_ago(10), "Cat")

    def facts(log: Any) -> HistoryFacts:
        return facts_for(log, config_path="project.toml", request=HistoryRequest(stage_changes=True))

    plain = read_log(repo, names=False)
    touching = read_log(repo, names=False, touching="project.toml")
    named = read_log(repo, names=True)
    assert [e.commit for e in touching.entries] == [e.commit for e in plain.entries]
    assert "merge side" in [e.commit.subject for e in touching.entries]
    assert facts(touching).stage_changes == facts(named).stage_changes == facts(plain).stage_changes
    assert [s.after for s in facts(touching).stage_changes] == ["poc", "mvp"]
    assert facts(touching).tags == facts(plain).tags != ()
