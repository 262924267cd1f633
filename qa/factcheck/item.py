"""The agenda item a claim is about, found by what the claim says, and that item's sentences.

The claim's own dates, amounts, names and bodies are facts to check, never filters: the candidates are the
items of the best passages for the claim's subject words, each read whole (every section), and the item
whose text covers most of the subject, weighted by how specific each word is, is the one the claim is
about. Among items covering it as well (Greve treats a case at the committee, the Økonomiudvalg and the
Byråd under one title), the one at the body and in the month the claim names comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ingest.vocabulary import SectionKind, reads_as_instructions
from qa.retrieval import Retriever
from qa.types import Passage, SourceRef
from qa.vocabulary.claims import recommendation_spans
from qa.vocabulary.sentences import sentences
from qa.vocabulary.words import content_stems

CANDIDATE_PASSAGES = 16  # best passages whose items are candidates
NEAR_BEST = 0.5  # an item covering the subject within this of the best is a candidate
TITLE_WEIGHT = 0.5  # how much naming the item's title adds to covering its text


@dataclass(frozen=True)
class Sentence:
    passage: Passage
    start: int
    end: int
    section: SectionKind
    recommendation: bool  # inside the recommendation (its section, or the case text's "Indstilling" block)

    @property
    def text(self) -> str:
        return " ".join(self.passage.text[self.start:self.end].split())

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(content_stems(self.text))


@dataclass
class Item:
    """One agenda item read whole: its passages in document order and its sentences by section."""

    passages: list[Passage]
    rank: int  # position of its best passage among the retrieved ones
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        for passage in self.passages:
            blocks = recommendation_spans(passage.text) if passage.source.section is SectionKind.CASE else []
            for start, end in sentences(passage.text):
                if reads_as_instructions(passage.text[start:end]):  # planted text is never evidence
                    continue
                inside = passage.source.section is SectionKind.RECOMMENDATION or any(s <= start < e for s, e in blocks)
                self.sentences.append(Sentence(passage, start, end, passage.source.section, inside))

    @property
    def ref(self) -> SourceRef:
        return self.passages[0].source

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(content_stems(self.ref.item_title)).union(*(s.stems for s in self.sentences))

    @property
    def decision(self) -> list[Sentence]:
        return [s for s in self.sentences if s.section is SectionKind.DECISION]

    @property
    def decision_text(self) -> str:
        """The decision as printed, line by line (votes and remarks on their own lines)."""
        return "\n".join(p.text for p in self.passages if p.source.section is SectionKind.DECISION)

    @property
    def recommendation(self) -> list[Sentence]:
        return [s for s in self.sentences if s.recommendation]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def read_items(retriever: Retriever, passages: list[Passage]) -> list[Item]:
    """The distinct items of the passages, each with every chunk it has, in the passages' order."""
    items: dict[tuple[str, str, str], Item] = {}
    for rank, passage in enumerate(passages[:CANDIDATE_PASSAGES]):
        ref = passage.source
        key = (ref.meeting_id, ref.item_number, ref.item_title)
        if key in items:
            continue
        items[key] = Item(retriever.item_passages(ref) or [passage], rank)
    return list(items.values())


def compound_in(term: str, stems: frozenset[str]) -> bool:
    """A compound the minutes never use, made of two words the item holds, with or without the linking s:
    "minimumsbeløb" in an item saying "minimum" and "beløb"."""
    for cut in range(5, len(term) - 2):
        head, tail = term[:cut], term[cut:]
        if head in stems and (tail in stems or tail.startswith("s") and tail[1:] in stems):
            return True
    return False


def titled_items(retriever: Retriever, terms: set[str], limit: int = 8) -> list[Item]:
    """Items whose title holds one of the claim's longer words inside a compound ("trafikbestillingen" in
    "Bustrafikbestilling 2026 til Movia"), which word search does not find."""
    index = retriever.index()
    long = [t for t in terms if len(t) >= 7 and not t[0].isdigit()]
    found: list[Item] = []
    for key, title in sorted(index.item_titles.items()):
        if any(t in w and t != w for t in long for w in title) and (passages := retriever.item_passages_of(key)):
            found.append(Item(passages, CANDIDATE_PASSAGES))
            if len(found) >= limit:
                break
    return found


def item_coverage(terms: set[str], item: Item, retriever: Retriever) -> float:
    """Share of the claim's subject words the item holds, each weighted by how specific it is. A word the
    minutes never use is not read as parts found anywhere in the item ("skatepark" is not "skat" and
    "park"): only as a compound of two words the item holds, joined ("minimum" + s + "beløb")."""
    if not terms:
        return 0.0
    vocabulary = retriever.vocabulary()
    found = [t for t in terms if t in item.stems or compound_in(t, item.stems)
             or t in vocabulary and (parts := retriever.term_parts(t)) and all(p in item.stems for p in parts)]
    return sum(retriever.term_weight(t) for t in found) / sum(retriever.term_weight(t) for t in terms)


def sentence_overlap(terms: set[str], stems: frozenset[str], retriever: Retriever) -> float:
    """Like item_coverage, for the stems of one sentence (or two), over the claim's words the minutes use
    (a word they never use is in no sentence: it tells sentences apart no more than it finds the item)."""
    terms = {t for t in terms if retriever.term_parts(t)}
    if not terms:
        return 0.0
    found = [t for t in terms if (parts := retriever.term_parts(t)) and all(p in stems for p in parts)]
    return sum(retriever.term_weight(t) for t in found) / sum(retriever.term_weight(t) for t in terms)


def title_share(terms: set[str], item: Item, retriever: Retriever) -> float:
    """Share of the item's title the claim names (its words and years), each word weighted by specificity."""
    title = set(content_stems(item.ref.item_title))
    if not title:
        return 0.0
    named = {p for t in terms for p in (retriever.term_parts(t) or (t,))}

    def said(word: str) -> bool:  # the word, or a compound of it ("trafiksikkerhed" in "Trafiksikkerhedstiltag")
        return word in named or any(len(n) >= 5 and (word.startswith(n) or n.startswith(word) and len(word) >= 5) for n in named)
    return sum(retriever.term_weight(t) for t in title if said(t)) / sum(retriever.term_weight(t) for t in title)


def choose_item(items: list[Item], terms: set[str], retriever: Retriever, bodies: tuple[str, ...],
                period: tuple[date | None, date | None], years: set[str], topical: set[str] = frozenset(),
                floor: float = 0.0) -> tuple[Item | None, float]:
    """The item the claim is about and how much of the claim's subject it covers: among the items covering
    nearly as much as the best, the one whose title holds the claim's section numbers and years, then the
    one in the month the claim names, then the one whose title the claim names most, then the one at the
    body the claim names, then the best covering."""
    if not items:
        return None, 0.0
    scored = [(item_coverage(terms, item, retriever), item) for item in items]
    best = max(score for score, _ in scored)
    near = [(score, item) for score, item in scored if score >= max(best - NEAR_BEST, min(floor, best))]

    def preference(entry: tuple[float, Item]) -> tuple:
        score, item = entry
        ref = item.ref
        at_body = bool(bodies) and ref.committee == bodies[0]
        since, until = period
        # nearest to the month or period the claim names, in whole months (0 inside it)
        in_period = 0
        if since and until and ref.meeting_date:
            days = max((since - ref.meeting_date).days, (ref.meeting_date - until).days, 0)
            in_period = -((days + 30) // 31)
        in_year = bool(ref.meeting_date and str(ref.meeting_date.year) in years)
        named = round(score + TITLE_WEIGHT * title_share(terms | years, item, retriever), 1)
        numbers = bool(topical) and topical <= set(content_stems(ref.item_title))  # "§79", "2. behandling"
        title_years = len(years & set(content_stems(ref.item_title)))  # "Mødekalender ... i 2024", "Budget 2026-29"
        return (numbers, in_period, named, title_years, at_body, in_year, round(score, 2), -item.rank)

    score, item = max(near, key=preference)
    return item, score
