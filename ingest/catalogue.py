"""The meeting catalogue (SQLite): files, meetings, items and sections for exact look-ups, the chunks and
their lexical index (`ChunkIndex`), and the embedding cache that lets identical text be embedded once.

A file's rows (its meetings, items, sections and chunks) are replaced in one transaction: a file is either
wholly there, searchable at once, or not at all. Its vectors follow in the store's embedding phase.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from ingest.chunk_index import ChunkIndex, drop_first_layout
from ingest.filters import Filters
from ingest.types import Chunk, Meeting
from ingest.vocabulary import MeetingKind, SectionKind

log = logging.getLogger(__name__)

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
CREATE TABLE IF NOT EXISTS revision (id INTEGER PRIMARY KEY CHECK (id = 1), number INTEGER NOT NULL);
INSERT OR IGNORE INTO revision VALUES (1, 0);
CREATE INDEX IF NOT EXISTS meetings_file ON meetings(file_name);
CREATE INDEX IF NOT EXISTS items_case ON items(case_number);
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
    kind: MeetingKind
    enclosed: bool
    item_count: int
    content_hash: str = ""
    date_inferred: bool = False  # the date comes from a reference inside the file, not a meeting header
    source_url: str | None = None  # the meeting's page at the municipality's portal, when the source names it

    def to_json(self) -> dict:
        return {
            "id": self.id, "municipality": self.municipality, "committee": self.committee,
            "date": self.meeting_date.isoformat() if self.meeting_date else None, "date_inferred": self.date_inferred,
            "time": self.meeting_time, "place": self.place, "kind": self.kind.value, "item_count": self.item_count,
            "source": self.file_name, "enclosed": self.enclosed, "source_url": self.source_url,
        }

    @classmethod
    def from_json(cls, data: dict) -> MeetingRow:
        return cls(data["id"], data["source"], data["municipality"], data["committee"],
                   date.fromisoformat(data["date"]) if data.get("date") else None, data.get("time"), data.get("place"),
                   MeetingKind(data["kind"]), bool(data.get("enclosed")), int(data.get("item_count") or 0),
                   date_inferred=bool(data.get("date_inferred")), source_url=data.get("source_url"))


@dataclass(frozen=True)
class ItemRow:
    """An agenda item with its meeting's body and date (what filters and case look-ups need)."""

    meeting_id: str
    position: int  # order within the meeting; two items may share a number
    number: str
    title: str
    case_number: str | None
    category: str | None
    closed: bool
    municipality: str | None
    committee: str | None
    meeting_date: date | None


@dataclass(frozen=True)
class SectionRow:
    item_position: int
    position: int
    kind: SectionKind
    heading: str
    text: str


@dataclass(frozen=True)
class FileRow:
    name: str
    sha256: str
    format: str | None
    status: str  # ok
    structure: str | None  # the chunker and parser versions that made its rows (column `collection`)
    ingested_at: str | None
    meetings: int | None
    items: int | None
    chunks: int | None
    path: str | None = None  # where it was read from (absolute); an upload's copy under the data folder

    @property
    def complete(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> dict:
        return {"name": self.name, "format": self.format, "status": self.status, "ingested_at": self.ingested_at,
                "meetings": self.meetings, "items": self.items, "chunks": self.chunks}


_MEETING_COLUMNS = ("m.id, m.file_name, m.municipality, m.committee, m.meeting_date, m.meeting_time, m.place, m.kind, "
                    "m.enclosed, m.item_count, m.content_hash, m.date_inferred, m.source_url")
_COMPLETE = "JOIN files f ON f.name = m.file_name WHERE f.status = 'ok' AND f.collection = ?"  # made by this version
_ITEM_COLUMNS = ("i.meeting_id, i.position, i.number, i.title, i.case_number, i.category, i.closed, m.municipality, "
                 "m.committee, m.meeting_date")
_FILE_COLUMNS = "name, sha256, format, status, collection, ingested_at, meetings, items, chunks, path"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _meeting_row(r: tuple) -> MeetingRow:
    return MeetingRow(r[0], r[1], r[2], r[3], _day(r[4]), r[5], r[6], MeetingKind(r[7]), bool(r[8]), r[9], r[10] or "", bool(r[11]),
                      r[12])


def _item_row(r: tuple) -> ItemRow:
    return ItemRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], _day(r[9]))


class Catalogue:
    """`structure` names the chunker and parser versions in use: a file made by another version is stale,
    never searched, until it is ingested again.

    Reads are typed rows by intent (`meetings(filters)`, `items(meeting_id)`, `sections(meeting_id)`);
    nothing outside this module sees a column name."""

    def __init__(self, path: Path, structure: str = ""):
        self.collection = structure
        path.parent.mkdir(parents=True, exist_ok=True)
        # A writer in another process holds the database briefly: wait for it rather than fail.
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        self._db.executescript(_SCHEMA)
        self._migrate()
        if drop_first_layout(self._db):  # the chunks go; their files are read again on the next ingest
            log.warning("%s: the chunk tables were of the first layout and were dropped: ingest again to search its files",
                        path)
            with self._db:
                self._db.execute("UPDATE files SET collection = ''")
        self.chunks = ChunkIndex(self._db)

    def _migrate(self) -> None:
        """Columns added after the first catalogues were made."""
        for table, column, declaration in (("files", "path", "TEXT"), ("meetings", "date_inferred", "INTEGER DEFAULT 0"),
                                           ("meetings", "source_url", "TEXT")):
            if column not in {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
        # A document is found by where it was read from (its name in the store may be wider than the file's own).
        self._db.execute("CREATE INDEX IF NOT EXISTS files_path ON files(path)")

    def close(self) -> None:
        self._db.close()

    # -- files ---------------------------------------------------------------------------------------
    def file(self, name: str) -> FileRow | None:
        row = self._db.execute(f"SELECT {_FILE_COLUMNS} FROM files WHERE name = ?", (name,)).fetchone()
        return FileRow(*row) if row else None

    def file_at(self, path: str) -> FileRow | None:
        """The document read from this file (an absolute path), whatever its name in the store."""
        row = self._db.execute(f"SELECT {_FILE_COLUMNS} FROM files WHERE path = ? ORDER BY name LIMIT 1", (path,)).fetchone()
        return FileRow(*row) if row else None

    def files(self) -> list[FileRow]:
        return [FileRow(*row) for row in self._db.execute(f"SELECT {_FILE_COLUMNS} FROM files ORDER BY name")]

    def stale_files(self) -> list[str]:
        """Files whose rows another chunker or parser version made: never searched until ingested again."""
        return [r[0] for r in self._db.execute("SELECT name FROM files WHERE status != 'ok' OR collection != ?", (self.collection,))]

    def revision(self) -> str:
        """Changes whenever a file is added, replaced or removed (by any process): caches built on the
        chunks key on it."""
        number = self._db.execute("SELECT number FROM revision").fetchone()[0]
        return f"{self.collection}:{number}"

    def version(self) -> tuple[int, int]:
        """Changes whenever anything in the database changes, by this connection or another (files, vectors
        marked embedded): SQLite's own counters, no query."""
        return self.outside_version(), self._db.total_changes

    def outside_version(self) -> int:
        """Changes whenever another connection (another process) has written the database."""
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    def _bump_revision(self) -> None:
        self._db.execute("UPDATE revision SET number = number + 1")

    def file_path(self, name: str) -> str | None:
        row = self._db.execute("SELECT path FROM files WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def replace_file(self, name: str, sha256: str, fmt: str, path: str | None, meetings: list[Meeting],
                     chunks: list[Chunk]) -> None:
        """Swap in the file's meetings, items, sections and chunks, atomically."""
        with self._db:
            self._delete_meetings(name)
            for meeting in meetings:
                self._insert_meeting(meeting)
            self.chunks.replace_file(name, chunks)
            self._db.execute(
                "INSERT OR REPLACE INTO files (name, sha256, format, status, collection, ingested_at, meetings, items, "
                "chunks, path) VALUES (?, ?, ?, 'ok', ?, ?, ?, ?, ?, ?)",
                (name, sha256, fmt, self.collection, datetime.now(UTC).isoformat(timespec="seconds"), len(meetings),
                 sum(len(m.items) for m in meetings), len(chunks), path),
            )
            self._bump_revision()

    def move_file(self, name: str, path: str) -> None:
        """The document is now read from another place (same content)."""
        with self._db:
            self._db.execute("UPDATE files SET path = ? WHERE name = ?", (path, name))

    def remove_file(self, name: str) -> None:
        with self._db:
            self._delete_meetings(name)
            self.chunks.remove_file(name)
            self._db.execute("DELETE FROM files WHERE name = ?", (name,))
            self._bump_revision()

    def _delete_meetings(self, name: str) -> None:
        ids = [r[0] for r in self._db.execute("SELECT id FROM meetings WHERE file_name = ?", (name,))]
        for table, column in (("sections", "meeting_id"), ("items", "meeting_id"), ("summaries", "meeting_id"), ("meetings", "id")):
            self._db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])

    def _insert_meeting(self, m: Meeting) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meetings (id, file_name, municipality, committee, meeting_date, meeting_time, place, kind, "
            "enclosed, content_hash, item_count, date_inferred, source_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (m.id, m.source_name, m.municipality, m.committee, m.meeting_date.isoformat() if m.meeting_date else None,
             m.meeting_time, m.place, m.kind.value, int(m.enclosed), m.content_hash, len(m.items),
             int(m.date_inferred), m.source_url),
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

    # -- meetings, items, sections -------------------------------------------------------------------
    def meetings(self, filters: Filters | None = None) -> list[MeetingRow]:
        """Meetings of complete files, newest first (undated last), within the filters."""
        rows = self._db.execute(
            f"SELECT {_MEETING_COLUMNS} FROM meetings m {_COMPLETE} "
            "ORDER BY m.meeting_date IS NULL, m.meeting_date DESC, m.id", (self.collection,),
        ).fetchall()
        meetings = [_meeting_row(r) for r in rows]
        return [m for m in meetings if filters.matches(m)] if filters else meetings

    def meeting(self, meeting_id: str) -> MeetingRow | None:
        row = self._db.execute(f"SELECT {_MEETING_COLUMNS} FROM meetings m {_COMPLETE} AND m.id = ?",
                               (self.collection, meeting_id)).fetchone()
        return _meeting_row(row) if row else None

    def items(self, meeting_id: str) -> list[ItemRow]:
        """The meeting's agenda items in order."""
        rows = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.meeting_id = ? "
            "ORDER BY i.position", (meeting_id,),
        )
        return [_item_row(r) for r in rows]

    def item(self, meeting_id: str, number: str, title: str) -> ItemRow | None:
        """The item printed with this number and title in the meeting."""
        row = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN meetings m ON m.id = i.meeting_id "
            "WHERE i.meeting_id = ? AND i.number = ? AND i.title = ?", (meeting_id, number, title),
        ).fetchone()
        return _item_row(row) if row else None

    def items_of_case(self, case_number: str) -> list[ItemRow]:
        """Every item of complete files with this case number: the case's treatments at every meeting."""
        rows = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN meetings m ON m.id = i.meeting_id {_COMPLETE} AND i.case_number = ?",
            (self.collection, case_number),
        )
        return [_item_row(r) for r in rows]

    def all_items(self) -> list[ItemRow]:
        """Every agenda item of every complete file."""
        rows = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items i JOIN meetings m ON m.id = i.meeting_id {_COMPLETE}",
            (self.collection,),
        )
        return [_item_row(r) for r in rows]

    def sections(self, meeting_id: str) -> list[SectionRow]:
        rows = self._db.execute(
            "SELECT item_position, position, kind, heading, text FROM sections WHERE meeting_id = ? "
            "ORDER BY item_position, position", (meeting_id,),
        )
        return [SectionRow(r[0], r[1], SectionKind(r[2]), r[3], r[4]) for r in rows]

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
