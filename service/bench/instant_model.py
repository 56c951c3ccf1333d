"""An instant OpenAI-compatible model on loopback, and a wrapper that clocks time spent in the model.

The benchmarks time Brief's own work: the model answers at once over real HTTP (so the client,
retries and deadlines run as in production) and the time spent in model calls is subtracted.
It answers option questions the way the lead-party rule would: the most lifted option wins.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Coroutine, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

from pydantic import BaseModel

from service.llm import Capabilities, Model, Usage

MODEL_ID = "instant"
CAPABILITIES = Capabilities(option_scoring=True, option_bias=True, structured_output="json_object")
_JOIN_S = 5.0
T = TypeVar("T")
B = TypeVar("B", bound=BaseModel)


def _usage(prompt: str) -> dict[str, int]:
    words = len(prompt.split())
    return {"prompt_tokens": words, "completion_tokens": 1, "total_tokens": words + 1}


def _completion(body: dict[str, Any]) -> dict[str, Any]:
    prompt = str(body.get("prompt", ""))
    bias = body.get("logit_bias") or {}
    # A greedy token under logit_bias: the option lifted most; without bias, a token no option has.
    text = max(bias, key=bias.__getitem__) if bias else "?"
    logprobs = None
    if body.get("logprobs"):
        logprobs = {"tokens": [text], "token_logprobs": [-1.0], "top_logprobs": [{text: -1.0}]}
    return {
        "id": "cmpl-instant",
        "object": "text_completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [{"index": 0, "text": text, "logprobs": logprobs, "finish_reason": "length"}],
        "usage": _usage(prompt),
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self._send(200, {"object": "list", "data": [{"id": MODEL_ID, "object": "model"}]})
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path.endswith("/completions") and not self.path.endswith("/chat/completions"):
            self._send(200, _completion(body))
        else:
            self._send(404, {"error": {"message": f"the instant model answers no {self.path}"}})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@contextlib.contextmanager
def instant_model_server() -> Iterator[str]:
    """Serve the instant model on 127.0.0.1 (a free port); yields its /v1 base URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(_JOIN_S)


class ClockedModel:
    """A model whose every call runs on its own event loop thread while the caller's loop waits.

    So no pipeline work runs during a model call (as it would while awaiting a slow model), and a
    brief's time less `seconds` is exactly the pipeline's own work. Calls are one at a time.
    """

    def __init__(self, model: Model) -> None:
        self._model = model
        self.name = model.name
        self.capabilities = model.capabilities
        self.priors = model.priors
        self.seconds = 0.0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def _run(self, call: Coroutine[Any, Any, T]) -> T:
        started = time.perf_counter()
        try:
            # Blocking on purpose: the caller's loop must not run anything else meanwhile.
            return asyncio.run_coroutine_threadsafe(call, self._loop).result()
        finally:
            self.seconds += time.perf_counter() - started

    async def score(self, prompt: str, options: list[str], usage: Usage, deadline: float) -> list[float]:
        """The wrapped model's score, clocked."""
        return self._run(self._model.score(prompt, options, usage, deadline))

    async def pick(
        self, prompt: str, options: list[str], offsets: list[float], usage: Usage, deadline: float
    ) -> int:
        """The wrapped model's pick, clocked."""
        return self._run(self._model.pick(prompt, options, offsets, usage, deadline))

    async def generate(
        self, messages: list[dict[str, str]], schema: type[B], usage: Usage, deadline: float
    ) -> B:
        """The wrapped model's generate, clocked."""
        return self._run(self._model.generate(messages, schema, usage, deadline))

    async def ready(self) -> bool:
        """The wrapped model's readiness."""
        return self._run(self._model.ready())

    def close(self) -> None:
        """Close the wrapped model (when it has a close) and stop the loop thread."""
        close = getattr(self._model, "close", None)
        if close is not None:
            self._run(close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(_JOIN_S)
        self._loop.close()
