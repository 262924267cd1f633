"""Votes as decisions print them: counts ("17 for og 3 imod", "20 for og ingen imod", "9 to 8"), outcomes
with the vote under each ("1 c. Godkendt / For stemte ... / Imod stemte: A og Ø"), who voted against or
abstained; what a claim says about them ("enstemmigt", "uden stemmer imod", "kun Enhedslisten").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.vocabulary.claims.about import CLAUSE_BREAK
from qa.vocabulary.claims.acts import decided_action
from qa.vocabulary.claims.parties import LETTER, LETTERS, letters_in, party_letters

_COUNT_WORDS = {"ingen": 0, "ét": 1, "et": 1, "en": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "no": 0}


_VOTE_COUNT = re.compile(
    r"(\d+)\s+(?:stemm?er?\s+)?for\b(?:\s*,)?\s*(?:og|mod|and|,)?\s*(\d+|ingen)\s+(?:stemm?er?\s+)?imod"
    r"|(\d+)\s+(?:stemm?er?\s+)?(?:mod|to|against)\s+(\d+)\b"
    r"|voted\s+(\d+)\s+to\s+(\d+)"
    r"|(\d+)\s+votes?\s+for\s*,?\s*(?:and\s+)?(\d+|no)\s+(?:votes?\s+)?against", re.IGNORECASE)


_FOR_ONLY = re.compile(r"(\d+)\s+stemm?er\s+for\b|(\d+)\s+votes?\s+in\s+favou?r", re.IGNORECASE)


# "Imod stemte (Ø)", "Imod stemte: A og Ø", "stemte imod: ...", "(Ø) stemte imod", "X (A) og Y (A) stemte imod"
_AGAINST_AFTER = re.compile(rf"(?:Imod stemte|stemte imod|Imod)\s*:?\s*({LETTERS})(?![\wæøå])")


_ABSTAIN_AFTER = re.compile(rf"(?:Undlod(?:\s+at\s+stemme)?|Undlader|Hverken for eller imod)\s*:?\s*({LETTERS})(?![\wæøå])")


_BEFORE_VERB = re.compile(rf"((?:\(?{LETTER}\)?|[A-ZÆØÅ][a-zæøå]+)(?:[^.\n]{{0,200}}?))\s+(stemte imod|stemmer imod|undlod at stemme|"
                          rf"undlod at tage stilling|undlod)")


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


_CLAIMS_FOR = re.compile(r"(?:med|with)\s+(?:stemmer|votes)\s+(?:fra|from)\s+(.+?)(?:[,.]|$)|stemte for|voted for", re.IGNORECASE)


def supporters(claim: str) -> set[str]:
    """The parties a claim says voted for ("med stemmer fra Enhedslisten", "A og Ø stemte for")."""
    m = _CLAIMS_FOR.search(claim)
    if not m:
        return set()
    if m[1]:
        return party_letters(m[1])
    before = claim[: m.start()]
    breaks = [b.end() for b in CLAUSE_BREAK.finditer(before)]
    return party_letters(before[breaks[-1] if breaks else 0:])


def voters(claim: str) -> set[str]:
    """The parties a claim says voted ("Kun Enhedslisten stemte imod", "..., og kun SF stemte imod"): those
    named before the vote, in its clause."""
    m = re.search(r"stemte imod|stemte for|undlod|voted against|voted for|abstained", claim, re.IGNORECASE)
    if not m:
        return set()
    before = claim[: m.start()]
    breaks = [b.end() for b in CLAUSE_BREAK.finditer(before)]
    return party_letters(before[breaks[-1] if breaks else 0:])


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
    pro: set[str] = field(default_factory=set)  # who voted for, where the decision prints it


_VOTE_LINE = re.compile(r"^\s*(For stemte\b|Imod stemte\b|For\s*:|Imod\s*:|Undlod(?: at stemme)?\b|Undlader\b)\s*:?\s*(.*)$", re.IGNORECASE)


_REMARK = re.compile(r"\s(?:med (?:fælles )?bemærkning|idet|da|fordi|,\s*idet)\b.*$|[”\"“].*$", re.IGNORECASE)


_LEADING_LETTER = re.compile(rf"^\s*\(({LETTER})\)")


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
            who = letters_in(_REMARK.sub("", m[2]))
            if mode == "against":
                block.against |= who
            elif mode == "abstained":
                block.abstained |= who
            else:
                block.pro |= who
            continue
        lead = _LEADING_LETTER.match(line)
        if lead and mode in ("against", "abstained"):
            (block.against if mode == "against" else block.abstained).add(lead[1].split("-")[0])
            continue
        verb = _BEFORE_VERB.search(line)
        if verb:
            who = letters_in(verb[1]) or {verb[1].split()[0]}
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


def claims_against(claim: str) -> bool:
    return bool(_CLAIM_AGAINST.search(claim))


def claims_abstained(claim: str) -> bool:
    return bool(_CLAIM_ABSTAIN.search(claim))


def claims_no_dissent(claim: str) -> bool:
    """'enstemmigt', 'uden stemmer imod', 'unanimously'."""
    return bool(_UNANIMOUS.search(claim) or _NO_AGAINST.search(claim))


def claims_only(claim: str) -> bool:
    return bool(_ONLY.search(claim))


def records_no_against(decision: str) -> bool:
    """A decision that says explicitly no one voted against ("20 for og ingen imod")."""
    count = vote_count(decision)
    return bool(count and count[1] == 0) or bool(_NO_AGAINST.search(decision))


def is_vote_sentence(sentence: str) -> bool:
    return bool(re.search(r"stemte|stemmer|imod|undlod", sentence, re.IGNORECASE))


_FOR_LINE = re.compile(r"^\s*For stemte\s*:?\s*(.*)$", re.IGNORECASE | re.MULTILINE)


_AGAINST_LINE = re.compile(r"^\s*Imod(?: stemte)?\s*:?\s*(.*)$", re.IGNORECASE | re.MULTILINE)


def amendment_carried(vote_lines: str) -> bool | None:
    """Whether the vote printed after an amendment carried it: more parties for than against (None: no vote)."""
    pro, con = _FOR_LINE.search(vote_lines), _AGAINST_LINE.search(vote_lines)
    if not pro and not con:
        return None
    count = lambda m: len(letters_in(m[1]) | set(re.findall(r"[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+", m[1]))) if m else 0  # noqa: E731
    return count(pro) > count(con)
