"""Escaping of untrusted strings, one function per output format.

Everything that comes from the checked repository (file names, ``project.toml`` values, commit
subjects, evidence snippets) is untrusted: a file name can hold a newline followed by a GitHub
workflow command, an escape sequence that retitles the reader's terminal, a right-to-left override
that reorders what the reader sees, or Markdown that becomes a live link in a job summary. Each
renderer passes every untrusted string through the function for its format, at the point where
the string is written; trusted text (rule documentation, fixed labels) is written as is.

- ``visible``: text output and the base of every other format. C0 and C1 control characters, DEL,
  line and paragraph separators and bidirectional formatting characters become visible escapes
  (``\\n``, ``\\x1b``, ``\\u202e``), so an untrusted string stays on one line, starts no escape
  sequence and cannot reorder the text around it.
- ``markdown`` / ``markdown_code`` / ``markdown_prose``: ``visible`` plus a backslash before each
  character that starts markup inside a line (no emphasis, link, image, HTML, entity, table cell,
  math or autolink can start; the ``:`` of ``://`` and the ``.`` of ``www.`` are escaped too), or
  a code span whose fence is longer than any backtick run inside it. Untrusted text never starts
  a line, so line-start markup (``-``, ``1.``, ``>``) needs no escape.
- ``html`` / ``xml``: ``visible`` plus ``&``, ``<``, ``>`` and quotes as character references (so
  characters XML 1.0 forbids never reach the document).
- ``xml_chars``: a last line of defence for a whole XML document: characters XML 1.0 forbids, C1
  controls, DEL and bidi controls made visible; tab, newline and carriage return kept.
- ``sarif_text``: ``visible`` plus ``[``/``]`` escaped (SARIF embedded links need them).
- ``json_dumps``: ``json.dumps`` whose output carries no raw C1, DEL, separator or bidi character
  (they become ``\\uXXXX`` JSON escapes: the decoded data is unchanged).
"""

from __future__ import annotations

import json
import re
from typing import Any

from pocmvp_lint.lazyre import lazy_re

#: Bidirectional formatting characters: embeddings and overrides, isolates, marks.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: Every character ``visible`` rewrites.
_UNSAFE = lazy_re("[\x00-\x1f\x7f-\x9f\u2028\u2029" + BIDI + "]")
#: What ``xml_chars`` rewrites: the same, minus tab, newline and carriage return, plus U+FFFE/F.
_UNSAFE_XML = lazy_re("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff" + BIDI + "]")
#: What ``json_dumps`` rewrites (json.dumps already escapes C0 characters inside strings).
_UNSAFE_JSON = lazy_re("[\x7f-\x9f\u2028\u2029" + BIDI + "]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Characters that start Markdown markup anywhere in a line: emphasis, strikethrough, code,
#: links and images, footnotes, HTML and <autolinks>, entities, table cells, math, e-mail links.
_MD_SPECIAL = lazy_re(r"([\\`*_~\[\]!<>&#|$@])")
#: What GitHub turns into a link without any markup: "scheme://..." and "www.".
_MD_AUTOLINK = lazy_re(r"(:)(?=//)|(?<=www)(\.)", re.IGNORECASE)
#: A code span: a run of backticks, then text, then a run of the same length.
_CODE_SPAN = lazy_re(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _escape_char(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def visible(value: str) -> str:
    """``value`` with every control, separator and bidi character shown as an escape."""
    return _UNSAFE.sub(lambda m: _escape_char(m.group()), value)


def controls(value: str, keep: str = "") -> str:
    """Like ``visible`` but keeps the characters in ``keep`` (a format that encodes them itself)."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape_char(m.group()), value)


def markdown(value: str) -> str:
    """Untrusted text in Markdown (also inside a table cell): shown literally, never as markup."""
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(value))
    return _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), escaped)


def markdown_code(value: str) -> str:
    """Untrusted text as a Markdown code span, safe in a table cell too."""
    value = visible(value).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def markdown_prose(value: str) -> str:
    """Untrusted text whose `backtick` spans become code spans and the rest plain text.

    Safe whatever the text holds: each piece is escaped as text or fenced as code.
    """
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(value):
        out.append(markdown(value[last : match.start()]))
        out.append(markdown_code(match.group(2)))
        last = match.end()
    out.append(markdown(value[last:]))
    return "".join(out)


def html(value: str) -> str:
    """Untrusted text in HTML (element content or a quoted attribute)."""
    return _markup(visible(value))


def xml(value: str) -> str:
    """Untrusted text in XML or SVG (element content or a quoted attribute)."""
    return _markup(visible(value))


#: What ``html.escape(text, quote=True)`` replaces (without importing ``html``, whose entity
#: tables cost every run a few milliseconds), ``&`` first.
_MARKUP = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def _markup(text: str) -> str:
    for char, entity in _MARKUP:
        text = text.replace(char, entity)
    return text


def xml_chars(value: str) -> str:
    """Text for an XML document: forbidden, C1 and bidi characters visible; layout kept."""
    return _UNSAFE_XML.sub(lambda m: _escape_char(m.group()), value)


def sarif_text(value: str) -> str:
    """A SARIF plain-text ``message.text``: ``visible`` plus ``[`` and ``]`` backslash-escaped, so
    no untrusted ``[text](url)`` becomes an embedded link in a code scanning view."""
    return visible(value).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def json_dumps(
    document: Any, *, indent: int | None = 2, separators: tuple[str, str] | None = None, ensure_ascii: bool = False
) -> str:
    """``json.dumps`` with no raw C1, separator or bidi character in its output."""
    if indent is not None and separators is None:
        text = _indented(document, indent, ensure_ascii)
    else:
        text = json.dumps(document, indent=indent, separators=separators, ensure_ascii=ensure_ascii)
    # json.dumps writes these characters only inside strings, where \\uXXXX means the same.
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _indented(document: Any, indent: int, ensure_ascii: bool) -> str:
    """What ``json.dumps(document, indent=indent, ensure_ascii=ensure_ascii)`` writes, built with
    the C string encoder: the standard library falls back to its pure-Python encoder whenever an
    indent is asked for, which costs a large monorepo's report a tenth of a second. A document
    holding anything but JSON's own types (a non-string key, an unknown object) is left to
    ``json.dumps`` itself, so the output and the errors stay the library's."""
    string = json.encoder.encode_basestring_ascii if ensure_ascii else json.encoder.encode_basestring
    out: list[str] = []
    try:
        _write(document, string, " " * indent, "\n", out)
    except _NotPlain:
        return json.dumps(document, indent=indent, ensure_ascii=ensure_ascii)
    return "".join(out)


class _NotPlain(Exception):
    """A value ``_write`` leaves to ``json.dumps``."""


def _write(value: Any, string: Any, step: str, newline: str, out: list[str]) -> None:
    """Append ``value`` as indented JSON; ``newline`` is a newline and the current indentation."""
    if isinstance(value, str):
        out.append(string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + step
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotPlain
            out.append(separator)
            out.append(string(key))
            out.append(": ")
            _write(item, string, step, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + step
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write(item, string, step, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise _NotPlain


def _float(value: float) -> str:
    """A float as ``json.dumps`` writes it (``NaN`` and the infinities included)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def truncate(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, an ellipsis marking the cut."""
    return value if len(value) <= limit else value[: max(limit - 1, 0)] + "…"
