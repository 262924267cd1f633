"""What a claim says was done (approved, rejected, noted, sent on, postponed) against what the decision
did. A decision answering the recommendation ("Ikke godkendt", "Kan ikke anbefales") rejects what the
recommendation proposed; an amendment voted down is not the decision; the wish of those who voted against
is not the decision; a decision that negates the claim's statement contradicts it."""

from __future__ import annotations

from ingest.vocabulary import SectionKind
from qa.factcheck.explain import act_name
from qa.factcheck.item import Item, Sentence
from qa.factcheck.tally import ABSENT, CONTRADICTED, FOUND, Tally
from qa.vocabulary.claims import (
    action_position,
    amendment_carried,
    amendment_fell,
    answers_recommendation,
    approved_body,
    backs_administration,
    claimed_action,
    claims_abstained,
    claims_against,
    claims_decided,
    decided_action,
    history_entry_body,
    is_amendment,
    is_negated,
    is_vote_line,
    is_vote_sentence,
    names_body,
    negated_stems,
    reason,
    same_body,
    starts_numbered,
)
from qa.vocabulary.words import content_stems

STATEMENT = 0.6  # share of the claim's subject one decision sentence must hold to state the claim


ENDORSED = "endorsed"  # approved another body's recommendation, which the item does not say


def sentence_act(item: Item, sentence: Sentence, follow: int = 2) -> str | None:
    """What one decision sentence did; one answering the recommendation ("Ikke godkendt", "1. og 2. ikke
    godkendt") rejects what the recommendation proposed (a proposal to keep a refusal, rejected, grants).
    One approving another body's recommendation ("godkendte byrådet Økonomiudvalgets indstilling") did what
    that body recommended (see body_act)."""
    act = decided_action(sentence.text)
    if act == "rejected" and answers_recommendation(sentence.text) and item.recommendation:
        proposed = decided_action(" ".join(s.text for s in item.recommendation))
        act = "approved" if proposed == "rejected" else "rejected"
    if act == "approved" and follow and (body := approved_body(sentence.text)):
        act = body_act(item, body, follow)
    return act


def body_act(item: Item, body: str, follow: int = 2) -> str:
    """What a body recommended, read from its last entry in the item's history ("10-01-2023 Plan- og
    Tryghedsudvalget" / "1.-2. Anbefales ikke."), following "X's indstillinger godkendes" to X; failing
    that, a decision whose minority backs the administration's recommendation approved another one (its
    refusal); failing that, ENDORSED: what was approved is not known, and is not the administration's."""
    entries: list[tuple[str, list[Sentence]]] = []
    for sentence in item.sentences:
        if sentence.section is not SectionKind.HISTORY:
            continue
        if name := history_entry_body(sentence.text):
            entries.append((name, []))
        elif entries:
            entries[-1][1].append(sentence)
    said = next((lines for name, lines in reversed(entries) if same_body(name, body)), [])
    for sentence in said:
        if follow > 1 and (other := approved_body(sentence.text)) and not same_body(other, body):
            return body_act(item, other, follow - 1)
    for sentence in said:
        if not is_vote_line(sentence.text) and (act := sentence_act(item, sentence, 0)) in ("approved", "rejected"):
            return act
    if any(backs_administration(s.text) for s in item.decision) and item.recommendation:
        proposed = decided_action(" ".join(s.text for s in item.recommendation))
        return "approved" if proposed == "rejected" else "rejected"
    return ENDORSED


def decision_act(item: Item) -> tuple[str, Sentence] | None:
    """What the decision did: its first act (see sentence_act), where an amendment counts as decided only
    when the vote after it carried it (the last carried amendment is the decision)."""
    decision = item.decision
    acts: list[tuple[str, Sentence]] = []
    for i, sentence in enumerate(decision):
        if is_vote_line(sentence.text) and not is_amendment(sentence.text):
            continue
        act = sentence_act(item, sentence)
        if not act:
            continue
        if is_amendment(sentence.text):
            following = "\n".join(s.text for s in decision[i + 1:i + 4])
            if amendment_fell(sentence.text) or amendment_carried(following) is False:
                continue
            acts.insert(0, (act, sentence))  # a carried amendment is what was decided
            continue
        acts.append((act, sentence))
    return acts[0] if acts else None


def amendment_act(item: Item) -> tuple[str, Sentence] | None:
    """What became of an amendment: voted down, or carried."""
    decision = item.decision
    for i, sentence in enumerate(decision):
        if is_amendment(sentence.text):
            following = "\n".join(s.text for s in decision[i + 1:i + 4])
            fell = amendment_fell(sentence.text) or amendment_carried(following) is False
            return ("rejected" if fell else "approved"), sentence
    return None


def check_act(t: Tally) -> None:
    claim, item = t.claim, t.item
    claimed = claimed_action(claim.text)
    if not claimed or t.decision_elsewhere:
        return
    position = action_position(claim.text)
    if not item.decision:
        if item.recommendation and claims_decided(claim.text):
            t.add(CONTRADICTED, "recommendation_only", position, item.recommendation[:1])
        return
    found = amendment_act(item) if "ændringsforslag" in claim.text.lower() else decision_act(item)
    if not found:
        return
    act, sentence = found
    parallel = sum(starts_numbered(s.text) for s in item.decision) >= 2  # "1 a. Ikke godkendt", "1 c. Godkendt"
    numbered = [s for s in item.decision if parallel and sentence_act(item, s) == claimed]
    if numbered and act != claimed:  # parallel outcomes ("1 a. Ikke godkendt", "1 c. Godkendt"): any of them
        act, sentence = claimed, numbered[0]
    if (body := approved_body(sentence.text)) and names_body(claim.text, body):
        act = "approved"  # the claim is about following that body ("valgte at følge Økonomiudvalget")
    if act == ENDORSED:  # another body's recommendation, not found: never the administration's standing in
        t.add(ABSENT, "act_found", position, [sentence], decided=f"«{sentence.text}»")
        return
    decided = act_name(claim.language, act)
    if act == claimed:
        t.add(FOUND, "act_found", position, [sentence], decided=decided)
    elif act in ("rejected", "noted", "referred", "postponed", "undecided", "approved"):
        t.add(CONTRADICTED, "act_other", position, [sentence], decided=decided, claimed=act_name(claim.language, claimed))


def check_minority(t: Tally) -> None:
    """A claim whose own words stand in the decision only where those who voted against say what they
    wanted: that was the minority's wish."""
    claim, item = t.claim, t.item
    if claims_against(claim.text) or claims_abstained(claim.text) or not item.decision:
        return
    title = set(content_stems(item.ref.item_title))
    main = set().union(*(s.stems for s in item.decision if not is_vote_sentence(s.text)))
    for sentence in item.decision:
        if not (is_vote_sentence(sentence.text) and "imod" in sentence.text.lower() and reason(sentence.text)):
            continue
        own = {w for w in claim.terms & sentence.stems if w not in title and w not in main and not w.isdigit()}
        own -= negated_stems(claim.text, 4)
        if own and not claim.terms & main - title:
            t.add(CONTRADICTED, "minority", 0, [sentence])
            return


def check_negation(t: Tally) -> None:
    """The decision negates what the claim states without negation ("ønsker ikke at fastsætte måltal"
    against "fastsatte et måltal")."""
    claim, item = t.claim, t.item
    if is_negated(claim.text) or claimed_action(claim.text) == "rejected" or not item.decision:
        return
    title = set(content_stems(item.ref.item_title))
    for sentence in item.decision:
        if is_vote_sentence(sentence.text):
            continue
        negated = {w for w in negated_stems(sentence.text) if w in claim.terms and w not in title}
        if negated:
            t.add(CONTRADICTED, "negated", 0, [sentence])
            return


def check_statement(t: Tally) -> None:
    """One decision sentence that holds most of what the claim is about, with the same negation: the
    decision states the claim."""
    claim, item = t.claim, t.item
    if any(f.status != ABSENT for f in t.findings) or t.decision_elsewhere:
        return
    pool = [s for s in item.decision if not is_vote_line(s.text)]
    act = decision_act(item)
    if act and act[0] == "approved":
        pool += item.recommendation  # an approved recommendation is what was decided
    best = max(pool, key=t.overlap, default=None)
    if best is not None and t.overlap(best) >= STATEMENT and is_negated(best.text) == is_negated(claim.text):
        t.add(FOUND, "statement_found", 0, [best])
