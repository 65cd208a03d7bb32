"""CI that does the work indirectly: one test per kind of miss, on synthetic repositories."""

from __future__ import annotations

from pathlib import Path

from pocmvp_lint.detectors.ci_catalogue import AZURE_DEPLOY_TASKS, AZURE_TASK_COMMANDS, markdown_tables
from pocmvp_lint.detectors.signal import Signal
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


def test_a_circleci_1_deployment_target_running_a_deploy_script_deploys(signals: Signals) -> None:
    """``deployment: <target>:`` of a ``circle.yml`` is where CircleCI 1.0 deploys: a command named for
    deploying there deploys, even when its script lives in a submodule the listing does not hold."""
    circle = CIRCLE_V1.replace("./bin/ship.sh my-app", "scripts/rolling_deploy.sh api production ${PWD}")
    (hit,) = of(signals({"circle.yml": circle}), "ci-deploy")
    assert (hit.line, hit.detail) == (
        14,
        "job 'deployment.staging' runs `scripts/rolling_deploy.sh api production ${PWD}` in environment 'staging'",
    )
    tested = circle.replace("deployment:\n  staging:", "notify:\n  staging:")
    assert "ci-deploy" not in categories(signals({"circle.yml": tested}))


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


HEROKU_CI = """\
{
  "name": "ledger",
  "environments": {
    "test": {
      "addons": ["heroku-postgresql:in-dyno"],
      "scripts": {
        "test-setup": "bin/rails db:schema:load",
        "test": "bundle exec rspec"
      }
    }
  }
}
"""


def test_heroku_ci_in_app_json_is_ci_and_its_test_script_a_test_run(signals: Signals) -> None:
    found = signals({"app.json": HEROKU_CI})
    assert [(s.path, s.detail) for s in of(found, "ci")] == [("app.json", "Heroku CI configuration")]
    assert [(s.path, s.line) for s in of(found, "ci-tests")] == [("app.json", 8)]
    # Heroku CI with the buildpack's own test command: configured, no test command written
    setup_only = HEROKU_CI.replace('"test": "bundle exec rspec"', '"test-setup-2": "true"')
    found = signals({"app.json": setup_only})
    assert [s.path for s in of(found, "ci")] == ["app.json"] and "ci-tests" not in categories(found)


def test_laravel_dusk_browser_tests_are_a_test_run(signals: Signals) -> None:
    dusk = HEROKU_CI.replace('"bin/rails db:schema:load"', '"cp .env.testing .env"').replace(
        '"bundle exec rspec"', '"php artisan serve --no-reload & php artisan dusk"'
    )
    found = signals({"app.json": dusk})
    assert [(s.line, s.detail) for s in of(found, "ci-tests")] == [(8, "job 'test' runs `php artisan dusk`")]
    workflow = (
        "on: push\njobs:\n  browser:\n    runs-on: ubuntu-latest\n    steps:\n      - run: php artisan dusk --env=ci\n"
    )
    assert [s.line for s in of(signals({".github/workflows/dusk.yml": workflow}), "ci-tests")] == [6]


def test_an_app_json_without_a_test_environment_is_not_heroku_ci(signals: Signals) -> None:
    review = '{"environments": {"review": {"scripts": {"postdeploy": "bin/seed"}}}, "scripts": {"test": "npm test"}}'
    expo = '{"expo": {"name": "ledger", "slug": "ledger"}}'
    # Heroku reads app.json at the root only: one in docs/ or another folder is an example
    found = signals({"app.json": review, "mobile/app.json": expo, "docs/heroku/app.json": HEROKU_CI})
    assert "ci" not in categories(found) and "ci-tests" not in categories(found)


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


# ---- deploys written in each CI system's own terms ---------------------------------------------


def _deploys(found: tuple[Signal, ...]) -> list[str]:
    return [f"{s.path}:{s.line} {s.detail}" for s in of(found, "ci-deploy")]


GITLAB_INCLUDING = """\
include:
  - local: .gitlab/ci/build.yml
  - '/.gitlab/ci/deploy/*.yml'
  - project: other/group
    file: /templates/publish.yml
  - remote: https://example.com/ci.yml
stages: [build, deploy]
"""


def test_gitlab_local_includes_are_followed(signals: Signals) -> None:
    found = signals(
        {
            ".gitlab-ci.yml": GITLAB_INCLUDING,
            ".gitlab/ci/build.yml": "include: .gitlab/ci/nested.yml\nbuild:\n  script:\n    - make\n",
            ".gitlab/ci/nested.yml": "push-image:\n  script:\n    - docker push registry.example.com/app\n",
            ".gitlab/ci/deploy/prod.yml": "deploy-prod:\n  script:\n    - echo go\n    - kubectl apply -f k8s/\n",
            ".gitlab/ci/unused.yml": "other:\n  script:\n    - npm publish\n",
        }
    )
    assert sorted(_deploys(found)) == [
        ".gitlab/ci/deploy/prod.yml:4 job 'deploy-prod' runs `kubectl apply`",
        ".gitlab/ci/nested.yml:3 job 'push-image' runs `docker push`",
    ]


def test_gitlab_jobs_run_the_scripts_of_the_templates_they_extend(signals: Signals) -> None:
    ci = (
        "include: ci/templates.yml\n"
        "deploy-prod:\n  extends: .deploy\n  variables:\n    ENV: prod\n"
        "lint:\n  extends: [.node]\n  script:\n    - npm run lint\n"
    )
    templates = ".deploy:\n  script:\n    - helm upgrade --install app ./chart\n.node:\n  image: node:20\n"
    found = signals({".gitlab-ci.yml": ci, "ci/templates.yml": templates})
    assert [s.detail for s in of(found, "ci-deploy")] == ["job 'deploy-prod' runs `helm upgrade`"]
    alone = signals(
        {"ci/templates.yml": templates, ".gitlab-ci.yml": "include: ci/templates.yml\nlint:\n  script: [make]\n"}
    )
    assert "ci-deploy" not in categories(alone), "a template no job extends runs nothing"


def test_gitlab_child_pipelines_are_read(signals: Signals) -> None:
    ci = "deploy:\n  trigger:\n    include: ci/deploy.yml\n    strategy: depend\n"
    child = "apply:\n  script:\n    - terraform apply -auto-approve\n"
    assert _deploys(signals({".gitlab-ci.yml": ci, "ci/deploy.yml": child})) == [
        "ci/deploy.yml:3 job 'apply' runs `terraform apply`"
    ]


def test_gitlab_includes_stop_at_three_levels(signals: Signals) -> None:
    files = {".gitlab-ci.yml": "include: ci/a1.yml\n"}
    for level in range(1, 6):
        files[f"ci/a{level}.yml"] = f"include: ci/a{level + 1}.yml\njob{level}:\n  script:\n    - npm publish\n"
    found = signals(files)
    assert sorted(s.path for s in of(found, "ci-deploy")) == ["ci/a1.yml", "ci/a2.yml", "ci/a3.yml"]


CLOUD_BUILD = """\
steps:
  - name: gcr.io/cloud-builders/docker
    args: ['build', '-t', 'gcr.io/$PROJECT_ID/app', '.']
  - name: gcr.io/cloud-builders/docker
    args: ['push', 'gcr.io/$PROJECT_ID/app']
  - name: gcr.io/google.com/cloudsdktool/cloud-sdk
    entrypoint: gcloud
    args: ['run', 'deploy', 'app', '--image', 'gcr.io/$PROJECT_ID/app']
"""


def test_cloud_build_steps_are_read_as_commands(signals: Signals) -> None:
    assert _deploys(signals({"cloudbuild.yaml": CLOUD_BUILD})) == [
        "cloudbuild.yaml:4 runs `docker push`",
        "cloudbuild.yaml:6 runs `gcloud run deploy`",
    ]
    images = "steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, gcr.io/p/app, .]\nimages:\n  - gcr.io/p/app\n"
    assert _deploys(signals({"cloudbuild.yaml": images})) == [
        "cloudbuild.yaml:4 Cloud Build `images:` pushes gcr.io/p/app"
    ]
    build_only = "steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, app, .]\n"
    assert "ci-deploy" not in categories(signals({"cloudbuild.yaml": build_only}))


BITBUCKET = """\
pipelines:
  branches:
    main:
      - step:
          name: Build
          script:
            - npm ci
            - pipe: atlassian/aws-cloudfront-invalidate:0.6.0
      - step:
          name: Ship
          script:
            - pipe: atlassian/aws-s3-deploy:1.1.0
              variables:
                S3_BUCKET: my-site
            - pipe: example/cache-push:1.0.0
"""


def test_bitbucket_pipes_that_deploy(signals: Signals) -> None:
    assert _deploys(signals({"bitbucket-pipelines.yml": BITBUCKET})) == [
        "bitbucket-pipelines.yml:12 job 'Ship' uses pipe atlassian/aws-s3-deploy",
        "bitbucket-pipelines.yml:15 job 'Ship' uses pipe example/cache-push",
    ]
    dry = BITBUCKET.replace("S3_BUCKET: my-site", "DRY_RUN: 'true'").replace("example/cache-push", "x/lint")
    assert "ci-deploy" not in categories(signals({"bitbucket-pipelines.yml": dry}))


DRONE = """\
kind: pipeline
type: docker
name: default
steps:
  - name: test
    image: golang:1.22
    commands:
      - go test ./...
  - name: publish
    image: plugins/docker:20
    settings:
      repo: example/app
      tags: latest
"""


def test_drone_and_woodpecker_plugin_steps(signals: Signals) -> None:
    assert _deploys(signals({".drone.yml": DRONE})) == [".drone.yml:10 job 'publish' uses plugin plugins/docker"]
    dry = DRONE.replace("tags: latest", "dry_run: true")
    assert "ci-deploy" not in categories(signals({".drone.yml": dry}))
    woodpecker = "steps:\n  upload:\n    image: woodpeckerci/plugin-s3\n    settings:\n      bucket: site\n"
    assert _deploys(signals({".woodpecker.yml": woodpecker})) == [
        ".woodpecker.yml:3 job 'upload' uses plugin woodpeckerci/plugin-s3"
    ]
    old_drone = "pipeline:\n  image:\n    image: plugins/docker\n    repo: example/app\n"
    assert "ci-deploy" in categories(signals({".drone.yml": old_drone}))


CIRCLE_ORBS = """\
version: 2.1
orbs:
  aws-ecr: circleci/aws-ecr@9.0.0
  node: circleci/node@5.0.0
jobs:
  ship:
    docker:
      - image: cimg/base:current
    steps:
      - checkout
      - heroku/deploy-via-git
workflows:
  main:
    jobs:
      - node/test
      - aws-ecr/build-and-push-image:
          repo: app
"""


def test_circleci_orb_jobs_that_push_or_deploy(signals: Signals) -> None:
    assert _deploys(signals({".circleci/config.yml": CIRCLE_ORBS})) == [
        ".circleci/config.yml:16 job 'aws-ecr/build-and-push-image' uses orb aws-ecr/build-and-push-image"
    ], "heroku is no declared orb; node/test does not deploy"
    declared = CIRCLE_ORBS.replace("  node: circleci/node@5.0.0", "  heroku: circleci/heroku@2.0.0")
    assert len(of(signals({".circleci/config.yml": declared}), "ci-deploy")) == 2
    helm = CIRCLE_ORBS.replace("node: circleci/node@5.0.0", "helm: circleci/helm@3.0.0").replace(
        "- node/test", "- helm/upgrade-helm-chart:\n          chart: ./chart"
    )
    assert len(of(signals({".circleci/config.yml": helm}), "ci-deploy")) == 2
    no_push = CIRCLE_ORBS.replace("repo: app", "repo: app\n          push-image: false")
    assert "ci-deploy" not in categories(signals({".circleci/config.yml": no_push}))


JENKINS_PUSH = """\
pipeline {
  agent any
  stages {
    stage('Image') {
      steps {
        script {
          app = docker.build("example/app:${env.BUILD_NUMBER}")
          docker.withRegistry('https://registry.example.com', 'creds') {
            app.push("latest")
          }
        }
      }
    }
    stage('Ship') {
      steps {
        sshPublisher(publishers: [sshPublisherDesc(configName: 'web')])
        // kubernetesDeploy(configs: 'k8s.yml')
      }
    }
  }
}
"""


def test_jenkins_registry_push_and_deploy_steps(signals: Signals) -> None:
    assert _deploys(signals({"Jenkinsfile": JENKINS_PUSH})) == [
        "Jenkinsfile:9 job 'Image' pushes an image in `docker.withRegistry`",
        "Jenkinsfile:16 job 'Ship' runs `sshPublisher`",
    ]
    build_only = JENKINS_PUSH.replace("app.push", "app.inside").replace("sshPublisher(", "echo(")
    assert "ci-deploy" not in categories(signals({"Jenkinsfile": build_only}))
    agent = "stage('Deploy') {\n  steps {\n    sshagent(['key']) {\n      sh 'ssh deploy@web1 ./restart.sh'\n    }\n  }\n}\n"
    assert _deploys(signals({"Jenkinsfile": agent})) == ["Jenkinsfile:4 job 'Deploy' runs `ssh deploy@web1`"]
    checks = agent.replace("Deploy", "Health")
    assert "ci-deploy" not in categories(signals({"Jenkinsfile": checks})), "bare ssh needs a deploy-named stage"


def test_jenkins_shared_library_steps_that_test_and_publish(signals: Signals) -> None:
    plugin = signals({"Jenkinsfile": "// the Jenkins plugin pipeline library\nbuildPlugin(useContainerAgent: true)\n"})
    assert [(s.line, s.detail) for s in of(plugin, "ci-tests")] == [(2, "runs the tests with `buildPlugin`")]
    infra = (
        "pipeline {\n  stages {\n    stage('Build') {\n      steps {\n"
        "        runMaven(['-Dmaven.test.failure.ignore', 'verify'], '17')\n"
        "        buildDockerAndPublishImage('plugin-site-api', [targetplatforms: 'linux/amd64'])\n"
        "      }\n    }\n  }\n}\n"
    )
    found = signals({"Jenkinsfile": infra})
    assert [(s.line, s.detail) for s in of(found, "ci-tests")] == [(5, "job 'Build' runs the tests with `runMaven`")]
    assert _deploys(found) == ["Jenkinsfile:6 job 'Build' runs `buildDockerAndPublishImage`"]
    compile_only = infra.replace("'verify'", "'compile'").replace("buildDockerAndPublishImage(", "echo(")
    assert not {"ci-tests", "ci-deploy"} & categories(signals({"Jenkinsfile": compile_only}))


def test_parallel_and_coverage_test_runners_run_the_tests(signals: Signals) -> None:
    for run in (
        "bundle exec parallel_rspec -n 4 spec/",
        "bundle exec parallel_test test/",
        "bundle exec turbo_tests",
        "mix coveralls.github --parallel",  # Elixir's excoveralls runs the suite
    ):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run


def _gha(steps: str) -> dict[str, str]:
    return {".github/workflows/ci.yml": _workflow("  push:\n    branches: [main]", steps)}


def test_image_builds_that_push_without_docker_push(signals: Signals) -> None:
    for run in ("mvn -B compile jib:build", "./gradlew :app:jib", "/kaniko/executor --context . --destination r/app"):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "mvn compile jib:dockerBuild",
        "./gradlew jibDockerBuild",
        "/kaniko/executor --destination x --no-push",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run
    v1 = "      - uses: docker/build-push-action@v1\n        with:\n          repository: org/app\n"
    assert "ci-deploy" in categories(signals(_gha(v1)))
    assert "ci-deploy" not in categories(signals(_gha(v1.replace("@v1", "@v2"))))
    assert "ci-deploy" not in categories(signals(_gha(v1 + "          push: false\n")))


def test_pulumi_action_deploys_only_when_told_to_update_the_stack(signals: Signals) -> None:
    step = "      - uses: pulumi/actions@v5\n        with:\n          stack-name: org/shop/prod\n"
    up = signals(_gha(step + "          command: up\n"))
    assert [s.detail for s in of(up, "ci-deploy")] == ["job 'build' uses pulumi/actions"]
    assert "ci-deploy" in categories(signals(_gha(step.replace("@v5", "@v1") + "          args: up --yes\n")))
    for command in ("          command: preview\n", "          command: refresh\n", ""):
        assert "ci-deploy" not in categories(signals(_gha(step + command))), command
    installed = "      - uses: pulumi/actions@v5\n      - run: pulumi up --yes --stack prod\n"
    assert [s.detail for s in of(signals(_gha(installed)), "ci-deploy")] == ["job 'build' runs `pulumi up`"]


def test_flyctl_action_deploys_only_when_its_args_say_deploy(signals: Signals) -> None:
    main = "      - uses: superfly/flyctl-actions@1.5\n        with:\n          args: deploy --remote-only\n"
    assert [s.detail for s in of(signals(_gha(main)), "ci-deploy")] == ["job 'build' uses superfly/flyctl-actions"]
    status = main.replace("deploy --remote-only", "status --app shop")
    setup = "      - uses: superfly/flyctl-actions/setup-flyctl@master\n      - run: flyctl version\n"
    for steps in (status, setup):
        assert "ci-deploy" not in categories(signals(_gha(steps))), steps
    installed = setup.replace("flyctl version", "flyctl deploy --remote-only")
    assert [s.detail for s in of(signals(_gha(installed)), "ci-deploy")] == ["job 'build' runs `flyctl deploy`"]


AZURE_WITH_TEMPLATES = """\
trigger:
  - main
pool:
  vmImage: ubuntu-latest
stages:
  - stage: Build
    jobs:
      - job: Build
        steps:
          - template: ci/steps/build.yml
          - template: steps/lint.yml@shared
  - stage: Release
    jobs:
      - job: Ship
        steps:
          - template: /ci/steps/ship.yml
"""
AZURE_BUILD_STEPS = "steps:\n  - script: npm ci\n  - template: test.yml\n"
AZURE_TEST_STEPS = "steps:\n  - script: npm test\n    displayName: Unit tests\n"
AZURE_SHIP_STEPS = """\
steps:
  - task: CopyFilesOverSSH@0
    inputs:
      sshEndpoint: web-1
      contents: 'dist/**'
  - task: SSH@0
    inputs:
      sshEndpoint: web-1
      commands: sudo systemctl restart shop
"""


def test_azure_pipeline_steps_taken_from_template_files_count(signals: Signals) -> None:
    files = {
        "azure-pipelines.yml": AZURE_WITH_TEMPLATES,
        "ci/steps/build.yml": AZURE_BUILD_STEPS,
        "ci/steps/test.yml": AZURE_TEST_STEPS,
        "ci/steps/ship.yml": AZURE_SHIP_STEPS,
        "steps/lint.yml": "steps:\n  - task: SSH@0\n",  # the template of another repository
    }
    found = signals(files)
    assert [(s.path, s.line) for s in of(found, "ci-tests")] == [("ci/steps/test.yml", 2)]
    assert _deploys(found) == ["ci/steps/ship.yml:2 uses CopyFilesOverSSH", "ci/steps/ship.yml:6 uses SSH"]


def test_azure_templates_nobody_includes_are_not_read(signals: Signals) -> None:
    files = {
        "azure-pipelines.yml": AZURE_WITH_TEMPLATES.split("  - stage: Release")[0],
        "ci/steps/build.yml": "steps:\n  - script: npm ci\n",
        "ci/steps/ship.yml": AZURE_SHIP_STEPS,
        "ci/steps/test.yml": AZURE_TEST_STEPS,
    }
    found = categories(signals(files))
    assert "ci-deploy" not in found and "ci-tests" not in found


def test_changesets_action_publishes_only_given_a_publish_command(signals: Signals) -> None:
    step = "      - uses: changesets/action@v1\n        with:\n          version: pnpm changeset version\n"
    published = signals(_gha(step + "          publish: pnpm changeset publish\n"))
    assert [s.detail for s in of(published, "ci-deploy")] == [
        "job 'build' runs `changeset publish` through changesets/action"
    ]
    assert "ci-deploy" not in categories(signals(_gha(step)))


def test_tauri_action_publishes_only_to_a_release(signals: Signals) -> None:
    """The Tauri release workflow uploads each platform's installers to the release it names."""
    step = (
        "      - uses: tauri-apps/tauri-action@v0\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
    )
    released = signals(
        _gha(step + "        with:\n          tagName: app-v__VERSION__\n          releaseDraft: true\n")
    )
    assert [s.detail for s in of(released, "ci-deploy")] == ["job 'build' uses tauri-apps/tauri-action"]
    assert "release" in categories(released)
    assert "ci-deploy" not in categories(signals(_gha(step)))  # builds the installers as artifacts only


STAGED_DEPLOYS = """\
name: Deploy
on:
  push:
    branches: [main]
jobs:
  staging:
    runs-on: ubuntu-latest
    steps:
      - run: docker push registry.acme.io/shop:${{ github.sha }}
      - uses: appleboy/ssh-action@v1
  production:
    needs: staging
    runs-on: ubuntu-latest
    steps:
      - run: docker push registry.acme.io/shop:${{ github.sha }}
      - uses: appleboy/ssh-action@v1
  release:
    needs: production
    uses: acme/platform/.github/workflows/deploy.yml@v2
  rollback:
    if: failure()
    uses: acme/platform/.github/workflows/deploy.yml@v2
"""


def test_a_step_repeated_in_later_jobs_is_reported_at_each_jobs_own_line(signals: Signals) -> None:
    found = _deploys(signals({".github/workflows/deploy.yml": STAGED_DEPLOYS}))
    assert found == [
        ".github/workflows/deploy.yml:9 job 'staging' runs `docker push`",
        ".github/workflows/deploy.yml:10 job 'staging' uses appleboy/ssh-action",
        ".github/workflows/deploy.yml:15 job 'production' runs `docker push`",
        ".github/workflows/deploy.yml:16 job 'production' uses appleboy/ssh-action",
        ".github/workflows/deploy.yml:19 job 'release' uses acme/platform/.github/workflows/deploy.yml",
        ".github/workflows/deploy.yml:22 job 'rollback' uses acme/platform/.github/workflows/deploy.yml",
    ]


def test_docs_and_pages_publishing(signals: Signals) -> None:
    for run in (
        "mkdocs gh-deploy --force",
        "mike deploy --push --update-aliases 1.0 latest",
        "ghp-import -n -p -f site",
        "npx gh-pages -d build",
        "git subtree push --prefix dist origin gh-pages",
        "git push -f https://x@github.com/me/me.github.io.git main",
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("mike deploy 1.0", "ghp-import -n site", "git push origin main --tags", "mkdocs build"):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run
    pages = "pages:\n  stage: deploy\n  script:\n    - hugo -d public\n  artifacts:\n    paths: [public]\n"
    assert _deploys(signals({".gitlab-ci.yml": pages})) == [".gitlab-ci.yml:1 job 'pages' publishes GitLab Pages"]
    keyword = "docs:\n  script:\n    - mkdocs build -d public\n  pages: true\n"
    assert _deploys(signals({".gitlab-ci.yml": keyword})) == [".gitlab-ci.yml:1 job 'docs' publishes GitLab Pages"]
    off = "pages:\n  script:\n    - hugo\n  pages: false\n.pages-template:\n  pages: true\n"
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": off}))


def test_registry_publish_commands(signals: Signals) -> None:
    for run in (
        "npx @vscode/vsce publish",
        "npx ovsx publish",
        "npx jsr publish",
        "deno publish",
        "helm push chart.tgz oci://registry.example.com/charts",
        "helm cm-push chart/ repo",
        "dart pub publish --force",
        "bundle exec rake release",  # Bundler's gem tasks: tag, push, gem push
        "jreleaser full-release",
        "./gradlew jreleaserDeploy",
        "./mvnw -Prelease jreleaser:full-release",
        # GitLab's generic packages as its documentation writes them, and by the server's address
        'curl --upload-file app.tgz "${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/generic/app/1/app.tgz"',
        'curl --upload-file app.tgz "https://gitlab.example.com/api/v4/projects/42/packages/generic/app/1/app.tgz"',
        'curl --form "file=@dist/app.zip" "$CI_API_V4_URL/projects/$CI_PROJECT_ID/uploads"',
        "curl -T app.jar https://repo.example.com/artifactory/libs-release/app/1/app.jar",
        'curl --data-binary @app.zip "https://uploads.github.com/repos/o/r/releases/1/assets?name=app.zip"',
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "flutter pub publish --dry-run",
        "dart pub publish -n",
        "curl -T x.txt https://example.com/upload",
        "sam deploy --no-execute-changeset",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run
    by_variable = (
        "variables:\n  REPO_URL: ${CI_SERVER_URL}/api/v4/projects/${CI_PROJECT_ID}/packages/helm/api/stable/charts\n"
        'charts:\n  script:\n    - curl --form "chart=@out/c.tgz" --user u:p "$REPO_URL"\n'
    )
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": by_variable}))


def test_release_asset_uploads(signals: Signals) -> None:
    assert "ci-deploy" in categories(signals(_gha("      - run: gh release upload v1 dist/app.zip\n")))
    create = '      - run: gh release create "$TAG" -F CHANGELOG.md --title "v1" dist/app.zip\n'
    assert "gh release create $TAG dist/app.zip" in _deploys(signals(_gha(create)))[0]
    stripped = "      - run: gh release create ${GITHUB_REF#refs/tags/} dist/*.tar.gz\n"
    assert "ci-deploy" in categories(signals(_gha(stripped)))
    bare = "      - run: gh release create v1 --generate-notes --title 'First'\n"
    assert "ci-deploy" not in categories(signals(_gha(bare)))
    open_quote = '      - run: |\n          gh release create v1 --title "Nightly build" --notes "\n          notes"\n'
    assert "ci-deploy" not in categories(signals(_gha(open_quote)))
    # Release notes that go on over the next lines: the tag and the asset come before them.
    notes = '      - run: |\n          gh release create "$TAG" "$ASSET" --notes "Download **$ASSET**.\n\n          Built."\n'
    assert "gh release create $TAG $ASSET" in _deploys(signals(_gha(notes)))[0]


def test_remote_copies_count_in_any_job(signals: Signals) -> None:
    upload = "build:\n  script:\n    - scp -r dist/* deploy@203.0.113.5:/var/www/site\n"
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": upload}))
    download = "build:\n  script:\n    - scp deploy@203.0.113.5:/var/log/app.log .\n    - ssh web1 uptime\n"
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": download}))
    local = "build:\n  script:\n    - scp -P 2222 app.tgz root@localhost:/tmp\n"
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": local}))
    # ``ssh`` counts in a job named for deploying, not in one whose name only contains ``prod``
    shell = "{job}:\n  script:\n    - ssh web1 'cd /srv/app && ./restart'\n"
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": shell.format(job="deploy-prod")}))
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": shell.format(job="product-tests")}))
    # GitLab groups jobs in stages: a job of the deploy stage deploys whatever its own name
    staged = "stages: [build, {stage}]\nto-web1:\n  stage: {stage}\n  script:\n    - ssh web1 'docker pull app'\n"
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": staged.format(stage="deploy")}))
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": staged.format(stage="build")}))


def test_a_bare_ssh_login_in_a_deploy_job_runs_nothing_there(signals: Signals) -> None:
    """``ssh user@host`` with no command and no input runs nothing on the host; a command after the
    host, a here-document or a script piped in does."""
    job = "deploy:\n  script:\n    - {}\n"
    for bare in (
        "ssh $USER@$HOST",
        "ssh -i key.pem -o StrictHostKeyChecking=no deploy@web1",
        "ssh -N -L 5432:db:5432 web1",
    ):
        assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": job.format(bare)})), bare
    for remote in (
        "ssh -i key.pem deploy@web1 'docker compose pull && docker compose up -d'",
        "ssh -p 2222 deploy@web1 < deploy.sh",
        "cat deploy.sh | ssh deploy@web1",
        "ssh deploy@web1 << EOF",
    ):
        assert "ci-deploy" in categories(signals({".gitlab-ci.yml": job.format(remote)})), remote


def test_vercel_default_command_deploys(signals: Signals) -> None:
    for run in ("vercel --token=$VERCEL_TOKEN", "npx vercel --yes --token $T"):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "vercel pull --yes --token=$T",
        "vercel build",
        "npm install --global vercel",
        "vercel --version",
        "vercel build --prod --token=$T",
        "npx vercel pull --yes --environment=production --prod",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_deploys_one_hop_into_package_scripts_and_make_targets(signals: Signals) -> None:
    found = signals(
        {
            **_gha("      - run: npm run deploy\n      - run: make publish\n"),
            "package.json": '{"scripts": {"build": "vite build", "deploy": "gh-pages -d dist"}}',
            "Makefile": "build:\n\tpoetry build\n\npublish: build\n\tpoetry publish\n",
        }
    )
    assert [s.detail for s in of(found, "ci-deploy")] == [
        "job 'build' runs `npm run deploy` (package.json script 'deploy' runs `gh-pages -d`)",
        "job 'build' runs `make publish` (Makefile target runs `poetry publish`)",
    ]
    quiet = signals({**_gha("      - run: npm run build\n"), "package.json": '{"scripts": {"build": "vite build"}}'})
    assert "ci-deploy" not in categories(quiet)
    # np, the npm release tool, publishes the package unless told not to
    for script, published in (("np", True), ("np --no-publish", False), ("np --preview", False)):
        manifest = '{"scripts": {"release": "' + script + '"}}'
        found = signals({**_gha("      - run: npm run release -- --ci\n"), "package.json": manifest})
        assert ("ci-deploy" in categories(found)) is published, script


def test_kubectl_against_a_local_cluster_deploys_nothing(signals: Signals) -> None:
    kind = "      - uses: helm/kind-action@v1\n      - run: kubectl apply -f deploy/\n"
    assert "ci-deploy" not in categories(signals(_gha(kind)))
    scripted = {
        **_gha("      - run: ./hack/e2e.sh\n"),
        "hack/e2e.sh": "kind create cluster\nhelm install app ./chart\n",
    }
    assert "ci-deploy" not in categories(signals(scripted))
    real = "      - run: kubectl apply -f deploy/\n"
    assert "ci-deploy" in categories(signals(_gha(real)))


def test_ansible_syntax_checks_and_role_tests_deploy_nothing(signals: Signals) -> None:
    travis = (
        "language: python\nscript:\n  - ansible-playbook site.yml --syntax-check\n"
        "  - ansible-playbook -i tests/inventory tests/test.yml\n  - ansible-playbook site.yml --check\n"
    )
    assert "ci-deploy" not in categories(signals({".travis.yml": travis}))
    real = "language: python\nscript:\n  - ansible-playbook -i inventory/prod site.yml\n"
    assert "ci-deploy" in categories(signals({".travis.yml": real}))


AZURE_SWITCHED_OFF = """\
trigger: [main]
pool:
  vmImage: ubuntu-latest
steps:
  - script: npm publish
    enabled: false
  - task: AzureWebApp@1
    enabled: false
    inputs:
      appName: site
"""


def test_azure_steps_switched_off_are_skipped(signals: Signals) -> None:
    assert "ci-deploy" not in categories(signals({"azure-pipelines.yml": AZURE_SWITCHED_OFF}))
    on = AZURE_SWITCHED_OFF.replace("enabled: false", "enabled: true")
    assert len(of(signals({"azure-pipelines.yml": on}), "ci-deploy")) == 2
    lenient = "trigger: [main]\nsteps:\n  - script: pytest\n    continueOnError: true\n"
    assert "ci-tests" not in categories(signals({"azure-pipelines.yml": lenient}))
    assert "ci-tests" in categories(signals({"azure-pipelines.yml": lenient.replace("true", "false")}))


AZURE_HELM = """\
trigger: [main]
steps:
  - task: HelmDeploy@0
    inputs:
      command: package
      chartPath: charts/app
"""


def test_an_azure_task_that_stands_for_a_command_is_judged_once_by_it(signals: Signals) -> None:
    """``HelmDeploy@0`` runs the ``helm`` subcommand its ``command`` input names: packaging a chart
    deploys nothing, an upgrade deploys once (not also as "uses HelmDeploy")."""
    assert "ci-deploy" not in categories(signals({"azure-pipelines.yml": AZURE_HELM}))
    upgrade = signals({"azure-pipelines.yml": AZURE_HELM.replace("package", "upgrade")})
    assert _deploys(upgrade) == ["azure-pipelines.yml:3 runs `helm upgrade`"]


def test_no_azure_task_is_both_a_deploy_task_and_a_command() -> None:
    assert not AZURE_DEPLOY_TASKS & set(AZURE_TASK_COMMANDS)


AZURE_STAGES = """\
trigger: [main]
stages:
  - stage: Build
    jobs:
      - job: UnitTests
        steps:
          - script: pytest -q
      - job: Smoke
        steps:
          - script: kind create cluster
          - script: kubectl apply -f k8s/
  - stage: Release
    jobs:
      - deployment: Prod
        environment: production
        strategy:
          runOnce:
            deploy:
              steps:
                - script: kubectl apply -f k8s/
"""


def test_azure_jobs_are_told_apart_by_their_ids(signals: Signals) -> None:
    """Each Azure job runs on an agent of its own: a throwaway cluster in one job does not make
    another job's ``kubectl apply`` local, and the evidence names the job."""
    found = signals({"azure-pipelines.yml": AZURE_STAGES})
    assert _deploys(found) == ["azure-pipelines.yml:20 job 'Prod' runs `kubectl apply`"]
    assert [s.detail for s in of(found, "ci-tests")] == ["job 'UnitTests' runs `pytest`"]
    assert not of(found, "prod-config"), "a deployment's environment is no settings file"
    steps_only = "trigger: [main]\nsteps:\n  - script: pytest -q\n"
    assert [s.detail for s in of(signals({"azure-pipelines.yml": steps_only}), "ci-tests")] == ["runs `pytest`"]


BITBUCKET_ANCHORED = """\
image: python:3.12
definitions:
  steps:
    - step: &test
        name: Unit tests
        script:
          - pytest -q
pipelines:
  default:
    - step: *test
  branches:
    main:
      - step: *test
      - step:
          name: Deploy to production
          deployment: production
          script:
            - ./deploy.sh
"""


def test_bitbucket_steps_are_jobs_named_once_however_often_reused(signals: Signals) -> None:
    found = signals({"bitbucket-pipelines.yml": BITBUCKET_ANCHORED, "deploy.sh": "fly deploy\n"})
    assert [(s.line, s.detail) for s in of(found, "ci-tests")] == [(7, "job 'Unit tests' runs `pytest`")]
    assert not of(found, "prod-config"), "a deployment's environment is no settings file"
    # the declared deployment and the script it runs are one piece of evidence, at one line
    assert _deploys(found) == ["bitbucket-pipelines.yml:18 deployment 'production' runs `./deploy.sh`"]


def test_the_same_command_in_two_jobs_is_placed_in_its_own_job(signals: Signals) -> None:
    workflow = (
        "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: helm/kind-action@v1\n      - run: kubectl apply -f k8s/\n"
        "  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n"
    )
    assert _deploys(signals({".github/workflows/ci.yml": workflow})) == [
        ".github/workflows/ci.yml:11 job 'deploy' runs `kubectl apply`"
    ]


def test_gitlab_top_level_login_covers_every_job(signals: Signals) -> None:
    ci = "before_script:\n  - docker login -u u -p p registry.example.com\nimages:\n  script:\n    - make push-image\n"
    assert "after a registry login" in of(signals({".gitlab-ci.yml": ci}), "ci-deploy")[0].detail


def test_making_a_script_executable_does_not_run_it(signals: Signals) -> None:
    found = signals(
        {**_gha("      - run: |\n          chmod +x ./deploy.sh\n          ./deploy.sh\n"), "deploy.sh": "fly deploy\n"}
    )
    assert [s.line for s in of(found, "ci-deploy")] == [12]
    chained = signals({**_gha("      - run: chmod +x ./deploy.sh && ./deploy.sh\n"), "deploy.sh": "fly deploy\n"})
    assert "script deploy.sh runs `fly deploy`" in of(chained, "ci-deploy")[0].detail


def test_long_deploy_commands_are_shortened_in_the_evidence(signals: Signals) -> None:
    run = "docker buildx build --platform linux/amd64,linux/arm64 -t registry.example.com/org/app:latest --push ."
    assert _deploys(signals(_gha(f"      - run: {run}\n"))) == [
        ".github/workflows/ci.yml:10 job 'build' runs `docker buildx ... --push`"
    ]


def test_more_deploy_and_publish_commands(signals: Signals) -> None:
    for run in (
        "aws s3 cp dist/ s3://my-site/ --recursive",
        "gsutil -m rsync -r public gs://my-site",
        "az storage blob upload-batch -s dist -d '$web'",
        "az deployment group create -g rg -f main.bicep",
        "docker manifest push example/app:1.0",
        "docker-compose -f build.yml push",
        "npx lerna publish from-package --yes",
        "sbt +publishSigned",
        "npx netlify-cli deploy --prod --dir dist",
        "npx wrangler pages publish dist",
        "eas update --branch production",
        "pod trunk push App.podspec",
        'curl -X POST "$RENDER_DEPLOY_HOOK_URL"',
        "curl -fsS -X POST https://api.netlify.com/build_hooks/abc123",
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "aws s3 cp s3://bucket/model.bin ./model.bin",
        "gsutil cp gs://bucket/data.csv .",
        "sbt publishLocal",
        "eas update:configure",
        "docker-compose up -d",
        "curl -fsS https://example.com/health",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_tests_run_by_an_action_or_through_an_actions_command_input(signals: Signals) -> None:
    def workflow(step: str) -> dict[str, str]:
        head = "on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        return {".github/workflows/ci.yml": head + step}

    runners = {
        "      - uses: r-lib/actions/check-r-package@v2\n": (7, "runs the tests with r-lib/actions/check-r-package"),
        "      - uses: julia-actions/julia-runtest@latest\n": (7, "runs the tests with julia-actions/julia-runtest"),
        "      - uses: actions-rs/cargo@v1\n        with:\n          command: test\n": (
            7,
            "runs `cargo test` through actions-rs/cargo",
        ),
        # the emulator runner's script is a command: an instrumented test task counts
        (
            "      - uses: ReactiveCircus/android-emulator-runner@v2\n        with:\n"
            "          api-level: 34\n          script: ./gradlew connectedCheck\n"
        ): (10, "runs `gradlew connectedCheck`"),
        # input names are case-insensitive, as GitHub reads them
        "      - uses: azure/cli@v2\n        with:\n          inlinescript: pytest -q\n": (7, "runs `pytest`"),
    }
    for step, (line, detail) in runners.items():
        (hit,) = of(signals(workflow(step)), "ci-tests")
        assert hit.line == line and detail in hit.detail, hit
    # the same actions building or linting run no tests
    quiet = "      - uses: actions-rs/cargo@v1\n        with:\n          command: clippy\n"
    assert "ci-tests" not in categories(signals(workflow(quiet)))


def test_package_and_chart_publishing_actions_are_deploys(signals: Signals) -> None:
    for action in ("rubygems/release-gem@v1", "release-plz/action@v0.5", "helm/chart-releaser-action@v1.6.0"):
        workflow = (
            "on:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n"
            f"    steps:\n      - uses: {action}\n"
        )
        (hit,) = of(signals({".github/workflows/publish.yml": workflow}), "ci-deploy")
        assert hit.line == 8 and action.split("@")[0] in hit.detail


def test_app_store_and_tester_uploads_are_deploys(signals: Signals) -> None:
    for run in (
        "snapcraft upload --release=stable app_1.0_amd64.snap",
        "firebase appdistribution:distribute app-release.apk --app $APP_ID --groups testers",
        "xcrun altool --upload-app -f App.ipa -t ios -u $USER -p $PASS",
        "npx chrome-webstore-upload-cli upload --source extension.zip --auto-publish",
        "msstore publish ./App",
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("snapcraft --destructive-mode", "firebase appdistribution:testers:add a@b.c", "xcrun altool --help"):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run
    for action in (
        "r0adkll/upload-google-play@v1",
        "Apple-Actions/upload-testflight-build@v1",
        "wzieba/Firebase-Distribution-Github-Action@v1",
        "mnao305/chrome-extension-upload@v5.0.0",
    ):
        workflow = (
            "on:\n  push:\n    branches: [main]\njobs:\n  ship:\n    runs-on: ubuntu-latest\n"
            f"    steps:\n      - uses: {action}\n"
        )
        (hit,) = of(signals({".github/workflows/ship.yml": workflow}), "ci-deploy")
        assert hit.line == 8 and action.split("@")[0] in hit.detail, action


def test_a_deploy_script_run_with_an_ssh_key_deploys(signals: Signals) -> None:
    """A job that loads an SSH private key (``webfactory/ssh-agent``) and runs a script named for
    deploying carries the key to the servers it deploys to, whatever the script does."""
    workflow = (
        "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: webfactory/ssh-agent@v0.9.0\n        with:\n          ssh-private-key: ${{ secrets.VPS_SSH_KEY }}\n"
        "      - run: ssh-keyscan ${{ secrets.VPS_HOST }} >> ~/.ssh/known_hosts\n"
        "      - run: ./deploy-vps.sh all\n"
    )
    (hit,) = of(signals({".github/workflows/cd.yml": workflow}), "ci-deploy")
    assert (hit.line, hit.detail) == (12, "job 'deploy' runs `./deploy-vps.sh all` with an SSH key")
    without = workflow.replace("webfactory/ssh-agent@v0.9.0", "actions/checkout@v4")
    assert "ci-deploy" not in categories(signals({".github/workflows/cd.yml": without}))


def test_a_command_named_deploy_run_with_cloud_credentials_deploys(signals: Signals) -> None:
    workflow = (
        "on:\n  push:\n    branches: [main]\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: aws-actions/configure-aws-credentials@v4\n"
        "        with:\n          aws-region: eu-west-1\n"
        "      - name: Deploy application\n"
        "        run: uv run deploy production run-deployment\n"
    )
    (hit,) = of(signals({".github/workflows/ship.yml": workflow}), "ci-deploy")
    assert (hit.line, hit.detail) == (
        12,
        "job 'ship' runs `uv run deploy production run-deployment` with cloud credentials",
    )
    # a script or target named for deploying among other words (``yarn sls:deploy``, ``make tf-deploy``)
    for run in ("yarn sls:deploy", "make tf-deploy ENV=prod", "./scripts/cdk_deploy.sh"):
        text = workflow.replace("uv run deploy production run-deployment", run)
        assert "ci-deploy" in categories(signals({".github/workflows/ship.yml": text})), run
    for run in ("yarn redeployment-report", "ssh-add --deploy-key k", "./scripts/undeploy.sh"):
        text = workflow.replace("uv run deploy production run-deployment", run)
        assert "ci-deploy" not in categories(signals({".github/workflows/ship.yml": text})), run
    # the same command without credentials, or a dry run with them, is no deploy
    without = workflow.replace("      - uses: aws-actions/configure-aws-credentials@v4\n", "")
    dry = workflow.replace("run-deployment", "run-deployment --dry-run")
    for text in (without, dry):
        assert "ci-deploy" not in categories(signals({".github/workflows/ship.yml": text}))


HARNESS = """pipeline:
  name: shop
  identifier: shop
  stages:
    - stage:
        name: Build
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: Run
                  name: test
                  spec:
                    command: go test ./...
              - step:
                  type: BuildAndPushECR
                  name: push
"""
EAS = """name: Release
on:
  push:
    branches: [main]
jobs:
  build_ios:
    type: build
    params:
      platform: ios
  submit_ios:
    needs: [build_ios]
    type: submit
"""
CODEMAGIC = """workflows:
  ios-release:
    name: iOS release
    scripts:
      - name: Build
        script: flutter build ipa
    publishing:
      email:
        recipients: [team@example.com]
      app_store_connect:
        auth: integration
        submit_to_testflight: true
"""
BITRISE = """format_version: "11"
workflows:
  release:
    steps:
    - flutter-build@0: {}
    - google-play-deploy@3:
        inputs:
        - track: production
"""


def test_ci_systems_that_name_their_deploy_steps_by_type(signals: Signals) -> None:
    cases = {
        ".harness/pipeline.yaml": (HARNESS, 17, "type: BuildAndPushECR"),
        ".eas/workflows/release.yml": (EAS, 12, "type: submit"),
        "codemagic.yaml": (CODEMAGIC, 10, "workflow 'ios-release' publishes to app_store_connect"),
        "bitrise.yml": (BITRISE, 6, "workflow 'release' runs google-play-deploy@3"),
    }
    for path, (text, line, detail) in cases.items():
        assert [(s.path, s.line, s.detail) for s in of(signals({path: text}), "ci-deploy")] == [(path, line, detail)]
    quiet = {
        ".harness/pipeline.yaml": HARNESS.replace("BuildAndPushECR", "Run"),
        ".eas/workflows/release.yml": EAS.replace("type: submit", "type: build"),
        "codemagic.yaml": CODEMAGIC.replace("app_store_connect", "slack"),
        "bitrise.yml": BITRISE.replace("google-play-deploy", "deploy-to-bitrise-io"),
    }
    for path, text in quiet.items():
        assert "ci-deploy" not in categories(signals({path: text})), path


def test_global_options_before_the_verb_are_skipped(signals: Signals) -> None:
    for run, shown in (
        ("kubectl --kubeconfig /tmp/kube.yml set image deploy/web web=registry.example.com/web:2", "kubectl set image"),
        ("kubectl -n production apply -f k8s/", "kubectl apply"),
        ("terraform -chdir=infra apply -auto-approve", "terraform apply"),
        ("helmfile -e production apply", "helmfile apply"),
        ("aws --region eu-west-1 ecs update-service --cluster c --service web", "aws ecs update-service"),
        ("firebase --project prod-site deploy --only hosting", "firebase deploy"),
    ):
        (hit,) = of(signals(_gha(f"      - run: {run}\n")), "ci-deploy")
        assert hit.detail == f"job 'build' runs `{shown}`", run
    for run in (
        "terraform -chdir=infra plan -no-color",
        "kubectl -n production get pods",
        "helm --kube-context prod list",
        "kubectl --kubeconfig k.yml apply --dry-run=client -f k8s/",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_deploy_hooks_held_in_ci_secrets_and_variables(signals: Signals) -> None:
    for run, shown in (
        ("curl -X POST ${{ secrets.RENDER_DEPLOY_HOOK }}", "curl $RENDER_DEPLOY_HOOK"),
        ('curl -fsS -X POST "${NETLIFY_BUILD_HOOK_URL}"', "curl $NETLIFY_BUILD_HOOK_URL"),
        ("curl -X POST ${{ vars.RENDER_API_PRODUCTION_HOOK }}", "curl $RENDER_API_PRODUCTION_HOOK"),
    ):
        (hit,) = of(signals(_gha(f"      - run: {run}\n")), "ci-deploy")
        assert (hit.line, hit.detail) == (10, f"job 'build' runs `{shown}`"), run
    for run in (
        'curl -X POST ${{ secrets.SLACK_WEBHOOK_URL }} -d \'{"text": "deployed"}\'',
        'curl -X POST "$DISCORD_DEPLOY_WEBHOOK" -d "deployed"',
        "curl -fsS ${{ secrets.API_URL }}/health",
        "echo ${{ secrets.RENDER_DEPLOY_HOOK }} > hook.txt",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_a_post_to_a_platforms_api_that_starts_a_deploy(signals: Signals) -> None:
    for run, shown in (
        (
            'curl -X POST https://api.render.com/v1/services/$SERVICE_ID/deploys -H "Authorization=$KEY"',
            "curl -X POST api.render.com/v1/services/$SERVICE_ID/deploys",
        ),
        (
            "curl -n -X POST https://api.heroku.com/apps/shop-api/builds -d @build.json",
            "curl -X POST api.heroku.com/apps/shop-api/builds",
        ),
        (
            "curl --json @deploy.json https://api.vercel.com/v13/deployments",
            "curl -X POST api.vercel.com/v13/deployments",
        ),
    ):
        (hit,) = of(signals(_gha(f"      - run: {run}\n")), "ci-deploy")
        assert (hit.line, hit.detail) == (10, f"job 'build' runs `{shown[:56]}`"), run
    # reading the list of deploys starts none
    for run in (
        "curl -s https://api.render.com/v1/services/$SERVICE_ID/deploys",
        "curl https://api.vercel.com/v6/deployments",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_git_push_to_a_heroku_url_deploys_without_showing_its_credentials(signals: Signals) -> None:
    run = "git push https://heroku:$HEROKU_API_KEY@git.heroku.com/$HEROKU_APP_NAME.git HEAD:main"
    (hit,) = of(signals(_gha(f"      - run: {run}\n")), "ci-deploy")
    assert "git.heroku.com" in hit.detail and "HEROKU_API_KEY" not in hit.detail
    other = "git push https://x-access-token:$TOKEN@github.com/acme/site.git HEAD:main"
    assert "ci-deploy" not in categories(signals(_gha(f"      - run: {other}\n")))


def test_php_deployer_and_backend_platform_deploys(signals: Signals) -> None:
    for run in (
        "dep deploy production",
        "php vendor/bin/dep deploy stage=prod",
        "bundle exec mina production deploy",
        "php vendor/bin/envoy run deploy",
        "npx convex deploy",
        "supabase functions deploy --project-ref $REF",
        "supabase db push",
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("supabase db push --local", "supabase start", "npx convex dev --once", "dep ensure"):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_deploys_run_through_an_actions_command_input(signals: Signals) -> None:
    kubectl = "      - uses: actions-hub/kubectl@master\n        with:\n          args: {}\n"
    (hit,) = of(signals(_gha(kubectl.format("set image deploy/web web=example/web:2"))), "ci-deploy")
    assert (hit.line, hit.detail) == (10, "job 'build' runs `kubectl set image` through actions-hub/kubectl")
    assert "ci-deploy" not in categories(signals(_gha(kubectl.format("rollout status deploy/web"))))
    script = (
        "      - uses: azure/cli@v2\n        with:\n          inlineScript: |\n"
        "            az account show\n            az webapp deploy -g rg -n site --src-path app.zip\n"
    )
    assert "ci-deploy" in categories(signals(_gha(script)))
    changesets = {
        **_gha("      - uses: changesets/action@v1\n        with:\n          publish: pnpm release\n"),
        "package.json": '{"private": true, "scripts": {"release": "pnpm build && changeset publish"}}',
    }
    (hit,) = of(signals(changesets), "ci-deploy")
    assert "`changeset publish`" in hit.detail and hit.detail.endswith("through changesets/action")
    versions_only = {
        **changesets,
        ".github/workflows/ci.yml": _gha("      - uses: changesets/action@v1\n")[".github/workflows/ci.yml"],
    }
    assert "ci-deploy" not in categories(signals(versions_only))
    netlify = "      - uses: netlify/actions/cli@master\n        with:\n          args: {}\n"
    (hit,) = of(signals(_gha(netlify.format("deploy --dir=./out --prod"))), "ci-deploy")
    assert hit.detail == "job 'build' runs `netlify deploy --dir=./out --prod` through netlify/actions/cli"
    assert "ci-deploy" not in categories(signals(_gha(netlify.format("deploy --dir=./out"))))  # a draft
    firebase = "      - uses: w9jds/firebase-action@master\n        with:\n          args: deploy --only hosting\n"
    assert "ci-deploy" in categories(signals(_gha(firebase)))
    serverless = "      - uses: serverless/github-action@v3\n        with:\n          args: {}\n"
    (hit,) = of(signals(_gha(serverless.format("deploy -s v1"))), "ci-deploy")
    assert hit.detail == "job 'build' runs `serverless deploy` through serverless/github-action"
    assert "ci-deploy" not in categories(signals(_gha(serverless.format("package -s v1"))))


def test_deploy_actions_and_tasks_whose_names_do_not_say_deploy(signals: Signals) -> None:
    for step in (
        "      - uses: jakejarvis/s3-sync-action@v0.5.1\n        env:\n          SOURCE_DIR: public\n",
        "      - uses: deployphp/action@v1\n        with:\n          dep: deploy production\n",
        "      - uses: crazy-max/ghaction-github-pages@v4\n        with:\n          build_dir: site\n",
    ):
        assert "ci-deploy" in categories(signals(_gha(step))), step
    azure = "trigger: [main]\nsteps:\n  - task: {}\n    inputs:\n      sourceFolder: dist\n"
    for task in ("CopyFilesOverSSH@0", "S3Upload@1", "FtpUpload@2"):
        assert "ci-deploy" in categories(signals({"azure-pipelines.yml": azure.format(task)})), task
    assert "ci-deploy" not in categories(signals({"azure-pipelines.yml": azure.format("CopyFiles@2")}))


def test_deploy_actions_that_only_preview(signals: Signals) -> None:
    pulumi = "      - uses: pulumi/actions@v5\n        with:\n          command: {}\n          stack-name: prod\n"
    assert "ci-deploy" not in categories(signals(_gha(pulumi.format("preview"))))
    assert "ci-deploy" in categories(signals(_gha(pulumi.format("up"))))
    firebase = "      - uses: FirebaseExtended/action-hosting-deploy@v0\n        with:\n          projectId: site\n"
    assert "ci-deploy" not in categories(signals(_gha(firebase)))  # a temporary preview channel
    assert "ci-deploy" in categories(signals(_gha(firebase + "          channelId: live\n")))


def test_bucket_copies_deploy_only_towards_the_bucket(signals: Signals) -> None:
    for run in (
        "aws s3 sync ./site s3://www.example.com --delete --cache-control max-age=60",
        "aws s3 sync --exclude '*.map' dist s3://www.example.com",
        "aws --region eu-west-1 s3 cp --recursive build/ s3://site/",
        "gsutil -h Cache-Control:no-cache cp -r public gs://site",
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "aws s3 sync s3://test-fixtures/data ./tests/data --no-progress",
        "aws s3 cp s3://models/model.bin . --region eu-west-1",
        "aws s3 sync --exclude '*' s3://bucket/reports ./reports",
        "aws s3 sync playwright-report/ s3://qa/reports/$RUN_ID/ --delete",
        "aws s3 cp coverage.json s3://ci-data/$PR/coverage.json",
        "gsutil -m cp -r test-results gs://ci-artifacts/$BUILD",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_a_command_named_deploy_in_a_job_declared_for_an_environment_deploys(signals: Signals) -> None:
    job = "jobs:\n  ship:\n    runs-on: ubuntu-latest\n{env}    steps:\n      - run: {run}\n"
    workflow = "on:\n  push:\n    branches: [main]\n" + job
    files = {"deploy.py": "import boto3\nboto3.client('elasticbeanstalk').update_environment(EnvironmentName='web')\n"}
    declared = workflow.format(env="    environment: production\n", run="python deploy.py --env prod")
    (hit,) = of(signals({**files, ".github/workflows/ship.yml": declared}), "ci-deploy")
    assert (hit.line, hit.detail) == (9, "job 'ship' runs `python deploy.py --env prod` in environment 'production'")
    for text in (
        workflow.format(env="", run="python deploy.py --env prod"),
        workflow.format(env="    environment: production\n", run="echo deploy starts"),
        workflow.format(env="    environment: production\n", run='if [[ -z "${CONVEX_DEPLOY_KEY}" ]]; then exit 1; fi'),
        workflow.format(env="    environment: production\n", run="export DEPLOY_ENV=prod"),
        workflow.format(env="    environment: production\n", run="chmod +x ./scripts/deploy.sh"),
        workflow.format(env="    environment: production\n", run="npm test"),
    ):
        assert "ci-deploy" not in categories(signals({**files, ".github/workflows/ship.yml": text})), text
    gitlab = "ship:\n  stage: deploy\n  environment:\n    name: production\n  script:\n    - ./bin/deploy-app\n"
    assert "in environment 'production'" in of(signals({".gitlab-ci.yml": gitlab}), "ci-deploy")[0].detail
    # the environment may come from a template the job extends
    extended = ".release:\n  environment: production\nship:\n  extends: .release\n  script:\n    - ./bin/deploy-app\n"
    assert "in environment 'production'" in of(signals({".gitlab-ci.yml": extended}), "ci-deploy")[0].detail


BITBUCKET_DEPLOYMENT = """pipelines:
  branches:
    main:
      - step:
          name: Test
          script:
            - npm test
      - step:
          name: Ship
          deployment: production
          script:
            - npm ci
            - python deploy-to-beanstalk.py
"""


def test_bitbucket_and_azure_deployment_steps_that_run_a_command_named_deploy(signals: Signals) -> None:
    (hit,) = of(signals({"bitbucket-pipelines.yml": BITBUCKET_DEPLOYMENT}), "ci-deploy")
    assert (hit.line, hit.detail) == (13, "deployment 'production' runs `python deploy-to-beanstalk.py`")
    undeclared = BITBUCKET_DEPLOYMENT.replace("          deployment: production\n", "")
    assert "ci-deploy" not in categories(signals({"bitbucket-pipelines.yml": undeclared}))
    azure = (
        "trigger: [main]\njobs:\n- deployment: Web\n  environment: prod\n  strategy:\n    runOnce:\n"
        "      deploy:\n        steps:\n        - bash: |\n            az login --identity\n"
        "            ./scripts/deploy.sh prod\n"
    )
    assert (
        "deployment 'Web' runs `./scripts/deploy.sh prod`"
        in of(signals({"azure-pipelines.yml": azure}), "ci-deploy")[0].detail
    )


def test_a_deploy_job_that_starts_containers_on_its_own_machine_deploys(signals: Signals) -> None:
    gitlab = (
        "deploy-job:\n  stage: deploy\n  script:\n    - cd /srv/app\n"
        "    - docker compose -f docker/stage/compose.yml up -d --build\n"
        "e2e:\n  stage: test\n  script:\n    - docker compose up -d\n    - npm run e2e\n"
    )
    (hit,) = of(signals({".gitlab-ci.yml": gitlab}), "ci-deploy")
    assert (hit.line, hit.detail) == (5, "job 'deploy-job' runs `docker compose up -d`")
    product = gitlab.replace("deploy-job:", "product-tests:")
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": product}))
    jenkins = (
        "pipeline {\n  agent any\n  stages {\n    stage('Deploy') {\n      steps {\n"
        "        sh 'docker run -d --name web -p 80:8080 web:latest'\n      }\n    }\n  }\n}\n"
    )
    assert "ci-deploy" in categories(signals({"Jenkinsfile": jenkins}))
    workflow = (
        "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: {runner}\n    steps:\n"
        "      - run: docker compose up -d\n"
    )
    self_hosted = workflow.replace("{runner}", "[self-hosted, linux]")
    assert "ci-deploy" in categories(signals({".github/workflows/deploy.yml": self_hosted}))
    # on a GitHub-hosted runner the containers end with the job; foreground runs start nothing to keep
    for text in (
        workflow.replace("{runner}", "ubuntu-latest"),
        self_hosted.replace("up -d", "up --abort-on-container-exit"),
    ):
        assert "ci-deploy" not in categories(signals({".github/workflows/deploy.yml": text})), text
    # a self-hosted runner is the server: a job of any name that leaves its containers running deploys;
    # one that tests against them, or stops them, does not
    build = self_hosted.replace("  deploy:\n", "  build:\n").replace("up -d", "up --build -d --force-recreate")
    (hit,) = of(signals({".github/workflows/main.yml": build}), "ci-deploy")
    assert hit.detail == "job 'build' runs `docker compose up -d`"
    for steps in ("      - run: npm test\n", "      - run: docker compose down\n"):
        assert "ci-deploy" not in categories(signals({".github/workflows/main.yml": build + steps})), steps


def test_gitlab_templates_that_deploy(signals: Signals) -> None:
    for template in ("Auto-DevOps.gitlab-ci.yml", "Jobs/Deploy/ECS.gitlab-ci.yml", "Pages/Jekyll.gitlab-ci.yml"):
        ci = f"include:\n  - template: {template}\nvariables:\n  POSTGRES_ENABLED: 'false'\n"
        (hit,) = of(signals({".gitlab-ci.yml": ci}), "ci-deploy")
        assert (hit.line, hit.detail) == (2, f"includes GitLab's {template} template"), template
    for template in ("Security/SAST.gitlab-ci.yml", "Jobs/Code-Quality.gitlab-ci.yml", "Terraform/Base.gitlab-ci.yml"):
        ci = f"include:\n  - template: {template}\ntest:\n  script:\n    - make test\n"
        assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": ci})), template


def test_pushes_and_publishes_to_a_registry_on_this_machine_publish_nothing(signals: Signals) -> None:
    for run in (
        "docker push localhost:5000/app:e2e",
        "npm publish --registry http://localhost:4873",
        "yarn publish --registry=http://127.0.0.1:4873/ --non-interactive",
        "skopeo copy docker-archive:app.tar docker://localhost:5001/app:ci",
    ):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "docker push registry.example.com/app:1",
        "helm upgrade --install app ./chart --set db.host=localhost:5432",
        "npm publish --registry https://npm.example.com",
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_deploys_to_a_localstack_emulator_deploy_nothing(signals: Signals) -> None:
    steps = "      - uses: LocalStack/setup-localstack@v0.2.3\n      - run: {}\n"
    for run in ("terraform apply -auto-approve", "npx cdk deploy --all", "aws s3 sync dist s3://site"):
        assert "ci-deploy" not in categories(signals(_gha(steps.format(run)))), run
    gitlab = (
        "e2e:\n  services:\n    - name: localstack/localstack:3\n      alias: localstack\n"
        "  script:\n    - serverless deploy --stage test\n"
    )
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": gitlab}))
    endpoint = "      - run: aws --endpoint-url=http://localhost:4566 s3 sync dist s3://site\n"
    assert "ci-deploy" not in categories(signals(_gha(endpoint)))
    # without the emulator the same commands deploy
    assert "ci-deploy" in categories(signals(_gha("      - run: terraform apply -auto-approve\n")))
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": gitlab.replace("localstack/localstack:3", "redis:7")}))


def test_a_repeated_step_is_cited_at_its_own_line(signals: Signals) -> None:
    steps = (
        "      - uses: docker/build-push-action@v6\n        with:\n          push: false\n"
        "      - uses: docker/build-push-action@v6\n        with:\n          push: true\n"
    )
    (hit,) = of(signals(_gha(steps)), "ci-deploy")
    assert hit.line == 13
    azure = (
        "trigger: [main]\nsteps:\n- task: Docker@2\n  inputs:\n    command: build\n"
        "- task: Docker@2\n  inputs:\n    command: push\n"
    )
    assert [s.line for s in of(signals({"azure-pipelines.yml": azure}), "ci-deploy")] == [6]


def test_a_task_runner_target_named_for_deploying_deploys(signals: Signals) -> None:
    files = {
        "Makefile": "deploy:\n\t./scripts/ship.sh\n\ndeploy-kind:\n\t./scripts/ship.sh --kind\n",
        "scripts/ship.sh": '#!/bin/sh\npython tools/ship.py "$@"\n',
        "build.sh": '#!/usr/bin/env bash\ndotnet run --project build/_build.csproj -- "$@"\n',
        "package.json": (
            '{"scripts": {"deploy:prod": "node scripts/ship.mjs", "deploy:preview": "node x.mjs",'
            ' "prisma:deploy": "prisma migrate deploy", "migrate:deploy": "knex migrate:latest"}}'
        ),
    }
    for run in (
        "make deploy",
        "ENV=prod make deploy",
        "./build.sh Deploy --configuration Release",
        "dotnet cake --target=Deploy",
        "bundle exec rake deploy",
        "./gradlew deploy",
        "npx nx deploy web --prod",
        "npm run deploy:prod",
        "yarn deploy:prod",
    ):
        (hit,) = of(signals({**files, **_gha(f"      - run: {run}\n")}), "ci-deploy")
        assert hit.detail.endswith("(a target named for deploying)"), run
    for run in (
        "make deploy-kind",
        "make test",
        "npm run deploy:preview",
        "./gradlew build",
        "yarn deploy",
        "./missing.sh deploy",
        "echo make deploy",
        "make deploy --dry-run",
        # a database's migrations applied before the tests
        "npm run prisma:deploy",
        "npm run migrate:deploy",
    ):
        assert "ci-deploy" not in categories(signals({**files, **_gha(f"      - run: {run}\n")})), run


def test_a_dry_run_deployment_step_deploys_nothing_and_the_real_one_is_cited_at_its_line(signals: Signals) -> None:
    ci = (
        "pipelines:\n  pull-requests:\n    '**':\n      - step:\n          deployment: dev-dry-run\n"
        "          script:\n            - npm run sam-deploy-dry\n"
        "  branches:\n    main:\n      - step:\n          deployment: production\n"
        "          script:\n            - npm run sam-deploy\n"
    )
    found = [(s.line, s.detail) for s in of(signals({"bitbucket-pipelines.yml": ci}), "ci-deploy")]
    assert (13, "deployment 'production' runs `npm run sam-deploy`") in found
    assert all(line == 13 for line, _ in found)


def test_bake_depot_ko_and_platform_deploy_commands(signals: Signals) -> None:
    for run in (
        "docker buildx bake --set '*.platform=linux/amd64' --push",
        "depot build -t registry.example.com/app:1 --push .",
        "ko publish ./cmd/server",
        "gcloud run jobs deploy migrate --image gcr.io/p/app",
        "gcloud run services replace service.yaml",
        "aws amplify start-job --app-id a1 --branch-name main --job-type RELEASE",
        "az webapp config container set -n web -g rg --docker-custom-image-name r/app:1",
        "deployctl deploy --project=site main.ts",
        "shopify app deploy --force",
        "npx wrangler versions deploy",
        "npx cf deploy",  # Cloudflare's cf CLI
        "cf deploy mta_archives/shop_1.0.0.mtar",  # Cloud Foundry's multi-target apps
    ):
        assert "ci-deploy" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("docker buildx bake", "depot build -t app .", "shopify theme dev", "gcloud run services describe web"):
        assert "ci-deploy" not in categories(signals(_gha(f"      - run: {run}\n"))), run


FASTFILE = """default_platform(:ios)
platform :ios do
  lane :tests do
    run_tests(scheme: "App")
  end
  lane :beta do
    build_app(scheme: "App")
    upload_to_testflight
  end
end
"""


def test_a_fastlane_lane_that_uploads_to_a_store_run_from_ci_deploys(signals: Signals) -> None:
    (hit,) = of(
        signals({"fastlane/Fastfile": FASTFILE, **_gha("      - run: bundle exec fastlane ios beta\n")}), "ci-deploy"
    )
    assert (
        hit.detail
        == "job 'build' runs `bundle exec fastlane ios beta` (fastlane lane 'beta' runs `upload_to_testflight`)"
    )
    for run in ("bundle exec fastlane ios tests", "fastlane tests"):
        found = signals({"fastlane/Fastfile": FASTFILE, **_gha(f"      - run: {run}\n")})
        assert "ci-deploy" not in categories(found), run


def test_a_remote_reusable_workflow_given_a_production_environment_deploys(signals: Signals) -> None:
    workflow = (
        "on:\n  push:\n    branches: [main]\njobs:\n  ship:\n"
        "    uses: acme/platform/.github/workflows/ecs-service.yml@v2\n    with:\n      {input}\n"
        "    secrets: inherit\n"
    )
    (hit,) = of(signals({".github/workflows/main.yml": workflow.format(input="environment: production")}), "ci-deploy")
    assert (hit.line, hit.detail) == (6, "job 'ship' uses acme/platform/.github/workflows/ecs-service.yml")
    for text in (
        workflow.format(input="environment: test"),
        workflow.format(input="node-version: 20"),
        workflow.format(input="environment: ${{ inputs.env }}"),
        workflow.replace(
            "acme/platform/.github/workflows/ecs-service.yml@v2", "./.github/workflows/ecs-service.yml"
        ).replace("environment: production", "x: 1"),
    ):
        assert "ci-deploy" not in categories(signals({".github/workflows/main.yml": text})), text


def test_jenkins_plugin_steps_that_deploy(signals: Signals) -> None:
    jenkins = (
        "pipeline {{\n  agent any\n  stages {{\n    stage('Ship') {{\n      steps {{\n        {step}\n"
        "      }}\n    }}\n  }}\n}}\n"
    )
    for step in (
        "deploy adapters: [tomcat9(credentialsId: 'tc', url: 'http://10.0.0.5:8080')], contextPath: '', war: '**/*.war'",
        "ansiblePlaybook playbook: 'site.yml', inventory: 'inventories/prod'",
        "rtUpload serverId: 'art', spec: '{}'",
    ):
        found = of(signals({"Jenkinsfile": jenkins.format(step=step)}), "ci-deploy")
        assert found and found[0].line == 6, step
    quiet = "echo 'deploy target ready'"
    assert "ci-deploy" not in categories(signals({"Jenkinsfile": jenkins.format(step=quiet)}))


def test_ftp_mirror_uploads_and_filtered_package_script_runs(signals: Signals) -> None:
    upload = (
        '      - run: |\n          lftp "$FTP_HOST" <<END\n          user "$FTP_USER" "$FTP_PASSWORD"\n'
        "          mirror -R --delete ./dist /public_html\n          quit\n          END\n"
    )
    (hit,) = of(signals(_gha(upload)), "ci-deploy")
    assert hit.line == 13 and "mirror -R" in hit.detail
    one_line = "      - run: lftp -u \"$U,$P\" ftp.example.com -e 'mirror --reverse build /www; quit'\n"
    assert "ci-deploy" in categories(signals(_gha(one_line)))
    download = "      - run: lftp ftp.example.com -e 'mirror /pub/data ./data; quit'\n"
    assert "ci-deploy" not in categories(signals(_gha(download)))
    filtered = "      - run: pnpm --filter worker run deploy\n"
    assert "a target named for deploying" in of(signals(_gha(filtered)), "ci-deploy")[0].detail


def test_a_deploy_job_run_in_an_image_named_for_deploying_deploys(signals: Signals) -> None:
    workflow = (
        "on:\n  push:\n    branches: [main]\njobs:\n  {job}:\n    runs-on: ubuntu-latest\n"
        "    container: {image}\n    steps:\n      - uses: actions/checkout@v4\n      - run: /opt/ci-tools/run.sh\n"
    )
    (hit,) = of(
        signals({".github/workflows/ci.yml": workflow.format(job="deploy", image="acme/deployer:2")}), "ci-deploy"
    )
    assert (hit.line, hit.detail) == (7, "job 'deploy' runs in the deploy image acme/deployer:2")
    gitlab = (
        "deploy-prod:\n  image: registry.gitlab.com/org/auto-deploy-image:v2\n  script:\n    - auto-deploy deploy\n"
    )
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": gitlab}))
    for job, image in (("build", "acme/deployer:2"), ("deploy", "node:20"), ("deploy", "acme/deployment-tests:1")):
        text = workflow.format(job=job, image=image)
        found = of(signals({".github/workflows/ci.yml": text}), "ci-deploy")
        assert not [s for s in found if "deploy image" in s.detail], (job, image)


def test_a_reusable_deploy_workflow_called_only_by_hand_is_a_manual_deploy(signals: Signals) -> None:
    callee = (
        "on:\n  workflow_call:\n    inputs:\n      env:\n        type: string\njobs:\n  ship:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - run: fly deploy --remote-only\n"
    )
    caller = "on: {on}\njobs:\n  go:\n    uses: ./.github/workflows/ship.yml\n    with:\n      env: prod\n"
    manual = {".github/workflows/ship.yml": callee, ".github/workflows/go.yml": caller.format(on="workflow_dispatch")}
    found = signals(manual)
    assert "ci-deploy-manual" in categories(found) and "ci-deploy" not in categories(found)
    automatic = {**manual, ".github/workflows/main.yml": caller.format(on="push")}
    assert "ci-deploy" in categories(signals(automatic))


def test_gradle_variant_and_multiplatform_test_tasks_run_the_tests(signals: Signals) -> None:
    for run in (
        "./gradlew testDebugUnitTest",  # Android: one variant's unit tests
        "./gradlew :app:testProdReleaseUnitTest --stacktrace",  # a flavour's variant, in one module
        "./gradlew testDebug",
        "./gradlew allTests",  # Kotlin Multiplatform: every target's tests
        "./gradlew jvmTest iosSimulatorArm64Test",
        "./gradlew integrationTest",
    ):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("./gradlew assembleDebug", "./gradlew assembleAndroidTest", "./gradlew testClasses lint"):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_package_manager_workspace_options_before_the_test_script(signals: Signals) -> None:
    for run in (
        "pnpm -r test",
        "pnpm recursive run test",
        "pnpm --filter web test",
        "pnpm -F @acme/api run test",
        "npm --prefix frontend test",
        "npm -w packages/core run test",
        "yarn workspace @acme/web test",
        "yarn workspaces foreach -Apt run test",
        "npx nx affected -t test",
        "npx nx affected --target=test --parallel=3",
        "npx nx run-many -t lint test build",
        "npx turbo run build test",
    ):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "pnpm -r build",
        "pnpm --filter web lint",
        "yarn workspace @acme/web add -D vitest",
        "npx nx affected -t lint",
    ):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_make_options_before_the_target_and_a_makefile_in_another_folder(signals: Signals) -> None:
    for run in (
        "make -C backend test",
        "make -j4 check",
        "make --file=Makefile.ci test",
        "make EVENT_LIB=libev test",
        "make V=1 check",
    ):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    backend = "ci: lint unit\n\nlint:\n\tgolangci-lint run\n\nunit:\n\tgo test ./...\n"
    found = signals({**_gha("      - run: make -C backend ci\n"), "backend/Makefile": backend})
    assert "Makefile target runs tests" in of(found, "ci-tests")[0].detail
    # the folder a -C names is no target: a root target of the same name is not what runs
    root = {"Makefile": "backend:\n\tgo test ./...\n", "backend/Makefile": "lint:\n\tgolangci-lint run\n"}
    assert "ci-tests" not in categories(signals({**_gha("      - run: make -C backend lint\n"), **root}))


def test_more_ecosystems_test_runners(signals: Signals) -> None:
    for run in (
        "stack test --no-terminal",  # Haskell
        "dune runtest",  # OCaml
        "zig build test",
        "gleam test",
        "rebar3 eunit",  # Erlang
        "melos run test",  # Dart workspaces
        "cargo llvm-cov --workspace --lcov --output-path lcov.info",
        "cargo tarpaulin --out Xml",
        "python -m coverage run -m unittest discover",
        "julia --project -e 'using Pkg; Pkg.test()'",
        "Rscript -e 'devtools::test()'",
        "R CMD check --no-manual *.tar.gz",
        "clojure -X:test",
        "npx wdio run wdio.conf.ts",
    ):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("stack build", "dune build", "zig build", "gleam format --check", "cargo llvm-cov --version"):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run


CIRRUS = """\
test_task:
  container:
    image: rust:latest
  fetch_script: cargo fetch
  unit_tests_script: cargo test --all-features
lint_task:
  container:
    image: rust:latest
  clippy_script: cargo clippy -- -D warnings
"""


def test_cirrus_script_instructions_of_any_name(signals: Signals) -> None:
    (hit,) = of(signals({".cirrus.yml": CIRRUS}), "ci-tests")
    assert (hit.line, hit.detail) == (5, "runs `cargo test`")
    lint_only = CIRRUS.split("lint_task:")[0].replace("cargo test --all-features", "cargo build")
    assert "ci-tests" not in categories(signals({".cirrus.yml": lint_only}))


TEAMCITY = """\
import jetbrains.buildServer.configs.kotlin.*
import jetbrains.buildServer.configs.kotlin.buildSteps.dotnetBuild
import jetbrains.buildServer.configs.kotlin.buildSteps.dotnetTest

version = "2024.03"

project {
    buildType {
        id("Build")
        steps {
            dotnetBuild {
                projects = "Shop.sln"
            }
            dotnetTest {
                projects = "tests/Shop.Tests/Shop.Tests.csproj"
            }
        }
    }
}
"""


def test_teamcity_test_step_types_run_the_tests(signals: Signals) -> None:
    (hit,) = of(signals({".teamcity/settings.kts": TEAMCITY}), "ci-tests")
    assert (hit.line, hit.detail) == (14, "runs `dotnet test`")
    build_only = TEAMCITY.replace("dotnetTest {", "dotnetPublish {")
    assert "ci-tests" not in categories(signals({".teamcity/settings.kts": build_only}))


TEST_LANES_FASTFILE = """\
default_platform(:ios)

platform :ios do
  desc "Run the unit tests"
  lane :tests do
    run_tests(scheme: "Shop")
  end

  desc "Android-style unit tests"
  lane :unit do
    gradle(task: "testDebugUnitTest")
  end

  lane :screenshots do
    capture_screenshots
  end
end
"""


def test_a_fastlane_lane_that_runs_the_tests(signals: Signals) -> None:
    for run in ("bundle exec fastlane tests", "fastlane ios tests", "fastlane unit"):
        found = signals({**_gha(f"      - run: {run}\n"), "fastlane/Fastfile": TEST_LANES_FASTFILE})
        assert "fastlane lane" in of(found, "ci-tests")[0].detail, run
    quiet = {**_gha("      - run: bundle exec fastlane screenshots\n"), "fastlane/Fastfile": TEST_LANES_FASTFILE}
    assert "ci-tests" not in categories(signals(quiet))


def test_build_tool_test_targets(signals: Signals) -> None:
    for run in (
        "cmake --build build --target test",
        "cmake --build . --config Release --target check",
        "ninja -C build test",
        "earthly --ci +test",
        "earthly ./services/api+tests",
        "dagger call test --source=.",
        "pnpm run --filter ./packages/core test",
    ):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("cmake --build build --target install", "ninja -C build", "earthly +build", "dagger call build"):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_a_travis_file_without_a_script_runs_its_languages_default_tests(signals: Signals) -> None:
    node = {".travis.yml": "language: node_js\nnode_js:\n  - 20\n", "package.json": '{"scripts": {"test": "mocha"}}'}
    (hit,) = of(signals(node), "ci-tests")
    assert (hit.line, hit.detail) == (1, "runs `npm test`, the default script of language node_js")
    java = {".travis.yml": "language: java\njdk: openjdk17\n", "pom.xml": "<project/>\n"}
    assert "`mvn test`" in of(signals(java), "ci-tests")[0].detail
    # npm's placeholder test script, a script of the file's own, a language without a default
    placeholder = '{"scripts": {"test": "echo \\"Error: no test specified\\" && exit 1"}}'
    for files in (
        {".travis.yml": "language: node_js\n", "package.json": placeholder},
        {".travis.yml": "language: node_js\nscript:\n  - npm run build\n", "package.json": '{"scripts": {}}'},
        {".travis.yml": "language: python\npython: '3.12'\ninstall: pip install -r requirements.txt\n"},
    ):
        assert "ci-tests" not in categories(signals(files)), files


def test_a_travis_matrix_job_without_a_script_runs_its_languages_default_tests(signals: Signals) -> None:
    """A job of ``matrix: include:`` (or ``jobs: include:``) in a language of its own and without a
    ``script`` runs that language's default test command, as a file without a script does."""
    travis = (
        "matrix:\n  include:\n    - name: Test\n      language: scala\n      jdk: openjdk8\n"
        "    - name: Release\n      language: python\n      script:\n        - ./release.sh\n"
    )
    (hit,) = of(signals({".travis.yml": travis, "build.sbt": 'name := "api"\n'}), "ci-tests")
    assert (hit.path, hit.line, hit.detail) == (
        ".travis.yml",
        4,
        "runs `sbt test`, the default script of language scala",
    )
    inherited = "language: node_js\njobs:\n  include:\n    - node_js: 20\n    - node_js: 22\n"
    assert "ci-tests" in categories(
        signals({".travis.yml": inherited, "package.json": '{"scripts": {"test": "jest"}}'})
    )
    for travis in (
        "script: sbt compile\nmatrix:\n  include:\n    - language: scala\n",  # every job runs the file's script
        "jobs:\n  include:\n    - language: scala\n      script: sbt package\n",
        "jobs:\n  include:\n    - language: python\n",  # a language without a default
    ):
        assert "ci-tests" not in categories(signals({".travis.yml": travis, "build.sbt": ""})), travis


def test_python_task_runners_running_a_task_named_test(signals: Signals) -> None:
    for run in ("poe test", "uv run poe test-unit", "pdm run test", "pixi run test", "invoke test", "mise run test"):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("poe lint", "pixi run build", "pdm run testserver-docs", "uv run python manage.py migrate"):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run


def test_javascript_runners_a_package_script_calls_by_their_bare_name(signals: Signals) -> None:
    workflow = _gha("      - run: npm test\n")
    for script in (
        "react-scripts test --watchAll=false",  # Create React App's test script
        "vue-cli-service test:unit",
        "playwright test",
        "cypress run --browser chrome",
        "start-server-and-test start http://localhost:3000 cy:run",
        "ava",
        "c8 node --test",
        "karma start --single-run",
        "CI=true tap test/*.js",
        "lab -v -t 85",  # hapi's @hapi/lab
        # Japa, AdonisJS's runner, started through its entry file or the ace command line
        "node japaFile.js",
        "node -r @adonisjs/require-ts/build/register japaFile.ts",
        "node bin/test.js",
        "node ace test",
    ):
        manifest = {"package.json": '{"scripts": {"test": "' + script + '"}}'}
        assert "ci-tests" in categories(signals({**workflow, **manifest})), script
    for run in ("pnpm exec playwright test", "yarn playwright test --project=chromium"):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in (
        "brew tap hashicorp/tap",
        "npx playwright install --with-deps",
        "yarn cypress open",
        "echo ava",
        "label-sync --dry-run",
        "node ace serve --watch",
        "node bin/server.js",
    ):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run


GITLAB_REFERENCES = """\
.setup:
  script:
    - pip install -r requirements.txt

test:
  stage: test
  script:
    - !reference [.setup, script]
    - pytest -q
"""


def test_a_gitlab_file_with_reference_tags_is_still_read(signals: Signals) -> None:
    (hit,) = of(signals({".gitlab-ci.yml": GITLAB_REFERENCES}), "ci-tests")
    assert (hit.line, hit.detail) == (9, "job 'test' runs `pytest`")
    build_only = GITLAB_REFERENCES.replace("pytest -q", "python -m build")
    assert "ci-tests" not in categories(signals({".gitlab-ci.yml": build_only}))


def test_gitlab_reference_tags_stand_for_the_lines_they_name(signals: Signals) -> None:
    shared = ".tests:\n  script:\n    - python -m pytest -q\n\nunit:\n  script:\n    - !reference [.tests, script]\n"
    (hit,) = of(signals({".gitlab-ci.yml": shared}), "ci-tests")
    assert (hit.line, hit.detail) == (3, "job 'unit' runs `python -m pytest`")
    # a reference to lines that build, and a nested list of lines (GitLab flattens it)
    build = shared.replace("python -m pytest -q", "python -m build")
    assert "ci-tests" not in categories(signals({".gitlab-ci.yml": build}))
    nested = "unit:\n  script:\n    - [pip install -e ., pytest]\n"
    assert "ci-tests" in categories(signals({".gitlab-ci.yml": nested}))


def test_bitrise_gradle_runner_steps_are_read_as_their_gradle_task(signals: Signals) -> None:
    bitrise = (
        'format_version: "11"\nworkflows:\n  primary:\n    steps:\n    - git-clone@8: {}\n'
        "    - gradle-runner@2:\n        inputs:\n        - gradle_task: {task}\n"
    )
    assert "ci-tests" in categories(signals({"bitrise.yml": bitrise.replace("{task}", "testDebugUnitTest")}))
    assert "ci-tests" not in categories(signals({"bitrise.yml": bitrise.replace("{task}", "assembleRelease")}))


def test_commands_that_only_compile_or_list_the_tests_run_none(signals: Signals) -> None:
    for run in (
        "cargo test --no-run --locked",
        "go test -c ./pkg/parse",
        "go test -run=^$ -bench=. ./...",
        "pytest --collect-only -q",
        "dotnet test --list-tests",
        "npx jest --listTests",
        "mvn -B test-compile",
        "./mvnw package -Dmaven.test.skip",
        "./gradlew build --exclude-task test",
        "./gradlew build -x :app:test",
    ):
        assert "ci-tests" not in categories(signals(_gha(f"      - run: {run}\n"))), run
    for run in ("go test -race ./...", "mvn -B verify -Dmaven.test.skip=false", "bash -c 'go test ./...'"):
        assert "ci-tests" in categories(signals(_gha(f"      - run: {run}\n"))), run


MULTI_STAGE = """\
FROM python:3.12-slim AS base
WORKDIR /app
RUN pip install -r requirements.txt

FROM base AS test
COPY . .
RUN python -m pytest -q

FROM base AS runtime
COPY . .
CMD ["gunicorn", "app:app"]
"""


def test_building_a_dockerfile_stage_that_runs_the_tests(signals: Signals) -> None:
    for run in (
        "docker build --target test -t app:test .",
        "docker buildx build . --target test",
        "docker build -f docker/Dockerfile --target test .",
    ):
        files = {**_gha(f"      - run: {run}\n"), "Dockerfile": MULTI_STAGE, "docker/Dockerfile": MULTI_STAGE}
        assert "Dockerfile stage 'test'" in of(signals(files), "ci-tests")[0].detail, run
    action = "      - uses: docker/build-push-action@v6\n        with:\n          target: test\n          push: false\n"
    assert "ci-tests" in categories(signals({**_gha(action), "Dockerfile": MULTI_STAGE}))
    # a stage declared with a platform flag; an unnamed stage after it ends it
    flagged = "FROM --platform=$BUILDPLATFORM python:3.12 AS test\nRUN python -m pytest\n"
    files = {**_gha("      - run: docker build --target test .\n"), "Dockerfile": flagged}
    assert "Dockerfile stage 'test'" in of(signals(files), "ci-tests")[0].detail
    ended = "FROM python:3.12 AS test\nRUN echo ok\nFROM python:3.12\nRUN python -m pytest\n"
    files = {**_gha("      - run: docker build --target test .\n"), "Dockerfile": ended}
    assert "ci-tests" not in categories(signals(files))
    # the runtime stage, or a test stage that runs no test
    for run in ("docker build --target runtime .", "docker build --target test ."):
        dockerfile = MULTI_STAGE if "runtime" in run else MULTI_STAGE.replace("python -m pytest -q", "echo ok")
        assert "ci-tests" not in categories(signals({**_gha(f"      - run: {run}\n"), "Dockerfile": dockerfile})), run


MISE_TOML = """\
[tasks.check]
description = "every local check"
depends = ["lint", "test", "spec:check"]

[tasks.lint]
run = "go vet ./..."

[tasks.ci]
depends = ["lint", "unit"]

[tasks.unit]
run = ["go build ./...", "go test -race ./..."]

[tasks.deploy]
depends = ["build"]
run = "charter deploy"
"""


def test_a_mise_task_that_runs_the_tests(signals: Signals) -> None:
    """``mise run TASK`` follows the task into ``mise.toml``: its commands, a dependency named for
    tests (``test``, included from elsewhere), or a dependency whose commands run them."""
    found = {
        run: of(signals({**_gha(f"      - run: {run}\n"), "mise.toml": MISE_TOML}), "ci-tests")
        for run in ("mise run check", "mise run ci", "mise r unit", "mise run lint", "mise run missing")
    }
    assert [s.detail.split(" runs ", 1)[1] for s in found["mise run check"]] == [
        "`mise run check` (mise task 'check' depends on 'test')"
    ]
    assert "depends on 'unit', which runs `go test -race ./...`" in found["mise run ci"][0].detail
    assert "mise task 'unit' runs `go test -race ./...`" in found["mise r unit"][0].detail
    assert not found["mise run lint"] and not found["mise run missing"]


def test_a_mise_task_named_for_deploying(signals: Signals) -> None:
    (hit,) = of(signals({**_gha("      - run: mise run deploy\n"), "mise.toml": MISE_TOML}), "ci-deploy")
    assert hit.detail.endswith("`mise run deploy` (a target named for deploying)")
    assert "ci-deploy" not in categories(signals({**_gha("      - run: mise install\n"), "mise.toml": MISE_TOML}))


GO_BUILD = """\
# syntax = docker/dockerfile:experimental
FROM golang:1.22 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build make test
RUN go build -o /app/server .

FROM gcr.io/distroless/static:nonroot
COPY --from=build /app/server /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/server"]
"""


def test_an_image_build_whose_stages_run_the_tests(signals: Signals) -> None:
    """``docker build .`` builds the last stage and the stages it copies from: a test run in one
    of them fails the build, directly or through the Makefile target CI calls."""
    for run in ("docker build -t app .", "make image"):
        files = {
            **_gha(f"      - run: {run}\n"),
            "Dockerfile": GO_BUILD,
            "Makefile": 'image:\n\tDOCKER_BUILDKIT=1 docker build -t app --build-arg V="$(V)" .\n',
        }
        found = of(signals(files), "ci-tests")
        assert [s.detail.endswith("the image build of Dockerfile runs `make test`)") for s in found] == [True], run
    # the stage that runs the tests is one the final image does not need
    assert "ci-tests" not in categories(signals({**_gha("      - run: docker build .\n"), "Dockerfile": MULTI_STAGE}))
    # a Maven or Gradle build run for its artifact is no test run of an image build
    jar = GO_BUILD.replace("make test", "./gradlew clean build --no-daemon")
    assert "ci-tests" not in categories(signals({**_gha("      - run: docker build .\n"), "Dockerfile": jar}))
    named = GO_BUILD.replace("make test", "./gradlew test")
    assert "ci-tests" in categories(signals({**_gha("      - run: docker build .\n"), "Dockerfile": named}))


COMPOSE_TESTS = """\
services:
  db:
    image: postgres:16
  tests:
    build: .
    command: ["python", "-m", "pytest", "-q"]
    depends_on: [db]
  sut:
    build:
      context: .
      target: test
  web:
    build: .
    command: gunicorn app:app
"""


def test_a_compose_service_that_runs_the_tests(signals: Signals) -> None:
    files = {"docker-compose.test.yml": COMPOSE_TESTS, "Dockerfile": MULTI_STAGE}
    for run in (
        "docker compose -f docker-compose.test.yml up --abort-on-container-exit --exit-code-from tests",
        "docker-compose -f docker-compose.test.yml run --rm tests",
        "docker compose -f docker-compose.test.yml up --exit-code-from sut",  # a Dockerfile test stage
    ):
        assert "Compose service" in of(signals({**_gha(f"      - run: {run}\n"), **files}), "ci-tests")[0].detail, run
    for run in (
        "docker compose -f docker-compose.test.yml up -d web",
        "docker compose -f docker-compose.test.yml run db",
    ):
        assert "ci-tests" not in categories(signals({**_gha(f"      - run: {run}\n"), **files})), run


def test_rye_runs_the_tests_and_publishes_the_package(signals: Signals) -> None:
    """Rye's own commands (``rye test``, ``rye publish``), in a step or a script the step runs
    (the layout SDK generators write: ``./scripts/test``, ``bash ./bin/publish-pypi``)."""
    found = signals(
        {
            **_gha("      - run: ./scripts/test\n      - run: bash ./bin/publish-pypi\n"),
            "scripts/test": '#!/usr/bin/env bash\nset -e\necho "==> Running tests"\nrye test -- "$@"\n',
            "bin/publish-pypi": "#!/usr/bin/env bash\nset -eux\nrye build --clean\nrye publish --yes --token=$PYPI_TOKEN\n",
        }
    )
    assert [s.detail for s in of(found, "ci-tests")] == [
        "job 'build' runs `./scripts/test` (script scripts/test runs `rye test -- \"$@\"`)"
    ]
    assert [s.detail for s in of(found, "ci-deploy")] == [
        "job 'build' runs `bash ./bin/publish-pypi` (script bin/publish-pypi runs `rye publish`)"
    ]
    built = signals({**_gha("      - run: rye build --clean\n      - run: rye run lint\n")})
    assert not {"ci-tests", "ci-deploy"} & categories(built)


def test_npm_test_runs_the_package_its_pipeline_is_kept_in(signals: Signals) -> None:
    """With no package at the root, a pipeline kept in ``frontend/`` runs the frontend's scripts,
    not the first package's in name order (a ``backend/`` whose test script is a placeholder);
    one kept in ``backend/`` runs the backend's."""
    pipeline = "trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: |\n      npm ci\n      npm test -- --coverage\n"
    found = signals(
        {
            "frontend/azure-pipelines.yml": pipeline,
            "frontend/package.json": '{"scripts": {"test": "react-scripts test"}}',
            "backend/azure-pipelines.yml": pipeline,
            "backend/package.json": '{"scripts": {"test": "echo \\"No tests yet\\" && exit 0"}}',
        }
    )
    assert [(s.path, s.detail) for s in of(found, "ci-tests")] == [("frontend/azure-pipelines.yml", "runs `npm test`")]
    # from a CI folder, which package is meant is unknown: one whose script runs tests is enough
    shared = signals(
        {
            "azure-pipelines/ci.yml": pipeline,
            "frontend/package.json": '{"scripts": {"test": "react-scripts test"}}',
            "backend/package.json": '{"scripts": {"test": "echo \\"No tests yet\\" && exit 0"}}',
        }
    )
    assert [s.path for s in of(shared, "ci-tests")] == ["azure-pipelines/ci.yml"]


def test_a_line_that_only_prints_a_command_runs_nothing(signals: Signals) -> None:
    """``echo "TODO run pytest"``, ``printf``, a logging helper (``rapids-logger "pytest cudf"``)
    print a runner's name; they neither test nor deploy. Piped into a program, they feed it."""
    steps = (
        '      - run: echo "Next, run kubectl apply -f k8s/ by hand"\n      - run: echo "TODO run pytest"\n'
        '      - run: rapids-logger "pytest cudf"\n      - run: printf "docker push %s\\n" "$IMAGE"\n'
    )
    found = signals(_gha(steps))
    assert not {"ci-tests", "ci-deploy"} & categories(found)
    piped = signals(
        _gha(
            '      - run: echo "$TOKEN" | docker login ghcr.io -u bot --password-stdin && docker push ghcr.io/acme/app\n'
        )
    )
    assert [s.detail for s in of(piped, "ci-deploy")] == ["job 'build' runs `docker push`"]


SBT_BUILD = """\
ThisBuild / scalaVersion := "2.13.14"

lazy val core = project.settings(libraryDependencies += "org.scalameta" %% "munit" % "1.0.0" % Test)

addCommandAlias("ci", ";clean" + ";coverage" +
  ";test;coverageReport")
addCommandAlias("fmtCheck", ";scalafmtCheckAll;scalafmtSbtCheck")

lazy val checkRaw = taskKey[Unit]("Build and run the unit tests")
checkRaw := {
  (core / Compile / compile).value
  test.all(ScopeFilter(inProjects(core), inConfigurations(Test))).value
}

def checkPR: Command = Command.command("checkPR") { state =>
  Project.extract(state).runTask(root / checkRaw, state)
  state
}

commands += checkPR
"""


def test_an_sbt_alias_command_or_task_that_runs_the_tests(signals: Signals) -> None:
    """sbt's own command aliases (``addCommandAlias``) and the commands and tasks a ``build.sbt``
    defines are what CI runs (``sbt ci``), as npm scripts and Makefile targets are: followed one
    hop, and a second into a task the command runs."""
    for run, name in (("sbt ci", "ci"), ('sbt -J-Xmx2G --batch ";checkPR;publishLocal"', "checkPR")):
        files = {
            ".github/workflows/ci.yml": _workflow("  pull_request:", f"      - run: {run}\n"),
            "build.sbt": SBT_BUILD,
        }
        (hit,) = of(signals(files), "ci-tests")
        assert (hit.line, hit.detail.endswith(f"(build.sbt '{name}' runs the tests)")) == (9, True)
    for run in ("sbt fmtCheck", "sbt 'Test/compile' fmtCheck", "sbt core/compile"):
        files = {
            ".github/workflows/ci.yml": _workflow("  pull_request:", f"      - run: {run}\n"),
            "build.sbt": SBT_BUILD,
        }
        assert "ci-tests" not in categories(signals(files)), run


GITLAB_DOWNSTREAM = """\
stages: [build, deploy]
build:
  stage: build
  script: [npm run build]
deploy:
  stage: deploy
  trigger:
    project: "applications/shop/deployment"
    strategy: depend
notify:
  stage: build
  trigger: group/notifications
"""


def test_a_gitlab_deploy_job_triggering_another_projects_pipeline_deploys(signals: Signals) -> None:
    """The deploy runs in the downstream project's pipeline, started from this job; a trigger from
    a job named and staged for something else is not a deploy."""
    found = of(signals({".gitlab-ci.yml": GITLAB_DOWNSTREAM}), "ci-deploy")
    assert [(s.path, s.line, s.detail) for s in found] == [
        (".gitlab-ci.yml", 5, "job 'deploy' triggers the pipeline of project applications/shop/deployment")
    ]


def test_goreleasers_install_script_piped_to_a_shell_releases(signals: Signals) -> None:
    """GoReleaser's own recipe for Travis CI: ``curl -sL https://git.io/goreleaser | bash``."""
    travis = (
        "language: go\nscript:\n  - go test ./...\n"
        'after_success:\n  - test -n "$TRAVIS_TAG" && curl -sL https://git.io/goreleaser | bash\n'
    )
    found = signals({".travis.yml": travis})
    assert [(s.line, s.detail) for s in of(found, "ci-deploy")] == [(5, "runs `git.io/goreleaser | bash`")]
    assert [s.line for s in of(found, "release")] == [5]
    snapshot = travis.replace("| bash", "| bash -s -- --snapshot")
    assert "ci-deploy" not in categories(signals({".travis.yml": snapshot}))


def test_appleboys_lambda_action_deploys(signals: Signals) -> None:
    steps = "      - uses: appleboy/lambda-action@master\n        with:\n          function_name: api\n"
    found = of(signals({".github/workflows/deploy.yml": _workflow("  push:", steps)}), "ci-deploy")
    assert [s.detail for s in found] == ["job 'build' uses appleboy/lambda-action"]


MIX_EXS = """\
defmodule Shop.MixProject do
  use Mix.Project

  def project, do: [app: :shop, aliases: aliases()]

  defp aliases do
    [
      setup: ["deps.get", "ecto.setup"],
      ci: [
        "compile --warnings-as-errors",
        "format --check-formatted",
        "test --cover"
      ]
    ]
  end
end
"""


def test_a_mix_alias_that_runs_the_tests_is_a_test_step(signals: Signals) -> None:
    """``mix ci`` runs the project's ``ci`` alias, whose last step is ``test``."""
    workflow = _workflow("  push:", "      - run: mix deps.get\n      - run: mix ci\n")
    found = of(signals({".github/workflows/ci.yml": workflow, "mix.exs": MIX_EXS}), "ci-tests")
    assert [(s.line, s.detail) for s in found] == [
        (10, "job 'build' runs `mix ci` (mix.exs alias 'ci' runs `mix test`)")
    ]
    setup = _workflow("  push:", "      - run: mix setup\n")
    assert "ci-tests" not in categories(signals({".github/workflows/ci.yml": setup, "mix.exs": MIX_EXS}))


def test_a_namespaced_rake_task_for_the_tests_runs_them(signals: Signals) -> None:
    """``rails elc:test:ci`` (a project's ``lib/tasks`` task running RSpec and RuboCop), ``rake
    ci:spec``: a task named for the tests, in any namespace; a database task is not one."""
    travis = "language: ruby\nscript: bundle exec rails elc:test:ci\n"
    assert [s.line for s in of(signals({".travis.yml": travis}), "ci-tests")] == [2]
    for command in ("bundle exec rails db:test:prepare", "bundle exec rails db:migrate"):
        assert "ci-tests" not in categories(signals({".travis.yml": f"language: ruby\nscript: {command}\n"}))


def test_a_deploy_job_that_restarts_the_service_on_its_own_machine_deploys(signals: Signals) -> None:
    gitlab = (
        "deploy_production:\n  stage: deploy\n  script:\n    - rsync -a --exclude=.git ./ /var/www/app/\n"
        "    - cd /var/www/app\n    - yarn install\n    - pm2 restart server.production.config.js\n"
        "  environment:\n    name: production\n  only:\n    - master\n"
    )
    (hit,) = of(signals({".gitlab-ci.yml": gitlab}), "ci-deploy")
    assert (hit.line, hit.detail) == (7, "job 'deploy_production' runs `pm2 restart`")
    systemd = gitlab.replace("pm2 restart server.production.config.js", "sudo systemctl restart app")
    assert "ci-deploy" in categories(signals({".gitlab-ci.yml": systemd}))
    # a job not named for deploying, a hosted runner or a restart only printed starts nothing that stays
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": gitlab.replace("deploy_production", "e2e")}))
    hosted = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pm2 restart all\n"
    assert "ci-deploy" not in categories(signals({".github/workflows/deploy.yml": hosted}))
    printed = gitlab.replace("pm2 restart server", "echo pm2 restart server")
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": printed}))


def test_appveyor_phases_run_the_tests_and_its_deploy_section_deploys(signals: Signals) -> None:
    """AppVeyor runs its phase lists (``before_build``, ``after_build``, ``ps:`` entries) as commands,
    and deploys with each ``deploy:`` entry's provider; ``deploy: off`` deploys nothing."""
    appveyor = (
        "version: 1.0.{{build}}\nimage: Visual Studio 2022\nbefore_build:\n  - cmd: dotnet --version\n"
        "  - cd Frontend\n  - yarn install\n  - yarn run test-ci\nbuild:\n  project: ./Backend/Api.sln\n"
        "{deploy}"
    )
    frontend = '{"scripts": {"test-ci": "start-server-and-test start http://localhost:3000 cy-run"}}'
    webdeploy = "deploy:\n  - provider: WebDeploy\n    server: $(deploy_server)\n"
    found = signals({"appveyor.yml": appveyor.format(deploy=webdeploy), "Frontend/package.json": frontend})
    assert [s.line for s in of(found, "ci-tests")] == [7]
    (deploy,) = of(found, "ci-deploy")
    assert (deploy.line, deploy.detail) == (11, "AppVeyor deploys with provider WebDeploy")
    off = signals({"appveyor.yml": appveyor.format(deploy="deploy: off\n"), "Frontend/package.json": frontend})
    assert "ci-deploy" not in categories(off)


def test_a_built_site_force_pushed_from_a_fresh_repository_is_a_deploy(signals: Signals) -> None:
    """``cd _site && git init && ... git push -f URL live:live`` publishes the built site to the branch
    that serves it, whatever it is called; a plain push of the repository's own commits is none."""
    workflow = (
        "on:\n  push:\n    branches: [main]\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: uv run python scripts/export_openapi.py --out-dir _site\n      - run: |\n"
        "          cd _site\n{init}          git add -A\n          git commit -m docs\n"
        '          git push -f "https://x-access-token:${{{{ secrets.GITHUB_TOKEN }}}}@github.com/acme/api.git" live:live\n'
    )
    (hit,) = of(
        signals({".github/workflows/docs.yml": workflow.format(init="          git init -b live\n")}), "ci-deploy"
    )
    assert (hit.line, hit.detail) == (14, "job 'docs' runs `git push -f`")
    assert "ci-deploy" not in categories(signals({".github/workflows/docs.yml": workflow.format(init="")}))


def test_deploys_through_dpl(signals: Signals) -> None:
    """dpl, Travis CI's deploy tool, as GitLab's guide to Heroku runs it: v1 (``--provider=``)
    and v2 (the provider as a command)."""
    job = "production:\n  stage: deploy\n  script:\n    - gem install dpl\n    - {}\n"
    for command, shown in (
        ("dpl --provider=heroku --app=$HEROKU_APP --api-key=$HEROKU_API_KEY", "dpl --provider=heroku"),
        ("dpl --skip_cleanup --provider heroku --app=shop", "dpl --skip_cleanup --provider heroku"),
        ("dpl heroku api --app shop", "dpl heroku"),
    ):
        (hit,) = of(signals({".gitlab-ci.yml": job.format(command)}), "ci-deploy")
        assert hit.detail == f"job 'production' runs `{shown}`", command
    assert "ci-deploy" not in categories(signals({".gitlab-ci.yml": job.format("dpl --help")}))
