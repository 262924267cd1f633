"""The Streamlit app (AppTest): empty state, loading documents, a meeting's decisions, removal."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.settings import get_settings
from qa.library import add_folder, open_store
from tests.conftest import FIXTURES, MAX_BYTES, ROOT


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REFERENT_SHARED_DIR", str(tmp_path / "no-shared"))
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield tmp_path
    get_settings.cache_clear()
    st.cache_resource.clear()


def _app() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    return app


def test_empty_store_says_so(app_env):
    app = _app()
    assert any("Ingen møder endnu" in i.value for i in app.info)


def test_meeting_shows_decision_and_labels_recommendation(app_env):
    folder = app_env / "minutes"
    folder.mkdir()
    shutil.copy(FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt", folder)
    store = open_store(get_settings())
    add_folder(store, folder, MAX_BYTES)
    store.close()
    st.cache_resource.clear()
    app = _app()
    texts = [t.value for t in app.text]
    assert any(t.startswith("Godkendt med 5 stemmer for og 2 imod") for t in texts)
    assert any("forvaltningens forslag" in m.value for m in app.markdown)
    assert any("Lukket punkt" in m.value for m in app.markdown)
    assert any(t.value.startswith("• Godkendt med 5 stemmer for og 2 imod.") for t in app.text)  # a key point
    app.text_input[0].input("Hvem stemte imod cykelstien langs Åvej?").run()
    assert not app.exception, app.exception
    assert any("Jens Holm og Lise Berg" in t.value for t in app.text)
    app.text_input[0].input("Hvad blev besluttet om den nye svømmehal?").run()
    assert any("Det fremgår ikke af referaterne" in w.value for w in app.warning)
    app.text_input[1].input("Cykelstien langs Åvej blev godkendt med 4 stemmer for og 3 imod.").run()
    assert not app.exception, app.exception
    assert "Modsagt" in [h.value for h in app.subheader]
