"""SEC rules: hygiene that matters whatever the stage."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Category, RuleKind, Severity
from pocmvp_lint.rules.rule import Rule, RuleContext, Violation, describe, evidence_of


def _secrets(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of(Category.SECRETS)
    if found:
        yield Violation(f"credentials are committed: {describe(found, limit=5)}", evidence_of(found))


def _dev_only(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of(Category.SECRETS_DEV_ONLY)
    if found:
        yield Violation(
            f"development, test or CI-only credentials are committed: {describe(found, limit=5)}", evidence_of(found)
        )


def _fixtures(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of(Category.SECRETS_FIXTURE)
    if found:
        yield Violation(
            f"keys in test fixtures or documentation examples: {describe(found, limit=5)}", evidence_of(found)
        )


#: What every secrets message promises (docs/secrets.md).
_NEVER_SHOWN = (
    " Messages name the file, the line and the kind of credential, never its value: at most "
    "the format's public prefix (`ghp_…`)."
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SEC001",
        name="committed-secrets",
        kind=RuleKind.SECURITY,
        stage=None,
        reads=frozenset({Category.SECRETS}),
        severity=Severity.ERROR,
        summary=(
            "Private keys, tokens or credential files are committed: credential files, hard-coded "
            "values in env and secret files, and high-confidence token formats (cloud, GitHub, GitLab, "
            "Slack, Stripe live, Google, npm, PyPI, OpenAI... keys; private key blocks) in every tracked "
            "text file. Third-party service tokens count wherever they sit, CI files included; keys in "
            "test fixtures and docs are SEC003, generated dev/test keys SEC002." + _NEVER_SHOWN
        ),
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
        example="# src/pay.js\nconst stripe = Stripe('sk_live_...');  // a real live key, not this placeholder",
        check=_secrets,
    ),
    Rule(
        code="SEC002",
        name="dev-only-secrets",
        kind=RuleKind.SECURITY,
        stage=None,
        reads=frozenset({Category.SECRETS_DEV_ONLY}),
        severity=Severity.WARNING,
        summary=(
            "Generated credentials that only development, tests or CI use are committed: Rails "
            "`config/secrets.yml` development/test sections, a Laravel `APP_KEY` in `.env.ci`, "
            "`.env.testing` or an example env file, generated values in CI configuration env blocks, "
            "private keys in dev/test/CI folders (`docker/ci-config/`, `test-environments/`)." + _NEVER_SHOWN
        ),
        rationale=(
            "They are real credentials but low risk: they guard nothing in production. They still leak "
            "to everyone who clones, and an example file's key ends up in deployments that copy it. A "
            "warning, not a blocking error; a third-party service token (AWS, GitHub, Stripe live...) is "
            "SEC001 even in a CI file."
        ),
        fix=(
            "Generate the key at setup or in CI (`php artisan key:generate`, `rails secret`, a CI "
            "secret variable) instead of committing it; blank the value in example env files."
        ),
        example="# .env.ci\nAPP_KEY=base64:<a key php artisan key:generate wrote>",
        check=_dev_only,
    ),
    Rule(
        code="SEC003",
        name="fixture-secrets",
        kind=RuleKind.SECURITY,
        stage=None,
        reads=frozenset({Category.SECRETS_FIXTURE}),
        severity=Severity.INFO,
        summary=(
            "Credential formats in test fixtures (`tests/`, `spec/`, `fixtures/`, `testdata/`, test "
            "files) or documentation examples (`docs/`, `examples/`, `samples/`), named as such." + _NEVER_SHOWN
        ),
        rationale=(
            "Test suites need keys to sign and verify with, and documentation shows what a token looks "
            "like: usually throwaway values. Listed for a look (a real token copied into a fixture is "
            "still a leak), never blocking."
        ),
        fix=(
            "Make sure the key was generated for the tests (or is a documented example) and is used "
            "nowhere else; otherwise revoke it and treat it as SEC001."
        ),
        example="# spec/fixtures/signing.pem\n-----BEGIN RSA PRIVATE KEY-----\n<a key generated for the tests>",
        check=_fixtures,
    ),
)
