"""Golden tables for words and sentences as questions, claims and minutes write them (qa/vocabulary/words.py,
sentences.py; dates and numbers: tests/test_vocabulary_dates_numbers.py).

Each row is a phrase of the kind the minutes or users write, and what the rule must make of it. A row that
states the right behaviour where the rule is known to get it wrong is marked `wrong(...)` (strict xfail)
with the reason.
"""

from __future__ import annotations

import pytest

from qa.vocabulary.sentences import sentences, split_sentences
from qa.vocabulary.words import (
    content_stems,
    detect_language,
    english_names,
    full_names,
    holds_name,
    joined_compounds,
    municipality_body_stems,
    name_stems,
    same_title,
    stem,
    tokens,
    whole_numbers,
)
from tests.vocabulary_tables import wrong

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
    # "to" is Danish for two, "for" is both: neither makes a Danish question English
    ("Stemte alle partier for huslejestigningen i de to KAB-afdelinger efter forbedringsarbejder i juni 2024?", "da"),
    ("Fik foreningen tilskud til to projekter?", "da"),
    ("Did the council approve the plan for two schools?", "en"),
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


@pytest.mark.parametrize(("text", "names"), [
    ("Who voted against the application for developing Strandparken in the City Council in April 2024?", {"strandpark"}),
    ("When will the new swimming pool in Tune open?", {"tun"}),
    ("What did the Finance Committee decide in June?", {"financ"}),  # an English name of a body the minutes do not use
    ("What was decided about the budget?", set()),
])
def test_english_names_are_the_words_that_read_the_same_in_the_minutes(text, names):
    assert english_names(text) == names


def test_municipality_body_stems():
    assert {"solrød", stem("kommune")} <= municipality_body_stems("Hvad besluttede Solrød Kommune om kunstgræs?")
    assert municipality_body_stems("Hvad besluttede Byrådet om kunstgræs?") == set()


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


@pytest.mark.parametrize("text, name, expected", [
    ("Imod stemte Jens Holm og Lise Berg.", "Jens Holm", True),
    ("Imod stemte Jens Holmberg.", "Jens Holm", False),
    ("Imod stemte Jens Holm.", "Jens Hol", False),
])
def test_holds_name(text, name, expected):
    assert holds_name(text, name) is expected


@pytest.mark.parametrize("text, numbers, joined", [
    ("Budgetopfølgning 2 2023", {"2", "2023"}, "Budgetopfølgning 2 2023"),
    ("Pride-flag på rådhuset", set(), "Prideflag på rådhuset"),
    ("Rammeaftale 2023-24", {"2023", "24"}, "Rammeaftale 2023-24"),
])
def test_title_numbers_and_compounds(text, numbers, joined):
    assert whole_numbers(text) == numbers and joined_compounds(text) == joined
