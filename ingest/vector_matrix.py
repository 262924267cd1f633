"""The embedded chunks' vectors in memory, for exact nearest neighbours among the chunks a filter keeps.

A filtered dense search cannot use Chroma's own metadata filter (0.05–0.7 s per query at 50,000 chunks)
nor read a few thousand vectors from SQLite per question (tens of milliseconds). The vectors are read once
from the embedding cache, kept as one unit-length float32 matrix in row-number order, and brought up to
date by difference when the catalogue changes: chunks removed are dropped, chunks embedded since are read.
50,000 vectors of 384 dimensions take 77 MB.
"""

from __future__ import annotations

import logging

import numpy as np

from ingest.chunk_index import ChunkIndex

log = logging.getLogger(__name__)


class VectorMatrix:
    def __init__(self, collection: str) -> None:
        self.collection = collection
        self._rowids = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._version: object = None

    def __len__(self) -> int:
        return len(self._rowids)

    def refresh(self, chunks: ChunkIndex, version: object) -> None:
        """Bring the matrix up to date with the catalogue, unless `version` (anything that changes when the
        catalogue does) is the one it was read at."""
        if version == self._version:
            return
        present = np.asarray(chunks.embedded_rowids(self.collection), dtype=np.int64)
        kept = np.isin(self._rowids, present, assume_unique=True)
        rowids, vectors = self._rowids[kept], self._vectors[kept]
        missing = np.setdiff1d(present, rowids, assume_unique=True)
        if len(missing):
            read = chunks.vectors_of(missing.tolist())
            new_rowids = np.fromiter(read, dtype=np.int64, count=len(read))
            new = np.vstack([np.frombuffer(blob, dtype=np.float32) for blob in read.values()])
            new = new / np.maximum(np.linalg.norm(new, axis=1, keepdims=True), 1e-12)
            rowids = np.concatenate([rowids, new_rowids])
            vectors = new if not len(vectors) else np.vstack([vectors, new])
            order = np.argsort(rowids, kind="stable")
            rowids, vectors = rowids[order], np.ascontiguousarray(vectors[order])
            log.info("vector matrix: %d read, %d dropped, %d in all", len(missing), int((~kept).sum()), len(rowids))
        self._rowids, self._vectors, self._version = rowids, vectors, version

    def nearest(self, embedding: list[float], among: list[int], n: int) -> list[tuple[int, float]]:
        """The n rows of `among` (row numbers) nearest the embedding: (row number, cosine distance), nearest
        first. Rows without a vector here are left out."""
        if not len(self._rowids) or not among:
            return []
        wanted = np.asarray(among, dtype=np.int64)
        positions = np.searchsorted(self._rowids, wanted).clip(max=len(self._rowids) - 1)
        positions = positions[self._rowids[positions] == wanted]
        if not len(positions):
            return []
        query = np.asarray(embedding, dtype=np.float32)
        similarity = self._vectors[positions] @ (query / max(float(np.linalg.norm(query)), 1e-12))
        best = np.argpartition(-similarity, n - 1)[:n] if len(similarity) > n else np.arange(len(similarity))
        best = best[np.argsort(-similarity[best], kind="stable")]
        return [(int(self._rowids[positions[i]]), float(1.0 - similarity[i])) for i in best]
