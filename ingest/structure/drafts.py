"""Mutable drafts the parser fills in, frozen into Meeting / AgendaItem / Section at the end."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from ingest.structure.toc import Toc, TocEntry
from ingest.types import AgendaItem, Line, Meeting, RawDocument, Section
from ingest.vocabulary import MeetingKind, SectionKind


@dataclass
class SectionDraft:
    kind: SectionKind
    heading: str
    lines: list[Line] = field(default_factory=list)
    enclosure: str | None = None  # "memo" or "agenda": text of a document enclosed for the item
    interrupted: SectionDraft | None = None  # for an attendance line: the section the text after it continues
    quoted: bool = False  # opened by an earlier (or this) meeting's decision quoted by body and date


@dataclass
class ItemDraft:
    number: str
    title: str
    meeting: MeetingDraft
    case_number: str | None = None
    category: str | None = None
    closed: bool = False
    sections: list[SectionDraft] = field(default_factory=list)

    def has_decision(self) -> bool:
        return any(s.kind is SectionKind.DECISION and s.lines for s in self.sections)


@dataclass
class MeetingDraft:
    committee: str | None
    meeting_date: date | None
    meeting_time: str | None
    place: str | None
    kind: MeetingKind | None
    enclosed: bool
    date_inferred: bool = False  # no header: the date comes from a reference to this meeting in the file
    toc: Toc | None = None
    items: list[ItemDraft] = field(default_factory=list)
    filled: dict[int, ItemDraft] = field(default_factory=dict)  # TOC entry index → item

    def open_entries(self) -> list[tuple[int, TocEntry]]:
        if not self.toc:
            return []
        return [(i, e) for i, e in enumerate(self.toc.entries) if i not in self.filled]


def _slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60]


def freeze(drafts: list[MeetingDraft], doc: RawDocument, municipality: str | None) -> list[Meeting]:
    meetings: list[Meeting] = []
    used: dict[str, int] = {}
    for draft in drafts:
        if not draft.items:
            continue
        items = tuple(_freeze_item(item, doc) for item in _in_toc_order(draft))
        decided = any(item.decision() for item in items)
        kind = MeetingKind.MINUTES if decided or draft.kind is MeetingKind.MINUTES else MeetingKind.AGENDA
        base = "-".join(
            p for p in (_slug(municipality or ""), _slug(draft.committee or "ukendt"),
                        draft.meeting_date.isoformat() if draft.meeting_date else "udateret") if p
        )
        ordinal = used.get(base, 0)
        used[base] = ordinal + 1
        suffix = hashlib.sha1(f"{doc.name}#{ordinal}".encode()).hexdigest()[:6]
        meeting_id = f"{base}-{suffix}"
        digest = hashlib.sha256(doc.sha256.encode())
        digest.update(meeting_id.encode())
        for item in items:
            digest.update(f"{item.number}|{item.title}|{item.closed}".encode())
            for section in item.sections:
                digest.update(f"{section.kind.value}|{section.heading}|{section.text}".encode())
        meetings.append(
            Meeting(meeting_id, municipality, draft.committee, draft.meeting_date, draft.meeting_time,
                    draft.place, kind, items, doc.name, doc.sha256, draft.enclosed, digest.hexdigest(),
                    date_inferred=draft.date_inferred, source_url=doc.hints.source_url)
        )
    return meetings


def _in_toc_order(meeting: MeetingDraft) -> list[ItemDraft]:
    """Items in the order the TOC lists them; a listed item never found in the body keeps its title."""
    if not meeting.toc:
        return meeting.items
    ordered: list[ItemDraft] = []
    for index, entry in enumerate(meeting.toc.entries):
        found = meeting.filled.get(index)
        ordered.append(found or ItemDraft(entry.number, entry.title, meeting, category=entry.category,
                                          closed=entry.title.lower().startswith("lukket")))
    listed = {id(item) for item in ordered}
    return ordered + [item for item in meeting.items if id(item) not in listed]


def _freeze_item(item: ItemDraft, doc: RawDocument) -> AgendaItem:
    sections: list[Section] = []
    if not item.closed:
        decided = item.has_decision()
        for draft in item.sections:
            if not draft.lines:
                if draft.kind is SectionKind.DECISION and not decided:  # an empty decision is still recorded as such
                    sections.append(Section(draft.kind, draft.heading, 0, 0, ()))
                continue
            first, last = draft.lines[0].number - 1, draft.lines[-1].number
            sections.append(Section(draft.kind, draft.heading, first, last, tuple(draft.lines)))
    return AgendaItem(item.number, item.title, None if item.closed else item.case_number,
                      item.category, item.closed, tuple(sections))
