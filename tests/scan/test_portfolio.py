"""`scan --format html`, `--shard I/N` and `--merge`: the portfolio view, through the command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, dated, init_repo, make_repo, write

HOSTILE = '<img src=x onerror="alert(1)">'


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def make_org(root: Path) -> Path:
    """An organisation of four repositories: an overdue POC, a drifting POC, an MVP, a broken one."""
    overdue = init_repo(root / "alpha-overdue")
    write(
        overdue,
        {
            "project.toml": '[project]\nstage = "poc"\nname = "alpha"\nstarted = 2024-01-01\nends = 2024-03-01\n',
            "main.py": "print(1)\n",
        },
    )
    commit_all(overdue, "start", **dated("2024-01-05T10:00:00+00:00"))
    write(overdue, {"notes.md": "notes\n"})
    commit_all(overdue, "notes", **dated("2024-02-20T10:00:00+00:00"))
    make_repo(
        root / "bravo-drift",
        {
            "project.toml": f"[project]\nstage = \"poc\"\nname = '{HOSTILE}'\n"
            f'owner = "<b>team</b>"\nends = 2999-01-01\n',
            "Dockerfile": "FROM python:3.12-slim\n",
        },
    )
    make_repo(root / "charlie-mvp", {"project.toml": '[project]\nstage = "mvp"\nname = "charlie"\n'})
    make_repo(root / "delta-broken", {"project.toml": '[project]\nstage = "prod"\n'})
    return root


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_org(tmp_path_factory.mktemp("portfolio") / "org")


def test_a_scan_line_carries_what_the_page_shows(org: Path) -> None:
    result = CliRunner().invoke(cli, ["scan", str(org / "alpha-overdue"), str(org / "bravo-drift")])
    assert result.exit_code == 0, result.output
    alpha, bravo = (line["projects"][0] for line in _lines(result.stdout))  # type: ignore[index]
    assert alpha["started"] == "2024-01-01" and alpha["ends"] == "2024-03-01"
    assert alpha["first_commit"] == "2024-01-05" and alpha["last_commit"] == "2024-02-20"
    assert alpha["active_days"] == 46
    assert alpha["overdue_days"] > 600 and alpha["age_days"] > alpha["overdue_days"]
    assert "POC003" in [f["code"] for f in alpha["top_findings"]]
    assert bravo["overdue_days"] is None and bravo["owner"] == "<b>team</b>"
    top = {f["code"]: f for f in bravo["top_findings"]}["POC101"]
    assert top["severity"] == "warning" and top["path"] == "Dockerfile" and top["line"] == 1


def test_the_html_page_is_self_contained_escaped_and_puts_overdue_pocs_first(org: Path) -> None:
    result = CliRunner().invoke(cli, ["scan", str(org), "--format", "html"])
    assert result.exit_code == 2  # delta-broken could not be checked
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    # Nothing loaded from elsewhere: no external script, style, image or link, and a CSP says so.
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page)
    assert "default-src 'none'" in page and "http://" not in page and "https://" not in page
    assert HOSTILE not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<b>team</b>" not in page and "&lt;b&gt;team&lt;/b&gt;" in page
    rows = re.findall(r"<tr data-order=\"\d+\"[^>]*>(.*?)</tr>", page, re.S)
    assert len(rows) == 4
    assert "alpha-overdue" in rows[0] and "overdue by" in rows[0]
    assert "bravo-drift" in rows[1] and "drifting" in rows[1]
    assert "delta-broken" in rows[3] or "delta-broken" in rows[2]
    assert "project.toml:2" in page  # the broken repository's error is shown
    # Counts by stage and by verdict, and the overdue count.
    assert re.search(r'class="count s-poc"><b>2</b>', page) and re.search(r'class="count v-error"><b>1</b>', page)
    assert re.search(r'class="count alert"><b>1</b><span>overdue POC<', page)
    # Sortable: one data-sort per cell, a sort type per heading, the script inline.
    assert page.count("<td data-sort=") == 4 * 8
    assert len(re.findall(r'<th scope="col" data-type="(text|number)"><button', page)) == 8
    assert re.search(r"<script>\s*\(function \(\) \{", page) and "aria-sort" in page


@pytest.mark.parametrize("spec", ["0/4", "5/4", "1/0", "x", "1/2/3", "-1/4"])
def test_a_bad_shard_is_a_usage_error(org: Path, spec: str) -> None:
    result = CliRunner().invoke(cli, ["scan", str(org), "--shard", spec])
    assert result.exit_code == 2 and "--shard" in result.output


@pytest.mark.slow
def test_shards_partition_the_repositories_and_agree_with_the_shell_formula(tmp_path: Path) -> None:
    root = tmp_path / "many"
    names = [f"svc-{i:02d}" for i in range(12)]
    for name in names:
        make_repo(root / name, {"project.toml": '[project]\nstage = "poc"\n'})
    shell: dict[str, int] = {}
    if shutil.which("bash") and shutil.which("sha256sum"):  # the split the workflow computes, in one shell
        formulas = [f'echo $(( 16#$(printf %s "{name}" | sha256sum | cut -c1-8) % 3 + 1 ))' for name in names]
        out = subprocess.run(["bash", "-c", "\n".join(formulas)], capture_output=True, text=True, check=True).stdout
        values = [int(value) for value in out.split()]
        assert len(values) == len(names), out
        shell = dict(zip(names, values))
    seen: list[str] = []
    for index in range(1, 4):
        result = CliRunner().invoke(cli, ["scan", str(root), "--shard", f"{index}/3", "--jobs", "2"])
        assert result.exit_code == 0, result.output
        shard = [Path(str(line["repository"])).name for line in _lines(result.stdout)]
        again = CliRunner().invoke(cli, ["scan", str(root), "--shard", f"{index}/3", "--jobs", "2"])
        assert [Path(str(line["repository"])).name for line in _lines(again.stdout)] == shard
        for name, shard_of_name in shell.items():
            assert (shard_of_name == index) == (name in shard), name
        seen += shard
    assert sorted(seen) == names  # every repository in exactly one shard


def test_merge_joins_shards_into_one_result_and_one_page(org: Path, tmp_path: Path) -> None:
    whole = CliRunner().invoke(cli, ["scan", str(org)])
    files = []
    for index in (1, 2):
        out = tmp_path / f"shard-{index}.jsonl"
        result = CliRunner().invoke(cli, ["scan", str(org), "--shard", f"{index}/2", "-o", str(out)])
        assert result.exit_code in (0, 2) and out.is_file()
        files.append(str(out))
    merged = CliRunner().invoke(cli, ["scan", "--merge", *files])
    assert merged.exit_code == 2  # a repository in it could not be checked
    assert _lines(merged.stdout) == sorted(_lines(whole.stdout), key=lambda line: str(line["repository"]))
    assert "4 repositories, 3 projects, 1 errors" in merged.stderr
    page = tmp_path / "portfolio.html"
    html = CliRunner().invoke(cli, ["scan", "--merge", *files, "--format", "html", "-o", str(page)])
    assert html.exit_code == 2 and html.stdout == ""
    assert page.read_text(encoding="utf-8").count("<tr data-order=") == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json\n", "not a JSON line"),
        ("[1, 2]\n", "not a JSON object"),
        ('{"repository": "r", "error": null}\n', "no `projects` list"),
        (
            '{"repository": "r", "error": null, "projects": [{"path": ".", "stage": "prod", "verdict": "clean"}]}\n',
            "`stage`",
        ),
        (
            '{"repository": "r", "error": null, "projects": [{"path": ".", "stage": "poc", "verdict": "clean", '
            '"ends": "soon"}]}\n',
            "`ends`",
        ),
        ('{"repository": "r", "error": null, "projects": [], "x": NaN}\n', "not a JSON line"),
    ],
)
def test_merge_rejects_a_malformed_line_naming_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    good = '{"repository": "ok", "error": null, "projects": []}\n'
    shard = tmp_path / "shard.jsonl"
    shard.write_text(good + "\n" + content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "--merge", str(shard)])
    assert result.exit_code == 2
    assert f"{shard}:3: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_merge_rejects_a_repository_in_two_shards(org: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    CliRunner().invoke(cli, ["scan", str(org / "charlie-mvp"), "-o", str(first)])
    CliRunner().invoke(cli, ["scan", str(org / "alpha-overdue"), str(org / "charlie-mvp"), "-o", str(second)])
    result = CliRunner().invoke(cli, ["scan", "--merge", str(first), str(second)])
    assert result.exit_code == 2
    assert f"{second}:2: repository '{org / 'charlie-mvp'}' is already in {first}:1" in result.stderr
    twice = CliRunner().invoke(cli, ["scan", "--merge", str(first), str(first)])
    assert twice.exit_code == 2 and "given twice" in twice.stderr


def test_merge_and_scan_refuse_the_other_kind_of_path(org: Path, tmp_path: Path) -> None:
    lines = tmp_path / "lines.jsonl"
    lines.write_text("", encoding="utf-8")
    assert "is a folder" in CliRunner().invoke(cli, ["scan", "--merge", str(org)]).stderr
    assert "--merge joins" in CliRunner().invoke(cli, ["scan", str(lines)]).stderr
    both = CliRunner().invoke(cli, ["scan", "--merge", str(lines), "--shard", "1/2"])
    assert both.exit_code == 2 and "--shard" in both.stderr
