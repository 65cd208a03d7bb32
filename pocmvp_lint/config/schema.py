"""`pocmvp-lint schema`: the JSON Schema of ``project.toml`` (for editors such as Taplo / Even
Better TOML) and the reference section of docs/configuration.md, both built from ``config.spec``."""

from __future__ import annotations

import json
from typing import Any

from pocmvp_lint.config import toml
from pocmvp_lint.config.spec import TABLES, Key, Merge, Table, Type, plain, spellings

#: What ``pocmvp-lint schema --format`` accepts.
FORMATS = ("json", "markdown")
_STRINGS = {"type": "array", "items": {"type": "string"}}
_CODES = {"type": "array", "items": {"type": "string", "pattern": "^(ALL|[A-Za-z]+[0-9]*)$"}}
_SEVERITY = {"enum": spellings(("error", "warning", "info"))}
#: One ``ignore`` entry: the reason, or an exemption with a reason and an end date.
_EXEMPTION = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "required": ["reason"],
            "additionalProperties": False,
            "properties": {
                "reason": {"type": "string", "minLength": 1},
                "until": {
                    "type": "string",
                    "format": "date",
                    "description": "last day the exemption holds (TOML date)",
                },
            },
        },
    ]
}


def _shape(key: Key) -> dict[str, Any]:
    """The JSON Schema of the value of ``key``, without its description."""
    kind = key.type
    if kind in (Type.STRING, Type.POLICY):
        return {"type": "string"}
    if kind is Type.RULE_CODE:
        return {"type": "string", "pattern": key.pattern}
    if kind is Type.DATE:
        return {"type": "string", "format": "date"}
    if kind is Type.CHOICE:
        return {"type": "string", "enum": spellings(key.choices)}
    if kind is Type.CODES:
        return dict(_CODES)
    if kind is Type.IGNORES:
        return {"oneOf": [_CODES, {"type": "object", "additionalProperties": _EXEMPTION}]}
    if kind is Type.GLOBS:
        return dict(_STRINGS)
    if kind is Type.SEVERITIES:
        return {"type": "object", "additionalProperties": _SEVERITY}
    if kind is Type.PATH_CODES:
        return {"type": "object", "additionalProperties": _CODES}
    if kind is Type.STAGE_MAP:
        return {"type": "object", "additionalProperties": {"enum": spellings(key.choices)}}
    if kind in (Type.INTEGER, Type.NUMBER):
        return {"type": "integer" if kind is Type.INTEGER else "number", "minimum": 0}
    if kind is Type.CONTAINS:
        return {
            "type": "object",
            "required": ["glob", "regex"],
            "additionalProperties": False,
            "properties": {"glob": {"type": "string"}, "regex": {"type": "string"}},
        }
    table = _object(key.keys)
    if key.one_of:
        table["oneOf"] = [{"required": [name]} for name in key.one_of]
    return {"type": "array", "items": table} if kind is Type.RULES else table


def _property(key: Key) -> dict[str, Any]:
    out: dict[str, Any] = {"description": key.doc, **_shape(key)}
    if key.default is not None:
        out["default"] = plain(key.default)
    if key.example:
        out["examples"] = [_example_value(key)]
    return out


def _example_value(key: Key) -> Any:
    """The example of ``key`` as the value a TOML parser gives (dates as ISO strings)."""
    return _json_value(toml.parse(f"x = {key.example}\n", "spec")["x"])


def _json_value(value: Any) -> Any:
    """A TOML value as JSON holds it: dates as ISO strings, at any depth."""
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _object(keys: tuple[Key, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {k.name: _property(k) for k in keys},
        "additionalProperties": False,
    }
    required = [k.name for k in keys if k.required]
    if required:
        out["required"] = required
    return out


def _table(table: Table) -> dict[str, Any]:
    out = {"description": table.doc, **_object(table.keys)}
    if not table.strict:  # unknown keys only warn there (other tools share the file)
        del out["additionalProperties"]
    return out


def project_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://pocmvp-lint.invalid/schema/project.schema.json",
        "title": "project.toml (pocmvp-lint)",
        "description": "Declares whether a repository is a proof of concept or an MVP. Other tables "
        "(such as Cloud Native Buildpacks' [_] and [io]) are allowed.",
        "type": "object",
        "properties": {t.name: _table(t) for t in TABLES},
    }


def render() -> str:
    return json.dumps(project_schema(), indent=2) + "\n"


# ---- the reference in docs/configuration.md -----------------------------------------------------
#: Markers around the generated section of docs/configuration.md.
BEGIN = "<!-- reference: generated by `pocmvp-lint schema --format markdown`; do not edit -->"
END = "<!-- end of reference -->"


def _type(key: Key) -> str:
    if key.type is Type.CHOICE:
        return " | ".join(f'"{c}"' for c in key.choices)
    return str(key.type.value)


def _item(key: Key, table: str) -> list[str]:
    facts = [_type(key)]
    if key.required:
        facts.append("required")
    if key.default is not None:
        facts.append(f"default `{json.dumps(plain(key.default))}`")
    if key.merge is not Merge.REPLACE and table == "lint":
        facts.append(f"{key.merge.value} the policy's value")
    lines = [f"- **`{key.name}`** ({'; '.join(facts)}): {key.doc}."]
    if key.example and not key.keys:
        lines.append(f"  Example: `{key.name} = {key.example}`")
    return lines


def render_markdown() -> str:
    """The reference of every key, from the spec (docs/configuration.md holds this text)."""
    lines = [BEGIN, "", "## Reference", ""]
    for table in TABLES:
        lines += [f"### `[{table.name}]`", "", table.doc, ""]
        nested = []
        for key in table.keys:
            lines += _item(key, table.name)
            if key.keys:
                nested.append(key)
        lines.append("")
        for key in nested:
            header = f"[[{table.name}.{key.name}]]" if key.type is Type.RULES else f"[{table.name}.{key.name}]"
            lines += [f"#### `{header}`", ""]
            if key.one_of:
                lines += [f"Exactly one of {', '.join(f'`{n}`' for n in key.one_of)}.", ""]
            for child in key.keys:
                lines += _item(child, key.name)
            lines.append("")
    return "\n".join([*lines, END]) + "\n"
