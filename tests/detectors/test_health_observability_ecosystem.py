"""Health endpoints in code, observability in every manifest syntax, and their context."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Files, Signals, categories, of

CONTROLLER = """\
using Microsoft.AspNetCore.Mvc;

namespace App.Controllers
{
    [Route("health")]
    public class HealthcheckController : Controller
    {
        [HttpGet]
        public IActionResult Health() => Ok();
    }
}
"""
PLUG = """\
defmodule AppWeb.HealthCheck do
  import Plug.Conn

  def init(opts), do: opts

  def call(%Plug.Conn{request_path: "/health_check"} = conn, _opts) do
    conn |> send_resp(200, "") |> halt()
  end
end
"""
RUBY_SERVER = """\
module App
  class HealthServer
    def call(env)
      if env["PATH_INFO"] == "/health"
        [200, {}, ["OK"]]
      end
    end
  end
end
"""


@pytest.mark.parametrize(
    "files",
    [
        {"src/App/Controllers/HealthcheckController.cs": CONTROLLER},
        {"lib/app_web/health_check.ex": PLUG},
        {"app/util/health_server.rb": RUBY_SERVER},
        {
            "pom.xml": "<project><dependencies><dependency><groupId>io.quarkus</groupId>"
            "<artifactId>quarkus-smallrye-health</artifactId></dependency></dependencies></project>"
        },
    ],
)
def test_health_endpoints_in_code(signals: Signals, files: Files) -> None:
    assert "health-check" in categories(signals(files))


def test_a_health_named_file_without_an_endpoint_is_not_one(signals: Signals) -> None:
    found = signals({"app/models/health_record.rb": "class HealthRecord < ApplicationRecord\nend\n"})
    assert "health-check" not in categories(found)


def test_backing_service_health_checks_are_not_the_apps(signals: Signals) -> None:
    found = signals(
        {
            "docker/redis/Dockerfile": "FROM redis:7\nHEALTHCHECK CMD redis-cli ping\n",
            "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n    healthcheck:\n"
            '      test: ["CMD", "pg_isready"]\n  web:\n    build: .\n',
        }
    )
    assert "health-check" not in categories(found)
    app = signals({"Dockerfile": "FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost/health\n"})
    assert "health-check" in categories(app)
    # a broker published under its vendor's name (Confluent's cp-kafka)
    broker = (
        "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.4.0\n    healthcheck:\n"
        '      test: ["CMD", "kafka-broker-api-versions", "--bootstrap-server", "localhost:9092"]\n'
        "  api:\n    build: .\n"
    )
    assert "health-check" not in categories(signals({"docker-compose.yml": broker}))
    # Supabase's self-hosted stack checks its own services (Studio, Kong), not the app
    supabase = (
        "services:\n  studio:\n    image: supabase/studio:2025.05.19-sha-3487831\n    healthcheck:\n"
        '      test: ["CMD", "node", "-e", "fetch(\'http://studio:3000/api/platform/profile\')"]\n'
        '  kong:\n    image: kong:2.8.1\n    healthcheck:\n      test: ["CMD", "kong", "health"]\n'
        "  api:\n    build: ./API\n"
    )
    assert "health-check" not in categories(signals({"docker-compose.override.yml": supabase}))


@pytest.mark.parametrize(
    "files",
    [
        {"go.mod": "module x\n\nrequire (\n\tgithub.com/epsagon/epsagon-go v1.37.0\n)\n"},
        # Go's manifests before modules: dep's Gopkg.toml and Glide's glide.yaml
        {"Gopkg.toml": '[[constraint]]\n  name = "github.com/prometheus/client_golang"\n  version = "0.9.0"\n'},
        {"glide.yaml": "package: example.com/gateway\nimport:\n- package: github.com/getsentry/sentry-go\n"},
        {"pom.xml": "<artifactId>micrometer-tracing</artifactId>"},
        {"requirements/production.txt": "raven==6.1.0\n"},
        {"Procfile": "web: newrelic-admin run-program gunicorn app:app\n"},
        {"serverless.yml": "service: api\nprovider:\n  name: aws\nplugins:\n  - serverless-plugin-datadog\n"},
        {
            "App.csproj": '<Project><ItemGroup><PackageReference Include="Serilog.Sinks.Seq" Version="8.0.0" />'
            "</ItemGroup></Project>"
        },
        # Seq's own provider for Microsoft.Extensions.Logging ships the logs to a Seq server
        {
            "Api/Api.csproj": '<Project><ItemGroup><PackageReference Include="Seq.Extensions.Logging" Version="6.0.0" />'
            "</ItemGroup></Project>"
        },
    ],
)
def test_observability_in_every_manifest_syntax(signals: Signals, files: Files) -> None:
    assert "observability" in categories(signals(files))


@pytest.mark.parametrize(
    "files",
    [
        {
            "App.csproj": '<Project><ItemGroup><PackageReference Include="NLog" Version="5.0.0" />'
            '<PackageReference Include="Serilog.AspNetCore" Version="8.0.0" /></ItemGroup></Project>'
        },
        {"Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\ntracing-subscriber = "0.3"\n'},
        {"package.json": '{"dependencies": {"winston": "^3.0.0"}}'},
        # a JSON logger library alone (pino, bunyan; pino-pretty beside it for reading it in a
        # terminal): logging is not configured for production by depending on it
        {"package.json": '{"dependencies": {"pino": "^9.4.0", "pino-http": "^10.0.0", "pino-pretty": "^11.0.0"}}'},
        {"package.json": '{"dependencies": {"bunyan": "^1.8.15"}}'},
        {"grafana/dashboards/overview.json": '{"title": "Overview", "panels": []}'},
    ],
)
def test_text_logging_and_a_dashboard_alone_are_not_observability(signals: Signals, files: Files) -> None:
    assert "observability" not in categories(signals(files))


def test_health_signal_points_at_the_endpoint(signals: Signals) -> None:
    hit = of(signals({"lib/app_web/health_check.ex": PLUG}), "health-check")[0]
    assert hit.path == "lib/app_web/health_check.ex" and hit.line == 6


#: A Python module whose docstrings show health routes as examples, and one route of its own.
DOCUMENTED = (
    '"""Helpers for web apps.\n\nUsage::\n\n    @app.route("/health")\n    def health():\n        return "ok"\n"""\n'
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "def mount(router):\n    '''Adds ``path(\"healthz/\", views.probe)`` to ``router``.'''\n    return router\n"
)


def test_a_route_in_a_python_docstring_declares_nothing(signals: Signals) -> None:
    assert "health-check" not in categories(signals({"app.py": DOCUMENTED}))
    real = DOCUMENTED + '\n\n@app.get("/healthz")\ndef healthz():\n    return {"status": "ok"}\n'
    hits = of(signals({"app.py": real}), "health-check")
    assert [(h.path, h.line) for h in hits] == [("app.py", real[: real.index('@app.get("/healthz")')].count("\n") + 1)]
    unclosed = '"""Example: @app.route("/health")\n'  # an unclosed string runs to the end
    assert "health-check" not in categories(signals({"app.py": unclosed}))


def test_serverless_framework_service_is_infrastructure_code(signals: Signals) -> None:
    found = signals({"serverless.yml": "service: api\nprovider:\n  name: aws\n"})
    assert "iac" in categories(found) and "paas" not in categories(found)


@pytest.mark.parametrize(
    "path",
    [
        "terraform/env/prod/backend-prod.tfbackend",
        "infra/backend-prod.tfbackend",
        "infra/us_production.tfvars",
        "infra/prod.auto.tfvars",
    ],
)
def test_terraform_variables_and_backends_named_for_production_are_production_config(
    signals: Signals, path: str
) -> None:
    hits = [s.path for s in of(signals({path: 'bucket = "acme-tf-state"\n'}), "prod-config")]
    assert hits == [path]


@pytest.mark.parametrize("path", ["infra/product.tfvars", "infra/backend-preprod.tfbackend", "infra/staging.tfbackend"])
def test_terraform_files_for_other_environments_are_not_production_config(signals: Signals, path: str) -> None:
    assert "prod-config" not in categories(signals({path: 'bucket = "acme-tf-state"\n'}))


@pytest.mark.parametrize("path", ["production.env", "envs/prod.env", ".env.prd", ".env-production", ".env_prod"])
def test_dotenv_files_named_for_production_in_compose_style_are_production_config(signals: Signals, path: str) -> None:
    found = signals({path: "DATABASE_URL=postgres://shop@db.shop.internal:5432/shop\nDEBUG=0\n"})
    assert [(s.path, s.detail) for s in of(found, "prod-config")] == [
        (path, f"production dotenv file {path.rsplit('/', 1)[-1]}")
    ]
    local = signals({path: "API_URL=http://localhost:8080/\n"})
    assert "prod-config" not in categories(local)
    assert "prod-config" not in categories(signals({"envs/preprod.env": "A=1\n", "envs/product.env": "A=1\n"}))
    assert "prod-config" not in categories(signals({".env-product": "A=1\n", ".env-local": "DEBUG=0\n"}))
    # a browser-test suite's production.env: the account it logs in with, no service settings
    accounts = signals({"production.env": "USERNAME=shopper\nPASSWORD=s3cret\nFIRSTNAME=Ann\n"})
    assert "prod-config" not in categories(accounts)


def test_prod_dotenv_pointing_at_localhost_is_not_production_config(signals: Signals) -> None:
    local = signals({"e2e/env/.env.prod": "BASEURL = http://localhost:8080/\nBROWSER = chrome\n"})
    assert "prod-config" not in categories(local)
    real = signals({".env.production": "API_URL=https://api.example.com\nDEBUG=false\n"})
    assert "prod-config" in categories(real)
    # the user and password before the host do not make a local database remote
    local_db = signals({".env.production": "DATABASE_URL=postgres://shop:s3cret@localhost:5432/shop\n"})
    assert "prod-config" not in categories(local_db)
    remote_db = signals({".env.production": "DATABASE_URL=postgres://shop:s3cret@db.shop.internal:5432/shop\n"})
    assert "prod-config" in categories(remote_db)
    # Laravel's ``env:encrypt`` and SOPS keep the production file encrypted: it is still that file
    for name in (".env.production.encrypted", ".env.prod.enc"):
        encrypted = signals({name: "eyJpdiI6IkZ2ZXJ5bG9uZ2Jhc2U2NCIsInZhbHVlIjoiLi4uIn0=\n"})
        assert [s.path for s in of(encrypted, "prod-config")] == [name]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("routes/index.js", "router.get('/', function(req, res, next) {\n  res.send('healthy')\n});\n"),
        (
            "main.go",
            'package main\n\nfunc root(w http.ResponseWriter, r *http.Request) {\n\tw.Write([]byte("alive"))\n}\n',
        ),
        ("app/main.py", '@app.get("/")\ndef root():\n    return {"status": "healthy"}\n'),
    ],
)
def test_a_handler_replying_only_with_a_health_status_is_a_health_check(signals: Signals, path: str, text: str) -> None:
    """A load balancer's target check often probes "/": the reply, not the path, says it is one."""
    hits = [(s.path, s.line, s.detail) for s in of(signals({path: text}), "health-check")]
    line = 1 + text[: text.index("healthy" if "healthy" in text else "alive")].count("\n")
    assert hits == [(path, line, "route replying with a health status")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("routes/index.js", "router.get('/', (req, res) => res.send('ok'));\n"),
        (
            "routes/index.js",
            "const state = 'healthy';\nrouter.get('/', (req, res) => res.render('home', { state }));\n",
        ),
        ("lib/report.js", "module.exports = () => res.send('healthy');\n"),
    ],
)
def test_other_replies_and_files_that_route_nothing_are_not_health_checks(
    signals: Signals, path: str, text: str
) -> None:
    assert "health-check" not in categories(signals({path: text}))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("app/main.py", '# @app.get("/health")\n# def health():\n#     return {"status": "healthy"}\n'),
        ("routes/index.js", "// router.get('/healthz', (req, res) => res.send('ok'));\n"),
        ("config/routes.py", 'ROUTES = ["rails/health#show"]  # a Python file declares no Rails route\n'),
        ("Program.py", "# builder.Services.AddHealthChecks();\nservices = []\n"),
        ("src/health.py", '# def health(): return "/healthz"\nVALUE = 1\n'),
        ("Program.cs", "var builder = WebApplication.CreateBuilder(args);\n// builder.Services.AddHealthChecks();\n"),
        # registered checks that no endpoint serves
        (
            "Api/Startup.cs",
            "services.AddHealthChecks()\n    .AddDbContextCheck<ShopDbContext>();\nservices.AddCors();\n",
        ),
    ],
)
def test_commented_out_routes_and_other_languages_framework_forms_are_not_health_checks(
    signals: Signals, path: str, text: str
) -> None:
    assert "health-check" not in categories(signals({path: text}))


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("config/routes.rb", 'Rails.application.routes.draw do\n  get "up" => "rails/health#show"\nend\n', 2),
        ("Program.cs", 'var app = builder.Build();\napp.MapHealthChecks("/healthz");\n', 2),
        ("bootstrap/app.php", "<?php\nreturn Application::configure()\n    ->withRouting(health: '/up');\n", 3),
        ("routes/index.js", "const routes = {\n  '/': (req, res) => res.send('healthy'),\n};\n", 2),
    ],
)
def test_framework_health_routes_count_in_their_own_language(signals: Signals, path: str, text: str, line: int) -> None:
    assert [s.line for s in of(signals({path: text}), "health-check")] == [line]


def test_observability_across_manifest_formats(signals: Signals) -> None:
    cases = {
        "mix.exs": 'defp deps do\n  [\n    {:phoenix, "~> 1.7"},\n    {:prometheus_plugs, "~> 1.1"}\n  ]\nend\n',
        "ios/Podfile": "platform :ios, '16.0'\ntarget 'App' do\n  pod 'Sentry'\nend\n",
        "app/build.gradle": "dependencies {\n    implementation 'com.google.firebase:firebase-crashlytics-ktx:18.4.2'\n}\n",
        "requirements.txt": "fastapi==0.110.0\nopentelemetry-instrumentation-fastapi==0.45b0\n",
        "deploy/otelcol-config.yml": "receivers:\n  otlp: {}\nexporters:\n  debug: {}\nservice:\n  pipelines: {}\n",
    }
    lines = {"mix.exs": 4, "ios/Podfile": 3, "app/build.gradle": 2, "requirements.txt": 2}
    for path, text in cases.items():
        (hit,) = of(signals({path: text}), "observability")
        assert (hit.path, hit.line) == (path, lines.get(path)), hit


def test_quarkus_json_logging_switched_off_logs_plain_text(signals: Signals) -> None:
    pom = "<project>\n  <dependencies>\n    <dependency>\n      <groupId>io.quarkus</groupId>\n"
    pom += "      <artifactId>quarkus-logging-json</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n"
    properties = "quarkus.http.port=8080\nquarkus.log.console.json.enabled=false\n"
    off = {"api/pom.xml": pom, "api/src/main/resources/application.properties": properties}
    assert "observability" not in categories(signals(off))
    (hit,) = of(signals({"api/pom.xml": pom}), "observability")
    assert hit.detail == "depends on quarkus-logging-json"
    for text in (properties + "%prod.quarkus.log.console.json.enabled=true\n", "%dev.quarkus.log.console.json=false\n"):
        found = signals({**off, "api/src/main/resources/application.properties": text})
        assert [s.detail for s in of(found, "observability")] == ["depends on quarkus-logging-json"], text


def test_android_crash_reporting_before_firebase_and_beside_it(signals: Signals) -> None:
    """Fabric's Crashlytics (before Firebase took it over), App Center Crashes and Instabug report
    an Android app's crashes, as Firebase Crashlytics does."""
    for dependency in (
        "implementation('com.crashlytics.sdk.android:crashlytics:2.9.1@aar') { transitive = true }",
        "implementation 'com.microsoft.appcenter:appcenter-crashes:5.0.4'",
        "implementation 'com.instabug.library:instabug:12.1.0'",
    ):
        gradle = f"apply plugin: 'com.android.application'\n\ndependencies {{\n    {dependency}\n}}\n"
        (hit,) = of(signals({"app/build.gradle": gradle}), "observability")
        assert (hit.path, hit.line) == ("app/build.gradle", 4), dependency


def test_commented_out_dependencies_are_not_observability(signals: Signals) -> None:
    found = signals(
        {
            "requirements.txt": "flask==3.0\n# opentelemetry-api==1.32.0\n#sentry-sdk\n",
            "mix.exs": '[\n  # {:sentry, "~> 10.0"},\n  {:jason, "~> 1.4"}\n]\n',
            "otel/notes.yaml": "receivers: []\n",
        }
    )
    assert "observability" not in categories(found)


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        (
            "src/api/routes.rs",
            'use actix_web::get;\n\n#[get("/health")]\nasync fn health() -> &str {\n    "ok"\n}\n',
            3,
        ),
        (
            "src/lib.rs",
            'pub fn app() -> Router {\n    Router::new().route("/health", get(|| async { "ok" }))\n}\n',
            2,
        ),
        (
            "backend/main.go",
            'func main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc("GET /healthz", ready)\n}\n',
            3,
        ),
        (  # a probe's kind below the health path
            "backend/app/main.py",
            'app = FastAPI()\n\n@app.get("/health/live")\nasync def live():\n    return {"status": "ok"}\n',
            3,
        ),
        (  # a FastAPI router whose every route is under a health prefix
            "app/routes/system.py",
            'from fastapi import APIRouter\nrouter = APIRouter(prefix="/health", tags=["health"])\n\n'
            '@router.get("")\nasync def health():\n    return {"status": "ok"}\n',
            2,
        ),
        (
            "app/main.py",
            'app = FastAPI()\napp.include_router(api.router, prefix="/api/v1")\napp.include_router(system.router, prefix="/healthz")\n',
            3,
        ),
        (  # a root route its author files under "health" in the API's documentation
            "src/main.py",
            'app = FastAPI()\n\n@app.get("/", tags=["Health"])\nasync def root():\n    return {"status": "online"}\n',
            3,
        ),
        (  # a Flask blueprint, declared in its views module
            "app/main/views.py",
            'bp = Blueprint("system", __name__, url_prefix="/healthz")\n\n@bp.route("/")\ndef health():\n    return "ok"\n',
            1,
        ),
        (  # a module of operational endpoints (a Sanic blueprint)
            "insanic/monitor.py",
            'bp = Blueprint("monitor")\n\n\n@bp.route("/health/")\ndef health_check(request):\n    return json({})\n',
            4,
        ),
        (  # a Go service wires its routes in the file of its HTTP transport
            "internal/server/http.go",
            'package server\n\nfunc (s *Server) routes() {\n\ts.router.Get("/health", s.handleHealth())\n}\n',
            4,
        ),
        (
            "lib/shop_web/router.ex",
            'defmodule ShopWeb.Router do\n  scope "/api", ShopWeb do\n    get "/health", HealthController, :check\n'
            "  end\nend\n",
            3,
        ),
        (
            "lib/shop_web/router.ex",
            'defmodule ShopWeb.Router do\n  scope "/" do\n    get("/health", Health.Controller, :index)\n  end\nend\n',
            3,
        ),
        ("lib/shop_web/router.ex", 'defmodule ShopWeb.Router do\n  forward "/healthz", ShopWeb.HealthPlug\nend\n', 2),
        (
            "src/main/java/com/example/demo/controller/HelloController.java",
            '@RestController\npublic class HelloController {\n    @GetMapping("/health")\n'
            '    public String health() { return "UP"; }\n}\n',
            3,
        ),
        (
            "src/main/java/com/acme/web/StatusController.java",
            '@RestController\nclass StatusController {\n  @RequestMapping(value = "/healthz", method = GET)\n'
            '  String ok() { return "ok"; }\n}\n',
            3,
        ),
        (
            "Api/Controllers/PingController.cs",
            '[ApiController]\n[Route("api/ping")]\npublic class PingController : ControllerBase\n{\n'
            '    [HttpGet]\n    public IActionResult Ping() => Ok("pong");\n}\n',
            2,
        ),
        (
            "routes/index.js",
            "router.get('/healthz', (req, res) => res.send('ok'));\nrouter.get('/', (req, res) => res.render('home'));\n",
            1,
        ),
        (
            "src/main/java/com/acme/web/OpsController.java",
            '@RestController\n@RequestMapping("/api/v1")\nclass OpsController {\n  @GetMapping("/healthz")\n'
            '  String ok() { return "ok"; }\n}\n',
            4,
        ),
        ("src/app.controller.ts", "@Controller()\nexport class AppController {\n  @Get('healthz')\n  ok() {}\n}\n", 3),
        (  # a Spring endpoint class
            "api/src/main/java/petadoption/api/endpoint/PingEndpoint.java",
            '@RestController\npublic class PingEndpoint {\n    @GetMapping("/ping")\n'
            '    public String ping() {\n        return "pong!";\n    }\n}\n',
            3,
        ),
        (
            "shop/__init__.py",
            "from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n\n"
            "    @app.route('/healthz')\n    def healthz():\n        return 'ok'\n\n    return app\n",
            6,
        ),
        # a server named for its part of the application
        ("backend/auth-server.js", "const app = express();\napp.get('/api/health', (req, res) => res.json({}));\n", 2),
        ("api_server.py", "app = FastAPI()\n\n@app.get('/healthz')\ndef healthz():\n    return {}\n", 3),
        # a routes file named for what it sets up
        (
            "src/routers-setting.ts",
            "app.get('/health', (req, res) => {\n  res.status(200).send({message: 'health'})\n})\n",
            1,
        ),
    ],
)
def test_routes_in_every_router_syntax_and_in_crate_package_and_controller_files(
    signals: Signals, path: str, text: str, line: int
) -> None:
    assert [(s.path, s.line) for s in of(signals({path: text}), "health-check")] == [(path, line)]


@pytest.mark.parametrize(
    "files",
    [
        {  # a service named Documentation, below src/
            "src/Services/Documentation/Docs.Api/Docs.Api.csproj": "<Project></Project>\n",
            "src/Services/Documentation/Docs.Api/Program.cs": 'var app = builder.Build();\napp.MapHealthChecks("/health");\n',
        },
        {  # a Python package named template
            "template/__init__.py": "def create_app():\n    @app.route('/healthz')\n    def healthz():\n        return 'ok'\n",
        },
    ],
)
def test_code_in_folders_named_like_docs_or_templates_is_the_projects_when_it_is_a_project(
    signals: Signals, files: Files
) -> None:
    assert "health-check" in categories(signals(files))


@pytest.mark.parametrize(
    "files",
    [
        {"docs/package.json": "{}\n", "docs/server.js": "app.get('/health', (req, res) => res.send('ok'));\n"},
        {"template/app.py": "@app.route('/healthz')\ndef healthz():\n    return 'ok'\n"},
        {"examples/api/src/main/java/Health.java": '@GetMapping("/health")\nString ok() { return "ok"; }\n'},
    ],
)
def test_docs_sites_templates_and_examples_stay_auxiliary(signals: Signals, files: Files) -> None:
    assert "health-check" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "src/main/java/com/acme/config/DbHealthIndicator.java",
            "@Component\npublic class DbHealthIndicator implements HealthIndicator {\n"
            "    public Health health() { return Health.up().build(); }\n}\n",
        ),
        (
            "src/main/java/com/acme/config/QueueHealth.java",
            "@Component\nclass QueueHealth extends AbstractHealthIndicator {\n"
            "    protected void doHealthCheck(Health.Builder b) { b.up(); }\n}\n",
        ),
        ("Api/Checks/DatabaseHealthCheck.cs", "public class DatabaseHealthCheck : IHealthCheck\n{\n}\n"),
        # ASP.NET's health middleware registered in a configuration class of its own, deep in a layered layout
        (
            "src/Shop.Web/Configurations/HealthCheck/HealthCheckConfigs.cs",
            "public static class HealthCheckConfigs\n{\n    public static IApplicationBuilder UseHealthCheckConfigs("
            'this IApplicationBuilder app)\n    {\n        app.UseHealthChecks("/api/v1/health/liveness");\n'
            "        return app;\n    }\n}\n",
        ),
    ],
)
def test_custom_health_indicators_are_health_checks(signals: Signals, path: str, text: str) -> None:
    assert [s.detail for s in of(signals({path: text}), "health-check")] == ["health endpoint module"]


@pytest.mark.parametrize(
    "files",
    [
        {  # a healthcare page behind a login, mounted at /health
            "app.js": "const healthRouter = require('./routes/health');\n"
            "app.use('/health', oidc.ensureAuthenticated(), healthRouter);\n",
            "routes/health.js": "const router = express.Router();\n"
            "router.get('/', (req, res) => {\n  res.render(\"health\", { user: req.user });\n});\n",
        },
        {"routes/index.js": "router.get('/health', (req, res) => {\n  res.render('health');\n});\n"},
        {"app.py": "@app.route('/health')\ndef health():\n    return render_template('health.html')\n"},
        {"app.py": "@app.route('/health')\n@login_required\ndef health():\n    return jsonify(current_user.vitals)\n"},
        {"routes/index.js": "router.get('/health', requireAuth, (req, res) => res.json(req.user.health));\n"},
        {"routes/health.js": "router.get('/health-records', list);\nrouter.post('/health-tips', add);\n"},
        {"app/health_tracker.py": "@app.get('/health_tracker')\ndef tracker():\n    return rows\n"},
        {"app/health_views.py": "urlpatterns = [path('/health/records', records)]\n"},
        {"Api/Controllers/StatusController.cs": '[Route("api/status")]\npublic class StatusController {}\n'},
        {"src/routes.rs": '// #[get("/health")]\nfn unused() {}\n'},
        {  # a ping below a controller route of its own: /api/secure/ping
            "src/main/java/com/acme/SecureController.java": '@RestController\n@RequestMapping("/api/secure")\n'
            'public class SecureController {\n  @GetMapping("/ping")\n  String ping() { return "ok"; }\n}\n'
        },
        {  # a resource's status, relative to the controller's own path
            "src/main/java/com/acme/OrderController.java": '@RequestMapping("/orders")\nclass OrderController {\n'
            '  @GetMapping("/status")\n  String status() { return "open"; }\n}\n'
        },
    ],
)
def test_healthcare_pages_logins_and_health_named_resources_are_not_health_checks(
    signals: Signals, files: Files
) -> None:
    assert "health-check" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text", "detail"),
    [
        (
            "app/api/health/route.ts",
            "import { NextResponse } from 'next/server';\n\nexport async function GET() {\n"
            "  return NextResponse.json({ ok: true });\n}\n",
            "Next.js file-system route /api/health (GET handler)",
        ),
        (
            "src/app/(ops)/healthz/route.js",
            "export const GET = () => new Response('ok');\n",
            "Next.js file-system route /healthz (GET handler)",
        ),
        (
            "pages/api/health.ts",
            "export default function handler(req, res) {\n  res.status(200).json({ ok: true });\n}\n",
            "Next.js file-system route /api/health (default handler)",
        ),
        (
            "src/routes/api/health/+server.ts",
            "export const GET: RequestHandler = () => new Response('ok');\n",
            "SvelteKit file-system route /api/health (GET handler)",
        ),
        (
            "server/api/health.get.ts",
            "export default defineEventHandler(() => ({ ok: true }));\n",
            "Nuxt file-system route /api/health (default handler)",
        ),
        (
            "server/routes/ping.ts",
            "export default defineEventHandler(() => 'pong');\n",
            "Nuxt file-system route /ping (default handler)",
        ),
        (
            "app/routes/healthz.ts",
            "export async function loader() {\n  return new Response('ok');\n}\n",
            "Remix file-system route /healthz (loader handler)",
        ),
        (
            "app/routes/api.health.ts",
            "export const loader = async () => json({ ok: true });\n",
            "Remix file-system route /api/health (loader handler)",
        ),
    ],
)
def test_file_system_routes_serving_a_health_url_are_health_checks(
    signals: Signals, path: str, text: str, detail: str
) -> None:
    assert [(s.path, s.detail) for s in of(signals({path: text}), "health-check")] == [(path, detail)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("app/health/page.tsx", "export default function Page() {\n  return <h1>Your health</h1>;\n}\n"),
        ("app/api/health/records/route.ts", "export async function GET() {\n  return Response.json(rows);\n}\n"),
        ("app/api/health/route.ts", "export async function POST(req) {\n  return Response.json(await save(req));\n}\n"),
        ("app/routes/health.tsx", "export default function Health() {\n  return <Dashboard />;\n}\n"),
        ("src/routes/health/+page.svelte", "<h1>Health</h1>\n"),
        ("docs/app/api/health/route.ts", "export async function GET() {\n  return Response.json({ ok: true });\n}\n"),
    ],
)
def test_pages_sub_resources_and_other_methods_of_file_system_routes_are_not(
    signals: Signals, path: str, text: str
) -> None:
    assert "health-check" not in categories(signals({path: text}))


TARGET_GROUP = """\
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"

  health_check {
    path    = "/up"
    matcher = "200"
  }
}
"""
ECS_CONTAINERS = """\
[
  {
    "name": "${name}",
    "image": "${image}",
    "essential": true,
    "healthcheck": {
      "command": ["CMD-SHELL", "curl -f http://localhost:${port}/ || exit 1"]
    }
  }
]
"""
HELM_HELPER = """\
{{- define "app.probes" -}}
livenessProbe:
  httpGet:
    path: /healthz
    port: http
{{- end -}}
"""
COPILOT = """\
name: api
type: Load Balanced Web Service
http:
  path: '/'
  healthcheck: '/healthz'
image:
  build: Dockerfile
  port: 8080
"""
KAMAL = """\
service: shop
image: acme/shop
servers:
  web:
    - 10.0.0.1
proxy:
  host: shop.example.com
  healthcheck:
    path: /up
"""
WASMER = """\
kind: wasmer.io/App.v0
name: shop
package: .
health_checks:
  - http:
      path: /healthz
"""
CFN = """\
Resources:
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
      HealthCheckPath: /health
      VpcId: !Ref Vpc
"""


@pytest.mark.parametrize(
    ("files", "path", "line", "detail"),
    [
        ({"infra/alb.tf": TARGET_GROUP}, "infra/alb.tf", 6, "load balancer health_check (aws_lb_target_group)"),
        (
            {"infra/lb.tf": 'resource "google_compute_health_check" "web" {\n  http_health_check {\n  }\n}\n'},
            "infra/lb.tf",
            1,
            "load balancer health check (google_compute_health_check)",
        ),
        (
            {
                "infra/ecs.tf": 'resource "aws_ecs_task_definition" "app" {\n  container_definitions = jsonencode([{\n'
                '    name = "app"\n    healthCheck = { command = ["CMD-SHELL", "true"] }\n  }])\n}\n'
            },
            "infra/ecs.tf",
            4,
            "ECS container healthCheck (Terraform)",
        ),
        ({"cfn/stack.yaml": CFN}, "cfn/stack.yaml", 6, "CloudFormation TargetGroup HealthCheckPath"),
        (
            {"tf/container_definitions.tpl": ECS_CONTAINERS},
            "tf/container_definitions.tpl",
            6,
            "ECS container healthCheck",
        ),
        (
            {
                "deploy/chart/Chart.yaml": "apiVersion: v2\nname: app\n",
                "deploy/chart/templates/_helpers.tpl": HELM_HELPER,
            },
            "deploy/chart/templates/_helpers.tpl",
            2,
            "Kubernetes livenessProbe (Helm template)",
        ),
        (
            {"Chart.yaml": "apiVersion: v2\nname: app\n", "templates/probes.yaml": HELM_HELPER},
            "templates/probes.yaml",
            2,
            "Kubernetes livenessProbe",
        ),
        (
            {"copilot/api/manifest.yml": COPILOT},
            "copilot/api/manifest.yml",
            5,
            "AWS Copilot http.healthcheck (Load Balanced Web Service)",
        ),
        ({"config/deploy.yml": KAMAL}, "config/deploy.yml", 8, "Kamal healthcheck (deploy.yml)"),
        ({"app.yaml": WASMER}, "app.yaml", 4, "platform health check (health_checks)"),
        (
            {"task-definition.json": ECS_CONTAINERS},
            "task-definition.json",
            6,
            "platform health check (healthCheck)",
        ),
    ],
)
def test_load_balancer_container_platform_and_helm_helper_health_checks(
    signals: Signals, files: Files, path: str, line: int, detail: str
) -> None:
    assert [(s.path, s.line, s.detail) for s in of(signals(files), "health-check")] == [(path, line, detail)]


SST_SERVICE = """export default $config({
  async run() {
    new sst.aws.Service("Api", {
      cluster,
      loadBalancer: {
        ports: [{ listen: "80/http" }],
        health: {
          "80/http": { path: "/v1/health", interval: "30 seconds" },
        },
      },
    });
  },
});
"""
CDK_STACK = """fargate.targetGroup.configureHealthCheck({
  path: "/health",
});
"""
CDK_PYTHON_STACK = """listener.add_targets(
    "Api",
    port=80,
    health_check=elbv2.HealthCheck(path="/healthz"),
)
"""


@pytest.mark.parametrize(
    ("files", "path", "line"),
    [
        ({"deploy/sst.config.ts": SST_SERVICE}, "deploy/sst.config.ts", 7),
        ({"infra/cdk.json": "{}", "infra/lib/api-stack.ts": CDK_STACK}, "infra/lib/api-stack.ts", 1),
        ({"cdk.json": "{}", "lib/api_stack.py": CDK_PYTHON_STACK}, "lib/api_stack.py", 4),
    ],
)
def test_a_load_balancer_health_check_path_in_an_infrastructure_program(
    signals: Signals, files: Files, path: str, line: int
) -> None:
    """SST and the CDK set the load balancer's health check in code: the path it probes is the
    service's health endpoint, wherever the route itself is declared."""
    (hit,) = of(signals(files), "health-check")
    assert (hit.path, hit.line, hit.detail) == (path, line, "load balancer health check path")


def test_an_infrastructure_program_without_a_health_path_or_outside_a_cdk_app(signals: Signals) -> None:
    """A program that sets no probe path declares no check, and a TypeScript file that is no CDK
    stack (no ``cdk.json`` beside its ``lib/``) is not read as one."""
    bare = SST_SERVICE.replace('"80/http": { path: "/v1/health", interval: "30 seconds" },', "")
    assert "health-check" not in categories(signals({"sst.config.ts": bare, "lib/api-stack.ts": CDK_STACK}))


FLY_V1 = """app = "shop-api"

[[services]]
  http_checks = []
  internal_port = 8080
  protocol = "tcp"
  script_checks = []

  [[services.ports]]
    port = 443
"""
FLY_TCP = (
    FLY_V1
    + """
  [[services.tcp_checks]]
    interval = "15s"
    timeout = "2s"
"""
)
FLY_HTTP_SERVICE = """app = "shop-api"

[http_service]
  internal_port = 8080

  [[http_service.checks]]
    method = "GET"
    path = "/healthz"
"""
FLY_MACHINES = """app = "shop-worker"

[checks]
  [checks.alive]
    type = "tcp"
    port = 8080
"""


@pytest.mark.parametrize(
    ("text", "line", "detail"),
    [
        (FLY_HTTP_SERVICE, 6, "platform health check (http_service.checks)"),
        (FLY_MACHINES, 3, "platform health check (checks)"),
        (FLY_TCP, 12, "platform health check (services.tcp_checks)"),
    ],
)
def test_fly_checks_are_reported_where_they_are_declared(signals: Signals, text: str, line: int, detail: str) -> None:
    assert [(s.path, s.line, s.detail) for s in of(signals({"fly.toml": text}), "health-check")] == [
        ("fly.toml", line, detail)
    ]


NAIS_PROBED = """apiVersion: "nais.io/v1alpha1"
kind: "Application"
metadata:
  name: "orders"
spec:
  image: {{image}}
  port: 8080
  liveness:
    path: "/internal/isalive"
    initialDelay: 10
  readiness:
    path: "/internal/isready"
"""


def test_nais_application_probes_are_health_checks(signals: Signals) -> None:
    found = of(signals({".nais/app.yaml": NAIS_PROBED}), "health-check")
    assert [(s.path, s.line, s.detail) for s in found] == [(".nais/app.yaml", 8, "NAIS liveness probe")]


def test_a_probe_with_its_handler_outside_a_kubernetes_resource(signals: Signals) -> None:
    """A chart's values or a platform's service descriptor writes the probe Kubernetes gets."""
    descriptor = (
        "services:\n  private:\n    - name: api\n      readinessProbe:\n        # the platform's router\n"
        "        httpGet:\n          path: /readyz\n          port: 8080\n"
    )
    found = of(signals({".d13.staging.yaml": descriptor}), "health-check")
    assert [(s.line, s.detail) for s in found] == [(4, "readinessProbe with httpGet")]
    values = "livenessProbe:\n  tcpSocket:\n    port: http\n"
    assert of(signals({"chart/values.yaml": values}), "health-check")
    # a switch or an empty setting is no probe, nor is a handler that belongs to another key
    for text in (
        "livenessProbe:\n  enabled: false\n",
        "livenessProbe: {}\nhttpGet:\n  path: /\n",
        "readinessProbe:\nhttpGet:\n  path: /\n",
    ):
        assert "health-check" not in categories(signals({"chart/values.yaml": text})), text


def test_a_charts_values_probe_counts_when_a_template_renders_it(signals: Signals) -> None:
    """``helm create`` writes probes into ``values.yaml``; a chart whose templates were rewritten
    without them never gives a pod those probes."""
    values = "replicaCount: 1\nservice:\n  port: 80\nlivenessProbe:\n  httpGet:\n    path: /\n    port: http\n"
    bare = (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n"
    )
    chart = {"chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n", "chart/values.yaml": values}
    unused = {**chart, "chart/templates/deployment.yaml": bare + "          ports: [{containerPort: 80}]\n"}
    assert "health-check" not in categories(signals(unused))
    rendered = "          livenessProbe:\n            {{- toYaml .Values.livenessProbe | nindent 12 }}\n"
    found = of(signals({**chart, "chart/templates/deployment.yaml": bare + rendered}), "health-check")
    assert ("chart/values.yaml", 4, "livenessProbe with httpGet") in [(s.path, s.line, s.detail) for s in found]
    # a probe nested in a value a template renders whole, and a chart that only configures its dependencies
    nested = "app:\n  livenessProbe:\n    httpGet:\n      path: /healthz\n      port: 8080\n"
    whole = bare + "          {{- toYaml .Values.app | nindent 10 }}\n"
    nested_chart = {**chart, "chart/values.yaml": nested, "chart/templates/deployment.yaml": whole}
    assert "health-check" in categories(signals(nested_chart))
    assert "health-check" in categories(signals(chart))


def test_probe_words_outside_a_nais_application_are_no_health_check(signals: Signals) -> None:
    unprobed = NAIS_PROBED.split("  liveness:")[0]
    values = "replicaCount: 2\nliveness:\n  enabled: true\nserver:\n  readiness:\n    enabled: false\n"
    assert "health-check" not in categories(signals({".nais/app.yaml": unprobed, "chart/values.yaml": values}))


NAIS_MONITORED = """apiVersion: nais.io/v1alpha1
kind: Application
metadata:
  name: orders
spec:
  image: {{image}}
  prometheus:
    enabled: true
    path: /internal/metrics
  observability:
    autoInstrumentation:
      enabled: true
      runtime: java
"""


def test_nais_application_metrics_and_tracing_are_observability(signals: Signals) -> None:
    found = of(signals({".nais/app.yaml": NAIS_MONITORED}), "observability")
    assert [(s.line, s.detail) for s in found] == [(7, "NAIS Prometheus metrics")]
    tracing = NAIS_MONITORED.replace("    enabled: true\n    path", "    enabled: false\n    path")
    found = of(signals({".nais/app.yaml": tracing}), "observability")
    assert [(s.line, s.detail) for s in found] == [(11, "NAIS OpenTelemetry tracing")]


def test_monitoring_switched_off_or_outside_a_nais_application_is_none(signals: Signals) -> None:
    off = NAIS_MONITORED.replace("enabled: true", "enabled: false")
    values = "prometheus:\n  enabled: true\nserviceMonitor:\n  interval: 30s\n"
    assert "observability" not in categories(signals({".nais/app.yaml": off, "chart/values.yaml": values}))


def test_the_empty_check_lists_fly_launch_writes_are_no_health_check(signals: Signals) -> None:
    assert "health-check" not in categories(signals({"fly.toml": FLY_V1}))


@pytest.mark.parametrize(
    "files",
    [
        {"infra/alb.tf": TARGET_GROUP.replace('path    = "/up"', "enabled = false")},
        {"infra/alb.tf": TARGET_GROUP.replace("aws_lb_target_group", "aws_route53_record")},
        {"infra/containers.json": ECS_CONTAINERS.replace('"essential": true,\n', "").replace('"image"', '"tag"')},
        {"templates/_helpers.tpl": HELM_HELPER},  # no chart: a template of something else
        {"copilot/api/manifest.yml": COPILOT.replace("healthcheck: '/healthz'", "alias: api.example.com")},
        {"copilot/job/manifest.yml": "name: job\ntype: Scheduled Job\nimage:\n  healthcheck:\n    command: [true]\n"},
        {"config/deploy.yml": KAMAL.replace("  healthcheck:\n    path: /up\n", "")},
        {"cfn/stack.yaml": CFN.replace("ElasticLoadBalancingV2::TargetGroup", "Route53::HealthCheck")},
    ],
)
def test_disabled_checks_other_resources_and_files_outside_their_platform_are_not(
    signals: Signals, files: Files
) -> None:
    assert "health-check" not in categories(signals(files))


def test_monitoring_configured_in_a_platform_deploy_file(signals: Signals) -> None:
    kamal = "service: shop\nimage: acme/shop\nenv:\n  clear:\n    RAILS_ENV: production\n  secret:\n    - SENTRY_DSN\n"
    (hit,) = of(signals({"config/deploy.yml": kamal}), "observability")
    assert (hit.path, hit.line, hit.detail) == ("config/deploy.yml", 7, "configures SENTRY_DSN")


def test_liveness_and_readiness_routes_count_below_a_prefix(signals: Signals) -> None:
    app = (
        "from flask import Flask\napp = Flask(__name__)\n\n"
        "@app.route('/probe/liveness')\ndef liveness():\n    return 'I am doing well'\n"
    )
    (hit,) = of(signals({"backend/app.py": app, "requirements.txt": "flask\n"}), "health-check")
    assert (hit.path, hit.line) == ("backend/app.py", 4)
    ready = "app.get('/readiness', (req, res) => res.sendStatus(200));\n"
    assert "health-check" in categories(signals({"server.js": ready}))
    # a resource's own health or status below a prefix is not the service's probe
    resource = "router.get('/patients/health', show);\nrouter.get('/orders/status', list);\n"
    assert "health-check" not in categories(signals({"routes/index.js": resource}))


def test_django_url_patterns_without_a_leading_slash(signals: Signals) -> None:
    urls = (
        "from django.urls import path\n\nurlpatterns = [\n"
        "    path('admin/', admin.site.urls),\n"
        '    path("health-check/", lambda request: HttpResponse("ok")),\n'
        "]\n"
    )
    (hit,) = of(signals({"config/urls.py": urls}), "health-check")
    assert (hit.path, hit.line) == ("config/urls.py", 5)
    records = urls.replace('"health-check/"', '"health-records/"')
    assert "health-check" not in categories(signals({"config/urls.py": records}))


def test_a_monitoring_variable_left_empty_configures_nothing(signals: Signals) -> None:
    unset = "SENTRY_DSN=\nDD_API_KEY=[FILL_ME_IN]\n"
    assert "observability" not in categories(signals({"config/.env.build": unset}))
    compose = "services:\n  web:\n    build: .\n    environment:\n      SENTRY_DSN: ${SENTRY_DSN}\n"
    assert [s.line for s in of(signals({"docker-compose.yml": compose}), "observability")] == [5]


def test_llm_tracing_turned_on_or_wired_is_observability(signals: Signals) -> None:
    """An LLM application's tracing: LangSmith's switch turned on, Langfuse's keys, or Langfuse's
    SDK; LangSmith's API key alone also serves the LangChain Hub, and a switch left off traces nothing."""
    env = "OPENAI_API_KEY=<your key>\nLANGCHAIN_API_KEY=<your key>\nLANGCHAIN_TRACING_V2=true\n"
    (hit,) = of(signals({".env.example": env}), "observability")
    assert (hit.path, hit.line, hit.detail) == (".env.example", 3, "configures LANGCHAIN_TRACING_V2")
    compose = "services:\n  api:\n    build: .\n    environment:\n      LANGSMITH_TRACING: 'true'\n"
    assert [s.line for s in of(signals({"compose.yaml": compose}), "observability")] == [5]
    langfuse = "LANGFUSE_SECRET_KEY=sk-lf-1\nLANGFUSE_HOST=https://cloud.langfuse.com\n"
    assert [s.line for s in of(signals({"api/.env.sample": langfuse}), "observability")] == [1]
    assert [s.path for s in of(signals({"requirements.txt": "langchain\nlangfuse==2.60\n"}), "observability")] == [
        "requirements.txt"
    ]
    off = "LANGCHAIN_API_KEY=lsv2_pt_x\nLANGCHAIN_TRACING_V2=false\nLANGSMITH_TRACING=\n"
    assert "observability" not in categories(signals({".env.example": off, "requirements.txt": "langsmith\n"}))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('package main\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Use(middleware.Heartbeat("/ping"))\n}\n', 5),
        ("package server\n\nfunc (s *Server) routes() {\n\trouter.Use(rest.RealIP, rest.Ping, logger)\n}\n", 4),
        ("package main\n\nfunc main() {\n\tapp := fiber.New()\n\tapp.Use(healthcheck.New())\n}\n", 5),
    ],
)
def test_go_middleware_that_answers_a_health_url_is_a_health_check(signals: Signals, text: str, line: int) -> None:
    """chi's Heartbeat, go-pkgz/rest's Ping and Fiber's healthcheck middleware serve the URL themselves."""
    hits = [(s.path, s.line) for s in of(signals({"cmd/server/main.go": text}), "health-check")]
    assert hits == [("cmd/server/main.go", line)]


def test_a_go_client_pinging_a_service_is_not_a_health_check(signals: Signals) -> None:
    text = (
        'package main\n\nfunc main() {\n\tif err := rest.Ping(ctx, "http://db"); err != nil {\n\t\tpanic(err)\n\t}\n}\n'
    )
    assert "health-check" not in categories(signals({"cmd/server/main.go": text}))


RAILS_GENERATED = """require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.enable_reloading = false
  config.public_file_server.headers = { "cache-control" => "public, max-age=#{1.year.to_i}" }
  # config.asset_host = "http://assets.example.com"
  config.log_level = ENV.fetch("RAILS_LOG_LEVEL", "info")
  config.silence_healthcheck_path = "/up"
  config.action_mailer.default_url_options = { host: "example.com" }
end
"""
PHOENIX_GENERATED = """import Config

config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"
config :swoosh, api_client: Swoosh.ApiClient.Finch, finch_name: Shop.Finch
config :logger, level: :info
"""

#: The stage file ``cap install`` writes: every line a comment.
SAILS_GENERATED = """/**
 * Production environment settings
 */
module.exports = {
  datastores: {
    default: {
      // url: 'mysql://user:password@host:port/database',
    },
  },
  models: { migrate: 'safe' },
  custom: { baseUrl: 'https://example.com', internalEmailAddress: 'support@example.com' },
};
"""
CAPISTRANO_GENERATED = """# server-based syntax
# server "example.com", user: "deploy", roles: %w{app db web}

# role :app, %w{deploy@example.com}
"""
NAIS_APP = """apiVersion: nais.io/v1alpha1
kind: Application
metadata:
  name: orders
  namespace: shop
spec:
  image: {{image}}
  replicas:
    min: 2
"""


@pytest.mark.parametrize(
    ("path", "text", "detail"),
    [
        (".nais/prod-gcp.yaml", NAIS_APP, "NAIS production manifest prod-gcp.yaml"),
        (
            "nais/orders-prod.yml",
            "ingresses:\n  - https://orders.intern.acme.no\n",
            "NAIS production manifest orders-prod.yml",
        ),
        (
            "config/deploy.production.yml",
            "servers:\n  web:\n    - 10.0.4.12\nproxy:\n  host: shop.acme.io\n",
            "Kamal production destination deploy.production.yml",
        ),
        (
            "config/deploy/production.rb",
            'server "10.0.4.12", user: "deploy", roles: %w{app db web}\n',
            "Capistrano production stage production.rb",
        ),
        (
            "apphosting.production.yaml",
            "env:\n  - variable: API_URL\n    value: https://api.shop.acme.io\n",
            "Firebase App Hosting production environment apphosting.production.yaml",
        ),
    ],
)
def test_a_deploy_tools_production_environment_file_is_production_configuration(
    signals: Signals, path: str, text: str, detail: str
) -> None:
    found = signals({path: text})
    assert [(s.path, s.detail) for s in of(found, "prod-config")] == [(path, detail)]
    assert "scaffold-prod-config" not in categories(found)


def test_other_environments_of_a_deploy_tool_are_not_production_configuration(signals: Signals) -> None:
    files = {
        ".nais/dev-gcp.yaml": NAIS_APP,
        ".nais/nais.yaml": NAIS_APP,
        ".nais/products.yaml": NAIS_APP,
        "config/deploy.staging.yml": "servers:\n  web:\n    - 10.0.4.13\n",
        "config/deploy/staging.rb": 'server "10.0.4.13", roles: %w{app}\n',
        "apphosting.emulator.yaml": "env:\n  - variable: API_URL\n    value: http://localhost:8080\n",
        "deploy/prod-notes.md": "The production cluster is managed elsewhere.\n",
    }
    assert "prod-config" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("config/environments/production.rb", RAILS_GENERATED),
        ("config/prod.exs", PHOENIX_GENERATED),
        ("src/environments/environment.prod.ts", "export const environment = {\n  production: true\n};\n"),
        ("config/deploy/production.rb", CAPISTRANO_GENERATED),
        ("config/env/production.js", SAILS_GENERATED),
        (
            "app/config/config_prod.yml",
            "imports:\n    - { resource: config.yml }\n\nmonolog:\n    handlers:\n        main:\n"
            "            type: fingers_crossed\n            action_level: error\n",
        ),
    ],
)
def test_a_frameworks_generated_production_environment_is_marked_as_generated(
    signals: Signals, path: str, text: str
) -> None:
    found = signals({path: text})
    assert [s.path for s in of(found, "prod-config")] == [path]
    assert [s.path for s in of(found, "scaffold-prod-config")] == [path]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("config/environments/production.rb", RAILS_GENERATED.replace('"example.com"', '"shop.acme.io"')),
        ("config/prod.exs", PHOENIX_GENERATED + 'config :shop, ShopWeb.Endpoint, url: [host: "shop.acme.io"]\n'),
        (
            "src/environments/environment.prod.ts",
            "export const environment = {\n  production: true,\n  apiUrl: 'https://api.acme.io/v1'\n};\n",
        ),
        ("config/env/production.js", SAILS_GENERATED.replace("https://example.com", "https://shop.acme.io")),
    ],
)
def test_a_production_environment_naming_a_real_host_is_not_marked_as_generated(
    signals: Signals, path: str, text: str
) -> None:
    found = signals({path: text})
    assert [s.path for s in of(found, "prod-config")] == [path]
    assert "scaffold-prod-config" not in categories(found)


def test_a_healthcheck_in_a_compose_file_under_a_name_of_its_own_is_a_health_check(signals: Signals) -> None:
    """A Docker Swarm stack file is a Compose file: its app service's healthcheck counts."""
    stack = (
        "version: '3.8'\nservices:\n  web:\n    image: acme/shop:1.4\n    healthcheck:\n"
        "      test: ['CMD', 'curl', '-f', 'http://localhost:8000/healthz']\n    deploy:\n      replicas: 3\n"
    )
    hits = [(s.path, s.line) for s in of(signals({"deploy/stack.yml": stack}), "health-check")]
    assert hits == [("deploy/stack.yml", 5)]


def test_a_module_with_health_among_other_words_is_no_health_endpoint_module(signals: Signals) -> None:
    """``health_infra.py``, ``healthcare_records.py``: named for something else that has health in it."""
    text = 'HEALTH_BLOCK = r"^health_check[ \\t]*\\{"\n\ndef health_check(block):\n    return block\n'
    for path in ("app/health_infra.py", "app/healthcare_records.py"):
        assert "health-check" not in categories(signals({path: text})), path
    assert [s.detail for s in of(signals({"app/health_check.py": text}), "health-check")] == ["health endpoint module"]


def test_a_laravel_route_to_a_health_url_is_a_health_check(signals: Signals) -> None:
    routes = "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::get('/health', fn () => response()->json(['ok' => true]));\n"
    hits = [(s.path, s.line) for s in of(signals({"routes/api.php": routes}), "health-check")]
    assert hits == [("routes/api.php", 5)]
    other = routes.replace("/health", "/healthcare/clinics")
    assert "health-check" not in categories(signals({"routes/api.php": other}))


@pytest.mark.parametrize(
    ("path", "text", "name"),
    [
        ("composer.json", '{"require": {"php": ">=8.2", "sentry/sdk": "^4.0"}}', "sentry/sdk"),
        ("composer.json", '{"require": {"open-telemetry/opentelemetry-auto-slim": "^1.0"}}', None),
        ("composer.json", '{"require": {"laravel/framework": "^11.0", "laravel/pulse": "^1.7"}}', "laravel/pulse"),
        ("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\ngem 'prometheus_exporter'\n", "prometheus_exporter"),
        ("Gemfile", "gem 'opentelemetry-exporter-otlp'\n", "opentelemetry-exporter-otlp"),
        (
            "Gemfile",
            "source 'https://rubygems.org'\ngem 'rails'\ngem 'exception_notification'\n",
            "exception_notification",
        ),
        ("package.json", '{"dependencies": {"@opentelemetry/sdk-trace-node": "^1.25.0"}}', None),
        ("package.json", '{"dependencies": {"express": "^4", "hot-shots": "^10.0.0"}}', "hot-shots"),
        ("web/package.json", '{"dependencies": {"@grafana/faro-web-sdk": "^1.10.0"}}', "@grafana/faro-web-sdk"),
        (
            "Api/Api.csproj",
            '<Project><ItemGroup><PackageReference Include="Sentry.Serilog" /></ItemGroup></Project>',
            None,
        ),
        ("Web/packages.config", '<packages>\n  <package id="Sentry" version="4.0.0" />\n</packages>\n', "Sentry"),
        ("go.mod", "module acme/api\n\ngo 1.22\n\nrequire github.com/DataDog/datadog-go/v5 v5.5.0\n", None),
        ("layer/requirements.txt", "aws-lambda-powertools==2.26.0\nboto3\n", "aws-lambda-powertools"),
        (
            "pyproject.toml",
            '[tool.poetry.dependencies]\nstructlog = "^24.1"\n\n[tool.poetry.group.test.dependencies]\npytest = "*"\n',
            "structlog",
        ),
        ("build.gradle", "dependencies {\n    implementation 'co.elastic.apm:apm-agent-attach:1.44.0'\n}\n", None),
        ("mix.exs", 'defp deps do\n  [\n    {:logger_json, "~> 7.0"}\n  ]\nend\n', "logger_json"),
        (
            "mix.exs",
            'defp deps do\n  [{:phoenix, "~> 1.7"}, {:appsignal_phoenix, "~> 2.0"}]\nend\n',
            "appsignal_phoenix",
        ),
        ("mix.exs", 'defp deps do\n  [\n    {:rollbax, ">= 0.0.0"}\n  ]\nend\n', "rollbax"),
    ],
)
def test_monitoring_packages_and_package_families_in_every_ecosystem(
    signals: Signals, path: str, text: str, name: str | None
) -> None:
    (hit,) = of(signals({path: text}), "observability")
    assert hit.path == path
    if name is not None:
        assert hit.detail == f"depends on {name}"


@pytest.mark.parametrize(
    "files",
    [
        {"package.json": '{"dependencies": {"chalk": "^5"}, "devDependencies": {"pino": "^8", "@sentry/node": "^8"}}'},
        {"composer.json": '{"require": {"psr/log": "^3"}, "require-dev": {"sentry/sentry": "^4"}}'},
        {"composer.json": '{"require": {"psr/log": "^3"}, "require-dev": {"laravel/pulse": "^1.7"}}'},
        {"composer.json": '{"require": {"psr/log": "^3"}, "suggest": {"sentry/sentry": "To report errors"}}'},
        {
            "build.gradle": "dependencies {\n    testImplementation 'io.opentelemetry:opentelemetry-sdk-testing:1.32.0'\n}\n"
        },
        {
            "pom.xml": "<project><dependencies>\n<dependency>\n  <groupId>io.opentelemetry</groupId>\n"
            "  <artifactId>opentelemetry-sdk-testing</artifactId>\n  <scope>test</scope>\n</dependency>\n"
            "</dependencies></project>\n"
        },
        {"requirements.txt": "django\n", "requirements-dev.txt": "sentry-sdk\n"},
        {
            "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.12"\n\n'
            '[tool.poetry.group.dev.dependencies]\nstructlog = "^24.1"\n\n[build-system]\nrequires = ["poetry-core"]\n'
        },
        {"pyproject.toml": '[project]\nname = "app"\ndependencies = []\n\n[dependency-groups]\ndev = ["sentry-sdk"]\n'},
    ],
)
def test_dependencies_for_development_or_tests_only_are_not_observability(signals: Signals, files: Files) -> None:
    assert "observability" not in categories(signals(files))


@pytest.mark.parametrize(
    "files",
    [
        {"pyproject.toml": '[project]\nname = "structlog"\ndependencies = []\n'},
        {
            "setup.py": 'from setuptools import setup\n\nsetup(\n    name="sentry-sdk",\n    install_requires=["certifi"],\n)\n'
        },
        {
            "pom.xml": "<project><dependencies>\n  <!--\n  <dependency>\n    <groupId>io.sentry</groupId>\n"
            "    <artifactId>sentry-spring-boot-starter</artifactId>\n  </dependency>\n  -->\n</dependencies></project>\n"
        },
    ],
)
def test_a_packages_own_name_and_a_commented_out_xml_block_are_not_observability(
    signals: Signals, files: Files
) -> None:
    assert "observability" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text", "line", "detail"),
    [
        (
            "Dockerfile",
            'FROM python:3.12-slim\nRUN pip install .\nCMD ["opentelemetry-instrument", "python", "-m", "app"]\n',
            3,
            "runs under opentelemetry-instrument",
        ),
        (
            "Dockerfile",
            'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-javaagent:/otel/opentelemetry-javaagent.jar",'
            ' "-jar", "/app.jar"]\n',
            3,
            "runs under the opentelemetry-javaagent Java agent",
        ),
        (  # the OpenTelemetry agent saved under a shorter name
            "Dockerfile",
            "FROM eclipse-temurin:21-jre AS otel\nRUN curl -fsSL -o /otel-javaagent.jar https://github.com/open-telemetry/"
            "opentelemetry-java-instrumentation/releases/download/v2.26.1/opentelemetry-javaagent.jar\n"
            'FROM eclipse-temurin:21-jre\nCOPY --from=otel /otel-javaagent.jar otel-javaagent.jar\nENTRYPOINT ["java", \\\n'
            '    "-javaagent:otel-javaagent.jar", \\\n    "-jar", "app.jar"]\n',
            6,
            "runs under the otel-javaagent Java agent",
        ),
        (
            "api/Dockerfile",
            'FROM node:20-slim\nCOPY . .\nCMD ["node", "--require", "dd-trace/init", "server.js"]\n',
            3,
            "runs under dd-trace/init",
        ),
        (
            "docker-compose.yml",
            "services:\n  api:\n    build: .\n    environment:\n"
            "      JAVA_TOOL_OPTIONS: -javaagent:/agents/dd-java-agent.jar\n",
            5,
            "runs under the dd-java-agent Java agent",
        ),
    ],
)
def test_apm_agents_loaded_by_a_dockerfile_or_compose_file(
    signals: Signals, path: str, text: str, line: int, detail: str
) -> None:
    (hit,) = of(signals({path: text}), "observability")
    assert (hit.path, hit.line, hit.detail) == (path, line, detail)


@pytest.mark.parametrize(
    "text",
    [
        'FROM python:3.12-slim\n# CMD ["ddtrace-run", "gunicorn", "app:app"]\nCMD ["gunicorn", "app:app"]\n',
        'FROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-javaagent:/opt/lombok.jar", "-jar", "/app.jar"]\n',
        'FROM node:20-slim\nCMD ["node", "--require", "dotenv/config", "server.js"]\n',
    ],
)
def test_commented_agents_and_other_java_agents_or_preloads_are_not_observability(signals: Signals, text: str) -> None:
    assert "observability" not in categories(signals({"Dockerfile": text}))


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: acme/api:1.0
          env:
            - name: LOG_LEVEL
              value: info
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: http://otel-collector.observability:4317
"""


def test_monitoring_variables_in_a_kubernetes_container_environment(signals: Signals) -> None:
    (hit,) = of(signals({"k8s/api.yaml": DEPLOYMENT}), "observability")
    assert (hit.path, hit.line, hit.detail) == ("k8s/api.yaml", 14, "configures OTEL_EXPORTER_OTLP_ENDPOINT")
    empty = DEPLOYMENT.replace("http://otel-collector.observability:4317", '""')
    assert "observability" not in categories(signals({"k8s/api.yaml": empty}))


SERILOG_JSON = """\
{
  "Serilog": {
    "MinimumLevel": "Information",
    "WriteTo": [
      { "Name": "Console", "Args": { "formatter": "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact" } }
    ]
  }
}
"""
LOGBACK_JSON = """\
<configuration>
  <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
    <encoder class="net.logstash.logback.encoder.LogstashEncoder"/>
  </appender>
  <root level="INFO"><appender-ref ref="JSON"/></root>
</configuration>
"""


@pytest.mark.parametrize(
    ("path", "text", "line", "detail"),
    [
        ("src/Api/appsettings.json", SERILOG_JSON, 5, "Serilog JSON log formatter"),
        (  # a shared settings file, its logs sent to a monitoring service
            "src/movie-api/appsettings.Common.json",
            '{\n  "Serilog": {\n    "WriteTo": [\n      { "Name": "Console" },\n'
            '      { "Name": "Sentry", "Args": { "MinimumEventLevel": "Error" } }\n    ]\n  }\n}\n',
            5,
            "Serilog writing to Sentry",
        ),
        ("src/main/resources/logback-spring.xml", LOGBACK_JSON, 3, "Logback JSON encoder"),
        ("src/main/resources/logback-json.xml", LOGBACK_JSON, 3, "Logback JSON encoder"),
        (
            "src/main/resources/application.properties",
            "spring.application.name=shop\nlogging.structured.format.console=ecs\n",
            2,
            "Spring Boot structured logging",
        ),
        (
            "src/main/resources/application.yml",
            "spring:\n  application:\n    name: shop\nlogging:\n  structured:\n    format:\n      console: logstash\n",
            5,
            "Spring Boot structured logging",
        ),
        (
            "Cargo.toml",
            '[package]\nname = "api"\n\n[dependencies]\ntracing-subscriber = { version = "0.3", features = ["env-filter", "json"] }\n',
            5,
            "tracing-subscriber with JSON output",
        ),
    ],
)
def test_structured_logging_configured_in_the_applications_settings(
    signals: Signals, path: str, text: str, line: int, detail: str
) -> None:
    (hit,) = of(signals({path: text}), "observability")
    assert (hit.path, hit.line, hit.detail) == (path, line, detail)


@pytest.mark.parametrize(
    "files",
    [
        {
            "appsettings.json": '{"Serilog": {"WriteTo": [{"Name": "Console", "Args": {"outputTemplate": "{Message}"}}]}}'
        },
        {"appsettings.Development.json": SERILOG_JSON},
        # Seq on the developer's machine, in the development settings
        {"src/Api/appsettings.Development.json": '{"Serilog": {"WriteTo": [{"Name": "Seq"}]}}'},
        {
            "src/main/resources/logback-spring.xml": LOGBACK_JSON.replace("<encoder", "<!-- <encoder").replace(
                "/>\n  </app", "/> -->\n  </app"
            )
        },
        {
            "src/main/resources/logback.xml": '<configuration><appender class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%msg</pattern></encoder></appender></configuration>'
        },
        # the test suite's Logback configuration
        {"src/test/resources/logback-test.xml": LOGBACK_JSON},
        # the encoder's library with no Logback configuration naming it: plain text logs
        {
            "build.gradle": "dependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n"
            "    implementation 'net.logstash.logback:logstash-logback-encoder:7.4'\n}\n"
        },
        {
            "Cargo.toml": '[dependencies]\ntracing-subscriber = { version = "0.3", features = ["env-filter"] }\nserde_json = "1"\n'
        },
    ],
)
def test_plain_text_logging_settings_are_not_structured_logging(signals: Signals, files: Files) -> None:
    assert "observability" not in categories(signals(files))


INSTRUMENTED = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    metadata:
      annotations:
        instrumentation.opentelemetry.io/inject-java: "true"
    spec:
      containers:
        - name: orders
          image: acme/orders:2.1
"""


@pytest.mark.parametrize(
    ("path", "text", "line", "detail"),
    [
        ("k8s/orders.yaml", INSTRUMENTED, 9, "pod annotation instrumentation.opentelemetry.io/inject-java"),
        (
            "k8s/orders.yaml",
            INSTRUMENTED.replace("instrumentation.opentelemetry.io/inject-java", "prometheus.io/scrape"),
            9,
            "pod annotation prometheus.io/scrape",
        ),
        (
            "template.yaml",
            "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    Tracing: Active\n",
            5,
            "CloudFormation X-Ray active tracing",
        ),
        (
            "cfn/alarms.yml",
            "Resources:\n  Errors:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      MetricName: Errors\n",
            3,
            "CloudFormation AWS::CloudWatch::Alarm",
        ),
        (
            "infra/monitoring.tf",
            'resource "aws_sns_topic" "alerts" {\n  name = "alerts"\n}\n\n'
            'resource "aws_cloudwatch_metric_alarm" "errors" {\n  alarm_name = "api-5xx"\n}\n',
            5,
            "Terraform aws_cloudwatch_metric_alarm",
        ),
    ],
)
def test_monitoring_declared_in_kubernetes_cloudformation_and_terraform(
    signals: Signals, path: str, text: str, line: int, detail: str
) -> None:
    (hit,) = of(signals({path: text}), "observability")
    assert (hit.path, hit.line, hit.detail) == (path, line, detail)


@pytest.mark.parametrize(
    "files",
    [
        {"k8s/orders.yaml": INSTRUMENTED.replace('inject-java: "true"', "inject-java: 'false'")},
        {
            "k8s/orders.yaml": INSTRUMENTED.replace(
                'instrumentation.opentelemetry.io/inject-java: "true"', 'prometheus.io/scrape: "false"'
            )
        },
        {"template.yaml": "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Tracing: PassThrough\n"},
        {
            "infra/main.tf": '# resource "aws_cloudwatch_metric_alarm" "cpu" {\n# }\nresource "aws_instance" "web" {\n}\n'
        },
    ],
)
def test_disabled_instrumentation_and_commented_or_unrelated_resources_are_not_monitoring(
    signals: Signals, files: Files
) -> None:
    assert "observability" not in categories(signals(files))


def test_a_django_health_url_whose_view_renders_a_page_is_a_site_section(signals: Signals) -> None:
    urls = (
        "from django.urls import path\nfrom . import views\n\nurlpatterns = [\n"
        "    path('science/', views.science, name='science'),\n"
        "    path('health/', views.{view}, name='health'),\n"
        "]\n"
    )
    views = (
        "from django.http import JsonResponse\nfrom django.shortcuts import render\n\n\n"
        "def science(request):\n    return render(request, 'science.html')\n\n\n"
        "def health(request):\n    return render(request, 'faculty/health.html', {'staff': staff()})\n\n\n"
        "class HealthCheck(View):\n    def get(self, request):\n        return JsonResponse({'status': 'ok'})\n"
    )
    site = signals({"college/urls.py": urls.format(view="health"), "college/views.py": views})
    assert "health-check" not in categories(site)
    check = signals({"college/urls.py": urls.format(view="HealthCheck.as_view()"), "college/views.py": views})
    assert [(s.path, s.line) for s in of(check, "health-check")] == [("college/urls.py", 6)]
    # a view defined elsewhere (no views.py beside urls.py) keeps the route
    assert "health-check" in categories(signals({"site/urls.py": urls.format(view="health")}))


def test_a_django_health_url_including_the_projects_own_patterns(signals: Signals) -> None:
    """``path("api/health/", include("health.urls"))`` is a check only when the included module
    answers that URL itself; a library's module (django-health-check's) is not in the project."""
    root = (
        "from django.urls import include, path\n\nurlpatterns = [\n    path('api/health/', include('{module}')),\n]\n"
    )
    quiz = "from django.urls import path\nfrom . import views\n\nurlpatterns = [\n    path('quiz/', views.quiz),\n]\n"
    probe = "from django.urls import path\nfrom . import views\n\nurlpatterns = [\n    path('', views.ping),\n]\n"
    project = {"backend/backend/urls.py": root.format(module="health.urls")}
    assert "health-check" not in categories(signals({**project, "backend/health/urls.py": quiz}))
    found = signals({**project, "backend/health/urls.py": probe})
    assert [(s.path, s.line) for s in of(found, "health-check")] == [("backend/backend/urls.py", 4)]
    library = signals({"backend/backend/urls.py": root.format(module="health_check.urls")})
    assert [(s.path, s.line) for s in of(library, "health-check")] == [("backend/backend/urls.py", 4)]


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        (
            "cmd/server/main.go",
            "package main\n\nfunc main() {\n\ts := grpc.NewServer()\n"
            "\tgrpc_health_v1.RegisterHealthServer(s, health.NewServer())\n}\n",
            5,
        ),
        (
            "server.py",
            "server = grpc.server(executor)\nhealth_pb2_grpc.add_HealthServicer_to_server(health.HealthServicer(), "
            "server)\n",
            2,
        ),
        (
            "src/main/java/com/shop/orders/Server.java",
            "class Server {\n  void start() {\n    HealthStatusManager health = new HealthStatusManager();\n  }\n}\n",
            3,
        ),
        (
            "Program.cs",
            "var app = builder.Build();\napp.MapGrpcService<OrderService>();\napp.MapGrpcHealthChecksService();\n",
            3,
        ),
    ],
)
def test_a_grpc_health_service_is_a_health_check(signals: Signals, path: str, text: str, line: int) -> None:
    (hit,) = of(signals({path: text}), "health-check")
    assert (hit.path, hit.line, hit.detail) == (path, line, "gRPC health service")


def test_a_grpc_client_asking_another_service_for_its_health_is_not_one(signals: Signals) -> None:
    client = "package main\n\nfunc main() {\n\tc := grpc_health_v1.NewHealthClient(conn)\n\tc.Check(ctx, req)\n}\n"
    assert "health-check" not in categories(signals({"cmd/probe/main.go": client}))


def test_grpc_health_libraries_in_manifests(signals: Signals) -> None:
    found = signals({"requirements.txt": "grpcio==1.62.0\ngrpcio-health-checking==1.62.0\n"})
    assert [s.detail for s in of(found, "health-check")] == ["health-check module grpcio-health-checking"]


NOMAD_JOB = """\
job "orders" {
  datacenters = ["dc1"]
  group "api" {
    task "server" {
      driver = "docker"
      service {
        name = "orders"
        port = "http"
        check {
          type     = "%s"
          path     = "/healthz"
          interval = "10s"
          timeout  = "2s"
        }
      }
    }
  }
}
"""


def test_nomad_and_consul_service_checks(signals: Signals) -> None:
    (job,) = of(signals({"deploy/orders.nomad": NOMAD_JOB % "http"}), "health-check")
    assert (job.line, job.detail) == (9, "Nomad service check (http)")
    (hcl,) = of(signals({"jobs/orders.hcl": NOMAD_JOB % "tcp"}), "health-check")
    assert hcl.detail == "Nomad service check (tcp)"
    consul = 'service {\n  name = "web"\n  port = 8080\n  check {\n    http     = "http://localhost:8080/health"\n    interval = "10s"\n  }\n}\n'
    (agent,) = of(signals({"consul.d/web.hcl": consul}), "health-check")
    assert (agent.line, agent.detail) == (4, "Consul service check (http)")


def test_nomad_restart_policies_and_jobs_without_checks_are_not_health_checks(signals: Signals) -> None:
    restart = NOMAD_JOB.replace("check {", "check_restart {").replace('type     = "%s"\n', "")
    plain = 'job "batch" {\n  group "g" {\n    task "t" {\n      driver = "exec"\n    }\n  }\n}\n'
    variables = 'variable "check" {\n  type = string\n}\n'
    found = signals({"deploy/orders.nomad": restart, "deploy/batch.nomad": plain, "vars.hcl": variables})
    assert "health-check" not in categories(found)


def test_health_modules_and_routes_deep_in_a_jvm_source_set(signals: Signals) -> None:
    health = (
        "package shop.api.endpoints\n\nimport io.ktor.server.routing.*\n\n"
        'fun Route.health() {\n    get("/health") {\n        call.respondText("OK")\n    }\n}\n'
    )
    path = "app/src/main/kotlin/com/shop/api/endpoints/Health.kt"
    assert "health-check" in categories(signals({path: health}))
    routing = health.replace("fun Route.health()", "fun Application.configureRouting()")
    (hit,) = of(signals({"src/main/kotlin/com/shop/api/plugins/Routing.kt": routing}), "health-check")
    assert (hit.line, hit.detail) == (6, "health route")


PROMTAIL = """\
server:
  http_listen_port: 9080
positions:
  filename: /tmp/positions.yaml
clients:
  - url: http://loki:3100/loki/api/v1/push
scrape_configs:
  - job_name: shop
    static_configs:
      - labels:
          __path__: /var/log/shop/*.log
"""


@pytest.mark.parametrize(
    ("path", "text", "line", "detail"),
    [
        ("monitoring/promtail-config.yml", PROMTAIL, 5, "Promtail log shipping"),
        (
            "deploy/fluent-bit.conf",
            "[SERVICE]\n    Flush 1\n[INPUT]\n    Name tail\n[OUTPUT]\n    Name loki\n    Host loki\n",
            5,
            "Fluent Bit log shipping",
        ),
        (
            "filebeat.yml",
            "filebeat.inputs:\n  - type: filestream\n#output.logstash:\noutput.elasticsearch:\n",
            4,
            "Filebeat log shipping",
        ),
        ("ops/vector.toml", '[sources.app]\ntype = "file"\n\n[sinks.loki]\ntype = "loki"\n', 4, "Vector log shipping"),
        (
            "config.alloy",
            'loki.source.file "app" {\n  forward_to = [loki.write.cloud.receiver]\n}\nloki.write "cloud" {\n}\n',
            2,
            "Grafana Alloy telemetry pipeline",
        ),
    ],
)
def test_log_shipping_agents(signals: Signals, path: str, text: str, line: int, detail: str) -> None:
    (hit,) = of(signals({path: text}), "observability")
    assert (hit.path, hit.line, hit.detail) == (path, line, detail)


def test_log_shipper_samples_that_ship_nothing_and_look_alike_names(signals: Signals) -> None:
    files = {
        "filebeat.yml": "filebeat.inputs:\n  - type: filestream\n#output.elasticsearch:\n#  hosts: [es:9200]\n",
        "fluent-bit.conf": "[SERVICE]\n    Flush 1\n# [OUTPUT]\n",
        "src/vector.py": "import math\n\nclass Vector:\n    sinks: list[str] = []\n",
    }
    assert "observability" not in categories(signals(files))


LOG4J2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<Configuration>
  <Appenders>
    <Console name="Console" target="SYSTEM_OUT">
      {layout}
    </Console>
  </Appenders>
</Configuration>
"""


def test_log4j2_json_layouts(signals: Signals) -> None:
    xml = LOG4J2.format(layout='<JsonTemplateLayout eventTemplateUri="classpath:EcsLayout.json"/>')
    (hit,) = of(signals({"src/main/resources/log4j2.xml": xml}), "observability")
    assert (hit.line, hit.detail) == (5, "Log4j 2 JSON layout")
    props = "appender.console.type = Console\nappender.console.layout.type = JsonTemplateLayout\n"
    (prop,) = of(signals({"service/src/main/resources/log4j2.properties": props}), "observability")
    assert prop.line == 2


def test_log4j2_pattern_layouts_and_commented_json_are_plain_text(signals: Signals) -> None:
    pattern = LOG4J2.format(layout='<PatternLayout pattern="%d %p %c - %m%n"/>\n      <!-- <JsonLayout/> -->')
    props = "appender.console.layout.type = PatternLayout\n# appender.console.layout.type = JsonTemplateLayout\n"
    found = signals({"src/main/resources/log4j2.xml": pattern, "src/main/resources/log4j2.properties": props})
    assert "observability" not in categories(found)


def test_sentry_browser_sdk_from_its_cdn(signals: Signals) -> None:
    base = (
        "<!doctype html>\n<html>\n<head>\n"
        '  <script src="https://browser.sentry-cdn.com/7.119.0/bundle.min.js" crossorigin="anonymous"></script>\n'
        "  <script>Sentry.init({ dsn: '{{ sentry_dsn }}' });</script>\n</head>\n</html>\n"
    )
    (hit,) = of(signals({"shop/templates/base.html": base}), "observability")
    assert (hit.line, hit.detail) == (4, "Sentry browser SDK from its CDN")
    partial = '<script src="https://js.sentry-cdn.com/0a1b2c.min.js" crossorigin="anonymous"></script>\n'
    assert "observability" in categories(signals({"app/views/sentry.php": partial}))
    assert "observability" in categories(signals({"resources/views/layouts/app.blade.php": partial}))


def test_analytics_and_commented_sentry_scripts_are_not_monitoring(signals: Signals) -> None:
    commented = (
        '<html>\n<!--\n<script src="https://browser.sentry-cdn.com/7.0.0/bundle.min.js"></script>\n-->\n</html>\n'
    )
    package = '{"name": "api", "dependencies": {"express": "^4.21.0", "posthog-node": "^4.2.0"}}\n'
    found = signals({"public/index.html": commented, "package.json": package})
    assert "observability" not in categories(found)


def test_go_json_logging_set_up_in_code(signals: Signals) -> None:
    main = (
        'package main\n\nimport (\n\t"log/slog"\n\t"os"\n)\n\nfunc main() {\n'
        "\tlogger := slog.New(slog.NewJSONHandler(os.Stdout, nil))\n\tslog.SetDefault(logger)\n}\n"
    )
    (hit,) = of(signals({"cmd/api/main.go": main}), "observability")
    assert (hit.line, hit.detail) == (9, "Go JSON logging")
    logrus = "package logging\n\nfunc Setup() {\n\tlog.SetFormatter(&log.JSONFormatter{})\n}\n"
    assert "observability" in categories(signals({"internal/logging/logger.go": logrus}))
    handler = (
        "package httpserver\n\nfunc newHandler(w io.Writer) slog.Handler {\n\treturn slog.NewJSONHandler(w, nil)\n}\n"
    )
    for path in ("internal/platform/httpserver/observe.go", "internal/server/server.go", "pkg/telemetry/telemetry.go"):
        assert "observability" in categories(signals({path: handler})), path
    assert "observability" not in categories(signals({"internal/store/users.go": handler}))


def test_a_text_logger_set_up_to_write_json(signals: Signals) -> None:
    """loguru and winston write plain text unless told to write JSON; where they are told, in a
    logging module or an entry point, the service's logs are structured."""
    loguru = "import sys\nfrom loguru import logger\n\ndef setup():\n    logger.add(sys.stdout, serialize=True)\n"
    winston = (
        "import winston from 'winston';\n\nexport const logger = winston.createLogger({\n"
        "  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),\n});\n"
    )
    python = of(signals({"agent/core/json_logging.py": loguru, "requirements.txt": "loguru\n"}), "observability")
    assert [(s.path, s.line, s.detail) for s in python] == [
        ("agent/core/json_logging.py", 5, "loguru writing JSON logs")
    ]
    node = of(signals({"src/logger.ts": winston}), "observability")
    assert [(s.path, s.line, s.detail) for s in node] == [("src/logger.ts", 4, "winston writing JSON logs")]
    # the plain-text set-up, a commented-out switch, or the word in another module: nothing
    for path, text in (
        ("app/logger.py", "from loguru import logger\nlogger.add('app.log', rotation='1 week')\n"),
        ("app/logger.py", "from loguru import logger\n# logger.add(sys.stdout, serialize=True)\n"),
        ("app/models.py", "from loguru import logger\nlogger.add(sys.stdout, serialize=True)\n"),
    ):
        assert "observability" not in categories(signals({path: text})), (path, text)


@pytest.mark.parametrize(
    "logger",
    [
        # the last format of the combine writes the line: a printf after json() writes plain text
        "const logFormat = format.printf(({ level, message }) => `${level}: ${message}`);\n\n"
        "const logger = createLogger({\n  format: format.combine(format.timestamp(), format.json(), logFormat),\n"
        "  transports: [new transports.File({ filename: 'logs/error.log' })],\n});\n",
        "const logger = createLogger({\n  format: combine(\n"
        "    process.env.NODE_ENV !== 'production' ? format.simple() : format.json(),\n"
        "    printf(({ level, message }) => `${level}: ${message}`),\n  ),\n});\n",
    ],
)
def test_winston_json_rewritten_by_a_later_printf_is_plain_text(signals: Signals, logger: str) -> None:
    found = signals({"src/utils/logger.ts": "import { createLogger, format, transports } from 'winston';\n" + logger})
    assert "observability" not in categories(found)
    # printf used for the console only, with JSON in the combine of the file transport: structured
    console = (
        "import winston from 'winston';\nconst plain = winston.format.printf((i) => i.message);\n"
        "export const logger = winston.createLogger({\n"
        "  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),\n"
        "  transports: [new winston.transports.Console({ format: plain })],\n});\n"
    )
    (hit,) = of(signals({"src/logger.ts": console}), "observability")
    assert (hit.line, hit.detail) == (4, "winston writing JSON logs")


def test_nest_console_logger_writing_json(signals: Signals) -> None:
    """NestJS's own ``ConsoleLogger`` writes JSON lines when told to (Nest 11), in the logger
    service a Nest app provides or in the ``main.ts`` that creates the app."""
    service = (
        "import { ConsoleLogger, Injectable } from '@nestjs/common';\n\n@Injectable()\n"
        "export class AppLogger {\n  constructor(private readonly inner = new ConsoleLogger({ json: true })) {}\n}\n"
    )
    main = (
        "async function bootstrap() {\n  const app = await NestFactory.create(AppModule, {\n"
        "    logger: new ConsoleLogger({ json:true, colors: false }),\n  });\n}\n"
    )
    for path, text, line in (
        ("src/common/logging/logger.service.ts", service, 5),
        ("src/main.ts", main, 3),
    ):
        found = of(signals({path: text}), "observability")
        assert [(s.path, s.line, s.detail) for s in found] == [(path, line, "ConsoleLogger writing JSON logs")]
    plain = "const app = await NestFactory.create(AppModule, { logger: new ConsoleLogger({ prefix: 'Shop' }) });\n"
    assert "observability" not in categories(signals({"src/main.ts": plain}))


def test_a_mock_or_development_server_serving_a_health_route_is_no_health_check(signals: Signals) -> None:
    route = "const app = express();\napp.get('/health', (req, res) => res.send('ok'));\n"
    files = {"scripts/mock-server.js": route, "tools/dev_server.js": route, "e2e/fake-server.ts": route}
    assert "health-check" not in categories(signals(files))


def test_a_python_router_prefixed_with_something_else_is_no_health_route(signals: Signals) -> None:
    for text in (
        'router = APIRouter(prefix="/users")\n\n@router.get("/{user_id}/status")\ndef status(user_id: int): ...\n',
        'bp = Blueprint("reports", __name__, url_prefix="/reports/health-insurance")\n',
        'app.include_router(status.router, prefix="/api/status-pages")\n',
        '@app.get("/", tags=["Healthcare providers"])\nasync def providers(): ...\n',
    ):
        assert "health-check" not in categories(signals({"app/routes/api.py": text})), text


def test_a_metrics_route_written_by_hand(signals: Signals) -> None:
    """A service that writes Prometheus's exposition format itself, with no client library, serves
    its metrics all the same: its route answers with the format's content type."""
    app = (
        "from starlette.responses import Response\n\n@app.get('/metrics')\nasync def metrics():\n"
        "    return Response(registry.export(), media_type='text/plain; version=0.0.4')\n"
    )
    (hit,) = of(signals({"service/web/app.py": app}), "observability")
    assert (hit.path, hit.line, hit.detail) == ("service/web/app.py", 5, "serves Prometheus metrics")
    go = 'func routes(mux *http.ServeMux) {\n\tmux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {\n'
    go += '\t\tw.Header().Set("Content-Type", "application/openmetrics-text; version=1.0.0")\n\t})\n}\n'
    assert "observability" in categories(signals({"internal/server/http.go": go}))
    # the content type in a comment, or in a module no route lives in, says nothing
    commented = app.replace("    return Response", "    # return Response")
    assert "observability" not in categories(signals({"service/web/app.py": commented}))
    assert "observability" not in categories(signals({"service/exporters/prom_format.py": app}))


def test_go_text_logging_and_commented_json_handlers(signals: Signals) -> None:
    text = (
        "package main\n\nfunc main() {\n\t// slog.New(slog.NewJSONHandler(os.Stdout, nil))\n"
        "\tlogger := slog.New(slog.NewTextHandler(os.Stderr, nil))\n\t_ = logger\n}\n"
    )
    assert "observability" not in categories(signals({"main.go": text}))


def test_a_monitoring_backend_run_beside_the_application_in_compose(signals: Signals) -> None:
    compose = (
        "services:\n  api:\n    build: .\n    ports: ['8080:8080']\n"
        "  jaeger:\n    image: jaegertracing/all-in-one:1.57\n"
        "  grafana:\n    image: grafana/grafana:10.4.2\n"
    )
    (hit,) = of(signals({"docker-compose.yml": compose}), "observability")
    assert (hit.line, hit.detail) == (6, "jaegertracing/all-in-one in Compose (jaeger)")


def test_dashboards_alone_or_a_monitoring_stack_without_the_application_are_not_monitoring_it(
    signals: Signals,
) -> None:
    dashboards = "services:\n  api:\n    build: .\n  grafana:\n    image: grafana/grafana:10.4.2\n"
    stack = "services:\n  prometheus:\n    image: prom/prometheus:v2.51.0\n  node:\n    image: prom/node-exporter\n"
    found = signals({"docker-compose.yml": dashboards, "monitoring/compose.yaml": stack})
    assert "observability" not in categories(found)


def test_a_log_shipper_in_compose_reading_the_projects_log_folder(signals: Signals) -> None:
    """Filebeat (or Promtail, Fluent Bit, Vector) with the project's log folder mounted ships this
    application's logs, though the Compose file runs only the log stack (the app runs elsewhere)."""
    compose = (
        "services:\n  elasticsearch:\n    image: elasticsearch:8.11.1\n"
        "  filebeat:\n    image: elastic/filebeat:8.11.1\n    volumes:\n"
        "      - ./filebeat/filebeat.yml:/usr/share/filebeat/filebeat.yml\n      - {logs}:/var/log/app\n"
    )
    (hit,) = of(signals({"docker-compose.yml": compose.format(logs="./storage/logs")}), "observability")
    assert (hit.line, hit.detail) == (
        5,
        "elastic/filebeat in Compose (filebeat) shipping the project's logs (./storage/logs)",
    )
    # a shipper with only its own settings, or the host's logs, ships nothing of the project's
    for logs in ("./logstash/pipeline", "/var/log"):
        assert "observability" not in categories(signals({"docker-compose.yml": compose.format(logs=logs)})), logs


def test_a_traefik_load_balancer_health_check_in_compose_labels(signals: Signals) -> None:
    compose = (
        "services:\n  api:\n    build: .\n    labels:\n      - traefik.enable=true\n"
        "      - traefik.http.services.api.loadbalancer.healthcheck.path=/healthz\n"
        "      - traefik.http.services.api.loadbalancer.healthcheck.interval=10s\n"
    )
    (hit,) = of(signals({"docker-compose.yml": compose}), "health-check")
    assert (hit.line, hit.detail) == (6, "Traefik load balancer health check on service 'api'")
    swarm = (
        "services:\n  web:\n    image: shop/web:1.4\n    deploy:\n      labels:\n"
        '        traefik.http.services.web.loadbalancer.healthcheck.path: "/up"\n'
    )
    assert "health-check" in categories(signals({"stack.yml": swarm}))


def test_traefik_routing_labels_and_backing_services_are_no_health_checks(signals: Signals) -> None:
    compose = (
        "services:\n  api:\n    build: .\n    labels:\n      - traefik.http.routers.api.rule=Host(`shop.io`)\n"
        "  db:\n    image: postgres:16\n    labels:\n"
        "      - traefik.http.services.db.loadbalancer.healthcheck.path=/health\n"
    )
    assert "health-check" not in categories(signals({"docker-compose.yml": compose}))


@pytest.mark.parametrize(
    ("text", "line", "detail"),
    [
        (
            'resource "azurerm_linux_web_app" "api" {\n  name = "shop-api"\n  site_config {\n'
            '    health_check_path = "/healthz"\n  }\n}\n',
            4,
            "health_check_path (azurerm_linux_web_app)",
        ),
        (
            'resource "google_cloud_run_v2_service" "api" {\n  template {\n    containers {\n'
            '      liveness_probe {\n        http_get {\n          path = "/health"\n        }\n      }\n    }\n  }\n}\n',
            4,
            "liveness_probe (google_cloud_run_v2_service)",
        ),
        (
            'resource "kubernetes_deployment" "api" {\n  spec {\n    template {\n      spec {\n        container {\n'
            '          readiness_probe {\n            http_get {\n              path = "/ready"\n            }\n'
            "          }\n        }\n      }\n    }\n  }\n}\n",
            6,
            "readiness_probe (kubernetes_deployment)",
        ),
    ],
)
def test_platform_probes_declared_in_terraform(signals: Signals, text: str, line: int, detail: str) -> None:
    (hit,) = of(signals({"infra/main.tf": text}), "health-check")
    assert (hit.path, hit.line, hit.detail) == ("infra/main.tf", line, detail)


def test_platform_resources_without_a_probe_and_probe_variables(signals: Signals) -> None:
    text = (
        'variable "health_check_path" {\n  default = "/health"\n}\n'
        'resource "azurerm_linux_web_app" "api" {\n  name = "shop-api"\n  site_config {\n    always_on = true\n  }\n}\n'
        'resource "aws_s3_bucket" "assets" {\n  bucket = "shop-assets"\n}\n'
    )
    assert "health-check" not in categories(signals({"infra/main.tf": text}))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("src/Shop.Api/appsettings.Prod.json", '{"ConnectionStrings": {"Shop": "Host=db.shop.internal"}}\n'),
        ("src/Shop.Api/appsettings.PRD.json", '{"Logging": {"LogLevel": {"Default": "Warning"}}}\n'),
        ("src/main/resources/application-prd.yml", "spring:\n  datasource:\n    url: ${DB_URL}\n"),
        ("src/main/resources/bootstrap-prod.yml", "spring:\n  cloud:\n    config:\n      uri: ${CONFIG_URI}\n"),
        # resources a Maven or Gradle ``prod`` profile copies in under the name the code reads
        ("src/main/resources/environment.prod.properties", "db.url=jdbc:postgresql://db.shop.io/shop\n"),
        ("svc/src/main/resources/config/db-production.xml", "<db><host>db.shop.io</host></db>\n"),
    ],
)
def test_dotnet_and_spring_settings_for_an_environment_called_prod_or_prd_are_production_config(
    signals: Signals, path: str, text: str
) -> None:
    assert [s.path for s in of(signals({path: text}), "prod-config")] == [path]


def test_dotnet_and_spring_settings_for_other_environments_are_not_production_config(signals: Signals) -> None:
    files = {
        "src/Shop.Api/appsettings.Preprod.json": "{}\n",
        "src/Shop.Api/appsettings.Products.json": "{}\n",
        "src/main/resources/application-preprd.yml": "a: 1\n",
        "src/main/resources/application-products.yml": "a: 1\n",
        "src/main/resources/environment.preprod.properties": "a=1\n",
        "src/main/resources/products.properties": "a=1\n",
        "docker/development/nginx/conf.d/default.conf": "server {\n    listen 80;\n}\n",
        "docker/production/php-fpm/entrypoint.sh": "#!/bin/sh\nexec php-fpm\n",
    }
    assert "prod-config" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("config.production.json", '{\n  "url": "https://blog.acme.io",\n  "database": {"client": "mysql"}\n}\n'),
        ("server/datasources.production.json", '{"db": {"connector": "postgresql", "url": ""}}\n'),
        ("docker/production/nginx/conf.d/default.conf", "server {\n    listen 80;\n    server_tokens off;\n}\n"),
        ("laravel/prod/apache/httpd.conf", "ServerRoot /usr/local/apache2\nListen 80\n"),
        ("laravel/prod/php.ini", "[PHP]\nexpose_php = Off\ndisplay_errors = Off\n"),
        ("deploy/config.prod.yaml", "server:\n  port: 8080\n"),
        ("configs/prod.yaml", "postgres:\n  host: db.shop.internal\n"),
        ("cicd/config/production.properties", "DEPLOY_ENV=production\nREMOTE_USER=deploy\n"),
        ("config/prod.ini", "[database]\nhost = db.shop.internal\n"),
        ("conf/prod.conf", 'include "application.conf"\nplay.http.secret.key=${?APPLICATION_SECRET}\n'),
        ("conf/application.prod.conf", 'include "application.conf"\ndb.default.url=${?DATABASE_URL}\n'),
        ("config/production.py", "from .default import *\n\nDEBUG = False\n"),
        ("app/config_prod.py", "DEBUG = False\nSQLALCHEMY_DATABASE_URI = os.environ['DATABASE_URL']\n"),
        ("config/config-prd.yaml", "server:\n  port: 8080\n"),
        ("config/production/hugo.toml", 'baseURL = "https://blog.acme.io/"\n'),
        ("config/puma/production.rb", 'workers 4\nbind "unix:///var/run/shop/puma.sock"\n'),
        ("docker-stack.prod.yml", "services:\n  web:\n    image: acme/shop:1.4\n    deploy:\n      replicas: 3\n"),
    ],
)
def test_configuration_files_named_for_production_are_production_config(signals: Signals, path: str, text: str) -> None:
    found = signals({path: text})
    assert [s.path for s in of(found, "prod-config")] == [path]
    assert "Rails" not in of(found, "prod-config")[0].detail
    assert "scaffold-prod-config" not in categories(found)


def test_build_tool_configurations_named_for_production_are_not_production_config(signals: Signals) -> None:
    files = {
        "webpack.config.prod.js": "module.exports = { mode: 'production' };\n",
        "config/webpack.prod.js": "module.exports = {};\n",
        "config/webpack/production.js": "module.exports = environment.toWebpackConfig();\n",
        "configs/product.yaml": "name: x\n",
        "conf/preprod.conf": "a = 1\n",
        "config/env/products.js": "module.exports = {};\n",
        "config/product.py": "PRODUCTS = []\n",
        "config/products/list.toml": "items = []\n",
        "stack-preprod.yml": "services: {}\n",
        "app/config_products.py": "PRODUCTS = []\n",
    }
    assert "prod-config" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("terraform/prod/main.tf", 'module "api" {\n  source = "../modules/api"\n}\n'),
        ("prod/terragrunt.hcl", 'include "root" {\n  path = find_in_parent_folders()\n}\n'),
        ("k8s/prod/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"),
        ("deploy/kubernetes/production/ingress.yml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"),
        ("helm/shop/values/production.yaml", "replicaCount: 3\n"),
        ("manifests/api/deployment-prod.yaml", "apiVersion: apps/v1\nkind: Deployment\n"),
        ("apps/production/kustomization.yaml", "resources:\n  - ../base/shop\n"),
    ],
)
def test_deployment_files_in_a_production_folder_or_named_for_it_are_production_config(
    signals: Signals, path: str, text: str
) -> None:
    assert [s.path for s in of(signals({path: text}), "prod-config")] == [path]


def test_deployment_files_of_other_environments_and_yaml_outside_deployment_folders_are_not_production_config(
    signals: Signals,
) -> None:
    files = {
        "terraform/staging/main.tf": 'module "api" {\n  source = "../modules/api"\n}\n',
        "terraform/preprod/main.tf": 'module "api" {\n  source = "../modules/api"\n}\n',
        "k8s/dev/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
        "k8s/products/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
        "apps/staging/kustomization.yaml": "resources:\n  - ../base/shop\n",
        # YAML named for production outside a deployment folder: an app's data (a factory's output
        # charts), a linter's profile
        "src/shop/fixtures/prod.yaml": "items: []\n",
        "src/dashboard/charts/production.yaml": "series: [output, scrap]\n",
        "lint/prod/rules.yml": "rules: {}\n",
        "prod/notes.md": "# production notes\n",
    }
    assert "prod-config" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text", "detail"),
    [
        ("group_vars/production.yml", "app_domain: shop.acme.io\n", "Ansible production variables production.yml"),
        (
            "ansible/group_vars/prod/vault.yml",
            "$ANSIBLE_VAULT;1.1;AES256\n6162\n",
            "Ansible production variables vault.yml",
        ),
        ("inventories/production/hosts", "[web]\nweb1.shop.acme.io\n", "Ansible production inventory hosts"),
        ("inventory/prod.ini", "[web]\n10.0.4.12\n", "Ansible production inventory prod.ini"),
        ("ansible/environments/prod/group_vars/all", "app_domain: shop.acme.io\n", "Ansible production variables all"),
    ],
)
def test_ansible_inventories_and_variables_named_for_production_are_production_config(
    signals: Signals, path: str, text: str, detail: str
) -> None:
    assert [(s.path, s.detail) for s in of(signals({path: text}), "prod-config")] == [(path, detail)]


def test_other_ansible_environments_and_an_inventory_applications_code_are_not_production_config(
    signals: Signals,
) -> None:
    files = {
        "group_vars/all.yml": "app_name: shop\n",
        "group_vars/staging.yml": "app_domain: staging.acme.io\n",
        "inventories/preprod/hosts": "[web]\nweb1.preprod.acme.io\n",
        # a stock-keeping application's own modules
        "src/inventory/production.py": "def plan_production_run():\n    pass\n",
        "inventory/production.json": '{"line": "assembly"}\n',
        "app/inventory/products.yml": "items: []\n",
    }
    assert "prod-config" not in categories(signals(files))


def test_an_end_to_end_suites_production_target_is_not_production_config(signals: Signals) -> None:
    files = {
        "cypress/config/production.json": '{"baseUrl": "https://www.shop.acme.io", "video": false}\n',
        "e2e/config/prod.json": '{"baseUrl": "https://www.shop.acme.io"}\n',
        "playwright/envs/.env.production": "BASE_URL=https://www.shop.acme.io\n",
    }
    assert "prod-config" not in categories(signals(files))
    app = signals({"config/production.json": '{"db": {"host": "db.shop.internal"}}\n'})
    assert [s.path for s in of(app, "prod-config")] == ["config/production.json"]


def test_a_production_terraform_folder_is_reported_once_by_its_first_file_not_its_lock_file(
    signals: Signals,
) -> None:
    files = {
        "infra/terraform/prod/.terraform.lock.hcl": 'provider "registry.terraform.io/hashicorp/aws" {}\n',
        "infra/terraform/prod/main.tf": 'module "api" {\n  source = "../modules/api"\n}\n',
        "infra/terraform/prod/variables.tf": 'variable "region" {}\n',
        "infra/terraform/prod/dns/main.tf": 'resource "aws_route53_zone" "shop" {\n  name = "shop.acme.io"\n}\n',
    }
    assert [s.path for s in of(signals(files), "prod-config")] == [
        "infra/terraform/prod/dns/main.tf",
        "infra/terraform/prod/main.tf",
    ]


def test_a_kubernetes_resource_in_a_production_folder_of_any_parent_is_production_config(signals: Signals) -> None:
    release = (
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: shop\n"
        "  namespace: shop\nspec:\n  values:\n    replicaCount: 3\n"
    )
    found = signals({"apps/production/shop-values.yaml": release, "apps/production/README.md": "# prod\n"})
    assert [s.path for s in of(found, "prod-config")] == ["apps/production/shop-values.yaml"]
    # other YAML in a production folder outside the deployment folders: a test's data, a linter's rules
    other = {"apps/production/notes.yaml": "owner: ops\n", "src/prod/rules.yml": "rules: {}\n"}
    assert "prod-config" not in categories(signals(other))


def test_a_health_check_route_named_for_the_checker_or_the_checks(signals: Signals) -> None:
    """``/healthchecker`` (the Go Fiber and GORM JWT template, copied widely) and ``/healthchecks``
    are health routes like ``/healthcheck``; a route about health care is not."""
    fiber = (
        "package main\n\nfunc main() {\n\tapp := fiber.New()\n\tmicro := fiber.New()\n"
        '\tapp.Mount("/api/v1", micro)\n\tmicro.Get("/healthchecker", func(c *fiber.Ctx) error {\n'
        '\t\treturn c.Status(fiber.StatusOK).JSON(fiber.Map{"status": "success"})\n\t})\n}\n'
    )
    (hit,) = of(signals({"main.go": fiber}), "health-check")
    assert (hit.path, hit.line) == ("main.go", 7)
    express = "const app = express();\napp.get('/api/health-checks', (req, res) => res.json({ ok: true }));\n"
    assert "health-check" in categories(signals({"src/server.js": express}))
    care = "const app = express();\napp.get('/api/healthcare', (req, res) => res.json(providers));\n"
    assert "health-check" not in categories(signals({"src/server.js": care}))


def test_a_fetch_handler_comparing_the_path_with_a_probe_path(signals: Signals) -> None:
    """A Cloudflare Worker, ``Deno.serve`` or ``Bun.serve`` handler routes by comparing the request's
    path: ``if (url.pathname === "/health")`` or ``case "/healthz":`` serves a probe. A bot comparing
    a command with ``"/ping"`` or ``"/status"`` serves none."""
    worker = (
        "export default {\n  async fetch(request: Request): Promise<Response> {\n"
        "    const url = new URL(request.url);\n"
        "    if (url.pathname === '/health') return new Response('ok');\n"
        "    return handle(request);\n  },\n};\n"
    )
    (hit,) = of(signals({"src/router.ts": worker}), "health-check")
    assert (hit.path, hit.line, hit.detail) == ("src/router.ts", 4, "health route")
    deno = (
        "Deno.serve((req) => {\n  switch (new URL(req.url).pathname) {\n"
        '    case "/api/readyz":\n      return new Response("ready");\n'
        "    default:\n      return app(req);\n  }\n});\n"
    )
    assert "health-check" in categories(signals({"main.ts": deno}))
    bot = (
        "client.on('message', (msg) => {\n  const path = msg.content;\n"
        "  if (path === '/ping') msg.reply('pong');\n  if (path === '/status') msg.reply(stats());\n});\n"
    )
    assert "health-check" not in categories(signals({"src/index.js": bot}))
    commented = "// if (url.pathname === '/health') return ok();\nexport default { fetch: handle };\n"
    assert "health-check" not in categories(signals({"src/index.ts": commented}))
    bun = 'Bun.serve({\n  routes: {\n    "/healthz": { GET: healthz },\n    "/v1/chat": { POST: chat },\n  },\n});\n'
    (table,) = of(signals({"src/index.ts": bun}), "health-check")
    assert (table.path, table.line) == ("src/index.ts", 3)
    pages = 'export const titles = {\n  "/health": "Health and safety",\n  "/about": "About us",\n};\n'
    assert "health-check" not in categories(signals({"src/routes.ts": pages}))


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("wrangler.toml", 'name = "api"\nmain = "src/index.ts"\n\n[observability]\nenabled = true\n', 4),
        ("wrangler.toml", 'name = "api"\n\n[observability.logs]\n# Workers Logs\nenabled = true\n', 3),
        ("wrangler.toml", 'name = "api"\nobservability = { enabled = true, head_sampling_rate = 1 }\n', 2),
        ("workers/api/wrangler.jsonc", '{\n  // the gateway\n  "observability": { "enabled": true }\n}\n', 3),
        (
            "cloudflare.config.ts",
            'import { defineConfig } from "cf/config";\n\nexport default defineConfig({\n  worker: {\n'
            '    name: "api",\n    observability: { enabled: true },\n  },\n});\n',
            6,
        ),
    ],
)
def test_a_cloudflare_worker_with_its_observability_switched_on(
    signals: Signals, path: str, text: str, line: int
) -> None:
    (hit,) = of(signals({path: text}), "observability")
    assert (hit.path, hit.line, hit.detail) == (path, line, "Cloudflare Workers observability")


def test_a_cloudflare_worker_with_its_observability_off_or_elsewhere(signals: Signals) -> None:
    off = 'name = "api"\n\n[observability]\nenabled = false\n\n[vars]\nenabled = true\n'
    assert "observability" not in categories(signals({"wrangler.toml": off}))
    other = 'name = "api"\n\n[placement]\nmode = "smart"\nenabled = true\n'
    assert "observability" not in categories(signals({"wrangler.toml": other}))


def test_monitoring_libraries_in_an_sbt_build_and_not_its_test_scope(signals: Signals) -> None:
    """sbt names JVM libraries as Maven does (``"io.kamon" %% "kamon-core" % "2.7.0"``); a library of
    the tests (``% Test``) ships nothing."""
    build = 'libraryDependencies ++= Seq(\n  "io.kamon" %% "kamon-bundle" % "2.7.0",\n  "io.sentry" % "sentry" % "7.0.0" % Test\n)\n'
    (hit,) = of(signals({"build.sbt": build}), "observability")
    assert (hit.path, hit.line, hit.detail) == ("build.sbt", 2, "depends on io.kamon")
    tests_only = 'libraryDependencies += "io.sentry" % "sentry" % "7.0.0" % Test\n'
    assert "observability" not in categories(signals({"build.sbt": tests_only}))


def test_a_monitoring_package_an_xcode_project_depends_on(signals: Signals) -> None:
    """An iOS app adds Swift packages in its Xcode project, with no ``Package.swift``: the project
    file's package product dependencies (``productName = Sentry;``) name them."""
    pbxproj = (
        "// !$*UTF8*$!\n{\n\tobjects = {\n"
        "\t\tA1 /* Sentry */ = {\n\t\t\tisa = XCSwiftPackageProductDependency;\n"
        '\t\t\tpackage = B2 /* XCRemoteSwiftPackageReference "sentry-cocoa" */;\n'
        "\t\t\tproductName = Sentry;\n\t\t};\n\t};\n}\n"
    )
    (hit,) = of(signals({"App.xcodeproj/project.pbxproj": pbxproj}), "observability")
    assert (hit.path, hit.line, hit.detail) == ("App.xcodeproj/project.pbxproj", 7, "depends on Sentry")
    other = pbxproj.replace("productName = Sentry;", "productName = Kingfisher;")
    assert "observability" not in categories(signals({"App.xcodeproj/project.pbxproj": other}))


def test_laravel_monitoring_configuration_published_into_config(signals: Signals) -> None:
    """``php artisan vendor:publish`` writes sentry-laravel's ``config/sentry.php`` (its DSN, sample
    rates): the application reports its errors to Sentry. A file of that name elsewhere is not it."""
    sentry = "<?php\n\nreturn [\n    'dsn' => env('SENTRY_LARAVEL_DSN'),\n    'traces_sample_rate' => 0.2,\n];\n"
    (hit,) = of(signals({"config/sentry.php": sentry}), "observability")
    assert (hit.path, hit.detail) == ("config/sentry.php", "Sentry Laravel configuration")
    assert "observability" not in categories(signals({"resources/views/sentry.php": sentry}))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\ngem 'stackdriver'\n"),
        ("go.mod", "module shop\n\nrequire (\n\tcloud.google.com/go/errorreporting v0.3.1\n)\n"),
        ("composer.json", '{\n  "require": {\n    "google/cloud-error-reporting": "^0.22"\n  }\n}\n'),
        (
            "Shop/Shop.csproj",
            '<Project><ItemGroup><PackageReference Include="Google.Cloud.Diagnostics.AspNetCore3" Version="5.2.0" /></ItemGroup></Project>',
        ),
    ],
)
def test_google_cloud_operations_suite_libraries(signals: Signals, path: str, text: str) -> None:
    """Google Cloud's error reporting, logging and tracing libraries (Stackdriver, as it was called)."""
    assert [s.path for s in of(signals({path: text}), "observability")] == [path]


def test_a_status_route_is_a_health_check_when_its_handler_says_the_service_is_fine(signals: Signals) -> None:
    """``/status`` names an order's, a game's or a job's status as often as the service's own: it
    counts when the handler beside it replies that the service is fine."""
    fine = '@app.get("/status")\ndef status():\n    return {"status": "ok"}\n'
    (hit,) = of(signals({"app/main.py": fine}), "health-check")
    assert (hit.path, hit.line, hit.detail) == ("app/main.py", 1, "health route")
    game = (
        '@app.get("/api/status")\nasync def game_status():\n    return {"running": engine.running, "tick": engine.tick}\n'
        '\n\n@app.post("/api/stop")\nasync def stop():\n    return {"status": "ok"}\n'
    )
    controller = "<?php\nRoute::get('/status', 'StatusController@getMain')->name('status.index');\n"
    assert not of(signals({"app/main.py": game, "routes/web.php": controller}), "health-check")
    # a reply naming the service as its subject, in a template literal
    express = "router.get('/status', (_, res) => res.status(200).send({ res: `Service running - ${new Date()}.` }));\n"
    (hit,) = of(signals({"server/routes/statusServer.js": express}), "health-check")
    assert (hit.path, hit.line) == ("server/routes/statusServer.js", 1)
    job = "router.get('/status', (_, res) => res.send(`Job running since ${started}`));\n"
    assert not of(signals({"server/routes/jobs.js": job}), "health-check")


def test_a_route_registered_under_a_health_constant_or_to_a_health_handler(signals: Signals) -> None:
    """The path kept in a constant (``constant.HealthRoute``, ``HEALTH_PATH``) or the handler named for
    health checks (``handlers.HealthCheck``): the route is the service's health check, whatever the
    path's text; a healthcare resource (``routes.healthRecords``) or a settings lookup is not."""
    mux = (
        "package router\n\nfunc Register(m *mux.Router) {\n"
        "\tm.HandleFunc(constant.HealthRoute, commons.HealthCheck).Methods(http.MethodGet)\n}\n"
    )
    (hit,) = of(signals({"internal/router/router.go": mux}), "health-check")
    assert (hit.path, hit.line, hit.detail) == ("internal/router/router.go", 4, "health route")
    gin = 'func Routes(r *gin.Engine) {\n\tr.GET("/", handlers.HealthCheck)\n}\n'
    assert [s.line for s in of(signals({"api/routes.go": gin}), "health-check")] == [2]
    express = "router.get(HEALTH_PATH, (req, res) => res.json(report()));\n"
    assert [s.line for s in of(signals({"src/routes/index.js": express}), "health-check")] == [1]
    others = {
        "src/routes/index.js": "router.get(routes.healthRecords, listRecords);\nrouter.get(paths.healthcare, home);\n",
        "app/routes.py": "HEALTH_PATH = settings.get(HEALTH_PATH, '/status')\nflag = config.get(HEALTH_CHECK, False)\n",
    }
    assert not of(signals(others), "health-check")


def test_a_status_route_replying_a_bare_success_is_a_health_check(signals: Signals) -> None:
    """A ``/status`` handler that answers 200 and nothing else is what a liveness probe wants."""
    express = (
        'export default function (app: Express) {\n\t// Api Status\n\n\tapp.get("/status", (req, res) => {\n'
        '\t\tres.sendStatus(200);\n\t});\n\n\tapp.post("/api/v1/auth/login", login);\n}\n'
    )
    (hit,) = of(signals({"src/routes.ts": express}), "health-check")
    assert (hit.path, hit.line) == ("src/routes.ts", 4)
    koa = "router.get('/status', (ctx) => {\n  ctx.status = 204\n})\n"
    assert [s.line for s in of(signals({"src/router.js": koa}), "health-check")] == [1]
    order = (
        "router.get('/status', async (req, res) => {\n  const order = await Order.find(req.query.id)\n"
        "  res.status(200).json({ status: order.status })\n})\n"
    )
    assert not of(signals({"src/orders.js": order}), "health-check")


def test_a_one_file_service_at_the_root_declares_its_health_route(signals: Signals) -> None:
    """A small service is often one program at the project root named for the project (Sinatra's
    ``calendar.rb``): read after the routers and entry points, when they declared no health route."""
    sinatra = (
        "require 'sinatra/base'\n\nclass Calendar < Sinatra::Base\n  get '/status' do\n"
        "    json_message('OK')\n  end\n\n  get '/users/:id' do\n    json(User.find(params[:id]))\n  end\nend\n"
    )
    files = {"calendar.rb": sinatra, "config.ru": "require './calendar'\nrun Calendar\n", "Gemfile": ""}
    assert [(s.path, s.line) for s in of(signals(files), "health-check")] == [("calendar.rb", 4)]
    # the same file in a folder of its own is not read this way
    assert not of(signals({"lib/calendar.rb": sinatra, "Gemfile": ""}), "health-check")


def test_a_route_its_comment_calls_a_health_check(signals: Signals) -> None:
    """The comment right above a GET route says what it is for, whatever its path (often "/"); a
    health check still to write is none."""
    hono = (
        "const app = new Hono()\n\n// Health check\napp.get('/', (c) => {\n"
        "  return c.json({ message: 'Archiver API', status: 'running' })\n})\n"
    )
    assert [(s.path, s.line) for s in of(signals({"api/src/index.js": hono}), "health-check")] == [
        ("api/src/index.js", 4)
    ]
    flask = '# liveness probe\n@app.get("/")\ndef root():\n    return {"service": "shop"}\n'
    assert [s.line for s in of(signals({"app.py": flask}), "health-check")] == [2]
    heading = (
        '# Health Check\n# -----------------------------\n\n\n@app.get("/")\ndef home():\n    return {"app": "shop"}\n'
    )
    assert [s.line for s in of(signals({"backend/app/main.py": heading}), "health-check")] == [5]
    rule = "// " + "\u2500" * 40 + "\n"
    numbered = (
        f"app.use('/user', userRoutes);\n\n{rule}// 13. Health Check (public)\n{rule}"
        "app.get('/', (req, res) => {\n  res.send('Donation API is running');\n});\n"
    )
    assert [s.line for s in of(signals({"server/src/app.ts": numbered}), "health-check")] == [6]
    status = hono.replace("// Health check", "// Root endpoint for status check")
    assert [s.line for s in of(signals({"api/src/index.js": status}), "health-check")] == [4]
    order = status.replace("app.get('/'", "app.get('/orders/:id/status'").replace("Root endpoint", "Order")
    assert "health-check" not in categories(signals({"api/src/index.js": order}))
    closed = '# Health check: see ops/probe.py\n\nitems = []\n\n\n@app.get("/")\ndef home():\n    return items\n'
    assert "health-check" not in categories(signals({"backend/app/main.py": closed}))
    for comment in ("// TODO: add a health check", "// no health check yet", "// Orders"):
        other = hono.replace("// Health check", comment)
        assert "health-check" not in categories(signals({"api/src/index.js": other})), comment


def test_a_route_whose_function_is_named_for_a_health_check(signals: Signals) -> None:
    """The function a GET route decorates says what it is for, whatever its path (often "/") and
    whatever other decorators sit between; a healthcare resource is something else."""
    fastapi = (
        "app = FastAPI()\n\n@app.get('/')\n@limiter.limit('5/minute')\n"
        "async def health_check(request: Request):\n    return {'status': 'OK!'}\n"
    )
    spring = (
        '@RestController\npublic class RootController {\n    @GetMapping(\n        "/"\n    )\n'
        '    public ResponseEntity<String> healthCheck() {\n        return ResponseEntity.ok("OK");\n    }\n}\n'
    )
    for path, text, line in (("app/main.py", fastapi, 3), ("src/main/java/shop/RootController.java", spring, 3)):
        assert [(s.path, s.line) for s in of(signals({path: text}), "health-check")] == [(path, line)]
    records = "@app.get('/')\ndef healthcare_records():\n    return []\n"
    assert "health-check" not in categories(signals({"app/main.py": records}))
    documented = '@app.get("/")\ndef root():\n    """Health check endpoint."""\n    return {"status": "ok"}\n'
    assert [s.line for s in of(signals({"backend/app/main.py": documented}), "health-check")] == [1]
    for doc in ('"""Return the health records."""', '"""Home page."""'):
        other = documented.replace('"""Health check endpoint."""', doc)
        assert "health-check" not in categories(signals({"backend/app/main.py": other})), doc


def test_a_python_router_module_named_for_health_checks(signals: Signals) -> None:
    """A FastAPI router or Flask blueprint in a module named for health checks declares the check,
    whatever path it mounts it at (``routers/healthcheck.py`` with ``@router.get("/")``)."""
    router = (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n@router.get('/')\n"
        "def root():\n    return {'status': 'OK!'}\n"
    )
    (hit,) = of(signals({"src/routers/swarm/healthcheck.py": router}), "health-check")
    assert (hit.path, hit.line) == ("src/routers/swarm/healthcheck.py", 5)
    helpers = "def probe_url(base):\n    return base + '/health'\n"
    assert "health-check" not in categories(signals({"src/util/healthcheck_helpers.py": helpers}))


def test_a_controller_status_route_replying_that_the_service_is_alive_is_a_health_check(signals: Signals) -> None:
    """An attribute route to ``status`` (ASP.NET, Spring) counts as the router's does: when the
    method below it says the service is fine, in a word or a short sentence."""
    aspnet = (
        "namespace Shop.Controllers\n{\n    public class StatusController : Controller\n    {\n"
        '        [Route("api/status")]\n        public IActionResult Index()\n        {\n'
        '            return Ok("Server is alive");\n        }\n    }\n}\n'
    )
    spring = (
        "@RestController\npublic class PingController {\n"
        '    @GetMapping("/status")\n    public String status() {\n        return "API is up and running";\n    }\n}\n'
    )
    for path, text, line in (
        ("src/Shop/Controllers/StatusController.cs", aspnet, 5),
        ("src/main/java/shop/PingController.java", spring, 3),
    ):
        (hit,) = of(signals({path: text}), "health-check")
        assert (hit.path, hit.line, hit.detail) == (path, line, "health route")
    order = (
        "public class OrdersController : Controller\n{\n"
        '    [HttpGet("status")]\n    public IActionResult Status(int id)\n    {\n'
        "        return Ok(_orders.Find(id).Status);\n    }\n}\n"
    )
    job = '@GetMapping("/status")\npublic String status() {\n    return "Export is running late";\n}\n'
    found = signals({"src/Shop/Controllers/OrdersController.cs": order, "src/main/java/shop/JobController.java": job})
    assert not of(found, "health-check")


_ACTUATOR = (
    "plugins { id 'org.springframework.boot' version '3.2.0' }\n"
    "dependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-actuator'\n}\n"
)


def test_spring_actuator_is_a_health_check_unless_its_settings_keep_health_off_http(signals: Signals) -> None:
    resources = "src/main/resources/"
    exposure = "management:\n  endpoints:\n    web:\n      exposure:\n        include: {}\n"
    assert "health-check" in categories(signals({"build.gradle": _ACTUATOR}))  # Spring exposes health by default
    for settings in (
        {resources + "application.properties": "management.endpoints.web.exposure.include=health,info,prometheus\n"},
        {resources + "application.yml": exposure.format("'*'")},
    ):
        assert "health-check" in categories(signals({"build.gradle": _ACTUATOR, **settings})), settings
    for settings in (
        {resources + "application.yml": exposure.format("refresh")},
        {resources + "application.properties": "management.endpoints.web.exposure.exclude=*\n"},
        {resources + "application.yaml": "management.endpoints.web.exposure.include: [refresh, env]\n"},
    ):
        assert "health-check" not in categories(signals({"build.gradle": _ACTUATOR, **settings})), settings


def test_a_development_profile_hiding_health_leaves_the_deployed_health_check(signals: Signals) -> None:
    """``application-dev.yaml`` (or a document ``on-profile: local``) exposing other endpoints
    only changes the development runs: the deployed application still serves health."""
    hidden = "management:\n  endpoints:\n    web:\n      exposure:\n        include: threaddump,metrics\n"
    resources = "src/main/resources/"
    base = {"build.gradle": _ACTUATOR, resources + "application.yaml": "server:\n  port: 8085\n"}
    (hit,) = of(signals({**base, resources + "application-dev.yaml": hidden}), "health-check")
    assert (hit.path, hit.line) == ("build.gradle", 3)
    profile = "spring:\n  config:\n    activate:\n      on-profile: local\n"
    settings = {resources + "application.yml": "server:\n  port: 8085\n---\n" + profile + hidden}
    assert "health-check" in categories(signals({"build.gradle": _ACTUATOR, **settings}))
    for prod in (resources + "application-prod.yaml", resources + "application.yaml"):
        assert "health-check" not in categories(signals({**base, prod: hidden})), prod


def test_actuator_health_exposed_in_nested_yaml_settings(signals: Signals) -> None:
    """Spring YAML writes the exposure as nested keys as often as dotted ones: exposing ``health``
    (or turning on its probes) configures the endpoint, when the build has Actuator."""
    settings = (
        "spring:\n  application:\n    name: users\nmanagement:\n  endpoints:\n    web:\n      exposure:\n"
        "        include: health,info,prometheus\n"
    )
    path = "src/main/resources/application.yaml"
    (hit,) = of(signals({path: settings}), "health-check")
    assert (hit.path, hit.line, hit.detail) == (path, 4, "framework health endpoint configured")
    probes = "management:\n  endpoint:\n    health:\n      probes:\n        enabled: true\n"
    assert of(signals({path: probes}), "health-check")
    web_only = "dependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n}\n"
    assert not of(signals({path: settings, "build.gradle": web_only}), "health-check")
    metrics = settings.replace("health,info,prometheus", "info,prometheus")
    assert not of(signals({path: metrics}), "health-check")


def test_actuator_settings_without_actuator_serve_no_health_check(signals: Signals) -> None:
    """Spring reads ``management.*`` only with Actuator on the class path: a build declaring no
    Actuator has no health endpoint, whatever its settings expose."""
    settings = {"src/main/resources/application.properties": "management.endpoints.web.exposure.include=health\n"}
    web_only = "dependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n}\n"
    assert "health-check" not in categories(signals({"build.gradle": web_only, **settings}))
    assert "health-check" in categories(signals({"build.gradle": web_only + _ACTUATOR, **settings}))


def test_an_aspnet_extension_class_mapping_health_checks(signals: Signals) -> None:
    """ASP.NET apps often map their endpoints in an extension class that ``Program.cs`` calls."""
    code = (
        "public static class CoreExtensions\n{\n    public static WebApplication UseCore(this WebApplication app)\n"
        '    {\n        app.MapHealthChecks("/_health");\n        return app;\n    }\n}\n'
    )
    path = "src/Shop.Api/Extensions/CoreExtensions.cs"
    (hit,) = of(signals({path: code, "src/Shop.Api/Program.cs": "app.UseCore();\n"}), "health-check")
    assert (hit.path, hit.line) == (path, 5)
    registered = code.replace('app.MapHealthChecks("/_health");', "services.AddHealthChecks();")
    assert "health-check" not in categories(signals({path: registered}))


def test_actuator_switched_off_is_no_health_check(signals: Signals) -> None:
    """Every endpoint switched off (Spring Boot 1's ``endpoints.enabled: false``, which Grails 3
    writes into every new application's ``application.yml``; Boot 2's ``enabled-by-default``) or
    health itself: Actuator serves no health check, unless health is switched back on."""
    grails = (
        "---\ngrails:\n    profile: rest-api\n---\n# Spring Actuator Endpoints are Disabled by Default\n"
        "endpoints:\n    enabled: false\n    jmx:\n        enabled: true\n"
    )
    off = {
        "grails-app/conf/application.yml": grails,
        "src/main/resources/application.properties": "management.endpoints.enabled-by-default=false\n",
        "src/main/resources/application.yaml": "management:\n  endpoint:\n    health:\n      enabled: false\n",
    }
    for path, text in off.items():
        assert "health-check" not in categories(signals({"build.gradle": _ACTUATOR, path: text})), path
    back_on = (
        "management.endpoints.enabled-by-default=false\nmanagement.endpoint.health.enabled=true\n"
        "management.endpoints.web.exposure.include=health\n"
    )
    settings = {"src/main/resources/application.properties": back_on}
    assert "health-check" in categories(signals({"build.gradle": _ACTUATOR, **settings}))
    jmx_only = {"grails-app/conf/application.yml": "endpoints:\n    jmx:\n        enabled: false\n"}
    assert "health-check" in categories(signals({"build.gradle": _ACTUATOR, **jmx_only}))


PINO_BY_ENVIRONMENT = """\
import { pinoLogger } from "hono-pino";
import pino from "pino";
import env from "@/env";

export function logger() {
  return pinoLogger({
    pino: pino({ level: env.LOG_LEVEL }, env.NODE_ENV === "production" ? undefined : pretty()),
  });
}
"""


def test_pino_set_up_to_write_json_in_production_is_structured_logging(signals: Signals) -> None:
    """pino writes JSON lines: set up in a logger module with ``pino-pretty`` for development only
    (or not at all), it is structured logging; always printed through ``pino-pretty``, it is not."""
    found = of(signals({"src/middlewares/pino-logger.ts": PINO_BY_ENVIRONMENT}), "observability")
    assert [(s.path, s.line, s.detail) for s in found] == [
        ("src/middlewares/pino-logger.ts", 1, "pino writing JSON logs")
    ]
    always_pretty = 'import { LoggerModule } from "nestjs-pino";\nconst transport = { target: "pino-pretty" };\n'
    assert not of(signals({"libs/common/logger.module.ts": always_pretty}), "observability")
    hapi = (
        "exports.init = async () => {\n  await server.register({\n    plugin: require('hapi-pino'),\n    options: {\n"
        "      transport: process.env.NODE_ENV !== 'production' && { target: 'pino-pretty' },\n    },\n  });\n};\n"
    )
    assert [(s.path, s.line) for s in of(signals({"lib/server.js": hapi}), "observability")] == [("lib/server.js", 3)]
    pretty_hapi = hapi.replace("process.env.NODE_ENV !== 'production' && ", "")
    assert not of(signals({"lib/server.js": pretty_hapi}), "observability")


def test_a_route_object_of_a_get_method_and_a_probe_path_is_a_health_check(signals: Signals) -> None:
    """``@hono/zod-openapi``'s ``createRoute``, hapi's ``server.route``, Fastify's ``url:``: the
    method and the path sit in one object, in either order."""
    hono = "const route = createRoute({\n  tags: ['Root'],\n  method: 'get',\n  path: '/ping',\n  responses: {},\n});\n"
    (found,) = of(signals({"src/routes/root.route.ts": hono}), "health-check")
    assert (found.line, found.detail) == (3, "health route")
    hapi = "server.route({ path: '/healthz', method: 'GET', handler: () => 'ok' });\n"
    assert of(signals({"src/server.js": hapi}), "health-check")
    post = "server.route({ method: 'POST', path: '/ping', handler: record });\n"
    assert not of(signals({"src/server.js": post}), "health-check")


def test_a_go_route_table_entry_deep_in_internal_is_a_health_check(signals: Signals) -> None:
    """A Go route table of struct literals (``Path: "/ping", Method: http.MethodGet``), in a
    layered layout's router far below ``internal/``; a POST there is no probe."""
    table = (
        "package router\n\nfunc (r *Router) AppendRoutes(h *handler.Handlers) {\n\troutes := []Route{\n\t\t{\n"
        '\t\t\tPath:    "/ping",\n\t\t\tMethod:  http.MethodGet,\n\t\t\tHandler: http.HandlerFunc(h.Database.Ping),\n'
        "\t\t},\n\t}\n}\n"
    )
    deep = "internal/app/adapter/primary/http/router/routes.go"
    (found,) = of(signals({deep: table}), "health-check")
    assert (found.path, found.line) == (deep, 6)
    post = table.replace("http.MethodGet", "http.MethodPost")
    assert not of(signals({deep: post}), "health-check")


def test_a_go_handler_in_a_file_named_for_health_checks(signals: Signals) -> None:
    """``internal/handler/health.go`` serving ``Ping(w http.ResponseWriter, ...)``, or a handler
    documented by swag as ``// @Router /healthcheck [get]``, is a health endpoint; the same
    annotation for another path, or a health file with no handler, is none."""
    ping = (
        'package handler\n\nimport "net/http"\n\nfunc (h *Handlers) Ping(w http.ResponseWriter, r *http.Request) {\n'
        "\tif err := h.Store.TestConnection(r.Context()); err != nil {\n\t\tw.WriteHeader(500)\n\t}\n}\n"
    )
    (found,) = of(signals({"internal/handler/health.go": ping}), "health-check")
    assert (found.line, found.detail) == (5, "health endpoint module")
    swag = (
        "package healthcheck\n\n// NewHealthcheckHandler creates the handler.\n//\n//\t@Summary\tHealthcheck\n"
        "//\t@Router\t\t\t/healthcheck [get]\nfunc NewHealthcheckHandler() *HealthcheckHandler {\n"
        "\treturn &HealthcheckHandler{}\n}\n"
    )
    (documented,) = of(signals({"app/healthcheck/healthcheck.go": swag}), "health-check")
    assert documented.line == 6
    other = swag.replace("/healthcheck [get]", "/todos [post]")
    types = "package health\n\ntype Status struct {\n\tDatabase string\n}\n"
    assert not of(
        signals({"app/healthcheck/healthcheck.go": other, "internal/health/health.go": types}), "health-check"
    )


@pytest.mark.parametrize(
    ("path", "code", "line"),
    [
        (
            "src/handlers/handleHealthCheck.ts",
            "export function handleHealthCheck() {\n  const body = { success: true }\n"
            "  return new Response(JSON.stringify(body), { status: 200 })\n}\n",
            3,
        ),
        ("src/controllers/health.controller.js", "exports.check = (req, res) => {\n  res.status(200).end()\n}\n", 2),
        (
            "src/health/healthHandler.ts",
            "export const ping = async (req, reply) => {\n  reply.send({ ok: true })\n}\n",
            2,
        ),
        ("src/health.js", "module.exports = async (ctx) => {\n  ctx.body = { status: 'up' }\n}\n", 2),
        (
            "app/controllers/health_controller.rb",
            "class HealthController < ApplicationController\n  def show\n    render json: { message: 'ok' }\n"
            "  end\nend\n",
            3,
        ),
        (
            "app/controllers/api/health_controller.rb",
            "class Api::HealthController < ActionController::API\n  def index = head :ok\nend\n",
            2,
        ),
    ],
)
def test_a_javascript_or_rails_handler_in_a_file_named_for_health_checks(
    signals: Signals, path: str, code: str, line: int
) -> None:
    """A fetch ``Response``, an answer through Express's ``res``, Fastify's ``reply`` or Koa's
    ``ctx``, or a Rails action's ``render json:``, in a source file named for health checks is a
    health endpoint; the same file holding
    only types or a client of another service's check is none."""
    (found,) = of(signals({path: code}), "health-check")
    assert (found.path, found.line) == (path, line)
    types = "export interface HealthStatus {\n  database: string\n  ok: boolean\n}\n"
    compare = "export const isUp = (ctx) => ctx.status === 200\n"
    client = "export const ping = (url: string) => fetch(url).then((res) => res.json())\n"
    files = {path: types, "src/health/healthService.ts": compare, "web/src/services/health.service.ts": client}
    assert not of(signals(files), "health-check")


def test_a_compose_file_setting_node_env_to_production_is_not_production_config(signals: Signals) -> None:
    """Images set ``NODE_ENV: production`` (or ``FLASK_ENV``) for speed on any machine, a laptop
    included: it is no production settings file. A Compose file named for production is one."""
    compose = (
        "services:\n  web:\n    build: .\n    environment:\n      NODE_ENV: production\n      FLASK_ENV: production\n"
    )
    assert "prod-config" not in categories(signals({"docker-compose.yml": compose}))
    assert [s.path for s in of(signals({"docker-compose.prod.yml": compose}), "prod-config")] == [
        "docker-compose.prod.yml"
    ]


def test_a_compose_file_reading_a_production_dotenv_is_production_config(signals: Signals) -> None:
    """A Compose stack whose services read ``.env.production`` is the one the production host runs,
    whatever the Compose file is named; a development dotenv, or a template, is not."""
    compose = (
        "services:\n  api:\n    build: .\n    env_file:\n      - ../config/env/.env.production\n"
        "  worker:\n    build: .\n    env_file: prod.env\n"
    )
    found = of(signals({"docker/docker-compose.yml": compose}), "prod-config")
    assert [(s.path, s.line, s.detail) for s in found] == [
        ("docker/docker-compose.yml", 5, "Compose service 'api' reads ../config/env/.env.production")
    ]
    listed = "services:\n  api:\n    build: .\n    env_file:\n      - path: .env.prod\n        required: false\n"
    assert [s.line for s in of(signals({"compose.yaml": listed}), "prod-config")] == [5]
    for dotenv in (".env", ".env.development", ".env.production.example", "producer.env"):
        other = f"services:\n  api:\n    build: .\n    env_file: {dotenv}\n"
        assert "prod-config" not in categories(signals({"docker-compose.yml": other})), dotenv


def test_an_express_handler_typed_in_a_module_named_for_health_checks(signals: Signals) -> None:
    """``health-controller.ts`` whose handler answers through a helper: its Express signature
    (``res: Response``) says it is a route handler."""
    controller = (
        "/** Handle `GET /api/health`. */\nimport { Request, Response } from 'express';\n\n"
        "export async function readHealth(_req: Request, res: Response): Promise<void> {\n"
        "  sendSuccess(res, await readHealthReport(), 200);\n}\n"
    )
    hits = [
        (s.path, s.line) for s in of(signals({"server/controllers/health-controller.ts": controller}), "health-check")
    ]
    assert hits == [("server/controllers/health-controller.ts", 4)]
    client = "export async function readHealth(): Promise<Report> {\n  return (await fetch(url)).json();\n}\n"
    assert "health-check" not in categories(signals({"web/src/api/health-controller.ts": client}))


def test_an_aspnet_controller_routed_by_its_name_to_a_probe(signals: Signals) -> None:
    """``[Route("api/[controller]")]`` over ``class PingController`` routes to ``/api/ping``."""

    def controller(name: str) -> str:
        return (
            'namespace Shop.Controllers\n{\n    [Route("api/[controller]")]\n    [ApiController]\n'
            f"    public class {name}Controller : ControllerBase\n    {{\n        [HttpGet]\n"
            '        public IActionResult Get() => Ok("Pong");\n    }\n}\n'
        )

    found = signals({"Controllers/PingController.cs": controller("Ping")})
    assert [(s.path, s.line) for s in of(found, "health-check")] == [("Controllers/PingController.cs", 3)]
    for name in ("Orders", "Pinguin"):
        files = {f"Controllers/{name}Controller.cs": controller(name)}
        assert "health-check" not in categories(signals(files)), name


def test_a_logger_module_writing_json_lines_by_hand(signals: Signals) -> None:
    """A logger of the project's own that prints one JSON object per line with its level is
    structured logging; one printing text, or JSON written elsewhere, is not."""
    logger = (
        "export const createLogger = ({ service = 'api' } = {}) => ({\n  info(event, meta = {}) {\n"
        "    console.log(\n      JSON.stringify({\n        level: 'info',\n        service,\n        event,\n"
        "        ...meta\n      })\n    );\n  }\n});\n"
    )
    entry = (
        "export function log(level: LogLevel, message: string): void {\n  const entry: LogEntry = {\n    level,\n"
        "    message,\n    timestamp: new Date().toISOString(),\n  };\n"
        "  process.stdout.write(`${JSON.stringify(entry)}\\n`);\n}\n"
    )
    formatter = (
        "import json\nimport logging\n\n\nclass JsonFormatter(logging.Formatter):\n"
        "    def format(self, record: logging.LogRecord) -> str:\n"
        '        return json.dumps({"level": record.levelname, "message": record.getMessage()})\n'
    )
    shaped = (
        "import logging\n\nhandler = logging.StreamHandler()\nhandler.setFormatter(logging.Formatter(\n"
        """    fmt='{"time": "%(asctime)s", "level": "%(levelname)s", "message": "%(message)s"}',\n))\n"""
    )
    for path, text, line in (
        ("src/common/structured-logger.mjs", logger, 3),
        ("src/lib/logger.ts", entry, 7),
        ("app/core/logging.py", formatter, 5),
        ("backend/app/core/logging.py", shaped, 4),
    ):
        hits = [(s.path, s.line, s.detail) for s in of(signals({path: text}), "observability")]
        assert hits == [(path, line, "JSON log lines with a level")], path
    text = "export const log = (msg) => console.log(`[${new Date().toISOString()}] ${msg}`);\n"
    payload = "export const send = (res, body) => res.end(JSON.stringify({ level: body.level }));\n"
    winston = (
        "import winston from 'winston';\nconst line = winston.format.printf((info) => `${info.level}: ${JSON.stringify(info)}`);\n"
        "export const logger = winston.createLogger({\n  level: 'info',\n  format: line,\n});\n"
    )
    suffix = entry.replace("`${JSON.stringify(entry)}", "`${entry.level} ${JSON.stringify(entry)}")
    plain = formatter.replace("json.dumps(", "str(")
    text_format = shaped.replace(
        """fmt='{"time": "%(asctime)s", "level": "%(levelname)s", "message": "%(message)s"}'""",
        "fmt='%(asctime)s %(levelname)s %(message)s'",
    )
    for other in (
        {"src/logger.js": text},
        {"src/reply.js": logger},
        {"src/logger.ts": payload},
        {"src/logger.ts": winston},
        {"src/lib/logger.ts": suffix},
        {"app/core/logging.py": plain},
        {"backend/app/core/logging.py": text_format},
    ):
        assert "observability" not in categories(signals(other)), other


def test_symfony_monolog_writing_json_in_production(signals: Signals) -> None:
    """Symfony's recipe sends production logs to stderr as JSON (``when@prod``); the same
    formatter for development or tests only is not production logging."""
    handler = (
        "        handlers:\n            nested:\n                type: stream\n                path: php://stderr\n"
    )
    json_handler = handler + "                formatter: monolog.formatter.json\n"
    config = (
        "monolog:\n    channels: [deprecation]\n\nwhen@dev:\n    monolog:\n" + handler + "\nwhen@{env}:\n    monolog:\n"
    )
    found = signals({"config/packages/monolog.yaml": config.format(env="prod") + json_handler})
    assert [(s.path, s.line, s.detail) for s in of(found, "observability")] == [
        ("config/packages/monolog.yaml", 17, "Monolog writing JSON logs")
    ]
    prod_folder = signals({"config/packages/prod/monolog.yaml": "monolog:\n" + json_handler})
    assert [s.path for s in of(prod_folder, "observability")] == ["config/packages/prod/monolog.yaml"]
    for env in ("test", "dev"):
        text = config.format(env=env) + json_handler
        assert "observability" not in categories(signals({"config/packages/monolog.yaml": text})), env
