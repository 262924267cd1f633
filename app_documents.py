"""The app's Dokumenter page and the ingest results every page shares: upload (asking before an upload
replaces a stored document of the same name), list and remove documents. Presentation only."""

from __future__ import annotations

import streamlit as st

from ingest.settings import Settings
from qa.backends import describe_llm
from qa.background import embedding_worker
from qa.library import (
    SUPPORTED_SUFFIXES,
    OnConflict,
    add_documents,
    conflicts,
    list_documents,
    remove_document,
)
from qa.render import markdown_literal as md

UPLOAD_TYPES = [suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES]
_STATUS = {"ingested": "indlæst", "unchanged": "uændret", "skipped": "ikke tilføjet", "error": "fejl"}
_CHOICES = {OnConflict.KEEP_BOTH: "Behold begge (den nye får et nummer)", OnConflict.REPLACE: "Erstat det gemte dokument",
            OnConflict.SKIP: "Tilføj ikke den nye"}
_REASONS = {"skipped": "et dokument med samme navn er gemt og blev beholdt"}


def progress_bar():
    bar = st.progress(0.0, text="Indlæser …")

    def update(done: int, total: int, name: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"{done}/{total} {name}")

    return update


def keep_reports(origin: str, reports) -> None:
    """One line per file (ingested, unchanged, skipped, or the error and its reason), kept until dismissed."""
    st.session_state[f"reports-{origin}"] = [
        (r.status == "error", f"{md(r.name)}: {_STATUS.get(r.status, r.status)} – "
         + (md(_REASONS.get(r.status) or r.error or "") if r.status in ("error", "skipped")
            else f"{r.meetings} møde(r), {r.items} punkter, {r.chunks} uddrag"))
        for r in reports]


def show_reports(origin: str) -> None:
    lines = st.session_state.get(f"reports-{origin}")
    if not lines:
        return
    for failed, line in lines:
        (st.error if failed else st.success)(line)
    if st.button("Skjul resultaterne", key=f"dismiss-{origin}"):
        del st.session_state[f"reports-{origin}"]
        st.rerun()


def documents_page(store, settings: Settings, max_mb: int) -> None:
    uploader = st.session_state.setdefault("uploader", 0)  # a new key empties the uploader after each upload
    uploads = st.file_uploader("Tilføj referater (PDF, DOCX, HTML, TXT eller dagsordensportalens JSON)",
                               type=UPLOAD_TYPES, accept_multiple_files=True, max_upload_size=max_mb,
                               key=f"uploads-{uploader}")
    if uploads and st.button("Indlæs"):
        files = [(u.name, u.getvalue()) for u in uploads]
        if clashes := conflicts(store, files):
            st.session_state["pending-upload"] = (files, clashes)
        else:
            _add(store, settings, files, {})
    if pending := st.session_state.get("pending-upload"):
        _ask_before_replacing(store, settings, *pending)
    show_reports("upload")
    documents = list_documents(store)
    if documents:
        st.table([{"Dokument": md(d.name), "Format": d.format, "Møder": d.meetings, "Punkter": d.items,
                   "Uddrag": d.chunks, "Indlæst": "-".join(reversed((d.ingested_at or "")[:10].split("-")))} for d in documents],
                 hide_index=True, height=min(420, 40 + 36 * len(documents)))
        name = st.selectbox("Fjern dokument", [d.name for d in documents], index=None, placeholder="Vælg et dokument")
        if name and st.button("Fjern", type="secondary"):
            remove_document(store, name)
            st.session_state["reports-upload"] = [(False, f"{md(name)}: fjernet – dets uddrag og resuméer er slettet")]
            st.rerun()
    with st.expander("Om systemet"):
        st.markdown(f"Søgning efter betydning: `{store.embedder.name}` · svar: `{describe_llm(settings)}` · "
                    f"data: `{settings.data_dir}`" + (f" · Chroma: `{settings.chroma_url}`" if settings.chroma_url else ""))
        if documents:
            st.table([{"Dokument": md(d.name), "sha256": d.sha256, "Struktur": d.structure, "Status": d.status}
                      for d in documents], hide_index=True)


def _ask_before_replacing(store, settings: Settings, files, clashes) -> None:
    """An upload never replaces a stored document unasked: one choice per name, then add them all."""
    st.warning("Der er allerede gemt dokumenter med disse navne, med et andet indhold. Vælg for hvert, hvad der skal ske.")
    choices = {}
    for clash in clashes:
        when = "-".join(reversed((clash.existing.ingested_at or "")[:10].split("-")))
        choices[clash.name] = st.radio(
            md(f"{clash.name} (gemt {when}, {clash.existing.meetings or 0} møde(r))"), list(_CHOICES),
            format_func=_CHOICES.get, key=f"conflict-{clash.name}")
    with st.container(horizontal=True):
        go, cancel = st.button("Fortsæt", type="primary"), st.button("Annullér")
    if go or cancel:
        del st.session_state["pending-upload"]
        if go:
            _add(store, settings, files, choices)
        st.rerun()


def _add(store, settings: Settings, files, choices) -> None:
    keep_reports("upload", add_documents(store, files, settings.max_file_bytes, progress_bar(), embed=False,
                                         on_conflict=choices))
    embedding_worker(settings).start()  # searchable by their words now, by meaning when embedded
    st.session_state["uploader"] = st.session_state.get("uploader", 0) + 1
    st.rerun()  # the sidebar's counts, drawn before the upload, are drawn again
