"""What a citation opens: the source itself with the quote marked, not a download.

- PDF: the cited page rendered (PDFium, through pypdfium2) with the quote's rectangles highlighted. The quote
  is found among the page's characters as PDFium reads them, with its neighbouring text to tell apart the same
  words said twice on a page ("Godkendt."); whitespace, hyphens and ligature forms do not count, since pypdf
  (which made the quote) and PDFium break lines and words differently.
- Text formats (TXT, DOCX, HTML, portal JSON): the lines around the quote, numbered as the source reference
  numbers them (the extracted text's lines), the quote's characters marked. From the original file when it is
  still the file that was ingested (same sha256), else from the stored passage.

Source text is HTML-escaped before any markup is added (`numbered_html`): nothing in a document can inject
markup into the page.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import logging
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ingest.converters import ConversionError, convert
from ingest.store import Store
from qa.library import citation_context, source_file
from qa.retrieval import section_passages
from qa.types import Citation

log = logging.getLogger(__name__)

SCALE = 2.0  # pixels per PDF point: an A4 page is 1190 px wide, sharp on a phone and a high-density screen
CONTEXT_LINES = 3  # lines shown before and after the quote
_IGNORED = {"-", "\u2010", "\u2011", "\u00ad", "\x02", "\ufffe"}  # hyphens, soft hyphens, PDFium's line-end hyphen
_PDFIUM = threading.Lock()  # PDFium is not thread-safe; the app serves each browser session in a thread of its own
_HIGHLIGHT, _OUTLINE = (255, 214, 0, 110), (214, 112, 0, 255)


@dataclass(frozen=True)
class Box:
    """A rectangle in the rendered image's pixels (origin top left)."""

    left: int
    top: int
    right: int
    bottom: int


@dataclass(frozen=True)
class PageImage:
    page: int  # 1-based
    pages: int
    png: bytes  # the whole page, the quote highlighted
    focus_png: bytes  # the band around the quote, cut to its text's width (the whole page when not found)
    boxes: tuple[Box, ...]  # the quote's rectangles; empty when the quote was not found on the page
    width: int
    height: int
    focus_width: int

    @property
    def screen_width(self) -> int:
        """The page's width on screen at its printed size (a point is 4/3 of a CSS pixel)."""
        return round(self.width * 4 / 3 / SCALE)

    @property
    def focus_screen_width(self) -> int:
        return round(self.focus_width * 4 / 3 / SCALE)


@dataclass(frozen=True)
class NumberedLine:
    number: int
    parts: tuple[tuple[str, bool], ...]  # (text, part of the quote)


@dataclass(frozen=True)
class SourceView:
    """Everything the app shows for one opened citation."""

    citation: Citation
    file: Path | None  # the original, for download; None when it is no longer where it was ingested from
    page: PageImage | None  # PDFs
    lines: tuple[NumberedLine, ...]  # text formats; for a PDF the passage, unnumbered (number 0)
    from_original: bool  # lines read from the original file (False: from the stored passage)
    source_url: str | None  # the meeting's page at the municipality's portal


# -- locating a quote among a page's characters --------------------------------------------------------
def _folded(text: str) -> tuple[str, list[int]]:
    """The text without whitespace and hyphens, ligatures spelt out, and each kept character's index in `text`."""
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKC", char):
            if not part.isspace() and part not in _IGNORED:
                kept.append(part)
                where.append(index)
    return "".join(kept), where


def locate(page_text: str, quote: str, before: str = "", after: str = "") -> list[tuple[int, int]]:
    """Character ranges of `page_text` holding the quote: where the quote stands between its own neighbours,
    else its first occurrence, else each of its lines that is found (a partial highlight beats none)."""
    page, where = _folded(page_text)
    wanted = _folded(quote)[0]
    if not wanted:
        return []
    ahead, behind = _folded(before)[0], _folded(after)[0]
    for left, right in ((ahead, behind), (ahead[-60:], behind[:60]), (ahead[-20:], ""), ("", behind[:20]), ("", "")):
        found = page.find(left + wanted + right)
        if found >= 0:
            start = found + len(left)
            return [(where[start], where[start + len(wanted) - 1] + 1)]
    lines = [line for line in quote.splitlines() if len(line.strip()) >= 12]
    return [found for line in lines if len(lines) > 1 for found in locate(page_text, line)]


# -- PDF ---------------------------------------------------------------------------------------------
def _page_text(textpage) -> str:
    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # one string per character: indices must be PDFium's character indices
        text = "".join((textpage.get_text_range(i, 1) or "\ufffe")[:1] for i in range(count))
    return text


def _boxes(textpage, ranges: list[tuple[int, int]], page_height: float, left: float, scale: float) -> list[Box]:
    boxes = []
    for start, end in ranges:
        for i in range(textpage.count_rects(start, end - start)):
            x0, y0, x1, y1 = textpage.get_rect(i)
            boxes.append(Box(int((x0 - left) * scale) - 2, int((page_height - y1) * scale) - 2,
                             int((x1 - left) * scale) + 2, int((page_height - y0) * scale) + 2))
    return boxes


def merged(boxes: list[Box]) -> list[Box]:
    """One rectangle per visual line: PDFium gives one per text run, which would mark a line in pieces."""
    lines: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.left)):
        last = lines[-1] if lines else None
        middle = (box.top + box.bottom) / 2
        if last and last.top <= middle <= last.bottom:
            lines[-1] = Box(min(last.left, box.left), min(last.top, box.top), max(last.right, box.right),
                            max(last.bottom, box.bottom))
        else:
            lines.append(box)
    return lines


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _highlighted(image, boxes: list[Box]):
    from PIL import Image, ImageDraw

    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for box in boxes:
        draw.rectangle((box.left, box.top, box.right, box.bottom), fill=_HIGHLIGHT, outline=_OUTLINE, width=2)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def focus_band(height: int, boxes: tuple[Box, ...] | list[Box], margin: float = 0.1, least: float = 0.3) -> tuple[int, int]:
    """(top, bottom) of the band of the page shown first: the quote with some of the page around it."""
    if not boxes:
        return 0, height
    top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
    pad = max(int(height * margin), int((height * least - (bottom - top)) / 2))
    return max(0, top - pad), min(height, bottom + pad)


def focus_area(width: int, height: int, boxes: list[Box], text: list[Box], pad: int = 24) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) shown first: the band around the quote, narrowed to the text in it (the
    page's margins cut away, so the words stay legible on a phone)."""
    if not boxes:
        return 0, 0, width, height
    top, bottom = focus_band(height, boxes)
    inside = [b for b in [*boxes, *text] if b.bottom > top and b.top < bottom]
    return max(0, min(b.left for b in inside) - pad), top, min(width, max(b.right for b in inside) + pad), bottom


@functools.lru_cache(maxsize=32)
def page_image(path: str, page: int, quote: str, before: str = "", after: str = "", scale: float = SCALE) -> PageImage:
    """The PDF's page (1-based) rendered with the quote highlighted."""
    with _PDFIUM:
        document = pdfium.PdfDocument(path)
        try:
            pdf_page = document[page - 1]
            textpage = pdf_page.get_textpage()
            left, bottom, _right, top = pdf_page.get_cropbox()
            ranges = locate(_page_text(textpage), quote, before, after)
            boxes = merged(_boxes(textpage, ranges, top, left, scale)) if ranges else []
            text = _boxes(textpage, [(0, textpage.count_chars())], top, left, scale) if boxes else []
            image = pdf_page.render(scale=scale).to_pil()
            pages = len(document)
        finally:
            document.close()
    if not boxes:
        log.info("quote not found on page %s of %s: %.60r", page, Path(path).name, quote)
    marked = _highlighted(image, boxes)
    focus = marked.crop(focus_area(marked.width, marked.height, boxes, text))
    return PageImage(page, pages, _png(marked), _png(focus), tuple(boxes), marked.width, marked.height, focus.width)


# -- text formats ----------------------------------------------------------------------------------------
def numbered_lines(text: str, first_number: int, base: int, start: int, end: int,
                   context: int = CONTEXT_LINES) -> tuple[NumberedLine, ...]:
    """The lines of `text` from `context` lines of text before the quote to `context` after, numbered from
    `first_number`, the quote (`start`:`end`, offsets counted from `base`, the offset of `text[0]`) marked."""
    lines, offset = [], base
    for number, line in enumerate(text.split("\n"), start=first_number):
        lines.append((number, offset, line))
        offset += len(line) + 1
    touched = [i for i, (_, at, line) in enumerate(lines) if at < end and start <= at + len(line)]
    if not touched:
        return ()
    first, last = touched[0], touched[-1]
    for _ in range(context):  # `context` lines with text on each side; blank lines between them come along
        first = next((i for i in range(first - 1, -1, -1) if lines[i][2].strip()), first)
        last = next((i for i in range(last + 1, len(lines)) if lines[i][2].strip()), last)
    shown = []
    for number, at, line in lines[first:last + 1]:
        cut_from, cut_to = max(0, min(len(line), start - at)), max(0, min(len(line), end - at))
        parts = [(line[:cut_from], False), (line[cut_from:cut_to], True), (line[cut_to:], False)]
        shown.append(NumberedLine(number, tuple((t, marked) for t, marked in parts if t)))
    return tuple(shown)


def numbered_html(lines: tuple[NumberedLine, ...] | list[NumberedLine]) -> str:
    """The lines as HTML, each with its number, the quote in `<mark>`; every piece of source text escaped."""
    rows = []
    for line in lines:
        text = "".join(f"<mark>{html.escape(t)}</mark>" if marked else html.escape(t) for t, marked in line.parts)
        number = f"<span class='referent-lineno'>{line.number}</span>" if line.number else ""
        rows.append(f"<div class='referent-line'>{number}<span class='referent-text'>{text}</span></div>")
    return "<div class='referent-source'>" + "".join(rows) + "</div>"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _document_text(file: Path, sha256: str) -> str | None:
    """The extracted text of the original file, when it is still the file that was ingested."""
    try:
        stat = file.stat()
    except OSError:
        return None
    return _extracted(str(file), sha256, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _extracted(path: str, sha256: str, _mtime_ns: int, _size: int) -> str | None:
    file = Path(path)
    try:
        if _sha256(file) != sha256:
            return None
        return convert(file, file.stat().st_size + 1).text
    except (OSError, ConversionError) as exc:
        log.warning("cannot read %s again: %s", file.name, exc)
        return None


def _stored_lines(store: Store, citation: Citation) -> tuple[NumberedLine, ...]:
    """The lines of the stored passage holding the quote (when the original file is gone or changed)."""
    ref = citation.source
    for chunk in section_passages(store, ref.meeting_id, ref.item_number, ref.item_title, ref.section):
        if chunk.source.char_start <= ref.char_start and ref.char_end <= chunk.source.char_end:
            return numbered_lines(chunk.text, chunk.source.line_start or 0, chunk.source.char_start, ref.char_start,
                                  ref.char_end, context=len(chunk.text))
    return (NumberedLine(ref.line_start or 0, ((citation.quote, True),)),)


def open_source(store: Store, citation: Citation) -> SourceView:
    """The citation's source as the app shows it: the PDF page, or the numbered lines, and where it lives."""
    ref = citation.source
    file = source_file(store, ref.file_name)
    if ref.page:
        before, quote, after = citation_context(store, citation)
        page = None
        if file and file.suffix.lower() == ".pdf":
            try:
                page = page_image(str(file), ref.page, quote, before, after)
            except (pdfium.PdfiumError, OSError, IndexError) as exc:  # a page PDFium cannot show: its text still is
                log.warning("cannot render page %s of %s: %s", ref.page, file.name, exc)
        passage = (NumberedLine(0, tuple((t, marked) for t, marked in ((before, False), (quote, True), (after, False)) if t)),)
        return SourceView(citation, file, page, passage, False, ref.source_url)
    text = _document_text(file, ref.file_sha256) if file else None
    if text is not None and citation.quote and text[ref.char_start:ref.char_end] == citation.quote:
        lines = numbered_lines(text, 1, 0, ref.char_start, ref.char_end)
        return SourceView(citation, file, None, lines, True, ref.source_url)
    return SourceView(citation, file, None, _stored_lines(store, citation), False, ref.source_url)
