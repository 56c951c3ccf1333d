"""An ASGI app under uvicorn in a background thread: for the demo and the benchmarks, on loopback."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import uvicorn

_JOIN_S = 30.0


@contextlib.contextmanager
def serve_in_thread(app: object, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve app on host:port (0 picks a free port) and yield its base URL; stopped on exit."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise SystemExit("brief: the API server failed to start")
            time.sleep(0.05)
        bound = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=_JOIN_S)
