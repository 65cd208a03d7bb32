"""GitHub-flavoured Markdown for pull-request comments and job summaries.

Per project: its stage and verdict, then for an MVP a readiness checklist (every MVP rule's
outcome, with evidence) and for a POC the list of drift toward production. ``checklist`` and
``drift`` are shared with the stakeholder report; both only render what the engine decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pocmvp_lint.findings import VERDICTS, Finding, Outcome, ProjectResult, RunResult
from pocmvp_lint.formatters import RenderOptions, escape
from pocmvp_lint.formatters._common import (
    exemption_kind,
    exemption_status,
    expiring,
    is_repository_level,
    plural,
    stage_name,
)
from pocmvp_lint.model import Evidence, RuleKind, Severity, Stage, Status, Verdict
from pocmvp_lint.rules.rule import Rule

VERDICT_ICONS = {
    Verdict.CLEAN: "🟢",
    Verdict.READY: "🟢",
    Verdict.DRIFTING: "🟠",
    Verdict.NOT_READY: "🟡",
    Verdict.UNDECLARED: "🔴",
}
SEVERITY_ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
STATUS_ICONS = {"met": "✅", "gap": "❌", "advice": "💡", "ignored": "⚪", "not-checked": "➖"}
STAGE_TITLES = {Stage.POC: "proof of concept", Stage.MVP: "minimum viable product"}


@dataclass(frozen=True)
class ChecklistItem:
    """One MVP readiness rule's outcome, as the checklist shows it."""

    rule: Rule
    status: str  # met | gap | advice (only info findings) | ignored | not-checked
    findings: tuple[Finding, ...] = ()
    note: str = ""


def _item(outcome: Outcome) -> ChecklistItem:
    rule = outcome.rule
    if outcome.status is Status.FAILED:
        advice = all(f.severity is Severity.INFO for f in outcome.findings)
        return ChecklistItem(rule, "advice" if advice else "gap", outcome.findings)
    if outcome.status is Status.IGNORED:
        return ChecklistItem(rule, "ignored", tuple(s.finding for s in outcome.suppressed), outcome.reason)
    if outcome.status is Status.PASSED:
        return ChecklistItem(rule, "met")
    note = "not selected" if outcome.status is Status.NOT_SELECTED else outcome.reason
    return ChecklistItem(rule, "not-checked", note=note)


def checklist(project: ProjectResult) -> list[ChecklistItem]:
    """The project's readiness checklist, in catalogue order.

    A rule that passed while a gap on (a superset of) its evidence is open (MVP002 "few tests"
    while MVP001 says there are none) was not really judged: it is shown as not checked, never as met.
    """
    items = [_item(o) for o in project.checklist]
    gaps = [i for i in items if i.status == "gap"]
    out = []
    for item in items:
        reads = item.rule.reads or frozenset()
        blocker = next(
            (g for g in gaps if item.status == "met" and reads and reads <= (g.rule.reads or frozenset())), None
        )
        out.append(
            ChecklistItem(item.rule, "not-checked", note=f"not judged while {blocker.rule.code} is open")
            if blocker is not None
            else item
        )
    return out


def drift(project: ProjectResult) -> tuple[list[Finding], list[Finding]]:
    """(drift findings, other findings) of a project."""
    return (
        list(project.of_kind(RuleKind.DRIFT)),
        [f for f in project.findings if project.kind_of(f) is not RuleKind.DRIFT],
    )


def others(project: ProjectResult) -> list[Finding]:
    """An MVP's findings outside its readiness checklist's gaps."""
    return [f for f in project.findings if project.kind_of(f) is not RuleKind.READINESS]


def text(value: str) -> str:
    """Untrusted text inside Markdown (and table cells): no markup, no line or cell breaks;
    `backtick` spans become code spans (see ``escape.markdown_prose``)."""
    return escape.markdown_prose(value)


def code(value: str) -> str:
    """A code span that survives backticks and pipes in file names."""
    return escape.markdown_code(value)


def evidence_text(evidence: Sequence[Evidence], limit: int = 5) -> str:
    shown = [code(e.display()) for e in evidence[:limit]]
    more = f" and {len(evidence) - limit} more" if len(evidence) > limit else ""
    return ", ".join(shown) + more


def counts(project: ProjectResult) -> str:
    return (
        f"{plural(project.count(Severity.ERROR), 'error')}, "
        f"{plural(project.count(Severity.WARNING), 'warning')}, "
        f"{project.count(Severity.INFO)} info"
    )


def shown_evidence(finding: Finding, project: ProjectResult | None) -> tuple[Evidence, ...]:
    """Evidence worth showing: none for a repository-level finding anchored at project.toml."""
    if project is not None and is_repository_level(finding, project):
        return ()
    return finding.evidence


def finding_line(finding: Finding, project: ProjectResult | None = None) -> str:
    evidence = shown_evidence(finding, project)
    where = f" ({evidence_text(evidence)})" if evidence else ""
    return (
        f"- {SEVERITY_ICONS[finding.severity]} **{finding.code}** {text(finding.name)}: {text(finding.message)}{where}"
    )


def project_heading(project: ProjectResult) -> str:
    name = f" “{text(project.name)}”" if project.name else ""
    return (
        f"{VERDICT_ICONS.get(project.verdict, '')} {stage_name(project.stage)}{name} "
        f"at {code(project.path)}: {VERDICTS.get(project.verdict, project.verdict)}"
    )


def checklist_table(project: ProjectResult) -> list[str]:
    items = checklist(project)
    met = sum(1 for i in items if i.status == "met")
    judged = sum(1 for i in items if i.status in ("met", "gap", "advice"))
    lines = [
        f"**Readiness checklist: {met} of {judged} met**",
        "",
        "| | Rule | Gap it looks for | Finding and evidence |",
        "| --- | --- | --- | --- |",
    ]
    for item in items:
        if item.status in ("gap", "advice"):
            detail = "<br>".join(
                text(f.message) + (f" ({evidence_text(shown)})" if (shown := shown_evidence(f, project)) else "")
                for f in item.findings
            )
        elif item.status == "met":
            detail = "no gap found"
        else:
            detail = text(item.note)
        lines.append(
            f"| {STATUS_ICONS[item.status]} | **{item.rule.code}** {text(item.rule.name)} | "
            f"{text(item.rule.summary)} | {detail} |"
        )
    return lines


def project_section(project: ProjectResult) -> list[str]:
    lines = [f"### {project_heading(project)}", ""]
    stage = project.stage
    what_if = " (set by `--stage`, not by project.toml)" if project.stage_overridden else ""
    title = f"{stage.label} ({STAGE_TITLES[stage]})" if stage else "undeclared"
    lines += [f"**Stage:** {title}{what_if} · **Verdict:** `{project.verdict}` · {counts(project)}", ""]
    if stage is Stage.MVP:
        lines += checklist_table(project)
        rest = others(project)
        if rest:
            lines += ["", "**Other findings**", "", *(finding_line(f, project) for f in rest)]
    elif stage is Stage.POC:
        found, rest = drift(project)
        lines.append("**Drift toward production**")
        lines.append("")
        if found:
            lines += [finding_line(f, project) for f in found]
        else:
            lines.append("No drift: nothing here suggests the POC is on its way to production.")
        if rest:
            lines += ["", "**Other findings**", "", *(finding_line(f, project) for f in rest)]
    else:
        lines.append(
            "No `project.toml` declares whether this is a proof of concept or an MVP. "
            "Run `pocmvp-lint init --stage poc` (or `--stage mvp`) and commit the file."
        )
        if project.findings:
            lines += ["", *(finding_line(f, project) for f in project.findings)]
    if project.suppressed:
        lines += ["", "<details><summary>Ignored findings</summary>", ""]
        for item in project.suppressed:
            reason = f": {text(item.reason)}" if item.reason else ""
            until = item.exemption.until if item.exemption else None
            ends = f", until {until.isoformat()}" if until else ""
            lines.append(
                f"- **{item.finding.code}** (by {code(item.selector)}{ends}{reason}) {text(item.finding.message)}"
            )
        lines += ["", "</details>"]
    return lines


def exemptions_section(project: ProjectResult, days: int | None) -> list[str]:
    """The exemptions that end within ``days`` days (``check --expiring``), as a list."""
    if days is None:
        return []
    soon = expiring(project, days)
    if not soon:
        return ["", f"No exemption ends within {plural(days, 'day')}."]
    lines = ["", f"**Exemptions ending within {plural(days, 'day')}**", ""]
    for state in soon:
        item = state.exemption
        reason = f": {text(item.reason)}" if item.reason else ""
        lines.append(
            f"- ⏳ **{', '.join(item.codes)}** ({exemption_kind(state)} at "
            f"{code(item.where)}) {exemption_status(state)}{reason}"
        )
    return lines


def render_check(result: RunResult, options: RenderOptions | None = None) -> str:
    summary = result.summary()
    total = sum(summary.values())
    lines = ["## pocmvp-lint", ""]
    if len(result.projects) > 1:
        lines += ["| Project | Stage | Verdict | Findings |", "| --- | --- | --- | --- |"]
        for project in result.projects:
            lines.append(
                f"| {code(project.path)} | {stage_name(project.stage)} | "
                f"{VERDICT_ICONS.get(project.verdict, '')} {project.verdict} | "
                f"{counts(project)} |"
            )
        lines.append("")
    for project in result.projects:
        lines += project_section(project)
        lines += exemptions_section(project, options.expiring if options else None)
        lines.append("")
    lines.append(
        f"{plural(total, 'finding')} ({plural(summary['error'], 'error')}, "
        f"{plural(summary['warning'], 'warning')}, {summary['info']} info) in "
        f"{plural(len(result.projects), 'project')}. Details of a rule: "
        "`pocmvp-lint explain CODE`."
    )
    return "\n".join(lines) + "\n"
