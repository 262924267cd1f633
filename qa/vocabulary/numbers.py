"""Numbers as Danish minutes write them: 6.749.600 kr., kr. 4.778.260, 6,7 mio., 3,7 %, vote counts,
counted things ("1.100 arbejdstimer") and numbers written as words ("fem")."""

from __future__ import annotations

import re

# An amount with its unit, before or after the digits: "6.749.600 kr.", "6,7 mio.", "3,7 %", "kr. 4.778.260".
AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(mio\.?|millioner|million|mia\.?|milliarder|kr\.?|kroner|%|pct\.?|procent)"
                     r"|\b(kr\.?)\s*\**(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)", re.IGNORECASE)  # "kr. 4.778.260" too
# A vote count: "6 stemmer for og 1 stemme imod", "17 for og 3 imod".
VOTES = re.compile(r"(\d+)\s+stemm?er?\s+for\b.{0,30}?(\d+)\s+stemm?er?\s+imod|(\d+)\s+for\s+og\s+(\d+)\s+imod", re.IGNORECASE)
# A counted thing: "1.100 arbejdstimer", "25 deltagere".
QUANTITY = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s+([a-zæøå]{4,})", re.IGNORECASE)
YEAR = re.compile(r"^(19|20)\d\d$")
# What an amount question's answer must hold: an amount with a unit, or a number with thousands separators.
_AMOUNT_IN_SENTENCE = re.compile(r"\d[\d.]*(?:,\d+)?\s*(?:kr\b|kroner|mio|mia|%|pct|procent)|\d{1,3}(?:\.\d{3})+", re.IGNORECASE)
# What a "hvor mange" question's answer must hold: a number that is not part of a date, or a number word.
_COUNT = re.compile(r"\b\d+\b(?!\s*[-./]\s*\d)|\b(?:to|tre|fire|fem|seks|syv|otte|ni|ti|tolv|tyve)\b", re.IGNORECASE)


def has_amount(text: str) -> bool:
    """An amount with its unit (the AMOUNT pattern)."""
    return bool(AMOUNT.search(text))


def states_amount(sentence: str) -> bool:
    return bool(_AMOUNT_IN_SENTENCE.search(sentence))


def states_count(sentence: str) -> bool:
    return bool(_COUNT.search(sentence))


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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # any number as written: "6.749.600", "3,7", "2023"


def numbers_in(text: str) -> list[str]:
    return _NUMBER.findall(text)


# Numbers written as words, as a generated sentence or the minutes may write a count ("fem stemmer for", "tre
# løsninger"). Not "en"/"et"/"one": articles and pronouns far more often than counts; not "to" in English.
_NUMBER_WORDS = {
    "da": dict(zip("to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten sytten atten nitten "
                   "tyve".split(), range(2, 21), strict=True)),
    "en": dict(zip("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                   "seventeen eighteen nineteen twenty".split(), range(2, 21), strict=True)),
}
_WORD = re.compile(r"[^\W\d_]+")


def spelled_numbers(text: str, language: str = "da") -> list[int]:
    """The numbers a text writes as words, in the text's language: "syv stemmer for og to imod" → [7, 2]."""
    words = _NUMBER_WORDS[language]
    return [words[w] for w in _WORD.findall(text.lower()) if w in words]


def stated_amounts(text: str) -> tuple[set[tuple[float, str]], list[str]]:
    """The amounts of a text with their units (see `amounts`), and the numbers outside them as written:
    "4,25 mio. kr. over 3 år" → ({(4250000, "kr~")}, ["3"])."""
    return amounts(text), numbers_in(AMOUNT.sub(" ", text))


def supports_amount(stated: tuple[float, str], claimed: tuple[float, str]) -> bool:
    """Whether a stated amount bears out a claimed one: the same unit; a claim in millions may round the
    stated figure ("4,25 mio. kr." for 4.250.000 kr.); an exact claim must be exact ("1.490.000 kr." is not
    "1,5 mio. kr.")."""
    if claimed[1] == "kr" and claimed[1] != stated[1]:
        return stated[1] == "kr~" and claimed[0] == stated[0]
    return same_amount(claimed, stated)
