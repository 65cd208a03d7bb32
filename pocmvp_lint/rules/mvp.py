"""MVP rules: a minimum viable product is small, but it is production software for real users.

Each rule names a readiness signal the repository lacks.
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Severity, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation, describe, evidence_of

DEPLOY_CATEGORIES = ("container", "orchestration", "iac", "paas", "ci-deploy")


def _missing(*categories: str, message: str) -> Check:
    """A check that fires when none of ``categories`` was seen."""

    def check(ctx: RuleContext) -> Iterator[Violation]:
        if not ctx.has(*categories):
            yield Violation(message, ctx.anchor)

    return check


def _no_tests(ctx: RuleContext) -> Iterator[Violation]:
    tests = ctx.of("tests")
    if not tests:
        yield Violation("no test files were found", ctx.anchor)
        return
    scaffolds = {s.path for s in ctx.of("scaffold-tests")}
    if scaffolds and all(t.path in scaffolds for t in tests):
        found = ctx.of("scaffold-tests")
        yield Violation(f"the only tests are the ones a scaffold generated: {describe(found)}",
                        evidence_of(found))


def _few_tests(ctx: RuleContext) -> Iterator[Violation]:
    stats, limits = ctx.stats, ctx.thresholds
    if not ctx.has("tests") or stats.source_files < limits.mvp_ratio_min_source_files:
        return
    ratio = stats.test_files / stats.source_files if stats.source_files else 1.0
    if ratio < limits.mvp_min_test_ratio:
        yield Violation(
            f"{stats.test_files} test files for {stats.source_files} source files "
            f"(ratio {ratio:.2f}, below `mvp-min-test-ratio` = {limits.mvp_min_test_ratio})",
            evidence_of(ctx.of("tests")[:3]))


def _ci_without_tests(ctx: RuleContext) -> Iterator[Violation]:
    ci = ctx.of("ci")
    if ci and not ctx.has("ci-tests"):
        yield Violation(f"CI is configured but no job runs the tests: {describe(ci)}", evidence_of(ci))


def _readme(ctx: RuleContext) -> Iterator[Violation]:
    readmes = ctx.of("readme")
    if not readmes:
        yield Violation("there is no README", ctx.anchor)
    elif not ctx.has("readme-setup"):
        yield Violation(f"{readmes[0].path} has no setup or run instructions",
                        evidence_of(readmes[:1]))


def _lockfile(ctx: RuleContext) -> Iterator[Violation]:
    manifests = ctx.of("dependency-manifest")
    if manifests and not ctx.has("lockfile"):
        yield Violation(f"dependencies are declared but not locked: {describe(manifests)}",
                        evidence_of(manifests))


def _health(ctx: RuleContext) -> Iterator[Violation]:
    service = ctx.of("container", "orchestration")
    if service and not ctx.has("health-check"):
        yield Violation(f"a service is deployed ({describe(service)}) with no health check",
                        evidence_of(service))


def _feedback(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.declaration.feedback:
        yield Violation("project.toml names no `feedback` channel for MVP users", ctx.anchor)


def _owner(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.declaration.owner and not ctx.has("codeowners"):
        yield Violation("no `owner` in project.toml and no CODEOWNERS file", ctx.anchor)


def _throwaway(ctx: RuleContext) -> Iterator[Violation]:
    found = ctx.of("throwaway")
    if found:
        yield Violation(f"throwaway code ships with the MVP: {describe(found)}", evidence_of(found))


def _rule(code: str, name: str, severity: Severity, summary: str, rationale: str, fix: str,
          check: Check) -> Rule:
    return Rule(code=code, name=name, stage=Stage.MVP, severity=severity, summary=summary,
                rationale=rationale, fix=fix, check=check)


RULES: tuple[Rule, ...] = (
    _rule("MVP001", "mvp-no-tests", Severity.ERROR,
          "The MVP has no tests.",
          "An MVP runs in front of real users and will be changed often as feedback arrives. "
          "Without tests every change risks breaking the one flow users rely on. The single test a "
          "scaffold generates (Create React App's \"renders learn react link\") does not count.",
          "Add automated tests for the core user flow (for example `tests/test_*.py`, "
          "`*.test.ts`, `*_test.go`, `src/test/java`).",
          _no_tests),
    _rule("MVP002", "mvp-few-tests", Severity.WARNING,
          "The MVP has few tests for the amount of source code.",
          "A single scaffold test is not a safety net. The ratio of test files to source files is "
          "a cheap proxy for whether the code users depend on is exercised.",
          "Add tests for the untested modules, or tune `mvp-min-test-ratio` in `[lint.thresholds]`.",
          _few_tests),
    _rule("MVP003", "mvp-no-ci", Severity.ERROR,
          "The MVP has no continuous integration.",
          "Production software needs every change built and checked the same way, by a machine, "
          "before it reaches users.",
          "Add a CI pipeline (GitHub Actions, GitLab CI, CircleCI, Jenkins, Azure Pipelines, ...) "
          "that installs, builds and tests the project.",
          _missing("ci", message="no CI configuration was found")),
    _rule("MVP004", "mvp-ci-no-tests", Severity.WARNING,
          "CI is configured but runs no tests.",
          "A pipeline that only builds or lints lets broken behaviour through to users.",
          "Add a step that runs the test suite (`pytest`, `npm test`, `go test ./...`, ...).",
          _ci_without_tests),
    _rule("MVP005", "mvp-no-deploy-path", Severity.WARNING,
          "The MVP has no deployment path.",
          "An MVP must reach real users to gather feedback. Without a container, platform config, "
          "infrastructure code or a CI deploy job, shipping depends on someone's laptop.",
          "Add the deployment definition you use: a Dockerfile, a PaaS file (fly.toml, Procfile, "
          "vercel.json, ...), infrastructure code, or a CI deploy job.",
          _missing(*DEPLOY_CATEGORIES, message="no container, platform config, infrastructure code "
                   "or CI deploy job was found")),
    _rule("MVP006", "mvp-no-readme", Severity.WARNING,
          "The MVP has no README or the README has no setup or run instructions.",
          "The next developer, the client and the on-call person all need to install and run the "
          "product without asking the author.",
          "Write a README with a setup/run section (install, configure, run, test).",
          _readme),
    _rule("MVP007", "mvp-no-lockfile", Severity.WARNING,
          "Dependencies are not locked or pinned.",
          "Production builds must be reproducible: unpinned dependencies change under you between "
          "the build you tested and the one you ship.",
          "Commit the lock file of your package manager (package-lock.json, poetry.lock, uv.lock, "
          "go.sum, Cargo.lock, Gemfile.lock, composer.lock, ...) or pin with hashes.",
          _lockfile),
    _rule("MVP008", "mvp-no-observability", Severity.WARNING,
          "The MVP has no observability (error tracking, metrics, tracing or structured logging).",
          "The point of an MVP is to learn from real use. Without error tracking or metrics, "
          "failures and usage go unseen.",
          "Add an error tracker (Sentry, Rollbar, ...), metrics (Prometheus, StatsD) or tracing "
          "(OpenTelemetry) to the application's dependencies and configuration.",
          _missing("observability", message="no error tracking, metrics, tracing or structured "
                   "logging library or config was found")),
    _rule("MVP009", "mvp-no-health-check", Severity.WARNING,
          "A deployed service has no health check.",
          "Orchestrators and load balancers need a health check to restart a broken instance and "
          "stop sending users to it.",
          "Add `HEALTHCHECK` to the Dockerfile, liveness/readiness probes to the manifests, a "
          "platform health path, or a `/healthz` route.",
          _health),
    _rule("MVP010", "mvp-no-security-policy", Severity.INFO,
          "There is no security policy.",
          "Real users mean real vulnerability reports; reporters need to know where to send them.",
          "Add SECURITY.md (root, .github/ or docs/) saying how to report a vulnerability.",
          _missing("security-policy", message="no SECURITY.md or security policy was found")),
    _rule("MVP011", "mvp-no-dependency-updates", Severity.INFO,
          "No dependency update automation (Dependabot, Renovate).",
          "Production dependencies get security fixes every week; without automation they rot.",
          "Add `.github/dependabot.yml` or a Renovate config.",
          _missing("dependency-updates", message="no Dependabot or Renovate configuration was found")),
    _rule("MVP012", "mvp-no-feedback-channel", Severity.WARNING,
          "project.toml names no feedback channel.",
          "An MVP exists to gather feedback from its users and iterate on it. If nobody knows where "
          "feedback goes, it is lost.",
          'Add `feedback = "https://..."` (a form, issue tracker, channel or mailbox) to [project].',
          _feedback),
    _rule("MVP013", "mvp-no-changelog", Severity.INFO,
          "No changelog or release process.",
          "Users and the team iterate on an MVP; a changelog or release tooling records what "
          "changed for whom and when.",
          "Add CHANGELOG.md or release tooling (release-please, semantic-release, changesets, ...).",
          _missing("changelog", "release", message="no changelog or release tooling was found")),
    _rule("MVP014", "mvp-no-owner", Severity.WARNING,
          "Nobody is named as owner.",
          "Production software needs someone accountable for incidents, reviews and decisions.",
          'Add `owner = "team-or-person"` to [project] or a CODEOWNERS file.',
          _owner),
    _rule("MVP015", "mvp-throwaway-code", Severity.WARNING,
          "Leftover throwaway code (poc, prototype, scratch, playground folders) ships with the MVP.",
          "Code written to be thrown away skipped the care production code needs; shipping it "
          "puts untested shortcuts in front of users.",
          "Delete the folders, or move what is still needed into the product with tests.",
          _throwaway),
)
