"""The objects a question produces: filters, evidence, citations and the Answer.

One Answer feeds the CLI's JSON (`Answer.to_json`, the documented contract), the app and the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ingest.types import SourceRef


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    ERROR = "error"


@dataclass(frozen=True)
class Filters:
    municipalities: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def is_empty(self) -> bool:
        return not (self.municipalities or self.committees or self.since or self.until)

    def to_json(self) -> dict:
        return {
            "municipalities": list(self.municipalities), "committees": list(self.committees),
            "since": self.since.isoformat() if self.since else None, "until": self.until.isoformat() if self.until else None,
        }


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its rank scores."""

    chunk_id: str
    text: str
    source: SourceRef
    score: float  # fused reciprocal-rank score
    dense: float | None = None  # cosine similarity, when the dense search found it
    lexical: float | None = None  # BM25 score, when the lexical search found it


@dataclass(frozen=True)
class Citation:
    key: int
    source: SourceRef  # char_start / char_end narrowed to the quote itself
    quote: str
    verified: bool  # the quote is verbatim at source.char_start:char_end of the document

    def to_json(self) -> dict:
        return _source_json(self.key, self.source, self.quote) | {"verified": self.verified}


def _source_json(key: int, ref: SourceRef, quote: str) -> dict:
    return {
        "key": key, "source": ref.file_name, "page": ref.page, "line_start": ref.line_start, "line_end": ref.line_end,
        "char_start": ref.char_start, "char_end": ref.char_end, "municipality": ref.municipality,
        "committee": ref.committee, "meeting_date": ref.meeting_date.isoformat() if ref.meeting_date else None,
        "meeting_id": ref.meeting_id, "item_number": ref.item_number, "item_title": ref.item_title,
        "section": ref.section.value, "quote": quote,
    }


@dataclass
class Answer:
    question: str
    status: Status
    answer: str  # with citation keys like [1]
    citations: list[Citation] = field(default_factory=list)
    evidence: list[Passage] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    language: str = "da"
    backend: str = "extractive"
    embedder: str = ""
    searched: str = ""  # what was searched, said when nothing was found
    removed_sentences: int = 0  # LLM sentences dropped because their cited passages did not support them
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "status": self.status.value,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "evidence": [_source_json(i + 1, p.source, p.text) | {"score": round(p.score, 5)} for i, p in enumerate(self.evidence)],
            "filters": self.filters.to_json(),
            "language": self.language,
            "backend": self.backend,
            "embedder": self.embedder,
            "searched": self.searched,
            "removed_sentences": self.removed_sentences,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()},
        }
