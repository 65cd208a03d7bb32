"""LNT rules: about how the linter itself is configured and silenced."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.config.model import Exemption
from pocmvp_lint.model import Evidence, Requirement, RuleKind, Severity
from pocmvp_lint.rules.rule import Rule, RuleContext, Violation


def _no_reason(ctx: RuleContext) -> Iterator[Violation]:
    for item in ctx.suppressions:
        if not item.reason:
            yield Violation(
                f"`pocmvp-lint: ignore[{', '.join(item.codes)}]` in {item.path}:{item.line} gives no reason",
                (Evidence(item.path, item.line),),
            )


def _unused(ctx: RuleContext) -> Iterator[Violation]:
    for code in ctx.unused_ignores:
        yield Violation(
            f"ignore `{code}` in {ctx.config_path} matched no finding in this run; remove it if it is stale", ctx.anchor
        )


def _where(item: Exemption, ctx: RuleContext) -> tuple[Evidence, ...]:
    """The line of the exemption when it is in this project's files; else the stage line (an
    exemption from a policy outside the repository)."""
    if item.inline or (item.path is not None and item.path == ctx.config_path):
        return (Evidence(item.path or "", item.line),)
    return ctx.anchor


def _expired(ctx: RuleContext) -> Iterator[Violation]:
    for item in ctx.exemptions:
        if item.until is None or not item.expired(ctx.today):
            continue
        ago = (ctx.today - item.until).days
        how = "an inline comment" if item.inline else "[lint] ignore"
        owner = ctx.declaration.owner if not item.inline else None
        who = f" (project owner: {owner})" if owner else ""
        reason = f'for: "{item.reason}"' if item.reason else "with no reason"
        yield Violation(
            f"the exemption of {', '.join(item.codes)} ended on {item.until.isoformat()} "
            f"({ago} day{'s' if ago != 1 else ''} ago), so its findings are reported again; it was "
            f"granted in {how} at {item.where}{who} {reason}",
            _where(item, ctx),
        )


def _bad_date(ctx: RuleContext) -> Iterator[Violation]:
    for item in ctx.suppressions:
        if item.bad_until is not None:
            yield Violation(
                f"`until={item.bad_until}` in {item.path}:{item.line} is not a date (YYYY-MM-DD); "
                "the comment silences nothing until it is fixed",
                (Evidence(item.path, item.line),),
            )


RULES: tuple[Rule, ...] = (
    Rule(
        code="LNT001",
        name="suppression-without-reason",
        kind=RuleKind.META,
        stage=None,
        severity=Severity.WARNING,
        reads=frozenset(),
        summary="An inline `pocmvp-lint: ignore[CODE]` comment gives no reason.",
        rationale=(
            "A silenced finding is a decision someone made. Without the reason next to it, the next "
            "reader cannot tell a deliberate exception from a way to make the linter quiet."
        ),
        fix=("Write the reason after the bracket: `# pocmvp-lint: ignore[POC101] local demo only, never deployed`."),
        example="# Dockerfile\n# pocmvp-lint: ignore[POC101]\nFROM python:3.12-slim",
        silence="Give the reason in the comment; that is the fix. `[lint] ignore = { LNT001 = "
        '"reason" }` silences the rule itself.',
        check=_no_reason,
    ),
    Rule(
        code="LNT002",
        name="unused-ignore",
        kind=RuleKind.META,
        stage=None,
        severity=Severity.INFO,
        reads=frozenset(),
        requires=frozenset({Requirement.OTHER_OUTCOMES}),
        summary="An ignore in `[lint]` matched no finding.",
        rationale=(
            "Stale ignores hide future findings of the same rule without anyone deciding so. "
            "Cleaning them up keeps the configuration honest."
        ),
        fix="Remove the code from `ignore` in project.toml (or from the policy it comes from).",
        example='# project.toml\n[lint]\nignore = { POC101 = "demo only" }   # and there is no Dockerfile any more',
        check=_unused,
    ),
    Rule(
        code="LNT003",
        name="expired-exemption",
        kind=RuleKind.META,
        stage=None,
        severity=Severity.WARNING,
        reads=frozenset(),
        summary="An exemption (`[lint] ignore` or an inline comment with `until`) has passed its end date.",
        rationale=(
            "An exemption with an end date is a promise to revisit a decision. Once the date has "
            "passed, the findings it silenced are reported again, and this finding says where the "
            "exemption is, why it was granted and by whom, so the team can fix the cause or "
            "renew it on purpose."
        ),
        fix=(
            "Fix what the silenced findings point at and remove the exemption, or, if the reason "
            "still holds, write a new `until` date (and say why in the reason)."
        ),
        example=(
            '# project.toml\n[lint]\nignore = { POC101 = { reason = "demo on a laptop", '
            "until = 2025-01-31 } }   # checked on 2025-02-01"
        ),
        silence="Renew or remove the exemption; that is the fix. `[lint] ignore = { LNT003 = "
        '"reason" }` silences the rule itself.',
        check=_expired,
    ),
    Rule(
        code="LNT004",
        name="invalid-exemption-date",
        kind=RuleKind.META,
        stage=None,
        severity=Severity.WARNING,
        reads=frozenset(),
        summary="An inline `pocmvp-lint: ignore[CODE] until=...` comment has an end date that is not a date.",
        rationale=(
            "An end date that cannot be read cannot be honoured. Rather than silence findings "
            "forever, the comment silences nothing and this finding names its line."
        ),
        fix="Write the date as YYYY-MM-DD: `# pocmvp-lint: ignore[POC101] until=2027-01-31 demo only`.",
        example="# Dockerfile\n# pocmvp-lint: ignore[POC101] until=next-spring demo only\nFROM python:3.12-slim",
        silence='Fix the date; that is the fix. `[lint] ignore = { LNT004 = "reason" }` silences the rule itself.',
        check=_bad_date,
    ),
)
