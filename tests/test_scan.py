"""`scan`: many repositories, one JSON line each, a summary table, in parallel processes."""

from __future__ import annotations

import json
from pathlib import Path

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
