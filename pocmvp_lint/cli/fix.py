"""``pocmvp-lint fix``: scaffold what ``check`` found missing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pocmvp_lint.cli.common import codes, fail
from pocmvp_lint.engine import Options, check_paths
from pocmvp_lint.fix import catalogue, project_keys, run
from pocmvp_lint.fix.diff import render
from pocmvp_lint.formatters.escape import visible


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--write", "write", is_flag=True, help="Write the files (default: print the diff only).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only the scaffolds that fix these rule codes or prefixes, e.g. MVP010,MVP011.",
)
@click.option("--owner", default=None, help="Owner for project.toml and CODEOWNERS (e.g. @org/team).")
@click.option("--feedback", default=None, help="Where MVP user feedback goes, for project.toml.")
@click.option(
    "--ci",
    type=click.Choice(["auto", "github", "gitlab"]),
    default="auto",
    show_default=True,
    help="CI system for a new test pipeline (auto: GitLab when the repository uses it).",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for a missing owner or feedback channel (default: on a terminal).",
)
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
@click.option(
    "--list",
    "list_scaffolds",
    is_flag=True,
    help="Print the scaffolds and the rule codes they fix (Markdown), and exit.",
)
def fix(
    paths: tuple[Path, ...],
    write: bool,
    select: tuple[str, ...],
    owner: str | None,
    feedback: str | None,
    ci: str,
    interactive: bool | None,
    no_git: bool,
    list_scaffolds: bool = False,
) -> None:
    """Scaffold what `check` found missing: print a unified diff, or write it with --write.

    Never overwrites a file; edits an existing one (README, project.toml, a deploy workflow's
    trigger) only mechanically. Exit codes: 0 nothing to do or written, 1 changes to make (dry
    run), 2 usage or configuration error.
    """
    if list_scaffolds:
        click.echo(catalogue.render_table(), nl=False)
        return
    selectors = codes(select)
    unknown = catalogue.unknown_selectors(selectors)
    if unknown:
        fail(f"--select {', '.join(unknown)}: no scaffold fixes it; fixable codes: {', '.join(catalogue.FIXABLE)}")
    for option, value in (("--owner", owner), ("--feedback", feedback)):
        why = project_keys.check_value(option, value) if value is not None else None
        if why:
            fail(why)
    if interactive is None:
        interactive = sys.stdin.isatty()

    def ask(project: str, key: str) -> str | None:
        answer = click.prompt(
            f"{project}: {key} for project.toml (empty to skip)", default="", show_default=False, err=True
        ).strip()
        why = project_keys.check_value(key, answer) if answer else None
        if why:
            click.echo(f"pocmvp-lint: {why}; skipped", err=True)
        return answer if answer and not why else None

    result = check_paths(list(paths) or [Path(".")], Options(use_git=not no_git))
    request = run.Request(
        selectors=selectors, owner=owner, feedback=feedback, ci=ci, ask=ask if interactive else None, use_git=not no_git
    )
    planned = run.plan_fixes(result, request)
    for note in planned.notes:
        click.echo(f"pocmvp-lint: {note}", err=True)
    if not planned.changes:
        click.echo("pocmvp-lint: nothing to fix", err=True)
        sys.exit(0)
    if not write:
        for change in planned.changes:
            click.echo(render(change.edit), nl=False)
        count = len(planned.changes)
        click.echo(
            f"pocmvp-lint: {count} file{'s' if count != 1 else ''} to create or change; "
            "run `pocmvp-lint fix --write` to write them",
            err=True,
        )
        sys.exit(1)
    for path in run.apply(planned.changes):
        click.echo(f"wrote {visible(path)}", err=True)
    click.echo("pocmvp-lint: review the changes, then `git add` them and commit", err=True)
