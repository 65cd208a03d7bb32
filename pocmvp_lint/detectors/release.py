"""``release``: release automation configs, release workflows and tag-triggered publishing (§8)."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.detectors._ci import Pipeline, command_line, pipelines
from pocmvp_lint.detectors._util import as_dict, is_auxiliary, load_json, load_toml
from pocmvp_lint.detectors.ci_deploy import deploy_command
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re

#: Release tool configuration files and the tool each belongs to.
RELEASE_FILES: dict[str, str] = {
    ".releaserc": "semantic-release", ".releaserc.json": "semantic-release",
    ".releaserc.yaml": "semantic-release",
    ".releaserc.yml": "semantic-release", ".releaserc.js": "semantic-release",
    ".releaserc.cjs": "semantic-release",
    ".releaserc.mjs": "semantic-release", "release.config.js": "semantic-release",
    "release.config.cjs": "semantic-release", "release.config.mjs": "semantic-release",
    "release-please-config.json": "release-please", ".release-please-manifest.json": "release-please",
    ".goreleaser.yml": "GoReleaser", ".goreleaser.yaml": "GoReleaser", "goreleaser.yml": "GoReleaser",
    "goreleaser.yaml": "GoReleaser", ".release-it.json": "release-it", ".release-it.js": "release-it",
    ".release-it.cjs": "release-it", ".release-it.ts": "release-it", ".release-it.yaml": "release-it",
    ".release-it.yml": "release-it", ".release-it.toml": "release-it", "cliff.toml": "git-cliff",
    "release-plz.toml": "release-plz", ".release-plz.toml": "release-plz", "release.toml": "cargo-release",
    ".bumpversion.cfg": "bump2version", ".bumpversion.toml": "bump-my-version", ".cz.toml": "commitizen",
    ".versionrc": "standard-version", ".versionrc.json": "standard-version", "lerna.json": "Lerna",
    "jreleaser.yml": "JReleaser", "jreleaser.yaml": "JReleaser", "release-drafter.yml": "Release Drafter",
}
#: Actions that cut releases.
RELEASE_ACTIONS: tuple[str, ...] = (
    "googleapis/release-please-action", "google-github-actions/release-please-action", "changesets/action",
    "softprops/action-gh-release", "ncipollo/release-action", "goreleaser/goreleaser-action",
    "relekang/python-semantic-release", "python-semantic-release/python-semantic-release",
    "cycjimmy/semantic-release-action", "actions/create-release", "release-drafter/release-drafter",
    "slsa-framework/slsa-github-generator",
)
RELEASE_COMMAND_RE = lazy_re(
    r"\bsemantic-release\b|\bgh\s+release\s+create\b|\bgoreleaser\s+release\b|\bchangeset\s+(?:version|publish)\b"
    r"|\bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*release:prepare|\brelease-it\b|\blerna\s+(?:version|publish)\b|\bcz\s+bump\b"
)
_PYPROJECT_TOOLS = ("semantic_release", "commitizen", "bumpversion", "towncrier", "release-please")


def detect_release(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*RELEASE_FILES):
        shallow = path.count("/") == 0 or path.startswith((".github/", ".config/", ".changeset/"))
        if shallow and not is_auxiliary(path):
            tool = RELEASE_FILES[path.rsplit("/", 1)[-1].lower()]
            yield Signal("release", path, None, f"{tool} configuration")
    for path in inv.named("config.json"):
        if path == ".changeset/config.json":
            yield Signal("release", path, None, "Changesets configuration")
    for path in inv.named("package.json"):
        data = as_dict(load_json(inv, path))
        if path.count("/") == 0 and ("release" in data or "release-it" in data):
            yield Signal("release", path, None, "release tool configured in package.json")
    for path in inv.named("pyproject.toml"):
        tools = as_dict(as_dict(load_toml(inv, path)).get("tool"))
        for name in _PYPROJECT_TOOLS:
            if name in tools and path.count("/") == 0:
                yield Signal("release", path, None, f"[tool.{name}] in pyproject.toml")
    for pipeline in pipelines(inv):
        yield from _release_workflow(inv, pipeline)


def _release_workflow(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    text = inv.text(pipeline.file.path) or ""
    for use in pipeline.uses:
        if use.ref.lower().startswith(RELEASE_ACTIONS):
            yield Signal("release", pipeline.file.path, use.line, f"release workflow uses {use.ref}")
            return
    for cmd in pipeline.commands:
        for line in cmd.lines():
            match = RELEASE_COMMAND_RE.search(line)
            if match is not None and "--dry-run" not in line:
                yield Signal("release", pipeline.file.path, command_line(text, cmd, line),
                             f"release workflow runs `{match.group(0)}`")
                return
    if pipeline.tag_triggered:
        for cmd in pipeline.commands:
            for line in cmd.lines():
                what = deploy_command(line, cmd)
                if what is not None:
                    yield Signal("release", pipeline.file.path, command_line(text, cmd, line),
                                 f"tag-triggered workflow publishes (`{what}`)")
                    return
