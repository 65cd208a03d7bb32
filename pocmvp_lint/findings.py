"""The pipeline's output: findings per project, verdicts, and the exit code they imply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from pocmvp_lint.config.model import Declaration
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.model import Evidence, Severity, Stage


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


VERDICTS: Mapping[str, str] = {
    "undeclared": "no stage declared",
    "clean": "a clean proof of concept: disposable, as declared",
    "drifting": "drifting toward production",
    "ready": "production-ready as far as the repository shows",
    "not-ready": "not production-ready yet",
}


@dataclass(frozen=True)
class ProjectResult:
    """Everything known about one project after the rules ran."""

    path: str
    name: Optional[str]
    stage: Optional[Stage]
    verdict: str
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    signals: tuple[Signal, ...] = ()
    config_path: Optional[str] = None
    stage_overridden: bool = False
    rules_run: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unused_ignores: tuple[str, ...] = ()
    fail_on: Optional[Severity] = Severity.ERROR
    declaration: Optional[Declaration] = None  # the [project] table, for reports

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


def verdict_for(stage: Stage | None, findings: Iterable[Finding]) -> str:
    """The one-word verdict of a project, from its stage and findings."""
    if stage is None:
        return "undeclared"
    blocking = [f for f in findings if f.severity.rank >= Severity.WARNING.rank]
    if stage is Stage.POC:
        drift = [f for f in blocking if f.code.startswith(("POC1", "POC2"))]
        return "drifting" if drift else "clean"
    gaps = [f for f in blocking if f.code.startswith("MVP")]
    return "not-ready" if gaps else "ready"


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
