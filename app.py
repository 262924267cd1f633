"""Referent in the browser: chat with citations you can open, meetings, case timelines, fact-checks,
documents. Presentation only: every action goes through `qa`.

Source text is always shown as text: where a quote is highlighted inside its passage, the passage is
HTML-escaped first, so nothing in a document can inject markup.
"""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path

import streamlit as st

from ingest.settings import get_settings
from qa.answer import Answerer
from qa.backends import describe_llm, make_llm
from qa.background import embedding_worker, progress_text
from qa.cases import brief, case_timeline
from qa.factcheck import check_claim
from qa.library import (
    SUPPORTED_SUFFIXES,
    add_documents,
    add_folder,
    citation_context,
    embedding_progress,
    list_documents,
    meeting_items,
    open_store,
    remove_document,
    source_file,
)
from qa.meetings import list_meetings
from qa.messages import VERDICT_LABEL
from qa.summarise import NO_DECISION, summarize
from qa.types import Filters

SAMPLES = Path(__file__).resolve().parent / "samples"
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES]

st.set_page_config(page_title="Referent", page_icon="📜", layout="wide")
settings = get_settings()


def _password_ok() -> bool:
    """An optional password (REFERENT_APP_PASSWORD) in front of everything."""
    expected = os.environ.get("REFERENT_APP_PASSWORD")
    if not expected or st.session_state.get("authenticated"):
        return True
    given = st.text_input("Adgangskode", type="password")
    if given and given == expected:
        st.session_state["authenticated"] = True
        st.rerun()
    if given:
        st.error("Forkert adgangskode.")
    return False


if not _password_ok():
    st.stop()


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
    """One line per file: ingested, unchanged, or the error with its reason."""
    labels = {"ingested": "indlæst", "unchanged": "uændret", "error": "fejl"}
    for r in reports:
        detail = r.error if r.status == "error" else f"{r.meetings} møde(r), {r.items} punkter, {r.chunks} uddrag"
        (st.error if r.status == "error" else st.success)(f"{r.name}: {labels.get(r.status, r.status)} – {detail}")


def _source_card(citation, key: str) -> None:
    """Body, date, item, section; the quote highlighted inside its passage; the original file."""
    ref = citation.source
    with st.expander(f"[{citation.key}] {ref.label()}"):
        st.caption(f"{ref.municipality or ''} · {ref.committee or ''} · pkt. {ref.item_number} «{ref.item_title}» · "
                   f"{ref.section_heading or ref.section.label}")
        before, quote, after = citation_context(store, citation)
        st.markdown(
            f"<div style='white-space: pre-wrap'>{html.escape(before)}<mark>{html.escape(quote)}</mark>"
            f"{html.escape(after)}</div>", unsafe_allow_html=True,
        )
        original = source_file(store, ref.file_name)
        if original:
            where = f"side {ref.page}" if ref.page else f"linje {ref.line_start}-{ref.line_end}"
            st.download_button(f"Åbn {ref.file_name} ({where})", original.read_bytes(), file_name=ref.file_name,
                               key=f"download-{key}-{citation.key}")


def _filters_sidebar(meetings) -> Filters:
    st.sidebar.subheader("Afgrænsning")
    municipalities = st.sidebar.multiselect("Kommune", sorted({m.municipality for m in meetings if m.municipality}))
    committees = st.sidebar.multiselect("Udvalg", sorted({m.committee for m in meetings if m.committee}))
    dated = sorted(m.meeting_date for m in meetings if m.meeting_date)
    since = until = None
    if dated and st.sidebar.checkbox("Kun en periode"):
        chosen = st.sidebar.date_input("Periode", (dated[0], dated[-1]), min_value=date(1990, 1, 1))
        if isinstance(chosen, tuple) and len(chosen) == 2:
            since, until = chosen
    return Filters(tuple(municipalities), tuple(committees), since, until)


meetings = list_meetings(store)
with st.sidebar:
    st.title("Referent")
    st.caption("Svar fra kommunale referater, med kilder.")
    st.metric("Møder", len(meetings))
    st.metric("Uddrag i indekset", store.count())
    st.caption(f"Embedder: `{store.embedder.name}` · svar: `{describe_llm(settings)}`")


@st.fragment(run_every=3)
def _embedding_status() -> None:
    """Uploaded passages are found by their words at once and by meaning once embedded: say how far."""
    progress = embedding_progress(store)
    worker = embedding_worker(settings)
    if progress.done:
        return
    st.progress(progress.embedded / progress.total, text=progress_text(progress))
    if worker.error:
        st.caption(f"Indlejringen stoppede: {worker.error}")
    if not worker.running:
        st.caption("Uddrag der ikke er indlejret, findes kun ved ordsøgning.")
        if st.button("Indlejr nu"):
            worker.start()


with st.sidebar:
    _embedding_status()
filters = _filters_sidebar(meetings)

if not meetings:
    st.info("Der er ingen referater i søgeindekset endnu. Indlæs demo-referaterne fra den opdigtede Lilleå "
            "Kommune, eller tilføj jeres egne under 'Dokumenter'.")
    if st.button("Indlæs demo-referaterne"):
        _show_reports(add_folder(store, SAMPLES, settings.max_file_bytes, _progress_bar()))
        st.rerun()

chat_tab, meetings_tab, case_tab, check_tab, documents_tab = st.tabs(
    ["Spørg", "Møder", "Sagsforløb", "Faktatjek", "Dokumenter"])

with chat_tab:
    history = st.session_state.setdefault("history", [])
    if history and st.button("Ny samtale", help="Glem de tidligere spørgsmål: det næste spørgsmål står alene"):
        history.clear()
        st.rerun()
    for turn_index, (question, answer) in enumerate(history):
        with st.chat_message("user"):
            st.text(question)
        with st.chat_message("assistant"):
            (st.text if answer.status.value == "answered" else st.warning)(answer.answer)
            for citation in answer.citations:
                _source_card(citation, f"{turn_index}")
    question = st.chat_input("Hvad blev besluttet om …?")
    if question:
        with st.chat_message("user"):
            st.text(question)
        with st.chat_message("assistant"):
            streamed = st.empty()  # an LLM's reply appears as it is written; then the checked answer replaces it
            written: list[str] = []

            def show(token: str) -> None:
                written.append(token)
                streamed.text("".join(written))

            answer = _answerer().ask(question, filters, [q for q, _ in history], on_token=show)
        history.append((question, answer))
        st.rerun()

with meetings_tab:
    shown = list_meetings(store, filters)
    labels = {m.id: f"{m.meeting_date.strftime('%d-%m-%Y') if m.meeting_date else 'udateret'} · "
                    f"{m.municipality or 'Ukendt'}, {m.committee or 'ukendt udvalg'} · {m.kind.value} · {m.item_count} pkt."
              for m in shown}
    by_label: dict[str, str] = {}
    for meeting_key, label in labels.items():  # labels are what the user picks; identical ones are numbered
        by_label[label if label not in by_label else f"{label} ({sum(lb.startswith(label) for lb in by_label) + 1})"] = meeting_key
    picked = st.selectbox("Møde", list(by_label)) if by_label else None
    meeting_id = by_label.get(picked) if picked else None
    if meeting_id:
        meeting = next(m for m in shown if m.id == meeting_id)
        st.subheader(labels[meeting_id])
        st.caption(f"Kilde: {meeting.file_name}" + (f" · {meeting.place}" if meeting.place else ""))
        summary = summarize(store, meeting_id, llm=_answerer().llm, backend=_answerer().llm_name)
        st.download_button("Eksportér resumé (Markdown)", summary.to_markdown(), file_name=f"{meeting_id}.md")
        if summary.key_points:
            st.markdown("**Hovedpunkter**")
            for point in summary.key_points:
                st.text(f"• {point.text} " + " ".join(f"[{c.source.label()}]" for c in point.citations))
        st.markdown("**Beslutninger**")
        for item in summary.items:
            if item.closed:
                st.markdown(f"**{item.number}.** 🔒 Lukket punkt")
                st.text(item.title)
            else:
                st.text(f"{item.number}. {item.title}: {item.decision.text if item.decision else NO_DECISION}")
        st.markdown("**Punkter**")
        for item in meeting_items(store, meeting_id):
            if item.closed:
                continue
            with st.expander(f"{item.number}. {item.title}"):
                if item.case_number:
                    st.caption(f"Sagsnr. {item.case_number}" + (f" · {item.category}" if item.category else ""))
                st.markdown("**Beslutning**")
                st.text(item.decision or "Ingen beslutning i materialet.")
                if item.recommendation:
                    st.markdown("**Indstilling** (forvaltningens forslag, ikke udvalgets beslutning)")
                    st.text(item.recommendation)
        if meeting.kind.value == "dagsorden":
            st.markdown("**Forberedelse: tidligere behandling**")
            for entry in brief(store, meeting_id).items:
                earlier = "; ".join(
                    f"{t.meeting.meeting_date.strftime('%d-%m-%Y') if t.meeting.meeting_date else 'udateret'} "
                    f"{t.meeting.committee}: {t.decision.text if t.decision else NO_DECISION}" for t in entry.earlier)
                st.text(f"{entry.number}. {entry.title}: {earlier or 'ingen tidligere behandling fundet'}")

with case_tab:
    query = st.text_input("Sag (titel eller sagsnummer)", placeholder="Rammeaftale 2023-24")
    if query:
        timeline = case_timeline(store, query)
        if not timeline.treatments:
            st.warning(f"Ingen møder i referaterne behandlede «{query}».")
        for index, treatment in enumerate(timeline.treatments):
            when = treatment.meeting.meeting_date.strftime("%d-%m-%Y") if treatment.meeting.meeting_date else "udateret"
            st.markdown(f"**{when} · {treatment.meeting.committee}, pkt. {treatment.item_number}**")
            st.text(f"{treatment.item_title}\nBeslutning: {treatment.decision.text if treatment.decision else NO_DECISION}")
            for citation in treatment.decision.citations if treatment.decision else []:
                _source_card(citation, f"case-{index}")
        if timeline.planned:
            st.markdown("**Planlagt (ikke beslutninger)**")
            for planned in timeline.planned:
                st.text(f"{planned.when.strftime('%d-%m-%Y')}: {planned.statement.text}")

with check_tab:
    claim = st.text_input("Påstand", placeholder="Udvalget godkendte enstemmigt …")
    if claim:
        result = check_claim(_answerer(), claim, filters)
        st.subheader(VERDICT_LABEL[result.language][result.verdict.value])
        st.text(result.explanation)
        for citation in result.citations:
            _source_card(citation, "check")

with documents_tab:
    uploads = st.file_uploader("Tilføj referater (PDF, DOCX, HTML, TXT eller dagsordensportalens JSON)",
                               type=UPLOAD_TYPES, accept_multiple_files=True)
    if uploads and st.button("Indlæs"):
        _show_reports(add_documents(store, [(u.name, u.getvalue()) for u in uploads], settings.max_file_bytes,
                                    _progress_bar(), embed=False))
        embedding_worker(settings).start()  # searchable by their words now, by meaning when embedded
    documents = list_documents(store)
    if documents:
        st.dataframe([d.to_json() for d in documents], hide_index=True, width="stretch")
        name = st.selectbox("Fjern dokument", [d.name for d in documents], index=None)
        if name and st.button("Fjern", type="secondary"):
            remove_document(store, name)
            st.rerun()
