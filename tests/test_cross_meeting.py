"""A case treated at several meetings, on real minutes: Greve's "Scenarier for kunstgræsbane på Karlslunde
Stadion" went from the Kultur- og Fritidsudvalget (26-04-2023) through the Økonomiudvalget (08-05-2023) to
the Byråd (15-05-2023), each time with a decision of its own. An answer names every meeting with its date,
item and decision, the other treatments newest first, and every quote stays verbatim where its citation says.

(The sample corpus holds no such case: its two Aarhus "Rammeaftale" items are two editions, 2021-22 and
2023-24, not one case at two meetings.)"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from ingest.vocabulary import SectionKind
from qa.answer import Answerer
from qa.types import Status
from tests.conftest import greve_store

FILES = ("Kultur- og Fritidsudvalget_2023-04-26T17:00:00+02:00_d3933a77-5739-4726-b3f7-897a3c2a706b.json",
         "Økonomiudvalget_2023-05-08T08:00:00+02:00_220cd32a-3dd1-4850-8405-79874040c7f9.json",
         "Byråd 2022-2025_2023-05-15T19:00:00+02:00_13b86557-9449-4abe-b687-e52b6d01be6e.json")
TREATED = re.compile(r"(\d\d-\d\d-\d{4}), pkt\. (\d+) «Scenarier for kunstgræsbane på Karlslunde Stadion»: «")


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, corpus_extra, hash_embedder):
    store = greve_store(tmp_path_factory, corpus_extra, FILES, hash_embedder, "greve-case")
    yield Answerer(store)
    store.close()


@pytest.mark.parametrize("question", [
    "Hvad blev besluttet om kunstgræsbanen på Karlslunde Stadion?",
    "Hvordan forløb sagen om scenarierne for kunstgræsbanen på Karlslunde Stadion?",
])
def test_a_case_at_three_meetings_is_answered_at_each_with_its_decision_newest_first(answerer, question):
    answer = answerer.ask(question)
    assert answer.status is Status.ANSWERED
    named = [datetime.strptime(m[1], "%d-%m-%Y").date() for m in TREATED.finditer(answer.answer)]
    assert sorted(named) == sorted({d for d in named}) and len(named) == 3  # each meeting once
    assert named[1:] == sorted(named[1:], reverse=True)  # after the item answered, the others newest first
    # each meeting's line quotes its own decision
    decided = {c.source.meeting_date for c in answer.citations if c.source.section is SectionKind.DECISION}
    assert decided == set(named)
    for citation in answer.citations:
        assert citation.verified and f"[{citation.key}]" in answer.answer
        assert answer.answer.count(f"«{citation.quote}» [{citation.key}]") >= 1


def test_a_case_text_repeated_at_the_next_meeting_is_quoted_once(answerer):
    answer = answerer.ask("Hvad koster kunstgræsbanen på Karlslunde Stadion?")
    quotes = [" ".join(c.quote.split()) for c in answer.citations]
    assert len(quotes) == len(set(quotes))



@pytest.mark.parametrize(("a", "b", "same"), [
    ("Kunstgræsbane i Hundige - tillægsbevilling", "Kunstgræsbanen i Hundige, renovering - anlægsbevilling", True),
    ("Scenarier for kunstgræsbane på Karlslunde Stadion", "Scenarier for kunstgræsbane på Karlslunde Stadion", True),
    # another year's or another number's item of a recurring title is another case ("2023-2024" is two years)
    ("Drifts- og anlægsoverførsler 2021 til 2022", "Drifts- og anlægsoverførsler 2022 til 2023", False),
    ("Drifts- og anlægsoverførsler 2021 til 2022", "Drifts- og anlægsoverførsler 2023-2024", False),
    ("Budgetopfølgning 1 2023", "Budgetopfølgning 2 2023", False),
])
def test_titles_naming_other_numbers_are_other_cases(answerer, a, b, same):
    from qa.extractive import _names_same_case

    assert _names_same_case(answerer.retriever, a, b) is same
