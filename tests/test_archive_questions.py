"""Chat that knows the archive, on the sample minutes: a meeting's summary and what is new since the last
meeting are recognised (golden table: question → intent) and answered from the summaries, whole and cited,
naming the meeting; suggested questions for an empty chat come from the loaded minutes and are answered."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ingest.vocabulary import SectionKind
from qa.answer import Answerer, understand
from qa.archive import latest_meeting, suggested_questions
from qa.question import Intent
from qa.render import quote_lines
from qa.retrieval import section_passages
from qa.summarise import summarize
from qa.types import Answer, Filters, Status
from tests.conftest import CORPUS, ROOT
from tests.test_brief import lillea_store_at
from tests.vocabulary_tables import wrong


@pytest.fixture(scope="module")
def answerer(corpus_store):
    store, _ = corpus_store
    return Answerer(store)


@pytest.fixture
def lillea_store(tmp_path, hash_embedder):
    store, minutes = lillea_store_at(tmp_path, hash_embedder)
    yield store, minutes
    store.close()


def _verbatim(answer: Answer, folder=CORPUS, store=None) -> None:
    """Every citation verbatim at its place (the text file, or for other formats the stored passage), numbered
    1..n, and its number in the answer."""
    for citation in answer.citations:
        ref = citation.source
        assert citation.verified
        if ref.file_name.endswith(".txt"):
            assert (folder / ref.file_name).read_text(encoding="utf-8")[ref.char_start:ref.char_end] == citation.quote
        else:
            (passage,) = [p for p in section_passages(store, ref.meeting_id, ref.item_number, ref.item_title, ref.section)
                          if p.source.char_start <= ref.char_start and ref.char_end <= p.source.char_end]
            start = ref.char_start - passage.source.char_start
            assert passage.text[start:start + len(citation.quote)] == citation.quote
    assert [c.key for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for citation in answer.citations:
        assert f"[{citation.key}]" in answer.answer


@pytest.mark.parametrize("text, expected", [
    ("Opsummer mødet den 14. januar 2020 i Beskæftigelsesudvalget", Intent.MEETING_SUMMARY),
    ("Giv et resumé af sidste møde", Intent.MEETING_SUMMARY),
    ("Giv mig et kort resumé af Beskæftigelsesudvalgets seneste møde", Intent.MEETING_SUMMARY),
    ("Summarise the meeting on 14 January 2020", Intent.MEETING_SUMMARY),
    ("Give me a summary of the latest meeting", Intent.MEETING_SUMMARY),
    ("Hvad besluttede Beskæftigelsesudvalget den 14. januar 2020?", Intent.MEETING_SUMMARY),  # the meeting's decisions
    ("Hvad blev besluttet på sidste møde i Beskæftigelsesudvalget?", Intent.MEETING_SUMMARY),
    ("Hvad er nyt siden sidste møde i Beskæftigelsesudvalget?", Intent.WHATS_NEW),
    ("Hvad er der nyt i Beskæftigelsesudvalget?", Intent.WHATS_NEW),
    ("Hvad er nyt siden sidste rådmandsmøde?", Intent.WHATS_NEW),
    ("What's new since the last meeting?", Intent.WHATS_NEW),
    # a subject of its own makes it a search
    ("Hvad er nyt om budgettet?", None),
    ("Opsummer sagen om Rammeaftale 2023-24", None),
    ("Hvad var beslutningen om SoSu-projektet på mødet den 14. januar 2020?", None),
    ("Hvad blev besluttet om referatet på rådmandsmødet den 26. oktober 2022?", None),
    ("Hvad gjorde Byrådet på sit sidste møde før sommerferien 2025 med de Konservatives forslag?", None),
    ("Hvem stemte imod på mødet den 14. januar 2020?", None),  # a vote question: the retriever answers it
    wrong("Summarise the last meeting of the Employment Committee", Intent.MEETING_SUMMARY,
          reason="English committee names are not the archive's: 'employment' stays a subject word"),
])
def test_intent(corpus_store, text, expected):
    store, _ = corpus_store
    assert understand(text, store.catalogue.meetings()).intent is expected


def test_no_dev_set_question_is_taken_for_an_archive_question(corpus_store):
    store, _ = corpus_store
    meetings = store.catalogue.meetings()
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "devset.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [q for q in questions if understand(q, meetings).intent] == []


def test_summary_of_a_named_meeting_is_the_whole_summary(corpus_store, answerer):
    store, _ = corpus_store
    answer = answerer.ask("Opsummer mødet den 14. januar 2020 i Beskæftigelsesudvalget")
    randers = next(m for m in store.catalogue.meetings() if m.meeting_date == date(2020, 1, 14))
    assert answer.status is Status.ANSWERED and answer.meeting_id == randers.id
    assert answer.to_json()["meeting_id"] == randers.id and Answer.from_json(answer.to_json()).meeting_id == randers.id
    assert answer.answer.startswith("Resumé: Randers, Beskæftigelsesudvalget 14-01-2020 (referat)")
    summary = summarize(store, randers.id)
    for item in summary.items:  # every item, its decision and its gist: not two sentences
        assert f"{item.number}. {item.title}" in answer.answer
        for statement in (item.decision, item.gist):
            if statement:
                assert all(line in answer.answer for c in statement.citations for line in quote_lines(c.quote))
    assert "Hovedpunkter" in answer.answer and "Lukket punkt." in answer.answer
    _verbatim(answer)


def test_last_meeting_is_the_newest_dated_one(corpus_store, answerer):
    store, _ = corpus_store
    answer = answerer.ask("Giv et resumé af sidste møde")
    newest = max((m for m in store.catalogue.meetings() if m.meeting_date), key=lambda m: m.meeting_date)
    assert answer.meeting_id == newest.id and newest.meeting_date == date(2024, 3, 6)
    # within a committee, the undated agenda fragment of the Rådmandsmøde is never "the last meeting"
    meetings = store.catalogue.meetings()
    assert any(m.meeting_date is None and m.committee == "Rådmandsmøde" for m in meetings)
    assert latest_meeting(meetings, Filters(committees=("Rådmandsmøde",))).meeting_date == date(2023, 1, 16)


def test_english_summary_question_gets_an_english_frame(answerer):
    answer = answerer.ask("Summarise the meeting on 14 January 2020")
    assert answer.language == "en" and answer.answer.startswith("Summary: Randers, Beskæftigelsesudvalget 14-01-2020 (minutes)")
    assert "Decision: «Taget til efterretning." in answer.answer  # the quotes stay Danish


def test_agenda_summary_question_gives_what_each_item_asks(corpus_store, answerer):
    answer = answerer.ask("Hvad besluttede rådmandsmødet den 4. juni 2020?")
    assert answer.answer.startswith("Forberedelse: Aarhus, Rådmandsmøde 04-06-2020 (dagsorden)")
    assert "Forvaltningens indstilling (forslag, ikke en beslutning): «Det indstilles:" in answer.answer
    assert "Beslutning:" not in answer.answer
    _verbatim(answer)


def test_whats_new_compares_the_latest_meeting_with_the_one_before(corpus_store, answerer):
    store, _ = corpus_store
    answer = answerer.ask("Hvad er nyt siden sidste rådmandsmøde?")
    latest = next(m for m in store.catalogue.meetings() if m.meeting_date == date(2023, 1, 16))
    assert answer.status is Status.ANSWERED and answer.meeting_id == latest.id
    assert answer.answer.startswith("Nyt på Aarhus, Rådmandsmøde 16-01-2023 (referat), siden mødet Aarhus, Rådmandsmøde 09-01-2023")
    new, _, standing = answer.answer.partition("Faste punkter:")
    for title in ("Interesstillkendegivelse vedr. Fairhuset Aarhus", "Forslag til supplerende prædimittend-indsatser",
                  "Tidsplan for regnskab 2022"):
        assert f"«{title}»" in new
    assert "Bordrunde" in standing and "«Bordrunde»" not in new  # standing items are not news
    assert "Beslutning: «Indstillingen kunne tiltrædes." in new
    assert all(c.source.section is SectionKind.DECISION and c.source.meeting_id == latest.id for c in answer.citations)
    _verbatim(answer)


def test_whats_new_with_a_single_meeting_says_there_is_nothing_to_compare(answerer):
    answer = answerer.ask("Hvad er nyt siden sidste møde i Beskæftigelsesudvalget?")
    assert "arkivet har intet tidligere dateret møde i Randers, Beskæftigelsesudvalget" in answer.answer
    assert "«Status på SoSu-projektet»" in answer.answer and "Beslutning: «Taget til efterretning.»" in answer.answer
    assert "Lukkede punkter: 5. Lukket; 6. Lukket" in answer.answer


def test_whats_new_separates_new_cases_from_continued_ones(lillea_store):
    store, folder = lillea_store
    answer = Answerer(store).ask("Hvad er nyt siden sidste møde i Teknik- og Miljøudvalget i Lilleå?")
    assert answer.answer.startswith("Nyt på Lilleå, Teknik- og Miljøudvalget 14-05-2025 (referat), siden mødet "
                                    "Lilleå, Teknik- og Miljøudvalget 12-03-2025")  # not the undated copy, not Solbjerg's
    new, _, continued = answer.answer.partition("Fortsat fra mødet")
    assert "«Affaldsplan 2025-2030»" in new and "Udsat til næste møde." in new
    assert "«Ny cykelsti langs Åvej - resultat af udbud»" in continued
    assert "Beslutning 12-03-2025: «Godkendt med 5 stemmer for og 2 imod." in continued  # what was decided last time
    _verbatim(answer, folder, store)


def test_a_question_for_a_meeting_that_is_not_there(answerer):
    answer = answerer.ask("Opsummer mødet den 3. marts 2021 i Beskæftigelsesudvalget")
    # no meeting that day: the date is dropped and said, and the committee's last meeting is summarised
    assert answer.answer.startswith("Ingen møder i perioden 03-03-2021 – 03-03-2021")
    assert "Resumé: Randers, Beskæftigelsesudvalget 14-01-2020" in answer.answer


def test_suggested_questions_come_from_the_minutes_and_are_answered(corpus_store, answerer):
    store, _ = corpus_store
    questions = suggested_questions(store)
    assert questions == suggested_questions(store)  # deterministic
    assert questions == [
        "Hvad blev besluttet om Afrapportering af tilsynsrapporter i Socialafdelingen 2023?",
        "Hvad blev besluttet om Interesstillkendegivelse vedr. Fairhuset Aarhus?",
        "Hvad er nyt siden sidste møde i Arbejdsmarkeds-, Psykiatri- og Handicapudvalget?",
    ]
    for question in questions[:2]:
        answer = answerer.ask(question)
        title = question.removeprefix("Hvad blev besluttet om ").removesuffix("?")
        assert answer.status is Status.ANSWERED
        assert answer.citations[0].source.item_title == title and answer.citations[0].source.section is SectionKind.DECISION
    assert answerer.ask(questions[2]).meeting_id is not None
    assert len(suggested_questions(store, n=1)) == 1 and suggested_questions(store, n=0) == []
