"""`pocmvp-lint init`: the commented project.toml a team starts from."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Optional

import click

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


def ask(answers: Answers) -> Answers:
    """Prompt for what was not given on the command line."""
    stage = click.prompt("Stage (poc = prove feasibility, throwaway; mvp = production-ready, real users)",
                         type=click.Choice(["poc", "mvp"]), default="poc")
    name = answers.name or click.prompt("Project name", default="", show_default=False) or None
    owner = answers.owner or click.prompt("Owner (person or team)", default="", show_default=False) or None
    hypothesis = answers.hypothesis
    feedback = answers.feedback
    if stage == "poc" and not hypothesis:
        hypothesis = click.prompt("Hypothesis the POC must prove", default="", show_default=False) or None
    if stage == "mvp" and not feedback:
        feedback = click.prompt("Where user feedback is collected (URL or text)", default="",
                                show_default=False) or None
    default_end = (dt.date.today() + dt.timedelta(days=POC_DAYS)).isoformat()
    ends = answers.ends or click.prompt("Timebox end / review date (YYYY-MM-DD)",
                                        default=default_end, value_proc=_date)
    return replace(answers, stage=stage, name=name, owner=owner, hypothesis=hypothesis,
                   ends=ends, feedback=feedback)


def complete(answers: Answers) -> Answers:
    """Fill defaults for a non-interactive run (stage poc, started today)."""
    stage = (answers.stage or "poc").lower()
    ends = _date(answers.ends) if answers.ends else None
    if ends is None and stage == "poc":
        ends = (dt.date.today() + dt.timedelta(days=POC_DAYS)).isoformat()
    return replace(answers, stage=stage, started=answers.started or dt.date.today().isoformat(),
                   ends=ends)


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
    meaning = ("a proof of concept: answers one feasibility question, is thrown away after, and is "
               "never deployed to production" if poc else
               "a minimum viable product: one user flow end to end, production-ready, in front of "
               "real users to gather feedback")
    return "\n".join([
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
        line("audience", None, "who the MVP serves"),
        line("feedback", a.feedback, "where MVP user feedback is collected (MVP012)"),
        "",
        "[lint]",
        '# fail-on = "error"            # error | warning | info | never',
        '# ignore = { POC101 = "Dockerfile only runs the demo locally" }',
        '# exclude = ["scratch/"]       # gitignore-style patterns',
        "",
    ])
