"""Meeting summaries: every agenda item in order with a gist and its decision, then the key points,
every statement a verbatim quote of the minutes with its citation.

Offline (extractive) the gist is the first sentences of the item's Resume (else its case text, else the
recommendation, labelled) and the decision is the decision section's first sentences, verbatim. With an
LLM, each gist is rewritten as prose from the same passages and checked (`qa.generation`). Summaries are
cached in the catalogue under the meeting's content hash and the backend that made them (the settings
that shape a summary), so a changed meeting or another LLM gets a new one.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict

from ingest.catalogue import MeetingRow
from ingest.store import Store
from ingest.vocabulary import SectionKind, reads_as_instructions, section_kind_of
from qa.citations import CitationRegistry, cite
from qa.generation import ChatModel, checked_generation, format_passages
from qa.retrieval import meeting_passages
from qa.types import MeetingSummary, Passage, Statement, SummaryItem
from qa.vocabulary.cues import key_point_signals
from qa.vocabulary.sentences import sentences

log = logging.getLogger(__name__)

SUMMARY_VERSION = "s4"  # s3: a statement's adjacent sentences cited once; s4: a gist from the section's own Resume
NO_DECISION = "ingen beslutning"
_GIST_ORDER = (SectionKind.SUMMARY, SectionKind.CASE, SectionKind.RECOMMENDATION, SectionKind.ATTACHMENTS)
_MAX_QUOTE = 320  # characters of a gist or decision quote before the sentences stop
_MAX_BLOCK = 900  # characters of a recommendation or decision quoted whole in a brief


def leading_sentences(passage: Passage, limit: int = _MAX_QUOTE, at_most: int = 2,
                      within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The first sentences of a passage (or of its characters `within`), at most `at_most` and about `limit`
    characters."""
    low, high = within or (0, len(passage.text))
    spans: list[tuple[int, int]] = []
    for start, end in sentences(passage.text[low:high]):
        start, end = start + low, end + low
        if spans and (len(spans) >= at_most or end - spans[0][0] > limit):
            break
        if not reads_as_instructions(passage.text[start:end]):  # planted text is never a gist or a decision
            spans.append((start, end))
    return spans


def inner_sections(text: str) -> list[tuple[SectionKind | None, int, int]]:
    """The parts of a passage that its own lines head as sections of the minutes, (kind, start, end) with the
    heading line left out: Greve's portal writes one "Fremstilling" whose bold paragraphs "Sagsprocedure",
    "Resume", "Sagsfremstilling" head its parts. Text before the first such line is a part of kind None.
    Empty when no line heads a part."""
    parts: list[tuple[SectionKind | None, int, int]] = []
    kind: SectionKind | None = None
    start = offset = 0
    for line in text.splitlines(keepends=True):
        heading = section_kind_of(line) if line.strip() else None
        if heading is not None:
            parts.append((kind, start, offset))
            kind, start = heading, offset + len(line)
        offset += len(line)
    if not parts:
        return []
    parts.append((kind, start, len(text)))
    return [(k, a, b) for k, a, b in parts if any(c.isalnum() for c in text[a:b])]


def gist_spans(passage: Passage) -> list[tuple[int, int]]:
    """The gist of an item from its first passage of the kind chosen: the first sentences of the passage's own
    Resume part when its lines head parts, else of its first part that is neither procedure nor history
    ("Sagsprocedure / Økonomiudvalget og Byrådet" says who treats the case, not what it is), else of the
    passage."""
    parts = inner_sections(passage.text)
    chosen = (next((p for p in parts if p[0] is SectionKind.SUMMARY), None)
              or next((p for p in parts if p[0] in (None, SectionKind.CASE)), None))
    return leading_sentences(passage, within=chosen[1:] if chosen else None)


def lead_statement(registry: CitationRegistry, passages: list[Passage], at_most: int = 3) -> Statement | None:
    """The first sentences of the first passage, quoted (None when there is no passage)."""
    return registry.statement(passages[0], leading_sentences(passages[0], at_most=at_most)) if passages else None


def block_statement(registry: CitationRegistry, passages: list[Passage], limit: int = _MAX_BLOCK) -> Statement | None:
    """The first passage with any words, whole or its leading sentences up to about `limit` characters, quoted as
    one block with one citation (a recommendation's "At 1) ... At 2) ..." stays together). None when there is
    no such passage (an empty decision field, ".")."""
    passage = next((p for p in passages if any(c.isalnum() for c in p.text)), None)
    if passage is None:
        return None
    spans = leading_sentences(passage, limit=limit, at_most=len(passage.text))
    if not spans:
        return None
    runs = [spans[0]]  # one quote, unless a sentence left out (one reading as instructions) lies between
    for start, end in spans[1:]:
        if any(runs[-1][1] < s < start for s, _ in sentences(passage.text)):
            runs.append((start, end))
        else:
            runs[-1] = (runs[-1][0], end)
    return registry.statement(passage, runs)


def _passages_by_item(store: Store, meeting_id: str) -> dict[tuple[str, str], dict[SectionKind, list[Passage]]]:
    grouped: dict[tuple[str, str], dict[SectionKind, list[Passage]]] = defaultdict(lambda: defaultdict(list))
    for passage in meeting_passages(store, meeting_id):
        ref = passage.source
        grouped[(ref.item_number, ref.item_title)][ref.section].append(passage)
    return grouped


def build_summary(store: Store, meeting: MeetingRow) -> MeetingSummary:
    registry = CitationRegistry()
    grouped = _passages_by_item(store, meeting.id)
    items: list[SummaryItem] = []
    candidates: list[tuple[int, Passage, tuple[int, int]]] = []
    for row in store.catalogue.items(meeting.id):
        if row.closed:
            items.append(SummaryItem(row.number, row.title, True, None, None, False, None))
            continue
        sections = grouped.get((row.number, row.title), {})
        gist, from_recommendation = None, False
        for kind in _GIST_ORDER:
            if sections.get(kind):
                passage = sections[kind][0]
                gist, from_recommendation = registry.statement(passage, gist_spans(passage)), kind is SectionKind.RECOMMENDATION
                break
        decision = lead_statement(registry, sections.get(SectionKind.DECISION, []))
        for passage in sections.get(SectionKind.DECISION, []):
            candidates += [(key_point_signals(passage.text[s:e]), passage, (s, e)) for s, e in sentences(passage.text)]
        for passage in sections.get(SectionKind.SUMMARY, [])[:1]:
            candidates += [(key_point_signals(passage.text[s:e]) - 1, passage, (s, e)) for s, e in sentences(passage.text)]
        items.append(SummaryItem(row.number, row.title, False, row.case_number, gist, from_recommendation, decision))
    return MeetingSummary(meeting, items, _key_points(candidates, registry))


def _key_points(candidates: list[tuple[int, Passage, tuple[int, int]]], registry: CitationRegistry) -> list[Statement]:
    """3-8 sentences that carry votes, amounts and approvals, in meeting order."""
    # a sentence speaking to a language model is never a key point (issue 14: an injected passage was one)
    candidates = [c for c in candidates if not reads_as_instructions(c[1].text[c[2][0]:c[2][1]])]
    strong = [c for c in candidates if c[0] > 0 and len(c[1].text[c[2][0]:c[2][1]]) >= 12]
    per_item: Counter[tuple[str, str]] = Counter()
    chosen = []
    for candidate in sorted(strong, key=lambda c: -c[0]):  # the strongest first, at most two per item
        item = (candidate[1].source.item_number, candidate[1].source.item_title)
        if per_item[item] < 2 and len(chosen) < 8:
            per_item[item] += 1
            chosen.append(candidate)
    if len(chosen) < 3:
        rest = [c for c in candidates if c not in chosen and len(c[1].text[c[2][0]:c[2][1]]) >= 12]
        chosen += rest[: 3 - len(chosen)]
    chosen.sort(key=lambda c: (c[1].source.char_start, c[2][0]))
    seen: set[str] = set()
    points = []
    for _, passage, span in chosen:
        text = passage.text[span[0]:span[1]]
        if text not in seen:
            seen.add(text)
            points.append(registry.statement(passage, [span]))
    return points


def summarize(store: Store, meeting_id: str, use_cache: bool = True, llm: ChatModel | None = None,
              backend: str = "extractive") -> MeetingSummary:
    """The meeting's summary, from the cache when neither the meeting nor the backend changed since it was
    made. With an LLM, each item's gist is rewritten as prose from the same cited passages and checked."""
    meeting = store.catalogue.meeting(meeting_id)
    if meeting is None:
        raise KeyError(f"no meeting with id {meeting_id!r} (see python -m qa meetings)")
    backend = backend if llm is not None else "extractive"
    cache_key = f"{SUMMARY_VERSION}:{meeting.content_hash}"
    if use_cache and (cached := store.catalogue.cached_summary(meeting_id, backend, cache_key)):
        return MeetingSummary.from_json(json.loads(cached))
    summary = build_summary(store, meeting)
    if llm is not None:
        summary.backend = backend
        for item in summary.items:
            if item.gist and not item.gist_is_recommendation:
                item.gist = _llm_gist(llm, item, store) or item.gist
    store.catalogue.store_summary(meeting_id, backend, cache_key, json.dumps(summary.to_json(), ensure_ascii=False))
    return summary


def _llm_gist(llm: ChatModel, item: SummaryItem, store: Store) -> Statement | None:
    """The LLM's gist of the item from the passages the extractive gist quoted; None unless every sentence
    cites a given passage and its numbers and names are in it."""
    starts = {c.source.char_start for c in item.gist.citations}
    passages = [p for p in meeting_passages(store, item.gist.citations[0].source.meeting_id)
                if any(p.source.char_start <= start < p.source.char_end for start in starts)]
    if not passages:
        return None
    try:
        checked = checked_generation(llm, "gist", {"title": item.title, "passages": format_passages(passages, "da")}, passages)
    except Exception as exc:  # a failing backend leaves the extractive gist in place
        log.warning("LLM gist failed for item %s: %s", item.number, exc)
        return None
    if checked.removed or not checked.text:
        log.info("LLM gist not supported, extractive gist kept: %s", checked.raw)
        return None
    return Statement(checked.text, [cite(passages[k - 1], k) for k in checked.cited])
