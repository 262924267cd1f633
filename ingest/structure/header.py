"""Meeting headers: body (committee), date, time, place and kind, from the lines that open a meeting.

Layouts covered: the agenda portal's PDF ("Rådmandsmøder 2022-2025 (Rådmandsmøde)" over
"16-01-2023 11:00 - 13:00"), Word templates ("REFERAT Beskæftigelsesudvalget d. 14-01-2020" with
"Mødedato"/"Mødested" lines), cover pages ("Referat" / body / "tirsdag den 4. december 2012, kl. 13:00"),
portal HTML ("Udvalg:" / "Mødedato:" labels) and the metadata portal JSON states outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.types import Line, MeetingHints, RawDocument
from ingest.vocabulary import KOMMUNE, RAADHUS, WEEKDAYS, MeetingKind, municipality_name, parse_date, parse_time

PORTAL_DATE_LINE = re.compile(r"^(\d{2}-\d{2}-\d{4})\s+(\d{2}:\d{2})(\s*-\s*.*)?$")
TEMPLATE_HEADER = re.compile(r"^(REFERAT|DAGSORDEN)\s+(.+?)\s+d\.\s+(\d{1,2}-\d{1,2}-\d{4})\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^(Udvalg|Mødedato|Dato|Mødetid|Mødested|Sted)\b\s*:?\s*(.*)$", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\s*\b\d{4}\s*-\s*\d{4}\b")
_KIND_WORD = re.compile(r"^(referat|dagsorden|åbent referat|åben dagsorden)\b", re.IGNORECASE)


@dataclass
class HeaderInfo:
    committee: str | None = None
    meeting_date: date | None = None
    meeting_time: str | None = None
    place: str | None = None
    kind: MeetingKind | None = None


def clean_body(text: str) -> str:
    """'Rådmandsmøder 2022-2025 (Rådmandsmøde)' → 'Rådmandsmøde'; 'Beskæftigelsesudvalget 2013-2021' → 'Beskæftigelsesudvalget'."""
    text = " ".join(text.replace("**", "").split())
    match = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", text)
    if match:
        outside, inside = _YEAR_RANGE.sub("", match[1]).strip(), match[2].strip()
        if outside[:6].lower() == inside[:6].lower():
            return inside
        text = f"{outside} ({inside})"
    return _YEAR_RANGE.sub("", text).strip(" -,") or text


def _kind(text: str) -> MeetingKind | None:
    match = _KIND_WORD.match(text.strip())
    if not match:
        return None
    return MeetingKind.MINUTES if "referat" in match[1].lower() else MeetingKind.AGENDA


def header_at(lines: list[Line], i: int) -> tuple[HeaderInfo, int] | None:
    """A meeting header that starts at lines[i] inside a document (enclosed minutes); the index after it."""
    text = lines[i].text.strip()
    template = TEMPLATE_HEADER.match(text)
    if template:
        info = HeaderInfo(clean_body(template[2]), parse_date(template[3]), kind=_kind(template[1]))
        j = i + 1
        while j < len(lines) and j <= i + 3:
            label = _LABEL.match(lines[j].text.strip())
            if not label:
                break
            _apply_label(info, label[1], label[2])
            j += 1
        return info, j
    for offset in (1, 2, 3):
        if i + offset >= len(lines):
            return None
        candidate = lines[i + offset].text.strip()
        match = PORTAL_DATE_LINE.match(candidate)
        if match:
            between = [line.text.strip() for line in lines[i : i + offset]]
            if any(len(t) > 90 or t.lower().startswith("punkt") for t in between):
                return None
            info = HeaderInfo(clean_body(between[-1]), parse_date(match[1]), match[2])
            if any(t.lower() == "referat" for t in between):
                info.kind = MeetingKind.MINUTES
            j = i + offset + 1
            if j < len(lines) and _is_place(lines[j].text):
                info.place = lines[j].text.strip()
                j += 1
            return info, j
        if PORTAL_DATE_LINE.match(text) or len(candidate) > 90:
            return None
    return None


def _is_place(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) < 100 and not text.lower().startswith(("information", "indhold", "punkt", "kategori"))


def _apply_label(info: HeaderInfo, label: str, value: str) -> None:
    label = label.lower()
    value = value.strip()
    if not value:
        return
    if label == "udvalg" and not info.committee:
        info.committee = clean_body(value)
    elif label in ("mødedato", "dato"):
        info.meeting_date = info.meeting_date or parse_date(value)
        info.meeting_time = info.meeting_time or parse_time(value)
    elif label == "mødetid" and not info.meeting_time:
        info.meeting_time = parse_time(value)
    elif label in ("mødested", "sted") and not info.place:
        info.place = value


def read_first_header(lines: list[Line], end: int, hints: MeetingHints) -> HeaderInfo:
    """The opening meeting's header from the lines before its first TOC or item (lines[:end])."""
    info = HeaderInfo()
    region = lines[: min(end, 40)]
    texts = [line.text.strip() for line in region]
    for i in range(len(region)):
        found = header_at(region, i)
        if found:
            info = found[0]
            break
    for i, text in enumerate(texts):  # labelled fields, value on the same or the next line
        label = _LABEL.match(text)
        if label:
            value = label[2] or (texts[i + 1] if i + 1 < len(texts) and not _LABEL.match(texts[i + 1]) else "")
            _apply_label(info, label[1], value)
    for i, text in enumerate(texts):  # a cover page: "Referat" / body / "tirsdag den 4. december 2012, kl. 13:00"
        kind = _kind(text)
        if kind and not info.kind:
            info.kind = kind
            rest = re.sub(r"^(for|fra)\s+", "", _KIND_WORD.sub("", text).strip(" :-–"), flags=re.IGNORECASE)
            if not parse_date(rest) and rest[:1].isupper() and not info.committee:
                info.committee = clean_body(rest)
        cover_date = not _LABEL.match(text) and (text.lower().startswith(WEEKDAYS) or "den " in text.lower())
        if parse_date(text) and (not info.meeting_date and (cover_date or info.kind) or cover_date and parse_date(text) == info.meeting_date):
            info.meeting_date = parse_date(text)
            info.meeting_time = info.meeting_time or parse_time(text) or (parse_time(texts[i + 1]) if i + 1 < len(texts) else None)
            if not info.committee and i > 0 and not _kind(texts[i - 1]) and not parse_date(texts[i - 1]):
                info.committee = clean_body(texts[i - 1])
            after = i + 1 + (1 if i + 1 < len(texts) and parse_time(texts[i + 1]) and len(texts[i + 1]) < 12 else 0)
            if not info.place and after < len(texts) and _is_place(texts[after]) and not _LABEL.match(texts[after]):
                info.place = re.sub(r"^i\s+", "", texts[after])
        if kind and i + 1 < len(texts) and not info.committee and not parse_date(texts[i + 1]):
            info.committee = clean_body(texts[i + 1])
    if info.kind is None and texts:
        info.kind = _kind(texts[0])
    return HeaderInfo(
        committee=hints.committee or info.committee,
        meeting_date=hints.meeting_date or info.meeting_date,
        meeting_time=hints.meeting_time or info.meeting_time,
        place=hints.place or info.place,
        kind=hints.kind or info.kind,
    )


def infer_municipality(doc: RawDocument) -> str | None:
    """The municipality the document names most often ('Randers Kommune'), if any."""
    if doc.hints.municipality:
        return doc.hints.municipality
    names = [municipality_name(n) for n in KOMMUNE.findall(doc.text[:200_000])] or RAADHUS.findall(doc.text[:20_000])
    if not names:
        return None
    counts = sorted(((names.count(n), n) for n in set(names)), reverse=True)
    if len(counts) == 1 or counts[0][0] > counts[1][0]:
        return counts[0][1]
    return None
