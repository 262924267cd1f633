"""What every converter shares: the one error type and the one way to build a RawDocument."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from ingest.types import Line, MeetingHints, RawDocument

# Characters of text one document may hold: the largest real file holds 0.3 million; reading grows faster than
# the text (3 million characters of minutes take 4 s, 10 million 38 s)
MAX_CHARS = 5_000_000


class ConversionError(Exception):
    """A file that cannot be read as minutes; the message is one line naming file and reason."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def build_document(
    name: str,
    data: bytes,
    fmt: str,
    pieces: list[tuple[str, int | None, int | None]],
    hints: MeetingHints | None = None,
    furniture: set[int] | None = None,
) -> RawDocument:
    """Join (text, page, level) pieces into a RawDocument with exact line numbers and offsets."""
    lines: list[Line] = []
    offset = 0
    furniture = furniture or set()
    for index, (text, page, level) in enumerate(pieces):
        text = text.replace("\n", " ").replace("\r", "")
        lines.append(Line(text, index + 1, offset, page, level, index in furniture))
        offset += len(text) + 1
    text = "\n".join(line.text for line in lines)
    if len(text) > MAX_CHARS:
        raise ConversionError(name, f"{len(text) / 1e6:.1f} million characters of text, over the limit of {MAX_CHARS / 1e6:.0f} "
                                    "million for one document")
    if not any(line.text.strip() for line in lines):
        raise ConversionError(name, "no text found (empty document)")
    return RawDocument(name, hashlib.sha256(data).hexdigest(), fmt, text, tuple(lines), hints or MeetingHints())


def web_url(text: str | None) -> str | None:
    """`text` when it is an absolute http(s) address and nothing else (never `javascript:`, never a relative
    path): a document's own statement of where it is published, safe to show as a link."""
    url = (text or "").strip()
    if not url or any(c.isspace() or c in "\"'<>`" for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
