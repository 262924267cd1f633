"""Dates and periods as questions and claims write them, in Danish and English.

"den 14. januar 2020", "14-01-2020", "January 14, 2020" name a day; "i januar 2023" a month; "i 2022",
"året 2022" a year ("2023-24" is a budget period, not a year); "i efteråret 2023", "op til jul 2023" a part of
a year. The minutes' own date formats are parsed
by `ingest.vocabulary.parse_date`; this module adds the English and the question forms.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ingest.vocabulary import MONTHS as DANISH_MONTHS

MONTHS: dict[str, int] = DANISH_MONTHS | {
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_WORDS = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)  # 14. januar 2020
_DAY_WORDS_EN = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)  # January 14, 2020
_DAY_NUMERIC = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")  # 14-01-2020, 14.01.2020, 14/1/2020
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)  # januar 2023
# A year named as a period: "i 2022", "året 2022", "in 2022"; not "2023-24" or "2023/24".
_YEAR = re.compile(r"\b(?:i|in|during|fra|år|året|year)\s+((?:19|20)\d{2})\b(?!\s*[-/–]\s*\d)", re.IGNORECASE)
_YEAR_TOKEN = re.compile(r"^(19|20)\d{2}$")
# A sentence that states a date or a time of year: what "hvornår" questions want.
_DATE_IN_SENTENCE = re.compile(
    rf"\d{{1,2}}\.\s*[a-zæøå]+\s+\d{{4}}|\d{{1,2}}[-.]\d{{1,2}}[-.]\d{{4}}|\b(?:{_MONTH})\s+\d{{4}}|\b(?:uge|kvartal)\s+\d",
    re.IGNORECASE,
)


def exact_day(text: str) -> date | None:
    """The first day the text names in full (day, month and year), in any of the forms above."""
    for pattern, order in ((_DAY_WORDS, "dmy"), (_DAY_WORDS_EN, "mdy"), (_DAY_NUMERIC, "dmy_num")):
        for match in pattern.finditer(text):
            try:
                if order == "dmy":
                    return date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
                if order == "mdy":
                    return date(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
                return date(int(match[3]), int(match[2]), int(match[1]))
            except (ValueError, KeyError):
                continue
    return None


def without_days(text: str) -> str:
    """The text with every full date taken out."""
    return _DAY_NUMERIC.sub(" ", _DAY_WORDS_EN.sub(" ", _DAY_WORDS.sub(" ", text)))


def month_period(text: str) -> tuple[date, date, str] | None:
    """The month the text names ("i januar 2023" → 2023-01-01..2023-01-31) and the text without it."""
    match = _MONTH_YEAR.search(text)
    if not match:
        return None
    year, month = int(match[2]), MONTHS[match[1].lower()]
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), _MONTH_YEAR.sub(" ", text)


# A part of a year: the months (first, last) it spans. "op til jul" is the run-up to Christmas.
_SEASONS: dict[str, tuple[int, int]] = {
    "foråret": (3, 5), "forår": (3, 5), "spring": (3, 5),
    "sommeren": (6, 8), "sommerferien": (6, 8), "sommer": (6, 8), "summer": (6, 8), "summer break": (6, 8),
    "efteråret": (9, 11), "efterår": (9, 11), "autumn": (9, 11), "fall": (9, 11),
    "jul": (11, 12), "julen": (11, 12), "christmas": (11, 12),
    "første halvår": (1, 6), "1. halvår": (1, 6), "andet halvår": (7, 12), "2. halvår": (7, 12),
    "starten af": (1, 3), "begyndelsen af": (1, 3), "slutningen af": (10, 12), "the beginning of": (1, 3),
    "the end of": (10, 12),
}
_SEASON = re.compile(
    rf"\b({'|'.join(sorted((re.escape(k) for k in _SEASONS), key=len, reverse=True))})\s+((?:19|20)\d{{2}})\b(?!\s*[-/–]\s*\d)",
    re.IGNORECASE)
_YEAR_SEASON = re.compile(  # English order: "the 2024 summer break"
    rf"\b((?:19|20)\d{{2}})\s+({'|'.join(sorted((re.escape(k) for k in _SEASONS), key=len, reverse=True))})\b",
    re.IGNORECASE)


def season_period(text: str) -> tuple[date, date, str] | None:
    """The part of a year the text names ("i efteråret 2023" → 2023-09-01..2023-11-30, "op til jul 2023",
    "før sommerferien 2025", "i slutningen af 2024") and the text without it."""
    if match := _SEASON.search(text):
        season, year, pattern = match[1], int(match[2]), _SEASON
    elif match := _YEAR_SEASON.search(text):
        season, year, pattern = match[2], int(match[1]), _YEAR_SEASON
    else:
        return None
    first, last = _SEASONS[season.lower()]
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), pattern.sub(" ", text)


# A span of years, "fra 2019 til 2021", "fra 2022, hvor ..., til beslutningen i 2024", "from 2019 to 2021":
# the words between belong to the question (kept), the two years make one period.
_YEAR_SPAN = re.compile(
    r"\b(?:fra|from)\s+((?:19|20)\d{2})\b(?!\s*[-/–]\s*\d)([^.?!]{0,100}?\b(?:til|to|until)\b[^.?!\d]{0,60}?)"
    r"((?:19|20)\d{2})\b(?!\s*[-/–]\s*\d)", re.IGNORECASE)


def year_period(text: str) -> tuple[date, date, str] | None:
    """The year the text names as a period ("i 2022"), or the span of years ("fra 2019 til 2021"), and the
    text without it."""
    if (span := _YEAR_SPAN.search(text)) and int(span[1]) < int(span[3]):
        rest = f"{text[:span.start()]} {span[2]} {text[span.end():]}"
        return date(int(span[1]), 1, 1), date(int(span[3]), 12, 31), _YEAR.sub(" ", rest)
    match = _YEAR.search(text)
    if not match:
        return None
    year = int(match[1])
    return date(year, 1, 1), date(year, 12, 31), _YEAR.sub(" ", text)


def names_period(text: str, since: date, until: date) -> bool:
    """Whether a text names a day or a month inside a period ("mødet den 31. januar 2024", "i januar 2024"):
    a case decided in December about a meeting in January names January."""
    days = [(int(m[3]), MONTHS[m[2].lower()], int(m[1])) for m in _DAY_WORDS.finditer(text)]
    days += [(int(m[3]), MONTHS[m[1].lower()], int(m[2])) for m in _DAY_WORDS_EN.finditer(text)]
    days += [(int(m[3]), int(m[2]), int(m[1])) for m in _DAY_NUMERIC.finditer(text)]
    months = [(int(m[2]), MONTHS[m[1].lower()]) for m in _MONTH_YEAR.finditer(text)]
    first, last = (since.year, since.month), (until.year, until.month)
    return any(first <= (y, m) <= last and (since <= _day(y, m, d) <= until) for y, m, d in days) or any(
        first <= month <= last for month in months)


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # "31-02-2024": not a day; outside every period
        return date.min


def is_year(token: str) -> bool:
    return bool(_YEAR_TOKEN.match(token))


def states_date(sentence: str) -> bool:
    """Whether a sentence states a date or a time of year ("14. januar 2020", "uge 12", "marts 2023")."""
    return bool(_DATE_IN_SENTENCE.search(sentence))


# A year as a question names it, alone or as a span: "2022", "2023-24", "2024-2027", "2026/27".
_NAMED_YEARS = re.compile(r"(?<!\d)(?<!\d[.,])((?:19|20)\d{2})(?:\s*[-/–]\s*(\d{2}|(?:19|20)\d{2}))?(?![\d.,]\d)")
_BEFORE_YEAR = frozenset(("i", "for", "fra", "til", "af", "in", "of", "from", "to", "året", "year", "den", "d"))


def named_years(text: str) -> list[tuple[frozenset[int], str | None]]:
    """Every year or span of years the text names, with the word it belongs to when a bare year follows
    one ("trafikbestillingen for 2022": 2022 of "trafikbestillingen", "budget 2026-29"; a year after a month
    or a day dates a meeting and belongs to no word)."""
    found: list[tuple[frozenset[int], str | None]] = []
    for match in _NAMED_YEARS.finditer(text):
        first = int(match[1])
        last = match[2] and (int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2]))
        years = frozenset(range(first, last + 1)) if last and first < last <= first + 10 else frozenset({first})
        before = [w for w in re.findall(r"[\wæøåÆØÅ'-]+", text[: match.start()].lower()) if w not in _BEFORE_YEAR]
        owner = before[-1] if before and not (before[-1] in MONTHS or any(c.isdigit() for c in before[-1])) else None
        found.append((years, owner))
    return found


def years_in(text: str) -> set[int]:
    """Every year the text names, a span's years included."""
    return {y for years, _ in named_years(text) for y in years}


_SPAN_OWNERS = frozenset(("år", "årene", "perioden", "periode", "years", "period"))


def year_span(text: str) -> tuple[int, int] | None:
    """The span of years a question asks over ("fra 2022 til 2025", "år for år 2023-2025", "i 2023-2025",
    "from 2019 to 2021"), its first and last year; not a span that belongs to a word ("budget 2023-26",
    "Byråd 2022-2025"), nor years joined by "og" ("for 2023 og 2024": two years of one case)."""
    if (span := _YEAR_SPAN.search(text)) and int(span[1]) < int(span[3]) <= int(span[1]) + 10:
        return int(span[1]), int(span[3])
    for years, owner in named_years(text):
        if len(years) > 1 and (owner is None or owner in _SPAN_OWNERS):
            return min(years), max(years)
    return None


# A day as a text (generated or the minutes) writes it, with or without its year: "3. april 2025", "den 3.
# april", "14-08-2025", "April 3, 2025".
_STATED_DAY = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)


def stated_days(text: str) -> tuple[set[tuple[int, int, int | None]], str]:
    """The days a text names, as (day, month, year or None), and the text without them (their numbers are
    a date's, not counts): "den 3. april 2025 og 14-08-2025" → {(3, 4, 2025), (14, 8, 2025)}."""
    days: set[tuple[int, int, int | None]] = set()
    for match in _STATED_DAY.finditer(text):
        days.add((int(match[1]), MONTHS[match[2].lower()], int(match[3]) if match[3] else None))
    for match in _DAY_WORDS_EN.finditer(text):
        days.add((int(match[2]), MONTHS[match[1].lower()], int(match[3])))
    for match in _DAY_NUMERIC.finditer(text):
        days.add((int(match[1]), int(match[2]), int(match[3])))
    rest = _DAY_NUMERIC.sub(" ", _DAY_WORDS_EN.sub(" ", _STATED_DAY.sub(" ", text)))
    return days, rest


def supports_day(stated: set[tuple[int, int, int | None]], years: set[int], claimed: tuple[int, int, int | None]) -> bool:
    """Whether the stated days bear out a claimed one: the same day and month, and the same year when the
    claim gives one (a stated day without its year: the year among the text's `years`)."""
    day, month, year = claimed
    return any(d == day and m == month and (year is None or y == year or (y is None and year in years))
               for d, m, y in stated)
