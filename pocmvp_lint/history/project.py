"""A project's history facts from the repository's log, read once per run and shared by its projects.

The listing's memo keeps the logs a run has read (by what they hold: file names, a file they
name, the folders they are limited to), so a monorepo's hundred projects cost one ``git log``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pocmvp_lint.errors import LintError
from pocmvp_lint.history.collect import facts_for, needs_names
from pocmvp_lint.history.facts import HistoryFacts, HistoryRequest
from pocmvp_lint.history.gitlog import RepoLog, git_problem, pathspecs, read_log
from pocmvp_lint.inventory.listing import Listing


def project_facts(
    listing: Listing,
    prefix: str,
    nested: Sequence[str],
    config_path: str | None,
    request: HistoryRequest,
    progress: Callable[[int], None] | None = None,
    *,
    alone: bool = False,
) -> HistoryFacts:
    """The history facts of the project at ``prefix`` (projects ``nested`` below it excluded;
    ``config_path`` its tracked project.toml, None when there is none). Its commits come from the
    repository's log, read once and shared by every project of the run; when the run reads
    ``alone`` this project's history and needs no file names but to pick its commits out, from a
    log limited to its folder."""
    names = needs_names(prefix, nested, request)
    if names and alone and not request.evidence:
        log = project_log(listing, pathspecs(prefix, nested))
    else:
        stages = request.stage_changes or request.promotion
        log = repo_log(listing, names, progress, touching=config_path if stages else None)
    if isinstance(log, str):
        return HistoryFacts(prefix=prefix, problem=log)
    return facts_for(log, prefix, nested=nested, config_path=config_path, request=request)


def repo_log(
    listing: Listing, names: bool, progress: Callable[[int], None] | None = None, touching: str | None = None
) -> RepoLog | str:
    """The repository's log, read once per listing and shared by its projects (a log with file
    names serves a project that needs none, too; one without names may still name the file
    ``touching``); a string says why it could not be read."""
    logs: dict[tuple[bool, str | None], RepoLog | str] = listing.memo(("git-log",), dict)
    if (True, None) in logs:
        return logs[True, None]
    key = (True, None) if names else (False, touching)
    serving = [have for have in logs if not names and touching in (None, have[1])]
    if serving:
        return logs[serving[0]]
    try:
        found: RepoLog | str = read_log(
            listing.root, names=names, progress=progress, state=listing.state, touching=key[1]
        )
    except (LintError, OSError, ValueError) as exc:
        found = git_problem(exc)
    logs[key] = found
    return found


def project_log(listing: Listing, specs: Sequence[str]) -> RepoLog | str:
    """The log of one project's commits, limited by pathspecs ``specs`` (no file names): for a run
    that reads one project's history, git finds its commits without listing every changed path
    (a monorepo's import commit names every file of the repository)."""
    logs: dict[tuple[str, ...], RepoLog | str] = listing.memo(("git-log", "limited"), dict)
    key = tuple(specs)
    if key not in logs:
        try:
            logs[key] = read_log(listing.root, names=False, state=listing.state, limited_to=key)
        except (LintError, OSError, ValueError) as exc:
            logs[key] = git_problem(exc)
    return logs[key]
