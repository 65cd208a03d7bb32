"""History rules: drift over time, judged from the project's git history (``ctx.history``).

The engine reads the history (one bounded ``git log`` over the project's subtree) only when one
of ``NEEDS_HISTORY`` will run for the project's stage; the rules themselves never touch git.
Every finding names the commits that prove it (short sha, date, subject).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pocmvp_lint.history.facts import Commit, HistoryFacts, HistoryRequest
from pocmvp_lint.model import Severity, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation

#: Share of today's source lines from before a promotion above which STG101 fires ("most").
PROMOTED_IN_PLACE_SHARE = 0.5

#: Rules that need the history read; STG100 only reports on a history read for these.
NEEDS_HISTORY: frozenset[str] = frozenset({"POC202", "POC203", "POC204", "STG101", "STG102"})
HISTORY_CODES: frozenset[str] = NEEDS_HISTORY | {"STG100"}


def request_for(codes: Sequence[str] | frozenset[str]) -> HistoryRequest | None:
    """What history the rules ``codes`` (those that will run) need; None when none of them does."""
    wanted = NEEDS_HISTORY.intersection(codes)
    if not wanted:
        return None
    return HistoryRequest(stage_changes=bool(wanted & {"STG101", "STG102"}),
                          promotion="STG101" in wanted)


def _cites(commits: Sequence[Commit], limit: int = 3) -> str:
    shown = ", ".join(c.cite() for c in commits[:limit])
    return shown + (f" and {len(commits) - limit} more" if len(commits) > limit else "")


def _history_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None:
        return
    why = history.incompleteness()
    if why is not None:
        yield Violation(f"the history rules (POC202-POC204, STG101, STG102) could not be fully decided: "
                        f"{why}", ctx.anchor)


def _judge_age(history: HistoryFacts, ctx: RuleContext) -> Iterator[Violation]:
    first = history.first
    budget = ctx.thresholds.poc_max_age_days
    if first is not None:
        age = (ctx.today - first.day).days
        if age > budget:
            at_least = "at least " if not history.complete else ""
            yield Violation(
                f"the POC has lived {at_least}{age} days since its first commit {first.cite()}, "
                f"over the budget of {budget} days (`poc-max-age-days`); latest commit "
                f"{history.last.cite() if history.last else '-'}", ctx.anchor)
    ends = ctx.declaration.ends
    if ends is not None:
        late = history.after(ends)
        if late:
            yield Violation(
                f"{len(late)} commit{'s' if len(late) != 1 else ''} after the POC's `ends` date "
                f"{ends.isoformat()}: first {late[-1].cite()}, latest {late[0].cite()}", ctx.anchor)


def _age(ctx: RuleContext) -> Iterator[Violation]:
    if ctx.history is not None and ctx.history.problem is None:
        yield from _judge_age(ctx.history, ctx)


def _contributors(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None or history.problem is not None:
        return
    people = history.contributors
    budget = ctx.thresholds.poc_max_contributors
    if len(people) <= budget:
        return
    shown = "; ".join(f"{p.name} ({p.commits} commit{'s' if p.commits != 1 else ''}, first "
                      f"{p.first.cite(40)})" for p in people[:6])
    more = f"; and {len(people) - 6} more" if len(people) > 6 else ""
    yield Violation(f"{len(people)} distinct authors, over the POC budget of {budget} "
                    f"(`poc-max-contributors`): {shown}{more}", ctx.anchor)


def _tags(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None or not history.tags:
        return
    tags = sorted(history.tags, key=lambda t: t.commit.date)
    shown = ", ".join(f"{t.name} on {t.commit.cite(40)}" for t in tags[-3:])
    more = f" ({len(tags)} in all, the first {tags[0].name} on {tags[0].commit.short})" if len(tags) > 3 else ""
    yield Violation(f"version tags on a POC: {shown}{more}", ctx.anchor)


def _promoted_in_place(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    promotion = history.promotion if history is not None else None
    if promotion is None or promotion.lines_now == 0:
        return
    if promotion.share <= PROMOTED_IN_PLACE_SHARE:
        return
    yield Violation(
        f"promoted from POC to MVP in place at {promotion.commit.cite()}: about "
        f"{promotion.share:.0%} of today's {promotion.lines_now:,} source lines date from the POC "
        f"era ({promotion.lines_then:,} lines at the promotion)", ctx.anchor)


def _regressed(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None:
        return
    back = [c for c in history.stage_changes if c.before == "mvp" and c.after == "poc"]
    if back:
        yield Violation(f"the declared stage went back from MVP to POC at {_cites([c.commit for c in back])}",
                        ctx.anchor)


def _rule(code: str, name: str, stage: Stage | None, severity: Severity, summary: str,
          rationale: str, fix: str, check: Check, example: str = "") -> Rule:
    return Rule(code=code, name=name, stage=stage, severity=severity, summary=summary,
                rationale=rationale, fix=fix, check=check, example=example)


RULES: tuple[Rule, ...] = (
    _rule("STG100", "history-incomplete", None, Severity.INFO,
          "The git history is incomplete (a shallow clone, or unreadable), so history rules judge "
          "only part of it.",
          "The history rules (POC202-POC204, STG101, STG102) look at every commit of the project. "
          "A shallow clone, as CI checks out by default, holds only the newest commits, so a rule "
          "that stays quiet may simply not have seen the evidence. This finding says so once, "
          "instead of every rule guessing.",
          "Fetch the full history: `git fetch --unshallow`, or `fetch-depth: 0` with "
          "actions/checkout. If history does not matter here, ignore the history rules.",
          _history_incomplete),
    _rule("STG101", "stage-promoted-in-place", Stage.MVP, Severity.WARNING,
          "The project was promoted from POC to MVP in place, and most of today's code dates from "
          "the POC era.",
          "A POC is written to answer a question fast: no tests, shortcuts, hard-coded values. "
          "Changing `stage` to \"mvp\" does not change that code. When most of the MVP's source "
          "still dates from before the promotion, the product stands on code nobody wrote to last.",
          "Rebuild the parts that matter (start the MVP from a clean tree and port what proved "
          "itself), or review the POC-era code deliberately and record that decision; then ignore "
          "the rule with the reason.",
          _promoted_in_place),
    _rule("STG102", "stage-regressed", None, Severity.INFO,
          "The declared stage went backwards, from MVP to POC.",
          "Going back from MVP to POC is legitimate (a product idea shelved into an experiment), "
          "but users of the MVP lose what it promised them, so it should be a visible decision.",
          "Make sure nobody still depends on the MVP, and say so in the README.",
          _regressed),
    _rule("POC202", "poc-outlived-budget", Stage.POC, Severity.WARNING,
          "The POC has lived longer than its budget, or kept getting commits past its `ends` date.",
          "A POC is quick by definition. One that has been worked on for months, or after its "
          "timebox ended, is turning into a product by inertia without anyone deciding so.",
          "Decide: archive the POC, or start an MVP (`stage = \"mvp\"`). To allow a longer POC, "
          "raise `poc-max-age-days` in `[lint.thresholds]` with a reason.",
          _age, example='[lint.thresholds]\npoc-max-age-days = 120'),
    _rule("POC203", "poc-too-many-contributors", Stage.POC, Severity.WARNING,
          "More people have committed to the POC than a POC budget allows.",
          "A POC is a small team's experiment. Many contributors mean many people invest in it and "
          "depend on it, which is how throwaway code becomes a product nobody designed.",
          "Decide whether this is now a product (`stage = \"mvp\"`). To allow more people, raise "
          "`poc-max-contributors` in `[lint.thresholds]` with a reason.",
          _contributors, example='[lint.thresholds]\npoc-max-contributors = 8'),
    _rule("POC204", "poc-version-tags", Stage.POC, Severity.WARNING,
          "The POC's history carries version tags (v1.2, 1.2.3, ...).",
          "A version number promises users a release they can depend on and upgrade from. A POC "
          "has no users to promise anything to; tagging releases means it is being shipped.",
          "Delete the tags, or declare the project an MVP and release it properly.",
          _tags),
)

