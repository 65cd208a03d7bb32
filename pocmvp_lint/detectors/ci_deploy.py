"""``ci-deploy``: CI jobs that deploy (kubectl, terraform apply, PaaS CLIs) or publish (registries)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pocmvp_lint.detectors._ci import Command, Pipeline, command_line, pipelines, repo_script, script_lines
from pocmvp_lint.detectors._util import mapping_get, split_commands, yaml_mappings
from pocmvp_lint.detectors.ci_catalogue import (
    AZURE_DEPLOY_TASKS,
    DEPLOY_ACTION_STOP_WORDS,
    DEPLOY_ACTION_WORDS,
    DEPLOY_ACTIONS,
    PUSH_INPUT_ACTIONS,
    REGISTRY_LOGIN_ACTIONS,
    REGISTRY_LOGIN_TASKS,
)
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
     | \b(?:dart|flutter)\s+pub\s+publish\b
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
#: Remote copies run from jobs whose name says they deploy.
_REMOTE_COPY_RE = lazy_re(r"\b(?:rsync|scp)\b(?:(?!\b(?:rsync|scp)\b)[^\n])*?\S:\S*|\bssh\b[ \t]+\S+")
_DEPLOY_JOB_RE = lazy_re(r"deploy|release|publish|prod", re.IGNORECASE)
#: Registry logins run as commands.
_LOGIN_COMMAND_RE = lazy_re(
    r"\b(?:docker|podman|buildah|helm\s+registry)\s+login\b|\baws\s+ecr\s+get-login(?:-password)?\b"
    r"|\bgcloud\s+auth\s+configure-docker\b|\baz\s+acr\s+login\b|\bcrane\s+auth\s+login\b"
)
#: Script-table runs and Makefile targets, whose name is then checked for image words.
_NAMED_RUN_RE = lazy_re(
    r"\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)|\b(?:make|just|task)\s+(?:-\S+\s+)*([\w:.-]+)"
)
_IMAGE_WORD_RE = lazy_re(r"docker|image|container", re.IGNORECASE)


def detect_ci_deploy(inv: Inventory) -> Iterator[Signal]:
    for pipeline in pipelines(inv):
        if not _manual_only(inv, pipeline):
            yield from pipeline_deploys(inv, pipeline)
            continue
        # Still a deploy path, but one that nothing starts on its own: a POC may keep it.
        for signal in pipeline_deploys(inv, pipeline):
            yield replace(
                signal,
                category=Category.CI_DEPLOY_MANUAL,
                detail=f"{signal.detail} (started by hand only: workflow_dispatch)",
            )


def _manual_only(inv: Inventory, pipeline: Pipeline) -> bool:
    """A GitHub workflow started only by hand (``on: workflow_dispatch``) deploys nothing on its own."""
    if pipeline.file.system != "GitHub Actions":
        return False
    docs = list(yaml_mappings(inv, pipeline.file.path))
    triggers = [mapping_get(doc, "on", True) for doc in docs]
    return bool(triggers) and all(
        t == "workflow_dispatch"
        or t == ["workflow_dispatch"]
        or (isinstance(t, dict) and set(t) == {"workflow_dispatch"})
        for t in triggers
    )


def pipeline_deploys(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """Every deploy or publish step of one pipeline."""
    for cmd in pipeline.commands:
        text = inv.text(cmd.path) or ""
        for line in cmd.lines():
            what = deploy_command(line, cmd) or _script_deploy(inv, line, cmd)
            if what is not None:
                yield Signal(
                    Category.CI_DEPLOY, cmd.path, command_line(text, cmd, line), f"{_job(cmd.job)}runs `{what}`"
                )
    for use in pipeline.uses:
        if _deploying_use(use.ref, use.inputs):
            yield Signal(Category.CI_DEPLOY, use.path, use.line, f"{_job(use.job)}uses {use.ref}")
    yield from _push_after_login(inv, pipeline)
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


def _script_deploy(inv: Inventory, line: str, cmd: Command) -> str | None:
    """A deploy command inside the repository script that ``line`` runs (one hop)."""
    for part in split_commands(line, ("&&", ";", "||")):
        script = repo_script(inv, part)
        if script is None:
            continue
        for inner in script_lines(inv, script):
            what = deploy_command(inner, replace(cmd, job=cmd.job or script))
            if what is not None:
                return f"{part.strip()[:60]}` (script {script} runs `{what}"
    return None


def _push_after_login(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A job that logs in to a registry and then builds images through a script publishes them."""
    logged_in: set[str | None] = {
        u.job
        for u in pipeline.uses
        if u.ref.lower().startswith(REGISTRY_LOGIN_ACTIONS) or u.ref.lower() in REGISTRY_LOGIN_TASKS
    }
    for cmd in pipeline.commands:
        if any(_LOGIN_COMMAND_RE.search(line) for line in cmd.lines()):
            logged_in.add(cmd.job)
    for cmd in pipeline.commands:
        if cmd.job not in logged_in:
            continue
        text = inv.text(cmd.path) or ""
        for line in cmd.lines():
            what = _image_build(inv, line)
            if what is not None and not DRY_RUN_RE.search(line):
                yield Signal(
                    Category.CI_DEPLOY,
                    cmd.path,
                    command_line(text, cmd, line),
                    f"{_job(cmd.job)}builds images with `{what}` after a registry login",
                )
                return


def _image_build(inv: Inventory, line: str) -> str | None:
    """The script or target in ``line`` whose name says it builds images, or None."""
    for part in split_commands(line, ("&&", ";", "||")):
        named = _NAMED_RUN_RE.search(part)
        if named is not None and _IMAGE_WORD_RE.search(named.group(1) or named.group(2) or ""):
            return named.group(0).strip()
        script = repo_script(inv, part)
        if script is not None and _IMAGE_WORD_RE.search(script.rsplit("/", 1)[-1]):
            return part.strip()[:80]
    return None


def _deploying_use(ref: str, inputs: tuple[tuple[str, str], ...]) -> bool:
    """True when an action or Azure task deploys or publishes (dry runs and build-only excluded)."""
    name = ref.lower()
    values = {k.lower(): v.lower() for k, v in inputs}
    if name == "docker":  # Azure Pipelines Docker@2
        return values.get("command", "") in ("push", "buildandpush")
    if name in AZURE_DEPLOY_TASKS:
        return not any(DRY_RUN_RE.search(v) for v in values.values())
    if name.startswith(PUSH_INPUT_ACTIONS):
        return values.get("push", "false") not in ("false", "") or "push=true" in values.get("outputs", "")
    if not name.startswith(DEPLOY_ACTIONS):
        return _named_like_deploy(name) and not any(DRY_RUN_RE.search(v) for v in values.values())
    if name.startswith("goreleaser/goreleaser-action"):
        args = values.get("args", "release")
        return "--snapshot" not in args and "release" in args
    return not any(DRY_RUN_RE.search(v) for v in values.values())


def _named_like_deploy(name: str) -> bool:
    """An action not in the catalogue whose own name says it deploys or publishes."""
    if name.startswith(("./", "docker://")) or "/" not in name:
        return False
    own = name.split("/", 1)[1]
    return any(w in own for w in DEPLOY_ACTION_WORDS) and not any(w in own for w in DEPLOY_ACTION_STOP_WORDS)


def _travis_deploy(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    for doc in inv.yaml(pipeline.file.path) or ():
        if isinstance(doc, dict) and doc.get("deploy"):
            text = inv.text(pipeline.file.path) or ""
            line = text.find("\ndeploy:")
            yield Signal(
                Category.CI_DEPLOY,
                pipeline.file.path,
                None if line < 0 else text.count("\n", 0, line) + 2,
                "Travis `deploy:` section",
            )


def _job(job: str | None) -> str:
    return f"job '{job}' " if job else ""
