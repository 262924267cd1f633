"""A question asking over a span of years shows a treatment of each year of it, on real minutes.

Greve's Genopretningspuljen (the pool for urgent building repairs) was released year by year under three case
numbers: "Frigivelse af midler fra Genopretningspuljen" (Økonomiudvalget 23-01-2023, Byråd 30-01-2023),
"Genopretningspuljen, anlægsbevilling" (Klima-, Teknik- og Miljøudvalget 15-01-2024) and "Genopretningspulje -
anlægsbevilling" (the same committee, 05-05-2025). A question over "2023-2025" or "fra 2023 til 2025" is
answered from the item the evidence points to, then one treatment of each other year of the span, in year
order (each year's own search, its item naming the question's subject in its title); the span is read by
`qa.vocabulary.dates.year_span`, never from a span belonging to a word ("budget 2023-26").
"""

from __future__ import annotations

import pytest

from qa.answer import Answerer
from qa.question import parse_question
from qa.scope import Leaning, leaning
from qa.treatments import treatments, year_by_year
from qa.types import Status
from qa.vocabulary.dates import year_span
from tests.conftest import greve_store

POOL = ("Økonomiudvalget_2023-01-23T08:00:00+01:00_00393471-d65b-4f4c-89c4-1c9227749377.json",
        "Byråd 2022-2025_2023-01-30T19:00:00+01:00_8e3ce052-8372-42cc-a189-5bb3762fca05.json",
        "Klima-, Teknik- og Miljøudvalget_2024-01-15T08:00:00+01:00_b57b78a4-d8f8-4ed8-84af-0c36dd21c093.json",
        "Klima-, Teknik- og Miljøudvalget_2025-05-05T08:00:00+02:00_e1b1c5d9-374b-4abd-bd8e-3079fb18924d.json")


@pytest.mark.parametrize(("text", "span"), [
    ("Hvordan er midlerne frigivet år for år 2023-2025?", (2023, 2025)),
    ("Hvordan har udvalgene behandlet sagen fra 2022 til 2025?", (2022, 2025)),
    ("How was the pool used from 2019 to 2021?", (2019, 2021)),
    ("Hvordan udviklede ledigheden sig i perioden 2020-2022?", (2020, 2022)),
    ("Hvordan stemte Byrådet ved 2. behandlingen af budget 2023-26?", None),  # the budget's years
    ("Hvad besluttede Byråd 2022-2025 om skolerne?", None),  # a body's name
    ("Hvor mange penge stod der i puljen for 2023 og 2024?", None),  # two years of one case
    ("Hvad blev besluttet i 2023?", None),
    ("Hvad skete der fra 2025 til 2023?", None),  # backwards: no span
])
def test_the_span_of_years_a_question_asks_over(text, span):
    assert year_span(text) == span


def test_the_span_is_a_pointer_of_the_question():
    assert leaning("Hvordan er midlerne frigivet fra 2023 til 2025?", ["Økonomiudvalget"]).years == (2023, 2025)
    assert leaning("Hvordan er midlerne frigivet?", ["Økonomiudvalget"]).years is None


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, corpus_extra, hash_embedder):
    store = greve_store(tmp_path_factory, corpus_extra, POOL, hash_embedder, "greve-year-by-year")
    yield Answerer(store)
    store.close()


@pytest.mark.parametrize("question", [
    "Hvordan er pengene i Genopretningspuljen frigivet år for år 2023-2025?",
    "Hvilke anlægsbevillinger gav man fra Genopretningspuljen fra 2023 til 2025?",
])
def test_each_year_of_the_span_has_a_treatment_in_year_order(answerer, question):
    answer = answerer.ask(question)
    assert answer.status is Status.ANSWERED
    years = list(dict.fromkeys(c.source.meeting_date.year for c in answer.citations))
    assert set(years) == {2023, 2024, 2025}, answer.answer
    assert years[1:] == sorted(years[1:]), answer.answer  # after the item answered from, year by year


def test_without_a_span_the_answer_names_the_case_s_own_treatments(answerer):
    question = parse_question("Hvordan er pengene i Genopretningspuljen frigivet?", ["Greve"], [])
    passages = answerer.retriever.search(question, 10)
    lead, lean = passages[0].source, Leaning()
    assert year_by_year(answerer.retriever, question, lead, passages, set(), lean) == treatments(
        answerer.retriever, lead, passages, set(), lean)
