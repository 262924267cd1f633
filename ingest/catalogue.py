"""The meeting catalogue (SQLite): files, meetings, items and sections for exact look-ups, plus the
embedding cache that lets identical text be embedded once.

A file's rows are replaced in one transaction, and its row says `ok` only once its chunks are stored,
so an interrupted ingest is visible (`pending`) and the next run completes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from ingest.types import Meeting

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, format TEXT, status TEXT NOT NULL,
    collection TEXT, ingested_at TEXT, meetings INTEGER, items INTEGER, chunks INTEGER
);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, file_name TEXT NOT NULL, municipality TEXT, committee TEXT, meeting_date TEXT,
    meeting_time TEXT, place TEXT, kind TEXT, enclosed INTEGER, content_hash TEXT, item_count INTEGER
);
CREATE TABLE IF NOT EXISTS items (
    meeting_id TEXT NOT NULL, position INTEGER NOT NULL, number TEXT, title TEXT, case_number TEXT,
    category TEXT, closed INTEGER, PRIMARY KEY (meeting_id, position)
);
CREATE TABLE IF NOT EXISTS sections (
    meeting_id TEXT NOT NULL, item_position INTEGER NOT NULL, position INTEGER NOT NULL, kind TEXT,
    heading TEXT, text TEXT, PRIMARY KEY (meeting_id, item_position, position)
);
CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS summaries (
    meeting_id TEXT NOT NULL, backend TEXT NOT NULL, content_hash TEXT NOT NULL, payload TEXT NOT NULL,
    PRIMARY KEY (meeting_id, backend)
);
CREATE INDEX IF NOT EXISTS meetings_file ON meetings(file_name);
"""


@dataclass(frozen=True)
class MeetingRow:
    id: str
    file_name: str
    municipality: str | None
    committee: str | None
    meeting_date: date | None
    meeting_time: str | None
    place: str | None
    kind: str
    enclosed: bool
    item_count: int
    content_hash: str = ""

    def to_json(self) -> dict:
        return {
            "id": self.id, "municipality": self.municipality, "committee": self.committee,
            "date": self.meeting_date.isoformat() if self.meeting_date else None, "time": self.meeting_time,
            "place": self.place, "kind": self.kind, "item_count": self.item_count, "source": self.file_name,
            "enclosed": self.enclosed,
        }


@dataclass(frozen=True)
class FileRow:
    name: str
    sha256: str
    status: str
    collection: str | None
    meetings: int | None
    items: int | None
    chunks: int | None


class Catalogue:
    """`collection` is the chunk collection in use: a file counts as stored only when it is complete there."""

    def __init__(self, path: Path, collection: str = ""):
        self.collection = collection
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        if "path" not in {row[1] for row in self._db.execute("PRAGMA table_info(files)")}:
            self._db.execute("ALTER TABLE files ADD COLUMN path TEXT")  # catalogues made before paths were kept

    def close(self) -> None:
        self._db.close()

    # -- files ---------------------------------------------------------------------------------------
    def file(self, name: str) -> FileRow | None:
        row = self._db.execute("SELECT name, sha256, status, collection, meetings, items, chunks FROM files WHERE name = ?", (name,)).fetchone()
        return FileRow(*row) if row else None

    def files(self) -> list[dict]:
        cursor = self._db.execute(
            "SELECT name, sha256, format, status, collection, ingested_at, meetings, items, chunks FROM files ORDER BY name"
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=False)) for row in cursor.fetchall()]

    def mark_pending(self, name: str, sha256: str, fmt: str, collection: str, path: str | None = None) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO files (name, sha256, format, status, collection, path) VALUES (?, ?, ?, 'pending', ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET sha256 = excluded.sha256, format = excluded.format, "
                "status = 'pending', collection = excluded.collection, path = excluded.path",
                (name, sha256, fmt, collection, path),
            )

    def file_path(self, name: str) -> str | None:
        row = self._db.execute("SELECT path FROM files WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def replace_file(self, name: str, meetings: list[Meeting], chunk_count: int) -> None:
        """Swap in the file's meetings, items and sections and mark it complete, atomically."""
        with self._db:
            self._delete_meetings(name)
            for meeting in meetings:
                self._insert_meeting(meeting)
            self._db.execute(
                "UPDATE files SET status = 'ok', ingested_at = ?, meetings = ?, items = ?, chunks = ? WHERE name = ?",
                (datetime.now(UTC).isoformat(timespec="seconds"), len(meetings),
                 sum(len(m.items) for m in meetings), chunk_count, name),
            )

    def remove_file(self, name: str) -> None:
        with self._db:
            self._delete_meetings(name)
            self._db.execute("DELETE FROM files WHERE name = ?", (name,))

    def _delete_meetings(self, name: str) -> None:
        ids = [r[0] for r in self._db.execute("SELECT id FROM meetings WHERE file_name = ?", (name,))]
        for table, column in (("sections", "meeting_id"), ("items", "meeting_id"), ("summaries", "meeting_id"), ("meetings", "id")):
            self._db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])

    def _insert_meeting(self, m: Meeting) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (m.id, m.source_name, m.municipality, m.committee, m.meeting_date.isoformat() if m.meeting_date else None,
             m.meeting_time, m.place, m.kind.value, int(m.enclosed), m.content_hash, len(m.items)),
        )
        for position, item in enumerate(m.items):
            self._db.execute(
                "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, ?)",
                (m.id, position, item.number, item.title, item.case_number, item.category, int(item.closed)),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO sections VALUES (?, ?, ?, ?, ?, ?)",
                [(m.id, position, i, s.kind.value, s.heading, s.text) for i, s in enumerate(item.sections)],
            )

    # -- meetings ------------------------------------------------------------------------------------
    def meetings(self) -> list[MeetingRow]:
        rows = self._db.execute(
            "SELECT m.id, m.file_name, m.municipality, m.committee, m.meeting_date, m.meeting_time, m.place, "
            "m.kind, m.enclosed, m.item_count, m.content_hash FROM meetings m JOIN files f ON f.name = m.file_name "
            "WHERE f.status = 'ok' AND f.collection = ? ORDER BY m.meeting_date IS NULL, m.meeting_date DESC, m.id",
            (self.collection,),
        ).fetchall()
        return [
            MeetingRow(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]) if r[4] else None, r[5], r[6], r[7], bool(r[8]), r[9], r[10])
            for r in rows
        ]

    def meeting(self, meeting_id: str) -> MeetingRow | None:
        return next((m for m in self.meetings() if m.id == meeting_id), None)

    def all_items(self) -> list[dict]:
        """Every agenda item of every complete file, with its meeting's id and date."""
        cursor = self._db.execute(
            "SELECT i.meeting_id, i.position, i.number, i.title, i.case_number, i.closed, m.meeting_date, m.committee, "
            "m.municipality FROM items i JOIN meetings m ON m.id = i.meeting_id JOIN files f ON f.name = m.file_name "
            "WHERE f.status = 'ok' AND f.collection = ?", (self.collection,),
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    # -- summaries -----------------------------------------------------------------------------------
    def cached_summary(self, meeting_id: str, backend: str, content_hash: str) -> str | None:
        row = self._db.execute(
            "SELECT payload FROM summaries WHERE meeting_id = ? AND backend = ? AND content_hash = ?",
            (meeting_id, backend, content_hash),
        ).fetchone()
        return row[0] if row else None

    def store_summary(self, meeting_id: str, backend: str, content_hash: str, payload: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?)", (meeting_id, backend, content_hash, payload))

    def items(self, meeting_id: str) -> list[dict]:
        cursor = self._db.execute(
            "SELECT position, number, title, case_number, category, closed FROM items WHERE meeting_id = ? "
            "ORDER BY position", (meeting_id,),
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=False)) for row in cursor.fetchall()]

    def sections(self, meeting_id: str) -> list[dict]:
        cursor = self._db.execute(
            "SELECT item_position, position, kind, heading, text FROM sections WHERE meeting_id = ? "
            "ORDER BY item_position, position", (meeting_id,),
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=False)) for row in cursor.fetchall()]

    # -- embedding cache -----------------------------------------------------------------------------
    def cached_embeddings(self, keys: Iterable[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        keys = list(dict.fromkeys(keys))
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            for key, blob in self._db.execute(f"SELECT key, vector FROM embeddings WHERE key IN ({marks})", batch):
                found[key] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def store_embeddings(self, vectors: dict[str, list[float]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()],
            )
