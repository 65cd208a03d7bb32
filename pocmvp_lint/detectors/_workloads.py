"""Orchestration written outside the usual file names: Compose files under other names (Docker Swarm
stacks), Nomad jobs in ``.hcl`` files, ECS task definitions, Skaffold pipelines, and Kubernetes
manifests that only parse once a deploy script has filled their placeholders (``orchestration``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pocmvp_lint.detectors._util import (
    as_dict,
    depth,
    first_line,
    is_auxiliary,
    line_of_fragment,
    line_of_key,
    yaml_mappings,
)
from pocmvp_lint.detectors._yamlscan import generator_template
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Most ``.hcl`` or JSON files read looking for a Nomad job or an ECS task definition.
MAX_WORKLOAD_READS = 100

#: The top-level keys a Compose file may have (``x-`` extension fields aside): a YAML file with only
#: these and a ``services`` mapping of images or builds is a Compose file whatever its name.
COMPOSE_TOP_KEYS = frozenset({"version", "name", "services", "networks", "volumes", "configs", "secrets", "include"})
#: A Nomad job (``job "api" {``) and the group or task blocks every job has.
_NOMAD_JOB_RE = lazy_re(r"^[ \t]*job[ \t]+\"[^\"\n]{1,200}\"[ \t]*\{", re.MULTILINE)
_NOMAD_BLOCK_RE = lazy_re(r"^[ \t]*(?:group|task)[ \t]+\"", re.MULTILINE)
#: JSON files named or placed like ECS task definitions (``task-definition.json``, ``taskdef.json``,
#: ``ecs/api.json``).
_ECS_NAME_RE = lazy_re(r"task[-_]?def|container[-_]?def|(?:^|/)ecs[^/]*/", re.IGNORECASE)
#: A Terraform ECS task definition resource (its container definitions inline or read from a file).
_TF_TASK_DEFINITION_RE = lazy_re(r'^resource[ \t]+"aws_ecs_task_definition"', re.MULTILINE)


# ---- Compose under other names --------------------------------------------------------------------


def compose_like(doc: dict[Any, Any]) -> bool:
    """A parsed YAML mapping shaped like a Compose file: only Compose top-level keys, and services
    that are mappings, one at least running an image or building one."""
    services = doc.get("services")
    if not isinstance(services, dict) or not services:
        return False
    if any(not (key in COMPOSE_TOP_KEYS or str(key).startswith("x-")) for key in doc):
        return False
    bodies = list(services.values())
    return all(isinstance(b, dict) for b in bodies) and any("image" in b or "build" in b for b in bodies)


def compose_like_files(inv: Inventory, paths: list[str]) -> list[str]:
    """Among YAML ``paths`` (not named ``compose``), the Compose files: Docker Swarm stacks
    (``docker-stack.yml``, ``stack.yml``) and Compose files under a name of their own."""
    out: list[str] = []
    for path in paths:
        text = inv.text(path) or ""
        if "services:" not in text or generator_template(path, text):
            continue
        if any(compose_like(doc) for doc in yaml_mappings(inv, path)):
            out.append(path)
    return out


# ---- Nomad, ECS, Skaffold ---------------------------------------------------------------------------


def nomad_hcl_jobs(inv: Inventory) -> Iterator[Signal]:
    """Nomad jobs in ``.hcl`` files (``jobs/api.hcl``); ``.nomad`` and ``.nomad.hcl`` are found by name."""
    paths = [p for p in inv.with_ext("hcl") if not p.endswith(".nomad.hcl") and not is_auxiliary(p)]
    for path in sorted(paths, key=lambda p: (depth(p), p))[:MAX_WORKLOAD_READS]:
        text = inv.text(path) or ""
        if "job" not in text:
            continue
        line = first_line(text, _NOMAD_JOB_RE)
        if line is not None and _NOMAD_BLOCK_RE.search(text) is not None:
            yield Signal(Category.ORCHESTRATION, path, line, "Nomad job")


def ecs_task_definitions(inv: Inventory) -> Iterator[Signal]:
    """ECS task definitions (JSON with a ``family`` and ``containerDefinitions``, as ``aws ecs
    register-task-definition`` and the ECS deploy actions read them), or the bare list of container
    definitions Terraform's ``aws_ecs_task_definition`` reads (``container_definitions =
    templatefile("taskdef.json", ...)``), or that resource itself with its definitions inline
    (``jsonencode([...])``); CloudFormation is IaC."""
    paths = [p for p in inv.with_ext("json", "tpl") if _ECS_NAME_RE.search(p) and not is_auxiliary(p)]
    for path in sorted(paths, key=lambda p: (depth(p), p))[:MAX_WORKLOAD_READS]:
        text = inv.text(path) or ""
        if '"containerDefinitions"' in text and '"family"' in text and '"AWS::' not in text:
            line = line_of_fragment(text, '"containerDefinitions"')
            yield Signal(Category.ORCHESTRATION, path, line, "ECS task definition")
            return
        if _container_definitions(text):
            yield Signal(Category.ORCHESTRATION, path, line_of_fragment(text, '"image"'), "ECS container definitions")
            return
    modules = sorted((p for p in inv.with_ext("tf", "tofu") if not is_auxiliary(p)), key=lambda p: (depth(p), p))
    for path in modules[:MAX_WORKLOAD_READS]:
        text = inv.text(path) or ""
        if "aws_ecs_task_definition" not in text:
            continue
        line = first_line(text, _TF_TASK_DEFINITION_RE)
        if line is not None:
            yield Signal(Category.ORCHESTRATION, path, line, "ECS task definition (Terraform)")
            return


def _container_definitions(text: str) -> bool:
    """A JSON list of ECS container definitions: named containers with an image, marked
    ``essential`` or mapping ports."""
    return (
        text.lstrip().startswith("[")
        and '"name"' in text
        and '"image"' in text
        and ('"essential"' in text or '"portMappings"' in text)
        and '"AWS::' not in text
    )


def skaffold_pipelines(inv: Inventory) -> Iterator[Signal]:
    """A Skaffold pipeline that deploys (``deploy:`` or ``manifests:``), not a bare build config."""
    for path in inv.named("skaffold.yaml", "skaffold.yml"):
        if is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            api = doc.get("apiVersion")
            key = next((k for k in ("deploy", "manifests") if as_dict(doc.get(k))), None)
            if isinstance(api, str) and api.startswith("skaffold/") and key is not None:
                text = inv.text(path) or ""
                yield Signal(Category.ORCHESTRATION, path, line_of_key(text, key), f"Skaffold pipeline ({key})")
                return


#: Workload types of an AWS Copilot service or job manifest (``copilot/<name>/manifest.yml``): Copilot
#: turns each into an ECS service or task (App Runner for a Request-Driven Web Service).
COPILOT_WORKLOAD_TYPES = frozenset(
    {
        "Load Balanced Web Service",
        "Backend Service",
        "Worker Service",
        "Request-Driven Web Service",
        "Scheduled Job",
        "Static Site",
    }
)


def copilot_workloads(inv: Inventory) -> Iterator[Signal]:
    """AWS Copilot service and job manifests (not its environment manifests: those are networks)."""
    for path in inv.named("manifest.yml", "manifest.yaml"):
        parts = path.split("/")
        if len(parts) < 3 or parts[-3] != "copilot" or is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            kind = doc.get("type")
            if isinstance(kind, str) and kind in COPILOT_WORKLOAD_TYPES:
                line = line_of_key(inv.text(path) or "", "type")
                yield Signal(Category.ORCHESTRATION, path, line, f"AWS Copilot {kind} manifest")
                return


#: A Tiltfile's calls that run the app on a cluster or under Compose (``k8s_yaml('deploy/app.yaml')``,
#: ``helm('chart')``, ``docker_compose('compose.yaml')``): Tilt's development loop.
_TILT_RE = lazy_re(
    r"^[ \t]*(?:\w{1,50}[ \t]*=[ \t]*)?(k8s_yaml|helm|docker_compose|k8s_resource|kustomize)[ \t]*\(", re.M
)


def tilt_dev_loops(inv: Inventory) -> Iterator[Signal]:
    """Tiltfiles: they run the app on a local cluster or Compose while developing (``orchestration-dev``)."""
    for path in inv.named("Tiltfile"):
        text = inv.text(path) or ""
        match = _TILT_RE.search(text)
        if match is not None and not is_auxiliary(path):
            line = text.count("\n", 0, match.start()) + 1
            yield Signal(Category.ORCHESTRATION_DEV, path, line, f"Tilt development loop ({match.group(1)})")
            return


# ---- Kubernetes manifests with placeholders ---------------------------------------------------------

#: Extensions of a template a deploy script renders a manifest from (``deployment.yaml.tpl``,
#: ``service.yaml.template``, ``ingress.yml.j2``), by ``envsubst``, ``sed`` or a template engine.
MANIFEST_TEMPLATE_EXTS = ("tpl", "template", "tmpl", "j2")


def manifest_templates(inv: Inventory) -> list[str]:
    """YAML templates (``*.yaml.tpl``, ``*.yml.template``...) outside test, docs and template
    folders, shallowest first, capped."""
    paths = [
        p
        for p in inv.with_ext(*MANIFEST_TEMPLATE_EXTS)
        if p.lower().rsplit(".", 1)[0].endswith((".yaml", ".yml")) and not is_auxiliary(p)
    ]
    return sorted(paths, key=lambda p: (depth(p), p))[:MAX_WORKLOAD_READS]


def unparsed_resource(text: str) -> dict[str, Any] | None:
    """The ``apiVersion`` and ``kind`` of the first resource of a manifest YAML cannot parse (an
    unquoted ``image: {{IMAGE}}`` a deploy script fills in), read from its top-level lines; None
    unless the resource also has a top-level ``metadata``."""
    found: dict[str, Any] = {}
    for line in text.split("\n"):
        if line.startswith("---") and len(found) == 3:
            break
        if line.startswith("---"):
            found = {}
            continue
        key, sep, value = line.partition(":")
        if sep and key in ("apiVersion", "kind") and key not in found:
            found[key] = value.split("#", 1)[0].strip().strip("\"'")
        elif sep and key == "metadata":
            found["metadata"] = {}
    if len(found) == 3 and found["apiVersion"] and found["kind"]:
        return found
    return None
