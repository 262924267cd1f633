"""Citation keys our code issues and parses back: the one registry for answers, summaries, briefs,
timelines and fact-checks.

Evidence is numbered; an answer may cite only the numbers it was given; a cited quote is narrowed to its
exact place (character offsets and lines inside the chunk's own source reference) and checked verbatim.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.types import Citation, Passage, Statement

CITATION_KEY = re.compile(r"\[(\d{1,3})\]")  # our own protocol: "[3]"


def cite(passage: Passage, key: int, start: int = 0, end: int | None = None) -> Citation:
    """A citation of passage.text[start:end], with the source reference narrowed to exactly that text."""
    end = len(passage.text) if end is None else end
    quote = passage.text[start:end]
    ref = passage.source
    lines_before = passage.text.count("\n", 0, start)
    narrowed = replace(
        ref,
        char_start=ref.char_start + start,
        char_end=ref.char_start + end,
        line_start=ref.line_start + lines_before if ref.line_start else None,
        line_end=ref.line_start + lines_before + quote.count("\n") if ref.line_start else None,
    )
    verified = bool(quote) and (narrowed.char_end - narrowed.char_start) == len(quote)
    return Citation(key, narrowed, quote, verified)


class CitationRegistry:
    """Issues keys [1], [2], ... for quoted text; the same quote keeps its key."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._keys: dict[tuple[str, int, int], int] = {}

    def add(self, passage: Passage, start: int = 0, end: int | None = None) -> int:
        end = len(passage.text) if end is None else end
        ident = (passage.chunk_id, start, end)
        if ident not in self._keys:
            self._keys[ident] = len(self.citations) + 1
            self.citations.append(cite(passage, self._keys[ident], start, end))
        return self._keys[ident]

    def statement(self, passage: Passage, spans: list[tuple[int, int]]) -> Statement:
        """A statement quoting the spans of the passage: spans with only white space between them (a decision's
        first sentences) are one quote with one citation, never the same place cited once per sentence."""
        text = passage.text
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and merged[-1][1] <= start and not text[merged[-1][1]:start].strip():
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        citations = [self.citations[self.add(passage, start, end) - 1] for start, end in merged]
        return Statement(" ".join(c.quote for c in citations), citations)


def parse_keys(answer: str, issued: int) -> tuple[str, list[int]]:
    """The answer with keys that were never issued removed, and the keys it cites (in order, unique)."""
    cited: list[int] = []

    def keep(match: re.Match) -> str:
        key = int(match[1])
        if 1 <= key <= issued:
            if key not in cited:
                cited.append(key)
            return match[0]
        return ""

    cleaned = CITATION_KEY.sub(keep, answer)
    return re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip(), cited
