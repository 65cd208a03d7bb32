"""GitHub Actions workflow commands: one annotation per finding (``::error``, ``::warning``, ``::notice``).

Everything that comes from the repository (file names, messages, project names) is escaped, so no
file name can end a command early or start one of its own. Repository-level findings become run-level
annotations (no ``file=``). GitHub keeps at most 10 annotations of each level per step, so past that
the rest of a level is summarised in its tenth annotation.
"""

from __future__ import annotations

from collections.abc import Sequence

from pocmvp_lint.findings import Finding, ProjectResult, RunResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters._common import (
    SEVERITY_ORDER,
    first_sentence,
    is_repository_level,
    location,
    plural,
)
from pocmvp_lint.formatters.escape import controls
from pocmvp_lint.model import Severity

MAX_PER_LEVEL = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_NOUNS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("notice", "notices"),
}


def escape_data(text: str) -> str:
    """Escape an annotation message (the part after ``::``); other controls and bidi made visible."""
    return controls(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _message(finding: Finding, project: ProjectResult, many: bool) -> str:
    head = f"{project.path}: " if many and project.path != "." else ""
    parts = [f"{head}{finding.message}"]
    if finding.fix:
        parts.append(f"Fix: {first_sentence(finding.fix)} (pocmvp-lint explain {finding.code})")
    return "\n".join(parts)


def annotation(finding: Finding, project: ProjectResult, many: bool) -> str:
    name = COMMANDS[finding.severity]
    title = f"{finding.code} {finding.name}"
    if is_repository_level(finding, project):
        return command(name, _message(finding, project, many), title=title)
    place = location(finding, project)
    return command(name, _message(finding, project, many), file=place.path, line=place.line, title=title)


def _summary(severity: Severity, rest: Sequence[tuple[Finding, ProjectResult]]) -> str:
    one, many = _NOUNS[severity]
    items = []
    for finding, project in rest:
        where = (
            ""
            if is_repository_level(finding, project)
            else f" at {location(finding, project).path}:{location(finding, project).line}"
        )
        items.append(f"{finding.code}{where}")
    text = (
        f"{plural(len(rest), 'more ' + one, 'more ' + many)} not shown as annotations "
        f"(GitHub keeps {MAX_PER_LEVEL} per step): {'; '.join(items)}. "
        "Run `pocmvp-lint check` for the full list."
    )
    return command(COMMANDS[severity], text, title=f"pocmvp-lint: {len(rest)} more")


def render_check(result: RunResult, options: RenderOptions | None = None) -> str:
    many = len(result.projects) > 1
    lines: list[str] = []
    for severity in SEVERITY_ORDER:
        items = [(f, p) for p in result.projects for f in p.findings if f.severity is severity]
        shown = items if len(items) <= MAX_PER_LEVEL else items[: MAX_PER_LEVEL - 1]
        lines.extend(annotation(f, p, many) for f, p in shown)
        if len(items) > len(shown):
            lines.append(_summary(severity, items[len(shown) :]))
    summary = result.summary()
    verdicts = "; ".join(f"{p.path} {p.label}: {p.verdict}" for p in result.projects)
    # A plain log line, escaped like a message so that no project name can start a command.
    lines.append(
        "pocmvp-lint: "
        + escape_data(
            f"{plural(sum(summary.values()), 'finding')} ({plural(summary['error'], 'error')}, "
            f"{plural(summary['warning'], 'warning')}, {summary['info']} info) in "
            f"{plural(len(result.projects), 'project')}: {verdicts}"
        )
    )
    return "\n".join(lines)
