"""What the commands share: option declarations, error exits and output helpers."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

import click

from pocmvp_lint import regexstore
from pocmvp_lint.config.spec import LINT, PROJECT
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.safe_write import write_text

STAGE_CHOICE = click.Choice(PROJECT.key("stage").choices, case_sensitive=False)
FAIL_ON_CHOICE = click.Choice(LINT.key("fail-on").choices, case_sensitive=False)
CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Use FILE (anywhere) instead of project.toml, or as the base policy when it has only a [lint] table.",
)


#: ``--no-cache`` on every command that runs the credential scan (docs/secrets.md, "The cache").
NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Disable the caches: read every file and compile every pattern, neither read nor write the cache folder.",
)


#: A click command function, decorated in place.
FC = TypeVar("FC", bound=Callable[..., Any])


def pattern_store(command: FC) -> FC:
    """Run ``command`` with the store of compiled patterns open (``regexstore``), in the cache
    folder unless it lies in a repository the command checks (its ``paths``, or its ``path``);
    ``--no-cache`` leaves it closed, so every pattern is compiled from its text, as on a first run."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        given = kwargs.get("paths") or ([kwargs["path"]] if kwargs.get("path") is not None else [])
        paths = list(given) or [Path(".")]
        folder = None if kwargs.get("no_cache") else regexstore.folder_for(paths)
        with regexstore.active(folder):
            return command(*args, **kwargs)

    return cast(FC, run)


def format_option(choices: Sequence[str], default: str, help: str | None = None) -> Callable[[FC], FC]:
    """``--format`` (as ``output_format``): one of ``choices``, ``default`` shown in ``--help``."""
    return click.option(
        "--format", "output_format", type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def output_option(help: str) -> Callable[[FC], FC]:
    """``-o/--output FILE`` (as ``output_file``): where a command writes instead of stdout."""
    return click.option(
        "-o",
        "--output",
        "output_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        metavar="FILE",
        help=help,
    )


#: Exit codes beyond 0 (clean), 1 (findings) and 2 (usage or configuration error), as a shell
#: reports a process ended by the signal: SIGINT (Ctrl-C) and SIGPIPE (the reader went away).
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def color_choice(flag: bool | None, env: Mapping[str, str] | None = None) -> bool | None:
    """Colour on (True), off (False) or on a terminal only (None).

    ``--color``/``--no-color`` win; then NO_COLOR (any non-empty value) turns colour off;
    FORCE_COLOR (non-empty) or CLICOLOR_FORCE (non-empty, not 0) turn it on even into a pipe.
    """
    env = os.environ if env is None else env
    if flag is not None:
        return flag
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR") or env.get("CLICOLOR_FORCE", "0") not in ("", "0"):
        return True
    return None


def quiet_broken_pipe() -> NoReturn:
    """The reader of stdout went away (``pocmvp-lint scan | head -1``): stop quietly, as git does.

    Nothing more is written; stdout is pointed at the null device so that the interpreter's final
    flush cannot raise again, and the exit code is 141 (128 + SIGPIPE), what a shell reports for
    git or any C program ended by the broken pipe.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (an in-process test runner)
        pass
    sys.exit(EXIT_BROKEN_PIPE)


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr (control and bidi characters from the repository made visible)."""
    click.echo(f"pocmvp-lint: error: {visible(message)}", err=True)
    sys.exit(code)


def write_output(path: Path, text: str) -> None:
    """Write a rendering for --output (UTF-8, no byte-order mark, trailing newline)."""
    write_text(path, text if text.endswith("\n") else text + "\n", replace=True)


def append_step_summary(markdown: str) -> None:
    """Append to $GITHUB_STEP_SUMMARY when it is set (a no-op elsewhere)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        click.echo("pocmvp-lint: --summary ignored: GITHUB_STEP_SUMMARY is not set", err=True)
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown if markdown.endswith("\n") else markdown + "\n")
    except OSError as exc:
        fail(f"cannot write the job summary {target}: {exc.strerror or exc}")


def codes(values: Sequence[str]) -> tuple[str, ...]:
    """Split repeated, comma-separated selector options into upper-case codes."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
