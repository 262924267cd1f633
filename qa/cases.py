"""A case across meetings: its timeline (every meeting that treated it, with the decision) and the
pre-meeting brief of an agenda (what each item asks, and its earlier treatment).

An item is the same case as another when they share a case number, else when their titles name the same
thing. Standing items ("Bordrunde", "Orientering fra Magistraten") that recur at most meetings of a body
are not cases. Dates an item only plans ("vil blive behandlet ... d. 23. januar 2023") are listed as
planned, never as treatments or decisions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ingest.catalogue import MeetingRow
from ingest.store import Store
from ingest.structure.titles import similar
from ingest.vocabulary import CASE_NUMBER_LINE, DATE_NUMERIC, DATE_WORDS, SectionKind, parse_date
from qa.citations import sentences
from qa.language import content_stems
from qa.retrieval import section_passages
from qa.summarise import CitationKeys, Statement
from qa.summarise import leading_sentences as _leading
from qa.types import Passage

_PLANNED = re.compile(r"\b(vil blive|skal|forventes|planlægges|planlagt|bliver)\b[^.]{0,80}\b(behandl|forelæg|godkend|drøft)",
                      re.IGNORECASE)


@dataclass
class Treatment:
    meeting: MeetingRow
    item_number: str
    item_title: str
    decision: Statement | None  # None: no decision recorded (an agenda, or not decided)
    recommendation: Statement | None

    def to_json(self) -> dict:
        return {
            "meeting": self.meeting.to_json(), "item_number": self.item_number, "item_title": self.item_title,
            "decision": self.decision.to_json() if self.decision else None,
            "recommendation": self.recommendation.to_json() if self.recommendation else None,
        }


@dataclass
class Planned:
    when: date
    statement: Statement  # the sentence that plans it: not a decision

    def to_json(self) -> dict:
        return {"date": self.when.isoformat(), "kind": "planned, not a decision", **self.statement.to_json()}


@dataclass
class Timeline:
    query: str
    treatments: list[Treatment] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"query": self.query, "treatments": [t.to_json() for t in self.treatments],
                "planned": [p.to_json() for p in self.planned]}


def _standing_titles(items: list[dict]) -> set[str]:
    """Titles that recur at most meetings of a body: standing items, not cases."""
    meetings_per_body = Counter()
    title_meetings: Counter[tuple[str | None, str]] = Counter()
    seen_meetings: set[str] = set()
    for item in items:
        if item["meeting_id"] not in seen_meetings:
            seen_meetings.add(item["meeting_id"])
            meetings_per_body[item["committee"]] += 1
        title_meetings[(item["committee"], item["title"].lower())] += 1
    return {title for (body, title), n in title_meetings.items() if n >= 3 and n >= meetings_per_body[body] / 2}


def _same_case(query_stems: set[str], case_number: str | None, item: dict) -> bool:
    if case_number:
        return item["case_number"] == case_number
    title = set(content_stems(item["title"]))
    return bool(title) and len(query_stems & title) / len(query_stems) >= 0.75


def _statement(keys: CitationKeys, passages: list[Passage], at_most: int = 3) -> Statement | None:
    return keys.quote(passages[0], _leading(passages[0], at_most=at_most)) if passages else None


def treatments_of(store: Store, query: str, case_number: str | None, keys: CitationKeys,
                  exclude_meeting: str | None = None) -> list[Treatment]:
    meetings = {m.id: m for m in store.catalogue.meetings()}
    items = [i for i in store.catalogue.all_items() if i["meeting_id"] in meetings and not i["closed"]]
    standing = _standing_titles(items)
    stems = set(content_stems(query))
    found = []
    for item in items:
        if item["meeting_id"] == exclude_meeting or item["title"].lower() in standing:
            continue
        if not _same_case(stems, case_number, item) and not (not case_number and similar(item["title"], query)):
            continue
        args = (item["meeting_id"], item["number"], item["title"])
        found.append(Treatment(meetings[item["meeting_id"]], item["number"], item["title"],
                               _statement(keys, section_passages(store, *args, SectionKind.DECISION)),
                               _statement(keys, section_passages(store, *args, SectionKind.RECOMMENDATION), at_most=2)))
    found.sort(key=lambda t: (t.meeting.meeting_date is None, t.meeting.meeting_date or date.min))
    return found


def case_timeline(store: Store, query: str) -> Timeline:
    """Every meeting that treated the case (by case number or title), oldest first, and dates it plans."""
    number = query.strip() if CASE_NUMBER_LINE.match(query.strip()) else None
    keys = CitationKeys()
    timeline = Timeline(query, treatments_of(store, query, number, keys))
    for treatment in timeline.treatments:
        for kind in (SectionKind.CASE, SectionKind.SUMMARY, SectionKind.ATTACHMENTS, SectionKind.RECOMMENDATION):
            for passage in section_passages(store, treatment.meeting.id, treatment.item_number, treatment.item_title, kind):
                timeline.planned += _planned(passage, treatment.meeting.meeting_date, keys)
    seen: set[tuple[date, str]] = set()
    timeline.planned = [p for p in sorted(timeline.planned, key=lambda p: p.when)
                        if (p.when, p.statement.text) not in seen and not seen.add((p.when, p.statement.text))]
    return timeline


def _planned(passage: Passage, after: date | None, keys: CitationKeys) -> list[Planned]:
    out = []
    for start, end in sentences(passage.text):
        sentence = passage.text[start:end]
        if not _PLANNED.search(sentence) or not (DATE_WORDS.search(sentence) or DATE_NUMERIC.search(sentence)):
            continue
        when = parse_date(sentence)
        if when and (after is None or when > after):
            out.append(Planned(when, keys.quote(passage, [(start, end)])))
    return out


@dataclass
class BriefItem:
    number: str
    title: str
    asks: Statement | None  # what the committee is asked to do (the recommendation)
    earlier: list[Treatment]

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title, "asks": self.asks.to_json() if self.asks else None,
                "earlier": [t.to_json() for t in self.earlier]}


@dataclass
class Brief:
    meeting: MeetingRow
    items: list[BriefItem]

    def to_json(self) -> dict:
        return {"meeting": self.meeting.to_json(), "items": [i.to_json() for i in self.items]}


def brief(store: Store, meeting_id: str) -> Brief:
    """Per open item of the meeting: what it asks and how the same case was treated before."""
    meeting = store.catalogue.meeting(meeting_id)
    if meeting is None:
        raise KeyError(f"no meeting with id {meeting_id!r} (see python -m qa meetings)")
    items = []
    keys = CitationKeys()
    for row in store.catalogue.items(meeting_id):
        if row["closed"]:
            continue
        asks = _statement(keys, section_passages(store, meeting_id, row["number"], row["title"], SectionKind.RECOMMENDATION), at_most=2)
        earlier = [t for t in treatments_of(store, row["title"], row["case_number"], keys, exclude_meeting=meeting_id)
                   if meeting.meeting_date is None or t.meeting.meeting_date is None or t.meeting.meeting_date < meeting.meeting_date]
        items.append(BriefItem(row["number"], row["title"], asks, earlier))
    return Brief(meeting, items)
