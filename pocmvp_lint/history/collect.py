"""One project's history facts, from the repository's log (read once, shared by every project).

The commits of a project are those of the repository log that change a file in its folder (and
not only files of projects nested in it), filtered here in Python. A project alone at the
repository root with nothing nested takes every commit, and then the log needs no file names.
Stage changes and a promotion need a few more reads (``pocmvp_lint.history.gitlog``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from pocmvp_lint import vcs
from pocmvp_lint.history.facts import (
    Arrival,
    Commit,
    HistoryFacts,
    HistoryRequest,
    StageChange,
    contributors_of,
)
from pocmvp_lint.history.gitlog import (
    Entry,
    RepoLog,
    config_touches,
    config_versions,
    git_problem,
    pathspecs,
    promotion,
    stage_changes,
)


def needs_names(prefix: str, nested: Sequence[str], request: HistoryRequest) -> bool:
    """Whether the project's facts need the repository log with file names: to pick its commits
    out of a shared repository, or to date its signals. (Stage changes alone take a far cheaper
    log limited to ``project.toml``.)"""
    return bool(prefix or nested or request.evidence)


def _owns(prefix: str, nested: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    head = prefix + "/" if prefix else ""
    return head, tuple(n + "/" for n in nested if n and n != prefix and n.startswith(head))


def _entries(log: RepoLog, prefix: str, nested: Sequence[str]) -> list[Entry]:
    if not log.names:
        return list(log.entries)
    head, inner = _owns(prefix, nested)
    ordered = sorted(inner)
    return [e for e in log.entries if _changes_own_file(e.paths, head, ordered)]


def _below(paths: Sequence[str], head: str) -> tuple[int, int]:
    """The index range of sorted ``paths`` starting with ``head`` ("a/b/"; all of them for "").

    Every path below ``a/b`` sorts between ``a/b/`` and ``a/b0`` ("/" and "0" are neighbours)."""
    if not head:
        return 0, len(paths)
    return bisect_left(paths, head), bisect_left(paths, head[:-1] + "0")


def _changes_own_file(paths: Sequence[str], head: str, inner: Sequence[str]) -> bool:
    """Whether sorted ``paths`` hold one below ``head`` and below none of the (sorted) ``inner``
    folders: a bisection per folder, not a pass over every path (one commit of a monorepo may
    change every file of its hundred projects)."""
    position, high = _below(paths, head)
    for folder in inner:
        low, end = _below(paths, folder)
        if position < min(low, high):
            return True
        position = max(position, end)
    return position < high


def facts_for(
    log: RepoLog,
    prefix: str = "",
    *,
    nested: Sequence[str] = (),
    config_path: str | None = None,
    request: HistoryRequest | None = None,
) -> HistoryFacts:
    """The history of the project at ``prefix``, from the repository's ``log``; never raises for
    git trouble (the facts then carry ``problem``)."""
    request = request or HistoryRequest()
    try:
        return _facts(log, prefix, nested, config_path, request)
    except (vcs.GitError, OSError, ValueError) as exc:
        return HistoryFacts(prefix=prefix, problem=git_problem(exc))


def _facts(
    log: RepoLog, prefix: str, nested: Sequence[str], config_path: str | None, request: HistoryRequest
) -> HistoryFacts:
    if log.head is None:
        return HistoryFacts(prefix=prefix, shallow=log.shallow, detached=log.detached)
    entries = _entries(log, prefix, nested)
    commits = [e.commit for e in entries]
    wanted = frozenset(path for _c, path, _d in request.evidence)
    added: dict[str, Commit] = {}
    touches: list[tuple[Commit, str]] = []
    for entry in entries:
        if len(entry.names) <= len(wanted) + 1:  # a small commit: look at its few paths
            for status, path in entry.changes:
                if path == config_path:
                    touches.append((entry.commit, status))
                if status == "A" and path in wanted:
                    added[path] = entry.commit  # newest to oldest: the last one seen is the first
            continue
        # a big commit (a monorepo's import): look up the few paths of interest instead
        if config_path is not None:
            touches.extend((entry.commit, status) for status in entry.statuses_of(config_path))
        for path in wanted:
            if "A" in entry.statuses_of(path):
                added[path] = entry.commit
    stages = config_path is not None and (request.stage_changes or request.promotion)
    changes: tuple[StageChange, ...] = ()
    found = None
    if stages and config_path is not None and (len(entries) > 1 or not request.moves_only):  # one commit moves nothing
        if not log.names and log.touching != config_path:  # read without this file's changes
            touches = config_touches(log.root, config_path)
        if len(touches) > 1 or not request.moves_only:  # one version moves nowhere: nothing to read
            known = config_versions(log, config_path, moves_only=request.moves_only) if log.names else None
            changes = stage_changes(
                log.root, touches, config_path, complete=not log.shallow and not log.truncated, known_blobs=known
            )
        if request.promotion:
            found = promotion(log.root, changes, pathspecs(prefix, nested))
    arrivals = tuple(Arrival(category, path, added.get(path), detail) for category, path, detail in request.evidence)
    return HistoryFacts(
        prefix=prefix,
        commits=tuple(commits),
        contributors=contributors_of(commits),
        tags=tuple(t for e in entries for t in e.tags),
        arrivals=arrivals,
        stage_changes=changes,
        promotion=found,
        head=log.head,
        shallow=log.shallow,
        detached=log.detached,
        truncated=log.truncated,
        stage_changes_read=bool(stages),
    )
