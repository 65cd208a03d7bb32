"""Every rule fires on the evidence it is about and stays quiet without it (no git, no files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import MappingProxyType

import pytest

from pocmvp_lint.config.model import Declaration, Thresholds
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.model import Evidence, Stage
from pocmvp_lint.rules import RuleContext, Stats, builtin_registry

TODAY = dt.date(2026, 11, 24)


def ctx(
    stage: Stage | None = Stage.POC, signals: Iterable[Signal] = (), *, stats: Stats = Stats(), **declared: object
) -> RuleContext:
    table: dict[str, list[Signal]] = {}
    for s in signals:
        table.setdefault(s.category, []).append(s)
    return RuleContext(
        stage=stage,
        declaration=Declaration(stage=stage, **declared),  # type: ignore[arg-type]
        signals=MappingProxyType({k: tuple(v) for k, v in table.items()}),
        stats=stats,
        thresholds=Thresholds(),
        today=TODAY,
        config_path="project.toml",
        stage_line=2,
    )


def fires(code: str, context: RuleContext) -> list[str]:
    rule = builtin_registry().get(code)
    assert rule is not None
    return [v.message for v in rule.check(context)]


def sig(category: str, path: str = "x", line: int | None = None, detail: str = "") -> Signal:
    return Signal(category, path, line, detail)


GOOD_POC = dict(hypothesis="h", ends=dt.date(2027, 1, 1), owner="me")
OWNER, FEEDBACK = "me", "https://example.invalid/feedback"
READY_SIGNALS = [
    sig(c)
    for c in (
        "tests",
        "ci",
        "ci-tests",
        "container",
        "health-check",
        "readme",
        "readme-setup",
        "lockfile",
        "dependency-manifest",
        "observability",
        "security-policy",
        "dependency-updates",
        "changelog",
    )
]


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("POC101", "container"),
        ("POC102", "orchestration"),
        ("POC103", "iac"),
        ("POC104", "paas"),
        ("POC105", "ci-deploy"),
        ("POC109", "deploy-script"),
        ("POC106", "prod-config"),
        ("POC107", "release"),
        ("POC108", "observability"),
        ("POC108", "health-check"),
        ("POC108", "migrations"),
        ("SEC001", "secrets"),
        ("MVP015", "throwaway"),
    ],
)
def test_presence_rules_fire_with_evidence_and_only_then(code: str, category: str) -> None:
    stage = Stage.MVP if code.startswith("MVP") else Stage.POC
    messages = fires(code, ctx(stage, [sig(category, "deploy/Dockerfile", 3, "builds an image")]))
    assert len(messages) == 1
    assert "deploy/Dockerfile:3 (builds an image)" in messages[0]
    assert fires(code, ctx(stage, [sig("readme")])) == []


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("MVP001", "tests"),
        ("MVP003", "ci"),
        ("MVP008", "observability"),
        ("MVP010", "security-policy"),
        ("MVP011", "dependency-updates"),
        ("MVP013", "changelog"),
        ("MVP013", "release"),
        ("MVP005", "container"),
        ("MVP005", "paas"),
        ("MVP005", "ci-deploy"),
        ("MVP005", "iac"),
        ("MVP005", "orchestration"),
        ("MVP005", "ci-deploy-manual"),
        ("MVP005", "deploy-script"),
    ],
)
def test_absence_rules_fire_only_when_the_signal_is_missing(code: str, category: str) -> None:
    assert fires(code, ctx(Stage.MVP, [], owner=OWNER, feedback=FEEDBACK))
    assert fires(code, ctx(Stage.MVP, [sig(category)], owner=OWNER, feedback=FEEDBACK)) == []


def test_a_poc_deployed_by_ci_is_reported_once() -> None:
    """POC105 reports a POC that CI deploys; its deploy script is then no second warning."""
    script = sig("deploy-script", "deploy.sh", 4, "runs `fly deploy`")
    assert fires("POC109", ctx(Stage.POC, [script])) == [
        "a script deploys this POC by hand: deploy.sh:4 (runs `fly deploy`)"
    ]
    assert fires("POC109", ctx(Stage.POC, [script, sig("ci-deploy")])) == []
    assert fires("POC109", ctx(Stage.POC, [script, sig("ci-deploy-manual")]))


def test_ready_mvp_has_no_findings() -> None:
    registry = builtin_registry()
    context = ctx(Stage.MVP, READY_SIGNALS, stats=Stats(20, 10), owner=OWNER, feedback=FEEDBACK)
    fired = {r.code for r in registry if r.stage == Stage.MVP and list(r.check(context))}
    assert fired == set()


def test_declaration_rules() -> None:
    assert fires("POC001", ctx(Stage.POC)) and not fires("POC001", ctx(Stage.POC, hypothesis="h"))
    assert fires("POC002", ctx(Stage.POC)) and not fires("POC002", ctx(Stage.POC, ends=TODAY))
    assert fires("POC003", ctx(Stage.POC, ends=dt.date(2026, 11, 1))) == [
        "the POC's timebox ended on 2026-11-01, 23 days ago"
    ]
    assert not fires("POC003", ctx(Stage.POC, ends=TODAY))
    assert fires("MVP012", ctx(Stage.MVP)) and not fires("MVP012", ctx(Stage.MVP, feedback="x"))
    assert fires("MVP014", ctx(Stage.MVP))
    assert not fires("MVP014", ctx(Stage.MVP, owner="me"))
    assert not fires("MVP014", ctx(Stage.MVP, [sig("codeowners")]))


def test_stage_undeclared_points_to_init_or_to_the_buildpacks_file() -> None:
    no_file = RuleContext(stage=None, declaration=Declaration())
    assert "pocmvp-lint init" in fires("STG001", no_file)[0]
    buildpacks = RuleContext(stage=None, declaration=Declaration(), config_path="project.toml")
    assert "Buildpacks" in fires("STG001", buildpacks)[0]
    assert fires("STG001", ctx(Stage.POC)) == []


def test_poc_scope_budget_by_files_then_lines() -> None:
    assert "151 source files" in fires("POC201", ctx(stats=Stats(151, 0)))[0]
    assert "6000 source lines" in fires("POC201", ctx(stats=Stats(40, 0, 6000)))[0]
    assert fires("POC201", ctx(stats=Stats(40, 0, 4000))) == []


def test_poc_readme_disclaimer() -> None:
    assert "README.md never says" in fires("POC301", ctx(signals=[sig("readme", "README.md")]))[0]
    assert "no README" in fires("POC301", ctx())[0]
    assert fires("POC301", ctx(signals=[sig("readme", "README.md"), sig("poc-disclaimer")])) == []


def test_mvp_test_ratio_and_ci_tests_and_readme_and_lockfile_and_health() -> None:
    few = ctx(Stage.MVP, [sig("tests", "t/test_a.py")], stats=Stats(40, 1))
    assert "1 test files for 40 source files" in fires("MVP002", few)[0]
    assert fires("MVP002", ctx(Stage.MVP, [sig("tests")], stats=Stats(40, 8))) == []
    assert fires("MVP002", ctx(Stage.MVP, [sig("tests")], stats=Stats(5, 0))) == []
    assert fires("MVP004", ctx(Stage.MVP, [sig("ci", ".github/workflows/ci.yml")]))
    assert fires("MVP004", ctx(Stage.MVP, [sig("ci"), sig("ci-tests")])) == []
    assert fires("MVP004", ctx(Stage.MVP, [])) == []  # MVP003's business
    lenient = sig("ci-tests-nonblocking", ".github/workflows/ci.yml", 6, "job 't' runs `pytest`, its failure ignored")
    (ignored,) = fires("MVP004", ctx(Stage.MVP, [sig("ci", ".github/workflows/ci.yml"), lenient]))
    assert ignored.startswith("CI runs the tests but ignores their failure: .github/workflows/ci.yml:6")
    assert fires("MVP004", ctx(Stage.MVP, [sig("ci"), lenient, sig("ci-tests")])) == []
    assert "no setup or run" in fires("MVP006", ctx(Stage.MVP, [sig("readme", "README.md")]))[0]
    assert fires("MVP006", ctx(Stage.MVP, [sig("readme"), sig("readme-setup")])) == []
    assert fires("MVP007", ctx(Stage.MVP, [sig("unlocked-manifest", "package.json")]))
    assert fires("MVP007", ctx(Stage.MVP, [])) == []
    # the message names what the detector found unlocked, nothing else (pairing: tests/detectors/test_misc.py)
    (message,) = fires("MVP007", ctx(Stage.MVP, [sig("unlocked-manifest", "web/package.json")]))
    assert "web/package.json" in message
    assert fires("MVP009", ctx(Stage.MVP, [sig("container", "Dockerfile")]))
    assert fires("MVP009", ctx(Stage.MVP, [sig("container"), sig("health-check")])) == []
    assert fires("MVP009", ctx(Stage.MVP, [])) == []


def test_every_rule_is_documented() -> None:
    registry = builtin_registry()
    assert len(registry) >= 30
    for rule in registry:
        assert rule.code[:3] in ("STG", "POC", "MVP", "SEC", "LNT") and rule.code[3:].isdigit()
        assert rule.name == rule.name.lower() and " " not in rule.name
        for text in (rule.summary, rule.rationale, rule.fix):
            assert text.strip().endswith((".", ")", "`", '"')), (rule.code, text)


def test_evidence_is_attached() -> None:
    rule = builtin_registry().get("POC101")
    assert rule is not None
    (violation,) = rule.check(ctx(signals=[sig("container", "Dockerfile", 1)]))
    assert violation.evidence == (Evidence("Dockerfile", 1),)


def test_scaffold_tests_alone_are_no_tests() -> None:
    stub = [sig("tests", "src/App.test.tsx"), sig("scaffold-tests", "src/App.test.tsx")]
    assert "scaffold generated: src/App.test.tsx" in fires("MVP001", ctx(Stage.MVP, stub))[0]
    real = [*stub, sig("tests", "src/cart.test.ts")]
    assert fires("MVP001", ctx(Stage.MVP, real)) == []


def test_a_frameworks_generated_production_environment_alone_is_no_drift() -> None:
    generated = [
        sig("prod-config", "config/environments/production.rb"),
        sig("scaffold-prod-config", "config/environments/production.rb"),
    ]
    assert fires("POC106", ctx(Stage.POC, generated)) == []
    written = [*generated, sig("prod-config", ".env.production")]
    (message,) = fires("POC106", ctx(Stage.POC, written))
    assert ".env.production" in message and "production.rb" not in message
