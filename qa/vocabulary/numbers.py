"""Numbers as Danish minutes write them: 6.749.600 kr., kr. 4.778.260, 6,7 mio., 3,7 %, vote counts."""

from __future__ import annotations

import re

AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(mio\.?|millioner|million|mia\.?|milliarder|kr\.?|kroner|%|pct\.?|procent)"
                     r"|\b(kr\.?)\s*\**(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)", re.IGNORECASE)  # "kr. 4.778.260" too
VOTES = re.compile(r"(\d+)\s+stemm?er?\s+for\b.{0,30}?(\d+)\s+stemm?er?\s+imod|(\d+)\s+for\s+og\s+(\d+)\s+imod", re.IGNORECASE)
QUANTITY = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s+([a-zæøå]{4,})", re.IGNORECASE)
YEAR = re.compile(r"^(19|20)\d\d$")



def parse_number(text: str) -> float:
    """'6.749.600' → 6749600.0; '3,7' → 3.7."""
    return float(text.replace(".", "").replace(",", "."))


def amounts(text: str) -> set[tuple[float, str]]:
    """Amounts as (value in base unit, unit): 6,7 mio. kr. → (6700000, 'kr'), 3,7 % → (3.7, '%')."""
    found = set()
    for match in AMOUNT.finditer(text):
        digits, unit = (match[1], match[2]) if match[1] else (match[4], match[3])
        value, unit = parse_number(digits), unit.lower().rstrip(".")
        if unit.startswith(("mio", "million")):
            found.add((round(value * 1_000_000), "kr~"))  # ~: a rounded figure
        elif unit.startswith(("mia", "milliard")):
            found.add((round(value * 1_000_000_000), "kr~"))
        elif unit in ("%", "pct", "procent"):
            found.add((value, "%"))
        else:
            found.add((round(value), "kr"))
    return found


def same_amount(claimed: tuple[float, str], stated: tuple[float, str]) -> bool:
    """The same amount: exact, except that a claim in millions may round ('6,7 mio.' for 6.749.600 kr.,
    within 1 %; '7 mio.' is not 6.749.600 kr.)."""
    (a, unit_a), (b, unit_b) = claimed, stated
    if unit_a.rstrip("~") != unit_b.rstrip("~"):
        return False
    if unit_a == "%":
        return abs(a - b) < 0.005
    if unit_a.endswith("~") or unit_b.endswith("~"):
        return abs(a - b) / max(a, b) < 0.01
    return a == b


def show_amount(amount: tuple[float, str]) -> str:
    value, unit = amount
    if unit == "%":
        return f"{value:g} %".replace(".", ",")
    return f"{value:,.0f} kr.".replace(",", ".")


def votes(text: str) -> tuple[int, int] | None:
    match = VOTES.search(text)
    if not match:
        return None
    values = [int(v) for v in match.groups() if v is not None]
    return values[0], values[1]
