"""What a rule is: a documented, declarative unit that turns signals into violations.

Rules know nothing of git or files: they see a ``RuleContext`` of already-detected signals,
source statistics and the project's declaration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Optional

from pocmvp_lint.config.model import Declaration, Thresholds
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.history.facts import HistoryFacts
from pocmvp_lint.model import Evidence, Severity, Stage
from pocmvp_lint.suppressions import InlineSuppression


@dataclass(frozen=True)
class Stats:
    """Size of the project's own code (tests excluded from ``source_files``)."""

    source_files: int = 0
    test_files: int = 0
    source_lines: Optional[int] = None  # counted only when a rule needs it


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at for one project."""

    stage: Stage | None
    declaration: Declaration
    signals: Mapping[str, tuple[Signal, ...]] = field(default_factory=lambda: MappingProxyType({}))
    stats: Stats = field(default_factory=Stats)
    thresholds: Thresholds = field(default_factory=Thresholds)
    today: dt.date = field(default_factory=dt.date.today)
    config_path: str | None = None
    stage_line: int | None = None
    is_root: bool = True
    suppressions: tuple[InlineSuppression, ...] = ()
    unused_ignores: tuple[str, ...] = ()
    #: The project's git history, read only when a history rule runs (docs/history.md).
    history: HistoryFacts | None = None

    def has(self, *categories: str) -> bool:
        return any(self.signals.get(c) for c in categories)

    def of(self, *categories: str) -> tuple[Signal, ...]:
        out: list[Signal] = []
        for category in categories:
            out.extend(self.signals.get(category, ()))
        return tuple(out)

    @property
    def anchor(self) -> tuple[Evidence, ...]:
        """Where a repository-level finding points: the line declaring the stage, if any."""
        if self.config_path is None:
            return ()
        return (Evidence(self.config_path, self.stage_line),)


@dataclass(frozen=True)
class Violation:
    """A rule's verdict on one thing: a message and the evidence behind it."""

    message: str
    evidence: tuple[Evidence, ...] = ()


Check = Callable[[RuleContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """One rule and its documentation; ``stage`` None means the rule applies to any stage."""

    code: str
    name: str
    stage: Stage | None
    severity: Severity
    summary: str
    rationale: str
    fix: str
    check: Check = field(repr=False, compare=False)
    example: str = ""
    origin: str = "pocmvp-lint"
    #: Phase 1 rules run after all others (they judge the run itself, e.g. unused ignores).
    phase: int = 0

    def applies_to(self, stage: Stage | None) -> bool:
        if self.stage is None:
            return True
        return self.stage == stage

    @property
    def stage_label(self) -> str:
        return self.stage.label if self.stage else "any"


def evidence_of(signals: Iterable[Signal]) -> tuple[Evidence, ...]:
    """Unique evidence locations of ``signals`` in order."""
    seen: dict[Evidence, None] = {}
    for signal in signals:
        seen.setdefault(Evidence(signal.path, signal.line), None)
    return tuple(seen)


def describe(signals: Iterable[Signal], limit: int = 3) -> str:
    """"Dockerfile:1 (builds an image FROM x), k8s/app.yaml and 2 more" for messages."""
    items: list[str] = []
    seen: set[str] = set()
    for signal in signals:
        where = f"{signal.path}:{signal.line}" if signal.line else signal.path
        if where in seen:
            continue
        seen.add(where)
        items.append(f"{where} ({signal.detail})" if signal.detail else where)
    shown = items[:limit]
    text = ", ".join(shown)
    if len(items) > limit:
        text += f" and {len(items) - limit} more"
    return text
