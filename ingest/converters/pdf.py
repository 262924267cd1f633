"""PDF with a text layer (pypdf): lines keep their 1-based page; running headers/footers are marked."""

from __future__ import annotations

import io
import re
from collections import Counter

import pypdf
from pypdf.errors import PdfReadError

from ingest.converters.base import ConversionError, build_document
from ingest.types import RawDocument

# A line counts as page furniture when it repeats (digits ignored) near the top or bottom of most pages.
_EDGE_TOP, _EDGE_BOTTOM = 6, 3


def _furniture_keys(pages: list[list[str]]) -> set[str]:
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:_EDGE_TOP] + lines[-_EDGE_BOTTOM:]
        seen.update({_key(line) for line in edge if line.strip()})
    threshold = max(3, (len(pages) + 1) // 2)
    return {key for key, count in seen.items() if count >= threshold}


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def convert(name: str, data: bytes) -> RawDocument:
    if not data.startswith(b"%PDF"):
        raise ConversionError(name, "not a PDF (missing %PDF header)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ConversionError(name, "encrypted PDF (password protected); publish or upload an unprotected copy")
        pages = [(page.extract_text() or "").replace("\r", "").split("\n") for page in reader.pages]
    except ConversionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ConversionError(name, f"corrupt or truncated PDF ({exc})") from exc
    if not pages:
        raise ConversionError(name, "PDF has no pages")
    if sum(len(line.strip()) for lines in pages for line in lines) < 20:
        raise ConversionError(name, f"no text layer in {len(pages)} page(s) (scanned images?); run OCR first")
    keys = _furniture_keys(pages)
    pieces: list[tuple[str, int | None, int | None]] = []
    furniture: set[int] = set()
    for number, lines in enumerate(pages, start=1):
        for position, line in enumerate(lines):
            near_edge = position < _EDGE_TOP or position >= len(lines) - _EDGE_BOTTOM
            if near_edge and _key(line) in keys:
                furniture.add(len(pieces))
            pieces.append((line, number, None))  # exactly as extracted: quotes are checked against it
    return build_document(name, data, "pdf", pieces, furniture=furniture)
