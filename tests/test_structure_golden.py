"""The parser against golden files written by reading the five sample minutes."""

from __future__ import annotations

import json

import pytest

from ingest.converters import convert
from ingest.structure import parse_document
from ingest.vocabulary import SectionKind
from tests.conftest import GOLDEN, MAX_BYTES

GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _meetings(corpus, stem):
    return parse_document(convert(corpus / f"{stem}.txt", MAX_BYTES))


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=[g.stem for g in GOLDEN_FILES])
def test_structure_matches_golden(corpus, golden):
    expected = json.loads(golden.read_text(encoding="utf-8"))
    meetings = _meetings(corpus, golden.stem)
    assert [(m.meeting_date and m.meeting_date.isoformat()) for m in meetings] == [e["date"] for e in expected]
    for meeting, want in zip(meetings, expected, strict=False):
        where = f"{golden.stem} {want['date']}"
        assert (meeting.committee, meeting.municipality, meeting.meeting_time) == (
            want["committee"], want["municipality"], want["time"]), where
        assert (meeting.kind.value, meeting.enclosed) == (want["kind"], want["enclosed"]), where
        got_items = [(i.number, i.title, i.closed, i.case_number) for i in meeting.items]
        want_items = [(i["number"], i["title"], i["closed"], i["case_number"]) for i in want["items"]]
        assert got_items == want_items, where
        for item, want_item in zip(meeting.items, want["items"], strict=False):
            decision = item.decision()
            got = _norm(decision.text) if decision else None
            if want_item["decision"] is None:
                assert got is None, f"{where} item {item.number}: unexpected decision {got!r}"
            else:
                assert got is not None and got.startswith(want_item["decision"]), f"{where} item {item.number}: {got!r}"


def test_randers_vote_is_the_decision_and_recommendation_is_separate(corpus):
    (meeting,) = _meetings(corpus, "randers-beskaeftigelsesudvalget-2020-01-14")
    item = meeting.items[0]
    assert item.title == 'Orientering om deltagelse i projekt "Flere skal med 2"'
    assert item.decision().text.startswith("Taget til efterretning med 6 stemmer for og 1 stemme imod")
    recommendation = [s for s in item.sections if s.kind is SectionKind.RECOMMENDATION]
    assert len(recommendation) == 1 and "at orienteringen tages til efterretning" in recommendation[0].text
    assert "stemmer" not in recommendation[0].text


def test_aarhus_rammeaftale_decision_in_scattered_meeting(corpus):
    meetings = _meetings(corpus, "aarhus-raadmandsmoede-2023-01-16")
    (jan9,) = [m for m in meetings if m.meeting_date and m.meeting_date.isoformat() == "2023-01-09"]
    (item,) = [i for i in jan9.items if "Rammeaftale 2023-24" in i.title]
    assert item.number == "4"
    assert _norm(item.decision().text).replace("- ", "") == "1) Taget til efterretning 2) Godkendt."
    # the administration's proposal in the enclosed memo is a recommendation, never the decision
    proposals = [s for s in item.sections if s.kind is SectionKind.RECOMMENDATION]
    assert proposals and all("Rådmandsmødet godkender" not in s.text for s in item.sections if s.kind is SectionKind.DECISION)
    assert any("Rådmandsmødet godkender udkast" in s.text for s in proposals)


def test_meeting_without_header_is_its_own_meeting_dated_from_its_text(corpus):
    meetings = _meetings(corpus, "aarhus-raadmandsmoede-2023-01-16")
    (headerless,) = [m for m in meetings if any("Ukrainesituationen" in i.title for i in m.items)]
    assert headerless.kind.value == "referat" and len(headerless.items) == 8
    # "status til rådmandsmødet den 19. december" in its enclosed memo; the year is the one before 16-01-2023
    assert headerless.meeting_date.isoformat() == "2022-12-19" and headerless.date_inferred
    assert all(not m.date_inferred for m in meetings if m is not headerless)
    undated = [m for m in meetings if m.meeting_date is None]
    assert len(undated) == 1 and undated[0].kind.value == "dagsorden"  # the agenda fragment names no date


def test_trailing_referat_block_holds_the_decisions(corpus):
    meetings = _meetings(corpus, "aarhus-raadmandsmoede-2023-01-16")
    jan16 = meetings[0]
    assert jan16.meeting_date.isoformat() == "2023-01-16" and not jan16.enclosed
    assert [i.number for i in jan16.items] == [str(n) for n in range(1, 10)]
    assert jan16.items[3].decision().text.startswith("Indstillingen blev tiltrådt.")


def test_false_punkt_lines_in_reports_are_not_items(corpus):
    for meeting in _meetings(corpus, "aarhus-raadmandsmoede-2023-01-16"):
        assert all("Borger er" not in item.title for item in meeting.items)


def test_closed_items_keep_only_their_title(corpus):
    (meeting,) = _meetings(corpus, "randers-beskaeftigelsesudvalget-2020-01-14")
    closed = [i for i in meeting.items if i.closed]
    assert [i.number for i in closed] == ["5", "6"]
    assert all(not i.sections and i.case_number is None for i in closed)


def test_enclosed_minutes_are_a_meeting_of_their_own(corpus):
    meetings = _meetings(corpus, "aarhus-raadmandsmoede-2020-06-04")
    assert [(m.meeting_date.isoformat(), m.kind.value, m.enclosed) for m in meetings] == [
        ("2020-06-04", "dagsorden", False), ("2020-05-26", "referat", True)]
    # the memo enclosed after the earlier minutes belongs to the item it is about
    item = meetings[0].items[2]
    assert item.title.startswith("Midtvejsevaluering")
    assert any("bostøttemedarbejdere" in s.text for s in item.sections)


def test_golden_files_cover_the_corpus(corpus):
    assert GOLDEN_FILES and {g.stem for g in GOLDEN_FILES} == {p.stem for p in corpus.glob("*.txt")}
