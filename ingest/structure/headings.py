"""Reading headings that the source prints in awkward ways."""

from __future__ import annotations

import re

from ingest.structure.toc import is_toc_heading
from ingest.types import Line
from ingest.vocabulary import PUNKT_HEADING, TABBED_HEADING

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


def tabbed_headings(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """Items numbered '1   First Agenda', '1.1   Status siden sidst' (a number set off by a tab): only in a
    document that marks items no other way (no 'Punkt N:' heading, no TOC), and only as a run of at least
    three headings that starts at 1 and never goes back."""
    if any(PUNKT_HEADING.match(line.text.strip()) or is_toc_heading(line.text) for line in lines):
        return {}
    found: dict[int, tuple[str, str]] = {}
    last: tuple[int, ...] = (0,)
    for i, line in enumerate(lines):
        match = TABBED_HEADING.match(line.text)
        if not match or match[2].rstrip().endswith((".", ",", ":")):
            continue
        key = tuple(int(part) for part in match[1].split("."))
        if (not found and key[0] != 1) or key <= last or key[0] > last[0] + 1:
            continue
        found[i] = (match[1], match[2].strip())
        last = key
    return found if len(found) >= 3 else {}
