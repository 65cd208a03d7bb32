"""Regular expressions written by users (``[[lint.rules]]`` ``contains``) run on RE2.

A pattern in a pull request's own ``project.toml`` is untrusted: Python's backtracking engine
takes exponential time on ``^(a+)+$`` and the like. RE2 (the ``google-re2`` package) matches in
time linear in the text, whatever the pattern. It is imported only when a project declares such
a pattern. Patterns are matched line-anchored (``^``/``$`` at line breaks), as before.
"""

from __future__ import annotations

from typing import Any, Protocol

#: RE2's own bound on the memory one compiled pattern may use (its default, stated).
MAX_MEMORY = 8 << 20


class UserMatch(Protocol):
    def start(self) -> int: ...


class UserPattern(Protocol):
    """The part of a compiled pattern the custom detector uses."""

    def search(self, text: str) -> UserMatch | None: ...


class UserRegexError(ValueError):
    """RE2 cannot compile the pattern (bad syntax, backreference, lookaround, too big)."""


def compile_user_regex(pattern: str) -> UserPattern:
    """``pattern`` compiled by RE2 in multi-line mode; raises ``UserRegexError`` with RE2's reason."""
    import re2  # lazy: only projects with a user pattern need it

    options: Any = re2.Options()
    options.log_errors = False  # RE2 would print its reason to stderr; we report it ourselves
    options.max_mem = MAX_MEMORY
    try:
        compiled: UserPattern = re2.compile("(?m)" + pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "invalid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise UserRegexError(str(reason)) from None
    return compiled
