"""SEC rules: hygiene that matters whatever the stage."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Category, RuleKind, Severity
from pocmvp_lint.rules.rule import Rule, RuleContext, Violation, describe, evidence_of


def _secrets(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of(Category.SECRETS)
    if found:
        yield Violation(f"credentials are committed: {describe(found, limit=5)}", evidence_of(found))


RULES: tuple[Rule, ...] = (
    Rule(
        code="SEC001",
        name="committed-secrets",
        kind=RuleKind.SECURITY,
        stage=None,
        reads=frozenset({Category.SECRETS}),
        severity=Severity.ERROR,
        summary="Private keys, tokens or credential files are committed.",
        rationale=(
            "A secret in git history is leaked to everyone who can clone the repository, forever. "
            "Proofs of concept are the usual culprit: demo credentials get committed for speed and "
            "later turn out to be production credentials."
        ),
        fix=(
            "Revoke and rotate the credential first, then remove the file from the index "
            "(`git rm --cached FILE`), add it to `.gitignore`, and load secrets from the "
            "environment or a secret manager. Rewriting history does not un-leak it. If the value "
            "is a harmless placeholder, ignore the rule with a reason."
        ),
        example="# .env\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        check=_secrets,
    ),
)
