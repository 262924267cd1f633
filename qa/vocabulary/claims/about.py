"""What a claim is about, beside what it states: its clauses ("..., og ..."), the words that only say
what was done, section and ordinal numbers ("§79", "2. behandling"), the month it dates a meeting
to, what it names, comparisons and rankings ("billigste", "flere end").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from qa.vocabulary.dates import MONTHS
from qa.vocabulary.words import detect_language

# Rankings and comparisons, each with its opposite: "den 11. billigste kommune", "højeste andel", "flere end".
_OPPOSITES = [("billigste", "dyreste"), ("højeste", "laveste"), ("største", "mindste"), ("flest", "færrest"),
              ("bedste", "dårligste"), ("flere end", "færre end"), ("cheapest", "most expensive"), ("highest", "lowest"),
              ("largest", "smallest"), ("more than", "fewer than")]
_OPPOSITE = {a: b for a, b in _OPPOSITES} | {b: a for a, b in _OPPOSITES}
_COMPARISON = re.compile(r"(?:\b(\d{1,3})\.\s+)?\b(" + "|".join(sorted(_OPPOSITE, key=len, reverse=True)) + r")\b(?!\s*\d)",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Comparison:
    """A ranking or comparison a text states: "den 11. billigste" → word billigste, rank 11, opposite dyreste."""

    word: str
    opposite: str
    rank: str | None
    position: int


def comparisons(text: str) -> list[Comparison]:
    """The rankings and comparisons of a text (not "flere end 10", a figure's hedge)."""
    return [Comparison(m[2].lower(), _OPPOSITE[m[2].lower()], m[1], m.start()) for m in _COMPARISON.finditer(text)]


def ranks(sentence: str, word: str) -> set[str]:
    """The ranks a sentence gives with a comparison word: "den 18. billigste ... den 15. billigste" → 18, 15."""
    return {c.rank for c in comparisons(sentence) if c.word == word and c.rank}


# A claim of two coordinated statements ("X fik 11 mio. kr., og Enhedslisten stemte imod"; "..., mens Ø
# undlod"; "...; ..."; "..., and the committee decided ...") is judged clause by clause.
CLAUSE_BREAK = re.compile(r",\s+(?:og|men|mens|and|but|while)\s+|;\s+", re.IGNORECASE)


# What a claim adds in a further clause, coordinated or relative ("..., som skal bruges til et nyt museum").
_ANY_CLAUSE = re.compile(r",\s+(?:og|men|mens|and|but|while|som|der|hvor|which|that|where)\s+|;\s+", re.IGNORECASE)


def further_clauses(text: str) -> list[tuple[int, str]]:
    """(position, text) of each clause after the first, relative clauses included."""
    breaks = list(_ANY_CLAUSE.finditer(text))
    ends = [m.start() for m in breaks[1:]] + [len(text)] if breaks else []
    return [(m.end(), text[m.end():end].strip(" .")) for m, end in zip(breaks, ends, strict=True)]


def clause_starts(text: str) -> list[int]:
    """Where each clause after the first begins."""
    return [m.end() for m in CLAUSE_BREAK.finditer(text)]


# Words of a claim that say what was done or how it was voted, not what it is about: they are checked
# (the act, the vote), never what finds the item.
CLAIM_CUE_WORDS = frozenset("""
besluttede besluttet vedtog vedtaget godkendte godkendt bevilgede bevilget bevilling anbefalede anbefalet fastsatte
fastsat valgte pegede udpegede afviste afvist fastholdt behandlede behandlet behandling stemte stemmer stemme stemmes
imod undlod enstemmigt enstemmig uden kun dermed hver ét blev fik gav tog sagde nej efterretning overvægt fordi idet
indeholdt fordelte tildelte nr ca cirka omkring godt knap knapt næsten
decided approved adopted voted granted rejected unanimously against only
""".split())


_ORDINAL_OR_SECTION = re.compile(r"§\s*(\d+)|(?<![\d.,])(\d{1,2})\.\s+(?=[a-zæøå])(?!billigste|dyreste|højeste|laveste|største|mindste|bedste)")


def topical_numbers(text: str) -> set[str]:
    """Numbers that name what a claim is about rather than state a fact: "§79", "2. behandling"."""
    return {m[1] or m[2] for m in _ORDINAL_OR_SECTION.finditer(text)}


_MONTH_YEAR = re.compile(r"\b(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|"
                         r"february|march|may|june|july|october)\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def month_period(text: str) -> tuple[date, date] | None:
    """The first and last day of the first month a claim names with its year ("i januar 2024")."""
    for month, year in month_years(text):
        number = MONTHS.get(month)
        if number:
            first = date(int(year), number, 1)
            last = date(int(year) + (number == 12), number % 12 + 1, 1) - timedelta(days=1)
            return first, last
    return None


def month_years(text: str) -> list[tuple[str, str]]:
    """(month, year) as a claim dates a meeting: "i januar 2024"."""
    return [(m[1].lower(), m[2]) for m in _MONTH_YEAR.finditer(text)]


_INSIDE_CAPITAL = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÆØÅ][a-zæøå]{2,})")


_ENGLISH_FRAME = frozenset({"The", "City", "Council", "Committee", "Municipality", "In", "On", "DKK"})


def is_frame_name(name: str) -> bool:
    """A capitalised phrase that frames an English claim rather than naming a thing ("City Council", "In May")."""
    return all(w in _ENGLISH_FRAME or w in _MONTH_NAMES for w in name.split())


_MONTH_NAMES = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                          "November", "December"})


def capitalised_words(text: str) -> list[str]:
    """Capitalised words inside a claim's sentences: what it names ("Greve Rådhus", "Tune Skole")."""
    return [w for w in _INSIDE_CAPITAL.findall(text) if w not in _ENGLISH_FRAME and w not in _MONTH_NAMES]


def looks_like_noun(word: str) -> bool:
    """A long word that is not a past-tense verb ("skatepark", "betalingsparkering"; not "forkastede",
    "anslog"): what a claim is about, where the minutes never using it says they do not speak to it."""
    return len(word) >= 8 and "-" not in word and not word.endswith(("ede", "te")) and not word[0].isdigit()


# A name or title inside a claim, with the small words it carries ("Flere skal med 2", "Kultur- og Fritid"):
# data, not the claim's language.
_TITLE_RUN = re.compile(r"(?<=\s)[A-ZÆØÅ][\wæøå-]*(?:\s+(?:skal|med|og|i|til|af|for|på|om|de|det|den|at|\d+|[A-ZÆØÅ][\wæøå-]*))*")


def claim_language(text: str) -> str:
    """'da' or 'en': the language of the claim's own words, the names and titles it quotes left out
    ("Randers receives 6,7 million kr. for the project Flere skal med 2" is English)."""
    return detect_language(_TITLE_RUN.sub(" ", text))
