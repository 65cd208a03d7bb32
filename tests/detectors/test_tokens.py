"""Credential formats in every text file, where they sit, and the placeholders that are not keys."""

from __future__ import annotations

import base64
import json
import random
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from pocmvp_lint.detectors import tokens
from pocmvp_lint.inventory.reader import iter_heads
from tests.detectors.conftest import Signals, categories, of
from tests.gitutil import make_repo

_RNG = random.Random(42)
#: Built at run time: this file holds no token-shaped string.
STRIPE = "sk" + "_live_" + "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(24))
PEM_BODY = "\n".join("".join(_RNG.choice(string.ascii_letters + "+/") for _ in range(64)) for _ in range(4))
KEY = f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}\n-----END RSA PRIVATE KEY-----\n"
LARAVEL_KEY = "base64:" + "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(43)) + "="


def test_a_live_key_in_source_code_is_a_secret(signals: Signals) -> None:
    hit = of(signals({"src/pay.js": f"// pay\nconst stripe = Stripe('{STRIPE}');\n"}), "secrets")
    assert [(s.path, s.line, s.detail) for s in hit] == [("src/pay.js", 2, "Stripe live key (sk_l…)")]


@pytest.mark.parametrize(
    "path", ["tests/test_pay.py", "spec/pay_spec.rb", "src/pay.test.ts", "src/__mocks__/keys.js", "src/fixtures.json"]
)
def test_keys_in_test_fixtures_are_named_as_such(signals: Signals, path: str) -> None:
    found = signals({path: f"KEY = '{STRIPE}'\n"})
    assert not of(found, "secrets")
    assert [s.detail for s in of(found, "secrets-fixture")] == ["Stripe live key (sk_l…), in a test fixture"]


def test_documentation_examples_are_fixtures_too(signals: Signals) -> None:
    found = signals({"docs/setup.md": f"```js\nStripe('{STRIPE}')\n```\n"})
    assert [s.detail for s in of(found, "secrets-fixture")] == ["Stripe live key (sk_l…), in a documentation example"]


@pytest.mark.parametrize(
    "value",
    [
        "sk" + "_live_" + "x" * 24,  # repeated characters
        "sk" + "_live_" + "your" + "StripeKeyHere1234567",  # a placeholder phrase
        "sk" + "_live_" + "0123456789abcdefghij",  # a counting sequence
        "AKIA" + "IOSFODNN7" + "EXAMPLE",  # AWS's documented example
    ],
)
def test_placeholders_are_not_secrets(signals: Signals, value: str) -> None:
    assert not [s for s in signals({"src/app.py": f"KEY = '{value}'\n"}) if s.category.startswith("secrets")]


def test_generic_api_key_needs_a_random_value(signals: Signals) -> None:
    found = signals(
        {
            "src/a.ts": "const api_key = 'someRandomStringWith32Characters';\n",
            "src/b.ts": "const apiKey = 'changethis-changethis-changethis';\n",
            "src/c.ts": "const api_key = 'p6Q8HE2Oz3WjT1LRgqGqNj==VHf0A7g8HNAlIrCR';\n",
        }
    )
    assert [s.path for s in of(found, "secrets")] == ["src/c.ts"]


def test_an_api_key_in_a_request_url(signals: Signals) -> None:
    key = "9f1c2b7e4a6d3c8b0e5f7a2d4c6b8e1f"
    swift = f'enum Constant {{\n    static let apiKey = "&units=metric&APPID={key}"\n}}\n'
    (hit,) = of(signals({"Sources/WeatherService.swift": swift}), "secrets")
    assert (hit.line, hit.detail) == (2, "API key in a request URL")
    tmdb = f"fetch(`https://api.themoviedb.org/3/movie/popular?api_key={key}&page=1`)\n"
    assert [s.line for s in of(signals({"src/api.js": tmdb}), "secrets")] == [1]
    for text in (
        swift.replace(key, "0" * 32),  # a run of one digit is a placeholder
        swift.replace(key, "YOUR_API_KEY"),
        swift.replace("&APPID=", "&hash="),  # a checksum, not a key
    ):
        assert "secrets" not in categories(signals({"Sources/WeatherService.swift": text})), text


def test_a_hard_coded_token_signing_secret(signals: Signals) -> None:
    """The secret a service signs its sessions or JWTs with, written into its code: whoever reads
    the repository can forge a user's token."""
    found = signals(
        {
            "src/config.ts": "export const config = {\n  jwtSecret: 'Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Fg7Hj0',\n};\n",
            "app/server.js": "app.use(session({ secret: process.env.SESSION_SECRET }));\n",
            "api/auth.go": 'var jwtSecret = []byte(os.Getenv("JWT_SECRET"))\n',
            "web/app.py": "app.config['SESSION_SECRET'] = 'change-me-in-production'\n",
        }
    )
    assert [(s.path, s.line, s.detail) for s in of(found, "secrets")] == [
        ("src/config.ts", 2, "hard-coded signing secret")
    ]


def test_the_secret_member_of_an_auth_configs_jwt_section(signals: Signals) -> None:
    """An auth configuration object's ``jwt: { secret: ... }`` holds the key every token is signed
    with, the literal an unset variable falls back to too; other members may come first. Typed
    fallbacks (``'default'``) are toy defaults, and an empty section holds nothing."""
    config = (
        "export default {\n  jwt: {\n    expiresIn: '1d',\n"
        "    secret: process.env.APP_SECRET || 'e35a086d5514233a5125640855d81739',\n  },\n};\n"
    )
    settings = '{\n  "jwt": {"secret": "Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Fg7Hj0"}\n}\n'
    found = signals({"src/config/auth.ts": config, "config/settings.json": settings})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("config/settings.json", 2, "hard-coded signing secret"),
        ("src/config/auth.ts", 4, "hard-coded signing secret"),
    ]
    typed = "export default {\n  jwt: {\n    secret: process.env.APP_SECRET || 'default',\n  },\n};\n"
    read = "export default { jwt: { secret: process.env.APP_SECRET, expiresIn: '1d' } };\n"
    assert "secrets" not in categories(signals({"src/config/auth.ts": typed, "src/config/jwt.ts": read}))


def test_a_variable_named_token_holding_hex_digits(signals: Signals) -> None:
    """``TOKEN = '<40 hex digits>'`` is an API token's shape (Django REST framework's, handed to an
    ``Authorization: Token`` header); a longer name is another kind of token, and a word or a short
    value is no credential."""
    script = "BASE_URL = 'http://dev.example.org'\nTOKEN = 'bdf6677b8c52fa8489d29263fb401f85a3d84f26'\n"
    (hit,) = of(signals({"auth.py": script}), "secrets")
    assert (hit.path, hit.line, hit.detail) == ("auth.py", 2, "hard-coded API key")
    others = {
        "app/forms.py": "csrf_token = 'bdf6677b8c52fa8489d29263fb401f85a3d84f26'\n",
        "app/nlp.py": "TOKEN = 'sentencepiece'\n",
        "app/short.py": "token = '1a2b3c4d'\n",
    }
    assert "secrets" not in categories(signals(others))


def test_a_jwt_access_or_refresh_secret_in_an_aligned_go_block(signals: Signals) -> None:
    """A JWT's access and refresh token secrets are signing secrets too, and gofmt aligns the ``=``
    of a ``const`` or ``var`` block with as many spaces as the longest name needs."""
    go = (
        'package env\n\nconst (\n\tdefaultAddress             = "localhost:8080"\n'
        '\tdefaultAccessSecret        = "b731bed2db90768601a3d44bb6b600"\n)\n'
    )
    node = "module.exports = {\n  REFRESH_TOKEN_SECRET: 'Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Fg7Hj0',\n};\n"
    found = signals({"internal/app/config/env/constants.go": go, "src/config/auth.js": node})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("internal/app/config/env/constants.go", 5, "hard-coded signing secret"),
        ("src/config/auth.js", 2, "hard-coded signing secret"),
    ]
    lookup = "const accessSecret = process.env.ACCESS_TOKEN_SECRET;\nconst refreshSecret = 'your-refresh-secret';\n"
    assert "secrets" not in categories(signals({"src/auth.ts": lookup}))
    # a key naming both an access token and a secret is reported once, as the signing secret
    both = "module.exports = {\n  ACCESS_TOKEN_SECRET: 'Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Fg7Hj0',\n};\n"
    assert [(s.line, s.detail) for s in of(signals({"auth.js": both}), "secrets")] == [(2, "hard-coded signing secret")]


def test_a_key_a_formatter_wrapped_onto_the_next_line(signals: Signals) -> None:
    """Prettier moves a long property value below its key."""
    key = "p6Q8HE2Oz3WjT1LRgqGqNj0VHf0A7g8HNAlIrCR"
    found = signals(
        {
            "config/config.prod.js": f"export default {{\n  define: {{\n    'process.env.client_secret':\n      '{key}',\n  }},\n}};\n",
            "src/b.ts": f"const apiKey =\n\n  '{key}';\n",
        }
    )
    assert [(s.path, s.line, s.detail) for s in of(found, "secrets")] == [
        ("config/config.prod.js", 3, "hard-coded API key")
    ]


def test_a_private_key_needs_a_body(signals: Signals) -> None:
    found = signals(
        {
            "chart/values.yaml": "# key: |\n#   -----BEGIN OPENSSH PRIVATE KEY-----\n#   ...\n"
            "#   -----END OPENSSH PRIVATE KEY-----\n",
            "src/signer.py": f'KEY = """{KEY}"""\n',
        }
    )
    assert [(s.path, s.line) for s in of(found, "secrets")] == [("src/signer.py", 1)]


def test_generated_dev_and_ci_keys_are_dev_only(signals: Signals) -> None:
    found = signals(
        {
            ".env.ci": f"APP_KEY={LARAVEL_KEY}\nDB_PASSWORD=secretpassword\n",
            ".env.example": f"APP_KEY={LARAVEL_KEY}\n",
            "config/secrets.yml": "development:\n  secret_key_base: " + "ab12" * 32 + "\n"
            "production:\n  secret_key_base: <%= ENV['SECRET_KEY_BASE'] %>\n",
            "circle.yml": "machine:\n  environment:\n    SECRET_KEY: 'h3q@p1um18yew0s!6vdi&_@qi6t@-9e&&xqc0@!n3d'\n",
            "docker/ci-config/signing.key": KEY,
            "docker/config/local_dev.env": "OIDC_CLIENT_SECRET=bd01adf93cfb\n",  # a toy value
        }
    )
    assert not of(found, "secrets")
    assert sorted(s.path for s in of(found, "secrets-dev-only")) == [
        ".env.ci",
        ".env.example",
        "circle.yml",
        "config/secrets.yml",
        "docker/ci-config/signing.key",
    ]
    assert all("dev/test-only" in s.detail for s in of(found, "secrets-dev-only"))


def test_ci_cache_keys_and_references_are_not_credentials(signals: Signals) -> None:
    found = signals(
        {
            ".github/workflows/ci.yml": "steps:\n  - uses: actions/cache@v4\n    with:\n"
            "      key: association-watch-state-${{ github.run_id }}-Zq8rT2mPx9Lw4Kv7Bn3Hj6\n"
            "    env:\n      API_TOKEN: ${{ secrets.API_TOKEN_8f3kLq9ZmX2pR7wN4vB6tY1c }}\n"
        }
    )
    assert not [s for s in found if s.category.startswith("secrets")]


def test_a_service_token_in_ci_is_still_a_secret(signals: Signals) -> None:
    found = signals({".github/workflows/deploy.yml": f"env:\n  STRIPE: {STRIPE}\n"})
    assert [s.line for s in of(found, "secrets")] == [2]


def test_rails_production_secret_is_real(signals: Signals) -> None:
    found = signals(
        {
            "config/secrets.yml": "test:\n  secret_key_base: " + "cd34" * 32 + "\n"
            "production:\n  secret_key_base: " + "ef56" * 32 + "\n"
        }
    )
    assert [s.line for s in of(found, "secrets")] == [4]
    assert [s.line for s in of(found, "secrets-dev-only")] == [2]


def test_binaries_lockfiles_and_minified_files_are_not_read(signals: Signals) -> None:
    found = signals(
        {
            "logo.png": f"\x89PNG {STRIPE}",
            "package-lock.json": f'{{"x": "{STRIPE}"}}\n',
            "static/app.min.js": f"var k='{STRIPE}';\n",
            "static/bundle.js": "var a=1;" * 600 + f"var k='{STRIPE}';\n",
            "data.txt": b"\x00\x01" + STRIPE.encode(),
        }
    )
    assert not of(found, "secrets")


def test_the_byte_cap_stops_the_scan_and_says_so(signals: Signals, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "MAX_TOTAL_BYTES", 100)
    found = signals(
        {"a.py": f"K = '{STRIPE}'\n" + "#" * 40 + "\n", "b.py": "x = 1\n" * 40, "c.py": f"K = '{STRIPE}'\n"}
    )
    hits = of(found, "secrets")
    assert [s.path for s in hits] == ["a.py"]
    assert "scan stopped at" in hits[0].detail and "b.py and later files unread" in hits[0].detail


def test_severities_through_the_cli(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "project.toml": '[project]\nstage = "poc"\nname = "p"\nowner = "team"\n',
            "README.md": "# P\n",
            "src/pay.js": f"Stripe('{STRIPE}')\n",
            ".env.testing": f"APP_KEY={LARAVEL_KEY}\n",
            "tests/keys.py": f"KEY = '{STRIPE}'\n",
        },
    )
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(repo)])
    findings = {f["code"]: f for f in json.loads(result.stdout)["projects"][0]["findings"]}
    assert findings["SEC001"]["severity"] == "error"
    assert findings["SEC002"]["severity"] == "warning" and ".env.testing" in findings["SEC002"]["message"]
    assert findings["SEC003"]["severity"] == "info" and "in a test fixture" in findings["SEC003"]["message"]
    assert STRIPE not in result.stdout and LARAVEL_KEY not in result.stdout


def test_the_scan_never_follows_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keys.py").write_text(f"K = '{STRIPE}'\n")
    repo = make_repo(
        tmp_path / "repo", {"project.toml": '[project]\nstage = "poc"\nname = "p"\n', "README.md": "# P\n"}
    )
    (repo / "linked.py").symlink_to(outside / "keys.py")
    (repo / "src").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(cli, ["signals", "--no-git", "--format", "json", str(repo)])
    assert "secrets" not in result.stdout and STRIPE not in result.stdout


def test_the_batch_reader_refuses_symlinks_and_climbing_paths(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keys.py").write_text("secret\n")
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "ok.py").write_text("ok\n")
    (root / "linked.py").symlink_to(outside / "keys.py")
    (root / "folder").symlink_to(outside, target_is_directory=True)
    paths = ["../outside/keys.py", "folder/keys.py", "linked.py", "src/../../outside/keys.py", "src/ok.py"]
    assert list(iter_heads(root, paths, 100)) == [("src/ok.py", b"ok\n")]


def test_docker_hub_and_hugging_face_tokens(signals: Signals) -> None:
    docker = "dckr_pat_" + "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(27))
    hugging = "hf_" + "".join(_RNG.choice(string.ascii_letters) for _ in range(34))
    found = signals(
        {
            "Jenkinsfile": f"pipeline {{\n  environment {{\n    DOCKERHUB_PSW = '{docker}'\n  }}\n}}\n",
            "notebooks/load.py": f"from huggingface_hub import login\nlogin(token='{hugging}')\n",
        }
    )
    assert sorted((s.path, s.line, s.detail.split(" (")[0]) for s in of(found, "secrets")) == [
        ("Jenkinsfile", 3, "Docker Hub token"),
        ("notebooks/load.py", 2, "Hugging Face token"),
    ]


#: Built at run time: an Azure Storage account key's shape (64 bytes in base64).
AZURE_KEY = "".join(_RNG.choice(string.ascii_letters + string.digits + "+/") for _ in range(86)) + "=="


def test_azure_storage_account_key_in_a_connection_string(signals: Signals) -> None:
    conn = (
        f"DefaultEndpointsProtocol=https;AccountName=shopfiles;AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net"
    )
    found = signals({"app/settings/staging.py": f"BLOB_CONN = '{conn}'\n", "src/upload.js": f'const c = "{conn}";\n'})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("app/settings/staging.py", 1, "Azure Storage account key"),
        ("src/upload.js", 1, "Azure Storage account key"),
    ]


def test_a_service_bus_or_event_hubs_connection_string_with_its_key(signals: Signals) -> None:
    """Service Bus, Event Hubs and IoT Hub connection strings carry a shared access key (a
    SharedAccessKeyName and its base64 key), often in an Azure Functions ``local.settings.json``."""
    key = base64.b64encode(bytes(_RNG.randrange(256) for _ in range(32))).decode()
    settings = (
        '{\n  "IsEncrypted": false,\n  "Values": {\n    "SERVICEBUS_CONNECTIONSTRING": "Endpoint=sb://shop.servicebus'
        f'.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}"\n  }}\n}}\n'
    )
    (hit,) = of(signals({"src/functions/listener/local.settings.json": settings}), "secrets")
    assert (hit.line, hit.detail) == (4, "Azure shared access key")
    template = settings.replace(key, "<your-shared-access-key>")
    assert not of(signals({"src/functions/listener/local.settings.json": template}), "secrets")


def test_storage_emulator_keys_and_templates_are_not_secrets(signals: Signals) -> None:
    azurite = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    found = signals(
        {
            "app/config.py": f'BLOB = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={azurite};"\n',
            "infra/main.bicep": "var conn = 'AccountName=${sa.name};AccountKey=${sa.listKeys().keys[0].value}'\n",
            "src/app.js": 'const conn = "AccountName=shop;AccountKey=YOUR_KEY_HERE;EndpointSuffix=core.windows.net";\n',
        }
    )
    assert not of(found, "secrets")


def _google_key() -> str:
    return "AI" + "za" + "".join(_RNG.choice(string.ascii_letters + string.digits + "_-") for _ in range(35))


def test_firebase_client_configuration_api_keys_are_not_secrets(signals: Signals) -> None:
    key = _google_key()
    services = json.dumps({"client": [{"api_key": [{"current_key": key}]}]}, indent=2)
    web = (
        "const firebaseConfig = {\n"
        f'  apiKey: "{key}",\n'
        '  authDomain: "shop-1a2b.firebaseapp.com",\n'
        '  projectId: "shop-1a2b",\n'
        '  messagingSenderId: "1045623",\n'
        "};\n"
    )
    env = (
        f"VITE_FIREBASE_API_KEY={key}\nVITE_FIREBASE_AUTH_DOMAIN=shop-1a2b.firebaseapp.com\n"
        "VITE_FIREBASE_MESSAGING_SENDER_ID=1045623\n"
    )
    found = signals({"android/app/google-services.json": services, "src/firebase.js": web, "web/.env": env})
    assert not of(found, "secrets")


def test_a_google_api_key_outside_firebase_configuration_is_a_secret(signals: Signals) -> None:
    key = _google_key()
    found = signals({"src/maps.js": f'const MAPS_KEY = "{key}";\nfetch(url + MAPS_KEY);\n'})
    assert [s.detail for s in of(found, "secrets")] == ["Google API key (AIza…)"]


def test_an_imagekit_private_key(signals: Signals) -> None:
    """ImageKit's private API key signs uploads and deletes on the account; the public key beside it
    ships in web pages."""
    props = (
        "imagekit.url-endpoint=https://ik.imagekit.io/shop\n"
        "imagekit.api-public=public_EPwvRlxHJ6QE1geQZAg0AOV8h03=\n"
        "imagekit.api-private=private_YwXBfutjNUEd11Er6cZJjzff7Tj=\n"
    )
    found = signals({"src/main/resources/secrets.properties": props})
    assert [(s.line, s.detail) for s in of(found, "secrets")] == [(3, "ImageKit private API key (priv…)")]
    code = "class Cart {\n  private_itemsByCategoryAndProductId= new Map();\n}\n"
    assert "secrets" not in categories(
        signals({"src/cart.js": code, "a.properties": props.replace("private_Yw", "private_")})
    )


def test_a_pusher_app_secret_handed_to_its_server_client(signals: Signals) -> None:
    """A Pusher Channels secret signs the events a server publishes and the private channels it
    authorises; its app id and key are public."""
    python = (
        "pusher_client = pusher.Pusher(app_id=u'651114', key=u'9dfb7224d7fd60cc9c5f', secret=u'958b9a4ad341c43ade27')\n"
    )
    node = "const pusher = new Pusher({\n  appId: '651114',\n  key: '9dfb7224d7fd60cc9c5f',\n  secret: '958b9a4ad341c43ade27',\n});\n"
    found = signals({"monitor/pusher.py": python, "server/realtime.js": node})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("monitor/pusher.py", 1, "Pusher app secret"),
        ("server/realtime.js", 4, "Pusher app secret"),
    ]
    read = "const pusher = new Pusher({ appId: '651114', key: '9dfb7224d7fd60cc9c5f', secret: process.env.PUSHER_SECRET });\n"
    assert "secrets" not in categories(signals({"server/realtime.js": read}))


def test_search_only_keys_a_site_publishes_are_not_secrets(signals: Signals) -> None:
    key = "4f9a2c7e1b0d83a6c5e2f7d9b1a3c8e0"  # 32 hex characters, as Algolia writes them
    docusaurus = f"module.exports = {{\n  themeConfig: {{\n    algolia: {{\n      appId: 'X1Y2Z3',\n      apiKey: '{key}',\n      indexName: 'shop-docs',\n    }},\n  }},\n}};\n"
    hugo = f'[params.algolia]\n  appId = "X1Y2Z3"\n  apiKey = "{key}"\n  indexName = "blog"\n'
    named = f"export const searchApiKey = '{key}';\n"
    found = signals({"docusaurus.config.js": docusaurus, "config.toml": hugo, "src/search.ts": named})
    assert not of(found, "secrets")
    # the same key with no search index beside it, or an admin key, is a secret
    admin = signals({"src/sync.ts": f"const algoliaAdminKey = 'x';\nconst apiKey = '{key}';\n"})
    assert [s.path for s in of(admin, "secrets")] == ["src/sync.ts"]


def _discord_token(user_id: str) -> str:
    """A token of Discord's shape for ``user_id``, random elsewhere (built at run time)."""
    alphabet = string.ascii_letters + string.digits + "-_"
    first = base64.urlsafe_b64encode(user_id.encode()).decode().rstrip("=")
    return f"{first}.{''.join(_RNG.choice(alphabet) for _ in range(6))}.{''.join(_RNG.choice(alphabet) for _ in range(38))}"


def test_a_discord_bot_token_in_a_bot_s_configuration_or_code(signals: Signals) -> None:
    """A bot token has no prefix: it is known by its shape, a bot id in base64, a timestamp and a
    signature, wherever a bot keeps it (a config module, the call that starts the bot, .env)."""
    token = _discord_token(str(_RNG.randrange(10**17, 10**19)))
    found = signals(
        {
            "src/bot/config.py": f'DISCORD_TOKEN = "{token}"\n',
            "src/bot/main.py": f"import discord\n\nclient = discord.Client()\nclient.run('{token}')\n",
        }
    )
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("src/bot/config.py", 1, "Discord bot token"),
        ("src/bot/main.py", 4, "Discord bot token"),
    ]


def test_a_dotted_value_that_is_not_a_bot_token(signals: Signals) -> None:
    """The first part must decode to a bot id, and the signature must not be a placeholder."""
    not_an_id = _discord_token("not-a-snowflake-id").replace("bm90", "MTI3", 1)
    placeholder = _discord_token("123456789012345678").rsplit(".", 1)[0] + "." + "X" * 38
    for value in (not_an_id, placeholder):
        assert not of(signals({"src/bot/config.py": f'DISCORD_TOKEN = "{value}"\n'}), "secrets"), value


def test_a_wallet_private_key_as_hex_digits(signals: Signals) -> None:
    """A secp256k1 key (64 hex digits, ``0x`` first in the Ethereum tools) assigned to a name for a
    private key, in code or an env file; the keys of Hardhat's and Anvil's test accounts, which
    every local chain shares, are published, not secrets."""
    key = "".join(_RNG.choice("0123456789abcdef") for _ in range(64))
    found = signals(
        {
            "src/main/java/com/acme/ColdWallet.java": f'class ColdWallet {{\n  private static String privateKey = "{key}";\n}}\n',
            "scripts/deploy.ts": f"const PRIVATE_KEY = '0x{key}';\n",
        }
    )
    assert sorted((s.path, s.line, s.detail) for s in of(found, "secrets")) == [
        ("scripts/deploy.ts", 1, "hex private key"),
        ("src/main/java/com/acme/ColdWallet.java", 2, "hex private key"),
    ]
    anvil = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
    assert not of(signals({"hardhat.config.js": f'const PRIVATE_KEY = "{anvil}";\n'}), "secrets")
    assert not of(signals({"src/hash.py": f'DIGEST = "{key}"\n'}), "secrets")


def test_a_token_in_a_utf16_file_is_found(signals: Signals) -> None:
    """A file a Windows tool wrote as UTF-16 (with its byte-order mark) is text, scanned like any."""
    env = f"STRIPE_KEY={STRIPE}\r\n".encode("utf-16")
    assert [(s.path, s.line) for s in of(signals({"src/keys.txt": env}), "secrets")] == [("src/keys.txt", 1)]


def test_a_key_in_a_shell_script_named_for_a_test_is_a_manual_environments(signals: Signals) -> None:
    """``test_api.sh`` calls the API by hand with curl: no test runner collects it, so its key is a
    key of a manual environment (counted), not a fixture's; a test module's stays a fixture's."""
    key = "".join(_RNG.choice("0123456789abcdef") for _ in range(32))
    script = f'#!/bin/sh\nAPI_KEY="{key}"\ncurl -H "X-API-KEY: $API_KEY" http://localhost:3000/items\n'
    found = signals({"test_api.sh": script, "tests/test_api.py": f'API_KEY = "{key}"\n'})
    assert [(s.path, s.line) for s in of(found, "secrets")] == [("test_api.sh", 2)]
    assert [s.path for s in of(found, "secrets-fixture")] == ["tests/test_api.py"]


#: An Atlassian app password and a Jenkins API token, built at run time.
BITBUCKET = "ATBB" + "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(32))
JENKINS = "".join(_RNG.choice("0123456789abcdef") for _ in range(34))


def test_bitbucket_app_passwords_and_basic_credentials_written_into_code(signals: Signals) -> None:
    """``Cred::userpass_plaintext("me", "ATBB...")``; an ``Authorization: Basic`` header holding a
    user and an API token in base64. A guide's ``user:password`` in base64 is no credential."""
    basic = base64.b64encode(f"deploy:{JENKINS}".encode()).decode()
    guide = base64.b64encode(b"user:password").decode()
    code = (
        f'let cred = Cred::userpass_plaintext("me", "{BITBUCKET}");\n'
        f'headers.insert("Authorization", "Basic {basic}");\n'
        f'// curl -H "Authorization: Basic {guide}"\n'
    )
    found = of(signals({"src/jenkins.rs": code}), "secrets")
    assert [(s.line, s.detail) for s in found] == [(1, "Bitbucket app password (ATBB…)"), (2, "HTTP Basic credentials")]


def test_facebook_access_tokens_and_pusher_urls_with_their_secret(signals: Signals) -> None:
    """A Graph API token pasted into a helper script; ``Pusher.url = "https://key:secret@..."``."""
    token = "EAA" + "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(160))
    hex20 = ["".join(_RNG.choice("0123456789abcdef") for _ in range(20)) for _ in range(2)]
    files = {
        "get-token.ps1": f'$shortToken = "{token}"\n',
        "app.rb": f'Pusher.url = "https://{hex20[0]}:{hex20[1]}@api.pusherapp.com/apps/151900"\n',
    }
    found = of(signals(files), "secrets")
    assert [(s.path, s.detail) for s in found] == [
        ("app.rb", "Pusher URL with its secret"),
        ("get-token.ps1", "Facebook access token (EAA…)"),
    ]


def test_the_prefilter_passes_a_file_holding_any_needle_and_only_those() -> None:
    """The pre-filter is one trie-shaped search over the needles: a file holding any needle of any
    format is read, whatever its case for the lower-case needles."""
    for needle in tokens.PREFILTER:
        assert tokens._worth_a_look(b"x = '" + needle.upper() + b"'\n"), needle
    for needle in tokens.PREFILTER_EXACT:
        assert tokens._worth_a_look(b"x = '" + needle + b"'\n"), needle
    assert not tokens._worth_a_look(b"def add(a, b):\n    return a + b\n")
    assert tokens.needle_trie((b"jwt", b"jwt_secret", b"smtp")) == b"jwt|smtp"  # finding jwt is enough
    assert tokens.needle_trie([b"discord", b"dingtalk.com", b"smtp"]) == b"di(?:ngtalk\\.com|scord)|smtp"
