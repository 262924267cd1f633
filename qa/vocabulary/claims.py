"""The language of claims, and of the minutes' sentences a claim is checked against.

- amounts as claims state them, with their hedges: "godt 10 %" (a little over), "knap 430.000 kr." (a
  little under), "ca. 640 mio. kr.", ranges ("1,5-2 mio. kr.", "DKK 3-4 million") and English decimals
  ("41.7%"); the minutes' "429.691,00 kr." is 429.691 kr.;
- votes as the minutes record them: counts ("17 for og 3 imod", "20 for og ingen imod", "9 to 8"), who
  voted against or abstained, by party letter ("Imod stemte (Ø)", "Undlod: Ø", "A og Ø") or by name;
  parties as claims name them ("Enhedslisten", "SF", "De Konservative") are their letters;
- what a claim says was done and what a decision says was done (approved, rejected, noted, postponed,
  sent on), with the hedged forms of Greve-style decisions ("Kan ikke anbefales", "oversendes til
  budgetforhandlingerne", "sagen sendes tilbage");
- a statement the decision negates ("ønsker ikke at fastsætte måltal" against "fastsatte et måltal");
- the reason a claim gives ("fordi ...", "idet ...") and attendance ("deltog ikke", "Afbud", "Fraværende").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from qa.vocabulary.dates import MONTHS
from qa.vocabulary.words import stem, tokens

# -- amounts ---------------------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_SCALE = r"mio\.?|millioner|million|mia\.?|milliarder|milliard|billion"
_CURRENCY = r"kr\.?|kroner|dkk"
_PERCENT = r"%|pct\.?|procent|percent"
_HEDGE = r"godt|lidt over|over|mere end|mindst|more than|at least|knapt|knap|næsten|lidt under|under|nearly|almost|just under|" \
         r"ca\.?|cirka|omkring|about|around|approximately|approx\.?|roughly"
AMOUNT_TEXT = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?(?:(?P<pre>{_CURRENCY})\s*\**)?(?P<low>{_NUM})(?:\s*(?:-|–|til|to)\s*(?P<high>{_NUM}))?"
    rf"\s*(?:(?P<scale>{_SCALE})\s*)?(?P<unit>{_CURRENCY}|{_PERCENT})?(?![\w])",
    re.IGNORECASE)
# "pr. time", "per time", "i timen", "om året", "årligt", "pr. byggesag", "a year", "per hour"
_RATE = re.compile(r"\s*(?:(?:pr\.?|per|a|an)\s+([a-zæøå]{2,})|(?:i|om)\s+(timen|året|måneden|ugen|døgnet)|(årligt|månedligt|"
                   r"ugentligt|yearly|annually))\b", re.IGNORECASE)
_RATE_WORDS = {stem("timen"): stem("time"), stem("året"): stem("år"), stem("årligt"): stem("år"), "hour": stem("time"),
               "year": stem("år"), "annual": stem("år"), "yearly": stem("år"), stem("måneden"): stem("måned"),
               stem("månedligt"): stem("måned"), "month": stem("måned")}
_ABOVE = {"godt", "lidt over", "over", "mere end", "mindst", "more than", "at least"}
_BELOW = {"knap", "knapt", "næsten", "lidt under", "under", "nearly", "almost", "just under"}


@dataclass(frozen=True)
class Amount:
    """An amount as stated: its value range in kroner (or per cent), how it is hedged, and where it sits."""

    low: float
    high: float
    unit: str  # "kr" or "%"
    hedge: str  # "", "above" ("godt"), "below" ("knap"), "about" ("ca."), "rounded" (a figure in millions)
    text: str
    start: int
    end: int
    per: str = ""  # the rate: "time" for "771 kr. pr. time" / "i timen", "år" for "årligt", "byggesag"

    def show(self) -> str:
        def one(value: float) -> str:
            if self.unit == "%":
                return f"{value:g} %".replace(".", ",")
            if value >= 1_000_000 and self.hedge in ("about", "rounded"):
                return f"{value / 1_000_000:g}".replace(".", ",") + " mio. kr."
            return f"{value:,.0f} kr.".replace(",", ".")
        shown = one(self.low) if self.low == self.high else f"{one(self.low)}–{one(self.high)}"
        return f"{shown} pr. {self.per}" if self.per else shown


def _number(text: str, english: bool) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    if english and "." in text:
        return float(text)
    return float(text.replace(".", "").replace(",", "."))


def amounts_in(text: str, english: bool = False) -> list[Amount]:
    """The amounts of a text, with their hedges; a number without a currency, scale or per cent is not one."""
    found = []
    for m in AMOUNT_TEXT.finditer(text):
        scale, unit, pre = (m["scale"] or "").lower(), (m["unit"] or "").lower(), (m["pre"] or "").lower()
        if not (scale or unit or pre):
            continue
        percent = bool(unit) and bool(re.fullmatch(_PERCENT, unit, re.IGNORECASE))
        factor = 1.0
        if scale.startswith(("mio", "million")):
            factor = 1_000_000
        elif scale.startswith(("mia", "milliard", "billion")):
            factor = 1_000_000_000
        low = _number(m["low"], english) * factor
        high = _number(m["high"], english) * factor if m["high"] else low
        hedge_word = (m["hedge"] or "").lower().rstrip(".")
        hedge = ("above" if hedge_word in _ABOVE else "below" if hedge_word in _BELOW
                 else "about" if hedge_word else "rounded" if factor > 1 and not percent else "")
        rate = _RATE.match(text, m.end())
        per = next((stem(g.lower()) for g in rate.groups() if g), "") if rate else ""
        per = _RATE_WORDS.get(per, per)
        found.append(Amount(low, high, "%" if percent else "kr", hedge, m[0].strip(), m.start(), m.end(), per))
    return found


def same_amount(claimed: Amount, stated: Amount) -> bool:
    """Whether a stated amount bears out a claimed one: exact, or within the claim's hedge ("godt 10 %" is
    10 to 11.5 %, "knap 430.000" 387.000 to 430.000, "ca." and millions within 5 % and 1 %)."""
    if claimed.unit != stated.unit or (claimed.per and stated.per and claimed.per != stated.per):
        return False

    def fits(c: float, s: float) -> bool:
        if claimed.hedge == "above":
            return c <= s <= c * 1.15
        if claimed.hedge == "below":
            return c * 0.9 <= s <= c
        if claimed.hedge == "about":
            return abs(c - s) <= 0.05 * max(c, s)
        if "rounded" in (claimed.hedge, stated.hedge):
            return abs(c - s) <= 0.01 * max(c, s)
        return c == s
    return fits(claimed.low, stated.low) and fits(claimed.high, stated.high)


# -- quantities ------------------------------------------------------------------------------------------
# "120 pladser", "72 boliger", "nr. 18", "98 kommuner": a number and the noun it counts.
QUANTITY_TEXT = re.compile(r"(?<![\d.,])(\d+(?:\.\d{3})*)\s+([a-zæøå]{4,})", re.IGNORECASE)
_RANK = re.compile(r"\bnr\.?\s*(\d+)|\bnumber\s+(\d+)|\b(\d+)\.\s*plads", re.IGNORECASE)


def quantities_in(text: str) -> list[tuple[str, str, int]]:
    """(number, noun stem, position) of counted things; years and amounts are not quantities."""
    out = []
    for m in QUANTITY_TEXT.finditer(text):
        number, noun = m[1], m[2].lower()
        if re.fullmatch(r"(19|20)\d\d", number) or re.match(rf"{_SCALE}|{_CURRENCY}|{_PERCENT}|stemm|for\b|imod", noun, re.IGNORECASE):
            continue
        out.append((number, stem(noun), m.start()))
    for m in _RANK.finditer(text):
        out.append((next(g for g in m.groups() if g), "nr", m.start()))
    return out


# -- votes -----------------------------------------------------------------------------------------------
PARTIES = {  # how claims name parties → the letter the minutes use
    "socialdemokratiet": "A", "socialdemokraterne": "A", "radikale": "B", "konservative": "C", "konservatives": "C",
    "nye borgerlige": "D", "sf": "F", "socialistisk folkeparti": "F", "liberal alliance": "I", "moderaterne": "M",
    "dansk folkeparti": "O", "venstre": "V", "enhedslisten": "Ø", "danmarksdemokraterne": "Æ", "alternativet": "Å",
    "social democrats": "A", "red-green alliance": "Ø", "liberals": "V", "conservatives": "C",
}
_PARTY_NAME = re.compile(r"\b(?:De\s+|Det\s+)?(" + "|".join(sorted((re.escape(p) for p in PARTIES), key=len, reverse=True))
                         + r")(?:\s+Folkeparti)?\b", re.IGNORECASE)
_LETTER = r"[A-ZÆØÅ]{1,2}(?:-\d)?"
_LETTERS = rf"\(?{_LETTER}\)?(?:\s*(?:,|og|and)\s*\(?{_LETTER}\)?)*"
_COUNT_WORDS = {"ingen": 0, "ét": 1, "et": 1, "en": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "no": 0}
_VOTE_COUNT = re.compile(
    r"(\d+)\s+(?:stemm?er?\s+)?for\b(?:\s*,)?\s*(?:og|mod|and|,)?\s*(\d+|ingen)\s+(?:stemm?er?\s+)?imod"
    r"|(\d+)\s+(?:stemm?er?\s+)?(?:mod|to|against)\s+(\d+)\b"
    r"|voted\s+(\d+)\s+to\s+(\d+)", re.IGNORECASE)
_FOR_ONLY = re.compile(r"(\d+)\s+stemm?er\s+for\b|(\d+)\s+votes?\s+in\s+favou?r", re.IGNORECASE)
# "Imod stemte (Ø)", "Imod stemte: A og Ø", "stemte imod: ...", "(Ø) stemte imod", "X (A) og Y (A) stemte imod"
_AGAINST_AFTER = re.compile(rf"(?:Imod stemte|stemte imod|Imod)\s*:?\s*({_LETTERS})(?![\wæøå])")
_ABSTAIN_AFTER = re.compile(rf"(?:Undlod(?:\s+at\s+stemme)?|Undlader|Hverken for eller imod)\s*:?\s*({_LETTERS})(?![\wæøå])")
_BEFORE_VERB = re.compile(rf"((?:\(?{_LETTER}\)?|[A-ZÆØÅ][a-zæøå]+)(?:[^.\n]{{0,200}}?))\s+(stemte imod|stemmer imod|undlod at stemme|"
                          rf"undlod at tage stilling|undlod)")
_LETTER_IN = re.compile(rf"\(({_LETTER})\)|(?<![\wæøå]){_LETTER}(?![\wæøå])")
_NO_AGAINST = re.compile(r"uden stemmer imod|ingen stemte imod|ingen imod|without (?:any )?votes against|no votes against|"
                         r"nobody voted against|no one voted against", re.IGNORECASE)
_UNANIMOUS = re.compile(r"\benstemmig|\bunanim|\balle stemte for\b|\buden stemmer imod", re.IGNORECASE)
_ONLY = re.compile(r"\b(?:kun|alene|only|udelukkende)\b", re.IGNORECASE)
_CLAIM_AGAINST = re.compile(r"stemte imod|voted against|imod stemte", re.IGNORECASE)
_CLAIM_ABSTAIN = re.compile(r"undlod|abstain", re.IGNORECASE)


def vote_count(text: str) -> tuple[int, int] | None:
    m = _VOTE_COUNT.search(text)
    if not m:
        return None
    values = [g for g in m.groups() if g is not None]
    return int(values[0]), _COUNT_WORDS.get(values[1].lower(), None) if not values[1].isdigit() else int(values[1])


def votes_for(text: str) -> int | None:
    """A claim's count of votes for without a count against ("med 17 stemmer for")."""
    m = _FOR_ONLY.search(text)
    return int(next(g for g in m.groups() if g)) if m else None


def voters(claim: str) -> set[str]:
    """The parties a claim says voted ("Kun Enhedslisten stemte imod", "..., og kun SF stemte imod"): those
    named before the vote, in its clause."""
    m = re.search(r"stemte imod|stemte for|undlod|voted against|voted for|abstained", claim, re.IGNORECASE)
    if not m:
        return set()
    before = claim[: m.start()]
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(before)]
    return party_letters(before[breaks[-1] if breaks else 0:])


def party_letters(text: str) -> set[str]:
    """The parties a claim names ("Enhedslisten", "SF", "A og Ø") as the minutes' letters."""
    letters = {PARTIES[m[1].lower()] for m in _PARTY_NAME.finditer(text)}
    return letters | {m[1] or m[0] for m in _LETTER_IN.finditer(_PARTY_NAME.sub(" ", text))} - {"I"}


_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")


def _letters(group: str) -> set[str]:
    """Party letters in a vote line; where none are given, the surnames of the people named."""
    letters = {(m[1] or m[0]).split("-")[0] for m in _LETTER_IN.finditer(group)}
    return letters or {m[0].split()[-1] for m in _NAME.finditer(group)}


def is_vote_line(sentence: str) -> bool:
    """A sentence that records a vote rather than an outcome: "For stemte: ...", "Imod stemte (Ø) ...",
    "Torben Hoffmann (V) stemmer imod, idet ..."."""
    return bool(_VOTE_LINE.match(sentence) or _LEADING_LETTER.match(sentence)
                or (_BEFORE_VERB.match(sentence) and not decided_action(sentence.split("stem")[0])))


@dataclass
class VoteBlock:
    """One outcome in a decision and the vote printed under it: "1 c. Godkendt / For stemte: V, C / Imod
    stemte: A og Ø", or "Med stemmerne 17 for og 2 imod godkendte ... / Imod stemte: / (F) med bemærkning ..."."""

    outcome: str
    against: set[str]
    abstained: set[str]


_VOTE_LINE = re.compile(r"^\s*(For stemte\b|Imod stemte\b|For\s*:|Imod\s*:|Undlod(?: at stemme)?\b|Undlader\b)\s*:?\s*(.*)$", re.IGNORECASE)
_REMARK = re.compile(r"\s(?:med (?:fælles )?bemærkning|idet|da|fordi|,\s*idet)\b.*$|[”\"“].*$", re.IGNORECASE)
_LEADING_LETTER = re.compile(rf"^\s*\(({_LETTER})\)")


# A vote printed after the outcome on the same line: "Taget til efterretning med 6 stemmer for og 1 stemme
# imod. Imod stemte Kasper Fuhr Christensen."
_VOTE_START = re.compile(r"(?<=[.!?])[ \t]+(?=(?:For stemte|Imod stemte|Undlod|Imod:|For:)\b)")


def vote_blocks(decision: str) -> list[VoteBlock]:
    """A decision's outcomes, each with who voted against and who abstained (party letters, or a name's
    first word where no letter is given)."""
    blocks: list[VoteBlock] = []
    mode = ""
    for line in _VOTE_START.sub("\n", decision).splitlines():
        if not line.strip():
            continue
        m = _VOTE_LINE.match(line)
        if not blocks:
            blocks.append(VoteBlock("", set(), set()))
        block = blocks[-1]
        if m:
            head = m[1].lower()
            mode = "for" if head.startswith("for") else "against" if head.startswith("imod") else "abstained"
            who = _letters(_REMARK.sub("", m[2]))
            if mode == "against":
                block.against |= who
            elif mode == "abstained":
                block.abstained |= who
            continue
        lead = _LEADING_LETTER.match(line)
        if lead and mode in ("against", "abstained"):
            (block.against if mode == "against" else block.abstained).add(lead[1].split("-")[0])
            continue
        verb = _BEFORE_VERB.search(line)
        if verb:
            who = _letters(verb[1]) or {verb[1].split()[0]}
            if decided_action(verb[1]):  # "Taget til efterretning med 6 stemmer for ..." is an outcome
                who = set()
            (block.against if "imod" in verb[2] else block.abstained).update(who)
            continue
        mode = ""
        if block.outcome or block.against or block.abstained:
            blocks.append(VoteBlock(line.strip(), set(), set()))
        else:
            block.outcome = line.strip()
    return blocks


def dissenters(decision: str) -> tuple[set[str], set[str]]:
    """(parties or names who voted against, who abstained) in a decision, over all its outcomes."""
    against, abstained = set(), set()
    for block in vote_blocks(decision):
        against |= block.against
        abstained |= block.abstained
    return against, abstained


def claims_against(claim: str) -> bool:
    return bool(_CLAIM_AGAINST.search(claim))


def claims_abstained(claim: str) -> bool:
    return bool(_CLAIM_ABSTAIN.search(claim))


def claims_no_dissent(claim: str) -> bool:
    """'enstemmigt', 'uden stemmer imod', 'unanimously'."""
    return bool(_UNANIMOUS.search(claim) or _NO_AGAINST.search(claim))


def claims_only(claim: str) -> bool:
    return bool(_ONLY.search(claim))


def records_against(decision: str) -> bool:
    """A decision that records someone voting against."""
    count = vote_count(decision)
    return bool(dissenters(decision)[0]) or bool(count and count[1])


def records_no_against(decision: str) -> bool:
    """A decision that says explicitly no one voted against ("20 for og ingen imod")."""
    count = vote_count(decision)
    return bool(count and count[1] == 0) or bool(_NO_AGAINST.search(decision))


def is_vote_sentence(sentence: str) -> bool:
    return bool(re.search(r"stemte|stemmer|imod|undlod", sentence, re.IGNORECASE))


# -- what was done -----------------------------------------------------------------------------------------
# (label, how a claim says it, how a decision says it); the most specific first.
_DONE = [
    ("rejected",
     r"ikke godkend|afvist|afviste|afvise|forkast|sagde nej|fasthold\w*.{0,40}afslag|rejected|not approved|voted down|turned down|refused|said no",
     r"ikke godkend|afvist|afvises|forkast|ikke tiltr|kan ikke anbefal|anbefales ikke|ikke anbefal|faldt|bortfald|"
     r"fasthold\w* (?:\w+ )?afslag"),
    ("referred",
     r"oversendt|sendt tilbage|sendte .{0,40}tilbage|henvist|referred|sent back",
     r"oversend|sendes tilbage|sendt tilbage|tilbagesend|sendte sagen|sendes til|skal belyses|genoptages|realitetsbehandl"),
    ("postponed", r"udsat|udsatte|udskudt|postponed|deferred", r"udsat|udsæt|udskyd"),
    ("undecided", r"pegede på|udpegede|valgte|besluttede at|chose|decided to", r"ikke .{0,30}endelig stilling"),
    ("noted", r"taget til efterretning|tog\b.{0,120}?til efterretning|orientering(?:en)? til efterretning|noted|took note",
     r"til efterretning|orienteret|drøftet|orienteringen"),
    ("approved",
     r"godkend|vedtog|vedtaget|tiltr|anbefal|bevilge|bevilget|fik .{0,40}bevilling|gav .{0,40}bevilling|besluttede|fastsat|"
     r"fastsatte|pegede\b.{0,30}\bpå|udpegede|valgte|approved|adopted|endorsed|granted|decided|raise|agreed",
     r"godkend|vedtag|tiltr|anbefal|bevilg|efterkomme|imødekomme|besluttede|indstiller over ?for"),
]
_DONE_RE = [(label, re.compile(c, re.IGNORECASE), re.compile(d, re.IGNORECASE)) for label, c, d in _DONE]
# An act the claim attributes to a body as its decision: "Byrådet godkendte", "udvalget bevilgede".
_DECIDED = re.compile(r"besluttede|besluttet|vedtog|vedtaget|godkendte|godkendt|bevilge|fastsat|fastsatte|anbefalede|"
                      r"fordelte|tildelte|afsatte|"
                      r"\bgav\b|pegede\b.{0,30}\bpå|valgte|fik .{0,30}bevilling|decided|approved|adopted|granted|voted", re.IGNORECASE)


def claimed_action(claim: str) -> str | None:
    """What the claim says was done: rejected, referred, postponed, noted or approved (None: none)."""
    for label, claim_re, _ in _DONE_RE:
        if label != "undecided" and claim_re.search(claim):
            return label
    return None


def action_position(claim: str) -> int:
    """Where in the claim it says what was done (0 when it does not)."""
    for label, claim_re, _ in _DONE_RE:
        if label != "undecided" and (m := claim_re.search(claim)):
            return m.start()
    return 0


def decided_action(sentence: str) -> str | None:
    """What a decision sentence says was done (the most specific reading first)."""
    for label, _, decision_re in _DONE_RE:
        if decision_re.search(sentence):
            return label
    return None


def claims_decided(claim: str) -> bool:
    return bool(_DECIDED.search(claim))


def compatible(claimed: str, decided: str) -> bool:
    """Whether a decision's act bears out the claim's: an approval of a recommendation is the decision the
    claim says was taken ("besluttede", "vedtog"); noting is not approving."""
    return claimed == decided or (claimed == "approved" and decided == "approved")


# -- negated statements --------------------------------------------------------------------------------
_NEGATION = frozenset({"ikke", "ingen", "intet", "not", "no", "nej"})


def negated_stems(sentence: str, window: int = 3) -> set[str]:
    """Stems that follow a negation within a few words: 'ønsker ikke at fastsætte måltal' → fastsæt, måltal."""
    words = tokens(sentence)
    out: set[str] = set()
    for i, word in enumerate(words):
        if word in _NEGATION:
            out |= {stem(w) for w in words[i + 1:i + 1 + window] if len(w) > 3}
    return out


def is_negated(text: str) -> bool:
    return bool(set(tokens(text)) & _NEGATION) or bool(re.search(r"sagde nej|said no", text, re.IGNORECASE))


# -- reasons ---------------------------------------------------------------------------------------------
_REASON = re.compile(r"\b(?:fordi|idet|da det|da partiet|da de|med bemærkning om,? at|med begrundelse|because|since)\b(.*)",
                     re.IGNORECASE | re.DOTALL)


def reason(text: str) -> str | None:
    """The reason a claim or a decision gives: what follows 'fordi', 'idet', 'med bemærkning om, at'."""
    m = _REASON.search(text)
    return m[1].strip() if m and m[1].strip() else None


# -- attendance -----------------------------------------------------------------------------------------
_CLAIMS_ABSENT = re.compile(r"deltog ikke|var ikke til stede|var fraværende|fraværende|meldte afbud|havde afbud|\bafbud\b|"
                            r"did not attend|was absent|absent", re.IGNORECASE)
_RECORDS_ABSENT = re.compile(r"\bafbud\b|\bfraværende\b|deltog ikke|forlod mødet|ikke til stede", re.IGNORECASE)


def claims_absence(claim: str) -> bool:
    return bool(_CLAIMS_ABSENT.search(claim))


def absent_people(claim: str) -> list[str]:
    """The people a claim says were absent: the names before "deltog ikke", "var fraværende", "meldte afbud"."""
    m = _CLAIMS_ABSENT.search(claim)
    return _NAME.findall(claim[: m.start()]) if m else []


def records_absence(sentence: str) -> bool:
    return bool(_RECORDS_ABSENT.search(sentence))


# -- who proposed or asked ---------------------------------------------------------------------------------
_CLAIMS_PROPOSER = re.compile(r"(?:efter|på) (?:forslag|begæring|anmodning|initiativ) (?:fra|af)\s+(.+?)(?:[,.]|$)|"
                              r"\b(?:foreslog|begærede|anmodede om|stillede (?:ændrings)?forslag|proposed|asked for)\b", re.IGNORECASE)
_RECORDS_PROPOSER = re.compile(r"begærede|foreslog|forslag fra|initiativretsforslag|stillede (?:ændrings)?forslag|anmodning fra",
                               re.IGNORECASE)


def claimed_proposers(claim: str) -> set[str]:
    """Who a claim says proposed or asked for something ("efter forslag fra De Konservative", "Kasper Fuhr
    Christensen begærede sagen i byrådet"): party letters and surnames."""
    m = _CLAIMS_PROPOSER.search(claim)
    if not m:
        return set()
    who = m[1] if m[1] else claim[: m.start()]
    return party_letters(who) | {n.split()[-1] for n in _NAME.findall(who) if not party_words(n)}


def records_proposer(sentence: str) -> bool:
    return bool(_RECORDS_PROPOSER.search(sentence))


# -- comparisons and rankings -------------------------------------------------------------------------------
_COMPARISON = re.compile(r"\b(?:billigste|dyreste|højeste|laveste|største|mindste|flere end|færre end|mere end|mindre end|"
                         r"bedste|dårligste|cheapest|highest|lowest|largest|smallest|more than|fewer than)\b", re.IGNORECASE)


def comparison_words(text: str) -> set[str]:
    return {stem(m[0].lower()) for m in _COMPARISON.finditer(text)}


# -- the item's own recommendation ---------------------------------------------------------------------------
# Portal minutes (Greve) print the recommendation inside the case text: a line "Indstilling", then
# "Administrationen indstiller, at ...", up to the next heading ("Sagsbeskrivelse", "Baggrund").
_RECOMMENDATION_BLOCK = re.compile(r"(?:^|\n)Indstilling\s*\n(.*?)(?=\n(?:Sagsbeskrivelse|Baggrund|Sagsfremstilling|Beskrivelse)\b|\Z)",
                                   re.DOTALL)
_RECOMMENDS = re.compile(r"\bindstiller,? (?:over ?for [^,]+,? )?at\b|\bindstilles,? at\b", re.IGNORECASE)
# A decision that answers the recommendation rather than saying what it decided: "Ikke godkendt.",
# "1. og 2. ikke godkendt", "Administrationens indstilling blev ikke godkendt", "Anbefales ikke".
_ANSWERS_RECOMMENDATION = re.compile(r"indstilling|^\s*(?:\d+\.?\s*(?:[-–og,]+\s*\d+\.?\s*)*)?(?:ikke\s+)?(?:godkendt|anbefales|kan ikke anbefales)",
                                     re.IGNORECASE)
# A proposal put to the vote inside a decision ("C stillede ændringsforslag om, at ..."); its fate is the
# vote that follows.
_AMENDMENT = re.compile(r"stillede (?:ændrings)?forslag|ændringsforslag fra", re.IGNORECASE)
_FOR_LINE = re.compile(r"^\s*For stemte\s*:?\s*(.*)$", re.IGNORECASE | re.MULTILINE)
_AGAINST_LINE = re.compile(r"^\s*Imod(?: stemte)?\s*:?\s*(.*)$", re.IGNORECASE | re.MULTILINE)


def recommendation_spans(text: str) -> list[tuple[int, int]]:
    """Where a case text prints its recommendation (the block under an 'Indstilling' line)."""
    return [m.span(1) for m in _RECOMMENDATION_BLOCK.finditer(text)]


def recommends(sentence: str) -> bool:
    return bool(_RECOMMENDS.search(sentence))


def answers_recommendation(sentence: str) -> bool:
    return bool(_ANSWERS_RECOMMENDATION.search(sentence))


def is_amendment(sentence: str) -> bool:
    return bool(_AMENDMENT.search(sentence))


def amendment_fell(sentence: str) -> bool:
    """An amendment the sentence itself says was voted down ("... blev forkastet med 1 stemme for")."""
    return bool(re.search(r"blev (?:forkastet|afvist|nedstemt)|faldt", sentence, re.IGNORECASE))


def starts_numbered(sentence: str) -> bool:
    """A decision sentence that is one of several numbered outcomes ("1 a. ...", "- 2) Godkendt")."""
    return bool(re.match(r"\W*\d", sentence))


_PEOPLE_VERBS = re.compile(r"stemte imod|stemte for|undlod|voted against|voted for|abstained|deltog ikke|var fraværende|"
                           r"meldte afbud|havde afbud|begærede|foreslog|did not attend|was absent", re.IGNORECASE)


def voter_names(claim: str) -> set[str]:
    """The people a claim says voted, were absent or asked for something ("Nick Zimmermann stemte imod",
    "Mustafa Arslan deltog ikke"): facts to check, not its subject."""
    m = _PEOPLE_VERBS.search(claim)
    if not m:
        return set()
    skip = {w.lower() for w in party_words(claim)} | CLAIM_CUE_WORDS
    names = [[w for w in name.split() if w.lower() not in skip] for name in _NAME.findall(claim[: m.start()])]
    return {w for name in names if len(name) >= 2 for w in name}


def amendment_carried(vote_lines: str) -> bool | None:
    """Whether the vote printed after an amendment carried it: more parties for than against (None: no vote)."""
    pro, con = _FOR_LINE.search(vote_lines), _AGAINST_LINE.search(vote_lines)
    if not pro and not con:
        return None
    count = lambda m: len(_letters(m[1]) | set(re.findall(r"[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+", m[1]))) if m else 0  # noqa: E731
    return count(pro) > count(con)


# -- clauses ---------------------------------------------------------------------------------------------
# A claim of two coordinated statements ("X fik 11 mio. kr., og Enhedslisten stemte imod"; "..., mens Ø
# undlod"; "...; ..."; "..., and the committee decided ...") is judged clause by clause.
_CLAUSE_BREAK = re.compile(r",\s+(?:og|men|mens|and|but|while)\s+|;\s+", re.IGNORECASE)


def clause_starts(text: str) -> list[int]:
    """Where each clause after the first begins."""
    return [m.end() for m in _CLAUSE_BREAK.finditer(text)]


# -- what a claim is about -------------------------------------------------------------------------------
# Words of a claim that say what was done or how it was voted, not what it is about: they are checked
# (the act, the vote), never what finds the item.
CLAIM_CUE_WORDS = frozenset("""
besluttede besluttet vedtog vedtaget godkendte godkendt bevilgede bevilget bevilling anbefalede anbefalet fastsatte
fastsat valgte pegede udpegede afviste afvist fastholdt behandlede behandlet behandling stemte stemmer stemme stemmes
imod undlod enstemmigt enstemmig uden kun dermed hver ét blev fik gav tog sagde nej efterretning overvægt fordi idet
indeholdt fordelte tildelte nr ca cirka omkring godt knap knapt næsten
decided approved adopted voted granted rejected unanimously against only
""".split())


def party_words(text: str) -> set[str]:
    """The words of the party names a claim uses ("Enhedslisten", "De Konservatives")."""
    return {w for m in _PARTY_NAME.finditer(text) for w in tokens(m[0])}


_ORDINAL_OR_SECTION = re.compile(r"§\s*(\d+)|(?<![\d.,])(\d{1,2})\.\s+(?=[a-zæøå])")


def topical_numbers(text: str) -> set[str]:
    """Numbers that name what a claim is about rather than state a fact: "§79", "2. behandling"."""
    return {m[1] or m[2] for m in _ORDINAL_OR_SECTION.finditer(text)}


_MONTH_YEAR = re.compile(r"\b(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|"
                         r"february|march|may|june|july|october)\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def month_period(text: str) -> tuple[date, date] | None:
    """The first and last day of the first month a claim names with its year ("i januar 2024")."""
    for month, year in month_years(text):
        number = MONTHS.get(month)
        if number:
            first = date(int(year), number, 1)
            last = date(int(year) + (number == 12), number % 12 + 1, 1) - timedelta(days=1)
            return first, last
    return None


def month_years(text: str) -> list[tuple[str, str]]:
    """(month, year) as a claim dates a meeting: "i januar 2024"."""
    return [(m[1].lower(), m[2]) for m in _MONTH_YEAR.finditer(text)]


# -- the words a figure is stated with ----------------------------------------------------------------------
_HEDGE_WORDS = frozenset({"godt", "knap", "knapt", "ca", "cirka", "omkring", "næsten", "over", "under", "about", "around",
                          "nearly", "almost", "kr", "dkk"})


def words_before(text: str, position: int, n: int = 3) -> list[str]:
    """The n words before a figure in a claim ("Der søges i alt om 4.994.488 kr." → i, alt, om), hedges left out."""
    words = [w for w in tokens(text[:position]) if "-" not in w and w not in _HEDGE_WORDS]
    return words[-n:] if len(words) >= n else []


def says_with(sentence: str, words: list[str]) -> bool:
    """Whether the sentence states something with the same words the claim uses before its figure."""
    found = [w for w in tokens(sentence) if "-" not in w]
    return bool(words) and any(found[i:i + len(words)] == words for i in range(len(found) - len(words) + 1))


_INSIDE_CAPITAL = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÆØÅ][a-zæøå]{2,})")
_ENGLISH_FRAME = frozenset({"The", "City", "Council", "Committee", "Municipality", "In", "On", "DKK"})


def is_frame_name(name: str) -> bool:
    """A capitalised phrase that frames an English claim rather than naming a thing ("City Council", "In May")."""
    return all(w in _ENGLISH_FRAME or w in _MONTH_NAMES for w in name.split())


_MONTH_NAMES = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                          "November", "December"})


def capitalised_words(text: str) -> list[str]:
    """Capitalised words inside a claim's sentences: what it names ("Greve Rådhus", "Tune Skole")."""
    return [w for w in _INSIDE_CAPITAL.findall(text) if w not in _ENGLISH_FRAME and w not in _MONTH_NAMES]


def looks_like_noun(word: str) -> bool:
    """A long word that is not a past-tense verb ("skatepark", "betalingsparkering"; not "forkastede",
    "anslog"): what a claim is about, where the minutes never using it says they do not speak to it."""
    return len(word) >= 8 and "-" not in word and not word.endswith(("ede", "te")) and not word[0].isdigit()
