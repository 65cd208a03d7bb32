"""``pocmvp-lint badge``: an SVG stage badge for a project."""

from __future__ import annotations

from pathlib import Path

import click

from pocmvp_lint.cli.common import fail, output_option, write_output
from pocmvp_lint.engine import Options, check_paths
from pocmvp_lint.formatters.badge import badge_for, markdown_snippet, render_svg


@click.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@output_option("Write the SVG to FILE and print only the Markdown to embed it.")
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
def badge(path: Path, output_file: Path | None, no_git: bool) -> None:
    """Print an SVG "stage | POC" badge for PATH's project (coloured by verdict; in a monorepo,
    the root project, else the first one found).

    The SVG goes to stdout and the Markdown that embeds it to stderr, so
    `pocmvp-lint badge > stage.svg` works; with --output the SVG goes to the file and the
    Markdown to stdout.
    """
    result = check_paths([path], Options(use_git=not no_git))
    if not result.projects:
        fail(f"{path}: no project found")
    project = next((p for p in result.projects if p.path == "."), result.projects[0])
    made = badge_for(project)
    svg = render_svg(made)
    if output_file is not None:
        write_output(output_file, svg)
        click.echo(markdown_snippet(made, output_file.as_posix()))
    else:
        click.echo(svg)
        click.echo(
            f"Embed it with (after saving it as stage-badge.svg): {markdown_snippet(made, 'stage-badge.svg')}", err=True
        )
