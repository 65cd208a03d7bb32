"""Validate a ``project.toml`` into a ``ProjectConfig``; every error names file, line and key."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pocmvp_lint.config import toml
from pocmvp_lint.config.model import Declaration, ProjectConfig
from pocmvp_lint.config.settings import (
    Layer,
    Place,
    Where,
    check_selector,
    closest,
    fold,
    parse_fail_on,
    read_config_bytes,
    resolve_layers,
    trusted_place,
)
from pocmvp_lint.config.spec import PROJECT, TABLES, Type
from pocmvp_lint.errors import ConfigError
from pocmvp_lint.model import ProjectKind, Stage

__all__ = [
    "ExplicitConfig",
    "check_selector",
    "closest",
    "is_buildpacks",
    "load_explicit",
    "load_file",
    "load_text",
    "parse_fail_on",
]


@dataclass(frozen=True)
class ExplicitConfig:
    """The file named by ``--config``: a whole project.toml (``project``), used instead of the
    repository's, or a policy holding only ``[lint]`` (``base``), layered beneath each project's."""

    project: ProjectConfig | None = None
    base: tuple[Layer, ...] = ()


def is_buildpacks(data: Mapping[str, Any]) -> bool:
    """A Cloud Native Buildpacks project descriptor has ``[_]`` or ``[io.buildpacks]``."""
    io = data.get("io")
    return "_" in data or (isinstance(io, dict) and "buildpacks" in io)


def load_file(root: Path, rel: str, known_codes: Collection[str], base: tuple[Layer, ...] = ()) -> ProjectConfig:
    """Read and validate the repository file ``rel`` (a POSIX path below ``root``).

    ``base`` are policy layers beneath the file's own (``--config`` holding only ``[lint]``).
    """

    def fail(message: str) -> NoReturn:
        raise ConfigError(message, path=rel)

    text = read_config_bytes(root, rel, fail)
    return load_text(text, rel, known_codes, Place(root, posixpath.dirname(rel)), base)


def load_explicit(file: Path, known_codes: Collection[str]) -> ExplicitConfig:
    """Read ``--config FILE``: chosen on the command line, so it (and what it extends) may be
    anywhere; it is still read as a regular file of bounded size."""
    display = str(file)

    def fail(message: str) -> NoReturn:
        raise ConfigError(f"--config: {message}", path=display)

    root, name = trusted_place(file)
    text = read_config_bytes(root, name, fail)
    data = toml.parse(text, display)
    project = data.get("project")
    place = Place(root, "", trusted=True)
    if isinstance(project, dict) and "stage" in project:
        return ExplicitConfig(project=load_text(text, display, known_codes, place))
    lint = data.get("lint")
    if not isinstance(lint, dict):
        fail("needs a [project] table declaring `stage`, or a [lint] table")
    layers = resolve_layers(lint, Where(display, text), f"--config {display}", place)
    fold(layers, known_codes)  # report its mistakes now, even if no project declares a stage
    return ExplicitConfig(base=layers)


def load_text(
    text: str, path: str, known_codes: Collection[str], place: Place | None = None, base: tuple[Layer, ...] = ()
) -> ProjectConfig:
    """Validate the TOML ``text`` of the file at ``path`` (``place`` resolves ``extends``)."""
    data = toml.parse(text, path)
    where = Where(path, text)
    buildpacks = is_buildpacks(data)
    warnings = near_miss_tables(data, where)
    project = data.get("project", {})
    if not isinstance(project, dict):
        where.fail("project", "must be a table")
    if "stage" not in project:
        # No declaration: maybe a Cloud Native Buildpacks descriptor, maybe an empty file.
        return ProjectConfig(path=path, buildpacks=buildpacks, warnings=tuple(warnings))
    declaration = _declaration(project, where, warnings, buildpacks)
    for table in data:  # a near miss such as [lints] would be silently ignored: say so
        hint = closest(table, ("project", "lint")) if table not in ("project", "lint") else ""
        if hint:
            warnings.append(where.warning(table, f"unknown table{hint}; it is ignored"))
    lint = data.get("lint", {})
    if not isinstance(lint, dict):
        where.fail("lint", "must be a table")
    layers = (*base, *resolve_layers(lint, where, path, place))
    resolved = fold(layers, known_codes)
    return ProjectConfig(
        path=path,
        declaration=declaration,
        settings=resolved.settings,
        stage_line=toml.locate(text, "project.stage"),
        warnings=tuple(warnings),
        buildpacks=buildpacks,
        origins=resolved.origins,
        policies=resolved.policies,
    )


def near_miss_tables(data: Mapping[str, Any], where: Where) -> list[str]:
    """Warnings for top-level tables that look like a misspelt ``[project]`` or ``[lint]``.

    Other tables are left alone without a word: the file name is shared with other tools.
    """
    names = [t.name for t in TABLES]
    warnings = []
    for name in data:
        hint = closest(name, names) if name not in names else ""
        if hint:
            warnings.append(where.warning(name, f"unknown table{hint}; it is ignored"))
    return warnings


def _declaration(project: Mapping[str, Any], where: Where, warnings: list[str], buildpacks: bool) -> Declaration:
    stage_raw = project["stage"]
    if not isinstance(stage_raw, str) or stage_raw.strip().lower() not in PROJECT.key("stage").choices:
        where.fail("project.stage", f'must be "poc" or "mvp", not {stage_raw!r}')
    values: dict[str, Any] = {"stage": Stage(stage_raw.strip().lower())}
    for key, value in project.items():
        if key == "stage":
            continue
        if key not in PROJECT.names:
            if not buildpacks:  # Buildpacks' older schema puts its own keys in [project]
                warnings.append(where.warning(f"project.{key}", f"unknown key{_hint(key)}; it is ignored"))
            continue
        spec = PROJECT.key(key)
        if spec.type is Type.DATE:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                where.fail(f"project.{key}", _date_problem(key, value))
        elif spec.type is Type.CHOICE:
            if not isinstance(value, str) or value.strip().lower() not in spec.choices:
                choices = ", ".join(f'"{c}"' for c in spec.choices)
                where.fail(f"project.{key}", f"must be one of {choices}, not {value!r}")
            value = ProjectKind(value.strip().lower())  # [project]'s one choice besides the stage
        elif not isinstance(value, str):
            where.fail(f"project.{key}", f"must be a string, not {type(value).__name__}")
        elif not value.strip():
            value = None
        values[PROJECT.key(key).field] = value
    declaration = Declaration(**values)
    if declaration.started and declaration.ends and declaration.ends < declaration.started:
        where.fail("project.ends", f"ends ({declaration.ends}) is before started ({declaration.started})")
    return declaration


def _date_problem(key: str, value: Any) -> str:
    """Why ``value`` is no TOML date, and how to write one: a quoted date is a string to TOML."""
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return f"must be a TOML date, written without quotes ({key} = {value.strip()}); {value!r} is a string"
    return f"must be a TOML date such as 2026-03-31 (no quotes), not {value!r}"


def _hint(key: str) -> str:
    """A " (did you mean ...)" hint for an unknown [project] key: the key it is another name for
    (a timebox in weeks is an ``ends`` date), else the closest spelling."""
    meant = PROJECT.meant(key)
    if meant is None:
        return closest(key, PROJECT.names)
    example = f" = {meant.example}" if meant.example else ""
    return f" (did you mean `{meant.name}`{example}? {meant.doc})"
