"""LNT rules: about how the linter itself is configured and silenced."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Evidence, Requirement, RuleKind, Severity
from pocmvp_lint.rules.rule import Rule, RuleContext, Violation


def _no_reason(ctx: RuleContext) -> Iterator[Violation]:
    for item in ctx.suppressions:
        if not item.reason:
            yield Violation(
                f"`pocmvp-lint: ignore[{', '.join(item.codes)}]` in {item.path}:{item.line} gives "
                "no reason", (Evidence(item.path, item.line),))


def _unused(ctx: RuleContext) -> Iterator[Violation]:
    for code in ctx.unused_ignores:
        yield Violation(f"ignore `{code}` in {ctx.config_path} matched no finding in this run; "
                        "remove it if it is stale", ctx.anchor)


RULES: tuple[Rule, ...] = (
    Rule(
        code="LNT001", name="suppression-without-reason", kind=RuleKind.META, stage=None,
        severity=Severity.WARNING, reads=frozenset(),
        summary="An inline `pocmvp-lint: ignore[CODE]` comment gives no reason.",
        rationale=(
            "A silenced finding is a decision someone made. Without the reason next to it, the next "
            "reader cannot tell a deliberate exception from a way to make the linter quiet."
        ),
        fix=(
            "Write the reason after the bracket: "
            "`# pocmvp-lint: ignore[POC101] local demo only, never deployed`."
        ),
        example="# Dockerfile\n# pocmvp-lint: ignore[POC101]\nFROM python:3.12-slim",
        silence="Give the reason in the comment; that is the fix. `[lint] ignore = { LNT001 = "
                '"reason" }` silences the rule itself.',
        check=_no_reason,
    ),
    Rule(
        code="LNT002", name="unused-ignore", kind=RuleKind.META, stage=None, severity=Severity.INFO,
        reads=frozenset(), requires=frozenset({Requirement.OTHER_OUTCOMES}),
        summary="An ignore in `[lint]` matched no finding.",
        rationale=(
            "Stale ignores hide future findings of the same rule without anyone deciding so. "
            "Cleaning them up keeps the configuration honest."
        ),
        fix="Remove the code from `ignore` in project.toml (or from the policy it comes from).",
        example='# project.toml\n[lint]\nignore = { POC101 = "demo only" }   # and there is no Dockerfile any more',
        check=_unused,
    ),
)
