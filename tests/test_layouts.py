"""Layouts beyond the sample corpus, as small documents written here: the rules must generalise."""

from __future__ import annotations

from ingest.converters import text
from ingest.structure import parse_document
from ingest.vocabulary import SectionKind


def _parse(body: str):
    return parse_document(text.convert("test.txt", body.encode("utf-8")))


def test_numbered_items_without_toc_and_inline_decisions():
    (meeting,) = _parse(
        "Dagsorden og referat\nByrådet\nmandag den 3. februar 2025, kl. 19:00\nRådhuset, byrådssalen\n\n"
        "1. Godkendelse af dagsorden\nSagsnr.: 25-000123\nBeslutning: Godkendt.\n\n"
        "2. Salg af grund på Havnevej 4\nSagsnr.: 24-004567\nResumé\nKommunen har modtaget et bud på 2,1 mio. kr.\n"
        "Indstilling\nDirektionen indstiller, at buddet accepteres.\nByrådets beslutning\nGodkendt med 19 stemmer mod 2.\n"
        "Listen med 1. prioriteter er vedlagt.\n"
    )
    assert meeting.committee == "Byrådet" and meeting.meeting_date.isoformat() == "2025-02-03"
    assert [(i.number, i.title, i.case_number) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden", "25-000123"), ("2", "Salg af grund på Havnevej 4", "24-004567")]
    assert meeting.items[0].decision().text == "Beslutning: Godkendt."
    second = meeting.items[1]
    assert second.decision().text.startswith("Godkendt med 19 stemmer mod 2.")
    assert [s.kind for s in second.sections][:2] == [SectionKind.SUMMARY, SectionKind.RECOMMENDATION]


def test_loose_punkt_headings_only_where_the_toc_lists_them():
    (meeting,) = _parse(
        "REFERAT Socialudvalget d. 05-05-2021\n\nIndhold\nPunkt 1. Budgetopfølgning.....\t2\nPunkt 2. Handleplan.....\t4\n\n"
        "Punkt 1. Budgetopfølgning\nBeslutning\nTaget til efterretning.\nSagsfremstilling\nRapporten beskriver:\n"
        "Punkt 5. B Borger er en kvinde i trediverne, som har modtaget hjælp.\n"
        "Punkt 2. Handleplan\nBeslutning\nGodkendt.\n"
    )
    assert [(i.number, i.title) for i in meeting.items] == [("1", "Budgetopfølgning"), ("2", "Handleplan")]
    assert "Borger er en kvinde" in meeting.items[0].sections[1].text


def test_a_decision_dated_another_meeting_is_history():
    (meeting,) = _parse(
        "REFERAT Kulturudvalget d. 10-06-2020\n\nPunkt 1: Nyt bibliotek\n"
        "Beslutning i Kulturudvalget den 12-05-2020\nSagen udsættes.\n"
        "Beslutning i Kulturudvalget den 10-06-2020\nGodkendt.\n"
    )
    item = meeting.items[0]
    assert item.decision().text == "Godkendt."
    assert [s.kind for s in item.sections] == [SectionKind.HISTORY, SectionKind.DECISION]


def test_an_agenda_without_decisions_is_a_dagsorden_and_recommendation_is_never_a_decision():
    (meeting,) = _parse(
        "DAGSORDEN Teknisk Udvalg d. 01-09-2024\n\nPunkt 1: Vejbelysning\nIndstilling\n"
        "Forvaltningen indstiller, at udvalget godkender planen.\nSagsfremstilling\nLamperne er 40 år gamle.\n"
    )
    assert meeting.kind.value == "dagsorden"
    assert meeting.items[0].decision() is None
    assert meeting.items[0].sections[0].kind is SectionKind.RECOMMENDATION
