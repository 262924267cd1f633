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


def _html(markup: str):
    from ingest.converters import html

    return parse_document(html.convert("page.html", markup.encode("utf-8")))


def _kinds(item):
    return [s.kind for s in item.sections]


def test_decision_as_an_unlabelled_paragraph_under_the_title():
    (meeting,) = _parse(
        "REFERAT Magistraten d. 03-09-2018\n\nPunkt 1: Budget 2019\n"
        "Tilbagesendes Magistraten med bemærkning, at byrådet har vedtaget budgettet.\n"
        "Sagsfremstilling\nBudgettet skal vedtages inden 15. oktober.\n\n"
        "Punkt 2: Takster\nSagsfremstilling\nByrådet godkendte taksterne i 2017.\nIndstilling\n"
        "Forvaltningen indstiller, at taksterne godkendes.\n"
    )
    first, second = meeting.items
    assert first.decision().text.startswith("Tilbagesendes Magistraten") and first.decision().heading == ""
    assert _kinds(first) == [SectionKind.DECISION, SectionKind.CASE]
    # a past-tense sentence inside a case text, and a recommendation, are never the decision
    assert second.decision() is None
    assert _kinds(second) == [SectionKind.CASE, SectionKind.RECOMMENDATION]


def test_decision_as_an_unlabelled_paragraph_at_the_end():
    (meeting,) = _parse(
        "Referat\nTeknisk Udvalg\ntirsdag den 4. marts 2025, kl. 16:00\n\n"
        "Punkt 1: Ny cykelsti\nSagsfremstilling\nStien koster 3 mio. kr.\nIndstilling\n"
        "Forvaltningen indstiller, at stien anlægges.\n\nVedtaget.\n\n"
        "Keld Hvalsø kunne ikke tiltræde indstillingen.\n"
    )
    (item,) = meeting.items
    assert meeting.kind.value == "referat"
    assert item.decision().text == "Vedtaget.\nKeld Hvalsø kunne ikke tiltræde indstillingen."
    (recommendation,) = [s for s in item.sections if s.kind is SectionKind.RECOMMENDATION]
    assert recommendation.text == "Forvaltningen indstiller, at stien anlægges."


def test_the_same_text_in_an_agenda_is_no_decision():
    (meeting,) = _parse(
        "DAGSORDEN Teknisk Udvalg d. 01-09-2024\n\nPunkt 1: Ny cykelsti\nIndstilling\n"
        "Forvaltningen indstiller, at stien anlægges.\n\nGodkendt af direktionen.\n"
    )
    assert meeting.kind.value == "dagsorden" and meeting.items[0].decision() is None


def test_one_agenda_item_published_as_one_html_page():
    (meeting,) = _html(
        "<html><body><header class='masthead'><nav><a href='/'>Forside</a></nav></header><main><article>"
        "<p>Behandlet 19. maj, Valby Lokaludvalg</p><h1>Svar på høring om Deep Heat i Kulbaneparken</h1>"
        "<h2>Indstilling</h2><p>Sekretariatet indstiller,</p><p>1. at lokaludvalget godkender høringssvaret.</p>"
        "<h2>Problemstilling</h2><p>Forvaltningen beder om et høringssvar.</p><h2>Løsning</h2><p>Et svar er skrevet.</p>"
        "<h2>Økonomi</h2><p>Ingen økonomiske konsekvenser.</p><h2>Videre proces</h2><p>Svaret sendes til udvalget.</p>"
        "<h2>Beslutning</h2><p>Indstillingen blev godkendt.</p>"
        "<p>Kilde: Københavns Kommune, Valby Lokaludvalg, referat fra mødet tirsdag 19. maj 2026, punkt 12.</p>"
        "</article><aside><h2>Mere fra Valby</h2><h3>Orientering om noget andet</h3></aside></main></body></html>"
    )
    assert (meeting.municipality, meeting.committee, meeting.meeting_date.isoformat(), meeting.kind.value) == (
        "København", "Valby Lokaludvalg", "2026-05-19", "referat")
    (item,) = meeting.items
    assert (item.number, item.title) == ("12", "Svar på høring om Deep Heat i Kulbaneparken")
    assert _kinds(item) == [SectionKind.RECOMMENDATION, SectionKind.CASE, SectionKind.CASE, SectionKind.ECONOMY,
                            SectionKind.OTHER, SectionKind.DECISION]
    assert item.decision().text == "Indstillingen blev godkendt."  # the source line is not part of it
    assert "lokaludvalget godkender" not in item.decision().text


def test_html_item_headings_written_as_numbered_titles_and_body_from_headings():
    (meeting,) = _html(
        "<html><body><h1>Greve Kommune</h1><h2>Referat: Økonomiudvalget</h2><p>Mødedato: 12-06-2023 kl. 08:00</p>"
        "<h2>1. Godkendelse af dagsorden</h2><h3>Beslutning</h3><p>Godkendt.</p>"
        "<h2>3. Salg af grund</h2><h3>Indstilling</h3><p>Administrationen indstiller, at grunden sælges.</p>"
        "<h3>Beslutning</h3><p>Anbefales.</p><p>Afbud: Tina Rottbøll</p></body></html>"
    )
    assert (meeting.municipality, meeting.committee, meeting.meeting_date.isoformat()) == ("Greve", "Økonomiudvalget", "2023-06-12")
    assert [(i.number, i.title) for i in meeting.items] == [("1", "Godkendelse af dagsorden"), ("3", "Salg af grund")]
    sale = meeting.items[1]
    assert sale.decision().text == "Anbefales."
    assert _kinds(sale) == [SectionKind.RECOMMENDATION, SectionKind.DECISION, SectionKind.ATTENDANCE]


def _portal(items: list[dict], when: str = "2023-06-19T17:00:00+02:00"):
    import json

    from ingest.converters import portal_json

    doc = {"Udvalg": {"Navn": "Byrådet"}, "Moede": {"Dato": when, "Navn": "Dagsorden"}, "Dagsordenpunkter": items}
    return parse_document(portal_json.convert("m.json", json.dumps(doc).encode("utf-8")))


def test_an_earlier_dated_decision_quoted_in_the_decision_field_is_history():
    (meeting,) = _portal([{"Number": 4, "Caption": "Vedtægter for Seniorrådet", "Felter": [{"Html": (
        "<h3>Beslutning</h3><p>Økonomiudvalget den 12-06-2023: Anbefales.</p>"
        "<p>Byrådet den 19-06-2023: Godkendt.</p><p>Fraværende: Anne Marie Lyduch</p>"
        "<h3>Fremstilling</h3><p>Seniorrådet ønsker ændrede vedtægter.</p>")}]}])
    (item,) = meeting.items
    assert _kinds(item) == [SectionKind.HISTORY, SectionKind.DECISION, SectionKind.ATTENDANCE, SectionKind.CASE]
    assert item.decision().text == "Byrådet den 19-06-2023: Godkendt."
    assert item.sections[0].text == "Økonomiudvalget den 12-06-2023: Anbefales."
    assert item.sections[0].heading == "Økonomiudvalget den 12-06-2023"


def test_absence_lines_are_attendance_not_decision():
    (meeting,) = _parse(
        "REFERAT Socialudvalget d. 05-05-2021\n\nPunkt 1: Budget\nBeslutning\nGodkendt.\n\n"
        "Afbud: Tina Rottbøll\nMustafa Arslan deltog ikke i sagens behandling pga. afbud.\n"
        "Sagsfremstilling\nFravær ved sygdom dækkes af vikarer.\nFraværende elever registreres.\n"
    )
    (item,) = meeting.items
    assert item.decision().text == "Godkendt."
    (attendance,) = [s for s in item.sections if s.kind is SectionKind.ATTENDANCE]
    assert attendance.heading == "Afbud"
    assert attendance.text == "Afbud: Tina Rottbøll\nMustafa Arslan deltog ikke i sagens behandling pga. afbud."
    assert "Fravær ved sygdom" in item.sections[-1].text and item.sections[-1].kind is SectionKind.CASE


def test_portal_attendees_become_attendance_when_the_text_does_not_name_them():
    (meeting,) = _portal([
        {"Number": 1, "Caption": "Godkendelse af dagsorden", "Felter": [{"Html": "<h3>Beslutning</h3><p>Godkendt.</p>"}],
         "ExternalAgendaItemAttendees": [{"Name": "Liselott Blixt", "Reason": "Fraværende"}]},
        {"Number": 2, "Caption": "Spørgetid", "Felter": [{"Html": "<h3>Beslutning</h3><p>Godkendt.</p><p>Fraværende: Liselott Blixt</p>"}],
         "ExternalAgendaItemAttendees": [{"Name": "Liselott Blixt", "Reason": "Fraværende"}]},
    ])
    first, second = meeting.items
    assert [(s.kind, s.heading, s.text) for s in first.sections if s.kind is SectionKind.ATTENDANCE] == [
        (SectionKind.ATTENDANCE, "Fraværende", "Liselott Blixt")]
    assert [s.text for s in second.sections if s.kind is SectionKind.ATTENDANCE] == ["Fraværende: Liselott Blixt"]


def test_headerless_meeting_is_dated_from_a_reference_and_marked_inferred():
    first, second = _parse(
        "REFERAT Socialudvalget d. 16-01-2023\n\nIndhold\nPunkt 1: Dagsorden\t2\nPunkt 2: Budget\t3\n\n"
        "Punkt 1: Dagsorden\nBeslutning\nGodkendt.\nPunkt 2: Budget\nBeslutning\nTaget til efterretning.\n\n"
        "Indhold\nPunkt 1: Dagsorden\t9\nPunkt 2: Status på flygtninge\t10\n\n"
        "Punkt 1: Dagsorden\nBeslutning\nGodkendt.\nPunkt 2: Status på flygtninge\n"
        "Nedenfor følger en status til socialudvalgets møde den 19. december om modtagelsen.\nBeslutning\nDrøftet.\n"
    )
    assert (first.meeting_date.isoformat(), first.date_inferred) == ("2023-01-16", False)
    assert (second.meeting_date.isoformat(), second.date_inferred) == ("2022-12-19", True)


def test_an_inferred_date_travels_with_every_passage_and_citation_label():
    from ingest.chunking import chunk_meeting
    from ingest.types import SourceRef
    from qa.messages import meeting_label
    from qa.types import Citation

    body = ("REFERAT Socialudvalget d. 16-01-2023\n\nIndhold\nPunkt 1: Dagsorden\t2\n\n"
            "Punkt 1: Dagsorden\nBeslutning\nGodkendt.\n\n"
            "Indhold\nPunkt 1: Status på flygtninge\t10\n\n"
            "Punkt 1: Status på flygtninge\n"
            "Nedenfor følger en status til socialudvalgets møde den 19. december om modtagelsen.\nBeslutning\nDrøftet.\n")
    doc = text.convert("test.txt", body.encode("utf-8"))
    first, second = parse_document(doc)
    headed, headerless = chunk_meeting(first, doc)[0].source, chunk_meeting(second, doc)[0].source
    assert not headed.date_inferred and headerless.date_inferred
    assert SourceRef.from_metadata(headerless.to_metadata()) == headerless
    assert "(dato udledt)" in headerless.label() and "udledt" not in headed.label()
    assert meeting_label(headerless, "da").endswith("(dato udledt af teksten)")
    citation = Citation(1, headerless, "Drøftet.", True)
    assert Citation.from_json(citation.to_json()).source.date_inferred
