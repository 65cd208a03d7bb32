"""What a rule is: a documented, declarative unit that turns signals into violations.

Rules know nothing of git or files: they see a ``RuleContext`` of already-detected signals,
source statistics and the project's declaration. A rule's metadata drives the engine: its stage
and ``requires`` decide where it applies, ``reads`` which signals it sees, ``needs_history``
whether git history is read for it, and ``kind`` what its findings mean for the verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Optional

from pocmvp_lint.config.model import Declaration, Exemption, StageClaim, Thresholds
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.history.facts import HistoryFacts
from pocmvp_lint.model import Category, Evidence, ProjectKind, Requirement, RuleKind, Severity, Stage
from pocmvp_lint.suppressions import InlineSuppression


@dataclass(frozen=True)
class Stats:
    """Size of the project's own code (tests excluded from ``source_files``)."""

    source_files: int = 0
    test_files: int = 0
    source_lines: Optional[int] = None  # counted only when a rule needs it


#: ``Rule.origin`` of the rules pocmvp-lint itself ships.
BUILTIN_ORIGIN = "pocmvp-lint"


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at for one project."""

    stage: Stage | None
    declaration: Declaration
    signals: Mapping[Category | str, tuple[Signal, ...]] = field(default_factory=lambda: MappingProxyType({}))
    stats: Stats = field(default_factory=Stats)
    thresholds: Thresholds = field(default_factory=Thresholds)
    today: dt.date = field(default_factory=dt.date.today)
    config_path: str | None = None
    stage_line: int | None = None
    is_root: bool = True
    suppressions: tuple[InlineSuppression, ...] = ()
    unused_ignores: tuple[str, ...] = ()
    #: Every exemption of the project ([lint] ignore entries, then inline comments).
    exemptions: tuple[Exemption, ...] = ()
    #: The project's git history, read only when a history rule runs (docs/history.md).
    history: HistoryFacts | None = None
    #: Stages written down outside project.toml (docs/stage-sources.md), and those the stage
    #: stands in from when there is no project.toml.
    claims: tuple[StageClaim, ...] = ()
    stand_in: tuple[StageClaim, ...] = ()

    @property
    def kind(self) -> ProjectKind:
        """What the project ships: its declared ``kind``, a service unless it says otherwise."""
        return self.declaration.kind or ProjectKind.SERVICE

    @property
    def declared(self) -> bool:
        """Whether a project.toml declaration gives the stage: False in a what-if (``--stage`` on a
        project that declares none) and when a declaration elsewhere stands in (a PyPI classifier,
        a catalog's lifecycle), where there are no project.toml keys to judge."""
        return self.declaration.stage is not None and not self.stand_in

    def has(self, *categories: Category | str) -> bool:
        return any(self.signals.get(c) for c in categories)

    def of(self, *categories: Category | str) -> tuple[Signal, ...]:
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


#: The fixed sections of every rule's documentation, in order.
DOC_SECTIONS: tuple[str, ...] = ("what", "why", "example", "fix", "silence")


@dataclass(frozen=True)
class Rule:
    """One rule and its documentation: the only way to declare a rule (built-in or plugin).

    ``stage`` None means any stage. Documentation sections: ``summary`` (what it checks),
    ``rationale`` (why), ``example`` (a case it reports), ``fix`` (how to fix) and ``silence``
    (how to silence; a standard text when empty).
    """

    code: str
    name: str
    stage: Stage | None
    severity: Severity
    summary: str
    rationale: str
    fix: str
    check: Check = field(repr=False, compare=False)
    example: str = ""
    origin: str = BUILTIN_ORIGIN
    kind: RuleKind = RuleKind.POLICY
    #: Signal categories the rule reads; it sees no others. None (plugins): every signal.
    reads: frozenset[Category | str] | None = None
    needs_history: bool = False
    requires: frozenset[Requirement] = frozenset()
    silence: str = ""

    def applies_to(
        self, stage: Stage | None, *, declared: bool = True, kind: ProjectKind = ProjectKind.SERVICE
    ) -> bool:
        """True when the rule runs for a project at ``stage`` (None: no stage declared) that ships
        ``kind``; ``declared`` is False in a what-if (``--stage`` on a project that declares none)."""
        return self.not_applicable_because(stage, declared=declared, kind=kind) is None

    def not_applicable_because(
        self, stage: Stage | None, *, declared: bool = True, kind: ProjectKind = ProjectKind.SERVICE
    ) -> str | None:
        """Why the rule does not apply to a project at ``stage`` that ships ``kind``; None when it does."""
        if Requirement.UNDECLARED in self.requires and stage is not None:
            return "checks projects without a declared stage; this one declares it"
        if self.stage is not None and self.stage != stage:
            if stage is None:
                return f"applies to {self.stage.label} projects; no stage is declared"
            return f"applies to {self.stage.label} projects only"
        if Requirement.DECLARED in self.requires and stage is not None and not declared:
            return (
                "judges the keys of project.toml's declaration; the stage comes from --stage (a what-if) "
                "or from elsewhere"
            )
        if Requirement.SERVICE in self.requires and kind is not ProjectKind.SERVICE:
            return f'checks services; project.toml declares kind = "{kind}"'
        return None

    @property
    def stage_label(self) -> str:
        return self.stage.label if self.stage else "any"

    @property
    def silence_text(self) -> str:
        if self.silence:
            return self.silence
        ignore = (
            f'`[lint] ignore = {{ {self.code} = "reason" }}` in `project.toml`, or `--ignore {self.code}` for one run.'
        )
        if Requirement.SERVICE in self.requires:
            return (
                'A library or a tool runs no service: declare `kind = "library"` or `kind = "tool"` in '
                f"`[project]` and the rule no longer applies. Otherwise {ignore}"
            )
        return ignore

    @property
    def silence_hint(self) -> str:
        """The one-line way to silence the rule, printed beside each of its findings."""
        ignore = f'[lint] ignore = {{ {self.code} = "reason" }}'
        if Requirement.SERVICE in self.requires:
            return f'kind = "library" or "tool" in [project] when it runs no service, or {ignore}'
        return ignore

    @property
    def sections(self) -> Mapping[str, str]:
        """The rule's documentation by section (``DOC_SECTIONS``)."""
        return MappingProxyType(
            {
                "what": self.summary,
                "why": self.rationale,
                "example": self.example,
                "fix": self.fix,
                "silence": self.silence_text,
            }
        )

    def sees(self, signals: Mapping[Category | str, tuple[Signal, ...]]) -> Mapping[Category | str, tuple[Signal, ...]]:
        """The part of ``signals`` this rule reads."""
        if self.reads is None:
            return signals
        return MappingProxyType({c: s for c, s in signals.items() if c in self.reads})


def evidence_of(signals: Iterable[Signal]) -> tuple[Evidence, ...]:
    """Unique evidence locations of ``signals`` in order."""
    seen: dict[Evidence, None] = {}
    for signal in signals:
        seen.setdefault(Evidence(signal.path, signal.line), None)
    return tuple(seen)


def describe(signals: Iterable[Signal], limit: int = 3) -> str:
    """ "Dockerfile:1 (builds an image FROM x), k8s/app.yaml and 2 more" for messages."""
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
