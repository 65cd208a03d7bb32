"""What counts as installed: the Python search path without the current folder.

``python -m`` puts the current folder first on ``sys.path``; in CI that folder is the checkout of a
pull request, which is untrusted. Plugins and policy packages are looked up only on the trusted
part of the path, so a ``*.dist-info`` or a package committed to the repository is never seen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib import metadata

#: Where importlib.metadata finds a distribution's ``entry_points.txt`` in a folder on the path, by
#: the lower-case suffix of the folder's child: ``NAME.dist-info``, ``NAME.egg-info``, ``NAME.egg``,
#: and ``EGG-INFO`` when the folder on the path is itself an egg.
_ENTRY_POINT_FILES = {
    ".dist-info": "entry_points.txt",
    ".egg-info": "entry_points.txt",
    ".egg": "EGG-INFO/entry_points.txt",
    "egg-info": "entry_points.txt",
}
_ENDINGS = tuple(_ENTRY_POINT_FILES)


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
    # importlib.metadata costs more start-up time than the whole of click (it pulls in email,
    # zipfile, csv...): like yaml it is imported only where it is used, off the path of `check`.
    from importlib import metadata

    return metadata.distributions(path=trusted_search_path(entries))


def declared_groups(groups: Sequence[str], entries: Sequence[str] | None = None) -> frozenset[str]:
    """The entry-point ``groups`` some distribution on the trusted search path may declare.

    A cheap first look, without importlib.metadata, made once for all the groups: each folder on
    the path is listed and the ``entry_points.txt`` of each ``*.dist-info``, ``*.egg-info`` and
    ``*.egg`` in it is searched for the groups' names. Anything this look cannot see through (a
    zip file on the path, an unreadable folder) answers every group, so the full lookup runs: a
    plugin is never missed, only the common case of no plugin at all is made cheap.
    """
    wanted = {group: group.encode() for group in groups}
    found: set[str] = set()
    for entry in trusted_search_path(entries):
        if not os.path.isdir(entry):
            if os.path.exists(entry):
                return frozenset(groups)  # a zip file or an egg: let importlib.metadata look inside
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            return frozenset(groups)
        for name in names:
            low = name.lower()
            if not low.endswith(_ENDINGS):  # most of the standard library's folder: one C call each
                continue
            inside = _ENTRY_POINT_FILES.get(os.path.splitext(low)[1] or low)
            if inside is None:
                continue
            try:
                with open(os.path.join(entry, name, inside), "rb") as handle:
                    text = handle.read()
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                return frozenset(groups)
            found.update(group for group, needle in wanted.items() if needle in text)
            if len(found) == len(wanted):
                return frozenset(found)
    return frozenset(found)
