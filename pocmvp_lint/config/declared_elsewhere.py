"""The stage where teams already write it down, outside ``project.toml`` (docs/stage-sources.md).

Three places are read, in the project's own folder, as text and never executed:

- Backstage ``catalog-info.yaml`` (or ``.yml``): ``spec.lifecycle`` of its entities (a file may
  hold several, separated by ``---``);
- PyPI ``Development Status`` classifiers in ``pyproject.toml`` (``[project] classifiers`` or
  ``[tool.poetry] classifiers``), ``setup.cfg`` and ``setup.py`` (a regular expression over the
  text);
- repostatus.org badges in the README (the badge URL or its "Project Status: ..." alt text).

Each value found is a ``StageClaim``, mapped to a stage by ``DEFAULT_MAP`` and the project's
``[lint] lifecycle-map``. A file that cannot be parsed is skipped with a note, never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pocmvp_lint.config import toml
from pocmvp_lint.config.model import Declaration, ProjectConfig, StageClaim
from pocmvp_lint.config.settings import Layer, fold
from pocmvp_lint.errors import ConfigError
from pocmvp_lint.inventory.listing import Listing
from pocmvp_lint.inventory.reader import YAML_LIMIT, Reader, parse_yaml
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Stage

CATALOG = "catalog-info"
CLASSIFIER = "classifier"
REPOSTATUS = "repostatus"

#: What each known lifecycle name means: "poc", "mvp", or "none" (being retired: no stage).
DEFAULT_MAP: Mapping[str, str] = MappingProxyType(
    {
        # Backstage spec.lifecycle
        "experimental": "poc",
        "production": "mvp",
        "deprecated": "none",
        # PyPI "Development Status :: N - Name"
        "planning": "poc",
        "pre-alpha": "poc",
        "alpha": "poc",
        "beta": "mvp",
        "production/stable": "mvp",
        "mature": "mvp",
        "inactive": "none",
        # repostatus.org
        "concept": "poc",
        "wip": "poc",
        "active": "mvp",
        "suspended": "none",
        "abandoned": "none",
        "unsupported": "none",
        "moved": "none",
    }
)
#: The values ``[lint] lifecycle-map`` may map a name to.
MAP_VALUES = ("poc", "mvp", "none")

CATALOG_FILES = ("catalog-info.yaml", "catalog-info.yml")
CLASSIFIER_FILES = ("pyproject.toml", "setup.cfg", "setup.py")
README_FILES = (
    "README.md",
    "README.rst",
    "README.txt",
    "README.markdown",
    "README",
    "readme.md",
    "Readme.md",
    "README.MD",
)
#: Backstage kinds whose lifecycle speaks for the project, most telling first.
_KINDS = ("component", "system")

_STATUS = lazy_re(r"Development Status\s*::\s*(\d)\s*-\s*([A-Za-z/ -]*[A-Za-z])")
_BADGE = lazy_re(r"repostatus\.org/badges/(?:latest|v?\d[\d.]*)/([A-Za-z]+)\.svg")
_ALT = lazy_re(r"Project Status:\s*([A-Za-z]+)\s*(?:[\u2013\u2014-]|\])")


#: Characters of a value from the repository shown in a message (longer ones are cut).
SHOWN_CHARS = 80


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def normalise(value: str) -> str:
    """The name looked up in the mapping: lower case, inner spaces collapsed."""
    return " ".join(value.split()).lower()


def mapping_with(extra: Mapping[str, str]) -> Mapping[str, str]:
    """``DEFAULT_MAP`` with the organisation's names (``[lint] lifecycle-map``) laid over it."""
    return MappingProxyType({**DEFAULT_MAP, **{normalise(k): v for k, v in extra.items()}})


@dataclass(frozen=True)
class Declared:
    """Every claim found for one project folder, and the files skipped (with why)."""

    claims: tuple[StageClaim, ...] = ()
    skipped: tuple[str, ...] = ()

    @property
    def staged(self) -> tuple[StageClaim, ...]:
        """The claims that map to a stage."""
        return tuple(c for c in self.claims if c.stage is not None)

    @property
    def stage(self) -> Stage | None:
        """The one stage every staged claim agrees on; None when there is none or they disagree."""
        stages = {c.stage for c in self.staged}
        return stages.pop() if len(stages) == 1 else None

    @property
    def disagree(self) -> bool:
        return len({c.stage for c in self.staged}) > 1


def _claim(
    source: str, path: str, line: int | None, text: str, value: str, mapping: Mapping[str, str], **extra: Any
) -> StageClaim:
    meaning = mapping.get(normalise(value))
    stage = Stage(meaning) if meaning in ("poc", "mvp") else None
    return StageClaim(
        source=source,
        path=path,
        line=line,
        text=_short(text, 2 * SHOWN_CHARS),
        value=_short(normalise(value), SHOWN_CHARS),
        stage=stage,
        retired=meaning == "none",
        **extra,
    )


# ---- Backstage catalog-info.yaml -----------------------------------------------------------------
@dataclass(frozen=True)
class _Entity:
    kind: str
    name: str | None
    owner: str | None
    lifecycle: str | None
    line: int | None


def _child(node: Any, key: str) -> Any:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _scalar(node: Any) -> str | None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
        return str(node.value).strip()
    return None


def _entities(text: str) -> tuple[_Entity, ...] | None:
    """Every entity of a catalog file with the line of its lifecycle; None when it is not YAML."""
    if len(text) > YAML_LIMIT or parse_yaml(text) is None:  # the guarded parse vets it first
        return None
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out: list[_Entity] = []
    try:
        for doc in yaml.compose_all(text, Loader=loader):
            spec = _child(doc, "spec")
            lifecycle = _child(spec, "lifecycle")
            out.append(
                _Entity(
                    kind=(_scalar(_child(doc, "kind")) or "").lower(),
                    name=_scalar(_child(_child(doc, "metadata"), "name")),
                    owner=_scalar(_child(spec, "owner")),
                    lifecycle=_scalar(lifecycle),
                    line=lifecycle.start_mark.line + 1 if lifecycle is not None else None,
                )
            )
    except Exception:  # the guarded parse accepted it; composing it again must not crash either
        return None
    return tuple(out)


def _chosen(entities: tuple[_Entity, ...]) -> tuple[_Entity, ...]:
    """The entities whose lifecycle speaks for the project: its Components, else its Systems,
    else every entity that has a lifecycle."""
    with_lifecycle = tuple(e for e in entities if e.lifecycle is not None)
    for kind in _KINDS:
        chosen = tuple(e for e in with_lifecycle if e.kind == kind)
        if chosen:
            return chosen
    return with_lifecycle


def _catalog(reader: Reader, path: str, mapping: Mapping[str, str]) -> tuple[list[StageClaim], str]:
    text = reader.text(path)
    if text is None:
        return [], f"{path}: not a readable text file; its spec.lifecycle is not read"
    entities = _entities(text)
    if entities is None:
        return [], f"{path}: not valid YAML (or too large to parse); its spec.lifecycle is not read"
    claims = []
    several = len(entities) > 1
    for entity in _chosen(entities):
        assert entity.lifecycle is not None
        label = f" of {entity.kind.title()} {entity.name!r}" if several and entity.name else ""
        claims.append(
            _claim(
                CATALOG,
                path,
                entity.line,
                f"spec.lifecycle: {entity.lifecycle}{label}",
                entity.lifecycle,
                mapping,
                name=entity.name,
                owner=entity.owner,
            )
        )
    return claims, ""


# ---- PyPI Development Status classifiers ---------------------------------------------------------
def _status_claim(path: str, line: int | None, match: re.Match[str], mapping: Mapping[str, str]) -> StageClaim:
    number, name = match.group(1), " ".join(match.group(2).split())
    return _claim(CLASSIFIER, path, line, f"Development Status :: {number} - {name}", name, mapping)


def _pyproject(reader: Reader, path: str, mapping: Mapping[str, str]) -> tuple[list[StageClaim], str]:
    text = reader.text(path)
    if text is None:
        return [], f"{path}: not a readable text file; its classifiers are not read"
    try:
        data = toml.parse(text, path)
    except ConfigError as exc:
        return [], f"{exc}; its classifiers are not read"
    listed: list[str] = []
    for table in (
        data.get("project"),
        (data.get("tool") or {}).get("poetry") if isinstance(data.get("tool"), dict) else None,
    ):
        if isinstance(table, dict) and isinstance(table.get("classifiers"), list):
            listed += [c for c in table["classifiers"] if isinstance(c, str)]
    lines = text.splitlines()
    claims = []
    for classifier in listed:
        match = _STATUS.search(classifier)
        if match is None:
            continue
        line = next((n for n, t in enumerate(lines, 1) if classifier in t and not t.lstrip().startswith("#")), None)
        claims.append(_status_claim(path, line, match, mapping))
    return claims, ""


def _text_classifiers(reader: Reader, path: str, mapping: Mapping[str, str]) -> tuple[list[StageClaim], str]:
    """``setup.cfg`` and ``setup.py``: classifier strings found in the text, comments skipped."""
    text = reader.text(path)
    if text is None:
        return [], f"{path}: not a readable text file; its classifiers are not read"
    claims = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("#", ";")):
            continue
        match = _STATUS.search(line)
        if match is not None:
            claims.append(_status_claim(path, number, match, mapping))
    return claims, ""


# ---- repostatus.org badges -----------------------------------------------------------------------
def _badges(reader: Reader, path: str, mapping: Mapping[str, str]) -> tuple[list[StageClaim], str]:
    text = reader.text(path)
    if text is None:
        return [], ""
    claims = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _BADGE.search(line) or _ALT.search(line)
        if match is not None:
            status = match.group(1)
            shown = "WIP" if status.lower() == "wip" else status.title()
            claims.append(_claim(REPOSTATUS, path, number, f"repostatus.org badge: {shown}", status, mapping))
    return claims, ""


# ---- one project folder --------------------------------------------------------------------------
def _present(files: Collection[str], head: str, names: tuple[str, ...]) -> Iterator[str]:
    for name in names:
        if head + name in files:
            yield head + name


def declared_in(
    root: Path, prefix: str, files: Collection[str], extra: Mapping[str, str] = MappingProxyType({})
) -> Declared:
    """The stage claims in the project folder ``prefix`` (repository-relative; "" at the root).

    ``files`` are the repository's listed files (only those are read, through a bounded reader
    that follows no symlink); ``extra`` is the project's ``[lint] lifecycle-map``.
    """
    head = prefix + "/" if prefix else ""
    reader = Reader(root)
    mapping = mapping_with(extra)
    claims: list[StageClaim] = []
    skipped: list[str] = []
    readers = (
        (CATALOG_FILES, _catalog),
        (("pyproject.toml",), _pyproject),
        (("setup.cfg", "setup.py"), _text_classifiers),
    )
    for names, read in readers:
        for path in _present(files, head, names):
            found, problem = read(reader, path, mapping)
            claims += found
            if problem:
                skipped.append(problem)
    readme = next(_present(files, head, README_FILES), None)
    if readme is not None:
        claims += _badges(reader, readme, mapping)[0]
    return Declared(tuple(claims), tuple(skipped))


def declared_for(listing: Listing, prefix: str, extra: Mapping[str, str]) -> Declared:
    """``declared_in`` for a project of ``listing``, computed once per listing and mapping."""
    files = listing.paths()
    key = ("declared-elsewhere", prefix, tuple(sorted(extra.items())))
    return listing.memo(key, lambda: declared_in(listing.root, prefix, files, extra))


def with_stand_in(
    root: Path,
    prefix: str,
    files: Collection[str],
    config: ProjectConfig,
    base: tuple[Layer, ...],
    known_codes: Collection[str],
) -> ProjectConfig:
    """``config`` (which declares no stage) with the stage a clear declaration elsewhere gives.

    Clear means: every claim that maps to a stage agrees. The mapping comes from the policy given
    with ``--config`` (``base``), as there is no ``[lint]`` of the project's own. Name and owner
    come from ``catalog-info.yaml`` when it holds one entity that speaks for the project.
    """
    settings = fold(base, known_codes).settings if base else config.settings
    # a few membership tests: a listing with its own (``SortedPaths``, a set) is not copied
    members = frozenset(files) if isinstance(files, (list, tuple)) else files
    found = declared_in(root, prefix, members, settings.lifecycle_map)
    stage = found.stage
    if stage is None:
        return config
    staged = found.staged
    catalog = [c for c in staged if c.source == CATALOG]
    entity = catalog[0] if len(catalog) == 1 else None
    declaration = Declaration(stage=stage, name=entity.name if entity else None, owner=entity.owner if entity else None)
    return replace(config, declaration=declaration, settings=settings, stand_in=staged)
