"""Documents enclosed in minutes: an "Indstilling" memo (Til/Fra/Dato), an enclosed committee agenda, a
report whose first page says "Side 1 af N". Where one starts, and which agenda item it belongs to.
"""

from __future__ import annotations

from ingest.structure.drafts import ItemDraft, MeetingDraft
from ingest.structure.titles import title_overlap
from ingest.types import Line
from ingest.vocabulary import ENCLOSED_AGENDA, FIRST_PAGE_MARK, MEMO_FIELD, parse_date

MIN_TITLE_OVERLAP = 0.6


def enclosure_at(lines: list[Line], i: int) -> str | None:
    """'memo', 'agenda' or 'document' when an enclosed document starts at lines[i]; None otherwise."""
    text = lines[i].text.strip()
    if ENCLOSED_AGENDA.match(text):
        return "agenda"
    if FIRST_PAGE_MARK.match(text):
        return "document"
    if i + 1 < len(lines) and FIRST_PAGE_MARK.match(lines[i + 1].text.strip()):
        return "document" if len(text) < 40 and parse_date(text) else None  # its date over "Side 1 af 6"
    if text.lower() == "indstilling":
        following = [lines[j].text.strip() for j in range(i + 1, min(i + 3, len(lines)))]
        return "memo" if following and all(MEMO_FIELD.match(t) for t in following) else None
    return None


def enclosure_target(current: ItemDraft | None, meetings: list[MeetingDraft], opening: str) -> ItemDraft | None:
    """The item an enclosure belongs to: the item it follows, unless that item's title has nothing in
    common with the enclosure's opening lines and an item of the document's own meeting (or of the
    current one) is named there, as happens after an earlier meeting's enclosed minutes."""
    opening = ENCLOSED_AGENDA.sub("", opening, count=1)
    if current is not None and not current.closed and title_overlap(current.title, opening) > 0:
        return current
    candidates = [meetings[0]] + ([current.meeting] if current else [])
    best, best_score = None, MIN_TITLE_OVERLAP
    for order, meeting in enumerate(candidates):
        for item in meeting.items:
            score = title_overlap(item.title, opening) - order * 1e-3  # ties go to the document's meeting
            if not item.closed and score > best_score:
                best, best_score = item, score
    target = best or current
    return None if target is None or target.closed else target
