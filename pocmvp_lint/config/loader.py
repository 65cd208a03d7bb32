"""Validate a ``project.toml`` into a ``ProjectConfig``; every error names file, line and key."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Mapping
from dataclasses import fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pocmvp_lint.config import toml
from pocmvp_lint.config.model import (
    PROJECT_KEYS,
    Declaration,
    FailOn,
    LintSettings,
    ProjectConfig,
    Thresholds,
)
from pocmvp_lint.errors import ConfigError
from pocmvp_lint.model import Severity, Stage

LINT_KEYS = (
    "select", "extend-select", "ignore", "extend-ignore", "fail-on", "exclude", "extend-exclude",
    "severity", "thresholds", "per-path-ignores",
)
FAIL_ON_VALUES = ("error", "warning", "info", "never")


def is_buildpacks(data: Mapping[str, Any]) -> bool:
    """A Cloud Native Buildpacks project descriptor has ``[_]`` or ``[io.buildpacks]``."""
    io = data.get("io")
    return "_" in data or (isinstance(io, dict) and "buildpacks" in io)


def closest(word: str, choices: Collection[str]) -> str:
    """A " (did you mean `x`?)" hint, or "" when nothing is close."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


class _Ctx:
    """Where we are: the file and its text, to locate keys in error messages."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(message, path=self.path, line=toml.locate(self.text, key), key=key)

    def warning(self, key: str, message: str) -> str:
        line = toml.locate(self.text, key)
        return f"{self.path}:{line}: [{key}] {message}" if line else f"{self.path}: [{key}] {message}"


def load_file(file: Path, display_path: str, known_codes: Collection[str]) -> ProjectConfig:
    """Read and validate ``file``; ``display_path`` is how messages name it."""
    try:
        size = file.stat().st_size
        if size > toml.MAX_CONFIG_BYTES:
            raise ConfigError(f"file is larger than {toml.MAX_CONFIG_BYTES} bytes", path=display_path)
        raw = file.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=display_path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=display_path) from None
    return load_text(text, display_path, known_codes)


def load_text(text: str, path: str, known_codes: Collection[str]) -> ProjectConfig:
    """Validate the TOML ``text`` of the file at ``path``."""
    data = toml.parse(text, path)
    ctx = _Ctx(path, text)
    buildpacks = is_buildpacks(data)
    project = data.get("project", {})
    if not isinstance(project, dict):
        raise ctx.error("project", "must be a table")
    warnings: list[str] = []
    if "stage" not in project:
        # No declaration: maybe a Cloud Native Buildpacks descriptor, maybe an empty file.
        return ProjectConfig(path=path, buildpacks=buildpacks)
    declaration = _declaration(project, ctx, warnings, buildpacks)
    lint = data.get("lint", {})
    if not isinstance(lint, dict):
        raise ctx.error("lint", "must be a table")
    settings = parse_settings(lint, ctx, known_codes)
    return ProjectConfig(
        path=path,
        declaration=declaration,
        settings=settings,
        stage_line=toml.locate(text, "project.stage"),
        warnings=tuple(warnings),
        buildpacks=buildpacks,
    )


def _declaration(project: Mapping[str, Any], ctx: _Ctx, warnings: list[str],
                 buildpacks: bool) -> Declaration:
    stage_raw = project["stage"]
    if not isinstance(stage_raw, str) or stage_raw.strip().lower() not in ("poc", "mvp"):
        raise ctx.error("project.stage", f'must be "poc" or "mvp", not {stage_raw!r}')
    stage = Stage(stage_raw.strip().lower())
    values: dict[str, Any] = {"stage": stage}
    for key, value in project.items():
        if key == "stage":
            continue
        if key not in PROJECT_KEYS:
            if not buildpacks:  # Buildpacks' older schema puts its own keys in [project]
                warnings.append(ctx.warning(
                    f"project.{key}", f"unknown key{closest(key, PROJECT_KEYS)}; it is ignored"))
            continue
        if key in ("started", "ends"):
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise ctx.error(f"project.{key}",
                                f"must be a TOML date such as 2026-03-31, not {value!r}")
        elif not isinstance(value, str):
            raise ctx.error(f"project.{key}", f"must be a string, not {type(value).__name__}")
        elif not value.strip():
            value = None
        values[key] = value
    declaration = Declaration(**values)
    if declaration.started and declaration.ends and declaration.ends < declaration.started:
        raise ctx.error("project.ends",
                        f"ends ({declaration.ends}) is before started ({declaration.started})")
    return declaration


def _str_list(value: Any, ctx: _Ctx, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ctx.error(key, "must be a list of strings")
    return tuple(value)


def _selectors(value: Any, ctx: _Ctx, key: str, known: Collection[str]) -> tuple[str, ...]:
    codes = tuple(v.strip().upper() for v in _str_list(value, ctx, key))
    for code in codes:
        check_selector(code, known, lambda msg: ctx.error(key, msg))
    return codes


def check_selector(code: str, known: Collection[str], fail: Any) -> None:
    """Raise ``fail(message)`` unless ``code`` is ALL, a known code, or a prefix of one."""
    if code == "ALL" or any(k.startswith(code) for k in known):
        return
    raise fail(f"unknown rule code or prefix `{code}`{closest(code, known)}")


def _severity(value: Any, ctx: _Ctx, key: str) -> Severity:
    if not isinstance(value, str) or value.lower() not in ("error", "warning", "info"):
        raise ctx.error(key, f'must be "error", "warning" or "info", not {value!r}')
    return Severity(value.lower())


def parse_fail_on(value: str) -> FailOn:
    return None if value.lower() == "never" else Severity(value.lower())


def parse_settings(lint: Mapping[str, Any], ctx: _Ctx, known: Collection[str]) -> LintSettings:
    """Validate the ``[lint]`` table. Unknown keys are errors here: settings typos change results."""
    for key in lint:
        if key not in LINT_KEYS:
            raise ctx.error(f"lint.{key}", f"unknown setting{closest(key, LINT_KEYS)}")
    settings = LintSettings()
    if "select" in lint:
        settings = replace(settings, select=_selectors(lint["select"], ctx, "lint.select", known))
    if "extend-select" in lint:
        settings = replace(settings, extend_select=_selectors(
            lint["extend-select"], ctx, "lint.extend-select", known))
    ignore: dict[str, str] = {}
    for key in ("ignore", "extend-ignore"):
        if key not in lint:
            continue
        value = lint[key]
        if isinstance(value, dict):
            for code, reason in value.items():
                if not isinstance(reason, str):
                    raise ctx.error(f"lint.{key}.{code}", "the reason must be a string")
                check_selector(code.upper(), known, lambda m, k=key: ctx.error(f"lint.{k}", m))
                ignore[code.upper()] = reason
        else:
            for code in _selectors(value, ctx, f"lint.{key}", known):
                ignore[code] = ""
    settings = replace(settings, ignore=MappingProxyType(ignore))
    if "fail-on" in lint:
        value = lint["fail-on"]
        if not isinstance(value, str) or value.lower() not in FAIL_ON_VALUES:
            raise ctx.error("lint.fail-on", f"must be one of {', '.join(FAIL_ON_VALUES)}, not {value!r}")
        settings = replace(settings, fail_on=parse_fail_on(value))
    exclude: tuple[str, ...] = ()
    for key in ("exclude", "extend-exclude"):
        if key in lint:
            exclude += _str_list(lint[key], ctx, f"lint.{key}")
    settings = replace(settings, exclude=exclude)
    if "severity" in lint:
        table = lint["severity"]
        if not isinstance(table, dict):
            raise ctx.error("lint.severity", 'must be a table such as { MVP008 = "error" }')
        severity: dict[str, Severity] = {}
        for code, level in table.items():
            check_selector(code.upper(), known, lambda m: ctx.error(f"lint.severity.{code}", m))
            severity[code.upper()] = _severity(level, ctx, f"lint.severity.{code}")
        settings = replace(settings, severity=MappingProxyType(severity))
    if "thresholds" in lint:
        settings = replace(settings, thresholds=_thresholds(lint["thresholds"], ctx))
    if "per-path-ignores" in lint:
        table = lint["per-path-ignores"]
        if not isinstance(table, dict):
            raise ctx.error("lint.per-path-ignores", 'must be a table such as { "infra/**" = ["POC103"] }')
        per_path = {pattern: _selectors(codes, ctx, "lint.per-path-ignores", known)
                    for pattern, codes in table.items()}
        settings = replace(settings, per_path_ignores=MappingProxyType(per_path))
    return settings


def _thresholds(table: Any, ctx: _Ctx) -> Thresholds:
    if not isinstance(table, dict):
        raise ctx.error("lint.thresholds", "must be a table")
    defaults = Thresholds()
    names = {f.name.replace("_", "-"): f for f in fields(Thresholds)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in names:
            raise ctx.error(f"lint.thresholds.{key}", f"unknown threshold{closest(key, names)}")
        expected = type(getattr(defaults, names[key].name))
        ok = isinstance(value, (int, float)) if expected is float else isinstance(value, int)
        if isinstance(value, bool) or not ok or value < 0:
            raise ctx.error(f"lint.thresholds.{key}",
                            f"must be a non-negative {'number' if expected is float else 'integer'}")
        values[names[key].name] = expected(value)
    return replace(defaults, **values)
