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


MAX_XML_MB = 50  # the XML a DOCX may unpack to: minutes hold a few MB; a zip bomb holds hundreds


def _xml_size(name: str, data: bytes) -> int:
    """Bytes of XML the container unpacks to, by its own directory (nothing is unpacked to count)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            return sum(i.file_size for i in container.infolist() if i.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ConversionError(name, f"not a valid DOCX ({exc})") from exc


def convert(name: str, data: bytes) -> RawDocument:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ConversionError(name, "not a valid DOCX (not a zip container; corrupt or another format)")
    if (size := _xml_size(name, data)) > MAX_XML_MB * 1_000_000:
        raise ConversionError(name, f"the DOCX unpacks to {size / 1_000_000:.0f} MB of XML, over the limit of {MAX_XML_MB} MB "
                                    f"(a {len(data) / 1_000_000:.1f} MB file: not minutes as a word processor writes them)")
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
