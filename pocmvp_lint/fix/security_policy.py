"""SECURITY.md (MVP010): where to report a vulnerability."""

from __future__ import annotations

from pocmvp_lint.fix.model import Edit, Facts, Plan
from pocmvp_lint.formatters.escape import markdown_code

CODES = ("MVP010",)


def plan(facts: Facts) -> Plan:
    owner = facts.owner or facts.declaration.owner
    contact = f"the project's owner, {markdown_code(owner)}," if owner else "the project's maintainers"
    text = (
        "# Security policy\n\n"
        "## Supported versions\n\n"
        "Only the latest release (the default branch) receives security fixes.\n\n"
        "## Reporting a vulnerability\n\n"
        "Please do not open a public issue. Report it privately: use the repository's private "
        'vulnerability reporting ("Report a vulnerability" in the Security tab) if it is enabled, '
        f"or contact {contact} directly.\n\n"
        "Include what you found, how to reproduce it and what it affects. You will get an answer "
        "within five working days, and we will tell you when the fix is released.\n"
    )
    return Plan((Edit(facts.at_home("SECURITY.md"), None, text, "security policy", CODES),))
