"""Comparing titles: item headings against tables of contents, enclosures against item titles."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer

from ingest.vocabulary import TITLE_STOPWORDS

_stemmer = snowballstemmer.stemmer("danish")


def normalise(title: str) -> str:
    title = title.replace("**", " ").lower()
    title = re.sub(r"[^\wæøå]+", " ", title)
    return " ".join(title.split())


def similar(a: str, b: str) -> bool:
    """Same title despite typos, wrapping or a cut-off: 'Interesetilkendegivelse' ~ 'Interesstillkendegivelse'."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return a == b
    if a == b:
        return True
    if min(len(a), len(b)) >= 8 and (a.startswith(b) or b.startswith(a)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    words = [w for w in normalise(text).split() if w not in TITLE_STOPWORDS and not w.isdigit() and len(w) > 2]
    return frozenset(_stemmer.stemWords(words))


def _stem_matches(wanted: str, present: frozenset[str]) -> bool:
    """A title word is present as itself or as the tail of a Danish compound (udvalgsmøde ⊃ udvalgmøde)."""
    if wanted in present:
        return True
    if len(wanted) < 5:
        return False
    for word in present:
        if len(word) >= len(wanted):
            tail = word[-len(wanted):]
            if tail == wanted or SequenceMatcher(None, tail, wanted).ratio() >= 0.85:
                return True
    return False


def title_overlap(item_title: str, text: str) -> float:
    """Share of the item title's content words found in the text (0 when the title has none)."""
    wanted = content_stems(item_title)
    if not wanted:
        return 0.0
    present = content_stems(text)
    return sum(_stem_matches(w, present) for w in wanted) / len(wanted)
