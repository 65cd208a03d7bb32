"""The git I/O of history: one bounded ``git log`` per repository, and the few reads around it.

git runs through ``pocmvp_lint.vcs`` (its safe environment). The log is read once for the whole
repository and shared by every project in it (``pocmvp_lint.history.collect`` filters its
commits by project folder, in Python):

* commits (sha, author date, author, subject) with their version tags (``%D``), always;
* ``--name-status`` when the paths matter: several projects share the repository, signal
  arrivals are wanted, or stage changes are (which commits touched ``project.toml``);
* ``project.toml`` at the commits that touched it (at most ``MAX_STAGE_READS``, each at most
  ``MAX_CONFIG_BYTES``, sizes checked first) through one ``cat-file`` process;
* two ``git diff --numstat`` for a POC promoted in place (STG101), only when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from operator import methodcaller
from pathlib import Path

from pocmvp_lint import vcs
from pocmvp_lint.config.toml import parse
from pocmvp_lint.detectors.sources import SOURCE_EXTS, extension, is_test_path
from pocmvp_lint.errors import ConfigError
from pocmvp_lint.history.facts import Commit, Promotion, StageChange, Tag, is_version_tag
from pocmvp_lint.inventory.filters import default_excluded
from pocmvp_lint.inventory.inventory import gc_paused
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Stage

#: Upper bound on commits read per repository (a bigger history is marked ``truncated``).
MAX_COMMITS = 250_000
#: Seconds after which the log process is killed (the history is then reported unavailable).
LOG_TIMEOUT = 120.0
#: Versions of ``project.toml`` read to find stage changes (the newest ones).
MAX_STAGE_READS = 200
MAX_CONFIG_BYTES = 64 * 1024
#: Most config blobs read at once for all the projects of a repository (``config_versions``).
MAX_PREFETCH = 2_000
#: git's empty tree: the base of a repository's first commit.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#: Commits between two progress reports.
PROGRESS_EVERY = 5_000

_FORMAT = "%x1e%H%x1f%aI%x1f%aN%x1f%aE%x1f%s%x1f%D"
_STAGE_RE = lazy_re(r"""^[ \t]*stage[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)

Progress = Callable[[int], None]


def pathspecs(prefix: str, nested: Sequence[str] = ()) -> list[str]:
    """The project's subtree minus the subtrees of projects nested in it (git pathspecs).

    The whole repository needs no pathspec, which spares git a tree diff per commit.
    """
    head = prefix + "/" if prefix else ""
    excluded = [f":(exclude,literal){n}" for n in nested if n and n != prefix and n.startswith(head)]
    if not prefix and not excluded:
        return []
    return [f":(literal){prefix}" if prefix else ".", *excluded]  # a folder named `*` is no glob


def git_problem(exc: BaseException) -> str:
    detail = str(exc).strip() or type(exc).__name__
    return f"git history could not be read ({detail})"


@dataclass(frozen=True)
class Entry:
    """One commit of the log, with the paths it changed when names were read: ``names`` and their
    statuses ``letters`` as git printed them (a letter, with a score for a copy), side by side in
    log order (a monorepo's import commit lists every path: two tuples of strings, no pair per
    path)."""

    commit: Commit
    tags: tuple[Tag, ...]
    names: tuple[str, ...] = ()
    letters: tuple[str, ...] = ()

    @property
    def changes(self) -> Iterator[tuple[str, str]]:
        """(status letter, path) of each change, in log order."""
        return ((status[:1], name) for status, name in zip(self.letters, self.names))

    @cached_property
    def paths(self) -> tuple[str, ...]:
        """The changed paths, sorted (so a folder's paths are one range, found by bisection).
        git lists a commit's paths sorted already: then sorting is one pass."""
        ordered = sorted(self.names)
        return self.names if ordered == list(self.names) else tuple(ordered)

    def named(self, name: str) -> list[tuple[str, str]]:
        """(status letter, path) of the changed files called ``name``, in log order."""
        tail = "/" + name
        names = self.names
        at = compress(range(len(names)), map(methodcaller("endswith", tail), names))
        return [(self.letters[i][:1], names[i]) for i in sorted({*at, *self._at(name)})]

    def _at(self, path: str) -> list[int]:
        names = self.names
        if self.paths is names:  # sorted as git lists them: bisect
            at = bisect_left(names, path)
            end = at
            while end < len(names) and names[end] == path:
                end += 1
            return list(range(at, end))
        return [i for i, name in enumerate(names) if name == path]

    def statuses_of(self, path: str) -> tuple[str, ...]:
        """``path``'s status letters in this commit, in log order (usually one, or none)."""
        return tuple(self.letters[i][:1] for i in self._at(path))


@dataclass(frozen=True)
class RepoLog:
    """The log of a whole repository from HEAD, newest first (read once, shared by its projects)."""

    root: Path
    head: str | None
    entries: tuple[Entry, ...]
    names: bool  # whether each entry carries the paths it changed
    shallow: bool
    detached: bool
    truncated: bool
    #: The pathspecs the log was limited to (``pathspecs``): then it holds one project's commits.
    limited_to: tuple[str, ...] = ()
    #: The one file a log without names still names where a commit changes it (``read_log``).
    touching: str | None = None
    #: Config blobs read for this log's projects, by file name (see ``config_versions``).
    _configs: dict[str, Mapping[str, bytes | None]] = field(default_factory=dict, repr=False, compare=False, hash=False)


def _run_log(root: Path, args: list[str], progress: Progress | None) -> str:
    """Run ``git log`` streaming its output (progress every ``PROGRESS_EVERY`` commits)."""
    seen = [0]

    def count(chunk: bytes) -> None:
        before = seen[0]
        seen[0] += chunk.count(b"\x1e")
        if progress is not None and seen[0] // PROGRESS_EVERY != before // PROGRESS_EVERY:
            progress(seen[0])

    return vcs.stream_log(root, args, timeout=LOG_TIMEOUT, on_chunk=count)


def _parse_log(text: str, *, names: bool, max_commits: int) -> tuple[list[Entry], bool]:
    entries: list[Entry] = []
    records = text.split("\x1e")
    for record in records[1:]:
        if len(entries) >= max_commits:
            return entries, True
        head, _, rest = record.partition("\0")
        fields = head.split("\x1f")
        if len(fields) < 6:
            continue
        sha, date, name, email, subject, refs = fields[:6]
        try:
            when = dt.datetime.fromisoformat(date.strip())
        except ValueError:
            continue
        commit = Commit(sha=sha.strip(), date=when, author=name, email=email, subject=subject)
        tags: list[Tag] = []
        if refs:
            for ref in refs.split(", "):
                ref = ref.strip()
                if ref.startswith("tag: ") and is_version_tag(ref[5:]):
                    tags.append(Tag(ref[5:], commit))
        if names and rest:
            tokens = rest.lstrip("\n").split("\0")
            pairs = len(tokens) // 2 * 2
            entries.append(Entry(commit, tuple(tags), tuple(tokens[1:pairs:2]), tuple(tokens[0:pairs:2])))
        else:
            entries.append(Entry(commit, tuple(tags)))
    return entries, False


def read_log(
    root: Path,
    *,
    names: bool,
    max_commits: int = MAX_COMMITS,
    progress: Progress | None = None,
    state: vcs.RepoState | None = None,
    limited_to: Sequence[str] = (),
    touching: str | None = None,
) -> RepoLog:
    """The repository's log from HEAD (one ``git log``); raises GitError, OSError, ValueError.

    ``state`` is HEAD as read already this run (by the listing): then git is not asked again.
    ``limited_to`` (``pathspecs``) keeps the commits that change a file there, as the log with
    names filtered by ``collect`` keeps them: every one (``--full-history``), merges never (a
    merge lists no names). ``touching`` (a log without names or limits): every commit still,
    each naming that one file where it changes it (``--sparse --full-history -- FILE``), so the
    stage changes of ``project.toml`` need no second log."""
    if state is None:
        shallow, detached, head = vcs.is_shallow(root), vcs.is_detached(root), vcs.head(root)
    else:
        shallow, detached, head = state.shallow, state.detached, state.head
    specs = tuple(limited_to)
    touching = None if names or specs else touching
    if head is None:  # no commits yet: nothing to judge, nothing missing
        return RepoLog(root, None, (), names, shallow, detached, False, specs, touching)
    args = ["-z", "--no-renames", f"--format={_FORMAT}", "--decorate-refs=refs/tags/", f"--max-count={max_commits + 1}"]
    if names or touching:
        args.append("--name-status")
    if specs:
        args += ["--full-history", "--no-merges"]
    if touching:
        specs = (f":(literal){touching}",)
        args += ["--sparse", "--full-history"]
    args += ["HEAD", "--", *specs]  # "--": a file named HEAD must not make the revision ambiguous
    text = _run_log(root, args, progress)
    with gc_paused():  # a monorepo's import commit lists every path: no cycles among them
        entries, truncated = _parse_log(text, names=names or touching is not None, max_commits=max_commits)
    return RepoLog(root, head, tuple(entries), names, shallow, detached, truncated, tuple(limited_to), touching)


def config_touches(
    root: Path,
    config_path: str,
    max_commits: int = MAX_COMMITS,
) -> list[tuple[Commit, str]]:
    """Commits touching ``config_path`` (newest first, with their status letter): a path-limited
    log, for when the repository's log was read without names."""
    args = [
        "-z",
        "--no-renames",
        f"--format={_FORMAT}",
        f"--max-count={max_commits + 1}",
        "--name-status",
        "HEAD",
        "--",
        f":(literal){config_path}",
    ]
    entries, _truncated = _parse_log(_run_log(root, args, None), names=True, max_commits=max_commits)
    return [(e.commit, status) for e in entries for status, path in e.changes if path == config_path]


def declared_stage(text: str) -> Stage | None:
    """The ``[project] stage`` of a past ``project.toml`` (None when absent or unreadable)."""
    try:
        data = parse(text, "project.toml")
    except ConfigError:
        found = _STAGE_RE.search(text)
        value = found.group(1) if found else None
    else:
        project = data.get("project")
        value = project.get("stage") if isinstance(project, dict) else None
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    return Stage(value) if value in frozenset(Stage) else None


def config_versions(log: RepoLog, path: str, *, moves_only: bool = False) -> Mapping[str, bytes | None]:
    """``sha:path`` -> blob for the newest versions (``MAX_STAGE_READS`` each) of every file named
    like ``path``'s in ``log`` (every project's ``project.toml``), read in one ``cat-file`` the
    first time a project asks and shared by the others (a monorepo's hundred projects would
    otherwise start two processes each). At most ``MAX_PREFETCH`` blobs; the rest are read later.
    ``moves_only`` (``HistoryRequest``): a file one commit touched is not read."""
    name = path[path.rfind("/") + 1 :]
    key = f"{name}\0{moves_only}"
    if key not in log._configs:
        specs: list[tuple[str, str]] = []
        seen: dict[str, int] = {}
        for entry in log.entries if log.names else ():
            named = entry.named(name)
            for status, changed in named:
                if seen.get(changed, 0) < MAX_STAGE_READS:
                    seen[changed] = seen.get(changed, 0) + 1
                    if status != "D":
                        specs.append((changed, f"{entry.commit.sha}:{changed}"))
            if len(specs) >= MAX_PREFETCH:
                break
        wanted = [spec for changed, spec in specs if not moves_only or seen[changed] > 1]
        log._configs[key] = vcs.read_blobs(log.root, wanted[:MAX_PREFETCH], MAX_CONFIG_BYTES)
    return log._configs[key]


def stage_changes(
    root: Path,
    touches: list[tuple[Commit, str]],
    path: str,
    complete: bool,
    known_blobs: Mapping[str, bytes | None] | None = None,
) -> tuple[StageChange, ...]:
    """Stage changes, oldest first, from the commits that touched ``project.toml`` (blobs read
    already, ``known_blobs``, are not read again)."""
    recent = list(reversed(touches[:MAX_STAGE_READS]))  # oldest first
    known = complete and len(touches) <= MAX_STAGE_READS and bool(recent) and recent[0][1] == "A"
    specs = [f"{commit.sha}:{path}" for commit, status in recent if status != "D"]
    have = known_blobs or {}
    blobs = {
        **{s: have[s] for s in specs if s in have},
        **vcs.read_blobs(root, [s for s in specs if s not in have], MAX_CONFIG_BYTES),
    }
    previous: Stage | None = None
    changes: list[StageChange] = []
    for index, (commit, status) in enumerate(recent):
        data = None if status == "D" else blobs.get(f"{commit.sha}:{path}")
        stage = None if data is None else declared_stage(data.decode("utf-8", "replace"))
        if (index > 0 or known) and stage != previous:
            changes.append(StageChange(before=previous, after=stage, commit=commit))
        previous = stage
    return tuple(changes)


def _numstat(root: Path, old: str, new: str, specs: list[str]) -> tuple[int, int]:
    """(added, deleted) source lines between two trees (tests, binaries and vendored trees skipped)."""
    out = vcs.diff(root, "--numstat", "-z", old, new, "--", *specs)
    added = deleted = 0
    for item in out.split("\0"):
        parts = item.split("\t", 2)
        if len(parts) != 3 or parts[0] == "-":
            continue
        path = parts[2]
        if extension(path) not in SOURCE_EXTS or is_test_path(path) or default_excluded(path):
            continue
        added += int(parts[0])
        deleted += int(parts[1])
    return added, deleted


def promotion(root: Path, changes: Sequence[StageChange], specs: list[str]) -> Promotion | None:
    promoted = [c for c in changes if c.before is Stage.POC and c.after is Stage.MVP]
    if not promoted:
        return None
    commit = promoted[-1].commit
    lines_then, _ = _numstat(root, EMPTY_TREE, commit.sha, specs)
    added, deleted = _numstat(root, commit.sha, "HEAD", specs)
    lines_now = max(0, lines_then + added - deleted)
    return Promotion(
        commit=commit,
        lines_then=lines_then,
        lines_now=lines_now,
        poc_lines=min(lines_now, max(0, lines_then - deleted)),
    )
