"""Human output: findings grouped by project, a verdict line per project, a summary."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import click

from pocmvp_lint.config.discovery import ProjectSpec
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.findings import VERDICTS, Finding, ProjectResult, RunResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters.escape import visible as _v
from pocmvp_lint.model import Severity

_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_VERDICT_COLOURS = {"clean": "green", "ready": "green", "drifting": "yellow",
                    "not-ready": "yellow", "undeclared": "red"}


def first_sentence(text: str) -> str:
    """Up to the first full stop that is not inside quotes or backticks."""
    quoted = False
    code = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "`":
            code = not code
        elif char == "." and text[i + 1:i + 2] == " " and not quoted and not code:
            return text[: i + 1]
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _counts(project: ProjectResult) -> str:
    return ", ".join(_plural(project.count(s), s.value) if s is not Severity.INFO
                     else f"{project.count(s)} info" for s in (Severity.ERROR, Severity.WARNING,
                                                              Severity.INFO))


def verdict_line(project: ProjectResult) -> str:
    stage = click.style(_v(project.label), bold=True)
    verdict = click.style(VERDICTS[project.verdict], fg=_VERDICT_COLOURS.get(project.verdict))
    what_if = " (stage set by --stage)" if project.stage_overridden else ""
    return f"{_v(project.path)}: {stage}{what_if}: {verdict}"


def _finding_lines(finding: Finding, style: RenderOptions) -> Iterator[str]:
    where = finding.evidence[0].display() if finding.evidence else ""
    # Messages that already name their evidence are not prefixed with it again.
    prefix = f"{_v(where)}: " if where and where not in finding.message else ""
    marker = click.style(" new", fg="magenta", bold=True) if finding.new else ""
    severity = click.style(finding.severity.value, fg=_SEVERITY_COLOURS[finding.severity])
    yield f"  {prefix}{click.style(finding.code, bold=True)} [{severity}]{marker} {_v(finding.message)}"
    if style.quiet:
        return
    why = _v(finding.why if style.verbose else first_sentence(finding.why))
    fix = _v(finding.fix if style.verbose else first_sentence(finding.fix))
    yield click.style(f"      why: {why}", dim=True)
    yield click.style(f"      fix: {fix} (details: pocmvp-lint explain {finding.code}; "
                      f"silence: [lint] ignore = {{ {finding.code} = \"reason\" }})", dim=True)


def render_check(result: RunResult, style: RenderOptions) -> str:
    lines: list[str] = []
    projects = result.projects
    if len(projects) > 1:
        lines.append(click.style("Projects:", bold=True))
        width = max(len(_v(p.path)) for p in projects)
        for project in projects:
            lines.append(f"  {_v(project.path).ljust(width)}  {_v(project.label):<22} "
                         f"{project.verdict:<10} {_counts(project)}")
        lines.append("")
    for project in projects:
        lines.append(verdict_line(project))
        for warning in project.warnings:
            lines.append(click.style(f"  config warning: {_v(warning)}", fg="yellow"))
        for finding in project.findings:
            lines.extend(_finding_lines(finding, style))
        if not style.quiet:
            for item in project.suppressed:
                reason = f": {_v(item.reason)}" if item.reason else ""
                lines.append(click.style(
                    f"  ignored {item.finding.code} (by `{_v(item.selector)}`{reason}): "
                    f"{_v(item.finding.message)}", dim=True))
        if style.verbose:
            lines.append(click.style(f"  signals: {len(project.signals)}; rules run: "
                                     f"{_v(', '.join(project.rules_run))}", dim=True))
        lines.append("")
    summary = result.summary()
    total = sum(summary.values())
    lines.append(
        f"Found {_plural(total, 'finding')} ({_plural(summary['error'], 'error')}, "
        f"{_plural(summary['warning'], 'warning')}, {summary['info']} info) in "
        f"{_plural(len(projects), 'project')}."
    )
    new = sum(1 for f in result.findings if f.new)
    if new:  # check --staged / --since: new findings are listed first, marked "new"
        lines[-1] = lines[-1][:-1] + f"; {new} new."
    return "\n".join(lines)


def render_signals(projects: Sequence[tuple[ProjectSpec, Iterable[Signal]]]) -> str:
    lines: list[str] = []
    for spec, signals in projects:
        stage = spec.config.declaration.stage
        lines.append(click.style(f"{_v(spec.display)} ({stage.label if stage else 'undeclared'})",
                                 bold=True))
        items = list(signals)
        width = max((len(_v(s.category)) for s in items), default=0)
        for signal in items:
            where = f"{_v(signal.path)}:{signal.line}" if signal.line else _v(signal.path)
            detail = f"  {_v(signal.detail)}" if signal.detail else ""
            lines.append(f"  {_v(signal.category).ljust(width)}  {where}{detail}")
        if not items:
            lines.append("  (no signals)")
    return "\n".join(lines)
