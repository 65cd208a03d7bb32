"""`check --staged` and the credential scan: the base is scanned as it was, reusing today's scan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pocmvp_lint.detectors.tokens import detect_tokens
from pocmvp_lint.history.change import BaseReader, resolve
from pocmvp_lint.inventory.inventory import Inventory, build_inventory
from pocmvp_lint.inventory.listing import list_tree
from tests.history.scripted import POC, commit, days_ago, git, new_repo, run

#: Built at run time: this file holds no token-shaped string.
KEY = "sk" + "_live_" + "a1B2c3D4e5F6g7H8i9J0k1L2"
OTHER = "sk" + "_live_" + "Z9y8X7w6V5u4T3s2R1q0P9o8"


def _secrets(repo: Path) -> list[dict[str, Any]]:
    result = run("check", str(repo), "--staged", "--format", "json")
    findings = json.loads(result.stdout)["projects"][0]["findings"]
    return [f for f in findings if f["code"] == "SEC001"]


def test_a_staged_file_adding_a_key_is_new(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    (repo / "pay.py").write_text(f"KEY = '{KEY}'\n")
    git(repo, "add", "pay.py")
    [finding] = _secrets(repo)
    assert finding["new"] and finding["message"].startswith("this commit adds pay.py")


def test_a_key_already_committed_is_not_new(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, {"pay.py": f"KEY = '{KEY}'\n"}, "pay", days_ago(1))
    (repo / "notes.md").write_text("# notes\n")
    git(repo, "add", "notes.md")
    [finding] = _secrets(repo)
    assert not finding["new"]


def test_a_staged_change_removing_the_key_leaves_no_finding(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, {"pay.py": f"KEY = '{KEY}'\n"}, "pay", days_ago(1))
    (repo / "pay.py").write_text("KEY = os.environ['KEY']\n")
    git(repo, "add", "pay.py")
    assert _secrets(repo) == []


def _today_and_base(repo: Path) -> tuple[Inventory, Inventory]:
    """Today's inventory and the base's, as ``check --staged`` builds them."""
    listing = list_tree(repo)
    today = build_inventory(listing.root, "", listing.files)
    change = resolve(listing.root, env={})
    files = tuple(f for f in change.base_files(listing.files))
    reader = BaseReader(listing.root, repo_root=listing.root, change=change)
    return today, Inventory(root=listing.root, prefix="", files=files, reader=reader, today=today)


def test_the_base_scan_reads_changed_files_as_base_blobs(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, {"project.toml": POC})
    commit(repo, {"pay.py": f"KEY = '{KEY}'\n", "old.py": "x = 1\n"}, "pay", days_ago(1))
    (repo / "pay.py").write_text("KEY = None\n")  # modified: the key is gone today
    (repo / "old.py").write_text(f"TOKEN = '{OTHER}'\n")  # modified: a key arrives today
    (repo / "new.py").write_text(f"TOKEN = '{OTHER}'\n")  # added
    git(repo, "add", "pay.py", "old.py", "new.py")
    today, base = _today_and_base(repo)
    assert sorted(s.path for s in detect_tokens(today)) == ["new.py", "old.py"]
    assert [s.path for s in detect_tokens(base)] == ["pay.py"]
    _today, alone = _today_and_base(repo)  # without today's scan to start from: a full scan
    assert [s.path for s in detect_tokens(alone)] == ["pay.py"]


def test_the_base_scan_reuses_todays_outcome_for_unchanged_files(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, {"project.toml": POC})
    commit(repo, {"pay.py": f"KEY = '{KEY}'\n"}, "pay", days_ago(1))
    (repo / "notes.md").write_text("# notes\n")
    git(repo, "add", "notes.md")
    today, base = _today_and_base(repo)
    assert [s.path for s in detect_tokens(today)] == ["pay.py"]
    (repo / "pay.py").write_text("KEY = None\n")  # not staged: the base scan must not read it again
    assert [s.path for s in detect_tokens(base)] == ["pay.py"]


def test_the_base_reads_a_utf16_file_as_text(tmp_path: Path) -> None:
    """A file a Windows tool wrote as UTF-16 is text at the base of the change too, as today."""
    repo = new_repo(tmp_path, {"project.toml": POC})
    (repo / "keys.txt").write_bytes(f"STRIPE={KEY}\r\n".encode("utf-16"))
    commit(repo, {}, "keys", days_ago(1))
    (repo / "keys.txt").write_bytes("MODE=test\r\n".encode("utf-16"))  # modified: the key is gone today
    git(repo, "add", "keys.txt")
    today, base = _today_and_base(repo)
    assert base.text("keys.txt") == f"STRIPE={KEY}\r\n"
    assert [s.path for s in detect_tokens(base)] == ["keys.txt"]
    assert not list(detect_tokens(today))
