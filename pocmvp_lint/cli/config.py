"""``pocmvp-lint config``: a project's effective settings and where each came from."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pocmvp_lint.cli.common import CONFIG_OPTION, codes, format_option
from pocmvp_lint.config import show as config_show
from pocmvp_lint.engine import Options, effective_settings, projects_for


@click.command("config")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@format_option(config_show.FORMATS, "text", "text: one line per setting with its origin; json: the same data.")
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--extend-select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
@CONFIG_OPTION
def config(
    path: Path,
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None = None,
) -> None:
    """Print a project's effective settings and where each value came from."""
    options = Options(
        select=codes(select) or None,
        extend_select=codes(extend_select),
        ignore=codes(ignore),
        config_file=config_file,
    )
    changed = {
        name for name, given in (("select", select), ("extend_select", extend_select), ("ignore", ignore)) if given
    }
    documents = []
    for spec in projects_for([path], options):
        settings = effective_settings(spec.config.settings, options)
        rows = config_show.effective(spec.config, settings, changed)
        if output_format == "json":
            documents.append({"path": spec.display, "config": spec.config.path, "settings": rows})
        else:
            click.echo(config_show.render_text(spec.display, spec.config, rows))
    if output_format == "json":
        click.echo(json.dumps({"version": 1, "projects": documents}, indent=2))
