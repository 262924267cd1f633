"""The pre-meeting view on the sample minutes: for an agenda, each item with what it asks (the administration's
recommendation, labelled as the proposal) and its earlier treatments (dated, strictly before, same
municipality); for minutes, the decisions first; key points naming their item; a case timeline naming its
municipality with each planned date once. Every statement a verbatim, cited quote."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa.cases import brief, case_timeline
from qa.document import brief_document, summary_document
from qa.render import plain_text, render_brief, render_timeline
from qa.summarise import summarize
from tests.conftest import CORPUS, FIXTURES, MAX_BYTES, ROOT

SAMPLES = ROOT / "samples"


def _meeting(store, when: date | None, kind: str | None = None):
    (meeting,) = [m for m in store.catalogue.meetings() if m.meeting_date == when and (kind is None or m.kind.value == kind)]
    return meeting


def _verbatim(statement, folder=CORPUS) -> None:
    for citation in statement.citations:
        ref = citation.source
        assert citation.verified
        assert (folder / ref.file_name).read_text(encoding="utf-8")[ref.char_start:ref.char_end] == citation.quote


def test_agenda_brief_says_what_each_item_asks_labelled_as_the_proposal(corpus_store):
    store, _ = corpus_store
    agenda = _meeting(store, date(2020, 6, 4), "dagsorden")
    result = brief(store, agenda.id)
    assert [i.number for i in result.items] == ["1", "2", "3", "4", "5", "6"]
    case = result.items[2]
    assert case.title == "Midtvejsevaluering - Virtuel bostøtte" and not case.standing
    assert case.asks.text.startswith("Det indstilles:") and "At 1) rådmanden tager orienteringen til efterretning" in case.asks.text
    assert all(c.source.section is SectionKind.RECOMMENDATION for c in case.asks.citations)
    _verbatim(case.asks)
    assert case.decision is None and case.earlier == []  # an agenda decides nothing; the case is new
    # standing items are flagged and carry no case history
    assert [i.title for i in result.items if i.standing] == [
        "Dagsorden", "Referat", "Orientering fra Magistraten", "Orientering om udvalgmødet", "Bordrunde"]
    text = render_brief(result)
    assert text.index("3. Midtvejsevaluering") < text.index("Faste punkter")  # the case first, not after six blanks
    assert "Forvaltningens indstilling (forslag, ikke en beslutning): «Det indstilles:" in text
    assert "Beslutning:" not in text and "ingen beslutning i materialet" not in text  # nothing is presented as decided


def test_minutes_brief_puts_each_decision_before_the_recommendation(corpus_store):
    store, _ = corpus_store
    minutes = _meeting(store, date(2023, 1, 9))
    result = brief(store, minutes.id)
    decided = [i for i in result.items if not i.standing]
    assert [i.number for i in decided] == ["3", "4", "5", "6"]
    rammeaftale = decided[1]
    assert "1) Taget til efterretning" in rammeaftale.decision.text and "2) Godkendt." in rammeaftale.decision.text
    assert "At 2) Rådmandsmødet godkender udkast" in rammeaftale.asks.text  # the whole recommendation, both points
    assert {c.source.section for c in rammeaftale.decision.citations} == {SectionKind.DECISION}
    for statement in result.statements():
        _verbatim(statement)
    for block in render_brief(result).split("\n\n"):
        if "Beslutning:" in block and "Forvaltningens indstilling" in block:
            assert block.index("Beslutning:") < block.index("Forvaltningens indstilling")


def test_every_brief_on_the_corpus_is_verbatim_and_never_looks_forward(corpus_store):
    store, _ = corpus_store
    for meeting in store.catalogue.meetings():
        result = brief(store, meeting.id)
        for item in result.items:
            for treatment in item.earlier:  # dated, strictly before, the same municipality
                assert treatment.meeting.meeting_date and meeting.meeting_date
                assert treatment.meeting.meeting_date < meeting.meeting_date
                assert treatment.meeting.municipality == meeting.municipality
            assert not (item.closed and (item.asks or item.decision))
        for statement in result.statements():
            _verbatim(statement)
    undated = _meeting(store, None)
    assert all(not i.earlier for i in brief(store, undated.id).items)  # an undated meeting has no "before"


def lillea_store_at(folder: Path, embedder) -> tuple[Store, Path]:
    """The demo minutes (a case treated at two meetings of Lilleå's Teknik- og Miljøudvalget), the same case
    text in another municipality's minutes the same day, and an undated copy of the earlier meeting, ingested."""
    minutes = folder / "minutes"
    minutes.mkdir()
    for path in SAMPLES.glob("lilleaa-*"):
        shutil.copy(path, minutes)
    shutil.copy(FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt", minutes)
    text = (SAMPLES / "lilleaa-teknik-og-miljoe-2025-03-12.txt").read_text(encoding="utf-8")
    undated = "\n".join(line.replace(" d. 12-03-2025", "") for line in text.splitlines() if not line.startswith("Mødedato"))
    (minutes / "lilleaa-teknik-og-miljoe-udateret.txt").write_text(undated, encoding="utf-8")
    store = Store(folder / "store", embedder)
    assert all(r.status == "ingested" for r in ingest_paths([minutes], store, MAX_BYTES))
    return store, minutes


@pytest.fixture
def lillea_store(tmp_path, hash_embedder):
    store, minutes = lillea_store_at(tmp_path, hash_embedder)
    yield store, minutes
    store.close()


def test_earlier_treatment_is_dated_before_and_in_the_same_municipality(lillea_store):
    store, folder = lillea_store
    meetings = store.catalogue.meetings()
    assert any(m.meeting_date is None for m in meetings)  # the undated copy is there
    later = next(m for m in meetings if m.municipality == "Lilleå" and m.meeting_date == date(2025, 5, 14))
    result = brief(store, later.id)
    cycle = result.items[0]
    assert cycle.title == "Ny cykelsti langs Åvej - resultat af udbud"
    (earlier,) = cycle.earlier  # not the undated copy, not Solbjerg's same-titled item of the same date
    assert (earlier.meeting.municipality, earlier.meeting.meeting_date, earlier.item_number) == ("Lilleå", date(2025, 3, 12), "2")
    assert earlier.decision.text.startswith("Godkendt med 5 stemmer for og 2 imod.")
    _verbatim(earlier.decision, folder)
    assert "Godkendt med 5 stemmer for og 2 imod." in render_brief(result)
    # the earlier meeting's brief never lists the later meeting, nor the undated one
    before = next(m for m in meetings if m.municipality == "Lilleå" and m.meeting_date == date(2025, 3, 12))
    assert all(not i.earlier for i in brief(store, before.id).items)
    # "Godkendelse af dagsorden" recurs in two bodies: procedure, never a case with a history
    assert all(i.standing for i in brief(store, before.id).items if i.title == "Godkendelse af dagsorden")


def test_no_source_is_listed_twice_under_a_brief_or_summary(lillea_store):
    """A decision's first sentences are one quote with one citation (they were cited once per sentence, two
    source cards with one label), and a key point quoting a sentence already quoted keeps that number."""
    store, folder = lillea_store
    for meeting in store.catalogue.meetings():
        prepared, summary = brief(store, meeting.id), summarize(store, meeting.id)
        statements = [s for i in prepared.items for s in (i.decision, i.asks, *(t.decision for t in i.earlier)) if s]
        statements += [s for i in summary.items for s in (i.decision, i.gist) if s] + summary.key_points
        for statement in statements:
            labels = [c.source.label() for c in statement.citations]
            assert len(labels) == len(set(labels)), labels
            assert all(c.verified for c in statement.citations)
            if meeting.file_name.endswith(".txt"):
                _verbatim(statement, folder)
        for doc in (brief_document(prepared), summary_document(summary)):
            labels = [c.source.label() for c in doc.citations()]
            assert len(labels) == len(set(labels)), labels
    later = _meeting(store, date(2025, 5, 14), "referat")
    (earlier,) = brief(store, later.id).items[0].earlier
    assert earlier.decision.text == ("Godkendt med 5 stemmer for og 2 imod. Imod stemte Jens Holm og Lise Berg, "
                                     "som ønskede sagen udsat til efter høringen.")
    assert len(earlier.decision.citations) == 1


def test_key_points_name_their_item(corpus_store):
    store, _ = corpus_store
    for meeting in store.catalogue.meetings():
        summary = summarize(store, meeting.id)
        doc = summary_document(summary)
        points = [line for line in doc.lines if line.style == "bullet"]
        assert len(points) == len(summary.key_points)
        for line, point in zip(points, summary.key_points, strict=True):
            ref = point.citations[0].source
            assert line.parts[0] == f"pkt. {ref.item_number} «{ref.item_title}»: "
    randers = _meeting(store, date(2020, 1, 14))
    text = plain_text(summary_document(summarize(store, randers.id)))
    assert "- pkt. 3 «Ledighed og indsats januar 2020»: «Taget til efterretning med 5 stemmer for og 1 stemme imod.»" in text


def test_agenda_summary_never_says_no_decision_per_item(corpus_store):
    store, _ = corpus_store
    agenda = _meeting(store, date(2020, 6, 4), "dagsorden")
    text = plain_text(summary_document(summarize(store, agenda.id)))
    assert "ingen beslutning i materialet" not in text and text.count("Dagsorden: mødet har ingen beslutninger") == 1


def test_brief_documents_cite_every_statement_once_numbered_in_order(corpus_store):
    store, _ = corpus_store
    doc = brief_document(brief(store, _meeting(store, date(2023, 1, 9)).id))
    keys = [k for line in doc.lines for part in line.parts if not isinstance(part, str) for k in part.keys]
    assert sorted(set(keys)) == list(range(1, len(doc.citations()) + 1))  # no gaps: every source is used
    assert [c.key for c in doc.citations()] == list(range(1, len(doc.citations()) + 1))
    assert list(dict.fromkeys(keys)) == sorted(set(keys))  # numbered in reading order


def test_case_timeline_names_municipality_and_each_planned_date_once(corpus_store):
    store, _ = corpus_store
    timeline = case_timeline(store, "Rammeaftale 2023-24")
    assert timeline.municipalities() == ["Aarhus"] and timeline.to_json()["municipalities"] == ["Aarhus"]
    whens = [p.when for p in timeline.planned]
    assert whens == sorted(set(whens)) and date(2023, 1, 23) in whens  # once each, in order
    text = render_timeline(timeline)
    assert text.startswith("Sagen «Rammeaftale 2023-24» (Aarhus)")
    assert text.count("23-01-2023") == 1
    assert "23-01-2023, nævnt på Aarhus, Rådmandsmøde 09-01-2023, pkt. 4" in text
    for planned in timeline.planned:
        _verbatim(planned.statement)
