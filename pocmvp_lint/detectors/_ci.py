"""Find CI configurations and pull the shell commands and action references out of them.

CI files are parsed (YAML, or the ``sh``/``bat`` steps of a Jenkinsfile), so commented-out steps
never count. Each command keeps its file, job and line so signals can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pocmvp_lint.detectors._util import (
    as_dict,
    as_str_list,
    basename,
    is_auxiliary,
    line_of_fragment,
    lines_of,
    mapping_get,
    meaningful,
    names_containing,
    names_starting,
    walk,
    walk_dicts,
    yaml_mappings,
)
from pocmvp_lint.detectors.ci_catalogue import AZURE_COMMAND_REWRITES, AZURE_TASK_COMMANDS
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re

#: Keys whose string (or list of strings) values are shell commands, across CI systems.
COMMAND_KEYS: tuple[str, ...] = (
    "run",
    "script",
    "scripts",
    "before_script",
    "after_script",
    "command",
    "commands",
    "cmd",
    "bash",
    "pwsh",
    "powershell",
    "inlineScript",
    "install",
    "before_install",
    "after_success",
    "before_deploy",
    "after_deploy",
    "build_script",
    "test_script",
    "deploy_script",
)
#: CircleCI 1.0 (``circle.yml``) phase keys whose lists are shell commands.
CIRCLE_V1_COMMAND_KEYS: tuple[str, ...] = ("override", "pre", "post")
#: Most jobs a file may contribute (a guard against generated monsters).
MAX_JOBS = 300
#: Candidate YAML files read to find Azure Pipelines with unconventional names.
MAX_AZURE_CANDIDATES = 60

_GITLAB_RESERVED = frozenset(
    {
        "stages",
        "variables",
        "include",
        "default",
        "workflow",
        "image",
        "services",
        "cache",
        "before_script",
        "after_script",
        "types",
        "pages:deploy",
    }
)
_AZURE_TOP_RE = lazy_re(r"^(?:trigger|pool|pr|resources)\s*:", re.MULTILINE)
_AZURE_BODY_RE = lazy_re(r"^(?:steps|stages|jobs)\s*:", re.MULTILINE)
#: The build steps of a Seed (seed.run) build spec, ``seed.yml`` at the project root: each a list of
#: commands; ``check_code_change`` says how a monorepo's changed services are found.
SEED_STEPS: tuple[str, ...] = (
    "before_compile",
    "compile",
    "before_build",
    "before_deploy",
    "after_deploy",
    "before_remove",
    "after_remove",
)
_SEED_TOP_RE = lazy_re(r"^(?:" + "|".join((*SEED_STEPS, "check_code_change")) + r")[ \t]*:", re.MULTILINE)
_JENKINS_STEP_RE = lazy_re(
    r"""\b(?:sh|bat|powershell|pwsh)\s*(?:\(\s*)?(?:script\s*:\s*)?(?P<q>'''|\"\"\"|'|")(?P<body>.*?)(?P=q)""",
    re.DOTALL,
)
_JENKINS_STAGE_RE = lazy_re(r"""\bstage\s*\(\s*['"]([^'"]+)['"]""")
#: Where a Groovy comment may start (a block comment's end is found with ``str.find``).
_GROOVY_COMMENT_RE = lazy_re(r"/\*|(?<![:'\"])//[^\n]*")
_CONTINUATION_RE = lazy_re(r"\\\r?\n\s*")
_EXPR_RE = lazy_re(r"\$\{\{(?:(?!\$\{\{)[^\n])*?\}\}")
#: A repository script run by a command: an optional interpreter, then a relative path.
_SCRIPT_RE = lazy_re(
    r"(?:^|[\s;&|(])(?:(?:bash|sh|zsh|source|python[\d.]*|node|ruby|php|perl|pwsh|bun|deno\s+run|tsx)\s+"
    r"(?:-\S+\s+)*)?(\.{0,2}/?[\w.-]+(?:/[\w.-]+)*)"
)
_SCRIPT_EXTS = (".sh", ".bash", ".py", ".js", ".mjs", ".cjs", ".ts", ".rb", ".php", ".pl", ".ps1")
#: Most lines of a repository script read when following a CI command into it.
MAX_SCRIPT_LINES = 400


@dataclass(frozen=True)
class CiFile:
    """One live CI configuration: its path and system."""

    path: str
    system: str


@dataclass(frozen=True)
class Command:
    """A shell command (possibly multi-line) found in a CI file."""

    path: str
    job: str | None
    text: str
    line: int | None
    ignored_failure: bool = False

    def lines(self) -> Iterator[str]:
        """The command's logical lines: continuations joined, ``${{ }}`` expressions blanked."""
        joined = _EXPR_RE.sub("EXPR", _CONTINUATION_RE.sub(" ", self.text))
        for raw in joined.splitlines():
            stripped = raw.strip()
            if stripped and not stripped.startswith("#"):
                yield stripped


@dataclass(frozen=True)
class ActionUse:
    """A ``uses:`` reference (GitHub step or reusable workflow), ``@ref`` stripped."""

    path: str
    job: str | None
    ref: str
    line: int | None
    inputs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Pipeline:
    """Everything extracted from one CI file."""

    file: CiFile
    commands: tuple[Command, ...]
    uses: tuple[ActionUse, ...]
    tag_triggered: bool
    prod_environments: tuple[tuple[str | None, int | None], ...]
    #: Names of the inputs of a ``workflow_dispatch`` trigger (empty when there is none).
    dispatch_inputs: tuple[str, ...] = ()
    #: The workflow's own ``name:``.
    name: str | None = None
    #: Runs on a timer (a ``schedule:`` cron trigger, Azure ``schedules:``, a CircleCI scheduled trigger).
    scheduled: bool = False


# ---- discovery -----------------------------------------------------------------------------


def _direct_children(inv: Inventory, folder: str) -> list[str]:
    prefix = folder + "/"
    return [
        p for p in inv.with_ext("yml", "yaml") if p.lower().startswith(prefix) and p.count("/") == folder.count("/") + 1
    ]


def ci_files(inv: Inventory) -> tuple[CiFile, ...]:
    """Live CI configurations (root-anchored where the CI system only reads the root)."""
    found: dict[str, str] = {}
    for folder, system in (
        (".github/workflows", "GitHub Actions"),
        (".gitea/workflows", "Gitea Actions"),
        (".forgejo/workflows", "Forgejo Actions"),
    ):
        for path in _direct_children(inv, folder):
            found[path] = system
    simple = {
        ".gitlab-ci.yml": "GitLab CI",
        ".gitlab-ci.yaml": "GitLab CI",
        ".travis.yml": "Travis CI",
        ".travis.yaml": "Travis CI",
        "circle.yml": "CircleCI",
        ".drone.yml": "Drone",
        ".drone.yaml": "Drone",
        "bitbucket-pipelines.yml": "Bitbucket Pipelines",
        "bitbucket-pipelines.yaml": "Bitbucket Pipelines",
        "appveyor.yml": "AppVeyor",
        ".appveyor.yml": "AppVeyor",
        "buildkite.yml": "Buildkite",
        "buildkite.yaml": "Buildkite",
        ".woodpecker.yml": "Woodpecker",
        ".woodpecker.yaml": "Woodpecker",
        "cloudbuild.yaml": "Cloud Build",
        "cloudbuild.yml": "Cloud Build",
        "bitrise.yml": "Bitrise",
        ".cirrus.yml": "Cirrus CI",
        "buildspec.yml": "AWS CodeBuild",
        "codefresh.yml": "Codefresh",
        ".vela.yml": "Vela",
    }
    for path in inv.named(*simple):
        if not is_auxiliary(path):
            found[path] = simple[basename(path).lower()]
    for path in inv.named("config.yml", "config.yaml"):
        if path.lower().startswith(".circleci/") and path.count("/") == 1:
            found[path] = "CircleCI"
    for path in inv.named("seed.yml"):  # Seed reads it at the project root; elsewhere it is seed data
        if "/" not in path and _SEED_TOP_RE.search(inv.text(path) or ""):
            found[path] = "Seed"
    for folder, system in (
        (".buildkite", "Buildkite"),
        (".woodpecker", "Woodpecker"),
        (".azuredevops", "Azure Pipelines"),
        (".pipelines", "Azure Pipelines"),
        (".semaphore", "Semaphore"),
    ):
        for path in _direct_children(inv, folder):
            found.setdefault(path, system)
    for path in _jenkinsfiles(inv):
        found[path] = "Jenkins"
    for path in _azure_pipelines(inv):
        found.setdefault(path, "Azure Pipelines")
    out = []
    for path, system in sorted(found.items()):
        text = inv.text(path)
        if text is not None and meaningful(text, "//" if system == "Jenkins" else "#"):
            out.append(CiFile(path, system))
    return tuple(out)


def _jenkinsfiles(inv: Inventory) -> Iterator[str]:
    for name in names_containing(inv, "jenkins", "jenkinsfile"):
        paths = inv.named(name)
        if (
            name == "jenkinsfile"
            or name.startswith(("jenkinsfile.", "jenkinsfile-", "jenkinsfile_"))
            or name.endswith(".jenkinsfile")
        ):
            yield from (p for p in paths if not is_auxiliary(p))


def _azure_pipelines(inv: Inventory) -> Iterator[str]:
    """``azure-pipelines*.yml`` anywhere, plus shallow YAML files that are shaped like a pipeline."""
    for name in names_starting(inv, "azure", ("azure",)):
        if re.match(r"^azure(?=.*pipeline).*\.ya?ml$", name):
            yield from (p for p in inv.named(name) if not is_auxiliary(p))
    candidates: list[str] = []
    for path in inv.with_ext("yml", "yaml"):
        if path.count("/") > 1 or path.startswith((".github/", ".gitlab", ".circleci/")):
            continue
        name = basename(path).lower()
        if "compose" not in name and not name.startswith("azure") and not is_auxiliary(path):
            candidates.append(path)
    for path in candidates[:MAX_AZURE_CANDIDATES]:
        text = inv.text(path)
        if text and _AZURE_TOP_RE.search(text) and _AZURE_BODY_RE.search(text):
            for doc in yaml_mappings(inv, path):
                if ("trigger" in doc or "pool" in doc) and any(k in doc for k in ("steps", "stages", "jobs")):
                    yield path
                    break


# ---- extraction ----------------------------------------------------------------------------


def pipelines(inv: Inventory) -> tuple[Pipeline, ...]:
    """Parse every live CI file (memoised per inventory)."""
    return inv.memo("ci:pipelines", lambda: tuple(parse_pipeline(inv, f) for f in ci_files(inv)))


def parse_pipeline(inv: Inventory, ci: CiFile) -> Pipeline:
    text = inv.text(ci.path) or ""
    if ci.system == "Jenkins":
        return Pipeline(ci, tuple(_jenkins_commands(ci.path, text)), (), False, ())
    commands: list[Command] = []
    uses: list[ActionUse] = []
    tagged = False
    prod_envs: list[tuple[str | None, int | None]] = []
    inputs: list[str] = []
    name: str | None = None
    scheduled = False
    for doc in yaml_mappings(inv, ci.path):
        for job, body in _jobs(ci.system, doc):
            _collect(ci.path, job, body, text, commands, uses, ci.system)
            env = _environment_name(body)
            if env and re.search(r"prod", env, re.IGNORECASE):
                prod_envs.append((job, line_of_fragment(text, env)))
        tagged = tagged or _tag_triggered(ci.system, doc)
        scheduled = scheduled or _scheduled(ci.system, doc)
        inputs.extend(_dispatch_inputs(ci.system, doc))
        if isinstance(doc.get("name"), str):
            name = doc["name"]
    _inline_local_actions(inv, commands, uses)
    return Pipeline(ci, tuple(commands), tuple(uses), tagged, tuple(prod_envs), tuple(inputs), name, scheduled)


def _scheduled(system: str, doc: dict[Any, Any]) -> bool:
    """Whether the document declares a timer trigger (cron)."""
    if system in ("GitHub Actions", "Gitea Actions", "Forgejo Actions"):
        on = mapping_get(doc, "on", True)
        return isinstance(on, dict) and isinstance(on.get("schedule"), list) and bool(on["schedule"])
    if system == "Azure Pipelines":
        return isinstance(doc.get("schedules"), list) and bool(doc["schedules"])
    if system == "CircleCI":
        for workflow in as_dict(doc.get("workflows")).values():
            triggers = as_dict(workflow).get("triggers")
            if isinstance(triggers, list) and any(isinstance(t, dict) and "schedule" in t for t in triggers):
                return True
    if system == "GitLab CI":
        for node in walk_dicts(doc):
            value = node.get("if")
            if isinstance(value, str) and re.search(r"CI_PIPELINE_SOURCE\s*==\s*[\"']schedule[\"']", value):
                return True
            only = node.get("only")
            if only == "schedules" or (isinstance(only, list) and "schedules" in only):
                return True
    return False


def _dispatch_inputs(system: str, doc: dict[Any, Any]) -> list[str]:
    if system not in ("GitHub Actions", "Gitea Actions", "Forgejo Actions"):
        return []
    on = mapping_get(doc, "on", True)
    if not isinstance(on, dict) or "workflow_dispatch" not in on:
        return []
    return [str(k) for k in as_dict(as_dict(on.get("workflow_dispatch")).get("inputs"))]


def _inline_local_actions(inv: Inventory, commands: list[Command], uses: list[ActionUse]) -> None:
    """Add the steps of local composite actions (``uses: ./path``) to the calling job, one hop."""
    for use in list(uses):
        if not use.ref.startswith("./"):
            continue
        folder = use.ref[2:].rstrip("/")
        for name in ("action.yml", "action.yaml"):
            path = f"{folder}/{name}"
            if not inv.exists(path):
                continue
            text = inv.text(path) or ""
            for doc in yaml_mappings(inv, path):
                runs = as_dict(doc.get("runs"))
                if runs.get("using") == "composite":
                    _collect(path, use.job, runs.get("steps"), text, commands, uses, "GitHub Actions")
            break


def _jobs(system: str, doc: dict[Any, Any]) -> Iterator[tuple[str | None, Any]]:
    """(job name, job body) pairs; the whole document as one anonymous job when unstructured."""
    if system == "CircleCI" and "jobs" not in doc and "workflows" not in doc:
        # CircleCI 1.0 (``circle.yml``): phases (``test``, ``deployment.<name>``) instead of jobs.
        for name, body in doc.items():
            if str(name) == "deployment":
                for target, inner in as_dict(body).items():
                    yield f"deployment.{target}", inner
            elif str(name) != "machine":
                yield str(name), body
        return
    if system in ("GitHub Actions", "Gitea Actions", "Forgejo Actions", "CircleCI"):
        jobs = as_dict(doc.get("jobs"))
        for index, (name, body) in enumerate(jobs.items()):
            if index >= MAX_JOBS:
                break
            yield str(name), body
        if system == "CircleCI" or not jobs:
            rest = {k: v for k, v in doc.items() if k != "jobs"}
            if system != "CircleCI" and rest:
                yield None, rest
        return
    if system == "Seed":
        for step in SEED_STEPS:
            if isinstance(doc.get(step), list):
                yield step, {"commands": doc[step]}
        return
    if system == "GitLab CI":
        for index, (name, body) in enumerate(doc.items()):
            if index >= MAX_JOBS:
                break
            if isinstance(body, dict) and str(name) not in _GITLAB_RESERVED and not str(name).startswith("."):
                yield str(name), body
        top = {k: v for k, v in doc.items() if k in ("before_script", "after_script")}
        if top:
            yield None, top
        return
    yield None, doc


def _collect(
    path: str, job: str | None, body: Any, text: str, commands: list[Command], uses: list[ActionUse], system: str = ""
) -> None:
    keys = COMMAND_KEYS + (CIRCLE_V1_COMMAND_KEYS if system == "CircleCI" else ())
    job_lenient = _lenient(body)
    if isinstance(body, dict) and body.get("if") is False:
        return
    for node in walk_dicts(body):
        if node.get("if") is False:
            continue
        lenient = job_lenient or _lenient(node)
        for key in keys:
            value = node.get(key)
            strings = as_str_list(value)
            if isinstance(value, list):
                strings = [s for s in value if isinstance(s, str)]
            for cmd in strings:
                commands.append(Command(path, job, cmd, line_of_fragment(text, cmd), lenient))
        ref = node.get("uses")
        if isinstance(ref, str):
            inputs = tuple((str(k), str(v)) for k, v in as_dict(node.get("with")).items())
            name = ref.split("@", 1)[0].strip()
            uses.append(ActionUse(path, job, name, line_of_fragment(text, ref), inputs))
        task = node.get("task")
        if isinstance(task, str):  # Azure Pipelines tasks behave like actions
            name = task.split("@", 1)[0].strip()
            inputs = tuple((str(k), str(v)) for k, v in as_dict(node.get("inputs")).items())
            line = line_of_fragment(text, task)
            uses.append(ActionUse(path, job, name, line, inputs))
            equivalent = azure_task_command(name, inputs)
            if equivalent is not None:
                commands.append(Command(path, job, equivalent, line, lenient))
    if system == "GitLab CI":
        release = gitlab_release_command(path, job, body, text)
        if release is not None:
            commands.append(release)


def gitlab_release_command(path: str, job: str | None, body: Any, text: str) -> Command | None:
    """GitLab's ``release:`` job keyword read as the ``release-cli create`` it runs, at the keyword's line."""
    release = body.get("release") if isinstance(body, dict) else None
    if not isinstance(release, dict) or job is None:
        return None
    tag = release.get("tag_name")
    command = "release-cli create" + (f" --tag-name {tag}" if isinstance(tag, str) else "")
    return Command(path, job, command, _keyword_line(text, job, "release"), _lenient(body))


def _keyword_line(text: str, job: str, key: str) -> int | None:
    """Line of the indented ``key:`` inside top-level ``job:`` of a YAML file (plain string scans)."""
    lines = text.splitlines()
    start = next(
        (i for i, line in enumerate(lines) if line.split(":", 1)[0].strip("\"' ") == job and line[:1] not in " \t"),
        None,
    )
    if start is None:
        return None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and line[:1] not in " \t#":
            return None
        if line.lstrip().startswith(key + ":") and line[:1] in " \t":
            return index + 1
    return None


def azure_task_command(task: str, inputs: tuple[tuple[str, str], ...]) -> str | None:
    """The shell command an Azure Pipelines task stands for (``DotNetCoreCLI@2`` test -> ``dotnet test``)."""
    entry = AZURE_TASK_COMMANDS.get(task.lower())
    if entry is None:
        return None
    program, keys = entry
    values = {k.lower(): v for k, v in inputs}
    parts = [program]
    for key in keys:
        value = values.get(key, "").strip()
        if key == "command":
            value = AZURE_COMMAND_REWRITES.get((task.lower(), value.lower()), value)
        if value:
            parts.append(" ".join(value.split()))
    return " ".join(parts)


def _lenient(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    return node.get("continue-on-error") is True or node.get("allow_failure") is True


def _environment_name(body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    env = body.get("environment") or body.get("deployment")
    if isinstance(env, dict):
        env = env.get("name")
    return env if isinstance(env, str) else None


def _tag_triggered(system: str, doc: dict[Any, Any]) -> bool:
    for node in walk_dicts(doc):  # an ``if:``/``condition:`` that runs a job or step on tags only
        for key in ("if", "condition"):
            value = node.get(key)
            if isinstance(value, str) and "refs/tags" in value:
                return True
    if system == "Azure Pipelines":
        trigger = doc.get("trigger")
        if isinstance(trigger, dict) and trigger.get("tags"):
            return True
    if system in ("GitHub Actions", "Gitea Actions", "Forgejo Actions"):
        on = mapping_get(doc, "on", True)
        if isinstance(on, dict):
            push = as_dict(on.get("push"))
            if push.get("tags") is not None or "tags" in push:
                return True
            release = on.get("release")
            return "release" in on and (release is None or isinstance(release, dict))
        return on == "release" or (isinstance(on, list) and "release" in on)
    for node in walk(doc):  # budgeted: alias bombs stay cheap
        if isinstance(node, str) and "CI_COMMIT_TAG" in node:
            return True
        if isinstance(node, dict):
            only = node.get("only")
            if only == "tags" or (isinstance(only, list) and "tags" in only) or node.get("tags") is True:
                return True
    return False


def blank_groovy_comments(text: str) -> str:
    """``text`` with each ``/* ... */`` and ``// ...`` comment blanked (line breaks kept).

    Linear: a ``/*`` without a closing ``*/`` is not a comment, and once one closing search came
    back empty no later ``/*`` is searched for again (a regex retried the search from each one)."""
    pieces: list[str] = []
    last = pos = 0
    unclosed = False
    while True:
        found = _GROOVY_COMMENT_RE.search(text, pos)
        if found is None:
            break
        start, end = found.start(), found.end()
        if found.group(0) == "/*":
            close = -1 if unclosed else text.find("*/", start + 2)
            if close < 0:
                unclosed = True
                pos = start + 1
                continue
            end = close + 2
        pieces.append(text[last:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = pos = end
    pieces.append(text[last:])
    return "".join(pieces)


def _jenkins_commands(path: str, text: str) -> Iterator[Command]:
    """Each ``sh``/``bat`` step with the stage it sits in (the last one opened before it) and
    its line: steps and stages are walked together in order, and lines counted as they go, so
    a file of thousands of stages costs one pass."""
    code = blank_groovy_comments(text)
    stages = _JENKINS_STAGE_RE.finditer(code)
    upcoming = next(stages, None)
    stage: str | None = None
    steps = ((m.start("body"), m) for m in _JENKINS_STEP_RE.finditer(code))
    for line, match in lines_of(code, steps):
        while upcoming is not None and upcoming.start() < match.start():
            stage = upcoming.group(1)
            upcoming = next(stages, None)
        yield Command(path, stage, match.group("body"), line)


def command_line(text: str, cmd: Command, fragment: str) -> int | None:
    """The line of ``fragment`` (one logical line of ``cmd``) in the CI file's ``text``."""
    found = line_of_fragment(text, fragment.split(" EXPR")[0][:80])
    return found if found is not None else cmd.line


def repo_script(inv: Inventory, part: str) -> str | None:
    """The tracked repository script that the shell command ``part`` runs, or None."""
    for match in _SCRIPT_RE.finditer(part):
        raw = match.group(1)
        if "/" not in raw and not raw.endswith(_SCRIPT_EXTS):
            continue
        path = raw[2:] if raw.startswith("./") else raw.lstrip("/")
        if path.startswith("..") or not path:
            continue
        if inv.exists(path) and (path.endswith(_SCRIPT_EXTS) or "." not in basename(path)):
            return path
    return None


def script_lines(inv: Inventory, path: str) -> list[str]:
    """The non-comment lines of a repository script (bounded)."""
    text = inv.text(path) or ""
    out: list[str] = []
    for raw in text.splitlines()[:MAX_SCRIPT_LINES]:
        stripped = raw.strip()
        if stripped and not stripped.startswith(("#", "//")):
            out.append(stripped)
    return out
