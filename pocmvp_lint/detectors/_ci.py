"""Find CI configurations and pull the shell commands and action references out of them.

CI files are parsed (YAML, or the ``sh``/``bat`` steps of a Jenkinsfile), so commented-out steps
never count. Each command keeps its file, job and line so signals can point at it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pocmvp_lint.detectors._util import (
    as_dict,
    as_list,
    as_str_list,
    basename,
    dirname,
    is_auxiliary,
    line_at,
    line_of_fragment,
    lines_of,
    load_json,
    load_toml,
    mapping_get,
    meaningful,
    names_containing,
    names_starting,
    package_scripts,
    split_commands,
    walk,
    walk_dicts,
    yaml_mappings,
)
from pocmvp_lint.detectors.ci_catalogue import (
    AZURE_COMMAND_REWRITES,
    AZURE_PIPELINE_FOLDERS,
    AZURE_TASK_COMMANDS,
    BITRISE_STEP_COMMANDS,
    CI_CONTENT_LINES,
    CI_FILE_PREFIXES,
    CI_FILE_SUFFIXES,
    CI_FILES_ANYWHERE,
    CLOUD_BUILD_PROGRAMS,
    COMMAND_INPUT_ACTIONS,
    CONCOURSE_FOLDERS,
    FASTLANE_UPLOADS,
    JENKINS_SCRIPT_FOLDERS,
    ROOT_CI_FILES,
    ROOT_CI_FOLDERS,
    TEAMCITY_STEP_BLOCKS,
    TEAMCITY_STEP_PROGRAMS,
    XCODE_CLOUD_SCRIPTS,
)
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.classify import is_test_path
from pocmvp_lint.inventory.reader import YAML_LIMIT, parse_yaml
from pocmvp_lint.lazyre import LazyPattern, lazy_re

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
#: AppVeyor's phase keys whose lists are commands (``before_build: [yarn run test-ci]``), and its
#: PowerShell entries (``- ps: ...``), beside the ``install``/``test_script`` it shares with others.
APPVEYOR_COMMAND_KEYS: tuple[str, ...] = (
    "init",
    "before_build",
    "after_build",
    "before_test",
    "after_test",
    "on_success",
    "on_finish",
    "ps",
)
#: Command keys of one CI system only.
_SYSTEM_COMMAND_KEYS: dict[str, tuple[str, ...]] = {
    "CircleCI": CIRCLE_V1_COMMAND_KEYS,
    "AppVeyor": APPVEYOR_COMMAND_KEYS,
}
#: Most jobs a file may contribute (a guard against generated monsters).
#: Most lines of an action's command input read.
MAX_INPUT_LINES = 60
MAX_JOBS = 300
#: GitLab local includes: how many levels are followed, and how many files at most.
MAX_INCLUDE_DEPTH = 3
MAX_INCLUDED_FILES = 20
#: Candidate YAML files read to find Azure Pipelines with unconventional names.
MAX_AZURE_CANDIDATES = 60
#: Most template files an Azure pipeline's own templates are followed into, and how deep templates
#: including templates are followed.
MAX_AZURE_TEMPLATES = 20
MAX_TEMPLATE_DEPTH = 3

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
#: A string joined on to a step's script (``sh '''docker run ''' + "${IMAGE}" + ''' pytest'''``).
_GROOVY_CONCAT_RE = lazy_re(r"""(?<![ \t])[ \t]*\+[ \t\r\n]*(?P<q>'''|\"\"\"|'|")(?P<body>.*?)(?P=q)""", re.DOTALL)
#: Most strings joined into one step's script.
MAX_CONCATENATED = 20
_JENKINS_STAGE_RE = lazy_re(r"""\bstage\s*\(\s*['"]([^'"]+)['"]""")
#: Where a Groovy comment may start (a block comment's end is found with ``str.find``).
_GROOVY_COMMENT_RE = lazy_re(r"/\*|(?<![:'\"])//[^\n]*")
_CONTINUATION_RE = lazy_re(r"\\\r?\n\s*")
#: What a ``${{ ... }}`` expression reads as in a command or a folder (any one path segment there).
EXPRESSION = "EXPR"
_EXPR_RE = lazy_re(r"\$\{\{(?:(?!\$\{\{)[^\n])*?\}\}")
#: Expression contexts whose values a command reads by name.
_NAMED_CONTEXTS = ("secrets.", "vars.", "env.")


def _expression_name(match: re.Match[str]) -> str:
    """A ``${{ secrets.NAME }}`` expression as ``$NAME``; any other expression as ``EXPR``."""
    inner = match.group(0)[3:-2].strip()
    for context in _NAMED_CONTEXTS:
        name = inner.removeprefix(context)
        if name != inner and name.replace("_", "").isalnum():
            return "$" + name
    return EXPRESSION


#: A repository script run by a command: an optional interpreter, then a relative path.
_SCRIPT_RE = lazy_re(
    r"(?:^|[\s;&|(])(?:(?:bash|sh|zsh|source|python[\d.]*|node|ruby|php|perl|pwsh|bun|deno\s+run|tsx)\s+"
    r"(?:-\S+\s+)*)?(\.{0,2}/?[\w.-]+(?:/[\w.-]+)*)"
)
#: Commands that name a file without running it.
_NOT_A_RUN_RE = lazy_re(
    r"(?:sudo\s+)?(?:chmod|chown|cat|ls|stat|file|test|echo|cp|mv|rm|touch|head|tail|wc|dos2unix|sed|grep"
    r"|shellcheck|git\s+(?:add|update-index|rm|mv))(?:\s|$)"
)
_SCRIPT_EXTS = (".sh", ".bash", ".py", ".js", ".mjs", ".cjs", ".ts", ".rb", ".php", ".pl", ".ps1")
#: Occurrences of a command looked at to find the one that starts a line.
MAX_FRAGMENT_TRIES = 20
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
    #: The folder the command starts in (a GitHub step's ``working-directory``), "" for the root.
    folder: str = ""
    #: The step's and its job's ``if:`` conditions, as written ("" when there is none).
    condition: str = ""
    #: The stage a GitLab job belongs to (``stage: deploy``), "" elsewhere.
    stage: str = ""

    def lines(self, *, names: bool = False) -> Iterator[str]:
        """The command's logical lines: continuations joined, ``${{ }}`` expressions blanked; with
        ``names``, an expression that reads a secret, variable or environment value keeps its name as
        a shell variable (``${{ secrets.DEPLOY_HOOK }}`` -> ``$DEPLOY_HOOK``), line for line the same."""
        joined = _EXPR_RE.sub(_expression_name if names else EXPRESSION, _CONTINUATION_RE.sub(" ", self.text))
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
    #: What the reference names: a GitHub/Gitea ``action`` or Azure task, a Bitbucket ``pipe``, a
    #: Drone/Woodpecker ``plugin`` image or a CircleCI ``orb`` job or command.
    kind: str = "action"
    #: The step's and its job's ``if:`` conditions, as written ("" when there is none).
    condition: str = ""

    def input(self, key: str) -> str:
        """The value of input ``key`` ("" when absent): input names are case-insensitive, as in
        GitHub Actions (``inlineScript``, ``inlinescript``)."""
        wanted = key.lower()
        return next((value for name, value in self.inputs if name.lower() == wanted), "")

    def input_commands(self) -> list[str]:
        """The command lines an action runs through its command input (``COMMAND_INPUT_ACTIONS``:
        ``actions-rs/cargo`` with ``command: test`` runs ``cargo test``), at most
        ``MAX_INPUT_LINES``; none for other actions."""
        entry = COMMAND_INPUT_ACTIONS.get(self.ref.lower()) if self.kind == "action" else None
        if entry is None:
            return []
        key, template = entry
        lines = self.input(key).splitlines()[:MAX_INPUT_LINES]
        return [template.format(line.strip()) for line in lines if line.strip()]


@dataclass(frozen=True)
class Pipeline:
    """Everything extracted from one CI file."""

    file: CiFile
    commands: tuple[Command, ...]
    uses: tuple[ActionUse, ...]
    tag_triggered: bool
    #: Names of the inputs of a ``workflow_dispatch`` trigger (empty when there is none).
    dispatch_inputs: tuple[str, ...] = ()
    #: The workflow's own ``name:``.
    name: str | None = None
    #: Runs on a timer (a ``schedule:`` cron trigger, Azure ``schedules:``, a CircleCI scheduled trigger).
    scheduled: bool = False
    #: GitHub (Gitea, Forgejo) and GitLab jobs that name the environment they deploy to, GitLab
    #: ``extends:`` templates resolved: (job, environment).
    environments: tuple[tuple[str, str], ...] = ()


# ---- discovery -----------------------------------------------------------------------------


def _yaml_by_folder(yaml_paths: tuple[str, ...]) -> dict[str, list[str]]:
    """YAML files two folders deep at most, by their (lower-case) folder: one pass for every
    pipeline folder looked at."""
    out: dict[str, list[str]] = {}
    for path in yaml_paths:
        if path.count("/") <= 2:
            out.setdefault(dirname(path).lower(), []).append(path)
    return out


#: Workflow folders at the repository root: folder -> system.
_WORKFLOW_FOLDERS: dict[str, str] = {
    ".github/workflows": "GitHub Actions",
    ".gitea/workflows": "Gitea Actions",
    ".forgejo/workflows": "Forgejo Actions",
}
#: Line-comment markers of CI files written as programs, by extension (``#`` for the others).
_COMMENT_MARKERS: dict[str, str] = {"groovy": "//", "jsonnet": "//", "kts": "//", "jenkinsfile": "//"}
#: Candidate YAML files read to find Concourse pipelines.
MAX_CONCOURSE_CANDIDATES = 40
#: Candidate Groovy files read to find Jenkins pipelines kept outside a ``Jenkinsfile``.
MAX_JENKINS_SCRIPTS = 40
_JENKINS_PIPELINE_RE = lazy_re(r"^[ \t]*pipeline[ \t]*\{|^[ \t]*node\b[^\n{]{0,80}\{", re.MULTILINE)
_JENKINS_STAGE_WORD_RE = lazy_re(r"\bstages?[ \t]*[({]")


def ci_files(inv: Inventory) -> tuple[CiFile, ...]:
    """Live CI configurations (root-anchored where the CI system only reads the root)."""
    found: dict[str, list[str]] = {}  # path -> the systems it may belong to, most likely first

    def claim(path: str, system: str, *, first: bool = False) -> None:
        systems = found.setdefault(path, [])
        if first:  # a file named for one system (``.travis.yml``) before one found by its content
            systems.insert(0, system)
        else:
            systems.append(system)

    yaml_paths = inv.with_ext("yml", "yaml")
    by_folder = _yaml_by_folder(yaml_paths)
    for folder, system in _WORKFLOW_FOLDERS.items():
        for path in by_folder.get(folder, ()):
            claim(path, system, first=True)
    for path in inv.named(*CI_FILES_ANYWHERE):
        if not is_auxiliary(path):
            claim(path, CI_FILES_ANYWHERE[basename(path).lower()], first=True)
    for path in inv.named(*{basename(root) for root in ROOT_CI_FILES}):
        if path.lower() in ROOT_CI_FILES:
            claim(path, ROOT_CI_FILES[path.lower()], first=True)
    for path, system in _named_variants(inv, yaml_paths):
        claim(path, system)
    for path in inv.named("config.yml", "config.yaml"):
        if path.lower().startswith(".circleci/") and path.count("/") == 1:
            claim(path, "CircleCI", first=True)
    if inv.exists(HEROKU_APP_JSON) and heroku_ci_environment(load_json(inv, HEROKU_APP_JSON)) is not None:
        claim(HEROKU_APP_JSON, "Heroku CI", first=True)
    for path in inv.named("seed.yml"):  # Seed reads it at the project root; elsewhere it is seed data
        if "/" not in path and _SEED_TOP_RE.search(inv.text(path) or ""):
            claim(path, "Seed", first=True)
    for folder, system in ROOT_CI_FOLDERS.items():
        for path in by_folder.get(folder, ()):
            claim(path, system)
    for path in _jenkinsfiles(inv):
        claim(path, "Jenkins", first=True)
    for path in _jenkins_scripts(inv):
        claim(path, "Jenkins")
    for path in _xcode_cloud_scripts(inv):
        claim(path, "Xcode Cloud", first=True)
    for path, system in _concourse_files(inv, yaml_paths):
        claim(path, system)
    for path in _azure_pipelines(inv):
        claim(path, "Azure Pipelines")
    out = []
    for path, systems in sorted(found.items()):
        text = inv.text(path)
        if text is None or not meaningful(text, _comment_marker(path)):
            continue
        is_json = path.lower().endswith(".json")
        chosen = next((s for s in systems if _shaped(s, text, json=is_json)), None)  # a name may be borrowed
        if chosen is not None:
            out.append(CiFile(path, chosen))
    return tuple(out)


#: Heroku reads ``app.json`` at the root; its ``environments.test`` configures Heroku CI, whose
#: ``test-setup`` and ``test`` scripts run in the test dyno.
HEROKU_APP_JSON = "app.json"
HEROKU_CI_SCRIPTS = ("test-setup", "test")


def heroku_ci_environment(data: Any) -> dict[Any, Any] | None:
    """The Heroku CI ``environments.test`` object of an ``app.json``, else None."""
    test = as_dict(as_dict(data).get("environments")).get("test")
    return test if isinstance(test, dict) else None


def _program_lines(path: str, text: str) -> Iterator[Command]:
    """A pipeline written as a program or a script (Drone Jsonnet, Cirrus Starlark, TeamCity Kotlin,
    Xcode Cloud and App Center scripts), one command per line: its string literals are the commands
    it runs (``commands: ['make test']``), and a script's lines are commands."""
    marker = _comment_marker(path)
    kotlin = path.lower().endswith(".kts")
    for index, line in enumerate(text.splitlines()[:MAX_SCRIPT_LINES]):
        stripped = line.strip()
        if stripped and not stripped.startswith(marker):
            yield Command(path, None, _teamcity_step(stripped) if kotlin else stripped, index + 1)


def _teamcity_step(line: str) -> str:
    """A TeamCity build step setting read as the command it runs (``goals = "clean test"`` in a
    ``maven { }`` step runs ``mvn clean test``), a step type that runs a tool as that tool's command
    (``dotnetTest {`` runs ``dotnet test``); other lines as they are."""
    block = TEAMCITY_STEP_BLOCKS.get(line.split("{", 1)[0].strip()) if line.endswith("{") else None
    if block is not None:
        return block
    key, equals, value = line.partition("=")
    program = TEAMCITY_STEP_PROGRAMS.get(key.strip())
    words = value.strip().strip('"')
    return f"{program} {words}" if equals and program else line


def _comment_marker(path: str) -> str:
    name = basename(path).lower()
    return _COMMENT_MARKERS.get(name.rsplit(".", 1)[-1], "//" if "jenkinsfile" in name else "#")


def _shaped(system: str, text: str, *, json: bool = False) -> bool:
    """Whether ``text`` has the top-level lines :data:`CI_CONTENT_LINES` asks of ``system``."""
    groups = CI_CONTENT_LINES.get(system)
    if not groups:
        return True
    if json:
        tops = [line.strip().replace('"', "", 2) for line in text.splitlines()]
    else:
        tops = [line.rstrip() for line in text.splitlines() if line[:1] not in ("", " ", "\t", "#")]
    return all(any(line.startswith(start) for line in tops for start in group) for group in groups)


def _named_variants(inv: Inventory, yaml_paths: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(path, system) of CI files named per environment or purpose (``cloudbuild-prod.yaml``) and of
    GoCD's ``*.gocd.yaml`` files, wherever they sit outside test, doc and example folders."""
    for name in names_starting(inv, "ci-variants", tuple(CI_FILE_PREFIXES)):
        if not name.endswith((".yml", ".yaml", ".json")):
            continue
        system = next(s for prefix, s in CI_FILE_PREFIXES.items() if name.startswith(prefix))
        yield from ((p, system) for p in inv.named(name) if not is_auxiliary(p))
    for path in yaml_paths:
        for suffix, system in CI_FILE_SUFFIXES.items():
            if path.lower().endswith(suffix) and not is_auxiliary(path):
                yield path, system


def _jenkins_scripts(inv: Inventory) -> Iterator[str]:
    """Groovy files in a ``jenkins`` (or ``ci``, ``pipelines``) folder that declare a pipeline
    (``pipeline { stages { ... } }`` or ``node { stage(...) }``): a Jenkins job's script path."""
    candidates = [
        p
        for p in inv.with_ext("groovy")
        if any(part.lower() in JENKINS_SCRIPT_FOLDERS for part in p.split("/")[:-1])
        and not is_auxiliary(p)
        and not is_test_path(p)
    ]
    for path in candidates[:MAX_JENKINS_SCRIPTS]:
        text = blank_groovy_comments(inv.text(path) or "")
        if _JENKINS_PIPELINE_RE.search(text) and _JENKINS_STAGE_WORD_RE.search(text):
            yield path


def _xcode_cloud_scripts(inv: Inventory) -> Iterator[str]:
    """Xcode Cloud's custom build scripts: ``ci_scripts/ci_post_clone.sh`` (and the pre/post
    ``xcodebuild`` ones) in the folder that holds the Xcode project or workspace."""
    scripts = inv.named(*XCODE_CLOUD_SCRIPTS)
    if not scripts:
        return
    projects = {dirname(dirname(p)) for p in inv.with_ext("pbxproj", "xcworkspacedata")}
    for path in scripts:
        folder = dirname(path)
        if basename(folder) == "ci_scripts" and dirname(folder) in projects and not is_auxiliary(path):
            yield path


def _concourse_files(inv: Inventory, yaml_paths: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Concourse pipelines: YAML files in a ``ci``, ``concourse`` or ``pipelines`` folder (or named
    for a pipeline at the root) with top-level ``resources`` and ``jobs``, and a job ``plan`` (read
    as text: old pipelines hold ``{{var}}`` placeholders that are not valid YAML); and the task files
    kept in such a folder (``platform``, ``run``, and the task's image or inputs), which a pipeline
    defined elsewhere runs."""
    candidates = []
    for path in yaml_paths:
        parts = path.lower().split("/")
        in_folder = any(part in CONCOURSE_FOLDERS for part in parts[:-1])
        if (in_folder or (len(parts) == 1 and "pipeline" in parts[0])) and not is_auxiliary(path):
            candidates.append(path)
    for path in candidates[:MAX_CONCOURSE_CANDIDATES]:
        text = inv.text(path) or ""
        if _shaped("Concourse", text) and any(line.lstrip(" -").startswith("plan:") for line in text.splitlines()):
            yield path, "Concourse"
        elif "/" in path and _shaped("Concourse task", text):
            yield path, "Concourse task"


def concourse_run(run: dict[Any, Any], inputs: tuple[str, ...] = ()) -> str | None:
    """The command a Concourse task's ``run`` runs: its ``path`` and ``args`` (``sh -c`` with a
    script: the script), a path into one of the task's ``inputs`` read from the repository's root
    (``repo/ci/scripts/unit.sh`` runs ``./ci/scripts/unit.sh``)."""
    path, args = run.get("path"), as_str_list(run.get("args"))
    if not isinstance(path, str) or not path.strip():
        return None
    program = path.strip()
    if basename(program) in ("sh", "bash") and args and args[0].startswith("-") and "c" in args[0]:
        return args[1] if len(args) > 1 else None
    head, _, rest = program.partition("/")
    if head in inputs and rest:
        program = "./" + rest
    return " ".join([program, *args])


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
    """``azure-pipelines*.yml`` anywhere, plus YAML files shaped like a pipeline: shallow ones, and
    those in a pipelines folder (``.azure/pipelines/ci.yml``, ``eng/pipelines/ci.yml``)."""
    for name in names_starting(inv, "azure", ("azure",)):
        if re.match(r"^azure(?=.*pipeline).*\.ya?ml$", name):
            yield from (p for p in inv.named(name) if not is_auxiliary(p))
    shallow: list[str] = []
    in_folders: list[str] = []
    for path in inv.with_ext("yml", "yaml"):
        if path.startswith((".github/", ".gitlab", ".circleci/")):
            continue
        name = basename(path).lower()
        if "compose" in name or name.startswith("azure") or is_auxiliary(path):
            continue
        if path.count("/") <= 1:
            shallow.append(path)
        elif path.count("/") <= 3 and any(p.lower() in AZURE_PIPELINE_FOLDERS for p in path.split("/")[:-1]):
            in_folders.append(path)
    candidates = shallow + in_folders
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
        return Pipeline(ci, tuple(_jenkins_commands(ci.path, text)), (), False)
    if not ci.path.lower().endswith((".yml", ".yaml", ".json")):  # a program (Jsonnet, Starlark, Kotlin, shell)
        return Pipeline(ci, tuple(_program_lines(ci.path, text)), (), False)
    commands: list[Command] = []
    uses: list[ActionUse] = []
    tagged = False
    environments: list[tuple[str, str]] = []
    inputs: list[str] = []
    name: str | None = None
    scheduled = False
    docs = ci_yaml_mappings(inv, ci.path)
    sources = [(ci.path, text, doc) for doc in docs]
    if ci.system == "GitLab CI":
        sources += gitlab_included(inv, ci.path, docs)
    bases = _gitlab_bases(sources) if ci.system == "GitLab CI" else {}
    for path, source_text, doc in sources:
        lines = _Lines(source_text)
        for job, raw in _jobs(ci.system, doc):
            body = _with_references(_extended(raw, bases), bases) if bases else raw
            _collect(path, job, body, source_text, commands, uses, ci.system, lines)
            env = _environment_name(body)
            if env and env.strip() and job is not None and ci.system in _ENVIRONMENT_SYSTEMS:
                environments.append((job, env.strip()))
            elif ci.system == "CircleCI" and job is not None and job.startswith("deployment."):
                environments.append((job, job.removeprefix("deployment.")))  # CircleCI 1.0's deployment targets
        _platform_steps(ci.system, path, doc, source_text, commands, uses)
        tagged = tagged or _tag_triggered(ci.system, doc)
        scheduled = scheduled or _scheduled(ci.system, doc)
        if path == ci.path:
            inputs.extend(_dispatch_inputs(ci.system, doc))
            if isinstance(doc.get("name"), str):
                name = doc["name"]
    if ci.system == "Azure Pipelines":
        _azure_templates(inv, ci.path, docs, commands, uses)
    _inline_local_actions(inv, commands, uses)
    return Pipeline(ci, tuple(commands), tuple(uses), tagged, tuple(inputs), name, scheduled, tuple(environments))


def _azure_templates(
    inv: Inventory, path: str, docs: list[dict[Any, Any]], commands: list[Command], uses: list[ActionUse]
) -> None:
    """The steps, jobs and stages an Azure pipeline takes from template files of this repository
    (``- template: templates/deploy.yml``), and the templates those include, as if written in it."""
    queue: list[tuple[str, dict[Any, Any], int]] = [(path, doc, 0) for doc in docs]
    seen = {path}
    while queue:
        source, doc, depth = queue.pop(0)
        for node in walk_dicts(doc):
            ref = node.get("template")
            target = _template_path(source, ref) if isinstance(ref, str) else None
            if target is None or target in seen or len(seen) > MAX_AZURE_TEMPLATES or not inv.exists(target):
                continue
            seen.add(target)
            text = inv.text(target) or ""
            lines = _Lines(text)
            for included in yaml_mappings(inv, target):
                _collect(target, None, included, text, commands, uses, "Azure Pipelines", lines)
                if depth + 1 < MAX_TEMPLATE_DEPTH:
                    queue.append((target, included, depth + 1))


def _template_path(source: str, ref: str) -> str | None:
    """The repository path of a template ``ref`` included from ``source``: relative to that file's
    folder, or to the repository root when it starts with ``/``. Templates of other repositories
    (``steps.yml@templates``) and computed names (``${{ parameters.file }}``) are not followed."""
    if "@" in ref or "$" in ref or not ref.strip().lower().endswith((".yml", ".yaml")):
        return None
    ref = ref.strip()
    parts = [] if ref.startswith("/") else source.split("/")[:-1]
    for part in ref.strip("/").split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


# ---- GitLab includes -------------------------------------------------------------------------


#: An application tag on a YAML node (``!reference [.setup, script]``, ``!Ref``), which the safe
#: loader refuses.
_YAML_TAG_RE = lazy_re(r"(?:^|[\s\[{,:-])![A-Za-z]")


def ci_yaml_mappings(inv: Inventory, path: str) -> list[dict[Any, Any]]:
    """The mapping documents of a CI file; one the safe loader refuses for an application tag
    (GitLab's ``!reference``) is read with each tagged node as its plain value, and a file of
    several documents that fails as a whole is read document by document, split where a line
    opens with ``---`` as Drone and Woodpecker split theirs (pocl's ``.drone.yml`` separates two
    pipelines with ``----``, which YAML does not)."""
    docs = list(yaml_mappings(inv, path))
    if docs:
        return docs
    text = inv.text(path) or ""
    if len(text) > YAML_LIMIT:
        return []
    parsed = inv.memo(f"ci:tagged-yaml:{path}", lambda: _lenient_documents(text)) or ()
    return [doc for doc in parsed if isinstance(doc, dict)]


#: A line opening with ``---``: where Drone and Woodpecker split a file into documents.
_DOCUMENT_START_RE = lazy_re(r"^---[^\n]*(?:\n|$)", re.MULTILINE)
#: Most documents of one CI file read one by one.
MAX_CI_DOCUMENTS = 64


def _lenient_documents(text: str) -> tuple[Any, ...]:
    """``text``'s documents with application tags read as plain values; when the whole still fails,
    each document that parses on its own."""
    if _YAML_TAG_RE.search(text) is not None:
        whole = parse_yaml(text, tagged=True)
        if whole is not None:
            return whole
    chunks = _DOCUMENT_START_RE.split(text, MAX_CI_DOCUMENTS)
    if len(chunks) < 2:
        return ()
    return tuple(doc for chunk in chunks for doc in parse_yaml(chunk, tagged=True) or () if doc is not None)


def gitlab_included(inv: Inventory, root: str, docs: list[dict[Any, Any]]) -> list[tuple[str, str, dict[Any, Any]]]:
    """(path, text, document) of the local files a GitLab pipeline includes, followed
    :data:`MAX_INCLUDE_DEPTH` levels deep and at most :data:`MAX_INCLUDED_FILES` files; remote,
    project, template and component includes are not followed."""
    out: list[tuple[str, str, dict[Any, Any]]] = []
    seen = {root}
    frontier = docs
    for _ in range(MAX_INCLUDE_DEPTH):
        following: list[dict[Any, Any]] = []
        for doc in frontier:
            triggered = [as_dict(as_dict(job).get("trigger")).get("include") for job in list(doc.values())[:MAX_JOBS]]
            for path in _local_includes(inv, [doc.get("include"), *triggered]):
                if path in seen or len(seen) > MAX_INCLUDED_FILES:
                    continue
                seen.add(path)
                text = inv.text(path) or ""
                for included in ci_yaml_mappings(inv, path):
                    out.append((path, text, included))
                    following.append(included)
        frontier = following
    return out


def _local_includes(inv: Inventory, include: Any) -> Iterator[str]:
    """Inventory paths named by ``include:`` values of a GitLab file (local files only): the file's
    own, and those of its jobs' ``trigger: include:`` (child pipelines)."""
    entries: list[Any] = []
    for value in include if isinstance(include, list) else [include]:
        entries.extend(value if isinstance(value, list) else [value])
    for entry in entries:
        if isinstance(entry, dict):
            entry = entry.get("local")
        if not isinstance(entry, str) or "://" in entry or "$" in entry:
            continue
        pattern = entry.strip().lstrip("/")
        if "*" not in pattern:
            if inv.exists(pattern):
                yield pattern
            continue
        yield from sorted(p for p in inv.with_ext("yml", "yaml") if _glob_match(pattern, p))


def _glob_match(pattern: str, path: str) -> bool:
    """Whether ``path`` matches a GitLab include wildcard: ``*`` stays within a folder, ``**``
    crosses folders (``**/`` also matches no folder). Matched position by position, no regex."""
    reach = {0}
    index = 0
    while index < len(pattern) and reach:
        if pattern.startswith("**/", index):
            reach = {j + 1 for i in reach for j in range(i, len(path)) if path[j] == "/"} | reach
            index += 3
        elif pattern.startswith("**", index):
            reach = set(range(min(reach), len(path) + 1))
            index += 2
        elif pattern[index] == "*":
            grown: set[int] = set()
            for i in reach:
                end = path.find("/", i)
                grown.update(range(i, (len(path) if end < 0 else end) + 1))
            reach = grown
            index += 1
        else:
            reach = {i + 1 for i in reach if i < len(path) and path[i] == pattern[index]}
            index += 1
    return len(path) in reach


def _gitlab_bases(sources: list[tuple[str, str, dict[Any, Any]]]) -> dict[str, dict[Any, Any]]:
    """Every job and hidden template (``.deploy:``) of a GitLab pipeline and its includes, by name:
    what ``extends:`` may name."""
    out: dict[str, dict[Any, Any]] = {}
    for _, _, doc in sources:
        for name, body in list(doc.items())[:MAX_JOBS]:
            if isinstance(body, dict):
                out.setdefault(str(name), body)
    return out


#: GitLab job keys whose lists are shell lines, where ``!reference [.job, key]`` and nested lists
#: stand for the lines they hold.
GITLAB_SCRIPT_KEYS: tuple[str, ...] = ("script", "before_script", "after_script")


def _with_references(body: Any, bases: dict[str, dict[Any, Any]]) -> Any:
    """A GitLab job whose script lists have their ``!reference [.setup, script]`` entries (read as a
    list of names) replaced by the lines they name, and nested lists flattened, as GitLab does."""
    if not isinstance(body, dict) or not any(isinstance(body.get(k), list) for k in GITLAB_SCRIPT_KEYS):
        return body
    out = dict(body)
    for key in GITLAB_SCRIPT_KEYS:
        if isinstance(body.get(key), list):
            out[key] = _script_lines_of(body[key], bases, 0)
    return out


def _script_lines_of(items: list[Any], bases: dict[str, dict[Any, Any]], depth: int) -> list[Any]:
    lines: list[Any] = []
    for item in items[:MAX_JOBS]:
        if not isinstance(item, list) or depth >= MAX_TEMPLATE_DEPTH:
            lines.append(item)
            continue
        target: Any = bases.get(str(item[0])) if item and all(isinstance(n, str) for n in item) else None
        for name in item[1:] if target is not None else ():
            target = as_dict(target).get(name)
        if target is None:
            lines.extend(_script_lines_of(item, bases, depth + 1))  # a nested list of lines
        elif isinstance(target, list):
            lines.extend(_script_lines_of(target, bases, depth + 1))
        elif isinstance(target, str):
            lines.append(target)
    return lines


def _extended(body: Any, bases: dict[str, dict[Any, Any]], depth: int = 0) -> Any:
    """A GitLab job with the jobs it ``extends:`` merged under it (its own keys win), 3 levels deep."""
    if not isinstance(body, dict) or depth >= MAX_INCLUDE_DEPTH:
        return body
    merged: dict[Any, Any] = {}
    for name in as_str_list(body.get("extends")):
        base = bases.get(name)
        if base is not None and base is not body:
            merged.update(_extended(base, bases, depth + 1))
    if not merged:
        return body
    merged.update(body)
    return merged


# ---- platform steps that are not shell commands ---------------------------------------------


def _platform_steps(
    system: str, path: str, doc: dict[Any, Any], text: str, commands: list[Command], uses: list[ActionUse]
) -> None:
    """Cloud Build steps (as the commands they run), Bitbucket pipes, Drone/Woodpecker plugin
    steps and CircleCI orb jobs (as references, like actions)."""
    if system == "Cloud Build":
        commands.extend(cloud_build_commands(path, doc, text))
    elif system == "Bitbucket Pipelines":
        uses.extend(_bitbucket_pipes(path, doc, text))
    elif system in ("Drone", "Woodpecker"):
        uses.extend(_plugin_steps(path, doc, text))
    elif system == "CircleCI":
        uses.extend(_orb_uses(path, doc, text))
    elif system == "Bitrise":
        commands.extend(_bitrise_commands(path, doc, text))


class _Lines:
    """Lines of successive occurrences of the same fragment (a step repeated in a file)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.after: dict[str, int] = {}

    def line(self, fragment: str) -> int | None:
        start = self.after.get(fragment, 0)
        index = self.text.find(fragment, start)
        if index < 0:
            index = self.text.find(fragment)
            if index < 0:
                return None
        self.after[fragment] = index + len(fragment)
        return line_at(self.text, index)

    def step(self, fragment: str) -> int | None:
        """Line of a step's command or reference: the occurrence after the last one found (the same
        step in a later job is reported at its own line), else ``line_of_fragment``'s answer."""
        piece = next((p.strip() for p in fragment.splitlines() if p.strip()), "")
        if piece and piece in self.text:
            return self.line(piece)
        return line_of_fragment(self.text, fragment)


def cloud_build_commands(path: str, doc: dict[Any, Any], text: str) -> Iterator[Command]:
    """Each Google Cloud Build step as the command line it runs: its ``entrypoint`` (or the
    builder's program, ``gcr.io/cloud-builders/docker`` -> ``docker``) followed by its ``args``."""
    steps = doc.get("steps")
    if not isinstance(steps, list):
        return
    lines = _Lines(text)
    for step in steps:
        if not isinstance(step, dict) or not isinstance(step.get("name"), str):
            continue
        builder = step["name"].strip()
        args = as_str_list(step.get("args"))
        line = lines.line(builder)
        entrypoint = step.get("entrypoint")
        program = entrypoint if isinstance(entrypoint, str) else _builder_program(builder)
        words = ([program] if program else []) + args
        if words:
            yield Command(path, None, " ".join(words), line)


def _builder_program(builder: str) -> str | None:
    """The program a Cloud Build builder image runs when the step names no entrypoint (None when
    the image runs its arguments as the command)."""
    image = builder.split("@", 1)[0]
    base = image.rsplit("/", 1)[-1].split(":", 1)[0]
    for marker, program in CLOUD_BUILD_PROGRAMS.items():
        if marker in image:
            return program
    return base if "/cloud-builders/" in image else None


def _bitbucket_pipes(path: str, doc: dict[Any, Any], text: str) -> Iterator[ActionUse]:
    """``pipe: atlassian/aws-s3-deploy:1.1.0`` entries of a Bitbucket pipeline, with their variables."""
    lines = _Lines(text)
    for name, body in _bitbucket_steps(doc):
        for node in walk_dicts(as_dict(body).get("script")):
            pipe = node.get("pipe")
            if isinstance(pipe, str):
                ref = pipe.strip().removeprefix("docker://").split(":", 1)[0].lower()
                inputs = tuple((str(k), str(v)) for k, v in as_dict(node.get("variables")).items())
                yield ActionUse(path, name, ref, lines.line(pipe.strip()), inputs, "pipe")


def _plugin_steps(path: str, doc: dict[Any, Any], text: str) -> Iterator[ActionUse]:
    """Drone and Woodpecker steps whose ``image:`` is a plugin, with its settings."""
    lines = _Lines(text)
    for key in ("steps", "pipeline"):
        steps = doc.get(key)
        named: list[tuple[str | None, Any]] = []
        if isinstance(steps, list):
            named = [(as_dict(s).get("name"), s) for s in steps]
        elif isinstance(steps, dict):
            named = list(steps.items())
        for name, step in named[:MAX_JOBS]:
            if not isinstance(step, dict) or not isinstance(step.get("image"), str):
                continue
            image = step["image"].strip()
            ref = image.split("@", 1)[0].lower()
            ref = ref.rsplit(":", 1)[0] if ":" in ref.rsplit("/", 1)[-1] else ref
            ref = ref.removeprefix("docker.io/")
            settings = {k: v for k, v in step.items() if k not in ("image", "name", "when", "commands")}
            settings.update(as_dict(step.get("settings")))
            inputs = tuple((str(k), str(v)) for k, v in settings.items() if k != "settings")
            job = str(name) if name is not None else None
            yield ActionUse(path, job, ref, lines.line(image), inputs, "plugin")


def _orb_uses(path: str, doc: dict[Any, Any], text: str) -> Iterator[ActionUse]:
    """CircleCI orb jobs in workflows and orb commands in job steps (``aws-ecr/build-and-push-image``)."""
    orbs = {str(k) for k in as_dict(doc.get("orbs"))}
    if not orbs:
        return
    lines = _Lines(text)
    found: list[tuple[str | None, Any]] = []
    for workflow in as_dict(doc.get("workflows")).values():
        found += [(None, j) for j in as_dict(workflow).get("jobs") or () if isinstance(j, (str, dict))]
    for job, body in list(as_dict(doc.get("jobs")).items())[:MAX_JOBS]:
        steps = as_dict(body).get("steps")
        if isinstance(steps, list):
            found += [(str(job), s) for s in steps]
    for job, item in found:
        ref, params = (item, {}) if isinstance(item, str) else next(iter(item.items()), ("", {}))
        ref = str(ref)
        if "/" not in ref or ref.split("/", 1)[0] not in orbs:
            continue
        params = as_dict(params)
        inputs = tuple((str(k), str(v)) for k, v in params.items())
        name = params.get("name")
        yield ActionUse(path, job or (name if isinstance(name, str) else ref), ref, lines.line(ref), inputs, "orb")


def _bitrise_commands(path: str, doc: dict[Any, Any], text: str) -> Iterator[Command]:
    """Bitrise workflow steps read as commands (:data:`BITRISE_STEP_COMMANDS`): a ``script`` step's
    content, ``xcode-test`` as ``xcodebuild test``; steps of other ids are left out."""
    lines = _Lines(text)
    for workflow, body in list(as_dict(doc.get("workflows")).items())[:MAX_JOBS]:
        steps = as_dict(body).get("steps")
        for step in steps[:MAX_JOBS] if isinstance(steps, list) else ():
            for ref, config in as_dict(step).items():
                entry = BITRISE_STEP_COMMANDS.get(str(ref).split("@", 1)[0].lower())
                if entry is None:
                    continue
                program, key = entry
                inputs: dict[str, str] = {}
                for item in as_dict(config).get("inputs") or ():
                    inputs.update({str(k): v for k, v in as_dict(item).items() if isinstance(v, str)})
                value = inputs.get(key, "").strip() if key else ""
                if key and not value:
                    continue
                command = f"{program} {value}".strip()
                yield Command(path, str(workflow), command, lines.line(str(ref)))


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
    if system in _NAMED_STEP_LISTS:  # steps written ``- <name>: <command>``
        yield from _named_steps(system, doc)
        return
    if system == "GoCD":  # ``exec: {command: make, arguments: [test]}`` tasks
        yield None, {"commands": [_exec_line(node["exec"]) for node in walk_dicts(doc) if _is_exec(node)]}
        yield None, doc  # and its ``script:`` tasks
        return
    if system == "Heroku CI":
        scripts = as_dict(heroku_ci_environment(doc)).get("scripts")
        commands = [as_dict(scripts).get(step) for step in HEROKU_CI_SCRIPTS]
        yield "test", {"commands": [c for c in commands if isinstance(c, str)]}
        return
    if system == "Seed":
        for step in SEED_STEPS:
            if isinstance(doc.get(step), list):
                yield step, {"commands": doc[step]}
        return
    if system == "Azure Pipelines":
        yield from _azure_jobs(doc)
        return
    if system == "Bitbucket Pipelines":
        yield from _bitbucket_steps(doc)
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


def _azure_jobs(doc: dict[Any, Any]) -> Iterator[tuple[str | None, Any]]:
    """An Azure pipeline's jobs by their ids (``- job: Test``, ``- deployment: Prod``), at the top
    or in each of its ``stages:``; the rest of the file (steps written at the top, a stage's own
    keys, a job without an id) as unnamed jobs, so every step is read once."""
    stages = doc.get("stages")
    jobs: list[Any] = [*as_list(doc.get("jobs"))]
    for stage in as_list(stages):
        if isinstance(stage, dict):
            jobs.extend(as_list(stage.get("jobs")))
            yield None, {k: v for k, v in stage.items() if k != "jobs"}
    for job in jobs[:MAX_JOBS]:
        name = (job.get("job") or job.get("deployment")) if isinstance(job, dict) else None
        yield (name.strip() if isinstance(name, str) and name.strip() else None), job
    rest = {k: v for k, v in doc.items() if k not in ("stages", "jobs") or not isinstance(v, list)}
    if rest:
        yield None, rest


def _bitbucket_steps(doc: dict[Any, Any]) -> Iterator[tuple[str | None, Any]]:
    """A Bitbucket pipeline's steps by their ``name:`` (each runs in a container of its own), once
    each however many pipelines reuse it through a YAML anchor; a file without steps as one
    unnamed job."""
    seen: set[int] = set()
    for node in walk_dicts(doc):
        body = node.get("step")
        if not isinstance(body, dict) or id(body) in seen:
            continue
        seen.add(id(body))
        name = body.get("name")
        yield (name.strip() if isinstance(name, str) and name.strip() else None), body
        if len(seen) >= MAX_JOBS:
            return
    if not seen:
        yield None, doc


#: Systems whose steps are ``- <name>: <command>`` entries: system -> where the step lists are
#: (``tasks`` at the top of a sourcehut build, ``jobs.<job>.steps`` in Screwdriver).
_NAMED_STEP_LISTS: dict[str, str] = {"sourcehut builds": "tasks", "Screwdriver": "jobs"}


def _named_steps(system: str, doc: dict[Any, Any]) -> Iterator[tuple[str | None, Any]]:
    """(job, {"commands": [...]}) of the ``- <name>: <command>`` steps of a sourcehut build or a
    Screwdriver pipeline."""
    key = _NAMED_STEP_LISTS[system]
    jobs = [(None, doc.get(key))] if key == "tasks" else list(as_dict(doc.get(key)).items())[:MAX_JOBS]
    for job, body in jobs:
        steps = body if key == "tasks" else as_dict(body).get("steps")
        if not isinstance(steps, list):
            continue
        for step in steps[:MAX_JOBS]:
            for name, command in as_dict(step).items():
                if isinstance(command, str):
                    yield (str(job) if job is not None else str(name)), {"commands": [command]}


def _condition(node: dict[Any, Any]) -> str:
    """A step's or job's ``if:`` condition as written ("" when it has none or it is not a string)."""
    value = node.get("if")
    return value if isinstance(value, str) else ""


def _is_exec(node: dict[Any, Any]) -> bool:
    return isinstance(node.get("exec"), dict) and isinstance(node["exec"].get("command"), str)


def _exec_line(task: dict[Any, Any]) -> str:
    """A GoCD ``exec`` task as the command line it runs."""
    return " ".join([task["command"], *as_str_list(task.get("arguments"))])


def _collect(
    path: str,
    job: str | None,
    body: Any,
    text: str,
    commands: list[Command],
    uses: list[ActionUse],
    system: str = "",
    lines: _Lines | None = None,
) -> None:
    """The commands and ``uses`` references of a job's ``body``; ``lines`` (shared by the jobs of
    one file) places a step repeated in several jobs at each job's own line."""
    line_of = lines.step if lines is not None else (lambda fragment: line_of_fragment(text, fragment))
    keys = COMMAND_KEYS + _SYSTEM_COMMAND_KEYS.get(system, ())
    job_lenient = _lenient(body)
    if isinstance(body, dict) and (body.get("if") is False or body.get("enabled") is False):
        return
    job_folder = _working_directory(as_dict(as_dict(as_dict(body).get("defaults")).get("run")))
    job_condition = _condition(as_dict(body))
    stage = as_dict(body).get("stage") if system == "GitLab CI" else None
    job_stage = stage if isinstance(stage, str) else ""
    for node in walk_dicts(body):
        if node.get("if") is False or node.get("enabled") is False:  # Azure ``enabled: false`` switches a step off
            continue
        lenient = job_lenient or _lenient(node)
        folder = _working_directory(node) or job_folder
        condition = " && ".join(c for c in (job_condition, "" if node is body else _condition(node)) if c)
        for key in keys + (_cirrus_script_keys(node) if system == "Cirrus CI" else ()):
            value = node.get(key)
            strings = as_str_list(value)
            if isinstance(value, list):
                strings = [s for s in value if isinstance(s, str)]
            for cmd in strings:
                start = folder if key == "run" else ""
                commands.append(
                    Command(path, job, cmd, line_of(cmd), lenient, start, condition=condition, stage=job_stage)
                )
        run = node.get("run")
        if isinstance(run, dict) and system.startswith("Concourse"):
            names = tuple(str(as_dict(i).get("name")) for i in as_list(node.get("inputs")))
            command = concourse_run(run, names)
            if command is not None:
                commands.append(Command(path, job, command, line_of(str(run.get("path"))), lenient, folder))
        ref = node.get("uses")
        if isinstance(ref, str):
            inputs = tuple((str(k), str(v)) for k, v in as_dict(node.get("with")).items())
            name = ref.split("@", 1)[0].strip()
            uses.append(ActionUse(path, job, name, line_of(ref), inputs, condition=condition))
        task = node.get("task")
        if isinstance(task, str):  # Azure Pipelines tasks behave like actions
            name = task.split("@", 1)[0].strip()
            inputs = tuple((str(k), str(v)) for k, v in as_dict(node.get("inputs")).items())
            line = line_of(f"task: {task}") or line_of(task)
            uses.append(ActionUse(path, job, name, line, inputs))
            equivalent = azure_task_command(name, inputs)
            if equivalent is not None:
                commands.append(Command(path, job, equivalent, line, lenient))
    if system == "GitLab CI":
        release = gitlab_release_command(path, job, body, text)
        if release is not None:
            commands.append(release)


def _cirrus_script_keys(node: dict[Any, Any]) -> tuple[str, ...]:
    """A Cirrus CI task's script instructions: any ``<name>_script`` key (``test_lib_script: cargo
    test``), not only the names other systems use."""
    return tuple(k for k in node if isinstance(k, str) and k.endswith("_script") and k not in COMMAND_KEYS)


def _working_directory(node: dict[Any, Any]) -> str:
    """A GitHub step's (or job default's) ``working-directory`` as a repository-relative folder, ""
    when there is none or it is not a plain relative path."""
    value = node.get("working-directory")
    if isinstance(value, str):
        value = _EXPR_RE.sub(EXPRESSION, value)  # ``packages/${{ matrix.package }}``: packages/EXPR
    if not isinstance(value, str) or value.startswith(("/", "~", "$", EXPRESSION)):
        return ""
    folder = posixpath.normpath(value.strip())
    return "" if folder == "." or folder.startswith("..") else folder


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
    return any(node.get(key) is True for key in ("continue-on-error", "continueOnError", "allow_failure"))


#: Systems whose jobs declare the environment they deploy to (``environment:``).
_ENVIRONMENT_SYSTEMS = frozenset({"GitHub Actions", "Gitea Actions", "Forgejo Actions", "GitLab CI"})


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
                return not _deploy_buttons(push.get("tags"))
            release = on.get("release")
            return "release" in on and (release is None or isinstance(release, dict))
        return on == "release" or (isinstance(on, list) and "release" in on)
    for node in walk(doc):  # budgeted: alias bombs stay cheap
        if not isinstance(node, dict):
            continue
        rule = node.get("if")
        if isinstance(rule, str) and "CI_COMMIT_TAG" in rule:
            # ``if: $CI_COMMIT_TAG`` runs on tags, unless the rule keeps tags out
            if node.get("when") != "never" and not _TAG_NEGATED_RE.search(rule):
                return True
            continue
        only = node.get("only")
        if only == "tags" or (isinstance(only, list) and "tags" in only) or node.get("tags") is True:
            return True
        if any(isinstance(v, str) and "CI_COMMIT_TAG" in v for k, v in node.items() if k in ("only", "variables")):
            return True
    return False


def _deploy_buttons(tags: Any) -> bool:
    """Tag filters that all name a deployment (``dev-deploy-*``, ``deploy/prod``): tags pushed as
    a button that deploys, not as versions that are released."""
    patterns = [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []
    return bool(patterns) and all(isinstance(p, str) and "deploy" in p.lower() for p in patterns)


#: A GitLab rule that holds when there is no tag (``$CI_COMMIT_TAG == null``, ``!$CI_COMMIT_TAG``).
_TAG_NEGATED_RE = lazy_re(r"!\s*\$CI_COMMIT_TAG\b|\$CI_COMMIT_TAG\s*(?:==\s*(?:null|\"\"|'')|!~)")


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
        yield Command(path, stage, _joined_script(code, match), line)


def _joined_script(code: str, step: re.Match[str]) -> str:
    """A step's script with the strings Groovy joins on to it (``'''...''' + "${IMAGE}" + '''...'''``)."""
    parts = [step.group("body")]
    end = step.end()
    for _ in range(MAX_CONCATENATED):
        more = _GROOVY_CONCAT_RE.match(code, end)
        if more is None:
            break
        parts.append(more.group("body"))
        end = more.end()
    return "".join(parts)


def jenkins_matches(text: str, pattern: LazyPattern) -> Iterator[tuple[str | None, int, re.Match[str]]]:
    """(stage, line, match) of each match of ``pattern`` in a Jenkinsfile's code, comments blanked
    (one pass, like :func:`_jenkins_commands`); a group named ``at`` gives the line when it matched."""
    code = blank_groovy_comments(text)
    stages = _JENKINS_STAGE_RE.finditer(code)
    upcoming = next(stages, None)
    stage: str | None = None
    found = ((_offset(m), m) for m in pattern.finditer(code))
    for line, match in lines_of(code, found):
        while upcoming is not None and upcoming.start() < _offset(match):
            stage = upcoming.group(1)
            upcoming = next(stages, None)
        yield stage, line, match


def _offset(match: re.Match[str]) -> int:
    at = match.groupdict().get("at")
    return match.start() if at is None else match.start("at")


def command_line(text: str, cmd: Command, fragment: str) -> int | None:
    """The line of ``fragment`` (one logical line of ``cmd``) in the CI file's ``text``: where it
    starts a line (``./deploy.sh`` rather than inside ``chmod +x ./deploy.sh``), else where it is first;
    from ``cmd``'s own line on, so the same command in two jobs is placed in its own job."""
    head = fragment.split(EXPRESSION)[0].rstrip() or fragment  # ``token:EXPR@host`` too
    piece = head[:80].strip()
    whole = len(head) <= 80 and head == fragment
    own = _line_offset(text, cmd.line) if cmd.line else 0
    found = _command_start(text, piece, whole=whole, start=own) if own else None
    if found is None:
        found = _command_start(text, piece, whole=whole)
    if found is None:
        found = line_of_fragment(text, piece)
    return found if found is not None else cmd.line


def _line_offset(text: str, line: int) -> int:
    """The offset where 1-based ``line`` of ``text`` starts (0 when the text is shorter)."""
    index = 0
    for _ in range(line - 1):
        index = text.find("\n", index) + 1
        if not index:
            return 0
    return index


def _command_start(text: str, piece: str, *, whole: bool, start: int = 0) -> int | None:
    """Line of the first occurrence of ``piece`` from offset ``start`` that begins a command (only
    indentation, a list dash or a ``key:`` before it) and, when ``whole``, ends a word."""
    if not piece:
        return None
    index = text.find(piece, start)
    for _ in range(MAX_FRAGMENT_TRIES):
        if index < 0:
            return None
        before = text[text.rfind("\n", 0, index) + 1 : index].strip().lstrip("-").strip().rstrip("'\"").strip()
        after = text[index + len(piece) : index + len(piece) + 1]
        if (not before or before.endswith(":")) and not (whole and (after.isalnum() or after in "-_.:/") and after):
            return line_at(text, index)
        index = text.find(piece, index + 1)
    return None


def repo_script(inv: Inventory, part: str) -> str | None:
    """The tracked repository script that the shell command ``part`` runs, or None (``chmod +x
    ./deploy.sh`` or ``cat ./deploy.sh`` name a script without running it)."""
    for piece in split_commands(part, ("&&", ";", "||")):
        if _NOT_A_RUN_RE.match(piece.lstrip()):
            continue
        for match in _SCRIPT_RE.finditer(piece):
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
    """The non-comment logical lines of a repository script (bounded)."""
    return script_text_lines(inv.text(path) or "")


def join_continuations(text: str) -> str:
    """``text`` with each backslash-newline continuation (and the indent after it) made one space."""
    return _CONTINUATION_RE.sub(" ", text)


def script_text_lines(text: str) -> list[str]:
    """The non-comment logical lines of a script's ``text``: backslash continuations joined, at
    most ``MAX_SCRIPT_LINES``."""
    out: list[str] = []
    for raw in join_continuations(text).splitlines()[:MAX_SCRIPT_LINES]:
        stripped = raw.strip()
        if stripped and not stripped.startswith(("#", "//")):
            out.append(stripped)
    return out


# ---- script tables and Makefile targets ----------------------------------------------------


def package_script(inv: Inventory, manifest: str, script: str, folder: str = "") -> str | None:
    """Script ``script`` of the ``manifest`` in ``folder`` (the folder a CI step runs in; an
    ``EXPR`` segment, ``packages/${{ matrix.package }}``, stands for any folder there), else of
    the shallowest ``manifest`` that defines it when ``folder`` has none."""
    bodies = package_script_bodies(inv, manifest, script, folder)
    return bodies[0] if bodies else None


def package_script_bodies(inv: Inventory, manifest: str, script: str, folder: str = "", near: str = "") -> list[str]:
    """The bodies ``script`` may have where a step runs it: the one of the ``manifest`` in
    ``folder``, or of the root's; else the one of the package the CI file itself is kept in
    (``near``: a pipeline in ``frontend/``); else each package's (at most two folders down,
    shallowest first), one of which the step means."""
    here = manifests_in(inv, manifest, folder)
    if here:  # the step's own package answers, not another one
        for path in here:
            scripts = package_scripts(inv, path)
            if script in scripts:
                return [scripts[script]]
        return []
    found: list[tuple[str, str]] = []
    for path in sorted(inv.named(manifest), key=lambda p: (p.count("/"), p)):
        if path.count("/") > 2:
            break
        scripts = package_scripts(inv, path)
        if script in scripts:
            if "/" not in path:
                return [scripts[script]]  # the root's own package answers
            found.append((path, scripts[script]))
    nearest = [body for path, body in found if near and dirname(path) == near]
    return nearest or [body for _, body in found]


def manifests_in(inv: Inventory, manifest: str, folder: str) -> list[str]:
    """The ``manifest`` files directly in ``folder`` (``EXPR`` segments match any folder); none for ""."""
    return [path for path in sorted(inv.named(manifest)) if folder and _in_folder(path, folder)]


def _in_folder(path: str, folder: str) -> bool:
    """Whether ``path`` sits directly in ``folder``, whose ``EXPR`` segments match any one folder."""
    parts, wanted = path.split("/")[:-1], folder.split("/")
    return len(parts) == len(wanted) and all(w in (p, EXPRESSION) for p, w in zip(parts, wanted))


#: A fastlane lane's head, a store upload in a lane's body, and a Ruby comment line.
LANE_RE = lazy_re(r"^[ \t]*(?:private_)?lane[ \t]+:(\w+)", re.MULTILINE)
FASTLANE_UPLOAD_RE = lazy_re(r"^[ \t]*(" + "|".join(FASTLANE_UPLOADS) + r")\b(?![ \t]*[=.])", re.MULTILINE)
RUBY_COMMENT_RE = lazy_re(r"^[ \t]*#[^\n]*", re.MULTILINE)


@dataclass(frozen=True)
class Lane:
    """A fastlane lane of a project's Fastfile (comments blanked): its name, its line, its body, and
    the store upload action its body runs ("" when none)."""

    path: str
    name: str
    line: int
    body: str
    upload: str = ""


def fastlane_lanes_of(inv: Inventory) -> tuple[Lane, ...]:
    """Every lane of the project's Fastfiles (at most two folders down, not auxiliary ones)."""

    def read() -> tuple[Lane, ...]:
        found: list[Lane] = []
        for path in inv.named("Fastfile"):
            if path.count("/") > 2 or is_auxiliary(path):
                continue
            text = RUBY_COMMENT_RE.sub("", inv.text(path) or "")
            heads = list(LANE_RE.finditer(text))
            for index, head in enumerate(heads):
                end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
                line = text.count("\n", 0, head.start()) + 1
                upload = FASTLANE_UPLOAD_RE.search(text, head.end(), end)
                body = text[head.end() : end]
                found.append(Lane(path, head.group(1), line, body, upload.group(1) if upload else ""))
        return tuple(found)

    return inv.memo("ci:fastlane-lanes", read)


def fastlane_upload_lanes(inv: Inventory) -> dict[str, str]:
    """The lanes of the project's Fastfiles that upload a build to a store: lane -> the upload action."""
    found: dict[str, str] = {}
    for lane in fastlane_lanes_of(inv):
        if lane.upload:
            found.setdefault(lane.name, lane.upload)
    return found


def make_target(inv: Inventory, target: str, folder: str = "") -> list[str] | None:
    """Recipe lines of ``target`` (the first target when empty) in the root Makefile, or in the
    Makefile of ``folder`` (``make -C backend test``)."""
    for path in inv.named("Makefile", "GNUmakefile", "makefile"):
        if dirname(path) != folder:
            continue
        text = inv.text(path) or ""
        return make_recipe(text, target)
    return None


#: mise's configuration files, where its ``[tasks]`` live (the root's, or the step's folder's).
MISE_CONFIGS = ("mise.toml", ".mise.toml", "mise/config.toml", ".mise/config.toml", ".config/mise.toml")


@dataclass(frozen=True)
class MiseTask:
    """A task of a ``mise.toml``: the commands it runs and the tasks it depends on."""

    run: tuple[str, ...]
    depends: tuple[str, ...]


def mise_task(inv: Inventory, name: str, folder: str = "") -> MiseTask | None:
    """The task ``name`` of the mise configuration in ``folder`` (or the root), else None. A task's
    ``run`` is one command or a list of them; ``depends`` names tasks, one per entry (a task's
    arguments after a space left out)."""
    paths = [posixpath.join(folder, config) for config in MISE_CONFIGS] + (list(MISE_CONFIGS) if folder else [])
    for path in paths:
        task = as_dict(as_dict((load_toml(inv, path) or {}).get("tasks")).get(name)) if inv.exists(path) else {}
        if task:
            depends = [d.split()[0] for d in as_str_list(task.get("depends")) if d.split()]
            return MiseTask(tuple(as_str_list(task.get("run"))), tuple(depends))
    return None


#: sbt's own command aliases (``addCommandAlias("ci", ";clean;coverage;test")``): the name, then
#: the command line, one string or several joined with ``+``.
_SBT_ALIAS_RE = lazy_re(r"""addCommandAlias\s*\(\s*"([\w-]{1,60})"\s*,\s*((?:"[^"\n]{0,500}"[\s+]{0,20}){1,30})""")
#: A command or task the build defines with a body: ``def ci = Command.command("ci") { ... }``,
#: ``checkAll := { ... }`` at the start of a line.
_SBT_DEFINITION_RE = lazy_re(r"""Command\.command\s*\(\s*"([\w-]{1,60})"|^([A-Za-z_]\w{0,60})[ \t]*:=""", re.MULTILINE)
#: Where the body of a definition ends: the next statement at the start of a line.
_SBT_NEXT_STATEMENT_RE = lazy_re(r"\n(?=[A-Za-z_@])")
#: Most characters of an sbt definition's body read.
_MAX_SBT_BODY = 4000


@dataclass(frozen=True)
class SbtBuild:
    """What a ``build.sbt`` defines that a CI step may name: its aliases' command lines and its
    commands' and tasks' bodies, by name."""

    aliases: Mapping[str, str]
    bodies: Mapping[str, str]

    def expand(self, name: str, depth: int = 2) -> list[str]:
        """The text ``name`` stands for: its alias's command line or its body, then (``depth``
        hops) the text of the build's own commands and tasks it names."""
        own = self.aliases.get(name, self.bodies.get(name))
        if own is None:
            return []
        found = [own]
        if depth > 0:
            named = {word for word in re.findall(r"[A-Za-z_][\w-]*", own) if word != name}
            for word in sorted(named & (self.aliases.keys() | self.bodies.keys())):
                found += self.expand(word, depth - 1)
        return found


def sbt_build(inv: Inventory, folder: str = "") -> SbtBuild | None:
    """The ``build.sbt`` of ``folder`` (the root when empty): its aliases and definitions, read
    once per inventory."""
    return inv.memo(f"sbt-build:{folder}", lambda: _sbt_build(inv, folder))


def _sbt_build(inv: Inventory, folder: str) -> SbtBuild | None:
    path = posixpath.join(folder, "build.sbt") if folder else "build.sbt"
    text = inv.text(path) if inv.exists(path) else None
    if not text:
        return None
    aliases = {m.group(1): "".join(re.findall(r'"([^"\n]*)"', m.group(2))) for m in _SBT_ALIAS_RE.finditer(text)}
    bodies: dict[str, str] = {}
    for match in _SBT_DEFINITION_RE.finditer(text):
        following = _SBT_NEXT_STATEMENT_RE.search(text, match.end(), match.end() + _MAX_SBT_BODY)
        end = following.start() if following else min(len(text), match.end() + _MAX_SBT_BODY)
        bodies.setdefault(match.group(1) or match.group(2), text[match.end() : end])
    return SbtBuild(aliases, bodies)


_RULE_NAMES_RE = lazy_re(r"[\w./ -]+")


def rule_head(line: str) -> tuple[str, str] | None:
    """(targets, rest) of a Makefile rule line ``targets: rest`` (not ``x := y``), else None.

    String operations instead of one backtracking pattern, which took quadratic time on a long
    line of spaces."""
    names, colon, rest = line.partition(":")
    names = names.rstrip()
    if not colon or not names or _RULE_NAMES_RE.fullmatch(names) is None:
        return None
    if rest.startswith(":") and not rest.startswith(":="):
        rest = rest[1:]
    elif rest.startswith("="):
        return None
    return names, rest


def make_recipe(text: str, target: str) -> list[str] | None:
    """Recipe lines of Makefile ``target`` (the first target when empty), its prerequisites' after
    them, with the Makefile's own simple variables filled in (``python $(TEST)``)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        head = rule_head(line)
        if head is None or line.startswith("\t"):
            continue
        names = head[0].split()
        if (target and target in names) or (not target and not names[0].startswith(".")):
            recipe = [head[1]]
            for body in lines[index + 1 :]:
                if not body.startswith("\t") and body.strip():
                    break
                recipe.append(body.strip())
            return _expanded(recipe + _prerequisite_recipes(text, head[1]), text)
    return None


#: A Makefile variable set at the start of a line (``TEST = tests/all.py``, ``PY := python3``).
_MAKE_VARIABLE_RE = lazy_re(r"^([A-Za-z_][\w]{0,60})[ \t]*(?::{1,2}|\?|\+)?=[ \t]*([^\n#]{0,300})", re.MULTILINE)
#: A reference to one (``$(TEST)``, ``${TEST}``).
_MAKE_REFERENCE_RE = lazy_re(r"\$[({]([A-Za-z_][\w]{0,60})[)}]")


def _expanded(recipe: list[str], text: str) -> list[str]:
    """``recipe`` with each reference to a variable the Makefile sets replaced by its value (once:
    a value naming another variable stays as written)."""
    if "$" not in "".join(recipe):
        return recipe
    values = {m.group(1): m.group(2).strip() for m in _MAKE_VARIABLE_RE.finditer(text)}
    return [_MAKE_REFERENCE_RE.sub(lambda m: values.get(m.group(1), m.group(0)), line) for line in recipe]


def _prerequisite_recipes(text: str, prereqs: str) -> list[str]:
    out: list[str] = []
    for name in prereqs.split("#", 1)[0].split()[:5]:
        if re.fullmatch(r"[\w./-]+", name):
            pattern = r"^" + re.escape(name) + r"\s*:[^\n]*\n((?:\t[^\n]*\n?)*)"
            for line in re.findall(pattern, text, re.MULTILINE):
                out.extend(line.splitlines())
    return out
