"""Bearer keys on POST /brief, and no secret or article text in logs or error bodies."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import ValidationError

import service.api.auth as auth
from service.settings import Settings
from tests.fake_openai import Answer, FakeOpenAI, Fault, Request
from tests.fakes import FakeModel
from tests.served import assert_problem, seeds_request, wait_until
from tests.test_llm_faults import base_model_answers

# The API tests' fixtures: each app under uvicorn on a free loopback port; no BRIEF_* from the shell.

KEYS = ("client-key-7f3a91c2", "client-key-second-55e0")
WRONG_KEY = "client-key-wrong-c3d9"
UPSTREAM_KEY = "sk-upstream-b81d44e0"
# Article text the service must never log: a sentence the brief may quote (it names parties)
# and one that makes the request fail (it names none).
# Words for two statuses ("agreed", "sticking point"): the model is asked where the issue stands,
# with this sentence among the claims it reads.
MARKER = (
    "Minister Quillfeather said Russia and Ukraine agreed on the security guarantees on Monday, "
    "while the security guarantees remain a sticking point."
)
OFF_TOPIC = "The heron Quillfeather watched the garden pond at dawn while the kettle cooled."
SECRETS = (*KEYS, WRONG_KEY, UPSTREAM_KEY, MARKER, OFF_TOPIC, "Quillfeather")


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# --- bearer keys ----------------------------------------------------------------------------


def test_api_keys_guard_briefs_only(serve) -> None:
    client = serve(api_keys=f" {KEYS[0]} ,{KEYS[1]},")
    for headers in (
        {},
        bearer(WRONG_KEY),
        bearer(KEYS[0][:-1]),  # a prefix of a key
        bearer(",".join(KEYS)),
        {"Authorization": f"Basic {KEYS[0]}"},
    ):
        r = client.post("/brief", json=seeds_request(), headers=headers)
        body = assert_problem(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"
        assert "BRIEF_API_KEYS" in body["detail"]
    for key in KEYS:
        r = client.post("/brief", json=seeds_request(), headers=bearer(key))
        assert r.status_code == 200, r.text
    for path in ("/healthz", "/readyz", "/metrics"):
        assert client.get(path).status_code == 200, path


def test_render_routes_take_the_keys_of_briefs(serve) -> None:
    client = serve(api_keys=",".join(KEYS))
    brief = client.post("/brief", json=seeds_request(), headers=bearer(KEYS[0])).json()
    renders = (
        ("/render/html", {"brief": brief, "documents": seeds_request()["documents"]}),
        ("/render/markdown", brief),
    )
    for route, payload in renders:
        for headers in ({}, bearer(WRONG_KEY)):
            r = client.post(route, json=payload, headers=headers)
            assert "BRIEF_API_KEYS" in assert_problem(r, 401)["detail"], route
            assert r.headers["www-authenticate"] == "Bearer"
        assert client.post(route, json=payload, headers=bearer(KEYS[1])).status_code == 200, route
    # The page and what it loads stay open: it asks for the key and sends it with each call.
    for path in ("/", "/topics", "/static/app.js"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("route", ["/brief", "/render/html", "/render/markdown"])
def test_the_key_is_checked_before_the_body_is_read(serve, route: str) -> None:
    client = serve(api_keys=KEYS[0])
    cut = {"content": b'{"documents": [', "headers": {"content-type": "application/json"}}
    for headers in ({}, bearer(WRONG_KEY)):
        r = client.post(route, content=cut["content"], headers={**cut["headers"], **headers})
        assert_problem(r, 401)
    r = client.post(route, content=cut["content"], headers={**cut["headers"], **bearer(KEYS[0])})
    assert "invalid JSON" in assert_problem(r, 422)["detail"]


def test_no_keys_means_no_auth(serve) -> None:
    client = serve()
    assert client.post("/brief", json=seeds_request()).status_code == 200


def test_every_key_is_compared_in_constant_time(serve, monkeypatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = auth.hmac.compare_digest

    def counting(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", counting)
    client = serve(api_keys=",".join(["k-first", "k-second", "k-third"]))
    for key in ("k-first", "k-third", "nope"):
        compared.clear()
        client.post("/brief", json=seeds_request(), headers=bearer(key))
        # No short cut on the first match, and equal-length digests whatever the key's length.
        assert len(compared) == 3, key
        assert {len(a) for pair in compared for a in pair} == {32}


def test_keys_setting_that_holds_no_key_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("BRIEF_API_KEYS", " , ")
    with pytest.raises(ValidationError, match="BRIEF_API_KEYS is set but holds no key"):
        Settings()
    monkeypatch.setenv("BRIEF_API_KEYS", "a,b ,, c")
    assert Settings().bearer_keys() == [b"a", b"b", b"c"]
    assert "a,b" not in repr(Settings())


# --- nothing secret in logs or error bodies -------------------------------------------------


def echoing_upstream_fault(request: Request) -> Fault:
    """The worst upstream: a 500 whose body repeats the prompt and the key it was sent."""
    return Fault(
        500, body={"error": {"message": request.prompt_text, "key": request.headers.get("authorization")}}
    )


class CrashingModel(FakeModel):
    """A model adapter with a bug: anything but a ModelError, so the request ends in a 500."""

    async def score(self, prompt: str, options: list[str], usage: Any, deadline: float) -> list[float]:
        raise RuntimeError("adapter bug: unexpected logprobs shape")


def working_upstream(request: Request) -> Answer:
    """A base model's answers; the model list for readiness probes."""
    return Answer() if request.method == "GET" else base_model_answers(request)


@pytest.fixture
def upstreams() -> Iterator[tuple[FakeOpenAI, FakeOpenAI]]:
    """A working fake upstream and one that fails every call, echoing what it was sent."""
    with FakeOpenAI(default=working_upstream) as good, FakeOpenAI(default=echoing_upstream_fault) as bad:
        yield good, bad


@pytest.fixture
def all_logs(caplog) -> Iterator[Callable[[], pytest.LogCaptureFixture]]:
    """Every log record at DEBUG; call it once the servers run, as their configs reset uvicorn's."""
    caplog.set_level(logging.DEBUG)
    hooked = [logging.getLogger(n) for n in ("uvicorn", "uvicorn.access")]

    def capture() -> pytest.LogCaptureFixture:
        # Loggers that servers or other tests quieted speak again (restored after the test), and
        # uvicorn's, which don't propagate, get the capture directly.
        for name in ("uvicorn.error", "uvicorn.access", "httpx", "httpcore"):
            caplog.set_level(logging.DEBUG, logger=name)
        for logger in hooked:
            logger.addHandler(caplog.handler)
        return caplog

    yield capture
    for logger in hooked:
        logger.removeHandler(caplog.handler)


def remote_settings(url: str, **overrides: Any) -> dict[str, Any]:
    """Settings for the model on a remote (fake) OpenAI-compatible server, with this upstream key."""
    return {
        "base_url": url,
        "api_key": UPSTREAM_KEY,
        "option_scoring": True,
        "option_bias": True,
        "max_retries": 1,
        "backoff_initial_s": 0.01,
        "backoff_max_s": 0.02,
        "api_keys": ",".join(KEYS),
        **overrides,
    }


def test_no_key_or_article_text_in_logs_or_error_bodies(serve, upstreams, all_logs) -> None:
    good, bad = upstreams
    working = serve(open_model=True, **remote_settings(good.url, fallback=False))
    failing = serve(open_model=True, **remote_settings(bad.url, fallback=False))
    crashing = serve(CrashingModel(), api_keys=",".join(KEYS), api_key=UPSTREAM_KEY)
    wait_until(lambda: working.get("/readyz").status_code == 200, "the model to be opened")
    logs = all_logs()

    seeds = seeds_request()["documents"]
    article = {"documents": [{**seeds[0], "text": seeds[0]["text"] + "\n\n" + MARKER}, *seeds[1:]]}
    off_topic = {"documents": [{"text": OFF_TOPIC}]}
    expected = [
        (working, article, bearer(KEYS[0]), 200),
        (working, article, bearer(WRONG_KEY), 401),
        (working, off_topic, bearer(KEYS[1]), 422),
        (working, {"documents": [{"text": MARKER, "note": MARKER}]}, bearer(KEYS[0]), 422),
        (working, json.dumps(article)[:300].encode(), bearer(KEYS[0]), 422),  # cut JSON
        (failing, article, bearer(KEYS[0]), 502),
        (crashing, article, bearer(KEYS[1]), 500),
    ]
    for client, payload, headers, status in expected:
        if isinstance(payload, bytes):
            r = client.post(
                "/brief", content=payload, headers={**headers, "content-type": "application/json"}
            )
        else:
            r = client.post("/brief", json=payload, headers=headers)
        assert r.status_code == status, r.text
        if status != 200:
            leaked = [s for s in SECRETS if s in r.text]
            assert not leaked, f"{status} body leaks {leaked}"
    # Its last clause is a claim the model reads: article text did reach the model.
    assert any("security guarantees remain a sticking point" in r.prompt_text for r in good.posts()), (
        "the marker never reached the model"
    )
    assert any(UPSTREAM_KEY in r.headers.get("authorization", "") for r in bad.posts())

    logged = logs.text
    leaked = [s for s in SECRETS if s in logged]
    assert not leaked, f"the log leaks {leaked}"
    # The capture saw every layer and every outcome, so the check above had something to read.
    names = {r.name for r in logs.records}
    assert {"brief.api", "uvicorn.access", "httpx"} <= names, names
    for status in (200, 401, 422, 500, 502):
        assert f'"POST /brief HTTP/1.1" {status}' in logged, status
    for status in (200, 422, 500, 502):
        assert f"status={status}" in logged, status
    assert any(r.levelno == logging.DEBUG and r.name == "brief.api" for r in logs.records)
    assert "model failed" in logged and "Traceback" in logged  # the 502 and 500 were logged


def test_a_key_in_the_query_string_is_not_logged(serve, all_logs) -> None:
    client = serve(api_keys=KEYS[0])
    logs = all_logs()
    r = client.post(f"/brief?api_key={KEYS[0]}&{KEYS[1]}", json=seeds_request())
    assert_problem(r, 401)  # only the Authorization header carries a key
    assert client.get("/healthz", params={"token": WRONG_KEY}).status_code == 200
    # The service's own logs; the test's httpx client logs the URL it was given.
    served = "\n".join(r.getMessage() for r in logs.records if r.name.startswith(("uvicorn", "brief")))
    leaked = [s for s in SECRETS if s in served]
    assert not leaked, f"the log leaks {leaked}"
    access = [r.getMessage() for r in logs.records if r.name == "uvicorn.access"]
    assert any('"POST /brief?api_key=[redacted]&[redacted] HTTP/1.1" 401' in m for m in access), access
    assert any('"GET /healthz?token=[redacted] HTTP/1.1" 200' in m for m in access), access
