"""``health-check``: container, orchestration and PaaS health checks, health modules and routes (§9.2)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Set
from itertools import chain, islice
from typing import Any, NamedTuple

from pocmvp_lint.detectors._deps import find_dependencies
from pocmvp_lint.detectors._health_infra import (
    NAIS_API,
    NAIS_PROBE_RE,
    PROBE_HANDLER_RE,
    PROBE_RE,
    cloudformation_health,
    copilot_health,
    ecs_health,
    helm_helper_probes,
    in_chart_templates,
    kamal_health,
    nomad_health,
    program_health,
    terraform_health,
)
from pocmvp_lint.detectors._placement import DEV_WORDS
from pocmvp_lint.detectors._util import (
    JS_EXTENSIONS,
    SPRING_SETTINGS_RE,
    as_dict,
    basename,
    is_auxiliary,
    is_auxiliary_code,
    line_at,
    line_of_fragment,
    line_of_key_under,
    load_json,
    load_toml,
    names_containing,
    names_starting,
    paths_of,
    yaml_mappings,
)
from pocmvp_lint.detectors._yamlscan import texts, yaml_candidates
from pocmvp_lint.detectors.deploy import compose_files, compose_services, dockerfiles, final_base, infra_image
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.detectors.sources import SOURCE_EXTS
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

_HEALTHCHECK_RE = lazy_re(r"^[ \t]*HEALTHCHECK[ \t]+(?!NONE\b)\S", re.IGNORECASE | re.MULTILINE)
#: Health-check modules of web frameworks.
HEALTH_LIBRARIES: dict[str, tuple[str, ...]] = {
    "maven": (
        "spring-boot-starter-actuator",
        "quarkus-smallrye-health",
        "smallrye-health",
        "micronaut-management",
        "helidon-health",
    ),
    "npm": ("@godaddy/terminus", "@nestjs/terminus", "express-healthcheck", "lightship", "grpc-health-check"),
    "pypi": ("django-health-check", "fastapi-health", "py-healthcheck", "flask-healthz", "grpcio-health-checking"),
    "nuget": (
        "AspNetCore.HealthChecks",
        "Microsoft.Extensions.Diagnostics.HealthChecks",
        "Grpc.AspNetCore.HealthChecks",
        "Grpc.HealthCheck",
    ),
    "gem": ("health_check", "okcomputer", "rails-healthcheck", "health-monitor-rails"),
    "hex": ("plug_checkup", "health_checkup"),
    "composer": ("spatie/laravel-health", "ukfast/laravel-health-check"),
    "go": ("github.com/heptiolabs/healthcheck", "github.com/hellofresh/health-go", "github.com/alexliesenfeld/health"),
}
#: The paths of health endpoints, after ``/``, an ``/api`` and a version prefix.
_HEALTH_PATHS = r"(?:healthz?|health[-_]?check(?:er|s)?|liveness|readiness|livez|readyz|ready|alive|up|ping|status)"
#: Probe paths no resource is named after: they count below any short prefix (``/probe/liveness``,
#: ``/internal/healthz``), where a bare ``/health`` or ``/status`` may be a resource's.
_PROBE_PATHS = r"(?:healthz|health[-_]?check(?:er|s)?|liveness|readiness|livez|readyz)"
#: Health route paths inside a route declaration (signals.md §9.2): calls and decorators of every
#: router (Laravel's ``Route::get`` too), Ruby and Phoenix ``get "/health"`` and ``forward "/health"``,
#: Go 1.22 method patterns ``HandleFunc("GET /healthz", ...)``, a probe's kind below a health path
#: (``/health/live``, ``/health/ready``), and the prefix of a Python router
#: whose routes are all health checks (FastAPI ``APIRouter(prefix="/health")``, ``include_router(...,
#: prefix="/health")``, Flask ``Blueprint(..., url_prefix="/healthz")``).
ROUTE_RE = lazy_re(
    r"""(?imx)
    (?:(?:\.|::)(?:get|route|use|head|handle|handlefunc|mapget|map)\s*\(|HandleFunc\s*\(|MapGet\s*\(|MapHealthChecks\s*\(
      |^[ \t]*(?:get|forward)(?:\s*\(|(?=\s))|path\s*\(|re_path\s*\(|@(?:app|router|bp|api)\.\w+\s*\(|health\s*:
      |\b(?:APIRouter|Blueprint|include_router|register_blueprint)\s*\([^()\n]{0,200}?\b(?:url_)?prefix\s*=)
    \s*[r]?["'](?:(?:GET|HEAD)[ ])?(?:(?:/api)?(?:/v\d)?/"""
    + _HEALTH_PATHS
    + r"""(?:/(?:live|liveness|ready|readiness|startup))?|(?:/[\w-]{1,40}){1,3}/"""
    + _PROBE_PATHS
    + r""")/?["']
    """
)
#: Django URL patterns, written without a leading slash (``path("health/", ...)``,
#: ``re_path(r"^healthz$", ...)``): the unambiguous health words only.
_DJANGO_ROUTE_RE = lazy_re(
    r"""\b(?:re_)?path\s*\(\s*r?["']\^?(?:api/)?(?:v\d/)?"""
    r"(?:healthz?|health[-_]?check(?:er|s)?|liveness|readiness|livez|readyz|ping)"
    r"""/?\$?["']"""
)
#: Attribute route paths: not ``status`` or ``up``, which alone name many a resource.
_ATTRIBUTE_PATHS = r"(?:healthz?|health[-_]?check(?:er|s)?|liveness|readiness|livez|readyz|ready|alive|ping)"
#: Attribute routes, whose path may go without its leading slash (and is often relative to the
#: controller's): ASP.NET ``[Route("api/ping")]``, ``[HttpGet("health")]``, NestJS ``@Get('health')``/
#: ``@Controller('health')``, JAX-RS ``@Path("/health")``, Spring ``@GetMapping("/health")``/
#: ``@RequestMapping(value = "/health")``, actix-web and Rocket ``#[get("/health")]``.
_ATTRIBUTE_ROUTE = r"""(?x)
    (?:\[(?:Route|Http(?:Get|Head))\s*\(|@(?:Get|Head|Controller|Path)\s*\(|\#\[(?:get|head|route)\s*\(
      |@(?:Get|Request|Head)Mapping\s*\((?:\s*(?:value|path)\s*=)?(?:\s*\{)?)
    \s*["']/?(?:api/)?(?:v\d/)?PATHS/?["']
    """
_ATTRIBUTE_ROUTE_RE = lazy_re(_ATTRIBUTE_ROUTE.replace("PATHS", _ATTRIBUTE_PATHS), re.IGNORECASE)
#: An attribute route to ``status`` (ASP.NET ``[Route("api/status")]``): a health check only when
#: the method below it replies that the service is fine (``_replies_fine``).
_ATTRIBUTE_STATUS_RE = lazy_re(_ATTRIBUTE_ROUTE.replace("PATHS", "status"), re.IGNORECASE)
#: A route declared as an object of its method and path, in either order (``@hono/zod-openapi``'s
#: ``createRoute({ method: "get", path: "/ping" })``, hapi's ``server.route({ method: "GET", path:
#: "/health" })``, Fastify's ``fastify.route({ method: "GET", url: "/healthz" })``, a Go route
#: table's ``{Path: "/ping", Method: http.MethodGet, ...}``): the probe words only, as for
#: attribute routes.
_GET_METHOD = r"""(?:["'](?:get|head)["']|http\.Method(?:Get|Head)\b)"""
_ROUTE_OBJECT_RE = lazy_re(
    r"""(?ix)
    \bmethod\s*:\s*"""
    + _GET_METHOD
    + r"""[^{}]{0,300}?\b(?:path|url)\s*:\s*["'](?:/api)?(?:/v\d)?/"""
    + _ATTRIBUTE_PATHS
    + r"""/?["']
    | \b(?:path|url)\s*:\s*["'](?:/api)?(?:/v\d)?/"""
    + _ATTRIBUTE_PATHS
    + r"""/?["'][^{}]{0,300}?\bmethod\s*:\s*"""
    + _GET_METHOD
    + """
    """
)
#: A fetch handler's own routing (Cloudflare Workers, ``Deno.serve``, ``Bun.serve``, Node's
#: ``http.createServer``): the request's path compared with a probe path, ``if (url.pathname ===
#: "/health")``, ``case "/healthz":``, or a probe path as a key of a route table at the start of
#: a line (``Bun.serve({ routes: { "/healthz": ... } })``). Only the unambiguous probe words (the
#: key not even ``/health``, a page's title in a table of pages): a bot compares its commands with
#: ``"/ping"`` and ``"/status"`` the same way.
_PATH_COMPARE_RE = lazy_re(
    r"""(?mx)
    (?:\b(?:pathname|path|route|uri|url)\s*===?\s*|\bcase\s+)
    ["'](?:/api)?(?:/v\d)?/(?:healthz?|health[-_]?check(?:er|s)?|liveness|readiness|livez|readyz)/?["']
    | ^[ \t]*["'](?:/api)?(?:/v\d)?/(?:healthz|health[-_]?check(?:er|s)?|liveness|readiness|livez|readyz)/?["'][ \t]*:
    """
)
#: A handler whose whole reply is a health status: a load balancer's target check, on whatever path
#: it probes (often "/"). ``res.send('healthy')``, ``w.Write([]byte("alive"))``,
#: ``c.String(200, "healthy")``, ``return {"status": "healthy"}``.
_HEALTH_REPLY_RE = lazy_re(
    r"""(?ix)
    (?:\.(?:send|end|write|json|text|body|string|writestring|plaintext)\s*\(|\breturn\b(?:\s*\()?)
    \s*(?:\d{3}\s*,\s*|http\.StatusOK\s*,\s*)?(?:\[\]byte\(\s*)?
    (?:["'](?:healthy|alive|i'?m\ alive|i\ am\ alive)["']
      |\{\s*["']?status["']?\s*:\s*["'](?:healthy|alive|up)["']\s*\})
    """
)
#: A route its author files under "health" in the API's documentation, whatever its path (often "/"):
#: FastAPI's ``@app.get("/", tags=["Health"])``, NestJS Swagger's ``@ApiTags('health')``.
_TAGGED_HEALTH_RE = lazy_re(
    r"""@\w+\.(?:get|head|api_route)\s*\([^()\n]{0,200}?\btags\s*=\s*\[\s*["']health(?:[-_ ]?checks?)?["']"""
    r"""|@ApiTags\s*\(\s*["']health(?:[-_ ]?checks?)?["']""",
    re.IGNORECASE,
)
#: A GET route registered under a constant or variable naming a health path, or to a handler
#: named for health checks, whatever its path (gorilla/mux ``HandleFunc(constant.HealthRoute,
#: commons.HealthCheck)``, ``router.get(HEALTH_PATH, ...)``, gin ``r.GET(path, handlers.HealthCheck)``);
#: not a healthcare resource (``HealthRecords``, ``healthcare``).
_HEALTH_SUFFIX = r"health(?:[-_]?(?:check|route|path|endpoint|url|uri|handler|probe)s?|z)?(?![a-z0-9])"
_NAMED_HEALTH_ROUTE_RE = lazy_re(
    r"(?:\.(?:get|handle|handlefunc|head)|\bHandleFunc|\bMapGet)\s*\(\s*(?:"
    r"(?:\w{1,40}\.){0,3}(?:\w{0,20}[-_])?"
    + _HEALTH_SUFFIX  # the path: a health constant, then a handler
    + r"\s*,(?!\s*(?:[\"'`\d\[{]|(?:None|null|undefined|true|false)\b))"
    r"|(?:[\w.]{1,60}|[\"'][^\"'\n]{0,80}[\"'])\s*,\s*(?:\w{1,40}\.){0,3}(?:get|check|handle)?[-_]?"
    + _HEALTH_SUFFIX  # the handler: named for health checks
    + r"\s*[,)])",
    re.IGNORECASE,
)
_FRAMEWORK_HEALTH_RE = lazy_re(
    r"MapHealthChecks\s*\(|rails/health#show|management\.endpoints?\.\S*health|"
    r"health:\s*['\"]/up['\"]"
)
#: Images of backing services: their health checks watch a dependency, not the application.
BACKING_SERVICE_RE = lazy_re(
    r"(?:^|/)(?:postgres|postgis|redis|valkey|rabbitmq|elasticsearch|opensearch|mysql|mariadb|mongo|memcached"
    r"|kafka|zookeeper|minio|localstack|mailhog|mailpit|clickhouse|cassandra|nats|etcd)(?:[\w.]*)(?::|@|$)",
    re.IGNORECASE,
)
#: Code of a health endpoint in a file named for health checks (controller, plug, handler, server,
#: a Spring ``HealthIndicator``, an ASP.NET ``IHealthCheck``). A quoted ``/health`` is the whole path
#: (not ``/health-records`` or ``/health/records``, a healthcare resource).
_HEALTH_CODE_RE = lazy_re(
    r"""["'/]health(?:z|[-_]?check)?(?![\w-]|/\w)|\[Http(?:Get|Head)\b|\[Route\s*\("""
    r"""|\bdef\s+call\s*\(\s*(?:%Plug\.Conn\{|conn\b)"""
    r"|@(?:Get|Request)Mapping\b|@(?:Readiness|Liveness)\b|\bimplements\s+HealthCheck\b|\bhealth_check\b"
    # a Python route decorator there (FastAPI's ``routers/healthcheck.py``, a Flask blueprint's ``health.py``)
    r"|@\w{1,40}(?:\.\w{1,40}){0,2}\.(?:get|head|route|api_route)\s*\("
    r"|\bimplements\s+(?:Reactive)?HealthIndicator\b|\bextends\s+Abstract(?:Reactive)?HealthIndicator\b"
    r"|:\s*(?:Reactive)?HealthIndicator\b|:\s*IHealthCheck\b|\b(?:Map|Use)HealthChecks\s*\("
    # a Go HTTP handler (net/http, Gin, Echo, Fiber) in a file named for health checks (``health.go``)
    r"|\bhttp\.ResponseWriter\b|\*gin\.Context\b|\becho\.Context\b|\*fiber\.Ctx\b"
    # a JavaScript or TypeScript handler there: a fetch ``Response`` (Workers, Deno, Bun), an answer
    # through Express's ``res`` (``res.json({...})``, not a fetch client's ``res.json()``), a handler
    # typed for Express (``res: Response``, answering through a helper), Fastify's ``reply`` or Koa's ``ctx``
    r"|\bnew\s+Response\s*\(|\bres\.(?:status|sendStatus|send)\s*\(|\bres\.json\s*\(\s*[^\s)]"
    r"|\bres[ \t]*:[ \t]*(?:express\.)?Response\b"
    r"|\breply\.(?:code|status|send)\s*\(|\bctx\.(?:body|status)\s*=[^=]"
    # a Rails controller action answering there (``render json: {...}``, ``head :ok``)
    r"|\brender[ \t(]+(?:json|plain|status|body|text)[ \t]*:|\bhead[ \t(]+:(?:ok|no_content)\b",
    re.IGNORECASE,
)
#: A swaggo annotation documenting a GET route to a probe path above its Go handler
#: (``// @Router /healthcheck [get]``): swag builds the API's OpenAPI document from these, route
#: by route. A comment by design, so it is read where ``_in_code`` skips comments.
_SWAG_HEALTH_ROUTE_RE = lazy_re(
    r"^[ \t]*//[ \t]*@Router[ \t]+(?:/api)?(?:/v\d)?/" + _ATTRIBUTE_PATHS + r"/?[ \t]+\[(?:get|head)\]",
    re.IGNORECASE | re.MULTILINE,
)
#: A handler that renders a page (a view template): a healthcare page mounted at ``/health``, not a check.
_RENDERS_VIEW_RE = lazy_re(
    r"""\bres\.render\s*\(|\brender_template\s*\(|\brender\s*\(\s*request\b|\breturn\s+(?:Partial)?View\s*\("""
    r"""|\bview\s*\(\s*["']"""
)
#: Authentication in front of a route: a health check answers the load balancer without logging in.
_AUTH_GUARD_RE = lazy_re(
    r"ensureAuthenticated|isAuthenticated|ensureLoggedIn|login_required|requireAuth|requireLogin"
    r"|passport\.authenticate|\[Authorize\b|authenticate_user!"
)
#: The start of another route on a line: the end of the previous route's handler.
_ROUTE_START_RE = lazy_re(
    r"\.(?:get|post|put|patch|delete|all|use|route|head)\s*\(|^[ \t]*(?:@|\[|(?:get|post|put|patch|delete)\b)",
    re.MULTILINE,
)
#: What may follow ``health`` in the name of a source file for a health check: the words of an
#: endpoint (``health.py``, ``health_check.ex``, ``DbHealthIndicator``, ``healthz_handler``,
#: ``health.controller``), not other words (``health_infra``, ``healthcare``).
_HEALTH_NAME_WORDS: tuple[str, ...] = (
    *("check", "checks", "z", "controller", "controllers", "handler", "handlers", "endpoint", "endpoints"),
    *("indicator", "indicators", "route", "routes", "router", "routers", "api", "plug", "server"),
    *("probe", "probes", "service", "module", "resource", "view", "views", "contributor", "status", "live", "ready"),
    # where ASP.NET registers them (``HealthCheckConfigs.cs``, ``HealthChecksExtensions.cs``)
    *("config", "configs", "configuration", "configurations", "extension", "extensions", "setup"),
)
#: Most endpoint words after ``health`` in a file name.
_MAX_HEALTH_NAME_WORDS = 3
#: Source files whose name or folder suggests routing or the app entry point.
_ROUTING_PATH_RE = lazy_re(
    r"(?:^|/)(?:routes?|routers?|routing|urls|app|main|server|index|api|handlers?|health\w*|bootstrap/app|"
    r"config/routes|program|startup|application)(?:\.[\w.]+$|/)"
    r"|(?:^|/)(?:routes?|routers?|routing)[-_][\w-]{1,40}\.[\w.]+$",  # ``routers-setting.ts``, ``routes_v1.py``
    re.IGNORECASE,
)
#: Most source files read looking for health routes.
MAX_ROUTE_READS = 60


#: A backing service's own readiness probe in a compose healthcheck: it checks the database or the
#: broker, not the application (``pg_isready``, ``redis-cli ping``, MariaDB's ``healthcheck.sh``).
_BACKING_PROBE_RE = lazy_re(
    r"\b(?:pg_isready|mysqladmin|mariadb-admin|redis-cli|valkey-cli|mongosh|mongo|rabbitmq-diagnostics|rabbitmqctl"
    r"|cqlsh|kafka-topics(?:\.sh)?|etcdctl|clickhouse-client)\b|\bhealthcheck\.sh\b[^\n]{0,80}--(?:connect|innodb)"
)


def _backing_probe(check: object) -> bool:
    """Whether a compose ``healthcheck`` runs a backing service's own probe (``_BACKING_PROBE_RE``)."""
    test = check.get("test") if isinstance(check, dict) else None
    text = " ".join(map(str, test)) if isinstance(test, list) else str(test or "")
    return _BACKING_PROBE_RE.search(text[:500]) is not None


def _backing_service(image: str) -> bool:
    """An image of a backing service, by its name under any registry (``BACKING_SERVICE_RE``) or by
    the publishers the deploy detector knows (``confluentinc/cp-kafka``, ``grafana/grafana``)."""
    return BACKING_SERVICE_RE.search(image) is not None or infra_image(image)


#: Most templates of a chart read to see whether one renders a probe of its values.
_MAX_TEMPLATE_READS = 60
_TOP_KEY_RE = lazy_re(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def _rendered(inv: Inventory, path: str, text: str, at: int) -> bool:
    """Whether a probe written in a chart's values file (at offset ``at``) reaches a pod: some template
    of the chart names a probe (``.Values.livenessProbe``, ``toYaml .Values.probes``) or renders the
    top-level value the probe sits in. ``helm create`` writes probes into ``values.yaml``; templates
    rewritten without them leave those values unused. A file outside a chart, or a chart without
    templates of its own (its values go to the charts it depends on), keeps its probe."""
    folder = path[: path.rfind("/") + 1]
    if not (inv.exists(f"{folder}Chart.yaml") or inv.exists(f"{folder}Chart.yml")):
        return True
    templates = [p for p in inv.with_ext("yaml", "yml", "tpl", "txt") if p.startswith(f"{folder}templates/")]
    if not templates:
        return True
    end = text.find("\n", at)
    tops = [m.group(1) for m in _TOP_KEY_RE.finditer(text, 0, len(text) if end < 0 else end)]
    top = tops[-1] if tops else ""
    for template in sorted(templates)[:_MAX_TEMPLATE_READS]:
        body = inv.text(template) or ""
        if "probe" in body.lower() or (top and f".Values.{top}" in body):
            return True
    return len(templates) > _MAX_TEMPLATE_READS


def detect_health(inv: Inventory) -> Iterator[Signal]:
    for path in dockerfiles(inv):
        text = inv.text(path) or ""
        match = _HEALTHCHECK_RE.search(text)
        base = final_base(text)
        if match is not None and not (base and _backing_service(base[0])):
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), "Dockerfile HEALTHCHECK")
    for path in compose_files(inv):
        for name, body in compose_services(inv, path).items():
            check = body.get("healthcheck")
            image = body.get("image") if isinstance(body.get("image"), str) else str(name)
            if _backing_service(str(image)) or _backing_service(str(name)) or _backing_probe(check):
                continue  # the database's health (cookiecutter-django builds its own postgres image)
            if isinstance(check, dict) and check.get("test") and not check.get("disable"):
                text = inv.text(path) or ""
                yield Signal(
                    Category.HEALTH_CHECK,
                    path,
                    line_of_key_under(text, str(name), "healthcheck"),
                    f"compose healthcheck on service '{name}'",
                )
                break
            label = _traefik_health_label(body.get("labels"), body.get("deploy"))
            if label is not None:
                text = inv.text(path) or ""
                yield Signal(
                    Category.HEALTH_CHECK,
                    path,
                    line_of_fragment(text, label),
                    f"Traefik load balancer health check on service '{name}'",
                )
                break
    for path, text in texts(inv, yaml_candidates(inv)):
        match = PROBE_RE.search(text)
        if match is not None and ("apiVersion" in text or in_chart_templates(inv, path)):
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), f"Kubernetes {match.group(1)}")
        elif (
            match is not None
            and (probe := PROBE_HANDLER_RE.search(text)) is not None
            and _rendered(inv, path, text, probe.start(2))
        ):
            where = line_at(text, probe.start(2))
            yield Signal(Category.HEALTH_CHECK, path, where, f"{probe.group(2)} with {probe.group(3)}")
        elif NAIS_API in text and (nais := NAIS_PROBE_RE.search(text)) is not None:
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, nais.start()), f"NAIS {nais.group(1)} probe")
    yield from helm_helper_probes(inv)
    yield from terraform_health(inv)
    yield from cloudformation_health(inv)
    yield from ecs_health(inv)
    yield from copilot_health(inv)
    yield from kamal_health(inv)
    yield from program_health(inv)
    yield from nomad_health(inv)
    yield from _paas_health(inv)
    for hit in find_dependencies(inv, HEALTH_LIBRARIES):
        if hit.name == "spring-boot-starter-actuator" and _actuator_health_hidden(inv):
            continue
        yield Signal(Category.HEALTH_CHECK, hit.path, hit.line, f"health-check module {hit.name}")
    yield from _config_health(inv)
    routes = [*_routes(inv), *_file_routes(inv)]
    yield from routes
    yield from _health_modules(inv, {s.path for s in routes})


#: Most Spring settings files read for the endpoints they expose.
MAX_SPRING_SETTINGS = 20
#: A property of a ``.properties`` file: its key and value (up to a comment or a quote).
_PROPERTY_RE = lazy_re(r"^[ \t]*([\w.\[\]-]+)[ \t]*[=:][ \t]*[\"']?([^\n#\"']*)", re.MULTILINE)
#: Settings that switch Actuator's health endpoint itself off or on (Spring Boot 1's and later
#: ones'), and those that switch every endpoint, health included unless it is switched back on.
#: Keys in relaxed form: lower case, without dashes or underscores.
_HEALTH_SWITCHES = ("endpoints.health.enabled", "management.endpoint.health.enabled")
_ALL_SWITCHES = ("endpoints.enabled", "management.endpoints.enabledbydefault")
_EXPOSURE = "management.endpoints.web.exposure."
#: Most keys read from one settings document.
_MAX_SETTINGS_KEYS = 2000


def _actuator_health_hidden(inv: Inventory) -> bool:
    """Whether the project's Spring settings keep Actuator's health endpoint off HTTP, in every
    settings document that says: the endpoints they expose leave ``health`` out
    (``include=refresh``) or hide it (``exclude=health`` or ``*``), or they switch it off
    (``management.endpoint.health.enabled=false``), or switch every endpoint off without switching
    health back on (Spring Boot 1's ``endpoints.enabled: false``, which Grails 3 writes into every
    new application; ``management.endpoints.enabled-by-default=false``). Spring exposes ``health``
    when none says. The settings of a development or test profile (``application-dev.yaml``, a
    document ``on-profile: local``) do not decide: the deployed application never reads them."""
    verdicts: list[bool] = []
    settings = (p for p in inv.with_ext("properties", "yml", "yaml") if SPRING_SETTINGS_RE.match(basename(p)))
    for path in sorted(p for p in settings if not is_auxiliary(p) and not _development_settings(p))[
        :MAX_SPRING_SETTINGS
    ]:
        if path.endswith(".properties"):
            documents = [{_relaxed(k): v.strip() for k, v in _PROPERTY_RE.findall(inv.text(path) or "")}]
        else:
            documents = [_flattened(doc) for doc in yaml_mappings(inv, path)]
        for values in documents:
            if not _development_profile(values):
                verdicts += _health_verdicts(values)
    return bool(verdicts) and all(verdicts)


#: Keys, in relaxed form, naming the profile a Spring settings document is for (Spring Boot 2.4's
#: and the older one).
_SPRING_PROFILE_SETTINGS = ("spring.config.activate.onprofile", "spring.profiles")


def _development_settings(path: str) -> bool:
    """Whether a Spring settings file is named for development or test profiles only
    (``application-dev.yaml``, ``application-local.properties``)."""
    stem = basename(path).rsplit(".", 1)[0].lower()
    profiles = set(stem.split("-")[1:])
    return bool(profiles) and profiles <= DEV_WORDS


def _development_profile(values: dict[str, str]) -> bool:
    """Whether a settings document is only for development or test profiles (``on-profile: dev``)."""
    profiles = [values[k] for k in _SPRING_PROFILE_SETTINGS if k in values]
    words = {w.strip().lower() for v in profiles for w in v.replace("|", ",").replace("&", ",").split(",")}
    return bool(words) and words <= DEV_WORDS


def _health_verdicts(values: dict[str, str]) -> list[bool]:
    """What one settings document says of the health endpoint: True for each setting that keeps it
    off HTTP, False for each that leaves it on."""
    verdicts: list[bool] = []
    for kind in ("include", "exclude"):
        value = values.get(_EXPOSURE + kind)
        if value is not None:
            shown = bool({"health", "*"} & {v.strip().lower() for v in value.split(",")})
            verdicts.append(not shown if kind == "include" else shown)
    own = [values[k].lower() for k in _HEALTH_SWITCHES if k in values]
    every = [values[k].lower() for k in _ALL_SWITCHES if k in values]
    if own:
        verdicts.append("false" in own)
    elif every:
        verdicts.append("false" in every)
    return verdicts


def _relaxed(key: str) -> str:
    """A Spring key in relaxed form (``enabled-by-default``, ``enabledByDefault``: one key)."""
    return key.lower().replace("-", "").replace("_", "")


def _flattened(doc: dict[Any, Any]) -> dict[str, str]:
    """A YAML settings document as dotted keys in relaxed form (nested keys and dotted ones alike),
    lists joined with commas; at most ``_MAX_SETTINGS_KEYS`` keys."""
    out: dict[str, str] = {}
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack and len(out) < _MAX_SETTINGS_KEYS:
        prefix, node = stack.pop()
        for key, value in as_dict(node).items():
            name = _relaxed(f"{prefix}.{key}" if prefix else str(key))
            if isinstance(value, dict):
                stack.append((name, value))
            elif isinstance(value, list):
                out[name] = ",".join(str(v) for v in value)
            else:
                out[name] = str(value)
    return out


#: Traefik's load balancer health check, set by a service's labels (``traefik.http.services.api.
#: loadbalancer.healthcheck.path=/health``; Traefik 1's ``traefik.backend.healthcheck.path``).
_TRAEFIK_HEALTH_SUFFIXES = (".loadbalancer.healthcheck.path", "traefik.backend.healthcheck.path")


def _traefik_health_label(labels: object, deploy: object) -> str | None:
    """The label (key) of a Compose service (or its Swarm ``deploy``) that sets a Traefik health
    check path, or None."""
    sources = [labels, deploy.get("labels") if isinstance(deploy, dict) else None]
    for source in sources:
        keys = (
            [str(k) for k in source]
            if isinstance(source, dict)
            else [str(item).partition("=")[0] for item in source]
            if isinstance(source, list)
            else []
        )
        for key in keys:
            if key.strip().endswith(_TRAEFIK_HEALTH_SUFFIXES):
                return key.strip()
    return None


def _health_modules(inv: Inventory, routes: Set[str]) -> Iterator[Signal]:
    """Source files named for health checks that define an endpoint (a ``HealthcheckController``, a Phoenix
    plug, a Rails health server, a Quarkus/MicroProfile check, a Spring ``HealthIndicator``); not one that
    renders a page (a healthcare view), nor one of the ``routes`` found already (``pages/api/health.ts``)."""
    names = [
        n
        for n in names_containing(inv, "health", "health")
        if n.rsplit(".", 1)[-1] in SOURCE_EXTS and _health_named(n.split(".", 1)[0])
    ]
    for path in sorted(paths_of(inv, names), key=lambda p: (p.count("/"), p))[:MAX_ROUTE_READS]:
        if path in routes or path.count("/") > _max_depth(path, _MAX_MODULE_DEPTH) or is_auxiliary_code(inv, path):
            continue
        text = inv.text(path) or ""
        if _in_code(text, _RENDERS_VIEW_RE.finditer(text)) is not None:
            continue
        match = _in_code(text, _unguarded(text, _HEALTH_CODE_RE.finditer(text)), python=path.endswith(".py"))
        if match is None and path.endswith(".go"):
            match = _SWAG_HEALTH_ROUTE_RE.search(text)
        if match is not None:
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), "health endpoint module")
            return


def _health_named(stem: str) -> bool:
    """``health`` in a file's name, followed only by up to three endpoint words (``_HEALTH_NAME_WORDS``),
    each perhaps after a ``-`` or ``_``."""
    low = stem.lower()
    at = low.rfind("health")
    return at >= 0 and _endpoint_words(low[at + len("health") :], _MAX_HEALTH_NAME_WORDS)


def _endpoint_words(rest: str, left: int) -> bool:
    """Whether ``rest`` is at most ``left`` endpoint words, each perhaps after a ``-`` or ``_``."""
    if not rest:
        return True
    word = rest[1:] if rest[0] in "-_" else rest
    return left > 0 and any(
        word.startswith(w) and _endpoint_words(word[len(w) :], left - 1) for w in _HEALTH_NAME_WORDS
    )


def _paas_health(inv: Inventory) -> Iterator[Signal]:
    keyed = {
        "render.yaml": ("healthCheckPath",),
        "render.yml": ("healthCheckPath",),
        "railway.toml": ("healthcheckPath",),
        "railway.json": ("healthcheckPath",),
        "app.yaml": ("liveness_check", "health_checks"),  # App Engine, Wasmer Edge
        "apprunner.yaml": ("HealthCheck",),
        "task-definition.json": ("healthCheck",),
    }
    any_case = {"task-definition.json"}  # templates write ``healthcheck`` too
    for path in inv.named(*keyed):
        if is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        name = path.rsplit("/", 1)[-1].lower()
        found = [(at, key) for key in keyed[name] if (at := _find_key(text, key, name in any_case)) >= 0]
        if found:
            index, key = min(found)
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, index), f"platform health check ({key})")
    yield from _fly_checks(inv)
    for path in inv.named("CHECKS"):
        if "/" not in path:
            yield Signal(Category.HEALTH_CHECK, path, None, "Dokku CHECKS file")
    for path in inv.named("app.json"):
        data = load_json(inv, path)
        if isinstance(data, dict) and "healthchecks" in data:
            yield Signal(Category.HEALTH_CHECK, path, None, "Dokku/Heroku app.json healthchecks")


#: Where a Fly.io app configuration declares its checks: the Machines ``[checks]`` table, the
#: ``[[http_service.checks]]`` list and the ``http_checks``/``tcp_checks``/``script_checks`` lists of
#: each ``[[services]]`` entry (table headers as written, for the evidence line).
_FLY_CHECKS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("checks",), "[checks"),
    (("http_service", "checks"), "[[http_service.checks]]"),
    (("services", "http_checks"), "[[services.http_checks]]"),
    (("services", "tcp_checks"), "[[services.tcp_checks]]"),
    (("services", "script_checks"), "[[services.script_checks]]"),
)


def _fly_checks(inv: Inventory) -> Iterator[Signal]:
    """A ``fly.toml`` that declares a check: the empty ``http_checks = []`` and ``script_checks = []``
    that ``fly launch`` writes are none."""
    for path in inv.named("fly.toml"):
        data = load_toml(inv, path)
        if is_auxiliary(path) or data is None:
            continue
        text = inv.text(path) or ""
        for keys, header in _FLY_CHECKS:
            if _declared(data, keys):
                at = text.find(header)
                line = line_at(text, at) if at >= 0 else None
                yield Signal(Category.HEALTH_CHECK, path, line, f"platform health check ({'.'.join(keys)})")
                break


def _declared(data: dict[str, Any], keys: tuple[str, ...]) -> bool:
    """True when ``keys`` lead to a non-empty table or list of checks (``services`` is a list of tables)."""
    node: Any = data.get(keys[0])
    if len(keys) == 1:
        return isinstance(node, dict) and len(node) > 0
    tables = node if isinstance(node, list) else [node]
    values = [table.get(keys[1]) for table in tables if isinstance(table, dict)]
    return any(isinstance(value, (list, dict)) and len(value) > 0 for value in values)


def _find_key(text: str, key: str, any_case: bool) -> int:
    """Where ``key`` first occurs in ``text``, or -1."""
    return text.lower().find(key.lower()) if any_case else text.find(key)


def _config_health(inv: Inventory) -> Iterator[Signal]:
    names = ("application.properties", "application.yml", "application.yaml", "appsettings.json")
    for path in inv.named(*names):
        text = inv.text(path) or ""
        match = _FRAMEWORK_HEALTH_RE.search(text)
        line = None if match is None else line_at(text, match.start())
        management = match is not None and match.group(0).startswith("management")
        if match is None and path.endswith((".yml", ".yaml")) and "management" in text:
            line = _nested_actuator_health(inv, path, text)
            management = line is not None
        if line is None or is_auxiliary(path) or (management and _actuator_undeclared(inv)):
            continue  # Spring reads ``management.*`` settings only with Actuator on the class path
        yield Signal(Category.HEALTH_CHECK, path, line, "framework health endpoint configured")


_MANAGEMENT_KEY_RE = lazy_re(r"^management[ \t]*:", re.MULTILINE)


def _nested_actuator_health(inv: Inventory, path: str, text: str) -> int | None:
    """The line of Actuator's health endpoint in a Spring YAML written as nested keys
    (``management: endpoints: web: exposure: include: health,info``, ``management: endpoint:
    health: probes: enabled: true``): the ``management`` key's line, or None."""
    for doc in yaml_mappings(inv, path):
        values = _flattened(doc)
        verdicts = _health_verdicts(values)
        if verdicts and all(verdicts):
            continue  # health kept off HTTP or switched off (``management.endpoint.health.enabled: false``)
        exposed = {v.strip().lower() for v in values.get(_EXPOSURE + "include", "").split(",")}
        if exposed & {"health", "*"} or any(key.startswith("management.endpoint.health.") for key in values):
            top = _MANAGEMENT_KEY_RE.search(text)
            return None if top is None else line_at(text, top.start())
    return None


#: Build files that declare a Spring application's modules.
_SPRING_BUILD_FILES = ("pom.xml", "build.gradle", "build.gradle.kts", "libs.versions.toml")


#: Most build files read for an Actuator declaration, shallowest first.
MAX_SPRING_BUILD_READS = 20


def _actuator_undeclared(inv: Inventory) -> bool:
    """Whether the project's build files (read, not empty; the shallowest ``MAX_SPRING_BUILD_READS``)
    declare no Actuator: its ``management.*`` settings then configure an endpoint the application
    does not have. Worked out once per inventory."""
    return inv.memo("actuator-undeclared", lambda: _no_actuator(inv))


def _no_actuator(inv: Inventory) -> bool:
    builds = sorted(inv.named(*_SPRING_BUILD_FILES), key=lambda p: (p.count("/"), p))[:MAX_SPRING_BUILD_READS]
    texts = [text for path in builds if (text := inv.text(path))]
    return bool(texts) and not any("actuator" in text for text in texts)


#: Framework health endpoints declared in code, each in its own language's files (a Python
#: file that mentions ``rails/health#show`` declares no Rails route).
_FRAMEWORK_ROUTES = {
    # ``UseHealthChecks("/health")``: ASP.NET Core's middleware form of ``MapHealthChecks``; a bare
    # ``AddHealthChecks()`` only registers the checks, and serves them at no URL
    "cs": lazy_re(r"(?:Map|Use)HealthChecks\s*\(|MapGrpcHealthChecksService\s*\("),
    # Go middleware that answers a health URL itself: chi's ``middleware.Heartbeat("/ping")``,
    # go-pkgz/rest's ``rest.Ping`` (passed to ``Use``, not called), Fiber's ``healthcheck.New()``;
    # and a gRPC server's health service (``grpc_health_v1.RegisterHealthServer(s, health.NewServer())``)
    "go": lazy_re(
        r"\bmiddleware\.Heartbeat\s*\(|\brest\.Ping\b(?!\s*\()|\bhealthcheck\.New\s*\(|\bRegisterHealthServer\s*\("
    ),
    "rb": lazy_re(r"rails/health#show"),
    "php": lazy_re(r"health:\s*['\"]/up['\"]"),
    # the gRPC Health Checking Protocol's service, as each language's gRPC library registers it
    "py": lazy_re(r"\badd_HealthServicer_to_server\s*\("),
    "java": lazy_re(r"\bnew\s+HealthStatusManager\s*\("),
    "kt": lazy_re(r"\bHealthStatusManager\s*\("),
}


#: What the gRPC health service's registration says in every language (``RegisterHealthServer``,
#: ``add_HealthServicer_to_server``, ``HealthStatusManager``, ``MapGrpcHealthChecksService``).
_GRPC_HEALTH = ("RegisterHealthServer", "add_HealthServicer", "HealthStatusManager", "MapGrpcHealthChecksService")


def _framework_route(path: str, text: str) -> re.Match[str] | None:
    pattern = _FRAMEWORK_ROUTES.get(path.rpartition(".")[2].lower())
    return _in_code(text, pattern.finditer(text)) if pattern is not None else None


def _in_code(text: str, matches: Iterator[re.Match[str]], *, python: bool = False) -> re.Match[str] | None:
    """The first of ``matches`` on a line that is not a comment (commented-out code declares nothing)
    and, in ``python`` source, not in a triple-quoted string (a docstring's example declares nothing).

    Each line is looked at once, however many matches it holds (a hostile file may be one long
    commented line of them)."""
    line_end = -1
    comment = False
    strings: list[tuple[int, int]] | None = None
    for match in matches:
        at = match.start()
        if python:
            strings = _triple_quoted(text) if strings is None else strings
            inside = bisect_right(strings, (at, len(text))) - 1
            if inside >= 0 and at < strings[inside][1]:
                continue
        if at > line_end:  # a new line: where it starts and ends, and whether it is a comment
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line_end = len(text) if end < 0 else end
            first = _FIRST_NON_BLANK.search(text, start, line_end)
            comment = (
                first is not None
                and text.startswith(_COMMENT_MARKS, first.start())
                and not text.startswith(_NOT_COMMENTS, first.start())
            )
        if not comment:
            return match
    return None


_FIRST_NON_BLANK = lazy_re(r"[^ \t]")
_TRIPLE_QUOTE_RE = lazy_re(r"\"\"\"|'''")


def _triple_quoted(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of Python's triple-quoted strings in ``text``, in order (an unclosed
    one runs to the end); one pass, whatever the text."""
    spans: list[tuple[int, int]] = []
    at = 0
    while (opening := _TRIPLE_QUOTE_RE.search(text, at)) is not None:
        close = text.find(opening.group(0), opening.end())
        at = len(text) if close < 0 else close + 3
        spans.append((opening.start(), at))
    return spans


_COMMENT_MARKS = ("#", "//", "/*", "*", "--", "<!--")
#: Lines starting like a comment that are code: a Rust attribute (``#[get("/health")]``).
_NOT_COMMENTS = ("#[",)


def _routes(inv: Inventory) -> Iterator[Signal]:
    candidates = routing_candidates(inv)[:MAX_ROUTE_READS]
    for path in chain(candidates, _root_programs(inv, frozenset(candidates))):
        text = inv.text(path) or ""
        python = path.endswith(".py")
        match = (
            _in_code(text, _unguarded(text, _health_routes(text)), python=python)
            or _in_code(text, _unguarded(text, _ROUTE_OBJECT_RE.finditer(text)), python=python)
            or _in_code(text, _unguarded(text, _attribute_routes(text)), python=python)
            or _in_code(text, _unguarded(text, _django_checks(inv, path, text)), python=python)
            or _in_code(text, _unguarded(text, _TAGGED_HEALTH_RE.finditer(text)), python=python)
            or _in_code(text, _unguarded(text, _PATH_COMPARE_RE.finditer(text)), python=python)
            or _in_code(text, _unguarded(text, _NAMED_HEALTH_ROUTE_RE.finditer(text)), python=python)
            or _in_code(text, _unguarded(text, _commented_health_routes(text)), python=python)
            or _in_code(text, _unguarded(text, _health_named_handlers(text)), python=python)
            or _framework_route(path, text)
        )
        grpc = match is not None and any(marker in match.group(0) for marker in _GRPC_HEALTH)
        detail = "gRPC health service" if grpc else "health route"
        if match is None:
            match = _in_code(text, _HEALTH_REPLY_RE.finditer(text), python=python)
            detail = "route replying with a health status"
        if match is not None:
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), detail)
            return


#: A GET route opening a line (``app.get('/', ...)``, ``@app.get("/")``, ``router.route("/")``).
_GET_ROUTE_RE = lazy_re(r"""^[ \t]*@?[\w.$]{1,60}\.(?:get|head|route)\s*\(\s*["'`]""", re.IGNORECASE | re.MULTILINE)
#: A comment naming what the code below it is for: a health check (``// Simple health check``,
#: ``# liveness probe``, a numbered section's ``// 13. Health Check``; ``// Root endpoint for status
#: check`` over the root route only, an order's status check being the order's), not one still to
#: write (``// TODO: add a health check``, ``# no healthcheck``).
_HEALTH_COMMENT_RE = lazy_re(
    r"""^[ \t]*(?://+|\#+|/\*+|\*)[ \t]*(?:\d{1,3}[.)][ \t]+)?(?!(?:no|not|without|todo)\b)(?:[\w-]+[ \t]+){0,3}"""
    r"""(?:health[ _-]?checks?|liveness(?:[ _-]probe)?|heartbeat|(status[ _-]?checks?))\b""",
    re.IGNORECASE,
)
#: Characters above a route read for its comment.
_COMMENT_WINDOW = 400


#: A comment line that only draws a rule (``# -----------``, ``// ======``, box-drawing ``// ──────``).
_DIVIDER_COMMENT_RE = lazy_re(
    r"^[ \t]{0,40}(?:/{2,10}|\#{1,10})[ \t]{0,10}[-=*#~_\u2500\u2501\u2550]{3,200}[ \t]{0,10}$"
)


#: The root path, right after a route's opening quote (``"/"``).
_ROOT_PATH_RE = lazy_re(r"""/["'`]""")


def _commented_health_routes(text: str) -> Iterator[re.Match[str]]:
    """GET routes, whatever their path (often "/"), whose author calls them a health check in the
    comment right above them (decorators, blank lines and a comment drawing a rule between allowed:
    a section heading ``# Health Check`` over ``# ------``)."""
    for match in _GET_ROUTE_RE.finditer(text):
        above = text[max(0, match.start() - _COMMENT_WINDOW) : match.start()].split("\n")[-8:-1]
        for line in reversed(above):
            if not line.strip() or line.lstrip().startswith("@") or _DIVIDER_COMMENT_RE.fullmatch(line):
                continue
            said = _HEALTH_COMMENT_RE.match(line)
            if said is not None and (said.group(1) is None or _ROOT_PATH_RE.match(text, match.end())):
                yield match
            break


#: A GET route's decorator or annotation: Python's (``@app.get("/")``, ``@bp.route("/")``), Spring's
#: ``@GetMapping``, NestJS's ``@Get()``.
_GET_DECORATOR_RE = lazy_re(
    r"^[ \t]*@(?:[\w.$]{1,60}\.(?:get|head|route|api_route)|GetMapping|Get)\s*\(", re.IGNORECASE | re.MULTILINE
)
#: The function or method a decorator stack ends on: ``async def health_check(``,
#: ``public ResponseEntity<String> healthCheck(``, ``async healthz(``.
_DECORATED_NAME_RE = lazy_re(
    r"^[ \t]*(?:(?:async[ \t]+)?def[ \t]+|(?:(?:public|private|protected|async|suspend|fun)[ \t]+){0,3}"
    r"(?:[\w.<>\[\]?,]{1,80}[ \t]+)?)(\w{1,60})[ \t]*\(",
    re.MULTILINE,
)
#: Characters below a route's decorator read for the function it decorates.
_HANDLER_WINDOW = 400


#: A Python docstring opening with what its function is for: a health check (``Health check
#: endpoint.``, ``Liveness probe.`` between triple quotes).
_HEALTH_DOCSTRING_RE = lazy_re(
    r"^[ \t]*[rRuU]?(?:\"{3}|'{3})[ \t]*(?:[\w-]+[ \t]+){0,3}"
    r"(?:health[ _-]?checks?|liveness(?:[ _-]probe)?|heartbeat)\b",
    re.IGNORECASE,
)


def _health_named_handlers(text: str) -> Iterator[re.Match[str]]:
    """GET routes, whatever their path (often "/"), whose decorated function is named for a health
    check (``@router.get("/")`` over ``def healthcheck(``, ``@GetMapping`` over ``healthCheck()``)
    or, in Python, says it is one in its docstring (``def root():`` opening with a ``Health check
    endpoint.`` docstring); other decorators and the rest of a decorator's arguments may come
    between."""
    for match in _GET_DECORATOR_RE.finditer(text):
        end = min(len(text), match.end() + _HANDLER_WINDOW)
        lines = text[text.find("\n", match.end()) + 1 : end].split("\n")[:8]
        for at, line in enumerate(lines[:6]):
            stripped = line.strip()
            if not stripped or stripped.startswith(("@", ")", '"', "'", "#", "//")) or stripped.endswith((",", "(")):
                continue  # another decorator, or the rest of this one's arguments
            named = _DECORATED_NAME_RE.match(line)
            if named is not None and (_health_named(named.group(1)) or _health_docstring(lines[at + 1 :], line)):
                yield match
            break


def _health_docstring(following: list[str], declaration: str) -> bool:
    """Whether the Python function declared on ``declaration`` opens its body with a docstring
    saying it is a health check (the first line after the signature that is not blank)."""
    if not declaration.lstrip().startswith(("def ", "async def ")):
        return False
    body = next((line for line in following if line.strip()), "")
    return _HEALTH_DOCSTRING_RE.match(body) is not None


#: Script languages whose small services are often one file at the project root named for the
#: project (Sinatra's ``calendar.rb``, Flask's ``bookstore.py``, Express's ``shop.js``).
_ROOT_PROGRAM_EXTS = frozenset({"py", "rb", "js", "mjs", "cjs", "ts", "php", "go"})
#: Most such root files read, when no router or entry point declared a health route.
MAX_ROOT_PROGRAMS = 8


def _root_programs(inv: Inventory, seen: frozenset[str]) -> Iterator[str]:
    """Program files at the project root not named like routers or entry points, read last: a
    one-file service declares its routes in the file named for it. Found only when needed."""
    found = (
        p
        for p in inv.classified.source_files  # sorted; not ``with_ext``, which would index every file by name
        if "/" not in p and p.rpartition(".")[2].lower() in _ROOT_PROGRAM_EXTS and p not in seen
    )
    yield from islice(found, MAX_ROOT_PROGRAMS)


#: Most characters of a Django view read to see whether it renders a page.
_MAX_VIEW_CHARS = 3000


#: A URL pattern's ``include("health.urls")``: the module whose patterns answer below its path.
_DJANGO_INCLUDE_RE = lazy_re(r"""\s{0,20},\s{0,40}include\(\s{0,20}["']([\w.]{1,100})["']""")
#: A pattern for the URL an include is mounted at itself (``path("", ...)``, ``re_path(r"^$", ...)``).
_DJANGO_ROOT_PATTERN_RE = lazy_re(r"""\b(?:re_)?path\(\s*r?["']\^?\$?["']""")


def _django_checks(inv: Inventory, path: str, text: str) -> Iterator[re.Match[str]]:
    """Django health URL patterns whose view, in the ``views.py`` beside ``urls.py``, does not
    render a page: ``path("health/", views.HealthView)`` rendering ``health.html`` is a healthcare
    page of the site (a college's Health department), not a check. A path that includes the
    project's own URL module counts only when that module answers the path itself: the patterns
    of a donor health quiz (``include("health.urls")``, ``quiz/``) are not a check, while a
    library's (``include("health_check.urls")``) are."""
    views: str | None = None
    for match in _DJANGO_ROUTE_RE.finditer(text):
        included = _DJANGO_INCLUDE_RE.match(text, match.end())
        if included is not None:
            urls = _project_module(inv, path, included.group(1))
            if urls is not None and _DJANGO_ROOT_PATTERN_RE.search(urls) is None:
                continue
        view = _django_view(text, match.end())
        if view:
            if views is None:
                folder = path.rpartition("/")[0]
                views = "\n" + (inv.text(f"{folder}/views.py" if folder else "views.py") or "")
            if _renders_page(views, view.removesuffix(".as_view").rpartition(".")[2]):
                continue
        yield match


def _project_module(inv: Inventory, path: str, module: str) -> str | None:
    """The text of the dotted Python ``module`` as the project at or above ``path``'s folder holds
    it (Django imports from the folder of ``manage.py``), or None when no folder above holds it (a
    library's)."""
    relative = module.replace(".", "/") + ".py"
    folder = path.rpartition("/")[0]
    while True:
        candidate = f"{folder}/{relative}" if folder else relative
        if inv.exists(candidate):
            return inv.text(candidate)
        if not folder:
            return None
        folder = folder.rpartition("/")[0]


def _django_view(text: str, end: int) -> str:
    """The dotted view a Django URL pattern ending at ``end`` routes to (``, views.health_check,
    name=...`` gives ``views.health_check``), or ``""``."""
    rest = text[end : end + 300].lstrip()
    if not rest.startswith(","):
        return ""
    rest = rest[1:].lstrip()
    size = next((at for at, char in enumerate(rest) if not (char.isalnum() or char in "_.")), len(rest))
    return rest[:size]


def _renders_page(views: str, name: str) -> bool:
    """Whether the function or class ``name`` of a views module renders a template."""
    for keyword in ("def ", "class "):
        at = views.find(f"\n{keyword}{name}(")
        if at >= 0:
            following = views.find("\n", at + 1)
            end = min(len(views), at + _MAX_VIEW_CHARS)
            for marker in ("\ndef ", "\nclass ", "\n@"):
                nxt = views.find(marker, following, end)
                end = nxt if nxt >= 0 else end
            body = views[at:end]
            return _RENDERS_VIEW_RE.search(body) is not None or "template_name" in body or "TemplateView" in body
    return False


#: A controller's own route, declared before its class: its methods' routes are relative to it.
_CONTROLLER_ROUTE_RE = lazy_re(
    r"""(?:@RequestMapping|\[Route|@Controller|@Path)\s*\(\s*(?:(?:value|path)\s*=\s*)?["']([^"'\n]*)["']"""
)
_CLASS_RE = lazy_re(r"\bclass\b")
#: The class an ASP.NET ``[controller]`` route token stands for: its name without ``Controller``
#: (``[Route("api/[controller]")]`` over ``class PingController`` routes to ``/api/ping``).
_TOKEN_CLASS_RE = lazy_re(r"class[ \t]+(\w{1,60}?)Controller\b")
_PROBE_NAME_RE = lazy_re(_ATTRIBUTE_PATHS, re.IGNORECASE)
_HTTP_GET_ATTRIBUTE_RE = lazy_re(r"\[Http(?:Get|Head)\b")
#: Controller routes that leave a method's health path a health URL: none, ``/api``, ``/api/v1``.
_NEUTRAL_PREFIX_RE = lazy_re(r"/?(?:api/?)?(?:v\d+/?)?", re.IGNORECASE)


def _attribute_routes(text: str) -> Iterator[re.Match[str]]:
    """Attribute routes, but not a method's below a controller route of its own
    (``@RequestMapping("/orders")`` then ``@GetMapping("/ping")`` is ``/orders/ping``)."""
    declared = _CLASS_RE.search(text)
    cut = len(text)
    if declared is not None:
        prefix = _CONTROLLER_ROUTE_RE.search(text, 0, declared.start())
        if prefix is not None and not _NEUTRAL_PREFIX_RE.fullmatch(prefix.group(1)):
            cut = declared.start()  # only the controller's own route may be a health URL
            if _probe_controller(text, prefix.group(1), declared.start()):
                yield prefix
    yield from _ATTRIBUTE_ROUTE_RE.finditer(text, 0, cut)
    for match in _ATTRIBUTE_STATUS_RE.finditer(text, 0, cut):
        if _replies_fine(text, match.end()):
            yield match


def _probe_controller(text: str, route: str, declared: int) -> bool:
    """Whether an ASP.NET controller route with the ``[controller]`` token (``api/[controller]``)
    routes the class declared at ``declared`` to a probe URL (``class PingController``, ``class
    HealthzController``) where one of its actions answers a GET."""
    before, token, after = route.lower().partition("[controller]")
    if not token or after.strip("/") or not _NEUTRAL_PREFIX_RE.fullmatch(before):
        return False
    named = _TOKEN_CLASS_RE.match(text, declared)
    return (
        named is not None
        and _PROBE_NAME_RE.fullmatch(named.group(1)) is not None
        and _HTTP_GET_ATTRIBUTE_RE.search(text, named.end()) is not None
    )


#: A route whose path is only ``status`` (``/api/status``), the one ambiguous word of
#: ``_HEALTH_PATHS``: an order's, a game's or a job's status as often as the service's own.
_STATUS_ROUTE_RE = lazy_re(r"""/status/?["']$""")
#: A reply that says the service is fine (``{"status": "ok"}``, ``"healthy"``, ``"pong"``, a short
#: sentence such as ``"Server is alive"`` or ``"API is up and running"``, or one whose subject is
#: the service itself, ``"Service running - ${new Date()}"``), in quotes or a template literal.
_FINE_REPLY_RE = lazy_re(
    r"""(?x)["'`](?:ok|healthy|alive|up|pong
      |[^"'`\n]{0,40}?\bis\s+(?:alive|healthy|up(?:\s+and\s+running)?|running|ok)[.!]?
      |(?:service|server|api|app|application)\s+(?:is\s+)?(?:alive|healthy|up|running|ok)\b[^"'`\n]{0,40}
    )["'`]""",
    re.IGNORECASE,
)
#: A reply of a bare success, with nothing in it: the answer a liveness probe wants
#: (``res.sendStatus(200)``, ``res.status(200).end()``, Koa's ``ctx.status = 200``, Go's
#: ``w.WriteHeader(http.StatusOK)``, Rails' ``head :ok``, ASP.NET's ``return Ok();``).
_BARE_OK_RE = lazy_re(
    r"""(?x)\.sendStatus\(\s*(?:200|204|HttpStatus\.OK)\s*\)
      |\.status\(\s*(?:200|204)\s*\)\s*\.\s*(?:end|send)\(\s*\)
      |\bctx\.status\s*=\s*(?:200|204)\b
      |\.WriteHeader\(\s*(?:200|204|http\.StatusOK|http\.StatusNoContent)\s*\)
      |\bhead[ \t(]+:(?:ok|no_content)\b
      |\breturn\s+(?:Ok|NoContent)\(\s*\)"""
)
#: The next route declared after a handler: a decorator or a router call opening a line.
_NEXT_ROUTE_RE = lazy_re(
    r"""^[ \t]*(?:@|\S{0,60}(?:\.|::)(?:get|post|put|patch|delete|route|head)\s*\()""", re.IGNORECASE
)
#: Lines of a handler read for its reply, and most characters read for them.
_HANDLER_LINES = 8
_HANDLER_WINDOW = 2000


def _health_routes(text: str) -> Iterator[re.Match[str]]:
    """``ROUTE_RE``'s matches, a ``/status`` route only when its handler, inline on the lines
    after it (up to the next route), replies that the service is fine: ``/api/status`` returning a
    game's state is no health check, ``Route::get('/status', 'StatusController@getMain')`` shows no
    reply."""
    for match in ROUTE_RE.finditer(text):
        if _STATUS_ROUTE_RE.search(match.group(0)) is None or _replies_fine(text, match.end()):
            yield match


def _replies_fine(text: str, end: int) -> bool:
    """Whether the handler written after a route (the rest of its line and the lines below, up to
    the next route; a bounded window) replies that the service is fine, or replies a bare success."""
    first, *below = text[end : end + _HANDLER_WINDOW].split("\n")
    handler = [first]
    for line in below[:_HANDLER_LINES]:
        if _NEXT_ROUTE_RE.match(line):
            break
        handler.append(line)
    body = "\n".join(handler)
    return _FINE_REPLY_RE.search(body) is not None or _BARE_OK_RE.search(body) is not None


def _unguarded(text: str, matches: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    """``matches`` not behind a login (authentication middleware on the route's line or a decorator
    below it) and not
    rendering a page (a view rendered on that line or the two after it, up to the next route).

    Each line is judged once, however many matches it holds."""
    line_end = -1
    guarded = False
    for match in matches:
        at = match.start()
        if at > line_end:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line_end = len(text) if end < 0 else end
            window_end = line_end
            for _ in range(2):  # the handler's next lines, up to the next route
                if window_end >= len(text):
                    break
                following = text.find("\n", window_end + 1)
                following = len(text) if following < 0 else following
                if _ROUTE_START_RE.search(text, window_end + 1, following) is not None:
                    break
                window_end = following
            guarded = (
                _AUTH_GUARD_RE.search(text, start, _decorators_end(text, line_end)) is not None
                or _RENDERS_VIEW_RE.search(text, start, window_end) is not None
            )
        if not guarded:
            yield match


def _decorators_end(text: str, line_end: int) -> int:
    """The end of the (up to two) decorator or attribute lines after a route's line ending at
    ``line_end`` (``@login_required`` below ``@app.route('/health')``), or ``line_end``."""
    for _ in range(2):
        if line_end >= len(text) or _DECORATOR_RE.match(text, line_end + 1) is None:
            break
        following = text.find("\n", line_end + 1)
        line_end = len(text) if following < 0 else following
    return line_end


_DECORATOR_RE = lazy_re(r"^[ \t]*[@\[]", re.MULTILINE)


#: Source files named like routers or entry points, or in a routes folder: read first.
_ROUTING_STEMS = frozenset(
    {
        "routes",
        "route",
        "router",
        "routers",
        "routing",
        "urls",
        "app",
        "main",
        "server",
        "index",
        "api",
        "handlers",
        "handler",
        "health",
        "healthcheck",
        "program",
        "startup",
        "application",
        "web",
        # Go services wire their routes in a file named for the transport (``internal/server/http.go``)
        "http",
        "transport",
        "endpoints",
        "endpoint",
        # Flask's blueprints declare their routes in ``views.py`` (``app/main/views.py``)
        "views",
        # a module of operational endpoints (``monitor.py`` with ``/health/`` and ``/metrics/``, ``ping.go``)
        "monitor",
        "monitoring",
        "ping",
        "probe",
        "probes",
    }
)
#: First words of a server's file name that say it is no server of the application: a test double
#: or a development helper (``mock-server.js``, ``dev_server.py``).
_NOT_SERVED_WORDS = frozenset({"mock", "fake", "stub", "test", "dev", "e2e", "local"})
#: Files that often declare routes though not named for them, read after the routers: a Rust crate's
#: ``lib.rs``/``mod.rs``, a Python package's ``__init__.py`` (a Flask app factory).
ROUTE_MODULE_NAMES = ("lib.rs", "mod.rs", "__init__.py")
#: Controllers (``HelloController.java``, ``PingController.cs``, ``app.controller.ts``), read after them,
#: and JVM endpoint classes (Spring's ``PingEndpoint.java``).
_CONTROLLER_SUFFIXES = (
    "controller.java",
    "controller.kt",
    "controller.cs",
    ".controller.ts",
    ".controller.js",
    "endpoint.java",
    "endpoint.kt",
)
#: Most ASP.NET extension classes read for mapped endpoints (a big solution has one per concern).
_MAX_EXTENSION_CLASSES = 20
#: Deepest folder of a routing candidate; controllers sit deeper, in Java packages.
_MAX_ROUTING_DEPTH = 5
_MAX_CONTROLLER_DEPTH = 10
#: Deepest folder of a source file named for health checks.
_MAX_MODULE_DEPTH = 7


def _max_depth(path: str, limit: int) -> int:
    """The deepest folder a candidate may sit in: below a JVM source set (``src/main/kotlin``), whose
    folders are package names (``com/example/shop/plugins/Routing.kt``), or Go's ``internal/``,
    where layered layouts nest the router (``internal/app/adapter/primary/http/router/routes.go``),
    as deep as a controller."""
    deep = path.startswith("src/main/") or "/src/main/" in path
    deep = deep or (path.endswith(".go") and (path.startswith("internal/") or "/internal/" in path))
    return max(limit, _MAX_CONTROLLER_DEPTH) if deep else limit


_ROUTING_WORD_RE = lazy_re(r"rout|health|url", re.IGNORECASE)


def routing_candidates(inv: Inventory) -> list[str]:
    """Source files named like routers or entry points, or sitting in a routes folder (cheap lookups);
    then crate and package modules, then controllers (found once per inventory)."""
    return inv.memo("routing-candidates", lambda: _routing_candidates(inv))


def _routing_candidates(inv: Inventory) -> list[str]:
    found: set[str] = set()
    for name in names_starting(inv, "routing", tuple(_ROUTING_STEMS)):
        stem, _, ext = name.partition(".")
        if stem in _ROUTING_STEMS and ext.rsplit(".", 1)[-1] in SOURCE_EXTS:
            found.update(inv.named(name))
    for name in names_containing(inv, "routing-servers", "-server.", "_server."):
        stem, _, ext = name.rpartition(".")
        if ext in SOURCE_EXTS and stem.replace("_", "-").split("-", 1)[0] not in _NOT_SERVED_WORDS:
            found.update(inv.named(name))  # a server named for its part (``auth-server.js``, ``api_server.py``)
    for path in inv.classified.route_paths:  # program files with "route" in their path
        if _ROUTING_PATH_RE.search(path):
            found.add(path)
    ranked = [p for p in found if p.count("/") <= _max_depth(p, _MAX_ROUTING_DEPTH) and not is_auxiliary_code(inv, p)]
    ranked.sort(key=lambda p: (0 if _ROUTING_WORD_RE.search(p) else 1, p.count("/"), p))
    modules = [
        p
        for p in inv.named(*ROUTE_MODULE_NAMES)
        if p not in found and p.count("/") <= _MAX_ROUTING_DEPTH and not is_auxiliary_code(inv, p)
    ]
    modules.sort(key=lambda p: (p.count("/"), p))
    controller_names = [
        n
        for n in names_containing(inv, "controller-endpoint", "controller", "endpoint")
        if n.endswith(_CONTROLLER_SUFFIXES)
    ]
    controllers = [
        p
        for p in paths_of(inv, controller_names)
        if p not in found and p.count("/") <= _MAX_CONTROLLER_DEPTH and not is_auxiliary_code(inv, p)
    ]
    controllers.sort(key=lambda p: (0 if _ROUTING_WORD_RE.search(p) else 1, p.count("/"), p))
    # ASP.NET apps often map their endpoints in an extension class (``app.MapHealthChecks(...)`` in
    # ``Extensions/CoreExtensions.cs``), called from ``Program.cs``
    extensions = [
        p
        for p in paths_of(inv, names_containing(inv, "cs-extensions", "extensions.cs"))
        if p not in found and p.count("/") <= _MAX_CONTROLLER_DEPTH and not is_auxiliary_code(inv, p)
    ]
    extensions.sort(key=lambda p: (p.count("/"), p))
    return ranked + modules + controllers + extensions[:_MAX_EXTENSION_CLASSES]


# ---- file-system routing: the URL is the path ------------------------------------------------

#: Last URL segments of a health endpoint in file-system routing.
FS_HEALTH_SEGMENTS = frozenset(
    {"health", "healthz", "healthcheck", "health-check", "health_check", "readyz", "livez", "ping"}
)
#: Base-name starts of the files a file-system router serves a health URL from (names containing
#: "health" come from the health-module lookup).
_FS_ROUTE_PREFIXES = ("route", "+server", "index", "ping", "readyz", "livez")
#: A handler exported by a route file: a function or constant named for a method or a loader, or a
#: default export (Next.js API routes, Nuxt server handlers).
_FS_EXPORT_RE = lazy_re(
    r"^[ \t]*export[ \t]+(?:(default)\b|(?:async[ \t]+)?function[ \t]*(GET|HEAD|loader)\b"
    r"|(?:const|let|var)[ \t]+(GET|HEAD|loader)\b|\{[^}\n]*\b(GET|HEAD|loader)\b)",
    re.MULTILINE,
)
_METHOD_EXPORTS = frozenset({"GET", "HEAD"})


class _FileRoute(NamedTuple):
    framework: str
    url: str
    #: Exports that make the file serve the URL (``default`` for a default export).
    exports: frozenset[str]


def _file_route(path: str) -> _FileRoute | None:
    """The framework and URL a file-system router serves ``path`` at, or None: Next.js
    (``app/**/route.ts``, ``pages/api/**``), SvelteKit (``src/routes/**/+server.ts``), Nuxt
    (``server/api/**``, ``server/routes/**``), Remix/React Router (``app/routes/*``)."""
    parts = path.split("/")
    stem, _, ext = parts[-1].lower().rpartition(".")
    folders = [p.lower() for p in parts[:-1]]
    if ext not in JS_EXTENSIONS or not stem:
        return None
    if stem == "route" and "app" in folders:
        below = folders[folders.index("app") + 1 :]
        if below[:1] == ["routes"]:  # Remix folder route: app/routes/api.health/route.ts
            return _FileRoute("Remix", _url(_dotted(below[1:])), frozenset({"loader"}))
        return _FileRoute("Next.js", _url(below), _METHOD_EXPORTS)
    if stem == "+server" and "routes" in folders:
        return _FileRoute("SvelteKit", _url(folders[folders.index("routes") + 1 :]), _METHOD_EXPORTS)
    for at in range(len(folders) - 1):
        if folders[at] == "pages" and folders[at + 1] == "api":
            return _FileRoute("Next.js", _url([*folders[at:], stem][1:]), frozenset({"default"}))
        if folders[at] == "server" and folders[at + 1] in ("api", "routes"):
            below = folders[at + 1 :] if folders[at + 1] == "api" else folders[at + 2 :]
            return _FileRoute("Nuxt", _url([*below, stem.split(".")[0]]), frozenset({"default"}))
    if folders[-1:] == ["routes"]:  # Remix flat routes: app/routes/api.health.ts
        return _FileRoute("Remix", _url(_dotted([stem])), frozenset({"loader"}))
    return None


def _dotted(names: list[str]) -> list[str]:
    """Remix route names split on dots (``api.health`` is ``/api/health``)."""
    return [piece for name in names for piece in name.split(".")]


def _url(segments: list[str]) -> str:
    """The URL of route ``segments``: groups ``(auth)``, slots ``@modal``, pathless ``_layout`` and
    ``index`` left out."""
    kept = [
        s
        for s in segments
        if s
        and s not in ("index", "_index")
        and not (s.startswith("(") and s.endswith(")"))
        and not s.startswith(("@", "_"))
    ]
    return "/" + "/".join(kept)


def _file_routes(inv: Inventory) -> Iterator[Signal]:
    """Health endpoints of file-system routers: the route file's URL ends in a health segment and it
    exports a handler for it."""
    names = [
        n
        for n in (*names_containing(inv, "health", "health"), *names_starting(inv, "fs-routes", _FS_ROUTE_PREFIXES))
        if n.rpartition(".")[2] in JS_EXTENSIONS
    ]
    reads = 0
    for path in sorted(set(paths_of(inv, names)), key=lambda p: (p.count("/"), p)):
        route = _file_route(path)
        if route is None or route.url.rsplit("/", 1)[-1] not in FS_HEALTH_SEGMENTS:
            continue
        if is_auxiliary_code(inv, path):
            continue
        reads += 1
        if reads > MAX_ROUTE_READS:
            return
        text = inv.text(path) or ""
        for match in _FS_EXPORT_RE.finditer(text):
            export = next(g for g in match.groups() if g)
            if export in route.exports:
                detail = f"{route.framework} file-system route {route.url} ({export} handler)"
                yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), detail)
                return
