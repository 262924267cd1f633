"""Agenda-portal JSON (one meeting per file): the meeting's stated metadata plus its items as lines.

Fields: Udvalg.Navn, Moede.Dato / MeetingBeginUtc, Moede.Sted, Dagsordenpunkter[] with Number,
Caption/Navn, CaseNumber/SagsNummer, Felter[].Html (h3 section headings), Bilag[].Navn and
ExternalAgendaItemAttendees[] (who was absent from the item, with the reason, e.g. "Fraværende").
`Moede.Navn` says "Dagsorden" even when decisions are recorded, so the kind is left to the parser.
A case's decision trail (Aarhus city archive: a list of {date, fora_name, title}, the decision text in
`title`, one entry per meeting that treated the case) becomes one meeting per entry: a `REFERAT <body>
d. <date>` header, the case as its item, and the text under a `Beslutning` heading (the field is the
decision). The municipality is the one the text names ("Greve Kommune"), else the portal's address in its links
(`https://dagsordener.greve.dk/...`). The meeting's page at the portal (`source_url`) is `<portal>/vis?id=<Id>`,
the portal being the one its own document links (`Felter[].Link`, `<portal>/Vis/Pdf/...`) point to.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from urllib.parse import quote

from ingest.converters.base import ConversionError, build_document, web_url
from ingest.converters.html import MarkupLimits, html_to_lines
from ingest.converters.text import decode_text
from ingest.types import MeetingHints, RawDocument
from ingest.vocabulary import KOMMUNE, PORTAL_HOST, municipality_name

CASE_NUMBER_IN_NAME = re.compile(r"(?<!\d)\d{2}-\d{6}(?!\d)")  # "...-sag-18-039871-...": the case a trail is about
PORTAL_DOCUMENT_LINK = re.compile(r"^(https?://[^/]+)/vis/pdf/", re.IGNORECASE)  # the portal's link to its own PDF
MAX_ITEMS = 5_000  # agenda items (or decision-trail entries) in one file; the real maximum is 51


def _portal_page(doc: dict) -> str | None:
    """The meeting's page at the portal that published it: known only when the JSON links the portal itself."""
    meeting_id = str(doc.get("Id") or "").strip()
    if not meeting_id or meeting_id.strip("0-") == "":
        return None
    for item in doc.get("Dagsordenpunkter") or []:
        for field in item.get("Felter") or []:
            link = PORTAL_DOCUMENT_LINK.match(web_url(field.get("Link")) or "")
            if link:
                return web_url(f"{link[1]}/vis?id={quote(meeting_id, safe='-')}")
    return None


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
        source_url=_portal_page(doc),
    )


def convert(name: str, data: bytes) -> RawDocument:
    try:
        doc = json.loads(decode_text(name, data))
    except json.JSONDecodeError as exc:
        raise ConversionError(name, f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    listed = doc if isinstance(doc, list) else doc.get("Dagsordenpunkter") if isinstance(doc, dict) else None
    if isinstance(listed, list) and len(listed) > MAX_ITEMS:  # refused before any is read: reading 100,000 took minutes
        raise ConversionError(name, f"{len(listed):,} agenda items in one file, over the limit of {MAX_ITEMS:,} (a meeting has dozens)")
    if isinstance(doc, list) and doc and all(isinstance(e, dict) and {"date", "fora_name", "title"} <= e.keys() for e in doc):
        return _decision_trail(name, data, doc)
    if not isinstance(doc, dict) or not isinstance(doc.get("Dagsordenpunkter"), list):
        raise ConversionError(name, "JSON is not an agenda-portal meeting (no 'Dagsordenpunkter' list)")
    if problem := _shape_problem(doc):
        raise ConversionError(name, f"malformed agenda-portal JSON: {problem}")
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
    limits = MarkupLimits(name)
    for item in items:
        for field in item.get("Felter") or []:
            limits.check(field.get("Html") or "")
    for position, item in enumerate(items, start=1):
        number = str(item.get("Number") or item.get("Punktnummer") or position)
        title = " ".join(str(item.get("Caption") or item.get("Navn") or "").split())
        pieces.append((f"Punkt {number}: {title}", None, 2))
        case = item.get("CaseNumber") or item.get("SagsNummer")
        if case:
            pieces.append((f"Sagsnummer: {case}", None, None))
        fields = item.get("Felter") or []
        for field in fields:
            for text, level in html_to_lines(field.get("Html") or "", paragraph_breaks=True):
                pieces.append((text, None, 3 if level else None))  # any heading inside an item is a section
        pieces.extend(_absent(item, " ".join(field.get("Html") or "" for field in fields)))
        attachments = [a.get("Navn", "").strip() for a in item.get("Bilag") or [] if a.get("Navn")]
        if attachments:
            pieces.append(("Bilag", None, 3))
            pieces.extend((title, None, None) for title in attachments)
    document = build_document(name, data, "portal-json", pieces, hints)
    municipalities = KOMMUNE.findall(document.text)
    host = PORTAL_HOST.search(json.dumps(doc, ensure_ascii=False))
    municipality = max(set(municipalities), key=municipalities.count) if municipalities else host and host[1]
    if municipality:
        hints = MeetingHints(**{**hints.__dict__, "municipality": municipality_name(municipality)})
        document = RawDocument(document.name, document.sha256, document.format, document.text, document.lines, hints)
    return document


def _kind(value: object) -> str:
    return {str: "a string", list: "a list", dict: "an object", bool: "true/false", type(None): "null"}.get(type(value), "a number")


def _shape_problem(doc: dict) -> str | None:
    """What in the meeting is not shaped as the portal writes it (objects where objects belong, text where
    text does), named by its place; None when all is well."""
    for key in ("Moede", "Udvalg"):
        if doc.get(key) is not None and not isinstance(doc[key], dict):
            return f"'{key}' is {_kind(doc[key])}, not an object"
    for n, item in enumerate(doc["Dagsordenpunkter"]):
        where = f"Dagsordenpunkter[{n}]"
        if not isinstance(item, dict):
            return f"{where} is {_kind(item)}, not an agenda item object"
        for key in ("Felter", "Bilag", "ExternalAgendaItemAttendees"):
            values = item.get(key)
            if values is not None and (not isinstance(values, list) or not all(isinstance(v, dict) for v in values)):
                return f"{where}.{key} is not a list of objects"
        for k, field in enumerate(item.get("Felter") or []):
            if field.get("Html") is not None and not isinstance(field["Html"], str):
                return f"{where}.Felter[{k}].Html is {_kind(field['Html'])}, not text"
        for key in ("Caption", "Navn"):
            if item.get(key) is not None and not isinstance(item[key], str):
                return f"{where}.{key} is {_kind(item[key])}, not text"
        if not isinstance(item.get("Sorting") or 0, int | float):
            return f"{where}.Sorting is {_kind(item['Sorting'])}, not a number"
    return None


def _absent(item: dict, text: str) -> list[tuple[str, int | None, int | None]]:
    """The item's absentees as an attendance section ("Fraværende" over the names), unless its text names them."""
    names = []
    for attendee in item.get("ExternalAgendaItemAttendees") or []:
        name = " ".join(str(attendee.get("Name") or "").split())
        reason = " ".join(str(attendee.get("Reason") or "").split())
        if name and name not in text:
            names.append(name if reason.lower() in ("", "fraværende") else f"{name} ({reason})")
    return [("Fraværende", None, 3), (", ".join(names), None, None)] if names else []


def _decision_trail(name: str, data: bytes, entries: list[dict]) -> RawDocument:
    case = CASE_NUMBER_IN_NAME.search(name)
    title = f"Sag {case[0]}" if case else "Sag"
    pieces: list[tuple[str, int | None, int | None]] = []
    for entry in sorted(entries, key=lambda e: str(e.get("date"))):
        when = datetime.fromisoformat(str(entry["date"])[:10])
        pieces += [(f"REFERAT {' '.join(str(entry['fora_name']).split())} d. {when.strftime('%d-%m-%Y')}", None, None),
                   (f"Punkt 1: {title}", None, None), ("Beslutning", None, None)]
        text = unicodedata.normalize("NFC", str(entry["title"]))  # the archive writes "Byra\u030ad" for "Byråd"
        pieces += [(" ".join(line.split()), None, None) for line in text.splitlines() if line.strip()]
        pieces.append(("", None, None))
    return build_document(name, data, "portal-json", pieces)
