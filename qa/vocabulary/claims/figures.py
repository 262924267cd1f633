"""Figures as claims and minutes state them: amounts with their hedges ("godt 10 %", "knap 430.000 kr.",
"ca. 640 mio. kr."), ranges, rates ("pr. time", "årligt"), English decimals, "kr. 4.778.260",
"429.691,00 kr."; counted things ("120 pladser", "nr. 18"); the words a claim states a figure with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.vocabulary.words import stem, tokens

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"


_SCALE = r"mio\.?|millioner|million|mia\.?|milliarder|milliard|billion"


_CURRENCY = r"kr\.?|kroner|dkk"


_PERCENT = r"%|pct\.?|procent|percent"


_HEDGE = r"godt|lidt over|over|mere end|mindst|more than|at least|knapt|knap|næsten|lidt under|under|nearly|almost|just under|" \
         r"ca\.?|cirka|omkring|about|around|approximately|approx\.?|roughly"


AMOUNT_TEXT = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?(?:(?P<pre>{_CURRENCY})\s*\**)?(?P<low>{_NUM})(?:\s*(?:-|–|til|to)\s*(?P<high>{_NUM}))?"
    rf"\s*(?:(?P<scale>{_SCALE})\s*)?(?P<unit>{_CURRENCY}|{_PERCENT})?(?![\w])",
    re.IGNORECASE)


# "pr. time", "per time", "i timen", "om året", "årligt", "pr. byggesag", "a year", "per hour"
_RATE = re.compile(r"\s*(?:(?:pr\.?|per|a|an)\s+([a-zæøå]{2,})|(?:i|om)\s+(timen|året|måneden|ugen|døgnet)|(årligt|månedligt|"
                   r"ugentligt|yearly|annually))\b", re.IGNORECASE)


_RATE_WORDS = {stem("timen"): stem("time"), stem("året"): stem("år"), stem("årligt"): stem("år"), "hour": stem("time"),
               "year": stem("år"), "annual": stem("år"), "yearly": stem("år"), stem("måneden"): stem("måned"),
               stem("månedligt"): stem("måned"), "month": stem("måned")}


_ABOVE = {"godt", "lidt over", "over", "mere end", "mindst", "more than", "at least"}


_BELOW = {"knap", "knapt", "næsten", "lidt under", "under", "nearly", "almost", "just under"}


@dataclass(frozen=True)
class Amount:
    """An amount as stated: its value range in kroner (or per cent), how it is hedged, and where it sits."""

    low: float
    high: float
    unit: str  # "kr" or "%"
    hedge: str  # "", "above" ("godt"), "below" ("knap"), "about" ("ca."), "rounded" (a figure in millions)
    text: str
    start: int
    end: int
    per: str = ""  # the rate, stemmed: "time" for "771 kr. pr. time" / "i timen", "år" for "årligt", "byggesag"
    rate: str = ""  # the rate as written: "pr. time", "i timen", "årligt"

    def show(self) -> str:
        def one(value: float) -> str:
            if self.unit == "%":
                return f"{value:g} %".replace(".", ",")
            if value >= 1_000_000 and self.hedge in ("about", "rounded"):
                return f"{value / 1_000_000:g}".replace(".", ",") + " mio. kr."
            return f"{value:,.0f} kr.".replace(",", ".")
        shown = one(self.low) if self.low == self.high else f"{one(self.low)}–{one(self.high)}"
        return f"{shown} {self.rate}" if self.rate else shown


def _number(text: str, english: bool) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    if english and "." in text:
        return float(text)
    return float(text.replace(".", "").replace(",", "."))


def amounts_in(text: str, english: bool = False) -> list[Amount]:
    """The amounts of a text, with their hedges; a number without a currency, scale or per cent is not one."""
    found = []
    for m in AMOUNT_TEXT.finditer(text):
        scale, unit, pre = (m["scale"] or "").lower(), (m["unit"] or "").lower(), (m["pre"] or "").lower()
        if not (scale or unit or pre):
            continue
        percent = bool(unit) and bool(re.fullmatch(_PERCENT, unit, re.IGNORECASE))
        factor = 1.0
        if scale.startswith(("mio", "million")):
            factor = 1_000_000
        elif scale.startswith(("mia", "milliard", "billion")):
            factor = 1_000_000_000
        low = _number(m["low"], english) * factor
        high = _number(m["high"], english) * factor if m["high"] else low
        hedge_word = (m["hedge"] or "").lower().rstrip(".")
        hedge = ("above" if hedge_word in _ABOVE else "below" if hedge_word in _BELOW
                 else "about" if hedge_word else "rounded" if factor > 1 and not percent else "")
        rate = _RATE.match(text, m.end())
        per = next((stem(g.lower()) for g in rate.groups() if g), "") if rate else ""
        per = _RATE_WORDS.get(per, per)
        written = rate[0].strip() if rate else ""
        found.append(Amount(low, high, "%" if percent else "kr", hedge, m[0].strip(), m.start(), m.end(), per, written))
    return found


def same_amount(claimed: Amount, stated: Amount) -> bool:
    """Whether a stated amount bears out a claimed one: exact, or within the claim's hedge ("godt 10 %" is
    10 to 11.5 %, "knap 430.000" 387.000 to 430.000, "ca." and millions within 5 % and 1 %)."""
    if claimed.unit != stated.unit or (claimed.per and stated.per and claimed.per != stated.per):
        return False

    def fits(c: float, s: float) -> bool:
        if claimed.hedge == "above":
            return c <= s <= c * 1.15
        if claimed.hedge == "below":
            return c * 0.9 <= s <= c
        if claimed.hedge == "about":
            return abs(c - s) <= 0.05 * max(c, s)
        if "rounded" in (claimed.hedge, stated.hedge):
            return abs(c - s) <= 0.01 * max(c, s)
        return c == s
    return fits(claimed.low, stated.low) and fits(claimed.high, stated.high)


# "120 pladser", "72 boliger", "nr. 18", "98 kommuner": a number and the noun it counts.
QUANTITY_TEXT = re.compile(r"(?<![\d.,])(\d+(?:\.\d{3})*)\s+([a-zæøå]{4,})", re.IGNORECASE)


_RANK = re.compile(r"\bnr\.?\s*(\d+)|\bnumber\s+(\d+)|\b(\d+)\.\s*plads", re.IGNORECASE)


def quantities_in(text: str) -> list[tuple[str, str, int, str]]:
    """(number, noun stem, position, the noun as written) of counted things; years and amounts are not."""
    out = []
    for m in QUANTITY_TEXT.finditer(text):
        number, noun = m[1], m[2].lower()
        if re.fullmatch(r"(19|20)\d\d", number) or re.match(rf"{_SCALE}|{_CURRENCY}|{_PERCENT}|stemm|for\b|imod|vote|against", noun, re.IGNORECASE):
            continue
        out.append((number, stem(noun), m.start(), m[2]))
    for m in _RANK.finditer(text):
        out.append((next(g for g in m.groups() if g), "nr", m.start(), "nr."))
    return out


_HEDGE_WORDS = frozenset({"godt", "knap", "knapt", "ca", "cirka", "omkring", "næsten", "over", "under", "about", "around",
                          "nearly", "almost", "kr", "dkk"})


def words_before(text: str, position: int, n: int = 3) -> list[str]:
    """The n words before a figure in a claim ("Der søges i alt om 4.994.488 kr." → i, alt, om), hedges left out."""
    words = [w for w in tokens(text[:position]) if "-" not in w and w not in _HEDGE_WORDS]
    return words[-n:] if len(words) >= n else []


def says_with(sentence: str, words: list[str]) -> bool:
    """Whether the sentence states something with the same words the claim uses before its figure."""
    found = [w for w in tokens(sentence) if "-" not in w]
    return bool(words) and any(found[i:i + len(words)] == words for i in range(len(found) - len(words) + 1))
