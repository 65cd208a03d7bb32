"""CI, CI tests and CI deploy detection."""

from __future__ import annotations

import json
from pathlib import Path

from pocmvp_lint.detectors._ci import _jenkins_commands
from tests.detectors.conftest import Signals, categories, of

WORKFLOW_TEST = """\
name: CI
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm test
"""


def test_github_workflow_with_npm_test_through_package_json(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/ci.yml": WORKFLOW_TEST,
            "package.json": '{"scripts": {"test": "vitest run"}}',
        }
    )
    assert "ci" in categories(found)
    hit = of(found, "ci-tests")[0]
    assert hit.path == ".github/workflows/ci.yml" and hit.line == 11
    assert "build" in hit.detail


def test_npm_placeholder_test_script_is_not_a_test_run(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/ci.yml": WORKFLOW_TEST,
            "package.json": '{"scripts": {"test": "echo \\"Error: no test specified\\" && exit 1"}}',
        }
    )
    assert "ci" in categories(found)
    assert "ci-tests" not in categories(found)


def test_npm_run_all_runs_the_scripts_it_names_or_matches(signals: Signals) -> None:
    travis = "language: node_js\nscript:\n- yarn run test:ci\n"
    scripts = {
        "test:ci": "npm-run-all --parallel typecheck lint jest:coverage && codecov",
        "typecheck": "tsc --noEmit",
        "lint": "eslint src",
        "jest:coverage": "jest --coverage",
    }
    found = signals({".travis.yml": travis, "package.json": json.dumps({"scripts": scripts})})
    (hit,) = of(found, "ci-tests")
    assert (hit.path, hit.line) == (".travis.yml", 3)
    globbed = {**scripts, "test:ci": "run-p -c typecheck 'jest:*'"}
    assert "ci-tests" in categories(signals({".travis.yml": travis, "package.json": json.dumps({"scripts": globbed})}))
    checks_only = {**scripts, "test:ci": "npm-run-all typecheck lint"}
    found = signals({".travis.yml": travis, "package.json": json.dumps({"scripts": checks_only})})
    assert "ci-tests" not in categories(found)


def test_bun_test_is_buns_own_runner_not_the_placeholder_script(signals: Signals) -> None:
    placeholder = '{"scripts": {"test": "echo \\"Error: no test specified\\" && exit 1"}}'
    workflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {}\n"
    found = signals({".github/workflows/ci.yml": workflow.format("bun test"), "package.json": placeholder})
    assert [s.detail for s in of(found, "ci-tests")] == ["job 'test' runs `bun test`"]
    for script in ("bun run test", "npm test"):
        found = signals({".github/workflows/ci.yml": workflow.format(script), "package.json": placeholder})
        assert "ci-tests" not in categories(found), script


def test_make_target_is_followed_one_hop(signals: Signals) -> None:
    found = signals(
        {
            ".gitlab-ci.yml": "unit:\n  script:\n    - make check-all\n",
            "Makefile": "check-all: lint\n\tpytest -q\nlint:\n\truff check .\n",
        }
    )
    assert [s.path for s in of(found, "ci-tests")] == [".gitlab-ci.yml"]


def test_a_make_targets_variables_and_a_script_in_a_test_folder(signals: Signals) -> None:
    """``make verify`` runs ``$(CHECK)``, which the Makefile sets to a test runner; ``make all``
    runs a script kept in the test folder (``python Tests/all.py``)."""
    for target, makefile in {
        "verify": "CHECK := go test ./...\nverify:\n\t$(CHECK)\n",
        "all": "SUITE = Tests/all.py\nall:\n\t. ./.env ; python ${SUITE}\n",
    }.items():
        found = signals({".gitlab-ci.yml": f"unit:\n  script:\n    - make {target}\n", "Makefile": makefile})
        assert [s.path for s in of(found, "ci-tests")] == [".gitlab-ci.yml"], target
    unset = signals({".gitlab-ci.yml": "unit:\n  script:\n    - make verify\n", "Makefile": "verify:\n\t$(CHECK)\n"})
    assert "ci-tests" not in categories(unset)


def test_a_ci_file_no_yaml_parser_accepts_says_so(signals: Signals) -> None:
    """A ``.travis.yml`` indented with tabs cannot be read by the CI system either: the ``ci``
    signal says its jobs were not read, so MVP004 explains why no job runs the tests."""
    broken = "language: python\nscript: make test\nservices:\n\t- mongodb\n"
    (hit,) = of(signals({".travis.yml": broken}), "ci")
    assert hit.detail == "Travis CI configuration, not parseable as YAML: its jobs were not read"
    assert "ci-tests" not in categories(signals({".travis.yml": broken}))
    fixed = broken.replace("\t", "  ")
    assert [s.detail for s in of(signals({".travis.yml": fixed}), "ci")] == ["Travis CI configuration"]


def test_a_drone_file_is_read_document_by_document_when_it_fails_as_a_whole(signals: Signals) -> None:
    """Drone splits its file where a line opens with ``---``; pocl's ``.drone.yml`` separates two
    pipelines with ``----``, which YAML refuses as a whole."""
    drone = (
        "kind: pipeline\nname: amd64\n\nsteps:\n- name: build\n  image: archlinux\n  commands:\n  - ninja\n\n"
        "----\nkind: pipeline\nname: arm64\n\nsteps:\n- name: test\n  image: ubuntu\n  commands:\n"
        "  - ctest -j24 --output-on-failure\n"
    )
    (hit,) = of(signals({".drone.yml": drone}), "ci-tests")
    assert (hit.path, hit.line, hit.detail) == (".drone.yml", 18, "runs `ctest`")


def test_commented_out_steps_do_not_count(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/deploy.yml": (
                "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: echo hi\n"
                "#      - run: docker push example/app\n#      - run: pytest\n"
            ),
        }
    )
    assert "ci" in categories(found)
    assert not {"ci-tests", "ci-deploy"} & categories(found)


def test_nested_workflows_in_subfolders_are_not_ci(signals: Signals) -> None:
    found = signals(
        {"pkg/sub/.github/workflows/ci.yml": WORKFLOW_TEST, "templates/.github/workflows/x.yml": WORKFLOW_TEST}
    )
    assert "ci" not in categories(found)


def test_deploy_commands_and_dry_runs(signals: Signals) -> None:
    workflow = (
        "on: push\njobs:\n  deploy:\n    runs-on: x\n    steps:\n"
        "      - run: kubectl apply -f k8s/ --dry-run=client\n"
        "      - run: helm template chart/\n"
        "      - run: terraform plan\n"
    )
    assert "ci-deploy" not in categories(signals({".github/workflows/d.yml": workflow}))


def test_deploy_command_reports_job_and_line(signals: Signals) -> None:
    workflow = (
        "on: push\njobs:\n  ship:\n    runs-on: x\n    steps:\n"
        "      - run: |\n          docker build -t app .\n          docker push registry/app:1\n"
    )
    hit = of(signals({".github/workflows/d.yml": workflow}), "ci-deploy")[0]
    assert hit.line == 8 and "ship" in hit.detail and "docker push" in hit.detail


def test_deploy_action_and_build_only_action(signals: Signals) -> None:
    push = (
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - uses: docker/build-push-action@v5\n        with:\n          push: true\n"
    )
    assert "ci-deploy" in categories(signals({".github/workflows/a.yml": push}))


def test_build_push_action_without_push_is_not_deploy(tmp_path: Path) -> None:
    from pocmvp_lint.detectors import detect
    from tests.detectors.conftest import make_inventory

    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - uses: docker/build-push-action@v5\n        with:\n          push: false\n"
    )
    found = detect(make_inventory(tmp_path, {".github/workflows/a.yml": workflow}))
    assert "ci-deploy" not in categories(found)


def test_travis_jenkins_and_azure(signals: Signals) -> None:
    found = signals(
        {
            ".travis.yml": "language: ruby\nscript:\n  - bundle exec rake\n",
            "Jenkinsfile": "pipeline {\n stages {\n  stage('Ship') {\n   steps {\n    sh 'helm upgrade --install app ./chart'\n   }\n  }\n }\n}\n",
            "build/pipeline.yml": "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: dotnet test\n",
        }
    )
    ci_paths = {s.path for s in of(found, "ci")}
    assert ci_paths == {".travis.yml", "Jenkinsfile", "build/pipeline.yml"}
    assert {s.path for s in of(found, "ci-tests")} == {".travis.yml", "build/pipeline.yml"}
    deploy = of(found, "ci-deploy")[0]
    assert deploy.path == "Jenkinsfile" and deploy.line == 5 and "Ship" in deploy.detail


def test_jenkins_steps_take_the_stage_they_sit_in_and_their_line() -> None:
    text = (
        "sh 'echo setup'\npipeline {\n stages {\n  stage('Build') {\n   steps { sh 'make' }\n  }\n"
        "  stage('Ship') {\n   steps {\n    sh 'helm upgrade app ./chart'\n    sh 'echo done'\n   }\n  }\n }\n}\n"
    )
    found = [(c.job, c.text, c.line) for c in _jenkins_commands("Jenkinsfile", text)]
    assert found == [
        (None, "echo setup", 1),
        ("Build", "make", 5),
        ("Ship", "helm upgrade app ./chart", 9),
        ("Ship", "echo done", 10),
    ]


def test_jenkins_steps_read_the_strings_groovy_joins_on_to_their_script(signals: Signals) -> None:
    text = (
        "pipeline {\n stages {\n  stage('Test') {\n   steps {\n"
        "    sh '''\n      docker run --rm \\\n    ''' + \"${IMAGE}:${TAG}\" + ''' \\\n      pytest tests/ -v\n    '''\n"
        "   }\n  }\n  stage('Push') {\n   steps {\n    sh 'docker push ' + \"${REGISTRY}/${IMAGE}:${TAG}\"\n   }\n  }\n }\n}\n"
    )
    (test,) = of(signals({"Jenkinsfile": text}), "ci-tests")
    assert "pytest" in test.detail and test.line == 6
    (push,) = of(signals({"Jenkinsfile": text}), "ci-deploy")
    assert push.line == 14 and "docker push" in push.detail


def test_azure_pipeline_with_unconventional_name(signals: Signals) -> None:
    found = signals(
        {"pipeline.yml": "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: go test ./...\n"}
    )
    assert {s.path for s in of(found, "ci-tests")} == {"pipeline.yml"}


def test_tests_that_cannot_fail_the_build_run_but_do_not_gate_it(signals: Signals) -> None:
    """A test run whose failure is ignored (``|| true``, ``continue-on-error``, GitLab's
    ``allow_failure``) runs the tests without gating the build: ``ci-tests-nonblocking``, the first
    one cited; a run that can fail the build anywhere in the pipeline makes it ``ci-tests``."""
    workflow = (
        "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pytest || true\n"
        "      - run: go test ./...\n        continue-on-error: true\n"
    )
    found = signals({".github/workflows/t.yml": workflow})
    assert "ci-tests" not in categories(found)
    assert [(s.line, s.detail) for s in of(found, "ci-tests-nonblocking")] == [
        (6, "job 't' runs `pytest`, its failure ignored")
    ]
    gitlab = "unit:\n  script:\n    - npm test\n  allow_failure: true\n"
    assert [s.line for s in of(signals({".gitlab-ci.yml": gitlab}), "ci-tests-nonblocking")] == [3]
    gating = workflow + "      - run: cargo test\n"
    found = signals({".github/workflows/t.yml": gating})
    assert [(s.line, s.detail) for s in of(found, "ci-tests")] == [(9, "job 't' runs `cargo test`")]
    assert not of(found, "ci-tests-nonblocking")


def test_local_reusable_workflow_is_followed(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/main.yml": "on: push\njobs:\n  call:\n    uses: ./.github/workflows/tests.yml\n",
            ".github/workflows/tests.yml": "on: workflow_call\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: cargo test\n",
        }
    )
    assert {s.path for s in of(found, "ci-tests")} == {".github/workflows/main.yml", ".github/workflows/tests.yml"}


def test_a_remote_reusable_workflow_handed_the_callers_tests_runs_them(signals: Signals) -> None:
    """An organisation's shared workflow given the caller's test tasks or command (``test-gradle-args:
    :api:test``) runs those tests; one given only lint arguments, or its tests switched off, does not."""
    call = (
        "on: push\njobs:\n  jvm:\n    uses: acme/github-workflows/.github/workflows/jvm-ci.yml@v0.6.1\n"
        "    with:\n      lint-gradle-args: :api:detekt\n{inputs}"
    )
    handed = call.format(inputs="      test-gradle-args: >-\n        :api:test\n        :api:integrationTest\n")
    (hit,) = of(signals({".github/workflows/ci.yml": handed}), "ci-tests")
    assert (hit.line, hit.detail) == (
        4,
        "calls reusable workflow acme/github-workflows/.github/workflows/jvm-ci.yml with "
        "`test-gradle-args: :api:test :api:integrationTest`",
    )
    for inputs in ("", "      run-tests: false\n", "      test-results-path: build/reports\n"):
        assert "ci-tests" not in categories(signals({".github/workflows/ci.yml": call.format(inputs=inputs)})), inputs
    switched_on = call.format(inputs="      run-tests: true\n")
    assert "ci-tests" in categories(signals({".github/workflows/ci.yml": switched_on}))


def test_tag_triggered_publish_is_release(signals: Signals) -> None:
    workflow = (
        "on:\n  push:\n    tags: ['v*']\njobs:\n  pub:\n    runs-on: x\n    steps:\n      - run: twine upload dist/*\n"
    )
    found = signals({".github/workflows/release.yml": workflow})
    assert {"release", "ci-deploy"} <= categories(found)


def test_a_job_s_production_environment_is_a_deploy_target_not_production_settings(signals: Signals) -> None:
    """``environment: production`` names where a job deploys (its secrets live in the CI system);
    production settings are files the project keeps for that environment."""
    workflow = "on: push\njobs:\n  d:\n    runs-on: x\n    environment: production\n    steps:\n      - run: echo\n"
    assert "prod-config" not in categories(signals({".github/workflows/d.yml": workflow}))
    settings = signals({".github/workflows/d.yml": workflow, "config/settings/production.py": "DEBUG = False\n"})
    assert [s.path for s in of(settings, "prod-config")] == ["config/settings/production.py"]


MANUAL_DEPLOY = """name: deploy
on: workflow_dispatch
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: flyctl deploy --remote-only
"""


def test_a_deploy_started_only_by_hand_is_its_own_category(signals: Signals) -> None:
    found = signals({".github/workflows/deploy.yml": MANUAL_DEPLOY})
    assert "ci-deploy" not in categories(found)
    (manual,) = of(found, "ci-deploy-manual")
    assert manual.path == ".github/workflows/deploy.yml" and "workflow_dispatch" in manual.detail
    pushed = signals({".github/workflows/deploy.yml": MANUAL_DEPLOY.replace("on: workflow_dispatch", "on: push")})
    assert "ci-deploy" in categories(pushed) and "ci-deploy-manual" not in categories(pushed)


def test_folded_command_is_found_at_its_first_line_and_sorts_with_located_signals(signals: Signals) -> None:
    # A command YAML folds from several lines is not in the file as parsed; its signal used to have
    # no line, and sorting it beside a signal of the same file with a line raised a TypeError.
    found = signals(
        {
            ".travis.yml": (
                "language: python\n"
                "script:\n"
                "  - ansible-playbook site.yml -i staging\n"
                "  - >\n"
                "    ansible-playbook site.yml -i production\n"
                "    --limit web\n"
            ),
        }
    )
    assert [s.line for s in of(found, "ci-deploy")] == [3, 5]
    assert list(found) == sorted(found)


def test_a_test_target_or_script_is_quoted_as_written(signals: Signals) -> None:
    workflow = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test-unit\n"
    (hit,) = of(signals({".github/workflows/ci.yml": workflow}), "ci-tests")
    assert hit.detail == "job 'build' runs `make test-unit`"
    script = workflow.replace("make test-unit", "bun run test:e2e:playwright")
    (named,) = of(signals({".github/workflows/ci.yml": script}), "ci-tests")
    assert named.detail == "job 'build' runs `bun run test:e2e:playwright`"


STALE_BOT = """\
name: Close stale issues
on:
  schedule:
    - cron: "0 3 * * 1"
jobs:
  stale:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/stale@v9
        with:
          days-before-stale: 60
"""
WELCOME_BOT = """\
name: Welcome
on:
  issues:
    types: [opened]
  pull_request_target:
    types: [opened]
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/first-interaction@v1
        with:
          issue-message: Thanks for the report!
"""
PR_LABELER = """\
name: Label pull requests
on: [pull_request]
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@v5
"""


def test_workflows_that_only_triage_issues_are_not_ci(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/stale.yml": STALE_BOT,
            ".github/workflows/greetings.yml": WELCOME_BOT,
            ".github/workflows/labeler.yml": PR_LABELER,
        }
    )
    assert "ci" not in categories(found)


def test_a_housekeeping_workflow_with_a_command_or_beside_a_build_is_ci(signals: Signals) -> None:
    busy_labeler = PR_LABELER + "      - run: npm ci && npm run lint\n"
    found = signals({".github/workflows/labeler.yml": busy_labeler})
    assert [s.path for s in of(found, "ci")] == [".github/workflows/labeler.yml"]
    found = signals({".github/workflows/stale.yml": STALE_BOT, ".github/workflows/ci.yml": WORKFLOW_TEST})
    assert [s.path for s in of(found, "ci")] == [".github/workflows/ci.yml"]


def test_services_that_read_only_the_root_ignore_copies_in_subfolders(signals: Signals) -> None:
    vendored = {
        "deps/libfoo/.travis.yml": "language: c\nscript: make check\n",
        "deps/libfoo/appveyor.yml": "build_script:\n  - nmake\n",
        "lib/bar/bitbucket-pipelines.yml": "pipelines:\n  default:\n    - step:\n        script: [make]\n",
        "lib/bar/.drone.yml": "kind: pipeline\nsteps:\n  - name: t\n    commands: [make]\n",
        "main.c": "int main(void) { return 0; }\n",
    }
    assert "ci" not in categories(signals(vendored))
    found = signals({**vendored, ".travis.yml": "language: c\nscript: make test\n"})
    assert [s.path for s in of(found, "ci")] == [".travis.yml"]


#: Small pipelines in each system's own convention: path -> (content, system named in the detail).
OTHER_SYSTEMS: dict[str, tuple[str, str]] = {
    ".build.yml": ("image: alpine/latest\ntasks:\n  - test: |\n      cd app\n      make check\n", "sourcehut"),
    ".builds/freebsd.yml": ("image: freebsd/latest\ntasks:\n  - build: make\n", "sourcehut"),
    "codemagic.yaml": ("workflows:\n  ios:\n    scripts:\n      - script: flutter test\n", "Codemagic"),
    ".taskcluster.yml": ("version: 1\ntasks:\n  - provisionerId: ci\n", "Taskcluster"),
    ".onedev-buildspec.yml": ("version: 16\njobs:\n- name: CI\n  steps: []\n", "OneDev"),
    "screwdriver.yaml": (
        "jobs:\n  main:\n    requires: [~pr, ~commit]\n    steps:\n      - test: npm test\n",
        "Screwdriver",
    ),
    "shippable.yml": ("language: ruby\nscript:\n  - bundle exec rspec\n", "Shippable"),
    "wercker.yml": ("box: node:20\nbuild:\n  steps:\n    - npm-install\n", "Wercker"),
    ".zuul.yaml": ("- project:\n    check:\n      jobs:\n        - tox-py312\n", "Zuul"),
    "zuul.d/jobs.yaml": ("- job:\n    name: app-functional\n    parent: base\n", "Zuul"),
    ".gocd.yaml": ("format_version: 10\npipelines:\n  app:\n    group: g\n", "GoCD"),
    "ci/app.gocd.yaml": ("format_version: 10\npipelines:\n  app-deploy:\n    group: g\n", "GoCD"),
    ".harness/ci.yaml": ("pipeline:\n  name: ci\n  stages: []\n", "Harness"),
    ".tekton/on-push.yaml": ("apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: on-push\n", "Tekton"),
    "bamboo-specs/bamboo.yml": ("version: 2\nplan:\n  project-key: APP\n  key: CI\n", "Bamboo"),
    ".teamcity/settings.kts": ('version = "2024.03"\nproject {\n    buildType(Build)\n}\n', "TeamCity"),
    ".drone.jsonnet": ("{\n  kind: 'pipeline',\n  name: 'default',\n  steps: [],\n}\n", "Drone"),
    ".drone.star": ('def main(ctx):\n    return {"kind": "pipeline", "steps": []}\n', "Drone"),
    ".cirrus.star": ('load("cirrus", "fs")\n\ndef main(ctx):\n    return fs.read("ci/tasks.yml")\n', "Cirrus"),
    ".vsts-ci.yml": ("steps:\n- script: dotnet build\n", "Azure Pipelines"),
    "deploy/cloudbuild-prod.yaml": (
        "steps:\n- name: gcr.io/cloud-builders/docker\n  args: [build, .]\n",
        "Cloud Build",
    ),
    "buildspec-test.yml": ("version: 0.2\nphases:\n  build:\n    commands:\n      - make test\n", "CodeBuild"),
    "ci/pipeline.yml": (
        "resources:\n- name: repo\n  type: git\n  source: {uri: {{repo-uri}}}\njobs:\n- name: test\n  plan:\n"
        "  - get: repo\n    trigger: true\n  - task: unit\n    file: repo/ci/tasks/unit.yml\n",
        "Concourse",
    ),
    "jenkins/build.groovy": (
        "// Build job\npipeline {\n    agent any\n    stages {\n        stage('Test') {\n"
        "            steps { sh 'make test' }\n        }\n    }\n}\n",
        "Jenkins",
    ),
}


def test_other_ci_systems_are_recognised_by_name_and_shape(signals: Signals) -> None:
    for path, (content, system) in OTHER_SYSTEMS.items():
        found = of(signals({path: content}), "ci")
        assert [s.path for s in found] == [path], path
        assert system in (found[0].detail or ""), (path, found[0].detail)


def test_files_with_a_ci_name_but_another_shape_are_not_ci(signals: Signals) -> None:
    others = {
        ".build.yml": "name: docs\noutput: site/\n",  # another tool's build settings
        "zuul.yaml": "zuul:\n  routes:\n    api: /api/**\n",  # Netflix Zuul gateway routes
        "wercker.yml": "box: golang\n",  # an image and no pipeline
        ".tekton/build-task.yaml": "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: build\n",
        ".harness/inputs.yaml": "inputSet:\n  name: prod\n",
        "buildspec-notes.yml": "notes:\n  - the buildspec lives in the console\n",
        "cloudbuild-substitutions.yaml": "_REGION: europe-west1\n",
        "ci/tasks/unit.yml": "platform: linux\nrun:\n  path: make\n  args: [test]\n",  # no image, no inputs: no task
        "task.yml": "platform: linux\nimage_resource: {type: docker-image}\nrun: {path: make}\n",  # not in a CI folder
        "ci/jobs.yml": "jobs:\n  - name: nightly\n    schedule: daily\n",
        "vars/deployApp.groovy": "def call(Map args) {\n    node { stage('Deploy') { sh 'make deploy' } }\n}\n",
        "ci/Helpers.groovy": "class Helpers {\n    static String tag(String v) { return 'v' + v }\n}\n",
        "settings.kts": 'rootProject.name = "app"\n',
    }
    assert "ci" not in categories(signals(others))


def test_concourse_tasks_kept_for_a_pipeline_defined_elsewhere_are_ci(signals: Signals) -> None:
    """Teams with one central Concourse pipeline keep each repository's task files in its ``ci/``
    folder: the task runs a script from the input it names (``dp-api/ci/scripts/unit.sh``)."""
    task = (
        "---\nplatform: linux\nimage_resource:\n  type: docker-image\n  source:\n    repository: golang\n"
        "inputs:\n  - name: dp-api\nrun:\n  path: dp-api/ci/scripts/unit.sh\n"
    )
    files = {
        "ci/unit.yml": task,
        "ci/scripts/unit.sh": "#!/bin/bash -eux\nmake test\n",
        "Makefile": "test:\n\tgo test -race ./...\n",
    }
    found = signals(files)
    assert [(s.path, s.detail) for s in of(found, "ci")] == [("ci/unit.yml", "Concourse task configuration")]
    (hit,) = of(found, "ci-tests")
    assert (hit.path, hit.line) == ("ci/unit.yml", 10)
    assert "ci/scripts/unit.sh" in (hit.detail or "")
    inline = task.replace("  path: dp-api/ci/scripts/unit.sh\n", "  path: sh\n  args: [-exc, 'go test ./...']\n")
    assert [s.line for s in of(signals({"ci/unit.yml": inline}), "ci-tests")] == [11]  # the script's line


def test_xcode_cloud_scripts_next_to_the_xcode_project_are_ci(signals: Signals) -> None:
    script = "#!/bin/sh\nset -e\nbrew install cocoapods\npod install\n"
    found = signals({"ios/ci_scripts/ci_post_clone.sh": script, "ios/Runner.xcodeproj/project.pbxproj": "{}\n"})
    assert [(s.path, s.detail) for s in of(found, "ci")] == [
        ("ios/ci_scripts/ci_post_clone.sh", "Xcode Cloud configuration")
    ]
    assert "ci" not in categories(signals({"ci_scripts/ci_post_clone.sh": script, "app.py": "print(1)\n"}))


def test_a_ci_file_name_borrowed_by_another_system_is_read_as_that_system(signals: Signals) -> None:
    azure = "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: mkdocs build\n"
    found = of(signals({".build.yml": azure}), "ci")
    assert [(s.path, s.detail) for s in found] == [(".build.yml", "Azure Pipelines configuration")]


def test_tests_run_by_named_steps_exec_tasks_and_orb_jobs(signals: Signals) -> None:
    sourcehut = "image: debian/stable\ntasks:\n  - setup: pip install .\n  - test: |\n      cd app\n      pytest -q\n"
    screwdriver = (
        "jobs:\n  main:\n    requires: [~pr, ~commit]\n    steps:\n      - install: npm ci\n      - test: npm test\n"
    )
    gocd = (
        "format_version: 10\npipelines:\n  app:\n    group: g\n    stages:\n      - unit:\n          jobs:\n"
        "            test:\n              tasks:\n                - exec:\n                    command: go\n"
        "                    arguments: [test, ./...]\n"
    )
    orb = "version: 2.1\norbs:\n  python: circleci/python@2.1\nworkflows:\n  main:\n    jobs:\n      - python/test\n"
    package = {"package.json": '{"scripts": {"test": "vitest run"}}'}
    for path, content in (
        (".build.yml", sourcehut),
        ("screwdriver.yaml", screwdriver),
        (".gocd.yaml", gocd),
        (".circleci/config.yml", orb),
    ):
        tests = of(signals({path: content, **package}), "ci-tests")
        assert [s.path for s in tests] == [path], path
    idle = "image: debian/stable\ntasks:\n  - build: make\n"
    assert "ci-tests" not in categories(signals({".build.yml": idle}))
    lint_orb = orb.replace("python/test", "python/lint")
    assert "ci-tests" not in categories(signals({".circleci/config.yml": lint_orb}))


def test_expo_workflows_app_center_scripts_and_cloud_build_json_are_ci(signals: Signals) -> None:
    eas = "name: Build\non:\n  push:\n    branches: [main]\njobs:\n  build_ios:\n    type: build\n    params:\n      platform: ios\n"
    appcenter = "#!/usr/bin/env bash\nset -ex\nnpm ci\nnpm run build:config\n"
    cloudbuild = (
        '{\n  "steps": [\n    {"name": "gcr.io/cloud-builders/gcloud", "args": ["run", "deploy", "web"]}\n  ]\n}\n'
    )
    found = signals(
        {
            ".eas/workflows/build.yml": eas,
            "mobile/appcenter-post-clone.sh": appcenter,
            "cloudbuild.json": cloudbuild,
            "cloudbuild-staging.json": cloudbuild,
        }
    )
    assert {(s.path, s.detail) for s in of(found, "ci")} == {
        (".eas/workflows/build.yml", "EAS Workflows configuration"),
        ("mobile/appcenter-post-clone.sh", "App Center Build configuration"),
        ("cloudbuild.json", "Cloud Build configuration"),
        ("cloudbuild-staging.json", "Cloud Build configuration"),
    }
    assert any("gcloud run deploy" in (s.detail or "") for s in of(found, "ci-deploy"))
    others = {".eas/workflows/README.yml": "notes: see docs\n", "cloudbuild-vars.json": '{"_REGION": "eu"}\n'}
    assert "ci" not in categories(signals(others))


def test_azure_pipelines_kept_in_a_nested_pipelines_folder(signals: Signals) -> None:
    pipeline = (
        "trigger:\n  branches:\n    include: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: dotnet test\n"
    )
    found = signals({".azure/pipelines/ci.yml": pipeline, "eng/pipelines/nightly.yml": pipeline})
    assert {(s.path, s.detail) for s in of(found, "ci")} == {
        (".azure/pipelines/ci.yml", "Azure Pipelines configuration"),
        ("eng/pipelines/nightly.yml", "Azure Pipelines configuration"),
    }
    template = "parameters:\n  - name: config\nsteps:\n  - script: dotnet build\n"
    others = {"eng/pipelines/templates/build.yml": template, "src/app/config/pipeline.yml": pipeline}
    assert "ci" not in categories(signals(others))


def test_pipelines_written_as_programs_are_read_line_by_line(signals: Signals) -> None:
    jsonnet = "local step(cmds) = {image: 'golang:1.22', commands: cmds};\n{\n  kind: 'pipeline',\n"
    jsonnet += "  // steps: [step(['make lint'])],\n  steps: [step(['go vet ./...', 'go test ./...'])],\n}\n"
    tests = of(signals({".drone.jsonnet": jsonnet}), "ci-tests")
    assert [(s.path, s.line) for s in tests] == [(".drone.jsonnet", 5)]
    only_lint = jsonnet.replace("'go test ./...'", "'golangci-lint run'")
    assert "ci-tests" not in categories(signals({".drone.jsonnet": only_lint}))


def test_teamcity_maven_and_gradle_steps_are_read_as_their_commands(signals: Signals) -> None:
    settings = (
        'project {\n    buildType {\n        steps {\n            maven {\n                goals = "clean verify"\n'
    )
    settings += "            }\n        }\n    }\n}\n"
    tests = of(signals({".teamcity/settings.kts": settings, "pom.xml": "<project/>\n"}), "ci-tests")
    assert [(s.path, s.line) for s in tests] == [(".teamcity/settings.kts", 5)]
    compile_only = settings.replace("clean verify", "clean compile")
    assert "ci-tests" not in categories(signals({".teamcity/settings.kts": compile_only}))


def test_bitrise_test_and_script_steps_are_read_as_commands(signals: Signals) -> None:
    bitrise = (
        'format_version: "13"\nworkflows:\n  primary:\n    steps:\n    - git-clone@8: {}\n'
        "    - script@1:\n        inputs:\n        - content: |-\n            set -e\n            npm ci\n"
        "    - android-unit-test@1:\n        inputs:\n        - variant: debug\n"
    )
    tests = of(signals({"bitrise.yml": bitrise}), "ci-tests")
    assert [(s.path, s.line) for s in tests] == [("bitrise.yml", 11)]
    scripted = bitrise.replace("    - android-unit-test@1:\n        inputs:\n        - variant: debug\n", "")
    assert "ci-tests" not in categories(signals({"bitrise.yml": scripted}))
    assert "ci-tests" in categories(signals({"bitrise.yml": scripted.replace("npm ci", "npm ci && npm test")}))


def test_a_script_run_after_cd_is_found_in_that_folder(signals: Signals) -> None:
    files = {"tests/run.sh": "#!/bin/sh\npython -m pytest -q\n", "run.sh": "#!/bin/sh\necho building\n"}
    step = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: |\n          {}\n"
    for run in ("cd tests\n          ./run.sh", "cd tests && ./run.sh", "cd ./tests; ./run.sh"):
        found = of(signals({".github/workflows/ci.yml": step.format(run), **files}), "ci-tests")
        assert found and "tests/run.sh" in (found[0].detail or ""), run
    for run in ("./run.sh", "cd tests\n          cd ..\n          ./run.sh", "cd $HOME && ./run.sh"):
        assert "ci-tests" not in categories(signals({".github/workflows/ci.yml": step.format(run), **files})), run


def test_a_script_run_in_a_working_directory_is_found_there(signals: Signals) -> None:
    files = {"backend/ci/test.sh": "#!/bin/sh\ngo test ./...\n"}
    step = "      - run: ./ci/test.sh\n        working-directory: backend\n"
    workflow = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n" + step
    assert "ci-tests" in categories(signals({".github/workflows/ci.yml": workflow, **files}))
    defaults = "on: push\njobs:\n  t:\n    runs-on: x\n    defaults:\n      run:\n        working-directory: backend\n"
    defaults += "    steps:\n      - run: ./ci/test.sh\n"
    assert "ci-tests" in categories(signals({".github/workflows/ci.yml": defaults, **files}))
    elsewhere = workflow.replace("working-directory: backend", "working-directory: frontend")
    assert "ci-tests" not in categories(signals({".github/workflows/ci.yml": elsewhere, **files}))


def test_npm_test_runs_the_script_of_the_package_it_runs_in(signals: Signals) -> None:
    """A workspace's root ``package.json`` keeps npm init's placeholder; each package has its tests,
    run one job per package (``working-directory: packages/${{ matrix.package }}``, or ``cd``)."""
    files = {
        "package.json": '{"scripts": {"test": "echo \\"Error: no test specified\\" && exit 1"}}',
        "packages/api/package.json": '{"scripts": {"test": "node --test test/"}}',
        "packages/ui/package.json": '{"scripts": {"build": "tsc"}}',
    }
    matrix = "on: push\njobs:\n  t:\n    strategy:\n      matrix:\n        package: [api, ui]\n    steps:\n"
    for step in (
        "      - run: npm test\n        working-directory: packages/${{ matrix.package }}\n",
        "      - run: cd packages/${{ matrix.package }} && npm test\n",
    ):
        found = of(signals({".github/workflows/ci.yml": matrix + step, **files}), "ci-tests")
        assert [s.detail for s in found] == ["job 't' runs `npm test`"], step
    at_root = matrix + "      - run: npm test\n"
    assert "ci-tests" not in categories(signals({".github/workflows/ci.yml": at_root, **files}))
    in_ui = matrix + "      - run: npm test\n        working-directory: packages/ui\n"
    assert "ci-tests" not in categories(signals({".github/workflows/ci.yml": in_ui, **files}))
