"""What a project's git history shows, as plain frozen data (this module never imports git).

``HistoryFacts`` is what the history rules see through ``RuleContext.history`` and what the
`history` command charts. ``pocmvp_lint.history.collect`` fills it from one bounded ``git log``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional

from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category, Stage

#: Signal categories that mean "this is being run in production" (the drift timeline's subject).
PRODUCTION_CATEGORIES: tuple[Category, ...] = (
    Category.CONTAINER,
    Category.ORCHESTRATION,
    Category.IAC,
    Category.PAAS,
    Category.CI_DEPLOY,
    Category.PROD_CONFIG,
    Category.RELEASE,
    Category.OBSERVABILITY,
    Category.HEALTH_CHECK,
    Category.MIGRATIONS,
)

#: A version tag: ``1.2``, ``v1.2.3``; in a monorepo also ``recs/v1.2`` or ``recs@1.2.3``.
VERSION_TAG = lazy_re(r"^v?\d+\.\d+(?:\.\d+)?$")


def is_version_tag(name: str) -> bool:
    """``VERSION_TAG`` on the part after the last ``/`` or ``@`` (a component's own version)."""
    version = name[max(name.rfind("/"), name.rfind("@")) + 1 :]
    return "\n" not in name and VERSION_TAG.fullmatch(version) is not None


@dataclass(frozen=True)
class Commit:
    """One commit as the log shows it (author identity and date, after .mailmap)."""

    sha: str
    date: dt.datetime
    author: str
    email: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> dt.date:
        """The author's calendar date (in the author's own time zone)."""
        return self.date.date()

    def cite(self, limit: int = 60) -> str:
        """``abc1234 2026-01-02 "subject"``: how findings and reports name a commit."""
        subject = self.subject if len(self.subject) <= limit else self.subject[: limit - 1] + "…"
        return f'{self.short} {self.day.isoformat()} "{subject}"'

    def as_dict(self) -> dict[str, str]:
        return {
            "sha": self.sha,
            "short": self.short,
            "date": self.date.isoformat(),
            "author": self.author,
            "email": self.email,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class Contributor:
    """A distinct author (by e-mail, else name) with their first and latest commits."""

    name: str
    email: str
    commits: int
    first: Commit
    last: Commit


@dataclass(frozen=True)
class Tag:
    """A version tag on a commit that HEAD reaches."""

    name: str
    commit: Commit


@dataclass(frozen=True)
class Arrival:
    """When a production signal present today first arrived: the commit adding its evidence file.

    ``commit`` is None when the file is not in the history read (staged only, or older than a
    shallow clone's boundary).
    """

    category: str
    path: str
    commit: Optional[Commit]
    detail: str = ""


@dataclass(frozen=True)
class StageChange:
    """A commit that changed the ``stage`` declared in ``project.toml`` (None: not declared)."""

    before: Optional[Stage]
    after: Optional[Stage]
    commit: Commit

    @property
    def arrow(self) -> str:
        return f"{self.before or 'none'}→{self.after or 'none'}"


@dataclass(frozen=True)
class Promotion:
    """A POC promoted to MVP in place, and how much of today's source dates from before it.

    Lines are source lines (program files) of the project. ``poc_lines`` estimates the lines
    that survive from the POC era: lines at the promotion minus lines deleted since (every
    deletion is counted against the POC era, so the share is a lower bound).
    """

    commit: Commit
    lines_then: int
    lines_now: int
    poc_lines: int

    @property
    def share(self) -> float:
        return self.poc_lines / self.lines_now if self.lines_now > 0 else 0.0


@dataclass(frozen=True)
class HistoryRequest:
    """Which facts a caller needs: each costs work, nothing else is read."""

    stage_changes: bool = True
    promotion: bool = False
    #: (category, repository-relative path, detail) of production signals to date.
    evidence: tuple[tuple[str, str, str], ...] = ()
    #: Stage changes matter only as moves from one declared stage to another (the rules judge
    #: promotions and returns): a ``project.toml`` that one commit touched has none, and none of
    #: its versions is read. The timeline wants the first declaration too (False).
    moves_only: bool = False


@dataclass(frozen=True)
class HistoryFacts:
    """The history of one project's subtree, as far as HEAD reaches (newest commit first).

    ``problem`` is set when git could not be read at all; ``shallow`` and ``truncated`` mean the
    commits are a recent part of the history only. A repository without commits has none.
    """

    prefix: str = ""
    commits: tuple[Commit, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    tags: tuple[Tag, ...] = ()
    arrivals: tuple[Arrival, ...] = ()
    stage_changes: tuple[StageChange, ...] = ()
    promotion: Optional[Promotion] = None
    head: Optional[str] = None
    shallow: bool = False
    detached: bool = False
    truncated: bool = False
    problem: Optional[str] = None
    stage_changes_read: bool = field(default=True, compare=False)

    @property
    def first(self) -> Commit | None:
        return self.commits[-1] if self.commits else None

    @property
    def last(self) -> Commit | None:
        return self.commits[0] if self.commits else None

    @property
    def count(self) -> int:
        return len(self.commits)

    @property
    def complete(self) -> bool:
        """True when every commit of the project's history was read."""
        return self.problem is None and not self.shallow and not self.truncated

    @property
    def active_days(self) -> int:
        """Days the project was worked on: from its first commit to its latest (0 without commits)."""
        first, last = self.first, self.last
        return (last.day - first.day).days if first is not None and last is not None else 0

    def after(self, day: dt.date) -> tuple[Commit, ...]:
        """Commits authored after ``day`` (newest first)."""
        return tuple(c for c in self.commits if c.day > day)

    def incompleteness(self) -> str | None:
        """Why the history is partial, in words, or None when it is complete."""
        if self.problem is not None:
            return self.problem
        oldest = self.first
        if self.shallow:
            where = f"; the oldest commit present is {oldest.cite()}" if oldest else ""
            return (
                f"this is a shallow clone{where}: fetch the full history "
                "(`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
            )
        if self.truncated:
            return f"only the newest {self.count} commits were read"
        return None


def contributors_of(commits: Iterable[Commit]) -> tuple[Contributor, ...]:
    """Distinct authors of ``commits`` (newest first), most commits first."""
    table: dict[str, list[Commit]] = {}
    for commit in commits:
        key = commit.email.lower() or commit.author.lower()
        table.setdefault(key, []).append(commit)
    people = [
        Contributor(name=c[0].author, email=c[0].email, commits=len(c), first=c[-1], last=c[0]) for c in table.values()
    ]
    people.sort(key=lambda p: (-p.commits, p.first.date, p.name))
    return tuple(people)
