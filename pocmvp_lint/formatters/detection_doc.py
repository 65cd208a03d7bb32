"""``docs/detection.md``: what each category recognises, generated from the catalogue.

Regenerate with ``python -m pocmvp_lint.formatters.detection_doc > docs/detection.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from pocmvp_lint.catalogue import (
    AUXILIARY_FOLDERS,
    BUILD_OUTPUT_BELOW,
    BY_CATEGORY,
    EXAMPLE_ROOT_FOLDERS,
    FIXTURE_FOLDERS,
    FIXTURE_PARENTS,
    GENERATED_FOLDERS,
    GENERATED_SUFFIXES,
    SOURCE_ROOT_FOLDERS,
    TEST_FOLDERS,
    VENDORED_FOLDERS,
    Entry,
)
from pocmvp_lint.detectors.ci_catalogue import markdown_tables

_INTRO = """\
# What pocmvp-lint recognises

<!-- Generated from pocmvp_lint/catalogue.py by
     `python -m pocmvp_lint.formatters.detection_doc > docs/detection.md`; a test keeps it current. -->

Every listed path is classified once: its lower-case base name, extension and folders are looked
up in one catalogue (`pocmvp_lint/catalogue.py`). The pass keeps only the files below; each
category's detector then reads them and judges their content. To recognise a new convention, add
it to the category's entry in the catalogue and regenerate this page.
"""


#: How the content of the kept files is judged, category by category and ecosystem by ecosystem (the CI
#: tables that follow are generated from ``detectors/ci_catalogue.py``).
_CONTENT = """\
# How content is judged, ecosystem by ecosystem

## CI tests (`ci-tests`)

A CI file is parsed (YAML, a node under an application tag read as its plain value, GitLab's `!reference [.job,
script]` as the lines it names; a file of several documents that fails as a whole read document by document,
split where a line opens with `---`, as Drone and Woodpecker split theirs; or the `sh`/`bat` steps of a
Jenkinsfile), so commented-out steps never count; a YAML CI file no parser accepts (tabs to indent) is still `ci`,
its signal saying its jobs were not read. A job
runs the tests when one of its commands invokes a test runner directly, or one hop away: a `package.json` or
`composer.json` script, a root `Makefile` target (or that of the folder `make -C` names; the Makefile's own
variables filled in, `$(TEST)`), an alias, command or
task of the `build.sbt` (`sbt ci` with `addCommandAlias("ci", ";clean;test")`, a second hop into a task the
command runs), a Mix alias of the `mix.exs` whose steps run `test` (`mix ci` with `ci: [..., "test"]`), a mise
task of the `mise.toml` (`mise run check`) whose `run` runs the tests or that `depends` on a task named for tests or
on one whose `run` does, a
repository script (`./scripts/ci.sh`, `bash bin/test`) whose
lines run a test runner, a script named for tests or kept in a test folder run by its interpreter (`python
tests/run_all.py`), a local composite action (`uses: ./.github/actions/x`), a local reusable workflow, the
stage of a multi-stage Dockerfile a `docker build --target test` (or `docker/build-push-action` `target:`) builds
whose `RUN` runs the tests, a `docker build` without a target (or a Makefile target running one) whose last stage, or a
stage it copies from, runs a named test task (`RUN go test ./...`, not `mvn package`), a Compose service (`docker compose run tests`, `up --exit-code-from tests`) whose
`command` or build stage runs them, or an Azure Pipelines task read as the command it stands for. A script is looked up in the folder a `cd` or a GitHub
`working-directory` moved to, and so is a `package.json` script (`npm test` in
`packages/${{ matrix.package }}` runs each package's own `test`). Package installs (`pip install pytest-cov`), npm's
placeholder test script and commands that only compile or list the tests (`cargo test --no-run`, `go test -c`,
`mvn test-compile`, `pytest --collect-only`, `gradle build -x test`) do not count. A test run whose failure is ignored
(a step's `continue-on-error`, a GitLab job's `allow_failure`, a line's `|| true`) is reported as
`ci-tests-nonblocking`: the tests run, but cannot fail the build (MVP004 says so). CircleCI 1.0 `circle.yml` phases (`test: override:`, `deployment:`) are read as jobs, and so are the build
steps of a Seed build spec (`before_build:`, `after_deploy:`, ...), a sourcehut build's `tasks`, Screwdriver steps,
GoCD `exec` tasks and the `test-setup` and `test` scripts of Heroku CI (`environments.test` in `app.json`). Pipelines written as programs or scripts (Drone Jsonnet and Starlark, Cirrus Starlark,
TeamCity Kotlin, Xcode Cloud and App Center scripts) are read line by line.

## CI deploy (`ci-deploy`), release (`release`)

A job deploys or publishes when a command runs a deploy or publish tool (kubectl, helm, terraform, PaaS CLIs,
`docker push`, `docker buildx bake --push`, `npm publish`, `twine upload`, `vsce publish`, `helm push`, `mkdocs gh-deploy`, `electron-builder --publish always`, store and tester uploads (`snapcraft upload`,
`xcrun altool --upload-app`, `firebase appdistribution:distribute`), `gh release
upload`, `mvn jib:build`, kaniko with a `--destination`, `vercel` with options only (not `vercel build|pull`), `scp`/`rsync` to a
`user@host:path`, `aws s3 cp|sync`/`gsutil cp|rsync` to a bucket (not from one), an FTP upload (`lftp` `mirror -R`), a `curl` to a PaaS deploy
hook (its URL, or a variable or CI secret named for one), a `curl` upload to a package registry or release-asset
API (GitLab, Gitea, Artifactory, Nexus, GitHub uploads), `git push` to Heroku or Dokku (a remote or a
`git.heroku.com` URL), PHP Deployer `dep deploy`, Mina, Laravel Envoy, dpl (`dpl --provider=heroku`), Convex and Supabase deploys, ...; global
options before the verb skipped, dry runs excluded), directly, inside a repository script the job runs, through
an action's command input (`actions-hub/kubectl` `args`, `azure/cli` `inlineScript`, `changesets/action`
`publish`), or one hop into a package.json script (`npm run
deploy`; the arguments after `--` go with it; a script running `np`, the npm release tool, publishes unless `--no-publish`) or a Makefile target (`make publish`), or runs a task runner's target named for deploying whatever
its body (`make deploy`, `mise run deploy`, Nuke's `./build.sh Deploy`, `dotnet cake --target=Deploy`; not `deploy-kind`,
`deploy:preview`), or a fastlane lane whose Fastfile body uploads to a store (`fastlane ios beta`); when it uses a deploy action, Azure task, Bitbucket pipe,
Drone/Woodpecker plugin, CircleCI orb job or Jenkins step below; or when it logs in to a registry and then
builds images through a script or target named for images (`npm run build-docker`, `make image`); a job named
for deploying that starts containers or restarts a service on its own machine (`docker compose up -d`, `docker run -d`,
`pm2 restart`, `systemctl restart app` on a shell runner, a Jenkins agent or a self-hosted runner, not a GitHub-hosted
one) deploys too, as does any job on a GitHub
self-hosted runner that starts them so and neither runs tests nor stops them (the runner is the server),
a GitLab job of the `deploy` stage that copies to or runs on another machine (`ssh`, `scp`, `rsync`), and one that runs its
commands in an image named for deploying (GitHub `container: acme/deployer`, GitLab `image: .../auto-deploy-image`). Google Cloud
Build steps are read as the command they run, and a Cloud Build `images:` list pushes; a GitLab job named
`pages` (or with a `pages:` setting) publishes GitLab Pages, a GitLab job named or staged for deploying that
triggers another project's pipeline (`trigger: project: group/deployment`) deploys, and so do GitLab's own templates that deploy
(`include: template: Auto-DevOps.gitlab-ci.yml`, listed in the CI catalogue); GitLab local `include:` files are read, and so are
child pipelines (`trigger: include:`) and the templates a job `extends:` (3 levels, 20 files at most). kubectl
and helm in a job that starts a local cluster (kind, k3d, minikube) deploy nothing, nor does a push or publish to a
registry on this machine (`docker push localhost:5000/app`, Verdaccio on `http://localhost:4873`), nor AWS,
Terraform, CDK, SAM or Serverless commands in a job that starts LocalStack (or sent to `--endpoint-url
http://localhost:4566`), nor do `ansible-playbook`
checks (`--syntax-check`, `--check`, `--list-tasks`) or runs against a role's `tests/` inventory; Azure steps
with `enabled: false` are skipped. A workflow started only by hand (`on: workflow_dispatch`), or a reusable one (`on: workflow_call`) that only
such workflows call, is reported as
`ci-deploy-manual`.

Release machinery is a release tool's configuration file, a release action or task, a release tool command, a
tag-triggered workflow that publishes (GitHub `on: push: tags`, GitLab `$CI_COMMIT_TAG` rules, Azure `trigger:
tags`, a Bitbucket `pipelines: tags:` section, a CircleCI job filtered to tags with every branch ignored, a Drone
or Woodpecker `event: tag`, a Jenkins stage `when { tag "v*" }`; not tags pushed as a deploy button, every
GitHub tag filter naming a deployment such as `dev-deploy-*`, which stay `ci-deploy`), a publish named after the tag the pipeline runs
for (`docker push "$IMAGE:$CI_COMMIT_TAG"`, `$TRAVIS_TAG`, `$CIRCLE_TAG`, ...; whatever gates it), a tag-triggered workflow running a task
runner's target named for releasing or publishing (`make release`, `mise run release:publish`), a semantic-release
or electron-builder run (semantic-release is also a publish unless its readable configuration only tags and writes
notes: `npmPublish: false` or a private package, no release assets), a manual release pipeline with a version input, or a versioned release
script (not a module of a Python package or a `src/` tree, which a tool's code may be). `lerna.json` alone
is a monorepo layout, not release machinery (`lerna publish` in CI still counts).

## Health check (`health-check`)

| where | what counts |
| --- | --- |
| Dockerfile | `HEALTHCHECK` (not `NONE`), unless the image is built `FROM` a backing service |
| compose | `healthcheck:` on a service that is not a backing service (postgres, redis, rabbitmq, elasticsearch, mysql, mongo, kafka, Supabase's self-hosted stack, ...: checking them is not checking the app), by its image or its name, and does not run a backing service's own probe (`pg_isready`, `redis-cli ping`, `mysqladmin ping`: cookiecutter-django builds its own postgres image), or a Traefik load balancer health check in its labels (`traefik.http.services.<name>.loadbalancer.healthcheck.path`, Swarm `deploy.labels` too) |
| Kubernetes | `livenessProbe`, `readinessProbe`, `startupProbe` in a manifest, or anywhere below a Helm chart's `templates/` (a `Chart.yaml` beside it), helper templates (`_helpers.tpl`) included |
| PaaS | `healthCheckPath` (Render), `healthcheckPath` (Railway), `checks` (fly.toml), `liveness_check` (App Engine), `health_checks` (Wasmer Edge `app.yaml`), Dokku `CHECKS`, `app.json` `healthchecks`; AWS Copilot `copilot/*/manifest.yml` of a Load Balanced Web, Backend or Request-Driven Web Service with `healthcheck` under `http` or `image`; Kamal `config/deploy*.yml` with `proxy: healthcheck:` (or a top-level `healthcheck:`) |
| load balancers | Terraform `health_check { ... }` in an `aws_lb_target_group`, `aws_alb_target_group` or `aws_elb` (not with `enabled = false`), GCP `google_compute_*health_check` and Azure `azurerm_lb_probe` resources; CloudFormation/SAM `HealthCheckPath` with an `AWS::ElasticLoadBalancingV2::TargetGroup`; a health check path set in an infrastructure program: SST's `sst.config.ts` (`health: {"80/http": {path: "/v1/health"}}`), a CDK app's stacks in `lib/` and `bin/` beside its `cdk.json` (`healthCheck: {path: ...}`, `configureHealthCheck({path: ...})`, Python's `health_check=elbv2.HealthCheck(path=...)`) |
| platforms in Terraform | App Service `site_config { health_check_path = ... }` (`azurerm_linux_web_app`, `azurerm_windows_web_app`, `azurerm_app_service`), `liveness_probe`/`readiness_probe`/`startup_probe` of `azurerm_container_app`, `google_cloud_run_v2_service` and the Kubernetes provider's workloads (`kubernetes_deployment`, ...), App Runner's `health_check_configuration` |
| Nomad, Consul | a Nomad job's service `check { type = "http" }` (`grpc`, `tcp`, `script`; not `check_restart`) in a `.nomad` or `.hcl` job, a Consul service definition's `check { http = "..." }` |
| gRPC | the gRPC Health Checking Protocol's service: `RegisterHealthServer(...)` (Go), `add_HealthServicer_to_server(...)` (Python), `new HealthStatusManager()` (Java, Kotlin), `MapGrpcHealthChecksService()` (C#) in a router or entry point; `grpcio-health-checking`, `grpc-health-check`, `Grpc.AspNetCore.HealthChecks`, `Grpc.HealthCheck` |
| ECS | a container definition's `healthCheck` (any case): `task-definition.json`, JSON files and templates (`.tpl`, `.json.tpl`) holding `containerDefinitions` or an array of definitions (`essential`, `image`), Terraform `aws_ecs_task_definition`, CloudFormation `AWS::ECS::TaskDefinition` `HealthCheck` |
| Java | Spring Boot actuator (unless the `application.*` settings keep `health` off HTTP: `management.endpoints.web.exposure.include` without it, or `exclude` with it, or health switched off: `management.endpoint.health.enabled=false`, or every endpoint, Boot 1's `endpoints.enabled: false` as Grails 3 writes it, `management.endpoints.enabled-by-default=false`, without health switched back on), Quarkus `quarkus-smallrye-health`, MicroProfile/SmallRye health, Micronaut management, Helidon health; `management.endpoints...health` in `application.*` (dotted, or nested YAML keys exposing `health` or setting `management.endpoint.health.*`), not in a development profile's settings (`application-dev.yaml`, `on-profile: local`); `@GetMapping("/health")`/`@RequestMapping(...)` in any controller; a custom `HealthIndicator` (`implements HealthIndicator`, `extends AbstractHealthIndicator`), `@Liveness`/`@Readiness` |
| .NET | `AspNetCore.HealthChecks`, `MapHealthChecks()`/`UseHealthChecks()` (a bare `AddHealthChecks()` registers checks but serves them at no URL), also in a file named for health checks and their configuration (`HealthCheckConfigs.cs`); a `HealthcheckController` with a route; `[Route("api/ping")]`/`[HttpGet("health")]` in any `*Controller.cs`; a custom `IHealthCheck` |
| Ruby | `health_check`, `okcomputer`, `rails-healthcheck`, `rails/health#show`, a Rack health server (`app/util/health_server.rb`) |
| Elixir | a health plug (`def call(%Plug.Conn{request_path: "/health_check"} ...)`), `plug_checkup`; Phoenix `get "/health", ...` or `forward "/health", ...` in a router |
| Node | `@nestjs/terminus`, `@godaddy/terminus`, `lightship`, `express-healthcheck`; a `/health`, `/healthz`, `/readyz`, `/livez`, `/ping`, `/up` route; NestJS `@Get('health')` in a `*.controller.ts`; a route object of a GET method and a probe path (`createRoute({ method: "get", path: "/ping" })` of `@hono/zod-openapi`, hapi's `server.route`, Fastify's `url:`) |
| file-system routing | a route file whose URL ends in `health`, `healthz`, `healthcheck`, `health-check`, `readyz`, `livez` or `ping` and that exports its handler: Next.js `app/**/health/route.ts` (`GET`/`HEAD`) and `pages/api/health.ts` (default export), SvelteKit `src/routes/**/health/+server.ts` (`GET`/`HEAD`), Nuxt `server/api/health.ts`, `server/routes/health.get.ts` (default export), Remix/React Router `app/routes/healthz.ts`, `api.health.ts` (a `loader`); route groups `(name)`, `index` and pathless `_layout` segments left out. A page (`page.tsx`, `+page.svelte`), a sub-resource (`/api/health/records`) or another method (`POST`) is not one |
| Python, Go, PHP | health libraries per manifest; health routes in routers and entry points, and in a package's `__init__.py` (a Flask app factory); Go 1.22 method patterns (`HandleFunc("GET /healthz", ...)`), a Go route table's entry (`Path: "/ping", Method: http.MethodGet`), its router as deep below `internal/` as a controller |
| Rust | health routes in routers, entry points, `lib.rs` and `mod.rs`; actix-web and Rocket attributes (`#[get("/health")]`) |
| any | a source file named for health checks that defines an endpoint (a route, `[HttpGet]`, a plug, a health string, a Go HTTP handler, a JavaScript one answering with a fetch `Response` or through `res`, `reply` or `ctx`, a Rails action rendering JSON or `head :ok`, a swag `// @Router /healthcheck [get]` annotation, a Python route decorator: FastAPI's `routers/healthcheck.py` with `@router.get("/")`) |
| any | a GET route, whatever its path, that the comment right above it calls a health check (`// Health check` over `app.get('/', ...)`; not `// TODO: add a health check`), or whose decorated function is named for one (`@app.get("/")` over `def health_check(`, `@GetMapping` over `healthCheck()`; not `healthcare_records()`) |
| any | routes in a program at the project root named for the project (Sinatra's `calendar.rb`, Flask's `shop.py`), read after the routers and entry points when they declared none |
| any | in a router or entry point, a handler whose whole reply is a health status (`res.send('healthy')`, `w.Write([]byte("alive"))`, `return {"status": "healthy"}`): a load balancer's target check, on whatever path it probes |

Routes, replies and health modules count in code, not in commented-out lines or a Python docstring's examples, and a framework's own form counts in its own
language's files (`rails/health#show` in Ruby, `MapHealthChecks()` in C#, Laravel's `health: '/up'` in PHP). A route
is not a health check when authentication middleware guards it on its line or a decorator line below it
(`ensureAuthenticated`, `login_required`, `requireAuth`, `passport.authenticate`, `[Authorize]`, ...) or when its handler renders a page (`res.render`,
`render_template`, `render(request, ...)`, `View(...)`; a Django URL pattern whose view, in the `views.py` beside
`urls.py`, renders a template): that is a healthcare page mounted at `/health`; a module
named for health that renders a page is none either. A quoted `/health` is the whole path: `/health-records`,
`/health_tracker` and `/health/records` are resources. Attribute routes (Spring `@GetMapping`, ASP.NET
`[Route]`/`[HttpGet]`, NestJS `@Get`, JAX-RS `@Path`, Rust `#[get]`) name `health`, `healthz`, `healthcheck`,
`readyz`, `livez`, `ready`, `alive` or `ping`, not `status` or `up`; below a controller route of its own (other
than `/api` or `/api/v1`) a method's route is relative to it (`/orders/ping`) and does not count. Program source in a folder named `doc(s)`, `documentation` or
`template(s)` counts when the folder is a project's code: below a `src` folder, or holding (itself or a folder
between it and the file) a project file (`__init__.py`, `*.csproj`, `go.mod`, `Cargo.toml`, `pom.xml`, ...; not a
docs site's `package.json`); below `src/main/java` (Kotlin, Scala, Groovy) folders are package names, so
`com/example/demo` is the application's code, and routers and health modules there are read as deep as controllers
(`src/main/kotlin/com/shop/api/plugins/Routing.kt`).

## Observability (`observability`)

Error tracking, metrics, tracing, APM or structured logging, found in the manifests of every ecosystem: Python
(`pyproject.toml`, `requirements*.txt`, `requirements/*.txt`, `Pipfile`, `setup.*`), npm, go.mod (direct
requires only), Cargo, Maven and Gradle (`pom.xml`, `build.gradle[.kts]`, `libs.versions.toml`), NuGet
(`*.csproj`, `Directory.Packages.props`), composer, Gemfile, mix.exs, pubspec and SwiftPM; plus tool
configuration files (Sentry, New Relic, Datadog, Prometheus, Alertmanager, OpenTelemetry Collector, AppSignal,
Honeybadger), log shipping agents configured to send somewhere (Promtail `clients:`, Fluent Bit `[OUTPUT]`,
Fluentd `<match>`, Filebeat `output.*`, Vector `sinks`, Grafana Alloy `loki.write`/`prometheus.remote_write`;
not a commented-out sample), Sentry's browser SDK loaded from its CDN (`browser.sentry-cdn.com`,
`js.sentry-cdn.com`) by a page template (`index.html`, `base.html`, `application.html.erb`, `_Layout.cshtml`,
`app.blade.php`, `base.html.twig`, a WordPress theme's `header.php`, ...)
or a Sentry-named file, a monitoring backend or agent run as a Compose service beside a service that builds
the application (`prom/prometheus`, `jaegertracing/all-in-one`, `grafana/loki`, `otel/opentelemetry-collector`,
`datadog/agent`, ...; Grafana alone is dashboards), Prometheus `ServiceMonitor`/`PodMonitor`/`PrometheusRule` and alerting rules, agent variables
(`SENTRY_DSN`, `OTEL_EXPORTER_OTLP_ENDPOINT`, `DD_*`, ..., LLM tracing: `LANGFUSE_SECRET_KEY`, LangSmith's `LANGCHAIN_TRACING_V2=true`) in env files, Compose files, platform deploy files and
Kubernetes or Helm container environments, Serverless Framework plugins (Epsagon, Datadog, New Relic, Lumigo,
Sentry, Thundra), and APM agents wrapping or preloaded into the process in a `Procfile`, a Dockerfile or a Compose
file (`newrelic-admin`, `ddtrace-run`, `opentelemetry-instrument`, `node --require dd-trace/init`, a
`-javaagent:` jar of OpenTelemetry, Datadog, New Relic, Elastic, Application Insights, SkyWalking, Pinpoint,
WhaTap, the Prometheus JMX exporter, ...). A family of packages counts by its prefix (`@opentelemetry/sdk-*`,
`OpenTelemetry.*`, `Sentry.*`, composer `open-telemetry/*`, gem `opentelemetry-*`). Dependencies for development
or tests only do not count: npm `devDependencies`, composer `require-dev` and `suggest`, Gradle `test*`
configurations, Maven's `test` scope, `requirements-dev.txt`, Poetry/PDM dev groups and PEP 735
`[dependency-groups]` in `pyproject.toml`; nor do a package's own name in its `pyproject.toml`
or `setup.py`, and dependencies commented out (on their line, or in an XML comment block).

Monitoring declared with the infrastructure counts too: Kubernetes pod annotations that turn on the OpenTelemetry
Operator's auto-instrumentation (`instrumentation.opentelemetry.io/inject-<language>`, not `"false"`) or a
Prometheus scrape (`prometheus.io/scrape: "true"`), CloudFormation and SAM alarms, canaries, Application Insights
and X-Ray resources or `Tracing: Active`, and Terraform monitoring resources (`aws_cloudwatch_metric_alarm`,
`datadog_monitor`, `newrelic_alert_policy`, `google_monitoring_alert_policy`, `azurerm_application_insights`,
`sentry_project`, ...).

Structured logging counts when it is configured: a Serilog JSON formatter in `appsettings.json` (or
`appsettings.Production.json`), a Logback JSON encoder (`LogstashEncoder`, logback's `JsonEncoder`, the ECS
encoder) in `logback.xml`/`logback-spring.xml`, a Log4j 2 JSON layout (`JsonTemplateLayout`, `JsonLayout`,
`EcsLayout`, `GelfLayout`) in `log4j2[-spring].xml|yaml|json|properties`, Go's `slog.NewJSONHandler(...)` or
logrus's `JSONFormatter{}` in a `main.go` or a `logger.go`/`logging.go`/`log.go`, Spring Boot's `logging.structured.format.console|file` in
`application[-prod].properties|yml`, and `tracing-subscriber` with its `json` feature in `Cargo.toml`.

Synthetic and uptime monitoring count too: Upptime (`.upptimerc.yml` with `sites:`), Checkly
(`checkly.config.ts|js|mjs|cjs`), Datadog Synthetics tests (`*.synthetics.json` with `"tests"`), an uptime action
(`upptime/uptime-monitor`, `jtalk/url-health-check-action`, `srt32/uptime`), and a CI pipeline on a timer (a
GitHub/Gitea/Forgejo `schedule:` cron, Azure `schedules:`, a CircleCI scheduled trigger, a GitLab job that runs on
`$CI_PIPELINE_SOURCE == "schedule"`) named for monitoring (the workflow, file, job or called script says synthetic,
uptime, smoke, monitor, healthcheck, probe, status check, heartbeat or availability) whose command requests a URL
(`curl`, `wget`, `http`, `k6 cloud|run`, `checkly test`) or runs a repository script that does (`fetch(`,
`requests.get(`, ...) against a deployed http(s) URL. Not monitoring: localhost, code forges and package
registries (`api.github.com`, `registry.npmjs.org`, ...), scheduled chores (stale issues, CodeQL, dependency
updates, labels), a nightly test run, and a `curl` in a build step that is not on a schedule.

Not observability on their own: loggers that write plain console or file text (NLog, Serilog, log4net,
`tracing-subscriber`, `env_logger`, winston, log4js, loguru, logrus) — they count through a structured formatter
or a shipping sink (`Serilog.Formatting.Compact`, `Serilog.Sinks.Seq`/`Elasticsearch`/`OpenTelemetry`,
`NLog.Targets.Seq`, `tracing-bunyan-formatter`, ...) — a JSON logger library depended on (pino, `pino-http`,
bunyan: often read through `pino-pretty` in a terminal; logging configured for production counts), a Grafana
dashboard file, and product analytics (PostHog's `posthog-node`, page-view trackers).
"""


def _codes(items: Iterable[str]) -> str:
    values = sorted(items) if isinstance(items, frozenset) else list(items)
    return ", ".join(f"`{v}`" for v in values) if values else "-"


def _category(name: str, entry: Entry) -> list[str]:
    rows = [
        ("file names", _codes(entry.names)),
        ("names starting with", _codes(entry.prefixes)),
        ("names containing", _codes(entry.contains)),
        ("extensions", _codes(entry.extensions)),
        ("folders", _codes(entry.folders)),
        ("content checks", entry.content or "-"),
    ]
    out = [f"## `{name}`", "", "| looks at | values |", "| --- | --- |"]
    out += [f"| {label} | {value} |" for label, value in rows if value != "-"]
    return [*out, ""]


def render() -> str:
    lines = [
        _INTRO,
        "## Folders that are not the project's own code",
        "",
        "Files below these folders are never evidence about the project (the one shared set).",
        "",
        "| kind | folders |",
        "| --- | --- |",
        f"| vendored | {_codes(VENDORED_FOLDERS)} |",
        f"| generated | {_codes(GENERATED_FOLDERS)}, `*.dist-info` |",
        f"| fixtures | {_codes(FIXTURE_FOLDERS)}, `fixtures` below {_codes(FIXTURE_PARENTS)} |",
        *(
            f"| build output | {_codes(children)} directly below `{parent}/` |"
            for parent, children in BUILD_OUTPUT_BELOW.items()
        ),
        f"| examples (at the repository root) | {_codes(EXAMPLE_ROOT_FOLDERS)} |",
        "",
        "## Auxiliary and test folders",
        "",
        "| kind | folders (any case) |",
        "| --- | --- |",
        f"| auxiliary: counted, but never deploy or configure the project | "
        f"{_codes(AUXILIARY_FOLDERS)}, `{{{{...}}}}` |",
        f"| tests | {_codes(TEST_FOLDERS)} |",
        f"| application source roots (throwaway domain words below them are product code) | "
        f"{_codes(SOURCE_ROOT_FOLDERS)} |",
        f"| generated program files (neither source nor tests) | {_codes(GENERATED_SUFFIXES)} |",
        "",
    ]
    for category, entry in BY_CATEGORY.items():
        lines += _category(str(category), entry)
    lines += [_CONTENT, "## CI catalogue", "", markdown_tables()]
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
