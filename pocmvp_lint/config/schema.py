"""JSON Schema of ``project.toml`` for editors (Taplo / Even Better TOML), built from the config model."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from pocmvp_lint.config.model import PROJECT_KEYS, THRESHOLD_DOCS, Thresholds

_SEVERITY = {"enum": ["error", "warning", "info"]}
_CODES = {"type": "array", "items": {"type": "string", "pattern": "^(ALL|[A-Za-z]+[0-9]*)$"}}


def _project() -> dict[str, Any]:
    props: dict[str, Any] = {}
    for key, text in PROJECT_KEYS.items():
        if key == "stage":
            props[key] = {"description": text, "type": "string",
                          "enum": ["poc", "mvp", "POC", "MVP", "Poc", "Mvp"]}
        elif key in ("started", "ends"):
            props[key] = {"description": text + "; a TOML date", "type": "string", "format": "date"}
        else:
            props[key] = {"description": text, "type": "string"}
    return {"type": "object", "description": "What this repository is.", "properties": props,
            "required": ["stage"]}


def _thresholds() -> dict[str, Any]:
    defaults = Thresholds()
    props: dict[str, Any] = {}
    for f in fields(Thresholds):
        key = f.name.replace("_", "-")
        value = getattr(defaults, f.name)
        props[key] = {"description": f"{THRESHOLD_DOCS[key]} (default {value})",
                      "type": "number" if isinstance(value, float) else "integer",
                      "minimum": 0, "default": value}
    return {"type": "object", "properties": props, "additionalProperties": False}


def _custom_rule() -> dict[str, Any]:
    globs = {"type": "array", "items": {"type": "string"}}
    return {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{2,8}[0-9]{1,4}$",
                     "description": "Your own prefix, not STG/POC/MVP/SEC/LNT"},
            "name": {"type": "string"}, "summary": {"type": "string"}, "fix": {"type": "string"},
            "stage": {"enum": ["poc", "mvp", "any"]},
            "severity": _SEVERITY,
            "message": {"type": "string"},
            "require": globs, "forbid": globs,
            "contains": {"type": "object", "required": ["glob", "regex"],
                         "properties": {"glob": {"type": "string"}, "regex": {"type": "string"}}},
        },
        "oneOf": [{"required": ["require"]}, {"required": ["forbid"]}, {"required": ["contains"]}],
        "additionalProperties": False,
    }


def _lint() -> dict[str, Any]:
    ignore = {"oneOf": [_CODES, {"type": "object", "additionalProperties": {"type": "string"}}],
              "description": "Codes or prefixes; a table maps each to the reason it is ignored"}
    return {
        "type": "object",
        "description": "pocmvp-lint settings",
        "properties": {
            "extends": {"type": "string", "description": 'A policy file path or "package:resource.toml"'},
            "select": _CODES, "extend-select": _CODES, "ignore": ignore, "extend-ignore": ignore,
            "fail-on": {"enum": ["error", "warning", "info", "never"]},
            "exclude": {"type": "array", "items": {"type": "string"}},
            "extend-exclude": {"type": "array", "items": {"type": "string"}},
            "severity": {"type": "object", "additionalProperties": _SEVERITY},
            "thresholds": _thresholds(),
            "per-path-ignores": {"type": "object", "additionalProperties": _CODES},
            "rules": {"type": "array", "items": _custom_rule()},
        },
        "additionalProperties": False,
    }


def project_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://pocmvp-lint.invalid/schema/project.schema.json",
        "title": "project.toml (pocmvp-lint)",
        "description": "Declares whether a repository is a proof of concept or an MVP. Other tables "
                       "(such as Cloud Native Buildpacks' [_] and [io]) are allowed.",
        "type": "object",
        "properties": {"project": _project(), "lint": _lint()},
    }


def render() -> str:
    return json.dumps(project_schema(), indent=2) + "\n"
