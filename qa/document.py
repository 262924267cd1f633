"""Summaries, briefs and what is new as one small document model: lines of labels and cited quotes, the
citations numbered in order of first use. The terminal, the chat, Markdown and DOCX (`qa.render`,
`qa.export`) each write the same document, so what a councillor reads and exports is the same text.

Labels come from `qa.messages` in the reader's language; quotes stay verbatim Danish. A recommendation is
always labelled as the administration's proposal, never as a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ingest.catalogue import MeetingRow
from ingest.vocabulary import MeetingKind
from qa import messages
from qa.types import Brief, Citation, MeetingSummary, Statement, Treatment


@dataclass(frozen=True)
class Quote:
    """Verbatim text from the minutes and the numbers of the sources placing it."""

    text: str
    keys: tuple[int, ...]


Part = str | Quote


@dataclass
class Line:
    style: str  # "title", "meta", "heading", "text", "bullet", "detail" (a line belonging to the bullet above)
    parts: list[Part]


class Footnotes:
    """Numbers citations 1, 2, ... in order of first use. The same quoted place keeps its number, and so does a
    quote inside one already numbered (a key point quoting a sentence of a decision quoted above): one source
    is listed once under a brief or summary."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []

    def _number(self, citation: Citation) -> int:
        ref = citation.source
        for known in self.citations:
            if ((known.source.file_sha256 or known.source.file_name) == (ref.file_sha256 or ref.file_name)
                    and known.source.char_start <= ref.char_start and ref.char_end <= known.source.char_end):
                return known.key
        self.citations.append(replace(citation, key=len(self.citations) + 1))
        return len(self.citations)

    def quote(self, statement: Statement) -> Quote:
        return Quote(statement.text, tuple(dict.fromkeys(self._number(c) for c in statement.citations)))


@dataclass
class Document:
    lines: list[Line] = field(default_factory=list)
    notes: Footnotes = field(default_factory=Footnotes)
    language: str = "da"

    def add(self, style: str, *parts: Part | Statement | None) -> None:
        self.lines.append(Line(style, [self.notes.quote(p) if isinstance(p, Statement) else p for p in parts if p is not None]))

    def citations(self) -> list[Citation]:
        return self.notes.citations


def meeting_title(meeting: MeetingRow, language: str = "da") -> str:
    """'Randers, Beskæftigelsesudvalget 14-01-2020 (referat)'."""
    return f"{messages.meeting_label(meeting, language)} ({messages.KIND[language][meeting.kind.value]})"


def item_name(number: str, title: str, language: str = "da") -> str:
    return messages.ITEM[language].format(number=number, title=title)


def statement_item(statement: Statement, language: str = "da") -> str:
    """The item a statement quotes, named: 'pkt. 3 «Tidsplan for regnskab 2022»' (key points name their item)."""
    ref = statement.citations[0].source if statement.citations else None
    return item_name(ref.item_number, ref.item_title, language) if ref else ""


def _meta(meeting: MeetingRow) -> str:
    return " · ".join(p for p in (meeting.meeting_time, meeting.place, meeting.file_name) if p)


def _treatment(doc: Document, treatment: Treatment) -> None:
    m, lang = treatment.meeting, doc.language
    where = f"{messages.meeting_label(m, lang)}, {item_name(treatment.item_number, treatment.item_title, lang)}"
    if treatment.decision:
        doc.add("bullet", f"{where}: {messages.DECISION_LABEL[lang]}: ", treatment.decision)
    else:
        doc.add("bullet", f"{where}: {messages.NO_DECISION_SHORT[lang]}")


def brief_document(brief: Brief, language: str = "da") -> Document:
    """For an agenda: each item with what it asks (labelled as the proposal) and its earlier treatments with
    their decisions. For minutes: each item's decision first, then the recommendation it answered and the
    earlier treatments. Standing and closed items by title at the end."""
    doc, lang, m = Document(language=language), language, brief.meeting
    agenda = m.kind is MeetingKind.AGENDA
    doc.add("title", (messages.BRIEF_TITLE if agenda else messages.DECISIONS_TITLE)[lang].format(meeting=meeting_title(m, lang)))
    doc.add("meta", _meta(m))
    if agenda:
        doc.add("text", messages.AGENDA_NOTE[lang])
    for item in brief.items:
        if item.closed or item.standing:
            continue
        doc.add("heading", f"{item.number}. {item.title}")
        if not agenda:
            doc.add("text", f"{messages.DECISION_LABEL[lang]}: ", item.decision or messages.NO_DECISION_SHORT[lang])
        if item.asks:
            doc.add("text", f"{messages.RECOMMENDATION_LABEL[lang]}: ", item.asks)
        if item.earlier:
            doc.add("text", f"{messages.EARLIER_LABEL[lang]}:")
            for treatment in item.earlier:
                _treatment(doc, treatment)
        elif agenda:
            doc.add("text", messages.NO_EARLIER[lang].format(where=m.municipality or messages.meeting_label(m, lang)))
    _standing_and_closed(doc, brief, agenda)
    return doc


def _standing_and_closed(doc: Document, brief: Brief, agenda: bool) -> None:
    lang = doc.language
    standing = [i for i in brief.items if i.standing and not i.closed]
    if standing:
        doc.add("heading", messages.STANDING_ITEMS[lang])
        for item in standing:
            decided = [f": {messages.DECISION_LABEL[lang]}: ", item.decision] if item.decision and not agenda else []
            doc.add("bullet", f"{item.number}. {item.title}", *decided)
    closed = [i for i in brief.items if i.closed]
    if closed:
        doc.add("heading", messages.CLOSED_ITEMS[lang])
        for item in closed:
            doc.add("bullet", f"{item.number}. {item.title}")


def summary_document(summary: MeetingSummary, language: str = "da", title: str | None = None) -> Document:
    """Every item in order: its decision first (minutes), then what it is about (the recommendation labelled
    as the proposal); closed items by title; then the key points, each naming its item."""
    doc, lang, m = Document(language=language), language, summary.meeting
    agenda = m.kind is MeetingKind.AGENDA
    doc.add("title", title or messages.SUMMARY_TITLE[lang].format(meeting=meeting_title(m, lang)))
    doc.add("meta", _meta(m))
    if agenda:
        doc.add("text", messages.AGENDA_NOTE[lang])
    for item in summary.items:
        doc.add("heading", f"{item.number}. {item.title}")
        if item.closed:
            doc.add("text", messages.CLOSED_ITEM[lang])
            continue
        if not agenda:
            doc.add("text", f"{messages.DECISION_LABEL[lang]}: ", item.decision or messages.NO_DECISION_SHORT[lang])
        if item.gist:
            label = messages.RECOMMENDATION_LABEL if item.gist_is_recommendation else messages.GIST_LABEL
            doc.add("text", f"{label[lang]}: ", item.gist)
    if summary.key_points:
        doc.add("heading", messages.KEY_POINTS[lang])
        for point in summary.key_points:
            doc.add("bullet", f"{statement_item(point, lang)}: ", point)
    return doc
