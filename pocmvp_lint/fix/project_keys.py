"""``owner`` (MVP014) and ``feedback`` (MVP012) inserted into project.toml's ``[project]`` table.

The keys are inserted as text after the table's last key, so comments and layout stay as they
are; the result is parsed again and must hold exactly the old data plus the new keys.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pocmvp_lint.fix.model import Edit, Facts, Plan, newline_of
from pocmvp_lint.lazyre import lazy_re

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - old interpreters only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

CODES = ("MVP012", "MVP014")
#: Line patterns, matched at a line's start only (``\A``: never scanned from every position).
_PROJECT = lazy_re(r"\A[ \t]*\[[ \t]*project[ \t]*\][ \t]*(?:#.*)?")
_HEADER = lazy_re(r"\A[ \t]*\[")
_CONTENT = lazy_re(r"\A[ \t]*[^\s#]")
#: Characters a TOML basic string cannot hold raw (json.dumps escapes the rest).
_FORBIDDEN = lazy_re("[\x00-\x1f\x7f]")


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=True)  # a JSON string of ASCII is a TOML basic string


def insert_keys(text: str, pairs: dict[str, str]) -> str | None:
    """``text`` with ``key = "value"`` lines added to ``[project]``; None when not mechanical."""
    lines = text.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if _PROJECT.fullmatch(line.rstrip("\r\n"))]
    if len(headers) != 1:
        return None
    start = headers[0]
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    last = max((i for i in range(start, end) if _CONTENT.match(lines[i])), default=start)
    nl = newline_of(text)
    if not lines[last].endswith("\n"):
        lines[last] += nl
    added = [f"{key} = {toml_string(value)}{nl}" for key, value in pairs.items()]
    new = "".join(lines[: last + 1] + added + lines[last + 1 :])
    return new if verified(text, new, pairs) else None


def verified(old: str, new: str, pairs: dict[str, str]) -> bool:
    """The new text parses, and holds the old data plus exactly ``pairs`` in ``[project]``."""
    try:
        before: dict[str, Any] = tomllib.loads(old)
        after: dict[str, Any] = tomllib.loads(new)
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    project = before.get("project")
    if not isinstance(project, dict) or any(key in project for key in pairs):
        return False
    return after == {**before, "project": {**project, **pairs}}


def plan(facts: Facts) -> Plan:
    pairs: dict[str, str] = {}
    if facts.fired("MVP014") and facts.owner and not facts.declaration.owner:
        pairs["owner"] = facts.owner
    if facts.fired("MVP012") and facts.feedback and not facts.declaration.feedback:
        pairs["feedback"] = facts.feedback
    missing = [
        f"--{key}"
        for key, code in (("owner", "MVP014"), ("feedback", "MVP012"))
        if facts.fired(code) and key not in pairs
    ]
    notes = (f"project.toml: give {' and '.join(missing)} to fill in what is missing",) if missing else ()
    if not pairs:
        return Plan(notes=notes)
    if facts.config_path is None or not facts.config_path.endswith("project.toml"):
        return Plan(notes=(*notes, "project.toml: the stage is not declared in a project.toml; add the keys by hand"))
    old = facts.read(facts.config_path)
    new = insert_keys(old, pairs) if old is not None else None
    if old is None or new is None:
        return Plan(
            notes=(
                *notes,
                f"project.toml: {facts.config_path} has no single [project] table "
                "that can be edited mechanically; add the keys by hand",
            )
        )
    keys = " and ".join(f"`{key}`" for key in pairs)
    return Plan((Edit(facts.config_path, old, new, f"{keys} added to [project]", CODES),), notes)


def check_value(option: str, value: str) -> str | None:
    """Why ``value`` cannot be written (control characters, empty), or None."""
    if not value.strip():
        return f"{option} is empty"
    if _FORBIDDEN.search(value):
        return f"{option} holds a control character"
    return None
