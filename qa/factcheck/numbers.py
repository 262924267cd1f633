"""A claim's figures (amounts, percentages, counts) against the item's sentences. A figure counts only in
a sentence that also holds the words it is claimed about; it is contradicted only by a sentence that says
those words (or the claim's own words before the figure) with another figure, naming what the claim names;
a decision stating another figure than the case text wins over the case text."""

from __future__ import annotations

from qa.factcheck.item import Sentence
from qa.factcheck.tally import ABSENT, CONTRADICTED, FOUND, Claim, Tally
from qa.vocabulary.claims import (
    Amount,
    amounts_in,
    claims_decided,
    comparisons,
    is_vote_sentence,
    quantities_in,
    ranks,
    same_amount,
    says_with,
    vote_count,
    votes_for,
    words_before,
)
from qa.vocabulary.words import content_stems

MIN_NUMBER_CONTEXT = 0.25  # share of the claim's subject a sentence must hold for its other figure to contradict
CLEARLY_MORE = 0.15  # how much more of the claim's words a sentence with another figure must hold to contradict


def _years(sentence: Sentence) -> set[str]:
    return {w for w in content_stems(sentence.text) if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")}


def _year_fits(claim: Claim, sentence: Sentence) -> bool:
    """A sentence stating years speaks to the claim's figure only for the claim's year."""
    years = _years(sentence)
    return not claim.years or not years or bool(claim.years & years)


def check_amounts(t: Tally) -> None:
    claim = t.claim
    for amount in amounts_in(claim.text, claim.english):
        def states(s: Sentence, a: Amount = amount) -> bool:
            return any(same_amount(a, x) for x in amounts_in(s.text))

        def rival(s: Sentence, a: Amount = amount) -> bool:
            stated = [x for x in amounts_in(s.text) if x.unit == a.unit]
            return bool(stated) and not any(same_amount(a, x) for x in stated)

        said = " ".join(claim.text[amount.start:amount.end].split())  # as the claim says it: "godt 10 %"
        _number_check(t, said, amount.start, states, rival,
                      lambda s, a=amount: ", ".join(x.show() for x in amounts_in(s.text) if x.unit == a.unit), "amount")


def check_quantities(t: Tally) -> None:
    claim = t.claim
    if vote_count(claim.text) or votes_for(claim.text):
        return
    for number, noun, position, written in quantities_in(claim.text):
        def counts(s: Sentence, n: str = noun) -> list[str]:
            return [q for q, w, _, _ in quantities_in(s.text) if w == n]

        label = f"nr. {number}" if noun == "nr" else f"{number} {written}"
        _number_check(t, label, position, lambda s, n=number, c=counts: n in c(s),
                      lambda s, n=number, c=counts: bool(c(s)) and n not in c(s),
                      lambda s, c=counts, w=written: ", ".join(f"{q} {w}" for q in c(s)), "quantity", frozenset({noun}))


def _number_check(t: Tally, label: str, position: int, states, rival, show, kind: str,
                  counted: frozenset[str] = frozenset()) -> None:
    """A claimed number against the item's sentences: found where a sentence about the same thing states
    it; contradicted where the decision, or a sentence more about the claim's words, states another."""
    sentences = [s for s in t.item.sentences if _year_fits(t.claim, s)]
    decision_rivals = [s for s in t.item.decision if rival(s) and not is_vote_sentence(s.text) and t.touches(s)]
    decision_found = [s for s in t.item.decision if states(s)]
    if decision_found:  # the decision states it: what the case text says besides does not matter
        t.add(FOUND, f"{kind}_found", position, decision_found[:1], claimed=label)
        return
    if claims_decided(t.claim.text) and decision_rivals:
        best = max(decision_rivals, key=t.overlap)
        t.add(CONTRADICTED, f"{kind}_decision" if kind == "amount" else f"{kind}_other", position, [best],
              claimed=label, stated=show(best))
        return
    def overlap(s: Sentence) -> float:  # the counted noun ("pladser") is part of the figure, not its context
        return t.overlap(s, counted)

    found = sorted((s for s in sentences if states(s)), key=overlap, reverse=True)
    rivals = sorted((s for s in sentences if rival(s)), key=overlap, reverse=True)
    best_found = overlap(found[0]) if found else -1.0
    best_rival = overlap(rivals[0]) if rivals else -1.0
    # a figure is often explained by the sentence after it ("... i alt ca. 640 mio. kr. Dvs. ca. 415 mio.
    # kr. plus et risikotillæg ..."): with it, the figure's sentence may speak to the claim as well
    in_context = max((t.overlap_with_next(s, counted) for s in found), default=-1.0)
    # a sentence that says the figure with the claim's own words ("Der søges i alt om kr. 3.994.488")
    phrase = words_before(t.claim.text, position)
    worded = [s for s in rivals if says_with(s.text, phrase)]
    if found and max(best_found, in_context) >= best_rival - CLEARLY_MORE:
        t.add(FOUND, f"{kind}_found", position, found[:1], claimed=label)
    elif rivals and best_rival >= MIN_NUMBER_CONTEXT and best_rival >= in_context + CLEARLY_MORE and t.names_all(rivals[0]):
        t.add(CONTRADICTED, f"{kind}_other", position, rivals[:1], claimed=label, stated=show(rivals[0]))
    elif worded and not found:
        t.add(CONTRADICTED, f"{kind}_other", position, worded[:1], claimed=label, stated=show(worded[0]))
    else:
        t.add(ABSENT, f"{kind}_absent", position, claimed=label)


def check_comparisons(t: Tally) -> None:
    """A ranking or comparison ("den 11. billigste kommune", "den højeste andel") against the item: found in a
    sentence about the claim's words saying it (with the same rank); contradicted by one that says it with
    another rank, or says the opposite ("dyreste", "laveste") without it, about the claim's words."""
    for claimed in comparisons(t.claim.text):
        about = [s for s in t.item.sentences if t.overlap(s) > 0 and t.names_all(s)]
        said = [s for s in about if claimed.word in s.text.lower()]
        label = f"{claimed.rank}. {claimed.word}" if claimed.rank else claimed.word
        if claimed.rank:
            ranked = [s for s in said if claimed.rank in ranks(s.text, claimed.word)]
            other = [s for s in said if ranks(s.text, claimed.word) and claimed.rank not in ranks(s.text, claimed.word)]
            if ranked:
                t.add(FOUND, "comparison_found", claimed.position, ranked[:1], claimed=label)
            elif other:
                stated = ", ".join(f"{r}. {claimed.word}" for r in sorted(ranks(other[0].text, claimed.word), key=int))
                t.add(CONTRADICTED, "comparison_other", claimed.position, other[:1], claimed=label, stated=stated)
            else:
                t.add(ABSENT, "comparison_absent", claimed.position, claimed=label)
            continue
        opposite = [s for s in about if claimed.opposite in s.text.lower() and claimed.word not in s.text.lower()
                    and t.overlap(s) >= MIN_NUMBER_CONTEXT]
        if said:
            t.add(FOUND, "comparison_found", claimed.position, said[:1], claimed=label)
        elif opposite:
            t.add(CONTRADICTED, "comparison_other", claimed.position, opposite[:1], claimed=label, stated=claimed.opposite)
        else:
            t.add(ABSENT, "comparison_absent", claimed.position, claimed=label)
