"""``observability``: error tracking, metrics, tracing and structured logging (signals.md §9.1)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from pocmvp_lint.detectors._ci import Pipeline, command_line, pipelines, repo_script, script_lines
from pocmvp_lint.detectors._deps import find_dependencies, manifests
from pocmvp_lint.detectors._health_infra import NAIS_API
from pocmvp_lint.detectors._util import (
    CLOUDFLARE_CONFIGS,
    JS_EXTENSIONS,
    WRANGLER_CONFIGS,
    as_str_list,
    basename,
    is_auxiliary,
    line_at,
    line_of_fragment,
    names_containing,
    names_starting,
    on_comment_line,
    paths_of,
    yaml_mappings,
)
from pocmvp_lint.detectors._yamlscan import texts, yaml_candidates
from pocmvp_lint.detectors.deploy import compose_files, compose_services, dockerfiles
from pocmvp_lint.detectors.health import MAX_ROUTE_READS, routing_candidates
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Observability libraries per ecosystem (error tracking, tracing, metrics, structured logging, APM).
LIBRARIES: dict[str, tuple[str, ...]] = {
    "pypi": (
        "sentry-sdk",
        "sentry_sdk",
        "raven",
        "rollbar",
        "bugsnag",
        "honeybadger",
        "opentelemetry-api",
        "opentelemetry-sdk",
        "opentelemetry-distro",
        "opentelemetry-instrumentation",
        "prometheus-client",
        "prometheus_client",
        "django-prometheus",
        "prometheus-fastapi-instrumentator",
        "statsd",
        "datadog",
        "structlog",
        "python-json-logger",
        "ddtrace",
        "newrelic",
        "elastic-apm",
        "logfire",
        "langfuse",
        "opentelemetry-exporter-",
        "opentelemetry-instrumentation-",
        "azure-monitor-opentelemetry",
        "aws-xray-sdk",
        "aws-lambda-powertools",
        "opencensus-ext-azure",
        "opencensus-ext-stackdriver",
        "azure-monitor-opentelemetry-exporter",
        "applicationinsights",
        "prometheus-flask-exporter",
        "starlette-exporter",
        "starlette-prometheus",
        "google-cloud-logging",
        "google-cloud-error-reporting",
        "google-cloud-trace",
        "scout-apm",
        "appsignal",
        "pybrake",
        "raygun4py",
        "ecs-logging",
        "json-log-formatter",
        "django-structlog",
        "honeycomb-beeline",
        "highlight-io",
    ),
    "npm": (
        "@sentry/node",
        "@sentry/browser",
        "@sentry/react",
        "@sentry/nextjs",
        "@sentry/vue",
        "@sentry/angular",
        "@sentry/sveltekit",
        "@sentry/remix",
        "@sentry/bun",
        "@sentry/nestjs",
        "@sentry/react-native",
        "@bugsnag/js",
        "@bugsnag/node",
        "rollbar",
        "@honeybadger-io/js",
        "@opentelemetry/api",
        "@opentelemetry/sdk-node",
        "@opentelemetry/auto-instrumentations-node",
        "@vercel/otel",
        "prom-client",
        "express-prom-bundle",
        "@logtail/node",
        "dd-trace",
        "newrelic",
        "elastic-apm-node",
        "@datadog/browser-rum",
        "@datadog/browser-logs",
        "applicationinsights",
        "@axiomhq/js",
        "next-axiom",
        "@highlight-run/node",
        "langfuse",
        "langfuse-node",
        "langfuse-langchain",
        "@langfuse/tracing",
        "@langfuse/otel",
        "@sentry/svelte",
        "@sentry/astro",
        "@sentry/nuxt",
        "@sentry/solid",
        "@sentry/gatsby",
        "@sentry/ember",
        "@sentry/electron",
        "@sentry/deno",
        "@sentry/cloudflare",
        "@sentry/aws-serverless",
        "@sentry/serverless",
        "@sentry/google-cloud-serverless",
        "@sentry/tracing",
        "@bugsnag/browser",
        "@bugsnag/react-native",
        "@bugsnag/expo",
        "@rollbar/react",
        "@honeybadger-io/react",
        "@honeybadger-io/vue",
        "@airbrake/node",
        "@airbrake/browser",
        "raygun",
        "raygun4js",
        "@appsignal/nodejs",
        "@elastic/apm-rum",
        "@grafana/faro-web-sdk",
        "@grafana/faro-react",
        "@opentelemetry/sdk-",
        "@opentelemetry/exporter-",
        "@azure/monitor-opentelemetry",
        "@microsoft/applicationinsights-web",
        "@google-cloud/trace-agent",
        "@google-cloud/error-reporting",
        "@google-cloud/opentelemetry-cloud-trace-exporter",
        "@aws-lambda-powertools/logger",
        "@aws-lambda-powertools/tracer",
        "@aws-lambda-powertools/metrics",
        "aws-xray-sdk",
        "aws-xray-sdk-core",
        "hot-shots",
        "node-statsd",
        "statsd-client",
        "datadog-metrics",
        "@newrelic/browser-agent",
        "@highlight-run/next",
        "highlight.run",
        "logrocket",
    ),
    "go": (
        "github.com/getsentry/sentry-go",
        "go.opentelemetry.io/otel",
        "github.com/prometheus/client_golang",
        "go.uber.org/zap",
        "github.com/rs/zerolog",
        "github.com/sirupsen/logrus",
        "github.com/DataDog/dd-trace-go",
        "gopkg.in/DataDog/dd-trace-go.v1",
        "github.com/newrelic/go-agent",
        "github.com/epsagon/epsagon-go",
        "github.com/lumigo-io/lumigo-go-tracer",
        "go.elastic.co/apm",
        "github.com/rollbar/rollbar-go",
        "github.com/bugsnag/bugsnag-go",
        "github.com/honeybadger-io/honeybadger-go",
        "github.com/getsentry/raven-go",
        "github.com/DataDog/datadog-go",
        "go.opencensus.io",
        "go.opentelemetry.io/contrib",
        "github.com/aws/aws-xray-sdk-go",
        "github.com/airbrake/gobrake",
        "github.com/honeycombio/beeline-go",
        "github.com/cactus/go-statsd-client",
        "github.com/smira/go-statsd",
        "github.com/VictoriaMetrics/metrics",
        "cloud.google.com/go/errorreporting",
        "cloud.google.com/go/logging",
        "contrib.go.opencensus.io/exporter/stackdriver",
        "github.com/GoogleCloudPlatform/opentelemetry-operations-go",
    ),
    "cargo": (
        "sentry",
        "opentelemetry",
        "tracing-opentelemetry",
        "prometheus",
        "metrics-exporter-prometheus",
        "tracing-bunyan-formatter",
        "tracing-loki",
        "opentelemetry-otlp",
        "opentelemetry_sdk",
        "sentry-tracing",
        "axum-prometheus",
        "actix-web-prom",
        "metrics-exporter-statsd",
        "cadence",
    ),
    "maven": (
        "io.sentry",
        "io.opentelemetry",
        "opentelemetry-javaagent",
        "micrometer-registry-",
        "io.prometheus",
        "dd-java-agent",
        "dd-trace-api",
        "com.newrelic.agent.java",
        "applicationinsights-",
        "spring-cloud-starter-sleuth",
        "spring-cloud-sleuth-zipkin",
        "micrometer-tracing",
        "zipkin-reporter",
        "quarkus-opentelemetry",
        "quarkus-micrometer",
        "quarkus-logging-json",
        "spring-boot-starter-actuator-metrics",
        "firebase-crashlytics",
        "com.google.firebase.crashlytics",
        "com.crashlytics.sdk.android",
        "io.fabric.tools",
        "appcenter-crashes",
        "com.instabug.library",
        "com.bugsnag",
        "dd-sdk-android",
        "co.elastic.apm",
        "co.elastic.logging",
        "com.datadoghq",
        "com.rollbar",
        "com.newrelic.agent",
        "io.honeycomb",
        "io.jaegertracing",
        "io.zipkin.brave",
        "aws-xray-recorder-sdk",
        "aws-embedded-metrics",
        "logback-json-classic",
        "log4j-layout-template-json",
        "google-cloud-logging-logback",
        "spring-cloud-gcp-starter-trace",
        "spring-cloud-gcp-starter-logging",
        "google-cloud-errorreporting",
        "google-cloud-trace",
        "io.kamon",
    ),
    "nuget": (
        "Sentry",
        "Sentry.AspNetCore",
        "OpenTelemetry",
        "OpenTelemetry.Extensions.Hosting",
        "prometheus-net",
        "prometheus-net.AspNetCore",
        "Datadog.Trace",
        "NewRelic.Agent.Api",
        "Microsoft.ApplicationInsights.AspNetCore",
        "Serilog.Formatting.Compact",
        "Serilog.Sinks.Seq",
        "Serilog.Sinks.Elasticsearch",
        "Serilog.Sinks.ApplicationInsights",
        "Serilog.Sinks.Datadog.Logs",
        "Serilog.Sinks.Grafana.Loki",
        "Serilog.Sinks.OpenTelemetry",
        "NLog.Targets.Seq",
        "Seq.Extensions.Logging",
        "NLog.Targets.ElasticSearch",
        "Microsoft.ApplicationInsights.NLogTarget",
        "Sentry.",
        "OpenTelemetry.",
        "Elastic.Apm.",
        "Elastic.CommonSchema.Serilog",
        "Microsoft.ApplicationInsights",
        "Microsoft.ApplicationInsights.",
        "Azure.Monitor.OpenTelemetry.",
        "Datadog.Trace.",
        "DogStatsD-CSharp-Client",
        "NewRelic.Agent",
        "AWSXRayRecorder",
        "AWSXRayRecorder.",
        "Bugsnag",
        "Bugsnag.",
        "Mindscape.Raygun4Net.",
        "Rollbar",
        "Rollbar.",
        "Honeycomb.OpenTelemetry",
        "Serilog.Formatting.Elasticsearch",
        "Serilog.Sinks.Splunk",
        "Serilog.Sinks.AwsCloudWatch",
        "Serilog.Sinks.GoogleCloudLogging",
        "Serilog.Sinks.NewRelic.Logs",
        "Serilog.Sinks.Sentry",
        "Google.Cloud.Diagnostics.",
    ),
    "gem": (
        "sentry-ruby",
        "sentry-rails",
        "sentry-raven",
        "honeybadger",
        "rollbar",
        "bugsnag",
        "opentelemetry-sdk",
        "opentelemetry-instrumentation-all",
        "prometheus-client",
        "yabeda",
        "yabeda-rails",
        "lograge",
        "semantic_logger",
        "rails_semantic_logger",
        "datadog",
        "ddtrace",
        "newrelic_rpm",
        "scout_apm",
        "skylight",
        "appsignal",
        "airbrake",
        "prometheus_exporter",
        "dogstatsd-ruby",
        "statsd-instrument",
        "elastic-apm",
        "opentelemetry-",
        "sentry-sidekiq",
        "logstasher",
        "raygun4ruby",
        "exception_notification",  # mails each production exception to the team (ExceptionNotifier)
        "instana",
        "telegraf",
        # Google Cloud's operations suite (formerly Stackdriver): error reporting, logging, tracing
        "stackdriver",
        "google-cloud-error_reporting",
        "google-cloud-logging",
        "google-cloud-trace",
    ),
    "composer": (
        "sentry/sentry",
        "sentry/sentry-laravel",
        "sentry/sentry-symfony",
        "google/cloud-error-reporting",
        "google/cloud-logging",
        "google/cloud-trace",
        "open-telemetry/api",
        "open-telemetry/sdk",
        "open-telemetry/exporter-otlp",
        "open-telemetry/opentelemetry-auto-laravel",
        "promphp/prometheus_client_php",
        "datadog/dd-trace",
        "bugsnag/bugsnag-laravel",
        "honeybadger-io/honeybadger-laravel",
        "rollbar/rollbar-laravel",
        "spatie/laravel-prometheus",
        "laravel/pulse",  # Laravel's production dashboard: slow requests, jobs and queries, exceptions
        "sentry/sdk",
        "open-telemetry/",
        "bugsnag/bugsnag",
        "bugsnag/bugsnag-symfony",
        "rollbar/rollbar",
        "honeybadger-io/honeybadger-php",
        "airbrake/phpbrake",
        "inspector-apm/inspector-laravel",
        "keepsuit/laravel-opentelemetry",
        "datadog/php-datadogstatsd",
        "endclothing/prometheus_client_php",
        "jimdo/prometheus_client_php",
        "arquivei/laravel-prometheus-exporter",
    ),
    "pub": ("sentry_flutter", "sentry", "firebase_crashlytics", "datadog_flutter_plugin", "opentelemetry"),
    "swift": (
        "sentry-cocoa",
        "Sentry",
        "Firebase/Crashlytics",
        "FirebaseCrashlytics",
        "Bugsnag",
        "NewRelicAgent",
        "DatadogSDK",
        "opentelemetry-swift",
        "swift-distributed-tracing",
        "swift-metrics",
    ),
    "hex": (
        "sentry",
        "opentelemetry",
        "opentelemetry_exporter",
        "prom_ex",
        "prometheus_ex",
        "prometheus_plugs",
        "prometheus_phoenix",
        "telemetry_metrics_prometheus",
        "appsignal",
        "appsignal_phoenix",
        "appsignal_plug",
        "honeybadger",
        "rollbax",
        "new_relic_agent",
        "opentelemetry_ecto",
        "opentelemetry_cowboy",
        "opentelemetry_bandit",
        "spandex",
        "spandex_datadog",
        "logger_json",
        "telemetry_metrics_statsd",
        "statix",
        "opentelemetry_phoenix",
    ),
}
#: Loggers that write plain console or file text by default (NLog, Serilog, ``tracing-subscriber``,
#: winston, loguru, logrus): not observability on their own. They count through a structured
#: formatter or a shipping sink, which :data:`LIBRARIES` lists (``Serilog.Sinks.Seq``, ...).
TEXT_LOGGERS: dict[str, tuple[str, ...]] = {
    "nuget": ("NLog", "Serilog", "Serilog.AspNetCore", "log4net"),
    "cargo": ("tracing-subscriber", "env_logger", "log4rs"),
    "npm": ("winston", "log4js", "morgan"),
    "pypi": ("loguru",),
    "go": ("github.com/sirupsen/logrus",),
}
#: Serverless Framework plugins that ship traces, metrics or errors.
SERVERLESS_PLUGINS: tuple[str, ...] = (
    "serverless-plugin-epsagon",
    "serverless-plugin-datadog",
    "serverless-newrelic-lambda-layers",
    "serverless-plugin-lumigo",
    "serverless-sentry",
    "serverless-plugin-thundra",
    "serverless-plugin-tracing",
    "serverless-plugin-aws-alerts",
    "serverless-iopipe-layers",
)
#: Process wrappers of APM agents (``web: newrelic-admin run-program ...``, ``CMD ["ddtrace-run", ...]``).
_AGENT_WRAPPER_RE = lazy_re(r"\b(?:newrelic-admin|ddtrace-run|opentelemetry-instrument|elastic-apm-run)\b")
#: Node.js agents preloaded by the runtime (``node --require dd-trace/init``, ``NODE_OPTIONS=-r newrelic``).
_NODE_AGENT_RE = lazy_re(
    r"(?:--require|--import|-r)[\"']?[ =,]+[\"']?(dd-trace/init|newrelic|elastic-apm-node/start"
    r"|@opentelemetry/auto-instrumentations-node/register)(?=[\s\"',\]]|$)"
)
#: Java agents of APM and metrics tools, by the jar a ``-javaagent:`` option loads.
JAVA_AGENTS: tuple[str, ...] = (
    "opentelemetry-javaagent",
    "otel-javaagent",  # the same jar saved under a shorter name (``/otel-javaagent.jar``)
    "dd-java-agent",
    "newrelic",
    "elastic-apm-agent",
    "applicationinsights-agent",
    "skywalking-agent",
    "pinpoint-bootstrap",
    "whatap.agent",
    "jmx_prometheus_javaagent",
    "splunk-otel-javaagent",
    "glowroot",
    "appserveragent",
    "scouter.agent",
)
#: Configuration files of observability tools.
CONFIG_NAMES: dict[str, str] = {
    "sentry.properties": "Sentry CLI properties",
    ".sentryclirc": "Sentry CLI configuration",
    "newrelic.ini": "New Relic agent configuration",
    "newrelic.js": "New Relic agent configuration",
    "newrelic.yml": "New Relic agent configuration",
    "datadog.yaml": "Datadog agent configuration",
    "prometheus.yml": "Prometheus configuration",
    "prometheus.yaml": "Prometheus configuration",
    "alertmanager.yml": "Alertmanager configuration",
    "alertmanager.yaml": "Alertmanager configuration",
    "otel-collector.yaml": "OpenTelemetry Collector configuration",
    "otel-collector.yml": "OpenTelemetry Collector configuration",
    "otel-collector-config.yaml": "OpenTelemetry Collector configuration",
    "otel-collector-config.yml": "OpenTelemetry Collector configuration",
    "appsignal.yml": "AppSignal configuration",
    "honeybadger.yml": "Honeybadger configuration",
}
_SENTRY_CONFIG_RE = lazy_re(r"^sentry\.(?:client|server|edge)\.config\.[cm]?[jt]s$")
ENV_VAR_RE = lazy_re(
    r"\b(?:SENTRY_DSN|OTEL_EXPORTER_OTLP_ENDPOINT|OTEL_SERVICE_NAME|DD_API_KEY|DD_SERVICE|DD_ENV|DD_AGENT_HOST"
    r"|NEW_RELIC_LICENSE_KEY|NEW_RELIC_APP_NAME|APPLICATIONINSIGHTS_CONNECTION_STRING|HONEYBADGER_API_KEY"
    r"|ROLLBAR_ACCESS_TOKEN|BUGSNAG_API_KEY|OTEL_EXPORTER_OTLP_TRACES_ENDPOINT|ELASTIC_APM_SERVER_URLS?"
    r"|ELASTIC_APM_SERVICE_NAME|HONEYCOMB_API_KEY|APPSIGNAL_PUSH_API_KEY|AIRBRAKE_PROJECT_KEY"
    # LLM tracing: Langfuse's keys, and LangSmith's switch turned on (its API key alone also
    # serves the LangChain Hub)
    r"|LANGFUSE_SECRET_KEY|LANGFUSE_PUBLIC_KEY"
    r"|(?:LANGCHAIN_TRACING_V2|LANGSMITH_TRACING)(?=[ \t]*[:=][ \t]*[\"']?true\b))\b"
)
#: Values left to fill in.
_UNSET_WORDS = frozenset({"", '""', "''", "changeme", "todo", "tbd", "none", "null"})
#: Platform deploy files whose environment block may configure a monitoring agent (Kamal, Render,
#: Heroku, Fly, DigitalOcean).
_PLATFORM_ENV_FILES = ("deploy.yml", "render.yaml", "render.yml", "app.json", "fly.toml", "app.yaml")
#: Names (workflow, file, job, called script) of a scheduled pipeline that checks a deployed service.
_MONITOR_NAME_RE = lazy_re(
    r"(?i)synthetic|uptime|smoke|monitor|health[-_ ]?check|probe|status[-_ ]?check|heartbeat|availability"
)
#: Scheduled work that is maintenance, not monitoring, even when it is named like a check.
_NOT_MONITOR_NAME_RE = lazy_re(r"(?i)stale|dependabot|renovate|codeql|dependenc|lock[-_ ]?threads|label")
#: An http(s) URL that is not the machine itself.
_URL_RE = lazy_re(
    r"\bhttps?://(?!(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])\b)[\w.-]{1,253}(?::\d{1,5})?[^\s\"'`<>)]{0,200}"
)
#: Hosts of code forges and package registries: fetching from them is maintenance, not monitoring.
_NOT_SERVICE_HOST_RE = lazy_re(
    r"(?i)^https?://(?:[\w-]+\.)*(?:github\.com|githubusercontent\.com|gitlab\.com|npmjs\.org|pypi\.org"
    r"|crates\.io|rubygems\.org|docker\.io|ghcr\.io)(?![\w.-])"
)
#: Shell commands that request a URL or run a monitoring checker.
_HTTP_COMMAND_RE = lazy_re(
    r"(?:^|[\s;&|(])(?:curl|wget|http|https|xh|httpie)\s|\bk6\s+(?:cloud|run)\b|\bcheckly\s+(?:test|trigger)\b"
)
#: An HTTP request in a script (JavaScript, Python, Ruby, shell).
_HTTP_CALL_RE = lazy_re(
    r"\bfetch\s*\(|\b(?:requests|httpx|axios|got|urllib\.request|https?)\.(?:get|head|request|urlopen)\s*\("
    r"|\bNet::HTTP\b|(?:^|[\s;&|(])(?:curl|wget)\s"
)
#: Actions that run uptime checks.
UPTIME_ACTIONS: tuple[str, ...] = ("upptime/uptime-monitor", "jtalk/url-health-check-action", "srt32/uptime")
#: Configuration files of synthetic and uptime monitoring services.
SYNTHETIC_CONFIG_NAMES: dict[str, str] = {
    ".upptimerc.yml": "Upptime uptime monitoring",
    "checkly.config.ts": "Checkly synthetic monitoring",
    "checkly.config.js": "Checkly synthetic monitoring",
    "checkly.config.mjs": "Checkly synthetic monitoring",
    "checkly.config.cjs": "Checkly synthetic monitoring",
}
#: Structured (JSON) log formatters named in a Serilog ``appsettings`` section.
SERILOG_JSON_FORMATTERS: tuple[str, ...] = (
    "Serilog.Formatting.Compact.",
    "Serilog.Formatting.Json.JsonFormatter",
    "Serilog.Formatting.Elasticsearch.",
    "Elastic.CommonSchema.Serilog.",
)
#: JSON encoders and layouts of a Logback configuration.
LOGBACK_JSON_ENCODERS: tuple[str, ...] = (
    "net.logstash.logback.",
    "ch.qos.logback.classic.encoder.JsonEncoder",
    "ch.qos.logback.contrib.json.",
    "co.elastic.logging.logback.",
)
#: JSON layouts of a Log4j 2 configuration (XML elements, YAML keys, ``layout.type`` properties).
LOG4J2_JSON_LAYOUTS: tuple[str, ...] = ("JsonTemplateLayout", "JsonLayout", "EcsLayout", "GelfLayout", "LogstashLayout")
#: Log4j 2 configuration files, in each syntax it reads.
_LOG4J2_CONFIGS = (
    "log4j2.xml",
    "log4j2-spring.xml",
    "log4j2.yaml",
    "log4j2.yml",
    "log4j2.json",
    "log4j2.properties",
)
#: Log shipping and telemetry agents, by the start of their configuration file's name: what the
#: signal says, and the settings (lower case, on a line that is not a comment) of which one makes
#: the file ship something (Promtail's Loki ``clients:``, Fluent Bit's ``[OUTPUT]``, ...).
LOG_SHIPPERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("promtail", "Promtail log shipping", ("clients:",)),
    ("fluent-bit", "Fluent Bit log shipping", ("[output]", "outputs:")),
    ("fluentbit", "Fluent Bit log shipping", ("[output]", "outputs:")),
    ("fluentd", "Fluentd log shipping", ("<match",)),
    ("fluent.", "Fluentd log shipping", ("<match",)),
    ("filebeat", "Filebeat log shipping", ("output.",)),
    ("vector.", "Vector log shipping", ("[sinks", "sinks:")),
    ("config.alloy", "Grafana Alloy telemetry pipeline", ("loki.write", "prometheus.remote_write", "otelcol.exporter")),
)
#: Extensions of the agents' configuration files.
_SHIPPER_EXTS = ("yml", "yaml", "conf", "toml", "json", "alloy")
#: Marks that start a comment line in the agents' configuration syntaxes.
_CONFIG_COMMENTS = ("#", "//", ";")
#: Sentry's browser SDK served from its CDN (``<script src="https://browser.sentry-cdn.com/...">``,
#: the ``js.sentry-cdn.com`` loader script).
_SENTRY_CDN = "sentry-cdn.com/"
#: Page templates that load the site's scripts: the index page, base templates, layouts and head
#: partials of server-rendered frameworks (Django/Flask ``base.html``, Rails ``application.html.erb``,
#: ASP.NET ``_Layout.cshtml``, SvelteKit ``app.html``, Laravel ``app.blade.php``, Symfony
#: ``base.html.twig``, a WordPress theme's ``header.php``).
PAGE_TEMPLATES = (
    "index.html",
    "index.htm",
    "base.html",
    "layout.html",
    "app.html",
    "head.html",
    "header.html",
    "_layout.cshtml",
    "application.html.erb",
    "_head.html.erb",
    "_document.html",
    "app.blade.php",
    "base.html.twig",
    "header.php",
)
#: Most page templates and Sentry-named files read looking for the CDN bundle.
MAX_TEMPLATE_READS = 40
#: An ASP.NET Core settings file for development, tests or a local machine (``appsettings.Development.json``).
_DEV_APPSETTINGS_RE = lazy_re(r"^appsettings\.(?:dev|development|test|testing|local|debug)\b", re.IGNORECASE)
#: A Serilog ``WriteTo`` sink that sends the logs to a monitoring service (``"Name": "Sentry"``).
_SERILOG_SINK_RE = lazy_re(
    r'"Name"[ \t]*:[ \t]*"(Sentry|Seq|Elasticsearch|ApplicationInsights|DatadogLogs|GrafanaLoki|OpenTelemetry'
    r'|NewRelicLogs|EventCollector|AmazonCloudWatch|GoogleCloudLogging|Graylog|LogzIo|BetterStack)"'
)


def _appsettings(inv: Inventory) -> list[str]:
    """An ASP.NET Core application's settings files but those for development, tests or a local
    machine: ``appsettings.json``, ``appsettings.Production.json``, a shared ``appsettings.Common.json``."""
    names = [n for n in names_starting(inv, "appsettings", ("appsettings",)) if n.endswith(".json")]
    return sorted(p for p in paths_of(inv, names) if _DEV_APPSETTINGS_RE.search(basename(p)) is None)


#: Settings files of a Spring Boot application (base and production).
_SPRING_SETTINGS = (
    "application.properties",
    "application.yml",
    "application.yaml",
    "application-prod.properties",
    "application-prod.yml",
    "application-prod.yaml",
)
#: Spring Boot's own structured logging (``logging.structured.format.console=ecs``), in either syntax.
_SPRING_STRUCTURED_RE = lazy_re(
    r"^[ \t]*logging\.structured\.format\.(?:console|file)[ \t]*[=:]|^[ \t]+structured:[ \t]*\n[ \t]+format:",
    re.MULTILINE,
)
#: The top-level sections of an OpenTelemetry Collector configuration.
_COLLECTOR_SECTIONS = (
    lazy_re(r"^receivers[ \t]*:", re.MULTILINE),
    lazy_re(r"^exporters[ \t]*:", re.MULTILINE),
    lazy_re(r"^service[ \t]*:", re.MULTILINE),
)
#: Most ``*otel*`` YAML files read looking for a collector configuration.
MAX_COLLECTOR_READS = 10
#: Kubernetes pod annotations that turn on monitoring: the OpenTelemetry Operator's auto-instrumentation
#: (``instrumentation.opentelemetry.io/inject-java: "true"``) and a Prometheus scrape of the pod's metrics.
_POD_MONITORING_RE = lazy_re(
    r"""^[ \t]+["']?(instrumentation\.opentelemetry\.io/inject-[\w-]+|prometheus\.io/scrape)["']?[ \t]*:"""
    r"""[ \t]*["']?(?!false\b)\w""",
    re.MULTILINE,
)
#: CloudFormation and SAM monitoring: alarms, canaries, Application Insights, X-Ray, active tracing.
_CFN_MONITORING_RE = lazy_re(
    r"""^[ \t]+(?:Type:[ \t]*["']?(AWS::CloudWatch::Alarm|AWS::CloudWatch::CompositeAlarm|AWS::Synthetics::Canary"""
    r"""|AWS::ApplicationInsights::Application|AWS::XRay::\w+)|(Tracing):[ \t]*["']?Active\b)""",
    re.MULTILINE,
)
#: Terraform resources that monitor the application: alarms, monitors, alert policies, uptime checks, APM.
TF_MONITORING_RESOURCES: frozenset[str] = frozenset(
    {
        "aws_cloudwatch_metric_alarm",
        "aws_cloudwatch_composite_alarm",
        "aws_synthetics_canary",
        "aws_xray_sampling_rule",
        "datadog_monitor",
        "datadog_synthetics_test",
        "newrelic_alert_policy",
        "newrelic_nrql_alert_condition",
        "newrelic_synthetics_monitor",
        "google_monitoring_alert_policy",
        "google_monitoring_uptime_check_config",
        "azurerm_application_insights",
        "azurerm_monitor_metric_alert",
        "azurerm_application_insights_standard_web_test",
        "sentry_project",
        "grafana_rule_group",
    }
)
_TF_RESOURCE_RE = lazy_re(r'^resource[ \t]+"(\w+)"', re.MULTILINE)
#: Most Terraform files read looking for monitoring resources.
MAX_TF_READS = 100
_MONITOR_KIND_RE = lazy_re(r"^kind:\s*(ServiceMonitor|PodMonitor|PrometheusRule)\s*$", re.MULTILINE)
_PROM_RULES_RE = lazy_re(r"^[ \t]*(?:-[ \t]*)?alert[ \t]*:", re.MULTILINE)


def detect_observability(inv: Inventory) -> Iterator[Signal]:
    for hit in find_dependencies(inv, LIBRARIES, runtime_only=True):
        if not (hit.name == _QUARKUS_JSON and _quarkus_json_off(inv, hit.path)):
            yield Signal(Category.OBSERVABILITY, hit.path, hit.line, f"depends on {hit.name}")
    for path in inv.named(*CONFIG_NAMES):
        if not is_auxiliary(path):
            yield Signal(Category.OBSERVABILITY, path, None, CONFIG_NAMES[basename(path).lower()])
    for name in names_starting(inv, "sentry", ("sentry.",)):
        if _SENTRY_CONFIG_RE.match(name):
            yield from (
                Signal(Category.OBSERVABILITY, p, None, "Sentry SDK configuration")
                for p in inv.named(name)
                if not is_auxiliary(p)
            )
    yield from _collector_configs(inv)
    yield from _compose_monitoring(inv)
    yield from _log_shippers(inv)
    yield from _sentry_cdn(inv)
    yield from _structured_logging(inv)
    yield from _monitoring_manifests(inv)
    yield from _terraform_monitoring(inv)
    yield from _serverless_plugins(inv)
    yield from _procfile_agents(inv)
    yield from _env_vars(inv)
    yield from _synthetic_configs(inv)
    yield from _scheduled_checks(inv)
    yield from _workers_observability(inv)
    yield from _laravel_configs(inv)


_QUARKUS_JSON = "quarkus-logging-json"
#: Quarkus' JSON console logging switched off for every profile (``quarkus.log.console.json=false``,
#: ``quarkus.log.console.json.enabled=false`` since Quarkus 3.5), and switched back on for production.
_QUARKUS_JSON_OFF_RE = lazy_re(r"^quarkus\.log\.console\.json(?:\.enabled)?[ \t]*[=:][ \t]*false[ \t]*$", re.MULTILINE)
_QUARKUS_JSON_PROD_RE = lazy_re(
    r"^%prod\.quarkus\.log\.console\.json(?:\.enabled)?[ \t]*[=:][ \t]*true[ \t]*$", re.MULTILINE
)


def _quarkus_json_off(inv: Inventory, manifest: str) -> bool:
    """Whether the Quarkus configuration beside ``manifest`` (``src/main/resources/application.properties``)
    switches off the JSON logging ``quarkus-logging-json`` turns on, and does not switch it back on
    in production: the dependency then logs plain text."""
    config = manifest[: manifest.rfind("/") + 1] + "src/main/resources/application.properties"
    text = (inv.text(config) if inv.exists(config) else None) or ""
    return _QUARKUS_JSON_OFF_RE.search(text) is not None and _QUARKUS_JSON_PROD_RE.search(text) is None


#: The configuration files Laravel's monitoring packages publish into ``config/``
#: (``php artisan vendor:publish``): sentry-laravel's, bugsnag-laravel's.
_LARAVEL_CONFIGS = {"sentry.php": "Sentry Laravel configuration", "bugsnag.php": "Bugsnag Laravel configuration"}


def _laravel_configs(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*_LARAVEL_CONFIGS):
        if (path.startswith("config/") or "/config/" in path) and path.count("/") <= 3 and not is_auxiliary(path):
            yield Signal(Category.OBSERVABILITY, path, None, _LARAVEL_CONFIGS[basename(path).lower()])


#: Cloudflare Workers' own logs and traces, switched on in the Worker's configuration: a TOML
#: ``[observability]`` table (``[observability.logs]``, one per ``[env.NAME]`` too) or a dotted key
#: or inline table with ``enabled = true``; JSON's ``"observability": {"enabled": true}``; in
#: ``cloudflare.config.ts``, ``observability: { enabled: true }``.
_WORKERS_OBSERVABILITY_RE = lazy_re(
    r"""(?mx)
    ^\[(?:env\.[\w-]{1,60}\.)?observability(?:\.logs)?\][ \t]*(?:\#[^\n]*)?\n
      (?:[ \t]*(?:[\w.-]{1,60}[ \t]*=[^\n]*|\#[^\n]*)?\n){0,10}?[ \t]*enabled[ \t]*=[ \t]*true\b
    | ^[ \t]*observability(?:\.logs)?\.enabled[ \t]*=[ \t]*true\b
    | ^[ \t]*observability[ \t]*=[ \t]*\{[^}\n]{0,200}\benabled[ \t]*=[ \t]*true\b
    | "observability"[ \t]*:[ \t]*\{[^{}]{0,400}?"enabled"[ \t]*:[ \t]*true\b
    | \bobservability[ \t]*:[ \t]*\{[^{}]{0,400}?\benabled[ \t]*:[ \t]*true\b
    """
)


def _workers_observability(inv: Inventory) -> Iterator[Signal]:
    """A Cloudflare Worker whose configuration (``wrangler.toml``, ``cloudflare.config.ts``) switches on
    Workers Logs (``_WORKERS_OBSERVABILITY_RE``)."""
    for path in inv.named(*WRANGLER_CONFIGS, *CLOUDFLARE_CONFIGS):
        text = inv.text(path) or ""
        match = _WORKERS_OBSERVABILITY_RE.search(text) if "observability" in text else None
        if match is not None and not is_auxiliary(path):
            yield Signal(Category.OBSERVABILITY, path, line_at(text, match.start()), "Cloudflare Workers observability")


def _collector_configs(inv: Inventory) -> Iterator[Signal]:
    """OpenTelemetry Collector configurations under other names (``otelcol-config.yml``,
    ``otel-config.yaml``): the collector's ``receivers``, ``exporters`` and ``service`` sections."""
    names = [
        n for n in names_containing(inv, "otel", "otel") if n.endswith((".yml", ".yaml")) and n not in CONFIG_NAMES
    ]
    for path in paths_of(inv, names)[:MAX_COLLECTOR_READS]:
        text = inv.text(path) or ""
        if not is_auxiliary(path) and all(section.search(text) for section in _COLLECTOR_SECTIONS):
            yield Signal(Category.OBSERVABILITY, path, None, "OpenTelemetry Collector configuration")
            return


#: Images of monitoring backends and agents (repository paths, after any registry): run beside the
#: application in a Compose file, they collect its metrics, traces or logs.
MONITORING_IMAGES = frozenset(
    {
        "prom/prometheus",
        "bitnami/prometheus",
        "grafana/loki",
        "grafana/promtail",
        "grafana/tempo",
        "grafana/alloy",
        "grafana/agent",
        "jaegertracing/all-in-one",
        "jaegertracing/jaeger",
        "openzipkin/zipkin",
        "otel/opentelemetry-collector",
        "otel/opentelemetry-collector-contrib",
        "datadog/agent",
        "gcr.io/datadoghq/agent",
        "newrelic/infrastructure",
        "getsentry/sentry",
        "signoz/signoz-otel-collector",
        "victoriametrics/victoria-metrics",
        "fluent/fluent-bit",
        "docker.elastic.co/apm/apm-server",
    }
)
#: Images of log shippers: run in a Compose file with the project's log folder mounted
#: (``./storage/logs:/var/log/app``), they ship this application's logs, app service or not.
LOG_SHIPPER_IMAGES = frozenset(
    {
        "elastic/filebeat",
        "docker.elastic.co/beats/filebeat",
        "grafana/promtail",
        "grafana/alloy",
        "fluent/fluent-bit",
        "fluent/fluentd",
        "timberio/vector",
    }
)


def _compose_monitoring(inv: Inventory) -> Iterator[Signal]:
    """A monitoring backend or agent run as a Compose service beside an application service that
    builds or runs the project's image (not a Compose file of the monitoring stack alone)."""
    for path in compose_files(inv):
        if is_auxiliary(path):
            continue
        services = compose_services(inv, path)
        images = {name: _image_repository(body.get("image")) for name, body in services.items()}
        monitors = [(name, image) for name, image in images.items() if image in MONITORING_IMAGES]
        if monitors and any(body.get("build") is not None for body in services.values()):
            name, image = monitors[0]
            text = inv.text(path) or ""
            yield Signal(Category.OBSERVABILITY, path, line_of_fragment(text, image), f"{image} in Compose ({name})")
            return
        shippers = [
            (name, image, folder)
            for name, image in images.items()
            if image in LOG_SHIPPER_IMAGES and (folder := _mounted_log_folder(services[name])) is not None
        ]
        if shippers:
            name, image, folder = shippers[0]
            text = inv.text(path) or ""
            detail = f"{image} in Compose ({name}) shipping the project's logs ({folder})"
            yield Signal(Category.OBSERVABILITY, path, line_of_fragment(text, image), detail)
            return


def _mounted_log_folder(service: dict[str, Any]) -> str | None:
    """The project's log folder a Compose service mounts (``./storage/logs:/var/log/app``), if any:
    a relative source with a ``log`` folder in it, not a file (the shipper's own settings)."""
    volumes = service.get("volumes")
    for volume in volumes if isinstance(volumes, list) else ():
        source = volume.split(":", 1)[0] if isinstance(volume, str) and ":" in volume else ""
        folders = source.lower().split("/")
        logs = any(part in ("log", "logs") or part.endswith(("-log", "_log", "-logs", "_logs")) for part in folders)
        if source.startswith(".") and logs and "." not in folders[-1]:
            return source
    return None


def _image_repository(image: object) -> str:
    """An image reference's repository (``prom/prometheus:v2.50.1`` is ``prom/prometheus``), without a
    Docker Hub prefix."""
    if not isinstance(image, str):
        return ""
    repository = image.split("@", 1)[0]
    last = repository.rsplit("/", 1)
    if ":" in last[-1]:
        repository = repository[: repository.rfind(":")]
    return repository.removeprefix("docker.io/").removeprefix("library/").lower()


def _log_shippers(inv: Inventory) -> Iterator[Signal]:
    """Configuration of an agent that ships the application's logs or metrics (Promtail, Fluent Bit,
    Fluentd, Filebeat, Vector, Grafana Alloy): one that sends somewhere, not a commented-out sample."""
    names = names_starting(inv, "log-shippers", tuple(prefix for prefix, _, _ in LOG_SHIPPERS))
    for name in names:
        if name.rpartition(".")[2] not in _SHIPPER_EXTS:
            continue
        detail, settings = next((d, n) for prefix, d, n in LOG_SHIPPERS if name.startswith(prefix))
        for path in inv.named(name):
            text = inv.text(path) or ""
            line = None if is_auxiliary(path) else _live_setting(text, settings)
            if line is not None:
                yield Signal(Category.OBSERVABILITY, path, line, detail)
                return


def _live_setting(text: str, settings: tuple[str, ...]) -> int | None:
    """The first line (1-based) holding one of ``settings`` (lower case) that is not a comment."""
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.strip().lower()
        if not code.startswith(_CONFIG_COMMENTS) and any(setting in code for setting in settings):
            return number
    return None


def _sentry_cdn(inv: Inventory) -> Iterator[Signal]:
    """Sentry's browser SDK loaded from its CDN by a page template or a Sentry-named script (no
    package manifest lists it), outside an HTML comment."""
    sentry_named = paths_of(inv, names_containing(inv, "sentry", "sentry"))
    paths = [p for p in (*inv.named(*PAGE_TEMPLATES), *sentry_named) if not _auxiliary_page(p)]
    for path in sorted(paths, key=lambda p: (p.count("/"), p))[:MAX_TEMPLATE_READS]:
        text = inv.text(path) or ""
        at = text.find(_SENTRY_CDN)
        if at >= 0 and text.rfind("<!--", 0, at) <= text.rfind("-->", 0, at):
            yield Signal(Category.OBSERVABILITY, path, line_at(text, at), "Sentry browser SDK from its CDN")
            return


def _auxiliary_page(path: str) -> bool:
    """``is_auxiliary`` for a page template: a ``templates/`` folder is where a server-rendered
    site's pages live (Django's ``shop/templates/base.html``), not a project template."""
    return is_auxiliary("/".join(part for part in path.split("/") if part.lower() not in _PAGE_FOLDERS))


#: Folders that hold a site's page templates.
_PAGE_FOLDERS = frozenset({"template", "templates"})


def _logback_configs(inv: Inventory) -> list[str]:
    """Logback configuration files: ``logback.xml``, ``logback-spring.xml`` and the names a
    ``logging.config`` setting may give (``logback-json.xml``), not the test suite's
    ``logback-test.xml``. ``logstash-logback-encoder`` in a manifest does nothing until one of
    them names its encoder."""
    names = names_starting(inv, "logback", ("logback",))
    return [n for n in names if n.endswith(".xml") and not n.startswith("logback-test")]


def _structured_logging(inv: Inventory) -> Iterator[Signal]:
    """Structured logging configured in the application's settings: a Serilog JSON formatter in
    ``appsettings.json``, a Logback JSON encoder, a Log4j 2 JSON layout, Spring Boot's
    ``logging.structured.format``, a ``tracing-subscriber`` built with its ``json`` feature."""
    for path in _appsettings(inv):
        text = inv.text(path) or ""
        if is_auxiliary(path) or '"Serilog"' not in text:
            continue
        found = _first_of(text, SERILOG_JSON_FORMATTERS)
        if found is not None:
            yield Signal(Category.OBSERVABILITY, path, line_at(text, found), "Serilog JSON log formatter")
            continue
        sink = _SERILOG_SINK_RE.search(text)
        if sink is not None:
            where = line_at(text, sink.start())
            yield Signal(Category.OBSERVABILITY, path, where, f"Serilog writing to {sink.group(1)}")
    for path in paths_of(inv, _logback_configs(inv)):
        text = inv.text(path) or ""
        found = _first_of(text, LOGBACK_JSON_ENCODERS)
        if found is not None and not is_auxiliary(path) and text.rfind("<!--", 0, found) <= text.rfind("-->", 0, found):
            yield Signal(Category.OBSERVABILITY, path, line_at(text, found), "Logback JSON encoder")
    for path in inv.named(*_LOG4J2_CONFIGS):
        text = inv.text(path) or ""
        found = _first_of(text, LOG4J2_JSON_LAYOUTS)
        if found is None or is_auxiliary(path) or text.rfind("<!--", 0, found) > text.rfind("-->", 0, found):
            continue
        start = text.rfind("\n", 0, found) + 1
        if not text[start:found].lstrip().startswith(_CONFIG_COMMENTS):
            yield Signal(Category.OBSERVABILITY, path, line_at(text, found), "Log4j 2 JSON layout")
    for path in inv.named(*_SPRING_SETTINGS):
        text = inv.text(path) or ""
        match = _SPRING_STRUCTURED_RE.search(text)
        if match is not None and not is_auxiliary(path):
            yield Signal(Category.OBSERVABILITY, path, line_at(text, match.start()), "Spring Boot structured logging")
    yield from _go_json_logging(inv)
    yield from _text_logger_as_json(inv)
    yield from _pino_json_logging(inv)
    yield from _hand_written_json_logs(inv)
    yield from _monolog_json(inv)
    yield from _prometheus_exposition(inv)
    for path in manifests(inv, "cargo"):
        text = inv.text(path) or ""
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("tracing-subscriber") and '"json"' in line:
                yield Signal(Category.OBSERVABILITY, path, number, "tracing-subscriber with JSON output")
                break


#: Go files that set up the process's logger: its entry point, its logging and telemetry modules,
#: and the server or application set-up (``internal/platform/httpserver/observe.go``).
GO_LOGGER_FILES = (
    "main.go",
    "logger.go",
    "logging.go",
    "log.go",
    "logs.go",
    "slog.go",
    "observe.go",
    "observability.go",
    "telemetry.go",
    "server.go",
    "app.go",
)
#: JSON output of Go loggers that write text otherwise or live in the standard library: ``log/slog``'s
#: JSON handler, logrus's ``JSONFormatter``.
GO_JSON_LOGGING = ("slog.NewJSONHandler(", "JSONFormatter{")
#: Most entry points and logging modules (Go, Python, JavaScript) read looking for JSON logging.
MAX_LOGGER_READS = 20


def _go_json_logging(inv: Inventory) -> Iterator[Signal]:
    """A Go program logging JSON through the standard library's ``log/slog`` (no manifest names it)
    or logrus's ``JSONFormatter``, set up in its entry point or a logging module, not in a comment."""
    paths = sorted((p for p in inv.named(*GO_LOGGER_FILES) if not is_auxiliary(p)), key=lambda p: (p.count("/"), p))
    for path in paths[:MAX_LOGGER_READS]:
        text = inv.text(path) or ""
        line = _live_line(text, GO_JSON_LOGGING)
        if line is not None:
            yield Signal(Category.OBSERVABILITY, path, line, "Go JSON logging")
            return


#: Python and JavaScript modules that set up the process's logger, its entry points included.
LOGGER_SETUP_FILES = (
    "logger.py",
    "logging.py",
    "logging_config.py",
    "log_config.py",
    "json_logging.py",
    "logs.py",
    "observability.py",
    "telemetry.py",
    "main.py",
    "app.py",
    "logger.js",
    "logger.ts",
    "logging.js",
    "logging.ts",
    "logger.service.ts",
    "main.ts",
)
#: A text logger (``TEXT_LOGGERS``) told to write JSON: loguru's ``serialize=True``, winston's
#: ``format.json()``, NestJS's built-in ``new ConsoleLogger({ json: true })`` (in a Nest logger
#: service or the ``main.ts`` that creates the app); each with the logger's name, which the file
#: must name too.
TEXT_LOGGER_JSON: tuple[tuple[str, str], ...] = (
    ("loguru", "serialize=True"),
    ("winston", "format.json()"),
    ("ConsoleLogger", "json: true"),
    ("ConsoleLogger", "json:true"),
)


def _text_logger_as_json(inv: Inventory) -> Iterator[Signal]:
    """loguru or winston set up to write JSON lines in a logging module or an entry point (they write
    plain text unless told otherwise, so depending on them says nothing)."""
    paths = sorted((p for p in inv.named(*LOGGER_SETUP_FILES) if not is_auxiliary(p)), key=lambda p: (p.count("/"), p))
    for path in paths[:MAX_LOGGER_READS]:
        text = inv.text(path) or ""
        for logger, needle in TEXT_LOGGER_JSON:
            lines = _live_lines(text, needle, comments=("#", "//")) if logger in text else []
            if logger == "winston":
                lines = [(number, at) for number, at in lines if not _printf_after(text, at)]
            if lines:
                yield Signal(Category.OBSERVABILITY, path, lines[0][0], f"{logger} writing JSON logs")
                return


def _live_lines(text: str, needle: str, comments: tuple[str, ...]) -> list[tuple[int, int]]:
    """(line, offset) of each ``needle`` in ``text`` on a line that is not a comment."""
    found: list[tuple[int, int]] = []
    at = text.find(needle)
    while at >= 0 and len(found) < MAX_LOGGER_READS:
        start = text.rfind("\n", 0, at) + 1
        if not text[start:at].lstrip().startswith(comments):
            found.append((line_at(text, at), at))
        at = text.find(needle, at + len(needle))
    return found


#: A name given a winston ``printf`` format (``const logFormat = format.printf(``).
_PRINTF_NAME_RE = lazy_re(
    r"\b(?:const|let|var)[ \t]+([A-Za-z_$][\w$]{0,60})[ \t]*=[ \t]*(?:winston\.)?(?:format\.)?printf\("
)
_IDENTIFIER_RE = lazy_re(r"[A-Za-z_$][\w$]{0,60}")
#: How far a ``combine(`` call is followed to its closing parenthesis.
_COMBINE_SPAN = 4000


def _printf_after(text: str, at: int) -> bool:
    """Whether the winston ``format.json()`` at ``at`` is followed, in the ``combine(...)`` that
    holds it, by a ``printf`` format (inline or by name): the last format writes the line, so the
    logs are the printf's plain text."""
    start = text.rfind("combine(", 0, at)
    if start < 0:
        return False
    depth, end = 0, -1
    for index in range(start + len("combine"), min(len(text), start + _COMBINE_SPAN)):
        char = text[index]
        depth += (char == "(") - (char == ")")
        if depth == 0:
            end = index
            break
    if end < at:
        return False
    rest = text[at:end]
    names = {m.group(1) for m in _PRINTF_NAME_RE.finditer(text)}
    return "printf(" in rest or not names.isdisjoint(m.group(0) for m in _IDENTIFIER_RE.finditer(rest))


#: pino (JSON lines by default) imported, directly or through its framework bindings.
_PINO_IMPORT_RE = lazy_re(
    r"""(?:\bfrom|\brequire\()[ \t]*["'](?:pino|pino-http|hono-pino|nestjs-pino|hapi-pino|express-pino-logger|"""
    r"""koa-pino-logger)["']"""
)
#: Entry points where a server registers its pino plugin or middleware (hapi's
#: ``server.register({ plugin: require('hapi-pino') })``, ``app.use(pinoHttp())``).
_PINO_ENTRY_POINTS = ("server.js", "server.ts", "app.js", "app.ts", "index.js", "index.ts")
#: A choice made by the environment the process runs in (``NODE_ENV === "production"``, ``isDev``).
_ENVIRONMENT_CHOICE_RE = lazy_re(
    r"\bNODE_ENV\b|\bis(?:Dev|Development|Prod|Production)\b|[\"'](?:production|development)[\"']"
)


def _pino_json_logging(inv: Inventory) -> Iterator[Signal]:
    """pino set up in a logger module or an entry point (``pino-logger.ts``, ``logger.module.ts``,
    ``main.ts``, hapi's ``server.js`` registering ``hapi-pino``) to write its JSON lines: with no
    ``pino-pretty`` or with ``pino-pretty`` chosen by the environment (development only). A
    dependency on pino alone, or pino always printed by ``pino-pretty``, is logging for a terminal."""
    named = [
        *inv.named(*LOGGER_SETUP_FILES, *_PINO_ENTRY_POINTS),
        *paths_of(inv, names_containing(inv, "logger", "logger")),
    ]
    scripts = {p for p in named if p.rpartition(".")[2] in JS_EXTENSIONS and not is_auxiliary(p)}
    paths = sorted(scripts, key=lambda p: (p.count("/"), p))
    for path in paths[:MAX_LOGGER_READS]:
        text = inv.text(path) or ""
        found = _PINO_IMPORT_RE.search(text) if "pino" in text else None
        if found is None or ("pino-pretty" in text and _ENVIRONMENT_CHOICE_RE.search(text) is None):
            continue
        yield Signal(Category.OBSERVABILITY, path, line_at(text, found.start()), "pino writing JSON logs")
        return


#: A JSON log line written by hand, with its level: ``console.log(JSON.stringify({ level: 'info',
#: ...}))``, ``process.stdout.write(JSON.stringify({ ts, level, msg }) + "\n")``.
_JSON_LOG_LINE_RE = lazy_re(
    r"\b(?:console\.(?:log|info|warn|error|debug)|process\.std(?:out|err)\.write)\(\s{0,20}JSON\.stringify\(\s{0,20}\{"
    r"[^;]{0,300}?\blevel\b"
)
#: A log entry's ``level`` member on a line of its own (``level,``, ``level: "info",``).
_LEVEL_MEMBER_RE = lazy_re(r"""^[ \t]{0,40}["']?level["']?[ \t]*[,:]""", re.MULTILINE)
#: A variable given an object literal (``const entry = {``, ``const entry: LogEntry = {``).
_OBJECT_VARIABLE_RE = lazy_re(r"\b(?:const|let|var)[ \t]+([A-Za-z_$][\w$]{0,60})[ \t]*(?::[^=\n]{1,80})?=[ \t]*\{")
#: A variable written whole as JSON: the argument of a call or the start of a template literal
#: (``write(`${JSON.stringify(entry)}\n`)``, ``queue.push(JSON.stringify(entry) + "\n")``).
_STRINGIFIED_RE = lazy_re(r"(?:\(|`\$\{)[ \t]{0,10}JSON\.stringify\([ \t]{0,10}([A-Za-z_$][\w$]{0,60})[ \t]{0,10}[),]")
#: A logging library imported: the module then configures that library's output instead.
_LOG_LIBRARY_RE = lazy_re(r"""["'](?:winston|pino|bunyan|log4js|tslog|consola|signale|loglevel)["'/]""")
#: Characters of an object literal read for its ``level`` member.
_ENTRY_CHARS = 600
#: A Python ``logging.Formatter`` subclass of the project's own.
_PY_FORMATTER_RE = lazy_re(r"^class[ \t]+\w{1,60}\([ \t]*logging\.Formatter[ \t]*\)", re.MULTILINE)
#: A standard ``logging.Formatter`` given a format shaped as a JSON object
#: (``fmt='{"time": "%(asctime)s", "level": "%(levelname)s", ...'``).
_PY_JSON_FORMAT_RE = lazy_re(r"""\bFormatter\(\s{0,40}(?:fmt\s{0,5}=\s{0,5})?['"]\{\\?["']""")


def _hand_written_json_logs(inv: Inventory) -> Iterator[Signal]:
    """A logger module of the project's own writing one JSON object per line with its level:
    structured logging without a library. In JavaScript, a module named for its logger
    (``structured-logger.mjs``, ``lib/logger.ts``) that writes ``JSON.stringify`` of an entry with
    a ``level``; in Python, a ``logging.Formatter`` subclass in a logging module (``core/logging.py``)
    whose ``format`` returns ``json.dumps`` of the record with its ``levelname``, or a standard
    ``Formatter`` given a format shaped as a JSON object with ``%(levelname)s``."""
    named = [*paths_of(inv, names_containing(inv, "logger", "logger")), *inv.named(*LOGGER_SETUP_FILES)]
    modules = sorted(
        {p for p in named if p.rpartition(".")[2] in (*JS_EXTENSIONS, "py") and not is_auxiliary(p)},
        key=lambda p: (p.count("/"), p),
    )
    for path in modules[:MAX_LOGGER_READS]:
        text = inv.text(path) or ""
        at = _json_log_writer(text, python=path.endswith(".py"))
        if at is not None:
            yield Signal(Category.OBSERVABILITY, path, line_at(text, at), "JSON log lines with a level")
            return


def _json_log_writer(text: str, *, python: bool) -> int | None:
    """Where ``text`` writes JSON log entries with their level (see ``_hand_written_json_logs``)."""
    if python:
        if "levelname" not in text:
            return None
        formatter = _PY_FORMATTER_RE.search(text) if "json.dumps(" in text else None
        formatter = formatter or _PY_JSON_FORMAT_RE.search(text)
        return None if formatter is None else formatter.start()
    if "JSON.stringify" not in text:
        return None
    found = _JSON_LOG_LINE_RE.search(text)
    if found is not None:
        return found.start()
    if _LOG_LIBRARY_RE.search(text) is not None:
        return None
    entries = {m.group(1): m.end() for m in _OBJECT_VARIABLE_RE.finditer(text)}
    for written in _STRINGIFIED_RE.finditer(text):
        start = entries.get(written.group(1))
        if start is not None:
            body = text[start : start + _ENTRY_CHARS]
            end = body.find("};")
            if _LEVEL_MEMBER_RE.search(body[: end if end >= 0 else len(body)]) is not None:
                return written.start()
    return None


#: A Monolog handler writing JSON (``formatter: monolog.formatter.json``), not commented out.
_MONOLOG_JSON_RE = lazy_re(r"^[ \t]+formatter[ \t]*:[ \t]*[\"']?monolog\.formatter\.json\b", re.MULTILINE)
#: A top-level key of a YAML file (a Symfony environment section, ``when@prod:``).
_TOP_LEVEL_KEY_RE = lazy_re(r"^[^\s#][^:\n]{0,100}:", re.MULTILINE)


def _monolog_json(inv: Inventory) -> Iterator[Signal]:
    """Symfony's Monolog writing JSON lines in production: a handler's ``monolog.formatter.json``
    in the ``when@prod:`` section of ``config/packages/monolog.yaml`` (as Symfony's recipe writes
    it, to ``php://stderr``) or in ``config/packages/prod/monolog.yaml``."""
    for path in inv.named("monolog.yaml", "monolog.yml"):
        if is_auxiliary(path) or "config/packages/" not in f"/{path}":
            continue
        text = inv.text(path) or ""
        production = "/prod/" in f"/{path}"
        sections = [] if production else [(m.start(), m.group()) for m in _TOP_LEVEL_KEY_RE.finditer(text)]
        for found in _MONOLOG_JSON_RE.finditer(text):
            if production or _section_of(sections, found.start()) == "when@prod":
                yield Signal(Category.OBSERVABILITY, path, line_at(text, found.start()), "Monolog writing JSON logs")
                return


def _section_of(sections: list[tuple[int, str]], at: int) -> str:
    """The top-level key (of ``sections``: offset and key, in order) of the YAML section holding
    offset ``at`` (``""`` before any)."""
    index = bisect_right(sections, (at, "")) - 1
    return sections[index][1].rstrip(":").strip() if index >= 0 else ""


#: The content types of Prometheus's text exposition formats: a service that answers with one
#: serves its own metrics, whether a client library writes them or its code does.
PROMETHEUS_CONTENT_TYPES = ("text/plain; version=0.0.4", "application/openmetrics-text")


def _prometheus_exposition(inv: Inventory) -> Iterator[Signal]:
    """A route of the application that answers in Prometheus's exposition format (a metrics
    endpoint written by hand: ``media_type="text/plain; version=0.0.4"``), in its router and entry
    point files."""
    for path in routing_candidates(inv)[:MAX_ROUTE_READS]:
        text = inv.text(path) or ""
        line = _live_line(text, PROMETHEUS_CONTENT_TYPES, comments=("#", "//"))
        if line is not None:
            yield Signal(Category.OBSERVABILITY, path, line, "serves Prometheus metrics")
            return


def _live_line(text: str, needles: tuple[str, ...], comments: tuple[str, ...] = ("//",)) -> int | None:
    """The first line (1-based) holding one of ``needles`` that is not a comment (``//`` by default)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if any(needle in line for needle in needles) and not line.lstrip().startswith(comments):
            return number
    return None


def _first_of(text: str, needles: tuple[str, ...]) -> int | None:
    """The offset of the earliest of ``needles`` in ``text``."""
    found = [at for at in (text.find(n) for n in needles) if at >= 0]
    return min(found) if found else None


def _unset(text: str, end: int) -> bool:
    """Whether the variable named just before ``end`` is assigned nothing on its line (or, for a
    container's ``- name:``, on the ``value:`` line after it): empty, empty quotes, a bracketed
    placeholder (``[FILL_ME_IN]``, ``<dsn>``) or a to-do word."""
    stop = text.find("\n", end)
    rest = text[end : len(text) if stop < 0 else stop].lstrip("\"' \t")
    if not rest.strip() and stop >= 0:  # a container's ``- name: X`` whose ``value:`` is the next line
        close = text.find("\n", stop + 1)
        following = text[stop + 1 : close if close >= 0 else len(text)].strip()
        rest = following[len("value") :] if following.startswith("value:") else rest
    if not rest.startswith((":", "=")):
        return False
    value = rest[1:].split("#", 1)[0].strip()
    lowered = value.lower()
    return (
        lowered in _UNSET_WORDS
        or (value[:1], value[-1:]) in (("[", "]"), ("<", ">"))
        or lowered.startswith(("your-", "your_", "xxx"))
    )


def _synthetic_configs(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*SYNTHETIC_CONFIG_NAMES):
        text = inv.text(path) or ""
        if is_auxiliary(path) or not text.strip():
            continue
        if path.lower().endswith(".yml") and not re.search(r"^sites[ \t]*:", text, re.MULTILINE):
            continue
        yield Signal(Category.OBSERVABILITY, path, None, SYNTHETIC_CONFIG_NAMES[basename(path).lower()])
    for name in names_containing(inv, "synthetics", ".synthetics.json"):
        if name.endswith(".synthetics.json"):
            for path in inv.named(name):
                if not is_auxiliary(path) and '"tests"' in (inv.text(path) or ""):
                    yield Signal(Category.OBSERVABILITY, path, None, "Datadog Synthetics tests")


def _scheduled_checks(inv: Inventory) -> Iterator[Signal]:
    """A CI pipeline on a timer whose job checks a deployed URL: synthetic or uptime monitoring."""
    for pipeline in pipelines(inv):
        if pipeline.scheduled:
            found = _scheduled_check(inv, pipeline)
            if found is not None:
                yield found


def _monitor_word(*names: str | None) -> str | None:
    for name in names:
        if name and not _NOT_MONITOR_NAME_RE.search(name):
            match = _MONITOR_NAME_RE.search(name)
            if match is not None:
                return match.group(0).lower()
    return None


def _service_url(text: str) -> str | None:
    for match in _URL_RE.finditer(text):
        if not _NOT_SERVICE_HOST_RE.match(match.group(0)):
            return match.group(0)
    return None


def _scheduled_check(inv: Inventory, pipeline: Pipeline) -> Signal | None:
    path = pipeline.file.path
    ci_text = inv.text(path) or ""
    for use in pipeline.uses:
        if use.ref.lower() in UPTIME_ACTIONS:
            return Signal(Category.OBSERVABILITY, path, use.line, f"scheduled uptime check ({use.ref}) in {path}")
    pipeline_word = _monitor_word(pipeline.name, basename(path))
    for cmd in pipeline.commands:
        for line in cmd.lines():
            script = repo_script(inv, line)
            word = pipeline_word or _monitor_word(cmd.job, script)
            if word is None:
                continue
            target: str | None = None
            if _HTTP_COMMAND_RE.search(line):
                target = _service_url(line) or ("a deployed URL" if "$" in line or "EXPR" in line else None)
            elif script is not None:
                body = "\n".join(script_lines(inv, script))
                if _HTTP_CALL_RE.search(body):
                    target = _service_url(body)
            if target is not None:
                detail = f"scheduled {word} check of {target} in {path}"
                return Signal(Category.OBSERVABILITY, path, command_line(ci_text, cmd, line), detail)
    return None


def _serverless_plugins(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("serverless.yml", "serverless.yaml"):
        if is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            plugins = doc.get("plugins")
            if isinstance(plugins, dict):
                plugins = plugins.get("modules")
            for plugin in as_str_list(plugins) if not isinstance(plugins, list) else plugins:
                if isinstance(plugin, str) and plugin in SERVERLESS_PLUGINS:
                    text = inv.text(path) or ""
                    yield Signal(
                        Category.OBSERVABILITY,
                        path,
                        line_of_fragment(text, plugin),
                        f"Serverless Framework plugin {plugin}",
                    )
                    return


def _procfile_agents(inv: Inventory) -> Iterator[Signal]:
    """An APM agent wrapping or preloaded into the process: a ``Procfile`` command, a Dockerfile's
    ``CMD``/``ENTRYPOINT``/``ENV``, or a Compose service's command or ``JAVA_TOOL_OPTIONS``."""
    candidates = [p for p in inv.named("Procfile") if not is_auxiliary(p)]
    candidates.extend(dockerfiles(inv))
    candidates.extend(compose_files(inv))
    for path in candidates:
        found = _agent(inv.text(path) or "")
        if found is not None:
            yield Signal(Category.OBSERVABILITY, path, found[0], f"runs under {found[1]}")
            return


def _agent(text: str) -> tuple[int, str] | None:
    """The line and name of the first APM agent a start command loads, comment lines skipped."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        match = _AGENT_WRAPPER_RE.search(line) or _NODE_AGENT_RE.search(line)
        if match is not None:
            return number, match.group(match.lastindex or 0)
        jar = _java_agent(line)
        if jar is not None:
            return number, f"the {jar} Java agent"
    return None


def _java_agent(line: str) -> str | None:
    """The known agent a ``-javaagent:<jar>`` option on ``line`` loads."""
    at = line.find("-javaagent:")
    while at >= 0:
        lowered = (line[at + len("-javaagent:") :].split(None, 1) or [""])[0].lower()
        for agent in JAVA_AGENTS:
            if agent in lowered:
                return agent
        at = line.find("-javaagent:", at + 1)
    return None


def _monitoring_manifests(inv: Inventory) -> Iterator[Signal]:
    for path, text in texts(inv, yaml_candidates(inv)):
        match = _MONITOR_KIND_RE.search(text)
        if match is not None:
            yield Signal(Category.OBSERVABILITY, path, line_at(text, match.start()), f"Prometheus {match.group(1)}")
            continue
        rule = _PROM_RULES_RE.search(text) if "groups" in text else None
        if rule is not None and re.search(r"^[ \t]+expr[ \t]*:", text, re.MULTILINE):
            yield Signal(Category.OBSERVABILITY, path, line_at(text, rule.start()), "Prometheus alerting rules")
            continue
        pod = _POD_MONITORING_RE.search(text) if "metadata:" in text else None
        if pod is not None:
            yield Signal(Category.OBSERVABILITY, path, line_at(text, pod.start()), f"pod annotation {pod.group(1)}")
            continue
        cfn = _CFN_MONITORING_RE.search(text) if "AWS::" in text else None
        if cfn is not None:
            what = cfn.group(1) or "X-Ray active tracing"
            yield Signal(Category.OBSERVABILITY, path, line_at(text, cfn.start()), f"CloudFormation {what}")
            continue
        nais = _nais_monitoring(text) if NAIS_API in text else None
        if nais is not None:
            yield Signal(Category.OBSERVABILITY, path, nais[0], nais[1])


#: What a NAIS ``Application`` switches on for its monitoring: ``spec.prometheus`` (the platform
#: scrapes its metrics) and ``spec.observability.autoInstrumentation`` (OpenTelemetry tracing).
_NAIS_MONITORING = {"prometheus:": "NAIS Prometheus metrics", "autoInstrumentation:": "NAIS OpenTelemetry tracing"}


def _nais_monitoring(text: str) -> tuple[int, str] | None:
    """(line, what) of the first NAIS monitoring table with ``enabled: true`` among its entries."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        what = _NAIS_MONITORING.get(line.strip())
        if what is None:
            continue
        indent = len(line) - len(line.lstrip())
        for entry in lines[index + 1 : index + 8]:
            if entry.strip() and len(entry) - len(entry.lstrip()) <= indent:
                break
            if entry.strip().replace(" ", "").replace('"', "") == "enabled:true":
                return index + 1, what
    return None


def _terraform_monitoring(inv: Inventory) -> Iterator[Signal]:
    """Monitoring declared as Terraform resources (a CloudWatch alarm, a Datadog monitor, ...)."""
    paths = sorted((p for p in inv.with_ext("tf", "tofu") if not is_auxiliary(p)), key=lambda p: (p.count("/"), p))
    for path in paths[:MAX_TF_READS]:
        text = inv.text(path) or ""
        for resource in _TF_RESOURCE_RE.finditer(text):
            if resource.group(1) in TF_MONITORING_RESOURCES:
                yield Signal(
                    Category.OBSERVABILITY, path, line_at(text, resource.start()), f"Terraform {resource.group(1)}"
                )
                return


def _env_vars(inv: Inventory) -> Iterator[Signal]:
    candidates: list[str] = list(paths_of(inv, names_containing(inv, "env", ".env")))
    candidates.extend(compose_files(inv))
    # a platform's env block names them too (Kamal's is config/deploy.yml, not a CI workflow)
    candidates.extend(p for p in inv.named(*_PLATFORM_ENV_FILES) if not p.startswith((".github/", ".gitea/")))
    # a Kubernetes workload's or a Helm chart's container environment
    candidates.extend(p for p, text in texts(inv, yaml_candidates(inv)) if "containers:" in text or "env:" in text)
    for path in candidates:
        if is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        for match in ENV_VAR_RE.finditer(text):
            if on_comment_line(text, match.start()):
                continue
            if _unset(text, match.end()):
                continue  # SENTRY_DSN= or SENTRY_DSN: "" (left to fill in) configures nothing
            yield Signal(Category.OBSERVABILITY, path, line_at(text, match.start()), f"configures {match.group(0)}")
            break
