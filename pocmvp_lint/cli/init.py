"""``pocmvp-lint init``: write a commented project.toml."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from pocmvp_lint import init as init_mod
from pocmvp_lint import vcs
from pocmvp_lint.cli.common import STAGE_CHOICE, fail
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.safe_write import write_text


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--stage", type=STAGE_CHOICE, default=None, help="poc or mvp (asked when interactive).")
@click.option("--name", default=None, help="Project name.")
@click.option("--owner", default=None, help="Accountable person or team.")
@click.option("--hypothesis", default=None, help="What the POC must prove.")
@click.option("--ends", default=None, metavar="YYYY-MM-DD", help="Timebox end or review date.")
@click.option("--feedback", default=None, help="Where MVP user feedback goes.")
@click.option("--force", is_flag=True, help="Overwrite an existing project.toml.")
@click.option(
    "--from-declared", is_flag=True, help="Take the stage from catalog-info.yaml, classifiers or a status badge."
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask questions (default: when run in a terminal without --stage).",
)
def init(
    directory: Path,
    stage: str | None,
    name: str | None,
    owner: str | None,
    hypothesis: str | None,
    ends: str | None,
    feedback: str | None,
    force: bool,
    from_declared: bool,
    interactive: bool | None,
) -> None:
    """Write a commented project.toml declaring the stage (never overwrites without --force).

    The stage found in catalog-info.yaml, Development Status classifiers or a repostatus.org
    badge is proposed; name and owner come from catalog-info.yaml unless given.
    """
    target = directory / "project.toml"
    if os.path.islink(target):
        fail(f"{target} is a symlink; refusing to write through it (remove it first)")
    if os.path.lexists(target) and not force:
        fail(f"{target} already exists; use --force to overwrite it")
    if from_declared and stage is not None:
        fail("give --stage or --from-declared, not both")
    proposed = init_mod.propose(directory)
    if from_declared:
        if proposed.stage is None:
            fail(f"--from-declared: {proposed.problem}; give --stage poc (or --stage mvp)")
        stage = proposed.stage
    if interactive is None:
        interactive = sys.stdin.isatty() and stage is None
    if not interactive and stage is None:
        found = f"; {proposed.because}: `pocmvp-lint init --from-declared` uses it" if proposed.stage else ""
        fail(f"no --stage given and no terminal to ask: run `pocmvp-lint init --stage poc` (or `--stage mvp`){found}")
    given = init_mod.Answers(stage=stage, name=name, owner=owner, hypothesis=hypothesis, ends=ends, feedback=feedback)
    answers = init_mod.ask(given, proposed) if interactive else init_mod.prefill(given, proposed)
    text = init_mod.render(init_mod.complete(answers))
    write_text(target, text, replace=force)
    written = init_mod.complete(answers).stage
    source = f", as {proposed.because}" if proposed.stage == written else ""
    click.echo(visible(f'wrote {target} (stage = "{written}"{source}); {_next_step(target)}'))
    if proposed.stage not in (None, written):
        click.echo(
            visible(f"note: {proposed.because}; `pocmvp-lint check` reports the contradiction until they agree"),
            err=True,
        )


def _next_step(target: Path) -> str:
    """What to do once ``target`` is written: in a git work tree, add it first, since ``check``
    reads what git will commit (the index), not the work tree."""
    try:
        in_git = vcs.toplevel(target.parent) is not None
    except vcs.GitError:
        in_git = False
    if not in_git:
        return "run `pocmvp-lint check` next"
    added = shlex.quote(str(target))
    return f"add it to git (`git add {added}`), then run `pocmvp-lint check`, which reads git's index"
