"""The layout rules on real files: ../shared/corpus-extra/more (kk.dk item pages, an Aarhus decision trail,
an Aarhus working group's minutes) and Greve portal meetings with quoted earlier decisions and absences."""

from __future__ import annotations

from datetime import date

from ingest.converters import convert
from ingest.structure import parse_document
from ingest.vocabulary import SectionKind
from tests.conftest import MAX_BYTES


def _parse(path):
    return parse_document(convert(path, MAX_BYTES))


def _greve(corpus_extra, prefix: str):
    (path,) = [p for p in (corpus_extra / "greve-json").glob("*.json") if p.name.startswith(prefix)]
    (meeting,) = _parse(path)
    return meeting


def _sections(item, kind):
    return [s for s in item.sections if s.kind is kind]


def test_kk_item_page_with_decision(corpus_extra):
    (meeting,) = _parse(corpus_extra / "more" / "koebenhavn-borgerrepraesentationen-2026-10-08-punkt-15.html")
    assert (meeting.municipality, meeting.committee, meeting.meeting_date, meeting.kind.value) == (
        "København", "Borgerrepræsentationen", date(2026, 10, 8), "referat")
    (item,) = meeting.items
    assert item.number == "15" and item.title.startswith("Medlemsforslag om at politianmelde")
    assert item.decision().text.startswith("Medlemsforslaget blev forkastet efter afstemning med 32 stemmer mod 23.")
    assert "For: A, C, V, I og O Imod: Ø, F, B, Å og Q" in item.decision().text  # the votes kept apart
    (proposal,) = _sections(item, SectionKind.RECOMMENDATION)
    assert proposal.heading == "Medlemsforslag" and proposal.text.startswith("Det foreslås,")
    full = _sections(item, SectionKind.DECISION)[-1]
    assert "Frie Grønne afgav følgende protokolbemærkning" in full.text
    assert all("Kilde:" not in s.text and "Mere fra" not in s.text for s in item.sections)


def test_kk_item_page_without_decision(corpus_extra):
    (meeting,) = _parse(corpus_extra / "more" / "koebenhavn-valby-lokaludvalg-2026-05-19-punkt-12.html")
    assert (meeting.committee, meeting.meeting_date, meeting.kind.value) == ("Valby Lokaludvalg", date(2026, 5, 19), "referat")
    (item,) = meeting.items
    assert item.number == "12" and item.decision() is None  # "tager orienteringen til efterretning" is the proposal
    assert [(s.kind, s.heading) for s in item.sections][1:] == [
        (SectionKind.RECOMMENDATION, "Indstilling"), (SectionKind.CASE, "Problemstilling"), (SectionKind.CASE, "Løsning"),
        (SectionKind.ECONOMY, "Økonomi"), (SectionKind.OTHER, "Videre proces"), (SectionKind.ATTACHMENTS, "Bilag")]


def test_aarhus_decision_trail(corpus_extra):
    meetings = _parse(corpus_extra / "more" / "aarhus-byraad-sag-18-039871-beslutninger-2018-10-11.json")
    assert [(m.committee, m.meeting_date.isoformat()) for m in meetings] == [
        ("Magistraten", "2018-09-03"), ("Aarhus Byråd", "2018-09-13"), ("Fælles udvalgsmøde", "2018-09-19"),
        ("Fælles udvalgsmøde", "2018-10-03"), ("Aarhus Byråd", "2018-10-11")]
    assert all(m.municipality == "Aarhus" and m.kind.value == "referat" for m in meetings)
    assert all([(i.number, i.title, i.case_number) for i in m.items] == [("1", "Sag 18-039871", None)] for m in meetings)
    first = meetings[0].items[0]
    assert first.decision().text.startswith("Fremsendes til Aarhus Byråd med bemærkning")
    (absent,) = _sections(first, SectionKind.ATTENDANCE)
    assert absent.text == "Rådmand Bünyamin Simsek var forhindret i at deltage i sagens behandling."
    assert "Bünyamin" not in first.decision().text
    assert meetings[3].items[0].decision().text.endswith("Keld Hvalsø kunne ikke tiltræde indstillingen.")
    assert meetings[4].items[0].decision().text.startswith("Tilbagesendes Magistraten")


def test_aarhus_working_group_minutes(corpus_extra):
    (meeting,) = _parse(corpus_extra / "more" / "aarhus-moedesystemgruppen-2016-10-06.pdf")
    assert (meeting.committee, meeting.meeting_date, meeting.meeting_time, meeting.kind.value) == (
        "Mødesystemgruppen", date(2016, 10, 6), "13:00", "referat")
    assert [i.number for i in meeting.items] == ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "3"]
    items = {i.number: i for i in meeting.items}
    assert items["1.1"].decision().text.startswith("Referat: Alle skal have indhold.")
    # "Følgende blev diskuteret og besluttet:" inside the Oplæg text announces the decisions
    assert items["2.2"].decision().text.startswith("1) Der laves for det første et felt")
    assert "Følgende blev" in _sections(items["2.2"], SectionKind.CASE)[0].text
    assert items["2.3"].decision() is None


def test_greve_minutes_with_the_decision_under_the_title(corpus_extra):
    meeting = _greve(corpus_extra, "Beskæftigelses- og Erhvervsudvalget_2023-01-09")
    assert meeting.kind.value == "referat"
    decided = [i.number for i in meeting.items if i.decision()]
    assert decided == [str(n) for n in range(1, 9)]  # 9 is the signature sheet
    assert meeting.items[0].decision().text == "Godkendt."
    assert meeting.items[1].decision().text.startswith("Udvalget drøftede politikken")
    assert all(not s.text.startswith(i.title) for i in meeting.items for s in i.sections if s.kind is SectionKind.DECISION)
    # absentees stated only in the portal's metadata
    (absent,) = _sections(meeting.items[0], SectionKind.ATTENDANCE)
    assert (absent.heading, absent.text) == ("Fraværende", "Brigitte Klintskov Jerkel, Kenneth Jerkel")


def test_greve_absence_lines_are_attendance_and_earlier_decisions_history(corpus_extra):
    meeting = _greve(corpus_extra, "Byråd 2022-2025_2023-06-19")
    items = {i.number: i for i in meeting.items}
    item = items["16"]
    assert item.decision().text == "Byrådet godkendte Økonomiudvalgets indstilling."
    assert [s.text for s in _sections(item, SectionKind.ATTENDANCE)] == ["Ikke til stede: Anne Marie Lyduch"]
    (history,) = _sections(item, SectionKind.HISTORY)[-1:]
    assert "12-06-2023 Økonomiudvalget" in history.text and "Anbefales" in history.text
    # an earlier meeting's absence stays in its history
    seniors = items["32"]
    assert "Afbud fra Tina Rottbøll (A)" in _sections(seniors, SectionKind.HISTORY)[-1].text
    assert [s.text for s in _sections(seniors, SectionKind.ATTENDANCE)] == ["Ikke til stede: Anne Marie Lyduch."]


def test_greve_absence_after_a_decision_and_history_lines_kept_apart(corpus_extra):
    sundhed = _greve(corpus_extra, "Sundheds- og Omsorgsudvalget_2023-11-13")
    item = next(i for i in sundhed.items if i.number == "2")
    assert item.decision().text == "Anbefales."
    assert [s.text for s in _sections(item, SectionKind.ATTENDANCE)] == ["Fraværende: Lone Mortensen"]
    byraad = _greve(corpus_extra, "Byråd 2022-2025_2022-10-03")
    history = _sections(next(i for i in byraad.items if i.number == "16"), SectionKind.HISTORY)[-1]
    lines = [line.text for line in history.lines]
    assert "Fraværende: Bjarke Abel" in lines and "26-09-2022 Økonomiudvalget" in lines
