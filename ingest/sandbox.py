"""Reading a file as minutes in a child process, with a time budget and a memory ceiling.

`read_bounded` has `reading.read_minutes`'s arguments and result; a file that takes longer than the budget
is stopped (its reader killed), one that needs more memory than the ceiling fails where it allocates, and a
reader that crashes is reported: each as a ConversionError with a one-line reason, never a failure of the
caller (the app's server, a batch of files).

One long-lived reader (`python -m ingest.sandbox`, talking over a socket pair) serves every file of a
process, so a file costs a round trip, not a new interpreter; it starts once (~2 s, importing the reading
path) and is replaced after it was killed, failed for memory or grew. A plain subprocess rather than a
multiprocessing start method: nothing of the caller's main script is imported again in the reader. The ceiling
is an address-space limit (RLIMIT_AS): what a file may take beyond the reader's own start (~100 MB).
The reader's log records are replayed in the caller's logging.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ingest.converters import ConversionError
from ingest.settings import get_settings

try:
    import resource
except ImportError:  # Windows: no limits, the time budget still holds
    resource = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parents[1]  # where `ingest` is imported from, whatever the caller's folder
_MB = 1 << 20
_START_S = 120  # for the reader to start (~2 s idle), before its first file's budget starts


@dataclass
class ReaderStats:
    """What the readers of this process have done: files read, readers started, their peak resident memory."""

    files: int = 0
    started: int = 0
    peak_rss_mb: float = 0.0
    pid: int | None = None  # the reader now running


stats = ReaderStats()


def read_bounded(path: Path, name: str, max_bytes: int, municipality: str | None = None, budget_s: float | None = None,
                 memory_mb: int | None = None) -> Any:
    """`reading.read_minutes` in the reader process: its ReadMinutes, or a ConversionError saying why not
    (including "took over N s to read; stopped" and "needed over N MB to read"). Budget and ceiling from
    the settings (REFERENT_FILE_BUDGET_S, REFERENT_FILE_MEMORY_MB) unless given."""
    settings = get_settings()
    budget = settings.file_budget_s if budget_s is None else budget_s
    memory = settings.file_memory_mb if memory_mb is None else memory_mb
    with _lock:
        return _reader(memory).read((path, name, max_bytes, municipality), name, budget)


@atexit.register
def shutdown() -> None:
    """Stop this process's reader (a new one starts with the next file); at exit, so it is waited for."""
    global _current
    locked = _lock.acquire(timeout=5)  # at exit a daemon thread may be mid-read: stop its reader all the same
    try:
        if _current:
            _current.stop()
            _current = None
    finally:
        if locked:
            _lock.release()


class _Reader:
    """One child process reading file after file, until it is stopped or must be replaced."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(_ROOT), os.environ.get("PYTHONPATH")) if p)}
        self.process = subprocess.Popen([sys.executable, "-m", "ingest.sandbox", str(theirs.fileno()), str(memory_mb)],
                                        pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        self.conn = Connection(ours.detach())
        self.spent = False  # killed, failed for memory or grown: replace before the next file
        self.ready = False  # the reader says so once it has imported the reading path: the budget starts after
        stats.started += 1
        stats.pid = self.process.pid

    def read(self, job: tuple, name: str, budget_s: float) -> Any:
        try:
            if not self.ready:
                if not self.conn.poll(_START_S):
                    self.stop()
                    raise ConversionError(name, f"the reader did not start within {_START_S} s; not read")
                self.ready = self.conn.recv() == "ready"
            self.conn.send((job, logging.getLogger().getEffectiveLevel()))
            if not self.conn.poll(budget_s):
                self.stop()
                raise ConversionError(name, f"took over {budget_s:g} s to read; stopped (setting REFERENT_FILE_BUDGET_S)")
            outcome, value, records, rss_mb, grown = self.conn.recv()
        except (EOFError, OSError):
            raise ConversionError(name, self._crash()) from None
        stats.files += 1
        stats.peak_rss_mb = max(stats.peak_rss_mb, rss_mb)
        self.spent = grown or outcome == "memory"
        for record in records:
            logging.getLogger(record.name).handle(record)
        if outcome == "ok":
            return value
        if outcome == "memory":
            raise ConversionError(name, f"needed over {self.memory_mb} MB to read; stopped (setting REFERENT_FILE_MEMORY_MB)")
        if outcome == "error":
            raise ConversionError(name, value)
        raise value  # an unexpected exception: the caller reports it as it would from read_minutes

    def _crash(self) -> str:
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        self.stop()
        if code is not None and code < 0:
            cause = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
            return f"the reader stopped with {cause} while reading it (a crash of the PDF/DOCX/HTML library, or out of memory)"
        return f"the reader stopped while reading it (exit status {code})"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.spent = True
        stats.pid = None
        if self.alive():
            self.process.kill()
        self.process.wait()
        self.conn.close()


_lock = threading.Lock()
_current: _Reader | None = None


def _reader(memory_mb: int) -> _Reader:
    global _current
    if _current and (_current.spent or _current.memory_mb != memory_mb or not _current.alive()):
        _current.stop()
        _current = None
    if _current is None:
        _current = _Reader(memory_mb)
    return _current


# The reader's side.

class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # plain text: any argument pickles
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _serve(conn: Connection, memory_mb: int) -> None:
    from ingest.reading import read_minutes  # the reader's one import of the whole reading path (~2 s)

    limit = _limit_memory(memory_mb)
    collect = _Collect()
    root = logging.getLogger()
    root.handlers = [collect]
    conn.send("ready")
    while True:
        try:
            job, level = conn.recv()
        except (EOFError, OSError):
            return
        root.setLevel(level)
        try:
            outcome: tuple[str, Any] = ("ok", read_minutes(*job))
        except Exception as exc:
            outcome = _failure(exc, limit)
            del exc  # its traceback holds what the file built
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if resource else 0.0
        grown = limit is not None and _vm_bytes("VmSize") > limit - (memory_mb * _MB) // 2
        try:
            conn.send((*outcome, collect.records, rss, grown))
        except Exception as exc:  # a result that does not pickle
            conn.send(("raise", RuntimeError(f"result cannot be sent back: {type(exc).__name__}: {exc}"), collect.records, rss, True))
        collect.records = []


def _failure(exc: Exception, limit: int | None) -> tuple[str, Any]:
    """("memory", None) for an allocation refused at the cap (the reader is then replaced), else ("error",
    reason) or ("raise", the exception). The cap is lifted while the failure is told, which itself allocates."""
    if limit is None:
        return ("error", exc.reason) if isinstance(exc, ConversionError) else ("raise", _portable(exc))
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    if _out_of_memory(exc, limit):
        return "memory", None
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return ("error", exc.reason) if isinstance(exc, ConversionError) else ("raise", _portable(exc))


def _limit_memory(memory_mb: int) -> int | None:
    """Cap the reader's address space at what it holds now plus `memory_mb`; the cap in bytes (None: no cap)."""
    if resource is None or memory_mb <= 0:
        return None
    limit = _vm_bytes("VmSize") + memory_mb * _MB
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ValueError, OSError):
        return None
    return limit


def _vm_bytes(field: str) -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _out_of_memory(exc: BaseException, limit: int | None) -> bool:
    """The failure came from an allocation refused at the cap: a MemoryError in its chain, or a library's own
    error ("Memory allocation failed") while the address space reached the cap."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        if "memory" in str(seen).lower():
            return limit is not None and _vm_bytes("VmPeak") > limit - 64 * _MB
        seen = seen.__cause__ or seen.__context__
    return False


def _portable(exc: Exception) -> Exception:
    """The exception itself when it pickles, else a RuntimeError with its type and text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":  # the reader: python -m ingest.sandbox FD MEMORY_MB
    _serve(Connection(int(sys.argv[1])), int(sys.argv[2]))
