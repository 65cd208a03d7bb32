"""Find a policy file shipped in an installed distribution, without importing anything.

``extends = "package:resource.toml"`` names a file inside an installed package. The package is
looked up among the distributions on the trusted search path (never the current folder, see
``pocmvp_lint.installed``), through their recorded files; the file is then read like any other
policy. Nothing is imported: importing would run the package's code, and a name such as
``this`` or ``antigravity`` would have side effects.
"""

from __future__ import annotations

import importlib.machinery
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pocmvp_lint.installed import installed_distributions, trusted_search_path
from pocmvp_lint.lazyre import lazy_re

if TYPE_CHECKING:
    from importlib import metadata

_METADATA_DIR = lazy_re(r"\.(dist-info|egg-info|data)$")


@dataclass(frozen=True)
class Located:
    """A policy inside an installed package: the package folder and the file below it."""

    package_dir: Path
    rel: str


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _top_levels(dist: metadata.Distribution) -> set[str]:
    """Top-level import names a distribution provides (top_level.txt, else its recorded files)."""
    text = dist.read_text("top_level.txt")
    if text:
        return set(text.split())
    names = set()
    for file in dist.files or ():
        parts = file.parts
        if len(parts) > 1 and parts[0] not in ("..", "") and not _METADATA_DIR.search(parts[0]):
            names.add(parts[0])
    return names


def _found_on_path(top: str) -> Path | None:
    """The folder of package ``top`` on the trusted search path, found without importing it."""
    try:
        spec = importlib.machinery.PathFinder.find_spec(top, trusted_search_path())
    except (ImportError, OSError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return Path(locations[0]) if locations else None


def locate_policy(
    package: str, resource: str, distributions: Iterable[metadata.Distribution] | None = None
) -> Located | None:
    """Where ``package:resource`` lives, or None when no installed distribution provides it."""
    names = package.split(".")
    top = names[0]
    rel = PurePosixPath(*names[1:], *resource.split("/")).as_posix()
    for dist in installed_distributions() if distributions is None else distributions:
        if top in _top_levels(dist):
            return Located(Path(str(dist.locate_file(top))), rel)
        if _normal(dist.metadata["Name"] or "") == _normal(top):
            # Editable installs record a .pth file, not the package: find its folder on the path.
            folder = _found_on_path(top)
            if folder is not None:
                return Located(folder, rel)
    return None
