"""Fact-checking a claim against the minutes: supported, contradicted, partly supported or not found.

Deterministic, offline checks on the item the claim is about: amounts and other numbers (Danish formats:
6.749.600 kr., 3,7 %, 6,7 mio.), vote counts and unanimity, who voted against, names, the meeting date,
and the polarity of the decision (godkendt / ikke godkendt / taget til efterretning / udsat / forkastet).
A claim that calls the administration's recommendation a decision is contradicted. A claim is
`supported` only when everything it states that can be checked was found; an LLM (when configured) may
add an entailment judgement, but never overrides a deterministic contradiction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa.answer import Answerer, answers_question, coverage, known_names
from qa.citations import CitationRegistry
from qa.extractive import target_items
from qa.generation import ChatModel, format_passages, generate
from qa.messages import meeting_label
from qa.question import parse_question
from qa.retrieval import item_section
from qa.scope import outside_archive
from qa.types import CheckResult, Filters, Passage, QuestionKind, Verdict
from qa.vocabulary.cues import (
    claimed_against,
    claims_decided,
    claims_unanimous,
    decision_says,
    mentions_against,
    mentions_dissent,
    mentions_vote_count,
    polarity,
    records_dissent,
    voted_against,
)
from qa.vocabulary.numbers import AMOUNT, QUANTITY, YEAR, amounts, has_amount, same_amount, show_amount, votes
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, full_names, stem

Sentence = Callable[[str], bool]  # which sentence of the evidence to cite for a finding


@dataclass
class _Evidence:
    """What the minutes say about the item a claim is about, and the tally of the checks made on it."""

    decisions: list[Passage]
    recommendations: list[Passage]
    passages: list[Passage]
    registry: CitationRegistry = field(default_factory=CitationRegistry)
    found: int = 0
    contradictions: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(p.text.split()) for p in self.passages)

    @property
    def decision_text(self) -> str:
        return " ".join(" ".join(p.text.split()) for p in self.decisions)

    def confirm(self, finding: str, wanted: Sentence | None, pool: list[Passage]) -> None:
        self.found += 1
        self.findings.append(finding)
        self.cite(wanted, pool)

    def contradict(self, kind: str, finding: str, wanted: Sentence | None, pool: list[Passage]) -> None:
        self.contradictions.append(kind)
        self.findings.append(finding)
        self.cite(wanted, pool)

    def cite(self, wanted: Sentence | None, pool: list[Passage]) -> None:
        """Cite the first sentence of the pool that is wanted (any sentence when None)."""
        for passage in pool:
            for start, end in sentences(passage.text):
                if wanted is None or wanted(passage.text[start:end]):
                    self.registry.add(passage, start, end)
                    return


def _check_recommendation_called_decision(claim: str, ev: _Evidence) -> None:
    if claims_decided(claim) and not ev.decisions and ev.recommendations:
        ev.contradict("recommendation", "the minutes record only the administration's recommendation, no decision",
                      None, ev.recommendations)


def _checkamounts(claim: str, ev: _Evidence) -> None:
    present = amounts(ev.text)
    for amount in amounts(claim):
        label = show_amount(amount)
        if any(same_amount(amount, p) for p in present):
            ev.confirm(f"{label}: found", has_amount,
                       [p for p in ev.passages if any(same_amount(amount, a) for a in amounts(p.text))])
        elif any(u.rstrip("~") == amount[1].rstrip("~") for _, u in present):
            stated = sorted({show_amount(p) for p in present if p[1].rstrip("~") == amount[1].rstrip("~")})[:4]
            ev.contradict("amount", f"{label}: the minutes state {', '.join(stated)}", has_amount, ev.passages)
        else:
            ev.unverified.append(label)


def _check_quantities(claim: str, ev: _Evidence) -> None:
    """Other counted things: "1.100 arbejdstimer", "25 deltagere"."""
    for number, noun in QUANTITY.findall(claim):
        if AMOUNT.match(f"{number} {noun}") or YEAR.match(number):
            continue
        stated = {n for n, w in QUANTITY.findall(ev.text) if stem(w.lower()) == stem(noun.lower())}
        if number in stated:
            ev.confirm(f"{number} {noun}: found", lambda s, n=number: n in s, ev.passages)
        elif stated:
            first = sorted(stated)[0]
            ev.contradict("quantity", f"{number} {noun}: the minutes state {', '.join(sorted(stated))} {noun}",
                          lambda s, n=first: n in s, ev.passages)
        elif not votes(claim):
            ev.unverified.append(f"{number} {noun}")


def _checkvotes(claim: str, ev: _Evidence) -> None:
    claimed, recorded = votes(claim), votes(ev.decision_text)
    if claimed:
        if recorded == claimed:
            ev.confirm(f"vote {claimed[0]}-{claimed[1]}: found", mentions_vote_count, ev.decisions)
        elif recorded:
            ev.contradict("votes", f"vote {claimed[0]}-{claimed[1]}: the minutes record {recorded[0]}-{recorded[1]}",
                          mentions_vote_count, ev.decisions)
        else:
            ev.unverified.append("vote count")
    if claims_unanimous(claim):
        if recorded and recorded[1] > 0 or records_dissent(ev.decision_text):
            ev.contradict("unanimity", "not unanimous: the minutes record votes against", mentions_dissent, ev.decisions)
        elif ev.decisions:
            ev.unverified.append("unanimity (no vote recorded)")


def _check_voted_against(claim: str, ev: _Evidence) -> None:
    recorded = " ".join(voted_against(ev.decision_text))
    for names in claimed_against(claim):
        if names.split()[0] in recorded:
            ev.confirm(f"voted against: {names}: found", mentions_against, ev.decisions)
        elif recorded:
            ev.contradict("against", f"voted against: the minutes name {recorded}, not {names}", mentions_against, ev.decisions)
        else:
            ev.unverified.append(f"voted against: {names}")


def _check_names(claim: str, ev: _Evidence, ref) -> None:
    context = f"{ev.text} {ref.item_title} {ref.committee or ''} {ref.municipality or ''}"
    for name in set(full_names(claim)) - set(claimed_against(claim)):
        if not all(word in context for word in name.split()):
            ev.unverified.append(f"name {name}")


def _check_date(claimed_day, ev: _Evidence, ref) -> None:
    if claimed_day and ref.meeting_date:
        if ref.meeting_date == claimed_day:
            ev.found += 1
            ev.findings.append(f"date {ref.meeting_date.isoformat()}: found")
        else:
            ev.contradictions.append("date")
            ev.findings.append(f"date: the item was treated {ref.meeting_date.strftime('%d-%m-%Y')}")


def _check_polarity(claim: str, ev: _Evidence) -> None:
    """What the claim says was done (approved, rejected, noted, postponed) against the decision. An item
    may record several decisions (the item, an amendment): the claim's wording anywhere in the decision
    counts, unless the main (first) decision says the opposite."""
    claimed = polarity(claim, claim=True)
    if not claimed or "recommendation" in ev.contradictions:
        return
    if not ev.decisions:
        ev.unverified.append(f"decision {claimed} (no decision recorded)")
        return
    first = sentences(ev.decisions[0].text)[:1]
    main = polarity(ev.decisions[0].text[first[0][0]:first[0][1]] if first else ev.decision_text, claim=False)
    if decision_says(claimed, ev.decision_text) and not (claimed == "approved" and main == "rejected"):
        ev.confirm(f"decision {claimed}: found", None, ev.decisions)
    elif main:
        ev.contradict("polarity", f"decision: the minutes say {main}, the claim {claimed}", None, ev.decisions)
    else:
        ev.unverified.append(f"decision {claimed}")


def check_claim(answerer: Answerer, claim: str, filters: Filters | None = None) -> CheckResult:
    store: Store = answerer.store
    meetings = store.catalogue.meetings()
    question = parse_question(claim, *known_names(meetings), given=filters)
    language = question.language
    # a date in the claim is checked against the meeting, not used to narrow the search
    claimed_day = question.filters.since if question.filters.since == question.filters.until else None
    question = replace(question, filters=replace(question.filters, since=None, until=None))
    passages = answerer.retriever.search(question, 8)
    if outside_archive(claim, meetings, passages) or not answers_question(question, passages, answerer.retriever, claim=True):
        return CheckResult(claim, Verdict.NOT_FOUND, _explain(language, "not_found"), language=language)
    # the item the claim is about: the one its title names, else the passage that covers the claim best
    terms = question.coverage_terms()
    titled = target_items(replace(question, kind=QuestionKind.DECISION), passages)[0]
    covering = max(passages[:5], key=lambda p: coverage(terms, p))
    target = titled if _topic_matches(question, titled) or coverage(terms, titled) >= coverage(terms, covering) else covering
    ref = target.source
    decisions = item_section(store, ref, SectionKind.DECISION)
    same_item = [p for p in passages if (p.source.meeting_id, p.source.item_number) == (ref.meeting_id, ref.item_number)]
    ev = _Evidence(decisions, item_section(store, ref, SectionKind.RECOMMENDATION),
                   decisions + [p for p in same_item if p.chunk_id not in {d.chunk_id for d in decisions}])
    _check_recommendation_called_decision(claim, ev)
    _checkamounts(claim, ev)
    _check_quantities(claim, ev)
    _checkvotes(claim, ev)
    _check_voted_against(claim, ev)
    _check_names(claim, ev, ref)
    _check_date(claimed_day, ev, ref)
    _check_polarity(claim, ev)
    if not ev.registry.citations:
        ev.cite(None, ev.decisions or ev.passages)
    if ev.contradictions:
        verdict = Verdict.CONTRADICTED
    elif ev.found and not ev.unverified:
        verdict = Verdict.SUPPORTED
    elif ev.found or _topic_matches(question, target):
        verdict = Verdict.PARTLY_SUPPORTED
    else:
        verdict = Verdict.NOT_FOUND
    if answerer.llm is not None and verdict is not Verdict.NOT_FOUND:
        verdict = _with_entailment(answerer.llm, claim, ev, verdict)
    explanation = _explain(language, verdict.value, where=meeting_label(ref, language), item=ref.item_title,
                           findings="; ".join(ev.findings + [f"not checkable: {u}" for u in ev.unverified]))
    citations = ev.registry.citations if verdict is not Verdict.NOT_FOUND else []
    return CheckResult(claim, verdict, explanation, citations, ev.findings, language)


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


def _with_entailment(llm: ChatModel, claim: str, ev: _Evidence, verdict: Verdict) -> Verdict:
    """An LLM's entailment judgement on top of the checks: it can only make the verdict more cautious
    (supported → partly supported, partly supported → contradicted), never lift a contradiction."""
    try:
        reply = generate(llm, "entailment", {"passages": format_passages(ev.passages[:6], "da"), "claim": claim})
        judgement = reply.strip().split()[0].upper().strip(".:")
    except Exception as exc:  # a failing backend (or an empty reply) leaves the offline verdict
        ev.findings.append(f"LLM entailment unavailable ({type(exc).__name__})")
        return verdict
    ev.findings.append(f"LLM entailment: {judgement.lower()}")
    if judgement == "MODSAGT":
        return {Verdict.SUPPORTED: Verdict.PARTLY_SUPPORTED, Verdict.PARTLY_SUPPORTED: Verdict.CONTRADICTED}.get(verdict, verdict)
    return verdict
