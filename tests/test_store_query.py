"""The dense search within filters: exactly over the kept chunks' vectors when the filters keep few, from
Chroma's nearest of the whole collection when they keep many; either way only chunks within the filters,
nearest first, the same chunks Chroma would rank first."""

from __future__ import annotations

import pytest

from ingest.filters import Filters


@pytest.mark.parametrize("exact_up_to", [5000, 0], ids=["exact", "from-the-whole-collection"])
def test_filtered_dense_search_keeps_the_order_and_only_the_filtered(corpus_store, hash_embedder, exact_up_to, monkeypatch):
    store, _ = corpus_store
    monkeypatch.setattr(store, "exact_up_to", exact_up_to)
    vector = hash_embedder.embed_query("ledighed og indsats i januar")
    everything = store.query(vector, store.count())
    for filters in (Filters(committees=("Beskæftigelsesudvalget",)), Filters(municipalities=("Aarhus",))):
        expected = [c for c in everything if filters.matches(c.source)][:8]
        found = store.query(vector, 8, filters)
        assert found and all(filters.matches(c.source) for c in found)
        assert [c.id for c in found] == [c.id for c in expected]
        assert [round(c.distance, 4) for c in found] == [round(c.distance, 4) for c in expected]


def test_a_filter_that_keeps_nothing_finds_nothing(corpus_store, hash_embedder):
    store, _ = corpus_store
    assert store.query(hash_embedder.embed_query("budget"), 10, Filters(municipalities=("Odense",))) == []
