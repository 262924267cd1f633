"""The dense search within filters: exactly over the kept chunks' vectors held in memory, only chunks
within the filters, nearest first, the same chunks and distances Chroma ranks first of the whole collection."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.chunk_index import TermStatistics
from ingest.filters import Filters
from qa.retrieval import Retriever

FILTERS = [Filters(committees=("Beskæftigelsesudvalget",)), Filters(municipalities=("Aarhus",)),
           Filters(since=date(2022, 1, 1), until=date(2023, 12, 31)), Filters(("Aarhus",), ("Rådmandsmøde",), date(2023, 1, 1)),
           Filters(until=date(2020, 12, 31))]


@pytest.mark.parametrize("filters", FILTERS, ids=["committee", "municipality", "period", "all-three", "until"])
def test_filtered_dense_search_keeps_the_order_and_only_the_filtered(corpus_store, hash_embedder, filters):
    store, _ = corpus_store
    vector = hash_embedder.embed_query("ledighed og indsats i januar")
    everything = store.query(vector, store.count())
    expected = [c for c in everything if filters.matches(c.source)][:8]
    found = store.query(vector, 8, filters)
    assert found and all(filters.matches(c.source) for c in found)
    assert [c.id for c in found] == [c.id for c in expected]
    assert [round(c.distance, 4) for c in found] == [round(c.distance, 4) for c in expected]


def test_a_filter_that_keeps_nothing_finds_nothing(corpus_store, hash_embedder):
    store, _ = corpus_store
    assert store.query(hash_embedder.embed_query("budget"), 10, Filters(municipalities=("Odense",))) == []


def test_lexical_search_in_two_steps_scores_as_fts5_does(corpus_store):
    """A common stem ("kommun") with specific ones: the chunks found by the specific stems keep FTS5's own
    BM25 of all the stems, and the best chunks are FTS5's best."""
    store, _ = corpus_store
    statistics = store.chunks.statistics()
    terms = ["rammeaftal", "kommun", "godkend"]
    common = [t for t in terms if statistics.documents.get(t, 0) > 0.05 * statistics.size]
    assert common and len(common) < len(terms)  # the question mixes both kinds
    whole = {c.id: c.lexical for c in store.chunks.search(terms, 40)}
    two_step = store.chunks.search(terms, 40, statistics=statistics)
    assert two_step and all(abs(c.lexical - whole[c.id]) < 1e-9 for c in two_step if c.id in whole)
    assert [c.id for c in two_step[:5]] == list(whole)[:5]
    assert all(c.lexical >= d.lexical for c, d in zip(two_step, two_step[1:], strict=False))


def test_a_stem_no_chunk_holds_never_empties_the_lexical_search(corpus_store):
    """A question word the minutes never use ("skatepark") beside common ones: the common ones still find."""
    store, _ = corpus_store
    statistics = store.chunks.statistics()
    terms = ["skatepark", "kommun", "godkend"]
    assert statistics.documents.get("skatepark", 0) == 0
    assert [c.id for c in store.chunks.search(terms, 10, statistics=statistics)] == [c.id for c in store.chunks.search(terms, 10)]
    assert store.chunks.search(terms, 10, statistics=statistics)


@pytest.mark.parametrize("documents, size", [({"cykelsti": 1, "åvej": 1}, 2), ({"cykelsti": 2, "åvej": 1, "godkend": 3}, 4)])
def test_every_stem_weighs_something_however_small_the_archive(small_store, monkeypatch, documents, size):
    """A stem in exactly half the passages weighs 0 by BM25's formula; were every stem of a question so, the
    share of its weight a passage holds would be 0 / 0 (found by an archive of two passages)."""
    monkeypatch.setattr(small_store.chunks, "statistics", lambda: TermStatistics(documents, size, 10.0))
    retriever = Retriever(small_store)
    assert all(retriever.term_weight(stem) > 0 for stem in documents)
    assert retriever.title_share({"cykelsti", "åvej"}, {"cykelsti"}) > 0
