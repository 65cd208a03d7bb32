"""Find named dependencies in the manifests of every ecosystem (text-level, line-accurate)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pocmvp_lint.detectors._util import GRADLE_SCRIPTS, is_auxiliary, line_at, names_starting, sbt_dependency_file
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.regexstore import compile_pattern

#: Manifest base names per ecosystem (lower-case; ``*.csproj``-style handled by extension).
MANIFESTS: dict[str, tuple[str, ...]] = {
    "npm": ("package.json",),
    "pypi": ("pyproject.toml", "pipfile", "setup.cfg", "setup.py", "environment.yml"),
    "go": ("go.mod", "gopkg.toml", "glide.yaml"),  # dep's and Glide's too (before Go modules)
    "cargo": ("cargo.toml",),
    "maven": ("pom.xml", *GRADLE_SCRIPTS, "libs.versions.toml", "build.sbt", "dependencies.scala"),  # sbt's too
    "nuget": ("directory.packages.props", "packages.config"),
    "gem": ("gemfile", "gems.rb"),
    "composer": ("composer.json",),
    "pub": ("pubspec.yaml",),
    "swift": ("package.swift", "podfile", "project.pbxproj"),  # an Xcode project's own package references
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
    if ecosystem == "maven":  # a Dependencies.scala only where sbt keeps its build's (``project/``)
        paths = [p for p in paths if not p.lower().endswith("dependencies.scala") or sbt_dependency_file(p)]
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


#: Endings that make a catalogue name a family of packages (``opentelemetry-exporter-``,
#: ``@opentelemetry/sdk-``, ``Sentry.``): any name that continues it.
_FAMILY_ENDS = ("-", "/", ".")


def _alternation(names: tuple[str, ...]) -> str:
    """The names as one alternation, longest first; a family name matches any continuation of it."""
    parts = (re.escape(n) + r"[\w.-]+" if n.endswith(_FAMILY_ENDS) else re.escape(n) for n in names)
    return "|".join(sorted(parts, key=len, reverse=True))


@cache
def _pattern(ecosystem: str, names: tuple[str, ...]) -> re.Pattern[str]:
    """The search for ``names`` in an ``ecosystem`` manifest (built once per catalogue entry, not
    once per project). A name ending in ``-``, ``/`` or ``.`` names a family (``opentelemetry-exporter-``)."""
    alternation = _alternation(names)
    if ecosystem in ("npm", "composer"):
        return compile_pattern(r"\"(" + alternation + r")\"\s*:")
    if ecosystem == "pypi":
        return compile_pattern(r"(?im)(?:^|[\"'\s\[,])(" + alternation + r")(?=[\s\"'\[<>=~!;,]|$)")
    if ecosystem == "hex":  # mix.exs: {:sentry, "~> 10.0"}
        return compile_pattern(r"\{[ \t]*:(" + alternation + r")[ \t]*,")
    if ecosystem == "go-dep":  # Gopkg.toml: [[constraint]] name = "github.com/prometheus/client_golang"
        return compile_pattern(r"(?m)^[ \t]*name[ \t]*=[ \t]*\"(" + alternation + r")(?:/v\d+)?(?:/[^\"\s]*)?\"")
    if ecosystem == "go-glide":  # glide.yaml: - package: github.com/prometheus/client_golang
        return compile_pattern(r"(?m)^[ \t]*-?[ \t]*package:[ \t]*(" + alternation + r")(?:/v\d+)?(?:/\S*)?[ \t]*$")
    if ecosystem == "go":
        return compile_pattern(r"(?m)(?:^|\s)(" + alternation + r")(?:/v\d+)?(?:/\S*)?\s+v\d(?![^\n]*//\s*indirect)")
    if ecosystem == "cargo":
        return compile_pattern(r"(?m)^[ \t]*(" + alternation + r")[ \t]*=")
    if ecosystem == "maven":
        return compile_pattern(r"(" + alternation + r")")
    if ecosystem == "nuget":  # <PackageReference Include="..."> and packages.config's <package id="...">
        return compile_pattern(r"(?i)(?:Include|\bid)=\"(" + alternation + r")[\"]")
    if ecosystem == "gem":
        return compile_pattern(r"(?m)^[ \t]*gem[ \t]+[\"'](" + alternation + r")[\"']")
    if ecosystem == "xcode":  # project.pbxproj: XCSwiftPackageProductDependency's ``productName = Sentry;``
        return compile_pattern(r"\bproductName = \"?(" + alternation + r")\"?;")
    if ecosystem in ("pub",):
        return compile_pattern(r"(?m)^[ \t]+(" + alternation + r")[ \t]*:")
    return compile_pattern(r"[\"'](" + alternation + r")[\"']")


#: Manifests written in another syntax than their ecosystem's usual one, by base name.
_DIALECTS = {"project.pbxproj": "xcode", "gopkg.toml": "go-dep", "glide.yaml": "go-glide"}


def _dialect(path: str, ecosystem: str) -> str:
    """The syntax ``path`` writes its dependencies in: its ecosystem's, or ``_DIALECTS``'."""
    return _DIALECTS.get(path.rsplit("/", 1)[-1].lower(), ecosystem)


def find_dependencies(
    inv: Inventory, catalog: dict[str, tuple[str, ...]], *, runtime_only: bool = False
) -> Iterator[DependencyHit]:
    """Hits of ``catalog`` (ecosystem -> names) in the project's manifests, one per manifest. With
    ``runtime_only``, dependencies for development and tests only do not count (npm
    ``devDependencies``, composer ``require-dev``, Gradle ``test*`` configurations, Maven's ``test``
    scope, ``requirements-dev.txt``, ``pyproject.toml`` dev groups)."""
    for ecosystem, names in catalog.items():
        if not names:
            continue
        for path in manifests(inv, ecosystem):
            if runtime_only and ecosystem == "pypi" and _dev_requirements(path):
                continue
            text = inv.text(path)
            if not text:
                continue
            pattern = _pattern(_dialect(path, ecosystem), tuple(names))  # built once
            skipped = _sections(text, _NOT_DEPENDENCIES.get(ecosystem, ()))
            if runtime_only:
                skipped += _sections(text, _DEV_SECTIONS.get(ecosystem, ()))
                if ecosystem == "pypi" and path.endswith("pyproject.toml"):
                    skipped += _dev_tables(text)
            for match in pattern.finditer(text):
                if _counts(match, text, ecosystem, skipped, runtime_only):
                    yield DependencyHit(path, line_at(text, match.start(1)), match.group(1))
                    break


#: JSON manifest sections that name packages without depending on them.
_NOT_DEPENDENCIES: dict[str, tuple[str, ...]] = {"composer": ("suggest",)}
#: JSON manifest sections of development-only dependencies.
_DEV_SECTIONS: dict[str, tuple[str, ...]] = {"npm": ("devDependencies",), "composer": ("require-dev",)}
#: Gradle configurations of tests only (``testImplementation``, ``androidTestImplementation``).
_TEST_CONFIGURATIONS = ("test", "androidtest", "integrationtest")
#: Words that mark a split requirements file as development-only (``requirements-dev.txt``).
_DEV_REQUIREMENT_WORDS = frozenset({"dev", "develop", "development", "test", "tests", "testing", "lint", "docs"})


def _dev_requirements(path: str) -> bool:
    """A requirements file for development or tests (``requirements-dev.txt``, ``requirements/test.txt``)."""
    name = path.rsplit("/", 1)[-1].lower()
    if not name.endswith((".txt", ".in")):
        return False
    words = set(re.split(r"[-_.]", name.rsplit(".", 1)[0]))
    return bool(words & _DEV_REQUIREMENT_WORDS)


#: A TOML table header (``[tool.poetry.group.dev.dependencies]``).
_TOML_TABLE_RE = lazy_re(r"^\[([^\]\n]{1,200})\][ \t]*$", re.MULTILINE)
#: ``pyproject.toml`` tables of development-only dependencies (Poetry, PDM, PEP 735 groups).
_DEV_TABLES = frozenset({"tool.poetry.dev-dependencies", "tool.pdm.dev-dependencies", "dependency-groups"})


def _dev_tables(text: str) -> list[tuple[int, int]]:
    """Spans of a ``pyproject.toml``'s development dependency tables, each up to the next table."""
    headers = list(_TOML_TABLE_RE.finditer(text))
    spans: list[tuple[int, int]] = []
    for index, header in enumerate(headers):
        name = header.group(1).strip()
        group = name.removeprefix("tool.poetry.group.").removesuffix(".dependencies")
        if name in _DEV_TABLES or (name != group and group in _DEV_REQUIREMENT_WORDS):
            end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
            spans.append((header.end(), end))
    return spans


def _sections(text: str, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the flat JSON objects under ``keys`` (``"devDependencies": {...}``)."""
    spans: list[tuple[int, int]] = []
    for key in keys:
        at = text.find(f'"{key}"')
        while at >= 0:
            opening = text.find("{", at)
            closing = text.find("}", opening) if opening >= 0 else -1
            if closing < 0:
                break
            spans.append((opening, closing))
            at = text.find(f'"{key}"', closing)
    return spans


def _counts(
    match: re.Match[str], text: str, ecosystem: str, skipped: list[tuple[int, int]], runtime_only: bool
) -> bool:
    """Whether ``match`` is a dependency: not commented out (on its line, or inside an XML comment),
    not the package's own name, not in a skipped section; with ``runtime_only``, not for tests."""
    at = match.start(1)
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    if any(marker in before for marker in _COMMENTS.get(ecosystem, ())):
        return False
    if text.rfind("<!--", 0, at) > text.rfind("-->", 0, at):
        return False  # inside a multi-line XML comment
    if ecosystem == "pypi" and before.lstrip().lower().startswith("name") and "=" in before:
        return False  # the package's own name (pyproject.toml, setup.py)
    if any(low <= at <= high for low, high in skipped):
        return False
    if runtime_only and ecosystem == "maven":
        if before.lstrip().lower().startswith(_TEST_CONFIGURATIONS):
            return False
        end = text.find("</dependency>", at)
        if end >= 0 and "<scope>test</scope>" in text[at:end]:
            return False
        if _sbt_test_scope(text[match.end(1) : _line_end(text, at)]):
            return False  # sbt: "org" %% "name" % "1.0" % Test
    return True


#: The configurations that scope an sbt module to the tests (``% Test``, ``% "test,it"``).
_SBT_TEST_SCOPES = ("Test", "IntegrationTest", '"test', '"it')


def _sbt_test_scope(rest: str) -> bool:
    """Whether the rest of an sbt module's line, after its name, ends with a test scope."""
    cut = rest.rfind("%")
    return cut >= 0 and rest.count('"', 0, cut) >= 1 and rest[cut + 1 :].lstrip().startswith(_SBT_TEST_SCOPES)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end
