"""POC rules: a proof of concept answers one question quickly and is then thrown away.

Each drift rule fires when the repository carries machinery that only a production system
needs; the evidence is the files that carry it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Category, Requirement, RuleKind, Severity, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation, describe, evidence_of

_STAY_POC = (
    'If the POC has proved its point and is becoming a product, declare `stage = "mvp"` and '
    "meet the MVP checks instead. To keep it deliberately (say, a local demo), ignore the rule "
    'with a reason: `[lint] ignore = {{ {code} = "local demo only" }}`.'
)


def _drift(*categories: Category, what: str) -> Check:
    """A check that fires once, with every signal of ``categories`` as evidence."""

    def check(ctx: RuleContext) -> Iterator[Violation]:
        found = ctx.of(*categories)
        if found:
            yield Violation(f"{what}: {describe(found)}", evidence_of(found))

    return check


def _production_config(ctx: RuleContext) -> Iterator[Violation]:
    """Production configuration, but not a framework's generated environment file left as generated."""
    generated = {s.path for s in ctx.of(Category.SCAFFOLD_PROD_CONFIG)}
    found = tuple(s for s in ctx.of(Category.PROD_CONFIG) if s.path not in generated)
    if found:
        yield Violation(f"production configuration in a POC: {describe(found)}", evidence_of(found))


def _deploy_script(ctx: RuleContext) -> Iterator[Violation]:
    """A script that deploys the POC by hand, when CI does not deploy it (POC105 says so then)."""
    if ctx.has(Category.CI_DEPLOY):
        return
    found = ctx.of(Category.DEPLOY_SCRIPT)
    if found:
        yield Violation(f"a script deploys this POC by hand: {describe(found)}", evidence_of(found))


def _no_hypothesis(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.declaration.hypothesis:
        yield Violation("project.toml states no `hypothesis`: nothing says what this POC must prove", ctx.anchor)


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
            f"{limits.poc_max_source_files} (`poc-max-source-files`)",
            ctx.anchor,
        )
    elif stats.source_lines is not None and stats.source_lines > limits.poc_max_source_lines:
        yield Violation(
            f"{stats.source_lines} source lines in {stats.source_files} files, over the POC budget "
            f"of {limits.poc_max_source_lines} (`poc-max-source-lines`)",
            ctx.anchor,
        )


def _readme_disclaimer(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.is_root and not ctx.has(Category.README):
        return
    if ctx.has(Category.POC_DISCLAIMER):
        return
    readmes = ctx.of(Category.README)
    if readmes:
        yield Violation(
            f"{readmes[0].path} never says this is a proof of concept that is not meant for production",
            evidence_of(readmes[:1]),
        )
    else:
        yield Violation(
            "there is no README to tell readers this is a proof of concept that is not meant for production", ctx.anchor
        )


_POC = '# project.toml\n[project]\nstage = "poc"\n'


RULES: tuple[Rule, ...] = (
    Rule(
        code="POC001",
        name="poc-no-hypothesis",
        kind=RuleKind.DECLARATION,
        stage=Stage.POC,
        severity=Severity.WARNING,
        requires=frozenset({Requirement.DECLARED}),
        reads=frozenset(),
        summary="The POC does not state the hypothesis it tests.",
        rationale="A POC exists to answer a single question of feasibility. Without the question written "
        "down, nobody can tell when the answer is in, so the POC never ends and keeps growing.",
        example=_POC + 'name = "recs"\n# no hypothesis = "..." line',
        fix='Add `hypothesis = "..."` to [project] in project.toml, phrased so that it can fail.',
        check=_no_hypothesis,
    ),
    Rule(
        code="POC002",
        name="poc-no-timebox",
        kind=RuleKind.DECLARATION,
        stage=Stage.POC,
        severity=Severity.INFO,
        requires=frozenset({Requirement.DECLARED}),
        reads=frozenset(),
        summary="The POC has no timebox (`ends` date).",
        rationale="A POC should be short. An end date makes the decision to keep, rebuild or drop it "
        "happen on purpose rather than by drift.",
        example=_POC + 'hypothesis = "Embeddings beat keyword search"\n# no ends = YYYY-MM-DD line',
        fix="Add `ends = YYYY-MM-DD` to [project] in project.toml.",
        check=_no_timebox,
    ),
    Rule(
        code="POC003",
        name="poc-timebox-passed",
        kind=RuleKind.DECLARATION,
        stage=Stage.POC,
        severity=Severity.WARNING,
        requires=frozenset({Requirement.DECLARED}),
        reads=frozenset(),
        summary="The POC's `ends` date has passed.",
        rationale="A POC that outlives its timebox is usually on its way to production by inertia: "
        "decide whether the hypothesis was proved and what happens next.",
        example=_POC + "ends = 2025-02-28   # checked in March 2025",
        fix='Record the outcome, then either archive the POC, start an MVP (`stage = "mvp"`), or '
        "move `ends` with a reason the team agreed on.",
        check=_timebox_passed,
    ),
    Rule(
        code="POC101",
        name="poc-container-image",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.CONTAINER}),
        summary="The POC builds a container image.",
        rationale="A Dockerfile is how code gets shipped to servers. In a disposable experiment it is a "
        "sign that someone intends to run it somewhere other than a laptop.",
        example=_POC + "\n# Dockerfile\nFROM python:3.12-slim",
        fix="Run the POC locally or in a notebook. " + _STAY_POC.format(code="POC101"),
        check=_drift(Category.CONTAINER, what="container image definitions in a POC"),
    ),
    Rule(
        code="POC102",
        name="poc-orchestration",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.ORCHESTRATION}),
        summary="The POC has orchestration manifests (Kubernetes, Helm, Kustomize, Compose services, Nomad).",
        rationale="Orchestration describes how a service runs, scales and restarts in an environment. A "
        "POC has no environment to run in; manifests mean it is being operated.",
        example=_POC + "\n# k8s/deployment.yaml\napiVersion: apps/v1\nkind: Deployment",
        fix="Delete the manifests or keep a compose file for local dependencies only. "
        + _STAY_POC.format(code="POC102"),
        check=_drift(Category.ORCHESTRATION, what="orchestration manifests in a POC"),
    ),
    Rule(
        code="POC103",
        name="poc-infrastructure-as-code",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.IAC}),
        summary="The POC provisions infrastructure as code (Terraform, Pulumi, CDK, CloudFormation, Bicep, Ansible).",
        rationale="Infrastructure code creates real, billable, long-lived resources. A throwaway "
        "experiment that owns infrastructure is no longer throwaway.",
        example=_POC + '\n# infra/main.tf\nresource "aws_s3_bucket" "data" {}',
        fix="Use a shared sandbox account or local emulators. " + _STAY_POC.format(code="POC103"),
        check=_drift(Category.IAC, what="infrastructure as code in a POC"),
    ),
    Rule(
        code="POC104",
        name="poc-paas-deploy",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.PAAS}),
        summary="The POC carries platform deployment config (Procfile, fly.toml, vercel.json, app.yaml, ...).",
        rationale="A PaaS file makes deploying one command away, and a deployed POC gets users, who then "
        "depend on code nobody meant to maintain.",
        example=_POC + "\n# Procfile\nweb: gunicorn app:app",
        fix="Remove the deployment file. " + _STAY_POC.format(code="POC104"),
        check=_drift(Category.PAAS, what="platform deployment config in a POC"),
    ),
    Rule(
        code="POC105",
        name="poc-ci-deploy",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.CI_DEPLOY}),
        summary="The POC's CI deploys or publishes.",
        rationale="Continuous deployment turns every push into a release. A POC has no release process, "
        "reviews or support, so whatever it deploys is production without the safeguards.",
        example=_POC + "\n# .github/workflows/deploy.yml\n      - run: flyctl deploy",
        fix="Remove the deploy or publish jobs from CI. " + _STAY_POC.format(code="POC105"),
        check=_drift(Category.CI_DEPLOY, what="CI deploys or publishes this POC"),
    ),
    Rule(
        code="POC106",
        name="poc-production-config",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.PROD_CONFIG, Category.SCAFFOLD_PROD_CONFIG}),
        summary="The POC has production environment configuration (beyond what its framework generated).",
        rationale="Settings for a production environment only make sense if there is one. They often "
        "hold real endpoints and credentials as well. A framework's generated production "
        "environment (Rails `config/environments/production.rb`, Phoenix `config/prod.exs`), "
        "naming no production host, does not count: every new project of that framework has one.",
        example=_POC + "\n# config/production.yaml\ndatabase_url: postgres://db.internal/app",
        fix="Delete the production settings you wrote (a framework's generated environment file can stay "
        "as generated). " + _STAY_POC.format(code="POC106"),
        check=_production_config,
    ),
    Rule(
        code="POC107",
        name="poc-release-machinery",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.RELEASE}),
        summary="The POC has release automation (release tooling, release workflows, changelog process).",
        rationale="Versioned releases promise compatibility and support to someone. A POC promises neither.",
        example=_POC + '\n# .releaserc.json\n{"branches": ["main"]}',
        fix="Remove the release tooling. " + _STAY_POC.format(code="POC107"),
        check=_drift(Category.RELEASE, what="release machinery in a POC"),
    ),
    Rule(
        code="POC108",
        name="poc-production-operations",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.INFO,
        reads=frozenset({Category.OBSERVABILITY, Category.HEALTH_CHECK, Category.MIGRATIONS}),
        summary="The POC carries production operations: observability, health checks or database migrations.",
        rationale="Monitoring, health probes and schema migrations exist to keep a live system running "
        "and its data safe over time, which a disposable experiment has no use for.",
        example=_POC + "\n# requirements.txt\nsentry-sdk==2.0.0",
        fix="Drop the operational tooling, or accept it knowingly. " + _STAY_POC.format(code="POC108"),
        check=_drift(
            Category.OBSERVABILITY,
            Category.HEALTH_CHECK,
            Category.MIGRATIONS,
            what="production operations tooling in a POC",
        ),
    ),
    Rule(
        code="POC109",
        name="poc-deploy-script",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.DEPLOY_SCRIPT, Category.CI_DEPLOY}),
        summary="The POC carries a script that deploys it by hand.",
        rationale="A deploy script (`deploy.sh` copying the build to a server, running `fly deploy` or "
        "restarting the service there) means the POC runs somewhere for someone. A deployed POC gets "
        "users, who then depend on code nobody meant to maintain. When CI deploys the POC, POC105 "
        "reports that instead.",
        example=_POC + '\n# deploy.sh\nrsync -az dist/ "deploy@web1:/srv/app/"',
        fix="Remove the deploy script and run the POC locally. " + _STAY_POC.format(code="POC109"),
        check=_deploy_script,
    ),
    Rule(
        code="POC201",
        name="poc-scope-budget",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset(),
        summary="The POC's source is bigger than a POC budget allows.",
        rationale="A POC should stay small enough to throw away without regret. Past a few thousand "
        "lines it has become a product in all but name, and the sunk cost makes it hard to "
        "discard.",
        example=_POC + "\n# 200 source files, over the default budget of 150 (`poc-max-source-files`)",
        fix="Cut the POC back to what the hypothesis needs, or raise the budget in "
        "`[lint.thresholds]` (`poc-max-source-files`, `poc-max-source-lines`) with a reason.",
        check=_scope,
    ),
    Rule(
        code="POC301",
        name="poc-readme-disclaimer",
        kind=RuleKind.DECLARATION,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset({Category.README, Category.POC_DISCLAIMER}),
        summary="The README does not say the project is a proof of concept not meant for production.",
        rationale="Readers, and clients above all, must know they are looking at an experiment. A README "
        "that reads like a product invites people to deploy and depend on it.",
        example=_POC + "\n# README.md\n# Recs\nFast recommendations for the catalogue.",
        fix='Open the README with a line such as: "Proof of concept: not for production use. It tests whether ...".',
        check=_readme_disclaimer,
    ),
)
