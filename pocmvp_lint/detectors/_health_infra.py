"""``health-check`` in infrastructure and platform files: load-balancer health checks in Terraform and
CloudFormation, ECS container health checks, Helm probe helpers, AWS Copilot and Kamal manifests,
Nomad and Consul service checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pocmvp_lint.detectors._util import (
    as_dict,
    basename,
    depth,
    is_auxiliary,
    line_at,
    line_of_key,
    names_starting,
    yaml_mappings,
)
from pocmvp_lint.detectors._yamlscan import texts, yaml_candidates
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Most Terraform, JSON and template files read looking for health checks.
MAX_INFRA_READS = 200

# ---- Terraform ------------------------------------------------------------------------------

#: Terraform load balancer resources whose nested ``health_check { ... }`` block is a health check.
TF_TARGET_GROUPS = frozenset({"aws_lb_target_group", "aws_alb_target_group", "aws_elb"})
#: Terraform resources that are a load balancer's health check as a whole.
TF_HEALTH_CHECKS = frozenset(
    {
        "google_compute_health_check",
        "google_compute_region_health_check",
        "google_compute_http_health_check",
        "google_compute_https_health_check",
        "azurerm_lb_probe",
    }
)
#: Terraform resources of platforms and workloads that probe what they run: App Service's
#: ``site_config { health_check_path = ... }``, Container Apps' and Cloud Run's probes, App Runner's
#: ``health_check_configuration``, the Kubernetes provider's container probes.
TF_PLATFORM_PROBES = frozenset(
    {
        "azurerm_linux_web_app",
        "azurerm_windows_web_app",
        "azurerm_app_service",
        "azurerm_linux_web_app_slot",
        "azurerm_windows_web_app_slot",
        "azurerm_container_app",
        "google_cloud_run_v2_service",
        "google_cloud_run_service",
        "aws_apprunner_service",
        "kubernetes_deployment",
        "kubernetes_deployment_v1",
        "kubernetes_stateful_set",
        "kubernetes_stateful_set_v1",
        "kubernetes_daemonset",
        "kubernetes_daemon_set_v1",
    }
)
#: A platform resource's probe: an attribute or a nested block.
_TF_PROBE_RE = lazy_re(
    r"^[ \t]*(health_check_path|health_check_configuration|liveness_probe|readiness_probe|startup_probe)[ \t]*[={]",
    re.MULTILINE,
)
_TF_RESOURCE_RE = lazy_re(r'^resource[ \t]+"(\w+)"', re.MULTILINE)
#: The start of the next top-level block: where a resource's body ends at the latest.
_TF_TOP_BLOCK_RE = lazy_re(
    r"^(?:resource|data|module|variable|output|locals|provider|terraform|moved|import|check|removed)\b",
    re.MULTILINE,
)
_TF_HEALTH_BLOCK_RE = lazy_re(r"^[ \t]*health_check[ \t]*\{", re.MULTILINE)
_TF_DISABLED_RE = lazy_re(r"^[ \t]*enabled[ \t]*=[ \t]*false\b", re.MULTILINE)
#: An ECS container definition's health check inside an ``aws_ecs_task_definition`` (``jsonencode``).
_TF_CONTAINER_CHECK_RE = lazy_re(r"""^[ \t]*["']?healthCheck["']?[ \t]*[=:]""", re.MULTILINE)


def terraform_health(inv: Inventory) -> Iterator[Signal]:
    """A target group's ``health_check { ... }`` (not one with ``enabled = false``), a GCP or Azure
    health check resource, an ECS task definition whose containers declare a ``healthCheck``, a
    platform or workload resource's probe (App Service ``health_check_path``, Container Apps and
    Cloud Run probes, App Runner's ``health_check_configuration``, Kubernetes provider probes)."""
    paths = sorted((p for p in inv.with_ext("tf", "tofu") if not is_auxiliary(p)), key=lambda p: (depth(p), p))
    for path in paths[:MAX_INFRA_READS]:
        text = inv.text(path) or ""
        for resource in _TF_RESOURCE_RE.finditer(text):
            kind = resource.group(1)
            platform = kind in TF_PLATFORM_PROBES
            if (
                not platform
                and kind not in TF_TARGET_GROUPS
                and kind not in TF_HEALTH_CHECKS
                and kind != "aws_ecs_task_definition"
            ):
                continue
            following = _TF_TOP_BLOCK_RE.search(text, resource.end())
            end = len(text) if following is None else following.start()
            found = _resource_check(text, kind, resource.start(), resource.end(), end)
            if found is not None:
                at, detail = found
                yield Signal(Category.HEALTH_CHECK, path, line_at(text, at), detail)
                return


def _resource_check(text: str, kind: str, start: int, body: int, end: int) -> tuple[int, str] | None:
    if kind in TF_PLATFORM_PROBES:
        match = _TF_PROBE_RE.search(text, body, end)
        return None if match is None else (match.start(), f"{match.group(1)} ({kind})")
    if kind == "aws_ecs_task_definition":
        match = _TF_CONTAINER_CHECK_RE.search(text, body, end)
        return None if match is None else (match.start(), "ECS container healthCheck (Terraform)")
    if kind in TF_HEALTH_CHECKS:
        return start, f"load balancer health check ({kind})"
    match = _TF_HEALTH_BLOCK_RE.search(text, body, end)
    if match is None or _TF_DISABLED_RE.search(text, match.end(), _block_end(text, match.end(), end)):
        return None
    return match.start(), f"load balancer health_check ({kind})"


def _block_end(text: str, start: int, end: int) -> int:
    """Where the block whose ``{`` ends just before ``start`` closes (or ``end``)."""
    level = 1
    for at in range(start, end):
        char = text[at]
        if char == "{":
            level += 1
        elif char == "}":
            level -= 1
            if level == 0:
                return at
    return end


# ---- Nomad and Consul service checks ------------------------------------------------------------

#: A ``check { ... }`` block (not ``check_restart``) of a Nomad job's or a Consul agent's service.
_CHECK_BLOCK_RE = lazy_re(r"^[ \t]*check[ \t]*\{", re.MULTILINE)
#: What a check probes: Nomad's ``type = "http"`` (``grpc``, ``tcp``, ``script``), Consul's
#: ``http = "..."`` (``grpc``, ``tcp``).
_CHECK_KIND_RE = lazy_re(
    r'^[ \t]*(?:type[ \t]*=[ \t]*"(http|grpc|tcp|script)"|(http|grpc|tcp)[ \t]*=[ \t]*")', re.MULTILINE
)
#: What makes an HCL file a Nomad job or a Consul service definition.
_SERVICE_MARKERS = ('job "', "service {", "services {")


def nomad_health(inv: Inventory) -> Iterator[Signal]:
    """A Nomad job's service ``check`` (``type = "http"``, ``grpc``, ``tcp`` or ``script``) or a
    Consul service definition's (``http = "http://localhost:8080/health"``): the scheduler or the
    agent probes the service and routes around, or restarts, what fails it."""
    paths = [p for p in inv.with_ext("nomad", "hcl") if not is_auxiliary(p)]
    for path in sorted(paths, key=lambda p: (depth(p), p))[:MAX_INFRA_READS]:
        text = inv.text(path) or ""
        if "check" not in text or not any(marker in text for marker in _SERVICE_MARKERS):
            continue
        for block in _CHECK_BLOCK_RE.finditer(text):
            kind = _CHECK_KIND_RE.search(text, block.end(), _block_end(text, block.end(), len(text)))
            if kind is not None:
                probe = kind.group(1) or kind.group(2)
                owner = "Nomad" if 'job "' in text else "Consul"
                detail = f"{owner} service check ({probe})"
                yield Signal(Category.HEALTH_CHECK, path, line_at(text, block.start()), detail)
                return


# ---- CloudFormation, ECS container definitions -------------------------------------------------

#: CloudFormation resources whose health check shows as one property.
_CFN_HEALTH_RE = lazy_re(r"^[ \t]*[\"']?(HealthCheckPath|HealthCheck)[\"']?[ \t]*:", re.MULTILINE)
_CFN_TYPES = {
    "HealthCheckPath": "AWS::ElasticLoadBalancingV2::TargetGroup",
    "HealthCheck": "AWS::ECS::TaskDefinition",
}
#: An ECS container definition's health check key in JSON (any case: templates write ``healthcheck``).
_ECS_CHECK_RE = lazy_re(r"\"healthCheck\"[ \t]*:", re.IGNORECASE)
#: JSON and template files named or placed like ECS task or container definitions, or CloudFormation.
_ECS_NAME_RE = lazy_re(
    r"task|container|ecs|definition|template|cfn|cloudformation|stack|(?:^|/)(?:infra|deploy|aws|ecs)[^/]*/",
    re.IGNORECASE,
)


def cloudformation_health(inv: Inventory) -> Iterator[Signal]:
    """``HealthCheckPath`` on an ELBv2 target group, ``HealthCheck`` on an ECS task definition (YAML or JSON)."""
    for path, text in texts(inv, [*yaml_candidates(inv), *_json_candidates(inv)]):
        if "AWS::" not in text:
            continue
        for match in _CFN_HEALTH_RE.finditer(text):
            resource = _CFN_TYPES[match.group(1)]
            if resource in text:
                detail = f"CloudFormation {resource.rsplit('::', 1)[-1]} {match.group(1)}"
                yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), detail)
                return


def _json_candidates(inv: Inventory) -> list[str]:
    """JSON files and templates (``.tpl``, ``.json.tpl``) named or placed like ECS task or container
    definitions or CloudFormation, shallowest first, capped (memoised)."""

    def compute() -> list[str]:
        found = [
            p
            for p in (*inv.with_ext("tpl"), *inv.with_ext("json"))
            if not is_auxiliary(p) and (p.lower().endswith(".tpl") or _ECS_NAME_RE.search(p))
        ]
        found.sort(key=lambda p: (depth(p), p))
        return found[:MAX_INFRA_READS]

    return inv.memo("health:json-candidates", compute)


def ecs_health(inv: Inventory) -> Iterator[Signal]:
    """ECS container definitions (JSON, a ``.tpl`` or ``.json.tpl`` template) with a ``healthCheck``:
    a task definition's ``containerDefinitions``, or an array of definitions (``essential``, ``image``).
    A ``task-definition.json`` is the platform files' (see ``health``)."""
    for path, text in texts(inv, _json_candidates(inv)):
        match = _ECS_CHECK_RE.search(text)
        if match is None or '"AWS::' in text or basename(path).lower() == "task-definition.json":
            continue
        if '"containerDefinitions"' in text or ('"essential"' in text and '"image"' in text):
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), "ECS container healthCheck")
            return


# ---- Helm -------------------------------------------------------------------------------------

PROBE_RE = lazy_re(r"^[ \t]*(livenessProbe|readinessProbe|startupProbe)[ \t]*:", re.MULTILINE)
#: A probe written out with its handler, in a file that is no Kubernetes resource: a chart's
#: ``values.yaml`` or a platform's descriptor of Kubernetes-shaped services
#: (``readinessProbe:`` over ``httpGet:``, ``tcpSocket:``, ``exec:`` or ``grpc:``).
PROBE_HANDLER_RE = lazy_re(
    r"^([ \t]*)(livenessProbe|readinessProbe|startupProbe)[ \t]*:[ \t]*\n(?:[ \t]*(?:\#[^\n]*)?\n)*"
    r"\1[ \t]+(httpGet|tcpSocket|exec|grpc)[ \t]*:",
    re.MULTILINE,
)
#: The probes of a NAIS ``Application`` (``spec.liveness.path``, ``spec.readiness``, ``spec.startup``),
#: which the platform turns into Kubernetes probes: a key indented under ``spec``, opening a table.
NAIS_PROBE_RE = lazy_re(r"^[ \t]+(liveness|readiness|startup)[ \t]*:[ \t]*$", re.MULTILINE)
#: The API group of NAIS resources, in a manifest's ``apiVersion``.
NAIS_API = "nais.io/"


def in_chart_templates(inv: Inventory, path: str) -> bool:
    """True for a file below a Helm chart's ``templates/`` folder (a ``Chart.yaml`` beside that folder)."""
    folders = path.split("/")[:-1]
    for index, folder in enumerate(folders):
        if folder == "templates":
            chart = "".join(f"{f}/" for f in folders[:index])
            if inv.exists(f"{chart}Chart.yaml") or inv.exists(f"{chart}Chart.yml"):
                return True
    return False


def helm_helper_probes(inv: Inventory) -> Iterator[Signal]:
    """Probes defined in a chart's helper templates (``templates/_helpers.tpl``)."""
    paths = sorted((p for p in inv.with_ext("tpl") if in_chart_templates(inv, p)), key=lambda p: (depth(p), p))
    for path in paths[:MAX_INFRA_READS]:
        text = inv.text(path) or ""
        match = PROBE_RE.search(text)
        if match is not None:
            detail = f"Kubernetes {match.group(1)} (Helm template)"
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), detail)
            return


# ---- container platforms ----------------------------------------------------------------------

#: AWS Copilot service types whose manifest may declare a health check.
COPILOT_SERVICE_TYPES = frozenset({"Load Balanced Web Service", "Backend Service", "Request-Driven Web Service"})
_KAMAL_NAME_RE = lazy_re(r"deploy(?:\.[\w-]+)?\.ya?ml")


def copilot_health(inv: Inventory) -> Iterator[Signal]:
    """``healthcheck`` under ``http`` or ``image`` of an AWS Copilot service manifest."""
    for path in inv.named("manifest.yml", "manifest.yaml"):
        if "copilot" not in path.split("/")[:-1] or is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            if doc.get("type") not in COPILOT_SERVICE_TYPES:
                continue
            for section in ("http", "image"):
                if as_dict(doc.get(section)).get("healthcheck"):
                    text = inv.text(path) or ""
                    detail = f"AWS Copilot {section}.healthcheck ({doc['type']})"
                    yield Signal(Category.HEALTH_CHECK, path, line_of_key(text, "healthcheck"), detail)
                    return


#: A load balancer's health check path in an infrastructure program: SST's ``health: {"80/http":
#: {path: "/v1/health"}}``, the CDK's ``healthCheck: {path: "/health"}`` (Python's
#: ``health_check=elbv2.HealthCheck(path="/health")``) or ``configureHealthCheck({path: ...})``,
#: Pulumi's ``healthCheck: {path: ...}``.
_PROGRAM_HEALTH_RE = lazy_re(
    r"""\b(?:health(?:_?check)?[ \t]*[:=][ \t]*(?:[\w.]{1,60}\([ \t]*)?|configure_?health_?check[ \t]*\([ \t]*)"""
    r"""[^;]{0,300}?\bpath["']?[ \t]*[:=][ \t]*["'`]/""",
    re.IGNORECASE,
)
#: Extensions of the CDK programs read beside a ``cdk.json`` (its ``bin/`` and ``lib/``).
_CDK_EXTS = (".ts", ".js", ".py")
#: Most CDK program files read.
MAX_CDK_READS = 20


def program_health(inv: Inventory) -> Iterator[Signal]:
    """A load balancer health check path an infrastructure program configures: ``sst.config.*``,
    or a CDK app's stacks (``bin/`` and ``lib/`` beside its ``cdk.json``)."""
    candidates = list(inv.named("sst.config.ts", "sst.config.js", "sst.config.mjs"))
    for config in inv.named("cdk.json"):
        folder = config[: config.rfind("/") + 1]
        heads = (folder + "lib/", folder + "bin/")
        candidates += [p for p in inv.classified.source_files if p.startswith(heads) and p.endswith(_CDK_EXTS)][
            :MAX_CDK_READS
        ]
    for path in candidates:
        if is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        match = _PROGRAM_HEALTH_RE.search(text)
        if match is not None:
            yield Signal(Category.HEALTH_CHECK, path, line_at(text, match.start()), "load balancer health check path")
            return


def kamal_health(inv: Inventory) -> Iterator[Signal]:
    """A Kamal ``config/deploy.yml`` with ``proxy: healthcheck:`` (or a top-level ``healthcheck:``, older Kamal)."""
    names = [n for n in names_starting(inv, "kamal", ("deploy",)) if _KAMAL_NAME_RE.fullmatch(n)]
    for path in inv.named(*names) if names else ():
        if not (path.startswith("config/") or "/config/" in path) or is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            if not all(key in doc for key in ("service", "image", "servers")):
                continue
            check: Any = as_dict(doc.get("proxy")).get("healthcheck") or doc.get("healthcheck")
            if check:
                text = inv.text(path) or ""
                detail = f"Kamal healthcheck ({basename(path)})"
                yield Signal(Category.HEALTH_CHECK, path, line_of_key(text, "healthcheck"), detail)
                return
