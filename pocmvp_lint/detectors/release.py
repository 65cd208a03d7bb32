"""``release``: release automation configs, release workflows and tag-triggered publishing (§8)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors._ci import Command, Pipeline, blank_groovy_comments, command_line, pipelines
from pocmvp_lint.detectors._release import (
    TAGS_AND_PUSHES,
    fastlane_lanes,
    package_release_scripts,
    release_command,
    release_scripts,
    release_targets,
    tag_and_push,
)
from pocmvp_lint.detectors._util import (
    as_dict,
    basename,
    code_lines,
    first_line,
    is_auxiliary,
    line_of_fragment,
    load_json,
    load_toml,
    walk_dicts,
    yaml_mappings,
)
from pocmvp_lint.detectors.ci_catalogue import (
    GITLAB_RELEASE_IMAGES,
    RELEASE_ACTIONS,
    RELEASE_ACTIONS_WITH_INPUTS,
    RELEASE_TASKS,
    SEMANTIC_RELEASE_CONFIGS,
    SEMANTIC_RELEASE_PROGRAMS,
    canonical_action,
)
from pocmvp_lint.detectors.ci_deploy import (
    deploy_command,
    dry_run,
    goreleaser_releases,
    pipeline_deploys,
    release_target,
    scripts_run,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Release tool configuration files and the tool each belongs to.
RELEASE_FILES: dict[str, str] = {
    **dict.fromkeys((*SEMANTIC_RELEASE_CONFIGS, *SEMANTIC_RELEASE_PROGRAMS), "semantic-release"),
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
    "release-plz.toml": "release-plz",
    ".release-plz.toml": "release-plz",
    "release.toml": "cargo-release",
    ".bumpversion.cfg": "bump2version",
    ".bumpversion.toml": "bump-my-version",
    ".cz.toml": "commitizen",
    ".versionrc": "standard-version",
    ".versionrc.json": "standard-version",
    ".versionrc.js": "standard-version",
    ".versionrc.cjs": "standard-version",
    "tbump.toml": "tbump",
    "bumpver.toml": "bumpver",
    "knope.toml": "knope",
    ".autorc": "auto",
    ".autorc.json": "auto",
    "jreleaser.yml": "JReleaser",
    "jreleaser.yaml": "JReleaser",
    "release-drafter.yml": "Release Drafter",
}
#: commitizen's own configuration files (read for a ``commitizen`` table: ``cz.json`` may be a Czech
#: translation).
COMMITIZEN_FILES: tuple[str, ...] = (".cz.yaml", ".cz.json", "cz.toml", "cz.yaml", "cz.json")
#: Release tools configured in a ``pyproject.toml`` ``[tool.*]`` table (towncrier only assembles a
#: changelog: no release machinery).
PYPROJECT_TOOLS: tuple[str, ...] = (
    "semantic_release",
    "commitizen",
    "bumpversion",
    "tbump",
    "bumpver",
    "release-please",
)
#: Gradle plugins that cut a release (version bump, tag, push), create the forge's release, or
#: publish the library to a public registry, by id: what each does.
GRADLE_RELEASE_PLUGINS: dict[str, str] = {
    "net.researchgate.release": "cuts a release",
    "pl.allegro.tech.build.axion-release": "cuts a release",
    "co.riiid.gradle": "creates GitHub releases",
    "com.github.breadmoirai.github-release": "creates GitHub releases",
    "io.github.gradle-nexus.publish-plugin": "publishes to Maven Central",
    "com.vanniktech.maven.publish": "publishes to Maven Central",
    "com.gradle.plugin-publish": "publishes to the Gradle Plugin Portal",
    "com.jfrog.bintray": "publishes to Bintray",
}
_GRADLE_PLUGIN_RE = lazy_re(r"\b(?:" + "|".join(re.escape(p) for p in GRADLE_RELEASE_PLUGINS) + r")\b")
#: Maven plugins that cut a release, or publish the library to Maven Central (Sonatype's staging
#: plugin of OSSRH, its Central Portal plugin), by artifact id: what each does.
MAVEN_RELEASE_PLUGINS: dict[str, str] = {
    "maven-release-plugin": "cuts a release",
    "nexus-staging-maven-plugin": "publishes to Maven Central",
    "central-publishing-maven-plugin": "publishes to Maven Central",
}
_MAVEN_RELEASE_RE = lazy_re(r"<artifactId>\s*(" + "|".join(MAVEN_RELEASE_PLUGINS) + r")\s*</artifactId>")
_BUMPVERSION_SECTION_RE = lazy_re(r"^\[bumpversion\][ \t]*$", re.MULTILINE)
#: ``workflow_dispatch`` inputs that carry the version being released.
_VERSION_INPUT_RE = lazy_re(r"version|tag|release", re.IGNORECASE)
_RELEASE_NAME_RE = lazy_re(r"release", re.IGNORECASE)


def detect_release(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*RELEASE_FILES):
        if _shallow(path):
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
        for name in PYPROJECT_TOOLS:
            if name in tools and path.count("/") == 0:
                yield Signal(Category.RELEASE, path, None, f"[tool.{name}] in pyproject.toml")
    yield from _tool_configs(inv)
    for pipeline in pipelines(inv):
        yield from _release_workflow(inv, pipeline)
    for found in (
        *package_release_scripts(inv),
        *release_targets(inv),
        *fastlane_lanes(inv),
        *release_scripts(inv),
    ):
        yield Signal(Category.RELEASE, found.path, found.line, found.detail)


def _shallow(path: str) -> bool:
    """At the root or in a tool folder (``.github/``, ``.config/``), outside tests and examples."""
    return (path.count("/") == 0 or path.startswith((".github/", ".config/", ".changeset/"))) and not is_auxiliary(path)


def _tool_configs(inv: Inventory) -> Iterator[Signal]:
    """Release tools configured inside a shared file: commitizen files, ``setup.cfg`` ``[bumpversion]``,
    cargo-dist's ``[dist]``, the Gradle release and publishing plugins and Maven's release plugin."""
    for path in inv.named(*COMMITIZEN_FILES):
        if _shallow(path) and "commitizen" in (inv.text(path) or ""):
            yield Signal(Category.RELEASE, path, None, "commitizen configuration")
    if inv.exists("setup.cfg"):
        line = first_line(inv.text("setup.cfg") or "", _BUMPVERSION_SECTION_RE)
        if line is not None:
            yield Signal(Category.RELEASE, "setup.cfg", line, "[bumpversion] in setup.cfg (bump2version)")
    for path in ("dist-workspace.toml", "dist.toml"):
        if inv.exists(path) and isinstance(as_dict(load_toml(inv, path)).get("dist"), dict):
            yield Signal(Category.RELEASE, path, None, "cargo-dist configuration ([dist])")
    if inv.exists("Cargo.toml"):
        cargo = as_dict(load_toml(inv, "Cargo.toml"))
        for table in ("workspace", "package"):
            if isinstance(as_dict(as_dict(cargo.get(table)).get("metadata")).get("dist"), dict):
                yield Signal(
                    Category.RELEASE, "Cargo.toml", None, f"cargo-dist configuration ([{table}.metadata.dist])"
                )
                break
    for path, pattern, comment in (
        ("build.gradle", _GRADLE_PLUGIN_RE, "//"),
        ("build.gradle.kts", _GRADLE_PLUGIN_RE, "//"),
        ("pom.xml", _MAVEN_RELEASE_RE, "<!--"),
    ):
        text = code_lines(inv.text(path) or "", comment) if inv.exists(path) else ""
        match = pattern.search(text)
        if match is not None:
            line = text.count("\n", 0, match.start()) + 1
            if path == "pom.xml":
                what = f"Maven plugin {match.group(1)} ({MAVEN_RELEASE_PLUGINS[match.group(1)]})"
            else:
                what = f"Gradle plugin {match.group(0)} ({GRADLE_RELEASE_PLUGINS[match.group(0)]})"
            yield Signal(Category.RELEASE, path, line, what)


def _tag_and_push(inv: Inventory, pipeline: Pipeline) -> Signal | None:
    """A job that creates a git tag and pushes (``git tag -a "$VERSION"`` then ``git push origin
    "$VERSION"``), as a release script does: it cuts a version."""
    jobs: dict[tuple[str, str | None], list[tuple[Command, str, str]]] = {}
    for cmd in pipeline.commands:
        job = jobs.setdefault((cmd.path, cmd.job), [])
        for line in cmd.lines():
            job.append((cmd, line, line))
            # the package.json scripts it runs (``npm run bump-version`` runs ``npm version patch``)
            job.extend((cmd, line, body) for _command, _script, body in scripts_run(inv, line))
    for entries in jobs.values():
        tag = tag_and_push(text for _, _, text in entries)
        if tag is not None:
            cmd, line = next((c, line) for c, line, text in entries if text == tag)
            where = command_line(inv.text(cmd.path) or "", cmd, line)
            return Signal(Category.RELEASE, cmd.path, where, f"release workflow {TAGS_AND_PUSHES}")
    return None


def _release_workflow(inv: Inventory, pipeline: Pipeline) -> Iterator[Signal]:
    for use in pipeline.uses:
        name = canonical_action(use.ref.lower())
        values = {k.lower(): v.lower() for k, v in use.inputs}
        needed = RELEASE_ACTIONS_WITH_INPUTS.get(name)
        if name.startswith("goreleaser/goreleaser-action") and not goreleaser_releases(values):
            continue  # a snapshot build checks the release configuration
        if dry_run(values):
            continue  # a dry run (``dry_run: true``, ``--dry-run``) computes the version and tags nothing
        if (
            name.startswith(RELEASE_ACTIONS)
            or (name in RELEASE_TASKS and values.get("action", "create") != "delete")
            or (needed is not None and any(values.get(i) for i in needed))
        ):
            yield Signal(Category.RELEASE, use.path, use.line, f"release workflow uses {use.ref}")
            return
    for cmd in pipeline.commands:
        text = inv.text(cmd.path) or ""
        for line in cmd.lines():
            what = release_command(line)
            if what is not None:
                what = f"`{what}`"
            else:
                what = next(
                    (
                        f"`{command[:60]}` (package.json script '{script}' runs `{inner}`)"
                        for command, script, body in scripts_run(inv, line)
                        if (inner := release_command(body)) is not None
                    ),
                    None,
                )
            if what is not None:
                yield Signal(Category.RELEASE, cmd.path, command_line(text, cmd, line), f"release workflow runs {what}")
                return
    tagging = _tag_and_push(inv, pipeline)
    if tagging is not None:
        yield tagging
        return
    image = _release_image(inv, pipeline)
    if image is not None:
        yield image
        return
    if pipeline.tag_triggered or _tag_only(inv, pipeline):
        deploys = list(pipeline_deploys(inv, pipeline))
        gated = _tag_gated_lines(pipeline)
        for signal in sorted(deploys, key=lambda s: s.line not in gated)[:1]:  # a tag-gated step first
            here = signal.path == pipeline.file.path
            yield Signal(
                Category.RELEASE,
                pipeline.file.path,
                signal.line if here else None,
                f"tag-triggered workflow publishes ({signal.detail})",
            )
            return
        for cmd in pipeline.commands:
            for line in cmd.lines():
                target = release_target(inv, line)
                if target is not None:
                    where = command_line(inv.text(cmd.path) or "", cmd, line)
                    yield Signal(Category.RELEASE, cmd.path, where, f"tag-triggered workflow runs {target}")
                    return
    tagged = _publish_under_tag(inv, pipeline) or _semver_images(inv, pipeline)
    if tagged is not None:
        yield tagged
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


#: The variables CI systems set to the git tag a pipeline runs for (GitLab and Woodpecker, Travis,
#: CircleCI, Drone, Bitbucket, Buildkite, AppVeyor).
_TAG_VARIABLE_RE = lazy_re(
    r"\$\{?(CI_COMMIT_TAG|TRAVIS_TAG|CIRCLE_TAG|DRONE_TAG|BITBUCKET_TAG|BUILDKITE_TAG|APPVEYOR_REPO_TAG_NAME)\b"
)


def _publish_under_tag(inv: Inventory, pipeline: Pipeline) -> Signal | None:
    """A publish named after the git tag the pipeline runs for (``docker push "$IMAGE:$CI_COMMIT_TAG"``):
    pushing a version tag releases that version, whatever gates the step (a rule, or an ``if`` in
    its script)."""
    for cmd in pipeline.commands:
        for line in cmd.lines():
            tag = _TAG_VARIABLE_RE.search(line)
            what = deploy_command(line) if tag is not None else None
            if tag is not None and what is not None:
                where = command_line(inv.text(cmd.path) or "", cmd, line)
                return Signal(
                    Category.RELEASE, cmd.path, where, f"publishes under the git tag (`{what}` ${tag.group(1)})"
                )
    return None


def _semver_images(inv: Inventory, pipeline: Pipeline) -> Signal | None:
    """Images tagged by the version of a git tag handed to ``docker/metadata-action`` (a
    ``type=semver`` tag rule with its ``value=``, the tag another workflow's run built) in a
    workflow that publishes them: each version tag releases that version's image. Without a
    ``value=``, the rule reads the tag the workflow itself runs for: on branch pushes it tags
    nothing (a tag-triggered workflow is a release by its trigger)."""
    for use in pipeline.uses:
        if not canonical_action(use.ref.lower()).startswith("docker/metadata-action"):
            continue
        tags = next((v for k, v in use.inputs if k.lower() == "tags"), "").replace(" ", "").lower()
        versioned = any(r.startswith("type=semver") and ",value=" in r for r in tags.splitlines())
        if versioned and any(True for _ in pipeline_deploys(inv, pipeline)):
            return Signal(Category.RELEASE, use.path, use.line, f"publishes images tagged by version ({use.ref})")
    return None


#: A step or job condition that holds for tags only (GitHub: ``startsWith(github.ref, 'refs/tags/')``,
#: ``github.ref_type == 'tag'``, a ``release`` event).
_TAG_CONDITION_RE = lazy_re(r"refs/tags|ref_type\s*==\s*['\"]tag|event_name\s*==\s*['\"]release")


def _tag_gated_lines(pipeline: Pipeline) -> set[int | None]:
    """Lines of the pipeline's steps that run for tags only: a tag-triggered workflow that also runs
    on branches publishes its release there."""
    conditions = [(c.line, c.condition) for c in pipeline.commands] + [(u.line, u.condition) for u in pipeline.uses]
    return {line for line, condition in conditions if condition and _TAG_CONDITION_RE.search(condition)}


#: A declarative Jenkins stage condition for tag builds: ``when { tag "v*" }``, ``when { buildingTag() }``.
_JENKINS_TAG_RE = lazy_re(r"\bwhen[ \t]*\{\s{0,40}(?:tag[ \t(]+[\"']|buildingTag[ \t]*\()")


def _tag_only(inv: Inventory, pipeline: Pipeline) -> bool:
    """Tag-only work in the systems that say so in their own words: a Bitbucket ``pipelines: tags:``
    section, a CircleCI job filtered to tags (``tags: only:`` with every branch ignored), a Drone or
    Woodpecker pipeline or step whose only event is ``tag``, a Jenkins stage ``when { tag "v*" }``
    (or ``buildingTag()``)."""
    system = pipeline.file.system
    if system == "Jenkins":
        return _JENKINS_TAG_RE.search(blank_groovy_comments(inv.text(pipeline.file.path) or "")) is not None
    if system not in ("Bitbucket Pipelines", "CircleCI", "Drone", "Woodpecker"):
        return False
    for doc in yaml_mappings(inv, pipeline.file.path):
        if system == "Bitbucket Pipelines":
            if as_dict(as_dict(doc.get("pipelines")).get("tags")):
                return True
            continue
        for node in walk_dicts(doc):
            if system == "CircleCI":
                filters = as_dict(node.get("filters"))
                tags, branches = as_dict(filters.get("tags")), as_dict(filters.get("branches"))
                if "only" in tags and branches.get("ignore") in ("/.*/", ".*"):
                    return True
            elif _only_tag_event(node.get("event")):
                return True
    return False


def _only_tag_event(event: object) -> bool:
    """A Drone/Woodpecker ``event:`` condition that holds for tags only (``tag``, ``[tag]``, ``include: [tag]``)."""
    if isinstance(event, dict):
        event = event.get("include")
    if isinstance(event, str):
        return event == "tag"
    return isinstance(event, list) and event == ["tag"]


def _release_image(inv: Inventory, pipeline: Pipeline) -> Signal | None:
    """A GitLab job (or job template) that runs in GitLab's release-cli image."""
    if pipeline.file.system != "GitLab CI":
        return None
    files = dict.fromkeys([pipeline.file.path, *(c.path for c in pipeline.commands)])  # included files too
    for path in files:
        for doc in yaml_mappings(inv, path):
            for job, body in list(doc.items())[:300]:
                image = as_dict(body).get("image")
                name = as_dict(image).get("name") if isinstance(image, dict) else image
                if isinstance(name, str) and name.lower().startswith(GITLAB_RELEASE_IMAGES):
                    line = line_of_fragment(inv.text(path) or "", name)
                    return Signal(Category.RELEASE, path, line, f"job '{job}' runs in the release-cli image")
    return None


def _release_named(pipeline: Pipeline) -> bool:
    return bool(
        _RELEASE_NAME_RE.search(basename(pipeline.file.path))
        or (pipeline.name and _RELEASE_NAME_RE.search(pipeline.name))
    )
