"""A case across meetings: its timeline (every meeting that treated it, with the decision) and the
pre-meeting brief of a meeting (per item: what it asks, this meeting's decision, and its earlier treatment).

An item is the same case as another when they share a case number, else when their titles name the same
thing. Standing items ("Dagsorden", "Bordrunde", "Orientering om udvalg(s)mødet") that recur at most meetings
of a body are not cases, whatever their spelling at one meeting. A brief looks for earlier treatment in the
meeting's own municipality and counts only meetings dated strictly before it: an undated meeting, one the
same day or a later one is never earlier. Dates an item only plans ("vil blive behandlet ... d. 23. januar
2023") are listed as planned, once per date and municipality, never as treatments or decisions.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from difflib import SequenceMatcher

from ingest.catalogue import ItemRow, MeetingRow
from ingest.store import Store
from ingest.vocabulary import CASE_NUMBER_LINE, MeetingKind, SectionKind, parse_date
from qa.citations import CitationRegistry
from qa.retrieval import section_passages
from qa.summarise import block_statement, lead_statement
from qa.types import Brief, BriefItem, Passage, Planned, Timeline, Treatment
from qa.vocabulary.archive import procedural_title
from qa.vocabulary.cues import plans_treatment
from qa.vocabulary.dates import states_date
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, normalised_title, same_title

__all__ = ["CaseIndex", "Standing", "brief", "case_timeline", "treatments_of"]

_CASE_QUOTE, _STANDING_QUOTE = 900, 240  # characters of an item's recommendation or decision quoted in a brief


class Standing:
    """The standing items of the archive: titles that recur at three or more meetings of a body (a
    municipality's committee) and at least half of them, the same titles spelt otherwise ("udvalgmødet" /
    "udvalgsmødet"), and titles naming only the meeting's own procedure ("Godkendelse af dagsorden",
    "Meddelelser"), which are never cases however few meetings the archive holds."""

    def __init__(self, items: list[ItemRow]) -> None:
        Body = tuple[str | None, str | None]  # (municipality, committee): two towns' Teknikudvalg are two bodies
        meetings_per_body: Counter[Body] = Counter()
        title_meetings: Counter[tuple[Body, str]] = Counter()
        seen: set[str] = set()
        for item in items:
            body = (item.municipality, item.committee)
            if item.meeting_id not in seen:
                seen.add(item.meeting_id)
                meetings_per_body[body] += 1
            title_meetings[(body, item.title.lower())] += 1
        self.titles = {t for (body, t), n in title_meetings.items() if n >= 3 and n >= meetings_per_body[body] / 2}
        self._known: dict[str, bool] = {}

    def __contains__(self, title: str) -> bool:
        key = title.lower()
        if key not in self._known:
            self._known[key] = key in self.titles or procedural_title(title) or any(same_title(key, t) for t in self.titles)
        return self._known[key]


def _similar_spelling(a: str, b: str) -> bool:
    """`same_title` on the normalised titles, its costly ratio computed only when it can reach 0.8."""
    if a == b or (min(len(a), len(b)) >= 8 and (a.startswith(b) or b.startswith(a))):
        return True
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < 0.8:
        return False
    return SequenceMatcher(None, a, b).quick_ratio() >= 0.8 and same_title(a, b)


class CaseIndex:
    """The archive's open items with their meetings, title stems and the standing items, read once for a
    brief or a timeline (a brief asks for every item's history)."""

    def __init__(self, store: Store) -> None:
        self.meetings = {m.id: m for m in store.catalogue.meetings()}
        self.items = [i for i in store.catalogue.all_items() if i.meeting_id in self.meetings and not i.closed]
        self.standing = Standing(self.items)
        self._stems = {i.title: set(content_stems(i.title)) for i in self.items}
        self._normalised = {i.title: normalised_title(i.title) for i in self.items}

    def same_case(self, title: str, case_number: str | None, item: ItemRow) -> bool:
        """The item treats the case named by `title` (or, when given, `case_number`): three quarters of the
        title's words, or the same title despite typos or a cut-off."""
        if case_number:
            return item.case_number == case_number
        stems, other = self._stems.get(title) or set(content_stems(title)), self._stems[item.title]
        if stems and other and len(stems & other) / len(stems) >= 0.75:
            return True
        return _similar_spelling(self._normalised.get(title) or normalised_title(title), self._normalised[item.title])


def treatments_of(store: Store, query: str, case_number: str | None, registry: CitationRegistry,
                  exclude_meeting: str | None = None, municipality: str | None = None,
                  index: CaseIndex | None = None) -> list[Treatment]:
    """Every open item treating the case, oldest first (undated last), within `municipality` when given."""
    index = index or CaseIndex(store)
    found = []
    for item in index.items:
        if item.meeting_id == exclude_meeting or (municipality and item.municipality != municipality):
            continue
        if item.title in index.standing or not index.same_case(query, case_number, item):
            continue
        args = (item.meeting_id, item.number, item.title)
        found.append(Treatment(index.meetings[item.meeting_id], item.number, item.title,
                               lead_statement(registry, section_passages(store, *args, SectionKind.DECISION)),
                               lead_statement(registry, section_passages(store, *args, SectionKind.RECOMMENDATION), at_most=2)))
    found.sort(key=lambda t: (t.meeting.meeting_date is None, t.meeting.meeting_date or date.min))
    return found


def case_timeline(store: Store, query: str) -> Timeline:
    """Every meeting that treated the case (by case number or title), oldest first, and dates it plans."""
    number = query.strip() if CASE_NUMBER_LINE.match(query.strip()) else None
    registry = CitationRegistry()
    timeline = Timeline(query, treatments_of(store, query, number, registry))
    planned: list[Planned] = []
    for treatment in timeline.treatments:
        for kind in (SectionKind.CASE, SectionKind.SUMMARY, SectionKind.ATTACHMENTS, SectionKind.RECOMMENDATION):
            for passage in section_passages(store, treatment.meeting.id, treatment.item_number, treatment.item_title, kind):
                planned += _planned(passage, treatment.meeting.meeting_date, registry)
    # one line per planned date and municipality: the shortest sentence saying it
    best: dict[tuple[date, str | None], Planned] = {}
    for plan in planned:
        key = (plan.when, plan.statement.citations[0].source.municipality)
        if key not in best or len(plan.statement.text) < len(best[key].statement.text):
            best[key] = plan
    timeline.planned = sorted(best.values(), key=lambda p: (p.when, p.statement.citations[0].source.municipality or ""))
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


def is_earlier(treatment: Treatment, meeting: MeetingRow) -> bool:
    """Dated strictly before the meeting: an undated meeting (or an undated brief) never counts as earlier."""
    then, now = treatment.meeting.meeting_date, meeting.meeting_date
    return then is not None and now is not None and then < now


def brief(store: Store, meeting_id: str, index: CaseIndex | None = None) -> Brief:
    """Per item of the meeting, in order: what it asks (the administration's recommendation, whole), for minutes
    the decision taken, and how the same case was treated at earlier meetings of the same municipality.
    Standing items are marked and have no case history; closed items keep their title only."""
    meeting = store.catalogue.meeting(meeting_id)
    if meeting is None:
        raise KeyError(f"no meeting with id {meeting_id!r} (see python -m qa meetings)")
    registry = CitationRegistry()
    index = index or CaseIndex(store)
    items = []
    for row in store.catalogue.items(meeting_id):
        if row.closed:
            items.append(BriefItem(row.number, row.title, None, [], closed=True))
            continue
        sections = {kind: section_passages(store, meeting_id, row.number, row.title, kind)
                    for kind in (SectionKind.RECOMMENDATION, SectionKind.DECISION)}
        is_standing = row.title in index.standing
        limit = _STANDING_QUOTE if is_standing else _CASE_QUOTE  # a round of news ("Bordrunde") is not the point
        asks = block_statement(registry, sections[SectionKind.RECOMMENDATION], limit)
        decision = block_statement(registry, sections[SectionKind.DECISION], limit) if meeting.kind is MeetingKind.MINUTES else None
        earlier = [] if is_standing else [
            t for t in treatments_of(store, row.title, row.case_number, registry, exclude_meeting=meeting_id,
                                     municipality=meeting.municipality, index=index)
            if is_earlier(t, meeting)]
        items.append(BriefItem(row.number, row.title, asks, earlier, decision=decision, standing=is_standing))
    return Brief(meeting, items)
