"""A document is known by where it came from, not by its bare file name: same-named files from different
folders or users coexist, a file ingested before keeps its name, a moved folder is not a second copy, and an
upload never replaces a stored document unasked (issue 14, item 2). Real minutes throughout."""

from __future__ import annotations

import shutil
import sqlite3
import threading

import pytest

from ingest.discovery import Found, store_name
from ingest.pipeline import ingest_paths
from ingest.store import Store
from qa.library import OnConflict, add_documents, conflicts, list_documents, remove_document
from tests.app_harness import button, run, view
from tests.conftest import FIXTURES, MAX_BYTES, ROOT

SOLBJERG = FIXTURES / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
LILLEAA = ROOT / "samples" / "lilleaa-teknik-og-miljoe-2025-03-12.txt"


def _two_referater(root):
    """Two different sets of minutes, both called referat.txt, in two folders."""
    for folder, source in (("a", SOLBJERG), ("b", LILLEAA)):
        (root / folder).mkdir(parents=True)
        shutil.copy(source, root / folder / "referat.txt")
    return root / "a" / "referat.txt", root / "b" / "referat.txt"


def _committees(store: Store) -> dict[str, set[str]]:
    by_file: dict[str, set[str]] = {}
    for meeting in store.catalogue.meetings():
        by_file.setdefault(meeting.file_name, set()).add(meeting.committee)
    return by_file


def test_same_named_files_of_one_folder_coexist_under_their_paths(tmp_path, small_store):
    _two_referater(tmp_path / "root")
    reports = ingest_paths([tmp_path / "root"], small_store, MAX_BYTES)
    assert [(r.name, r.status) for r in reports] == [("a/referat.txt", "ingested"), ("b/referat.txt", "ingested")]
    assert sorted(f.name for f in list_documents(small_store)) == ["a/referat.txt", "b/referat.txt"]
    assert len(_committees(small_store)) == 2  # both files' meetings are there
    assert {r.status for r in ingest_paths([tmp_path / "root"], small_store, MAX_BYTES)} == {"unchanged"}


def test_same_named_files_named_directly_coexist_and_keep_their_names(tmp_path, small_store):
    first, second = _two_referater(tmp_path)
    reports = ingest_paths([first, second], small_store, MAX_BYTES)
    assert [(r.name, r.status) for r in reports] == [("referat.txt", "ingested"), ("b/referat.txt", "ingested")]
    chunks = {name: len(small_store.file_chunks(name)) for name in ("referat.txt", "b/referat.txt")}
    assert all(chunks.values())
    # Again, in the other order, and from the folder above: the same two documents, nothing new.
    again = ingest_paths([second, first, tmp_path], small_store, MAX_BYTES)
    assert sorted((r.name, r.status) for r in again) == [("b/referat.txt", "unchanged"), ("referat.txt", "unchanged")]
    assert len(list_documents(small_store)) == 2


def test_a_moved_folder_is_the_same_document_and_opens_from_where_it_is_now(tmp_path, small_store):
    first, _ = _two_referater(tmp_path)
    ingest_paths([tmp_path / "a"], small_store, MAX_BYTES)
    (tmp_path / "a").rename(tmp_path / "moved")
    (report,) = ingest_paths([tmp_path / "moved"], small_store, MAX_BYTES)
    assert (report.name, report.status) == ("referat.txt", "unchanged")
    assert small_store.catalogue.file_path("referat.txt") == str((tmp_path / "moved" / "referat.txt").resolve())
    # A different file now where nothing else holds the name takes over the gone document's name.
    shutil.copy(LILLEAA, tmp_path / "moved" / "referat.txt")
    (replaced,) = ingest_paths([tmp_path / "moved"], small_store, MAX_BYTES)
    assert (replaced.name, replaced.status) == ("referat.txt", "ingested") and len(list_documents(small_store)) == 1


def test_a_store_made_before_finds_its_documents_by_path(tmp_path, hash_embedder):
    """Stores made before document identity named every file by its bare name and had no index on paths:
    opening one adds the index, and ingesting its folders again finds every document under its old name."""
    first, second = _two_referater(tmp_path)
    store = Store(tmp_path / "store", hash_embedder)
    ingest_paths([first], store, MAX_BYTES)
    store.close()
    with sqlite3.connect(tmp_path / "store" / "catalogue.sqlite") as db:
        db.execute("DROP INDEX files_path")
    store = Store(tmp_path / "store", hash_embedder)
    try:
        with sqlite3.connect(tmp_path / "store" / "catalogue.sqlite") as db:
            assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'files_path'").fetchone()
        reports = ingest_paths([tmp_path], store, MAX_BYTES)  # a/referat.txt was stored as 'referat.txt'
        assert sorted((r.name, r.status) for r in reports) == [("b/referat.txt", "ingested"), ("referat.txt", "unchanged")]
    finally:
        store.close()


def test_store_name_widens_only_while_another_file_on_disk_holds_the_name(tmp_path, small_store):
    first, second = _two_referater(tmp_path / "x")
    ingest_paths([first], small_store, MAX_BYTES)
    assert store_name(small_store.catalogue, Found(second, "referat.txt")) == "b/referat.txt"
    assert store_name(small_store.catalogue, Found(first, "referat.txt")) == "referat.txt"
    assert store_name(small_store.catalogue, Found(second, "upload-name.txt", fixed=True)) == "upload-name.txt"
    first.unlink()  # gone from disk: its name is free for the file that has it now
    assert store_name(small_store.catalogue, Found(second, "referat.txt")) == "referat.txt"


def test_uploads_of_one_name_never_replace_unasked(tmp_path, small_store):
    first = add_documents(small_store, [("referat.txt", SOLBJERG.read_bytes())], MAX_BYTES)
    assert [(r.name, r.status) for r in first] == [("referat.txt", "ingested")]
    other = [("referat.txt", LILLEAA.read_bytes())]
    (clash,) = conflicts(small_store, other)
    assert clash.name == "referat.txt" and clash.existing.meetings == 1
    assert not conflicts(small_store, [("referat.txt", SOLBJERG.read_bytes())])  # the same content is no conflict

    kept = add_documents(small_store, other, MAX_BYTES)  # no decision: both kept
    assert [(r.name, r.status) for r in kept] == [("referat (2).txt", "ingested")]
    skipped = add_documents(small_store, other, MAX_BYTES, on_conflict={"referat.txt": OnConflict.SKIP})
    assert [r.status for r in skipped] == ["skipped"]
    assert sorted(f.name for f in list_documents(small_store)) == ["referat (2).txt", "referat.txt"]

    old_copy = small_store.catalogue.file_path("referat.txt")
    replaced = add_documents(small_store, other, MAX_BYTES, on_conflict={"referat.txt": OnConflict.REPLACE})
    assert [(r.name, r.status) for r in replaced] == [("referat.txt", "ingested")]
    assert small_store.catalogue.file("referat.txt").sha256 == small_store.catalogue.file("referat (2).txt").sha256
    new_copy = small_store.catalogue.file_path("referat.txt")
    assert new_copy != old_copy and not (tmp_path / old_copy).exists()  # the replaced upload's copy is gone
    same = add_documents(small_store, other, MAX_BYTES)
    assert [r.status for r in same] == ["unchanged"]
    uploads = small_store.data_dir / "uploads"
    assert sorted(p.name for p in uploads.rglob("*.txt")) == ["referat (2).txt", "referat.txt"]  # no stray copies
    remove_document(small_store, "referat (2).txt")
    assert [p.name for p in uploads.rglob("*.txt")] == ["referat.txt"]


def test_uploads_whose_names_clean_alike_are_both_kept(small_store):
    reports = add_documents(small_store, [("a?b.txt", SOLBJERG.read_bytes()), ("a*b.txt", LILLEAA.read_bytes())], MAX_BYTES)
    assert [(r.name, r.status) for r in reports] == [("a_b.txt", "ingested"), ("a_b (2).txt", "ingested")]


def test_two_users_uploading_one_name_at_once_both_keep_their_document(small_store):
    """Two sessions of the app share one store. The first upload is held inside its ingest while the second
    is sent: without one step for naming and storing, both would take 'referat.txt' and one be lost."""
    first_inside, second_done = threading.Event(), threading.Event()

    def held(done: int, total: int, name: str) -> None:
        if done == 0:
            first_inside.set()
            second_done.wait(timeout=1.5)  # the second upload would finish here, were it not made to wait

    def second() -> None:
        first_inside.wait(timeout=30)
        add_documents(small_store, [("referat.txt", LILLEAA.read_bytes())], MAX_BYTES, embed=False)
        second_done.set()

    other = threading.Thread(target=second)
    other.start()
    add_documents(small_store, [("referat.txt", SOLBJERG.read_bytes())], MAX_BYTES, held, embed=False)
    other.join(timeout=60)
    assert sorted(f.name for f in list_documents(small_store)) == ["referat (2).txt", "referat.txt"]


@pytest.mark.parametrize("choice, documents", [
    (OnConflict.REPLACE, ["lilleaa-teknik-og-miljoe-2025-03-12.txt"]),
    (OnConflict.KEEP_BOTH, ["lilleaa-teknik-og-miljoe-2025-03-12 (2).txt", "lilleaa-teknik-og-miljoe-2025-03-12.txt"]),
])
def test_the_app_asks_before_an_upload_replaces_a_document(demo_app, choice, documents):
    """An upload named like a demo document, with other content: the app asks, and does what was chosen."""
    view(demo_app, "Dokumenter")
    demo_app.file_uploader[0].set_value([(LILLEAA.name, SOLBJERG.read_bytes(), "text/plain")])
    run(demo_app)
    button(demo_app, "Indlæs").click()
    run(demo_app)
    assert any("allerede gemt dokumenter med disse navne" in w.value for w in demo_app.warning)
    (question,) = demo_app.radio
    assert LILLEAA.name in question.label and question.value is OnConflict.KEEP_BOTH
    assert question.options == ["Behold begge (den nye får et nummer)", "Erstat det gemte dokument", "Tilføj ikke den nye"]
    question.set_value(choice)
    button(demo_app, "Fortsæt").click()
    run(demo_app)
    assert not demo_app.warning and not demo_app.radio
    remove = next(s for s in demo_app.selectbox if s.label == "Fjern dokument")
    assert sorted(o for o in remove.options if o.startswith("lilleaa-teknik-og-miljoe-2025-03-12")) == documents
    new_name = documents[0]
    assert any(s.value.startswith(f"{new_name}: indlæst – 1 møde(r), 4 punkter") for s in demo_app.success)
