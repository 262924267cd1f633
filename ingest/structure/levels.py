"""Heading levels of structured formats (HTML, portal JSON), read by what the headings say.

A converter passes the tag's level on (h1 meeting, h2 item, h3 section), but pages differ in which tag
they use for what:
- a portal page marks items with h2, and some of its h2 are section headings (`Beslutning`): those are
  sections;
- an item heading may be written `3. Title` as well as `Punkt 3: Title`;
- a page holding one agenda item (kk.dk: the item's title in h1, then `Indstilling`, `Problemstilling`,
  `Løsning`, `Økonomi`, `Videre proces`, `Beslutning` in h2) has no item headings at all: its h1 is the
  item and every h2 a section. Its number comes from the page's reference to the meeting (`..., punkt 12`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.structure.headings import is_bare_number
from ingest.types import Line
from ingest.vocabulary import MEETING_REFERENCE, NUMBERED_HEADING, PUNKT_HEADING, section_kind_of

ITEM, SECTION = 2, 3
_PUNKT_REFERENCE = re.compile(r"\bpunkt\s+(\d{1,3})\b", re.IGNORECASE)


def marked_item(lines: list[Line], i: int, page_item: str | None = None) -> tuple[str, str] | None:
    """(number, title) of an item heading a structured format marked (level 2): 'Punkt 3: Title', '3. Title',
    the portal's number cell just before the heading, or the one item of a single-item page."""
    text = lines[i].text.strip()
    for pattern in (PUNKT_HEADING, NUMBERED_HEADING):
        match = pattern.match(text)
        if match and not section_kind_of(match[2]):  # "2. Beslutningspunkter" is a memo's section
            return match[1], match[2].strip()
    for j in range(i - 1, max(-1, i - 4), -1):
        if is_bare_number(lines[j].text):
            return lines[j].text.strip(), text
    return (page_item, text) if page_item else None


def normalise_levels(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The lines with their heading levels read by content; and the item number of a single-item page."""
    if not any(line.level for line in lines):
        return lines, None
    items = [i for i, line in enumerate(lines) if line.level == ITEM and not section_kind_of(line.text)
             and marked_item(lines, i)]
    if items:  # an item page: section words written as h2 are sections
        return [replace(line, level=SECTION) if line.level == ITEM and section_kind_of(line.text) else line
                for line in lines], None
    first = next((i for i, line in enumerate(lines) if line.level == 1 and line.text.strip()), None)
    if first is None or not any(line.level in (ITEM, SECTION) for line in lines[first + 1:]):
        return lines, None
    out = list(lines)  # a single-item page: h1 is the item, h2 and h3 its sections
    for i, line in enumerate(lines):
        if i == first:
            out[i] = replace(line, level=ITEM)
        elif line.level == ITEM:
            out[i] = replace(line, level=SECTION)
        elif line.level == 1:
            out[i] = replace(line, level=None)
    return out, _page_item_number(lines)


def _page_item_number(lines: list[Line]) -> str:
    for line in lines:
        reference = MEETING_REFERENCE.search(line.text)
        if reference and reference["item"]:
            return reference["item"]
    for line in lines:
        match = _PUNKT_REFERENCE.search(line.text)
        if match and len(line.text) < 250:
            return match[1]
    return "1"
