"""Detectors: read an inventory, report what the repository shows as signals.

Each detector is a plain function ``Inventory -> Iterable[Signal]``; ``detect`` runs them all and
returns the signals sorted and deduplicated. Detectors know nothing about stages or rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pocmvp_lint.detectors.ci import detect_ci, detect_ci_tests
from pocmvp_lint.detectors.ci_deploy import detect_ci_deploy
from pocmvp_lint.detectors.deploy import detect_container, detect_iac, detect_orchestration, detect_paas
from pocmvp_lint.detectors.deploy_script import detect_deploy_scripts
from pocmvp_lint.detectors.governance import detect_governance
from pocmvp_lint.detectors.health import detect_health
from pocmvp_lint.detectors.lockfiles import (
    detect_lockfiles,
    detect_manifests,
    detect_pinned_manifests,
    detect_unlocked_manifests,
)
from pocmvp_lint.detectors.migrations import detect_migrations
from pocmvp_lint.detectors.observability import detect_observability
from pocmvp_lint.detectors.prod_config import detect_prod_config
from pocmvp_lint.detectors.release import detect_release
from pocmvp_lint.detectors.signal import CATEGORIES, Detector, Signal
from pocmvp_lint.detectors.sources import SourceStats, count_lines, source_stats
from pocmvp_lint.detectors.tests import detect_tests
from pocmvp_lint.detectors.throwaway import detect_throwaway
from pocmvp_lint.detectors.tokens import detect_credentials
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.model import Category


@dataclass(frozen=True)
class DetectorSpec:
    """A built-in detector and the categories it declares it produces."""

    detect: Detector
    produces: frozenset[Category]


def _spec(detector: Detector, *produces: Category) -> DetectorSpec:
    return DetectorSpec(detector, frozenset(produces))


#: Every built-in detector with what it produces; rules may read only these categories
#: (tests/rules/test_rule_docs.py checks it).
BUILTIN_DETECTOR_SPECS: tuple[DetectorSpec, ...] = (
    _spec(detect_tests, Category.TESTS, Category.SCAFFOLD_TESTS),
    _spec(detect_ci, Category.CI),
    _spec(detect_ci_tests, Category.CI_TESTS, Category.CI_TESTS_NONBLOCKING),
    _spec(detect_container, Category.CONTAINER, Category.CONTAINER_DEV),
    _spec(detect_orchestration, Category.ORCHESTRATION, Category.ORCHESTRATION_DEV),
    _spec(detect_iac, Category.IAC),
    _spec(detect_paas, Category.PAAS),
    _spec(detect_ci_deploy, Category.CI_DEPLOY, Category.CI_DEPLOY_MANUAL),
    _spec(detect_deploy_scripts, Category.DEPLOY_SCRIPT),
    _spec(detect_prod_config, Category.PROD_CONFIG, Category.SCAFFOLD_PROD_CONFIG),
    _spec(detect_release, Category.RELEASE),
    _spec(detect_observability, Category.OBSERVABILITY),
    _spec(detect_health, Category.HEALTH_CHECK),
    _spec(
        detect_governance,
        Category.README,
        Category.POC_DISCLAIMER,
        Category.README_SETUP,
        Category.LICENSE,
        Category.CHANGELOG,
        Category.SECURITY_POLICY,
        Category.CODEOWNERS,
        Category.DEPENDENCY_UPDATES,
    ),
    _spec(detect_lockfiles, Category.LOCKFILE),
    _spec(detect_manifests, Category.DEPENDENCY_MANIFEST),
    _spec(detect_pinned_manifests, Category.PINNED_MANIFEST),
    _spec(detect_unlocked_manifests, Category.UNLOCKED_MANIFEST),
    _spec(detect_migrations, Category.MIGRATIONS),
    _spec(detect_credentials, Category.SECRETS, Category.SECRETS_DEV_ONLY, Category.SECRETS_FIXTURE),
    _spec(detect_throwaway, Category.THROWAWAY),
)

BUILTIN_DETECTORS: tuple[Detector, ...] = tuple(spec.detect for spec in BUILTIN_DETECTOR_SPECS)

#: Every category some built-in detector produces.
PRODUCED: frozenset[Category] = frozenset(c for spec in BUILTIN_DETECTOR_SPECS for c in spec.produces)


def detect(inventory: Inventory, detectors: Iterable[Detector] = BUILTIN_DETECTORS) -> tuple[Signal, ...]:
    """Run ``detectors`` over ``inventory``: every signal once, sorted."""
    found: set[Signal] = set()
    for detector in detectors:
        found.update(detector(inventory))
    return tuple(sorted(found, key=_sort_key))


def _sort_key(signal: Signal) -> tuple[str, str, int, str]:
    return (str(signal.category), signal.path, signal.line if signal.line is not None else 0, signal.detail)


__all__ = [
    "BUILTIN_DETECTORS",
    "BUILTIN_DETECTOR_SPECS",
    "CATEGORIES",
    "PRODUCED",
    "Detector",
    "DetectorSpec",
    "Signal",
    "SourceStats",
    "count_lines",
    "detect",
    "source_stats",
]
