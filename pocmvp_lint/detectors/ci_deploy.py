"""``ci-deploy``: CI jobs that deploy (kubectl, terraform apply, PaaS CLIs) or publish (registries)."""

from __future__ import annotations

import contextlib
import re
import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from pocmvp_lint.catalogue import PRODUCTION_WORDS
from pocmvp_lint.detectors._ci import (
    MAX_INPUT_LINES,
    MAX_JOBS,
    ActionUse,
    Command,
    Pipeline,
    command_line,
    fastlane_upload_lanes,
    gitlab_included,
    jenkins_matches,
    make_target,
    package_script,
    pipelines,
    repo_script,
    script_lines,
)
from pocmvp_lint.detectors._util import (
    PRINT_COMMANDS,
    as_dict,
    as_list,
    as_str_list,
    line_at,
    line_of_fragment,
    line_of_key,
    load_json,
    mapping_get,
    prints_only,
    split_commands,
    walk_dicts,
    yaml_mappings,
)
from pocmvp_lint.detectors.ci import TEST_COMMAND_RE
from pocmvp_lint.detectors.ci_catalogue import (
    AZURE_DEPLOY_TASKS,
    BITBUCKET_DEPLOY_PIPES,
    BITRISE_DEPLOY_STEPS,
    CLOUD_LOGIN_ACTIONS,
    CODEMAGIC_STORE_PUBLISHING,
    COPY_FLAGS,
    COPY_VALUE_SHORT_OPTIONS,
    DEPLOY_ACTION_INPUT_GATES,
    DEPLOY_ACTION_STOP_WORDS,
    DEPLOY_ACTION_WORDS,
    DEPLOY_ACTIONS,
    DEPLOY_COMMAND_ACTIONS,
    DEPLOY_HOOK_WORDS,
    DEPLOYED_ENVIRONMENTS,
    DRONE_DEPLOY_PLUGINS,
    ENVIRONMENT_INPUTS,
    FASTLANE_PLATFORMS,
    GITLAB_DEPLOY_TEMPLATES,
    GLOBAL_VALUE_OPTIONS,
    JENKINS_DEPLOY_STEPS,
    LOCAL_CLOUD_ACTIONS,
    LOCAL_CLUSTER_ACTIONS,
    NON_DEPLOY_TARGET_WORDS,
    NOTIFY_HOOK_WORDS,
    ORB_DEPLOY_WORDS,
    PUBLISH_INPUT_ACTIONS,
    PUSH_INPUT_ACTIONS,
    REGISTRY_CLIENTS,
    REGISTRY_LOGIN_ACTIONS,
    REGISTRY_LOGIN_TASKS,
    REPORT_PATH_WORDS,
    SEMANTIC_RELEASE_CONFIGS,
    SEMANTIC_RELEASE_PROGRAMS,
    SSH_KEY_ACTIONS,
    TASK_RUNNERS,
    TYPED_DEPLOY_STEPS,
    VERCEL_SUBCOMMANDS,
    canonical_action,
)
from pocmvp_lint.detectors.signal import Signal, mask_url_credentials
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Deploy and publish commands (signals.md §6.2), matched per logical command line.
DEPLOY_COMMAND_RE = lazy_re(
    r"""(?x)
       /kaniko/executor\b(?:(?!/kaniko/executor)[^\n])*(?:--destination\b|\s-d\b)
     | (?:^|\b(?:npx|bunx)\s+|\byarn\s+|\bpnpm\s+(?:exec\s+|dlx\s+)?|/\.bin/)gh-pages(?=\s)
       (?:(?!\bgh-pages\b)[^\n])*(?:\s-d\b|--dist\b)
     | \b(?=[a-z])(?:  # one word-boundary test for all the rest, not one per alternative
         \bdocker\s+(?:image\s+)?push\b | \bdocker\s+buildx\s+build\b(?:(?!\bdocker\s+buildx\b)[^\n])*--push\b
       | \b(?:docker\s+buildx|depot)\s+bake\b(?:(?!\b(?:docker\s+buildx|depot)\b)[^\n])*--push\b
       | \bdepot\s+build\b(?:(?!\bdepot\b)[^\n])*--push\b
       | \bdocker\s+compose\b(?:(?!\bdocker\s+compose\b)[^\n])*\bpush\b
       | \bdocker-compose\b(?:(?!\bdocker-compose\b)[^\n])*\bpush\b | \bdocker\s+manifest\s+push\b
       | \bskopeo\s+copy\b | \boras\s+push\b | \bjf(?:rog)?\s+rt\s+(?:upload|u)\b
       | \bpodman\s+push\b | \bcrane\s+(?:push|copy)\b | \bko\s+(?:build|apply|resolve|publish)\b | \bbuildah\s+push\b
       | \bkubectl\s+(?:apply|create|replace|rollout\s+restart|set\s+image)\b | \bhelm\s+(?:upgrade|install)\b
       | \bhelmfile\s+(?:apply|sync)\b | \bkustomize\s+build\b(?:(?!\bkustomize\b)[^\n])*\|\s*kubectl\s+apply
       | \bskaffold\s+(?:run|deploy)\b
       | \bargocd\s+app\s+sync\b | \bflux\s+reconcile\b | \boc\s+(?:apply|new-app|rollout)\b
       | \bterraform\s+apply\b | \btofu\s+apply\b | \bterragrunt\s+(?:run-all\s+)?apply\b | \bpulumi\s+up\b
       | \bcdk\s+deploy\b | \bsam\s+deploy\b | \b(?:serverless|sls)\s+deploy\b | \bcopilot\s+(?:svc\s+)?deploy\b
       | \baws\s+(?:ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code
                   |deploy\s+create-deployment|apprunner\s+start-deployment)\b
       | \beb\s+deploy\b | \bgcloud\s+(?:app\s+deploy|run\s+deploy|functions\s+deploy|builds\s+submit)\b
       | \bgcloud\s+run\s+(?:jobs\s+deploy|services\s+(?:update|replace))\b
       | \baws\s+amplify\s+(?:start-deployment|start-job)\b | \baz\s+webapp\s+config\s+container\s+set\b
       | \bdeployctl\s+deploy\b | \bshopify\s+(?:app\s+deploy|theme\s+push)\b | \brailway\s+redeploy\b
       | \baz\s+(?:webapp|functionapp|containerapp)\s+(?:deploy|up|update|create)\b | \baz\s+acr\s+build\b
       | \baz\s+(?:webapp|functionapp)\s+deployment\s+source\s+config-zip\b
       | \baz\s+deployment\s+(?:group|sub|mg|tenant)\s+create\b | \baz\s+group\s+deployment\s+create\b
       | \baz\s+storage\s+blob\s+(?:upload|upload-batch|sync)\b | \bswa\s+deploy\b
       | \bfunc\s+azure\s+functionapp\s+publish\b
       | \bazd\s+(?:up|deploy|provision)\b | \bfly(?:ctl)?\s+deploy\b | \bvercel\b(?:(?!\bvercel\b)[^\n])*--prod\b
       | \bvercel\s+deploy\b
       | \bnetlify(?:-cli)?\s+deploy\b(?:(?!\bnetlify\b)[^\n])*--prod\b
       | \brailway\s+up\b | \bheroku\s+(?:container:release|container:push|releases)\b
       | \bdoctl\s+apps\s+create-deployment\b | \bclever\s+deploy\b | \bcaprover\s+deploy\b
       | \bkapp\s+deploy\b | \b(?:zappa\s+(?:deploy|update)|chalice\s+deploy|cdktf\s+deploy)\b
       | \beas\s+(?:submit|update)(?![\w:-]) | \bexpo\s+publish\b | \bpod\s+trunk\s+push\b | \blein\s+deploy\b
       | \blerna\s+publish\b | \bnx\s+release\s+publish\b | \bmaturin\s+(?:publish|upload)\b
       | \bgcloud\s+deployment-manager\s+deployments\s+(?:create|update)\b
       | \baws\s+elasticbeanstalk\s+update-environment\b | \becs-deploy\b
       | \bgit\s+push\s+(?:-\S+\s+)*(?:heroku|dokku)\b | \bfirebase\s+deploy\b
       | \bgit\s+push\b(?:(?!\bgit\s+push\b)[^\n])*\bgit\.heroku\.com\b
       | \bdep\s+deploy\b | \bmina\s+(?:\w+\s+)?deploy\b | \benvoy\s+run\s+deploy\b
       | \bdpl\s+(?:--[\w-]{1,30}(?:=\S{0,100})?\s+){0,4}--provider[= ][\w-]+
       | \bdpl\s+(?:heroku|pages|s3|surge|firebase|elasticbeanstalk|lambda|cloudfoundry|azure_webapps)\b
       | \bconvex\s+deploy\b | \bsupabase\s+(?:functions\s+deploy|db\s+push)\b
       | \bwrangler\s+(?:deploy|publish|pages\s+(?:deploy|publish)|versions\s+deploy)\b
       | \bmirror\s+(?:-\S+\s+)*(?:-R|--reverse)\b
       | \bkamal\s+deploy\b | \bcap\s+\w+\s+deploy\b | \bansible-playbook\b | \bnomad\s+(?:job\s+)?run\b
       | \bdocker\s+stack\s+deploy\b | \bcf\s+(?:push|deploy)\b
       | \bnpm\s+publish\b | \bpnpm\s+publish\b | \byarn\s+(?:npm\s+)?publish\b | \bchangeset\s+publish\b
       | \btwine\s+upload\b | \b(?:poetry|flit|hatch|uv|pdm|rye)\s+publish\b | \bgem\s+push\b | \bcargo\s+publish\b
       | \b(?:dotnet\s+)?nuget\s+push\b | \bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*\bdeploy\b
       | \bgradlew?\b(?:(?!\bgradlew?\b)[^\n])*\bpublish\w*\b
       | \bsbt\b(?:(?!\bsbt\b)[^\n])*(?:ci-release\b|\bpublish(?:Signed)?\b)
       | \bmix\s+hex\.publish\b | \bgoreleaser\s+release\b | \brake\s+release\b(?![:\w-])
       | \b(?:git\.io/goreleaser|goreleaser\.com/static/run)\b[^\n|]*\|\s*(?:ba)?sh\b
       | \bjreleaser\s+(?:full-release|publish|deploy)\b | \bjreleaser(?:FullRelease|Publish|Deploy)\b
       | \bjreleaser:(?:full-release|publish|deploy)\b
       | \b(?:npx|pnpm|yarn)\b(?:(?!\b(?:npx|pnpm|yarn)\b)[^\n])*\bsemantic-release\b | \bcomposer\s+publish\b
       | \b(?:vsce|ovsx|jsr|deno)\s+publish\b | \bhelm\s+(?:push|cm-push)\b | \b(?:dart|flutter)\s+pub\s+publish\b
       | \bgh\s+release\s+upload\b | \bgke-deploy\s+run\b
       | \belectron-builder\b(?:(?!\belectron-builder\b)[^\n])*(?:--publish|(?<!\S)-p)[=\s]+["']?(?:always|onTag)
       | \belectron-builder\s+publish\b | \belectron-forge\s+publish\b
       | \bsnapcraft\s+(?:upload|push)\b | \bfirebase\s+appdistribution:distribute\b | \bmsstore\s+publish\b
       | \bxcrun\s+altool\b(?:(?!\bxcrun\b)[^\n])*--upload-(?:app|package)\b | \bchrome-webstore-upload\b
       | \bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*(?:\bjib:build\b|\bjib-maven-plugin:[\w.-]*:build\b)
       | \bgradlew?\b(?:(?!\bgradlew?\b)[^\n])*(?<![\w.-])jib(?![\w.-])
       | \bmkdocs\s+gh-deploy\b | \bmike\s+deploy\b(?:(?!\bmike\b)[^\n])*(?:--push\b|\s-p\b)
       | \bghp-import\b(?:(?!\bghp-import\b)[^\n])*(?:--push\b|\s-[a-oq-zA-Z]*p)
       | \bgit\s+subtree\s+push\b(?:(?!\bgit\b)[^\n])*\bgh-pages\b
       | \bgit\s+push\b(?:(?!\bgit\s+push\b)[^\n])*(?:\.github\.io\b|\bgh-pages\b)
     )
    """
)
#: Dry runs and no-ops that look like deploys.
DRY_RUN_RE = lazy_re(
    r"--dry-run\b|--dryrun\b|--snapshot\b|--skip[=\s]publish|--no-publish\b|\bterraform\s+plan\b"
    r"|\bhelm\s+(?:template|lint)\b|\btwine\s+check\b|\bnpm\s+pack\b|--server-side\s+--dry-run"
    r"|/kaniko/executor\b(?:(?!/kaniko/executor)[^\n])*--no-push\b|--no-execute-changeset\b"
    r"|\bpub\s+publish\b(?:(?!\bpub\b)[^\n])*\s-n\b"
    r"|\bansible-playbook\b(?:(?!\bansible-playbook\b)[^\n])*(?:--syntax-check|--check|--list-tasks|--list-hosts|\s-C)\b"
    r"|\bsupabase\s+db\s+push\b(?:(?!\bsupabase\b)[^\n])*--local\b"
    r"|\bgoreleaser\b(?:(?!\bgoreleaser\b)[^\n])*--skip-publish\b|\bnx\s+release\b(?:(?!\bnx\s+release\b)[^\n])*\s-d\b"
)
#: ``ansible-playbook`` run against a ``tests/`` inventory or playbook: a role's own test, not a deploy.
_ANSIBLE_TEST_RE = lazy_re(r"\bansible-playbook\b(?:(?!\bansible-playbook\b)[^\n])*(?<![\w-])tests?/")
#: A remote ``user@host:path`` target of ``scp``/``rsync`` (counts whatever the job is called).
_REMOTE_TARGET_RE = lazy_re(r"""(?<![\w.${}"'-])["']?[\w.${}-]+@([\w.${}\[\]-]+):""")
#: A registry on this machine (``localhost:5000/app``, ``--registry http://127.0.0.1:4873``).
_LOCAL_REGISTRY_RE = lazy_re(r"//(?:localhost|127\.0\.0\.1)\b|(?<![\w.-])(?:localhost|127\.0\.0\.1):\d{1,5}/")
#: An AWS CLI endpoint on this machine (LocalStack: ``--endpoint-url http://localhost:4566``).
_LOCAL_ENDPOINT_RE = lazy_re(r"--endpoint-url[=\s]+[\"']?https?://(?:localhost|127\.0\.0\.1|localstack)\b")
#: Hosts that are this machine: a copy there is a test, not a deploy.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "0.0.0.0"})
_COPY_PROGRAMS = frozenset({"scp", "rsync"})
#: Uploads to a package registry's HTTP API (GitLab's project packages and uploads, by its address or
#: the ``$CI_API_V4_URL`` a job is given; Gitea's and Forgejo's packages; release assets).
_CURL_UPLOAD_RE = lazy_re(
    r"\bcurl\b(?:(?!\bcurl\b)[^\n])*(?:--upload-file\b|\s-T\s|--form[=\s]+[\"']?[\w.-]*=@|\s-F\s+[\"']?[\w.-]*=@"
    r"|--data-binary[=\s]+[\"']?@)"
)
_PACKAGE_API_RE = lazy_re(
    r"(?:/api/v4|\bCI_API_V4_URL\}?)/projects/[^\s/]+/(?:packages/|uploads\b)"
    r"|/api/packages/[^\s/]+/|\buploads\.github\.com/repos/"
    r"|/releases/[^\s/]+/assets\b|/artifactory/|/repository/[^\s/]+/"
)
_VARIABLE_RE = lazy_re(r"\$\{?(\w+)")
_GH_RELEASE_CREATE_RE = lazy_re(r"\bgh\s+release\s+create\b")
#: Copies to or from a bucket (the destination decides which).
_BUCKET_COPY_RE = lazy_re(
    r"\baws\s+s3\s+(?:cp|sync)\b|\bgsutil\s+(?:-m\s+)?(?:cp|rsync)\b|\bgcloud\s+storage\s+(?:cp|rsync)\b"
)
_BUCKET_SCHEMES = ("s3://", "gs://")
#: PaaS deploy hooks called with curl: their URLs (a hook held in a variable is known by its name).
_DEPLOY_HOOK_URL_RE = lazy_re(
    r"api\.render\.com/deploy/|api\.netlify\.com/build_hooks/|api\.vercel\.com/v1/integrations/deploy/"
)
#: PaaS REST APIs that start a deploy when posted to: Render's deploys, Heroku's builds, Netlify's
#: deploys and builds, Vercel's deployments, DigitalOcean App Platform's deployments.
_DEPLOY_API_URL_RE = lazy_re(
    r"api\.render\.com/v1/(?:services/[^/\s\"']{1,100}/)?deploys\b"
    r"|api\.heroku\.com/apps/[^/\s\"']{1,100}/builds\b"
    r"|api\.netlify\.com/api/v1/sites/[^/\s\"']{1,100}/(?:deploys|builds)\b"
    r"|api\.vercel\.com/v\d{1,2}/deployments\b"
    r"|api\.digitalocean\.com/v2/apps/[^/\s\"']{1,100}/deployments\b"
)
#: A curl that posts (``-X POST``, ``--request POST``, a body with ``-d``/``--data``/``--json``).
_CURL_POST_RE = lazy_re(r"(?:-X|--request)[ \t=]*[\"']?POST\b|(?:^|\s)(?:-d|--data(?:-raw|-binary)?|--json)\b")
_CURL_RE = lazy_re(r"\bcurl\b")
#: Options of ``gh release create`` that take a value (the other words are the tag, then asset files).
_GH_RELEASE_VALUE_OPTIONS = frozenset(
    {
        "-t",
        "--title",
        "-n",
        "--notes",
        "-F",
        "--notes-file",
        "--target",
        "--notes-start-tag",
        "--discussion-category",
        "-R",
        "--repo",
    }
)
#: Commands that start a throwaway local Kubernetes cluster: kubectl/helm in that job deploy nothing.
_LOCAL_CLUSTER_RE = lazy_re(
    r"\bkind\s+(?:create\s+cluster|load)\b|\bk3d\s+(?:cluster\s+create|image\s+import)\b|\bminikube\s+start\b"
)
_CLUSTER_COMMAND_RE = lazy_re(r"\b(?:kubectl|helm|helmfile|skaffold|kustomize)\b")
#: LocalStack started in a job, and the commands that then deploy to it rather than to AWS.
_LOCAL_CLOUD_RE = lazy_re(r"\blocalstack\s+start\b|\blocalstack/localstack\b")
_CLOUD_COMMAND_RE = lazy_re(r"\b(?:aws|terraform|tofu|terragrunt|cdk|sam|serverless|sls|pulumi)\b")
#: Script-table runs and Makefile targets followed one hop for deploy commands.
_PACKAGE_RUN_RE = lazy_re(r"\b(?:npm|pnpm|bun)\s+run(?:-script)?\s+([\w:.-]+)|\b(?:yarn|pnpm)\s+(?:run\s+)?([\w:.-]+)")
_MAKE_RUN_RE = lazy_re(r"(?:^|[\s;&(])make\s+([^\n]*)")
#: Jenkins pipeline steps that deploy or publish, and a registry push inside ``docker.withRegistry``.
_JENKINS_STEP_RE = lazy_re(r"\b(?P<at>" + "|".join(JENKINS_DEPLOY_STEPS) + r")\b\s*(?:\(|\w+\s*:)")
_JENKINS_PUSH_RE = lazy_re(r"\.push\s*\(")
#: The Deploy to container plugin's step: ``deploy adapters: [tomcat9(...)], war: '**/*.war'``.
_JENKINS_CONTAINER_DEPLOY_RE = lazy_re(r"\bdeploy[ \t]+adapters[ \t]*:")
#: How far before an image's ``.push()`` a ``docker.withRegistry`` block may open.
MAX_REGISTRY_BLOCK = 600
_GITLAB_PAGES_RE = lazy_re(r"^pages[ \t]*:", re.MULTILINE)
_V1_RE = lazy_re(r"@v1(?![\d])")
#: Remote copies and commands run from jobs whose name says they deploy.
_REMOTE_COPY_RE = lazy_re(r"\b(?:rsync|scp)\b(?:(?!\b(?:rsync|scp)\b)[^\n])*?\S:\S*|\bssh\b[ \t]+\S+")
#: ssh's options that take an argument (``-i key``, ``-p 2222``, ``-o StrictHostKeyChecking=no``).
_SSH_VALUE_OPTIONS = frozenset("bcDEeFIiJLlmOopQRSWw")


def _remote_work(part: str) -> str | None:
    """The copy to or the command on another machine in one shell command, else None: not a bare
    ``ssh user@host`` (a login that runs nothing there: no command after the host, no input
    redirected or piped in)."""
    match = _REMOTE_COPY_RE.search(part)
    if match is None or not match.group(0).startswith("ssh") or "<" in part or "|" in part[: match.start()]:
        return None if match is None else match.group(0).strip()[:60]
    words = part[match.start() :].split()[1:]
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option[-1] in _SSH_VALUE_OPTIONS and len(option) == 2 and words:
            words.pop(0)  # the option's value
    return match.group(0).strip()[:60] if len(words) > 1 else None


#: Words of a job's name that say it deploys: a word starting so (``deploy-job``, ``DeployToProduction``,
#: ``releasing``), or ``prod``/``production`` as a word of its own (not ``product-tests``).
_DEPLOY_JOB_STARTS = ("deploy", "release", "publish", "ship")
_PROD_WORDS = PRODUCTION_WORDS | {"live"}
_JOB_WORD_RE = lazy_re(r"[^a-z0-9]+")
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
            yield from _one_per_line(pipeline_deploys(inv, pipeline))
            continue
        # Still a deploy path, but one that nothing starts on its own: a POC may keep it.
        for signal in _one_per_line(pipeline_deploys(inv, pipeline)):
            yield replace(
                signal,
                category=Category.CI_DEPLOY_MANUAL,
                detail=f"{signal.detail} (started by hand only: workflow_dispatch)",
            )


def _one_per_line(signals: Iterable[Signal]) -> Iterator[Signal]:
    """The first of the deploy signals found at one line of a file (``pipeline_deploys`` yields
    the best-told first): one line is one piece of evidence, told once."""
    seen: set[tuple[str, int]] = set()
    for signal in signals:
        if signal.line is not None:
            if (signal.path, signal.line) in seen:
                continue
            seen.add((signal.path, signal.line))
        yield signal


def _manual_only(inv: Inventory, pipeline: Pipeline, depth: int = 0) -> bool:
    """A GitHub workflow started only by hand (``on: workflow_dispatch``) deploys nothing on its own;
    nor does a reusable one (``on: workflow_call``) that only such workflows of the repository call."""
    if pipeline.file.system != "GitHub Actions":
        return False
    triggers = [_trigger_names(mapping_get(doc, "on", True)) for doc in yaml_mappings(inv, pipeline.file.path)]
    if not triggers or not all(t and t <= {"workflow_dispatch", "workflow_call"} for t in triggers):
        return False
    if all(t == {"workflow_dispatch"} for t in triggers):
        return True
    if depth >= MAX_CALL_DEPTH:
        return False
    callers = [
        p
        for p in pipelines(inv)
        if p is not pipeline and any(u.ref == "./" + pipeline.file.path for u in p.uses if u.path == p.file.path)
    ]
    return bool(callers) and all(_manual_only(inv, p, depth + 1) for p in callers)


#: How many reusable-workflow calls are followed back to the workflow that starts them.
MAX_CALL_DEPTH = 2


def _trigger_names(on: object) -> set[str]:
    """The events of a workflow's ``on:`` (a name, a list of names or a mapping)."""
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(t) for t in on}
    return {str(t) for t in on} if isinstance(on, dict) else set()


def pipeline_deploys(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """Every deploy or publish step of one pipeline: steps typed as deployments first (the
    environment they declare says most), then the commands and actions that deploy."""
    if pipeline.file.system in TYPED_DEPLOY_STEPS:
        yield from _typed_deploy_steps(inv, pipeline, *TYPED_DEPLOY_STEPS[pipeline.file.system])
    yield from _deployment_steps(inv, pipeline)
    local = _local_cluster_jobs(inv, pipeline)
    emulated = _local_cloud_jobs(inv, pipeline)
    hosted = _hosted_jobs(inv, pipeline)
    serving = _self_hosted_starters(inv, pipeline)
    for cmd in pipeline.commands:
        text = inv.text(cmd.path) or ""
        # a detached start deploys only on the target machine: a job named for deploying says so, or
        # a self-hosted runner's job that leaves the containers running
        on_target = bool(cmd.job) and cmd.job not in hosted and (_deploying_job(cmd.job or "") or cmd.job in serving)
        fresh = _GIT_INIT_RE.search(cmd.text) is not None
        for line, named in zip(cmd.lines(), cmd.lines(names=True), strict=True):
            direct = deploy_command(line, cmd, text) or _named_hook(named)
            if direct is not None and "semantic-release" in direct and not semantic_release_publishes(inv):
                direct = None  # it tags and writes release notes, and uploads nothing
            direct = direct or (_started_here(line) if on_target else None)
            direct = direct or (_pushed_build(line) if fresh else None)
            what = f"`{direct}`" if direct else _script_deploy(inv, line, cmd) or _named_run_deploy(inv, line)
            what = what or _deploy_target(inv, line) or _fastlane_upload(inv, line)
            if what is None or (cmd.job in local and _CLUSTER_COMMAND_RE.search(what)):
                continue
            if cmd.job not in emulated or not _CLOUD_COMMAND_RE.search(what):
                yield Signal(Category.CI_DEPLOY, cmd.path, command_line(text, cmd, line), f"{_job(cmd.job)}runs {what}")
    for use in pipeline.uses:
        through = _input_command_deploy(inv, use)  # the command it runs says most
        if through is not None:
            yield Signal(Category.CI_DEPLOY, use.path, use.line, f"{_job(use.job)}runs {through} through {use.ref}")
        elif _deploying_use(use.ref, use.inputs, use.kind) or _pushing_v1_action(inv, use):
            yield Signal(
                Category.CI_DEPLOY, use.path, use.line, f"{_job(use.job)}uses {_KIND_WORDS[use.kind]}{use.ref}"
            )
    yield from _push_after_login(inv, pipeline)
    yield from _deploy_with_cloud_credentials(inv, pipeline)
    yield from _deployer_images(inv, pipeline)
    system = pipeline.file.system
    if system == "Travis CI":
        yield from _travis_deploy(inv, pipeline)
    elif system == "AppVeyor":
        yield from _appveyor_deploy(inv, pipeline)
    elif system == "Cloud Build":
        yield from _cloud_build_images(inv, pipeline)
    elif system == "GitLab CI":
        yield from _gitlab_pages(inv, pipeline)
        yield from _gitlab_templates(inv, pipeline)
        yield from _gitlab_downstream_deploys(inv, pipeline)
    elif system == "Jenkins":
        yield from _jenkins_deploys(inv, pipeline)
    elif system == "Codemagic":
        yield from _codemagic_publishing(inv, pipeline)
    elif system == "Bitrise":
        yield from _bitrise_deploy_steps(inv, pipeline)


#: semantic-release's plugins when its configuration names none.
_SEMANTIC_RELEASE_DEFAULTS = (
    "@semantic-release/commit-analyzer",
    "@semantic-release/release-notes-generator",
    "@semantic-release/npm",
    "@semantic-release/github",
)
#: Its plugins that upload nothing: they work out the version, write notes, a changelog or a commit.
_SEMANTIC_RELEASE_LOCAL = frozenset(
    {
        "@semantic-release/commit-analyzer",
        "@semantic-release/release-notes-generator",
        "@semantic-release/changelog",
        "@semantic-release/git",
    }
)


def semantic_release_publishes(inv: Inventory) -> bool:
    """Whether the project's semantic-release uploads something: a plugin that publishes (the npm
    package, unless ``npmPublish: false`` or a ``private`` package; assets to the forge's release;
    any other plugin), as it does with its default plugins. Only a configuration it can read, whose
    plugins are all local ones, says it does not (``.releaserc.json`` with ``npmPublish: false``)."""
    config = _semantic_release_config(inv)
    if config is None or "extends" in config:
        return True
    manifest = as_dict(load_json(inv, "package.json"))
    plugins = config.get("plugins", list(_SEMANTIC_RELEASE_DEFAULTS))
    for plugin in as_list(plugins):
        entry = as_list(plugin) or [plugin]  # "name", or ["name", {options}]
        name, options = entry[0], as_dict(entry[1]) if len(entry) > 1 else {}
        if not isinstance(name, str):
            return True
        if name in _SEMANTIC_RELEASE_LOCAL:
            continue
        if name == "@semantic-release/npm":
            if options.get("npmPublish") is False or manifest.get("private") is True:
                continue
            return True
        if name in ("@semantic-release/github", "@semantic-release/gitlab"):
            if options.get("assets"):
                return True
            continue
        return True
    return False


def _semantic_release_config(inv: Inventory) -> dict[str, Any] | None:
    """semantic-release's configuration: ``package.json``'s ``release`` key, else a data file at
    the root, else none ({}: the defaults); None when it cannot be read (a JavaScript file)."""
    release = as_dict(load_json(inv, "package.json")).get("release")
    if isinstance(release, dict):
        return release
    for path in SEMANTIC_RELEASE_CONFIGS:
        if inv.exists(path):
            text = inv.text(path) or ""
            data = load_json(inv, path) if text.lstrip().startswith("{") else next(yaml_mappings(inv, path), None)
            return data if isinstance(data, dict) else None
    if any(inv.exists(path) for path in SEMANTIC_RELEASE_PROGRAMS):
        return None
    return {}


def _input_command_deploy(inv: Inventory, use: ActionUse) -> str | None:
    """The deploy or publish an action runs through its command input (``actions-hub/kubectl`` with
    ``args: set image ...``, ``azure/cli``'s ``inlineScript``, the ``publish`` command of
    ``changesets/action``), else None."""
    for line in use.input_commands():
        direct = deploy_command(line)
        what = f"`{direct}`" if direct else _named_run_deploy(inv, line)
        if what is not None:
            return what
    return None


def _deploying_job(name: str) -> bool:
    """A job (or stage) whose name says it deploys: ``deploy``, ``deploy-job``, ``Deploy to production``,
    ``prod``; not ``product-tests``."""
    words = [w for w in _JOB_WORD_RE.split(name.lower()) if w]
    return any(w.startswith(_DEPLOY_JOB_STARTS) or w in _PROD_WORDS for w in words)


def _named_for_deploying(cmd: Command) -> bool:
    """A command of a job named for deploying, or of a GitLab job in a deploy stage (where a copy
    to another machine or a command run there is a deploy)."""
    return (bool(cmd.job) and _deploying_job(cmd.job or "")) or _deploying_job(cmd.stage)


def _hosted_jobs(inv: Inventory, pipeline: Pipeline) -> set[str | None]:
    """GitHub jobs that run on a GitHub-hosted runner (``ubuntu-latest``, ``windows-2022``, ...):
    containers they start live only as long as the job."""
    return _jobs_on(inv, pipeline, lambda labels: any(label.startswith(HOSTED_RUNNER_PREFIXES) for label in labels))


def _jobs_on(inv: Inventory, pipeline: Pipeline, runner: Callable[[list[str]], bool]) -> set[str | None]:
    """The GitHub jobs whose ``runs-on`` labels ``runner`` accepts (none in another CI system)."""
    if pipeline.file.system != "GitHub Actions":
        return set()
    jobs: set[str | None] = set()
    for doc in yaml_mappings(inv, pipeline.file.path):
        for name, body in list(as_dict(doc.get("jobs")).items())[:MAX_JOBS]:
            if runner(as_str_list(as_dict(body).get("runs-on"))):
                jobs.add(str(name))
    return jobs


def _detached_start(line: str) -> str | None:
    """``docker compose up -d`` or ``docker run -d``: in a job named for deploying that runs on the
    target machine (a shell runner, a self-hosted runner, a Jenkins agent), the new version started."""
    for part in split_commands(line, ("&&", ";", "||")):
        words = part.split()
        if "-d" not in words and "--detach" not in words:
            continue
        for index, word in enumerate(words[:-1]):
            program = word.rsplit("/", 1)[-1]
            verb = words[index + 1]
            if program == "docker" and verb == "compose" and "up" in words[index + 2 :]:
                return "docker compose up -d"
            if program == "docker-compose" and "up" in words[index + 1 :]:
                return "docker-compose up -d"
            if program == "docker" and verb == "run":
                return "docker run -d"
    return None


#: A service (re)started on the machine a script runs on: systemd, SysV ``service``, PM2, Supervisor.
_SERVICE_RESTART_RE = lazy_re(
    r"\b(?:systemctl[ \t]+(?:restart|reload|start|reload-or-restart)|service[ \t]+[\w@.-]{1,80}[ \t]+(?:restart|reload)"
    r"|pm2[ \t]+(?:start|restart|reload|startOrReload|startOrRestart)|supervisorctl[ \t]+(?:restart|start|reload))\b"
)


#: ``git init`` in a step: the folder it runs in (a built site's, ``cd _site``) becomes a new repository.
_GIT_INIT_RE = lazy_re(r"(?m)^[ \t]*git[ \t]+init\b|&&[ \t]*git[ \t]+init\b")
#: A forced push (``git push -f``, ``--force``): it replaces the branch with what was committed.
_FORCED_PUSH_RE = lazy_re(r"\bgit\s+push\b(?:(?!\bgit\b)[^\n])*(?:\s-[a-zA-Z]*f\b|\s--force\b)")


def _pushed_build(line: str) -> str | None:
    """A forced push from a repository the step just initialised (``cd _site && git init && git
    add -A && git commit && git push -f ... live``): a built site published to its serving branch,
    whatever the branch is called."""
    return "git push -f" if _FORCED_PUSH_RE.search(line) and not prints_only(line) else None


def _started_here(line: str) -> str | None:
    """The new version started on the machine ``line`` runs on: containers started detached
    (``docker compose up -d``) or a service (re)started (``pm2 restart``, ``systemctl restart``)."""
    if prints_only(line):
        return None
    restart = _SERVICE_RESTART_RE.search(line)
    return _detached_start(line) or (restart.group(0) if restart is not None else None)


#: A command that stops the containers a job started (``docker compose down``): with it, or with a
#: test run, the job used the containers for a while and leaves nothing serving.
_TEARDOWN_RE = lazy_re(r"\bdocker(?:-compose|\s+compose)\b(?:(?!\bdocker\b)[^\n])*\s(?:down|stop|rm)\b")


def _self_hosted_starters(inv: Inventory, pipeline: Pipeline) -> set[str | None]:
    """GitHub jobs on a self-hosted runner that run no tests and stop nothing: the containers they
    start detached (``docker compose up -d``) keep serving from the runner's machine."""
    self_hosted = _jobs_on(inv, pipeline, lambda labels: "self-hosted" in labels)
    lines: dict[str | None, list[str]] = {}
    for cmd in pipeline.commands:
        if cmd.job in self_hosted:
            lines.setdefault(cmd.job, []).extend(cmd.lines())
    return {
        job
        for job, found in lines.items()
        if not any(TEST_COMMAND_RE.search(line) or _TEARDOWN_RE.search(line) for line in found)
    }


#: ``runs-on`` labels of GitHub-hosted runners.
HOSTED_RUNNER_PREFIXES = ("ubuntu-", "windows-", "macos-")


def _typed_deploy_steps(inv: Inventory, pipeline: Pipeline, key: str, values: frozenset[str]) -> Iterator[Signal]:
    """The first step or job whose ``key`` (``type: BuildAndPushECR``) names a deploy, at its line."""
    for doc in yaml_mappings(inv, pipeline.file.path):
        for node in walk_dicts(doc):
            value = node.get(key)
            if isinstance(value, str) and value in values:
                text = inv.text(pipeline.file.path) or ""
                yield Signal(
                    Category.CI_DEPLOY,
                    pipeline.file.path,
                    line_of_fragment(text, f"{key}: {value}") or line_of_fragment(text, value),
                    f"{key}: {value}",
                )
                return


def _codemagic_publishing(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A Codemagic workflow that publishes the build to App Store Connect or Google Play."""
    for doc in yaml_mappings(inv, pipeline.file.path):
        for name, workflow in as_dict(doc.get("workflows")).items():
            stores = sorted(CODEMAGIC_STORE_PUBLISHING.intersection(as_dict(as_dict(workflow).get("publishing"))))
            if stores:
                text = inv.text(pipeline.file.path) or ""
                line = line_of_key(text, stores[0])
                yield Signal(
                    Category.CI_DEPLOY, pipeline.file.path, line, f"workflow '{name}' publishes to {stores[0]}"
                )
                return


def _bitrise_deploy_steps(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A Bitrise workflow step that uploads the app to a store."""
    for doc in yaml_mappings(inv, pipeline.file.path):
        for name, workflow in as_dict(doc.get("workflows")).items():
            steps = as_dict(workflow).get("steps")
            for step in steps if isinstance(steps, list) else ():
                for ref in as_dict(step):
                    if str(ref).split("@", 1)[0].lower() in BITRISE_DEPLOY_STEPS:
                        text = inv.text(pipeline.file.path) or ""
                        yield Signal(
                            Category.CI_DEPLOY,
                            pipeline.file.path,
                            line_of_fragment(text, str(ref)),
                            f"workflow '{name}' runs {ref}",
                        )
                        return


_KIND_WORDS = {"action": "", "pipe": "pipe ", "plugin": "plugin ", "orb": "orb "}


def deploy_command(line: str, cmd: Command | None = None, context: str = "") -> str | None:
    """The deploy/publish command in ``line`` unless it is a dry run, else None. ``context`` (the CI
    file's text) resolves a variable that holds an upload URL."""
    for part in split_commands(line, ("&&", ";", "||")):
        what = _deploy_part(part, context)
        if what is not None:
            return what
        if cmd is not None and _named_for_deploying(cmd):
            remote = _remote_work(part)
            if remote is not None:
                return remote
    return None


def script_deploy(line: str, *, named: bool) -> str | None:
    """The deploy in a line of a repository script, else None: a deploy or publish command (not a
    copy to another machine, which may be a backup, nor a bucket upload); in a script ``named`` for
    deploying (``deploy.sh``, ``deploy/install.sh``), also a copy to or a command on another machine
    (``rsync -az dist/ "$HOST:/srv/app/"``, ``ssh "$HOST" 'systemctl restart app'``) or, run on the
    server itself, the new version started (``docker compose up -d``, ``systemctl restart app``,
    ``pm2 reload``), which such a script does for no other reason."""
    for part in split_commands(line, ("&&", ";", "||")):
        what = _deploy_part(part)
        if what is not None and (named or _runs_deploy_command(part)):
            return what
        if not named or prints_only(part):
            continue
        if _remote_work(part) is not None:
            return short_command(part)
        started = _started_here(part)
        if started is not None:
            return started
    return None


def _runs_deploy_command(part: str) -> bool:
    """``part`` runs a command of ``DEPLOY_COMMAND_RE`` (global options between a CLI and its verb too)."""
    return (
        DEPLOY_COMMAND_RE.search(part) is not None or DEPLOY_COMMAND_RE.search(without_global_options(part)) is not None
    )


def local_target(text: str, command: str) -> bool:
    """Whether the deploy ``command`` aims at a cluster or a cloud emulator that ``text`` (the script
    or job running it) starts on this machine: kind, minikube or k3d; LocalStack."""
    cluster = _LOCAL_CLUSTER_RE.search(text) is not None and _CLUSTER_COMMAND_RE.search(command) is not None
    return cluster or (_LOCAL_CLOUD_RE.search(text) is not None and _CLOUD_COMMAND_RE.search(command) is not None)


def _deploy_part(part: str, context: str = "") -> str | None:
    """The deploy/publish command of one shell command (no ``&&``), else None."""
    if prints_only(part):
        return None  # ``echo "then run kubectl apply"`` runs nothing
    match = DEPLOY_COMMAND_RE.search(part) or DEPLOY_COMMAND_RE.search(without_global_options(part))
    if match is not None:
        if DRY_RUN_RE.search(part) or _ANSIBLE_TEST_RE.search(part) or _vercel_other_command(match.group(0)):
            return None
        if match.group(0).split()[0] in REGISTRY_CLIENTS and _LOCAL_REGISTRY_RE.search(part):
            return None  # a push to a registry on this machine (a test registry, Verdaccio) publishes nothing
        if _LOCAL_ENDPOINT_RE.search(part):
            return None  # an AWS command sent to an emulator on this machine
        return short_command(match.group(0))
    if _LOCAL_ENDPOINT_RE.search(part):
        return None  # an AWS command sent to an emulator on this machine
    return (
        _remote_copy(part)
        or _bucket_upload(without_global_options(part) or part)
        or _package_upload(part, context)
        or _deploy_hook(part)
        or _release_assets(part)
        or _vercel_deploy(part)
    )


def without_global_options(part: str) -> str:
    """``part`` with the global options dropped that stand between a CLI and its verb
    (``kubectl --kubeconfig k.yml -n prod apply`` -> ``kubectl apply``); "" when there are none."""
    words = part.split()
    for index, word in enumerate(words[:-1]):
        values = GLOBAL_VALUE_OPTIONS.get(word.rsplit("/", 1)[-1])
        if values is None or not words[index + 1].startswith("-"):
            continue
        rest = index + 1
        while rest < len(words) and words[rest].startswith("-"):
            takes_value = words[rest] in values and rest + 1 < len(words)
            rest += 2 if takes_value else 1
        return " ".join([*words[: index + 1], *words[rest:]])
    return ""


def short_command(command: str) -> str:
    """A matched command for evidence: long ones keep their first words and the last
    (``docker buildx build ... --push``); credentials in a URL are masked."""
    words = mask_url_credentials(command).split()
    text = " ".join(words)
    if len(text) <= 60 or len(words) < 3:
        return text[:80]
    last = words[-1] if len(words[-1]) <= 40 else "..." + words[-1][-37:]
    return f"{' '.join(words[:2])[:40]} ... {last}"


def _remote_copy(part: str) -> str | None:
    """``scp``/``rsync`` whose destination (the last argument) is a remote ``user@host:path``."""
    words = [w for w in part.split() if not w.startswith((">", "2>", "1>", "&>"))]
    programs = [i for i, w in enumerate(words) if w.rsplit("/", 1)[-1] in _COPY_PROGRAMS]
    if not programs or len(words) <= programs[0] + 2:
        return None
    target = _REMOTE_TARGET_RE.match(words[-1])
    if target is None or target.group(1).lower() in _LOCAL_HOSTS:
        return None
    return " ".join(words[programs[0] :])[:60]


def _bucket_upload(part: str) -> str | None:
    """``aws s3 cp|sync``, ``gsutil cp|rsync`` or ``gcloud storage cp|rsync`` whose destination (the
    second path) is a bucket: an upload (a copy from a bucket to a folder is a download)."""
    found = _BUCKET_COPY_RE.search(part)
    if found is None:
        return None
    paths = _copy_paths(part[found.end() :].split())
    if len(paths) < 2 or not paths[1].startswith(_BUCKET_SCHEMES):
        return None
    if any(word in paths[0].lower() for word in REPORT_PATH_WORDS):
        return None  # test reports, coverage or logs kept in a bucket: nothing is deployed
    return " ".join(found.group(0).split())


def _copy_paths(words: list[str]) -> list[str]:
    """The source and destination of a copy command's arguments: options and their values left out
    (``--cache-control max-age=60``; flags such as ``--delete`` and ``-r`` take no value)."""
    paths: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif not word.startswith("-"):
            paths.append(word.strip("\"'"))
        elif "=" not in word:
            skip = word in COPY_VALUE_SHORT_OPTIONS or (word.startswith("--") and word not in COPY_FLAGS)
    return paths


def _deploy_hook(part: str) -> str | None:
    """A ``curl`` to a PaaS deploy hook: Render, Netlify build hooks, Vercel deploy hooks, or a
    variable named for one (``$RENDER_DEPLOY_HOOK_URL``, ``$NETLIFY_BUILD_HOOK``), not a chat
    webhook; or a post to a PaaS API that starts a deploy (``_DEPLOY_API_URL_RE``)."""
    curl = _CURL_RE.search(part)
    if curl is None:
        return None
    rest = part[curl.end() :]
    url = _DEPLOY_HOOK_URL_RE.search(rest)
    if url is not None:
        return "curl " + url.group(0)
    api = _DEPLOY_API_URL_RE.search(rest)
    if api is not None and _CURL_POST_RE.search(rest) is not None:
        return ("curl -X POST " + api.group(0))[:56]
    name = next((n for n in _VARIABLE_RE.findall(rest) if _hook_name(n)), None)
    return None if name is None else f"curl ${name}"[:56]


def _named_hook(line: str) -> str | None:
    """A deploy hook called through a CI secret or variable (``curl -X POST ${{ secrets.RENDER_DEPLOY_HOOK }}``)."""
    if "$" not in line:
        return None
    return next((hook for part in split_commands(line, ("&&", ";", "||")) if (hook := _deploy_hook(part))), None)


def _hook_name(name: str) -> bool:
    """A variable named for a deploy hook (``DEPLOY_HOOK``, ``BUILD_HOOK``, a PaaS's hook), not for a
    chat or notification webhook."""
    upper = name.upper()
    if "HOOK" not in upper or any(w in upper for w in NOTIFY_HOOK_WORDS):
        return False
    return any(w in upper for w in DEPLOY_HOOK_WORDS)


def _vercel_deploy(part: str) -> str | None:
    """``vercel`` run with options only (``vercel --token=$T``): the CLI's default command deploys."""
    words = part.split()
    start = 1 if words[:1] in (["npx"], ["pnpx"], ["bunx"]) else 0
    if len(words) <= start or words[start].rsplit("/", 1)[-1] != "vercel":
        return None
    rest = words[start + 1 :]
    if rest and not rest[0].startswith("-"):
        return None
    if any(w in VERCEL_SUBCOMMANDS for w in rest):
        return None
    return " ".join(words[start : start + 2])[:60]


def _vercel_other_command(command: str) -> bool:
    """``vercel build --prod`` or ``vercel pull --prod``: a Vercel command other than a deploy."""
    words = command.split()
    return words[0] == "vercel" and len(words) > 1 and words[1] in VERCEL_SUBCOMMANDS


def _package_upload(part: str, context: str) -> str | None:
    """A ``curl`` upload to a package registry API, the URL written out or held in a variable the
    CI file sets."""
    upload = _CURL_UPLOAD_RE.search(part)
    if upload is None:
        return None
    urls = [part]
    for name in _VARIABLE_RE.findall(part):
        urls.extend(_variable_values(context, name))
    if any(_PACKAGE_API_RE.search(url) for url in urls):
        return part.strip()[:60]
    return None


def _variable_values(text: str, name: str) -> Iterator[str]:
    """Values assigned to ``name`` in a CI file (``NAME: value``, ``NAME=value``, ``export NAME=...``)."""
    if not text or name not in text:
        return
    for raw in text.splitlines():
        line = raw.strip().lstrip("-").strip()
        line = line.removeprefix("export ").strip()
        if line.startswith(name):
            rest = line[len(name) :].lstrip()
            if rest[:1] in (":", "="):
                yield rest[1:]


def _release_assets(part: str) -> str | None:
    """``gh release create TAG FILE...``: a release that uploads assets (a bare create is only a release)."""
    found = _GH_RELEASE_CREATE_RE.search(part)
    if found is None:
        return None
    words = _leading_words(part[found.end() :])
    positional: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in _GH_RELEASE_VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            positional.append(word)
    if len(positional) < 2:
        return None
    return f"gh release create {positional[0]} {positional[1]}"[:60]


def _leading_words(text: str) -> list[str]:
    """``text`` split as the shell splits it, up to a quote left open (release notes that go on
    over the next lines of the script): the words before it are kept."""
    lexer = shlex.shlex(text, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    with contextlib.suppress(ValueError):
        words.extend(lexer)
    return words


def scripts_run(inv: Inventory, line: str) -> Iterator[tuple[str, str, str]]:
    """(command, script, body) of each root package.json script ``line`` runs (``npm run NAME``):
    its ``pre`` and ``post`` scripts and itself, given the arguments written after ``--``
    (``npm run dist -- --publish always`` runs ``electron-builder --publish always``)."""
    for part in split_commands(line, ("&&", ";", "||")):
        run = _PACKAGE_RUN_RE.search(part)
        if run is None:
            continue
        name = run.group(1) or run.group(2)
        forwarded = part.partition(" -- ")[2].strip()
        for script in (f"pre{name}", name, f"post{name}"):
            body = package_script(inv, "package.json", script)
            if body is not None:
                yield part.strip(), script, f"{body} {forwarded}" if forwarded and script == name else body


#: ``np`` (the npm release tool) as a whole command: it publishes the package to npm.
NP_RE = lazy_re(r"(?:npx\s+)?np(?:\s|$)")


def _np_publish(part: str) -> str | None:
    """``np`` as a package script runs it, publishing (not ``--no-publish`` or ``--preview``)."""
    if NP_RE.match(part.strip()) is None or "--no-publish" in part or "--preview" in part:
        return None
    return part.strip()[:60]


def _named_run_deploy(inv: Inventory, line: str, depth: int = 0) -> str | None:
    """A deploy command one hop away: in the package.json script or the Makefile target ``line`` runs."""
    for command, script, body in scripts_run(inv, line):
        parts = split_commands(body, ("&&", ";", "||"))
        direct = next((w for p in parts if (w := _deploy_part(p) or _np_publish(p))), None)
        inner = f"`{direct}`" if direct else None
        if inner is None and depth < 1:
            inner = _named_run_deploy(inv, body, depth + 1)
        if inner is not None:
            return f"`{command[:60]}` (package.json script '{script}' runs {inner})"
    for part in split_commands(line, ("&&", ";", "||")):
        make = _MAKE_RUN_RE.search(part)
        target = _make_goal(make.group(1)) if make is not None else None
        if target:
            recipe = make_target(inv, target) or []
            inner = next((w for r in recipe[:MAX_RECIPE_LINES] if (w := deploy_command(r.lstrip("@-")))), None)
            if inner is not None:
                return f"`make {target}` (Makefile target runs `{inner}`)"
    return None


def _deploy_target(inv: Inventory, line: str) -> str | None:
    """A task runner or repository script run with a target named for deploying (``make deploy``,
    ``./build.sh Deploy``, ``dotnet cake --target=Deploy``, ``npm run deploy:prod``), not a dry run,
    a local or test deploy, or a check."""
    part = _named_target_run(inv, line, _DEPLOY_TARGET_WORDS)
    return None if part is None else f"`{short_command(part)}` (a target named for deploying)"


def release_target(inv: Inventory, line: str) -> str | None:
    """A task runner run with a target named for releasing or publishing (``make release``,
    ``mise run release:publish``, ``just publish``), not a dry run, a test or a check: what a
    tag-triggered workflow runs to release the tagged version."""
    part = _named_target_run(inv, line, _RELEASE_TARGET_WORDS)
    return None if part is None else f"`{short_command(part)}` (a target named for releasing)"


#: Words of a task runner target that deploys, or that releases (``release:publish``, ``publish-npm``).
_DEPLOY_TARGET_WORDS = frozenset({"deploy"})
_RELEASE_TARGET_WORDS = frozenset({"release", "publish"})


def _named_target_run(inv: Inventory, line: str, words: frozenset[str]) -> str | None:
    """The command of ``line`` that runs a task runner (or repository script) with a target named
    for one of ``words`` and for nothing local, tested or checked; not a dry run."""
    for part in split_commands(line, ("&&", ";", "||")):
        if DRY_RUN_RE.search(part) or not part.split():
            continue
        if any(_target_named(target, words) for target in _runner_targets(inv, part.split())):
            return part
    return None


def _fastlane_upload(inv: Inventory, line: str) -> str | None:
    """``fastlane [ios|android] <lane>`` where the project's Fastfile lane uploads to a store."""
    for part in split_commands(line, ("&&", ";", "||")):
        words = part.split()
        if "fastlane" not in words:
            continue
        rest = words[words.index("fastlane") + 1 :]
        if rest[:1] and rest[0] in FASTLANE_PLATFORMS:
            rest = rest[1:]
        lane = rest[0] if rest else ""
        upload = fastlane_upload_lanes(inv).get(lane) if lane else None
        if upload is not None:
            return f"`{short_command(part)}` (fastlane lane '{lane}' runs `{upload}`)"
    return None


def _runner_targets(inv: Inventory, words: list[str]) -> list[str]:
    """The targets ``words`` ask a task runner (or a repository script) to run: its first positional
    arguments, a ``--target``/``-t`` value; [] when the command is no task runner."""
    rest = list(words)
    while rest and "=" in rest[0] and not rest[0].startswith("-"):
        rest = rest[1:]  # ``ENV=prod make deploy``
    while rest and rest[0] in ("dotnet", "npx", "bunx"):
        rest = rest[1:]  # ``dotnet cake``, ``npx nx``
    if rest[:2] in (["bundle", "exec"], ["pnpm", "exec"], ["poetry", "run"], ["uv", "run"]):
        rest = rest[2:]
    if len(rest) < 2:
        return []
    program = rest[0].rsplit("/", 1)[-1].lower()
    if program == "mise":  # ``mise run deploy``, ``mise r deploy``: a task of its ``mise.toml``
        return [w for w in rest[2:3] if not w.startswith("-")] if rest[1] in ("run", "r") else []
    if program in ("npm", "pnpm", "yarn", "bun"):
        runs = [i for i, w in enumerate(rest[1 : MAX_TARGET_WORDS + 3], start=1) if w in ("run", "run-script")]
        if runs:  # ``npm run deploy``, ``pnpm --filter worker run deploy``
            return rest[runs[0] + 1 : runs[0] + 2]
        named = program in ("pnpm", "yarn") and package_script(inv, "package.json", rest[1]) is not None
        return [rest[1]] if named else []
    if program not in TASK_RUNNERS and not (rest[0].startswith("./") and inv.exists(rest[0][2:])):
        return []
    targets: list[str] = []
    for index, word in enumerate(rest[1:], start=1):
        if word.startswith(("--target=", "-target=")):
            targets.append(word.split("=", 1)[1])
        elif word in ("--target", "-t", "-target") and index + 1 < len(rest):
            targets.append(rest[index + 1])
        elif not word.startswith("-") and "=" not in word and index <= MAX_TARGET_WORDS:
            targets.append(word)
    return targets


def _target_named(target: str, words: frozenset[str]) -> bool:
    """A target named for one of ``words`` (``deploy``, ``Deploy``, ``deploy-prod``, ``web:deploy``)
    and for nothing local, tested or checked."""
    segments = set(NAME_SEGMENT_RE.split(target.strip("\"'").lower()))
    return bool(segments & words) and not segments & NON_DEPLOY_TARGET_WORDS


#: Most positional words read as targets after a task runner.
MAX_TARGET_WORDS = 3


#: Most recipe lines of a Makefile target read for deploy commands.
MAX_RECIPE_LINES = 60


def _make_goal(args: str) -> str | None:
    """The first goal of ``make ARGS`` (options, their values and ``VAR=value`` skipped)."""
    words = args.split()
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in ("-C", "-f", "--file", "--directory", "-I", "-j", "-o", "-W"):
            skip = True
        elif not word.startswith("-") and "=" not in word:
            return word if re.fullmatch(r"[\w./-]+", word) else None
    return None


def _local_cloud_jobs(inv: Inventory, pipeline: Pipeline) -> set[str | None]:
    """Jobs that start LocalStack, an AWS emulator (its action, ``localstack start``, or a job
    service in its image): their aws, terraform, cdk, sam and serverless commands deploy to it."""
    jobs: set[str | None] = {u.job for u in pipeline.uses if u.ref.lower().startswith(LOCAL_CLOUD_ACTIONS)}
    jobs |= {c.job for c in pipeline.commands if any(_LOCAL_CLOUD_RE.search(line) for line in c.lines())}
    for doc in yaml_mappings(inv, pipeline.file.path):
        bodies = as_dict(doc.get("jobs")) if pipeline.file.system in ENVIRONMENT_JOB_SYSTEMS else doc
        for name, body in list(bodies.items())[:MAX_JOBS]:
            services = as_dict(body).get("services")
            if _LOCAL_CLOUD_RE.search(str(services)[:MAX_SERVICES_TEXT]) if services else False:
                jobs.add(str(name))
    return jobs


#: Longest text of a job's ``services:`` read for an emulator image.
MAX_SERVICES_TEXT = 2000


def _local_cluster_jobs(inv: Inventory, pipeline: Pipeline) -> set[str | None]:
    """Jobs that start a throwaway local cluster (kind, k3d, minikube), directly, through an action,
    or in a repository script they run."""
    jobs: set[str | None] = {u.job for u in pipeline.uses if u.ref.lower().startswith(LOCAL_CLUSTER_ACTIONS)}
    for cmd in pipeline.commands:
        if cmd.job in jobs:
            continue
        for line in cmd.lines():
            if _LOCAL_CLUSTER_RE.search(line):
                jobs.add(cmd.job)
                break
            script = repo_script(inv, line)
            if script is not None and any(_LOCAL_CLUSTER_RE.search(s) for s in script_lines(inv, script)):
                jobs.add(cmd.job)
                break
    return jobs


def _script_deploy(inv: Inventory, line: str, cmd: Command) -> str | None:
    """A deploy command inside the repository script that ``line`` runs (one hop), or in the
    package.json script or Makefile target that script runs."""
    for part in split_commands(line, ("&&", ";", "||")):
        script = repo_script(inv, part)
        if script is None:
            continue
        for inner in script_lines(inv, script):
            direct = deploy_command(inner, replace(cmd, job=cmd.job or script))
            what = f"`{direct}`" if direct else _named_run_deploy(inv, inner, 1)
            if what is not None:
                return f"`{part.strip()[:60]}` (script {script} runs {what})"
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
    # GitLab runs a top-level ``before_script`` (the anonymous job) before every job.
    everyone = pipeline.file.system == "GitLab CI" and None in logged_in
    for cmd in pipeline.commands:
        if cmd.job not in logged_in and not everyone:
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


def _deploy_with_cloud_credentials(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A job handed a cloud's credentials or an SSH key, or declared as deploying to an environment (a GitHub or
    GitLab job's ``environment:``), that runs a command named for deploying (its own CLI,
    ``python deploy.py prod``, ``uv run deploy``, ``./scripts/deploy.sh``): whatever the tool is, it
    deploys."""
    armed = dict.fromkeys(
        (u.job for u in pipeline.uses if u.ref.lower().startswith(SSH_KEY_ACTIONS)), "with an SSH key"
    )
    armed.update(
        dict.fromkeys(
            (u.job for u in pipeline.uses if u.ref.lower().startswith(CLOUD_LOGIN_ACTIONS)), "with cloud credentials"
        )
    )
    for job, environment in pipeline.environments:
        armed.setdefault(job, f"in environment '{environment}'")
    for cmd in pipeline.commands:
        if cmd.job not in armed:
            continue
        text = inv.text(cmd.path) or ""
        for line in cmd.lines():
            named = _deploy_named_command(line)
            if named is not None:
                where = command_line(text, cmd, line)
                detail = f"{_job(cmd.job)}runs `{named}` {armed[cmd.job]}"
                yield Signal(Category.CI_DEPLOY, cmd.path, where, detail)
                return


def _deployer_images(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A job named for deploying that runs commands in an image named for deploying (GitHub
    ``container: deeson/deployer``, GitLab ``image: .../auto-deploy-image``): the image's tool deploys."""
    system = pipeline.file.system
    if system not in ENVIRONMENT_JOB_SYSTEMS and system != "GitLab CI":
        return
    running = {c.job for c in pipeline.commands}
    for doc in yaml_mappings(inv, pipeline.file.path):
        jobs = as_dict(doc.get("jobs")) if system in ENVIRONMENT_JOB_SYSTEMS else doc
        for name, body in list(jobs.items())[:MAX_JOBS]:
            image = as_dict(body).get("container" if system in ENVIRONMENT_JOB_SYSTEMS else "image")
            if isinstance(image, dict):
                image = image.get("image") or image.get("name")
            if not isinstance(image, str) or str(name) not in running or not _deploying_job(str(name)):
                continue
            words = set(NAME_SEGMENT_RE.split(image.rsplit("/", 1)[-1].split(":", 1)[0].lower()))
            if any(w.startswith("deploy") for w in words) and not words & NON_DEPLOY_TARGET_WORDS:
                line = line_of_fragment(inv.text(pipeline.file.path) or "", image)
                yield Signal(
                    Category.CI_DEPLOY, pipeline.file.path, line, f"job '{name}' runs in the deploy image {image[:60]}"
                )


def _deployment_steps(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A Bitbucket step or an Azure deployment job declared with ``deployment:`` that runs a command
    named for deploying."""
    if pipeline.file.system not in ("Bitbucket Pipelines", "Azure Pipelines"):
        return
    text = inv.text(pipeline.file.path) or ""
    for doc in yaml_mappings(inv, pipeline.file.path):
        for node in walk_dicts(doc):
            environment = node.get("deployment")
            if not isinstance(environment, str):
                continue
            for step in walk_dicts(node):
                for key in DEPLOYMENT_STEP_KEYS:
                    lines = [ln.strip() for entry in as_str_list(step.get(key)) for ln in entry.splitlines()]
                    for line in lines[:MAX_INPUT_LINES]:
                        named = _deploy_named_command(line) if line and not line.startswith("#") else None
                        if named is not None:
                            where = _own_line(text, line)
                            yield Signal(
                                Category.CI_DEPLOY,
                                pipeline.file.path,
                                where,
                                f"deployment '{environment}' runs `{named}`",
                            )
                            return


def _own_line(text: str, command: str) -> int | None:
    """The line holding exactly ``command`` (a list item or a block line), before a line that only
    contains it (``npm run deploy`` inside ``npm run deploy-dry``)."""
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip().removeprefix("- ").strip().strip("\"'") == command:
            return number
    return line_of_fragment(text, command)


#: Systems whose workflow files keep jobs under ``jobs:`` with an ``environment:`` each.
ENVIRONMENT_JOB_SYSTEMS = frozenset({"GitHub Actions", "Gitea Actions", "Forgejo Actions"})
#: Step keys that hold shell commands in Bitbucket steps and Azure deployment jobs.
DEPLOYMENT_STEP_KEYS = ("script", "bash", "pwsh", "powershell")
#: What separates the parts of a script, target or file name (``sls:deploy``, ``deploy-prod.sh``).
NAME_SEGMENT_RE = lazy_re(r"[:._-]")
#: Commands that only print their arguments or test and set shell state: a word after them runs nothing.
_NOT_RUN_COMMANDS = (
    PRINT_COMMANDS
    | {"if", "elif", "while", "[", "[[", "test", "export", "unset"}
    | {"chmod", "chown", "cat", "ls", "rm", "cp", "mv", "touch", "mkdir", "stat", "head", "tail", "grep", "sed"}
)


def _deploy_named_command(line: str) -> str | None:
    """The command of ``line`` that runs something named ``deploy`` (a word, a script, a target),
    unless it is a dry run or only prints the word."""
    for part in split_commands(line, ("&&", ";", "||")):
        words = part.split()
        if DRY_RUN_RE.search(part) or not words or words[0].lower() in _NOT_RUN_COMMANDS:
            continue
        for word in words[:6]:
            name = word.rsplit("/", 1)[-1].lower()
            # a variable, an assignment or a quoted string names no program, script or target
            if (
                name[:1] not in ("-", '"', "'")
                and "$" not in name
                and "=" not in name
                and _target_named(name, _DEPLOY_TARGET_WORDS)
            ):
                return short_command(part)
    return None


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


def dry_run(values: dict[str, str]) -> bool:
    """Whether a step's inputs (names and values lower-cased) ask for a dry run: a ``dry_run:
    true`` input or a ``--dry-run`` in a value (it computes and prints, and ships nothing)."""
    return any(DRY_RUN_RE.search(v) for v in values.values()) or any(
        "dry" in k and v in ("true", "1", "yes") for k, v in values.items()
    )


def _deploying_use(ref: str, inputs: tuple[tuple[str, str], ...], kind: str = "action") -> bool:
    """True when an action, Azure task, Bitbucket pipe, Drone/Woodpecker plugin or CircleCI orb
    job deploys or publishes (dry runs and build-only excluded)."""
    name = canonical_action(ref.lower()) if kind == "action" else ref.lower()
    values = {k.lower(): v.lower() for k, v in inputs}
    dry = dry_run(values)
    if kind == "pipe":
        own = name.rsplit("/", 1)[-1]
        return not dry and (own in BITBUCKET_DEPLOY_PIPES or _deploy_named(own))
    if kind == "plugin":
        return not dry and name in DRONE_DEPLOY_PLUGINS
    if kind == "orb":
        own = name.split("/", 1)[1]
        switched_off = any(("push" in k or k in ("deploy", "publish")) and v == "false" for k, v in values.items())
        return not dry and not switched_off and any(w in own for w in ORB_DEPLOY_WORDS)
    if name == "docker":  # Azure Pipelines Docker@2
        return values.get("command", "") in ("push", "buildandpush")
    if name in AZURE_DEPLOY_TASKS:
        return not dry
    if name.startswith(PUSH_INPUT_ACTIONS):
        return values.get("push", "false") not in ("false", "") or "push=true" in values.get("outputs", "")
    for action, keys in PUBLISH_INPUT_ACTIONS.items():
        if name.startswith(action):
            return not dry and any(values.get(key, "").strip() for key in keys)
    if not name.startswith(DEPLOY_ACTIONS):
        return (_named_like_deploy(name) or _deploying_reusable_workflow(name, values)) and not dry
    gate = DEPLOY_ACTION_INPUT_GATES.get(name)
    if gate is not None:
        key, deploying = gate
        return not dry and (values.get(key, "").split() or [""])[0] in deploying
    for action, commands in DEPLOY_COMMAND_ACTIONS.items():
        if name.startswith(action):
            words = (values.get("command") or values.get("args", "")).split()
            return not dry and bool(words) and words[0] in commands
    if name.startswith("goreleaser/goreleaser-action"):
        return goreleaser_releases(values)
    return not dry


def goreleaser_releases(values: dict[str, str]) -> bool:
    """``goreleaser/goreleaser-action`` (inputs lower-cased) cuts a release: its ``args`` run
    ``release`` (the default), not a ``--snapshot`` build, a ``check`` or a ``build``."""
    args = values.get("args", "release")
    return "--snapshot" not in args and "release" in args and not DRY_RUN_RE.search(args)


def _pushing_v1_action(inv: Inventory, use: ActionUse) -> bool:
    """``docker/build-push-action@v1`` pushed unless told ``push: false`` (v2 and later need ``push: true``)."""
    if use.kind != "action" or not use.ref.lower().startswith("docker/build-push-action") or use.line is None:
        return False
    lines = (inv.text(use.path) or "").splitlines()
    if use.line > len(lines) or _V1_RE.search(lines[use.line - 1]) is None:
        return False
    return (use.input("push") or "true").lower() != "false"


def _deploy_named(own: str) -> bool:
    return any(w in own for w in (*DEPLOY_ACTION_WORDS, "push")) and not any(w in own for w in DEPLOY_ACTION_STOP_WORDS)


def _deploying_reusable_workflow(name: str, values: dict[str, str]) -> bool:
    """A remote reusable workflow given a production or staging environment (``environment: production``)."""
    if name.startswith("./") or "/.github/workflows/" not in name:
        return False
    return any(
        key in ENVIRONMENT_INPUTS and set(_JOB_WORD_RE.split(value)) & DEPLOYED_ENVIRONMENTS
        for key, value in values.items()
    )


def _named_like_deploy(name: str) -> bool:
    """An action not in the catalogue whose own name says it deploys or publishes."""
    if name.startswith(("./", "docker://")) or "/" not in name:
        return False
    own = name.split("/", 1)[1]
    return any(w in own for w in DEPLOY_ACTION_WORDS) and not any(w in own for w in DEPLOY_ACTION_STOP_WORDS)


def _appveyor_deploy(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """AppVeyor's ``deploy:`` section: each entry names the provider it deploys with (``WebDeploy``,
    ``AzureAppServiceZipDeploy``, ``NuGet``, ``GitHub``, ``S3``, ``FTP``...); ``deploy: off`` deploys nothing."""
    text = inv.text(pipeline.file.path) or ""
    for doc in yaml_mappings(inv, pipeline.file.path):
        section = doc.get("deploy")
        entries = section if isinstance(section, list) else [section]
        for entry in entries:
            provider = as_dict(entry).get("provider")
            if isinstance(provider, str) and provider.strip():
                at = text.find(f"provider: {provider}")
                line = line_at(text, at) if at >= 0 else None
                yield Signal(Category.CI_DEPLOY, pipeline.file.path, line, f"AppVeyor deploys with provider {provider}")
                return


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


def _cloud_build_images(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A Cloud Build config's top-level ``images:`` list: Cloud Build pushes those images."""
    for doc in yaml_mappings(inv, pipeline.file.path):
        images = as_str_list(doc.get("images"))
        if images:
            text = inv.text(pipeline.file.path) or ""
            yield Signal(
                Category.CI_DEPLOY,
                pipeline.file.path,
                line_of_key(text, "images"),
                f"Cloud Build `images:` pushes {images[0][:60]}",
            )
            return


def _gitlab_pages(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A GitLab job named ``pages``, or one with a ``pages:`` setting: GitLab Pages publishes its artifacts."""
    path = pipeline.file.path
    docs = list(yaml_mappings(inv, path))
    sources = [(path, inv.text(path) or "", doc) for doc in docs] + gitlab_included(inv, path, docs)
    for where, text, doc in sources:
        for name, body in list(doc.items())[:MAX_JOBS]:
            if not isinstance(body, dict) or str(name).startswith(".") or body.get("pages") is False:
                continue
            if name == "pages" or body.get("pages") is not None:
                found = _GITLAB_PAGES_RE.search(text) if name == "pages" else None
                line = line_of_key(text, str(name)) if found is None else text.count("\n", 0, found.start()) + 1
                yield Signal(Category.CI_DEPLOY, where, line, f"job '{name}' publishes GitLab Pages")


def _gitlab_downstream_deploys(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """A GitLab job named for deploying, or in a deploy stage, that triggers another project's
    pipeline (``trigger: project: group/deployment``): the deploy runs there, started from here."""
    path = pipeline.file.path
    docs = list(yaml_mappings(inv, path))
    sources = [(path, inv.text(path) or "", doc) for doc in docs] + gitlab_included(inv, path, docs)
    for where, text, doc in sources:
        for name, body in list(doc.items())[:MAX_JOBS]:
            if not isinstance(body, dict) or str(name).startswith("."):
                continue
            trigger = body.get("trigger")
            project = trigger if isinstance(trigger, str) else as_dict(trigger).get("project")
            if not isinstance(project, str) or not project.strip():
                continue
            if _deploying_job(str(name)) or _deploying_job(str(body.get("stage") or "")):
                yield Signal(
                    Category.CI_DEPLOY,
                    where,
                    line_of_key(text, str(name)),
                    f"job '{name}' triggers the pipeline of project {project.strip()[:80]}",
                )


def _gitlab_templates(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """``include: template: Auto-DevOps.gitlab-ci.yml`` (or another of GitLab's templates that deploy
    or publish): the included jobs deploy."""
    path = pipeline.file.path
    for doc in yaml_mappings(inv, path):
        include = doc.get("include")
        for entry in include if isinstance(include, list) else [include]:
            template = as_dict(entry).get("template")
            if isinstance(template, str) and template.strip().lower().startswith(GITLAB_DEPLOY_TEMPLATES):
                line = line_of_fragment(inv.text(path) or "", template)
                yield Signal(Category.CI_DEPLOY, path, line, f"includes GitLab's {template.strip()} template")
                return


def _jenkins_deploys(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    """Jenkins steps that deploy (``sshPublisher``, ``kubernetesDeploy``, ``s3Upload``, ...) and image
    pushes inside ``docker.withRegistry``."""
    text = inv.text(pipeline.file.path) or ""
    for stage, line, match in jenkins_matches(text, _JENKINS_STEP_RE):
        yield Signal(Category.CI_DEPLOY, pipeline.file.path, line, f"{_job(stage)}runs `{match.group('at')}`")
    for stage, line, _match in jenkins_matches(text, _JENKINS_CONTAINER_DEPLOY_RE):
        yield Signal(Category.CI_DEPLOY, pipeline.file.path, line, f"{_job(stage)}runs `deploy adapters:`")
    for stage, line, match in jenkins_matches(text, _JENKINS_PUSH_RE):
        if match.string.rfind("docker.withRegistry", max(0, match.start() - MAX_REGISTRY_BLOCK), match.start()) < 0:
            continue
        yield Signal(
            Category.CI_DEPLOY, pipeline.file.path, line, f"{_job(stage)}pushes an image in `docker.withRegistry`"
        )


def _job(job: str | None) -> str:
    return f"job '{job}' " if job else ""
