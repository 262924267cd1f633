"""Rendering summaries, briefs and timelines as plain text for the terminal and as Markdown for export
(the app renders its own views)."""

from __future__ import annotations

from ingest.catalogue import MeetingRow
from qa.summarise import NO_DECISION
from qa.types import Brief, MeetingSummary, Statement, Timeline


def _meeting(m: MeetingRow) -> str:
    when = m.meeting_date.strftime("%d-%m-%Y") if m.meeting_date else "udateret"
    return f"{m.municipality or '-'}, {m.committee or '-'} {when} ({m.kind.value})"


def _cited(statement: Statement) -> str:
    return f"«{statement.text}» " + " ".join(f"[{c.key}]" for c in statement.citations)


def _sources(statements: list[Statement]) -> list[str]:
    citations = {c.key: c for s in statements for c in s.citations}
    return [f"  [{k}] {c.source.label()}" for k, c in sorted(citations.items())]


def render_summary(summary: MeetingSummary) -> str:
    m = summary.meeting
    lines = [_meeting(m) + (f", {m.place}" if m.place else ""), ""]
    for item in summary.items:
        lines.append(f"{item.number}. {item.title}")
        if item.closed:
            lines.append("   Lukket punkt.")
            continue
        if item.gist:
            lines.append(f"   {'Indstilling (forslag): ' if item.gist_is_recommendation else ''}{_cited(item.gist)}")
        lines.append(f"   Beslutning: {_cited(item.decision) if item.decision else NO_DECISION}")
    if summary.key_points:
        lines += ["", "Hovedpunkter:", *[f" - {_cited(k)}" for k in summary.key_points]]
    return "\n".join(lines + ["", "Kilder:", *_sources(summary.statements())])


def render_brief(brief: Brief) -> str:
    lines = [f"Forberedelse: {_meeting(brief.meeting)}", ""]
    statements: list[Statement] = []
    for item in brief.items:
        lines.append(f"{item.number}. {item.title}")
        if item.asks:
            lines.append(f"   Indstilling: {_cited(item.asks)}")
            statements.append(item.asks)
        for earlier in item.earlier:
            outcome = _cited(earlier.decision) if earlier.decision else NO_DECISION
            lines.append(f"   Tidligere: {_meeting(earlier.meeting)}, pkt. {earlier.item_number}: {outcome}")
            statements += [s for s in (earlier.decision,) if s]
        if not item.asks and not item.earlier:
            lines.append("   (ingen indstilling og ingen tidligere behandling fundet)")
    return "\n".join(lines + ["", "Kilder:", *_sources(statements)])


def render_timeline(timeline: Timeline) -> str:
    if not timeline.treatments:
        return f"Ingen møder i referaterne behandlede «{timeline.query}»."
    lines = [f"Sagen «{timeline.query}»:", ""]
    statements: list[Statement] = []
    for t in timeline.treatments:
        outcome = _cited(t.decision) if t.decision else NO_DECISION
        lines.append(f"{_meeting(t.meeting)}, pkt. {t.item_number} «{t.item_title}»: {outcome}")
        statements += [s for s in (t.decision,) if s]
    if timeline.planned:
        lines += ["", "Planlagt (ikke beslutninger):"]
        for p in timeline.planned:
            lines.append(f" - {p.when.strftime('%d-%m-%Y')}: {_cited(p.statement)}")
            statements.append(p.statement)
    return "\n".join(lines + ["", "Kilder:", *_sources(statements)])


def summary_markdown(summary: MeetingSummary) -> str:
    """The summary as Markdown: items with gist and decision, key points, and the sources of every key."""
    m = summary.meeting
    when = m.meeting_date.strftime("%d-%m-%Y") if m.meeting_date else "udateret"
    lines = [f"# {m.committee or 'Møde'} {when}", "", f"{m.municipality or ''} · {m.kind.value} · {m.place or ''}".strip(" ·"), ""]
    for item in summary.items:
        lines.append(f"## {item.number}. {item.title}")
        if item.closed:
            lines += ["Lukket punkt.", ""]
            continue
        if item.gist:
            label = "Indstilling (forslag): " if item.gist_is_recommendation else ""
            lines.append(f"{label}{item.gist.text} {item.gist.keys()}")
        lines += [f"**Beslutning:** {item.decision.text} {item.decision.keys()}" if item.decision
                  else f"**Beslutning:** {NO_DECISION}", ""]
    if summary.key_points:
        lines += ["## Hovedpunkter", *[f"- {k.text} {k.keys()}" for k in summary.key_points], ""]
    sources = {c.key: c for s in summary.statements() for c in s.citations}
    lines += ["## Kilder", *[f"[{k}] {c.source.label()}" for k, c in sorted(sources.items())]]
    return "\n".join(lines)
