"""Fabricated run results for formatter tests: no git, no detectors, exact inputs."""

from __future__ import annotations

import datetime as dt

from pocmvp_lint.config.model import Declaration
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.findings import Finding, Outcome, ProjectResult, RunResult, Suppressed, verdict_for
from pocmvp_lint.model import Evidence, Severity, Stage, Status
from pocmvp_lint.rules.registry import builtin_registry

REGISTRY = builtin_registry()
HOSTILE = "evil::error file=x,line=1::pwned%0A,\nnext::warning::x\r.yml"


def finding(
    code: str, message: str, *evidence: Evidence, severity: Severity | None = None, project: str = "."
) -> Finding:
    rule = REGISTRY.get(code)
    assert rule is not None, code
    return Finding(
        code=code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        evidence=tuple(evidence),
        project=project,
        why=rule.rationale,
        fix=rule.fix,
    )


def rules_for(stage: Stage | None) -> tuple[str, ...]:
    return tuple(r.code for r in REGISTRY if r.applies_to(stage))


def outcomes(stage: Stage | None, findings: list[Finding], suppressed: tuple[Suppressed, ...]) -> tuple[Outcome, ...]:
    """Every built-in rule's outcome, as the engine would give it for these findings."""
    out: list[Outcome] = []
    for rule in REGISTRY:
        why = rule.not_applicable_because(stage)
        fired = tuple(f for f in findings if f.code == rule.code)
        silenced = tuple(s for s in suppressed if s.finding.code == rule.code)
        if why is not None:
            out.append(Outcome(rule, Status.NOT_APPLICABLE, reason=why))
        elif fired:
            out.append(Outcome(rule, Status.FAILED, fired, silenced))
        elif silenced:
            reason = f": {silenced[0].reason}" if silenced[0].reason else ""
            out.append(Outcome(rule, Status.IGNORED, (), silenced, f"ignored by `{silenced[0].selector}`{reason}"))
        else:
            out.append(Outcome(rule, Status.PASSED))
    return tuple(out)


def project(
    stage: Stage | None,
    findings: list[Finding],
    *,
    path: str = ".",
    name: str | None = "recs",
    config: str | None = "project.toml",
    suppressed: tuple[Suppressed, ...] = (),
    signals: tuple[Signal, ...] = (),
    declaration: Declaration | None = None,
) -> ProjectResult:
    results = outcomes(stage, findings, suppressed)
    return ProjectResult(
        path=path,
        name=name,
        stage=stage,
        verdict=verdict_for(stage, results),
        findings=tuple(findings),
        suppressed=suppressed,
        signals=signals,
        config_path=config,
        declaration=declaration or Declaration(stage=stage, name=name),
        outcomes=results,
        registry=REGISTRY,
    )


def drifting_poc() -> ProjectResult:
    anchor = Evidence("project.toml", 2)
    return project(
        Stage.POC,
        [
            finding("POC101", "container image definitions in a POC: Dockerfile:1", Evidence("Dockerfile", 1)),
            finding(
                "POC105",
                "CI deploys this POC",
                Evidence(".github/workflows/deploy.yml", 19),
                Evidence(".github/workflows/deploy.yml", 24),
            ),
            finding("POC003", "the POC's timebox ended on 2025-02-28", anchor),
            finding("POC108", "production operations tooling in a POC", Evidence("requirements.txt", 6)),
        ],
        declaration=Declaration(
            stage=Stage.POC,
            name="recs",
            owner="data-team",
            hypothesis="Embeddings beat keyword search",
            started=dt.date(2026, 1, 1),
            ends=dt.date(2026, 2, 1),
        ),
    )


def not_ready_mvp() -> ProjectResult:
    anchor = Evidence("services/api/project.toml", 3)
    ignored = finding(
        "MVP015",
        "throwaway code ships with the MVP: prototype",
        Evidence("services/api/prototype"),
        project="services/api",
    )
    return project(
        Stage.MVP,
        [
            finding("MVP001", "no test files were found", anchor, project="services/api"),
            finding("MVP003", "no CI configuration was found", anchor, project="services/api"),
            finding(
                "MVP009",
                "a service is deployed with no health check",
                Evidence("services/api/Dockerfile", 1),
                project="services/api",
            ),
            finding("MVP010", "no SECURITY.md or security policy was found", anchor, project="services/api"),
        ],
        path="services/api",
        name="api",
        config="services/api/project.toml",
        suppressed=(Suppressed(ignored, "MVP015", "the prototype folder is a fixture"),),
        declaration=Declaration(
            stage=Stage.MVP,
            name="api",
            owner="Lena K.",
            audience="nurses of ward 4",
            feedback="https://forms.example/fb",
            ends=dt.date(2026, 3, 1),
        ),
    )


def undeclared() -> ProjectResult:
    stg = finding("STG001", "no project.toml declares whether this is a proof of concept or an MVP")
    return project(
        None,
        [stg],
        name=None,
        config=None,
        signals=(Signal("readme", "README.md", None, ""),),
        declaration=Declaration(),
    )


def run(*projects: ProjectResult) -> RunResult:
    return RunResult(projects=projects)
