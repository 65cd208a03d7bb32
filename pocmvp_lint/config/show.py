"""`pocmvp-lint config`: the effective settings of a project and where each value came from."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from pocmvp_lint.config.model import LintSettings, ProjectConfig, Thresholds

#: Settings fields in display order, with their TOML key.
_KEYS = (("select", "select"), ("extend_select", "extend-select"), ("ignore", "ignore"),
         ("fail_on", "fail-on"), ("exclude", "exclude"), ("severity", "severity"),
         ("per_path_ignores", "per-path-ignores"), ("custom_rules", "rules"))


def _value(name: str, value: Any) -> Any:
    if name == "fail_on":
        return value.value if value is not None else "never"
    if name == "severity":
        return {k: v.value for k, v in value.items()}
    if name == "custom_rules":
        return [f"{r.code} ({r.kind} {', '.join(r.globs)})" for r in value]
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "items"):
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in value.items()}
    return value


def effective(config: ProjectConfig, settings: LintSettings, cli: set[str]) -> list[dict[str, Any]]:
    """Rows of (key, value, origin); ``cli`` names fields the command line changed."""
    rows = []
    for name, key in _KEYS:
        origin = "command line" if name in cli else config.origins.get(name, "default")
        rows.append({"key": key, "value": _value(name, getattr(settings, name)), "origin": origin})
    base = config.origins.get("thresholds")
    defaults = Thresholds()
    for f in fields(Thresholds):
        value = getattr(settings.thresholds, f.name)
        origin = base if base and value != getattr(defaults, f.name) else "default"
        rows.append({"key": f"thresholds.{f.name.replace('_', '-')}", "value": value, "origin": origin})
    return rows


def render_text(path: str, config: ProjectConfig, rows: list[dict[str, Any]]) -> str:
    stage = config.declaration.stage
    head = f"{path}: {stage.label if stage else 'undeclared'} ({config.path or 'no project.toml'})"
    width = max(len(r["key"]) for r in rows)
    lines = [head]
    for row in rows:
        shown = json.dumps(row["value"]) if not isinstance(row["value"], str) else row["value"]
        lines.append(f"  {row['key'].ljust(width)}  {shown}  [{row['origin']}]")
    return "\n".join(lines)
