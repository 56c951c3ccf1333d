"""The HTTP API: POST /brief, plus health, readiness and Prometheus metrics.

Every error is RFC 9457 problem+json. Limits bite as early as they can: the body size in a
pure-ASGI layer before anything is parsed, the document count and lengths right after
validation, and concurrency with a semaphore whose wait is bounded, so an overloaded server
answers 503 + Retry-After at once instead of growing a queue nobody will wait for.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import re
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials as Credentials
from fastapi.security import HTTPBearer
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.briefing import make_brief, off_loop
from service.cache import brief_key, open_cache
from service.errors import DeadlinePassed, InputError, ModelFailed
from service.llm import Model
from service.schema import Brief, BriefRequest, Document, Verification, VerifyRequest
from service.settings import Settings, get_settings
from service.topic import TopicError
from service.verify import check_brief
from service.web import install as install_web

log = logging.getLogger("brief.api")

PROBLEM_JSON = "application/problem+json"
# The pipeline enforces deadline_s itself; this grace is only the backstop for a stuck step.
DEADLINE_GRACE_S = 5.0
RETRY_BUSY_S = 1  # a slot usually frees within a brief's run
RETRY_STARTING_S = 5  # the embedded model takes seconds to load
CACHE_HEADER = "X-Brief-Cache"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_bearer = HTTPBearer(auto_error=False)  # auto_error would answer 403 in FastAPI's own format
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
T = TypeVar("T")


class FieldError(BaseModel):
    """One invalid field of the request."""

    field: str
    message: str


class ProblemDetails(BaseModel):
    """An RFC 9457 error body."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    request_id: str | None = None
    errors: list[FieldError] | None = None


# For /docs: FastAPI files a response model under application/json; name problem+json too.
_PROBLEM_DOC: dict[str, Any] = {
    "model": ProblemDetails,
    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
}


_CACHE_HEADER_DOC = {
    "description": "hit: served from the brief cache; miss: made now (absent when the cache is off).",
    "schema": {"type": "string", "enum": ["hit", "miss"]},
}


class Problem(Exception):
    """An error that is answered as problem+json with this status."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers, self.errors = status, detail, headers, errors

    def response(self, request_id: str | None) -> JSONResponse:
        """The problem+json response; type `about:blank`, so the title is the status phrase."""
        body = ProblemDetails(
            title=HTTPStatus(self.status).phrase,
            status=self.status,
            detail=self.detail,
            request_id=request_id,
            errors=self.errors,
        )
        content = body.model_dump(exclude_none=True)
        return JSONResponse(content, self.status, self.headers, media_type=PROBLEM_JSON)


class _BodyTooLarge(HTTPException):
    # An HTTPException, because FastAPI re-raises those from body reading (others become 400).
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body exceeds {limit} bytes (BRIEF_MAX_BODY_BYTES)")


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'documents', 2, 'text') -> 'documents[2].text'."""
    parts = list(loc[1:]) if loc and loc[0] == "body" else list(loc)
    path = ""
    for p in parts:
        path += f"[{p}]" if isinstance(p, int) else (f".{p}" if path else str(p))
    return path or "body"


def validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """Pydantic's errors as {field, message}, without the offending input (it may be huge)."""
    out = []
    for e in exc.errors():
        if e.get("type") == "json_invalid":
            reason = (e.get("ctx") or {}).get("error", "")
            path, message = "body", f"invalid JSON at character {e['loc'][-1]}: {reason}"
        else:
            path, message = field_path(e["loc"]), re.sub(r"^(Value|Assertion) error, ", "", e["msg"])
        out.append({"field": path, "message": message})
    return out


class _Edge:
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
                    raise _BodyTooLarge(self.limit)
            return message

        try:
            length = dict(scope["headers"]).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.limit:
                # Reject before reading a byte of the body; the server discards the rest.
                problem = Problem(413, _BodyTooLarge(self.limit).detail)
                await problem.response(rid)(scope, receive, send_with_id)
                return
            await self.app(scope, receive_counted, send_with_id)
        except Exception as e:
            if started:
                raise  # half a response is out; only closing the connection is left
            if isinstance(e, _BodyTooLarge):
                problem = Problem(413, e.detail)
            else:
                log.exception("unhandled error in request %s", rid)
                problem = Problem(500, f"internal error (request id {rid})")
            await problem.response(rid)(scope, receive, send_with_id)
        finally:
            self.requests.labels(route=_route_label(scope), status=str(status)).inc()


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


_REDACT_QUERY = _RedactQuery()


def _require_key(creds: Credentials | None, keys: list[bytes]) -> None:
    valid = False
    if creds is not None:  # no key given: there is nothing to compare (and no key is empty)
        # Digests have one length, and every key is compared: the time taken says nothing
        # about which key, or how much of one, matched.
        given = hashlib.sha256(creds.credentials.encode()).digest()
        for key in keys:
            valid |= hmac.compare_digest(given, key)
    if not valid:
        raise Problem(
            401,
            "a valid 'Authorization: Bearer <key>' header is required (one of BRIEF_API_KEYS)",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _keyed_route(keys: list[bytes]) -> type[APIRoute]:
    """A route class that checks the bearer key before the body is read: no key, no parsing."""

    # FastAPI reads and validates the body before it solves dependencies, so a dependency
    # would answer a keyless request with the body's 413 or 422 instead of 401.
    class KeyedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Any]:
            handler = super().get_route_handler()

            async def keyed(request: Request) -> Response:
                _require_key(await _bearer(request), keys)
                return await handler(request)

            return keyed

    return KeyedRoute


@dataclass
class _Runtime:
    model: Model | None
    start_failed: bool = False


def _metrics(registry: CollectorRegistry) -> dict[str, Any]:
    def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
        return Counter(name, doc, labels, registry=registry)

    return {
        "requests": counter("brief_http_requests", "HTTP requests by route and status.", ("route", "status")),
        "latency": Histogram(
            "brief_latency_seconds",
            "Time to make a brief, by outcome.",
            ("outcome",),
            registry=registry,
            buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300),
        ),
        "in_flight": Gauge("brief_in_flight", "Briefs being made now.", registry=registry),
        "calls": counter("brief_model_calls", "Model calls made for briefs."),
        "retries": counter("brief_model_retries", "Model call retries."),
        "tokens": counter("brief_model_tokens", "Model tokens, by direction.", ("direction",)),
        "dropped": counter("brief_dropped_claims", "Claims dropped by verification."),
        "fallbacks": counter("brief_fallbacks", "Briefs that wanted the model but fell back."),
    }


def create_app(settings: Settings | None = None, model: Model | None = None) -> FastAPI:
    """The API app; a given `model` is used as is, else the lifespan opens the configured one."""
    settings = settings or get_settings()
    runtime = _Runtime(model=model)
    registry = CollectorRegistry()  # per app, so several apps in one process don't collide
    m = _metrics(registry)
    slots = asyncio.Semaphore(settings.max_concurrent_briefs)
    owns_model = model is None and settings.use_model
    cache = open_cache(settings, registry)
    bearer_keys = [hashlib.sha256(k).digest() for k in settings.bearer_keys()]
    logging.getLogger("uvicorn.access").addFilter(_REDACT_QUERY)  # added once, however many apps

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            async with model_lifespan():
                yield
        finally:
            if cache is not None:
                await cache.close()

    @contextlib.asynccontextmanager
    async def model_lifespan() -> AsyncIterator[None]:
        if not owns_model:
            yield
            return
        # Open the model in a task, so the server answers (503 "starting") while it loads;
        # the task enters and exits open_model's context, as a context manager must.
        stop = asyncio.Event()
        holder = asyncio.create_task(_hold_model(runtime, settings, stop))
        try:
            yield
        finally:
            stop.set()
            if runtime.model is None:
                holder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await holder

    # No /docs or /redoc: FastAPI serves both from a CDN, which fails offline and runs a third
    # party's script on this origin. /openapi.json stays.
    app = FastAPI(
        title="brief",
        version="1",
        lifespan=lifespan,
        summary="Structured, cited briefs of negotiations from news articles.",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(_Edge, max_body_bytes=settings.max_body_bytes, requests=m["requests"])

    @app.exception_handler(Problem)
    async def _on_problem(request: Request, exc: Problem) -> JSONResponse:
        return exc.response(_rid(request))

    @app.exception_handler(HTTPException)
    async def _on_http(request: Request, exc: HTTPException) -> JSONResponse:
        unreadable = _unreadable_body(exc)
        if unreadable is not None:
            errors = [{"field": "body", "message": unreadable}]
            return Problem(422, f"body: {unreadable}", errors=errors).response(_rid(request))
        return Problem(exc.status_code, str(exc.detail), headers=exc.headers).response(_rid(request))

    @app.exception_handler(RequestValidationError)
    async def _on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return Problem(422, detail, errors=errors[:50]).response(_rid(request))

    def ready_model() -> Model | None:
        """The model to use, or 503 while it starts; None when the model is switched off."""
        if runtime.start_failed:
            raise Problem(503, "the model failed to start; see the server log")
        if runtime.model is None and owns_model:
            raise Problem(503, "the model is starting", headers=_retry(RETRY_STARTING_S))
        return runtime.model

    @contextlib.asynccontextmanager
    async def brief_slot() -> AsyncIterator[None]:
        # An uncontended acquire never suspends, so queue_timeout_s=0 still admits free slots.
        if slots.locked():
            try:
                async with asyncio.timeout(settings.queue_timeout_s):
                    await slots.acquire()
            except TimeoutError:
                raise Problem(
                    503,
                    f"all {settings.max_concurrent_briefs} brief slots are busy",
                    headers=_retry(RETRY_BUSY_S),
                ) from None
        else:
            await slots.acquire()
        try:
            yield
        finally:
            slots.release()

    async def run_bounded(documents: list[Document], work: Callable[[], T]) -> T:
        """CPU-heavy work on documents: within /brief's limits, in a brief slot, off the event loop."""
        _check_limits(documents, settings)
        async with brief_slot():
            # As a brief's rule steps: a cancelled caller keeps the slot until the thread stops.
            return await off_loop(work)

    async def run_pipeline(body: BriefRequest, model: Model | None, rid: str) -> Brief:
        """make_brief under the backstop deadline, its failures mapped to problems."""
        deadline = asyncio.timeout(settings.deadline_s + DEADLINE_GRACE_S)
        try:
            async with deadline:
                return await make_brief(
                    body,
                    model,
                    settings,
                    progress=lambda step: log.debug("brief %s: %s", rid, step),
                )
        except InputError as e:
            where = e.field or "body"
            raise Problem(e.status, f"{where}: {e}", errors=[{"field": where, "message": str(e)}]) from e
        except TopicError as e:
            raise Problem(422, f"topic: {e}", errors=[{"field": "topic", "message": str(e)}]) from e
        # Model failures carry upstream text (URLs, server messages): log it, don't echo it.
        except ModelFailed as e:
            log.warning("brief %s: model failed: %s", rid, e)
            raise Problem(502, "the model failed to answer; try again later") from e
        except (DeadlinePassed, TimeoutError) as e:
            if isinstance(e, TimeoutError) and not deadline.expired():
                raise  # a timeout of some inner step: an internal error
            late = f"the brief took longer than {settings.deadline_s:g}s (BRIEF_DEADLINE_S)"
            raise Problem(504, late) from e

    def count(brief: Brief, body: BriefRequest, model: Model | None) -> None:
        meta = brief.meta
        m["calls"].inc(meta.model_calls)
        m["retries"].inc(meta.retries)
        m["tokens"].labels(direction="in").inc(meta.tokens_in)
        m["tokens"].labels(direction="out").inc(meta.tokens_out)
        m["dropped"].inc(meta.dropped_claims)
        wanted = model is not None and settings.use_model and body.options.use_model
        if wanted and meta.method == "extractive":
            m["fallbacks"].inc()

    problems: dict[int | str, dict[str, Any]] = {s: _PROBLEM_DOC for s in (401, 413, 422, 502, 503, 504)}
    problems[200] = {"headers": {CACHE_HEADER: _CACHE_HEADER_DOC}}

    # Only configured keys are declared in /openapi.json: the spec must not ask for one that isn't.
    # The dependency only declares the scheme; KeyedRoute checks the key, before the body is read.
    guard = [Depends(_bearer)] if bearer_keys else []
    keyed = _keyed_route(bearer_keys) if bearer_keys else APIRoute
    briefs = APIRouter(route_class=keyed, dependencies=guard)

    @briefs.post("/brief", response_model=Brief, responses=problems)
    async def post_brief(body: BriefRequest, request: Request, response: Response) -> Brief | Response:
        """Make a cited brief from the documents; header X-Brief-Cache says hit or miss."""
        rid, began = _rid(request), time.perf_counter()
        status, method, cache_result = 500, "-", "-"
        try:
            model = ready_model()
            _check_limits(body.documents, settings)
            use_model = model is not None and settings.use_model and body.options.use_model
            # With keys, each key has its own briefs: a tenant must not learn what another sent.
            tenant = request.headers.get("authorization") if bearer_keys else None
            key = brief_key(body, settings, model if use_model else None, tenant) if cache else None
            if key is not None:
                cached = await cache.get(key)
                cache_result = response.headers[CACHE_HEADER] = "hit" if cached else "miss"
                if cached:
                    # The JSON as stored: it was made from a Brief and just read back as one, so
                    # serializing it again would only cost time.
                    (brief, text), status = cached, 200
                    method = brief.meta.method
                    return Response(text, media_type="application/json", headers={CACHE_HEADER: "hit"})
            async with brief_slot():
                m["in_flight"].inc()
                outcome = "error"
                try:
                    brief = await run_pipeline(body, model, rid)
                    outcome = brief.meta.method
                finally:
                    m["in_flight"].dec()
                    m["latency"].labels(outcome=outcome).observe(time.perf_counter() - began)
            count(brief, body, model)
            # A brief that fell back because the model failed is not cached: the next asks again.
            if key is not None and brief.meta.method == ("llm" if use_model else "extractive"):
                await cache.put(key, brief)
            status, method = 200, brief.meta.method
            return brief
        except Problem as p:
            status = p.status
            raise
        finally:
            log.info(
                "brief %s documents=%d status=%d latency_ms=%d method=%s cache=%s",
                rid,
                len(body.documents),
                status,
                (time.perf_counter() - began) * 1000,
                method,
                cache_result,
            )

    @briefs.post("/verify", response_model=Verification, responses=problems)
    async def post_verify(body: VerifyRequest) -> Verification:
        """Check every assertion of a brief (ours or another tool's) against its documents."""

        def check() -> Verification:
            try:
                verdicts = check_brief(
                    body.brief, body.documents, body.topic or body.brief.get("topic"), settings
                )
            except ValidationError as e:
                errors = [
                    {"field": "brief." + field_path(err["loc"]), "message": err["msg"]} for err in e.errors()
                ]
                raise Problem(422, "brief: not a brief in the Brief schema", errors=errors) from e
            except TopicError as e:
                raise Problem(422, f"topic: {e}", errors=[{"field": "topic", "message": str(e)}]) from e
            except ValueError as e:  # what ingest says of a document it cannot read
                raise Problem(422, f"documents: {e}") from e
            failed = sum(not v.ok for v in verdicts)
            return Verification(ok=not failed, failed=failed, verdicts=verdicts)

        return await run_bounded(body.documents, check)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers (503 once the model has failed to start)."""
        if runtime.start_failed:
            raise Problem(503, "the model failed to start; see the server log")
        return {"status": "ok"}

    @app.get("/readyz", responses={503: _PROBLEM_DOC})
    async def readyz() -> dict[str, str | None]:
        """Readiness: the model is loaded and answers."""
        model = ready_model()
        if model is not None and not await model.ready():
            raise Problem(503, f"the model {model.name} does not answer", headers=_retry(RETRY_STARTING_S))
        return {"status": "ready", "model": model.name if model else None}

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        """Prometheus text exposition of this app's registry."""
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    app.include_router(briefs)
    web_problems = {s: _PROBLEM_DOC for s in (401, 413, 422, 503)}
    install_web(app, settings, web_problems, guarded=briefs, run_bounded=run_bounded)
    return app


async def _hold_model(runtime: _Runtime, settings: Settings, stop: asyncio.Event) -> None:
    from service.backend import open_model  # lazy: tests never load the embedded server

    try:
        async with open_model(settings) as model:
            runtime.model = model
            log.info("model %s ready", model.name)
            await stop.wait()
    except Exception:
        runtime.start_failed = True
        log.exception("the model failed to start")
    finally:
        runtime.model = None


def _unreadable_body(exc: HTTPException) -> str | None:
    """Why FastAPI could not parse the body (it answers a bare 400 for these), or None."""
    cause = exc.__cause__
    if isinstance(cause, RecursionError):
        return "JSON nested too deeply to parse; flatten the request"
    if isinstance(cause, UnicodeDecodeError):
        byte = cause.object[cause.start : cause.start + 1].hex()
        return f"not UTF-8 (byte 0x{byte} at position {cause.start}); send JSON encoded as UTF-8"
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        digits = sys.get_int_max_str_digits()
        return f"a number in the JSON has more than {digits} digits; send long numbers as strings"
    return None


def _check_limits(documents: list[Document], settings: Settings) -> None:
    n = len(documents)
    if n > settings.max_documents:
        raise Problem(
            413,
            f"documents has {n} items; the limit is {settings.max_documents} (BRIEF_MAX_DOCUMENTS)",
        )
    for i, doc in enumerate(documents):
        for name in ("text", "html"):
            chars = len(getattr(doc, name) or "")
            if chars > settings.max_document_chars:
                raise Problem(
                    413,
                    f"documents[{i}].{name} has {chars} characters; the limit is "
                    f"{settings.max_document_chars} (BRIEF_MAX_DOCUMENT_CHARS)",
                )


def _rid(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def _retry(seconds: int) -> dict[str, str]:
    return {"Retry-After": str(seconds)}


def _route_label(scope: Scope) -> str:
    # Route templates keep label values few. A request rejected before routing (413 on
    # Content-Length) still gets its path when that is a route's; all our routes are static.
    route = scope.get("route")
    if route is not None:
        return route.path
    paths = {getattr(r, "path", None) for r in getattr(scope.get("app"), "routes", ())}
    return scope["path"] if scope["path"] in paths else "unmatched"
