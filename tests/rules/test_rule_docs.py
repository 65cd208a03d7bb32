"""Every rule is a documented unit: five non-empty sections, and it reads only what detectors make."""

from __future__ import annotations

import pytest

from pocmvp_lint.detectors import BUILTIN_DETECTOR_SPECS, PRODUCED
from pocmvp_lint.model import Category, RuleKind
from pocmvp_lint.rules import builtin_registry
from pocmvp_lint.rules.rule import DOC_SECTIONS, Rule

RULES = tuple(builtin_registry())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_section_is_written(rule: Rule) -> None:
    missing = [key for key in DOC_SECTIONS if not rule.sections.get(key, "").strip()]
    assert not missing, f"{rule.code} has no {', '.join(missing)} section"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_category_read_is_produced_by_a_detector(rule: Rule) -> None:
    assert rule.reads is not None, f"{rule.code} must declare the categories it reads"
    unknown = sorted(str(c) for c in rule.reads if c not in PRODUCED)
    assert not unknown, f"{rule.code} reads {unknown}, which no built-in detector produces"


def test_every_category_has_a_detector() -> None:
    assert set(Category) == set(PRODUCED)
    claimed = [c for spec in BUILTIN_DETECTOR_SPECS for c in spec.produces]
    assert len(claimed) == len(set(claimed)), "two detectors claim the same category"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_built_in_rules_declare_a_kind(rule: Rule) -> None:
    assert rule.kind is not RuleKind.POLICY, f"{rule.code}: POLICY is for organisation rules"


def test_history_rules_are_the_ones_that_read_history() -> None:
    assert {r.code for r in RULES if r.needs_history} == {
        "POC202",
        "POC203",
        "POC204",
        "POC205",
        "POC206",
        "STG101",
        "STG102",
    }
