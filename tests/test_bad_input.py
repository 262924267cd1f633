"""Bad input: each bad file gets one clear reason, the good file beside it is ingested, nothing crashes."""

from __future__ import annotations

import io
import zipfile

import pypdf
import pytest

from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES, MAX_BYTES

GOOD = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"


def _pdf_bytes(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def batch(tmp_path, corpus_extra):
    pdf = (corpus_extra / "syddjurs-puk-2013-06-20.pdf").read_bytes()
    encrypted = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    encrypted.encrypt("hemmelig")
    blank = pypdf.PdfWriter()
    blank.add_blank_page(595, 842)
    blank.add_blank_page(595, 842)
    bad_docx = io.BytesIO()
    with zipfile.ZipFile(bad_docx, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    bomb = io.BytesIO()  # a few hundred KB that unpack to 60 MB of XML (issue 14: 146 s and 3.6 GB before)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:p><w:r><w:t>Punkt 1</w:t></w:r></w:p>" * 1_500_000)
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 20,
        "truncated.pdf": pdf[: len(pdf) // 2],
        "encrypted.pdf": _pdf_bytes(encrypted),
        "scanned.pdf": _pdf_bytes(blank),
        "malformed.json": b'{"Dagsordenpunkter": [ {"Number": 1, ',
        "other.json": b'{"name": "not an agenda"}',
        "string-item.json": b'{"Moede": {"Dato": "2024-01-10"}, "Dagsordenpunkter": [{"Number": 1, "Caption": "Budget"}, "Punkt 2"]}',
        "fields-text.json": b'{"Moede": {"Dato": "2024-01-10"}, "Dagsordenpunkter": [{"Number": 1, "Felter": "Beslutning: Godkendt"}]}',
        "broken.docx": bad_docx.getvalue(),
        "bomb.docx": bomb.getvalue(),
        "notes.txt": "Indkøbsliste\nmælk\nbrød\n".encode(),
        "late-nul.txt": GOOD.read_bytes() * 40 + b"\x00",  # past the first 64 KiB
        "deep.html": b"<html><body>" + b"<div>" * 100_000 + b"Punkt 1" + b"</div>" * 100_000 + b"</body></html>",
        "legacy-cp1252.txt": GOOD.read_text(encoding="utf-8").replace("solbjerg", "legacy").encode("cp1252"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with open(tmp_path / "huge.txt", "wb") as handle:  # 50 MB of text
        handle.write(b"Referat af ingenting. " * (50_000_000 // 22 + 1))
    (tmp_path / "good.txt").write_bytes(GOOD.read_bytes())
    return tmp_path


EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "binary.txt": "binary content",
    "garbage.pdf": "corrupt or truncated PDF",
    "truncated.pdf": "corrupt or truncated PDF",
    "encrypted.pdf": "encrypted PDF",
    "scanned.pdf": "no text layer",
    "malformed.json": "malformed JSON",
    "other.json": "not an agenda-portal meeting",
    "string-item.json": "malformed agenda-portal JSON: Dagsordenpunkter[1] is a string, not an agenda item object",
    "fields-text.json": "malformed agenda-portal JSON: Dagsordenpunkter[0].Felter is not a list of objects",
    "broken.docx": "not a valid DOCX",
    "bomb.docx": "unpacks to 60 MB of XML, over the limit of 50 MB",
    "notes.txt": "no agenda items found",
    "late-nul.txt": "binary content",
    "deep.html": "markup nested over 400 levels deep",
    "huge.txt": "over the 30 MB limit",
}


def test_each_bad_file_fails_alone_with_its_reason(batch, small_store):
    reports = {r.name: r for r in ingest_paths([batch], small_store, MAX_BYTES)}
    for name, reason in EXPECTED_REASONS.items():
        assert reports[name].status == "error", name
        assert reason in reports[name].error, (name, reports[name].error)
        assert "\n" not in reports[name].error
    assert reports["good.txt"].status == "ingested" and reports["good.txt"].chunks > 0
    # a legacy Windows-1252 file is read (with a logged warning), its Danish letters intact
    assert reports["legacy-cp1252.txt"].status == "ingested"
    texts = [c.text for c in small_store.file_chunks("legacy-cp1252.txt")]
    assert any("cykelsti langs Åvej" in t for t in texts)
    stored = {c.source.file_name for c in small_store.all_chunks()}
    assert stored == {"good.txt", "legacy-cp1252.txt"}


def test_unknown_suffix_named_directly_is_an_error(tmp_path, small_store):
    path = tmp_path / "minutes.xyz"
    path.write_text("Punkt 1: Noget")
    (report,) = ingest_paths([path], small_store, MAX_BYTES)
    assert report.status == "error" and "unsupported file type '.xyz'" in report.error
