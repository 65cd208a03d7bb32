"""``pocmvp-lint report``: a stakeholder report (Markdown or HTML)."""

from __future__ import annotations

from pathlib import Path

import click

from pocmvp_lint.cli.common import STAGE_CHOICE, format_option, output_option, write_output
from pocmvp_lint.engine import Options, check_paths, timelines_for
from pocmvp_lint.formatters.history_svg import timeline_svg
from pocmvp_lint.formatters.report import render_html, render_markdown
from pocmvp_lint.history.timeline import Timeline
from pocmvp_lint.inventory.listing import git_toplevel
from pocmvp_lint.model import Stage


@click.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@format_option(["markdown", "html"], "markdown", "Report format.")
@output_option("Write the report to FILE instead of stdout.")
@click.option(
    "--stage", type=STAGE_CHOICE, default=None, help="Report as if the project declared this stage (what-if)."
)
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
def report(path: Path, output_format: str, output_file: Path | None, stage: str | None, no_git: bool) -> None:
    """Write a stakeholder report for the projects under PATH: what the stage means, the
    declared facts (hypothesis, owner, timebox, feedback), the verdict and its evidence.

    Always exits 0 unless the configuration is invalid (2): it reports, it does not gate.
    """
    options = Options(stage=Stage(stage.lower()) if stage else None, use_git=not no_git)
    result = check_paths([path], options)
    timelines = _timelines(path, no_git)
    if output_format == "html":
        text = render_html(result, today=options.today, timeline_svg={p: timeline_svg(t) for p, t in timelines.items()})
    else:
        text = render_markdown(result, today=options.today, timelines=timelines)
    if output_file is not None:
        write_output(output_file, text)
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(text, nl=False)


def _timelines(path: Path, no_git: bool) -> dict[str, Timeline]:
    """Drift timelines per project path, when the projects have git history to chart."""
    if no_git:
        return {}

    if git_toplevel(path.resolve()) is None:
        return {}
    return {t.path: t for t in timelines_for(path) if t.months}
