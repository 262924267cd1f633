"""The checks of a claim against the item it is about. Each returns, per fact the claim states, one of
found / contradicted / absent, with what the minutes say and the sentence to cite.

- A number (amount, percentage, count) counts only in a sentence that also holds the words it is claimed
  about; it is contradicted only by a sentence that says those words with another number, and a decision
  that states another figure than the case text wins over the case text (the decision may change it).
- Votes: the count, who voted against or abstained (parties as their letters), "enstemmigt" / "uden
  stemmer imod". A decision that records no one against bears out "no votes against" and contradicts "X
  voted against" (the minutes print every vote against).
- What was done: the decision's act (approved, rejected, noted, sent on, postponed). A decision that
  answers the recommendation ("Ikke godkendt", "Kan ikke anbefales") rejects what the recommendation
  proposed; an amendment voted down is not what was decided; the wish of those who voted against is
  not the decision.
- The body: a claim about a body whose treatment the minutes only plan is not evidence either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ingest.vocabulary import SectionKind
from qa.citations import CitationRegistry
from qa.factcheck.explain import act_name, message
from qa.factcheck.item import Item, Sentence, sentence_overlap
from qa.retrieval import Retriever
from qa.vocabulary.claims import (
    Amount,
    absent_people,
    action_position,
    amendment_carried,
    amendment_fell,
    amounts_in,
    answers_recommendation,
    claimed_action,
    claimed_proposers,
    claims_abstained,
    claims_against,
    claims_decided,
    claims_no_dissent,
    claims_only,
    decided_action,
    is_amendment,
    is_frame_name,
    is_negated,
    is_vote_line,
    is_vote_sentence,
    negated_stems,
    party_letters,
    quantities_in,
    reason,
    records_absence,
    records_no_against,
    records_proposer,
    same_amount,
    says_with,
    starts_numbered,
    vote_blocks,
    vote_count,
    voters,
    votes_for,
    words_before,
)
from qa.vocabulary.claims import voter_names as voter_names_of
from qa.vocabulary.words import content_stems, full_names, stem

FOUND, CONTRADICTED, ABSENT = "found", "contradicted", "absent"
MIN_NUMBER_CONTEXT = 0.25  # share of the claim's subject a sentence must hold for its other figure to contradict
CLEARLY_MORE = 0.15  # how much more of the claim's words a sentence with another figure must hold to contradict
STATEMENT = 0.6  # share of the claim's subject one decision sentence must hold to state the claim


@dataclass
class Claim:
    text: str
    language: str
    terms: set[str]  # what the claim is about: its subject words, stemmed (no numbers, names or cue words)
    years: set[str]
    bodies: tuple[str, ...]  # the bodies the claim names
    names: frozenset[str] = frozenset()  # stems of the things it names ("Rådhus"; not a municipality or body)
    day: date | None = None  # the day the claim dates the treatment to
    day_position: int = 0

    @property
    def english(self) -> bool:
        return self.language == "en"


@dataclass
class Finding:
    status: str
    text: str
    position: int  # where in the claim the fact stands (to tell its clauses apart)
    keys: list[int] = field(default_factory=list)


@dataclass
class Tally:
    claim: Claim
    item: Item
    retriever: Retriever
    registry: CitationRegistry = field(default_factory=CitationRegistry)
    findings: list[Finding] = field(default_factory=list)
    decision_elsewhere: bool = False  # the claim is about a body whose decision the minutes do not hold

    def add(self, status: str, key: str, position: int, cite: list[Sentence] | None = None, **values: str) -> None:
        keys = [self.registry.add(s.passage, s.start, s.end) for s in (cite or [])[:2]]
        text = message(self.claim.language, key, **values) + "".join(f" [{k}]" for k in keys)
        self.findings.append(Finding(status, text, position, keys))

    def overlap(self, sentence: Sentence, leave_out: frozenset[str] = frozenset()) -> float:
        return sentence_overlap(self.claim.terms - leave_out, sentence.stems, self.retriever)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.findings)

    def touches(self, sentence: Sentence) -> bool:
        """Whether a sentence holds any of the claim's subject words, or the head of one of its compounds
        ("minimum" for "minimumsbeløbet")."""
        return any(t == w or len(w) >= 5 and t.startswith(w) for t in self.claim.terms for w in sentence.stems)

    def names_all(self, sentence: Sentence) -> bool:
        """Whether a sentence (with its item's title) names what the claim names ("Greve Rådhus" → Rådhus)."""
        context = sentence.stems | set(content_stems(self.item.ref.item_title))
        return all(name in context for name in self.claim.names)

    def overlap_with_next(self, sentence: Sentence, leave_out: frozenset[str] = frozenset()) -> float:
        sentences = self.item.sentences
        i = sentences.index(sentence)
        following = sentences[i + 1].stems if i + 1 < len(sentences) else frozenset()
        return sentence_overlap(self.claim.terms - leave_out, sentence.stems | following, self.retriever)


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

        _number_check(t, amount.show(), amount.start, states, rival,
                      lambda s, a=amount: ", ".join(x.show() for x in amounts_in(s.text) if x.unit == a.unit), "amount")


def check_quantities(t: Tally) -> None:
    claim = t.claim
    if vote_count(claim.text) or votes_for(claim.text):
        return
    for number, noun, position in quantities_in(claim.text):
        def counts(s: Sentence, n: str = noun) -> list[str]:
            return [q for q, w, _ in quantities_in(s.text) if w == n]

        _number_check(t, f"{number} {noun}", position, lambda s, n=number, c=counts: n in c(s),
                      lambda s, n=number, c=counts: bool(c(s)) and n not in c(s),
                      lambda s, c=counts, w=noun: ", ".join(f"{q} {w}" for q in c(s)), "quantity", frozenset({noun}))


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


def sentence_act(item: Item, sentence: Sentence) -> str | None:
    """What one decision sentence did; one answering the recommendation ("Ikke godkendt", "1. og 2. ikke
    godkendt") rejects what the recommendation proposed (a proposal to keep a refusal, rejected, grants)."""
    act = decided_action(sentence.text)
    if act == "rejected" and answers_recommendation(sentence.text) and item.recommendation:
        proposed = decided_action(" ".join(s.text for s in item.recommendation))
        act = "approved" if proposed == "rejected" else "rejected"
    return act


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


def check_reason(t: Tally) -> None:
    """The reason a claim gives for a vote against, beside the reason the decision records."""
    claim, item = t.claim, t.item
    given = reason(claim.text)
    if not given or not claims_against(claim.text):
        return
    words = {stem(w) for w in content_stems(given)} - {"parti", "partiet", "ønsk"}
    for sentence in item.decision:
        stated = reason(sentence.text) if is_vote_sentence(sentence.text) else None
        if not stated:
            continue
        position = claim.text.find(given[:10])
        if words & set(content_stems(stated)):
            t.add(FOUND, "reason_found", position, [sentence])
        else:
            t.add(CONTRADICTED, "reason_other", position, [sentence])
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


def check_date(t: Tally) -> None:
    """A claim dated to the day ("besluttede den 16. januar 2023") against the meeting that treated the item."""
    day, held = t.claim.day, t.item.ref.meeting_date
    if day is None or held is None:
        return
    label = held.strftime("%d-%m-%Y")
    if day == held:
        t.add(FOUND, "date_found", t.claim.day_position, claimed=label)
    else:
        t.add(CONTRADICTED, "date_other", t.claim.day_position, t.item.decision[:1], stated=label, claimed=day.strftime("%d-%m-%Y"))


def check_names(t: Tally) -> None:
    claim, item = t.claim, t.item
    context = f"{item.text} {item.ref.item_title}"
    for name in full_names(claim.text):
        if set(name.split()) <= voter_names_of(claim.text):
            continue  # a voter's name is checked against the vote
        if name.split()[0].lower() in {"byrådet", "økonomiudvalget", "the", "in"}:
            continue
        if party_letters(name) or is_frame_name(name):
            continue
        if not all(word in context for word in name.split()):
            t.add(ABSENT, "name_absent", claim.text.find(name), claimed=name)


def check_attendance(t: Tally) -> None:
    """A claim that someone did not take part ("X deltog ikke pga. afbud") against the item's attendance
    lines ("Afbud", "Fraværende", "X deltog ikke i sagens behandling"). A person not listed there is not
    evidence either way: attendance is not always recorded per item."""
    for name in absent_people(t.claim.text):
        surname = name.split()[-1]
        lines = [s for s in t.item.sentences if s.section is SectionKind.ATTENDANCE or records_absence(s.text)]
        hit = [s for s in lines if surname in s.text]
        position = t.claim.text.find(name)
        if hit:
            t.add(FOUND, "absence_found", position, hit[:1], claimed=name)
        else:
            t.add(ABSENT, "absence_absent", position, claimed=name)


def check_proposer(t: Tally) -> None:
    """Who proposed or asked for something ("efter forslag fra De Konservative", "X begærede sagen i
    byrådet") against the item: its title ("Initiativretsforslag fra (C)") and the decision's lines that
    say who proposed, asked or put forward an amendment."""
    who = claimed_proposers(t.claim.text)
    if not who:
        return
    lines = [s for s in t.item.decision if records_proposer(s.text)]
    title = t.item.ref.item_title
    said = party_letters(title) if records_proposer(title) else set()
    said |= {w for s in lines for w in who if w in s.text or w in party_letters(s.text)}
    others = set().union(*(claimed_proposers(s.text) for s in lines)) - who if lines else set()
    position = max(0, t.claim.text.lower().find("forslag"))
    if who <= said:
        t.add(FOUND, "proposer_found", position, lines[:1], claimed=", ".join(sorted(who)))
    elif others and not said:
        t.add(CONTRADICTED, "proposer_other", position, lines[:1], claimed=", ".join(sorted(who)), who=", ".join(sorted(others)))
    else:
        t.add(ABSENT, "proposer_absent", position, claimed=", ".join(sorted(who)))
