"""Versioned JSON documents for `check` and `signals` (shapes documented in docs/json.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pocmvp_lint.config.discovery import ProjectSpec
from pocmvp_lint.config.model import Exemption
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.findings import ExemptionState, Finding, ProjectResult, RunResult, Suppressed
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters.escape import json_dumps
from pocmvp_lint.model import ProjectKind

JSON_VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "evidence": [{"path": e.path, "line": e.line} for e in finding.evidence],
        "new": finding.new,
        "fix": finding.fix,
    }


def _exemption(exemption: Exemption | None) -> dict[str, Any] | None:
    if exemption is None:
        return None
    return {
        "codes": list(exemption.codes),
        "kind": "inline" if exemption.inline else "config",
        "reason": exemption.reason,
        "until": exemption.until.isoformat() if exemption.until else None,
        "path": exemption.path,
        "line": exemption.line,
    }


def _ignored(item: Suppressed) -> dict[str, Any]:
    exemption = item.exemption
    return dict(
        finding_dict(item.finding),
        ignored_by=item.selector,
        reason=item.reason,
        until=exemption.until.isoformat() if exemption and exemption.until else None,
        exemption=_exemption(exemption),
    )


def exemption_dict(state: ExemptionState, expiring: int | None = None) -> dict[str, Any]:
    return dict(
        _exemption(state.exemption) or {},
        days_left=state.days_left,
        expired=state.expired,
        expiring=state.expiring_within(expiring),
    )


def project_dict(project: ProjectResult, expiring: int | None = None) -> dict[str, Any]:
    return {
        "path": project.path,
        "name": project.name,
        "stage": project.stage.value if project.stage else None,
        "stage_overridden": project.stage_overridden,
        "kind": (project.declaration.kind if project.declaration else None) or ProjectKind.SERVICE,
        "config": project.config_path,
        "verdict": project.verdict,
        "counts": project.counts(),
        "findings": [finding_dict(f) for f in project.findings],
        "ignored": [_ignored(s) for s in project.suppressed],
        "exemptions": [exemption_dict(s, expiring) for s in project.exemptions],
        "unused_ignores": list(project.unused_ignores),
        "warnings": list(project.warnings),
        "outcomes": [{"code": o.rule.code, "status": o.status.value, "reason": o.reason} for o in project.outcomes],
        "change": None
        if project.change is None
        else {"base": project.change.base, "head": project.change.head, "label": project.change.label},
    }


def render_check(result: RunResult, options: RenderOptions | None = None) -> str:
    document = {
        "version": JSON_VERSION,
        "projects": [project_dict(p, options.expiring if options else None) for p in result.projects],
        "summary": result.summary(),
    }
    return json_dumps(document, indent=2, ensure_ascii=True)


def signal_dict(signal: Signal) -> dict[str, Any]:
    return {"category": signal.category, "path": signal.path, "line": signal.line, "detail": signal.detail}


def render_signals(projects: Sequence[tuple[ProjectSpec, Iterable[Signal]]]) -> str:
    document = {
        "version": JSON_VERSION,
        "projects": [
            {
                "path": spec.display,
                "stage": spec.config.declaration.stage.value if spec.config.declaration.stage else None,
                "signals": [signal_dict(s) for s in signals],
            }
            for spec, signals in projects
        ],
    }
    return json_dumps(document, indent=2, ensure_ascii=True)
