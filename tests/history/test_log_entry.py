"""A commit's changed paths as the log keeps them (``gitlog.Entry``): two tuples side by side,
looked up by bisection when git listed them sorted, and by a pass when it did not."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint.history.facts import Commit
from pocmvp_lint.history.gitlog import Entry

COMMIT = Commit("0" * 40, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "Ada", "ada@example.com", "import")
#: Paths of a monorepo commit, with a copy's status (a letter and a score) and a path listed twice.
_PATHS = st.sampled_from(("project.toml", "a/project.toml", "a/src/x.py", "a0/project.toml", "b/project.toml", "ab"))
_STATUSES = st.sampled_from(("A", "M", "D", "T", "C075"))


@given(changes=st.lists(st.tuples(_STATUSES, _PATHS), max_size=12), ordered=st.booleans())
def test_lookups_give_each_path_its_status_letters_in_log_order(changes: list[tuple[str, str]], ordered: bool) -> None:
    if ordered:
        changes.sort(key=lambda change: change[1])  # as git lists them (stable: log order kept)
    entry = Entry(COMMIT, (), tuple(path for _s, path in changes), tuple(status for status, _p in changes))
    letters = [(status[:1], path) for status, path in changes]
    assert list(entry.changes) == letters
    assert entry.paths == tuple(sorted(path for _s, path in changes))
    for path in ("project.toml", "a/project.toml", "a0/project.toml", "missing"):
        assert entry.statuses_of(path) == tuple(s for s, p in letters if p == path)
    assert entry.named("project.toml") == [(s, p) for s, p in letters if p.rsplit("/", 1)[-1] == "project.toml"]


def test_a_commit_read_without_names_changes_nothing() -> None:
    entry = Entry(COMMIT, ())
    assert list(entry.changes) == [] and entry.paths == () and entry.statuses_of("project.toml") == ()
