"""The detectors' product: a signal is one thing the repository shows, with its evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pocmvp_lint.inventory import Inventory

#: Every category a built-in detector emits. Plugins may add their own.
CATEGORIES: tuple[str, ...] = (
    "tests", "ci", "ci-tests", "container", "orchestration", "iac", "paas", "ci-deploy",
    "prod-config", "release", "observability", "health-check", "security-policy",
    "dependency-updates", "lockfile", "readme", "license", "changelog", "codeowners",
    "migrations", "secrets",
)


@dataclass(frozen=True, order=True)
class Signal:
    """One observation: ``category`` seen at ``path`` (project-relative while detecting)."""

    category: str
    path: str
    line: int | None = None
    detail: str = ""


#: A detector reads an inventory and yields signals. It knows nothing of stages or rules.
Detector = Callable[[Inventory], Iterable[Signal]]
