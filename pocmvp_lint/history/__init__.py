"""Drift over time: what git history shows about a project (see docs/history.md).

Importing this package imports no git: ``facts`` is plain data; ``collect`` (GitPython) and
``change`` are imported only by the commands and rules that need history.
"""

from pocmvp_lint.history.facts import (
    PRODUCTION_CATEGORIES,
    Arrival,
    Commit,
    Contributor,
    HistoryFacts,
    HistoryRequest,
    Promotion,
    StageChange,
    Tag,
)

__all__ = [
    "PRODUCTION_CATEGORIES", "Arrival", "Commit", "Contributor", "HistoryFacts", "HistoryRequest",
    "Promotion", "StageChange", "Tag",
]
