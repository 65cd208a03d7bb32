"""`signals` and `check` share detection: what `signals` prints is what `check` judges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import make_repo

MVP_TOML = '[project]\nstage = "mvp"\nname = "svc"\n'
WORKFLOW = (
    "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - uses: actions/checkout@v4\n      - run: pytest\n"
)


def _json(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.stdout)


def _categories(signals: list[dict[str, Any]]) -> set[str]:
    return {s["category"] for s in signals}


def test_signals_of_a_nested_project_include_the_root_ci(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            ".github/workflows/ci.yml": WORKFLOW,
            "svc/project.toml": MVP_TOML,
            "svc/app.py": "print(1)\n",
        },
    )
    (shown,) = _json("signals", str(repo / "svc"))["projects"]
    ci = [s for s in shown["signals"] if s["category"] == "ci"]
    assert ci and ci[0]["path"] == ".github/workflows/ci.yml"
    (judged,) = _json("check", str(repo / "svc"))["projects"]
    assert "MVP003" not in {f["code"] for f in judged["findings"]}  # check counts the root CI too


def test_signals_show_own_and_inherited_signals(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            ".github/workflows/ci.yml": WORKFLOW,
            "LICENSE": "MIT License\n",
            "svc/project.toml": MVP_TOML,
            "svc/Dockerfile": "FROM python:3.12\n",
            "svc/tests/test_app.py": "def test_x():\n    assert True\n",
        },
    )
    (shown,) = _json("signals", str(repo / "svc"))["projects"]
    assert {"ci", "container", "tests", "license"} <= _categories(shown["signals"])
