"""Secrets detection and its traps."""

from __future__ import annotations

import random
import string

from tests.detectors.conftest import Signals, categories, of

_RNG = random.Random(7)

KEY = "-----BEGIN RSA PRIVATE KEY-----\n" + "A" * 80 + "\n-----END RSA PRIVATE KEY-----\n"


def test_private_key_file(signals: Signals) -> None:
    hit = of(signals({"deploy/server.pem": KEY}), "secrets")[0]
    assert hit.line == 1 and hit.detail == "private key"


def test_public_key_is_not_a_secret(signals: Signals) -> None:
    assert "secrets" not in categories(signals({"id_rsa.pub": "ssh-rsa AAAAB3Nza user@host\n"}))


def test_env_file_with_credential(signals: Signals) -> None:
    hit = of(signals({".env": "DEBUG=true\nAPI_TOKEN=q8Zr2LmP4xT9vB7n\n"}), "secrets")[0]
    assert hit.path == ".env" and hit.line == 2 and "API_TOKEN" in hit.detail


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

    dotnet = '{"ConnectionStrings": {"Default": "Server=shop.abc123.eu-north-1.rds.amazonaws.com;Database=shop;User Id=admin;Password=Kq7vR2pZx;"}}'
    (conn,) = of(signals({"Api/appsettings.json": dotnet}), "secrets")
    assert conn.detail == "password in a connection string"
    local_dotnet = dotnet.replace("shop.abc123.eu-north-1.rds.amazonaws.com", "localhost")
    assert "secrets" not in categories(signals({"Api/appsettings.json": local_dotnet}))


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


def test_a_password_repeating_the_user_or_database_name_is_a_toy_default(signals: Signals) -> None:
    env = "DB_HOST=localhost\nDB_NAME=cardapio\nDB_USERNAME=cardapio\nDB_PASSWORD=cardapio\n"
    assert "secrets" not in categories(signals({".env": env}))
    real = env.replace("DB_PASSWORD=cardapio", "DB_PASSWORD=Xr8vTq2mLw5z")
    assert [s.line for s in of(signals({".env": real}), "secrets")] == [4]


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


def test_phoenix_secret_key_base_in_elixir_configs(signals: Signals) -> None:
    key = "OtUpicaCWwwLklOS9qE/0UynMWWNJFLkCGbLILeW4JOnbTiCVAEHOK55b7Kxsnz1"
    dev = f'import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  http: [port: 4000],\n  secret_key_base: "{key}",\n'
    (hit,) = of(signals({"config/dev.exs": dev}), "secrets-dev-only")
    assert (hit.line, hit.detail) == (5, "Phoenix secret_key_base, dev/test-only")
    (prod,) = of(signals({"config/prod.exs": dev}), "secrets")
    assert prod.detail == "hard-coded Phoenix secret_key_base"
    from_env = 'config :shop, ShopWeb.Endpoint, secret_key_base: System.get_env("SECRET_KEY_BASE")\n'
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"config/runtime.exs": from_env}))
    # an older generator's shared default in config.exs, overridden by each environment's file
    assert not {"secrets", "secrets-dev-only"} & categories(signals({"config/config.exs": dev}))


def test_a_database_url_with_a_password_for_a_remote_host_is_a_secret(signals: Signals) -> None:
    env = "DATABASE_URL=postgres://shop:Xr8vTq2mLw5zK4@{host}:5432/shop\nDEBUG=false\n"
    (hit,) = of(signals({".env": env.format(host="shop-db.c9x2.eu-west-1.rds.amazonaws.com")}), "secrets")
    assert (hit.line, hit.detail) == (1, "hard-coded value for DATABASE_URL")
    for host in ("db", "localhost", "127.0.0.1"):  # a compose service or this machine: a dev database
        assert "secrets" not in categories(signals({".env": env.format(host=host)})), host
    placeholder = "DATABASE_URL=mysql://root:sua_senha@129.151.37.42:3306/dev\n"  # Portuguese "your_password"
    assert "secrets" not in categories(signals({".env": placeholder}))
