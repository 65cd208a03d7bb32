"""``throwaway``: folders of disposable work (poc, prototype, scratch, ...) holding source files.

A folder is judged by what it holds, not by its name alone. Names that only ever mean disposable
work (``poc``, ``scratch``, ``playground``, ...) count wherever they are. Names that are also
everyday domain words (``prototypes``, ``experiments``) count only outside the application's own
source tree: ``app/services/experiments`` is an A/B-testing feature, not a leftover. And a folder
whose code only declares interfaces (C headers, type stubs, ctypes function prototypes) is not
throwaway code, whatever its name.
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.classify import extension
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Files that declare interfaces rather than implement behaviour.
_DECLARATION_EXTS = frozenset({"h", "hh", "hpp", "pyi"})
#: ctypes/cffi function prototypes: foreign-function signatures, not a prototype application.
_FFI_PROTOTYPE_RE = lazy_re(r"\b(?:CFUNCTYPE|WINFUNCTYPE|PYFUNCTYPE)\b|\.(?:argtypes|restype)[ \t]*=|\bffi\.cdef\b")
#: Files read per folder to judge what it holds.
_SAMPLED = 3


def detect_throwaway(inv: Inventory) -> Iterator[Signal]:
    folders = inv.classified.throwaway
    for folder in sorted(folders):
        files = list(folders[folder])
        if _declarations_only(inv, files):
            continue
        yield Signal(Category.THROWAWAY, folder, None, f"throwaway folder '{folder}' holds {len(files)} source file(s)")


def _declarations_only(inv: Inventory, files: list[str]) -> bool:
    """True when the folder's code declares interfaces (headers, stubs, FFI prototypes) only."""
    if all(extension(f) in _DECLARATION_EXTS for f in files):
        return True
    sample = sorted(files)[:_SAMPLED]
    texts = [inv.text(f) or "" for f in sample]
    return all(_FFI_PROTOTYPE_RE.search(t) is not None for t in texts)
