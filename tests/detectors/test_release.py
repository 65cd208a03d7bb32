"""``release``: release machinery by ecosystem convention, with the look-alikes that are not."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Signals, categories, of


def _workflow(steps: str, on: str = "  push:\n    branches: [main]") -> str:
    return f"name: CI\non:\n{on}\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n{steps}"


def _released(found: tuple[object, ...]) -> bool:
    return "release" in categories(found)  # type: ignore[arg-type]


# ---- release and version-bump tool configurations ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("tbump.toml", '[version]\ncurrent = "1.2.0"\n'),
        ("pyproject.toml", '[tool.tbump.version]\ncurrent = "1.2.0"\n'),
        ("pyproject.toml", '[tool.bumpver]\ncurrent_version = "2024.1"\n'),
        ("knope.toml", '[package]\nversioned_files = ["Cargo.toml"]\n'),
        (".autorc", '{"plugins": ["npm"]}\n'),
        (".autorc.json", '{"plugins": ["npm"]}\n'),
        (".cz.yaml", "commitizen:\n  name: cz_conventional_commits\n  version: 0.3.0\n"),
        ("cz.json", '{"commitizen": {"version": "1.0.0"}}\n'),
        (".versionrc.js", "module.exports = { types: [] };\n"),
        ("dist-workspace.toml", '[workspace]\nmembers = ["cargo:."]\n\n[dist]\ncargo-dist-version = "0.28.0"\n'),
        ("Cargo.toml", '[workspace]\nmembers = ["a"]\n\n[workspace.metadata.dist]\ncargo-dist-version = "0.8.0"\n'),
    ],
)
def test_release_tool_configurations(signals: Signals, path: str, content: str) -> None:
    assert [s.path for s in of(signals({path: content}), "release")] == [path]


def test_commitizen_file_names_need_a_commitizen_table(signals: Signals) -> None:
    """``cz.json`` at the root may be a Czech translation."""
    assert not _released(signals({"cz.json": '{"hello": "ahoj"}\n'}))


def test_bumpversion_section_in_setup_cfg(signals: Signals) -> None:
    cfg = "[metadata]\nname = x\n\n[bumpversion]\ncurrent_version = 0.3.0\ncommit = True\ntag = True\n"
    found = of(signals({"setup.cfg": cfg}), "release")
    assert [(s.path, s.line) for s in found] == [("setup.cfg", 4)]
    assert not _released(signals({"setup.cfg": "[metadata]\nname = x\n\n[tool:pytest]\naddopts = -q\n"}))


def test_dist_workspace_without_a_dist_table_is_no_release(signals: Signals) -> None:
    assert not _released(signals({"dist-workspace.toml": '[workspace]\nmembers = ["cargo:."]\n'}))
    assert not _released(signals({"Cargo.toml": '[package]\nname = "x"\nversion = "0.1.0"\n'}))


def test_gradle_and_maven_release_plugins(signals: Signals) -> None:
    kts = 'plugins {\n    java\n    id("net.researchgate.release") version "3.0.2"\n}\n'
    found = of(signals({"build.gradle.kts": kts}), "release")
    assert [(s.path, s.line) for s in found] == [("build.gradle.kts", 3)]
    groovy = "plugins {\n  id 'pl.allegro.tech.build.axion-release' version '1.18.0'\n}\n"
    assert _released(signals({"build.gradle": groovy}))
    pom = (
        "<project>\n  <build>\n    <plugins>\n      <plugin>\n"
        "        <artifactId>maven-release-plugin</artifactId>\n      </plugin>\n    </plugins>\n  </build>\n</project>\n"
    )
    assert [(s.line, s.detail) for s in of(signals({"pom.xml": pom}), "release")] == [
        (5, "Maven plugin maven-release-plugin (cuts a release)")
    ]
    staging = pom.replace("maven-release-plugin", "nexus-staging-maven-plugin")
    (hit,) = of(signals({"pom.xml": staging}), "release")
    assert hit.detail == "Maven plugin nexus-staging-maven-plugin (publishes to Maven Central)"
    central = pom.replace("maven-release-plugin", "central-publishing-maven-plugin")
    assert _released(signals({"pom.xml": central}))
    assert not _released(signals({"pom.xml": pom.replace("maven-release-plugin", "maven-deploy-plugin")}))
    commented = 'plugins {\n    // id("net.researchgate.release") version "3.0.2"\n}\n'
    assert not _released(signals({"build.gradle.kts": commented}))


@pytest.mark.parametrize(
    ("plugin", "what"),
    [
        ("co.riiid.gradle", "creates GitHub releases"),
        ("io.github.gradle-nexus.publish-plugin", "publishes to Maven Central"),
        ("com.jfrog.bintray", "publishes to Bintray"),
    ],
)
def test_gradle_plugins_that_publish_a_library_or_its_releases(signals: Signals, plugin: str, what: str) -> None:
    groovy = f"plugins {{\n\tid 'java-library'\n\tid '{plugin}' version '1.0'\n}}\n"
    (found,) = of(signals({"build.gradle": groovy}), "release")
    assert (found.line, found.detail) == (3, f"Gradle plugin {plugin} ({what})")
    # publishing to the local Maven repository only releases nothing
    assert not _released(signals({"build.gradle": "plugins {\n\tid 'maven-publish'\n}\n"}))


def test_changelog_generators_are_no_release_machinery(signals: Signals) -> None:
    """towncrier and git-cliff only assemble a changelog."""
    towncrier = '[tool.towncrier]\ndirectory = "changes"\n'
    assert not _released(signals({"pyproject.toml": towncrier}))
    assert not _released(signals({"cliff.toml": '[changelog]\nheader = "# Changelog"\n'}))


# ---- release commands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "cargo release minor --execute --no-confirm",
        "cargo release -x patch",
        "npx standard-version --release-as minor",
        "npx commit-and-tag-version",
        "npx bumpp --yes",
        'release-cli create --name "v1" --tag-name v1',
        "glab release create v1.2.0 ./dist/*",
        "cz -n cz_custom bump --changelog",
        "release-plz release --git-token $TOKEN",
        "npx nx release --skip-publish",
        "npx auto shipit",
        "knope release",
        "tbump --non-interactive 1.4.0",
        "bump-my-version bump minor",
        "dart pub publish --force",
        "bumpversion --allow-dirty patch",
        "bundle exec rake release",
        "jreleaser full-release",
        "./gradlew jreleaserFullRelease",
        "./mvnw -Prelease jreleaser:full-release",
    ],
)
def test_release_commands_in_ci(signals: Signals, command: str) -> None:
    found = of(signals({".github/workflows/ci.yml": _workflow(f"      - run: {command}\n")}), "release")
    assert found and found[0].line == 9, command


@pytest.mark.parametrize(
    "command",
    [
        "cargo release minor",  # cargo-release's dry run
        "npx nx release --dry-run",
        "npx nx release minor -d",
        "npm install --save-dev standard-version",
        "flutter pub publish --dry-run",
        "tbump init 1.0.0",
        "bundle exec rake release:guard_clean",
        "bumpversion --help",
        "jreleaser config",
    ],
)
def test_release_command_look_alikes(signals: Signals, command: str) -> None:
    assert not _released(signals({".github/workflows/ci.yml": _workflow(f"      - run: {command}\n")}))


def test_pub_publish_in_ci_is_a_publish(signals: Signals) -> None:
    found = signals({".github/workflows/ci.yml": _workflow("      - run: flutter pub publish --force\n")})
    assert "ci-deploy" in categories(found)


# ---- package.json scripts ------------------------------------------------------------------------


def test_package_json_release_scripts(signals: Signals) -> None:
    manifest = (
        '{\n  "name": "x",\n  "scripts": {\n    "test": "vitest",\n    "release": "bumpp && npm publish"\n  }\n}\n'
    )
    found = of(signals({"package.json": manifest}), "release")
    assert [(s.path, s.line) for s in found] == [("package.json", 5)]
    assert "bumpp" in found[0].detail
    assert _released(signals({"package.json": '{"scripts": {"release": "np"}}'}))
    assert _released(signals({"package.json": '{"scripts": {"publish:ext": "vsce publish"}}'}))
    assert _released(signals({"package.json": '{"scripts": {"release:minor": "npm version minor && npm publish"}}'}))
    assert _released(signals({"package.json": '{"scripts": {"publish-patch": "npm version patch && npm publish"}}'}))


def test_package_json_scripts_that_release_nothing(signals: Signals) -> None:
    assert not _released(signals({"package.json": '{"scripts": {"release": "npm run build"}}'}))
    assert not _released(signals({"package.json": '{"scripts": {"deploy": "npm publish"}}'}))
    assert not _released(signals({"package.json": '{"scripts": {"prepublish-check": "npm publish"}}'}))
    assert not _released(signals({"package.json": '{"scripts": {"release": "npm publish --dry-run"}}'}))
    nested = {"packages/a/package.json": '{"scripts": {"release": "npm publish"}}'}
    assert not _released(signals(nested))


# ---- Electron apps: electron-builder and Electron Forge publish installers ---------------------


_ELECTRON = '{"name": "app", "version": "1.0.0", "scripts": {"dist": "tsc && electron-builder"}}'


@pytest.mark.parametrize(
    "command",
    [
        "npx electron-builder --publish always",
        "npx electron-builder --mac --win -p onTagOrDraft",
        "npx electron-builder --publish=onTag",
        "npx electron-forge publish",
        "npm run dist -- --publish always",  # the arguments after -- go to electron-builder
    ],
)
def test_electron_publishing_in_ci_is_a_release_and_a_publish(signals: Signals, command: str) -> None:
    found = signals({".github/workflows/ci.yml": _workflow(f"      - run: {command}\n"), "package.json": _ELECTRON})
    assert "ci-deploy" in categories(found), command
    release = of(found, "release")
    assert [(s.path, s.line) for s in release] == [(".github/workflows/ci.yml", 9)], command
    assert "electron-" in release[0].detail


@pytest.mark.parametrize(
    "command",
    [
        "npx electron-builder",  # builds the installers only
        "npx electron-builder --publish never",
        "npm run dist",
        "npm run dist -- --publish never",
        "npx electron-forge make",
    ],
)
def test_electron_builds_that_publish_nothing(signals: Signals, command: str) -> None:
    found = signals({".github/workflows/ci.yml": _workflow(f"      - run: {command}\n"), "package.json": _ELECTRON})
    assert not {"ci-deploy", "release"} & set(categories(found)), command


# ---- semantic-release: a release; a publish only when it uploads -------------------------------


_SEMANTIC = _workflow("      - run: npx semantic-release\n")


def test_semantic_release_publishes_with_its_default_plugins(signals: Signals) -> None:
    for files in (
        {},
        {".releaserc.json": '{"branches": ["main"]}'},
        {".releaserc.yml": "plugins:\n  - '@semantic-release/commit-analyzer'\n  - '@semantic-release/npm'\n"},
        {"release.config.js": "module.exports = { plugins: [] };\n"},  # a program: not read
        {".releaserc.json": '{"plugins": ["@semantic-release/commit-analyzer", "@semantic-release/exec"]}'},
        {".releaserc.json": '{"plugins": [["@semantic-release/github", {"assets": ["dist/*.zip"]}]]}'},
    ):
        found = signals({".github/workflows/release.yml": _SEMANTIC, "package.json": '{"name": "x"}', **files})
        assert _released(found) and "ci-deploy" in categories(found), files


def test_semantic_release_that_only_tags_and_writes_notes_publishes_nothing(signals: Signals) -> None:
    local = (
        '{"plugins": ["@semantic-release/commit-analyzer", "@semantic-release/release-notes-generator",'
        ' ["@semantic-release/changelog", {"changelogFile": "CHANGELOG.md"}],'
        ' ["@semantic-release/npm", {"npmPublish": false}], "@semantic-release/git", "@semantic-release/github"]}'
    )
    for files in (
        {".releaserc.json": local, "package.json": '{"name": "x"}'},
        {"package.json": '{"name": "x", "private": true}'},  # the default plugins: npm skips a private package
    ):
        found = signals({".github/workflows/release.yml": _SEMANTIC, **files})
        assert _released(found) and "ci-deploy" not in categories(found), files


# ---- a publish named after the git tag releases that version -----------------------------------


def test_a_publish_named_after_the_pipelines_git_tag_is_a_release(signals: Signals) -> None:
    gitlab = (
        'build:\n  script:\n    - docker build -t "$IMAGE:$CI_COMMIT_SHA" .\n    - |\n'
        '      if [ -n "$CI_COMMIT_TAG" ]; then\n        docker tag "$IMAGE:$CI_COMMIT_SHA" "$IMAGE:$CI_COMMIT_TAG"\n'
        '        docker push "$IMAGE:$CI_COMMIT_TAG"\n      fi\n'
    )
    (hit,) = of(signals({".gitlab-ci.yml": gitlab}), "release")
    assert hit.line == 7 and "CI_COMMIT_TAG" in hit.detail
    travis = "script: make\ndeploy:\n  provider: script\n  script: docker push acme/app:${TRAVIS_TAG}\n"
    assert _released(signals({".travis.yml": travis}))


def test_images_tagged_by_the_git_tags_version_are_a_release(signals: Signals) -> None:
    """``docker/metadata-action`` with a ``type=semver`` rule given the git tag (``value=``) tags the
    image with that tag's version: pushed, each version tag releases that version's image, whatever
    starts the workflow (here another workflow's run)."""
    steps = (
        "      - uses: docker/metadata-action@v5\n        id: meta\n        with:\n"
        "          images: ghcr.io/acme/api\n          tags: |\n"
        "            type=semver,pattern={{version}},value=${{ github.event.workflow_run.head_branch }}\n"
        "            type=raw,value=latest\n"
        "      - uses: docker/build-push-action@v6\n        with:\n          push: true\n"
        "          tags: ${{ steps.meta.outputs.tags }}\n"
    )
    on = '  workflow_run:\n    workflows: ["Tests"]\n    types: [completed]'
    (hit,) = of(signals({".github/workflows/publish.yml": _workflow(steps, on)}), "release")
    assert (hit.line, hit.detail) == (10, "publishes images tagged by version (docker/metadata-action)")
    by_branch = steps.replace("type=semver,pattern={{version}}", "type=ref,event=branch")
    assert not _released(signals({".github/workflows/publish.yml": _workflow(by_branch, on)}))
    built = steps.replace("push: true", "push: false")
    assert not _released(signals({".github/workflows/publish.yml": _workflow(built, on)}))
    # reading the tag of its own run, a workflow on branch pushes tags nothing with the version
    own_ref = steps.replace(",value=${{ github.event.workflow_run.head_branch }}", "")
    assert not _released(signals({".github/workflows/publish.yml": _workflow(own_ref)}))


def test_a_publish_under_another_name_is_no_release(signals: Signals) -> None:
    gitlab = 'build:\n  script:\n    - echo "$CI_COMMIT_TAG"\n    - docker push "$IMAGE:$CI_COMMIT_SHA"\n'
    assert not _released(signals({".gitlab-ci.yml": gitlab}))


# ---- release scripts and build-file targets ------------------------------------------------------


def test_scripts_named_for_a_release_that_tag_and_push(signals: Signals) -> None:
    script = '#!/bin/bash\nset -eu\nVERSION=$1\ngit commit -am "release $VERSION"\ngit tag $VERSION\ngit push origin $VERSION\n'
    found = of(signals({"bin/release": script}), "release")
    assert [(s.path, s.line) for s in found] == [("bin/release", 5)]
    assert _released(signals({"tag.sh": 'V=$(cat VERSION)\ngit tag "v$V"\ngit push --tags\n'}))
    assert _released(signals({"publish.sh": "#!/bin/sh\nflutter pub publish --dry-run\nflutter pub publish\n"}))
    assert _released(signals({"scripts/bump-version.sh": "npx standard-version\ngit push --follow-tags\n"}))


def test_a_publish_script_beside_a_packages_manifest_releases_it(signals: Signals) -> None:
    script = "#!/bin/bash\nrm -r build dist || true\n./setup.py bdist_wheel\ntwine upload dist/*\n"
    files = {"applications/setup.py": "from setuptools import setup\nsetup(name='talos')\n"}
    found = of(signals({**files, "applications/publish.sh": script}), "release")
    assert [(s.path, s.line, s.detail) for s in found] == [
        ("applications/publish.sh", 4, "release script runs `twine upload`")
    ]
    # the same script in a folder of something else is not read
    assert not _released(signals({"docs/publish.sh": script}))


def test_release_scripts_that_only_say_or_list(signals: Signals) -> None:
    buildpack = "#!/bin/bash\ncat <<EOF\n---\ndefault_process_types:\n  web: java -jar app.jar\nEOF\n"
    assert not _released(signals({"bin/release": buildpack}))
    says = '#!/bin/sh\ngit tag -a "$1" -m "Release $1"\necho "Now run: git push origin $1"\n'
    assert not _released(signals({"scripts/release.sh": says}))
    deletes = "#!/bin/sh\ngit tag -d nightly\ngit push origin :nightly\n"
    assert not _released(signals({"scripts/release.sh": deletes}))
    # a publish/tag script outside the scripts folders is somebody's code
    assert not _released(signals({"app/models/tag.rb": "git tag x\ngit push\n"}))


def test_makefile_release_targets(signals: Signals) -> None:
    makefile = (
        "VERSION := 1.0\n\nbuild:\n\tpython -m build\n\n"
        'release: build\n\tgit tag -sm "Version $(VERSION)" v$(VERSION)\n\tgit push --tags\n\n'
        "upload:\n\t@echo uploading\n"
    )
    found = of(signals({"Makefile": makefile}), "release")
    assert [(s.path, s.line) for s in found] == [("Makefile", 6)]
    assert _released(signals({"Makefile": "publish-pypi:\n\ttwine upload dist/*\n"}))
    dry_first = (
        "release-dry:\n\tgoreleaser release --snapshot --skip=publish\n\nrelease:\n\tgoreleaser release --clean\n"
    )
    assert [s.line for s in of(signals({"Makefile": dry_first}), "release")] == [4]
    assert not _released(signals({"Makefile": "release-dry:\n\tgoreleaser release --snapshot --clean\n"}))
    assert not _released(signals({"Makefile": "build :; cargo build\n\nrelease :; cargo build -r\n"}))


def test_justfile_and_taskfile_release_targets(signals: Signals) -> None:
    justfile = 'test:\n    pytest\n\npublish:\n    FLIT_USERNAME="__token__" \\\n    flit publish\n'
    found = of(signals({"Justfile": justfile}), "release")
    assert [(s.path, s.line) for s in found] == [("Justfile", 4)]
    assert not _released(signals({"justfile": "release:\n    cargo build --release\n"}))
    taskfile = "version: '3'\ntasks:\n  release:\n    cmds:\n      - goreleaser release --clean\n"
    assert [s.line for s in of(signals({"Taskfile.yml": taskfile}), "release")] == [3]


def test_argument_lists_read_as_command_lines(signals: Signals) -> None:
    script = (
        "import shutil, subprocess\n\n\ndef gh_bin():\n    return shutil.which('gh')\n\n\n"
        'def create(tag):\n    subprocess.run(\n        [\n            gh_bin(),\n            "release",\n'
        '            "create",\n            tag,\n        ],\n        check=True,\n    )\n'
    )
    found = of(signals({"scripts/release.py": script}), "release")
    assert [(s.line, s.detail) for s in found] == [(10, "release script runs `gh release create`")]
    execa = "import { execa } from 'execa';\nawait execa('npm', ['publish', '--access', 'public']);\n"
    assert _released(signals({"scripts/publish.mjs": execa}))
    listing = 'import subprocess\nsubprocess.run(["gh", "release", "list"])\n'
    assert not _released(signals({"scripts/release.py": listing}))


# ---- CI: release actions and GitLab releases -----------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        "rubygems/release-gem@v1",
        "release-plz/action@v0.5",
        "MarcoIeni/release-plz-action@v0.5",
        "helm/chart-releaser-action@v1.6.0",
        "taiki-e/create-gh-release-action@v1",
        "taiki-e/upload-rust-binary-action@v1",
        "svenstaro/upload-release-action@v2",
        "anothrNick/github-tag-action@1.71.0",
        "mathieudutour/github-tag-action@v6.2",
        "JS-DevTools/npm-publish@v3",
        "K-Phoen/semver-release-action@master",
        "actions-ecosystem/action-push-tag@v1",
        "phips28/gh-action-bump-version@v11",
        "butlerlogic/action-autotag@1.1.2",
    ],
)
def test_release_actions(signals: Signals, action: str) -> None:
    found = of(signals({".github/workflows/ci.yml": _workflow(f"      - uses: {action}\n")}), "release")
    assert found and found[0].line == 9, action


def test_tauri_action_releases_when_given_a_tag(signals: Signals) -> None:
    step = "      - uses: tauri-apps/tauri-action@v0\n        with:\n          tagName: app-v__VERSION__\n"
    assert _released(signals({".github/workflows/ci.yml": _workflow(step)}))
    build_only = "      - uses: tauri-apps/tauri-action@v0\n        with:\n          projectPath: app\n"
    assert not _released(signals({".github/workflows/ci.yml": _workflow(build_only)}))


GITLAB_RELEASE = """\
stages: [build, release]
build:
  stage: build
  script:
    - make
release_job:
  stage: release
  image: alpine:3.19
  rules:
    - if: $CI_COMMIT_TAG
  script:
    - echo "releasing"
  release:
    tag_name: $CI_COMMIT_TAG
    description: Release $CI_COMMIT_TAG
"""


def test_gitlab_release_keyword_runs_release_cli(signals: Signals) -> None:
    found = of(signals({".gitlab-ci.yml": GITLAB_RELEASE}), "release")
    assert [(s.path, s.line) for s in found] == [(".gitlab-ci.yml", 13)]
    assert "release-cli create" in found[0].detail


def test_gitlab_job_in_the_release_cli_image(signals: Signals) -> None:
    ci = (
        "release:\n  stage: release\n  image: registry.gitlab.com/gitlab-org/release-cli:latest\n"
        "  script:\n    - make release\n"
    )
    assert [s.line for s in of(signals({".gitlab-ci.yml": ci}), "release")] == [3]
    template = ".release:\n  image:\n    name: registry.gitlab.com/gitlab-org/release-cli:v0.16\n"
    assert _released(signals({".gitlab-ci.yml": template + "build:\n  script:\n    - make\n"}))
    plain = "build:\n  image: alpine:3.19\n  script:\n    - make\n"
    assert not _released(signals({".gitlab-ci.yml": plain}))


def test_a_release_created_through_the_forges_api(signals: Signals) -> None:
    """Pipelines written before ``release-cli`` (and Gitea's, GitHub's) POST to the releases API."""
    for run in (
        'curl --request POST --header "JOB-TOKEN: $CI_JOB_TOKEN" --data "tag_name=v1" '
        '"${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/releases"',
        'R=$(curl -s -X POST -H "Authorization: token $T" https://api.github.com/repos/o/r/releases -d @body.json)',
        "curl -sf --json @release.json https://git.example.com/api/v1/repos/o/r/releases",
    ):
        ci = f"release:\n  script:\n    - '{run}'\n"
        assert _released(signals({".gitlab-ci.yml": ci})), run
    for run in (
        "curl -sL https://api.github.com/repos/o/r/releases/latest",  # finds the newest version of a tool
        "curl -s https://api.github.com/repos/o/r/releases",
        'curl -X POST -d "x=1" https://api.example.com/v1/releases-notes',
    ):
        ci = f"build:\n  script:\n    - '{run}'\n"
        assert not _released(signals({".gitlab-ci.yml": ci})), run


# ---- fastlane ------------------------------------------------------------------------------------


def test_fastlane_lanes_that_upload_or_tag(signals: Signals) -> None:
    fastfile = (
        "default_platform(:android)\n\nplatform :android do\n  lane :build do\n    gradle(task: 'bundle')\n  end\n\n"
        "  lane :production do\n    gradle(task: 'bundle')\n    upload_to_play_store(track: 'production')\n  end\nend\n"
    )
    found = of(signals({"android/fastlane/Fastfile": fastfile}), "release")
    assert [(s.path, s.line) for s in found] == [("android/fastlane/Fastfile", 8)]
    tags = "lane :tag do\n  increment_build_number\n  add_git_tag\n  push_git_tags\nend\n"
    assert _released(signals({"fastlane/Fastfile": tags}))


def test_fastlane_lanes_that_only_build(signals: Signals) -> None:
    fastfile = (
        "platform :android do\n  lane :build do\n    gradle(task: 'bundle', build_type: 'release')\n"
        "    # upload_to_play_store\n    add_git_tag\n  end\nend\n"
    )
    assert not _released(signals({"fastlane/Fastfile": fastfile}))


def test_a_tag_triggered_workflow_running_a_release_target(signals: Signals) -> None:
    """On a version tag, a task runner's target named for releasing or publishing releases that
    version; the same target on a branch push, or a check of it, is no release by its name."""
    steps = "      - uses: actions/checkout@v4\n      - run: {run}\n"
    on_tags = "  push:\n    tags: ['v*']"
    for run in ("mise run release:publish", "make release", "just publish"):
        found = signals({".github/workflows/release.yml": _workflow(steps.format(run=run), on=on_tags)})
        (hit,) = of(found, "release")
        assert hit.detail == f"tag-triggered workflow runs `{run}` (a target named for releasing)", run
    for run, on in (("make release", "  push:\n    branches: [main]"), ("make release-check", on_tags)):
        found = signals({".github/workflows/release.yml": _workflow(steps.format(run=run), on=on)})
        assert not _released(found), run


def test_a_gitlab_rule_that_keeps_tags_out_is_no_tag_trigger(signals: Signals) -> None:
    publish = (
        "publish:\n  script:\n    - twine upload dist/*\n  rules:\n"
        "    - if: $CI_COMMIT_TAG\n{when}"
        "    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n"
    )
    on_tags = signals({".gitlab-ci.yml": publish.format(when="")})
    assert [s.detail.split(" (")[0] for s in of(on_tags, "release")] == ["tag-triggered workflow publishes"]
    never = signals({".gitlab-ci.yml": publish.format(when="      when: never\n")})
    assert "release" not in categories(never) and "ci-deploy" in categories(never)


def test_a_workflow_on_branches_and_tags_cites_the_step_that_runs_for_tags(signals: Signals) -> None:
    workflow = """on:
  push:
    branches: [master]
    tags: ['v*']
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: push the edge image
        if: github.ref == 'refs/heads/master'
        run: docker push acme/app:edge
      - name: push the release image
        if: startsWith(github.ref, 'refs/tags/')
        run: docker push acme/app:${GITHUB_REF_NAME}
"""
    (found,) = of(signals({".github/workflows/docker.yml": workflow}), "release")
    assert found.line == 15 and found.detail.startswith("tag-triggered workflow publishes")


@pytest.mark.parametrize(
    ("tags", "released"),
    [
        ("['v*']", True),
        ("['**dev-deploy-*']", False),
        ("['deploy/prod', 'deploy/staging']", False),
        ("['deploy-*', 'v*']", True),
    ],
)
def test_tags_pushed_to_deploy_are_no_release_trigger(signals: Signals, tags: str, released: bool) -> None:
    steps = "      - run: terraform apply -auto-approve\n"
    found = signals({".github/workflows/infra.yml": _workflow(steps, on=f"  push:\n    tags: {tags}")})
    assert _released(found) is released
    assert "ci-deploy" in categories(found)


CIRCLE_RELEASE = """\
version: 2.1
jobs:
  test:
    docker: [{image: cimg/python:3.12}]
    steps: [checkout, {run: pytest}]
  publish:
    docker: [{image: cimg/python:3.12}]
    steps:
      - checkout
      - run: python -m build && twine upload dist/*
workflows:
  main:
    jobs:
      - test
      - publish:
          filters:
            tags:
              only: /^v.*/
            branches:
              ignore: /.*/
"""


def test_tag_only_publishing_in_circleci_bitbucket_and_woodpecker(signals: Signals) -> None:
    bitbucket = (
        "pipelines:\n  default:\n    - step:\n        script: [npm test]\n  tags:\n    'v*':\n      - step:\n"
        "          script:\n            - npm publish\n"
    )
    woodpecker = (
        "when:\n  - event: tag\nsteps:\n  - name: publish\n    image: rust\n    commands:\n      - cargo publish\n"
    )
    for path, text in (
        (".circleci/config.yml", CIRCLE_RELEASE),
        ("bitbucket-pipelines.yml", bitbucket),
        (".woodpecker/publish.yml", woodpecker),
    ):
        (found,) = of(signals({path: text, "package.json": '{"name": "x"}'}), "release")
        assert found.path == path and found.detail.startswith("tag-triggered workflow publishes"), path


def test_tags_that_do_not_make_a_publishing_job_tag_only(signals: Signals) -> None:
    """A CircleCI job that also runs on tags (branches not ignored), a Woodpecker pipeline for pushes and
    tags alike, or a Bitbucket tags section in a pipeline that publishes nothing is no release."""
    circle_both = CIRCLE_RELEASE.replace("            branches:\n              ignore: /.*/\n", "")
    woodpecker = "when:\n  - event: [push, tag]\nsteps:\n  - name: publish\n    image: rust\n    commands:\n      - cargo publish\n"
    bitbucket = "pipelines:\n  tags:\n    'v*':\n      - step:\n          script:\n            - npm test\n"
    for path, text in (
        (".circleci/config.yml", circle_both),
        (".woodpecker/publish.yml", woodpecker),
        ("bitbucket-pipelines.yml", bitbucket),
    ):
        assert "release" not in categories(signals({path: text})), path


JENKINS_RELEASE = """\
pipeline {
  agent any
  stages {
    stage('Test') { steps { sh 'npm test' } }
    stage('Publish') {
      when { tag "v*" }
      steps { sh 'npm publish' }
    }
  }
}
"""


def test_a_jenkins_stage_for_tags_that_publishes_is_a_release(signals: Signals) -> None:
    (found,) = of(signals({"Jenkinsfile": JENKINS_RELEASE}), "release")
    assert (found.path, found.line) == ("Jenkinsfile", 7)
    building = JENKINS_RELEASE.replace('tag "v*"', "buildingTag()")
    assert _released(signals({"Jenkinsfile": building}))
    # a tag condition in a comment, or a tag stage in a pipeline that publishes nothing, is no release
    commented = JENKINS_RELEASE.replace('when { tag "v*" }', '// when { tag "v*" }')
    assert not _released(signals({"Jenkinsfile": commented}))
    assert not _released(signals({"Jenkinsfile": JENKINS_RELEASE.replace("npm publish", "npm run build")}))


def test_goreleaser_snapshot_builds_release_nothing(signals: Signals) -> None:
    step = "      - uses: goreleaser/goreleaser-action@v6\n        with:\n          args: {}\n"
    pull_request = "  pull_request:\n    branches: [main]"
    for args in ("release --snapshot --clean", "check", "build --single-target"):
        found = signals({".github/workflows/ci.yml": _workflow(step.format(args), pull_request)})
        assert not {"release", "ci-deploy"} & categories(found), args
    found = signals({".github/workflows/ci.yml": _workflow(step.format("release --clean"))})
    assert {"release", "ci-deploy"} <= categories(found)


def test_a_version_tagging_action_in_a_dry_run_tags_nothing(signals: Signals) -> None:
    step = "      - uses: mathieudutour/github-tag-action@v6.2\n        with:\n          dry_run: true\n"
    assert not _released(signals({".github/workflows/ci.yml": _workflow(step)}))


def test_a_release_action_given_a_dry_run_flag_releases_nothing(signals: Signals) -> None:
    step = "      - uses: cycjimmy/semantic-release-action@v4\n        with:\n          extra_plugins: x\n"
    assert _released(signals({".github/workflows/ci.yml": _workflow(step)}))
    flagged = step + "          extends: --dry-run\n"
    assert not _released(signals({".github/workflows/ci.yml": _workflow(flagged)}))


def test_a_release_plugin_is_reported_on_its_own_line_past_a_form_feed(signals: Signals) -> None:
    # Line numbers count "\n" only: a form feed in a comment does not start a line for the reader.
    gradle = "// Build \x0c settings\n// id 'net.researchgate.release'\nplugins {\n    id 'net.researchgate.release' version '3.0.2'\n}\n"
    found = [s for s in signals({"build.gradle": gradle}) if s.category == "release"]
    assert [(s.path, s.line) for s in found] == [("build.gradle", 4)]


def test_a_hardened_fork_of_a_release_action_is_that_action(signals: Signals) -> None:
    """``step-security/action-gh-release`` is a drop-in fork of ``softprops/action-gh-release``."""
    step = "      - uses: step-security/action-gh-release@v2\n        with:\n          files: dist/*\n"
    found = signals({".github/workflows/ci.yml": _workflow(step)})
    assert [s.detail for s in of(found, "release")] == ["release workflow uses step-security/action-gh-release"]
    assert of(found, "ci-deploy")
    # an action of another name under the same owner is not a release
    other = "      - uses: step-security/harden-runner@v2\n"
    assert not _released(signals({".github/workflows/ci.yml": _workflow(other)}))


def test_a_companys_copy_of_a_tag_bumping_action_is_that_action(signals: Signals) -> None:
    step = "      - uses: anz-bank/github-tag-action@1.40.0\n"
    found = signals({".github/workflows/ci.yml": _workflow(step)})
    assert [s.detail for s in of(found, "release")] == ["release workflow uses anz-bank/github-tag-action"]
    reading = "      - uses: actions-ecosystem/action-get-latest-tag@v1\n"
    assert not _released(signals({".github/workflows/ci.yml": _workflow(reading)}))


def test_a_job_that_tags_and_pushes_a_version_cuts_a_release(signals: Signals) -> None:
    step = (
        '      - run: |\n          git tag -a "$VERSION" -m "Release $VERSION"\n          git push origin "$VERSION"\n'
    )
    found = of(signals({".github/workflows/ci.yml": _workflow(step)}), "release")
    assert [(s.line, s.detail) for s in found] == [(10, "release workflow tags and pushes a version")]
    # the two halves in different jobs (each job clones afresh) do not make one release
    apart = (
        "name: CI\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git tag v1\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push origin main\n"
    )
    assert not _released(signals({".github/workflows/ci.yml": apart}))
    listing = _workflow("      - run: git tag --list && git push origin main\n")
    assert not _released(signals({".github/workflows/ci.yml": listing}))
    # npm's version bump commits and tags; pushed with its tags, it is a release cut by hand
    bump = _workflow("      - run: npm version patch && git push --follow-tags\n")
    assert [s.detail for s in of(signals({".github/workflows/ci.yml": bump}), "release")] == [
        "release workflow tags and pushes a version"
    ]
    untagged = _workflow("      - run: npm version patch --no-git-tag-version && git push\n")
    assert not _released(signals({".github/workflows/ci.yml": untagged}))


def test_a_job_bumping_the_version_through_a_package_script_and_pushing_tags_releases(signals: Signals) -> None:
    """``npm run bump-version`` runs ``npm version patch`` (which commits and tags), then the job
    pushes the tags: a version is cut, as by ``git tag`` and ``git push``."""
    package = '{"scripts": {"bump-version": "npm run build && npm version patch -m \'%s [skip ci]\'"}}'
    steps = (
        "      - run: npm run bump-version\n      - run: npm publish\n"
        "      - run: |\n          git push\n          git push --tags\n"
    )
    found = of(signals({".github/workflows/publish.yml": _workflow(steps), "package.json": package}), "release")
    assert [(s.line, s.detail) for s in found] == [(9, "release workflow tags and pushes a version")]
    quiet = '{"scripts": {"bump-version": "npm version patch --no-git-tag-version"}}'
    untagged = signals({".github/workflows/publish.yml": _workflow(steps), "package.json": quiet})
    assert "release workflow tags and pushes a version" not in [s.detail for s in of(untagged, "release")]
