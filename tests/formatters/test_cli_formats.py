"""The new outputs as a user meets them: `check --format/--output/--summary`, `badge`, `report`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests.gitutil import make_repo

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())
POC_TOML = (
    '[project]\nstage = "poc"\nname = "recs"\nowner = "data-team"\n'
    'hypothesis = "Embeddings beat keyword search"\nstarted = 2026-01-01\nends = 2099-01-01\n'
)
MVP_TOML = '[project]\nname = "shop"\nstage = "mvp"\naudience = "ward 4 nurses"\n'
DISCLAIMER = "# Recs\n\nProof of concept, not for production.\n"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


# The tests only read these repositories (outputs go to their own tmp_path): built once per module.
@pytest.fixture(scope="module")
def drifting(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(
        tmp_path_factory.mktemp("poc"),
        {"project.toml": POC_TOML, "README.md": DISCLAIMER, "Dockerfile": "FROM python:3.12-slim\nRUN true\n"},
    )


@pytest.fixture(scope="module")
def mvp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(
        tmp_path_factory.mktemp("mvp"), {"project.toml": MVP_TOML, "README.md": "# Shop\n", "app.py": "print(1)\n"}
    )


def test_every_format_is_offered() -> None:
    out = run("check", "--help").stdout
    for name in ("text", "json", "sarif", "github", "gitlab", "junit", "markdown", "--output", "--summary"):
        assert name in out


def test_output_file_replaces_stdout_and_keeps_the_exit_code(drifting: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "results.sarif"
    plain = run("check", str(drifting), "--fail-on", "warning")
    written = run("check", str(drifting), "--fail-on", "warning", "--format", "sarif", "--output", str(target))
    assert plain.exit_code == written.exit_code == 1
    assert written.stdout == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "POC101"]
    place = result["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "Dockerfile" and place["region"]["startLine"] == 1
    assert run("check", str(drifting), "--format", "sarif", "-o", str(target)).exit_code == 0


def test_text_output_file_has_no_colour_codes(drifting: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    run("check", str(drifting), "--output", str(target))
    assert "POC101 [warning] container image definitions in a POC: Dockerfile:1" in target.read_text()
    assert "\x1b[" not in target.read_text()
    run("check", str(drifting), "--output", str(target), "--color")  # asked for explicitly
    assert "\x1b[" in target.read_text()


def test_github_format_is_the_default_on_github_actions(drifting: Path) -> None:
    result = run("check", str(drifting), env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::warning file=Dockerfile,line=1,title=POC101 poc-container-image::")
    assert result.exit_code == 0
    text = run("check", str(drifting), "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert "POC101 [warning] container image definitions in a POC: Dockerfile:1" in text.stdout
    assert "POC101 [warning] container image" in run("check", str(drifting), env={"GITHUB_ACTIONS": "false"}).stdout


def test_repository_level_findings_on_github_are_run_annotations(mvp: Path) -> None:
    out = run("check", str(mvp), "--format", "github").stdout
    assert "::error title=MVP003 mvp-no-ci::no CI configuration was found" in out
    assert "::error title=MVP001" in out


def test_summary_appends_markdown_to_the_job_summary(mvp: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = run("check", str(mvp), "--format", "json", "--summary", env=env)
    assert result.exit_code == 1
    json.loads(result.stdout)  # the normal output is untouched
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## pocmvp-lint\n")
    assert "| ❌ | **MVP001** mvp-no-tests |" in text and "| ❌ | **MVP003** mvp-no-ci |" in text
    run("check", str(mvp), "--summary", env=env)
    assert summary.read_text(encoding="utf-8").count("## pocmvp-lint") == 2
    missing = run("check", str(mvp), "--summary")
    assert "GITHUB_STEP_SUMMARY is not set" in missing.stderr and missing.exit_code == 1


def test_gitlab_and_junit_from_the_command_line(mvp: Path) -> None:
    entries = json.loads(run("check", str(mvp), "--format", "gitlab").stdout)
    assert {e["check_name"] for e in entries} >= {"MVP001", "MVP003"}
    assert all(e["location"]["lines"]["begin"] >= 1 for e in entries)
    root = ET.fromstring(run("check", str(mvp), "--format", "junit").stdout.encode())
    (suite,) = root.findall("testsuite")
    assert int(suite.get("failures", "0")) == len(entries)


def test_markdown_format_for_a_poc(drifting: Path) -> None:
    out = run("check", str(drifting), "--format", "markdown").stdout
    assert "**Drift toward production**" in out
    assert "**POC101** poc-container-image" in out and "(`Dockerfile:1`)" in out


def _json(result: Result) -> Any:
    return json.loads(result.stdout)


def test_json_shape_matches_docs(drifting: Path) -> None:
    doc = _json(run("check", str(drifting), "--format", "json"))
    assert set(doc) == {"version", "projects", "summary"} and doc["version"] == 1
    documented = (Path(__file__).resolve().parents[2] / "docs" / "json.md").read_text()
    for key in doc["projects"][0]:
        assert f"`{key}`" in documented, key
    for key in doc["projects"][0]["findings"][0]:
        assert f"`{key}`" in documented, key
    signals = _json(run("signals", str(drifting), "--format", "json"))
    for key in signals["projects"][0]["signals"][0]:
        assert f"`{key}`" in documented, key


def test_badge_prints_svg_and_embedding_markdown(drifting: Path, tmp_path: Path) -> None:
    result = run("badge", str(drifting))
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "stage: POC (drifting toward production)" in result.stdout
    assert "![stage: POC (drifting toward production)](stage-badge.svg)" in result.stderr
    target = tmp_path / "badge.svg"
    saved = run("badge", str(drifting), "--output", str(target))
    assert saved.stdout.strip() == f"![stage: POC (drifting toward production)]({target.as_posix()})"
    assert ET.fromstring(target.read_text()).get("role") == "img"


def test_badge_for_an_undeclared_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"app.py": "print(1)\n"})
    result = run("badge", str(repo))
    assert ">undeclared</text>" in result.stdout and "#e05d44" in result.stdout


def test_report_markdown_and_html(drifting: Path, tmp_path: Path) -> None:
    out = run("report", str(drifting))
    assert out.exit_code == 0
    assert "| **Hypothesis** | Embeddings beat keyword search |" in out.stdout
    assert "| **Owner** | data-team |" in out.stdout
    assert "days left" in out.stdout and "POC101" in out.stdout
    target = tmp_path / "report.html"
    html = run("report", str(drifting), "--format", "html", "--output", str(target))
    assert html.exit_code == 0 and html.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Embeddings beat keyword search" in page
    assert "<svg" in page and "<style>" in page and "<link" not in page


def test_report_on_an_mvp_says_what_is_missing(mvp: Path) -> None:
    out = run("report", str(mvp), "--format", "markdown").stdout
    assert "| **Audience** | ward 4 nurses |" in out
    assert "| **Feedback channel** | not declared |" in out
    assert "### Readiness checklist" in out and "| ❌ | **MVP001** mvp-no-tests |" in out
