"""`python -m ingest PATH... [--store DIR] [--json]`: ingest minutes, print a per-file report.

Exit status 0 when every file was ingested or unchanged, 1 when some file failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from tqdm import tqdm

from ingest.embedders import make_embedder
from ingest.pipeline import ingest_paths
from ingest.settings import get_settings
from ingest.store import Store


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Ingest Danish meeting minutes.")
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt .pdf .docx .html .json)")
    parser.add_argument("--store", type=Path, default=settings.data_dir, help=f"data folder (default {settings.data_dir})")
    parser.add_argument("--municipality", help="municipality of documents that do not name one (e.g. portal JSON)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON lines")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    store = Store(args.store, make_embedder(settings.embedder))
    started = time.perf_counter()
    bar = tqdm(total=0, unit="file", disable=args.json or not sys.stderr.isatty(), file=sys.stderr)

    def progress(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(name[:40])
        bar.refresh()

    paths = [p for p in args.paths if p.exists()]
    reports = ingest_paths(paths, store, settings.max_file_bytes, progress, args.municipality)
    bar.close()
    elapsed = time.perf_counter() - started
    if args.json:
        for report in reports:
            print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        width = max((len(r.name) for r in reports), default=10)
        print(f"{'file':<{width}}  status     meetings items chunks skipped embedded")
        for r in reports:
            if r.status == "error":
                print(f"{r.name:<{width}}  ERROR      {r.error}")
            else:
                print(f"{r.name:<{width}}  {r.status:<10} {r.meetings:>8} {r.items:>5} {r.chunks:>6} {r.skipped:>7} {r.embedded:>8}")
        failed = sum(r.status == "error" for r in reports)
        print(f"{len(reports)} file(s), {failed} failed, {store.count()} chunks in {store.collection_name}, {elapsed:.1f} s")
    store.close()
    return 1 if missing or any(r.status == "error" for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
