"""``throwaway``: folders of disposable work (poc, prototype, scratch, ...) holding source files.

A folder is judged by what it holds, not by its name alone. Names that only ever mean disposable
work (``poc``, ``scratch``, ``playground``, ...) count wherever they are. Names that are also
everyday domain words (``prototypes``, ``experiments``) count only outside the application's own
source tree: ``app/services/experiments`` is an A/B-testing feature, not a leftover. And a folder
whose code only declares interfaces (C headers, type stubs, ctypes function prototypes) is not
throwaway code, whatever its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.detectors.sources import extension, source_stats
from pocmvp_lint.inventory import Inventory

#: Folder names that announce disposable code wherever they are.
THROWAWAY_NAMES = frozenset(
    {
        "poc",
        "pocs",
        "proof-of-concept",
        "proof_of_concept",
        "scratch",
        "scratchpad",
        "playground",
        "playgrounds",
        "sandbox",
        "spike",
        "spikes",
        "tmp",
        "temp",
        "throwaway",
        "hack",
        "hacks",
        "wip",
    }
)
#: Folder names that announce disposable code only outside the application's source tree.
DOMAIN_WORD_NAMES = frozenset({"prototype", "prototypes", "experiment", "experiments", "experimental"})
#: Folders that hold the application's own code: a domain-word folder below one is a product module.
SOURCE_ROOTS = frozenset(
    {
        "app",
        "apps",
        "src",
        "lib",
        "libs",
        "internal",
        "pkg",
        "packages",
        "services",
        "modules",
        "components",
        "core",
        "domain",
        "server",
        "api",
        "main",
        "java",
        "kotlin",
        "scala",
        "crates",
    }
)
#: Files that declare interfaces rather than implement behaviour.
_DECLARATION_EXTS = frozenset({"h", "hh", "hpp", "pyi"})
#: ctypes/cffi function prototypes: foreign-function signatures, not a prototype application.
_FFI_PROTOTYPE_RE = re.compile(r"\b(?:CFUNCTYPE|WINFUNCTYPE|PYFUNCTYPE)\b|\.(?:argtypes|restype)[ \t]*=|\bffi\.cdef\b")
#: Files read per folder to judge what it holds.
_SAMPLED = 3


def detect_throwaway(inv: Inventory) -> Iterator[Signal]:
    stats = source_stats(inv)
    folders: dict[str, list[str]] = {}
    for path in stats.source_files + stats.test_files:
        if "/" not in path:
            continue
        top = throwaway_folder(path.rsplit("/", 1)[0])
        if top is not None:
            folders.setdefault(top, []).append(path)
    for folder in sorted(folders):
        files = folders[folder]
        if _declarations_only(inv, files):
            continue
        yield Signal("throwaway", folder, None, f"throwaway folder '{folder}' holds {len(files)} source file(s)")


def throwaway_folder(folder: str) -> str | None:
    """The outermost folder of ``folder``'s path named for disposable work, or None."""
    parts = folder.split("/")
    for index, part in enumerate(parts):
        name = part.lower()
        in_source = any(p.lower() in SOURCE_ROOTS for p in parts[:index])
        if name in THROWAWAY_NAMES or (name in DOMAIN_WORD_NAMES and not in_source):
            return "/".join(parts[: index + 1])
    return None


def _declarations_only(inv: Inventory, files: list[str]) -> bool:
    """True when the folder's code declares interfaces (headers, stubs, FFI prototypes) only."""
    if all(extension(f) in _DECLARATION_EXTS for f in files):
        return True
    sample = sorted(files)[:_SAMPLED]
    texts = [inv.text(f) or "" for f in sample]
    return all(_FFI_PROTOTYPE_RE.search(t) is not None for t in texts)
