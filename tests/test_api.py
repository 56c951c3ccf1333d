"""The HTTP API, served by a real uvicorn server on loopback and called with httpx.

The pipeline is the real make_brief on the seed articles; only the model is a fake.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import httpx
import pytest
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials as Credentials
from prometheus_client import CollectorRegistry, Counter
from pydantic import ValidationError
from starlette.exceptions import HTTPException

import service.backend as backend
import service.briefing as briefing
from service.api import PROBLEM_JSON, briefs, problems
from service.api.auth import key_digests, require_key
from service.api.edge import SECURITY_HEADERS, Edge
from service.api.limits import check_limits
from service.api.state import Limits, ModelRuntime, SettingsDep, limits_check, model_runtime, pipeline
from service.errors import DeadlinePassed, InputError, InputTooLarge, ModelFailed
from service.llm import DeadlineExceeded, ModelError
from service.schema import Brief, BriefRequest
from service.settings import Settings
from service.topic import TopicError
from tests.fakes import FakeModel
from tests.served import JSON, SEED_TEXT, TEXTS, WAIT_S, Served, assert_problem, seeds_request, wait_until


@dataclass
class GatedModel(FakeModel):
    """A FakeModel whose calls block until the test opens the gate or their deadline passes."""

    entered: threading.Event = field(default_factory=threading.Event)
    honour_deadline: bool = True  # False: ignores deadlines, like a stuck step
    _gate: asyncio.Event | None = field(default=None, repr=False)
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)

    async def _block(self, deadline: float) -> None:
        self._loop = asyncio.get_running_loop()
        self._gate = self._gate or asyncio.Event()
        self.entered.set()
        budget = deadline - time.monotonic() if self.honour_deadline else WAIT_S
        try:
            await asyncio.wait_for(self._gate.wait(), max(budget, 0))
        except TimeoutError:
            raise DeadlineExceeded("deadline passed in GatedModel") from None

    def open(self) -> None:
        """Let blocked and later calls through (called from the test thread)."""
        assert self._loop is not None and self._gate is not None
        self._loop.call_soon_threadsafe(self._gate.set)

    async def score(self, prompt, options, usage, deadline):
        await self._block(deadline)
        return await super().score(prompt, options, usage, deadline)

    async def pick(self, prompt, options, offsets, usage, deadline):
        await self._block(deadline)
        return await super().pick(prompt, options, offsets, usage, deadline)

    async def generate(self, messages, schema, usage, deadline):
        await self._block(deadline)
        return await super().generate(messages, schema, usage, deadline)


def overriding(
    overrides: dict[Callable[..., Any], Callable[..., Any]], model=None, **settings: Any
) -> Served:
    """The app under uvicorn with these dependency overrides; use it in a `with`."""
    return Served(Settings(**settings), model or FakeModel(), overrides=overrides)


# --- briefs ---------------------------------------------------------------------------------


def test_brief_on_the_seeds_cites_only_verbatim_quotes(serve, caplog) -> None:
    model = FakeModel()
    client = serve(model)
    with caplog.at_level(logging.INFO, logger="brief.api"):
        r = client.post("/brief", json=seeds_request())
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    brief = Brief.model_validate(r.json())
    assert brief.meta.method == "llm" and brief.meta.model == "fake-model"
    assert any(kind != "ready" for kind, _ in model.calls)
    assert {s.doc_id for s in brief.sources} == set(TEXTS)
    claims = brief.claims()
    assert claims
    for claim in claims:
        for c in claim.citations:
            assert c.quote and c.quote in TEXTS[c.doc_id], (c.doc_id, c.quote)
    rid = r.headers["x-request-id"]
    assert any(f"brief {rid} documents={len(TEXTS)} status=200" in m for m in caplog.messages)


def test_model_failure_is_502_without_upstream_text(serve) -> None:
    model = FakeModel(fail=ModelError("upstream said SECRET-UPSTREAM"))
    client = serve(model, fallback=False, api_key="sk-SECRET-KEY")
    r = client.post("/brief", json=seeds_request())
    body = assert_problem(r, 502)
    assert "SECRET" not in r.text
    assert "model" in body["detail"]


def test_model_failure_falls_back_to_extractive_with_a_warning(serve) -> None:
    client = serve(FakeModel(fail=ModelError("down")), fallback=True)
    r = client.post("/brief", json=seeds_request())
    assert r.status_code == 200, r.text
    brief = Brief.model_validate(r.json())
    assert brief.meta.method == "extractive"
    assert any("model step failed" in w for w in brief.warnings)
    assert "brief_fallbacks_total 1.0" in client.get("/metrics").text


def test_deadline_passing_in_the_model_is_504(serve) -> None:
    client = serve(GatedModel(), fallback=False, deadline_s=0.3)
    body = assert_problem(client.post("/brief", json=seeds_request()), 504)
    assert "BRIEF_DEADLINE_S" in body["detail"]


def test_stuck_pipeline_hits_the_api_backstop_504(serve, monkeypatch) -> None:
    """A pipeline that never checks its deadline (and a model that ignores it) is cut off by the API."""
    monkeypatch.setattr(briefs, "DEADLINE_GRACE_S", 0.2)
    # The pipeline's own deadline checks are off, so only the backstop can answer 504, wherever
    # the work is when it fires (on a loaded machine the rule steps alone may outlast 0.4 s).
    monkeypatch.setattr(briefing, "_on_time", lambda deadline, settings: None)
    client = serve(GatedModel(honour_deadline=False), fallback=False, deadline_s=0.2)
    body = assert_problem(client.post("/brief", json=seeds_request()), 504)
    assert "BRIEF_DEADLINE_S" in body["detail"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InputError("documents[0] has no article text", field="documents"), 422),
        (InputTooLarge("the documents have 9000 sentences", field="documents"), 413),
        (TopicError("no such topic"), 422),
        (ModelFailed("upstream said no"), 502),
        (DeadlinePassed("the brief took too long"), 504),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else str(v),
)
def test_each_pipeline_error_has_its_own_status(error: Exception, status: int) -> None:
    """The caller can tell bad input (4xx) from a model that failed (502) or ran late (504)."""

    async def failing(*args: Any, **kwargs: Any) -> None:
        raise error

    with overriding({pipeline: lambda: failing}) as served:
        assert_problem(served.client.post("/brief", json=seeds_request()), status)


def test_unexpected_error_is_a_generic_500(caplog) -> None:
    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("internal secret token-abc")

    with (
        overriding({pipeline: lambda: broken}) as served,
        caplog.at_level(logging.INFO, logger="brief.api"),
    ):
        r = served.client.post("/brief", json=seeds_request(), headers={"X-Request-ID": "req-42"})
    body = assert_problem(r, 500)
    assert body["request_id"] == "req-42" and "req-42" in body["detail"]
    assert "secret" not in r.text
    logged = [x for x in caplog.records if x.exc_info and "req-42" in x.getMessage()]
    assert logged and "token-abc" in str(logged[0].exc_info[1])  # the log keeps the cause


# --- validation: 422 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "field", "says"),
    [
        ({"documents": []}, "documents", "List should have at least 1 item"),
        ({"documents": "x"}, "documents", "Input should be a valid list"),
        ({}, "documents", "Field required"),
        (
            {"documents": [{"text": "ok"}, {"text": "ok"}, {"text": "  \n"}]},
            "documents[2].text",
            "text is empty",
        ),
        ({"documents": [{"html": ""}]}, "documents[0].html", "html is empty"),
        ({"documents": [{"text": 5}]}, "documents[0].text", "valid string"),
        ({"documents": [{"text": "a", "body": "b"}]}, "documents[0].body", "Extra inputs"),
    ],
)
def test_invalid_requests_are_422_naming_the_field(serve, payload, field, says) -> None:
    client = serve()
    body = assert_problem(client.post("/brief", json=payload), 422)
    assert body["detail"].startswith(f"{field}: ")
    assert says in body["detail"]
    assert body["errors"][0]["field"] == field and says in body["errors"][0]["message"]


def test_bad_json_is_422(serve) -> None:
    client = serve()
    r = client.post("/brief", content=b'{"documents": [', headers=JSON)
    body = assert_problem(r, 422)
    assert body["errors"][0]["field"] == "body" and "invalid JSON" in body["detail"]


def test_unknown_topic_is_422(serve) -> None:
    client = serve()
    body = assert_problem(client.post("/brief", json=seeds_request(topic="no_such_topic")), 422)
    assert body["detail"].startswith("topic: ") and "no_such_topic" in body["detail"]
    assert body["errors"][0]["field"] == "topic"


def test_an_inline_topic_with_a_broken_keyword_regex_is_422_not_500(serve) -> None:
    client = serve()
    topic = {
        "name": "t",
        "title": "t",
        "parties": [{"name": "Russia"}, {"name": "Ukraine"}],
        "issues": [{"id": "land", "label": "Land", "keywords": ["Donetsk", "*"]}],
    }
    body = assert_problem(client.post("/brief", json=seeds_request(topic=topic)), 422)
    assert "keywords[1] '*' is not a valid regex" in body["detail"]


def test_article_off_topic_is_422_from_the_pipeline(serve) -> None:
    client = serve()
    payload = {"documents": [{"text": "The cat sat on the mat. It was a sunny day in the garden."}]}
    body = assert_problem(client.post("/brief", json=payload), 422)
    field = body["errors"][0]["field"]
    assert body["detail"].startswith(f"{field}: ")


# --- limits: 413 ----------------------------------------------------------------------------


def test_oversized_body_with_content_length_is_413_before_parsing(serve) -> None:
    model = FakeModel()
    client = serve(model)
    r = client.post("/brief", content=b"x" * 6_000_000, headers=JSON)
    body = assert_problem(r, 413)
    assert "BRIEF_MAX_BODY_BYTES" in body["detail"]
    assert model.calls == []


def test_oversized_chunked_body_is_413(serve) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"documents": [{"text": "'
        for _ in range(100):  # 6.4 MB in 64 KiB chunks
            yield b"a" * 65536
        yield b'"}]}'

    client = serve(max_body_bytes=1_000_000)
    r = client.post("/brief", content=chunks(), headers=JSON)
    assert "content-length" not in r.request.headers
    assert r.request.headers["transfer-encoding"] == "chunked"
    assert "1000000 bytes" in assert_problem(r, 413)["detail"]


def raw_exchange(client: httpx.Client, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes and read one response while the request itself stays unfinished."""
    url = client.base_url
    with socket.create_connection((url.host, url.port), timeout=WAIT_S) as conn:
        conn.sendall(request)
        with conn.makefile("rb") as reader:
            status = int(reader.readline().split()[1])
            headers = {}
            while (line := reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            return status, headers, reader.read(int(headers["content-length"]))


def test_content_length_over_the_limit_is_rejected_without_reading_the_body(serve) -> None:
    client = serve()
    head = b"POST /brief HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
    # Announce 6 MB, send none of it: only an answer that reads no body can arrive.
    status, headers, body = raw_exchange(client, head + b"Content-Length: 6000000\r\n\r\n")
    assert (status, headers["content-type"]) == (413, PROBLEM_JSON)
    assert "BRIEF_MAX_BODY_BYTES" in json.loads(body)["detail"]
    # Refused before routing, yet counted under its route; a path of no route stays unmatched.
    for path in ("/healthz", "/static/app.js"):
        assert client.post(path, content=b"x" * 6_000_000, headers=JSON).status_code == 413
    lines = client.get("/metrics").text.splitlines()
    counted = [x for x in lines if x.startswith("brief_http_requests_total") and 'status="413"' in x]
    assert sorted(counted) == [
        f'brief_http_requests_total{{route="{route}",status="413"}} 1.0'
        for route in ("/brief", "/healthz", "unmatched")
    ]


def test_chunked_body_is_cut_off_past_the_limit(serve) -> None:
    client = serve(max_body_bytes=100_000)
    head = b"POST /brief HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
    chunk = b"a" * 65536
    # Two chunks pass the limit; the terminating chunk is never sent, so the 413 must come
    # from counting streamed bytes, not from a finished body.
    body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (b'{"documents": "', chunk, chunk))
    status, headers, answer = raw_exchange(client, head + b"Transfer-Encoding: chunked\r\n\r\n" + body)
    assert (status, headers["content-type"]) == (413, PROBLEM_JSON)
    assert "100000 bytes" in json.loads(answer)["detail"]


def test_too_long_document_is_413_naming_it(serve) -> None:
    client = serve()
    payload = seeds_request()
    payload["documents"][3]["text"] = "word " * 50_000
    body = assert_problem(client.post("/brief", json=payload), 413)
    assert body["detail"] == (
        "documents[3].text has 250000 characters; the limit is 200000 (BRIEF_MAX_DOCUMENT_CHARS)"
    )


def test_too_many_documents_is_413(serve) -> None:
    client = serve(max_documents=2)
    body = assert_problem(client.post("/brief", json=seeds_request()), 413)
    assert body["detail"] == f"documents has {len(TEXTS)} items; the limit is 2 (BRIEF_MAX_DOCUMENTS)"


def test_max_documents_admits_exactly_the_limit(serve) -> None:
    """BRIEF_MAX_DOCUMENTS documents are briefed; one more is 413."""
    documents = seeds_request()["documents"]
    client = serve(max_documents=2)
    assert client.post("/brief", json={"documents": documents[:2]}).status_code == 200
    body = assert_problem(client.post("/brief", json={"documents": documents[:3]}), 413)
    assert body["detail"] == "documents has 3 items; the limit is 2 (BRIEF_MAX_DOCUMENTS)"


@pytest.mark.parametrize("field", ["text", "html"])
def test_max_document_chars_admits_exactly_the_limit(serve, field: str) -> None:
    """A document of BRIEF_MAX_DOCUMENT_CHARS characters is briefed; one more character is 413."""
    text = next(iter(SEED_TEXT.values()))
    body = text if field == "text" else "".join(f"<p>{line}</p>" for line in text.splitlines())
    client = serve(max_document_chars=len(body))
    at_limit = client.post("/brief", json={"documents": [{field: body}]})
    assert at_limit.status_code == 200, at_limit.text
    over = assert_problem(client.post("/brief", json={"documents": [{field: body + " "}]}), 413)
    assert over["detail"] == (
        f"documents[0].{field} has {len(body) + 1} characters; the limit is {len(body)} "
        "(BRIEF_MAX_DOCUMENT_CHARS)"
    )


# --- load, readiness ------------------------------------------------------------------


def test_busy_server_answers_503_with_retry_after(serve) -> None:
    model = GatedModel()
    client = serve(model, max_concurrent_briefs=1, queue_timeout_s=0)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(client.post, "/brief", json=seeds_request())
        assert model.entered.wait(WAIT_S), "the first brief never reached the model"
        r = client.post("/brief", json=seeds_request())
        assert_problem(r, 503)
        assert r.headers["retry-after"] == "1"
        assert "brief_in_flight 1.0" in client.get("/metrics").text
        model.open()
        assert first.result(WAIT_S).status_code == 200
    assert client.post("/brief", json=seeds_request()).status_code == 200


@contextmanager
def a_brief_queued_behind_the_only_slot(queue_timeout_s: float):
    """A server with one brief slot, held by a gated brief, and a second /brief that has reached
    the queue behind it: (model, first, second), the two briefs' futures."""
    queued, arrivals = threading.Event(), []

    def counting_limits(settings: SettingsDep) -> Limits:
        def check(documents):  # the step just before a /brief takes its slot
            check_limits(documents, settings)
            arrivals.append(1)
            if len(arrivals) == 2:
                queued.set()

        return check

    model = GatedModel()
    one_slot = {"max_concurrent_briefs": 1, "queue_timeout_s": queue_timeout_s}
    with (
        overriding({limits_check: counting_limits}, model, **one_slot) as served,
        ThreadPoolExecutor(2) as pool,
    ):
        first = pool.submit(served.client.post, "/brief", json=seeds_request())
        assert model.entered.wait(WAIT_S), "the first brief never reached the model"
        second = pool.submit(served.client.post, "/brief", json=seeds_request())
        assert queued.wait(WAIT_S), "the second brief never reached the queue"
        yield model, first, second


def test_a_queued_brief_is_refused_once_the_queue_timeout_passes() -> None:
    """With every slot busy, a brief waits BRIEF_QUEUE_TIMEOUT_S, not longer, then gets 503."""
    timeout_s = 0.1
    with a_brief_queued_behind_the_only_slot(timeout_s) as (model, first, second):
        # Free the slot well after the timeout (a loaded machine may take most of a second to
        # answer) but before a second more: a brief still waiting then would take it and get 200.
        try:
            r = second.result(timeout=timeout_s + 0.9)
        except TimeoutError:
            r = None
        model.open()
        r = r or second.result(WAIT_S)
        assert_problem(r, 503)
        assert r.headers["retry-after"] == "1"
        assert first.result(WAIT_S).status_code == 200


def test_a_queued_brief_gets_a_slot_freed_within_the_queue_timeout() -> None:
    """A brief that finds every slot busy waits for one rather than being refused at once."""
    with a_brief_queued_behind_the_only_slot(WAIT_S) as (model, first, second):
        model.open()
        assert first.result(WAIT_S).status_code == 200
        assert second.result(WAIT_S).status_code == 200


def test_health_and_readiness(serve) -> None:
    client = serve()
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "model": "fake-model"}


def test_unready_model_is_503_on_readyz(serve) -> None:
    client = serve(FakeModel(fail=ModelError("down")))
    r = client.get("/readyz")
    assert_problem(r, 503)
    assert int(r.headers["retry-after"]) > 0
    assert client.get("/healthz").status_code == 200


def test_the_routes_use_the_model_the_model_dependency_gives() -> None:
    """Overriding `model_runtime` reaches every route that uses the model, briefs and readiness."""
    given, stand_in = FakeModel(), FakeModel(name="stand-in-model")
    with overriding({model_runtime: lambda: ModelRuntime(stand_in)}, given) as served:
        assert served.client.get("/readyz").json() == {"status": "ready", "model": "stand-in-model"}
        r = served.client.post("/brief", json=seeds_request())
        assert r.status_code == 200, r.text
        assert r.json()["meta"]["model"] == "stand-in-model"
    assert any(kind != "ready" for kind, _ in stand_in.calls) and given.calls == []
    # A model the app opens itself and that has not started yet: both routes say so.
    with overriding({model_runtime: lambda: ModelRuntime(None, owned=True)}) as served:
        for r in (served.client.get("/readyz"), served.client.post("/brief", json=seeds_request())):
            assert "the model is starting" in assert_problem(r, 503)["detail"]
            assert r.headers["retry-after"] == "5"


def test_starting_model_is_503_until_open_model_yields(serve, monkeypatch) -> None:
    opened, release = threading.Event(), threading.Event()
    model = FakeModel(name="late-model")

    @asynccontextmanager
    async def slow_open_model(settings: Settings):
        await asyncio.to_thread(release.wait, WAIT_S)  # the test thread sets it
        opened.set()
        yield model

    monkeypatch.setattr(backend, "open_model", slow_open_model)
    client = serve(open_model=True)
    for r in (client.get("/readyz"), client.post("/brief", json=seeds_request())):
        assert_problem(r, 503)
        assert r.headers["retry-after"] == "5"
    release.set()
    assert opened.wait(WAIT_S)
    wait_until(lambda: client.get("/readyz").status_code == 200, "the model to be ready")
    assert client.get("/readyz").json()["model"] == "late-model"
    assert client.post("/brief", json=seeds_request()).status_code == 200


def test_failed_model_start_is_reported(serve, monkeypatch) -> None:
    @asynccontextmanager
    async def broken_open_model(settings: Settings):
        raise RuntimeError("no weights")
        yield  # pragma: no cover

    monkeypatch.setattr(backend, "open_model", broken_open_model)
    client = serve(open_model=True)
    wait_until(lambda: client.get("/healthz").status_code == 503, "the failure to show")
    assert "failed to start" in assert_problem(client.get("/readyz"), 503)["detail"]
    assert "no weights" not in client.post("/brief", json=seeds_request()).text


# --- metrics, docs --------------------------------------------------------------------------


def test_metrics_after_a_brief(serve) -> None:
    client = serve()
    assert client.post("/brief", json=seeds_request()).status_code == 200
    assert client.post("/brief", json={"documents": []}).status_code == 422
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert 'brief_http_requests_total{route="/brief",status="200"} 1.0' in text
    assert 'brief_http_requests_total{route="/brief",status="422"} 1.0' in text
    assert 'brief_latency_seconds_count{outcome="llm"} 1.0' in text
    assert "brief_in_flight 0.0" in text
    for name in (
        "brief_model_retries_total",
        "brief_dropped_claims_total",
        "brief_fallbacks_total",
        'brief_model_tokens_total{direction="in"}',
        'brief_model_tokens_total{direction="out"}',
    ):
        assert name in text, name
    calls = next(x for x in text.splitlines() if x.startswith("brief_model_calls_total "))
    assert float(calls.split()[1]) > 0


def test_each_app_has_its_own_registry(serve) -> None:
    first, second = serve(), serve()
    first.get("/healthz")
    assert 'route="/healthz"' in first.get("/metrics").text
    assert 'route="/healthz"' not in second.get("/metrics").text


def test_openapi_is_served_and_no_docs_page_loads_a_cdn(serve) -> None:
    # FastAPI's /docs and /redoc fetch Swagger UI and ReDoc from a CDN: offline they fail, and
    # online they run a third party's script on this origin.
    client = serve()
    for path in ("/docs", "/redoc"):
        assert_problem(client.get(path), 404)
    spec = client.get("/openapi.json").json()
    assert "/brief" in spec["paths"] and "413" in spec["paths"]["/brief"]["post"]["responses"]


def test_unknown_path_is_a_problem(serve) -> None:
    client = serve()
    assert_problem(client.get("/nope"), 404)
    assert_problem(client.get("/brief"), 405)
    metrics = client.get("/metrics").text
    assert 'brief_http_requests_total{route="unmatched",status="404"} 1.0' in metrics
    assert 'brief_http_requests_total{route="/brief",status="405"} 1.0' in metrics


# --- the pieces of the error mapping, in process ----------------------------------------------


def test_a_problem_reads_as_its_detail() -> None:
    """A Problem that reaches a log or a traceback says what went wrong."""
    assert str(problems.Problem(503, "all 4 brief slots are busy")) == "all 4 brief slots are busy"


def test_a_problem_body_leaves_out_what_it_does_not_have() -> None:
    """A problem with no field errors and no request id has no null members in its body."""
    response = problems.Problem(413, "too big").response(None)
    assert json.loads(response.body) == {
        "type": "about:blank",
        "title": HTTPStatus(413).phrase,
        "status": 413,
        "detail": "too big",
    }


def test_validation_errors_keep_the_validators_own_words() -> None:
    """A validator's message reaches the caller without pydantic's 'Value error, ' prefix."""
    with pytest.raises(ValidationError) as caught:
        BriefRequest.model_validate({"documents": [{"text": "a"}, {}, {"text": " "}]})
    errors = [{**e, "loc": ("body", *e["loc"])} for e in caught.value.errors()]  # as FastAPI has them
    assert problems.validation_errors(RequestValidationError(errors)) == [
        {"field": "documents[1]", "message": "give the article as 'text' or 'html'"},
        {"field": "documents[2].text", "message": "text is empty"},
    ]


@pytest.mark.parametrize("cause", [None, ValueError("not form data"), KeyError("boundary")])
def test_a_body_error_of_another_cause_is_not_explained_as_one_we_know(cause) -> None:
    """Only a nesting, encoding or long-number failure gets an explanation; others stay as raised."""
    error = HTTPException(400, "There was an error parsing the body")
    error.__cause__ = cause
    assert problems.unreadable_body(error) is None


# The bearer key check, with the keys in the form create_app keeps them.
KEYS = key_digests(Settings(api_keys="key-first,key-second"))


@pytest.mark.parametrize("key", ["key-first", "key-second"])
def test_any_configured_key_is_accepted(key: str) -> None:
    """The first key matches as well as the last: every key counts, not only one of them."""
    require_key(Credentials(scheme="Bearer", credentials=key), KEYS)


@pytest.mark.parametrize("given", [None, "key-firs", "key-first,key-second", "KEY-FIRST", "nope"])
def test_no_key_or_a_wrong_one_is_401_asking_for_a_bearer_key(given: str | None) -> None:
    """No credentials, a prefix, a list or another key: a 401 that says which header to send."""
    creds = None if given is None else Credentials(scheme="Bearer", credentials=given)
    with pytest.raises(problems.Problem) as caught:
        require_key(creds, KEYS)
    response = caught.value.response("req-1")
    body = json.loads(response.body)
    assert (response.status_code, response.headers["www-authenticate"]) == (401, "Bearer")
    assert body["detail"] == (
        "a valid 'Authorization: Bearer <key>' header is required (one of BRIEF_API_KEYS)"
    )


# The outermost ASGI layer, called directly with ASGI messages (no server in between).


@dataclass
class Exchange:
    """What one call of the edge layer did: the messages it sent and what it counted."""

    sent: list[dict[str, Any]]
    registry: CollectorRegistry
    scope: dict[str, Any]

    @property
    def status(self) -> int:
        return next(m["status"] for m in self.sent if m["type"] == "http.response.start")

    @property
    def headers(self) -> list[tuple[bytes, bytes]]:
        return next(m["headers"] for m in self.sent if m["type"] == "http.response.start")

    def header(self, name: bytes) -> bytes:
        return dict(self.headers)[name]

    def counted(self, status: int) -> float | None:
        return self.registry.get_sample_value(
            "brief_http_requests_total", {"route": "unmatched", "status": str(status)}
        )


async def reads_the_body(scope, receive, send) -> None:
    """An app that reads the whole body, then answers 200 with its length (no headers given)."""
    size, more = 0, True
    while more:
        message = await receive()
        size, more = size + len(message.get("body", b"")), message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200})
    await send({"type": "http.response.body", "body": str(size).encode()})


async def edge(
    app, *, headers: list[tuple[bytes, bytes]] = (), chunks: list[bytes] = (b"",), limit: int = 10
) -> Exchange:
    """One HTTP request through Edge (limit: BRIEF_MAX_BODY_BYTES) in front of `app`."""
    registry = CollectorRegistry()
    requests = Counter("brief_http_requests", "", ("route", "status"), registry=registry)
    # No "state": a server without lifespan state sends none, and the layer must add it.
    scope = {"type": "http", "method": "POST", "path": "/x", "headers": list(headers)}
    bodies = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return bodies.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await Edge(app, limit, requests)(scope, receive, send)
    return Exchange(sent, registry, scope)


@pytest.mark.parametrize(
    ("given", "echoed"),
    [(None, False), (b"req-42.a_B", True), (b"a" * 64, True), (b"a" * 65, False), (b"id with spaces", False)],
)
async def test_each_request_has_an_id_its_own_or_a_fresh_one(given: bytes | None, echoed: bool) -> None:
    """A well-formed X-Request-ID is kept; none, or a malformed one, gets a fresh random id."""
    headers = [] if given is None else [(b"x-request-id", given)]
    ids = []
    for _ in range(2):
        exchange = await edge(reads_the_body, headers=headers)
        rid = exchange.header(b"x-request-id")
        assert exchange.scope["state"]["request_id"] == rid.decode()  # what the routes log
        ids.append(rid)
    if echoed:
        assert ids == [given, given]
    else:
        assert all(re.fullmatch(rb"[0-9a-f]{32}", rid) for rid in ids) and ids[0] != ids[1]


async def test_the_edge_adds_its_headers_in_lower_case_to_a_response_without_any() -> None:
    """The id and security headers are added even when the app sends none (ASGI allows that)."""
    exchange = await edge(reads_the_body)
    names = [name for name, _ in exchange.headers]
    assert names == [b"x-request-id", *(name for name, _ in SECURITY_HEADERS)]
    assert all(name == name.lower() for name in names)  # ASGI: response header names lower-cased


@pytest.mark.parametrize(
    ("headers", "chunks", "status"),
    [
        ([(b"content-length", b"10")], [b"0123456789"], 200),
        ([(b"content-length", b"11")], [b"0123456789a"], 413),
        ([], [b"01234", b"56789", b""], 200),  # chunked: counted as it streams
        ([], [b"01234", b"56789", b"a"], 413),
    ],
    ids=["length-at-limit", "length-over", "chunked-at-limit", "chunked-over"],
)
async def test_a_body_of_exactly_the_limit_passes_and_one_byte_more_is_413(headers, chunks, status) -> None:
    """BRIEF_MAX_BODY_BYTES is the largest body accepted, declared or streamed."""
    exchange = await edge(reads_the_body, headers=headers, chunks=chunks)
    assert exchange.status == status
    if status == 200:
        assert exchange.sent[-1]["body"] == b"10"
    else:
        assert json.loads(exchange.sent[-1]["body"])["detail"] == (
            "the request body exceeds 10 bytes (BRIEF_MAX_BODY_BYTES)"
        )
    assert exchange.counted(status) == 1


async def test_an_error_after_the_response_started_is_raised_not_answered_twice() -> None:
    """Half a response is out: the error goes to the server (it closes the connection), counted."""

    async def fails_midway(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise RuntimeError("the stream broke")

    registry = CollectorRegistry()
    requests = Counter("brief_http_requests", "", ("route", "status"), registry=registry)
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/x", "headers": []}
    with pytest.raises(RuntimeError, match="the stream broke"):
        await Edge(fails_midway, 10, requests)(scope, None, send)
    assert [m["type"] for m in sent] == ["http.response.start"]
    labels = {"route": "unmatched", "status": "200"}
    assert registry.get_sample_value("brief_http_requests_total", labels) == 1


async def test_a_request_the_app_never_answers_is_counted_as_a_500() -> None:
    """The server answers 500 to an app that returns without a response: the count says so too."""

    async def answers_nothing(scope, receive, send) -> None:
        return None

    exchange = await edge(answers_nothing)
    assert exchange.sent == [] and exchange.counted(500) == 1
