"""What a question or a claim asks for, and the words in the minutes that answer it.

Cue words are matched on stems (`words.stem`), so "besluttede", "beslutningen" and "besluttet" are one
cue. Patterns over the minutes' own sentences (votes, polarity, planned treatments) are matched on the
text as written, because their word order carries the meaning ("Imod stemte X", "vil blive behandlet").
"""

from __future__ import annotations

import re

from qa.types import QuestionKind
from qa.vocabulary.words import full_names, stem, tokens

# -- what kind of answer a question wants ------------------------------------------------------------
_KIND_WORDS = [  # the first kind whose words the question uses wins; matched on stems. A decision word
    # beats a recommendation word: "Godkendte udvalget indstillingen?" asks what was decided.
    (QuestionKind.VOTE, {"stemt", "stemte", "stemmer", "stemme", "stemmeafgivning", "voted", "vote", "votes", "undlod",
                         "abstained", "abstain", "abstention"}),
    (QuestionKind.DECISION, {"besluttet", "besluttede", "beslutning", "beslutningen", "vedtaget", "vedtog", "godkendt",
                             "godkendte", "godkendelse", "decided", "decision", "decide", "approved", "approve",
                             "resolved", "udfald", "udfaldet", "outcome", "konklusion", "konkluderede"}),
    (QuestionKind.RECOMMENDATION, {"indstilling", "indstillingen", "indstiller", "indstillede", "indstilles", "foreslog",
                                   "foreslår", "recommend", "recommended", "recommendation", "proposed", "proposal"}),
]
_KIND_STEMS = [(kind, {stem(w) for w in words}) for kind, words in _KIND_WORDS]
# "Hvad kom der ud af ...", "hvad kom udvalget frem til", "what came of ...": asks for the outcome.
_OUTCOME = re.compile(r"\bkom\b(?:\s+[\wæøå]+){0,3}?\s+(?:ud af|frem til)\b|\bwhat came of\b", re.IGNORECASE)
# Words that make a month or year in the question the meeting's date ("på mødet i januar 2023").
MEETING_WORDS = frozenset({"møde", "mødet", "møder", "meeting", "meetings", "rådmandsmødet", "udvalgsmødet", "byrådsmødet"})


def question_kind(text: str) -> QuestionKind:
    stems = {stem(w) for w in tokens(text)}
    kind = next((k for k, vocabulary in _KIND_STEMS if stems & vocabulary), QuestionKind.FACT)
    if kind is QuestionKind.FACT and _OUTCOME.search(text):
        return QuestionKind.DECISION
    return kind


# -- what a fact question wants ------------------------------------------------------------------------
_AMOUNT_WORDS = frozenset({  # "hvor meget", "hvor stort et beløb", "what did it cost"
    "meget", "stor", "stort", "størrelse", "beløb", "beløbet", "koste", "kostede", "koster", "pris", "udgift",
    "udgifter", "tilskud", "kr", "kroner", "mio", "procent", "pct",
    # the English twins of the Danish words, in the forms a question writes them ("how many" asks a count,
    # as "hvor mange" does; "how many kroner" asks an amount by its "kroner")
    "much", "large", "big", "size", "amount", "amounts", "cost", "costs", "costing", "costed", "price", "prices",
    "expense", "expenses", "expenditure", "grant", "grants", "subsidy", "subsidies", "spend", "spent", "spending",
    "percent", "percentage",
})
_HOW_MANY = re.compile(r"\bhvor mange\b|\bhow many\b|\bantal(?:let)?\b|\bnumber of\b", re.IGNORECASE)
_HOW_OFTEN = re.compile(r"\bhvor ofte\b|\bhow often\b|\bhvor tit\b", re.IGNORECASE)
_FREQUENCY = re.compile(r"\bhver\b|\bgang(?:e)? om\b|\bugentlig|\bmånedlig|\bårlig|\bkvartalsvis", re.IGNORECASE)
_WHEN_WORDS = frozenset({"hvornår", "dato", "datoen", "date", "frist", "fristen", "deadline", "tidspunkt", "tidspunktet"})
# English "when" asks a date as "hvornår" does when it opens the question or a clause of its own ("... and when?",
# "since when"); inside a sentence it joins a clause, as Danish "da" / "når" do ("Who was absent when the
# case was dealt with?" asks who, not when).
_ASKS_WHEN = re.compile(r"^\W*when\b|\bwhen\W*$|\b(?:and|since|until|by|from) when\b|[,;:]\s*when\b", re.IGNORECASE)


def asks_amount(text: str) -> bool:
    return bool(set(tokens(text)) & _AMOUNT_WORDS)


def asks_count(text: str) -> bool:
    return bool(_HOW_MANY.search(text))


def asks_date(text: str) -> bool:
    return bool(set(tokens(text)) & _WHEN_WORDS or _ASKS_WHEN.search(text))


def asks_frequency(text: str) -> bool:
    return bool(_HOW_OFTEN.search(text))


def states_frequency(sentence: str) -> bool:
    return bool(_FREQUENCY.search(sentence))


# -- votes in the minutes --------------------------------------------------------------------------------
# A sentence of a decision that records how members voted: "stemte imod", "undlod at stemme",
# "tog forbehold", "begærede sagen i Byrådet".
_VOTE_SENTENCE = re.compile(r"stem|imod|undlod|for stemte|tog forbehold|begærede", re.IGNORECASE)


def records_vote(sentence: str) -> bool:
    return bool(_VOTE_SENTENCE.search(sentence))


# -- conversations -----------------------------------------------------------------------------------------
# A question opening with these words continues the previous one (ellipsis): "og hvem stemte imod?",
# "men hvad kostede det?", "hvad med året før?", "and who voted against?".
_CONTINUATION = re.compile(r"^\s*(?:og|men|også|samt|and|but|also|hvad med|hvordan med|what about|how about)\b", re.IGNORECASE)
# Words pointing back at the previous question's subject: "hvad kostede det?", "hvem foreslog sagen?".
_ANAPHORA = frozenset({"det", "den", "dem", "dette", "denne", "disse", "sagen", "punktet", "beslutningen", "forslaget",
                       "it", "this", "that", "they", "them", "there"})
# Stems of words that say what kind of answer is wanted ("stemte", "imod", "hvor meget", "fraværende"),
# never what it is about.
_CUE_STEMS = frozenset(set().union(*(stems for _, stems in _KIND_STEMS)) | {stem(w) for w in (
    "imod", "for", "undlod", "hvem", "hvornår", "hvor", "hvorfor", "hvordan", "against", "who", "when", "why", "how",
    "fraværende", "fravær", "afbud", "manglede", "absent", "antal", "antallet", "mange", "many", "dato", "date",
    *_AMOUNT_WORDS)})


def continues_previous(text: str) -> bool:
    """Opens like a continuation of the previous question ("og ...", "hvad med ...")."""
    return bool(_CONTINUATION.match(text))


def points_back(text: str) -> bool:
    """Refers to the previous question's subject with a pronoun or "sagen"."""
    return bool(set(tokens(text)) & _ANAPHORA)


def subject_terms(terms: set[str] | tuple[str, ...]) -> set[str]:
    """The terms that say what a question is about (cue words for the kind of answer left out)."""
    return set(terms) - _CUE_STEMS
_PREVIOUS_YEAR = re.compile(r"året før|år før|forrige år|sidste år|the year before|previous year|a year earlier", re.IGNORECASE)
_NEXT_YEAR = re.compile(r"året efter|næste år|the year after|following year", re.IGNORECASE)


def year_shift(text: str) -> int:
    """-1 for "hvad med året før?", +1 for "året efter", else 0."""
    return -1 if _PREVIOUS_YEAR.search(text) else 1 if _NEXT_YEAR.search(text) else 0


# -- planned treatments and key points ------------------------------------------------------------------
# "Sagen vil blive behandlet på Rådmandsmøde d. 23. januar 2023", "forventes forelagt Byrådet": a plan,
# never a treatment or a decision.
_PLANNED = re.compile(r"\b(vil blive|skal|forventes|planlægges|planlagt|bliver)\b[^.]{0,80}\b(behandl|forelæg|godkend|drøft)",
                      re.IGNORECASE)
# What makes a sentence a key point of a meeting: votes, approvals, rejections, grants and amounts.
_SIGNAL = re.compile(
    r"stemme|stemte|imod|godkend|anbefal|forkast|udsat|udsæt|begærede|tiltr|vedtag|bevill|\d[\d.]*(?:,\d+)?\s*(?:kr|mio|mia|%)",
    re.IGNORECASE,
)


def plans_treatment(sentence: str) -> bool:
    return bool(_PLANNED.search(sentence))


def key_point_signals(sentence: str) -> int:
    """How many votes, approvals and amounts a sentence carries."""
    return len(_SIGNAL.findall(sentence))


# -- what a question asks for, and the sentences that carry it ---------------------------------------------
# "Hvem var fraværende / havde meldt afbud / manglede / var ikke med", "who was absent": attendance.
_ASKS_ATTENDANCE = re.compile(r"fravær|afbud|manglede|ikke med\b|deltog ikke|ikke til stede|absent|absence|missing|did not attend|"
                              r"not present|apologies",
                              re.IGNORECASE)
# "Afbud: Liselott Blixt", "Fraværende: ...", "X deltog ikke i behandlingen", "forlod mødet".
_RECORDS_ATTENDANCE = re.compile(r"\bafbud\b|\bfraværende\b|deltog ikke|forlod mødet|ikke til stede|\bsuppleant|\bstedfortræder",
                                 re.IGNORECASE)
_ASKS_PERSON = frozenset({"hvem", "who", "whom"})
# A party letter as votes are written: "(Ø)", "(A)", "Ø og V", "UP-1".
_PARTY_LETTER = re.compile(r"\([A-ZÆØÅ]{1,2}(?:-\d)?\)|\b(?:Imod stemte|Undlod|undlod at stemme)\b")
# A decision that only makes sense beside the recommendation it answers: "Anbefales.", "1.-3. godkendt",
# "indstillingspunkt 3", "som indstillet", "Godkendt." (approving what was proposed).
_REFERS_TO_RECOMMENDATION = re.compile(
    r"indstill|\b(?:punkt|pkt)\.?(?:erne)?\s*\d|\bforslaget\b|^\s*-?\s*\d+\s*[.)]|\b\d+\.?\s*[-–]\s*\d+\.", re.IGNORECASE | re.MULTILINE)


def asks_attendance(text: str) -> bool:
    return bool(_ASKS_ATTENDANCE.search(text))


def records_attendance(sentence: str) -> bool:
    return bool(_RECORDS_ATTENDANCE.search(sentence))


def asks_person(text: str) -> bool:
    return bool(set(tokens(text)) & _ASKS_PERSON)


def names_person(sentence: str) -> bool:
    """A person or a party named as the minutes name them in votes and attendance."""
    return bool(full_names(sentence) or _PARTY_LETTER.search(sentence))


def refers_to_recommendation(decision: str) -> bool:
    """Whether a decision points at the recommendation ("Anbefales", "punkt 1-3 godkendt"), or is too short
    to say what it decided ("Godkendt.")."""
    return len(decision.strip()) <= 60 or bool(_REFERS_TO_RECOMMENDATION.search(decision))


# -- what a question presupposes happened ------------------------------------------------------------------
# A question about an event in a thing's life ("Hvad blev Greve Rådhus solgt for?", "Hvad endte renoveringen
# af Greve Bibliotek med at koste?", "Hvornår skal skateparken stå færdig?") presupposes the event: only an
# agenda item that speaks of it answers, never one about the thing alone. Each event: the words a question
# names it by (Danish and English, matched on stems), and the beginnings of the minutes' words for it, found
# as a word (its stem), an inflection or derivation the stemmer leaves ("ombyg" + "ning"), or the head of a
# compound, which names what the compound is ("frasalg", "genåbning"); never a compound's first part: an
# "åbningstid" is a time, a "salgspris" a price. The meeting's own acts (behandle, drøfte, godkende) are no
# such events.
_EVENTS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("solgt", "solgte", "sælge", "sælges", "salg", "salget", "frasalg", "afhændet", "afhænde", "afhændelse",
      "sold", "sell", "sale", "selling"),
     ("salg", "sælge", "solgt", "afhænd")),
    (("købt", "købte", "købe", "købes", "købet", "opkøbt", "bought", "buy", "buying", "purchase", "purchased"),
     ("købe", "købt", "opkøb")),
    (("renovering", "renoveringen", "renovere", "renoveres", "renoveret", "ombygning", "ombygningen", "ombygget",
      "ombygges", "istandsættelse", "istandsættelsen", "modernisering", "moderniseringen", "renovation", "renovate",
      "renovated", "refurbishment", "refurbished"),
     ("renover", "ombyg", "istandsæt", "moderniser", "restaurer")),
    (("opført", "opføre", "opføres", "opførelse", "opførelsen", "bygget", "bygges", "nybyggeri", "built", "build",
      "construct", "constructed", "construction"),
     ("opføre", "opført", "bygge", "nybyg", "anlæg", "etabler")),
    (("færdig", "færdigt", "færdige", "færdiggjort", "færdiggøres", "færdiggørelse", "færdiggørelsen", "finished",
      "completed", "completion"),
     ("færdig", "afslut", "aflever", "ibrugtag", "indvi")),
    (("åbne", "åbner", "åbnes", "åbnet", "åbning", "åbningen", "indviet", "indvies", "indvielse", "indvielsen", "open",
      "opens", "opened", "opening", "inaugurated"),
     ("åbne", "åbnin", "genåbn", "indvi", "ibrugtag")),
    (("lukke", "lukkes", "lukket", "lukning", "lukningen", "nedlægge", "nedlægges", "nedlagt", "nedlæggelse",
      "nedlæggelsen", "close", "closed", "closing", "closure"),
     ("lukke", "lukning", "nedlæg", "nedlagt", "afvikl")),
    (("nedrive", "nedrives", "nedrevet", "nedrivning", "nedrivningen", "demolish", "demolished", "demolition"),
     ("nedriv", "nedrev")),
]
_EVENT_STEMS = [(frozenset(stem(w) for w in asked), frozenset(written)) for asked, written in _EVENTS]
MIN_EVENT_PART = 4  # letters a beginning needs to be found in a longer word ("salg" in "frasalg", not "byg")
MAX_ENDING = 4  # letters an inflection or derivation may add to a beginning ("ombyg" + "ning", "færdig" + "gør")
# A capitalised word after a preposition of place: "skatepark i Karlslunde", "swimming pool in Tune".
_PLACED = re.compile(r"\b(?:i|ved|in|at|near)\s+([A-ZÆØÅ][\wæøåÆØÅ-]*)")


def asked_events(text: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The events a question presupposes: per event, the question's stems that name it and the minutes'
    words for it (`speaks_of_event`)."""
    stems = {stem(w) for w in tokens(text)}
    return [(stems & asked, written) for asked, written in _EVENT_STEMS if stems & asked]


def speaks_of_event(present: set[str], written: frozenset[str]) -> bool:
    """Whether a text's stems hold one of an event's words: as a stem, or a beginning of at least
    MIN_EVENT_PART letters with an ending of at most MAX_ENDING letters ("ombygning") or closing a compound
    ("frasalg", "genåbning")."""
    stems = {stem(w) for w in written}
    return bool(present & stems) or any((s.startswith(w) and len(s) - len(w) <= MAX_ENDING) or s.endswith(w)
                                        for s in present for w in written if len(w) >= MIN_EVENT_PART)


def placed_names(text: str) -> set[str]:
    """Stems of the capitalised words a question places its subject in ("i Karlslunde", "in Tune"): where,
    not what it is about."""
    return {stem(w) for name in _PLACED.findall(text) for w in tokens(name)}
