"""Fact-checking a claim against the minutes: supported, contradicted, partly supported or not found.

The item the claim is about is found by what the claim says (`item`), never by its own dates, amounts,
names or bodies: those are facts to check (`checks`). Every check gives, per fact, found / contradicted /
absent, and the verdict follows from them, clause by clause ("X fik 11 mio. kr., og Ø stemte imod" is two
clauses):
- `contradicted` needs a sentence of the minutes that says otherwise, in an item that speaks to the claim;
- a clause with a contradiction beside a clause whose facts were found makes the claim `partly_supported`;
- `supported` needs every checkable fact found; a fact that cannot be checked is not evidence against;
- nothing found and nothing contradicted: `not_found` (the explanation names the item that speaks to the
  matter and what could not be checked): a topic is not a part of the claim.
The explanation is entirely in the claim's language, naming meeting, date, item number and title, and
what the minutes say, with a citation per part. With an LLM backend, its entailment judgement is added
and can only make the verdict more cautious.
"""

from __future__ import annotations

import os
from dataclasses import replace

from qa.answer import MIN_DENSE_EN, Answerer, known_names
from qa.factcheck.acts import check_act, check_minority, check_negation, check_statement
from qa.factcheck.explain import LLM_JUDGEMENTS, explain, message
from qa.factcheck.item import choose_item, compound_in, item_coverage, read_items, titled_items
from qa.factcheck.numbers import check_amounts, check_comparisons, check_quantities
from qa.factcheck.people import check_attendance, check_date, check_names, check_proposer
from qa.factcheck.tally import ABSENT, CONTRADICTED, FOUND, Claim, Finding, Tally
from qa.factcheck.votes import check_reason, check_votes
from qa.generation import ChatModel, format_passages, generate
from qa.question import parse_question
from qa.scope import outside_archive
from qa.types import CheckResult, Filters, Verdict
from qa.vocabulary.claims import (
    CLAIM_CUE_WORDS,
    capitalised_words,
    claim_language,
    claims_decided,
    clause_starts,
    further_clauses,
    looks_like_noun,
    month_period,
    month_years,
    party_words,
    reason,
    topical_numbers,
    vote_count,
    voter_names,
)
from qa.vocabulary.cues import subject_terms
from qa.vocabulary.dates import MONTHS
from qa.vocabulary.words import content_stems, normalised_title, stem, tokens

DATE_STEMS = frozenset(stem(m) for m in MONTHS)

__all__ = ["CheckResult", "Verdict", "check_claim"]

MIN_COVERAGE = 0.5  # share of the claim's subject (weighted by specificity) the item must hold to speak to it
MIN_CONTRADICTION = 0.55  # ... and to contradict it
ENGLISH_SPECIFIC = 4.0  # idf of a specific word: one that finds an English claim's item, or a clause's subject


def named_bodies(text: str, question, meetings) -> tuple[str, ...]:
    """The bodies a claim names, in the order it names them: the committees the question reading found,
    and the Byråd by its common names ("Byrådet", "City Council")."""
    committees = sorted({m.committee for m in meetings if m.committee})
    lowered = text.lower()
    found = {c: lowered.find(c.split()[0].lower()[:6]) for c in question.filters.committees}
    for alias in ("byråd", "city council"):
        if alias in lowered:
            found.update({c: lowered.find(alias) for c in committees if "byråd" in c.lower()})
    return tuple(sorted(found, key=lambda c: found[c]))


def _claim(text: str, language: str, question, meetings, retriever) -> Claim:
    cues = {stem(w.lower()) for w in CLAIM_CUE_WORDS | party_words(text) | voter_names(text)}
    places = {stem(m.municipality.lower()) for m in meetings if m.municipality} | DATE_STEMS
    bodies = named_bodies(text, question, meetings)
    body_words = {w for c in bodies for w in content_stems(c)} | {stem("byrådet"), "council", "city"}
    unsaid = reason(text) or ""  # the reason a claim gives is a fact to check, not its subject
    # an English claim read through the glossary: its words as the Danish stems the minutes write for them
    words = set(content_stems(text[: len(text) - len(unsaid)] if unsaid else text, drop_question_words=True, language=language))
    terms = {t for t in subject_terms(words) if not t[0].isdigit() and t not in cues and t not in body_words
             and t not in DATE_STEMS} | topical_numbers(text)
    if language == "en":  # English words are not evidence of absence: only the words the minutes use count
        terms = {t for t in terms if t in retriever.vocabulary()}
    # the years a figure may be about: not the year of the meeting's month ("i januar 2024")
    years = {w for w in tokens(text) if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")}
    years -= {year for _, year in month_years(text)}
    since, until = question.filters.since, question.filters.until
    day = since if since is not None and since == until else None
    names = frozenset(stem(w.lower()) for w in capitalised_words(text)) - cues - body_words - places
    return Claim(text, language, terms, years, bodies, names, day, max(0, text.find(str(day.day))) if day else 0)


def check_claim(answerer: Answerer, claim: str, filters: Filters | None = None) -> CheckResult:
    store, retriever = answerer.store, answerer.retriever
    meetings = store.catalogue.meetings()
    question = parse_question(claim, *known_names(meetings))
    language = claim_language(claim)
    facts = _claim(claim, language, question, meetings, retriever)
    # search by content only: the claim's dates and bodies are checked, not used as filters; the reason
    # it gives is checked too, not searched for
    given = reason(claim)
    subject = parse_question(claim[: len(claim) - len(given)], *known_names(meetings)) if given else question
    search = replace(subject, filters=filters or Filters())
    passages = retriever.search(search, 16)
    if outside_archive(claim, meetings, passages):
        return CheckResult(claim, Verdict.NOT_FOUND, explain(language, "not_found"), language=language)
    period = (question.filters.since, question.filters.until)
    if period == (None, None) and (dated := month_period(claim)):
        period = dated  # "i januar 2024": the month of the meeting, a preference among items, never a filter
    if language == "en" and not _english_speaks_to(facts, passages, retriever):
        return CheckResult(claim, Verdict.NOT_FOUND, explain(language, "not_found"), language=language)
    items = read_items(retriever, passages)
    known = {(i.ref.meeting_id, i.ref.item_number) for i in items}
    items += [i for i in titled_items(retriever, facts.terms) if (i.ref.meeting_id, i.ref.item_number) not in known]
    item, coverage = choose_item(items, facts.terms, retriever, facts.bodies, period, facts.years,
                                 topical_numbers(claim), MIN_COVERAGE)
    if item is not None:  # a further clause ("..., som skal finansiere en ny skøjtehal") is a part checked on its own
        coverage = max(coverage, item_coverage(_main_terms(facts), item, retriever))
    if item is None or coverage < MIN_COVERAGE or _never_said(facts, item, retriever):
        return CheckResult(claim, Verdict.NOT_FOUND, explain(language, "not_found"), language=language)
    tally = _checked(facts, item, retriever)
    # the same case treated again under the same title (Greve: the committee, the Økonomiudvalg, the
    # Byråd; or a case resumed): the treatment that bears out more of the claim, without more against it
    for other in items:
        if other is not item and normalised_title(other.ref.item_title) == normalised_title(item.ref.item_title):
            candidate = _checked(facts, other, retriever)
            if candidate.count(FOUND) > tally.count(FOUND) and candidate.count(CONTRADICTED) <= tally.count(CONTRADICTED):
                tally = candidate
    verdict = _verdict(tally, coverage)
    if answerer.llm is not None and verdict is not Verdict.NOT_FOUND:
        verdict = _with_entailment(answerer.llm, tally, verdict)
    findings = [f.text for f in tally.findings]
    machine = findings + ([f"LLM entailment: {tally.llm}"] if tally.llm else [])
    if verdict is Verdict.NOT_FOUND:
        text = explain(language, "not_found_item", tally.item.ref, findings) if findings else explain(language, "not_found")
        return CheckResult(claim, verdict, text, [], machine, language)
    return CheckResult(claim, verdict, explain(language, verdict.value, tally.item.ref, findings),
                       tally.registry.citations, machine, language)


def _main_terms(facts: Claim) -> set[str]:
    """The claim's subject words in its main clause."""
    further = further_clauses(facts.text)
    if not further:
        return facts.terms
    main = set(content_stems(facts.text[: further[0][0]], language=facts.language))
    return facts.terms & main | (facts.terms & topical_numbers(facts.text))


def _check_clauses(t: Tally) -> None:
    """A further clause of the claim whose specific words the item does not hold ("..., som skal bruges
    til et nyt museum"): a part of the claim the minutes do not bear out, so never supported."""
    for position, clause in further_clauses(t.claim.text):
        words = {w for w in content_stems(clause, language=t.claim.language) if w in t.claim.terms and t.retriever.term_weight(w) >= ENGLISH_SPECIFIC}
        held = {w for w in words if w in t.item.stems or compound_in(w, t.item.stems)}
        if words and len(held) * 2 < len(words):
            t.add(ABSENT, "clause_absent", position, claimed=clause)


def _checked(facts: Claim, item, retriever) -> Tally:
    tally = Tally(facts, item, retriever)
    _check_body(tally)
    _check_clauses(tally)
    for check in (check_date, check_amounts, check_quantities, check_comparisons, check_votes, check_act, check_minority,
                  check_negation, check_reason, check_names, check_attendance, check_proposer, check_statement):
        check(tally)
    return tally


def _never_said(facts: Claim, item, retriever) -> bool:
    """A Danish claim about a thing the minutes never name ("skatepark", "betalingsparkering"): no word of
    theirs, and no compound of two words the item holds, in its main clause."""
    if facts.language != "da":
        return False
    vocabulary = retriever.vocabulary()

    def inflected(term: str) -> bool:  # "videreførslen" beside "videreførsel": the stemmer cuts them apart
        return any(len(os.path.commonprefix([term, s])) >= max(6, len(term) - 3) for s in item.stems)
    further = further_clauses(facts.text)
    main = facts.text[: further[0][0]] if further else facts.text  # a further clause's words are its own part
    return any(stem(w) in facts.terms and stem(w) not in vocabulary and not compound_in(stem(w), item.stems)
               and not inflected(stem(w)) and looks_like_noun(w) for w in tokens(main))


def _english_speaks_to(facts: Claim, passages, retriever) -> bool:
    """An English claim speaks to the minutes when the dense match is close (the embedder reads across
    languages), or when it names two things the minutes name rarely ("Holmeagerskolen", "IPS")."""
    dense = max((p.dense or 0.0) for p in passages[:3]) if passages else 0.0
    specific = sum(retriever.term_weight(t) >= ENGLISH_SPECIFIC for t in facts.terms)
    return bool(facts.terms) and (dense >= MIN_DENSE_EN or specific >= 2)


def _check_body(t: Tally) -> None:
    """A claim naming the body that acted, beside the item's body: the same case goes on to that body
    (its decision is not in these minutes), or the case was another body's."""
    bodies, ref = t.claim.bodies, t.item.ref
    acts = claims_decided(t.claim.text) or vote_count(t.claim.text)
    if not bodies or ref.committee == bodies[0] or not acts:
        return
    named = bodies[0]
    heads = [w for w in content_stems(named) if not w[0].isdigit() and w not in ("udvalg", "udvalget")]
    position = max(0, t.claim.text.lower().find(named.split()[0][:5].lower()))
    if heads and all(h in t.item.stems for h in heads[:1]):
        t.decision_elsewhere = True
        t.add(ABSENT, "body_planned", position, claimed=named)
    else:
        t.add(CONTRADICTED, "body_other", position, t.item.decision[:1], body=ref.committee or "", claimed=named)


def _verdict(t: Tally, coverage: float) -> Verdict:
    starts = clause_starts(t.claim.text)
    clauses: dict[int, set[str]] = {}
    for finding in t.findings:
        status = finding.status
        if status == CONTRADICTED and coverage < MIN_CONTRADICTION:
            status = ABSENT
        clause = sum(1 for s in starts if s <= finding.position)
        clauses.setdefault(clause, set()).add(status)
    contradicted = [c for c, s in clauses.items() if CONTRADICTED in s]
    found = [c for c, s in clauses.items() if FOUND in s and CONTRADICTED not in s]
    if contradicted:
        return Verdict.PARTLY_SUPPORTED if found else Verdict.CONTRADICTED
    statuses = set().union(*clauses.values()) if clauses else set()
    if FOUND in statuses:
        return Verdict.PARTLY_SUPPORTED if ABSENT in statuses else Verdict.SUPPORTED
    return Verdict.NOT_FOUND  # the item speaks to the matter, but no part of what the claim says is there


def _with_entailment(llm: ChatModel, t: Tally, verdict: Verdict) -> Verdict:
    """An LLM's entailment judgement on top of the checks: it can only make the verdict more cautious
    (supported → partly supported, partly supported → contradicted), never lift a contradiction."""
    passages = t.item.passages[:6]
    try:
        reply = generate(llm, "entailment", {"passages": format_passages(passages, "da"), "claim": t.claim.text})
        judgement = reply.strip().split()[0].upper().strip(".:")
    except Exception as exc:  # a failing backend (or an empty reply) leaves the offline verdict
        t.llm = f"{type(exc).__name__}"
        t.findings.append(Finding("note", message(t.claim.language, "llm_unavailable"), 10**6))
        return verdict
    if judgement.lower() not in LLM_JUDGEMENTS[t.claim.language]:  # the model's own words are never shown
        t.llm = "unreadable"
        t.findings.append(Finding("note", message(t.claim.language, "llm_unavailable"), 10**6))
        return verdict
    t.llm = judgement.lower()
    said = LLM_JUDGEMENTS[t.claim.language][judgement.lower()]
    t.findings.append(Finding("note", message(t.claim.language, "llm", judgement=said), 10**6))
    if judgement == "MODSAGT":
        return {Verdict.SUPPORTED: Verdict.PARTLY_SUPPORTED, Verdict.PARTLY_SUPPORTED: Verdict.CONTRADICTED}.get(verdict, verdict)
    return verdict
