"""The engine's outcome model: one outcome per rule, with the reason when a rule did not report.

Each test is a rule, a context and an outcome: no git, no files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from types import MappingProxyType

from pocmvp_lint.config.model import Declaration, LintSettings
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.findings import Outcome, verdict_for
from pocmvp_lint.judge import judge_all
from pocmvp_lint.model import Category, Evidence, ProjectKind, Requirement, RuleKind, Severity, Stage, Status, Verdict
from pocmvp_lint.rules import Registry, Rule, RuleContext, Violation
from pocmvp_lint.rules.rule import Check, evidence_of
from pocmvp_lint.suppressions import InlineSuppression


def _fires_on_containers(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of(Category.CONTAINER)
    if found:
        yield Violation("a container", evidence_of(found))


def _sees_everything(ctx: RuleContext) -> Iterator[Violation]:
    for category in sorted(ctx.signals):
        yield Violation(f"saw {category}")


def rule(
    code: str,
    *,
    stage: Stage | None = Stage.POC,
    kind: RuleKind = RuleKind.DRIFT,
    reads: frozenset[Category | str] | None = frozenset({Category.CONTAINER}),
    check: Check = _fires_on_containers,
    severity: Severity = Severity.WARNING,
) -> Rule:
    return Rule(
        code=code,
        name=code.lower(),
        stage=stage,
        severity=severity,
        summary="s",
        rationale="r",
        fix="f",
        check=check,
        kind=kind,
        reads=reads,
    )


def context(
    stage: Stage | None = Stage.POC, *signals: Signal, suppressions: tuple[InlineSuppression, ...] = ()
) -> RuleContext:
    table: dict[Category | str, tuple[Signal, ...]] = {}
    for s in signals:
        table[s.category] = (*table.get(s.category, ()), s)
    return RuleContext(
        stage=stage,
        declaration=Declaration(stage=stage),
        signals=MappingProxyType(table),
        today=dt.date(2026, 1, 1),
        config_path="project.toml",
        stage_line=2,
        suppressions=suppressions,
    )


DOCKERFILE = Signal(Category.CONTAINER, "Dockerfile", 1, "builds an image")
SANDBOX = Signal(Category.CONTAINER, "sandbox/Dockerfile", 1, "builds an image")


def one(registry: Registry, ctx: RuleContext, settings: LintSettings = LintSettings(), **kwargs: object) -> Outcome:
    (outcome,) = judge_all(registry, ctx, settings, **kwargs)  # type: ignore[arg-type]
    return outcome


def test_a_rule_that_reports_failed_with_its_findings() -> None:
    outcome = one(Registry.of([rule("TST101")]), context(Stage.POC, DOCKERFILE))
    assert outcome.status is Status.FAILED
    assert [f.message for f in outcome.findings] == ["a container"]
    assert outcome.findings[0].evidence == (Evidence("Dockerfile", 1),)
    assert verdict_for(Stage.POC, [outcome]) is Verdict.DRIFTING


def test_a_rule_that_finds_nothing_passed() -> None:
    outcome = one(Registry.of([rule("TST101")]), context(Stage.POC))
    assert outcome.status is Status.PASSED and outcome.findings == () and outcome.reason == ""
    assert verdict_for(Stage.POC, [outcome]) is Verdict.CLEAN


def test_an_ignored_rule_says_by_what_and_why() -> None:
    settings = LintSettings(ignore=MappingProxyType({"TST1": "local demo only"}))
    outcome = one(Registry.of([rule("TST101")]), context(Stage.POC, DOCKERFILE), settings)
    assert outcome.status is Status.IGNORED
    assert outcome.findings == ()
    assert outcome.reason == "ignored by `TST1`: local demo only"
    assert [s.finding.message for s in outcome.suppressed] == ["a container"]
    assert verdict_for(Stage.POC, [outcome]) is Verdict.CLEAN


def test_an_ignored_rule_that_finds_nothing_passed() -> None:
    settings = LintSettings(ignore=MappingProxyType({"TST101": "x"}))
    assert one(Registry.of([rule("TST101")]), context(Stage.POC), settings).status is Status.PASSED


def test_a_rule_for_another_stage_is_not_applicable_with_why() -> None:
    outcome = one(Registry.of([rule("TST101", stage=Stage.MVP)]), context(Stage.POC, DOCKERFILE))
    assert outcome.status is Status.NOT_APPLICABLE
    assert outcome.reason == "applies to MVP projects only"
    undeclared = one(Registry.of([rule("TST101", stage=Stage.MVP)]), context(None, DOCKERFILE))
    assert undeclared.reason == "applies to MVP projects; no stage is declared"


def test_a_service_rule_does_not_apply_to_a_library_or_a_tool() -> None:
    service_rule = replace(rule("TST101", stage=None), requires=frozenset({Requirement.SERVICE}))
    registry = Registry.of([service_rule])
    for kind in (ProjectKind.LIBRARY, ProjectKind.TOOL):
        ctx = replace(context(Stage.MVP, DOCKERFILE), declaration=Declaration(stage=Stage.MVP, kind=kind))
        outcome = one(registry, ctx)
        assert outcome.status is Status.NOT_APPLICABLE
        assert outcome.reason == f'checks services; project.toml declares kind = "{kind}"'
    declared_service = Declaration(stage=Stage.MVP, kind=ProjectKind.SERVICE)
    for ctx in (context(Stage.MVP, DOCKERFILE), replace(context(Stage.MVP, DOCKERFILE), declaration=declared_service)):
        assert one(registry, ctx).status is Status.FAILED  # a service unless declared otherwise


def test_a_rule_left_out_by_select_is_not_selected() -> None:
    settings = LintSettings(select=("OTHER",))
    outcome = one(Registry.of([rule("TST101")]), context(Stage.POC, DOCKERFILE), settings)
    assert outcome.status is Status.NOT_SELECTED
    assert outcome.reason == "not selected by [lint] select / --select"
    assert outcome.findings == ()


def test_the_stg001_requirement_comes_from_metadata() -> None:
    from pocmvp_lint.rules import builtin_registry

    stg = builtin_registry().get("STG001")
    assert stg is not None
    declared = one(Registry.of([stg]), context(Stage.POC))
    assert declared.status is Status.NOT_APPLICABLE
    assert "this one declares it" in declared.reason
    assert one(Registry.of([stg]), context(None)).status is Status.FAILED


def test_per_path_ignore_filters_the_one_run_of_the_rule() -> None:
    calls: list[int] = []

    def counting(ctx: RuleContext) -> Iterator[Violation]:
        calls.append(1)
        yield from _fires_on_containers(ctx)

    settings = LintSettings(per_path_ignores=MappingProxyType({"sandbox/**": ("TST101",)}))
    registry = Registry.of([rule("TST101", check=counting)])
    partly = one(registry, context(Stage.POC, DOCKERFILE, SANDBOX), settings)
    assert len(calls) == 1, "the rule must run once"
    assert partly.status is Status.FAILED
    assert partly.findings[0].evidence == (Evidence("Dockerfile", 1),)
    assert partly.suppressed[0].selector == "per-path-ignores 'sandbox/**'"
    wholly = one(registry, context(Stage.POC, SANDBOX), settings)
    assert wholly.status is Status.IGNORED
    assert wholly.reason == "ignored by `per-path-ignores 'sandbox/**'`"


def test_inline_suppression_silences_the_finding_with_its_reason() -> None:
    comment = InlineSuppression(path="Dockerfile", line=1, codes=("TST101",), reason="kind cluster")
    outcome = one(Registry.of([rule("TST101")]), context(Stage.POC, DOCKERFILE, suppressions=(comment,)))
    assert outcome.status is Status.IGNORED
    assert outcome.reason == "ignored by `inline ignore at Dockerfile:1`: kind cluster"


def test_a_rule_sees_only_the_categories_it_reads() -> None:
    readme = Signal(Category.README, "README.md")
    narrow = rule("TST201", reads=frozenset({Category.README}), check=_sees_everything)
    wide = rule("TST202", reads=None, check=_sees_everything)
    outcomes = judge_all(Registry.of([narrow, wide]), context(Stage.POC, DOCKERFILE, readme), LintSettings())
    assert [f.message for f in outcomes[0].findings] == ["saw readme"]
    assert [f.message for f in outcomes[1].findings] == ["saw container", "saw readme"]


def test_outcomes_follow_the_registry_order_one_per_rule() -> None:
    registry = Registry.of([rule("TST103", stage=Stage.MVP), rule("TST101"), rule("TST102")])
    settings = LintSettings(select=("TST101", "TST103"))
    outcomes = judge_all(registry, context(Stage.POC, DOCKERFILE), settings)
    assert [(o.rule.code, o.status) for o in outcomes] == [
        ("TST103", Status.NOT_APPLICABLE),
        ("TST101", Status.FAILED),
        ("TST102", Status.NOT_SELECTED),
    ]


def test_readiness_findings_decide_an_mvp_verdict() -> None:
    gap = rule("TST301", stage=Stage.MVP, kind=RuleKind.READINESS)
    policy = rule("TST302", stage=Stage.MVP, kind=RuleKind.POLICY)
    ctx = context(Stage.MVP, DOCKERFILE)
    assert verdict_for(Stage.MVP, judge_all(Registry.of([gap]), ctx, LintSettings())) is Verdict.NOT_READY
    assert verdict_for(Stage.MVP, judge_all(Registry.of([policy]), ctx, LintSettings())) is Verdict.READY


def test_a_committed_credential_keeps_an_mvp_from_ready_but_does_not_make_a_poc_drift() -> None:
    leak = rule("TST401", stage=None, kind=RuleKind.SECURITY, severity=Severity.ERROR)
    dev_only = rule("TST402", stage=None, kind=RuleKind.SECURITY, severity=Severity.WARNING)
    for stage, with_leak in ((Stage.MVP, Verdict.NOT_READY), (Stage.POC, Verdict.CLEAN)):
        ctx = context(stage, DOCKERFILE)
        assert verdict_for(stage, judge_all(Registry.of([leak]), ctx, LintSettings())) is with_leak
    mvp = context(Stage.MVP, DOCKERFILE)
    assert verdict_for(Stage.MVP, judge_all(Registry.of([dev_only]), mvp, LintSettings())) is Verdict.READY
