"""Read one project's history with GitPython: a single bounded ``git log`` over its subtree.

GitPython is imported here only, and this module is imported only when a history rule, the
`history` command or ``check --staged/--since`` needs it. The log is parsed in Python:

* commits (sha, author date, author, subject) with their version tags (``%D``), always;
* ``--name-status`` only when stage changes or signal arrivals are wanted, to see which commits
  touched ``project.toml`` and which added each evidence file;
* ``project.toml`` at the commits that touched it (at most ``MAX_STAGE_READS``, each at most
  ``MAX_CONFIG_BYTES``) through git's persistent ``cat-file --batch`` process;
* two ``git diff --numstat`` for a POC promoted in place (STG101), only when there is one.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pocmvp_lint.history.facts import (
    SAFE_GIT_ENV,
    Arrival,
    Commit,
    HistoryFacts,
    HistoryRequest,
    Promotion,
    StageChange,
    Tag,
    contributors_of,
    is_version_tag,
)

#: Upper bound on commits read per project (a bigger history is marked ``truncated``).
MAX_COMMITS = 250_000
#: Seconds after which the log process is killed (the history is then reported unavailable).
LOG_TIMEOUT = 120.0
#: Versions of ``project.toml`` read to find stage changes (the newest ones).
MAX_STAGE_READS = 200
MAX_CONFIG_BYTES = 64 * 1024
#: git's empty tree: the base of a repository's first commit.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#: Commits between two progress reports.
PROGRESS_EVERY = 5_000

_FORMAT = "%x1e%H%x1f%aI%x1f%aN%x1f%aE%x1f%s%x1f%D"
_STAGE_RE = re.compile(r"""^[ \t]*stage[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)

Progress = Callable[[int], None]


def pathspecs(prefix: str, nested: Sequence[str] = ()) -> list[str]:
    """The project's subtree minus the subtrees of projects nested in it (git pathspecs).

    The whole repository needs no pathspec, which spares git a tree diff per commit.
    """
    head = prefix + "/" if prefix else ""
    excluded = [f":(exclude){n}" for n in nested if n and n != prefix and n.startswith(head)]
    if not prefix and not excluded:
        return []
    return [prefix or ".", *excluded]


def _git_problem(exc: BaseException) -> str:
    stderr = getattr(exc, "stderr", "") or ""
    lines = [line.strip() for line in str(stderr).splitlines() if line.strip()]
    detail = lines[-1] if lines else type(exc).__name__
    return f"git history could not be read ({detail.strip(chr(39))})"


@dataclass
class _Log:
    commits: list[Commit]
    tags: list[Tag]
    config_touches: list[tuple[Commit, str]]  # newest first: (commit, status letter)
    added: dict[str, Commit]  # evidence path -> oldest commit adding it
    truncated: bool


def _run_log(repo: Any, args: list[str], progress: Progress | None) -> str:
    """Run ``git log`` streaming its output (progress every ``PROGRESS_EVERY`` commits)."""
    proc = repo.git.log(*args, as_process=True)
    timer = threading.Timer(LOG_TIMEOUT, proc.proc.kill)
    timer.daemon = True
    timer.start()
    chunks: list[bytes] = []
    seen = 0
    try:
        stream = proc.proc.stdout
        while True:
            chunk = stream.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            if progress is not None:
                before = seen
                seen += chunk.count(b"\x1e")
                if seen // PROGRESS_EVERY != before // PROGRESS_EVERY:
                    progress(seen)
        proc.wait()
    finally:
        timer.cancel()
    return b"".join(chunks).decode("utf-8", "replace")


def _parse_log(text: str, *, names: bool, config_path: str | None, evidence: frozenset[str],
               max_commits: int) -> _Log:
    commits: list[Commit] = []
    tags: list[Tag] = []
    touches: list[tuple[Commit, str]] = []
    added: dict[str, Commit] = {}
    truncated = False
    records = text.split("\x1e")
    for record in records[1:]:
        if len(commits) >= max_commits:
            truncated = True
            break
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
        commits.append(commit)
        if refs:
            for ref in refs.split(", "):
                ref = ref.strip()
                if ref.startswith("tag: ") and is_version_tag(ref[5:]):
                    tags.append(Tag(ref[5:], commit))
        if not names or not rest:
            continue
        tokens = rest.lstrip("\n").split("\0")
        for index in range(0, len(tokens) - 1, 2):
            status, path = tokens[index], tokens[index + 1]
            if path == config_path:
                touches.append((commit, status[:1]))
            if status[:1] == "A" and path in evidence:
                added[path] = commit  # walking newest to oldest: the last one seen is the first
    return _Log(commits, tags, touches, added, truncated)


def _declared_stage(text: str) -> str | None:
    """The ``[project] stage`` of a past ``project.toml`` (None when absent or unreadable)."""
    from pocmvp_lint.config.toml import parse
    from pocmvp_lint.errors import ConfigError

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
    return value if value in ("poc", "mvp") else None


def _stage_at(repo: Any, commit: Commit, path: str) -> str | None:
    ref = f"{commit.sha}:{path}"
    try:
        _sha, kind, size = repo.git.get_object_header(ref)
        if kind not in (b"blob", "blob") or int(size) > MAX_CONFIG_BYTES:
            return None
        data = repo.git.get_object_data(ref)[3]
    except ValueError:  # cat-file says "missing"
        return None
    return _declared_stage(data.decode("utf-8", "replace"))


def _stage_changes(repo: Any, touches: list[tuple[Commit, str]], path: str,
                   complete: bool, known_stages: dict[str, str | None] | None = None,
                   ) -> tuple[StageChange, ...]:
    """Stage changes, oldest first, from the commits that touched ``project.toml``."""
    recent = list(reversed(touches[:MAX_STAGE_READS]))  # oldest first
    known = complete and len(touches) <= MAX_STAGE_READS and bool(recent) and recent[0][1] == "A"
    previous: str | None = None
    changes: list[StageChange] = []
    for index, (commit, status) in enumerate(recent):
        if status == "D":
            stage = None
        elif known_stages is not None and f"{commit.sha}:{path}" in known_stages:
            stage = known_stages[f"{commit.sha}:{path}"]
        else:
            stage = _stage_at(repo, commit, path)
        if (index > 0 or known) and stage != previous:
            changes.append(StageChange(before=previous, after=stage, commit=commit))
        previous = stage
    return tuple(changes)


def _numstat(repo: Any, old: str, new: str, specs: list[str]) -> tuple[int, int]:
    """(added, deleted) source lines between two trees (tests, binaries and vendored trees skipped)."""
    from pocmvp_lint.detectors.sources import SOURCE_EXTS, extension, is_test_path
    from pocmvp_lint.inventory.filters import default_excluded

    out = repo.git.diff("--numstat", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", old, new,
                        "--", *specs)
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


def _promotion(repo: Any, changes: Sequence[StageChange], specs: list[str]) -> Promotion | None:
    promoted = [c for c in changes if c.before == "poc" and c.after == "mvp"]
    if not promoted:
        return None
    commit = promoted[-1].commit
    lines_then, _ = _numstat(repo, EMPTY_TREE, commit.sha, specs)
    added, deleted = _numstat(repo, commit.sha, "HEAD", specs)
    lines_now = max(0, lines_then + added - deleted)
    return Promotion(commit=commit, lines_then=lines_then, lines_now=lines_now,
                     poc_lines=min(lines_now, max(0, lines_then - deleted)))


def collect(root: Path, prefix: str = "", *, nested: Sequence[str] = (),
            config_path: str | None = None, request: HistoryRequest | None = None,
            max_commits: int = MAX_COMMITS, progress: Progress | None = None) -> HistoryFacts:
    """The history of the project at ``prefix`` in the repository at ``root``; never raises for
    git trouble (the facts then carry ``problem``)."""
    request = request or HistoryRequest()
    try:
        import git
    except ImportError:  # pragma: no cover - GitPython is a dependency
        return HistoryFacts(prefix=prefix, problem="GitPython is not installed")
    try:
        repo = git.Repo(root)
        repo.git.update_environment(**SAFE_GIT_ENV)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
        return HistoryFacts(prefix=prefix, problem=f"not a git repository ({exc})")
    try:
        with repo:
            return _collect(repo, prefix, nested, config_path, request, max_commits, progress)
    except (git.exc.GitError, OSError, ValueError) as exc:
        return HistoryFacts(prefix=prefix, problem=_git_problem(exc))


def _collect(repo: Any, prefix: str, nested: Sequence[str], config_path: str | None,
             request: HistoryRequest, max_commits: int, progress: Progress | None) -> HistoryFacts:
    shallow = os.path.exists(os.path.join(repo.common_dir, "shallow"))
    detached = bool(repo.head.is_detached)
    if not repo.head.is_valid():  # no commits yet: nothing to judge, nothing missing
        return HistoryFacts(prefix=prefix, shallow=shallow, detached=detached)
    head = repo.head.commit.hexsha
    specs = pathspecs(prefix, nested)
    wanted = frozenset(path for _c, path, _d in request.evidence)
    stages = config_path is not None and (request.stage_changes or request.promotion)
    # File names for the whole subtree only when arrivals are wanted (`history`); stage changes
    # alone need the names of project.toml only, which a path-limited log gives far cheaper.
    names = bool(wanted)
    args = ["-z", "--no-renames", f"--format={_FORMAT}", "--decorate-refs=refs/tags/",
            f"--max-count={max_commits + 1}"]
    if names:
        args.append("--name-status")
    args += ["HEAD", "--", *specs]
    log = _parse_log(_run_log(repo, args, progress), names=names, config_path=config_path,
                     evidence=wanted, max_commits=max_commits)
    touches = log.config_touches
    if stages and not names and config_path is not None:
        config_args = ["-z", "--no-renames", f"--format={_FORMAT}", f"--max-count={max_commits + 1}",
                       "--name-status", "HEAD", "--", config_path]
        touches = _parse_log(_run_log(repo, config_args, None), names=True, config_path=config_path,
                             evidence=frozenset(), max_commits=max_commits).config_touches
    changes: tuple[StageChange, ...] = ()
    promotion = None
    if stages and config_path is not None:
        changes = _stage_changes(repo, touches, config_path,
                                 complete=not shallow and not log.truncated)
        if request.promotion:
            promotion = _promotion(repo, changes, specs)
    arrivals = tuple(Arrival(category, path, log.added.get(path), detail)
                     for category, path, detail in request.evidence)
    return HistoryFacts(
        prefix=prefix, commits=tuple(log.commits), contributors=contributors_of(log.commits),
        tags=tuple(log.tags), arrivals=arrivals, stage_changes=changes, promotion=promotion,
        head=head, shallow=shallow, detached=detached, truncated=log.truncated,
        stage_changes_read=bool(stages),
    )


# ---- one log for a repository of many projects --------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One commit of the repository log with its version tags and changed paths."""

    commit: Commit
    tags: tuple[Tag, ...]
    changes: tuple[tuple[str, str, str], ...]  # (status letter, repository-relative path, new blob)


@dataclass(frozen=True)
class RepositoryHistory:
    """The history of a repository holding many projects, read once: one ``git log`` over every
    path, each commit filed under the projects whose files it touched (the deepest declaring
    project folder owns a path, as a per-project log with nested projects excluded sees it)."""

    root: Path
    entries: tuple[_Entry, ...]
    #: project folder -> (index into entries, the changes of that commit inside the project), newest first
    by_project: dict[str, tuple[tuple[int, tuple[tuple[str, str, str], ...]], ...]]
    #: ``sha:path`` of past project.toml versions -> the stage they declare (read in one batch)
    stages: dict[str, str | None] = field(default_factory=dict)
    head: str | None = None
    shallow: bool = False
    detached: bool = False
    truncated: bool = False
    problem: str | None = None
    #: One GitPython repository (one ``cat-file`` process) shared by every project's stage reads.
    _repo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def _git(self) -> Any:
        if "repo" not in self._repo:
            import git

            repo = git.Repo(self.root)
            repo.git.update_environment(**SAFE_GIT_ENV)
            self._repo["repo"] = repo
        return self._repo["repo"]

    def facts(self, prefix: str, nested: Sequence[str], config_path: str | None,
              request: HistoryRequest) -> HistoryFacts:
        """What ``collect`` reports for the project at ``prefix``, from the shared log."""
        if self.problem is not None:
            return HistoryFacts(prefix=prefix, problem=self.problem)
        if self.head is None:
            return HistoryFacts(prefix=prefix, shallow=self.shallow, detached=self.detached)
        owned = self.by_project.get(prefix, ())
        mine = [self.entries[i] for i, _changes in owned]
        commits = tuple(e.commit for e in mine)
        wanted = frozenset(path for _c, path, _d in request.evidence)
        added: dict[str, Commit] = {}
        touches: list[tuple[Commit, str]] = []
        for entry, (_i, inside) in zip(mine, owned):
            for status, path, _blob in inside:
                if path == config_path:
                    touches.append((entry.commit, status[:1]))
                if status[:1] == "A" and path in wanted:
                    added[path] = entry.commit
        stages = config_path is not None and (request.stage_changes or request.promotion)
        changes: tuple[StageChange, ...] = ()
        promotion = None
        if stages and config_path is not None:
            import git

            try:
                repo = self._git()
                changes = _stage_changes(repo, touches, config_path,
                                         complete=not self.shallow and not self.truncated,
                                         known_stages=self.stages)
                if request.promotion:
                    promotion = _promotion(repo, changes, pathspecs(prefix, nested))
            except (git.exc.GitError, OSError, ValueError) as exc:
                return HistoryFacts(prefix=prefix, problem=_git_problem(exc))
        return HistoryFacts(
            prefix=prefix, commits=commits, contributors=contributors_of(commits),
            tags=tuple(t for e in mine for t in e.tags),
            arrivals=tuple(Arrival(category, path, added.get(path), detail)
                           for category, path, detail in request.evidence),
            stage_changes=changes, promotion=promotion, head=self.head, shallow=self.shallow,
            detached=self.detached, truncated=self.truncated, stage_changes_read=bool(stages),
        )


def _owner(path: str, roots: frozenset[str]) -> str | None:
    """The deepest project folder in ``roots`` holding ``path`` (None when none does)."""
    folder = path
    while True:
        folder = folder.rpartition("/")[0]  # "" once at the top
        if folder in roots:
            return folder
        if not folder:
            return None


def read_repository(root: Path, roots: Sequence[str], max_commits: int = MAX_COMMITS,
                    ) -> RepositoryHistory:
    """One bounded ``git log --name-status`` over the whole repository, filed per project."""
    try:
        import git
    except ImportError:  # pragma: no cover - GitPython is a dependency
        return RepositoryHistory(root, (), {}, problem="GitPython is not installed")
    try:
        repo = git.Repo(root)
        repo.git.update_environment(**SAFE_GIT_ENV)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
        return RepositoryHistory(root, (), {}, problem=f"not a git repository ({exc})")
    try:
        with repo:
            shallow = os.path.exists(os.path.join(repo.common_dir, "shallow"))
            detached = bool(repo.head.is_detached)
            if not repo.head.is_valid():
                return RepositoryHistory(root, (), {}, shallow=shallow, detached=detached)
            head = repo.head.commit.hexsha
            # --raw, not --name-status: it names each new blob, so past project.toml versions are
            # read by blob id (a ``commit:path`` lookup scans a large tree once per project).
            args = ["-z", "--no-renames", f"--format={_FORMAT}", "--decorate-refs=refs/tags/",
                    f"--max-count={max_commits + 1}", "--raw", "--no-abbrev", "HEAD"]
            text = _run_log(repo, args, None)
            entries, truncated = _entries(text, max_commits)
            by_project = _file_per_project(entries, frozenset(roots))
            try:
                stages = _read_stages(repo, _stage_refs(by_project, entries))
            except (git.exc.GitError, OSError, ValueError, IndexError):
                stages = {}  # each project then reads its own, reporting any error itself
    except (git.exc.GitError, OSError, ValueError) as exc:
        return RepositoryHistory(root, (), {}, problem=_git_problem(exc))
    return RepositoryHistory(root, entries, by_project, stages=stages, head=head, shallow=shallow,
                             detached=detached, truncated=truncated)


def _file_per_project(entries: Sequence[_Entry], owners: frozenset[str],
                      ) -> dict[str, tuple[tuple[int, tuple[tuple[str, str, str], ...]], ...]]:
    """Each commit's changes split by the project owning each path (newest commit first)."""
    by_project: dict[str, list[tuple[int, tuple[tuple[str, str, str], ...]]]] = {}
    for index, entry in enumerate(entries):
        split: dict[str, list[tuple[str, str, str]]] = {}
        for change in entry.changes:
            project = _owner(change[1], owners)
            if project is not None:
                split.setdefault(project, []).append(change)
        for project, changes in split.items():
            by_project.setdefault(project, []).append((index, tuple(changes)))
    return {k: tuple(v) for k, v in by_project.items()}


def _stage_refs(by_project: dict[str, tuple[tuple[int, tuple[tuple[str, str, str], ...]], ...]],
                entries: Sequence[_Entry]) -> list[tuple[str, str]]:
    """(``sha:path``, blob id) of each project's newest ``MAX_STAGE_READS`` project.toml versions."""
    refs: list[tuple[str, str]] = []
    for project, owned in by_project.items():
        config = posixpath.join(project, "project.toml") if project else "project.toml"
        seen = 0
        for index, changes in owned:
            for status, path, blob in changes:
                if path == config and seen < MAX_STAGE_READS:
                    seen += 1
                    if status[:1] != "D":
                        refs.append((f"{entries[index].commit.sha}:{path}", blob))
    return refs


def _batch(repo: Any, option: str, requests: list[str]) -> bytes:
    """One ``git cat-file`` batch run over ``requests`` (fed and drained without deadlock)."""
    proc = repo.git.cat_file(option, as_process=True, istream=subprocess.PIPE)
    try:
        out, _err = proc.proc.communicate(("\n".join(requests) + "\n").encode("utf-8", "surrogateescape"),
                                          timeout=LOG_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.proc.kill()
        proc.proc.wait()
        raise ValueError("git cat-file timed out") from None
    if proc.proc.returncode:
        raise ValueError(f"git cat-file exited with {proc.proc.returncode}")
    return bytes(out)


def _read_stages(repo: Any, refs: list[tuple[str, str]]) -> dict[str, str | None]:
    """The declared stage of each ``sha:path`` blob: sizes in one ``cat-file --batch-check``, then
    the small ones in one ``cat-file --batch`` (two git processes however many projects)."""
    if not refs:
        return {}
    checked = _batch(repo, "--batch-check", [blob for _ref, blob in refs]).decode("utf-8", "replace")
    small = []
    out: dict[str, str | None] = {ref: None for ref, _blob in refs}
    for (ref, _blob), line in zip(refs, checked.splitlines()):
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob" and int(parts[2]) <= MAX_CONFIG_BYTES:
            small.append((ref, parts[0], int(parts[2])))
    if not small:
        return out
    data = _batch(repo, "--batch", [sha for _r, sha, _n in small])
    position = 0
    for ref, _sha, size in small:
        header_end = data.index(b"\n", position)
        body = data[header_end + 1:header_end + 1 + size]
        out[ref] = _declared_stage(body.decode("utf-8", "replace"))
        position = header_end + 1 + size + 1
    return out


def _entries(text: str, max_commits: int) -> tuple[tuple[_Entry, ...], bool]:
    """Commits of a ``git log -z --raw --no-abbrev`` (each change ``:modes old new status``, path)."""
    entries: list[_Entry] = []
    for record in text.split("\x1e")[1:]:
        if len(entries) >= max_commits:
            return tuple(entries), True
        head, _, rest = record.partition("\0")
        one = _parse_log("\x1e" + head, names=False, config_path=None, evidence=frozenset(),
                         max_commits=1)
        if not one.commits:
            continue
        tokens = rest.lstrip("\n").split("\0")
        changes: list[tuple[str, str, str]] = []
        for index in range(0, len(tokens) - 1, 2):
            fields = tokens[index].split()
            if len(fields) == 5 and fields[0].startswith(":"):
                changes.append((fields[4], tokens[index + 1], fields[3]))
        entries.append(_Entry(one.commits[0], tuple(one.tags), tuple(changes)))
    return tuple(entries), False
