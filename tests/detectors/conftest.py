"""Helpers: build an inventory from a dict of files written into a temporary folder."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from pocmvp_lint.detectors import detect
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory, build_inventory

Files = Mapping[str, "str | bytes"]
#: The ``signals`` fixture: detect over an inventory built from ``Files``.
Signals = Callable[[Files], "tuple[Signal, ...]"]


def make_inventory(root: Path, files: Files) -> Inventory:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return build_inventory(root, "", sorted(files), is_git=False)


@pytest.fixture(scope="session")
def inventories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the ``signals`` fixture's inventories, one sub-folder per test."""
    return tmp_path_factory.mktemp("inventories")


@pytest.fixture
def signals(inventories: Path) -> Signals:
    """Detection over the files given, written into a folder of the test's own: a plain sub-folder
    of one session folder, which most detector tests share; cheaper than ``tmp_path`` (a folder
    named, numbered and then removed for each test), and removed with the session's folders."""
    root = Path(tempfile.mkdtemp(dir=inventories))

    def run(files: Files) -> tuple[Signal, ...]:
        return detect(make_inventory(root, files))

    return run


def categories(found: tuple[Signal, ...]) -> set[str]:
    return {s.category for s in found}


def of(found: tuple[Signal, ...], category: str) -> list[Signal]:
    return [s for s in found if s.category == category]
