"""The change at hand: ``check --staged`` and ``check --since REF`` mark what a change introduces.

A finding is *new* when one of its evidence files (other than ``project.toml``, where
repository-level findings point) was added or changed in the range, or, for a repository-level
finding, when its rule did not fire at the base. This module holds the range (one
``git diff --name-status``), the base's file list derived from today's (no second listing), the
base's contents of changed files (bounded blob reads, only for files a detector reads) and the
marking; ``pocmvp_lint.engine.check_change`` runs detection and rules over the base.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pocmvp_lint import vcs
from pocmvp_lint.errors import LintError
from pocmvp_lint.history.gitlog import MAX_CONFIG_BYTES, declared_stage
from pocmvp_lint.inventory.listing import without
from pocmvp_lint.inventory.reader import Reader, decode_text
from pocmvp_lint.model import Stage


@dataclass(frozen=True)
class Change:
    """A range of changes: its base commit (None before the first commit) and changed paths."""

    label: str  # "this commit", "this push", "since origin/main"
    base: str | None
    base_label: str
    status: Mapping[str, str]  # repository-relative path -> A, M, D, T
    head: str = "index"  # what is judged: git's index, or the commit a push ends at

    @property
    def added(self) -> frozenset[str]:
        return frozenset(p for p, s in self.status.items() if s == "A")

    @property
    def deleted(self) -> frozenset[str]:
        return frozenset(p for p, s in self.status.items() if s == "D")

    def base_files(self, files: Sequence[str]) -> tuple[str, ...]:
        """The base's file list from today's: minus the files the range adds, plus those it
        deletes (git reports a rename as a deletion and an addition)."""
        return (*without(files, self.added), *sorted(self.deleted))

    def base_stage(self, root: Path, config_path: str | None) -> tuple[bool, Stage | None]:
        """(changed, stage declared at the base) for the ``project.toml`` at ``config_path``:
        changed is False when the range does not touch it."""
        status = None if config_path is None else self.status.get(config_path)
        if status is None or config_path is None:
            return False, None
        if status == "A" or self.base is None:
            return True, None
        data = vcs.read_blobs(root, [f"{self.base}:{config_path}"], MAX_CONFIG_BYTES)
        blob = data.get(f"{self.base}:{config_path}")
        return True, None if blob is None else declared_stage(blob.decode("utf-8", "replace"))

    def describe(self) -> str:
        count = len(self.status)
        if self.base is None:
            return f"{self.label}: {count} path{'s' if count != 1 else ''}, all new ({self.base_label})"
        return f"{self.label}: {count} path{'s' if count != 1 else ''} changed against {self.base_label}"


def _push_base_label(from_ref: str, base: str, env: Mapping[str, str]) -> str:
    """Name the pushed-onto commit once: ``origin/main (1a2b3c4)``, never the same sha twice."""
    remote, branch = env.get("PRE_COMMIT_REMOTE_NAME", ""), env.get("PRE_COMMIT_REMOTE_BRANCH", "")
    if remote and branch:
        return f"{remote}/{branch.removeprefix('refs/heads/')} ({base[:7]})"
    if all(c in "0123456789abcdef" for c in from_ref.lower()):
        return base[:7]
    return f"{from_ref} ({base[:7]})"


def _name_status(root: Path, *args: str) -> dict[str, str]:
    tokens = vcs.diff(root, "--name-status", "-z", *args).split("\0")
    return {tokens[i + 1]: tokens[i][:1] for i in range(0, len(tokens) - 1, 2)}


def _resolve_ref(root: Path, ref: str) -> str:
    commit = vcs.commit_of(root, ref)
    if commit is None:
        raise LintError(f"`{ref}` is not a commit in this repository")
    return commit


def resolve(
    root: Path, *, since: str | None = None, env: Mapping[str, str] | None = None, state: vcs.RepoState | None = None
) -> Change:
    """The range to judge: ``--since REF``, else pre-commit's pre-push range, else the index vs HEAD
    (``state``: HEAD as read already this run)."""
    env = os.environ if env is None else env
    head = vcs.head(root) if state is None else state.head
    from_ref, to_ref = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
    if since is None and from_ref and to_ref:
        start, end = _resolve_ref(root, from_ref), _resolve_ref(root, to_ref)
        base = vcs.merge_base(root, start, end)
        if base is None:
            raise LintError(f"`{from_ref}` has no common ancestor with `{to_ref}`")
        return Change("this push", base, _push_base_label(from_ref, base, env), _name_status(root, base, end), head=end)
    if since is None and env.get("PRE_COMMIT_REMOTE_NAME") and head is not None:
        # pre-push of a new branch whose whole history is new to the remote: pre-commit passes no
        # range, and every file of the pushed tree is new.
        return Change(
            "this push", None, "a new branch, its whole history", {f: "A" for f in vcs.ls_tree(root, head)}, head=head
        )
    if since is not None:
        if head is None:
            raise LintError("--since needs at least one commit")
        start = _resolve_ref(root, since)
        base = vcs.merge_base(root, start, head)
        if base is None:
            raise LintError(f"`{since}` has no common ancestor with HEAD")
        return Change(f"since {since}", base, f"{since} (merge base {base[:7]})", _name_status(root, "--cached", base))
    if head is None:
        return Change("this commit", None, "the first commit", {f: "A" for f in vcs.ls_files(root)})
    return Change("this commit", head, f"HEAD ({head[:7]})", _name_status(root, "--cached", head))


@dataclass
class BaseReader(Reader):
    """Reads a project's files as they were at the base of ``change``: unchanged files from the
    work tree (as today), changed ones as git blobs of the base commit (bounded, read only when
    a detector asks), added ones as absent."""

    repo_root: Path = Path()
    prefix: str = ""
    change: Change | None = None

    def _read(self, path: str) -> str | None:
        change = self.change
        full = f"{self.prefix}/{path}" if self.prefix else path
        status = None if change is None else change.status.get(full)
        if status is None or change is None:
            return super()._read(path)
        if status == "A" or change.base is None:
            return None
        spec = f"{change.base}:{full}"
        try:
            blob = vcs.read_blobs(self.repo_root, [spec], self.limit).get(spec)
        except (vcs.GitError, OSError, ValueError):
            return None
        return None if blob is None else decode_text(blob)

    def _status(self, path: str) -> str | None:
        change = self.change
        return None if change is None else change.status.get(f"{self.prefix}/{path}" if self.prefix else path)

    def touched(self) -> frozenset[str]:
        change = self.change
        if change is None:
            return frozenset()
        if not self.prefix:
            return frozenset(change.status)
        head = self.prefix + "/"
        return frozenset(p[len(head) :] for p in change.status if p.startswith(head))

    def as_today(self, path: str) -> bool:
        return self._status(path) is None

    def heads(self, paths: list[str], limit: int) -> Iterator[tuple[str, bytes]]:
        """Unchanged files from the work tree; changed ones as base blobs (at most ``limit``
        bytes: a bigger blob is not read); added ones are absent."""
        change = self.change
        touched = {p for p in paths if not self.as_today(p)}
        blobs: dict[str, bytes | None] = {}
        if touched and change is not None and change.base is not None:
            specs = {p: f"{change.base}:{self.prefix}/{p}" if self.prefix else f"{change.base}:{p}" for p in touched}
            wanted = [specs[p] for p in sorted(touched) if self._status(p) != "A"]
            try:
                found = vcs.read_blobs(self.repo_root, wanted, limit)
            except (vcs.GitError, OSError, ValueError):
                found = {}
            blobs = {p: found.get(spec) for p, spec in specs.items()}
        today = iter(super().heads([p for p in paths if p not in touched], limit))
        upcoming = next(today, None)
        for path in paths:
            if path in touched:
                blob = blobs.get(path)
                if blob is not None:
                    yield path, blob
                continue
            if upcoming is not None and upcoming[0] == path:
                yield upcoming
                upcoming = next(today, None)
