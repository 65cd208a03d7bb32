"""Which rules run: ruff-style selectors (codes, prefixes, ALL) with the most specific winning."""

from __future__ import annotations

from collections.abc import Collection, Iterable


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


def decide(code: str, select: Collection[str], ignore: dict[str, str]) -> tuple[str, str] | None:
    """What to do with rule ``code``.

    Returns None when the rule is not selected at all. Otherwise returns ("run", "") for a rule
    that reports, or (selector, reason) of the ignore that silences it: an ignored rule still
    runs, so its findings can be shown with the reason and stale ignores can be found.
    """
    chosen = max((_specificity(s, code) for s in select), default=-1)
    if chosen < 0:
        return None
    ignored = ignore_reason(code, ignore)
    if ignored is not None and _specificity(ignored[0], code) >= chosen:
        return ignored
    return ("run", "")
