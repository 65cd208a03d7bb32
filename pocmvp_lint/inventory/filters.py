"""Which listed files count as evidence about the project itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pocmvp_lint.catalogue import EXAMPLE_ROOT_FOLDERS, NOT_OWN_BELOW, not_own_code

PathFilter = Callable[[str], bool]


def _not_own_at(parts: Sequence[str]) -> tuple[int, int] | None:
    """(first, last) index of the leftmost run of ``parts`` (folder names) that is not the
    project's own code (catalogue: vendored, generated, fixture folders, a folder of test data or
    build output below its parent (``NOT_OWN_BELOW``); examples/ at the root)."""
    if parts and parts[0] in EXAMPLE_ROOT_FOLDERS:
        return 0, 0
    for index, part in enumerate(parts):
        if not_own_code(part):
            return index, index
        if index + 1 < len(parts) and parts[index + 1] in NOT_OWN_BELOW.get(part, ()):
            return index, index + 1
    return None


def excluded_below(parent: str | None, name: str) -> bool:
    """Whether the folder ``name`` is not the project's own code, in a parent folder named
    ``parent`` (None at the project root) that is: ``_not_own_at`` decided one folder at a time."""
    if parent is None:
        return name in EXAMPLE_ROOT_FOLDERS or not_own_code(name)
    return not_own_code(name) or name in NOT_OWN_BELOW.get(parent, ())


def default_excluded(path: str) -> bool:
    """True when ``path`` (project-relative) sits in a vendored, generated, example or fixture tree.

    Only the folders of ``path`` matter (its last part is the file name), so callers may decide
    once per folder by passing ``"folder/"``.
    """
    return _not_own_at(path.split("/")[:-1]) is not None


def repository_root_of(path: str) -> str:
    """The folder that acts as repository root for ``path`` (repository-relative).

    Usually the repository root (""). A folder inside an examples/, vendor/ or fixture tree is a
    guest: its root is the folder directly below that tree (``examples/monorepo``).
    """
    parts = path.split("/")
    found = _not_own_at(parts)
    if found is None:
        return ""
    last = found[1]
    return "/".join(parts[: last + 2]) if last + 1 < len(parts) and parts[last + 1] else path


def pattern_filter(patterns: Sequence[str]) -> PathFilter | None:
    """A gitignore-style matcher for user ``exclude`` patterns, or None when there are none.

    The patterns come from the checked repository's ``project.toml``: pathspec turns each into a
    regular expression, which Python's backtracking engine could take hours on (``*a*a*a*...b``
    against a long file name), so they run on RE2, in linear time.
    """
    if not patterns:
        return None
    import pathspec  # lazily: only projects with their own excludes pay for it

    spec = pathspec.GitIgnoreSpec.from_lines(patterns, backend="re2")
    return spec.match_file
