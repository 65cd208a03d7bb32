"""Command line: a click group whose commands live one per module and load on first use.

``pocmvp-lint check`` imports ``pocmvp_lint.cli.check`` and what it needs, nothing of the other
commands; ``pocmvp-lint --help`` lists every command from ``COMMANDS`` without importing any.
Each command module holds one thin click command that parses options, calls the pipeline and
picks an exit code; ``pocmvp_lint.cli.common`` holds what they share.
"""

from __future__ import annotations

import difflib
import errno
import gc
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from gettext import gettext
from typing import Any, NoReturn

import click

from pocmvp_lint import __version__
from pocmvp_lint.cli.common import EXIT_INTERRUPTED, fail, quiet_broken_pipe
from pocmvp_lint.errors import LintError


@dataclass(frozen=True)
class Entry:
    """A command in the table: where it lives, and the help text ``--help`` shortens for its row."""

    module: str
    summary: str
    short_help: str | None = None

    def row_help(self, name: str, limit: int) -> str:
        """The command's row in ``--help``, shortened by click exactly as the command itself would."""
        return click.Command(name, help=self.summary, short_help=self.short_help).get_short_help_str(limit)


#: Every command: its module (which defines a click command of the same name) and the first
#: paragraph of its help. ``tests/test_cli_layout.py`` checks the table against the commands.
COMMANDS: dict[str, Entry] = {
    "badge": Entry(
        "pocmvp_lint.cli.badge",
        """Print an SVG "stage | POC" badge for PATH's project (coloured by verdict; in a monorepo,
        the root project, else the first one found).""",
    ),
    "check": Entry(
        "pocmvp_lint.cli.check", "Check the projects under PATHS (default: the current folder) against their stage."
    ),
    "config": Entry("pocmvp_lint.cli.config", "Print a project's effective settings and where each value came from."),
    "explain": Entry(
        "pocmvp_lint.cli.explain",
        "Print the full documentation of one rule (e.g. `pocmvp-lint explain POC101`).",
        short_help="Print the full documentation of one rule.",
    ),
    "fix": Entry(
        "pocmvp_lint.cli.fix", "Scaffold what `check` found missing: print a unified diff, or write it with --write."
    ),
    "history": Entry(
        "pocmvp_lint.cli.history",
        """Drift over time: when each production signal arrived, stage changes, and a month-by-month
        chart of production signals, from the git history of each project under PATH.""",
    ),
    "init": Entry(
        "pocmvp_lint.cli.init", "Write a commented project.toml declaring the stage (never overwrites without --force)."
    ),
    "report": Entry(
        "pocmvp_lint.cli.report",
        """Write a stakeholder report for the projects under PATH: what the stage means, the
        declared facts (hypothesis, owner, timebox, feedback), the verdict and its evidence.""",
    ),
    "rules": Entry("pocmvp_lint.cli.rules", "List every rule: code, name, stage, default severity and summary."),
    "scan": Entry(
        "pocmvp_lint.cli.scan",
        "Survey many repositories: one JSON line each (or one HTML page), a summary table on stderr.",
    ),
    "schema": Entry(
        "pocmvp_lint.cli.schema", "Print the JSON Schema of project.toml (for editor completion and validation)."
    ),
    "signals": Entry(
        "pocmvp_lint.cli.signals", "Print what the repository shows (signals with evidence), without judging it."
    ),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs (click's documented
    "lazily loading subcommands" pattern), and where a bare ``pocmvp-lint [PATH...] [OPTIONS]``
    means ``pocmvp-lint check ...``."""

    default_command = "check"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = sys.modules.get(entry.module)
        if module is None:
            with _collector_paused():
                module = importlib.import_module(entry.module)
        command = getattr(module, cmd_name.replace("-", "_"))
        if not isinstance(command, click.Command):
            raise TypeError(f"{entry.module}.{cmd_name} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands section of ``--help``, from the table: no command module is imported."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        with formatter.section(gettext("Commands")):
            formatter.write_dl([(name, COMMANDS[name].row_help(name, limit)) for name in names])

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in COMMANDS and args[0] not in ("--help", "-h", "--version")):
            if args and not args[0].startswith("-"):
                _reject_command_typo(args[0], list(COMMANDS))
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LintError as exc:
            fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("pocmvp-lint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                internal_error(exc)
            quiet_broken_pipe()
        except Exception as exc:  # never a bare traceback: say what happened, exit 2
            internal_error(exc)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Import a command's modules (once per process) with the cyclic garbage collector paused, then
    freeze what they made: the classes, tables and patterns live as long as the process, so no
    collection needs to scan them again (a collection during the imports would scan them several
    times over). About 13 ms of a small repository's 150."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _reject_command_typo(word: str, commands: Sequence[str]) -> None:
    """``pocmvp-lint chek``: a near miss of a command that is not a path is a typo, not a path."""
    if os.path.lexists(word):
        return
    match = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    if match:
        fail(f"unknown command '{word}'; did you mean '{match[0]}'? (a path to check must exist)")


def _describe(exc: BaseException) -> str:
    """``module.Type: message``, as Python's last line of a traceback names an exception."""
    kind = type(exc)
    name = (
        kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else f"{kind.__module__}.{kind.__qualname__}"
    )
    message = str(exc)
    return f"{name}: {message}" if message else name


def internal_error(exc: BaseException) -> NoReturn:
    """A bug, not bad input: one line naming the exception (traceback with -v), exit 2."""
    if "--verbose" in sys.argv or "-v" in sys.argv:
        sys.excepthook(type(exc), exc, exc.__traceback__)  # Python's own traceback, on stderr
    fail(f"internal error: {_describe(exc)} (please report it; rerun with -v for the traceback)")


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pocmvp-lint")
def cli() -> None:
    """Keep a repository honest about being a proof of concept (POC) or an MVP.

    Declare the stage in project.toml; pocmvp-lint warns when a POC drifts toward production or
    an MVP lacks production-readiness signals. A bare `pocmvp-lint` runs `check`.
    """


def main(argv: Sequence[str] | None = None, prog_name: str = "pocmvp-lint") -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
