"""CI that does the work indirectly: one test per kind of miss, on synthetic repositories."""

from __future__ import annotations

from pathlib import Path

from pocmvp_lint.detectors.ci_catalogue import markdown_tables
from tests.detectors.conftest import Signals, categories, of


def _workflow(on: str, steps: str, job_if: str = "") -> str:
    return (
        f"name: Build\non:\n{on}\njobs:\n  build:\n    runs-on: ubuntu-latest\n{job_if}"
        f"    steps:\n      - uses: actions/checkout@v4\n{steps}"
    )


CIRCLE_V1 = """\
machine:
  python:
    version: 3.11
dependencies:
  pre:
    - pip install pytest-cov pytest-django
test:
  override:
    - py.test --cov
deployment:
  staging:
    branch: main
    commands:
      - ./bin/ship.sh my-app
"""


def test_circleci_1_phases_run_tests_and_a_deploy_script(signals: Signals) -> None:
    found = signals({"circle.yml": CIRCLE_V1, "bin/ship.sh": "#!/bin/sh\ngit push heroku main -f\n"})
    tests = of(found, "ci-tests")
    assert tests and tests[0].line == 9, "the pip install line names pytest but does not run it"
    deploy = of(found, "ci-deploy")
    assert deploy and "bin/ship.sh" in deploy[0].detail and "git push heroku" in deploy[0].detail


SEED = """\
before_build:
  - npm test
after_deploy:
  - npx serverless deploy --stage prod
"""


def test_a_seed_build_spec_is_ci_and_its_steps_are_jobs(signals: Signals) -> None:
    found = signals({"seed.yml": SEED})
    assert [(s.path, s.detail) for s in of(found, "ci")] == [("seed.yml", "Seed configuration")]
    assert [s.line for s in of(found, "ci-tests")] == [2]
    assert [s.line for s in of(found, "ci-deploy")] == [4]


def test_a_monorepo_seed_spec_with_only_change_detection_is_ci(signals: Signals) -> None:
    assert [s.path for s in of(signals({"seed.yml": "check_code_change: lerna\n"}), "ci")] == ["seed.yml"]


def test_seed_data_named_seed_yml_is_not_ci(signals: Signals) -> None:
    users = "users:\n  - name: admin\n    before_build: no\n"
    found = signals({"seed.yml": users, "db/seed.yml": SEED, "config/seed.yml": "check_code_change: lerna\n"})
    assert "ci" not in categories(found)


def test_package_install_is_not_a_test_run(signals: Signals) -> None:
    found = signals({".gitlab-ci.yml": "build:\n  script:\n    - pip install pytest-cov\n"})
    assert "ci-tests" not in categories(found)


def test_npm_script_that_runs_a_test_file(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/ci.yml": _workflow("  push:", "      - run: npm run test-backend\n"),
            "package.json": '{"scripts": {"test-backend": "node test/run-backend-tests.mjs"}}',
        }
    )
    assert "npm run test" in of(found, "ci-tests")[0].detail


def test_npm_script_that_runs_a_non_test_file_is_not_a_test_run(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/ci.yml": _workflow("  push:", "      - run: npm run test-build\n"),
            "package.json": '{"scripts": {"test-build": "node scripts/latest.mjs"}}',
        }
    )
    assert "ci-tests" not in categories(found)


def test_gitlab_job_running_a_test_file(signals: Signals) -> None:
    found = signals({".gitlab-ci.yml": "unit:\n  stage: test\n  script:\n    - ruby simpletest.rb\n"})
    assert of(found, "ci-tests")[0].line == 4


def test_gitlab_job_calling_a_repository_script_that_runs_tests(signals: Signals) -> None:
    found = signals(
        {
            ".gitlab-ci.yml": "check:\n  script:\n    - ./scripts/ci.sh\n",
            "scripts/ci.sh": "#!/bin/sh\nset -e\n# pytest is run below\nbundle exec rspec\n",
        }
    )
    assert "scripts/ci.sh" in of(found, "ci-tests")[0].detail


def test_workspace_runner_runs_tests(signals: Signals) -> None:
    found = signals({".github/workflows/ci.yml": _workflow("  push:", "      - run: npx nx run-many -t test\n")})
    assert "ci-tests" in categories(found)


AZURE = """\
trigger:
  - main
stages:
  - stage: UnitTests
    jobs:
      - job: Test
        pool:
          vmImage: ubuntu-latest
        steps:
          - task: DotNetCoreCLI@2
            inputs:
              command: build
          - task: DotNetCoreCLI@2
            inputs:
              command: test
              projects: '**/*.Tests.csproj'
  - stage: Publish
    jobs:
      - job: Publish
        steps:
          - task: GitHubRelease@1
            inputs:
              action: create
              tag: v$(Build.BuildNumber)
"""


def test_azure_pipeline_tasks_test_and_publish(signals: Signals) -> None:
    found = signals({"azure-pipelines.yml": AZURE})
    assert "dotnet test" in of(found, "ci-tests")[0].detail
    assert "GitHubRelease" in of(found, "ci-deploy")[0].detail
    assert "GitHubRelease" in of(found, "release")[0].detail


def test_azure_build_only_is_not_a_test_run(signals: Signals) -> None:
    found = signals(
        {"azure-pipelines.yml": AZURE.split("  - stage: Publish")[0].replace("command: test", "command: publish")}
    )
    assert not {"ci-tests", "ci-deploy", "release"} & categories(found)


def test_winget_publish_on_release(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/winget.yml": _workflow(
                "  release:\n    types: [released]", "      - uses: vedantmgoyal9/winget-releaser@main\n"
            )
        }
    )
    assert {"ci-deploy", "release"} <= categories(found)


COMPOSITE = """\
name: build
runs:
  using: composite
  steps:
    - uses: docker/login-action@v3
    - uses: docker/build-push-action@v6
      with:
        outputs: type=image,name=org/app,push-by-digest=true,push=true
"""


def test_tag_triggered_workflow_publishing_through_a_local_composite_action(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/images.yml": _workflow(
                "  push:\n    tags: ['v*']", "      - uses: ./.github/actions/build\n"
            ),
            ".github/actions/build/action.yml": COMPOSITE,
        }
    )
    assert of(found, "ci-deploy")[0].path == ".github/actions/build/action.yml"
    assert of(found, "release")[0].path == ".github/workflows/images.yml"


def test_build_push_action_without_push_publishes_nothing(signals: Signals) -> None:
    steps = "      - uses: docker/build-push-action@v6\n        with:\n          push: false\n"
    found = signals({".github/workflows/images.yml": _workflow("  push:\n    tags: ['v*']", steps)})
    assert not {"ci-deploy", "release"} & categories(found)


def test_job_if_on_tags_makes_a_release(signals: Signals) -> None:
    steps = "      - uses: docker/build-push-action@v6\n        with:\n          push: true\n"
    found = signals(
        {
            ".github/workflows/ci.yml": _workflow(
                "  push:\n    branches: [main]", steps, "    if: startsWith(github.ref, 'refs/tags/')\n"
            )
        }
    )
    assert "release" in categories(found)
    branch_only = signals({".github/workflows/ci.yml": _workflow("  push:\n    branches: [main]", steps)})
    assert "release" not in categories(branch_only)


def test_image_script_after_registry_login_publishes(signals: Signals) -> None:
    steps = (
        "      - uses: docker/login-action@v3\n        with:\n          username: me\n"
        "      - run: npm run build-docker\n"
    )
    found = signals({".github/workflows/docker.yml": _workflow("  schedule:\n    - cron: '0 2 * * *'", steps)})
    assert "after a registry login" in of(found, "ci-deploy")[0].detail
    no_login = signals(
        {
            ".github/workflows/docker.yml": _workflow(
                "  schedule:\n    - cron: '0 2 * * *'", "      - run: npm run build-docker\n"
            )
        }
    )
    assert "ci-deploy" not in categories(no_login)


def test_action_named_for_deploying_is_a_deploy(signals: Signals) -> None:
    steps = "      - uses: example-org/deploy-actions/docker-push@v1\n        with:\n          image: x\n"
    found = signals({".github/workflows/ci.yml": _workflow("  push:", steps)})
    assert "ci-deploy" in categories(found)
    report = signals(
        {".github/workflows/ci.yml": _workflow("  push:", "      - uses: example/publish-unit-test-result-action@v2\n")}
    )
    assert "ci-deploy" not in categories(report)


def test_manual_release_pipeline_with_a_version_input(signals: Signals) -> None:
    on = "  workflow_dispatch:\n    inputs:\n      version:\n        required: true"
    found = signals({".github/workflows/release.yml": _workflow(on, "      - run: node scripts/prepare.mjs\n")})
    assert "workflow_dispatch" in of(found, "release")[0].detail
    plain = signals({".github/workflows/lint.yml": _workflow(on, "      - run: node scripts/prepare.mjs\n")})
    assert "release" not in categories(plain)


def test_versioned_release_script(signals: Signals) -> None:
    script = "#!/usr/bin/env bash\nversion=$(<version.txt)\ngit tag v${version}\ngit push origin v${version}\n"
    assert "release" in categories(signals({"scripts/release.sh": script, "version.txt": "1.0.0\n"}))
    commented = "#!/bin/sh\n# git tag v1 && git push\necho later\n"
    assert "release" not in categories(signals({"scripts/release.sh": commented}))


def test_a_module_that_names_release_commands_is_no_release_script(signals: Signals) -> None:
    """A tool's own code may name release commands (a detector, a wrapper): modules of a Python
    package or of a src/ tree are not scripts anyone runs to release."""
    code = 'RELEASE_COMMANDS = ("semantic-release", "goreleaser release")\n'
    modules = {"mytool/__init__.py": "", "mytool/release.py": code, "src/release.ts": "npx semantic-release\n"}
    assert "release" not in categories(signals(modules))
    scripts = {"tools/release.py": "import subprocess\nsubprocess.run(['npx', 'semantic-release'])\n"}
    assert [s.path for s in of(signals(scripts), "release")] == ["tools/release.py"]


def test_lerna_json_alone_is_not_release_machinery(signals: Signals) -> None:
    found = signals({"lerna.json": '{"packages": ["services/*"], "version": "independent"}'})
    assert "release" not in categories(found)


def test_detection_doc_carries_the_catalogue_tables() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "detection.md").read_text(encoding="utf-8")
    assert markdown_tables() in doc, "regenerate docs/detection.md from ci_catalogue.markdown_tables()"
