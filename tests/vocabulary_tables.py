"""Helpers shared by the golden-table tests of the vocabulary (tests/test_vocabulary_*.py)."""

from __future__ import annotations

import pytest


def wrong(*values, reason: str):
    """A row stating the right behaviour where the rule is known to behave wrongly: strict xfail, so fixing
    the rule makes the row pass and strict mode asks for the marker to go."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


def squeeze(text: str) -> str:
    return " ".join(text.split())
