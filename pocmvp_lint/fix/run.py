"""Plan the fixes for a checked run, and write them: never over an existing file, never through
a symlink, and only after reading the file again and finding what the plan expects."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pocmvp_lint.errors import LintError
from pocmvp_lint.findings import ProjectResult, RunResult
from pocmvp_lint.fix.catalogue import SCAFFOLDS, selected
from pocmvp_lint.fix.model import Edit, Facts
from pocmvp_lint.fix.validate import problem
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.inventory.filters import repository_root_of
from pocmvp_lint.inventory.listing import list_tree
from pocmvp_lint.inventory.reader import DEFAULT_LIMIT, ReadRefused, read_bounded
from pocmvp_lint.safe_write import write_text

#: Asks a person for a missing value: (project shown, key) -> answer, or None to skip.
Ask = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Request:
    """What the command line asked for."""

    selectors: tuple[str, ...] = ()
    owner: str | None = None
    feedback: str | None = None
    ci: str = "auto"
    ask: Ask | None = None
    use_git: bool = True


@dataclass(frozen=True)
class Change:
    """An edit in one repository (``root`` is the absolute folder ``edit.path`` is relative to)."""

    root: Path
    edit: Edit


@dataclass(frozen=True)
class FixPlan:
    changes: tuple[Change, ...] = ()
    notes: tuple[str, ...] = ()


def reader(root: Path) -> Callable[[str], str | None]:
    """Bounded, UTF-8 reads of repository files (None when missing, refused, too big or binary)."""

    def read(rel: str) -> str | None:
        try:
            data = read_bounded(root, rel, DEFAULT_LIMIT)
        except (OSError, ReadRefused):
            return None
        if len(data) > DEFAULT_LIMIT:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    return read


def _facts(project: ProjectResult, files: frozenset[str], request: Request) -> Facts | None:
    if project.stage is None or project.declaration is None:
        return None
    prefix = "" if project.path == "." else project.path
    root = Path(project.root)
    return Facts(
        root=root,
        project=prefix,
        home=repository_root_of(prefix),
        stage=project.stage,
        declaration=project.declaration,
        config_path=project.config_path,
        signals=project.signals,
        findings=project.findings,
        files=files,
        read=reader(root),
        owner=request.owner,
        feedback=request.feedback,
        ci=request.ci,
    )


def _answers(facts: Facts, request: Request, shown: str) -> Facts:
    """Ask for the owner and feedback channel when their rules fired and no option gave them."""
    if request.ask is None:
        return facts
    owner, feedback = facts.owner, facts.feedback
    if owner is None and facts.fired("MVP014") and _chosen("MVP014", request):
        owner = request.ask(shown, "owner")
    if feedback is None and facts.fired("MVP012") and _chosen("MVP012", request):
        feedback = request.ask(shown, "feedback")
    return replace(facts, owner=owner or None, feedback=feedback or None)


def _chosen(code: str, request: Request) -> bool:
    return not request.selectors or any(code.startswith(s) for s in request.selectors)


def plan_fixes(result: RunResult, request: Request) -> FixPlan:
    """Every selected scaffold whose finding fired, for every project with a declared stage."""
    changes: dict[tuple[Path, str], Change] = {}
    notes: list[str] = []
    listings: dict[str, frozenset[str]] = {}
    for project in result.projects:
        shown = visible(project.path)
        if project.root not in listings:
            listings[project.root] = frozenset(list_tree(Path(project.root), use_git=request.use_git).files)
        facts = _facts(project, listings[project.root], request)
        if facts is None:
            notes.append(f"{shown}: no stage declared; run `pocmvp-lint init` first")
            continue
        facts = _answers(facts, request, shown)
        for scaffold in SCAFFOLDS:
            codes = selected(scaffold, request.selectors)
            if scaffold.stage is not facts.stage or not facts.fired(*codes):
                continue
            planned = scaffold.plan(replace(facts, findings=tuple(f for f in facts.findings if f.code in codes)))
            notes.extend(f"{shown}: {note}" for note in planned.notes)
            for edit in planned.edits:
                key = (facts.root, edit.path)
                if key in changes:
                    continue
                if edit.old is None and os.path.lexists(facts.root / edit.path):
                    notes.append(f"{visible(edit.path)} exists and is never overwritten; {scaffold.name} skipped")
                    continue
                why = problem(edit.path, edit.new)
                if why is not None:
                    raise LintError(
                        f"refusing to write {visible(edit.path)}: {why} (a bug in pocmvp-lint fix; please report it)"
                    )
                changes[key] = Change(facts.root, edit)
    return FixPlan(tuple(changes.values()), tuple(dict.fromkeys(notes)))


def apply(changes: Sequence[Change]) -> list[str]:
    """Write every change after checking the file is still as planned; the paths written."""
    written: list[str] = []
    for change in changes:
        edit = change.edit
        target = change.root / edit.path
        if edit.old is None:
            if os.path.lexists(target):
                raise LintError(f"{visible(edit.path)} appeared since it was planned; not overwritten")
        elif reader(change.root)(edit.path) != edit.old:
            raise LintError(f"{visible(edit.path)} changed since it was planned; not written")
        write_text(target, edit.new, replace=edit.old is not None)
        written.append(edit.path)
    return written
