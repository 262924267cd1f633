"""The naive baseline: the tutorial recipe people would otherwise use.

RecursiveCharacterTextSplitter(1000, 200) over each file's plain text, the same embedder, a Chroma
collection, top-k similarity. Its "answer" is the best chunk; it never says "not found". Plain text is the
file itself for `.txt` and the project's converter output (`ingest.converters.convert(...).text`) for other
formats, so character offsets are comparable with the Referent store's source references.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.embedders import Embedder

log = logging.getLogger(__name__)
_BATCH = 32
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class BaselineHit:
    file_name: str
    char_start: int
    char_end: int
    text: str


def plain_text(path: Path) -> str:
    """The text the baseline splits: the file for .txt, the converter's text for other formats."""
    if path.suffix.lower() == ".txt":
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    from ingest.converters import convert

    return convert(path, MAX_BYTES).text


class NaiveBaseline:
    """The baseline's Chroma collection over `files`; built (resumably) when `build`, else only opened."""

    def __init__(self, folder: Path, files: list[Path], embedder: Embedder, build: bool = True):
        self.embedder = embedder
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        ids, texts, metas = [], [], []
        for path in files:
            try:
                text = plain_text(path)
            except Exception as exc:  # a file the converter refuses is simply absent, as in our store
                log.warning("baseline skips %s: %s", path.name, exc)
                continue
            for doc in splitter.create_documents([text], metadatas=[{"file_name": path.name}]):
                start = doc.metadata["start_index"]
                ids.append(hashlib.sha256(f"{path.name}:{start}:{doc.page_content}".encode()).hexdigest()[:24])
                texts.append(doc.page_content)
                metas.append({"file_name": path.name, "char_start": start, "char_end": start + len(doc.page_content)})
        digest = hashlib.sha256("".join(ids).encode()).hexdigest()[:12]
        self.name = f"naive-{embedder.name}-{digest}"
        self.size = len(ids)
        client = chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))
        if not build and self.name not in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
            self.collection = None
            return
        self.collection = client.get_or_create_collection(
            self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        if build and self.collection.count() < len(ids):
            present = set(self.collection.get(include=[])["ids"])
            todo = [i for i, chunk_id in enumerate(ids) if chunk_id not in present]
            log.info("baseline: embedding %d of %d chunks", len(todo), len(ids))
            for n in range(0, len(todo), _BATCH):
                batch = todo[n : n + _BATCH]
                self.collection.upsert(
                    ids=[ids[i] for i in batch], documents=[texts[i] for i in batch],
                    metadatas=[metas[i] for i in batch],
                    embeddings=self.embedder.embed_passages([texts[i] for i in batch]),
                )
                if n // _BATCH % 20 == 0:
                    log.info("baseline: %d / %d embedded", n + len(batch), len(todo))

    @property
    def built(self) -> bool:
        """True when the collection holds every chunk (a partial build is not used for scoring)."""
        return self.collection is not None and self.collection.count() >= self.size

    def search(self, question: str, k: int = 10) -> list[BaselineHit]:
        result = self.collection.query(query_embeddings=[self.embedder.embed_query(question)], n_results=k,
                                       include=["documents", "metadatas"])
        return [
            BaselineHit(m["file_name"], m["char_start"], m["char_end"], d)
            for d, m in zip(result["documents"][0], result["metadatas"][0], strict=True)
        ]
