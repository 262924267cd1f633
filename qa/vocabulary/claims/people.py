"""People in claims and minutes: who was absent ("deltog ikke", "Afbud", "Fraværende"), who proposed or
asked ("begærede", "efter forslag fra"), the people a claim says voted.
"""

from __future__ import annotations

import re

from qa.vocabulary.claims.about import CLAIM_CUE_WORDS
from qa.vocabulary.claims.parties import PERSON_NAME, party_letters, party_words

_CLAIMS_ABSENT = re.compile(r"deltog ikke|var ikke til stede|var fraværende|fraværende|meldte afbud|havde afbud|\bafbud\b|"
                            r"did not attend|was absent|absent", re.IGNORECASE)


_RECORDS_ABSENT = re.compile(r"\bafbud\b|\bfraværende\b|deltog ikke|forlod mødet|ikke til stede", re.IGNORECASE)


def absent_people(claim: str) -> list[str]:
    """The people a claim says were absent: the names before "deltog ikke", "var fraværende", "meldte afbud"."""
    m = _CLAIMS_ABSENT.search(claim)
    return PERSON_NAME.findall(claim[: m.start()]) if m else []


def records_absence(sentence: str) -> bool:
    return bool(_RECORDS_ABSENT.search(sentence))


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
    return party_letters(who) | {n.split()[-1] for n in PERSON_NAME.findall(who) if not party_words(n)}


def records_proposer(sentence: str) -> bool:
    return bool(_RECORDS_PROPOSER.search(sentence))


_PEOPLE_VERBS = re.compile(r"stemte imod|stemte for|undlod|voted against|voted for|abstained|deltog ikke|var fraværende|"
                           r"meldte afbud|havde afbud|begærede|foreslog|did not attend|was absent", re.IGNORECASE)


def voter_names(claim: str) -> set[str]:
    """The people a claim says voted, were absent or asked for something ("Nick Zimmermann stemte imod",
    "Mustafa Arslan deltog ikke"): facts to check, not its subject."""
    m = _PEOPLE_VERBS.search(claim)
    if not m:
        return set()
    skip = {w.lower() for w in party_words(claim)} | CLAIM_CUE_WORDS
    names = [[w for w in name.split() if w.lower() not in skip] for name in PERSON_NAME.findall(claim[: m.start()])]
    return {w for name in names if len(name) >= 2 for w in name}
