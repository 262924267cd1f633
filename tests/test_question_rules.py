"""Table tests for the rules that decide what a question searches and whether the minutes answer it:
filters that match no meeting, question words read as the minutes' stems, committees by short names,
the kinds of fact a question asks for."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.catalogue import MeetingRow
from ingest.types import SourceRef
from ingest.vocabulary import MeetingKind, SectionKind
from qa.question import parse_question
from qa.scope import outside_archive, relax, searched
from qa.sentence_choice import Wanted
from qa.types import Filters, Passage
from qa.vocabulary.words import compound_parts, known_parts


def _passage(text: str) -> Passage:
    ref = SourceRef("f.json", "", None, 1, 1, 0, len(text), "Greve", "Byråd", "m", date(2023, 6, 19), "1", "Madservice",
                    SectionKind.CASE, "")
    return Passage("c", text, ref)


def _meeting(municipality: str, committee: str, day: date) -> MeetingRow:
    return MeetingRow(f"{committee}-{day}", "f.json", municipality, committee, day, None, None, MeetingKind.MINUTES, False, 3)


MEETINGS = [
    _meeting("Greve", "Økonomiudvalget", date(2023, 6, 12)),
    _meeting("Greve", "Byråd 2022-2025", date(2023, 6, 19)),
    _meeting("Randers", "Beskæftigelsesudvalget", date(2020, 1, 14)),
]


@pytest.mark.parametrize(("filters", "kept", "note"), [
    (Filters(), Filters(), ""),
    (Filters(since=date(2023, 6, 1), until=date(2023, 6, 30)), Filters(since=date(2023, 6, 1), until=date(2023, 6, 30)), ""),
    # a month with no meeting: the dates go, the rest stays, and the answer says so
    (Filters(("Greve",), (), date(2022, 12, 1), date(2022, 12, 31)), Filters(("Greve",)),
     "Ingen møder i perioden 01-12-2022 – 31-12-2022; der er søgt i alle møder."),
    # a committee of another municipality: dates first, then the committee
    (Filters(("Randers",), ("Økonomiudvalget",)), Filters(("Randers",)),
     "Ingen møder i Økonomiudvalget; der er søgt i alle møder."),
    (Filters(("Odense",)), Filters(), "Ingen møder i Odense; der er søgt i alle møder."),
])
def test_a_filter_that_matches_no_meeting_is_dropped_and_said(filters, kept, note):
    assert relax(filters, MEETINGS, "da") == (kept, note)


def test_searched_names_the_meetings_and_period():
    assert searched(MEETINGS, Filters(("Greve",)), "da") == (
        "Søgt i 2 møde(r): Greve, Byråd 2022-2025; Greve, Økonomiudvalget (12-06-2023 – 19-06-2023).")


KNOWN = {"anbefal", "bygning", "renovering", "klima", "udvalg", "kost", "betaling", "parkering", "skat", "livestreaming"}


@pytest.mark.parametrize(("stem", "parts"), [
    ("anbefal", ("anbefal",)),  # known as it is
    ("anbefaled", ("anbefal",)),  # an inflection: at most three letters more
    ("kosted", ("kost",)),
    ("livestream", ("livestreaming",)),  # a derivation: "livestreames" asks about "livestreaming"
    ("betal", ("betaling",)),
    ("bygningsrenovering", ("bygning", "renovering")),  # a compound with a linking s
    ("klimaudvalg", ("klima", "udvalg")),
    ("skatepark", ()),  # "skat" + "epark" is no reading: unknown to the minutes
    ("2026", ()),  # a number the minutes never state
])
def test_question_words_are_read_as_the_minutes_own_stems(stem, parts):
    assert known_parts(stem, KNOWN.__contains__) == parts


COMMITTEES = ["Klima-, Teknik- og Miljøudvalget", "Skole-, Børne- og Ungeudvalget", "Økonomiudvalget", "Byråd 2022-2025"]


@pytest.mark.parametrize(("question", "committees"), [
    ("Hvad sagde Klimaudvalget til forslaget?", ("Klima-, Teknik- og Miljøudvalget",)),
    ("Var Skoleudvalget enigt?", ("Skole-, Børne- og Ungeudvalget",)),
    ("Hvad besluttede Økonomiudvalget om budgettet?", ("Økonomiudvalget",)),
    ("Hvad besluttede udvalget om budgettet?", ()),
    ("Hvad besluttede Sundhedsudvalget?", ()),  # no committee of that name
])
def test_committees_by_their_short_names(question, committees):
    assert parse_question(question, ["Greve"], COMMITTEES).filters.committees == committees


def test_a_committee_named_beside_a_municipality_stays_inside_it():
    bodies = {("Greve", "Økonomiudvalget"), ("Randers", "Beskæftigelsesudvalget")}
    question = parse_question("Hvad besluttede Økonomiudvalget i Randers?", ["Greve", "Randers"],
                              ["Økonomiudvalget", "Beskæftigelsesudvalget"], bodies)
    assert question.filters.municipalities == ("Randers",) and question.filters.committees == ()


@pytest.mark.parametrize(("question", "kinds"), [
    ("Hvor meget kostede renoveringen?", {"amount"}),
    ("Hvor mange deltagere blev optaget?", {"count"}),
    ("Hvornår starter projektet?", {"date"}),
    ("Hvor ofte skal udvalget orienteres?", {"frequency"}),
    ("Hvem havde meldt afbud?", {"person", "attendance"}),
    ("Hvem var fraværende, da sagen blev behandlet?", {"person", "attendance"}),
    ("Hvad blev besluttet om skolen?", set()),
])
def test_the_kinds_of_fact_a_question_asks_for(question, kinds):
    wanted = Wanted.of(question)
    assert {k for k in ("amount", "count", "date", "frequency", "person", "attendance") if getattr(wanted, k)} == kinds


@pytest.mark.parametrize(("sentence", "carries"), [
    ("Afbud: Liselott Blixt", True),
    ("Mustafa Arslan deltog ikke i behandlingen af sagerne.", True),
    ("Udvalget godkendte indstillingen.", False),
])
def test_attendance_sentences_carry_what_an_absence_question_asks(sentence, carries):
    assert (Wanted.of("Hvem var fraværende?").score(sentence) > 0) == carries


GREVE_EVIDENCE = [_passage("Udbuddet af madservice gennemføres sammen med Ringsted Kommune.")]


@pytest.mark.parametrize(("question", "outside"), [
    ("Hvad besluttede Solrød Kommune om en ny kunstgræsbane?", ["Solrød"]),
    ("Hvad besluttede Ishøj Byråd om boliganvisning?", ["Ishøj"]),
    ("What did Stevns Municipality decide about its libraries?", ["Stevns"]),
    ("Hvad besluttede Greve Kommune om madservice?", []),  # held by the archive
    ("Hvad ville Greve gøre med madservicen sammen med Ringsted Kommune?", []),  # Greve's question
    ("Hvad aftalte man med Ringsted Kommune om madservice?", []),  # the evidence mentions Ringsted
    ("Hvad besluttede Byrådet om madservice?", []),
])
def test_a_municipality_the_archive_does_not_hold(question, outside):
    assert outside_archive(question, MEETINGS, GREVE_EVIDENCE) == outside


def test_a_passing_mention_of_a_municipality_is_no_answer_for_it():
    # Greve's minutes name Solrød in passing; the passage is not about what the question asks
    passing = [_passage("Greve Kommune er kredskommune for Greve og Solrød kommuner.")]
    about = lambda p: "kunstgræsbane" in p.text.lower()  # noqa: E731 - the passage speaks to the question
    assert outside_archive("Hvad besluttede Solrød Kommune om en ny kunstgræsbane?", MEETINGS, passing, about) == ["Solrød"]
    partner = [_passage("Kunstgræsbanen anlægges sammen med Solrød Kommune.")]
    assert outside_archive("Hvad besluttede Solrød Kommune om en ny kunstgræsbane?", MEETINGS, partner, about) == []


@pytest.mark.parametrize(("question", "municipalities"), [
    ("Har udvalget vedtaget et mobilforbud i Greves folkeskoler?", ("Greve",)),  # genitive
    ("Hvad fik Greve-borgerne at vide?", ("Greve",)),
    ("Hvad besluttede Greve om madservice?", ("Greve",)),
    ("Hvad besluttede Byrådet om madservice?", ()),
])
def test_the_municipality_a_question_names(question, municipalities):
    assert parse_question(question, ["Greve", "Randers"], []).filters.municipalities == municipalities



def test_a_compound_the_minutes_never_write_weighs_as_an_unknown_word(corpus_store):
    from qa.retrieval import Retriever

    retriever = Retriever(corpus_store[0])
    index = retriever.index()
    assert "budgetplan" not in index.idf and {"budget", "plan"} <= index.idf.keys()
    assert retriever.term_parts("budgetplan") == ("budget", "plan")
    # as a whole it says more than either part: as much as a word the minutes never use
    assert retriever.term_weight("budgetplan") == index.unseen_idf
    assert retriever.term_weight("budget") == index.idf["budget"]


def test_a_rare_compound_is_also_read_by_its_parts(corpus_store):
    from qa.answer import coverage
    from qa.retrieval import Retriever
    from qa.vocabulary.words import compound_parts

    retriever = Retriever(corpus_store[0])
    index = retriever.index()
    rare = sorted(t for t, idf in index.idf.items() if idf >= index.rare_idf and len(compound_parts(t, index.idf.__contains__)) == 2)
    assert rare, "the sample minutes hold rare compounds"
    word = rare[0]
    head, tail = compound_parts(word, index.idf.__contains__)
    assert retriever.term_readings(word) == [(word,), (head, tail)]
    # a passage that writes the parts apart ("besparelser på busdriften" for "busbesparelser") holds the word
    apart = _passage(f"{head}xyz og {tail}")
    assert coverage({word}, apart, retriever) == 1.0
    assert coverage({word}, _passage("noget helt andet"), retriever) == 0.0


KNOWN_STEMS = {"tryg", "tiltag", "bus", "bespar", "klima", "udvalg", "bygning", "renovering"}


@pytest.mark.parametrize("word, parts", [
    ("busbespar", ("bus", "bespar")),
    ("klimaudvalg", ("klima", "udvalg")),
    ("bygningsrenovering", ("bygning", "renovering")),  # a linking s
    ("skatepark", ()),  # no known parts
])
def test_compound_parts(word, parts):
    assert compound_parts(word, KNOWN_STEMS.__contains__) == parts


def test_a_compound_read_with_its_first_part_stemmed():
    assert compound_parts("tryghedstiltag", KNOWN_STEMS.__contains__) == ()  # "tryghed" is no stem of the minutes
    assert compound_parts("tryghedstiltag", KNOWN_STEMS.__contains__, stemmed_head=True) == ("tryg", "tiltag")


@pytest.mark.parametrize(("question", "since", "until"), [
    # a span of years is the period searched, not its first year
    ("Hvad er der sket med Villa Sitka fra 2022, hvor renoveringsplanerne blev droppet, til beslutningen om salg i 2024?",
     date(2022, 1, 1), date(2024, 12, 31)),
    ("Hvad blev besluttet om Strandparken fra 2022 til 2025?", date(2022, 1, 1), date(2025, 12, 31)),
    ("Hvad blev besluttet om Strandparken i 2022?", date(2022, 1, 1), date(2022, 12, 31)),
])
def test_a_span_of_years_is_one_period(question, since, until):
    parsed = parse_question(question, ["Greve"], [])
    assert (parsed.filters.since, parsed.filters.until) == (since, until)
    assert "salg" in parsed.terms or "salg" not in question  # the words between the years stay search terms


@pytest.mark.parametrize(("question", "terms"), [
    # modal verbs carry the question's grammar, not its subject
    ("Hvor mange klagesager må blive omgjort?", ("klagesag", "omgjort")),
    ("Bør udvalget fastsætte et måltal?", ("fastsæt", "måltal")),
    ("What should the committee decide about the budget?", ("budg",)),  # the Danish stemmer on English
    ("Hvad koster det at måle luften?", ("kost", "mål", "luft")),  # "måle" is no modal verb
])
def test_modal_verbs_are_no_search_terms(question, terms):
    assert parse_question(question, [], []).terms == terms
