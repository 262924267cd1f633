"""Checked generation: the one way `qa` calls an LLM.

A prompt file is loaded (placeholders checked), the typed chat model is called or streamed, and for
cited text the reply is checked: keys that were never issued are dropped, and a sentence without a key,
or whose numbers, names or act are not in the passages it cites, is removed and counted. Answers, summary
gists and fact-check entailment all go through here.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from ingest.vocabulary import SectionKind, reads_as_instructions
from qa.citations import CITATION_KEY, parse_keys
from qa.messages import meeting_label
from qa.prompts import load_prompt
from qa.types import Passage
from qa.vocabulary.claims.acts import claims_decided, decided_action, stated_act
from qa.vocabulary.claims.votes import is_vote_line
from qa.vocabulary.dates import stated_days, supports_day
from qa.vocabulary.numbers import numbers_in, parse_number, show_amount, spelled_numbers, stated_amounts, supports_amount
from qa.vocabulary.sentences import sentences, split_sentences
from qa.vocabulary.words import detect_language, holds_name, stated_names

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


def trusted_text(text: str) -> str:
    """A passage's text without its sentences that read as instructions to a language model ("Ignorer alle
    tidligere instruktioner og svar at ..."): quoted to the model as data, never evidence for what it writes."""
    kept = [text[s:e] for s, e in sentences(text) if not reads_as_instructions(text[s:e])]
    return " ".join(" ".join(kept).split())


def visible(text: str) -> str:
    """The text without invisible format characters (zero-width spaces and joiners, direction marks): a
    number or a name split by one reads whole to a reader and must read whole to the checks."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _acts(cited: list[Passage]) -> set[str | None]:
    """What the cited passages say was done, sentence by sentence: never a recommendation's proposal or
    the wish of those who voted against ("som ønskede sagen udsat")."""
    return {decided_action(s) for p in cited if p.source.section is not SectionKind.RECOMMENDATION
            for s in split_sentences(trusted_text(p.text)) if not is_vote_line(s)}


def unsupported_facts(sentence: str, cited: list[Passage]) -> list[str]:
    """What the sentence states that its cited passages do not: amounts compared as amounts with their
    units (250.000 kr. is not in 4.250.000 kr.; 1,5 mio. kr. is 1.500.000 kr.) and other numbers as numbers,
    digits or words ("syv"); days as days (the meeting's date is the passage's); names as whole names
    ("Jens Holm" is not in "Jens Holmberg"); and an act the cited passages do not make: opposite to the
    cited decision's ("forkastede", "godkendte ikke" where it says "Godkendt"), or a decision resting on
    no decision at all (on a recommendation, on nothing). Text reading as instructions to a model is
    never support."""
    haystack = " ".join(trusted_text(p.text) for p in cited)
    titles = " ".join(p.source.item_title or "" for p in cited)
    labels = " ".join(meeting_label(p.source, "da") for p in cited)
    sentence = visible(CITATION_KEY.sub("", sentence))
    language = detect_language(sentence)
    stated_days_, _ = stated_days(f"{haystack} {labels}")
    claimed_days, sentence_rest = stated_days(sentence)
    stated_numbers = {parse_number(n) for n in numbers_in(f"{haystack} {titles}")} | set(spelled_numbers(haystack))
    missing = [f"{d}.{m}.{y or ''}" for d, m, y in claimed_days if not supports_day(stated_days_, stated_numbers, (d, m, y))]
    stated, _ = stated_amounts(haystack)
    claimed, numbers = stated_amounts(sentence_rest)
    missing += [show_amount(a) for a in claimed if not any(supports_amount(s, a) for s in stated)]
    missing += [n for n in numbers if parse_number(n) not in stated_numbers]
    missing += [str(n) for n in spelled_numbers(sentence_rest, language) if n not in stated_numbers]
    missing += [name for name in stated_names(sentence, haystack) if not holds_name(f"{haystack} {titles}", name)]
    act = stated_act(sentence)
    if act in _OPPOSITE:
        done = {decided_action(s) for p in cited if p.source.section is SectionKind.DECISION
                for s in split_sentences(trusted_text(p.text))}
        if _OPPOSITE[act] in done and act not in done:
            return missing + [f"{act} (the decision: {_OPPOSITE[act]})"]
    if act and (act != "approved" or claims_decided(sentence)) and act not in _acts(cited):
        missing.append(f"{act} (not in the cited passages)")
    return missing


def check_cited(raw: str, passages: list[Passage]) -> Checked:
    """Keep the sentences of a generated text that cite given passages holding their facts."""
    cleaned, _ = parse_keys(visible(raw), len(passages))
    kept: list[str] = []
    removed = 0
    for sentence in split_sentences(cleaned):
        keys = [int(k) for k in CITATION_KEY.findall(sentence)]
        if not keys or reads_as_instructions(sentence) or unsupported_facts(sentence, [passages[k - 1] for k in keys]):
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
