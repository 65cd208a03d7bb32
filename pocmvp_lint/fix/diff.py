"""Unified diffs of planned edits, with every repository-derived character made visible."""

from __future__ import annotations

import difflib

from pocmvp_lint.fix.model import Edit
from pocmvp_lint.formatters.escape import visible


def render(edit: Edit) -> str:
    """``git diff``-style text for one edit (``/dev/null`` as the old side of a new file)."""
    old = edit.old.splitlines() if edit.old is not None else []
    new = edit.new.splitlines()
    before = "/dev/null" if edit.old is None else f"a/{visible(edit.path)}"
    lines = difflib.unified_diff(
        [visible(x) for x in old],
        [visible(x) for x in new],
        fromfile=before,
        tofile=f"b/{visible(edit.path)}",
        lineterm="",
        n=3,
    )
    return "\n".join(lines) + "\n"
