"""Streamlit's own English texts (Streamlit 1.67) that must never reach a user of the Danish app: the tests of
the rendered page (AppTest and the browser) fail when one of them shows.

Words match whole and case-sensitive ("Upload", not "uploade"); material-icon names ("upload",
"keyboard_arrow_down") are icons, not text, and the browser test leaves them out.
"""

from __future__ import annotations

import re

ENGLISH_DEFAULTS = (
    "Choose options", "Choose an option", "Choose or add", "Add options", "Add an option", "No options to select",
    "No results", "Select all", "Clear all", "Drag and drop", "Browse files", "per file", "Upload", "Deploy",
    "Press Enter", "Press Ctrl", "In progress", "Running", "Your message", "Skip to main content", "Download as CSV",
    "Record a screencast", "Clear cache", "Made with Streamlit", "Please wait", "Connecting", "Show more", "Show less",
    "Fullscreen", "Close fullscreen", "View fullscreen",
)
_PATTERN = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in ENGLISH_DEFAULTS) + r")(?![\w-])")


def english_in(texts) -> list[str]:
    """The texts (with the English default they hold) that show one of Streamlit's English defaults."""
    return [f"{m[0]!r} in {text[:120]!r}" for text in texts if text for m in [_PATTERN.search(text)] if m]
