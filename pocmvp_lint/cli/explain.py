"""``pocmvp-lint explain CODE``: the full documentation of one rule."""

from __future__ import annotations

import sys

import click

from pocmvp_lint.cli.common import fail
from pocmvp_lint.config.loader import closest
from pocmvp_lint.engine import Toolkit
from pocmvp_lint.formatters import rules_doc
from pocmvp_lint.formatters.escape import visible


@click.command(short_help="Print the full documentation of one rule.")
@click.argument("code")
def explain(code: str) -> None:
    """Print the full documentation of one rule (e.g. `pocmvp-lint explain POC101`)."""
    registry = Toolkit.load().registry
    rule = registry.get(code)
    prefixed = [r for r in registry if r.code.startswith(code.upper())] if code else []
    if rule is None and prefixed:
        listed = "\n".join(f"  {r.code}  {visible(r.name)}" for r in prefixed)
        click.echo(f"`{visible(code)}` is not a rule code; the rules that start with it:\n{listed}", err=True)
        sys.exit(2)
    if rule is None:
        fail(f"unknown rule code `{code}`{closest(code.upper(), registry.codes)}; `pocmvp-lint rules` lists them")
    click.echo(rules_doc.explain(rule))
