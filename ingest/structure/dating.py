"""Meeting facts read from elsewhere in the file than its header.

- A page that names its meeting in a reference line ("Kilde: Københavns Kommune, Valby Lokaludvalg,
  referat fra mødet tirsdag 19. maj 2026, punkt 12.") gives body, date and kind where no header does.
- A meeting with no header of its own (minutes enclosed without one) is dated from a reference to the
  body's own meeting in its text: "Nedenfor følger en status til rådmandsmødet den 19. december ..." is
  19-12 of the year that puts it last before the document's own meeting. The date is marked inferred.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from ingest.structure.drafts import MeetingDraft
from ingest.structure.header import HeaderInfo, clean_body
from ingest.types import Line, MeetingHints
from ingest.vocabulary import DATE_WORDS_OPTIONAL_YEAR, MEETING_REFERENCE, MONTHS, MeetingKind, parse_date

log = logging.getLogger(__name__)

_PREPARED_FOR = r"\b(?:til|forud for)\s+(?:det\s+|dagens\s+)?"  # "status til rådmandsmødet": made for that meeting


def meeting_reference(lines: list[Line], hints: MeetingHints) -> HeaderInfo:
    """Body, date and kind from the first line that names the document's meeting, if any."""
    for line in lines:
        match = MEETING_REFERENCE.search(line.text)
        if match and len(line.text) < 250:
            kind = MeetingKind.MINUTES if match["kind"].lower() == "referat" else MeetingKind.AGENDA
            return HeaderInfo(clean_body(match["body"]), parse_date(match["when"]), kind=kind)
    return HeaderInfo()


def date_headerless_meetings(meetings: list[MeetingDraft], lines: list[Line]) -> None:
    """Give an undated meeting the date its text refers to as the body's meeting; mark it inferred."""
    known = {m.meeting_date for m in meetings if m.meeting_date}
    anchor = max(known) if known else None
    for meeting in meetings:
        if meeting.meeting_date or not meeting.committee or not meeting.items:
            continue
        when = _referenced_date(meeting, anchor)
        if when and when not in known:
            meeting.meeting_date, meeting.date_inferred = when, True
            known.add(when)
            log.debug("meeting without header dated %s from a reference in its text", when)


def _referenced_date(meeting: MeetingDraft, anchor: date | None) -> date | None:
    stem = re.escape(meeting.committee.split()[0].lower()[:-2])
    if len(stem) < 4:
        return None
    pattern = re.compile(_PREPARED_FOR + stem + r"\w*(?:\s+møde\w*)?\s+" + DATE_WORDS_OPTIONAL_YEAR.pattern[2:], re.IGNORECASE)
    for item in meeting.items:
        for section in item.sections:  # enclosures too: a memo "til rådmandsmødet den ..." was made for it
            for line in section.lines:
                match = pattern.search(line.text)
                if match:
                    day, month = int(match[1]), MONTHS[match[2].lower()]
                    found = _with_year(day, month, int(match[3]) if match[3] else None, anchor)
                    if found:
                        return found
    return None


def _with_year(day: int, month: int, year: int | None, anchor: date | None) -> date | None:
    """The date; without a year, the latest one on or before the document's own meeting (within a year)."""
    try:
        if year:
            return date(year, month, day)
        if anchor is None:
            return None
        for candidate_year in (anchor.year, anchor.year - 1):
            candidate = date(candidate_year, month, day)
            if candidate <= anchor and anchor - candidate < timedelta(days=366):
                return candidate
    except ValueError:
        return None
    return None
