"""Secrets detection and its traps."""

from __future__ import annotations

import base64
import json
import random
import string

import pytest

from pocmvp_lint.detectors.secrets import is_placeholder, remote_host, remote_url_password
from tests.detectors.conftest import Signals, categories, of

_RNG = random.Random(7)

KEY = "-----BEGIN RSA PRIVATE KEY-----\n" + "A" * 80 + "\n-----END RSA PRIVATE KEY-----\n"


def test_private_key_file(signals: Signals) -> None:
    hit = of(signals({"deploy/server.pem": KEY}), "secrets")[0]
    assert hit.line == 1 and hit.detail == "private key"


def test_a_local_vm_or_dev_container_key_is_dev_only(signals: Signals) -> None:
    body = base64.b64encode(bytes(_RNG.randrange(256) for _ in range(600))).decode()
    key = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    key += "\n-----END RSA PRIVATE KEY-----\n"
    found = signals(
        {
            ".vagrant/machines/default/virtualbox/private_key": key,
            ".devcontainer/certs/dev.key": key,
            "deploy/id_rsa": key,
        }
    )
    assert [(s.path, s.detail) for s in of(found, "secrets-dev-only")] == [
        (".devcontainer/certs/dev.key", "private key, dev/test-only"),
        (".vagrant/machines/default/virtualbox/private_key", "private key, dev/test-only"),
    ]
    assert [s.path for s in of(found, "secrets")] == ["deploy/id_rsa"]


def test_public_key_is_not_a_secret(signals: Signals) -> None:
    assert "secrets" not in categories(signals({"id_rsa.pub": "ssh-rsa AAAAB3Nza user@host\n"}))


def test_env_file_with_credential(signals: Signals) -> None:
    hit = of(signals({".env": "DEBUG=true\nAPI_TOKEN=q8Zr2LmP4xT9vB7n\n"}), "secrets")[0]
    assert hit.path == ".env" and hit.line == 2 and "API_TOKEN" in hit.detail


def test_a_supabase_service_role_key_in_an_env_file(signals: Signals) -> None:
    """Supabase's service role key bypasses row-level security: a credential, unlike the anon key
    a browser is given."""
    jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.Zq8xW3vL9pR2tY6uK4mN7bC1dF5gH0jA2s"
    env = f'SUPABASE_URL="https://abcd.supabase.co"\nSUPABASE_SERVICE_KEY="{jwt}"\n'
    hit = of(signals({".env": env}), "secrets")
    assert [(s.line, s.detail) for s in hit] == [(2, "hard-coded value for SUPABASE_SERVICE_KEY")]
    for key in ("SUPABASE_SERVICE_ROLE_KEY", "service_role_key"):
        assert "secrets" in categories(signals({".env": f"{key}={jwt}\n"})), key
    public = f"VITE_SUPABASE_ANON_KEY={jwt}\nSERVICE_KEY_FILE=/run/secrets/supabase\n"
    assert "secrets" not in categories(signals({".env": public}))


def test_the_keys_supabases_self_hosting_template_ships_to_everyone(signals: Signals) -> None:
    """Supabase's self-hosting ``.env.example`` ships demo keys (``"iss": "supabase-demo"``) and a
    ``SECRET_KEY_BASE`` that every copy holds: they open nothing until replaced."""
    demo = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyAgCiAgICAicm9sZSI6ICJzZXJ2aWNlX3JvbGUiLAogICAgImlzcyI6ICJzdXBh"
        "YmFzZS1kZW1vIiwKICAgICJpYXQiOiAxNjQxNzY5MjAwLAogICAgImV4cCI6IDE3OTk1MzU2MDAKfQ."
        "DaYlNEoUrrEn2Ig7tqibS-PHK5vgusbcbo7X36XVt4Q"
    )
    env = f"SERVICE_ROLE_KEY={demo}\nSECRET_KEY_BASE=UpNVntn3cDxHJpq99YMc1T1AQgQpc8kfYTuRgBiYa15BLrx8etQoXz3gZv1/u2oq\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".env.example": env, "docker/.env": env}))


def test_a_quoted_env_value_keeps_its_hash(signals: Signals) -> None:
    """In a dotenv file ``#`` starts a comment only outside quotes."""
    hit = of(signals({".env": "MONGO_USER=app\nMONGO_PASSWORD='#q8Zr2LmP4xT9vB7n'\n"}), "secrets")
    assert [(s.line, s.detail) for s in hit] == [(2, "hard-coded value for MONGO_PASSWORD")]
    assert "secrets" not in categories(signals({".env": "MONGO_PASSWORD= # set in the vault\n"}))


def test_env_example_and_placeholders_are_not_secrets(signals: Signals) -> None:
    found = signals(
        {
            ".env.example": "API_TOKEN=q8Zr2LmP4xT9vB7n\n",
            ".env.sample": "SECRET_KEY=q8Zr2LmP4xT9vB7n\n",
            ".env": "DB_PASSWORD=${DB_PASSWORD}\nSECRET_KEY=changeme\nTOKEN=\nAPI_KEY=your-api-key-here\n",
        }
    )
    assert "secrets" not in categories(found)


def test_aws_docs_example_key_is_ignored(signals: Signals) -> None:
    found = signals({"config/settings.yml": "aws_access_key_id: AKIAIOSFODNN7EXAMPLE\n"})
    assert "secrets" not in categories(found)


def test_real_looking_aws_key(signals: Signals) -> None:
    hit = of(signals({"config/settings.yml": "aws_access_key_id: AKIAZ7QRSTUVWX2345AB\n"}), "secrets")[0]
    assert hit.detail == "AWS access key id (AKIA…)" and hit.line == 1


def test_secrets_under_test_folders_are_skipped(signals: Signals) -> None:
    assert "secrets" not in categories(signals({"tests/keys/server.pem": KEY, "spec/.env": "TOKEN=q8Zr2LmP4xT9vB7n\n"}))


def test_rails_master_key_and_tfstate(signals: Signals) -> None:
    found = signals(
        {"config/master.key": "0123456789abcdef0123456789abcdef\n", "terraform.tfstate": STATE_WITH_PASSWORD}
    )
    assert {s.path for s in of(found, "secrets")} == {"config/master.key", "terraform.tfstate"}


STATE_WITH_PASSWORD = """{
  "version": 4,
  "resources": [
    {
      "type": "aws_db_instance",
      "instances": [
        {
          "attributes": {
            "identifier": "orders",
            "password": "q8Vt2rLw9ZkM4xNp",
            "kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/abcd"
          },
          "sensitive_attributes": []
        }
      ]
    }
  ]
}
"""


def test_terraform_state_counts_when_it_holds_a_credential(signals: Signals) -> None:
    (hit,) = of(signals({"infra/terraform.tfstate": STATE_WITH_PASSWORD}), "secrets")
    assert (hit.path, hit.line, hit.detail) == (
        "infra/terraform.tfstate",
        10,
        "Terraform state holds a value for password",
    )
    # a state of bucket names, account and user IDs holds no credential
    ids_only = STATE_WITH_PASSWORD.replace('"password": "q8Vt2rLw9ZkM4xNp",', '"unique_id": "AIDAEXAMPLEUSERID0001",')
    assert "secrets" not in categories(signals({"infra/terraform.tfstate": ids_only}))


def test_kubeconfig(signals: Signals) -> None:
    kubeconfig = (
        "apiVersion: v1\nkind: Config\nclusters: []\nusers:\n- name: admin\n  user:\n"
        "    token: abcdefghijklmnopqrstuvwxyz012345\n"
    )
    assert "secrets" in categories(signals({"kubeconfig": kubeconfig}))


def test_binary_files_do_not_crash(signals: Signals) -> None:
    found = signals({"keystore.p12": b"\x00\x01\x02binary", "image.png": b"\x89PNG\x00\x00"})
    assert [s.path for s in of(found, "secrets")] == ["keystore.p12"]


def test_rails_secrets_by_section_with_their_lines(signals: Signals) -> None:
    """Each credential takes the section it sits in: development's is dev/test-only, production's is
    real, and each is reported once, at its own line."""
    text = (
        "development:\n  password: q8Zr2LmP4xT9vB7n\n  api_token: w3Xc5Vb7Nm9Kl1Jh\n"
        "production:\n  api_token: Rt6Yu8Io0Pa2Sd4F\n"
    )
    found = signals({"config/secrets.yml": text})
    assert [(s.line, s.detail) for s in of(found, "secrets-dev-only")] == [
        (2, "hard-coded value for password (development), dev/test-only")
    ]
    assert [(s.line, s.detail) for s in of(found, "secrets")] == [(5, "hard-coded value for api_token")]


def test_terraform_attribute_set_to_a_literal_credential(signals: Signals) -> None:
    tf = (
        'resource "azurerm_mssql_server" "sql" {\n'
        '  administrator_login          = "sqladmin"\n'
        '  administrator_login_password = "Kq7!vR2pZx9w"\n'
        "}\n"
        'provider "vault" {\n'
        "  token = var.vault_token\n"
        '  auth_token = "${var.token}"\n'
        '  secret_name = "orders-db"\n'
        "}\n"
    )
    (hit,) = of(signals({"infra/sql.tf": tf}), "secrets")
    assert (hit.path, hit.line, hit.detail) == (
        "infra/sql.tf",
        3,
        "hard-coded value for administrator_login_password",
    )
    references_only = tf.replace('"Kq7!vR2pZx9w"', "random_password.sql.result")
    assert "secrets" not in categories(signals({"infra/sql.tf": references_only}))


def test_terraform_object_keys_are_paths_not_credentials(signals: Signals) -> None:
    tf = (
        "terraform {\n"
        '  backend "s3" {\n'
        '    bucket = "acme-terraform-state"\n'
        '    key    = "prod/network/terraform.tfstate"\n'
        '    region = "eu-west-1"\n'
        "  }\n"
        "}\n"
        'resource "aws_s3_object" "index" {\n'
        '  key    = "site/assets/index.html"\n'
        "}\n"
        'resource "aws_s3_object" "folder" {\n'
        '  key    = "uploads/customer-exports"\n'
        "}\n"
    )
    assert "secrets" not in categories(signals({"infra/backend.tf": tf}))
    state_only = 'terraform {\n  backend "azurerm" {\n    key = "terraform.tfstate"\n  }\n}\n'
    assert "secrets" not in categories(signals({"infra/main.tf": state_only}))


def test_terraform_key_holding_a_generated_value_still_counts(signals: Signals) -> None:
    tf = 'resource "vendor_integration" "feed" {\n  key = "Zq8Lm2Xv9Rt4/Pw7Kd3NbQ"\n}\n'
    (hit,) = of(signals({"infra/feed.tf": tf}), "secrets")
    assert (hit.line, hit.detail) == (2, "hard-coded value for key")


def test_a_terraform_key_beside_its_value_names_the_value(signals: Signals) -> None:
    """An app platform's environment as ``env { key = ...  value = ... }`` blocks: the key is a
    variable's name."""
    env = '    env {{\n      key   = "{key}"\n      value = digitalocean_database_cluster.pg.database\n    }}\n'
    tf = 'resource "digitalocean_app" "web" {\n  spec {\n' + env.format(key="PGDATABASE") + "  }\n}\n"
    assert "secrets" not in categories(signals({"terraform/app.tf": tf}))
    alone = 'resource "vendor_integration" "feed" {\n  key = "PGDATABASEQ8ZRV"\n}\n'
    after = 'resource "vendor_integration" "feed" {\n  key = "PGDATABASEQ8ZRV"\n}\nvalue = 3\n'
    for text in (alone, after):
        assert "secrets" in categories(signals({"terraform/app.tf": text})), text


def test_dockerfile_env_baking_a_credential_into_the_image(signals: Signals) -> None:
    dockerfile = (
        "FROM gitlab/gitlab-runner:latest\n"
        "ENV CI_SERVER_URL=https://gitlab.example.com/\n"
        'ENV REGISTRATION_TOKEN="Gq4rT9vLm2ZpX8wKs1Nd"\n'
    )
    (hit,) = of(signals({"runner/Dockerfile": dockerfile}), "secrets")
    assert (hit.path, hit.line) == ("runner/Dockerfile", 3)
    # build arguments without a value, references and toy defaults are not credentials
    harmless = (
        "FROM postgres:16\n"
        "ARG NPM_TOKEN\n"
        "ENV API_TOKEN=${API_TOKEN}\n"
        "ENV POSTGRES_PASSWORD=mysecretpassword\n"
        "ENV ADMIN_PASSWORD=admin123\n"
    )
    assert "secrets" not in categories(signals({"db/Dockerfile": harmless}))


SPRING_SWITCHED = """\
spring.datasource.url=jdbc:postgresql://localhost:5432/mercado
spring.datasource.username=postgres
spring.datasource.password=postgres
# spring.datasource.url=jdbc:postgresql://dpg-cq1abc.oregon-postgres.render.com/mercado_xni8
# spring.datasource.username=mercado
# spring.datasource.password=wbdl3ZX8v3lx8XiI6YqNDLJnBprFdBDj
"""


def test_a_hosted_database_password_commented_out_beside_the_local_one(signals: Signals) -> None:
    """Switching datasources by commenting one out leaves the hosted database's password tracked."""
    (hit,) = of(signals({"src/main/resources/application.properties": SPRING_SWITCHED}), "secrets")
    assert (hit.line, hit.detail) == (
        6,
        "commented-out value for spring.datasource.password, beside a remote host",
    )
    # a hand-typed or placeholder value, or a commented-out local database, is no credential
    for text in (
        SPRING_SWITCHED.replace("wbdl3ZX8v3lx8XiI6YqNDLJnBprFdBDj", "secret123"),
        SPRING_SWITCHED.replace("wbdl3ZX8v3lx8XiI6YqNDLJnBprFdBDj", "${DB_PASSWORD}"),
        SPRING_SWITCHED.replace("dpg-cq1abc.oregon-postgres.render.com", "localhost"),
    ):
        assert "secrets" not in categories(signals({"src/main/resources/application.properties": text})), text


def test_framework_configuration_credentials(signals: Signals) -> None:
    spring = (
        "spring.datasource.url=jdbc:postgresql://orders-db.internal.example.com:5432/orders\n"
        "spring.datasource.username=orders\n"
        "spring.datasource.password=Qw7!zR2vLp9x\n"
    )
    (hit,) = of(signals({"src/main/resources/application.properties": spring}), "secrets")
    assert (hit.line, hit.detail) == (3, "hard-coded value for spring.datasource.password")
    # a database on this machine with a hand-typed password, or one repeating the user name, is a toy
    local = spring.replace("orders-db.internal.example.com", "localhost")
    same = spring.replace("Qw7!zR2vLp9x", "orders")
    for text in (local, same):
        assert "secrets" not in categories(signals({"src/main/resources/application.properties": text}))

    # a property placeholder's default is the value the application runs with when the variable is unset
    defaulted = (
        "spring.datasource.url=${DB_URL:jdbc:postgresql://orders-db.acme.io:5432/orders}\n"
        "spring.datasource.username=orders\n"
        "spring.datasource.password=${DB_PASSWORD:Qw7!zR2vLp9x}\n"
    )
    (fallback,) = of(signals({"src/main/resources/application.properties": defaulted}), "secrets")
    assert (fallback.line, fallback.detail) == (3, "hard-coded value for spring.datasource.password")
    for text in (
        defaulted.replace("${DB_PASSWORD:Qw7!zR2vLp9x}", "${DB_PASSWORD}"),
        defaulted.replace("${DB_PASSWORD:Qw7!zR2vLp9x}", "${DB_PASSWORD:}"),
        defaulted.replace("orders-db.acme.io", "localhost"),
    ):
        assert "secrets" not in categories(signals({"src/main/resources/application.properties": text})), text

    dotnet = '{"ConnectionStrings": {"Default": "Server=shop.abc123.eu-north-1.rds.amazonaws.com;Database=shop;User Id=admin;Password=Kq7vR2pZx;"}}'
    (conn,) = of(signals({"Api/appsettings.json": dotnet}), "secrets")
    assert conn.detail == "password in a connection string"
    local_dotnet = dotnet.replace("shop.abc123.eu-north-1.rds.amazonaws.com", "localhost")
    assert "secrets" not in categories(signals({"Api/appsettings.json": local_dotnet}))
    # SQL Server's own forms of this machine: a port after a comma, an instance, a protocol prefix
    for server in ("localhost,1433", "tcp:127.0.0.1,1433", r".\\SQLEXPRESS", r"(localdb)\\MSSQLLocalDB"):
        text = dotnet.replace("shop.abc123.eu-north-1.rds.amazonaws.com", server)
        assert "secrets" not in categories(signals({"Api/appsettings.json": text})), server
    azure = dotnet.replace("shop.abc123.eu-north-1.rds.amazonaws.com", "tcp:shop.database.windows.net,1433")
    assert [s.detail for s in of(signals({"Api/appsettings.json": azure}), "secrets")] == [
        "password in a connection string"
    ]
    # StackExchange.Redis separates its options with commas: the password ends at the next one
    redis = '{"Redis": {"ConnectionString": "localhost:6379,password=redisadmin123,defaultDatabase=0"}}'
    found = categories(signals({"Api/appsettings.Development.json": redis}))
    assert not {"secrets", "secrets-dev-only"} & found
    hosted = redis.replace("localhost:6379", "Server=cache.acme.io;x=1").replace("redisadmin123", "Kq7vR2pZx")
    assert [s.detail for s in of(signals({"Api/appsettings.json": hosted}), "secrets")] == [
        "password in a connection string"
    ]


def test_django_secret_key_in_settings(signals: Signals) -> None:
    key = "".join(_RNG.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))
    dev = f"SECRET_KEY = env(\n    'DJANGO_SECRET_KEY',\n    default='django-insecure-{key}',\n)\n"
    (hit,) = of(signals({"config/settings/dev.py": dev}), "secrets-dev-only")
    assert (hit.line, hit.detail) == (3, "Django development SECRET_KEY, dev/test-only")
    prod = f"SECRET_KEY = '{key}'\n"
    assert [s.path for s in of(signals({"mysite/settings.py": prod}), "secrets")] == ["mysite/settings.py"]
    from_env = "SECRET_KEY = os.environ['SECRET_KEY']\nSTATIC_URL = 'https://cdn.example.com/static/assets/'\n"
    assert "secrets" not in categories(signals({"mysite/settings.py": from_env}))
    for words in ("change-this-in-production", "temporary-key-change-this"):  # written by hand: placeholders
        typed = f"SECRET_KEY = config('SECRET_KEY', default='django-insecure-{words}')\n"
        found = categories(signals({"mysite/settings.py": typed}))
        assert not {"secrets", "secrets-dev-only"} & found, words


def test_the_startproject_key_of_settings_serving_a_public_host_is_the_deployed_sites_key(
    signals: Signals,
) -> None:
    key = "".join(_RNG.choice(string.ascii_lowercase + string.digits + "!@#%^&*(-_=+)") for _ in range(50))
    settings = f"SECRET_KEY = 'django-insecure-{key}'\nDEBUG = True\nALLOWED_HOSTS = ['127.0.0.1', '.vercel.app']\n"
    (hit,) = of(signals({"shop/settings.py": settings}), "secrets")
    assert (hit.line, hit.detail) == (1, "Django SECRET_KEY of settings deployed to .vercel.app")
    for hosts in ("[]", "['localhost', '127.0.0.1', '[::1]']", "['*']", "['192.168.1.20']"):
        local = settings.replace("['127.0.0.1', '.vercel.app']", hosts)
        found = signals({"shop/settings.py": local})
        assert "secrets" not in categories(found) and of(found, "secrets-dev-only"), hosts
    # a development settings module is dev-only whatever hosts it lists
    assert not of(signals({"shop/settings/dev.py": settings}), "secrets")


def test_a_password_repeating_the_user_or_database_name_is_a_toy_default(signals: Signals) -> None:
    env = "DB_HOST=localhost\nDB_NAME=cardapio\nDB_USERNAME=cardapio\nDB_PASSWORD=cardapio\n"
    assert "secrets" not in categories(signals({".env": env}))
    real = env.replace("DB_PASSWORD=cardapio", "DB_PASSWORD=Xr8vTq2mLw5z")
    assert [s.line for s in of(signals({".env": real}), "secrets")] == [4]


def test_hand_typed_values_of_an_env_file_for_services_on_this_machine_are_toy_defaults(signals: Signals) -> None:
    env = (
        "DB_HOST=127.0.0.1\nDB_PASSWORD=weez_password\nMINIO_ENDPOINT=http://127.0.0.1:9000\n"
        "MINIO_ACCESS_KEY=weez_minio\nMINIO_SECRET_KEY=weez_minio_password\n"
    )
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"server/.env": env}))
    # the same values for a remote server are real, and a random one stays real on this machine too
    remote = env.replace("DB_HOST=127.0.0.1", "DB_HOST=db.weez.io")
    assert [s.line for s in of(signals({"server/.env": remote}), "secrets")] == [2]
    generated = env.replace("weez_minio_password", "Xr8vTq2mLw5z")
    assert [s.line for s in of(signals({"server/.env": generated}), "secrets")] == [5]
    dashed = env.replace("=weez_minio\n", "=a3f9c21e-8b7d-4e6f-9a0b-1c2d3e4f5a6b\n")  # words by shape, generated
    assert [s.line for s in of(signals({"server/.env": dashed}), "secrets")] == [4]


def test_a_gmail_app_password_in_an_env_file_is_a_credential_though_it_reads_as_words(signals: Signals) -> None:
    env = "EMAIL_HOST_USER=shop.orders@gmail.com\nGMAIL_APP_PASSWORD=nvsn zcxt qvcf dfbg\n"
    (hit,) = of(signals({".env.production": env}), "secrets")
    assert (hit.line, hit.detail) == (2, "hard-coded value for GMAIL_APP_PASSWORD")
    typed = "EMAIL_HOST_USER=shop.orders@gmail.com\nGMAIL_APP_PASSWORD=your app password here\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".env.production": typed}))


def test_a_hand_typed_password_of_a_dev_env_file_for_a_remote_server_is_a_dev_credential(signals: Signals) -> None:
    """A development env file's hand-typed password is a toy default of a database on this machine,
    unless the file's own setting for that password's server names a remote one (a shared
    development database in the cloud), which anyone holding the password can reach."""
    env = (
        "HOST=http://localhost\nDB_USERNAME=deno\nDB_HOST=pgdev.cfx.us-east-1.rds.amazonaws.com\nDB_PASSWORD=Asp128..\n"
    )
    (found,) = of(signals({"packages/vars/env/.env.dev": env}), "secrets-dev-only")
    assert found.line == 4
    assert "pgdev.cfx.us-east-1.rds.amazonaws.com" in found.detail and "DB_PASSWORD" in found.detail
    pg = "MYSQL_HOST=https://db.acme.io:3306\nMYSQL_PASSWORD=tiger2020\n"
    assert [s.line for s in of(signals({".env.development": pg}), "secrets-dev-only")] == [2]
    # another service's remote host, or a remote URL, says nothing of this password's server
    local = "DB_HOST=localhost\nDB_PASSWORD=Asp128..\nREDIS_HOST=cache.acme.io\nAPI_URL=https://api.acme.io\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".env.dev": local}))
    compose = "DB_HOST=postgres\nDB_PASSWORD=Asp128..\n"  # a Compose service: this machine
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".env.dev": compose}))
    # Spring's dotted keys: the mail server of a local profile is Gmail's
    spring = (
        "spring.datasource.url=jdbc:mysql://localhost:3306/shop\nspring.datasource.password=root\n"
        "spring.mail.host=smtp.gmail.com\nspring.mail.username=shop@gmail.com\nspring.mail.password=jggpqwbxsprnahjo\n"
    )
    (mail,) = of(signals({"src/main/resources/application-local.properties": spring}), "secrets-dev-only")
    assert (mail.line, mail.detail) == (
        5,
        "password for the remote server smtp.gmail.com (spring.mail.password), dev/test-only",
    )
    mailhog = spring.replace("smtp.gmail.com", "localhost")
    mail_here = signals({"src/main/resources/application-local.properties": mailhog})
    assert not {"secrets", "secrets-dev-only"} & categories(mail_here)
    # a URL names the server too: a team database a local profile connects to
    team = "spring:\n  datasource:\n    url: jdbc:mysql://s4.team-db.net:13306/shop\n    password: Tk29fhs!\n"
    (shared,) = of(signals({"src/main/resources/application-local.yml": team}), "secrets-dev-only")
    assert (shared.line, "s4.team-db.net" in shared.detail) == (4, True)
    local_url = team.replace("s4.team-db.net", "localhost")
    found_here = signals({"src/main/resources/application-local.yml": local_url})
    assert not {"secrets", "secrets-dev-only"} & categories(found_here)


def test_credential_like_names_of_paths_and_identifiers_hold_no_secret(signals: Signals) -> None:
    env = "DB_PASSWORD_FILE=/run/secrets/orders_db_password\nJWT_SECRET_NAME=orders-signing-key-prod\n"
    assert "secrets" not in categories(signals({".env": env}))


def test_a_phrase_typed_for_ci_is_no_generated_secret_and_a_generated_one_is(signals: Signals) -> None:
    ci = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n"
        "      JWT_SECRET: {value}\n    steps:\n      - run: npm test\n"
    )
    typed = ci.format(value="ci-jwt-secret-at-least-32-characters-long")
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".github/workflows/ci.yml": typed}))
    generated = ci.format(value="9fK2xQ7LmZ4vR8tY1wE6bN3cH5jP0sDa")
    assert "secrets-dev-only" in categories(signals({".github/workflows/ci.yml": generated}))


def test_a_base64_key_that_decodes_to_text_was_typed(signals: Signals) -> None:
    """Laravel's ``APP_KEY`` is ``base64:`` and 32 random bytes; one whose bytes are readable text
    (``testkeytestkey...``) was typed to stand in for a key, in CI as anywhere."""
    ci = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n"
        "      APP_KEY: base64:{value}\n    steps:\n      - run: php artisan test\n"
    )
    typed = ci.format(value=base64.b64encode(b"testkey" * 4 + b"test").decode())
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".github/workflows/ci.yml": typed}))
    random_key = base64.b64encode(bytes(_RNG.randrange(256) for _ in range(32))).decode()
    assert "secrets-dev-only" in categories(signals({".github/workflows/ci.yml": ci.format(value=random_key)}))


def test_a_bare_base64_key_that_decodes_to_a_typed_phrase_is_a_stand_in(signals: Signals) -> None:
    """A JWT default that is base64 of ``car-rental-system-super-secret-key-2026-256-bits`` was typed
    to stand in for a key; base64 of random bytes was generated."""
    config = "server:\n  port: 8080\njwt:\n  secret: ${{JWT_SECRET:{value}}}\n  expiration: 3600000\n"
    phrase = base64.b64encode(b"car-rental-system-super-secret-key-2026-256-bits").decode()
    path = "src/main/resources/application.yml"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({path: config.format(value=phrase)}))
    random_key = base64.b64encode(bytes(_RNG.randrange(256) for _ in range(48))).decode()
    (hit,) = of(signals({path: config.format(value=random_key)}), "secrets")
    assert hit.line == 4


def test_spring_fallbacks_typed_for_a_developer_and_credential_file_paths(signals: Signals) -> None:
    """``${DB_PASSWORD:auth_password}`` names itself: a developer's default, the real value set
    through the variable; a kebab-case ``...-token-file`` key holds a path, not a token."""
    config = (
        "spring:\n  cloud:\n    vault:\n      uri: https://vault.acme.io\n      kubernetes:\n"
        "        service-account-token-file: /var/run/secrets/kubernetes.io/serviceaccount/token\n"
        "  datasource:\n    url: jdbc:postgresql://${{DB_HOST:db.acme.io}}:5432/auth\n"
        "    password: ${{DB_PASSWORD:{value}}}\n"
    )
    path = "src/main/resources/application.yml"
    for typed in ("auth_password", "auth-db", "MySecret"):
        assert not {"secrets", "secrets-dev-only"} & categories(signals({path: config.format(value=typed)})), typed
    (hit,) = of(signals({path: config.format(value="Tq8vLm2Rw9")}), "secrets")
    assert (hit.line, hit.detail) == (9, "hard-coded value for password")


def test_a_commented_or_embedded_database_url_names_no_remote_host(signals: Signals) -> None:
    """Settings for this machine's database stay local whatever a commented-out line or an embedded
    database's URL (``jdbc:h2:mem:testdb``) says: their hand-typed password is a toy default."""
    config = (
        "# spring:\n#   datasource:\n#     url: jdbc:h2:mem:testdb\n{h2}"
        "spring:\n  datasource:\n    url: jdbc:postgresql://localhost:5432/fit\n"
        "    username: fit_user\n    password: fit_pass\n"
    )
    path = "src/main/resources/application.yml"
    for h2 in ("", "test:\n  url: jdbc:h2:mem:unit;MODE=PostgreSQL\n"):
        assert not {"secrets", "secrets-dev-only"} & categories(signals({path: config.format(h2=h2)})), h2
    remote = config.format(h2="").replace("localhost", "db.fit-app.io")
    (hit,) = of(signals({path: remote}), "secrets")
    assert hit.line == 8


def test_phoenix_secret_key_base_in_elixir_configs(signals: Signals) -> None:
    key = "OtUpicaCWwwLklOS9qE/0UynMWWNJFLkCGbLILeW4JOnbTiCVAEHOK55b7Kxsnz1"
    dev = f'import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  http: [port: 4000],\n  secret_key_base: "{key}",\n'
    (hit,) = of(signals({"config/dev.exs": dev}), "secrets-dev-only")
    assert (hit.line, hit.detail) == (5, "Phoenix secret_key_base, dev/test-only")
    (prod,) = of(signals({"config/prod.exs": dev}), "secrets")
    assert prod.detail == "hard-coded Phoenix secret_key_base"
    from_env = 'config :shop, ShopWeb.Endpoint, secret_key_base: System.get_env("SECRET_KEY_BASE")\n'
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"config/runtime.exs": from_env}))
    # generators before Phoenix 1.4 wrote the key into config.exs, every environment's default:
    # dev/test-only when the production config sets its own, production's key when it does not
    shared = dev.replace("import Config", "use Mix.Config")
    (default,) = of(
        signals({"config/config.exs": shared, "config/prod.exs": 'use Mix.Config\nimport_config "prod.secret.exs"\n'}),
        "secrets-dev-only",
    )
    assert (default.path, default.line, default.detail) == (
        "config/config.exs",
        5,
        "Phoenix secret_key_base, overridden in production",
    )
    from_env_prod = signals({"config/config.exs": shared, "config/runtime.exs": from_env})
    assert "secrets-dev-only" in categories(from_env_prod)
    assert "secrets" not in categories(from_env_prod)
    (used,) = of(signals({"config/config.exs": shared, "config/prod.exs": "use Mix.Config\n"}), "secrets")
    assert used.detail == "hard-coded Phoenix secret_key_base, production's too"
    # generators before Phoenix 1.6 wrote prod.secret.exs, to be kept out of version control
    (committed,) = of(signals({"config/prod.secret.exs": dev.replace("import Config", "use Mix.Config")}), "secrets")
    assert (committed.path, committed.line) == ("config/prod.secret.exs", 5)


def test_a_database_url_with_a_password_for_a_remote_host_is_a_secret(signals: Signals) -> None:
    env = "DATABASE_URL=postgres://shop:Xr8vTq2mLw5zK4@{host}:5432/shop\nDEBUG=false\n"
    (hit,) = of(signals({".env": env.format(host="shop-db.c9x2.eu-west-1.rds.amazonaws.com")}), "secrets")
    assert (hit.line, hit.detail) == (1, "hard-coded value for DATABASE_URL")
    for host in ("db", "localhost", "127.0.0.1"):  # a compose service or this machine: a dev database
        assert "secrets" not in categories(signals({".env": env.format(host=host)})), host
    placeholder = "DATABASE_URL=mysql://root:sua_senha@129.151.37.42:3306/dev\n"  # Portuguese "your_password"
    assert "secrets" not in categories(signals({".env": placeholder}))


def _generated(length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(length))


#: The alphabet of WordPress's salt generator (punctuation and a blank among the letters).
WP_SALT_ALPHABET = string.ascii_letters + string.digits + "!#$%&()*+,-./:;<=>?@[]^_`{|}~ "


def _wp_salt(seed: int) -> str:
    """A salt as WordPress's generator writes one, the same whichever tests ran before."""
    rng = random.Random(seed)
    return "".join(rng.choice(WP_SALT_ALPHABET) for _ in range(64))


def test_cookiecutter_django_envs_files_are_env_files(signals: Signals) -> None:
    """cookiecutter-django writes one env file per service in ``.envs/<environment>/``, named
    without ``.env``: the local ones hold generated development passwords, the production ones real
    secrets."""
    found = signals(
        {
            ".envs/.local/.postgres": f"POSTGRES_HOST=postgres\nPOSTGRES_USER={_generated(32)}\n"
            f"POSTGRES_PASSWORD={_generated(64)}\n",
            ".envs/.production/.django": f"DJANGO_SETTINGS_MODULE=config.settings.production\n"
            f"DJANGO_SECRET_KEY={_generated(64)}\n",
        }
    )
    (local,) = of(found, "secrets-dev-only")
    assert (local.path, local.line) == (".envs/.local/.postgres", 3)
    (production,) = of(found, "secrets")
    assert (production.path, production.line) == (".envs/.production/.django", 2)
    assert "DJANGO_SECRET_KEY" in production.detail


def test_files_named_like_envs_files_elsewhere_are_not_env_files(signals: Signals) -> None:
    found = signals(
        {
            "deploy/.django": f"DJANGO_SECRET_KEY={_generated(64)}\n",
            ".envs/.production/.django": "DJANGO_SECRET_KEY=\nDJANGO_ADMIN_URL=admin/\n",
        }
    )
    assert not {"secrets", "secrets-dev-only"} & categories(found)


def _wp_config(host: str, password: str, salt: str) -> str:
    return (
        "<?php\n"
        "define( 'DB_NAME', 'shop' );\n"
        "define( 'DB_USER', 'shop' );\n"
        f"define( 'DB_PASSWORD', '{password}' );\n"
        f"define( 'DB_HOST', '{host}' );\n"
        f"define( 'AUTH_KEY',         '{salt}' );\n"
        f"define( 'NONCE_SALT',       '{salt}' );\n"
        "require_once ABSPATH . 'wp-settings.php';\n"
    )


def test_wordpress_config_password_and_keys(signals: Signals) -> None:
    salt = _wp_salt(1)
    remote = of(signals({"wp-config.php": _wp_config("mysql.shophost.net", _generated(16), salt)}), "secrets")
    assert [(s.line, s.detail) for s in remote] == [(4, "hard-coded value for DB_PASSWORD")]


def test_wordpress_keys_of_a_local_install_are_dev_only(signals: Signals) -> None:
    salt = _wp_salt(2)
    found = signals({"site/wp-config.php": _wp_config("localhost:3306", "root", salt)})
    assert "secrets" not in categories(found)
    (hit,) = of(found, "secrets-dev-only")
    assert hit.line == 6 and "AUTH_KEY" in hit.detail


def test_wordpress_placeholders_and_environment_lookups_are_not_secrets(signals: Signals) -> None:
    text = (
        "<?php\ndefine('DB_PASSWORD', getenv('DB_PASSWORD'));\ndefine('DB_HOST', 'db.example.net');\n"
        "define('AUTH_KEY',         'put your unique phrase here');\n"
        "define('SECURE_AUTH_KEY',  'put your unique phrase here');\n"
    )
    found = signals({"wp-config.php": text, "wp-config-sample.php": _wp_config("db.acme.net", "Zq8" * 5, "x")})
    assert not {"secrets", "secrets-dev-only"} & categories(found)


def test_npmrc_registry_token(signals: Signals) -> None:
    token = f"{_generated(8, '0123456789abcdef')}-{_generated(4, '0123456789abcdef')}-4abc-9def-{_generated(12, '0123456789abcdef')}"
    found = signals({".npmrc": f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={token}\n"})
    (hit,) = of(found, "secrets")
    assert hit.line == 2 and hit.detail == "hard-coded value for _authToken" and token not in hit.detail


def test_npmrc_token_read_from_the_environment_is_not_a_secret(signals: Signals) -> None:
    found = signals(
        {
            ".npmrc": "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n@acme:registry=https://npm.acme.dev/\nalways-auth=true\n"
        }
    )
    assert "secrets" not in categories(found)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_kubernetes_secret_manifest_values(signals: Signals) -> None:
    """A Secret's ``data`` is base64, not encryption: decoded, a real password is a secret;
    ``stringData`` holds it as written."""
    manifest = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n"
        f"  DB_USER: {_b64('app')}\n  DB_PASSWORD: {_b64(_generated(18))}\n"
    )
    plain = (
        f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  POSTGRES_PASSWORD: "{_generated(20)}"\n'
    )
    found = of(signals({"k8s/secret.yaml": manifest, "deploy/db-secret.yml": plain}), "secrets")
    assert sorted((s.path, s.line) for s in found) == [("deploy/db-secret.yml", 6), ("k8s/secret.yaml", 8)]


def test_a_kubernetes_secret_a_helm_chart_installs(signals: Signals) -> None:
    """A chart's ``templates/`` is the manifests it installs, not a project template: a registry
    credential committed there counts; a template folder outside a chart stays auxiliary."""
    registry = {"auths": {"1234.dkr.ecr.us-east-2.amazonaws.com": {"auth": _b64("AWS:" + _generated(40))}}}
    auths = json.dumps(registry)
    secret = (
        "apiVersion: v1\ndata:\n"
        f"  .dockerconfigjson: {_b64(auths)}\nkind: Secret\nmetadata:\n  name: ecr\n"
        "type: kubernetes.io/dockerconfigjson\n"
    )
    chart = {"src/cf-helm/Chart.yaml": "apiVersion: v2\nname: cf\nversion: 0.1.0\n"}
    (hit,) = of(signals({**chart, "src/cf-helm/templates/secret.yaml": secret}), "secrets")
    assert (hit.path, hit.line) == ("src/cf-helm/templates/secret.yaml", 3)
    assert "secrets" not in categories(signals({"src/cookiecutter/templates/secret.yaml": secret}))


def test_kubernetes_secrets_that_hold_no_credential(signals: Signals) -> None:
    """Toy values (base64 of ``password``), references, certificates, and encrypted or external
    secrets are not committed credentials."""
    toy = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n"
        f"  username: {_b64('admin')}\n  password: {_b64('password')}\n  tls.crt: {_b64('-----BEGIN CERTIFICATE-----')}\n"
    )
    refs = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  DB_PASSWORD: "${DB_PASSWORD}"\n'
    sealed = (
        "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: x\nspec:\n  encryptedData:\n"
        f"    DB_PASSWORD: Ag{_generated(200)}\n"
    )
    found = signals({"k8s/toy.yaml": toy, "k8s/refs.yaml": refs, "k8s/sealed.yaml": sealed})
    assert not {"secrets", "secrets-dev-only"} & categories(found)


def test_rails_database_yml_production_password(signals: Signals) -> None:
    text = (
        "default: &default\n  adapter: postgresql\n  username: shop\n  password: password\n\n"
        "development:\n  <<: *default\n  database: shop_development\n\n"
        f"production:\n  <<: *default\n  host: db.shop-hosting.net\n  password: {_generated(20)}\n"
    )
    (hit,) = of(signals({"config/database.yml": text}), "secrets")
    assert hit.line == 13 and hit.detail == "hard-coded value for password (production)"


def test_rails_database_yml_without_a_deployed_password(signals: Signals) -> None:
    """Toy development passwords, ERB lookups, and a development section's password (even a
    generated one, dev/test-only) are not the deployed database's."""
    text = (
        f"development:\n  adapter: mysql2\n  password: {_generated(32)}\n\n"
        "test:\n  adapter: mysql2\n  password: root\n\n"
        'production:\n  adapter: mysql2\n  username: shop\n  password: <%= ENV["SHOP_DATABASE_PASSWORD"] %>\n'
    )
    found = signals({"config/database.yml": text})
    assert "secrets" not in categories(found)
    (dev,) = of(found, "secrets-dev-only")
    assert dev.line == 3


def test_flask_secret_key_in_config_module(signals: Signals) -> None:
    config = f"import os\n\nclass Config:\n    SECRET_KEY = '{_generated(32)}'\n    DEBUG = False\n"
    (hit,) = of(signals({"app/config.py": config}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("app/config.py", 4, "hard-coded SECRET_KEY")


def test_flask_secret_key_read_from_the_environment_or_typed_by_hand(signals: Signals) -> None:
    config = (
        "import os\n\nclass Config:\n"
        "    SECRET_KEY = os.environ.get('SECRET_KEY') or 'hard to guess string'\n"
        "class Dev(Config):\n    SECRET_KEY = 'my-flask-secret-key-for-development'\n"
    )
    assert "secrets" not in categories(signals({"config.py": config}))


def test_flask_secret_key_set_on_the_application_in_any_module(signals: Signals) -> None:
    """``app.config["SECRET_KEY"] = '...'`` or ``app.secret_key = '...'`` in an application factory
    signs every session cookie, whatever the module; the tutorial's ``'dev'``, a typed phrase and an
    environment lookup are no key."""
    factory = f'def create_app():\n    app = Flask(__name__)\n    app.config["SECRET_KEY"] = "{_generated(32)}"\n'
    script = f"app = Flask(__name__)\napp.secret_key = os.environ.get('SECRET_KEY', '{_generated(24)}')\n"
    found = signals({"resources/website/__init__.py": factory, "server.py": script})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("resources/website/__init__.py", 3, "hard-coded signing secret"),
        ("server.py", 2, "hard-coded signing secret"),
    ]
    others = {
        "a/__init__.py": "app.config.from_mapping(SECRET_KEY='dev')\napp.config['SECRET_KEY'] = 'dev'\n",
        "b/__init__.py": "app.secret_key = 'my super secret key for sessions'\n",
        "c/__init__.py": "app.config['SECRET_KEY'] = os.environ['SECRET_KEY']\n",
    }
    assert "secrets" not in categories(signals(others))


def test_a_web_push_vapid_private_key(signals: Signals) -> None:
    """A VAPID private key (32 bytes, unpadded base64url) signs the pushes a site sends; its public
    half ships in every browser and is no secret."""
    pair = (
        "VAPID_PUBLIC_KEY=BMsZRlLlQC5Pvwpy4IhB6yysFy2oolAVfy-tjxDH48CF-Sw1pMKkMLxbI8_1FrpC22GtbpalZAlINOV2fwteXR0\n"
        "VAPID_PRIVATE_KEY=405ks326fTqVlwQxFDpeU0tNs_kaH1p81R8smDt8YVU\n"
    )
    (hit,) = of(signals({"scripts/vapid_keys.txt": pair}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("scripts/vapid_keys.txt", 2, "Web Push VAPID private key")
    public = pair.split("\n")[0] + "\nvapidPrivateKey: process.env.VAPID_PRIVATE_KEY\n"
    assert "secrets" not in categories(signals({"scripts/vapid_keys.txt": public}))


def test_appsettings_signing_keys(signals: Signals) -> None:
    settings = (
        '{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n'
        f'  "Jwt": {{\n    "Issuer": "Shop",\n    "Key": "{_generated(48)}"\n  }}\n}}\n'
    )
    development = f'{{\n  "Auth": {{\n    "SigningKey": "{_generated(40)}"\n  }}\n}}\n'
    found = signals({"appsettings.json": settings, "appsettings.Development.json": development})
    (hit,) = of(found, "secrets")
    assert (hit.path, hit.line, hit.detail) == ("appsettings.json", 5, "hard-coded value for Key")
    (dev,) = of(found, "secrets-dev-only")
    assert (dev.path, dev.line) == ("appsettings.Development.json", 3)


def test_appsettings_typed_keys_identifiers_and_public_values(signals: Signals) -> None:
    settings = (
        '{\n  "Jwt": { "Key": "YourSuperSecretKeyThatIsAtLeast32CharactersLong!" },\n'
        '  "Stripe": { "SecretKey": "sk_test_51Hx", "PublishableKey": "pk_live_51HxQ2" },\n'
        f'  "AzureAd": {{ "ClientId": "{_generated(36)}", "TenantId": "{_generated(36)}" }},\n'
        f'  "Vapid": {{ "PublicKey": "{_generated(80)}" }}\n}}\n'
    )
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"appsettings.json": settings}))


def test_elixir_env_script_values(signals: Signals) -> None:
    script = (
        '# .env.exs\nSystem.put_env("POSTGRES_HOST", "localhost")\nSystem.put_env("POSTGRES_PASSWORD", "")\n'
        f'System.put_env("SECRET_KEY_BASE", "{_generated(64)}")\nSystem.put_env("API_TOKEN", "changeme")\n'
    )
    (hit,) = of(signals({".env.exs": script}), "secrets")
    assert hit.line == 4 and hit.detail == "hard-coded value for SECRET_KEY_BASE"


def test_compose_environment_with_a_generated_credential(signals: Signals) -> None:
    compose = (
        "services:\n  app:\n    build: .\n    environment:\n      - SMTP_HOST=smtp.mailhost.net\n"
        f"      - SMTP_PASSWORD={_generated(30)}\n"
    )
    dev = f"services:\n  app:\n    build: .\n    environment:\n      SECRET_KEY: {_generated(50)}\n"
    found = signals({"docker-compose.yml": compose, "docker-compose.dev.yml": dev})
    (hit,) = of(found, "secrets")
    assert (hit.path, hit.line, hit.detail) == ("docker-compose.yml", 6, "hard-coded value for SMTP_PASSWORD")
    (local,) = of(found, "secrets-dev-only")
    assert local.path == "docker-compose.dev.yml"


def test_compose_toy_passwords_and_variables_are_not_secrets(signals: Signals) -> None:
    compose = (
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: shop\n"
        "      POSTGRES_PASSWORD: shop\n      PGPASSWORD: postgres\n  app:\n    build: .\n    environment:\n"
        "      - JWT_SECRET=${JWT_SECRET:-dev-secret}\n      - SESSION_SECRET=my-super-secret-session-key\n"
        "      - ADMIN_PASSWORD=Adm1nP4ss!\n"
    )
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"docker-compose.yml": compose}))


def test_a_compose_password_for_a_managed_database_elsewhere_is_a_secret(signals: Signals) -> None:
    """A hand-typed password is a local default for a database the stack runs itself; for one on a
    named server elsewhere (a managed database), it opens that database, however simple."""
    compose = (
        "services:\n  api:\n    build: .\n    environment:\n"
        "      SPRING_DATABASE_URL: jdbc:mysql://shop-db.cj6gcogsidzt.ap-southeast-2.rds.amazonaws.com:3306/shop\n"
        "      SPRING_DATABASE_USERNAME: shopadm\n      SPRING_DATABASE_PASSWORD: shopadmpwd123\n"
    )
    (hit,) = of(signals({"docker-compose.yml": compose}), "secrets")
    assert (hit.line, hit.detail) == (7, "hard-coded value for SPRING_DATABASE_PASSWORD")
    as_host = "services:\n  api:\n    build: .\n    environment:\n      - SPRING_DB_HOST=db.acme-shop.io\n      - DB_PASSWORD=Kq7shopz19\n"
    assert [s.line for s in of(signals({"compose.yaml": as_host}), "secrets")] == [6]
    # the stack's own database, or this machine's
    for host in ("jdbc:mysql://db:3306/shop", "jdbc:mysql://localhost:3306/shop"):
        local = compose.replace(compose.split("URL: ")[1].split("\n")[0], host)
        assert not {"secrets", "secrets-dev-only"} & categories(signals({"docker-compose.yml": local})), host


def test_a_generated_key_in_an_example_env_file_is_dev_only(signals: Signals) -> None:
    """Every copy of an example env file shares its keys: a generated one there is worth a warning."""
    example = f"APP_NAME=shop\nJWT_SECRET={_generated(64)}\nDB_PASSWORD=\n"
    (hit,) = of(signals({".env.example": example}), "secrets-dev-only")
    assert hit.line == 2 and hit.detail == "generated value for JWT_SECRET in an example env file, dev/test-only"


def test_example_env_file_placeholders_paths_and_urls_are_no_keys(signals: Signals) -> None:
    example = (
        "JWT_SECRET=generate-with-openssl-rand-base64-32\nFIREBASE_CREDENTIALS=storage/firebase-credentials.json\n"
        "SECRET_KEY=your-secret-key\nAUTH_TOKEN_URL=https://auth.shop-example.net/oauth2/token\n"
        "SESSION_SECRET=ThisIsMySuperSecretSessionKey2024\n"
    )
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".env.example": example}))


def test_ansible_variables_with_a_generated_credential(signals: Signals) -> None:
    plain = f"---\nmysql_root_password: root\napp_secret_key: {_generated(40)}\n"
    vaulted = (
        "---\ndb_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  "
        + _generated(80, "0123456789abcdef")
        + "\napi_token: '{{ vault_api_token }}'\n"
    )
    found = signals({"group_vars/all.yml": plain, "host_vars/web1/vault.yml": vaulted})
    (hit,) = of(found, "secrets")
    assert (hit.path, hit.line, hit.detail) == ("group_vars/all.yml", 3, "hard-coded value for app_secret_key")


KNEXFILE = """\
module.exports = {
  development: {
    client: 'pg',
    connection: { host: '127.0.0.1', user: 'shop', password: 'shop', database: 'shop_dev' },
  },
  production: {
    client: 'pg',
    connection: {
      host: process.env.DB_HOST,
      user: 'shop',
      password: process.env.DB_PASSWORD || '{password}',
      database: 'shop',
    },
  },
};
"""


def test_a_production_password_in_a_knexfile_is_a_secret(signals: Signals) -> None:
    password = _generated(14)
    (hit,) = of(signals({"knexfile.js": KNEXFILE.replace("{password}", password)}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("knexfile.js", 11, "hard-coded value for password (production)")
    # the environment lookup alone, or a toy fallback, is no literal password
    for fallback in ("process.env.DB_PASSWORD,", "process.env.DB_PASSWORD || 'changeme',"):
        text = KNEXFILE.replace("process.env.DB_PASSWORD || '{password}',", fallback)
        assert "secrets" not in categories(signals({"knexfile.ts": text})), fallback


def test_a_sequelize_config_password_by_section_and_host(signals: Signals) -> None:
    config = """{{
  "development": {{"username": "shop", "password": "{dev}", "database": "shop", "host": "{host}", "dialect": "mysql"}},
  "test": {{"username": "root", "password": null, "database": "shop_test", "host": "127.0.0.1", "dialect": "mysql"}}
}}
"""
    # a development section pointing at a hosted database holds that database's password
    hosted = config.format(dev="ad50488e", host="us-cdbr-east-03.cleardb.com")
    (hit,) = of(signals({"config/config.json": hosted}), "secrets")
    assert (hit.line, hit.detail) == (2, "hard-coded value for password (development)")
    # on this machine it is a development password: a typed one is a toy, a generated one dev/test-only
    assert "secrets" not in categories(signals({"config/config.json": config.format(dev="ad50488e", host="127.0.0.1")}))
    local = signals({"config/config.json": config.format(dev=_generated(32), host="localhost")})
    assert "secrets" not in categories(local) and [s.line for s in of(local, "secrets-dev-only")] == [2]
    # the same file elsewhere without a dialect is not Sequelize's
    assert "secrets" not in categories(signals({"config/config.json": hosted.replace('"dialect": "mysql"', '"x": 1')}))


def test_a_typeorm_data_source_password(signals: Signals) -> None:
    source = """import {{ DataSource }} from "typeorm"

export const AppDataSource = new DataSource({{
    type: "postgres",
    host: "{host}",
    username: "postgres",
    password: "{password}",
    database: "shop",
}})
"""
    remote = source.format(host="shop.cluster-c9x2.eu-west-1.rds.amazonaws.com", password=_generated(16))
    (hit,) = of(signals({"src/data-source.ts": remote}), "secrets")
    assert (hit.line, hit.detail) == (7, "hard-coded value for password (connection)")
    toy = source.format(host="localhost", password="postgres")
    env = source.replace('"{password}"', "process.env.DB_PASSWORD").format(host="db.shop.io")
    assert "secrets" not in categories(signals({"src/data-source.ts": toy, "ormconfig.ts": env}))


def test_a_database_url_with_a_password_in_code(signals: Signals) -> None:
    url = f"mongodb+srv://shop_app:{_generated(16)}@cluster0.ab12cd.mongodb.net/shop?retryWrites=true"
    code = f'const mongoose = require("mongoose");\n\nmongoose.connect("{url}");\n'
    (hit,) = of(signals({"src/db.js": code}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("src/db.js", 3, "database URL with a password")
    # a local database, a compose service, a placeholder or an environment lookup is none
    local = 'mongoose.connect("mongodb://admin:Xr8vTq2mLw5z@localhost:27017/shop");\n'
    service = 'const url = "postgres://shop:Xr8vTq2mLw5z@db:5432/shop";\n'
    placeholder = 'mongoose.connect("mongodb+srv://<user>:<password>@cluster0.ab12cd.mongodb.net/shop");\n'
    lookup = "mongoose.connect(process.env.MONGO_URI);\n"
    found = signals({"a.js": local, "b.ts": service, "c.js": placeholder, "d.js": lookup})
    assert "secrets" not in categories(found)


def test_a_sqlalchemy_database_url_with_a_driver_and_a_password(signals: Signals) -> None:
    """SQLAlchemy's URLs name the driver after the dialect (``postgresql+psycopg2://``): the same
    password in them, in code or in an env file."""
    url = f"postgresql+psycopg2://tracker_user:{_generated(24)}@dpg-d0ja0hu3jp1c739mpgpg-a.oregon-postgres.render.com/tracker"
    code = f'from sqlalchemy import create_engine\n\nengine = create_engine("{url}")\n'
    (hit,) = of(signals({"app/db.py": code}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("app/db.py", 3, "database URL with a password")
    (env,) = of(signals({".env": f"DATABASE_URL={url}?sslmode=require\n"}), "secrets")
    assert (env.path, env.line) == (".env", 1)
    local = 'engine = create_engine("mysql+pymysql://root:Xr8vTq2mLw5z@localhost:3306/shop")\n'
    placeholder = 'engine = create_engine("postgresql+asyncpg://<user>:<password>@db.acme.io/shop")\n'
    assert "secrets" not in categories(signals({"a.py": local, "b.py": placeholder}))


def test_a_netscape_cookie_file_with_a_logged_in_session(signals: Signals) -> None:
    """A downloader bot's ``cookies.txt`` (yt-dlp, instaloader) logs in as its account: its
    session cookie is a credential; the site's other cookies, and the name in any other text, are not."""
    head = "# Netscape HTTP Cookie File\n# This is a generated file! Do not edit.\n\n"
    jar = (
        head + ".instagram.com\tTRUE\t/\tTRUE\t1799701606\tcsrftoken\t--d8oLwWArIVOTuxrKibqa\n"
        f".instagram.com\tTRUE\t/\tTRUE\t1796663585\tsessionid\t79160628834%3A{_generated(14)}%3A7%3AAYhX\n"
    )
    (hit,) = of(signals({"modules/instagram_cookies.txt": jar}), "secrets")
    assert (hit.line, hit.detail) == (5, "logged-in session cookie (Netscape cookie file)")
    youtube = head + f".youtube.com\tTRUE\t/\tTRUE\t1799701606\t__Secure-3PSID\tg.a000{_generated(40)}\n"
    assert [s.line for s in of(signals({"cookies.txt": youtube}), "secrets")] == [4]
    tracking = head + ".instagram.com\tTRUE\t/\tTRUE\t1799687399\tdatr\t47Q1aZceuWl7nLkf_Uzh_kVW\n"
    prose = "The cookie is stored as\tsessionid\tand expires with the browser session.\n"
    assert "secrets" not in categories(signals({"cookies.txt": tracking, "notes.md": prose}))


def test_expo_eas_local_credentials_hold_the_signing_passwords(signals: Signals) -> None:
    """``eas credentials`` writes ``credentials.json`` to sign builds locally (its docs keep it out of
    version control): the keystore's and the certificate's passwords sign the app as its publisher."""
    android = (
        '{\n  "android": {\n    "keystore": {\n      "keystorePath": "credentials/android/keystore.jks",\n'
        f'      "keystorePassword": "{_generated(32)}",\n      "keyAlias": "upload",\n'
        f'      "keyPassword": "{_generated(32)}"\n    }}\n  }}\n}}\n'
    )
    (hit,) = of(signals({"credentials.json": android}), "secrets")
    assert (hit.line, hit.detail) == (5, "EAS credentials: Android keystore password")
    ios = f'{{"ios": {{"distributionCertificate": {{"path": "dist.p12", "password": "{_generated(20)}"}}}}}}'
    assert [s.detail for s in of(signals({"mobile/credentials.json": ios}), "secrets")] == [
        "EAS credentials: iOS distribution certificate password"
    ]
    template = '{"android": {"keystore": {"keystorePassword": "YOUR_KEYSTORE_PASSWORD", "keyPassword": ""}}}'
    google = '{"installed": {"client_id": "1234.apps.googleusercontent.com", "project_id": "quickstart"}}'
    assert "secrets" not in categories(signals({"credentials.json": template, "api/credentials.json": google}))


def test_a_key_ending_in_pass_names_a_password(signals: Signals) -> None:
    """``EMAIL_PASS`` (nodemailer's guides), ``DB_PASS``, ``SMTP_PASS``: a password's key; a word
    ``PASS`` before another (``PASS_THROUGH``, ``PASSPORT_...``) names none."""
    env = "NODE_ENV=development\nEMAIL_USER=shop.orders@gmail.com\nEMAIL_PASS=ordersmailbox2024\n"
    (hit,) = of(signals({".env": env}), "secrets")
    assert (hit.line, hit.detail) == (3, "hard-coded value for EMAIL_PASS")
    other = "PASS_THROUGH_HEADERS=x-request-id,x-forwarded-for\nPASSPORT_STRATEGY=google-oauth20\n"
    assert "secrets" not in categories(signals({".env": other}))


def test_a_generated_password_of_a_compose_stack_of_backing_services_alone_is_dev_only(signals: Signals) -> None:
    """A Compose file that runs a database and no application (Visual Studio's
    ``docker-compose.override.yml`` beside the app's own file, a local stack) holds a local
    database's password; with the application beside it, the stack is the deployed one."""
    password = "pass@exagonal-app-database93"
    database = (
        "services:\n  db:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n    environment:\n"
        f"      - MSSQL_SA_PASSWORD={password}\n      - ACCEPT_EULA=Y\n"
    )
    (hit,) = of(signals({"docker-compose.override.yml": database}), "secrets-dev-only")
    assert (hit.line, hit.detail) == (5, "generated value for MSSQL_SA_PASSWORD, dev/test-only")
    with_app = database.replace("services:\n", "services:\n  api:\n    image: ghcr.io/shop/api:1.4\n")
    assert [s.line for s in of(signals({"docker-compose.yml": with_app}), "secrets")] == [7]


def _rails_initializer(setting: str, value: str) -> str:
    return (
        "# Be sure to restart your server when you modify this file.\n"
        "# Make sure the secret is at least 30 characters and all random.\n"
        f"Shop::Application.config.{setting} = '{value}'\n"
    )


def test_rails_secret_token_initializer(signals: Signals) -> None:
    token = _generated(128, "0123456789abcdef")
    (hit,) = of(signals({"config/initializers/secret_token.rb": _rails_initializer("secret_token", token)}), "secrets")
    assert (hit.line, hit.detail) == (3, "hard-coded secret_token")
    devise = f"Devise.setup do |config|\n  config.secret_key = '{token}'\n  config.mailer_sender = 'a@shop.io'\nend\n"
    (key,) = of(signals({"config/initializers/devise.rb": devise}), "secrets")
    assert (key.line, key.detail) == (2, "hard-coded secret_key")
    omniauth = f"Devise.setup do |config|\n  config.omniauth :github, 'Iv1.8a61f9b3a7aba766', '{token[:40]}'\nend\n"
    (provider,) = of(signals({"config/initializers/devise.rb": omniauth}), "secrets")
    assert (provider.line, provider.detail) == (2, "hard-coded OmniAuth provider secret")
    fallback = f"Rails.application.config.secret_key_base = ENV.fetch('SECRET_KEY_BASE', '{token}')\n"
    (default,) = of(signals({"config/initializers/secret_token.rb": fallback}), "secrets")
    assert default.detail == "hard-coded secret_key_base"


def test_rails_initializers_reading_the_environment_or_commented_out(signals: Signals) -> None:
    token = _generated(128, "0123456789abcdef")
    files = {
        "config/initializers/secret_token.rb": "Shop::Application.config.secret_key_base = ENV['SECRET_KEY_BASE']\n",
        "config/initializers/devise.rb": (
            f"Devise.setup do |config|\n  # config.secret_key = '{token}'\n"
            "  config.omniauth :github, ENV['GITHUB_ID'], ENV['GITHUB_SECRET']\n"
            "  # config.omniauth :github, 'APP_ID', 'APP_SECRET', scope: 'user,public_repo'\nend\n"
        ),
        "lib/initializers/secret_token.rb": _rails_initializer("secret_token", token),  # not Rails' folder
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))
    typed = _rails_initializer("secret_token", "change-this-to-a-long-random-string")
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"config/initializers/secret_token.rb": typed}))


def test_android_signing_passwords(signals: Signals) -> None:
    props = "storePassword={pw}\nkeyPassword={pw}\nkeyAlias=upload\nstoreFile={store}\n"
    found = signals({"android/key.properties": props.format(pw="Qx7/v2^(mTz=pL", store="/home/dev/upload.jks")})
    (hit,) = of(found, "secrets")
    assert (hit.path, hit.line, hit.detail) == ("android/key.properties", 1, "hard-coded value for storePassword")
    rn = "org.gradle.jvmargs=-Xmx2048m\nMYAPP_UPLOAD_STORE_FILE=upload.keystore\nMYAPP_UPLOAD_STORE_PASSWORD=Hq4vTr8wLm2z\n"
    (upload,) = of(signals({"android/gradle.properties": rn}), "secrets")
    assert upload.line == 3


def test_a_signing_password_starting_with_a_dollar_is_a_password(signals: Signals) -> None:
    """Java properties expand no ``$NAME``: ``storePassword=$Khindri`` is the password itself, and
    ``${KEY_PASSWORD}`` stays a reference."""
    props = "storeFile=rmsh-release.keystore\nstorePassword=$Khindri\nkeyAlias=rmsh\nkeyPassword=$Khindri\n"
    (hit,) = of(signals({"android/keystore.properties": props}), "secrets")
    assert (hit.line, hit.detail) == (2, "hard-coded value for storePassword")
    referenced = props.replace("$Khindri", "${KEY_PASSWORD}")
    assert "secrets" not in categories(signals({"android/keystore.properties": referenced}))


def test_debug_keystores_and_unset_signing_passwords(signals: Signals) -> None:
    debug = "storePassword=debugpassword\nkeyPassword=debugpassword\nkeyAlias=alias\nstoreFile=debug_key.jks\n"
    unset = "storePassword=\nkeyPassword=${KEY_PASSWORD}\nkeyAlias=upload\nstoreFile=upload.jks\n"
    gradle = (
        "org.gradle.jvmargs=-Xmx1536m\nandroid.useAndroidX=true\nsigning.keyId=24875D73\n"
        "MYAPP_UPLOAD_STORE_PASSWORD=YourPassword\nMYAPP_UPLOAD_KEY_PASSWORD=ISI_PASSWORD_KEY\n"
    )
    found = signals({"keystore.properties": debug, "android/key.properties": unset, "gradle.properties": gradle})
    assert not {"secrets", "secrets-dev-only"} & categories(found)


def test_signing_passwords_written_into_a_gradle_build_script(signals: Signals) -> None:
    """An Android module's ``signingConfigs`` in ``build.gradle`` (Groovy) or ``build.gradle.kts``:
    a release configuration's password is real, a debug one's a development default, and one
    read from the environment or a property is no literal."""
    groovy = (
        "android {\n    signingConfigs {\n        debug {\n            storeFile file('debug.keystore')\n"
        '            storePassword "android"\n        }\n        release {\n'
        '            storeFile file("shop.keystore")\n            storePassword "fl7b0yQz"\n'
        '            keyAlias "shop"\n            keyPassword "fl7b0yQz"\n        }\n    }\n}\n'
    )
    (hit,) = of(signals({"app/build.gradle": groovy}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("app/build.gradle", 9, "hard-coded value for storePassword")
    kotlin = (
        'android {\n    signingConfigs {\n        create("release") {\n'
        '            storePassword = "Qx7v2mTzpL4w"\n        }\n    }\n}\n'
    )
    (hit,) = of(signals({"app/build.gradle.kts": kotlin}), "secrets")
    assert hit.line == 4
    read = (
        "android {\n    signingConfigs {\n        release {\n"
        '            storePassword System.getenv("STORE_PASSWORD")\n'
        "            keyPassword keystoreProperties['keyPassword']\n        }\n    }\n}\n"
    )
    debug_only = groovy.split("        release {")[0] + "    }\n}\n"
    found = signals({"app/build.gradle": read, "lib/build.gradle": debug_only})
    assert not {"secrets", "secrets-dev-only"} & categories(found)


def test_a_variable_name_standing_for_its_value_is_a_placeholder(signals: Signals) -> None:
    tf = 'provider "aws" {\n  region     = var.region\n  access_key = "AWS_ACCESS_KEY_ID"\n  secret_key = "AWS_SECRET_ACCESS_KEY"\n}\n'
    env = "DB_PASSWORD=DB_PASSWORD\nJWT_SECRET=MY_JWT_SECRET_2\n"
    assert "secrets" not in categories(signals({"infra/provider.tf": tf, ".env": env}))
    real = 'provider "aws" {\n  secret_key = "Wq7vT2xLp9ZkM4rN"\n}\n'
    assert "secrets" in categories(signals({"infra/provider.tf": real}))
    # a template's variables in braces, to be filled in (``str.format``, a deploy script's ``envsubst``)
    braced = "MONGO_URI={MONGO_URI}\nACCESS_TOKEN_EXPIRATION={ACCESS_TOKEN_EXPIRATION}\nJWT_SECRET={jwt.secret}\n"
    assert not categories(signals({".env.example": braced, ".env": braced})) & {"secrets", "secrets-dev-only"}


def test_a_database_url_built_from_the_modules_own_password_constant(signals: Signals) -> None:
    """An f-string URL that interpolates a password the settings module sets to a literal
    (``DATABASE_PASSWORD = '...'``) writes that password into the URL; one read from the
    environment does not."""
    config = (
        "DEBUG = True\nDATABASE_PASSWORD = 'ceef9ffe'\n"
        "SQLALCHEMY_DATABASE_URI = f'mysql://b1af419355f3a4:{DATABASE_PASSWORD}@us-cdbr-east-05.cleardb.net/heroku_dc2'\n"
    )
    (hit,) = of(signals({"app/config.py": config}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("app/config.py", 3, "hard-coded value for SQLALCHEMY_DATABASE_URI")
    from_environment = config.replace("'ceef9ffe'", "os.environ['DATABASE_PASSWORD']")
    assert "secrets" not in categories(signals({"app/config.py": from_environment}))


def test_smtp_and_database_passwords_in_python_settings(signals: Signals) -> None:
    settings = (
        "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\n"
        "EMAIL_HOST = 'smtp.gmail.com'\nEMAIL_HOST_USER = 'shop.orders@gmail.com'\n"
        "EMAIL_HOST_PASSWORD = 'qhvbnwtzkeplrsaa'\n"
    )
    (mail,) = of(signals({"shop/settings.py": settings}), "secrets")
    assert (mail.line, mail.detail) == (6, "hard-coded value for EMAIL_HOST_PASSWORD")
    databases = (
        "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.mysql',\n"
        "        'NAME': 'shop',\n        'USER': 'shop_app',\n        'PASSWORD': 'Vx3q(Lw8zT',\n"
        "        'HOST': 'shop-db.c2x8.eu-west-1.rds.amazonaws.com',\n    }\n}\n"
    )
    (db,) = of(signals({"config/settings/production.py": databases}), "secrets")
    assert (db.line, db.detail) == (6, "hard-coded value for DATABASES PASSWORD")
    flask = "class Config:\n    SQLALCHEMY_DATABASE_URI = 'postgresql://shop:Pq7vXw2mLt@db.shop-cloud.io/shop'\n"
    (uri,) = of(signals({"config.py": flask}), "secrets")
    assert uri.detail == "hard-coded value for SQLALCHEMY_DATABASE_URI"


def test_a_database_password_in_code_connecting_to_a_server_elsewhere(signals: Signals) -> None:
    """Code that connects to a database on a named server elsewhere (a managed MySQL on RDS) with a
    password written beside it hands that database to anyone who reads it, however the password
    looks."""
    php = (
        '<?php\n    $host = "d6q8diwwdmy5c9k9.cbetxkdyhwsb.us-east-1.rds.amazonaws.com";\n'
        '    $dbusername = "tgs66cq1wippa93b";\n    $dbpassword = "xi7mibqw1s765w4q";\n'
        '    $db = new PDO("mysql:host=$host;dbname=shop", $dbusername, $dbpassword);\n'
    )
    python = (
        "import mysql.connector\n\ncnx = mysql.connector.connect(\n    host='shop.mysql.database.azure.com',\n"
        "    user='shop',\n    password='Orders2024',\n)\n"
    )
    found = signals({"dbTools/dbConnect.php": php, "app/db.py": python})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("app/db.py", 6, "database password hard-coded for shop.mysql.database.azure.com"),
        (
            "dbTools/dbConnect.php",
            4,
            "database password hard-coded for d6q8diwwdmy5c9k9.cbetxkdyhwsb.us-east-1.rds.amazonaws.com",
        ),
    ]
    local = php.replace("d6q8diwwdmy5c9k9.cbetxkdyhwsb.us-east-1.rds.amazonaws.com", "localhost")
    service = "const db = mysql.createConnection({ host: 'db', user: 'root', password: 'secret123' });\n"
    placeholder = python.replace("Orders2024", "your-password")
    no_connection = php.replace("new PDO", "describe")
    versioned = '<?php\n$version = "5.7.44";\n$charset = "utf8.mb4";\n$password = "secret1234";\n$db = new PDO($dsn);\n'
    files = {"a.php": local, "b.js": service, "c.py": placeholder, "d.php": no_connection, "e.php": versioned}
    assert "secrets" not in categories(signals(files))


def test_local_mail_catchers_local_databases_and_commented_passwords(signals: Signals) -> None:
    files = {
        "site/settings.py": "EMAIL_HOST = 'mailhog'\nEMAIL_HOST_PASSWORD = 'qhvbnwtzkeplrsaa'\n",
        "blog/settings.py": "EMAIL_HOST_PASSWORD = 'qhvbnwtzkeplrsaa'\n",  # Django's default host: localhost
        "api/settings.py": (
            "DATABASES = {'default': {'PASSWORD': 'Vx3q(Lw8zT', 'HOST': 'db'}}\n"
            "EMAIL_HOST = 'smtp.sendgrid.net'\n# EMAIL_HOST_PASSWORD = 'qhvbnwtzkeplrsaa'\n"
            "EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '')\n"
        ),
        "app/settings/local.py": "EMAIL_HOST = 'smtp.gmail.com'\nEMAIL_HOST_PASSWORD = 'qhvbnwtzkeplrsaa'\n",
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))


def test_codeigniter_database_password_for_a_remote_host(signals: Signals) -> None:
    ci3 = (
        "<?php\n$active_group = 'default';\n"
        "// $db['default']['hostname'] = 'localhost';\n"
        "$db['default']['hostname'] = 'db.shop-hosting.com.br';\n"
        "$db['default']['username'] = 'shop';\n"
        "$db['default']['password'] = 'Shop_2019!x';\n"
    )
    (hit,) = of(signals({"application/config/database.php": ci3}), "secrets")
    assert (hit.line, hit.detail) == (6, "hard-coded database password")
    ci4 = (
        "<?php\nclass Database extends Config\n{\n    public array $default = [\n"
        "        'hostname' => '/cloudsql/shop:us-central1:main',\n        'username' => 'root',\n"
        "        'password' => 'xIr4ECzq6wnHFt',\n    ];\n}\n"
    )
    (gae,) = of(signals({"app/Config/Database.php": ci4}), "secrets")
    assert gae.line == 7


def test_php_database_configs_on_this_machine_or_from_the_environment(signals: Signals) -> None:
    local = "<?php\n$db['default']['hostname'] = 'localhost';\n$db['default']['password'] = 'root1234';\n"
    laravel = (
        "<?php\nreturn [\n    'connections' => [\n        'mysql' => [\n"
        "            'host' => env('DB_HOST', 'db.shop.io'),\n            'password' => env('DB_PASSWORD', 'Xq9v'),\n"
        "        ],\n    ],\n];\n"
    )
    commented = "<?php\n//$db['default']['hostname'] = 'db.shop.io';\n//$db['default']['password'] = 'Shop_2019!x';\n"
    files = {
        "application/config/database.php": local,
        "config/database.php": laravel,
        "old/config/database.php": commented,
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))


GO_CONFIG = """\
server:
  port: 8080
jwt:
  signing-key: {key}
  expires-time: 168h
mysql:
  host: {host}
  port: 3306
  username: shop
  password: {password}
  db-name: shop
"""


def test_credentials_in_a_service_configuration(signals: Signals) -> None:
    key = _generated(32)
    remote = GO_CONFIG.format(key="qmPlus", host="47.94.20.124", password="shop2024pass")
    (hit,) = of(signals({"configs/config.yaml": remote}), "secrets")
    assert (hit.line, hit.detail) == (10, "hard-coded value for password")
    signing = GO_CONFIG.format(key=key, host="mysql", password="123456")
    (dev,) = of(signals({"config.yaml": signing}), "secrets-dev-only")  # every host a Compose service
    assert (dev.line, dev.detail) == (4, "generated value for signing-key, dev/test-only")
    zero = f"Name: shop-api\nHost: 0.0.0.0\nDB:\n  DataSource: root:pw@tcp(mysql:3306)/shop\nAuth:\n  AccessSecret: {key}\n"
    assert "secrets-dev-only" in categories(signals({"etc/shop-api.yaml": zero}))
    toml = f'[database]\nname = "shop"\n\n[auth]\ntoken_secret = "{key}"\n'
    assert "secrets" in categories(signals({"settings.toml": toml}))
    # a store's section with a comment after it
    commented = remote.replace("mysql:\n", "mysql:  # orders database\n")
    assert "secrets" in categories(signals({"configs/config.yaml": commented}))


def test_a_group_of_secrets_for_other_services_in_a_service_configuration(signals: Signals) -> None:
    """``clientSecrets:`` naming each provider: the members are credentials though their own keys
    (``github``) say only what they are for, and another service's secret is real even when the
    file's own database is local; a group of the local stores' passwords stays dev/test-only."""
    config = "database:\n  url: jdbc:postgresql://localhost/auth\n\nclientSecrets:\n  github: {key}\n  google: ''\n"
    key = _generated(40)
    (hit,) = of(signals({"src/main/resources/config.yml": config.format(key=key)}), "secrets")
    assert (hit.line, hit.detail) == (5, "hard-coded value for clientSecrets.github")
    stores = "database:\n  host: localhost\npasswords:\n  redis: {key}\n"
    (dev,) = of(signals({"config/config.yml": stores.format(key=key)}), "secrets-dev-only")
    assert (dev.line, dev.detail) == (4, "generated value for passwords.redis, dev/test-only")
    placeholders = config.format(key="${GITHUB_CLIENT_SECRET}") + "apiKeys:\n  maps: your-maps-key\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"config/config.yml": placeholders}))
    words = "database:\n  host: db.acme.io\nsecrets:\n  provider: vault\n  path: kv/auth\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"config/config.yml": words}))


def test_service_configurations_without_a_credential_and_other_configs(signals: Signals) -> None:
    key = _generated(32)
    files = {
        "configs/config.yaml": GO_CONFIG.format(key="${JWT_KEY}", host="47.94.20.124", password="${DB_PASSWORD}"),
        "config.yaml": GO_CONFIG.format(key="change-me", host="localhost", password="secret123"),  # toy defaults
        "site/config.toml": f'baseURL = "https://shop.io/"\n[params.comments]\nsecret = "{key}"\n',  # no store
        "server/config.yaml": (
            "email:\n  host: smtp.163.com\n  secret: xxx\nobs:\n  access-key: you-access-key\n"
            "  secret-key: you-secret-key\nr2:\n  secret-access-key: xxx_secret_key\nmysql:\n  password: ''\n"
        ),
        ".circleci/config.yml": f"version: 2.1\njobs:\n  build:\n    environment:\n      database: x\n      TOKEN: {key}\n",
    }
    found = [s for s in signals(files) if s.path != ".circleci/config.yml"]
    assert not {"secrets", "secrets-dev-only"} & {str(s.category) for s in found}, found


def test_node_config_json_credentials(signals: Signals) -> None:
    atlas = '{\n  "mongoURI": "mongodb+srv://shop:Wq7vT2xLp9@cluster0.x1y2z.mongodb.net/shop",\n  "port": 5000\n}\n'
    (hit,) = of(signals({"config/default.json": atlas}), "secrets")
    assert (hit.line, hit.detail) == (2, "hard-coded value for mongoURI")
    key = _generated(40)
    dev = f'{{\n  "db": "mongodb://localhost/shop",\n  "jwtPrivateKey": "{key}"\n}}\n'
    (local,) = of(signals({"config/development.json": dev}), "secrets-dev-only")
    assert (local.line, local.detail) == (3, "generated value for jwtPrivateKey, dev/test-only")


def test_node_config_placeholders_variable_maps_and_other_json(signals: Signals) -> None:
    key = _generated(40)
    files = {
        "config/default.json": '{\n  "mongoURI": "mongodb://localhost/vidly",\n  "jwtSecret": "mysecrettoken"\n}\n',
        "config/custom-environment-variables.json": '{\n  "jwtPrivateKey": "VIDLY_JWT_PRIVATE_KEY"\n}\n',
        "config/production.json": '{\n  "mongoURI": "mongodb+srv://<user>:<password>@cluster0.x1y2z.mongodb.net/shop"\n}\n',
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))
    # outside node-config's folder a JSON file is no configuration, but a generated signing secret
    # is one wherever it is written
    (hit,) = of(signals({"src/default.json": f'{{\n  "jwtSecret": "{key}"\n}}\n'}), "secrets")
    assert (hit.line, hit.detail) == (2, "hard-coded signing secret")


def test_jdbc_properties_password_for_a_remote_database(signals: Signals) -> None:
    props = "jdbc.driver=com.mysql.cj.jdbc.Driver\njdbc.url=jdbc:mysql://{host}:3306/shop\njdbc.username=shop\njdbc.password=Xq7(vL2wz9\n"
    (hit,) = of(
        signals({"src/main/resources/jdbc.properties": props.format(host="rm-bp1x2y3z.mysql.rds.aliyuncs.com")}),
        "secrets",
    )
    assert (hit.line, hit.detail) == (4, "hard-coded value for jdbc.password")
    local = props.format(host="localhost")  # a development database: only a generated password counts
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"web/src/main/resources/db.properties": local}))


def test_a_dotted_key_is_a_credential_by_its_last_part(signals: Signals) -> None:
    """``quarkus.rest-client.ghcr-token-api.scope`` sets the scope of a client named for tokens, not a
    token; ``quarkus.rest-client.ghcr-token-api.password`` is one."""
    props = (
        "quarkus.rest-client.ghcr-token-api.url=https://ghcr.io\n"
        "quarkus.rest-client.ghcr-token-api.scope=jakarta.inject.Singleton\n"
    )
    path = "src/main/resources/application.properties"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({path: props}))
    with_password = props + "quarkus.rest-client.ghcr-token-api.password=Xq7(vL2wz9\n"
    (hit,) = of(signals({path: with_password}), "secrets")
    assert (hit.line, hit.detail) == (3, "hard-coded value for quarkus.rest-client.ghcr-token-api.password")


def test_smtp_password_in_appsettings(signals: Signals) -> None:
    settings = (
        '{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "EmailSettings": {\n'
        '    "SmtpServer": "smtp.gmail.com",\n    "SmtpPort": 587,\n    "SmtpUsername": "orders@shop.io",\n'
        '    "SmtpPassword": "qhvbnwtzkeplrsaa"\n  }\n}\n'
    )
    (hit,) = of(signals({"Shop.Api/appsettings.json": settings}), "secrets")
    assert (hit.line, hit.detail) == (7, "hard-coded value for SmtpPassword")


def test_appsettings_mail_placeholders_local_relays_and_other_passwords(signals: Signals) -> None:
    files = {
        "A/appsettings.json": '{\n  "Email": {\n    "SmtpHost": "smtp.gmail.com",\n    "SmtpPassword": "your-app-password"\n  }\n}\n',
        "B/appsettings.json": '{\n  "Smtp": {\n    "Host": "localhost",\n    "Password": "Xq7vL2wz9Tp4"\n  }\n}\n',
        "C/appsettings.json": '{\n  "Seed": {\n    "AdminPassword": "Xq7vL2wz9Tp4"\n  },\n  "AllowedHosts": "*"\n}\n',
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))


@pytest.mark.parametrize(
    ("path", "code", "line"),
    [
        (  # PHPMailer
            "smtp.php",
            "<?php\n$mail->isSMTP();\n$mail->Host = 'smtp.gmail.com';\n$mail->Username = 'shop@gmail.com';\n"
            "$mail->Password = 'Ceringoxdrd123$';\n",
            5,
        ),
        (  # ActionMailer, with a Gmail app password (four groups of four letters)
            "config/environments/production.rb",
            "Rails.application.configure do\n  config.action_mailer.smtp_settings = {\n    port: 587,\n"
            "    address: 'smtp.gmail.com',\n    user_name: 'app@gmail.com',\n    password: \"irjo nwqy toym bzae\"\n  }\nend\n",
            6,
        ),
        (  # nodemailer
            "src/mailer.js",
            "const transporter = nodemailer.createTransport({\n  host: 'smtp-relay.brevo.com',\n  port: 587,\n"
            "  auth: { user: 'team@acme.io', pass: 'xsmtpsib-q8Lw2vTz7Kp' },\n});\n",
            4,
        ),
        (  # smtplib
            "notify.py",
            'import smtplib\nserver = smtplib.SMTP_SSL("smtp.gmail.com", 465)\nserver.login("me@gmail.com", "Tr0ub4dor&3x")\n',
            3,
        ),
        (  # Flask-Mail, configured in the application module
            "app.py",
            "app = Flask(__name__)\napp.config['MAIL_SERVER'] = 'smtp.googlemail.com'\napp.config['MAIL_PORT'] = 587\n"
            "app.config['MAIL_USERNAME'] = 'shop@gmail.com'\napp.config['MAIL_PASSWORD'] = 'pksv wzbh wahl atbw'\n",
            5,
        ),
        (  # Flask-Mail, through config.update
            "shop/__init__.py",
            'app.config.update(\n    MAIL_SERVER="smtp.office365.com",\n    MAIL_PASSWORD="Wint3r-Sale!2024",\n)\n',
            3,
        ),
    ],
)
def test_smtp_password_written_into_a_mail_clients_code(signals: Signals, path: str, code: str, line: int) -> None:
    (hit,) = of(signals({path: code}), "secrets")
    assert hit.line == line and "SMTP password" in hit.detail, path


def test_jwt_signing_key_written_into_the_code(signals: Signals) -> None:
    named = (
        "const jwt = require('jsonwebtoken');\nconst secret = 'asdfe45we45w345wegw345werjktjwertkj';\n\n"
        "app.post('/login', (req, res) => {\n  jwt.sign({ username, id: user._id }, secret, {}, (err, token) => {});\n});\n"
    )
    (hit,) = of(signals({"api/index.js": named}), "secrets")
    assert (hit.line, hit.detail) == (2, "JWT signing key hard-coded")
    inline = 'token = jwt.encode(payload, "9fK2xQ7LmZ4vR8tY1wE6bN3cH5jP0sDa", algorithm="HS256")\n'
    assert [s.line for s in of(signals({"app/auth.py": inline}), "secrets")] == [1]
    assert categories(signals({"tests/test_auth.py": inline})) == {"secrets-fixture"}  # a test's own key


def test_jwt_keys_read_from_the_environment_or_typed_by_hand(signals: Signals) -> None:
    files = {
        "a.js": "jwt.sign({ id }, process.env.JWT_SECRET, { expiresIn: '1h' });\n",
        "b.js": "const secret = 'secretkey123';\njwt.verify(token, secret);\n",
        "c.py": "jwt.decode(token, settings.SECRET_KEY, algorithms=['HS256'])\n",
        "d.ts": "jwt.sign(payload, 'your-jwt-secret-here');\n",
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))


def test_mail_clients_reading_their_password_or_sending_nowhere(signals: Signals) -> None:
    files = {
        "a.php": "<?php\n$mail->Host = 'smtp.gmail.com';\n$mail->Password = getenv('SMTP_PASSWORD');\n",
        "b.js": "nodemailer.createTransport({ host: 'smtp.gmail.com', auth: { user: U, pass: 'your-app-password' } });\n",
        "c.js": "nodemailer.createTransport({ host: 'sandbox.smtp.mailtrap.io', auth: { user: 'a1b2', pass: 'f9e8d7c6b5a4' } });\n",
        "d.py": 'server = smtplib.SMTP("localhost", 1025)\nserver.login("me@x.io", "Tr0ub4dor&3x")\n',
        "e.rb": "config.action_mailer.smtp_settings = { address: 'smtp.sendgrid.net', password: ENV['SENDGRID_KEY'] }\n",
        # a file named smtp.php is no mail server
        "f.py": 'files = {"smtp.php": "..."}\nserver.login("me@x.io", "Tr0ub4dor&3x")\n',
        "g.py": "app.config['MAIL_SERVER'] = 'smtp.gmail.com'\napp.config['MAIL_PASSWORD'] = os.environ['MAIL_PASSWORD']\n",
        "h.py": "app.config['MAIL_SERVER'] = 'smtp.gmail.com'\napp.config['MAIL_PASSWORD'] = 'your-app-password'\n",
        "i.py": "app.config['MAIL_SERVER'] = 'smtp.gmail.com'\n# app.config['MAIL_PASSWORD'] = 'Wint3r-Sale!2024'\n",
        # an env file's settings are judged as an env file's: an example one holds no credential
        ".env.example": 'MAIL_SERVER="smtp.gmail.com"\nMAIL_PASSWORD="Wint3r-Sale!2024"\n',
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))


@pytest.mark.parametrize(
    ("host", "remote"),
    [
        ("db.acme.io", True),
        (".vercel.app", True),
        ("172.217.3.110", True),  # a public address, though it starts with 172.
        ("localhost", False),
        ("postgres", False),  # a Compose service
        ("mailhog", False),
        ("db.test", False),
        ("db.internal", False),
        ("db.example.com", False),
        ("10.0.0.5", False),
        ("172.20.0.3", False),
        ("192.168.1.9", False),
        ("....filess.io", False),  # a name cut short in a README's example
        ("db...io", False),
    ],
)
def test_one_rule_says_which_hosts_are_remote_for_every_credential_check(host: str, remote: bool) -> None:
    assert remote_host(host) is remote
    # a database URL's password counts as a secret exactly when its host is remote
    named = host if host.startswith("..") else host.lstrip(".")
    assert remote_url_password(f"postgres://shop:Xq7vL2wz9Tp4@{named}/shop") is remote


def test_a_yaml_application_config_judged_by_its_environment_sections(signals: Signals) -> None:
    """Grails, Micronaut and Spring keep one ``application.yml`` with a section per environment: a
    password in the development or test section (or a document for the ``dev`` profile) is a
    development one, dev/test-only when generated; one in production's section is the deployed
    application's."""
    dev_password = _generated(32)
    grails = (
        "dataSource:\n    pooled: true\n    driverClassName: org.postgresql.Driver\n"
        "environments:\n    development:\n        dataSource:\n            dbCreate: update\n"
        "            url: jdbc:postgresql://localhost:5432/proxy\n            username: postgres\n"
        f"            password: {dev_password}\n"
        "    production:\n        dataSource:\n            url: jdbc:postgresql://db.example.net:5432/proxy\n"
        "            password: ${DB_PASSWORD}\n"
    )
    found = signals({"grails-app/conf/application.yml": grails})
    assert "secrets" not in categories(found)
    assert [(s.line, s.detail) for s in of(found, "secrets-dev-only")] == [
        (10, "generated value for password, dev/test-only")
    ]
    # a file for a development profile is a development file whatever its sections
    local = 'auth:\n  url: https://sso.shopnow.io\n  admin-password: "GoodMorningShop"\n'
    assert "secrets" not in categories(signals({"api/src/main/resources/application-local.yml": local}))
    typed = grails.replace(dev_password, "18fhk6vf4d")  # a hand-typed local password: a toy default
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"grails-app/conf/application.yml": typed}))
    deployed = grails.replace("password: ${DB_PASSWORD}", f"password: {_generated(16)}")
    (hit,) = of(signals({"grails-app/conf/application.yml": deployed}), "secrets")
    assert (hit.line, hit.detail) == (14, "hard-coded value for password")
    spring = (
        "spring:\n  datasource:\n    url: jdbc:postgresql://db.example.net/app\n---\n"
        "spring:\n  config:\n    activate:\n      on-profile: dev\n"
        f"  datasource:\n    password: {_generated(32)}\n"
    )
    found = signals({"src/main/resources/application.yml": spring})
    assert "secrets" not in categories(found) and of(found, "secrets-dev-only")


def test_a_wordpress_salt_with_blanks_is_generated_not_a_phrase() -> None:
    """WordPress's generator draws from punctuation and a blank too: nearly every salt it writes is
    a key, not a placeholder phrase; a sentence typed with blanks still is one."""
    assert sum(is_placeholder(_wp_salt(seed)) for seed in range(500)) <= 10
    for phrase in ("put your unique phrase here", "Replace this with a long random string for production"):
        assert is_placeholder(phrase)


def test_a_generated_password_in_a_local_database_url_of_a_dev_env_file(signals: Signals) -> None:
    """In a file for development, a connection URL's password for this machine or a compose
    service counts as a ``DB_PASSWORD`` there does: generated-looking, it is a dev/test-only
    credential; typed by hand (``postgres``), a toy default."""
    password = "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(25))
    generated = f"POSTGRES_URL=postgresql://app_dev:{password}@host.docker.internal:5432/app\n"
    (hit,) = of(signals({".env.dev": generated}), "secrets-dev-only")
    assert (hit.path, hit.line, hit.detail) == (".env.dev", 1, "generated value for POSTGRES_URL, dev/test-only")
    typed = "DATABASE_URL=postgres://postgres:postgres@localhost:5432/app\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({".env.development": typed}))


def test_supabase_config_env_references_are_not_secrets(signals: Signals) -> None:
    """The Supabase CLI's ``config.toml`` reads a value from the environment with ``env(NAME)``."""
    text = (
        "# https://supabase.com/docs/guides/local-development/cli/config\n"
        'project_id = "portfolio"\n\n[db]\nport = 54322\n\n[studio]\nenabled = true\n'
        'openai_api_key = "env(OPENAI_API_KEY)"\n\n'
        '[auth.external.github]\nenabled = true\nclient_id = "env(GITHUB_CLIENT_ID)"\nsecret = "env(GITHUB_SECRET)"\n'
    )
    assert "secrets" not in categories(signals({"supabase/config.toml": text}))
    literal = text.replace('"env(OPENAI_API_KEY)"', '"' + _generated(40) + '"')
    assert {s.line for s in of(signals({"supabase/config.toml": literal}), "secrets")} == {9}


@pytest.mark.parametrize(
    ("path", "code", "detail"),
    [
        ("src/auth.js", "const JWT_SECRET = process.env.JWT_SECRET || '{key}';\n", "hard-coded signing secret"),
        ("src/auth.ts", "export const jwtSecret = process.env.JWT_SECRET ?? '{key}';\n", "hard-coded signing secret"),
        ("app/settings.py", 'JWT_SECRET = os.getenv("JWT_SECRET", "{key}")\n', "hard-coded signing secret"),
        ("app/config.py", 'STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "{key}")\n', "hard-coded API key"),
    ],
)
def test_an_environment_lookups_literal_fallback_is_hard_coded(
    signals: Signals, path: str, code: str, detail: str
) -> None:
    """The fallback is what runs wherever the variable is unset: a generated one is a credential."""
    (hit,) = of(signals({path: code.format(key=_generated(40))}), "secrets")
    assert (hit.path, hit.line, hit.detail) == (path, 1, detail)
    typed = {path: code.format(key="change-me-in-production-please")}
    assert not {"secrets", "secrets-dev-only"} & categories(signals(typed))


def test_an_hmac_key_written_into_the_code_that_signs_messages(signals: Signals) -> None:
    key = _generated(64, "0123456789abcdef")
    fallback = (
        f"const SECRET = process.env.WEBHOOK_SECRET || '{key}';\n\n"
        "function sign(ts, raw) {\n  return crypto.createHmac('sha256', SECRET).update(ts + raw).digest('hex');\n}\n"
    )
    (hit,) = of(signals({"api/index.js": fallback}), "secrets")
    assert (hit.line, hit.detail) == (1, "HMAC signing key hard-coded")
    inline = f'const sig = crypto.createHmac("sha256", "{key}").update(body).digest("hex");\n'
    assert [s.line for s in of(signals({"lib/webhook.js": inline}), "secrets")] == [1]
    read = "const sig = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(body).digest('hex');\n"
    typed = "const key = 'my-webhook-secret';\nconst sig = crypto.createHmac('sha256', key).update(body);\n"
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"a.js": read, "b.js": typed}))


def test_settings_bundled_in_a_jvm_applications_resources(signals: Signals) -> None:
    """A properties file loaded with ``@PropertySource`` holds settings whatever its name; message
    bundles (``messages_fr.properties``), logging configuration and a value that names itself are
    no credential."""
    secret = _generated(80)
    props = (
        "pagination.pageSize = 20\n# PayPal\n"
        f"paypal.client-id=AXujFaxeceDT48jTPIqlyYq\npaypal.secret={secret}\npaypal.mode=sandbox\n"
    )
    (hit,) = of(signals({"src/main/resources/configs.properties": props}), "secrets")
    assert (hit.line, hit.detail) == (4, "hard-coded value for paypal.secret")
    elsewhere = {
        "src/main/resources/messages_fr.properties": f"login.password={secret}\n",
        "src/main/resources/log4j.properties": f"log4j.appender.mail.password={secret}\n",
        # request parameters' names, mapped to the fields a form posts
        "src/main/resources/parameters.properties": "param.user.password=param_user_password\n",
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(elsewhere))


#: A JWT's header: HMAC-signed.
_JWT_HEADER = '{"alg":"HS256","typ":"JWT"}'


def _jwt(claims: str) -> str:
    def part(raw: str) -> str:
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    return f"{part(_JWT_HEADER)}.{part(claims)}.{_generated(43)}"


def test_a_token_a_service_issued_written_into_the_code(signals: Signals) -> None:
    issued = _jwt('{"aud":"pptlPCcAQTJUU8NDoNX59XP9","scopes":{"users":{"actions":["create"]}},"iat":1439236335}')
    config = f"module.exports = {{\n  auth0: {{\n    createUserToken: '{issued}',\n  }},\n}};\n"
    (hit,) = of(signals({"config.js": config}), "secrets")
    assert (hit.line, hit.detail) == (3, "issued JSON Web Token")
    # a client key public by design, jwt.io's example, a payload that is no token's, a test's token
    anon = _jwt('{"iss":"supabase","ref":"fdqmyjuzgqvklhdesgik","role":"anon","iat":1754114832}')
    example = _jwt('{"sub":"1234567890","name":"John Doe","iat":1516239022}')
    other = _jwt('{"hello":"world"}')
    files = {
        "src/supabase.ts": f"export const supabase = createClient(URL, '{anon}');\n",
        "README.md": f"curl -H 'Authorization: Bearer {example}' http://localhost:8080/api\n",
        "src/data.js": f"const blob = '{other}';\n",
        "tests/test_auth.py": f"TOKEN = '{issued}'\n",
    }
    assert not {"secrets", "secrets-dev-only"} & categories(signals(files))


def test_a_signing_key_in_appsettings_whatever_its_case(signals: Signals) -> None:
    key = _generated(32, string.ascii_lowercase + string.digits)
    settings = f'{{\n  "Jwt": {{\n    "Issuer": "https://localhost",\n    "Signingkey": "{key}"\n  }}\n}}\n'
    (hit,) = of(signals({"appsettings.json": settings}), "secrets")
    assert (hit.line, hit.detail) == (4, "hard-coded value for Signingkey")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.feishu.cn/flow/api/trigger-webhook/{hex32}",
        "https://open.feishu.cn/open-apis/bot/v2/hook/{uuid}",
        "https://oapi.dingtalk.com/robot/send?access_token={hex32}{hex32}",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={uuid}",
        "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{hex32}/{uuid}",
    ],
)
def test_a_chat_webhook_url_carries_its_token(signals: Signals, url: str) -> None:
    hex32 = _generated(32, "0123456789abcdef")
    uuid = "-".join(_generated(n, "0123456789abcdef") for n in (8, 4, 4, 4, 12))
    workflow = (
        "on: push\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: curl -X POST {url} -d \'{{"text": "deployed"}}\'\n'
    )
    (hit,) = of(
        signals({".github/workflows/deploy.yml": workflow.format(url=url.format(hex32=hex32, uuid=uuid))}), "secrets"
    )
    assert (hit.line, hit.detail) == (6, "chat webhook")
    read = workflow.format(url="${{{{ secrets.FEISHU_HOOK }}}}")  # the URL kept in the CI's secrets
    assert "secrets" not in categories(signals({".github/workflows/deploy.yml": read}))


def test_a_telegram_bot_token(signals: Signals) -> None:
    token = "7012345678:AA" + _generated(33, string.ascii_letters + string.digits + "_-")
    bot = f"from telegram.ext import Application\n\napp = Application.builder().token('{token}').build()\n"
    (hit,) = of(signals({"bot.py": bot}), "secrets")
    assert (hit.line, hit.detail) == (3, "Telegram bot token")
    # a time of day or a ratio is no token; a file naming no bot or token is not read for one
    assert "secrets" not in categories(signals({"bot.py": "SCHEDULE = '12345678:AA'\n", "notes.txt": token}))
