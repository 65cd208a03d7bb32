"""The "Proof of concept: not for production" line at the top of the README (POC301)."""

from __future__ import annotations

from pocmvp_lint.fix.model import Edit, Facts, Plan, newline_of
from pocmvp_lint.formatters.escape import markdown
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

CODES = ("POC301",)
_TITLE = lazy_re(r"#{1,6}[ \t][^\r\n]*\r?\n|#{1,6}[ \t][^\r\n]*$")
LINE = (
    "> **Proof of concept: not for production.** It exists to test one hypothesis and will be thrown away or rebuilt."
)


def line_for(hypothesis: str | None) -> str:
    """The disclaimer, naming the hypothesis ``project.toml`` declares (``LINE`` without one)."""
    if not hypothesis or not hypothesis.strip():
        return LINE
    stated = markdown(" ".join(hypothesis.split()).rstrip("."))
    return (
        f"> **Proof of concept: not for production.** It exists to test one hypothesis ({stated}) "
        "and will be thrown away or rebuilt."
    )


def with_disclaimer(old: str, line: str = LINE) -> str:
    """``old`` with ``line`` after a leading ATX title (or first, when there is none)."""
    nl = newline_of(old)
    start = len(old) - len(old.lstrip("\r\n"))
    title = _TITLE.match(old, start)
    if title is None:
        return line + nl + nl + old
    head = old[: title.end()]
    if not head.endswith("\n"):
        head += nl
    return head + nl + line + nl + ("" if old[title.end() :].startswith(("\n", "\r\n")) else nl) + old[title.end() :]


def plan(facts: Facts) -> Plan:
    line = line_for(facts.declaration.hypothesis)
    readmes = facts.of(Category.README)
    if not readmes:
        title = markdown(facts.declaration.name or (facts.project.rsplit("/", 1)[-1] or "Proof of concept"))
        return Plan(
            (
                Edit(
                    facts.at_project("README.md"),
                    None,
                    f"# {title}\n\n{line}\n",
                    "README saying this is a proof of concept",
                    CODES,
                ),
            )
        )
    path = readmes[0].path
    old = facts.read(path)
    if old is None:
        return Plan(notes=(f"README: {path} could not be read; add the disclaimer by hand",))
    return Plan((Edit(path, old, with_disclaimer(old, line), "proof-of-concept line at the top of the README", CODES),))
