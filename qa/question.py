"""Understanding a question: its language, what kind of answer it wants, and the filters it states
("i januar 2023", "på mødet den 14. januar 2020", "Randers", "i Beskæftigelsesudvalget").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from qa.language import content_stems, detect_language, stem, tokens
from qa.types import Filters

_MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_WORDS = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_WORDS_EN = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_NUMERIC = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:i|in|during|fra|år|året|year)\s+((?:19|20)\d{2})\b(?!\s*[-/–]\s*\d)", re.IGNORECASE)


class QuestionKind(StrEnum):
    DECISION = "decision"  # what was decided
    VOTE = "vote"  # who voted how
    RECOMMENDATION = "recommendation"  # what the administration proposed
    FACT = "fact"  # anything else: amounts, dates, names, reasons


_KIND_WORDS = [  # matched on Danish stems of the question's words
    (QuestionKind.VOTE, {"stemt", "stemte", "stemmer", "stemme", "stemmeafgivning", "voted", "vote", "votes", "undlod"}),
    (QuestionKind.RECOMMENDATION, {"indstilling", "indstillingen", "indstiller", "indstillede", "indstilles", "foreslog",
                                   "foreslår", "recommend", "recommended", "recommendation", "proposed", "proposal"}),
    (QuestionKind.DECISION, {"besluttet", "besluttede", "beslutning", "beslutningen", "vedtaget", "vedtog", "godkendt",
                             "godkendte", "godkendelse", "decided", "decision", "decide", "approved", "approve",
                             "resolved", "udfald", "udfaldet", "outcome", "konklusion", "konkluderede"}),
]
_KIND_STEMS = [(kind, {stem(w) for w in words}) for kind, words in _KIND_WORDS]
# A month or year names the meeting when the question is about a decision or says "mødet"/"meeting";
# otherwise "brugte ... i 2022" is about the data, not the meeting date.
_OUTCOME = re.compile(r"\bkom (?:der )?(?:ud af|frem til)\b|\bwhat came of\b", re.IGNORECASE)  # "hvad kom der ud af ..."
_DATE_STEMS = {stem(m) for m in _MONTHS}
_YEAR_TOKEN = re.compile(r"^(19|20)\d{2}$")
_MEETING_WORDS = {"møde", "mødet", "møder", "meeting", "meetings", "rådmandsmødet", "udvalgsmødet", "byrådsmødet"}


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    kind: QuestionKind
    filters: Filters
    terms: tuple[str, ...]  # stemmed content words; question words and words that became filters dropped
    named: tuple[str, ...] = ()  # content words including those that became filters, dates left out

    def coverage_terms(self) -> set[str]:
        """The words a passage must contain to count as speaking to the question (dates are metadata)."""
        return {t for t in self.terms if t not in _DATE_STEMS and not _YEAR_TOKEN.match(t)}


def parse_question(text: str, municipalities: list[str], committees: list[str], given: Filters | None = None) -> Question:
    """Kind, language and filters of a question; filters given explicitly win over those read from it.
    Words that became filters (dates, the municipality, the committee) are not search terms."""
    words = set(tokens(text))
    stems = {stem(w) for w in words}
    kind = next((k for k, vocabulary in _KIND_STEMS if stems & vocabulary), QuestionKind.FACT)
    if kind is QuestionKind.FACT and _OUTCOME.search(text):
        kind = QuestionKind.DECISION
    meeting_dates = kind is not QuestionKind.FACT or bool(words & _MEETING_WORDS)
    found, rest = _filters_from_text(text, municipalities, committees, meeting_dates)
    given = given or Filters()
    filters = Filters(
        municipalities=given.municipalities or found.municipalities,
        committees=given.committees or found.committees,
        since=given.since or found.since,
        until=given.until or found.until,
    )
    terms = tuple(dict.fromkeys(content_stems(rest, drop_question_words=True)))
    named = tuple(t for t in dict.fromkeys(content_stems(text, drop_question_words=True))
                  if t not in _DATE_STEMS and not _YEAR_TOKEN.match(t))
    return Question(text, detect_language(text), kind, filters, terms, named)


def _filters_from_text(text: str, municipalities: list[str], committees: list[str], meeting_dates: bool) -> tuple[Filters, str]:
    """The filters a question states, and its text with those words taken out."""
    since = until = None
    rest = text
    day = _exact_day(text)
    if day:
        since = until = day
        rest = _DAY_NUMERIC.sub(" ", _DAY_WORDS_EN.sub(" ", _DAY_WORDS.sub(" ", rest)))
    elif meeting_dates:
        month = _MONTH_YEAR.search(text)
        year = _YEAR.search(text)
        if month:
            y, m = int(month[2]), _MONTHS[month[1].lower()]
            since, until = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
            rest = _MONTH_YEAR.sub(" ", rest)
        elif year:
            since, until = date(int(year[1]), 1, 1), date(int(year[1]), 12, 31)
            rest = _YEAR.sub(" ", rest)
    words = {w.lower() for w in tokens(text)}
    stems = {stem(w) for w in words}
    found_municipalities = tuple(m for m in municipalities if m and m.lower() in words | {w.split("-")[0] for w in words})
    found_committees = tuple(c for c in committees if c and _names(c, stems))
    consumed = {stem(w.lower()) for name in found_municipalities + found_committees for w in tokens(name)}
    consumed |= {stem(w) for w in ("kommune", "kommunes", "municipality")} if found_municipalities else set()
    rest = " ".join(w for w in tokens(rest) if stem(w) not in consumed)
    return Filters(found_municipalities, found_committees, since, until), rest


def _names(committee: str, stems: set[str]) -> bool:
    """'i Beskæftigelsesudvalget' names 'Beskæftigelsesudvalget'; 'rådmandsmødet' names 'Rådmandsmøde'."""
    wanted = [stem(w.lower()) for w in tokens(committee) if len(w) > 3]
    return bool(wanted) and all(w in stems for w in wanted)


def _exact_day(text: str) -> date | None:
    for pattern, order in ((_DAY_WORDS, "dmy"), (_DAY_WORDS_EN, "mdy"), (_DAY_NUMERIC, "dmy_num")):
        match = pattern.search(text)
        if not match:
            continue
        try:
            if order == "dmy":
                return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
            if order == "mdy":
                return date(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
            return date(int(match[3]), int(match[2]), int(match[1]))
        except (ValueError, KeyError):
            continue
    return None
