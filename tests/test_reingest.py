"""Idempotent, incremental ingest: no duplicates, changed files replaced, interrupted runs completed."""

from __future__ import annotations

import shutil

import pytest

from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES, MAX_BYTES

FIXTURE = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"


def test_corpus_ingested_three_times_has_no_duplicates(corpus_store, corpus):
    store, first = corpus_store
    count = store.count()
    ids = {c.id for c in store.all_chunks(complete_only=False)}
    assert count == sum(r.chunks for r in first) == len(ids)
    for _ in range(2):
        again = ingest_paths([corpus], store, MAX_BYTES)
        assert all(r.status == "unchanged" and r.embedded == 0 for r in again)
        assert [r.chunks for r in again] == [r.chunks for r in first]
    assert store.count() == count and {c.id for c in store.all_chunks(complete_only=False)} == ids
    meetings = store.catalogue.meetings()
    assert len(meetings) == len({m.id for m in meetings}) == sum(r.meetings for r in first)


def test_repeated_enclosures_are_embedded_once(corpus_store):
    _, reports = corpus_store
    big = next(r for r in reports if r.name == "aarhus-raadmandsmoede-2023-01-16.txt")
    assert big.embedded < big.chunks  # the committee agenda enclosed twice is embedded once


def test_modified_file_replaces_its_old_chunks(tmp_path, small_store):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    (first,) = ingest_paths([path], small_store, MAX_BYTES)
    old = {c.id: c.text for c in small_store.all_chunks(complete_only=False)}
    assert any("41 udkald" in t for t in old.values())
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("41 udkald", "57 udkald"), encoding="utf-8")
    (second,) = ingest_paths([path], small_store, MAX_BYTES)
    assert second.status == "ingested"
    texts = [c.text for c in small_store.all_chunks(complete_only=False)]
    assert not any("41 udkald" in t for t in texts) and any("57 udkald" in t for t in texts)
    assert small_store.count() == second.chunks == first.chunks
    assert second.embedded <= 2  # only the changed passage is embedded again
    assert len(small_store.catalogue.meetings()) == 1


def test_removed_file_leaves_nothing_behind(tmp_path, small_store):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    ingest_paths([path], small_store, MAX_BYTES)
    small_store.remove_file(path.name)
    assert small_store.count() == 0 and small_store.catalogue.meetings() == []


def test_interrupted_ingest_is_completed_by_the_next_run(tmp_path, small_store, monkeypatch):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(small_store.catalogue, "replace_file", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([path], small_store, MAX_BYTES)
    assert small_store.catalogue.file(path.name).status == "pending"
    assert small_store.catalogue.meetings() == []  # a half-written file is not listed
    monkeypatch.undo()
    (report,) = ingest_paths([path], small_store, MAX_BYTES)
    assert report.status == "ingested" and report.embedded == 0  # its embeddings were kept
    assert small_store.count() == report.chunks
    assert small_store.catalogue.file(path.name).status == "ok"
