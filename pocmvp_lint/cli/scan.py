"""``pocmvp-lint scan``: survey many repositories."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from pocmvp_lint import scan as scan_mod
from pocmvp_lint.cli.common import NO_CACHE_OPTION, fail, format_option, output_option, write_output
from pocmvp_lint.formatters import portfolio_html
from pocmvp_lint.formatters.escape import json_dumps
from pocmvp_lint.scan import Shard


def _shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:

    try:
        return Shard.parse(value) if value is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel processes (default: one per CPU)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds one repository may take; then its worker is stopped and it is reported as an error.",
)
@format_option(["json", "html"], "json", "json: one line per repository; html: one self-contained portfolio page.")
@output_option("Write to FILE instead of stdout.")
@click.option(
    "--shard",
    metavar="I/N",
    callback=_shard,
    default=None,
    help="Only the I-th of N parts of the repositories, split by a hash of each folder's name (docs/portfolio.md).",
)
@click.option("--merge", is_flag=True, help="PATHS are files of `scan --format json` lines (one per shard): join them.")
@NO_CACHE_OPTION
def scan(
    paths: tuple[Path, ...],
    jobs: int | None,
    timeout: float,
    output_format: str,
    output_file: Path | None,
    shard: Any,
    merge: bool,
    no_cache: bool = False,
) -> None:
    """Survey many repositories: one JSON line each (or one HTML page), a summary table on stderr.

    Each PATH is a repository, or a folder whose sub-folders are repositories; with --merge, a file
    of JSON lines written by `scan --format json` (each shard's).
    """
    if merge:
        if shard is not None:
            fail("--shard splits repositories to scan; --merge joins results: use one or the other")
        folders = [p for p in paths if p.is_dir()]
        if folders:
            fail(f"--merge takes files of JSON lines; {folders[0]} is a folder")
        lines = scan_mod.merge(paths)
    else:
        files = [p for p in paths if not p.is_dir()]
        if files:
            fail(
                f"{files[0]} is a file; scan takes repositories or folders of them (--merge joins files of JSON lines)"
            )
        repos = [r for r in scan_mod.repositories(paths) if shard is None or shard.holds(r)]
        lines = []
        stream = output_file is None and output_format == "json"
        with contextlib.closing(scan_mod.scan(repos, jobs, timeout, use_cache=not no_cache)) as results:
            for line in results:
                lines.append(line)
                if stream:
                    click.echo(json_dumps(line, indent=None, separators=(",", ":")))
    if output_format == "html":
        text = portfolio_html.render(lines)
    else:
        text = "".join(json_dumps(line, indent=None, separators=(",", ":")) + "\n" for line in lines)
    if output_file is not None:
        write_output(output_file, text)
    elif merge or output_format == "html":
        click.echo(text, nl=False)
    click.echo(scan_mod.summary_table(lines), err=True)
    sys.exit(2 if any(line["error"] for line in lines) else 0)
