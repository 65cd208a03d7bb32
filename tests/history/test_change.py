"""`check --staged` and `check --since` name exactly what the change at hand introduces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.history.scripted import MVP, POC, commit, days_ago, git, new_repo, run


def _new(result_stdout: str) -> dict[str, list[dict[str, Any]]]:
    findings = json.loads(result_stdout)["projects"][0]["findings"]
    return {"new": [f for f in findings if f["new"]], "old": [f for f in findings if not f["new"]]}


def test_staged_names_the_file_the_commit_adds(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, {"Procfile": "web: python app.py\n"}, "deploy it", days_ago(2))
    (repo / "Dockerfile").write_text("FROM python:3.12-slim\n")
    git(repo, "add", "Dockerfile")
    result = run("check", str(repo), "--staged", "--format", "json")
    split = _new(result.stdout)
    assert [f["code"] for f in split["new"]] == ["POC101"]
    assert split["new"][0]["message"].startswith("this commit adds Dockerfile to POC 'recs': ")
    assert [f["code"] for f in split["old"]] == ["POC104"]
    assert "this commit: 1 path changed against HEAD" in result.stderr
    # The hook view (issue 11): what the commit introduces in full, the rest counted in one line.
    hook = run("check", str(repo), "--staged", "--no-color").stdout
    assert "POC101 [warning] new this commit adds Dockerfile" in hook and "fix:" in hook
    assert "POC104" not in hook
    assert hook.rstrip().endswith("1 existing warning (pocmvp-lint check to see them)")
    text = run("check", str(repo), "--staged", "--no-color", "--output-format", "full").stdout
    lines = [line for line in text.splitlines() if "[warning]" in line]
    assert "POC101 [warning] new this commit adds Dockerfile" in lines[0]  # new findings first
    assert "POC104" in lines[1] and " new " not in lines[1]
    assert text.rstrip().endswith("; 1 new.")


def test_new_only_counts_only_new_findings_for_the_exit_code(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, {"Procfile": "web: python app.py\n"}, "deploy it", days_ago(2))
    assert run("check", str(repo), "--staged", "--fail-on", "warning").exit_code == 1
    assert run("check", str(repo), "--staged", "--fail-on", "warning", "--new-only").exit_code == 0
    (repo / "fly.toml").write_text('app = "recs"\n')
    git(repo, "add", "fly.toml")
    assert run("check", str(repo), "--staged", "--fail-on", "warning", "--new-only").exit_code == 1
    bad = run("check", str(repo), "--new-only")
    assert bad.exit_code == 2 and "--new-only needs --staged or --since" in bad.stderr
    both = run("check", str(repo), "--staged", "--since", "HEAD")
    assert both.exit_code == 2 and "give --staged (the commit being made) or --since REF" in both.stderr


def test_repository_level_finding_is_new_when_the_rule_did_not_fire_at_the_base(tmp_path: Path) -> None:
    repo = new_repo(
        tmp_path,
        {"project.toml": MVP, "README.md": "# Recs\n", "app.py": "print(1)\n", "test_app.py": "def test(): pass\n"},
    )
    git(repo, "rm", "-q", "test_app.py")
    split = _new(run("check", str(repo), "--staged", "--format", "json").stdout)
    assert [f["code"] for f in split["new"]] == ["MVP001"]
    assert split["new"][0]["message"].startswith("with this commit: ")
    assert "MVP003" in {f["code"] for f in split["old"]}  # no CI before and after: not new


def test_since_ref_covers_every_commit_on_the_branch(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"Dockerfile": "FROM x\n"}, "containerise", days_ago(2))
    commit(repo, {"app.py": "print(1)\n"}, "app", days_ago(1))
    (repo / "fly.toml").write_text('app = "recs"\n')
    git(repo, "add", "fly.toml")
    result = run("check", str(repo), "--since", "main", "--format", "json")
    split = _new(result.stdout)
    assert sorted(f["code"] for f in split["new"]) == ["POC101", "POC104"]
    assert split["new"][0]["message"].startswith("since main adds ")
    assert run("check", str(repo), "--since", "nope").exit_code == 2


def test_pre_push_range_from_pre_commit(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD").strip()
    commit(repo, {"Dockerfile": "FROM x\n"}, "containerise", days_ago(2))
    commit(repo, {"fly.toml": 'app = "recs"\n'}, "deploy", days_ago(1))
    head = git(repo, "rev-parse", "HEAD").strip()
    env = {"PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head}
    result = run("check", str(repo), "--staged", "--format", "json", env=env)
    split = _new(result.stdout)
    assert sorted(f["code"] for f in split["new"]) == ["POC101", "POC104"]
    assert "this push" in result.stderr
    # without the range, nothing is staged: nothing is new
    assert _new(run("check", str(repo), "--staged", "--format", "json").stdout)["new"] == []


def test_first_commit_everything_is_new(tmp_path: Path) -> None:
    repo = tmp_path / "fresh"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "project.toml").write_text('[project]\nstage = "poc"\nname = "recs"\n')
    (repo / "Dockerfile").write_text("FROM x\n")
    git(repo, "add", "-A")
    split = _new(run("check", str(repo), "--staged", "--format", "json").stdout)
    assert split["old"] == [] and "POC101" in {f["code"] for f in split["new"]}


def test_pre_commit_hook_uses_staged() -> None:
    hooks = (Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text()
    assert "entry: pocmvp-lint check --staged" in hooks
    for line in ("pass_filenames: false", "always_run: true", "verbose: true"):
        assert line in hooks


def test_changing_the_stage_marks_the_other_stages_repository_findings_new(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, {"project.toml": POC, "README.md": "# Recs\n", "app.py": "print(1)\n"})
    (repo / "project.toml").write_text(MVP)
    git(repo, "add", "project.toml")
    split = _new(run("check", str(repo), "--staged", "--format", "json").stdout)
    new = {f["code"] for f in split["new"]}
    # no tests and no CI were fine for the POC at HEAD: the MVP this commit declares lacks them
    assert {"MVP001", "MVP003"} <= new, split
    assert all(f["message"].startswith("with this commit: ") for f in split["new"] if f["code"] in ("MVP001", "MVP003"))
    # the same MVP findings, when the stage did not change in the range, are not new
    commit(repo, {}, "declare the MVP", days_ago(1))
    (repo / "notes.md").write_text("notes\n")
    git(repo, "add", "notes.md")
    later = _new(run("check", str(repo), "--staged", "--format", "json").stdout)
    assert not {"MVP001", "MVP003"} & {f["code"] for f in later["new"]}


def test_json_records_the_range_checked(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    head = git(repo, "rev-parse", "HEAD").strip()
    (repo / "Dockerfile").write_text("FROM x\n")
    git(repo, "add", "Dockerfile")
    staged = json.loads(run("check", str(repo), "--staged", "--format", "json").stdout)
    assert staged["projects"][0]["change"] == {"base": head, "head": "index", "label": "this commit"}
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"fly.toml": 'app = "recs"\n'}, "deploy", days_ago(1))
    since = json.loads(run("check", str(repo), "--since", "main", "--format", "json").stdout)
    assert since["projects"][0]["change"] == {"base": head, "head": "index", "label": "since main"}
    plain = json.loads(run("check", str(repo), "--format", "json").stdout)
    assert plain["projects"][0]["change"] is None
