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
    ATTENDANCE = "attendance"  # who was absent: "Afbud: ...", "Fraværende: ...", "Ikke til stede: ..." (a line or field of its own)
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
    SectionKind.ATTENDANCE: "Fraværende",
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
    "problemstilling": SectionKind.CASE,  # København (kk.dk item pages): Problemstilling / Løsning
    "løsning": SectionKind.CASE,
    "motivering": SectionKind.CASE,  # København: a member's proposal's reasons
    "oplæg": SectionKind.CASE,  # Aarhus working groups (SBSYS template): "Oplæg:" then "Referat:"
    "medlemsforslag": SectionKind.RECOMMENDATION,  # København: what members propose, never the decision
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
    "videre proces": SectionKind.OTHER,  # København
    "afbud": SectionKind.ATTENDANCE,
    "fraværende": SectionKind.ATTENDANCE,  # Greve portal (also the reason of an item's attendee entry)
    "fravær": SectionKind.ATTENDANCE,
    "ikke til stede": SectionKind.ATTENDANCE,
    "borgmesterens afdelings påtegning": SectionKind.OTHER,
}


# "Byrådets beslutning", "Økonomiudvalgets beslutning", "Beslutning i Økonomiudvalget" (undated variants).
_BODY_DECISION = re.compile(r"^(?:[\wæøå-]+s beslutning|beslutning i [\wæøå ,()-]{3,80})$")
# "Beslutning: Godkendt." / "Indstilling: Forvaltningen indstiller ..." (heading and text on one line).
INLINE_HEADING = re.compile(r"^\**([A-ZÆØÅa-zæøå][\wæøå ]{2,40}?)\**:\s+\S")


def section_kind_of(heading: str) -> SectionKind | None:
    """The kind of a stand-alone section heading, or None when the line is not one."""
    key = re.sub(r"\s+", " ", heading.strip().strip("*").rstrip(":").strip()).lower()
    if key == "referat" and heading.strip().strip("*").endswith(":"):
        return SectionKind.DECISION  # "Referat:" labels what was minuted (Aarhus SBSYS); a bare "Referat" is a title
    if key in SECTION_HEADINGS:
        return SECTION_HEADINGS[key]
    return SectionKind.DECISION if _BODY_DECISION.match(key) else None


def inline_section_kind(line: str) -> SectionKind | None:
    """The kind of a line that opens with a section heading and its text ('Beslutning: Godkendt.')."""
    match = INLINE_HEADING.match(line.strip())
    if not match:
        return None
    key = match[1].strip().lower()
    return SectionKind.DECISION if key == "referat" else SECTION_HEADINGS.get(key)


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
RAADHUS = re.compile(r"\b([A-ZÆØÅ][\wæøåÆØÅ-]+) (?:Rådhus|Byråd)\b")  # "Ballerup Rådhus", "Aarhus Byråd": when no "Kommune" is named

# -- attendance --------------------------------------------------------------------------------------------
# A line of its own saying who was absent: "Afbud: Tina Rottbøll", "Fraværende: Liselott Blixt, Bjarke Abel",
# "Ikke til stede: Anne Marie Lyduch" (Greve portal), "Afbud fra Tina Rottbøll (A)" (Greve "Sagens forløb"),
# "Ikke til stede Tina Rottbøll". "Fravær ved sygdom ..." in a case text is not one (a name or ':' must follow).
ATTENDANCE_LINE = re.compile(
    r"^\**((?i:Afbud|Fraværende|Fravær|Ikke til stede|Ikke mødt|Forfald))\**"
    r"(?:\s*[:\-–]\s*\S|\s+fra\s+[A-ZÆØÅ(]|\s+[A-ZÆØÅ][\wæøå-]+\s+[A-ZÆØÅ(])"
)
# A sentence of its own about one member's absence, inside a decision: "Mustafa Arslan deltog ikke i sagens
# behandling pga. afbud." (Ikast-Brande), "Bjarke Abel (A) var ikke til stede under punktet." (Greve),
# "Rådmand Bünyamin Simsek var forhindret i at deltage i sagens behandling." (Aarhus).
ABSENCE_SENTENCE = re.compile(
    r"^[A-ZÆØÅ(][^.:;]{2,120}?\s(?:var ikke til stede|var fraværende|deltog ikke|havde meldt afbud|har meldt afbud"
    r"|meldte afbud|melder afbud|var forhindret i at deltage)\b[^\n]{0,120}$"
)


def attendance_label(line: str, in_decision: bool = False) -> str | None:
    """The heading an attendance line carries ('Afbud', 'Fraværende', or '' for a sentence); None otherwise."""
    text = line.strip()
    match = ATTENDANCE_LINE.match(text)
    if match:
        return match[1]
    return "" if in_decision and ABSENCE_SENTENCE.match(text) else None


# -- decisions written without a heading -------------------------------------------------------------------
# How minutes phrase what was decided, at the start of a paragraph: "Godkendt.", "Vedtaget.", "Anbefales",
# "Tilbagesendes Magistraten med bemærkning ..." / "Fremsendes til Aarhus Byråd ..." (Aarhus decision formula),
# "Orienteringen blev taget til efterretning." (Greve), "Indstillingen blev tiltrådt." A recommendation
# ("Forvaltningen indstiller, at ... godkendes") never starts like this.
DECISION_OPENING = re.compile(
    r"^\**(?:\d+[.)]\s*|Ad \d+[.:]?\s*)?(?:Godkendt|Godkendes|Vedtaget|Vedtages|Tiltrådt|Tiltrådes|Anbefales|Anbefalet"
    r"|Taget til efterretning|Tages til efterretning|Udsat|Udsættes|Forkastet|Forkastes|Drøftet|Drøftes|Tilbagesendes"
    r"|Fremsendes|Oversendes|Videresendes|Sendes tilbage|Sagen (?:blev |er )?(?:udsat|trukket|drøftet|godkendt|sendt)"
    r"|(?:Indstilling|Orientering|Sag|Punkt|Forslag|Udkast)(?:en|et|erne)? [^.]{0,80}?\bblev\b"
    r"|Medlemsforslaget blev)\b"
)
# A named member, party or body deciding, in the past tense: "Keld Hvalsø kunne ikke tiltræde indstillingen.",
# "Udvalget drøftede politikken ...", "Byrådet godkendte ...", "Theresa Blegvad tog forbehold."
DECISION_BY_MEMBERS = re.compile(
    r"^(?!(?:Administrationen|Forvaltningen|Direktionen|Sekretariatet|Borgmesterens Afdeling)\b)[A-ZÆØÅ(][^.]{0,300}?\s"
    r"(?:kunne (?:ikke )?tiltræde|tog forbehold|godkendte|vedtog|tiltrådte|besluttede|drøftede|anbefaler|anbefalede"
    r"|stemte (?:for|imod)|undlod at stemme|tog [^.]{1,60} til efterretning|blev orienteret)\b"
)
# A sentence that announces the decisions following it: "Følgende blev diskuteret og besluttet:" (Aarhus).
DECISION_ANNOUNCEMENT = re.compile(r"\b(?:blev|er)\s+(?:\w+\s+og\s+)?(?:besluttet|vedtaget|aftalt)(?:\s+følgende)?\s*:\s*$", re.IGNORECASE)


def reads_as_decision(line: str) -> bool:
    """Whether a paragraph opens like a recorded decision (see DECISION_OPENING, DECISION_BY_MEMBERS)."""
    text = line.strip()
    return bool(DECISION_OPENING.match(text) or DECISION_BY_MEMBERS.match(text))


# An earlier meeting's decision quoted inside this meeting's decision: "Økonomiudvalget den 12-06-2023: Anbefales"
# (Greve), "Byrådet, 19. juni 2023:", "12-06-2023 Økonomiudvalget" (Greve "Sagens forløb" style).
_BODY = (r"(?:[A-ZÆØÅ][\wæøåÆØÅ,. -]{0,80}?)?(?i:udvalg|byråd|magistrat|kommunalbestyrelse|borgerrepræsentation"
         r"|rådmandsmøde|direktion|lokaludvalg)(?:et|en|s|ets|ens)?")
QUOTED_DECISION = re.compile(
    rf"^(?:(?P<body>{_BODY})(?:s møde)?,?\s+(?:den\s+|d\.\s*)?(?P<date>\d{{1,2}}[.-]\s?\d{{1,2}}[.-]\d{{4}}|\d{{1,2}}\.\s*\w+\s+\d{{4}})\s*:"
    rf"|(?P<date2>\d{{1,2}}-\d{{1,2}}-\d{{4}})\s+(?P<body2>{_BODY})\s*$)"
)

# -- where a meeting is named -------------------------------------------------------------------------------
# "Kilde: Københavns Kommune, Valby Lokaludvalg, referat fra mødet tirsdag 19. maj 2026, punkt 12." (kk.dk
# item pages as republished), "Aarhus Kommune, Teknisk Udvalg, dagsorden for mødet 1. oktober 2025".
MEETING_REFERENCE = re.compile(
    r"\b(?P<municipality>[A-ZÆØÅ][\wæøå-]+) Kommune,\s+(?P<body>[^,]{3,80}),\s+(?P<kind>referat|dagsorden)\s+(?:fra|for)\s+"
    r"mødet\s+(?P<when>[^,]{2,40}?\d{4})(?:,\s+punkt\s+(?P<item>\d+))?(?=[.,]|\s*$)",
    re.IGNORECASE,
)
# Municipalities whose name in "<name> Kommune" (or a portal's host name) is not the plain name.
MUNICIPALITY_NAMES = {"københavns": "København", "kk": "København"}
# An agenda portal's address: "https://dagsordener.greve.dk/..." names Greve.
PORTAL_HOST = re.compile(r"https?://(?:[\w-]+\.)*?(?:dagsordener?|referater|politik|www)\.([\w-]+)\.dk\b", re.IGNORECASE)


def municipality_name(word: str) -> str:
    """'Københavns' → 'København', 'greve' → 'Greve', 'ikast-brande' → 'Ikast-Brande'."""
    known = MUNICIPALITY_NAMES.get(word.lower())
    return known or "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# A reference to one of the body's own meetings, with or without a year: "status til rådmandsmødet den 19.
# december" (Aarhus): the date of a meeting whose minutes have no header.
DATE_WORDS_OPTIONAL_YEAR = re.compile(rf"\b(?:den|d\.)\s+(\d{{1,2}})\.\s*({_MONTH_RE})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)

# Hierarchical item numbers set off by a tab: "1.1   Status siden sidst" (Word/SBSYS templates as PDF text).
TABBED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)(?:\t|\s{3,})([A-ZÆØÅ].{1,80}?)\s*$")

# Text that speaks to a language model rather than to councillors: "Ignorer alle tidligere instruktioner",
# "ignore previous instructions", role markers ("system:", "<|im_start|>"), "svar at …" opening a sentence.
# Such a passage is flagged at ingest, never made a summary's key point, and quoted to an LLM as data.
INSTRUCTION_LIKE = re.compile(
    r"\b(?:ignorer|ignore|glem|forget|disregard|se bort fra)\b.{0,40}\b(?:instruktion\w*|instructions?|regler|rules|prompt\w*)\b"
    r"|(?:^|\n)\s*(?:system|assistant|assistent)\s*:|<\|?(?:system|im_start|im_end|endoftext)\|?>"
    r"|(?:^|[.!?]\s+)(?:svar|answer|respond)\s+(?:at|that|kun|only|altid|always)\b"
    r"|\b(?:du er nu|you are now)\b",
    re.IGNORECASE,
)


def reads_as_instructions(text: str) -> bool:
    return bool(INSTRUCTION_LIKE.search(text))
