"""The rule registry: the single source of rule docs for `rules`, `explain`, docs and SARIF."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pocmvp_lint.rules import declaration, history, meta, mvp, poc, security, stage_sources
from pocmvp_lint.rules.rule import Rule

BUILTIN_RULES: tuple[Rule, ...] = (
    *declaration.RULES,
    *stage_sources.RULES,
    *poc.RULES,
    *mvp.RULES,
    *security.RULES,
    *history.RULES,
    *meta.RULES,
)


@dataclass(frozen=True)
class Registry:
    """An immutable set of rules, in catalogue order (declaration, POC, MVP, any stage, plugins)."""

    by_code: Mapping[str, Rule]

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> Registry:
        table: dict[str, Rule] = {}
        for rule in rules:
            if rule.code in table:
                raise ValueError(f"duplicate rule code {rule.code}")
            table[rule.code] = rule
        return cls(MappingProxyType(table))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.by_code.values())

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Rule | None:
        return self.by_code.get(code.upper())

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.by_code)


def builtin_registry() -> Registry:
    return Registry.of(BUILTIN_RULES)
