"""English questions read as their Danish twins (qa/vocabulary/english.py and its glossary): English words and
phrases → the Danish stems the minutes write; words the archive lacks dropped where evidence is weighed; on
real Greve minutes an English question gets the item and the key fact its Danish twin gets."""

from __future__ import annotations

import pytest

from qa.answer import Answerer
from qa.question import parse_question
from qa.types import Status
from qa.vocabulary.english import danish_for, glossary
from qa.vocabulary.words import content_stems, danish_equivalents, same_title, stem
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
