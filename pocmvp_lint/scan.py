"""`pocmvp-lint scan`: survey many repositories in parallel, one JSON line per repository.

Each repository is checked in its own child process with a time limit: a repository that runs
out of time (or whose worker dies) becomes an error line and its process is killed, so one
hostile repository cannot stall a survey of hundreds. A ``ProcessPoolExecutor`` cannot do this
(it has no way to stop a running task), hence the small pool below.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pocmvp_lint import vcs
from pocmvp_lint.config.model import Declaration
from pocmvp_lint.engine import Options, check_paths
from pocmvp_lint.errors import LintError
from pocmvp_lint.findings import ProjectResult
from pocmvp_lint.history.gitlog import pathspecs
from pocmvp_lint.model import Stage, Verdict

#: Whether this platform can block signals (POSIX): see ``_start``.
_MASKABLE = hasattr(signal, "pthread_sigmask")
#: Seconds one repository may take before its worker is killed (``scan --timeout``).
DEFAULT_TIMEOUT = 60.0


def repositories(roots: Iterable[Path]) -> Iterator[Path]:
    """Each root that is a git work tree, else each git work tree (or folder) directly below it."""
    for root in roots:
        if (root / ".git").exists():
            yield root
            continue
        children = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        repos = [p for p in children if (p / ".git").exists()]
        yield from (repos or children)


#: Findings per project the scan line carries for the portfolio page (most severe first).
TOP_FINDINGS = 3
#: Commits read per project for its first and last commit dates (the newest ones, if more).
MAX_COMMITS = 100_000


@dataclass(frozen=True)
class Shard:
    """``--shard I/N``: the I-th of N parts (1-based) of a list of repositories.

    A repository belongs to part ``hash(name) mod N + 1``, where ``name`` is its folder's name and
    ``hash`` the first 8 hex digits of the SHA-256 of that name: the split depends on nothing but
    the name, so machines that each hold only their own part agree on it, a repository keeps its
    shard when others are added, and the N parts cover every repository exactly once.
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/4"``; raises ValueError with the reason."""
        first, sep, second = text.partition("/")
        if not sep or not first.strip().isdigit() or not second.strip().isdigit():
            raise ValueError(f"'{text}' is not I/N (e.g. 1/4)")
        index, count = int(first), int(second)
        if count < 1 or not 1 <= index <= count:
            raise ValueError(f"'{text}': I must be between 1 and N, and N at least 1")
        return cls(index, count)

    def holds(self, path: Path) -> bool:
        return shard_of(path.name, self.count) == self.index


def shard_of(name: str, count: int) -> int:
    """The shard (1-based) of a repository named ``name`` among ``count``: in shell,
    ``$(( 16#$(printf %s "$name" | sha256sum | cut -c1-8) % count + 1 ))``."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()
    return int(digest[:8], 16) % count + 1


def _top_findings(project: ProjectResult) -> list[dict[str, Any]]:
    ranked = sorted(project.findings, key=lambda f: -f.severity.rank)[:TOP_FINDINGS]
    return [
        {"code": f.code, "severity": f.severity.value, "message": f.message, "path": f.path, "line": f.line}
        for f in ranked
    ]


def _days(later: dt.date, earlier: dt.date | None) -> int | None:
    return (later - earlier).days if earlier is not None else None


def project_line(project: ProjectResult, nested: list[str], today: dt.date) -> dict[str, Any]:
    """What the portfolio needs of one project: stage, verdict, timebox, age, findings, commits."""
    prefix = "" if project.path == "." else project.path
    days: tuple[str, ...] = ()
    if project.root:
        try:
            days = vcs.commit_days(Path(project.root), pathspecs(prefix, nested), MAX_COMMITS)
        except vcs.GitError:
            days = ()
    declared = project.declaration or Declaration()
    first = dt.date.fromisoformat(days[-1]) if days else None
    last = dt.date.fromisoformat(days[0]) if days else None
    overdue = project.stage is Stage.POC and declared.ends is not None and declared.ends < today
    return {
        "path": project.path,
        "name": project.name,
        "owner": declared.owner,
        "stage": project.stage.value if project.stage else None,
        "verdict": project.verdict.value,
        "counts": project.counts(),
        "codes": sorted({f.code for f in project.findings}),
        "top_findings": _top_findings(project),
        "started": declared.started.isoformat() if declared.started else None,
        "ends": declared.ends.isoformat() if declared.ends else None,
        "overdue_days": _days(today, declared.ends) if overdue else None,
        "age_days": _days(today, declared.started or first),
        "first_commit": first.isoformat() if first else None,
        "last_commit": last.isoformat() if last else None,
        "active_days": _days(last, first) if last is not None else None,
    }


def scan_one(path: str, today: dt.date | None = None, *, use_cache: bool = True) -> dict[str, Any]:
    """Check one repository; never raises (errors become the line's ``error``)."""
    day = today or dt.date.today()
    try:
        result = check_paths([Path(path)], Options(today=day, use_cache=use_cache))
        roots = ["" if p.path == "." else p.path for p in result.projects]
        projects = [project_line(p, roots, day) for p in result.projects]
    except LintError as exc:
        return _error_line(path, str(exc), day)
    except Exception as exc:  # one broken repository must not stop a survey of hundreds
        return _error_line(path, f"internal error: {type(exc).__name__}: {exc}", day)
    return {"repository": path, "scanned": day.isoformat(), "error": None, "projects": projects}


def _worker(path: str, conn: Connection, use_cache: bool = True) -> None:
    """Child process: check one repository, send its line back.

    Ctrl-C reaches the whole process group: a worker ignores it (its parent stops it), so only the
    parent reports the interruption. SIGINT is blocked while the parent starts a worker, so it is
    never delivered before this handler is in place (a traceback from the fork's own clean-up).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _MASKABLE:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        conn.send(scan_one(path, use_cache=use_cache))
    finally:
        conn.close()


@dataclass(frozen=True)
class _Running:
    process: Any  # multiprocessing.Process (its type depends on the start method)
    conn: Connection
    deadline: float


def _error_line(path: str, error: str, today: dt.date | None = None) -> dict[str, Any]:
    return {"repository": path, "scanned": (today or dt.date.today()).isoformat(), "error": error, "projects": []}


def _finish(path: str, job: _Running, timeout: float | None) -> dict[str, Any]:
    """The line of a worker that answered, died or ran out of time (then it is killed)."""
    line: dict[str, Any] | None = None
    if job.conn.poll():
        try:
            line = job.conn.recv()
        except (EOFError, OSError):
            line = None
    if line is None and time.monotonic() >= job.deadline and job.process.is_alive():
        line = _error_line(path, f"timed out after {timeout:g} s")
    job.process.kill()
    job.process.join()
    job.conn.close()
    if line is None:
        line = _error_line(path, f"the worker checking it stopped (exit code {job.process.exitcode})")
    return line


def _start(process: Any) -> None:
    """Start a worker with SIGINT blocked: the child inherits the mask and unblocks it once it
    ignores the signal; a Ctrl-C meanwhile reaches this process when it unblocks it here."""
    if not _MASKABLE:  # Windows: no signal masks (and no process groups for Ctrl-C to reach)
        process.start()
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def scan(
    paths: list[Path], jobs: int | None = None, timeout: float | None = DEFAULT_TIMEOUT, *, use_cache: bool = True
) -> Generator[dict[str, Any], None, None]:
    """Results in input order, each repository checked in a child process of its own, at most
    ``jobs`` at a time, each stopped after ``timeout`` seconds (None: no limit)."""
    repos = [str(p) for p in paths]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(repos) or 1))
    context = multiprocessing.get_context()
    running: dict[int, _Running] = {}
    done: dict[int, dict[str, Any]] = {}
    started = emitted = 0
    try:
        while emitted < len(repos):
            while started < len(repos) and len(running) < workers:
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_worker, args=(repos[started], send, use_cache), daemon=True)
                _start(process)
                send.close()  # the child holds its end; EOF here then means the child is gone
                limit = time.monotonic() + timeout if timeout else float("inf")
                running[started] = _Running(process, receive, limit)
                started += 1
            now = time.monotonic()
            wake = min(job.deadline for job in running.values())
            ready = wait(
                [job.conn for job in running.values()], timeout=None if wake == float("inf") else max(0.0, wake - now)
            )
            now = time.monotonic()
            for index, job in list(running.items()):
                if job.conn in ready or now >= job.deadline:
                    done[index] = _finish(repos[index], job, timeout)
                    del running[index]
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
    finally:
        for job in running.values():  # interrupted (Ctrl-C, closed pipe): leave no worker behind
            job.process.kill()
            job.process.join()
            job.conn.close()


def summary_table(lines: Iterable[dict[str, Any]]) -> str:
    """Counts of stages and verdicts over all scanned projects."""
    counts: Counter[tuple[str, str]] = Counter()
    errors = 0
    repos = 0
    for line in lines:
        repos += 1
        if line["error"]:
            errors += 1
        for project in line["projects"]:
            counts[(project["stage"] or "undeclared", project["verdict"])] += 1
    rows = [f"{'stage':<11} {'verdict':<11} projects"]
    for (stage, verdict), n in sorted(counts.items()):
        rows.append(f"{stage:<11} {verdict:<11} {n}")
    rows.append(f"{repos} repositories, {sum(counts.values())} projects, {errors} errors")
    return "\n".join(rows)


# ---- scan --merge: the shards' JSON lines, checked, as one result ---------------------------------

_STAGES = (None, *(s.value for s in Stage))
_VERDICTS = frozenset(v.value for v in Verdict)
#: Optional keys of a project line, and the type each must have when present (None allowed).
_DATES = ("started", "ends", "first_commit", "last_commit")
_NUMBERS = ("overdue_days", "age_days", "active_days")
_TEXTS = ("name", "owner")


class MergeError(LintError):
    """A shard's JSON lines cannot be merged: the file and line, and what is wrong there."""


def _check_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _project_problem(project: object) -> str | None:
    """What is wrong with one entry of a line's ``projects`` (None: nothing)."""
    if not isinstance(project, dict):
        return "each of `projects` must be an object"
    if not isinstance(project.get("path"), str):
        return "a project has no `path` string"
    if project.get("stage") not in _STAGES:
        return f"a project's `stage` is not one of poc, mvp or null: {project.get('stage')!r:.40}"
    if project.get("verdict") not in _VERDICTS:
        return f"a project's `verdict` is not a verdict: {project.get('verdict')!r:.40}"
    for key in _TEXTS:
        if project.get(key) is not None and not isinstance(project[key], str):
            return f"a project's `{key}` must be a string or null"
    for key in _DATES:
        if project.get(key) is not None and not _check_date(project[key]):
            return f"a project's `{key}` must be a YYYY-MM-DD date or null"
    for key in _NUMBERS:
        value = project.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return f"a project's `{key}` must be a whole number or null"
    counts = project.get("counts", {})
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in counts.items()
    ):
        return "a project's `counts` must map severities to whole numbers"
    codes = project.get("codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        return "a project's `codes` must be a list of strings"
    tops = project.get("top_findings", [])
    if not isinstance(tops, list) or not all(
        isinstance(t, dict)
        and isinstance(t.get("code"), str)
        and isinstance(t.get("severity"), str)
        and isinstance(t.get("message"), str)
        for t in tops
    ):
        return "a project's `top_findings` must be a list of {code, severity, message} objects"
    return None


def line_problem(line: object) -> str | None:
    """What keeps ``line`` (a decoded JSON line) from being a scan line (None: nothing)."""
    if not isinstance(line, dict):
        return "not a JSON object"
    if not isinstance(line.get("repository"), str) or not line["repository"]:
        return "no `repository` string"
    if line.get("error") is not None and not isinstance(line["error"], str):
        return "`error` must be a string or null"
    if line.get("scanned") is not None and not _check_date(line["scanned"]):
        return "`scanned` must be a YYYY-MM-DD date"
    projects = line.get("projects")
    if not isinstance(projects, list):
        return "no `projects` list"
    for project in projects:
        problem = _project_problem(project)
        if problem:
            return problem
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def merge(files: Iterable[Path]) -> list[dict[str, Any]]:
    """Every line of the shards' JSON-lines ``files``, sorted by repository.

    Raises MergeError naming the file and line of a line that is not a scan line, or of a
    repository that is already in an earlier line (a repository scanned by two shards).
    """
    seen: dict[str, str] = {}
    lines: list[dict[str, Any]] = []
    given: set[Path] = set()
    for file in files:
        if file.resolve() in given:
            raise MergeError(f"{file}: given twice")
        given.add(file.resolve())
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise MergeError(f"{file}: cannot be read: {exc}") from None
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            where = f"{file}:{number}"
            try:
                line = json.loads(raw, parse_constant=_reject_constant)
            except (ValueError, RecursionError) as exc:
                raise MergeError(f"{where}: not a JSON line of `scan --format json` ({exc})") from None
            problem = line_problem(line)
            if problem:
                raise MergeError(f"{where}: not a line of `scan --format json`: {problem}")
            repository = line["repository"]
            if repository in seen:
                raise MergeError(
                    f"{where}: repository '{repository}' is already in {seen[repository]} "
                    "(were two shards given the same repository, or one file twice?)"
                )
            seen[repository] = where
            lines.append(line)
    return sorted(lines, key=lambda line: line["repository"])
