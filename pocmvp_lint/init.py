"""`pocmvp-lint init`: the commented project.toml a team starts from."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

import click

from pocmvp_lint.config.declared_elsewhere import CATALOG, Declared, declared_in
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.inventory.listing import list_tree

POC_DAYS = 42  # six weeks: a typical POC timebox


@dataclass(frozen=True)
class Answers:
    stage: Optional[str] = None
    name: Optional[str] = None
    owner: Optional[str] = None
    hypothesis: Optional[str] = None
    started: Optional[str] = None
    ends: Optional[str] = None
    feedback: Optional[str] = None


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-31") from None


@dataclass(frozen=True)
class Proposal:
    """What the project's other declarations suggest (docs/stage-sources.md): a stage when they
    agree (``because`` says where from, ``problem`` why there is none), name and owner from
    ``catalog-info.yaml``."""

    stage: Optional[str] = None
    name: Optional[str] = None
    owner: Optional[str] = None
    because: str = ""
    problem: str = ""


def propose(directory: Path) -> Proposal:
    """Read the stage declared elsewhere in ``directory``: in the files git lists, or in the
    folder's own files when git lists none there (a repository before its first commit)."""
    if not directory.is_dir():
        return Proposal(problem="the folder does not exist yet")
    listing = list_tree(directory)
    rel = directory.resolve().relative_to(listing.root).as_posix()
    prefix = "" if rel == "." else rel
    head = prefix + "/" if prefix else ""
    if not any(f.startswith(head) for f in listing.files):
        listing, prefix = list_tree(directory, use_git=False), ""
    return _proposal(declared_in(listing.root, prefix, frozenset(listing.files)))


def _proposal(found: Declared) -> Proposal:
    catalog = [c for c in found.claims if c.source == CATALOG and (c.name or c.owner)]
    name = catalog[0].name if catalog else None
    owner = catalog[0].owner if catalog else None
    said = "; ".join(f"{c.where} says {c.text} ({c.stage.label})" for c in found.staged if c.stage)
    if found.stage is not None:
        return Proposal(found.stage.value, name, owner, because=said)
    problem = (
        f"the declarations elsewhere disagree: {said}"
        if found.disagree
        else "no catalog-info.yaml lifecycle, Development Status classifier or repostatus.org badge here gives a stage"
    )
    return Proposal(None, name, owner, problem=problem)


def prefill(answers: Answers, proposed: Proposal) -> Answers:
    """``answers`` with name and owner from ``proposed`` where the command line gave none."""
    return replace(answers, name=answers.name or proposed.name, owner=answers.owner or proposed.owner)


def ask(answers: Answers, proposed: Proposal = Proposal()) -> Answers:
    """Prompt for what was not given on the command line (defaults: what ``proposed`` found)."""
    if proposed.because:
        click.echo(visible(f"Found: {proposed.because}"))
    stage = click.prompt(
        "Stage (poc = prove feasibility, throwaway; mvp = production-ready, real users)",
        type=click.Choice(["poc", "mvp"]),
        default=proposed.stage or "poc",
    )
    name = (
        answers.name
        or click.prompt("Project name", default=proposed.name or "", show_default=bool(proposed.name))
        or None
    )
    owner = (
        answers.owner
        or click.prompt("Owner (person or team)", default=proposed.owner or "", show_default=bool(proposed.owner))
        or None
    )
    hypothesis = answers.hypothesis
    feedback = answers.feedback
    if stage == "poc" and not hypothesis:
        hypothesis = click.prompt("Hypothesis the POC must prove", default="", show_default=False) or None
    if stage == "mvp" and not feedback:
        feedback = (
            click.prompt("Where user feedback is collected (URL or text)", default="", show_default=False) or None
        )
    default_end = (dt.date.today() + dt.timedelta(days=POC_DAYS)).isoformat()
    ends = answers.ends or click.prompt("Timebox end / review date (YYYY-MM-DD)", default=default_end, value_proc=_date)
    return replace(answers, stage=stage, name=name, owner=owner, hypothesis=hypothesis, ends=ends, feedback=feedback)


def complete(answers: Answers) -> Answers:
    """Fill defaults for a non-interactive run (stage poc, started today)."""
    stage = (answers.stage or "poc").lower()
    ends = _date(answers.ends) if answers.ends else None
    if ends is None and stage == "poc":
        ends = (dt.date.today() + dt.timedelta(days=POC_DAYS)).isoformat()
    return replace(answers, stage=stage, started=answers.started or dt.date.today().isoformat(), ends=ends)


def _string(value: Optional[str]) -> str:
    return json.dumps(value or "", ensure_ascii=False)  # a JSON string is a valid TOML basic string


def render(a: Answers) -> str:
    """The file text: every key present, explained, unset ones commented out."""

    def line(key: str, value: Optional[str], comment: str, *, date: bool = False) -> str:
        if value:
            rendered = value if date else _string(value)
            return f"{key} = {rendered}  # {comment}"
        return f"# {key} = {'2026-12-31' if date else _string('...')}  # {comment}"

    poc = a.stage == "poc"
    meaning = (
        "a proof of concept: answers one feasibility question, is thrown away after, and is "
        "never deployed to production"
        if poc
        else "a minimum viable product: one user flow end to end, production-ready, in front of "
        "real users to gather feedback"
    )
    return "\n".join(
        [
            "# Declares what this repository is, for people and for pocmvp-lint.",
            f"# This project is {meaning}.",
            "# Docs: `pocmvp-lint rules`, `pocmvp-lint explain CODE`.",
            "[project]",
            f'stage = "{a.stage}"  # "poc" or "mvp"',
            line("name", a.name, "human name of the project"),
            line("owner", a.owner, "person or team accountable for it"),
            line("hypothesis", a.hypothesis, "what the POC must prove (POC001)"),
            line("started", a.started, "when the work started", date=True),
            line("ends", a.ends, "POC timebox end / MVP review date (POC002, POC003)", date=True),
            '# kind = "service"  # or "library", "tool": MVP008 and MVP009 check services only',
            line("audience", None, "who the MVP serves"),
            line("feedback", a.feedback, "where MVP user feedback is collected (MVP012)"),
            "",
            "[lint]",
            '# fail-on = "error"            # error | warning | info | never',
            '# ignore = { POC101 = "Dockerfile only runs the demo locally" }',
            '# exclude = ["scratch/"]       # gitignore-style patterns',
            "",
        ]
    )
