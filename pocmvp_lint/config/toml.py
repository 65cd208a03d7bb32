"""TOML reading with locations: tomllib gives values, this module finds the lines they came from."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from pocmvp_lint.errors import ConfigError
from pocmvp_lint.lazyre import lazy_re

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old interpreters only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

#: A ``project.toml`` larger than this is refused rather than parsed.
MAX_CONFIG_BYTES = 1024 * 1024
#: Arrays and tables nested deeper than this are refused (no setting needs more than three).
MAX_NESTING = 64

_HEADER = lazy_re(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
#: A key at the start of a line: bare parts joined by dots, each dot once (so it runs in linear time).
_KEY = lazy_re(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-"']+)*)\s*=""")
_AT_LINE = lazy_re(r"\(at line (\d+), column \d+\)")
#: A value shaped like a date (``2026-13-01``, ``2026-1-5``) that TOML did not read as one.
_DATE_LIKE = lazy_re(r"\d{4}-\d{1,2}-\d{1,2}(?![\d:T])")


def _norm(part: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in part.split("."))


def parse(text: str, path: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a located ``ConfigError``.

    Values nested deeper than ``MAX_NESTING`` are refused too, whether the parser itself runs out
    of stack on them or not, so that nothing downstream has to recurse through them.
    """
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except RecursionError:
        raise _too_deep(text, path) from None
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        key = value = None
        if line is not None:  # the parser stopped on this line: name the key it sets, if it sets one
            key, value = _setting_at(text, line)
        elif "end of document" in str(exc):
            line = max(1, len(text.splitlines()))
        message = _AT_LINE.sub("", str(exc)).replace("(at end of document)", "").strip()
        date = _bad_date(value) if value is not None else None
        if date is not None:
            message = f"`{date}` is not a date (write YYYY-MM-DD, a day of the calendar)"
        raise ConfigError(f"invalid TOML: {message}", path=path, line=line, key=key) from None
    if _depth(data) > MAX_NESTING:
        raise _too_deep(text, path)
    return data


def _bad_date(value: str) -> str | None:
    """The date-shaped start of ``value`` when it is no date TOML reads (``2026-13-01``,
    ``2026-1-5``), else None."""
    found = _DATE_LIKE.match(value)
    if found is None:
        return None
    year, month, day = (int(part) for part in found.group().split("-"))
    try:
        dt.date(year, month, day)
    except ValueError:
        return found.group()
    return None if len(found.group()) == 10 else found.group()


def _setting_at(text: str, line: int) -> tuple[str | None, str | None]:
    """The dotted key (table and key) set on ``line`` (1-based) and the text of its value, or
    (None, None) when that line sets no key."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None, None
    found = _KEY.match(lines[line - 1])
    if found is None:
        return None, None
    table = next(filter(None, map(_HEADER.match, reversed(lines[: line - 1]))), None)
    key = _norm(found.group(1))
    return (f"{_norm(table.group(1))}.{key}" if table else key), lines[line - 1][found.end() :].strip()


def _depth(value: Any) -> int:
    """How deeply arrays and tables nest in ``value`` (walked without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_NESTING:
            break
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def _too_deep(text: str, path: str) -> ConfigError:
    """The error for over-nested values, at the first line that opens many brackets or braces."""
    line = next(
        (
            number
            for number, raw in enumerate(text.splitlines(), start=1)
            if raw.count("[") + raw.count("{") > MAX_NESTING
        ),
        None,
    )
    return ConfigError(
        f"invalid TOML: nesting too deep (arrays or tables more than {MAX_NESTING} levels deep)", path=path, line=line
    )


def locate(text: str, dotted: str) -> int | None:
    """Line (1-based) where the dotted key ``table.sub.key`` is set, or where its table opens."""
    target = dotted.split(".")
    table: list[str] = []
    table_line: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            table = _norm(header.group(1)).split(".")
            if table == target:
                table_line = number
            continue
        key = _KEY.match(raw)
        if key and table + _norm(key.group(1)).split(".") == target:
            return number
    return table_line


def _key_token(raw: str) -> str | None:
    key = _KEY.match(raw)
    return key.group(1).strip() if key else None


def locate_entry(text: str, table: str, key: str) -> int | None:
    """Line of ``key`` (bare or quoted, dots and all) inside ``[table]``, else the table's line."""
    target = table.split(".")
    inside = False
    table_line: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            inside = _norm(header.group(1)).split(".") == target
            table_line = number if inside else table_line
            continue
        token = _key_token(raw)
        if inside and token is not None and token.strip("\"'") == key:
            return number
    return table_line


def locate_nth(text: str, table: str, index: int) -> int | None:
    """Line of the ``index``-th (0-based) ``[[table]]`` header, else where ``table`` is set."""
    target = table.split(".")
    seen = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header and raw.lstrip().startswith("[[") and _norm(header.group(1)).split(".") == target:
            if seen == index:
                return number
            seen += 1
    return locate(text, table)
