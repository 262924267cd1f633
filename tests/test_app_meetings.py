"""The app's meeting view and its archive answers (AppTest, on the demo minutes): the brief first, earlier
treatments, exports that open, suggested questions, "what is new" linked to its meeting."""

from __future__ import annotations

import io

import docx
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.settings import get_settings
from qa.library import add_documents, open_store
from tests.app_harness import ask, button, run, view
from tests.conftest import MAX_BYTES


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """The bytes of every download button the app draws, by file name (Streamlit keeps them in its media store)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    kept: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def load(self, data, mimetype, kind, filename=None):
        if filename:
            kept[filename] = data.encode() if isinstance(data, str) else data
        return original(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load)
    return kept


def _meeting(app: AppTest, date_text: str) -> AppTest:
    view(app, "Møder")
    meetings = next(s for s in app.selectbox if s.label == "Møde")
    meetings.select(next(o for o in meetings.options if date_text in o))
    return run(app)


def test_meeting_page_decisions_first_with_earlier_treatment_and_exports(demo_app, downloads):
    _meeting(demo_app, "14-05-2025")
    texts = [t.value for t in demo_app.text]
    labels = [m.value for m in demo_app.markdown]
    assert labels[:4] == ["**1. Ny cykelsti langs Åvej - resultat af udbud**", "*Beslutning*",  # the decision first
                          "*Forvaltningens indstilling (forslag, ikke en beslutning)*",
                          "*Tidligere: Lilleå, Teknik- og Miljøudvalget 12-03-2025, pkt. 2 «Ny cykelsti langs Åvej»*"]
    assert texts[0].startswith("Godkendt. Anlægsarbejdet begynder") and texts[2].startswith("Godkendt med 5 stemmer")
    assert any("Lukket punkt" in m for m in labels)
    assert any(t.startswith("• pkt. ") for t in texts)  # key points name their item
    assert not any("ingen beslutning" in t for t in texts)
    buttons = [b.label for b in demo_app.get("download_button")]
    assert buttons[:2] == ["Hent som Word", "Hent som Markdown"]
    assert "Hent resuméet som Word" in buttons and not demo_app.get("link_button")
    word = next(data for name, data in downloads.items() if name.endswith(".docx"))
    document = docx.Document(io.BytesIO(word))
    assert document.paragraphs[0].text.startswith("Beslutninger: Lilleå, Teknik- og Miljøudvalget 14-05-2025")
    xml = b"".join(part.blob for part in document.part.package.parts)
    assert "Teknik- og Miljøudvalget 14-05-2025, pkt. 1".encode() in xml  # a citation's label, as a footnote
    assert any(name.endswith(".md") for name in downloads)


def test_an_agenda_opens_with_what_each_item_asks_and_no_decision_list(demo_app, corpus):
    agenda = corpus / "aarhus-raadmandsmoede-2020-06-04.txt"
    store = open_store(get_settings())
    add_documents(store, [(agenda.name, agenda.read_bytes())], MAX_BYTES)
    store.close()
    st.cache_resource.clear()
    run(demo_app)
    meetings = view(demo_app, "Møder").selectbox(key="meeting")
    meetings.select(next(o for o in meetings.options if "04-06-2020" in o and "dagsorden" in o))
    run(demo_app)
    labels = [m.value for m in demo_app.markdown]
    assert any(c.value.startswith("Dagsorden: ingen beslutninger endnu") for c in demo_app.caption)
    assert "*Beslutning*" not in labels and "*Forvaltningens indstilling (forslag, ikke en beslutning)*" in labels
    assert not any("ingen beslutning" in t.value for t in demo_app.text)
    assert [b.label for b in demo_app.get("download_button")][:2] == ["Hent som Word", "Hent som Markdown"]


def test_an_empty_chat_suggests_three_questions_that_ask_themselves(demo_app):
    suggested = [b for b in demo_app.main.button if b.key and b.key.startswith("suggest-")]
    assert len(suggested) == 3
    question = suggested[0].label
    suggested[0].click()
    run(demo_app)
    assert [t.value for t in demo_app.chat_message[0].text] == [question]
    assert demo_app.chat_message[1].text or demo_app.chat_message[1].warning
    assert not any(b.key and b.key.startswith("suggest-") for b in demo_app.main.button)


def test_whats_new_links_to_the_meeting(demo_app):
    ask(demo_app, "Hvad er nyt siden sidste møde i Teknik- og Miljøudvalget?")
    answer = " ".join(t.value for t in demo_app.chat_message[1].text)
    assert "14-05-2025" in answer
    button(demo_app, "Åbn mødet").click()
    run(demo_app)
    assert demo_app.session_state["view"] == "Møder"
    assert "14-05-2025" in next(s for s in demo_app.selectbox if s.label == "Møde").value
    assert any(m.value == "*Beslutning*" for m in demo_app.markdown)


def _card_labels(container) -> list[str]:
    """The source cards' labels without their key ("[3] Lilleå, ..." → "Lilleå, ...")."""
    return [e.label.split("] ", 1)[1] for e in container.expander if e.label.startswith("[")]


def test_no_source_card_is_shown_twice_under_a_brief_or_an_archive_answer(demo_app):
    _meeting(demo_app, "14-05-2025")
    cards = _card_labels(demo_app.main)
    # the earlier decision's two sentences: one card (it was one card per sentence, the same label twice)
    assert cards.count("Lilleå, Teknik- og Miljøudvalget 12-03-2025, pkt. 2, Beslutning, l. 38-38") == 1
    view(demo_app, "Spørg")
    ask(demo_app, "Hvad er nyt siden sidste møde i Teknik- og Miljøudvalget?")
    cards = _card_labels(demo_app.chat_message[1])
    assert cards and len(cards) == len(set(cards)), cards
