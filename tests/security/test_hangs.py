"""Nothing hangs: the hostile inputs from the hang report are checked in seconds, end to end.

Each test builds a repository holding one hostile input and runs ``pocmvp-lint check`` on it. The
time bound is the safety property here (before the fix these took from 6 s to hours), so it is
generous: a linear check takes well under a second.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import make_repo

POC = '[project]\nstage = "poc"\n'
#: Seconds a check of one hostile file may take (the fixed cost of a run is a fraction of this).
BOUND = 5.0


def timed_check(repo: Path, *args: str) -> tuple[float, int, str]:
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["check", str(repo), "--format", "json", *args])
    return time.monotonic() - started, result.exit_code, result.output


def finding_codes(output: str) -> set[str]:
    """The codes of the findings in a ``check --format json`` output."""
    return {f["code"] for p in json.loads(output)["projects"] for f in p["findings"]}


@pytest.mark.parametrize(
    ("name", "files"),
    [
        ("setup heading of 40,000 '='", {"README.md": "# x\n\n" + "=" * 40_000 + "\n"}),
        (
            "a run: of 10,000 'mvn '",
            {
                ".github/workflows/ci.yml": "on: [push]\njobs:\n  b:\n    runs-on: x\n"
                "    steps:\n      - run: " + "mvn " * 10_000 + "\n"
            },
        ),
        ("a Jenkinsfile of '/* '", {"Jenkinsfile": "pipeline { " + "/* " * 14_000 + "}\n"}),
        ("'sk-' over a config file", {"config/app.yaml": "key: " + "sk-" * 14_000 + "\n"}),
        ("blank lines of tabs", {"Dockerfile": "\t\n" * 50_000, "k8s/app.yaml": "\t\n" * 50_000}),
        ("a Makefile line of spaces", {"Makefile": " " * 100_000 + "\n", "package.json": '{"scripts": {}}\n'}),
        ("a route file: 'return' then spaces", {"routes/index.js": "return" + " " * 100_000 + "x\n"}),
        ("a route file: 'get' then spaces", {"routes.rb": "get" + " " * 100_000 + "x\n"}),
        ("a Jenkinsfile: 'sh' then spaces", {"Jenkinsfile": "pipeline { sh" + " " * 100_000 + "x }\n"}),
        ("an env value of spaces", {".env": "API_URL=https://" + " " * 100_000 + "x\n"}),
    ],
)
def test_hostile_file_is_checked_in_seconds(tmp_path: Path, name: str, files: dict[str, str]) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC, **files})
    took, code, output = timed_check(repo)
    assert code in (0, 1), output
    assert took < BOUND, f"{name}: {took:.1f} s"


def test_catastrophic_user_regex_runs_in_linear_time(tmp_path: Path) -> None:
    toml = POC + '[[lint.rules]]\ncode = "ORG001"\nmessage = "m"\ncontains = { glob = "*.txt", regex = "^(a+)+$" }\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml, "a.txt": "a" * 40 + "b\n" + "a" * 100_000 + "!\n"})
    took, code, output = timed_check(repo)
    assert code in (0, 1), output
    assert "ORG001" in finding_codes(output)  # no line is all a's: the rule reports the missing text
    assert took < BOUND


def test_user_regex_still_finds_lines(tmp_path: Path) -> None:
    toml = (
        POC
        + '[[lint.rules]]\ncode = "ORG001"\nmessage = "m"\ncontains = { glob = "*.txt", regex = "^on-call: \\\\w+$" }\n'
    )
    repo = make_repo(tmp_path / "r", {"project.toml": toml, "a.txt": "intro\non-call: alice\nend\n"})
    _took, _code, output = timed_check(repo)
    assert "ORG001" not in finding_codes(output)


@pytest.mark.parametrize("regex", ["(a)\\\\1", "(?<=x)y"])
def test_pattern_re2_cannot_run_is_a_config_error(tmp_path: Path, regex: str) -> None:
    toml = POC + f'[[lint.rules]]\ncode = "ORG001"\nmessage = "m"\ncontains = {{ glob = "*", regex = "{regex}" }}\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml})
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2
    assert "project.toml:3" in result.stderr and "lint.rules" in result.stderr and "ORG001" in result.stderr
    assert "invalid regex" in result.stderr and "Traceback" not in result.output


def test_catastrophic_exclude_glob_runs_in_linear_time(tmp_path: Path) -> None:
    toml = POC + '[lint]\nexclude = ["*a*a*a*a*a*a*a*a*a*a*b"]\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml, "a" * 200 + "/" + "a" * 200 + ".py": "x = 1\n"})
    took, code, output = timed_check(repo)
    assert code in (0, 1), output
    assert took < BOUND
