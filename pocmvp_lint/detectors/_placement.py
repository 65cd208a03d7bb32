"""Where a credential sits decides how much it matters (docs/secrets.md).

A key in a test fixture or a documentation example is reported at a lower severity and named as
such; a generated key for development, tests or CI is real but low risk. Third-party service
tokens (AWS, GitHub, Stripe live...) open a real account wherever they sit, so only fixtures and
documentation lower them.
"""

from __future__ import annotations

import binascii
import enum
import math
import re
from collections import Counter

from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category


class Place(enum.Enum):
    """Where a file sits, as far as a credential in it is concerned."""

    NORMAL = "normal"
    FIXTURE = "fixture"  # tests, specs, fixtures, mocks, test data, test files
    DOCS = "docs"  # documentation and example folders
    DEV = "dev"  # development, test or CI environments, CI configuration


_FIXTURE_DIR_RE = lazy_re(
    r"(?:^|/)(?:tests?|specs?|__tests__|__mocks__|mocks?|fixtures?|testdata|test[-_]data|testing)/",
    re.IGNORECASE,
)
#: Test files by their base name (searched in the name only).
_TEST_NAME_RE = lazy_re(
    r"^test_|_test\.[a-z]{1,5}$|\.(?:test|spec)\.[a-z]{1,5}$|_spec\.rb$|Tests?\.(?:java|kt|cs|scala|groovy)$"
)
#: Scripts a person runs (a shell's, PowerShell's, cmd's), which no test runner collects.
_MANUAL_SCRIPT_EXTS = (".sh", ".bash", ".zsh", ".ps1", ".bat", ".cmd")
_DOCS_DIR_RE = lazy_re(r"(?:^|/)(?:docs?|documentation|examples?|samples?)/", re.IGNORECASE)
#: Words in a folder or file name that mark a development, test or CI environment.
DEV_WORDS = frozenset({"dev", "development", "develop", "local", "test", "tests", "testing", "ci", "e2e"})
#: Folders of a developer's own machine environment: Vagrant's state of the local VM (its generated
#: ``private_key``), a dev container's definition.
DEV_FOLDERS = frozenset({".vagrant", ".devcontainer"})
_WORD_SPLIT_RE = lazy_re(r"[-_.]")
#: CI configuration files and folders: values written there run only in CI.
CI_PREFIXES = (".github/workflows/", ".circleci/", ".woodpecker/", ".buildkite/", ".azure-pipelines/", ".gitlab/ci/")
CI_NAMES = frozenset(
    {
        ".gitlab-ci.yml",
        "circle.yml",
        ".travis.yml",
        "bitbucket-pipelines.yml",
        "azure-pipelines.yml",
        ".drone.yml",
        ".woodpecker.yml",
        "appveyor.yml",
        ".appveyor.yml",
        "jenkinsfile",
        "cloudbuild.yaml",
        "cloudbuild.yml",
    }
)


def is_ci_config(path: str) -> bool:
    """True for the configuration files of CI systems."""
    return path.startswith(CI_PREFIXES) or path.rsplit("/", 1)[-1].lower() in CI_NAMES


def place_of(path: str) -> Place:
    """Where ``path`` (project-relative) sits: fixtures first, then docs, then dev/CI environments."""
    name = path.rsplit("/", 1)[-1]
    # a shell script named for a test (``test_api.sh`` calling the API with curl) is run by hand, not
    # by a test runner: its key is a manual environment's, a dev/test-only place like ``dev.env``
    test_named = _TEST_NAME_RE.search(name) is not None and not name.lower().endswith(_MANUAL_SCRIPT_EXTS)
    if _FIXTURE_DIR_RE.search(path) is not None or test_named or "fixture" in name.lower():
        return Place.FIXTURE
    if _DOCS_DIR_RE.search(path) is not None:
        return Place.DOCS
    parts = path.lower().split("/")
    if (
        is_ci_config(path)
        or not DEV_FOLDERS.isdisjoint(parts[:-1])
        or any(word in DEV_WORDS for part in parts for word in _WORD_SPLIT_RE.split(part))
    ):
        return Place.DEV
    return Place.NORMAL


#: What a signal's detail says about each place.
WHERE: dict[Place, str] = {
    Place.NORMAL: "",
    Place.FIXTURE: "in a test fixture",
    Place.DOCS: "in a documentation example",
    Place.DEV: "dev/test-only",
}


def category_for(place: Place, *, third_party: bool) -> Category:
    """The category of a credential found at ``place``.

    A third-party service token is a real credential outside fixtures and docs, even in a CI or
    development file; keys the project generates for itself (private keys, framework secrets) are
    dev/test-only there.
    """
    if place in (Place.FIXTURE, Place.DOCS):
        return Category.SECRETS_FIXTURE
    if place is Place.DEV and not third_party:
        return Category.SECRETS_DEV_ONLY
    return Category.SECRETS


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


#: Fragments that make a token-shaped value a placeholder or a published example.
_FAKE_FRAGMENTS = (
    "example",
    "xxxx",
    "your",
    "placeholder",
    "dummy",
    "fake",
    "sample",
    "changeme",
    "change_me",
    "changethis",
    "redacted",
    "replace",
    "1234567890",
    "abcdefghij",
    "0123456789",
    "insert",
    "secret_here",
    "key_here",
    "token_here",
)
_RUN_RE = lazy_re(r"(.)\1{7}")


def looks_fake(body: str) -> bool:
    """True for token bodies that are placeholders: documented examples, runs, too few symbols."""
    low = body.lower()
    if any(fragment in low for fragment in _FAKE_FRAGMENTS):
        return True
    if _RUN_RE.search(body) is not None:
        return True
    return len(set(body)) < min(10, max(4, len(body) // 3))


#: Least entropy (bits per character) of a generated value. Hex has 16 symbols, at most 4 bits:
#: a random 40-digit hex secret (a GitHub OAuth client secret) falls below 3.5 one time in twenty,
#: so hex is held to 3.0, as secret scanners do.
_ENTROPY = 3.5
_HEX_ENTROPY = 3.0
_HEX_RE = lazy_re(r"[0-9a-fA-F]+")


def looks_generated(value: str) -> bool:
    """True for values a key generator writes: long, varied and not a placeholder, nor a phrase
    typed by hand (``ci-jwt-secret-at-least-32-characters-long``)."""
    body = value[7:] if value.startswith("base64:") else value
    if body is not value and _readable_base64(body):
        return False
    if encoded_phrase(body):
        return False
    return (
        len(body) >= 24
        and entropy(body) >= (_HEX_ENTROPY if _HEX_RE.fullmatch(body) else _ENTROPY)
        and not looks_fake(body)
        and not _phrase(body)
        and not typed_phrase(body)
        and not _repeated(body)
    )


def _repeated(body: str) -> bool:
    """A value that is one shorter string over again (``KeyKey``, ``a1b2c3a1b2c3``): typed or
    pasted twice to reach a length; a generator's output repeats itself as a block with odds too
    small to matter."""
    return (body + body).find(body, 1) < len(body)


def _readable_base64(body: str) -> bool:
    """Whether a ``base64:`` value (Laravel's ``APP_KEY``) decodes to printable text: a key is
    random bytes, and text (``testkeytestkey...``) was typed to stand in for one."""
    try:
        raw = binascii.a2b_base64(body)
    except (binascii.Error, ValueError):
        return False
    return bool(raw) and all(32 <= b < 127 for b in raw)


#: A bare base64 value: its alphabet, padded to whole groups of four.
_BASE64_RE = lazy_re(r"(?:[A-Za-z0-9+/]{4}){6,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def encoded_phrase(body: str) -> bool:
    """A base64 value that decodes to a phrase typed by hand (``Y2FyLXJlbnRhbC1zdXBlci1zZWNyZXQ...``,
    ``car-rental-super-secret-key-2026``): a stand-in for a key, whatever its encoding."""
    if _BASE64_RE.fullmatch(body) is None or not _readable_base64(body):
        return False
    text = binascii.a2b_base64(body).decode("ascii")
    return _phrase(text) or typed_phrase(text) or looks_fake(text)


def _phrase(body: str) -> bool:
    """Four or more lower-case words or numbers joined by ``-``/``_`` (a UUID's groups mix letters
    and digits, a generated key has no separators)."""
    parts = body.replace("_", "-").split("-")
    return len(parts) >= 4 and all(p.isdigit() or (p.isalpha() and p.islower()) for p in parts)


#: Words people type into a placeholder secret (``ThisIsMySuperSecretKey``,
#: ``generate-with-openssl-rand-base64-32``, ``mot_de_passe_ici``), in English and in the languages
#: whose placeholders are common in committed env files (Spanish, Portuguese, French, German,
#: Italian, Dutch).
_PHRASE_WORDS_TEXT = (
    "my your our the this that is it its at to be of in on for with and or not no use used here there "
    "some any very really super ultra mega extra top big huge great little tiny secret secrets secure security "
    "strong long random "
    "string key keys token tokens password passwords passwd pass phrase value values jwt api app session "
    "cookie auth authentication authorization signing sign encryption encrypt salt hash private change "
    "replace generate generated algorithm hmac sha hs rs "
    "openssl rand base hex characters character chars char least minimum min max length bits bytes "
    "production prod dev development local test testing demo default example sample dummy fake "
    "placeholder please must should need needs only more than enough something access refresh admin user "
    "db database django flask rails laravel next nextauth spring server client dont do never commit share "
    "guess hard unique new real actual put insert set own goes keep safe hidden word pwd mail email smtp "
    "service account web site project name data store storage backend frontend one two three four five "
    "build hackathon tutorial workshop course ci pipeline docker compose container staging "
    "six seven eight nine ten thirty sixty hundred aqui tu su sus clave contrasena secreto secreta llave "
    "mi el la de del ici mot passe votre ton ta cle secrete mon ma le les hier ihr dein deine geheim "
    "geheimer geheimes schluessel passwort sein senha sua seu da minha meu chave qui tua tuo chiave "
    "segreta segreto il jouw je geheime sleutel wachtwoord "
)
PHRASE_WORDS = frozenset(_PHRASE_WORDS_TEXT.split())
#: Longest word of ``PHRASE_WORDS`` (bounds the segmentation's look-back).
_LONGEST_WORD = max(len(w) for w in PHRASE_WORDS)


def typed_phrase(value: str) -> bool:
    """True for a value typed by hand from placeholder words: its letters (camelCase, ``-``, ``_``
    or digits between them) split into at least three words of ``PHRASE_WORDS``, one of them five
    letters or more, covering three quarters of its letters. A generated key's letter runs do not
    split into words."""
    if len(value) > 200:
        return False
    letters = sum(c.isalpha() for c in value)
    covered = words = longest = 0
    for run in _letter_runs(value):
        split = _words_of(run.lower())
        if split is not None:
            covered += len(run)
            words += len(split)
            longest = max([longest, *map(len, split)])
    return letters >= 8 and words >= 3 and longest >= 5 and covered * 4 >= letters * 3


def _letter_runs(value: str) -> list[str]:
    """The maximal runs of letters of ``value`` (``ThisIsMy2024Key`` -> ``ThisIsMy``, ``Key``)."""
    runs: list[str] = []
    current: list[str] = []
    for char in value:
        if char.isalpha():
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def _words_of(run: str) -> list[str] | None:
    """``run`` (lower case) split into ``PHRASE_WORDS``, or None when it does not split."""
    best: list[list[str] | None] = [[]] + [None] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            before = best[start]
            if before is not None and run[start:end] in PHRASE_WORDS:
                best[end] = [*before, run[start:end]]
                break
    return best[len(run)]
