"""``.github/dependabot.yml`` for the ecosystems the project's files show (MVP011)."""

from __future__ import annotations

import posixpath

from pocmvp_lint.fix.model import Edit, Facts, Plan, yaml_string
from pocmvp_lint.model import Category

CODES = ("MVP011",)
#: Most update entries written (one per ecosystem and folder).
MAX_ENTRIES = 30
_BY_NAME: dict[str, str] = {
    "pyproject.toml": "pip",
    "setup.py": "pip",
    "setup.cfg": "pip",
    "pipfile": "pip",
    "pipfile.lock": "pip",
    "poetry.lock": "pip",
    "uv.lock": "pip",
    "package.json": "npm",
    "package-lock.json": "npm",
    "yarn.lock": "npm",
    "pnpm-lock.yaml": "npm",
    "go.mod": "gomod",
    "cargo.toml": "cargo",
    "gemfile": "bundler",
    "composer.json": "composer",
    "pom.xml": "maven",
    "build.gradle": "gradle",
    "build.gradle.kts": "gradle",
    "packages.config": "nuget",
    "directory.packages.props": "nuget",
}


def ecosystem_of(path: str) -> str | None:
    name = posixpath.basename(path).lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.endswith((".txt", ".in")) and (
        name.startswith("requirements") or posixpath.basename(posixpath.dirname(path)).lower() == "requirements"
    ):
        return "pip"  # requirements.txt, requirements-dev.in, requirements/base.txt
    if name.startswith("requirements") and name.endswith(".lock"):
        return "pip"  # rye's requirements.lock
    if name.endswith((".csproj", ".fsproj", ".vbproj")):
        return "nuget"
    if name == "dockerfile" or name.startswith("dockerfile.") or name.endswith(".dockerfile"):
        return "docker"
    return None


def entries(facts: Facts) -> list[tuple[str, str]]:
    """(ecosystem, directory) pairs, directories relative to the repository root as Dependabot wants."""
    found: set[tuple[str, str]] = set()
    for signal in facts.of(Category.DEPENDENCY_MANIFEST, Category.LOCKFILE, Category.CONTAINER):
        ecosystem = ecosystem_of(signal.path)
        if ecosystem is not None:
            found.add((ecosystem, "/" + posixpath.dirname(signal.path)))
    workflows = facts.at_home(".github/workflows/")
    if any(f.startswith(workflows) for f in facts.files):
        found.add(("github-actions", "/" + facts.home))
    return sorted(found)[:MAX_ENTRIES]


def plan(facts: Facts) -> Plan:
    found = entries(facts)
    if not found:
        return Plan(notes=("dependabot.yml: no package ecosystem detected; nothing for Dependabot to update",))
    lines = ["# Dependency updates (https://docs.github.com/code-security/dependabot).", "version: 2", "updates:"]
    for ecosystem, directory in found:
        lines += [
            f"  - package-ecosystem: {ecosystem}",
            f"    directory: {yaml_string(directory)}",
            "    schedule:",
            "      interval: weekly",
        ]
    text = "\n".join(lines) + "\n"
    names = ", ".join(sorted({e for e, _ in found}))
    return Plan((Edit(facts.at_home(".github/dependabot.yml"), None, text, f"Dependabot for {names}", CODES),))
