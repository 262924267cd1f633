"""The vectors held in memory for filtered dense search follow the store: a file another process adds,
embeds or removes is found, or no longer found, by the next filtered question of a store already open;
and a store of the first chunk layout is dropped to be read again, never half-read."""

from __future__ import annotations

import sqlite3

from ingest.filters import Filters
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import MAX_BYTES


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
