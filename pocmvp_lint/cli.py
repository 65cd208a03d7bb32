"""Command line: thin click commands that parse options, call the pipeline and pick an exit code."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from pocmvp_lint import __version__
from pocmvp_lint.errors import LintError
from pocmvp_lint.formatters import CHECK_FORMATS
from pocmvp_lint.model import Stage

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


def _write_output(path: Path, text: str) -> None:
    """Write a rendering for --output (UTF-8, no byte-order mark, trailing newline)."""
    try:
        if path.parent != Path():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


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
@click.option("--format", "output_format", type=click.Choice(list(CHECK_FORMATS)), default=None,
              help="Output format [default: github when GITHUB_ACTIONS=true, else text].")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the output to FILE instead of stdout (exit code unchanged).")
@click.option("--summary", is_flag=True,
              help="Also append a Markdown report to the file named by $GITHUB_STEP_SUMMARY.")
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
@click.option("--staged", is_flag=True,
              help="Mark what the commit being made introduces (the index against HEAD; under "
                   "pre-commit's pre-push, the pushed range).")
@click.option("--since", metavar="REF", default=None,
              help="Mark what changed since REF (its merge base with HEAD .. the index), for CI.")
@click.option("--new-only", is_flag=True,
              help="With --staged/--since: only new findings count toward the exit code.")
def check(paths: tuple[Path, ...], output_format: str | None, output_file: Path | None,
          summary: bool, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          stage: str | None, color: bool | None, no_git: bool, quiet: bool, verbose: bool,
          staged: bool = False, since: str | None = None, new_only: bool = False) -> None:
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
    )
    if new_only and not (staged or since is not None):
        fail("--new-only needs --staged or --since")
    if staged or since is not None:  # the change at hand (docs/history.md)
        from pocmvp_lint.history.change import check_change

        result, changes = check_change(list(paths) or [Path(".")], options, since=since)
        for change in changes:
            new = sum(1 for f in result.findings if f.new)
            click.echo(f"pocmvp-lint: {change.describe()}; {new} new finding{'s' if new != 1 else ''}",
                       err=True)
    else:
        result = check_paths(list(paths) or [Path(".")], options)
    from pocmvp_lint.formatters import RenderOptions, check_renderer

    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    render = check_renderer(output_format)
    rendered = render(result, RenderOptions(quiet=quiet, verbose=verbose))
    if output_file is not None:
        _write_output(output_file, rendered if color else click.unstyle(rendered))
    else:
        click.echo(rendered, color=color)
    if summary:
        _append_step_summary(check_renderer("markdown")(result, RenderOptions()))
    from pocmvp_lint.config.loader import parse_fail_on

    code = 0
    for project in result.projects:
        threshold = parse_fail_on(fail_on) if fail_on is not None else project.fail_on
        code = max(code, exit_code(project.findings, threshold, new_only=new_only))
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
    from pocmvp_lint.engine import Toolkit
    from pocmvp_lint.formatters import rules_doc

    registry = Toolkit.load().registry
    renderers = {"text": rules_doc.render_text, "json": rules_doc.render_json,
                 "markdown": rules_doc.render_markdown}
    click.echo(renderers[output_format](registry))


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the full documentation of one rule (e.g. `pocmvp-lint explain POC101`)."""
    from pocmvp_lint.config.loader import closest
    from pocmvp_lint.engine import Toolkit
    from pocmvp_lint.formatters import rules_doc

    registry = Toolkit.load().registry
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
@click.option("--interactive/--no-interactive", default=None,
              help="Ask questions (default: when run in a terminal without --stage).")
def init(directory: Path, stage: str | None, name: str | None, owner: str | None,
         hypothesis: str | None, ends: str | None, feedback: str | None, force: bool,
         interactive: bool | None) -> None:
    """Write a commented project.toml declaring the stage (never overwrites without --force)."""
    from pocmvp_lint import init as init_mod

    target = directory / "project.toml"
    if target.exists() and not force:
        fail(f"{target} already exists; use --force to overwrite it")
    if interactive is None:
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


@cli.command("config")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--extend-select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
def config_command(path: Path, output_format: str, select: tuple[str, ...],
                   extend_select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Print a project's effective settings and where each value came from."""
    import json

    from pocmvp_lint.config import show
    from pocmvp_lint.engine import Options, effective_settings, projects_for

    options = Options(select=_codes(select) or None, extend_select=_codes(extend_select),
                      ignore=_codes(ignore))
    changed = {name for name, given in (("select", select), ("extend_select", extend_select),
                                        ("ignore", ignore)) if given}
    documents = []
    for spec in projects_for([path], options):
        settings = effective_settings(spec.config.settings, options)
        rows = show.effective(spec.config, settings, changed)
        if output_format == "json":
            documents.append({"path": spec.display, "config": spec.config.path, "settings": rows})
        else:
            click.echo(show.render_text(spec.display, spec.config, rows))
    if output_format == "json":
        click.echo(json.dumps({"version": 1, "projects": documents}, indent=2))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of project.toml (for editor completion and validation)."""
    from pocmvp_lint.config.schema import render

    click.echo(render(), nl=False)


@cli.command()
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False,
                                                                 path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Parallel processes (default: one per CPU).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds one repository may take; then its worker is stopped and it is reported "
                   "as an error.")
def scan(dirs: tuple[Path, ...], jobs: int | None, timeout: float) -> None:
    """Survey many repositories: one JSON line each on stdout, a summary table on stderr.

    Each DIR is a repository, or a folder whose sub-folders are repositories.
    """
    import json

    from pocmvp_lint import scan as scan_mod

    lines = []
    for line in scan_mod.scan(list(scan_mod.repositories(dirs)), jobs, timeout):
        lines.append(line)
        click.echo(json.dumps(line, separators=(",", ":")))
    click.echo(scan_mod.summary_table(lines), err=True)
    sys.exit(2 if any(line["error"] for line in lines) else 0)


@cli.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the SVG to FILE and print only the Markdown to embed it.")
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
        click.echo(f"Embed it with (after saving it as stage-badge.svg): "
                   f"{markdown_snippet(made, 'stage-badge.svg')}", err=True)


@cli.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["markdown", "html"]),
              default="markdown", show_default=True, help="Report format.")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the report to FILE instead of stdout.")
@click.option("--stage", type=STAGE_CHOICE, default=None,
              help="Report as if the project declared this stage (what-if).")
@click.option("--no-git", is_flag=True, help="Walk the folder instead of reading git's index.")
def report(path: Path, output_format: str, output_file: Path | None, stage: str | None,
           no_git: bool) -> None:
    """Write a stakeholder report for the projects under PATH: what the stage means, the
    declared facts (hypothesis, owner, timebox, feedback), the verdict and its evidence.

    Always exits 0 unless the configuration is invalid (2): it reports, it does not gate.
    """
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.formatters.report import render_html, render_markdown

    options = Options(stage=Stage(stage.lower()) if stage else None, use_git=not no_git)
    result = check_paths([path], options)
    render = render_html if output_format == "html" else render_markdown
    text = render(result, today=options.today, timeline_svg=_timelines(path, no_git))
    if output_file is not None:
        _write_output(output_file, text)
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(text, nl=False)


def _timelines(path: Path, no_git: bool) -> dict[str, str]:
    """Drift timeline SVGs per project path, when the projects have git history to chart."""
    if no_git:
        return {}
    from pocmvp_lint.history.svg import timeline_svg
    from pocmvp_lint.history.timeline import timelines_for
    from pocmvp_lint.inventory.listing import git_toplevel

    if git_toplevel(path.resolve()) is None:
        return {}
    return {t.path: timeline_svg(t) for t in timelines_for(path) if t.months}


@cli.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "svg"]), default="text",
              show_default=True, help="text: a timeline and chart; json: the same data; svg: a chart.")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the output to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
def history(path: Path, output_format: str, output_file: Path | None, color: bool | None) -> None:
    """Drift over time: when each production signal arrived, stage changes, and a month-by-month
    chart of production signals, from the git history of each project under PATH."""
    from pocmvp_lint.history.timeline import render_json, render_text, timelines_for

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
        click.echo(text, color=color, nl=not text.endswith("\n"))

def main(argv: Sequence[str] | None = None, prog_name: str = "pocmvp-lint") -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
