"""Follow-up questions ("og hvem stemte imod?", "hvad med året før?") resolved against earlier turns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from qa.question import Question
from qa.scope import combine, overruled
from qa.types import QuestionKind
from qa.vocabulary.cues import continues_previous, points_back, subject_terms, year_shift


def _shift_year(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def is_follow_up(question: Question, previous: Question) -> bool:
    """A real follow-up leans on the previous question: it opens as a continuation ("og hvem stemte imod?",
    "hvad med året før?"), has no subject of its own ("Hvem stemte imod?"), or points back with a pronoun
    and adds at most one word of its own ("Hvad kostede det?"). A question naming its own subject starts
    afresh: it inherits neither the subject nor the filters."""
    if continues_previous(question.text):
        return True
    own = subject_terms(question.coverage_terms()) - set(previous.terms)
    subject = subject_terms(question.coverage_terms())
    return not subject or (points_back(question.text) and len(own) <= 1)


def resolve_follow_up(question: Question, history: list[Question]) -> Question:
    """A short question leaning on the last one takes over its subject (terms) and, naming no committee or
    municipality of its own, the last one's (which win over the given ones, as the last question's did);
    'året før' moves its date range a year back."""
    if not history or not is_follow_up(question, history[-1]):
        return question
    last = history[-1]
    filters, set_aside = question.filters, question.overruled
    if not (question.stated.municipalities or question.stated.committees):  # it stays where the last one searched
        filters = combine(question.filters, last.filters)  # its own filters are the given ones and its dates
        set_aside = overruled(question.filters, filters)
    if shift := year_shift(question.text):
        filters = replace(filters, since=_shift_year(filters.since, shift), until=_shift_year(filters.until, shift))
    kind = question.kind if question.kind is not QuestionKind.FACT else last.kind
    terms = tuple(dict.fromkeys(last.terms + question.terms))
    text = f"{last.text} {question.text}"
    return replace(question, text=text, kind=kind, filters=filters, terms=terms, overruled=set_aside)
