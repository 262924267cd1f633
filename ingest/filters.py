"""Which meetings a question is about: municipality, committee and a date range.

One predicate (`Filters.matches`) for chunks, meetings and items, and its translations to SQL
(`Filters.to_sql`, over the catalogue's chunks) and to columns in memory (`Filters.to_mask`, the vectors
held for dense search), so retrieval, the meeting list and the app can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np


class Dated(Protocol):
    """Anything that belongs to a meeting: a chunk's SourceRef, a MeetingRow, an ItemRow."""

    municipality: str | None
    committee: str | None
    meeting_date: date | None


def day_number(day: date) -> int:
    """A date as the number stored with every chunk (20230109), compared in SQL and by Chroma."""
    return int(day.strftime("%Y%m%d"))


@dataclass(frozen=True)
class Filters:
    municipalities: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def is_empty(self) -> bool:
        return not (self.municipalities or self.committees or self.since or self.until)

    def has_dates(self) -> bool:
        return self.since is not None or self.until is not None

    def matches(self, record: Dated) -> bool:
        """Whether a chunk's source, a meeting or an item falls within the filters (an undated one never
        matches a date range)."""
        if self.municipalities and record.municipality not in self.municipalities:
            return False
        if self.committees and record.committee not in self.committees:
            return False
        if self.has_dates() and record.meeting_date is None:
            return False
        if self.since and record.meeting_date < self.since:
            return False
        return not (self.until and record.meeting_date > self.until)

    def to_sql(self, table: str) -> tuple[list[str], list]:
        """The same filters as SQL conditions (and their values) on a table with `municipality`,
        `committee` and `meeting_day` columns (the catalogue's chunks)."""
        clauses: list[str] = []
        values: list = []
        for column, allowed in (("municipality", self.municipalities), ("committee", self.committees)):
            if allowed:
                clauses.append(f"{table}.{column} IN ({','.join('?' * len(allowed))})")
                values += list(allowed)
        if self.since:
            clauses.append(f"{table}.meeting_day >= ?")
            values.append(day_number(self.since))
        if self.until:
            clauses.append(f"{table}.meeting_day <= ?")
            values.append(day_number(self.until))
        return clauses, values

    def to_mask(self, municipality: np.ndarray, committee: np.ndarray, day: np.ndarray, codes: Mapping[str, int]) -> np.ndarray:
        """The same filters over columns held in memory: each name as its code in `codes` (a name without
        one matches nothing), the meeting day as the number `day_number` gives (0: undated)."""
        keep = np.ones(len(day), dtype=bool)
        for column, allowed in ((municipality, self.municipalities), (committee, self.committees)):
            if allowed:
                keep &= np.isin(column, [codes.get(name, -1) for name in allowed])
        if self.has_dates():
            keep &= day > 0
        if self.since:
            keep &= day >= day_number(self.since)
        if self.until:
            keep &= day <= day_number(self.until)
        return keep

    def to_json(self) -> dict:
        return {
            "municipalities": list(self.municipalities), "committees": list(self.committees),
            "since": self.since.isoformat() if self.since else None, "until": self.until.isoformat() if self.until else None,
        }

    @classmethod
    def from_json(cls, data: dict) -> Filters:
        return cls(tuple(data.get("municipalities") or ()), tuple(data.get("committees") or ()),
                   date.fromisoformat(data["since"]) if data.get("since") else None,
                   date.fromisoformat(data["until"]) if data.get("until") else None)
