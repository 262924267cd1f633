"""Every stored chunk has a complete SourceRef, and its text is verbatim at the place it claims."""

from __future__ import annotations

import hashlib
import io

import pypdf

from ingest.converters import convert
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import MAX_BYTES


def _assert_complete(ref, undated: set[str]) -> None:
    assert ref.file_name and len(ref.file_sha256) == 64
    assert ref.page or (ref.line_start and ref.line_end and ref.line_start <= ref.line_end)
    assert 0 <= ref.char_start < ref.char_end
    assert ref.municipality and ref.committee and ref.meeting_id
    assert ref.meeting_date or ref.meeting_id in undated
    assert ref.item_number and ref.item_title and ref.section


def test_every_corpus_chunk_is_verbatim_in_its_text_file(corpus_store, corpus):
    store, _ = corpus_store
    undated = {m.id for m in store.catalogue.meetings() if m.meeting_date is None}
    chunks = store.all_chunks()
    assert len(chunks) > 400
    files = {}
    for chunk in chunks:
        ref = chunk.source
        _assert_complete(ref, undated)
        if ref.file_name not in files:
            data = (corpus / ref.file_name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == ref.file_sha256
            files[ref.file_name] = data.decode("utf-8").replace("\r\n", "\n")
        text = files[ref.file_name]
        assert text[ref.char_start : ref.char_end] == chunk.text
        lines = text.split("\n")[ref.line_start - 1 : ref.line_end]
        assert "\n".join(lines).strip() == chunk.text.strip() or chunk.text in "\n".join(lines)
        assert len(chunk.text) <= 1000


def test_closed_items_are_never_indexed(corpus_store):
    store, _ = corpus_store
    closed = {(c.source.file_name, c.source.item_number) for c in store.all_chunks() if c.source.item_title.startswith("Lukket")}
    assert closed == set()


def test_other_formats_chunks_are_verbatim_at_their_page_or_lines(tmp_path, corpus_extra, hash_embedder):
    store = Store(tmp_path, hash_embedder)
    names = ["ballerup-sundheds-og-forebyggelsesudvalget-2012-12-04.pdf", "syddjurs-puk-2013-06-20.pdf",
             "syddjurs-puk-2013-06-20.docx", "aarhus-teknisk-udvalg-2025-10-01.html"]
    reports = ingest_paths([corpus_extra / n for n in names], store, MAX_BYTES)
    assert [r.status for r in reports] == ["ingested"] * 4
    for chunk in store.all_chunks():
        ref = chunk.source
        _assert_complete(ref, set())
        path = corpus_extra / ref.file_name
        if path.suffix == ".pdf":
            page = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages[ref.page - 1].extract_text()
            assert chunk.text in page, ref.label()
        else:  # DOCX and HTML: the line range of the extracted text
            doc = convert(path, MAX_BYTES)
            assert doc.text[ref.char_start : ref.char_end] == chunk.text
            assert chunk.text in "\n".join(doc.text.split("\n")[ref.line_start - 1 : ref.line_end])
    store.close()
