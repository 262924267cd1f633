"""Table tests for "not found": a year the question names that the best passages' item contradicts or lacks
(another year's item of the same thing, a year no passage mentions), an event the question takes for granted
that the item never speaks of (a sale, a renovation, a completion), a subject found only through the place the
question puts it in, and the questions that must still be answered. On the real sample minutes (the hashing
embedder: Danish decisions rest on words, titles and years, not on dense scores)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa.answer import Answerer, same_years
from qa.question import parse_question
from qa.types import Passage, Status
from qa.vocabulary.cues import asked_events, placed_names, speaks_of_event
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


@pytest.mark.parametrize(("question", "status"), [
    # the subject is in the minutes, the event the question takes for granted is not in its item
    ("Hvornår blev Psykiatriens Hus i Aarhus lukket?", Status.NOT_FOUND),
    ("Hvornår skal Fairhuset stå færdigt?", Status.NOT_FOUND),
    # found only through the place the question puts its subject in, and the event
    ("Hvornår skal den nye legeplads i Lisbjerg stå færdig?", Status.NOT_FOUND),
    ("Hvornår skal den nye svømmehal i Gødstrup-klyngen stå færdig?", Status.NOT_FOUND),
    ("Hvad blev besluttet om den nye skatepark i Lisbjerg?", Status.NOT_FOUND),
    # the event in the minutes' own words for it ("genåbning", "Salg af"), the subject beside its place
    ("Hvad blev der orienteret om genåbningen af de offentlige arbejdspladser?", Status.ANSWERED),
    ("Hvornår blev de offentlige arbejdspladser genåbnet?", Status.ANSWERED),
    ("Hvad blev besluttet om salg af del af matr.nr. 2a Lisbjerg?", Status.ANSWERED),
    ("Hvad endte forforløbet i SoSu-projektet med at koste?", Status.ANSWERED),
    ("Hvornår tog Psykiatriens Hus i Aarhus imod den første borger?", Status.ANSWERED),
    ("Hvad blev besluttet om forebyggelse af udeblivelser i Gødstrup-klyngen?", Status.ANSWERED),
])
def test_what_the_question_takes_for_granted(answerer, question, status):
    assert answerer.ask(question).status is status


@pytest.mark.parametrize(("text", "named"), [
    ("Hvad blev Greve Rådhus solgt for?", [{"solg"}]),
    ("Hvad endte renoveringen af Greve Bibliotek med at koste?", [{"renovering"}]),
    ("Hvornår skal den nye skatepark i Karlslunde stå færdig?", [{"færd"}]),
    ("When will the new swimming pool in Tune open?", [{"open"}]),
    ("Hvad er åbningstiden i Greve Svømmehal?", []),  # opening hours: no opening
    ("Hvad blev besluttet om behandlingen af sagen?", []),  # the meeting's own acts are no events
])
def test_asked_events(text, named):
    assert [asked for asked, _ in asked_events(text)] == named


@pytest.mark.parametrize(("question", "stems", "speaks"), [
    ("Hvad blev det solgt for?", {"frasalg"}, True),  # the head of a compound
    ("Hvad blev det solgt for?", {"salgspris"}, False),  # a compound's first part: a price
    ("Hvad kostede ombygningen?", {"ombygning"}, True),  # a derivation the stemmer leaves
    ("When will it open?", {"åbningstid"}, False),  # a time, not an opening
    ("When will it open?", {"genåbning"}, True),
    ("Hvad blev det solgt for?", {"sælg"}, True),
    ("Hvad blev det solgt for?", {"kantin", "mad"}, False),
    ("Hvornår står det færdigt?", {"færdiggør"}, True),
    ("Hvornår står det færdigt?", {"afslut"}, True),
    ("Hvornår står det færdigt?", {"færdsel"}, False),  # "færd" is found as a word only
    ("Hvornår blev det lukket?", {"nedlæg"}, True),
    ("Hvornår blev det lukket?", {"lukrativ"}, False),
])
def test_speaks_of_event(question, stems, speaks):
    (_, written), = asked_events(question)
    assert speaks_of_event(stems, written) is speaks


@pytest.mark.parametrize(("text", "places"), [
    ("Hvornår skal den nye skatepark i Karlslunde stå færdig?", {"karlslund"}),
    ("When will the new swimming pool in Tune open?", {"tun"}),
    ("Hvornår indføres der betalingsparkering ved Greve Station?", {"grev"}),
    ("Hvad besluttede Sundheds- og Omsorgsudvalget om Villa Sitka?", set()),
    ("I Greve blev det besluttet i januar", set()),  # a sentence's first word, a month
])
def test_placed_names(text, places):
    assert placed_names(text) == places


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


class _Minutes:
    """A retriever's word knowledge without a store: the stems the minutes use and how specific each is."""

    def __init__(self, idf: dict[str, float], found: dict[bool, list[Passage]] | None = None):
        self.idf, self.found = idf, found or {}

    def vocabulary(self):
        return self.idf.keys()

    def term_parts(self, term: str) -> tuple[str, ...]:
        from qa.vocabulary.words import known_parts

        return known_parts(term, self.idf.__contains__)

    def term_readings(self, term: str) -> list[tuple[str, ...]]:
        return [parts] if (parts := self.term_parts(term)) else []

    def term_weight(self, term: str) -> float:
        parts = self.term_parts(term)
        return self.idf[parts[0]] if len(parts) == 1 else 12.0

    def item_passages(self, source) -> list[Passage]:
        return []

    def search(self, question, k: int) -> list[Passage]:  # by whether the search keeps to a period
        return self.found.get(question.filters.since is not None, [])[:k]


MINUTES = _Minutes({"tryg": 4.0, "tiltag": 4.0, "tryghedstiltag": 8.5, "ministeri": 6.0, "beskæftigelsesministeri": 7.0,
                    "benchmarking": 6.0, "medlem": 3.5, "deltog": 5.7, "del": 2.4, "fordel": 5.0, "skat": 4.0,
                    "park": 4.0, "grev": 1.0, "nord": 3.4})


@pytest.mark.parametrize(("terms", "title", "text", "share"), [
    # a compound the minutes write is also found written apart: "tryghedstiltag" in "Tryghed ... tiltag"
    ({"tryghedstiltag"}, "Tryghed i Greve Nord - opfølgning på tiltag", "Godkendt.", 1.0),
    ({"tryghedstiltag"}, "Tryghed i Greve Nord", "Godkendt.", 0.0),  # one part is not the compound
    # a long word written as the head of a compound: "ministeriets" in "Beskæftigelsesministeriets"
    ({"ministeri", "benchmarking"}, "Beskæftigelsesministeriets benchmarking", "Orientering.", 1.0),
    ({"del"}, "Fordele ved ordningen", "Orientering.", 0.0),  # a short word is never found inside another
    ({"ministeri"}, "Ministeriets vejledning", "Orientering.", 1.0),
])
def test_a_question_word_found_in_the_minutes_compounds(terms, title, text, share):
    from qa.answer import coverage

    assert coverage(terms, _passage(title, text, date(2024, 10, 8)), MINUTES) == pytest.approx(share)


CARE = _Minutes({"plejecent": 5.0, "plejehjem": 4.0, "bol": 2.0})


@pytest.mark.parametrize(("alternatives", "share"), [
    # "nursing homes" → plejecenter, plejehjem: one term, found when either is, weighing as the rarer
    ([("plejecent", "plejehjem")], 1.0),
    ([], 6.0 / 11.0),  # counted as two words, the one the passage lacks halves the share
])
def test_alternatives_from_the_english_glossary_count_as_one_term(alternatives, share):
    from qa.answer import coverage

    passage = _passage("Nyt plejehjem", "Boligerne bygges i 2026.", date(2024, 10, 8))
    assert coverage({"plejecent", "plejehjem", "bol"}, passage, CARE, alternatives) == pytest.approx(share)


@pytest.mark.parametrize(("question", "counted"), [
    # "V-medlem" is "medlem" with a party letter: counted once, not again as a word the minutes never write
    ("Hvilket V-medlem deltog i mødet?", {"medlem", "deltog"}),
    ("Hvilke Greve-borgere deltog?", {"grev", "borg", "deltog"}),
    ("Hvad koster skate-parken?", {"skat", "park"}),  # "koster" asks for an amount
])
def test_a_hyphenated_word_is_counted_by_its_parts(question, counted):
    from qa.answer import _subject_variants

    parsed = parse_question(question, [], [])
    assert _subject_variants(parsed, MINUTES)[0] == counted


JANUARY_MEETING = _passage("Ny dato for byrådsmødet i januar 2024", "Byrådsmødet den 31. januar 2024 flyttes til mandag "
                           "den 29. januar 2024.", date(2023, 12, 11))
JANUARY_OTHER = _passage("Godkendelse af dagsorden", "Dagsordenen godkendes.", date(2024, 1, 29))
DECEMBER_OTHER = _passage("Ny dato for byrådsmødet", "Byrådsmødet flyttes til en mandag.", date(2023, 12, 11))
DECEMBER_MENTION = _passage("Ny dato for byrådsmødet", "Byrådsmødet den 31. januar 2024 flyttes til en mandag.",
                            date(2023, 12, 11))


@pytest.mark.parametrize(("question", "inside", "outside", "answered_by"), [
    # the month is what the case is about, decided the month before: the passage naming the month answers
    ("Blev byrådsmødet i januar 2024 flyttet til mandag?", [JANUARY_OTHER], [JANUARY_MEETING], JANUARY_MEETING),
    # a passage of another month that does not name it is no answer for it
    ("Blev byrådsmødet i januar 2024 flyttet til mandag?", [JANUARY_OTHER], [DECEMBER_OTHER], None),
    # nor one whose item only mentions it in passing (a plan for a later meeting): its title names another thing
    ("Blev byrådsmødet i januar 2024 flyttet til mandag?", [JANUARY_OTHER], [DECEMBER_MENTION], None),
    # the month's own meetings answer: they are kept to
    ("Blev byrådsmødet i januar 2024 flyttet til mandag?", [JANUARY_MEETING], [DECEMBER_OTHER], None),
])
def test_a_month_the_question_is_about(question, inside, outside, answered_by):
    minutes = _Minutes({"byrådsmød": 5.0, "flyttet": 5.0, "flyt": 5.0, "mandag": 5.0, "dagsorden": 2.0},
                       {True: inside, False: outside})
    answerer = Answerer.__new__(Answerer)
    answerer.retriever = minutes
    parsed = parse_question(question, ["Greve"], ["Byråd"])
    assert parsed.filters.since == date(2024, 1, 1)
    found = answerer._dated_elsewhere(parsed, minutes.search(parsed, 8))
    assert (found and found[1][0]) == answered_by
    if found:
        assert found[0].filters.since is None
