"""Command line: thin click commands that parse options, call the pipeline and pick an exit code."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from pocmvp_lint import __version__
from pocmvp_lint.config import schema as config_schema
from pocmvp_lint.config import show as config_show
from pocmvp_lint.config.spec import LINT, PROJECT
from pocmvp_lint.errors import LintError
from pocmvp_lint.formatters import CHECK_FORMATS
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.model import Stage
from pocmvp_lint.safe_write import write_text

if TYPE_CHECKING:
    from pocmvp_lint.history.timeline import Timeline

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
    help="Disable the credential scan's cache: read every file, neither read nor write the cache.",
)


#: A click command function, decorated in place.
FC = TypeVar("FC", bound=Callable[..., Any])


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


class DefaultGroup(click.Group):
    """A group where a bare ``pocmvp-lint [PATH...] [OPTIONS]`` means ``pocmvp-lint check ...``."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            if args and not args[0].startswith("-"):
                _reject_command_typo(args[0], list(self.commands))
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


def _reject_command_typo(word: str, commands: Sequence[str]) -> None:
    """``pocmvp-lint chek``: a near miss of a command that is not a path is a typo, not a path."""
    import difflib

    if os.path.lexists(word):
        return
    match = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    if match:
        fail(f"unknown command '{word}'; did you mean '{match[0]}'? (a path to check must exist)")


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


def internal_error(exc: BaseException) -> NoReturn:
    """A bug, not bad input: one line naming the exception (traceback with -v), exit 2."""
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if "--verbose" in sys.argv or "-v" in sys.argv:
        click.echo(traceback.format_exc(), err=True)
    fail(f"internal error: {detail} (please report it; rerun with -v for the traceback)")


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr (control and bidi characters from the repository made visible)."""
    click.echo(f"pocmvp-lint: error: {visible(message)}", err=True)
    sys.exit(code)


def _write_output(path: Path, text: str) -> None:
    """Write a rendering for --output (UTF-8, no byte-order mark, trailing newline)."""
    write_text(path, text if text.endswith("\n") else text + "\n", replace=True)


def _append_step_summary(markdown: str) -> None:
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


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Split repeated, comma-separated selector options into upper-case codes."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pocmvp-lint")
def cli() -> None:
    """Keep a repository honest about being a proof of concept (POC) or an MVP.

    Declare the stage in project.toml; pocmvp-lint warns when a POC drifts toward production or
    an MVP lacks production-readiness signals. A bare `pocmvp-lint` runs `check`.
    """


@cli.command()
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
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.findings import exit_code

    selected = _codes(select) or None
    options = Options(
        stage=Stage(stage.lower()) if stage else None,
        select=selected,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        use_git=not no_git,
        config_file=config_file,
        use_cache=not no_cache,
    )
    if new_only and not (staged or since is not None):
        fail("--new-only needs --staged or --since")
    extra = [_parse_write(value) for value in writes]
    color = color_choice(color)
    collapse = False
    if staged or since is not None:  # the change at hand (docs/history.md)
        from pocmvp_lint.engine import check_change

        result, changes = check_change(list(paths) or [Path(".")], options, since=since)
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
        result = check_paths(list(paths) or [Path(".")], options)
    from pocmvp_lint.config.loader import parse_fail_on
    from pocmvp_lint.formatters import RenderOptions, check_renderer

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
    if statistics:
        from pocmvp_lint.formatters.text import render_statistics

        rendered = render_statistics(result, style)
    else:
        rendered = check_renderer(output_format)(result, style)
    if expiring is not None and (human or statistics):  # machine formats carry it themselves
        from pocmvp_lint.formatters.text import render_expiring

        rendered = "\n".join(part for part in (rendered, render_expiring(result, expiring)) if part)
    if output_file is not None:
        _write_output(output_file, rendered if color else click.unstyle(rendered))
    elif rendered:
        click.echo(rendered, color=color)
    for extra_format, extra_file in extra:
        _write_output(extra_file, click.unstyle(check_renderer(extra_format)(result, RenderOptions())))
    if summary:
        _append_step_summary(check_renderer("markdown")(result, RenderOptions()))
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


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
@click.option(
    "--color/--no-color", default=None, help="Force colour on or off (default: on a terminal, unless NO_COLOR is set)."
)
@CONFIG_OPTION
@NO_CACHE_OPTION
def signals(
    paths: tuple[Path, ...],
    output_format: str,
    no_git: bool,
    color: bool | None,
    config_file: Path | None = None,
    no_cache: bool = False,
) -> None:
    """Print what the repository shows (signals with evidence), without judging it."""
    from pocmvp_lint.engine import Options, signals_for

    found = signals_for(
        list(paths) or [Path(".")], Options(use_git=not no_git, config_file=config_file, use_cache=not no_cache)
    )
    if output_format == "json":
        from pocmvp_lint.formatters.json_format import render_signals as render_json

        click.echo(render_json(found))
    else:
        from pocmvp_lint.formatters.text import render_signals

        click.echo(render_signals(found), color=color_choice(color))


@cli.command()
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
def rules(output_format: str) -> None:
    """List every rule: code, name, stage, default severity and summary."""
    from pocmvp_lint.engine import Toolkit
    from pocmvp_lint.formatters import rules_doc

    registry = Toolkit.load().registry
    renderers = {"text": rules_doc.render_text, "json": rules_doc.render_json, "markdown": rules_doc.render_markdown}
    click.echo(renderers[output_format](registry))


@cli.command(short_help="Print the full documentation of one rule.")
@click.argument("code")
def explain(code: str) -> None:
    """Print the full documentation of one rule (e.g. `pocmvp-lint explain POC101`)."""
    from pocmvp_lint.config.loader import closest
    from pocmvp_lint.engine import Toolkit
    from pocmvp_lint.formatters import rules_doc

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


@cli.command()
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
    from pocmvp_lint import init as init_mod

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
    click.echo(visible(f'wrote {target} (stage = "{written}"{source}); run `pocmvp-lint check` next'))
    if proposed.stage not in (None, written):
        click.echo(
            visible(f"note: {proposed.because}; `pocmvp-lint check` reports the contradiction until they agree"),
            err=True,
        )


@cli.command("config")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(config_show.FORMATS),
    default="text",
    show_default=True,
    help="text: one line per setting with its origin; json: the same data.",
)
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--extend-select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
@CONFIG_OPTION
def config_command(
    path: Path,
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None = None,
) -> None:
    """Print a project's effective settings and where each value came from."""
    import json

    from pocmvp_lint.engine import Options, effective_settings, projects_for

    options = Options(
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        config_file=config_file,
    )
    changed = {
        name for name, given in (("select", select), ("extend_select", extend_select), ("ignore", ignore)) if given
    }
    documents = []
    for spec in projects_for([path], options):
        settings = effective_settings(spec.config.settings, options)
        rows = config_show.effective(spec.config, settings, changed)
        if output_format == "json":
            documents.append({"path": spec.display, "config": spec.config.path, "settings": rows})
        else:
            click.echo(config_show.render_text(spec.display, spec.config, rows))
    if output_format == "json":
        click.echo(json.dumps({"version": 1, "projects": documents}, indent=2))


@cli.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(config_schema.FORMATS),
    default="json",
    show_default=True,
    help="json: the JSON Schema; markdown: the reference section of docs/configuration.md.",
)
def schema(output_format: str) -> None:
    """Print the JSON Schema of project.toml (for editor completion and validation)."""
    render = config_schema.render_markdown if output_format == "markdown" else config_schema.render
    click.echo(render(), nl=False)


def _shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    from pocmvp_lint.scan import Shard

    try:
        return Shard.parse(value) if value is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command()
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
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "html"]),
    default="json",
    show_default=True,
    help="json: one line per repository; html: one self-contained portfolio page.",
)
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
    import contextlib

    from pocmvp_lint import scan as scan_mod
    from pocmvp_lint.formatters import portfolio_html
    from pocmvp_lint.formatters.escape import json_dumps

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
        _write_output(output_file, text)
    elif merge or output_format == "html":
        click.echo(text, nl=False)
    click.echo(scan_mod.summary_table(lines), err=True)
    sys.exit(2 if any(line["error"] for line in lines) else 0)


@cli.command()
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
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.fix import catalogue, project_keys, run
    from pocmvp_lint.fix.diff import render

    if list_scaffolds:
        click.echo(catalogue.render_table(), nl=False)
        return
    selectors = _codes(select)
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


@cli.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@output_option("Write the SVG to FILE and print only the Markdown to embed it.")
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
def badge(path: Path, output_file: Path | None, no_git: bool) -> None:
    """Print an SVG "stage | POC" badge for PATH's project (coloured by verdict; in a monorepo,
    the root project, else the first one found).

    The SVG goes to stdout and the Markdown that embeds it to stderr, so
    `pocmvp-lint badge > stage.svg` works; with --output the SVG goes to the file and the
    Markdown to stdout.
    """
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.formatters.badge import badge_for, markdown_snippet, render_svg

    result = check_paths([path], Options(use_git=not no_git))
    if not result.projects:
        fail(f"{path}: no project found")
    project = next((p for p in result.projects if p.path == "."), result.projects[0])
    made = badge_for(project)
    svg = render_svg(made)
    if output_file is not None:
        _write_output(output_file, svg)
        click.echo(markdown_snippet(made, output_file.as_posix()))
    else:
        click.echo(svg)
        click.echo(
            f"Embed it with (after saving it as stage-badge.svg): {markdown_snippet(made, 'stage-badge.svg')}", err=True
        )


@cli.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "html"]),
    default="markdown",
    show_default=True,
    help="Report format.",
)
@output_option("Write the report to FILE instead of stdout.")
@click.option(
    "--stage", type=STAGE_CHOICE, default=None, help="Report as if the project declared this stage (what-if)."
)
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
def report(path: Path, output_format: str, output_file: Path | None, stage: str | None, no_git: bool) -> None:
    """Write a stakeholder report for the projects under PATH: what the stage means, the
    declared facts (hypothesis, owner, timebox, feedback), the verdict and its evidence.

    Always exits 0 unless the configuration is invalid (2): it reports, it does not gate.
    """
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.formatters.report import render_html, render_markdown

    options = Options(stage=Stage(stage.lower()) if stage else None, use_git=not no_git)
    result = check_paths([path], options)
    timelines = _timelines(path, no_git)
    if output_format == "html":
        from pocmvp_lint.history.svg import timeline_svg

        text = render_html(result, today=options.today, timeline_svg={p: timeline_svg(t) for p, t in timelines.items()})
    else:
        text = render_markdown(result, today=options.today, timelines=timelines)
    if output_file is not None:
        _write_output(output_file, text)
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(text, nl=False)


def _timelines(path: Path, no_git: bool) -> dict[str, Timeline]:
    """Drift timelines per project path, when the projects have git history to chart."""
    if no_git:
        return {}
    from pocmvp_lint.engine import timelines_for
    from pocmvp_lint.inventory.listing import git_toplevel

    if git_toplevel(path.resolve()) is None:
        return {}
    return {t.path: t for t in timelines_for(path) if t.months}


@cli.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "svg"]),
    default="text",
    show_default=True,
    help="text: a timeline and chart; json: the same data; svg: a chart.",
)
@output_option("Write the output to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
def history(path: Path, output_format: str, output_file: Path | None, color: bool | None) -> None:
    """Drift over time: when each production signal arrived, stage changes, and a month-by-month
    chart of production signals, from the git history of each project under PATH."""
    from pocmvp_lint.engine import timelines_for
    from pocmvp_lint.history.timeline import render_json, render_text

    progress = None
    if sys.stdout.isatty() and sys.stderr.isatty():  # a person is watching

        def progress(count: int) -> None:
            click.echo(f"\rreading history: {count:,} commits…", err=True, nl=False)

    timelines = timelines_for(path, progress=progress)
    if progress is not None:
        click.echo("\r\033[K", err=True, nl=False)
    if output_format == "svg":
        from pocmvp_lint.history.svg import timeline_svg

        text = timeline_svg(timelines)
    elif output_format == "json":
        text = render_json(timelines)
    else:
        text = render_text(timelines)
    if output_file is not None:
        _write_output(output_file, text if color else click.unstyle(text))
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(text, color=color_choice(color), nl=not text.endswith("\n"))


def main(argv: Sequence[str] | None = None, prog_name: str = "pocmvp-lint") -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
