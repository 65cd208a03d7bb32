"""The ``[lint]`` table: validation, organisation policies (``extends``) and where values come from.

Settings are resolved in layers, base first: each policy named by ``extends`` (recursively), then
the project's own table, then the command line (applied by the engine). Every layer is validated
on its own, so an error names the file, line and key that caused it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import posixpath
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from pocmvp_lint.config import toml
from pocmvp_lint.config.model import (
    CustomRuleSpec,
    Exemption,
    FailOn,
    LintSettings,
    Thresholds,
)
from pocmvp_lint.config.packages import locate_policy
from pocmvp_lint.config.spec import CODE_PATTERN, FAIL_ON_VALUES, LINT, SEVERITY_VALUES, Key, Merge, Type
from pocmvp_lint.config.userregex import UserRegexError, compile_user_regex
from pocmvp_lint.errors import ConfigError
from pocmvp_lint.inventory.reader import OUTSIDE, ReadRefused, contained, read_bounded
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Severity

__all__ = ["FAIL_ON_VALUES", "Layer", "Place", "Resolved", "Where", "fold", "resolve_layers"]
#: Prefixes of built-in rules; custom rules must use their own.
RESERVED_PREFIXES = ("STG", "POC", "MVP", "SEC", "LNT")
_RULES = LINT.key("rules")
CUSTOM_KINDS = _RULES.one_of
_CODE = lazy_re(CODE_PATTERN)
#: The keys of an ``ignore`` entry written as a table.
EXEMPTION_KEYS = ("reason", "until")
_PACKAGE_RESOURCE = lazy_re(r"^([A-Za-z_][\w.]*):([\w./-]+\.toml)$")
#: Policies a chain of ``extends`` may stack before it is refused.
MAX_EXTENDS_DEPTH = 32
#: The one answer for a policy path outside the repository, whether or not the file exists.
OUTSIDE_REPOSITORY = "must be a path inside the repository or an installed package:resource"


class Where:
    """A file and its text, to locate keys in error messages."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def error(self, key: str, message: str, line: int | None = None) -> ConfigError:
        """An error at ``key`` (at ``line`` when given, else where the key is set)."""
        return ConfigError(message, path=self.path, line=line or toml.locate(self.text, key), key=key)

    def fail(self, key: str, message: str, line: int | None = None) -> NoReturn:
        raise self.error(key, message, line)

    def warning(self, key: str, message: str) -> str:
        line = toml.locate(self.text, key)
        return f"{self.path}:{line}: [{key}] {message}" if line else f"{self.path}: [{key}] {message}"


def closest(word: str, choices: Collection[str]) -> str:
    """A " (did you mean `x`?)" hint, or "" when nothing is close."""
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


@dataclass(frozen=True)
class Place:
    """Where a file with ``extends`` lives: relative policies resolve from ``folder`` (a POSIX
    path below ``root``) and must stay below ``root``, unless the file is ``trusted`` (named on
    the command line), whose policies may be anywhere."""

    root: Path
    folder: str = ""
    trusted: bool = False
    package: str | None = None  # the installed package ``root`` is, for policies shipped in one

    def identity(self, rel: str) -> str:
        """How messages and cycle detection name the file ``rel`` below ``root``."""
        if self.trusted:
            return os.path.join(self.root, rel)
        return f"{self.package}:{rel}" if self.package else rel


def _control(text: str) -> str | None:
    bad = next((c for c in text if ord(c) < 32 or 127 <= ord(c) < 160), None)
    return None if bad is None else f"U+{ord(bad):04X}"


def read_config_bytes(root: Path, rel: str, fail: Callable[[str], NoReturn], label: str = "") -> str:
    """The UTF-8 text of ``root/rel`` through the one reader; ``fail`` reports why it cannot be.

    ``label`` names the file in messages ("" when ``fail`` already names it).
    """

    def say(text: str) -> str:
        return f"{label} {text}" if label else text

    try:
        raw = read_bounded(root, rel, toml.MAX_CONFIG_BYTES)
    except ReadRefused as exc:
        fail(say(exc.reason))
    except FileNotFoundError:
        fail(say("not found"))
    except OSError as exc:
        fail(f"cannot read {label or 'it'}: {exc.strerror or exc}")
    if len(raw) > toml.MAX_CONFIG_BYTES:
        fail(say(f"is larger than {toml.MAX_CONFIG_BYTES} bytes"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        fail(say("is not UTF-8 text"))


def trusted_place(path: Path) -> tuple[Path, str]:
    """(folder, name) of a file named on the command line, its symlinks resolved."""
    real = os.path.realpath(path)
    return Path(os.path.dirname(real)), os.path.basename(real)


def _read_policy(spec: str, place: Place | None, where: Where) -> tuple[str, Place, str]:
    """(text, place for its own extends, identity for cycle detection) of the policy ``spec``."""

    def fail(message: str) -> NoReturn:
        where.fail("lint.extends", message)

    found = _PACKAGE_RESOURCE.match(spec)
    if found:
        package, resource = found.groups()
        located = locate_policy(package, resource) if contained(resource) else None
        if located is None:
            fail(
                f"policy package `{package}` is not installed (add it to pre-commit's "
                "additional_dependencies or pip install it)"
            )
        root, rel, trusted, owner = located.package_dir, located.rel, False, package.split(".")[0]
        label = f"`{resource}` from package `{package}`"
    elif place is not None and place.trusted:
        root, rel = trusted_place(Path(place.root, place.folder, spec))
        trusted, owner, label = True, None, f"policy file {spec}"
    else:
        inside = contained(posixpath.join(place.folder, spec)) if place is not None else None
        if inside is None or place is None:
            fail(f"{spec!r}: {OUTSIDE_REPOSITORY}")
        root, rel, trusted, owner = place.root, inside, False, place.package
        label = f"policy file {spec}"

    def refuse(message: str) -> NoReturn:
        fail(f"{spec!r}: {OUTSIDE_REPOSITORY}" if message.endswith(OUTSIDE) and not trusted else message)

    text = read_config_bytes(root, rel, refuse, label)
    policy_place = Place(root, posixpath.dirname(rel), trusted, owner)
    return text, policy_place, policy_place.identity(rel)


def resolve_layers(
    table: Mapping[str, Any], where: Where, origin: str, place: Place | None, chain: tuple[str, ...] = ()
) -> tuple[Layer, ...]:
    """The layers behind ``table``: its ``extends`` chain (base first), then itself."""
    layers: tuple[Layer, ...] = ()
    spec = table.get("extends")
    if spec is not None:
        if not isinstance(spec, str) or not spec.strip():
            where.fail("lint.extends", 'must be a path or "package:resource.toml" string')
        bad = _control(spec)
        if bad is not None:
            where.fail("lint.extends", f"must not contain control characters (found {bad})")
        if len(chain) >= MAX_EXTENDS_DEPTH:
            where.fail("lint.extends", f"extends chain deeper than {MAX_EXTENDS_DEPTH} policies")
        text, policy_place, key = _read_policy(spec, place, where)
        if key in chain:
            loop = " -> ".join((*chain, key))
            where.fail("lint.extends", f"policies extend each other in a cycle: {loop}")
        data = toml.parse(text, key)
        lint = data.get("lint")
        policy_where = Where(key, text)
        if not isinstance(lint, dict):
            raise ConfigError("a policy file needs a [lint] table", path=key)
        layers = resolve_layers(lint, policy_where, f"policy {spec}", policy_place, (*chain, key))
    return (*layers, Layer(origin, table, where))


# ---- validation of one layer --------------------------------------------------------------------


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a usable gitignore-style glob, or None when it is one."""
    import pathspec  # lazily, like every user of patterns

    if "\0" in pattern:
        return "a pattern cannot hold a NUL character"
    try:
        compiled = pathspec.GitIgnoreSpec.from_lines([pattern])
    except ValueError as exc:  # pathspec's GitIgnorePatternError is a ValueError
        return str(exc)
    if not compiled.patterns or all(p.include is None for p in compiled.patterns):
        return "it matches no path (empty, a comment, or an unclosed `[`?)"
    return None


def _globs(value: Any, where: Where, key: str, line: int | None = None) -> tuple[str, ...]:
    """A list of glob strings (or one string), each one a pattern that compiles."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        where.fail(key, 'must be a list of glob strings such as ["infra/**"]', line)
    for pattern in value:
        problem = glob_problem(pattern)
        if problem is not None:
            where.fail(key, f"{_show(pattern)} is not a valid glob: {problem}", line)
    return tuple(value)


def _show(value: Any, limit: int = 60) -> str:
    """A short ``repr`` of a bad value for an error message."""
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _selectors(value: Any, where: Where, key: str, known: Collection[str], line: int | None = None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        where.fail(key, 'must be a list of rule codes such as ["POC103"]', line)
    codes = tuple(v.strip().upper() for v in value)
    for code in codes:
        check_selector(code, known, lambda message: where.error(key, message, line))
    return codes


def _either(choices: Collection[str]) -> str:
    """'"a", "b" or "c"' for a message."""
    quoted = [f'"{c}"' for c in choices]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else "".join(quoted)


def _severity(value: Any, where: Where, key: str) -> Severity:
    if not isinstance(value, str) or value.lower() not in SEVERITY_VALUES:
        where.fail(key, f"must be {_either(SEVERITY_VALUES)}, not {value!r}")
    return Severity(value.lower())


def _table(value: Any, where: Where, key: str, example: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        where.fail(key, f"must be a table such as {example}")
    return value


def _exemption(entry: Any, where: Where, dotted: str, line: int | None) -> tuple[str, dt.date | None]:
    """(reason, end date) of one ``ignore`` entry: a reason string or ``{ reason, until }``."""
    if isinstance(entry, str):
        return entry, None
    if not isinstance(entry, dict):
        where.fail(dotted, 'must be a reason string or a table { reason = "...", until = 2027-01-31 }', line)
    for name in entry:
        if name not in EXEMPTION_KEYS:
            where.fail(f"{dotted}.{name}", f"unknown key{closest(name, EXEMPTION_KEYS)}", line)
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        where.fail(f"{dotted}.reason", "needs a `reason` string saying why the rule is ignored", line)
    until = entry.get("until")
    if until is not None and (not isinstance(until, dt.date) or isinstance(until, dt.datetime)):
        where.fail(
            f"{dotted}.until",
            f"must be a TOML date such as 2027-01-31 (no quotes), not {_show(until)}",
            toml.locate(where.text, f"{dotted}.until") or line,
        )
    return reason, until


def _ignores(value: Any, where: Where, key: str, known: Collection[str]) -> dict[str, Exemption]:
    """Codes (or prefixes) to ignore, each with its reason, end date and the line giving them."""
    if isinstance(value, dict):
        out: dict[str, Exemption] = {}
        for code, entry in value.items():
            dotted = f"{key}.{code}"
            line = toml.locate(where.text, dotted) or toml.locate(where.text, key)
            check_selector(code.upper(), known, error_at(where, key))
            reason, until = _exemption(entry, where, dotted, line)
            out[code.upper()] = Exemption((code.upper(),), reason, until, where.path, line)
        return out
    line = toml.locate(where.text, key)
    return {code: Exemption((code,), "", None, where.path, line) for code in _selectors(value, where, key, known)}


def _thresholds(value: Any, where: Where, key: Key) -> dict[str, Any]:
    table = _table(value, where, "lint.thresholds", key.example)
    names = {k.name: k for k in key.keys}
    out: dict[str, Any] = {}
    for name, number in table.items():
        if name not in names:
            where.fail(f"lint.thresholds.{name}", f"unknown threshold{closest(name, names)}")
        expected = names[name].type
        ok = isinstance(number, (int, float)) if expected is Type.NUMBER else isinstance(number, int)
        if isinstance(number, bool) or not ok or number < 0:
            kind = "number" if expected is Type.NUMBER else "integer"
            where.fail(f"lint.thresholds.{name}", f"must be a non-negative {kind}, not {number!r}")
        out[names[name].field] = float(number) if expected is Type.NUMBER else number
    return out


def custom_rules(layer: Layer) -> tuple[CustomRuleSpec, ...]:
    """Validate ``[[lint.rules]]`` declarative rules of one layer.

    Errors point at the ``[[lint.rules]]`` header of the rule at fault.
    """
    raw = layer.table.get("rules", [])
    where = layer.where
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        where.fail("lint.rules", "must be an array of tables ([[lint.rules]])")
    specs: list[CustomRuleSpec] = []
    allowed = {*_RULES.names, "glob", "regex"}
    stages = _RULES.child("stage").choices
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        line = toml.locate_nth(where.text, "lint.rules", index)
        code = entry.get("code")
        key = f"lint.rules.{code}" if isinstance(code, str) else "lint.rules"
        if not isinstance(code, str) or not _CODE.match(code):
            where.fail("lint.rules", f"each rule needs a `code` such as ACME001, not {_show(code)}", line)
        if code.startswith(RESERVED_PREFIXES):
            where.fail(
                "lint.rules",
                f"`{code}`: the prefixes {', '.join(RESERVED_PREFIXES)} belong to "
                "built-in rules; pick your own (e.g. ACME001)",
                line,
            )
        if code in seen:
            where.fail("lint.rules", f"`{code}`: declared twice; each rule needs its own code", line)
        seen.add(code)
        for name in entry:
            if name not in allowed:
                where.fail("lint.rules", f"`{code}`: unknown key `{name}`{closest(name, allowed)}", line)
        for name in ("name", "stage", "summary", "fix"):
            if name in entry and not isinstance(entry[name], str):
                where.fail("lint.rules", f"`{code}`: `{name}` must be a string, not {type(entry[name]).__name__}", line)
        kinds = [k for k in CUSTOM_KINDS if k in entry]
        if len(kinds) != 1:
            where.fail("lint.rules", f"`{code}`: needs exactly one of require, forbid or contains", line)
        kind = kinds[0]
        stage = str(entry.get("stage", "any")).lower()
        if stage not in stages:
            where.fail("lint.rules", f"`{code}`: stage must be {_either(stages)}", line)
        message = entry.get("message")
        if not isinstance(message, str) or not message.strip():
            where.fail("lint.rules", f"`{code}`: needs a `message` saying what is wrong", line)
        regex = None
        globs: tuple[str, ...]
        if kind == "contains":
            spec = entry["contains"]
            if not (
                isinstance(spec, dict) and isinstance(spec.get("glob"), str) and isinstance(spec.get("regex"), str)
            ):
                where.fail("lint.rules", f'`{code}`: contains = {{ glob = "...", regex = "..." }}', line)
            globs, regex = _globs(spec["glob"], where, "lint.rules", line), spec["regex"]
            try:
                compile_user_regex(regex)
            except UserRegexError as exc:
                where.fail(
                    "lint.rules",
                    f"`{code}`: invalid regex {regex!r} in contains: {exc} "
                    "(patterns run on RE2: no backreferences or lookaround)",
                )
        else:
            globs = _globs(entry[kind], where, key, line)
        specs.append(
            CustomRuleSpec(
                code=code,
                name=str(entry.get("name", code.lower())),
                stage=stage,
                severity=_severity(entry.get("severity", "warning"), where, key),
                message=message,
                kind=kind,
                globs=globs,
                regex=regex,
                origin=layer.origin,
                summary=str(entry.get("summary", message)),
                fix=str(entry.get("fix", "")),
            )
        )
    return tuple(specs)


@dataclass(frozen=True)
class Resolved:
    """Settings after folding every layer, with the origin of each key that was set and the
    policies beneath the last layer (base first)."""

    settings: LintSettings
    origins: Mapping[str, str]
    policies: tuple[str, ...] = ()


def _severities(value: Any, where: Where, key: Key, known: Collection[str]) -> dict[str, Severity]:
    levels: dict[str, Severity] = {}
    for code, level in _table(value, where, "lint.severity", key.example).items():
        check_selector(code.upper(), known, error_at(where, f"lint.severity.{code}"))
        levels[code.upper()] = _severity(level, where, f"lint.severity.{code}")
    return levels


def _path_codes(value: Any, where: Where, key: Key, known: Collection[str]) -> dict[str, Any]:
    per_path: dict[str, Any] = {}
    for pattern, codes in _table(value, where, "lint.per-path-ignores", key.example).items():
        line = toml.locate_entry(where.text, "lint.per-path-ignores", pattern)
        entry = f"lint.per-path-ignores.{_show(pattern).replace(chr(39), chr(34))}"
        _globs(pattern, where, entry, line)
        per_path[pattern] = _selectors(codes, where, entry, known, line)
    return per_path


def _stage_map(value: Any, where: Where, key: Key) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, meaning in _table(value, where, "lint.lifecycle-map", key.example).items():
        if not isinstance(meaning, str) or meaning.strip().lower() not in key.choices:
            where.fail(f"lint.lifecycle-map.{name}", f"must be one of {_either(key.choices)}, not {meaning!r}")
        out[" ".join(name.split()).lower()] = meaning.strip().lower()
    return out


def _fail_on(value: Any, where: Where, key: Key) -> FailOn:
    if not isinstance(value, str) or value.lower() not in key.choices:
        where.fail("lint.fail-on", f"must be one of {', '.join(key.choices)}, not {value!r}")
    return parse_fail_on(value)


def _value(key: Key, raw: Any, where: Where, known: Collection[str]) -> Any:
    """The validated value of the ``[lint]`` key ``key`` in one layer."""
    dotted = f"lint.{key.name}"
    if key.type is Type.CODES:
        return _selectors(raw, where, dotted, known)
    if key.type is Type.IGNORES:
        return _ignores(raw, where, dotted, known)
    if key.type is Type.GLOBS:
        return _globs(raw, where, dotted)
    if key.type is Type.CHOICE:
        return _fail_on(raw, where, key)
    if key.type is Type.SEVERITIES:
        return _severities(raw, where, key, known)
    if key.type is Type.TABLE:
        return _thresholds(raw, where, key)
    if key.type is Type.PATH_CODES:
        return _path_codes(raw, where, key, known)
    if key.type is Type.STAGE_MAP:
        return _stage_map(raw, where, key)
    raise AssertionError(f"no validator for [lint] {key.name} ({key.type})")


def _combine(key: Key, current: Any, value: Any) -> Any:
    """``value`` of ``key`` laid over ``current``, the field's value from the layers beneath."""
    if key.merge is Merge.APPEND:
        return current + value
    if key.merge is Merge.UPDATE:
        if isinstance(current, Thresholds):
            return replace(current, **value)
        return MappingProxyType({**current, **value})
    return value


#: Keys folded by ``custom_rules`` and ``resolve_layers``, not by the generic walk.
_OWN_PASS = (Type.RULES, Type.POLICY)


def fold(layers: tuple[Layer, ...], known: Collection[str]) -> Resolved:
    """Validate each layer and fold them, base first (later layers override or extend)."""
    settings = LintSettings()
    origins: dict[str, str] = {}
    customs: list[CustomRuleSpec] = []
    for layer in layers:
        for spec in custom_rules(layer):
            earlier = next((c for c in customs if c.code == spec.code), None)
            if earlier is not None:
                index = next(n for n, r in enumerate(layer.table.get("rules", [])) if r.get("code") == spec.code)
                layer.where.fail(
                    "lint.rules",
                    f"`{spec.code}` is already declared by {earlier.origin}; pick another code",
                    toml.locate_nth(layer.where.text, "lint.rules", index),
                )
            customs.append(spec)
    known = (*known, *(c.code for c in customs))
    for layer in layers:
        where, table = layer.where, layer.table
        for name in table:
            if name not in LINT.names:
                where.fail(f"lint.{name}", f"unknown setting{closest(name, LINT.names)}")
        changes: dict[str, Any] = {}
        for key in LINT.keys:
            if key.name not in table or key.type in _OWN_PASS:
                continue
            current = changes.get(key.field, getattr(settings, key.field))
            value = _value(key, table[key.name], where, known)
            if key.type is Type.IGNORES:  # the reasons; their dates and places go to exemptions
                changes["exemptions"] = MappingProxyType({**changes.get("exemptions", settings.exemptions), **value})
                value = {code: exemption.reason for code, exemption in value.items()}
            combined = _combine(key, current, value)
            if key.merge is not Merge.UPDATE or combined != current or key.type is not Type.IGNORES:
                changes[key.field] = combined
        for name in changes:
            origins[name] = layer.origin
        settings = replace(settings, **changes)
    if customs:
        settings = replace(settings, custom_rules=tuple(customs))
        origins["custom_rules"] = ", ".join(dict.fromkeys(c.origin for c in customs))
    return Resolved(settings, MappingProxyType(origins), tuple(layer.origin for layer in layers[:-1]))
