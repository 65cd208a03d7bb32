"""A plain, self-contained SVG of drift timelines (for a README, a report or the HTML report).

No scripts, no external fonts or styles: one panel per project with production signals present
(a step area), commits per month (bars), stage changes (dashed lines), axis labels and a legend.
"""

from __future__ import annotations

from collections.abc import Sequence

from pocmvp_lint.formatters.escape import xml as escape
from pocmvp_lint.history.timeline import Timeline
from pocmvp_lint.lazyre import lazy_re

WIDTH = 760
PANEL_HEIGHT = 250
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 24, 46, 64
_SIGNAL = "#d9480f"
_COMMITS = "#adb5bd"
_STAGE = "#1c7ed6"
_TEXT = "#212529"
_MONTH = lazy_re(r"[0-9]{4}-[0-9]{2}")


def _attr(value: object) -> str:
    return f'"{escape(str(value))}"'


def _text(
    x: float,
    y: float,
    body: str,
    *,
    size: int = 11,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = _TEXT,
    rotate: bool = False,
) -> str:
    transform = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}"{transform}>{escape(body)}</text>'
    )


def _panel(timeline: Timeline, top: float) -> list[str]:
    months = timeline.months
    stage = timeline.stage.upper() if timeline.stage else "undeclared"
    where = "" if timeline.path == "." else f"{timeline.path}: "
    title = f"{where}{stage}" + (f" '{timeline.name}'" if timeline.name else "")
    out = [_text(_LEFT, top + 20, title, size=14, weight="bold")]
    x0, x1 = _LEFT, WIDTH - _RIGHT
    y0, y1 = top + PANEL_HEIGHT - _BOTTOM, top + _TOP
    if not months:
        reason = timeline.facts.problem or "no commits yet: no history to chart"
        out.append(_text(x0, top + 50, reason, size=12))
        return out
    n = len(months)
    step = (x1 - x0) / n
    top_signals = max(max(m.signals for m in months), 1)
    busiest = max(max(m.commits for m in months), 1)

    def y_of(value: float, scale: float) -> float:
        return y0 - (y0 - y1) * value / scale

    # grid and y axis (production signals)
    for tick in range(top_signals + 1):
        if top_signals > 8 and tick % max(1, top_signals // 4):
            continue
        y = y_of(tick, top_signals)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="#e9ecef"/>')
        out.append(_text(x0 - 6, y + 4, str(tick), size=10, anchor="end"))
    out.append(_text(16, (y0 + y1) / 2, "production signals", size=11, anchor="middle", rotate=True))
    # commits per month: bars scaled to the busiest month
    for index, month in enumerate(months):
        if month.commits:
            h = (y0 - y1) * 0.9 * month.commits / busiest
            out.append(
                f'<rect x="{x0 + index * step + step * 0.15:.1f}" y="{y0 - h:.1f}" '
                f'width="{max(step * 0.7, 0.5):.1f}" height="{h:.1f}" fill="{_COMMITS}" '
                f'fill-opacity="0.6"><title>{escape(f"{month.month}: {month.commits} commits")}'
                "</title></rect>"
            )
    # production signals present: a step line
    points = []
    for index, month in enumerate(months):
        y = y_of(month.signals, top_signals)
        points.append(f"{x0 + index * step:.1f},{y:.1f}")
        points.append(f"{x0 + (index + 1) * step:.1f},{y:.1f}")
    area = f"{x0:.1f},{y0:.1f} " + " ".join(points) + f" {x1:.1f},{y0:.1f}"
    out.append(f'<polygon points="{area}" fill="{_SIGNAL}" fill-opacity="0.15" stroke="none"/>')
    out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{_SIGNAL}" stroke-width="2"/>')
    for index, month in enumerate(months):
        if month.arrived:
            x = x0 + (index + 0.5) * step
            y = y_of(month.signals, top_signals)
            tip = f"{month.month}: {', '.join(month.arrived)} arrived"
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{_SIGNAL}"><title>{escape(tip)}</title></circle>'
            )
    # stage changes
    index_of = {m.month: i for i, m in enumerate(months)}
    for change in timeline.facts.stage_changes:
        key = f"{change.commit.day.year:04d}-{change.commit.day.month:02d}"
        if key not in index_of:
            continue
        x = x0 + (index_of[key] + 0.5) * step
        out.append(
            f'<line x1="{x:.1f}" y1="{y1 - 4:.1f}" x2="{x:.1f}" y2="{y0:.1f}" '
            f'stroke="{_STAGE}" stroke-dasharray="4 3" stroke-width="1.5">'
            f"<title>{escape(f'{change.arrow} at {change.commit.cite()}')}</title></line>"
        )
        out.append(_text(x + 3, y1 + 6, change.arrow, size=10, fill=_STAGE))
    # x axis
    out.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="{_TEXT}"/>')
    out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="{_TEXT}"/>')
    every = max(1, -(-n // 8))
    for index in range(0, n, every):
        x = x0 + (index + 0.5) * step
        out.append(f'<line x1="{x:.1f}" y1="{y0}" x2="{x:.1f}" y2="{y0 + 4}" stroke="{_TEXT}"/>')
        out.append(_text(x, y0 + 16, months[index].month, size=10, anchor="middle"))
    out.append(_text((x0 + x1) / 2, y0 + 32, "month (first to last commit)", size=11, anchor="middle"))
    # legend
    ly = y0 + 48
    out.append(f'<rect x="{x0}" y="{ly - 9}" width="12" height="10" fill="{_SIGNAL}"/>')
    out.append(_text(x0 + 16, ly, "production signals present (count)", size=10))
    out.append(f'<rect x="{x0 + 220}" y="{ly - 9}" width="12" height="10" fill="{_COMMITS}"/>')
    out.append(_text(x0 + 236, ly, f"commits per month (max {busiest:,})", size=10))
    out.append(
        f'<line x1="{x0 + 420}" y1="{ly - 4}" x2="{x0 + 434}" y2="{ly - 4}" '
        f'stroke="{_STAGE}" stroke-dasharray="4 3" stroke-width="1.5"/>'
    )
    out.append(_text(x0 + 438, ly, "stage change", size=10))
    return out


def timeline_svg(timelines: Sequence[Timeline] | Timeline, *, title: str | None = None) -> str:
    """A standalone SVG document charting ``timelines`` (one panel each), as a string.

    Safe to embed inline in HTML (no scripts, no external references); every text is escaped.
    """
    items = [timelines] if isinstance(timelines, Timeline) else list(timelines)
    heading = 28 if title else 0
    height = heading + PANEL_HEIGHT * max(len(items), 1)
    label = title or "Drift timeline: production signals over time"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label={_attr(label)} '
        'font-family="Helvetica, Arial, sans-serif">',
        f"<title>{escape(label)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    if title:
        parts.append(_text(_LEFT, 20, title, size=15, weight="bold"))
    if not items:
        parts.append(_text(_LEFT, heading + 40, "no projects", size=12))
    for index, timeline in enumerate(items):
        parts.extend(_panel(timeline, heading + index * PANEL_HEIGHT))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def timeline_mermaid(timeline: Timeline) -> list[str]:
    """The timeline as a Mermaid ``xychart-beta`` code block, which GitHub and GitLab draw in
    comments, job summaries and files (a ``data:`` image is stripped there).

    Every text in it is fixed or a ``YYYY-MM`` month, so nothing from the repository reaches it.
    """
    months = [m for m in timeline.months if _MONTH.fullmatch(m.month)]
    if not months:
        return []
    top = max(max(m.signals for m in months), 1)
    labels = ", ".join(f'"{m.month}"' for m in months)
    return [
        "```mermaid",
        "xychart-beta",
        '    title "Production signals present at the end of each month"',
        f"    x-axis [{labels}]",
        f'    y-axis "signals" 0 --> {top}',
        f"    bar [{', '.join(str(m.signals) for m in months)}]",
        "```",
    ]
