"""History rules: drift over time, judged from the project's git history (``ctx.history``).

The engine reads the history (one bounded ``git log`` over the project's subtree) only when a rule
with ``needs_history`` will run for the project's stage; the rules themselves never touch git.
Every finding names the commits that prove it (short sha, date, subject).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pocmvp_lint.history.facts import Commit, HistoryFacts, HistoryRequest
from pocmvp_lint.model import RuleKind, Severity, Stage
from pocmvp_lint.rules.rule import Rule, RuleContext, Violation

#: Share of today's source lines from before a promotion above which STG101 fires ("most").
PROMOTED_IN_PLACE_SHARE = 0.5


def request_for(rules: Iterable[Rule]) -> HistoryRequest | None:
    """What history ``rules`` (those that will run) need; None when none of them needs any."""
    wanted = {r.code for r in rules if r.needs_history}
    if not wanted:
        return None
    return HistoryRequest(
        stage_changes=bool(wanted & {"STG101", "STG102"}), promotion="STG101" in wanted, moves_only=True
    )


def _cites(commits: Sequence[Commit], limit: int = 3) -> str:
    shown = ", ".join(c.cite() for c in commits[:limit])
    return shown + (f" and {len(commits) - limit} more" if len(commits) > limit else "")


def _history_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None:
        return
    why = history.incompleteness()
    if why is not None:
        yield Violation(
            f"the history rules (POC202-POC206, STG101, STG102) could not be fully decided: {why}", ctx.anchor
        )


def _judge_age(history: HistoryFacts, ctx: RuleContext) -> Iterator[Violation]:
    """Drift is work past the budget: the active span (first to latest commit) over it. A POC left
    alone long ago is dormant (POC206), not drifting; commits after `ends` are POC205."""
    first, last = history.first, history.last
    budget = ctx.thresholds.poc_max_age_days
    if first is not None and last is not None and history.active_days > budget:
        at_least = "at least " if not history.complete else ""
        yield Violation(
            f"the POC has been worked on for {at_least}{history.active_days} days, from its first commit "
            f"{first.cite()} to its latest {last.cite()}, over the budget of {budget} days "
            f"(`poc-max-age-days`)",
            ctx.anchor,
        )


def _judge_timebox(history: HistoryFacts, ctx: RuleContext) -> Iterator[Violation]:
    ends = ctx.declaration.ends
    if ends is not None:
        late = history.after(ends)
        if late:
            yield Violation(
                f"{len(late)} commit{'s' if len(late) != 1 else ''} after the POC's `ends` date "
                f"{ends.isoformat()}: first {late[-1].cite()}, latest {late[0].cite()}",
                ctx.anchor,
            )


def _dormant(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None or history.problem is not None or history.last is None:
        return
    budget = ctx.thresholds.poc_max_age_days
    idle = (ctx.today - history.last.day).days
    ends = ctx.declaration.ends
    worked_past = history.active_days > budget or (ends is not None and bool(history.after(ends)))
    if idle > budget and not worked_past:
        yield Violation(
            f"the POC is dormant: no commit for {idle} days (latest {history.last.cite()}), after "
            f"{history.active_days} days of work; consider archiving it",
            ctx.anchor,
        )


def _age(ctx: RuleContext) -> Iterator[Violation]:
    if ctx.history is not None and ctx.history.problem is None:
        yield from _judge_age(ctx.history, ctx)


def _past_timebox(ctx: RuleContext) -> Iterator[Violation]:
    if ctx.history is not None and ctx.history.problem is None:
        yield from _judge_timebox(ctx.history, ctx)


def _contributors(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None or history.problem is not None:
        return
    people = history.contributors
    budget = ctx.thresholds.poc_max_contributors
    if len(people) <= budget:
        return
    shown = "; ".join(
        f"{p.name} ({p.commits} commit{'s' if p.commits != 1 else ''}, first {p.first.cite(40)})" for p in people[:6]
    )
    more = f"; and {len(people) - 6} more" if len(people) > 6 else ""
    yield Violation(
        f"{len(people)} distinct authors, over the POC budget of {budget} (`poc-max-contributors`): {shown}{more}",
        ctx.anchor,
    )


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
        f"era ({promotion.lines_then:,} lines at the promotion)",
        ctx.anchor,
    )


def _regressed(ctx: RuleContext) -> Iterator[Violation]:
    history = ctx.history
    if history is None:
        return
    back = [c for c in history.stage_changes if c.before is Stage.MVP and c.after is Stage.POC]
    if back:
        yield Violation(
            f"the declared stage went back from MVP to POC at {_cites([c.commit for c in back])}", ctx.anchor
        )


_POC = '# project.toml\n[project]\nstage = "poc"\n'


RULES: tuple[Rule, ...] = (
    Rule(
        code="STG100",
        name="history-incomplete",
        kind=RuleKind.HISTORY,
        stage=None,
        severity=Severity.INFO,
        reads=frozenset(),
        summary="The git history is incomplete (a shallow clone, or unreadable), so history rules judge "
        "only part of it.",
        rationale="The history rules (POC202-POC206, STG101, STG102) look at every commit of the "
        "project. A shallow clone, as CI checks out by default, holds only the newest commits, "
        "so a rule that stays quiet may simply not have seen the evidence. This finding says so "
        "once, instead of every rule guessing.",
        example="# .github/workflows/lint.yml\n      - uses: actions/checkout@v4   # fetch-depth 1: a shallow clone",
        fix="Fetch the full history: `git fetch --unshallow`, or `fetch-depth: 0` with "
        "actions/checkout. If history does not matter here, ignore the history rules.",
        check=_history_incomplete,
    ),
    Rule(
        code="STG101",
        name="stage-promoted-in-place",
        kind=RuleKind.HISTORY,
        stage=Stage.MVP,
        severity=Severity.WARNING,
        reads=frozenset(),
        needs_history=True,
        summary="The project was promoted from POC to MVP in place, and most of today's code dates from the POC era.",
        rationale="A POC is written to answer a question fast: no tests, shortcuts, hard-coded values. "
        'Changing `stage` to "mvp" does not change that code. When most of the MVP\'s source '
        "still dates from before the promotion, the product stands on code nobody wrote to "
        "last.",
        example='# commit 3f2a1c9 "Ship it": project.toml stage = "poc" -> "mvp"\n'
        "# 80% of today's source lines were written before that commit",
        fix="Rebuild the parts that matter (start the MVP from a clean tree and port what proved "
        "itself), or review the POC-era code deliberately and record that decision; then ignore "
        "the rule with the reason.",
        check=_promoted_in_place,
    ),
    Rule(
        code="STG102",
        name="stage-regressed",
        kind=RuleKind.HISTORY,
        stage=None,
        severity=Severity.INFO,
        reads=frozenset(),
        needs_history=True,
        summary="The declared stage went backwards, from MVP to POC.",
        rationale="Going back from MVP to POC is legitimate (a product idea shelved into an experiment), "
        "but users of the MVP lose what it promised them, so it should be a visible decision.",
        example='# commit 9b0e4d2 "Park the product": project.toml stage = "mvp" -> "poc"',
        fix="Make sure nobody still depends on the MVP, and say so in the README.",
        check=_regressed,
    ),
    Rule(
        code="POC202",
        name="poc-outlived-budget",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset(),
        needs_history=True,
        summary="The POC has been worked on longer than its budget (`poc-max-age-days`), from its first "
        "commit to its latest.",
        rationale="A POC is quick by definition. One that has been worked on for months, or after its "
        "timebox ended, is turning into a product by inertia without anyone deciding so. "
        "The time since the first commit alone does not count: a POC left alone is dormant "
        "(POC206), not drifting.",
        example=_POC + "# commits from 200 days ago until last week; the default budget is 90 days\n\n"
        "# the fix, when a longer POC is deliberate:\n[lint.thresholds]\npoc-max-age-days = 120",
        fix='Decide: archive the POC, or start an MVP (`stage = "mvp"`). To allow a longer POC, '
        "raise `poc-max-age-days` in `[lint.thresholds]` with a reason.",
        check=_age,
    ),
    Rule(
        code="POC205",
        name="poc-worked-past-timebox",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset(),
        needs_history=True,
        summary="The POC kept getting commits after its declared `ends` date.",
        rationale="The timebox is the team's own promise of when the POC stops. Work after it means the "
        "experiment continues by inertia, without anyone deciding that it should.",
        example=_POC + "# ends = 2025-03-31, and 12 commits since April",
        fix='Decide: record the POC\'s outcome and archive it, or start an MVP (`stage = "mvp"`). If '
        "more time is deliberate, move `ends` in `[project]` to the new date the team agreed on.",
        check=_past_timebox,
    ),
    Rule(
        code="POC206",
        name="poc-dormant",
        kind=RuleKind.HISTORY,
        stage=Stage.POC,
        severity=Severity.INFO,
        reads=frozenset(),
        needs_history=True,
        summary="The POC has had no commit for longer than its age budget: it is dormant.",
        rationale="A POC worked on for a few days and then left alone has not drifted toward production; "
        "it answered its question (or was abandoned). Left in place, it still looks alive to "
        "whoever finds it next.",
        example=_POC + "# five days of commits, the latest 300 days ago; the default budget is 90 days",
        fix="Archive the repository (or write the POC's outcome in its README), or resume it knowingly.",
        check=_dormant,
    ),
    Rule(
        code="POC203",
        name="poc-too-many-contributors",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset(),
        needs_history=True,
        summary="More people have committed to the POC than a POC budget allows.",
        rationale="A POC is a small team's experiment. Many contributors mean many people invest in it "
        "and depend on it, which is how throwaway code becomes a product nobody designed.",
        example=_POC + "# 9 distinct commit authors; the default budget is 5\n\n"
        "# the fix, when a bigger team is deliberate:\n[lint.thresholds]\npoc-max-contributors = 8",
        fix='Decide whether this is now a product (`stage = "mvp"`). To allow more people, raise '
        "`poc-max-contributors` in `[lint.thresholds]` with a reason.",
        check=_contributors,
    ),
    Rule(
        code="POC204",
        name="poc-version-tags",
        kind=RuleKind.DRIFT,
        stage=Stage.POC,
        severity=Severity.WARNING,
        reads=frozenset(),
        needs_history=True,
        summary="The POC's history carries version tags (v1.2, 1.2.3, ...).",
        rationale="A version number promises users a release they can depend on and upgrade from. A POC "
        "has no users to promise anything to; tagging releases means it is being shipped.",
        example=_POC + "\n$ git tag\nv0.1.0\nv1.0.0",
        fix="Delete the tags, or declare the project an MVP and release it properly.",
        check=_tags,
    ),
)

#: Codes of the history rules (those with ``needs_history`` make the engine read the history).
HISTORY_CODES: frozenset[str] = frozenset(r.code for r in RULES)
