"""The data types every stage shares: raw documents, meetings, chunks and their source references.

Typed, frozen objects inside the program; flat dicts only at the storage boundary
(`SourceRef.to_metadata` / `SourceRef.from_metadata`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

from ingest.vocabulary import MeetingKind, SectionKind


@dataclass(frozen=True)
class Line:
    """One line of extracted text with its exact position in the document."""

    text: str
    number: int  # 1-based line number in RawDocument.text
    offset: int  # character offset of the line's first character in RawDocument.text
    page: int | None = None  # 1-based PDF page, None for text formats
    level: int | None = None  # heading hint from structured formats: 1 meeting, 2 item, 3 section
    furniture: bool = False  # running header/footer of a paginated document; never content


@dataclass(frozen=True)
class MeetingHints:
    """Metadata a structured format states outright (portal JSON); the parser trusts it over guesses."""

    municipality: str | None = None
    committee: str | None = None
    meeting_date: date | None = None
    meeting_time: str | None = None
    place: str | None = None
    kind: MeetingKind | None = None
    external_id: str | None = None  # the portal's own id of the meeting
    source_url: str | None = None  # where the document is published (its portal page), http(s) only


@dataclass(frozen=True)
class RawDocument:
    """What a converter returns: the document's text and its lines, positions kept."""

    name: str  # file name as given by the user
    sha256: str  # of the file's bytes
    format: str  # txt, pdf, docx, html, portal-json
    text: str
    lines: tuple[Line, ...]
    hints: MeetingHints = field(default_factory=MeetingHints)


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: str  # as written in the source ("" when the text has no heading of its own)
    line_start: int  # index into RawDocument.lines (0-based) of the first content line
    line_end: int  # exclusive
    lines: tuple[Line, ...]  # the content lines, furniture excluded

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines).strip()


@dataclass(frozen=True)
class AgendaItem:
    number: str
    title: str
    case_number: str | None
    category: str | None
    closed: bool
    sections: tuple[Section, ...]

    def decision(self) -> Section | None:
        """The decision of this meeting (never an earlier meeting's decision), if it has text."""
        for section in self.sections:
            if section.kind is SectionKind.DECISION and section.text.strip(" ."):
                return section
        return None


@dataclass(frozen=True)
class Meeting:
    id: str
    municipality: str | None
    committee: str | None
    meeting_date: date | None
    meeting_time: str | None
    place: str | None
    kind: MeetingKind
    items: tuple[AgendaItem, ...]
    source_name: str
    source_sha256: str
    enclosed: bool  # minutes of an earlier meeting found inside another meeting's document
    content_hash: str  # of everything the meeting's chunks and summary depend on
    date_inferred: bool = False  # no header of its own: the date is read from a reference in the file
    source_url: str | None = None  # the document's page at the municipality's portal, when the source names it


@dataclass(frozen=True)
class SourceRef:
    """Where a piece of text came from, completely enough to open it and check the quote."""

    file_name: str
    file_sha256: str
    page: int | None
    line_start: int | None
    line_end: int | None
    char_start: int
    char_end: int
    municipality: str | None
    committee: str | None
    meeting_id: str
    meeting_date: date | None
    item_number: str
    item_title: str
    section: SectionKind
    section_heading: str
    date_inferred: bool = False  # the meeting has no header: its date is read from a reference in the file
    source_url: str | None = None  # the meeting's page at the municipality's portal (http/https), when known

    def label(self) -> str:
        """Human label, e.g. 'Randers, Beskæftigelsesudvalget 14-01-2020, pkt. 3, Beslutning, l. 196-204'."""
        where = ", ".join(p for p in (self.municipality, self.committee) if p)
        when = self.meeting_date.strftime("%d-%m-%Y") if self.meeting_date else "udateret"
        when += " (dato udledt)" if self.date_inferred and self.meeting_date else ""
        place = f"s. {self.page}" if self.page else f"l. {self.line_start}-{self.line_end}"
        heading = self.section_heading if 0 < len(self.section_heading) <= 30 else self.section.label
        return f"{where} {when}, pkt. {self.item_number}, {heading}, {place}"

    def to_metadata(self) -> dict[str, str | int]:
        """Flat metadata for Chroma: no None values, dates as ISO strings (and as a number, `meeting_day`)."""
        flat: dict[str, str | int] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, SectionKind):
                value = value.value
            flat[f.name] = value
        if self.meeting_date:  # Chroma compares numbers only: the date as 20230109 for range filters
            flat["meeting_day"] = int(self.meeting_date.strftime("%Y%m%d"))
        return flat

    @classmethod
    def from_metadata(cls, meta: dict) -> SourceRef:
        values = {f.name: meta.get(f.name) for f in fields(cls)}
        if values["meeting_date"]:
            values["meeting_date"] = date.fromisoformat(values["meeting_date"])
        values["section"] = SectionKind(values["section"])
        values["date_inferred"] = bool(values["date_inferred"])  # absent in chunks stored before it existed
        return cls(**values)

    def to_json(self) -> dict:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        data["section"] = self.section.value
        return data


@dataclass(frozen=True)
class Chunk:
    id: str  # deterministic: from the file, position and text
    text: str  # exactly the source text at source.char_start:char_end
    embed_text: str  # a short header (body, date, item, section) + the text
    source: SourceRef
