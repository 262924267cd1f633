"""Fact-checking a claim against the minutes: supported, contradicted, partly supported or not found.

Deterministic, offline checks on the item the claim is about: amounts and other numbers (Danish formats:
6.749.600 kr., 3,7 %, 6,7 mio.), vote counts and unanimity, who voted against, names, the meeting date,
and the polarity of the decision (godkendt / ikke godkendt / taget til efterretning / udsat / forkastet).
A claim that calls the administration's recommendation a decision is contradicted. A claim is
`supported` only when everything it states that can be checked was found; an LLM (when configured) may
add an entailment judgement, but never overrides a deterministic contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa.answer import Answerer, answers_question, coverage
from qa.citations import CitationRegistry, sentences
from qa.extractive import _section_passages, _target_items, meeting_label
from qa.language import content_stems, stem
from qa.question import QuestionKind, parse_question
from qa.types import Citation, Filters, Passage


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    PARTLY_SUPPORTED = "partly_supported"
    NOT_FOUND = "not_found"


@dataclass
class CheckResult:
    claim: str
    verdict: Verdict
    explanation: str
    citations: list[Citation] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # one line per check made
    language: str = "da"

    def to_json(self) -> dict:
        return {"claim": self.claim, "verdict": self.verdict.value, "explanation": self.explanation,
                "findings": self.findings, "citations": [c.to_json() for c in self.citations], "language": self.language}


_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(mio\.?|millioner|million|mia\.?|milliarder|kr\.?|kroner|%|pct\.?|procent)"
                     r"|\b(kr\.?)\s*\**(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)", re.IGNORECASE)  # "kr. 4.778.260" too
_VOTES = re.compile(r"(\d+)\s+stemm?er?\s+for\b.{0,30}?(\d+)\s+stemm?er?\s+imod|(\d+)\s+for\s+og\s+(\d+)\s+imod", re.IGNORECASE)
_QUANTITY = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s+([a-zæøå]{4,})", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")
_UNANIMOUS = re.compile(r"\benstemmig|\bunanim|\balle stemte for\b", re.IGNORECASE)
_AGAINST_NAME = re.compile(r"(?:Imod stemte|stemte imod[:,]?)\s+([A-ZÆØÅ][\wæøå-]+(?:\s+(?:og\s+)?[A-ZÆØÅ][\wæøå-]+)*)")
_NAME_AGAINST = re.compile(r"([A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+)+)\s+stemte imod")
_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")
_POLARITY = [  # (label, claim pattern, decision pattern), most specific first
    ("rejected", r"ikke godkend|afvist|afviste|forkast|rejected|not approved|voted down", r"ikke godkend|afvist|forkast|ikke tiltr"),
    ("postponed", r"udsat|udsatte|udskudt|postponed|deferred", r"udsat|udsæt|genoptages|udskyde"),
    ("noted", r"taget til efterretning|tog\b.{0,120}?til efterretning|orientering(?:en)? til efterretning|noted|took note",
     r"til efterretning|orienteret|drøftet"),
    ("approved", r"godkend|vedtog|vedtaget|tiltr|anbefal|approved|adopted|endorsed", r"godkend|vedtag|tiltr|anbefal"),
]
_DECIDED_WORDS = re.compile(r"besluttede|besluttet|vedtog|godkendte|decided|approved|adopted", re.IGNORECASE)


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _amounts(text: str) -> set[tuple[float, str]]:
    """Amounts as (value in base unit, unit): 6,7 mio. kr. → (6700000, 'kr'), 3,7 % → (3.7, '%')."""
    found = set()
    for match in _AMOUNT.finditer(text):
        number, unit = (match[1], match[2]) if match[1] else (match[4], match[3])
        value, unit = _number(number), unit.lower().rstrip(".")
        if unit.startswith(("mio", "million")):
            found.add((round(value * 1_000_000), "kr~"))  # ~: a rounded figure
        elif unit.startswith(("mia", "milliard")):
            found.add((round(value * 1_000_000_000), "kr~"))
        elif unit in ("%", "pct", "procent"):
            found.add((value, "%"))
        else:
            found.add((round(value), "kr"))
    return found


def _same(claimed: tuple[float, str], stated: tuple[float, str]) -> bool:
    """The same amount: exact, except that a claim in millions may round ('6,7 mio.' for 6.749.600 kr.,
    within 1 %; '7 mio.' is not 6.749.600 kr.)."""
    (a, unit_a), (b, unit_b) = claimed, stated
    if unit_a.rstrip("~") != unit_b.rstrip("~"):
        return False
    if unit_a == "%":
        return abs(a - b) < 0.005
    if unit_a.endswith("~") or unit_b.endswith("~"):
        return abs(a - b) / max(a, b) < 0.01
    return a == b


def _show(amount: tuple[float, str]) -> str:
    value, unit = amount
    if unit == "%":
        return f"{value:g} %".replace(".", ",")
    return f"{value:,.0f} kr.".replace(",", ".")


def _votes(text: str) -> tuple[int, int] | None:
    match = _VOTES.search(text)
    if not match:
        return None
    values = [int(v) for v in match.groups() if v is not None]
    return values[0], values[1]


def _polarity(text: str, claim: bool) -> str | None:
    for label, claim_pattern, decision_pattern in _POLARITY:
        if re.search(claim_pattern if claim else decision_pattern, text, re.IGNORECASE):
            return label
    return None


def check_claim(answerer: Answerer, claim: str, filters: Filters | None = None) -> CheckResult:
    store: Store = answerer.store
    meetings = store.catalogue.meetings()
    question = parse_question(claim, sorted({m.municipality for m in meetings if m.municipality}),
                              sorted({m.committee for m in meetings if m.committee}), filters)
    language = question.language
    claimed_day = question.filters.since if question.filters.since == question.filters.until else None
    question = replace(question, filters=replace(question.filters, since=None, until=None))
    passages = answerer.retriever.search(question, 8)
    if not answers_question(question, passages, answerer.retriever.vocabulary()):
        return CheckResult(claim, Verdict.NOT_FOUND, _explain(language, "not_found"), language=language)
    # the item the claim is about: the one its title names, else the passage that covers the claim best
    terms = question.coverage_terms()
    titled = _target_items(replace(question, kind=QuestionKind.DECISION), passages)[0]
    covering = max(passages[:5], key=lambda p: coverage(terms, p))
    target = titled if _topic_matches(question, titled) or coverage(terms, titled) >= coverage(terms, covering) else covering
    ref = target.source
    decisions = _section_passages(store, ref, SectionKind.DECISION)
    recommendations = _section_passages(store, ref, SectionKind.RECOMMENDATION)
    item_passages = [p for p in passages if (p.source.meeting_id, p.source.item_number) == (ref.meeting_id, ref.item_number)]
    evidence = decisions + [p for p in item_passages if p.chunk_id not in {d.chunk_id for d in decisions}]
    evidence_text = " ".join(" ".join(p.text.split()) for p in evidence)
    decision_text = " ".join(" ".join(p.text.split()) for p in decisions)
    registry = CitationRegistry()
    found, contradictions, unverified, findings = 0, [], [], []

    def cite_where(pattern: str | None, pool: list[Passage]) -> None:
        for passage in pool:
            for start, end in sentences(passage.text):
                if pattern is None or re.search(pattern, passage.text[start:end], re.IGNORECASE):
                    registry.add(passage, start, end)
                    return

    claim_decides = bool(_DECIDED_WORDS.search(claim))
    if claim_decides and not decisions and recommendations:
        contradictions.append("recommendation")
        findings.append("the minutes record only the administration's recommendation, no decision")
        cite_where(None, recommendations)
    # amounts
    for amount in _amounts(claim):
        present = _amounts(evidence_text)
        label = _show(amount)
        if any(_same(amount, p) for p in present):
            found += 1
            findings.append(f"{label}: found")
            cite_where(_AMOUNT.pattern, [p for p in evidence if any(_same(amount, a) for a in _amounts(p.text))])
        elif any(u.rstrip("~") == amount[1].rstrip("~") for _, u in present):
            contradictions.append("amount")
            stated = sorted({_show(p) for p in present if p[1].rstrip("~") == amount[1].rstrip("~")})[:4]
            findings.append(f"{label}: the minutes state {', '.join(stated)}")
            cite_where(_AMOUNT.pattern, evidence)
        else:
            unverified.append(label)
    # other quantities: "1.100 arbejdstimer", "25 blev optaget"
    for number, noun in _QUANTITY.findall(claim):
        if _AMOUNT.match(f"{number} {noun}") or _YEAR.match(number):
            continue
        stated = {n for n, w in _QUANTITY.findall(evidence_text) if stem(w.lower()) == stem(noun.lower())}
        if number in stated:
            found += 1
            findings.append(f"{number} {noun}: found")
            cite_where(re.escape(number), evidence)
        elif stated:
            contradictions.append("quantity")
            findings.append(f"{number} {noun}: the minutes state {', '.join(sorted(stated))} {noun}")
            cite_where(re.escape(sorted(stated)[0]), evidence)
        elif not _votes(claim):
            unverified.append(f"{number} {noun}")
    # votes and unanimity
    claimed_votes, recorded = _votes(claim), _votes(decision_text)
    if claimed_votes:
        if recorded == claimed_votes:
            found += 1
            findings.append(f"vote {claimed_votes[0]}-{claimed_votes[1]}: found")
            cite_where(r"stemm?er? (?:for|imod)", decisions)
        elif recorded:
            contradictions.append("votes")
            findings.append(f"vote {claimed_votes[0]}-{claimed_votes[1]}: the minutes record {recorded[0]}-{recorded[1]}")
            cite_where(r"stemm?er? (?:for|imod)", decisions)
        else:
            unverified.append("vote count")
    if _UNANIMOUS.search(claim):
        if recorded and recorded[1] > 0 or re.search(r"Imod stemte", decision_text):
            contradictions.append("unanimity")
            findings.append("not unanimous: the minutes record votes against")
            cite_where(r"imod", decisions)
        elif decisions:
            unverified.append("unanimity (no vote recorded)")
    # who voted against
    for names in _AGAINST_NAME.findall(claim) + _NAME_AGAINST.findall(claim):
        recorded_names = " ".join(_AGAINST_NAME.findall(decision_text))
        if names.split()[0] in recorded_names:
            found += 1
            findings.append(f"voted against: {names}: found")
            cite_where(r"Imod stemte", decisions)
        elif recorded_names:
            contradictions.append("against")
            findings.append(f"voted against: the minutes name {recorded_names}, not {names}")
            cite_where(r"Imod stemte", decisions)
        else:
            unverified.append(f"voted against: {names}")
    # other names
    for name in set(_NAME.findall(claim)) - set(_AGAINST_NAME.findall(claim) + _NAME_AGAINST.findall(claim)):
        if name in evidence_text or name in ref.item_title or name in (ref.committee or "") or name in (ref.municipality or ""):
            continue
        if all(word in ref.item_title or word in evidence_text for word in name.split()):
            continue
        unverified.append(f"name {name}")
    # the meeting's date
    if claimed_day and ref.meeting_date:
        if ref.meeting_date == claimed_day:
            found += 1
            findings.append(f"date {ref.meeting_date.isoformat()}: found")
        else:
            contradictions.append("date")
            findings.append(f"date: the item was treated {ref.meeting_date.strftime('%d-%m-%Y')}")
    # polarity of the decision
    claimed = _polarity(claim, claim=True)
    if claimed and decisions and "recommendation" not in contradictions:
        patterns = {label: decision for label, _, decision in _POLARITY}
        first = sentences(decisions[0].text)[:1]
        actual = _polarity(decisions[0].text[first[0][0]:first[0][1]] if first else decision_text, claim=False)
        if re.search(patterns[claimed], decision_text, re.IGNORECASE) and not (claimed == "approved" and actual == "rejected"):
            found += 1
            findings.append(f"decision {claimed}: found")
            cite_where(None, decisions)
        elif actual:
            contradictions.append("polarity")
            findings.append(f"decision: the minutes say {actual}, the claim {claimed}")
            cite_where(None, decisions)
        else:
            unverified.append(f"decision {claimed}")
    elif claimed and not decisions and "recommendation" not in contradictions:
        unverified.append(f"decision {claimed} (no decision recorded)")
    if not registry.citations:
        cite_where(None, decisions or evidence)
    if contradictions:
        verdict = Verdict.CONTRADICTED
    elif found and not unverified:
        verdict = Verdict.SUPPORTED
    elif found:
        verdict = Verdict.PARTLY_SUPPORTED
    else:
        verdict = Verdict.PARTLY_SUPPORTED if _topic_matches(question, target) else Verdict.NOT_FOUND
    explanation = _explain(language, verdict.value, where=meeting_label(ref, language), item=ref.item_title,
                           findings="; ".join(findings + [f"not checkable: {u}" for u in unverified]))
    return CheckResult(claim, verdict, explanation, registry.citations, findings, language)


def _topic_matches(question, passage: Passage) -> bool:
    title = set(content_stems(passage.source.item_title))
    return bool(title) and len(title & set(question.terms)) / len(title) >= 0.5


_EXPLAIN = {
    "da": {
        "not_found": "Påstanden kan ikke efterprøves: referaterne omtaler ikke sagen.",
        "supported": "Påstanden stemmer med {where}, pkt. «{item}»: {findings}.",
        "contradicted": "Påstanden modsiges af {where}, pkt. «{item}»: {findings}.",
        "partly_supported": "Påstanden stemmer kun delvist med {where}, pkt. «{item}»: {findings}.",
    },
    "en": {
        "not_found": "The claim cannot be checked: the minutes do not mention the matter.",
        "supported": "The claim agrees with {where}, item “{item}”: {findings}.",
        "contradicted": "The claim is contradicted by {where}, item “{item}”: {findings}.",
        "partly_supported": "The claim agrees only in part with {where}, item “{item}”: {findings}.",
    },
}


def _explain(language: str, verdict: str, **values: str) -> str:
    text = _EXPLAIN[language][verdict].format(**values) if values else _EXPLAIN[language][verdict]
    return text.replace(": .", ".").replace("..", ".")
