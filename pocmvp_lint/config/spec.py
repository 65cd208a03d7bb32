"""The one description of ``project.toml``: every key of ``[project]`` and ``[lint]``.

Each key says once what it is (type, default, allowed values, description, example, the settings
field it sets and how layers combine). Everything else is derived from it: validation
(``config.loader`` and ``config.settings`` walk it), the JSON Schema (``pocmvp-lint schema``),
the effective settings (``pocmvp-lint config``), the command-line choices and the reference in
``docs/configuration.md`` (``pocmvp-lint schema --format markdown``). A new key is added here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from pocmvp_lint.config.model import Thresholds
from pocmvp_lint.model import ProjectKind


class Type(enum.Enum):
    """What a key holds; each has one validator, one JSON Schema shape and one label in the docs."""

    STRING = "string"
    DATE = "TOML date"
    CHOICE = "one of the allowed values"
    POLICY = 'path or "package:resource.toml"'
    CODES = "list of rule codes or prefixes"
    IGNORES = 'list of codes, or a table of code = "reason" or { reason = "...", until = DATE }'
    GLOBS = "list of gitignore-style globs"
    SEVERITIES = 'table of code = "error" | "warning" | "info"'
    PATH_CODES = "table of glob = list of codes"
    INTEGER = "non-negative integer"
    NUMBER = "non-negative number"
    TABLE = "table"
    RULES = "array of tables"
    CONTAINS = 'table { glob = "...", regex = "..." }'
    RULE_CODE = "rule code"
    STAGE_MAP = 'table of name = "poc" | "mvp" | "none"'


class Merge(enum.Enum):
    """How a later layer (the project over its policies) combines with an earlier one."""

    REPLACE = "replaces"
    APPEND = "adds to"
    UPDATE = "is merged key by key into"


@dataclass(frozen=True)
class Key:
    """One key of a table.

    ``field`` names the attribute of ``Declaration`` or ``LintSettings`` (or ``Thresholds``) it
    sets; ``merge`` says how it combines with the same field from earlier layers. ``default`` is
    ``None`` when the key has none (lists are tuples and tables read-only mappings, see
    ``plain``). ``keys`` are the keys of a nested table or array of tables.
    """

    name: str
    type: Type
    doc: str
    default: Any = None
    choices: tuple[str, ...] = ()
    example: str = ""
    required: bool = False
    field: str = ""
    merge: Merge = Merge.REPLACE
    keys: tuple[Key, ...] = ()
    #: Exactly one of these child keys must be set (``[[lint.rules]]``: require, forbid, contains).
    one_of: tuple[str, ...] = ()
    pattern: str = ""
    #: Names people write for this key elsewhere (``deadline`` for ``ends``): an unknown key among
    #: them is pointed to this one.
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def child(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)


@dataclass(frozen=True)
class Table:
    """A top-level table. Unknown keys are errors when ``strict``, else warnings."""

    name: str
    doc: str
    keys: tuple[Key, ...]
    strict: bool

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    def meant(self, name: str) -> Key | None:
        """The key an unknown ``name`` stands for when it is one of its aliases."""
        lowered = name.lower().replace("_", "-")
        return next((k for k in self.keys if lowered in k.aliases), None)


SEVERITY_VALUES = ("error", "warning", "info")
FAIL_ON_VALUES = (*SEVERITY_VALUES, "never")
STAGE_VALUES = ("poc", "mvp")
KIND_VALUES = tuple(str(kind) for kind in ProjectKind)
LIFECYCLE_VALUES = (*STAGE_VALUES, "none")
CODE_PATTERN = "^[A-Z]{2,8}[0-9]{1,4}$"

_T = Thresholds()
_EMPTY: Mapping[str, Any] = MappingProxyType({})
_THRESHOLD_DOCS = MappingProxyType(
    {
        "poc_max_source_files": "POC201: source files a POC may hold",
        "poc_max_source_lines": "POC201: source lines a POC may hold",
        "poc_max_age_days": "POC202: days a POC may live, counted from its first commit",
        "poc_max_contributors": "POC203: distinct authors a POC may have",
        "mvp_min_test_ratio": "MVP002: minimum test files per source file",
        "mvp_ratio_min_source_files": "MVP002: source files below which the ratio is not judged",
    }
)


def _threshold(name: str) -> Key:
    value = getattr(_T, name)
    return Key(
        name.replace("_", "-"),
        Type.NUMBER if isinstance(value, float) else Type.INTEGER,
        _THRESHOLD_DOCS[name],
        default=value,
        example=str(value),
        field=name,
    )


PROJECT = Table(
    "project",
    "What this repository is.",
    strict=False,
    keys=(
        Key(
            "stage",
            Type.CHOICE,
            "a proof of concept (throwaway) or an MVP (real users)",
            choices=STAGE_VALUES,
            example='"poc"',
            required=True,
            field="stage",
        ),
        Key("name", Type.STRING, "human name of the project", example='"route optimizer"', field="name"),
        Key("owner", Type.STRING, "person or team accountable for it", example='"team-logistics"', field="owner"),
        Key(
            "hypothesis",
            Type.STRING,
            "what the POC must prove",
            example='"drivers accept suggested routes"',
            field="hypothesis",
        ),
        Key(
            "started",
            Type.DATE,
            "date the work started (TOML date)",
            example="2026-01-15",
            field="started",
            aliases=("start", "start-date", "started-on", "begins", "created"),
        ),
        Key(
            "ends",
            Type.DATE,
            "POC timebox end or MVP review date (TOML date)",
            example="2026-03-31",
            field="ends",
            aliases=(
                "end",
                "end-date",
                "ends-on",
                "deadline",
                "due",
                "expires",
                "timebox",
                "timebox-days",
                "timebox-weeks",
                "timebox-end",
                "review",
                "review-date",
            ),
        ),
        Key(
            "kind",
            Type.CHOICE,
            "what the project ships: a service (the default) runs on servers for its users, a library is "
            "installed into other programs, a tool is installed and run by its users (a command-line, desktop "
            "or mobile application); the rules about running a service (MVP008, MVP009) skip the other two",
            choices=KIND_VALUES,
            example='"library"',
            field="kind",
        ),
        Key("audience", Type.STRING, "who the MVP serves", example='"dispatchers in two depots"', field="audience"),
        Key(
            "feedback",
            Type.STRING,
            "where MVP user feedback is collected (URL or text)",
            example='"https://example.invalid/feedback"',
            field="feedback",
        ),
    ),
)

_RULE_KINDS = ("require", "forbid", "contains")

LINT = Table(
    "lint",
    "pocmvp-lint settings.",
    strict=True,
    keys=(
        Key(
            "extends",
            Type.POLICY,
            "a policy file whose [lint] table is the base for this one: a "
            'path inside the repository or "package:resource.toml" from an installed package',
            example='"policies/base.toml"',
        ),
        Key(
            "select",
            Type.CODES,
            'rule codes or prefixes to run; "ALL" selects every rule',
            default=("ALL",),
            example='["POC1", "MVP001"]',
            field="select",
        ),
        Key(
            "extend-select",
            Type.CODES,
            "codes or prefixes added to the selection",
            default=(),
            example='["ORG"]',
            field="extend_select",
            merge=Merge.APPEND,
        ),
        Key(
            "ignore",
            Type.IGNORES,
            "codes or prefixes to ignore; a table maps each to the reason it is ignored, or to "
            "{ reason, until } for an exemption that ends (after `until`, a TOML date, the "
            "findings come back and LNT003 says so; see docs/exemptions.md)",
            default=(),
            example='{ POC101 = { reason = "demo on a laptop", until = 2027-01-31 } }',
            field="ignore",
            merge=Merge.UPDATE,
        ),
        Key(
            "extend-ignore",
            Type.IGNORES,
            "more codes or prefixes to ignore (added to ignore)",
            default=(),
            example='["MVP013"]',
            field="ignore",
            merge=Merge.UPDATE,
        ),
        Key(
            "fail-on",
            Type.CHOICE,
            "lowest severity that fails the run",
            default="error",
            choices=FAIL_ON_VALUES,
            example='"warning"',
            field="fail_on",
        ),
        Key(
            "exclude",
            Type.GLOBS,
            "paths left out of the check, relative to the project folder",
            default=(),
            example='["scratch/"]',
            field="exclude",
        ),
        Key(
            "extend-exclude",
            Type.GLOBS,
            "more paths left out (added to exclude)",
            default=(),
            example='["notebooks/"]',
            field="exclude",
            merge=Merge.APPEND,
        ),
        Key(
            "severity",
            Type.SEVERITIES,
            "a different severity for some rules",
            default=_EMPTY,
            example='{ MVP008 = "error" }',
            field="severity",
            merge=Merge.UPDATE,
        ),
        Key(
            "thresholds",
            Type.TABLE,
            "every number a rule uses",
            example="{ poc-max-age-days = 60 }",
            field="thresholds",
            merge=Merge.UPDATE,
            keys=tuple(_threshold(f.name) for f in fields(Thresholds)),
        ),
        Key(
            "per-path-ignores",
            Type.PATH_CODES,
            "codes ignored for evidence under some paths",
            default=_EMPTY,
            example='{ "infra/sandbox/**" = ["POC103"] }',
            field="per_path_ignores",
            merge=Merge.UPDATE,
        ),
        Key(
            "lifecycle-map",
            Type.STAGE_MAP,
            "lifecycle names of your own (Backstage spec.lifecycle, classifier or repostatus "
            'names) and the stage each means; "none" for a project being retired '
            "(docs/stage-sources.md)",
            default=_EMPTY,
            choices=LIFECYCLE_VALUES,
            example='{ sandbox = "poc", ga = "mvp", sunset = "none" }',
            field="lifecycle_map",
            merge=Merge.UPDATE,
        ),
        Key(
            "rules",
            Type.RULES,
            "declarative rules of your own ([[lint.rules]])",
            default=(),
            field="custom_rules",
            merge=Merge.APPEND,
            one_of=_RULE_KINDS,
            example='[{ code = "ORG001", message = "every MVP needs a runbook", require = ["docs/runbook.md"] }]',
            keys=(
                Key(
                    "code",
                    Type.RULE_CODE,
                    "your own prefix, not STG/POC/MVP/SEC/LNT",
                    required=True,
                    pattern=CODE_PATTERN,
                    example='"ORG001"',
                ),
                Key("name", Type.STRING, "a short name (default: the code in lower case)", example='"runbook"'),
                Key(
                    "summary",
                    Type.STRING,
                    "one line for `pocmvp-lint rules` (default: message)",
                    example='"MVPs keep a runbook"',
                ),
                Key("fix", Type.STRING, "how to fix a finding", example='"write docs/runbook.md"'),
                Key(
                    "stage",
                    Type.CHOICE,
                    "the stage the rule applies to",
                    default="any",
                    choices=(*STAGE_VALUES, "any"),
                    example='"mvp"',
                ),
                Key(
                    "severity",
                    Type.CHOICE,
                    "severity of its findings",
                    default="warning",
                    choices=SEVERITY_VALUES,
                    example='"error"',
                ),
                Key(
                    "message",
                    Type.STRING,
                    "what is wrong, shown with each finding",
                    required=True,
                    example='"every MVP needs a runbook"',
                ),
                Key(
                    "require",
                    Type.GLOBS,
                    "a finding unless some file matches one of these",
                    example='["docs/runbook.md"]',
                ),
                Key(
                    "forbid",
                    Type.GLOBS,
                    "a finding for each file matching one of these",
                    example='["terraform/prod/**"]',
                ),
                Key(
                    "contains",
                    Type.CONTAINS,
                    "a finding unless a file matching glob contains regex",
                    example='{ glob = "README.md", regex = "(?i)on-call" }',
                ),
            ),
        ),
    ),
)

#: The tables this tool reads; others (Cloud Native Buildpacks' [_] and [io]) are left alone.
TABLES = (PROJECT, LINT)


def walk(table: Table) -> Iterator[tuple[str, Key]]:
    """Every key of ``table`` with its dotted path (``lint.thresholds.poc-max-age-days``)."""
    stack = [(f"{table.name}.{k.name}", k) for k in reversed(table.keys)]
    while stack:
        dotted, key = stack.pop()
        yield dotted, key
        stack.extend((f"{dotted}.{k.name}", k) for k in reversed(key.keys))


def spellings(choices: tuple[str, ...]) -> list[str]:
    """Choices as validation accepts them (case-insensitively): as written, upper and title case."""
    return list(dict.fromkeys(v for c in choices for v in (c, c.upper(), c.title())))


def plain(value: Any) -> Any:
    """A default as JSON shows it: tuples as lists, read-only mappings as objects."""
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    return value
