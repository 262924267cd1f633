"""HTML pages of agenda portals (BeautifulSoup + lxml): block text as lines, h1-h3 kept as level hints.

The portal marks meetings with h1, agenda items with h2 and sections with h3; those levels travel with
the lines so the structure parser need not guess. Scripts, styles and navigation are dropped.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.converters import build_document
from ingest.converters.text import decode_text
from ingest.types import RawDocument

_BLOCK = {
    "p", "div", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer", "br",
    "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "dl", "blockquote", "pre", "td", "th", "tbody", "thead",
}
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3}
_DROP = {"script", "style", "noscript", "template", "nav", "form", "svg", "head"}


def html_to_lines(markup: str) -> list[tuple[str, int | None]]:
    """(text, heading level or None) per visual line of the markup."""
    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROP) + soup.find_all(attrs={"role": "menu"}):
        tag.decompose()
    lines: list[tuple[str, int | None]] = []
    buffer: list[str] = []

    def flush(level: int | None = None) -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text or level:
            lines.append((text, level))

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, doctype, CDATA
                    buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name in _HEADING_LEVEL:
                flush()
                walk(child)
                flush(_HEADING_LEVEL[child.name])
            elif child.name in _BLOCK:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(soup.body or soup)
    flush()
    return lines


def convert(name: str, data: bytes) -> RawDocument:
    lines = html_to_lines(decode_text(name, data))
    return build_document(name, data, "html", [(text, None, level) for text, level in lines])
