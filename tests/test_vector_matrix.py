"""The vectors held in memory for filtered dense search follow the store: a file another process adds,
embeds or removes is found, or no longer found, by the next filtered question of a store already open;
and a store of the first chunk layout is dropped to be read again, never half-read."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from ingest.analysis import index_terms
from ingest.filters import Filters
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import MAX_BYTES, ROOT


def _files(store: Store, found) -> set[str]:
    return {c.source.file_name for c in found}


def test_a_reader_follows_files_another_store_adds_and_removes(tmp_path, corpus, hash_embedder):
    aarhus = sorted(corpus.glob("aarhus-*.txt"))
    writer = Store(tmp_path, hash_embedder)
    ingest_paths(aarhus[:1], writer, MAX_BYTES)
    reader = Store(tmp_path, hash_embedder)  # an app's store, open all along
    vector = hash_embedder.embed_query("Rammeaftale for det specialiserede socialområde")
    aarhus_only = Filters(municipalities=("Aarhus",))
    assert _files(reader, reader.query(vector, 200, aarhus_only)) == {aarhus[0].name}

    ingest_paths(aarhus[1:], writer, MAX_BYTES, embed=False)
    assert _files(reader, reader.query(vector, 200, aarhus_only)) == {aarhus[0].name}  # not embedded yet
    writer.embed_pending()
    assert _files(reader, reader.query(vector, 500, aarhus_only)) == {p.name for p in aarhus}

    writer.remove_file(aarhus[0].name)
    found = reader.query(vector, 500, aarhus_only)
    assert _files(reader, found) == {p.name for p in aarhus[1:]}
    everything = reader.query(vector, reader.count())  # Chroma's own answer, unfiltered: the same nearest first
    assert [c.id for c in found[:10]] == [c.id for c in everything if aarhus_only.matches(c.source)][:10]
    writer.close()
    reader.close()


def test_a_store_of_the_first_chunk_layout_is_read_again(tmp_path, corpus, hash_embedder):
    store = Store(tmp_path, hash_embedder)
    ingest_paths(sorted(corpus.glob("*.txt"))[:1], store, MAX_BYTES)
    store.close()
    db = sqlite3.connect(tmp_path / "catalogue.sqlite")  # the first layout: the texts inside the chunks rows
    db.executescript("DROP TABLE chunk_terms; DROP TABLE chunks; DROP TABLE chunk_texts; "
                     "CREATE TABLE chunks (rowid INTEGER PRIMARY KEY, id TEXT, text TEXT, source TEXT, terms TEXT);")
    db.close()

    reopened = Store(tmp_path, hash_embedder)
    assert reopened.count() == 0
    assert reopened.catalogue.stale_files() == [sorted(corpus.glob("*.txt"))[0].name]  # ingest reads it again
    reports = ingest_paths(sorted(corpus.glob("*.txt"))[:1], reopened, MAX_BYTES)
    assert [r.status for r in reports] == ["ingested"] and reopened.count() > 0 and not reopened.catalogue.stale_files()
    reopened.close()


def _in_another_process(*args: str) -> None:
    env = {**os.environ, "REFERENT_EMBEDDER": "hash"}
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)


def test_an_open_store_finds_by_meaning_what_another_process_added_and_forgets_what_it_removed(tmp_path, corpus,
                                                                                                hash_embedder):
    """An embedded Chroma's index lives in its process: another process's vectors are not in it (issue 14:
    0 of 52 found). Unfiltered dense search must still see them, and never lose the rest after a removal."""
    first, last = sorted(corpus.glob("*.txt"))[0], sorted(corpus.glob("*.txt"))[-1]
    writer = Store(tmp_path, hash_embedder)
    ingest_paths([first], writer, MAX_BYTES)
    writer.close()
    reader = Store(tmp_path, hash_embedder)  # the app, open all along
    vector = hash_embedder.embed_query("ledighed og indsats")
    assert _files(reader, reader.query(vector, 1000)) == {first.name}

    _in_another_process("-m", "ingest", "--store", str(tmp_path), str(last))
    found = reader.query(vector, 1000)
    assert _files(reader, found) == {first.name, last.name} and len(found) == reader.count()

    _in_another_process("-c", "from pathlib import Path; from ingest.embedders import HashEmbedder; from ingest.store import Store; "
                        f"Store(Path({str(tmp_path)!r}), HashEmbedder()).remove_file({first.name!r})")
    found = reader.query(vector, 1000)
    assert _files(reader, found) == {last.name} and len(found) == reader.count()
    reader.close()


def test_an_open_store_answers_from_the_new_version_of_a_file_another_process_replaced(tmp_path, corpus, hash_embedder):
    """Replace, the third of issue 14's two-process cases: the file changes on disk and another process ingests
    it again; the open store finds the new passages, by words and by meaning, and none of the old."""
    minutes = tmp_path / "files" / "referat.txt"
    minutes.parent.mkdir()
    original = sorted(corpus.glob("*.txt"))[-1].read_text(encoding="utf-8")
    minutes.write_text(original, encoding="utf-8")
    writer = Store(tmp_path / "store", hash_embedder)
    ingest_paths([minutes], writer, MAX_BYTES)
    writer.close()
    reader = Store(tmp_path / "store", hash_embedder)
    old = reader.file_chunks("referat.txt")
    old_ids = {c.id for c in old}
    sentence = next(line for c in old for line in c.text.splitlines() if len(line.split()) > 8)
    minutes.write_text(original.replace(sentence, "Udvalget drøftede kvasarfinansiering af cykelparkering."), encoding="utf-8")

    _in_another_process("-m", "ingest", "--store", str(tmp_path / "store"), str(minutes))
    new_ids = {c.id for c in reader.file_chunks("referat.txt")}
    assert new_ids and new_ids != old_ids
    by_meaning = reader.query(hash_embedder.embed_query("kvasarfinansiering af cykelparkering"), 1000)
    assert {c.id for c in by_meaning} == new_ids  # every passage of the new version, none of the old
    by_words = reader.chunks.search(index_terms("kvasarfinansiering"), 10)
    assert by_words and {c.id for c in by_words} <= new_ids
    reader.close()
