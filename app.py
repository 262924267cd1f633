"""Referent in the browser: chat with citations that open their source, meetings, case timelines,
fact-checks, documents. Presentation only: every action goes through `qa`.

Source text is always shown as text: where a quote is marked inside its passage, the passage is HTML-escaped
first (`qa.source_view.numbered_html`), so nothing in a document can inject markup. Danish throughout: where
Streamlit has no setting for a text of its own (the file uploader's button and size line, the keyboard hint
under a text field, the skip link), `_DANISH_CSS` puts Danish words in its place.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import streamlit as st

from app_documents import UPLOAD_TYPES, documents_page, keep_reports, progress_bar, show_reports
from ingest.settings import get_settings
from qa.answer import Answerer
from qa.archive import suggested_questions
from qa.backends import describe_llm, make_llm
from qa.background import embedding_worker, progress_text
from qa.cases import brief, case_timeline
from qa.document import statement_item
from qa.export import DOCX_MIME, MARKDOWN_MIME, export_file_name, to_docx, to_markdown
from qa.factcheck import check_claim
from qa.library import add_folder, embedding_progress, meeting_choices, open_store
from qa.meetings import list_meetings
from qa.messages import NO_DECISION_SHORT, RECOMMENDATION_LABEL, VERDICT_LABEL, meeting_label
from qa.render import link_site
from qa.render import markdown_literal as md
from qa.source_view import numbered_html, open_source
from qa.summarise import NO_DECISION, summarize
from qa.types import Filters

SAMPLES = Path(__file__).resolve().parent / "samples"
VIEWS = ["Spørg", "Møder", "Sagsforløb", "Faktatjek", "Dokumenter"]

st.set_page_config(page_title="Referent", page_icon="📜", layout="wide")
settings = get_settings()
MAX_MB = int(settings.max_file_mb)

_DANISH_CSS = f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{display: none}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{content: "Vælg filer"}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{display: none}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "Højst {MAX_MB} MB pr. fil · {', '.join(s.upper() for s in UPLOAD_TYPES)}"; font-size: 0.875rem; opacity: 0.7}}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span {{font-size: 0}}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span::after {{content: "Slip filerne her"; font-size: 1rem}}
[data-testid="InputInstructions"] > span {{display: none}}
[data-testid="InputInstructions"]::after {{content: "Tryk Enter"}}
[data-testid="stSkipToContent"] {{font-size: 0; visibility: hidden}}
[data-testid="stSkipToContent"]::after {{content: "Gå til indholdet"; font-size: 1rem; visibility: visible}}
.referent-source {{line-height: 1.5; margin: 0.5rem 0 1rem}}
.referent-line {{display: flex; gap: 0.75rem}}
.referent-lineno {{flex: 0 0 3.5ch; text-align: right; opacity: 0.55; user-select: none; font-variant-numeric: tabular-nums}}
.referent-text {{white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0}}
.referent-source mark {{background: #ffe066; color: inherit; padding: 0.05em 0}}
[data-testid="stExpanderDetails"] [data-testid="stElementToolbar"] {{display: none}}
</style>"""
st.html(_DANISH_CSS)


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


@st.cache_resource(show_spinner="Åbner søgeindekset …")
def _store():
    return open_store(settings)


store = _store()


@st.cache_resource(show_spinner="Gør svarene klar …")
def _answerer():
    return Answerer(store, make_llm(settings), describe_llm(settings))


def _source_card(citation, key: str) -> None:
    """A citation that opens its source: the PDF page or the numbered lines with the quote marked; then the
    municipality's own page and the file. Its content runs only while it is open."""
    ref = citation.source
    key = f"{key}-{citation.key}"
    with st.expander(f"[{citation.key}] {md(ref.label())}", key=f"source-{key}", on_change="rerun") as card:
        if not card.open:
            return
        st.caption(md(f"{ref.municipality or ''} · {ref.committee or ''} · pkt. {ref.item_number} «{ref.item_title}» · "
                      f"{ref.section_heading or ref.section.label}"))
        view = open_source(store, citation)
        if view.page:
            page = view.page
            whole = st.toggle("Vis hele siden", key=f"whole-{key}")
            found = "citatet er markeret" if page.boxes else "citatet kunne ikke markeres på siden"
            with st.container(width=page.screen_width if whole else page.focus_screen_width):  # printed size, or narrower
                st.image(page.png if whole else page.focus_png, width="stretch",
                         caption=md(f"{ref.file_name}, side {page.page} af {page.pages}: {found}"),
                         alt=f"Side {page.page} af {ref.file_name} med citatet markeret: {citation.quote[:300]}")
        elif not view.from_original:
            st.caption("Den oprindelige fil er ændret eller flyttet: her er uddraget, som det blev indlæst.")
        st.markdown(numbered_html(view.lines), unsafe_allow_html=True)
        with st.container(horizontal=True):
            if view.source_url:
                st.link_button(f"Åbn hos kommunen ({md(link_site(view.source_url))})", view.source_url, icon=":material/open_in_new:")
            if view.file:
                where = f"side {ref.page}" if ref.page else f"linje {ref.line_start}-{ref.line_end}"
                st.download_button(md(f"Hent {ref.file_name} ({where})"), view.file.read_bytes, file_name=ref.file_name,
                                   key=f"download-{key}", on_click="ignore", icon=":material/download:")  # read on click


def _downloads(result, key: str, what: str = "") -> None:
    """A brief, summary or case timeline as Word and as Markdown, the citations as footnotes."""
    with st.container(horizontal=True):
        st.download_button(f"Hent {what}som Word", to_docx(result), file_name=export_file_name(result, "docx"),
                           mime=DOCX_MIME, key=f"docx-{key}", on_click="ignore", icon=":material/download:")
        st.download_button(f"Hent {what}som Markdown", to_markdown(result), file_name=export_file_name(result, "md"),
                           mime=MARKDOWN_MIME, key=f"md-{key}", on_click="ignore", icon=":material/download:")


def _statement(label: str, statement, key: str) -> None:
    """A labelled, cited statement (None: no decision in the material) and the cards of its sources."""
    st.markdown(f"*{md(label)}*")
    st.text(statement.text if statement else NO_DECISION_SHORT["da"])
    for citation in statement.citations if statement else []:
        _source_card(citation, key)


def _brief(b) -> None:
    """Per case item: for minutes the decision first, then what it asks and its earlier treatments (dated, before
    this meeting) with their decisions; then the standing items and the closed items by title."""
    agenda = b.meeting.kind.value == "dagsorden"
    for i, item in enumerate(b.items):
        if item.closed or item.standing:
            continue
        st.markdown(f"**{item.number}. {md(item.title)}**")
        if not agenda:
            _statement("Beslutning", item.decision, f"b{i}d")
        if item.asks:
            _statement(RECOMMENDATION_LABEL["da"], item.asks, f"b{i}a")
        for n, t in enumerate(item.earlier):
            _statement(f"Tidligere: {meeting_label(t.meeting, 'da')}, pkt. {t.item_number} «{t.item_title}»",
                       t.decision, f"b{i}e{n}")
        if agenda and not item.earlier:
            st.caption("Ingen tidligere behandling fundet i referaterne.")
    standing = [i for i in b.items if i.standing and not i.closed]
    if standing:
        st.markdown("**Faste punkter**")
        st.text("\n".join(f"{i.number}. {i.title}" for i in standing))
    for item in (i for i in b.items if i.closed):
        st.markdown(f"**{item.number}.** 🔒 Lukket punkt")
        st.text(item.title)


def _open_meeting(meeting_id: str) -> None:
    """'Åbn mødet' under an answer: the Møder view with that meeting chosen."""
    label = next((k for k, v in meeting_choices(list_meetings(store)).items() if v == meeting_id), None)
    st.session_state["view"] = "Møder"
    if label:
        st.session_state["meeting"] = label


def _filters_sidebar(meetings) -> Filters:
    st.sidebar.subheader("Afgrænsning")
    municipalities = st.sidebar.multiselect("Kommune", sorted({m.municipality for m in meetings if m.municipality}),
                                            placeholder="Alle kommuner", select_all=False)
    committees = st.sidebar.multiselect("Udvalg", sorted({m.committee for m in meetings if m.committee}),
                                        placeholder="Alle udvalg", select_all=False)
    dated = sorted(m.meeting_date for m in meetings if m.meeting_date)
    since = until = None
    if dated and st.sidebar.checkbox("Kun en periode"):
        chosen = st.sidebar.date_input("Periode", (dated[0], dated[-1]), min_value=date(1990, 1, 1), format="DD-MM-YYYY")
        if isinstance(chosen, tuple) and len(chosen) == 2:
            since, until = chosen
    return Filters(tuple(municipalities), tuple(committees), since, until)


meetings = list_meetings(store)
with st.sidebar:
    st.title("Referent")
    st.caption("Svar fra kommunale referater, med kilder.")
    st.metric("Møder", len(meetings))
    st.metric("Uddrag i indekset", store.count())


@st.fragment(run_every=3)
def _embedding_status() -> None:
    """Uploaded passages are found by their words at once and by meaning once embedded: say how far."""
    progress = embedding_progress(store)
    worker = embedding_worker(settings)
    if progress.done:
        return
    st.progress(progress.embedded / progress.total, text=progress_text(progress))
    if worker.error:
        st.caption(md(f"Indlejringen stoppede: {worker.error}"))
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
        keep_reports("demo", add_folder(store, SAMPLES, settings.max_file_bytes, progress_bar()))
        st.rerun()
show_reports("demo")

chat_tab, meetings_tab, case_tab, check_tab, documents_tab = st.tabs(VIEWS, key="view", on_change="rerun")
# At the top level the chat input is pinned to the bottom of the page; it is there only while 'Spørg' is open.
question = st.chat_input("Hvad blev besluttet om …?") if chat_tab.open else None

if chat_tab.open:
    with chat_tab:
        history = st.session_state.setdefault("history", [])
        if history and st.button("Ny samtale", help="Glem de tidligere spørgsmål: det næste spørgsmål står alene"):
            history.clear()
            st.rerun()
        for turn_index, (asked, answer) in enumerate(history):
            with st.chat_message("user"):
                st.text(asked)
            with st.chat_message("assistant"):
                st.text(answer.answer) if answer.status.value == "answered" else st.warning(md(answer.answer))
                for citation in answer.citations:
                    _source_card(citation, f"{turn_index}")
                if answer.meeting_id:
                    st.button("Åbn mødet", key=f"open-{turn_index}", on_click=_open_meeting, args=(answer.meeting_id,),
                              icon=":material/event:")
        if not history and not question:
            st.caption("Forslag fra de indlæste referater:")
            for index, suggestion in enumerate(suggested_questions(store, 3)):
                if st.button(md(suggestion), key=f"suggest-{index}"):
                    question = suggestion
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

if meetings_tab.open:
    with meetings_tab:
        shown = list_meetings(store, filters)
        choices = meeting_choices(shown)
        picked = st.selectbox("Møde", list(choices), placeholder="Vælg et møde", key="meeting") if choices else None
        if not choices:
            st.info("Ingen møder i afgrænsningen.")
        meeting_id = choices.get(picked) if picked else None
        if meeting_id:
            meeting = next(m for m in shown if m.id == meeting_id)
            st.subheader(md(picked))
            st.caption(md(f"Kilde: {meeting.file_name}" + (f" · {meeting.place}" if meeting.place else "")))
            if meeting.source_url:
                st.link_button(f"Åbn mødet hos kommunen ({md(link_site(meeting.source_url))})", meeting.source_url,
                               icon=":material/open_in_new:")
            prepared = brief(store, meeting_id)
            _downloads(prepared, "brief")
            if meeting.kind.value == "dagsorden":
                st.caption("Dagsorden: ingen beslutninger endnu; her er hvad hvert punkt lægger op til.")
            _brief(prepared)
            summary = summarize(store, meeting_id, llm=_answerer().llm, backend=_answerer().llm_name)
            if summary.key_points:
                st.markdown("**Hovedpunkter**")
                for point in summary.key_points:
                    st.text(f"• {statement_item(point)}: {point.text} " + " ".join(f"[{c.source.label()}]" for c in point.citations))
            _downloads(summary, "summary", "resuméet ")

if case_tab.open:
    with case_tab:
        query = st.text_input("Sag (titel eller sagsnummer)", placeholder="Rammeaftale 2023-24")
        if query:
            timeline = case_timeline(store, query)
            if not timeline.treatments:
                st.warning(md(f"Ingen møder i referaterne behandlede «{query}»."))
            else:
                st.subheader(md(f"«{query}» · " + ", ".join(timeline.municipalities() or ["ukendt kommune"])))
                _downloads(timeline, "case")
            for index, treatment in enumerate(timeline.treatments):
                when = treatment.meeting.meeting_date.strftime("%d-%m-%Y") if treatment.meeting.meeting_date else "udateret"
                st.markdown(f"**{md(f'{when} · {treatment.meeting.committee}, pkt. {treatment.item_number}')}**")
                st.text(f"{treatment.item_title}\nBeslutning: {treatment.decision.text if treatment.decision else NO_DECISION}")
                for citation in treatment.decision.citations if treatment.decision else []:
                    _source_card(citation, f"case-{index}")
            if timeline.planned:
                st.markdown("**Planlagt (ikke beslutninger)**")
                for planned in timeline.planned:
                    st.text(f"{planned.when.strftime('%d-%m-%Y')}: {planned.statement.text}")

if check_tab.open:
    with check_tab:
        claim = st.text_input("Påstand", placeholder="Udvalget godkendte enstemmigt …")
        if claim:
            result = check_claim(_answerer(), claim, filters)
            st.subheader(VERDICT_LABEL[result.language][result.verdict.value])
            st.text(result.explanation)
            for citation in result.citations:
                _source_card(citation, "check")

if documents_tab.open:
    with documents_tab:
        documents_page(store, settings, MAX_MB)
