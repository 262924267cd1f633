"""Chroma as a server (REFERENT_CHROMA_URL): a real `chroma run` behaves like the embedded store, and a wrong
URL fails at once with a message saying what to do.

The server tests start the venv's `chroma` once for the module (about a second) and skip with the reason
when the executable is not found.
"""

from __future__ import annotations

import inspect
import math
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest

from ingest.chroma_client import chroma_client
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import MAX_BYTES

_VENV_CHROMA = Path(sys.executable).with_name("chroma")
CHROMA = str(_VENV_CHROMA) if _VENV_CHROMA.is_file() else shutil.which("chroma")
needs_chroma = pytest.mark.skipif(CHROMA is None, reason="the `chroma` executable (chromadb's CLI) is not in the venv nor on PATH")
_START_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory) -> str:
    """A real Chroma server for the module, on a free port with its data in a tmp folder."""
    folder = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = folder / "server.log"
    with log_path.open("wb") as server_log:
        server = subprocess.Popen([CHROMA, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=server_log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + _START_TIMEOUT_S
    while True:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            ended = f"exited with code {server.returncode}" if server.poll() is not None else f"gave no heartbeat in {_START_TIMEOUT_S} s"
            server.kill()
            server.wait()
            output = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            pytest.fail(f"`chroma run` on port {port} {ended}; its output:\n{output}")
        time.sleep(0.05)
    yield url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _scenario(client) -> dict:
    """The store's use of Chroma in small: upsert with vectors and metadata, query and delete by `where`."""
    collection = client.get_or_create_collection("scenario", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    ids = [f"c{i}" for i in range(6)]
    collection.upsert(
        ids=ids,
        embeddings=[[1.0, i, 0.0, 0.5] for i in range(6)],
        documents=[f"passage {i}" for i in range(6)],
        metadatas=[{"file_name": "a.txt" if i % 2 == 0 else "b.txt", "position": i} for i in range(6)],
    )
    collection.upsert(ids=["c0"], embeddings=[[1.0, 0.0, 0.0, 0.5]], documents=["passage 0, again"],
                      metadatas=[{"file_name": "a.txt", "position": 0}])  # an upsert replaces, never adds
    found = collection.query(query_embeddings=[[1.0, 4.0, 0.0, 0.5]], n_results=2, where={"file_name": "a.txt"},
                             include=["documents", "metadatas", "distances"])
    counted = collection.count()
    collection.delete(where={"file_name": "a.txt"})
    left = collection.get(include=["metadatas"])
    client.delete_collection("scenario")
    return {
        "count": counted,
        "found": found["ids"][0],
        "documents": found["documents"][0],
        "metadatas": found["metadatas"][0],
        "distances": [round(d, 5) for d in found["distances"][0]],
        "left": sorted(left["ids"]),
        "kept": "scenario" in [c.name for c in client.list_collections()],
    }


@needs_chroma
def test_a_server_client_behaves_like_the_embedded_one(tmp_path, chroma_url):
    server = chroma_client(tmp_path / "unused", chroma_url)
    assert server.heartbeat() > 0
    assert not (tmp_path / "unused").exists()  # a server client keeps nothing locally
    embedded = _scenario(chroma_client(tmp_path / "embedded"))
    assert (tmp_path / "embedded" / "chroma" / "chroma.sqlite3").is_file()
    assert embedded == {
        "count": 6, "found": ["c4", "c2"], "documents": ["passage 4", "passage 2"],
        "metadatas": [{"file_name": "a.txt", "position": 4}, {"file_name": "a.txt", "position": 2}],
        "distances": pytest.approx([0.0, 1 - 9.25 / math.sqrt(17.25 * 5.25)], abs=1e-4),  # cosine
        "left": ["c1", "c3", "c5"], "kept": False,
    }
    assert _scenario(server) == embedded


@pytest.mark.parametrize("url", ["localhost:abc", "ftp://x", "http://", "http://127.0.0.1:abc", "http://127.0.0.1:8000/chroma",
                                 "http://user:secret@127.0.0.1:8000", "http://[::1]:8000"])
def test_a_malformed_url_is_refused_with_the_expected_form(tmp_path, url):
    with pytest.raises(ValueError, match=r"Chroma server URL .* expected http://host:port") as refused:
        chroma_client(tmp_path, url)
    message = str(refused.value)
    assert "secret" not in message and (repr(url) in message or "secret" in url)


def test_no_server_at_the_url_says_how_to_start_one(tmp_path):
    port = _free_port()  # bound, then released: nothing listens there
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    with pytest.raises(RuntimeError) as refused:
        chroma_client(tmp_path, url)
    message = str(refused.value)
    assert url in message and f"chroma run --path DIR --port {port}" in message and "REFERENT_CHROMA_URL" in message
    assert time.monotonic() - started < 5


def test_a_server_that_is_not_chroma_is_named_as_such(tmp_path):
    class NotChroma(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    other = HTTPServer(("127.0.0.1", 0), NotChroma)
    threading.Thread(target=other.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    url = f"http://127.0.0.1:{other.server_port}"
    try:
        with pytest.raises(RuntimeError, match=r"answered HTTP 404, not a Chroma .* heartbeat") as refused:
            chroma_client(tmp_path, url)
        assert url in str(refused.value) and "chroma run" in str(refused.value)
    finally:
        other.shutdown()
        other.server_close()


@needs_chroma
def test_the_store_on_a_server_ingests_finds_reingests_and_removes(tmp_path, chroma_url, corpus, hash_embedder):
    if "chroma_url" not in inspect.signature(Store.__init__).parameters:
        pytest.skip("Store(data_dir, embedder, chroma_url=...) has not landed yet (issue 11)")
    from ingest.filters import Filters
    from qa.question import parse_question
    from qa.retrieval import Retriever

    folder = tmp_path / "minutes"
    shutil.copytree(corpus, folder, ignore=shutil.ignore_patterns("README.md"))
    store = Store(tmp_path / "data", hash_embedder, chroma_url=chroma_url)
    vectors = chroma_client(tmp_path, chroma_url).get_collection(store.collection_name)  # the server, seen directly
    try:
        assert not (tmp_path / "data" / "chroma").exists()  # the vectors are on the server
        reports = ingest_paths([folder], store, MAX_BYTES)
        assert len(reports) == 5 and all(r.status == "ingested" for r in reports), reports
        chunks = sum(r.chunks for r in reports)
        assert store.count() == chunks == len({c.id for c in store.all_chunks()}) == vectors.count()

        meetings = store.catalogue.meetings()
        question = parse_question("Hvad besluttede Beskæftigelsesudvalget om ledighed?",
                                  sorted({m.municipality for m in meetings if m.municipality}),
                                  sorted({m.committee for m in meetings if m.committee}))
        passages = Retriever(store).search(question)
        assert passages and {p.source.committee for p in passages} == {"Beskæftigelsesudvalget"}
        nearest = store.query(hash_embedder.embed_query("ledighed"), 5, Filters(committees=("Beskæftigelsesudvalget",)))
        assert len(nearest) == 5 and {c.source.committee for c in nearest} == {"Beskæftigelsesudvalget"}

        assert all(r.status == "unchanged" for r in ingest_paths([folder], store, MAX_BYTES))
        changed = folder / "randers-beskaeftigelsesudvalget-2020-01-14.txt"
        changed.write_text(changed.read_text(encoding="utf-8").replace("Beslutning", "Beslutning ", 1), encoding="utf-8")
        (again,) = ingest_paths([changed], store, MAX_BYTES)
        before = next(r for r in reports if r.name == changed.name)
        assert again.status == "ingested" and again.chunks == before.chunks
        assert store.count() == vectors.count() == chunks  # the changed file's old vectors were replaced, not added to

        store.remove_file(changed.name)
        assert store.file_chunks(changed.name) == [] and not vectors.get(where={"file_name": changed.name})["ids"]
        assert store.count() == vectors.count() == chunks - before.chunks
    finally:
        store.close()
