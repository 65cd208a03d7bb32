"""A credential is reported by file, line and kind, and its value appears in no output format.

The tokens are built at run time from a seeded generator, so this file holds none (a scanner or
a push protection reading the source finds nothing to flag).
"""

from __future__ import annotations

import base64
import json
import random
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, init_repo, write

_ALNUM = string.ascii_letters + string.digits


def _random(rng: random.Random, alphabet: str, count: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(count))


def tokens() -> dict[str, str]:
    """One token of each format, by the file it is committed in (outside tests and docs)."""
    rng = random.Random(1010)
    upper32 = string.ascii_uppercase + "234567"
    hexdigits = "0123456789abcdef"
    b64 = string.ascii_letters + string.digits + "+/"
    pem = "\n".join(_random(rng, b64, 64) for _ in range(6))
    return {
        "aws": "AK" + "IA" + _random(rng, upper32, 16),
        "aws-secret": _random(rng, b64, 40),
        "github": "gh" + "p_" + _random(rng, _ALNUM, 36),
        "github-pat": "github" + "_pat_" + _random(rng, _ALNUM, 82),
        "gitlab": "gl" + "pat-" + _random(rng, _ALNUM, 20),
        "slack": "xo" + "xb-" + _random(rng, string.digits, 12) + "-" + _random(rng, _ALNUM, 24),
        "slack-hook": "https://hooks.slack.com/services/T"
        + _random(rng, _ALNUM, 8)
        + "/B"
        + _random(rng, _ALNUM, 8)
        + "/"
        + _random(rng, _ALNUM, 24),
        "stripe": "sk" + "_live_" + _random(rng, _ALNUM, 24),
        "google": "AI" + "za" + _random(rng, _ALNUM, 35),
        "npm": "np" + "m_" + _random(rng, _ALNUM, 36),
        "pypi": "pypi-" + "AgEIcHlwaS5vcmc" + _random(rng, _ALNUM, 60),
        "openai": "sk-" + "proj-" + _random(rng, _ALNUM, 40) + "T3Blbk" + "FJ" + _random(rng, _ALNUM, 40),
        "sendgrid": "SG" + "." + _random(rng, _ALNUM, 22) + "." + _random(rng, _ALNUM, 43),
        "twilio": "S" + "K" + _random(rng, hexdigits, 32),
        "sentry": "https://" + _random(rng, hexdigits, 32) + ":" + _random(rng, hexdigits, 32) + "@sentry.io/1",
        "generic": _random(rng, _ALNUM, 40),
        "pem-body": pem,
        "jwt": "ey" + "J" + _random(rng, _ALNUM, 30) + ".ey" + "J" + _jwt_claims() + "." + _random(rng, _ALNUM, 43),
        "chat-hook": "https://discord.com/api/webhooks/"
        + _random(rng, string.digits, 18)
        + "/"
        + _random(rng, _ALNUM, 68),
    }


def _jwt_claims() -> str:
    """A JWT payload (after its ``eyJ``): a token's registered claims, base64url without padding."""
    return base64.urlsafe_b64encode(b'{"sub":"u-42","iat":1700000000,"exp":1900000000}').decode().rstrip("=")[3:]


def token_repo(root: Path) -> tuple[Path, dict[str, str]]:
    values = tokens()
    init_repo(root)
    write(
        root,
        {
            "project.toml": '[project]\nstage = "poc"\nname = "leaky"\nowner = "team"\nends = 2030-01-01\n',
            "README.md": "# Leaky\n\nA proof of concept.\n",
            "src/settings.py": f"AWS_ACCESS_KEY_ID = '{values['aws']}'\n"
            f"AWS_SECRET_ACCESS_KEY = '{values['aws-secret']}'\nSENTRY = '{values['sentry']}'\n",
            "src/pay.js": f"const stripe = Stripe('{values['stripe']}');\nconst hook = '{values['slack-hook']}';\n"
            f"const session = '{values['jwt']}';\nconst alerts = '{values['chat-hook']}';\n",
            "src/pages/Weather.tsx": f"const api_key = '{values['generic']}';\nconst maps = '{values['google']}';\n",
            "scripts/publish.sh": f"export NPM_TOKEN={values['npm']}\nexport PYPI={values['pypi']}\n"
            f"GH={values['github']}\nPAT={values['github-pat']}\nGL={values['gitlab']}\n",
            "app/notify.rb": f"SLACK = '{values['slack']}'\nSENDGRID = '{values['sendgrid']}'\n"
            f"TWILIO = '{values['twilio']}'\nOPENAI = '{values['openai']}'\n",
            "deploy/server.pem": f"-----BEGIN RSA PRIVATE KEY-----\n{values['pem-body']}\n-----END RSA PRIVATE KEY-----\n",
        },
    )
    commit_all(root, "initial commit")
    return root, values


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    return token_repo(tmp_path_factory.mktemp("leaky") / "repo")


OUTPUTS: tuple[tuple[str, ...], ...] = (
    *(
        ("check", "--format", fmt)
        for fmt in ("text", "concise", "grouped", "json", "sarif", "github", "gitlab", "junit", "markdown")
    ),
    ("report", "--format", "markdown"),
    ("report", "--format", "html"),
    ("signals", "--format", "json"),
    ("signals", "--format", "text"),
)


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda c: " ".join(c))
def test_no_output_format_prints_a_secret(leaky: tuple[Path, dict[str, str]], command: tuple[str, ...]) -> None:
    root, values = leaky
    result = CliRunner().invoke(cli, [*command, str(root)])
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "notify.rb" in output, f"the findings are missing from {' '.join(command)}:\n{output}"
    for kind, value in values.items():
        pieces = value.splitlines() if kind == "pem-body" else [value]
        for piece in pieces:
            assert piece not in output, f"{kind} printed by {' '.join(command)}"
            assert piece[4:] not in output, f"the body of {kind} printed by {' '.join(command)}"


def test_each_format_is_found_at_its_line(leaky: tuple[Path, dict[str, str]]) -> None:
    root, _values = leaky
    result = CliRunner().invoke(cli, ["signals", "--format", "json", str(root)])
    found = {
        (s["path"], s["detail"])
        for s in json.loads(result.stdout)["projects"][0]["signals"]
        if s["category"] == "secrets"
    }
    expected = [
        ("src/settings.py", "AWS access key id (AKIA…)"),
        ("src/settings.py", "AWS secret access key"),
        ("src/settings.py", "Sentry DSN with its secret key"),
        ("src/pay.js", "Stripe live key (sk_l…)"),
        ("src/pay.js", "Slack webhook"),
        ("src/pay.js", "issued JSON Web Token"),
        ("src/pay.js", "chat webhook"),
        ("src/pages/Weather.tsx", "hard-coded API key"),
        ("src/pages/Weather.tsx", "Google API key (AIza…)"),
        ("scripts/publish.sh", "npm token (npm_…)"),
        ("scripts/publish.sh", "PyPI token (pypi…)"),
        ("scripts/publish.sh", "GitHub token (ghp_…)"),
        ("scripts/publish.sh", "GitHub token (gith…)"),
        ("scripts/publish.sh", "GitLab token (glpa…)"),
        ("app/notify.rb", "Slack token (xoxb…)"),
        ("app/notify.rb", "SendGrid key (SG.…)"),
        ("app/notify.rb", "Twilio API key (SK…)"),
        ("app/notify.rb", "OpenAI key (sk-…)"),
        ("deploy/server.pem", "private key"),
    ]
    missing = [pair for pair in expected if pair not in found]
    assert not missing, f"not reported: {missing}; found: {sorted(found)}"
    check = CliRunner().invoke(cli, ["check", "--format", "json", str(root)])
    findings = json.loads(check.stdout)["projects"][0]["findings"]
    sec001 = next(f for f in findings if f["code"] == "SEC001")
    assert sec001["severity"] == "error" and {"path": "src/pay.js", "line": 1} in sec001["evidence"]
