"""The project's stack, from its files: how to install it and run its tests, in CI and locally."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pocmvp_lint.fix.model import Facts, yaml_string

_PYTHON = ("pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile")


@dataclass(frozen=True)
class Stack:
    """One stack: the GitHub Actions setup steps, the GitLab image and the commands."""

    name: str
    image: str  # GitLab CI image
    setup: tuple[str, ...]  # GitHub Actions steps, each a YAML block at step indentation
    install: tuple[str, ...]
    test: str


def _setup(action: str, **inputs: str) -> str:
    lines = [f"- uses: {action}"]
    if inputs:
        lines.append("  with:")
        lines.extend(f"    {key}: {yaml_string(value)}" for key, value in inputs.items())
    return "\n".join(lines)


def _npm_test_script(facts: Facts) -> bool:
    text = facts.read(facts.at_project("package.json"))
    try:
        scripts = json.loads(text or "{}").get("scripts") or {}
    except (ValueError, AttributeError):
        return False
    test = scripts.get("test") if isinstance(scripts, dict) else None
    return isinstance(test, str) and bool(test.strip()) and "no test specified" not in test


def detect_stack(facts: Facts) -> Stack | None:
    """The stack whose files sit at the project's top level (the first that matches), else None."""
    files = set(facts.project_files())
    here = {f for f in files if "/" not in f}
    if here & set(_PYTHON) or any(f.startswith("requirements") and f.endswith(".txt") for f in here):
        return _python(files, here)
    if "package.json" in here and _npm_test_script(facts):
        return _node(here)
    if "go.mod" in here:
        return Stack(
            "Go",
            "golang:1.22",
            (_setup("actions/setup-go@v5", **{"go-version-file": facts.at_project("go.mod")}),),
            (),
            "go test ./...",
        )
    if "Cargo.toml" in here:
        return Stack("Rust", "rust:1", (), (), "cargo test")
    if "Gemfile" in here:
        test = "bundle exec rspec" if any(f.startswith("spec/") for f in files) else "bundle exec rake test"
        return Stack(
            "Ruby", "ruby:3.3", (_setup("ruby/setup-ruby@v1", **{"ruby-version": "3.3"}),), ("bundle install",), test
        )
    if "composer.json" in here:
        return Stack(
            "PHP",
            "composer:2",
            (_setup("shivammathur/setup-php@v2", **{"php-version": "8.3"}),),
            ("composer install --no-interaction",),
            "vendor/bin/phpunit",
        )
    java = _setup("actions/setup-java@v4", distribution="temurin", **{"java-version": "21"})
    if "pom.xml" in here:
        return Stack("Maven", "maven:3-eclipse-temurin-21", (java,), (), "mvn -B verify")
    if "build.gradle" in here or "build.gradle.kts" in here:
        test = "./gradlew test" if "gradlew" in here else "gradle test"
        return Stack("Gradle", "gradle:8-jdk21", (java,), (), test)
    if any(f.endswith((".csproj", ".fsproj", ".sln")) for f in here):
        return Stack(
            ".NET",
            "mcr.microsoft.com/dotnet/sdk:8.0",
            (_setup("actions/setup-dotnet@v4", **{"dotnet-version": "8.0.x"}),),
            (),
            "dotnet test",
        )
    return None


def _python(files: set[str], here: set[str]) -> Stack:
    setup = (_setup("actions/setup-python@v5", **{"python-version": "3.12"}),)
    if "uv.lock" in here:
        return Stack(
            "Python (uv)",
            "ghcr.io/astral-sh/uv:python3.12-bookworm",
            (*setup, "- uses: astral-sh/setup-uv@v5"),
            ("uv sync",),
            "uv run pytest",
        )
    if "poetry.lock" in here:
        return Stack(
            "Python (Poetry)",
            "python:3.12",
            setup,
            ("python -m pip install poetry", "poetry install"),
            "poetry run pytest",
        )
    install = [
        f"python -m pip install -r {name}"
        for name in sorted(here)
        if name.startswith("requirements") and name.endswith(".txt")
    ][:1]
    if "pyproject.toml" in here or "setup.py" in here:
        install.append("python -m pip install -e .")
    install.append("python -m pip install pytest")
    test = (
        "python manage.py test"
        if "manage.py" in here and not any(f.startswith(("tests/", "test_")) or "/test_" in f for f in files)
        else "python -m pytest"
    )
    return Stack("Python", "python:3.12", setup, tuple(install), test)


def _node(here: set[str]) -> Stack:
    setup = (_setup("actions/setup-node@v4", **{"node-version": "20"}),)
    if "yarn.lock" in here:
        return Stack("Node.js (Yarn)", "node:20", setup, ("yarn install --frozen-lockfile",), "yarn test")
    if "pnpm-lock.yaml" in here:
        return Stack(
            "Node.js (pnpm)", "node:20", setup, ("corepack enable", "pnpm install --frozen-lockfile"), "pnpm test"
        )
    install = "npm ci" if "package-lock.json" in here else "npm install"
    return Stack("Node.js (npm)", "node:20", setup, (install,), "npm test")
