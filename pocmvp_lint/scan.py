"""`pocmvp-lint scan`: survey many repositories in parallel, one JSON line per repository.

Each repository is checked in its own child process with a time limit: a repository that runs
out of time (or whose worker dies) becomes an error line and its process is killed, so one
hostile repository cannot stall a survey of hundreds. A ``ProcessPoolExecutor`` cannot do this
(it has no way to stop a running task), hence the small pool below.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

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


def scan_one(path: str) -> dict[str, Any]:
    """Check one repository; never raises (errors become the line's ``error``)."""
    from pocmvp_lint.engine import Options, check_paths
    from pocmvp_lint.errors import LintError

    try:
        result = check_paths([Path(path)], Options())
    except LintError as exc:
        return {"repository": path, "error": str(exc), "projects": []}
    except Exception as exc:  # one broken repository must not stop a survey of hundreds
        return {"repository": path, "error": f"internal error: {type(exc).__name__}: {exc}",
                "projects": []}
    return {
        "repository": path,
        "error": None,
        "projects": [
            {"path": p.path, "name": p.name, "stage": p.stage.value if p.stage else None,
             "verdict": p.verdict,
             "counts": p.counts(),
             "codes": sorted({f.code for f in p.findings})}
            for p in result.projects
        ],
    }


def _worker(path: str, conn: Connection) -> None:
    """Child process: check one repository, send its line back."""
    try:
        conn.send(scan_one(path))
    finally:
        conn.close()


@dataclass(frozen=True)
class _Running:
    process: Any  # multiprocessing.Process (its type depends on the start method)
    conn: Connection
    deadline: float


def _error_line(path: str, error: str) -> dict[str, Any]:
    return {"repository": path, "error": error, "projects": []}


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


def scan(paths: list[Path], jobs: int | None = None,
         timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[dict[str, Any]]:
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
                process = context.Process(target=_worker, args=(repos[started], send), daemon=True)
                process.start()
                send.close()  # the child holds its end; EOF here then means the child is gone
                limit = time.monotonic() + timeout if timeout else float("inf")
                running[started] = _Running(process, receive, limit)
                started += 1
            now = time.monotonic()
            wake = min(job.deadline for job in running.values())
            ready = wait([job.conn for job in running.values()],
                         timeout=None if wake == float("inf") else max(0.0, wake - now))
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
