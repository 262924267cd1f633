"""Hybrid retrieval: dense (the store's embedder, in Chroma) + lexical (BM25 over Danish stems) + items
(an agenda item whose title the question names), fused by reciprocal rank.

Filters (municipality, committee, date range) run inside Chroma for the dense search and over the whole
lexical index before ranking, never by trimming a short list afterwards.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from rank_bm25 import BM25Okapi

from ingest.store import Store, StoredChunk
from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa.question import Question
from qa.types import Passage, QuestionKind
from qa.vocabulary.cues import asks_attendance
from qa.vocabulary.words import compound_parts, content_stems, known_parts

log = logging.getLogger(__name__)

RRF_K = 60
_POOL = 40  # candidates taken from each ranked list
_RARE = 3  # a stem in at most this many passages is rare: a compound of it is also read by its parts


@dataclass
class _LexicalIndex:
    chunks: list[StoredChunk]
    bm25: BM25Okapi | None  # None while nothing is indexed
    items: dict[tuple[str, str], list[int]]  # (meeting id, item number) → chunk positions, in document order
    item_titles: dict[tuple[str, str], frozenset[str]]
    positions: dict[str, int]  # chunk id → position
    vocabulary: frozenset[str]  # every stem the indexed minutes contain
    idf: dict[str, float]  # how specific each stem is (BM25's inverse document frequency)
    unseen_idf: float  # the weight of a stem the minutes never use: more specific than any they do
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # question word → the known stems it stands for
    readings: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # question word → every reading of it
    rare_idf: float = 0.0  # a stem at least this specific is in a handful of passages (a compound read by its parts too)


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
    idf = dict(bm25.idf) if bm25 else {}
    # BM25Okapi's idf: log((N - df + 0.5) / (df + 0.5)); a stem in at most _RARE passages scores at least this
    rare = float(np.log((len(corpus) - _RARE + 0.5) / (_RARE + 0.5))) if len(corpus) > 2 * _RARE else float("inf")
    return _LexicalIndex(chunks, bm25, dict(items), titles, {c.id: i for i, c in enumerate(chunks)},
                         frozenset(idf), idf, max(idf.values(), default=1.0) + 1.0, rare_idf=rare)


class Retriever:
    def __init__(self, store: Store):
        self.store = store
        self._index: _LexicalIndex | None = None
        self._revision: str | None = None

    def index(self) -> _LexicalIndex:
        revision = self.store.revision()
        if self._index is None or revision != self._revision:
            chunks = self.store.all_chunks()
            self._index, self._revision = _build_index(chunks), revision
            log.info("lexical index built over %d chunks", len(chunks))
        return self._index

    def vocabulary(self) -> frozenset[str]:
        """Every stem the indexed minutes contain."""
        return self.index().vocabulary

    def term_weight(self, term: str) -> float:
        """How much a question word says about what is asked: rare words much, common words little, words
        the minutes never use most of all. An inflection or derivation of a known word weighs as that
        word; a compound the minutes never write ("mobilforbud") as a word they never use, though a
        passage holding both its parts holds it."""
        index = self.index()
        parts = self.term_parts(term)
        return index.idf[parts[0]] if len(parts) == 1 else index.unseen_idf

    def term_readings(self, term: str) -> list[tuple[str, ...]]:
        """Every reading of a question word as the minutes' stems: its known parts and, for a compound the
        minutes use only rarely ("busbesparelser" once, "besparelser på busdriften" often), its two parts."""
        index = self.index()
        if term not in index.readings:
            readings = [parts] if (parts := self.term_parts(term)) else []
            if parts == (term,) and index.idf.get(term, 0.0) >= index.rare_idf:
                split = compound_parts(term, index.idf.__contains__)
                if split:
                    readings.append(split)
            index.readings[term] = readings
        return index.readings[term]

    def term_parts(self, term: str) -> tuple[str, ...]:
        """The stems of the minutes a question word stands for (empty: the minutes never use it)."""
        index = self.index()
        if term not in index.parts:
            index.parts[term] = known_parts(term, index.idf.__contains__)
        return index.parts[term]

    def title_share(self, title: frozenset[str] | set[str], terms: set[str]) -> float:
        """How much of an item title the question's words name, each title word weighted by how specific it
        is: "Godkendelse af dagsorden" is not named by a question that only says "godkendt"."""
        if not title:
            return 0.0
        idf, unseen = self.index().idf, self.index().unseen_idf
        weights = [idf.get(t, unseen) for t in title]
        return sum(w for t, w in zip(title, weights, strict=True) if t in terms) / sum(weights)

    def item_passages(self, source: SourceRef) -> list[Passage]:
        """Every passage of the agenda item a source reference belongs to, in document order."""
        index = self.index()
        positions = index.items.get((source.meeting_id, source.item_number), [])
        chunks = [index.chunks[p] for p in positions if index.chunks[p].source.item_title == source.item_title]
        return [Passage(c.id, c.text, c.source) for c in chunks]

    def search(self, question: Question, k: int = 10) -> list[Passage]:
        index = self.index()
        if not index.chunks:
            return []
        dense = self.store.query(self.store.embedder.embed_query(question.text), _POOL, question.filters)
        allowed = np.array([question.filters.matches(c.source) for c in index.chunks])
        # each question word as the minutes' own stems ("livestreames" → "livestreaming", compounds split)
        query = list(dict.fromkeys(p for t in question.terms for r in (self.term_readings(t) or [(t,)]) for p in r))
        scores = index.bm25.get_scores(query) if query else np.zeros(len(index.chunks))
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
            if shared and (share := self.title_share(title, terms)) >= 0.5:
                scored.append((shared + share, key))
        scored.sort(key=lambda s: -s[0])
        wanted = SectionKind.ATTENDANCE if asks_attendance(question.text) else {
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
    """The passages of one section of one agenda item, in document order."""
    return [Passage(c.id, c.text, c.source) for c in store.section_chunks(meeting_id, item_number, item_title, kind)]


def meeting_passages(store: Store, meeting_id: str) -> list[Passage]:
    """A meeting's passages in document order."""
    return [Passage(c.id, c.text, c.source) for c in store.meeting_chunks(meeting_id)]


def item_section(store: Store, ref: SourceRef, kind: SectionKind) -> list[Passage]:
    """The passages of one section of the agenda item a source reference belongs to."""
    return section_passages(store, ref.meeting_id, ref.item_number, ref.item_title, kind)
