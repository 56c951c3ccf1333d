"""The probe of issue 14 over real HTTP: valid input that was a 500, the /brief -> /render/* round
trip, and /render/html held to the limits, slots and deadline of /brief."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

import service.web as web
from service.characters import unseen_in
from service.page import SourceText
from service.schema import Brief, Document
from tests.served import JSON, WAIT_S, assert_problem, seeds_request


def dated(*published: str) -> dict[str, Any]:
    """The seeds request, its first documents published at these dates."""
    payload = seeds_request()
    for doc, when in zip(payload["documents"], published, strict=False):
        doc["published"] = when
    return payload


def brief_of(client: httpx.Client, payload: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/brief", json=payload)
    assert r.status_code == 200, r.text
    return r.json()


# --- dates: as_of is the latest `published` ---------------------------------------------------


@pytest.mark.parametrize(
    ("published", "as_of", "first"),
    [
        (("2026-01-29", "2026-01-30T10:00:00"), "2026-01-30T10:00:00", "2026-01-29T00:00:00"),
        # Without an offset, beside one with: read as UTC, so 09:00 is after 10:00+02:00.
        (("2026-01-30T10:00:00+02:00", "2026-01-30T09:00:00"), "2026-01-30T09:00:00Z", None),
        (("2026-01-29", "2026-01-30T10:00:00Z"), "2026-01-30T10:00:00Z", "2026-01-29T00:00:00Z"),
        (("2026-01-29", "2026-01-28"), "2026-01-29", "2026-01-29"),
    ],
    ids=["date-and-datetime", "naive-and-aware", "date-and-aware", "dates"],
)
def test_published_dates_of_mixed_kinds_give_the_latest_as_of(serve, published, as_of, first) -> None:
    # Python orders neither a date against a date-time nor naive against aware: these were 500s.
    client = serve()
    brief = brief_of(client, dated(*published))
    assert brief["as_of"] == as_of
    shown = {s["doc_id"]: s["published"] for s in brief["sources"]}
    assert shown[next(iter(shown))] == (first or published[0])


@pytest.mark.parametrize(
    "published",
    [("2026-01-29",), ("2026-01-29", "2026-01-30T10:00:00"), ("2026-01-30T10:00:00+02:00", "2026-01-30")],
)
def test_a_brief_from_dated_documents_renders_back(serve, published) -> None:
    # The documented round trip: POST /brief, then its brief to /render/markdown and /render/html
    # (its dates, serialized as strings, were refused by the strict Brief: 422 as_of.date).
    client = serve()
    payload = dated(*published)
    brief = brief_of(client, payload)
    assert brief["as_of"] is not None
    md = client.post("/render/markdown", json=brief)
    assert md.status_code == 200, md.text
    assert f"As of {Brief.model_validate(brief).as_of}." in md.text
    html = client.post("/render/html", json={"brief": brief, "documents": payload["documents"]})
    assert html.status_code == 200, html.text
    assert 'class="sent"' in html.text


@pytest.mark.parametrize("published", [5, "1769680800", True, "yesterday"])
def test_published_must_be_an_iso_string_in_requests_and_briefs(serve, published) -> None:
    client = serve()
    r = client.post("/brief", json=dated(published))
    assert "documents[0].published" in assert_problem(r, 422)["detail"]
    brief = brief_of(client, seeds_request())
    r = client.post("/render/markdown", json={**brief, "as_of": published})
    assert "as_of" in assert_problem(r, 422)["detail"]


def strings(value: Any) -> list[str]:
    """Every string a JSON value holds, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(s for item in value.values() for s in strings(item))]
    return [s for item in value for s in strings(item)] if isinstance(value, list) else []


def test_control_codes_and_directional_marks_in_articles_reach_no_brief_or_rendering(serve) -> None:
    # A terminal acts on ESC and BEL; a right-to-left override shows a claim in another order
    # than it reads. The brief is the one the clean articles give, and no rendering holds them.
    client = serve()
    clean = seeds_request()
    payload = seeds_request()
    for doc in payload["documents"]:
        doc["text"] = doc["text"].replace("Kremlin", "Krem\u202elin").replace("Putin", "\x1b\x07Put\x00in")
    brief, plain = brief_of(client, payload), brief_of(client, clean)
    assert {k: brief[k] for k in ("summary", "parties", "issues")} == {
        k: plain[k] for k in ("summary", "parties", "issues")
    }
    md = client.post("/render/markdown", json=brief)
    html = client.post("/render/html", json={"brief": brief, "documents": payload["documents"]})
    assert md.status_code == html.status_code == 200
    shown = [*strings(brief), md.text, html.text]
    assert [unseen_in(s) for s in shown if unseen_in(s)] == []


# --- topic names, numbers, Unicode ------------------------------------------------------------


@pytest.mark.parametrize("chars", [101, 251, 10_000])
def test_a_topic_name_too_long_for_a_profile_is_422(serve, chars: int) -> None:
    # 251 characters and more made the profile's file name too long to look up: a 500.
    client = serve()
    body = assert_problem(client.post("/brief", json=seeds_request(topic="a" * chars)), 422)
    assert body["errors"][0]["field"] == "topic"
    assert f"unknown topic of {chars} characters: profile names have at most 100" in body["detail"]


def test_a_number_of_5000_digits_is_422_like_every_parse_error(serve) -> None:
    client = serve()
    payload = b'{"documents": [{"text": "a"}], "options": {"use_model": ' + b"7" * 5000 + b"}}"
    body = assert_problem(client.post("/brief", content=payload, headers=JSON), 422)
    assert (
        body["detail"] == "body: a number in the JSON has more than 4300 digits; send long numbers as strings"
    )
    assert body["errors"] == [{"field": "body", "message": body["detail"].removeprefix("body: ")}]


@pytest.mark.parametrize(
    ("route", "where", "path"),
    [
        ("/render/markdown", "topic", "body: topic"),
        ("/render/html", "topic", "body: brief.topic"),
        ("/render/html", "document", "body: documents[0].text"),
    ],
)
def test_a_lone_surrogate_posted_to_render_is_422(serve, route: str, where: str, path: str) -> None:
    # Parsed from a "\ud800" escape, it could not be encoded into the response: a 500.
    client = serve()
    brief = brief_of(client, seeds_request())
    documents = [{"text": "Russia said \ud800 no."}] if where == "document" else []
    if where == "topic":
        brief["topic"] = "talks \ud800"
    payload = brief if route == "/render/markdown" else {"brief": brief, "documents": documents}
    r = client.post(route, content=json.dumps(payload), headers=JSON)
    body = assert_problem(r, 422)
    assert body["detail"].startswith(f"{path} is not valid Unicode (a lone surrogate)"), body["detail"]


# --- /render/html within the limits and slots of /brief ---------------------------------------


def test_render_html_counts_documents_and_their_length_like_brief(serve) -> None:
    client = serve(max_documents=2, max_document_chars=1000)
    brief = brief_of(client, {"documents": [{"text": seeds_request()["documents"][0]["text"][:1000]}]})
    many = {"brief": brief, "documents": [{"text": "Russia said no."}] * 3}
    body = assert_problem(client.post("/render/html", json=many), 413)
    assert body["detail"] == "documents has 3 items; the limit is 2 (BRIEF_MAX_DOCUMENTS)"
    long = {"brief": brief, "documents": [{"text": "ok"}, {"html": "<p>" + "x" * 1000 + "</p>"}]}
    body = assert_problem(client.post("/render/html", json=long), 413)
    assert body["detail"] == (
        "documents[1].html has 1007 characters; the limit is 1000 (BRIEF_MAX_DOCUMENT_CHARS)"
    )


def test_render_html_body_over_the_byte_limit_is_413(serve) -> None:
    client = serve(max_body_bytes=10_000)
    payload = {"brief": {}, "documents": [{"text": "Russia said no. " * 1000}]}
    assert "BRIEF_MAX_BODY_BYTES" in assert_problem(client.post("/render/html", json=payload), 413)["detail"]


def test_render_html_takes_a_brief_slot_and_leaves_the_event_loop_free(serve, monkeypatch) -> None:
    entered, release = threading.Event(), threading.Event()
    real = web.source_texts
    calls = 0

    def gated(documents: list[Any]) -> list[SourceText]:
        nonlocal calls
        calls += 1
        if calls == 1:  # only the first render waits for the test
            entered.set()
            release.wait(WAIT_S)
        return real(documents)

    monkeypatch.setattr(web, "source_texts", gated)
    client = serve(max_concurrent_briefs=1, queue_timeout_s=0)
    brief = brief_of(client, seeds_request())
    payload = {"brief": brief, "documents": seeds_request()["documents"]}
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(client.post, "/render/html", json=payload)
        assert entered.wait(WAIT_S), "the first render never started"
        try:
            assert client.get("/healthz").status_code == 200  # the loop is not rendering
            new_brief = {"documents": seeds_request()["documents"][:2]}  # not a cache hit
            for route, body in (("/render/html", payload), ("/brief", new_brief)):
                r = client.post(route, json=body)
                assert "all 1 brief slots are busy" in assert_problem(r, 503)["detail"], route
                assert r.headers["retry-after"] == "1"
        finally:
            release.set()
        assert first.result(WAIT_S).status_code == 200
    assert client.post("/render/html", json=payload).status_code == 200


def test_render_html_past_the_deadline_is_504_and_renders_nothing(serve, monkeypatch) -> None:
    brief = brief_of(serve(), seeds_request())
    real, rendered = web.source_texts, []

    def slow(documents: list[Any]) -> list[SourceText]:
        time.sleep(0.5)  # reading the documents outlasts the deadline
        return real(documents)

    monkeypatch.setattr(web, "source_texts", slow)
    monkeypatch.setattr(web, "brief_fragment", lambda *args: rendered.append(args) or "")
    client = serve(deadline_s=0.2)
    r = client.post("/render/html", json={"brief": brief, "documents": seeds_request()["documents"]})
    body = assert_problem(r, 504)
    assert body["detail"] == "rendering the brief took longer than 0.2s (BRIEF_DEADLINE_S)"
    assert rendered == []  # the step after the deadline never started


def test_render_html_holds_the_sentences_to_the_limit_of_brief(serve) -> None:
    documents = seeds_request()["documents"]
    read = web.source_texts([Document.model_validate(d) for d in documents[:2]])
    limit = sum(1 for s in read for para in s.paragraphs for span in para if span.sentence_id)
    client = serve(max_sentences=limit)
    brief = brief_of(client, {"documents": documents[:2]})
    at_limit = client.post("/render/html", json={"brief": brief, "documents": documents[:2]})
    assert at_limit.status_code == 200, at_limit.text
    # One document more: the same 413 as /brief gives for these documents.
    over = {"documents": documents[:3]}
    briefed = assert_problem(client.post("/brief", json=over), 413)
    rendered = assert_problem(client.post("/render/html", json={"brief": brief, **over}), 413)
    assert "BRIEF_MAX_SENTENCES" in rendered["detail"]
    assert (rendered["detail"], rendered["errors"]) == (briefed["detail"], briefed["errors"])
