"""The pipeline, end to end: paths -> projects -> inventory -> signals -> findings.

Pure orchestration: every step is a function of the previous step's data.
"""

from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from pocmvp_lint.config.discovery import Discovery, ProjectSpec, discover
from pocmvp_lint.config.model import LintSettings
from pocmvp_lint.config.settings import check_selector
from pocmvp_lint.detectors import BUILTIN_DETECTORS, detect
from pocmvp_lint.detectors.signal import Detector, Signal
from pocmvp_lint.detectors.sources import count_lines, source_stats
from pocmvp_lint.errors import ConfigError, LintError, PluginError
from pocmvp_lint.findings import Finding, ProjectResult, RunResult, Suppressed, verdict_for
from pocmvp_lint.history.facts import HistoryFacts
from pocmvp_lint.inventory import Inventory, build_inventory
from pocmvp_lint.inventory.filters import pattern_filter, repository_root_of
from pocmvp_lint.inventory.listing import Listing, display_path, list_tree
from pocmvp_lint.model import Severity, Stage
from pocmvp_lint.rules.registry import Registry, builtin_registry
from pocmvp_lint.rules.rule import Rule, RuleContext, Stats
from pocmvp_lint.rules.selection import decide, is_enabled
from pocmvp_lint.suppressions import InlineSuppression
from pocmvp_lint.suppressions import parse as suppression_comments

#: Repository-wide categories a nested project inherits from files at the repository root.
INHERITED = ("ci", "ci-tests", "security-policy", "dependency-updates", "codeowners", "license")
_ROOT_GOVERNANCE_DIRS = (".github/", ".gitlab/", ".circleci/", ".buildkite/", ".azuredevops/",
                         ".pipelines/", "docs/")


@dataclass(frozen=True)
class Options:
    """Command-line choices that override ``project.toml``."""

    stage: Stage | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    use_git: bool = True
    today: dt.date = field(default_factory=dt.date.today)


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
        from pocmvp_lint.plugins import plugin_detectors, plugin_rules

        builtin = builtin_registry()
        extra = plugin_rules(builtin.codes)
        registry = Registry.of((*builtin, *extra)) if extra else builtin
        return cls(detectors=BUILTIN_DETECTORS + plugin_detectors(), registry=registry)

    def with_custom(self, settings: LintSettings) -> Toolkit:
        """This toolkit plus the ``[[lint.rules]]`` declared for one project."""
        if not settings.custom_rules:
            return self
        from pocmvp_lint.detectors.custom import custom_detector
        from pocmvp_lint.rules.custom import custom_rule

        taken = set(self.registry.codes)
        for spec in settings.custom_rules:
            if spec.code in taken:
                raise ConfigError(f"custom rule code {spec.code} is already taken by another rule",
                                  path=spec.origin)
        return Toolkit(
            detectors=self.detectors + tuple(custom_detector(s) for s in settings.custom_rules),
            registry=Registry.of((*self.registry, *(custom_rule(s) for s in settings.custom_rules))),
        )


def check_option_codes(options: Options, known: Sequence[str]) -> None:
    """Command-line selectors must name known rules (built-in, plugin or the project's own)."""
    for option, codes in (("--select", options.select or ()), ("--extend-select", options.extend_select),
                          ("--ignore", options.ignore)):
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
    return listing, discover(listing.root, listing.files, target, toolkit.registry.codes)


def check_path(path: Path, options: Options, toolkit: Toolkit) -> tuple[ProjectResult, ...]:
    """Check every project covering ``path``."""
    listing, found = discover_path(path, options, toolkit)
    return tuple(check_project(spec, found.roots, listing, options, toolkit) for spec in found.projects)


def _below(items: Sequence[str], folder: str) -> tuple[int, int]:
    """The index range of ``items`` (sorted) inside ``folder`` (all of them for the root, "").

    Every path below ``a/b`` sorts between ``a/b/`` and ``a/b0`` ("/" and "0" are neighbours)."""
    if not folder:
        return 0, len(items)
    return bisect_left(items, folder + "/"), bisect_left(items, folder + "0")


def _sorted_files(listing: Listing) -> tuple[str, ...]:
    """The listing sorted once per run (git lists files sorted already: then this is one pass)."""
    return listing.memo("sorted-files", lambda: tuple(sorted(listing.files)))


def _sorted_roots(listing: Listing, roots: Sequence[str]) -> tuple[str, ...]:
    kept = listing.memo(("sorted-roots", id(roots)), lambda: (roots, tuple(sorted(roots))))
    return kept[1] if kept[0] is roots else tuple(sorted(roots))


def nested_roots(listing: Listing, roots: Sequence[str], prefix: str) -> list[str]:
    """The declaring project folders below ``prefix``, by bisection (no pass over every root)."""
    ordered = _sorted_roots(listing, roots)
    low, high = _below(ordered, prefix)
    return [r for r in ordered[low:high] if r != prefix]


def project_files(listing: Listing, roots: Sequence[str], prefix: str) -> list[str]:
    """The listed files of the project at ``prefix``, minus those of projects nested in it.

    A sorted listing holds each folder's files in one contiguous range, so a project costs the
    size of its own range (plus a bisection per nested project), not a pass over the repository:
    a monorepo of many projects is checked in time linear in its size."""
    files = _sorted_files(listing)
    position, high = _below(files, prefix)
    out: list[str] = []
    for inner in nested_roots(listing, roots, prefix):
        low, end = _below(files, inner)
        if end <= position:
            continue  # inside a nested project already cut out
        out.extend(files[position:low])
        position = end
    out.extend(files[position:high])
    return out


def _inventory(spec: ProjectSpec, roots: Sequence[str], listing: Listing,
               settings: LintSettings) -> Inventory:
    return build_inventory(listing.root, spec.prefix, project_files(listing, roots, spec.prefix),
                           exclude=settings.exclude, is_git=listing.is_git)


def _detect(inventory: Inventory, detectors: Iterable[Detector]) -> tuple[Signal, ...]:
    try:
        signals = detect(inventory, tuple(detectors))
    except LintError:
        raise
    except Exception as exc:  # a plugin detector broke: name it, do not crash
        raise PluginError(f"a detector raised {type(exc).__name__}: {exc}") from exc
    return tuple(replace(s, path=display_path(inventory.repo_path(s.path))) for s in signals)


def _inherited(spec: ProjectSpec, listing: Listing, detectors: Iterable[Detector],
               have: set[str]) -> tuple[Signal, ...]:
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


def _repository_wide(listing: Listing, root: str, detectors: Iterable[Detector]) -> tuple[Signal, ...]:
    head = root + "/" if root else ""
    files = tuple(f for f in listing.files if f.startswith(head) and (
        "/" not in f[len(head):] or f[len(head):].startswith(_ROOT_GOVERNANCE_DIRS)))
    root_inventory = build_inventory(listing.root, root, files, is_git=listing.is_git,
                                     apply_default_excludes=not root)
    return tuple(s for s in _detect(root_inventory, detectors) if s.category in INHERITED)


def _stats(inventory: Inventory, stage: Stage | None, settings: LintSettings) -> Stats:
    sources = source_stats(inventory)
    lines = None
    if stage is Stage.POC and len(sources.source_files) <= settings.thresholds.poc_max_source_files:
        lines = count_lines(inventory, sources.source_files)
    return Stats(source_files=len(sources.source_files), test_files=len(sources.test_files),
                 source_lines=lines)


def _by_category(signals: Iterable[Signal]) -> Mapping[str, tuple[Signal, ...]]:
    table: dict[str, list[Signal]] = {}
    for signal in signals:
        table.setdefault(signal.category, []).append(signal)
    return MappingProxyType({k: tuple(v) for k, v in table.items()})


def _applies(rule: Rule, stage: Stage | None) -> bool:
    """Undeclared projects get only the stage-free rules; declared ones never get STG001."""
    if stage is None:
        return rule.stage is None
    return rule.applies_to(stage) and rule.code != "STG001"


@dataclass(frozen=True)
class Silencer:
    """Signals a rule must not see: per-path-ignores and inline suppression comments."""

    selector: str
    reason: str
    matches: Callable[[Signal], bool]


def _per_path_silencers(settings: LintSettings, code: str, prefix: str) -> list[Silencer]:
    head = prefix + "/" if prefix else ""
    out: list[Silencer] = []
    for pattern, codes in settings.per_path_ignores.items():
        if not is_enabled(code, codes, ()):
            continue
        matcher = pattern_filter([pattern])
        if matcher is None:
            continue

        def matches(signal: Signal, m: Callable[[str], bool] = matcher) -> bool:
            path = signal.path
            return bool(m(path[len(head):] if path.startswith(head) else path))

        out.append(Silencer(f"per-path-ignores {pattern!r}", "", matches))
    return out


def _inline_silencers(suppressions: Sequence[InlineSuppression], code: str) -> list[Silencer]:
    def at(path: str) -> Callable[[Signal], bool]:
        return lambda signal: signal.path == path

    return [Silencer(f"inline ignore at {item.path}:{item.line}", item.reason, at(item.path))
            for item in suppressions if item.covers(code)]


#: Categories whose evidence files are scanned for inline suppression comments.
_UNSUPPRESSIBLE = frozenset({"tests", "readme", "readme-setup", "license", "lockfile",
                             "dependency-manifest", "poc-disclaimer"})
MAX_SUPPRESSION_FILES = 500


def inline_suppressions(inventory: Inventory, signals: Iterable[Signal]) -> tuple[InlineSuppression, ...]:
    """Suppression comments in the evidence files of ``signals`` (bounded reads, cached)."""
    paths = sorted({s.path for s in signals if s.category not in _UNSUPPRESSIBLE})
    head = inventory.prefix + "/" if inventory.prefix else ""
    found: list[InlineSuppression] = []
    for path in paths[:MAX_SUPPRESSION_FILES]:
        text = inventory.text(path[len(head):] if head and path.startswith(head) else path)
        if text is not None:
            found.extend(suppression_comments(path, text))
    return tuple(found)


def run_rule(rule: Rule, ctx: RuleContext) -> list[Finding]:
    try:
        violations = list(rule.check(ctx))
    except Exception as exc:
        if rule.origin == "pocmvp-lint":
            raise
        raise PluginError(f"rule {rule.code} from '{rule.origin}' raised "
                          f"{type(exc).__name__}: {exc}") from exc
    return [
        Finding(code=rule.code, name=rule.name, severity=rule.severity, message=v.message,
                evidence=v.evidence, project="", why=rule.rationale, fix=rule.fix)
        for v in violations
    ]


@dataclass
class _Outcome:
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)


def _judge(rule: Rule, ctx: RuleContext, silencers: Sequence[Silencer], ignored: tuple[str, str],
           severity: Severity, project: str, out: _Outcome) -> None:
    """Run one rule; file its findings as reported or suppressed (with the reason)."""
    signals = [s for group in ctx.signals.values() for s in group]
    kept = [s for s in signals if not any(x.matches(s) for x in silencers)]
    full = [replace(f, severity=severity, project=project) for f in run_rule(rule, ctx)]
    if len(kept) == len(signals):
        visible = full
    else:
        visible = [replace(f, severity=severity, project=project)
                   for f in run_rule(rule, replace(ctx, signals=_by_category(kept)))]
        shown = {(f.message, f.evidence) for f in visible}
        for finding in full:
            if (finding.message, finding.evidence) in shown:
                continue
            paths = {e.path for e in finding.evidence}
            silencer = next((x for x in silencers if any(
                x.matches(s) for s in signals if s.path in paths)), silencers[0])
            out.suppressed.append(Suppressed(finding, silencer.selector, silencer.reason))
    for finding in visible:
        if ignored[0] != "run":
            out.suppressed.append(Suppressed(finding, ignored[0], ignored[1]))
        else:
            out.findings.append(finding)


def _history(spec: ProjectSpec, roots: Sequence[str], listing: Listing, rules: Sequence[Rule],
             selectors: Sequence[str], settings: LintSettings, stage: Stage | None) -> HistoryFacts | None:
    """Git history for the history rules (docs/history.md): read only for a declared project in
    git when one of them will run, with one bounded ``git log`` over the project's subtree."""
    if not listing.is_git or stage is None:
        return None
    from pocmvp_lint.rules.history import request_for

    ignore = dict(settings.ignore)
    request = request_for([r.code for r in rules if decide(r.code, selectors, ignore) is not None])
    if request is None:
        return None
    from pocmvp_lint.history.collect import collect, read_repository

    nested = nested_roots(listing, roots, spec.prefix)
    if len(roots) > 1:  # many projects: one log for the repository, filed per project
        shared = listing.memo(("repository-history", id(roots)),
                              lambda: (roots, read_repository(listing.root, roots)))
        if shared[0] is roots:
            return shared[1].facts(spec.prefix, nested, spec.config.path, request)
    return collect(listing.root, spec.prefix, nested=nested, config_path=spec.config.path,
                   request=request)


def check_project(spec: ProjectSpec, roots: Sequence[str], listing: Listing, options: Options,
                  toolkit: Toolkit) -> ProjectResult:
    config = spec.config
    settings = effective_settings(config.settings, options)
    kit = toolkit.with_custom(settings)
    check_option_codes(options, kit.registry.codes)
    stage = options.stage or config.declaration.stage
    inventory = _inventory(spec, roots, listing, settings)
    signals = _detect(inventory, kit.detectors)
    signals += _inherited(spec, listing, toolkit.detectors, {s.category for s in signals})
    signals = tuple(sorted(set(signals)))
    suppressions = inline_suppressions(inventory, signals)
    ctx = RuleContext(
        stage=stage, declaration=config.declaration, signals=_by_category(signals),
        stats=_stats(inventory, stage, settings), thresholds=settings.thresholds,
        today=options.today, config_path=config.path, stage_line=config.stage_line,
        is_root=not spec.prefix, suppressions=suppressions,
    )
    selectors = settings.select + settings.extend_select
    out = _Outcome()
    rules = [r for r in kit.registry if _applies(r, stage)]
    ctx = replace(ctx, history=_history(spec, roots, listing, rules, selectors, settings, stage))
    for phase in (0, 1):
        if phase == 1:
            used = {s.selector for s in out.suppressed}
            ctx = replace(ctx, unused_ignores=tuple(c for c in config.settings.ignore if c not in used))
        for rule in rules:
            if rule.phase != phase:
                continue
            decision = decide(rule.code, selectors, dict(settings.ignore))
            if decision is None:
                continue
            out.ran.append(rule.code)
            silencers = (_per_path_silencers(settings, rule.code, spec.prefix)
                         + _inline_silencers(suppressions, rule.code))
            _judge(rule, ctx, silencers, decision, settings.severity.get(rule.code, rule.severity),
                   spec.display, out)
    findings = sorted(out.findings, key=lambda f: (-f.severity.rank, f.code, f.evidence))
    suppressed = out.suppressed
    ran = out.ran
    unused = ctx.unused_ignores
    return ProjectResult(
        path=spec.display, name=config.declaration.name, stage=stage,
        verdict=verdict_for(stage, findings), findings=tuple(findings),
        suppressed=tuple(suppressed), signals=signals, config_path=config.path,
        stage_overridden=options.stage is not None and options.stage != config.declaration.stage,
        rules_run=tuple(ran), warnings=config.warnings, unused_ignores=unused,
        fail_on=settings.fail_on, declaration=config.declaration,
    )


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


def projects_for(paths: Sequence[Path], options: Options, toolkit: Toolkit | None = None,
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
    listing = list_tree(path, use_git=options.use_git)
    target = target_of(path, listing)
    if listing.is_git and target and not _subtree(listing.files, target):
        # Untracked or ignored folder inside a work tree: look at its files as they are.
        listing = list_tree(path, use_git=False)
        target = ""
    return listing, target


def signals_for(paths: Sequence[Path], options: Options, toolkit: Toolkit | None = None,
                ) -> tuple[tuple[ProjectSpec, tuple[Signal, ...]], ...]:
    """Signals per project, without running rules (the `signals` command)."""
    kit = toolkit or Toolkit.load()
    out = []
    for path in paths:
        listing, found = discover_path(path, options, kit)
        for spec in found.projects:
            settings = effective_settings(spec.config.settings, options)
            inventory = _inventory(spec, found.roots, listing, settings)
            out.append((spec, tuple(sorted(set(_detect(inventory, kit.detectors))))))
    return tuple(out)

