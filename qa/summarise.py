"""Meeting summaries: every agenda item in order with a gist and its decision, then the key points,
every statement a verbatim quote of the minutes with its citation.

Offline (extractive) the gist is the first sentences of the item's Resume (else its case text, else the
recommendation, labelled) and the decision is the decision section's first sentences, verbatim. Summaries
are cached in the catalogue under the meeting's content hash, so a changed meeting gets a new one.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ingest.catalogue import MeetingRow
from ingest.store import Store
from ingest.vocabulary import SectionKind
from qa.citations import cite, sentences
from qa.types import Citation, Passage

log = logging.getLogger(__name__)

SUMMARY_VERSION = "s1"
NO_DECISION = "ingen beslutning"
_GIST_ORDER = (SectionKind.SUMMARY, SectionKind.CASE, SectionKind.RECOMMENDATION, SectionKind.ATTACHMENTS)
_MAX_QUOTE = 320  # characters of a gist or decision quote before the sentences stop
_SIGNAL = re.compile(
    r"stemme|stemte|imod|godkend|anbefal|forkast|udsat|udsæt|begærede|tiltr|vedtag|bevill|\d[\d.]*(?:,\d+)?\s*(?:kr|mio|mia|%)",
    re.IGNORECASE,
)


@dataclass
class Statement:
    """A piece of a summary: verbatim text from the minutes and the citations that place it."""

    text: str
    citations: list[Citation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"text": self.text, "citations": [c.to_json() for c in self.citations]}


@dataclass
class SummaryItem:
    number: str
    title: str
    closed: bool
    case_number: str | None
    gist: Statement | None
    gist_is_recommendation: bool
    decision: Statement | None  # None: the minutes record no decision for the item

    def to_json(self) -> dict:
        return {
            "number": self.number, "title": self.title, "closed": self.closed, "case_number": self.case_number,
            "gist": self.gist.to_json() if self.gist else None, "gist_is_recommendation": self.gist_is_recommendation,
            "decision": self.decision.to_json() if self.decision else None,
        }


@dataclass
class MeetingSummary:
    meeting: MeetingRow
    items: list[SummaryItem]
    key_points: list[Statement]
    backend: str = "extractive"

    def to_json(self) -> dict:
        return {
            "meeting": self.meeting.to_json(), "backend": self.backend,
            "items": [i.to_json() for i in self.items], "key_points": [k.to_json() for k in self.key_points],
        }

    def to_markdown(self) -> str:
        m = self.meeting
        when = m.meeting_date.strftime("%d-%m-%Y") if m.meeting_date else "udateret"
        lines = [f"# {m.committee or 'Møde'} {when}", "", f"{m.municipality or ''} · {m.kind} · {m.place or ''}".strip(" ·"), ""]
        for item in self.items:
            lines.append(f"## {item.number}. {item.title}")
            if item.closed:
                lines += ["Lukket punkt.", ""]
                continue
            if item.gist:
                label = "Indstilling (forslag): " if item.gist_is_recommendation else ""
                lines.append(f"{label}{item.gist.text} {_keys(item.gist)}")
            lines += [f"**Beslutning:** {item.decision.text} {_keys(item.decision)}" if item.decision
                      else f"**Beslutning:** {NO_DECISION}", ""]
        if self.key_points:
            lines += ["## Hovedpunkter", *[f"- {k.text} {_keys(k)}" for k in self.key_points], ""]
        sources = {c.key: c for s in self._statements() for c in s.citations}
        lines += ["## Kilder", *[f"[{k}] {c.source.label()}" for k, c in sorted(sources.items())]]
        return "\n".join(lines)

    def _statements(self) -> list[Statement]:
        out = [s for i in self.items for s in (i.gist, i.decision) if s]
        return out + self.key_points


def _keys(statement: Statement) -> str:
    return " ".join(f"[{c.key}]" for c in statement.citations)


class CitationKeys:
    """One numbering of citations for the whole summary."""

    def __init__(self) -> None:
        self.next = 1

    def quote(self, passage: Passage, spans: list[tuple[int, int]]) -> Statement:
        citations = []
        for start, end in spans:
            citations.append(cite(passage, self.next, start, end))
            self.next += 1
        return Statement(" ".join(c.quote for c in citations), citations)


def leading_sentences(passage: Passage, limit: int = _MAX_QUOTE, at_most: int = 2) -> list[tuple[int, int]]:
    """The first sentences of a passage, at most `at_most` and about `limit` characters."""
    spans: list[tuple[int, int]] = []
    for start, end in sentences(passage.text):
        if spans and (len(spans) >= at_most or end - spans[0][0] > limit):
            break
        spans.append((start, end))
    return spans


def _passages_by_item(store: Store, meeting_id: str) -> dict[tuple[str, str], dict[SectionKind, list[Passage]]]:
    grouped: dict[tuple[str, str], dict[SectionKind, list[Passage]]] = defaultdict(lambda: defaultdict(list))
    for chunk in sorted(store.chunks({"meeting_id": meeting_id}), key=lambda c: c.source.char_start):
        ref = chunk.source
        grouped[(ref.item_number, ref.item_title)][ref.section].append(Passage(chunk.id, chunk.text, ref, 0.0))
    return grouped


def build_summary(store: Store, meeting: MeetingRow) -> MeetingSummary:
    keys = CitationKeys()
    grouped = _passages_by_item(store, meeting.id)
    items: list[SummaryItem] = []
    candidates: list[tuple[int, Passage, tuple[int, int]]] = []
    for row in store.catalogue.items(meeting.id):
        sections = grouped.get((row["number"], row["title"]), {})
        if row["closed"]:
            items.append(SummaryItem(row["number"], row["title"], True, None, None, False, None))
            continue
        gist, from_recommendation = None, False
        for kind in _GIST_ORDER:
            if sections.get(kind):
                passage = sections[kind][0]
                gist, from_recommendation = keys.quote(passage, leading_sentences(passage)), kind is SectionKind.RECOMMENDATION
                break
        decision = None
        if sections.get(SectionKind.DECISION):
            passage = sections[SectionKind.DECISION][0]
            decision = keys.quote(passage, leading_sentences(passage, at_most=3))
            for passage in sections[SectionKind.DECISION]:
                candidates += [(len(_SIGNAL.findall(passage.text[s:e])), passage, (s, e)) for s, e in sentences(passage.text)]
        for passage in sections.get(SectionKind.SUMMARY, [])[:1]:
            candidates += [(len(_SIGNAL.findall(passage.text[s:e])) - 1, passage, (s, e)) for s, e in sentences(passage.text)]
        items.append(SummaryItem(row["number"], row["title"], False, row["case_number"], gist, from_recommendation, decision))
    key_points = _key_points(candidates, keys)
    return MeetingSummary(meeting, items, key_points)


def _key_points(candidates: list[tuple[int, Passage, tuple[int, int]]], keys: CitationKeys) -> list[Statement]:
    """3-8 sentences that carry votes, amounts and approvals, in meeting order."""
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
            points.append(keys.quote(passage, [span]))
    return points


def summarize(store: Store, meeting_id: str, use_cache: bool = True, llm=None, backend: str = "extractive") -> MeetingSummary:
    """The meeting's summary, from the cache when the meeting has not changed since it was made. With an
    LLM, each item's gist is rewritten as prose from the same cited passages and checked like answers."""
    meeting = store.catalogue.meeting(meeting_id)
    if meeting is None:
        raise KeyError(f"no meeting with id {meeting_id!r} (see python -m qa meetings)")
    backend = backend if llm is not None else "extractive"
    cache_key = f"{SUMMARY_VERSION}:{meeting.content_hash}"
    if use_cache:
        cached = store.catalogue.cached_summary(meeting_id, backend, cache_key)
        if cached:
            summary = _from_json(meeting, json.loads(cached))
            summary.backend = backend
            return summary
    summary = build_summary(store, meeting)
    if llm is not None:
        summary.backend = backend
        for item in summary.items:
            if item.gist and not item.gist_is_recommendation:
                item.gist = _llm_gist(llm, item, store) or item.gist
    store.catalogue.store_summary(meeting_id, backend, cache_key, json.dumps(_to_cache(summary), ensure_ascii=False))
    return summary


def _llm_gist(llm, item: SummaryItem, store: Store) -> Statement | None:
    """The LLM's gist of the item from the passages the extractive gist quoted; None unless every sentence
    cites a given passage and its numbers and names are in it."""
    from langchain_core.messages import HumanMessage

    from qa.citations import parse_keys
    from qa.llm_answer import format_passages, unsupported_facts
    from qa.prompts import load_prompt

    ids = list(dict.fromkeys(c.source.char_start for c in item.gist.citations))
    chunks = [c for c in store.chunks({"meeting_id": item.gist.citations[0].source.meeting_id})
              if any(c.source.char_start <= start < c.source.char_end for start in ids)]
    passages = [Passage(c.id, c.text, c.source, 0.0) for c in chunks]
    if not passages:
        return None
    prompt = load_prompt("gist", frozenset({"title", "passages"})).format(title=item.title, passages=format_passages(passages, "da"))
    try:
        reply = llm.invoke([HumanMessage(prompt)])
    except Exception as exc:  # a failing backend leaves the extractive gist in place
        log.warning("LLM gist failed for item %s: %s", item.number, exc)
        return None
    text, keys = parse_keys(str(reply.content), len(passages))
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", text) if p.strip()]
    for part in parts:
        cited = [passages[int(k) - 1] for k in re.findall(r"\[(\d+)\]", part) if 1 <= int(k) <= len(passages)]
        if not cited or unsupported_facts(part, cited):
            log.info("LLM gist sentence not supported, extractive gist kept: %s", part)
            return None
    if not parts:
        return None
    return Statement(text, [cite(passages[k - 1], k) for k in keys])


def _to_cache(summary: MeetingSummary) -> dict:
    def statement(s: Statement | None):
        return None if s is None else {"text": s.text, "citations": [_citation_json(c) for c in s.citations]}

    return {
        "items": [{"number": i.number, "title": i.title, "closed": i.closed, "case_number": i.case_number,
                   "gist": statement(i.gist), "gist_is_recommendation": i.gist_is_recommendation,
                   "decision": statement(i.decision)} for i in summary.items],
        "key_points": [statement(k) for k in summary.key_points],
    }


def _citation_json(c: Citation) -> dict:
    return {"key": c.key, "quote": c.quote, "verified": c.verified, "source": c.source.to_metadata()}


def _from_json(meeting: MeetingRow, data: dict) -> MeetingSummary:
    from ingest.types import SourceRef

    def statement(d):
        if d is None:
            return None
        return Statement(d["text"], [Citation(c["key"], SourceRef.from_metadata(c["source"]), c["quote"], c["verified"])
                                     for c in d["citations"]])

    items = [SummaryItem(i["number"], i["title"], i["closed"], i["case_number"], statement(i["gist"]),
                         i["gist_is_recommendation"], statement(i["decision"])) for i in data["items"]]
    return MeetingSummary(meeting, items, [statement(k) for k in data["key_points"]])
