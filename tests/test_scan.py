"""`scan`: many repositories, one JSON line each, a summary table, in parallel processes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import make_repo


def test_scan_a_folder_of_checkouts(tmp_path: Path) -> None:
    org = tmp_path / "org"
    make_repo(org / "a-poc", {"project.toml": '[project]\nstage = "poc"\n', "Dockerfile": "FROM x\n"})
    make_repo(org / "b-mvp", {"project.toml": '[project]\nstage = "mvp"\n'})
    make_repo(org / "c-none", {"app.py": "print(1)\n"})
    make_repo(org / "d-broken", {"project.toml": '[project]\nstage = "prod"\n'})
    result = CliRunner().invoke(cli, ["scan", str(org), "--jobs", "2"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["repository"]).name for line in lines] == ["a-poc", "b-mvp", "c-none", "d-broken"]
    by_name = {Path(line["repository"]).name: line for line in lines}
    assert by_name["a-poc"]["projects"][0]["verdict"] == "drifting"
    assert "POC101" in by_name["a-poc"]["projects"][0]["codes"]
    assert by_name["b-mvp"]["projects"][0]["verdict"] == "not-ready"
    assert by_name["c-none"]["projects"][0]["stage"] is None
    assert "project.toml:2" in by_name["d-broken"]["error"]
    assert "4 repositories, 3 projects, 1 errors" in result.stderr
    assert "poc         drifting    1" in result.stderr
    assert result.exit_code == 2  # one repository could not be checked


def _monorepo(path: Path, projects: int) -> Path:
    """A repository of ``projects`` declared projects (three files each), built in one commit."""
    files = {"project.toml": '[project]\nstage = "poc"\n'}
    for i in range(projects):
        files[f"services/s{i:05d}/project.toml"] = f'[project]\nstage = "poc"\nname = "s{i}"\n'
        files[f"services/s{i:05d}/README.md"] = "# s\n\n## Setup\n\n    pip install .\n"
        files[f"services/s{i:05d}/main.py"] = "print(1)\n"
    return make_repo(path, files)


@pytest.mark.slow
def test_a_repository_over_the_time_limit_is_an_error_and_the_survey_goes_on(tmp_path: Path) -> None:
    org = tmp_path / "org"
    make_repo(org / "a-first", {"project.toml": '[project]\nstage = "poc"\n'})
    _monorepo(org / "b-huge", 3000)  # seconds of honest work: far over half a second
    make_repo(org / "c-last", {"project.toml": '[project]\nstage = "mvp"\n'})
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["scan", str(org), "--jobs", "1", "--timeout", "0.5"])
    took = time.monotonic() - started
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["repository"]).name for line in lines] == ["a-first", "b-huge", "c-last"]
    assert lines[1]["error"] == "timed out after 0.5 s" and lines[1]["projects"] == []
    assert lines[0]["error"] is None and lines[2]["error"] is None
    assert lines[2]["projects"][0]["stage"] == "mvp"
    assert "3 repositories, 2 projects, 1 errors" in result.stderr
    assert result.exit_code == 2
    assert took < 30  # the huge repository was stopped, not waited for


def test_scan_timeout_must_be_positive(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": '[project]\nstage = "poc"\n'})
    result = CliRunner().invoke(cli, ["scan", str(repo), "--timeout", "0"])
    assert result.exit_code == 2 and "--timeout" in result.output
