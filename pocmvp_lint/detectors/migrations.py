"""``migrations``: database schema migrations by each framework's discovery defaults (signals.md §12)."""

from __future__ import annotations

import posixpath
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
     | [^/]+/migrations/\d{4}_[^/]+\.py | migrations/[^/]+/\d{1,6}_\d{14}_[^/]+\.py
     | migrations/[^/]+/\d{4}_[^/]+\.py
     | db/migrate/\d{14}_[^/]+\.rb | db/(?:schema\.rb|structure\.sql)
     | (?:db/migrate|migrations?)/\d{3,14}_[^/]+\.rb
     | (?:src/main/resources/)?db/migration/(?:[VU]\d[^/]*|R)__[^/]+\.(?:sql|java|kt)
     | prisma/migrations/(?:\d{8,14}_[^/]*/migration\.sql|migration_lock\.toml)
     | migrations/\d{14}_[^/]*/migration\.sql
     | knexfile\.[cm]?[jt]s | \.sequelizerc | meta/_journal\.json
     | [Dd]atabase/[Mm]igrations/(?:[^/]+/)?\d{4}_\d{2}_\d{2}_[^/]+\.php
     | (?:Doctrine)?[Mm]igrations/Version\d{12}[^/]*\.php
     | [Mm]igrations/\d{14}_[^/]+\.php | [Mm]igrations/\d{4}-\d{2}-\d{2}-\d{6}_[^/]+\.php
     | migrations/[mM]\d{6}_?\d{6}[^/]*\.php | phinx\.(?:ya?ml|php|json)
     | Migrations/\d{14,15}_[^/]+(?<!\.Designer)\.cs | [^/]+ModelSnapshot\.cs
     | migrations?/(?:[^/]+/)?[^/]+\.(?:up|down)\.sql | diesel\.toml
     | migrations/(?:[^/]+/)?\d{8,14}_[^/]+/(?:up|down)\.(?:sql|yaml)
     | migrations/\d{4}-\d{2}-\d{2}-\d{6}_[^/]+/(?:up|down)\.sql
     | (?:[\w.-]*[-_])?migrations?/\d{3,14}_[^/]+\.sql | priv/\w+/migrations/[^/.][^/]*\.exs
     | migrations?/(?:postgres(?:ql)?|pg|mysql|mariadb|sqlite3?|mssql|sqlserver|oracle|clickhouse|cockroach(?:db)?)
       /\d{3,14}_[^/]+\.sql
     | supabase/migrations/[^/]+\.sql | conf/evolutions/[^/]+/\d+\.sql
     | atlas\.(?:hcl|sum) | flyway\.(?:conf|toml) | liquibase\.properties | sqitch\.plan
     | (?:src/)?migrations?/(?:[^/]+/)?\d{10,14}[-_][^/]+\.[cm]?[jt]s
     | migrations/\d{8}_\d{6}(?:_[^/]+)?\.(?:[jt]s|json)
     | [^/]*_migrations?/(?:\d{10,14}|\d{4}-\d{2}-\d{2}(?:-\d{2,6})?)[-_][^/]+\.[cm]?[jt]s
     | migrations?/\d{4}-\d{2}-\d{2}(?:-\d{2,6})?[-_][^/]+\.[cm]?[jt]s
     | migrations?/Migration\d{14}[^/]*\.[cm]?[jt]s
     | migrations?/\d{4}\.\d{2}\.\d{2}T\d{2}\.\d{2}\.\d{2}\.[^/]+\.[cm]?[jt]s
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
    r"|\b(?:createTable|alterTable|addColumn)\("
)
#: A JavaScript, TypeScript or SQL migration numbered in a migrations folder, or in its ``up/``
#: folder (``001_initial.ts``: Kysely's, Knex's; ``migrations/up/1.users.sql``: an app's own
#: runner); the number alone could order anything, so its code must change a schema.
_NUMBERED_SCRIPT_RE = lazy_re(r"(?:^|/)migrations?/(?:up/)?\d{1,9}[-_.][^/]*\.(?:[cm]?[jt]s|sql)$")
#: Migrations written as code whose file names follow no convention, told by their framework's mark
#: (file extensions, a word the file must hold, the mark): FluentMigrator's ``[Migration(version)]``
#: attribute (C#, F#: ``Migrations/AddOrders.cs``), peewee-migrate's ``def migrate(migrator, ...)``
#: (``migrations/002_add_orders.py``), yoyo's steps (``migrations/20240312_01_abcde-add-orders.py``);
#: an app's on-device database: GRDB's (Swift: ``migrator.registerMigration("v2")``, or a step in a
#: migrations folder creating or altering a table), Room's (Android: ``object : Migration(1, 2)``),
#: and Android's own SQLite steps (``db.execSQL("ALTER TABLE ...")``, or a table or index created or
#: dropped, in a file of migrations, as an ``SQLiteOpenHelper.onUpgrade`` runs them).
_CODE_MIGRATIONS = (
    ((".cs", ".fs"), "FluentMigrator", lazy_re(r"\[<?Migration\(\s{0,20}\d"), "FluentMigrator"),
    ((".py",), "migrator", lazy_re(r"^def migrate\(\s{0,20}migrator\b", re.MULTILINE), "peewee-migrate"),
    ((".py",), "yoyo", lazy_re(r"^from yoyo import [\w, ]{0,40}\bstep\b", re.MULTILINE), "yoyo"),
    ((".swift",), "GRDB", lazy_re(r"\.registerMigration\(|\b(?:create|alter|drop)\(\s{0,20}table:"), "GRDB"),
    ((".kt", ".java"), "Migration", lazy_re(r"\bMigration\(\s{0,20}\d{1,4}\s{0,20},\s{0,20}\d{1,4}\s{0,20}\)"), "Room"),
    (
        (".kt", ".java"),
        "execSQL",
        lazy_re(
            r"(?i)\bexecSQL\(\s{0,40}\"{1,3}\s{0,40}(?:alter|create|drop)\s{1,20}(?:unique\s{1,20})?(?:table|index)\b"
        ),
        "SQLite",
    ),
)
_CODE_MIGRATION_EXTS = tuple(ext for exts, _, _, _ in _CODE_MIGRATIONS for ext in exts)
#: Most code files below a migration folder read for those marks.
MAX_CODE_READS = 60
#: Files standing for the folder above theirs: a migration kept in a folder of its own
#: (``<version>_<name>/up.sql``), Drizzle's journal (``meta/_journal.json``).
_FOLDER_PER_MIGRATION_FILES = frozenset(
    {"up.sql", "down.sql", "migration.sql", "up.yaml", "down.yaml", "_journal.json"}
)
#: Diesel's migration folder (``2022-12-13-174107_create_posts``).
_DIESEL_FOLDER_RE = lazy_re(r"^\d{4}-\d{2}-\d{2}-\d{6}_")
#: Most numbered scripts read for a schema change.
MAX_SCRIPT_READS = 60
_LIQUIBASE_RE = lazy_re(r"^(?=.*\.(?:xml|ya?ml|json|sql)$)(?:.*/)?[^/]*changelog[^/]*$", re.IGNORECASE)
#: Liquibase's master changelog by the name its documentation and Spring Boot's default
#: (``classpath:/db/changelog/db.changelog-master.yaml``) give it: a Liquibase file whatever it holds.
_LIQUIBASE_MASTER_RE = lazy_re(r"(?:^|/)db\.changelog-master\.(?:xml|ya?ml|json|sql)$", re.IGNORECASE)
#: A Go migration named for its version (``v2.0.0.go``) is a database migration when its code
#: talks to a database; a command-line tool's config-file upgrades take the same names.
_GO_DATABASE_RE = lazy_re(
    r"(?i)\b(?:create|alter|drop)\s+(?:table|index|column|type|schema|view|extension|sequence)\b"
    r"|\*sqlx?\.(?:DB|Tx)\b|\bgorm\.DB\b|\bbun\.IDB\b|\bpgx\b|\bgoose\b|\bgormigrate\b"
)
#: Liquibase's SQL changelog format announces itself on its first line.
_LIQUIBASE_SQL_MARK = "liquibase formatted sql"
#: Folder words under which a ``.sql`` file may be a Liquibase SQL changelog.
_LIQUIBASE_FOLDER_WORDS = ("changelog", "liquibase")
#: The formats of Liquibase's other changelogs.
_LIQUIBASE_EXTS = ("xml", "yaml", "yml", "json")
#: Most files read for Liquibase's marks (each folder stops at its first changelog).
MAX_LIQUIBASE_SQL_READS = 40
#: A versioned SQL file name (``001_users.sql``, ``20230101120000_init.sql``; sql-migrate's
#: ``20170807190804-create_users.sql``, yoyo's ``0001.create-users.sql``).
_VERSIONED_SQL_RE = lazy_re(r"^\d{1,14}[-_.][^/]*\.sql$")
#: The annotations each tool puts in a migration, wherever its folder (``sql/schema/``): goose's,
#: dbmate's and sql-migrate's section headers, tern's line between its up and down parts,
#: Liquibase's formatted-SQL header, yoyo's dependency line, MyBatis Migrations' undo divider.
_SQL_TOOL_MARKS = (
    ("-- +goose up", "goose"),
    ("-- migrate:up", "dbmate"),
    ("-- +migrate up", "sql-migrate"),
    ("---- create above / drop below ----", "tern"),
    ("liquibase formatted sql", "Liquibase"),
    ("-- depends:", "yoyo"),
    ("-- //@undo", "MyBatis Migrations"),
)
#: Most versioned ``.sql`` files read for those annotations (one per folder).
MAX_ANNOTATED_SQL_READS = 40
#: How far into a versioned SQL file its annotations are looked for (tern's divider follows the "up" part).
MAX_ANNOTATION_CHARS = 20_000
_FILE_NAMES = (
    "alembic.ini",
    "knexfile.js",
    "knexfile.ts",
    "knexfile.cjs",
    "knexfile.mjs",
    ".sequelizerc",
    "diesel.toml",
    "atlas.hcl",
    "atlas.sum",
    "flyway.conf",
    "flyway.toml",
    "liquibase.properties",
    "phinx.yml",
    "phinx.yaml",
    "phinx.php",
    "phinx.json",
    "_journal.json",
    "schema.rb",
    "structure.sql",
    "migration_lock.toml",
    "sqitch.plan",
)


def detect_migrations(inv: Inventory) -> Iterator[Signal]:
    reported: set[str] = set()
    scripts = code = 0
    for path in _candidates(inv):
        if in_test_dir(path) or is_auxiliary(path):
            continue
        folder = _migrations_folder(path)
        if folder in reported:
            continue
        if (MIGRATION_PATH_RE.search(path) or _flyway_script(path)) and _database_code(inv, path):
            reported.add(folder)
            yield Signal(Category.MIGRATIONS, path, None, _describe(path))
        elif _MODULE_NAME_RE.match(basename(path).lower()) and _SCHEMA_CHANGE_RE.search(inv.text(path) or ""):
            reported.add(folder)
            yield Signal(Category.MIGRATIONS, path, None, f"schema migration module ({basename(path)})")
        elif _LIQUIBASE_RE.search(path) and (
            _LIQUIBASE_MASTER_RE.search(path) or "databaseChangeLog" in (inv.text(path) or "")
        ):
            reported.add(folder)
            yield Signal(Category.MIGRATIONS, path, None, "Liquibase changelog")
        elif _NUMBERED_SCRIPT_RE.search(path) and scripts < MAX_SCRIPT_READS:
            scripts += 1
            if _SCHEMA_CHANGE_RE.search(inv.text(path) or ""):
                reported.add(folder)
                yield Signal(Category.MIGRATIONS, path, None, f"schema migration ({basename(path)})")
        elif path.endswith(_CODE_MIGRATION_EXTS) and code < MAX_CODE_READS:
            code += 1
            framework = _code_migration(path, inv.text(path) or "")
            if framework is not None:
                reported.add(folder)
                yield Signal(Category.MIGRATIONS, path, None, f"{framework} migration ({basename(path)})")
    yield from _liquibase_sql(inv, reported)
    yield from _annotated_sql(inv, reported)
    yield from _up_down_pairs(inv, reported)


def _code_migration(path: str, text: str) -> str | None:
    """The framework whose migration ``text`` is, by its mark (see ``_CODE_MIGRATIONS``)."""
    for exts, word, mark, framework in _CODE_MIGRATIONS:
        if path.endswith(exts) and word in text and mark.search(text) is not None:
            return framework
    return None


def _migrations_folder(path: str) -> str:
    """The folder a migration stands for: its own, or the one above for the tools keeping each
    migration in a folder of its own (Prisma, Diesel, Hasura: ``migrations/<version>/up.sql``) and
    for Drizzle's journal (``drizzle/meta/_journal.json``)."""
    folder = dirname(path)
    if basename(path) in _RAILS_SCHEMA_DUMPS:  # the schema ``db/migrate/`` builds: one migration set
        return posixpath.join(folder, "migrate")
    return dirname(folder) if basename(path) in _FOLDER_PER_MIGRATION_FILES else folder


#: The schema dumps Rails writes beside ``db/migrate/`` (``db/schema.rb``, ``db/structure.sql``).
_RAILS_SCHEMA_DUMPS = frozenset({"schema.rb", "structure.sql"})


def _database_code(inv: Inventory, path: str) -> bool:
    """False for a version-named Go file whose code never touches a database."""
    return not path.endswith(".go") or _GO_DATABASE_RE.search(inv.text(path) or "") is not None


def _liquibase_sql(inv: Inventory, reported: set[str]) -> Iterator[Signal]:
    """Liquibase changelogs in a changelog or liquibase folder, whatever their names (JHipster's
    ``config/liquibase/master.xml``): SQL ones by their ``--liquibase formatted sql`` header, the
    others by their ``databaseChangeLog`` root."""
    exts = ("sql", *_LIQUIBASE_EXTS)
    candidates = [p for p in inv.with_ext(*exts) if _in_liquibase_folder(p) and dirname(p) not in reported]
    for path in sorted(candidates)[:MAX_LIQUIBASE_SQL_READS]:
        if dirname(path) in reported or in_test_dir(path) or is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        if path.endswith(".sql"):
            head = text[:200].lstrip().lower()
            if head.startswith("--") and head[2:].lstrip().startswith(_LIQUIBASE_SQL_MARK):
                reported.add(dirname(path))
                yield Signal(Category.MIGRATIONS, path, 1, "Liquibase SQL changelog")
        elif "databaseChangeLog" in text:
            reported.add(dirname(path))
            yield Signal(Category.MIGRATIONS, path, None, "Liquibase changelog")


def _annotated_sql(inv: Inventory, reported: set[str]) -> Iterator[Signal]:
    """Versioned SQL files carrying a migration tool's annotations, the first of each folder."""
    seen: set[str] = set()
    candidates = [p for p in inv.with_ext("sql") if _VERSIONED_SQL_RE.match(basename(p))]
    for path in sorted(candidates):
        folder = dirname(path)
        if folder in reported or folder in seen or in_test_dir(path) or is_auxiliary(path):
            continue
        seen.add(folder)
        if len(seen) > MAX_ANNOTATED_SQL_READS:
            return
        head = (inv.text(path) or "")[:MAX_ANNOTATION_CHARS].lower()
        for mark, tool in _SQL_TOOL_MARKS:
            if mark in head:
                reported.add(folder)
                yield Signal(Category.MIGRATIONS, path, None, f"{tool} migration ({basename(path)})")
                break


#: A versioned "up" script (golang-migrate's ``000001_init.up.sql``, Migratus' ``20240312101500-init.up.sql``).
_VERSIONED_UP_SQL_RE = lazy_re(r"^\d{1,14}[-_][^/]+\.up\.sql$")
_UP_SQL, _DOWN_SQL = ".up.sql", ".down.sql"


def _up_down_pairs(inv: Inventory, reported: set[str]) -> Iterator[Signal]:
    """Versioned up scripts beside their down scripts, in a folder of any name (``db/schema/``), the
    first of each folder: the pair is how golang-migrate and Migratus name a migration; or in an
    ``up/`` folder beside a ``down/`` one holding the same name (``migrations/up/1.users.sql``)."""
    for path in sorted(inv.with_ext("sql")):
        folder = dirname(path)
        if folder in reported:
            continue
        down = _down_script(path)
        if down is None or in_test_dir(path) or is_auxiliary(path) or not inv.exists(down):
            continue
        reported.add(folder)
        yield Signal(Category.MIGRATIONS, path, None, f"up/down SQL migration ({basename(path)})")


def _down_script(path: str) -> str | None:
    """The path of the down script undoing the versioned up script ``path``; None when ``path`` is none."""
    name = basename(path)
    if _VERSIONED_UP_SQL_RE.match(name):
        return path.removesuffix(_UP_SQL) + _DOWN_SQL
    folder = dirname(path)
    if (folder == "up" or folder.endswith("/up")) and _VERSIONED_SQL_RE.match(name):
        return f"{folder[:-2]}down/{name}"
    return None


def _in_liquibase_folder(path: str) -> bool:
    folders = dirname(path).lower()
    return any(word in folders for word in _LIQUIBASE_FOLDER_WORDS)


def _candidates(inv: Inventory) -> list[str]:
    """Paths that could be migrations: a cheap substring test over the listing, then exact names."""
    found = list(inv.classified.migration_paths)
    found.extend(inv.named(*_FILE_NAMES))
    found.extend(p for p in inv.with_ext("sql") if _flyway_script(p) or _EVOLUTIONS in p)
    for name in names_containing(inv, "changelog", "changelog"):
        if name.endswith((".xml", ".yaml", ".yml", ".json", ".sql")):
            found.extend(inv.named(name))
    # a folder's evidence is its first migration, an "up" one rather than its "down" undo or the
    # schema dump the migrations build
    return sorted(set(found), key=lambda p: (_migrations_folder(p), _cited_last(basename(p)), p))


def _cited_last(name: str) -> bool:
    """An "undo" script (``x.down.sql``, a ``down.sql`` of its own folder) or a Rails schema dump:
    evidence after the migrations themselves."""
    return ".down." in name or name.startswith("down.") or name in _RAILS_SCHEMA_DUMPS


#: Play's evolutions folder (``conf/evolutions/default/1.sql``): its path holds no "igrat".
_EVOLUTIONS = "evolutions/"


def _flyway_script(path: str) -> bool:
    """A Flyway-named SQL script below a migration, Flyway, db or resources folder."""
    parts = path.lower().split("/")
    return bool(_FLYWAY_FOLDERS.intersection(parts[:-1])) and _FLYWAY_NAME_RE.match(basename(path)) is not None


def _describe(path: str) -> str:
    name = basename(path)
    lowered = path.lower()
    for ext, pattern, label in _NAME_CONVENTIONS:
        if name.endswith(ext) and pattern.match(name):
            return f"{label} migration ({name})"
    for marker, label in _MARKERS:
        if marker in lowered and (label != "Laravel" or name.endswith(".php")):
            return f"{label} migration ({name})"
    if _FLYWAY_NAME_RE.match(name):
        return f"Flyway migration ({name})"
    if _DIESEL_FOLDER_RE.match(basename(dirname(path))):
        return f"Diesel migration ({name})"
    if name.endswith(".py"):  # alembic's versions are told by the markers above
        return f"Django migration ({name})"
    if name.endswith((".go", ".rb")):
        return f"{'Go' if name.endswith('.go') else 'Ruby'} migration ({name})"
    if name.endswith((".up.sql", ".down.sql")):
        return f"up/down SQL migration ({name})"
    return f"schema migration ({name})"


#: Umzug's timestamped names (``2024.03.12T10.15.00.add-orders.js``), Strapi's database migrations too.
_UMZUG_NAME_RE = lazy_re(r"\d{4}\.\d{2}\.\d{2}T\d{2}\.")
#: Payload CMS's migration names: the date and time of ``payload migrate:create``.
_PAYLOAD_NAME_RE = lazy_re(r"\d{8}_\d{6}(?:_[^/]+)?\.(?:[jt]s|json)$")
#: Frameworks told apart by their migration file names (extension, name pattern, framework).
_NAME_CONVENTIONS = (
    (".py", lazy_re(r"\d{1,6}_\d{14}_"), "Aerich"),
    (".exs", lazy_re(r"\d"), "Ecto"),
    (".php", lazy_re(r"Version\d{12}"), "Doctrine"),
    (".php", lazy_re(r"[mM]\d{6}_?\d{6}"), "Yii"),
    (".php", lazy_re(r"\d{4}-\d{2}-\d{2}-\d{6}_"), "CodeIgniter"),
    (".php", lazy_re(r"\d{14}_"), "Phinx"),
    (".cs", lazy_re(r"\d{14,15}_"), "Entity Framework"),
    (".ts", lazy_re(r"Migration\d{14}"), "MikroORM"),
    (".js", lazy_re(r"Migration\d{14}"), "MikroORM"),
    (".ts", _UMZUG_NAME_RE, "Umzug"),
    (".js", _UMZUG_NAME_RE, "Umzug"),
    # Payload CMS: ``20240312_101500.ts`` (or ``_add_orders.ts``) beside its ``.json`` schema snapshot
    *((ext, _PAYLOAD_NAME_RE, "Payload") for ext in (".ts", ".js", ".json")),
)
#: Path markers naming the framework of a migration, first match wins.
_MARKERS = (
    ("alembic", "Alembic"),
    ("migrations/versions/", "Alembic"),
    ("prisma/", "Prisma"),
    ("/migration.sql", "Prisma"),
    ("db/migrate/", "Rails"),
    ("schema.rb", "Rails"),
    ("structure.sql", "Rails"),
    ("database/migrations/", "Laravel"),
    ("phinx.", "Phinx"),
    ("db/migration/", "Flyway"),
    ("flyway", "Flyway"),
    ("evolutions/", "Play evolutions"),
    ("hasura", "Hasura"),
    ("migration/src/m", "SeaORM"),
    ("modelsnapshot", "EF Core"),
    ("knexfile", "Knex"),
    ("knex_migrations", "Knex"),
    ("sequelize", "Sequelize"),
    ("drizzle", "Drizzle"),
    ("meta/_journal.json", "Drizzle"),
    ("diesel", "Diesel"),
    ("priv/repo", "Ecto"),
    ("supabase", "Supabase"),
    ("atlas", "Atlas"),
    ("sqitch.plan", "Sqitch"),
)
