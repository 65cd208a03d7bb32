"""What counts as installed: the Python search path without the current folder.

``python -m`` puts the current folder first on ``sys.path``; in CI that folder is the checkout of a
pull request, which is untrusted. Plugins and policy packages are looked up only on the trusted
part of the path, so a ``*.dist-info`` or a package committed to the repository is never seen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from importlib import metadata


def _same_place(entry: str, here: str) -> bool:
    try:
        return os.path.realpath(entry) == here
    except (OSError, ValueError):
        return False


def trusted_search_path(entries: Sequence[str] | None = None, cwd: str | None = None) -> list[str]:
    """``entries`` (default ``sys.path``) less the empty entry and the current folder."""
    here = os.path.realpath(cwd if cwd is not None else os.getcwd())
    return [e for e in (sys.path if entries is None else entries) if e and not _same_place(e, here)]


def installed_distributions(entries: Sequence[str] | None = None) -> Iterable[metadata.Distribution]:
    """Distributions found on the trusted search path only."""
    return metadata.distributions(path=trusted_search_path(entries))
