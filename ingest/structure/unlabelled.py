"""Decisions written without a `Beslutning` heading.

Minutes often record the decision as a plain paragraph: right under the item's title ("Godkendt.",
"Orienteringen blev taget til efterretning." in the Greve portal's minutes layout, "Tilbagesendes
Magistraten med bemærkning, at ..." in Aarhus' decision formula), at the very end of the item ("Vedtaget.",
"Keld Hvalsø kunne ikke tiltræde indstillingen."), or after a sentence that announces it ("Følgende blev
diskuteret og besluttet:"). One pass after parsing, for items that have no decision with text:
- leading: the untitled text under the title (the title repeated over it is dropped) is the decision when
  it reads as one (`reads_as_decision`) and is short or followed by headed sections; in a meeting where
  at least two items open that way and none has a labelled decision, every item's untitled opening is
  (only that layout-wide evidence counts in a meeting whose header says "Dagsorden");
- trailing: the last lines of the item's last section that each read as a decision, when the meeting is
  not an agenda and they start a paragraph (a blank line or a finished sentence before them), with at
  least one line of the section before them (so a recommendation's own text stays a recommendation);
- announced: the lines after "... blev besluttet:" in a minutes item.
An item with a labelled but empty decision ("Beslutning" over ".") has none, unless one is announced; text
inside an enclosure or an earlier meeting's history is never a decision.
"""

from __future__ import annotations

from ingest.structure.drafts import ItemDraft, MeetingDraft, SectionDraft
from ingest.structure.titles import similar
from ingest.types import Line, RawDocument
from ingest.vocabulary import DECISION_ANNOUNCEMENT, MeetingKind, SectionKind, attendance_label, reads_as_decision

_SHORT = 3  # an untitled opening of at most this many lines and nothing after it can be the decision


def find_unlabelled_decisions(meetings: list[MeetingDraft], doc: RawDocument) -> None:
    for meeting in meetings:
        open_items = [item for item in meeting.items if not item.closed and not _has_decision_text(item)]
        labelled = any(s.kind is SectionKind.DECISION for item in meeting.items for s in item.sections)
        leading = {id(item): _leading(item) for item in open_items}
        matching = [item for item in open_items if leading[id(item)] and reads_as_decision(leading[id(item)][1][0].text)]
        uniform = len(matching) >= 2 and not labelled  # the meeting's layout: the decision under every title
        agenda = meeting.kind is MeetingKind.AGENDA and not uniform  # (portals call their minutes "Dagsorden" too)
        minutes = not agenda and (meeting.kind is MeetingKind.MINUTES or labelled or bool(matching))
        for item in open_items:
            found = leading[id(item)]
            empty_label = any(s.kind is SectionKind.DECISION for s in item.sections)  # "Beslutning" over "."
            if found and not empty_label and not agenda and (item in matching or uniform):
                _split(item, found[0], found[1], "")
            elif minutes and not _announced(item) and not empty_label:
                _trailing(item, doc)


def _has_decision_text(item: ItemDraft) -> bool:
    return any(s.kind is SectionKind.DECISION and any(any(c.isalnum() for c in line.text) for line in s.lines)
               for s in item.sections)


def _leading(item: ItemDraft) -> tuple[SectionDraft, list[Line]] | None:
    """The item's untitled opening (title repeat dropped), when it can be a decision."""
    if not item.sections:
        return None
    first = item.sections[0]
    if first.kind is not SectionKind.CASE or first.heading or first.enclosure or not first.lines:
        return None
    lines = first.lines[1:] if similar(first.lines[0].text, item.title) else list(first.lines)
    if not lines or (len(item.sections) == 1 and len(lines) > _SHORT):
        return None
    return first, lines


def _trailing(item: ItemDraft, doc: RawDocument) -> bool:
    last = next((s for s in reversed(item.sections) if s.kind is not SectionKind.ATTENDANCE), None)
    if last is None or last.enclosure or last.kind is SectionKind.HISTORY:
        return False
    start = len(last.lines)
    while start > 0 and (reads_as_decision(last.lines[start - 1].text) or attendance_label(last.lines[start - 1].text, True) is not None):
        start -= 1
    if start == len(last.lines) or start == 0 or not reads_as_decision(last.lines[start].text):
        return False
    if not _starts_paragraph(last.lines[start], last.lines[start - 1], doc):
        return False
    _split(item, last, last.lines[start:], "")
    return True


def _announced(item: ItemDraft) -> bool:
    for section in item.sections:
        if section.enclosure or section.kind in (SectionKind.RECOMMENDATION, SectionKind.HISTORY):
            continue
        for k, line in enumerate(section.lines[:-1]):
            before = section.lines[k - 1].text.split()[-2:] if k else []  # "... Følgende blev" / "diskuteret og besluttet:"
            if DECISION_ANNOUNCEMENT.search(" ".join([*before, line.text.strip()])):
                _split(item, section, section.lines[k + 1:], "")
                return True
    return False


def _starts_paragraph(line: Line, before: Line, doc: RawDocument) -> bool:
    if line.number - before.number > 1 and not doc.lines[line.number - 2].text.strip():
        return True  # a blank line between
    return before.text.rstrip().endswith((".", "!", ":", ")", "”", '"'))


def _split(item: ItemDraft, section: SectionDraft, decided: list[Line], heading: str) -> None:
    """Make `decided` (the tail of `section`'s lines) a decision section of its own, after what precedes it."""
    index = item.sections.index(section)
    cut = section.lines.index(decided[0])
    kept = [line for line in section.lines[:cut] if not (index == 0 and not section.heading and similar(line.text, item.title))]
    decision = SectionDraft(SectionKind.DECISION, heading, list(decided))
    replacement = ([SectionDraft(section.kind, section.heading, kept, section.enclosure)] if kept else []) + [decision]
    item.sections[index:index + 1] = replacement
