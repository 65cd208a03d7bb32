"""TOML reading with locations: tomllib gives values, this module finds the lines they came from."""

from __future__ import annotations

import re
import sys
from typing import Any

from pocmvp_lint.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old interpreters only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

#: A ``project.toml`` larger than this is refused rather than parsed.
MAX_CONFIG_BYTES = 1024 * 1024

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\-]+(?:\s*\.\s*[A-Za-z0-9_\-"']+)*)\s*=""")
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _norm(part: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in part.split("."))


def parse(text: str, path: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a located ``ConfigError``."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in str(exc):
            line = max(1, len(text.splitlines()))
        message = _AT_LINE.sub("", str(exc)).replace("(at end of document)", "").strip()
        raise ConfigError(f"invalid TOML: {message}", path=path, line=line) from None


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
