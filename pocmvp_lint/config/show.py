"""`pocmvp-lint config`: the effective settings of a project and where each value came from.

The rows follow ``config.spec``: every ``[project]`` key, ``extends``, each ``[lint]`` settings
field (keys such as ``extend-ignore`` show within the field they add to, ``ignore``) and each
threshold.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from pocmvp_lint.config.model import LintSettings, ProjectConfig
from pocmvp_lint.config.spec import LINT, PROJECT, Key, Type

#: What ``pocmvp-lint config --format`` accepts.
FORMATS = ("text", "json")


def _value(key: Key, value: Any) -> Any:
    if key.type is Type.CHOICE and key.field == "fail_on":
        return value.value if value is not None else "never"
    if key.type is Type.SEVERITIES:
        return {k: v.value for k, v in value.items()}
    if key.type is Type.RULES:
        return [f"{r.code} ({r.kind} {', '.join(r.globs)})" for r in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "items"):
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in value.items()}
    return value


def _ignores(settings: LintSettings) -> dict[str, Any]:
    """``ignore`` as written: code = reason, or { reason, until } for an exemption that ends."""
    out: dict[str, Any] = {}
    for code, reason in settings.ignore.items():
        exemption = settings.exemptions.get(code)
        until = exemption.until if exemption is not None else None
        out[code] = reason if until is None else {"reason": reason, "until": until.isoformat()}
    return out


def shown_as(key: Key) -> str:
    """The row of `config` that shows ``key`` ([lint] keys that add to a field show in its row)."""
    if key in PROJECT.keys:
        return f"project.{key.name}"
    return next((k.name for k in LINT.keys if k.field and k.field == key.field), key.name)


def effective(config: ProjectConfig, settings: LintSettings, cli: set[str]) -> list[dict[str, Any]]:
    """Rows of (key, value, origin); ``cli`` names fields the command line changed."""
    rows = []
    for key in PROJECT.keys:
        value = getattr(config.declaration, key.field)
        rows.append(
            {
                "key": shown_as(key),
                "value": _value(key, value),
                "origin": config.path if value is not None and config.path else "not set",
            }
        )
    tables = []
    for key in LINT.keys:
        if key.type is Type.TABLE:
            tables.append(key)
        elif not key.field:  # extends: the policies beneath the project's own table
            rows.append(
                {
                    "key": key.name,
                    "value": list(config.policies),
                    "origin": config.path if config.policies and config.path else "default",
                }
            )
        elif shown_as(key) == key.name:
            origin = "command line" if key.field in cli else config.origins.get(key.field, "default")
            value = _ignores(settings) if key.type is Type.IGNORES else _value(key, getattr(settings, key.field))
            rows.append({"key": key.name, "value": value, "origin": origin})
    for table in tables:
        base = config.origins.get(table.field)
        current = getattr(settings, table.field)
        for child in table.keys:
            value = getattr(current, child.field)
            origin = base if base and value != child.default else "default"
            rows.append({"key": f"{table.name}.{child.name}", "value": value, "origin": origin})
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
