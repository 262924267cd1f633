"""A summary's gist says what the case is about: when a section's own lines head parts of it (Greve's portal
writes one "Fremstilling" whose bold paragraphs "Sagsprocedure", "Resume", "Sagsfremstilling" head its
parts), the gist is the Resume part's first sentences, never the procedure line naming the bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.embedders import HashEmbedder
from ingest.pipeline import ingest_paths
from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa.summarise import inner_sections, summarize
from tests.conftest import MAX_BYTES, require

GREVE_BUDGET_MEETING = "Byråd 2022-2025_2024-10-02T19:00:00+02:00_48bd4739-bd13-49b7-a7ad-146088703a6c.json"

INNER = [  # (a passage's text, the (kind, text) of the parts its own lines head)
    ("Sagsprocedure\nØkonomiudvalget og Byrådet\nResume\nAdministrationen fremlægger budgetopfølgning 2.\n",
     [(SectionKind.HISTORY, "Økonomiudvalget og Byrådet\n"),
      (SectionKind.SUMMARY, "Administrationen fremlægger budgetopfølgning 2.\n")]),
    ("Kort tekst først.\nSagsfremstilling\nSagen handler om en sti.",
     [(None, "Kort tekst først.\n"), (SectionKind.CASE, "Sagen handler om en sti.")]),
    ("Byrådet godkendte resume og økonomi.\nIngen overskrifter her.", []),  # words of headings inside a line
    ("Resume\n\nØkonomi\nUdgiften er 2 mio. kr.", [(SectionKind.ECONOMY, "Udgiften er 2 mio. kr.")]),  # an empty part
]


@pytest.mark.parametrize(("text", "want"), INNER)
def test_inner_sections(text, want):
    assert [(kind, text[a:b]) for kind, a, b in inner_sections(text)] == want


@pytest.fixture(scope="module")
def greve_store(tmp_path_factory, corpus_extra: Path):
    path = require(corpus_extra / "greve-json") / GREVE_BUDGET_MEETING
    store = Store(tmp_path_factory.mktemp("greve-gist"), HashEmbedder())
    assert all(r.status == "ingested" for r in ingest_paths([path], store, MAX_BYTES))
    yield store
    store.close()


def test_greve_gists_come_from_the_resume_not_the_procedure(greve_store):
    meeting = greve_store.catalogue.meetings()[0]
    summary = summarize(greve_store, meeting.id, use_cache=False)
    gists = {item.title: item.gist for item in summary.items if item.gist}
    assert len(gists) >= 10
    quotes = {title: " ".join(c.quote for c in gist.citations) for title, gist in gists.items()}
    assert not [t for t, q in quotes.items() if q.startswith("Sagsprocedure") or "Sagsprocedure" in q]
    assert quotes["Budgetopfølgning 2 (2024)"].startswith("Administrationen fremlægger budgetopfølgning 2, 2024.")
    assert quotes["Godkendelse af dagsorden"] == "Godkendelse af dagsorden for mødet den 2. oktober 2024."
    for gist in gists.values():  # still verbatim at the place cited
        for citation in gist.citations:
            assert citation.verified
