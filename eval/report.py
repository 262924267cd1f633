"""Metrics over results and their Markdown tables; the failure list."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable

from eval.gold import ItemGold
from eval.score import ClaimResult, QuestionResult, SummaryResult

VERDICTS = ("supported", "contradicted", "partly_supported", "not_found")


def _share(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.2f}" if values else "-"


def _pct(values: list[float], q: int) -> str:
    values = [v for v in values if v is not None]
    return f"{statistics.quantiles(values, n=100)[q - 1]:.0f}" if len(values) > 1 else "-"


def question_metrics(results: list[QuestionResult]) -> dict[str, str]:
    """The metrics of one system over some questions."""
    answerable = [r for r in results if not r.question.not_found]
    absent = [r for r in results if r.question.not_found]
    ranks = [r.rank for r in answerable]
    # items only: a dev-set gold is every occurrence of an anchor, so its "share" would mean nothing
    multi = [r.share10 for r in answerable if len(r.question.golds) > 1 and isinstance(r.question.golds[0], ItemGold)]
    said_nf = sum(r.status == "not_found" for r in answerable)
    with_facts = [r for r in answerable if r.question.facts]
    cites = [ok for r in results for ok in r.citations_verbatim]

    def over(k: int, values: list) -> str:
        return f"{values.count(k) / len(answerable):.2f}" if answerable else "-"

    return {
        "questions (answerable / not in corpus)": f"{len(answerable)} / {len(absent)}",
        "hit@1": over(1, ranks),
        "hit@5": f"{sum(r is not None and r <= 5 for r in ranks) / len(ranks):.2f}" if ranks else "-",
        "MRR@10": f"{sum(1 / r for r in ranks if r) / len(ranks):.2f}" if ranks else "-",
        "gold items found in top 10 (multi-item questions)": f"{sum(multi) / len(multi):.2f}" if multi else "-",
        "key facts": _share([r.facts_ok for r in with_facts]),
        "not in corpus answered not found": _share([r.status == "not_found" for r in absent]),
        "answerable said not found": f"{said_nf} ({said_nf / len(answerable):.2f})" if answerable else "-",
        "citation precision": _share(cites),
        "retrieval p50 / p95 ms": f"{_pct([r.retrieval_ms for r in results], 50)} / {_pct([r.retrieval_ms for r in results], 95)}",
        "answer p50 / p95 ms": f"{_pct([r.total_ms for r in results], 50)} / {_pct([r.total_ms for r in results], 95)}",
    }


def by_system(results: list[QuestionResult]) -> dict[str, list[QuestionResult]]:
    systems: dict[str, list[QuestionResult]] = {}
    for r in results:
        systems.setdefault(r.system, []).append(r)
    return systems


def side_by_side(results: list[QuestionResult], missing_baseline: str | None = None) -> str:
    """Metric rows × system columns; `missing_baseline` fills the baseline column when it was not run."""
    rows = {name: question_metrics(rs) for name, rs in by_system(results).items()}
    if missing_baseline and "naive baseline" not in rows:
        rows["naive baseline"] = {k: missing_baseline for k in next(iter(rows.values()))}
    names = list(rows)
    lines = [f"| metric | {' | '.join(names)} |", f"|---|{'---|' * len(names)}"]
    for metric in rows[names[0]]:
        lines.append(f"| {metric} | {' | '.join(rows[n][metric] for n in names)} |")
    return "\n".join(lines)


GROUP_COLUMNS = ("hit@1", "hit@5", "MRR@10", "gold items found in top 10 (multi-item questions)", "key facts",
                 "not in corpus answered not found", "answerable said not found")
SHORT = {"gold items found in top 10 (multi-item questions)": "gold@10", "not in corpus answered not found": "NF ok",
         "answerable said not found": "said NF"}


def grouped(results: list[QuestionResult], groups: dict[str, Callable[[QuestionResult], bool]]) -> str:
    """One row per group: n, Referent's metrics, then the baseline's hit@5 / MRR@10 / key facts."""
    systems = by_system(results)
    ours = systems.get("Referent", [])
    naive = systems.get("naive baseline", [])
    head = ["group", "n", *(SHORT.get(c, c) for c in GROUP_COLUMNS), "naive hit@5", "naive MRR@10", "naive key facts"]
    lines = [f"| {' | '.join(head)} |", f"|{'---|' * len(head)}"]
    for name, keep in groups.items():
        mine = [r for r in ours if keep(r)]
        if not mine:
            continue
        m = question_metrics(mine)
        b = question_metrics([r for r in naive if keep(r)]) if naive else {}
        cells = [name, str(len(mine)), *(m[c] for c in GROUP_COLUMNS),
                 *(b.get(c, "not built") for c in ("hit@5", "MRR@10", "key facts"))]
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines)


def type_and_language_groups(results: list[QuestionResult]) -> dict[str, Callable[[QuestionResult], bool]]:
    kinds = sorted({r.question.kind for r in results})
    langs = sorted({r.question.lang for r in results})
    groups: dict[str, Callable[[QuestionResult], bool]] = {"all": lambda r: True}
    groups.update({f"type {k}": (lambda r, k=k: r.question.kind == k) for k in kinds})
    groups.update({f"lang {lang}": (lambda r, lang=lang: r.question.lang == lang) for lang in langs})
    return groups


def claims_table(results: list[ClaimResult]) -> str:
    """Verdict accuracy, the false-claims-called-supported counts and the expected × got matrix."""
    n = len(results)
    ok = sum(r.got == r.expected for r in results)
    contra = sum(r.expected == "contradicted" and r.got == "supported" for r in results)
    false = sum(r.expected != "supported" and r.got == "supported" for r in results)
    lines = ["| metric | Referent |", "|---|---|", f"| claims | {n} |",
             f"| verdict accuracy | {ok / n:.2f} ({ok}/{n}) |" if n else "| verdict accuracy | - |",
             *(f"| verdict accuracy, {lang} | {_share([r.got == r.expected for r in results if r.lang == lang])} |"
               for lang in sorted({r.lang for r in results})),
             f"| contradicted claim called supported | {contra} |",
             f"| any not-supported claim called supported | {false} |", ""]
    got_values = [*VERDICTS, *sorted({r.got for r in results} - set(VERDICTS))]
    counts = Counter((r.expected, r.got) for r in results)
    lines += [f"| expected \\ got | {' | '.join(got_values)} |", f"|---|{'---|' * len(got_values)}"]
    for expected in VERDICTS:
        if any(r.expected == expected for r in results):
            lines.append(f"| {expected} | {' | '.join(str(counts[(expected, g)]) for g in got_values)} |")
    return "\n".join(lines)


def summaries_table(results: list[SummaryResult]) -> str:
    lines = ["| meeting | date | key points found | note |", "|---|---|---|---|"]
    found = total = 0
    for r in results:
        hits = sum(ok for _, _, ok in r.points)
        found, total = found + hits, total + len(r.points)
        lines.append(f"| {r.committee} | {r.meeting_date} | {hits}/{len(r.points)} | {r.error or ''} |")
    recall = f"{found / total:.2f}" if total else "-"
    lines.append(f"| **key-point recall** | | **{recall}** ({found}/{total}) | |")
    return "\n".join(lines)


def question_failures(results: list[QuestionResult]) -> list[str]:
    """One line per Referent failure: id, type, language, status, rank, missing facts, the answer's start."""
    out = []
    for r in results:
        if r.system != "Referent" or not r.failed:
            continue
        q = r.question
        what = "should be not found" if q.not_found else f"rank={r.rank} missing={r.missing}"
        out.append(f"{q.id} [{q.kind}/{q.lang}] status={r.status} {what} q={q.text!r} "
                   f"answer={' '.join(r.answer.split())[:160]!r}")
    return out


def claim_failures(results: list[ClaimResult]) -> list[str]:
    return [f"{r.id} [{r.lang}] expected={r.expected} got={r.got} claim={r.claim!r} "
            f"why={' '.join(r.explanation.split())[:160]!r}" for r in results if r.got != r.expected]


def summary_failures(results: list[SummaryResult]) -> list[str]:
    return [f"{r.committee} {r.meeting_date}: missing {keywords} ({point})"
            for r in results for point, keywords, ok in r.points if not ok]
