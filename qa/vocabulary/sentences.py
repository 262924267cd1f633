"""The one sentence splitter: spans of a passage for quoting, sentences of generated text for checking."""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by whitespace and a capital letter or an opening quote, or at a line
# break. Not before a digit or a lower-case word: "d. 23. januar", "6.749.600 kr. i løbet af" go on.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“«(]?[A-ZÆØÅ])|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of a passage, trimmed of surrounding whitespace."""
    spans = []
    start = 0
    for boundary in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        s, e = start, boundary
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > 1:
            spans.append((s, e))
        start = boundary
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of a generated text (an LLM's answer or gist), citation keys kept with their sentence."""
    return [text[s:e] for s, e in sentences(text)]
