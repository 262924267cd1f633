"""Hybrid retrieval: dense (the store's embedder, in Chroma) + lexical (BM25 over Danish stems) + items
(an agenda item whose title the question names), fused by reciprocal rank.

Filters (municipality, committee, date range) run inside Chroma for the dense search and over the whole
lexical index before ranking, never by trimming a short list afterwards.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from ingest.catalogue import MeetingRow
from ingest.store import Store, StoredChunk
from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa.language import content_stems
from qa.question import Question, QuestionKind
from qa.types import Filters, Passage

log = logging.getLogger(__name__)

RRF_K = 60
_POOL = 40  # candidates taken from each ranked list


def chroma_where(filters: Filters, excluded_files: list[str]) -> dict | None:
    clauses: list[dict] = []
    if filters.municipalities:
        clauses.append({"municipality": {"$in": list(filters.municipalities)}})
    if filters.committees:
        clauses.append({"committee": {"$in": list(filters.committees)}})
    if filters.since:
        clauses.append({"meeting_day": {"$gte": int(filters.since.strftime("%Y%m%d"))}})
    if filters.until:
        clauses.append({"meeting_day": {"$lte": int(filters.until.strftime("%Y%m%d"))}})
    if excluded_files:
        clauses.append({"file_name": {"$nin": excluded_files}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def matches(record: SourceRef | MeetingRow, filters: Filters) -> bool:
    """Whether a chunk's source or a meeting falls within the filters (an undated one never matches dates)."""
    if filters.municipalities and record.municipality not in filters.municipalities:
        return False
    if filters.committees and record.committee not in filters.committees:
        return False
    if (filters.since or filters.until) and record.meeting_date is None:
        return False
    if filters.since and record.meeting_date < filters.since:
        return False
    return not (filters.until and record.meeting_date > filters.until)


@dataclass
class _LexicalIndex:
    chunks: list[StoredChunk]
    bm25: BM25Okapi | None  # None while nothing is indexed
    items: dict[tuple[str, str], list[int]]  # (meeting id, item number) → chunk positions, in document order
    item_titles: dict[tuple[str, str], frozenset[str]]
    positions: dict[str, int]  # chunk id → position
    vocabulary: frozenset[str]  # every stem the indexed minutes contain


def _build_index(chunks: list[StoredChunk]) -> _LexicalIndex:
    chunks = sorted(chunks, key=lambda c: (c.source.file_name, c.source.char_start))
    corpus = [
        content_stems(f"{c.source.item_title} {c.source.section_heading} {c.text}") or ["_"] for c in chunks
    ]
    items: dict[tuple[str, str], list[int]] = defaultdict(list)
    titles: dict[tuple[str, str], frozenset[str]] = {}
    for position, chunk in enumerate(chunks):
        key = (chunk.source.meeting_id, chunk.source.item_number)
        items[key].append(position)
        titles.setdefault(key, frozenset(content_stems(chunk.source.item_title)))
    bm25 = BM25Okapi(corpus) if corpus else None
    return _LexicalIndex(chunks, bm25, dict(items), titles, {c.id: i for i, c in enumerate(chunks)},
                         frozenset(bm25.idf) if bm25 else frozenset())


class Retriever:
    def __init__(self, store: Store):
        self.store = store
        self._index: _LexicalIndex | None = None
        self._revision: str | None = None

    def index(self) -> _LexicalIndex:
        revision = self.store.revision()
        if self._index is None or revision != self._revision:
            complete = {f["name"] for f in self.store.catalogue.files()
                        if f["status"] == "ok" and f.get("collection") == self.store.collection_name}
            chunks = [c for c in self.store.chunks() if c.source.file_name in complete]
            self._index, self._revision = _build_index(chunks), revision
            log.info("lexical index built over %d chunks", len(chunks))
        return self._index

    def vocabulary(self) -> frozenset[str]:
        """Every stem the indexed minutes contain."""
        return self.index().vocabulary

    def search(self, question: Question, k: int = 10) -> list[Passage]:
        index = self.index()
        if not index.chunks:
            return []
        pending = [f["name"] for f in self.store.catalogue.files() if f["status"] != "ok"]
        where = chroma_where(question.filters, pending)
        dense = self.store.query(self.store.embedder.embed_query(question.text), _POOL, where)
        allowed = np.array([matches(c.source, question.filters) for c in index.chunks])
        scores = index.bm25.get_scores(list(question.terms)) if question.terms else np.zeros(len(index.chunks))
        scores = np.where(allowed, scores, -1.0)
        lexical = [int(i) for i in np.argsort(-scores)[:_POOL] if scores[i] > 0]
        position = index.positions
        ranked_lists = [
            [position[c.id] for c in dense if c.id in position],
            lexical,
            self._item_list(index, question, allowed),
        ]
        # The item list counts double for decision, vote and recommendation questions: the section the
        # question asks for, of the item it names, is the evidence.
        item_weight = 1.0 if question.kind is QuestionKind.FACT else 2.0
        fused: dict[int, float] = defaultdict(float)
        for weight, ranked in zip((1.0, 1.0, item_weight), ranked_lists, strict=True):
            for rank, chunk_position in enumerate(ranked):
                fused[chunk_position] += weight / (RRF_K + rank + 1)
        similarity = {c.id: 1.0 - (c.distance or 0.0) for c in dense}
        passages: list[Passage] = []
        seen_texts: set[str] = set()
        for chunk_position, score in sorted(fused.items(), key=lambda kv: -kv[1]):
            chunk = index.chunks[chunk_position]
            if chunk.text in seen_texts:  # the same enclosure under two items: keep the better ranked
                continue
            seen_texts.add(chunk.text)
            passages.append(Passage(chunk.id, chunk.text, chunk.source, score, similarity.get(chunk.id),
                                    float(scores[chunk_position]) if scores[chunk_position] > 0 else None))
            if len(passages) == k:
                break
        return passages

    def _item_list(self, index: _LexicalIndex, question: Question, allowed: np.ndarray) -> list[int]:
        """Chunks of the items whose titles the question names; decisions first for decision questions."""
        terms = set(question.terms)
        if not terms:
            return []
        scored = []
        for key, title in index.item_titles.items():
            shared = len(title & terms)
            if shared and shared / len(title) >= 0.5:
                scored.append((shared + shared / len(title), key))
        scored.sort(key=lambda s: -s[0])
        wanted = {
            QuestionKind.DECISION: SectionKind.DECISION, QuestionKind.VOTE: SectionKind.DECISION,
            QuestionKind.RECOMMENDATION: SectionKind.RECOMMENDATION,
        }.get(question.kind, SectionKind.SUMMARY)
        ranked: list[int] = []
        for _, key in scored[:5]:
            positions = [p for p in index.items[key] if allowed[p]]
            first = [p for p in positions if index.chunks[p].source.section is wanted]
            ranked += first + [p for p in positions if p not in first][:3]
        return ranked


def section_passages(store: Store, meeting_id: str, item_number: str, item_title: str, kind: SectionKind) -> list[Passage]:
    """The chunks of one section of one agenda item, in document order (the title tells apart two items
    printed with the same number)."""
    where = {"$and": [{"meeting_id": meeting_id}, {"item_number": item_number}, {"section": kind.value}]}
    chunks = sorted((c for c in store.chunks(where) if c.source.item_title == item_title), key=lambda c: c.source.char_start)
    return [Passage(c.id, c.text, c.source, 0.0) for c in chunks]
