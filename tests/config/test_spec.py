"""One config spec: validation, JSON Schema, `config`, the docs and CLI choices all follow it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from pocmvp_lint.config import toml
from pocmvp_lint.config.spec import LINT, PROJECT, TABLES, Key, Type, walk
from tests.gitutil import make_repo

REPO_ROOT = Path(__file__).resolve().parents[2]
POC = '[project]\nstage = "poc"\nhypothesis = "h"\nends = 2099-01-01\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def schema() -> Any:
    result = run("schema")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def as_json(value: Any) -> Any:
    """A parsed TOML value as JSON Schema sees it (dates as ISO strings)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, (dt.date, dt.time)) else value


def every_key_toml() -> str:
    """A project.toml setting every key of the spec to its example."""
    lines = ["[project]", *(f"{k.name} = {k.example}" for k in PROJECT.keys), "[lint]"]
    lines += [f"{k.name} = {k.example}" for k in LINT.keys if k.type is not Type.TABLE]
    for key in LINT.keys:
        if key.type is Type.TABLE:
            lines += [f"[lint.{key.name}]", *(f"{c.name} = {c.example}" for c in key.keys)]
    return "\n".join(lines) + "\n"


def full_repo(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "r", {"project.toml": every_key_toml(), "policies/base.toml": "[lint]\n", "README.md": "# x\n"}
    )


def schema_node(document: Any, dotted: str) -> Any:
    """The schema of the key ``project.x`` / ``lint.thresholds.y`` / ``lint.rules.code``."""
    node = document
    for part in dotted.split("."):
        node = node.get("items", node)
        node = node["properties"][part]
    return node


def test_docs_reference_is_generated_from_the_spec() -> None:
    from pocmvp_lint.config.schema import BEGIN, END

    generated = run("schema", "--format", "markdown").stdout
    committed = (REPO_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = committed[committed.index(BEGIN) : committed.index(END) + len(END)] + "\n"
    assert section == generated, (
        "docs/configuration.md is stale: replace its reference section with `pocmvp-lint schema --format markdown`"
    )


def test_schema_is_valid_and_accepts_every_project_toml_of_the_project() -> None:
    document = schema()
    jsonschema.Draft7Validator.check_schema(document)
    kind = jsonschema.validators.validator_for(document)
    validator: Any = kind(document)  # one validator for every document below, as jsonschema.validate builds
    files = [REPO_ROOT / "project.toml", *sorted((REPO_ROOT / "examples").rglob("project.toml"))]
    assert len(files) > 2
    for path in files:
        validator.validate(as_json(toml.parse(path.read_text(encoding="utf-8"), str(path))))
    validator.validate(as_json(toml.parse(every_key_toml(), "every key")))
    for bad in (
        {"project": {"stage": "poc"}, "lint": {"fail-on": "sometimes"}},
        {"project": {"stage": "poc"}, "lint": {"thresholds": {"poc-max-age": 3}}},
        {"project": {"stage": "poc"}, "lint": {"rules": [{"code": "ORG1", "message": "m"}]}},
        {
            "project": {"stage": "poc"},
            "lint": {"rules": [{"code": "ORG1", "message": "m", "require": [], "forbid": []}]},
        },
        {"project": {"name": "no stage"}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)


def test_every_example_in_the_spec_passes_validation_and_shows_in_config(tmp_path: Path) -> None:
    repo = full_repo(tmp_path)
    checked = run("check", str(repo), "--format", "json")
    assert checked.exit_code in (0, 1), checked.output
    assert json.loads(checked.stdout)["projects"][0]["warnings"] == []
    shown = json.loads(run("config", str(repo), "--format", "json").stdout)
    rows = {r["key"]: r for r in shown["projects"][0]["settings"]}
    assert rows["project.started"] == {"key": "project.started", "value": "2026-01-15", "origin": "project.toml"}
    assert rows["fail-on"]["value"] == "warning" and rows["fail-on"]["origin"] == "project.toml"
    assert rows["extend-select"]["value"] == ["ORG"]
    assert rows["ignore"]["value"] == {"POC101": {"reason": "demo on a laptop", "until": "2027-01-31"}, "MVP013": ""}
    assert rows["exclude"]["value"] == ["scratch/", "notebooks/"]
    assert rows["extends"] == {"key": "extends", "value": ["policy policies/base.toml"], "origin": "project.toml"}
    assert rows["rules"]["value"] == ["ORG001 (require docs/runbook.md)"]


def test_every_spec_key_reaches_validation_schema_config_and_docs(tmp_path: Path) -> None:
    """Adding a key to config/spec.py is enough: each output below is derived from it."""
    document = schema()
    markdown = run("schema", "--format", "markdown").stdout
    repo = full_repo(tmp_path)
    shown = json.loads(run("config", str(repo), "--format", "json").stdout)
    rows = {r["key"] for r in shown["projects"][0]["settings"]}
    text = run("config", str(repo)).stdout
    for table in TABLES:
        for dotted, key in walk(table):
            assert schema_node(document, dotted)["description"] == key.doc, dotted
            assert f"- **`{key.name}`** (" in markdown, dotted
            if dotted.startswith("lint.rules."):
                continue  # one [[lint.rules]] entry is one value of the `rules` row
            if key.type is Type.TABLE:
                continue  # shown as one row per key inside it
            assert config_row(dotted, key) in rows, dotted
            assert config_row(dotted, key) in text, dotted


def config_row(dotted: str, key: Key) -> str:
    from pocmvp_lint.config.show import shown_as

    parts = dotted.split(".")
    return shown_as(key) if len(parts) == 2 else ".".join(parts[1:])


@pytest.mark.parametrize("key", [k.name for k in LINT.keys])
def test_validation_knows_every_lint_key_and_suggests_it(tmp_path: Path, key: str) -> None:
    typo = key[:-1] + "_" if len(key) > 4 else key + "s"
    repo = make_repo(tmp_path / "r", {"project.toml": f"{POC}[lint]\n{typo} = 1\n"})
    result = run("check", str(repo))
    assert result.exit_code == 2, result.output
    assert f"project.toml:6: [lint.{typo}] unknown setting (did you mean `{key}`?)" in result.stderr


@pytest.mark.parametrize("key", [k.name for k in PROJECT.keys if k.name != "stage"])
def test_unknown_project_keys_warn_with_the_nearest_spec_key(tmp_path: Path, key: str) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": f'{POC}{key}x = "v"\n'})
    result = run("check", str(repo), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    warnings = json.loads(result.stdout)["projects"][0]["warnings"]
    assert warnings == [f"project.toml:5: [project.{key}x] unknown key (did you mean `{key}`?); it is ignored"]


@pytest.mark.parametrize(
    ("table", "suggested", "line"),
    [
        ("lints", "lint", 6),
        ("projects", "project", 6),
        ("Lint", "lint", 6),
    ],
)
def test_misspelt_top_level_tables_warn(tmp_path: Path, table: str, suggested: str, line: int) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": f'{POC}\n[{table}]\nfail-on = "warning"\n'})
    result = run("check", str(repo))
    assert result.exit_code in (0, 1), result.output
    assert (
        f"config warning: project.toml:{line}: [{table}] unknown table (did you mean `{suggested}`?); it is ignored"
    ) in result.stdout


def test_a_misspelt_project_table_warns_though_nothing_is_declared(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": '[projct]\nstage = "poc"\n'})
    result = run("check", str(repo))
    assert "[projct] unknown table (did you mean `project`?); it is ignored" in result.stdout


def test_other_tools_tables_are_left_alone(tmp_path: Path) -> None:
    toml_text = POC + '[tool]\nx = 1\n[_]\nschema-version = "0.2"\n[io.buildpacks]\nbuilder = "b"\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml_text})
    result = run("check", str(repo), "--format", "json")
    assert json.loads(result.stdout)["projects"][0]["warnings"] == []


def test_cli_choices_come_from_the_spec(tmp_path: Path) -> None:
    fail_on = LINT.key("fail-on").choices
    stages = PROJECT.key("stage").choices
    assert f"[{'|'.join(fail_on)}]" in run("check", "--help").stdout
    assert f"[{'|'.join(stages)}]" in run("check", "--help").stdout
    repo = make_repo(tmp_path / "r", {"project.toml": POC, "README.md": "# x\n"})
    for value in fail_on:
        assert run("check", str(repo), "--fail-on", value.upper()).exit_code in (0, 1), value
    refused = run("check", str(repo), "--fail-on", "sometimes")
    assert refused.exit_code == 2 and "'sometimes' is not one of" in refused.output
