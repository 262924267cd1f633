"""The naive baseline: the tutorial recipe people would otherwise use.

RecursiveCharacterTextSplitter(1000, 200) over each file's text, the same embedder, a Chroma collection,
top-k similarity. Its "answer" is the best chunk; it never says "not found".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.embedders import Embedder


@dataclass(frozen=True)
class BaselineHit:
    file_name: str
    char_start: int
    char_end: int
    text: str


class NaiveBaseline:
    def __init__(self, folder: Path, files: list[Path], embedder: Embedder):
        self.embedder = embedder
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        ids, texts, metas = [], [], []
        for path in files:
            text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
            for doc in splitter.create_documents([text], metadatas=[{"file_name": path.name}]):
                start = doc.metadata["start_index"]
                ids.append(hashlib.sha256(f"{path.name}:{start}:{doc.page_content}".encode()).hexdigest()[:24])
                texts.append(doc.page_content)
                metas.append({"file_name": path.name, "char_start": start, "char_end": start + len(doc.page_content)})
        digest = hashlib.sha256("".join(ids).encode()).hexdigest()[:12]
        client = chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))
        self.collection = client.get_or_create_collection(
            f"naive-{embedder.name}-{digest}", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        if self.collection.count() != len(ids):
            for start in range(0, len(ids), 64):
                self.collection.upsert(
                    ids=ids[start : start + 64], documents=texts[start : start + 64], metadatas=metas[start : start + 64],
                    embeddings=self.embedder.embed_passages(texts[start : start + 64]),
                )
        self.size = len(ids)

    def search(self, question: str, k: int = 10) -> list[BaselineHit]:
        result = self.collection.query(query_embeddings=[self.embedder.embed_query(question)], n_results=k,
                                       include=["documents", "metadatas"])
        return [
            BaselineHit(m["file_name"], m["char_start"], m["char_end"], d)
            for d, m in zip(result["documents"][0], result["metadatas"][0], strict=True)
        ]
