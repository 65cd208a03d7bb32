"""The CI catalogue: what the CI detectors recognise, as data, in one reviewable place.

Each table here is read by a detector (``ci``, ``ci-tests``, ``ci-deploy``, ``release``) and rendered into
``docs/detection.md`` by :func:`markdown_tables`, so the documentation is the catalogue. Matching stays in the
detectors; this module only says *what* counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from pocmvp_lint.catalogue import PRODUCTION_WORDS


@dataclass(frozen=True)
class Tool:
    """One recognised tool: its ecosystem, its name and what in a CI file shows it."""

    ecosystem: str
    name: str
    recognised: str


#: CI files a service reads at the repository root only (a copy in a subfolder, such as a vendored
#: library's own CI, is not live): root path -> system.
ROOT_CI_FILES: dict[str, str] = {
    ".travis.yml": "Travis CI",
    ".travis.yaml": "Travis CI",
    "circle.yml": "CircleCI",
    ".drone.yml": "Drone",
    ".drone.yaml": "Drone",
    ".drone.jsonnet": "Drone",
    ".drone.star": "Drone",
    "bitbucket-pipelines.yml": "Bitbucket Pipelines",
    "bitbucket-pipelines.yaml": "Bitbucket Pipelines",
    "appveyor.yml": "AppVeyor",
    ".appveyor.yml": "AppVeyor",
    "buildkite.yml": "Buildkite",
    "buildkite.yaml": "Buildkite",
    ".woodpecker.yml": "Woodpecker",
    ".woodpecker.yaml": "Woodpecker",
    "bitrise.yml": "Bitrise",
    ".cirrus.yml": "Cirrus CI",
    ".cirrus.star": "Cirrus CI",
    ".vela.yml": "Vela",
    ".build.yml": "sourcehut builds",
    "codemagic.yaml": "Codemagic",
    "codemagic.yml": "Codemagic",
    ".taskcluster.yml": "Taskcluster",
    ".onedev-buildspec.yml": "OneDev",
    "screwdriver.yaml": "Screwdriver",
    "shippable.yml": "Shippable",
    "wercker.yml": "Wercker",
    ".zuul.yaml": "Zuul",
    "zuul.yaml": "Zuul",
    ".gocd.yaml": "GoCD",
    ".gocd.yml": "GoCD",
    ".teamcity/settings.kts": "TeamCity",
}
#: CI files read wherever they sit (the pipeline's settings name the path): base name -> system.
CI_FILES_ANYWHERE: dict[str, str] = {
    ".gitlab-ci.yml": "GitLab CI",
    ".gitlab-ci.yaml": "GitLab CI",
    "cloudbuild.yaml": "Cloud Build",
    "cloudbuild.yml": "Cloud Build",
    "buildspec.yml": "AWS CodeBuild",
    "codefresh.yml": "Codefresh",
    ".vsts-ci.yml": "Azure Pipelines",
    "cloudbuild.json": "Cloud Build",
    "appcenter-post-clone.sh": "App Center Build",
    "appcenter-pre-build.sh": "App Center Build",
    "appcenter-post-build.sh": "App Center Build",
}
#: Base-name prefixes of CI files read wherever they sit, named per environment or purpose
#: (``cloudbuild-prod.yaml``, ``buildspec.test.yml``): prefix -> system (YAML, or JSON).
CI_FILE_PREFIXES: dict[str, str] = {"cloudbuild": "Cloud Build", "buildspec": "AWS CodeBuild"}
#: Base-name suffixes of CI files read wherever they sit (GoCD's ``*.gocd.yaml`` convention).
CI_FILE_SUFFIXES: dict[str, str] = {".gocd.yaml": "GoCD", ".gocd.yml": "GoCD"}
#: Folders at the repository root whose YAML files (direct children) are pipelines: folder -> system.
ROOT_CI_FOLDERS: dict[str, str] = {
    ".buildkite": "Buildkite",
    ".woodpecker": "Woodpecker",
    ".azuredevops": "Azure Pipelines",
    ".pipelines": "Azure Pipelines",
    ".semaphore": "Semaphore",
    ".builds": "sourcehut builds",
    ".zuul.d": "Zuul",
    "zuul.d": "Zuul",
    ".harness": "Harness",
    ".tekton": "Tekton Pipelines as Code",
    "bamboo-specs": "Bamboo",
    ".eas/workflows": "EAS Workflows",
}
#: Systems whose files must show their shape to count (their names are ordinary elsewhere, or the
#: folder holds other kinds of files too): each group lists starts of top-level lines (in JSON, any
#: line, its key unquoted: ``"steps": [`` reads ``steps: [``), and one line of every group must be present.
CI_CONTENT_LINES: dict[str, tuple[tuple[str, ...], ...]] = {
    "sourcehut builds": (("image:",), ("tasks:",)),
    "Codemagic": (("workflows:",),),
    "Taskcluster": (("tasks:",),),
    "OneDev": (("jobs:",),),
    "Screwdriver": (("jobs:",),),
    "Shippable": (("language:", "build:", "script:", "jobs:"),),
    "Wercker": (("box:",), ("build:", "deploy:", "test:", "dev:")),
    "Zuul": (("- job:", "- project:", "- project-template:"),),
    "GoCD": (("format_version:",), ("pipelines:",)),
    "Harness": (("pipeline:",),),
    "Tekton Pipelines as Code": (("kind: PipelineRun",),),
    "Bamboo": (("plan:", "stages:", "deployment:", "project:"),),
    "AWS CodeBuild": (("phases:",),),
    "Cloud Build": (("steps:",),),
    "Concourse": (("jobs:",), ("resources:", "resource_types:")),
    "Concourse task": (("platform:",), ("run:",), ("image_resource:", "inputs:")),
    "EAS Workflows": (("jobs:",),),
}
#: Folders that hold Azure Pipelines deeper than one level (``.azure/pipelines/ci.yml``,
#: ``eng/pipelines/ci.yml``); their files count when shaped like a pipeline (``trigger``/``pool``
#: with ``steps``, ``jobs`` or ``stages``).
AZURE_PIPELINE_FOLDERS: frozenset[str] = frozenset(
    {
        "pipelines",
        ".pipelines",
        ".azure",
        "azure",
        ".azure-pipelines",
        "azure-pipelines",
        "azure-pipeline",
        ".ado",
        ".vsts",
        "eng",
    }
)
#: TeamCity Kotlin DSL step settings that name what a runner runs: setting -> program
#: (``maven { goals = "clean test" }`` runs ``mvn clean test``).
TEAMCITY_STEP_PROGRAMS: dict[str, str] = {"goals": "mvn", "tasks": "gradle"}
#: TeamCity Kotlin DSL step types that run the tests by themselves, read as the command they stand
#: for: the step's opening line (``dotnetTest {``) -> command.
TEAMCITY_STEP_BLOCKS: dict[str, str] = {
    "dotnetTest": "dotnet test",
    "dotnetVsTest": "dotnet test",
    "vstest": "dotnet test",
    "nunit": "dotnet test",
}
#: Bitrise steps read as the command they stand for: step id (lower case, before ``@``) -> (program,
#: the input whose value is appended, if any): ``script`` runs its ``content``, ``xcode-test`` runs
#: ``xcodebuild test``, ``npm`` runs ``npm <command>``. A step missing its input runs nothing.
BITRISE_STEP_COMMANDS: dict[str, tuple[str, str]] = {
    "script": ("", "content"),
    "xcode-test": ("xcodebuild test", ""),
    "xcode-test-without-building": ("xcodebuild test-without-building", ""),
    "android-unit-test": ("gradle test", ""),
    "gradle-unit-test": ("gradle test", ""),
    "gradle-runner": ("gradle", "gradle_task"),
    "xcode-test-mac": ("xcodebuild test", ""),
    "flutter-test": ("flutter test", ""),
    "npm": ("npm", "command"),
    "yarn": ("yarn", "command"),
}
#: Xcode Cloud's custom build scripts: names it runs from a ``ci_scripts`` folder next to the Xcode
#: project or workspace.
XCODE_CLOUD_SCRIPTS: tuple[str, ...] = ("ci_post_clone.sh", "ci_pre_xcodebuild.sh", "ci_post_xcodebuild.sh")
#: Folders whose Groovy files may be Jenkins pipelines (``jenkins/build.groovy``), counted when they
#: declare a pipeline.
JENKINS_SCRIPT_FOLDERS: frozenset[str] = frozenset({"jenkins", ".jenkins", "jenkinsfiles", "ci", ".ci", "pipelines"})
#: Folders where Concourse pipelines are kept (root files named for a pipeline too), counted when
#: they declare ``resources`` and ``jobs`` with a ``plan``; the task files a pipeline runs are kept
#: there too (``ci/unit.yml``, ``ci/tasks/build.yml``), counted when they declare the ``platform``,
#: the ``run`` and the image or inputs of a task (a pipeline kept in another repository runs them).
CONCOURSE_FOLDERS: frozenset[str] = frozenset({"ci", ".ci", "concourse", ".concourse", "pipelines"})

#: Test runners and task runners whose invocation (directly, or one hop through a script table, a
#: Makefile target or a repository script) counts as "CI runs the tests".
TEST_RUNNERS: tuple[Tool, ...] = (
    Tool(
        "Python",
        "pytest, unittest, tox, nox",
        "`pytest`, `python -m pytest|unittest`, `tox`, `nox`, "
        "`uv|poetry|pdm|hatch|pipenv run pytest`, `manage.py test`, `coverage run -m pytest|unittest`; a task "
        "named test: `poe test`, `invoke test`, `pdm|pixi|rye|mise run test`, `uv run poe test`",
    ),
    Tool(
        "JavaScript",
        "npm/pnpm/yarn/bun scripts, jest, vitest, mocha, playwright, cypress",
        "`npm test`, `npm run test-*` (followed into package.json, where runners are called by their bare "
        "name: `react-scripts test`, `playwright test`, `cypress run`, `ava`, hapi's `lab`, `node --test`, "
        "Japa's `node japaFile.js`, `node bin/test.js` and `node ace test`, ...), "
        "`npx jest|vitest|mocha|playwright test`, `pnpm exec|yarn playwright test`; "
        "in workspaces `pnpm -r test`, `pnpm --filter web test`, `npm --prefix web test`, `yarn workspace web test`",
    ),
    Tool("Go", "go test, gotestsum, ginkgo", "`go test`, `gotestsum`, `ginkgo`"),
    Tool("Rust", "cargo test, nextest", "`cargo test`, `cargo nextest run`, `cargo llvm-cov`, `cargo tarpaulin`"),
    Tool(
        "Java/Kotlin",
        "Maven, Gradle",
        "`mvn test|verify|package|install`, `gradle test|check|build|connectedCheck`, Android variants "
        "(`testDebugUnitTest`), Kotlin Multiplatform targets (`allTests`, `jvmTest`); Azure `Maven@`/`Gradle@` tasks",
    ),
    Tool(".NET", "dotnet test, VSTest", "`dotnet test`; Azure `DotNetCoreCLI@2` with `command: test`, `VSTest@`"),
    Tool(
        "Ruby",
        "rspec, rake, minitest, parallel_tests, turbo_tests",
        "`rspec`, `rake`, `rake test|spec`, `bundle exec rake|rspec`, `rails test`, a namespaced test task "
        "(`rails elc:test:ci`, `rake ci:spec`; not `db:test:prepare`), `parallel_rspec`, `parallel_test`, "
        "`turbo_tests`",
    ),
    Tool(
        "PHP",
        "phpunit, pest, artisan",
        "`phpunit`, `pest`, `paratest`, `php artisan test`, `php artisan dusk`, `composer test` (followed into "
        "composer.json)",
    ),
    Tool("Elixir", "mix, excoveralls", "`mix test`, `mix coveralls`"),
    Tool(
        "Dart/Flutter", "flutter, dart, very_good, melos", "`flutter test`, `dart test`, `very_good test`, `melos test`"
    ),
    Tool("Swift", "swift, xcodebuild", "`swift test`, `xcodebuild ... test`"),
    Tool(
        "C/C++",
        "ctest, make, meson, bazel",
        "`ctest`, `make [-C dir] [VAR=value] test|check`, `meson test`, `bazel test`",
    ),
    Tool(
        "Functional and others",
        "stack, dune, gleam, rebar3, clojure, zig, Julia, R",
        "`stack test`, `dune test|runtest`, `gleam test`, `rebar3 eunit|ct`, `clojure -X:test`, `zig build test`, "
        "`Pkg.test()`, `devtools::test()`, `R CMD check`",
    ),
    Tool(
        "Any",
        "task runners",
        "`make <target>` whose recipe runs tests (in the folder a `-C` names), `just test`, `task test`, "
        "`nx|turbo|lerna run test`, `nx affected -t test`",
    ),
    Tool(
        "Any",
        "test scripts",
        "an interpreter running a file named like a test (`ruby simpletest.rb`, "
        "`node test/run.mjs`), or a repository script (`./scripts/ci.sh`) that runs a test command",
    ),
)

#: Workspace runners: ``<runner> run test`` (and friends) run every package's test script.
WORKSPACE_RUNNERS: tuple[str, ...] = ("nx", "turbo", "lerna", "rush", "wireit", "moon")

#: Shared reusable workflows (``uses:`` prefix, lower case) known to run the caller's tests.
REUSABLE_TEST_WORKFLOWS: tuple[str, ...] = (
    "verygoodopensource/very_good_workflows/.github/workflows/flutter_package.yml",
    "verygoodopensource/very_good_workflows/.github/workflows/dart_package.yml",
)
#: Inputs of a remote reusable workflow (an organisation's shared ``jvm-ci.yml``) that hand it the
#: caller's test command, tasks or switch (``test-gradle-args: :api:test``, ``test-command: npm test``,
#: ``run-tests: true``): the workflow runs the caller's tests with them.
REUSABLE_TEST_INPUT_RE: str = (
    r"(?i)^(?:run[-_])?tests?(?:[-_](?:command|cmd|commands|args|arguments|script|scripts|tasks?|targets?|goals?"
    r"|gradle[-_]args|maven[-_]args|mvn[-_]args|flags|run|enabled))?$"
)
#: Input values that switch a workflow's test step off.
REUSABLE_TEST_OFF: frozenset[str] = frozenset({"", "false", "no", "off", "0", "skip", "none"})
#: Actions that hand a job a cloud's credentials: a job holding them that runs something named
#: ``deploy`` (``python deploy.py prod``, ``uv run deploy``) deploys with them.
CLOUD_LOGIN_ACTIONS: tuple[str, ...] = (
    "aws-actions/configure-aws-credentials",
    "google-github-actions/auth",
    "azure/login",
)
#: Actions that load an SSH private key into the job (the key to the servers it deploys to): a job
#: holding one that runs something named ``deploy`` (``./deploy-vps.sh``) deploys with it.
SSH_KEY_ACTIONS: tuple[str, ...] = (
    "webfactory/ssh-agent",
    "shimataro/ssh-key-action",
    "kielabokkie/ssh-key-and-known-hosts-action",
)
#: Repository-housekeeping actions (``uses:`` prefix, lower case): they triage issues and pull
#: requests (mark stale, label, greet, lock, assign). A workflow whose every step is one of these, or a
#: checkout, builds and checks nothing: it is not continuous integration.
HOUSEKEEPING_ACTIONS: tuple[str, ...] = (
    "actions/stale",
    "actions/labeler",
    "actions/first-interaction",
    "actions/add-to-project",
    "dessant/lock-threads",
    "dessant/label-actions",
    "dessant/support-requests",
    "github/issue-labeler",
    "eddiehubcommunity/gh-action-community",
    "wow-actions/welcome",
    "kentaro-m/auto-assign-action",
    "toshimaru/auto-author-assign",
)
#: Steps that do nothing on their own, allowed alongside housekeeping actions.
HOUSEKEEPING_NEUTRAL_ACTIONS: tuple[str, ...] = ("actions/checkout",)
#: Actions whose whole job is to run the project's tests.
TEST_RUNNER_ACTIONS: tuple[str, ...] = (
    "r-lib/actions/check-r-package",
    "julia-actions/julia-runtest",
    "cypress-io/github-action",
    "php-actions/phpunit",
    "matlab-actions/run-tests",
)
#: CircleCI orb jobs and commands (the part after ``<orb>/``) that run the project's tests
#: (``node/test``, ``python/test``, ``ruby/rspec-test``, ``android/run-tests``).
ORB_TEST_JOBS: frozenset[str] = frozenset({"test", "run-tests", "rspec-test", "minitest-test", "pytest"})
#: Actions that run a command given in an input: action (lower case) -> (input, the command it stands for).
COMMAND_INPUT_ACTIONS: dict[str, tuple[str, str]] = {
    "actions-rs/cargo": ("command", "cargo {}"),
    "reactivecircus/android-emulator-runner": ("script", "{}"),
    "gradle/gradle-build-action": ("arguments", "gradle {}"),
    "coactions/setup-xvfb": ("run", "{}"),
    "gabrielbb/xvfb-action": ("run", "{}"),
    "actions-hub/kubectl": ("args", "kubectl {}"),
    "steebchen/kubectl": ("command", "kubectl {}"),
    "azure/cli": ("inlineScript", "{}"),
    "changesets/action": ("publish", "{}"),
    "netlify/actions/cli": ("args", "netlify {}"),
    "w9jds/firebase-action": ("args", "firebase {}"),
    "serverless/github-action": ("args", "serverless {}"),
}

#: Azure Pipelines tasks read as the command they stand for: task name (lower case, before ``@``) ->
#: (program, input keys whose values are appended in order). ``command`` values listed in
#: :data:`AZURE_COMMAND_REWRITES` are rewritten first.
AZURE_TASK_COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dotnetcorecli": ("dotnet", ("command", "custom", "arguments")),
    "npm": ("npm", ("command", "customcommand")),
    "maven": ("mvn", ("goals", "options")),
    "gradle": ("gradle", ("tasks", "options")),
    "vstest": ("dotnet test", ()),
    "nugetcommand": ("nuget", ("command",)),
    "xcode": ("xcodebuild", ("actions",)),
    "kubernetes": ("kubectl", ("command",)),
    "terraformtaskv4": ("terraform", ("command",)),
    "terraformtaskv3": ("terraform", ("command",)),
    "terraformtask": ("terraform", ("command",)),
    "terraformcli": ("terraform", ("command",)),
    "helmdeploy": ("helm", ("command",)),
}
#: ``command`` input values of Azure tasks that name another subcommand.
AZURE_COMMAND_REWRITES: dict[tuple[str, str], str] = {
    ("dotnetcorecli", "push"): "nuget push",
    ("npm", "custom"): "",
}

#: Google Cloud Build builder images (a part of the image name) that run a program other than their
#: last path segment when a step names no ``entrypoint`` (``gcr.io/cloud-builders/<program>`` runs
#: ``<program>``; other images run their ``args`` as the command).
CLOUD_BUILD_PROGRAMS: dict[str, str] = {
    "kaniko-project/executor": "/kaniko/executor",
    "cloud-builders/gke-deploy": "gke-deploy",
}

#: GitHub Actions (``uses:`` prefix, lower case) that deploy or publish.
DEPLOY_ACTIONS: tuple[str, ...] = (
    "pypa/gh-action-pypi-publish",
    "rubygems/release-gem",
    "release-plz/action",
    "marcoieni/release-plz-action",
    "helm/chart-releaser-action",
    "taiki-e/upload-rust-binary-action",
    "docker/build-push-action",
    "docker/bake-action",
    "goreleaser/goreleaser-action",
    "imjasonh/setup-ko",
    "ko-build/setup-ko",
    "peaceiris/actions-gh-pages",
    "actions/deploy-pages",
    "jamesives/github-pages-deploy-action",
    "azure/webapps-deploy",
    "azure/functions-action",
    "azure/functions-container-action",
    "azure/k8s-deploy",
    "azure/static-web-apps-deploy",
    "azure/container-apps-deploy-action",
    "azure/arm-deploy",
    "aws-actions/amazon-ecs-deploy-task-definition",
    "aws-actions/aws-cloudformation-github-deploy",
    "google-github-actions/deploy-cloudrun",
    "google-github-actions/deploy-appengine",
    "google-github-actions/deploy-cloud-functions",
    "redhat-actions/oc-new-app",
    "redhat-actions/push-to-registry",
    "octopusdeploy/deploy-release-action",
    "superfly/flyctl-actions",
    "amondnet/vercel-action",
    "nwtgck/actions-netlify",
    "akhileshns/heroku-deploy",
    "cloudflare/wrangler-action",
    "cloudflare/pages-action",
    "firebaseextended/action-hosting-deploy",
    "pulumi/actions",
    "appleboy/ssh-action",
    "appleboy/scp-action",
    "appleboy/lambda-action",
    "easingthemes/ssh-deploy",
    "burnett01/rsync-deployments",
    "samkirkland/ftp-deploy-action",
    "dokku/github-action",
    "dawidd6/action-ansible-playbook",
    "relekang/python-semantic-release",
    "python-semantic-release/python-semantic-release",
    "cycjimmy/semantic-release-action",
    "softprops/action-gh-release",
    "ncipollo/release-action",
    "svenstaro/upload-release-action",
    "actions/upload-release-asset",
    "marvinpinto/action-automatic-releases",
    "js-devtools/npm-publish",
    "vedantmgoyal9/winget-releaser",
    "vedantmgoyal2009/winget-releaser",
    "michidk/winget-updater",
    "jakejarvis/s3-sync-action",
    "deployphp/action",
    "crazy-max/ghaction-github-pages",
    # app stores and testers: Google Play, TestFlight, Firebase App Distribution, the Chrome Web Store
    "r0adkll/upload-google-play",
    "apple-actions/upload-testflight-build",
    "wzieba/firebase-distribution-github-action",
    "mnao305/chrome-extension-upload",
)
#: CLIs whose global options may stand before the verb that deploys (``kubectl -n prod apply``,
#: ``terraform -chdir=infra apply``, ``aws --region eu-west-1 ecs update-service``): program -> the
#: options that take a separate value (``--opt=value`` and flags are skipped on their own).
GLOBAL_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "kubectl": frozenset(
        {"-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--token", "--as"}
    ),
    "helm": frozenset({"-n", "--namespace", "--kube-context", "--kubeconfig", "--kube-apiserver", "--kube-token"}),
    "helmfile": frozenset({"-e", "--environment", "-f", "--file", "--kube-context", "-n", "--namespace"}),
    "terraform": frozenset(),
    "tofu": frozenset(),
    "terragrunt": frozenset({"--terragrunt-working-dir", "--working-dir"}),
    "pulumi": frozenset({"-C", "--cwd", "-s", "--stack"}),
    "cdk": frozenset({"-a", "--app", "--profile", "-c", "--context", "--require-approval"}),
    "aws": frozenset({"--region", "--profile", "--endpoint-url", "--output", "--cli-read-timeout"}),
    "gcloud": frozenset({"--project", "--account", "--configuration", "--verbosity", "--impersonate-service-account"}),
    "az": frozenset({"--subscription"}),
    "firebase": frozenset({"-P", "--project", "--token", "--config"}),
    "fly": frozenset({"-a", "--app", "-c", "--config"}),
    "flyctl": frozenset({"-a", "--app", "-c", "--config"}),
    "docker": frozenset({"-c", "--context", "-H", "--host", "--config"}),
    "gsutil": frozenset({"-h", "-o"}),
    "serverless": frozenset({"-s", "--stage", "-r", "--region"}),
    "sls": frozenset({"-s", "--stage", "-r", "--region"}),
}
#: Words in the name of a variable holding a hook URL that say the hook deploys (``RENDER_DEPLOY_HOOK``,
#: ``NETLIFY_BUILD_HOOK``, a PaaS's own hook), and words that say it only notifies (``SLACK_WEBHOOK``).
DEPLOY_HOOK_WORDS: tuple[str, ...] = (
    "DEPLOY",
    "BUILD_HOOK",
    "BUILDHOOK",
    "RENDER",
    "VERCEL",
    "NETLIFY",
    "COOLIFY",
    "PORTAINER",
    "DOKPLOY",
    "RAILWAY",
    "CAPROVER",
)
NOTIFY_HOOK_WORDS: tuple[str, ...] = ("SLACK", "DISCORD", "TEAMS", "TELEGRAM", "MATTERMOST", "CHAT", "NOTIF")
#: Deploy actions whose input picks what they do: action -> (input, values that deploy). Firebase
#: Hosting deploys to a temporary preview channel unless ``channelId: live``; Pulumi's and flyctl's
#: command inputs are in ``DEPLOY_COMMAND_ACTIONS``.
DEPLOY_ACTION_INPUT_GATES: dict[str, tuple[str, frozenset[str]]] = {
    "firebaseextended/action-hosting-deploy": ("channelid", frozenset({"live"})),
}
#: Options of the bucket copy commands (``aws s3 cp|sync``, ``gsutil cp|rsync``, ``gcloud storage``)
#: that take no value: every other long option takes the next word; short ones take none unless listed.
COPY_FLAGS: frozenset[str] = frozenset(
    {
        "--delete",
        "--recursive",
        "--quiet",
        "--dryrun",
        "--dry-run",
        "--follow-symlinks",
        "--no-follow-symlinks",
        "--no-progress",
        "--size-only",
        "--exact-timestamps",
        "--only-show-errors",
        "--no-guess-mime-type",
        "--sse",
        "--delete-unmatched-destination-objects",
        "--no-clobber",
        "--checksums-only",
    }
)
COPY_VALUE_SHORT_OPTIONS: frozenset[str] = frozenset({"-a", "-x", "-z", "-j", "-h", "-p"})
#: GitLab's own CI templates (``include: template:``, prefix, lower case) whose jobs deploy or publish:
#: Auto DevOps, its build (pushes the image) and deploy jobs, the AWS deploy templates, GitLab Pages
#: site templates and the Terraform pipeline (its ``deploy`` job applies).
GITLAB_DEPLOY_TEMPLATES: tuple[str, ...] = (
    "auto-devops.gitlab-ci.yml",
    "jobs/deploy",
    "jobs/build.gitlab-ci.yml",
    "jobs/build.latest.gitlab-ci.yml",
    "aws/deploy-",
    "pages/",
    "terraform.gitlab-ci.yml",
    "terraform.latest.gitlab-ci.yml",
)
#: Programs that push images or publish packages to a registry: aimed at this machine (a test registry,
#: Verdaccio on ``localhost:4873``), they publish nothing.
REGISTRY_CLIENTS: frozenset[str] = frozenset(
    {
        "docker",
        "podman",
        "buildah",
        "crane",
        "skopeo",
        "oras",
        "npm",
        "pnpm",
        "yarn",
        "twine",
        "poetry",
        "uv",
        "hatch",
        "flit",
        "pdm",
        "gem",
        "cargo",
        "nuget",
        "dotnet",
    }
)
#: Words in the source of a bucket copy that say it keeps test output, not a release: the upload of
#: ``playwright-report/``, ``coverage.json`` or ``logs/`` deploys nothing.
REPORT_PATH_WORDS: tuple[str, ...] = (
    "report",
    "coverage",
    "test-results",
    "test_results",
    "testresults",
    "junit",
    "allure",
    "screenshots",
    "traces",
    "logs",
)
#: Task runners whose targets CI runs by name (``make deploy``, ``./gradlew deploy``, Nuke's ``./build.sh
#: Deploy``, Cake's ``--target=Deploy``, ``nx deploy web``): a target named for deploying deploys, whatever
#: its body. Scripts the repository keeps (``./ci.sh deploy``) count the same way.
TASK_RUNNERS: frozenset[str] = frozenset(
    {
        "make",
        "gmake",
        "just",
        "task",
        "rake",
        "gradle",
        "gradlew",
        "nuke",
        "cake",
        "fab",
        "invoke",
        "inv",
        "mage",
        "nx",
        "build.sh",
        "build.ps1",
        "build.cmd",
    }
)
#: Words in a target's name that say it deploys nowhere that lasts (a local cluster, a test, a preview)
#: or only checks what a deploy would do.
NON_DEPLOY_TARGET_WORDS: frozenset[str] = frozenset(
    {
        "local",
        "localhost",
        "kind",
        "minikube",
        "k3d",
        "test",
        "tests",
        "e2e",
        "preview",
        "dry",
        "check",
        "plan",
        "diff",
        "validate",
        "lint",
        "status",
        "undeploy",
        "destroy",
        # a database's migrations applied (``prisma:deploy`` running ``prisma migrate deploy``)
        "prisma",
        "migrate",
        "migration",
        "migrations",
    }
)
#: fastlane actions that upload a build to a store.
FASTLANE_UPLOADS: tuple[str, ...] = (
    "upload_to_play_store",
    "supply",
    "upload_to_app_store",
    "appstore",
    "deliver",
    "upload_to_testflight",
    "testflight",
    "pilot",
)
#: Travis CI's default ``script`` per ``language:`` (run when the file sets no ``script`` of its
#: own): the test command each language's build runs by default. Python and C# have none.
TRAVIS_DEFAULT_SCRIPTS: dict[str, str] = {
    "node_js": "npm test",
    "javascript": "npm test",
    "node": "npm test",
    "ruby": "bundle exec rake",
    "java": "gradle check",
    "go": "go test ./...",
    "rust": "cargo test",
    "php": "phpunit",
    "elixir": "mix test",
    "haskell": "cabal test",
    "clojure": "lein test",
    "scala": "sbt test",
    "dart": "dart test",
    "julia": "julia -e 'using Pkg; Pkg.test()'",
    "r": "R CMD check",
    "perl": "make test",
    "c": "make test",
    "cpp": "make test",
}
#: fastlane's platform words, before a lane's name (``fastlane ios beta``).
FASTLANE_PLATFORMS: frozenset[str] = frozenset({"ios", "android", "mac"})
#: fastlane actions that run the tests (``scan`` is ``run_tests``'s older name).
FASTLANE_TEST_ACTIONS: tuple[str, ...] = ("run_tests", "scan", "multi_scan")
#: Inputs of a remote reusable workflow (``org/repo/.github/workflows/x.yml@v1``) that name the
#: environment it works on: given a production or staging environment, the workflow deploys there.
ENVIRONMENT_INPUTS: frozenset[str] = frozenset(
    {"environment", "env", "stage", "deploy_env", "deploy-environment", "target_env", "target-environment"}
)
DEPLOYED_ENVIRONMENTS: frozenset[str] = PRODUCTION_WORDS | {"live", "staging", "stage"}
#: Actions whose ``push`` input decides whether they publish (build only when it is false or absent).
PUSH_INPUT_ACTIONS: tuple[str, ...] = ("docker/build-push-action", "docker/bake-action")
#: Actions that run the command their ``command`` input names (or their ``args`` begin with), and
#: deploy only with one of these: Pulumi's ``preview`` and ``refresh``, ``flyctl status``, or no
#: command (``superfly/flyctl-actions/setup-flyctl``, the CLI installed for later steps) change nothing.
#: Actions that publish only when given one of these inputs (lower-case): ``changesets/action``
#: without ``publish`` only opens the version pull request; ``tauri-apps/tauri-action`` without a
#: release to upload to (``tagName`` or ``releaseId``) only builds the installers.
PUBLISH_INPUT_ACTIONS: dict[str, tuple[str, ...]] = {
    "changesets/action": ("publish",),
    "tauri-apps/tauri-action": ("tagname", "releaseid"),
}
DEPLOY_COMMAND_ACTIONS: dict[str, frozenset[str]] = {
    "pulumi/actions": frozenset({"up", "update"}),
    "superfly/flyctl-actions": frozenset({"deploy"}),
}
#: Words in an action's own name that say it deploys or publishes (for actions not listed above,
#: e.g. an organisation's ``deploy-actions/docker-push``); names that also say test/report are not.
DEPLOY_ACTION_WORDS: tuple[str, ...] = ("deploy", "publish", "docker-push", "push-to-registry", "image-push")
DEPLOY_ACTION_STOP_WORDS: tuple[str, ...] = ("test", "coverage", "report", "result", "lint", "check", "dry")

#: Vercel CLI commands other than its default (deploy): ``vercel --token=$T`` deploys, ``vercel pull`` does not.
VERCEL_SUBCOMMANDS: frozenset[str] = frozenset(
    {
        "alias",
        "bisect",
        "build",
        "certs",
        "dev",
        "dns",
        "domains",
        "env",
        "git",
        "help",
        "init",
        "inspect",
        "integration",
        "link",
        "list",
        "login",
        "logout",
        "logs",
        "ls",
        "project",
        "promote",
        "pull",
        "redeploy",
        "remove",
        "rm",
        "rollback",
        "secrets",
        "switch",
        "teams",
        "telemetry",
        "whoami",
        "--version",
        "-v",
        "--help",
        "-h",
    }
)

#: Azure Pipelines tasks (lower case, before ``@``) that deploy or publish. A task that stands for
#: a command (``AZURE_TASK_COMMANDS``: ``HelmDeploy@0`` runs ``helm <command>``) is judged by
#: that command instead, so packaging a chart is no deploy.
AZURE_DEPLOY_TASKS: frozenset[str] = frozenset(
    {
        "azurewebapp",
        "azurermwebappdeployment",
        "azurewebappcontainer",
        "kubernetesmanifest",
        "azurefunctionapp",
        "azurefunctionappcontainer",
        "azurecontainerapps",
        "azurestaticwebapp",
        "azureresourcemanagertemplatedeployment",
        "azureresourcegroupdeployment",
        "sqlazuredacpacdeployment",
        "githubrelease",
        "iiswebappdeploymentonmachinegroup",
        "appcenterdistribute",
        "googleplayrelease",
        # copying the build to a server and running commands there, like ``appleboy/scp-action``
        "copyfilesoverssh",
        "ssh",
        "ftpupload",
        # copies to a storage account
        "azurefilecopy",
        # the AWS Toolkit for Azure DevOps
        "s3upload",
        "ecrpushimage",
        "lambdadeployfunction",
        "cloudformationcreateorupdatestack",
        "beanstalkdeployapplication",
        "codedeploydeployapplication",
    }
)

#: Bitbucket Pipelines pipes (the name after the owner, before ``:version``) that deploy or publish;
#: other pipes count when their name says deploy, publish or push (and not a stop word).
BITBUCKET_DEPLOY_PIPES: frozenset[str] = frozenset(
    {
        "aws-s3-deploy",
        "aws-ecs-deploy",
        "aws-lambda-deploy",
        "aws-elasticbeanstalk-deploy",
        "aws-code-deploy",
        "aws-cloudformation-deploy",
        "aws-sam-deploy",
        "aws-ecr-push-image",
        "google-app-engine-deploy",
        "google-cloud-storage-deploy",
        "google-cloudrun-deploy",
        "google-cloud-functions-deploy",
        "google-gke-kubectl-run",
        "azure-web-apps-deploy",
        "azure-web-apps-containers-deploy",
        "azure-functions-deploy",
        "azure-storage-deploy",
        "azure-aks-deploy",
        "azure-aks-helm-deploy",
        "azure-arm-deploy",
        "heroku-deploy",
        "firebase-deploy",
        "ssh-run",
        "scp-deploy",
        "rsync-deploy",
        "sftp-deploy",
        "ftp-deploy",
        "kubectl-run",
        "helm-pipe",
        "npm-publish",
        "pypi-publish",
        "docker-push",
        "github-release",
        "bitbucket-upload-file",
    }
)

#: Drone and Woodpecker plugin images (``image:`` before the tag) that push, publish or deploy,
#: unless the step sets ``dry_run: true``.
DRONE_DEPLOY_PLUGINS: frozenset[str] = frozenset(
    {
        "plugins/docker",
        "plugins/ecr",
        "plugins/gcr",
        "plugins/acr",
        "plugins/kaniko",
        "plugins/kaniko-ecr",
        "plugins/kaniko-gcr",
        "plugins/s3",
        "plugins/s3-sync",
        "plugins/gh-pages",
        "plugins/heroku",
        "plugins/npm",
        "plugins/pypi",
        "plugins/github-release",
        "plugins/gitea-release",
        "plugins/downstream-deploy",
        "thegeeklab/drone-docker-buildx",
        "woodpeckerci/plugin-docker-buildx",
        "woodpeckerci/plugin-kaniko",
        "woodpeckerci/plugin-s3",
        "woodpeckerci/plugin-gitea-release",
        "woodpeckerci/plugin-release",
        "appleboy/drone-ssh",
        "appleboy/drone-scp",
    }
)

#: CircleCI orb jobs and commands (``<orb>/<name>``, the orb declared under ``orbs:``) count when
#: the name says one of these, unless a ``push``/``deploy`` parameter is false.
ORB_DEPLOY_WORDS: tuple[str, ...] = (
    "deploy",
    "push",
    "publish",
    "sync",
    "release",
    "install-helm-chart",
    "upgrade-helm-chart",
    "update-container-image",
    "update-service",
    "create-or-update-resource",
)

#: Jenkins shared-library steps that build and run the tests: the Jenkins project's pipeline
#: library for plugins (``buildPlugin()``, ``buildPluginWithGradle()``) and its infra library's
#: Maven wrappers (``runMaven([...,'verify'])``).
JENKINS_TEST_STEPS: tuple[str, ...] = ("buildPlugin", "buildPluginWithGradle", "runMaven", "runWithMaven")

#: Jenkins pipeline steps that deploy or publish (a registry ``.push()`` inside ``docker.withRegistry``
#: counts too).
JENKINS_DEPLOY_STEPS: tuple[str, ...] = (
    "buildDockerAndPublishImage",  # the Jenkins infra library: builds and pushes an image
    "sshPublisher",
    "kubernetesDeploy",
    "s3Upload",
    "azureWebAppPublish",
    "azureFunctionAppPublish",
    "ftpPublisher",
    "sshPut",
    "nexusArtifactUploader",
    "nexusPublisher",
    "googleStorageUpload",
    "androidApkUpload",
    "ansiblePlaybook",  # the Ansible plugin
    "rtUpload",  # the Artifactory plugin
)

#: Steps and jobs that deploy or publish, named by a key of their own in CI systems whose files say
#: what a step is rather than the command it runs: system -> (key, values).
TYPED_DEPLOY_STEPS: dict[str, tuple[str, frozenset[str]]] = {
    # Harness CI/CD step types that push an image or deploy a service
    "Harness": (
        "type",
        frozenset(
            {
                "BuildAndPushDockerRegistry",
                "BuildAndPushECR",
                "BuildAndPushGCR",
                "BuildAndPushGAR",
                "BuildAndPushACR",
                "K8sRollingDeploy",
                "K8sCanaryDeploy",
                "K8sBlueGreenDeploy",
                "HelmDeploy",
                "ServerlessAwsLambdaDeploy",
                "EcsRollingDeploy",
                "AzureWebAppSlotDeployment",
            }
        ),
    ),
    # Expo EAS Workflows jobs that submit to the stores, publish an over-the-air update or deploy
    "EAS Workflows": ("type", frozenset({"submit", "update", "deploy", "testflight"})),
}
#: Codemagic publishing targets that ship the app to a store (``publishing: app_store_connect: ...``).
CODEMAGIC_STORE_PUBLISHING: frozenset[str] = frozenset({"app_store_connect", "google_play"})
#: Bitrise steps that upload the app to a store.
BITRISE_DEPLOY_STEPS: frozenset[str] = frozenset(
    {"google-play-deploy", "deploy-to-itunesconnect-deliver", "deploy-to-itunesconnect-application-loader"}
)

#: Actions that start a throwaway local Kubernetes cluster: kubectl and helm in that job deploy nothing.
LOCAL_CLUSTER_ACTIONS: tuple[str, ...] = (
    "helm/kind-action",
    "engineerd/setup-kind",
    "container-tools/kind-action",
    "medyagh/setup-minikube",
    "manusa/actions-setup-minikube",
    "absaoss/k3d-action",
    "nolar/setup-k3d-k3s",
)

#: Actions that start LocalStack, an AWS emulator: aws, terraform, cdk, sam and serverless in that job deploy
#: nothing.
LOCAL_CLOUD_ACTIONS: tuple[str, ...] = ("localstack/setup-localstack",)

#: Registry logins: an image built by a script in the same job after one of these is pushed.
REGISTRY_LOGIN_ACTIONS: tuple[str, ...] = (
    "docker/login-action",
    "aws-actions/amazon-ecr-login",
    "azure/docker-login",
    "redhat-actions/podman-login",
)
REGISTRY_LOGIN_TASKS: frozenset[str] = frozenset({"dockerregistrylogin"})

#: Actions and Azure tasks that cut a release.
RELEASE_ACTIONS: tuple[str, ...] = (
    "googleapis/release-please-action",
    "google-github-actions/release-please-action",
    "changesets/action",
    "softprops/action-gh-release",
    "ncipollo/release-action",
    "goreleaser/goreleaser-action",
    "relekang/python-semantic-release",
    "python-semantic-release/python-semantic-release",
    "cycjimmy/semantic-release-action",
    "actions/create-release",
    "release-drafter/release-drafter",
    "slsa-framework/slsa-github-generator",
    "marvinpinto/action-automatic-releases",
    "vedantmgoyal9/winget-releaser",
    "vedantmgoyal2009/winget-releaser",
    "michidk/winget-updater",
    "rubygems/release-gem",
    "release-plz/action",
    "marcoieni/release-plz-action",
    "helm/chart-releaser-action",
    "taiki-e/create-gh-release-action",
    "taiki-e/upload-rust-binary-action",
    "svenstaro/upload-release-action",
    "js-devtools/npm-publish",
    # bump the version from the commits (or the merged pull request's labels) and push the tag
    "anothrnick/github-tag-action",
    "mathieudutour/github-tag-action",
    "rymndhng/release-on-push-action",
    "tripss/conventional-changelog-action",
    "k-phoen/semver-release-action",
    "actions-ecosystem/action-push-tag",
    "koirand/github-action-tag",
    "eyadgaran/github-actions-tag-updater",
    "phips28/gh-action-bump-version",
    "butlerlogic/action-autotag",
    "jaywcjlove/create-tag-action",
    "rickstaa/action-create-tag",
    "salsify/action-detect-and-tag-new-version",
)
#: Listed actions by a repository name that says release or tag (``action-gh-release``,
#: ``github-tag-action``): a fork of one under another owner, such as a hardened drop-in
#: (``step-security/action-gh-release``) or a company's copy (``acme/github-tag-action``), is the
#: same action.
_RELEASE_REPOSITORIES: dict[str, str] = {
    action.split("/")[1]: action
    for action in (*DEPLOY_ACTIONS, *RELEASE_ACTIONS)
    if "release" in action.split("/")[1] or "tag-action" in action.split("/")[1]
}


def canonical_action(name: str) -> str:
    """``name`` (an action reference, lower case, without ``@version``), or the listed action it
    is a fork of (same repository name, another owner)."""
    owner, _, rest = name.partition("/")
    repository = rest.split("/", 1)[0]
    listed = _RELEASE_REPOSITORIES.get(repository)
    if listed is None or listed.split("/")[0] == owner:
        return name
    return listed + rest[len(repository) :]


#: semantic-release's configuration files that hold data, and those that are programs (not read).
SEMANTIC_RELEASE_CONFIGS: tuple[str, ...] = (".releaserc", ".releaserc.json", ".releaserc.yaml", ".releaserc.yml")
SEMANTIC_RELEASE_PROGRAMS: tuple[str, ...] = (
    ".releaserc.js",
    ".releaserc.cjs",
    ".releaserc.mjs",
    "release.config.js",
    "release.config.cjs",
    "release.config.mjs",
)
#: Actions that cut a release only when given one of these inputs (lower case), e.g. a tag name.
RELEASE_ACTIONS_WITH_INPUTS: dict[str, tuple[str, ...]] = {"tauri-apps/tauri-action": ("tagname", "releasename")}
#: GitLab job images (prefix, lower case) that create releases: GitLab's ``release-cli``.
GITLAB_RELEASE_IMAGES: tuple[str, ...] = ("registry.gitlab.com/gitlab-org/release-cli",)
RELEASE_TASKS: frozenset[str] = frozenset({"githubrelease"})

#: Release tools recognised by their commands in CI or in a release script.
RELEASE_TOOLS: tuple[Tool, ...] = (
    Tool(
        "JavaScript",
        "semantic-release, release-it, changesets, lerna, standard-version, bumpp, np, nx, auto",
        "`semantic-release`, `release-it`, `changeset version|publish`, `lerna version|publish`, "
        "`standard-version`, `commit-and-tag-version`, `bumpp`, `nx release`, `auto shipit`; a root "
        "`package.json` script `release`/`publish` (or `release:*`/`publish:*`) that runs one, `np` or a "
        "package publish (`npm publish`, `vsce publish`, ...); `npm version <bump>` (it commits and tags) "
        "pushed with its tags",
    ),
    Tool(
        "JavaScript (Electron)",
        "electron-builder, Electron Forge",
        "`electron-builder --publish always|onTag|onTagOrDraft` (`-p`, also as the arguments after `--` of "
        "`npm run dist`), `electron-builder publish`, `electron-forge publish`",
    ),
    Tool("Go", "GoReleaser", "`goreleaser release`, `goreleaser/goreleaser-action`"),
    Tool(
        "Rust",
        "cargo-release, release-plz, knope",
        "`cargo release ... --execute`, `release-plz release`, `knope release`",
    ),
    Tool(
        "Java",
        "Maven release plugin, JReleaser",
        "`mvn release:prepare`, `jreleaser full-release|release|publish|deploy` (the CLI, the Gradle "
        "`jreleaserFullRelease` task, the Maven `jreleaser:full-release` goal)",
    ),
    Tool(
        "Python",
        "commitizen, tbump, bump-my-version, bumpversion",
        "`cz [options] bump`, `tbump <version>`, `bump-my-version bump`, `bumpversion <part>`, `bump2version <part>`",
    ),
    Tool("Ruby", "Bundler's gem tasks", "`rake release` (tags, pushes and `gem push`es the gem)"),
    Tool("Dart/Flutter", "pub", "`dart pub publish`, `flutter pub publish` (not `--dry-run`)"),
    Tool("Any", "GitHub and GitLab CLIs", "`gh release create`, `glab release create`, `release-cli create`"),
    Tool(
        "Any",
        "GitLab release job",
        "a job with the `release:` keyword (read as `release-cli create`), or one run in the "
        "`registry.gitlab.com/gitlab-org/release-cli` image",
    ),
    Tool(
        "Any",
        "build-file release target",
        "a root Makefile, Justfile or Taskfile target named `release`, `publish`, `tag`, `bump`, `upload` "
        "(or `release-*`/`publish-*`) that creates and pushes a git tag, or runs a release tool or a package publish",
    ),
    Tool(
        "Mobile",
        "fastlane",
        "a `Fastfile` lane that uploads to a store (`upload_to_play_store`/`supply`, `upload_to_app_store`/"
        "`deliver`, `upload_to_testflight`/`pilot`) or runs `add_git_tag` and `push_git_tags`",
    ),
    Tool(
        "Any",
        "tag-triggered workflow",
        "`on: push: tags`, `on: release`, an `if:`/`condition:` on "
        "`refs/tags/`, GitLab `CI_COMMIT_TAG`/`only: tags` — when the workflow publishes",
    ),
    Tool(
        "Docker",
        "images tagged by version",
        "`docker/metadata-action` with a `type=semver` tag rule handed the git tag (`value=`) in a workflow that "
        "publishes the images",
    ),
    Tool(
        "Any",
        "manual release pipeline",
        "a workflow named like a release, started by `workflow_dispatch` with a version input",
    ),
    Tool(
        "Any",
        "versioned release script",
        "a repository script named `release*` (or, in the root, `scripts/`, `bin/`, `tools/`, `ci/`, "
        "`publish*`, `tag*`, `bump*`, or an extensionless executable so named) that creates and pushes a tag "
        "(`git tag <name>` + `git push`; lines that only echo text do not count), or runs a release tool or a "
        'publish command; Python and JavaScript argument lists (`["gh", "release", "create", tag]`) '
        "are read as command lines",
    ),
)


def _bullet_list(names: tuple[str, ...] | frozenset[str]) -> str:
    return ", ".join(f"`{n}`" for n in sorted(names))


def markdown_tables() -> str:
    """The catalogue as the Markdown tables of ``docs/detection.md`` (kept in sync by a test)."""
    lines = [
        "Workflows that only triage issues and pull requests are not CI: every step one of "
        + _bullet_list(HOUSEKEEPING_ACTIONS)
        + " (or a checkout), and no command.",
        "",
        "| ecosystem | runner | what counts |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {t.ecosystem} | {t.name} | {t.recognised} |" for t in TEST_RUNNERS]
    lines += [
        "",
        f"Workspace runners: {_bullet_list(WORKSPACE_RUNNERS)}.",
        "",
        f"Shared reusable workflows that run the caller's tests: {_bullet_list(REUSABLE_TEST_WORKFLOWS)}.",
        "",
        "Any other remote reusable workflow (`org/repo/.github/workflows/x.yml@v1`) runs the caller's tests "
        "when an input hands it their command, tasks or switch (`test-command: npm test`, "
        "`test-gradle-args: :api:test`, `run-tests: true`; not `false`, `skip` or empty).",
        "",
        f"CircleCI orb jobs and commands that run the tests: {_bullet_list(ORB_TEST_JOBS)} "
        "(after the orb's name: `node/test`).",
        "",
        "Travis CI files that set no `script` run their language's default test command: "
        + ", ".join(f"`{k}` `{v}`" for k, v in TRAVIS_DEFAULT_SCRIPTS.items())
        + " (`mvn test` beside a `pom.xml`).",
        "",
        "A fastlane lane (`fastlane ios test`, `bundle exec fastlane tests`) runs the tests when its Fastfile "
        f'body runs {_bullet_list(FASTLANE_TEST_ACTIONS)} or a test command (`gradle(task: "test")`).',
        "",
        f"Jenkins shared-library steps that run the tests: {_bullet_list(JENKINS_TEST_STEPS)} (the Maven "
        "wrappers when a goal among their arguments is `test`, `verify`, `package` or `install`).",
        "",
        f"Actions that run the tests: {_bullet_list(TEST_RUNNER_ACTIONS)}. Actions whose input is a command, "
        "read as that command: "
        + ", ".join(f"`{a}` (`{i}`: `{c.format('<' + i + '>')}`)" for a, (i, c) in COMMAND_INPUT_ACTIONS.items())
        + ".",
        "",
    ]
    lines += [
        "Bitrise steps read as commands: "
        + ", ".join(
            f"`{step}` as `{(program + (f' <{key}>' if key else '')).strip()}`"
            for step, (program, key) in sorted(BITRISE_STEP_COMMANDS.items())
        )
        + "; TeamCity Kotlin steps: "
        + ", ".join(f'`{k} = "..."` as `{v} ...`' for k, v in sorted(TEAMCITY_STEP_PROGRAMS.items()))
        + ", "
        + ", ".join(f"`{k} {{ }}` as `{v}`" for k, v in sorted(TEAMCITY_STEP_BLOCKS.items()))
        + ".",
        "",
    ]
    lines += [
        "Jobs are told apart, so that a registry login, a throwaway cluster or an environment counts for "
        "its own job only and the evidence names the job: GitHub, Gitea, Forgejo and CircleCI `jobs:` keys, "
        "GitLab's top-level jobs, Azure Pipelines `- job:` and `- deployment:` ids (at the top or in "
        "`stages:`), Bitbucket steps by `name:`, Screwdriver jobs and sourcehut tasks; another system's "
        "file is one job.",
        "",
    ]
    lines += ["Azure Pipelines tasks read as commands:", "", "| task | read as |", "| --- | --- |"]
    for task, (program, keys) in sorted(AZURE_TASK_COMMANDS.items()):
        inputs = " ".join(f"<{k}>" for k in keys)
        lines.append(f"| `{task}` | `{program} {inputs}`".rstrip() + " |")
    lines += [
        "",
        "Deploy and publish actions (GitHub, Gitea, Forgejo): " + _bullet_list(DEPLOY_ACTIONS) + ".",
        "",
        "A job handed a cloud's credentials by "
        + _bullet_list(CLOUD_LOGIN_ACTIONS)
        + ", or an SSH key by "
        + _bullet_list(SSH_KEY_ACTIONS)
        + ", or declared for an "
        "environment (a GitHub or GitLab job's `environment:`, a Bitbucket step's or Azure deployment job's "
        "`deployment:`, a CircleCI 1.0 `deployment:` target), that runs a command named for deploying "
        "(`python deploy.py prod`, `uv run deploy`, `./scripts/deploy.sh`, `yarn sls:deploy`; not `echo deploy`) "
        "deploys.",
        "",
        "Remote reusable workflows (`org/repo/.github/workflows/x.yml@v1`) count when given an environment "
        "input (" + _bullet_list(ENVIRONMENT_INPUTS) + ") set to " + _bullet_list(DEPLOYED_ENVIRONMENTS) + ".",
        "",
        "Travis CI's `deploy:` section and AppVeyor's (an entry naming its `provider:`, `WebDeploy`, "
        "`AzureAppServiceZipDeploy`, `NuGet`...; not `deploy: off`) deploy. AppVeyor's phase lists "
        "(`init`, `before_build`, `after_build`, `before_test`, `after_test`, `on_success`, `on_finish`, "
        "`ps:` entries) are read as commands.",
        "",
        "A forced push (`git push -f`, `--force`) in a step that ran `git init` publishes a built folder "
        "(`cd _site && git init && git add -A && git commit && git push -f URL live:live`) to the branch "
        "that serves it, whatever its name.",
        "",
        "Deploy actions that count only for some values of an input: "
        + ", ".join(
            f"`{a}` with `{key}:` " + " or ".join(f"`{v}`" for v in sorted(values))
            for a, (key, values) in sorted(DEPLOY_ACTION_INPUT_GATES.items())
        )
        + ".",
        "",
        "Global options skipped between a CLI and its verb (`kubectl -n prod apply`, `terraform -chdir=infra "
        "apply`; `--opt=value` and flags always): "
        + "; ".join(
            f"`{program}`" + (f" {_bullet_list(values)}" if values else "")
            for program, values in sorted(GLOBAL_VALUE_OPTIONS.items())
        )
        + ".",
        "",
        "Task runners whose target named for deploying (`deploy`, `deploy-prod`, `sls:deploy`) counts, "
        "unless the name also says "
        + _bullet_list(NON_DEPLOY_TARGET_WORDS)
        + ": "
        + _bullet_list(TASK_RUNNERS)
        + ", `npm|yarn|pnpm|bun run`, `dotnet cake|nuke`, and the repository's own scripts (`./ci.sh deploy`).",
        "",
        "A copy to a bucket whose source says " + _bullet_list(REPORT_PATH_WORDS) + " keeps test output: no deploy.",
        "",
        "A `curl` to a deploy hook held in a variable or CI secret counts when the name says "
        + _bullet_list(DEPLOY_HOOK_WORDS)
        + " with `HOOK`, and not "
        + _bullet_list(NOTIFY_HOOK_WORDS)
        + ". So does a `curl` that posts to a platform's API starting a deploy: Render's "
        "`/v1/services/<id>/deploys`, Heroku's `/apps/<app>/builds`, Netlify's `/api/v1/sites/<id>/deploys`, "
        "Vercel's `/v13/deployments`, DigitalOcean App Platform's `/v2/apps/<id>/deployments`.",
        "",
        "`"
        + "`, `".join(PUSH_INPUT_ACTIONS)
        + "` count only with `push` set; "
        + "; ".join(
            f"`{action}` only when its `command` (or `args`) is " + _bullet_list(commands)
            for action, commands in DEPLOY_COMMAND_ACTIONS.items()
        )
        + "; "
        + "; ".join(
            f"`{action}` only given " + " or ".join(f"`{key}`" for key in keys)
            for action, keys in PUBLISH_INPUT_ACTIONS.items()
        )
        + ". Other actions count when "
        "their name says "
        + _bullet_list(DEPLOY_ACTION_WORDS)
        + " and not "
        + _bullet_list(DEPLOY_ACTION_STOP_WORDS)
        + ".",
        "",
        "Azure Pipelines deploy tasks: " + _bullet_list(AZURE_DEPLOY_TASKS) + ".",
        "",
        "Bitbucket Pipelines pipes that deploy or publish (other pipes count when their name says "
        "deploy, publish or push): " + _bullet_list(BITBUCKET_DEPLOY_PIPES) + ".",
        "",
        "Drone and Woodpecker plugin images that push, publish or deploy (unless `dry_run: true`): "
        + _bullet_list(DRONE_DEPLOY_PLUGINS)
        + ".",
        "",
        "CircleCI orb jobs and commands count when their name says " + _bullet_list(ORB_DEPLOY_WORDS) + ".",
        "",
        "Steps and jobs that deploy by their type: "
        + "; ".join(
            f"{system} `{key}:` {_bullet_list(values)}" for system, (key, values) in sorted(TYPED_DEPLOY_STEPS.items())
        )
        + f"; Codemagic `publishing:` to {_bullet_list(CODEMAGIC_STORE_PUBLISHING)}; Bitrise steps "
        + _bullet_list(BITRISE_DEPLOY_STEPS)
        + ".",
        "",
        "GitLab templates (`include: template:`) that deploy or publish: "
        + _bullet_list(GITLAB_DEPLOY_TEMPLATES)
        + " (name prefixes).",
        "",
        "Jenkins steps that deploy or publish: "
        + _bullet_list(JENKINS_DEPLOY_STEPS)
        + ", the Deploy to container plugin's `deploy adapters: [...]`, and `.push()` inside `docker.withRegistry`.",
        "",
        "Google Cloud Build steps are read as `<entrypoint or builder program> <args>`; builders that run another "
        "program: " + ", ".join(f"`{k}` runs `{v}`" for k, v in sorted(CLOUD_BUILD_PROGRAMS.items())) + ".",
        "",
        "Local clusters (kubectl and helm in the same job deploy nothing): "
        + _bullet_list(LOCAL_CLUSTER_ACTIONS)
        + ", `kind create cluster`, `kind load`, `k3d cluster create`, `minikube start`. LocalStack (aws, "
        "terraform, cdk, sam, serverless and pulumi in the same job deploy nothing): "
        + _bullet_list(LOCAL_CLOUD_ACTIONS)
        + ", `localstack start`, a job service in the `localstack/localstack` image.",
        "",
        "Registry logins (an image built by a script after one of these is pushed): "
        + _bullet_list(REGISTRY_LOGIN_ACTIONS)
        + ", `docker login`, `podman login`, "
        "`aws ecr get-login-password`, `gcloud auth configure-docker`, `az acr login`.",
        "",
        "Release actions and tasks: "
        + _bullet_list(RELEASE_ACTIONS)
        + ", "
        + _bullet_list(RELEASE_TASKS)
        + "; "
        + ", ".join(
            f"`{a}` given `" + "` or `".join(i for i in inputs) + "`"
            for a, inputs in sorted(RELEASE_ACTIONS_WITH_INPUTS.items())
        )
        + ". A fork of a listed release or deploy action whose repository name says release (or is a "
        "`tag-action`), under another owner (`step-security/action-gh-release`, `acme/github-tag-action`), is "
        "that action. A job that creates a git tag and pushes "
        '(`git tag -a "$VERSION"` then `git push origin "$VERSION"`, or `npm version patch`, directly or through '
        "the `package.json` script the job runs, then `git push --tags`) cuts a release, as a release script does. "
        "GoReleaser's install script piped to a shell (`curl -sL https://git.io/goreleaser | bash`) runs a release.",
        "",
        "| ecosystem | release tool | what counts |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {t.ecosystem} | {t.name} | {t.recognised} |" for t in RELEASE_TOOLS]
    return "\n".join(lines) + "\n"
