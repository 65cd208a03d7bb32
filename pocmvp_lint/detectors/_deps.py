"""Find named dependencies in the manifests of every ecosystem (text-level, line-accurate)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pocmvp_lint.detectors._util import is_auxiliary, line_at, names_starting
from pocmvp_lint.inventory import Inventory

#: Manifest base names per ecosystem (lower-case; ``*.csproj``-style handled by extension).
MANIFESTS: dict[str, tuple[str, ...]] = {
    "npm": ("package.json",),
    "pypi": ("pyproject.toml", "pipfile", "setup.cfg", "setup.py", "environment.yml"),
    "go": ("go.mod",),
    "cargo": ("cargo.toml",),
    "maven": ("pom.xml", "build.gradle", "build.gradle.kts", "libs.versions.toml"),
    "nuget": ("directory.packages.props", "packages.config"),
    "gem": ("gemfile", "gems.rb"),
    "composer": ("composer.json",),
    "pub": ("pubspec.yaml",),
    "swift": ("package.swift", "podfile"),
    "hex": ("mix.exs",),
}
#: Most manifests read per ecosystem (monorepos).
MAX_MANIFESTS = 40


@dataclass(frozen=True)
class DependencyHit:
    path: str
    line: int
    name: str


def _in_requirements_folders(inv: Inventory) -> tuple[str, ...]:
    """``requirements/*.txt`` and ``*.in`` (split requirement files), kept by the classification
    pass, so the catalogue need not keep every text file of the repository."""
    return inv.classified.requirement_paths


def manifests(inv: Inventory, ecosystem: str) -> list[str]:
    """Manifest paths of one ecosystem, shallowest first, auxiliary trees excluded."""
    paths = list(inv.named(*MANIFESTS.get(ecosystem, ())))
    if ecosystem == "pypi":
        for name in names_starting(inv, "requirements", ("requirements",)):
            if name.endswith((".txt", ".in")):
                paths.extend(inv.named(name))
        paths.extend(inv.memo("requirements-folders", lambda: _in_requirements_folders(inv)))
    if ecosystem == "nuget":
        paths.extend(inv.with_ext("csproj", "fsproj", "vbproj"))
    paths = [p for p in paths if not is_auxiliary(p)]
    return sorted(paths, key=lambda p: (p.count("/"), p))[:MAX_MANIFESTS]


#: Line-comment markers of each ecosystem's manifests: a dependency commented out is not one.
_COMMENTS: dict[str, tuple[str, ...]] = {
    "pypi": ("#",),
    "cargo": ("#",),
    "gem": ("#",),
    "pub": ("#",),
    "hex": ("#",),
    "swift": ("#", "//"),
    "maven": ("//", "<!--"),
    "go": ("//",),
}


@cache
def _pattern(ecosystem: str, names: tuple[str, ...]) -> re.Pattern[str]:
    """The search for ``names`` in an ``ecosystem`` manifest (built once per catalogue entry, not
    once per project). A PyPI name ending in ``-`` names a family (``opentelemetry-exporter-``)."""
    alternation = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    if ecosystem in ("npm", "composer"):
        return re.compile(r"\"(" + alternation + r")\"\s*:")
    if ecosystem == "pypi":
        family = "|".join(
            sorted(
                (re.escape(n) + r"[\w.-]+" if n.endswith("-") else re.escape(n) for n in names), key=len, reverse=True
            )
        )
        return re.compile(r"(?im)(?:^|[\"'\s\[,])(" + family + r")(?=[\s\"'\[<>=~!;,]|$)")
    if ecosystem == "hex":  # mix.exs: {:sentry, "~> 10.0"}
        return re.compile(r"\{[ \t]*:(" + alternation + r")[ \t]*,")
    if ecosystem == "go":
        return re.compile(r"(?m)(?:^|\s)(" + alternation + r")(?:/v\d+)?(?:/\S*)?\s+v\d(?![^\n]*//\s*indirect)")
    if ecosystem == "cargo":
        return re.compile(r"(?m)^[ \t]*(" + alternation + r")[ \t]*=")
    if ecosystem == "maven":
        return re.compile(r"(" + alternation + r")")
    if ecosystem == "nuget":
        return re.compile(r"(?i)Include=\"(" + alternation + r")[\"]")
    if ecosystem == "gem":
        return re.compile(r"(?m)^[ \t]*gem[ \t]+[\"'](" + alternation + r")[\"']")
    if ecosystem in ("pub",):
        return re.compile(r"(?m)^[ \t]+(" + alternation + r")[ \t]*:")
    return re.compile(r"[\"'](" + alternation + r")[\"']")


def find_dependencies(inv: Inventory, catalog: dict[str, tuple[str, ...]]) -> Iterator[DependencyHit]:
    """Hits of ``catalog`` (ecosystem -> names) in the project's manifests, one per manifest."""
    for ecosystem, names in catalog.items():
        if not names:
            continue
        pattern: re.Pattern[str] | None = None
        for path in manifests(inv, ecosystem):
            text = inv.text(path)
            if not text:
                continue
            pattern = pattern or _pattern(ecosystem, tuple(names))
            match = _uncommented(pattern.finditer(text), text, _COMMENTS.get(ecosystem, ()))
            if match is not None:
                yield DependencyHit(path, line_at(text, match.start(1)), match.group(1))


def _uncommented(matches: Iterator[re.Match[str]], text: str, markers: tuple[str, ...]) -> re.Match[str] | None:
    """The first of ``matches`` with no comment marker before it on its line."""
    for match in matches:
        start = text.rfind("\n", 0, match.start(1)) + 1
        before = text[start : match.start(1)]
        if not any(marker in before for marker in markers):
            return match
    return None
