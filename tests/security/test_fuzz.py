"""Fuzzing the command line with hostile input: project.toml, workflow YAML and file names.

Whatever the repository holds, pocmvp-lint ends with 0, 1 or 2, never with a traceback or an
"internal error". The budget is fixed and the runs are derandomized (no example database), so CI
sees the same examples every time.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pocmvp_lint.cli import cli
from pocmvp_lint.formatters import CHECK_FORMATS

#: A fixed Hypothesis budget over the whole CLI: slow, run in CI's full suite.
pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORMATS = sorted(CHECK_FORMATS)
HOSTILE_CHARS = "\n\r\t\x00\x07\x1b\x7f\x85\x9b\u2028\u202e\u2066\ufeff\"'\\[](){}<>`*_|#!:/.-=~@$&%"

# ---- strategies ---------------------------------------------------------------------------------
texts = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(HOSTILE_CHARS)), max_size=40)
scalars = st.one_of(
    texts,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.sampled_from(["poc", "mvp", "POC", "ALL", "POC101", "error", "*"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)
LINT_KEYS = [
    "extends",
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "fail-on",
    "exclude",
    "extend-exclude",
    "severity",
    "thresholds",
    "per-path-ignores",
    "rules",
    "junk",
]
PROJECT_KEYS = ["stage", "name", "owner", "hypothesis", "started", "ends", "audience", "feedback", "junk"]


def toml_value(value: Any) -> str:
    """A TOML rendering of ``value`` (strings as JSON-style basic strings, which TOML shares)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return repr(value) if not isinstance(value, float) or value == value else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)  # dates


@st.composite
def project_toml(draw: st.DrawFn) -> str:
    """Either structured TOML with hostile values in the keys pocmvp-lint reads, or raw text."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(max_size=300))
    project = draw(st.dictionaries(st.sampled_from(PROJECT_KEYS), values, max_size=5))
    if draw(st.booleans()):
        project["stage"] = draw(st.sampled_from(["poc", "mvp"]))
    lint = draw(st.dictionaries(st.sampled_from(LINT_KEYS), values, max_size=4))
    lines = [
        "[project]",
        *(f"{json.dumps(k)} = {toml_value(v)}" for k, v in project.items()),
        "[lint]",
        *(f"{json.dumps(k)} = {toml_value(v)}" for k, v in lint.items() if k != "rules"),
    ]
    for rule in draw(
        st.lists(
            st.dictionaries(
                st.sampled_from(
                    ["code", "name", "stage", "severity", "message", "summary", "fix", "require", "forbid", "contains"]
                ),
                st.one_of(values, st.just("ACME001"), st.lists(texts, max_size=3)),
                max_size=6,
            ),
            max_size=2,
        )
    ):
        lines.append("[[lint.rules]]")
        lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in rule.items()]
    return "\n".join(lines) + "\n"


yaml_scalars = st.one_of(texts, st.integers(), st.booleans(), st.none())
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=15,
)


@st.composite
def workflow_yaml(draw: st.DrawFn) -> str:
    """A workflow: raw text, or a JSON document (JSON is YAML) shaped like a workflow."""
    if draw(st.booleans()):
        return draw(st.text(max_size=400))
    steps = draw(
        st.lists(
            st.dictionaries(st.sampled_from(["run", "uses", "name", "with", "env"]), yaml_values, max_size=3),
            max_size=4,
        )
    )
    document = {
        "on": draw(yaml_values),
        "jobs": {
            draw(texts) or "deploy": {"runs-on": draw(yaml_values), "environment": draw(yaml_values), "steps": steps}
        },
    }
    return json.dumps(document, ensure_ascii=False)


def _fits(name: str) -> bool:
    return name not in (".", "..") and len(os.fsencode(name)) <= 200


file_names = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=60),
    st.builds(
        lambda a, b: a + b,
        st.sampled_from(["-", "--", "--format=", "-v", ".github", "\n::"]),
        st.text(alphabet=st.sampled_from(HOSTILE_CHARS.replace("/", "").replace("\x00", "")), max_size=20),
    ),
    st.just("x" * 200),
).filter(_fits)


# ---- running ------------------------------------------------------------------------------------
def run_cli(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    output = result.stdout + result.stderr
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{args}: {result.exception!r}\n{output}"
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, output)
    assert "Traceback" not in output and "internal error" not in output, (args, output)


def check_folder(folder: Path, fmt: str) -> None:
    run_cli("check", str(folder), "--no-git", "--format", fmt)


@FUZZ
@given(text=project_toml(), fmt=st.sampled_from(FORMATS))
def test_any_project_toml_gives_a_result_or_a_clear_error(text: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "project.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
        check_folder(folder, fmt)
        run_cli("config", str(folder))


@FUZZ
@given(text=workflow_yaml(), fmt=st.sampled_from(FORMATS))
def test_any_workflow_yaml_gives_a_result(text: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "project.toml").write_text('[project]\nstage = "mvp"\n', encoding="utf-8")
        workflows = folder / ".github" / "workflows"
        workflows.mkdir(parents=True)
        (workflows / "x.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        check_folder(folder, fmt)


@FUZZ
@given(
    names=st.lists(file_names, min_size=1, max_size=4, unique=True),
    fmt=st.sampled_from(FORMATS),
    folder_too=st.booleans(),
)
def test_any_file_names_give_a_result(names: list[str], fmt: str, folder_too: bool) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "project.toml").write_text('[project]\nstage = "poc"\n', encoding="utf-8")
        for file_name in names:
            target = folder / file_name / "Dockerfile" if folder_too else folder / file_name
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("FROM python:3.12\n", encoding="utf-8")
            except OSError:  # a name this file system refuses (or one clashing with another)
                continue
        check_folder(folder, fmt)
        run_cli("signals", str(folder), "--no-git")
