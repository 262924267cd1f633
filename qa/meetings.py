"""The meeting catalogue as the app and the CLI see it."""

from __future__ import annotations

from ingest.catalogue import MeetingRow
from ingest.store import Store


def list_meetings(store: Store, municipality: str | None = None, committee: str | None = None) -> list[MeetingRow]:
    rows = store.catalogue.meetings()
    if municipality:
        rows = [r for r in rows if (r.municipality or "").lower() == municipality.lower()]
    if committee:
        rows = [r for r in rows if committee.lower() in (r.committee or "").lower()]
    return rows
