"""The Danish analyser: words → the stems the lexical index holds. One function at ingest (each chunk's
terms are stored with it) and at question time (qa reads question words through the same function), so a
question word and a passage word meet as the same stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-zæøåéü]+(?:-[a-zæøåéü]+)*", re.IGNORECASE)
_da = snowballstemmer.stemmer("danish")  # English words pass through it harmlessly

DANISH_STOPWORDS = frozenset("""
af alle andet andre at blev blive bliver da de dem den denne der deres det dette dig din disse dog du efter eller
en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvem hvis hvor hvordan hvornår
hvilke hvilken hvilket hvorfor i ikke ind jeg jer jo kan kunne man mange med meget men mig min mine mit mod
ned noget nogle nu når og også om op os over på sig sin sine sit skal skulle som sådan thi til ud under var
vi vil ville vor være været blevet bliver ved vedr samt mht ifm pga ny nye nyt
""".split())
ENGLISH_STOPWORDS = frozenset("""
a about after all an and any are as at be been by can could did do does for from had has have how i if in into
is it its of on or our so than that the their them then there these they this to was we were what when where
which while who whom why will with would you new
""".split())
STOPWORDS = DANISH_STOPWORDS | ENGLISH_STOPWORDS


def tokens(text: str) -> list[str]:
    """Lower-cased words and numbers; a hyphenated word gives its parts and itself ('sosu-projektet')."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        token = token.lower()
        if "-" in token:
            out.extend(part for part in token.split("-") if part)
        out.append(token)
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word[0].isdigit():
        return word
    return _da.stemWord(word)


def index_terms(text: str, skip: frozenset[str] = STOPWORDS) -> list[str]:
    """Stemmed content words, in order: the terms a passage is indexed by and a question searched with."""
    return [stem(w) for w in tokens(text) if w not in skip and (len(w) > 1 or w.isdigit())]
