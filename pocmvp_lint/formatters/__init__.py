"""Renderers over one run result, and over the rule registry. Adding a format touches no rule.

``CHECK_FORMATS`` maps a ``--format`` name to the module that renders it; each module has
``render_check(result: RunResult, options: RenderOptions) -> str`` and is imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, cast

if TYPE_CHECKING:
    from pocmvp_lint.findings import Finding, ProjectResult, RunResult
    from pocmvp_lint.model import Severity

CHECK_FORMATS: dict[str, str] = {
    "full": "pocmvp_lint.formatters.text",
    "concise": "pocmvp_lint.formatters.concise",
    "grouped": "pocmvp_lint.formatters.grouped",
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
    """Choices that shape an output (the human formats use them; others may add fields).

    ``quiet`` keeps only the findings that fail the run (``fail_on``, else each project's own
    threshold; with ``new_only`` only new ones). ``collapse_existing`` (the hook) shows new
    findings in full and counts the others in one line. ``cwd`` (absolute) makes paths print
    relative to the current folder; empty keeps them relative to the repository root.
    """

    quiet: bool = False
    verbose: bool = False
    collapse_existing: bool = False
    cwd: str = ""
    fail_on_given: bool = False
    fail_on: Optional[Severity] = None
    new_only: bool = False
    #: ``check --expiring N``: list the exemptions that end within N days (None: not asked).
    expiring: Optional[int] = None

    def threshold(self, project: ProjectResult) -> Optional[Severity]:
        return self.fail_on if self.fail_on_given else project.fail_on

    def fails(self, finding: Finding, project: ProjectResult) -> bool:
        """True when ``finding`` counts toward a non-zero exit code."""
        threshold = self.threshold(project)
        if threshold is None or (self.new_only and not finding.new):
            return False
        return finding.severity.rank >= threshold.rank


def check_renderer(name: str) -> Callable[[RunResult, RenderOptions], str]:
    module = importlib.import_module(CHECK_FORMATS[name])
    return cast("Callable[[RunResult, RenderOptions], str]", module.render_check)
