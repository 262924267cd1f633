"""Agenda-portal JSON (one meeting per file): the meeting's stated metadata plus its items as lines.

Fields: Udvalg.Navn, Moede.Dato / MeetingBeginUtc, Moede.Sted, Dagsordenpunkter[] with Number,
Caption/Navn, CaseNumber/SagsNummer, Felter[].Html (h3 section headings) and Bilag[].Navn.
`Moede.Navn` says "Dagsorden" even when decisions are recorded, so the kind is left to the parser.
"""

from __future__ import annotations

import json
from datetime import datetime

from ingest.converters import ConversionError, build_document
from ingest.converters.html import html_to_lines
from ingest.converters.text import decode_text
from ingest.types import MeetingHints, RawDocument
from ingest.vocabulary import KOMMUNE


def _hints(doc: dict) -> MeetingHints:
    meeting = doc.get("Moede") or {}
    stamp = meeting.get("MeetingBeginUtc") or meeting.get("Dato")
    when = datetime.fromisoformat(stamp) if stamp else None
    return MeetingHints(
        committee=((doc.get("Udvalg") or {}).get("Navn") or "").strip() or None,
        meeting_date=when.date() if when else None,
        meeting_time=when.strftime("%H:%M") if when else None,
        place=(meeting.get("Sted") or "").strip() or None,
        external_id=doc.get("Id"),
    )


def convert(name: str, data: bytes) -> RawDocument:
    try:
        doc = json.loads(decode_text(name, data))
    except json.JSONDecodeError as exc:
        raise ConversionError(name, f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("Dagsordenpunkter"), list):
        raise ConversionError(name, "JSON is not an agenda-portal meeting (no 'Dagsordenpunkter' list)")
    hints = _hints(doc)
    if hints.meeting_date is None:
        raise ConversionError(name, "agenda-portal JSON without a meeting date (Moede.Dato)")
    pieces: list[tuple[str, int | None, int | None]] = [
        (f"{(doc.get('Moede') or {}).get('Navn') or 'Møde'}: {hints.committee or ''}".strip(), None, 1),
        (f"Mødedato: {hints.meeting_date.strftime('%d-%m-%Y')} {hints.meeting_time or ''}".strip(), None, None),
    ]
    if hints.place:
        pieces.append((f"Mødested: {hints.place}", None, None))
    items = sorted(doc["Dagsordenpunkter"], key=lambda item: item.get("Sorting") or 0)
    for position, item in enumerate(items, start=1):
        number = str(item.get("Number") or item.get("Punktnummer") or position)
        title = " ".join(str(item.get("Caption") or item.get("Navn") or "").split())
        pieces.append((f"Punkt {number}: {title}", None, 2))
        case = item.get("CaseNumber") or item.get("SagsNummer")
        if case:
            pieces.append((f"Sagsnummer: {case}", None, None))
        for field in item.get("Felter") or []:
            for text, level in html_to_lines(field.get("Html") or ""):
                pieces.append((text, None, 3 if level else None))  # any heading inside an item is a section
        attachments = [a.get("Navn", "").strip() for a in item.get("Bilag") or [] if a.get("Navn")]
        if attachments:
            pieces.append(("Bilag", None, 3))
            pieces.extend((title, None, None) for title in attachments)
    document = build_document(name, data, "portal-json", pieces, hints)
    municipalities = KOMMUNE.findall(document.text)
    if municipalities:
        hints = MeetingHints(**{**hints.__dict__, "municipality": max(set(municipalities), key=municipalities.count)})
        document = RawDocument(document.name, document.sha256, document.format, document.text, document.lines, hints)
    return document
