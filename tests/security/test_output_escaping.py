"""One hostile repository through every output format: nothing in it can be turned against a reader.

The repository's folder names hold a GitHub workflow command after a newline, a terminal-title
escape sequence, a right-to-left override and Markdown; its project name and its commit subject
carry the same. Each test runs the command line on it and checks what a reader (a terminal, the
GitHub Actions log, a job summary, a JUnit dashboard) would receive.
"""

from __future__ import annotations

import html as html_module
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint.cli import cli
from pocmvp_lint.formatters import escape
from tests.gitutil import commit_all, init_repo

INJECTED_COMMAND = "::error file=x.py,line=1::INJECTED"
HOSTILE_FOLDERS = (
    f"a\n{INJECTED_COMMAND}",
    "t\x1b]0;TITLE\x07",
    "rtl\u202eexe.txt",
    "b`x`[Click](https:/attacker.example)",
    "c\x9b31m\u2028d",
)
HOSTILE_NAME = (
    "[Click to fix](https://attacker.example) ![x](https://attacker.example/p.png) "
    "\\u001b]0;TITLE\\u0007 \\u202e \\n::error::INJECTED www.attacker.example"
)
HOSTILE_SUBJECT = "subject \x1b]0;TITLE\x07 \u202e [x](https://attacker.example) ![y](https://attacker.example/i.png)"
#: Colour and style sequences pocmvp-lint itself writes with --color (the only escapes allowed).
OWN_STYLES = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
#: A Markdown code span (its content is shown literally, links included).
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
ANNOTATION = re.compile(r"^::(error|warning|notice)( [^:]*)?::")


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = init_repo(tmp_path_factory.mktemp("hostile") / "repo")
    (repo / "project.toml").write_text(f'[project]\nstage = "poc"\nname = "{HOSTILE_NAME}"\n', encoding="utf-8")
    for folder in HOSTILE_FOLDERS:
        (repo / folder).mkdir(parents=True)
        (repo / folder / "Dockerfile").write_text("FROM python:3.12\n", encoding="utf-8")
    commit_all(repo, HOSTILE_SUBJECT)
    return repo


def run(*args: str) -> tuple[int, str]:
    """Exit code and everything written (stdout, then stderr)."""
    result = CliRunner().invoke(cli, list(args), color=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout + result.stderr


def assert_harmless(out: str, *, github: bool = False) -> None:
    """No injected workflow command, no escape or bidi character, nothing but our own colours."""
    assert FORBIDDEN.search(OWN_STYLES.sub("", out)) is None, repr(FORBIDDEN.search(OWN_STYLES.sub("", out)))
    for line in out.splitlines():
        if github and ANNOTATION.match(line):
            command = line.split("::")[1]
            properties = dict(p.split("=", 1) for p in command.partition(" ")[2].split(",") if p)
            assert properties.get("file") != "x.py" and properties.get("line", "1").isdigit()
            continue
        assert not line.lstrip().startswith("::"), line
    assert "INJECTED" in out or "INJECTED" in out.replace("%", ""), "the hostile text went missing"


def assert_no_markdown_link(out: str) -> None:
    """No untrusted link, image or autolink can render (code spans and escapes are fine)."""
    out = CODE_SPAN.sub("", out).replace("![Drift timeline](data:image/svg", "")
    assert "https://attacker" not in out and "www.attacker" not in out
    assert re.search(r"(?<!\\)\]\(", out) is None  # [text](url), ![alt](url)
    assert re.search(r"(?<!\\)!\[", out) is None


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit", "markdown"])
def test_check_output_is_harmless_in_every_format(hostile_repo: Path, fmt: str) -> None:
    code, out = run("check", str(hostile_repo), "--format", fmt, "--color")
    assert code in (0, 1)
    assert_harmless(out, github=fmt == "github")
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out[: out.rindex("}") + 1] if fmt != "gitlab" else out[: out.rindex("]") + 1])
    if fmt == "junit":
        ET.fromstring(out.split("\n", 1)[1])
    if fmt == "markdown":
        assert_no_markdown_link(out)
    if fmt == "sarif":
        texts = [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]]
        assert texts and all("](" not in t.replace("\\](", "") for t in texts)


def test_text_output_without_colour_has_no_escape_at_all(hostile_repo: Path) -> None:
    code, out = run("check", str(hostile_repo), "--no-color")
    assert code in (0, 1)
    assert "\x1b" not in out and "\x07" not in out
    assert_harmless(out)
    assert "\\x1b]0;TITLE\\x07" in out and "\\u202e" in out and "a\\n::error" in out


def test_job_summary_is_harmless(hostile_repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = CliRunner(env={"GITHUB_STEP_SUMMARY": str(summary)}).invoke(
        cli, ["check", str(hostile_repo), "--format", "json", "--summary"]
    )
    assert result.exit_code in (0, 1)
    text = summary.read_text(encoding="utf-8")
    assert_harmless(text)
    assert_no_markdown_link(text)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_signals_output_is_harmless(hostile_repo: Path, fmt: str) -> None:
    code, out = run("signals", str(hostile_repo), "--format", fmt, "--color")
    assert code == 0
    assert_harmless(out)


@pytest.mark.parametrize("fmt", ["text", "json", "svg"])
def test_history_output_is_harmless(hostile_repo: Path, fmt: str) -> None:
    code, out = run("history", str(hostile_repo), "--format", fmt, "--color")
    assert code == 0, out
    assert_harmless(out)
    if fmt == "svg":
        ET.fromstring(out)
    if fmt == "json":
        subjects = {s["commit"]["subject"] for s in json.loads(out)["projects"][0]["signals"]}
        assert subjects == {HOSTILE_SUBJECT}  # JSON keeps the data; its encoding keeps it inert
    if fmt == "text":
        assert "subject \\x1b]0;TITLE\\x07 \\u202e" in out


def test_report_markdown_is_harmless(hostile_repo: Path) -> None:
    code, out = run("report", str(hostile_repo), "--format", "markdown")
    assert code == 0
    assert_harmless(out)
    assert_no_markdown_link(out)


def test_report_html_is_harmless(hostile_repo: Path) -> None:
    code, out = run("report", str(hostile_repo), "--format", "html")
    assert code == 0
    assert_harmless(out)
    assert "<img" not in out and 'href="https://attacker' not in out
    assert "&lt;" not in out or "<script" not in out
    for svg in re.findall(r"<svg.*?</svg>", out, re.DOTALL):
        ET.fromstring(svg)


def test_badge_is_harmless(hostile_repo: Path) -> None:
    code, out = run("badge", str(hostile_repo))
    assert code == 0
    assert FORBIDDEN.search(out) is None
    ET.fromstring(out.splitlines()[0])


def test_errors_naming_hostile_keys_stay_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "project.toml").write_text(
        '[project]\nstage = "poc"\n[lint]\n"x\\n::error::INJECTED\\u001b]0;T\\u0007" = 1\n', encoding="utf-8"
    )
    code, out = run("check", str(tmp_path), "--no-git")
    assert code == 2
    assert len(out.strip().splitlines()) == 1 and "x\\n::error::INJECTED\\x1b]0;T\\x07" in out
    assert_harmless(out)


@given(st.text())
def test_html_and_xml_escaping_is_the_standard_librarys(value: str) -> None:
    expected = html_module.escape(escape.visible(value), quote=True)
    assert escape.html(value) == expected == escape.xml(value)
