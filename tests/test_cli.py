"""The command line as a user meets it: exit codes, messages, JSON shapes, bad input."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, git, make_repo

POC_TOML = '[project]\nstage = "poc"\nname = "recs"\nhypothesis = "h"\nends = 2099-01-01\n'
DISCLAIMER = "# Recs\n\nProof of concept, not for production.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def codes(result: Result, project: int = 0) -> set[str]:
    return {f["code"] for f in as_json(result)["projects"][project]["findings"]}


def test_no_declaration_fails_with_stg001(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"app.py": "print(1)\n"})
    result = run("check", str(repo))
    assert result.exit_code == 1
    assert "STG001" in result.stdout and "pocmvp-lint init" in result.stdout
    assert "undeclared" in result.stdout


def test_bare_invocation_means_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "README.md": DISCLAIMER})
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    assert "POC 'recs'" in result.stdout
    assert CliRunner().invoke(cli, ["--format", "json"]).exit_code == 0


def test_json_shape(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {"project.toml": POC_TOML, "README.md": DISCLAIMER, "Dockerfile": "FROM python:3.12-slim\nRUN true\n"},
    )
    result = run("check", str(repo), "--format", "json")
    doc = as_json(result)
    assert doc["version"] == 1
    assert set(doc["summary"]) == {"error", "warning", "info"}
    (project,) = doc["projects"]
    assert project["path"] == "." and project["name"] == "recs" and project["stage"] == "poc"
    assert project["verdict"] == "drifting"
    finding = next(f for f in project["findings"] if f["code"] == "POC101")
    assert finding["severity"] == "warning" and finding["path"] == "Dockerfile"
    assert finding["line"] == 1
    assert finding["evidence"] == [{"path": "Dockerfile", "line": 1}]
    assert "Dockerfile" in finding["message"]
    assert result.exit_code == 0  # warnings do not fail by default
    assert run("check", str(repo), "--fail-on", "warning").exit_code == 1
    assert run("check", str(repo), "--fail-on", "never", "--stage", "mvp").exit_code == 0


def test_text_output_explains_each_finding(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"project.toml": POC_TOML, "README.md": DISCLAIMER, "Dockerfile": "FROM python:3.12-slim\n"}
    )
    out = run("check", str(repo)).stdout
    assert (
        "POC101 [warning] container image definitions in a POC: Dockerfile:1 (builds an image FROM python:3.12-slim)"
        in out
    )
    assert "why:" in out and "fix:" in out and "pocmvp-lint explain POC101" in out
    assert "drifting toward production" in out
    assert "Found 1 finding (0 errors, 1 warning, 0 info) in 1 project." in out
    # --quiet keeps only the findings that fail the run (issue 11), plus the summary.
    quiet = run("check", str(repo), "-q").stdout
    assert "POC101" not in quiet and "Found 1 finding" in quiet
    quiet = run("check", str(repo), "-q", "--fail-on", "warning").stdout
    assert "why:" not in quiet and "POC101" in quiet


def test_what_if_stage_needs_no_declaration(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"app.py": "print(1)\n", "README.md": "# app\n"})
    result = run("check", str(repo), "--stage", "mvp", "--format", "json")
    found = codes(result)
    assert "STG001" not in found
    assert {"MVP001", "MVP003", "MVP005"} <= found
    assert as_json(result)["projects"][0]["stage_overridden"] is True


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ('[project]\nstage = "production"\n', "project.toml:2: [project.stage]"),
        (
            '[project]\nstage = "mvp"\nkind = "website"\n',
            'project.toml:3: [project.kind] must be one of "service", "library", "tool", not \'website\'',
        ),
        ('[project]\nstage = "mvp"\nkind = 3\n', "project.toml:3: [project.kind] must be one of"),
        (
            '[project]\nname = "x"\nstage = "poc"\nends = "2026-01-01"\n',
            "project.toml:4: [project.ends] must be a TOML date, written without quotes (ends = 2026-01-01)",
        ),
        (
            '[project]\nstage = "poc"\nends = "soon"\n',
            "[project.ends] must be a TOML date such as 2026-03-31 (no quotes)",
        ),
        ('[project]\nstage = "poc"\nstarted = 2026-05-01\nends = 2026-01-01\n', "project.toml:4: [project.ends]"),
        ('[project]\nstage = "poc"\nname = [1\n', "project.toml:3"),
        (
            '[project]\nstage = "poc"\nends = 2026-13-01\n',
            "project.toml:3: [project.ends] invalid TOML: `2026-13-01` is not a date (write YYYY-MM-DD",
        ),
        ('[project]\nstage = "poc"\n[lint]\nfail-on = = "x"\n', "project.toml:4: [lint.fail-on] invalid TOML:"),
        ('[project]\nstage = "poc"\n[lint]\nselct = ["POC"]\n', "project.toml:4: [lint.selct]"),
        ('[project]\nstage = "poc"\n[lint]\nignore = ["POC999"]\n', "project.toml:4: [lint.ignore]"),
    ],
)
def test_malformed_project_toml_exits_2_with_file_line_and_key(tmp_path: Path, toml: str, where: str) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": toml})
    result = run("check", str(repo))
    assert result.exit_code == 2
    assert where in result.stderr
    assert "Traceback" not in result.output


def test_a_library_or_tool_mvp_is_not_asked_for_a_service_s_monitoring(tmp_path: Path) -> None:
    """An MVP that declares what it ships: a library has no server to health-check or monitor."""
    files = {
        "project.toml": '[project]\nstage = "mvp"\nkind = "Library"\n',
        "Dockerfile": 'FROM python:3.12\nCOPY . /app\nCMD ["python", "-m", "app"]\n',
        "README.md": "# Lib\n",
    }
    library = as_json(run("check", str(make_repo(tmp_path / "lib", files)), "--format", "json"))
    assert library["projects"][0]["kind"] == "library"
    outcomes = {o["code"]: o for o in library["projects"][0]["outcomes"]}
    for code in ("MVP008", "MVP009"):
        assert outcomes[code]["status"] == "not-applicable", code
        assert outcomes[code]["reason"] == 'checks services; project.toml declares kind = "library"'
    service = {**files, "project.toml": '[project]\nstage = "mvp"\n'}
    result = run("check", str(make_repo(tmp_path / "svc", service)), "--format", "json")
    assert {"MVP008", "MVP009"} <= codes(result)
    assert as_json(result)["projects"][0]["kind"] == "service"
    # A service that is really a library is told how to say so beside the finding.
    text = run("check", str(tmp_path / "svc")).stdout
    assert 'silence: kind = "library" or "tool" in [project] when it runs no service, or [lint] ignore' in text
    assert 'silence: [lint] ignore = { MVP006 = "reason" })' in text


def test_unknown_project_key_is_a_warning_with_suggestion(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML + 'ownr = "me"\n', "README.md": DISCLAIMER})
    result = run("check", str(repo))
    assert result.exit_code == 0
    assert "project.toml:6: [project.ownr] unknown key (did you mean `owner`?)" in result.stdout


def test_a_timebox_in_weeks_is_pointed_to_the_ends_date(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML + "timebox_weeks = 6\n", "README.md": DISCLAIMER})
    result = run("check", str(repo))
    assert result.exit_code == 0
    assert "[project.timebox_weeks] unknown key (did you mean `ends` = 2026-03-31?" in result.stdout


def test_stage_is_case_insensitive(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": '[project]\nstage = "MVP"\n'})
    assert as_json(run("check", str(repo), "--format", "json"))["projects"][0]["stage"] == "mvp"


def test_buildpacks_descriptor_is_no_declaration_but_a_paas_signal(tmp_path: Path) -> None:
    toml = '[_]\nschema-version = "0.2"\nid = "shop"\n[io.buildpacks]\nbuilder = "paketo"\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml})
    result = run("check", str(repo))
    assert result.exit_code == 1 and "STG001" in result.stdout and "`stage`" in result.stdout
    signals = json.loads(run("signals", str(repo), "--format", "json").stdout)["projects"][0]["signals"]
    # the descriptor builds an image too: a container signal beside the platform's
    assert {(s["category"], s["path"]) for s in signals} >= {("paas", "project.toml"), ("container", "project.toml")}


def test_own_project_toml_is_never_a_paas_signal(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML})
    signals = json.loads(run("signals", str(repo), "--format", "json").stdout)
    assert signals["version"] == 1
    (project,) = signals["projects"]
    assert project["path"] == "." and project["stage"] == "poc"
    assert all(s["category"] != "paas" for s in project["signals"])


def test_monorepo_projects_own_their_subtrees(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": POC_TOML,
            "README.md": DISCLAIMER,
            "services/api/project.toml": '[project]\nstage = "mvp"\nname = "api"\n',
            "services/api/Dockerfile": "FROM python:3.12\n",
            "services/api/app.py": "print(1)\n",
        },
    )
    doc = as_json(run("check", str(repo), "--format", "json"))
    by_path = {p["path"]: p for p in doc["projects"]}
    assert set(by_path) == {".", "services/api"}
    assert not [f for f in by_path["."]["findings"] if f["code"] == "POC101"]
    api_codes = {f["code"] for f in by_path["services/api"]["findings"]}
    assert "MVP009" in api_codes  # the Dockerfile belongs to the MVP: no health check
    text = run("check", str(repo)).stdout
    assert text.startswith("Projects:")
    # checking the subfolder checks the nested project only
    sub = as_json(run("check", str(repo / "services" / "api"), "--format", "json"))
    assert [p["path"] for p in sub["projects"]] == ["services/api"]


def test_select_ignore_and_ignore_reasons(tmp_path: Path) -> None:
    toml = POC_TOML + '[lint]\nignore = { POC101 = "local demo only", POC104 = "unused" }\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml, "README.md": DISCLAIMER, "Dockerfile": "FROM x\n"})
    result = run("check", str(repo))
    assert "ignored POC101 (by `POC101`: local demo only)" in result.stdout
    assert "ignore `POC104` in project.toml matched no finding" in result.stdout
    doc = as_json(run("check", str(repo), "--format", "json"))
    assert codes(run("check", str(repo), "--format", "json")) == {"LNT002"}  # the stale POC104
    assert doc["projects"][0]["ignored"][0]["reason"] == "local demo only"
    only = run("check", str(repo), "--select", "POC0", "--format", "json")
    assert codes(only) <= {"POC001", "POC002", "POC003"}
    bad = run("check", str(repo), "--select", "XYZ1")
    assert bad.exit_code == 2 and "unknown rule code or prefix `XYZ1`" in bad.output


def test_missing_path_and_non_git_folder(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope")).exit_code == 2
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "project.toml").write_text(POC_TOML)
    (plain / "README.md").write_text(DISCLAIMER)
    result = run("check", str(plain))
    assert result.exit_code == 0, result.output


def test_check_never_writes_into_the_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "Dockerfile": "FROM x\n"})
    run("check", str(repo))
    run("signals", str(repo))
    assert git(repo, "status", "--porcelain", "--ignored") == ""


def test_empty_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {}, commit=False)
    result = run("check", str(repo))
    assert result.exit_code == 1 and "STG001" in result.stdout


def test_staged_tree_is_what_counts(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "README.md": DISCLAIMER})
    (repo / "Dockerfile").write_text("FROM x\n")  # untracked: not part of the next commit
    assert "POC101" not in codes(run("check", str(repo), "--format", "json"))
    git(repo, "add", "Dockerfile")
    assert "POC101" in codes(run("check", str(repo), "--format", "json"))
    commit_all(repo)


def test_init_writes_refuses_and_forces(tmp_path: Path) -> None:
    result = run("init", str(tmp_path), "--stage", "mvp", "--owner", "team", "--feedback", "https://x")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "project.toml").read_text()
    assert 'stage = "mvp"' in text and 'owner = "team"' in text
    again = run("init", str(tmp_path), "--stage", "poc")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert 'stage = "mvp"' in (tmp_path / "project.toml").read_text()
    forced = run("init", str(tmp_path), "--stage", "poc", "--hypothesis", 'quotes " ok', "--force")
    assert forced.exit_code == 0
    doc = as_json(run("check", str(tmp_path), "--format", "json"))
    assert doc["projects"][0]["stage"] == "poc"
    assert "POC001" not in {f["code"] for f in doc["projects"][0]["findings"]}


def test_a_project_toml_not_yet_added_to_git_is_pointed_out(tmp_path: Path) -> None:
    """``check`` reads git's index: right after ``init`` the file is not in it, and both say so."""
    repo = make_repo(tmp_path / "r", {"app.py": "print(1)\n", "svc/main.py": "print(2)\n"})
    written = run("init", str(repo), "--stage", "poc", "--hypothesis", "h")
    assert f"git add {repo / 'project.toml'}" in written.output
    (root,) = as_json(run("check", str(repo), "--format", "json"))["projects"]
    assert root["stage"] is None
    assert root["warnings"] == [
        "project.toml is in the work tree but not in git's index, and pocmvp-lint reads what git will "
        "commit: run `git add project.toml`"
    ]
    git(repo, "add", "project.toml")
    (root,) = as_json(run("check", str(repo), "--format", "json"))["projects"]
    assert root["stage"] == "poc" and root["warnings"] == []
    (repo / "svc" / "project.toml").write_text('[project]\nstage = "mvp"\n')
    (nested,) = as_json(run("check", str(repo / "svc"), "--format", "json"))["projects"]
    assert nested["stage"] == "poc"  # the root's declaration governs until svc's is added
    assert nested["warnings"] == [
        "svc/project.toml is in the work tree but not in git's index, and pocmvp-lint reads what git will "
        "commit: run `git add svc/project.toml`"
    ]
    git(repo, "add", "svc/project.toml")
    (nested,) = as_json(run("check", str(repo / "svc"), "--format", "json"))["projects"]
    assert nested["stage"] == "mvp" and nested["warnings"] == []


def test_init_interactive(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["init", str(tmp_path), "--interactive"], input="poc\nrecs\nme\nVectors beat keywords\n2030-01-31\n"
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "project.toml").read_text()
    assert 'hypothesis = "Vectors beat keywords"' in text and "ends = 2030-01-31" in text


def test_rules_and_explain() -> None:
    listing = run("rules").stdout
    for code in ("STG001", "POC101", "MVP015", "SEC001"):
        assert code in listing
    doc = json.loads(run("rules", "--format", "json").stdout)
    assert len(doc["rules"]) >= 30
    explained = run("explain", "poc101")
    assert explained.exit_code == 0
    assert "Why it matters" in explained.stdout and "How to fix" in explained.stdout
    prefix = run("explain", "POC10")  # a prefix lists its rules (issue 11), not one near miss
    assert prefix.exit_code == 2 and "POC101" in prefix.stderr and "POC108" in prefix.stderr
    unknown = run("explain", "POC901")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_explain_says_when_a_rule_runs_beyond_its_stage() -> None:
    """A rule's requirements and its reading of git history are metadata, and explain shows them."""
    assert (
        "It runs only when project.toml declares the stage, not in a `--stage` what-if nor when a declaration "
        "elsewhere stands in." in run("explain", "MVP012").stdout
    )
    assert "It runs only for a project that declares no stage." in run("explain", "STG001").stdout
    assert "It reads git history." in run("explain", "POC202").stdout
    plain = run("explain", "POC101").stdout.splitlines()
    assert plain[2] == "", "a rule that runs whenever its stage applies says nothing more"


def test_rules_markdown_is_docs_rules_md() -> None:
    generated = run("rules", "--format", "markdown").stdout
    committed = (Path(__file__).parent.parent / "docs" / "rules.md").read_text()
    assert generated == committed, "docs/rules.md is stale: pocmvp-lint rules --format markdown > docs/rules.md"


def test_version_through_the_main_module(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # `python -m pocmvp_lint --version` in this interpreter; the real process is the slow test below.
    monkeypatch.setattr(sys, "argv", ["pocmvp-lint", "--version"])
    with pytest.raises(SystemExit) as ended:
        runpy.run_module("pocmvp_lint", run_name="__main__")
    assert ended.value.code in (0, None)
    assert capsys.readouterr().out.startswith("pocmvp-lint, version")


@pytest.mark.slow
def test_python_dash_m_and_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pocmvp_lint", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and proc.stdout.startswith("pocmvp-lint, version")


@pytest.fixture(scope="module")
def undecodable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with a staged file in a folder whose name is not UTF-8 (only read by the tests)."""
    repo = make_repo(tmp_path_factory.mktemp("undecodable"), {"project.toml": POC_TOML, "README.md": DISCLAIMER})
    folder = os.fsencode(repo) + b"/dir\xff"
    os.mkdir(folder)
    with open(folder + b"/Dockerfile", "wb") as handle:
        handle.write(b"FROM scratch\n")
    git(repo, "add", "-A")
    return repo


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit", "markdown"])
def test_undecodable_file_names_never_crash_an_output(undecodable: Path, fmt: str) -> None:
    result = run("check", str(undecodable), "--format", fmt)
    assert result.exit_code == 0, result.output
    shown = ("dir\\xff/Dockerfile", "dir\\\\xff/Dockerfile", "dir%5Cxff/Dockerfile")  # text, JSON, URI
    assert any(form in result.stdout for form in shown), result.stdout


def test_repository_config_cannot_make_the_linter_run_programs(tmp_path: Path) -> None:
    """A hostile repository's own git config (fsmonitor, external diff) is never executed."""
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "README.md": DISCLAIMER})
    marker = tmp_path / "pwned"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(0o755)
    (repo / "Dockerfile").write_text("FROM x\n")
    git(repo, "add", "Dockerfile")
    git(repo, "config", "core.fsmonitor", str(script))
    git(repo, "config", "diff.external", str(script))
    for args in (
        ["check", str(repo)],
        ["check", str(repo), "--staged"],
        ["signals", str(repo)],
        ["history", str(repo)],
    ):
        result = run(*args)
        assert result.exit_code in (0, 1), result.output
    assert not marker.exists()


def test_a_command_leaves_the_garbage_collector_on_with_its_modules_frozen() -> None:
    # the command's modules are imported with the collector paused; it must be running again after
    script = (
        "import gc, io, contextlib\n"
        "from pocmvp_lint.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(args=['rules'], standalone_mode=False)\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == ["True", "True"]
