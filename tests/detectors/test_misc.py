"""Tests, sources, lock files, migrations, observability, health checks, prod config, throwaway."""

from __future__ import annotations

from pathlib import Path

import pytest

from pocmvp_lint.detectors import BUILTIN_DETECTORS, detect
from pocmvp_lint.detectors.lockfiles import LOCKFILES, MANIFESTS, PAIRED_ECOSYSTEMS, PairedEcosystem
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.detectors.sources import count_lines, source_stats
from tests.detectors.conftest import Signals, categories, make_inventory, of


def test_tests_per_language(signals: Signals) -> None:
    found = signals(
        {
            "tests/test_api.py": "def test_ok():\n    assert True\n",
            "src/app.test.ts": "test('x', () => {})\n",
            "pkg/x_test.go": "package x\nfunc TestX(t *testing.T) {}\n",
            "src/test/java/AppTest.java": "@Test void t() {}\n",
            "spec/models/user_spec.rb": "RSpec.describe User do\nend\n",
            "tests/Feature/LoginTest.php": "class LoginTest extends TestCase {}\n",
        }
    )
    assert len(of(found, "tests")) == 6


def test_helpers_and_stubs_are_not_tests(signals: Signals) -> None:
    found = signals(
        {
            "src/testData.ts": "export const data = 1\n",
            "app/tests.py": "from django.test import TestCase\n\n# Create your tests here.\n",
            "src/test_utils.py": "def helper():\n    return 1\n",
        }
    )
    # the startapp stub is reported, as a scaffold (MVP001 still finds no real test); helpers are not
    assert [s.path for s in of(found, "tests")] == ["app/tests.py"]
    assert [s.path for s in of(found, "scaffold-tests")] == ["app/tests.py"]


def test_source_stats_and_count_lines(tmp_path: Path) -> None:
    inv = make_inventory(
        tmp_path,
        {
            "app/main.py": "a = 1\nb = 2\n",
            "app/test_main.py": "def test_a():\n    pass\n",
            "web/index.tsx": "x\n",
            "README.md": "# x\n",
        },
    )
    stats = source_stats(inv)
    assert stats.source_files == ("app/main.py", "web/index.tsx")
    assert stats.test_files == ("app/test_main.py",)
    assert count_lines(inv, stats.source_files) == 3


def test_lockfiles_and_pinned_requirements(signals: Signals) -> None:
    found = signals({"package.json": '{"dependencies": {"express": "^4.19.2"}}', "package-lock.json": "{}"})
    assert {"lockfile", "dependency-manifest"} <= categories(found)
    tf = signals({"infra/main.tf": "terraform {}\n", "infra/.terraform.lock.hcl": 'provider "x" {}\n'})
    assert [s.detail for s in of(tf, "lockfile")] == ["Terraform provider lock file"]
    hashed = "flask==3.0.0 \\\n    --hash=sha256:" + "0" * 64 + "\n"
    assert [s.path for s in of(signals({"requirements.txt": hashed}), "lockfile")] == ["requirements.txt"]


def test_fully_pinned_requirements_pin_the_python_manifests_without_being_a_lock_file(signals: Signals) -> None:
    # `pip freeze` output fixes the versions pip installs, but it is no lock format (no hashes, no
    # guaranteed transitive closure): pinned, so MVP007 leaves the Python manifests alone.
    found = signals(
        {
            "requirements.txt": "flask==3.0.0\nrequests==2.31.0  # http\n",
            "pyproject.toml": "[project]\nname = 'app'\n",
            "package.json": "{}",
        }
    )
    assert "lockfile" not in categories(found)
    assert [(s.path, s.detail) for s in of(found, "pinned-manifest")] == [
        ("pyproject.toml", "Python dependencies pinned by requirements.txt"),
        ("requirements.txt", "pip requirements pin exact versions (==)"),
    ]


def test_unpinned_requirements_are_not_a_lockfile(tmp_path: Path) -> None:
    found = detect(make_inventory(tmp_path, {"requirements.txt": "flask>=3\nrequests\n"}))
    assert "lockfile" not in categories(found) and "dependency-manifest" in categories(found)


POM = """<project>
  <groupId>x</groupId><artifactId>app</artifactId><version>0.1.0-SNAPSHOT</version>
  <parent><groupId>org.springframework.boot</groupId><version>3.2.0</version></parent>
  <properties><jackson.version>{jackson}</jackson.version></properties>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>web</artifactId></dependency>
    <dependency><groupId>c</groupId><artifactId>jackson</artifactId><version>${{jackson.version}}</version></dependency>
    <dependency><groupId>d</groupId><artifactId>lib</artifactId><version>{lib}</version></dependency>
  </dependencies>
</project>
"""


#: A build file that takes its versions from the catalogue: as exact as the catalogue is.
GRADLE = "dependencies {\n  implementation(libs.okhttp)\n}\n"


def _pinned(signals: Signals, files: dict[str, str]) -> list[str]:
    return [s.path for s in of(signals(files), "pinned-manifest")]


def test_maven_gradle_and_nuget_manifests_with_exact_versions_are_pinned(signals: Signals) -> None:
    """The project's own snapshot version and versions left to the parent or a property are no
    dependency's floating version."""
    files = {
        "pom.xml": POM.format(jackson="2.16.1", lib="1.4"),
        "build.gradle": "dependencies {\n  implementation 'com.squareup:okhttp:4.12.0'\n}\n",
        "App/App.csproj": '<Project><ItemGroup><PackageReference Include="Serilog" Version="3.1.1" />'
        '<PackageReference Include="Exact" Version="[2.0.0]" /></ItemGroup></Project>',
        "gradle/libs.versions.toml": '[versions]\nkotlin = "1.9.22"\n[libraries]\n'
        'okhttp = "com.squareup:okhttp:4.12.0"\nktor = { module = "io.ktor:ktor", version.ref = "kotlin" }\n',
        "Legacy/packages.config": '<packages><package id="Newtonsoft.Json" version="13.0.3" /></packages>',
    }
    pinned = ["App/App.csproj", "Legacy/packages.config", "build.gradle", "gradle/libs.versions.toml", "pom.xml"]
    assert _pinned(signals, files) == pinned
    manifests = {s.path for s in of(signals(files), "dependency-manifest")}
    assert manifests == set(pinned), "each pinned manifest is a manifest too"


@pytest.mark.parametrize(
    "files",
    [
        {"pom.xml": POM.format(jackson="[2.15,2.17)", lib="1.4")},  # a range, through a property
        {"pom.xml": POM.format(jackson="2.16.1", lib="LATEST")},
        {"pom.xml": POM.format(jackson="2.16.1", lib="1.5-SNAPSHOT")},
        {"build.gradle.kts": 'dependencies {\n  implementation("com.squareup:okhttp:4.+")\n}\n'},
        {
            "App.csproj": '<Project><ItemGroup><PackageReference Include="Serilog" Version="3.*" /></ItemGroup></Project>'
        },
        {
            "App.csproj": '<Project><ItemGroup><PackageReference Include="A" Version="[1.0,2.0)" /></ItemGroup></Project>'
        },
        {"packages.config": '<packages><package id="A" version="1.0.0" allowedVersions="[1,2)" /></packages>'},
        {"gradle/libs.versions.toml": '[libraries]\nokhttp = "com.squareup:okhttp:4.+"\n', "build.gradle": GRADLE},
        {
            "gradle/libs.versions.toml": '[libraries]\nlib = { module = "a:b", version = { require = "[1.0,2.0)" } }\n',
            "build.gradle": GRADLE,
        },
    ],
)
def test_a_floating_version_leaves_the_manifest_unpinned(signals: Signals, files: dict[str, str]) -> None:
    found = signals(files)
    assert "pinned-manifest" not in categories(found) and "dependency-manifest" in categories(found)


def test_migrations(signals: Signals) -> None:
    found = signals(
        {
            "db/migrate/20240101000000_create_users.rb": "",
            "prisma/migrations/migration_lock.toml": "",
            "CHANGELOG.md": "# Changelog\n",
        }
    )
    assert {s.path for s in of(found, "migrations")} == {
        "db/migrate/20240101000000_create_users.rb",
        "prisma/migrations/migration_lock.toml",
    }


@pytest.mark.parametrize(
    "path",
    [
        "prisma/migrations/20250101_add_fuel_type/migration.sql",
        "prisma/migrations/20241105002123_/migration.sql",  # `prisma migrate dev` given no name
    ],
)
def test_prisma_migration_folders_without_the_lock_file(signals: Signals, path: str) -> None:
    # a folder written by hand (a date as its version) or committed without migration_lock.toml
    (hit,) = of(signals({path: "ALTER TABLE vehicles ADD COLUMN fuel_type VARCHAR(50);\n"}), "migrations")
    assert hit.path == path
    assert "migrations" not in categories(signals({"prisma/migrations/notes/migration.sql": "-- draft\n"}))


def test_sql_migrations_in_a_folder_named_for_them(signals: Signals) -> None:
    # sqlx, goose and dbmate: versioned SQL files in a folder of any name ending in "migrations"
    found = signals(
        {
            "database-migrations/20230526174532_initial_schema.sql": "CREATE TABLE t (id int);\n",
            "service/db_migrations/0002_add_index.sql": "CREATE INDEX i ON t (id);\n",
            "queries/20230526174532_report.sql": "SELECT 1;\n",
            "migrations-notes/readme.sql": "-- notes\n",
        }
    )
    assert [s.path for s in of(found, "migrations")] == [
        "database-migrations/20230526174532_initial_schema.sql",
        "service/db_migrations/0002_add_index.sql",
    ]


def test_an_entity_framework_migration_is_its_own_file_not_the_designer_metadata(signals: Signals) -> None:
    found = signals(
        {
            "src/Migrations/20210115203328_Initial.Designer.cs": "// generated\n",
            "src/Migrations/20210115203328_Initial.cs": "public partial class Initial : Migration {}\n",
        }
    )
    assert [s.path for s in of(found, "migrations")] == ["src/Migrations/20210115203328_Initial.cs"]


def test_observability_dependencies(signals: Signals) -> None:
    found = signals(
        {
            "package.json": '{"dependencies": {"@sentry/node": "^8"}}',
            "go.mod": "module x\n\nrequire (\n\tgithub.com/sirupsen/logrus v1.9.3 // indirect\n)\n",
        }
    )
    hits = of(found, "observability")
    assert [(h.path, h.line) for h in hits] == [("package.json", 1)]


def test_indirect_go_dependency_is_not_observability(signals: Signals) -> None:
    found = signals({"go.mod": "module x\n\nrequire github.com/rs/zerolog v1.0.0 // indirect\n"})
    assert "observability" not in categories(found)


def test_health_checks(signals: Signals) -> None:
    found = signals(
        {
            "Dockerfile": "FROM nginx\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n",
            "other/Dockerfile": "FROM nginx\nHEALTHCHECK NONE\n",
            "compose.yml": "services:\n  db:\n    image: postgres\n    healthcheck:\n      test: [CMD, pg_isready]\n",
            "src/routes.py": "@app.get('/healthz')\ndef health():\n    return 'ok'\n",
        }
    )
    # The postgres healthcheck watches a backing service, not the application.
    assert {s.path for s in of(found, "health-check")} == {"Dockerfile", "src/routes.py"}


def test_a_compose_healthcheck_is_cited_at_its_own_services_line(signals: Signals) -> None:
    """The database's healthcheck usually comes first; the evidence is the application's."""
    compose = (
        "networks:\n  api:\n    driver: bridge\n"
        "services:\n"
        "  db:\n    image: postgres:16\n    healthcheck:\n      test: [CMD, pg_isready]\n"
        "  api:\n    build: .\n    # healthcheck: below\n    ports: ['8000:8000']\n"
        "    healthcheck:\n      test: [CMD, curl, -f, http://localhost:8000/health]\n"
    )
    (hit,) = of(signals({"compose.yml": compose}), "health-check")
    assert (hit.line, hit.detail) == (13, "compose healthcheck on service 'api'")


def test_a_databases_own_probe_is_no_health_check_of_the_app(signals: Signals) -> None:
    """cookiecutter-django builds its own postgres image (``image: shop_production_postgres``); its
    ``pg_isready`` healthcheck watches the database, as a service named ``redis`` watches the cache."""
    compose = (
        "services:\n"
        "  django:\n    build: .\n    image: shop_local_django\n"
        "  postgres:\n    build:\n      context: .\n      dockerfile: ./compose/production/postgres/Dockerfile\n"
        "    image: shop_production_postgres\n"
        '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]\n'
        "  redis:\n    image: registry.acme.dev/cache:7\n"
        "    healthcheck:\n      test: [CMD, redis-server, --version]\n"
        "  queue:\n    image: registry.acme.dev/mq:3\n"
        "    healthcheck:\n      test: rabbitmq-diagnostics -q ping\n"
    )
    assert not of(signals({"docker-compose.local.yml": compose}), "health-check")
    app = (
        compose + "  api:\n    build: .\n    healthcheck:\n      test: [CMD, curl, -f, http://localhost:8000/health]\n"
    )
    assert [s.detail for s in of(signals({"docker-compose.local.yml": app}), "health-check")] == [
        "compose healthcheck on service 'api'"
    ]


def test_prod_config_files_and_examples(signals: Signals) -> None:
    found = signals(
        {
            "config/environments/production.rb": "Rails.application.configure do\nend\n",
            ".env.production.example": "A=1\n",
            "lib/main_production.dart": "",
        }
    )
    assert {s.path for s in of(found, "prod-config")} == {"config/environments/production.rb"}


def test_azure_deployment_parameters_for_production(signals: Signals) -> None:
    """ARM and Bicep parameter files per environment (``az deployment group create -p ...``)."""
    found = signals(
        {
            "infrastructure/main.bicep": "param location string\n",
            "infrastructure/parameters.prod.json": '{"parameters": {}}\n',
            "infra/azuredeploy.parameters.production.json": "{}\n",
            "infra/main.prod.bicepparam": "using './main.bicep'\n",
            "infra/parameters.dev.json": "{}\n",
            "infra/products.parameters.json": "{}\n",
        }
    )
    assert {s.path for s in of(found, "prod-config")} == {
        "infrastructure/parameters.prod.json",
        "infra/azuredeploy.parameters.production.json",
        "infra/main.prod.bicepparam",
    }


def test_a_cloudformation_stack_template_named_for_production(signals: Signals) -> None:
    """A stack template per environment (``aws/template.prod.yaml`` beside ``template.dev.yaml``,
    deployed with ``aws cloudformation deploy``) is the production environment's definition; a
    YAML named for production that is no template (a product list) is none."""
    template = (
        "AWSTemplateFormatVersion: '2010-09-09'\nDescription: shop\nResources:\n  Db:\n"
        "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
    )
    found = signals(
        {
            "aws/template.prod.yaml": template,
            "aws/template.dev.yaml": template,
            "cloudformation/stack-production.yml": template.replace("Db", "Queue"),
            "data/products.prod.yaml": "- name: chair\n  price: 10\n",
        }
    )
    assert sorted(s.path for s in of(found, "prod-config")) == [
        "aws/template.prod.yaml",
        "cloudformation/stack-production.yml",
    ]


def test_a_platforms_production_file_or_section(signals: Signals) -> None:
    """Fly, App Engine and the Serverless Framework take one file per environment; Cloudflare
    Workers and Netlify keep a production section in their one file."""
    found = signals(
        {
            "fly.production.toml": 'app = "shop-prod"\n',
            "app.prod.yaml": "runtime: python312\n",
            "wrangler.toml": 'name = "api"\n[env.staging]\nname = "api-staging"\n[env.production]\nname = "api-prod"\n',
            "site/netlify.toml": '[build]\ncommand = "npm run build"\n[context.production]\ncommand = "npm run build:prod"\n',
            "edge/wrangler.toml": 'name = "edge"\n[env.dev]\nname = "edge-dev"\n',
            "tsconfig.prod.json": "{}\n",
        }
    )
    assert sorted((s.path, s.line) for s in of(found, "prod-config")) == [
        ("app.prod.yaml", None),
        ("fly.production.toml", None),
        ("site/netlify.toml", 3),
        ("wrangler.toml", 4),
    ]


def test_a_workers_json_configuration_with_a_production_environment(signals: Signals) -> None:
    """``wrangler.jsonc`` (the format Cloudflare now starts Workers with) keeps its environments in
    an ``"env"`` object, as ``wrangler.toml`` keeps ``[env.production]``."""
    jsonc = (
        '{\n  "name": "api",\n  // local development\n  "vars": { "ENVIRONMENT": "development" },\n'
        '  "env": {\n    "staging": { "name": "api-staging", "vars": { "ENVIRONMENT": "staging" } },\n'
        '    "production": {\n      "name": "api-prod",\n    },\n  },\n}\n'
    )
    (hit,) = of(signals({"backend/wrangler.jsonc": jsonc}), "prod-config")
    assert (hit.path, hit.line, hit.detail) == ("backend/wrangler.jsonc", 7, "production environment in wrangler.jsonc")
    staging_only = jsonc.replace('"production"', '"preview"')
    production_var = '{\n  "name": "api",\n  "vars": { "ENVIRONMENT": "production" }\n}\n'
    for text in (staging_only, production_var):
        assert "prod-config" not in categories(signals({"wrangler.json": text})), text


ROCKET_TOML = """[development]
address = "localhost"
port = 8000
secret_key = "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk="

[production]
address = "0.0.0.0" # Any interface
port = 8000
secret_key = 'UbRZS0Zhkt6BQkDydi6zxBTvF7GpC7xUElkLh+GG1qc=' # Generate with openssl rand -base64 32
"""


def test_rockets_production_table_is_production_configuration(signals: Signals) -> None:
    """``Rocket.toml`` keeps a table per profile: ``[production]`` (Rocket 0.4) or ``[release]``
    (0.5) is what the deployed build runs with, and its ``secret_key`` signs the cookies there."""
    found = signals({"Rocket.toml": ROCKET_TOML})
    assert [(s.line, s.detail) for s in of(found, "prod-config")] == [
        (6, "Rocket production profile [production] in Rocket.toml")
    ]
    assert [(s.line, s.detail) for s in of(found, "secrets")] == [(9, "hard-coded value for secret_key")]
    release = '[default]\nport = 8000\n\n[release]\n# the deployed build\naddress = "0.0.0.0"\n'
    assert [s.line for s in of(signals({"Rocket.toml": release}), "prod-config")] == [4]
    development = ROCKET_TOML.split("[production]", 1)[0] + "[production]\n"  # an empty production table
    found = signals({"Rocket.toml": development})
    assert "prod-config" not in categories(found) and "secrets" not in categories(found)
    assert [s.detail for s in of(found, "secrets-dev-only")] == ["generated value for secret_key, dev/test-only"]


RAILS_DATABASE = """default: &default
  adapter: sqlite3
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

development:
  <<: *default
  database: storage/development.sqlite3

production:
  <<: *default
  database: storage/production.sqlite3
"""


def test_a_rails_production_database_edited_for_a_deployed_one(signals: Signals) -> None:
    """A ``database.yml`` production section that names a host or switches the adapter was edited
    for the deployed database; the generator's names none (``shop_production``)."""
    switched = RAILS_DATABASE.replace(
        "  database: storage/production.sqlite3\n",
        "  adapter: postgresql\n  database: shop_gqt6\n  url: <%= ENV['DATABASE_URL'] %>\n",
    )
    hosted = RAILS_DATABASE.replace(
        "  database: storage/production.sqlite3\n", "  database: shop\n  host: /cloudsql/shop-2471:us-west2:shop\n"
    )
    assert [(s.line, s.detail) for s in of(signals({"config/database.yml": switched}), "prod-config")] == [
        (9, "Rails production database: postgresql, where the other sections use sqlite3")
    ]
    assert [s.detail for s in of(signals({"config/database.yml": hosted}), "prod-config")] == [
        "Rails production database: names its host"
    ]
    generated = (
        "default: &default\n  adapter: postgresql\n\nproduction:\n  <<: *default\n  database: shop_production\n"
        '  username: shop\n  password: <%= ENV["SHOP_DATABASE_PASSWORD"] %>\n  host: <%= ENV["DB_HOST"] %>\n'
    )
    local = RAILS_DATABASE.replace("  database: storage/production.sqlite3\n", "  host: localhost\n")
    for text in (RAILS_DATABASE, generated, local):
        assert not of(signals({"config/database.yml": text}), "prod-config")


def test_a_pm2_process_files_production_environment(signals: Signals) -> None:
    """PM2 runs the app on its servers with ``--env production``: the process file's
    ``env_production`` block is the production environment, as ``[env.production]`` is Wrangler's."""
    pm2 = (
        "module.exports = {\n  apps: [\n    {\n      name: 'shop',\n      script: 'server.js',\n"
        "      env_development: {\n        APP_ENV: 'dev',\n      },\n      env_production: {\n"
        "        APP_ENV: 'prod',\n      },\n    },\n  ],\n};\n"
    )
    found = signals({"ecosystem.config.js": pm2, "worker/ecosystem.json": '{"apps": [{"name": "w", "env": {}}]}\n'})
    assert [(s.path, s.line, s.detail) for s in of(found, "prod-config")] == [
        ("ecosystem.config.js", 9, "PM2 production environment in ecosystem.config.js")
    ]
    # an app of the process file run with NODE_ENV=production is the production process
    prod_app = (
        "module.exports = {\n  apps: [\n    {\n      name: 'prod',\n      script: 'dist/index.js',\n"
        "      env: {\n        PORT: 3000,\n        NODE_ENV: 'production',\n      },\n    },\n  ],\n};\n"
    )
    (hit,) = of(signals({"ecosystem.config.js": prod_app}), "prod-config")
    assert hit.line == 8
    dev_app = prod_app.replace("'production'", "'development'")
    assert "prod-config" not in categories(signals({"ecosystem.config.js": dev_app}))
    # PM2's own template: an env_production block holding NODE_ENV alone configures nothing
    template = (
        'module.exports = {\n  apps: [\n    {\n      name: "api",\n      script: "./dist/index.js",\n'
        '      env: {\n        NODE_ENV: "development",\n      },\n'
        '      env_production: {\n        NODE_ENV: "production",\n      }\n    }\n  ]\n};\n'
    )
    assert "prod-config" not in categories(signals({"ecosystem.config.cjs": template}))


def test_throwaway_folder_reported_once(signals: Signals) -> None:
    found = signals({"scratch/a.py": "", "scratch/deep/b.py": "", "scratch/notes.md": "", "src/c.py": ""})
    hits = of(found, "throwaway")
    assert [h.path for h in hits] == ["scratch"] and "2 source" in hits[0].detail


def test_release_config(signals: Signals) -> None:
    assert "release" in categories(signals({".releaserc.json": "{}", "README.md": "# x\n"}))


def test_detect_is_sorted_and_deduplicated(tmp_path: Path) -> None:
    inv = make_inventory(tmp_path, {"Dockerfile": "FROM alpine\n"})

    def twice(_inv: object) -> list[Signal]:
        return [Signal("container", "Dockerfile", 1, "x"), Signal("container", "Dockerfile", 1, "x")]

    assert detect(inv, (twice,)) == (Signal("container", "Dockerfile", 1, "x"),)
    assert len(BUILTIN_DETECTORS) > 10


def test_hostile_yaml_does_not_crash(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    deep = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
    deep_map = "".join("  " * i + f"k{i}:\n" for i in range(2_000))
    files = {
        ".github/workflows/bomb.yml": "on: push\njobs:\n  j:\n    steps:\n      - run: pytest\n" + bomb,
        "k8s/bomb.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" + bomb,
        "docker-compose.yml": deep,
        "deploy/deep.yaml": "apiVersion: v1\nkind: x\n" + deep_map,
        "Chart.yaml": deep,
        ".gitlab-ci.yml": bomb,
    }
    detect(make_inventory(tmp_path, files))


def test_binary_and_undecodable_files(tmp_path: Path) -> None:
    files = {
        "Dockerfile": b"\x00\x01FROM x",
        "package.json": b"\xff\xfe{",
        ".env": b"\x00TOKEN=abc",
        "README.md": b"\xff\xfe# readme",
    }
    found = detect(make_inventory(tmp_path, files))
    assert "container" not in categories(found)
    assert "secrets" not in categories(found)


def test_production_profiles_inside_shared_configuration(signals: Signals) -> None:
    spring = (
        "spring:\n  application:\n    name: orders\n---\n"
        "spring:\n  config:\n    activate:\n      on-profile: prod\n  datasource:\n    url: ${DB_URL}\n"
    )
    quarkus = "quarkus.http.port=8080\n%dev.quarkus.log.level=DEBUG\n%prod.quarkus.datasource.jdbc.url=jdbc:x\n"
    symfony = "monolog:\n  handlers:\n    main:\n      type: fingers_crossed\n"
    found = signals(
        {
            "src/main/resources/application.yml": spring,
            "svc/src/main/resources/application.properties": quarkus,
            "config/packages/prod/monolog.yaml": symfony,
        }
    )
    assert sorted((s.path, s.line) for s in of(found, "prod-config")) == [
        ("config/packages/prod/monolog.yaml", None),
        ("src/main/resources/application.yml", 8),
        ("svc/src/main/resources/application.properties", 3),
    ]
    # dev and test profiles, and the active-profile switch, are not production settings
    dev_only = "%dev.quarkus.log.level=DEBUG\nspring.profiles.active=prod\n"
    assert "prod-config" not in categories(signals({"application.properties": dev_only}))
    dotted = "spring:\n  profiles.active: test\n---\nspring:\n  config.activate.on-profile: {}\n"
    (hit,) = of(signals({"src/main/resources/application.yml": dotted.format("prod")}), "prod-config")
    assert hit.line == 5
    assert "prod-config" not in categories(signals({"src/main/resources/application.yml": dotted.format("dev")}))


def test_spring_initializr_package_is_the_application_not_an_example(signals: Signals) -> None:
    # com.example.demo is the package Spring Initializr generates: the folders below src/main/java
    # are package names, not example or demo folders
    config = "management.endpoints.web.exposure.include=health,info\n"
    found = signals({"src/main/java/com/example/demo/config/application.properties": config})
    assert [s.path for s in of(found, "health-check")] == [
        "src/main/java/com/example/demo/config/application.properties"
    ]
    assert "health-check" not in categories(signals({"examples/demo/application.properties": config}))


def test_golang_migrate_files_are_named_for_their_tool_and_led_by_the_up_file(signals: Signals) -> None:
    found = signals(
        {
            "internal/infra/database/migrations/000001_initial_schema.down.sql": "DROP TABLE t;\n",
            "internal/infra/database/migrations/000001_initial_schema.up.sql": "CREATE TABLE t (id int);\n",
        }
    )
    (hit,) = of(found, "migrations")
    assert hit.path.endswith("000001_initial_schema.up.sql")
    assert hit.detail == "up/down SQL migration (000001_initial_schema.up.sql)"
    nested = signals({"app/data/migrations/versions/001_initial_schema.up.sql": "CREATE TABLE t (id int);\n"})
    assert [s.path for s in of(nested, "migrations")] == ["app/data/migrations/versions/001_initial_schema.up.sql"]


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("migrations/Version20230703115915.php", "Doctrine migration (Version20230703115915.php)"),
        ("src/Migrations/Version20190101000000.php", "Doctrine migration (Version20190101000000.php)"),
        ("db/migrations/20180411030450_create_groups.php", "Phinx migration (20180411030450_create_groups.php)"),
        ("config/Migrations/20230101120000_CreateUsers.php", "Phinx migration (20230101120000_CreateUsers.php)"),
        ("console/migrations/m130524_201442_init.php", "Yii migration (m130524_201442_init.php)"),
        (
            "app/Database/Migrations/2020-05-29-120000_AddMedia.php",
            "CodeIgniter migration (2020-05-29-120000_AddMedia.php)",
        ),
        ("Migrations/202109291819462_InitialModel.cs", "Entity Framework migration (202109291819462_InitialModel.cs)"),
        ("src/migrations/Migration20230710191300.ts", "MikroORM migration (Migration20230710191300.ts)"),
        ("migrations/models/0_20240312101500_init.py", "Aerich migration (0_20240312101500_init.py)"),
        ("app/migrations/shop/3_20240401093000_add_orders.py", "Aerich migration (3_20240401093000_add_orders.py)"),
        (
            "database/migrations/2024.03.12T10.15.00.add-orders.js",
            "Umzug migration (2024.03.12T10.15.00.add-orders.js)",
        ),
        ("src/migrations/2024.03.12T10.15.00.add-orders.ts", "Umzug migration (2024.03.12T10.15.00.add-orders.ts)"),
        ("src/migrations/20240312_101500.ts", "Payload migration (20240312_101500.ts)"),
        ("src/migrations/20240312_101500_add_orders.json", "Payload migration (20240312_101500_add_orders.json)"),
        # an Ecto repository other than MyApp.Repo keeps its migrations in priv/<repo name>/migrations
        (
            "priv/analytics_repo/migrations/20240312101500_create_events.exs",
            "Ecto migration (20240312101500_create_events.exs)",
        ),
        ("db/migrations/001_create_cards.rb", "Ruby migration (001_create_cards.rb)"),
        ("conf/evolutions/default/1.sql", "Play evolutions migration (1.sql)"),
        ("hasura/migrations/default/1614890443230_create_table_notes/up.sql", "Hasura migration (up.sql)"),
        ("api/db/migrations/20220912101549_init/migration.sql", "Prisma migration (migration.sql)"),
        ("drizzle/meta/_journal.json", "Drizzle migration (_journal.json)"),
        # a Laravel module's own migrations (nwidart/laravel-modules)
        (
            "Modules/Billing/Database/Migrations/2024_03_12_101500_create_invoices_table.php",
            "Laravel migration (2024_03_12_101500_create_invoices_table.php)",
        ),
        # dated without a time of day: the migrator runs every file of the folder, in name order
        (
            "database/migrations/2024_01_08_create_statuses_table.php",
            "Laravel migration (2024_01_08_create_statuses_table.php)",
        ),
        ("phinx.yml", "Phinx migration (phinx.yml)"),
        ("db/sqitch.plan", "Sqitch migration (sqitch.plan)"),
        ("shop/migrations/0001_initial.py", "Django migration (0001_initial.py)"),
        # one folder of migrations per database engine the application supports
        ("migrations/postgres/20260724_baseline.sql", "schema migration (20260724_baseline.sql)"),
        # Django's MIGRATION_MODULES setting gathering every app's migrations in one folder
        ("migrations/shop/0002_add_price.py", "Django migration (0002_add_price.py)"),
        ("migrations/versions/0001_initial.py", "Alembic migration (0001_initial.py)"),
        # TypeORM's timestamped migrations, grouped in a folder of the migrations folder
        (
            "migrations/table/1771488653719-create-user-table.js",
            "schema migration (1771488653719-create-user-table.js)",
        ),
        # Alembic's own folder, without its alembic.ini (kept elsewhere or passed with -c)
        (
            "alembic/versions/c7c56ce73525_create_users_table.py",
            "Alembic migration (c7c56ce73525_create_users_table.py)",
        ),
    ],
)
def test_migrations_of_more_frameworks_by_their_file_names(signals: Signals, path: str, detail: str) -> None:
    (hit,) = of(signals({path: "x\n", "README.md": "# app\n"}), "migrations")
    assert (hit.path, hit.detail) == (path, detail)


def test_diesel_migration_folders_with_dashed_dates_lead_with_the_up_script(signals: Signals) -> None:
    """One migration per folder (Diesel, Prisma, Hasura): the migrations folder is the evidence
    once, shown by its first migration, not once per migration."""
    found = signals(
        {
            "migrations/2022-12-13-174107_create_posts/down.sql": "DROP TABLE posts;\n",
            "migrations/2022-12-13-174107_create_posts/up.sql": "CREATE TABLE posts (id int);\n",
            "migrations/2022-12-14-090000_add_title/up.sql": "ALTER TABLE posts ADD title text;\n",
        }
    )
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [
        ("migrations/2022-12-13-174107_create_posts/up.sql", "Diesel migration (up.sql)")
    ]


def test_an_ecto_migration_folder_is_shown_by_a_migration_not_its_formatter_settings(signals: Signals) -> None:
    found = signals(
        {
            "priv/repo/migrations/.formatter.exs": "[import_deps: [:ecto_sql]]\n",
            "priv/repo/migrations/20220629093820_create_items.exs": "defmodule Repo.Migrations.CreateItems do\nend\n",
        }
    )
    assert [s.path for s in of(found, "migrations")] == ["priv/repo/migrations/20220629093820_create_items.exs"]


def test_liquibase_sql_changelogs_by_their_header(signals: Signals) -> None:
    changelog = "--liquibase formatted sql\n\n--changeset dev:1\nCREATE TABLE events (id bigint);\n"
    found = signals({"src/main/resources/db/changelog/changes/001-init.sql": changelog})
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [
        ("src/main/resources/db/changelog/changes/001-init.sql", "Liquibase SQL changelog")
    ]


def test_sql_without_a_migration_convention_is_no_migration(signals: Signals) -> None:
    found = signals(
        {
            "db/changelog/notes.sql": "-- release notes as SQL comments\nSELECT 1;\n",
            "reports/liquibase-formatted.sql": "SELECT 1; -- liquibase formatted sql\n",
            "data/evolutions/1.sql": "SELECT 1;\n",
            "src/Version20230703115915.php": "<?php\n",
            "storage/20230101120000_backup.php": "<?php\n",
            "src/store/migrations/2.ts": "export default (state: unknown) => state;\n",
            "tools/exports/1_20240312101500_orders.py": "rows = []\n",
            "logs/2024.03.12T10.15.00.orders.js": "export default [];\n",
            "docs/sqitch.plan": "%project=shop\n",
        }
    )
    assert not of(found, "migrations")


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("renv.lock", "renv lock file"),
        ("paket.lock", "Paket lock file"),
        ("cpanfile.snapshot", "Carton lock file"),
        ("stack.yaml.lock", "Stack lock file"),
        ("rebar.lock", "rebar3 lock file"),
        ("shard.lock", "Shards lock file"),
        ("Gopkg.lock", "Go dep lock file"),
        ("pylock.toml", "pylock lock file"),
        ("pylock.dev.toml", "pylock lock file"),
        ("buildscript-gradle.lockfile", "Gradle lock file"),
        ("gradle/dependency-locks/compileClasspath.lockfile", "Gradle lock file (per configuration)"),
        ("dub.selections.json", "dub lock file"),
        ("nimble.lock", "Nimble lock file"),
        ("conda-linux-64.lock", "conda-lock lock file"),
        ("Berksfile.lock", "Berkshelf lock file"),
        ("Puppetfile.lock", "Puppet modules lock file"),
    ],
)
def test_lock_files_of_more_ecosystems(signals: Signals, path: str, detail: str) -> None:
    assert [(s.path, s.detail) for s in of(signals({path: "x\n"}), "lockfile")] == [(path, detail)]


def test_a_manifest_toml_is_a_lock_file_beside_its_project_file(signals: Signals) -> None:
    gleam = signals({"gleam.toml": 'name = "app"\n', "manifest.toml": "packages = []\n"})
    assert [(s.path, s.detail) for s in of(gleam, "lockfile")] == [("manifest.toml", "Gleam lock file")]
    assert not of(
        signals({"manifest.toml": "packages = []\n", "x.lockfile": "a=b\n", "conda-env.yml": "name: x\n"}), "lockfile"
    )


def test_requirements_lock_files_written_by_rye_are_lock_files(signals: Signals) -> None:
    rye = "# generated by rye\n# use `rye lock` or `rye sync` to update this lockfile\n-e file:.\nanyio==4.3.0\n"
    found = signals({"requirements.lock": rye, "requirements-dev.lock": rye, "pyproject.toml": "[project]\n"})
    assert [(s.path, s.detail) for s in of(found, "lockfile")] == [
        ("requirements-dev.lock", "rye lock file"),
        ("requirements.lock", "rye lock file"),
    ]


#: An application's manifest (not a library's, which needs no lock) for each paired ecosystem.
APPLICATION_MANIFESTS = {
    "package.json": '{"private": true, "scripts": {"start": "node app.js"}, "dependencies": {"express": "^4"}}',
    "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["fastapi>=0.110"]\n',
    "go.mod": "module example.com/shop\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n",
    "cargo.toml": '[package]\nname = "shop"\n\n[[bin]]\nname = "shop"\n\n[dependencies]\nserde = "1"\n',
    "gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\n',
    "composer.json": '{"type": "project", "require": {"laravel/framework": "^11.0"}}',
    "pubspec.yaml": "name: shop\npublish_to: 'none'\n\ndependencies:\n  flutter:\n    sdk: flutter\n",
    "mix.exs": 'defmodule Shop.MixProject do\n  defp deps do\n    [{:phoenix, "~> 1.7"}]\n  end\nend\n',
    "podfile": "platform :ios, '15.0'\n\ntarget 'Shop' do\n  pod 'Alamofire', '~> 5.8'\nend\n",
}


@pytest.mark.parametrize("ecosystem", PAIRED_ECOSYSTEMS, ids=lambda e: e.name)
def test_each_paired_ecosystem_is_found_unlocked_and_then_locked_by_each_of_its_lock_files(
    signals: Signals, ecosystem: PairedEcosystem
) -> None:
    # Every row of the pairing table names manifests and lock files the detectors know.
    assert set(ecosystem.manifests) <= set(MANIFESTS) and set(ecosystem.locks) <= set(LOCKFILES)
    name = ecosystem.manifests[0]
    files = {f"svc/{name}": APPLICATION_MANIFESTS[name]}
    found = of(signals(files), "unlocked-manifest")
    assert [(s.path, s.detail) for s in found] == [
        (f"svc/{name}", f"{ecosystem.name} dependencies, no {ecosystem.hint}")
    ]
    for lock in ecosystem.locks:
        assert _unlocked(signals, {**files, f"svc/{lock}": "{}\n"}) == [], lock


def _unlocked(signals: Signals, files: dict[str, str]) -> list[str]:
    return [s.path for s in of(signals(files), "unlocked-manifest")]


GO_MOD = "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.5.0\n)\n"
SPA = '{"name": "web", "private": true, "scripts": {"build": "vite build"}, "dependencies": {"vue": "^3.4.0"}}'


def test_each_ecosystem_needs_its_own_lock_file(signals: Signals) -> None:
    # a Go service's go.sum locks the Go module; the front end beside it stays unlocked, and is named
    service = {"go.mod": GO_MOD, "go.sum": "github.com/jackc/pgx/v5 v5.5.0 h1:0=\n", "web/package.json": SPA}
    found = signals(service)
    assert [(s.path, s.detail) for s in of(found, "unlocked-manifest")] == [
        ("web/package.json", "npm dependencies, no package-lock.json, yarn.lock, pnpm-lock.yaml or bun.lock")
    ]
    assert _unlocked(signals, {**service, "web/yarn.lock": "# yarn lockfile v1\n"}) == []
    # a Python back end is not locked by the front end's package-lock.json
    python = {"api/requirements.txt": "fastapi>=0.110\nuvicorn\n", "ui/package.json": SPA, "ui/package-lock.json": "{}"}
    assert _unlocked(signals, python) == ["api/requirements.txt"]
    assert _unlocked(signals, {**python, "api/requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n"}) == []
    rails = {"Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\n', "yarn.lock": "", "package.json": SPA}
    assert _unlocked(signals, rails) == ["Gemfile"]
    laravel = {"composer.json": '{"type": "project", "require": {"laravel/framework": "^11.0"}}', "go.sum": ""}
    assert _unlocked(signals, laravel) == ["composer.json"]


def test_mobile_and_elixir_applications_need_their_own_lock_file(signals: Signals) -> None:
    api = {"go.mod": GO_MOD, "go.sum": ""}
    flutter = "name: shop\npublish_to: 'none' # not a package\n\ndependencies:\n  flutter:\n    sdk: flutter\n"
    podfile = "platform :ios, '15.0'\n\ntarget 'Shop' do\n  pod 'Alamofire', '~> 5.8'\nend\n"
    mobile = {**api, "mobile/pubspec.yaml": flutter, "ios/Podfile": podfile}
    assert _unlocked(signals, mobile) == ["ios/Podfile", "mobile/pubspec.yaml"]
    assert _unlocked(signals, {**mobile, "mobile/pubspec.lock": "packages: {}\n", "ios/Podfile.lock": ""}) == []
    phoenix = 'defmodule Shop.MixProject do\n  defp deps do\n    [{:phoenix, "~> 1.7"}]\n  end\nend\n'
    assets = {"assets/package.json": SPA, "assets/package-lock.json": "{}"}
    assert _unlocked(signals, {"mix.exs": phoenix, **assets}) == ["mix.exs"]
    assert _unlocked(signals, {"mix.exs": phoenix, "mix.lock": "%{}\n", **assets}) == []
    # packages published to pub.dev and Hex leave their lock file out
    package = "name: tiny_http\nversion: 1.2.0\n\ndependencies:\n  http: ^1.2.0\n"
    project = "  def project do\n    [app: :tiny_json,\n     package: package(),\n     deps: deps()]\n  end\n"
    hex_package = phoenix.replace("  defp deps do", project + "  defp deps do")
    assert _unlocked(signals, {**api, "pubspec.yaml": package}) == []
    assert _unlocked(signals, {**api, "mix.exs": hex_package}) == []


def test_a_workspace_root_lock_file_locks_its_members(signals: Signals) -> None:
    member = '{"name": "@shop/api", "private": true, "dependencies": {"express": "^4.19.2"}}'
    npm = {"package.json": '{"private": true, "workspaces": ["apps/*"]}', "package-lock.json": "{}"}
    assert _unlocked(signals, {**npm, "apps/api/package.json": member}) == []
    pnpm = {"pnpm-workspace.yaml": "packages:\n  - apps/*\n", "pnpm-lock.yaml": "lockfileVersion: '9.0'\n"}
    assert _unlocked(signals, {**pnpm, "apps/api/package.json": member}) == []
    nx = {"nx.json": "{}", "package.json": '{"private": true, "devDependencies": {"nx": "^19"}}', "yarn.lock": ""}
    assert _unlocked(signals, {**nx, "libs/ui/package.json": member}) == []
    rush = {"rush.json": "{}", "common/config/rush/pnpm-lock.yaml": "lockfileVersion: 5.4\n"}
    assert _unlocked(signals, {**rush, "apps/api/package.json": member}) == []
    # a root package.json that declares no workspace does not lock the folders below it
    scripts = '{"scripts": {"api": "cd api && npm install"}, "dependencies": {"concurrently": "^8.0.0"}}'
    assert _unlocked(signals, {"package.json": scripts, "package-lock.json": "{}", "api/package.json": member}) == [
        "api/package.json"
    ]
    cargo = {"Cargo.toml": '[workspace]\nmembers = ["server"]\n', "Cargo.lock": "version = 3\n"}
    server = '[package]\nname = "server"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n'
    assert _unlocked(signals, {**cargo, "server/Cargo.toml": server, "server/src/main.rs": "fn main() {}\n"}) == []
    uv = {"pyproject.toml": '[project]\nname = "shop"\n\n[tool.uv.workspace]\nmembers = ["svc/*"]\n', "uv.lock": ""}
    assert (
        _unlocked(signals, {**uv, "svc/api/pyproject.toml": '[project]\nname = "api"\ndependencies = ["httpx"]\n'})
        == []
    )


def test_libraries_and_manifests_without_dependencies_need_no_lock_file(signals: Signals) -> None:
    crate = '[package]\nname = "tinyparse"\nversion = "0.3.1"\n\n[dependencies]\nnom = "7"\n'
    assert _unlocked(signals, {"Cargo.toml": crate, "src/lib.rs": "pub fn parse() {}\n"}) == []
    assert _unlocked(signals, {"Cargo.toml": crate, "src/main.rs": "fn main() {}\n"}) == ["Cargo.toml"]
    gem = 'source "https://rubygems.org"\n\n# dependencies are in fancy.gemspec\ngemspec\n\ngem "rake"\n'
    assert _unlocked(signals, {"Gemfile": gem, "fancy.gemspec": "Gem::Specification.new do |s|\nend\n"}) == []
    composer = '{"name": "acme/http", "type": "library", "require": {"psr/http-client": "^1.0"}}'
    assert _unlocked(signals, {"composer.json": composer}) == []
    package = '{"name": "@acme/pad", "types": "dist/index.d.ts", "files": ["dist"], "dependencies": {"tslib": "^2"}}'
    assert _unlocked(signals, {"package.json": package}) == []
    sdk = "from setuptools import setup\n\nsetup(\n    name='shop-sdk',\n    install_requires=['httpx>=0.27'],\n"
    classified = sdk + "    classifiers=['Programming Language :: Python :: 3'],\n)\n"
    assert _unlocked(signals, {"sdks/python/setup.py": classified, "go.mod": GO_MOD, "go.sum": ""}) == []
    assert _unlocked(signals, {"sdks/python/setup.py": sdk + ")\n", "go.mod": GO_MOD, "go.sum": ""}) == [
        "sdks/python/setup.py"
    ]
    # a private package is an application, whatever keys it carries
    private = '{"private": true, "files": ["dist"], "dependencies": {"react": "^18"}}'
    assert _unlocked(signals, {"package.json": private}) == ["package.json"]
    # a go.mod requiring nothing has no go.sum to commit; commit hooks are tools, not the application
    hooks = '{"private": true, "scripts": {"prepare": "husky"}, "devDependencies": {"husky": "^9.0.0"}}'
    assert _unlocked(signals, {"go.mod": "module example.com/hello\n\ngo 1.22\n", "package.json": hooks}) == []
    svelte = '{"private": true, "scripts": {"build": "vite build"}, "devDependencies": {"@sveltejs/kit": "^2"}}'
    assert _unlocked(signals, {"package.json": svelte}) == ["package.json"]


def test_development_tools_are_locked_by_any_lock_file(signals: Signals) -> None:
    # the dependencies of tests, scripts and development tools never ship: any lock file will do
    service = {"go.mod": GO_MOD, "go.sum": "github.com/jackc/pgx/v5 v5.5.0 h1:0=\n"}
    harness = '{"private": true, "scripts": {"test": "playwright test"}, "dependencies": {"@playwright/test": "^1"}}'
    tools = {
        "e2e/package.json": harness,
        "api_tests/package.json": harness,
        "scripts/requirements.txt": "boto3\n",
        "requirements-dev.txt": "pytest\nruff\n",
    }
    assert _unlocked(signals, {**service, **tools}) == []
    # without any lock file they are unlocked too
    assert _unlocked(signals, tools) == sorted(tools)


def test_other_ecosystems_are_locked_by_any_lock_file(signals: Signals) -> None:
    sbt = 'libraryDependencies += "org.typelevel" %% "cats-core" % "2.10.+"\n'  # floating: not pinned
    assert _unlocked(signals, {"build.sbt": sbt}) == ["build.sbt"]
    assert _unlocked(signals, {"build.sbt": sbt, "ui/package.json": SPA, "ui/package-lock.json": "{}"}) == []
    # a Terraform provider lock or a Helm chart lock locks no application dependency
    infra = {
        "infra/.terraform.lock.hcl": 'provider "x" {}\n',
        "chart/Chart.yaml": "name: app\n",
        "chart/Chart.lock": "",
    }
    assert _unlocked(signals, {"build.sbt": sbt, **infra}) == ["build.sbt"]


CHART_LOCK = (
    "dependencies:\n- name: postgresql\n  repository: oci://registry-1.docker.io/bitnamicharts\n  version: 15.5.0\n"
)


def test_a_helm_chart_lock_is_a_lock_file_beside_its_chart(signals: Signals) -> None:
    found = signals({"deploy/chart/Chart.yaml": "apiVersion: v2\nname: shop\n", "deploy/chart/Chart.lock": CHART_LOCK})
    assert [(s.path, s.detail) for s in of(found, "lockfile")] == [
        ("deploy/chart/Chart.lock", "Helm chart dependencies lock file")
    ]
    # a Chart.lock with no chart beside it is no Helm lock file
    assert not of(signals({"backup/Chart.lock": CHART_LOCK}), "lockfile")


def test_a_dotnet_project_json_lock_is_a_lock_file_beside_its_project(signals: Signals) -> None:
    """.NET Core 1.x restored a ``project.json`` into the ``project.lock.json`` beside it."""
    project = '{\n  "dependencies": {\n    "Microsoft.AspNetCore.Mvc": "1.0.1"\n  }\n}\n'
    found = signals({"src/Api/project.json": project, "src/Api/project.lock.json": '{\n  "locked": false\n}\n'})
    assert [(s.path, s.detail) for s in of(found, "lockfile")] == [
        ("src/Api/project.lock.json", "NuGet (project.json) lock file")
    ]
    assert not of(signals({"tools/project.lock.json": '{"version": 1}\n'}), "lockfile")


def test_other_requirements_lock_files_are_no_lock_file(signals: Signals) -> None:
    # a `pip freeze` saved under that name pins like any requirements file; a Helm 2 chart's
    # requirements.lock pins charts, not Python packages
    frozen = signals({"requirements.lock": "anyio==4.3.0\nfastapi==0.110.1\n", "pyproject.toml": "[project]\n"})
    assert not of(frozen, "lockfile")
    assert [s.path for s in of(frozen, "pinned-manifest")] == ["pyproject.toml", "requirements.lock"]
    helm = "dependencies:\n- name: redis\n  version: 17.0.0\ndigest: sha256:0\n"
    chart = signals({"chart/requirements.lock": helm, "chart/Chart.yaml": "name: app\n"})
    assert not of(chart, "lockfile") and not of(chart, "pinned-manifest")


def test_a_requirements_folder_holds_requirements_files(signals: Signals) -> None:
    pinned = signals(
        {
            "requirements/base.txt": "Django==4.2.7  # web\nPillow==10.0.0\n",
            "requirements/production.txt": "-r base.txt\ngunicorn==21.2.0\n",
            "setup.cfg": "[metadata]\nname = app\n",
        }
    )
    assert {s.path for s in of(pinned, "dependency-manifest")} == {
        "requirements/base.txt",
        "requirements/production.txt",
        "setup.cfg",
    }
    assert ("setup.cfg", "Python dependencies pinned by requirements/base.txt") in {
        (s.path, s.detail) for s in of(pinned, "pinned-manifest")
    }
    hashed = "django==4.2.7 \\\n    --hash=sha256:" + "0" * 64 + "\n"
    locked = signals({"requirements/prod.txt": hashed, "requirements/prod.in": "django\n"})
    assert [s.path for s in of(locked, "lockfile")] == ["requirements/prod.txt"]


@pytest.mark.parametrize(
    "name", ["paket.dependencies", "cpanfile", "rebar.config", "shard.yml", "Gopkg.toml", "gleam.toml", "dub.json"]
)
def test_manifests_of_more_ecosystems(signals: Signals, name: str) -> None:
    assert [s.path for s in of(signals({name: "x\n"}), "dependency-manifest")] == [name]


def test_pip_compile_inputs_and_include_only_files_are_pinned_by_the_files_they_lead_to(signals: Signals) -> None:
    compiled = "# autogenerated by pip-compile\ndjango==4.2.7\n    # via -r requirements/base.in\nsqlparse==0.4.4\n"
    found = signals(
        {
            "requirements/base.in": "django<5\n",
            "requirements/base.txt": compiled,
            "requirements.txt": "-r requirements/base.txt\n",
        }
    )
    assert "lockfile" not in categories(found)
    assert {(s.path, s.detail) for s in of(found, "pinned-manifest")} == {
        ("requirements/base.txt", "pip requirements pin exact versions (==)"),
        ("requirements/base.in", "pip-compile input pinned by base.txt"),
        ("requirements.txt", "includes only pinned requirements files"),
    }


def test_an_input_or_include_of_unpinned_requirements_stays_unpinned(signals: Signals) -> None:
    found = signals(
        {
            "requirements/base.in": "django<5\n",
            "requirements/base.txt": "django>=4\n",
            "requirements/dev.txt": "pytest==8.0.0\n",
            "requirements.txt": "-r requirements/base.txt\n-r requirements/dev.txt\n",
        }
    )
    assert [s.path for s in of(found, "pinned-manifest")] == ["requirements/dev.txt"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("package.json", '{"private": true, "scripts": {"lint:md": "markdownlint docs"}}'),
        ("pyproject.toml", "[tool.ruff]\nline-length = 100\n\n[tool.codespell]\nskip = './build'\n"),
        ("setup.cfg", "[flake8]\nmax-line-length = 120\n\n[tool:pytest]\naddopts = -ra\n"),
    ],
)
def test_config_holding_only_tool_settings_or_scripts_is_no_manifest(signals: Signals, path: str, text: str) -> None:
    found = signals({path: text, "requirements.txt": "flask==3.0.0\n"})
    assert [s.path for s in of(found, "dependency-manifest")] == ["requirements.txt"]
    assert [s.path for s in of(found, "pinned-manifest")] == ["requirements.txt"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("pyproject.toml", "[project]\nname = 'app'\n\n[tool.ruff]\nline-length = 100\n"),
        ("pyproject.toml", "[tool.poetry.dependencies]\npython = '^3.11'\n"),
        ("pyproject.toml", "[build-system]\nrequires = ['setuptools']\n"),
        ("pyproject.toml", "not = [valid toml\n"),
        ("package.json", '{"private": true, "workspaces": ["packages/*"]}'),
        ("package.json", '{"devDependencies": {"prettier": "^3.2.5"}}'),
        ("setup.cfg", "[metadata]\nname = app\n\n[options]\ninstall_requires =\n    flask\n\n[flake8]\n"),
    ],
)
def test_config_declaring_a_project_or_dependencies_is_a_manifest(signals: Signals, path: str, text: str) -> None:
    assert [s.path for s in of(signals({path: text}), "dependency-manifest")] == [path]


def test_goose_and_dbmate_migrations_by_their_annotations_wherever_their_folder(signals: Signals) -> None:
    found = signals(
        {
            "sql/schema/001_users.sql": "-- +goose Up\nCREATE TABLE users (id uuid);\n\n-- +goose Down\nDROP TABLE users;\n",
            "sql/schema/002_feeds.sql": "-- +goose Up\nCREATE TABLE feeds (id uuid);\n",
            "sql/queries/users.sql": "-- name: GetUser :one\nSELECT * FROM users;\n",
            "database/changes/20240101120000_init.sql": "-- migrate:up\nCREATE TABLE t (id int);\n",
        }
    )
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [
        ("database/changes/20240101120000_init.sql", "dbmate migration (20240101120000_init.sql)"),
        ("sql/schema/001_users.sql", "goose migration (001_users.sql)"),
    ]


def test_numbered_scripts_in_a_migrations_folder_count_when_they_change_a_schema(signals: Signals) -> None:
    kysely = "export async function up(db) {\n  await db.schema.createTable('meta').execute();\n}\n"
    raw = "export default { async up(db) { await db.execAsync(`CREATE TABLE task (id INTEGER)`); } };\n"
    for path, text in {"src/db/migrations/001_initial.ts": kysely, "migrations/001_initial.js": raw}.items():
        assert [s.path for s in of(signals({path: text}), "migrations")] == [path], path


def test_numbered_scripts_that_change_no_schema_are_no_migration(signals: Signals) -> None:
    found = signals(
        {
            "src/store/migrations/2_rename_theme.ts": "export default (state: State) => ({ ...state, theme: 'dark' });\n",
            "sql/001_select.sql": "SELECT * FROM users;\n",
        }
    )
    assert not of(found, "migrations")


def test_drizzle_migrations_are_one_piece_of_evidence_with_their_journal(signals: Signals) -> None:
    found = signals(
        {
            "lib/db/migrations/0000_soft_the_fury.sql": 'CREATE TABLE "users" ("id" serial);\n',
            "lib/db/migrations/meta/_journal.json": '{"version": "7", "entries": []}\n',
        }
    )
    assert [s.path for s in of(found, "migrations")] == ["lib/db/migrations/0000_soft_the_fury.sql"]


def test_pinned_tooling_requirements_pin_no_project_manifest(signals: Signals) -> None:
    # pinned test and docs tools say nothing of the versions the application installs
    found = signals(
        {
            "pyproject.toml": "[project]\nname = 'lib'\ndependencies = ['httpx>=0.27']\n",
            "requirements-dev.txt": "pytest==8.0.0\nruff==0.4.4\n",
            "requirements/docs.txt": "sphinx==7.3.7\n",
        }
    )
    assert [s.path for s in of(found, "pinned-manifest")] == ["requirements-dev.txt", "requirements/docs.txt"]
    app = signals({"pyproject.toml": "[project]\nname = 'app'\n", "requirements/prod.txt": "django==4.2.7\n"})
    assert "pyproject.toml" in {s.path for s in of(app, "pinned-manifest")}


def test_liquibase_changelogs_in_a_liquibase_folder_whatever_their_names(signals: Signals) -> None:
    master = '<?xml version="1.0"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
    master += '  <include file="config/liquibase/changelog/20240101000000_added_entity_Order.xml"/>\n'
    master += "</databaseChangeLog>\n"
    found = signals({"src/main/resources/config/liquibase/master.xml": master})
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [
        ("src/main/resources/config/liquibase/master.xml", "Liquibase changelog")
    ]


def test_liquibase_master_changelog_by_its_conventional_name(signals: Signals) -> None:
    """``db.changelog-master.yaml`` is the name Spring Boot looks for: Liquibase's, whatever its
    body (includes only, or changes written in another format); another changelog needs its mark."""
    for path in ("src/main/resources/db/changelog/db.changelog-master.yaml", "db/db.changelog-master.xml"):
        found = signals({path: "- include:\n    file: changes/001-init.sql\n"})
        assert [(s.path, s.detail) for s in of(found, "migrations")] == [(path, "Liquibase changelog")], path
    assert not of(signals({"docs/changelog-2024.yaml": "- include:\n    file: x\n"}), "migrations")


def test_a_changelog_folder_of_release_notes_is_no_migration(signals: Signals) -> None:
    entry = "title: Fix the export button\ntype: fixed\nmerge_request: 123\n"
    assert not of(signals({"changelogs/unreleased/fix-export.yml": entry}), "migrations")


@pytest.mark.parametrize(
    ("path", "text", "detail"),
    [
        (
            "db/migrations/20240312101500-add_orders.sql",
            "-- +migrate Up\nCREATE TABLE orders (id serial PRIMARY KEY);\n\n-- +migrate Down\nDROP TABLE orders;\n",
            "sql-migrate migration (20240312101500-add_orders.sql)",
        ),
        (
            "store/schema/002_add_orders.sql",
            "CREATE TABLE orders (id serial PRIMARY KEY);\n\n---- create above / drop below ----\n\nDROP TABLE orders;\n",
            "tern migration (002_add_orders.sql)",
        ),
        (
            "src/main/resources/db/sql/001-create-orders.sql",
            "--liquibase formatted sql\n\n--changeset shop:1\nCREATE TABLE orders (id int);\n",
            "Liquibase migration (001-create-orders.sql)",
        ),
        (
            "schema/0002.add-orders.sql",
            "-- add orders\n-- depends: 0001.create-users\nCREATE TABLE orders (id int);\n",
            "yoyo migration (0002.add-orders.sql)",
        ),
        (
            "db/scripts/20240312101500_add_orders.sql",
            "-- // add orders\nCREATE TABLE orders (id int);\n\n-- //@UNDO\nDROP TABLE orders;\n",
            "MyBatis Migrations migration (20240312101500_add_orders.sql)",
        ),
    ],
)
def test_sql_migrations_annotated_by_their_tool_are_found_in_any_folder(
    signals: Signals, path: str, text: str, detail: str
) -> None:
    found = signals({path: text})
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [(path, detail)]


def test_versioned_sql_without_a_tools_annotation_outside_a_migrations_folder_is_no_migration(
    signals: Signals,
) -> None:
    files = {
        "reports/20240312-monthly_totals.sql": "SELECT sum(total) FROM orders; -- +migrate later\n",
        "sql/001_seed.sql": "INSERT INTO orders VALUES (1);\n-- create above, drop below\n",
    }
    assert "migrations" not in categories(signals(files))


FLUENT_MIGRATION = """\
using FluentMigrator;

namespace Shop.Data.Migrations
{
    [Migration(20240312101500)]
    public class AddOrders : Migration
    {
        public override void Up() => Create.Table("Orders").WithColumn("Id").AsInt32().PrimaryKey();

        public override void Down() => Delete.Table("Orders");
    }
}
"""


@pytest.mark.parametrize(
    "path", ["src/Shop.Data/Migrations/AddOrders.cs", "src/Shop.Core/Datastore/Migration/012_add_orders.cs"]
)
def test_fluentmigrator_migrations_are_found_by_their_attribute_whatever_their_names(
    signals: Signals, path: str
) -> None:
    found = signals({path: FLUENT_MIGRATION})
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [
        (path, f"FluentMigrator migration ({path.rsplit('/', 1)[-1]})")
    ]


def test_dotnet_code_in_a_migration_folder_without_fluentmigrators_attribute_is_no_migration(
    signals: Signals,
) -> None:
    files = {
        # the framework's base class, and an app's own settings "migration"
        "src/Shop.Core/Datastore/Migration/Framework/ShopMigrationBase.cs": (
            "using FluentMigrator;\n\npublic abstract class ShopMigrationBase : Migration {}\n"
        ),
        "src/Shop/Migrations/RenameSettingsKey.cs": "public class RenameSettingsKey { [Migration(2)] void Run() {} }\n",
    }
    assert "migrations" not in categories(signals(files))


@pytest.mark.parametrize(
    ("files", "first"),
    [
        (
            {
                "internal/store/schema/000001_create_orders.down.sql": "DROP TABLE orders;\n",
                "internal/store/schema/000001_create_orders.up.sql": "CREATE TABLE orders (id int);\n",
                "internal/store/schema/000002_add_total.up.sql": "ALTER TABLE orders ADD total int;\n",
                "internal/store/schema/000002_add_total.down.sql": "ALTER TABLE orders DROP total;\n",
            },
            "internal/store/schema/000001_create_orders.up.sql",
        ),
        # versioned names in an up/ folder beside a down/ one, whatever their content
        (
            {"db/sql/up/1.users.sql": "", "db/sql/up/2.orders.sql": "", "db/sql/down/1.users.sql": ""},
            "db/sql/up/1.users.sql",
        ),
    ],
)
def test_versioned_up_and_down_sql_pairs_are_migrations_in_a_folder_of_any_name(
    signals: Signals, files: dict[str, str], first: str
) -> None:
    assert [(s.path, s.detail) for s in of(signals(files), "migrations")] == [
        (first, f"up/down SQL migration ({first.rsplit('/', 1)[1]})")
    ]


def test_a_numbered_sql_script_creating_a_table_in_a_migrations_folder_is_a_migration(signals: Signals) -> None:
    found = signals({"src/migrations/up/1.UserTable.sql": "CREATE TABLE users (id serial PRIMARY KEY);\n"})
    assert [(s.path, s.detail) for s in of(found, "migrations")] == [
        ("src/migrations/up/1.UserTable.sql", "schema migration (1.UserTable.sql)")
    ]


def test_up_and_down_folders_without_a_shared_versioned_name_or_a_schema_change_are_no_migration(
    signals: Signals,
) -> None:
    files = {
        "scripts/up/1.start.sql": "SELECT 1;\n",
        "scripts/down/1.stop.sql": "SELECT 1;\n",
        "scripts/up/warm.sql": "SELECT 1;\n",
        "scripts/down/warm.sql": "SELECT 1;\n",
        "migrations/1.seed.sql": "INSERT INTO users VALUES (1);\n",
    }
    assert "migrations" not in categories(signals(files))


def test_an_up_script_without_its_down_script_outside_a_migrations_folder_is_no_migration(signals: Signals) -> None:
    files = {
        "sql/001_warm_cache.up.sql": "SELECT 1;\n",
        "sql/001_warm_cache.sql": "SELECT 1;\n",
        "scripts/backup.up.sql": "SELECT 1;\n",
        "scripts/backup.down.sql": "SELECT 1;\n",
    }
    assert "migrations" not in categories(signals(files))


@pytest.mark.parametrize(
    ("path", "text", "detail"),
    [
        (
            "db/migrations/002_add_orders.py",
            "import peewee as pw\n\n\ndef migrate(migrator, database, fake=False, **kwargs):\n"
            "    migrator.add_fields('orders', total=pw.IntegerField(default=0))\n",
            "peewee-migrate migration (002_add_orders.py)",
        ),
        (
            "migrations/20240312_01_xKq2P-add-orders.py",
            '"""\nAdd orders\n"""\n\nfrom yoyo import step\n\n__depends__ = {}\n\n'
            'steps = [step("CREATE TABLE orders (id INTEGER PRIMARY KEY)", "DROP TABLE orders")]\n',
            "yoyo migration (20240312_01_xKq2P-add-orders.py)",
        ),
    ],
)
def test_python_migrations_of_peewee_migrate_and_yoyo_are_found_by_their_marks(
    signals: Signals, path: str, text: str, detail: str
) -> None:
    assert [(s.path, s.detail) for s in of(signals({path: text}), "migrations")] == [(path, detail)]


def test_python_code_in_a_migration_folder_without_a_frameworks_mark_is_no_migration(signals: Signals) -> None:
    files = {
        # a runner that calls the migrations, and a data fix-up script
        "db/migrations/run.py": "from peewee_migrate import Router\n\nrouter = Router(db)\nrouter.run()\n",
        "scripts/migrations/003_fix_names.py": "def migrate(rows):\n    return [r.strip() for r in rows]\n",
    }
    assert "migrations" not in categories(signals(files))


def test_pnpm_s_first_lock_file_beside_its_package_json(signals: Signals) -> None:
    """Before pnpm 3 the lock file was ``shrinkwrap.yaml``: a lock file beside its ``package.json``,
    which it locks (no "no lock file" for the manifest), and nothing on its own."""
    lock = "dependencies:\n  body-parser: 1.19.0\npackages:\n  /body-parser/1.19.0:\n    dev: false\n"
    found = signals({"package.json": '{"dependencies": {"body-parser": "^1.19.0"}}', "shrinkwrap.yaml": lock})
    assert [(s.path, s.detail) for s in of(found, "lockfile")] == [("shrinkwrap.yaml", "pnpm lock file")]
    assert not of(found, "unlocked-manifest")
    assert not of(signals({"infra/shrinkwrap.yaml": lock}), "lockfile")


def test_an_android_production_flavor_is_production_configuration(signals: Signals) -> None:
    """A ``prod`` product flavor builds the app against the production backend; the ``release``
    build type every app has, and flavors for other environments, are not production settings."""
    gradle = (
        'android {\n    flavorDimensions "env"\n    productFlavors {\n        create("dev") {\n'
        "            buildConfigField \"String\", 'API_URL', '\"https://api-dev.shopnow.io/\"'\n        }\n"
        '        create("prod") {\n            buildConfigField "String", \'API_URL\', \'"https://api.shopnow.io/"\'\n'
        "        }\n    }\n    buildTypes {\n        release {\n            minifyEnabled true\n        }\n    }\n}\n"
    )
    assert [(s.path, s.line, s.detail) for s in of(signals({"app/build.gradle": gradle}), "prod-config")] == [
        ("app/build.gradle", 7, "Android production flavor")
    ]
    groovy = gradle.replace('create("prod")', "prod").replace('create("dev")', "staging")
    assert [s.line for s in of(signals({"app/build.gradle": groovy}), "prod-config")] == [7]
    no_flavor = "android {\n    buildTypes {\n        release {\n            minifyEnabled true\n        }\n    }\n}\n"
    assert not of(signals({"app/build.gradle": no_flavor}), "prod-config")
    # a template's flavors (Very Good CLI's production, staging, development) name the app, no backend
    scaffold = (
        'android {\n    productFlavors {\n        production {\n            dimension "default"\n'
        '            applicationIdSuffix ""\n            manifestPlaceholders = [appName: "Shop"]\n        }\n'
        '        development {\n            applicationIdSuffix ".dev"\n        }\n    }\n}\n'
    )
    assert not of(signals({"android/app/build.gradle": scaffold}), "prod-config")


def test_requirements_written_by_windows_powershell_are_read(signals: Signals) -> None:
    """``pip freeze > requirements.txt`` in Windows PowerShell writes UTF-16 with a byte-order mark:
    the same pins as UTF-8, not a binary file."""
    freeze = "asgiref==3.9.1\r\nDjango==5.2.6\r\nsqlparse==0.5.3\r\n"
    for encoding in ("utf-16", "utf-16-be"):
        data = freeze.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        found = signals({"requirements.txt": data, "manage.py": "import django\n"})
        assert [s.path for s in of(found, "pinned-manifest")] == ["requirements.txt"], encoding
        assert not of(found, "unlocked-manifest"), encoding


def test_sbt_builds_pin_exact_versions_and_sbt_lock_locks_them(signals: Signals) -> None:
    """sbt resolves the versions a build names as Maven does: exact ones pin it; a dynamic revision
    (``latest.integration``, ``1.+``, a range) does not. The sbt-lock plugin's ``lock.sbt`` beside
    the build is its lock file."""
    exact = (
        'val catsVersion = "2.10.0"\nlibraryDependencies ++= Seq(\n  "org.typelevel" %% "cats-core" % catsVersion,\n'
    )
    exact += '  "org.scalameta" %% "munit" % "1.0.0" % Test\n)\n'
    assert _pinned(signals, {"build.sbt": exact}) == ["build.sbt"]
    for version in ('"latest.integration"', '"1.+"', '"[1.0,2.0)"'):
        floating = f'libraryDependencies += "org.typelevel" %% "cats-core" % {version}\n'
        found = signals({"build.sbt": floating})
        assert "pinned-manifest" not in categories(found) and "dependency-manifest" in categories(found), version
    locked = signals({"build.sbt": exact, "lock.sbt": "dependencyOverrides in ThisBuild ++= Seq()\n"})
    assert [(s.path, s.detail) for s in of(locked, "lockfile")] == [("lock.sbt", "sbt-lock lock file")]
    assert not of(signals({"project/lock.sbt": "x\n", "build.sbt": exact}), "lockfile"), "only beside its build"


def test_an_sbt_builds_project_dependencies_file_is_its_manifest(signals: Signals) -> None:
    """sbt's documented convention keeps a build's modules in ``project/Dependencies.scala``: a
    manifest, pinned when its versions are exact, read for monitoring libraries; a class of the
    application named so is none of these."""
    listing = (
        'object Dependencies {\n  val kamonVersion = "2.7.0"\n'
        '  lazy val kamon = Seq("io.kamon" %% "kamon-bundle" % kamonVersion)\n}\n'
    )
    found = signals(
        {
            "build.sbt": "lazy val root = project.settings(libraryDependencies ++= Dependencies.kamon)\n",
            "project/Dependencies.scala": listing,
            "src/main/scala/app/Dependencies.scala": listing,
        }
    )
    assert {s.path for s in of(found, "dependency-manifest")} == {"build.sbt", "project/Dependencies.scala"}
    assert {s.path for s in of(found, "pinned-manifest")} == {"build.sbt", "project/Dependencies.scala"}
    assert [(s.path, s.line) for s in of(found, "observability")] == [("project/Dependencies.scala", 3)]
    floating = listing.replace('"2.7.0"', '"latest.release"')
    assert "pinned-manifest" not in categories(signals({"project/Dependencies.scala": floating}))


def test_a_composer_json_declaring_no_dependency_is_no_manifest(signals: Signals) -> None:
    """A Laravel module's ``composer.json`` (nwidart/laravel-modules) holds only its autoloader: the
    application's own manifest and lock file carry the packages, so it is neither a manifest nor
    unlocked; one that requires a package is both."""
    module = '{\n  "name": "nwidart/audit",\n  "autoload": {"psr-4": {"Modules\\\\Audit\\\\": ""}}\n}\n'
    app = '{\n  "require": {"php": "^8.2", "laravel/framework": "^11.0"}\n}\n'
    found = signals({"composer.json": app, "composer.lock": "{}\n", "Modules/Audit/composer.json": module})
    assert [s.path for s in of(found, "dependency-manifest")] == ["composer.json"]
    assert not of(found, "unlocked-manifest")
    requiring = module.replace('"autoload"', '"require": {"guzzlehttp/guzzle": "^7.0"},\n  "autoload"')
    found = signals({"composer.json": app, "composer.lock": "{}\n", "Modules/Audit/composer.json": requiring})
    assert [s.path for s in of(found, "unlocked-manifest")] == ["Modules/Audit/composer.json"]


def test_a_drizzle_kit_configuration_alone_is_no_migration(signals: Signals) -> None:
    """``drizzle.config.ts`` serves ``drizzle-kit push`` too, which changes the schema and writes no
    migration: Drizzle's migrations show by the journal ``drizzle-kit generate`` writes beside them."""
    config = 'import { defineConfig } from "drizzle-kit";\nexport default defineConfig({ out: "./drizzle" });\n'
    assert not of(signals({"drizzle.config.ts": config, "src/db/schema.ts": "export {};\n"}), "migrations")
    found = signals(
        {
            "drizzle.config.ts": config,
            "drizzle/0000_init.sql": "CREATE TABLE t (id int);\n",
            "drizzle/meta/_journal.json": "{}",
        }
    )
    assert [s.path for s in of(found, "migrations")] == ["drizzle/meta/_journal.json"]


def test_a_node_apps_keys_module_for_production(signals: Signals) -> None:
    """The keys split of many Express apps (``config/keys.js`` picking ``prodKeys.js`` or
    ``devKeys.js`` by ``NODE_ENV``): the production module is production configuration."""
    keys = "module.exports = {\n  mongoURI: process.env.MONGO_URI,\n};\n"
    for path in ("server/config/prodKeys.js", "config/keys_prod.js", "config/prod-keys.ts"):
        assert [s.path for s in of(signals({path: keys}), "prod-config")] == [path], path
    for path in ("server/config/devKeys.js", "config/keys.js", "src/prodKeys.js"):
        assert "prod-config" not in categories(signals({path: keys})), path
