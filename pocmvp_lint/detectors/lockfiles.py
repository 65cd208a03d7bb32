"""``lockfile`` (reproducible installs), ``dependency-manifest`` (declared dependencies) and
``pinned-manifest`` (a Maven, Gradle or NuGet manifest of exact versions, as good as a lock), §10.3."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pocmvp_lint.detectors._util import as_dict, basename, is_auxiliary, load_toml, names_starting
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Lock files and their ecosystem.
LOCKFILES: dict[str, str] = {
    "poetry.lock": "Poetry",
    "uv.lock": "uv",
    "pdm.lock": "PDM",
    "pipfile.lock": "Pipenv",
    "pixi.lock": "pixi",
    "conda-lock.yml": "conda-lock",
    "package-lock.json": "npm",
    "npm-shrinkwrap.json": "npm",
    "yarn.lock": "Yarn",
    "pnpm-lock.yaml": "pnpm",
    "bun.lock": "Bun",
    "bun.lockb": "Bun",
    "deno.lock": "Deno",
    "go.sum": "Go modules",
    "go.work.sum": "Go workspaces",
    "cargo.lock": "Cargo",
    "gradle.lockfile": "Gradle",
    "verification-metadata.xml": "Gradle",
    "versions.lock": "Gradle",
    "packages.lock.json": "NuGet",
    "gemfile.lock": "Bundler",
    "gems.locked": "Bundler",
    "composer.lock": "Composer",
    "package.resolved": "SwiftPM",
    "podfile.lock": "CocoaPods",
    "cartfile.resolved": "Carthage",
    "mix.lock": "Mix",
    "pubspec.lock": "pub",
    "cabal.project.freeze": "Cabal",
    "conan.lock": "Conan",
    "flake.lock": "Nix",
    ".terraform.lock.hcl": "Terraform provider",
    "module.bazel.lock": "Bazel",
    "manifest.toml": "Julia",
}
#: Dependency manifests and their ecosystem.
MANIFESTS: dict[str, str] = {
    "package.json": "npm",
    "pyproject.toml": "Python",
    "pipfile": "Pipenv",
    "setup.py": "Python",
    "setup.cfg": "Python",
    "go.mod": "Go",
    "cargo.toml": "Rust",
    "pom.xml": "Maven",
    "build.gradle": "Gradle",
    "build.gradle.kts": "Gradle",
    "gemfile": "Ruby",
    "gems.rb": "Ruby",
    "composer.json": "PHP",
    "package.swift": "SwiftPM",
    "podfile": "CocoaPods",
    "cartfile": "Carthage",
    "mix.exs": "Elixir",
    "pubspec.yaml": "Dart",
    "deno.json": "Deno",
    "deno.jsonc": "Deno",
    "conanfile.txt": "Conan",
    "conanfile.py": "Conan",
    "vcpkg.json": "vcpkg",
    "project.clj": "Leiningen",
    "deps.edn": "Clojure",
    "build.sbt": "sbt",
    "environment.yml": "conda",
    "directory.packages.props": "NuGet",
    "packages.config": "NuGet",
    "libs.versions.toml": "Gradle",
}
_REQ_LINE_RE = lazy_re(r"^\s*([A-Za-z0-9][\w.\[\],-]*)\s*(==|===)\s*[\w.*+!-]+")
#: Manifests of ecosystems that resolve the same versions every time from exact versions (Maven's
#: nearest-wins, NuGet's lowest-applicable, Gradle's conflict resolution), by ecosystem.
PINNING_MANIFESTS: dict[str, str] = {
    "pom.xml": "Maven",
    "build.gradle": "Gradle",
    "build.gradle.kts": "Gradle",
    "libs.versions.toml": "Gradle",
    "directory.packages.props": "NuGet",
    "packages.config": "NuGet",
}
_PINNING_EXTS = ("csproj", "fsproj", "vbproj")
#: The Maven tags that say whose a ``<version>`` is (a dependency's, a plugin's, an extension's).
_MAVEN_TAG_RE = lazy_re(r"<(/?)(dependency|plugin|extension|version)>")
_MAVEN_PROPERTY_RE = lazy_re(r"<([\w.-]{1,100})>([^<]{0,200})</\1>")
_PROPERTY_REF_RE = lazy_re(r"^\$\{([\w.-]{1,100})\}$")
#: A NuGet version attribute or element (``Version="1.2.3"``, ``<Version>1.2.3</Version>``).
_NUGET_VERSION_RE = lazy_re(
    r"<(?:PackageReference|PackageVersion|GlobalPackageReference)\b[^>]{0,1000}?\bVersion\s*=\s*\"([^\"]{0,200})\""
    r"|<Version>\s*([^<]{0,200}?)\s*</Version>",
    re.IGNORECASE,
)
#: A legacy ``packages.config`` entry's version, and the range it may be updated within.
_PACKAGES_CONFIG_RE = lazy_re(r'\b(?:version|allowedVersions)\s*=\s*"([^"]{0,200})"', re.IGNORECASE)
#: A Gradle dependency notation with a version (``"g:a:1.2.3"``) or a version in a catalogue.
_GRADLE_VERSION_RE = lazy_re(r"""["']([\w.-]{1,200}):([\w.-]{1,200}):([^"':@\s]{1,200})["':@]""")


def detect_lockfiles(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*LOCKFILES):
        if is_auxiliary(path):
            continue
        name = basename(path).lower()
        if name == "verification-metadata.xml" and not path.endswith("gradle/verification-metadata.xml"):
            continue
        if name == "manifest.toml" and not inv.exists(path[: -len("Manifest.toml")] + "Project.toml"):
            continue
        yield Signal(Category.LOCKFILE, path, None, f"{LOCKFILES[name]} lock file")
    for path in requirement_files(inv):
        if _pinned(inv.text(path) or "") == _HASHED:  # pip-compile --generate-hashes: a lock file
            yield Signal(Category.LOCKFILE, path, None, f"requirements {_HASHED}")


_HASHED = "with --hash pins"
_EXACT = "fully ==-pinned"


def requirement_files(inv: Inventory) -> list[str]:
    out: list[str] = []
    for name in names_starting(inv, "requirements", ("requirements",)):
        if name.endswith((".txt", ".in")):
            out.extend(p for p in inv.named(name) if not is_auxiliary(p))
    return sorted(out)


def _pinned(text: str) -> str | None:
    """ "hashed" / "fully ==-pinned" for a lock-like requirements file, else None."""
    if "--hash=sha256:" in text:
        return _HASHED
    requirements = 0
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-", "--")):
            if line.startswith(("-e ", "--editable")):
                return None
            continue
        if line.startswith(("git+", "http://", "https://", ".", "/")) or ("@" in line and "==" not in line):
            return None
        if _REQ_LINE_RE.match(line) is None:
            return None
        requirements += 1
    return _EXACT if requirements >= 1 else None


def detect_pinned_manifests(inv: Inventory) -> Iterator[Signal]:
    """Maven, Gradle and NuGet manifests that name an exact version of every dependency they
    version: no range, wildcard, ``LATEST``/``RELEASE``, dynamic ``+`` or snapshot."""
    names = [p for p in inv.named(*PINNING_MANIFESTS) if not is_auxiliary(p)]
    projects = [p for p in inv.with_ext(*_PINNING_EXTS) if not is_auxiliary(p)]
    exact = {path: _exact(inv, path) for path in sorted(names + projects)}
    # Gradle's build files take their versions from the catalogue: both are exact, or neither is
    gradle_exact = all(ok for path, ok in exact.items() if PINNING_MANIFESTS.get(basename(path).lower()) == "Gradle")
    for path, ok in exact.items():
        ecosystem = PINNING_MANIFESTS.get(basename(path).lower(), "NuGet")
        if ok and (ecosystem != "Gradle" or gradle_exact):
            yield Signal(Category.PINNED_MANIFEST, path, None, f"{ecosystem} manifest pins exact versions")
    # A requirements file pinning every package with == (``pip freeze``) is no lock file (no hashes,
    # no transitive closure guaranteed), but it fixes the versions pip installs, for the project's
    # other Python manifests too.
    pinned = [p for p in requirement_files(inv) if _pinned(inv.text(p) or "") == _EXACT]
    if pinned:
        yield from (
            Signal(Category.PINNED_MANIFEST, p, None, "pip requirements pin exact versions (==)") for p in pinned
        )
        for path in inv.named(*(name for name, eco in MANIFESTS.items() if eco == "Python")):
            if not is_auxiliary(path):
                yield Signal(Category.PINNED_MANIFEST, path, None, f"Python dependencies pinned by {pinned[0]}")


def _exact(inv: Inventory, path: str) -> bool:
    """Whether the manifest at ``path`` names only exact versions (False when unreadable)."""
    name = basename(path).lower()
    if name == "libs.versions.toml":
        catalog = load_toml(inv, path)
        return catalog is not None and _all_exact(_catalog_versions(catalog))
    text = inv.text(path)
    return text is not None and _all_exact(_versions(name, text))


def _versions(name: str, text: str) -> list[str]:
    """The dependency versions ``text`` (a manifest called ``name``) names, as written."""
    if name == "pom.xml":
        properties = _maven_properties(text)
        found: list[str] = []
        for version in _maven_versions(text):
            ref = _PROPERTY_REF_RE.match(version)
            found.append(properties.get(ref.group(1), "") if ref is not None else version)
        return found
    if name.endswith((".gradle", ".gradle.kts")):
        return [m.group(3) for m in _GRADLE_VERSION_RE.finditer(text)]
    if name == "packages.config":
        return [m.group(1) for m in _PACKAGES_CONFIG_RE.finditer(text)]
    return [m.group(1) or m.group(2) for m in _NUGET_VERSION_RE.finditer(text)]


def _catalog_versions(catalog: dict[str, Any]) -> list[str]:
    """The versions a Gradle version catalogue gives: its ``[versions]``, and the versions written
    in its libraries and plugins (``"g:a:1.2"``, ``version = "1.2"``, ``{ strictly = "1.2" }``)."""
    found: list[str] = []
    for value in as_dict(catalog.get("versions")).values():
        found += _catalog_version(value)
    for table in ("libraries", "plugins"):
        for entry in as_dict(catalog.get(table)).values():
            if isinstance(entry, str):
                found += [entry.rsplit(":", 1)[1]] if entry.count(":") >= 2 else []
            elif isinstance(entry, dict):
                found += _catalog_version(entry.get("version"))
    return found


def _catalog_version(value: Any) -> list[str]:
    """A catalogue version: a string, or a table of ``strictly``/``require``/``prefer``
    (``ref`` names a ``[versions]`` entry, checked there)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for k, v in value.items() if k in ("strictly", "require", "prefer") and isinstance(v, str)]
    return []


def _maven_versions(text: str) -> list[str]:
    """The ``<version>`` of each dependency, plugin and extension (not the project's own, nor its
    parent's), by one walk over the tags that matter."""
    found: list[str] = []
    inside = 0
    for tag in _MAVEN_TAG_RE.finditer(text):
        closing, name = tag.group(1), tag.group(2)
        if name != "version":
            inside = max(0, inside - 1) if closing else inside + 1
        elif not closing and inside:
            end = text.find("</version>", tag.end(), tag.end() + 200)
            if end >= 0:
                found.append(text[tag.end() : end].strip())
    return found


def _maven_properties(text: str) -> dict[str, str]:
    """The ``<properties>`` of a pom (the first block), name -> value."""
    start = text.find("<properties>")
    end = text.find("</properties>", start)
    if start < 0 or end < 0:
        return {}
    return {m.group(1): m.group(2).strip() for m in _MAVEN_PROPERTY_RE.finditer(text, start, end)}


def _all_exact(versions: list[str]) -> bool:
    """Whether every version is exact: no range (``[1,2)``, NuGet's exact ``[1.2.3]`` aside), no
    wildcard or dynamic part (``1.*``, ``1.+``, ``latest.release``), no ``LATEST``, ``RELEASE``
    or snapshot. A version left to a property or a platform resolves elsewhere and counts."""
    for version in versions:
        v = version.strip()
        if not v or v.startswith(("$", "@")):
            continue
        if v.startswith(("[", "(")) and ("," in v or not v.endswith("]")):
            return False
        if "*" in v or "+" in v or v.upper() in ("LATEST", "RELEASE") or v.lower().startswith("latest."):
            return False
        if v.upper().endswith("-SNAPSHOT"):
            return False
    return True


def detect_manifests(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*MANIFESTS):
        if not is_auxiliary(path):
            yield Signal(Category.DEPENDENCY_MANIFEST, path, None, f"{MANIFESTS[basename(path).lower()]} manifest")
    for path in requirement_files(inv):
        yield Signal(Category.DEPENDENCY_MANIFEST, path, None, "pip requirements")
    for path in inv.with_ext("csproj", "fsproj", "vbproj", "gemspec", "cabal", "nimble"):
        if not is_auxiliary(path):
            yield Signal(Category.DEPENDENCY_MANIFEST, path, None, f"{path.rsplit('.', 1)[-1]} project")
