"""The drift timeline of the `history` command: when production signals arrived, per month.

Built from ``HistoryFacts`` (plain data); ``pocmvp_lint.formatters.history`` renders it as text
(with a unicode-block chart) or versioned JSON, ``pocmvp_lint.formatters.history_svg`` as SVG.
"""

from __future__ import annotations

from dataclasses import dataclass

from pocmvp_lint.history.facts import Commit, HistoryFacts


@dataclass(frozen=True)
class Month:
    """One calendar month: commits in it, production signals present at its end, arrivals in it."""

    month: str  # "YYYY-MM"
    commits: int
    signals: int
    arrived: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timeline:
    """One project's drift timeline."""

    path: str
    name: str | None
    stage: str | None
    facts: HistoryFacts
    months: tuple[Month, ...]


def _month(commit: Commit) -> str:
    return f"{commit.day.year:04d}-{commit.day.month:02d}"


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def build_timeline(path: str, name: str | None, stage: str | None, facts: HistoryFacts) -> Timeline:
    """Month by month from the first commit to the last: commits and production signals present."""
    if not facts.commits:
        return Timeline(path, name, stage, facts, ())
    per_month: dict[str, int] = {}
    for commit in facts.commits:
        key = _month(commit)
        per_month[key] = per_month.get(key, 0) + 1
    arrived: dict[str, list[str]] = {}
    for arrival in facts.arrivals:
        if arrival.commit is not None:
            arrived.setdefault(_month(arrival.commit), []).append(arrival.category)
    months = _month_range(min(per_month), max(max(per_month), *arrived) if arrived else max(per_month))
    present = 0
    out = []
    for key in months:
        here = arrived.get(key, [])
        present += len(here)
        out.append(Month(key, per_month.get(key, 0), present, tuple(sorted(set(here)))))
    return Timeline(path, name, stage, facts, tuple(out))
