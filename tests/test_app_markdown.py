"""A document's own words are shown as written, never rendered as Markdown (issue 14): a committee or item
title holding ![x](http://host/p.png) must not make every visitor's browser fetch that address, and
[Log ind igen her](http://…) must not become a live link, wherever the app shows it."""

from __future__ import annotations

import re

import streamlit as st

from ingest.settings import get_settings
from qa.library import add_documents, open_store
from qa.render import markdown_literal
from tests.app_harness import ask, run, view
from tests.conftest import FIXTURES, MAX_BYTES

IMAGE = "![x](http://127.0.0.1:9/p.png)"
LINK = "[Log ind igen her](http://127.0.0.1:9/login)"
LIVE_MARKDOWN = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\(")  # an image or a link, unescaped


def _hostile_minutes() -> bytes:
    text = (FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt").read_text(encoding="utf-8")
    text = text.replace("REFERAT Teknik- og Miljøudvalget 2022-2025", f"REFERAT Teknik {IMAGE} udvalget")
    text = text.replace("Ny cykelsti langs Åvej", f"Ny cykelsti langs Åvej {LINK}")
    return text.encode("utf-8")


def _shown(app) -> list[str]:
    """Every string the page renders as Markdown: text elements, labels, captions, alerts, table cells."""
    strings = [e.value for kind in ("markdown", "caption", "subheader", "warning", "error", "success", "info")
               for e in getattr(app, kind)]
    strings += [e.label for e in app.expander] + [b.label for b in app.button]
    strings += [str(cell) for table in app.table for cell in table.value.to_numpy().ravel()]
    return strings


def test_markdown_in_a_document_is_shown_as_written(demo_app):
    store = open_store(get_settings())
    (report,) = add_documents(store, [("solbjerg-hostile.txt", _hostile_minutes())], MAX_BYTES)
    store.close()
    assert report.status == "ingested", report.error
    st.cache_resource.clear()

    seen: list[str] = []
    ask(demo_app, "Hvad blev besluttet om cykelstien langs Åvej i Solbjerg?")
    seen += _shown(demo_app)
    view(demo_app, "Møder")
    meeting = next(s for s in demo_app.selectbox if s.label == "Møde")
    meeting.select(next(o for o in meeting.options if "udvalget" in o and "Teknik" in o and "x" in o))
    run(demo_app)
    seen += _shown(demo_app)
    view(demo_app, "Sagsforløb")
    demo_app.text_input[0].set_value("Ny cykelsti langs Åvej")
    run(demo_app)
    seen += _shown(demo_app)
    view(demo_app, "Dokumenter")
    seen += _shown(demo_app)

    assert any(markdown_literal(IMAGE) in s for s in seen) and any(markdown_literal(LINK) in s for s in seen)  # shown
    assert [s for s in seen if LIVE_MARKDOWN.search(s)] == []  # and never as an image or a link
