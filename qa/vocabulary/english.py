"""English questions and claims read as Danish ones: an English word or phrase becomes the stems of the
Danish words the minutes write for it ("nursing homes" → plejecent, plejehjem; "local plan" → lokalplan), so
that the lexical search, the not-found check, sentence choice and the fact-check meet the minutes' own words.

The glossary is data (`english_glossary.txt`, one line "english, synonym = dansk, dansk"), written from the
minutes' side: the content stems the real minutes use most (`python -m bench.glossary_stems`, over
../shared/corpus and ../shared/corpus-extra) with their English equivalents, and the words of municipal
government by topic. Words the glossary lacks (names, numbers, words written alike in both languages) keep
their own stem; which of the Danish stems the archive holds is the caller's question (`Retriever.vocabulary`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ingest.analysis import index_terms, stem, tokens

__all__ = ["bridge", "danish_for", "glossary", "readings"]

_TABLE = Path(__file__).with_name("english_glossary.txt")
_LONGEST = 4  # words in the longest English phrase looked for


def _words(text: str) -> list[str]:
    """Lower-cased words, a hyphenated word as its parts ("after-school" → after, school)."""
    return [w for w in tokens(text.replace("-", " ")) if "-" not in w]


@lru_cache(maxsize=1)
def glossary() -> dict[tuple[str, ...], tuple[str, ...]]:
    """English word or phrase (its words) → the Danish words the minutes write for it."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        english, _, danish = line.partition("=")
        targets = tuple(d.strip() for d in danish.split(",") if d.strip())
        for phrase in english.split(","):
            if key := tuple(_words(phrase)):
                table.setdefault(key, targets)
    return table


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    return frozenset(w for key in glossary() for w in key)


def _base(word: str) -> str:
    """The glossary's form of an inflected English word: plural s/es/ies, past -ed/-ied, -ing, a doubled
    consonant ("planned" → plan); the word itself when no form is in the glossary."""
    known = _known_words()
    if word in known:
        return word
    candidates = []
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
                                 ("ed", ("", "e")), ("ing", ("", "e"))):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            root = word[: -len(suffix)]
            candidates += [root + r for r in replacements]
            if len(root) >= 3 and root[-1] == root[-2]:
                candidates.append(root[:-1])  # "planned" → "plan", "cutting" → "cut"
    return next((c for c in candidates if c in known), word)


def danish_for(english: str) -> tuple[str, ...]:
    """The Danish words for one English word or phrase (empty when the glossary has none)."""
    return glossary().get(tuple(_base(w) for w in _words(english)), ())


def bridge(text: str, skip: Iterable[str] = frozenset()) -> tuple[list[str], set[str]]:
    """An English text's content stems in order, each glossary word or phrase (longest first) as the stems of
    its Danish words; other words, not in `skip`, as their own stem. Also the stems that came from the
    glossary. A word in `skip` (stop and question words, English or Danish) is no search term either way."""
    groups, danish = readings(text, skip)
    return list(dict.fromkeys(s for group in groups for s in group)), danish


def readings(text: str, skip: Iterable[str] = frozenset()) -> tuple[list[tuple[str, ...]], set[str]]:
    """`bridge`, one group of stems per English word or phrase: a glossary entry's Danish words are
    alternatives for one term ("nursing homes" → (plejecent, plejehjem); "course" → (uddan, kursus)), any
    one of which the minutes may write. Also the stems that came from the glossary."""
    skip = frozenset(skip)
    table = glossary()
    words = _words(text)
    bases = [_base(w) for w in words]
    groups: list[tuple[str, ...]] = []
    danish: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            key = tuple(bases[i: i + n])
            if key in table and not (n == 1 and words[i] in skip):
                found = tuple(dict.fromkeys(s for d in table[key] if d not in skip for s in index_terms(d, skip)))
                groups += [found] if found else []
                danish.update(found)
                i += n
                break
        else:
            word = words[i]
            if word not in skip and (len(word) > 1 or word.isdigit()):
                groups.append((stem(word),))
            i += 1
    # a hyphenated word is also a word of its own ("SOSU-projektet"), as in the Danish reading, unless the
    # glossary read its parts ("after-school")
    for word in tokens(text):
        if "-" in word and tuple(_base(p) for p in word.split("-") if p) not in table and word not in skip:
            groups.append((stem(word),))
    return groups, danish
