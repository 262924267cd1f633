"""How the offline answer is composed, on the real sample minutes (hash embedder: the lexical and item
signals alone): the item the evidence points to, the sentences of it that carry what was asked (every part
of a question that asks two things), a decision quoted whole when it is the answer, and titles matched by
their specific words."""

from __future__ import annotations

import pytest

from ingest.vocabulary import SectionKind
from qa.answer import Answerer, understand
from qa.types import Status
from qa.vocabulary.words import content_stems


@pytest.fixture(scope="module")
def answerer(corpus_store):
    store, _ = corpus_store
    return Answerer(store)


def test_a_question_asking_two_things_gets_both_from_the_item(answerer):
    answer = answerer.ask("Hvor mange er optaget på SoSu-hjælperuddannelsen, og hvad kommer forforløbet til at koste?")
    assert answer.status is Status.ANSWERED
    assert "Status på SoSu-projektet" in answer.answer
    assert "17, der er optaget" in answer.answer
    assert "392.000 kr." in answer.answer


def test_the_sentences_quoted_are_those_the_title_does_not_already_say(answerer):
    # "Flere skal med 2" is the item's title: the sentence answering is the one with the amount
    answer = answerer.ask("Hvor meget kan Randers Kommune samlet modtage fra Flere skal med 2?")
    assert "6.749.600 kr." in answer.answer.split("\n")[0]


def test_a_title_is_named_by_its_specific_words_not_by_a_common_one(answerer):
    retriever = answerer.retriever
    agenda = set(content_stems("Godkendelse af dagsorden"))
    assert retriever.title_share(agenda, set(content_stems("Hvad blev godkendt om budgettet?"))) < 0.5
    assert retriever.title_share(agenda, set(content_stems("Blev dagsorden godkendt?"))) == pytest.approx(1.0)


def test_every_passage_of_an_item_is_at_hand_in_document_order(answerer):
    question = understand("Status på SoSu-projektet", answerer.store.catalogue.meetings())
    first = answerer.retriever.search(question, 3)[0]
    item = answerer.retriever.item_passages(first.source)
    assert {p.source.item_title for p in item} == {first.source.item_title}
    starts = [p.source.char_start for p in item]
    assert starts == sorted(starts) and len(item) >= 3
    assert any(p.source.section is SectionKind.CASE for p in item)



def test_a_bare_decision_is_followed_by_what_the_question_asks_of_the_item(answerer):
    # the decision says only "Taget til efterretning."; the question's "grundforløbet" stands in the case text
    answer = answerer.ask("Hvad blev besluttet om status på SoSu-projektet og grundforløbet?")
    lines = answer.answer.split("\n")
    assert answer.status is Status.ANSWERED and "«Taget til efterretning.»" in lines[0]
    assert any("Grundforløb" in line for line in lines[1:])
