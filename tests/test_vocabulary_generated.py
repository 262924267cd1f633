"""Golden tables for what a generated sentence states, as `qa.generation` checks it against the passages it
cites (issue 14): amounts with their units, numbers written as words, days, names opening a sentence, and
the act a sentence says was done with its negation read."""

from __future__ import annotations

import pytest

from qa.vocabulary.claims.acts import stated_act
from qa.vocabulary.dates import stated_days, supports_day
from qa.vocabulary.numbers import spelled_numbers, stated_amounts, supports_amount
from qa.vocabulary.words import stated_names
from tests.vocabulary_tables import squeeze

# ==== what a generated sentence states, checked against its passages (qa.generation, issue 14) ============


@pytest.mark.parametrize("text, language, expected", [
    ("godkendt med syv stemmer for og to imod", "da", [7, 2]),
    ("tre løsninger, fire måneder, 18 parkeringspladser", "da", [3, 4]),
    ("en cykelsti og et vejtræ", "da", []),  # articles, not counts
    ("Fem stemte for", "da", [5]),
    ("approved by seven votes to two", "en", [7, 2]),  # English "to" is not two
    ("the fire station", "en", []),
])
def test_spelled_numbers(text, language, expected):
    assert spelled_numbers(text, language) == expected


@pytest.mark.parametrize("text, expected", [
    ("Anlægget koster 4.250.000 kr. og tager 4 måneder", ({(4250000, "kr")}, ["4"])),
    ("4,25 mio. kr. over 3 år", ({(4250000, "kr~")}, ["3"])),
    ("1 mia. kr.", ({(1000000000, "kr~")}, [])),
    ("en stigning på 3,7 % i 2025", ({(3.7, "%")}, ["2025"])),
    ("kr. 4.778.260", ({(4778260, "kr")}, [])),
    ("5 stemmer for og 2 imod", (set(), ["5", "2"])),
])
def test_stated_amounts(text, expected):
    assert stated_amounts(text) == expected


@pytest.mark.parametrize("stated, claimed, expected", [
    ((4250000, "kr"), (4250000, "kr"), True),
    ((4250000, "kr"), (250000, "kr"), False),  # a part of the number is not the number
    ((1500000, "kr"), (1500000, "kr~"), True),  # "1,5 mio. kr." for "1.500.000 kr."
    ((1500000, "kr~"), (1500000, "kr"), True),  # "1.500.000 kr." for "1,5 mio. kr."
    ((1500000, "kr~"), (1490000, "kr"), False),  # an exact claim must be exact
    ((6749600, "kr"), (6700000, "kr~"), True),  # "6,7 mio." rounds 6.749.600 kr.
    ((4250000, "kr"), (4800000, "kr~"), False),
    ((4250000, "kr"), (4250000, "%"), False),  # another unit
])
def test_supports_amount(stated, claimed, expected):
    assert supports_amount(stated, claimed) is expected


@pytest.mark.parametrize("text, expected_days, expected_rest", [
    ("den 3. april 2025", {(3, 4, 2025)}, "den"),
    ("behandles igen 14-08-2025", {(14, 8, 2025)}, "behandles igen"),
    ("d. 12. marts og April 3, 2025", {(12, 3, None), (3, 4, 2025)}, "d. og"),
    ("5 stemmer for", set(), "5 stemmer for"),
])
def test_stated_days(text, expected_days, expected_rest):
    days, rest = stated_days(text)
    assert days == expected_days and squeeze(rest) == expected_rest


@pytest.mark.parametrize("stated, years, claimed, expected", [
    ({(12, 3, 2025)}, set(), (12, 3, 2025), True),
    ({(12, 3, 2025)}, set(), (12, 3, None), True),
    ({(12, 3, 2025)}, set(), (3, 4, 2025), False),
    ({(12, 3, 2025)}, set(), (12, 3, 2026), False),
    ({(12, 3, None)}, {2025}, (12, 3, 2025), True),  # "den 12. marts" in minutes of 2025
    ({(12, 3, None)}, {2024}, (12, 3, 2025), False),
])
def test_supports_day(stated, years, claimed, expected):
    assert supports_day(stated, years, claimed) is expected


# ==== names a generated sentence states (qa.generation, issue 14) ========================================


@pytest.mark.parametrize("text, known, expected", [
    ("Peter Hansen stemte imod.", "", ["Peter Hansen"]),  # a name opening the sentence is a name too
    ("Imod stemte Jens Holm og Lise Berg.", "", ["Jens Holm", "Lise Berg"]),
    ("Den Selvejende Hal fik tilskud.", "", ["Selvejende Hal"]),  # a function word opening the sentence
    ("Udvalget Solbjerg Skole", "udvalget godkendte", ["Solbjerg Skole"]),  # a word the minutes write in lower case
    ("Godkendt. Peter Hansen stemte imod.", "godkendt", ["Peter Hansen"]),
    ("The Committee approved it.", "", []),
])
def test_stated_names(text, known, expected):
    assert stated_names(text, known) == expected


# ==== what a generated sentence says was done, negation read (qa.generation, issue 14) ====================


@pytest.mark.parametrize("sentence, expected", [
    ("Udvalget godkendte cykelstien", "approved"),
    ("Udvalget godkendte ikke cykelstien", "rejected"),
    ("Forslaget blev ikke godkendt", "rejected"),  # the negation is the act's own words
    ("Forslaget blev ikke forkastet", "approved"),
    ("Udvalget afviste ikke forslaget", "approved"),
    ("Udvalget udsatte ikke sagen", None),  # nothing said to be done
    ("Der var ingen indvendinger, og udvalget godkendte", "approved"),  # the negation is not the act's
    ("Sagen blev taget til efterretning", "noted"),
    ("The plan was not approved", "rejected"),
    ("Forvaltningen foreslår en ny cykelsti", None),
])
def test_stated_act(sentence, expected):
    assert stated_act(sentence) == expected
