"""Idempotent, incremental ingest: no duplicates, changed files replaced, a file searchable before its
vectors exist, interrupted embedding completed by the next run."""

from __future__ import annotations

import shutil

import pytest

from ingest.analysis import stem
from ingest.chunking import CHUNKER_VERSION
from ingest.pipeline import ingest_paths
from ingest.store import EmbeddingProgress, Store
from ingest.structure.parser import PARSER_VERSION
from qa.question import parse_question
from qa.retrieval import Retriever
from tests.conftest import FIXTURES, MAX_BYTES

FIXTURE = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"


def test_corpus_ingested_three_times_has_no_duplicates(corpus_store, corpus):
    store, first = corpus_store
    count = store.count()
    ids = {c.id for c in store.all_chunks()}
    assert count == sum(r.chunks for r in first) == len(ids)
    for _ in range(2):
        again = ingest_paths([corpus], store, MAX_BYTES)
        assert all(r.status == "unchanged" for r in again) and store.embed_pending() == 0
        assert [r.chunks for r in again] == [r.chunks for r in first]
    assert store.count() == count and {c.id for c in store.all_chunks()} == ids
    meetings = store.catalogue.meetings()
    assert len(meetings) == len({m.id for m in meetings}) == sum(r.meetings for r in first)


def test_repeated_enclosures_are_embedded_once(tmp_path, corpus, hash_embedder):
    store = Store(tmp_path, hash_embedder)
    (big,) = ingest_paths([corpus / "aarhus-raadmandsmoede-2023-01-16.txt"], store, MAX_BYTES, embed=False)
    computed = store.embed_pending()
    assert 0 < computed < big.chunks  # the committee agenda enclosed twice is embedded once
    assert store.embedding_progress() == EmbeddingProgress(big.chunks, big.chunks)


def test_modified_file_replaces_its_old_chunks(tmp_path, small_store):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    (first,) = ingest_paths([path], small_store, MAX_BYTES)
    old = {c.id: c.text for c in small_store.all_chunks()}
    assert any("41 udkald" in t for t in old.values())
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("41 udkald", "57 udkald"), encoding="utf-8")
    (second,) = ingest_paths([path], small_store, MAX_BYTES, embed=False)
    assert second.status == "ingested"
    assert small_store.embed_pending() <= 2  # only the changed passage is embedded again
    texts = [c.text for c in small_store.all_chunks()]
    assert not any("41 udkald" in t for t in texts) and any("57 udkald" in t for t in texts)
    assert small_store.count() == second.chunks == first.chunks
    assert len(small_store.catalogue.meetings()) == 1


def test_removed_file_leaves_nothing_behind(tmp_path, small_store):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    ingest_paths([path], small_store, MAX_BYTES)
    small_store.remove_file(path.name)
    assert small_store.count() == 0 and small_store.catalogue.meetings() == []


def test_a_failed_write_leaves_the_file_out_entirely(tmp_path, small_store, monkeypatch):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(small_store.chunks, "replace_file", crash)  # inside the file's one transaction
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([path], small_store, MAX_BYTES)
    assert small_store.catalogue.file(path.name) is None and small_store.catalogue.meetings() == []
    assert small_store.count() == 0
    monkeypatch.undo()
    (report,) = ingest_paths([path], small_store, MAX_BYTES)
    assert report.status == "ingested" and small_store.count() == report.chunks


def test_a_stored_file_is_found_before_its_vectors_exist(tmp_path, small_store):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    (report,) = ingest_paths([path], small_store, MAX_BYTES, embed=False)
    assert small_store.embedding_progress() == EmbeddingProgress(0, report.chunks)
    question = parse_question("Hvor mange udkald havde beredskabet?", [], [])
    assert small_store.query(small_store.embedder.embed_query(question.text), 10) == []  # nothing dense yet
    passages = Retriever(small_store).search(question)
    assert passages and any("41 udkald" in p.text for p in passages)
    assert all(p.dense is None and p.lexical for p in passages if "41 udkald" in p.text)


def test_interrupted_embedding_is_completed_by_the_next_run(tmp_path, small_store, monkeypatch):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    (report,) = ingest_paths([path], small_store, MAX_BYTES, embed=False)
    real = small_store.embedder.embed_passages
    calls = []

    def crash_on_second_batch(texts):
        calls.append(len(texts))
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut")
        return real(texts)

    monkeypatch.setattr(small_store.embedder, "embed_passages", crash_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        small_store.embed_pending(batch_size=4)
    done = small_store.embedding_progress()
    assert 0 < done.embedded < report.chunks  # the first batch is kept
    monkeypatch.undo()
    assert small_store.embed_pending() == report.chunks - done.embedded  # only the rest is embedded
    assert small_store.embedding_progress().done
    assert {c.id for c in small_store.file_chunks(path.name)} == {
        c.id for c in small_store.query(small_store.embedder.embed_query("udkald"), 1000)}


def test_embedding_the_first_characters_only(tmp_path, hash_embedder):
    store = Store(tmp_path / "store", hash_embedder, embed_chars=60)
    assert "first60" in store.collection_name  # a collection of its own, never mixed with whole-text vectors
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    ingest_paths([path], store, MAX_BYTES)
    chunk = max(store.file_chunks(path.name), key=lambda c: len(c.text))
    embed_text = next(c.embed_text for m in _parse(path) for c in m if c.id == chunk.id)
    header = embed_text.partition("\n")[0]
    (nearest,) = store.query(hash_embedder.embed_passages([f"{header}\n{chunk.text[:60]}"])[0], 1)
    assert nearest.id == chunk.id and nearest.distance < 1e-6  # the vector is of the header and the first 60 characters
    tail_word = chunk.text[200:].split()[1]
    assert any(c.id == chunk.id for c in store.chunks.search([stem(tail_word.lower().strip(".,"))], 50))  # the words still all found


def _parse(path):
    from ingest.chunking import chunk_meeting
    from ingest.converters import convert
    from ingest.structure import parse_document

    doc = convert(path, MAX_BYTES)
    return [chunk_meeting(m, doc) for m in parse_document(doc)]


def test_a_file_parsed_by_an_older_parser_is_parsed_again(tmp_path, hash_embedder, corpus_extra, monkeypatch):
    """A store made before `source_url` (parser p4) gains it on the next ingest: the parser version is part of
    the structure version, so the unchanged file is stale, not 'unchanged'."""
    import dataclasses

    import ingest.reading
    import ingest.sandbox
    import ingest.store

    page = corpus_extra / "more" / "koebenhavn-borgerrepraesentationen-2026-10-08-punkt-15.html"

    def read_by_p4(path, name, max_bytes, municipality=None):  # in this process: the old parser knew no source_url
        read = ingest.reading.read_minutes(path, name, max_bytes, municipality)
        return dataclasses.replace(read, meetings=[dataclasses.replace(m, source_url=None) for m in read.meetings])

    with monkeypatch.context() as old:
        old.setattr(ingest.store, "STRUCTURE_VERSION", f"{CHUNKER_VERSION}-p4")
        old.setattr(ingest.sandbox, "read_bounded", read_by_p4)
        store = Store(tmp_path, hash_embedder)
        (first,) = ingest_paths([page], store, MAX_BYTES)
        assert first.status == "ingested" and store.catalogue.meetings()[0].source_url is None
        store.close()
    assert PARSER_VERSION != "p4"
    store = Store(tmp_path, hash_embedder)
    try:
        (again,) = ingest_paths([page], store, MAX_BYTES)
        assert again.status == "ingested"  # same bytes, newer parser: parsed again
        (meeting,) = store.catalogue.meetings()
        assert meeting.source_url == "https://sagsvagt.dk/sag/kk-2026-10-08-borgerrepraesentationen-15.html"
        assert all(c.source.source_url == meeting.source_url for c in store.all_chunks())
        assert ingest_paths([page], store, MAX_BYTES)[0].status == "unchanged"
    finally:
        store.close()
