"""`pocmvp-lint scan`: survey many repositories in parallel, one JSON line per repository."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any


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


def scan(paths: list[Path], jobs: int | None = None) -> Iterator[dict[str, Any]]:
    """Results in input order, computed in parallel processes."""
    repos = [str(p) for p in paths]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(repos) or 1))
    if workers == 1:
        yield from map(scan_one, repos)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(scan_one, repos)


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
