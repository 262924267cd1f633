"""Gold locations and the matching rules: what counts as a hit, a key fact found, a verbatim citation.

Two kinds of gold: the dev set's passages (file + anchor or line range; a hit overlaps the span) and the open
and generated sets' agenda items (file + meeting date + item number; a hit is a passage of that item).
A location is anything with `file_name`, `char_start`, `char_end`, and for items `meeting_date` and
`item_number` (an `ingest.types.SourceRef`, or a baseline chunk mapped to an item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol


class Location(Protocol):
    file_name: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Loc:
    """A plain location (used for baseline chunks, with the item they fall in when known)."""

    file_name: str
    char_start: int
    char_end: int
    meeting_date: date | None = None
    item_number: str | None = None


@dataclass(frozen=True)
class SpanGold:
    """A passage of a file: a location overlapping [start, end) hits it."""

    file: str
    start: int
    end: int

    def matches(self, loc: Location) -> bool:
        return loc.file_name == self.file and loc.char_start < self.end and self.start < loc.char_end


@dataclass(frozen=True)
class ItemGold:
    """An agenda item: a location of the same file, meeting date and item number hits it."""

    file: str
    meeting_date: str  # YYYY-MM-DD
    item_number: str

    def matches(self, loc: Location) -> bool:
        number = getattr(loc, "item_number", None)
        when = getattr(loc, "meeting_date", None)
        return (loc.file_name == self.file and number is not None and norm_item(number) == norm_item(self.item_number)
                and (when is None or str(when)[:10] == self.meeting_date))


Gold = SpanGold | ItemGold


def norm_item(number: str) -> str:
    return str(number).strip().rstrip(".").lstrip("0") or "0"


def item_golds(record: dict) -> list[ItemGold]:
    return [ItemGold(g["file"], g["meeting_date"], str(g["item_number"])) for g in record.get("gold", [])]


def span_golds(record: dict, corpus: Path) -> list[SpanGold]:
    """The dev set's gold passages: every occurrence of an anchor, or a 1-based inclusive line range."""
    spans = []
    for gold in record.get("gold", []):
        text = (corpus / gold["file"]).read_text(encoding="utf-8").replace("\r\n", "\n")
        if "anchor" in gold:
            start = text.find(gold["anchor"])
            while start >= 0:
                spans.append(SpanGold(gold["file"], start, start + len(gold["anchor"])))
                start = text.find(gold["anchor"], start + 1)
        else:
            offsets = [0]
            for line in text.split("\n"):
                offsets.append(offsets[-1] + len(line) + 1)
            first, last = gold["lines"]
            spans.append(SpanGold(gold["file"], offsets[first - 1], offsets[last]))
    return spans


def first_hit(ranked: list, golds: list[Gold], depth: int = 10) -> int | None:
    """1-based rank of the first location in the top `depth` that hits any gold, else None."""
    for rank, loc in enumerate(ranked[:depth], start=1):
        if any(g.matches(loc) for g in golds):
            return rank
    return None


def gold_share(ranked: list, golds: list[Gold], depth: int = 10) -> float:
    """Share of the gold entries hit by some location in the top `depth` (cross-meeting questions)."""
    if not golds:
        return 0.0
    return sum(any(g.matches(loc) for loc in ranked[:depth]) for g in golds) / len(golds)


# -- text matching ---------------------------------------------------------------------------------------
def norm(text: str) -> str:
    """Lower case, Markdown bold removed, whitespace (incl. no-break spaces) collapsed."""
    return " ".join(text.replace("**", "").replace("\xa0", " ").split()).lower()


_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
_CURRENCY = re.compile(r"\b(?:kr\.?|dkk|kroner)(?=\s|$|[),;:])")


def lenient(text: str) -> str:
    """For English questions: digit-group and decimal separators dropped ('68.160' == '68,160'), currency
    words dropped ('kr.', 'DKK'), trailing punctuation ignored."""
    text = _CURRENCY.sub(" ", _SEPARATOR.sub("", norm(text)))
    return " ".join(text.split()).strip(" .,;:")


def fact_found(fact: str, answer: str, english: bool = False) -> bool:
    """A key fact appears in the answer: case-insensitive, whitespace-normalised; leniently for English."""
    if norm(fact) in norm(answer):
        return True
    return english and lenient(fact) in lenient(answer)


def missing_facts(facts: list[str], answer: str, english: bool = False) -> list[str]:
    return [f for f in facts if not fact_found(f, answer, english)]
