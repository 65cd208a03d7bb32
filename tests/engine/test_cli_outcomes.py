"""What users see of the outcome model: JSON outcomes, SARIF metadata of a project's own rules."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import make_repo

POLICY = """[project]
stage = "mvp"
owner = "me"
feedback = "https://example.invalid"

[lint]
ignore = { MVP003 = "CI lives in another repository" }
select = ["ALL"]

[[lint.rules]]
code = "ORG001"
stage = "mvp"
severity = "warning"
message = "every MVP needs an on-call runbook"
require = ["docs/runbook.md"]
"""


def check(repo: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["check", str(repo), *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_json_reports_every_rule_outcome_with_its_reason(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POLICY})
    project = json.loads(check(repo, "--format", "json"))["projects"][0]
    outcomes = {o["code"]: o for o in project["outcomes"]}
    assert outcomes["ORG001"]["status"] == "failed"
    assert outcomes["MVP003"] == {
        "code": "MVP003",
        "status": "ignored",
        "reason": "ignored by `MVP003`: CI lives in another repository",
    }
    assert outcomes["POC101"]["status"] == "not-applicable"
    assert outcomes["POC101"]["reason"] == "applies to POC projects only"
    assert outcomes["SEC001"]["status"] == "passed"
    assert {o["code"] for o in project["findings"]} <= {c for c, o in outcomes.items() if o["status"] == "failed"}


def test_sarif_describes_a_project_rule_with_its_own_message(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POLICY})
    driver = json.loads(check(repo, "--format", "sarif"))["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["ORG001"]["shortDescription"]["text"] == "every MVP needs an on-call runbook"
    assert "security" not in rules["ORG001"]["properties"]["tags"]


def test_junit_skips_carry_the_engine_reason(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POLICY})
    xml = check(repo, "--format", "junit", "--select", "MVP,ORG")
    assert 'name="SEC001 committed-secrets"' in xml
    assert "not selected by [lint] select / --select" in xml
    assert "ignored by `MVP003`: CI lives in another repository" in xml
    # Rules of the other stage are left out of JUnit (issue 11: real test counts).
    assert "applies to POC projects only" not in xml and 'name="POC101' not in xml
