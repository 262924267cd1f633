"""A brief, a meeting summary or a case timeline exported as Markdown or DOCX, Danish headings, every quote
followed by its source numbers ("[1]") and a "Kilder" list at the end naming each source by its label
(municipality, body, date, item, section, page or lines) and its portal link when the source has one.

The numbers are endnote-style references in the text rather than Word footnotes: python-docx has no footnote
API, and a hand-made footnotes part is a fragile piece of OOXML for little gain; "[n]" reads the same in
Markdown, in Word and in a printout. The functions return str / bytes, ready for a download button.
"""

from __future__ import annotations

import io

from qa import messages
from qa.document import Document, Quote, brief_document, summary_document
from qa.render import markdown_literal, quote_lines, timeline_document
from qa.types import Brief, Citation, MeetingSummary, Timeline

__all__ = ["DOCX_MIME", "MARKDOWN_MIME", "document_docx", "document_markdown", "export_document", "export_file_name",
           "to_docx", "to_markdown"]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN_MIME = "text/markdown"


def export_document(result: Brief | MeetingSummary | Timeline, language: str = "da") -> Document:
    if isinstance(result, Brief):
        return brief_document(result, language)
    if isinstance(result, MeetingSummary):
        return summary_document(result, language)
    return timeline_document(result, language)


def to_markdown(result: Brief | MeetingSummary | Timeline) -> str:
    """The brief, summary or timeline as Markdown, sources listed under '## Kilder'."""
    return document_markdown(export_document(result))


def to_docx(result: Brief | MeetingSummary | Timeline) -> bytes:
    """The brief, summary or timeline as a Word document (.docx bytes), sources listed under 'Kilder'."""
    return document_docx(export_document(result))


def export_file_name(result: Brief | MeetingSummary | Timeline, extension: str) -> str:
    """'forberedelse-<meeting id>.docx', 'resume-<meeting id>.md', 'sagsforloeb-<query>.md'."""
    if isinstance(result, Timeline):
        words = "".join(c if c.isalnum() or c == "-" else " " for c in result.query.lower()).split()
        stem = "sagsforloeb-" + ("-".join(words) or "sag")
    else:
        stem = ("forberedelse-" if isinstance(result, Brief) else "resume-") + result.meeting.id
    return f"{stem[:120]}.{extension.lstrip('.')}"


def _source_line(citation: Citation) -> str:
    url = citation.source.source_url
    return f"[{citation.key}] {citation.source.label()}" + (f" ({url})" if url else "")


# -- Markdown ------------------------------------------------------------------------------------------------

def _escape(text: str, line_start: bool = False) -> str:
    """Markdown's own characters escaped; at a line's start, an opening like a list ("- 1) Taget", "1. at")
    stays text."""
    text = markdown_literal(text)
    head, _, rest = text.partition(" ")
    if line_start and rest and (head in ("-", "+") or (head[:-1].isdigit() and head[-1:] in ".)")):
        return f"{head[:-1]}\\{head[-1]} {rest}"
    return text


def _markdown_part(part: str | Quote, continuation: str) -> str:
    if isinstance(part, str):
        return _escape(part)
    body = f"  \n{continuation}".join(_escape(line, line_start=i > 0) for i, line in enumerate(quote_lines(part.text)))
    return f"«{body}» " + " ".join(f"[{k}]" for k in part.keys)


def document_markdown(doc: Document) -> str:
    out: list[str] = []

    def block(*lines: str) -> None:  # a block of its own: a blank line before it unless one is there
        out.extend(([""] if out and out[-1] else []) + list(lines))

    for line in doc.lines:
        continuation = "  " if line.style in ("bullet", "detail") else ""
        text = "".join(_markdown_part(p, continuation) for p in line.parts).rstrip()
        if not text:
            continue
        if line.style == "title":
            block(f"# {text}")
        elif line.style == "heading":
            block(f"## {text}")
        elif line.style == "meta":
            block(f"*{text}*")
        elif line.style == "bullet":
            out.append(f"- {text}") if out and out[-1].startswith(("- ", "  ")) else block(f"- {text}")
        elif line.style == "detail":
            out[-1] += "  "  # a hard break: the detail stays inside the bullet above
            out.append(f"  {text}")
        else:
            block(text)
    if doc.citations():
        block(f"## {messages.SOURCES[doc.language]}", "")
        out += [f"- [{c.key}] {_escape(_source_line(c).partition(' ')[2])}" for c in doc.citations()]
    return "\n".join(out).strip() + "\n"


# -- DOCX ----------------------------------------------------------------------------------------------------

def _docx_parts(paragraph, parts: list[str | Quote]) -> None:
    for part in parts:
        if isinstance(part, str):
            paragraph.add_run(part).bold = True
            continue
        lines = quote_lines(part.text)
        run = paragraph.add_run("«")
        for index, text in enumerate(lines):
            if index:
                run.add_break()
            run.add_text(text)
        run.add_text("» ")
        paragraph.add_run(" ".join(f"[{k}]" for k in part.keys)).font.superscript = True


def document_docx(doc: Document) -> bytes:
    import docx  # python-docx: only the export needs it
    from docx.shared import Cm

    word = docx.Document()
    styles = {"bullet": "List Bullet"}
    for line in doc.lines:
        if not line.parts:
            continue
        if line.style in ("title", "heading"):
            text = "".join(p if isinstance(p, str) else p.text for p in line.parts)
            word.add_heading(text, level=0 if line.style == "title" else 2)
            if line.style == "title":
                word.core_properties.title = text
            continue
        paragraph = word.add_paragraph(style=styles.get(line.style))
        if line.style == "meta":
            paragraph.add_run("".join(p for p in line.parts if isinstance(p, str))).italic = True
            continue
        if line.style == "detail":
            paragraph.paragraph_format.left_indent = Cm(1.27)
        _docx_parts(paragraph, line.parts)
    if doc.citations():
        word.add_heading(messages.SOURCES[doc.language], level=2)
        for citation in doc.citations():
            word.add_paragraph(_source_line(citation))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
