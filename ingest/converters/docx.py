"""Word documents (python-docx): paragraphs and table rows in document order, one line each."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.converters.base import ConversionError, build_document
from ingest.types import RawDocument


def _row_text(row) -> str:
    cells: list[str] = []
    for cell in row.cells:
        text = " ".join(cell.text.split())
        if text and (not cells or cells[-1] != text):  # merged cells repeat their text
            cells.append(text)
    return "\t".join(cells)


def convert(name: str, data: bytes) -> RawDocument:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ConversionError(name, "not a valid DOCX (not a zip container; corrupt or another format)")
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ConversionError(name, f"not a valid DOCX ({exc})") from exc
    pieces: list[tuple[str, int | None, int | None]] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            for part in block.text.split("\n"):
                pieces.append((part.rstrip(), None, None))
        elif isinstance(block, Table):
            for row in block.rows:
                pieces.append((_row_text(row), None, None))
    return build_document(name, data, "docx", pieces)
