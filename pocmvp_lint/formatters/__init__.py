"""Renderers over one run result, and over the rule registry. Adding a format touches no rule.

``CHECK_FORMATS`` maps a ``--format`` name to the module that renders it; each module has
``render_check(result: RunResult, options: RenderOptions) -> str`` and is imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from pocmvp_lint.findings import RunResult

CHECK_FORMATS: dict[str, str] = {
    "text": "pocmvp_lint.formatters.text",
    "json": "pocmvp_lint.formatters.json_format",
    "sarif": "pocmvp_lint.formatters.sarif",
    "github": "pocmvp_lint.formatters.github",
    "gitlab": "pocmvp_lint.formatters.gitlab",
    "junit": "pocmvp_lint.formatters.junit",
    "markdown": "pocmvp_lint.formatters.markdown",
}


@dataclass(frozen=True)
class RenderOptions:
    """Choices that shape an output (verbosity for text; others may add fields)."""

    quiet: bool = False
    verbose: bool = False


def check_renderer(name: str) -> Callable[[RunResult, RenderOptions], str]:
    module = importlib.import_module(CHECK_FORMATS[name])
    return cast("Callable[[RunResult, RenderOptions], str]", module.render_check)
