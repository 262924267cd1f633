"""Table tests for "not found": a year the question names that the best passages' item contradicts or lacks
(another year's item of the same thing, a year no passage mentions), and the questions that must still be
answered. On the real sample minutes (the hashing embedder: Danish decisions rest on words, titles and
years, not on dense scores)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa.answer import Answerer, same_years
from qa.question import parse_question
from qa.types import Passage, Status
from qa.vocabulary.dates import named_years


@pytest.fixture(scope="module")
def answerer(corpus_store):
    store, _ = corpus_store
    return Answerer(store)


@pytest.mark.parametrize(("question", "status"), [
    # the item of the year asked for
    ("Hvad blev kontrolgruppens samlede resultat for 2023?", Status.ANSWERED),
    ("Hvad orienterede Michael om under punktet om tidsplanen for regnskab 2022?", Status.ANSWERED),
    ("Hvad blev besluttet om Rammeaftale 2023-24?", Status.ANSWERED),
    ("Hvor mange af delmålene i Beskæftigelsesplan 2020 er opfyldt?", Status.ANSWERED),
    # a year the passage states though its title names another ("Kend din Kommune 2024" gives 2022's figures)
    ("Hvor meget brugte Ikast-Brande Kommune på overførselsudgifter pr. borger i 2022?", Status.ANSWERED),
    # the same thing in another year: the title gives it its own year
    ("Hvad blev kontrolgruppens samlede resultat for 2019?", Status.NOT_FOUND),
    ("Hvad orienterede Michael om under punktet om tidsplanen for regnskab 2017?", Status.NOT_FOUND),
    # a year no passage of the item mentions
    ("Hvor mange af delmålene i Beskæftigelsesplan 2026 er opfyldt?", Status.NOT_FOUND),
])
def test_year_the_question_names(answerer, question, status):
    assert answerer.ask(question).status is status


@pytest.mark.parametrize(("text", "expected"), [
    ("Hvilke ændringer meldte Greve ind til Movia i trafikbestillingen for 2022?", [({2022}, "trafikbestillingen")]),
    ("Hvad blev besluttet om budget 2026-29 i oktober 2025?", [({2026, 2027, 2028, 2029}, "budget"), ({2025}, None)]),
    ("Sundhedsaftale 2024-2027", [({2024, 2025, 2026, 2027}, "sundhedsaftale")]),
    ("Penge fra 2021 til 2022", [({2021}, "penge"), ({2022}, None)]),
    ("på mødet den 14. januar 2020", [({2020}, None)]),
    ("14-01-2020", [({2020}, None)]),
    ("6.749.600 kr. og 2.020 deltagere", []),
])
def test_named_years(text, expected):
    assert [(set(years), owner) for years, owner in named_years(text)] == expected


def _passage(title: str, text: str, day: date) -> Passage:
    ref = SourceRef("f.json", "", None, 1, 1, 0, len(text), "Greve", "Økonomiudvalget", "m", day, "7", title,
                    SectionKind.CASE, "")
    return Passage("c", text, ref)


BUS_2023 = _passage("Bustrafikbestilling 2023 til Movia", "Udvalget orienteres ultimo 2022.", date(2022, 9, 19))
CALENDAR = _passage("Mødekalender for Byrådet og Økonomiudvalget i 2024", "Byrådsmøderne holdes om mandagen.",
                    date(2023, 9, 4))
BUDGET = _passage("Strandparken I/S - budget 2023", "Budgettet godkendes.", date(2023, 3, 6))


@pytest.mark.parametrize(("question", "passage", "same"), [
    ("Hvilke ændringer meldte Greve ind til Movia i trafikbestillingen for 2022?", BUS_2023, False),
    ("Hvilke ændringer meldte Greve ind til Movia i trafikbestillingen for 2023?", BUS_2023, True),
    ("Hvilke ændringer er der i busbetjeningen i 2022?", BUS_2023, True),  # the year is the meeting's
    ("Hvilke datoer blev fastlagt for byrådsmøderne i 2027?", CALENDAR, False),
    ("Hvilke datoer blev fastlagt for byrådsmøderne i 2024?", CALENDAR, True),
    ("Hvordan har Byrådet behandlet Strandparken I/S' økonomi fra 2022 til 2025?", BUDGET, True),  # a span
    ("Hvad blev Strandparkens budget?", BUDGET, True),  # no year
])
def test_same_years(question, passage, same):
    parsed = parse_question(question, ["Greve"], ["Økonomiudvalget"])
    assert same_years(parsed, passage) is same
