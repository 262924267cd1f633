"""Referent in the browser: browse meetings and their decisions, add and remove documents.

Presentation only: every action goes through `qa`. Source text is always shown as text, never as HTML.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from ingest.settings import get_settings
from qa.answer import Answerer
from qa.backends import describe_llm, make_llm
from qa.factcheck import check_claim
from qa.library import add_documents, add_folder, list_documents, meeting_items, open_store, remove_document
from qa.meetings import list_meetings
from qa.summarise import summarize

SAMPLE_MINUTES = Path(os.environ.get("REFERENT_SHARED_DIR", Path(__file__).resolve().parent.parent / "shared")) / "corpus"

st.set_page_config(page_title="Referent", page_icon="📜", layout="wide")
settings = get_settings()


@st.cache_resource
def _store():
    return open_store(settings)


store = _store()


@st.cache_resource
def _answerer():
    return Answerer(store, make_llm(settings), describe_llm(settings))


def _progress_bar():
    bar = st.progress(0.0, text="Indlæser …")

    def update(done: int, total: int, name: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"{done}/{total} {name}")

    return update


def _show_reports(reports) -> None:
    st.dataframe(
        [{"fil": r.name, "status": r.status, "møder": r.meetings, "punkter": r.items, "uddrag": r.chunks,
          "fejl": r.error or ""} for r in reports],
        hide_index=True, use_container_width=True,
    )


with st.sidebar:
    st.title("Referent")
    st.caption("Spørg og søg i kommunale referater og dagsordener.")
    meetings = list_meetings(store)
    st.metric("Møder", len(meetings))
    st.metric("Uddrag i indekset", store.count())
    st.caption(f"Embedder: `{store.embedder.name}` · svar: `{describe_llm(settings)}` · indeks: `{store.collection_name}`")

ask_tab, check_tab, meetings_tab, documents_tab = st.tabs(["Spørg", "Faktatjek", "Møder", "Dokumenter"])

with check_tab:
    claim = st.text_input("Påstand", placeholder="Udvalget godkendte enstemmigt …")
    if claim:
        result = check_claim(_answerer(), claim)
        verdicts = {"supported": "Bekræftet", "contradicted": "Modsagt", "partly_supported": "Delvist bekræftet",
                    "not_found": "Ikke i referaterne"}
        st.subheader(verdicts[result.verdict.value])
        st.text(result.explanation)
        for citation in result.citations:
            with st.expander(f"[{citation.key}] {citation.source.label()}"):
                st.text(citation.quote)

with ask_tab:
    question = st.text_input("Spørgsmål", placeholder="Hvad blev besluttet om …?")
    if question:
        answer = _answerer().ask(question)
        if answer.status.value == "answered":
            st.text(answer.answer)
            for citation in answer.citations:
                with st.expander(f"[{citation.key}] {citation.source.label()}"):
                    st.caption(f"{citation.source.file_name} · {citation.source.item_title}")
                    st.text(citation.quote)
        elif answer.status.value == "not_found":
            st.warning(answer.answer)
        else:
            st.error(answer.answer)

with meetings_tab:
    if not meetings:
        st.info("Ingen møder endnu. Tilføj referater under 'Dokumenter'.")
        if SAMPLE_MINUTES.is_dir() and st.button("Indlæs eksempelreferaterne"):
            _show_reports(add_folder(store, SAMPLE_MINUTES, settings.max_file_bytes, _progress_bar()))
            st.rerun()
    else:
        municipalities = sorted({m.municipality or "Ukendt" for m in meetings})
        chosen = st.multiselect("Kommune", municipalities)
        shown = [m for m in meetings if not chosen or (m.municipality or "Ukendt") in chosen]
        labels = {
            m.id: f"{m.meeting_date.strftime('%d-%m-%Y') if m.meeting_date else 'udateret'} · "
            f"{m.municipality or 'Ukendt'}, {m.committee or 'ukendt udvalg'} · {m.kind} · {m.item_count} pkt."
            for m in shown
        }
        meeting_id = st.selectbox("Møde", list(labels), format_func=labels.get)
        if meeting_id:
            meeting = next(m for m in shown if m.id == meeting_id)
            st.subheader(labels[meeting_id])
            st.caption(f"Kilde: {meeting.file_name}" + (f" · {meeting.place}" if meeting.place else ""))
            summary = summarize(store, meeting_id)
            st.download_button("Eksportér resumé (Markdown)", summary.to_markdown(), file_name=f"{meeting_id}.md")
            if summary.key_points:
                st.markdown("**Hovedpunkter**")
                for point in summary.key_points:
                    st.text(f"• {point.text} " + " ".join(f"[{c.source.label()}]" for c in point.citations))
            st.markdown("**Punkter**")
            for item in meeting_items(store, meeting_id):
                title = f"{item.number}. {item.title}"
                if item.closed:
                    st.markdown(f"**{item.number}.** 🔒 Lukket punkt")
                    st.text(item.title)
                    continue
                with st.expander(title, expanded=False):
                    if item.case_number:
                        st.caption(f"Sagsnr. {item.case_number}" + (f" · {item.category}" if item.category else ""))
                    st.markdown("**Beslutning**")
                    st.text(item.decision or "Ingen beslutning i materialet.")
                    if item.recommendation:
                        st.markdown("**Indstilling** (forvaltningens forslag, ikke udvalgets beslutning)")
                        st.text(item.recommendation)

with documents_tab:
    uploads = st.file_uploader(
        "Tilføj referater (PDF, DOCX, HTML, TXT eller dagsordensportalens JSON)",
        type=["pdf", "docx", "html", "htm", "txt", "json"], accept_multiple_files=True,
    )
    if uploads and st.button("Indlæs"):
        _show_reports(add_documents(store, [(u.name, u.getvalue()) for u in uploads], settings.max_file_bytes, _progress_bar()))
    documents = list_documents(store)
    if documents:
        st.dataframe(documents, hide_index=True, use_container_width=True)
        name = st.selectbox("Fjern dokument", [d["name"] for d in documents], index=None)
        if name and st.button("Fjern", type="secondary"):
            remove_document(store, name)
            st.rerun()
