"""Deploy and publish workflows of a POC turned off (POC105): the trigger becomes workflow_dispatch.

Only the top-level ``on:`` block changes (commented out, with a line saying why); every other byte
stays. The edit is made only when it is mechanical: one ``on:`` key at column 0, the file parses
before and after, and the parsed workflow is the same apart from its trigger.
"""

from __future__ import annotations

from typing import Any

from pocmvp_lint.fix.model import Edit, Facts, Plan, newline_of
from pocmvp_lint.formatters.escape import visible
from pocmvp_lint.inventory.reader import parse_yaml
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

CODES = ("POC105",)
_ON = lazy_re(r"""(?:on|"on"|'on')[ \t]*:(?:[ \t].*)?""")
_INNER = lazy_re(r"[ \t]|\r?\n|$")
MANUAL = {"workflow_dispatch": None}
WHY = (
    '# pocmvp-lint fix: this project is a proof of concept (project.toml: stage = "poc"), so it '
    "does not deploy or publish on its own.\n# The jobs are kept; start them by hand from the "
    "Actions tab if you must. The previous trigger was:\n"
)


def trigger(doc: Any) -> tuple[bool, Any]:
    """(present, value) of a workflow's ``on`` key (YAML 1.1 reads a bare ``on`` as True)."""
    if not isinstance(doc, dict):
        return False, None
    for key in ("on", True):
        if key in doc:
            return True, doc[key]
    return False, None


def without_trigger(doc: dict[Any, Any]) -> dict[Any, Any]:
    return {k: v for k, v in doc.items() if k not in ("on", True)}


def manual_only(value: Any) -> bool:
    return (
        value == "workflow_dispatch"
        or value == ["workflow_dispatch"]
        or (isinstance(value, dict) and set(value) == {"workflow_dispatch"})
    )


def rewrite(old: str) -> tuple[str | None, str]:
    """(new text, "") or (None, why the edit is not mechanical)."""
    docs = parse_yaml(old)
    if docs is None or len(docs) != 1 or not isinstance(docs[0], dict):
        return None, "it is not a single YAML mapping"
    present, value = trigger(docs[0])
    if not present:
        return None, "it has no `on:` trigger"
    if manual_only(value):
        return None, ""
    if "workflow_call" in (value if isinstance(value, (dict, list)) else [value]):
        return None, "it is a reusable workflow (workflow_call); turn off the caller instead"
    lines = old.splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if _ON.fullmatch(line.rstrip("\r\n"))]
    if len(found) != 1:
        return None, "its `on:` key is not one plain line at column 0"
    start = found[0]
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    nl = newline_of(old)
    block = "".join("# " + line if line.strip() else line for line in lines[start:end])
    if not block.endswith("\n"):
        block += nl
    new = (
        "".join(lines[:start])
        + WHY.replace("\n", nl)
        + block
        + f"on:{nl}  workflow_dispatch:{nl}"
        + "".join(lines[end:])
    )
    after = parse_yaml(new)
    if after is None or len(after) != 1 or not isinstance(after[0], dict):
        return None, "the edited file would not parse"
    if trigger(after[0]) != (True, MANUAL) or without_trigger(after[0]) != without_trigger(docs[0]):
        return None, "the edit would change more than the trigger"
    return new, ""


def plan(facts: Facts) -> Plan:
    edits: list[Edit] = []
    notes: list[str] = []
    for path in sorted({s.path for s in facts.of(Category.CI_DEPLOY)}):
        if not path.startswith(facts.at_home(".github/workflows/")):
            notes.append(f"{visible(path)}: only GitHub Actions triggers are edited; turn its deploy jobs off by hand")
            continue
        old = facts.read(path)
        if old is None:
            notes.append(f"{visible(path)}: could not be read")
            continue
        new, why = rewrite(old)
        if new is not None:
            edits.append(Edit(path, old, new, "deploy workflow runs only by hand (workflow_dispatch)", CODES))
        elif why:
            notes.append(f"{visible(path)}: not edited: {why}")
    return Plan(tuple(edits), tuple(notes))
