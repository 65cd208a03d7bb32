"""A README badge in the shields.io "flat" style: ``stage | POC``, coloured by verdict.

Text widths come from a per-character table of Verdana advance widths at 11px (the font shields.io
measures with), so the badge needs no font at render time and no network.
"""

from __future__ import annotations

from dataclasses import dataclass

from pocmvp_lint.findings import VERDICTS, ProjectResult
from pocmvp_lint.formatters.escape import xml

#: Verdana advance widths in font units (2048 per em) for printable ASCII; 11px = units * 11 / 2048.
_VERDANA_UNITS: dict[str, int] = {
    " ": 720,
    "!": 822,
    '"': 1047,
    "#": 1876,
    "$": 1430,
    "%": 2430,
    "&": 1640,
    "'": 562,
    "(": 1040,
    ")": 1040,
    "*": 1430,
    "+": 1876,
    ",": 745,
    "-": 882,
    ".": 745,
    "/": 1067,
    "0": 1302,
    "1": 1302,
    "2": 1302,
    "3": 1302,
    "4": 1302,
    "5": 1302,
    "6": 1302,
    "7": 1302,
    "8": 1302,
    "9": 1302,
    ":": 932,
    ";": 932,
    "<": 1876,
    "=": 1876,
    ">": 1876,
    "?": 1106,
    "@": 2048,
    "A": 1401,
    "B": 1405,
    "C": 1430,
    "D": 1577,
    "E": 1294,
    "F": 1178,
    "G": 1587,
    "H": 1540,
    "I": 862,
    "J": 931,
    "K": 1423,
    "L": 1145,
    "M": 1751,
    "N": 1532,
    "O": 1612,
    "P": 1255,
    "Q": 1612,
    "R": 1427,
    "S": 1401,
    "T": 1247,
    "U": 1499,
    "V": 1401,
    "W": 2028,
    "X": 1403,
    "Y": 1247,
    "Z": 1405,
    "[": 1040,
    "\\": 1067,
    "]": 1040,
    "^": 1876,
    "_": 1302,
    "`": 1302,
    "a": 1229,
    "b": 1276,
    "c": 1067,
    "d": 1276,
    "e": 1220,
    "f": 720,
    "g": 1276,
    "h": 1296,
    "i": 562,
    "j": 676,
    "k": 1187,
    "l": 562,
    "m": 1992,
    "n": 1296,
    "o": 1243,
    "p": 1276,
    "q": 1276,
    "r": 874,
    "s": 1067,
    "t": 807,
    "u": 1296,
    "v": 1187,
    "w": 1683,
    "x": 1187,
    "y": 1187,
    "z": 1047,
    "{": 1300,
    "|": 1067,
    "}": 1300,
    "~": 1876,
}
_DEFAULT_UNITS = 1400  # anything outside the table: a wide-ish glyph, so the text never overflows
FONT_SIZE = 11
PADDING = 5  # horizontal space on each side of a text, as in shields.io

COLOURS: dict[str, str] = {
    "clean": "#4c1",  # brightgreen
    "ready": "#4c1",
    "drifting": "#fe7d37",  # orange
    "not-ready": "#dfb317",  # yellow
    "undeclared": "#e05d44",  # red
}
LABEL_COLOUR = "#555"


def text_width(text: str) -> float:
    """Estimated width in pixels of ``text`` in Verdana 11px."""
    units = sum(_VERDANA_UNITS.get(ch, _DEFAULT_UNITS) for ch in text)
    return units * FONT_SIZE / 2048


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    colour: str
    title: str


def badge_for(project: ProjectResult) -> Badge:
    message = project.stage.label if project.stage else "undeclared"
    verdict = VERDICTS.get(project.verdict, project.verdict)
    return Badge(
        label="stage",
        message=message,
        colour=COLOURS.get(project.verdict, "#9f9f9f"),
        title=f"stage: {message} ({verdict})",
    )


def render_svg(badge: Badge, ident: str = "") -> str:
    """A standalone, valid SVG (with ``<title>`` and ``aria-label`` for screen readers).

    ``ident`` prefixes the SVG's internal ids, for several badges inlined in one HTML page.
    """
    left = round(text_width(badge.label) + 2 * PADDING)
    right = round(text_width(badge.message) + 2 * PADDING)
    total = left + right
    # Text is drawn at 10x and scaled down, like shields.io, for crisp sub-pixel positions.
    lx, rx = left * 5, left * 10 + right * 5
    llen, rlen = round(text_width(badge.label) * 10), round(text_width(badge.message) * 10)
    label, message = xml(badge.label), xml(badge.message)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" '
        f'viewBox="0 0 {total} 20" role="img" '
        f'aria-label="{xml(badge.title)}">'
        f"<title>{xml(badge.title)}</title>"
        f'<linearGradient id="{ident}s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="{ident}r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#{ident}r)"><rect width="{left}" height="20" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{badge.colour}"/>'
        f'<rect width="{total}" height="20" fill="url(#{ident}s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'text-rendering="geometricPrecision" font-size="110">'
        f'<text aria-hidden="true" x="{lx}" y="150" fill="#010101" fill-opacity=".3" '
        f'transform="scale(.1)" textLength="{llen}">{label}</text>'
        f'<text x="{lx}" y="140" transform="scale(.1)" fill="#fff" textLength="{llen}">{label}</text>'
        f'<text aria-hidden="true" x="{rx}" y="150" fill="#010101" fill-opacity=".3" '
        f'transform="scale(.1)" textLength="{rlen}">{message}</text>'
        f'<text x="{rx}" y="140" transform="scale(.1)" fill="#fff" textLength="{rlen}">{message}</text>'
        "</g></svg>"
    )


def markdown_snippet(badge: Badge, target: str) -> str:
    """Markdown that embeds the badge file ``target`` (a path relative to the README)."""
    alt = badge.title.replace("]", "\\]").replace("[", "\\[")
    return f"![{alt}]({target.replace(' ', '%20')})"
