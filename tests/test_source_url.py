"""Where a source is published (`source_url`): read from the portal JSON and the HTML page itself, kept in the
catalogue and in every passage's source reference, and part of the citation's JSON contract."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ingest.catalogue import Catalogue, MeetingRow
from ingest.converters import convert
from ingest.converters.base import web_url
from ingest.converters.html import convert as convert_html
from ingest.pipeline import ingest_paths
from qa.answer import Answerer
from qa.types import Citation
from tests.conftest import MAX_BYTES, ROOT

GREVE_MEETING = "02e86ff6-fd6b-4bab-99ad-17411bb2ead1"


@pytest.fixture
def greve_file(corpus_extra):
    (path,) = (corpus_extra / "greve-json").glob(f"*{GREVE_MEETING}.json")
    return path


def test_portal_json_names_the_meetings_page_at_its_portal(greve_file, corpus_extra):
    assert convert(greve_file, MAX_BYTES).hints.source_url == f"https://dagsordener.greve.dk/vis?id={GREVE_MEETING}"
    every = [convert(p, MAX_BYTES).hints.source_url for p in sorted((corpus_extra / "greve-json").glob("*.json"))[:40]]
    assert all(url and url.startswith("https://dagsordener.greve.dk/vis?id=") for url in every)


def test_no_address_is_made_up(corpus_extra):
    """The fictional sample's JSON links no portal; the Aarhus page and the decision trail state no address."""
    assert convert(ROOT / "samples" / "lilleaa-boern-og-unge-2025-02-03.json", MAX_BYTES).hints.source_url is None
    assert convert(corpus_extra / "aarhus-teknisk-udvalg-2025-10-01.html", MAX_BYTES).hints.source_url is None
    trail = corpus_extra / "more" / "aarhus-byraad-sag-18-039871-beslutninger-2018-10-11.json"
    assert convert(trail, MAX_BYTES).hints.source_url is None


def test_html_page_gives_its_canonical_address(corpus_extra):
    page = corpus_extra / "more" / "koebenhavn-borgerrepraesentationen-2026-10-08-punkt-15.html"
    assert convert(page, MAX_BYTES).hints.source_url == "https://sagsvagt.dk/sag/kk-2026-10-08-borgerrepraesentationen-15.html"


@pytest.mark.parametrize("href", ["javascript:alert(1)", "/sag/15.html", "data:text/html,<b>x</b>", "https://x.dk/a b",
                                  'https://x.dk/"onmouseover="alert(1)'])
def test_an_address_that_is_not_a_web_page_is_dropped(href):
    markup = f'<html><head><link rel="canonical" href=\'{href}\'></head><body><h1>Referat</h1><p>Godkendt.</p></body></html>'
    assert convert_html("page.html", markup.encode()).hints.source_url is None
    assert web_url(href) is None
    assert web_url(" https://dagsordener.greve.dk/vis?id=1 ") == "https://dagsordener.greve.dk/vis?id=1"


def test_catalogue_chunks_and_citation_json_carry_it(small_store, greve_file):
    (report,) = ingest_paths([greve_file], small_store, MAX_BYTES)
    assert report.status == "ingested"
    url = f"https://dagsordener.greve.dk/vis?id={GREVE_MEETING}"
    (meeting,) = small_store.catalogue.meetings()
    assert meeting.source_url == url and meeting.to_json()["source_url"] == url
    assert MeetingRow.from_json(meeting.to_json()).source_url == url
    answer = Answerer(small_store).ask("Hvad blev besluttet om godkendelse af dagsorden?")
    assert answer.citations, answer.answer
    for citation in answer.citations:
        data = json.loads(json.dumps(citation.to_json()))
        assert data["source_url"] == url
        assert Citation.from_json(data) == citation


def test_an_older_catalogue_gains_the_column(tmp_path):
    path = tmp_path / "catalogue.sqlite"
    with sqlite3.connect(path) as db:  # the meetings table as catalogues made before `source_url` have it
        db.execute("CREATE TABLE meetings (id TEXT PRIMARY KEY, file_name TEXT NOT NULL, municipality TEXT, committee TEXT, "
                   "meeting_date TEXT, meeting_time TEXT, place TEXT, kind TEXT, enclosed INTEGER, content_hash TEXT, "
                   "item_count INTEGER, date_inferred INTEGER DEFAULT 0)")
    catalogue = Catalogue(path, "v")
    try:
        assert catalogue.meetings() == []
        with sqlite3.connect(path) as db:
            assert "source_url" in {row[1] for row in db.execute("PRAGMA table_info(meetings)")}
    finally:
        catalogue.close()
