"""Shared test helpers: the example projects, running the CLI, and reading example READMEs.

Git plumbing (fixed identities and dates) lives in ``tests.gitutil``; this module builds on it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, init_repo

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = REPO_ROOT / "examples"
#: The example projects in ``examples/`` whose READMEs state what pocmvp-lint reports.
EXAMPLE_NAMES: tuple[str, ...] = ("poc-clean", "poc-drifting", "mvp-ready", "mvp-gaps", "monorepo")
#: The README section that states what pocmvp-lint reports for an example.
REPORT_HEADING = "## What pocmvp-lint reports"
#: Minimal declaration for a repository that hosts an example in a sub-folder.
HOST_PROJECT_TOML = '[project]\nstage = "mvp"\nname = "host"\nowner = "tests"\nfeedback = "issues"\n'

_CODE_RE = re.compile(r"\b(?:POC|MVP|STG|SEC)\d{3}\b")
_PROJECT_HEADING_RE = re.compile(r"^###\s+`([^`]+)`", re.MULTILINE)
_FAIL_ON_RE = re.compile(r"(\d+)\s+with\s+`--fail-on\s+(\w+)`")


@dataclass(frozen=True)
class CheckRun:
    """What a user sees from one ``pocmvp-lint check --format json`` run."""

    exit_code: int
    document: Any
    stdout: str
    stderr: str

    @property
    def projects(self) -> list[dict[str, Any]]:
        return list(self.document["projects"])


def run_check(*args: str) -> CheckRun:
    """Run ``pocmvp-lint check ARGS --format json`` in-process and parse its stdout."""
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"pocmvp-lint crashed: {result.exception!r}\n{result.output}")
    try:
        document = json.loads(result.stdout)
    except ValueError as exc:
        raise AssertionError(f"stdout is not JSON (exit {result.exit_code}):\n{result.output}") from exc
    return CheckRun(result.exit_code, document, result.stdout, result.stderr)


def outcome(run: CheckRun, prefix: str = "") -> dict[str, tuple[frozenset[str], str]]:
    """``{project path: (rule codes, verdict)}``, project paths made relative to ``prefix``."""
    table: dict[str, tuple[frozenset[str], str]] = {}
    for project in run.projects:
        key = relative_to(project["path"], prefix)
        codes = frozenset(f["code"] for f in project["findings"])
        assert key not in table, f"project {key} reported twice: {run.stdout}"
        table[key] = (codes, project["verdict"])
    return table


def relative_to(path: str, prefix: str) -> str:
    """``path`` relative to the folder ``prefix`` ("." for the folder itself)."""
    if not prefix or prefix == ".":
        return path
    if path == prefix:
        return "."
    if path.startswith(prefix + "/"):
        return path[len(prefix) + 1 :]
    return path


# ---- example projects ------------------------------------------------------------------------


def copy_example(name: str, dest: Path) -> Path:
    """Copy ``examples/NAME`` to ``dest`` (which must not exist), skipping caches."""
    shutil.copytree(
        EXAMPLES_DIR / name, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache")
    )
    return dest


def example_repo(name: str, dest: Path) -> Path:
    """A fresh git repository at ``dest`` holding example ``name`` at its root, committed."""
    copy_example(name, dest)
    init_repo(dest)
    commit_all(dest, f"example {name}")
    return dest


def host_repo(name: str, dest: Path, *, track: bool) -> Path:
    """A git repository declaring its own stage with example ``name`` in ``examples/NAME``.

    With ``track`` the example is committed; without it, it is left untracked (the linter then
    walks the folder instead of reading git's index).
    """
    init_repo(dest)
    (dest / "project.toml").write_text(HOST_PROJECT_TOML, encoding="utf-8")
    (dest / "README.md").write_text("# Host\n\nHolds an example project.\n", encoding="utf-8")
    commit_all(dest, "host")
    copy_example(name, dest / "examples" / name)
    if track:
        commit_all(dest, f"add example {name}")
    return dest


def files_of(folder: Path) -> list[str]:
    """Every file below ``folder``, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# ---- example READMEs -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadmeReport:
    """What an example README's "What pocmvp-lint reports" section promises."""

    projects: Mapping[str, tuple[frozenset[str], str]]
    exit_codes: Mapping[str | None, int] = field(default_factory=dict)  # None: default --fail-on


def report_section(text: str) -> str:
    """The body of the "What pocmvp-lint reports" section (up to the next level-2 heading)."""
    start = text.find(REPORT_HEADING + "\n")
    if start < 0:
        raise AssertionError(f"no '{REPORT_HEADING}' section")
    body = text[start + len(REPORT_HEADING) + 1 :]
    following = re.search(r"^## ", body, re.MULTILINE)
    return body[: following.start()] if following else body


def _bullet(block: str, label: str) -> str | None:
    """The text of the ``- LABEL:`` bullet in ``block``, continuation lines included."""
    match = re.search(rf"^- {re.escape(label)}:(.*(?:\n[ \t]+\S.*)*)", block, re.MULTILINE)
    return None if match is None else " ".join(match.group(1).split())


def _project(block: str, where: str) -> tuple[frozenset[str], str]:
    codes = _bullet(block, "Codes")
    verdict = _bullet(block, "Verdict")
    if codes is None or verdict is None:
        raise AssertionError(f"{where}: needs both a '- Codes:' and a '- Verdict:' bullet")
    found = frozenset(_CODE_RE.findall(codes))
    if not found and codes.strip().lower() != "none":
        raise AssertionError(f"{where}: '- Codes:' names no rule code and is not 'none': {codes!r}")
    named = re.fullmatch(r"`([a-z-]+)`", verdict.strip())
    if named is None:
        raise AssertionError(f"{where}: '- Verdict:' must be one word in backticks, got {verdict!r}")
    return found, named.group(1)


def parse_report(text: str) -> ReadmeReport:
    """Parse the report section of an example README.

    Single-project examples write ``- Codes:``, ``- Verdict:`` and ``- Exit code:`` bullets; a
    multi-project example puts the first two under one ``### `PATH``` heading per project.
    ``- Exit code:`` reads "N by default; N with `--fail-on LEVEL`; ...".
    """
    section = report_section(text)
    headings = list(_PROJECT_HEADING_RE.finditer(section))
    projects: dict[str, tuple[frozenset[str], str]] = {}
    if headings:
        ends = [h.start() for h in headings[1:]] + [len(section)]
        for heading, end in zip(headings, ends):
            projects[heading.group(1)] = _project(section[heading.end() : end], f"### `{heading.group(1)}`")
    else:
        projects["."] = _project(section, "report section")
    exit_text = _bullet(section, "Exit code")
    if exit_text is None:
        raise AssertionError("report section: no '- Exit code:' bullet")
    default = re.match(r"\s*(\d+)", exit_text)
    if default is None:
        raise AssertionError(f"'- Exit code:' must start with the default exit code: {exit_text!r}")
    exit_codes: dict[str | None, int] = {None: int(default.group(1))}
    for code, level in _FAIL_ON_RE.findall(exit_text):
        exit_codes[level] = int(code)
    return ReadmeReport(projects=projects, exit_codes=exit_codes)


def fail_on_args(level: str | None) -> Sequence[str]:
    return () if level is None else ("--fail-on", level)
