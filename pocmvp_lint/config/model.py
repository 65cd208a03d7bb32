"""What a ``project.toml`` declares (``[project]``) and how the linter is tuned (``[lint]``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Optional

from pocmvp_lint.model import ProjectKind, Severity, Stage


@dataclass(frozen=True)
class Thresholds:
    """Every number a rule uses, with its default (``config.spec`` documents each one)."""

    poc_max_source_files: int = 150
    poc_max_source_lines: int = 5000
    poc_max_age_days: int = 90
    poc_max_contributors: int = 5
    mvp_min_test_ratio: float = 0.1
    mvp_ratio_min_source_files: int = 10


FailOn = Optional[Severity]  # None means "never fail"


@dataclass(frozen=True)
class Exemption:
    """A decision to silence some rules: why, until when, and where it is written.

    From ``[lint] ignore`` (one code or prefix; ``path`` and ``line`` are the file and line that
    give the reason) or from an inline ``pocmvp-lint: ignore[CODES]`` comment (``inline``). It is
    in force through ``until`` (inclusive) and expired from the day after; without ``until`` it
    never ends.
    """

    codes: tuple[str, ...]
    reason: str = ""
    until: Optional[dt.date] = None
    path: Optional[str] = None
    line: Optional[int] = None
    inline: bool = False

    def days_left(self, today: dt.date) -> Optional[int]:
        """Days until the end date (0 on its last day, negative once expired); None: no end."""
        return None if self.until is None else (self.until - today).days

    def expired(self, today: dt.date) -> bool:
        left = self.days_left(today)
        return left is not None and left < 0

    @property
    def where(self) -> str:
        """``project.toml:7`` (or the file alone when the line is unknown)."""
        if self.path is None:
            return "the command line"
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class CustomRuleSpec:
    """A declarative rule from ``[[lint.rules]]``: require, forbid or contains."""

    code: str
    name: str
    stage: str  # "poc", "mvp" or "any"
    severity: Severity
    message: str
    kind: str  # "require", "forbid" or "contains"
    globs: tuple[str, ...]
    regex: Optional[str] = None
    origin: str = "project.toml"
    summary: str = ""
    fix: str = ""


@dataclass(frozen=True)
class LintSettings:
    """The ``[lint]`` table after validation (command-line overrides are merged in later)."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: FailOn = Severity.ERROR
    exclude: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    thresholds: Thresholds = field(default_factory=Thresholds)
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    custom_rules: tuple[CustomRuleSpec, ...] = ()
    #: Every ``ignore`` entry written in a file, by code: its reason, end date and place.
    exemptions: Mapping[str, Exemption] = field(default_factory=lambda: MappingProxyType({}))
    #: Extra lifecycle names -> "poc", "mvp" or "none", over the defaults (docs/stage-sources.md).
    lifecycle_map: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Declaration:
    """The ``[project]`` table: the stage and the facts a client should know."""

    stage: Stage | None = None
    name: str | None = None
    owner: str | None = None
    hypothesis: str | None = None
    started: dt.date | None = None
    ends: dt.date | None = None
    audience: str | None = None
    feedback: str | None = None
    #: What the project ships; None (not declared) means a service.
    kind: ProjectKind | None = None


@dataclass(frozen=True)
class StageClaim:
    """A stage written down outside ``project.toml``: a Backstage lifecycle, a PyPI Development
    Status classifier or a repostatus.org badge (``config.declared_elsewhere`` finds them).

    ``stage`` is what the value maps to; None with ``retired`` for a project being wound down,
    None without it for a value the mapping does not know.
    """

    source: str  # "catalog-info", "classifier" or "repostatus"
    path: str  # repository-relative
    line: int | None
    text: str  # as the file says it: "spec.lifecycle: production"
    value: str  # the normalised name looked up in the mapping: "production"
    stage: Stage | None = None
    retired: bool = False
    name: str | None = None  # catalog-info metadata.name
    owner: str | None = None  # catalog-info spec.owner

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class ProjectConfig:
    """One parsed ``project.toml`` (``path`` is repository-relative; None when there is none)."""

    path: str | None = None
    declaration: Declaration = field(default_factory=Declaration)
    settings: LintSettings = field(default_factory=LintSettings)
    stage_line: int | None = None
    warnings: tuple[str, ...] = ()
    buildpacks: bool = False
    origins: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: The policy layers beneath the file's own ``[lint]`` table, base first ("policy base.toml").
    policies: tuple[str, ...] = ()
    #: Without a project.toml: the declarations elsewhere the stage stands in from.
    stand_in: tuple[StageClaim, ...] = ()

    @property
    def declares_stage(self) -> bool:
        return self.declaration.stage is not None
