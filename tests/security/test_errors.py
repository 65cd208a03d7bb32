"""Bad input gets one clear line naming the file, line and key (exit 2); signals and closed pipes
end the run the way a shell user expects (130, and a quiet 141)."""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint import engine
from pocmvp_lint.cli import cli, main
from tests.gitutil import commit_all, git, init_repo

HEAD = '[project]\nstage = "poc"\n'
RULE = '[[lint.rules]]\ncode = "ACME001"\nmessage = "m"\n'

CASES = {
    "exclude-bang": ('[lint]\nexclude = ["!"]\n', "project.toml:4", "lint.exclude", "'!'"),
    "exclude-backslash": (
        '[lint]\nextend-exclude = ["a\\\\"]\n',
        "project.toml:4",
        "lint.extend-exclude",
        "not a valid glob",
    ),
    "duplicate-codes": (
        RULE + 'forbid = ["*.x"]\n' + RULE + 'forbid = ["*.y"]\n',
        "project.toml:7",
        "lint.rules",
        "declared twice",
    ),
    "deep-arrays": ("x = " + "[" * 100_000 + "\n", "project.toml:3", "", "nesting too deep"),
    "deep-inline-tables": (
        "a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n",
        "project.toml:3",
        "",
        "nesting too deep",
    ),
    "rule-name-table": (
        RULE + 'name = {a = 1}\nforbid = ["*.x"]\n',
        "project.toml:3",
        "lint.rules",
        "`name` must be a string",
    ),
    "rule-fix-list": (RULE + 'fix = [1]\nforbid = ["*.x"]\n', "project.toml:3", "lint.rules", "`fix` must be a string"),
    "rule-stage-number": (
        RULE + 'stage = 3\nforbid = ["*.x"]\n',
        "project.toml:3",
        "lint.rules",
        "`stage` must be a string",
    ),
    "rule-bad-glob": (RULE + 'forbid = ["["]\n', "project.toml:3", "lint.rules.ACME001", "not a valid glob"),
    "rule-glob-number": (RULE + "require = [1]\n", "project.toml:3", "lint.rules.ACME001", "list of glob strings"),
    "rule-contains-bad-glob": (
        RULE + 'contains = { glob = "!", regex = "x" }\n',
        "project.toml:3",
        "lint.rules",
        "not a valid glob",
    ),
    "per-path-value-number": (
        '[lint.per-path-ignores]\n"x/**" = [1]\n',
        "project.toml:4",
        'lint.per-path-ignores."x/**"',
        "list of rule codes",
    ),
    "per-path-value-table": (
        '[lint.per-path-ignores]\n"x/**" = { a = 1 }\n',
        "project.toml:4",
        'lint.per-path-ignores."x/**"',
        "list of rule codes",
    ),
    "per-path-bad-glob": (
        '[lint.per-path-ignores]\n"[" = ["POC101"]\n',
        "project.toml:4",
        'lint.per-path-ignores."["',
        "not a valid glob",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_configuration_names_file_line_and_key(tmp_path: Path, name: str) -> None:
    body, where, key, words = CASES[name]
    (tmp_path / "project.toml").write_text(HEAD + body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--no-git"])
    message = result.stderr.strip()
    assert result.exit_code == 2, result.output
    assert "internal error" not in message and "Traceback" not in result.output
    assert len(message.splitlines()) == 1
    assert f"pocmvp-lint: error: {where}: " in message, message
    assert (f"[{key}]" in message) if key else True, message
    assert words in message, message


def test_duplicate_code_across_a_policy_and_the_project(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text("[lint]\n" + RULE + 'forbid = ["*.x"]\n', encoding="utf-8")
    (tmp_path / "project.toml").write_text(
        HEAD + '[lint]\nextends = "policy.toml"\n' + RULE + 'forbid = ["*.y"]\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--no-git"])
    assert result.exit_code == 2
    assert "project.toml:5: [lint.rules] `ACME001` is already declared by policy policy.toml" in result.stderr


def test_ctrl_c_exits_130_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "project.toml").write_text(HEAD, encoding="utf-8")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "check_paths", interrupted)
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--no-git"])
    assert result.exit_code == 130
    assert result.stderr == "pocmvp-lint: interrupted\n"


class _ClosedPipe(io.RawIOBase):
    """A standard output whose reader is gone: every write fails as a closed pipe's does."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


@pytest.mark.parametrize("args", [["check", "--format", "json"], ["scan"]])
def test_a_closed_pipe_ends_the_run_quietly_with_141_in_process(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # The fast layer's view of the test below: the first write to stdout fails with EPIPE.
    repo = init_repo(tmp_path / "repo")
    (repo / "project.toml").write_text(HEAD, encoding="utf-8")
    commit_all(repo)
    closed = io.TextIOWrapper(io.BufferedWriter(_ClosedPipe()), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", closed)
        with pytest.raises(SystemExit) as ended:
            main([*args, str(repo)])
    assert ended.value.code == 141
    assert capsys.readouterr().err == ""


# A real process with a real pipe, so slow; the fast layer runs the same in-process just above.
@pytest.mark.slow
@pytest.mark.parametrize("args", [["check", "--format", "json"], ["scan"]])
def test_a_closed_pipe_ends_the_run_quietly_with_141(tmp_path: Path, args: list[str]) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "project.toml").write_text(HEAD, encoding="utf-8")
    commit_all(repo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pocmvp_lint", *args, str(repo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written (like `| head -0`)
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert stderr == ""


def test_history_json_caps_commit_subjects(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "project.toml").write_text(HEAD, encoding="utf-8")
    (repo / "Dockerfile").write_text("FROM python:3.12\n", encoding="utf-8")
    message = tmp_path / "message.txt"
    message.write_text("s" * 200_000 + "\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-F", str(message))
    result = CliRunner().invoke(cli, ["history", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    subject = document["projects"][0]["history"]["last_commit"]["subject"]
    assert len(subject) == 1000 and subject.endswith("…")
    assert len(result.stdout) < 20_000
    text = CliRunner().invoke(cli, ["history", str(repo)]).stdout
    assert "s" * 200 not in text and len(text) < 5_000
