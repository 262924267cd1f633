"""Hostile files (issue 14): each attack through the real ingest beside good minutes. Per file: no crash, a
one-line reason, under 60 s; the good files of the batch all stored; the reader's peak memory under 1 GB.

The files are made here, in tmp_path. Attacks the limits refuse pass with reading in this process; the time
budget and the memory ceiling need reading in the reader process (`ingest.sandbox`), wired into
`pipeline.ingest_file`: those tests are marked xfail (strict) until it is.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from ingest import sandbox
from ingest.converters import ConversionError
from ingest.pipeline import ingest_paths
from ingest.settings import get_settings
from tests.conftest import FIXTURES, MAX_BYTES, ROOT
from tests.test_bad_input import EXPECTED_REASONS, batch  # noqa: F401 (the original bad files, as a fixture)

GOOD = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
SECONDS, MEGABYTES = 60, 1024


def _portal(items: int) -> bytes:
    """An agenda-portal meeting with this many items (100,000: 12.9 MB, issue 14's)."""
    return json.dumps({"Moede": {"Dato": "2024-01-10T17:00:00"}, "Udvalg": {"Navn": "Byrådet"}, "Dagsordenpunkter": [
        {"Number": str(n), "Caption": f"Punkt {n}", "Felter": [{"Html": "<h3>Beslutning</h3><p>Godkendt.</p>"}]}
        for n in range(items)]}).encode()


def _docx_bomb(path: Path, xml_mb: int = 189) -> None:
    """A DOCX of a few hundred KB holding `xml_mb` MB of XML, written in pieces (never whole in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as xml:
            piece = b"<w:p><w:r><w:t>Punkt 1</w:t></w:r></w:p>" * 25_000
            for _ in range(xml_mb * 1_000_000 // len(piece)):
                xml.write(piece)


def _slow_minutes() -> bytes:
    """Real minutes repeated to 3 million characters: within every limit, 4 s to read on an idle machine."""
    return GOOD.read_bytes() * (3_000_000 // len(GOOD.read_bytes()))


def _heavy_page() -> bytes:
    """150,000 elements, within the limit: BeautifulSoup's tree of them takes ~150 MB."""
    return b"<html><body>" + b"<p><b>a</b></p>" * 75_000 + b"</body></html>"


HOSTILE = {  # name: (bytes or a writer, the reason's words)
    "bomb.docx": (_docx_bomb, "unpacks to 189 MB of XML, over the limit of 50 MB"),
    "items-100k.json": (lambda: _portal(100_000), "100,000 agenda items in one file, over the limit of 5,000"),
    "deep-100k.html": (lambda: b"<html><body>" + b"<div>" * 100_000 + b"Punkt 1" + b"</div>" * 100_000 + b"</body></html>",
                       "markup nested over 400 levels deep"),
    "elements-2m.html": (lambda: b"<html><body>" + b"<p><b>Punkt</b> <i>1</i></p>" * 700_000 + b"</body></html>",
                         "over 200,000 markup elements"),
    "long.txt": (lambda: GOOD.read_bytes() * (10_000_000 // len(GOOD.read_bytes())), "over the limit of 5 million"),
    "nul-middle.html": (lambda: b"<html><body><h1>Referat</h1>" + b"<p>tekst</p>" * 20_000 + b"\x00<p>Punkt 1</p></body></html>",
                        "binary content (NUL bytes)"),
    "nul-end.json": (lambda: _portal(3) + b"\x00", "binary content (NUL bytes)"),
    "html-number.json": (lambda: b'{"Moede": {"Dato": "2024-01-10"}, "Dagsordenpunkter": [{"Felter": [{"Html": 5}]}]}',
                         "malformed agenda-portal JSON: Dagsordenpunkter[0].Felter[0].Html is a number, not text"),
    "items-object.json": (lambda: b'{"Moede": {"Dato": "2024-01-10"}, "Dagsordenpunkter": {"1": "Budget"}}',
                          "not an agenda-portal meeting"),
}


def _write_hostile(folder: Path) -> None:
    for name, (make, _) in HOSTILE.items():
        if make is _docx_bomb:
            make(folder / name)
        else:
            (folder / name).write_bytes(make())


def _good_files(folder: Path, corpus_extra: Path) -> set[str]:
    shutil.copy(GOOD, folder / "good.txt")
    shutil.copy(corpus_extra / "syddjurs-puk-2013-06-20.docx", folder / "good.docx")
    shutil.copy(corpus_extra / "aarhus-teknisk-udvalg-2025-10-01.html", folder / "good.html")
    greve = sorted((corpus_extra / "greve-json").glob("*.json"))[0]
    shutil.copy(greve, folder / "good.json")
    return {"good.txt", "good.docx", "good.html", "good.json"}


def _ingest_timed(folder: Path, store) -> tuple[dict, dict[str, float]]:
    """Reports by name, and the seconds each file took."""
    started: dict[str, float] = {}

    def progress(done: int, total: int, name: str) -> None:
        started[name] = time.perf_counter()

    reports = ingest_paths([folder], store, MAX_BYTES, progress, embed=False)
    order = list(started)
    seconds = {name: started[after] - started[name] for name, after in zip(order, order[1:], strict=False)}
    return {r.name: r for r in reports}, seconds


@pytest.mark.slow
def test_every_attack_fails_alone_with_its_reason_and_nothing_is_lost(batch, corpus_extra, small_store):  # noqa: F811
    _write_hostile(batch)
    good = _good_files(batch, corpus_extra) | {"good.txt", "legacy-cp1252.txt"}
    outside = batch.parent / "outside.txt"  # a symbolic link out of the ingest folder: never followed
    shutil.copy(GOOD, outside)
    (batch / "link.txt").symlink_to(outside)
    (batch / "passwd.txt").symlink_to("/etc/passwd")
    reports, seconds = _ingest_timed(batch, small_store)
    expected = {**EXPECTED_REASONS, **{name: reason for name, (_, reason) in HOSTILE.items()}}
    for name, reason in expected.items():
        assert reports[name].status == "error", name
        assert reason in reports[name].error and "\n" not in reports[name].error, (name, reports[name].error)
    for name in good:
        assert reports[name].status == "ingested" and reports[name].chunks > 0, reports[name]
    assert "link.txt" not in reports and "passwd.txt" not in reports
    assert {c.source.file_name for c in small_store.all_chunks()} == good  # 0 lost, nothing else stored
    slow = {name: s for name, s in seconds.items() if s > SECONDS}
    assert not slow, slow


def test_an_empty_folder_ingests_nothing_and_says_so(tmp_path, small_store):
    (tmp_path / "empty").mkdir()
    assert ingest_paths([tmp_path / "empty"], small_store, MAX_BYTES) == []
    assert small_store.count() == 0


@pytest.fixture
def settings_env(monkeypatch):
    """Set REFERENT_* variables for one test (the settings are cached)."""

    def set_env(**values: object) -> None:
        for key, value in values.items():
            monkeypatch.setenv(f"REFERENT_{key.upper()}", str(value))
        get_settings.cache_clear()

    yield set_env
    get_settings.cache_clear()


# The reader: time budget, memory ceiling, a crash; the next file is read all the same.

def _read_good() -> None:
    assert sandbox.read_bounded(GOOD, "good.txt", MAX_BYTES).chunks


def test_a_file_over_the_time_budget_is_stopped(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_bytes(_slow_minutes())
    started = time.perf_counter()
    with pytest.raises(ConversionError, match=r"^slow.txt: took over 0.5 s to read; stopped \(setting REFERENT_FILE_BUDGET_S\)$"):
        sandbox.read_bounded(slow, "slow.txt", MAX_BYTES, budget_s=0.5)
    assert time.perf_counter() - started < 5
    _read_good()


def test_a_file_over_the_memory_ceiling_is_stopped(tmp_path):
    heavy = tmp_path / "heavy.html"
    heavy.write_bytes(_heavy_page())
    with pytest.raises(ConversionError, match=r"^heavy.html: needed over 40 MB to read; stopped"):
        sandbox.read_bounded(heavy, "heavy.html", MAX_BYTES, memory_mb=40)
    _read_good()
    assert sandbox.stats.peak_rss_mb < MEGABYTES


def test_a_reader_that_crashes_is_reported_in_one_line(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_bytes(_slow_minutes())
    _read_good()  # a reader running
    killer = threading.Timer(0.5, lambda: os.kill(sandbox.stats.pid, signal.SIGSEGV))
    killer.start()
    with pytest.raises(ConversionError, match=r"^slow.txt: the reader stopped with SIGSEGV while reading it \([^\n]*\)$"):
        sandbox.read_bounded(slow, "slow.txt", MAX_BYTES, budget_s=30)
    killer.join()
    _read_good()


def test_the_reader_gives_what_reading_here_gives(corpus_extra):
    from ingest.reading import read_minutes

    for path in (GOOD, corpus_extra / "syddjurs-puk-2013-06-20.pdf", sorted((corpus_extra / "greve-json").glob("*.json"))[0]):
        assert sandbox.read_bounded(path, path.name, MAX_BYTES) == read_minutes(path, path.name, MAX_BYTES)


def test_ingest_stops_a_slow_file_and_keeps_the_batch(tmp_path, small_store, settings_env):
    settings_env(file_budget_s=1)
    (tmp_path / "slow.txt").write_bytes(_slow_minutes())
    shutil.copy(GOOD, tmp_path / "good.txt")
    reports, seconds = _ingest_timed(tmp_path, small_store)
    assert reports["slow.txt"].error == "took over 1 s to read; stopped (setting REFERENT_FILE_BUDGET_S)"
    assert reports["good.txt"].status == "ingested"
    assert seconds["good.txt"] < 10


def test_ingest_stops_a_file_over_the_memory_ceiling_and_keeps_the_batch(tmp_path, small_store, settings_env):
    settings_env(file_memory_mb=40)
    (tmp_path / "heavy.html").write_bytes(_heavy_page())
    shutil.copy(GOOD, tmp_path / "good.txt")
    reports, _ = _ingest_timed(tmp_path, small_store)
    assert reports["heavy.html"].error.startswith("needed over 40 MB to read; stopped")
    assert reports["good.txt"].status == "ingested"


@pytest.mark.slow
def test_the_cli_on_hostile_files_stays_under_a_gigabyte_and_a_minute(tmp_path, corpus_extra):
    """`python -m ingest` on every attack, measured from a process of its own: the peak resident memory of
    the CLI and everything it started (the reader), and the time for the whole batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    _write_hostile(folder)
    good = _good_files(folder, corpus_extra)
    measure = ("import resource, subprocess, sys, time; t = time.perf_counter(); r = subprocess.run(sys.argv[1:], "
               "capture_output=True, text=True); print(r.stdout, end=''); print(r.stderr, file=sys.stderr, end=''); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, time.perf_counter() - t, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", measure, sys.executable, "-m", "ingest", str(folder), "--store",
                             str(tmp_path / "store"), "--json", "--no-embed"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "REFERENT_EMBEDDER": "hash"}, timeout=600)
    reports = {r["name"]: r for r in map(json.loads, result.stdout.splitlines())}
    peak_mb, seconds = map(float, result.stderr.strip().splitlines()[-1].split())
    assert {n for n, r in reports.items() if r["status"] == "ingested"} == good, result.stderr[-2000:]
    for name, (_, reason) in HOSTILE.items():
        assert reason in reports[name]["error"], reports[name]
    assert peak_mb < MEGABYTES and seconds < SECONDS * len(HOSTILE)
