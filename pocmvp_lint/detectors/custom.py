"""Signals for declarative ``[[lint.rules]]``: which files match each rule's globs (and regex)."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.config.model import CustomRuleSpec
from pocmvp_lint.config.userregex import compile_user_regex
from pocmvp_lint.detectors.signal import Detector, Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.filters import pattern_filter

#: At most this many files are opened for one ``contains`` rule.
MAX_CONTENT_FILES = 2000


def category(code: str) -> str:
    return f"custom:{code}"


def custom_detector(spec: CustomRuleSpec) -> Detector:
    """A detector emitting ``custom:CODE`` signals for files matching ``spec``."""
    matches = pattern_filter(spec.globs)
    pattern = compile_user_regex(spec.regex) if spec.regex else None  # RE2: linear time

    def detect(inv: Inventory) -> Iterator[Signal]:
        if matches is None:
            return
        opened = 0
        for path in inv.files:
            if not matches(path):
                continue
            if pattern is None:
                yield Signal(category(spec.code), path, None, f"matches {', '.join(spec.globs)}")
                continue
            opened += 1
            if opened > MAX_CONTENT_FILES:
                return
            text = inv.text(path)
            found = pattern.search(text) if text is not None else None
            if found:
                line = text.count("\n", 0, found.start()) + 1 if text else None
                yield Signal(category(spec.code), path, line, f"matches /{spec.regex}/")

    return detect
