"""Turn a supplier name into a comparable key."""

from __future__ import annotations

import re
import unicodedata

LEGAL_SUFFIXES = (
    "limited",
    "ltd",
    "gmbh",
    "sa",
    "s a",
    "sarl",
    "bv",
    "plc",
    "inc",
    "llc",
    "co",
    "company",
    "corp",
)
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Lower-case, strip accents, punctuation and trailing legal-form words."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()
    words = text.split(" ")
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)
