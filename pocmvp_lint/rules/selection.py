"""Which rules run: ruff-style selectors (codes, prefixes, ALL) with the most specific winning."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass


def _specificity(selector: str, code: str) -> int:
    """Length of the match of ``selector`` on ``code`` (ALL matches everything, weakest); -1 if none."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


def is_enabled(code: str, select: Collection[str], ignore: Collection[str]) -> bool:
    """True when the most specific matching selector is a select (an ignore wins ties)."""
    best_select = max((_specificity(s, code) for s in select), default=-1)
    best_ignore = max((_specificity(s, code) for s in ignore), default=-1)
    return best_select >= 0 and best_select > best_ignore


def ignore_reason(code: str, ignore: dict[str, str] | Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The (selector, reason) of the most specific ignore matching ``code``, if any."""
    items = ignore.items() if isinstance(ignore, dict) else ignore
    best: tuple[int, str, str] | None = None
    for selector, reason in items:
        score = _specificity(selector, code)
        if score >= 0 and (best is None or score > best[0]):
            best = (score, selector, reason)
    return (best[1], best[2]) if best else None


@dataclass(frozen=True)
class Decision:
    """What selection makes of one rule: not selected, run and report, or run but ignored.

    An ignored rule still runs, so its findings can be shown with the reason and stale ignores
    can be found.
    """

    selected: bool
    ignored_by: str | None = None  # the ignore selector that silences the rule
    reason: str = ""  # the reason given with that ignore


RUN = Decision(selected=True)
NOT_SELECTED = Decision(selected=False)


def decide(code: str, select: Collection[str], ignore: Mapping[str, str]) -> Decision:
    """What to do with rule ``code`` given the selectors and the ignores (selector -> reason)."""
    chosen = max((_specificity(s, code) for s in select), default=-1)
    if chosen < 0:
        return NOT_SELECTED
    ignored = ignore_reason(code, dict(ignore))
    if ignored is not None and _specificity(ignored[0], code) >= chosen:
        return Decision(selected=True, ignored_by=ignored[0], reason=ignored[1])
    return RUN
