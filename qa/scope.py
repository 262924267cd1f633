"""The meetings a question searches: the given filters (the app's sidebar) and those the question states
combined, the question's own committee or municipality winning; relaxed when they match no meeting; the
municipalities it names that the archive does not hold; and the sentences that say what was searched.

A filter that matches nothing is never silently kept ("Søgt i 0 møde(r)"): the date range goes first,
then the committee, then the municipality, and the answer says what was dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ingest.catalogue import MeetingRow
from qa import messages
from qa.types import Filters, Passage
from qa.vocabulary.dates import exact_day, month_period, season_period, year_span
from qa.vocabulary.words import committee_heads, committee_starts_with, named_municipalities, stem, tokens, whole_numbers

Bodies = set[tuple[str | None, str | None]]  # the (municipality, committee) pairs the archive knows


def combine(given: Filters, stated: Filters, bodies: Bodies | None = None) -> Filters:
    """The filters one question searches. A committee or municipality the question names itself wins over the
    given one for that question ("i Teknik- og Miljøudvalget" with another committee chosen in the sidebar);
    what it does not name is kept from the given filters, as far as it fits: a given committee the named
    municipality does not have is left out, and a given municipality without the named committee. The given
    period wins over the one the question names (a period chosen on purpose)."""
    municipalities = stated.municipalities or given.municipalities
    committees = stated.committees or given.committees
    if bodies is not None and stated.municipalities and not stated.committees:
        committees = tuple(c for c in committees if any((m, c) in bodies for m in municipalities))
    if bodies is not None and stated.committees and not stated.municipalities:
        municipalities = tuple(m for m in municipalities if any((m, c) in bodies for c in committees))
    return Filters(municipalities, committees, given.since or stated.since, given.until or stated.until)


def overruled(given: Filters, used: Filters) -> Filters:
    """The given committees and municipalities a question's own set aside."""
    return Filters(tuple(m for m in given.municipalities if m not in used.municipalities),
                   tuple(c for c in given.committees if c not in used.committees))


def overruled_note(used: Filters, set_aside: Filters, language: str) -> str:
    """'Spørgsmålet nævner selv Teknik- og Miljøudvalget, så der er søgt dér og ikke i den valgte afgrænsning
    (Børne- og Ungeudvalget).' ('' when the question set nothing aside)."""
    if set_aside.is_empty():
        return ""
    named = ", ".join(list(used.committees) + list(used.municipalities)) or messages.ALL_MEETINGS[language]
    return messages.QUESTION_SCOPE[language].format(
        named=named, given=", ".join(list(set_aside.committees) + list(set_aside.municipalities)))


def describe(dropped: Filters, language: str) -> str:
    """'perioden 01-01-2024 – 31-01-2024, Økonomiudvalget': the filters named as a note names them."""
    parts = []
    if dropped.since or dropped.until:
        since = dropped.since.strftime("%d-%m-%Y") if dropped.since else "…"
        until = dropped.until.strftime("%d-%m-%Y") if dropped.until else "…"
        parts.append(messages.PERIOD[language].format(since=since, until=until))
    parts += list(dropped.committees) + list(dropped.municipalities)
    return ", ".join(parts)


def relax(filters: Filters, meetings: list[MeetingRow], language: str) -> tuple[Filters, str]:
    """Filters that match at least one meeting, and a note naming what had to be dropped ('' if nothing)."""
    if filters.is_empty() or any(filters.matches(m) for m in meetings):
        return filters, ""
    steps = (
        replace(filters, since=None, until=None),
        replace(filters, since=None, until=None, committees=()),
        Filters(),
    )
    relaxed = next((f for f in steps if any(f.matches(m) for m in meetings)), Filters())
    dropped = Filters(tuple(m for m in filters.municipalities if m not in relaxed.municipalities),
                      tuple(c for c in filters.committees if c not in relaxed.committees),
                      filters.since if relaxed.since is None else None, filters.until if relaxed.until is None else None)
    return relaxed, messages.NO_MEETINGS_FOR[language].format(what=describe(dropped, language))


def outside_archive(text: str, meetings: list[MeetingRow], evidence: list[Passage],
                    answers: Callable[[Passage], bool] | None = None) -> list[str]:
    """Municipalities the question names as a body ("Solrød Kommune", "Ishøj Byråd") when it names none the
    archive holds (as a body or in passing: "Greve ... sammen med Ringsted Kommune" is Greve's question):
    the minutes cannot answer for them, unless one of the best passages mentions them and (given
    `answers`) speaks to the question ("udbud af madservice sammen med Ringsted Kommune" in Greve's
    minutes); a passing mention elsewhere ("kredskommune for Greve og Solrød") is no answer."""
    named = named_municipalities(text)
    held = {m.municipality.lower() for m in meetings if m.municipality}
    words = {w.removesuffix("s") for w in tokens(text)} | set(tokens(text))
    if not named or held & words:
        return []
    relevant = [p for p in evidence[:5] if answers is None or answers(p)]
    mentioned = " ".join(f"{p.source.item_title} {p.text}" for p in relevant).lower()
    return [name for name in named if name.lower() not in mentioned]


def searched(meetings: list[MeetingRow], filters: Filters, language: str) -> str:
    """'Søgt i 10 møde(r): Randers, Beskæftigelsesudvalget; ... (14-01-2020 – 06-03-2024).'"""
    chosen = [m for m in meetings if filters.matches(m)]
    bodies = sorted({", ".join(p for p in (m.municipality, m.committee) if p) for m in chosen}) or ["-"]
    dates = sorted(m.meeting_date for m in chosen if m.meeting_date)
    period = f" ({dates[0].strftime('%d-%m-%Y')} – {dates[-1].strftime('%d-%m-%Y')})" if dates else ""
    return messages.SEARCHED[language].format(meetings=len(chosen), bodies="; ".join(bodies), period=period)


@dataclass(frozen=True)
class Leaning:
    """Which treatment of a case a question points to, read softly (a preference among the treatments the
    evidence holds, never a filter): the committees it names, by their full name, by the words of it that are
    no numbers ("Byrådet" for "Byråd 2022-2025") or by a short name ("Skoleudvalget" for "Skole-, Børne- og
    Ungeudvalget"), and the day, month or part of a year it names ("i marts 2022", "i foråret 2023"), also
    where that period is no filter (a fact question: "brugte ... i marts 2022" may be about the data); and
    the numbers it names, which tell two treatments titled alike apart ("ved 2. behandlingen af budget
    2023-26": "Budget 2023-26 - 2. behandling", not "- 1. behandling"); and the span of years it asks over, year
    by year ("fra 2022 til 2025"), whose every year an answer shows a treatment of."""

    committees: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    numbers: frozenset[str] = frozenset()
    years: tuple[int, int] | None = None

    def of(self, committee: str | None, when: date | None) -> int:
        """How many of the question's pointers a treatment (its committee, its meeting date) matches."""
        period = when is not None and self.since is not None and self.until is not None and self.since <= when <= self.until
        return (committee in self.committees) + period

    def names_numbers(self, title: str) -> bool:
        """Every number of the title stands in the question (a title without numbers: no)."""
        numbers = whole_numbers(title)
        return bool(numbers) and numbers <= self.numbers


def leaning(text: str, committees: list[str] | set[str]) -> Leaning:
    """The committees and period a question points to (`Leaning`); `committees` are the archive's."""
    stems = {stem(w.lower()) for w in tokens(text)}
    heads = committee_heads(text)

    def named(committee: str) -> bool:
        words = [stem(w.lower()) for w in tokens(committee) if len(w) > 3 and not any(ch.isdigit() for ch in w)]
        return bool(words) and all(w in stems for w in words) or any(committee_starts_with(committee, h) for h in heads)

    day = exact_day(text)
    period = (day, day) if day else (month_period(text) or season_period(text) or (None, None))[:2]
    return Leaning(frozenset(c for c in committees if c and named(c)), *period, frozenset(whole_numbers(text)),
                   year_span(text))
