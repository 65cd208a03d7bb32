"""The stage where teams already declare it: catalog-info.yaml, classifiers, repostatus.org badges.

Every test builds a real git repository and runs the command line (docs/stage-sources.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, make_repo
from tests.helpers import run_check

CATALOG = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: recs
spec:
  type: service
  lifecycle: {lifecycle}
  owner: data-team
"""
POC_TOML = '[project]\nstage = "poc"\nname = "recs"\n'
MVP_TOML = '[project]\nstage = "mvp"\nname = "recs"\n'
SETUP_CFG = "[metadata]\nname = recs\nclassifiers =\n    Programming Language :: Python :: 3\n    Development Status :: {status}\n"
PYPROJECT = '[project]\nname = "recs"\nclassifiers = [\n  "License :: OSI Approved :: MIT License",\n  "Development Status :: {status}",\n]\n'
SETUP_PY = (
    "from setuptools import setup\n"
    "# 'Development Status :: 5 - Production/Stable' (a comment: not read)\n"
    "setup(\n    name='recs',\n    classifiers=['Development Status :: {status}'],\n)\n"
)
BADGE = (
    "# recs\n\n[![Project Status: {alt} – The project is described here.]"
    "(https://www.repostatus.org/badges/latest/{slug}.svg)](https://www.repostatus.org/#{slug})\n"
)


def project(run: Any) -> dict[str, Any]:
    assert len(run.projects) == 1, run.stdout
    return dict(run.projects[0])


def findings(run: Any, code: str) -> list[dict[str, Any]]:
    return [f for f in project(run)["findings"] if f["code"] == code]


def codes(run: Any) -> set[str]:
    return {f["code"] for f in project(run)["findings"]}


# ---- each source alone stands in for a missing project.toml -------------------------------------
@pytest.mark.parametrize(
    ("files", "stage", "where"),
    [
        ({"catalog-info.yaml": CATALOG.format(lifecycle="experimental")}, "poc", "catalog-info.yaml:7"),
        ({"catalog-info.yaml": CATALOG.format(lifecycle="production")}, "mvp", "catalog-info.yaml:7"),
        ({"setup.cfg": SETUP_CFG.format(status="3 - Alpha")}, "poc", "setup.cfg:5"),
        ({"pyproject.toml": PYPROJECT.format(status="5 - Production/Stable")}, "mvp", "pyproject.toml:5"),
        ({"pyproject.toml": PYPROJECT.format(status="4 - Beta")}, "mvp", "pyproject.toml:5"),
        ({"setup.py": SETUP_PY.format(status="2 - Pre-Alpha")}, "poc", "setup.py:5"),
        ({"README.md": BADGE.format(alt="Concept", slug="concept")}, "poc", "README.md:3"),
        ({"README.md": BADGE.format(alt="WIP", slug="wip")}, "poc", "README.md:3"),
        ({"README.md": BADGE.format(alt="Active", slug="active")}, "mvp", "README.md:3"),
    ],
)
def test_a_declaration_elsewhere_stands_in_for_project_toml(
    tmp_path: Path, files: dict[str, str], stage: str, where: str
) -> None:
    repo = make_repo(tmp_path / "repo", {"app.py": "print(1)\n", **files})
    run = run_check(str(repo))
    assert project(run)["stage"] == stage
    assert "STG001" not in codes(run)
    (note,) = findings(run, "STG201")
    assert note["severity"] == "info"
    assert where in note["message"]
    assert "pocmvp-lint init --from-declared" in note["message"]
    assert {"path": where.split(":")[0], "line": int(where.split(":")[1])} in note["evidence"]
    assert run.exit_code == (1 if stage == "mvp" else 0)  # an MVP's missing tests are errors


@pytest.mark.parametrize(
    ("files", "rules"),
    [
        ({"setup.cfg": SETUP_CFG.format(status="3 - Alpha")}, ("POC001", "POC002")),
        ({"catalog-info.yaml": CATALOG.format(lifecycle="production")}, ("MVP012", "MVP014")),
    ],
)
def test_a_stand_in_has_no_project_toml_keys_to_judge(
    tmp_path: Path, files: dict[str, str], rules: tuple[str, ...]
) -> None:
    """The declaration rules judge project.toml's keys (hypothesis, timebox, feedback, owner);
    where a classifier or a catalog stands in there is no project.toml to add them to yet, and
    STG201 says how to write one: they do not apply, and the outcome says why."""
    repo = make_repo(tmp_path / "repo", {"app.py": "print(1)\n", **files})
    run = run_check(str(repo))
    assert not codes(run) & set(rules)
    outcomes = {o["code"]: o for o in project(run)["outcomes"]}
    for code in rules:
        assert outcomes[code]["status"] == "not-applicable"
        assert "from elsewhere" in outcomes[code]["reason"]


def test_the_stand_in_is_said_in_the_text_output(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="experimental")})
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert "POC 'recs'" in result.stdout  # name from metadata.name
    assert "STG201" in result.stdout and "catalog-info.yaml:7 says spec.lifecycle: experimental" in result.stdout
    assert "STG001 [" not in result.stdout
    assert result.exit_code == 0


def test_without_any_declaration_stg001_still_fails(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# recs\n", "setup.cfg": "[metadata]\nname = recs\n"})
    run = run_check(str(repo))
    assert codes(run) >= {"STG001"}
    assert not codes(run) & {"STG201", "STG205"}
    assert run.exit_code == 1


# ---- contradictions with project.toml --------------------------------------------------------------
@pytest.mark.parametrize(
    ("toml", "files", "code", "other"),
    [
        (POC_TOML, {"catalog-info.yaml": CATALOG.format(lifecycle="production")}, "STG202", "catalog-info.yaml:7"),
        (POC_TOML, {"pyproject.toml": PYPROJECT.format(status="5 - Production/Stable")}, "STG203", "pyproject.toml:5"),
        (POC_TOML, {"setup.cfg": SETUP_CFG.format(status="6 - Mature")}, "STG203", "setup.cfg:5"),
        (MVP_TOML, {"setup.py": SETUP_PY.format(status="1 - Planning")}, "STG203", "setup.py:5"),
        (MVP_TOML, {"README.md": BADGE.format(alt="Concept", slug="concept")}, "STG204", "README.md:3"),
    ],
)
def test_a_contradiction_names_both_places_with_lines(
    tmp_path: Path, toml: str, files: dict[str, str], code: str, other: str
) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": toml, **files})
    run = run_check(str(repo))
    (finding,) = findings(run, code)
    assert finding["severity"] == "warning"
    assert "project.toml:2 declares stage" in finding["message"] and other in finding["message"]
    path, line = other.split(":")
    assert finding["evidence"] == [{"path": "project.toml", "line": 2}, {"path": path, "line": int(line)}]
    assert "STG201" not in codes(run)  # project.toml declares: nothing stands in


def test_agreeing_declarations_are_not_reported(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "project.toml": POC_TOML,
            "catalog-info.yaml": CATALOG.format(lifecycle="experimental"),
            "setup.cfg": SETUP_CFG.format(status="3 - Alpha"),
            "README.md": BADGE.format(alt="WIP", slug="wip"),
        },
    )
    run = run_check(str(repo))
    assert not {c for c in codes(run) if c.startswith("STG2")}


def test_contradictions_are_judged_against_the_declaration_not_a_what_if(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo", {"project.toml": POC_TOML, "catalog-info.yaml": CATALOG.format(lifecycle="experimental")}
    )
    run = run_check(str(repo), "--stage", "mvp")
    assert "STG202" not in codes(run)


def test_sources_that_disagree_do_not_stand_in(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "catalog-info.yaml": CATALOG.format(lifecycle="production"),
            "setup.cfg": SETUP_CFG.format(status="3 - Alpha"),
        },
    )
    run = run_check(str(repo))
    assert project(run)["stage"] is None
    assert {"STG001", "STG205"} <= codes(run)
    (finding,) = findings(run, "STG205")
    assert "catalog-info.yaml:7" in finding["message"] and "setup.cfg:5" in finding["message"]
    assert run.exit_code == 1


def test_a_retired_project_gives_no_stage_but_a_note(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "catalog-info.yaml": CATALOG.format(lifecycle="deprecated"),
            "setup.py": SETUP_PY.format(status="7 - Inactive"),
            "README.md": BADGE.format(alt="Abandoned", slug="abandoned"),
        },
    )
    run = run_check(str(repo))
    assert project(run)["stage"] is None
    assert "STG001" in codes(run)
    notes = findings(run, "STG206")
    assert {(n["path"], n["line"]) for n in notes} == {("catalog-info.yaml", 7), ("setup.py", 5), ("README.md", 3)}
    assert all(n["severity"] == "info" for n in notes)


# ---- multi-document catalog-info.yaml --------------------------------------------------------------
MULTI = """\
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: recs-api
spec:
  type: openapi
  lifecycle: production
  owner: api-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: recs
spec:
  type: service
  lifecycle: experimental
  owner: data-team
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: recs-db
spec:
  type: database
"""


def test_multi_document_catalog_uses_the_component_and_says_which_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": MULTI})
    run = run_check(str(repo))
    assert project(run)["stage"] == "poc"  # the Component's lifecycle, not the API's
    assert project(run)["name"] == "recs"
    (note,) = findings(run, "STG201")
    assert "catalog-info.yaml:16" in note["message"] and "Component 'recs'" in note["message"]
    assert "STG202" not in codes(run)


def test_multi_document_catalog_contradiction_points_at_the_component(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": MVP_TOML, "catalog-info.yaml": MULTI})
    run = run_check(str(repo))
    (finding,) = findings(run, "STG202")
    assert finding["evidence"][1] == {"path": "catalog-info.yaml", "line": 16}


def test_several_components_that_disagree_do_not_stand_in(tmp_path: Path) -> None:
    two = CATALOG.format(lifecycle="experimental") + "---\n" + CATALOG.format(lifecycle="production")
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": two})
    run = run_check(str(repo))
    assert project(run)["stage"] is None
    (finding,) = findings(run, "STG205")
    assert "catalog-info.yaml:7" in finding["message"] and "catalog-info.yaml:16" in finding["message"]


# ---- the configurable mapping ----------------------------------------------------------------------
def test_an_unknown_lifecycle_is_noted_and_does_not_stand_in(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="sandbox")})
    run = run_check(str(repo))
    assert project(run)["stage"] is None
    (note,) = findings(run, "STG207")
    assert "lifecycle-map" in note["message"] and "sandbox" in note["message"]


def test_a_huge_lifecycle_value_is_cut_in_messages(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="x" * 5000)})
    run = run_check(str(repo))
    (note,) = findings(run, "STG207")
    assert "x" * 70 in note["message"] and len(note["message"]) < 600


def test_a_custom_mapping_in_project_toml_drives_contradictions(tmp_path: Path) -> None:
    toml = POC_TOML + '\n[lint]\nlifecycle-map = { sandbox = "poc", ga = "mvp", beta = "poc" }\n'
    repo = make_repo(
        tmp_path / "repo",
        {
            "project.toml": toml,
            "catalog-info.yaml": CATALOG.format(lifecycle="GA"),
            "setup.cfg": SETUP_CFG.format(status="4 - Beta"),
        },
    )
    run = run_check(str(repo))
    (finding,) = findings(run, "STG202")
    assert "spec.lifecycle: GA" in finding["message"] and "(MVP)" in finding["message"]
    assert "STG203" not in codes(run)  # Beta mapped to poc by the organisation
    assert "STG207" not in codes(run)


def test_a_custom_mapping_from_a_policy_lets_a_custom_name_stand_in(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="sandbox")})
    policy = tmp_path / "policy.toml"
    policy.write_text('[lint]\nlifecycle-map = { sandbox = "poc" }\n', encoding="utf-8")
    run = run_check(str(repo), "--config", str(policy))
    assert project(run)["stage"] == "poc"
    assert "STG201" in codes(run)


def test_a_bad_mapping_value_is_a_located_config_error(tmp_path: Path) -> None:
    toml = POC_TOML + '\n[lint]\nlifecycle-map = { sandbox = "prototype" }\n'
    repo = make_repo(tmp_path / "repo", {"project.toml": toml})
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2
    assert "project.toml" in result.stderr and "lint.lifecycle-map.sandbox" in result.stderr
    assert '"poc", "mvp" or "none"' in result.stderr
    assert "Traceback" not in result.output


def test_the_schema_and_config_know_the_mapping(tmp_path: Path) -> None:
    schema = json.loads(CliRunner().invoke(cli, ["schema"]).stdout)
    node = schema["properties"]["lint"]["properties"]["lifecycle-map"]
    assert "poc" in node["additionalProperties"]["enum"]
    toml = POC_TOML + '\n[lint]\nlifecycle-map = { sandbox = "poc" }\n'
    repo = make_repo(tmp_path / "repo", {"project.toml": toml})
    shown = CliRunner().invoke(cli, ["config", str(repo)])
    assert "lifecycle-map" in shown.stdout and "sandbox" in shown.stdout


# ---- init proposes and prefills --------------------------------------------------------------------
def init(repo: Path, *args: str, given: str | None = None) -> Any:
    return CliRunner().invoke(cli, ["init", str(repo), *args], input=given)


def test_init_from_declared_takes_the_stage_name_and_owner(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="production")})
    result = init(repo, "--from-declared")
    assert result.exit_code == 0, result.output
    assert "catalog-info.yaml:7" in result.stdout
    text = (repo / "project.toml").read_text(encoding="utf-8")
    assert 'stage = "mvp"' in text and 'name = "recs"' in text and 'owner = "data-team"' in text
    commit_all(repo)
    run = run_check(str(repo))  # the file it wrote now declares, and agrees
    assert project(run)["config"] == "project.toml"
    assert not {c for c in codes(run) if c.startswith("STG")}


def test_init_without_a_terminal_proposes_the_found_stage(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"setup.cfg": SETUP_CFG.format(status="3 - Alpha")})
    result = init(repo, "--no-interactive")
    assert result.exit_code == 2
    assert "setup.cfg:5" in result.stderr and "--from-declared" in result.stderr
    assert not (repo / "project.toml").exists()


def test_init_from_declared_with_nothing_found_is_a_usage_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# recs\n"})
    result = init(repo, "--from-declared")
    assert result.exit_code == 2
    assert "--from-declared" in result.stderr and "--stage" in result.stderr
    assert not (repo / "project.toml").exists()


def test_init_from_declared_refuses_disagreeing_sources(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {"catalog-info.yaml": CATALOG.format(lifecycle="production"), "README.md": BADGE.format(alt="WIP", slug="wip")},
    )
    result = init(repo, "--from-declared")
    assert result.exit_code == 2 and "disagree" in result.stderr


def test_init_with_an_explicit_stage_prefills_and_notes_the_contradiction(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="production")})
    result = init(repo, "--stage", "poc", "--owner", "someone-else")
    assert result.exit_code == 0, result.output
    text = (repo / "project.toml").read_text(encoding="utf-8")
    assert 'name = "recs"' in text and 'owner = "someone-else"' in text
    assert "catalog-info.yaml:7" in result.stderr and "contradiction" in result.stderr


def test_interactive_init_offers_the_found_stage_as_default(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="production")})
    # Enter accepts each default: stage, name, owner, feedback (empty), review date.
    result = init(repo, "--interactive", given="\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Found: catalog-info.yaml:7 says spec.lifecycle: production" in result.stdout
    text = (repo / "project.toml").read_text(encoding="utf-8")
    assert 'stage = "mvp"' in text and 'name = "recs"' in text and 'owner = "data-team"' in text


def test_init_reads_an_uncommitted_catalog(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"catalog-info.yaml": CATALOG.format(lifecycle="experimental")}, commit=False)
    result = init(repo, "--from-declared")
    assert result.exit_code == 0, result.output
    assert 'stage = "poc"' in (repo / "project.toml").read_text(encoding="utf-8")


# ---- malformed files are skipped, clearly, never a crash ------------------------------------------
@pytest.mark.parametrize(
    ("files", "skipped"),
    [
        ({"catalog-info.yaml": "kind: Component\nspec: [unclosed\n  lifecycle: production\n"}, "catalog-info.yaml"),
        ({"catalog-info.yaml": "- just\n- a list\n"}, ""),
        ({"catalog-info.yaml": "a: &x [*x, *x]\n" + "b: *x\n" * 200}, "catalog-info.yaml"),
        (
            {"pyproject.toml": '[project\nclassifiers = ["Development Status :: 5 - Production/Stable"]\n'},
            "pyproject.toml",
        ),
        ({"pyproject.toml": '[project]\nclassifiers = "Development Status :: 5 - Production/Stable"\n'}, ""),
        ({"setup.cfg": "\x00\x01binary"}, "setup.cfg"),
    ],
)
def test_malformed_declarations_are_skipped_with_a_note(tmp_path: Path, files: dict[str, str], skipped: str) -> None:
    repo = make_repo(tmp_path / "repo", {"project.toml": POC_TOML, **files})
    run = run_check(str(repo))
    assert project(run)["stage"] == "poc"
    assert not {c for c in codes(run) if c.startswith("STG")}
    warnings = project(run)["warnings"]
    if skipped:
        assert any(w.startswith(skipped) and "not read" in w for w in warnings), warnings
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if skipped:
        assert "config warning: " + skipped in result.stdout


def test_a_symlinked_catalog_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(CATALOG.format(lifecycle="production"), encoding="utf-8")
    repo = make_repo(tmp_path / "repo", {"README.md": "# recs\n"}, commit=False)
    (repo / "catalog-info.yaml").symlink_to(outside)
    make_repo(repo, {}, commit=True)
    run = run_check(str(repo))
    assert project(run)["stage"] is None
    assert "STG201" not in codes(run)


def test_a_nested_project_reads_its_own_folder(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "project.toml": MVP_TOML,
            "services/recs/project.toml": POC_TOML,
            "services/recs/catalog-info.yaml": CATALOG.format(lifecycle="production"),
        },
    )
    run = run_check(str(repo))
    by_path = {p["path"]: {f["code"] for f in p["findings"]} for p in run.projects}
    assert "STG202" in by_path["services/recs"]
    assert "STG202" not in by_path["."]
