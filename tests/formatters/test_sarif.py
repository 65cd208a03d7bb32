"""SARIF: valid against the official 2.1.0 schema and shaped for GitHub code scanning."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest

from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters.sarif import render_check
from pocmvp_lint.model import Evidence
from tests.formatters.factories import HOSTILE, drifting_poc, finding, not_ready_mvp, run, undeclared

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)


def sarif(*projects: Any) -> Any:
    return json.loads(render_check(run(*projects), RenderOptions()))


@pytest.mark.parametrize(
    "projects",
    [
        (drifting_poc(),),
        (not_ready_mvp(),),
        (undeclared(),),
        (drifting_poc(), not_ready_mvp()),
        (),
    ],
)
def test_valid_against_the_official_schema(projects: tuple[Any, ...]) -> None:
    doc = sarif(*projects)
    VALIDATOR.validate(doc)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")


def test_driver_lists_every_rule_that_ran_with_its_documentation() -> None:
    doc = sarif(drifting_poc())
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "pocmvp-lint" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == list(drifting_poc().rules_run)
    rule = driver["rules"][ids.index("POC101")]
    assert rule["shortDescription"]["text"] == "The POC builds a container image."
    assert "Dockerfile" in rule["fullDescription"]["text"]
    assert rule["help"]["text"] and "**How to fix.**" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert "poc" in rule["properties"]["tags"]


def test_every_result_has_a_location_and_a_matching_rule_index() -> None:
    doc = sarif(drifting_poc(), not_ready_mvp(), undeclared())
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    results = doc["runs"][0]["results"]
    assert len([r for r in results if not r.get("suppressions")]) == 4 + 4 + 1
    assert all(r["suppressions"][0]["kind"] == "external" for r in results if r.get("suppressions"))
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))
        assert location["region"]["startLine"] >= 1


def _by_rule(doc: Any) -> dict[str, Any]:
    return {r["ruleId"]: r for r in doc["runs"][0]["results"]}


def test_repository_level_findings_point_at_the_stage_line() -> None:
    results = _by_rule(sarif(not_ready_mvp()))
    place = results["MVP003"]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "services/api/project.toml"
    assert place["region"]["startLine"] == 3
    assert results["MVP010"]["level"] == "note"
    assert results["MVP001"]["level"] == "error"


def test_undeclared_project_without_config_points_at_a_real_file() -> None:
    place = _by_rule(sarif(undeclared()))["STG001"]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "README.md"
    assert place["region"]["startLine"] == 1
    bare = replace(undeclared(), signals=())
    place = _by_rule(sarif(bare))["STG001"]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "project.toml"


def test_fingerprints_survive_line_moves_and_are_unique() -> None:
    before = drifting_poc()
    moved = replace(
        before,
        findings=tuple(
            replace(f, evidence=tuple(replace(e, line=(e.line or 0) + 7) for e in f.evidence)) for f in before.findings
        ),
    )
    prints = [r["partialFingerprints"] for r in sarif(before)["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"] for r in sarif(moved)["runs"][0]["results"]]
    twice = replace(before, findings=(before.findings[0], before.findings[0]))
    values = [r["partialFingerprints"]["pocmvpLint/v1"] for r in sarif(twice)["runs"][0]["results"]]
    assert len(set(values)) == 2


def test_hostile_file_name_is_plain_data() -> None:
    hostile = replace(drifting_poc(), findings=(finding("POC101", "image", Evidence(HOSTILE, 0)),))
    doc = sarif(hostile)
    VALIDATOR.validate(doc)
    place = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == quote(HOSTILE, safe="/")
    assert "\n" not in place["artifactLocation"]["uri"] and place["region"]["startLine"] == 1
