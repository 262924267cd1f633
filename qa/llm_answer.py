"""Answering with an LLM: numbered passages in, cited sentences out, every sentence checked.

Keys the model invents are dropped; a sentence whose numbers, dates or names are not in the passages it
cites is removed (and counted); if nothing supported is left, the extractive answer is given instead.
A failing backend (refused connection, HTTP error, timeout) gives a clear error answer, never a crash.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from langchain_core.messages import HumanMessage

from ingest.vocabulary import SectionKind
from qa import messages
from qa.citations import CITATION_KEY, cite, parse_keys
from qa.extractive import meeting_label
from qa.prompts import NOT_FOUND_TOKEN, load_prompt
from qa.question import Question
from qa.types import Answer, Passage, Status

log = logging.getLogger(__name__)

_PLACEHOLDERS = frozenset({"language", "not_found", "passages", "question"})
_LANGUAGE = {"da": "dansk", "en": "engelsk (English)"}
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"“«(])|\n+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")


def format_passages(passages: list[Passage], language: str) -> str:
    blocks = []
    for key, passage in enumerate(passages, start=1):
        ref = passage.source
        section = "Beslutning" if ref.section is SectionKind.DECISION else ref.section_heading or ref.section.label
        label = f"{meeting_label(ref, language)}, pkt. {ref.item_number} «{ref.item_title}», {section}"
        blocks.append(f"[{key}] ({label})\n{passage.text}")
    return "\n\n".join(blocks)


def unsupported_facts(sentence: str, cited: list[Passage]) -> list[str]:
    """Numbers, dates and names in the sentence that none of its cited passages contains."""
    haystack = " ".join(" ".join(p.text.split()) for p in cited)
    sentence = CITATION_KEY.sub("", sentence)
    facts = _NUMBER.findall(sentence) + _NAME.findall(sentence)
    return [fact for fact in facts if fact not in haystack]


def answer_with_llm(llm, question: Question, passages: list[Passage], answer: Answer,
                    on_token: Callable[[str], None] | None = None) -> Answer | None:
    """The LLM's answer, checked; None when none of its sentences survived the check."""
    template = load_prompt("answer", _PLACEHOLDERS)
    prompt = template.format(
        language=_LANGUAGE[question.language], not_found=NOT_FOUND_TOKEN,
        passages=format_passages(passages, question.language), question=question.text,
    )
    try:
        if on_token is None:
            reply = llm.invoke([HumanMessage(prompt)])
            raw = reply.content if isinstance(reply.content, str) else str(reply.content)
        else:  # streamed as it is written; checked below like any other reply once it is complete
            parts = []
            for piece in llm.stream([HumanMessage(prompt)]):
                token = piece.content if isinstance(piece.content, str) else str(piece.content)
                parts.append(token)
                on_token(token)
            raw = "".join(parts)
    except Exception as exc:  # the backend's own errors differ by provider; all end here, clearly
        log.warning("LLM backend failed: %s", exc)
        answer.status = Status.ERROR
        answer.answer = f"The answer backend ({answer.backend}) failed: {type(exc).__name__}: {str(exc)[:200]}"
        return answer
    if NOT_FOUND_TOKEN in raw:
        answer.answer = f"{messages.NOT_FOUND[question.language]} {answer.searched}"
        return answer
    cleaned, _ = parse_keys(raw, len(passages))
    kept: list[str] = []
    removed = 0
    for sentence in (s.strip() for s in _SENTENCE_SPLIT.split(cleaned)):
        if not sentence:
            continue
        keys = [int(k) for k in CITATION_KEY.findall(sentence)]
        cited = [passages[k - 1] for k in keys]
        if not keys or unsupported_facts(sentence, cited):
            removed += 1
            log.info("unsupported sentence removed: %s", sentence)
            continue
        kept.append(sentence)
    if not kept:
        log.info("no supported sentence from the LLM (%d removed); the extractive answer is given", removed)
        answer.removed_sentences = removed
        return None
    text = " ".join(kept)
    _, cited_keys = parse_keys(text, len(passages))
    answer.status = Status.ANSWERED
    answer.answer = text
    answer.citations = [cite(passages[k - 1], k) for k in cited_keys]
    answer.removed_sentences = removed
    return answer
