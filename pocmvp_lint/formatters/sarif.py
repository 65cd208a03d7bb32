"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

Every result has a physical location (repository-level findings point at the stage line of
``project.toml``) and a ``partialFingerprints`` entry that does not depend on line numbers, so an
alert survives edits that only move it. Ignored findings are results with ``suppressions``:
``inSource`` for an inline comment, ``external`` for ``[lint] ignore`` (and ``--ignore``,
per-path-ignores), with the reason as ``justification`` and the end date in ``properties``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pocmvp_lint import __version__
from pocmvp_lint.findings import Finding, ProjectResult, RunResult, Suppressed
from pocmvp_lint.formatters import RenderOptions, escape
from pocmvp_lint.formatters._common import (
    INFORMATION_URI,
    RULES_DOC_URI,
    TOOL_NAME,
    fingerprints,
    location,
    rules_that_ran,
)
from pocmvp_lint.model import RuleKind, Severity
from pocmvp_lint.rules.rule import BUILTIN_ORIGIN, Rule

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "pocmvpLint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _help_markdown(rule: Rule) -> str:
    # Text of a rule that is not built in ([[lint.rules]] from project.toml) is shown, never rendered.
    md = (lambda s: s) if rule.origin == BUILTIN_ORIGIN else escape.markdown_prose
    return "\n\n".join(
        [
            f"**{rule.code} ({md(rule.name)})**: {md(rule.summary)}",
            f"**Why it matters.** {md(rule.rationale)}",
            f"**How to fix.** {md(rule.fix)}",
            f"**How to silence.** {md(rule.silence_text)}",
        ]
    )


def _help_text(rule: Rule) -> str:
    return f"{rule.fix}\n\nWhy it matters: {rule.rationale}\n\nSilence it with {rule.silence_hint} in project.toml."


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    tags = [TOOL_NAME, rule.stage.value if rule.stage else "any-stage", rule.name]
    properties: dict[str, Any] = {"tags": tags}
    if rule.kind is RuleKind.SECURITY:
        tags.append("security")
        properties["security-severity"] = "8.0"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": f"{RULES_DOC_URI}#{rule.code.lower()}-{rule.name.lower()}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def artifact_uri(path: str) -> str:
    """A repository-relative path as a relative URI reference (spaces, ``%``, ``#`` encoded)."""
    return quote(path, safe="/")


def _message(finding: Finding, project: ProjectResult, many: bool) -> str:
    where = f"[{project.path}] " if many and project.path != "." else ""
    return f"{where}{finding.message} ({finding.code}, {project.label} project)"


def _result(finding: Finding, project: ProjectResult, index: int, fingerprint: str, many: bool) -> dict[str, Any]:
    place = location(finding, project)
    related = [
        {
            "id": n,
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(e.path), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": max(e.line or 1, 1)},
            },
            "message": {"text": "evidence"},
        }
        for n, e in enumerate(finding.evidence[1:], start=1)
    ]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": escape.sarif_text(_message(finding, project, many))},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(place.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": place.line},
                },
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {
            "project": project.path,
            "stage": project.stage.value if project.stage else None,
            "verdict": project.verdict,
        },
    }
    if related:
        result["relatedLocations"] = related
    return result


def suppression(item: Suppressed, project: ProjectResult) -> dict[str, Any]:
    """The SARIF suppression of an ignored finding: where it is kept, why, and until when."""
    exemption = item.exemption
    inline = exemption is not None and exemption.inline
    out: dict[str, Any] = {"kind": "inSource" if inline else "external", "status": "accepted"}
    if item.reason:
        out["justification"] = escape.sarif_text(item.reason)
    if exemption is not None and exemption.path and (inline or exemption.path == project.config_path):
        out["location"] = {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(exemption.path), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": max(exemption.line or 1, 1)},
            }
        }
    properties: dict[str, Any] = {"ignoredBy": escape.sarif_text(item.selector)}
    if exemption is not None and exemption.until is not None:
        properties["until"] = exemption.until.isoformat()
    out["properties"] = properties
    return out


def render_document(result: RunResult) -> dict[str, Any]:
    rules = rules_that_ran(result)
    index = {rule.code: n for n, rule in enumerate(rules)}
    many = len(result.projects) > 1
    results: list[dict[str, Any]] = []
    for project in result.projects:
        ignored = tuple(s.finding for s in project.suppressed)
        prints = fingerprints(project.findings + ignored, project)
        for finding, fingerprint in zip(project.findings, prints):
            results.append(_result(finding, project, index[finding.code], fingerprint, many))
        for item, fingerprint in zip(project.suppressed, prints[len(project.findings) :]):
            silenced = _result(item.finding, project, index[item.finding.code], fingerprint, many)
            silenced["suppressions"] = [suppression(item, project)]
            results.append(silenced)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {
                        "description": {"text": "The root of the repository (git work tree) that was checked."}
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_check(result: RunResult, options: RenderOptions | None = None) -> str:
    return escape.json_dumps(render_document(result), indent=2)
