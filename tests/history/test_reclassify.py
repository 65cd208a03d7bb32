"""The base of a change is classified from today's classification, as a full pass would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint.inventory.classify import classify, reclassify

_FOLDERS = ["", "src/", "src/app/", "tests/", "migrations/", "scratch/", "docs/", "node_modules/x/", "spec/"]
_NAMES = [
    "app.py",
    "test_app.py",
    "app_test.go",
    "Dockerfile",
    "README.md",
    "main.min.js",
    "0001_migrate.py",
    "index.ts",
    "pay.spec.ts",
    "LICENSE",
    "notes",
    ".env",
    "chart.yaml",
]
_PATHS = st.builds(lambda folder, name: folder + name, st.sampled_from(_FOLDERS), st.sampled_from(_NAMES))


@given(st.lists(_PATHS, unique=True, max_size=40), st.lists(_PATHS, unique=True, max_size=6), st.data())
def test_reclassify_equals_a_full_pass(today: list[str], extra: list[str], data: st.DataObject) -> None:
    removed = data.draw(st.lists(st.sampled_from(today), unique=True) if today else st.just([]))
    added = [p for p in extra if p not in today]
    base = [p for p in today if p not in removed] + added
    assert reclassify(classify(today), removed, added) == classify(base)
