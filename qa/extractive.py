"""The offline answerer: no LLM, only the minutes' own words.

- decision and vote questions: the decision of the item the question is about, whole and verbatim, with
  meeting, date and item; beside it the recommendation when the decision refers to it ("Anbefales",
  "punkt 1-3 godkendt"), labelled as the administration's proposal; then the sentences of the item that
  carry what was asked (a name, an amount, a date); the same case at other meetings, newest first.
  Where the item has no decision, that is said and the recommendation is quoted as such;
- recommendation questions: the administration's recommendation, labelled as a proposal;
- other questions: the best sentences of the retrieved passages that carry what was asked near the
  question's words, with the sentence after (or before) when the fact spills over, then the item's decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.store import Store
from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa import messages
from qa.citations import CitationRegistry
from qa.messages import meeting_label
from qa.question import Question
from qa.retrieval import item_section, section_passages
from qa.types import Citation, Passage, QuestionKind
from qa.vocabulary.cues import (
    asks_amount,
    asks_attendance,
    asks_count,
    asks_date,
    asks_frequency,
    asks_person,
    names_person,
    records_attendance,
    records_vote,
    refers_to_recommendation,
    states_frequency,
)
from qa.vocabulary.dates import states_date
from qa.vocabulary.numbers import states_amount, states_count
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, name_stems

_WHOLE_DECISION = 1500  # characters of a decision quoted whole; a longer one is quoted by its sentences
_RECOMMENDATION_QUOTE = 900  # characters of a recommendation quoted beside a decision that refers to it
_CARRYING_SHARE = 0.6  # a sentence carrying the fact asked for beats a better-matching one scoring at least this share
_OTHER_TREATMENTS = 3  # earlier or later treatments of the same case (same case number) named in an answer
_STANDING_CASE = 6  # a case number on more items than this is a standing item ("Meddelelser"), not a case

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


def answer_extractively(question: Question, passages: list[Passage], store: Store) -> tuple[str, list[Citation]]:
    registry = CitationRegistry()
    if question.kind in (QuestionKind.DECISION, QuestionKind.VOTE, QuestionKind.RECOMMENDATION):
        lines = _item_answers(question, passages, store, registry)
        if lines:
            return "\n".join(lines), registry.citations
    return _fact_answer(question, passages, store, registry), registry.citations


def _item_key(passage: Passage) -> tuple[str, str, str]:
    return passage.source.meeting_id, passage.source.item_number, passage.source.item_title


def target_items(question: Question, passages: list[Passage]) -> list[Passage]:
    """The passages standing for the items the question is about: the best item first, then the same case
    at other meetings (an item whose title shares most of its words), newest first."""
    terms = set(question.terms)

    def title_match(p: Passage) -> float:
        title = set(content_stems(p.source.item_title))
        return len(title & terms) / len(title) if title else 0.0

    def votes(p: Passage) -> bool:
        return question.kind is QuestionKind.VOTE and p.source.section is SectionKind.DECISION and records_vote(p.text)

    # the item the question names by title first; for a vote question, an item whose decision records a vote
    ranked = sorted(enumerate(passages[:8]), key=lambda ip: (-votes(ip[1]), -round(title_match(ip[1]) >= 0.5), ip[0]))
    chosen: list[Passage] = []
    for _, passage in ranked:
        if _item_key(passage) in {_item_key(c) for c in chosen}:
            continue
        if not chosen:
            chosen.append(passage)
        elif _same_case_title(passage.source.item_title, chosen[0].source.item_title) and len(chosen) < 3:
            chosen.append(passage)
    # the item the question is about first, then its other treatments, newest first
    return chosen[:1] + sorted(chosen[1:], key=lambda p: (p.source.meeting_date is not None, p.source.meeting_date), reverse=True)


def _same_case_title(a: str, b: str) -> bool:
    """Titles naming the same case: most of their words shared ("Villa Sitka - salg" ~ "Salg af Villa Sitka")."""
    first, second = set(content_stems(a)), set(content_stems(b))
    return bool(first and second) and len(first & second) / len(first | second) >= 0.5


def _quote(registry: CitationRegistry, passage: Passage, spans: list[Span]) -> str:
    return " ".join(f"«{passage.text[s:e]}» [{registry.add(passage, s, e)}]" for s, e in spans)


def _decision_spans(question: Question, passage: Passage, wanted: Wanted) -> list[Span]:
    """The whole decision, or for a long one its first sentences and those carrying what was asked."""
    if len(passage.text) <= _WHOLE_DECISION:
        return [(0, len(passage.text))]
    spans = sentences(passage.text)
    terms = set(question.terms) | name_stems(question.text)
    keep = set(spans[:3])
    keep |= {s for s in spans if (question.kind is QuestionKind.VOTE and records_vote(passage.text[s[0]:s[1]]))
             or wanted.score(passage.text[s[0]:s[1]]) > 0 and terms & set(content_stems(passage.text[s[0]:s[1]]))}
    return sorted(keep)


def _recommendation_spans(passage: Passage) -> list[Span]:
    """The recommendation's sentences up to about _RECOMMENDATION_QUOTE characters (numbered points whole)."""
    spans: list[Span] = []
    for start, end in sentences(passage.text):
        if spans and end - spans[0][0] > _RECOMMENDATION_QUOTE:
            break
        spans.append((start, end))
    return spans


def _item_answers(question: Question, passages: list[Passage], store: Store, registry: CitationRegistry) -> list[str]:
    language = question.language
    wanted = Wanted.of(question.text)
    lines: list[str] = []
    targets = target_items(question, passages)
    for target in targets:
        ref = target.source
        where = meeting_label(ref, language)
        recommendations = item_section(store, ref, SectionKind.RECOMMENDATION)
        decisions = [] if question.kind is QuestionKind.RECOMMENDATION else item_section(store, ref, SectionKind.DECISION)
        if decisions:
            text = " ".join(_quote(registry, p, _decision_spans(question, p, wanted)) for p in decisions)
            lines.append(messages.DECIDED[language].format(where=where, number=ref.item_number, title=ref.item_title, text=text))
            if recommendations and refers_to_recommendation(" ".join(p.text for p in decisions)):
                proposal = " ".join(_quote(registry, p, _recommendation_spans(p)) for p in recommendations[:1])
                lines.append(messages.REFERRED_RECOMMENDATION[language].format(text=proposal))
            continue
        if question.kind is not QuestionKind.RECOMMENDATION:
            lines.append(messages.NO_DECISION[language].format(where=where, number=ref.item_number, title=ref.item_title))
        if recommendations:
            text = " ".join(f"«{p.text}» [{registry.add(p)}]" for p in recommendations[:2])
            line = messages.RECOMMENDATION[language].format(text=text)
            if question.kind is QuestionKind.RECOMMENDATION:
                line = f"{where}, pkt. {ref.item_number} «{ref.item_title}». " + line
            lines.append(line)
    if lines and wanted.any() and question.kind is not QuestionKind.VOTE:  # a vote stands in the decision
        same_item = [p for p in passages if targets and _item_key(p) == _item_key(targets[0])
                     and p.source.section not in (SectionKind.DECISION, SectionKind.RECOMMENDATION)]
        carrying = [p for p in same_item if any(wanted.score(p.text[a:b]) > 0 for a, b in sentences(p.text))]
        details, _ = _best_sentences(question, wanted, carrying, registry, at_most=2)
        if details:  # only sentences carrying the kind of fact asked for
            lines.append(messages.DETAILS[language].format(text=details))
    if targets:
        lines += _case_history(store, targets[0].source, {_item_key(t) for t in targets}, language, registry)
    return lines


def _case_history(store: Store, first: SourceRef, shown: set[tuple[str, str, str]], language: str,
                  registry: CitationRegistry) -> list[str]:
    """The same case (same case number) at other meetings, newest first, each with its decision's lead."""
    item = store.catalogue.item(first.meeting_id, first.item_number, first.item_title)
    if item is None or not item.case_number:
        return []
    # a case number is the municipality's own journal number: another municipality's may look the same
    treatments = [i for i in store.catalogue.items_of_case(item.case_number) if not i.closed and i.municipality == item.municipality]
    if len(treatments) > _STANDING_CASE:
        return []
    others = sorted((i for i in treatments if (i.meeting_id, i.number, i.title) not in shown),
                    key=lambda i: (i.meeting_date is not None, i.meeting_date), reverse=True)
    lines = []
    for other in others:
        decisions = section_passages(store, other.meeting_id, other.number, other.title, SectionKind.DECISION)
        if decisions:
            text = _quote(registry, decisions[0], sentences(decisions[0].text)[:2])
            lines.append(messages.ALSO_TREATED[language].format(
                where=meeting_label(other, language), number=other.number, title=other.title, text=text))
        if len(lines) == _OTHER_TREATMENTS:
            break
    return lines


def _candidates(question: Question, wanted: Wanted, passages: list[Passage]) -> list[tuple[float, int, Span, Passage]]:
    terms = set(question.terms)
    names = name_stems(question.text) & terms
    candidates = []
    for rank, passage in enumerate(passages[:6]):
        title_terms = set(content_stems(passage.source.item_title))
        for span in sentences(passage.text):
            sentence = passage.text[span[0]:span[1]]
            stems = set(content_stems(sentence))
            if not stems:
                continue
            overlap = len(stems & terms) / max(1, len(terms))
            context = len(title_terms & terms) / max(1, len(terms))
            score = overlap + 0.3 * context - 0.04 * rank + wanted.score(sentence)
            if (names - title_terms) & stems:  # a name the item's title does not already carry
                score += 0.3
            if passage.source.section is SectionKind.DECISION:
                score += 0.05
            elif passage.source.section is SectionKind.RECOMMENDATION:
                score -= 0.15  # a recommendation restates the item; facts sit elsewhere
            candidates.append((score, rank, span, passage))
    return sorted(candidates, key=lambda c: -c[0])


def _with_spill(wanted: Wanted, passage: Passage, span: Span) -> list[Span]:
    """The sentence, and the one after (else before) it when the fact asked for spills over into it."""
    if not wanted.any() or wanted.score(passage.text[span[0]:span[1]]) > 0:
        return [span]
    spans = sentences(passage.text)
    index = spans.index(span)
    for neighbour in (index + 1, index - 1):
        if 0 <= neighbour < len(spans) and wanted.score(passage.text[spans[neighbour][0]:spans[neighbour][1]]) > 0:
            return sorted([span, spans[neighbour]])
    return [span]


def _best_sentences(question: Question, wanted: Wanted, passages: list[Passage], registry: CitationRegistry,
                    at_most: int = 2) -> tuple[str, Passage | None]:
    """The best sentences (with their spill-over) of the best passage, quoted, and that passage."""
    candidates = _candidates(question, wanted, passages)
    if not candidates:
        return "", None
    # the best sentence carrying the kind of fact asked for, unless it is far weaker than the best one
    carrying = next((c for c in candidates if wanted.score(c[3].text[c[2][0]:c[2][1]]) > 0), None)
    best = carrying if carrying and carrying[0] >= _CARRYING_SHARE * candidates[0][0] else candidates[0]
    candidates = [best] + [c for c in candidates if c is not best]
    chosen = [best]
    for candidate in candidates[1:4]:
        if candidate[0] >= 0.8 * best[0] and candidate[3].chunk_id == best[3].chunk_id and len(chosen) < at_most:
            chosen.append(candidate)
    passage = best[3]
    spans = sorted({s for c in chosen for s in _with_spill(wanted, passage, c[2])})
    return _quote(registry, passage, spans), passage


def _fact_answer(question: Question, passages: list[Passage], store: Store, registry: CitationRegistry) -> str:
    wanted = Wanted.of(question.text)
    text, best = _best_sentences(question, wanted, passages, registry)
    if best is None:
        return ""
    source = best.source
    answer = messages.ACCORDING_TO[question.language].format(
        where=meeting_label(source, question.language), number=source.item_number, title=source.item_title, text=text)
    if source.section is not SectionKind.DECISION:
        decisions = item_section(store, source, SectionKind.DECISION)
        if decisions:
            decided = " ".join(_quote(registry, p, _decision_spans(question, p, wanted)) for p in decisions)
            answer += "\n" + messages.ITEM_DECISION[question.language].format(text=decided)
    history = _case_history(store, source, {_item_key(best)}, question.language, registry)
    return "\n".join([answer, *history])
