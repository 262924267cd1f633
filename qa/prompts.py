"""Prompt templates are files in prompts/; their placeholders are checked when loaded, not mid-chat."""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
NOT_FOUND_TOKEN = "IKKE_I_REFERATERNE"  # what an LLM must answer when the passages do not answer the question


class PromptError(ValueError):
    pass


@lru_cache(maxsize=16)
def load_prompt(name: str, placeholders: frozenset[str]) -> str:
    """The template prompts/<name>.md; raises PromptError unless it uses exactly these placeholders."""
    path = PROMPTS / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"prompt file {path} is missing")
    text = path.read_text(encoding="utf-8")
    found = {field for _, field, _, _ in string.Formatter().parse(text) if field}
    if found != set(placeholders):
        raise PromptError(f"{path.name}: placeholders {sorted(found)} do not match the expected {sorted(placeholders)}")
    return text
