"""GitHub annotations: exact commands, escaping that no file name can break, the 10-per-level cap."""

from __future__ import annotations

import re
from dataclasses import replace

from pocmvp_lint.findings import ProjectResult
from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters.github import escape_data, escape_property, render_check
from pocmvp_lint.model import Evidence, Severity, Verdict
from tests.formatters.factories import HOSTILE, drifting_poc, finding, not_ready_mvp, run, undeclared

COMMAND = re.compile(r"^::(error|warning|notice)( [a-zA-Z]+=[^,:\r\n]*(,[a-zA-Z]+=[^,:\r\n]*)*)?::")


def lines(*projects: ProjectResult) -> list[str]:
    return render_check(run(*projects), RenderOptions()).split("\n")


def assert_safe(output: list[str]) -> None:
    """Every line is one of our commands with well-formed properties, or the plain summary."""
    for line in output:
        assert "\r" not in line
        if line.startswith("::"):
            assert COMMAND.match(line), line
        else:
            assert line.startswith("pocmvp-lint: "), line


def test_file_findings_are_annotations_on_the_file() -> None:
    out = lines(drifting_poc())
    assert (
        "::warning file=Dockerfile,line=1,title=POC101 poc-container-image::container image "
        "definitions in a POC: Dockerfile:1%0AFix: Run the POC locally or in a notebook." in out[0]
    )
    assert any(line.startswith("::notice file=requirements.txt,line=6,title=POC108") for line in out)
    assert_safe(out)


def test_repository_level_findings_are_run_annotations() -> None:
    out = lines(not_ready_mvp(), undeclared())
    no_ci = next(line for line in out if "MVP003" in line)
    assert no_ci.startswith("::error title=MVP003 mvp-no-ci::services/api: no CI configuration")
    stg = next(line for line in out if "STG001" in line)
    assert stg.startswith("::error title=STG001 stage-undeclared::")
    assert "file=" not in no_ci and "file=" not in stg
    assert out[-1].startswith("pocmvp-lint: 5 findings (3 errors, 1 warning, 1 info) in 2 projects")


def test_escaping_rules() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_hostile_file_names_cannot_inject_commands() -> None:
    project = replace(
        drifting_poc(),
        findings=(
            finding("POC101", f"image in {HOSTILE}", Evidence(HOSTILE, 3)),
            finding("SEC001", "key::error::x", Evidence("a,b:c%.pem\n::stop-commands::tok", 1)),
        ),
        name="x\n::error::injected",
        path="weird\n::warning::dir",
    )
    out = lines(project)
    assert_safe(out)
    assert out[0].startswith("::error file=a%2Cb%3Ac%25.pem%0A%3A%3Astop-commands%3A%3Atok,line=1,")
    first = out[1]
    assert first.startswith("::warning file=evil%3A%3Aerror file=x%2Cline=1%3A%3Apwned%250A%2C%0Anext")
    assert ",line=3,title=POC101 poc-container-image::" in first
    assert sum(1 for line in out if line.startswith("::")) == 2
    assert "injected" in out[-1] and "\n" not in out[-1]


def test_at_most_ten_annotations_per_level() -> None:
    many = [finding("POC101", f"image {n}", Evidence(f"Dockerfile.{n}", 1)) for n in range(14)]
    errors = [finding("SEC001", f"key {n}", Evidence(f"k{n}.pem", 1)) for n in range(10)]
    out = lines(replace(drifting_poc(), findings=tuple(errors + many)))
    assert_safe(out)
    warnings = [line for line in out if line.startswith("::warning")]
    assert len(warnings) == 10
    assert warnings[-1].startswith("::warning title=pocmvp-lint%3A 5 more::5 more warnings not shown")
    assert "POC101 at Dockerfile.13:1" in warnings[-1]
    assert len([line for line in out if line.startswith("::error")]) == 10  # exactly 10: no summary
    assert all(f.severity is Severity.ERROR for f in errors)


def test_no_findings_prints_only_the_summary() -> None:
    out = lines(replace(drifting_poc(), findings=(), verdict=Verdict.CLEAN))
    assert out == ["pocmvp-lint: 0 findings (0 errors, 0 warnings, 0 info) in 1 project: . POC 'recs': clean"]
