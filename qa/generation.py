"""Checked generation: the one way `qa` calls an LLM.

A prompt file is loaded (placeholders checked), the typed chat model is called or streamed, and for
cited text the reply is checked: keys that were never issued are dropped, and a sentence without a key,
or whose numbers, names or act are not in the passages it cites, is removed and counted. Answers, summary
gists and fact-check entailment all go through here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from ingest.vocabulary import SectionKind
from qa.citations import CITATION_KEY, parse_keys
from qa.messages import meeting_label
from qa.prompts import load_prompt
from qa.types import Passage
from qa.vocabulary.claims.acts import claimed_action, decided_action, is_negated
from qa.vocabulary.numbers import numbers_in, parse_number
from qa.vocabulary.sentences import split_sentences
from qa.vocabulary.words import full_names, holds_name

log = logging.getLogger(__name__)

ChatModel = BaseChatModel


@dataclass(frozen=True)
class Checked:
    """What survived the check of a generated, cited text."""

    text: str  # the kept sentences, with their keys
    cited: list[int]  # the keys the kept sentences cite, in order
    removed: int  # sentences dropped: no key, or facts their passages do not hold
    raw: str  # the model's reply as it came


QUOTE_OPEN, QUOTE_CLOSE = "<<<", ">>>"  # around every passage in a prompt: quoted data, never instructions


def format_passages(passages: list[Passage], language: str) -> str:
    """Numbered passages for a prompt, each text between delimiters the prompts name as quotation (a
    passage cannot close them early): "[1] (Randers ... pkt. 3 «title», Beslutning)" then the text
    between <<< and >>>."""
    blocks = []
    for key, passage in enumerate(passages, start=1):
        ref = passage.source
        section = "Beslutning" if ref.section is SectionKind.DECISION else ref.section_heading or ref.section.label
        label = f"{meeting_label(ref, language)}, pkt. {ref.item_number} «{ref.item_title}», {section}"
        text = passage.text.replace(QUOTE_OPEN, "< < <").replace(QUOTE_CLOSE, "> > >")
        blocks.append(f"[{key}] ({label})\n{QUOTE_OPEN}\n{text}\n{QUOTE_CLOSE}")
    return "\n\n".join(blocks)


def generate(llm: ChatModel, prompt_name: str, values: dict[str, str], on_token: Callable[[str], None] | None = None) -> str:
    """The model's reply to the prompt file filled with `values`; streamed to `on_token` when given.
    Backend errors propagate: each caller decides what a failure means for it."""
    prompt = load_prompt(prompt_name, frozenset(values)).format(**values)
    if on_token is None:
        reply = llm.invoke([HumanMessage(prompt)])
        return reply.content if isinstance(reply.content, str) else str(reply.content)
    parts = []
    for piece in llm.stream([HumanMessage(prompt)]):
        token = piece.content if isinstance(piece.content, str) else str(piece.content)
        parts.append(token)
        on_token(token)
    return "".join(parts)


_OPPOSITE = {"approved": "rejected", "rejected": "approved"}


def unsupported_facts(sentence: str, cited: list[Passage]) -> list[str]:
    """What the sentence states that its cited passages do not: numbers (compared as numbers, whole: 250.000
    is not in 4.250.000), dates and names (whole names: "Jens Holm" is not in "Jens Holmberg"), and an act
    opposite to the cited decision's ("forkastede" where the decision says "Godkendt")."""
    haystack = " ".join(" ".join(p.text.split()) for p in cited)
    sentence = CITATION_KEY.sub("", sentence)
    stated = {parse_number(n) for n in numbers_in(haystack)}
    missing = [n for n in numbers_in(sentence) if parse_number(n) not in stated]
    missing += [name for name in full_names(sentence, inside_sentences=True) if not holds_name(haystack, name)]
    act = claimed_action(sentence)
    if act in _OPPOSITE and not is_negated(sentence):
        done = {decided_action(s) for p in cited if p.source.section is SectionKind.DECISION for s in split_sentences(p.text)}
        if _OPPOSITE[act] in done and act not in done:
            missing.append(f"{act} (the decision: {_OPPOSITE[act]})")
    return missing


def check_cited(raw: str, passages: list[Passage]) -> Checked:
    """Keep the sentences of a generated text that cite given passages holding their facts."""
    cleaned, _ = parse_keys(raw, len(passages))
    kept: list[str] = []
    removed = 0
    for sentence in split_sentences(cleaned):
        keys = [int(k) for k in CITATION_KEY.findall(sentence)]
        if not keys or unsupported_facts(sentence, [passages[k - 1] for k in keys]):
            removed += 1
            log.info("unsupported sentence removed: %s", sentence)
            continue
        kept.append(sentence)
    text = " ".join(kept)
    return Checked(text, parse_keys(text, len(passages))[1], removed, raw)


def checked_generation(llm: ChatModel, prompt_name: str, values: dict[str, str], passages: list[Passage],
                       on_token: Callable[[str], None] | None = None) -> Checked:
    """Generate from the prompt with the passages numbered in it, then check the reply sentence by sentence."""
    return check_cited(generate(llm, prompt_name, values, on_token), passages)
