"""Group supplier names whose normalised forms are close."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from matcher.normalise import normalise


def similar(a: str, b: str, threshold: float) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= threshold


def clusters(names: Iterable[str], threshold: float = 0.92) -> list[list[str]]:
    """Greedy single-link clustering: good enough to answer the question, not to ship."""
    groups: list[tuple[str, list[str]]] = []
    for name in names:
        key = normalise(name)
        for head, members in groups:
            if similar(key, head, threshold):
                members.append(name)
                break
        else:
            groups.append((key, [name]))
    return [members for _, members in groups if len(members) > 1]
