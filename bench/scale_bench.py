"""Query cost as the archive grows (run by hand: `python -m bench.scale_bench [--sizes 600,6000,50000] [--cache DIR]`).

Stores of about 600, 6,000 and 50,000 chunks, built once with the hashing embedder (instant; ranking is not
judged here) from the Greve agenda-portal JSON, and past its ~42,000 chunks from copies of those meetings
(each copy a meeting of its own: another file name, portal Id and year). Each store is measured in a new
process, on a copy of the cached store (the add-one-file step writes to it):
- startup: process start to the first result of one question (median of `--startups` new processes),
  and the interpreter + imports alone, each timed beside one of them;
- p50 / p95 over fixed questions of the query embedding alone, of `Retriever.search` with the embedding
  precomputed, and the baseline measured in the same run: the store's Chroma collection queried with the same
  vectors (n_results=40, no filter);
- the first answer after adding one file: ingest one new meeting into the loaded store, then ask about it
  until a passage of that file comes back;
- resident memory after the first question, and the store folder's size on disk.
Stores are cached under `--cache` (default bench/.cache) as `scale-<size>`, reused while the ingest code that
built them is unchanged and their chunk count is the one recorded; `--build-only` builds and stops.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chromadb import Collection

    from ingest.store import Store

ROOT = Path(__file__).resolve().parents[1]
GREVE = ROOT.parent / "shared" / "corpus-extra" / "greve-json"
MAX_BYTES = 50_000_000
EVIDENCE_K = 8  # what the answerer asks the retriever for
NEW_MEETING_ROUND = 9  # the added file is a copy this many rounds back (36 years): a meeting no store holds

log = logging.getLogger("bench.scale_bench")
FIRST_FILTERED = "Hvad besluttede Økonomiudvalget om budget 2024?"  # the first question with a filter, timed apart

QUESTIONS = [
    "Hvad blev besluttet om budgettet for 2023?",
    "Hvad besluttede Økonomiudvalget om budget 2024?",
    "Hvem stemte imod budgetforliget?",
    "Hvad blev besluttet om budgetopfølgningen i september 2022?",
    "Hvornår blev regnskabet for 2022 godkendt?",
    "Hvad blev besluttet om anlægsbevillinger til skolerne?",
    "Hvad besluttede Skole-, Børne- og Ungeudvalget om skolestrukturen?",
    "Hvad blev besluttet på mødet i Skole-, Børne- og Ungeudvalget den 9. januar 2024?",
    "Hvad blev besluttet om trafiksikkerhed ved skolerne?",
    "Hvad blev besluttet om inklusion i folkeskolen i 2023?",
    "Hvad blev besluttet om renovering af veje og fortove?",
    "Hvad besluttede Klima-, Teknik- og Miljøudvalget om asfalt i 2022?",
    "Hvad blev besluttet om vejbelysningen den 19. juni 2023?",
    "Hvad blev besluttet om cykelstier i marts 2023?",
    "Hvem stemte imod lokalplanen?",
    "Hvem stemte imod salget af kommunale grunde?",
    "Hvem stemte imod forslaget om parkering ved stationen i 2024?",
    "Hvad blev besluttet om klimaplanen?",
    "Hvad anbefalede administrationen om affaldsordningen?",
    "Hvad besluttede Økonomiudvalget den 24. oktober 2022?",
    "Hvad koster den nye daginstitution?",
    "Hvad blev besluttet om takster for ældreplejen?",
    "Hvad besluttede Sundheds- og Omsorgsudvalget om hjemmeplejen?",
    "Hvad blev besluttet om tilskud til foreningerne i Kultur- og Fritidsudvalget?",
    "Hvad blev besluttet om svømmehallen?",
    "Hvor mange ledige er der i Greve Kommune?",
    "Hvad er status på sygefraværet i 2023?",
    "Hvem var fraværende på mødet i Social- og Handicapudvalget?",
    "Hvad besluttede Greve Byråd om boligbyggeri i oktober 2023?",
    "Hvad blev besluttet om kvartalsrapporten for beskæftigelsen?",
]


# -- stores ------------------------------------------------------------------------------------------


def _ingest_fingerprint() -> str:
    """What decides a store's layout: the chunker and parser versions and the chunk tables' schema. A store
    built under another is stale."""
    from ingest.chunk_index import SCHEMA
    from ingest.store import STRUCTURE_VERSION

    return hashlib.sha256(f"{STRUCTURE_VERSION}\n{SCHEMA}".encode()).hexdigest()[:16]


def _originals(greve: Path) -> list[Path]:
    """The portal meetings in date order across committees (a prefix of them is a small archive)."""
    return sorted(greve.glob("*.json"), key=lambda p: (p.name.split("_")[1], p.name))


def _copy(original: Path, folder: Path, back: int) -> Path:
    """The meeting as another meeting: a new portal Id and file name (its identity), 4 × `back` years
    earlier (29 February kept), so no store deduplicates it."""
    doc = json.loads(original.read_bytes())
    new_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"referent-scale-bench/{original.name}/{back}"))
    doc["Id"] = new_id
    meeting = doc.get("Moede") or {}
    for field in ("MeetingBeginUtc", "Dato"):
        if meeting.get(field):
            meeting[field] = f"{int(meeting[field][:4]) - 4 * back}{meeting[field][4:]}"
    committee = original.name.split("_")[0]
    path = folder / f"{committee}_{meeting.get('MeetingBeginUtc') or meeting.get('Dato')}_{new_id}.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _candidates(greve: Path, copies: Path) -> Iterator[Path]:
    """Every original, then copies of them round after round."""
    originals = _originals(greve)
    yield from originals
    for back in range(1, NEW_MEETING_ROUND):
        for original in originals:
            yield _copy(original, copies, back)


def _build(folder: Path, target: int, greve: Path, copies: Path) -> dict:
    from tqdm import tqdm

    from ingest.embedders import HashEmbedder
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    shutil.rmtree(folder, ignore_errors=True)
    store = Store(folder, HashEmbedder())
    started = time.perf_counter()
    files = errors = count = 0
    with tqdm(total=target, unit="chunk", desc=folder.name) as bar:
        for path in _candidates(greve, copies):
            reports = ingest_paths([path], store, MAX_BYTES)
            files += 1
            errors += sum(r.status == "error" for r in reports)
            count = store.count()
            bar.update(count - bar.n)
            if count >= target:
                break
    seconds = time.perf_counter() - started
    store.close()
    log.info("%s: %d chunks from %d files (%d errors) in %.0f s", folder.name, count, files, errors, seconds)
    return {"target": target, "chunks": count, "files": files, "errors": errors, "build_s": round(seconds, 1)}


def _ensure_store(cache: Path, target: int, greve: Path) -> dict:
    """The cached store of `target` chunks, built unless the one there is current."""
    from ingest.embedders import HashEmbedder
    from ingest.store import Store

    folder, meta_path = cache / f"scale-{target}", cache / f"scale-{target}.json"
    fingerprint = _ingest_fingerprint()
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    if meta.get("fingerprint") == fingerprint and meta.get("target") == target and folder.is_dir():
        store = Store(folder, HashEmbedder())
        count = store.count()
        store.close()
        if count == meta["chunks"]:
            log.info("%s: reusing the cached store (%d chunks)", folder.name, count)
            return meta | {"cached": True}
        log.info("%s: %d chunks where %d were built: rebuilding", folder.name, count, meta["chunks"])
    elif meta:
        log.info("%s: built by other ingest code (or for another size): rebuilding", folder.name)
    meta = _build(folder, target, greve, cache / "greve-copies") | {"fingerprint": fingerprint}
    meta_path.write_text(json.dumps(meta))
    return meta | {"cached": False}


def _disk_mb(folder: Path) -> float:
    """Allocated size, as `du` counts it."""
    return sum(p.stat().st_blocks * 512 for p in folder.rglob("*") if p.is_file()) / 2**20


# -- the measuring process ---------------------------------------------------------------------------


def _chroma_collection(store: Store) -> Collection:
    """The store's Chroma collection: the one place that knows where it is kept."""
    if hasattr(store, "_collection"):
        return store._collection
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(store.data_dir / "chroma"), settings=Settings(anonymized_telemetry=False))
    return client.get_collection(store.collection_name)


def _memory_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (the peak so far) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _imports() -> None:
    from ingest.embedders import HashEmbedder  # noqa: F401
    from ingest.pipeline import ingest_paths  # noqa: F401
    from ingest.store import Store  # noqa: F401
    from qa.question import parse_question  # noqa: F401
    from qa.retrieval import Retriever  # noqa: F401


def _probe(folder: Path, rounds: int, new_file: Path | None) -> dict:
    """Run in a new process on a store the caller may spoil: startup and memory, then (given the file to
    add) latencies and the added file."""
    from ingest.embedders import HashEmbedder
    from ingest.pipeline import ingest_paths
    from ingest.store import Store
    from qa.question import parse_question
    from qa.retrieval import Retriever

    imported = time.monotonic()
    store = Store(folder, HashEmbedder())
    meetings = store.catalogue.meetings()
    names = (sorted({m.municipality for m in meetings if m.municipality}), sorted({m.committee for m in meetings if m.committee}),
             {(m.municipality, m.committee) for m in meetings})
    retriever = Retriever(store)
    first = retriever.search(parse_question(QUESTIONS[0], *names), EVIDENCE_K)
    first_at = time.monotonic()
    result: dict = {"imported_at": imported, "first_result_at": first_at, "first_passages": len(first),
                    "rss_mb": _memory_mb("VmRSS"), "peak_mb": _memory_mb("VmHWM"), "chunks": store.count()}
    filtered = parse_question(FIRST_FILTERED, *names)
    assert not filtered.filters.is_empty(), FIRST_FILTERED
    started = time.monotonic()
    retriever.search(filtered, EVIDENCE_K)  # reads the vectors into memory for filtered dense search
    result["first_filtered_s"] = time.monotonic() - started
    if new_file is None:
        store.close()
        return result

    questions = [parse_question(text, *names) for text in QUESTIONS]
    embedder = store.embedder
    vectors = {text: embedder.embed_query(text) for text in QUESTIONS}
    collection = _chroma_collection(store)
    embed, search, chroma = [], [], []
    for _ in range(rounds):
        for text in QUESTIONS:
            started = time.perf_counter()
            embedder.embed_query(text)
            embed.append(time.perf_counter() - started)
    embedder.embed_query = vectors.__getitem__  # retrieval without the query embedding
    try:
        for _ in range(rounds):
            for question in questions:
                started = time.perf_counter()
                retriever.search(question, EVIDENCE_K)
                search.append(time.perf_counter() - started)
                started = time.perf_counter()
                collection.query(query_embeddings=[vectors[question.text]], n_results=40,
                                 include=["documents", "metadatas", "distances"])
                chroma.append(time.perf_counter() - started)
    finally:
        del embedder.embed_query
    result |= {"embed": embed, "search": search, "chroma": chroma, "rss_all_mb": _memory_mb("VmRSS"),
               "peak_all_mb": _memory_mb("VmHWM")}  # every question asked: the filtered ones' vectors in memory

    doc = json.loads(new_file.read_bytes())
    stamp = (doc.get("Moede") or {}).get("MeetingBeginUtc") or doc["Moede"]["Dato"]
    titles = [" ".join(str(i.get("Caption") or i.get("Navn")).split()) for i in doc["Dagsordenpunkter"] if i.get("Caption") or i.get("Navn")]
    title = titles[len(titles) // 2]  # an item in the middle: not the approval of the agenda
    text = f"Hvad blev besluttet om {title} i {doc['Udvalg']['Navn']} den {stamp[8:10]}-{stamp[5:7]}-{stamp[:4]}?"
    started = time.perf_counter()
    reports = ingest_paths([new_file], store, MAX_BYTES)
    ingested = time.perf_counter()
    if any(r.status == "error" for r in reports):
        raise RuntimeError(f"{new_file.name}: {[r.error for r in reports]}")
    tries = 0
    while time.perf_counter() - started < 600:
        tries += 1
        if any(p.source.file_name == new_file.name for p in retriever.search(parse_question(text, *names), EVIDENCE_K)):
            break
    else:
        raise RuntimeError(f"no passage of {new_file.name} in 600 s ({[r.status for r in reports]})")
    result |= {"add_ingest_s": ingested - started, "add_total_s": time.perf_counter() - started, "add_tries": tries,
               "add_question": text}
    store.close()
    return result


def _child(*args: str) -> tuple[float, dict]:
    """A new process running this module; (its start, on the monotonic clock every process shares; its JSON)."""
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "bench.scale_bench", *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise RuntimeError(f"bench.scale_bench {' '.join(args)} failed ({out.returncode})")
    return started, json.loads(out.stdout.strip().splitlines()[-1])


# -- the report --------------------------------------------------------------------------------------


def _ms(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"{cuts[49] * 1000:.1f} / {cuts[94] * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="600,6000,50000", help="chunk counts, comma-separated")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache", help="where the stores are kept")
    parser.add_argument("--greve", type=Path, default=GREVE, help="the Greve portal JSON files")
    parser.add_argument("--rounds", type=int, default=3, help="times each question is asked")
    parser.add_argument("--startups", type=int, default=3, help="new processes timed to their first result, per size")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the stores and stop")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--new-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--imports", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.imports:
        _imports()
        print(json.dumps({"imported_at": time.monotonic()}))
        return
    if args.probe:
        print(json.dumps(_probe(args.probe, args.rounds, args.new_file)))
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("chromadb").setLevel(logging.WARNING)
    sizes = [int(s) for s in args.sizes.split(",")]
    metas = {size: _ensure_store(args.cache, size, args.greve) for size in sizes}
    if args.build_only:
        return

    imports: list[float] = []
    results = {}
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as scratch:
        originals = _originals(args.greve)
        new_file = _copy(originals[len(originals) // 2], Path(scratch) / "new", NEW_MEETING_ROUND)
        for size in sizes:
            folder = Path(scratch) / f"scale-{size}"
            shutil.copytree(args.cache / f"scale-{size}", folder)
            log.info("%s: measuring", folder.name)
            startups = []
            for attempt in range(args.startups):  # each beside a process that only imports, under the same load
                started, out = _child("--imports")
                imports.append(out["imported_at"] - started)
                probe = ["--probe", str(folder), "--rounds", str(args.rounds)]
                started, out = _child(*probe, *(["--new-file", str(new_file)] if attempt == args.startups - 1 else []))
                startups.append(out | {"startup_s": out["first_result_at"] - started, "opened_s": out["first_result_at"] - out["imported_at"]})
            results[size] = out | {key: statistics.median(s[key] for s in startups)
                                   for key in ("startup_s", "opened_s", "rss_mb", "peak_mb", "first_filtered_s")}
            log.info("%s: first question %d passages; added file found after %d searches (%s)",
                     folder.name, out["first_passages"], out["add_tries"], out["add_question"])
            shutil.rmtree(folder)

    import_s = statistics.median(imports)
    columns = [f"{results[s]['chunks']:,} chunks" for s in sizes]
    rows = [
        ("files (of which copies)", [f"{metas[s]['files']} ({max(0, metas[s]['files'] - len(originals))})" for s in sizes]),
        ("build, s (hash embedder)", [f"{metas[s]['build_s']:.0f}" + (" (cached)" if metas[s]["cached"] else "") for s in sizes]),
        ("query embedding, p50 / p95 ms", [_ms(results[s]["embed"]) for s in sizes]),
        ("retrieval without embedding, p50 / p95 ms", [_ms(results[s]["search"]) for s in sizes]),
        ("baseline: Chroma query n=40, p50 / p95 ms", [_ms(results[s]["chroma"]) for s in sizes]),
        (f"startup: process start to first result, s (median of {args.startups})", [f"{results[s]['startup_s']:.2f}" for s in sizes]),
        (f"interpreter + imports alone, another process, s (median of {len(imports)})", [f"{import_s:.2f}"] * len(sizes)),
        ("startup minus interpreter + imports, s", [f"{results[s]['startup_s'] - import_s:.2f}" for s in sizes]),
        ("  the same on the process's own clock (open store, index, first answer), s", [f"{results[s]['opened_s']:.2f}" for s in sizes]),
        ("then the first filtered question (reads the vectors into memory), s", [f"{results[s]['first_filtered_s']:.2f}" for s in sizes]),
        ("first answer after adding one file, s", [f"{results[s]['add_total_s']:.2f}" for s in sizes]),
        ("  of which ingesting the file, s", [f"{results[s]['add_ingest_s']:.2f}" for s in sizes]),
        (f"RSS after the first question, MB (median of {args.startups})", [f"{results[s]['rss_mb']:.0f}" for s in sizes]),
        ("  peak until then (VmHWM), MB", [f"{results[s]['peak_mb']:.0f}" for s in sizes]),
        ("RSS after every question (the vectors held for filtered search), MB", [f"{results[s]['rss_all_mb']:.0f}" for s in sizes]),
        ("  peak until then (VmHWM), MB", [f"{results[s]['peak_all_mb']:.0f}" for s in sizes]),
        ("store folder on disk, MB", [f"{_disk_mb(args.cache / f'scale-{s}'):.0f}" for s in sizes]),
    ]
    print(f"\n{len(QUESTIONS)} questions x {args.rounds} rounds, k={EVIDENCE_K}, hash embedder, ingest code {_ingest_fingerprint()}, "
          f"{os.cpu_count()} cores; added file: {new_file.name}")
    print(f"| | {' | '.join(columns)} |")
    print(f"|---|{'---:|' * len(columns)}")
    for label, cells in rows:
        print(f"| {label} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
