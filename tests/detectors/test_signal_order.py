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


def test_a_credential_in_a_url_never_reaches_the_evidence() -> None:
    # detectors and plugins quote commands; a URL's user and password are masked whoever built it
    quoted = Signal(Category.CI_DEPLOY, "ci.yml", 4, "runs `git push https://deploy:hunter2x@git.example.net/app.git`")
    assert quoted.detail == "runs `git push https://***@git.example.net/app.git`"
    token = Signal("acme-deploy", "Makefile", 2, "curl https://$TOKEN@hooks.example.net/deploy")
    assert token.detail == "curl https://***@hooks.example.net/deploy"
    assert Signal(Category.CI, "ci.yml", None, "mail ops@example.net").detail == "mail ops@example.net"
