"""PDF, DOCX, HTML and agenda-portal JSON from other municipalities (../shared/corpus-extra)."""

from __future__ import annotations

import io
import json
from datetime import date

import pypdf
import pytest

from ingest.chunking import chunk_meeting
from ingest.converters import convert
from ingest.structure import parse_document
from ingest.vocabulary import SectionKind
from tests.conftest import MAX_BYTES


def _parse(path):
    doc = convert(path, MAX_BYTES)
    return doc, parse_document(doc)


def test_ballerup_pdf_meeting_items_decisions_and_pages(corpus_extra):
    path = corpus_extra / "ballerup-sundheds-og-forebyggelsesudvalget-2012-12-04.pdf"
    doc, meetings = _parse(path)
    (meeting,) = meetings
    assert (meeting.municipality, meeting.committee, meeting.meeting_date) == (
        "Ballerup", "Sundheds- og Forebyggelsesudvalget", date(2012, 12, 4))
    assert [i.number for i in meeting.items] == [str(n) for n in range(1, 9)]
    assert meeting.items[5].title.endswith("hverdagsrehabilitering for ældre")
    assert all(i.decision() for i in meeting.items)
    assert meeting.items[1].decision().text.startswith("Indstillingen godkendt")
    assert meeting.items[1].case_number == "2012-28504"
    # page furniture ("Side 3", the running header) is never content
    assert all("Åbent referat" not in s.text for i in meeting.items for s in i.sections)
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages]
    chunks = chunk_meeting(meeting, doc)
    assert chunks and all(c.source.page for c in chunks)
    for chunk in chunks:  # the cited page really holds the quote
        assert chunk.text in pages[chunk.source.page - 1].replace("\r", "")
    decision = next(c for c in chunks if c.source.section is SectionKind.DECISION and c.source.item_number == "2")
    assert decision.source.page == 5


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_syddjurs_same_minutes_as_pdf_and_docx(corpus_extra, suffix):
    _, meetings = _parse(corpus_extra / f"syddjurs-puk-2013-06-20.{suffix}")
    (meeting,) = meetings
    assert meeting.meeting_date == date(2013, 6, 20) and meeting.municipality == "Syddjurs"
    assert meeting.committee == "Udvalget for plan, udvikling og kultur (PUK)"
    (item,) = meeting.items
    assert (item.number, item.title, item.case_number) == ("715", "Kulturkommune 2017. Politiske fokusområder", "12/27845")
    assert item.decision().text.startswith("Punktet blev drøftet.")
    # decisions of the earlier meetings (10-04 and 24-04-2013) are history, not this meeting's decision
    decisions = [s for s in item.sections if s.kind is SectionKind.DECISION]
    history = [s for s in item.sections if s.kind is SectionKind.HISTORY]
    assert len(decisions) == 1 and "20-06-2013" in decisions[0].heading
    assert any("24-04-2013" in s.heading for s in history)


def test_aarhus_portal_html(corpus_extra):
    _, meetings = _parse(corpus_extra / "aarhus-teknisk-udvalg-2025-10-01.html")
    (meeting,) = meetings
    assert (meeting.municipality, meeting.committee, meeting.meeting_date, meeting.meeting_time) == (
        "Aarhus", "Teknisk Udvalg", date(2025, 10, 1), "15:45")
    assert [i.number for i in meeting.items] == ["1", "2", "3", "4", "5", "6"]
    assert meeting.items[1].title == "Udviklingsplan Aarhus Ø - endelig vedtagelse"
    assert meeting.items[1].case_number == "EMN-2025-009242"
    assert meeting.items[5].decision().text == "Sagen blev udsat uden behandling."
    proposal = [s for s in meeting.items[1].sections if s.kind is SectionKind.RECOMMENDATION]
    assert proposal and proposal[0].heading == "Beslutningspunkter"


def test_portal_json_slice(corpus_extra):
    files = sorted((corpus_extra / "greve-json").glob("*.json"))[:60]
    closed_seen = 0
    for path in files:
        raw = json.loads(path.read_text(encoding="utf-8"))
        doc, meetings = _parse(path)
        (meeting,) = meetings
        assert meeting.committee == raw["Udvalg"]["Navn"].strip()
        assert meeting.meeting_date.isoformat() == raw["Moede"]["Dato"][:10]
        items = sorted(raw["Dagsordenpunkter"], key=lambda i: i.get("Sorting") or 0)
        assert [i.number for i in meeting.items] == [str(i["Number"]) for i in items]
        assert [i.title for i in meeting.items] == [" ".join(i["Caption"].split()) for i in items]
        for item in meeting.items:
            if item.closed:
                closed_seen += 1
                assert not item.sections
        chunks = chunk_meeting(meeting, doc)
        closed_numbers = {i.number for i in meeting.items if i.closed}
        assert all(c.source.item_number not in closed_numbers for c in chunks)
    assert closed_seen > 0


def test_portal_json_municipality_from_text(corpus_extra):
    path = next((corpus_extra / "greve-json").glob("Byråd 2022-2025_2023-03-06*.json"))
    _, (meeting,) = _parse(path)
    assert meeting.municipality == "Greve"


def test_portal_json_decision_text(corpus_extra):
    path = next((corpus_extra / "greve-json").glob("Beskæftigelses- og Erhvervsudvalget_2022-01-10*.json"))
    _, (meeting,) = _parse(path)
    assert meeting.municipality == "Greve"  # the text never names it: the portal's address does (dagsordener.greve.dk)
    assert meeting.items[0].title == "Godkendelse af dagsorden"
    assert meeting.items[0].decision().text == "Godkendt."
    assert meeting.items[0].case_number == "21-014448"
