"""``pocmvp-lint schema``: the JSON Schema of project.toml."""

from __future__ import annotations

import click

from pocmvp_lint.cli.common import format_option
from pocmvp_lint.config import schema as config_schema


@click.command()
@format_option(
    config_schema.FORMATS, "json", "json: the JSON Schema; markdown: the reference section of docs/configuration.md."
)
def schema(output_format: str) -> None:
    """Print the JSON Schema of project.toml (for editor completion and validation)."""
    render = config_schema.render_markdown if output_format == "markdown" else config_schema.render
    click.echo(render(), nl=False)
