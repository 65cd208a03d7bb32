"""Inline suppressions: ``pocmvp-lint: ignore[CODE] reason`` in a comment of an evidence file.

Works with the comment syntaxes signals come from: ``#`` (shell, Dockerfile, YAML, TOML, HCL,
Python, Ruby), ``//`` and ``/* */`` (JS, Go, Java, HCL), ``<!-- -->`` (Markdown, XML), ``--`` (SQL)
and ``;`` (INI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARK = re.compile(
    r"(?:#|//|/\*|<!--|--|;)\s*pocmvp-lint:\s*ignore\[\s*([A-Za-z0-9_, ]+?)\s*\]"
    r"[ \t]*(.*?)[ \t]*(?:\*/|-->)?[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class InlineSuppression:
    """One suppression comment: where it is, which codes it silences and why."""

    path: str
    line: int
    codes: tuple[str, ...]
    reason: str

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)


def parse(path: str, text: str) -> Iterator[InlineSuppression]:
    """Every suppression comment in ``text`` (``path`` is carried for reporting)."""
    if "pocmvp-lint" not in text:
        return
    for found in _MARK.finditer(text):
        codes = tuple(c.strip().upper() for c in found.group(1).split(",") if c.strip())
        line = text.count("\n", 0, found.start()) + 1
        yield InlineSuppression(path, line, codes, found.group(2).strip())
