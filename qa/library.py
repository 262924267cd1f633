"""What the app needs from the store: open it, add and remove documents, read a meeting.

The app calls these functions and never the store itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.catalogue import FileRow, MeetingRow
from ingest.converters import SUPPORTED_SUFFIXES
from ingest.embedders import make_embedder
from ingest.pipeline import FileReport, Progress, ingest_paths
from ingest.settings import Settings
from ingest.store import EmbeddingProgress, Store
from ingest.vocabulary import SectionKind
from qa.retrieval import section_passages
from qa.types import Citation
from qa.uploads import Conflict, OnConflict, add_documents, conflicts, delete_copy, safe_file_name

__all__ = ["SUPPORTED_SUFFIXES", "Conflict", "OnConflict", "add_documents", "add_folder", "citation_context", "conflicts",
           "embedding_progress", "list_documents", "meeting_choices", "meeting_items", "open_store", "remove_document",
           "safe_file_name", "source_file"]


def open_store(settings: Settings) -> Store:
    return Store(settings.data_dir, make_embedder(settings.embedder), settings.chroma_url or None, settings.writer_wait_s,
                 settings.embed_chars)


def add_folder(store: Store, folder: Path, max_bytes: int, progress: Progress | None = None) -> list[FileReport]:
    return ingest_paths([folder], store, max_bytes, progress)


def embedding_progress(store: Store) -> EmbeddingProgress:
    """How many of the stored passages the dense search can find yet."""
    return store.embedding_progress()


def list_documents(store: Store) -> list[FileRow]:
    return store.catalogue.files()


def remove_document(store: Store, name: str) -> None:
    """Remove a document from the store, and its copy when it was uploaded."""
    copy = store.catalogue.file_path(name)
    store.remove_file(name)
    delete_copy(store, copy)


def meeting_choices(meetings: list[MeetingRow]) -> dict[str, str]:
    """What the user picks a meeting by ('14-05-2025 · Lilleå, Teknik- og Miljøudvalget · referat · 3 pkt.')
    → its id, in the given order; identical labels are numbered."""
    choices: dict[str, str] = {}
    for m in meetings:
        label = (f"{m.meeting_date.strftime('%d-%m-%Y') if m.meeting_date else 'udateret'} · {m.municipality or 'Ukendt'}, "
                 f"{m.committee or 'ukendt udvalg'} · {m.kind.value} · {m.item_count} pkt.")
        choices[label if label not in choices else f"{label} ({sum(c.startswith(label) for c in choices) + 1})"] = m.id
    return choices


@dataclass(frozen=True)
class ItemView:
    number: str
    title: str
    case_number: str | None
    category: str | None
    closed: bool
    decision: str | None
    recommendation: str | None


def meeting_items(store: Store, meeting_id: str) -> list[ItemView]:
    sections = store.catalogue.sections(meeting_id)
    views = []
    for item in store.catalogue.items(meeting_id):
        own = [s for s in sections if s.item_position == item.position]
        decision = next((s.text for s in own if s.kind is SectionKind.DECISION and s.text.strip(" .")), None)
        recommendation = next((s.text for s in own if s.kind is SectionKind.RECOMMENDATION), None)
        views.append(ItemView(item.number, item.title, item.case_number, item.category, item.closed, decision, recommendation))
    return views


def source_file(store: Store, name: str) -> Path | None:
    """The original file a source reference names, when it is still where it was ingested from."""
    path = store.catalogue.file_path(name)
    return Path(path) if path and Path(path).is_file() else None


def citation_context(store: Store, citation: Citation, margin: int = 400) -> tuple[str, str, str]:
    """The cited passage inside its surrounding text: (before, quote, after), all verbatim source text."""
    ref = citation.source
    for chunk in section_passages(store, ref.meeting_id, ref.item_number, ref.item_title, ref.section):
        start = ref.char_start - chunk.source.char_start
        if 0 <= start and ref.char_end <= chunk.source.char_end:
            end = start + len(citation.quote)
            return chunk.text[max(0, start - margin):start], chunk.text[start:end], chunk.text[end:end + margin]
    return "", citation.quote, ""
