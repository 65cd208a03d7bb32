"""The catalogue of repository conventions: which file names, folders and extensions matter.

This module is data only, reviewable in one place. The classification pass
(``pocmvp_lint.inventory.classify``) looks every listed path up here once: its lower-case base
name, its extension and its folders. It keeps the paths some detector will want (a name, prefix,
substring or extension below) plus counts; the detectors then read their candidates from that
result and judge them by content.

To recognise a new convention, add its name, prefix or extension to the entry of the category it
is evidence for (``BY_CATEGORY``). ``docs/detection.md`` is generated from this module
(``python -m pocmvp_lint.formatters.detection_doc``); a test keeps it current.

Folder sets:
- ``VENDORED_FOLDERS``, ``GENERATED_FOLDERS``, ``FIXTURE_FOLDERS`` and ``EXAMPLE_ROOT_FOLDERS``
  make up the one notion of "folders that are not the project's own code": their files are
  never evidence (``NOT_OWN_CODE_FOLDERS``, ``not_own_code``), nor are those of the folders
  ``NOT_OWN_BELOW`` names below a given parent (``tests/fixtures/``, ``target/classes/``).
- ``AUXILIARY_FOLDERS``: tests, fixtures, docs, examples, templates: files there exist in the
  project but do not deploy or configure it (down-weighted evidence).
- ``TEST_FOLDERS``: where test runners look.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from pocmvp_lint.model import Category

# ---- folders --------------------------------------------------------------------------------

#: Third-party code and installed dependencies.
VENDORED_FOLDERS: frozenset[str] = frozenset(
    {
        "vendor",
        "vendors",
        "third_party",
        "third-party",
        "3rdparty",
        "3rd-party",
        "3rd_party",
        "node_modules",
        "bower_components",
        "site-packages",
        ".venv",
        "venv",
    }
)
#: Tool state and build output (``*.dist-info`` folders too, see ``not_own_code``).
GENERATED_FOLDERS: frozenset[str] = frozenset(
    {
        ".tox",
        ".nox",
        "__pycache__",
        ".terraform",
        ".serverless",
        ".aws-sam",
        "cdk.out",
    }
)
#: Test data folders, anywhere.
FIXTURE_FOLDERS: frozenset[str] = frozenset({"__fixtures__", "testdata"})
#: ``fixtures`` directly below one of these folders is test data too (``tests/fixtures/``).
FIXTURE_PARENTS: frozenset[str] = frozenset({"test", "tests", "spec", "specs"})
#: Build output, recognised by a tool's own folder directly below its output folder: Maven's
#: ``target/classes/`` (and Cargo's ``target/debug/``), Gradle's ``build/generated/``. The
#: output folder alone says too little: ``target`` is also a Java package, ``build`` a folder of
#: build scripts and Dockerfiles.
BUILD_OUTPUT_BELOW: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "target": frozenset(
            {
                "classes",
                "test-classes",
                "generated-sources",
                "generated-test-sources",
                "maven-archiver",
                "maven-status",
                "surefire-reports",
                "failsafe-reports",
                "debug",
                "release",
            }
        ),
        "build": frozenset({"classes", "generated", "intermediates", "test-results", "tmp"}),
    }
)
#: Folder names that are not the project's own code only directly below a parent of a given
#: name (parent name -> those folder names): test data and build output.
NOT_OWN_BELOW: Mapping[str, frozenset[str]] = MappingProxyType(
    {**dict.fromkeys(FIXTURE_PARENTS, frozenset({"fixtures"})), **BUILD_OUTPUT_BELOW}
)
#: Example trees: other people's (or future) projects, only at the repository root.
EXAMPLE_ROOT_FOLDERS: frozenset[str] = frozenset({"examples", "samples"})
#: Every folder name (anywhere) whose files are never evidence about the project itself.
NOT_OWN_CODE_FOLDERS: frozenset[str] = VENDORED_FOLDERS | GENERATED_FOLDERS | FIXTURE_FOLDERS

#: Folders (any case) whose content is tests, fixtures, docs or scaffolding: files there exist in
#: the project but never deploy, configure or run it.
AUXILIARY_FOLDERS: frozenset[str] = frozenset(
    {
        "test",
        "tests",
        "spec",
        "specs",
        "__tests__",
        "testdata",
        "fixture",
        "fixtures",
        "__mocks__",
        "mock",
        "mocks",
        "example",
        "examples",
        "sample",
        "samples",
        "demo",
        "demos",
        "doc",
        "docs",
        "documentation",
        "template",
        "templates",
        "scaffold",
        "scaffolds",
        "skeleton",
        "skeletons",
    }
)
#: Folders (any case) test runners look in.
TEST_FOLDERS: frozenset[str] = frozenset({"test", "tests", "spec", "specs", "__tests__"})
#: Folders the folder walk (outside git) never descends into.
WALK_PRUNE: frozenset[str] = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "bower_components",
        "__pycache__",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "virtualenv",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".terraform",
        ".serverless",
        ".aws-sam",
        "cdk.out",
        ".next",
        ".nuxt",
        ".gradle",
        ".idea",
        "site-packages",
    }
)


def not_own_code(folder: str) -> bool:
    """True for one folder name (not a path) that holds no code of the project's own."""
    return folder in NOT_OWN_CODE_FOLDERS or (len(folder) > 10 and folder.endswith(".dist-info"))


def is_auxiliary_folder(folder: str) -> bool:
    """True for one folder name that holds tests, fixtures, docs or templates (``{{cookiecutter}}`` too)."""
    low = folder.lower()
    return low in AUXILIARY_FOLDERS or (low.startswith("{{") and low.endswith("}}"))


# ---- program source -------------------------------------------------------------------------

#: Extensions of hand-written program source (counted; tests are told apart by convention).
SOURCE_EXTENSIONS: frozenset[str] = frozenset(
    {
        "py",
        "pyi",
        "js",
        "jsx",
        "ts",
        "tsx",
        "mjs",
        "cjs",
        "mts",
        "cts",
        "go",
        "java",
        "kt",
        "kts",
        "scala",
        "groovy",
        "cs",
        "fs",
        "vb",
        "rb",
        "php",
        "rs",
        "swift",
        "m",
        "mm",
        "c",
        "cc",
        "cpp",
        "cxx",
        "h",
        "hh",
        "hpp",
        "hxx",
        "vue",
        "svelte",
        "astro",
        "ex",
        "exs",
        "erl",
        "dart",
        "clj",
        "cljs",
        "hs",
        "ml",
        "lua",
        "r",
        "jl",
        "zig",
        "nim",
        "cr",
        "pl",
        "pm",
        "elm",
        "sol",
    }
)
#: Generated program files: neither source nor tests.
GENERATED_SUFFIXES: tuple[str, ...] = (".d.ts", ".min.js", "_pb2.py", ".pb.go", ".g.dart", ".freezed.dart")
#: Words without which a path cannot be a test (a cheap filter before the per-language patterns).
TEST_HINTS: tuple[str, ...] = ("test", "spec", "e2e", "cypress", "playwright", "bench", "conftest")

#: Folder names announcing disposable work wherever they are.
THROWAWAY_FOLDERS: frozenset[str] = frozenset(
    {
        "poc",
        "pocs",
        "proof-of-concept",
        "proof_of_concept",
        "scratch",
        "scratchpad",
        "spike",
        "spikes",
        "tmp",
        "temp",
        "throwaway",
        "hack",
        "hacks",
        "wip",
    }
)
#: Words naming the production environment (a file, folder, job or environment called ``prod``,
#: ``production`` or ``prd``). ``live`` is one too where a deploy names it (a job, an environment),
#: not in a file name, where it says too little (``livereload``, ``live-preview``).
PRODUCTION_WORDS: frozenset[str] = frozenset({"prod", "production", "prd"})
#: Folders of deployment configuration (Kubernetes manifests, Helm charts and values, GitOps trees,
#: per-environment infrastructure): a folder or YAML file below one named for production configures it.
DEPLOYMENT_FOLDERS: frozenset[str] = frozenset(
    {
        "k8s",
        "kubernetes",
        "kube",
        "manifests",
        "helm",
        "values",
        "kustomize",
        "overlays",
        "deploy",
        "deployment",
        "deployments",
        "infra",
        "infrastructure",
        "clusters",
        "gitops",
        "argocd",
        "flux",
        "env",
        "envs",
        "environments",
        "stages",
    }
)
#: Folder names announcing disposable work only outside the application's own source tree: inside
#: it they name a feature (an A/B ``experiments`` module, an API ``playground`` page, a payment
#: provider's ``sandbox`` mode).
THROWAWAY_DOMAIN_WORDS: frozenset[str] = frozenset(
    {
        "prototype",
        "prototypes",
        "experiment",
        "experiments",
        "experimental",
        "playground",
        "playgrounds",
        "sandbox",
    }
)
#: Folders holding the application's own code: a domain-word folder below one is a product module.
SOURCE_ROOT_FOLDERS: frozenset[str] = frozenset(
    {
        "app",
        "apps",
        "src",
        "lib",
        "libs",
        "internal",
        "pkg",
        "packages",
        "services",
        "modules",
        "components",
        "core",
        "domain",
        "server",
        "api",
        "main",
        "java",
        "kotlin",
        "scala",
        "crates",
    }
)


# ---- file names and extensions, per category ------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What marks a file as a candidate for one category (lower-case, matched on the base name).

    ``names`` are whole base names, ``prefixes`` start a base name, ``contains`` occur anywhere in
    it, ``extensions`` end it (without the dot). ``content`` says what the detector then reads.
    """

    names: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    extensions: frozenset[str] = frozenset()
    folders: tuple[str, ...] = ()
    content: str = ""


def _entry(
    names: str = "", prefixes: str = "", contains: str = "", extensions: str = "", folders: str = "", content: str = ""
) -> Entry:
    return Entry(
        frozenset(names.split()),
        tuple(prefixes.split()),
        tuple(contains.split()),
        frozenset(extensions.split()),
        tuple(folders.split()),
        content,
    )


#: The catalogue proper: for each category, the files its detector looks at.
BY_CATEGORY: Mapping[str, Entry] = MappingProxyType(
    {
        Category.TESTS: _entry(
            extensions=" ".join(sorted(SOURCE_EXTENSIONS)) + " feature",
            folders="test tests spec specs __tests__ e2e cypress playwright features",
            content="each runner's discovery convention by language (pytest and Django, Jest, Vitest, Jasmine's "
            "`spec/**/*Spec.js`, Cypress, "
            "Playwright, AVA, node:test, Deno and Bun, go test, cargo with `#[cfg(test)]` modules and `tests.rs` "
            "module files, JUnit, .NET (C#, F#, Visual Basic), RSpec, Minitest, PHPUnit and Pest (in `tests/` or a "
            "namespace's `Tests/`), WordPress plugin tests (`tests/test-*.php`) and plain `tests/*_test.php` "
            "scripts, XCTest (Swift and "
            "Objective-C), Quick, Kiwi, Specta, Foundry's `*.t.sol`, "
            "ExUnit, Dart and Flutter, clojure.test, Julia, testthat, busted, Haskell, OCaml, C and C++ with "
            "GoogleTest, Catch2, Boost.Test, Qt Test, Unity, Check, Criterion, CUnit or Microsoft's CppUnitTest in a "
            "test folder, a `_test`/`test_` file, a "
            "CamelCase `ArrayTests.cpp` beside the sources or a Visual Studio unit test project "
            "(`UnitTest1/UnitTest1.cpp`); a file a `package.json` `test` script hands its "
            "runner by name, `mocha src/modules/user/testUser.ts`), confirmed by test code in the file (in a Python "
            "file, Python's own test forms, not a test framework's import alone; in a .NET file, a test "
            "attribute, not a `using Xunit;`); runner "
            "configuration (`conftest.py`, Pest's `tests/Pest.php`) holds no test, nor does a JavaScript helper module "
            "(`test/helpers/`, `tests/utils.ts`) that declares none, nor a Next.js App Router file of a `test` URL "
            "segment (`app/api/test/route.ts`, `app/test/page.js`), nor a Go `_test.go` file of benchmarks only, "
            "nor a Python script named like a test that calls its own test functions by hand (at module level "
            'or under `if __name__ == "__main__":`, or reads command-line arguments there, argparse or '
            "`sys.argv`) and uses no test framework; not in node_modules, "
            "templates, fixtures, testdata, snapshots or vendored `external/` and `deps/` trees",
        ),
        Category.CI: _entry(
            names=".gitlab-ci.yml .gitlab-ci.yaml .travis.yml .travis.yaml circle.yml .drone.yml .drone.yaml "
            ".drone.jsonnet .drone.star bitbucket-pipelines.yml bitbucket-pipelines.yaml appveyor.yml .appveyor.yml "
            "buildkite.yml buildkite.yaml .woodpecker.yml .woodpecker.yaml cloudbuild.yaml cloudbuild.yml bitrise.yml "
            ".cirrus.yml .cirrus.star buildspec.yml codefresh.yml .vela.yml .vsts-ci.yml .build.yml codemagic.yaml "
            "codemagic.yml .taskcluster.yml .onedev-buildspec.yml screwdriver.yaml shippable.yml wercker.yml "
            ".zuul.yaml zuul.yaml .gocd.yaml .gocd.yml settings.kts ci_post_clone.sh ci_pre_xcodebuild.sh "
            "ci_post_xcodebuild.sh cloudbuild.json appcenter-post-clone.sh appcenter-pre-build.sh "
            "appcenter-post-build.sh config.yml config.yaml seed.yml app.json",
            prefixes="azure cloudbuild buildspec",
            contains="jenkinsfile",
            extensions="yml yaml pbxproj xcworkspacedata groovy",
            folders=".github/workflows .gitea/workflows .forgejo/workflows .circleci .buildkite .woodpecker "
            ".azuredevops .pipelines .semaphore .builds .zuul.d zuul.d .harness .tekton bamboo-specs .teamcity "
            ".eas/workflows jenkins ci concourse pipelines ci_scripts",
            content="a meaningful pipeline file; services that read only the repository root (Travis, AppVeyor, "
            "Bitbucket, Drone, Woodpecker, Cirrus, sourcehut, Codemagic, ...) only there; Azure pipelines by their "
            "top-level keys (also in `.azure/pipelines/` and `eng/pipelines/`), with the steps, jobs and stages they "
            "take from this repository's template files (`- template: ci/deploy.yml`); files named per environment "
            "(`cloudbuild-prod.yaml`, `buildspec-test.yml`) and system-specific folders by their top-level keys "
            "(`phases:`, `steps:`, `kind: PipelineRun`, `pipeline:`); Concourse pipelines in `ci/` by `resources:` "
            "and jobs with a `plan:`; Groovy pipelines in a `jenkins/` folder by `pipeline {` or "
            "`node { stage(...) }`; Xcode Cloud's `ci_scripts/` next to the Xcode project; Expo `.eas/workflows/`; "
            "App Center build scripts; a Seed build spec (`seed.yml` at the project root with a build step or "
            "`check_code_change`); Heroku CI (an `environments.test` object in the root `app.json`); not workflows "
            "that only triage issues",
        ),
        Category.CI_TESTS: _entry(
            names="makefile gnumakefile package.json pyproject.toml tox.ini noxfile.py",
            content="CI commands that run the tests, directly or through a make target or package script (and "
            "the scripts an `npm-run-all`, `run-p` or `run-s` there names or matches, `run-p 'jest:*'`)",
        ),
        Category.CONTAINER: _entry(
            names="pom.xml build.gradle build.gradle.kts build.sbt .ko.yaml .ko.yml project.toml build build.bazel "
            "earthfile docker-bake.hcl docker-bake.override.hcl docker-bake.json nixpacks.toml nixpacks.json "
            "railpack.json",
            contains="dockerfile containerfile",
            extensions="nix csproj fsproj vbproj",
            content="a FROM line; templates (`Dockerfile.j2`, `Dockerfile.ejs`, a `FROM {{ image }}`) and docs "
            "excluded; dev containers, images named for development or tests (`Dockerfile.dev`, "
            "`development.Dockerfile`, `Dockerfile.local`, `Dockerfile.test`) or placed in such a folder "
            "(`.devcontainer/`, `compose/local/`, `e2e/`, `integration-tests/`, a local CI action in "
            "`.github/actions/`), test images (a `RUN` of the tests, no `CMD`, `ENTRYPOINT` or `EXPOSE`), CI build "
            "images kept in a CI system's folder that start nothing (`.github/Dockerfiles/el9.Dockerfile`), build "
            "environments (in a `build`/`builder`/`toolchain` folder, copying nothing of the project and starting "
            "nothing: `docker/build-fast/rhel-9/Dockerfile`), images run to build an artifact and end (an "
            "`ENTRYPOINT expo build:android`, a `CMD cargo build`, exposing no port), images that only start "
            'an interactive shell (`CMD ["bash"]`, exposing no port, not a base image with `ONBUILD` steps), '
            "images that start a JavaScript development "
            "server (`CMD npm run dev`, `yarn dev`, NestJS's `yarn start:dev`, `nodemon`; not beside `npm start` or "
            "`node server.js`) or a "
            "watcher rebuilding on each change (`cargo watch`, `dotnet watch`, `air`, `--reload`, `--watch`), data "
            "store images seeded for the application (`FROM postgres:16` copying a schema), images in a folder that "
            "only development Compose files build (`.docker/php/Dockerfile` of a Compose file running the checkout "
            "mounted, named by no CI configuration) and browser "
            "test runners (`FROM cypress/...`, exposing no port) are `container-dev` (not `Dockerfile.ci`: CI "
            "often builds the shipped image from it); images built without a Dockerfile: Jib (Maven, Gradle), "
            "Spring Boot `build-image` with an image configured, Jib applied through the Gradle version catalog "
            "(`alias(libs.plugins.jib)`), Maven "
            "and Gradle Docker plugins (fabric8 `docker-maven-plugin`, Eclipse JKube, `com.bmuschko.docker-*`, "
            "`com.palantir.docker`, `io.micronaut.docker`), sbt plugins (`enablePlugins(DockerPlugin)` of "
            "sbt-native-packager or sbt-docker, `JibPlugin`), Quarkus "
            "container-image extensions (`quarkus-container-image-jib`, `-docker`, ...), the .NET SDK's container "
            "publishing (`EnableSdkContainerSupport`, `ContainerRepository` in a project file), ko (`.ko.yaml`), Cloud "
            "Native Buildpacks (`project.toml`), an image built in CI by a tool that needs no Dockerfile (`mvn "
            "jib:build`, `./gradlew bootBuildImage`, `pack build`, `ko build`), Nix `dockerTools` and nix2container, "
            "Bazel "
            "`oci_image`/`container_image`, Earthly `SAVE IMAGE`, Docker Bake targets",
        ),
        Category.ORCHESTRATION: _entry(
            names="chart.yaml chart.yml kustomization.yaml kustomization.yml kustomization helmfile.yaml helmfile.yml "
            "skaffold.yaml skaffold.yml tiltfile",
            prefixes="docker-compose compose",
            extensions="yaml yml nomad hcl jsonnet libsonnet json tpl template tmpl j2",
            content="a compose service that builds or runs the app (Compose files under other names too, by their "
            "shape: Docker Swarm stacks such as `docker-stack.yml`), a production overlay of one "
            "(`docker-compose.prod.yml` whose services name no image), Helm charts, Kustomize, Helmfile, Nomad jobs "
            "(`.nomad`, or a `job` block in any `.hcl`), AWS Copilot service and job manifests "
            "(`copilot/<name>/manifest.yml`), ECS task definitions (`family` and `containerDefinitions`, "
            "or the list of container definitions Terraform reads from `taskdef.json`, or a Terraform "
            "`aws_ecs_task_definition` resource with its definitions inline), "
            "Skaffold pipelines that deploy, Kubernetes manifests (YAML, a manifest whose placeholders keep it from "
            "parsing read line by line, a template a deploy script renders such as `deployment.yaml.tpl` or "
            "`service.yaml.template`, or Jsonnet with an `apiVersion` and a workload `kind`; not a developer portal's "
            "catalogue entities or software templates, `scaffolder.backstage.io`, nor a generator's `templates/` "
            "filled in by placeholders, `{{ project_name }}`, outside a Helm chart); `orchestration-dev`: "
            "a compose file running only backing services (a local database, under its publisher's name or a "
            "community build's, `nouchka/sqlite3`), named or placed for development, "
            "tests or CI (`docker-compose.test.yml`, `.devcontainer/`, `e2e/`), building only a development "
            "Dockerfile or stage, running the checkout mounted into the project's services (all of it, `.:/app`, or "
            "a source folder a development server reloads, `./app:/code/app` with `fastapi dev`; a database or web "
            "server built from its own folder, `docker/mysql/Dockerfile`, is not one of them), or opening with a "
            "comment that says it is not for production; manifests of a test cluster (`e2e/manifests/`), and a "
            "Tiltfile's development loop "
            "(`k8s_yaml`, `helm`, `docker_compose`)",
        ),
        Category.IAC: _entry(
            names="pulumi.yaml pulumi.yml cdk.json cdktf.json sst.config.ts sst.config.js sst.config.mjs ansible.cfg "
            "terragrunt.hcl flake.nix hive.nix vagrantfile hosts hosts.ini hosts.yml hosts.yaml inventory "
            "inventory.ini inventory.yml inventory.yaml zappa_settings.json zappa_settings.yml zappa_settings.yaml "
            "zappa_settings.toml config.json",
            extensions="tf tofu bicep hcl yaml yml json template",
            content="Terraform blocks (its JSON syntax too, `main.tf.json`), Pulumi runtime, CDK and CDK for "
            "Terraform apps, SST, CloudFormation/SAM "
            "(templates written with short-form `!Ref`/`!Sub` tags too, by their top-level `Resources:`), ARM, "
            "Packer, Crossplane (Compositions, provider packages, managed resources), Ansible playbooks (`site.yml`, "
            "`playbook*.yml`, any play in a `playbooks/` or `ansible/` folder, at the repository root, or beside "
            "`roles/`, `group_vars/`, an inventory or `ansible.cfg`) and roles, not a playbook a "
            "Vagrantfile provisions its development VM with (unless an inventory names other hosts); NixOS "
            "deployments with deploy-rs or colmena (`flake.nix`, `hive.nix`); Zappa's `zappa_settings.json` stages "
            "(an `app_function` or `django_settings` deployed to AWS Lambda) and AWS Chalice's `.chalice/config.json`",
        ),
        Category.PAAS: _entry(
            names="procfile vercel.json now.json netlify.toml railway.json railway.toml wrangler.toml "
            "wrangler.json wrangler.jsonc heroku.yml apprunner.yaml apprunner.yml amplify.yml "
            "dockerrun.aws.json app.yaml app.yml render.yaml render.yml azure.yaml azure.yml "
            "deploy.template.yaml app.json firebase.json .firebaserc project.toml capfile .platform.app.yaml "
            "applications.yaml config.yaml config.yml scalingo.json zbpack.json staticwebapp.config.json "
            "koyeb.yaml koyeb.yml porter.yaml porter.yml captain-definition northflank.json deno.json deno.jsonc "
            "apphosting.yaml .deployment .cpanel.yml .cpanel.yaml .replit vapor.yml vapor.yaml pom.xml build.gradle "
            "build.gradle.kts "
            "cargo.toml ecosystem.config.js ecosystem.config.cjs ecosystem.config.mjs ecosystem.config.json "
            "ecosystem.json pm2.config.js backend.ts backend-config.json team-provider-info.json "
            "host.json discloud.config squarecloud.app squarecloud.config _redirects elixir_buildpack.config "
            "phoenix_static_buildpack.config cloudfile cloudflare.config.ts cloudflare.config.mts cloudflare.config.js "
            "cloudflare.config.mjs",
            prefixes="fly manifest deploy serverless.",
            extensions="json pubxml config conf",
            content="each platform's deploy keys (Procfile process types, Fly, Cloudflare's `cloudflare.config.ts` "
            "defining a Worker or Containers, a committed Vercel CLI link "
            "(`.vercel/project.json`), the `_redirects` rules Netlify and Cloudflare Pages read from the published "
            "folder (`public/_redirects`: `/*  /index.html  200`), Cloud Foundry, Kamal, Capistrano, "
            "Platform.sh/Upsun, Scalingo, Clever Cloud, Zeabur, Azure Static Web Apps, the Elastic Beanstalk CLI, "
            "its `.ebextensions/` and its proxy configuration in `.platform/nginx/` or `.platform/httpd/` (at the "
            "root or of the folder it deploys), "
            "Visual Studio publish profiles to Azure App Service, Koyeb, Porter (`version: v2`, not a CNAB bundle), "
            "CapRover, Shelly Cloud's `Cloudfile` (its `servers`), Northflank templates, Deno Deploy's `deploy` in "
            "`deno.json` or a task there running "
            "`deployctl deploy --project`, App Engine files named for an "
            "environment (`app.prod.yaml`, with an App Engine key beside the runtime), Azure App Service's Kudu "
            "`.deployment`, cPanel's Git deployment (`.cpanel.yml` with `deployment: tasks:`), Replit Deployments "
            "(a `[deployment]` table in `.replit`), the Elixir and Phoenix static buildpacks' settings Heroku and "
            "Gigalixir read (`elixir_buildpack.config`), the bot hosts Discloud "
            "(`discloud.config`) and Square Cloud (`squarecloud.app`) naming the entry point they run (`MAIN=`), "
            "PHP's Deployer (`deploy.php` "
            "naming its hosts or repository, or `deploy.yaml`), Laravel Vapor's `vapor.yml` environments, Maven and "
            "Gradle plugins that deploy to Azure App Service or Functions, App Engine or Heroku "
            "(`azure-webapp-maven-plugin`, `com.google.cloud.tools.appengine`), Shuttle (`shuttle-runtime` in "
            "`Cargo.toml`), a PM2 ecosystem file's `deploy` section with a real repository (not the `pm2 init` "
            "sample), AWS Amplify backends (Gen 2 `amplify/backend.ts` calling `defineBackend`, the Gen 1 CLI's "
            "`amplify/backend/backend-config.json`, or its `amplify/team-provider-info.json` naming the stacks "
            "it deployed), an Azure Functions app's `host.json` (`version` 2.x with the "
            "host's settings), Firebase "
            "App Hosting's "
            "`apphosting.yaml` (`runConfig`, `scripts`, `env` variables), a `.firebaserc` project beside the "
            "Hosting deploy cache `firebase deploy` leaves (`.firebase/hosting.*.cache`), ...); a Heroku or Dokku "
            "`app.json` by its own keys (add-ons, formation, `environments`, `success_url`, deploy `scripts`, "
            "Dokku `healthchecks` and `cron`, Heroku Button `env` entries), not an Expo or React Native one",
        ),
        Category.CI_DEPLOY: _entry(content="deploy/publish steps, actions and environments in the CI files"),
        Category.DEPLOY_SCRIPT: _entry(
            extensions="sh bash zsh ps1",
            folders="deploy deploys deployment deployments",
            content="a shell or PowerShell script, outside test, example, docs and template folders, that runs a "
            "deploy command as ci-deploy reads one in CI (`firebase deploy`, `kubectl apply`, `docker buildx build "
            "--push`), not a package publish (release machinery) nor a deploy to a cluster or emulator it starts on "
            "this machine (kind, minikube, k3d, LocalStack); and a script named for deploying (`deploy.sh`, "
            "`scripts/deploy-prod.sh`, `deployment.ps1`; not `deploy-local.sh` or `deploy_test.sh`) or kept in a "
            "deploy folder (`deploy/install.sh`) that copies to or runs a command on another machine (`rsync -az "
            'dist/ "$HOST:/srv/app/"`, `ssh "$HOST" \'systemctl restart app\'`) or starts the new version on '
            "the server it runs on (`docker compose up -d`, `systemctl restart app`, `pm2 reload`); not a "
            "tutorial's template whose variables still hold placeholder locations "
            '(`PROJECT_DIR="/path/to/your/project"`, `username/repository`); the first 20 '
            "scripts, those named for deploying first, then the shallowest",
        ),
        Category.PROD_CONFIG: _entry(
            names="application.yml application.yaml application.properties all wrangler.toml wrangler.json "
            "wrangler.jsonc netlify.toml "
            "ecosystem.config.js ecosystem.config.cjs ecosystem.config.mjs ecosystem.config.json ecosystem.json "
            "pm2.config.js rocket.toml",
            contains="prod prd live sops",
            extensions="tf tfvars tfbackend hcl yaml yml conf ini",
            content="production settings files by path (Symfony's `config/packages/prod/` too; an environment "
            "named `Prod` or `prd` in .NET `appsettings.Prod.json` and Spring `application-prd.yml`; a JVM build's "
            "resources named for production, as a Maven or Gradle profile copies them in "
            "(`src/main/resources/environment.prod.properties`); "
            "dotenv files `.env.prd`, `.env-production` and `production.env` / `envs/prod.env` (encrypted too, "
            "`.env.production.encrypted`), `config.production.json` (Ghost, "
            "nconf), LoopBack's `datasources.production.json` (and `middleware`, `model-config`, "
            "`component-config`), a web server's or runtime's settings in a production folder "
            "(`docker/production/nginx/nginx.conf`, `laravel/prod/php.ini`), `config_prod.py`, "
            "`configs/prod.yaml` (or `.properties`, "
            "`.ini`, `.cfg`, `.conf`), a Python "
            "`config/production.py`, Sails' and MEAN.js' "
            "`config/env/production.js`, an Express app's `config/prodKeys.js`, Rails' "
            "`config/puma/production.rb`, Play's `conf/prod.conf`, Hugo's "
            "`config/production/`, a Swarm "
            "`docker-stack.prod.yml`; Terraform and HCL files in a `prod` folder; Azure deployment parameters "
            "for production (ARM `azuredeploy.parameters.prod.json`, Bicep `main.prod.bicepparam`); a "
            "CloudFormation or SAM stack template named for production (`template.prod.yaml`); a platform's "
            "file for production (`fly.production.toml`, App Engine `app.prod.yaml`, `serverless.prod.yml`) or "
            'production section (`[env.production]` in `wrangler.toml`, `"env": {"production": ...}` in '
            "`wrangler.jsonc`, `[context.production]` in `netlify.toml`, "
            "Rocket's `[production]` or `[release]` table in `Rocket.toml`); "
            "PM2's production environment (`env_production` in `ecosystem.config.js`, not PM2's template block "
            "holding `NODE_ENV` alone, or an app run with `NODE_ENV: 'production'`); a Rails `config/database.yml` "
            "whose `production` section names a host or switches the adapter the other sections use (not the "
            "generator's `shop_production`); "
            "an Android product flavor for production (`productFlavors { prod { ... } }` in `build.gradle`); "
            "YAML in a `prod` folder, or named for production, below a deployment folder: `k8s/prod/`, "
            "`helm/values/production.yaml`, `deploy/deployment-prod.yaml`; a Kubernetes resource in any folder "
            "named for production (Flux's `apps/production/`, a `prod/kustomization.yaml`); Ansible "
            "inventories and variables "
            "named for production (`group_vars/production.yml`, `inventories/prod/hosts`); a deploy tool's "
            "production stage: Capistrano `config/deploy/production.rb`, a Kamal destination "
            "`config/deploy.production.yml`, NAIS `.nais/prod-gcp.yaml`, Firebase App Hosting "
            "`apphosting.production.yaml`; a web server's or reverse proxy's production site: "
            "`Caddyfile.production`, `nginx.prod.conf`, `nginx/prod.conf`, `haproxy.prod.cfg`; a Compose file "
            "whose services read a production dotenv (`env_file: .env.production`), whatever its name; not a "
            "Compose file setting `NODE_ENV: production`, which images set for speed on any machine), or a "
            "production profile "
            "inside a shared Spring or Quarkus "
            "configuration (`on-profile: prod`, `%prod.` keys). A framework's generated environment file "
            "(Rails `production.rb`, Phoenix `prod.exs`, Angular `environment.prod.ts`, Symfony "
            "`config/packages/prod/` and `app/config/config_prod.yml`, Sails' `config/env/production.js`, a "
            "Capistrano stage) that quotes no "
            "host but `example.com` or `localhost` is also "
            "`scaffold-prod-config`, which POC106 does not count. An end-to-end suite's environments "
            "(`cypress/config/production.json`) are test targets, not production settings",
        ),
        Category.RELEASE: _entry(
            names=".goreleaser.yaml .goreleaser.yml goreleaser.yaml goreleaser.yml .releaserc .releaserc.json "
            ".releaserc.yaml .releaserc.yml .releaserc.js .releaserc.cjs .releaserc.mjs release.config.js "
            "release.config.cjs release.config.mjs release-please-config.json .release-please-manifest.json "
            ".release-it.json .release-it.js .release-it.cjs .release-it.ts .release-it.yaml "
            ".release-it.yml .release-it.toml .release-plz.toml release-plz.toml "
            ".bumpversion.cfg .bumpversion.toml .cz.toml .cz.yaml .cz.json cz.toml cz.yaml cz.json "
            ".versionrc .versionrc.json .versionrc.js .versionrc.cjs tbump.toml bumpver.toml knope.toml "
            ".autorc .autorc.json dist-workspace.toml dist.toml cargo.toml setup.cfg build.gradle "
            "build.gradle.kts pom.xml makefile gnumakefile justfile .justfile taskfile.yml taskfile.yaml "
            "fastfile jreleaser.yml jreleaser.yaml release-drafter.yml release.toml config.json package.json "
            "pyproject.toml",
            prefixes="tag bump",
            contains="release publish",
            content="release tooling configuration (a commitizen file with a `commitizen` table, `setup.cfg` "
            "`[bumpversion]`, cargo-dist `[dist]`, a Gradle or Maven release plugin, a Gradle plugin that "
            "publishes the library to Maven Central, the Gradle Plugin Portal or Bintray, or its GitHub "
            "releases, a Maven plugin that publishes it to Maven Central: `nexus-staging-maven-plugin`, "
            "`central-publishing-maven-plugin`); versioned release scripts "
            "(`release*`, or `publish*`/`tag*`/`bump*` in a scripts folder or beside a package's `setup.py` or "
            "`package.json`, that create and push a tag or run a "
            "release tool or a publish; not modules of a Python package or a src/ tree); root `package.json` "
            "`release`/`publish` scripts (`release:minor`, `publish-patch` too), Makefile/Justfile/Taskfile "
            "release targets and fastlane lanes that do the same or upload to a store",
        ),
        Category.OBSERVABILITY: _entry(
            names="newrelic.ini newrelic.yml newrelic.js datadog.yaml appsignal.yml honeybadger.yml "
            ".sentryclirc sentry.properties prometheus.yml prometheus.yaml alertmanager.yml "
            "alertmanager.yaml otel-collector-config.yaml otel-collector-config.yml otel-collector.yaml "
            "otel-collector.yml .upptimerc.yml checkly.config.ts checkly.config.js checkly.config.mjs "
            "checkly.config.cjs appsettings.json appsettings.production.json logback.xml logback-spring.xml "
            "application.properties application.yml application.yaml application-prod.properties "
            "application-prod.yml application-prod.yaml log4j2.xml log4j2-spring.xml log4j2.yaml log4j2.yml "
            "log4j2.json log4j2.properties config.alloy wrangler.toml wrangler.json wrangler.jsonc project.pbxproj "
            "sentry.php bugsnag.php monolog.yaml monolog.yml "
            "index.html index.htm base.html layout.html app.html "
            "_layout.cshtml application.html.erb _document.html head.html header.html _head.html.erb "
            "app.blade.php base.html.twig header.php main.go logger.go logging.go log.go logs.go slog.go observe.go "
            "observability.go telemetry.go server.go app.go logger.py logging.py logging_config.py log_config.py "
            "json_logging.py logs.py observability.py telemetry.py main.py app.py logger.js logger.ts logging.js "
            "logging.ts logger.service.ts main.ts",
            prefixes="sentry. promtail fluent-bit fluentbit fluentd fluent. filebeat vector. config.alloy logback",
            contains=".env .synthetics.json otel sentry logger",
            extensions="json",
            content="monitoring SDKs in the manifests, agent configuration (an OpenTelemetry Collector's by its "
            "`receivers`/`exporters`/`service` sections), log shipping agents (Promtail, Fluent Bit, Fluentd, "
            "Filebeat, Vector, Grafana Alloy) that send somewhere, monitoring backends run as Compose services "
            "beside the application (or a log shipper there with the project's log folder mounted, "
            "`./storage/logs:/var/log/app`), Sentry's browser SDK from its CDN in page "
            "templates, structured logging configuration (a Serilog JSON formatter or a sink to a monitoring "
            'service, `"Name": "Sentry"`, in any `appsettings*.json` but the development ones, a Logback JSON '
            "encoder in "
            "any `logback*.xml` but the tests' `logback-test.xml`, not `logstash-logback-encoder` alone, a "
            "Log4j 2 JSON layout, Spring Boot `logging.structured.format`, Go's `slog` JSON handler or "
            "logrus's `JSONFormatter`, loguru's `serialize=True`, winston's `format.json()` "
            "(not rewritten by a `printf` format after it in the same `combine`), NestJS's "
            "`ConsoleLogger({ json: true })`, pino set up in a logger module or entry point writing JSON "
            "(hapi's `hapi-pino` plugin too), `pino-pretty` at most outside production), a logger module of the "
            "project's own writing JSON lines with their level (`console.log(JSON.stringify({ level: 'info', "
            "... }))`, an entry with a `level` written whole as `JSON.stringify(entry)`, a Python "
            "`logging.Formatter` subclass returning `json.dumps` of the record and its `levelname`, or a "
            "`Formatter` given a JSON-shaped format with `%(levelname)s`), Symfony's "
            "Monolog writing JSON in production (`formatter: monolog.formatter.json` under `when@prod:`), "
            "a route that answers "
            "in Prometheus's exposition format (`text/plain; version=0.0.4`, written by hand), dashboards, Datadog "
            "Synthetics tests (`*.synthetics.json`), scheduled CI jobs that check a deployed URL, a NAIS "
            "application's `prometheus` scraping or OpenTelemetry `autoInstrumentation` switched on, a "
            "Cloudflare Worker's `[observability]` switched on in `wrangler.toml` (`observability: { enabled: "
            "true }` in `cloudflare.config.ts`), a Laravel monitoring "
            "package's published `config/sentry.php` or `config/bugsnag.php`, an Xcode project's Swift package "
            "products (`productName = Sentry;` in `project.pbxproj`), sbt's `project/Dependencies.scala`",
        ),
        Category.HEALTH_CHECK: _entry(
            names="render.yaml render.yml railway.toml railway.json app.yaml fly.toml apprunner.yaml "
            "task-definition.json checks app.json application.properties application.yml "
            "application.yaml appsettings.json lib.rs mod.rs __init__.py manifest.yml manifest.yaml",
            prefixes="routes route router routers routing urls app main server index api handlers handler "
            "health healthcheck program startup application web http transport endpoints endpoint views +server ping "
            "monitor probe "
            "readyz livez deploy",
            contains="health controller endpoint -server. _server. extensions.cs",
            extensions="tf tofu tpl json yaml yml nomad hcl",
            content="platform health checks (a `fly.toml` check table, not the empty `http_checks = []` "
            "`fly launch` writes), NAIS application probes (`liveness`, `readiness`), framework health "
            "endpoints, health routes in router files (a `/status` route only when its handler replies that the "
            'service is fine, `{"status": "ok"}` or a short sentence such as `"Server is alive"`, or a bare '
            "success, `res.sendStatus(200)`, `ctx.status = 204`; a route registered under a health constant or "
            "to a handler named for health checks, `HandleFunc(constant.HealthRoute, commons.HealthCheck)`, not a "
            "healthcare resource's; and so for a "
            'controller\'s attribute route, `[Route("api/status")]`; an ASP.NET `[Route("api/[controller]")]` '
            "over a controller named for a probe, `PingController`; a Django path including the project's own URL "
            'module only when that module answers the path itself, `include("health.urls")` with a `path("", ...)`; '
            "a GET route whose comment above it calls it a health check, `// 13. Health Check` (a status check "
            "over the root route), or whose Python docstring does; an Express handler "
            "typed `res: Response` in a module named for health checks; a Python router or blueprint prefixed with a "
            "health path, "
            '`APIRouter(prefix="/health")`, too, and a route filed under a health tag in the API\'s documentation, '
            "FastAPI `tags=[\"Health\"]`, NestJS `@ApiTags('health')`; a fetch handler routing by hand, "
            '`url.pathname === "/health"`, `case "/healthz":`, a `Bun.serve` route table keyed `"/healthz"`), '
            "crate and package modules, controllers and JVM endpoint classes (`PingEndpoint.java`), "
            "ASP.NET extension classes (`CoreExtensions.cs` mapping "
            "`MapHealthChecks`), file-system routes (Next.js, SvelteKit, Nuxt, Remix), "
            "gRPC health services, load balancer and platform health checks (Terraform, CloudFormation), ECS container "
            "definitions, Nomad and Consul service checks, Helm probe templates, AWS Copilot and Kamal manifests, "
            "a probe written out with its handler (`readinessProbe:` over `httpGet:`) in a chart's values (when a "
            "template of the chart renders a probe or the value holding it, not `helm create`'s values left unused by "
            "rewritten templates) or a platform's service descriptor",
        ),
        Category.SECURITY_POLICY: _entry(
            names="security-insights.yml",
            prefixes="security",
            content="SECURITY.md at the root or .github/ (in docs/ when it says how to report a vulnerability); "
            "a security.txt (RFC 9116, with its `Contact:`) in a `.well-known/` folder; OpenSSF Security Insights",
        ),
        Category.DEPENDENCY_UPDATES: _entry(
            names="dependabot.yml dependabot.yaml renovate.json renovate.json5 renovate.jsonc .renovaterc "
            ".renovaterc.json .renovaterc.json5 .renovaterc.jsonc .scala-steward.conf scala-steward.conf "
            ".pyup.yml .depfu.yml package.json",
            content="Dependabot, Renovate (in package.json too), Scala Steward, PyUp, Depfu configuration; CI "
            "running Renovate (its action or CLI) or update-flake-lock",
        ),
        Category.LOCKFILE: _entry(
            names="package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml shrinkwrap.yaml bun.lock bun.lockb "
            "deno.lock poetry.lock pipfile.lock pdm.lock uv.lock pixi.lock conda-lock.yml cargo.lock "
            "go.sum go.work.sum gemfile.lock gems.locked composer.lock mix.lock pubspec.lock "
            "podfile.lock package.resolved cartfile.resolved gradle.lockfile packages.lock.json project.lock.json "
            "flake.lock .terraform.lock.hcl conan.lock versions.lock cabal.project.freeze module.bazel.lock "
            "verification-metadata.xml manifest.toml juliamanifest.toml renv.lock paket.lock cpanfile.snapshot "
            "stack.yaml.lock rebar.lock shard.lock gopkg.lock glide.lock pylock.toml buildscript-gradle.lockfile "
            "settings-gradle.lockfile dub.selections.json nimble.lock berksfile.lock puppetfile.lock chart.lock "
            "lock.sbt",
            prefixes="requirements pylock. conda-",
            extensions="lockfile",
            folders="requirements",
            content="a lockfile (Julia's and Gleam's `Manifest.toml` beside their project file, Helm's `Chart.lock` "
            "beside its `Chart.yaml`, pnpm's early `shrinkwrap.yaml` beside its `package.json`, sbt-lock's "
            "`lock.sbt` beside its `build.sbt`, .NET Core 1.x's `project.lock.json` beside its `project.json`, "
            "Gradle's "
            "`gradle/dependency-locks/*.lockfile`, `pylock.*.toml`, conda-lock's `conda-<platform>.lock`); a "
            "requirements file counts when it pins with hashes "
            "(`--hash=sha256:`), a `requirements*.lock` when rye generated it",
        ),
        Category.PINNED_MANIFEST: _entry(
            names="pom.xml build.gradle build.gradle.kts libs.versions.toml directory.packages.props packages.config "
            "build.sbt dependencies.scala",
            prefixes="requirements",
            extensions="csproj fsproj vbproj",
            content="a Maven, Gradle, sbt or NuGet manifest whose every dependency version is exact: no range, "
            "wildcard, `LATEST`/`RELEASE`, dynamic `+` or snapshot (versions left to a property, a BOM or "
            "central package management count as given there); a requirements file pinning every package "
            "with `==` (`pip freeze`), which also pins the project's other Python manifests (unless it names "
            "development tools: `requirements-dev.txt`, `requirements/docs.txt`), the pip-compile "
            "input it was compiled from (`base.in` beside `base.txt`) and a file only including pinned ones (`-r`)",
        ),
        Category.UNLOCKED_MANIFEST: _entry(
            names="package.json pyproject.toml pipfile setup.cfg setup.py go.mod cargo.toml gemfile gems.rb "
            "composer.json pubspec.yaml mix.exs podfile",
            prefixes="requirements",
            folders="requirements",
            content="a dependency manifest no lock file of its own ecosystem locks: npm, Yarn, pnpm or Bun beside a "
            "`package.json` (or at the root of its declared workspace, pnpm workspace, Lerna, Nx or Rush monorepo), "
            "a Python lock beside or above a Python manifest, `go.sum` beside a `go.mod` that requires modules, "
            "`Cargo.lock` beside or above an application crate, `Gemfile.lock`, `composer.lock`, `pubspec.lock` "
            "beside or above a Flutter or Dart app (`publish_to: none`), `mix.lock` beside or above a Mix project with "
            "dependencies, `Podfile.lock`; not an "
            "exact-pinned manifest (`pinned-manifest`), nor a library its ecosystem leaves unlocked (a crate "
            "without a binary, a Gemfile naming its `gemspec`, a Composer package whose `type` is not `project`, "
            "a published npm package: `exports`, `files`, `types`... and not `private`; a Python package declaring "
            "PyPI `classifiers`, a Hex package), nor a `package.json` of "
            "tools only (development dependencies and no build, dev or start script); a manifest of another "
            "ecosystem, or of development tools (`requirements-dev.txt`, a manifest in `scripts/`, `tools/`, "
            "`hack/` or a test harness's `e2e/`, `cypress/`, `*-tests/` folder), only when the project has no lock "
            "file of application dependencies at all (a Terraform provider or Helm chart lock file locks none)",
        ),
        Category.DEPENDENCY_MANIFEST: _entry(
            names="package.json pyproject.toml pipfile setup.cfg setup.py environment.yml go.mod cargo.toml "
            "pom.xml build.gradle build.gradle.kts libs.versions.toml directory.packages.props "
            "packages.config gemfile gems.rb composer.json pubspec.yaml package.swift podfile mix.exs "
            "deno.json deno.jsonc build.sbt dependencies.scala project.clj deps.edn cartfile vcpkg.json conanfile.txt "
            "conanfile.py paket.dependencies cpanfile rebar.config shard.yml gopkg.toml glide.yaml gleam.toml dub.json "
            "dub.sdl",
            prefixes="requirements",
            extensions="csproj fsproj vbproj gemspec cabal nimble",
            folders="requirements",
            content="a dependency manifest (pip requirements files too, `requirements/*.txt` included; sbt's "
            "`project/Dependencies.scala`); a "
            "`pyproject.toml` or `setup.cfg` holding only tools' settings (`[tool.ruff]`, `[flake8]`), or a "
            "`package.json` declaring no dependency (only scripts), or a `composer.json` only an autoloader (a Laravel "
            "module's), is none",
        ),
        Category.README: _entry(
            prefixes="readme",
            content="the README at the project root, .github/ or docs/ (the untranslated one; a stub of under three "
            "lines gives way to one beside it that says more); in its prose (not code, links or URLs), "
            '`poc-disclaimer` when it says the project is a proof of concept or not for production ("proof of '
            'concept", `PoC`, "a quick poc", "a prototype", "not meant for production", "experimental '
            'project", "demo only", or a heading that names it a poc: `# Shop CRM — poc-v1`; not a slug such '
            "as `blazor-poc`), and `readme-setup` when it says how to set up or run the project (a setup "
            "heading, in English or in the README's own language, `## Executando`, `## Instalación`, `## 快速开始`; "
            "a shell block or prompt, a setup command)",
        ),
        Category.LICENSE: _entry(
            prefixes="license licence copying copyright unlicense patents",
            contains="-licen _licen",
            extensions="txt",
            content="a license file (not a TODO placeholder, a source-header template, third-party notices or a "
            "`LICENSES.md` that lists the dependencies' licenses; "
            "never a program or data file such as `license.go` or `licenses.json`), `MIT-LICENCE` style names "
            "too, or a REUSE LICENSES/ folder",
        ),
        Category.CHANGELOG: _entry(
            prefixes="changelog change-log change_log changes history news releases release-notes release_notes "
            "releasenotes version-notes version_notes versionnotes whatsnew whats-new whats_new",
            extensions="md markdown rst adoc txt yaml yml feature bugfix doc removal misc deprecation breaking added "
            "changed fixed removed trivial",
            folders="releases release-notes release_notes releasenotes changelog changelogs changes history news "
            "debian changelog.d newsfragments .changelog",
            content="a changelog or release notes at the root or in docs/, doc/ (Sphinx's source/ too), with "
            "versioned entries or not (`history`, `news` and `releases`, words too, `VERSION_NOTES`, `WHATSNEW`, and "
            "`changes` with a suffix, `CHANGES_SUMMARY.md`, need an entry: a version or "
            "dated line, or a NEWS heading such as GNU's `Noteworthy changes in release 9.4` or R's `# pkg 1.2.0`); "
            "a Debian changelog; the Maven Changes plugin's `src/changes/changes.xml` with `<release version=...>` "
            "entries; a release-notes folder of versioned documents (`docs/releases/1.2.rst`, "
            "`releases/app-v1.0.1.md`); a "
            "folder of changelog fragments (reno, towncrier, scriv, antsibull-changelog, go-changelog, changesets); "
            "a monorepo package's changelog with versions (`packages/core/CHANGELOG.md`) when the root declares "
            "its workspaces",
        ),
        Category.CODEOWNERS: _entry(
            prefixes="codeowners", content="CODEOWNERS at the root, .github/, docs/, .gitlab/, .gitea/, .bitbucket/"
        ),
        Category.MIGRATIONS: _entry(
            names="alembic.ini knexfile.js knexfile.ts knexfile.cjs knexfile.mjs .sequelizerc "
            "diesel.toml atlas.hcl atlas.sum flyway.conf flyway.toml "
            "liquibase.properties schema.rb structure.sql migration_lock.toml phinx.yml phinx.yaml phinx.php "
            "phinx.json _journal.json sqitch.plan",
            contains="igrat changelog",
            extensions="sql",
            folders="migrations migration flyway evolutions",
            content="each framework's migration folders and file names (SQL, and code: SeaORM, Knex, Go and "
            "Rust modules, Ecto (`priv/<repo>/migrations`), Tortoise ORM's Aerich "
            "(`migrations/models/1_20240101120000_add.py`), Flyway anywhere under resources/, Umzug's and "
            "Strapi's timestamps (`2024.03.12T10.15.00.add-orders.js`), Payload's "
            "(`migrations/20240312_101500.ts`), Doctrine, Phinx, Yii, CodeIgniter, Entity "
            "Framework, MikroORM, Sequel, Play evolutions, Hasura, Drizzle's journal (not a `drizzle.config.ts` "
            "alone: `drizzle-kit push` changes the schema without migrations); Django's too when "
            "`MIGRATION_MODULES` gathers them in one folder, `migrations/shop/0002_add_price.py`, and versioned SQL "
            "in a folder per database engine, `migrations/postgres/20240724_init.sql`); FluentMigrator classes "
            "(`[Migration(20240101)]`), peewee-migrate's `def migrate(migrator, ...)` and yoyo's steps in a "
            "migration folder, whatever their names, and an app's on-device database migrations there (GRDB's "
            "`registerMigration` or a step creating or altering a table in Swift, Room's `Migration(1, 2)`, and "
            'Android\'s hand-written SQLite steps in a file of migrations, `db.execSQL("ALTER TABLE ...")` or a '
            "table or index created or dropped); "
            "a version-named Go "
            "migration only when its code uses a database, a numbered script (`001_initial.ts`, "
            "`migrations/up/1.users.sql`) when it changes a schema; Liquibase changelogs by content (any name in a "
            "`liquibase` or `changelog` folder) or by the master changelog's conventional name "
            "(`db.changelog-master.yaml`), SQL ones "
            "by their `--liquibase formatted sql` header; "
            "versioned SQL files anywhere carrying goose's, dbmate's or sql-migrate's annotations (`-- +goose Up`, "
            "`-- +migrate Up`), tern's divider (`---- create above / drop below ----`), Liquibase's "
            "`--liquibase formatted sql` header, yoyo's `-- depends:` line or MyBatis Migrations' `-- //@UNDO`, "
            "and versioned up/down "
            "pairs (`000001_init.up.sql` beside `000001_init.down.sql`, or `up/1.users.sql` beside "
            "`down/1.users.sql`)",
        ),
        Category.SECRETS: _entry(
            names="id_rsa id_dsa id_ecdsa id_ed25519 .netrc .npmrc .pypirc .git-credentials .htpasswd "
            "credentials credentials.json service-account.json master.key kubeconfig secrets.yml "
            "secrets.yaml terraform.tfstate terraform.tfstate.backup .env.production base.py common.py local.py "
            "dev.py development.py prod.py production.py staging.py test.py config.exs dev.exs test.exs prod.exs "
            "runtime.exs prod.secret.exs database.yml config.py .django .postgres .mysql .redis .celery .flower "
            ".traefik wp-config.php secret_token.rb devise.rb key.properties keystore.properties "
            "signing.properties gradle.properties database.php "
            "knexfile.js knexfile.ts knexfile.cjs knexfile.mjs ormconfig.js ormconfig.ts ormconfig.json "
            "data-source.ts data-source.js datasource.ts datasource.js typeorm.config.ts typeorm.config.js "
            "mikro-orm.config.ts mikro-orm.config.js drizzle.config.ts drizzle.config.js config.js",
            contains=".env dockerfile settings",
            extensions="tfstate backup pem key p12 pfx p8 jks keystore ppk asc netrc npmrc pypirc env tfvars tf yaml "
            "yml json toml ini cfg conf config properties xml",
            content="credential files, private keys, and credentials written in configuration: env files "
            "(cookiecutter-django's `.envs/.production/.django` too), registry tokens in `.npmrc`, WordPress's "
            "`wp-config.php` database password and keys, .NET `appsettings*.json` signing keys and SMTP "
            "passwords, Rails "
            "`config/database.yml` passwords outside development and test, Kubernetes `Secret` manifests "
            "(`data` decoded from base64), Terraform attributes set to a literal string, Dockerfile "
            "`ENV`/`ARG` values, Spring `application.*` and JDBC `jdbc.properties`/`db.properties` passwords "
            "(a generated-looking one commented out beside a remote host too), "
            ".NET connection strings, Django's "
            "`SECRET_KEY`, Phoenix's `secret_key_base` in `config/prod.exs` and `runtime.exs` (a committed "
            "`prod.secret.exs` too; in `dev.exs` and `test.exs` dev/test-only; in `config.exs`, the default of "
            "every environment, dev/test-only when the production config sets its own), Rocket's `secret_key` "
            "in `Rocket.toml` (in its `[development]` or `[debug]` table dev/test-only), a "
            "Flask `SECRET_KEY` in `config.py`, Rails' `secret_token.rb` and Devise's `secret_key` and OmniAuth "
            "secrets in "
            "`config/initializers/`, Android signing passwords (`key.properties`, `keystore.properties`, "
            "`gradle.properties`; a debug keystore's are dev-only), SMTP and database passwords in Python "
            "settings for a remote host (`EMAIL_HOST_PASSWORD`, `DATABASES`, `SQLALCHEMY_DATABASE_URI`), "
            "CodeIgniter `config/database.php` passwords for a remote host, credentials in a service's "
            "`config.yaml`/`etc/*.yaml`/`settings.toml` that configures a store (generated values, a group "
            "of them such as `clientSecrets:`, or a password beside a remote host), node-config `config/*.json` "
            "database URLs and generated secrets, generated "
            "credentials in Ansible variables "
            "and Compose environments, a Terraform state holding a credential attribute, passwords in JavaScript "
            "and TypeScript ORM configurations (Knex, TypeORM, MikroORM, Drizzle Kit, Sequelize's "
            "`config/config.json`) by section and host, a database URL with a password for a remote host in any "
            'text file (`mongoose.connect("mongodb+srv://user:...@...")`); an environment '
            'variable\'s name written as its value (`secret_key = "AWS_SECRET_KEY"`) is a placeholder',
        ),
        Category.THROWAWAY: _entry(
            folders=" ".join(sorted(THROWAWAY_FOLDERS | THROWAWAY_DOMAIN_WORDS)),
            content="a throwaway folder holding source files (not only headers, stubs or FFI prototypes); "
            "`prototype(s)`, `experiment(s)`, `experimental`, `playground(s)` and `sandbox` only outside the "
            "application's source tree (`src/`, `app/`, `lib/`, ...), where they name a feature",
        ),
    }
)

#: Kept whole base names, to the categories that look at them.
NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        name: tuple(str(c) for c, e in BY_CATEGORY.items() if name in e.names)
        for name in sorted({n for e in BY_CATEGORY.values() for n in e.names})
    }
)
#: Kept extensions, to the categories that look at them.
EXTENSIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        ext: tuple(str(c) for c, e in BY_CATEGORY.items() if ext in e.extensions)
        for ext in sorted({x for e in BY_CATEGORY.values() for x in e.extensions})
    }
)
#: Kept extensions whose files the classification groups by extension. Program sources are
#: grouped as sources and tests instead: a repository is mostly source, not to be held twice;
#: except a source extension another category reads too (Groovy: Jenkins pipeline scripts).
GROUPED_EXTENSIONS: frozenset[str] = frozenset(EXTENSIONS) - (
    SOURCE_EXTENSIONS - {x for category, e in BY_CATEGORY.items() if category != Category.TESTS for x in e.extensions}
)
#: Base-name prefixes that keep a file (one ``str.startswith`` call per path).
NAME_PREFIXES: tuple[str, ...] = tuple(sorted({p for e in BY_CATEGORY.values() for p in e.prefixes}))
#: Base-name substrings that keep a file.
NAME_SUBSTRINGS: tuple[str, ...] = tuple(sorted({s for e in BY_CATEGORY.values() for s in e.contains}))


@cache
def name_is_kept(name: str) -> bool:
    """True when the classification keeps files of this lower-case base name (decided once per
    name: detectors ask for the same few names in every project of a run)."""
    return name in NAMES or name.startswith(NAME_PREFIXES) or any(s in name for s in NAME_SUBSTRINGS)


def prefix_is_kept(prefix: str) -> bool:
    """True when every base name starting with ``prefix`` is kept."""
    return prefix.startswith(NAME_PREFIXES) or any(s in prefix for s in NAME_SUBSTRINGS)


def substring_is_kept(needle: str) -> bool:
    """True when every base name containing ``needle`` is kept."""
    return any(s in needle for s in NAME_SUBSTRINGS)
