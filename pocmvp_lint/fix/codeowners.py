"""CODEOWNERS from the project's owner (MVP014), when the owner is a forge handle or an e-mail."""

from __future__ import annotations

import re

from pocmvp_lint.fix.model import Edit, Facts, Plan
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.lazyre import lazy_re

CODES = ("MVP014",)
#: What GitHub and GitLab accept as a code owner: @user, @org/team, or an e-mail address.
OWNER_RE = lazy_re(r"\A(?:@[A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\Z")


def plan(facts: Facts) -> Plan:
    owner = facts.owner or facts.declaration.owner
    if not owner:
        return Plan(notes=("CODEOWNERS: no owner known; give --owner @org/team",))
    if OWNER_RE.fullmatch(owner) is None:
        return Plan(
            notes=(
                f'CODEOWNERS: owner "{visible(owner)}" is not a forge handle (@user, '
                "@org/team) or an e-mail address; not written",
            )
        )
    if re.search(r"[\s#\\!\[\]*?]", facts.project):
        return Plan(
            notes=(
                f'CODEOWNERS: the folder "{visible(facts.project)}" cannot be written as a '
                "pattern; add its line by hand",
            )
        )
    pattern = f"/{facts.project}/" if facts.project != facts.home else "*"
    text = (
        f"# Who reviews and answers for what (https://docs.github.com/articles/about-code-owners).\n{pattern} {owner}\n"
    )
    return Plan((Edit(facts.at_home("CODEOWNERS"), None, text, "code owners", CODES),))
