"""Several writers, one store: two ingest processes at once leave a consistent store (the writer lock), an
app's background worker embeds what an upload left pending, and a large store still answers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ingest.pipeline import ingest_paths
from ingest.settings import Settings
from ingest.store import EmbeddingProgress, Store, StoreBusy
from qa.background import embedding_worker, progress_text
from qa.library import add_documents
from qa.question import parse_question
from qa.retrieval import Retriever
from tests.conftest import FIXTURES, MAX_BYTES, ROOT


def _ingest_process(store: str, files: list) -> subprocess.Popen:
    env = {**os.environ, "REFERENT_EMBEDDER": "hash"}
    return subprocess.Popen([sys.executable, "-m", "ingest", "--store", store, "--json", *map(str, files)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingest_processes_at_once_leave_a_consistent_store(tmp_path, corpus, corpus_extra, hash_embedder):
    greve = sorted((corpus_extra / "greve-json").glob("*.json"))[:6]
    first, second = sorted(corpus.glob("*.txt")) + greve[:3], greve[3:]
    writers = [_ingest_process(str(tmp_path), files) for files in (first, second)]
    for writer in writers:
        out, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    store = Store(tmp_path, hash_embedder)
    assert {f.name for f in store.catalogue.files()} == {p.name for p in first + second}
    total = sum(f.chunks for f in store.catalogue.files())
    assert store.count() == total and store.embedding_progress() == EmbeddingProgress(total, total)
    assert store.vector_count() == total  # no vector lost, none left over from a replaced chunk
    assert len(store.query(hash_embedder.embed_query("budget"), 50)) == 50
    store.close()


def test_a_second_writer_waits_then_gets_a_clear_message(tmp_path, hash_embedder):
    holder = Store(tmp_path, hash_embedder)
    waiter = Store(tmp_path, hash_embedder, writer_wait_s=0.2)
    with holder.writing(), pytest.raises(StoreBusy, match="another process has been writing to"):
        waiter.remove_file("x.txt")
    waiter.remove_file("x.txt")  # the lock released: it writes
    holder.close()
    waiter.close()


def test_an_upload_is_found_at_once_and_embedded_in_the_background(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERENT_EMBEDDER", "hash")
    settings = Settings(data_dir=tmp_path / "data", embedder="hash")
    from qa.library import open_store

    store = open_store(settings)
    fixture = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
    (report,) = add_documents(store, [(fixture.name, fixture.read_bytes())], MAX_BYTES, embed=False)
    assert store.embedding_progress() == EmbeddingProgress(0, report.chunks)
    assert progress_text(EmbeddingProgress(412, 5882)) == "412 af 5.882 uddrag indlejret"
    passages = Retriever(store).search(parse_question("Hvor mange udkald havde beredskabet?", [], []))
    assert any("41 udkald" in p.text for p in passages)  # lexically, before any vector exists
    worker = embedding_worker(settings)
    worker.start()
    worker.wait(120)
    assert not worker.running and worker.error is None
    assert store.embedding_progress().done
    store.close()


@pytest.mark.slow
def test_forty_thousand_chunks_answer_a_question(tmp_path, corpus_extra, hash_embedder):
    """Above 32,766 chunks a whole-collection read once failed ("too many SQL variables")."""
    store = Store(tmp_path / "store", hash_embedder)
    reports = ingest_paths([corpus_extra / "greve-json"], store, MAX_BYTES)  # every Greve meeting: ≈ 42,000 chunks
    assert store.count() >= 40_000, store.count()
    assert not [r for r in reports if r.status == "error"]
    assert store.embedding_progress().done
    question = parse_question("Hvad blev besluttet om skolernes budget?", ["Greve"], [])
    passages = Retriever(store).search(question)
    assert len(passages) == 10 and all(p.source.municipality == "Greve" for p in passages)
    store.close()
