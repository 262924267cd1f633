"""Running the systems over a question, claim or summary set and recording one result per record.

Scoring rules (see eval.gold): the rank of a Referent answer is the 1-based position of the first passage
hitting the gold in (its citations, then the rest of its evidence); the baseline's is the position among its
top-10 chunks. Key facts: every fact string in the answer text (the baseline's: in its best chunk).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from eval.gold import Gold, Loc, first_hit, gold_share, missing_facts, norm

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Question:
    """One question of any set, in one shape."""

    id: str
    text: str
    kind: str  # the set's type (open set) or kind (dev set)
    lang: str
    facts: list[str]
    golds: list[Gold]
    not_found: bool  # the minutes do not answer it
    split: str | None = None


@dataclass
class QuestionResult:
    question: Question
    system: str
    status: str  # answered | not_found | error
    answer: str
    rank: int | None = None  # of the first gold hit in the top 10
    share10: float = 0.0  # of the gold entries hit in the top 10
    missing: list[str] = field(default_factory=list)
    citations_verbatim: list[bool] = field(default_factory=list)
    retrieval_ms: float | None = None
    total_ms: float | None = None

    @property
    def facts_ok(self) -> bool:
        return self.status == "answered" and not self.missing

    @property
    def failed(self) -> bool:
        q = self.question
        if q.not_found:
            return self.status != "not_found"
        return self.rank != 1 or not self.facts_ok


def ranked_locations(answer) -> list:
    """What the answer cites, then the rest of its evidence (passages containing a citation left out)."""
    ranked = [c.source for c in answer.citations]
    ranked += [p.source for p in answer.evidence
               if not any(p.source.file_name == c.source.file_name
                          and p.source.char_start <= c.source.char_start < p.source.char_end for c in answer.citations)]
    return ranked


def ask_referent(answerer, q: Question, source_text: Callable[[str], str | None]) -> QuestionResult:
    """Ask Referent one question and score it."""
    answer = answerer.ask(q.text)
    result = QuestionResult(q, "Referent", answer.status.value, answer.answer,
                            retrieval_ms=answer.timings.get("retrieval", 0) * 1000,
                            total_ms=answer.timings.get("total", 0) * 1000)
    for citation in answer.citations:
        ref = citation.source
        text = source_text(ref.file_name)
        verbatim = text is not None and text[ref.char_start : ref.char_end] == citation.quote
        # the quote stands in the answer (extractive) or backs the sentence citing it (LLM; checked when answering)
        supports = norm(citation.quote) in norm(answer.answer) or answer.backend != "extractive"
        result.citations_verbatim.append(verbatim and supports)
    if not q.not_found:
        ranked = ranked_locations(answer)
        result.rank = first_hit(ranked, q.golds)
        result.share10 = gold_share(ranked, q.golds)
        result.missing = missing_facts(q.facts, answer.answer, q.lang == "en")
    return result


def ask_baseline(baseline, q: Question, locate: Callable[[object], Loc],
                 source_text: Callable[[str], str | None]) -> QuestionResult:
    """The naive baseline's top-10 chunks for one question; its answer is the best chunk."""
    started = time.perf_counter()
    hits = baseline.search(q.text)
    ms = (time.perf_counter() - started) * 1000
    best = hits[0].text if hits else ""
    result = QuestionResult(q, "naive baseline", "answered" if hits else "not_found", best, retrieval_ms=ms, total_ms=ms)
    if hits:
        text = source_text(hits[0].file_name)
        result.citations_verbatim.append(text is not None and text[hits[0].char_start : hits[0].char_end] == best)
    if not q.not_found:
        ranked = [locate(h) for h in hits]
        result.rank = first_hit(ranked, q.golds)
        result.share10 = gold_share(ranked, q.golds)
        result.missing = missing_facts(q.facts, best, q.lang == "en")
    return result


def run_questions(questions: list[Question], answerer, source_text: Callable[[str], str | None],
                  baseline=None, locate: Callable[[object], Loc] | None = None) -> list[QuestionResult]:
    """Every question through Referent (and the baseline when given); results in question order."""
    results: list[QuestionResult] = []
    answerer.ask("opvarmning")  # load the lexical index once, as a running service would have it
    for n, q in enumerate(questions, start=1):
        try:
            results.append(ask_referent(answerer, q, source_text))
        except Exception as exc:  # one failing question is a failure to report, not a crash
            log.exception("%s failed", q.id)
            results.append(QuestionResult(q, "Referent", "error", f"{type(exc).__name__}: {exc}"))
        if baseline is not None:
            results.append(ask_baseline(baseline, q, locate or (lambda h: h), source_text))
        if n % 50 == 0:
            log.info("%d / %d questions", n, len(questions))
    return results


# -- claims ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimResult:
    id: str
    claim: str
    expected: str
    got: str
    explanation: str
    lang: str = "da"
    split: str | None = None


def run_claims(claims: list[dict], answerer) -> list[ClaimResult]:
    from qa.factcheck import check_claim

    out = []
    for claim in claims:
        try:
            result = check_claim(answerer, claim["claim"])
            got, why, lang = result.verdict.value, result.explanation, claim.get("lang", result.language)
        except Exception as exc:
            log.exception("%s failed", claim["id"])
            got, why, lang = "error", f"{type(exc).__name__}: {exc}", claim.get("lang", "da")
        out.append(ClaimResult(claim["id"], claim["claim"], claim["expected"], got, why, lang, claim.get("split")))
    return out


# -- summaries ---------------------------------------------------------------------------------------
@dataclass
class SummaryResult:
    file: str
    meeting_date: str
    committee: str
    points: list[tuple[str, list[str], bool]] = field(default_factory=list)  # point, keywords, all found
    error: str | None = None
    ms: float | None = None


def summary_text(markdown: str) -> str:
    """The summary's own text: the Markdown without its list of sources."""
    return markdown.split("\n## Kilder", 1)[0]


def run_summaries(summaries: list[dict], store) -> list[SummaryResult]:
    """Summarise each meeting (found in the catalogue by file name and date) and score key-point recall."""
    from qa.summarise import summarize

    meetings = store.catalogue.meetings()
    out = []
    for record in summaries:
        result = SummaryResult(record["file"], record["meeting_date"], record.get("committee", ""))
        rows = [m for m in meetings if m.file_name == record["file"]]
        row = next((m for m in rows if str(m.meeting_date) == record["meeting_date"]), rows[0] if rows else None)
        text = ""
        if row is None:
            result.error = "meeting not in the store"
        else:
            try:
                started = time.perf_counter()
                text = norm(summary_text(summarize(store, row.id).to_markdown()))
                result.ms = (time.perf_counter() - started) * 1000
            except Exception as exc:
                log.exception("summary of %s failed", record["file"])
                result.error = f"{type(exc).__name__}: {exc}"
        for point in record["key_points"]:
            found = bool(text) and all(norm(k) in text for k in point["keywords"])
            result.points.append((point["point"], point["keywords"], found))
        out.append(result)
    return out
