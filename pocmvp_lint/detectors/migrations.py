"""``migrations``: database schema migrations by each framework's discovery defaults (signals.md §12)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors._util import basename, dirname, in_test_dir, is_auxiliary, names_containing
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

MIGRATION_PATH_RE = lazy_re(
    r"""(?x)(?:^|/)(?:
       alembic\.ini | alembic/versions/[^/]+\.py | migrations/versions/[^/]+\.py
     | [^/]+/migrations/\d{4}_[^/]+\.py
     | db/migrate/\d{14}_[^/]+\.rb | db/(?:schema\.rb|structure\.sql)
     | (?:src/main/resources/)?db/migration/(?:[VU]\d[^/]*|R)__[^/]+\.(?:sql|java|kt)
     | prisma/migrations/(?:\d{14}_[^/]+/migration\.sql|migration_lock\.toml)
     | knexfile\.[cm]?[jt]s | \.sequelizerc | drizzle\.config\.[cm]?[jt]s
     | database/migrations/(?:[^/]+/)?\d{4}_\d{2}_\d{2}_\d{6}_[^/]+\.php
     | Migrations/\d{14}_[^/]+(?<!\.Designer)\.cs | [^/]+ModelSnapshot\.cs
     | migrations?/[^/]+\.(?:up|down)\.sql | diesel\.toml | migrations/\d{8,14}_[^/]+/(?:up|down)\.sql
     | (?:[\w.-]*[-_])?migrations?/\d{3,14}_[^/]+\.sql | priv/repo/migrations/[^/]+\.exs
     | supabase/migrations/[^/]+\.sql
     | atlas\.(?:hcl|sum) | flyway\.(?:conf|toml) | liquibase\.properties
     | (?:src/)?migrations?/\d{10,14}[-_][^/]+\.[cm]?[jt]s
     | [^/]*_migrations?/(?:\d{10,14}|\d{4}-\d{2}-\d{2}(?:-\d{2,6})?)[-_][^/]+\.[cm]?[jt]s
     | migrations?/\d{4}-\d{2}-\d{2}(?:-\d{2,6})?[-_][^/]+\.[cm]?[jt]s
     | migration/src/m\d{8}_\d{6}_[^/]+\.rs
     | migrations?/v?\d[\w.-]*(?<!_test)\.go
    )$"""
)
#: Flyway's versioned, undo and repeatable script names (``V1__Create_tables.sql``).
_FLYWAY_NAME_RE = lazy_re(r"^(?:[VU]\d[\d.]*(?:_[\d.]+)*|R)__[^/_][^/]*\.sql$")
#: Folders where a Flyway-named script is a migration (Flyway's locations are configurable).
_FLYWAY_FOLDERS = frozenset({"flyway", "migration", "migrations", "db", "resources", "sql"})
#: A migration module written as code: its name says so, its content changes a schema.
_MODULE_NAME_RE = lazy_re(r"^(?:[\w-]+_)?migrations?\.(?:rs|go)$")
_SCHEMA_CHANGE_RE = lazy_re(
    r"(?i)\b(?:create|alter)\s+table\b|\bTable::(?:create|alter)\(|\b(?:create_table|add_column)\b"
)
_LIQUIBASE_RE = lazy_re(r"^(?=.*\.(?:xml|ya?ml|json|sql)$)(?:.*/)?[^/]*changelog[^/]*$", re.IGNORECASE)
_FILE_NAMES = (
    "alembic.ini",
    "knexfile.js",
    "knexfile.ts",
    "knexfile.cjs",
    "knexfile.mjs",
    ".sequelizerc",
    "drizzle.config.ts",
    "drizzle.config.js",
    "drizzle.config.mjs",
    "diesel.toml",
    "atlas.hcl",
    "atlas.sum",
    "flyway.conf",
    "flyway.toml",
    "liquibase.properties",
    "schema.rb",
    "structure.sql",
    "migration_lock.toml",
)


def detect_migrations(inv: Inventory) -> Iterator[Signal]:
    reported: set[str] = set()
    for path in _candidates(inv):
        if in_test_dir(path) or is_auxiliary(path):
            continue
        folder = dirname(path)
        if folder in reported:
            continue
        if MIGRATION_PATH_RE.search(path) or _flyway_script(path):
            reported.add(folder)
            yield Signal(Category.MIGRATIONS, path, None, _describe(path))
        elif _MODULE_NAME_RE.match(basename(path).lower()) and _SCHEMA_CHANGE_RE.search(inv.text(path) or ""):
            reported.add(folder)
            yield Signal(Category.MIGRATIONS, path, None, f"schema migration module ({basename(path)})")
        elif _LIQUIBASE_RE.search(path) and "databaseChangeLog" in (inv.text(path) or ""):
            reported.add(folder)
            yield Signal(Category.MIGRATIONS, path, None, "Liquibase changelog")


def _candidates(inv: Inventory) -> list[str]:
    """Paths that could be migrations: a cheap substring test over the listing, then exact names."""
    found = list(inv.classified.migration_paths)
    found.extend(inv.named(*_FILE_NAMES))
    found.extend(p for p in inv.with_ext("sql") if _flyway_script(p))
    for name in names_containing(inv, "changelog", "changelog"):
        if name.endswith((".xml", ".yaml", ".yml", ".json", ".sql")):
            found.extend(inv.named(name))
    # a folder's evidence is its first migration, an "up" one rather than its "down" undo
    return sorted(set(found), key=lambda p: (dirname(p), ".down." in p, p))


def _flyway_script(path: str) -> bool:
    """A Flyway-named SQL script below a migration, Flyway, db or resources folder."""
    parts = path.lower().split("/")
    return bool(_FLYWAY_FOLDERS.intersection(parts[:-1])) and _FLYWAY_NAME_RE.match(basename(path)) is not None


def _describe(path: str) -> str:
    name = basename(path)
    lowered = path.lower()
    for marker, label in (
        ("alembic", "Alembic"),
        ("prisma/", "Prisma"),
        ("db/migrate/", "Rails"),
        ("schema.rb", "Rails"),
        ("structure.sql", "Rails"),
        ("database/migrations/", "Laravel"),
        ("db/migration/", "Flyway"),
        ("flyway", "Flyway"),
        ("migration/src/m", "SeaORM"),
        ("modelsnapshot", "EF Core"),
        ("knexfile", "Knex"),
        ("knex_migrations", "Knex"),
        ("sequelize", "Sequelize"),
        ("drizzle", "Drizzle"),
        ("diesel", "Diesel"),
        ("priv/repo", "Ecto"),
        ("supabase", "Supabase"),
        ("atlas", "Atlas"),
    ):
        if marker in lowered and (label != "Laravel" or name.endswith(".php")):
            return f"{label} migration ({name})"
    if _FLYWAY_NAME_RE.match(name):
        return f"Flyway migration ({name})"
    if name.endswith(".go"):
        return f"Go migration ({name})"
    if name.endswith((".up.sql", ".down.sql")):
        return f"up/down SQL migration ({name})"
    return f"schema migration ({name})"
