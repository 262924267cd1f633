"""Golden tables for dates and numbers as questions, claims and minutes write them (qa/vocabulary/dates.py,
numbers.py).

Each row is a phrase of the kind the minutes or users write, and what the rule must make of it. A row that
states the right behaviour where the rule is known to get it wrong is marked `wrong(...)` (strict xfail)
with the reason.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.vocabulary.dates import (
    exact_day,
    is_year,
    month_period,
    names_period,
    season_period,
    states_date,
    without_days,
    year_period,
)
from qa.vocabulary.numbers import (
    QUANTITY,
    amounts,
    has_amount,
    numbers_in,
    parse_number,
    same_amount,
    show_amount,
    states_amount,
    states_count,
    votes,
)
from tests.vocabulary_tables import squeeze, wrong

# ==== dates ===============================================================================================


@pytest.mark.parametrize("text, expected", [
    ("Hvad besluttede udvalget den 14. januar 2020?", date(2020, 1, 14)),
    ("Hvad skete der på mødet 14-01-2020?", date(2020, 1, 14)),
    ("mødet 14.01.2020", date(2020, 1, 14)),
    ("mødet 14/1/2020", date(2020, 1, 14)),
    ("What was decided on January 14, 2020?", date(2020, 1, 14)),
    ("What was decided on 14 January 2020?", date(2020, 1, 14)),
    ("September 3, 2021", date(2021, 9, 3)),
    ("d. 4. maj 2022", date(2022, 5, 4)),
    ("den 31. februar 2020 og den 3. marts 2020", date(2020, 3, 3)),  # an impossible day is skipped
    ("på mødet i januar 2023", None),  # a month, not a day
    ("mødet den 14. januar", None),  # no year
    ("Hvad blev besluttet om budget 2023?", None),
    wrong("Hvad blev besluttet den 14.januar 2020?", date(2020, 1, 14),
          reason="'14.januar' without a space is not matched (ingest parse_date accepts it)"),
    wrong("Hvad blev besluttet på mødet 2022-01-10?", date(2022, 1, 10),
          reason="ISO dates are not read in questions, so the question gets no date filter at all"),
    wrong("Hvad besluttede udvalget den 14. jan. 2020?", date(2020, 1, 14),
          reason="abbreviated month names are not known"),
])
def test_exact_day(text, expected):
    assert exact_day(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad besluttede udvalget den 14. januar 2020?", "Hvad besluttede udvalget den ?"),
    ("What was decided on January 14, 2020?", "What was decided on ?"),
    ("mødet 14-01-2020 og 04.12.2012", "mødet og"),
    ("på mødet i januar 2023", "på mødet i januar 2023"),  # months are left to month_period
])
def test_without_days(text, expected):
    assert squeeze(without_days(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad blev besluttet i januar 2023?", (date(2023, 1, 1), date(2023, 1, 31), "Hvad blev besluttet i ?")),
    ("in February 2024", (date(2024, 2, 1), date(2024, 2, 29), "in")),  # a leap year
    ("i februar 2023", (date(2023, 2, 1), date(2023, 2, 28), "i")),
    ("in May 2023", (date(2023, 5, 1), date(2023, 5, 31), "in")),
    ("december 2021", (date(2021, 12, 1), date(2021, 12, 31), "")),
    ("møder i marts 2022 og april 2022", (date(2022, 3, 1), date(2022, 3, 31), "møder i og")),  # the first month
    ("Hvad skete der i 2023?", None),  # a year, not a month
    ("i marts", None),  # no year
    ("Budget 2023", None),
])
def test_month_period(text, expected):
    found = month_period(text)
    assert (found and (found[0], found[1], squeeze(found[2]))) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad blev besluttet i 2022?", (date(2022, 1, 1), date(2022, 12, 31))),
    ("året 2022", (date(2022, 1, 1), date(2022, 12, 31))),
    ("år 2020", (date(2020, 1, 1), date(2020, 12, 31))),
    ("in 2022?", (date(2022, 1, 1), date(2022, 12, 31))),
    ("during 2021", (date(2021, 1, 1), date(2021, 12, 31))),
    ("i 1999", (date(1999, 1, 1), date(1999, 12, 31))),
    ("Budget 2023", None),  # a name, not a period
    ("budgettet i 2023-24", None),  # a budget period, not a year
    ("i 2023/24", None),
    ("i 2023 - 2024", None),
    ("i 2023–2026", None),
    ("i 2100", None),
    wrong("Hvad besluttede udvalget i løbet af 2022?", (date(2022, 1, 1), date(2022, 12, 31)),
          reason="'i løbet af 2022' (during 2022) is not among the words that make a year a period"),
    # a span of years is one period, the words between kept for the question
    ("Hvad blev besluttet fra 2019 til 2021?", (date(2019, 1, 1), date(2021, 12, 31))),
    ("Hvad er der sket med Villa Sitka fra 2022, hvor planerne blev droppet, til beslutningen om salg i 2024?",
     (date(2022, 1, 1), date(2024, 12, 31))),
    ("fra 2022 til og med 2024", (date(2022, 1, 1), date(2024, 12, 31))),
    ("What happened from 2019 to 2021?", (date(2019, 1, 1), date(2021, 12, 31))),
    ("overførsler fra 2022 til 2021", (date(2022, 1, 1), date(2022, 12, 31))),  # backwards: no span
    ("fra 2022 til budget 2023-24", (date(2022, 1, 1), date(2022, 12, 31))),  # a budget period ends no span
    ("fra 2022. Hvad skete i 2024?", (date(2022, 1, 1), date(2022, 12, 31))),  # another sentence
])
def test_year_period(text, expected):
    found = year_period(text)
    assert (found and found[:2]) == expected


@pytest.mark.parametrize("text, rest_words", [
    ("Villa Sitka fra 2022, hvor planerne blev droppet, til salg i 2024?",
     ["Villa", "Sitka", ",", "hvor", "planerne", "blev", "droppet,", "til", "salg", "i", "?"]),
])
def test_a_span_of_years_keeps_the_words_between(text, rest_words):
    assert year_period(text)[2].split() == rest_words


JANUARY_2024 = (date(2024, 1, 1), date(2024, 1, 31))


@pytest.mark.parametrize("text, period, named", [
    ("Byrådsmødet den 31. januar 2024 flyttes", JANUARY_2024, True),
    ("mødet i januar 2024", JANUARY_2024, True),
    ("31-01-2024", JANUARY_2024, True),
    ("January 29, 2024", JANUARY_2024, True),
    ("den 1. februar 2024", JANUARY_2024, False),
    ("januar 2023", JANUARY_2024, False),
    ("31-02-2024", JANUARY_2024, False),  # no day
    ("Byrådet godkendte den 11. december 2023", JANUARY_2024, False),
    ("i efteråret", JANUARY_2024, False),
])
def test_names_period(text, period, named):
    assert names_period(text, *period) is named


@pytest.mark.parametrize("text, expected", [
    ("Hvem stemte imod i efteråret 2023?", (date(2023, 9, 1), date(2023, 11, 30))),
    ("Hvad besluttede Byrådet op til jul 2023?", (date(2023, 11, 1), date(2023, 12, 31))),
    ("på sit sidste møde før sommerferien 2025", (date(2025, 6, 1), date(2025, 8, 31))),
    ("i foråret 2024", (date(2024, 3, 1), date(2024, 5, 31))),
    ("i slutningen af 2024", (date(2024, 10, 1), date(2024, 12, 31))),
    ("i første halvår 2025", (date(2025, 1, 1), date(2025, 6, 30))),
    ("At its last meeting before the 2024 summer break", (date(2024, 6, 1), date(2024, 8, 31))),
    ("in the autumn 2022", (date(2022, 9, 1), date(2022, 11, 30))),
    ("Hvad skete der i 2023?", None),  # a year, not a part of one
    ("sommerhuse i Greve", None),
])
def test_season_period(text, expected):
    found = season_period(text)
    assert (found and found[:2]) == expected


def test_year_period_takes_the_year_out():
    assert squeeze(year_period("Hvad blev besluttet om budgettet i 2022?")[2]) == "Hvad blev besluttet om budgettet ?"


@pytest.mark.parametrize("token, expected", [
    ("2022", True),
    ("1999", True),
    ("2000", True),
    ("2100", False),
    ("1899", False),
    ("20222", False),
    ("22", False),
    ("2023-24", False),  # a budget period
])
def test_is_year(token, expected):
    assert is_year(token) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("Mødet blev afholdt den 14. januar 2020.", True),
    ("Det sker 14-01-2020.", True),
    ("Senest 31.12.2023", True),
    ("Evalueringen kommer i marts 2023.", True),
    ("Ordningen gælder fra 1. april 2024.", True),
    ("Projektet starter i uge 12.", True),
    ("Projektet forventes afsluttet i 2. kvartal 2024.", True),
    ("Der er afsat 6.749.600 kr.", False),
    ("Budget 2023-24", False),
    ("Indstillingen blev godkendt.", False),
    wrong("Næste møde afholdes den 4. maj.", True,
          reason="a day and month without a year is not taken as a date"),
    wrong("Projektet forventes afsluttet i foråret 2024.", True,
          reason="a season with a year ('foråret 2024') is a time of year the rule does not know"),
])
def test_states_date(sentence, expected):
    assert states_date(sentence) is expected


# ==== numbers =============================================================================================


@pytest.mark.parametrize("text, expected", [
    ("Der er afsat 6.749.600 kr. til projektet.", {(6749600, "kr")}),
    ("Udgiften udgør kr. 4.778.260.", {(4778260, "kr")}),  # unit before the digits
    ("kr. **4.778.260**", {(4778260, "kr")}),  # bold digits
    ("Der bevilges 6,7 mio. kr.", {(6700000, "kr~")}),  # millions: a rounded figure
    ("Rammen er 15,675 mio. kr.", {(15675000, "kr~")}),
    ("budgettet er på 1,2 mia. kr.", {(1200000000, "kr~")}),
    ("Der er afsat 2 millioner kr.", {(2000000, "kr~")}),
    ("Ledigheden steg med 3,7 %.", {(3.7, "%")}),
    ("en stigning på 12 pct.", {(12.0, "%")}),
    ("2,5 procent", {(2.5, "%")}),
    ("Tilskuddet er 500.000 kroner.", {(500000, "kr")}),
    ("5.000kr.", {(5000, "kr")}),
    ("6.749.600 kr og 6,7 mio. kr.", {(6749600, "kr"), (6700000, "kr~")}),
    ("Mødet 14.01.2020 kl. 16.00", set()),
    ("Der var 25 deltagere", set()),
    wrong("The committee granted DKK 6.7 million.", {(6700000, "kr~")},
          reason="an English decimal point is not read: '6.7 million' gives 7 million, not 6,7 mio."),
    wrong("Udgiften er 1.234.567,89 kr.", {(1234568, "kr")},
          reason="thousands separators with decimals are not read: only '567,89 kr.' is matched, giving 568 kr."),
])
def test_amounts(text, expected):
    assert amounts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Der er afsat 6.749.600 kr.", True),
    ("kr. 4.778.260", True),
    ("3,5 mio.", True),
    ("3,7 %", True),
    ("I alt 6.749.600", False),  # no unit
    ("1.100 arbejdstimer", False),
    wrong("Merudgiften er 150 t.kr. i 2024.", True,
          reason="'t.kr.' (thousand kroner), the unit of budget tables, is not known"),
])
def test_has_amount(text, expected):
    assert has_amount(text) is expected


@pytest.mark.parametrize("claimed, stated, expected", [
    ((6700000, "kr~"), (6749600, "kr"), True),  # "6,7 mio." for 6.749.600 kr., within 1 %
    ((7000000, "kr~"), (6749600, "kr"), False),  # "7 mio." is not 6.749.600 kr.
    ((15700000, "kr~"), (15675000, "kr"), True),
    ((15675000, "kr~"), (15675000, "kr"), True),
    ((6749600, "kr"), (6749600, "kr"), True),
    ((6749600, "kr"), (6749601, "kr"), False),  # exact figures must agree exactly
    ((6700000, "kr"), (6749600, "kr"), False),
    ((3.7, "%"), (3.7, "%"), True),
    ((3.7, "%"), (3.8, "%"), False),
    ((3.7, "%"), (3700000, "kr~"), False),  # different units
])
def test_same_amount(claimed, stated, expected):
    assert same_amount(claimed, stated) is expected


@pytest.mark.parametrize("amount, expected", [
    ((6749600, "kr"), "6.749.600 kr."),
    ((6700000, "kr~"), "6.700.000 kr."),
    ((500, "kr"), "500 kr."),
    ((3.7, "%"), "3,7 %"),
    ((12.0, "%"), "12 %"),
])
def test_show_amount(amount, expected):
    assert show_amount(amount) == expected


@pytest.mark.parametrize("text, expected", [
    ("Indstillingen blev godkendt med 6 stemmer for og 1 stemme imod.", (6, 1)),
    ("Godkendt med 17 for og 3 imod.", (17, 3)),
    ("5 stemmer for, 2 stemmer imod", (5, 2)),
    ("1 stemme for og 6 stemmer imod", (1, 6)),
    ("6 stemmer for (A, F, Ø) og 1 stemme imod (V)", (6, 1)),
    ("Forslaget blev forkastet med 3 stemmer for og 8 stemmer imod (A, V, O)", (3, 8)),
    ("Godkendt.", None),
    ("Mødet den 14-01-2020 kl. 16.00", None),
    wrong("Indstillingen blev godkendt med 21 stemmer for og 6 imod.", (21, 6),
          reason="'N stemmer for og M imod' mixes the two patterns, neither of which matches it"),
])
def test_votes(text, expected):
    assert votes(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("6.749.600", 6749600.0),
    ("1.100", 1100.0),
    ("3,7", 3.7),
    ("15,675", 15.675),
    ("0,5", 0.5),
    ("1.234,56", 1234.56),
    ("2023", 2023.0),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Der er afsat 6.749.600 kr. til projektet.", True),
    ("Der bevilges 6,7 mio. kr.", True),
    ("Ledigheden steg med 3,7 %.", True),
    ("Der er bevilget 1,2 mia. kr.", True),
    ("Udgiften udgør kr. 4.778.260.", True),  # thousands separators
    ("Der blev brugt 1.100 arbejdstimer.", True),
    ("Der deltog 25 borgere.", False),
    ("Indstillingen blev godkendt.", False),
    wrong("Der er afsat 2 millioner kr.", True,
          reason="'millioner' is an amount unit for has_amount but not for states_amount"),
    wrong("Gebyret er kr. 250 pr. time.", True,
          reason="'kr.' before a number below 1.000 is not taken as an amount"),
])
def test_states_amount(sentence, expected):
    assert states_amount(sentence) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("Der deltog 25 borgere.", True),
    ("Der er fem ansøgere.", True),  # number words
    ("Der var tre ansøgninger.", True),
    ("Indstillingen blev godkendt.", False),
    ("Projektet er forankret i Team Vest.", False),
    wrong("Mødet var den 14-01-2020.", False,
          reason="the year of a numeric date counts as a number not part of a date"),
    wrong("Ordningen gælder fra 1. april.", False,
          reason="the day of '1. april' counts as a number not part of a date"),
])
def test_states_count(sentence, expected):
    assert states_count(sentence) is expected


@pytest.mark.parametrize("text, expected", [
    ("Der blev brugt 1.100 arbejdstimer og 25 deltagere mødte op.", ["1.100", "25"]),
    ("Budget 2023: 6.749.600 kr. og 3,7 %", ["2023", "6.749.600", "3,7"]),
    ("14.01.2020", ["14.01.2020"]),
    ("ingen tal", []),
])
def test_numbers_in(text, expected):
    assert numbers_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Der blev brugt 1.100 arbejdstimer og 25 deltagere mødte op.", [("1.100", "arbejdstimer"), ("25", "deltagere")]),
    ("Budget 2023: 6.749.600 kr. og 3,7 %", []),  # units are too short to be counted things
    ("Der er 120 pladser på plejehjemmet", [("120", "pladser")]),
    wrong("Der oprettes 4 nye pladser", [("4", "pladser")],
          reason="a short adjective between number and noun ('4 nye pladser') hides the counted thing"),
])
def test_quantity(text, expected):
    assert QUANTITY.findall(text) == expected
