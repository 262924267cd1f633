"""convert → structure → chunk → store, one file at a time, idempotent by content hash; then embed.

Every file's rows and chunks are stored first (searchable lexically within seconds of arriving), then the
store embeds what is pending (`Store.embed_pending`, resumable). A file that fails (unreadable, not
minutes) is reported with its reason and the batch goes on. Unchanged files (same sha256, made by the
current chunker and parser) are skipped.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest import sandbox
from ingest.converters import ConversionError
from ingest.discovery import Found, discover, store_name
from ingest.store import EmbeddingCallback, Store
from ingest.vocabulary import reads_as_instructions

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (files done, files total, current file name)


@dataclass(frozen=True)
class FileReport:
    name: str
    status: str  # ingested | unchanged | skipped (an upload the user chose not to add) | error
    meetings: int = 0
    items: int = 0
    chunks: int = 0
    skipped: int = 0  # closed items: title kept, body not indexed
    error: str | None = None
    flagged: int = 0  # passages that read as instructions to a language model (never key points, quoted as data)

    def to_json(self) -> dict:
        return self.__dict__.copy()


def ingest_file(path: Path, store: Store, max_bytes: int, municipality: str | None = None, name: str | None = None) -> FileReport:
    name = name or path.name
    known = store.catalogue.file(name)
    if known and known.status == "ok" and known.structure == store.catalogue.collection and known.sha256 == _sha256(path):
        if known.path != str(path.resolve()):  # the same document, moved: its source opens from where it is now
            store.catalogue.move_file(name, str(path.resolve()))
        return FileReport(name, "unchanged", known.meetings or 0, known.items or 0, known.chunks or 0)
    try:
        read = sandbox.read_bounded(path, name, max_bytes, municipality)  # in a process of its own, bounded
    except ConversionError as exc:
        log.warning("%s", exc)
        return FileReport(name, "error", error=exc.reason)
    doc, meetings, chunks = read.doc, read.meetings, read.chunks
    store.replace_file(doc, meetings, chunks, str(path.resolve()))
    closed = sum(item.closed for m in meetings for item in m.items)
    flagged = [c for c in chunks if reads_as_instructions(c.text)]
    for chunk in flagged:
        log.warning("%s, pkt. %s: a passage reads as instructions to a language model: %r", doc.name, chunk.source.item_number,
                    chunk.text[:120])
    return FileReport(doc.name, "ingested", len(meetings), sum(len(m.items) for m in meetings), len(chunks), closed,
                      flagged=len(flagged))


def _sha256(path: Path) -> str | None:
    """The file's content hash, or None when it cannot be read (the converter then says why)."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def ingest_paths(
    paths: Iterable[Path | Found], store: Store, max_bytes: int, progress: Progress | None = None, municipality: str | None = None,
    embed: bool = True, embedding_progress: EmbeddingCallback | None = None,
) -> list[FileReport]:
    """Store every file (each under its name in the store, `discovery.store_name`), then (with `embed`)
    embed what is pending; `embed=False` leaves that to a
    background worker (`python -m ingest --embed-only`, or the app's)."""
    files = discover(paths)
    reports: list[FileReport] = []
    for done, found in enumerate(files):
        name = found.below_root
        if progress:
            progress(done, len(files), name)
        try:
            name = store_name(store.catalogue, found)  # after the batch's earlier files: they hold their names
            reports.append(ingest_file(found.path, store, max_bytes, municipality, name))
        except Exception as exc:  # one bad file never stops the batch
            log.exception("%s: unexpected failure", name)
            reports.append(FileReport(name, "error", error=f"unexpected failure: {type(exc).__name__}: {exc}"))
    if progress:
        progress(len(files), len(files), "")
    if embed:
        store.embed_pending(embedding_progress)
    return reports
