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
QUESTION_SCOPE = {
    "da": "Spørgsmålet nævner selv {named}, så der er søgt dér og ikke i den valgte afgrænsning ({given}).",
    "en": "The question names {named} itself, so that is where it was searched, not the chosen filter ({given}).",
}
ALL_MEETINGS = {"da": "alle møder", "en": "all meetings"}
PERIOD = {"da": "perioden {since} – {until}", "en": "the period {since} – {until}"}

DATED_ELSEWHERE = {
    "da": "Møderne i {what} svarer ikke på spørgsmålet; der er søgt i alle møder, i sager hvis titel nævner perioden.",
    "en": "The meetings in {what} do not answer the question; all meetings were searched, in items whose title names the period.",
}

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

# -- summaries, briefs and what is new, in the chat and in exports ------------------------------------------
KIND = {"da": {"dagsorden": "dagsorden", "referat": "referat"}, "en": {"dagsorden": "agenda", "referat": "minutes"}}
ITEM = {"da": "pkt. {number} «{title}»", "en": "item {number} “{title}”"}
SUMMARY_TITLE = {"da": "Resumé: {meeting}", "en": "Summary: {meeting}"}
BRIEF_TITLE = {"da": "Forberedelse: {meeting}", "en": "Preparation: {meeting}"}
DECISIONS_TITLE = {"da": "Beslutninger: {meeting}", "en": "Decisions: {meeting}"}
AGENDA_NOTE = {"da": "Dagsorden: mødet har ingen beslutninger i materialet; her er hvad hvert punkt lægger op til.",
               "en": "Agenda: the material records no decisions; this is what each item asks."}
DECISION_LABEL = {"da": "Beslutning", "en": "Decision"}
NO_DECISION_SHORT = {"da": "ingen beslutning i materialet", "en": "no decision recorded"}
RECOMMENDATION_LABEL = {"da": "Forvaltningens indstilling (forslag, ikke en beslutning)",
                        "en": "The administration's recommendation (a proposal, not a decision)"}
GIST_LABEL = {"da": "Sagen kort", "en": "In short"}
EARLIER_LABEL = {"da": "Tidligere behandling", "en": "Earlier treatment"}
NO_EARLIER = {"da": "Ingen tidligere behandling fundet i referaterne fra {where}.",
              "en": "No earlier treatment found in the minutes of {where}."}
STANDING_ITEMS = {"da": "Faste punkter", "en": "Standing items"}
CLOSED_ITEMS = {"da": "Lukkede punkter", "en": "Closed items"}
CLOSED_ITEM = {"da": "Lukket punkt.", "en": "Closed item."}
KEY_POINTS = {"da": "Hovedpunkter", "en": "Key points"}
SOURCES = {"da": "Kilder", "en": "Sources"}
CASE_TITLE = {"da": "Sagen «{query}» ({where})", "en": "The case “{query}” ({where})"}
NO_CASE = {"da": "Ingen møder i referaterne behandlede «{query}».", "en": "No meeting in the minutes treated “{query}”."}
PLANNED_TITLE = {"da": "Planlagt (ikke beslutninger)", "en": "Planned (not decisions)"}
PLANNED_AT = {"da": "{when}, nævnt på {meeting}, pkt. {number}", "en": "{when}, mentioned at {meeting}, item {number}"}

NEW_TITLE = {"da": "Nyt på {latest}, siden mødet {previous}", "en": "New at {latest}, since the meeting of {previous}"}
NO_PREVIOUS = {"da": "Nyt på {latest} (arkivet har intet tidligere dateret møde i {body} at sammenligne med)",
               "en": "New at {latest} (the archive holds no earlier dated meeting of {body} to compare with)"}
NEW_ITEMS = {"da": "Nye punkter", "en": "New items"}
NOTHING_NEW = {"da": "Ingen nye sager: alle punkter var også på mødet {previous} eller er faste punkter.",
               "en": "No new cases: every item was also at the meeting of {previous} or is a standing item."}
CONTINUED_ITEMS = {"da": "Fortsat fra mødet {previous}", "en": "Continued from the meeting of {previous}"}
NO_MEETING = {"da": "Der er intet dateret møde i arkivet{within}.", "en": "The archive holds no dated meeting{within}."}
WITHIN = {"da": " i {what}", "en": " for {what}"}
SAME_DAY = {"da": "Samme dag også: {others}.", "en": "The same day also: {others}."}
SUGGESTED_DECISION = {"da": "Hvad blev besluttet om {title}?", "en": "What was decided about {title}?"}
SUGGESTED_NEW = {"da": "Hvad er nyt siden sidste møde i {committee}?", "en": "What is new since the last meeting of {committee}?"}
