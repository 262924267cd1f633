"""What a claim says was done and what a decision did: approved, rejected, noted, sent on, postponed,
with the forms of Greve-style decisions ("Kan ikke anbefales", "oversendes til budgetforhandlingerne",
"sagen sendes tilbage"); the recommendation a decision answers; amendments; negated statements
("ønsker ikke at fastsætte måltal"); the reason given ("fordi", "idet", "med bemærkning om, at").
"""

from __future__ import annotations

import re

from qa.vocabulary.words import stem, tokens

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
     r"fastsatte|pegede\b.{0,30}\bpå|udpegede|valgte|stemte\b.{0,40}?\b\d+ (?:mod|imod) \d+ for at|"
     r"approved|adopted|endorsed|granted|decided|raise|agreed",
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


_TURNED = {"approved": "rejected", "rejected": "approved"}


def stated_act(sentence: str) -> str | None:
    """What a sentence says was done, a negation among the two words either side of the act's word turning
    it: "godkendte ikke" → rejected, "blev ikke forkastet" → approved; another act negated ("udsatte ikke")
    says nothing was done (None). A negation the act's own words hold ("ikke godkendt") is the act."""
    for label, claim_re, _ in _DONE_RE:
        if label == "undecided" or not (match := claim_re.search(sentence)):
            continue
        start, end = match.start(), match.end()
        while start > 0 and sentence[start - 1].isalnum():
            start -= 1
        while end < len(sentence) and sentence[end].isalnum():
            end += 1
        if not set(tokens(sentence[:start])[-2:] + tokens(sentence[end:])[:2]) & _NEGATION:
            return label
        return _TURNED.get(label)
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


_REASON = re.compile(r"\b(?:fordi|idet|da det|da partiet|da de|med bemærkning om,? at|med begrundelse|because|since)\b(.*)",
                     re.IGNORECASE | re.DOTALL)


def reason(text: str) -> str | None:
    """The reason a claim or a decision gives: what follows 'fordi', 'idet', 'med bemærkning om, at'."""
    m = _REASON.search(text)
    return m[1].strip() if m and m[1].strip() else None


# Portal minutes (Greve) print the recommendation inside the case text: a line "Indstilling", then
# "Administrationen indstiller, at ...", up to the next heading ("Sagsbeskrivelse", "Baggrund").
_RECOMMENDATION_BLOCK = re.compile(r"(?:^|\n)Indstilling\s*\n(.*?)(?=\n(?:Sagsbeskrivelse|Baggrund|Sagsfremstilling|Beskrivelse)\b|\Z)",
                                   re.DOTALL)


# A decision that answers the recommendation rather than saying what it decided: "Ikke godkendt.",
# "1. og 2. ikke godkendt", "Administrationens indstilling blev ikke godkendt", "Anbefales ikke".
_ANSWERS_RECOMMENDATION = re.compile(r"indstilling|^\s*(?:\d+\.?\s*(?:[-–og,]+\s*\d+\.?\s*)*)?(?:ikke\s+)?(?:godkendt|anbefales|kan ikke anbefales)",
                                     re.IGNORECASE)


# A proposal put to the vote inside a decision ("C stillede ændringsforslag om, at ..."); its fate is the
# vote that follows.
_AMENDMENT = re.compile(r"stillede (?:ændrings)?forslag|ændringsforslag fra", re.IGNORECASE)


def recommendation_spans(text: str) -> list[tuple[int, int]]:
    """Where a case text prints its recommendation (the block under an 'Indstilling' line)."""
    return [m.span(1) for m in _RECOMMENDATION_BLOCK.finditer(text)]


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


# A decision approving another body's recommendation rather than the administration's: "godkendte byrådet
# Økonomiudvalgets indstilling", "Plan- og Tryghedsudvalgets indstillinger godkendes" (the body, as named).
_BODY = r"\b((?:\w+-,?\s+(?:og\s+)?)*\w*udvalget|[Bb]yrådet|[Kk]ommunalbestyrelsen)s\s+indstilling(?:er|en)?"
_GAP = r"\s+(?:(?!ikke\b)\w+\s+){0,2}"
_BODY_RECOMMENDATION = re.compile(rf"(?:godkend|tiltr|følge)\w*{_GAP}{_BODY}|{_BODY}{_GAP}(?:godkend|tiltr|anbefal|følge)")


# An entry of the item's history ("Sagens forløb"): a line "10-01-2023 Plan- og Tryghedsudvalget".
_HISTORY_ENTRY = re.compile(r"^\s*\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\s+([A-ZÆØÅ][\w ,.-]*?)\s*$")

# Those voting against say they back the administration's recommendation: the majority's was another.
_BACKS_ADMINISTRATION = re.compile(r"imod\b.{0,200}?\b(?:støtte\w*|stemte for|tilslutte\w* sig)\s+administrationens?\s+indstilling",
                                   re.IGNORECASE | re.DOTALL)


def approved_body(sentence: str) -> str | None:
    """The body whose recommendation a decision sentence approves ("godkendte byrådet Økonomiudvalgets
    indstilling" → Økonomiudvalget); None for the administration's, or a sentence approving nothing."""
    m = _BODY_RECOMMENDATION.search(sentence)
    return (m[1] or m[2]) if m else None


def history_entry_body(sentence: str) -> str | None:
    """The body an entry of the item's history opens with ("10-01-2023 Plan- og Tryghedsudvalget")."""
    m = _HISTORY_ENTRY.match(sentence)
    return m[1] if m else None


def backs_administration(sentence: str) -> bool:
    """A vote line saying those against back the administration's recommendation."""
    return bool(_BACKS_ADMINISTRATION.search(sentence))


def same_body(a: str, b: str) -> bool:
    """One body, as written twice ("Klima-, Teknik- og Miljøudvalget", "Klima-, Teknik og Miljøudvalget"):
    the same last word."""
    return bool(a.split() and b.split()) and a.split()[-1].lower() == b.split()[-1].lower()


def names_body(text: str, body: str) -> bool:
    """Whether a text names the body ("at følge Økonomiudvalget" names Økonomiudvalget)."""
    head = body.split()[-1].lower().removesuffix("et") if body.split() else ""
    return bool(head) and head in text.lower()
