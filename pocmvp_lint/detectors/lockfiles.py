"""``lockfile`` (reproducible installs) and ``dependency-manifest`` (declared dependencies), §10.3."""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.detectors._util import basename, is_auxiliary, names_starting
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re

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
}
_REQ_LINE_RE = lazy_re(r"^\s*([A-Za-z0-9][\w.\[\],-]*)\s*(==|===)\s*[\w.*+!-]+")


def detect_lockfiles(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*LOCKFILES):
        if is_auxiliary(path):
            continue
        name = basename(path).lower()
        if name == "verification-metadata.xml" and not path.endswith("gradle/verification-metadata.xml"):
            continue
        if name == "manifest.toml" and not inv.exists(path[: -len("Manifest.toml")] + "Project.toml"):
            continue
        yield Signal("lockfile", path, None, f"{LOCKFILES[name]} lock file")
    for path in requirement_files(inv):
        kind = _pinned(inv.text(path) or "")
        if kind is not None:
            yield Signal("lockfile", path, None, f"requirements {kind}")


def requirement_files(inv: Inventory) -> list[str]:
    out: list[str] = []
    for name in names_starting(inv, "requirements", ("requirements",)):
        if name.endswith((".txt", ".in")):
            out.extend(p for p in inv.named(name) if not is_auxiliary(p))
    return sorted(out)


def _pinned(text: str) -> str | None:
    """ "hashed" / "fully ==-pinned" for a lock-like requirements file, else None."""
    if "--hash=sha256:" in text:
        return "with --hash pins"
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
    return "fully ==-pinned" if requirements >= 1 else None


def detect_manifests(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*MANIFESTS):
        if not is_auxiliary(path):
            yield Signal("dependency-manifest", path, None, f"{MANIFESTS[basename(path).lower()]} manifest")
    for path in requirement_files(inv):
        yield Signal("dependency-manifest", path, None, "pip requirements")
    for path in inv.with_ext("csproj", "fsproj", "vbproj", "gemspec", "cabal", "nimble"):
        if not is_auxiliary(path):
            yield Signal("dependency-manifest", path, None, f"{path.rsplit('.', 1)[-1]} project")
