"""Which Chroma the store talks to: the embedded one under data_dir/chroma, or a server shared by processes.

A server URL is checked when the client is built (a heartbeat with a timeout), so a wrong setting fails at
once with the URL and how to start a server, not at the first query, nor by hanging: Chroma's own HTTP
client has no timeout. Telemetry is off either way; collections are made with embedding_function=None.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

log = logging.getLogger(__name__)

_DEFAULT_PORTS = {"http": 8000, "https": 443}  # 8000: `chroma run`'s and chromadb.HttpClient's default
_HEARTBEAT = "/api/v2/heartbeat"  # chromadb 1.x servers; a 0.x server answers 404 here
_HEARTBEAT_TIMEOUT_S = 5.0


def chroma_client(data_dir: Path, url: str | None = None) -> ClientAPI:
    """The embedded client under data_dir/chroma when url is empty, else a client of the server at url
    (http[s]://host[:port]), its heartbeat checked: ValueError for a malformed url, RuntimeError when no
    Chroma server answers there."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if not url:
        return chromadb.PersistentClient(path=str(Path(data_dir) / "chroma"), settings=settings)
    scheme, host, port = _parse(url)
    _check_heartbeat(url, f"{scheme}://{host}:{port}{_HEARTBEAT}", port)
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=scheme == "https", settings=settings)
    except Exception as e:  # the server went away between the heartbeat and here
        raise RuntimeError(_unreachable(url, port, str(e))) from e
    log.info("Chroma server at %s", url)
    return client


def _parse(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a server URL, or a ValueError saying what is wrong with it."""
    expected = "expected http://host:port or https://host[:port], e.g. http://127.0.0.1:8000"
    parts = urlsplit(url.strip())
    url = re.sub(r"//[^/@]*@", "//***@", url)  # never repeat a password given in the URL
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"Chroma server URL {url!r} is not usable: {expected}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"Chroma server URL {url!r} has a path, query, fragment or credentials, which are not supported: {expected}")
    if ":" in parts.hostname:  # chromadb's HttpClient builds host:port by hand, which breaks an IPv6 literal
        raise ValueError(f"Chroma server URL {url!r} names an IPv6 address, which chromadb's client cannot reach: "
                         f"use a host name; {expected}")
    try:
        port = parts.port
    except ValueError as e:  # a port that is not a number, or out of range
        raise ValueError(f"Chroma server URL {url!r} has a bad port ({e}): {expected}") from e
    return parts.scheme, parts.hostname, port or _DEFAULT_PORTS[parts.scheme]


def _check_heartbeat(url: str, heartbeat_url: str, port: int) -> None:
    try:
        response = httpx.get(heartbeat_url, timeout=_HEARTBEAT_TIMEOUT_S)
    except httpx.HTTPError as e:
        raise RuntimeError(_unreachable(url, port, f"{type(e).__name__}: {e}")) from e
    try:
        ok = response.status_code == 200 and "nanosecond heartbeat" in response.json()
    except ValueError:  # not JSON
        ok = False
    if not ok:
        raise RuntimeError(_unreachable(
            url, port, f"{heartbeat_url} answered HTTP {response.status_code}, not a Chroma {chromadb.__version__} heartbeat"))


def _unreachable(url: str, port: int, reason: str) -> str:
    return (f"no Chroma server answers at {url} ({reason}). Start one with `chroma run --path DIR --port {port}` "
            f"(DIR: where the server keeps its data; add --host 0.0.0.0 to serve other machines), "
            f"or leave REFERENT_CHROMA_URL empty for the embedded store under data_dir/chroma")
