"""The same case at other meetings: the treatments an answer names after the item it answers from, found by
the case number, by titles naming the same case and, for a question asking over a span of years, by a search
of each year of the span.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ingest.catalogue import ItemRow
from ingest.types import SourceRef
from qa.question import Question
from qa.retrieval import Retriever
from qa.scope import Leaning
from qa.types import Passage
from qa.vocabulary.archive import procedural_title
from qa.vocabulary.words import content_stems, joined_compounds, whole_numbers

STANDING_CASE = 6  # a case number on more items than this is a standing item ("Meddelelser"), not a case
_OTHER_TREATMENTS = 3  # earlier or later treatments of the same case named in an answer
_EVIDENCE_ITEMS = 10  # passages of the evidence whose items may be the same case at another meeting
_BEST_EVIDENCE = 5  # passages of the evidence whose items an item named only by its title never goes before
_YEAR_EVIDENCE = 10  # passages of a year's own search whose items may stand for the question's subject that year


def _key(passage: Passage) -> tuple[str, str, str]:
    return passage.source.meeting_id, passage.source.item_number, passage.source.item_title


def names_same_case(retriever: Retriever, a: str, b: str) -> bool:
    """Two titles naming the same case: most of the specific words of one stand in the other ("Kunstgræsbane i
    Hundige - tillægsbevilling" ~ "Kunstgræsbanen i Hundige, renovering - anlægsbevilling"); a common word
    ("Greve", "Kommune") weighs little, and titles naming other numbers ("Drifts- og anlægsoverførsler 2021
    til 2022" / "2022 til 2023", "Budgetopfølgning 1 2023" / "2 2023") are other cases. A compound is compared
    written whole ("Pride-flag" ~ "Prideflag")."""
    numbers = [whole_numbers(title) for title in (a, b)]
    if all(numbers) and numbers[0] != numbers[1]:
        return False
    first, second = (set(content_stems(joined_compounds(title))) for title in (a, b))
    if not first or not second:
        return False
    return max(retriever.title_share(first, second), retriever.title_share(second, first)) >= 0.5


def treatments(retriever: Retriever, first: SourceRef, passages: list[Passage], shown: set[tuple[str, str, str]],
               lean: Leaning | None = None, limit: int = _OTHER_TREATMENTS) -> list[tuple[ItemRow, bool]]:
    """The same case at other meetings of its municipality, in the order their citations stand (the order an
    answer's sources are read in, before the rest of its evidence), marked when the evidence holds them: first
    the items with its case number, those the question's committee or period points to first (`lean`), else
    newest first, then those whose title names the same case (of a number on
    many items, a journal number for a whole topic, and of the evidence) by the evidence's rank. An item named
    only by its title never goes before an item among the evidence's best the answer does not name: the
    question's own best evidence keeps its place before a look-alike ("Mødekalender 2026" of another body)."""
    catalogue = retriever.store.catalogue
    item = catalogue.item(first.meeting_id, first.item_number, first.item_title)
    if item is None or procedural_title(item.title):
        return []
    lean = lean or Leaning()
    rank: dict[tuple[str, str, str], int] = {}
    for n, passage in enumerate(passages[:_EVIDENCE_ITEMS]):
        rank.setdefault(_key(passage), n)
    numbered: dict[tuple[str, str, str], ItemRow] = {}
    titled: dict[tuple[str, str, str], ItemRow] = {}
    if item.case_number:
        rows = [i for i in catalogue.items_of_case(item.case_number)
                if not i.closed and i.municipality == item.municipality]
        broad = len(rows) > STANDING_CASE
        for i in rows:
            if not broad:
                numbered[(i.meeting_id, i.number, i.title)] = i
            elif names_same_case(retriever, item.title, i.title):
                titled[(i.meeting_id, i.number, i.title)] = i
    for key in rank:
        if key in shown or key in numbered or key in titled:
            continue
        row = catalogue.item(*key)
        if row is not None and not row.closed and row.municipality == item.municipality and names_same_case(
                retriever, item.title, row.title):
            titled[key] = row
    unnamed = [n for key, n in rank.items() if n < _BEST_EVIDENCE and key not in shown | numbered.keys() | titled.keys()]
    bar = min(unnamed, default=len(passages) + 1)

    def newest(key_row: tuple[tuple[str, str, str], ItemRow]) -> tuple[int, bool, bool, int]:
        when = key_row[1].meeting_date
        pointers = lean.of(key_row[1].committee, when) + lean.names_numbers(key_row[1].title)
        inside = when is not None and lean.since is not None and lean.until is not None and lean.since <= when <= lean.until
        # the treatments of the period the question names in the order they were held (the case's way through
        # that month: committee, Økonomiudvalget, council), the others newest first
        return -pointers, when is None, not inside, (when or date.min).toordinal() * (1 if inside else -1)

    def ranked(key_row: tuple[tuple[str, str, str], ItemRow]) -> tuple[int, int, bool, bool, int]:
        return (rank.get(key_row[0], len(passages)), *newest(key_row))

    by_title = sorted(((key, row) for key, row in titled.items() if rank.get(key, len(passages)) < bar), key=ranked)
    chosen = [(key, row) for key, row in sorted(numbered.items(), key=newest) + by_title if key not in shown]
    return [(row, key in rank) for key, row in chosen[:limit]]


def year_by_year(retriever: Retriever, question: Question, first: SourceRef, passages: list[Passage],
                 shown: set[tuple[str, str, str]], lean: Leaning) -> list[tuple[ItemRow, bool]]:
    """The treatments an answer names after the item it answers from, in the order their citations stand.

    For a question asking over a span of years (`Leaning.years`: "fra 2022 til 2025", "år for år 2023-2025"),
    year by year: for each year of the span the item answered from is not of, one treatment, the first
    of the case's own treatments (`treatments`) in that year, else the best item of that year's own search
    whose title names the question's subject as the answered item's title does ("Strandparken",
    "Genopretningspuljen"; of its case's treatments that year, the one the question's committee points to,
    else the first, where the case was presented); then the case's other treatments, as many as for any
    question. Another question: the
    case's treatments (`treatments`)."""
    if lean.years is None or first.meeting_date is None:
        return treatments(retriever, first, passages, shown, lean)
    found = treatments(retriever, first, passages, shown, lean, limit=len(passages) + _OTHER_TREATMENTS)
    subject = set(content_stems(first.item_title)) & set(question.terms)
    named: list[tuple[ItemRow, bool]] = []
    for year in range(lean.years[0], lean.years[1] + 1):
        if year == first.meeting_date.year:
            continue
        known = next((t for t in found if t[0].meeting_date is not None and t[0].meeting_date.year == year), None)
        if known is None and subject:
            known = _year_treatment(retriever, question, first, subject, lean, year, shown)
        if known is not None and all(known[0] != t[0] for t in named):
            named.append(known)
    rest = [t for t in found if all(t[0] != n[0] for n in named)]
    return named + rest[:_OTHER_TREATMENTS]


def _year_treatment(retriever: Retriever, question: Question, first: SourceRef, subject: set[str], lean: Leaning,
                    year: int, shown: set[tuple[str, str, str]]) -> tuple[ItemRow, bool] | None:
    """The item standing for the question's subject in one year: of that year's own search, the best item whose
    title names the subject, and of its case's treatments there, the one the question's committee points to,
    else the first (None: no item of the year names it)."""
    filters = question.filters
    since, until = max(date(year, 1, 1), filters.since or date.min), min(date(year, 12, 31), filters.until or date.max)
    if since > until:
        return None
    catalogue = retriever.store.catalogue
    rows: list[ItemRow] = []
    for passage in retriever.search(replace(question, filters=replace(filters, since=since, until=until)), _YEAR_EVIDENCE):
        row = catalogue.item(*_key(passage))
        if (row is None or row.closed or procedural_title(row.title) or row.municipality != first.municipality
                or _key(passage) in shown or row in rows):
            continue
        if subject & set(content_stems(row.title)):
            rows.append(row)
    if not rows:
        return None
    best = rows[0]
    case = [r for r in rows if r is best or (best.case_number and r.case_number == best.case_number)
            or names_same_case(retriever, best.title, r.title)]
    return min(case, key=lambda r: (-lean.of(r.committee, r.meeting_date), r.meeting_date or date.max)), True
