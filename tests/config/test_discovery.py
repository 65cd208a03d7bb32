"""Which ``project.toml`` files a listing holds: the projects ``check`` finds in a monorepo."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pocmvp_lint.cli import cli
from pocmvp_lint.config.discovery import config_files
from tests.gitutil import make_repo

MVP_TOML = '[project]\nstage = "mvp"\nname = "{name}"\n'


def test_config_files_are_whole_base_names_anywhere_in_a_long_listing() -> None:
    filler = [f"src/m{i:05}.py" for i in range(10_000)]
    listing = [
        "a/myproject.toml",  # another name ending the same way
        "b/project.toml.bak",
        "project.toml",
        *filler[:4095],
        "services/api/project.toml",  # across the first slice's end
        *filler[4095:],
        "z/deep/er/project.toml",
        "project.tomlx",
    ]
    assert config_files(listing) == {"project.toml", "services/api/project.toml", "z/deep/er/project.toml"}
    assert config_files(iter(listing)) == config_files(listing)
    assert config_files([]) == frozenset()
    assert config_files(["myproject.toml", "x/project.toml/readme.md"]) == frozenset()


def test_check_finds_every_nested_project_of_a_big_monorepo_and_no_lookalike(tmp_path: Path) -> None:
    files = {f"services/s{i:04}/app.py": "print(1)\n" for i in range(5000)}
    files |= {
        "services/s0001/project.toml": MVP_TOML.format(name="first"),
        "services/s4999/project.toml": MVP_TOML.format(name="last"),
        "services/s2500/myproject.toml": MVP_TOML.format(name="lookalike"),
    }
    repo = make_repo(tmp_path / "mono", files)
    result = CliRunner().invoke(cli, ["check", str(repo), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    paths = [p["path"] for p in json.loads(result.stdout)["projects"]]
    assert paths == ["services/s0001", "services/s4999"]
