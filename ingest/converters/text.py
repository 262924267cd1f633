"""Plain text (.txt): lines as they are; UTF-8, with a logged fallback to Windows-1252."""

from __future__ import annotations

import logging

from ingest.converters.base import ConversionError, build_document
from ingest.types import RawDocument

log = logging.getLogger(__name__)


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 (BOM allowed); legacy Danish files in cp1252 are decoded with a warning; binary is refused."""
    if b"\x00" in data:  # anywhere: a text file never holds one
        raise ConversionError(name, "binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ConversionError(name, f"not valid UTF-8 text (byte {exc.start}) and not Windows-1252 either") from exc
        log.warning("%s: not UTF-8; decoded as Windows-1252", name)
        return text


def convert(name: str, data: bytes) -> RawDocument:
    text = decode_text(name, data).replace("\r\n", "\n").replace("\r", "\n")
    return build_document(name, data, "txt", [(line, None, None) for line in text.split("\n")])
