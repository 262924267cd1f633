"""Hybrid retrieval: dense (the store's embedder, in Chroma) + lexical (BM25 over Danish stems, SQLite FTS5)
+ items (an agenda item whose title the question names), fused by reciprocal rank.

Filters (municipality, committee, date range) run inside Chroma for the dense search and inside the SQL
of the lexical search, never by trimming a short list afterwards. Nothing on the question path reads the
whole corpus: the vocabulary (each stem's document count) and the item titles are read once per store
revision, and passages that are not embedded yet are still found lexically.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import KeysView
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ingest.chunk_index import ItemKey, StoredChunk, TermStatistics
from ingest.store import Store
from ingest.types import SourceRef
from ingest.vocabulary import SectionKind
from qa.question import Question
from qa.types import Passage, QuestionKind
from qa.vocabulary.cues import asks_attendance
from qa.vocabulary.words import compound_parts, known_parts

log = logging.getLogger(__name__)

RRF_K = 60
_POOL = 40  # candidates taken from each ranked list
_RARE = 3  # a stem in at most this many passages is rare: a compound of it is also read by its parts
_EPSILON = 0.25  # BM25Okapi's floor for the weight of a stem in over half the passages: this share of the mean


@dataclass
class _LexicalIndex:
    """What the question path knows of the whole corpus, read once per store revision."""

    idf: dict[str, float]  # how specific each stem is (BM25's inverse document frequency)
    unseen_idf: float  # the weight of a stem the minutes never use: more specific than any they do
    rare_idf: float  # a stem at least this specific is in a handful of passages (a compound read by its parts too)
    item_titles: dict[ItemKey, frozenset[str]]  # every item's title as stems
    titled: dict[str, list[ItemKey]]  # stem → the items whose title holds it
    stale_files: list[str]  # files another chunker or parser version made: not searched
    size: int  # passages stored
    statistics: TermStatistics  # the lexical index's own counts (its BM25 over a question's stems)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # question word → the known stems it stands for
    readings: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # question word → every reading of it


def _idf(counts: dict[str, int], size: int) -> dict[str, float]:
    """BM25Okapi's inverse document frequencies: log((N - df + 0.5) / (df + 0.5)), a stem in half the
    passages or more floored at a share of the mean."""
    if not counts:
        return {}
    frequencies = np.fromiter(counts.values(), dtype=float, count=len(counts))
    idf = np.log(size - frequencies + 0.5) - np.log(frequencies + 0.5)
    # In exactly half the passages a stem weighs 0 by the formula: floored too, so that every weight is
    # positive and a share of weights is never 0 / 0 (a tiny archive may hold only such stems).
    mean = idf.mean()
    idf = np.where(idf <= 0, _EPSILON * mean if mean > 0 else _EPSILON, idf)
    return dict(zip(counts, idf.tolist(), strict=True))


def _read_index(store: Store) -> _LexicalIndex:
    statistics = store.chunks.statistics()
    counts, size = statistics.documents, statistics.size
    idf = _idf(counts, size)
    # a stem in at most _RARE passages scores at least this
    rare = float(np.log((size - _RARE + 0.5) / (_RARE + 0.5))) if size > 2 * _RARE else float("inf")
    titles = store.chunks.item_titles()
    titled: dict[str, list[ItemKey]] = defaultdict(list)
    for key, stems in titles.items():
        for stem in stems:
            titled[stem].append(key)
    return _LexicalIndex(idf, max(idf.values(), default=1.0) + 1.0, rare, titles, dict(titled),
                         store.catalogue.stale_files(), size, statistics)


def _title_share(index: _LexicalIndex, title: frozenset[str] | set[str], terms: set[str]) -> float:
    if not title:
        return 0.0
    weights = [index.idf.get(t, index.unseen_idf) for t in title]
    return sum(w for t, w in zip(title, weights, strict=True) if t in terms) / sum(weights)


class Retriever:
    def __init__(self, store: Store):
        self.store = store
        self._index: _LexicalIndex | None = None
        self._revision: str | None = None
        self._times: dict[str, str] = {}  # meeting id → the time it was held

    def index(self) -> _LexicalIndex:
        revision = self.store.revision()
        if self._index is None or revision != self._revision:
            self._index, self._revision, self._times = _read_index(self.store), revision, {}
            log.info("vocabulary read: %d stems, %d items, %d passages", len(self._index.idf),
                     len(self._index.item_titles), self._index.size)
        return self._index

    def vocabulary(self) -> KeysView[str]:
        """Every stem the indexed minutes contain."""
        return self.index().idf.keys()

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
        return _title_share(self.index(), title, terms)

    def held(self, source: SourceRef) -> tuple[bool, date, str]:
        """When a passage's meeting was held, to order treatments: its date, then its time (undated last)."""
        if source.meeting_id not in self._times:  # emptied with the vocabulary when the store changes
            meeting = self.store.catalogue.meeting(source.meeting_id)
            self._times[source.meeting_id] = (meeting.meeting_time or "") if meeting else ""
        return source.meeting_date is None, source.meeting_date or date.max, self._times[source.meeting_id]

    def item_passages(self, source: SourceRef) -> list[Passage]:
        """Every passage of the agenda item a source reference belongs to, in document order."""
        return self.item_passages_of((source.meeting_id, source.item_number, source.item_title))

    def item_passages_of(self, key: ItemKey) -> list[Passage]:
        """Every passage of an agenda item (meeting id, number, title), in document order."""
        return [Passage(c.id, c.text, c.source) for c in self.store.chunks.of_item(key, excluded_files=self.index().stale_files)]

    def search(self, question: Question, k: int = 10) -> list[Passage]:
        index = self.index()
        if not index.size:
            return []
        dense = self.store.query(self.store.embedder.embed_query(question.text), _POOL, question.filters)
        # each question word as the minutes' own stems ("livestreames" → "livestreaming", compounds split)
        query = list(dict.fromkeys(p for t in question.terms for r in (self.term_readings(t) or [(t,)]) for p in r))
        lexical = self.store.chunks.search(query, _POOL, question.filters, index.stale_files, index.statistics)
        ranked_lists = [dense, lexical, self._item_list(index, question)]
        # The item list counts double for decision, vote and recommendation questions: the section the
        # question asks for, of the item it names, is the evidence.
        item_weight = 1.0 if question.kind is QuestionKind.FACT else 2.0
        fused: dict[str, float] = defaultdict(float)
        chunks: dict[str, StoredChunk] = {}
        for weight, ranked in zip((1.0, 1.0, item_weight), ranked_lists, strict=True):
            for rank, chunk in enumerate(ranked):
                fused[chunk.id] += weight / (RRF_K + rank + 1)
                chunks.setdefault(chunk.id, chunk)
        similarity = {c.id: 1.0 - (c.distance or 0.0) for c in dense}
        bm25 = {c.id: c.lexical for c in lexical}
        # a text shown under another item than where it ranked best keeps the scores it ranked by
        return [Passage(c.id, c.text, c.source, fused[best], similarity.get(best), bm25.get(best))
                for c, best in _spread_over_items(fused, chunks, k)]

    def _item_list(self, index: _LexicalIndex, question: Question) -> list[StoredChunk]:
        """Chunks of the items whose titles the question names; decisions first for decision questions."""
        terms = set(question.terms)
        if not terms:
            return []
        candidates = {key for t in terms for key in index.titled.get(t, ())}
        scored = []
        for key in candidates:
            title = index.item_titles[key]
            shared = len(title & terms)
            if (share := _title_share(index, title, terms)) >= 0.5:
                scored.append((shared + share, key))
        scored.sort(key=lambda s: (-s[0], s[1]))
        wanted = SectionKind.ATTENDANCE if asks_attendance(question.text) else {
            QuestionKind.DECISION: SectionKind.DECISION, QuestionKind.VOTE: SectionKind.DECISION,
            QuestionKind.RECOMMENDATION: SectionKind.RECOMMENDATION,
        }.get(question.kind, SectionKind.SUMMARY)
        ranked: list[StoredChunk] = []
        for _, key in scored[:5]:
            chunks = self.store.chunks.of_item(key, filters=question.filters, excluded_files=index.stale_files)
            first = [c for c in chunks if c.source.section is wanted]
            ranked += first + [c for c in chunks if c.source.section is not wanted][:3]
        return ranked


def _item_of(source: SourceRef) -> ItemKey:
    return source.meeting_id, source.item_number, source.item_title


def _spread_over_items(fused: dict[str, float], chunks: dict[str, StoredChunk], k: int) -> list[tuple[StoredChunk, str]]:
    """The k best texts by fused score, each once. A text stored under several items (a case text repeated
    when the case goes from committee to council, an enclosure under two items) is one passage; it is shown
    under the item of those with the fewest passages shown so far (the better ranked when even), so each
    treatment of a case gets a place near the top instead of one treatment taking every place."""
    twins: dict[str, list[str]] = defaultdict(list)  # text → its chunks, best first
    for chunk_id, _ in sorted(fused.items(), key=lambda kv: -kv[1]):
        twins[chunks[chunk_id].text].append(chunk_id)
    shown: dict[ItemKey, int] = defaultdict(int)
    chosen: list[tuple[StoredChunk, str]] = []  # the chunk shown, the id of its text's best ranked chunk
    for ids in list(twins.values())[:k]:
        chunk = min((chunks[i] for i in ids), key=lambda c: shown[_item_of(c.source)])  # min keeps the first of equals
        shown[_item_of(chunk.source)] += 1
        chosen.append((chunk, ids[0]))
    return chosen


def section_passages(store: Store, meeting_id: str, item_number: str, item_title: str, kind: SectionKind) -> list[Passage]:
    """The passages of one section of one agenda item, in document order."""
    return [Passage(c.id, c.text, c.source) for c in store.section_chunks(meeting_id, item_number, item_title, kind)]


def meeting_passages(store: Store, meeting_id: str) -> list[Passage]:
    """A meeting's passages in document order."""
    return [Passage(c.id, c.text, c.source) for c in store.meeting_chunks(meeting_id)]


def item_section(store: Store, ref: SourceRef, kind: SectionKind) -> list[Passage]:
    """The passages of one section of the agenda item a source reference belongs to."""
    return section_passages(store, ref.meeting_id, ref.item_number, ref.item_title, kind)
