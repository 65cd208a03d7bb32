"""``--output-format grouped``: findings grouped by file, ``line: CODE message`` under each."""

from __future__ import annotations

from pocmvp_lint.formatters.text import render_grouped as render_check

__all__ = ["render_check"]
