"""A stakeholder report per project, in Markdown or as one self-contained HTML file.

It tells a client what the declared stage means and what to expect of it, restates the facts the
team declared (hypothesis, owner, timebox, audience, feedback channel), and shows the verdict with
the drift list (POC) or the readiness checklist (MVP) and the evidence behind each item.

The HTML renderer takes ``timeline_svg`` (an inline SVG drift timeline per project); the Markdown
renderer takes ``timelines`` and draws each as a Mermaid chart, which GitHub renders in comments
and job summaries (a ``data:`` image is stripped there).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from pocmvp_lint import __version__
from pocmvp_lint.config.model import Declaration
from pocmvp_lint.findings import VERDICTS, Finding, ProjectResult, RunResult
from pocmvp_lint.formatters import escape
from pocmvp_lint.formatters import markdown as md
from pocmvp_lint.formatters._common import exemption_kind, exemption_status, plural
from pocmvp_lint.formatters.badge import badge_for, render_svg
from pocmvp_lint.formatters.history_svg import timeline_mermaid
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import RuleKind, Severity, Stage

if TYPE_CHECKING:
    from pocmvp_lint.history.timeline import Timeline

STAGE_NAMES = {Stage.POC: "Proof of concept (POC)", Stage.MVP: "Minimum viable product (MVP)"}

STAGE_ARTICLES = {Stage.POC: "a proof of concept", Stage.MVP: "a minimum viable product", None: "an undeclared stage"}

STAGE_MEANING = {
    Stage.POC: (
        "A proof of concept exists to answer one question: can this be done at all? It is built "
        "fast and narrowly, to test a single hypothesis, and it is meant to be discarded once the "
        "answer is known."
    ),
    Stage.MVP: (
        "A minimum viable product is the smallest version of the product that real people can "
        "use: one user flow working from start to finish, built with production care and running "
        "in a live environment, so that users' feedback can steer what is built next."
    ),
    None: (
        "Nobody has declared whether this is a proof of concept or a minimum viable product, so "
        "there is no agreed standard to hold it to."
    ),
}

STAGE_EXPECTATIONS = {
    Stage.POC: [
        'An answer to the hypothesis, demonstrated: yes, no, or "only if".',
        "Shortcuts everywhere else: no hardening, monitoring, support or release process.",
        "Disposable code: it must not run in production or be handed to users; a product built on "
        "the idea starts afresh, as an MVP.",
    ],
    Stage.MVP: [
        "A narrow product that works end to end for real users, deployed to a live environment.",
        "Production quality for that slice: tests, continuous integration, a deployment path, "
        "monitoring and a named owner.",
        "A feedback loop: users' feedback is collected and drives the next iterations.",
    ],
    None: [
        "Ask the team to declare the stage (`pocmvp-lint init`) before relying on this code.",
    ],
}

VERDICT_EXPLAINED = {
    "clean": "Nothing in the repository suggests this POC is heading for production. It is still "
    "the disposable experiment it claims to be.",
    "drifting": "The repository has grown production machinery a POC should not need. Either the "
    "POC is being prepared for production without being rebuilt as an MVP, or it "
    "carries parts that should be removed.",
    "ready": "Every production-readiness signal the linter checks for is present.",
    "not-ready": "Some production-readiness signals are missing. Until they are in place, the MVP "
    "is not ready to serve real users reliably.",
    "undeclared": "Without a declared stage the project cannot be judged as either.",
}


@dataclass(frozen=True)
class Timebox:
    """The timebox (POC) or review date (MVP) relative to today."""

    started: Optional[dt.date]
    ends: Optional[dt.date]
    status: str  # "" when there is no end date
    overdue: bool = False


def timebox(declaration: Declaration | None, stage: Stage | None, today: dt.date) -> Timebox:
    started = declaration.started if declaration else None
    ends = declaration.ends if declaration else None
    if ends is None:
        return Timebox(started, None, "no end date declared" if stage is Stage.POC else "")
    days = (ends - today).days
    what = "review" if stage is Stage.MVP else "timebox"
    if days > 0:
        status = f"{plural(days, 'day')} left"
    elif days == 0:
        status = f"the {what} ends today"
    else:
        status = f"overdue by {plural(-days, 'day')}"
    return Timebox(started, ends, status, overdue=days < 0)


def _folder(project: ProjectResult) -> str:
    return "repository root" if project.path in ("", ".") else project.path


def title_of(project: ProjectResult) -> str:
    """The declared name; else the project's folder name (the repository's, at the root)."""
    named = project.name or (project.declaration.name if project.declaration else None)
    if named:
        return named
    if project.path not in ("", "."):
        return project.path
    return os.path.basename(project.root.rstrip("/\\")) or "repository root"


def facts(project: ProjectResult, today: dt.date) -> list[tuple[str, str]]:
    """(label, value) rows from [project]; missing values are said to be missing."""
    decl = project.declaration or Declaration()
    box = timebox(decl, project.stage, today)
    missing = "not declared"
    rows = [
        ("Project", title_of(project)),
        ("Folder", _folder(project)),
        ("Stage", STAGE_NAMES.get(project.stage, "undeclared") if project.stage else "undeclared"),
    ]
    if project.stage is not Stage.MVP:
        rows.append(("Hypothesis", decl.hypothesis or missing))
    rows.append(("Owner", decl.owner or missing))
    if decl.started:
        age = (today - decl.started).days
        since = f" ({plural(age, 'day')} ago)" if age > 0 else ""
        rows.append(("Started", decl.started.isoformat() + since))
    else:
        rows.append(("Started", missing))
    end_label = "Review date" if project.stage is Stage.MVP else "Timebox ends"
    ends = decl.ends.isoformat() if decl.ends else missing
    rows.append((end_label, f"{ends} ({box.status})" if box.ends else ends))
    if project.stage is not Stage.POC:
        rows.append(("Audience", decl.audience or missing))
        rows.append(("Feedback channel", decl.feedback or missing))
    if project.stage is Stage.MVP and decl.hypothesis:
        rows.append(("Hypothesis", decl.hypothesis))
    return rows


# --------------------------------------------------------------------------------------------
# Markdown


#: A URL plain enough to be shown as the link it is (its text is the whole address).
_PLAIN_URL = lazy_re(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~/%?=&+-]*)?")


def _md_fact(label: str, value: str) -> str:
    """A declared fact: escaped text; a plain feedback URL stays a (visible, whole) link."""
    if label == "Feedback channel" and _PLAIN_URL.fullmatch(value):
        return value
    return md.text(value)


def _md_timeline(timeline: Timeline) -> list[str]:
    chart = timeline_mermaid(timeline)
    return ["### Drift over time", "", *chart, ""] if chart else []


def _md_findings(findings: Sequence[Finding], project: ProjectResult) -> list[str]:
    lines: list[str] = []
    for finding in findings:
        lines.append(md.finding_line(finding, project))
        if finding.fix:
            lines.append(f"  - *What to do:* {md.text(finding.fix)}")
    return lines


def _md_project(project: ProjectResult, today: dt.date, timeline: Timeline | None) -> list[str]:
    stage = project.stage
    title = title_of(project)
    lines = [f"## {md.text(title)}: {stage.label if stage else 'stage undeclared'}", ""]
    lines += ["### What this stage means", "", STAGE_MEANING[stage], "", "What to expect:", ""]
    lines += [f"- {item}" for item in STAGE_EXPECTATIONS[stage]]
    lines += ["", "### Declared facts", "", "| | |", "| --- | --- |"]
    lines += [f"| **{label}** | {_md_fact(label, value)} |" for label, value in facts(project, today)]
    lines += [
        "",
        "### Verdict",
        "",
        f"{md.VERDICT_ICONS.get(project.verdict, '')} **{VERDICTS.get(project.verdict, '')}** "
        f"(`{project.verdict}`). {VERDICT_EXPLAINED.get(project.verdict, '')}",
        "",
    ]
    if stage is Stage.MVP:
        lines += ["### Readiness checklist", "", *md.checklist_table(project), ""]
        gaps = list(project.of_kind(RuleKind.READINESS))
        if gaps:
            lines += ["### What to do next", "", *_md_findings(gaps, project), ""]
        others = md.others(project)
    elif stage is Stage.POC:
        found, others = md.drift(project)
        lines += ["### Drift toward production", ""]
        lines += (
            _md_findings(found, project)
            if found
            else ["None: nothing here suggests the POC is heading for production."]
        )
        lines.append("")
    else:
        others = list(project.findings)
    if others:
        lines += ["### Other findings", "", *_md_findings(others, project), ""]
    if project.exemptions:
        lines += [
            "### Exemptions",
            "",
            "Rules the team chose to silence, why, and until when.",
            "",
            "| Rules | Reason | Ends | Where |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {md.text(', '.join(s.exemption.codes))} | {md.text(s.exemption.reason or '—')} | "
            f"{md.text(exemption_status(s))} | {md.code(s.exemption.where)} "
            f"({exemption_kind(s)}) |"
            for s in project.exemptions
        ]
        lines.append("")
    if timeline is not None:
        lines += _md_timeline(timeline)
    return lines


def render_markdown(
    result: RunResult, *, today: dt.date | None = None, timelines: Mapping[str, Timeline] | None = None
) -> str:
    """The report as Markdown. ``timelines``: optional drift timeline per project path."""
    day = today or dt.date.today()
    lines = [
        "# Project stage report",
        "",
        f"*Generated by pocmvp-lint {__version__} on {day.isoformat()} from the files in the "
        "repository. It reads the repository; it does not run the code.*",
        "",
    ]
    for project in result.projects:
        lines += _md_project(project, day, (timelines or {}).get(project.path))
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# HTML

_CSS = """
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa; --green:#1a7f37;
  --orange:#bc4c00; --yellow:#9a6700; --red:#cf222e; --blue:#0969da; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink);
  font: 15px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, "DejaVu Sans", sans-serif; }
main { max-width: 960px; margin: 32px auto; padding: 0 20px; }
header.report { margin-bottom: 20px; }
header.report h1 { font-size: 26px; margin: 0 0 4px; }
.meta { color: var(--muted); font-size: 13px; }
section.project { background: #fff; border: 1px solid var(--line); border-radius: 10px;
  padding: 28px 32px; margin-bottom: 28px; box-shadow: 0 1px 3px rgba(31,35,40,.06); }
.project-head { display: flex; align-items: center; justify-content: space-between; gap: 16px;
  border-bottom: 1px solid var(--line); padding-bottom: 14px; margin-bottom: 18px; }
.project-head h2 { margin: 0; font-size: 22px; }
.project-head .badge svg { height: 26px; width: auto; }
.project-head .path { color: var(--muted); font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
h3 { font-size: 16px; margin: 24px 0 10px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.grid { display: grid; grid-template-columns: 1.2fr 1fr; gap: 24px; }
.meaning p { margin: 0 0 8px; }
.meaning ul { margin: 0; padding-left: 20px; }
.meaning li { margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; }
table.facts th { text-align: left; font-weight: 600; color: var(--muted); width: 38%;
  padding: 6px 10px 6px 0; vertical-align: top; font-size: 13px; }
table.facts td { padding: 6px 0; vertical-align: top; overflow-wrap: anywhere; }
table.facts tr + tr th, table.facts tr + tr td { border-top: 1px solid #eaeef2; }
.missing { color: var(--muted); font-style: italic; }
.overdue { color: var(--red); font-weight: 600; }
.verdict { display: flex; gap: 14px; align-items: flex-start; border-radius: 8px;
  padding: 14px 18px; margin: 4px 0 8px; border: 1px solid; }
.verdict .word { font-weight: 700; font-size: 17px; }
.verdict p { margin: 2px 0 0; }
.v-clean, .v-ready { background: #dafbe1; border-color: #aceebb; }
.v-drifting { background: #fff1e5; border-color: #ffc799; }
.v-not-ready { background: #fff8c5; border-color: #eed888; }
.v-undeclared { background: #ffebe9; border-color: #ffcecb; }
.dot { width: 14px; height: 14px; border-radius: 50%; margin-top: 5px; flex: none; }
.v-clean .dot, .v-ready .dot { background: var(--green); }
.v-drifting .dot { background: var(--orange); }
.v-not-ready .dot { background: var(--yellow); }
.v-undeclared .dot { background: var(--red); }
.counts { color: var(--muted); font-size: 13px; }
table.checklist th { text-align: left; font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; }
table.checklist td { border-bottom: 1px solid #eaeef2; padding: 8px; vertical-align: top; }
table.checklist td.status { width: 92px; white-space: nowrap; font-weight: 600; font-size: 13px; }
.s-met { color: var(--green); } .s-gap { color: var(--red); } .s-advice { color: var(--blue); }
.s-ignored, .s-not-checked { color: var(--muted); }
.code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--muted); }
code, .evidence code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace;
  background: var(--soft); border: 1px solid #eaeef2; border-radius: 4px; padding: 0 4px;
  overflow-wrap: anywhere; }
.evidence { font-size: 13px; color: var(--muted); margin-top: 3px; }
.fix { font-size: 13px; margin-top: 4px; }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px;
  padding: 10px 14px; margin-bottom: 10px; }
ul.findings li.sev-error { border-left-color: var(--red); }
ul.findings li.sev-warning { border-left-color: var(--orange); }
ul.findings li.sev-info { border-left-color: var(--blue); }
.sev { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase;
  border-radius: 10px; padding: 0 8px; margin-right: 6px; color: #fff; }
.sev-error .sev { background: var(--red); } .sev-warning .sev { background: var(--orange); }
.sev-info .sev { background: var(--blue); }
.none { color: var(--green); }
.timeline svg { max-width: 100%; height: auto; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin: 12px 0 40px; }
@media (max-width: 720px) { .grid { grid-template-columns: 1fr; } section.project { padding: 20px; } }
@media print {
  body { background: #fff; font-size: 12px; }
  main { margin: 0; max-width: none; padding: 0; }
  section.project { box-shadow: none; border: none; padding: 0; break-after: page; }
  section.project:last-of-type { break-after: auto; }
  .verdict, ul.findings li, table.checklist tr { break-inside: avoid; }
  .verdict, .sev, .dot { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_STATUS_WORDS = {
    "met": "✓ Met",
    "gap": "✗ Gap",
    "advice": "! Advised",
    "ignored": "– Ignored",
    "not-checked": "– Not checked",
}


def _e(value: str) -> str:
    """Untrusted (or any) text in the HTML report: markup and control/bidi characters escaped."""
    return escape.html(value)


def _prose(value: str) -> str:
    """Escaped text with Markdown-style `code` spans rendered as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(value))


def _link_or_text(value: str) -> str:
    if _PLAIN_URL.fullmatch(value):
        return f'<a href="{_e(value)}" rel="nofollow noopener noreferrer">{_e(value)}</a>'
    return _e(value)


def _evidence_html(finding: Finding, project: ProjectResult, limit: int = 6) -> str:
    evidence = md.shown_evidence(finding, project)
    if not evidence:
        return ""
    items = [f"<code>{_e(e.display())}</code>" for e in evidence[:limit]]
    more = f" and {len(evidence) - limit} more" if len(evidence) > limit else ""
    return f'<div class="evidence">Evidence: {", ".join(items)}{more}</div>'


def _finding_html(finding: Finding, project: ProjectResult) -> str:
    fix = f'<div class="fix"><strong>What to do:</strong> {_prose(finding.fix)}</div>' if finding.fix else ""
    return (
        f'<li class="sev-{finding.severity.value}"><span class="sev">{finding.severity.value}</span>'
        f'<span class="code">{_e(finding.code)} {_e(finding.name)}</span>'
        f"<div>{_prose(finding.message)}</div>{_evidence_html(finding, project)}{fix}</li>"
    )


def _findings_html(findings: Sequence[Finding], project: ProjectResult) -> str:
    return '<ul class="findings">' + "".join(_finding_html(f, project) for f in findings) + "</ul>"


def _facts_html(project: ProjectResult, today: dt.date) -> str:
    rows = []
    box = timebox(project.declaration, project.stage, today)
    for label, value in facts(project, today):
        if value == "not declared":
            cell = '<span class="missing">not declared</span>'
        elif label == "Feedback channel":
            cell = _link_or_text(value)
        elif label in ("Timebox ends", "Review date") and box.overdue:
            cell = f'{_e(box.ends.isoformat() if box.ends else "")} <span class="overdue">({_e(box.status)})</span>'
        else:
            cell = _e(value)
        rows.append(f"<tr><th>{_e(label)}</th><td>{cell}</td></tr>")
    return '<table class="facts">' + "".join(rows) + "</table>"


def _checklist_html(project: ProjectResult) -> str:
    items = md.checklist(project)
    met = sum(1 for i in items if i.status == "met")
    judged = sum(1 for i in items if i.status in ("met", "gap", "advice"))
    rows = []
    for item in items:
        if item.status in ("gap", "advice"):
            detail = "".join(f"<div>{_prose(f.message)}</div>{_evidence_html(f, project)}" for f in item.findings)
        elif item.status == "met":
            detail = '<span class="missing">no gap found</span>'
        else:
            detail = f'<span class="missing">{_e(item.note)}</span>'
        rows.append(
            f'<tr><td class="status s-{item.status}">{_STATUS_WORDS[item.status]}</td>'
            f'<td><span class="code">{_e(item.rule.code)}</span><br>{_prose(item.rule.summary)}</td>'
            f"<td>{detail}</td></tr>"
        )
    return (
        f"<h3>Readiness checklist: {met} of {judged} met</h3>"
        '<table class="checklist"><thead><tr><th>Status</th><th>Gap it looks for</th>'
        "<th>Finding and evidence</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _exemptions_html(project: ProjectResult) -> str:
    rows = []
    for state in project.exemptions:
        item = state.exemption
        ends = (
            f'<span class="overdue">{_e(exemption_status(state))}</span>'
            if state.expired
            else _e(exemption_status(state))
        )
        rows.append(
            f'<tr><td><span class="code">{_e(", ".join(item.codes))}</span></td>'
            f"<td>{_e(item.reason) or '—'}</td><td>{ends}</td>"
            f"<td><code>{_e(item.where)}</code> ({_e(exemption_kind(state))})</td></tr>"
        )
    return (
        "<h3>Exemptions</h3>"
        '<table class="checklist"><thead><tr><th>Rules</th><th>Reason</th><th>Ends</th>'
        "<th>Where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _project_html(project: ProjectResult, today: dt.date, timeline_svg: str | None, number: int = 0) -> str:
    stage = project.stage
    title = title_of(project)
    badge = render_svg(badge_for(project), ident=f"b{number}-")
    expectations = "".join(f"<li>{_prose(item)}</li>" for item in STAGE_EXPECTATIONS[stage])
    verdict = (
        f'<div class="verdict v-{_e(project.verdict)}"><div class="dot"></div><div>'
        f'<div class="word">{_e(VERDICTS.get(project.verdict, project.verdict)).capitalize()}</div>'
        f"<p>{_e(VERDICT_EXPLAINED.get(project.verdict, ''))}</p>"
        f'<div class="counts">{plural(project.count(Severity.ERROR), "error")}, '
        f"{plural(project.count(Severity.WARNING), 'warning')}, "
        f"{project.count(Severity.INFO)} info</div></div></div>"
    )
    parts = [
        '<section class="project">',
        f'<div class="project-head"><div><h2>{_e(title)}</h2>'
        f'<div class="path">{_e(_folder(project))}</div></div>'
        f'<div class="badge">{badge}</div></div>',
        '<div class="grid"><div class="meaning">',
        f"<h3>What {STAGE_ARTICLES[stage]} means</h3>",
        f"<p>{_e(STAGE_MEANING[stage])}</p><p><strong>What to expect:</strong></p>",
        f"<ul>{expectations}</ul></div>",
        f"<div><h3>Declared facts</h3>{_facts_html(project, today)}</div></div>",
        f"<h3>Verdict</h3>{verdict}",
    ]
    others: list[Finding]
    if stage is Stage.MVP:
        parts.append(_checklist_html(project))
        others = md.others(project)
    elif stage is Stage.POC:
        found, others = md.drift(project)
        parts.append("<h3>Drift toward production</h3>")
        parts.append(
            _findings_html(found, project)
            if found
            else '<p class="none">None: nothing here suggests the POC is heading for production.</p>'
        )
    else:
        others = list(project.findings)
    if others:
        parts.append(f"<h3>Other findings</h3>{_findings_html(others, project)}")
    if project.exemptions:
        parts.append(_exemptions_html(project))
    if timeline_svg:
        parts.append(f'<h3>Drift over time</h3><div class="timeline">{timeline_svg}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def render_html(
    result: RunResult, *, today: dt.date | None = None, timeline_svg: Mapping[str, str] | None = None
) -> str:
    """One self-contained HTML file (inline CSS and SVG, no external resources).

    ``timeline_svg``: optional inline SVG drift timeline per project path (trusted markup from
    ``pocmvp_lint.formatters.history_svg``).
    """
    day = today or dt.date.today()
    names = ", ".join(title_of(p) for p in result.projects) or "no project"
    svgs = timeline_svg or {}
    body = "\n".join(_project_html(p, day, svgs.get(p.path), n) for n, p in enumerate(result.projects))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="pocmvp-lint {__version__}">'
        f"<title>Project stage report: {_e(names)}</title><style>{_CSS}</style></head><body><main>"
        '<header class="report"><h1>Project stage report</h1>'
        f'<div class="meta">Generated by pocmvp-lint {__version__} on {day.isoformat()} from the '
        "files in the repository. It reads the repository; it does not run the code.</div></header>"
        f"{body}"
        "<footer>Is it a proof of concept or a minimum viable product? The stage is declared in "
        "<code>project.toml</code> and checked by pocmvp-lint.</footer>"
        "</main></body></html>\n"
    )
