"""Summaries, briefs and timelines as plain text: for the terminal and the chat (the app renders its own
views; Markdown and DOCX exports are `qa.export`). Every quote is «verbatim» with its source numbers."""

from __future__ import annotations

from urllib.parse import urlsplit

from qa import messages
from qa.document import Document, Quote, brief_document, item_name, summary_document
from qa.types import Brief, MeetingSummary, Timeline

__all__ = ["plain_text", "quote_lines", "render_brief", "render_summary", "render_timeline", "timeline_document"]

_INDENT = {"title": "", "meta": "", "heading": "", "text": "   ", "bullet": "   - ", "detail": "     "}


_JOINER = "\u2060"  # a word joiner: no width, no break; it ends an automatic link's match
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|$~"})


def markdown_literal(text: str) -> str:
    """Text shown as written where Markdown is rendered (a Streamlit label, caption, warning or table cell; a
    Markdown export): its Markdown characters escaped, so an item title holding ![x](http://host/p.png) is
    shown, never fetched by the reader's browser, and [Log ind](http://…) is never a link. Nor is a bare address
    or e-mail address, which GitHub-flavoured Markdown (Streamlit's) links by itself, its escapes resolved
    first: a word joiner (U+2060, invisible) goes before "://", the dot of "www." and "@"."""
    escaped = text.translate(_MARKDOWN_SPECIAL)
    for opening in ("://", "www.", "WWW.", "Www.", "@"):
        escaped = escaped.replace(opening, f"{opening[:-1]}{_JOINER}{opening[-1]}" if opening.endswith(".") else _JOINER + opening)
    return escaped


def link_site(url: str) -> str:
    """Where a link a document names leads ('dagsordener.greve.dk'): shown on the link, since a document, not
    the app, chose it."""
    return urlsplit(url).hostname or url


def quote_lines(text: str) -> list[str]:
    """A quote's lines without the blank ones (a recommendation's "At 1) ..." points keep their own lines)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _part(part: str | Quote, indent: str) -> str:
    if isinstance(part, str):
        return part
    body = f"\n{indent}".join(quote_lines(part.text))
    return f"«{body}» " + " ".join(f"[{k}]" for k in part.keys)


def plain_text(doc: Document, sources: bool = True) -> str:
    """The document as indented plain text; with `sources`, the numbered source labels at the end."""
    out: list[str] = []
    for line in doc.lines:
        indent = _INDENT[line.style]
        if line.style == "heading" and out:
            out.append("")
        text = "".join(_part(p, " " * len(indent)) for p in line.parts).rstrip()
        if text:
            out.append(indent + text)
    if sources and doc.citations():
        out += ["", f"{messages.SOURCES[doc.language]}:", *[f"  [{c.key}] {c.source.label()}" for c in doc.citations()]]
    return "\n".join(out)


def render_summary(summary: MeetingSummary) -> str:
    return plain_text(summary_document(summary))


def render_brief(brief: Brief) -> str:
    return plain_text(brief_document(brief))


def timeline_document(timeline: Timeline, language: str = "da") -> Document:
    """The case's treatments oldest first, each naming municipality, body, date and item; then the dates the
    minutes only plan, each once, with where it was said."""
    doc, lang = Document(language=language), language
    if not timeline.treatments:
        doc.add("title", messages.NO_CASE[lang].format(query=timeline.query))
        return doc
    doc.add("title", messages.CASE_TITLE[lang].format(query=timeline.query, where=", ".join(timeline.municipalities()) or "-"))
    for t in timeline.treatments:
        where = f"{messages.meeting_label(t.meeting, lang)}, {item_name(t.item_number, t.item_title, lang)}"
        if t.decision:
            doc.add("bullet", f"{where}: {messages.DECISION_LABEL[lang]}: ", t.decision)
        else:
            doc.add("bullet", f"{where}: {messages.NO_DECISION_SHORT[lang]}")
    if timeline.planned:
        doc.add("heading", messages.PLANNED_TITLE[lang])
        for p in timeline.planned:
            ref = p.statement.citations[0].source
            said = messages.PLANNED_AT[lang].format(when=p.when.strftime("%d-%m-%Y"), meeting=messages.meeting_label(ref, lang),
                                                    number=ref.item_number)
            doc.add("bullet", f"{said}: ", p.statement)
    return doc


def render_timeline(timeline: Timeline) -> str:
    return plain_text(timeline_document(timeline))
