"""``pocmvp-lint rules``: list every rule."""

from __future__ import annotations

import click

from pocmvp_lint.cli.common import format_option
from pocmvp_lint.engine import Toolkit
from pocmvp_lint.formatters import rules_doc


@click.command()
@format_option(["text", "json", "markdown"], "text")
def rules(output_format: str) -> None:
    """List every rule: code, name, stage, default severity and summary."""
    registry = Toolkit.load().registry
    renderers = {"text": rules_doc.render_text, "json": rules_doc.render_json, "markdown": rules_doc.render_markdown}
    click.echo(renderers[output_format](registry))
