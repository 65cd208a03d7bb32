"""Find the projects a checked path covers: its nearest declaring project.toml and nested ones."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from pocmvp_lint.config.declared_elsewhere import with_stand_in
from pocmvp_lint.config.loader import ExplicitConfig, load_file
from pocmvp_lint.config.model import ProjectConfig
from pocmvp_lint.inventory.filters import default_excluded, pattern_filter

CONFIG_NAME = "project.toml"


@dataclass(frozen=True)
class Discovery:
    """The projects to check, and every declaring project folder (files belong to the deepest)."""

    projects: tuple[ProjectSpec, ...]
    roots: tuple[str, ...]


@dataclass(frozen=True)
class ProjectSpec:
    """A project to check: its folder (repository-relative, "" at the root) and its config."""

    prefix: str
    config: ProjectConfig

    @property
    def display(self) -> str:
        return self.prefix or "."


def _on_disk(root: Path, prefix: str) -> bool:
    """Whether the folder ``prefix`` holds a ``project.toml`` of its own (a regular file, not a link)."""
    path = root / prefix / CONFIG_NAME if prefix else root / CONFIG_NAME
    return path.is_file() and not path.is_symlink()


def _not_added(prefix: str) -> str:
    rel = posixpath.join(prefix, CONFIG_NAME) if prefix else CONFIG_NAME
    return (
        f"{rel} is in the work tree but not in git's index, and pocmvp-lint reads what git will "
        f"commit: run `git add {rel}`"
    )


def _parent(prefix: str) -> str:
    return posixpath.dirname(prefix)


def _ancestors(prefix: str) -> list[str]:
    """``prefix`` and each folder above it up to the root (""), nearest first."""
    out = [prefix]
    while prefix:
        prefix = _parent(prefix)
        out.append(prefix)
    return out


def _relative(path: str, ancestor: str) -> str:
    return path[len(ancestor) + 1 :] if ancestor else path


def config_files(files: Iterable[str]) -> frozenset[str]:
    """Every listed ``project.toml`` (repository-relative), found by C-level substring searches of
    the listing joined a slice at a time with NUL (which no path holds): no Python step per path."""
    found: set[str] = set()
    paths = iter(files)
    while batch := tuple(islice(paths, _SLICE)):
        text = "\0" + "\0".join(batch) + "\0"
        at = text.find(_NEEDLE)
        while at >= 0:
            if text[at - 1] in "/\0":  # the whole base name, not ``myproject.toml``
                found.add(text[text.rfind("\0", 0, at) + 1 : at + len(_NEEDLE) - 1])
            at = text.find(_NEEDLE, at + 1)
    return frozenset(found)


#: Paths joined per search by ``config_files`` (a slice's text is held, not the whole listing's).
_SLICE = 4096
#: A listed ``project.toml`` in the joined text: its name before a separator.
_NEEDLE = f"{CONFIG_NAME}\0"


def discover(
    root: Path,
    files: Collection[str],
    target: str,
    known_codes: Collection[str],
    explicit: ExplicitConfig | None = None,
    *,
    indexed: bool = False,
) -> Discovery:
    """Projects covering ``target`` (a repository-relative folder, "" for the root).

    The first is the project governing ``target`` (nearest declaring project.toml at or above it,
    else an undeclared pseudo-project at ``target``); the rest are declaring projects nested below.
    A whole ``--config`` file (``explicit.project``) replaces discovery: ``target`` is one project.
    ``indexed``: ``files`` are git's index, so when ``target`` has a ``project.toml`` in the work
    tree but not in the index, its project is told so (``git add`` it) beside whatever governs it.
    """
    if explicit is not None and explicit.project is not None:
        return Discovery((ProjectSpec(target, explicit.project),), (target,))
    base = explicit.base if explicit is not None else ()
    configs: dict[str, ProjectConfig] = {}

    def load(prefix: str) -> ProjectConfig | None:
        rel = posixpath.join(prefix, CONFIG_NAME) if prefix else CONFIG_NAME
        if rel not in listed:
            return None
        if prefix not in configs:
            configs[prefix] = load_file(root, rel, known_codes, base)
        return configs[prefix]

    listed = config_files(files)
    governing: ProjectSpec | None = None
    for prefix in _ancestors(target):
        if prefix != target and default_excluded(_relative(target, prefix) + "/"):
            break  # the target sits in this ancestor's examples/vendor/fixtures: not its project
        config = load(prefix)
        if config is not None and config.declares_stage:
            governing = ProjectSpec(prefix, config)
            break
    declared = governing is not None
    if governing is None:
        own = load(target)
        # A clear stage in catalog-info.yaml, classifiers or a status badge stands in for one.
        config = with_stand_in(root, target, files, own if own is not None else ProjectConfig(), base, known_codes)
        governing = ProjectSpec(target, config)
        declared = config.declares_stage
    target_config = posixpath.join(target, CONFIG_NAME) if target else CONFIG_NAME
    if indexed and target_config not in listed and _on_disk(root, target):
        config = governing.config
        governing = ProjectSpec(governing.prefix, replace(config, warnings=(*config.warnings, _not_added(target))))
    roots = [governing.prefix]
    nested: list[ProjectSpec] = []
    head = governing.prefix + "/" if governing.prefix else ""
    target_head = target + "/" if target else ""
    user_excluded = pattern_filter(governing.config.settings.exclude)
    for rel in sorted(listed):
        prefix = _parent(rel)
        if prefix == governing.prefix or not rel.startswith(head):
            continue
        inner = rel[len(head) :]
        if user_excluded is not None and user_excluded(inner):
            continue
        below_target = rel.startswith(target_head)
        # Exclusions are judged from the folder the user asked for: an explicitly checked
        # examples/ folder is checked, an examples/ folder below it is not.
        if default_excluded(rel[len(target_head) :] if below_target else inner):
            continue
        config = load(prefix)
        if config is not None and config.declares_stage:
            roots.append(prefix)
            if below_target:
                nested.append(ProjectSpec(prefix, config))
    if not declared and nested and not governing.config.path:
        # A monorepo root without a declaration of its own: its projects speak for it.
        return Discovery(tuple(nested), tuple(roots))
    return Discovery((governing, *nested), tuple(roots))
