"""Smoke test of the evaluation harness on a slice of eval-open: 3 Greve meetings, the questions, claims and
summaries whose gold is in them, and 2 not-in-corpus questions, over a store built in a tmp dir with the
deterministic hashing embedder (it knows no meaning, so only the scorer's behaviour is asserted, never
Referent's quality)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import MAX_BYTES, require

from eval import report
from eval.gold import ItemGold, fact_found, first_hit
from eval.runs import ItemMapper, run_open
from eval.score import Question, QuestionResult, ranked_locations
from ingest.embedders import HashEmbedder
from ingest.pipeline import ingest_paths
from ingest.store import Store

FILES = [
    "Plan- og Tryghedsudvalget_2024-10-08T16:00:00+02:00_0104ae1d-8fc7-45dc-867c-93befe5c276a.json",
    "Klima-, Teknik- og Miljøudvalget_2023-05-25T08:00:00+02:00_b806377d-6aa5-449e-9ced-4e95210ec54e.json",
    "Byråd 2022-2025_2024-10-02T19:00:00+02:00_48bd4739-bd13-49b7-a7ad-146088703a6c.json",
]


def _slice(records: list[dict], key) -> list[dict]:
    return [r for r in records if key(r)]


@pytest.fixture(scope="module")
def open_slice(tmp_path_factory, corpus_extra: Path):
    """A tmp eval-open folder limited to the 3 meetings, and a store of them."""
    eval_open = require(corpus_extra.parent / "eval-open")
    greve = corpus_extra / "greve-json"
    tmp = tmp_path_factory.mktemp("eval-open")
    names = set(FILES)

    def read(name: str) -> list[dict]:
        return [json.loads(line) for line in (eval_open / name).read_text(encoding="utf-8").splitlines() if line]

    questions = read("questions.jsonl")
    picked = _slice(questions, lambda q: q["gold"] and all(g["file"] in names for g in q["gold"]))
    picked += [q for q in questions if q["type"] == "not-in-corpus"][:2]
    claims = _slice(read("claims.jsonl"), lambda c: c["gold"] and all(g["file"] in names for g in c["gold"]))
    summaries = _slice(read("summaries.jsonl"), lambda s: s["file"] in names)
    for name, records in (("questions.jsonl", picked), ("claims.jsonl", claims), ("summaries.jsonl", summaries)):
        (tmp / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    files = [greve / name for name in FILES]
    store = Store(tmp / "store", HashEmbedder())
    assert all(r.status == "ingested" for r in ingest_paths(files, store, MAX_BYTES))
    store.close()
    return SimpleNamespace(dir=tmp, files=files, questions=picked, claims=claims, summaries=summaries)


def test_correct_item_first_scores_hit_at_1(open_slice):
    store = Store(open_slice.dir / "store", HashEmbedder())
    chunk = next(c for c in store.all_chunks() if c.source.file_name == FILES[0])
    store.close()
    gold = ItemGold(FILES[0], str(chunk.source.meeting_date), chunk.source.item_number)
    other = SimpleNamespace(source=SimpleNamespace(file_name=FILES[1], char_start=0, char_end=10,
                                                   meeting_date=None, item_number="1"))
    answer = SimpleNamespace(citations=[SimpleNamespace(source=chunk.source)], evidence=[other])
    ranked = ranked_locations(answer)
    q = Question("x1", "?", "decision", "da", ["a"], [gold], False)
    assert first_hit(ranked, [gold]) == 1
    assert first_hit(list(reversed(ranked)), [gold]) == 2
    assert not ItemGold(FILES[0], "1999-01-01", chunk.source.item_number).matches(chunk.source)
    hit = QuestionResult(q, "Referent", "answered", "a", rank=1)
    miss = QuestionResult(q, "Referent", "answered", "b", rank=None, missing=["a"])
    metrics = report.question_metrics([hit, miss])
    assert metrics["hit@1"] == "0.50" and metrics["MRR@10"] == "0.50" and metrics["key facts"] == "0.50"


def test_fact_matching_is_lenient_for_english_only():
    assert fact_found("17 for og 3 imod", "Godkendt  med 17 FOR og 3 imod.")
    assert fact_found("68.160 kr.", "The price is 68,160 DKK.", english=True)
    assert not fact_found("68.160 kr.", "Prisen er 68,160 DKK.", english=False)


def test_baseline_chunks_map_to_the_item_they_cover(open_slice):
    store = Store(open_slice.dir / "store", HashEmbedder())
    chunks = [c for c in store.all_chunks() if c.source.file_name == FILES[1]]
    mapper = ItemMapper(store)
    store.close()
    c = max(chunks, key=lambda c: c.source.char_end - c.source.char_start)
    hit = SimpleNamespace(file_name=FILES[1], char_start=c.source.char_start, char_end=c.source.char_end)
    loc = mapper(hit)
    assert (loc.item_number, loc.meeting_date) == (c.source.item_number, c.source.meeting_date)


def test_open_slice_report(open_slice):
    run = run_open(None, open_slice.dir / "store", open_slice.dir / "baseline", open_slice.dir,
                   open_slice.files, HashEmbedder())
    assert "3 of 3 files" in run.notes[0]
    assert run.baseline_note and "not built" in run.baseline_note
    assert len(run.questions) == len(open_slice.questions)
    assert sum(r.question.not_found for r in run.questions) == 2
    assert all(r.rank is None or 1 <= r.rank <= 10 for r in run.questions)
    groups = report.grouped(run.questions, report.type_and_language_groups(run.questions))
    assert "| all |" in groups and "| type not-in-corpus |" in groups and "| lang da |" in groups
    assert "naive hit@5" in groups and "not built" in groups
    table = report.side_by_side(run.questions, "not built")
    assert "| hit@1 |" in table and "naive baseline" in table
    assert len(run.claims) == len(open_slice.claims)
    assert "expected \\ got" in report.claims_table(run.claims)
    assert len(run.summaries) == len(open_slice.summaries) >= 1
    assert all(r.error is None for r in run.summaries)
    assert "key-point recall" in report.summaries_table(run.summaries)
    for line in report.question_failures(run.questions):
        assert line.split()[0] in {q["id"] for q in open_slice.questions}


def test_open_slice_with_baseline_columns(open_slice):
    from eval.baseline import NaiveBaseline

    built = NaiveBaseline(open_slice.dir / "baseline-built", open_slice.files, HashEmbedder(), build=True)
    assert built.built and built.size > 0
    run = run_open(3, open_slice.dir / "store", open_slice.dir / "baseline-built", open_slice.dir,
                   open_slice.files, HashEmbedder())
    assert run.baseline_note is None
    naive = [r for r in run.questions if r.system == "naive baseline"]
    assert len(naive) == 3 and all(r.citations_verbatim == [True] for r in naive)
    assert "not built" not in report.grouped(run.questions, report.type_and_language_groups(run.questions))


def test_generated_question_with_a_shared_title_has_every_item_of_that_title_as_gold(corpus_extra: Path):
    """'Godkendelse af dagsorden' names no one meeting: any item so titled is its gold; a title one item has
    is that item's alone."""
    from eval.generated import decided_items, generated_questions

    files = [corpus_extra / "greve-json" / name for name in FILES]
    questions, total = generated_questions(files, sample=None)
    assert total == len(questions) == sum(len(decided_items(path)) for path in files)
    agenda = [q for q in questions if q.text == "Hvad blev besluttet om Godkendelse af dagsorden?"]
    assert len(agenda) >= 2
    assert all(q.kind == "title shared" and len(q.golds) == len(agenda) for q in agenda)
    assert len({g.file for g in agenda[0].golds}) == len(agenda)  # one per meeting, each question's own among them
    assert all(any(q.id == f"gen-{Path(g.file).stem[-8:]}-{g.item_number}" for g in q.golds) for q in agenda)
    unique = [q for q in questions if q.kind == "title unique"]
    assert unique and all(len(q.golds) == 1 and q.id.endswith("-" + q.golds[0].item_number) for q in unique)
