"""JUnit XML: readiness as a test suite, for CI test dashboards (Azure, Jenkins, CircleCI, GitLab).

One ``<testsuite>`` per project and one ``<testcase>`` per rule that applies to the project's
stage: a failure when the rule fired (all its findings and evidence in the failure), a pass when
it ran and found nothing, and ``<skipped>`` with the engine's reason when it was not selected or
was ignored. Rules of the other stage are left out, so dashboards count only real tests.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pocmvp_lint.findings import Finding, ProjectResult, RunResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters._common import TOOL_NAME, location
from pocmvp_lint.formatters.escape import visible, xml_chars
from pocmvp_lint.model import Severity, Status

_SEVERITY_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


def xml_safe(text: str) -> str:
    """Every text and attribute: characters XML 1.0 cannot carry, C1 and bidi made visible."""
    return xml_chars(text)


def _element(tag: str, parent: ET.Element | None = None, text: str | None = None, **attributes: str) -> ET.Element:
    safe = {k: xml_safe(v) for k, v in attributes.items()}
    node = ET.Element(tag, safe) if parent is None else ET.SubElement(parent, tag, safe)
    if text is not None:
        node.text = xml_safe(text)
    return node


def _failure_text(findings: list[Finding], project: ProjectResult) -> str:
    lines: list[str] = []
    for finding in findings:
        place = location(finding, project)
        lines.append(
            f"{visible(place.path)}:{place.line}: {finding.code} [{finding.severity.value}] {visible(finding.message)}"
        )
        for evidence in finding.evidence:
            lines.append(f"    evidence: {visible(evidence.display())}")
    fix = findings[0].fix
    if fix:
        lines += ["", f"How to fix: {visible(fix)}", f"Details: pocmvp-lint explain {findings[0].code}"]
    return "\n".join(lines)


def _suite_name(project: ProjectResult) -> str:
    return f"{TOOL_NAME}: {visible(project.path)} ({visible(project.label)})"


def _classname(project: ProjectResult) -> str:
    slug = "root" if project.path in ("", ".") else re.sub(r"[^A-Za-z0-9_-]+", "_", project.path)
    return f"{TOOL_NAME}.{slug}"


def project_suite(project: ProjectResult) -> ET.Element:
    suite = _element("testsuite", name=_suite_name(project))
    props = _element("properties", suite)
    for key, value in (
        ("stage", project.stage.value if project.stage else "undeclared"),
        ("verdict", project.verdict.value),
        ("config", project.config_path or ""),
    ):
        _element("property", props, name=key, value=visible(value))
    tests = failures = skipped = 0
    for outcome in project.outcomes:
        if outcome.status is Status.NOT_APPLICABLE:
            continue
        rule = outcome.rule
        tests += 1
        case = _element("testcase", suite, classname=_classname(project), name=f"{rule.code} {visible(rule.name)}")
        fired = list(outcome.findings)
        if outcome.status is Status.FAILED:
            failures += 1
            worst = max(fired, key=lambda f: _SEVERITY_RANK[f.severity])
            place = location(fired[0], project)
            case.set("file", xml_safe(visible(place.path)))
            case.set("line", str(place.line))
            message = fired[0].message if len(fired) == 1 else f"{fired[0].message} (and {len(fired) - 1} more)"
            _element(
                "failure", case, _failure_text(fired, project), message=visible(message), type=worst.severity.value
            )
        elif outcome.status is not Status.PASSED:
            skipped += 1
            _element("skipped", case, message=visible(outcome.reason))
    for key, number in (("tests", tests), ("failures", failures), ("errors", 0), ("skipped", skipped)):
        suite.set(key, str(number))
    return suite


def render_check(result: RunResult, options: RenderOptions | None = None) -> str:
    root = _element("testsuites", name=TOOL_NAME)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for project in result.projects:
        suite = project_suite(project)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
