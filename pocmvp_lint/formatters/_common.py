"""What the CI formats share: where a finding points, stable fingerprints, the rules that ran.

Code scanning, annotations and Code Quality all need a real file and line for every finding, and a
fingerprint that survives edits which only move lines. Repository-level findings (a missing CI, a
missing owner) are anchored at the ``project.toml`` line that declares the stage.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

from pocmvp_lint.findings import ExemptionState, Finding, ProjectResult, RunResult
from pocmvp_lint.model import Category, Evidence, Severity, Stage
from pocmvp_lint.rules.rule import Rule

SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
TOOL_NAME = "pocmvp-lint"
INFORMATION_URI = "https://github.com/pocmvp-lint/pocmvp-lint"
RULES_DOC_URI = INFORMATION_URI + "/blob/main/docs/rules.md"


@dataclass(frozen=True)
class Location:
    """A real place for a finding: repository-relative path and a 1-based line."""

    path: str
    line: int


def _project_file(project: ProjectResult, name: str) -> str:
    prefix = "" if project.path in ("", ".") else project.path
    return posixpath.join(prefix, name) if prefix else name


def stage_anchor(project: ProjectResult) -> Evidence | None:
    """The line of ``project.toml`` that declares the stage, when the findings reveal it."""
    if project.config_path is None:
        return None
    for finding in project.findings + tuple(s.finding for s in project.suppressed):
        for evidence in finding.evidence:
            if evidence.path == project.config_path and evidence.line:
                return evidence
    return Evidence(project.config_path, None)


def is_repository_level(finding: Finding, project: ProjectResult) -> bool:
    """True when a finding is about the project as a whole, not about a file in it."""
    if not finding.evidence:
        return True
    return all(e.path == project.config_path for e in finding.evidence)


def location(finding: Finding, project: ProjectResult) -> Location:
    """Never empty: evidence, else the stage line, else a signal file, else project.toml line 1."""
    if finding.evidence:
        first = finding.evidence[0]
        return Location(first.path, max(first.line or 1, 1))
    anchor = stage_anchor(project)
    if anchor is not None:
        return Location(anchor.path, max(anchor.line or 1, 1))
    readmes = [s for s in project.signals if s.category == Category.README]
    for signal in readmes or list(project.signals):
        return Location(signal.path, 1)
    return Location(_project_file(project, "project.toml"), 1)


def _digest(*parts: str) -> str:
    import hashlib  # heavy (OpenSSL): only for the formats that fingerprint findings

    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def fingerprints(findings: Sequence[Finding], project: ProjectResult) -> list[str]:
    """One sha256 per finding from rule, project and evidence paths (never line numbers).

    Stable when lines move; unique within the list (a repeated key gets a counter mixed in).
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for finding in findings:
        paths = sorted({e.path for e in finding.evidence})
        key = _digest(TOOL_NAME, finding.code, project.path, *paths)
        count = seen.get(key, 0)
        seen[key] = count + 1
        out.append(key if count == 0 else _digest(key, str(count)))
    return out


def rules_that_ran(result: RunResult) -> list[Rule]:
    """Rules run for any project (failed, passed or ignored), in catalogue order.

    Each project carries the registry it was checked with, so plugin rules and a project's
    ``[[lint.rules]]`` come with their own metadata.
    """
    ran = {code for p in result.projects for code in p.rules_run}
    rules: dict[str, Rule] = {}
    for project in result.projects:
        for rule in project.registry:
            if rule.code in ran:
                rules.setdefault(rule.code, rule)
    return list(rules.values())


def first_sentence(text: str) -> str:
    """The first sentence of ``text``; a full stop inside double quotes does not end it."""
    start = 0
    while True:
        end = text.find(". ", start)
        if end < 0:
            return text
        if text.count('"', 0, end) % 2 == 0:
            return text[: end + 1]
        start = end + 2


def stage_name(stage: Stage | None) -> str:
    return stage.label if stage else "undeclared"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def exemption_status(state: ExemptionState) -> str:
    """ "until 2027-01-31 (12 days left)", "ended 2026-01-31 (3 days ago)" or "no end date"."""
    until = state.exemption.until
    if until is None or state.days_left is None:
        return "no end date"
    left = state.days_left
    if left < 0:
        return f"ended {until.isoformat()} ({plural(-left, 'day')} ago)"
    return f"until {until.isoformat()} ({'last day today' if left == 0 else plural(left, 'day') + ' left'})"


def exemption_kind(state: ExemptionState) -> str:
    return "inline comment" if state.exemption.inline else "[lint] ignore"


def expiring(project: ProjectResult, days: int | None) -> list[ExemptionState]:
    """The project's exemptions still in force that end within ``days`` days, soonest first."""
    soon = [s for s in project.exemptions if s.expiring_within(days)]
    return sorted(soon, key=lambda s: (s.days_left or 0, s.exemption.where))
