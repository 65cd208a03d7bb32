"""Which listed files count as evidence about the project itself."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Third-party, generated, example and fixture trees: never evidence about *this* project.
DEFAULT_EXCLUDES: tuple[str, ...] = (
    "vendor/", "vendors/", "third_party/", "third-party/", "3rdparty/", "node_modules/",
    "bower_components/", "site-packages/", "*.dist-info/", ".venv/", "venv/", ".tox/", ".nox/",
    "__pycache__/", ".terraform/", ".serverless/", ".aws-sam/", "cdk.out/",
    "tests/fixtures/", "test/fixtures/", "spec/fixtures/", "__fixtures__/", "testdata/",
    "examples/", "samples/",
)

_DEFAULT_RE = re.compile(
    r"(?:^|/)(?:vendors?|third[-_]party|3rd[-_]?party|node_modules|bower_components|site-packages"
    r"|[^/]+\.dist-info|\.?venv|\.tox|\.nox|__pycache__|\.terraform|\.serverless|\.aws-sam|cdk\.out"
    r"|__fixtures__|testdata|(?:tests?|specs?)/fixtures)/"
    r"|^(?:examples|samples)/"
)

PathFilter = Callable[[str], bool]


def default_excluded(path: str) -> bool:
    """True when ``path`` (project-relative) sits in a vendored, generated, example or fixture tree.

    Only the folders of ``path`` matter (every pattern ends with ``/``), so callers may decide once
    per folder by passing ``"folder/"``.
    """
    return _DEFAULT_RE.search(path) is not None


def repository_root_of(path: str) -> str:
    """The folder that acts as repository root for ``path`` (repository-relative).

    Usually the repository root (""). A folder inside an examples/, vendor/ or fixture tree is a
    guest: its root is the folder directly below that tree (``examples/monorepo``).
    """
    found = _DEFAULT_RE.search(path + "/")
    if found is None:
        return ""
    rest = path[found.end():]
    return path[: found.end()] + rest.split("/", 1)[0] if rest else path


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
