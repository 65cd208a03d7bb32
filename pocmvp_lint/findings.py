"""The pipeline's output: one outcome per rule per project, findings, verdicts, the exit code.

Formatters only render these: every status, reason and verdict is decided by the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Optional

from pocmvp_lint.config.model import Declaration, Exemption
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.model import Evidence, RuleKind, Severity, Stage, Status, Verdict
from pocmvp_lint.rules.registry import Registry
from pocmvp_lint.rules.rule import Rule


@dataclass(frozen=True)
class Finding:
    """A rule that fired on a project: what was seen, where, why it matters, how to fix it."""

    code: str
    name: str
    severity: Severity
    message: str
    evidence: tuple[Evidence, ...]
    project: str
    why: str = ""
    fix: str = ""
    new: bool = False

    @property
    def path(self) -> str | None:
        return self.evidence[0].path if self.evidence else None

    @property
    def line(self) -> int | None:
        return self.evidence[0].line if self.evidence else None


@dataclass(frozen=True)
class Suppressed:
    """A finding silenced by an ignore: shown with its reason, never counted."""

    finding: Finding
    selector: str
    reason: str
    #: The exemption that silenced it, with its end date and place (None: --ignore, per-path).
    exemption: Optional[Exemption] = None


@dataclass(frozen=True)
class ExemptionState:
    """One exemption of a project as of the day of the run: days left, or how long ago it ended."""

    exemption: Exemption
    days_left: Optional[int] = None  # None: no end date; negative: expired

    @property
    def expired(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    def expiring_within(self, days: Optional[int]) -> bool:
        """True when it is still in force and ends within ``days`` days (None: never asked)."""
        return days is not None and self.days_left is not None and 0 <= self.days_left <= days


@dataclass(frozen=True)
class Outcome:
    """What one rule came to for one project.

    ``findings`` are reported (status FAILED); ``suppressed`` were silenced by an ignore (status
    IGNORED when nothing else is left). ``reason`` says why the rule was ignored, does not apply,
    or was not selected.
    """

    rule: Rule
    status: Status
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    reason: str = ""


VERDICTS: Mapping[Verdict, str] = {
    Verdict.UNDECLARED: "no stage declared",
    Verdict.CLEAN: "a clean proof of concept: disposable, as declared",
    Verdict.DRIFTING: "drifting toward production",
    Verdict.READY: "production-ready as far as the repository shows",
    Verdict.NOT_READY: "not production-ready yet",
}

#: Kinds of rules that make up an MVP's checklist (for the MVP stage): its readiness, its history, and
#: what its project.toml declares (an owner, a feedback channel). Only readiness gaps decide the verdict.
CHECKLIST_KINDS: frozenset[RuleKind] = frozenset({RuleKind.READINESS, RuleKind.HISTORY, RuleKind.DECLARATION})


@dataclass(frozen=True)
class ChangeRange:
    """The range `check --staged` / `--since` judged: its base commit (None before the first
    commit), what is judged (``"index"``, or the commit a push ends at) and its label."""

    base: Optional[str]
    head: str
    label: str


@dataclass(frozen=True)
class ProjectResult:
    """Everything known about one project after the rules ran."""

    path: str
    name: Optional[str]
    stage: Optional[Stage]
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    signals: tuple[Signal, ...] = ()
    config_path: Optional[str] = None
    stage_overridden: bool = False
    warnings: tuple[str, ...] = ()
    unused_ignores: tuple[str, ...] = ()
    fail_on: Optional[Severity] = Severity.ERROR
    declaration: Optional[Declaration] = None  # the [project] table, for reports
    #: One outcome per rule of ``registry``, in catalogue order.
    outcomes: tuple[Outcome, ...] = ()
    #: The rules this project was checked with (built-ins, plugins, its ``[[lint.rules]]``).
    registry: Registry = field(default_factory=lambda: Registry.of(()))
    #: Absolute folder the evidence paths are relative to (git's top level, or the walked folder).
    root: str = ""
    #: The range judged, with `check --staged` / `--since` (None for a plain check).
    change: Optional[ChangeRange] = None
    #: Every exemption ([lint] ignore entries, inline comments) and its end date as of the run.
    exemptions: tuple[ExemptionState, ...] = ()

    @property
    def rules_run(self) -> tuple[str, ...]:
        """Codes of the rules that ran (failed, passed or ignored), in catalogue order."""
        return tuple(o.rule.code for o in self.outcomes if o.status.ran)

    def rule(self, code: str) -> Rule | None:
        return self.registry.get(code)

    def kind_of(self, finding: Finding) -> RuleKind:
        rule = self.registry.get(finding.code)
        return rule.kind if rule is not None else RuleKind.POLICY

    def of_kind(self, kind: RuleKind) -> tuple[Finding, ...]:
        """Reported findings of rules of ``kind``."""
        return tuple(f for f in self.findings if self.kind_of(f) is kind)

    @property
    def checklist(self) -> tuple[Outcome, ...]:
        """The MVP readiness checklist: every MVP readiness (or history) rule's outcome."""
        return tuple(o for o in self.outcomes if o.rule.stage is Stage.MVP and o.rule.kind in CHECKLIST_KINDS)

    def with_findings(self, findings: Iterable[Finding]) -> ProjectResult:
        """This result with ``findings`` (the same ones, re-marked) in place of its findings."""
        kept = tuple(findings)
        outcomes = tuple(replace(o, findings=tuple(f for f in kept if f.code == o.rule.code)) for o in self.outcomes)
        return replace(self, findings=kept, outcomes=outcomes)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def counts(self) -> dict[str, int]:
        """Findings per severity, most severe first: {"error": N, "warning": N, "info": N}."""
        return {s.value: self.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}

    @property
    def label(self) -> str:
        stage = self.stage.label if self.stage else "undeclared"
        return f"{stage} '{self.name}'" if self.name else stage


@dataclass(frozen=True)
class RunResult:
    projects: tuple[ProjectResult, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.projects for f in p.findings)

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts


def verdict_for(stage: Stage | None, outcomes: Iterable[Outcome]) -> Verdict:
    """The one-word verdict of a project, from its stage and the kinds of rules that failed: a POC
    drifts on a drift warning; an MVP is not ready on a readiness warning, or on a security error
    (a committed credential is no state to run in front of users)."""
    if stage is None:
        return Verdict.UNDECLARED
    if stage is Stage.POC:
        return Verdict.DRIFTING if _fails(outcomes, RuleKind.DRIFT, Severity.WARNING) else Verdict.CLEAN
    outcomes = tuple(outcomes)
    blocking = _fails(outcomes, RuleKind.READINESS, Severity.WARNING) or _fails(
        outcomes, RuleKind.SECURITY, Severity.ERROR
    )
    return Verdict.NOT_READY if blocking else Verdict.READY


def _fails(outcomes: Iterable[Outcome], kind: RuleKind, at_least: Severity) -> bool:
    """Whether a rule of ``kind`` reported a finding at ``at_least`` or above."""
    return any(f.severity.rank >= at_least.rank for o in outcomes if o.rule.kind is kind for f in o.findings)


def exit_code(findings: Iterable[Finding], fail_on: Severity | None, *, new_only: bool = False) -> int:
    """0 when nothing reaches ``fail_on`` (None: never fail), else 1."""
    if fail_on is None:
        return 0
    for finding in findings:
        if new_only and not finding.new:
            continue
        if finding.severity.rank >= fail_on.rank:
            return 1
    return 0
