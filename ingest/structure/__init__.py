"""The only package that knows how Danish minutes are laid out: RawDocument → Meetings."""

from ingest.structure.parser import parse_document

__all__ = ["parse_document"]
