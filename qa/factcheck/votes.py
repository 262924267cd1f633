"""A claim's votes against the decision: the count, who voted against or abstained (parties as their
letters, people by surname), "enstemmigt" / "uden stemmer imod", and the reason given for a vote. A
decision that records no one against bears out "no votes against" only when it says so, and contradicts
"X voted against" (the minutes print every vote against)."""

from __future__ import annotations

from qa.factcheck.item import Item, Sentence
from qa.factcheck.tally import ABSENT, CONTRADICTED, FOUND, Tally
from qa.vocabulary.claims import (
    claimed_action,
    claims_abstained,
    claims_against,
    claims_no_dissent,
    claims_only,
    decided_action,
    is_vote_sentence,
    reason,
    records_no_against,
    supporters,
    vote_blocks,
    vote_count,
    voters,
    votes_for,
)
from qa.vocabulary.claims import voter_names as voter_names_of
from qa.vocabulary.words import content_stems, danish_equivalents, full_names, stem


def _vote_sentences(item: Item) -> list[Sentence]:
    return [s for s in item.decision if is_vote_sentence(s.text)] or item.decision


def check_votes(t: Tally) -> None:
    claim, item = t.claim, t.item
    text = claim.text
    decision = item.decision_text
    cited = _vote_sentences(item)
    claimed, recorded = vote_count(text), vote_count(decision)
    position = text.find("for") if "for" in text else 0
    if claimed:
        if recorded == claimed:
            t.add(FOUND, "votes_found", position, cited, pro=str(recorded[0]), con=str(recorded[1]))
        elif recorded:
            t.add(CONTRADICTED, "votes_other", position, cited, pro=str(recorded[0]), con=str(recorded[1]),
                  cpro=str(claimed[0]), ccon=str(claimed[1]))
        elif not t.decision_elsewhere:
            t.add(ABSENT, "votes_absent", position)
    elif (pro := votes_for(text)) is not None:
        if recorded and recorded[0] == pro:
            t.add(FOUND, "for_found", position, cited, pro=str(pro))
        elif recorded:
            t.add(CONTRADICTED, "for_other", position, cited, pro=str(recorded[0]), cpro=str(pro))
        elif not t.decision_elsewhere:
            t.add(ABSENT, "votes_absent", position)
    blocks = vote_blocks(decision)
    act = claimed_action(text)
    chosen = [b for b in blocks if act and decided_action(b.outcome) == act] or blocks
    against = set().union(*(b.against for b in chosen)) if chosen else set()
    abstained = set().union(*(b.abstained for b in chosen)) if chosen else set()
    pro = set().union(*(b.pro for b in chosen)) if chosen else set()
    backers = supporters(text)
    if backers and item.decision and not t.decision_elsewhere:
        position = max(0, text.lower().find("stemme"))
        named = ", ".join(sorted(backers))
        if backers & (against | abstained):
            t.add(CONTRADICTED, "for_party_other", position, cited, claimed=named,
                  who=", ".join(sorted(backers & (against | abstained))))
        elif backers <= pro:
            t.add(FOUND, "for_party_found", position, cited, claimed=named)
        else:
            t.add(ABSENT, "for_party_absent", position, claimed=named)
    if claims_no_dissent(text):
        position = max(text.lower().find("imod"), text.lower().find("enstemmig"), 0)
        if against or (recorded and recorded[1]):
            t.add(CONTRADICTED, "no_dissent_other", position, cited, who=", ".join(sorted(against)) or str(recorded[1]))
        elif records_no_against(decision):  # said, not inferred from silence
            t.add(FOUND, "no_dissent_found", position, cited)
        elif item.decision and not t.decision_elsewhere:
            t.add(ABSENT, "votes_absent", position)
        return
    claimed_parties = voters(text) | {n.split()[-1] for n in full_names(text) if n.split()[-1] in decision and n.split()[0] in decision}
    claimed_parties |= {name.split()[-1] for name in full_names(text) if set(name.split()) <= voter_names_of(text)}
    if not claimed_parties or not item.decision or t.decision_elsewhere:
        return
    who = " ".join(sorted(claimed_parties))
    if claims_against(text):
        position = text.lower().find("imod") if "imod" in text.lower() else text.lower().find("against")
        if against:
            if claimed_parties <= against and (not claims_only(text) or claimed_parties == against):
                t.add(FOUND, "against_found", position, cited, who=", ".join(sorted(against)))
            elif claimed_parties & abstained:
                t.add(CONTRADICTED, "against_abstained", position, cited, claimed=who)
            else:
                t.add(CONTRADICTED, "against_other", position, cited, who=", ".join(sorted(against)), claimed=who)
        elif claimed_parties & abstained:
            t.add(CONTRADICTED, "against_abstained", position, cited, claimed=who)
        elif recorded and recorded[1] == 0 or records_no_against(decision) or not (recorded and recorded[1]):
            t.add(CONTRADICTED, "against_none", position, item.decision[:1])
    elif claims_abstained(text):
        position = text.lower().find("undlod")
        if claimed_parties <= abstained:
            t.add(FOUND, "abstain_found", position, cited, who=", ".join(sorted(abstained)))
        elif abstained or against:
            t.add(CONTRADICTED, "abstain_other", position, cited, claimed=who)


def check_reason(t: Tally) -> None:
    """The reason a claim gives for a vote against, beside the reason the decision records."""
    claim, item = t.claim, t.item
    given = reason(claim.text)
    if not given or not claims_against(claim.text):
        return
    words = {stem(w) for w in content_stems(given, language=claim.language)} - {"parti", "partiet", "ønsk"}
    for sentence in item.decision:
        stated = reason(sentence.text) if is_vote_sentence(sentence.text) else None
        if not stated:
            continue
        position = claim.text.find(given[:10])
        if words & set(content_stems(stated)):
            t.add(FOUND, "reason_found", position, [sentence])
        elif claim.english and not words & danish_equivalents(given):
            return  # English words the glossary cannot read say nothing against the minutes' reason
        else:
            t.add(CONTRADICTED, "reason_other", position, [sentence])
        return
