"""`scan --format html`: the whole portfolio on one self-contained page (docs/portfolio.md).

One row per project: project, repository, stage, verdict, timebox, age, top findings, last
commit; counts by stage and by verdict above it; overdue POCs first, then the verdicts that need
attention. Every column sorts on a click (an inline script, using each cell's ``data-sort``).

The page makes no request: its style and script are inline and its Content-Security-Policy
forbids loading anything else. Everything in the scan lines came from the scanned repositories
(paths, names, owners, finding messages, error messages) and is written through ``escape.html``.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pocmvp_lint import __version__
from pocmvp_lint.formatters import escape
from pocmvp_lint.formatters._common import plural

#: Verdicts (and "error": the repository could not be checked) in the order that needs attention.
VERDICT_ORDER = ("drifting", "not-ready", "error", "undeclared", "clean", "ready")
STAGE_ORDER = ("poc", "mvp", "undeclared")
#: Characters of a finding message shown in a cell (the scan line holds it whole).
MESSAGE_LIMIT = 140

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class Row:
    """One project (or one repository that could not be checked) of the portfolio."""

    repository: str
    project: Mapping[str, Any]
    error: str | None = None

    @property
    def verdict(self) -> str:
        return "error" if self.error is not None else str(self.project.get("verdict") or "undeclared")

    @property
    def stage(self) -> str:
        return str(self.project.get("stage") or "undeclared")

    @property
    def overdue(self) -> int | None:
        value = self.project.get("overdue_days")
        return value if isinstance(value, int) else None

    def order(self) -> tuple[int, int, str, str]:
        """Overdue POCs first (most overdue first), then by verdict, repository and path."""
        overdue = self.overdue
        return (
            -(overdue + 1) if overdue is not None else 0,
            VERDICT_ORDER.index(self.verdict),
            self.repository,
            str(self.project.get("path", "")),
        )


def rows_of(lines: Sequence[Mapping[str, Any]]) -> list[Row]:
    """The page's rows, in its default order."""
    rows: list[Row] = []
    for line in lines:
        if line.get("error") is not None:
            rows.append(Row(line["repository"], {"path": "."}, str(line["error"])))
            continue
        rows.extend(Row(line["repository"], project) for project in line["projects"])
    return sorted(rows, key=Row.order)


def _cell(body: str, sort: str | int, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<td data-sort="{escape.html(str(sort))}"{klass}>{body}</td>'


def _repository_cell(row: Row) -> str:
    name = posixpath.basename(row.repository.rstrip("/\\").replace("\\", "/")) or row.repository
    return _cell(f'<span title="{escape.html(row.repository)}">{escape.html(name)}</span>', name.lower())


def _project_cell(row: Row) -> str:
    name = row.project.get("name")
    path = str(row.project.get("path", "."))
    label = escape.html(str(name)) if name else '<span class="muted">(unnamed)</span>'
    where = "" if path == "." else f'<div class="sub mono">{escape.html(path)}</div>'
    owner = row.project.get("owner")
    by = f'<div class="sub">{escape.html(str(owner))}</div>' if owner else ""
    return _cell(f"{label}{where}{by}", str(name or path).lower())


def _timebox_cell(row: Row) -> str:
    started, ends = row.project.get("started"), row.project.get("ends")
    if not started and not ends:
        return _cell('<span class="muted">none</span>', "9999-99-99")
    span = f"{escape.html(str(started or '?'))} → {escape.html(str(ends or '?'))}"
    overdue = row.overdue
    flag = (
        f'<div><span class="tag overdue">overdue by {plural(overdue, "day")}</span></div>'
        if overdue is not None
        else ""
    )
    return _cell(f'<span class="mono">{span}</span>{flag}', str(ends or "9999-99-99"))


def _age_cell(row: Row) -> str:
    age, active = row.project.get("age_days"), row.project.get("active_days")
    if not isinstance(age, int):
        return _cell('<span class="muted">unknown</span>', -1, "num")
    detail = f'<div class="sub">active {plural(active, "day")}</div>' if isinstance(active, int) else ""
    return _cell(f"{plural(age, 'day')}{detail}", age, "num")


def _findings_cell(row: Row) -> str:
    if row.error is not None:
        return _cell(f'<span class="err">{escape.html(escape.truncate(row.error, 300))}</span>', 10**9)
    counts = row.project.get("counts") or {}
    weight = counts.get("error", 0) * 10_000 + counts.get("warning", 0) * 100 + counts.get("info", 0)
    items = []
    for finding in row.project.get("top_findings") or []:
        severity = str(finding.get("severity", ""))
        items.append(
            f'<li><span class="code sev-{escape.html(severity)}">{escape.html(finding["code"])}</span> '
            f"{escape.html(escape.truncate(str(finding['message']), MESSAGE_LIMIT))}</li>"
        )
    if not items:
        codes = row.project.get("codes") or []
        items = [f'<li><span class="code">{escape.html(str(code))}</span></li>' for code in codes[:3]]
    body = f'<ul class="findings">{"".join(items)}</ul>' if items else '<span class="muted">none</span>'
    return _cell(body, weight)


def _last_commit_cell(row: Row) -> str:
    last = row.project.get("last_commit")
    if not last:
        return _cell('<span class="muted">none</span>', "0000-00-00")
    return _cell(f'<span class="mono">{escape.html(str(last))}</span>', str(last))


def _row(row: Row, order: int) -> str:
    overdue = ' class="overdue"' if row.overdue is not None else ""
    verdict = row.verdict
    cells = [
        _project_cell(row),
        _repository_cell(row),
        _cell(
            f'<span class="stage">{escape.html(row.stage.upper() if row.stage != "undeclared" else "—")}</span>',
            row.stage,
        ),
        _cell(
            f'<span class="verdict v-{escape.html(verdict)}">{escape.html(verdict)}</span>',
            VERDICT_ORDER.index(verdict),
            "num",
        ),
        _timebox_cell(row),
        _age_cell(row),
        _findings_cell(row),
        _last_commit_cell(row),
    ]
    return f'<tr data-order="{order}"{overdue}>{"".join(cells)}</tr>'


#: (label, sort type) of each column, in order.
COLUMNS = (
    ("Project", "text"),
    ("Repository", "text"),
    ("Stage", "text"),
    ("Verdict", "number"),
    ("Timebox", "text"),
    ("Age", "number"),
    ("Top findings", "number"),
    ("Last commit", "text"),
)


def _counts(title: str, counter: Counter[str], order: Sequence[str], css: str) -> str:
    cells = "".join(
        f'<div class="count {css}-{escape.html(key)}"><b>{counter[key]}</b><span>{escape.html(key)}</span></div>'
        for key in order
        if counter[key]
    )
    return f'<section class="counts"><h2>{title}</h2><div class="row">{cells or "<i>none</i>"}</div></section>'


def render(lines: Sequence[Mapping[str, Any]]) -> str:
    """The page for ``lines`` (scan lines, as `scan --format json` writes them)."""
    rows = rows_of(lines)
    stages = Counter(row.stage for row in rows if row.error is None)
    verdicts = Counter(row.verdict for row in rows)
    overdue = sum(1 for row in rows if row.overdue is not None)
    scanned = sorted({str(line["scanned"]) for line in lines if line.get("scanned")})
    when = (scanned[0] if len(scanned) == 1 else f"{scanned[0]} to {scanned[-1]}") if scanned else "unknown"
    repos = len(lines)
    projects = sum(1 for row in rows if row.error is None)
    head = "".join(
        f'<th scope="col" data-type="{kind}"><button type="button">{label}</button></th>' for label, kind in COLUMNS
    )
    body = "\n".join(_row(row, index) for index, row in enumerate(rows))
    overdue_note = (
        f'<div class="count alert"><b>{overdue}</b><span>overdue {"POC" if overdue == 1 else "POCs"}</span></div>'
        if overdue
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pocmvp-lint {escape.html(__version__)}">
<title>Portfolio: {plural(projects, "project")} in {plural(repos, "repository", "repositories")}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Portfolio</h1>
<p class="meta">{plural(projects, "project")} in {plural(repos, "repository", "repositories")},
scanned {escape.html(when)} by pocmvp-lint {escape.html(__version__)}. Overdue POCs come first;
click a column heading to sort.</p>
</header>
<div class="summary">
{_counts("By stage", stages, STAGE_ORDER, "s")}
{_counts("By verdict", verdicts, VERDICT_ORDER, "v")}
{overdue_note}
</div>
<table id="portfolio">
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""


_CSS = """
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa; --green:#1a7f37;
  --orange:#bc4c00; --yellow:#9a6700; --red:#cf222e; --blue:#0969da; --grey:#6e7781; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink);
  font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, "DejaVu Sans", sans-serif; }
main { max-width: 1400px; margin: 24px auto; padding: 0 16px; }
h1 { margin: 0 0 4px; font-size: 24px; }
.meta, .muted, .sub { color: var(--muted); }
.sub { font-size: 12px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, "DejaVu Sans Mono", monospace; font-size: 12px; }
.summary { display: flex; flex-wrap: wrap; gap: 16px; margin: 16px 0; align-items: flex-end; }
.counts h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 0 0 6px; }
.counts .row { display: flex; gap: 8px; }
.count { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--grey);
  border-radius: 6px; padding: 6px 12px; min-width: 84px; }
.count b { display: block; font-size: 22px; }
.count span { color: var(--muted); font-size: 12px; }
.s-poc { border-left-color: var(--orange); } .s-mvp { border-left-color: var(--blue); }
.v-drifting { border-left-color: var(--red); } .v-not-ready { border-left-color: var(--orange); }
.v-clean, .v-ready { border-left-color: var(--green); } .v-error { border-left-color: #8250df; }
.count.alert { border-left-color: var(--red); background: #ffebe9; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line);
  border-radius: 8px; overflow: hidden; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); position: sticky; top: 0; white-space: nowrap; }
td .mono { white-space: nowrap; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--ink); }
tr.overdue td { background: #fff8f7; }
td.num { white-space: nowrap; }
.stage { font-weight: 700; }
.verdict { display: inline-block; border-radius: 12px; padding: 1px 10px; color: #fff; font-weight: 600;
  font-size: 12px; background: var(--grey); white-space: nowrap; }
.verdict.v-drifting { background: var(--red); } .verdict.v-not-ready { background: var(--orange); }
.verdict.v-clean, .verdict.v-ready { background: var(--green); } .verdict.v-error { background: #8250df; }
.tag.overdue { display: inline-block; margin-top: 3px; border-radius: 4px; padding: 0 6px;
  background: var(--red); color: #fff; font-size: 12px; }
ul.findings { margin: 0; padding: 0; list-style: none; }
ul.findings li { margin: 0 0 2px; }
.code { font: 600 12px ui-monospace, SFMono-Regular, Menlo, "DejaVu Sans Mono", monospace; }
.sev-error { color: var(--red); } .sev-warning { color: var(--orange); } .sev-info { color: var(--blue); }
.err { color: #8250df; }
"""

#: Sorts the table on a click of a heading: numbers or text from each cell's data-sort, the
#: default order (data-order) breaking ties; a second click reverses.
_SCRIPT = """
(function () {
  var table = document.getElementById("portfolio");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "number";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort"), y = b.cells[column].getAttribute("data-sort");
        var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        if (c === 0) { c = a.getAttribute("data-order") - b.getAttribute("data-order"); }
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  // A link can open the page sorted: #sort=3 (fourth column, ascending), #sort=-3 (descending).
  var wanted = /^#sort=(-?)(\\d+)$/.exec(window.location.hash);
  if (wanted && heads[+wanted[2]]) {
    var button = heads[+wanted[2]].querySelector("button");
    button.click();
    if (wanted[1]) { button.click(); }
  }
  table.setAttribute("data-sortable", "ready");
})();
"""
