"""The outermost layer of every request, and what the access log may show of it."""

from __future__ import annotations

import logging
import re
import uuid

from prometheus_client import Counter
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.problems import BodyTooLarge, Problem

log = logging.getLogger("brief.api")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Every response: the page loads only its own files (no inline script or style, nothing from
# elsewhere), and nothing this service sends is meant to be framed, sniffed or to pass its URL on.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class Edge:
    """Outermost pure-ASGI layer: request id, security headers, body-size limit, request counter,
    last-resort 500."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, requests: Counter) -> None:
        self.app, self.limit, self.requests = app, max_body_bytes, requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        status, started, received = 500, False, 0

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", rid.encode()),
                    *SECURITY_HEADERS,
                ]
            await send(message)

        async def receive_counted() -> Message:
            # Chunked bodies have no Content-Length: count as they stream, stop past the limit.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        try:
            length = dict(scope["headers"]).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.limit:
                # Reject before reading a byte of the body; the server discards the rest.
                problem = Problem(413, BodyTooLarge(self.limit).detail)
                await problem.response(rid)(scope, receive, send_with_id)
                return
            await self.app(scope, receive_counted, send_with_id)
        except Exception as e:
            if started:
                raise  # half a response is out; only closing the connection is left
            if isinstance(e, BodyTooLarge):
                problem = Problem(413, e.detail)
            else:
                log.exception("unhandled error in request %s", rid)
                problem = Problem(500, f"internal error (request id {rid})")
            await problem.response(rid)(scope, receive, send_with_id)
        finally:
            self.requests.labels(route=_route_label(scope), status=str(status)).inc()


def _route_label(scope: Scope) -> str:
    # Route templates keep label values few. A request rejected before routing (413 on
    # Content-Length) still gets its path when that is a route's: all our routes are static.
    # Matching reaches the routes of included routers; a mount's paths (static files) are many.
    route = scope.get("route")
    if route is not None:
        return route.path
    routes = [r for r in getattr(scope.get("app"), "routes", ()) if not isinstance(r, Mount)]
    routed = any(r.matches(scope)[0] is not Match.NONE for r in routes)
    return scope["path"] if routed else "unmatched"


class _RedactQuery(logging.Filter):
    """Blanks the query string's values in uvicorn's access log lines."""

    # No route reads the query string, but a client may put a key there (?api_key=...).
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_query(a) if isinstance(a, str) else a for a in record.args)
        return True


def _redact_query(target: str) -> str:
    """'/brief?api_key=k&x' -> '/brief?api_key=[redacted]&[redacted]'."""
    path, sep, query = target.partition("?")
    if not sep:
        return target
    pairs = [f"{p.partition('=')[0]}=[redacted]" if "=" in p else "[redacted]" for p in query.split("&")]
    return f"{path}?{'&'.join(pairs)}"


REDACT_QUERY = _RedactQuery()
