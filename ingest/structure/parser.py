"""RawDocument → meetings → agenda items → sections.

One pass over the document's content lines (blank lines and page furniture skipped) with a small state:
the meetings found so far, the current item and section. What it handles, each by a general rule:
- several meetings in one document: enclosed minutes open with their own header; a second table of
  contents, or item numbering restarting at 1, opens a meeting that has no header at all;
- items scattered through the document: an item heading goes to the meeting whose table of contents
  lists it and has not been filled yet;
- decisions: a `Beslutning` section, `Beslutning for Punkt N` headings, a trailing `Referat` block of bare
  `Punkt N:` headings, or no heading at all (unlabelled.py); absences and quoted decisions: sections.py;
- enclosures (an `Indstilling` memo with Til/Fra/Dato, an enclosed committee agenda) belong to the item
  they follow, or, when they follow another meeting's minutes, to the item whose title they name;
- `Punkt 5, B Borger er ...` in a report is not an item heading (a heading has `Punkt N:`), numbered
  lines `2. Title` are items only where the TOC lists them (tabbed `1.1   Title` runs: headings.py);
- closed items (`Lukket`) keep their title only.
"""

from __future__ import annotations

import logging

from ingest.structure.dating import date_headerless_meetings, meeting_reference
from ingest.structure.drafts import ItemDraft, MeetingDraft, SectionDraft, freeze
from ingest.structure.enclosures import enclosure_at, enclosure_target
from ingest.structure.header import HeaderInfo, header_at, infer_municipality, read_first_header
from ingest.structure.headings import joined_heading, tabbed_headings
from ingest.structure.levels import marked_item, normalise_levels
from ingest.structure.sections import SectionReader
from ingest.structure.titles import similar
from ingest.structure.toc import is_toc_heading, read_toc
from ingest.structure.unlabelled import find_unlabelled_decisions
from ingest.types import Line, Meeting, RawDocument
from ingest.vocabulary import (
    CASE_NUMBER_LABEL,
    CLOSED_TITLE,
    DECISION_FOR_ITEM,
    LOOSE_PUNKT_HEADING,
    NUMBERED_HEADING,
    PUNKT_HEADING,
    MeetingKind,
    SectionKind,
    section_kind_of,
)

log = logging.getLogger(__name__)

PARSER_VERSION = "p5"  # bump when a change alters meetings, items or sections (p5: source_url): the index is rebuilt


def parse_document(doc: RawDocument, default_municipality: str | None = None) -> list[Meeting]:
    """The document's meetings; `default_municipality` is used when the text names none."""
    lines = [line for line in doc.lines if line.text.strip() and not line.furniture]
    return freeze(_Parser(doc, lines).run(), doc, infer_municipality(doc) or default_municipality)


class _Parser(SectionReader):
    def __init__(self, doc: RawDocument, lines: list[Line]):
        self.doc = doc
        self.lines, self.page_item = normalise_levels(lines)
        self.meetings: list[MeetingDraft] = []
        self.meeting: MeetingDraft | None = None
        self.item: ItemDraft | None = None
        self.section: SectionDraft | None = None
        self.minutes_block: MeetingDraft | None = None  # inside a trailing "Referat" block for this meeting
        self.item_line = -1  # index of the current item's heading
        self.enclosure_line = -10  # index of the line that opened the current enclosure
        self.structured = any(line.level == 2 for line in self.lines)  # HTML / portal JSON mark their items
        self.tabbed = {} if self.structured else tabbed_headings(self.lines)  # "1.1   Title" items

    # -- driver -------------------------------------------------------------------------------------
    def run(self) -> list[MeetingDraft]:
        start = self._first_structure_line()
        info = read_first_header(self.lines, 40 if start is None else start, self.doc.hints)
        reference = meeting_reference(self.lines, self.doc.hints)
        info.committee, info.meeting_date = info.committee or reference.committee, info.meeting_date or reference.meeting_date
        info.kind = info.kind or reference.kind
        self._open_meeting(info, enclosed=False)
        i = start or 0
        while i < len(self.lines):
            i = self._step(i)
        find_unlabelled_decisions(self.meetings, self.doc)
        date_headerless_meetings(self.meetings, self.lines)
        return self.meetings

    def _first_structure_line(self) -> int | None:
        """Where the header ends: the first TOC or item heading."""
        for i, line in enumerate(self.lines):
            text = line.text.strip()
            if is_toc_heading(text) or PUNKT_HEADING.match(text) or i in self.tabbed:
                return i
            if line.level == 2 and marked_item(self.lines, i, self.page_item):
                return i
            if NUMBERED_HEADING.match(text) and self._case_number_follows(i):
                return i
        return None

    def _step(self, i: int) -> int:
        line = self.lines[i]
        text = line.text.strip()
        if line.level == 1:
            return i + 1
        marked = marked_item(self.lines, i, self.page_item) if line.level == 2 else None
        if marked:
            self._start_item(*marked, i)
            return i + 1
        if line.level == 3:
            if self.item:
                kind = section_kind_of(text) or (SectionKind.CASE if not text else SectionKind.OTHER)
                self._start_section(self._decision_kind(kind, text), text)
            return i + 1
        if self.structured:  # the format marks items and sections itself: everything else is content
            return self._item_line(i, line, text) if self.item and not self.item.closed else i + 1
        if is_toc_heading(text):
            return self._toc(i)
        if i > 0:
            found = header_at(self.lines, i)
            if found:
                info, nxt = found
                self._open_meeting(info, enclosed=True)
                if info.kind is MeetingKind.MINUTES:
                    self.minutes_block = self.meeting
                return nxt
        if text == "Referat" or text == "REFERAT":
            if any(PUNKT_HEADING.match(self.lines[j].text.strip()) for j in range(i + 1, min(i + 3, len(self.lines)))):
                self.minutes_block = self._minutes_target(i + 1)
                self.section = None
                return i + 1
        recent = self.section is not None and self.section.enclosure and i - self.enclosure_line <= 4
        enclosure = None if recent else enclosure_at(self.lines, i)
        if enclosure:
            return self._enclosure(i, enclosure)
        heading, nxt = joined_heading(self.lines, i)
        decision_for = DECISION_FOR_ITEM.match(heading)
        if decision_for:
            self._decision_for(decision_for[1], decision_for[2], heading)
            return nxt
        punkt = PUNKT_HEADING.match(heading)
        if punkt and len(heading) < 300:
            self._punkt(punkt[1], punkt[2].strip(), i)
            return nxt
        numbered = NUMBERED_HEADING.match(text)
        if numbered and (self._toc_lists(numbered[1], numbered[2]) or self._case_number_follows(i)):
            return self._numbered_item(numbered[1], numbered[2], i)
        if i in self.tabbed:
            self._start_item(*self.tabbed[i], i)
            return i + 1
        loose = LOOSE_PUNKT_HEADING.match(text)
        if loose and len(text) < 300 and self._toc_lists(loose[1], loose[2], numbered_style=None):
            self._punkt(loose[1], loose[2], i)
            return i + 1
        if self.item and not self.item.closed:
            return self._item_line(i, line, text)
        return i + 1

    # -- meetings and tables of contents ------------------------------------------------------------
    def _open_meeting(self, info: HeaderInfo, enclosed: bool) -> None:
        self.meeting = MeetingDraft(info.committee, info.meeting_date, info.meeting_time, info.place, info.kind, enclosed)
        self.meetings.append(self.meeting)
        self.item = self.section = None
        self.minutes_block = None

    def _headerless_meeting(self) -> None:
        """A meeting with no header of its own: same body as the one before it, date unknown."""
        body = self.meeting.committee if self.meeting else None
        self._open_meeting(HeaderInfo(committee=body), enclosed=True)

    def _toc(self, i: int) -> int:
        toc, nxt = read_toc(self.lines, i)
        if not toc.entries:
            return nxt
        if self.meeting.toc or self.meeting.items:
            self._headerless_meeting()
        self.meeting.toc = toc
        self.item = self.section = None
        self.minutes_block = None
        return nxt

    def _toc_lists(self, number: str, title: str, numbered_style: bool | None = True) -> bool:
        return any(
            (numbered_style is None or e.numbered_style == numbered_style) and e.number == number and similar(e.title, title)
            for m in self.meetings for _, e in m.open_entries()
        )

    def _case_number_follows(self, i: int) -> bool:
        """'2. Title' over 'Sagsnr.: 2012-28504' is an item heading even where no TOC lists it."""
        if (self.meeting and self.meeting.toc) or self.structured:
            return False
        return any(CASE_NUMBER_LABEL.match(self.lines[j].text.strip()) for j in range(i + 1, min(i + 3, len(self.lines))))

    # -- items --------------------------------------------------------------------------------------
    def _punkt(self, number: str, title: str, i: int) -> None:
        if self.minutes_block:
            self._minutes_decision(number, title)
            return
        last = self.item
        if last and last.meeting is self.meeting and (last.number, similar(last.title, title)) == (number, True):
            if not any(s.lines for s in last.sections):
                return  # the same heading printed twice
        for meeting in [self.meeting] + self.meetings[::-1]:
            for index, entry in meeting.open_entries():
                if entry.number == number and similar(entry.title, title):
                    self._start_item(number, title, i, meeting, index)
                    return
        for item in self.meeting.items:
            if number != "1" and item.number == number and similar(item.title, title):
                self._resume(item)  # the item's heading repeated before its enclosures
                return
        if number in ("0", "1") and self.meeting.items:
            self._headerless_meeting()
        self._start_item(number, title, i)

    def _numbered_item(self, number: str, title: str, i: int) -> int:
        nxt = i + 1
        if not self.meeting.toc:
            self._start_item(number, title, i)
            return nxt
        for meeting in [self.meeting] + self.meetings[::-1]:
            for index, entry in meeting.open_entries():
                if entry.numbered_style and entry.number == number and similar(entry.title, title):
                    full = entry.title
                    if len(full) > len(title) + 2 and nxt < len(self.lines):
                        tail = self.lines[nxt].text.strip()
                        if tail and full.lower().endswith(tail.lower()):
                            nxt += 1  # the heading wrapped onto the next line
                    self._start_item(number, full if len(full) > len(title) else title, i, meeting, index)
                    return nxt
        return nxt

    def _start_item(self, number: str, title: str, i: int, meeting: MeetingDraft | None = None, entry: int | None = None) -> None:
        meeting = meeting or self.meeting
        if meeting is not self.meeting:
            self.meeting = meeting
        category = None
        if entry is None and meeting.toc:
            for index, candidate in meeting.open_entries():
                if candidate.number == number and similar(candidate.title, title):
                    entry = index
                    break
        if entry is not None:
            category = meeting.toc.entries[entry].category
        title = " ".join(title.replace("**", "").split())
        item = ItemDraft(number, title, meeting, category=category, closed=bool(CLOSED_TITLE.match(title)))
        if entry is not None:
            meeting.filled[entry] = item
        meeting.items.append(item)
        self.item, self.section, self.item_line = item, None, i
        self.minutes_block = None

    def _resume(self, item: ItemDraft) -> None:
        self.meeting, self.item, self.section = item.meeting, item, None
        self.item_line = -1

    # -- decisions ----------------------------------------------------------------------------------
    def _minutes_target(self, i: int) -> MeetingDraft:
        """The meeting whose decisions a trailing "Referat" block holds."""
        for meeting in self.meetings:
            if meeting.toc and meeting.toc.has_minutes_block:
                return meeting
        first = PUNKT_HEADING.match(self.lines[i].text.strip()) if i < len(self.lines) else None
        for meeting in self.meetings:
            if first and any(it.number == first[1] and not it.has_decision() for it in meeting.items):
                return meeting
        return self.meeting

    def _minutes_decision(self, number: str, title: str) -> None:
        meeting = self.minutes_block
        target = next((it for it in meeting.items if it.number == number and similar(it.title, title)), None)
        target = target or next((it for it in meeting.items if it.number == number and not it.has_decision()), None)
        if target is None:
            keep = self.minutes_block
            self._start_item(number, title, -1, meeting)
            self.minutes_block = keep
            target = self.item
        self.meeting, self.item = meeting, target
        self._start_section(SectionKind.DECISION, "Referat")

    def _decision_for(self, number: str, title: str, heading: str) -> None:
        candidates = [self.item] if self.item else []
        candidates += [it for m in [self.meeting] + self.meetings[::-1] for it in m.items[::-1]]
        for item in candidates:
            if item and item.number == number and (not title or similar(item.title, title)):
                self.meeting, self.item = item.meeting, item
                self._start_section(SectionKind.DECISION, heading.replace("**", "").strip())
                return
        log.debug("%s: '%s' names no known item", self.doc.name, heading)

    # -- enclosures ---------------------------------------------------------------------------------
    def _enclosure(self, i: int, kind: str) -> int:
        self.minutes_block = None
        opening = " ".join(self.lines[j].text for j in range(i, min(i + 8, len(self.lines))))
        target = enclosure_target(self.item, self.meetings, opening)
        if target is None:
            self.item = None
            return i + 1
        self.meeting, self.item = target.meeting, target
        self.section = SectionDraft(SectionKind.ATTACHMENTS, self.lines[i].text.strip(), enclosure=kind)
        target.sections.append(self.section)
        self.section.lines.append(self.lines[i])
        self.enclosure_line = i
        return i + 1
