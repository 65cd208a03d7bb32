"""Drift over time: what git history shows about a project (see docs/history.md).

Importing this package starts no git: ``facts`` is plain data; ``collect`` and ``change`` (which
run git through ``pocmvp_lint.vcs``) are imported only by the commands and rules that need history.
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
