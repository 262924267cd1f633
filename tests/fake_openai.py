"""A fake OpenAI-protocol chat server on a loopback port (the real `langchain_openai` client talks to it over
HTTP, streamed or not), whose reply is a function of the prompt it was sent: a test scripts what a model
(a sloppy one, or one obeying an injected instruction) writes, and reads which numbered passage holds a text.
Used by tests/test_llm.py and tests/test_hostile_llm.py."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ingest.settings import Settings
from qa.backends import make_llm


def key_of(prompt: str, needle: str) -> int:
    """The citation key of the numbered passage (as `qa.generation.format_passages` writes them) holding `needle`."""
    for match in re.finditer(r"^\[(\d+)\] \(", prompt, re.MULTILINE):
        block = prompt[match.end() : prompt.find("\n[", match.end()) if "\n[" in prompt[match.end():] else None]
        if needle in block:
            return int(match[1])
    raise AssertionError(f"{needle!r} is not in the prompt")


class ChatCompletions(BaseHTTPRequestHandler):
    """POST /v1/chat/completions. `reply(prompt)` writes the answer; `mode` "error" answers 500, "slow" waits
    3 s first. Every request body is kept in `requests`."""

    mode = "ok"
    reply: Callable[[str], str] = staticmethod(lambda prompt: "ok")
    requests: list[dict] = []

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        if self.mode == "slow":
            time.sleep(3)
        if self.mode == "error":
            self._send(500, {"error": {"message": "model overloaded", "type": "server_error"}})
            return
        content = type(self).reply(body["messages"][-1]["content"])
        if body.get("stream"):
            self._stream(body["model"], content)
            return
        self._send(200, {
            "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        })

    def _stream(self, model: str, content: str) -> None:
        """Server-sent events, a word a chunk, as the OpenAI API streams."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        pieces = [{"role": "assistant", "content": ""}] + [{"content": w} for w in re.findall(r"\S+\s*", content)]
        for i, delta in enumerate(pieces + [{}]):
            chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": None if i < len(pieces) else "stop"}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up (timeout test)
            pass


@contextmanager
def chat_server(handler: type[ChatCompletions] = ChatCompletions) -> Iterator[ThreadingHTTPServer]:
    """The server on a free loopback port, its request log emptied."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    handler.requests = []
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def openai_llm(server: ThreadingHTTPServer, timeout: float = 5.0):
    """The real OpenAI-compatible backend (`qa.backends.make_llm`) pointed at the fake server."""
    settings = Settings(llm_backend="openai", llm_model="test-model", llm_timeout_s=timeout,
                        llm_base_url=f"http://127.0.0.1:{server.server_address[1]}/v1")
    return make_llm(settings)
