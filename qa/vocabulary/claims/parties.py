"""Parties as claims name them ("Enhedslisten", "SF", "De Konservative") and as the minutes print them
(letters: "(Ø)", "A og Ø"), and people's names.
"""

from __future__ import annotations

import re

from qa.vocabulary.words import tokens

PARTIES = {  # how claims name parties → the letter the minutes use
    "socialdemokratiet": "A", "socialdemokraterne": "A", "radikale": "B", "konservative": "C", "konservatives": "C",
    "nye borgerlige": "D", "sf": "F", "socialistisk folkeparti": "F", "liberal alliance": "I", "moderaterne": "M",
    "dansk folkeparti": "O", "venstre": "V", "enhedslisten": "Ø", "danmarksdemokraterne": "Æ", "alternativet": "Å",
    "social democrats": "A", "red-green alliance": "Ø", "liberals": "V", "conservatives": "C",
}


PARTY_NAME = re.compile(r"\b(?:De\s+|Det\s+)?(" + "|".join(sorted((re.escape(p) for p in PARTIES), key=len, reverse=True))
                         + r")(?:\s+Folkeparti)?\b", re.IGNORECASE)


LETTER = r"[A-ZÆØÅ]{1,2}(?:-\d)?"


LETTERS = rf"\(?{LETTER}\)?(?:\s*(?:,|og|and)\s*\(?{LETTER}\)?)*"


LETTER_IN = re.compile(rf"\(({LETTER})\)|(?<![\wæøå]){LETTER}(?![\wæøå])")


def party_letters(text: str) -> set[str]:
    """The parties a claim names ("Enhedslisten", "SF", "A og Ø") as the minutes' letters."""
    letters = {PARTIES[m[1].lower()] for m in PARTY_NAME.finditer(text)}
    return letters | {m[1] or m[0] for m in LETTER_IN.finditer(PARTY_NAME.sub(" ", text))} - {"I"}


PERSON_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")


def letters_in(group: str) -> set[str]:
    """Party letters in a vote line; where none are given, the surnames of the people named."""
    letters = {(m[1] or m[0]).split("-")[0] for m in LETTER_IN.finditer(group)}
    return letters or {m[0].split()[-1] for m in PERSON_NAME.finditer(group)}


def party_words(text: str) -> set[str]:
    """The words of the party names a claim uses ("Enhedslisten", "De Konservatives")."""
    return {w for m in PARTY_NAME.finditer(text) for w in tokens(m[0])}
