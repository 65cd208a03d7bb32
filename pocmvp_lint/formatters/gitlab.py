"""GitLab Code Quality report: a JSON array shown in merge requests and the pipeline's Code Quality tab.

Fingerprints hash the rule, the project and the evidence paths (not line numbers), so a finding keeps
its identity across commits that move lines, and no two entries share one (GitLab would merge them).
"""

from __future__ import annotations

from typing import Any

from pocmvp_lint.findings import RunResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters._common import fingerprints, location
from pocmvp_lint.formatters.escape import json_dumps, markdown_prose
from pocmvp_lint.model import RuleKind, Severity

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render_entries(result: RunResult) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for project in result.projects:
        for finding, fingerprint in zip(project.findings, fingerprints(project.findings, project)):
            place = location(finding, project)
            where = f"{project.path}: " if len(result.projects) > 1 and project.path != "." else ""
            entries.append(
                {
                    "description": f"{where}{finding.code} {finding.message}",
                    "check_name": finding.code,
                    "fingerprint": fingerprint,
                    "severity": SEVERITIES[finding.severity],
                    "location": {"path": place.path, "lines": {"begin": place.line}},
                    "categories": ["Security"] if project.kind_of(finding) is RuleKind.SECURITY else ["Style"],
                    "content": {
                        "body": f"**{markdown_prose(finding.name)}**: {markdown_prose(finding.why)}"
                        f"\n\n**Fix:** {markdown_prose(finding.fix)}"
                    },
                }
            )
    return entries


def render_check(result: RunResult, options: RenderOptions | None = None) -> str:
    return json_dumps(render_entries(result), indent=2)
