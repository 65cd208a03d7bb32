"""The ``[lint]`` table: validation, organisation policies (``extends``) and where values come from.

Settings are resolved in layers, base first: each policy named by ``extends`` (recursively), then
the project's own table, then the command line (applied by the engine). Every layer is validated
on its own, so an error names the file, line and key that caused it.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from pocmvp_lint.config import toml
from pocmvp_lint.config.model import (
    CustomRuleSpec,
    FailOn,
    LintSettings,
    Thresholds,
)
from pocmvp_lint.config.userregex import UserRegexError, compile_user_regex
from pocmvp_lint.errors import ConfigError
from pocmvp_lint.model import Severity

LINT_KEYS = (
    "extends", "select", "extend-select", "ignore", "extend-ignore", "fail-on", "exclude",
    "extend-exclude", "severity", "thresholds", "per-path-ignores", "rules",
)
FAIL_ON_VALUES = ("error", "warning", "info", "never")
#: Prefixes of built-in rules; custom rules must use their own.
RESERVED_PREFIXES = ("STG", "POC", "MVP", "SEC", "LNT")
CUSTOM_KINDS = ("require", "forbid", "contains")
_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{1,4}$")
_PACKAGE_RESOURCE = re.compile(r"^([A-Za-z_][\w.]*):([\w./-]+\.toml)$")


class Where:
    """A file and its text, to locate keys in error messages."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(message, path=self.path, line=toml.locate(self.text, key), key=key)

    def fail(self, key: str, message: str) -> NoReturn:
        raise self.error(key, message)

    def warning(self, key: str, message: str) -> str:
        line = toml.locate(self.text, key)
        return f"{self.path}:{line}: [{key}] {message}" if line else f"{self.path}: [{key}] {message}"


def closest(word: str, choices: Collection[str]) -> str:
    """A " (did you mean `x`?)" hint, or "" when nothing is close."""
    import difflib

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


def check_selector(code: str, known: Collection[str], fail: Callable[[str], Exception]) -> None:
    """Raise ``fail(message)`` unless ``code`` is ALL, a known code, or a prefix of one."""
    if code == "ALL" or any(k.startswith(code) for k in known):
        return
    raise fail(f"unknown rule code or prefix `{code}`{closest(code, known)}")


def error_at(where: Where, key: str) -> Callable[[str], Exception]:
    """A ``fail`` callback for ``check_selector`` that locates errors at ``key``."""
    return lambda message: where.error(key, message)


def parse_fail_on(value: str) -> FailOn:
    return None if value.lower() == "never" else Severity(value.lower())


# ---- layers -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Layer:
    """One ``[lint]`` table and where it came from ("policy acme:base.toml", "project.toml")."""

    origin: str
    table: Mapping[str, Any]
    where: Where
    key_prefix: str = "lint"


def _read_policy(spec: str, base_dir: Path, where: Where) -> tuple[str, str, Path | None]:
    """(display name, text, folder for relative extends) of the policy ``spec`` points to."""
    found = _PACKAGE_RESOURCE.match(spec)
    if found and not Path(spec).exists():
        package, resource = found.groups()
        try:
            text = importlib.resources.files(package).joinpath(resource).read_text(encoding="utf-8")
        except ModuleNotFoundError:
            where.fail("lint.extends", f"policy package `{package}` is not installed (add it to "
                       "pre-commit's additional_dependencies or pip install it)")
        except (OSError, ValueError) as exc:
            where.fail("lint.extends", f"cannot read `{resource}` from package `{package}`: {exc}")
        return spec, text, None
    path = (base_dir / spec).resolve()
    try:
        if path.stat().st_size > toml.MAX_CONFIG_BYTES:
            where.fail("lint.extends", f"policy {spec} is larger than {toml.MAX_CONFIG_BYTES} bytes")
        return spec, path.read_text(encoding="utf-8"), path.parent
    except FileNotFoundError:
        where.fail("lint.extends", f"policy file {spec} not found (relative to {base_dir})")
    except (OSError, UnicodeDecodeError) as exc:
        where.fail("lint.extends", f"cannot read policy file {spec}: {exc}")


def resolve_layers(table: Mapping[str, Any], where: Where, origin: str, base_dir: Path | None,
                   chain: tuple[str, ...] = ()) -> tuple[Layer, ...]:
    """The layers behind ``table``: its ``extends`` chain (base first), then itself."""
    layers: tuple[Layer, ...] = ()
    spec = table.get("extends")
    if spec is not None:
        if not isinstance(spec, str) or not spec.strip():
            where.fail("lint.extends", 'must be a path or "package:resource.toml" string')
        if base_dir is None and not _PACKAGE_RESOURCE.match(spec):
            where.fail("lint.extends", "a policy from a package can only extend other packages")
        name, text, policy_dir = _read_policy(spec, base_dir or Path("."), where)
        key = f"{policy_dir}/{name}" if policy_dir else name
        if key in chain:
            loop = " -> ".join((*chain, key))
            where.fail("lint.extends", f"policies extend each other in a cycle: {loop}")
        data = toml.parse(text, name)
        lint = data.get("lint")
        policy_where = Where(name, text)
        if not isinstance(lint, dict):
            raise ConfigError("a policy file needs a [lint] table", path=name)
        layers = resolve_layers(lint, policy_where, f"policy {name}", policy_dir, (*chain, key))
    return (*layers, Layer(origin, table, where))


# ---- validation of one layer --------------------------------------------------------------------
def _str_list(value: Any, where: Where, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        where.fail(key, "must be a list of strings")
    return tuple(value)


def _selectors(value: Any, where: Where, key: str, known: Collection[str]) -> tuple[str, ...]:
    codes = tuple(v.strip().upper() for v in _str_list(value, where, key))
    for code in codes:
        check_selector(code, known, error_at(where, key))
    return codes


def _severity(value: Any, where: Where, key: str) -> Severity:
    if not isinstance(value, str) or value.lower() not in ("error", "warning", "info"):
        where.fail(key, f'must be "error", "warning" or "info", not {value!r}')
    return Severity(value.lower())


def _table(value: Any, where: Where, key: str, example: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        where.fail(key, f"must be a table such as {example}")
    return value


def _ignores(value: Any, where: Where, key: str, known: Collection[str]) -> dict[str, str]:
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for code, reason in value.items():
            if not isinstance(reason, str):
                where.fail(f"{key}.{code}", "the reason must be a string")
            check_selector(code.upper(), known, error_at(where, key))
            out[code.upper()] = reason
        return out
    return {code: "" for code in _selectors(value, where, key, known)}


def _thresholds(value: Any, where: Where) -> dict[str, Any]:
    table = _table(value, where, "lint.thresholds", "{ poc-max-age-days = 60 }")
    defaults = Thresholds()
    names = {f.name.replace("_", "-"): f.name for f in fields(Thresholds)}
    out: dict[str, Any] = {}
    for key, number in table.items():
        if key not in names:
            where.fail(f"lint.thresholds.{key}", f"unknown threshold{closest(key, names)}")
        expected = type(getattr(defaults, names[key]))
        ok = isinstance(number, (int, float)) if expected is float else isinstance(number, int)
        if isinstance(number, bool) or not ok or number < 0:
            kind = "number" if expected is float else "integer"
            where.fail(f"lint.thresholds.{key}", f"must be a non-negative {kind}, not {number!r}")
        out[names[key]] = expected(number)
    return out


def custom_rules(layer: Layer) -> tuple[CustomRuleSpec, ...]:
    """Validate ``[[lint.rules]]`` declarative rules of one layer."""
    raw = layer.table.get("rules", [])
    where = layer.where
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        where.fail("lint.rules", "must be an array of tables ([[lint.rules]])")
    specs: list[CustomRuleSpec] = []
    allowed = {"code", "name", "stage", "severity", "message", "summary", "fix", *CUSTOM_KINDS,
               "glob", "regex"}
    for entry in raw:
        code = entry.get("code")
        key = f"lint.rules.{code}" if isinstance(code, str) else "lint.rules"
        if not isinstance(code, str) or not _CODE.match(code):
            where.fail("lint.rules", f"each rule needs a `code` such as ACME001, not {code!r}")
        if code.startswith(RESERVED_PREFIXES):
            where.fail("lint.rules", f"`{code}`: the prefixes {', '.join(RESERVED_PREFIXES)} belong to "
                       "built-in rules; pick your own (e.g. ACME001)")
        for name in entry:
            if name not in allowed:
                where.fail("lint.rules", f"`{code}`: unknown key `{name}`{closest(name, allowed)}")
        kinds = [k for k in CUSTOM_KINDS if k in entry]
        if len(kinds) != 1:
            where.fail("lint.rules", f"`{code}`: needs exactly one of require, forbid or contains")
        kind = kinds[0]
        stage = str(entry.get("stage", "any")).lower()
        if stage not in ("poc", "mvp", "any"):
            where.fail("lint.rules", f'`{code}`: stage must be "poc", "mvp" or "any"')
        message = entry.get("message")
        if not isinstance(message, str) or not message.strip():
            where.fail("lint.rules", f"`{code}`: needs a `message` saying what is wrong")
        regex = None
        globs: tuple[str, ...]
        if kind == "contains":
            spec = entry["contains"]
            if not (isinstance(spec, dict) and isinstance(spec.get("glob"), str)
                    and isinstance(spec.get("regex"), str)):
                where.fail("lint.rules", f'`{code}`: contains = {{ glob = "...", regex = "..." }}')
            globs, regex = (spec["glob"],), spec["regex"]
            try:
                compile_user_regex(regex)
            except UserRegexError as exc:
                where.fail("lint.rules", f"`{code}`: invalid regex {regex!r} in contains: {exc} "
                           "(patterns run on RE2: no backreferences or lookaround)")
        else:
            globs = _str_list(entry[kind], where, key)
        specs.append(CustomRuleSpec(
            code=code, name=str(entry.get("name", code.lower())), stage=stage,
            severity=_severity(entry.get("severity", "warning"), where, key), message=message,
            kind=kind, globs=globs, regex=regex, origin=layer.origin,
            summary=str(entry.get("summary", message)), fix=str(entry.get("fix", "")),
        ))
    return tuple(specs)


@dataclass(frozen=True)
class Resolved:
    """Settings after folding every layer, with the origin of each key that was set."""

    settings: LintSettings
    origins: Mapping[str, str]


def fold(layers: tuple[Layer, ...], known: Collection[str]) -> Resolved:
    """Validate each layer and fold them, base first (later layers override or extend)."""
    settings = LintSettings()
    origins: dict[str, str] = {}
    customs: list[CustomRuleSpec] = []
    for layer in layers:
        customs.extend(custom_rules(layer))
    known = (*known, *(c.code for c in customs))
    for layer in layers:
        where, table = layer.where, layer.table
        for key in table:
            if key not in LINT_KEYS:
                where.fail(f"lint.{key}", f"unknown setting{closest(key, LINT_KEYS)}")
        changes: dict[str, Any] = {}
        if "select" in table:
            changes["select"] = _selectors(table["select"], where, "lint.select", known)
        if "extend-select" in table:
            changes["extend_select"] = settings.extend_select + _selectors(
                table["extend-select"], where, "lint.extend-select", known)
        ignore = dict(settings.ignore)
        for key in ("ignore", "extend-ignore"):
            if key in table:
                ignore.update(_ignores(table[key], where, f"lint.{key}", known))
        if ignore != dict(settings.ignore):
            changes["ignore"] = MappingProxyType(ignore)
        if "fail-on" in table:
            value = table["fail-on"]
            if not isinstance(value, str) or value.lower() not in FAIL_ON_VALUES:
                where.fail("lint.fail-on", f"must be one of {', '.join(FAIL_ON_VALUES)}, not {value!r}")
            changes["fail_on"] = parse_fail_on(value)
        if "exclude" in table:
            changes["exclude"] = _str_list(table["exclude"], where, "lint.exclude")
        if "extend-exclude" in table:
            changes["exclude"] = changes.get("exclude", settings.exclude) + _str_list(
                table["extend-exclude"], where, "lint.extend-exclude")
        if "severity" in table:
            levels = dict(settings.severity)
            for code, level in _table(table["severity"], where, "lint.severity",
                                      '{ MVP008 = "error" }').items():
                check_selector(code.upper(), known, error_at(where, f"lint.severity.{code}"))
                levels[code.upper()] = _severity(level, where, f"lint.severity.{code}")
            changes["severity"] = MappingProxyType(levels)
        if "thresholds" in table:
            changes["thresholds"] = replace(settings.thresholds, **_thresholds(table["thresholds"], where))
        if "per-path-ignores" in table:
            per_path = dict(settings.per_path_ignores)
            for pattern, codes in _table(table["per-path-ignores"], where, "lint.per-path-ignores",
                                         '{ "infra/sandbox/**" = ["POC103"] }').items():
                per_path[pattern] = _selectors(codes, where, "lint.per-path-ignores", known)
            changes["per_path_ignores"] = MappingProxyType(per_path)
        for name in changes:
            origins[name] = layer.origin
        settings = replace(settings, **changes)
    if customs:
        settings = replace(settings, custom_rules=tuple(customs))
        origins["custom_rules"] = ", ".join(dict.fromkeys(c.origin for c in customs))
    return Resolved(settings, MappingProxyType(origins))
