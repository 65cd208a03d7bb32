"""POC rules: a proof of concept answers one question quickly and is then thrown away.

Each drift rule fires when the repository carries machinery that only a production system
needs; the evidence is the files that carry it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Severity, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation, describe, evidence_of

_STAY_POC = (
    "If the POC has proved its point and is becoming a product, declare `stage = \"mvp\"` and "
    "meet the MVP checks instead. To keep it deliberately (say, a local demo), ignore the rule "
    "with a reason: `[lint] ignore = {{ {code} = \"local demo only\" }}`."
)


def _drift(*categories: str, what: str) -> Check:
    """A check that fires once, with every signal of ``categories`` as evidence."""

    def check(ctx: RuleContext) -> Iterator[Violation]:
        found = ctx.of(*categories)
        if found:
            yield Violation(f"{what}: {describe(found)}", evidence_of(found))

    return check


def _no_hypothesis(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.declaration.hypothesis:
        yield Violation("project.toml states no `hypothesis`: nothing says what this POC must prove",
                        ctx.anchor)


def _no_timebox(ctx: RuleContext) -> Iterator[Violation]:
    if ctx.declaration.ends is None:
        yield Violation("project.toml sets no `ends` date: this POC has no timebox", ctx.anchor)


def _timebox_passed(ctx: RuleContext) -> Iterator[Violation]:
    ends = ctx.declaration.ends
    if ends is not None and ends < ctx.today:
        days = (ctx.today - ends).days
        yield Violation(f"the POC's timebox ended on {ends.isoformat()}, {days} days ago", ctx.anchor)


def _scope(ctx: RuleContext) -> Iterator[Violation]:
    limits = ctx.thresholds
    stats = ctx.stats
    if stats.source_files > limits.poc_max_source_files:
        yield Violation(
            f"{stats.source_files} source files, over the POC budget of "
            f"{limits.poc_max_source_files} (`poc-max-source-files`)", ctx.anchor)
    elif stats.source_lines is not None and stats.source_lines > limits.poc_max_source_lines:
        yield Violation(
            f"{stats.source_lines} source lines in {stats.source_files} files, over the POC budget "
            f"of {limits.poc_max_source_lines} (`poc-max-source-lines`)", ctx.anchor)


def _readme_disclaimer(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.is_root and not ctx.has("readme"):
        return
    if ctx.has("poc-disclaimer"):
        return
    readmes = ctx.of("readme")
    if readmes:
        yield Violation(f"{readmes[0].path} never says this is a proof of concept that is not meant "
                        "for production", evidence_of(readmes[:1]))
    else:
        yield Violation("there is no README to tell readers this is a proof of concept that is not "
                        "meant for production", ctx.anchor)


def _rule(code: str, name: str, severity: Severity, summary: str, rationale: str, fix: str,
          check: Check) -> Rule:
    return Rule(code=code, name=name, stage=Stage.POC, severity=severity, summary=summary,
                rationale=rationale, fix=fix, check=check)


RULES: tuple[Rule, ...] = (
    _rule("POC001", "poc-no-hypothesis", Severity.WARNING,
          "The POC does not state the hypothesis it tests.",
          "A POC exists to answer a single question of feasibility. Without the question written "
          "down, nobody can tell when the answer is in, so the POC never ends and keeps growing.",
          'Add `hypothesis = "..."` to [project] in project.toml, phrased so that it can fail.',
          _no_hypothesis),
    _rule("POC002", "poc-no-timebox", Severity.INFO,
          "The POC has no timebox (`ends` date).",
          "A POC should be short. An end date makes the decision to keep, rebuild or drop it "
          "happen on purpose rather than by drift.",
          "Add `ends = YYYY-MM-DD` to [project] in project.toml.",
          _no_timebox),
    _rule("POC003", "poc-timebox-passed", Severity.WARNING,
          "The POC's `ends` date has passed.",
          "A POC that outlives its timebox is usually on its way to production by inertia: "
          "decide whether the hypothesis was proved and what happens next.",
          "Record the outcome, then either archive the POC, start an MVP (`stage = \"mvp\"`), or "
          "move `ends` with a reason the team agreed on.",
          _timebox_passed),
    _rule("POC101", "poc-container-image", Severity.WARNING,
          "The POC builds a container image.",
          "A Dockerfile is how code gets shipped to servers. In a disposable experiment it is a "
          "sign that someone intends to run it somewhere other than a laptop.",
          "Run the POC locally or in a notebook. " + _STAY_POC.format(code="POC101"),
          _drift("container", what="container image definitions in a POC")),
    _rule("POC102", "poc-orchestration", Severity.WARNING,
          "The POC has orchestration manifests (Kubernetes, Helm, Kustomize, Compose services, Nomad).",
          "Orchestration describes how a service runs, scales and restarts in an environment. A POC "
          "has no environment to run in; manifests mean it is being operated.",
          "Delete the manifests or keep a compose file for local dependencies only. "
          + _STAY_POC.format(code="POC102"),
          _drift("orchestration", what="orchestration manifests in a POC")),
    _rule("POC103", "poc-infrastructure-as-code", Severity.WARNING,
          "The POC provisions infrastructure as code (Terraform, Pulumi, CDK, CloudFormation, Bicep, Ansible).",
          "Infrastructure code creates real, billable, long-lived resources. A throwaway experiment "
          "that owns infrastructure is no longer throwaway.",
          "Use a shared sandbox account or local emulators. " + _STAY_POC.format(code="POC103"),
          _drift("iac", what="infrastructure as code in a POC")),
    _rule("POC104", "poc-paas-deploy", Severity.WARNING,
          "The POC carries platform deployment config (Procfile, fly.toml, vercel.json, app.yaml, ...).",
          "A PaaS file makes deploying one command away, and a deployed POC gets users, who then "
          "depend on code nobody meant to maintain.",
          "Remove the deployment file. " + _STAY_POC.format(code="POC104"),
          _drift("paas", what="platform deployment config in a POC")),
    _rule("POC105", "poc-ci-deploy", Severity.WARNING,
          "The POC's CI deploys or publishes.",
          "Continuous deployment turns every push into a release. A POC has no release process, "
          "reviews or support, so whatever it deploys is production without the safeguards.",
          "Remove the deploy or publish jobs from CI. " + _STAY_POC.format(code="POC105"),
          _drift("ci-deploy", what="CI deploys or publishes this POC")),
    _rule("POC106", "poc-production-config", Severity.WARNING,
          "The POC has production environment configuration.",
          "Settings for a production environment only make sense if there is one. They often hold "
          "real endpoints and credentials as well.",
          "Delete production settings files. " + _STAY_POC.format(code="POC106"),
          _drift("prod-config", what="production configuration in a POC")),
    _rule("POC107", "poc-release-machinery", Severity.WARNING,
          "The POC has release automation (release tooling, release workflows, changelog process).",
          "Versioned releases promise compatibility and support to someone. A POC promises neither.",
          "Remove the release tooling. " + _STAY_POC.format(code="POC107"),
          _drift("release", what="release machinery in a POC")),
    _rule("POC108", "poc-production-operations", Severity.INFO,
          "The POC carries production operations: observability, health checks or database migrations.",
          "Monitoring, health probes and schema migrations exist to keep a live system running and "
          "its data safe over time, which a disposable experiment has no use for.",
          "Drop the operational tooling, or accept it knowingly. " + _STAY_POC.format(code="POC108"),
          _drift("observability", "health-check", "migrations",
                 what="production operations tooling in a POC")),
    _rule("POC201", "poc-scope-budget", Severity.WARNING,
          "The POC's source is bigger than a POC budget allows.",
          "A POC should stay small enough to throw away without regret. Past a few thousand lines it "
          "has become a product in all but name, and the sunk cost makes it hard to discard.",
          "Cut the POC back to what the hypothesis needs, or raise the budget in "
          "`[lint.thresholds]` (`poc-max-source-files`, `poc-max-source-lines`) with a reason.",
          _scope),
    _rule("POC301", "poc-readme-disclaimer", Severity.WARNING,
          "The README does not say the project is a proof of concept not meant for production.",
          "Readers, and clients above all, must know they are looking at an experiment. A README "
          "that reads like a product invites people to deploy and depend on it.",
          "Open the README with a line such as: \"Proof of concept: not for production use. It tests "
          "whether ...\".",
          _readme_disclaimer),
)
