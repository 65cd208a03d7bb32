"""The pipeline, end to end: paths -> projects -> inventory -> signals -> findings.

Pure orchestration: every step is a function of the previous step's data.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from pocmvp_lint.config.discovery import ProjectSpec, discover
from pocmvp_lint.config.model import LintSettings
from pocmvp_lint.detectors import BUILTIN_DETECTORS, detect
from pocmvp_lint.detectors.signal import Detector, Signal
from pocmvp_lint.detectors.sources import count_lines, source_stats
from pocmvp_lint.errors import LintError, PluginError
from pocmvp_lint.findings import Finding, ProjectResult, RunResult, Suppressed, verdict_for
from pocmvp_lint.inventory import Inventory, build_inventory
from pocmvp_lint.inventory.filters import pattern_filter
from pocmvp_lint.inventory.listing import Listing, list_tree
from pocmvp_lint.model import Stage
from pocmvp_lint.rules.registry import Registry, builtin_registry
from pocmvp_lint.rules.rule import Rule, RuleContext, Stats
from pocmvp_lint.rules.selection import decide, is_enabled

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
    """The detectors and rules in force (built-ins plus plugins)."""

    detectors: tuple[Detector, ...] = BUILTIN_DETECTORS
    registry: Registry = field(default_factory=builtin_registry)


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


def check_path(path: Path, options: Options, toolkit: Toolkit) -> tuple[ProjectResult, ...]:
    """Check every project covering ``path``."""
    if not path.exists():
        raise LintError(f"{path}: no such file or directory")
    listing = list_tree(path, use_git=options.use_git)
    target = target_of(path, listing)
    if listing.is_git and target and not _subtree(listing.files, target):
        # Untracked or ignored folder inside a work tree: look at its files as they are.
        listing = list_tree(path, use_git=False)
        target = ""
    found = discover(listing.root, listing.files, target, toolkit.registry.codes)
    return tuple(check_project(spec, found.roots, listing, options, toolkit) for spec in found.projects)


def _inventory(spec: ProjectSpec, roots: Sequence[str], listing: Listing,
               settings: LintSettings) -> Inventory:
    head = spec.prefix + "/" if spec.prefix else ""
    nested = [r for r in roots if r != spec.prefix and r.startswith(head)]
    return build_inventory(listing.root, spec.prefix, listing.files, nested=nested,
                           exclude=settings.exclude, is_git=listing.is_git)


def _detect(inventory: Inventory, detectors: Iterable[Detector]) -> tuple[Signal, ...]:
    try:
        signals = detect(inventory, tuple(detectors))
    except LintError:
        raise
    except Exception as exc:  # a plugin detector broke: name it, do not crash
        raise PluginError(f"a detector raised {type(exc).__name__}: {exc}") from exc
    return tuple(replace(s, path=inventory.repo_path(s.path)) for s in signals)


def _inherited(spec: ProjectSpec, listing: Listing, detectors: Iterable[Detector],
               have: set[str]) -> tuple[Signal, ...]:
    """Repository-wide signals (CI, policies) at the repository root, for a nested project."""
    if not spec.prefix:
        return ()
    files = tuple(f for f in listing.files if "/" not in f or f.startswith(_ROOT_GOVERNANCE_DIRS))
    root_inventory = build_inventory(listing.root, "", files, is_git=listing.is_git)
    return tuple(s for s in _detect(root_inventory, detectors)
                 if s.category in INHERITED and s.category not in have)


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


def _path_ignored(settings: LintSettings, code: str, prefix: str) -> Callable[[str], bool] | None:
    """A predicate: is a repository-relative path silenced for ``code`` by per-path-ignores?"""
    patterns = [p for p, codes in settings.per_path_ignores.items()
                if is_enabled(code, codes, ())]
    matcher = pattern_filter(patterns)
    if matcher is None:
        return None
    head = prefix + "/" if prefix else ""
    return lambda path: bool(matcher(path[len(head):] if path.startswith(head) else path))


def run_rule(rule: Rule, ctx: RuleContext) -> list[Finding]:
    try:
        violations = list(rule.check(ctx))
    except Exception as exc:
        if rule.origin == "pocmvp-lint":
            raise
        raise PluginError(f"rule {rule.code} from plugin '{rule.origin}' raised "
                          f"{type(exc).__name__}: {exc}") from exc
    return [
        Finding(code=rule.code, name=rule.name, severity=rule.severity, message=v.message,
                evidence=v.evidence, project="", why=rule.rationale, fix=rule.fix)
        for v in violations
    ]


def check_project(spec: ProjectSpec, roots: Sequence[str], listing: Listing, options: Options,
                  toolkit: Toolkit) -> ProjectResult:
    config = spec.config
    settings = effective_settings(config.settings, options)
    stage = options.stage or config.declaration.stage
    inventory = _inventory(spec, roots, listing, settings)
    signals = _detect(inventory, toolkit.detectors)
    signals += _inherited(spec, listing, toolkit.detectors, {s.category for s in signals})
    signals = tuple(sorted(set(signals)))
    ctx = RuleContext(
        stage=stage, declaration=config.declaration, signals=_by_category(signals),
        stats=_stats(inventory, stage, settings), thresholds=settings.thresholds,
        today=options.today, config_path=config.path, stage_line=config.stage_line,
        is_root=not spec.prefix,
    )
    selectors = settings.select + settings.extend_select
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    ran: list[str] = []
    for rule in toolkit.registry:
        if not _applies(rule, stage):
            continue
        decision = decide(rule.code, selectors, dict(settings.ignore))
        if decision is None:
            continue
        ran.append(rule.code)
        rule_ctx = ctx
        silenced = _path_ignored(settings, rule.code, spec.prefix)
        if silenced is not None:
            kept = [s for s in signals if not silenced(s.path)]
            rule_ctx = replace(ctx, signals=_by_category(kept))
        severity = settings.severity.get(rule.code, rule.severity)
        for finding in run_rule(rule, rule_ctx):
            finding = replace(finding, severity=severity, project=spec.display)
            if decision[0] != "run":
                suppressed.append(Suppressed(finding, decision[0], decision[1]))
            else:
                findings.append(finding)
    findings.sort(key=lambda f: (-f.severity.rank, f.code, f.evidence))
    used = {s.selector for s in suppressed}
    unused = tuple(code for code in config.settings.ignore if code not in used)
    return ProjectResult(
        path=spec.display, name=config.declaration.name, stage=stage,
        verdict=verdict_for(stage, findings), findings=tuple(findings),
        suppressed=tuple(suppressed), signals=signals, config_path=config.path,
        stage_overridden=options.stage is not None and options.stage != config.declaration.stage,
        rules_run=tuple(ran), warnings=config.warnings, unused_ignores=unused,
        fail_on=settings.fail_on,
    )


def check_paths(paths: Sequence[Path], options: Options, toolkit: Toolkit | None = None) -> RunResult:
    """Check every project covering ``paths`` (each project once)."""
    kit = toolkit or Toolkit()
    results: dict[tuple[str, str], ProjectResult] = {}
    for path in paths:
        root = str(path.resolve())
        for result in check_path(path, options, kit):
            results.setdefault((root if result.path == "." else "", result.path), result)
    projects = tuple(results.values())
    return RunResult(projects=projects)


def signals_for(paths: Sequence[Path], options: Options, toolkit: Toolkit | None = None,
                ) -> tuple[tuple[ProjectSpec, tuple[Signal, ...]], ...]:
    """Signals per project, without running rules (the `signals` command)."""
    kit = toolkit or Toolkit()
    out = []
    for path in paths:
        listing = list_tree(path, use_git=options.use_git)
        target = target_of(path, listing)
        if listing.is_git and target and not _subtree(listing.files, target):
            listing = list_tree(path, use_git=False)
            target = ""
        found = discover(listing.root, listing.files, target, kit.registry.codes)
        for spec in found.projects:
            settings = effective_settings(spec.config.settings, options)
            inventory = _inventory(spec, found.roots, listing, settings)
            out.append((spec, tuple(sorted(set(_detect(inventory, kit.detectors))))))
    return tuple(out)

