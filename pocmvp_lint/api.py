"""The plugin API: the same types the built-in detectors and rules use.

Write a detector as ``def detect(inventory: Inventory) -> Iterable[Signal]`` and a rule as a
``Rule(code=..., check=...)`` whose check yields ``Violation``s from a ``RuleContext``.
See docs/plugins.md.
"""

from pocmvp_lint.detectors.signal import Detector, Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.model import Category, Evidence, RuleKind, Severity, Stage
from pocmvp_lint.rules.rule import Rule, RuleContext, Stats, Violation, describe, evidence_of

__all__ = [
    "Category",
    "Detector",
    "Evidence",
    "Inventory",
    "Rule",
    "RuleContext",
    "RuleKind",
    "Severity",
    "Signal",
    "Stage",
    "Stats",
    "Violation",
    "describe",
    "evidence_of",
]
