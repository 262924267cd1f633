"""Tables of contents (Indhold, Indholdsfortegnelse, Mødeindhold): the list of a meeting's items.

Their lines look like headings but end with dots, a tab or spaces and a page number. A TOC tells which
items a meeting has, so item headings found far away in the document can be given to the right meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.types import Line
from ingest.vocabulary import CATEGORY_LINE, NUMBERED_HEADING, TOC_ENTRY, TOC_HEADINGS

_PUNKT = re.compile(r"^\**\s*Punkt\s+(\d+)\s*[:.]\s*(.*)$")
_DOTTED = re.compile(r"(\.{3,}|\t|,\t)\s*\d{1,3}\s*$")


@dataclass
class TocEntry:
    number: str
    title: str
    category: str | None
    numbered_style: bool  # "2. Title" entries (items then carry bare numbers in the body)


@dataclass
class Toc:
    entries: list[TocEntry]
    has_minutes_block: bool  # lists a "Referat" entry: the decisions sit in a trailing Referat block


def is_toc_heading(text: str) -> bool:
    return text.strip().strip("*:").strip().lower() in TOC_HEADINGS


def _entry(text: str, dotted_style: bool | None) -> tuple[str, bool] | None:
    """The entry's title text if the line is a TOC entry; None otherwise."""
    match = TOC_ENTRY.match(text)
    if not match:
        return None
    dotted = bool(_DOTTED.search(text))
    if dotted_style is True and not dotted:
        return None
    return match["title"].rstrip(" .,\t"), dotted


def read_toc(lines: list[Line], start: int) -> tuple[Toc, int]:
    """Read the TOC whose heading is lines[start]; returns it and the index of the first line after it."""
    entries: list[TocEntry] = []
    category: str | None = None
    has_minutes = False
    dotted_style: bool | None = None
    i = start + 1
    pending = ""  # a wrapped entry's first part
    misses = 0
    while i < len(lines):
        text = lines[i].text.strip()
        category_match = CATEGORY_LINE.match(text)
        if category_match:
            category = category_match[1].strip()
            i += 1
            continue
        parsed = _entry(f"{pending} {text}".strip() if pending else text, dotted_style)
        if parsed is None:
            nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
            if misses < 3 and (_entry(nxt, dotted_style) or CATEGORY_LINE.match(nxt)) and not entries:
                misses += 1  # a preamble such as "Punkt nr.   Side" or "Åbent referat"
                i += 1
                continue
            if _entry(nxt, dotted_style) and nxt[:1].islower():
                pending = text  # an entry wrapped over two lines
                i += 1
                continue
            if entries and misses < 3 and len(text) < 40 and _entry(nxt, dotted_style):
                misses += 1  # a sub-heading inside the TOC ("Lukket dagsorden")
                i += 1
                continue
            break
        pending = ""
        title, dotted = parsed
        if dotted_style is None:
            dotted_style = dotted
        i += 1
        if title.lower().startswith("beslutning for"):
            continue
        if title.strip("*").strip().lower() == "referat":
            has_minutes = True
            continue
        punkt = _PUNKT.match(title)
        numbered = NUMBERED_HEADING.match(title)
        if punkt:
            entries.append(TocEntry(punkt[1], punkt[2].strip(" .,"), category, False))
        elif numbered:
            entries.append(TocEntry(numbered[1], numbered[2].strip(" .,"), category, True))
        else:
            entries.append(TocEntry(str(len(entries) + 1), title, category, False))
    deduplicated: list[TocEntry] = []
    for entry in entries:  # the same entry printed twice in a row is one item
        if deduplicated and (deduplicated[-1].number, deduplicated[-1].title) == (entry.number, entry.title):
            continue
        deduplicated.append(entry)
    return Toc(deduplicated, has_minutes), i
