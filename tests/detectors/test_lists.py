"""Conventions the file-name lists used to stop short of (issue 10 §1): one test per kind of miss."""

from __future__ import annotations

from tests.detectors.conftest import Signals, categories, of

_NOTES = "# Release notes\n\n## 1.2.0\n\n- Faster start-up\n"
_MIT = "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, ...\n"


def test_release_notes_named_changelogs(signals: Signals) -> None:
    for name in (
        "release-notes.md",
        "RELEASE_NOTES.rst",
        "ReleaseNotes.md",
        "HISTORY.rst",
        "NEWS",
        "RELEASES.md",
        "CHANGES.txt",
        "docs/release-notes.md",
    ):
        assert [s.path for s in of(signals({name: _NOTES}), "changelog")] == [name], name
    assert "changelog" not in categories(signals({"release-notes-tool.py": "print(1)\n"}))


def test_release_notes_folder_with_one_document_per_version(signals: Signals) -> None:
    found = of(
        signals(
            {
                "docs/releases/index.rst": "Releases\n",
                "docs/releases/0.3.0.rst": "0.3.0\n=====\n",
                "docs/releases/0.2.1.rst": "0.2.1\n=====\n",
            }
        ),
        "changelog",
    )
    assert [s.path for s in found] == ["docs/releases/0.2.1.rst"]
    assert of(signals({"changelog/v1.4.md": "# 1.4\n"}), "changelog")
    # the version as one word of the document's name
    for name in ("docs/releases/openocean-field-v1.0.1.md", "release-notes/release_2.3.0.md"):
        assert [s.path for s in of(signals({name: "# Release notes\n"}), "changelog")] == [name], name
    assert not of(signals({"docs/releases/api-v2-migration.md": "# Moving to v2\n"}), "changelog")
    # a releases folder of other documents, or versioned documents elsewhere, is no changelog
    assert not of(signals({"docs/releases/process.md": "How we release\n", "docs/api/1.0.md": "# v1\n"}), "changelog")
    assert not of(signals({"src/pkg/releases/1.0.md": "# 1.0\n"}), "changelog")


def test_licence_spellings_with_a_license_name_prefix(signals: Signals) -> None:
    for name in ("MIT-LICENCE", "MIT-LICENSE", "apache-2.0-license.txt", "BSD_LICENSE.md"):
        assert [s.path for s in of(signals({name: _MIT}), "license")] == [name], name
    for name in ("THIRD-PARTY-LICENSES", "third_party_license.txt", "src/MIT-LICENSE", "check-license.sh"):
        assert not of(signals({name: _MIT, "README.md": "# x\n", "pyproject.toml": ""}), "license"), name
    assert not of(signals({"MIT-LICENSE": "TODO: add your license\n"}), "license")


def test_production_config_in_elixir_and_angular_environment_files(signals: Signals) -> None:
    found = signals(
        {
            "config/prod.exs": 'import Config\nconfig :app, App.Endpoint, url: [host: "x"]\n',
            "web/src/environments/environment.prod.ts": "export const environment = { production: true };\n",
        }
    )
    assert sorted(s.path for s in of(found, "prod-config")) == [
        "config/prod.exs",
        "web/src/environments/environment.prod.ts",
    ]
    assert not of(
        signals(
            {
                "config/dev.exs": "import Config\n",
                "src/environments/environment.ts": "export const environment = {};\n",
                "src/environments/environment.production.ts.example": "x\n",
            }
        ),
        "prod-config",
    )


def test_web_server_and_proxy_settings_named_for_production(signals: Signals) -> None:
    """A reverse proxy's production site (the file a deploy job copies to ``/etc/caddy/``)."""
    site = "example.com {\n    reverse_proxy app:3000\n}\n"
    for path in (
        "apps/caddy/Caddyfile.production",
        "Caddyfile.prod",
        "nginx.prod.conf",
        "deploy/nginx-production.conf",
        "nginx/prod.conf",
        "nginx/conf.d/production.conf",
        "haproxy.prod.cfg",
        "production.Caddyfile",
    ):
        assert [s.path for s in of(signals({path: site}), "prod-config")] == [path], path
    for path in ("Caddyfile", "nginx.conf", "nginx.dev.conf", "nginx/products.conf", "docs/nginx.prod.conf"):
        assert not of(signals({path: site}), "prod-config"), path


def test_migrations_written_as_code(signals: Signals) -> None:
    cases = {
        "migration/src/m20240127_165001_create_table_users.rs": "use sea_orm_migration::prelude::*;\n",
        "db/knex_migrations/2023-08-16-0000-create-monitor.js": "exports.up = function (knex) {};\n",
        "migrations/20240101120000_create_users.js": "exports.up = function (knex) {};\n",
        "src/main/resources/db/migration/V1__Create_tables.sql": "CREATE TABLE t (id int);\n",
        "backend/src/main/resources/org/acme/flyway/V2_1__Add_index.sql": "CREATE INDEX i ON t (id);\n",
        "internal/migrations/v2.0.0.go": "package migrations\n\nfunc V2_0_0(db *sqlx.DB) error {\n"
        "\t_, err := db.Exec(`ALTER TABLE users ADD COLUMN name TEXT`)\n\treturn err\n}\n",
        "priv/repo/migrations/20240101000000_create_users.exs": "defmodule Repo.Migrations.CreateUsers do\nend\n",
        "crates/store/src/sql_migrations.rs": "fn up() { Table::create().table(Users::Table); }\n",
    }
    for path, text in cases.items():
        assert [s.path for s in of(signals({path: text}), "migrations")] == [path], path


def test_a_rails_schema_dump_is_evidence_only_without_its_migrations(signals: Signals) -> None:
    """``db/schema.rb`` is what ``db/migrate/`` builds: one migration set, cited by a migration."""
    migration = "class CreateProducts < ActiveRecord::Migration[6.0]\n  def change\n  end\nend\n"
    schema = "ActiveRecord::Schema.define(version: 2020_10_22_091822) do\nend\n"
    both = signals({"db/migrate/20201022091822_create_products.rb": migration, "db/schema.rb": schema})
    assert [s.path for s in of(both, "migrations")] == ["db/migrate/20201022091822_create_products.rb"]
    alone = signals({"db/schema.rb": schema})
    assert [s.path for s in of(alone, "migrations")] == ["db/schema.rb"]


def test_code_that_only_mentions_migrations_is_not_one(signals: Signals) -> None:
    found = signals(
        {
            "internal/migrations/runner.go": "package migrations\n",
            "internal/migrations/v2_test.go": "package migrations\n",
            # a command-line tool upgrading its own config file, version by version
            "internal/config/migrations/v2.go": "package migrations\n\nfunc MigrateToVersion2(store Store) error {\n"
            '\tstore.SetProfileValue(name, "auth_type", kind)\n\treturn store.Save()\n}\n',
            "src/migrations.rs": "pub fn pending() -> usize { 0 }\n",
            "docs/V1__notes.sql": "-- not a migration folder\n",
            "scripts/2023-08-16-cleanup.js": "console.log(1)\n",
        }
    )
    assert not of(found, "migrations")


def test_committed_build_output_is_not_evidence(signals: Signals) -> None:
    """Maven copies resources into ``target/classes/``: a committed build is not a second
    migration set or a pinned manifest of the project's own."""
    found = signals(
        {
            "pom.xml": "<project><artifactId>app</artifactId></project>\n",
            "target/classes/db/migration/V1__init.sql": "CREATE TABLE t (id int);\n",
            "target/classes/META-INF/maven/org.acme/app/pom.xml": "<project><artifactId>app</artifactId></project>\n",
            "target/classes/application-prod.yml": "server:\n  port: 8080\n",
        }
    )
    assert not of(found, "migrations")
    assert not of(found, "prod-config")
    assert [
        s.path
        for s in of(
            signals({"src/main/resources/db/migration/V1__init.sql": "CREATE TABLE t (id int);\n"}), "migrations"
        )
    ] == ["src/main/resources/db/migration/V1__init.sql"]


def test_capistrano_is_a_deploy_path(signals: Signals) -> None:
    capfile = 'require "capistrano/setup"\nrequire "capistrano/deploy"\n'
    deploy = 'lock "~> 3.17.0"\nset :application, "shop"\nset :repo_url, "git@example.com:shop.git"\n'
    found = of(
        signals(
            {
                "Capfile": capfile,
                "config/deploy.rb": deploy,
                "config/deploy/production.rb": 'server "app.example.com", roles: %w{app}\n',
            }
        ),
        "paas",
    )
    assert [s.path for s in found] == ["Capfile"]
    assert [s.path for s in of(signals({"app/config/deploy.rb": deploy}), "paas")] == ["app/config/deploy.rb"]
    assert not of(
        signals({"Capfile": "# nothing\n", "lib/deploy.rb": deploy, "examples/config/deploy.rb": deploy}), "paas"
    )


def test_an_apps_on_device_database_migrations(signals: Signals) -> None:
    """A mobile app migrates the database on the device: GRDB's migrator and its steps (Swift),
    Room's ``Migration(from, to)`` objects and hand-written SQLite steps (Android). A file that only
    names them migrates nothing."""
    grdb = 'import GRDB\n\nvar migrator = DatabaseMigrator()\nmigrator.registerMigration("v1") { db in }\n'
    step = 'import GRDB\n\nextension Schema {\n  static func migrateV2(_ db: Database) throws {\n    try db.alter(table: "episode") { t in t.add(column: "rank", .integer) }\n  }\n}\n'
    room = "val MIGRATION_1_2 = object : Migration(1, 2) {\n    override fun migrate(db: SupportSQLiteDatabase) {}\n}\n"
    cases = {
        "App/Database/Migrations.swift": grdb,
        "App/Database/Migrations/Migration_v2.swift": step,
        "app/src/main/java/com/shop/data/Migrations.kt": room,
    }
    for path, text in cases.items():
        assert [(s.path, s.detail.split(" ")[0]) for s in of(signals({path: text}), "migrations")] == [
            (path, "GRDB" if path.endswith(".swift") else "Room")
        ], path
    # an SQLiteOpenHelper's onUpgrade steps, kept in a file of migrations (Kotlin raw strings too)
    sqlite = (
        "object DatabaseMigrations {\n  fun migrate(db: SQLiteDatabase, oldVersion: Int) {\n"
        '    if (oldVersion < V2) {\n      db.execSQL(\n        """\n        ALTER TABLE message ADD COLUMN read INTEGER\n"""\n      )\n'
        "    }\n  }\n}\n"
    )
    java = 'class ShopMigrations {\n  static void v3(SQLiteDatabase db) { db.execSQL("CREATE TABLE cart (id INTEGER)"); }\n}\n'
    for path, text in {
        "app/src/main/java/org/x/DatabaseMigrations.kt": sqlite,
        "src/ShopMigrations.java": java,
    }.items():
        assert [s.detail for s in of(signals({path: text}), "migrations")] == [
            f"SQLite migration ({path.rsplit('/', 1)[1]})"
        ], path
    named = {
        "App/Views/MigrationsView.swift": "import SwiftUI\nstruct MigrationsView: View {}\n",
        # a query in a file about migrations changes no schema
        "app/src/main/java/org/x/MigrationsLog.kt": 'fun log(db: SQLiteDatabase) = db.execSQL("DELETE FROM log")\n',
    }
    assert not of(signals(named), "migrations")
