"""The change at hand: ``check --staged`` and ``check --since REF`` mark what a change introduces.

A finding is *new* when one of its evidence files (other than ``project.toml``, where
repository-level findings point) was added or changed in the range, or, for a repository-level
finding, when its rule did not fire at the base. The base is judged cheaply: only when the change
adds or deletes files of the project are the rules run again, on the base's file list (git's
index minus the files the change adds, plus those it deletes) with today's configuration.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pocmvp_lint import vcs
from pocmvp_lint.errors import LintError
from pocmvp_lint.findings import Finding, ProjectResult, RunResult

#: Status letters of ``git diff --name-status`` that mean "this path's content is new".
_TOUCHED = ("A", "M", "T", "C", "R")


@dataclass(frozen=True)
class Change:
    """A range of changes: its base commit (None before the first commit) and changed paths."""

    label: str  # "this commit", "this push", "since origin/main"
    base: str | None
    base_label: str
    status: Mapping[str, str]  # repository-relative path -> A, M, D, T

    @property
    def added(self) -> frozenset[str]:
        return frozenset(p for p, s in self.status.items() if s == "A")

    @property
    def deleted(self) -> frozenset[str]:
        return frozenset(p for p, s in self.status.items() if s == "D")

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


def resolve(root: Path, *, since: str | None = None,
            env: Mapping[str, str] | None = None) -> Change:
    """The range to judge: ``--since REF``, else pre-commit's pre-push range, else the index vs HEAD."""
    env = os.environ if env is None else env
    head = vcs.head(root)
    from_ref, to_ref = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
    if since is None and from_ref and to_ref:
        start, end = _resolve_ref(root, from_ref), _resolve_ref(root, to_ref)
        base = vcs.merge_base(root, start, end)
        if base is None:
            raise LintError(f"`{from_ref}` has no common ancestor with `{to_ref}`")
        return Change("this push", base, _push_base_label(from_ref, base, env),
                      _name_status(root, base, end))
    if since is None and env.get("PRE_COMMIT_REMOTE_NAME") and head is not None:
        # pre-push of a new branch whose whole history is new to the remote: pre-commit passes no
        # range, and every file of the pushed tree is new.
        return Change("this push", None, "a new branch, its whole history",
                      {f: "A" for f in vcs.ls_tree(root, head)})
    if since is not None:
        if head is None:
            raise LintError("--since needs at least one commit")
        start = _resolve_ref(root, since)
        base = vcs.merge_base(root, start, head)
        if base is None:
            raise LintError(f"`{since}` has no common ancestor with HEAD")
        return Change(f"since {since}", base, f"{since} (merge base {base[:7]})",
                      _name_status(root, "--cached", base))
    if head is None:
        return Change("this commit", None, "the first commit", {f: "A" for f in vcs.ls_files(root)})
    return Change("this commit", head, f"HEAD ({head[:7]})", _name_status(root, "--cached", head))


def _join(paths: Sequence[str]) -> str:
    if len(paths) <= 1:
        return "".join(paths)
    if len(paths) > 3:
        return ", ".join(paths[:3]) + f" and {len(paths) - 3} more"
    return ", ".join(paths[:-1]) + " and " + paths[-1]


def _introduce(finding: Finding, change: Change, project: ProjectResult,
               touched: Sequence[str]) -> Finding:
    if touched:
        added = [p for p in touched if change.status.get(p) == "A"]
        changed = [p for p in touched if change.status.get(p) != "A"]
        verbs = []
        if added:
            verbs.append(f"adds {_join(added)}")
        if changed:
            verbs.append(f"changes {_join(changed)}")
        lead = f"{change.label} {' and '.join(verbs)} {'in' if changed else 'to'} {project.label}"
    else:
        lead = f"with {change.label}"
    return replace(finding, new=True, message=f"{lead}: {finding.message}")


def mark_new(project: ProjectResult, change: Change, fired_at_base: frozenset[str]) -> ProjectResult:
    """``project`` with the findings ``change`` introduces marked new and listed first."""
    anchor = project.config_path
    config_added = anchor is not None and change.status.get(anchor) == "A"
    new: list[Finding] = []
    old: list[Finding] = []
    for finding in project.findings:
        paths = list(dict.fromkeys(e.path for e in finding.evidence if e.path != anchor))
        if paths:
            touched = [p for p in paths if change.status.get(p, "") in _TOUCHED]
            is_new = bool(touched)
        else:
            touched = []
            is_new = config_added or finding.code not in fired_at_base
        (new if is_new else old).append(_introduce(finding, change, project, touched) if is_new
                                         else finding)
    return project.with_findings((*new, *old))


def check_change(paths: Sequence[Path], options: Any, *, since: str | None = None,
                 toolkit: Any = None) -> tuple[RunResult, tuple[Change, ...]]:
    """`check --staged` / `check --since REF`: check today's index, mark what the range introduces."""
    from pocmvp_lint.engine import Toolkit, check_project, discover_path
    from pocmvp_lint.inventory.listing import Listing
    from pocmvp_lint.rules.history import HISTORY_CODES

    kit = toolkit or Toolkit.load()
    results: dict[tuple[str, str], ProjectResult] = {}
    changes: dict[str, Change] = {}
    for path in paths:
        listing, found = discover_path(path, options, kit)
        if not listing.is_git:
            raise LintError(f"{path}: --staged and --since need a git repository")
        key = str(listing.root)
        if key not in changes:
            changes[key] = resolve(listing.root, since=since)
        change = changes[key]
        base_listing: Listing | None = None
        for spec in found.projects:
            now = check_project(spec, found.roots, listing, options, kit)
            head = spec.prefix + "/" if spec.prefix else ""
            moved = [p for p in (*change.added, *change.deleted) if p.startswith(head)]
            fired = {f.code for f in now.findings} | {s.finding.code for s in now.suppressed}
            anchor = now.config_path
            repo_level = [f for f in now.findings if all(e.path == anchor for e in f.evidence)]
            if moved and repo_level:  # the file list differs at the base: judge the base
                if base_listing is None:
                    added = change.added
                    base_files = [f for f in listing.files if f not in added]
                    base_files += sorted(change.deleted)
                    # is_git=False: the base run reads no history (history rules stay quiet)
                    base_listing = Listing(listing.root, tuple(base_files), False)
                base = check_project(spec, found.roots, base_listing, options, kit)
                fired = {f.code for f in base.findings} | {s.finding.code for s in base.suppressed}
                fired |= HISTORY_CODES  # not judged at the base: new only through their evidence
            result = mark_new(now, change, frozenset(fired))
            results.setdefault((key if result.path == "." else "", result.path), result)
    return RunResult(projects=tuple(results.values())), tuple(changes.values())
