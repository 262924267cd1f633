"""Which sentences of an agenda item answer a question: the kinds of fact it asks for, each sentence scored
for what it covers (with its item's title), the best one and those that add to it, quoted as citations."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.vocabulary import SectionKind
from qa.citations import CitationRegistry
from qa.question import Question
from qa.retrieval import Retriever
from qa.types import Passage
from qa.vocabulary.cues import (
    asks_amount,
    asks_attendance,
    asks_count,
    asks_date,
    asks_frequency,
    asks_person,
    names_person,
    records_attendance,
    states_frequency,
)
from qa.vocabulary.dates import states_date
from qa.vocabulary.numbers import states_amount, states_count
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, name_stems, term_alternatives

_CARRYING_SHARE = 0.6  # a sentence carrying the fact asked for beats a better-matching one scoring at least this share
_SECOND_SHARE = 0.5  # a further sentence is quoted when it adds to the first and scores at least this share of it
_FOCUS_WEIGHT = 0.3  # a sentence's score for the question's words it holds that its item's title does not carry

Span = tuple[int, int]


@dataclass(frozen=True)
class Wanted:
    """The kinds of fact a question asks for; each sentence carrying one scores."""

    amount: bool = False
    count: bool = False
    date: bool = False
    frequency: bool = False
    person: bool = False
    attendance: bool = False

    @classmethod
    def of(cls, text: str) -> Wanted:
        return cls(asks_amount(text), asks_count(text), asks_date(text), asks_frequency(text), asks_person(text),
                   asks_attendance(text))

    def any(self) -> bool:
        return any((self.amount, self.count, self.date, self.frequency, self.person, self.attendance))

    def score(self, sentence: str) -> float:
        """How much of what is asked the sentence carries."""
        bonus = 0.0
        if self.amount and states_amount(sentence):
            bonus += 0.5
        elif self.count and states_count(sentence):
            bonus += 0.4
        if self.date and states_date(sentence):
            bonus += 0.25
        if self.frequency and states_frequency(sentence):
            bonus += 0.25
        if self.attendance and records_attendance(sentence):
            bonus += 0.6
        elif self.person and names_person(sentence):
            bonus += 0.3
        return bonus



def search_terms(question: Question) -> dict[str, tuple[str, ...]]:
    """The question's search terms, each with the stems that count as it. A Danish term is its own stem. An
    English word or phrase is one term however many Danish words the glossary gives for it: any of
    plejecent / plejehjem holds "nursing homes", weighing as one word, as the Danish twin's "plejehjem" does."""
    if question.language != "en":
        return {t: (t,) for t in question.terms}
    asked = set(question.terms)
    groups = [tuple(t for t in group if t in asked) for group in term_alternatives(question.text)]
    groups += [(t,) for t in question.terms if not any(t in group for group in groups)]
    alternatives: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    for group in groups:
        group = tuple(t for t in group if t not in seen)
        if group:
            alternatives[group[0]] = group
            seen.update(group)
    return alternatives

def holds(stems: set[str], group: tuple[str, ...], joined: set[str] = frozenset()) -> bool:
    """Whether a sentence's stems hold a term (any of its alternatives), or hold it inside a compound of two
    of the question's terms (`joined`, `compound_terms`)."""
    return any(t in stems or t in joined for t in group)


def compound_terms(stems: set[str], groups: list[tuple[str, ...]]) -> set[str]:
    """The terms a sentence holds as one compound of two terms next to each other in the question (`groups`
    in the question's order, the first the compound's first part), with at most two linking letters between:
    an English question reads "project application" as projek, ansøgning, and "projektansøgningen" holds
    both, as it holds the Danish twin's one word "projektansøgning". A term that is only part of some other
    compound ("projektregnskab"), or of one the question's word order does not make ("e-learning course" is
    "e-læringskursus", "course into e-learning" is not), is not held."""
    joined: set[str] = set()
    for first, second in zip(groups, groups[1:], strict=False):
        for word in stems:
            for head in first:
                if len(head) < 2 or not word.startswith(head):
                    continue
                tails = [t for t in second if len(t) >= 2 and word.endswith(t) and 0 <= len(word) - len(head) - len(t) <= 2]
                if tails:
                    joined |= {head, *tails}
    return joined

def quote(registry: CitationRegistry, passage: Passage, spans: list[Span]) -> str:
    return " ".join(f"«{passage.text[s:e]}» [{registry.add(passage, s, e)}]" for s, e in spans)



@dataclass(frozen=True)
class Candidate:
    """A sentence of an item's passages, scored for how well it answers the question."""

    score: float
    span: Span
    passage: Passage
    focus: frozenset[str]  # the question's words (those the item title does not already carry) it holds

    @property
    def sentence(self) -> str:
        return self.passage.text[self.span[0]:self.span[1]]


def candidates(question: Question, wanted: Wanted, item: list[Passage], evidence: list[Passage],
                retriever: Retriever) -> list[Candidate]:
    """Every sentence of one item's passages, best first.

    A sentence scores for the share of the question it covers together with its item's title (each word
    weighted by how specific it is), so that sentences of different items compare fairly, plus a smaller
    share for the words it holds that the title does not carry (those pick the sentence inside the item),
    plus the kind of fact asked for."""
    if not item:
        return []
    english = question.language == "en"
    alternatives = search_terms(question)
    weights = {t: retriever.term_weight(t) if len(group) == 1 else max(retriever.term_weight(a) for a in group)
               for t, group in alternatives.items()}
    total = sum(weights.values()) or 1.0
    title_stems = set(content_stems(item[0].source.item_title))
    groups = list(alternatives.values()) if english else []
    title = {t for t, group in alternatives.items() if holds(title_stems, group, compound_terms(title_stems, groups))}
    focus = {t: w for t, w in weights.items() if t not in title} or weights
    focus_total = sum(focus.values()) or 1.0
    names = name_stems(question.text) & set(focus)
    retrieved = {p.chunk_id for p in evidence[:8]}
    candidates = []
    for passage in item:
        for span in sentences(passage.text):
            sentence = passage.text[span[0]:span[1]]
            stems = set(content_stems(sentence))
            if not stems:
                continue
            joined = compound_terms(stems, groups) if english else set()
            present = {t for t, group in alternatives.items() if holds(stems, group, joined)}
            held = frozenset(present & set(focus))
            covered = sum(w for t, w in weights.items() if t in present or t in title) / total
            score = covered + _FOCUS_WEIGHT * sum(focus[t] for t in held) / focus_total + wanted.score(sentence)
            if names & present:
                score += 0.3
            if passage.chunk_id in retrieved:
                score += 0.05
            if passage.source.section is SectionKind.DECISION:
                score += 0.05
            elif passage.source.section is SectionKind.RECOMMENDATION:
                score -= 0.15  # a recommendation restates the item; facts sit elsewhere
            candidates.append(Candidate(score, span, passage, held))
    return sorted(candidates, key=lambda c: -c.score)


def select(candidates: list[Candidate], wanted: Wanted, at_most: int) -> list[Candidate]:
    """The best sentence (one carrying the kind of fact asked for, unless it is far weaker), then those
    that add what it leaves out: other words of the question, or another fact of the kind asked for."""
    if not candidates:
        return []
    carrying = next((c for c in candidates if wanted.score(c.sentence) > 0), None)
    best = carrying if carrying and carrying.score >= _CARRYING_SHARE * candidates[0].score else candidates[0]
    chosen, covered = [best], set(best.focus)
    for candidate in candidates:
        if len(chosen) == at_most or candidate.score < _SECOND_SHARE * best.score:
            break
        if candidate in chosen:
            continue
        adds = bool(candidate.focus - covered)
        another_fact = wanted.any() and wanted.score(candidate.sentence) > 0 and candidate.focus
        if adds or another_fact:
            chosen.append(candidate)
            covered |= candidate.focus
    return chosen


def with_spill(wanted: Wanted, passage: Passage, span: Span) -> list[Span]:
    """The sentence, and the one after (else before) it when the fact asked for spills over into it."""
    if not wanted.any() or wanted.score(passage.text[span[0]:span[1]]) > 0:
        return [span]
    spans = sentences(passage.text)
    index = spans.index(span)
    for neighbour in (index + 1, index - 1):
        if 0 <= neighbour < len(spans) and wanted.score(passage.text[spans[neighbour][0]:spans[neighbour][1]]) > 0:
            return sorted([span, spans[neighbour]])
    return [span]


def quote_chosen(registry: CitationRegistry, wanted: Wanted, chosen: list[Candidate]) -> str:
    """The chosen sentences (with their spill-over) in document order, each passage's quoted together."""
    by_passage: dict[str, tuple[Passage, set[Span]]] = {}
    for candidate in chosen:
        entry = by_passage.setdefault(candidate.passage.chunk_id, (candidate.passage, set()))
        entry[1].update(with_spill(wanted, candidate.passage, candidate.span))
    ordered = sorted(by_passage.values(), key=lambda e: e[0].source.char_start)
    return " ".join(quote(registry, passage, sorted(spans)) for passage, spans in ordered)


