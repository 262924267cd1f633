"""What a citation opens (qa/source_view.py), on the real sample minutes: the PDF page with the quote
highlighted, the text formats' numbered lines with the quote marked, the stored passage when the original is
gone or changed, and source text that can never become markup."""

from __future__ import annotations

import io
import shutil

import pypdfium2 as pdfium
import pytest
from PIL import Image

from ingest.pipeline import ingest_paths
from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa.citations import cite
from qa.source_view import (
    Box,
    NumberedLine,
    _folded,
    _page_text,
    focus_area,
    focus_band,
    locate,
    merged,
    numbered_html,
    numbered_lines,
    open_source,
    page_image,
)
from qa.types import Passage
from tests.conftest import FIXTURES, MAX_BYTES

BALLERUP = "ballerup-sundheds-og-forebyggelsesudvalget-2012-12-04.pdf"
TEXT_FORMATS = ["syddjurs-puk-2013-06-20.docx", "aarhus-teknisk-udvalg-2025-10-01.html"]
GREVE = "*02e86ff6-fd6b-4bab-99ad-17411bb2ead1.json"


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus, corpus_extra, hash_embedder):
    """The Ballerup and Syddjurs PDFs, a DOCX, an HTML page, a portal JSON meeting and a corpus TXT."""
    store = Store(tmp_path_factory.mktemp("source-view"), hash_embedder)
    files = [corpus_extra / BALLERUP, corpus_extra / "syddjurs-puk-2013-06-20.pdf",
             *(corpus_extra / n for n in TEXT_FORMATS), *(corpus_extra / "greve-json").glob(GREVE),
             corpus / "randers-beskaeftigelsesudvalget-2020-01-14.txt"]
    assert [r.status for r in ingest_paths(files, store, MAX_BYTES)] == ["ingested"] * len(files)
    yield store
    store.close()


def _middle_sentence(chunk):
    """A citation of part of a passage (as answers narrow them): from its second line to its second-last."""
    text = chunk.text
    start, end = (text.index("\n") + 1, text.rindex("\n")) if text.count("\n") >= 2 else (0, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    start, end = (start, end) if end > start else (0, len(text))
    return cite(Passage(chunk.id, chunk.text, chunk.source), 1, start, end)


def _marked(lines) -> str:
    """The marked text, lines joined as in the source (a blank line inside the quote has nothing to mark)."""
    texts = ["".join(t for t, marked in line.parts if marked) for line in lines]
    hits = [i for i, line in enumerate(lines) if any(m for _, m in line.parts)]
    return "\n".join(texts[hits[0]:hits[-1] + 1]) if hits else ""


def test_every_pdf_passage_is_found_on_its_page(store):
    for name in (BALLERUP, "syddjurs-puk-2013-06-20.pdf"):
        document = pdfium.PdfDocument(store.catalogue.file_path(name))
        texts: dict[int, str] = {}
        for chunk in store.file_chunks(name):
            page = chunk.source.page
            texts.setdefault(page, _page_text(document[page - 1].get_textpage()))
            ((start, end),) = locate(texts[page], chunk.text)
            assert _folded(texts[page][start:end])[0] == _folded(chunk.text)[0]
        document.close()


def test_the_same_words_twice_on_a_page_are_told_apart(store):
    """'2013 godkendes.' closes two recommendations on Ballerup's page 8: each citation marks its own."""
    document = pdfium.PdfDocument(store.catalogue.file_path(BALLERUP))
    text = _page_text(document[7].get_textpage())
    document.close()
    chunk = next(c for c in store.file_chunks(BALLERUP) if c.source.page == 8 and c.source.section is SectionKind.RECOMMENDATION
                 and c.text.count("2013 godkendes.") == 2)
    first, second = (i for i in range(len(chunk.text)) if chunk.text.startswith("2013 godkendes.", i))
    places = []
    for at in (first, second):
        ((start, _end),) = locate(text, "2013 godkendes.", chunk.text[:at], chunk.text[at + 15:])
        places.append(start)
    on_page = [i for i in range(len(text)) if text.startswith("2013 godkendes.", i)]
    assert places == on_page[:2] and places[0] != places[1]


def test_the_pdf_page_is_shown_with_the_quote_highlighted(store):
    decision = next(c for c in store.file_chunks(BALLERUP) if c.source.section is SectionKind.DECISION and c.source.page > 3)
    view = open_source(store, _middle_sentence(decision))
    page = view.page
    assert (page.page, page.pages) == (decision.source.page, 15) and page.boxes and view.file.name == BALLERUP
    image = Image.open(io.BytesIO(page.png)).convert("RGB")
    assert image.size == (page.width, page.height) == (1190, 1684)
    box = page.boxes[0]
    colours = [image.getpixel((x, box.top + 4)) for x in range(box.left + 4, box.right - 4, 3)]
    yellow = sum(1 for r, g, b in colours if r > 200 and g > 170 and b < 160)  # the page's white under the highlight
    assert yellow > len(colours) / 3, colours[:10]
    focus = Image.open(io.BytesIO(page.focus_png))
    top, bottom = focus_band(page.height, page.boxes)
    assert focus.height == bottom - top < page.height and focus.width < page.width  # the margins cut away
    assert all(top <= b.top and b.bottom <= bottom for b in page.boxes)
    assert _marked(view.lines) == view.citation.quote  # the passage beside the page, its quote marked


def test_a_quote_not_on_the_page_shows_the_whole_page_unmarked(corpus_extra):
    page = page_image(str(corpus_extra / BALLERUP), 1, "Dette står ikke på siden")
    assert page.boxes == () and page.png == page.focus_png


def test_rectangles_of_one_line_are_one_highlight():
    pieces = [Box(10, 100, 50, 112), Box(52, 101, 90, 113), Box(10, 120, 80, 132)]
    assert merged(pieces) == [Box(10, 100, 90, 113), Box(10, 120, 80, 132)]
    assert focus_band(1000, []) == (0, 1000)
    assert focus_band(1000, [Box(0, 500, 10, 520)]) == (360, 660)  # at least 30 % of the page around the quote
    text = [Box(100, 380, 700, 395), Box(90, 900, 750, 915)]  # a line in the band, one far below it
    assert focus_area(800, 1000, [Box(120, 500, 300, 520)], text) == (76, 360, 724, 660)


@pytest.mark.parametrize("name", [*TEXT_FORMATS, GREVE, "randers-beskaeftigelsesudvalget-2020-01-14.txt"])
def test_text_formats_show_numbered_lines_with_the_quote_marked(store, name):
    (file_name,) = [f.name for f in store.catalogue.files() if f.name == name or name.startswith("*") and f.name.endswith(name[1:])]
    chunks = [c for c in store.file_chunks(file_name) if c.text.count("\n") >= 2][:12]
    assert chunks
    for chunk in chunks:
        citation = _middle_sentence(chunk)
        view = open_source(store, citation)
        assert view.page is None and view.from_original and view.file is not None
        assert _marked(view.lines) == citation.quote
        marked = [line.number for line in view.lines if any(m for _, m in line.parts)]
        ref = citation.source
        assert (marked[0], marked[-1]) == (ref.line_start, ref.line_end)
        numbers = [line.number for line in view.lines]
        assert numbers == list(range(numbers[0], numbers[-1] + 1))
        before = [line for line in view.lines if line.number < ref.line_start and line.parts]
        after = [line for line in view.lines if line.number > ref.line_end and line.parts]
        assert len(before) <= 3 and len(after) <= 3 and (len(before) == 3 or numbers[0] == 1)


def test_the_portal_link_travels_with_the_view(store):
    (name,) = [f.name for f in store.catalogue.files() if f.name.endswith(GREVE[1:])]
    view = open_source(store, _middle_sentence(store.file_chunks(name)[0]))
    assert view.source_url == "https://dagsordener.greve.dk/vis?id=02e86ff6-fd6b-4bab-99ad-17411bb2ead1"
    txt = next(f.name for f in store.catalogue.files() if f.name.endswith(".txt"))
    assert open_source(store, _middle_sentence(store.file_chunks(txt)[0])).source_url is None


def test_a_changed_or_missing_original_falls_back_to_the_stored_passage(tmp_path, hash_embedder):
    original = tmp_path / "solbjerg.txt"
    shutil.copy(FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt", original)
    store = Store(tmp_path / "store", hash_embedder)
    try:
        ingest_paths([original], store, MAX_BYTES)
        chunk = next(c for c in store.file_chunks(original.name) if c.text.count("\n") >= 2)
        citation = _middle_sentence(chunk)
        assert open_source(store, citation).from_original
        original.write_text("Ændret.\n" + original.read_text(encoding="utf-8"), encoding="utf-8")
        changed = open_source(store, citation)
        assert not changed.from_original and _marked(changed.lines) == citation.quote
        assert [n.number for n in changed.lines if any(m for _, m in n.parts)][0] == citation.source.line_start
        original.unlink()
        gone = open_source(store, citation)
        assert gone.file is None and _marked(gone.lines) == citation.quote
    finally:
        store.close()


def test_source_text_never_becomes_markup(tmp_path, hash_embedder):
    hostile = "Godkendt. <script>alert('x')</script> <img src=x onerror=alert(1)> &amp; </div>"
    text = (FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt").read_text(encoding="utf-8")
    path = tmp_path / "hostile.txt"
    path.write_text(text.replace("Beslutning\n", f"Beslutning\n{hostile}\n", 1), encoding="utf-8")
    store = Store(tmp_path / "store", hash_embedder)
    try:
        ingest_paths([path], store, MAX_BYTES)
        chunk = next(c for c in store.file_chunks(path.name) if "<script>" in c.text)
        start = chunk.text.index("<script>")
        view = open_source(store, cite(Passage(chunk.id, chunk.text, chunk.source), 1, start, start + 40))
        shown = numbered_html(view.lines)
    finally:
        store.close()
    assert "<script" not in shown and "<img" not in shown and "</div> &amp;" not in shown
    assert "&lt;script&gt;" in shown and "&amp;amp;" in shown
    assert shown.count("<mark>") == 1 and shown.count("<div") == shown.count("</div>")


def test_numbered_lines_mark_exactly_the_quote():
    text = "Punkt 1\nBeslutning\nGodkendt med 5 stemmer.\nImod: A\nSlut"
    start = text.index("5 stemmer")
    lines = numbered_lines(text, 10, 100, 100 + start, 100 + text.index("Imod") + 4, context=1)
    assert [line.number for line in lines] == [11, 12, 13, 14]
    spaced = numbered_lines("a\n\nb\nquote\n\n\nc\nd", 1, 0, 5, 10, context=2)
    assert [line.number for line in spaced] == [1, 2, 3, 4, 5, 6, 7, 8]  # two lines of text each side, blanks between
    assert lines[1] == NumberedLine(12, (("Godkendt med ", False), ("5 stemmer.", True)))
    assert lines[2] == NumberedLine(13, (("Imod", True), (": A", False)))
    assert "<span class='referent-lineno'>12</span>" in numbered_html(lines)
