"""Command line: thin click commands that parse options, call the pipeline and pick an exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from pocmvp_lint import __version__
from pocmvp_lint.errors import LintError
from pocmvp_lint.model import Severity, Stage

STAGE_CHOICE = click.Choice(["poc", "mvp"], case_sensitive=False)
FAIL_ON_CHOICE = click.Choice(["error", "warning", "info", "never"], case_sensitive=False)


class DefaultGroup(click.Group):
    """A group where a bare ``pocmvp-lint [PATH...] [OPTIONS]`` means ``pocmvp-lint check ...``."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LintError as exc:
            fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # never a bare traceback: say what happened, exit 2
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            if "--verbose" in sys.argv or "-v" in sys.argv:
                click.echo(traceback.format_exc(), err=True)
            fail(f"internal error: {detail} (please report it; rerun with -v for the traceback)")


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"pocmvp-lint: error: {message}", err=True)
    sys.exit(code)


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Split repeated, comma-separated selector options into upper-case codes."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _validate_codes(codes: Sequence[str], option: str) -> None:
    from pocmvp_lint.config.loader import check_selector
    from pocmvp_lint.rules.registry import builtin_registry

    known = builtin_registry().codes
    for code in codes:
        check_selector(code, known, lambda msg: click.BadParameter(msg, param_hint=option))


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pocmvp-lint")
def cli() -> None:
    """Keep a repository honest about being a proof of concept (POC) or an MVP.

    Declare the stage in project.toml; pocmvp-lint warns when a POC drifts toward production or
    an MVP lacks production-readiness signals. A bare `pocmvp-lint` runs `check`.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Rule codes or prefixes to run (replaces [lint] select), e.g. POC1,MVP001.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Codes or prefixes to add.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Codes or prefixes to ignore.")
@click.option("--fail-on", type=FAIL_ON_CHOICE, default=None,
              help="Lowest severity that fails the run (default: [lint] fail-on, else error).")
@click.option("--stage", type=STAGE_CHOICE, default=None,
              help="Check as if the project declared this stage (what-if).")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
@click.option("-q", "--quiet", is_flag=True, help="Findings and summary only.")
@click.option("-v", "--verbose", is_flag=True, help="Full rationale and fix for every finding.")
def check(paths: tuple[Path, ...], output_format: str, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          stage: str | None, color: bool | None, no_git: bool, quiet: bool, verbose: bool) -> None:
    """Check the projects under PATHS (default: the current folder) against their stage.

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or
    configuration error.
    """
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.findings import exit_code

    selected = _codes(select) or None
    for codes, option in ((selected or (), "--select"), (_codes(extend_select), "--extend-select"),
                          (_codes(ignore), "--ignore")):
        _validate_codes(codes, option)
    options = Options(
        stage=Stage(stage.lower()) if stage else None,
        select=selected,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        use_git=not no_git,
    )
    result = check_paths(list(paths) or [Path(".")], options)
    if output_format == "json":
        from pocmvp_lint.formatters.json_format import render_check as render_json

        click.echo(render_json(result))
    else:
        from pocmvp_lint.formatters.text import Style, render_check

        click.echo(render_check(result, Style(quiet=quiet, verbose=verbose)), color=color)
    from pocmvp_lint.config.loader import parse_fail_on

    code = 0
    for project in result.projects:
        threshold = parse_fail_on(fail_on) if fail_on is not None else project.fail_on
        code = max(code, exit_code(project.findings, threshold))
    sys.exit(code)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
@click.option("--color/--no-color", default=None)
def signals(paths: tuple[Path, ...], output_format: str, no_git: bool, color: bool | None) -> None:
    """Print what the repository shows (signals with evidence), without judging it."""
    from pocmvp_lint.engine import Options, signals_for

    found = signals_for(list(paths) or [Path(".")], Options(use_git=not no_git))
    if output_format == "json":
        from pocmvp_lint.formatters.json_format import render_signals as render_json

        click.echo(render_json(found))
    else:
        from pocmvp_lint.formatters.text import render_signals

        click.echo(render_signals(found), color=color)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, stage, default severity and summary."""
    from pocmvp_lint.formatters import rules_doc
    from pocmvp_lint.rules.registry import builtin_registry

    registry = builtin_registry()
    renderers = {"text": rules_doc.render_text, "json": rules_doc.render_json,
                 "markdown": rules_doc.render_markdown}
    click.echo(renderers[output_format](registry))


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the full documentation of one rule (e.g. `pocmvp-lint explain POC101`)."""
    from pocmvp_lint.config.loader import closest
    from pocmvp_lint.formatters import rules_doc
    from pocmvp_lint.rules.registry import builtin_registry

    registry = builtin_registry()
    rule = registry.get(code)
    if rule is None:
        fail(f"unknown rule code `{code}`{closest(code.upper(), registry.codes)}; "
             "`pocmvp-lint rules` lists them")
    click.echo(rules_doc.explain(rule))


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--stage", type=STAGE_CHOICE, default=None, help="poc or mvp (asked when interactive).")
@click.option("--name", default=None, help="Project name.")
@click.option("--owner", default=None, help="Accountable person or team.")
@click.option("--hypothesis", default=None, help="What the POC must prove.")
@click.option("--ends", default=None, metavar="YYYY-MM-DD", help="Timebox end or review date.")
@click.option("--feedback", default=None, help="Where MVP user feedback goes.")
@click.option("--force", is_flag=True, help="Overwrite an existing project.toml.")
def init(directory: Path, stage: str | None, name: str | None, owner: str | None,
         hypothesis: str | None, ends: str | None, feedback: str | None, force: bool) -> None:
    """Write a commented project.toml declaring the stage (never overwrites without --force)."""
    from pocmvp_lint import init as init_mod

    target = directory / "project.toml"
    if target.exists() and not force:
        fail(f"{target} already exists; use --force to overwrite it")
    interactive = sys.stdin.isatty() and stage is None
    answers = init_mod.Answers(stage=stage, name=name, owner=owner, hypothesis=hypothesis,
                               ends=ends, feedback=feedback)
    if interactive:
        answers = init_mod.ask(answers)
    text = init_mod.render(init_mod.complete(answers))
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target} (stage = \"{init_mod.complete(answers).stage}\"); "
               "run `pocmvp-lint check` next")


def main(argv: Sequence[str] | None = None, prog_name: str = "pocmvp-lint") -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
