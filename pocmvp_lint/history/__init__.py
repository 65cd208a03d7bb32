"""Drift over time: what git history shows about a project (see docs/history.md).

Layers, each importing only those before it (none imports ``engine`` or ``rules``):

* data: ``facts`` (commits, tags, stage changes, ``HistoryFacts``), plain frozen values;
* git I/O, only through ``pocmvp_lint.vcs``: ``gitlog`` (one ``git log`` per repository, blob and
  numstat reads) and the range of ``change`` (one ``git diff --name-status``, base blob reads);
* per-project facts from the shared log: ``collect``;
* the month-by-month drift timeline: ``timeline`` (rendered by ``pocmvp_lint.formatters.history``
  and ``history_svg``).

The orchestration (``check --staged``/``--since``, the `history` command) is in
``pocmvp_lint.engine``. Importing this package starts no git.
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
    "PRODUCTION_CATEGORIES",
    "Arrival",
    "Commit",
    "Contributor",
    "HistoryFacts",
    "HistoryRequest",
    "Promotion",
    "StageChange",
    "Tag",
]
