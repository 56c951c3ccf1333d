"""A fake OpenAI-compatible model server: real HTTP on loopback, answering from a script.

It implements just enough of the OpenAI API for service.llm: GET /v1/models,
POST /v1/completions and POST /v1/chat/completions, in the real wire shapes. Each request
takes the next step of the script (a queue); when the script is empty it takes `default`
(a step, or a function of the request returning one). A step is a normal `Answer` or a fault:
`Fault` (an HTTP status with optional headers such as Retry-After), `Delay` (answer late, to
trigger client timeouts), `Drop` (close the connection without answering), `Cut` (reset the
connection mid-body), `Drip` (send the body a byte at a time, or without end). Truncated or
schema-invalid JSON is just an `Answer` whose text is that content (see `truncated_json`).

Every request is recorded (method, path, lower-cased headers, parsed JSON body, arrival time on
time.monotonic(), the clock service.llm's deadlines use) so tests can assert what the client sent.

    with FakeOpenAI([Fault(503), Answer("ok")]) as fake:
        model = OpenAIModel(settings, base_url=fake.url, capabilities=...)
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL_ID = "fake-model"
_JOIN_S = 5.0  # bound on waiting for the server thread at shutdown
_ENDLESS = 1 << 40  # an endless drip's Content-Length: more bytes than any test sends


@dataclass(frozen=True)
class Answer:
    """A normal answer, shaped by the endpoint asked.

    /v1/completions: `text` is the completion; with `top_logprobs` the choice carries OpenAI's
    logprobs object for one token (text defaults to the most likely token).
    /v1/chat/completions: `text` is the assistant message's content.
    /v1/models: the model list (text ignored).
    """

    text: str = ""
    top_logprobs: dict[str, float] | None = None


@dataclass(frozen=True)
class Fault:
    """An HTTP error (or a broken answer): status, extra headers (e.g. {"Retry-After": "1"}), body.

    body None: an OpenAI-style error object; bytes: sent as-is (e.g. a proxy's HTML page with
    content_type "text/html"); anything else: sent as JSON.
    """

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    content_type: str = "application/json"


@dataclass(frozen=True)
class Delay:
    """Wait `seconds`, then answer with `then` (if the client is still there)."""

    seconds: float
    then: Step = field(default_factory=Answer)


@dataclass(frozen=True)
class Drop:
    """Close the connection without sending a response."""


@dataclass(frozen=True)
class Cut:
    """Send `then`'s status line, headers and first `keep` body bytes, then reset the connection."""

    then: Answer = field(default_factory=Answer)
    keep: int = 20


@dataclass(frozen=True)
class Drip:
    """Send `then`'s status line and headers at once, then its body one byte every `interval` s.

    Each byte comes well within a client's read timeout, so only a bound on the whole call stops
    it. `endless`: whitespace (valid before JSON) without end, under a Content-Length never reached.
    """

    then: Answer = field(default_factory=Answer)
    interval: float = 0.02
    endless: bool = False


Step = Answer | Fault | Delay | Drop | Cut | Drip
Responder = Step | Callable[["Request"], Step]


def json_answer(value: Any) -> Answer:
    """An answer whose content is `value` as JSON."""
    return Answer(json.dumps(value))


def truncated_json(value: Any) -> Answer:
    """An answer whose content is `value` as JSON, cut off halfway (as at max_tokens)."""
    text = json.dumps(value)
    return Answer(text[: len(text) // 2])


@dataclass
class Request:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float  # time.monotonic() on arrival

    @property
    def messages(self) -> list[dict[str, Any]]:
        """A chat request's messages ([] for other requests)."""
        return list((self.body or {}).get("messages", [])) if isinstance(self.body, dict) else []

    @property
    def prompt_text(self) -> str:
        """What the model would read: the completion prompt, or every chat message's content."""
        if not isinstance(self.body, dict):
            return ""
        if "prompt" in self.body:
            prompt = self.body["prompt"]
            return prompt if isinstance(prompt, str) else "\n".join(map(str, prompt))
        return "\n".join(str(m.get("content") or "") for m in self.messages)


class FakeOpenAI:
    """The server. Use as a context manager, or call start() and stop()."""

    def __init__(self, script: Iterable[Step] = (), default: Responder | None = None) -> None:
        self.default = default
        self.requests: list[Request] = []
        self._script: deque[Step] = deque(script)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- control ---------------------------------------------------------------------------

    def push(self, *steps: Step) -> None:
        """Append steps to the script."""
        with self._lock:
            self._script.extend(steps)

    @property
    def pending(self) -> int:
        """Script steps not yet taken."""
        with self._lock:
            return len(self._script)

    @property
    def url(self) -> str:
        """The base URL to give the OpenAI client (ends in /v1)."""
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def posts(self, path: str | None = None) -> list[Request]:
        """Recorded POST requests, optionally only those to path (e.g. "/v1/chat/completions")."""
        with self._lock:
            return [r for r in self.requests if r.method == "POST" and (path is None or r.path == path)]

    def start(self) -> FakeOpenAI:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # ends pending delays at once
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(_JOIN_S)
            assert not self._thread.is_alive(), "fake OpenAI server did not stop"

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- serving ---------------------------------------------------------------------------

    def _take(self, request: Request) -> Step:
        with self._lock:
            self.requests.append(request)
            if self._script:
                return self._script.popleft()
        if self.default is None:
            # Not retryable, so an unscripted call fails the client at once and visibly.
            return Fault(400, body=_error(400, "fake_openai: script exhausted"))
        return self.default(request) if callable(self.default) else self.default

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeOpenAI

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up (timeouts) are expected here, not errors


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        at = time.monotonic()
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", errors="replace")
        path = self.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = Request(self.command, path, headers, body, at)
        fake = self.server.fake
        try:
            self._respond(fake, fake._take(request), request)
        except OSError:  # the client hung up (e.g. after its timeout)
            self.close_connection = True

    def _respond(self, fake: FakeOpenAI, step: Step, request: Request) -> None:
        if isinstance(step, Delay):
            # Shutting down ends the wait early; the client then sees a dropped connection.
            step = Drop() if fake._stopping.wait(step.seconds) else step.then
        if isinstance(step, Drop):
            self._hang_up()
            return
        cut = step if isinstance(step, Cut) else None
        drip = step if isinstance(step, Drip) else None
        step = cut.then if cut else drip.then if drip else step
        if isinstance(step, Fault):
            body = step.body if step.body is not None else _error(step.status, f"fake fault {step.status}")
            self._send(step.status, body, step.headers, step.content_type)
            return
        body = request.body if isinstance(request.body, dict) else {}
        n = fake._next_id()
        keep = cut.keep if cut else None
        if request.path.endswith("/models"):
            self._send(200, _models(), keep=keep, drip=drip)
        elif request.path.endswith("/chat/completions"):
            self._send(200, _chat(n, body, step), keep=keep, drip=drip)
        elif request.path.endswith("/completions"):
            self._send(200, _completion(n, body, step), keep=keep, drip=drip)
        else:
            self._send(404, _error(404, f"no route {request.path}"))

    def _send(
        self,
        status: int,
        body: Any,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
        keep: int | None = None,
        drip: Drip | None = None,
    ) -> None:
        """Send a response; with `keep`, only that many body bytes before the connection resets;
        with `drip`, the body a byte at a time."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(_ENDLESS if drip and drip.endless else len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if drip is not None:
            self._drip(data, drip)
            return
        self.wfile.write(data if keep is None else data[:keep])
        self.wfile.flush()
        if keep is not None:
            self._hang_up()

    def _drip(self, data: bytes, drip: Drip) -> None:
        stopping = self.server.fake._stopping
        chunks = itertools.repeat(b" ") if drip.endless else (data[i : i + 1] for i in range(len(data)))
        for chunk in chunks:
            # Shutting down ends the drip; the client then sees a connection cut mid-body.
            if stopping.wait(drip.interval):
                self._hang_up()
                return
            self.wfile.write(chunk)
            self.wfile.flush()

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


# --- wire shapes -----------------------------------------------------------------------------


def _error(status: int, message: str) -> dict[str, Any]:
    kind = (
        "rate_limit_error" if status == 429 else "server_error" if status >= 500 else "invalid_request_error"
    )
    return {"error": {"message": message, "type": kind, "param": None, "code": str(status)}}


def _usage(prompt: str, completion: str) -> dict[str, int]:
    p, c = len(prompt.split()), max(1, len(completion.split()))
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


def _models() -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 1_700_000_000, "owned_by": "fake"}],
    }


def _completion(n: int, body: dict[str, Any], answer: Answer) -> dict[str, Any]:
    prompt = body.get("prompt", "")
    prompt = prompt if isinstance(prompt, str) else "".join(map(str, prompt))
    text, logprobs = answer.text, None
    if answer.top_logprobs is not None:
        top = dict(answer.top_logprobs)
        if not text and top:
            text = max(top, key=top.__getitem__)
        logprob = top.get(text, min(top.values(), default=0.0))
        logprobs = {
            "tokens": [text],
            "text_offset": [len(prompt)],
            "token_logprobs": [logprob],
            "top_logprobs": [top],
        }
    return {
        "id": f"cmpl-fake{n}",
        "object": "text_completion",
        "created": int(time.time()),
        "model": body.get("model", MODEL_ID),
        "choices": [{"index": 0, "text": text, "logprobs": logprobs, "finish_reason": "length"}],
        "usage": _usage(prompt, text),
    }


def _chat(n: int, body: dict[str, Any], answer: Answer) -> dict[str, Any]:
    prompt = " ".join(str(m.get("content") or "") for m in body.get("messages", []))
    return {
        "id": f"chatcmpl-fake{n}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", MODEL_ID),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.text},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": _usage(prompt, answer.text),
    }
