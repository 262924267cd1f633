"""Which treatment of a case an answer leads with, on real minutes.

Greve's "Motorik for børn i Greve" went through the Skole-, Børne- og Ungeudvalget (15-03-2022 and
27-04-2022), the Kultur- og Fritidsudvalget (27-04-2022) and the Økonomiudvalget (09-05-2022);
"Lokalplejehjem i Greve Kommune, udpegning" through the Økonomiudvalget (09-04-2025) and the Byråd
(23-04-2025), its case text repeated word for word. The question's own committee (by its full name, the words
of it that are no numbers, or a short name) and its day, month or part of a year point to one treatment, read
softly (`qa.scope.Leaning`); with no pointer, a case text repeated at several treatments is quoted from the
first, where the case was presented; a pointer to a later treatment still wins. Of two items titled alike
("Budget 2023-26 - 1. behandling" / "- 2. behandling"), the one whose numbers the question names leads; a
recommendation quoted beside the decision that refers to it is one citation, not one per point.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.answer import Answerer
from qa.question import parse_question
from qa.scope import leaning
from qa.types import Status
from tests.conftest import greve_store

COMMITTEES = ["Klima-, Teknik- og Miljøudvalget", "Skole-, Børne- og Ungeudvalget", "Kultur- og Fritidsudvalget",
              "Økonomiudvalget", "Byråd 2022-2025", "Plan- og Tryghedsudvalget"]


@pytest.mark.parametrize(("question", "committees", "period"), [
    ("Hvilken betingelse stillede Skoleudvalget i marts 2022 for at følge Kultur- og Fritidsudvalget?",
     {"Skole-, Børne- og Ungeudvalget", "Kultur- og Fritidsudvalget"}, (date(2022, 3, 1), date(2022, 3, 31))),
    ("Hvad gjorde Byrådet før sommerferien 2025 med forslaget?", {"Byråd 2022-2025"},
     (date(2025, 6, 1), date(2025, 8, 31))),
    ("Hvad sagde Klima-, Teknik- og Miljøudvalget den 5. maj 2025?", {"Klima-, Teknik- og Miljøudvalget"},
     (date(2025, 5, 5), date(2025, 5, 5))),
    ("Hvad kostede stoppestederne ifølge sagen i foråret 2023?", set(), (date(2023, 3, 1), date(2023, 5, 31))),
    ("Hvad var planen for trafikken i 2023?", set(), (None, None)),  # "planen" is no committee; a year no pointer
])
def test_a_question_points_to_committees_and_a_period(question, committees, period):
    lean = leaning(question, COMMITTEES)
    assert (set(lean.committees), (lean.since, lean.until)) == (committees, period)


def test_a_treatment_matching_more_pointers_is_preferred():
    lean = leaning("Hvad anbefalede Skoleudvalget i marts 2022?", COMMITTEES)
    assert lean.of("Skole-, Børne- og Ungeudvalget", date(2022, 3, 15)) == 2
    assert lean.of("Skole-, Børne- og Ungeudvalget", date(2022, 4, 27)) == 1
    assert lean.of("Kultur- og Fritidsudvalget", date(2022, 4, 27)) == 0


@pytest.mark.parametrize(("question", "committees"), [
    ("Hvad krævede Skoleudvalget, da det fulgte Kultur- og Fritidsudvalget?",
     ("Kultur- og Fritidsudvalget", "Skole-, Børne- og Ungeudvalget")),  # a short name beside a full one
    ("Hvad besluttede Klima-, Teknik- og Miljøudvalget?", ("Klima-, Teknik- og Miljøudvalget",)),
])
def test_a_short_committee_name_counts_beside_a_full_one(question, committees):
    assert parse_question(question, ["Greve"], COMMITTEES).filters.committees == committees


MOTORIK = ("Skole-, Børne- og Ungeudvalget_2022-03-15T08:15:00+01:00_a515cf40-e346-4dc8-a93c-720e0c98d027.json",
           "Skole-, Børne- og Ungeudvalget_2022-04-27T17:30:00+02:00_fda1d021-dc23-4707-841f-2a01f892acc9.json",
           "Kultur- og Fritidsudvalget_2022-04-27T16:00:00+02:00_946467c3-b3b9-4260-9ed0-b6d32deb9f47.json",
           "Økonomiudvalget_2022-05-09T08:00:00+02:00_9c3cc537-8070-4fc8-8321-2000115d2ca8.json")
BUDGET = ("Byråd 2022-2025_2022-09-05T19:00:00+02:00_d027dca2-166a-4e61-9854-a4387923bbff.json",
          "Byråd 2022-2025_2022-10-03T19:00:00+02:00_cc763b18-6d9f-43a8-bae6-0b5a3399891e.json")
PLEJEHJEM = ("Økonomiudvalget_2025-04-09T08:00:00+02:00_3861f80f-a979-4ef9-ae6b-8e03c43a492f.json",
             "Byråd 2022-2025_2025-04-23T19:00:00+02:00_f9b59949-a8f8-44c8-a2a9-f8f9c9dcfe93.json")


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, corpus_extra, hash_embedder):
    store = greve_store(tmp_path_factory, corpus_extra, MOTORIK + PLEJEHJEM + BUDGET, hash_embedder, "greve-treatments")
    yield Answerer(store)
    store.close()


@pytest.mark.parametrize(("question", "lead"), [
    # the question's committee (a short name) and month point to the March treatment
    ("Hvilken betingelse stillede Skoleudvalget i marts 2022 for at følge Kultur- og Fritidsudvalget om motorik?",
     ("Skole-, Børne- og Ungeudvalget", "15-03-2022")),
    # its committee alone: the Økonomiudvalget's treatment, though the others hold the same case
    ("Hvad anbefalede Økonomiudvalget om motorik for børn?", ("Økonomiudvalget", "09-05-2022")),
    # no pointer: the case text repeated at both treatments is quoted from the first
    ("Hvor mange penge søgte kommunen fra den statslige pulje til lokalplejehjem?", ("Økonomiudvalget", "09-04-2025")),
    # the question points to the later treatment: it still leads
    ("Hvor mange penge søgte kommunen fra den statslige pulje til lokalplejehjem, som Byrådet behandlede i april 2025?",
     ("Byråd 2022-2025", "23-04-2025")),
    # the numbers of one title: the second reading, though the first records a vote too
    ("Hvordan stemte Byrådet ved 2. behandlingen af budget 2023-26?", ("Byråd 2022-2025", "03-10-2022")),
    ("Hvordan stemte Byrådet ved 1. behandlingen af budget 2023-26?", ("Byråd 2022-2025", "05-09-2022")),
])
def test_the_treatment_the_question_points_to_leads(answerer, question, lead):
    answer = answerer.ask(question)
    assert answer.status is Status.ANSWERED, answer.answer
    first = answer.citations[0].source
    assert (first.committee, first.meeting_date.strftime("%d-%m-%Y")) == lead, answer.answer


def test_a_recommendation_beside_its_decision_is_one_citation(answerer):
    answer = answerer.ask("Hvem stemte imod budgetopfølgning 2 2022 i Byrådet?")
    assert answer.status is Status.ANSWERED, answer.answer
    recommendations = [c for c in answer.citations if c.source.section.value == "recommendation"]
    items = {(c.source.meeting_id, c.source.item_number) for c in recommendations}
    assert recommendations and len(recommendations) == len(items), answer.answer
