"""A case across meetings: its timeline (every meeting that treated it, with the decision) and the
pre-meeting brief of an agenda (what each item asks, and its earlier treatment).

An item is the same case as another when they share a case number, else when their titles name the same
thing. Standing items ("Bordrunde", "Orientering fra Magistraten") that recur at most meetings of a body
are not cases. Dates an item only plans ("vil blive behandlet ... d. 23. januar 2023") are listed as
planned, never as treatments or decisions.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from ingest.catalogue import ItemRow
from ingest.store import Store
from ingest.vocabulary import CASE_NUMBER_LINE, SectionKind, parse_date
from qa.citations import CitationRegistry
from qa.retrieval import section_passages
from qa.summarise import lead_statement
from qa.types import Brief, BriefItem, Passage, Planned, Timeline, Treatment
from qa.vocabulary.cues import plans_treatment
from qa.vocabulary.dates import states_date
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, same_title


def _standing_titles(items: list[ItemRow]) -> set[str]:
    """Titles that recur at most meetings of a body: standing items, not cases."""
    meetings_per_body: Counter[str | None] = Counter()
    title_meetings: Counter[tuple[str | None, str]] = Counter()
    seen_meetings: set[str] = set()
    for item in items:
        if item.meeting_id not in seen_meetings:
            seen_meetings.add(item.meeting_id)
            meetings_per_body[item.committee] += 1
        title_meetings[(item.committee, item.title.lower())] += 1
    return {title for (body, title), n in title_meetings.items() if n >= 3 and n >= meetings_per_body[body] / 2}


def _same_case(query: str, query_stems: set[str], case_number: str | None, item: ItemRow) -> bool:
    if case_number:
        return item.case_number == case_number
    title = set(content_stems(item.title))
    return bool(title) and len(query_stems & title) / len(query_stems) >= 0.75 or same_title(item.title, query)


def treatments_of(store: Store, query: str, case_number: str | None, registry: CitationRegistry,
                  exclude_meeting: str | None = None) -> list[Treatment]:
    meetings = {m.id: m for m in store.catalogue.meetings()}
    items = [i for i in store.catalogue.all_items() if i.meeting_id in meetings and not i.closed]
    standing = _standing_titles(items)
    stems = set(content_stems(query))
    found = []
    for item in items:
        if item.meeting_id == exclude_meeting or item.title.lower() in standing:
            continue
        if not _same_case(query, stems, case_number, item):
            continue
        args = (item.meeting_id, item.number, item.title)
        found.append(Treatment(meetings[item.meeting_id], item.number, item.title,
                               lead_statement(registry, section_passages(store, *args, SectionKind.DECISION)),
                               lead_statement(registry, section_passages(store, *args, SectionKind.RECOMMENDATION), at_most=2)))
    found.sort(key=lambda t: (t.meeting.meeting_date is None, t.meeting.meeting_date or date.min))
    return found


def case_timeline(store: Store, query: str) -> Timeline:
    """Every meeting that treated the case (by case number or title), oldest first, and dates it plans."""
    number = query.strip() if CASE_NUMBER_LINE.match(query.strip()) else None
    registry = CitationRegistry()
    timeline = Timeline(query, treatments_of(store, query, number, registry))
    for treatment in timeline.treatments:
        for kind in (SectionKind.CASE, SectionKind.SUMMARY, SectionKind.ATTACHMENTS, SectionKind.RECOMMENDATION):
            for passage in section_passages(store, treatment.meeting.id, treatment.item_number, treatment.item_title, kind):
                timeline.planned += _planned(passage, treatment.meeting.meeting_date, registry)
    seen: set[tuple[date, str]] = set()
    timeline.planned = [p for p in sorted(timeline.planned, key=lambda p: p.when)
                        if (p.when, p.statement.text) not in seen and not seen.add((p.when, p.statement.text))]
    return timeline


def _planned(passage: Passage, after: date | None, registry: CitationRegistry) -> list[Planned]:
    out = []
    for start, end in sentences(passage.text):
        sentence = passage.text[start:end]
        if not plans_treatment(sentence) or not states_date(sentence):
            continue
        when = parse_date(sentence)
        if when and (after is None or when > after):
            out.append(Planned(when, registry.statement(passage, [(start, end)])))
    return out


def brief(store: Store, meeting_id: str) -> Brief:
    """Per open item of the meeting: what it asks and how the same case was treated before."""
    meeting = store.catalogue.meeting(meeting_id)
    if meeting is None:
        raise KeyError(f"no meeting with id {meeting_id!r} (see python -m qa meetings)")
    items = []
    registry = CitationRegistry()
    for row in store.catalogue.items(meeting_id):
        if row.closed:
            continue
        asks = lead_statement(registry, section_passages(store, meeting_id, row.number, row.title, SectionKind.RECOMMENDATION), at_most=2)
        # earlier means dated before this meeting: an undated meeting is never counted as earlier
        earlier = [t for t in treatments_of(store, row.title, row.case_number, registry, exclude_meeting=meeting_id)
                   if meeting.meeting_date and t.meeting.meeting_date and t.meeting.meeting_date < meeting.meeting_date]
        items.append(BriefItem(row.number, row.title, asks, earlier))
    return Brief(meeting, items)
