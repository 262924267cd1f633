"""Exports of briefs, summaries and timelines as Markdown and DOCX: Danish headings, every quote with its
numbered source, a "Kilder" list naming each source by its label; the DOCX opens with python-docx."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date

import docx

from qa.cases import brief, case_timeline
from qa.export import DOCX_MIME, export_document, export_file_name, to_docx, to_markdown
from qa.summarise import summarize
from tests.conftest import ROOT


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _docx_text(data: bytes) -> tuple[str, list[str], list[str]]:
    """The document's whole text, its headings, and the paragraphs after the 'Kilder' heading."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in paragraphs if style.startswith(("Heading", "Title"))]
    sources_at = [text for _, text in paragraphs].index("Kilder")
    return "\n".join(text for _, text in paragraphs), headings, [text for _, text in paragraphs[sources_at + 1:]]


def _results(store):
    meetings = store.catalogue.meetings()
    randers = next(m for m in meetings if m.meeting_date == date(2020, 1, 14))
    agenda = next(m for m in meetings if m.meeting_date == date(2020, 6, 4) and m.kind.value == "dagsorden")
    minutes = next(m for m in meetings if m.meeting_date == date(2023, 1, 9))
    return [summarize(store, randers.id), brief(store, agenda.id), brief(store, minutes.id),
            case_timeline(store, "Rammeaftale 2023-24")]


def test_docx_holds_every_citation_quote_and_label(corpus_store):
    store, _ = corpus_store
    for result in _results(store):
        data = to_docx(result)
        assert data[:2] == b"PK"  # a zip: the .docx container
        text, headings, sources = _docx_text(data)
        citations = export_document(result).citations()
        assert citations
        body = _squeeze(text)
        for citation in citations:
            assert _squeeze(citation.quote) in body, citation.quote
            assert f"[{citation.key}] {citation.source.label()}" in sources
        assert len(sources) == len(citations)
        assert "Kilder" in headings and all("Sources" not in h for h in headings)


def test_docx_headings_are_danish_and_the_agenda_brief_labels_the_proposal(corpus_store):
    store, _ = corpus_store
    summary, agenda_brief, minutes_brief, timeline = _results(store)
    _, headings, _ = _docx_text(to_docx(summary))
    assert headings[0] == "Resumé: Randers, Beskæftigelsesudvalget 14-01-2020 (referat)"
    assert "1. Orientering om deltagelse i projekt \"Flere skal med 2\"" in headings and "Hovedpunkter" in headings
    text, headings, _ = _docx_text(to_docx(agenda_brief))
    assert headings[0] == "Forberedelse: Aarhus, Rådmandsmøde 04-06-2020 (dagsorden)"
    assert "Forvaltningens indstilling (forslag, ikke en beslutning): «Det indstilles:" in text
    assert "Faste punkter" in headings
    _, headings, _ = _docx_text(to_docx(minutes_brief))
    assert headings[0] == "Beslutninger: Aarhus, Rådmandsmøde 09-01-2023 (referat)"
    _, headings, _ = _docx_text(to_docx(timeline))
    assert headings[0] == "Sagen «Rammeaftale 2023-24» (Aarhus)" and "Planlagt (ikke beslutninger)" in headings


def test_markdown_holds_every_quote_and_label_and_stays_text(corpus_store):
    store, _ = corpus_store
    for result in _results(store):
        markdown = to_markdown(result)
        body, _, sources = markdown.partition("\n## Kilder\n")
        citations = export_document(result).citations()
        plain = _squeeze(body.replace("\\", ""))
        for citation in citations:
            assert _squeeze(citation.quote) in plain
            assert f"- [{citation.key}] {citation.source.label()}" in sources
        assert markdown.startswith("# ")
    minutes_md = to_markdown(_results(store)[2])
    # a decision written as a list ("- 1) Taget til efterretning") stays inside its quote, not a Markdown list
    assert "«- 1) Taget til efterretning  \n\\- 2) Godkendt.» [" in minutes_md


def test_summary_to_markdown_is_the_export(corpus_store):
    store, _ = corpus_store
    summary = _results(store)[0]
    assert summary.to_markdown() == to_markdown(summary)
    assert "\n## Kilder\n" in summary.to_markdown()  # eval/score.py cuts the sources off here


def test_export_file_names_follow_the_meeting_and_case(corpus_store):
    store, _ = corpus_store
    summary, agenda_brief, _, timeline = _results(store)
    assert export_file_name(agenda_brief, "docx") == f"forberedelse-{agenda_brief.meeting.id}.docx"
    assert export_file_name(summary, "md") == f"resume-{summary.meeting.id}.md"
    assert export_file_name(timeline, ".docx") == "sagsforloeb-rammeaftale-2023-24.docx"
    assert DOCX_MIME == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_cli_exports_brief_and_summary(tmp_path, corpus_store):
    store, _ = corpus_store
    agenda = next(m for m in store.catalogue.meetings() if m.meeting_date == date(2020, 6, 4) and m.kind.value == "dagsorden")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REFERENT_EMBEDDER": "hash"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "qa", *args, "--store", str(store.data_dir)], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=300)

    out = tmp_path / "brief.docx"
    result = run("brief", agenda.id, "--export", "docx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Midtvejsevaluering - Virtuel bostøtte" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    markdown = run("brief", agenda.id, "--export", "md")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# Forberedelse: Aarhus, Rådmandsmøde 04-06-2020")
    default = run("summarize", agenda.id, "--export", "docx")
    assert default.returncode == 0 and (tmp_path / f"resume-{agenda.id}.docx").is_file()
    suggested = run("suggest", "--json")
    assert suggested.returncode == 0 and len(json.loads(suggested.stdout)) == 3
