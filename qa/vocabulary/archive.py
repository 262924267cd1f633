"""Questions about the archive itself rather than a subject in it: a meeting's summary ("Opsummer mødet den
14. januar 2020", "Giv et resumé af sidste møde", "Summarise the last meeting") and what is new since the last
meeting ("Hvad er nyt siden sidste møde i Beskæftigelsesudvalget?", "What's new since the last meeting?").

A summary is asked for with a summary word (opsummer, resumé, sammenfatning, summary, recap, overview) about a
meeting: a meeting word, the last meeting, or a date (`qa.question` adds the date and committee filters). A
question with a subject ("Hvad står der i resuméet af punktet om SOSU?") names no meeting and stays a subject
question. What is new is asked as a phrase ("hvad er nyt", "nyt siden", "what's new", "new since"): the word
"new" alone is a subject ("the new metro line", "nye valgsteder"), and so is "the new total".
"""

from __future__ import annotations

import re

from qa.vocabulary.words import content_stems, stem, tokens

# Words asking for a summary, matched on stems: "opsummer", "opsummering", "resumé", "resuméet", "sammenfat",
# "sammendrag", "summary", "summarise", "summarize", "recap", "overblik", "overview", "gennemgang".
_SUMMARY_WORDS = frozenset(stem(w) for w in (
    "opsummer", "opsummere", "opsummering", "opsummeringen", "resumé", "resume", "resuméet", "resumeet", "resumér",
    "sammenfat", "sammenfatte", "sammenfatning", "sammendrag", "sammendraget", "overblik", "gennemgang",
    "summary", "summarise", "summarize", "summarised", "summarized", "recap", "overview", "rundown",
))
# Words naming a meeting: "mødet", "møde", "udvalgsmødet", "byrådsmødet", "meeting", "session".
_MEETING_STEMS = frozenset(stem(w) for w in ("møde", "mødet", "møder", "meeting", "meetings", "session"))
# "sidste møde", "seneste møde", "forrige møde", "det nyeste møde", "the last / latest / most recent / previous
# meeting": the newest dated meeting in scope. ("Forrige" is the one before now, i.e. the last one held.)
_LATEST = re.compile(r"\b(?:sidste|seneste|forrige|nyeste|latest|last|most recent|previous|recent)\b", re.IGNORECASE)
# "Hvad er (der) nyt", "nyt siden", "nyt fra", "hvad er der sket siden", "nyheder", "what's new", "what is new",
# "new since", "what has changed / happened since".
_WHATS_NEW = re.compile(
    r"\bhvad\s+er\s+(?:der\s+)?nyt\b|\bnyt\s+(?:siden|fra)\b|\b(?:sket|ændret|nyt)\s+siden\b|\bnyheder(?:ne)?\b"
    r"|\bwhat(?:'s|\s+is|\s+are)\s+new\b|\bnew\s+since\b|\bwhat\s+(?:has\s+)?(?:changed|happened)\s+since\b",
    re.IGNORECASE)
# Words that ask for the archive's own view and say nothing of a subject: the cues above, imperatives and the
# form of the answer ("giv mig et kort resumé", "please give me a short summary"), "nyt", "siden", "sidste".
_REQUEST_STEMS = _SUMMARY_WORDS | _MEETING_STEMS | frozenset(stem(w) for w in (
    "giv", "lav", "skriv", "vis", "fortæl", "kort", "kortfattet", "hurtigt", "mig", "os", "venligst", "tak",
    "nyt", "nye", "nyheder", "nyhederne", "siden", "sidste", "seneste", "forrige", "nyeste", "sket", "ændret",
    "give", "write", "show", "tell", "me", "us", "please", "short", "brief", "quick", "new", "since", "last",
    "latest", "most", "recent", "previous", "changed", "happened",
))


def _stems(text: str) -> set[str]:
    words = tokens(text)
    # compounds ending in a meeting word: "udvalgsmødet", "byrådsmødet", "rådmandsmødet"
    return {stem(w) for w in words} | {stem(w[i:]) for w in words for i in range(3, len(w) - 3) if w[i:].startswith("møde")}


def asks_summary(text: str) -> bool:
    """A summary word in the question: "Opsummer ...", "Giv et resumé af ...", "Summarise ..."."""
    return bool(_stems(text) & _SUMMARY_WORDS)


def names_meeting(text: str) -> bool:
    """The question speaks of a meeting: "mødet", "sidste møde", "udvalgsmødet", "the meeting"."""
    return bool(_stems(text) & _MEETING_STEMS)


def asks_latest(text: str) -> bool:
    """The newest meeting: "sidste møde", "seneste møde", "the last meeting", "the most recent meeting"."""
    return bool(_LATEST.search(text))


def asks_whats_new(text: str) -> bool:
    """What is new since the last meeting: "Hvad er nyt siden sidste møde i ...", "What's new in ..."."""
    return bool(_WHATS_NEW.search(text))


def beyond_request(terms: set[str]) -> set[str]:
    """The stemmed terms of a question that say what it is about, the archive-request words left out: empty
    for "Giv et resumé af sidste møde", {"budget"} for "Hvad er nyt om budgettet?"."""
    return {t for t in terms if t not in _REQUEST_STEMS}


# The words of a meeting's own procedure, as item titles write them: "Godkendelse af dagsorden", "Referat",
# "Meddelelser", "Eventuelt", "Bordrunde", "Punkter til næste møde", "Gensidig orientering", "Orientering fra
# formanden / forvaltningen / direktøren", "Åbne / Lukkede meddelelser", "Underskriftsside", "Siden sidst".
# A title made of these words only is a standing item, never a case, however few meetings the archive holds
# ("Orientering om vintertjeneste" names a subject and is a case).
_PROCEDURE_STEMS = frozenset(stem(w) for w in (
    "godkendelse", "dagsorden", "dagsordenen", "referat", "referatet", "meddelelser", "meddelelse", "eventuelt",
    "bordrunde", "punkter", "punkt", "næste", "møde", "mødet", "gensidig", "orientering", "orienteringer",
    "åbne", "lukket", "lukkede", "underskriftsside", "underskrifter", "formanden", "formandens", "forvaltningen",
    "direktøren", "direktionen", "borgmesteren", "udvalgsformanden", "magistraten", "sager", "sidst", "siden", "nyt",
))


def procedural_title(title: str) -> bool:
    """An item title naming only the meeting's own procedure: "Godkendelse af dagsorden", "Meddelelser",
    "Orientering om udvalgsmødet" (a compound ending in a meeting word counts as one)."""
    stems = content_stems(title)
    return bool(stems) and all(s in _PROCEDURE_STEMS or s.endswith(stem("møde")) for s in stems)
