"""Embedding in the background: an uploaded file answers questions lexically at once and densely once a
worker thread has embedded its passages.

One worker per data folder and process. It opens its own store (its own SQLite connection and embedder), so
a question never waits for it; the store's writer lock keeps it apart from an ingest in another process,
and what it has embedded stays embedded if it stops (`python -m ingest --embed-only` finishes the rest).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ingest.settings import Settings
from ingest.store import EmbeddingProgress
from qa.library import open_store

log = logging.getLogger(__name__)


class EmbeddingWorker:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._thread: threading.Thread | None = None
        self.error: str | None = None  # why the last run stopped early, said in the app

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Embed whatever is pending, in a thread, unless one is already at it."""
        if self.running:
            return
        self.error = None
        self._thread = threading.Thread(target=self._run, name="referent-embedding", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        store = open_store(self._settings)
        try:
            computed = store.embed_pending()
            log.info("background embedding finished: %d passages embedded, %s", computed, store.embedding_progress())
        except Exception as exc:  # the app says it; the passages stay searchable lexically
            log.exception("background embedding stopped")
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            store.close()


_workers: dict[Path, EmbeddingWorker] = {}
_lock = threading.Lock()


def embedding_worker(settings: Settings) -> EmbeddingWorker:
    """The process's worker for the settings' data folder."""
    with _lock:
        return _workers.setdefault(Path(settings.data_dir).resolve(), EmbeddingWorker(settings))


def progress_text(progress: EmbeddingProgress) -> str:
    """'412 af 5.882 uddrag indlejret' (Danish thousands separators)."""
    def number(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    return f"{number(progress.embedded)} af {number(progress.total)} uddrag indlejret"
