"""A README "Setup" section skeleton (MVP006): appended when the README has none, else a new README."""

from __future__ import annotations

from pocmvp_lint.fix.model import Edit, Facts, Plan, newline_of
from pocmvp_lint.fix.stack import detect_stack
from pocmvp_lint.formatters.escape import markdown
from pocmvp_lint.model import Category

CODES = ("MVP006",)


def section(facts: Facts) -> str:
    stack = detect_stack(facts)
    install = "\n".join(stack.install) if stack and stack.install else "# how to install the dependencies"
    test = stack.test if stack else "# how to run the tests"
    return (
        "## Setup\n\n"
        "<!-- Written by `pocmvp-lint fix`: complete each step for a new developer. -->\n\n"
        "Requirements: (language version, services such as a database, accounts).\n\n"
        f"Install:\n\n```sh\n{install}\n```\n\n"
        "Configure: (environment variables and where their values come from).\n\n"
        "Run: (the command that starts the product, and where to open it).\n\n"
        f"Test:\n\n```sh\n{test}\n```\n"
    )


def plan(facts: Facts) -> Plan:
    readmes = facts.of(Category.README)
    if not readmes:
        title = markdown(facts.declaration.name or (facts.project.rsplit("/", 1)[-1] or "Project"))
        return Plan(
            (
                Edit(
                    facts.at_project("README.md"),
                    None,
                    f"# {title}\n\n{section(facts)}",
                    "README with a Setup section",
                    CODES,
                ),
            )
        )
    path = readmes[0].path
    old = facts.read(path)
    if old is None:
        return Plan(notes=(f"README: {path} could not be read; add a Setup section by hand",))
    nl = newline_of(old)
    glue = "" if old.endswith(("\n\n", "\r\n\r\n")) or not old else (nl if old.endswith("\n") else nl * 2)
    new = old + glue + section(facts).replace("\n", nl)
    return Plan((Edit(path, old, new, "Setup section appended to the README", CODES),))
