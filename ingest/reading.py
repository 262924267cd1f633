"""A file read as minutes: convert → structure → chunk, nothing stored. Free of the store (and of Chroma), so
that the sandbox's reader process starts without loading them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import chunk_meeting
from ingest.converters import ConversionError, convert
from ingest.structure import parse_document
from ingest.types import Chunk, Meeting, RawDocument


@dataclass(frozen=True)
class ReadMinutes:
    """A file read as minutes: its text and lines, its meetings and their chunks (nothing stored yet)."""

    doc: RawDocument
    meetings: list[Meeting]
    chunks: list[Chunk]


def read_minutes(path: Path, name: str, max_bytes: int, municipality: str | None = None) -> ReadMinutes:
    """Convert, structure and chunk one file; raises ConversionError with the reason it is not minutes."""
    doc = convert(path, max_bytes, name)
    meetings = parse_document(doc, municipality)
    if not any(m.items for m in meetings):
        raise ConversionError(name, "no agenda items found (is this a set of minutes or an agenda?)")
    return ReadMinutes(doc, meetings, [chunk for meeting in meetings for chunk in chunk_meeting(meeting, doc)])
