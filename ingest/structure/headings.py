"""Reading headings that the source prints in awkward ways."""

from __future__ import annotations

import re

from ingest.types import Line
from ingest.vocabulary import PUNKT_HEADING

_BARE_NUMBER = re.compile(r"^\d{1,3}$")


def is_bare_number(text: str) -> bool:
    return bool(_BARE_NUMBER.match(text.strip()))


def joined_heading(lines: list[Line], i: int) -> tuple[str, int]:
    """A bold heading wrapped over lines ('**Punkt 4: ... af' / 'Rammeaftale 2023-24**') joined; next index."""
    text = lines[i].text.strip()
    if text.startswith("**") and not text.endswith("**") and len(text) > 2:
        parts = [text]
        for j in range(i + 1, min(i + 3, len(lines))):
            parts.append(lines[j].text.strip())
            if parts[-1].endswith("**"):
                return " ".join(parts), j + 1
    return text, i + 1


def marked_item_number(lines: list[Line], i: int) -> str | None:
    """The number of an item heading a structured format marked (level 2): 'Punkt 3: ...' or the portal's
    number cell just before the heading."""
    punkt = PUNKT_HEADING.match(lines[i].text.strip())
    if punkt:
        return punkt[1]
    for j in range(i - 1, max(-1, i - 4), -1):
        if is_bare_number(lines[j].text):
            return lines[j].text.strip()
    return None
