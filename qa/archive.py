"""Questions about the archive itself, answered from the meeting summaries rather than by search: a meeting's
summary ("Opsummer mødet den 14. januar 2020 i Beskæftigelsesudvalget", "Giv et resumé af sidste møde") and
what is new at a committee's latest meeting beside the one before ("Hvad er nyt siden sidste møde i
Beskæftigelsesudvalget?"); and questions to suggest on an empty chat, made from the loaded minutes.

The meeting is the newest dated one within the question's filters (its day, committee, municipality); an
undated meeting is never "the last". The meeting before is the newest dated one of the same municipality and
committee before it. An item is new when the same case (case number, else title) was not on the meeting
before and it is not a standing item. Every statement is a verbatim quote with its citation, and the Answer
names the meeting (`meeting_id`) so the app can open it.
"""

from __future__ import annotations

import logging

from ingest.catalogue import MeetingRow
from ingest.store import Store
from ingest.vocabulary import MeetingKind, SectionKind
from qa import messages
from qa.cases import CaseIndex, brief
from qa.document import Document, brief_document, item_name, meeting_title, summary_document
from qa.generation import ChatModel
from qa.question import Intent, Question
from qa.render import plain_text
from qa.summarise import summarize
from qa.types import Answer, BriefItem, Filters, Status

__all__ = ["answer_from_archive", "latest_meeting", "previous_meeting", "suggested_questions", "whats_new_document"]

log = logging.getLogger(__name__)
_MIN_TITLE, _MAX_TITLE = 8, 80  # characters of a title that makes a readable suggested question


def _newest_first(meeting: MeetingRow) -> tuple:
    # the newest date; on one day, minutes before an agenda, a meeting of its own before an enclosed copy
    return (meeting.meeting_date, meeting.kind is MeetingKind.MINUTES, not meeting.enclosed, meeting.item_count, meeting.id)


def latest_meeting(meetings: list[MeetingRow], filters: Filters) -> MeetingRow | None:
    """The newest dated meeting within the filters (an undated meeting is never the last one)."""
    dated = [m for m in meetings if m.meeting_date and filters.matches(m)]
    return max(dated, key=_newest_first) if dated else None


def previous_meeting(meetings: list[MeetingRow], meeting: MeetingRow) -> MeetingRow | None:
    """The newest dated meeting of the same municipality and committee before `meeting`."""
    before = [m for m in meetings if m.meeting_date and meeting.meeting_date and m.meeting_date < meeting.meeting_date
              and m.municipality == meeting.municipality and m.committee == meeting.committee]
    return max(before, key=_newest_first) if before else None


def _scope_text(filters: Filters, language: str) -> str:
    parts = list(filters.municipalities) + list(filters.committees)
    if filters.since and filters.since == filters.until:
        parts.append(filters.since.strftime("%d-%m-%Y"))
    elif filters.since or filters.until:
        since = filters.since.strftime("%d-%m-%Y") if filters.since else "…"
        until = filters.until.strftime("%d-%m-%Y") if filters.until else "…"
        parts.append(f"{since} – {until}")
    return messages.WITHIN[language].format(what=", ".join(parts)) if parts else ""


def answer_from_archive(store: Store, question: Question, meetings: list[MeetingRow], answer: Answer,
                        llm: ChatModel | None = None, llm_name: str = "extractive") -> Answer:
    """The answer to a summary or "what is new" question (`question.intent`), filled into `answer`: the
    meeting's whole summary (for an agenda, what each item asks and its history), or the latest meeting's
    new items and their decisions beside the meeting before."""
    lang = question.language
    meeting = latest_meeting(meetings, question.filters)
    if meeting is None:
        answer.answer = messages.NO_MEETING[lang].format(within=_scope_text(question.filters, lang))
        return answer
    if question.intent is Intent.WHATS_NEW:
        doc = whats_new_document(store, meeting, previous_meeting(meetings, meeting), lang)
    elif meeting.kind is MeetingKind.AGENDA:
        doc = brief_document(brief(store, meeting.id), lang)
    else:
        doc = summary_document(summarize(store, meeting.id, llm=llm, backend=llm_name), lang)
    text = plain_text(doc, sources=False)
    same_day = [m for m in meetings if m.meeting_date == meeting.meeting_date and m.id != meeting.id
                and question.filters.matches(m) and question.intent is Intent.MEETING_SUMMARY]
    if same_day:
        text += "\n\n" + messages.SAME_DAY[lang].format(others="; ".join(meeting_title(m, lang) for m in same_day))
    answer.status, answer.answer, answer.citations, answer.meeting_id = Status.ANSWERED, text, doc.citations(), meeting.id
    return answer


def whats_new_document(store: Store, latest: MeetingRow, previous: MeetingRow | None, language: str = "da") -> Document:
    """The latest meeting's items that were not on the meeting before (new cases), each with its decision (or,
    at an agenda, what it asks, labelled as the proposal); then the cases continued from the meeting before;
    standing and closed items by number and title only."""
    lang = language
    body = ", ".join(p for p in (latest.municipality, latest.committee) if p) or "-"
    title = (messages.NEW_TITLE[lang].format(latest=meeting_title(latest, lang), previous=messages.meeting_label(previous, lang))
             if previous else messages.NO_PREVIOUS[lang].format(latest=meeting_title(latest, lang), body=body))
    doc = Document(language=lang)
    doc.add("title", title)
    index = CaseIndex(store)
    rows = store.catalogue.items(latest.id)
    before = [i for i in index.items if previous and i.meeting_id == previous.id]
    entries = list(zip(rows, brief(store, latest.id, index).items, strict=True))
    cases = [(row, item) for row, item in entries if not item.closed and not item.standing]
    continued = [(row, item) for row, item in cases if any(index.same_case(row.title, row.case_number, b) for b in before)]
    new = [(row, item) for row, item in cases if (row, item) not in continued]
    if new:
        doc.add("heading", messages.NEW_ITEMS[lang])
        for _, item in new:
            _entry(doc, item, latest)
    elif previous:
        doc.add("text", messages.NOTHING_NEW[lang].format(previous=messages.meeting_label(previous, lang)))
    if continued:
        doc.add("heading", messages.CONTINUED_ITEMS[lang].format(previous=messages.meeting_label(previous, lang)))
        for _, item in continued:
            _entry(doc, item, latest)
            for before_treatment in (t for t in item.earlier if t.meeting.id == previous.id and t.decision):
                doc.add("detail", f"{messages.DECISION_LABEL[lang]} {previous.meeting_date:%d-%m-%Y}: ", before_treatment.decision)
    for label, chosen in ((messages.STANDING_ITEMS, [i for _, i in entries if i.standing and not i.closed]),
                          (messages.CLOSED_ITEMS, [i for _, i in entries if i.closed])):
        if chosen:
            doc.add("text", f"{label[lang]}: " + "; ".join(f"{i.number}. {i.title}" for i in chosen))
    return doc


def _entry(doc: Document, item: BriefItem, meeting: MeetingRow) -> None:
    lang = doc.language
    doc.add("bullet", item_name(item.number, item.title, lang))
    if meeting.kind is MeetingKind.MINUTES:
        doc.add("detail", f"{messages.DECISION_LABEL[lang]}: ", item.decision or messages.NO_DECISION_SHORT[lang])
    elif item.asks:
        doc.add("detail", f"{messages.RECOMMENDATION_LABEL[lang]}: ", item.asks)


def suggested_questions(store: Store, n: int = 3, language: str = "da") -> list[str]:
    """Questions the loaded minutes answer, for an empty chat: "Hvad blev besluttet om <title>?" for a decided
    item (not standing, not closed, a title of readable length) of each of the newest meetings in turn, and
    "Hvad er nyt siden sidste møde i <committee>?" for the newest meeting's committee. Deterministic: the same
    minutes give the same questions."""
    meetings = sorted((m for m in store.catalogue.meetings() if m.meeting_date), key=_newest_first, reverse=True)
    if not meetings or n <= 0:
        return []
    standing = CaseIndex(store).standing
    decided: list[str] = []
    for meeting in meetings:
        sections = store.catalogue.sections(meeting.id)
        with_decision = {s.item_position for s in sections if s.kind is SectionKind.DECISION and any(c.isalnum() for c in s.text)}
        for item in store.catalogue.items(meeting.id):
            title = item.title.strip().rstrip(".")
            if (item.position in with_decision and not item.closed and item.title not in standing
                    and _MIN_TITLE <= len(title) <= _MAX_TITLE and title not in decided):
                decided.append(title)
                break  # one per meeting, newest meetings first
        if len(decided) >= n:
            break
    questions = [messages.SUGGESTED_DECISION[language].format(title=t) for t in decided]
    committee = meetings[0].committee
    if committee and n >= 2:
        questions = questions[: n - 1] + [messages.SUGGESTED_NEW[language].format(committee=committee)]
    return questions[:n]
