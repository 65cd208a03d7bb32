"""The composite GitHub Action: inputs only through env, and its run step in a simulated runner."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pocmvp_lint import action
from pocmvp_lint.cli import cli
from tests.gitutil import make_repo

ACTION_YML = Path(__file__).resolve().parents[2] / "action.yml"
POC_TOML = '[project]\nstage = "poc"\nname = "recs"\nhypothesis = "h"\nends = 2099-01-01\n'
DISCLAIMER = "# Recs\n\nProof of concept, not for production.\n"


def load_action() -> Any:
    return yaml.safe_load(ACTION_YML.read_text(encoding="utf-8"))


def test_action_is_composite_and_never_pastes_inputs_into_scripts() -> None:
    doc = load_action()
    assert doc["runs"]["using"] == "composite"
    assert set(doc["inputs"]) >= {"paths", "args", "format", "sarif-file", "fail-on"}
    assert doc["inputs"]["format"]["default"] == "github"
    for step in doc["runs"]["steps"]:
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], step["name"]
    env = doc["runs"]["steps"][-1]["env"]
    passed = set(re.findall(r"\$\{\{ inputs\.([\w-]+) \}\}", json.dumps(env)))
    assert passed == {"paths", "args", "format", "sarif-file", "fail-on"}
    assert '"$GITHUB_ACTION_PATH"' in doc["runs"]["steps"][0]["run"]


def step_env(tmp_path: Path, inputs: dict[str, str]) -> tuple[dict[str, str], str, Path, Path]:
    """The run step's environment as the runner sets it (expressions expanded), and its script."""
    doc = load_action()
    step = doc["runs"]["steps"][-1]
    values = {name: spec.get("default", "") for name, spec in doc["inputs"].items()}
    values.update(inputs)
    env: dict[str, str] = {}
    for key, template in step["env"].items():
        env[key] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], template)
        env[key] = env[key].replace("${{ steps.install.outputs.python }}", sys.executable)
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(output))
    return env, step["run"], summary, output


def simulate(repo: Path, tmp_path: Path, inputs: dict[str, str]) -> tuple[int, str, Path, Path]:
    """Run the action's run step as the runner would: expressions expanded into env, then bash."""
    env, script, summary, output = step_env(tmp_path, inputs)
    proc = subprocess.run(
        ["bash", "-c", script], cwd=repo, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    return proc.returncode, proc.stdout, summary, output


def simulate_in_process(repo: Path, tmp_path: Path, inputs: dict[str, str]) -> tuple[int, str, Path, Path]:
    """``simulate`` without bash or processes: ``pocmvp_lint.action`` with the step's environment,
    running the linter in this interpreter."""
    env, _, summary, output = step_env(tmp_path, inputs)

    def run_here(args: Sequence[str], cwd: str | None) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args))
        sys.stdout.write(result.stdout)
        return result.exit_code, result.stderr

    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        patch.chdir(repo)
        patch.setattr(action, "_run", run_here)
        printed = io.StringIO()
        patch.setattr(sys, "stdout", printed)
        code = action.main(dict(os.environ), str(repo))
    return code, printed.getvalue(), summary, output


#: The run step in bash and fresh interpreters (slow), and its Python part in-process (fast).
SIMULATIONS = [
    pytest.param(simulate_in_process, id="in-process"),
    pytest.param(simulate, id="bash", marks=pytest.mark.slow),
]
Simulation = Callable[[Path, Path, dict[str, str]], tuple[int, str, Path, Path]]


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


@pytest.fixture
def drifting(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "repo", {"project.toml": POC_TOML, "README.md": DISCLAIMER, "Dockerfile": "FROM python:3.12-slim\n"}
    )


@pytest.mark.parametrize("simulate", SIMULATIONS)
def test_run_step_annotates_summarises_and_returns_the_exit_code(
    drifting: Path, tmp_path: Path, simulate: Simulation
) -> None:
    code, stdout, summary, output = simulate(drifting, tmp_path, {"fail-on": "warning"})
    assert code == 1
    assert stdout.startswith("::warning file=Dockerfile,line=1,title=POC101 poc-container-image::")
    assert "**Drift toward production**" in summary.read_text(encoding="utf-8")
    assert outputs(output) == {"exit-code": "1", "sarif-file": ""}


@pytest.mark.slow
def test_run_step_writes_sarif_without_changing_the_exit_code(drifting: Path, tmp_path: Path) -> None:
    code, stdout, _, output = simulate(drifting, tmp_path, {"sarif-file": "results/pocmvp.sarif", "format": "text"})
    assert code == 0 and "POC101 [warning] container image definitions in a POC: Dockerfile:1" in stdout
    doc = json.loads((drifting / "results" / "pocmvp.sarif").read_text(encoding="utf-8"))
    assert doc["runs"][0]["results"][0]["ruleId"] == "POC101"
    assert outputs(output) == {"exit-code": "0", "sarif-file": "results/pocmvp.sarif"}


@pytest.mark.parametrize("simulate", SIMULATIONS)
def test_hostile_inputs_are_data_not_code(drifting: Path, tmp_path: Path, simulate: Simulation) -> None:
    marker = tmp_path / "pwned"
    code, _, _, output = simulate(
        drifting, tmp_path, {"paths": f'. "$(touch {marker})"', "args": f"; touch {marker}", "fail-on": "never"}
    )
    assert not marker.exists()
    assert code == 2  # `;` and the odd path are handed to the linter as arguments, and rejected
    assert outputs(output)["exit-code"] == "2"


def test_bad_inputs_fail_with_an_annotation(tmp_path: Path) -> None:
    env = {"POCMVP_FORMAT": "yaml", "GITHUB_OUTPUT": str(tmp_path / "out")}
    assert action.main(env) == 2
    assert outputs(tmp_path / "out")["exit-code"] == "2"
    with pytest.raises(action.InputError, match="fail-on"):
        action.commands({"POCMVP_FAIL_ON": "sometimes"})
    with pytest.raises(action.InputError, match="args"):
        action.commands({"POCMVP_ARGS": "--ignore 'POC1"})


def test_commands_from_inputs() -> None:
    """One run writes every format (issue 11: the check used to run twice with sarif-file)."""
    args = action.commands(
        {
            "POCMVP_PATHS": "svc/a 'svc/b c'",
            "POCMVP_ARGS": "--ignore POC108",
            "POCMVP_SARIF_FILE": "out.sarif",
            "GITHUB_STEP_SUMMARY": "/s",
        }
    )
    assert args == [
        "check",
        "svc/a",
        "svc/b c",
        "--ignore",
        "POC108",
        "--format",
        "github",
        "--summary",
        "--write",
        "sarif:out.sarif",
    ]
    assert "--write" not in action.commands({})


@pytest.mark.slow
def test_an_exit_2_error_becomes_an_error_annotation(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": '[project]\nstage = "prod"\n', "README.md": "# x\n"})
    code, stdout, _, output = simulate(repo, tmp_path, {"sarif-file": "out.sarif"})
    assert code == 2
    (annotation,) = [line for line in stdout.splitlines() if line.startswith("::error")]
    assert annotation.startswith("::error title=pocmvp-lint::project.toml") and "stage" in annotation
    assert outputs(output) == {"exit-code": "2", "sarif-file": ""}


def test_sarif_and_log_come_from_one_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def fake_run(args: list[str], cwd: str | None) -> tuple[int, str]:
        calls.append(list(args))
        return 1, ""

    monkeypatch.setattr(action, "_run", fake_run)
    env = {"POCMVP_SARIF_FILE": "x.sarif", "GITHUB_OUTPUT": str(tmp_path / "out")}
    assert action.main(env) == 1
    assert len(calls) == 1 and calls[0][-2:] == ["--write", "sarif:x.sarif"]
    assert outputs(tmp_path / "out") == {"exit-code": "1", "sarif-file": "x.sarif"}
