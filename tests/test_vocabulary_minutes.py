"""Golden tables for the minutes' own dates and headings (ingest/vocabulary.py), question parsing and follow-up
resolution (qa/question.py, qa/conversation.py), and the rule that the question language stays in qa/vocabulary/.

Each row is a phrase of the kind the minutes or users write, and what the rule must make of it. A row that
states the right behaviour where the rule is known to get it wrong is marked `wrong(...)` (strict xfail)
with the reason.
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
from tests.vocabulary_tables import wrong

ROOT = Path(__file__).resolve().parents[1]


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


def test_the_questions_own_municipality_or_committee_wins_over_the_given_the_given_period_stays():
    given = Filters(("Greve",), (), date(2021, 1, 1), date(2021, 12, 31))
    parsed = parse_question(BUDGET, MUNICIPALITIES, COMMITTEES, given=given)
    assert parsed.filters == Filters(("Aarhus",), (), date(2021, 1, 1), date(2021, 12, 31))
    assert parsed.overruled == Filters(("Greve",))
    unnamed = parse_question("Hvad blev besluttet om budgettet?", MUNICIPALITIES, COMMITTEES, given=given)
    assert unnamed.filters == given and unnamed.overruled.is_empty()
    bodies = {("Randers", "Beskæftigelsesudvalget"), ("Aarhus", "Rådmandsmøde"), ("Greve", "Økonomiudvalget")}
    # a named committee keeps the given municipality that has it and drops one that has not
    for municipality, kept in (("Randers", ("Randers",)), ("Greve", ())):
        parsed = parse_question("Hvad besluttede Beskæftigelsesudvalget om SOSU-projektet?", MUNICIPALITIES, COMMITTEES,
                                bodies, Filters((municipality,), ("Økonomiudvalget",)))
        assert parsed.filters == Filters(kept, ("Beskæftigelsesudvalget",))
    # a named municipality drops a given committee it has not
    parsed = parse_question(BUDGET, MUNICIPALITIES, COMMITTEES, bodies, Filters((), ("Økonomiudvalget",)))
    assert parsed.filters == Filters(("Aarhus",), (), date(2022, 1, 1), date(2022, 12, 31))
    assert parsed.overruled == Filters((), ("Økonomiudvalget",))


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

ALLOWED_REGEX = {"qa/citations.py", "qa/uploads.py"}  # the citation-key protocol "[3]"; uploads' file names


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
