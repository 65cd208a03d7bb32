"""``secrets``: committed credentials, private keys and secret-bearing files (signals.md §10.5).

Only candidate files are read: dotenv files, key/certificate-like names, configuration formats and
a few well-known secret files. Anything under ``tests/``/``test/``/``spec/`` is skipped, as are
documentation example keys and placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors._util import (
    basename,
    in_test_dir,
    is_auxiliary,
    line_at,
    names_containing,
    paths_of,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re

#: A private key header (enough in key-named files).
PRIVATE_KEY_RE = lazy_re(
    r"^-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d|"
    r"BEGIN SSH2 ENCRYPTED PRIVATE KEY|BEGIN OpenVPN Static key V1",
    re.MULTILINE,
)
#: A whole private key block (required in other files, so prose mentioning a header never counts).
PRIVATE_KEY_BLOCK_RE = lazy_re(
    r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?KEY(?: BLOCK)?-----"
)
#: Token formats (gitleaks rules, simplified), with a human name.
TOKEN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("AWS access key", re.compile(r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b")),
    ("GitHub token", re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}\b|\bgithub_pat_\w{82}\b")),
    ("GitLab token", re.compile(r"\bglpat-[\w-]{20}\b")),
    ("Slack token", re.compile(r"\bxox[baprs]-[0-9]{10,13}-[0-9A-Za-z-]{10,}")),
    ("Slack webhook", re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}")),
    ("Stripe secret key", re.compile(r"\b(?:sk|rk)_(?:live|prod)_[a-zA-Z0-9]{10,99}\b")),
    ("GCP API key", re.compile(r"\bAIza[\w-]{35}\b")),
    ("GCP service-account key",
     re.compile(r"\"type\"\s*:\s*\"service_account\"[\s\S]{0,4000}\"private_key\"\s*:\s*\"-----BEGIN")),
    ("npm token", re.compile(r"\bnpm_[a-zA-Z0-9]{36}\b")),
    ("PyPI token", re.compile(r"pypi-AgEIcHlwaS5vcmc[\w-]{50,}")),
    ("SendGrid key", re.compile(r"\bSG\.[\w-]{22}\.[\w-]{43}\b")),
    ("OpenAI key", re.compile(r"(?<![\w-])sk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}")),
    ("Anthropic key", re.compile(r"\bsk-ant-api03-[\w-]{90,}")),
    ("DigitalOcean token", re.compile(r"\bdop_v1_[a-f0-9]{64}\b")),
    ("Twilio key", re.compile(r"\bSK[0-9a-fA-F]{32}\b")),
)
#: Documentation example values that look real but are published by vendors.
_EXAMPLE_VALUES = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "EXAMPLE")
#: Keys whose values are credentials.
CREDENTIAL_KEY_RE = lazy_re(
    r"(?i)(?:^|[_.-])(?:secret|secret_key_base|password|passwd|pwd|token|api_?key|apikey|access_?key|private_?key"
    r"|app_key|auth_?key|client_secret|credentials?|master_key|signing_key|encryption_key|jwt_secret)(?:$|[_.-])"
    r"|^(?:secret|password|token|key)$"
)
#: Values that are placeholders, references or obviously not secret.
PLACEHOLDER_RE = lazy_re(
    r"""(?isx)^(?:
       | null | none | nil | true | false | undefined | empty | \d{1,6}
     | \$\{[^}]*\}.* | \$\w+ | %\w+% | \{\{.*\}\} | <%=?.*%> | <[^>]*> | \[[^\]]*\] | \$\{\{.*\}\}
     | .*(?:change[-_ ]?me|changeit|replace[-_ ]?me|your[-_ ]|example|placeholder|dummy|fake|sample|
          xxxx|\.\.\.|todo|insert|put[-_ ]|enter[-_ ]|not[-_ ]for[-_ ]production|redacted[-_ ]by|
          change[-_ ]?this|random[-_ ]?string|string[-_ ]?with\d|do[-_ ]?n[o']?t[-_ ]?use|insecure|unsafe|
          secret[-_]here|password[-_]here|key[-_]here|test[-_]?only|ci[-_]only|local[-_]only|dev[-_]only).*
     | (?:secret|password|passwd|token|key|test|testing|admin|root|user|guest|demo|local|dev|development|
          masterkey|mysecret|mypassword|pass|default|postgres|mysql|redis|sa|qwerty)
     | (?:sk|pk|rk)_test_\w+ | pk_live_\w+
    )$"""
)
#: Config-ish extensions read for token formats and hard-coded credentials.
_CONFIG_EXTS = ("yml", "yaml", "json", "toml", "ini", "cfg", "conf", "properties", "xml", "tfvars", "config",
                "env", "npmrc", "pypirc", "netrc")
_KEY_EXTS = ("pem", "key", "p12", "pfx", "jks", "keystore", "ppk", "asc", "p8")
_KEY_NAMES = ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".npmrc", ".pypirc", ".netrc", ".htpasswd",
              "credentials.json", "credentials", "service-account.json", "kubeconfig", "secrets.yml",
              "secrets.yaml", "master.key", "terraform.tfstate", "terraform.tfstate.backup",
              ".git-credentials")
_ENV_SAFE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".defaults", ".default", ".tpl", ".schema",
                      ".local.example", ".md")
#: Most config files read looking for token formats.
MAX_CONFIG_READS = 300
_ASSIGNMENT_RE = lazy_re(
    r"""^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*[:=][ \t]*["']?([^"'\n#]*?)["']?[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)
_LOCKFILE_NAMES = frozenset({"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "composer.lock",
                             "poetry.lock", "pipfile.lock", "gemfile.lock", "cargo.lock", "go.sum",
                             "npm-shrinkwrap.json"})


def detect_secrets(inv: Inventory) -> Iterator[Signal]:
    seen: set[str] = set()
    for path in _candidates(inv):
        if path in seen or in_test_dir(path) or _aux_secret_path(path) or _is_example_name(basename(path)):
            continue
        seen.add(path)
        yield from _check(inv, path)


def _aux_secret_path(path: str) -> bool:
    return is_auxiliary(path) and not path.startswith(("config/", "deploy/", "templates/"))


def _candidates(inv: Inventory) -> list[str]:
    paths: list[str] = []
    paths.extend(paths_of(inv, names_containing(inv, "env", ".env")))
    paths.extend(inv.named(*_KEY_NAMES))
    paths.extend(inv.with_ext("tfstate", "backup"))
    paths.extend(inv.with_ext(*_KEY_EXTS))
    config = [p for p in inv.with_ext(*_CONFIG_EXTS) if basename(p).lower() not in _LOCKFILE_NAMES]
    config.sort(key=lambda p: (p.count("/"), p))
    paths.extend(config[:MAX_CONFIG_READS])
    return paths


def _check(inv: Inventory, path: str) -> Iterator[Signal]:
    name = basename(path).lower()
    rails_key = (name == "master.key" and path.endswith("config/master.key")) or (
        name.endswith(".key") and "config/credentials/" in path)
    if rails_key and (inv.text(path) or "").strip():
        yield Signal("secrets", path, 1, "Rails master key committed")
        return
    if name.endswith((".tfstate", ".tfstate.backup")):
        yield Signal("secrets", path, None, "Terraform state committed (holds secrets and resource IDs)")
        return
    text = inv.text(path)
    if text is None:
        if name.endswith(("p12", "pfx", "jks", "keystore")):
            yield Signal("secrets", path, None, "binary keystore committed")
        return
    key_named = name.endswith(_KEY_EXTS) or name.startswith("id_")
    key = (PRIVATE_KEY_RE if key_named else PRIVATE_KEY_BLOCK_RE).search(text)
    if key is not None and not name.endswith(".pub"):
        yield Signal("secrets", path, line_at(text, key.start()), "private key")
        return
    for label, pattern in TOKEN_PATTERNS:
        for match in pattern.finditer(text):
            if not any(example in match.group(0) for example in _EXAMPLE_VALUES):
                yield Signal("secrets", path, line_at(text, match.start()), label)
                return
    if _is_kubeconfig(text):
        yield Signal("secrets", path, None, "kubeconfig with cluster credentials")
        return
    if _is_dotenv(name) or name in ("secrets.yml", "secrets.yaml", ".npmrc", ".pypirc", ".netrc") \
            or name.endswith(".tfvars"):
        hit = hardcoded_credential(text)
        if hit is not None:
            yield Signal("secrets", path, hit[0], f"hard-coded value for {hit[1]}")


def _is_example_name(name: str) -> bool:
    """Documentation copies: ``.env.example``, ``config.sample.yml``, ``secrets.template.json``..."""
    return re.search(r"(?:^|[._-])(?:example|sample|template|tmpl|tpl|dist|defaults?)(?:[._-]|$)", name,
                     re.IGNORECASE) is not None


def _is_dotenv(name: str) -> bool:
    if not (name.startswith(".env") or name.endswith(".env")):
        return False
    return not name.endswith(_ENV_SAFE_SUFFIXES) and ".example" not in name and ".sample" not in name \
        and ".template" not in name


def _is_kubeconfig(text: str) -> bool:
    return re.search(r"^kind:\s*Config\s*$", text, re.MULTILINE) is not None and "users:" in text \
        and re.search(r"(?:client-key-data|token|password)\s*:\s*\S{8,}", text) is not None


def hardcoded_credential(text: str) -> tuple[int, str] | None:
    """(line, key) of the first credential-named key holding a literal, non-placeholder value."""
    for match in _ASSIGNMENT_RE.finditer(text):
        key, value = match.group(1), match.group(2).strip()
        if not CREDENTIAL_KEY_RE.search(key) or _is_placeholder(value):
            continue
        return line_at(text, match.start()), key
    return None


def _is_placeholder(value: str) -> bool:
    if len(value) < 8 or PLACEHOLDER_RE.match(value):
        return True
    if re.fullmatch(r"(.)\1+", value):
        return True
    if re.match(r"^(?:https?|postgres(?:ql)?|mysql|redis|mongodb)://", value):
        return re.search(r"://[^/\s:@]+:[^@\s]{6,}@", value) is None
    return bool(re.search(r"\s", value) and not re.search(r"[A-Za-z0-9+/=_-]{24,}", value))
