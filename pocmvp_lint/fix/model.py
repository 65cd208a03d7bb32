"""The vocabulary of `pocmvp-lint fix`: repository facts in, planned file edits out.

A scaffold is a pure function from ``Facts`` (one checked project and what its repository shows)
to a ``Plan``: the files it would create (``old`` is None) or change (``old`` is the text it
expects to find), plus notes for what it could not do mechanically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pocmvp_lint.config.model import Declaration
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.findings import Finding
from pocmvp_lint.model import Category, Stage


@dataclass(frozen=True)
class Edit:
    """One planned file edit (``path`` repository-relative; ``old`` None to create the file)."""

    path: str
    old: str | None
    new: str
    summary: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What one scaffold would do for one project."""

    edits: tuple[Edit, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facts:
    """One checked project and what its repository shows, for the scaffolds to plan from."""

    root: Path  # absolute folder the repository-relative paths are relative to
    project: str  # the project's folder, repository-relative ("" at the root)
    home: str  # the folder forges read governance files from ("" at the repository root)
    stage: Stage
    declaration: Declaration
    config_path: str | None
    signals: tuple[Signal, ...]
    findings: tuple[Finding, ...]
    files: frozenset[str]  # every file of the repository's listing, repository-relative
    read: Callable[[str], str | None]  # bounded read of a repository file (None: missing or refused)
    owner: str | None = None  # --owner, or the answer on a terminal
    feedback: str | None = None  # --feedback, or the answer on a terminal
    ci: str = "auto"  # "github", "gitlab" or "auto"

    def fired(self, *codes: str) -> bool:
        return any(f.code in codes for f in self.findings)

    def of(self, *categories: Category) -> tuple[Signal, ...]:
        return tuple(s for s in self.signals if s.category in categories)

    def at_project(self, name: str) -> str:
        return join(self.project, name)

    def at_home(self, name: str) -> str:
        return join(self.home, name)

    def project_files(self) -> tuple[str, ...]:
        """The project's own files, relative to its folder, sorted."""
        if not self.project:
            return tuple(sorted(self.files))
        head = self.project + "/"
        return tuple(sorted(f[len(head) :] for f in self.files if f.startswith(head)))

    def uses_gitlab(self) -> bool:
        """GitLab CI in use (or asked for): a .gitlab-ci.yml, a .gitlab/ folder, or --ci gitlab."""
        if self.ci != "auto":
            return self.ci == "gitlab"
        head = self.home + "/" if self.home else ""
        return any(f.startswith((head + ".gitlab/", head + ".gitlab-ci.")) for f in self.files)


@dataclass(frozen=True)
class Scaffold:
    """A fix: its name, the rule codes it makes go away, and its planning function."""

    name: str
    codes: tuple[str, ...]
    stage: Stage
    writes: str  # what it writes, for the docs table
    plan: Callable[[Facts], Plan]


def join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (a JSON string with every non-ASCII character escaped)."""
    return json.dumps(value, ensure_ascii=True)


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"
