"""Rules declared in ``[[lint.rules]]``: require, forbid or contains, built from their spec."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.config.model import CustomRuleSpec
from pocmvp_lint.detectors.custom import category
from pocmvp_lint.model import RuleKind, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation, describe, evidence_of


def _check(spec: CustomRuleSpec) -> Check:
    wanted = category(spec.code)
    patterns = ", ".join(spec.globs)

    def check(ctx: RuleContext) -> Iterator[Violation]:
        found = ctx.of(wanted)
        if spec.kind == "forbid" and found:
            yield Violation(f"{spec.message}: {describe(found)}", evidence_of(found))
        elif spec.kind == "require" and not found:
            yield Violation(f"{spec.message} (no file matches {patterns})", ctx.anchor)
        elif spec.kind == "contains" and not found:
            yield Violation(f"{spec.message} (no file matching {patterns} contains /{spec.regex}/)", ctx.anchor)

    return check


def custom_rule(spec: CustomRuleSpec) -> Rule:
    kind = {
        "require": "requires a file matching",
        "forbid": "forbids files matching",
        "contains": "requires text in files matching",
    }[spec.kind]
    return Rule(
        code=spec.code,
        name=spec.name,
        kind=RuleKind.POLICY,
        stage=None if spec.stage == "any" else Stage(spec.stage),
        severity=spec.severity,
        reads=frozenset({category(spec.code)}),
        summary=spec.summary or spec.message,
        rationale=f"An organisation rule from {spec.origin}: it {kind} {', '.join(spec.globs)}.",
        fix=spec.fix or f"Follow the policy in {spec.origin}, or ask its owners for an exception.",
        example=f'# {spec.origin}\n[[lint.rules]]\ncode = "{spec.code}"\n# {kind} {", ".join(spec.globs)}',
        check=_check(spec),
        origin=spec.origin,
    )
