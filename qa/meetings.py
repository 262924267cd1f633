"""The meeting catalogue as the app and the CLI see it."""

from __future__ import annotations

from ingest.catalogue import MeetingRow
from ingest.store import Store
from qa.types import Filters


def list_meetings(store: Store, filters: Filters | None = None) -> list[MeetingRow]:
    """Meetings of complete files, newest first, within the filters (the same predicate retrieval uses)."""
    return store.catalogue.meetings(filters)


def find_committees(store: Store, text: str) -> tuple[str, ...]:
    """The committees whose name contains the text (case-insensitive): what `--committee` accepts."""
    wanted = text.lower()
    return tuple(sorted({m.committee for m in store.catalogue.meetings() if m.committee and wanted in m.committee.lower()}))
