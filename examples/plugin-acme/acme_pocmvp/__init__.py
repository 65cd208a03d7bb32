"""ACME's pocmvp-lint plugin: every MVP needs an on-call runbook.

It uses the same API as the built-in detectors and rules (``pocmvp_lint.api``).
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.api import Inventory, Rule, RuleContext, Severity, Signal, Stage, Violation

RUNBOOK_NAMES = ("runbook.md", "oncall.md", "playbook.md")


def detect_runbook(inventory: Inventory) -> Iterator[Signal]:
    """A `runbook` signal for each runbook document that says who is paged."""
    for path in inventory.named(*RUNBOOK_NAMES):
        text = inventory.text(path) or ""
        if "on-call" in text.lower() or "pager" in text.lower():
            yield Signal("runbook", path, None, "on-call runbook")


def _no_runbook(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.has("runbook"):
        yield Violation("no on-call runbook (docs/runbook.md naming the on-call rota) was found", ctx.anchor)


DETECTORS = (detect_runbook,)

RULES = (
    Rule(
        code="ACME001",
        name="mvp-no-runbook",
        stage=Stage.MVP,
        severity=Severity.WARNING,
        summary="The MVP has no on-call runbook.",
        rationale="At ACME every product in front of customers has a runbook the on-call engineer can follow at 3 a.m.",
        fix="Add docs/runbook.md describing alerts, dashboards and who is on call.",
        check=_no_runbook,
    ),
)
