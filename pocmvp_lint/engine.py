"""The pipeline, end to end: paths -> projects -> inventory -> signals -> outcomes.

Pure orchestration: every step is a function of the previous step's data. Discovery is in
``config`` and ``inventory``, detection in ``detectors``, judging in ``judge``, a project's
history in ``history.project``; this module runs them for each project of a run and shares
what the run reads once (the listing, decisions, the git log).
"""

from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from pocmvp_lint import scancache
from pocmvp_lint.config.declared_elsewhere import declared_for
from pocmvp_lint.config.discovery import Discovery, ProjectSpec, discover
from pocmvp_lint.config.loader import load_explicit
from pocmvp_lint.config.model import LintSettings
from pocmvp_lint.config.settings import check_selector
from pocmvp_lint.detectors import BUILTIN_DETECTOR_SPECS, BUILTIN_DETECTORS, detect
from pocmvp_lint.detectors.custom import custom_detector
from pocmvp_lint.detectors.signal import Detector, Signal
from pocmvp_lint.detectors.sources import count_lines, source_stats
from pocmvp_lint.detectors.tokens import scanner_version
from pocmvp_lint.errors import ConfigError, LintError, PluginError
from pocmvp_lint.findings import (
    ChangeRange,
    ExemptionState,
    ProjectResult,
    RunResult,
    verdict_for,
)
from pocmvp_lint.history.change import BaseReader, Change, resolve
from pocmvp_lint.history.facts import PRODUCTION_CATEGORIES, HistoryFacts, HistoryRequest
from pocmvp_lint.history.project import project_facts
from pocmvp_lint.history.timeline import Timeline, build_timeline
from pocmvp_lint.installed import declared_groups
from pocmvp_lint.inventory import Inventory, build_inventory
from pocmvp_lint.inventory.filters import repository_root_of
from pocmvp_lint.inventory.listing import Listing, display_path, list_tree, without
from pocmvp_lint.judge import decide_all, judge_all, mark_new, runnable, unused_ignores
from pocmvp_lint.model import (
    NOT_SUPPRESSIBLE_INLINE,
    REPOSITORY_WIDE,
    Category,
    Requirement,
    Stage,
)
from pocmvp_lint.plugins import GROUPS, plugin_detectors, plugin_rules
from pocmvp_lint.rules.custom import custom_rule
from pocmvp_lint.rules.history import HISTORY_CODES, request_for
from pocmvp_lint.rules.registry import Registry, builtin_registry
from pocmvp_lint.rules.rule import Rule, RuleContext, Stats
from pocmvp_lint.rules.selection import Decision
from pocmvp_lint.suppressions import InlineSuppression
from pocmvp_lint.suppressions import parse as suppression_comments

#: Top-level folders (one name each) whose files speak for the whole repository.
_ROOT_GOVERNANCE_DIRS = (".github/", ".gitlab/", ".circleci/", ".buildkite/", ".azuredevops/", ".pipelines/", "docs/")


@dataclass(frozen=True)
class Options:
    """Command-line choices that override ``project.toml``."""

    stage: Stage | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    use_git: bool = True
    today: dt.date = field(default_factory=dt.date.today)
    config_file: Path | None = None  # --config: a project.toml or [lint] policy from anywhere
    use_cache: bool = True  # --no-cache: the credential scan reads every file (pocmvp_lint.scancache)


@dataclass(frozen=True)
class Toolkit:
    """The detectors and rules in force (built-ins, plugins, a project's declarative rules)."""

    detectors: tuple[Detector, ...] = BUILTIN_DETECTORS
    registry: Registry = field(default_factory=builtin_registry)

    @classmethod
    def load(cls, *, plugins: bool = True) -> Toolkit:
        """Built-ins plus every installed plugin (entry points)."""
        if not plugins:
            return cls()
        builtin = builtin_registry()
        declared = declared_groups(GROUPS)  # one look at the search path for both groups
        extra = plugin_rules(builtin.codes, declared)
        registry = Registry.of((*builtin, *extra)) if extra else builtin
        return cls(detectors=BUILTIN_DETECTORS + plugin_detectors(declared), registry=registry)

    def with_custom(self, settings: LintSettings) -> Toolkit:
        """This toolkit plus the ``[[lint.rules]]`` declared for one project."""
        if not settings.custom_rules:
            return self
        taken = set(self.registry.codes)
        for spec in settings.custom_rules:
            if spec.code in taken:
                raise ConfigError(f"custom rule code {spec.code} is already taken by another rule", path=spec.origin)
        return Toolkit(
            detectors=self.detectors + tuple(custom_detector(s) for s in settings.custom_rules),
            registry=Registry.of((*self.registry, *(custom_rule(s) for s in settings.custom_rules))),
        )


def check_option_codes(options: Options, known: Sequence[str]) -> None:
    """Command-line selectors must name known rules (built-in, plugin or the project's own)."""
    for option, codes in (
        ("--select", options.select or ()),
        ("--extend-select", options.extend_select),
        ("--ignore", options.ignore),
    ):
        for code in codes:
            try:
                check_selector(code, known, LintError)
            except LintError as exc:
                raise LintError(f"{option}: {exc}") from None


def effective_settings(settings: LintSettings, options: Options) -> LintSettings:
    """``[lint]`` with command-line selectors applied (CLI select replaces, the rest extend)."""
    ignore = dict(settings.ignore)
    for code in options.ignore:
        ignore.setdefault(code, "")
    return replace(
        settings,
        select=options.select if options.select is not None else settings.select,
        extend_select=settings.extend_select + options.extend_select,
        ignore=MappingProxyType(ignore),
    )


def in_force(settings: LintSettings, today: dt.date) -> LintSettings:
    """``settings`` without the ignores whose end date has passed (LNT003 reports those)."""
    gone = {c for c, e in settings.exemptions.items() if e.expired(today)}
    if not gone:
        return settings
    return replace(settings, ignore=MappingProxyType({c: r for c, r in settings.ignore.items() if c not in gone}))


def target_of(path: Path, listing: Listing) -> str:
    resolved = path.resolve()
    if resolved.is_file():
        resolved = resolved.parent
    rel = os.path.relpath(resolved, listing.root)
    return "" if rel == "." else Path(rel).as_posix()


def _subtree(files: Sequence[str], target: str) -> bool:
    head = target + "/"
    return any(f.startswith(head) for f in files)


def discover_path(path: Path, options: Options, toolkit: Toolkit) -> tuple[Listing, Discovery]:
    """The file listing holding ``path`` and the projects that cover it."""
    listing, target = _listing(path, options)
    codes = toolkit.registry.codes
    explicit = load_explicit(options.config_file, codes) if options.config_file else None
    return listing, discover(listing.root, listing.paths(), target, codes, explicit, indexed=listing.is_git)


def check_path(path: Path, options: Options, toolkit: Toolkit) -> tuple[ProjectResult, ...]:
    """Check every project covering ``path``."""
    listing, found = discover_path(path, options, toolkit)
    alone = len(found.projects) == 1
    results = tuple(check_project(spec, found.roots, listing, options, toolkit, alone=alone) for spec in found.projects)
    save_cache(listing)
    return results


def save_cache(listing: Listing) -> None:
    """Keep what the run's credential scan proved clean for the next run (``scancache``)."""
    if listing.cache is not None:
        scancache.save(listing.cache, listing.root)


def _below(items: Sequence[str], folder: str) -> tuple[int, int]:
    """The index range of ``items`` (sorted) inside ``folder`` (all of them for the root, "").

    Every path below ``a/b`` sorts between ``a/b/`` and ``a/b0`` ("/" and "0" are neighbours)."""
    if not folder:
        return 0, len(items)
    return bisect_left(items, folder + "/"), bisect_left(items, folder + "0")


def _sorted_files(listing: Listing) -> tuple[str, ...]:
    """The listing sorted once per run (git lists files sorted already: then this is one pass)."""
    return listing.sorted_files()


def _sorted_roots(listing: Listing, roots: Sequence[str]) -> tuple[str, ...]:
    kept = listing.memo(("sorted-roots", id(roots)), lambda: (roots, tuple(sorted(roots))))
    return kept[1] if kept[0] is roots else tuple(sorted(roots))


def _listed(listing: Listing, path: str | None) -> bool:
    """Whether ``path`` is in the listing, by bisection of the sorted listing (no set of it)."""
    return path is not None and path in listing.paths()


def nested_roots(listing: Listing, roots: Sequence[str], prefix: str) -> list[str]:
    """The declaring project folders below ``prefix``, by bisection (no pass over every root)."""
    ordered = _sorted_roots(listing, roots)
    low, high = _below(ordered, prefix)
    return [r for r in ordered[low:high] if r != prefix]


def project_files(listing: Listing, roots: Sequence[str], prefix: str) -> Sequence[str]:
    """The listed files of the project at ``prefix``, minus those of projects nested in it.

    A sorted listing holds each folder's files in one contiguous range, so a project costs the
    size of its own range (plus a bisection per nested project), not a pass over the repository:
    a monorepo of many projects is checked in time linear in its size."""
    files = _sorted_files(listing)
    position, high = _below(files, prefix)
    inside = nested_roots(listing, roots, prefix)
    if not inside:
        return files[position:high]  # the whole listing for a lone root project: not a copy
    out: list[str] = []
    for inner in inside:
        low, end = _below(files, inner)
        if end <= position:
            continue  # inside a nested project already cut out
        out.extend(files[position:low])
        position = end
    out.extend(files[position:high])
    return out


def _inventory(spec: ProjectSpec, roots: Sequence[str], listing: Listing, settings: LintSettings) -> Inventory:
    return build_inventory(
        listing.root,
        spec.prefix,
        project_files(listing, roots, spec.prefix),
        exclude=settings.exclude,
        is_git=listing.is_git,
        cache=listing.cache,
        ordered=True,  # a range of the sorted listing
    )


def _detect(inventory: Inventory, detectors: Iterable[Detector]) -> tuple[Signal, ...]:
    try:
        signals = detect(inventory, tuple(detectors))
    except LintError:
        raise
    except Exception as exc:  # a plugin detector broke: name it, do not crash
        raise PluginError(f"a detector raised {type(exc).__name__}: {exc}") from exc
    return tuple(_at_path(s, display_path(inventory.repo_path(s.path))) for s in signals)


def _at_path(signal: Signal, path: str) -> Signal:
    """``signal`` at repository-relative ``path`` (built directly: ``replace`` costs ten times more)."""
    if path == signal.path:
        return signal
    if type(signal) is Signal:
        return Signal(signal.category, path, signal.line, signal.detail)
    return replace(signal, path=path)  # a plugin's subclass keeps its own fields


def _inherited(
    spec: ProjectSpec, listing: Listing, detectors: Iterable[Detector], have: set[Category | str]
) -> tuple[Signal, ...]:
    """Repository-wide signals (CI, policies) at the repository root, for a nested project.

    The root is the repository's, or for a project inside an examples/ or vendor/ tree, the root
    of the guest repository it belongs to (``examples/monorepo``). Each root is read once per run,
    however many projects it holds.
    """
    root = repository_root_of(spec.prefix)
    if spec.prefix == root:
        return ()
    found = listing.memo(("repository-wide", root), lambda: _repository_wide(listing, root, detectors))
    return tuple(s for s in found if s.category not in have)


def project_signals(
    spec: ProjectSpec,
    listing: Listing,
    inventory: Inventory,
    detectors: Iterable[Detector],
    inherited_from: Iterable[Detector],
) -> tuple[Signal, ...]:
    """What a project shows: its own files' signals plus the repository-wide ones it inherits from
    its repository root (CI, policies), sorted. ``check`` judges these and ``signals`` prints them."""
    signals = _detect(inventory, detectors)
    signals += _inherited(spec, listing, inherited_from, {s.category for s in signals})
    return tuple(sorted(set(signals)))


def _root_files(listing: Listing, root: str) -> tuple[str, ...]:
    """The files directly in ``root`` and below its governance folders (.github/, docs/, ...), in
    listing order: by bisection of the sorted listing, skipping each other folder's range whole
    (a pass over every path only when git's order is not Python's)."""
    head = root + "/" if root else ""
    files = _sorted_files(listing)
    if files is not listing.files:
        return tuple(
            f
            for f in listing.files
            if f.startswith(head) and ("/" not in f[len(head) :] or f[len(head) :].startswith(_ROOT_GOVERNANCE_DIRS))
        )
    cut = len(head)
    position, high = _below(files, root)
    out: list[str] = []
    while position < high:
        path = files[position]
        slash = path.find("/", cut)
        if slash < 0:
            out.append(path)
            position += 1
            continue
        end = bisect_left(files, path[:slash] + "0", position, high)  # past the folder's range
        if path[cut : slash + 1] in _ROOT_GOVERNANCE_DIRS:  # each one folder deep
            out.extend(files[position:end])
        position = end
    return tuple(out)


def _repository_wide(listing: Listing, root: str, detectors: Iterable[Detector]) -> tuple[Signal, ...]:
    files = _root_files(listing, root)
    root_inventory = build_inventory(
        listing.root, root, files, is_git=listing.is_git, apply_default_excludes=not root, cache=listing.cache
    )
    return tuple(s for s in _detect(root_inventory, detectors) if s.category in REPOSITORY_WIDE)


def _stats(inventory: Inventory, stage: Stage | None, settings: LintSettings) -> Stats:
    sources = source_stats(inventory)
    lines = None
    if stage is Stage.POC and len(sources.source_files) <= settings.thresholds.poc_max_source_files:
        lines = count_lines(inventory, sources.source_files)
    return Stats(source_files=len(sources.source_files), test_files=len(sources.test_files), source_lines=lines)


def _by_category(signals: Iterable[Signal]) -> Mapping[Category | str, tuple[Signal, ...]]:
    table: dict[Category | str, list[Signal]] = {}
    for signal in signals:
        table.setdefault(signal.category, []).append(signal)
    return MappingProxyType({k: tuple(v) for k, v in table.items()})


MAX_SUPPRESSION_FILES = 500


def inline_suppressions(inventory: Inventory, signals: Iterable[Signal]) -> tuple[InlineSuppression, ...]:
    """Suppression comments in the evidence files of ``signals`` (bounded reads, cached)."""
    paths = sorted({s.path for s in signals if s.category not in NOT_SUPPRESSIBLE_INLINE})
    head = inventory.prefix + "/" if inventory.prefix else ""
    found: list[InlineSuppression] = []
    for path in paths[:MAX_SUPPRESSION_FILES]:
        text = inventory.text(path[len(head) :] if head and path.startswith(head) else path)
        if text is not None:
            found.extend(suppression_comments(path, text))
    return tuple(found)


def _facts(
    spec: ProjectSpec,
    roots: Sequence[str],
    listing: Listing,
    request: HistoryRequest,
    progress: Callable[[int], None] | None = None,
    *,
    alone: bool = False,
) -> HistoryFacts:
    """The project's history facts (``history.project.project_facts``)."""
    head = spec.prefix + "/" if spec.prefix else ""
    nested = [r for r in roots if r != spec.prefix and r.startswith(head)]
    tracked = spec.config.path if _listed(listing, spec.config.path) else None  # not --config FILE
    return project_facts(listing, spec.prefix, nested, tracked, request, progress, alone=alone)


def _history(
    spec: ProjectSpec,
    roots: Sequence[str],
    listing: Listing,
    rules: Sequence[Rule],
    stage: Stage | None,
    *,
    alone: bool = False,
) -> HistoryFacts | None:
    """Git history for the rules that need it (docs/history.md): read only for a declared project
    in git when one of ``rules`` (those that will run) needs it, from one bounded ``git log`` of
    the repository shared by all its projects (limited to its folder when it is ``alone``)."""
    if not listing.is_git or stage is None:
        return None
    request = request_for(rules)
    if request is None:
        return None
    return _facts(spec, roots, listing, request, alone=alone)


def check_project(
    spec: ProjectSpec,
    roots: Sequence[str],
    listing: Listing,
    options: Options,
    toolkit: Toolkit,
    *,
    alone: bool = False,
) -> ProjectResult:
    """Check the project ``spec``; ``alone``: the only project of the run (see ``_facts``)."""
    settings = effective_settings(spec.config.settings, options)
    return _check_project(
        spec,
        roots,
        listing,
        options,
        toolkit,
        _inventory(spec, roots, listing, settings),
        options.stage or spec.config.declaration.stage,
        with_history=True,
        alone=alone,
    )


def _check_project(
    spec: ProjectSpec,
    roots: Sequence[str],
    listing: Listing,
    options: Options,
    toolkit: Toolkit,
    inventory: Inventory,
    stage: Stage | None,
    *,
    with_history: bool,
    alone: bool = False,
) -> ProjectResult:
    config = spec.config
    settings = effective_settings(in_force(config.settings, options.today), options)
    kit = toolkit.with_custom(settings)
    check_option_codes(options, kit.registry.codes)
    signals = project_signals(spec, listing, inventory, kit.detectors, toolkit.detectors)
    suppressions = inline_suppressions(inventory, signals)
    elsewhere = declared_for(listing, spec.prefix, settings.lifecycle_map)
    ctx = RuleContext(
        stage=stage,
        declaration=config.declaration,
        signals=_by_category(signals),
        stats=_stats(inventory, stage, settings),
        thresholds=settings.thresholds,
        today=options.today,
        config_path=config.path,
        stage_line=config.stage_line,
        is_root=not spec.prefix,
        suppressions=suppressions,
        exemptions=(*config.settings.exemptions.values(), *(s.exemption for s in suppressions)),
        claims=elsewhere.claims,
        stand_in=config.stand_in,
    )
    decisions = decisions_for(kit.registry, settings, listing)
    if with_history:
        rules = runnable(kit.registry, stage, settings, decisions, declared=ctx.declared, kind=ctx.kind)
        ctx = replace(ctx, history=_history(spec, roots, listing, rules, stage, alone=alone))
    configured = tuple(in_force(config.settings, options.today).ignore)  # written, not expired
    outcomes = judge_all(
        kit.registry,
        ctx,
        settings,
        project=spec.display,
        prefix=spec.prefix,
        configured_ignores=configured,
        decisions=decisions,
    )
    findings = sorted((f for o in outcomes for f in o.findings), key=lambda f: (-f.severity.rank, f.code, f.evidence))
    suppressed = [s for o in outcomes for s in o.suppressed]
    return ProjectResult(
        path=spec.display,
        name=config.declaration.name,
        stage=stage,
        verdict=verdict_for(stage, outcomes),
        findings=tuple(findings),
        suppressed=tuple(suppressed),
        signals=signals,
        config_path=config.path,
        stage_overridden=options.stage is not None and options.stage != config.declaration.stage,
        warnings=config.warnings + elsewhere.skipped,
        unused_ignores=unused_ignores(configured, outcomes),
        fail_on=settings.fail_on,
        declaration=config.declaration,
        outcomes=outcomes,
        registry=kit.registry,
        root=str(listing.root),
        exemptions=tuple(ExemptionState(e, e.days_left(options.today)) for e in ctx.exemptions),
    )


def decisions_for(registry: Registry, settings: LintSettings, listing: Listing) -> Mapping[str, Decision]:
    """``judge.decide_all``, made once per run for each distinct selection: a monorepo's projects
    mostly share theirs (the decisions depend only on the rule codes, selectors and ignores)."""
    key = ("decisions", registry.codes, settings.select + settings.extend_select, tuple(settings.ignore.items()))
    return listing.memo(key, lambda: MappingProxyType(dict(decide_all(registry, settings))))


def check_paths(paths: Sequence[Path], options: Options, toolkit: Toolkit | None = None) -> RunResult:
    """Check every project covering ``paths`` (each project once)."""
    kit = toolkit or Toolkit.load()
    results: dict[tuple[str, str], ProjectResult] = {}
    for path in paths:
        root = str(path.resolve())
        for result in check_path(path, options, kit):
            results.setdefault((root if result.path == "." else "", result.path), result)
    projects = tuple(results.values())
    return RunResult(projects=projects)


def projects_for(
    paths: Sequence[Path],
    options: Options,
    toolkit: Toolkit | None = None,
) -> tuple[ProjectSpec, ...]:
    """The projects covering ``paths`` (configuration only, nothing detected)."""
    kit = toolkit or Toolkit.load()
    out: list[ProjectSpec] = []
    for path in paths:
        out.extend(discover_path(path, options, kit)[1].projects)
    return tuple(out)


def _listing(path: Path, options: Options) -> tuple[Listing, str]:
    if not path.exists():
        raise LintError(f"{path}: no such file or directory")
    listing = list_tree(path, use_git=options.use_git, scan_version=scanner_version() if options.use_cache else None)
    target = target_of(path, listing)
    if listing.is_git and target and not _subtree(listing.files, target):
        # Untracked or ignored folder inside a work tree: look at its files as they are.
        listing = list_tree(path, use_git=False)
        target = ""
    return listing, target


def signals_for(
    paths: Sequence[Path],
    options: Options,
    toolkit: Toolkit | None = None,
) -> tuple[tuple[ProjectSpec, tuple[Signal, ...]], ...]:
    """Signals per project, without running rules (the `signals` command)."""
    kit = toolkit or Toolkit.load()
    out = []
    for path in paths:
        listing, found = discover_path(path, options, kit)
        for spec in found.projects:
            settings = effective_settings(spec.config.settings, options)
            inventory = _inventory(spec, found.roots, listing, settings)
            project_kit = kit.with_custom(settings)
            out.append((spec, project_signals(spec, listing, inventory, project_kit.detectors, kit.detectors)))
        save_cache(listing)
    return tuple(out)


# ---- the change at hand: `check --staged` / `check --since REF` ----------------------------------
def _base_inventory(
    spec: ProjectSpec, roots: Sequence[str], listing: Listing, today: Inventory, change: Change, settings: LintSettings
) -> Inventory:
    """The project's inventory at the base of ``change``, from today's (no second listing): minus
    the files the change adds, plus those it deletes; changed files read as base blobs."""
    head = spec.prefix + "/" if spec.prefix else ""
    cut = len(head)
    added = {p[cut:] for p in change.added if p.startswith(head)}
    gone = tuple(p for p in sorted(added) if today.exists(p))
    files = without(today.files, gone)
    deleted = sorted(p for p in change.deleted if p.startswith(head))
    back: tuple[str, ...] = ()
    if deleted:  # through the same filters as today's files (nested projects, excludes)
        nested = [r for r in roots if r != spec.prefix and r.startswith(head)]
        back = build_inventory(
            listing.root, spec.prefix, deleted, nested=nested, exclude=settings.exclude, is_git=listing.is_git
        ).files
        files += back
    reader = BaseReader(today.reader.root, repo_root=listing.root, prefix=spec.prefix, change=change)
    return Inventory(
        root=listing.root,
        prefix=spec.prefix,
        files=tuple(files),
        is_git=listing.is_git,
        reader=reader,
        today=today,
        ordered=today.ordered and not back,
        delta=(gone, back),  # the base's classification is today's adjusted for these paths
    )


def _fired(result: ProjectResult) -> frozenset[str]:
    return frozenset({f.code for f in result.findings} | {s.finding.code for s in result.suppressed})


def _reading(kit: Toolkit, codes: Sequence[str]) -> Toolkit:
    """``kit`` with only the built-in detectors that produce what the rules of ``codes`` read: the
    base of a change decides whether a repository-level finding is new (``judge.mark_new``), and
    those rules see no other signal. Every detector when one of them may see everything (a
    plugin's rule reading all signals, a rule judging the other outcomes)."""
    reads: set[Category | str] = set()
    for code in codes:
        rule = kit.registry.get(code)
        if rule is None or rule.reads is None or Requirement.OTHER_OUTCOMES in rule.requires:
            return kit
        reads |= rule.reads
    builtin = tuple(s.detect for s in BUILTIN_DETECTOR_SPECS if not s.produces.isdisjoint(reads))
    others = tuple(d for d in kit.detectors if d not in BUILTIN_DETECTORS)
    return replace(kit, detectors=builtin + others)


def _judge_change(
    spec: ProjectSpec,
    roots: Sequence[str],
    listing: Listing,
    base_listing: Listing,
    change: Change,
    options: Options,
    kit: Toolkit,
    *,
    alone: bool = False,
) -> ProjectResult:
    settings = effective_settings(spec.config.settings, options)
    inventory = _inventory(spec, roots, listing, settings)
    stage = options.stage or spec.config.declaration.stage
    now = _check_project(spec, roots, listing, options, kit, inventory, stage, with_history=True, alone=alone)
    head = spec.prefix + "/" if spec.prefix else ""
    moved = any(p.startswith(head) for p in (*change.added, *change.deleted))
    config_changed, declared = change.base_stage(listing.root, spec.config.path)
    base_stage = stage
    if options.stage is None and config_changed:
        base_stage = declared
    anchor = now.config_path
    repo_level = [f.code for f in now.findings if all(e.path == anchor for e in f.evidence)]
    fired = _fired(now)
    if repo_level and (moved or base_stage != stage):  # the base differs: judge it
        base_inventory = _base_inventory(spec, roots, listing, inventory, change, settings)
        base_kit = _reading(kit, repo_level)
        base = _check_project(
            spec, roots, base_listing, options, base_kit, base_inventory, base_stage, with_history=False
        )
        # history rules are not judged at the base: new only through their evidence
        fired = _fired(base) | HISTORY_CODES
    marked = mark_new(now, change.status, change.label, fired)
    return replace(marked, change=ChangeRange(base=change.base, head=change.head, label=change.label))


def check_change(
    paths: Sequence[Path], options: Options, *, since: str | None = None, toolkit: Toolkit | None = None
) -> tuple[RunResult, tuple[Change, ...]]:
    """`check --staged` / `check --since REF`: check today's index, mark what the range introduces.

    One ``git diff --name-status`` per repository gives the range; the base is judged only for a
    project with repository-level findings whose files or declared stage the range changes, by
    detection and rules over the base's file list (derived from today's, no second listing).
    """
    kit = toolkit or Toolkit.load()
    results: dict[tuple[str, str], ProjectResult] = {}
    changes: dict[str, tuple[Change, Listing]] = {}
    for path in paths:
        listing, found = discover_path(path, options, kit)
        if not listing.is_git:
            raise LintError(f"{path}: --staged and --since need a git repository")
        key = str(listing.root)
        if key not in changes:
            change = resolve(listing.root, since=since, state=listing.state)
            changes[key] = change, Listing(listing.root, change.base_files(listing.files), listing.is_git)
        change, base_listing = changes[key]
        alone = len(found.projects) == 1
        for spec in found.projects:
            result = _judge_change(spec, found.roots, listing, base_listing, change, options, kit, alone=alone)
            results.setdefault((key if result.path == "." else "", result.path), result)
        save_cache(listing)
    return RunResult(projects=tuple(results.values())), tuple(c for c, _l in changes.values())


# ---- the `history` command ------------------------------------------------------------------------
def timelines_for(path: Path, progress: Callable[[int], None] | None = None) -> tuple[Timeline, ...]:
    """The drift timeline of every project covering ``path``, from one ``git log`` of the
    repository shared by all of them."""
    if not path.exists():
        raise LintError(f"{path}: no such file or directory")
    options = Options()
    kit = Toolkit.load()
    listing, found = discover_path(path, options, kit)
    if not listing.is_git:
        raise LintError(f"{path}: not in a git repository; `history` reads git history")
    out = []
    for spec in found.projects:
        settings = effective_settings(spec.config.settings, options)
        inventory = _inventory(spec, found.roots, listing, settings)
        signals = sorted(set(_detect(inventory, kit.detectors)))
        # One arrival per (category, file): several signals of one file arrive together.
        first_detail: dict[tuple[str, str], str] = {}
        for s in signals:
            if s.category in PRODUCTION_CATEGORIES:
                first_detail.setdefault((s.category, s.path), s.detail)
        evidence = tuple((category, file, detail) for (category, file), detail in first_detail.items())
        facts = _facts(spec, found.roots, listing, HistoryRequest(stage_changes=True, evidence=evidence), progress)
        stage = spec.config.declaration.stage
        out.append(build_timeline(spec.display, spec.config.declaration.name, stage.value if stage else None, facts))
    save_cache(listing)
    return tuple(out)
