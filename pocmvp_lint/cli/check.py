"""``pocmvp-lint check`` (also a bare ``pocmvp-lint``): the projects under PATHS against their stage."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pocmvp_lint import engine
from pocmvp_lint.cli.common import (
    CONFIG_OPTION,
    FAIL_ON_CHOICE,
    NO_CACHE_OPTION,
    STAGE_CHOICE,
    append_step_summary,
    codes,
    color_choice,
    fail,
    output_option,
    pattern_store,
    write_output,
)
from pocmvp_lint.config.loader import parse_fail_on
from pocmvp_lint.findings import exit_code
from pocmvp_lint.formatters import CHECK_FORMATS, RenderOptions, check_renderer
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.formatters.text import render_expiring, render_statistics
from pocmvp_lint.model import Stage


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(list(CHECK_FORMATS)),
    default=None,
    help="full (alias text), concise (one line per finding), grouped (by file), or a "
    "machine format [default: github when GITHUB_ACTIONS=true, else full; with "
    "--staged/--since, new findings in full and the others counted in one line].",
)
@output_option("Write the output to FILE instead of stdout (exit code unchanged).")
@click.option(
    "--summary", is_flag=True, help="Also append a Markdown report to the file named by $GITHUB_STEP_SUMMARY."
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Rule codes or prefixes to run (replaces [lint] select), e.g. POC1,MVP001.",
)
@click.option("--extend-select", multiple=True, metavar="CODES", help="Codes or prefixes to add.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Codes or prefixes to ignore.")
@click.option(
    "--fail-on",
    type=FAIL_ON_CHOICE,
    default=None,
    help="Lowest severity that fails the run (default: [lint] fail-on, else error).",
)
@click.option("--stage", type=STAGE_CHOICE, default=None, help="Check as if the project declared this stage (what-if).")
@click.option(
    "--color/--no-color",
    default=None,
    help="Force colour on or off (default: on a terminal, unless NO_COLOR is set; "
    "FORCE_COLOR or CLICOLOR_FORCE force it).",
)
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Only the findings that fail the run (see --fail-on), plus the summary."
)
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (2 still means a usage error)."
)
@click.option(
    "--write",
    "writes",
    multiple=True,
    metavar="FORMAT:FILE",
    help="Also write the result in FORMAT to FILE (repeatable), e.g. sarif:results.sarif.",
)
@click.option("-v", "--verbose", is_flag=True, help="Full rationale and fix for every finding.")
@click.option(
    "--staged",
    is_flag=True,
    help="Mark what the commit being made introduces (the index against HEAD; under "
    "pre-commit's pre-push, the pushed range).",
)
@click.option(
    "--since",
    metavar="REF",
    default=None,
    help="Mark what changed since REF (its merge base with HEAD .. the index), for CI.",
)
@click.option("--new-only", is_flag=True, help="With --staged/--since: only new findings count toward the exit code.")
@click.option(
    "--expiring",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Also list the exemptions (ignores with `until`) that end within DAYS days.",
)
@CONFIG_OPTION
@NO_CACHE_OPTION
@pattern_store
def check(
    paths: tuple[Path, ...],
    output_format: str | None,
    output_file: Path | None,
    summary: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    stage: str | None,
    color: bool | None,
    no_git: bool,
    quiet: bool,
    verbose: bool,
    staged: bool = False,
    since: str | None = None,
    new_only: bool = False,
    config_file: Path | None = None,
    statistics: bool = False,
    exit_zero: bool = False,
    writes: tuple[str, ...] = (),
    expiring: int | None = None,
    no_cache: bool = False,
) -> None:
    """Check the projects under PATHS (default: the current folder) against their stage.

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or
    configuration error.
    """
    selected = codes(select) or None
    options = engine.Options(
        stage=Stage(stage.lower()) if stage else None,
        select=selected,
        extend_select=codes(extend_select),
        ignore=codes(ignore),
        use_git=not no_git,
        config_file=config_file,
        use_cache=not no_cache,
    )
    if staged and since is not None:
        fail("give --staged (the commit being made) or --since REF (a range), not both")
    if new_only and not (staged or since is not None):
        fail("--new-only needs --staged or --since")
    extra = [_parse_write(value) for value in writes]
    color = color_choice(color)
    collapse = False
    if staged or since is not None:  # the change at hand (docs/history.md)
        result, changes = engine.check_change(list(paths) or [Path(".")], options, since=since)
        new = sum(1 for f in result.findings if f.new)
        # Nothing staged (`pre-commit run --all-files`, or by hand): no commit is being made, so
        # the whole tree is shown. Otherwise the hook view, unless a format was asked for.
        changed = any(c.status for c in changes)
        collapse = output_format is None and not statistics and changed
        for change in changes:
            if changed and (new or not collapse):
                click.echo(
                    f"pocmvp-lint: {visible(change.describe())}; {new} new finding{'s' if new != 1 else ''}", err=True
                )
    else:
        result = engine.check_paths(list(paths) or [Path(".")], options)

    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    human = output_format in ("full", "text", "concise", "grouped")
    style = RenderOptions(
        quiet=quiet,
        verbose=verbose,
        collapse_existing=collapse,
        cwd=os.getcwd() if human else "",
        fail_on_given=fail_on is not None,
        fail_on=parse_fail_on(fail_on) if fail_on is not None else None,
        new_only=new_only,
        expiring=expiring,
    )
    rendered = render_statistics(result, style) if statistics else check_renderer(output_format)(result, style)
    if expiring is not None and (human or statistics):  # machine formats carry it themselves
        rendered = "\n".join(part for part in (rendered, render_expiring(result, expiring)) if part)
    if output_file is not None:
        write_output(output_file, rendered if color else click.unstyle(rendered))
    elif rendered:
        click.echo(rendered, color=color)
    for extra_format, extra_file in extra:
        write_output(extra_file, click.unstyle(check_renderer(extra_format)(result, RenderOptions())))
    if summary:
        append_step_summary(check_renderer("markdown")(result, RenderOptions()))
    code = 0
    for project in result.projects:
        threshold = style.threshold(project)
        code = max(code, exit_code(project.findings, threshold, new_only=new_only))
    sys.exit(0 if exit_zero else code)


def _parse_write(value: str) -> tuple[str, Path]:
    """``--write FORMAT:FILE``."""
    output_format, sep, name = value.partition(":")
    if not sep or not name or output_format not in CHECK_FORMATS:
        fail(f"--write {value}: expected FORMAT:FILE with FORMAT one of {', '.join(CHECK_FORMATS)}")
    return output_format, Path(name)
