"""Shared vocabulary of the pipeline: stages, severities and evidence locations."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Stage(str, enum.Enum):
    """The stage a project declares in its ``project.toml``."""

    POC = "poc"
    MVP = "mvp"

    @property
    def label(self) -> str:
        return self.value.upper()


class Severity(str, enum.Enum):
    """How much a finding matters. Ordered: ``INFO < WARNING < ERROR``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, order=True)
class Evidence:
    """A place in the repository that supports a finding (repository-relative path)."""

    path: str
    line: int | None = None

    def display(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path
