"""`python -m ingest PATH... [--store DIR] [--json] [--no-embed]`: ingest minutes, print a per-file report.
`python -m ingest --embed-only`: embed what earlier ingests left pending (the background worker).

Files are stored (and searchable lexically) first, then embedded, each with a progress bar.
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

from ingest.converters import SUPPORTED_SUFFIXES
from ingest.embedders import make_embedder
from ingest.pipeline import ingest_paths
from ingest.settings import get_settings
from ingest.store import EmbeddingProgress, Store


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Ingest Danish meeting minutes.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (.txt .pdf .docx .html .json)")
    parser.add_argument("--store", type=Path, default=settings.data_dir, help=f"data folder (default {settings.data_dir})")
    parser.add_argument("--municipality", help="municipality of documents that do not name one (e.g. portal JSON)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON lines")
    parser.add_argument("--no-embed", action="store_true", help="store the files only (searchable lexically at once); "
                        "a worker (--embed-only) embeds them")
    parser.add_argument("--embed-only", action="store_true", help="embed the passages earlier ingests left pending")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not args.paths and not args.embed_only:
        parser.error("name files or folders to ingest, or --embed-only")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    store = Store(args.store, make_embedder(settings.embedder), settings.chroma_url or None, settings.writer_wait_s,
                  settings.embed_chars)
    started = time.perf_counter()
    quiet = args.json or not sys.stderr.isatty()
    if args.embed_only:
        return _embed(store, quiet)
    bar = tqdm(total=0, unit="file", disable=quiet, file=sys.stderr)

    def progress(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(name[:40])
        bar.refresh()

    paths = [p for p in args.paths if p.exists()]
    reports = ingest_paths(paths, store, settings.max_file_bytes, progress, args.municipality, embed=False)
    bar.close()
    if paths and not reports:
        print(f"no files to ingest in {', '.join(map(str, paths))} (supported: {' '.join(SUPPORTED_SUFFIXES)}; symbolic links "
              "inside folders are not followed)", file=sys.stderr)
        store.close()
        return 1
    if not args.no_embed:
        _embed(store, quiet)
    elapsed = time.perf_counter() - started
    if args.json:
        for report in reports:
            print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        width = max((len(r.name) for r in reports), default=10)
        print(f"{'file':<{width}}  status     meetings items chunks skipped")
        for r in reports:
            if r.status == "error":
                print(f"{r.name:<{width}}  ERROR      {r.error}")
            else:
                print(f"{r.name:<{width}}  {r.status:<10} {r.meetings:>8} {r.items:>5} {r.chunks:>6} {r.skipped:>7}")
        failed = sum(r.status == "error" for r in reports)
        state = store.embedding_progress()
        print(f"{len(reports)} file(s), {failed} failed, {store.count()} chunks ({state.embedded} embedded in "
              f"{store.collection_name}), {elapsed:.1f} s")
    store.close()
    return 1 if missing or any(r.status == "error" for r in reports) else 0


def _embed(store: Store, quiet: bool) -> int:
    """Embed every pending passage with a progress bar; resumable (an interruption keeps what is done)."""
    state = store.embedding_progress()
    bar = tqdm(total=state.total, initial=state.embedded, unit="passage", desc="embedding", disable=quiet, file=sys.stderr)

    def progress(now: EmbeddingProgress) -> None:
        bar.total, bar.n = now.total, now.embedded
        bar.refresh()

    computed = store.embed_pending(progress)
    bar.close()
    logging.getLogger(__name__).info("%d passages embedded now, %d from the cache", computed, state.total - state.embedded - computed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
