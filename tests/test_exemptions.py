"""Exemptions that expire (docs/exemptions.md), through the command line on real git repositories."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, init_repo
from tests.helpers import REPO_ROOT, run_check

TODAY = dt.date.today()
FUTURE = TODAY + dt.timedelta(days=400)
PAST = TODAY - dt.timedelta(days=30)
SOON = TODAY + dt.timedelta(days=5)
SARIF_SCHEMA = REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    """A validator of the SARIF 2.1.0 schema (itself checked), built once: the schema is large."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)


def repo(tmp_path: Path, lint: str = "", dockerfile: str = "FROM python:3.12-slim\n") -> Path:
    """A POC with a Dockerfile (POC101), committed, with ``lint`` as its [lint] table."""
    root = tmp_path / "repo"
    root.mkdir(parents=True)
    init_repo(root)
    (root / "project.toml").write_text(
        '[project]\nstage = "poc"\nname = "demo"\nowner = "team-maps"\n'
        'hypothesis = "drivers accept routes"\nends = 2999-01-01\n\n[lint]\n' + lint,
        encoding="utf-8",
    )
    (root / "README.md").write_text("# Demo\n\nProof of concept: not for production use.\n", encoding="utf-8")
    (root / "Dockerfile").write_text(dockerfile, encoding="utf-8")
    commit_all(root, "init")
    return root


def config_exemption(until: dt.date) -> str:
    return f'ignore = {{ POC101 = {{ reason = "demo on a laptop", until = {until.isoformat()} }} }}\n'


def codes(project: dict[str, Any]) -> set[str]:
    return {f["code"] for f in project["findings"]}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_config_exemption_before_its_date_silences_and_shows_reason_and_date(tmp_path: Path) -> None:
    root = repo(tmp_path, config_exemption(FUTURE))
    project = run_check(str(root)).projects[0]
    assert "POC101" not in codes(project) and "LNT003" not in codes(project)
    (ignored,) = [i for i in project["ignored"] if i["code"] == "POC101"]
    assert ignored["reason"] == "demo on a laptop" and ignored["until"] == FUTURE.isoformat()
    assert ignored["exemption"] == {
        "codes": ["POC101"],
        "kind": "config",
        "reason": "demo on a laptop",
        "until": FUTURE.isoformat(),
        "path": "project.toml",
        "line": 9,
    }
    (state,) = project["exemptions"]
    assert state["days_left"] == 400 and state["expired"] is False
    markdown = invoke("check", str(root), "--format", "markdown").stdout
    assert f"until {FUTURE.isoformat()}: demo on a laptop" in markdown


def test_config_exemption_after_its_date_brings_the_finding_back_with_lnt003(tmp_path: Path) -> None:
    root = repo(tmp_path, config_exemption(PAST))
    run = run_check(str(root))
    project = run.projects[0]
    assert {"POC101", "LNT003"} <= codes(project)
    assert "LNT002" not in codes(project)  # an expired ignore is not also "unused"
    (expired,) = [f for f in project["findings"] if f["code"] == "LNT003"]
    assert expired["path"] == "project.toml" and expired["line"] == 9
    for part in (f"ended on {PAST.isoformat()}", "30 days ago", "project.toml:9", "team-maps", '"demo on a laptop"'):
        assert part in expired["message"]
    assert project["exemptions"][0]["expired"] is True


def test_inline_exemption_both_ways(tmp_path: Path) -> None:
    later = repo(
        tmp_path / "a",
        dockerfile=f"# pocmvp-lint: ignore[POC101] until={FUTURE} demo on a laptop\nFROM python:3.12-slim\n",
    )
    project = run_check(str(later)).projects[0]
    assert "POC101" not in codes(project)
    (ignored,) = [i for i in project["ignored"] if i["code"] == "POC101"]
    assert ignored["until"] == FUTURE.isoformat() and ignored["reason"] == "demo on a laptop"
    assert ignored["exemption"]["kind"] == "inline" and ignored["exemption"]["path"] == "Dockerfile"

    over = repo(
        tmp_path / "b",
        dockerfile=f"# pocmvp-lint: ignore[POC101] until={PAST} demo on a laptop\nFROM python:3.12-slim\n",
    )
    project = run_check(str(over)).projects[0]
    assert {"POC101", "LNT003"} <= codes(project)
    (expired,) = [f for f in project["findings"] if f["code"] == "LNT003"]
    assert (expired["path"], expired["line"]) == ("Dockerfile", 1)
    assert "an inline comment at Dockerfile:1" in expired["message"]


def test_inline_date_that_does_not_parse_silences_nothing_and_names_the_line(tmp_path: Path) -> None:
    root = repo(tmp_path, dockerfile="FROM python:3.12-slim\n# pocmvp-lint: ignore[POC101] until=2027-02-30 demo\n")
    project = run_check(str(root)).projects[0]
    assert {"POC101", "LNT004"} <= codes(project)
    (bad,) = [f for f in project["findings"] if f["code"] == "LNT004"]
    assert (bad["path"], bad["line"]) == ("Dockerfile", 2) and "until=2027-02-30" in bad["message"]


def test_malformed_until_in_project_toml_is_a_located_config_error(tmp_path: Path) -> None:
    for value in ('"2027-01-31"', "2027-01-31T10:00:00", "12"):
        root = repo(
            tmp_path / value.strip('"').replace(":", "-"),
            f'ignore = {{ POC101 = {{ reason = "demo", until = {value} }} }}\n',
        )
        result = invoke("check", str(root))
        assert result.exit_code == 2, result.output
        assert "project.toml:9" in result.stderr and "lint.ignore.POC101.until" in result.stderr
        assert "TOML date" in result.stderr and "Traceback" not in result.output
    root = repo(tmp_path / "noreason", f"ignore = {{ POC101 = {{ until = {FUTURE} }} }}\n")
    result = invoke("check", str(root))
    assert result.exit_code == 2 and "lint.ignore.POC101.reason" in result.stderr


def test_expiring_lists_exemptions_ending_within_n_days(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        f'ignore = {{ POC101 = {{ reason = "demo on a laptop", until = {SOON} }}, '
        f'POC301 = {{ reason = "later", until = {FUTURE} }} }}\n',
    )
    shown = invoke("check", str(root), "--expiring", "30")
    assert (
        f"project.toml:9: info: exemption of POC101 ([lint] ignore) until {SOON} (5 days left): "
        "demo on a laptop" in shown.stdout
    )
    assert "POC301" not in shown.stdout.split("Found")[-1]
    assert "1 exemption ends within 30 days." in shown.stdout
    none = invoke("check", str(root), "--expiring", "1")
    assert "0 exemptions end within 1 day." in none.stdout
    document = json.loads(invoke("check", str(root), "--expiring", "30", "--format", "json").stdout)
    assert {e["codes"][0]: e["expiring"] for e in document["projects"][0]["exemptions"]} == {
        "POC101": True,
        "POC301": False,
    }
    markdown = invoke("check", str(root), "--expiring", "30", "--format", "markdown").stdout
    assert (
        "**Exemptions ending within 30 days**" in markdown
        and "POC301" not in markdown.split("Exemptions ending within")[1]
    )


def test_sarif_carries_suppressions_and_validates(tmp_path: Path, sarif_validator: Any) -> None:
    root = repo(
        tmp_path,
        'ignore = { POC101 = { reason = "demo on a laptop", until = ' + FUTURE.isoformat() + " } }\n",
        dockerfile=f"# pocmvp-lint: ignore[POC101] until={FUTURE} local only\nFROM python:3.12-slim\n",
    )
    (root / "docker-compose.yml").write_text(
        f"# pocmvp-lint: ignore[POC102] until={FUTURE} compose for the demo\nservices:\n  app:\n    image: x\n",
        encoding="utf-8",
    )
    commit_all(root, "compose")
    document = json.loads(invoke("check", str(root), "--format", "sarif").stdout)
    sarif_validator.validate(document)
    suppressed = {r["ruleId"]: r["suppressions"][0] for r in document["runs"][0]["results"] if r.get("suppressions")}
    assert suppressed["POC102"]["kind"] == "inSource"
    assert suppressed["POC102"]["justification"] == "compose for the demo"
    assert suppressed["POC102"]["properties"]["until"] == FUTURE.isoformat()
    assert suppressed["POC102"]["location"]["physicalLocation"]["artifactLocation"]["uri"] == "docker-compose.yml"
    assert suppressed["POC101"]["kind"] in ("inSource", "external")
    unsuppressed = [r["ruleId"] for r in document["runs"][0]["results"] if not r.get("suppressions")]
    assert "POC101" not in unsuppressed and "POC102" not in unsuppressed


def test_sarif_external_suppression_from_project_toml(tmp_path: Path, sarif_validator: Any) -> None:
    root = repo(tmp_path, config_exemption(FUTURE))
    document = json.loads(invoke("check", str(root), "--format", "sarif").stdout)
    sarif_validator.validate(document)
    (result,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "POC101"]
    assert result["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "demo on a laptop",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {"uri": "project.toml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 9},
                }
            },
            "properties": {"ignoredBy": "POC101", "until": FUTURE.isoformat()},
        }
    ]


def test_schema_accepts_the_table_form_and_config_shows_it(tmp_path: Path) -> None:
    schema = json.loads(invoke("schema").stdout)
    good = {
        "project": {"stage": "poc"},
        "lint": {"ignore": {"POC101": {"reason": "demo", "until": "2027-01-31"}, "POC102": "x"}},
    }
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    validator: Any = kind(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(good)
    for bad in (
        {"POC101": {"until": "2027-01-31"}},
        {"POC101": {"reason": "x", "when": "y"}},
        {"POC101": {"reason": "x", "until": "soon"}},
    ):
        try:
            validator.validate({"project": {"stage": "poc"}, "lint": {"ignore": bad}})
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"schema accepted {bad}")
    root = repo(tmp_path, config_exemption(FUTURE))
    shown = json.loads(invoke("config", str(root), "--format", "json").stdout)
    rows = {r["key"]: r for r in shown["projects"][0]["settings"]}
    assert rows["ignore"]["value"] == {"POC101": {"reason": "demo on a laptop", "until": FUTURE.isoformat()}}
    assert f'"until": "{FUTURE}"' in invoke("config", str(root)).stdout


def test_report_lists_exemptions_with_reason_and_end(tmp_path: Path) -> None:
    root = repo(tmp_path, config_exemption(FUTURE))
    markdown = invoke("report", str(root)).stdout
    assert "### Exemptions" in markdown
    assert f"| POC101 | demo on a laptop | until {FUTURE} (400 days left) | `project.toml:9`" in markdown
    page = invoke("report", str(root), "--format", "html").stdout
    assert "<h3>Exemptions</h3>" in page and "demo on a laptop" in page and f"until {FUTURE}" in page
