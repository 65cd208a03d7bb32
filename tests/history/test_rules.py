"""Each history rule fires on the history it is about, names the proving commits, and stays quiet
otherwise; shallow, empty and detached repositories never crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.scripted import MVP, POC, README, by_code, commit, days_ago, findings, git, new_repo


def test_poc202_old_poc_names_its_first_commit(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, when="2020-03-01T10:00:00+00:00")
    first = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    commit(repo, {"app.py": "print(1)\n"}, "add app", days_ago(3))
    (hit,) = by_code(repo, "POC202")
    assert f'{first} 2020-03-01 "start the POC"' in hit["message"]
    assert "over the budget of 90 days (`poc-max-age-days`)" in hit["message"]
    assert hit["severity"] == "warning" and hit["path"] == "project.toml"


def test_poc202_quiet_for_a_young_poc_and_threshold_is_configurable(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, when=days_ago(30))
    assert by_code(repo, "POC202") == []
    commit(repo, {"project.toml": POC + "[lint.thresholds]\npoc-max-age-days = 20\n"}, "tighten", days_ago(1))
    assert len(by_code(repo, "POC202")) == 1


def test_poc205_commits_after_the_ends_date(tmp_path: Path) -> None:
    """The `ends` variant has its own code and fix (issue 11: it was a second POC202)."""
    toml = POC.replace("2099-01-01", "2026-01-10")
    repo = new_repo(tmp_path, {"project.toml": toml, "README.md": README}, when="2026-01-01T09:00:00+00:00")
    commit(repo, {"a.py": "1\n"}, "within the timebox", "2026-01-05T09:00:00+00:00")
    assert not by_code(repo, "POC205", "--select", "POC205")
    commit(repo, {"b.py": "2\n"}, "one more thing", "2026-02-01T09:00:00+00:00")
    commit(repo, {"c.py": "3\n"}, "and another", "2026-03-01T09:00:00+00:00")
    assert not [f for f in by_code(repo, "POC202") if "after" in f["message"]]
    late = [f["message"] for f in by_code(repo, "POC205")]
    assert "after the POC's `ends` date 2026-01-10" in late[0]
    assert len(late) == 1
    assert late[0].startswith("2 commits after")
    assert '2026-02-01 "one more thing"' in late[0] and '2026-03-01 "and another"' in late[0]


def test_poc203_too_many_authors(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    for n, name in enumerate(["Bob", "Cid", "Dee", "Eve"]):
        commit(repo, {f"f{n}.py": "x\n"}, f"work by {name}", days_ago(9 - n), author=name)
    assert by_code(repo, "POC203") == []  # 5 authors: within the default budget
    commit(repo, {"g.py": "x\n"}, "drive-by fix", days_ago(2), author="Fay")
    (hit,) = by_code(repo, "POC203")
    assert hit["message"].startswith("6 distinct authors, over the POC budget of 5")
    assert '"drive-by fix"' in hit["message"] and "Fay (1 commit" in hit["message"]


def test_poc204_version_tags_only(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    git(repo, "tag", "demo-day")
    assert by_code(repo, "POC204") == []
    commit(repo, {"a.py": "1\n"}, "release it", days_ago(2))
    git(repo, "tag", "v1.2.0")
    (hit,) = by_code(repo, "POC204")
    assert "v1.2.0 on" in hit["message"] and '"release it"' in hit["message"]
    assert "demo-day" not in hit["message"]


def _source(lines: int, tag: str) -> str:
    return "".join(f"{tag}_{n} = {n}\n" for n in range(lines))


def test_stg101_promoted_in_place_reports_the_share(tmp_path: Path) -> None:
    repo = new_repo(
        tmp_path,
        {"project.toml": POC, "README.md": README, "app/core.py": _source(90, "poc")},
        when="2026-01-01T09:00:00+00:00",
    )
    commit(repo, {"project.toml": MVP}, "we are an MVP now", "2026-03-01T09:00:00+00:00")
    promoted = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    commit(repo, {"app/new.py": _source(10, "mvp")}, "first MVP feature", "2026-03-05T09:00:00+00:00")
    (hit,) = by_code(repo, "STG101")
    assert f'{promoted} 2026-03-01 "we are an MVP now"' in hit["message"]
    assert "about 90% of today's 100 source lines date from the POC era" in hit["message"]


def test_stg101_quiet_when_the_poc_code_was_rewritten(tmp_path: Path) -> None:
    repo = new_repo(
        tmp_path,
        {"project.toml": POC, "README.md": README, "app/core.py": _source(20, "poc")},
        when="2026-01-01T09:00:00+00:00",
    )
    commit(repo, {"project.toml": MVP}, "promote", "2026-03-01T09:00:00+00:00")
    commit(repo, {"app/core.py": _source(100, "rewritten")}, "rewrite", "2026-03-05T09:00:00+00:00")
    assert by_code(repo, "STG101") == []


def test_stg102_stage_went_backwards(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, {"project.toml": MVP, "README.md": README})
    assert by_code(repo, "STG102") == []
    commit(repo, {"project.toml": POC}, "shelve it", days_ago(5))
    (hit,) = by_code(repo, "STG102")
    assert hit["severity"] == "info" and '"shelve it"' in hit["message"]
    assert "from MVP to POC" in hit["message"]


def test_shallow_clone_says_so_once_and_does_not_crash(tmp_path: Path) -> None:
    origin = new_repo(tmp_path, when="2020-01-01T09:00:00+00:00")
    commit(origin, {"a.py": "1\n"}, "two", days_ago(4))
    commit(origin, {"b.py": "2\n"}, "three", days_ago(3))
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True, capture_output=True
    )
    found = findings(clone)
    notes = [f for f in found if f["code"] == "STG100"]
    assert len(notes) == 1 and notes[0]["severity"] == "info"
    assert "shallow clone" in notes[0]["message"] and "--unshallow" in notes[0]["message"]
    assert not [f for f in found if f["code"] == "POC202"]  # the old first commit is not visible
    assert by_code(origin, "STG100") == []


def test_empty_repository_and_detached_head(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "project.toml").write_text(POC)
    git(repo, "add", "project.toml")
    codes = {f["code"] for f in findings(repo)}
    assert not codes & {"STG100", "POC202", "POC203", "POC204"}
    old = new_repo(tmp_path, when="2020-01-01T09:00:00+00:00")
    commit(old, {"a.py": "1\n"}, "more", days_ago(2))
    git(old, "checkout", "-q", "--detach", "HEAD~1")
    assert len(by_code(old, "POC206")) == 1  # one commit from 2020: dormant, not drifting


# A fresh interpreter, so slow; the fast layer checks the same statically in tests/test_layout.py.
@pytest.mark.slow
def test_plain_check_does_not_import_gitpython_without_history_rules(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    code = (
        "import sys\nfrom pocmvp_lint.cli import main\n"
        "try:\n    main(['check', sys.argv[1], '--select', 'POC1', '-q'])\n"
        "except SystemExit:\n    pass\nprint('git' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


# A fresh interpreter, so slow; the fast layer checks the same statically in tests/test_layout.py.
@pytest.mark.slow
def test_check_with_history_rules_does_not_import_gitpython(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    code = (
        "import sys\nfrom pocmvp_lint.cli import main\n"
        "try:\n    main(['check', sys.argv[1], '-q'])\n"
        "except SystemExit:\n    pass\nprint('git' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
