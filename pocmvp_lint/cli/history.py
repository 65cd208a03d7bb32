"""``pocmvp-lint history``: drift over time, from the git history."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pocmvp_lint.cli.common import (
    NO_CACHE_OPTION,
    color_choice,
    format_option,
    output_option,
    pattern_store,
    write_output,
)
from pocmvp_lint.engine import timelines_for
from pocmvp_lint.formatters.history import render_json, render_text
from pocmvp_lint.formatters.history_svg import timeline_svg


@click.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@format_option(["text", "json", "svg"], "text", "text: a timeline and chart; json: the same data; svg: a chart.")
@output_option("Write the output to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@NO_CACHE_OPTION
@pattern_store
def history(
    path: Path, output_format: str, output_file: Path | None, color: bool | None, no_cache: bool = False
) -> None:
    """Drift over time: when each production signal arrived, stage changes, and a month-by-month
    chart of production signals, from the git history of each project under PATH."""
    progress = None
    if sys.stdout.isatty() and sys.stderr.isatty():  # a person is watching

        def progress(count: int) -> None:
            click.echo(f"\rreading history: {count:,} commits…", err=True, nl=False)

    timelines = timelines_for(path, progress=progress)
    if progress is not None:
        click.echo("\r\033[K", err=True, nl=False)
    if output_format == "svg":
        text = timeline_svg(timelines)
    elif output_format == "json":
        text = render_json(timelines)
    else:
        text = render_text(timelines)
    if output_file is not None:
        write_output(output_file, text if color else click.unstyle(text))
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(text, color=color_choice(color), nl=not text.endswith("\n"))
