"""The chunks in SQLite: their text and source reference, the Danish stems they are indexed by (an FTS5
index, BM25-ranked), their items' titles, and which embedding collection holds their vectors yet.

Written with the file's catalogue rows in one transaction, so a file is searchable lexically the moment it
is stored; its vectors follow (`pending` → `mark_embedded`). Nothing here re-stems the corpus: the terms are
stored at ingest, and the vocabulary is FTS5's own table of document counts.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ingest.analysis import index_terms
from ingest.filters import Filters
from ingest.types import Chunk, SourceRef
from ingest.vocabulary import SectionKind

SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, meeting_id TEXT NOT NULL,
    item_number TEXT NOT NULL, item_title TEXT NOT NULL, section TEXT NOT NULL, municipality TEXT,
    committee TEXT, meeting_day INTEGER, char_start INTEGER NOT NULL, embedded_in TEXT, embed_key TEXT
);
CREATE TABLE IF NOT EXISTS chunk_texts (
    rowid INTEGER PRIMARY KEY, text TEXT NOT NULL, source TEXT NOT NULL, embed_text TEXT NOT NULL, terms TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_file ON chunks(file_name);
CREATE INDEX IF NOT EXISTS chunks_item ON chunks(meeting_id, item_number);
CREATE INDEX IF NOT EXISTS chunks_embedded ON chunks(embedded_in);
CREATE INDEX IF NOT EXISTS chunks_municipality ON chunks(municipality, meeting_day);
CREATE INDEX IF NOT EXISTS chunks_committee ON chunks(committee, meeting_day);
CREATE INDEX IF NOT EXISTS chunks_day ON chunks(meeting_day);
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_terms USING fts5(
    terms, content='chunk_texts', content_rowid='rowid', tokenize="unicode61 remove_diacritics 0 tokenchars '-.,'"
);
CREATE TRIGGER IF NOT EXISTS chunk_texts_indexed AFTER INSERT ON chunk_texts BEGIN
    INSERT INTO chunk_terms(rowid, terms) VALUES (new.rowid, new.terms);
END;
CREATE TRIGGER IF NOT EXISTS chunk_texts_unindexed AFTER DELETE ON chunk_texts BEGIN
    INSERT INTO chunk_terms(chunk_terms, rowid, terms) VALUES ('delete', old.rowid, old.terms);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_vocabulary USING fts5vocab(chunk_terms, 'row');
CREATE TABLE IF NOT EXISTS item_titles (
    file_name TEXT NOT NULL, meeting_id TEXT NOT NULL, item_number TEXT NOT NULL, item_title TEXT NOT NULL,
    terms TEXT NOT NULL, PRIMARY KEY (meeting_id, item_number, item_title)
);
CREATE INDEX IF NOT EXISTS item_titles_file ON item_titles(file_name);
"""
# The first layout kept the texts in the chunks rows themselves: every filtered read stepped over them.
_FIRST_LAYOUT = """
DROP TRIGGER IF EXISTS chunks_indexed; DROP TRIGGER IF EXISTS chunks_unindexed;
DROP TABLE IF EXISTS chunk_vocabulary; DROP TABLE IF EXISTS chunk_terms; DROP TABLE IF EXISTS chunks;
DROP TABLE IF EXISTS item_titles;
"""


def drop_first_layout(db: sqlite3.Connection) -> bool:
    """Drop chunk tables of the first layout (texts inside the chunks rows); True when there were any, and
    the files they came from must be read again."""
    if "text" not in {row[1] for row in db.execute("PRAGMA table_info(chunks)")}:
        return False
    db.executescript(_FIRST_LAYOUT)
    return True


_CHUNK_COLUMNS = "c.id, t.text, t.source, c.section"
_WITH_TEXTS = "chunks c JOIN chunk_texts t ON t.rowid = c.rowid"
ItemKey = tuple[str, str, str]  # (meeting id, item number, item title): two items may share a number
_COMMON_SHARE = 0.05  # a stem in more than this share of the chunks is common (see `ChunkIndex.search`)
_CANDIDATES = 200  # chunks taken by a question's specific stems, then scored by all of them
_K1, _B = 1.2, 0.75  # FTS5's bm25() parameters


@dataclass(frozen=True)
class TermStatistics:
    documents: dict[str, int]  # stem → how many chunks hold it
    size: int  # chunks
    mean_length: float  # stems per chunk

    def idf(self, term: str) -> float:
        """FTS5's inverse document frequency (a stem in over half the chunks: nearly nothing)."""
        n = self.documents.get(term, 0)
        return max(math.log((self.size - n + 0.5) / (n + 0.5)), 1e-6)

    def rescored(self, terms: list[str], texts: dict[int, str]) -> list[tuple[int, float]]:
        """(row number, FTS5's bm25 of the terms: lower is better) of chunks given by their stored stems, best first."""
        weights = {t: self.idf(t) for t in terms}
        scored = []
        for rowid, text in texts.items():
            words = text.split()
            norm = _K1 * (1 - _B + _B * len(words) / self.mean_length)
            score = 0.0
            for term, weight in weights.items():
                if tf := words.count(term):
                    score += weight * tf * (_K1 + 1) / (tf + norm)
            scored.append((rowid, -score))
        return sorted(scored, key=lambda pair: (pair[1], pair[0]))


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    stored_source: str  # the source reference as stored (JSON): read into `source` when first used
    section: SectionKind
    distance: float | None = None  # cosine distance, when the dense search found it
    lexical: float | None = None  # BM25 score, when the lexical search found it

    @cached_property
    def source(self) -> SourceRef:
        return SourceRef.from_metadata(json.loads(self.stored_source))


def _chunk(row: tuple) -> StoredChunk:
    return StoredChunk(row[0], row[1], row[2], SectionKind(row[3]))


def _match(terms: Iterable[str]) -> str:
    """An FTS5 query for any of the terms, each quoted (a stem may hold '-', '.' or ',')."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(terms))


def _where(filters: Filters | None, excluded_files: list[str]) -> tuple[str, list]:
    """SQL conditions on `chunks c` for the filters (the same predicate as `Filters.matches`)."""
    clauses, values = (filters or Filters()).to_sql("c")
    if excluded_files:
        clauses.append(f"c.file_name NOT IN ({','.join('?' * len(excluded_files))})")
        values += excluded_files
    return "".join(f" AND {c}" for c in clauses), values


class ChunkIndex:
    """Reads and writes of the chunk tables on the catalogue's connection; the caller owns transactions.

    A chunk's row in `chunks` is narrow (where it belongs, its embedding state): filters and embedding
    reads step through few pages. Its texts (the passage, its source reference, the text embedded and
    the stems indexed) are in `chunk_texts` under the same rowid."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(SCHEMA)

    # -- writing (inside the caller's transaction) ---------------------------------------------------
    def replace_file(self, file_name: str, chunks: list[Chunk]) -> None:
        self.remove_file(file_name)
        for c in chunks:
            rowid = self._db.execute(
                "INSERT INTO chunks (id, file_name, meeting_id, item_number, item_title, section, municipality, "
                "committee, meeting_day, char_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (c.id, file_name, c.source.meeting_id, c.source.item_number, c.source.item_title, c.source.section.value,
                 c.source.municipality, c.source.committee, c.source.to_metadata().get("meeting_day"), c.source.char_start),
            ).lastrowid
            self._db.execute(
                "INSERT INTO chunk_texts (rowid, text, source, embed_text, terms) VALUES (?, ?, ?, ?, ?)",
                (rowid, c.text, json.dumps(c.source.to_metadata(), ensure_ascii=False), c.embed_text,
                 " ".join(index_terms(f"{c.source.item_title} {c.source.section_heading} {c.text}")) or "_"),
            )
        titles = {(c.source.meeting_id, c.source.item_number, c.source.item_title) for c in chunks}
        self._db.executemany(
            "INSERT OR REPLACE INTO item_titles VALUES (?, ?, ?, ?, ?)",
            [(file_name, *key, " ".join(index_terms(key[2]))) for key in sorted(titles)],
        )

    def remove_file(self, file_name: str) -> None:
        self._db.execute("DELETE FROM chunk_texts WHERE rowid IN (SELECT rowid FROM chunks WHERE file_name = ?)", (file_name,))
        self._db.execute("DELETE FROM chunks WHERE file_name = ?", (file_name,))
        self._db.execute("DELETE FROM item_titles WHERE file_name = ?", (file_name,))

    def mark_embedded(self, collection: str, keys: dict[str, str]) -> None:
        """The collection now holds these chunks' vectors (chunk id → the embedding cache's key of each)."""
        with self._db:
            self._db.executemany("UPDATE chunks SET embedded_in = ?, embed_key = ? WHERE id = ?",
                                 [(collection, key, i) for i, key in keys.items()])

    # -- reading -------------------------------------------------------------------------------------
    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def get(self, ids: list[str]) -> dict[str, StoredChunk]:
        """The chunks with these ids that exist, by id."""
        found: dict[str, StoredChunk] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            rows = self._db.execute(f"SELECT {_CHUNK_COLUMNS} FROM {_WITH_TEXTS} WHERE c.id IN ({','.join('?' * len(part))})",
                                    part)
            found.update((r[0], _chunk(r)) for r in rows)
        return found

    def by_rowid(self, rowids: list[int]) -> dict[int, StoredChunk]:
        """The chunks with these row numbers that exist, by row number."""
        found: dict[int, StoredChunk] = {}
        for start in range(0, len(rowids), 500):
            part = rowids[start : start + 500]
            rows = self._db.execute(
                f"SELECT c.rowid, {_CHUNK_COLUMNS} FROM {_WITH_TEXTS} WHERE c.rowid IN ({','.join('?' * len(part))})", part)
            found.update((r[0], _chunk(r[1:])) for r in rows)
        return found

    def all(self, page: int = 5000) -> Iterator[StoredChunk]:
        """Every chunk, in storage order, read page by page."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT c.rowid, {_CHUNK_COLUMNS} FROM {_WITH_TEXTS} WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?", (last, page),
            ).fetchall()
            yield from (_chunk(r[1:]) for r in rows)
            if len(rows) < page:
                return
            last = rows[-1][0]

    def of_file(self, file_name: str) -> list[StoredChunk]:
        """A file's chunks in document order."""
        return self._select("c.file_name = ?", [file_name])

    def of_meeting(self, meeting_id: str) -> list[StoredChunk]:
        return self._select("c.meeting_id = ?", [meeting_id])

    def of_item(self, key: ItemKey, kind: SectionKind | None = None, filters: Filters | None = None,
                excluded_files: list[str] | None = None) -> list[StoredChunk]:
        """One agenda item's chunks (of one section kind) in document order, within the filters."""
        where, values = _where(filters, excluded_files or [])
        if kind is not None:
            where += " AND c.section = ?"
            values.append(kind.value)
        return self._select("c.meeting_id = ? AND c.item_number = ? AND c.item_title = ?" + where, [*key, *values])

    def _select(self, condition: str, values: list) -> list[StoredChunk]:
        rows = self._db.execute(
            f"SELECT {_CHUNK_COLUMNS} FROM {_WITH_TEXTS} WHERE {condition} ORDER BY c.file_name, c.char_start", values)
        return [_chunk(r) for r in rows]

    def search(self, terms: list[str], limit: int, filters: Filters | None = None,
               excluded_files: list[str] | None = None, statistics: TermStatistics | None = None) -> list[StoredChunk]:
        """The chunks best matching any of the terms by BM25, best first, within the filters.

        Given the index's statistics, a question that mixes specific and common stems ("regnskab" and
        "2022") is answered in two steps: the best `_CANDIDATES` chunks by its specific stems, then those
        scored by all of them (FTS5's own BM25, in Python). A common stem only lifts a chunk that holds a
        specific one: the merge of its long posting list, most of the cost, is skipped."""
        if not terms:
            return []
        terms = list(dict.fromkeys(terms))
        if statistics is not None:  # a stem no chunk holds matches nothing: it cannot choose the candidates
            terms = [t for t in terms if statistics.documents.get(t, 0)] or terms
        specific = [t for t in terms if statistics and 0 < statistics.documents.get(t, 0) <= _COMMON_SHARE * statistics.size]
        if statistics is None or not specific or len(specific) == len(terms):
            ranked = self._ranked(terms, limit, filters, excluded_files or [])
        else:
            candidates = [rowid for rowid, _ in self._ranked(specific, _CANDIDATES, filters, excluded_files or [])]
            ranked = statistics.rescored(terms, self._terms_of(candidates))[:limit]
        found = self.by_rowid([rowid for rowid, _ in ranked])
        return [replace(found[rowid], lexical=-score) for rowid, score in ranked if rowid in found]

    def _ranked(self, terms: list[str], limit: int, filters: Filters | None, excluded_files: list[str]) -> list[tuple[int, float]]:
        """(row number, FTS5 bm25: lower is better) of the best matches of any of the terms."""
        where, values = _where(filters, excluded_files)
        if where:  # the filters decide inside the ranking, never by trimming its short list
            return self._db.execute(
                "SELECT c.rowid, bm25(chunk_terms) AS score FROM chunk_terms JOIN chunks c ON c.rowid = chunk_terms.rowid "
                f"WHERE chunk_terms MATCH ?{where} ORDER BY score LIMIT ?", [_match(terms), *values, limit],
            ).fetchall()
        return self._db.execute("SELECT rowid, bm25(chunk_terms) AS score FROM chunk_terms WHERE chunk_terms MATCH ? "
                                "ORDER BY score LIMIT ?", (_match(terms), limit)).fetchall()

    def _terms_of(self, rowids: list[int]) -> dict[int, str]:
        if not rowids:
            return {}
        return dict(self._db.execute(f"SELECT rowid, terms FROM chunk_texts WHERE rowid IN ({','.join('?' * len(rowids))})",
                                     rowids))

    def statistics(self) -> TermStatistics:
        """How many chunks hold each stem, how many chunks there are and their mean length in stems."""
        documents: dict[str, int] = {}
        tokens = 0
        for term, docs, count in self._db.execute("SELECT term, doc, cnt FROM chunk_vocabulary"):
            documents[term] = docs
            tokens += count
        size = self.count()
        return TermStatistics(documents, size, tokens / size if size else 1.0)

    def item_titles(self) -> dict[ItemKey, frozenset[str]]:
        """Every item's title as stems."""
        rows = self._db.execute("SELECT meeting_id, item_number, item_title, terms FROM item_titles")
        return {(r[0], r[1], r[2]): frozenset(r[3].split()) for r in rows}

    # -- embedding -----------------------------------------------------------------------------------
    def pending(self, collection: str, limit: int) -> list[tuple[str, str, SourceRef]]:
        """Chunks whose vectors the collection does not hold yet: (id, embed text, source), oldest first."""
        rows = self._db.execute(
            f"SELECT c.id, t.embed_text, t.source FROM {_WITH_TEXTS} WHERE c.embedded_in IS NOT ? ORDER BY c.rowid LIMIT ?",
            (collection, limit),
        )
        return [(r[0], r[1], SourceRef.from_metadata(json.loads(r[2]))) for r in rows]

    def vectors_of(self, rowids: list[int], batch: int = 500) -> Iterator[list[tuple[int, bytes, str | None, str | None, int | None, str]]]:
        """(row number, cached vector as float32 bytes, municipality, committee, meeting day, file) of these
        chunks, a batch at a time."""
        for start in range(0, len(rowids), batch):
            part = rowids[start : start + batch]
            rows = self._db.execute(
                "SELECT c.rowid, e.vector, c.municipality, c.committee, c.meeting_day, c.file_name FROM chunks c "
                f"JOIN embeddings e ON e.key = c.embed_key WHERE c.rowid IN ({','.join('?' * len(part))})", part).fetchall()
            if rows:
                yield rows

    def embedded_rowids(self, collection: str) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT rowid FROM chunks WHERE embedded_in = ? ORDER BY rowid", (collection,))]

    def embedded_files(self, collection: str) -> set[str]:
        """Files whose every chunk the collection holds a vector of."""
        rows = self._db.execute("SELECT file_name FROM chunks GROUP BY file_name HAVING min(embedded_in IS ?) = 1",
                                (collection,))
        return {r[0] for r in rows}

    def embedded(self, collection: str) -> int:
        return self._db.execute("SELECT count(*) FROM chunks WHERE embedded_in = ?", (collection,)).fetchone()[0]
