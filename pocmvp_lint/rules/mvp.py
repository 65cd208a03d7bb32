"""MVP rules: a minimum viable product is small, but it is production software for real users.

Each rule names a readiness signal the repository lacks.
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Category, Requirement, RuleKind, Severity, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation, describe, evidence_of

DEPLOY_CATEGORIES: tuple[Category, ...] = (
    Category.CONTAINER,
    Category.ORCHESTRATION,
    Category.IAC,
    Category.PAAS,
    Category.CI_DEPLOY,
    Category.CI_DEPLOY_MANUAL,
    Category.DEPLOY_SCRIPT,
)


def _missing(*categories: Category, message: str) -> Check:
    """A check that fires when none of ``categories`` was seen."""

    def check(ctx: RuleContext) -> Iterator[Violation]:
        if not ctx.has(*categories):
            yield Violation(message, ctx.anchor)

    return check


def _no_tests(ctx: RuleContext) -> Iterator[Violation]:
    tests = ctx.of(Category.TESTS)
    if not tests:
        yield Violation("no test files were found", ctx.anchor)
        return
    scaffolds = {s.path for s in ctx.of(Category.SCAFFOLD_TESTS)}
    if scaffolds and all(t.path in scaffolds for t in tests):
        found = ctx.of(Category.SCAFFOLD_TESTS)
        yield Violation(f"the only tests are the ones a scaffold generated: {describe(found)}", evidence_of(found))


def _few_tests(ctx: RuleContext) -> Iterator[Violation]:
    stats, limits = ctx.stats, ctx.thresholds
    if not ctx.has(Category.TESTS) or stats.source_files < limits.mvp_ratio_min_source_files:
        return
    ratio = stats.test_files / stats.source_files if stats.source_files else 1.0
    if ratio < limits.mvp_min_test_ratio:
        yield Violation(
            f"{stats.test_files} test files for {stats.source_files} source files "
            f"(ratio {ratio:.2f}, below `mvp-min-test-ratio` = {limits.mvp_min_test_ratio})",
            evidence_of(ctx.of(Category.TESTS)[:3]),
        )


def _ci_without_tests(ctx: RuleContext) -> Iterator[Violation]:
    ci = ctx.of(Category.CI)
    if not ci or ctx.has(Category.CI_TESTS):
        return
    ignored = ctx.of(Category.CI_TESTS_NONBLOCKING)
    if ignored:
        yield Violation(f"CI runs the tests but ignores their failure: {describe(ignored)}", evidence_of(ignored))
    else:
        yield Violation(f"CI is configured but no job runs the tests: {describe(ci)}", evidence_of(ci))


def _readme(ctx: RuleContext) -> Iterator[Violation]:
    readmes = ctx.of(Category.README)
    if not readmes:
        yield Violation("there is no README", ctx.anchor)
    elif not ctx.has(Category.README_SETUP):
        yield Violation(f"{readmes[0].path} has no setup or run instructions", evidence_of(readmes[:1]))


def _lockfile(ctx: RuleContext) -> Iterator[Violation]:
    unlocked = ctx.of(Category.UNLOCKED_MANIFEST)
    if unlocked:
        yield Violation(f"dependencies are declared but not locked: {describe(unlocked)}", evidence_of(unlocked))


def _health(ctx: RuleContext) -> Iterator[Violation]:
    service = ctx.of(Category.CONTAINER, Category.ORCHESTRATION)
    if service and not ctx.has(Category.HEALTH_CHECK):
        yield Violation(f"a service is deployed ({describe(service)}) with no health check", evidence_of(service))


def _feedback(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.declaration.feedback:
        yield Violation("project.toml names no `feedback` channel for MVP users", ctx.anchor)


def _owner(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.declaration.owner and not ctx.has(Category.CODEOWNERS):
        yield Violation("no `owner` in project.toml and no CODEOWNERS file", ctx.anchor)


def _throwaway(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of(Category.THROWAWAY)
    if found:
        yield Violation(f"throwaway code ships with the MVP: {describe(found)}", evidence_of(found))


_MVP = '# project.toml\n[project]\nstage = "mvp"\n'


RULES: tuple[Rule, ...] = (
    Rule(
        code="MVP001",
        name="mvp-no-tests",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.ERROR,
        reads=frozenset({Category.TESTS, Category.SCAFFOLD_TESTS}),
        summary="The MVP has no tests.",
        rationale="An MVP runs in front of real users and will be changed often as feedback arrives. "
        "Without tests every change risks breaking the one flow users rely on. The single test "
        "a scaffold generates (Create React App's \"renders learn react link\", Spring Initializr's "
        "`contextLoads`, Flutter's counter smoke test, Android Studio's `ExampleUnitTest`) and Django's "
        "empty `tests.py` do not count.",
        example=_MVP + "\n# src/ holds the application; no test file anywhere",
        fix="Add automated tests for the core user flow (for example `tests/test_*.py`, "
        "`*.test.ts`, `*_test.go`, `src/test/java`).",
        check=_no_tests,
    ),
    Rule(
        code="MVP002",
        name="mvp-few-tests",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.INFO,
        reads=frozenset({Category.TESTS}),
        summary="The MVP has few tests for the amount of source code.",
        rationale="A single scaffold test is not a safety net. The ratio of test files to source files "
        "is a cheap proxy for whether the code users depend on is exercised; only a proxy "
        "(one table-driven test file can cover many modules), so it is info, not a warning.",
        example=_MVP + "\n# 1 test file for 40 source files (ratio 0.03, below `mvp-min-test-ratio` = 0.1)",
        fix="Add tests for the untested modules, or tune `mvp-min-test-ratio` in `[lint.thresholds]`.",
        check=_few_tests,
    ),
    Rule(
        code="MVP003",
        name="mvp-no-ci",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.ERROR,
        reads=frozenset({Category.CI}),
        summary="The MVP has no continuous integration.",
        rationale="Production software needs every change built and checked the same way, by a machine, "
        "before it reaches users.",
        example=_MVP + "\n# no .github/workflows/, .gitlab-ci.yml, Jenkinsfile or other CI configuration",
        fix="Add a CI pipeline (GitHub Actions, GitLab CI, CircleCI, Jenkins, Azure Pipelines, ...) "
        "that installs, builds and tests the project.",
        check=_missing(Category.CI, message="no CI configuration was found"),
    ),
    Rule(
        code="MVP004",
        name="mvp-ci-no-tests",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        reads=frozenset({Category.CI, Category.CI_TESTS, Category.CI_TESTS_NONBLOCKING}),
        summary="CI is configured but runs no tests that can fail the build.",
        rationale="A pipeline that only builds or lints lets broken behaviour through to users, and so "
        "does one that runs the tests but ignores their failure (`continue-on-error`, `allow_failure`, "
        "`|| true`): the build passes whatever they say.",
        example=_MVP + "\n# .github/workflows/ci.yml\n      - run: npm run build   # and no test step",
        fix="Add a step that runs the test suite (`pytest`, `npm test`, `go test ./...`, ...), and let "
        "its failure fail the build.",
        check=_ci_without_tests,
    ),
    Rule(
        code="MVP005",
        name="mvp-no-deploy-path",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        reads=frozenset(DEPLOY_CATEGORIES),
        summary="The MVP has no deployment path.",
        rationale="An MVP must reach real users to gather feedback. Without a container, platform "
        "config, infrastructure code, a CI deploy job or at least a deploy script, shipping depends on what "
        "someone remembers to type.",
        example=_MVP + "\n# no Dockerfile, fly.toml, Procfile, Terraform, CI deploy job or deploy script",
        fix="Add the deployment definition you use: a Dockerfile, a PaaS file (fly.toml, Procfile, "
        "vercel.json, ...), infrastructure code, a CI deploy job, or a deploy script (`deploy.sh`).",
        check=_missing(
            *DEPLOY_CATEGORIES,
            message="no container, platform config, infrastructure code, CI deploy job or deploy script was found",
        ),
    ),
    Rule(
        code="MVP006",
        name="mvp-no-readme",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        reads=frozenset({Category.README, Category.README_SETUP}),
        summary="The MVP has no README or the README has no setup or run instructions.",
        rationale="The next developer, the client and the on-call person all need to install and run the "
        "product without asking the author.",
        example=_MVP + "\n# README.md\n# Ward rota\nA rota planner for ward 4.   (no setup or run section)",
        fix="Write a README with a setup/run section (install, configure, run, test).",
        check=_readme,
    ),
    Rule(
        code="MVP007",
        name="mvp-no-lockfile",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        reads=frozenset({Category.UNLOCKED_MANIFEST}),
        summary="Dependencies are not locked or pinned.",
        rationale="Production builds must be reproducible: unpinned dependencies change under you "
        "between the build you tested and the one you ship. Each ecosystem needs its own lock file: "
        "a Go service's `go.sum` does not lock its front end's `package.json`, so each unlocked "
        "manifest is named (a workspace member is locked by the lock file at its workspace root). "
        "A Maven, Gradle, sbt or NuGet manifest that names an exact version of every dependency needs no "
        "lock file: those tools resolve the same versions from it every time. Nor does a Python "
        "project whose requirements file pins every package with `==`, nor a library whose "
        "ecosystem leaves the lock file out (a Rust library crate, a gem, a Composer library, a "
        "published npm package).",
        example=_MVP + "\n# go.mod and go.sum are committed; web/package.json is, web/package-lock.json is not",
        fix="Commit the lock file of your package manager (package-lock.json, poetry.lock, uv.lock, "
        "go.sum, Cargo.lock, Gemfile.lock, composer.lock, ...) or pin with hashes; in Maven, Gradle, "
        "sbt or NuGet, replace ranges, wildcards, `LATEST`/`RELEASE`, dynamic `+` and snapshots with "
        "exact versions; in Python, `pip freeze > requirements.txt` or `pip-compile` pins them.",
        check=_lockfile,
    ),
    Rule(
        code="MVP008",
        name="mvp-no-observability",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        requires=frozenset({Requirement.SERVICE}),
        reads=frozenset({Category.OBSERVABILITY}),
        summary="The MVP has no observability (error tracking, metrics, tracing or structured logging).",
        rationale="The point of an MVP is to learn from real use. Without error tracking or metrics, "
        "failures and usage go unseen.",
        example=_MVP + "\n# requirements.txt\nflask==3.0.0   # no sentry-sdk, prometheus-client, opentelemetry",
        fix="Add an error tracker (Sentry, Rollbar, ...), metrics (Prometheus, StatsD) or tracing "
        "(OpenTelemetry) to the application's dependencies and configuration.",
        check=_missing(
            Category.OBSERVABILITY,
            message="no error tracking, metrics, tracing or structured logging library or config was found",
        ),
    ),
    Rule(
        code="MVP009",
        name="mvp-no-health-check",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        requires=frozenset({Requirement.SERVICE}),
        reads=frozenset({Category.CONTAINER, Category.ORCHESTRATION, Category.HEALTH_CHECK}),
        summary="A deployed service has no health check.",
        rationale="Orchestrators and load balancers need a health check to restart a broken instance and "
        "stop sending users to it.",
        example=_MVP + '\n# Dockerfile\nFROM node:20\nCMD ["node", "server.js"]   # no HEALTHCHECK',
        fix="Add `HEALTHCHECK` to the Dockerfile, liveness/readiness probes to the manifests, a "
        "platform health path, or a `/healthz` route.",
        check=_health,
    ),
    Rule(
        code="MVP010",
        name="mvp-no-security-policy",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.INFO,
        reads=frozenset({Category.SECURITY_POLICY}),
        summary="There is no security policy.",
        rationale="Real users mean real vulnerability reports; reporters need to know where to send them.",
        example=_MVP + "\n# no SECURITY.md at the root, in .github/ or in docs/",
        fix="Add SECURITY.md (root, .github/ or docs/) saying how to report a vulnerability.",
        check=_missing(Category.SECURITY_POLICY, message="no SECURITY.md or security policy was found"),
    ),
    Rule(
        code="MVP011",
        name="mvp-no-dependency-updates",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.INFO,
        reads=frozenset({Category.DEPENDENCY_UPDATES}),
        summary="No dependency update automation (Dependabot, Renovate).",
        rationale="Production dependencies get security fixes every week; without automation they rot.",
        example=_MVP + "\n# no .github/dependabot.yml and no renovate.json",
        fix="Add `.github/dependabot.yml` or a Renovate config.",
        check=_missing(Category.DEPENDENCY_UPDATES, message="no Dependabot or Renovate configuration was found"),
    ),
    Rule(
        code="MVP012",
        name="mvp-no-feedback-channel",
        kind=RuleKind.DECLARATION,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        requires=frozenset({Requirement.DECLARED}),
        reads=frozenset(),
        summary="project.toml names no feedback channel.",
        rationale="An MVP exists to gather feedback from its users and iterate on it. If nobody knows "
        "where feedback goes, it is lost.",
        example=_MVP + 'owner = "ward-team"\n# no feedback = "..." line',
        fix='Add `feedback = "https://..."` (a form, issue tracker, channel or mailbox) to [project].',
        check=_feedback,
    ),
    Rule(
        code="MVP013",
        name="mvp-no-changelog",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.INFO,
        reads=frozenset({Category.CHANGELOG, Category.RELEASE}),
        summary="No changelog or release process.",
        rationale="Users and the team iterate on an MVP; a changelog or release tooling records what "
        "changed for whom and when.",
        example=_MVP + "\n# no CHANGELOG.md and no release tooling",
        fix="Add CHANGELOG.md or release tooling (release-please, semantic-release, changesets, ...).",
        check=_missing(Category.CHANGELOG, Category.RELEASE, message="no changelog or release tooling was found"),
    ),
    Rule(
        code="MVP014",
        name="mvp-no-owner",
        kind=RuleKind.DECLARATION,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        requires=frozenset({Requirement.DECLARED}),
        reads=frozenset({Category.CODEOWNERS}),
        summary="Nobody is named as owner.",
        rationale="Production software needs someone accountable for incidents, reviews and decisions.",
        example=_MVP + '# no owner = "..." line, and no CODEOWNERS file',
        fix='Add `owner = "team-or-person"` to [project] or a CODEOWNERS file.',
        check=_owner,
    ),
    Rule(
        code="MVP015",
        name="mvp-throwaway-code",
        kind=RuleKind.READINESS,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        reads=frozenset({Category.THROWAWAY}),
        summary="Leftover throwaway code (poc, prototype, scratch, playground folders) ships with the MVP.",
        rationale="Code written to be thrown away skipped the care production code needs; shipping it "
        "puts untested shortcuts in front of users.",
        example=_MVP + "\n# prototype/search.py   (3 source files in a prototype/ folder)",
        fix="Delete the folders, or move what is still needed into the product with tests.",
        check=_throwaway,
    ),
)
