"""The offline answerer: no LLM, only the minutes' own words.

- decision and vote questions: the decision of the item the question is about, verbatim, with meeting,
  date and item; where the item has no decision, that is said and the recommendation is quoted as such;
- recommendation questions: the administration's recommendation, labelled as a proposal;
- other questions: the best supporting sentences of the retrieved passages.
"""

from __future__ import annotations

from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa import messages
from qa.citations import CitationRegistry
from qa.messages import meeting_label
from qa.question import Question
from qa.retrieval import item_section
from qa.types import Citation, Passage, QuestionKind
from qa.vocabulary.cues import asks_amount, asks_count, asks_date, asks_frequency, records_vote, states_frequency
from qa.vocabulary.dates import states_date
from qa.vocabulary.numbers import states_amount, states_count
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems, name_stems


def answer_extractively(question: Question, passages: list[Passage], store: Store) -> tuple[str, list[Citation]]:
    registry = CitationRegistry()
    if question.kind in (QuestionKind.DECISION, QuestionKind.VOTE, QuestionKind.RECOMMENDATION):
        lines = _item_answers(question, passages, store, registry)
        if lines:
            return "\n".join(lines), registry.citations
    return _fact_answer(question, passages, registry), registry.citations


def _item_key(passage: Passage) -> tuple[str, str]:
    return passage.source.meeting_id, passage.source.item_number


def target_items(question: Question, passages: list[Passage]) -> list[Passage]:
    """The passages standing for the items the question is about: the best item first, then the same case
    at other meetings (an item with the same title)."""
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
        elif content_stems(passage.source.item_title) == content_stems(chosen[0].source.item_title) and len(chosen) < 3:
            chosen.append(passage)
    return sorted(chosen, key=lambda p: (p.source.meeting_date is None, p.source.meeting_date), reverse=True)


def _item_answers(question: Question, passages: list[Passage], store: Store, registry: CitationRegistry) -> list[str]:
    language = question.language
    lines: list[str] = []
    for target in target_items(question, passages):
        ref = target.source
        where = meeting_label(ref, language)
        decisions = [] if question.kind is QuestionKind.RECOMMENDATION else item_section(store, ref, SectionKind.DECISION)
        if decisions:
            quoted = []
            for passage in decisions:
                spans = [(0, len(passage.text))]
                if question.kind is QuestionKind.VOTE:
                    votes = [s for s in sentences(passage.text) if records_vote(passage.text[s[0]:s[1]])]
                    wanted = set(question.terms) | name_stems(question.text)
                    best = sorted(votes, key=lambda s: -len(wanted & set(content_stems(passage.text[s[0]:s[1]]))))[:3]
                    spans = sorted(best) or spans
                for start, end in spans:
                    quoted.append(f"«{passage.text[start:end]}» [{registry.add(passage, start, end)}]")
            text = " ".join(quoted)
            lines.append(messages.DECIDED[language].format(where=where, number=ref.item_number, title=ref.item_title, text=text))
            continue
        if question.kind is not QuestionKind.RECOMMENDATION:
            lines.append(messages.NO_DECISION[language].format(where=where, number=ref.item_number, title=ref.item_title))
        recommendations = item_section(store, ref, SectionKind.RECOMMENDATION)
        if recommendations:
            text = " ".join(f"«{p.text}» [{registry.add(p)}]" for p in recommendations[:2])
            line = messages.RECOMMENDATION[language].format(text=text)
            if question.kind is QuestionKind.RECOMMENDATION:
                line = f"{where}, pkt. {ref.item_number} «{ref.item_title}». " + line
            lines.append(line)
    return lines


def _fact_answer(question: Question, passages: list[Passage], registry: CitationRegistry) -> str:
    terms = set(question.terms)
    names = name_stems(question.text) & terms
    wants_amount, wants_count = asks_amount(question.text), asks_count(question.text)
    wants_date, wants_frequency = asks_date(question.text), asks_frequency(question.text)
    candidates = []
    for rank, passage in enumerate(passages[:6]):
        title_terms = set(content_stems(passage.source.item_title))
        for start, end in sentences(passage.text):
            sentence = passage.text[start:end]
            stems = set(content_stems(sentence))
            if not stems:
                continue
            overlap = len(stems & terms) / max(1, len(terms))
            context = len(title_terms & terms) / max(1, len(terms))
            score = overlap + 0.3 * context - 0.04 * rank
            if wants_amount and states_amount(sentence):
                score += 0.5
            elif wants_count and states_count(sentence):
                score += 0.4
            if wants_date and states_date(sentence):
                score += 0.25
            if wants_frequency and states_frequency(sentence):
                score += 0.25
            if (names - title_terms) & stems:  # a name the item's title does not already carry
                score += 0.3
            if passage.source.section is SectionKind.DECISION:
                score += 0.05
            elif passage.source.section is SectionKind.RECOMMENDATION:
                score -= 0.15  # a recommendation restates the item; facts sit elsewhere
            candidates.append((score, rank, start, end, passage))
    if not candidates:
        return ""
    candidates.sort(key=lambda c: -c[0])
    best = candidates[0]
    chosen = [best]
    for candidate in candidates[1:4]:
        if candidate[0] >= 0.8 * best[0] and candidate[4].chunk_id == best[4].chunk_id and len(chosen) < 2:
            chosen.append(candidate)
    chosen.sort(key=lambda c: c[2])
    passage = best[4]
    text = " ".join(f"«{p.text[s:e]}» [{registry.add(p, s, e)}]" for _, _, s, e, p in chosen)
    return messages.ACCORDING_TO[question.language].format(
        where=meeting_label(passage.source, question.language), number=passage.source.item_number,
        title=passage.source.item_title, text=text,
    )
