"""The JSON formats' text: the same bytes ``json.dumps`` writes, from a faster writer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pocmvp_lint.formatters.escape import BIDI, json_dumps
from pocmvp_lint.model import Severity, Status

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.sampled_from(list(Status))
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=30,
)


@given(document=_DOCUMENTS, ensure_ascii=st.booleans(), indent=st.sampled_from([0, 2, 4]))
def test_indented_json_is_what_the_standard_library_writes(document: Any, ensure_ascii: bool, indent: int) -> None:
    expected = json.dumps(document, indent=indent, ensure_ascii=ensure_ascii)
    # the same text, but for the unsafe characters json_dumps writes as \uXXXX escapes
    expected = "".join(f"\\u{ord(c):04x}" if _unsafe(c) else c for c in expected)
    assert json_dumps(document, indent=indent, ensure_ascii=ensure_ascii) == expected


def _unsafe(char: str) -> bool:
    return "\x7f" <= char <= "\x9f" or char in "\u2028\u2029" or char in BIDI


@pytest.mark.parametrize(
    "document",
    [{1: "a non-string key"}, {"tuple": (1, 2)}, [Severity.ERROR, {"nested": []}, {}]],
)
def test_keys_tuples_and_enums_come_out_as_json_dumps_writes_them(document: Any) -> None:
    assert json_dumps(document, indent=2) == json.dumps(document, indent=2)


def test_an_object_json_cannot_write_raises_the_standard_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json_dumps({"x": object()}, indent=2)
