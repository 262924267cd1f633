"""Every object `qa` returns: answers with their citations, summaries, briefs, case timelines and
fact-check verdicts. One `to_json` / `from_json` each: the same objects feed the CLI's JSON (the
documented contract), the app, the summary cache and the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ingest.catalogue import MeetingRow
from ingest.filters import Filters
from ingest.types import SourceRef
from ingest.vocabulary import SectionKind

__all__ = [
    "Answer", "Brief", "BriefItem", "CheckResult", "Citation", "Filters", "MeetingSummary", "Passage", "Planned",
    "QuestionKind", "Statement", "Status", "SummaryItem", "Timeline", "Treatment", "Verdict",
]


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    ERROR = "error"


class QuestionKind(StrEnum):
    DECISION = "decision"  # what was decided
    VOTE = "vote"  # who voted how
    RECOMMENDATION = "recommendation"  # what the administration proposed
    FACT = "fact"  # anything else: amounts, dates, names, reasons


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    PARTLY_SUPPORTED = "partly_supported"
    NOT_FOUND = "not_found"


def _source_json(ref: SourceRef) -> dict:
    return {
        "source": ref.file_name, "file_sha256": ref.file_sha256, "page": ref.page, "line_start": ref.line_start,
        "line_end": ref.line_end, "char_start": ref.char_start, "char_end": ref.char_end, "municipality": ref.municipality,
        "committee": ref.committee, "meeting_date": ref.meeting_date.isoformat() if ref.meeting_date else None,
        "meeting_id": ref.meeting_id, "item_number": ref.item_number, "item_title": ref.item_title,
        "section": ref.section.value, "section_heading": ref.section_heading, "date_inferred": ref.date_inferred,
        "source_url": ref.source_url,
    }


def _source_from_json(data: dict) -> SourceRef:
    return SourceRef(
        data["source"], data.get("file_sha256", ""), data.get("page"), data.get("line_start"), data.get("line_end"),
        data["char_start"], data["char_end"], data.get("municipality"), data.get("committee"), data["meeting_id"],
        date.fromisoformat(data["meeting_date"]) if data.get("meeting_date") else None, data["item_number"],
        data["item_title"], SectionKind(data["section"]), data.get("section_heading", ""), bool(data.get("date_inferred")),
        data.get("source_url"),
    )


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its rank scores."""

    chunk_id: str
    text: str
    source: SourceRef
    score: float = 0.0  # fused reciprocal-rank score
    dense: float | None = None  # cosine similarity, when the dense search found it
    lexical: float | None = None  # BM25 score, when the lexical search found it

    def to_json(self, key: int) -> dict:
        return {"key": key, "chunk_id": self.chunk_id, **_source_json(self.source), "quote": self.text,
                "score": round(self.score, 5)}

    @classmethod
    def from_json(cls, data: dict) -> Passage:
        return cls(data.get("chunk_id", ""), data["quote"], _source_from_json(data), data.get("score", 0.0))


@dataclass(frozen=True)
class Citation:
    key: int
    source: SourceRef  # char_start / char_end narrowed to the quote itself
    quote: str
    verified: bool  # the quote is verbatim at source.char_start:char_end of the document

    def to_json(self) -> dict:
        return {"key": self.key, **_source_json(self.source), "quote": self.quote, "verified": self.verified}

    @classmethod
    def from_json(cls, data: dict) -> Citation:
        return cls(data["key"], _source_from_json(data), data["quote"], data["verified"])


@dataclass
class Answer:
    question: str
    status: Status
    answer: str  # with citation keys like [1]
    citations: list[Citation] = field(default_factory=list)
    evidence: list[Passage] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    language: str = "da"
    backend: str = "extractive"
    embedder: str = ""
    searched: str = ""  # what was searched, said when nothing was found
    removed_sentences: int = 0  # LLM sentences dropped because their cited passages did not support them
    timings: dict[str, float] = field(default_factory=dict)  # seconds
    meeting_id: str | None = None  # the meeting the answer is about (a summary, what is new): the app links to it

    def to_json(self) -> dict:
        return {
            "question": self.question, "status": self.status.value, "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "evidence": [p.to_json(i + 1) for i, p in enumerate(self.evidence)],
            "filters": self.filters.to_json(), "language": self.language, "backend": self.backend,
            "embedder": self.embedder, "searched": self.searched, "removed_sentences": self.removed_sentences,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()}, "meeting_id": self.meeting_id,
        }

    @classmethod
    def from_json(cls, data: dict) -> Answer:
        return cls(data["question"], Status(data["status"]), data["answer"],
                   [Citation.from_json(c) for c in data["citations"]], [Passage.from_json(p) for p in data["evidence"]],
                   Filters.from_json(data["filters"]), data["language"], data["backend"], data["embedder"],
                   data["searched"], data["removed_sentences"], {k: v / 1000 for k, v in data["timings_ms"].items()},
                   data.get("meeting_id"))


@dataclass
class Statement:
    """A piece of a summary, brief or timeline: verbatim text from the minutes and the citations placing it."""

    text: str
    citations: list[Citation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"text": self.text, "citations": [c.to_json() for c in self.citations]}

    @classmethod
    def from_json(cls, data: dict | None) -> Statement | None:
        return None if data is None else cls(data["text"], [Citation.from_json(c) for c in data["citations"]])

    def keys(self) -> str:
        return " ".join(f"[{c.key}]" for c in self.citations)


def _json(statement: Statement | None) -> dict | None:
    return statement.to_json() if statement else None


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
        return {"number": self.number, "title": self.title, "closed": self.closed, "case_number": self.case_number,
                "gist": _json(self.gist), "gist_is_recommendation": self.gist_is_recommendation,
                "decision": _json(self.decision)}

    @classmethod
    def from_json(cls, data: dict) -> SummaryItem:
        return cls(data["number"], data["title"], data["closed"], data["case_number"], Statement.from_json(data["gist"]),
                   data["gist_is_recommendation"], Statement.from_json(data["decision"]))


@dataclass
class MeetingSummary:
    meeting: MeetingRow
    items: list[SummaryItem]
    key_points: list[Statement]
    backend: str = "extractive"

    def to_markdown(self) -> str:
        from qa.export import to_markdown  # rendering lives with the other renderers

        return to_markdown(self)

    def statements(self) -> list[Statement]:
        """Every cited statement, in reading order."""
        return [s for i in self.items for s in (i.gist, i.decision) if s] + self.key_points

    def to_json(self) -> dict:
        return {"meeting": self.meeting.to_json(), "backend": self.backend,
                "items": [i.to_json() for i in self.items], "key_points": [k.to_json() for k in self.key_points]}

    @classmethod
    def from_json(cls, data: dict) -> MeetingSummary:
        return cls(MeetingRow.from_json(data["meeting"]), [SummaryItem.from_json(i) for i in data["items"]],
                   [Statement.from_json(k) for k in data["key_points"]], data.get("backend", "extractive"))


@dataclass
class Treatment:
    """One meeting's treatment of a case: the item, its decision and the recommendation it answered."""

    meeting: MeetingRow
    item_number: str
    item_title: str
    decision: Statement | None  # None: no decision recorded (an agenda, or not decided)
    recommendation: Statement | None

    def to_json(self) -> dict:
        return {"meeting": self.meeting.to_json(), "item_number": self.item_number, "item_title": self.item_title,
                "decision": _json(self.decision), "recommendation": _json(self.recommendation)}

    @classmethod
    def from_json(cls, data: dict) -> Treatment:
        return cls(MeetingRow.from_json(data["meeting"]), data["item_number"], data["item_title"],
                   Statement.from_json(data["decision"]), Statement.from_json(data["recommendation"]))


@dataclass
class Planned:
    when: date
    statement: Statement  # the sentence that plans it: not a decision

    def to_json(self) -> dict:
        return {"date": self.when.isoformat(), "kind": "planned, not a decision", **self.statement.to_json()}

    @classmethod
    def from_json(cls, data: dict) -> Planned:
        return cls(date.fromisoformat(data["date"]), Statement.from_json(data))


@dataclass
class Timeline:
    query: str
    treatments: list[Treatment] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)

    def municipalities(self) -> list[str]:
        """The municipalities whose meetings treated the case."""
        return sorted({t.meeting.municipality for t in self.treatments if t.meeting.municipality})

    def to_json(self) -> dict:
        return {"query": self.query, "municipalities": self.municipalities(),
                "treatments": [t.to_json() for t in self.treatments], "planned": [p.to_json() for p in self.planned]}

    @classmethod
    def from_json(cls, data: dict) -> Timeline:
        return cls(data["query"], [Treatment.from_json(t) for t in data["treatments"]],
                   [Planned.from_json(p) for p in data["planned"]])


@dataclass
class BriefItem:
    number: str
    title: str
    asks: Statement | None  # what the committee is asked to do (the administration's recommendation, not a decision)
    earlier: list[Treatment]  # the same case at meetings dated strictly before this one
    decision: Statement | None = None  # minutes: the decision taken at this meeting
    standing: bool = False  # a standing item ("Dagsorden", "Bordrunde"): no case history
    closed: bool = False  # a closed item: its title only

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title, "asks": _json(self.asks),
                "earlier": [t.to_json() for t in self.earlier], "decision": _json(self.decision),
                "standing": self.standing, "closed": self.closed}

    @classmethod
    def from_json(cls, data: dict) -> BriefItem:
        return cls(data["number"], data["title"], Statement.from_json(data["asks"]),
                   [Treatment.from_json(t) for t in data["earlier"]], Statement.from_json(data.get("decision")),
                   bool(data.get("standing")), bool(data.get("closed")))


@dataclass
class Brief:
    """A meeting prepared: for an agenda what each item asks and its history; for minutes the decisions first."""

    meeting: MeetingRow
    items: list[BriefItem]

    def statements(self) -> list[Statement]:
        """Every cited statement, in reading order."""
        return [s for i in self.items for s in (i.decision, i.asks, *(t.decision for t in i.earlier)) if s]

    def to_json(self) -> dict:
        return {"meeting": self.meeting.to_json(), "items": [i.to_json() for i in self.items]}

    @classmethod
    def from_json(cls, data: dict) -> Brief:
        return cls(MeetingRow.from_json(data["meeting"]), [BriefItem.from_json(i) for i in data["items"]])


@dataclass
class CheckResult:
    claim: str
    verdict: Verdict
    explanation: str
    citations: list[Citation] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # one line per check made
    language: str = "da"

    def to_json(self) -> dict:
        return {"claim": self.claim, "verdict": self.verdict.value, "explanation": self.explanation,
                "findings": self.findings, "citations": [c.to_json() for c in self.citations], "language": self.language}

    @classmethod
    def from_json(cls, data: dict) -> CheckResult:
        return cls(data["claim"], Verdict(data["verdict"]), data["explanation"],
                   [Citation.from_json(c) for c in data["citations"]], data["findings"], data["language"])
