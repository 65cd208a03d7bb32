"""``release``: release automation configs, release workflows and tag-triggered publishing (§8)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors._ci import Pipeline, command_line, pipelines, script_lines
from pocmvp_lint.detectors._util import (
    as_dict,
    basename,
    is_auxiliary,
    load_json,
    load_toml,
    names_containing,
    paths_of,
)
from pocmvp_lint.detectors.ci_catalogue import RELEASE_ACTIONS, RELEASE_TASKS
from pocmvp_lint.detectors.ci_deploy import deploy_command, pipeline_deploys
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Release tool configuration files and the tool each belongs to.
RELEASE_FILES: dict[str, str] = {
    ".releaserc": "semantic-release",
    ".releaserc.json": "semantic-release",
    ".releaserc.yaml": "semantic-release",
    ".releaserc.yml": "semantic-release",
    ".releaserc.js": "semantic-release",
    ".releaserc.cjs": "semantic-release",
    ".releaserc.mjs": "semantic-release",
    "release.config.js": "semantic-release",
    "release.config.cjs": "semantic-release",
    "release.config.mjs": "semantic-release",
    "release-please-config.json": "release-please",
    ".release-please-manifest.json": "release-please",
    ".goreleaser.yml": "GoReleaser",
    ".goreleaser.yaml": "GoReleaser",
    "goreleaser.yml": "GoReleaser",
    "goreleaser.yaml": "GoReleaser",
    ".release-it.json": "release-it",
    ".release-it.js": "release-it",
    ".release-it.cjs": "release-it",
    ".release-it.ts": "release-it",
    ".release-it.yaml": "release-it",
    ".release-it.yml": "release-it",
    ".release-it.toml": "release-it",
    "cliff.toml": "git-cliff",
    "release-plz.toml": "release-plz",
    ".release-plz.toml": "release-plz",
    "release.toml": "cargo-release",
    ".bumpversion.cfg": "bump2version",
    ".bumpversion.toml": "bump-my-version",
    ".cz.toml": "commitizen",
    ".versionrc": "standard-version",
    ".versionrc.json": "standard-version",
    "jreleaser.yml": "JReleaser",
    "jreleaser.yaml": "JReleaser",
    "release-drafter.yml": "Release Drafter",
}
RELEASE_COMMAND_RE = lazy_re(
    r"\bsemantic-release\b|\bgh\s+release\s+create\b|\bgoreleaser\s+release\b|\bchangeset\s+(?:version|publish)\b"
    r"|\bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*release:prepare|\brelease-it\b|\blerna\s+(?:version|publish)\b|\bcz\s+bump\b"
)
#: ``workflow_dispatch`` inputs that carry the version being released.
_VERSION_INPUT_RE = lazy_re(r"version|tag|release", re.IGNORECASE)
_RELEASE_NAME_RE = lazy_re(r"release", re.IGNORECASE)
_SCRIPT_EXTS = (".sh", ".bash", ".mjs", ".cjs", ".js", ".ts", ".py", ".rb", ".ps1")
_GIT_TAG_RE = lazy_re(r"\bgit\s+tag\b")
_GIT_PUSH_RE = lazy_re(r"\bgit\s+push\b")
#: Most release-named scripts read.
MAX_RELEASE_SCRIPTS = 20
_PYPROJECT_TOOLS = ("semantic_release", "commitizen", "bumpversion", "towncrier", "release-please")


def detect_release(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*RELEASE_FILES):
        shallow = path.count("/") == 0 or path.startswith((".github/", ".config/", ".changeset/"))
        if shallow and not is_auxiliary(path):
            tool = RELEASE_FILES[path.rsplit("/", 1)[-1].lower()]
            yield Signal(Category.RELEASE, path, None, f"{tool} configuration")
    for path in inv.named("config.json"):
        if path == ".changeset/config.json":
            yield Signal(Category.RELEASE, path, None, "Changesets configuration")
    for path in inv.named("package.json"):
        data = as_dict(load_json(inv, path))
        if path.count("/") == 0 and ("release" in data or "release-it" in data):
            yield Signal(Category.RELEASE, path, None, "release tool configured in package.json")
    for path in inv.named("pyproject.toml"):
        tools = as_dict(as_dict(load_toml(inv, path)).get("tool"))
        for name in _PYPROJECT_TOOLS:
            if name in tools and path.count("/") == 0:
                yield Signal(Category.RELEASE, path, None, f"[tool.{name}] in pyproject.toml")
    for pipeline in pipelines(inv):
        yield from _release_workflow(inv, pipeline)
    yield from _release_scripts(inv)


def _release_workflow(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    for use in pipeline.uses:
        name = use.ref.lower()
        values = {k.lower(): v.lower() for k, v in use.inputs}
        if name.startswith(RELEASE_ACTIONS) or (name in RELEASE_TASKS and values.get("action", "create") != "delete"):
            yield Signal(Category.RELEASE, use.path, use.line, f"release workflow uses {use.ref}")
            return
    for cmd in pipeline.commands:
        text = inv.text(cmd.path) or ""
        for line in cmd.lines():
            match = RELEASE_COMMAND_RE.search(line)
            if match is not None and "--dry-run" not in line:
                yield Signal(
                    Category.RELEASE,
                    cmd.path,
                    command_line(text, cmd, line),
                    f"release workflow runs `{match.group(0)}`",
                )
                return
    if pipeline.tag_triggered:
        for signal in pipeline_deploys(inv, pipeline):
            here = signal.path == pipeline.file.path
            yield Signal(
                Category.RELEASE,
                pipeline.file.path,
                signal.line if here else None,
                f"tag-triggered workflow publishes ({signal.detail})",
            )
            return
    if (
        pipeline.dispatch_inputs
        and pipeline.commands
        and _release_named(pipeline)
        and any(_VERSION_INPUT_RE.search(i) for i in pipeline.dispatch_inputs)
    ):
        yield Signal(
            Category.RELEASE,
            pipeline.file.path,
            None,
            "release workflow started by hand with a version input (workflow_dispatch)",
        )


def _release_named(pipeline: Pipeline) -> bool:
    return bool(
        _RELEASE_NAME_RE.search(basename(pipeline.file.path))
        or (pipeline.name and _RELEASE_NAME_RE.search(pipeline.name))
    )


def _module(inv: Inventory, path: str) -> bool:
    """Whether ``path`` is a module of the program rather than a script someone runs: a file of a
    Python package (an ``__init__.py`` beside it) or of a ``src/`` or ``lib/`` tree (a tool that
    names release commands in its code, ``mytool/release.py``, releases nothing)."""
    folder = path.rpartition("/")[0]
    if path.endswith(".py") and inv.exists(f"{folder}/__init__.py" if folder else "__init__.py"):
        return True
    return path.split("/", 1)[0] in ("src", "lib") and "/" in path


def _release_scripts(inv: Inventory) -> Iterator[Signal]:
    """Versioned release scripts: ``release*`` scripts that tag and push, or publish."""
    names = [n for n in names_containing(inv, "release", "release") if n.endswith(_SCRIPT_EXTS)]
    candidates = [p for p in paths_of(inv, names) if p.count("/") <= 3 and not is_auxiliary(p) and not _module(inv, p)]
    for path in sorted(candidates, key=lambda p: (p.count("/"), p))[:MAX_RELEASE_SCRIPTS]:
        lines = script_lines(inv, path)
        body = "\n".join(lines)
        if _GIT_TAG_RE.search(body) and _GIT_PUSH_RE.search(body):
            yield Signal(Category.RELEASE, path, None, "versioned release script (tags and pushes a version)")
            return
        for line in lines:
            match = RELEASE_COMMAND_RE.search(line)
            what = match.group(0) if match is not None else deploy_command(line)
            if what is not None and "--dry-run" not in line:
                yield Signal(Category.RELEASE, path, None, f"release script runs `{what}`")
                return
