"""Ranking when one text stands under several items, on real minutes: Greve's committee texts travel word for
word to the council. "Skema A for plejeboliger" went from the Økonomiudvalget (08-05-2023, pkt. 36) to the
Byråd (15-05-2023, pkt. 40) with the same case text; "Scenarier for kunstgræsbane på Karlslunde Stadion" from
the Kultur- og Fritidsudvalget (26-04-2023) through the Økonomiudvalget to the Byråd.

- retrieval shows each text once, but a repeated text is shown under the treatment with the fewest passages
  shown so far: every treatment stays reachable instead of one taking every place;
- the answer leads with the case the evidence points to most, its treatments' support summed: a case whose
  passages are spread over its committee and council treatments is not outweighed by another item's one
  high passage."""

from __future__ import annotations

import pytest

from qa.answer import Answerer, understand
from qa.extractive import target_items
from qa.types import Passage
from tests.conftest import greve_store

FILES = ("Kultur- og Fritidsudvalget_2023-04-26T17:00:00+02:00_d3933a77-5739-4726-b3f7-897a3c2a706b.json",
         "Økonomiudvalget_2023-05-08T08:00:00+02:00_220cd32a-3dd1-4850-8405-79874040c7f9.json",
         "Byråd 2022-2025_2023-05-15T19:00:00+02:00_13b86557-9449-4abe-b687-e52b6d01be6e.json")
PLEJEBOLIGER = {("2023-05-08", "36"), ("2023-05-15", "40")}  # the committee's and the council's treatment
KARLSLUNDE = {("2023-04-26", "6"), ("2023-05-08", "32"), ("2023-05-15", "36")}


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, corpus_extra, embedder):
    store = greve_store(tmp_path_factory, corpus_extra, FILES, embedder, "greve-ranking")
    yield Answerer(store)
    store.close()


def _where(passage: Passage) -> tuple[str, str]:
    return str(passage.source.meeting_date), passage.source.item_number


def _search(answerer: Answerer, text: str, k: int) -> list[Passage]:
    return answerer.retriever.search(understand(text, answerer.store.catalogue.meetings()), k)


@pytest.mark.parametrize(("question", "treatments"), [
    ("Hvor mange almene plejeboliger skal Boligselskabet Sjælland opføre, og hvor stort er grundkapitallånet?",
     PLEJEBOLIGER),
    ("Hvor meget vil omlægningen af lånet frigive til Karlslunde Idrætsforening?", KARLSLUNDE),
])
def test_a_text_stored_under_several_items_keeps_each_item_reachable(answerer, question, treatments):
    passages = _search(answerer, question, 10)
    texts = [" ".join(p.text.split()) for p in passages]
    assert len(texts) == len(set(texts))  # each text once
    shown = {_where(p) for p in passages}
    assert treatments <= shown  # every treatment of the case among the passages
    top = [_where(p) for p in passages[:5]]
    assert len(set(top) & treatments) >= 2  # the repeated texts are spread, not all under one treatment


def test_a_repeated_text_keeps_the_score_it_ranked_by(answerer):
    passages = _search(answerer, "Hvor meget vil omlægningen af lånet frigive til Karlslunde Idrætsforening?", 10)
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)


def _passage(answerer: Answerer, where: tuple[str, str], n: int) -> Passage:
    meeting = next(m for m in answerer.store.catalogue.meetings() if str(m.meeting_date) == where[0])
    item = next(i for i in answerer.store.catalogue.items(meeting.id) if i.number == where[1])
    return answerer.retriever.item_passages_of((meeting.id, item.number, item.title))[n]


def test_the_lead_item_is_chosen_per_case(answerer):
    """One high passage of another item against a case whose passages stand under its two treatments: per
    item the other leads (1 against 1/2 + 1/4 and 1/3), per case the case (1/2 + 1/3 + 1/4)."""
    question = understand("Hvad indeholder ansøgningen om skema A?", answerer.store.catalogue.meetings())
    other = _passage(answerer, ("2023-04-26", "6"), 1)  # Karlslunde at the Kultur- og Fritidsudvalget
    committee, council = ("2023-05-08", "36"), ("2023-05-15", "40")
    passages = [other, _passage(answerer, committee, 1), _passage(answerer, council, 2), _passage(answerer, committee, 3)]
    targets = target_items(question, passages, answerer.retriever)
    assert _where(targets[0]) == committee  # the case's best-supported treatment
    # the case's other treatment follows as the same case at another meeting; the other case does not
    assert [_where(t) for t in targets[1:]] == [council]
