"""Words: the question side of the one Danish analyser (`ingest.analysis`: tokens, the stemmer,
stopwords), question words, telling Danish from English, and names as the minutes and questions write them."""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from ingest.analysis import STOPWORDS, index_terms
from ingest.analysis import stem as stem  # qa reads the analyser through this module
from ingest.analysis import tokens as tokens
from qa.vocabulary.english import bridge, readings

# Question words that carry no content ("hvad blev besluttet om ..." is about what follows "om").
QUESTION_WORDS = frozenset("""
besluttet besluttede beslutning beslutningen vedtaget vedtog decided decision decide resolved agreed
spørgsmål question sagen sag punkt punktet mødet møde meeting item minutes udvalget
committee committees fortæl tell say says said står står nævnt mention mentioned oplyst fremgår
""".split()) | frozenset(
    # Light verbs carry the question's grammar, not its subject: "hvad gjorde / sagde / fik / endte ...".
    # Every form a question uses (present, past, participle, infinitive), Danish and English.
    """
gør gjorde gjort gøre får fik fået få tager tog taget tage kommer kom kommet komme går gik gået gå siger sagde sagt sige
sker skete sket ske giver gav givet give sætter satte sat sætte stiller stillede stillet lægger lagde lagt lægge
står stod stået stå ligger lå ligget ender endte endt ende ønsker ønskede ønsket ønske reagerede reagerer lykkedes
lykkes do does did done make made get got gotten take took taken come came go went gone happen happened end ended
""".split()) | frozenset(
    # The modal verbs the stop words leave out ("kan", "skal", "vil" are there): "hvor mange må omgøres".
    "må måtte bør burde may must might should shall".split())

# Function words only one of the two languages uses ("to" is Danish for two, "for" both: neither is a marker).
_DANISH_MARKERS = frozenset((
    "hvad hvem hvornår hvor hvilke hvilket hvilken hvordan hvorfor blev bliver og er det den de til af om på med "
    "ikke der i en et at som var har havde skal skulle kan kunne vil ville efter alle ved fra fik mod også eller "
    "men sig sin sit sine blevet"
).split())
_ENGLISH_MARKERS = frozenset((
    "what who when where which how why was were the of did does is are about with and in on from has have had "
    "that this been by it its would could should"
).split())


def content_stems(text: str, drop_question_words: bool = False, language: str = "da") -> list[str]:
    """Stemmed content words (Danish stemmer). An English text (`language` "en") is read through the
    glossary (`qa.vocabulary.english`): its words become the stems of the Danish words the minutes write for
    them ("nursing homes" → plejecent, plejehjem); names, numbers and words it lacks keep their own stem."""
    skip = STOPWORDS | QUESTION_WORDS if drop_question_words else STOPWORDS
    return bridge(text, skip)[0] if language == "en" else index_terms(text, skip)


def term_alternatives(text: str) -> list[tuple[str, ...]]:
    """An English question's search terms (`content_stems(..., drop_question_words=True, language="en")`),
    one group per English word or phrase: the Danish words a glossary entry gives are alternatives for one
    term ("nursing homes" → (plejecent, plejehjem)), counted once where terms are counted."""
    return readings(text, STOPWORDS | QUESTION_WORDS)[0]


def danish_equivalents(text: str, known: Callable[[str], bool] | None = None) -> set[str]:
    """The stems of the Danish words the glossary gives for an English text's words and phrases: the words
    of an English question that speak of the minutes' matters, beside its names and numbers. With `known`,
    only the stems the archive holds."""
    found = bridge(text, STOPWORDS | QUESTION_WORDS)[1]
    return {s for s in found if known(s)} if known else found


def detect_language(text: str) -> str:
    """'da' or 'en' (the answer's language). Danish letters or more Danish than English markers → Danish."""
    words = tokens(text)
    danish = sum(w in _DANISH_MARKERS for w in words) + bool(re.search(r"[æøå]", text, re.IGNORECASE))
    english = sum(w in _ENGLISH_MARKERS for w in words)
    return "en" if english > danish else "da"


# A full name: two or more capitalised words ("Kasper Fuhr Christensen", "Tina Rottbøll").
_FULL_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")
# The same, not at the start of the text or of a sentence, where any word is capitalised.
_FULL_NAME_INSIDE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)+")
# One capitalised word inside a sentence: a name or a place ("Michael", "Gimle").
_CAPITALISED_INSIDE = re.compile(r"(?<!^)(?<![.?!] )\b[A-ZÆØÅ][a-zæøå]+")


def full_names(text: str, inside_sentences: bool = False) -> list[str]:
    """Names of two or more capitalised words; with `inside_sentences`, not those opening a sentence."""
    return (_FULL_NAME_INSIDE if inside_sentences else _FULL_NAME).findall(text)


def stated_names(text: str, known: str = "") -> list[str]:
    """Names of two or more capitalised words anywhere in a generated text, a sentence's capitalised first
    word left out when it is a function word or a word `known` writes in lower case ("Den", "Udvalget"):
    "Peter Hansen stemte imod" → ["Peter Hansen"]; "Den Selvejende Hal" → ["Selvejende Hal"]."""
    names = []
    for match in _FULL_NAME.finditer(text):
        first, rest = match[0].split(maxsplit=1)
        before = text[: match.start()].rstrip()
        opens = not before or before[-1] in ".!?:"
        if opens and (first.lower() in STOPWORDS or holds_name(known, first.lower())):
            names += [rest] if " " in rest.strip() else []
        else:
            names.append(match[0])
    return names


def whole_numbers(text: str) -> set[str]:
    """The digit runs of a text ("Budgetopfølgning 2 2023" → {"2", "2023"})."""
    return set(re.findall(r"\d+", text))


def joined_compounds(text: str) -> str:
    """A hyphen inside a word removed ("Pride-flag" → "Prideflag"); between digits ("2023-24") it stays."""
    return re.sub(r"(?<=[^\W\d])-(?=[^\W\d])", "", text)


def holds_name(text: str, name: str) -> bool:
    """Whether the text names `name` as a whole name: "Jens Holm" is not in "Jens Holmberg"."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


# Capitalised English words that name a kind of body or a month, not a place or a person ("the City Council").
_ENGLISH_TITLE_WORDS = frozenset((
    "city council committee municipality municipal mayor board department region the conservatives liberals "
    "social democrats january february march april may june july august september october november december"
).split())


def english_names(text: str) -> set[str]:
    """Stems of the names inside an English question that read the same in the Danish minutes
    ("Strandparken", "Tune", "KØF"), without English words for bodies and months."""
    return {stem(w.lower()) for w in _CAPITALISED_INSIDE.findall(text.strip()) if w.lower() not in _ENGLISH_TITLE_WORDS}


def name_stems(text: str) -> set[str]:
    """Stems of the capitalised words inside a question (names: 'Nick Zimmermann', 'Michael', 'Gimle')."""
    return set(content_stems(" ".join(_CAPITALISED_INSIDE.findall(text.strip()))))


def normalised_title(title: str) -> str:
    """A title compared as words: lower case, markup and punctuation gone."""
    return " ".join(re.sub(r"[^\wæøå]+", " ", title.replace("**", " ").lower()).split())


def same_title(a: str, b: str) -> bool:
    """Two item titles naming the same case despite typos, wrapping or a cut-off
    ("Interesetilkendegivelse" ~ "Interessetilkendegivelse")."""
    a, b = normalised_title(a), normalised_title(b)
    if not a or not b or a == b:
        return a == b
    if min(len(a), len(b)) >= 8 and (a.startswith(b) or b.startswith(a)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


_DERIVATIONS = ("ing", "ning", "else", "ering", "en", "er", "et", "e")  # Danish suffixes making a noun of a verb stem


def known_parts(word_stem: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """A stem the minutes never use, read as stems they do use: an inflection of a known stem
    ("anbefaled" → "anbefal": at most three letters more), a derivation of it ("livestream" →
    "livestreaming"), or a compound of two known stems, with or
    without a linking s or e ("klimaudvalg" → "klima", "udvalg"; "bygningsrenovering" → "bygning",
    "renovering"). Empty when neither reading exists ("skatepark"): the word is unknown to the minutes."""
    if known(word_stem):
        return (word_stem,)
    if word_stem[0].isdigit():  # a number the minutes never state
        return ()
    for cut in range(len(word_stem) - 1, max(len(word_stem) - 4, 3), -1):
        if known(word_stem[:cut]):
            return (word_stem[:cut],)
    if len(word_stem) >= 5:  # a derivation the minutes use: "livestream" → "livestreaming"
        for suffix in _DERIVATIONS:
            if known(word_stem + suffix):
                return (word_stem + suffix,)
    return compound_parts(word_stem, known)


def compound_parts(word_stem: str, known: Callable[[str], bool], stemmed_head: bool = False) -> tuple[str, ...]:
    """A compound read as two known stems, with or without a linking s or e ("busbespar" → "bus",
    "bespar"); with `stemmed_head`, the first part also as its stem ("tryghedstiltag" → "tryg", "tiltag":
    "tryghed" is stemmed "tryg"). Empty when there is no such reading."""
    for cut in range(len(word_stem) - 3, 2, -1):
        head, tail = word_stem[:cut], word_stem[cut:]
        tail_stem = stem(tail) if tail else tail
        if known(tail_stem) or known(tail):
            for head_form in (head, head[:-1] if head[-1:] in ("s", "e") else None):
                if not head_form or len(head_form) < 3:
                    continue
                for form in dict.fromkeys((head_form, stem(head_form)) if stemmed_head else (head_form,)):
                    if len(form) >= 3 and known(form):
                        return (form, tail_stem if known(tail_stem) else tail)
    return ()


def committee_heads(text: str) -> list[str]:
    """The first word of a committee as users shorten its name: "Klimaudvalget" for "Klima-, Teknik- og
    Miljøudvalget", "Skoleudvalgets" for "Skole-, Børne- og Ungeudvalget" → ["klima"], ["skole"]."""
    heads = []
    for token in tokens(text):
        head, found, _ = token.partition("udvalg")
        if found and len(head) >= 4 and "-" not in token:
            heads.append(head)
    return heads


def committee_starts_with(committee: str, head: str) -> bool:
    """Whether a committee's name opens with the word a short name keeps ("klima" → "Klima-, Teknik- ...")."""
    first = normalised_title(committee).split(" ")[0]
    return first == head or first == head.rstrip("s") or (first.startswith(head) and first.endswith("udvalget"))


# A municipality named as a body: "Solrød Kommune", "Ishøj Byråd", "Solrøds byråd", "Stevns Municipality".
_MUNICIPALITY_BODY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\s+(?:[Kk]ommune|[Bb]yråd|Municipality|City Council)\b")


def municipality_body_stems(text: str) -> set[str]:
    """The stems of the municipal bodies a question names ("Solrød Kommune" → solrød, kommun, ...): the
    names and the words for a municipality's bodies."""
    names = {stem(w) for name in named_municipalities(text) for w in tokens(name)}
    return names | {stem(w) for w in ("kommune", "kommunal", "byråd", "municipality", "council")} if names else set()


def named_municipalities(text: str) -> list[str]:
    """The municipalities a question names as a body, genitive s kept ("Solrøds" is checked as written and
    without its s by the caller)."""
    return _MUNICIPALITY_BODY.findall(text)
