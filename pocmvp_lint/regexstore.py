"""Compiled regular expressions kept between runs, so a run does not parse its patterns again.

Python compiles a pattern in two steps: its parser, written in Python, turns the text into a
program for the ``_sre`` engine (a list of integers), then ``_sre.compile`` builds the pattern
object from that program, checking it. A run of the linter compiles about 140 patterns, and the
first step takes 25 to 35 ms whatever the size of the repository: a sixth of a run on a small one.

The store keeps each pattern's program, keyed by its text and flags, in one file of the cache
folder (``scancache.cache_dir``; docs/secrets.md, "The cache"). A later run builds the pattern
from the stored program with ``_sre.compile`` (microseconds) instead of parsing it again. It is
exact: the file is stamped with the interpreter's full version and its regular-expression engine's
magic number, and another interpreter's file is ignored; each program is checked by ``_sre`` as
it is built, and a program it refuses is compiled again from the text. Only the linter's own
patterns go through it (never text from a repository), and a file past ``MAX_ENTRIES`` keeps only
what the last run used.

The command line opens the store for a run (``active``); ``--no-cache`` leaves it closed, as do
library callers, who compile as ``re.compile`` does. The file is read bounded and written
atomically beside the credential scan's cache, never inside the work tree being checked.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AnyStr

from pocmvp_lint.cachefile import read_bounded, write_atomic
from pocmvp_lint.scancache import cache_dir

#: First line of a store file (its format's version).
MAGIC = b"pocmvp-lint regex store 1"
#: A store file bigger than this is not read.
MAX_BYTES = 8 * 1024 * 1024
#: Most patterns a store file keeps.
MAX_ENTRIES = 4096

#: A pattern's program: the flags it ends with, the code, the number of groups, name to index
#: and index to name (the arguments of ``_sre.compile`` after the pattern).
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str | bytes, int]


def _load_engine() -> tuple[Any, Any, Any] | None:
    """The parser, the code generator and ``_sre`` of this interpreter, or None when they are not
    the ones this module knows (another implementation, Python before 3.11: patterns are then
    compiled as usual). They are the modules ``re`` itself has loaded."""
    try:
        engine = tuple(importlib.import_module(name) for name in ("re._parser", "re._compiler", "_sre"))
    except ImportError:
        return None
    parser, compiler, sre = engine
    if not (hasattr(parser, "parse") and hasattr(compiler, "_code") and hasattr(sre, "compile")):
        return None
    return parser, compiler, sre


_ENGINE = _load_engine()


def _engine() -> tuple[Any, Any, Any] | None:
    return _ENGINE


def stamp() -> bytes:
    """What a store file must be made by: this interpreter, to the build, and its engine."""
    engine = _engine()
    magic = getattr(engine[2], "MAGIC", 0) if engine else 0
    code_size = getattr(engine[2], "CODESIZE", 0) if engine else 0
    return f"{sys.implementation.cache_tag} {magic} {code_size} {sys.version}".replace("\n", " ").encode()


def program_of(pattern: AnyStr, flags: int) -> Program | None:
    """The program ``re.compile(pattern, flags)`` would build (None when this interpreter's engine
    is not the known one)."""
    engine = _engine()
    if engine is None:
        return None
    parser, compiler, _sre = engine
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    names = dict(parsed.state.groupdict)
    index: list[str | None] = [None] * parsed.state.groups
    for name, at in names.items():
        index[at] = name
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, names, tuple(index)


def build(pattern: AnyStr, program: Program) -> re.Pattern[AnyStr] | None:
    """The pattern object of ``program``, or None when ``_sre`` refuses it."""
    engine = _engine()
    if engine is None:
        return None
    flags, code, groups, names, index = program
    try:
        built: re.Pattern[AnyStr] = engine[2].compile(pattern, flags, code, groups, names, index)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return None
    return built


@dataclass
class Store:
    """The programs of one store file: those loaded, those this run used or added."""

    file: Path
    loaded: dict[_Key, Program]
    used: dict[_Key, Program] = field(default_factory=dict)
    added: int = 0

    def compile(self, pattern: AnyStr, flags: int) -> re.Pattern[AnyStr]:
        """``re.compile(pattern, flags)``, from the stored program when there is one."""
        key: _Key = (pattern, int(flags))
        program = self.loaded.get(key)
        if program is not None:
            built = build(pattern, program)
            if built is not None:
                self.used[key] = program
                return built
        compiled = re.compile(pattern, flags)
        program = program_of(pattern, flags)
        if program is not None and _same(build(pattern, program), compiled):
            self.used[key] = program
            self.added += 1
        return compiled

    def save(self) -> None:
        """Write the store when this run added programs (atomically; no error when it cannot)."""
        if not self.added:
            return
        kept = {**self.loaded, **self.used} if len(self.loaded) + self.added <= MAX_ENTRIES else dict(self.used)
        write_atomic(self.file, encode(kept))


def _same(built: re.Pattern[Any] | None, compiled: re.Pattern[Any]) -> bool:
    return (
        built is not None
        and built.flags == compiled.flags
        and built.groups == compiled.groups
        and built.groupindex == compiled.groupindex
    )


def encode(programs: dict[_Key, Program]) -> bytes:
    """A store file's bytes: the format, the interpreter's stamp, then the programs."""
    return b"%s\n%s\n%s" % (MAGIC, stamp(), marshal.dumps(programs))


def decode(data: bytes) -> dict[_Key, Program]:
    """The programs of a store file's bytes; none when it is another format's or interpreter's,
    or not made of programs."""
    parts = data.split(b"\n", 2)
    if len(parts) != 3 or parts[0] != MAGIC or parts[1] != stamp():
        return {}
    try:
        programs = marshal.loads(parts[2])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(programs, dict) or not all(_is_entry(k, v) for k, v in programs.items()):
        return {}
    return programs


def _is_entry(key: object, value: object) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], (str, bytes))
        and isinstance(key[1], int)
        and isinstance(value, tuple)
        and len(value) == 5
        and isinstance(value[0], int)
        and isinstance(value[1], list)  # its items are checked by ``_sre`` as the pattern is built
        and isinstance(value[2], int)
        and isinstance(value[3], dict)
        and all(isinstance(n, str) and isinstance(i, int) for n, i in value[3].items())
        and isinstance(value[4], tuple)
        and all(n is None or isinstance(n, str) for n in value[4])
    )


def open_store(folder: Path) -> Store:
    """The store file in ``folder`` for this interpreter (empty when missing or unreadable)."""
    file = folder / f"regex-{sys.implementation.cache_tag}.bin"
    data = read_bounded(file, MAX_BYTES)
    return Store(file, decode(data) if data else {})


def folder_for(paths: Sequence[Path], folder: Path | None = None) -> Path | None:
    """The cache folder (``cache_dir``) for a run over ``paths``; None when there is none or it
    lies inside one of them or the work tree holding one (a folder with ``.git``): a run never
    writes into a repository it checks."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return None
    inside = Path(os.path.realpath(folder))
    for path in paths:
        real = Path(os.path.realpath(path))
        for top in (real, *real.parents):
            holds = inside == top or top in inside.parents
            if holds and (top == real or os.path.lexists(top / ".git")):
                return None
    return folder


#: The store of the run in progress (``active``), or None: patterns are compiled as usual. A
#: context variable, as ``decimal`` keeps its context: each thread and task sees its own run's.
_ACTIVE: ContextVar[Store | None] = ContextVar("pocmvp_lint_regex_store", default=None)


def compile_pattern(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, through the run's store when one is open."""
    store = _ACTIVE.get()
    return store.compile(pattern, flags) if store is not None else re.compile(pattern, flags)


@contextlib.contextmanager
def active(folder: Path | None) -> Iterator[Store | None]:
    """Open the store in ``folder`` for the patterns compiled inside the block and save it on
    leaving (None: no store, every pattern is compiled from its text)."""
    if folder is None or _engine() is None:
        yield None
        return
    store = open_store(folder)
    token = _ACTIVE.set(store)
    try:
        yield store
    finally:
        _ACTIVE.reset(token)
        store.save()
