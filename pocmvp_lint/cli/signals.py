"""``pocmvp-lint signals``: what the repository shows, without judging it."""

from __future__ import annotations

from pathlib import Path

import click

from pocmvp_lint.cli.common import CONFIG_OPTION, NO_CACHE_OPTION, color_choice, format_option, pattern_store
from pocmvp_lint.engine import Options, signals_for
from pocmvp_lint.formatters.json_format import render_signals as render_json
from pocmvp_lint.formatters.text import render_signals


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(["text", "json"], "text")
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
@click.option(
    "--color/--no-color", default=None, help="Force colour on or off (default: on a terminal, unless NO_COLOR is set)."
)
@CONFIG_OPTION
@NO_CACHE_OPTION
@pattern_store
def signals(
    paths: tuple[Path, ...],
    output_format: str,
    no_git: bool,
    color: bool | None,
    config_file: Path | None = None,
    no_cache: bool = False,
) -> None:
    """Print what the repository shows (signals with evidence), without judging it."""
    found = signals_for(
        list(paths) or [Path(".")], Options(use_git=not no_git, config_file=config_file, use_cache=not no_cache)
    )
    if output_format == "json":
        click.echo(render_json(found))
    else:
        click.echo(render_signals(found), color=color_choice(color))
