"""The example projects in ``examples/`` report exactly what their READMEs say.

Each example is copied into a fresh git repository and checked through the CLI, as a user would
run ``pocmvp-lint check examples/NAME --format json``. The expectations are written twice, in the
table below and in each README's "What pocmvp-lint reports" section, and both are compared with
the real run, so neither the README nor the behaviour can drift unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gitutil import commit_all, git
from tests.helpers import (
    EXAMPLE_NAMES,
    EXAMPLES_DIR,
    REPO_ROOT,
    CheckRun,
    copy_example,
    example_repo,
    fail_on_args,
    files_of,
    host_repo,
    outcome,
    parse_report,
    run_check,
)


@dataclass(frozen=True)
class Expected:
    projects: dict[str, tuple[frozenset[str], str]]
    exit_codes: dict[str | None, int]  # --fail-on level (None: the default) -> exit code


def _codes(*codes: str) -> frozenset[str]:
    return frozenset(codes)


EXPECTED: dict[str, Expected] = {
    "poc-clean": Expected(
        {".": (_codes(), "clean")},
        {None: 0, "warning": 0, "info": 0},
    ),
    "poc-drifting": Expected(
        {
            ".": (
                _codes(
                    "POC003", "POC101", "POC102", "POC104", "POC105", "POC106", "POC107", "POC108", "POC205", "POC301"
                ),
                "drifting",
            )
        },
        {None: 0, "warning": 1, "info": 1},
    ),
    "mvp-ready": Expected(
        {".": (_codes(), "ready")},
        {None: 0, "warning": 0, "info": 0},
    ),
    "mvp-gaps": Expected(
        {
            ".": (
                _codes(
                    "MVP001",
                    "MVP003",
                    "MVP006",
                    "MVP007",
                    "MVP008",
                    "MVP009",
                    "MVP010",
                    "MVP011",
                    "MVP012",
                    "MVP013",
                    "MVP015",
                ),
                "not-ready",
            )
        },
        {None: 1, "warning": 1, "never": 0},
    ),
    "monorepo": Expected(
        {
            "experiments/route-optimizer": (_codes(), "clean"),
            "services/orders": (_codes(), "ready"),
        },
        {None: 0, "warning": 0, "info": 0},
    ),
}

#: Rules judged from git history: they cannot fire on a folder outside git, and in this checkout
#: they judge this repository's history (whose age and authors change over time).
HISTORY_CODES = frozenset({"POC202", "POC203", "POC204", "POC205", "POC206", "STG100", "STG101", "STG102"})


def _without_history(projects: dict[str, tuple[frozenset[str], str]]) -> dict[str, tuple[frozenset[str], str]]:
    return {path: (codes - HISTORY_CODES, verdict) for path, (codes, verdict) in projects.items()}


@pytest.fixture(scope="session")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One committed git repository per example, built once for the session."""
    base = tmp_path_factory.mktemp("examples")
    return {name: example_repo(name, base / name) for name in EXAMPLE_NAMES}


#: ``check`` of a session example repository (by name) with ``--fail-on LEVEL`` (None: the default).
ExampleRun = Callable[[str, "str | None"], CheckRun]


@pytest.fixture(scope="session")
def example_run(repos: dict[str, Path]) -> ExampleRun:
    """``check`` of an example repository, run once per name and --fail-on level for the session:
    the repositories are only read, so every test asking the same question reads the same answer."""
    done: dict[tuple[str, str | None], CheckRun] = {}

    def run(name: str, level: str | None = None) -> CheckRun:
        if (name, level) not in done:
            done[name, level] = run_check(str(repos[name]), *fail_on_args(level))
        return done[name, level]

    return run


def test_every_example_exists_and_is_small() -> None:
    assert sorted(EXAMPLE_NAMES) == sorted(EXPECTED)
    for name in EXAMPLE_NAMES:
        files = files_of(EXAMPLES_DIR / name)
        assert "project.toml" in files or name == "monorepo", name
        assert "README.md" in files, name
        assert len(files) <= 25, f"{name} has {len(files)} files"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_reports_what_is_expected(name: str, example_run: ExampleRun) -> None:
    run = example_run(name, None)
    assert outcome(run) == EXPECTED[name].projects, run.stdout
    assert run.exit_code == EXPECTED[name].exit_codes[None], run.stdout
    assert run.document["summary"] == {
        level: sum(p["counts"][level] for p in run.projects) for level in ("error", "warning", "info")
    }


@pytest.mark.parametrize(
    ("name", "level"),
    [(name, level) for name, expected in EXPECTED.items() for level in expected.exit_codes if level],
)
def test_example_exit_code_with_fail_on(name: str, level: str, example_run: ExampleRun) -> None:
    run = example_run(name, level)
    assert run.exit_code == EXPECTED[name].exit_codes[level], run.stdout


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_readme_states_what_the_run_reports(name: str, example_run: ExampleRun) -> None:
    """The README's report section, parsed, equals the real run (codes, verdicts, exit codes)."""
    report = parse_report((EXAMPLES_DIR / name / "README.md").read_text(encoding="utf-8"))
    run = example_run(name, None)
    assert dict(report.projects) == outcome(run), run.stdout
    assert report.exit_codes[None] == run.exit_code
    for level, code in report.exit_codes.items():
        if level is not None:
            assert example_run(name, level).exit_code == code, level
    assert dict(report.projects) == EXPECTED[name].projects
    assert dict(report.exit_codes) == EXPECTED[name].exit_codes


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_evidence_points_at_files_of_the_example(name: str, repos: dict[str, Path], example_run: ExampleRun) -> None:
    run = example_run(name, None)
    files = set(files_of(repos[name]))
    for project in run.projects:
        for finding in project["findings"]:
            for evidence in finding["evidence"]:
                path = evidence["path"]
                assert path in files or any(f.startswith(path + "/") for f in files), (finding["code"], path)


def test_drifting_poc_keeps_its_secret_free_env_file_out_of_sec001(example_run: ExampleRun) -> None:
    run = example_run("poc-drifting", None)
    (project,) = run.projects
    prod = next(f for f in project["findings"] if f["code"] == "POC106")
    assert ".env.production" in {e["path"] for e in prod["evidence"]}
    assert project["counts"] == {"error": 0, "warning": 9, "info": 1}


def test_monorepo_projects_alone_are_clean(repos: dict[str, Path]) -> None:
    """Checked one by one, the monorepo's projects still count the root's CI and policies."""
    repo = repos["monorepo"]
    run = run_check(str(repo / "services" / "orders"), str(repo / "experiments" / "route-optimizer"))
    assert outcome(run) == {
        "services/orders": (frozenset(), "ready"),
        "experiments/route-optimizer": (frozenset(), "clean"),
    }
    assert run.exit_code == 0
    in_checkout = run_check(
        str(EXAMPLES_DIR / "monorepo" / "services" / "orders"), "--ignore", ",".join(sorted(HISTORY_CODES))
    )
    assert [(p["verdict"], p["findings"]) for p in in_checkout.projects] == [("ready", [])], in_checkout.stdout


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("where", ["untracked-in-host", "tracked-in-host", "plain-folder", "no-git-flag"])
def test_example_reports_the_same_wherever_it_sits(
    name: str, where: str, tmp_path: Path, repos: dict[str, Path]
) -> None:
    """Inside a larger repository (committed or not), outside git, or with --no-git.

    In a larger repository an example is a guest: it inherits nothing from the host's root, and
    the monorepo's projects inherit from the monorepo's own root.
    """
    extra: tuple[str, ...] = ()
    if where == "plain-folder":
        target = copy_example(name, tmp_path / name)
    elif where == "no-git-flag":
        target = repos[name]  # the session's committed copy: --no-git only reads it
        extra = ("--no-git",)
    else:
        host = host_repo(name, tmp_path / "host", track=where == "tracked-in-host")
        target = host / "examples" / name
    run = run_check(str(target), *extra)
    expected, exit_code = EXPECTED[name].projects, EXPECTED[name].exit_codes[None]
    prefix = ""
    if where == "tracked-in-host":
        prefix = f"examples/{name}"
    else:  # no git history to judge: the history rules stay silent
        expected = _without_history(expected)
    assert outcome(run, prefix) == expected, run.stdout
    assert run.exit_code == exit_code


def _tracked_in_checkout(name: str) -> bool:
    try:
        listed = git(REPO_ROOT, "ls-files", "--", f"examples/{name}/project.toml", f"examples/{name}/README.md")
    except subprocess.CalledProcessError:
        return False
    return bool(listed.strip())


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_in_this_checkout(name: str) -> None:
    """`pocmvp-lint check examples/NAME` in this very repository, tracked or not.

    The history rules are ignored here: they would judge this repository's own history.
    """
    tracked = _tracked_in_checkout(name)
    run = run_check(str(EXAMPLES_DIR / name), "--ignore", ",".join(sorted(HISTORY_CODES)))
    prefix = f"examples/{name}" if tracked else ""
    assert outcome(run, prefix) == _without_history(EXPECTED[name].projects), run.stdout
    assert run.exit_code == EXPECTED[name].exit_codes[None]


def test_examples_do_not_inherit_the_host_repository_governance(tmp_path: Path) -> None:
    """An example in examples/ is a guest: the host repository's CI and policies are not its own."""
    host = host_repo("mvp-gaps", tmp_path / "host", track=True)
    (host / ".github" / "workflows").mkdir(parents=True)
    (host / ".github" / "workflows" / "ci.yml").write_text(
        "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n", encoding="utf-8"
    )
    (host / ".github" / "dependabot.yml").write_text("version: 2\nupdates: []\n", encoding="utf-8")
    (host / "SECURITY.md").write_text("# Security\n\nMail security@example.org.\n", encoding="utf-8")
    commit_all(host, "host governance")
    run = run_check(str(host / "examples" / "mvp-gaps"))
    assert outcome(run, "examples/mvp-gaps") == EXPECTED["mvp-gaps"].projects, run.stdout


# A real process, so slow; test_example_exit_code_with_fail_on checks the same exit codes in-process.
@pytest.mark.slow
def test_console_script_on_an_example(repos: dict[str, Path]) -> None:
    """The real process: exit code 1 with --fail-on warning, findings in the text output."""
    proc = subprocess.run(
        [sys.executable, "-m", "pocmvp_lint", "check", str(repos["poc-drifting"]), "--fail-on", "warning"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "POC101" in proc.stdout and "drifting toward production" in proc.stdout


def test_report_parser_reads_codes_verdicts_and_exit_codes() -> None:
    text = (
        "# X\n\n## What pocmvp-lint reports\n\nIntro naming `MVP999` outside a bullet.\n\n"
        "### `a`\n\n- Codes: `POC101` (Dockerfile), `POC102`\n  (k8s), and `SEC001`\n- Verdict: `drifting`\n\n"
        "### `b/c`\n\n- Codes: none\n- Verdict: `ready`\n\n"
        "- Exit code: 1 by default; 0 with `--fail-on never`; 1 with `--fail-on info`\n\n"
        "## Next section\n\n- Codes: `MVP001`\n"
    )
    report = parse_report(text)
    assert dict(report.projects) == {
        "a": (frozenset({"POC101", "POC102", "SEC001"}), "drifting"),
        "b/c": (frozenset(), "ready"),
    }
    assert dict(report.exit_codes) == {None: 1, "never": 0, "info": 1}


@pytest.mark.parametrize(
    "section",
    [
        "- Verdict: `clean`\n- Exit code: 0 by default\n",  # no Codes bullet
        "- Codes: nothing here\n- Verdict: `clean`\n- Exit code: 0 by default\n",  # neither codes nor "none"
        "- Codes: none\n- Verdict: clean\n- Exit code: 0 by default\n",  # verdict not in backticks
        "- Codes: none\n- Verdict: `clean`\n",  # no Exit code bullet
    ],
)
def test_report_parser_rejects_incomplete_sections(section: str) -> None:
    with pytest.raises(AssertionError):
        parse_report("# X\n\n## What pocmvp-lint reports\n\n" + section)
