"""Understanding a question: its language, what kind of answer it wants, and the filters it states
("i januar 2023", "på mødet den 14. januar 2020", "Randers", "i Beskæftigelsesudvalget"); and whether it asks
for the archive's own view of a meeting (its summary, what is new since the last one) rather than a subject.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from qa.scope import combine, overruled
from qa.types import Filters, QuestionKind
from qa.vocabulary.archive import asks_latest, asks_summary, asks_whats_new, beyond_request, names_meeting
from qa.vocabulary.cues import MEETING_WORDS, question_kind
from qa.vocabulary.dates import MONTHS, exact_day, is_year, month_period, season_period, without_days, year_period
from qa.vocabulary.words import committee_heads, committee_starts_with, content_stems, detect_language, stem, tokens

__all__ = ["Intent", "Question", "QuestionKind", "parse_question"]

_DATE_STEMS = {stem(m) for m in MONTHS}


class Intent(StrEnum):
    """A question about the archive itself, answered from the meeting summaries rather than by search."""

    MEETING_SUMMARY = "meeting_summary"  # "Opsummer mødet den 14. januar 2020", "Giv et resumé af sidste møde"
    WHATS_NEW = "whats_new"  # "Hvad er nyt siden sidste møde i Beskæftigelsesudvalget?"


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    kind: QuestionKind
    filters: Filters
    terms: tuple[str, ...]  # stemmed content words; question words and words that became filters dropped
    named: tuple[str, ...] = ()  # content words including those that became filters, dates left out
    intent: Intent | None = None  # a summary or "what is new" question: no subject of its own
    latest: bool = False  # it asks for the last meeting ("sidste møde", "the latest meeting")
    stated: Filters = Filters()  # the filters the question's own words name
    overruled: Filters = Filters()  # the given committees and municipalities the question's own set aside

    def coverage_terms(self) -> set[str]:
        """The words a passage must contain to count as speaking to the question (dates are metadata)."""
        return {t for t in self.terms if t not in _DATE_STEMS and not is_year(t)}


def parse_question(text: str, municipalities: list[str], committees: list[str], bodies: set[tuple[str | None, str | None]] | None = None,
                   given: Filters | None = None) -> Question:
    """Kind, language and filters of a question. A committee or municipality the question names wins over the
    `given` one (the app's sidebar) for this question; a given period wins over one read from it
    (`qa.scope.combine`). Words that became filters (dates, the municipality, the committee) are not search
    terms. With `bodies` (the known municipality/committee pairs), a committee named beside a municipality
    is that municipality's committee, never a same-named one elsewhere."""
    words = set(tokens(text))
    kind = question_kind(text)
    # A month or year names the meeting when the question is about a decision or says "mødet";
    # otherwise "brugte ... i 2022" is about the data, not the meeting date.
    meeting_dates = kind is not QuestionKind.FACT or bool(words & MEETING_WORDS)
    found, rest = _filters_from_text(text, municipalities, committees, meeting_dates)
    if bodies and found.municipalities and found.committees:
        inside = tuple(c for c in found.committees if any((m, c) in bodies for m in found.municipalities))
        found = replace(found, committees=inside)
    given = given or Filters()
    filters = combine(given, found, bodies)
    # an English question is read as its Danish twin: its words as the stems the minutes write for them
    language = detect_language(text)
    terms = tuple(dict.fromkeys(content_stems(rest, drop_question_words=True, language=language)))
    named = tuple(t for t in dict.fromkeys(content_stems(text, drop_question_words=True, language=language))
                  if t not in _DATE_STEMS and not is_year(t))
    question = Question(text, language, kind, filters, terms, named, latest=asks_latest(text), stated=found,
                        overruled=overruled(given, filters))
    return replace(question, intent=archive_intent(question))


def archive_intent(question: Question) -> Intent | None:
    """A question with no subject of its own that asks what is new ("Hvad er nyt siden sidste møde i
    Beskæftigelsesudvalget?"), for a meeting's summary ("Opsummer mødet den 14. januar 2020", "Giv et resumé af
    sidste møde"), or what a meeting decided ("Hvad besluttede Beskæftigelsesudvalget den 14. januar 2020?").
    A question naming a subject ("Hvad er nyt om budgettet?", "Opsummer sagen om Gimle") is a search."""
    if beyond_request(question.coverage_terms()):
        return None
    text, filters = question.text, question.filters
    if asks_whats_new(text):
        return Intent.WHATS_NEW
    one_day = filters.since is not None and filters.since == filters.until
    meeting = names_meeting(text) or question.latest or one_day
    if asks_summary(text) and (meeting or filters.committees):
        return Intent.MEETING_SUMMARY
    if question.kind is QuestionKind.DECISION and (question.latest or one_day):
        return Intent.MEETING_SUMMARY  # what the meeting decided, nothing narrower: its decisions are the summary
    return None


def _filters_from_text(text: str, municipalities: list[str], committees: list[str], meeting_dates: bool) -> tuple[Filters, str]:
    """The filters a question states, and its text with those words taken out."""
    since = until = None
    rest = text
    day = exact_day(text)
    if day:
        since = until = day
        rest = without_days(rest)
    elif meeting_dates and (period := month_period(text) or season_period(text) or year_period(text)):
        since, until, rest = period
    words = {w.lower() for w in tokens(text)}
    stems = {stem(w) for w in words}
    # "Greve", "Greve-borgere", "Greves" (genitive)
    named = words | {w.split("-")[0] for w in words} | {w.removesuffix("s") for w in words}
    found_municipalities = tuple(m for m in municipalities if m and m.lower() in named)
    found_committees = tuple(c for c in committees if c and _names(c, stems))
    # a short name: "Klimaudvalget" for "Klima-, Teknik- og Miljøudvalget", also beside another committee's
    # full name ("Skoleudvalget ... at følge Kultur- og Fritidsudvalget"); a full name's own last word
    # ("Miljøudvalget" of "Klima-, Teknik- og Miljøudvalget") names no other committee
    spelt = " ".join(c.lower() for c in found_committees)
    heads = [h for h in committee_heads(text) if h not in spelt]
    found_committees += tuple(c for c in committees
                              if c and c not in found_committees and any(committee_starts_with(c, h) for h in heads))
    consumed = {stem(w.lower()) for name in found_municipalities + found_committees for w in tokens(name)}
    if found_committees:
        consumed |= {stem(w) for w in tokens(text) if any(w.startswith(h) and "udvalg" in w for h in committee_heads(text))}
    consumed |= {stem(w) for w in ("kommune", "kommunes", "municipality")} if found_municipalities else set()
    rest = " ".join(w for w in tokens(rest) if stem(w) not in consumed)
    return Filters(found_municipalities, found_committees, since, until), rest


def _names(committee: str, stems: set[str]) -> bool:
    """'i Beskæftigelsesudvalget' names 'Beskæftigelsesudvalget'; 'rådmandsmødet' names 'Rådmandsmøde'."""
    wanted = [stem(w.lower()) for w in tokens(committee) if len(w) > 3]
    return bool(wanted) and all(w in stems for w in wanted)
