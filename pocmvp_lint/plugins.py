"""Third-party detectors and rules, found through entry points.

A plugin package declares, in its ``pyproject.toml``::

    [project.entry-points."pocmvp_lint.detectors"]
    acme = "acme_pocmvp:DETECTORS"      # a Detector, or an iterable of them
    [project.entry-points."pocmvp_lint.rules"]
    acme = "acme_pocmvp:RULES"          # a Rule, or an iterable of them

using the same API as the built-ins (``pocmvp_lint.api``). A plugin that fails to load or
raises while running is reported as that plugin's error (exit 2), never as a crash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import replace
from typing import Any

from pocmvp_lint.detectors.signal import Detector, Signal
from pocmvp_lint.errors import PluginError
from pocmvp_lint.installed import declared_groups, installed_distributions
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.rules.rule import Rule

DETECTOR_GROUP = "pocmvp_lint.detectors"
RULE_GROUP = "pocmvp_lint.rules"
#: Both groups: ``declared_groups(GROUPS)`` looks for them in one walk of the search path.
GROUPS = (DETECTOR_GROUP, RULE_GROUP)


def _entry_points(group: str, declared: Set[str] | None = None) -> list[Any]:
    """Entry points of ``group`` from installed distributions only: a ``*.dist-info`` in the
    current folder (an untrusted checkout, first on ``sys.path`` under ``python -m``) is never seen.

    ``declared``: the groups a first look found may be declared (``declared_groups``), when the
    caller looked already."""
    if group not in (declared_groups((group,)) if declared is None else declared):
        return []  # the common case, decided without importlib.metadata
    seen: set[str] = set()
    found: list[Any] = []
    for dist in installed_distributions():
        name = _normalized(dist.metadata["Name"] or "")
        if name in seen:
            continue  # a distribution shadowed by one earlier on the path, as importlib does
        seen.add(name)
        found.extend(entry for entry in dist.entry_points if entry.group == group)
    return found


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _plugin_name(entry: Any) -> str:
    dist = getattr(entry, "dist", None)
    name = getattr(dist, "name", None) or entry.value.split(":")[0].split(".")[0]
    return str(name)


def _load(entry: Any) -> Any:
    try:
        return entry.load()
    except Exception as exc:
        raise PluginError(
            f"plugin '{_plugin_name(entry)}' failed to load entry point "
            f"'{entry.name}' ({entry.value}): {type(exc).__name__}: {exc}"
        ) from exc


def _many(obj: Any) -> list[Any]:
    if isinstance(obj, Rule) or (callable(obj) and not isinstance(obj, (list, tuple))):
        return [obj]
    if isinstance(obj, Iterable):
        return list(obj)
    return [obj]


def _guarded(detector: Detector, plugin: str) -> Detector:
    def run(inventory: Inventory) -> Iterator[Signal]:
        try:
            yield from detector(inventory)
        except Exception as exc:
            name = getattr(detector, "__name__", repr(detector))
            raise PluginError(f"detector '{name}' from plugin '{plugin}' raised {type(exc).__name__}: {exc}") from exc

    return run


def plugin_detectors(declared: Set[str] | None = None) -> tuple[Detector, ...]:
    found: list[Detector] = []
    for entry in _entry_points(DETECTOR_GROUP, declared):
        plugin = _plugin_name(entry)
        for detector in _many(_load(entry)):
            if not callable(detector):
                raise PluginError(f"plugin '{plugin}': entry point '{entry.name}' is not a detector")
            found.append(_guarded(detector, plugin))
    return tuple(found)


def plugin_rules(taken: Iterable[str], declared: Set[str] | None = None) -> tuple[Rule, ...]:
    codes = set(taken)
    found: list[Rule] = []
    for entry in _entry_points(RULE_GROUP, declared):
        plugin = _plugin_name(entry)
        for rule in _many(_load(entry)):
            if not isinstance(rule, Rule):
                raise PluginError(
                    f"plugin '{plugin}': entry point '{entry.name}' gave "
                    f"{type(rule).__name__}, not a pocmvp_lint.api.Rule"
                )
            if rule.code in codes:
                raise PluginError(f"plugin '{plugin}': rule code {rule.code} is already taken")
            codes.add(rule.code)
            found.append(replace(rule, origin=plugin))
    return tuple(found)
