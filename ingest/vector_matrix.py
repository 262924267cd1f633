"""The embedded chunks' vectors in memory, for exact nearest neighbours among the chunks a filter keeps.

A filtered dense search cannot use Chroma's own metadata filter (0.05–0.7 s per query at 50,000 chunks)
nor read a few thousand vectors from SQLite per question (tens of milliseconds). The vectors are read once
from the embedding cache, kept as one unit-length float32 matrix in row-number order, and brought up to
date by difference when the catalogue changes: chunks removed are dropped, chunks embedded since are read.
50,000 vectors of 384 dimensions take 77 MB.
"""

from __future__ import annotations

import logging
import threading

import numpy as np

from ingest.chunk_index import ChunkIndex
from ingest.filters import Filters

log = logging.getLogger(__name__)


_NONE = -2  # the code of a missing municipality or committee: no filter's name has it


class VectorMatrix:
    """Row numbers, unit vectors and what filters read (municipality, committee, meeting day, file), in
    row-number order; names as integer codes."""

    def __init__(self, collection: str) -> None:
        self.collection = collection
        self._rowids = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._columns = np.zeros((0, 4), dtype=np.int64)  # municipality, committee, meeting day (0: none), file
        self._codes: dict[str, int] = {}
        self._version: object = None
        self._lock = threading.Lock()  # one store serves the app's sessions, each in a thread of its own

    def __len__(self) -> int:
        return len(self._rowids)

    def _code(self, name: str | None) -> int:
        return _NONE if name is None else self._codes.setdefault(name, len(self._codes))

    def refresh(self, chunks: ChunkIndex, version: object) -> None:
        """Bring the matrix up to date with the catalogue, unless `version` (anything that changes when the
        catalogue does) is the one it was read at."""
        with self._lock:
            if version != self._version:
                self._refresh(chunks, version)

    def _refresh(self, chunks: ChunkIndex, version: object) -> None:
        present = np.asarray(chunks.embedded_rowids(self.collection), dtype=np.int64)
        kept = np.isin(self._rowids, present, assume_unique=True)
        rowids, vectors, columns = self._rowids[kept], self._vectors[kept], self._columns[kept]
        missing = np.setdiff1d(present, rowids, assume_unique=True)  # sorted
        if len(missing):
            new_vectors: np.ndarray | None = None
            new_columns = np.zeros((len(missing), 4), dtype=np.int64)
            read = np.zeros(len(missing), dtype=bool)  # a vector missing from the cache: the chunk is left out
            for rows in chunks.vectors_of(missing.tolist()):  # a batch at a time: no second copy of every vector
                at = np.searchsorted(missing, [row[0] for row in rows])
                batch = np.vstack([np.frombuffer(row[1], dtype=np.float32) for row in rows])
                if new_vectors is None:
                    new_vectors = np.zeros((len(missing), batch.shape[1]), dtype=np.float32)
                new_vectors[at] = batch / np.maximum(np.linalg.norm(batch, axis=1, keepdims=True), 1e-12)
                new_columns[at] = [(self._code(m), self._code(c), day or 0, self._code(f)) for _, _, m, c, day, f in rows]
                read[at] = True
            if not read.all():
                missing, new_columns = missing[read], new_columns[read]
                new_vectors = new_vectors[read] if new_vectors is not None else None
            if new_vectors is not None and not len(rowids):
                rowids, vectors, columns = missing, new_vectors, new_columns
            elif new_vectors is not None:
                order = np.argsort(np.concatenate([rowids, missing]), kind="stable")
                rowids = np.concatenate([rowids, missing])[order]
                vectors, columns = np.vstack([vectors, new_vectors])[order], np.vstack([columns, new_columns])[order]
            log.info("vector matrix: %d read, %d dropped, %d in all", len(missing), int((~kept).sum()), len(rowids))
        self._rowids, self._vectors, self._columns, self._version = rowids, vectors, columns, version

    def nearest(self, embedding: list[float], n: int, filters: Filters, excluded_files: list[str]) -> list[tuple[int, float]]:
        """The n chunks within the filters (and not of the excluded files) nearest the embedding: (row
        number, cosine distance), nearest first."""
        with self._lock:  # one consistent state: a refresh in another thread replaces all three together
            rowids, vectors, columns, codes = self._rowids, self._vectors, self._columns, dict(self._codes)
        keep = filters.to_mask(columns[:, 0], columns[:, 1], columns[:, 2], codes)
        if excluded_files:
            keep &= ~np.isin(columns[:, 3], [codes.get(name, -1) for name in excluded_files])
        positions = np.flatnonzero(keep)
        if not len(positions):
            return []
        query = np.asarray(embedding, dtype=np.float32)
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        if len(positions) > len(rowids) // 3:  # most rows: one pass over the matrix beats copying them
            similarity = (vectors @ query)[positions]
        else:
            similarity = vectors[positions] @ query
        best = np.argpartition(-similarity, n - 1)[:n] if len(similarity) > n else np.arange(len(similarity))
        best = best[np.argsort(-similarity[best], kind="stable")]
        return [(int(rowids[positions[i]]), float(1.0 - similarity[i])) for i in best]
