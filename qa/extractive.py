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

from dataclasses import dataclass, replace

from ingest.store import Store
from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa import messages
from qa.citations import CitationRegistry
from qa.messages import meeting_label
from qa.question import Question
from qa.retrieval import Retriever, item_section, section_passages
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
_SECOND_SHARE = 0.5  # a further sentence is quoted when it adds to the first and scores at least this share of it
_FACT_SENTENCES = 3  # sentences quoted for a fact question (with their spill-over)
_FACT_ITEMS = 3  # items (those the evidence points to most) whose sentences a fact question's answer is sought in
_FOCUS_WEIGHT = 0.3  # a sentence's score for the question's words it holds that its item's title does not carry
_SUPPORT_WEIGHT = 0.3  # a sentence's score for the evidence's support of its item (the best-supported item: all of it)
_WHOLE_HISTORY_DECISION = 600  # characters of another treatment's decision quoted whole
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


def answer_extractively(question: Question, passages: list[Passage], retriever: Retriever) -> tuple[str, list[Citation]]:
    registry = CitationRegistry()
    if question.kind in (QuestionKind.DECISION, QuestionKind.VOTE, QuestionKind.RECOMMENDATION):
        lines = _item_answers(question, passages, retriever, registry)
        if lines:
            return "\n".join(lines), registry.citations
    return _fact_answer(question, passages, retriever, registry), registry.citations


def _item_key(passage: Passage) -> tuple[str, str, str]:
    return passage.source.meeting_id, passage.source.item_number, passage.source.item_title


def _support(passages: list[Passage]) -> dict[tuple[str, str, str], float]:
    """How strongly the evidence points to each item: every passage of it in the top eight counts, by rank."""
    support: dict[tuple[str, str, str], float] = {}
    for rank, passage in enumerate(passages[:8]):
        support[_item_key(passage)] = support.get(_item_key(passage), 0.0) + 1.0 / (rank + 1)
    return support


def target_items(question: Question, passages: list[Passage], retriever: Retriever | None = None) -> list[Passage]:
    """The passages standing for the items the question is about: the best item first, then the same case
    at other meetings (an item whose title shares most of its words), newest first.

    The best item is the one the evidence points to most (every passage of an item in the top eight counts,
    by its rank); for decision, vote and recommendation questions, an item the question names by its title
    comes first (each title word weighted by how specific it is, with a retriever), and for a vote question
    an item whose decision records a vote."""
    terms = set(question.terms)
    by_title = question.kind is not QuestionKind.FACT

    def title_match(p: Passage) -> float:
        title = set(content_stems(p.source.item_title))
        if retriever is not None:
            return retriever.title_share(title, terms)
        return len(title & terms) / len(title) if title else 0.0

    def votes(p: Passage) -> bool:
        return question.kind is QuestionKind.VOTE and p.source.section is SectionKind.DECISION and records_vote(p.text)

    support = _support(passages)
    ranked = sorted(enumerate(passages[:8]), key=lambda ip: (-votes(ip[1]), -(by_title and title_match(ip[1]) >= 0.5),
                                                             -support[_item_key(ip[1])], ip[0]))
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


def _item_answers(question: Question, passages: list[Passage], retriever: Retriever, registry: CitationRegistry) -> list[str]:
    store = retriever.store
    language = question.language
    wanted = Wanted.of(question.text)
    lines: list[str] = []
    targets = target_items(question, passages, retriever)
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
    if lines and question.kind is not QuestionKind.VOTE:  # a vote stands in the decision
        item = retriever.item_passages(targets[0].source)
        said = set(content_stems(" ".join([targets[0].source.item_title]
                                          + [p.text for p in item if p.source.section is SectionKind.DECISION])))
        case_text = [p for p in item if p.source.section not in (SectionKind.DECISION, SectionKind.RECOMMENDATION)]
        # the sentences carrying the kind of fact asked for; for a decision question, also those holding words
        # of the question that neither the decision nor the title says ("Godkendt." does not say which rent
        # increases were approved)
        unsaid = question.kind is QuestionKind.DECISION and not wanted.any()
        chosen = [c for c in _select(_candidates(question, wanted, case_text, passages, retriever), wanted, 2)
                  if wanted.score(c.sentence) > 0 or (unsaid and c.focus - said)]
        if chosen:
            lines.append(messages.DETAILS[language].format(text=_quote_chosen(registry, wanted, chosen)))
    if targets:
        lines += _case_history(store, targets[0].source, {_item_key(t) for t in targets}, language, registry)
    return lines


def _case_history(store: Store, first: SourceRef, shown: set[tuple[str, str, str]], language: str,
                  registry: CitationRegistry) -> list[str]:
    """The same case (same case number) at other meetings, newest first, each with its decision (whole when
    short, else its lead)."""
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
            lead = decisions[0]
            spans = [(0, len(lead.text))] if len(lead.text) <= _WHOLE_HISTORY_DECISION else sentences(lead.text)[:2]
            lines.append(messages.ALSO_TREATED[language].format(
                where=meeting_label(other, language), number=other.number, title=other.title,
                text=_quote(registry, lead, spans)))
        if len(lines) == _OTHER_TREATMENTS:
            break
    return lines


@dataclass(frozen=True)
class _Candidate:
    """A sentence of an item's passages, scored for how well it answers the question."""

    score: float
    span: Span
    passage: Passage
    focus: frozenset[str]  # the question's words (those the item title does not already carry) it holds

    @property
    def sentence(self) -> str:
        return self.passage.text[self.span[0]:self.span[1]]


def _candidates(question: Question, wanted: Wanted, item: list[Passage], evidence: list[Passage],
                retriever: Retriever) -> list[_Candidate]:
    """Every sentence of one item's passages, best first.

    A sentence scores for the share of the question it covers together with its item's title (each word
    weighted by how specific it is), so that sentences of different items compare fairly, plus a smaller
    share for the words it holds that the title does not carry (those pick the sentence inside the item),
    plus the kind of fact asked for."""
    if not item:
        return []
    weights = {t: retriever.term_weight(t) for t in question.terms}  # filter words (a committee, a date) left out
    total = sum(weights.values()) or 1.0
    title = set(content_stems(item[0].source.item_title))
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
            held = frozenset(stems & set(focus))
            covered = sum(w for t, w in weights.items() if t in stems or t in title) / total
            score = covered + _FOCUS_WEIGHT * sum(focus[t] for t in held) / focus_total + wanted.score(sentence)
            if names & stems:
                score += 0.3
            if passage.chunk_id in retrieved:
                score += 0.05
            if passage.source.section is SectionKind.DECISION:
                score += 0.05
            elif passage.source.section is SectionKind.RECOMMENDATION:
                score -= 0.15  # a recommendation restates the item; facts sit elsewhere
            candidates.append(_Candidate(score, span, passage, held))
    return sorted(candidates, key=lambda c: -c.score)


def _select(candidates: list[_Candidate], wanted: Wanted, at_most: int) -> list[_Candidate]:
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


def _quote_chosen(registry: CitationRegistry, wanted: Wanted, chosen: list[_Candidate]) -> str:
    """The chosen sentences (with their spill-over) in document order, each passage's quoted together."""
    by_passage: dict[str, tuple[Passage, set[Span]]] = {}
    for candidate in chosen:
        entry = by_passage.setdefault(candidate.passage.chunk_id, (candidate.passage, set()))
        entry[1].update(_with_spill(wanted, candidate.passage, candidate.span))
    ordered = sorted(by_passage.values(), key=lambda e: e[0].source.char_start)
    return " ".join(_quote(registry, passage, sorted(spans)) for passage, spans in ordered)


def _fact_answer(question: Question, passages: list[Passage], retriever: Retriever, registry: CitationRegistry) -> str:
    """The sentences that answer the question, from the item they stand in, and that item's decision whole.

    The sentences are sought in the items the evidence points to most (each sentence's score carrying its
    item's share of that support), the further ones only in the item of the best."""
    support = _support(passages)
    strongest = max(support.values(), default=1.0)
    wanted = Wanted.of(question.text)
    candidates: list[_Candidate] = []
    for key in sorted(support, key=lambda k: -support[k])[:_FACT_ITEMS]:
        first = next(p for p in passages if _item_key(p) == key)
        item = retriever.item_passages(first.source) or [p for p in passages if _item_key(p) == key]
        bonus = _SUPPORT_WEIGHT * support[key] / strongest
        candidates += [replace(c, score=c.score + bonus) for c in _candidates(question, wanted, item, passages, retriever)]
    candidates.sort(key=lambda c: -c.score)
    if not candidates:
        return ""
    best = _select(candidates, wanted, 1)[0]
    source = best.passage.source
    same_item = [c for c in candidates if _item_key(c.passage) == _item_key(best.passage)]
    chosen = [best] + [c for c in _select(same_item, wanted, _FACT_SENTENCES) if c is not best][:_FACT_SENTENCES - 1]
    decisions = [p for p in retriever.item_passages(source) if p.source.section is SectionKind.DECISION]
    facts = [c for c in chosen if c.passage.source.section is not SectionKind.DECISION]
    where = meeting_label(source, question.language)
    found = _quote_chosen(registry, wanted, facts) if facts else ""  # cited first: what answers the question
    decided = " ".join(_quote(registry, p, _decision_spans(question, p, wanted)) for p in decisions)
    if facts:
        lines = [messages.ACCORDING_TO[question.language].format(
            where=where, number=source.item_number, title=source.item_title, text=found)]
        if decided:
            lines.append(messages.ITEM_DECISION[question.language].format(text=decided))
    else:  # the decision itself answers: quoted whole
        lines = [messages.ACCORDING_TO[question.language].format(
            where=where, number=source.item_number, title=source.item_title, text=decided)]
    lines += _case_history(retriever.store, source, {_item_key(best.passage)}, question.language, registry)
    return "\n".join(lines)
