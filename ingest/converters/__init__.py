"""One converter per format, all returning the same RawDocument shape.

`convert(path)` picks the converter by file suffix (and, for `.json`, checks the agenda-portal shape);
every failure is a ConversionError whose message names the file and the reason in one line.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from ingest.types import Line, MeetingHints, RawDocument

log = logging.getLogger(__name__)


class ConversionError(Exception):
    """A file that cannot be read as minutes; the message is one line naming file and reason."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def build_document(
    name: str,
    data: bytes,
    fmt: str,
    pieces: list[tuple[str, int | None, int | None]],
    hints: MeetingHints | None = None,
    furniture: set[int] | None = None,
) -> RawDocument:
    """Join (text, page, level) pieces into a RawDocument with exact line numbers and offsets."""
    lines: list[Line] = []
    offset = 0
    furniture = furniture or set()
    for index, (text, page, level) in enumerate(pieces):
        text = text.replace("\n", " ").replace("\r", "")
        lines.append(Line(text, index + 1, offset, page, level, index in furniture))
        offset += len(text) + 1
    text = "\n".join(line.text for line in lines)
    if not any(line.text.strip() for line in lines):
        raise ConversionError(name, "no text found (empty document)")
    return RawDocument(name, hashlib.sha256(data).hexdigest(), fmt, text, tuple(lines), hints or MeetingHints())


Converter = Callable[[str, bytes], RawDocument]


def _registry() -> dict[str, Converter]:
    from ingest.converters import docx, html, pdf, portal_json, text

    return {
        ".txt": text.convert,
        ".pdf": pdf.convert,
        ".docx": docx.convert,
        ".html": html.convert,
        ".htm": html.convert,
        ".json": portal_json.convert,
    }


SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".json")


def convert(path: Path, max_bytes: int) -> RawDocument:
    """Read and convert one file; raises ConversionError with a clear reason."""
    name = path.name
    converter = _registry().get(path.suffix.lower())
    if converter is None:
        raise ConversionError(name, f"unsupported file type '{path.suffix or '(none)'}' (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ConversionError(name, f"cannot read file ({exc.strerror})") from exc
    if size == 0:
        raise ConversionError(name, "empty file (0 bytes)")
    if size > max_bytes:
        raise ConversionError(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (setting REFERENT_MAX_FILE_MB)")
    data = path.read_bytes()
    try:
        return converter(name, data)
    except ConversionError:
        raise
    except Exception as exc:  # a library failing on malformed input: report it for this file only
        log.debug("converter failed on %s", name, exc_info=True)
        raise ConversionError(name, f"cannot be read as {path.suffix.lstrip('.').upper()} ({type(exc).__name__}: {exc})") from exc
