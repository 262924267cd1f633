"""Question → grounded Answer: resolve follow-ups, read filters, retrieve, decide whether the minutes
answer it at all, then answer extractively (default) or with an LLM, every statement cited.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from ingest.store import Store
from qa import messages
from qa.conversation import resolve_follow_up
from qa.extractive import answer_extractively
from qa.generation import ChatModel
from qa.llm_answer import answer_with_llm
from qa.question import Question, parse_question
from qa.retrieval import Retriever
from qa.types import Answer, Filters, Passage, Status
from qa.vocabulary.words import content_stems

log = logging.getLogger(__name__)

EVIDENCE_K = 8
COVERAGE_DEPTH = 5  # how many of the best passages are looked at
MIN_COVERAGE = 0.5  # share of the question's content words a passage (with its item title) must contain
MIN_DENSE_EN = 0.79  # cosine similarity an English question needs with one of the top passages (dev set)


class Answerer:
    """Holds the retriever (and its lexical index) and the optional LLM between questions."""

    def __init__(self, store: Store, llm: ChatModel | None = None, llm_name: str = "extractive"):
        self.store = store
        self.retriever = Retriever(store)
        self.llm = llm
        self.llm_name = llm_name if llm is not None else "extractive"

    def ask(self, text: str, filters: Filters | None = None, history: list[str] | None = None,
            on_token: Callable[[str], None] | None = None) -> Answer:
        """The grounded answer. With an LLM and `on_token`, the model's reply is streamed to `on_token` while
        it is written; the returned Answer is the checked one (unsupported sentences removed)."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        meetings = self.store.catalogue.meetings()
        municipalities = sorted({m.municipality for m in meetings if m.municipality})
        committees = sorted({m.committee for m in meetings if m.committee})
        previous = [parse_question(h, municipalities, committees) for h in history or []]
        question = resolve_follow_up(parse_question(text, municipalities, committees, filters), previous)
        answer = Answer(text, Status.NOT_FOUND, "", filters=question.filters, language=question.language,
                        backend=self.llm_name, embedder=self.store.embedder.name)
        answer.searched = _searched(meetings, question.filters, question.language)
        if not meetings:
            answer.answer = messages.NO_DOCUMENTS[question.language]
            return answer
        t = time.perf_counter()
        passages = self.retriever.search(question, EVIDENCE_K)
        timings["retrieval"] = time.perf_counter() - t
        answer.evidence = passages
        t = time.perf_counter()
        if not answers_question(question, passages, self.retriever.vocabulary()):
            answer.answer = f"{messages.NOT_FOUND[question.language]} {answer.searched}"
        elif self.llm is not None and (checked := answer_with_llm(self.llm, question, passages, answer, on_token)) is not None:
            answer = checked
        else:
            text_out, citations = answer_extractively(question, passages, self.store)
            if citations:
                answer.status, answer.answer, answer.citations = Status.ANSWERED, text_out, citations
            else:
                answer.answer = f"{messages.NOT_FOUND[question.language]} {answer.searched}"
        timings["answer"] = time.perf_counter() - t
        timings["total"] = time.perf_counter() - started
        answer.timings = timings
        return answer


def coverage(terms: set[str], passage: Passage) -> float:
    """Share of the question's content words found in the passage or its item title."""
    if not terms:
        return 1.0
    present = set(content_stems(f"{passage.source.item_title} {passage.text}"))
    return len(terms & present) / len(terms)


def answers_question(question: Question, passages: list[Passage], vocabulary: frozenset[str]) -> bool:
    """Whether the retrieved minutes speak to the question at all; otherwise the answer is 'not found'.

    Danish: the best passages must contain at least half of the question's content words. English: words
    the minutes never use (English ones) cannot be matched, so only the others count, and the dense match
    must be close."""
    if not passages:
        return False
    variants = [question.coverage_terms(), set(question.named)]  # without and with the words used as filters
    if question.language == "da" and variants[0] and len(variants[0] - vocabulary) * 2 >= len(variants[0]):
        return False  # half the question's words never occur in the minutes: "svømmehal i Odense"
    if question.language == "en":
        variants = [terms & vocabulary for terms in variants]
        dense = max((p.dense or 0.0) for p in passages[:3])
        if dense < MIN_DENSE_EN:
            return False
        if not variants[0]:
            return True
    if not any(variants) and not question.filters.is_empty():
        return True  # the filters (a meeting's date, a committee) are the whole question
    return any(coverage(terms, p) >= MIN_COVERAGE for terms in variants if terms for p in passages[:COVERAGE_DEPTH])


def _searched(meetings, filters: Filters, language: str) -> str:
    chosen = [m for m in meetings if filters.matches(m)]
    bodies = sorted({", ".join(p for p in (m.municipality, m.committee) if p) for m in chosen}) or ["-"]
    dates = sorted(m.meeting_date for m in chosen if m.meeting_date)
    period = f" ({dates[0].strftime('%d-%m-%Y')} – {dates[-1].strftime('%d-%m-%Y')})" if dates else ""
    return messages.SEARCHED[language].format(meetings=len(chosen), bodies="; ".join(bodies), period=period)
