"""A claim as the checks read it, and the tally of what they found: per fact found, contradicted or
absent, with what the minutes say and the sentence to cite."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from qa.citations import CitationRegistry
from qa.factcheck.explain import message
from qa.factcheck.item import Item, Sentence, sentence_overlap
from qa.retrieval import Retriever
from qa.vocabulary.words import content_stems

FOUND, CONTRADICTED, ABSENT = "found", "contradicted", "absent"


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
    llm: str = ""  # the LLM's entailment judgement, when one was asked
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
