"""The storage boundary: a persistent Chroma collection of chunks plus the SQLite catalogue.

Typed objects in and out; flat metadata exists only here. The collection is named after what built it
(embedder, chunker and parser versions), so changing any of them builds a new index instead of mixing.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from ingest.catalogue import Catalogue
from ingest.chunking import CHUNKER_VERSION
from ingest.embedders import Embedder
from ingest.filters import Filters
from ingest.structure.parser import PARSER_VERSION
from ingest.types import Chunk, SourceRef
from ingest.vocabulary import SectionKind

log = logging.getLogger(__name__)

_UPSERT_BATCH = 256
_EMBED_BATCH = 32
_READ_PAGE = 5000


def collection_name(embedder_name: str) -> str:
    name = f"chunks-{embedder_name}-{CHUNKER_VERSION}-{PARSER_VERSION}"
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", name)[:200].strip("-._")


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    source: SourceRef
    distance: float | None = None


class Store:
    def __init__(self, data_dir: Path, embedder: Embedder):
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.collection_name = collection_name(embedder.name)
        self.catalogue = Catalogue(self.data_dir / "catalogue.sqlite", self.collection_name)
        self._client = chromadb.PersistentClient(
            path=str(self.data_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self._collection = self._client.get_or_create_collection(
            self.collection_name,
            embedding_function=None,  # never Chroma's default: it downloads a model
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder.name, "chunker": CHUNKER_VERSION, "parser": PARSER_VERSION},
        )

    # -- writing -------------------------------------------------------------------------------------
    def embedding_key(self, chunk: Chunk) -> str:
        return hashlib.sha256(f"{self.embedder.name}\n{chunk.embed_text}".encode()).hexdigest()

    def embed(self, chunks: list[Chunk]) -> tuple[list[list[float]], int]:
        """Vectors for the chunks, computing only text never embedded before; returns (vectors, computed)."""
        keys = [self.embedding_key(c) for c in chunks]
        cached = self.catalogue.cached_embeddings(keys)
        missing = {k: c.embed_text for k, c in zip(keys, chunks, strict=False) if k not in cached}
        # Similar lengths together (a batch may cost what its longest text costs); stored batch by batch,
        # so an interrupted ingest keeps what it has embedded.
        pending = sorted(missing.items(), key=lambda kv: len(kv[1]))
        for start in range(0, len(pending), _EMBED_BATCH):
            batch = pending[start : start + _EMBED_BATCH]
            vectors = self.embedder.embed_passages([text for _, text in batch])
            fresh = {key: vector for (key, _), vector in zip(batch, vectors, strict=True)}
            self.catalogue.store_embeddings(fresh)
            cached.update(fresh)
        return [cached[k] for k in keys], len(missing)

    def replace_chunks(self, file_name: str, chunks: list[Chunk], vectors: list[list[float]]) -> None:
        """Remove every chunk of the file, then upsert the new ones (ids are deterministic)."""
        self._collection.delete(where={"file_name": file_name})
        for start in range(0, len(chunks), _UPSERT_BATCH):
            batch = chunks[start : start + _UPSERT_BATCH]
            self._collection.upsert(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                embeddings=vectors[start : start + _UPSERT_BATCH],
                metadatas=[c.source.to_metadata() for c in batch],
            )

    def remove_file(self, file_name: str) -> None:
        self._collection.delete(where={"file_name": file_name})
        self.catalogue.remove_file(file_name)

    # -- reading -------------------------------------------------------------------------------------
    def count(self) -> int:
        return self._collection.count()

    def all_chunks(self, complete_only: bool = True) -> list[StoredChunk]:
        """Every chunk of every complete file (or every chunk stored, with `complete_only=False`), read page
        by page (SQLite caps a query's variables)."""
        chunks = self._get(None)
        if not complete_only:
            return chunks
        complete = {f.name for f in self.catalogue.files() if f.complete and f.collection == self.collection_name}
        return [c for c in chunks if c.source.file_name in complete]

    def file_chunks(self, file_name: str) -> list[StoredChunk]:
        """A file's chunks in document order."""
        return sorted(self._get({"file_name": file_name}), key=lambda c: c.source.char_start)

    def meeting_chunks(self, meeting_id: str) -> list[StoredChunk]:
        """A meeting's chunks in document order."""
        return sorted(self._get({"meeting_id": meeting_id}), key=lambda c: c.source.char_start)

    def section_chunks(self, meeting_id: str, item_number: str, item_title: str, kind: SectionKind) -> list[StoredChunk]:
        """The chunks of one section of one agenda item, in document order (the title tells apart two items
        printed with the same number)."""
        where = {"$and": [{"meeting_id": meeting_id}, {"item_number": item_number}, {"section": kind.value}]}
        return sorted((c for c in self._get(where) if c.source.item_title == item_title), key=lambda c: c.source.char_start)

    def _get(self, where: dict | None) -> list[StoredChunk]:
        out: list[StoredChunk] = []
        offset = 0
        while True:
            page = self._collection.get(where=where, include=["documents", "metadatas"], limit=_READ_PAGE, offset=offset)
            out += [StoredChunk(i, d, SourceRef.from_metadata(m))
                    for i, d, m in zip(page["ids"], page["documents"], page["metadatas"], strict=True) if m]
            if len(page["ids"]) < _READ_PAGE:
                return out
            offset += _READ_PAGE

    def query(self, embedding: list[float], n: int, filters: Filters | None = None) -> list[StoredChunk]:
        """Nearest chunks of complete files to the embedding, the filters applied inside Chroma."""
        available = self._collection.count()
        if not available:
            return []
        where = (filters or Filters()).to_where(self.catalogue.incomplete_files())
        result = self._collection.query(
            query_embeddings=[embedding], n_results=min(n, available), where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            StoredChunk(i, d, SourceRef.from_metadata(m), dist)
            for i, d, m, dist in zip(result["ids"][0], result["documents"][0], result["metadatas"][0],
                                     result["distances"][0], strict=True) if m
        ]

    def revision(self) -> str:
        """Changes whenever a file is added, replaced or removed: caches built on the chunks key on it."""
        return self.catalogue.revision()

    def close(self) -> None:
        self.catalogue.close()
