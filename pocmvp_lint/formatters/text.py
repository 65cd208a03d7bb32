"""Human output: findings grouped by project, a verdict line per project, a summary."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator, Sequence

import click

from pocmvp_lint.config.discovery import ProjectSpec
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.findings import VERDICTS, Finding, ProjectResult, RunResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters._common import exemption_kind, exemption_status, expiring, location
from pocmvp_lint.formatters.escape import visible as _v
from pocmvp_lint.model import Severity

_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_VERDICT_COLOURS = {
    "clean": "green",
    "ready": "green",
    "drifting": "yellow",
    "not-ready": "yellow",
    "undeclared": "red",
}


def first_sentence(text: str) -> str:
    """Up to the first full stop that is not inside quotes or backticks."""
    quoted = False
    code = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "`":
            code = not code
        elif char == "." and text[i + 1 : i + 2] == " " and not quoted and not code:
            return text[: i + 1]
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _counts(project: ProjectResult) -> str:
    return ", ".join(
        _plural(project.count(s), s.value) if s is not Severity.INFO else f"{project.count(s)} info"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )


def relocate(path: str, project: ProjectResult, style: RenderOptions) -> str:
    """``path`` (relative to the project's root folder) as seen from ``style.cwd`` when the current
    folder is inside that root (a terminal can then open it); otherwise unchanged."""
    if not style.cwd or not project.root:
        return path
    if style.cwd == project.root and os.sep == "/" and not path.startswith(("/", "..")):
        return posixpath.normpath(path)  # run from the root (as pre-commit does): what relpath gives, cheaply
    try:
        inside = os.path.commonpath([project.root, style.cwd]) == project.root
        moved = os.path.relpath(os.path.join(project.root, path), style.cwd)
    except ValueError:  # another drive (Windows)
        return path
    if not inside:  # checking another folder: paths stay relative to its root
        return path
    return moved.replace(os.sep, "/")


def _where(finding: Finding, project: ProjectResult, style: RenderOptions) -> str:
    place = location(finding, project)
    return f"{relocate(place.path, project, style)}:{place.line}"


def _message(finding: Finding, project: ProjectResult, style: RenderOptions) -> str:
    """The message, with the evidence places it names relocated to the current folder."""
    message = finding.message
    if not style.cwd:
        return message
    moves = {e.display(): relocate(e.path, project, style) + (f":{e.line}" if e.line else "") for e in finding.evidence}
    shown = sorted(moves, key=len, reverse=True)  # "app/x.py:3" before "app/x.py"
    for token, place in enumerate(shown):
        message = message.replace(place, f"\0{token}\0")
    for token, place in enumerate(shown):
        message = message.replace(f"\0{token}\0", moves[place])
    return message


def verdict_line(project: ProjectResult, style: RenderOptions | None = None) -> str:
    stage = click.style(_v(project.label), bold=True)
    verdict = click.style(VERDICTS[project.verdict], fg=_VERDICT_COLOURS.get(project.verdict))
    what_if = " (stage set by --stage)" if project.stage_overridden else ""
    path = relocate(project.path, project, style) if style is not None else project.path
    return f"{_v(path)}: {stage}{what_if}: {verdict}"


def _finding_lines(
    finding: Finding, style: RenderOptions, project: ProjectResult, brief: bool = False
) -> Iterator[str]:
    where = finding.evidence[0].display() if finding.evidence else ""
    # Messages that already name their evidence are not prefixed with it again.
    if where and where not in finding.message:
        first = finding.evidence[0]
        place = relocate(first.path, project, style) + (f":{first.line}" if first.line else "")
        prefix = f"{_v(place)}: "
    else:
        prefix = ""
    marker = click.style(" new", fg="magenta", bold=True) if finding.new else ""
    severity = click.style(finding.severity.value, fg=_SEVERITY_COLOURS[finding.severity])
    yield (
        f"  {prefix}{click.style(finding.code, bold=True)} [{severity}]{marker} {_v(_message(finding, project, style))}"
    )
    if brief:
        return
    why = _v(finding.why if style.verbose else first_sentence(finding.why))
    fix = _v(finding.fix if style.verbose else first_sentence(finding.fix))
    yield click.style(f"      why: {why}", dim=True)
    rule = project.registry.get(finding.code)
    silence = rule.silence_hint if rule is not None else f'[lint] ignore = {{ {finding.code} = "reason" }}'
    yield click.style(
        f"      fix: {fix} (details: pocmvp-lint explain {finding.code}; silence: {_v(silence)})", dim=True
    )


def shown_findings(project: ProjectResult, style: RenderOptions) -> tuple[Finding, ...]:
    """The findings a human format lists: all, or with --quiet only those that fail the run."""
    if style.quiet:
        return tuple(f for f in project.findings if style.fails(f, project))
    return project.findings


def summary_line(result: RunResult) -> str:
    summary = result.summary()
    total = sum(summary.values())
    line = (
        f"Found {_plural(total, 'finding')} ({_plural(summary['error'], 'error')}, "
        f"{_plural(summary['warning'], 'warning')}, {summary['info']} info) in "
        f"{_plural(len(result.projects), 'project')}."
    )
    new = sum(1 for f in result.findings if f.new)
    if new:  # check --staged / --since: new findings are listed first, marked "new"
        line = line[:-1] + f"; {new} new."
    return line


def existing_line(findings: Sequence[Finding]) -> str:
    """ "4 existing warnings (pocmvp-lint check to see them)": what the hook does not repeat."""
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for f in findings if f.severity is severity)
        if n:
            word = "info" if severity is Severity.INFO else _plural(n, severity.value).split(" ", 1)[1]
            parts.append(f"{n} existing {word}")
    return f"{', '.join(parts)} (pocmvp-lint check to see them)"


def _render_hook(result: RunResult, style: RenderOptions) -> str:
    """What a commit (or push) introduces, in full; what was already there, in one line."""
    lines: list[str] = []
    existing: list[Finding] = []
    failing_old: list[tuple[Finding, ProjectResult]] = []
    for project in result.projects:
        new = [f for f in project.findings if f.new]
        old = [f for f in project.findings if not f.new]
        existing += old
        failing_old += [(f, project) for f in old if style.fails(f, project)]
        if new or project.warnings:
            lines.append(verdict_line(project, style))
            for warning in project.warnings:
                lines.append(click.style(f"  config warning: {_v(warning)}", fg="yellow"))
            for finding in new:
                lines.extend(_finding_lines(finding, style, project))
    if failing_old:
        lines.append(
            click.style("Existing findings that fail this run (add --new-only to let old debt pass):", bold=True)
        )
        for finding, project in failing_old:
            lines.extend(_finding_lines(finding, style, project, brief=True))
    if existing:
        lines.append(existing_line(existing))
    return "\n".join(lines)


def render_check(result: RunResult, style: RenderOptions) -> str:
    if style.collapse_existing:
        return _render_hook(result, style)
    lines: list[str] = []
    projects = result.projects
    if len(projects) > 1:
        lines.append(click.style("Projects:", bold=True))
        width = max(len(_v(relocate(p.path, p, style))) for p in projects)
        for project in projects:
            lines.append(
                f"  {_v(relocate(project.path, project, style)).ljust(width)}  "
                f"{_v(project.label):<22} {project.verdict:<10} {_counts(project)}"
            )
        lines.append("")
    for project in projects:
        lines.append(verdict_line(project, style))
        for warning in project.warnings:
            lines.append(click.style(f"  config warning: {_v(warning)}", fg="yellow"))
        for finding in shown_findings(project, style):
            lines.extend(_finding_lines(finding, style, project, brief=style.quiet))
        if not style.quiet:
            for item in project.suppressed:
                reason = f": {_v(item.reason)}" if item.reason else ""
                until = item.exemption.until if item.exemption else None
                ends = f", until {until.isoformat()}" if until else ""
                lines.append(
                    click.style(
                        f"  ignored {item.finding.code} (by `{_v(item.selector)}`{ends}{reason}): "
                        f"{_v(item.finding.message)}",
                        dim=True,
                    )
                )
        if style.verbose:
            lines.append(
                click.style(
                    f"  signals: {len(project.signals)}; rules run: {_v(', '.join(project.rules_run))}", dim=True
                )
            )
        lines.append("")
    lines.append(summary_line(result))
    return "\n".join(lines)


def render_expiring(result: RunResult, days: int) -> str:
    """`check --expiring N`: one info line per exemption that ends within N days."""
    lines: list[str] = []
    for project in result.projects:
        for state in expiring(project, days):
            item = state.exemption
            reason = f": {_v(item.reason)}" if item.reason else ""
            lines.append(
                f"{_v(item.where)}: info: exemption of {_v(', '.join(item.codes))} "
                f"({exemption_kind(state)}) {exemption_status(state)}{reason}"
            )
    found = len(lines)
    lines.append(
        f"{found} exemption{'s' if found != 1 else ''} end{'s' if found == 1 else ''} "
        f"within {days} day{'s' if days != 1 else ''}."
    )
    return "\n".join(lines)


def render_concise(result: RunResult, style: RenderOptions) -> str:
    """One line per finding, ``path:line: CODE message`` (ruff's concise), then the summary."""
    lines: list[str] = []
    for project in result.projects:
        for warning in project.warnings:
            lines.append(
                click.style(
                    f"{_v(relocate(project.config_path or 'project.toml', project, style))}: "
                    f"config warning: {_v(warning)}",
                    fg="yellow",
                )
            )
        for finding in shown_findings(project, style):
            marker = click.style(" (new)", fg="magenta") if finding.new else ""
            severity = click.style(finding.severity.value, fg=_SEVERITY_COLOURS[finding.severity])
            lines.append(
                f"{_v(_where(finding, project, style))}: {click.style(finding.code, bold=True)} "
                f"[{severity}]{marker} {_v(_message(finding, project, style))}"
            )
    lines.append(summary_line(result))
    return "\n".join(lines)


def render_grouped(result: RunResult, style: RenderOptions) -> str:
    """Findings grouped by file (ruff's grouped): the file once, then ``line: CODE message``."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for project in result.projects:
        for finding in shown_findings(project, style):
            place = location(finding, project)
            severity = click.style(finding.severity.value, fg=_SEVERITY_COLOURS[finding.severity])
            marker = click.style(" (new)", fg="magenta") if finding.new else ""
            text = (
                f"{click.style(finding.code, bold=True)} [{severity}]{marker} {_v(_message(finding, project, style))}"
            )
            groups.setdefault(relocate(place.path, project, style), []).append((place.line, text))
    lines: list[str] = []
    for path in sorted(groups):
        lines.append(click.style(_v(path), bold=True, underline=True) + ":")
        entries = sorted(groups[path], key=lambda item: item[0])
        width = max(len(str(line)) for line, _ in entries)
        lines += [f"  {str(line).rjust(width)}: {text}" for line, text in entries]
        lines.append("")
    lines.append(summary_line(result))
    return "\n".join(lines)


def render_statistics(result: RunResult, style: RenderOptions) -> str:
    """Count per rule, most frequent first (ruff's ``--statistics``)."""
    counts: dict[str, tuple[int, Finding]] = {}
    for project in result.projects:
        for finding in shown_findings(project, style):
            n, first = counts.get(finding.code, (0, finding))
            counts[finding.code] = (n + 1, first)
    rows = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    width = max((len(str(n)) for n, _ in counts.values()), default=1)
    lines = [
        f"{str(n).rjust(width)}\t{click.style(code, bold=True)}\t[{first.severity.value}]\t{_v(first.name)}"
        for code, (n, first) in rows
    ]
    lines.append(summary_line(result))
    return "\n".join(lines)


def render_signals(projects: Sequence[tuple[ProjectSpec, Iterable[Signal]]]) -> str:
    lines: list[str] = []
    for spec, signals in projects:
        stage = spec.config.declaration.stage
        lines.append(click.style(f"{_v(spec.display)} ({stage.label if stage else 'undeclared'})", bold=True))
        items = list(signals)
        width = max((len(_v(s.category)) for s in items), default=0)
        for signal in items:
            where = f"{_v(signal.path)}:{signal.line}" if signal.line else _v(signal.path)
            detail = f"  {_v(signal.detail)}" if signal.detail else ""
            lines.append(f"  {_v(signal.category).ljust(width)}  {where}{detail}")
        if not items:
            lines.append("  (no signals)")
    return "\n".join(lines)
