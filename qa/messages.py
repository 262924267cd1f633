"""Fixed sentences of the answers, in Danish and English. The "not found" answer is a named constant that
tests and the app rely on; it always says what was searched."""

from __future__ import annotations

NOT_FOUND = {
    "da": "Det fremgår ikke af referaterne.",
    "en": "This is not in the minutes.",
}
SEARCHED = {
    "da": "Søgt i {meetings} møde(r): {bodies}{period}.",
    "en": "Searched {meetings} meeting(s): {bodies}{period}.",
}
NO_DOCUMENTS = {
    "da": "Der er endnu ingen referater i søgeindekset.",
    "en": "No minutes have been added to the search index yet.",
}
DECIDED = {
    "da": "{where}, pkt. {number} «{title}»: {text}",
    "en": "{where}, item {number} “{title}”: {text}",
}
NO_DECISION = {
    "da": "{where}, pkt. {number} «{title}»: der står ingen beslutning i materialet.",
    "en": "{where}, item {number} “{title}”: the material records no decision.",
}
RECOMMENDATION = {
    "da": "Forvaltningens indstilling (et forslag, ikke udvalgets beslutning): {text}",
    "en": "The administration's recommendation (a proposal, not the committee's decision): {text}",
}
ACCORDING_TO = {
    "da": "Ifølge {where}, pkt. {number} «{title}»: {text}",
    "en": "According to {where}, item {number} “{title}”: {text}",
}
UNDATED = {"da": "udateret møde", "en": "undated meeting"}
DATE_INFERRED = {"da": "dato udledt af teksten", "en": "date inferred from the text"}
MEETING_OF = {"da": "{committee} {date}", "en": "{committee} {date}"}


def meeting_label(source, language: str) -> str:
    """'Randers, Beskæftigelsesudvalget 14-01-2020' for a SourceRef or a MeetingRow."""
    when = source.meeting_date.strftime("%d-%m-%Y") if source.meeting_date else UNDATED[language]
    if source.meeting_date and getattr(source, "date_inferred", False):  # a headerless meeting
        when += f" ({DATE_INFERRED[language]})"
    where = ", ".join(p for p in (source.municipality, source.committee) if p)
    return f"{where} {when}".strip()

NO_MEETINGS_FOR = {
    "da": "Ingen møder i {what}; der er søgt i alle møder.",
    "en": "No meetings match {what}; all meetings were searched.",
}
PERIOD = {"da": "perioden {since} – {until}", "en": "the period {since} – {until}"}

REFERRED_RECOMMENDATION = {
    "da": "Beslutningen henviser til forvaltningens indstilling (forslaget, ikke beslutningen): {text}",
    "en": "The decision refers to the administration's recommendation (the proposal, not the decision): {text}",
}
DETAILS = {"da": "Af sagen fremgår: {text}", "en": "The case says: {text}"}
ITEM_DECISION = {"da": "Beslutning: {text}", "en": "Decision: {text}"}
ALSO_TREATED = {
    "da": "Samme sag, {where}, pkt. {number} «{title}»: {text}",
    "en": "The same case, {where}, item {number} “{title}”: {text}",
}

OUTSIDE_ARCHIVE = {
    "da": "Referaterne omfatter ikke {names}.",
    "en": "The minutes do not cover {names}.",
}
VERDICT_LABEL = {  # a fact-check's verdict in the claim's language
    "da": {"supported": "Bekræftet", "contradicted": "Modsagt", "partly_supported": "Delvist bekræftet",
           "not_found": "Ikke i referaterne"},
    "en": {"supported": "Supported", "contradicted": "Contradicted", "partly_supported": "Partly supported",
           "not_found": "Not in the minutes"},
}
