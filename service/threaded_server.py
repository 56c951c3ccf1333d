"""An ASGI app under uvicorn: bound before it starts, served in the foreground or in a thread on loopback."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import uvicorn

_JOIN_S = 30.0


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port (0 picks a free port). uvicorn binds only after the app has
    started, the model with it: bound first, a port in use fails at once and says what to do."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as e:
        raise SystemExit(
            f"brief: cannot listen on {host}: {e.strerror}; give --host an address of this machine"
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as e:
        sock.close()
        raise SystemExit(
            f"brief: cannot listen on {host}:{port}: {e.strerror}; stop what uses the port, or pick another "
            "with --port"
        ) from None
    return sock


def _url(host: str, sock: socket.socket) -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{sock.getsockname()[1]}"


def _server(app: object, host: str, port: int, log_level: str) -> uvicorn.Server:
    return uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level=log_level))


def serve(app: object, host: str, port: int, log_level: str, say: Callable[[str], None]) -> None:
    """Serve app on host:port in the foreground until interrupted; `say` is told where."""
    sock = listening_socket(host, port)
    with sock:
        say(f"starting Brief at {_url(host, sock)} (Ctrl-C to stop)")
        _server(app, host, port, log_level).run(sockets=[sock])


@contextlib.contextmanager
def serve_in_thread(app: object, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve app on host:port (0 picks a free port) and yield its base URL; stopped on exit."""
    sock = listening_socket(host, port)
    server = _server(app, host, port, "warning")
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise SystemExit("brief: the API server failed to start")
            time.sleep(0.05)
        yield _url(host, sock)
    finally:
        server.should_exit = True
        thread.join(timeout=_JOIN_S)
        sock.close()
