"""Markdown summary, stakeholder report and badge, rendered from fabricated results."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from pocmvp_lint.findings import ProjectResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters import markdown as md
from pocmvp_lint.formatters.badge import badge_for, markdown_snippet, render_svg, text_width
from pocmvp_lint.formatters.report import render_html, render_markdown, timebox
from pocmvp_lint.model import Evidence, Stage, Verdict
from tests.formatters.factories import REGISTRY, drifting_poc, finding, not_ready_mvp, run, undeclared

MVP_RULES = sum(1 for r in REGISTRY if r.stage is Stage.MVP)
# not_ready_mvp(): 3 gaps, 1 advice (info only), 1 ignored; every other MVP rule is met.
# MVP002 (few tests) is not judged while MVP001 (no tests) is open (issue 11): not a green "met".
CHECKLIST = f"Readiness checklist: {MVP_RULES - 6} of {MVP_RULES - 2} met"

TODAY = dt.date(2026, 1, 21)
SVG = "{http://www.w3.org/2000/svg}"


def test_markdown_mvp_checklist_lists_every_mvp_rule() -> None:
    out = md.render_check(run(not_ready_mvp()), RenderOptions())
    rows = [line for line in out.splitlines() if re.match(r"^\| (✅|❌|💡|⚪|➖) \|", line)]
    assert len(rows) == MVP_RULES
    assert "| ❌ | **MVP001** mvp-no-tests | The MVP has no tests. | no test files were found |" in out
    assert "| ➖ | **MVP002** mvp-few-tests |" in out and "not judged while MVP001 is open" in out
    assert "| 💡 | **MVP010**" in out  # info-only findings are advice, not gaps
    assert "| ⚪ | **MVP015** mvp-throwaway-code |" in out
    assert "ignored by `MVP015`: the prototype folder is a fixture" in out
    assert "a service is deployed with no health check (`services/api/Dockerfile:1`)" in out
    assert CHECKLIST in out
    assert "🟡 MVP “api” at `services/api`: not production-ready yet" in out


def test_markdown_poc_drift_list_with_evidence() -> None:
    out = md.render_check(run(drifting_poc()), RenderOptions())
    drift = out.split("**Drift toward production**")[1].split("**Other findings**")
    assert "**POC101** poc-container-image" in drift[0] and "(`Dockerfile:1`)" in drift[0]
    assert "(`.github/workflows/deploy.yml:19`, `.github/workflows/deploy.yml:24`)" in drift[0]
    assert "POC003" in drift[1] and "project.toml:2" not in drift[1]  # repository-level: no anchor
    clean = md.render_check(run(replace(drifting_poc(), findings=(), verdict=Verdict.CLEAN)), RenderOptions())
    assert "No drift" in clean and "🟢" in clean


def test_markdown_escapes_untrusted_text_and_tables_survive() -> None:
    project = replace(
        drifting_poc(),
        findings=(finding("POC101", "<img src=x onerror=alert(1)> a|b", Evidence("we`ird|name.yml", 1)),),
    )
    out = md.render_check(run(project, undeclared()), RenderOptions())
    assert "<img" not in out.replace("\\<img", "") and "\\<img" in out and "a\\|b" in out
    assert "``we`ird\\|name.yml:1``" in out
    assert "| `.` | undeclared | 🔴 undeclared |" in out  # the multi-project table


def test_timebox() -> None:
    assert timebox(None, Stage.POC, TODAY).status == "no end date declared"
    project = drifting_poc()
    box = timebox(project.declaration, Stage.POC, TODAY)
    assert box.status == "11 days left" and not box.overdue
    late = timebox(project.declaration, Stage.POC, dt.date(2026, 2, 3))
    assert late.status == "overdue by 2 days" and late.overdue
    assert timebox(project.declaration, Stage.POC, dt.date(2026, 2, 1)).status == "the timebox ends today"


def test_report_markdown_tells_the_client_what_to_expect() -> None:
    out = render_markdown(run(drifting_poc(), not_ready_mvp(), undeclared()), today=TODAY)
    assert out.startswith("# Project stage report")
    poc, mvp, none = out.split("\n## ")[1:]
    assert "disposable" in poc.lower() or "discarded" in poc.lower()
    assert "must not run in production" in poc
    assert "| **Hypothesis** | Embeddings beat keyword search |" in poc
    assert "| **Owner** | data-team |" in poc
    assert "| **Timebox ends** | 2026-02-01 (11 days left) |" in poc
    assert "| **Started** | 2026-01-01 (20 days ago) |" in poc
    assert "### Drift toward production" in poc and "*What to do:*" in poc
    assert "production" in mvp and "feedback" in mvp.lower()
    assert "| **Feedback channel** | https://forms.example/fb |" in mvp
    assert "| **Audience** | nurses of ward 4 |" in mvp
    assert "| **Review date** | 2026-03-01 (39 days left) |" in mvp
    assert "### Readiness checklist" in mvp
    assert "stage undeclared" in none and "pocmvp-lint init" in none


def test_report_html_is_self_contained_and_escaped() -> None:
    declaration = drifting_poc().declaration
    assert declaration is not None
    hostile = replace(
        drifting_poc(),
        name="<script>alert(1)</script>",
        declaration=replace(declaration, owner="O'Brien & <Co>", hypothesis="a\nb"),
    )
    page = render_html(run(hostile, not_ready_mvp()), today=TODAY)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "O&#x27;Brien &amp; &lt;Co&gt;" in page
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""", page.replace('href="https://forms.example/fb"', "")
    )  # no external resource; the one link is the feedback URL
    assert "<link" not in page and "@import" not in page and "url(http" not in page
    assert "<style>" in page and "@media print" in page
    assert page.count("<svg") == 2 and 'id="b0-s"' in page and 'id="b1-s"' in page
    assert "overdue" not in page.split("</section>")[0] or "11 days left" in page
    assert CHECKLIST in page
    assert "Drift toward production" in page


def test_report_embeds_a_timeline_when_given() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>t</title></svg>'
    result = run(drifting_poc())
    svgs = {result.projects[0].path: svg}
    page = render_html(result, today=TODAY, timeline_svg=svgs)
    assert "Drift over time" in page and svg in page
    assert "Drift over time" not in render_html(result, today=TODAY)
    assert "Drift over time" not in render_html(result, today=TODAY, timeline_svg={"elsewhere": svg})


def test_markdown_report_draws_the_timeline_as_mermaid_through_a_renderer() -> None:
    """GitHub strips `data:` images from comments and summaries (issue 11): the Markdown report
    draws its chart as a Mermaid xychart code block, checked through a real Markdown renderer."""
    from markdown_it import MarkdownIt

    from pocmvp_lint.history.facts import HistoryFacts
    from pocmvp_lint.history.timeline import Month, Timeline

    result = run(drifting_poc())
    timeline = Timeline(
        result.projects[0].path,
        "recs",
        "poc",
        HistoryFacts(),
        (Month("2025-01", 4, 0), Month("2025-02", 2, 1, ("container",))),
    )
    text = render_markdown(result, today=TODAY, timelines={timeline.path: timeline})
    html = MarkdownIt("commonmark").render(text)
    assert "data:" not in text and "<img" not in html
    block = html.split('<pre><code class="language-mermaid">', 1)[1].split("</code></pre>", 1)[0]
    assert block.startswith("xychart-beta\n")
    assert "x-axis [&quot;2025-01&quot;, &quot;2025-02&quot;]" in block and "bar [0, 1]" in block
    assert "<h3>Drift over time</h3>" in html
    assert "Drift over time" not in render_markdown(result, today=TODAY)


@pytest.mark.parametrize(
    ("project", "message", "colour"),
    [
        (replace(drifting_poc(), findings=(), verdict=Verdict.CLEAN), "POC", "#4c1"),
        (drifting_poc(), "POC", "#fe7d37"),
        (not_ready_mvp(), "MVP", "#dfb317"),
        (replace(not_ready_mvp(), findings=(), verdict=Verdict.READY), "MVP", "#4c1"),
        (undeclared(), "undeclared", "#e05d44"),
    ],
)
def test_badge_svg(project: ProjectResult, message: str, colour: str) -> None:
    made = badge_for(project)
    root = ET.fromstring(render_svg(made))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and (title.text or "").startswith(f"stage: {message} (")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["stage", "stage", message, message]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert colour in fills and "#555" in fills
    width = int(root.get("width", "0"))
    assert width == round(text_width("stage") + 10) + round(text_width(message) + 10)


def test_badge_widths_and_snippet() -> None:
    assert 29 < text_width("stage") < 32
    assert text_width("undeclared") > text_width("MVP") > text_width("ii")
    made = badge_for(drifting_poc())
    assert (
        markdown_snippet(made, "docs/stage badge.svg")
        == "![stage: POC (drifting toward production)](docs/stage%20badge.svg)"
    )
