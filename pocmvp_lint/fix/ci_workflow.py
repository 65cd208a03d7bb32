"""A CI workflow that runs the tests (MVP003, MVP004): GitHub Actions, or GitLab CI when in use."""

from __future__ import annotations

import textwrap

from pocmvp_lint.fix.model import Edit, Facts, Plan, yaml_string
from pocmvp_lint.fix.stack import Stack, detect_stack

CODES = ("MVP003", "MVP004")
WORKFLOW = ".github/workflows/tests.yml"


def github_workflow(stack: Stack, folder: str) -> str:
    steps = [
        "- uses: actions/checkout@v4",
        *stack.setup,
        *(f"- run: {command}" for command in (*stack.install, stack.test)),
    ]
    body = "\n".join(textwrap.indent(step, "      ") for step in steps)
    defaults = f"    defaults:\n      run:\n        working-directory: {yaml_string(folder)}\n" if folder else ""
    return (
        f"# Runs the {stack.name} tests on every push and pull request.\n"
        "name: tests\n\non:\n  push:\n  pull_request:\n\npermissions:\n  contents: read\n\n"
        f"jobs:\n  test:\n    runs-on: ubuntu-latest\n{defaults}    steps:\n{body}\n"
    )


def gitlab_ci(stack: Stack, folder: str) -> str:
    commands = ([f"cd {yaml_string(folder)}"] if folder else []) + [*stack.install, stack.test]
    script = "\n".join(f"    - {yaml_string(c)}" for c in commands)
    return (
        f"# Runs the {stack.name} tests on every push and merge request.\n"
        f"test:\n  image: {stack.image}\n  script:\n{script}\n"
    )


def plan(facts: Facts) -> Plan:
    stack = detect_stack(facts)
    if stack is None:
        return Plan(
            notes=(
                "CI: no stack with a known test command was found at the project's top "
                "level; add a CI job that runs your tests by hand",
            )
        )
    folder = facts.project[len(facts.home) + 1 :] if facts.home and facts.project else facts.project
    if facts.uses_gitlab():
        return Plan(
            (
                Edit(
                    facts.at_home(".gitlab-ci.yml"),
                    None,
                    gitlab_ci(stack, folder),
                    f"GitLab CI job running `{stack.test}`",
                    CODES,
                ),
            )
        )
    name = WORKFLOW if not folder else f".github/workflows/tests-{folder.replace('/', '-')}.yml"
    return Plan(
        (
            Edit(
                facts.at_home(name),
                None,
                github_workflow(stack, folder),
                f"GitHub Actions workflow running `{stack.test}`",
                CODES,
            ),
        )
    )
