"""The trusted search path leaves out the current folder that ``python -m`` adds."""

from __future__ import annotations

from pathlib import Path

from pocmvp_lint.installed import trusted_search_path


def test_current_folder_and_empty_entry_are_dropped(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    site.mkdir()
    entries = ["", str(tmp_path), str(site), str(tmp_path / ".")]
    assert trusted_search_path(entries, cwd=str(tmp_path)) == [str(site)]
