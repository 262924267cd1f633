"""Meeting summaries, pre-meeting briefs and case timelines on the sample minutes: complete, faithful,
every statement cited verbatim."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest

from ingest.pipeline import ingest_paths
from qa.cases import brief, case_timeline
from qa.render import render_summary, render_timeline
from qa.summarise import summarize
from tests.conftest import CORPUS, FIXTURES, GOLDEN, MAX_BYTES

_FACT = re.compile(r"\d+(?:[.,]\d+)*|\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")


def _text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _statements(summary):
    return [s for i in summary.items for s in (i.gist, i.decision) if s] + summary.key_points


def _golden_meetings():
    for golden in sorted(GOLDEN.glob("*.json")):
        for meeting in json.loads(golden.read_text(encoding="utf-8")):
            yield golden.stem + ".txt", meeting


def test_every_meeting_summary_lists_every_item_with_its_decision(corpus_store):
    store, _ = corpus_store
    meetings = store.catalogue.meetings()
    checked = 0
    for file_name, want in _golden_meetings():
        (meeting,) = [m for m in meetings if m.file_name == file_name
                      and (m.meeting_date.isoformat() if m.meeting_date else None) == want["date"]
                      and m.item_count == len(want["items"])][:1]
        summary = summarize(store, meeting.id)
        assert [(i.number, i.title, i.closed) for i in summary.items] == [
            (w["number"], w["title"], w["closed"]) for w in want["items"]]
        for item, w in zip(summary.items, want["items"], strict=True):
            if item.closed:
                assert item.gist is None and item.decision is None and item.case_number is None
            elif w["decision"] is None:
                assert item.decision is None, (meeting.id, item.number)
            else:
                got = " ".join(item.decision.text.split())
                assert w["decision"].startswith(got[:40]) or got.startswith(w["decision"][:40]), (meeting.id, item.number)
        assert len(summary.key_points) <= 8
        if any(i.decision for i in summary.items):
            assert len(summary.key_points) >= min(3, sum(1 for i in summary.items if i.decision))
        checked += 1
    assert checked == 10


def test_summary_citations_are_verbatim_and_faithful(corpus_store):
    store, _ = corpus_store
    for meeting in store.catalogue.meetings():
        summary = summarize(store, meeting.id)
        for statement in _statements(summary):
            assert statement.citations
            quotes = " ".join(c.quote for c in statement.citations)
            for citation in statement.citations:
                ref = citation.source
                assert _text(ref.file_name)[ref.char_start : ref.char_end] == citation.quote
            for fact in _FACT.findall(statement.text):  # numbers, dates and names appear in the cited passages
                assert fact in quotes, (meeting.id, fact)
        text = render_summary(summary)
        assert "Lukket punkt." in text or not any(i.closed for i in summary.items)


def test_summary_is_cached_until_the_meeting_changes(tmp_path, small_store, monkeypatch):
    path = tmp_path / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
    shutil.copy(FIXTURES / path.name, path)
    ingest_paths([path], small_store, MAX_BYTES)
    (meeting,) = small_store.catalogue.meetings()
    first = summarize(small_store, meeting.id)
    assert first.items[1].decision.text.startswith("Godkendt med 5 stemmer for og 2 imod.")
    monkeypatch.setattr("qa.summarise.build_summary", lambda *a: pytest.fail("the cache was not used"))
    assert summarize(small_store, meeting.id).to_json() == first.to_json()
    monkeypatch.undo()
    path.write_text(path.read_text(encoding="utf-8").replace("5 stemmer for og 2 imod", "6 stemmer for og 1 imod"), encoding="utf-8")
    ingest_paths([path], small_store, MAX_BYTES)
    (meeting,) = small_store.catalogue.meetings()
    assert summarize(small_store, meeting.id).items[1].decision.text.startswith("Godkendt med 6 stemmer for og 1 imod.")


def test_case_timeline_for_rammeaftale(corpus_store):
    store, _ = corpus_store
    timeline = case_timeline(store, "Rammeaftale 2023-24")
    assert [t.meeting.meeting_date for t in timeline.treatments] == [date(2023, 1, 9)]
    treatment = timeline.treatments[0]
    assert treatment.item_number == "4" and "Taget til efterretning" in treatment.decision.text
    assert all(c.source.section.value == "decision" for c in treatment.decision.citations)
    # the follow-up dates the minutes plan are listed as planned, never as meetings or decisions
    assert date(2023, 1, 23) in [p.when for p in timeline.planned]
    assert all(c.source.section.value != "decision" for p in timeline.planned for c in p.statement.citations)
    assert "Planlagt (ikke beslutninger)" in render_timeline(timeline)
    assert case_timeline(store, "Kunstig intelligens i Socialafdelingen").treatments[0].meeting.meeting_date == date(2024, 3, 6)
    assert case_timeline(store, "15.20.00-Ø34-1-19").treatments[0].item_title.startswith("Orientering om deltagelse")


def test_brief_for_an_agenda(corpus_store):
    store, _ = corpus_store
    (agenda,) = [m for m in store.catalogue.meetings() if m.meeting_date == date(2020, 6, 4)]
    result = brief(store, agenda.id)
    assert [i.number for i in result.items] == ["1", "2", "3", "4", "5", "6"]
    virtual = result.items[2]
    assert "rådmanden tager orienteringen til efterretning" in virtual.asks.text
    # standing items recur at every meeting of the body: they have no case history
    assert all(not i.earlier for i in result.items if i.title in ("Dagsorden", "Referat", "Bordrunde"))
