"""Regular expressions compiled on first use, so importing a module costs no compilation.

``lazy_re(pattern, flags)`` stands where ``re.compile(pattern, flags)`` stood at module level; the
compiled pattern is shared (``functools.cache``) and ``compiled`` gives it to code that needs a
real ``re.Pattern`` (``tests/security/test_regex_linear.py`` walks them all). A run of the command
line compiles through the store of compiled patterns (``regexstore``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from pocmvp_lint.regexstore import compile_pattern


@cache
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    return compile_pattern(pattern, flags)


class LazyPattern:
    """A ``re.Pattern[str]`` stand-in that compiles on its first match."""

    __slots__ = ("flags", "pattern")

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"lazy_re({self.pattern!r}, {self.flags})"


def lazy_re(pattern: str, flags: int | re.RegexFlag = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, deferred to the first match."""
    return LazyPattern(pattern, flags)
