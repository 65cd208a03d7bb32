"""Placeholders people write in committed env files are not secrets; a real-looking value is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitutil import make_repo
from tests.helpers import run_check


@pytest.mark.parametrize(
    "value",
    [
        "someRandomStringWith32Characters",
        "ChangeThisToASecurePassword!",
        "DontUseThisInProduction123",
        "insecure-dev-key-0123456789",
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
