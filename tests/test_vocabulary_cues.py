"""Golden tables for the cues of questions: what is asked, votes in the minutes, conversations, planned
treatments and key points (qa/vocabulary/cues.py), and questions about the archive itself: summaries, what is
new, standing items (qa/vocabulary/archive.py). The claims' vocabulary has its own tables in
tests/test_claims_vocabulary.py.

Each row is a phrase of the kind the minutes or users write, and what the rule must make of it. A row that
states the right behaviour where the rule is known to get it wrong is marked `wrong(...)` (strict xfail)
with the reason.
"""

from __future__ import annotations

import pytest

from qa.types import QuestionKind
from qa.vocabulary.archive import (
    asks_latest,
    asks_summary,
    asks_whats_new,
    beyond_request,
    names_meeting,
    procedural_title,
)
from qa.vocabulary.cues import (
    asks_amount,
    asks_count,
    asks_date,
    asks_frequency,
    continues_previous,
    key_point_signals,
    plans_treatment,
    points_back,
    question_kind,
    records_vote,
    states_frequency,
    subject_terms,
    year_shift,
)
from tests.vocabulary_tables import wrong

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
    ("Hvilken frist blev sat for høringssvarene?", True),
    ("What was the deadline for the consultation?", True),
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


# ==== cues: votes in the minutes =======================================================================


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


# ==== cues: what was decided ==============================================================================


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


# ==== archive: summaries, what is new, standing items (qa/vocabulary/archive.py) ==========================


@pytest.mark.parametrize("text, expected", [
    ("Opsummer mødet den 14. januar 2020 i Beskæftigelsesudvalget", True),
    ("Giv et resumé af sidste møde", True),
    ("Kan du lave en opsummering af udvalgsmødet?", True),
    ("Giv mig en kort sammenfatning af mødet i Rådmandsmøde", True),
    ("Hvad er resuméet af mødet?", True),
    ("Summarise the meeting on 14 January 2020", True),
    ("Give me a summary of the last meeting", True),
    ("Can I get a recap of the latest meeting?", True),
    ("Hvad blev besluttet om budgettet?", False),
    ("Hvad handlede punktet om?", False),
    ("What did the committee decide about the new metro line?", False),
])
def test_asks_summary(text, expected):
    assert asks_summary(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Hvad er nyt siden sidste møde i Beskæftigelsesudvalget?", True),
    ("Hvad er der nyt i Teknik- og Miljøudvalget?", True),
    ("Nyt fra Beskæftigelsesudvalget?", True),
    ("Hvad er der sket siden sidste møde?", True),
    ("What's new since the last meeting?", True),
    ("What is new in the committee?", True),
    ("What has changed since the previous meeting?", True),
    ("Hvad blev besluttet om nyt plejecenter?", False),  # "nyt" names the subject
    ("Er der nyt i sagen om Gimle?", False),  # a subject's news is a search ("nyt i" alone is no cue)
    ("Did Greve get new polling stations?", False),
    ("By how much is the grant increased, and what is the new total?", False),
    ("Hvad gjorde Byrådet på sit sidste møde før sommerferien 2025 med forslaget?", False),
])
def test_asks_whats_new(text, expected):
    assert asks_whats_new(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Giv et resumé af sidste møde", True),
    ("Opsummer det seneste møde i udvalget", True),
    ("Hvad skete der på forrige møde?", True),
    ("Summarise the latest meeting", True),
    ("What happened at the most recent meeting?", True),
    ("Opsummer mødet den 14. januar 2020", False),
])
def test_asks_latest(text, expected):
    assert asks_latest(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Opsummer mødet den 14. januar 2020", True),
    ("Giv et resumé af sidste møde", True),
    ("Hvad skete der på udvalgsmødet?", True),  # a compound ending in a meeting word
    ("Summarise the meeting", True),
    ("Opsummer Beskæftigelsesudvalget 14. januar 2020", False),  # a date, no meeting word: question.py adds it
    ("Hvad står der om mødeplanen?", False),  # "mødeplan" is a plan, not a meeting
])
def test_names_meeting(text, expected):
    assert names_meeting(text) is expected


@pytest.mark.parametrize("terms, expected", [
    ({"giv", "resumé", "sidst"}, set()),  # "Giv et resumé af sidste møde"
    ({"opsum"}, set()),  # "Opsummer mødet den 14. januar 2020 i Beskæftigelsesudvalget" (filters taken out)
    ({"sid", "sidst"}, set()),  # "Hvad er nyt siden sidste møde i ..."
    ({"me", "summary", "latest"}, set()),  # "Give me a summary of the latest meeting"
    ({"budget"}, {"budget"}),  # "Hvad er nyt om budgettet?": a subject
    ({"opsum", "rammeaftal", "24"}, {"rammeaftal", "24"}),  # "Opsummer sagen om Rammeaftale 2023-24"
])
def test_beyond_request(terms, expected):
    assert beyond_request(terms) == expected


@pytest.mark.parametrize("title, expected", [
    ("Godkendelse af dagsorden", True),
    ("Dagsorden", True),
    ("Referat", True),
    ("Meddelelser", True),
    ("Eventuelt", True),
    ("Bordrunde", True),
    ("Punkter til næste møde", True),
    ("Gensidig orientering", True),
    ("Orientering om udvalgmødet", True),
    ("Orientering om udvalgsmødet", True),
    ("Orientering fra Magistraten", True),
    ("Lukket: Lukkede meddelelser", True),
    ("Orientering om vintertjeneste", False),
    ("Ny cykelsti langs Åvej", False),
    ("Rådmandsmøder 2023", False),  # the year's meeting plan is a case of its own
    ("Opsamling på arbejdet i beskæftigelsesudvalget", False),
])
def test_procedural_title(title, expected):
    assert procedural_title(title) is expected
