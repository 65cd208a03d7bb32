"""``ci-deploy``: CI jobs that deploy (kubectl, terraform apply, PaaS CLIs) or publish (registries)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pocmvp_lint.detectors._ci import Command, Pipeline, command_line, pipelines
from pocmvp_lint.detectors._util import mapping_get, split_commands, yaml_mappings
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Deploy and publish commands (signals.md §6.2), matched per logical command line.
DEPLOY_COMMAND_RE = lazy_re(
    r"""(?x)
       \bdocker\s+(?:image\s+)?push\b | \bdocker\s+buildx\s+build\b(?:(?!\bdocker\s+buildx\b)[^\n])*--push\b
     | \bdocker\s+compose\b(?:(?!\bdocker\s+compose\b)[^\n])*\bpush\b
     | \bpodman\s+push\b | \bcrane\s+(?:push|copy)\b | \bko\s+(?:build|apply|resolve)\b | \bbuildah\s+push\b
     | \bkubectl\s+(?:apply|create|replace|rollout\s+restart|set\s+image)\b | \bhelm\s+(?:upgrade|install)\b
     | \bhelmfile\s+(?:apply|sync)\b | \bkustomize\s+build\b(?:(?!\bkustomize\b)[^\n])*\|\s*kubectl\s+apply
     | \bskaffold\s+(?:run|deploy)\b
     | \bargocd\s+app\s+sync\b | \bflux\s+reconcile\b | \boc\s+(?:apply|new-app|rollout)\b
     | \bterraform\s+apply\b | \btofu\s+apply\b | \bterragrunt\s+(?:run-all\s+)?apply\b | \bpulumi\s+up\b
     | \bcdk\s+deploy\b | \bsam\s+deploy\b | \b(?:serverless|sls)\s+deploy\b | \bcopilot\s+(?:svc\s+)?deploy\b
     | \baws\s+(?:ecs\s+update-service|s3\s+sync|cloudformation\s+deploy|lambda\s+update-function-code
                 |deploy\s+create-deployment|apprunner\s+start-deployment)\b
     | \beb\s+deploy\b | \bgcloud\s+(?:app\s+deploy|run\s+deploy|functions\s+deploy|builds\s+submit)\b
     | \baz\s+(?:webapp|functionapp|containerapp)\s+(?:deploy|up|update|create)\b | \baz\s+acr\s+build\b
     | \bazd\s+(?:up|deploy|provision)\b | \bfly(?:ctl)?\s+deploy\b | \bvercel\b(?:(?!\bvercel\b)[^\n])*--prod\b
     | \bvercel\s+deploy\b
     | \bnetlify\s+deploy\b(?:(?!\bnetlify\b)[^\n])*--prod\b
     | \brailway\s+up\b | \bheroku\s+(?:container:release|releases)\b
     | \bgit\s+push\s+(?:-\S+\s+)*(?:heroku|dokku)\b | \bfirebase\s+deploy\b
     | \bwrangler\s+(?:deploy|publish|pages\s+deploy)\b
     | \bkamal\s+deploy\b | \bcap\s+\w+\s+deploy\b | \bansible-playbook\b | \bnomad\s+(?:job\s+)?run\b
     | \bdocker\s+stack\s+deploy\b | \bcf\s+push\b
     | \bnpm\s+publish\b | \bpnpm\s+publish\b | \byarn\s+(?:npm\s+)?publish\b | \bchangeset\s+publish\b
     | \btwine\s+upload\b | \b(?:poetry|flit|hatch|uv|pdm)\s+publish\b | \bgem\s+push\b | \bcargo\s+publish\b
     | \b(?:dotnet\s+)?nuget\s+push\b | \bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*\bdeploy\b
     | \bgradlew?\b(?:(?!\bgradlew?\b)[^\n])*\bpublish\w*\b
     | \bsbt\b(?:(?!\bsbt\b)[^\n])*ci-release\b | \bmix\s+hex\.publish\b | \bgoreleaser\s+release\b
     | \b(?:npx|pnpm|yarn)\b(?:(?!\b(?:npx|pnpm|yarn)\b)[^\n])*\bsemantic-release\b | \bcomposer\s+publish\b
    """
)
#: Dry runs and no-ops that look like deploys.
DRY_RUN_RE = lazy_re(
    r"--dry-run\b|--dryrun\b|--snapshot\b|--skip[=\s]publish|--no-publish\b|\bterraform\s+plan\b"
    r"|\bhelm\s+(?:template|lint)\b|\btwine\s+check\b|\bnpm\s+pack\b|--server-side\s+--dry-run"
)
#: Actions (``uses:`` prefix before ``@``) that deploy or publish (signals.md §6.1).
DEPLOY_ACTIONS: tuple[str, ...] = (
    "pypa/gh-action-pypi-publish", "docker/build-push-action", "goreleaser/goreleaser-action",
    "imjasonh/setup-ko", "ko-build/setup-ko", "peaceiris/actions-gh-pages", "actions/deploy-pages",
    "jamesives/github-pages-deploy-action", "azure/webapps-deploy", "azure/functions-action",
    "azure/functions-container-action", "azure/k8s-deploy", "azure/static-web-apps-deploy",
    "aws-actions/amazon-ecs-deploy-task-definition", "aws-actions/aws-cloudformation-github-deploy",
    "google-github-actions/deploy-cloudrun", "google-github-actions/deploy-appengine",
    "google-github-actions/deploy-cloud-functions", "redhat-actions/oc-new-app",
    "redhat-actions/push-to-registry", "octopusdeploy/deploy-release-action", "superfly/flyctl-actions",
    "amondnet/vercel-action", "nwtgck/actions-netlify", "akhileshns/heroku-deploy",
    "cloudflare/wrangler-action",
    "cloudflare/pages-action", "firebaseextended/action-hosting-deploy", "pulumi/actions",
    "appleboy/ssh-action", "appleboy/scp-action", "easingthemes/ssh-deploy", "burnett01/rsync-deployments",
    "samkirkland/ftp-deploy-action", "relekang/python-semantic-release",
    "python-semantic-release/python-semantic-release", "cycjimmy/semantic-release-action",
)
#: Azure Pipelines tasks (name before ``@``) that deploy.
AZURE_DEPLOY_TASKS = frozenset({
    "azurewebapp", "azurermwebappdeployment", "kubernetesmanifest", "helmdeploy", "azurefunctionapp",
    "azurefunctionappcontainer", "azurecontainerapps", "azurestaticwebapp",
})
#: Remote copies run from jobs whose name says they deploy.
_REMOTE_COPY_RE = lazy_re(r"\b(?:rsync|scp)\b(?:(?!\b(?:rsync|scp)\b)[^\n])*?\S:\S*|\bssh\b[ \t]+\S+")
_DEPLOY_JOB_RE = lazy_re(r"deploy|release|publish|prod", re.IGNORECASE)


def detect_ci_deploy(inv: Inventory) -> Iterator[Signal]:
    for pipeline in pipelines(inv):
        if not _manual_only(inv, pipeline):
            yield from _pipeline_deploys(inv, pipeline)
            continue
        # Still a deploy path, but one that nothing starts on its own: a POC may keep it.
        for signal in _pipeline_deploys(inv, pipeline):
            yield replace(signal, category=Category.CI_DEPLOY_MANUAL,
                          detail=f"{signal.detail} (started by hand only: workflow_dispatch)")


def _manual_only(inv: Inventory, pipeline: Pipeline) -> bool:
    """A GitHub workflow started only by hand (``on: workflow_dispatch``) deploys nothing on its own."""
    if pipeline.file.system != "GitHub Actions":
        return False
    docs = list(yaml_mappings(inv, pipeline.file.path))
    triggers = [mapping_get(doc, "on", True) for doc in docs]
    return bool(triggers) and all(
        t == "workflow_dispatch" or t == ["workflow_dispatch"]
        or (isinstance(t, dict) and set(t) == {"workflow_dispatch"}) for t in triggers)


def _pipeline_deploys(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    text = inv.text(pipeline.file.path) or ""
    for cmd in pipeline.commands:
        for line in cmd.lines():
            what = deploy_command(line, cmd)
            if what is not None:
                yield Signal("ci-deploy", pipeline.file.path, command_line(text, cmd, line),
                             f"{_job(cmd.job)}runs `{what}`")
    for use in pipeline.uses:
        if _deploying_use(use.ref, use.inputs):
            yield Signal("ci-deploy", pipeline.file.path, use.line, f"{_job(use.job)}uses {use.ref}")
    if pipeline.file.system in ("Travis CI",):
        yield from _travis_deploy(inv, pipeline)


def deploy_command(line: str, cmd: Command | None = None) -> str | None:
    """The deploy/publish command in ``line`` unless it is a dry run, else None."""
    for part in split_commands(line, ("&&", ";", "||")):
        match = DEPLOY_COMMAND_RE.search(part)
        if match is not None and not DRY_RUN_RE.search(part):
            return match.group(0).strip()
        if cmd is not None and cmd.job and _DEPLOY_JOB_RE.search(cmd.job):
            remote = _REMOTE_COPY_RE.search(part)
            if remote is not None:
                return remote.group(0).strip()[:60]
    return None


def _deploying_use(ref: str, inputs: tuple[tuple[str, str], ...]) -> bool:
    """True when an action or Azure task deploys or publishes (dry runs and build-only excluded)."""
    name = ref.lower()
    values = {k.lower(): v.lower() for k, v in inputs}
    if name == "docker":  # Azure Pipelines Docker@2
        return values.get("command", "") in ("push", "buildandpush")
    if name in AZURE_DEPLOY_TASKS:
        return True
    if not name.startswith(DEPLOY_ACTIONS):
        return False
    if name.startswith("docker/build-push-action"):
        return values.get("push", "false") not in ("false", "")
    if name.startswith("goreleaser/goreleaser-action"):
        args = values.get("args", "release")
        return "--snapshot" not in args and "release" in args
    return not any(DRY_RUN_RE.search(v) for v in values.values())


def _travis_deploy(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    for doc in inv.yaml(pipeline.file.path) or ():
        if isinstance(doc, dict) and doc.get("deploy"):
            text = inv.text(pipeline.file.path) or ""
            line = text.find("\ndeploy:")
            yield Signal("ci-deploy", pipeline.file.path, None if line < 0 else text.count("\n", 0, line) + 2,
                         "Travis `deploy:` section")


def _job(job: str | None) -> str:
    return f"job '{job}' " if job else ""
