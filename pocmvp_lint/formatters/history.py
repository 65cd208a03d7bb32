"""The `history` command's text and JSON: a drift timeline per project (docs/history.md).

Renders ``pocmvp_lint.history.timeline.Timeline`` values, which hold everything shown: text with
a unicode-block chart, and versioned JSON. ``history_svg`` draws the same timelines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from pocmvp_lint.formatters.escape import json_dumps, truncate, visible
from pocmvp_lint.history.facts import Commit
from pocmvp_lint.history.timeline import Month, Timeline

JSON_VERSION = 1
#: Longest commit subject written by `history --format json` / text (longer ones end in "…").
MAX_JSON_SUBJECT = 1000
MAX_TEXT_SUBJECT = 200
#: Columns of the text chart; longer histories put several months in a column.
CHART_COLUMNS = 72
CHART_ROWS = 6
_SPARK = "▁▂▃▄▅▆▇█"


# ---- text --------------------------------------------------------------------------------------
def _columns(months: Sequence[Month]) -> list[Month]:
    """At most ``CHART_COLUMNS`` columns: consecutive months merged (last signals, summed commits)."""
    if len(months) <= CHART_COLUMNS:
        return list(months)
    size = -(-len(months) // CHART_COLUMNS)
    out = []
    for start in range(0, len(months), size):
        group = months[start : start + size]
        out.append(
            Month(
                group[0].month,
                sum(m.commits for m in group),
                group[-1].signals,
                tuple(sorted({c for m in group for c in m.arrived})),
            )
        )
    return out


def chart_lines(months: Sequence[Month]) -> list[str]:
    """Production signals per month as columns of full blocks, commits as a sparkline below."""
    columns = _columns(months)
    if not columns:
        return []
    top = max(m.signals for m in columns)
    rows = min(CHART_ROWS, max(top, 1))
    label_width = len(str(top))
    lines = []
    for row in range(rows, 0, -1):
        threshold = row * top / rows if top else row
        value = round(threshold)
        label = str(value).rjust(label_width) if row in (rows, 1) or rows <= 3 else " " * label_width
        cells = "".join("█" if m.signals >= threshold - 1e-9 and m.signals > 0 else " " for m in columns)
        lines.append(f"    {label} │{cells}")
    lines.append(f"    {' ' * label_width} └{'─' * len(columns)}")
    busiest = max(m.commits for m in columns)
    spark = "".join(
        " " if not m.commits else _SPARK[min(len(_SPARK) - 1, (m.commits * len(_SPARK) - 1) // busiest)]
        for m in columns
    )
    lines.append(f"    {' ' * label_width}  {spark}  commits (max {busiest:,} per column)")
    first, last = columns[0].month, months[-1].month
    gap = max(1, len(columns) - len(first) - len(last))
    axis = first + " " * gap + last if len(columns) >= len(first) + len(last) + 1 else first
    lines.append(f"    {' ' * label_width}  {axis}")
    return lines


def _cite(commit: Commit) -> str:
    """``abc1234 Author: "subject"`` for text output (escaped, the subject capped)."""
    return (
        f"{commit.short} {visible(truncate(commit.author, MAX_TEXT_SUBJECT))}: "
        f'"{visible(truncate(commit.subject, MAX_TEXT_SUBJECT))}"'
    )


def render_text(timelines: Sequence[Timeline]) -> str:
    lines: list[str] = []
    for timeline in timelines:
        facts = timeline.facts
        stage = timeline.stage.upper() if timeline.stage else "undeclared"
        stage = visible(stage)
        title = f"{visible(timeline.path)}: {stage}" + (f" '{visible(timeline.name)}'" if timeline.name else "")
        lines.append(click.style(title, bold=True))
        first, last = facts.first, facts.last
        if facts.problem is not None:
            lines.append(click.style(f"  {visible(facts.problem)}", fg="yellow"))
        if first is None or last is None:
            if facts.problem is None:
                lines.append("  no commits yet: there is no history to chart")
            lines.append("")
            continue
        people = len(facts.contributors)
        lines.append(
            f"  {facts.count:,} commits by {people} author{'s' if people != 1 else ''}, "
            f"{first.day.isoformat()} .. {last.day.isoformat()}"
        )
        note = facts.incompleteness()
        if note is not None:
            lines.append(click.style(f"  note: {visible(note)}", fg="yellow"))
        if facts.detached:
            lines.append(click.style("  note: HEAD is detached; this is the history HEAD reaches", dim=True))
        lines.append(click.style("  production signals, by arrival:", bold=True))
        dated = sorted(
            (a for a in facts.arrivals if a.commit is not None),
            key=lambda a: (a.commit.date if a.commit else first.date, a.category),
        )
        if not facts.arrivals:
            lines.append("    none present today")
        width = max((len(a.category) for a in facts.arrivals), default=0)
        for arrival in dated:
            assert arrival.commit is not None
            lines.append(
                f"    {arrival.commit.day.isoformat()}  {arrival.category.ljust(width)}  "
                f"{visible(arrival.path)}  ({_cite(arrival.commit)})"
            )
        for arrival in facts.arrivals:
            if arrival.commit is None:
                lines.append(f"    {'(not in history)':<10}  {arrival.category.ljust(width)}  {visible(arrival.path)}")
        if facts.stage_changes:
            lines.append(click.style("  stage changes:", bold=True))
            for change in facts.stage_changes:
                lines.append(
                    f"    {change.commit.day.isoformat()}  {visible(change.arrow):<9}  ({_cite(change.commit)})"
                )
        if facts.tags:
            tags = sorted(facts.tags, key=lambda t: t.commit.date)
            shown = ", ".join(f"{visible(t.name)} ({t.commit.day.isoformat()})" for t in tags[-5:])
            more = f" (latest 5 of {len(tags)})" if len(tags) > 5 else ""
            lines.append(f"  version tags{more}: {shown}")
        if len(timeline.months) > 1:
            lines.append(click.style("  production signals present, month by month:", bold=True))
            lines.extend(chart_lines(timeline.months))
        elif timeline.months:
            month = timeline.months[0]
            lines.append(
                f"  all history is in {month.month}: {month.signals} production signals "
                f"arrived in {month.commits} commits (no month-by-month chart yet)"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


# ---- JSON --------------------------------------------------------------------------------------
def _commit(commit: Commit | None) -> dict[str, str] | None:
    """A commit for JSON, its subject (and author) capped at ``MAX_JSON_SUBJECT`` characters."""
    if commit is None:
        return None
    data = commit.as_dict()
    return {
        **data,
        "author": truncate(data["author"], MAX_JSON_SUBJECT),
        "subject": truncate(data["subject"], MAX_JSON_SUBJECT),
    }


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    """One project's entry of the `history --format json` document (docs/history.md)."""
    facts = timeline.facts
    return {
        "path": timeline.path,
        "name": timeline.name,
        "stage": timeline.stage,
        "history": {
            "complete": facts.complete,
            "problem": facts.problem,
            "shallow": facts.shallow,
            "detached": facts.detached,
            "truncated": facts.truncated,
            "head": facts.head,
            "commits": facts.count,
            "first_commit": _commit(facts.first),
            "last_commit": _commit(facts.last),
            "authors": [
                {
                    "name": p.name,
                    "email": p.email,
                    "commits": p.commits,
                    "first_commit": p.first.sha,
                    "last_commit": p.last.sha,
                }
                for p in facts.contributors
            ],
        },
        "signals": [
            {"category": a.category, "path": a.path, "detail": a.detail, "commit": _commit(a.commit)}
            for a in facts.arrivals
        ],
        "stage_changes": [{"from": c.before, "to": c.after, "commit": _commit(c.commit)} for c in facts.stage_changes],
        "tags": [{"name": t.name, "commit": _commit(t.commit)} for t in facts.tags],
        "months": [
            {"month": m.month, "commits": m.commits, "signals": m.signals, "arrived": list(m.arrived)}
            for m in timeline.months
        ],
    }


def render_json(timelines: Sequence[Timeline]) -> str:
    return json_dumps(
        {"version": JSON_VERSION, "projects": [timeline_dict(t) for t in timelines]}, indent=2, ensure_ascii=True
    )
