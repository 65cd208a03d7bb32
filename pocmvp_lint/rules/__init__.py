"""Rules: per-stage judgements over detected signals, each a documented unit in one registry."""

from pocmvp_lint.rules.registry import BUILTIN_RULES, Registry, builtin_registry
from pocmvp_lint.rules.rule import Rule, RuleContext, Stats, Violation

__all__ = ["BUILTIN_RULES", "Registry", "Rule", "RuleContext", "Stats", "Violation", "builtin_registry"]
