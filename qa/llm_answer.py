"""Answering with an LLM: numbered passages in, cited sentences out, every sentence checked.

Keys the model invents are dropped; a sentence whose numbers, dates or names are not in the passages it
cites is removed (and counted); if nothing supported is left, the extractive answer is given instead.
A failing backend (refused connection, HTTP error, timeout) gives a clear error answer, never a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from qa import messages
from qa.citations import cite
from qa.generation import ChatModel, check_cited, format_passages, generate
from qa.prompts import NOT_FOUND_TOKEN
from qa.question import Question
from qa.types import Answer, Passage, Status

log = logging.getLogger(__name__)

_LANGUAGE = {"da": "dansk", "en": "engelsk (English)"}


def answer_with_llm(llm: ChatModel, question: Question, passages: list[Passage], answer: Answer,
                    on_token: Callable[[str], None] | None = None) -> Answer | None:
    """The LLM's answer, checked; None when none of its sentences survived the check."""
    values = {"language": _LANGUAGE[question.language], "not_found": NOT_FOUND_TOKEN,
              "passages": format_passages(passages, question.language), "question": question.text}
    try:
        raw = generate(llm, "answer", values, on_token)
    except Exception as exc:  # the backend's own errors differ by provider; all end here, clearly
        log.warning("LLM backend failed: %s", exc)
        answer.status = Status.ERROR
        answer.answer = f"The answer backend ({answer.backend}) failed: {type(exc).__name__}: {str(exc)[:200]}"
        return answer
    if NOT_FOUND_TOKEN in raw:
        answer.answer = f"{messages.NOT_FOUND[question.language]} {answer.searched}"
        return answer
    checked = check_cited(raw, passages)
    answer.removed_sentences = checked.removed
    if not checked.text:
        log.info("no supported sentence from the LLM (%d removed); the extractive answer is given", checked.removed)
        return None
    answer.status = Status.ANSWERED
    answer.answer = checked.text
    answer.citations = [cite(passages[k - 1], k) for k in checked.cited]
    return answer
