"""One converter per format, all returning the same RawDocument shape.

`convert(path)` picks the converter by file suffix (and, for `.json`, checks the agenda-portal shape);
every failure is a ConversionError whose message names the file and the reason in one line.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from ingest.converters import docx, html, pdf, portal_json, text
from ingest.converters.base import ConversionError, build_document
from ingest.types import RawDocument

__all__ = ["SUPPORTED_SUFFIXES", "ConversionError", "build_document", "convert"]

log = logging.getLogger(__name__)


Converter = Callable[[str, bytes], RawDocument]


# The one list of formats: a suffix and its converter.
_CONVERTERS: dict[str, Converter] = {
    ".txt": text.convert,
    ".pdf": pdf.convert,
    ".docx": docx.convert,
    ".html": html.convert,
    ".htm": html.convert,
    ".json": portal_json.convert,
}
SUPPORTED_SUFFIXES = tuple(_CONVERTERS)


def convert(path: Path, max_bytes: int, name: str | None = None) -> RawDocument:
    """Read and convert one file; raises ConversionError with a clear reason. `name` is the document's
    identity in the store (its path below the ingest root, or its upload id and name); the file's own name
    by default."""
    name = name or path.name
    converter = _CONVERTERS.get(path.suffix.lower())
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
    except RecursionError as exc:  # markup nested thousands of levels deep: no minutes are written so
        raise ConversionError(name, f"nested too deeply to read (over {sys.getrecursionlimit()} levels of markup)") from exc
    except Exception as exc:  # a library failing on malformed input: report it for this file only
        log.debug("converter failed on %s", name, exc_info=True)
        raise ConversionError(name, f"cannot be read as {path.suffix.lstrip('.').upper()} ({type(exc).__name__}: {exc})") from exc
