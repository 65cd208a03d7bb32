"""Detectors: read an inventory, report what the repository shows as signals.

Each detector is a plain function ``Inventory -> Iterable[Signal]``; ``detect`` runs them all and
returns the signals sorted and deduplicated. Detectors know nothing about stages or rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from pocmvp_lint.detectors.ci import detect_ci, detect_ci_tests
from pocmvp_lint.detectors.ci_deploy import detect_ci_deploy
from pocmvp_lint.detectors.deploy import detect_container, detect_iac, detect_orchestration, detect_paas
from pocmvp_lint.detectors.governance import detect_governance
from pocmvp_lint.detectors.health import detect_health
from pocmvp_lint.detectors.lockfiles import detect_lockfiles, detect_manifests
from pocmvp_lint.detectors.migrations import detect_migrations
from pocmvp_lint.detectors.observability import detect_observability
from pocmvp_lint.detectors.prod_config import detect_prod_config
from pocmvp_lint.detectors.release import detect_release
from pocmvp_lint.detectors.secrets import detect_secrets
from pocmvp_lint.detectors.signal import CATEGORIES, Detector, Signal
from pocmvp_lint.detectors.sources import SourceStats, count_lines, source_stats
from pocmvp_lint.detectors.tests import detect_tests
from pocmvp_lint.detectors.throwaway import detect_throwaway
from pocmvp_lint.inventory import Inventory

#: Categories built-in detectors emit beyond ``CATEGORIES`` (used by the rules).
EXTRA_CATEGORIES: tuple[str, ...] = ("poc-disclaimer", "readme-setup", "throwaway", "dependency-manifest",
                                     "scaffold-tests")

BUILTIN_DETECTORS: tuple[Detector, ...] = (
    detect_tests,
    detect_ci,
    detect_ci_tests,
    detect_container,
    detect_orchestration,
    detect_iac,
    detect_paas,
    detect_ci_deploy,
    detect_prod_config,
    detect_release,
    detect_observability,
    detect_health,
    detect_governance,
    detect_lockfiles,
    detect_manifests,
    detect_migrations,
    detect_secrets,
    detect_throwaway,
)


def detect(inventory: Inventory, detectors: Iterable[Detector] = BUILTIN_DETECTORS) -> tuple[Signal, ...]:
    """Run ``detectors`` over ``inventory``: every signal once, sorted."""
    found: set[Signal] = set()
    for detector in detectors:
        found.update(detector(inventory))
    return tuple(sorted(found, key=_sort_key))


def _sort_key(signal: Signal) -> tuple[str, str, int, str]:
    return (signal.category, signal.path, signal.line if signal.line is not None else 0, signal.detail)


__all__ = [
    "BUILTIN_DETECTORS", "CATEGORIES", "EXTRA_CATEGORIES", "Detector", "Signal", "SourceStats", "count_lines",
    "detect", "source_stats",
]
