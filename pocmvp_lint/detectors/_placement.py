"""Where a credential sits decides how much it matters (docs/secrets.md).

A key in a test fixture or a documentation example is reported at a lower severity and named as
such; a generated key for development, tests or CI is real but low risk. Third-party service
tokens (AWS, GitHub, Stripe live...) open a real account wherever they sit, so only fixtures and
documentation lower them.
"""

from __future__ import annotations

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
_DOCS_DIR_RE = lazy_re(r"(?:^|/)(?:docs?|documentation|examples?|samples?)/", re.IGNORECASE)
#: Words in a folder or file name that mark a development, test or CI environment.
DEV_WORDS = frozenset({"dev", "development", "develop", "local", "test", "tests", "testing", "ci", "e2e"})
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
    if _FIXTURE_DIR_RE.search(path) is not None or _TEST_NAME_RE.search(name) is not None or "fixture" in name.lower():
        return Place.FIXTURE
    if _DOCS_DIR_RE.search(path) is not None:
        return Place.DOCS
    if is_ci_config(path) or any(
        word in DEV_WORDS for part in path.lower().split("/") for word in _WORD_SPLIT_RE.split(part)
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


def looks_generated(value: str) -> bool:
    """True for values a key generator writes: long, varied and not a placeholder, nor a phrase
    typed by hand (``ci-jwt-secret-at-least-32-characters-long``)."""
    body = value[7:] if value.startswith("base64:") else value
    return len(body) >= 24 and entropy(body) >= 3.5 and not looks_fake(body) and not _phrase(body)


def _phrase(body: str) -> bool:
    """Four or more lower-case words or numbers joined by ``-``/``_`` (a UUID's groups mix letters
    and digits, a generated key has no separators)."""
    parts = body.replace("_", "-").split("-")
    return len(parts) >= 4 and all(p.isdigit() or (p.isalpha() and p.islower()) for p in parts)
