"""Meeting → Chunks: section-aware, sentence-respecting, every chunk an exact slice of the source.

A chunk never spans two items or two sections, nor a page break or page furniture: its text is always
`RawDocument.text[char_start:char_end]`, so a quote can be checked verbatim at the place it claims.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterator

from ingest.types import AgendaItem, Chunk, Line, Meeting, RawDocument, Section, SourceRef
from ingest.vocabulary import SectionKind

CHUNKER_VERSION = "sec3"
MAX_CHARS = 1000

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[\"“(\-–•A-ZÆØÅ0-9])")


def chunk_meeting(meeting: Meeting, doc: RawDocument, max_chars: int = MAX_CHARS) -> list[Chunk]:
    chunks: list[Chunk] = []
    for item in meeting.items:
        if item.closed:
            continue  # closed items keep their title in the catalogue; nothing of them is indexed
        for section in item.sections:
            for start, end in _spans(section, doc, max_chars):
                chunks.append(_make_chunk(meeting, item, section, doc, start, end))
    return chunks


def _runs(section: Section, doc: RawDocument) -> Iterator[list[Line]]:
    """Consecutive content lines with only blank lines between them, on one page."""
    run: list[Line] = []
    for line in section.lines:
        if run:
            prev = run[-1]
            gap = doc.lines[prev.number : line.number - 1]
            if line.page != prev.page or any(g.text.strip() for g in gap):
                yield run
                run = []
        run.append(line)
    if run:
        yield run


def _pieces(line: Line, max_chars: int) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of a line, cut at sentence ends (else at a space) when longer than max_chars."""
    text = line.text
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    while end - start > max_chars:
        limit = start + max_chars
        cuts = [m for m in _SENTENCE_END.finditer(text, start, limit + 1) if start < m.start() <= limit]
        if cuts:
            cut, resume = cuts[-1].start(), cuts[-1].end()
        else:  # one sentence longer than a chunk: cut at the last space
            cut = text.rfind(" ", start + 1, limit)
            cut = cut if cut > start else limit
            resume = cut
        yield line.offset + start, line.offset + cut
        start = resume + (len(text[resume:]) - len(text[resume:].lstrip()))
    if end > start:
        yield line.offset + start, line.offset + end


def _spans(section: Section, doc: RawDocument, max_chars: int) -> Iterator[tuple[int, int]]:
    for run in _runs(section, doc):
        current: tuple[int, int] | None = None
        for line in run:
            for start, end in _pieces(line, max_chars):
                if current and end - current[0] <= max_chars:
                    current = (current[0], end)
                else:
                    if current:
                        yield current
                    current = (start, end)
        if current:
            yield current


def _line_range(doc: RawDocument, start: int, end: int) -> tuple[int, int]:
    """The 1-based numbers of the first and the last line of the characters start..end (a newline ending the
    slice reaches the next line), by binary search over the lines' offsets: nothing counted from the top of
    the text, neither per chunk nor per meeting (a file of a thousand meetings read its text a thousand times)."""
    return bisect_right(doc.lines, start, key=_offset), bisect_right(doc.lines, end, key=_offset)


def _offset(line: Line) -> int:
    return line.offset


def _make_chunk(meeting: Meeting, item: AgendaItem, section: Section, doc: RawDocument, start: int, end: int) -> Chunk:
    text = doc.text[start:end]
    line_start, line_end = _line_range(doc, start, end)
    page = doc.lines[line_start - 1].page
    source = SourceRef(
        file_name=doc.name,
        file_sha256=doc.sha256,
        page=page,
        line_start=None if page else line_start,
        line_end=None if page else line_end,
        char_start=start,
        char_end=end,
        municipality=meeting.municipality,
        committee=meeting.committee,
        meeting_id=meeting.id,
        meeting_date=meeting.meeting_date,
        item_number=item.number,
        item_title=item.title,
        section=section.kind,
        section_heading=section.heading,
        date_inferred=meeting.date_inferred,
        source_url=meeting.source_url,
    )
    # the file name too: a renamed copy of a file is another file, its chunks other chunks
    chunk_id = hashlib.sha256(f"{doc.name}:{doc.sha256}:{meeting.id}:{start}:{end}".encode()).hexdigest()[:32]
    return Chunk(chunk_id, text, embed_header(meeting, item, section) + "\n" + text, source)


def embed_header(meeting: Meeting, item: AgendaItem, section: Section) -> str:
    """Body, date, item and section: what a passage is about, for the embedder.

    An enclosed document (a memo, an enclosed agenda) is headed by its own heading only, so the same
    enclosure repeated under several items embeds once.
    """
    if section.kind is SectionKind.ATTACHMENTS and section.heading and section.heading.lower() != "bilag":
        return f"Bilag: {section.heading}"
    when = meeting.meeting_date.strftime("%d-%m-%Y") if meeting.meeting_date else ""
    body = " ".join(p for p in (meeting.committee, when) if p)
    return f"{body} | pkt. {item.number} {item.title} | {section.heading or section.kind.label}"
