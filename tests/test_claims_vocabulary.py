"""Golden tables for the claim language (qa/vocabulary/claims): amounts with their hedges and rates, votes
as decisions print them, what a claim and a decision say was done, clauses, and the words around a figure."""

from __future__ import annotations

from datetime import date

import pytest

from qa.vocabulary.claims import (
    absent_people,
    amounts_in,
    approved_body,
    backs_administration,
    capitalised_words,
    claimed_action,
    claimed_proposers,
    clause_starts,
    comparisons,
    decided_action,
    further_clauses,
    history_entry_body,
    month_period,
    party_letters,
    ranks,
    same_amount,
    says_with,
    supporters,
    topical_numbers,
    vote_blocks,
    vote_count,
    voter_names,
    voters,
    votes_for,
    words_before,
)
from qa.vocabulary.words import stem


@pytest.mark.parametrize("text, expected", [
    ("godt 10 %", [(10.0, 10.0, "%", "above", "")]),
    ("knap 430.000 kr. om året", [(430000.0, 430000.0, "kr", "below", stem("år"))]),
    ("429.691,00 kr. årligt", [(429691.0, 429691.0, "kr", "", stem("år"))]),  # not "691 kr." and "0 kr."
    ("ca. 640 mio. kr.", [(640e6, 640e6, "kr", "about", "")]),
    ("1,5-2 mio. kr.", [(1.5e6, 2e6, "kr", "rounded", "")]),
    ("kr. **3.994.488**", [(3994488.0, 3994488.0, "kr", "", "")]),
    ("771 kr. pr. time", [(771.0, 771.0, "kr", "", stem("time"))]),
    ("1.082 kr. i timen", [(1082.0, 1082.0, "kr", "", stem("time"))]),  # the same rate, written otherwise
    ("2026-29 og 17 stemmer", []),  # numbers without a unit are not amounts
])
def test_amounts_in(text, expected):
    assert [(a.low, a.high, a.unit, a.hedge, a.per) for a in amounts_in(text)] == expected


def test_amounts_in_english_decimals_and_ranges():
    assert [(a.low, a.unit) for a in amounts_in("41.7% of participants", english=True)] == [(41.7, "%")]
    assert [(a.low, a.high) for a in amounts_in("DKK 3-4 million a year", english=True)] == [(3e6, 4e6)]


@pytest.mark.parametrize("claimed, stated, same", [
    ("godt 10 %", "10,60 %", True),
    ("godt 10 %", "9,9 %", False),
    ("knap 430.000 kr.", "429.691,00 kr.", True),
    ("6,7 mio. kr.", "6.749.600 kr.", True),  # a figure in millions rounds within 1 %
    ("7 mio. kr.", "6.749.600 kr.", False),
    ("ca. 640 mio. kr.", "ca. 640 mio. kr.", True),
    ("1.082 kr. i timen", "1.082 kr. pr. byggesag", False),  # another rate is another figure
    ("33,75 mio. kr.", "33,750 mio. kr.", True),
])
def test_same_amount(claimed, stated, same):
    assert same_amount(amounts_in(claimed)[0], amounts_in(stated)[0]) is same


DECISION_WITH_OUTCOMES = """1 a. Ikke godkendt
For stemte: Ø
Imod stemte: V, A, C, Liselott Blixt (UP), M og F
1 c. Godkendt
For stemte: V, C, Liselott Blixt (UP), M og F
Imod stemte: A og Ø"""
DECISION_WITH_REMARKS = """Med stemmerne 17 for og 2 imod godkendte byrådet Økonomiudvalgets indstilling.
For stemte: (V), (A), (C), (D) og Liselott Blixt (UP).
Imod stemte:
(F) med bemærkning om, ”at SF stemmer imod, da vi ønsker ...”
(Ø) med bemærkning om, ”at Enhedslisten stemmer imod, fordi ...”"""


@pytest.mark.parametrize("decision, expected", [
    (DECISION_WITH_OUTCOMES, [("1 a. Ikke godkendt", {"V", "A", "C", "UP", "M", "F"}, set()),
                              ("1 c. Godkendt", {"A", "Ø"}, set())]),
    (DECISION_WITH_REMARKS, [(DECISION_WITH_REMARKS.splitlines()[0], {"F", "Ø"}, set())]),
    ("Byrådet godkendte Økonomiudvalgets indstilling.\nUndlod: Ø",
     [("Byrådet godkendte Økonomiudvalgets indstilling.", set(), {"Ø"})]),
    ("Kultur- og Fritidsudvalget godkendte scenarie b.\nCharlotte Levin (A) og Maria Holdt Witthøft (A) stemte imod med "
     "bemærkning om at (A) anbefaler scenarie c.", [("Kultur- og Fritidsudvalget godkendte scenarie b.", {"A"}, set())]),
    ("Taget til efterretning med 6 stemmer for og 1 stemme imod. Imod stemte Kasper Fuhr Christensen.",  # one line
     [("Taget til efterretning med 6 stemmer for og 1 stemme imod.", {"Christensen"}, set())]),
])
def test_vote_blocks(decision, expected):
    assert [(b.outcome, b.against, b.abstained) for b in vote_blocks(decision)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Med stemmerne 20 for og ingen imod godkendte Byrådet", (20, 0)),
    ("6 stemmer for og 1 stemme imod", (6, 1)),
    ("The City Council voted 9 to 8 to raise", (9, 8)),
    ("Godkendt.", None),
])
def test_vote_count(text, expected):
    assert vote_count(text) == expected


def test_parties_and_voters():
    assert party_letters("Kun Enhedslisten stemte imod") == {"Ø"}
    assert party_letters("A og Ø stemte imod det") == {"A", "Ø"}
    assert party_letters("I ministeriets benchmarking") == set()  # "I" is a word before it is a letter
    assert voters("Venstre stemte imod De Konservatives forslag") == {"V"}  # the proposer did not vote against
    assert voters("Mosede Fort fik 11 mio. kr., og Enhedslisten stemte imod.") == {"Ø"}
    assert votes_for("med 17 stemmer for, og kun SF stemte imod") == 17
    assert voter_names("Kun Enhedslisten stemte imod lukningen") == set()  # a party, not a person
    assert voter_names("Nick Zimmermann stemte imod orienteringen") == {"Nick", "Zimmermann"}


@pytest.mark.parametrize("claim, action", [
    ("Byrådet godkendte at rykke byrådsmødet", "approved"),
    ("Klimaudvalget besluttede at give 0,4 mio. kr.", "approved"),
    ("Udvalget sagde nej til at sende brevet", "rejected"),
    ("Kultur- og Fritidsudvalget fastholdt i februar 2024 afslaget til skytteafdelingen", "rejected"),
    ("forslaget blev dermed afvist", "rejected"),
    ("Økonomiudvalget tog i februar 2024 til efterretning, at ...", "noted"),
    ("Økonomiudvalget pegede i april 2025 på Strandcentret", "approved"),
    ("Huslejen steg med godt 10 %", None),
])
def test_claimed_action(claim, action):
    assert claimed_action(claim) == action


@pytest.mark.parametrize("sentence, action", [
    ("Kan ikke anbefales, idet udvalget ønsker, at ejendommen sælges.", "rejected"),
    ("Økonomiudvalget sender sagen tilbage med bemærkning om, at sagen skal belyses", "referred"),
    ("Byrådet sendte sagen til realitetsbehandling i Klima-, Teknik- og Miljøudvalget.", "referred"),
    ("Taget til efterretning.", "noted"),
    ("Udvalget ønsker at efterkomme ansøgningen.", "approved"),
    ("Økonomiudvalget indstiller overfor Byrådet, at der lånoptages 33,750 mio. kr.", "approved"),
    ("Kultur- og Fritidsudvalget fastholder deres afslag på Karlslunde IF´s ansøgning.", "rejected"),
])
def test_decided_action(sentence, action):
    assert decided_action(sentence) == action


def test_clauses_and_words_around_a_figure():
    claim = "Mosede Fort fik en anlægsbevilling på i alt 11 mio. kr., og Enhedslisten stemte imod."
    assert clause_starts(claim) == [claim.index("Enhedslisten")]
    assert clause_starts("Byrådet vedtog besparelserne uden stemmer imod, mens Enhedslisten undlod at stemme.")
    figure = "Der søges i alt om 4.994.488 kr."
    assert words_before(figure, figure.index("4")) == ["i", "alt", "om"]
    assert says_with("Der søges i alt om kr. **3.994.488**", ["i", "alt", "om"])
    assert not says_with("Der er i alt 12 ansøgninger om tilskud", ["i", "alt", "om"])


def test_what_a_claim_names():
    assert topical_numbers("Byrådet vedtog budget 2026-29 ved 2. behandlingen") == {"2"}
    assert topical_numbers("§79-midler blev i 2023 fastsat") == {"79"}
    assert capitalised_words("Greve Rådhus blev i 2024 solgt") == ["Rådhus"]
    assert capitalised_words("In May 2025 the City Council approved Holmeagerskolen") == ["Holmeagerskolen"]
    assert month_period("Økonomiudvalget anbefalede i januar 2024 at optage lån") == (date(2024, 1, 1), date(2024, 1, 31))
    assert month_period("i 2023") is None


def test_further_clauses_and_supporters():
    claim = "Mosede Fort fik 11 mio. kr., som skal bruges til et museum, og Enhedslisten stemte imod."
    assert [text for _, text in further_clauses(claim)] == ["skal bruges til et museum", "Enhedslisten stemte imod"]
    assert further_clauses("Byrådet godkendte sagen.") == []
    assert supporters("Byrådet godkendte udbuddet med stemmer fra Enhedslisten og SF.") == {"Ø", "F"}
    assert supporters("A og Ø stemte for forslaget.") == {"A", "Ø"}


def test_comparisons():
    (ranked,) = comparisons("Ikast-Brande er den 11. billigste kommune")
    assert (ranked.word, ranked.opposite, ranked.rank) == ("billigste", "dyreste", "11")
    assert comparisons("flere end 10 borgere") == []  # a figure's hedge, not a comparison
    assert ranks("som den 18. billigste kommune, sidste år den 15. billigste", "billigste") == {"18", "15"}
    assert topical_numbers("den 11. billigste kommune") == set()  # a rank is a fact to check, not the subject


def test_attendance_and_proposers():
    assert absent_people("Mustafa Arslan deltog ikke i behandlingen pga. afbud.") == ["Mustafa Arslan"]
    assert claimed_proposers("Byrådet bevilgede en akutpakke efter forslag fra De Konservative.") == {"C"}
    assert claimed_proposers("Kasper Fuhr Christensen begærede sagen i byrådet.") == {"Christensen"}


@pytest.mark.parametrize("sentence, body", [
    ("Med stemmerne 9 for og 8 imod godkendte byrådet Økonomiudvalgets indstilling.", "Økonomiudvalget"),
    ("Med stemmerne 16 for og 2 imod godkendte byrådet økonomiudvalgets indstilling.", "økonomiudvalget"),
    ("Økonomiudvalget anbefaler overfor Byrådet, at Plan- og Tryghedsudvalgets indstillinger godkendes.",
     "Plan- og Tryghedsudvalget"),
    ("Økonomiudvalget anbefaler overfor Byrådet, at Kultur- og Fritidsudvalgets indstilling godkendes og fremtidige "
     "budgetspørgsmål oversendes til budgetforhandlingerne.", "Kultur- og Fritidsudvalget"),
    ("Klima-, Teknik- og Miljøudvalgets indstilling blev godkendt.", "Klima-, Teknik- og Miljøudvalget"),
    ("Økonomiudvalget anbefaler overfor Byrådet, at administrationens indstilling godkendes.", None),
    ("Økonomiudvalgets indstilling blev ikke godkendt.", None),
    ("Administrationens indstilling godkendt.", None),
])
def test_approved_body(sentence, body):
    assert approved_body(sentence) == body


def test_history_entries_and_a_minority_backing_the_administration():
    assert history_entry_body("10-01-2023 Plan- og Tryghedsudvalget") == "Plan- og Tryghedsudvalget"
    assert history_entry_body("27-02-2023 Økonomiudvalget") == "Økonomiudvalget"
    assert history_entry_body("Plan- og Tryghedsudvalget, Økonomiudvalget og Byrådet.") is None
    assert history_entry_body("1.-2. Anbefales ikke.") is None
    assert backs_administration("Imod stemte (A), (C), (F) og (Ø) med bemærkning om, at de støtter administrationens indstilling.")
    assert not backs_administration("For stemte (V), (D) og Liselott Blixt (UP)")
    assert claimed_action("I marts 2023 stemte Byrådet 9 mod 8 for at hæve råderetsbeløbet.") == "approved"
    assert claimed_action("Byrådet stemte 9 mod 8 for at afvise ansøgningen.") == "rejected"
