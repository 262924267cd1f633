"""Danish municipal-minutes vocabulary: the one place that knows the words.

Heading words map to section kinds; dates are parsed in the formats the sources use; closed-item
markers and case-number shapes live here too. Municipal agenda systems (the portal used by Aarhus,
Greve and others, the Word/PDF templates of Randers, Ikast-Brande, Ballerup, Syddjurs) vary in
wording, so every entry documents the variation it covers.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum


class MeetingKind(StrEnum):
    AGENDA = "dagsorden"  # published before the meeting: no decisions
    MINUTES = "referat"  # published after: decisions recorded


class SectionKind(StrEnum):
    """What a section of an agenda item is. Never confuse DECISION with RECOMMENDATION."""

    DECISION = "decision"  # Beslutning: what the committee decided at *this* meeting
    RECOMMENDATION = "recommendation"  # Indstilling / Beslutningspunkter: what the administration proposes
    SUMMARY = "summary"  # Resume / Resumé / Sammendrag
    CASE = "case"  # Sagsfremstilling, Baggrund, the item's own untitled text
    ECONOMY = "economy"  # Økonomi and its variants
    ATTACHMENTS = "attachments"  # Bilag lists and documents enclosed for the item (memos, reports, agendas)
    HISTORY = "history"  # earlier treatment: Behandlingsforløb, Sagsforløb, an earlier meeting's Beslutning
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SectionKind.DECISION: "Beslutning",
    SectionKind.RECOMMENDATION: "Indstilling",
    SectionKind.SUMMARY: "Resume",
    SectionKind.CASE: "Sagsfremstilling",
    SectionKind.ECONOMY: "Økonomi",
    SectionKind.ATTACHMENTS: "Bilag",
    SectionKind.HISTORY: "Sagsforløb",
    SectionKind.OTHER: "Andet",
}

# Section headings as they stand alone on a line (case-insensitive, trailing colon allowed).
SECTION_HEADINGS: dict[str, SectionKind] = {
    "beslutning": SectionKind.DECISION,
    "beslutninger": SectionKind.DECISION,  # Aarhus portal HTML
    "afgørelse": SectionKind.DECISION,
    "indstilling": SectionKind.RECOMMENDATION,
    "indstillinger": SectionKind.RECOMMENDATION,
    "forslag til beslutning": SectionKind.RECOMMENDATION,
    "beslutningspunkter": SectionKind.RECOMMENDATION,  # Aarhus: "2. Beslutningspunkter" = proposed, not decided
    "administrationens indstilling": SectionKind.RECOMMENDATION,
    "forvaltningens indstilling": SectionKind.RECOMMENDATION,
    "resume": SectionKind.SUMMARY,
    "resumé": SectionKind.SUMMARY,
    "sammendrag": SectionKind.SUMMARY,
    "kort resume": SectionKind.SUMMARY,
    "sagsfremstilling": SectionKind.CASE,
    "supplerende sagsfremstilling": SectionKind.CASE,
    "fremstilling": SectionKind.CASE,
    "sagsbeskrivelse": SectionKind.CASE,
    "baggrund": SectionKind.CASE,
    "sagens baggrund": SectionKind.CASE,
    "beskrivelse": SectionKind.CASE,
    "økonomi": SectionKind.ECONOMY,
    "økonomi og organisatoriske konsekvenser": SectionKind.ECONOMY,
    "økonomiske konsekvenser": SectionKind.ECONOMY,
    "økonomi og finansiering": SectionKind.ECONOMY,
    "bevillingsmæssige konsekvenser": SectionKind.ECONOMY,
    "bilag": SectionKind.ATTACHMENTS,
    "bilagsliste": SectionKind.ATTACHMENTS,
    "behandlingsforløb": SectionKind.HISTORY,
    "tidligere udvalgsbeslutninger": SectionKind.HISTORY,
    "tidligere beslutninger": SectionKind.HISTORY,
    "sagsforløb": SectionKind.HISTORY,
    "sagens forløb": SectionKind.HISTORY,
    "sagsprocedure": SectionKind.HISTORY,
    "lovgrundlag": SectionKind.OTHER,
    "retsgrundlag": SectionKind.OTHER,
    "høring": SectionKind.OTHER,
    "kommunikation": SectionKind.OTHER,
    "vurdering": SectionKind.OTHER,
    "tidsplan": SectionKind.OTHER,
    "borgmesterens afdelings påtegning": SectionKind.OTHER,
}


# "Byrådets beslutning", "Økonomiudvalgets beslutning", "Beslutning i Økonomiudvalget" (undated variants).
_BODY_DECISION = re.compile(r"^(?:[\wæøå-]+s beslutning|beslutning i [\wæøå ,()-]{3,80})$")
# "Beslutning: Godkendt." / "Indstilling: Forvaltningen indstiller ..." (heading and text on one line).
INLINE_HEADING = re.compile(r"^\**([A-ZÆØÅa-zæøå][\wæøå ]{2,40}?)\**:\s+\S")


def section_kind_of(heading: str) -> SectionKind | None:
    """The kind of a stand-alone section heading, or None when the line is not one."""
    key = re.sub(r"\s+", " ", heading.strip().strip("*").rstrip(":").strip()).lower()
    if key in SECTION_HEADINGS:
        return SECTION_HEADINGS[key]
    return SectionKind.DECISION if _BODY_DECISION.match(key) else None


def inline_section_kind(line: str) -> SectionKind | None:
    """The kind of a line that opens with a section heading and its text ('Beslutning: Godkendt.')."""
    match = INLINE_HEADING.match(line.strip())
    return SECTION_HEADINGS.get(match[1].strip().lower()) if match else None


# Memo sections inside an Aarhus "Indstilling" enclosure: "1. Resume", "2. Beslutningspunkter".
MEMO_HEADING = re.compile(r"^\d\.\s+([A-ZÆØÅ][^.]{2,60})$")

# "Beslutning for Punkt 4: Title" (Aarhus portal PDF).
DECISION_FOR_ITEM = re.compile(r"^\**\s*Beslutning for Punkt\s+(\d+)\s*[:.]\s*(.*?)\**$", re.IGNORECASE)
# "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1" (Ballerup),
# "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013" (Syddjurs).
DATED_DECISION = re.compile(r"^(?:Beslutning\b|\S.*\bbeslutning\b).*\bden\s+(\d{1,2}[.-]\d{1,2}[.-]\d{4})", re.IGNORECASE)

# Agenda item heading: "Punkt 3: Title", "**Punkt 4: Title**".
PUNKT_HEADING = re.compile(r"^\**\s*Punkt\s+(\d+)\s*:\s*(.*?)\s*\**$")
# Numbered heading "2. Title" / "715. Title": an item only when a table of contents lists it or a case
# number follows it.
NUMBERED_HEADING = re.compile(r"^(\d{1,4})\.\s+(\S.*?)\s*$")
# "Punkt 3. Title", "Pkt. 3 - Title": accepted only where a table of contents lists the item (a report's
# "Punkt 5. B Borger er ..." is not an item).
LOOSE_PUNKT_HEADING = re.compile(r"^\**\s*(?:Punkt|Pkt\.?)\s+(\d+)\s*[.:\-–]?\s+(.+?)\s*\**$")

# Tables of contents.
TOC_HEADINGS = {"indhold", "indholdsfortegnelse", "mødeindhold"}
TOC_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:\.{3,}\s*|\t\s*|,\t\s*|\s{2,}|\s)(?P<page>\d{1,3})\s*$")
CATEGORY_LINE = re.compile(r"^Kategori\s*-\s*(.+)$")

CLOSED_TITLE = re.compile(r"^\s*Lukket\b", re.IGNORECASE)

# Case numbers: KLE journal numbers (15.20.00-Ø34-1-19), Aarhus EMN-2022-508585, Greve 21-014448.
CASE_NUMBER_LINE = re.compile(
    r"^(?:(?:Sagsnr|Sagsnummer|Sag)\.?:?\s*)?"
    r"(\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}|EMN-\d{4}-\d+|\d{2}/\d{4,6}(?:-\d+)?|\d{4}-\d{3,6}|\d{2}-\d{6})\s*$"
)
CASE_NUMBER_LABEL = re.compile(r"^(?:Sagsnr|Sagsnummer|Sag)\.?:\s*(\S.*)$")

# Aarhus "Indstilling" memo enclosure: "Indstilling" then "Til ..." / "Fra ..." / "Dato ...".
MEMO_START = "indstilling"
MEMO_FIELD = re.compile(r"^(Til|Fra|Dato)\s+\S")
# "Side 1 af 6": the first page of a document enclosed in the minutes.
FIRST_PAGE_MARK = re.compile(r"^Side 1 af \d+$")
# Enclosed committee agendas.
ENCLOSED_AGENDA = re.compile(r"^(Emne:|Em-\s*(ne:)?|Dagsorden med beslutningsgrundlag)")

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_MONTH_RE = "|".join(MONTHS)
DATE_NUMERIC = re.compile(r"\b(\d{1,2})[-.](\d{1,2})[-.](\d{4})\b")
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
TIME = re.compile(r"\bkl\.?\s*(\d{1,2})[:.](\d{2})\b|\b(\d{1,2}):(\d{2})\b", re.IGNORECASE)  # "kl. 16.45", "16:00"
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def parse_date(text: str) -> date | None:
    """The first date in the text: 14-01-2020, 04.12.2012, 14. januar 2020, 2022-01-10."""
    candidates = []
    for match in DATE_NUMERIC.finditer(text):
        candidates.append((match.start(), int(match[3]), int(match[2]), int(match[1])))
    for match in DATE_WORDS.finditer(text):
        candidates.append((match.start(), int(match[3]), MONTHS[match[2].lower()], int(match[1])))
    for match in DATE_ISO.finditer(text):
        candidates.append((match.start(), int(match[1]), int(match[2]), int(match[3])))
    for _, year, month, day in sorted(candidates):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def parse_time(text: str) -> str | None:
    match = TIME.search(text)
    if not match:
        return None
    hour, minute = (match[1], match[2]) if match[1] else (match[3], match[4])
    return f"{int(hour):02d}:{minute}" if int(hour) <= 23 else None


# Words that say nothing about which item an enclosure belongs to.
TITLE_STOPWORDS = {
    "og", "i", "om", "af", "til", "for", "fra", "på", "med", "den", "det", "de", "en", "et", "vedr", "ved",
    "orientering", "punkt", "status", "dagsorden", "referat", "indstilling", "sag", "sagen", "ml", "samt", "efter", "som", "er", "der",
}

KOMMUNE = re.compile(r"\b([A-ZÆØÅ][\wæøåÆØÅ-]+) Kommune\b")
RAADHUS = re.compile(r"\b([A-ZÆØÅ][\wæøåÆØÅ-]+) Rådhus\b")  # "Ballerup Rådhus": the municipality when no "Kommune" is named
