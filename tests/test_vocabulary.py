"""Golden tables for the question and claim language (qa/vocabulary/), the minutes' own headings and dates
(ingest/vocabulary.py) and follow-up resolution (qa/conversation.py).

Each row is a phrase of the kind the minutes or users write, and what the rule must make of it. A row that
states the right behaviour where the rule is known to get it wrong is marked `xfail(strict=True)` with the
reason: fixing the rule makes that row pass, and strict mode then asks for the marker to go.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from ingest.vocabulary import SectionKind, inline_section_kind, parse_date, parse_time, section_kind_of
from qa.conversation import is_follow_up, resolve_follow_up
from qa.question import parse_question
from qa.types import Filters, QuestionKind
from qa.vocabulary.cues import (
    asks_amount,
    asks_count,
    asks_date,
    asks_frequency,
    claimed_against,
    claims_decided,
    claims_unanimous,
    continues_previous,
    decision_says,
    key_point_signals,
    mentions_against,
    mentions_dissent,
    mentions_vote_count,
    plans_treatment,
    points_back,
    polarity,
    question_kind,
    records_dissent,
    records_vote,
    states_frequency,
    subject_terms,
    voted_against,
    year_shift,
)
from qa.vocabulary.dates import exact_day, is_year, month_period, states_date, without_days, year_period
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
from qa.vocabulary.sentences import sentences, split_sentences
from qa.vocabulary.words import content_stems, detect_language, full_names, name_stems, same_title, stem, tokens

ROOT = Path(__file__).resolve().parents[1]


def wrong(*values, reason: str):
    """A row stating the right behaviour where the rule is known to behave wrongly."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


def squeeze(text: str) -> str:
    return " ".join(text.split())


# ==== words ===============================================================================================


@pytest.mark.parametrize("text, expected", [
    ("Hvad blev besluttet om SOSU-projektet?", ["hvad", "blev", "besluttet", "om", "sosu", "projektet", "sosu-projektet"]),
    ("Der er afsat 6.749.600 kr. til projektet", ["der", "er", "afsat", "6.749.600", "kr", "til", "projektet"]),
    ("Ledigheden steg med 3,7 %", ["ledigheden", "steg", "med", "3,7"]),
    ("Imod stemte Kasper Fuhr Christensen (F).", ["imod", "stemte", "kasper", "fuhr", "christensen", "f"]),
    ("Budget 2023-24", ["budget", "2023", "24"]),
    ("Økonomiudvalgets beslutning", ["økonomiudvalgets", "beslutning"]),
    ("", []),
])
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize("word, expected", [
    ("udvalget", "udvalg"),
    ("udvalgets", "udvalg"),
    ("budgettet", "budget"),
    ("lokalplanen", "lokalplan"),
    ("godkendt", "godkend"),
    ("godkendte", "godkend"),
    ("kommunerne", "kommun"),
    ("indstillingen", "indstilling"),
    ("2023", "2023"),  # numbers are not stemmed
    ("6.749.600", "6.749.600"),
])
def test_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("text, drop_question_words, expected", [
    ("Hvad besluttede Økonomiudvalget om budgettet?", False, ["beslutted", "økonomiudvalg", "budget"]),
    ("Hvad besluttede Økonomiudvalget om budgettet?", True, ["økonomiudvalg", "budget"]),
    ("Hvem stemte imod lokalplanen for Gimle?", True, ["stemt", "imod", "lokalplan", "giml"]),
    ("Hvad blev besluttet om sosu-projektet i 2023?", True, ["sosu", "projek", "sosu-projek", "2023"]),
    ("What did the committee decide about the budget?", True, ["budg"]),
    ("What did the committee decide about the budget?", False, ["committe", "decid", "budg"]),
    ("Hvad er det?", True, []),
])
def test_content_stems(text, drop_question_words, expected):
    assert content_stems(text, drop_question_words) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad blev besluttet om budgettet?", "da"),
    ("Hvem stemte imod?", "da"),
    ("Hvornår blev skolen lukket", "da"),
    ("Hvordan gik det med ældreplanen?", "da"),
    ("Hvad med Aarhus?", "da"),
    ("Budget 2023", "da"),  # no markers either way: Danish
    ("Økonomiudvalget", "da"),  # Danish letters
    ("What was decided about the budget?", "en"),
    ("Who voted against?", "en"),
    ("Was the plan approved?", "en"),
    ("What did Økonomiudvalget decide?", "en"),  # a Danish name inside an English question
    ("Who voted against lokalplanen?", "en"),
    ("What happened at the meeting in Randers?", "en"),
    wrong("Who chairs Børne- og Ungdomsudvalget?", "en",
          reason="the committee's name brings 'og' and Danish letters (2 Danish markers) against one English 'who'"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text, inside_sentences, expected", [
    ("Imod stemte Kasper Fuhr Christensen (F).", False, ["Kasper Fuhr Christensen"]),
    ("Imod stemte Kasper Fuhr Christensen (F).", True, ["Kasper Fuhr Christensen"]),
    ("Hvad sagde Nick Zimmermann om Gimle?", False, ["Nick Zimmermann"]),
    ("Mødet blev ledet af Anne Marie Lyduch.", True, ["Anne Marie Lyduch"]),
    ("Stemte Tina Rottbøll imod?", True, ["Tina Rottbøll"]),  # the opening word is not part of the name
    ("Godkendt. Tina Rottbøll deltog ikke.", True, []),  # opens a sentence
    ("Rådmand Anders Winnerskjold godkendte sagen.", True, ["Anders Winnerskjold"]),
    ("Indstillingen blev godkendt.", False, []),
    wrong("Det blev vedtaget. Jens Peter Hansen var fraværende.", True, [],
          reason="a three-word name opening a sentence loses its first word and gives the fragment 'Peter Hansen'"),
])
def test_full_names(text, inside_sentences, expected):
    assert full_names(text, inside_sentences) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad sagde Nick Zimmermann om Gimle?", {"nick", "zimmerman", "giml"}),
    ("Hvad sagde Michael om budgettet?", {"michael"}),
    ("Michael sagde hvad?", set()),  # the first word is capitalised anyway
    ("Hvad skete der på Gimle? Hvad sagde Michael?", {"giml", "michael"}),
    ("hvad blev besluttet om budgettet?", set()),
])
def test_name_stems(text, expected):
    assert name_stems(text) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("Interesetilkendegivelse", "Interessetilkendegivelse", True),  # a typo
    ("Budget 2024", "budget 2024", True),
    ("**Budget 2024**", "Budget 2024.", True),  # markup and punctuation
    ("Orientering om budgetopfølgning pr. 31. marts", "Orientering om budgetopfølgning", True),  # cut off
    ("Ansøgning om tilskud", "Godkendelse af lokalplan", False),
    ("Budget", "", False),
    wrong("Budget 2024", "Budget 2025", False,
          reason="the similarity ratio (0.91) ignores that the years differ: two budgets are two cases"),
])
def test_same_title(a, b, expected):
    assert same_title(a, b) is expected


# ==== sentences ===========================================================================================


@pytest.mark.parametrize("text, expected", [
    ("Sagen vil blive behandlet på Rådmandsmøde d. 23. januar 2023. Indstillingen blev godkendt.",
     ["Sagen vil blive behandlet på Rådmandsmøde d. 23. januar 2023.", "Indstillingen blev godkendt."]),  # "d. 23." goes on
    ("Der er afsat 6.749.600 kr. i løbet af 2023. Beløbet finansieres af puljen.",
     ["Der er afsat 6.749.600 kr. i løbet af 2023.", "Beløbet finansieres af puljen."]),  # "kr. i løbet" goes on
    ("Godkendt.\nImod stemte Kasper Fuhr Christensen (F).", ["Godkendt.", "Imod stemte Kasper Fuhr Christensen (F)."]),
    ("Beslutning\nGodkendt", ["Beslutning", "Godkendt"]),  # a line break ends one, without a full stop
    ("Udvalget godkendte indstillingen [1]. Imod stemte Tina Rottbøll [2].",
     ["Udvalget godkendte indstillingen [1].", "Imod stemte Tina Rottbøll [2]."]),  # citation keys stay
    ("Hvad koster det? Det koster 3 mio. kr.!  Godt.", ["Hvad koster det?", "Det koster 3 mio. kr.!", "Godt."]),
    ("Jf. pkt. 3 i indstillingen. Det blev godkendt.", ["Jf. pkt. 3 i indstillingen.", "Det blev godkendt."]),
    ("Mødet sluttede kl. 16.45. Næste møde er den 3. februar.", ["Mødet sluttede kl. 16.45.", "Næste møde er den 3. februar."]),
    ("Der henvises til bilag 2 (se side 4). (Bilaget er vedlagt.)",
     ["Der henvises til bilag 2 (se side 4).", "(Bilaget er vedlagt.)"]),
    ("", []),
    wrong('Forvaltningen skriver: "Projektet forlænges." Det blev godkendt.',
          ['Forvaltningen skriver: "Projektet forlænges."', "Det blev godkendt."],
          reason="a full stop inside closing quotes is not followed by whitespace, so the sentence runs on"),
    wrong("Der er tale om en udvidelse, jf. Byrådets beslutning den 12. maj 2022.",
          ["Der er tale om en udvidelse, jf. Byrådets beslutning den 12. maj 2022."],
          reason="the abbreviation 'jf.' before a capitalised name is taken as a sentence end"),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Godkendt.\nImod stemte Rune Lund (Ø).", [(0, 9), (10, 36)]),
    ("  Godkendt.   Vedtaget.  ", [(2, 11), (14, 23)]),  # trimmed of surrounding whitespace
    ("a", []),  # a single character is no sentence
])
def test_sentences_spans(text, expected):
    assert sentences(text) == expected


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
    wrong("Hvad blev besluttet fra 2019 til 2021?", (date(2019, 1, 1), date(2021, 12, 31)),
          reason="a range of years gives its first year only (2019-01-01..2019-12-31)"),
])
def test_year_period(text, expected):
    found = year_period(text)
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


# ==== cues: what a question asks ==========================================================================


@pytest.mark.parametrize("text, expected", [
    ("Hvad blev besluttet om budgettet?", QuestionKind.DECISION),
    ("Hvad besluttede Beskæftigelsesudvalget den 14. januar 2020?", QuestionKind.DECISION),
    ("Hvad blev beslutningen vedrørende SOSU-projektet?", QuestionKind.DECISION),
    ("Blev lokalplanen vedtaget?", QuestionKind.DECISION),
    ("Blev ansøgningen godkendt?", QuestionKind.DECISION),
    ("Hvad blev udfaldet af sagen?", QuestionKind.DECISION),
    ("Hvilken konklusion nåede udvalget frem til?", QuestionKind.DECISION),
    ("Hvad kom der ud af sagen om Gimle?", QuestionKind.DECISION),
    ("What did the committee decide about the school?", QuestionKind.DECISION),
    ("Was the budget approved?", QuestionKind.DECISION),
    ("What was the outcome?", QuestionKind.DECISION),
    ("Hvem stemte imod?", QuestionKind.VOTE),
    ("Hvordan stemte Venstre?", QuestionKind.VOTE),
    ("Hvem undlod at stemme?", QuestionKind.VOTE),
    ("Who voted against the proposal?", QuestionKind.VOTE),
    ("How did the vote go?", QuestionKind.VOTE),
    ("Hvad indstillede forvaltningen?", QuestionKind.RECOMMENDATION),
    ("Hvad var indstillingen?", QuestionKind.RECOMMENDATION),
    ("Hvad er forvaltningens indstilling?", QuestionKind.RECOMMENDATION),
    ("Hvad foreslog administrationen?", QuestionKind.RECOMMENDATION),
    ("What did the administration recommend?", QuestionKind.RECOMMENDATION),
    ("Hvor meget kostede projektet?", QuestionKind.FACT),
    ("Hvem deltog i mødet?", QuestionKind.FACT),
    ("Hvornår starter projektet?", QuestionKind.FACT),
    ("Hvad handlede punktet om?", QuestionKind.FACT),
    ("Hvad kom udvalget frem til?", QuestionKind.DECISION),
    wrong("What came of the proposal?", QuestionKind.DECISION,
          reason="'proposal' makes it a RECOMMENDATION before the 'what came of' outcome cue is looked at"),
    ("Godkendte udvalget indstillingen?", QuestionKind.DECISION),
    wrong("Hvordan gik afstemningen?", QuestionKind.VOTE,
          reason="'afstemningen' (the vote) is not among the vote words"),
    wrong("Hvad endte sagen med?", QuestionKind.DECISION,
          reason="'hvad endte sagen med' asks for the outcome like 'hvad kom der ud af', but is not an outcome cue"),
])
def test_question_kind(text, expected):
    assert question_kind(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Hvor meget kostede projektet?", True),
    ("Hvor stort er beløbet?", True),
    ("Hvad koster det?", True),
    ("Hvad var stigningen i procent?", True),
    ("How much did it cost?", True),
    ("Hvem deltog?", False),
    ("Hvornår starter projektet?", False),
    wrong("Hvad er udgiften?", True,
          reason="amount words are matched as written: 'udgift' and 'udgifter' are known, 'udgiften' is not"),
    wrong("Hvor mange penge fik foreningen?", True,
          reason="'penge' (money) is not an amount word"),
])
def test_asks_amount(text, expected):
    assert asks_amount(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Hvor mange deltagere var der?", True),
    ("Hvad er antallet af ansøgninger?", True),
    ("Antal deltagere?", True),
    ("How many members voted against?", True),
    ("What is the number of applicants?", True),
    ("Hvor meget kostede det?", False),
    ("Hvem stemte imod?", False),
])
def test_asks_count(text, expected):
    assert asks_count(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Hvornår starter projektet?", True),
    ("Hvilken dato blev aftalen underskrevet?", True),
    ("When was the plan adopted?", True),
    ("What date was the meeting?", True),
    ("Hvad blev besluttet?", False),
    ("Hvor lang tid varer projektet?", False),
    wrong("Hvilket år åbnede skolen?", True,
          reason="'hvilket år' (which year) asks for a date but is not a date cue"),
])
def test_asks_date(text, expected):
    assert asks_date(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Hvor ofte mødes styregruppen?", True),
    ("Hvor tit holdes der møder?", True),
    ("How often does the board meet?", True),
    ("Hvornår mødes de?", False),
    wrong("Hvor mange gange om året mødes udvalget?", True,
          reason="'hvor mange gange om året' asks how often but is read as a count only"),
])
def test_asks_frequency(text, expected):
    assert asks_frequency(text) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("Styregruppen mødes hver måned.", True),
    ("Der afholdes møder 4 gange om året.", True),
    ("Der afholdes ugentlige møder.", True),
    ("Der afholdes månedlige møder.", True),
    ("Rapporten udgives årligt.", True),
    ("Der afrapporteres kvartalsvis.", True),
    ("Der holdes møde hver 14. dag.", True),
    ("Mødet blev afholdt den 4. maj.", False),
    wrong("Der afholdes borgermøde hvert år.", True,
          reason="'hver' is a cue but its neuter form 'hvert' ('hvert år') is not"),
])
def test_states_frequency(sentence, expected):
    assert states_frequency(sentence) is expected


# ==== cues: votes in the minutes and in claims ============================================================


@pytest.mark.parametrize("sentence, expected", [
    ("Imod stemte Kasper Fuhr Christensen (F).", True),
    ("Indstillingen blev godkendt med 6 stemmer for og 1 stemme imod.", True),
    ("Theresa Blegvad (Ø) undlod at stemme.", True),
    ("For stemte A, B og F.", True),
    ("Keld Hvalsø tog forbehold.", True),
    ("Christian Budde begærede sagen i Byrådet.", True),
    ("Indstillingen blev godkendt.", False),
    ("Udvalget var enige om at anbefale indstillingen.", False),
    wrong("Forvaltningen følger bestemmelserne i lokalplanen.", False,
          reason="'stem' is matched inside other words ('bestemmelserne', 'bestemt', 'system')"),
])
def test_records_vote(sentence, expected):
    assert records_vote(sentence) is expected


@pytest.mark.parametrize("text, expected", [
    ("Forslaget blev enstemmigt vedtaget.", True),
    ("Udvalget godkendte enstemmigt indstillingen.", True),
    ("Beslutningen var enstemmig.", True),
    ("Alle stemte for.", True),
    ("The proposal was adopted unanimously.", True),
    ("Indstillingen blev godkendt.", False),
    ("Indstillingen blev godkendt med 6 stemmer for og 1 stemme imod.", False),
    wrong("Der var fuld enighed om indstillingen.", True,
          reason="'fuld enighed' (full agreement) is a claim of unanimity the rule does not know"),
])
def test_claims_unanimous(text, expected):
    assert claims_unanimous(text) is expected


# The names are checked the way the fact check reads them: each expected name within the recorded text.
@pytest.mark.parametrize("text, expected", [
    ("Imod stemte Kasper Fuhr Christensen (F).", ["Kasper Fuhr Christensen"]),
    ("Godkendt. Imod stemte Rune Lund (Ø).", ["Rune Lund"]),
    ("Imod stemte Tina Rottbøll og Bjarke Abel.", ["Tina Rottbøll", "Bjarke Abel"]),
    ("Imod stemte Anne Marie Lyduch.", ["Anne Marie Lyduch"]),
    ("Indstillingen blev godkendt. Imod stemte Liberal Alliance.", ["Liberal Alliance"]),
    ("Godkendt, stemte imod: Liselott Blixt og Bjarke Abel.", ["Liselott Blixt", "Bjarke Abel"]),
    ("Kasper Fuhr Christensen stemte imod.", []),  # a claim's word order, not the minutes'
    ("Indstillingen blev godkendt.", []),
    wrong("Imod stemte Kasper Fuhr Christensen (F) og Tina Rottbøll (A).", ["Kasper Fuhr Christensen", "Tina Rottbøll"],
          reason="a party letter '(F)' ends the list: only the first name is found"),
    wrong("Godkendt. Stemte imod: Liselott Blixt og Bjarke Abel.", ["Liselott Blixt", "Bjarke Abel"],
          reason="'stemte imod:' is matched case-sensitively, so it is missed opening a sentence ('Stemte imod:')"),
])
def test_voted_against(text, expected):
    found = voted_against(text)
    recorded = " ".join(found)
    assert [name for name in expected if name in recorded] == expected
    assert bool(found) == bool(expected)


@pytest.mark.parametrize("text, expected", [
    ("Kasper Fuhr Christensen stemte imod forslaget.", ["Kasper Fuhr Christensen"]),
    ("Det er korrekt, at Kasper Fuhr Christensen stemte imod.", ["Kasper Fuhr Christensen"]),
    ("Imod stemte Tina Rottbøll.", ["Tina Rottbøll"]),  # the minutes' word order too
    ("Rune Lund stemte imod, og Liselott Blixt undlod at stemme.", ["Rune Lund"]),
    ("Udvalget godkendte indstillingen.", []),
    wrong("Tina Rottbøll og Bjarke Abel stemte imod.", ["Tina Rottbøll", "Bjarke Abel"],
          reason="in the claim's word order only the last name before 'stemte imod' is taken ('Bjarke Abel')"),
    wrong("Only Kasper Fuhr Christensen voted against.", ["Kasper Fuhr Christensen"],
          reason="English claims ('voted against') are not read"),
])
def test_claimed_against(text, expected):
    found = claimed_against(text)
    said = " ".join(found)
    assert [name for name in expected if name in said] == expected
    assert bool(found) == bool(expected)


@pytest.mark.parametrize("decision_text, expected", [
    ("Godkendt. Imod stemte Kasper Fuhr Christensen (F).", True),
    ("Godkendt.", False),
    ("Godkendt med 6 stemmer for og 1 stemme imod.", False),  # a count, not "Imod stemte"
])
def test_records_dissent(decision_text, expected):
    assert records_dissent(decision_text) is expected


@pytest.mark.parametrize("sentence, count, against, dissent", [
    ("Indstillingen blev godkendt med 6 stemmer for og 1 stemme imod.", True, False, True),
    ("Imod stemte Kasper Fuhr Christensen (F).", False, True, True),
    ("Borgmesteren stemmer for.", True, False, False),
    ("Imod: V og O.", False, False, True),
    ("Theresa Blegvad (Ø) undlod at stemme.", False, False, False),
    ("Indstillingen blev godkendt.", False, False, False),
])
def test_sentences_to_cite_for_votes(sentence, count, against, dissent):
    assert (mentions_vote_count(sentence), mentions_against(sentence), mentions_dissent(sentence)) == (count, against, dissent)


# ==== cues: what was decided ==============================================================================


@pytest.mark.parametrize("claim, expected", [
    ("Udvalget godkendte indstillingen.", "approved"),
    ("Udvalget vedtog budgettet.", "approved"),
    ("Byrådet tiltrådte indstillingen.", "approved"),
    ("Udvalget anbefalede forslaget over for Byrådet.", "approved"),
    ("The committee approved the plan.", "approved"),
    ("The council adopted the budget.", "approved"),
    ("The committee endorsed the proposal.", "approved"),
    ("Forslaget blev ikke godkendt.", "rejected"),  # "ikke godkendt" before "godkendt"
    ("Udvalget kunne ikke godkende forslaget.", "rejected"),
    ("Byrådet afviste ansøgningen.", "rejected"),
    ("Forslaget blev forkastet.", "rejected"),
    ("The proposal was rejected.", "rejected"),
    ("The plan was not approved.", "rejected"),
    ("The plan was voted down.", "rejected"),
    ("Sagen blev udsat.", "postponed"),
    ("Udvalget udsatte sagen til næste møde.", "postponed"),
    ("Sagen blev udskudt til næste møde.", "postponed"),
    ("The item was deferred.", "postponed"),
    ("Udvalget tog orienteringen til efterretning.", "noted"),
    ("Orienteringen blev taget til efterretning.", "noted"),
    ("Udvalget tog orientering om status til efterretning.", "noted"),
    ("The committee took note of the report.", "noted"),
    ("Sagen blev drøftet.", None),
    wrong("Indstillingen blev ikke tiltrådt.", "rejected",
          reason="claims know 'ikke godkend' but not 'ikke tiltr' (decisions know both): read as approved"),
    wrong("Udvalget godkendte ikke forslaget.", "rejected",
          reason="a negation after the verb ('godkendte ikke') is read as approved"),
    wrong("Forslaget blev nedstemt.", "rejected",
          reason="'nedstemt' (voted down) is not a rejection word"),
    wrong("The committee did not approve the plan.", "rejected",
          reason="'did not approve' matches neither 'not approved' nor 'approved'"),
])
def test_polarity_of_claims(claim, expected):
    assert polarity(claim, claim=True) == expected


@pytest.mark.parametrize("decision, expected", [
    ("Godkendt.", "approved"),
    ("Vedtaget.", "approved"),
    ("Tiltrådt.", "approved"),
    ("Indstillingen tiltrådt.", "approved"),
    ("Anbefales over for Byrådet.", "approved"),
    ("Godkendt med 6 stemmer for og 1 stemme imod.", "approved"),
    ("Ikke godkendt.", "rejected"),  # a rejection, not an approval
    ("Indstillingen blev ikke godkendt.", "rejected"),
    ("Indstillingen blev ikke tiltrådt.", "rejected"),
    ("Forslaget blev forkastet.", "rejected"),
    ("Afvist.", "rejected"),
    ("Udsat.", "postponed"),
    ("Sagen udsættes til næste møde.", "postponed"),
    ("Sagen genoptages på næste møde.", "postponed"),
    ("Taget til efterretning.", "noted"),
    ("Udvalget blev orienteret.", "noted"),
    ("Drøftet.", "noted"),
    ("Sagen sendes i høring.", None),
    wrong("Anbefales ikke.", "rejected",
          reason="'anbefales ikke' (not recommended onwards) is read as an approval"),
    wrong("Forslaget blev nedstemt.", "rejected",
          reason="'nedstemt' (voted down) is not a rejection word"),
])
def test_polarity_of_decisions(decision, expected):
    assert polarity(decision, claim=False) == expected


@pytest.mark.parametrize("label, decision_text, expected", [
    ("approved", "Godkendt.", True),
    ("approved", "Ændringsforslaget blev forkastet. Indstillingen blev herefter godkendt.", True),  # anywhere
    ("rejected", "Ændringsforslaget blev forkastet. Indstillingen blev herefter godkendt.", True),
    ("rejected", "Ikke godkendt.", True),
    ("postponed", "Sagen udsættes.", True),
    ("noted", "Taget til efterretning.", True),
    ("rejected", "Godkendt.", False),
    ("postponed", "Godkendt.", False),
    wrong("approved", "Ikke godkendt.", False,
          reason="'godkend' is found inside 'ikke godkendt' (the fact check works around it with the main decision's polarity)"),
])
def test_decision_says(label, decision_text, expected):
    assert decision_says(label, decision_text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Udvalget besluttede at udsætte sagen.", True),
    ("Det er besluttet at lukke skolen.", True),
    ("Udvalget godkendte indstillingen.", True),
    ("Byrådet vedtog budgettet.", True),
    ("The council decided to close the school.", True),
    ("Forvaltningen indstiller, at planen godkendes.", False),  # a recommendation
    wrong("Forslaget blev godkendt.", True,
          reason="the participles 'godkendt' and 'vedtaget' are not decision words, only 'godkendte' and 'vedtog'"),
    wrong("Byrådet tiltrådte indstillingen.", True,
          reason="'tiltrådte' (endorsed) is not a decision word"),
])
def test_claims_decided(text, expected):
    assert claims_decided(text) is expected


# ==== cues: conversations, planned treatments, key points =================================================


@pytest.mark.parametrize("text, expected", [
    ("hvad med året før?", -1),
    ("Og året før?", -1),
    ("hvad med sidste år?", -1),
    ("og forrige år?", -1),
    ("what about the year before?", -1),
    ("and the previous year?", -1),
    ("a year earlier?", -1),
    ("hvad med året efter?", 1),
    ("og næste år?", 1),
    ("what about the following year?", 1),
    ("hvem stemte imod?", 0),
    ("Hvad skete der i 2022?", 0),
    wrong("Hvad med det foregående år?", -1,
          reason="'det foregående år' (the preceding year) is not a cue for the year before"),
])
def test_year_shift(text, expected):
    assert year_shift(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("og hvem stemte imod?", True),
    ("Og i Greve?", True),
    ("Men hvorfor?", True),
    ("hvad med året før?", True),
    ("What about Aarhus?", True),
    ("and who voted against?", True),
    ("Hvem stemte imod?", False),  # no opening cue (a follow-up by having no subject of its own)
    ("Organisationen?", False),  # "og" only as a word of its own
    ("Hvad blev besluttet om budgettet i Aarhus i 2022?", False),
])
def test_continues_previous(text, expected):
    assert continues_previous(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad kostede det?", True),
    ("Hvem foreslog sagen?", True),
    ("What did it cost?", True),
    ("Hvem stemte imod?", False),
    ("Hvad kostede svømmehallen?", False),
])
def test_points_back(text, expected):
    assert points_back(text) is expected


@pytest.mark.parametrize("terms, expected", [
    (("stemt", "imod", "lokalplan"), {"lokalplan"}),  # cue words for the kind of answer are left out
    (("budget",), {"budget"}),
    (("stemt", "imod"), set()),
])
def test_subject_terms(terms, expected):
    assert subject_terms(terms) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Sagen vil blive behandlet på Rådmandsmøde d. 23. januar 2023.", True),
    ("Planen skal godkendes af Byrådet i juni 2023.", True),
    ("Sagen planlægges drøftet i udvalget i uge 12.", True),
    ("Budgettet bliver behandlet i Byrådet i oktober.", True),
    ("Sagen er planlagt til behandling i Økonomiudvalget d. 5. juni 2023.", True),
    ("Sagen skal forelægges Økonomiudvalget.", True),
    ("Sagen blev behandlet på Rådmandsmøde d. 23. januar 2023.", False),  # it happened
    ("Byrådet godkendte planen den 12. juni 2023.", False),
    ("Udvalget har tidligere behandlet sagen den 4. maj 2022.", False),
    wrong("Sagen forventes forelagt Byrådet den 14. marts 2024.", True,
          reason="the comment's own example: the participle 'forelagt' does not contain the stem 'forelæg'"),
    wrong("Det skal bemærkes, at projektet blev behandlet i 2022.", False,
          reason="'skal' of 'det skal bemærkes' plus a past 'blev behandlet' reads as a plan"),
])
def test_plans_treatment(sentence, expected):
    assert plans_treatment(sentence) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("Indstillingen blev godkendt med 6 stemmer for og 1 stemme imod.", 4),
    ("Udvalget anbefaler, at Byrådet godkender planen og bevilger 3,5 mio. kr.", 3),
    ("Imod stemte Kasper Fuhr Christensen (F).", 2),
    ("Der bevilges 6,7 mio. kr. til projektet.", 1),
    ("Rammen øges med 3,7 %.", 1),
    ("Sagen blev udsat.", 1),
    ("Forslaget blev forkastet.", 1),
    ("Christian Budde begærede sagen i Byrådet.", 1),
    ("Indstillingen blev tiltrådt.", 1),
    ("Mødet blev afholdt på rådhuset.", 0),
])
def test_key_point_signals(sentence, expected):
    assert key_point_signals(sentence) == expected


# ==== the minutes' own dates and headings (ingest.vocabulary) =============================================


@pytest.mark.parametrize("text, expected", [
    ("Referat fra mødet den 14-01-2020 kl. 16.00", date(2020, 1, 14)),
    ("Mødedato: 04.12.2012", date(2012, 12, 4)),
    ("Tirsdag den 14. januar 2020", date(2020, 1, 14)),
    ("14.Januar 2020", date(2020, 1, 14)),
    ("Mandag d. 4.september 2023", date(2023, 9, 4)),
    ("Dato: 2022-01-10", date(2022, 1, 10)),
    ("2. juni 2020 kl. 9.00", date(2020, 6, 2)),
    ("14. januar 2020 og 2019-05-01", date(2020, 1, 14)),  # the first in the text
    ("den 31-02-2020 og 01-03-2020", date(2020, 3, 1)),  # an impossible date is skipped
    ("Referat", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("kl. 16.45", "16:45"),
    ("kl.9.30", "09:30"),
    ("Mødet starter 16:00", "16:00"),
    ("Kl. 8:15 - 10:00", "08:15"),
    ("25:00", None),
    ("Mødet 14.01.2020", None),
])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("heading, expected", [
    ("Beslutning", SectionKind.DECISION),
    ("Beslutning:", SectionKind.DECISION),
    ("**Beslutning**", SectionKind.DECISION),
    ("  BESLUTNING  ", SectionKind.DECISION),
    ("Økonomiudvalgets beslutning", SectionKind.DECISION),
    ("Byrådets beslutning", SectionKind.DECISION),
    ("Kommunalbestyrelsens beslutning", SectionKind.DECISION),
    ("Beslutning i Økonomiudvalget", SectionKind.DECISION),
    ("Beslutning i Udvalget for plan, udvikling og kultur (PUK)", SectionKind.DECISION),
    ("Referat:", SectionKind.DECISION),  # what was minuted (Aarhus SBSYS)
    ("Referat", None),  # a bare "Referat" is a title
    ("Indstilling", SectionKind.RECOMMENDATION),
    ("Indstilling:", SectionKind.RECOMMENDATION),
    ("Forvaltningens indstilling:", SectionKind.RECOMMENDATION),
    ("Administrationens indstilling", SectionKind.RECOMMENDATION),
    ("Beslutningspunkter", SectionKind.RECOMMENDATION),  # proposed, not decided
    ("Forslag til beslutning", SectionKind.RECOMMENDATION),
    ("Resumé:", SectionKind.SUMMARY),
    ("Resume", SectionKind.SUMMARY),
    ("Sagsfremstilling", SectionKind.CASE),
    ("Sagens baggrund", SectionKind.CASE),
    ("Økonomi:", SectionKind.ECONOMY),
    ("Økonomiske konsekvenser", SectionKind.ECONOMY),
    ("Bilag", SectionKind.ATTACHMENTS),
    ("Sagsforløb", SectionKind.HISTORY),
    ("Tidligere beslutninger", SectionKind.HISTORY),
    ("Afbud", SectionKind.ATTENDANCE),
    ("Lovgrundlag", SectionKind.OTHER),
    ("Godkendt.", None),
    ("Punkt 3: Budget 2024", None),
    wrong("Børne- og Ungdomsudvalgets beslutning", SectionKind.DECISION,
          reason="a committee name of several words ('Børne- og Ungdomsudvalgets') does not match the one-word '<body>s beslutning'"),
])
def test_section_kind_of(heading, expected):
    assert section_kind_of(heading) == expected


@pytest.mark.parametrize("line, expected", [
    ("Beslutning: Godkendt.", SectionKind.DECISION),
    ("**Beslutning**: Godkendt.", SectionKind.DECISION),
    ("Referat: Udvalget drøftede sagen.", SectionKind.DECISION),
    ("Indstilling: Forvaltningen indstiller, at planen godkendes.", SectionKind.RECOMMENDATION),
    ("Forvaltningens indstilling: at planen godkendes", SectionKind.RECOMMENDATION),
    ("Resumé: Sagen handler om en ny lokalplan.", SectionKind.SUMMARY),
    ("Økonomi: Ingen udgifter.", SectionKind.ECONOMY),
    ("Bemærk: mødet er flyttet.", None),
    ("Godkendt.", None),
    wrong("**Beslutning:** Godkendt.", SectionKind.DECISION,
          reason="the colon inside the bold markup ('**Beslutning:**') is not matched, only '**Beslutning**:'"),
])
def test_inline_section_kind(line, expected):
    assert inline_section_kind(line) == expected


# ==== questions and follow-ups (qa.question, qa.conversation) =============================================

MUNICIPALITIES = ["Aarhus", "Randers", "Ikast-Brande", "Greve"]
COMMITTEES = ["Beskæftigelsesudvalget", "Rådmandsmøde", "Økonomiudvalget"]
SOSU = "Hvad besluttede Beskæftigelsesudvalget i Randers den 14. januar 2020 om SOSU-projektet?"
BUDGET = "Hvad blev besluttet om budgettet i Aarhus i 2022?"


def question(text: str):
    return parse_question(text, MUNICIPALITIES, COMMITTEES)


@pytest.mark.parametrize("text, kind, filters, terms", [
    (SOSU, QuestionKind.DECISION,
     Filters(("Randers",), ("Beskæftigelsesudvalget",), date(2020, 1, 14), date(2020, 1, 14)), ("sosu", "projek", "sosu-projek")),
    (BUDGET, QuestionKind.DECISION, Filters(("Aarhus",), (), date(2022, 1, 1), date(2022, 12, 31)), ("budget",)),
    # "skete" is a light verb: the meeting is the whole question
    ("Hvad skete der på mødet i januar 2023?", QuestionKind.FACT, Filters((), (), date(2023, 1, 1), date(2023, 1, 31)), ()),
    # a year in a fact question is about the data, not the meeting date
    ("Hvad brugte Aarhus på vejvedligehold i 2022?", QuestionKind.FACT, Filters(("Aarhus",)), ("brugt", "vejvedligehold", "2022")),
    ("Hvad besluttede rådmandsmødet om Gimle?", QuestionKind.DECISION, Filters((), ("Rådmandsmøde",)), ("giml",)),
    ("Hvem stemte imod lokalplanen i Greve?", QuestionKind.VOTE, Filters(("Greve",)), ("stemt", "imod", "lokalplan")),
])
def test_parse_question(text, kind, filters, terms):
    parsed = question(text)
    assert (parsed.kind, parsed.filters, parsed.terms) == (kind, filters, terms)


def test_given_filters_win():
    given = Filters(("Greve",), (), date(2021, 1, 1), date(2021, 12, 31))
    parsed = parse_question(BUDGET, MUNICIPALITIES, COMMITTEES, given=given)
    assert parsed.filters == given


@pytest.mark.parametrize("previous, text, expected", [
    (SOSU, "og hvem stemte imod?", True),  # opens as a continuation
    (SOSU, "hvad med året før?", True),
    (SOSU, "Og i Greve?", True),
    (SOSU, "Hvem stemte imod?", True),  # no subject of its own
    (SOSU, "Hvorfor?", True),
    (SOSU, "Hvad kostede det?", True),  # points back, one word of its own
    (SOSU, "Hvad kostede svømmehallen?", False),  # a subject of its own
    (SOSU, BUDGET, False),  # a full question
    (SOSU, "Hvor mange borgere i Greve Kommune fik afslag på ansøgning om boligstøtte?", False),
])
def test_is_follow_up(previous, text, expected):
    assert is_follow_up(question(text), question(previous)) is expected


# (earlier questions, the new question, what the resolved question must hold). Only the named fields are compared.
@pytest.mark.parametrize("history, text, expected", [
    ([SOSU], "og hvem stemte imod?", {
        "kind": QuestionKind.VOTE,
        "filters": Filters(("Randers",), ("Beskæftigelsesudvalget",), date(2020, 1, 14), date(2020, 1, 14)),
        "terms": ("sosu", "projek", "sosu-projek", "stemt", "imod"),
    }),
    ([SOSU], "hvad med året før?", {
        "kind": QuestionKind.DECISION,
        "filters": Filters(("Randers",), ("Beskæftigelsesudvalget",), date(2019, 1, 14), date(2019, 1, 14)),
    }),
    ([SOSU], "what about the year before?", {
        "filters": Filters(("Randers",), ("Beskæftigelsesudvalget",), date(2019, 1, 14), date(2019, 1, 14)),
    }),
    ([BUDGET], "hvad med året før?", {
        "kind": QuestionKind.DECISION,
        "filters": Filters(("Aarhus",), (), date(2021, 1, 1), date(2021, 12, 31)),
    }),
    ([BUDGET], "hvad med sidste år?", {"filters": Filters(("Aarhus",), (), date(2021, 1, 1), date(2021, 12, 31))}),
    ([BUDGET], "og året efter?", {"filters": Filters(("Aarhus",), (), date(2023, 1, 1), date(2023, 12, 31))}),
    (["Hvad blev besluttet den 29. februar 2024?"], "hvad med året før?", {
        "filters": Filters((), (), date(2023, 2, 28), date(2023, 2, 28)),  # no 29 February in 2023
    }),
    ([SOSU], "Og i Greve?", {  # its own filters win
        "filters": Filters(("Greve",)),
        "terms": ("sosu", "projek", "sosu-projek"),
    }),
    ([SOSU], "Hvorfor?", {"kind": QuestionKind.DECISION, "terms": ("sosu", "projek", "sosu-projek")}),
    ([], "og hvem stemte imod?", {"filters": Filters(), "terms": ("stemt", "imod"), "text": "og hvem stemte imod?"}),
    ([SOSU], "Hvor mange borgere i Greve Kommune fik afslag på ansøgning om boligstøtte?", {  # a full question
        "kind": QuestionKind.FACT,
        "filters": Filters(("Greve",)),
        "text": "Hvor mange borgere i Greve Kommune fik afslag på ansøgning om boligstøtte?",
    }),
    ([SOSU], BUDGET, {  # an unrelated full question inherits nothing
        "kind": QuestionKind.DECISION,
        "filters": Filters(("Aarhus",), (), date(2022, 1, 1), date(2022, 12, 31)),
        "terms": ("budget",),
        "text": BUDGET,
    }),
    wrong([BUDGET], "hvad med i januar 2021?", {"filters": Filters(("Aarhus",), (), date(2021, 1, 1), date(2021, 1, 31))},
          reason="a month in a FACT-kind follow-up is not a filter, so the earlier question's 2022 is kept"),
    wrong([BUDGET], "hvad med året før?", {"terms": ("budget",)},
          reason="the cue words 'året før' become search terms ('året', 'før') and dilute the question's coverage"),
])
def test_resolve_follow_up(history, text, expected):
    resolved = resolve_follow_up(question(text), [question(t) for t in history])
    assert {field: getattr(resolved, field) for field in expected} == expected


# ==== architecture: no regex for the question/claim language outside qa/vocabulary/ =======================

ALLOWED_REGEX = {"qa/citations.py", "qa/library.py"}  # the citation-key protocol "[3]"; file names


def regex_uses(path: Path) -> list[str]:
    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import) and any(alias.name == "re" for alias in node.names):
            uses.append(f"line {node.lineno}: import re")
        elif isinstance(node, ast.ImportFrom) and node.module == "re":
            uses.append(f"line {node.lineno}: from re import ...")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
              and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            uses.append(f"line {node.lineno}: re.compile")
    return uses


def test_no_regex_outside_the_vocabulary():
    modules = sorted({*ROOT.glob("qa/*.py"), *ROOT.glob("qa/*/*.py")})
    assert modules, "no qa modules found"
    offenders = {}
    for path in modules:
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("qa/vocabulary/") or relative in ALLOWED_REGEX:
            continue
        if uses := regex_uses(path):
            offenders[relative] = uses
    assert not offenders, f"regular expressions belong in qa/vocabulary/: {offenders}"
