"""Signals and evidence sort whether or not they carry a line."""

from __future__ import annotations

from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.model import Category, Evidence


def test_signals_without_a_line_sort_first_among_those_of_the_same_file() -> None:
    located = Signal(Category.CI_DEPLOY, ".travis.yml", 18, "runs `ansible-playbook`")
    unlocated = Signal(Category.CI_DEPLOY, ".travis.yml", None, "runs `ansible-playbook`")
    other = Signal(Category.CI, ".travis.yml", None, "Travis CI configuration")
    assert sorted([located, unlocated, other]) == [other, unlocated, located]
    assert unlocated < located and located > unlocated and located >= located


def test_evidence_without_a_line_sorts_before_lines_of_the_same_path() -> None:
    assert sorted([Evidence("a.yml", 3), Evidence("a.yml"), Evidence("A.yml", 9)]) == [
        Evidence("A.yml", 9),
        Evidence("a.yml"),
        Evidence("a.yml", 3),
    ]
    assert sorted([(Evidence("a.yml", 2),), (Evidence("a.yml"),)]) == [(Evidence("a.yml"),), (Evidence("a.yml", 2),)]
