"""``--output-format concise``: one line per finding, ``path:line: CODE message``."""

from __future__ import annotations

from pocmvp_lint.formatters.text import render_concise as render_check

__all__ = ["render_check"]
