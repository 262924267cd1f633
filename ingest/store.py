"""The storage boundary: the SQLite catalogue (meetings, items, sections, chunks and their lexical index)
and a Chroma collection holding the chunks' vectors.

Typed objects in and out; flat metadata exists only here. A file is stored in two steps: its rows and
chunks in one catalogue transaction (searchable lexically at once), then its vectors (`embed_pending`,
resumable, in batches). The collection is named after what built it (embedder, chunker and parser
versions), so changing any of them builds a new index instead of mixing. One process writes at a time
(`writing()`, a lock file beside the store): a second writer waits.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from ingest.catalogue import Catalogue
from ingest.chroma_client import chroma_client
from ingest.chunk_index import StoredChunk
from ingest.chunking import CHUNKER_VERSION
from ingest.embedders import Embedder
from ingest.filters import Filters
from ingest.structure.parser import PARSER_VERSION
from ingest.types import Chunk, Meeting, RawDocument
from ingest.vector_matrix import VectorMatrix
from ingest.vocabulary import SectionKind

__all__ = ["EmbeddingProgress", "Store", "StoreBusy", "StoredChunk", "collection_name"]

log = logging.getLogger(__name__)

_EMBED_BATCH = 32
STRUCTURE_VERSION = f"{CHUNKER_VERSION}-{PARSER_VERSION}"


def collection_name(embedder_name: str, embed_chars: int = 0) -> str:
    name = f"chunks-{embedder_name}{f'-first{embed_chars}' if embed_chars else ''}-{STRUCTURE_VERSION}"
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", name)[:200].strip("-._")


class StoreBusy(RuntimeError):
    """Another process kept the store's writer lock longer than this one would wait."""


@dataclass(frozen=True)
class EmbeddingProgress:
    embedded: int  # chunks whose vectors the collection holds
    total: int

    @property
    def done(self) -> bool:
        return self.embedded >= self.total


EmbeddingCallback = Callable[[EmbeddingProgress], None]


class Store:
    def __init__(self, data_dir: Path, embedder: Embedder, chroma_url: str | None = None, writer_wait_s: float = 600.0,
                 embed_chars: int = 0):
        """`embed_chars` > 0 embeds each chunk's header and only the first that many characters of its text
        (the lexical index keeps the whole text): a cheaper ingest, in a collection of its own."""
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.embed_chars = embed_chars
        self.collection_name = collection_name(embedder.name, embed_chars)
        self.catalogue = Catalogue(self.data_dir / "catalogue.sqlite", STRUCTURE_VERSION)
        self.chunks = self.catalogue.chunks
        self._lock = FileLock(self.data_dir / "writer.lock")
        self._writer_wait_s = writer_wait_s
        self._client = chroma_client(self.data_dir, chroma_url)
        with self.writing():  # creating a collection writes: never beside another process's upsert (embedded Chroma)
            self._collection = self._client.get_or_create_collection(
                self.collection_name,
                embedding_function=None,  # never Chroma's default: it downloads a model
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedder": embedder.name, "chunker": CHUNKER_VERSION, "parser": PARSER_VERSION},
            )
        self._vectors = VectorMatrix(self.collection_name)
        # An embedded Chroma keeps its index in memory and never sees another process's writes; a server does.
        self._chroma_shared = bool(chroma_url)
        self._opened_at = self.catalogue.outside_version()

    # -- writing -------------------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's writer lock: one process writes at a time, a second waits for it."""
        try:
            with self._lock.acquire(timeout=self._writer_wait_s):
                yield
        except Timeout as exc:
            raise StoreBusy(f"another process has been writing to {self.data_dir} for over {self._writer_wait_s:.0f} s "
                            f"(lock file {self._lock.lock_file}); try again when it has finished") from exc

    def replace_file(self, doc: RawDocument, meetings: list[Meeting], chunks: list[Chunk], path: str | None = None) -> None:
        """Store a file's meetings and chunks in place of what it had: searchable lexically at once, its
        vectors pending."""
        with self.writing():
            self.catalogue.replace_file(doc.name, doc.sha256, doc.format, path, meetings, chunks)
            self._collection.delete(where={"file_name": doc.name})  # its old vectors; the new ones are pending

    def remove_file(self, file_name: str) -> None:
        with self.writing():
            self.catalogue.remove_file(file_name)
            self._collection.delete(where={"file_name": file_name})

    def embedding_key(self, text: str) -> str:
        return hashlib.sha256(f"{self.embedder.name}\n{text}".encode()).hexdigest()

    def _embedded_text(self, embed_text: str) -> str:
        """What is embedded of a chunk: all of it, or its header line and the text's first characters."""
        if not self.embed_chars:
            return embed_text
        header, _, text = embed_text.partition("\n")
        return f"{header}\n{text[: self.embed_chars]}"

    def embedding_progress(self) -> EmbeddingProgress:
        return EmbeddingProgress(self.chunks.embedded(self.collection_name), self.chunks.count())

    def embed_pending(self, progress: EmbeddingCallback | None = None, limit: int | None = None,
                      batch_size: int = _EMBED_BATCH) -> int:
        """Embed the chunks whose vectors the collection lacks, batch by batch (an interruption loses at
        most a batch), text embedded before coming from the cache; returns how many texts were computed."""
        computed = done = 0
        while limit is None or done < limit:
            batch = self.chunks.pending(self.collection_name, min(batch_size, limit - done) if limit else batch_size)
            if not batch:
                break
            batch = [(i, self._embedded_text(text), source) for i, text, source in batch]
            keys = [self.embedding_key(text) for _, text, _ in batch]
            cached = self.catalogue.cached_embeddings(keys)
            missing = {k: text for k, (_, text, _) in zip(keys, batch, strict=True) if k not in cached}
            if missing:
                fresh = dict(zip(missing, self.embedder.embed_passages(list(missing.values())), strict=True))
                self.catalogue.store_embeddings(fresh)
                cached.update(fresh)
                computed += len(fresh)
            with self.writing():
                present = self.chunks.get([i for i, _, _ in batch])  # a file replaced meanwhile: its old chunks are gone
                rows = [(i, key, source) for (i, _, source), key in zip(batch, keys, strict=True) if i in present]
                if rows:
                    self._collection.upsert(ids=[i for i, _, _ in rows], embeddings=[cached[k] for _, k, _ in rows],
                                            metadatas=[s.to_metadata() for _, _, s in rows])
                self.chunks.mark_embedded(self.collection_name, {i: key for i, key, _ in rows})
            done += len(batch)
            if progress:
                progress(self.embedding_progress())
        return computed

    # -- reading -------------------------------------------------------------------------------------
    def count(self) -> int:
        """Chunks stored (searchable lexically; see `embedding_progress` for the dense part)."""
        return self.chunks.count()

    def vector_count(self) -> int:
        """Vectors the collection holds (equal to `count()` once everything is embedded)."""
        return self._collection.count()

    def all_chunks(self) -> list[StoredChunk]:
        """Every chunk of every current file (bulk work such as evaluation; never on the question path)."""
        stale = set(self.catalogue.stale_files())
        return [c for c in self.chunks.all() if c.source.file_name not in stale]

    def file_chunks(self, file_name: str) -> list[StoredChunk]:
        """A file's chunks in document order."""
        return self.chunks.of_file(file_name)

    def meeting_chunks(self, meeting_id: str) -> list[StoredChunk]:
        """A meeting's chunks in document order."""
        return self.chunks.of_meeting(meeting_id)

    def section_chunks(self, meeting_id: str, item_number: str, item_title: str, kind: SectionKind) -> list[StoredChunk]:
        """The chunks of one section of one agenda item, in document order (the title tells apart two items
        printed with the same number)."""
        return self.chunks.of_item((meeting_id, item_number, item_title), kind)

    def query(self, embedding: list[float], n: int, filters: Filters | None = None) -> list[StoredChunk]:
        """Nearest embedded chunks of current files to the embedding, within the filters.

        Unfiltered, Chroma's index answers, unless it may be out of date: an embedded Chroma's index lives
        in this process and misses what another process has written since it was opened. Otherwise, and
        always under filters, the vectors held in memory (up to date with the catalogue) are compared
        exactly with the chunks the filters keep: Chroma's own metadata filter costs hundreds of
        milliseconds on a large collection (50,000 chunks: 0.05–0.7 s against 2 ms unfiltered)."""
        filters = filters or Filters()
        excluded = self.catalogue.stale_files()
        chroma_current = self._chroma_shared or self.catalogue.outside_version() == self._opened_at
        if filters.is_empty() and not excluded and chroma_current:
            return self._nearest(embedding, n)
        self._vectors.refresh(self.chunks, self.catalogue.version())
        nearest = self._vectors.nearest(embedding, n, filters, excluded)
        found = self.chunks.by_rowid([rowid for rowid, _ in nearest])
        return [replace(found[rowid], distance=distance) for rowid, distance in nearest if rowid in found]

    def _nearest(self, embedding: list[float], n: int) -> list[StoredChunk]:
        available = self.chunks.embedded(self.collection_name)  # Chroma's own count takes 14 ms at 50,000
        if not available:
            return []
        result = self._collection.query(query_embeddings=[embedding], n_results=min(n, available), include=["distances"])
        ids, distances = result["ids"][0], result["distances"][0]
        found = self.chunks.get(ids)  # vectors whose chunk was replaced meanwhile have none
        return [replace(found[i], distance=distance) for i, distance in zip(ids, distances, strict=True) if i in found]

    def revision(self) -> str:
        """Changes whenever a file is added, replaced or removed: caches built on the chunks key on it."""
        return self.catalogue.revision()

    def close(self) -> None:
        self.catalogue.close()
