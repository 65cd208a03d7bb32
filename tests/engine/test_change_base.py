"""The base of a change (``check --staged``, ``--since``) is judged with the detectors it needs."""

from __future__ import annotations

from pocmvp_lint.detectors.ci import detect_ci
from pocmvp_lint.detectors.deploy import detect_container
from pocmvp_lint.engine import Toolkit, _reading


def test_the_base_runs_only_the_detectors_its_repository_level_rules_read() -> None:
    """Whether a repository-level finding is new is decided by its rule at the base, and a rule
    sees only the categories it reads: the other detectors' work there would be thrown away."""
    kit = Toolkit()
    ci_only = _reading(kit, ["MVP003"])  # reads `ci`
    assert detect_ci in ci_only.detectors
    assert detect_container not in ci_only.detectors
    assert _reading(kit, ["POC001", "POC201"]).detectors == ()  # declaration keys and source counts
    assert _reading(kit, ["LNT002"]) is kit  # judges the other rules' outcomes: every detector
    assert _reading(kit, ["ACME001"]) is kit  # a rule this toolkit does not know
