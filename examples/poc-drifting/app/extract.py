"""Read the total, currency and due date from OCR text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOTAL = re.compile(r"(?im)^\s*(?:total|amount due|balance due)\D{0,20}([\d.,]+)\s*(EUR|USD|GBP|€|\$|£)?")
_DUE = re.compile(r"(?i)due(?: date)?\s*[:\-]?\s*(\d{1,2}[./-]\d{1,2}[./-]\d{2,4})")
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}


@dataclass(frozen=True)
class Invoice:
    total: float | None
    currency: str | None
    due: str | None


def parse_amount(raw: str) -> float:
    """'1.234,50' and '1,234.50' both become 1234.5."""
    if raw.count(",") and raw.rfind(",") > raw.rfind("."):
        raw = raw.replace(".", "").replace(",", ".")
    return float(raw.replace(",", ""))


def extract(text: str) -> Invoice:
    total = _TOTAL.search(text)
    due = _DUE.search(text)
    currency = total.group(2) if total else None
    return Invoice(
        total=parse_amount(total.group(1)) if total else None,
        currency=_SYMBOLS.get(currency, currency) if currency else None,
        due=due.group(1) if due else None,
    )
