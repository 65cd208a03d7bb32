"""Judge: the rules of a registry over one project's facts, one outcome per rule.

The third step of the pipeline (discover -> detect -> judge -> render): it knows neither git nor
files. It takes a ``RuleContext`` (the project's signals, stats, declaration and history facts)
and the effective ``[lint]`` settings, decides what selection makes of each rule, runs each rule
that applies once, files its findings as reported or silenced (per-path ignores, inline
comments, ignores), and says what came of every rule of the registry: failed, passed, ignored,
not applicable or not selected. For ``check --staged`` and ``--since``, it also tells the findings
a change introduces from those it found already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from pocmvp_lint.config.model import Exemption, LintSettings
from pocmvp_lint.errors import PluginError
from pocmvp_lint.findings import Finding, Outcome, ProjectResult, Suppressed
from pocmvp_lint.inventory.filters import pattern_filter
from pocmvp_lint.model import Category, ProjectKind, Requirement, Severity, Stage, Status
from pocmvp_lint.rules.registry import Registry
from pocmvp_lint.rules.rule import BUILTIN_ORIGIN, Rule, RuleContext
from pocmvp_lint.rules.selection import Decision, decide, is_enabled
from pocmvp_lint.suppressions import InlineSuppression


@dataclass(frozen=True)
class Silencer:
    """Evidence files whose findings are silenced: per-path-ignores and inline suppression comments."""

    selector: str
    reason: str
    matches: Callable[[str], bool]  # a repository-relative evidence path
    exemption: Exemption | None = None


def _per_path_silencers(settings: LintSettings, code: str, prefix: str) -> list[Silencer]:
    head = prefix + "/" if prefix else ""
    out: list[Silencer] = []
    for pattern, codes in settings.per_path_ignores.items():
        if not is_enabled(code, codes, ()):
            continue
        matcher = pattern_filter([pattern])
        if matcher is None:
            continue

        def matches(path: str, m: Callable[[str], bool] = matcher) -> bool:
            return bool(m(path[len(head) :] if path.startswith(head) else path))

        out.append(Silencer(f"per-path-ignores {pattern!r}", "", matches))
    return out


def _inline_silencers(suppressions: Sequence[InlineSuppression], code: str, today: dt.date) -> list[Silencer]:
    def at(path: str) -> Callable[[str], bool]:
        return lambda evidence: evidence == path

    return [
        Silencer(f"inline ignore at {item.path}:{item.line}", item.reason, at(item.path), item.exemption)
        for item in suppressions
        if item.covers(code) and item.in_force(today)
    ]


def run_rule(rule: Rule, ctx: RuleContext, severity: Severity | None = None, project: str = "") -> list[Finding]:
    """``rule``'s findings in ``ctx``, at ``severity`` (the rule's own when None) for ``project``."""
    try:
        violations = list(rule.check(ctx))
    except Exception as exc:
        if rule.origin == BUILTIN_ORIGIN:
            raise
        raise PluginError(f"rule {rule.code} from '{rule.origin}' raised {type(exc).__name__}: {exc}") from exc
    return [
        Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity if severity is None else severity,
            message=v.message,
            evidence=v.evidence,
            project=project,
            why=rule.rationale,
            fix=rule.fix,
        )
        for v in violations
    ]


def _silence(
    finding: Finding,
    silencers: Sequence[Silencer],
    signal_paths: frozenset[str],
) -> tuple[Finding | None, Suppressed | None]:
    """Split ``finding`` by its evidence files: what is still reported, and what was silenced.

    Only evidence a detector pointed at can be silenced (never the project.toml anchor of a
    repository-level finding). A finding whose every such file is silenced is not reported; one
    with some files silenced is reported with the rest of its evidence.
    """
    if not silencers:
        return finding, None
    hits = [
        (e, next((x for x in silencers if x.matches(e.path)), None)) for e in finding.evidence if e.path in signal_paths
    ]
    silenced = [(e, x) for e, x in hits if x is not None]
    if not silenced:
        return finding, None
    first = silenced[0][1]
    assert first is not None
    gone = {e for e, _ in silenced}
    kept = tuple(e for e in finding.evidence if e not in gone)
    eligible_left = any(e.path in signal_paths for e in kept)
    return (
        replace(finding, evidence=kept) if eligible_left else None,
        Suppressed(finding, first.selector, first.reason, first.exemption),
    )


def _ignored_because(item: Suppressed) -> str:
    return f"ignored by `{item.selector}`" + (f": {item.reason}" if item.reason else "")


def _judge(
    rule: Rule,
    ctx: RuleContext,
    decision: Decision,
    silencers: Sequence[Silencer],
    severity: Severity,
    project: str,
    signal_paths: frozenset[str],
    exemption: Exemption | None = None,
) -> Outcome:
    """Run ``rule`` once over ``ctx`` (the signals it reads); file its findings as reported or
    silenced, and say what came of it."""
    found = run_rule(rule, ctx, severity, project)
    visible: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in found:
        kept, silenced = _silence(finding, silencers, signal_paths)
        if silenced is not None:
            suppressed.append(silenced)
        if kept is not None:
            visible.append(kept)
    if decision.ignored_by is not None:
        suppressed += [Suppressed(f, decision.ignored_by, decision.reason, exemption) for f in visible]
        visible = []
    if visible:
        return Outcome(rule, Status.FAILED, tuple(visible), tuple(suppressed))
    if suppressed:
        return Outcome(rule, Status.IGNORED, (), tuple(suppressed), _ignored_because(suppressed[0]))
    return Outcome(rule, Status.PASSED)


def decide_all(registry: Registry, settings: LintSettings) -> Mapping[str, Decision]:
    """What selection makes of each rule of ``registry`` under ``settings`` (code -> decision)."""
    selectors = settings.select + settings.extend_select
    return {r.code: decide(r.code, selectors, settings.ignore) for r in registry}


def runnable(
    registry: Registry,
    stage: Stage | None,
    settings: LintSettings,
    decisions: Mapping[str, Decision] | None = None,
    *,
    declared: bool = True,
    kind: ProjectKind = ProjectKind.SERVICE,
) -> list[Rule]:
    """The rules that will run for a project at ``stage`` that ships ``kind``: they apply, and are
    selected (by ``decisions`` when the caller made them already); ``declared`` is False in a what-if."""
    if decisions is None:
        decisions = decide_all(registry, settings)
    return [r for r in registry if r.applies_to(stage, declared=declared, kind=kind) and decisions[r.code].selected]


def unused_ignores(configured: Sequence[str], outcomes: Iterable[Outcome]) -> tuple[str, ...]:
    """Ignores in project.toml that silenced nothing (judged before the rules that report them)."""
    used = {s.selector for o in outcomes if Requirement.OTHER_OUTCOMES not in o.rule.requires for s in o.suppressed}
    return tuple(c for c in configured if c not in used)


def judge_all(
    registry: Registry,
    ctx: RuleContext,
    settings: LintSettings,
    *,
    project: str = ".",
    prefix: str = "",
    configured_ignores: Sequence[str] = (),
    decisions: Mapping[str, Decision] | None = None,
) -> tuple[Outcome, ...]:
    """One outcome per rule of ``registry``, in its order; each rule that applies runs once.

    ``settings`` are the effective ``[lint]`` settings (selection, ignores, severities,
    per-path-ignores); ``configured_ignores`` the ignores written in project.toml, which LNT002
    reports when they silenced nothing; ``decisions`` what selection makes of each rule, when
    the caller made them already (``decisions_for``).
    """
    if decisions is None:
        decisions = decide_all(registry, settings)
    signal_paths = frozenset(s.path for group in ctx.signals.values() for s in group)
    judged: dict[str, Outcome] = {}
    rules = runnable(registry, ctx.stage, settings, decisions, declared=ctx.declared, kind=ctx.kind)
    views: dict[frozenset[Category | str] | None, RuleContext] = {}  # rules that read alike see one view
    for last in (False, True):  # rules that judge the run itself go after all the others
        if last:
            ctx = replace(ctx, unused_ignores=unused_ignores(configured_ignores, judged.values()))
            views.clear()
        for rule in rules:
            if (Requirement.OTHER_OUTCOMES in rule.requires) is not last:
                continue
            silencers = _per_path_silencers(settings, rule.code, prefix) + _inline_silencers(
                ctx.suppressions, rule.code, ctx.today
            )
            decision = decisions[rule.code]
            view = views.get(rule.reads)
            if view is None:
                view = views[rule.reads] = replace(ctx, signals=rule.sees(ctx.signals))
            judged[rule.code] = _judge(
                rule,
                view,
                decision,
                silencers,
                settings.severity.get(rule.code, rule.severity),
                project,
                signal_paths,
                settings.exemptions.get(decision.ignored_by or ""),
            )
    return tuple(judged.get(r.code) or _skipped(r, ctx, decisions[r.code]) for r in registry)


def _skipped(rule: Rule, ctx: RuleContext, decision: Decision) -> Outcome:
    """The outcome of a rule that did not run: it does not apply, or was not selected."""
    why = rule.not_applicable_because(ctx.stage, declared=ctx.declared, kind=ctx.kind)
    if why is not None:
        return Outcome(rule, Status.NOT_APPLICABLE, reason=why)
    assert not decision.selected
    return Outcome(rule, Status.NOT_SELECTED, reason="not selected by [lint] select / --select")


# ---- what a change introduces: `check --staged` / `--since` ----------------------------------------
#: Status letters of ``git diff --name-status`` that mean "this path's content is new".
_TOUCHED = ("A", "M", "T", "C", "R")


def _join(paths: Sequence[str]) -> str:
    if len(paths) <= 1:
        return "".join(paths)
    if len(paths) > 3:
        return ", ".join(paths[:3]) + f" and {len(paths) - 3} more"
    return ", ".join(paths[:-1]) + " and " + paths[-1]


def _introduce(
    finding: Finding, status: Mapping[str, str], label: str, project: ProjectResult, touched: Sequence[str]
) -> Finding:
    if touched:
        added = [p for p in touched if status.get(p) == "A"]
        changed = [p for p in touched if status.get(p) != "A"]
        verbs = []
        if added:
            verbs.append(f"adds {_join(added)}")
        if changed:
            verbs.append(f"changes {_join(changed)}")
        lead = f"{label} {' and '.join(verbs)} {'in' if changed else 'to'} {project.label}"
    else:
        lead = f"with {label}"
    return replace(finding, new=True, message=f"{lead}: {finding.message}")


def mark_new(
    project: ProjectResult, status: Mapping[str, str], label: str, fired_at_base: frozenset[str]
) -> ProjectResult:
    """``project`` with the findings a change introduces marked new and listed first: the change
    called ``label`` ("this commit") gives each path it touches a ``git diff --name-status``
    letter in ``status``; ``fired_at_base`` holds the codes that fired at its base."""
    anchor = project.config_path
    config_added = anchor is not None and status.get(anchor) == "A"
    new: list[Finding] = []
    old: list[Finding] = []
    for finding in project.findings:
        paths = list(dict.fromkeys(e.path for e in finding.evidence if e.path != anchor))
        if paths:
            touched = [p for p in paths if status.get(p, "") in _TOUCHED]
            is_new = bool(touched)
        else:
            touched = []
            is_new = config_added or finding.code not in fired_at_base
        (new if is_new else old).append(_introduce(finding, status, label, project, touched) if is_new else finding)
    return project.with_findings((*new, *old))
