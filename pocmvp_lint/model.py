"""Shared vocabulary of the pipeline, defined once: stages, severities, signal categories, rule kinds,
rule outcomes, verdicts and evidence locations.

Every enum is str-valued, so JSON output and comparisons with plain strings are unchanged.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import total_ordering


class TextEnum(str, enum.Enum):
    """A str-valued enum that prints as its value (``f"{Status.PASSED}"`` is ``passed``)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Stage(TextEnum):
    """The stage a project declares in its ``project.toml``."""

    POC = "poc"
    MVP = "mvp"

    @property
    def label(self) -> str:
        return self.value.upper()


class ProjectKind(TextEnum):
    """What a project ships (``kind`` in ``project.toml``): the rules about running a service
    (health checks, monitoring) concern a service only."""

    #: Runs on servers for its users (the default): a web application, an API, a worker.
    SERVICE = "service"
    #: Is installed into other programs: a package on PyPI, npm, crates.io, a client SDK.
    LIBRARY = "library"
    #: Is installed and run by its users: a command-line tool, a desktop or mobile application.
    TOOL = "tool"


class Severity(TextEnum):
    """How much a finding matters. Ordered: ``INFO < WARNING < ERROR``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@total_ordering
@dataclass(frozen=True)
class Evidence:
    """A place in the repository that supports a finding (repository-relative path); evidence sorts
    by path, then line (none first)."""

    path: str
    line: int | None = None

    def __lt__(self, other: Evidence) -> bool:
        return (self.path, -1 if self.line is None else self.line) < (
            other.path,
            -1 if other.line is None else other.line,
        )

    def display(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class Category(TextEnum):
    """Every signal category the built-in detectors produce (plugins may add their own strings)."""

    TESTS = "tests"
    SCAFFOLD_TESTS = "scaffold-tests"
    CI = "ci"
    CI_TESTS = "ci-tests"
    #: A CI job runs the tests but ignores their failure (``continue-on-error``, ``allow_failure``,
    #: ``|| true``): the tests run, yet a broken build still passes.
    CI_TESTS_NONBLOCKING = "ci-tests-nonblocking"
    CONTAINER = "container"
    #: A Dockerfile for development only (a dev container, ``Dockerfile.dev``, ``development.Dockerfile``).
    CONTAINER_DEV = "container-dev"
    ORCHESTRATION = "orchestration"
    #: A compose file that runs only backing services (a local database, a broker), not the application.
    ORCHESTRATION_DEV = "orchestration-dev"
    IAC = "iac"
    PAAS = "paas"
    CI_DEPLOY = "ci-deploy"
    #: A deploy or publish job that runs only when someone starts it (``workflow_dispatch``).
    CI_DEPLOY_MANUAL = "ci-deploy-manual"
    #: A script kept for deploying (``deploy.sh``) that deploys: a deploy path run by hand.
    DEPLOY_SCRIPT = "deploy-script"
    PROD_CONFIG = "prod-config"
    #: A production environment file as a framework's generator writes it (Rails, Phoenix, Angular,
    #: Symfony recipes), naming no production host: reported as ``prod-config`` too.
    SCAFFOLD_PROD_CONFIG = "scaffold-prod-config"
    RELEASE = "release"
    OBSERVABILITY = "observability"
    HEALTH_CHECK = "health-check"
    SECURITY_POLICY = "security-policy"
    DEPENDENCY_UPDATES = "dependency-updates"
    LOCKFILE = "lockfile"
    DEPENDENCY_MANIFEST = "dependency-manifest"
    #: A Maven, Gradle or NuGet manifest naming an exact version of every dependency: those
    #: ecosystems resolve the same versions from it every time, without a lock file.
    PINNED_MANIFEST = "pinned-manifest"
    #: A dependency manifest nothing locks or pins: no lock file of its own ecosystem beside it (or
    #: at its workspace root), not exact-pinned, and not a library that ecosystem leaves unlocked.
    UNLOCKED_MANIFEST = "unlocked-manifest"
    README = "readme"
    README_SETUP = "readme-setup"
    POC_DISCLAIMER = "poc-disclaimer"
    LICENSE = "license"
    CHANGELOG = "changelog"
    CODEOWNERS = "codeowners"
    MIGRATIONS = "migrations"
    SECRETS = "secrets"
    #: Generated development, test or CI-only credentials (docs/secrets.md): real, low risk.
    SECRETS_DEV_ONLY = "secrets-dev-only"
    #: Keys in test fixtures and documentation examples (docs/secrets.md).
    SECRETS_FIXTURE = "secrets-fixture"
    THROWAWAY = "throwaway"


#: Repository-wide categories a nested project inherits from files at the repository root.
REPOSITORY_WIDE: frozenset[Category] = frozenset(
    {
        Category.CI,
        Category.CI_TESTS,
        Category.SECURITY_POLICY,
        Category.DEPENDENCY_UPDATES,
        Category.CODEOWNERS,
        Category.LICENSE,
    }
)

#: Categories whose evidence files are never scanned for inline suppression comments (their
#: findings are about something missing, or the file is not one a comment belongs in).
NOT_SUPPRESSIBLE_INLINE: frozenset[Category] = frozenset(
    {
        Category.TESTS,
        Category.README,
        Category.README_SETUP,
        Category.LICENSE,
        Category.LOCKFILE,
        Category.DEPENDENCY_MANIFEST,
        Category.UNLOCKED_MANIFEST,
        Category.POC_DISCLAIMER,
    }
)


class RuleKind(TextEnum):
    """What a rule judges; the verdict and the report sections follow from it."""

    DRIFT = "drift"  # a POC carries what only production needs (counts toward "drifting")
    READINESS = "readiness"  # an MVP lacks a readiness signal (counts toward "not-ready")
    DECLARATION = "declaration"  # what project.toml and the README declare about the project
    SECURITY = "security"  # hygiene that matters whatever the stage
    HISTORY = "history"  # judged from git history, outside the verdict
    META = "meta"  # how the linter itself is configured and silenced
    POLICY = "policy"  # an organisation's own rule ([[lint.rules]] or a plugin), outside the verdict


class Requirement(TextEnum):
    """What a rule needs before it can run (beyond its stage and the signals it reads)."""

    #: Runs only for a project that declares no stage (a declared project never gets it).
    UNDECLARED = "undeclared"
    #: Runs only for a project whose stage is declared (in ``project.toml``, or a declaration
    #: standing in for it): it judges the declaration's keys, which a ``--stage`` what-if has none of.
    DECLARED = "declared"
    #: Runs after every other rule of the project: it judges the run itself (unused ignores).
    OTHER_OUTCOMES = "other-outcomes"
    #: Runs only for a project that runs as a service (``kind``, ``service`` unless declared).
    SERVICE = "service"

    @property
    def description(self) -> str:
        """When a rule with this requirement runs, for its documentation (``explain``, docs/rules.md)."""
        return _REQUIREMENT_TEXT[self]


_REQUIREMENT_TEXT = {
    Requirement.UNDECLARED: "runs only for a project that declares no stage",
    Requirement.DECLARED: "runs only when project.toml declares the stage, not in a `--stage` what-if nor when a "
    "declaration elsewhere stands in",
    Requirement.OTHER_OUTCOMES: "runs after the project's other rules, whose outcomes it judges",
    Requirement.SERVICE: 'runs only for a service, not for a project declared `kind = "library"` or `"tool"`',
}


class Status(TextEnum):
    """The outcome of one rule for one project."""

    FAILED = "failed"  # it reported findings
    PASSED = "passed"  # it ran and found nothing
    IGNORED = "ignored"  # it found something, and every finding was silenced (reason given)
    NOT_APPLICABLE = "not-applicable"  # it does not apply to the project's stage (reason given)
    NOT_SELECTED = "not-selected"  # [lint] select / --select leaves it out

    @property
    def ran(self) -> bool:
        return self in (Status.FAILED, Status.PASSED, Status.IGNORED)


class Verdict(TextEnum):
    """The one-word verdict of a project."""

    UNDECLARED = "undeclared"
    CLEAN = "clean"
    DRIFTING = "drifting"
    READY = "ready"
    NOT_READY = "not-ready"
