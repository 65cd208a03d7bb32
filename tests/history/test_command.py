"""`pocmvp-lint history`: the timeline as text, JSON of the documented shape, and a valid SVG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.history.scripted import MVP, POC, README, commit, days_ago, new_repo, run

SVG = "{http://www.w3.org/2000/svg}"


def _drifting(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path, {"project.toml": POC, "README.md": README}, when="2026-01-05T09:00:00+00:00")
    commit(repo, {"Dockerfile": "FROM python:3.12-slim\n"}, "containerise", "2026-02-10T09:00:00+00:00", author="Bob")
    commit(repo, {"fly.toml": 'app = "recs"\n'}, "deploy to fly", "2026-04-02T09:00:00+00:00")
    commit(repo, {"project.toml": MVP}, "promote", "2026-05-20T09:00:00+00:00")
    return repo


def test_text_timeline(tmp_path: Path) -> None:
    repo = _drifting(tmp_path)
    result = run("history", str(repo), "--no-color")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "4 commits by 2 authors, 2026-01-05 .. 2026-05-20" in out
    assert "2026-02-10  container  Dockerfile" in out and "Bob" in out and '"containerise"' in out
    assert "2026-04-02  paas       fly.toml" in out
    assert "poc→mvp" in out and '"promote"' in out
    assert "█" in out and "2026-01" in out and "2026-05" in out


def test_json_shape(tmp_path: Path) -> None:
    repo = _drifting(tmp_path)
    doc = json.loads(run("history", str(repo), "--format", "json").stdout)
    assert doc["version"] == 1
    (project,) = doc["projects"]
    assert set(project) == {"path", "name", "stage", "history", "signals", "stage_changes", "tags", "months"}
    assert project["path"] == "." and project["stage"] == "mvp" and project["name"] == "recs"
    history = project["history"]
    assert history["commits"] == 4 and history["complete"] is True and history["shallow"] is False
    assert history["first_commit"]["date"].startswith("2026-01-05")
    assert set(history["first_commit"]) == {"sha", "short", "date", "author", "email", "subject"}
    assert [a["name"] for a in history["authors"]] == ["Ann", "Bob"]
    arrivals = {s["category"]: s for s in project["signals"]}
    assert arrivals["container"]["path"] == "Dockerfile"
    assert arrivals["container"]["commit"]["subject"] == "containerise"
    assert [(c["from"], c["to"]) for c in project["stage_changes"]] == [(None, "poc"), ("poc", "mvp")]
    months = project["months"]
    assert [m["month"] for m in months] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
    assert [m["signals"] for m in months] == [0, 1, 1, 2, 2]
    assert months[1]["arrived"] == ["container"] and months[2]["commits"] == 0


def test_svg_is_well_formed_with_labels_and_legend(tmp_path: Path) -> None:
    repo = _drifting(tmp_path)
    target = tmp_path / "out" / "drift.svg"
    result = run("history", str(repo), "--format", "svg", "--output", str(target))
    assert result.exit_code == 0 and "wrote" in result.stderr
    root = ET.fromstring(target.read_text())
    assert root.tag == f"{SVG}svg"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "production signals" in texts and "month (first to last commit)" in texts
    assert "stage change" in texts and any(t.startswith("commits per month") for t in texts)
    assert "2026-01" in texts and "poc→mvp" in texts
    assert run("history", str(repo), "--format", "svg").stdout.startswith("<svg")


def test_timeline_svg_escapes_text_for_embedding() -> None:
    from pocmvp_lint.formatters.history_svg import timeline_svg
    from pocmvp_lint.history.facts import HistoryFacts
    from pocmvp_lint.history.timeline import build_timeline

    svg = timeline_svg(build_timeline(".", "<b>&", "poc", HistoryFacts()), title="a & b")
    root = ET.fromstring(svg)
    assert "no commits yet" in "".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_history_outside_git_and_empty_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "project.toml").write_text(POC)
    result = run("history", str(plain))
    assert result.exit_code == 2 and "not in a git repository" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    from tests.gitutil import git

    git(empty, "init", "-q")
    (empty / "project.toml").write_text(POC)
    git(empty, "add", "project.toml")
    out = run("history", str(empty))
    assert out.exit_code == 0 and "no commits yet" in out.stdout
    assert json.loads(run("history", str(empty), "--format", "json").stdout)["projects"][0]["history"]["commits"] == 0


def test_report_embeds_the_drift_timeline_from_history(tmp_path: Path) -> None:
    """`report` charts the project's history when it has one (issue: stakeholder report)."""
    from click.testing import CliRunner

    from pocmvp_lint.cli import cli
    from tests.gitutil import commit_all, dated, init_repo, write

    repo = init_repo(tmp_path / "r")
    write(repo, {"project.toml": '[project]\nstage = "poc"\nname = "recs"\n', "app.py": "x = 1\n"})
    commit_all(repo, "start", **dated("2026-06-01T10:00:00+00:00"))
    write(repo, {"Dockerfile": "FROM python:3.12-slim\n"})
    commit_all(repo, "add image", **dated("2026-08-15T10:00:00+00:00"))
    page = CliRunner().invoke(cli, ["report", str(repo), "--format", "html"]).stdout
    assert "Drift over time" in page and "<svg" in page
    plain = CliRunner().invoke(cli, ["report", str(repo), "--format", "html", "--no-git"]).stdout
    assert "Drift over time" not in plain


def test_monorepo_history_each_project_sees_only_its_own_commits(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, {"README.md": "# mono\n"})
    commit(
        repo, {"services/a/project.toml": POC, "services/a/app.py": "print(1)\n"}, "start a", days_ago(9), author="Ann"
    )
    commit(repo, {"services/b/project.toml": POC.replace("recs", "other")}, "start b", days_ago(8), author="Bob")
    commit(repo, {"services/b/Dockerfile": "FROM x\n"}, "containerise b", days_ago(7), author="Cy")
    commit(repo, {"services/a/app.py": "print(2)\n"}, "change a", days_ago(6), author="Dee")
    commit(repo, {"docs/notes.md": "n\n"}, "notes at the root", days_ago(5), author="Eve")
    result = run("history", str(repo), "--format", "json")
    assert result.exit_code == 0, result.output
    projects = {p["path"]: p for p in json.loads(result.stdout)["projects"]}
    a, b = projects["services/a"], projects["services/b"]
    assert a["history"]["commits"] == 2 and b["history"]["commits"] == 2
    assert {p["name"] for p in a["history"]["authors"]} == {"Ann", "Dee"}
    assert {p["name"] for p in b["history"]["authors"]} == {"Bob", "Cy"}
    assert [s["commit"]["subject"] for s in b["signals"] if s["category"] == "container"] == ["containerise b"]
    assert a["history"]["first_commit"]["subject"] == "start a"


def test_monorepo_history_each_project_sees_its_own_stage_changes(tmp_path: Path) -> None:
    # the past project.toml versions of every project are read together: each keeps its own
    repo = new_repo(tmp_path, {"README.md": "# mono\n"})
    commit(repo, {"services/a/project.toml": POC, "services/b/project.toml": MVP}, "start", days_ago(9))
    commit(repo, {"services/a/project.toml": MVP}, "promote a", days_ago(8))
    commit(repo, {"services/b/project.toml": POC, "services/c/project.toml": POC}, "demote b", days_ago(7))
    result = run("history", str(repo), "--format", "json")
    assert result.exit_code == 0, result.output
    projects = {p["path"]: p for p in json.loads(result.stdout)["projects"]}
    changes = {
        path: [(c["from"], c["to"], c["commit"]["subject"]) for c in p["stage_changes"]] for path, p in projects.items()
    }
    assert changes == {
        "services/a": [(None, "poc", "start"), ("poc", "mvp", "promote a")],
        "services/b": [(None, "mvp", "start"), ("mvp", "poc", "demote b")],
        "services/c": [(None, "poc", "demote b")],
    }
