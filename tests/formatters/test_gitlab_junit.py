"""GitLab Code Quality and JUnit XML: documented shapes, stable fingerprints, expected counts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

from pocmvp_lint.formatters import RenderOptions, gitlab, junit
from pocmvp_lint.model import Evidence, Status
from tests.formatters.factories import (
    HOSTILE,
    REGISTRY,
    drifting_poc,
    finding,
    not_ready_mvp,
    run,
    undeclared,
)

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def code_quality(*projects: Any) -> Any:
    text = gitlab.render_check(run(*projects), RenderOptions())
    assert not text.startswith("\ufeff")
    return json.loads(text)


def test_gitlab_shape() -> None:
    entries = code_quality(drifting_poc(), not_ready_mvp(), undeclared())
    assert isinstance(entries, list) and len(entries) == 9
    for entry in entries:
        assert isinstance(entry["description"], str) and entry["description"]
        assert isinstance(entry["check_name"], str)
        assert len(entry["fingerprint"]) == 64
        assert entry["severity"] in GITLAB_SEVERITIES
        assert isinstance(entry["location"]["path"], str)
        assert isinstance(entry["location"]["lines"]["begin"], int)
        assert entry["location"]["lines"]["begin"] >= 1
    assert len({e["fingerprint"] for e in entries}) == len(entries)
    by_code = {e["check_name"]: e for e in entries}
    assert by_code["MVP001"]["severity"] == "critical"
    assert by_code["POC101"]["severity"] == "major"
    assert by_code["MVP010"]["severity"] == "info"
    assert by_code["MVP003"]["location"] == {"path": "services/api/project.toml", "lines": {"begin": 3}}
    assert by_code["STG001"]["location"]["path"] == "README.md"


def test_gitlab_fingerprints_ignore_line_numbers_but_not_paths() -> None:
    base = drifting_poc()
    moved = replace(
        base,
        findings=tuple(
            replace(f, evidence=tuple(replace(e, line=(e.line or 1) + 40) for e in f.evidence)) for f in base.findings
        ),
    )
    assert [e["fingerprint"] for e in code_quality(base)] == [e["fingerprint"] for e in code_quality(moved)]
    renamed = replace(base, findings=(finding("POC101", "image", Evidence("docker/Dockerfile", 1)),))
    assert code_quality(renamed)[0]["fingerprint"] != code_quality(base)[0]["fingerprint"]
    twice = replace(base, findings=(base.findings[0],) * 3)
    assert len({e["fingerprint"] for e in code_quality(twice)}) == 3


def suites(*projects: Any) -> ET.Element:
    text = junit.render_check(run(*projects), RenderOptions())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_one_suite_per_project_one_case_per_applicable_rule() -> None:
    root = suites(drifting_poc(), not_ready_mvp())
    assert root.tag == "testsuites"
    poc, mvp = root.findall("testsuite")
    # Only the rules that apply to the stage (issue 11): no MVP rule in a POC's suite.
    applies = [o for o in drifting_poc().outcomes if o.status is not Status.NOT_APPLICABLE]
    assert int(poc.get("tests", "")) == len(applies) == len(poc.findall("testcase"))
    assert len(applies) < len(REGISTRY)
    assert poc.get("failures") == "4" and poc.get("errors") == "0"
    assert poc.get("skipped") == str(len(applies) - len(drifting_poc().rules_run))
    assert not any(c.get("name", "").startswith("MVP") for c in poc.findall("testcase"))
    assert mvp.get("failures") == "4"
    # The MVP's rule whose only finding was ignored with a reason (MVP015) is skipped.
    mvp_applies = [o for o in not_ready_mvp().outcomes if o.status is not Status.NOT_APPLICABLE]
    assert mvp.get("skipped") == str(len(mvp_applies) - len(not_ready_mvp().rules_run) + 1)
    assert root.get("tests") == str(len(applies) + len(mvp_applies)) and root.get("failures") == "8"


def _case(suite: ET.Element, code: str) -> ET.Element:
    return next(c for c in suite.findall("testcase") if c.get("name", "").startswith(code + " "))


def test_junit_failures_passes_and_skips_say_why() -> None:
    poc, mvp = suites(drifting_poc(), not_ready_mvp()).findall("testsuite")
    failure = _case(poc, "POC105").find("failure")
    assert failure is not None and failure.get("type") == "warning"
    assert failure.get("message") == "CI deploys this POC"
    assert "evidence: .github/workflows/deploy.yml:24" in (failure.text or "")
    assert "How to fix:" in (failure.text or "")
    assert _case(poc, "POC105").get("file") == ".github/workflows/deploy.yml"
    passed = _case(poc, "POC102")
    assert list(passed) == []
    assert not [c for c in poc.findall("testcase") if c.get("name", "").startswith("MVP001 ")]
    ignored = _case(mvp, "MVP015").find("skipped")
    assert ignored is not None
    assert ignored.get("message") == "ignored by `MVP015`: the prototype folder is a fixture"
    props = {p.get("name"): p.get("value") for p in poc.iter("property")}
    assert props == {"stage": "poc", "verdict": "drifting", "config": "project.toml"}


def test_junit_undeclared_and_hostile_text_stay_well_formed() -> None:
    hostile = undeclared().with_findings(
        (finding("STG001", f"bad \x00\x1b <&> ]]> {HOSTILE}", Evidence(HOSTILE + "\x07", 1)),)
    )
    (suite,) = suites(hostile).findall("testsuite")
    assert suite.get("failures") == "1"
    stg = _case(suite, "STG001").find("failure")
    assert stg is not None and "<&> ]]>" in (stg.get("message") or "")
    assert not [c for c in suite.findall("testcase") if c.get("name", "").startswith("POC101 ")]
