"""Inline suppressions: ``pocmvp-lint: ignore[CODE] reason`` in a comment of an evidence file.

Works with the comment syntaxes signals come from: ``#`` (shell, Dockerfile, YAML, TOML, HCL,
Python, Ruby), ``//`` and ``/* */`` (JS, Go, Java, HCL), ``<!-- -->`` (Markdown, XML), ``--`` (SQL)
and ``;`` (INI). ``until=YYYY-MM-DD`` right after the bracket makes it an exemption that ends:
``# pocmvp-lint: ignore[POC101] until=2027-01-31 demo on a laptop`` (docs/exemptions.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Optional

from pocmvp_lint.config.model import Exemption
from pocmvp_lint.lazyre import lazy_re

_MARK = lazy_re(
    r"(?:#|//|/\*|<!--|--|;)\s*pocmvp-lint:\s*ignore\[\s*([A-Za-z0-9_, ]+?)\s*\]"
    r"[ \t]*(.*?)[ \t]*(?:\*/|-->)?[ \t]*$",
    re.MULTILINE,
)
_UNTIL = lazy_re(r"^until[ \t]*=[ \t]*(\S*)[ \t]*(.*)$", re.IGNORECASE)
_ISO_DATE = lazy_re(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: How much of an unreadable date a message quotes.
_SHOWN = 40


@dataclass(frozen=True)
class InlineSuppression:
    """One suppression comment: where it is, which codes it silences, why, and until when.

    ``bad_until`` holds what followed ``until=`` when it is not a date (YYYY-MM-DD); such a
    comment silences nothing and LNT004 names its line.
    """

    path: str
    line: int
    codes: tuple[str, ...]
    reason: str
    until: Optional[dt.date] = None
    bad_until: Optional[str] = None

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)

    def in_force(self, today: dt.date) -> bool:
        """True when it silences findings today: a readable date not yet past, or no date."""
        return self.bad_until is None and not self.exemption.expired(today)

    @property
    def exemption(self) -> Exemption:
        return Exemption(self.codes, self.reason, self.until, self.path, self.line, inline=True)


def _date(text: str) -> Optional[dt.date]:
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse(path: str, text: str) -> Iterator[InlineSuppression]:
    """Every suppression comment in ``text`` (``path`` is carried for reporting)."""
    if "pocmvp-lint" not in text:
        return
    line, counted = 1, 0  # lines counted as the comments go: one pass however many there are
    for found in _MARK.finditer(text):
        codes = tuple(c.strip().upper() for c in found.group(1).split(",") if c.strip())
        line += text.count("\n", counted, found.start())
        counted = found.start()
        rest = found.group(2).strip()
        dated = _UNTIL.match(rest)
        if dated is None:
            yield InlineSuppression(path, line, codes, rest)
            continue
        until = _date(dated.group(1))
        bad = None if until is not None else dated.group(1)[:_SHOWN]
        yield InlineSuppression(path, line, codes, dated.group(2).strip(), until, bad)
