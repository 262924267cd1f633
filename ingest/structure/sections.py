"""Lines inside an agenda item: which section each belongs to.

A mixin of the parser (it shares the parser's state: the current meeting, item and section). Besides
section headings (stand-alone, inline `Beslutning: Godkendt.`, dated `Beslutning i <udvalg> den <dato>`),
two kinds of line open a section of their own wherever they stand:
- an attendance line (`Afbud: ...`, `Fraværende: ...`, `Ikke til stede: ...`, or inside a decision a
  sentence such as `X deltog ikke i sagens behandling`) is an ATTENDANCE section; the text after it
  continues the section it interrupted. In an earlier meeting's history it stays history.
- inside a decision, an earlier meeting's decision quoted by body and date (`Økonomiudvalget den
  12-06-2023: Anbefales`) is HISTORY until this meeting's own date comes back.
"""

from __future__ import annotations

from ingest.structure.drafts import ItemDraft, MeetingDraft, SectionDraft
from ingest.structure.headings import is_bare_number
from ingest.types import Line
from ingest.vocabulary import (
    CASE_NUMBER_LABEL,
    CASE_NUMBER_LINE,
    DATED_DECISION,
    MEETING_REFERENCE,
    MEMO_HEADING,
    QUOTED_DECISION,
    SectionKind,
    attendance_label,
    inline_section_kind,
    parse_date,
    section_kind_of,
)

_MEMO_KINDS = (SectionKind.SUMMARY, SectionKind.RECOMMENDATION, SectionKind.ECONOMY, SectionKind.CASE)


class SectionReader:
    """The part of the parser that files an item's lines into sections."""

    lines: list[Line]
    meeting: MeetingDraft | None
    item: ItemDraft | None
    section: SectionDraft | None
    item_line: int
    structured: bool

    def _item_line(self, i: int, line: Line, text: str) -> int:
        if self.section is None and i - self.item_line <= 2 and not self.item.case_number:
            case = CASE_NUMBER_LINE.match(text) or CASE_NUMBER_LABEL.match(text)
            if case:
                self.item.case_number = case[1].split("\t")[0].strip()
                return i + 1
        enclosure = self.section.enclosure if self.section else None
        if enclosure:
            memo = MEMO_HEADING.match(text) if enclosure == "memo" else None
            if memo:  # a memo's numbered section; never a decision, whatever its words
                kind = section_kind_of(memo[1])
                self._start_section(kind if kind in _MEMO_KINDS else SectionKind.ATTACHMENTS, text, enclosure)
                return i + 1
        else:
            if self._attendance(line, text) or self._quoted_decision(line, text):
                return i + 1
            if self.section is not None and self.section.interrupted is not None:
                interrupted = self.section.interrupted  # the text after an attendance line goes on where it was
                self._start_section(interrupted.kind, interrupted.heading)
            if MEETING_REFERENCE.search(text) and len(text) < 250:
                return i + 1  # "Kilde: Københavns Kommune, Valby Lokaludvalg, referat fra mødet ...": not content
            if not self.structured and self._heading(line, text):
                return i + 1
        if not any(ch.isalnum() for ch in text):
            return i + 1  # a lone "." placeholder says nothing
        if is_bare_number(text) and any(nxt.level == 2 for nxt in self.lines[i + 1 : i + 4]):
            return i + 1  # the next item's number in a portal page
        if self.section is None:
            self._start_section(SectionKind.CASE, "")
        self.section.lines.append(line)
        return i + 1

    def _heading(self, line: Line, text: str) -> bool:
        """A section heading of a text format: stand-alone, dated, or inline with its text."""
        dated = DATED_DECISION.match(text) if len(text) < 150 and not text.endswith(".") else None
        if dated:
            self._start_section(self._decision_kind(SectionKind.DECISION, text), text)
            return True
        kind = section_kind_of(text)
        if kind:
            self._start_section(kind, text)
            return True
        inline = inline_section_kind(text)
        if inline:  # "Beslutning: Godkendt." opens the section and is its first line
            self._start_section(self._decision_kind(inline, text), text.split(":", 1)[0].strip("* "))
            self.section.lines.append(line)
            return True
        return False

    def _attendance(self, line: Line, text: str) -> bool:
        """'Afbud: Tina Rottbøll' is an attendance section of its own (in an earlier meeting's history, history)."""
        current = self.section
        if current is not None and current.kind is SectionKind.HISTORY:
            return False
        decision = current if current is None or current.interrupted is None else current.interrupted
        label = attendance_label(text, in_decision=decision is not None and decision.kind is SectionKind.DECISION)
        if label is None:
            return False
        if current is None or current.kind is not SectionKind.ATTENDANCE:
            self._start_section(SectionKind.ATTENDANCE, label)
            self.section.interrupted = current or SectionDraft(SectionKind.CASE, "")
        self.section.lines.append(line)
        return True

    def _quoted_decision(self, line: Line, text: str) -> bool:
        """Inside a decision, 'Økonomiudvalget den 12-06-2023: Anbefales' is that earlier meeting's decision."""
        current = self.section
        if current is None or not (current.kind is SectionKind.DECISION or current.quoted):
            return False
        quoted = QUOTED_DECISION.match(text) if len(text) < 400 else None
        when = parse_date(quoted["date"] or quoted["date2"]) if quoted else None
        if when is None or self.meeting is None or self.meeting.meeting_date is None:
            return False
        kind = SectionKind.DECISION if when == self.meeting.meeting_date else SectionKind.HISTORY
        heading = text[: quoted.end()].rstrip(" :")
        self._start_section(kind, heading)
        self.section.quoted = True
        if text[quoted.end():].strip():
            self.section.lines.append(line)
        return True

    def _decision_kind(self, kind: SectionKind, heading: str) -> SectionKind:
        """A dated decision of another meeting is history, not this meeting's decision."""
        if kind is SectionKind.DECISION and self.meeting and self.meeting.meeting_date:
            when = parse_date(heading)
            if when and when != self.meeting.meeting_date:
                return SectionKind.HISTORY
        return kind

    def _start_section(self, kind: SectionKind, heading: str, enclosure: str | None = None) -> None:
        if self.item is None:
            return
        self.section = SectionDraft(kind, heading, enclosure=enclosure)
        self.item.sections.append(self.section)
