"""``docs/detection.md``: what each category recognises, generated from the catalogue.

Regenerate with ``python -m pocmvp_lint.formatters.detection_doc > docs/detection.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from pocmvp_lint.catalogue import (
    AUXILIARY_FOLDERS,
    BY_CATEGORY,
    EXAMPLE_ROOT_FOLDERS,
    FIXTURE_FOLDERS,
    FIXTURE_PARENTS,
    GENERATED_FOLDERS,
    GENERATED_SUFFIXES,
    SOURCE_ROOT_FOLDERS,
    TEST_FOLDERS,
    VENDORED_FOLDERS,
    Entry,
)

_INTRO = """\
# What pocmvp-lint recognises

<!-- Generated from pocmvp_lint/catalogue.py by
     `python -m pocmvp_lint.formatters.detection_doc > docs/detection.md`; a test keeps it current. -->

Every listed path is classified once: its lower-case base name, extension and folders are looked
up in one catalogue (`pocmvp_lint/catalogue.py`). The pass keeps only the files below; each
category's detector then reads them and judges their content. To recognise a new convention, add
it to the category's entry in the catalogue and regenerate this page.
"""


def _codes(items: Iterable[str]) -> str:
    values = sorted(items) if isinstance(items, frozenset) else list(items)
    return ", ".join(f"`{v}`" for v in values) if values else "-"


def _category(name: str, entry: Entry) -> list[str]:
    rows = [
        ("file names", _codes(entry.names)),
        ("names starting with", _codes(entry.prefixes)),
        ("names containing", _codes(entry.contains)),
        ("extensions", _codes(entry.extensions)),
        ("folders", _codes(entry.folders)),
        ("content checks", entry.content or "-"),
    ]
    out = [f"## `{name}`", "", "| looks at | values |", "| --- | --- |"]
    out += [f"| {label} | {value} |" for label, value in rows if value != "-"]
    return [*out, ""]


def render() -> str:
    lines = [
        _INTRO,
        "## Folders that are not the project's own code",
        "",
        "Files below these folders are never evidence about the project (the one shared set).",
        "",
        "| kind | folders |",
        "| --- | --- |",
        f"| vendored | {_codes(VENDORED_FOLDERS)} |",
        f"| generated | {_codes(GENERATED_FOLDERS)}, `*.dist-info` |",
        f"| fixtures | {_codes(FIXTURE_FOLDERS)}, `fixtures` below {_codes(FIXTURE_PARENTS)} |",
        f"| examples (at the repository root) | {_codes(EXAMPLE_ROOT_FOLDERS)} |",
        "",
        "## Auxiliary and test folders",
        "",
        "| kind | folders (any case) |",
        "| --- | --- |",
        f"| auxiliary: counted, but never deploy or configure the project | "
        f"{_codes(AUXILIARY_FOLDERS)}, `{{{{...}}}}` |",
        f"| tests | {_codes(TEST_FOLDERS)} |",
        f"| application source roots (throwaway domain words below them are product code) | "
        f"{_codes(SOURCE_ROOT_FOLDERS)} |",
        f"| generated program files (neither source nor tests) | {_codes(GENERATED_SUFFIXES)} |",
        "",
    ]
    for category, entry in BY_CATEGORY.items():
        lines += _category(str(category), entry)
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
