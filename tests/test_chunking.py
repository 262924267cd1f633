"""Chunking on a small fictional set of minutes: exact slices, section-aware, sentence-respecting."""

from __future__ import annotations

import dataclasses

from ingest.chunking import MAX_CHARS, chunk_meeting
from ingest.converters import convert
from ingest.structure import parse_document
from ingest.types import Line
from ingest.vocabulary import SectionKind
from tests.conftest import FIXTURES, MAX_BYTES

FIXTURE = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"


def _chunks(max_chars: int = MAX_CHARS):
    doc = convert(FIXTURE, MAX_BYTES)
    (meeting,) = parse_document(doc, "Solbjerg")
    return doc, meeting, chunk_meeting(meeting, doc, max_chars)


def test_fixture_structure():
    _, meeting, _ = _chunks()
    assert meeting.municipality == "Solbjerg" and meeting.committee == "Teknik- og Miljøudvalget"
    assert [(i.number, i.closed) for i in meeting.items] == [("1", False), ("2", False), ("3", True), ("4", False)]
    assert meeting.items[1].decision().text.startswith("Godkendt med 5 stemmer for og 2 imod")


def test_every_chunk_is_an_exact_slice_with_a_complete_source():
    doc, meeting, chunks = _chunks()
    assert chunks
    for chunk in chunks:
        ref = chunk.source
        assert doc.text[ref.char_start : ref.char_end] == chunk.text
        assert chunk.text in "\n".join(doc.text.split("\n")[ref.line_start - 1 : ref.line_end])
        assert ref.file_name == FIXTURE.name and len(ref.file_sha256) == 64
        assert ref.meeting_id == meeting.id and ref.meeting_date and ref.item_number and ref.item_title
        assert len(chunk.text) <= MAX_CHARS
        assert chunk.embed_text.endswith(chunk.text) and "Teknik- og Miljøudvalget 12-03-2025" in chunk.embed_text


def test_chunks_never_span_sections_or_items_and_skip_closed_items():
    doc, meeting, chunks = _chunks()
    for chunk in chunks:
        item = next(i for i in meeting.items if i.number == chunk.source.item_number)
        section = next(s for s in item.sections if s.kind is chunk.source.section and s.heading == chunk.source.section_heading)
        assert section.lines[0].offset <= chunk.source.char_start and chunk.source.char_end <= section.lines[-1].offset + len(section.lines[-1].text)
    assert all(c.source.item_number != "3" for c in chunks)
    kinds = {c.source.section for c in chunks if c.source.item_number == "2"}
    assert {SectionKind.DECISION, SectionKind.RECOMMENDATION, SectionKind.SUMMARY, SectionKind.CASE} <= kinds


def test_long_paragraph_is_cut_at_sentence_ends():
    _, _, chunks = _chunks(max_chars=300)
    case = [c for c in chunks if c.source.section is SectionKind.CASE and c.source.item_number == "2"]
    assert len(case) >= 4
    assert all(len(c.text) <= 300 for c in case)
    assert all(c.text.endswith(".") for c in case)


def test_a_sentence_longer_than_a_chunk_is_cut_at_spaces():
    from ingest.chunking import _pieces

    line = Line("ord " * 400, 1, 100)
    pieces = list(_pieces(line, 250))
    assert all(end - start <= 250 for start, end in pieces)
    assert " ".join(line.text[s - 100 : e - 100] for s, e in pieces).split() == line.text.split()


def test_ids_are_deterministic_and_unique():
    _, _, first = _chunks()
    _, _, second = _chunks()
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)


def test_source_ref_round_trips_through_flat_metadata():
    _, _, chunks = _chunks()
    for chunk in chunks:
        meta = chunk.source.to_metadata()
        assert all(isinstance(v, (str, int)) for v in meta.values())
        assert dataclasses.asdict(type(chunk.source).from_metadata(meta)) == dataclasses.asdict(chunk.source)
    label = chunks[0].source.label()
    assert label.startswith("Solbjerg, Teknik- og Miljøudvalget 12-03-2025, pkt. 1") and "l. " in label


def test_line_numbers_are_the_lines_the_chunk_text_spans():
    """Every chunk's lines are the ones its characters lie on, counted in the text itself (the chunker finds
    them by binary search over line offsets, not by counting from the top for every chunk)."""
    doc, _, chunks = _chunks(200)
    assert len(chunks) > 10
    for chunk in chunks:
        start, end = chunk.source.char_start, chunk.source.char_end
        first = doc.text.count("\n", 0, start) + 1
        assert (chunk.source.line_start, chunk.source.line_end) == (first, first + doc.text.count("\n", start, end))
        assert doc.lines[first - 1].offset <= start < doc.lines[first - 1].offset + len(doc.lines[first - 1].text) + 1
