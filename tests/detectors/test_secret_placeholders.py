"""Placeholders people write in committed env files are not secrets; a real-looking value is."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from pocmvp_lint.detectors._placement import looks_generated, typed_phrase
from pocmvp_lint.detectors.secrets import is_placeholder
from tests.gitutil import make_repo
from tests.helpers import run_check


@pytest.mark.parametrize(
    "value",
    [
        "someRandomStringWith32Characters",
        "ChangeThisToASecurePassword!",
        "DontUseThisInProduction123",
        "insecure-dev-key-0123456789",
        "12345678901234567890123456789012",  # counted out to the length a key needs
        "0123456789abcdef0123456789abcdef",
    ],
)
def test_placeholder_values_are_not_reported(tmp_path: Path, value: str) -> None:
    repo = make_repo(
        tmp_path / "repo", {"project.toml": '[project]\nstage = "poc"\n', ".env.docker": f"APP_KEY={value}\n"}
    )
    codes = {f["code"] for f in run_check(str(repo)).projects[0]["findings"]}
    assert "SEC001" not in codes


def test_a_real_looking_value_is_reported(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {"project.toml": '[project]\nstage = "poc"\n', ".env.docker": "APP_KEY=q8Vx2LmT9rWz4KpN7bYc3HdF6gJs1AeU\n"},
    )
    (hit,) = [f for f in run_check(str(repo)).projects[0]["findings"] if f["code"] == "SEC001"]
    assert ".env.docker:1" in hit["message"] and "q8Vx2LmT9rWz4KpN7bYc3HdF6gJs1AeU" not in hit["message"]


def test_a_value_the_comment_above_gives_as_the_default_is_not_reported(tmp_path: Path) -> None:
    """An application's published default, documented where it is set, is a toy default."""
    documented = "# The admin password. Default value: m1cr0b1nAdm1n\nexport ADMIN_PASSWORD=m1cr0b1nAdm1n\n"
    repo = make_repo(tmp_path / "repo", {"project.toml": '[project]\nstage = "poc"\n', ".env": documented})
    assert "SEC001" not in {f["code"] for f in run_check(str(repo)).projects[0]["findings"]}
    other = "# The admin password. Default value: m1cr0b1nAdm1n\nexport ADMIN_PASSWORD=q8Vx2LmT9rWz4KpN7bYc\n"
    repo = make_repo(tmp_path / "other", {"project.toml": '[project]\nstage = "poc"\n', ".env": other})
    assert "SEC001" in {f["code"] for f in run_check(str(repo)).projects[0]["findings"]}


@pytest.mark.parametrize(
    "value",
    [
        "ThisIsMySuperSecretKeyForJwtTokens2024",
        "my-super-secret-session-key",
        "YourSuperSecretKeyThatIsAtLeast32CharactersLong!",
        "generate-with-openssl-rand-base64-32",
        "mot_de_passe_ici",
        "tu_clave_api_aqui",
        "ihr_geheimer_schluessel",
        "senha_do_email",
        "big_secret_token",
        "hackathon_build_token_default",  # baked into a hackathon's Dockerfile (ENV JWT_TOKEN=...)
        "ci-pipeline-test-secret-key-32characters",  # a CI job's test environment
        "docker-dev-jwt-secret-propertyos-secure-key-32chars",  # a development Compose service's
    ],
)
def test_phrases_typed_from_placeholder_words_are_not_secrets(value: str) -> None:
    assert is_placeholder(value) and typed_phrase(value) and not looks_generated(value)


@pytest.mark.parametrize(
    "value", ["verySecretKeyThatShouldBeAtLeast256BitsLongForHS256Algorithm", "mySecretKeyThatIsLongEnoughForHS256"]
)
def test_a_phrase_that_names_the_signing_algorithm_is_a_placeholder(value: str) -> None:
    """Long enough to look generated, but every word of it is typed: a JWT key's stand-in."""
    assert is_placeholder(value) and typed_phrase(value)


@pytest.mark.parametrize(
    "value",
    ["q8Vx2LmT9rWz4KpN7bYc3HdF6gJs1AeU", "Summer2024!Harbour", "hN3kq9ZtLw2mXc7VpR4sBy8d", "tokenbvqxzjkpwtm"],
)
def test_values_that_do_not_split_into_placeholder_words_are_not_phrases(value: str) -> None:
    assert not typed_phrase(value)


def test_random_hex_secrets_look_generated() -> None:
    """A random hex secret (a 40-digit GitHub OAuth client secret, a 64-digit key) has at most 4
    bits a digit: held to the letters-and-digits bar, one in twenty was read as typed by hand."""
    rng = random.Random(5)
    for length in (32, 40, 64):
        keys = ["".join(rng.choices("0123456789abcdef", k=length)) for _ in range(2000)]
        assert all(looks_generated(key) for key in keys), length
    assert not looks_generated("0123456789abcdef" * 2)  # a run, not a key
    assert not looks_generated("deadbeef" * 4)


@pytest.mark.parametrize(
    "value",
    ["StrongAUthenticationKEYStrongAUthenticationKEY", "q8Lw2vTz7Kp9q8Lw2vTz7Kp9q8Lw2vTz7Kp9"],
)
def test_a_value_written_twice_over_was_not_generated(value: str) -> None:
    """A tutorial's JWT key repeated to reach a length, a random block pasted three times."""
    assert not looks_generated(value)


def test_random_keys_never_read_as_phrases() -> None:
    rng = random.Random(3)
    alphabet = string.ascii_letters + string.digits + "+/"
    keys = ["".join(rng.choices(alphabet, k=rng.choice((16, 24, 44, 64)))) for _ in range(20000)]
    assert not any(typed_phrase(key) for key in keys)


@pytest.mark.parametrize("value", ["1234567890123456", "0123456789abcdef", "abcdefghijklmnop", "ABCDEFGHIJKLMNOP"])
def test_values_typed_by_counting_are_placeholders(value: str) -> None:
    assert is_placeholder(value)


def test_random_keys_never_read_as_counting() -> None:
    rng = random.Random(7)
    for _ in range(500):
        value = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24))
        assert not is_placeholder(value), value


def test_values_jasypt_encrypted_are_not_secrets() -> None:
    """Spring's Jasypt decrypts ``ENC(...)`` with a master password kept elsewhere."""
    assert is_placeholder("ENC(HbNqI2+UilXKYeT6IuL0jKOaLKPMd+pK)")
    assert not is_placeholder("ENCQ8Zr2LmP4xT9vB7nHbNqI2")
