from pocmvp_lint.rules.selection import NOT_SELECTED, RUN, Decision, decide, is_enabled


def test_most_specific_selector_wins_like_ruff() -> None:
    assert is_enabled("POC101", ["ALL"], [])
    assert not is_enabled("POC101", ["ALL"], ["POC1"])
    assert is_enabled("POC101", ["POC101"], ["POC1"])
    assert not is_enabled("POC101", ["MVP"], [])
    assert not is_enabled("POC101", ["POC"], ["POC"])  # ties go to ignore


def test_ignored_rules_still_run_to_show_the_reason() -> None:
    assert decide("POC101", ["ALL"], {}) == RUN
    assert decide("POC101", ["ALL"], {"POC1": "demo only"}) == Decision(True, "POC1", "demo only")
    assert decide("POC101", ["POC101"], {"POC": ""}) == RUN
    assert decide("MVP001", ["POC"], {}) == NOT_SELECTED
