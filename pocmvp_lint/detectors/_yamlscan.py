"""A bounded scan of the project's YAML files, for content-identified formats (Kubernetes, CFN)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors._util import basename, is_auxiliary
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re

#: Most YAML files whose text a content scan reads.
MAX_YAML_READS = 400
#: Folders where deployment manifests usually live: read these first.
_PRIORITY_RE = lazy_re(
    r"(?:^|/)(?:k8s|kube|kubernetes|manifests?|deploy(?:ments?)?|charts?|helm|infra(?:structure)?|ops|"
    r"argocd|argo|flux|clusters?|overlays|base|cloudformation|cfn|stacks?|templates|observability|"
    r"monitoring|prometheus|\.?openshift)/",
    re.IGNORECASE,
)
#: YAML files that are never deployment manifests (CI, dependency bots, linters, lock files).
_NOT_MANIFEST_RE = lazy_re(
    r"^\.github/|^\.gitlab|^\.circleci/|(?:^|/)(?:pnpm-lock|\.pre-commit-config|\.golangci|\.yamllint|"
    r"mkdocs|codecov|\.?travis|dependabot|\.readthedocs|environment|conda|pubspec|analysis_options|"
    r"openapi|swagger|\.?(?:docker-)?compose[^/]*)\.ya?ml$",
    re.IGNORECASE,
)


def yaml_candidates(inv: Inventory) -> list[str]:
    """YAML files worth a content look, manifest-like folders first, capped (memoised)."""
    return inv.memo("yaml:candidates", lambda: _yaml_candidates(inv, MAX_YAML_READS))


def _yaml_candidates(inv: Inventory, limit: int) -> list[str]:
    first: list[str] = []
    rest: list[str] = []
    for path in inv.with_ext("yaml", "yml"):
        if _NOT_MANIFEST_RE.search(path) or is_auxiliary_manifest(path):
            continue
        (first if _PRIORITY_RE.search(path) else rest).append(path)
    rest.sort(key=lambda p: (p.count("/"), p))
    return (first + rest)[:limit]


def is_auxiliary_manifest(path: str) -> bool:
    """Auxiliary trees, except Helm ``templates/`` folders (handled as templated charts)."""
    if "/templates/" in path or path.startswith("templates/"):
        head = path.split("templates/", 1)[0]
        return is_auxiliary(head) if head else False
    return is_auxiliary(path)


def generator_template(path: str, text: str) -> bool:
    """A file of a generator's ``templates/`` folder (not a Helm chart's: callers check for the chart)
    holding placeholders it fills in (``name: {{ project_name }}``): scaffolding, not a deployment."""
    return ("/templates/" in "/" + path.lower()) and "{{" in text


def texts(inv: Inventory, paths: list[str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        text = inv.text(path)
        if text:
            yield path, text


def chart_root(inv: Inventory, path: str) -> str | None:
    """The folder of the Helm chart ``path`` belongs to (a ``Chart.yaml`` above it), or None."""
    parts = path.split("/")[:-1]
    while parts:
        folder = "/".join(parts)
        if inv.exists(folder + "/Chart.yaml") or inv.exists(folder + "/Chart.yml"):
            return folder
        parts.pop()
    return None


def is_compose_name(path: str) -> bool:
    name = basename(path).lower()
    return name.startswith(("docker-compose", "compose")) and name.endswith((".yml", ".yaml"))
