"""Bad input over real HTTP: every malformed, mistyped, oversized or hostile body is a 4xx naming
the field, never a 500 and never a hung worker.

Each request runs with a client timeout (HANG_S) as the hang detector: a worker stuck on an input
fails the test with a ReadTimeout instead of hanging the suite. After each test the server must
still answer, and it must shut down with no request left open (tests/served.py).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import httpx
import pytest

from tests.served import JSON, SEED_TEXT, assert_problem, seeds_request

HANG_S = 60.0  # far above any of these requests' run time; reaching it means a stuck worker
SENTENCE = "Russia and Ukraine said the talks on territory would continue next week."


def post(client: httpx.Client, **kwargs: Any) -> httpx.Response:
    """POST /brief within the hang detector's timeout, then check the server still answers."""
    response = client.post("/brief", timeout=HANG_S, **kwargs)
    assert client.get("/healthz", timeout=HANG_S).status_code == 200
    return response


def assert_names(response: httpx.Response, status: int, field: str, says: str) -> dict[str, Any]:
    """A problem of this status whose detail and first error name the field and say what is wrong."""
    body = assert_problem(response, status)
    assert body["detail"].startswith(f"{field}: "), body["detail"]
    assert says in body["detail"], body["detail"]
    if "errors" in body:
        assert body["errors"][0]["field"] == field
    return body


def body_of(**fields: Any) -> dict[str, Any]:
    """Request kwargs for a JSON body of one short document plus these fields."""
    return {"json": {"documents": [{"text": "a"}], **fields}}


def raw(payload: str | bytes) -> dict[str, Any]:
    """Request kwargs sending these exact bytes as a JSON body."""
    return {"content": payload.encode() if isinstance(payload, str) else payload, "headers": JSON}


# --- empty, blank, wrong-typed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field", "says"),
    [
        (raw(b""), "body", "Field required"),
        (raw(b"   \n"), "body", "invalid JSON"),
        (raw(b"null"), "body", "valid dictionary"),
        (raw(b"[1, 2]"), "body", "valid dictionary"),
        (raw(b'"documents"'), "body", "valid dictionary"),
        (raw(b'{"documents": [{"text": "a"}'), "body", "invalid JSON"),
        ({"json": {"documents": None}}, "documents", "valid list"),
        ({"json": {"documents": [None]}}, "documents[0]", "valid dictionary"),
        ({"json": {"documents": [{}]}}, "documents[0]", "'text' or 'html'"),
        ({"json": {"documents": [{"text": "  \t\n "}]}}, "documents[0].text", "text is empty"),
        ({"json": {"documents": [{"text": ["a", "b"]}]}}, "documents[0].text", "valid string"),
        ({"json": {"documents": [{"text": "a", "html": "<p>a</p>"}]}}, "documents[0]", "not both"),
        ({"json": {"documents": [{"text": "a", "published": "May"}]}}, "documents[0].published", "date"),
        ({"json": {"documents": [{"text": "a", "id": "x" * 201}]}}, "documents[0].id", "at most 200"),
        # A brief shows ids and urls as given: no code a terminal acts on, no reordering mark.
        ({"json": {"documents": [{"text": "a", "id": "a\x1b[2J"}]}}, "documents[0].id", "U+001B (a control"),
        (
            {"json": {"documents": [{"text": "a", "url": "https://example.com/\u202egnp.exe"}]}},
            "documents[0].url",
            "U+202E (an invisible or directional mark) at character 20",
        ),
        (body_of(topic=7), "topic", "valid string"),
        (body_of(topic={"name": "x"}), "topic", "Field required"),
        (body_of(options={"use_model": "maybe"}), "options.use_model", "valid boolean"),
        (body_of(options=[]), "options", "valid dictionary"),
    ],
    ids=lambda v: None if isinstance(v, dict) else str(v)[:24],
)
def test_empty_blank_and_wrong_typed_input_is_422_naming_the_field(serve, kwargs, field, says) -> None:
    client = serve()
    body = assert_problem(post(client, **kwargs), 422)
    fields = [e["field"] for e in body["errors"]]
    assert any(f == field or f.startswith(f"{field}.") for f in fields), (field, fields)
    assert says in body["detail"], body["detail"]


def test_an_inline_profile_names_its_field_not_the_union_it_went_through(serve) -> None:
    profile = {
        "name": "x",
        "title": "X",
        "parties": [{"name": "Russia"}, {"name": "Ukraine"}],
        "issues": [{"id": "land", "label": "Land", "keywords": ["x" * 201]}],
    }
    response = post(serve(), **body_of(topic=profile))
    body = assert_names(response, 422, "topic.issues[0].keywords[0]", "at most 200")
    # The profile was an object, so "topic should be a string" is not what went wrong.
    assert [e["field"] for e in body["errors"]] == ["topic.issues[0].keywords[0]"], body["errors"]
    assert "function-after" not in body["detail"] and "TopicProfile]" not in body["detail"]


@pytest.mark.parametrize(
    ("where", "value", "field"),
    [
        (lambda p, v: p.update(title=v), "Talks\x07", "topic.title"),
        (lambda p, v: p["parties"][1].update(aliases=[v]), "Ky\u202eiv", "topic.parties[1].aliases[0]"),
        (lambda p, v: p["issues"][0].update(label=v), "\x1b[1mLand", "topic.issues[0].label"),
    ],
    ids=["title", "alias", "label"],
)
def test_a_profile_whose_shown_names_hold_control_codes_is_422(serve, where, value, field) -> None:
    profile = {
        "name": "x",
        "title": "X",
        "parties": [{"name": "Russia"}, {"name": "Ukraine"}],
        "issues": [{"id": "land", "label": "Land", "keywords": ["land"]}],
    }
    where(profile, value)
    assert_names(post(serve(), **body_of(topic=profile)), 422, field, "remove it")


def test_invalid_json_is_422_saying_where_and_why(serve) -> None:
    """The parser's position and reason reach the caller."""
    client = serve()
    body = assert_problem(post(client, **raw(b'{"documents": [{"text": "a"}')), 422)
    assert body["detail"] == "body: invalid JSON at character 28: Expecting ',' delimiter"
    assert body["errors"] == [{"field": "body", "message": body["detail"].removeprefix("body: ")}]


def test_a_number_too_long_to_parse_is_422_not_a_bare_400(serve) -> None:
    """An integer past Python's digit limit is refused saying so, not as an unexplained 400."""
    client = serve()
    digits = sys.get_int_max_str_digits()
    payload = b'{"documents": [{"text": "a"}], "n": ' + b"7" * (digits + 1) + b"}"
    body = assert_names(post(client, **raw(payload)), 422, "body", "a number in the JSON")
    assert body["detail"] == (
        f"body: a number in the JSON has more than {digits} digits; send long numbers as strings"
    )


# --- bytes that are not UTF-8, strings that are not Unicode -----------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        b'{"documents": [{"text": "caf\xe9 talks"}]}',  # Latin-1
        b'{"documents": [{"text": "\xff\xfe\xfd"}]}',
        b'{"documents": [{"text": "cut \xe2\x82"}]}',  # a UTF-8 sequence cut short
    ],
    ids=["latin-1", "invalid-bytes", "truncated-sequence"],
)
def test_non_utf8_bytes_are_422_saying_where(serve, payload: bytes) -> None:
    client = serve()
    body = assert_names(post(client, **raw(payload)), 422, "body", "not UTF-8")
    assert (
        f"position {payload.index(next(b for b in payload if b > 0x7F).to_bytes(1, 'big'))}"
        in (body["detail"])
    )
    first = next(i for i, b in enumerate(payload) if b > 0x7F)
    assert f"(byte 0x{payload[first]:02x} at position {first})" in body["detail"]  # the byte itself


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ('{"documents": [{"text": "ok"}, {"text": "Russia \\ud800 said."}]}', "documents[1].text"),
        ('{"documents": [{"html": "<p>\\udfff</p>"}]}', "documents[0].html"),
        ('{"documents": [{"text": "ok", "title": "\\ud83d"}]}', "documents[0].title"),
    ],
)
def test_lone_surrogates_are_422_naming_the_string(serve, payload: str, path: str) -> None:
    # Escaped in JSON they parse, but cannot be encoded again: once quoted in a brief, the
    # response (or the model call) would fail after all the work was done.
    client = serve()
    body = assert_problem(post(client, **raw(payload)), 422)
    assert f"{path} is not valid Unicode" in body["detail"]


def test_a_lone_surrogate_in_a_quoted_sentence_would_have_been_a_500(serve) -> None:
    # The seed sentence that carries it is one the brief quotes: the check must come first.
    doc = next(iter(SEED_TEXT))
    payload = seeds_request()
    payload["documents"][0]["text"] = SEED_TEXT[doc].replace("Kremlin", "Krem\ud800lin", 1)
    client = serve()
    body = assert_problem(post(client, **raw(json.dumps(payload))), 422)
    assert "documents[0].text is not valid Unicode" in body["detail"]
    assert post(client, json=seeds_request()).status_code == 200


def test_valid_non_ascii_text_and_surrogate_pairs_are_accepted(serve) -> None:
    client = serve()
    payload = seeds_request()
    payload["documents"][0]["text"] += "\n\nKyiv said the talks on territory were “difficult” 😀."
    r = post(client, **raw(json.dumps(payload)))  # ensure_ascii: the emoji is a \ud83d\ude00 pair
    assert r.status_code == 200, r.text


# --- deeply nested JSON -----------------------------------------------------------------------


def nested(depth: int, open_: str, close: str, inner: str = "1") -> bytes:
    return (open_ * depth + inner + close * depth).encode()


@pytest.mark.parametrize("depth", [900, 5_000, 100_000])
@pytest.mark.parametrize(
    "where",
    [
        lambda n: b'{"documents": ' + nested(n, "[", "]") + b"}",
        lambda n: b'{"documents": [{"text": ' + nested(n, '{"a": ', "}") + b"}]}",
        lambda n: b'{"documents": [{"text": "a"}], "topic": ' + nested(n, "[", "]") + b"}",
        lambda n: nested(n, "[", "]"),
    ],
    ids=["documents", "text", "topic", "top-level"],
)
def test_deeply_nested_json_is_422_not_a_recursion_error(serve, where, depth: int) -> None:
    client = serve()
    r = post(client, **raw(where(depth)))
    assert_problem(r, 422)
    body = r.json()
    if depth > 1000:  # beyond what the parser nests: the body itself is refused
        assert body["detail"] == "body: JSON nested too deeply to parse; flatten the request"
    else:  # parsed: the first level already has the wrong type, and says where
        assert body["errors"][0]["field"].startswith(("body", "documents", "topic")), body


# --- enormous ---------------------------------------------------------------------------------


def test_a_document_of_many_tiny_sentences_is_413_naming_the_limit(serve) -> None:
    # 200k characters of text is within the document limit but is 20,000 sentences, which
    # took the pipeline minutes (selection is quadratic) while blocking the event loop.
    client = serve()
    text = "Kyiv said no. " * 14_000
    body = assert_names(post(client, json={"documents": [{"text": text}]}), 413, "documents", "sentences")
    assert "the limit is 3000 (BRIEF_MAX_SENTENCES)" in body["detail"]


def test_the_sentence_limit_counts_all_documents(serve) -> None:
    client = serve(max_sentences=40)
    one = {"documents": [{"id": "a", "text": SEED_TEXT[next(iter(SEED_TEXT))]}]}
    assert post(client, json=one).status_code == 200
    body = assert_names(post(client, json=seeds_request()), 413, "documents", "(BRIEF_MAX_SENTENCES)")
    assert "the limit is 40" in body["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"documents": [{"text": "a", "url": "http://x/" + "a" * 3000}]}, "documents[0].url"),
        ({"documents": [{"text": "a", "title": "t" * 2000}]}, "documents[0].title"),
    ],
)
def test_enormous_metadata_is_422_naming_the_field(serve, payload, field) -> None:
    client = serve()
    assert_names(post(client, json=payload), 422, field, "at most")


def test_enormous_body_of_many_documents_is_413_before_parsing(serve) -> None:
    client = serve(max_body_bytes=200_000)
    payload = {"documents": [{"text": SENTENCE * 30} for _ in range(100)]}
    body = assert_problem(post(client, json=payload), 413)
    assert "BRIEF_MAX_BODY_BYTES" in body["detail"]


# --- HTML bombs -------------------------------------------------------------------------------

ENTITIES = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9))
HTML_BOMBS = {
    # Far deeper than any parser's tree limit, each under BRIEF_MAX_DOCUMENT_CHARS.
    "nested-divs": "<div>" * 18_000 + f"<p>{SENTENCE}</p>" + "</div>" * 18_000,
    "unclosed-tags": "<b><i>" * 30_000 + SENTENCE,
    "nested-tables": "<table><tr><td>" * 12_000 + SENTENCE,
    # Billion laughs: an internal DTD an XML parser would expand to 10^8 copies.
    "entity-expansion": f'<!DOCTYPE html [<!ENTITY e0 "lol">{ENTITIES}]><p>{SENTENCE} &e8;</p>',
    "charrefs": "<p>" + "&#x41;&amp;" * 18_000 + f" {SENTENCE}</p>",
    "many-attributes": "<p " + " ".join(f"a{i}=1" for i in range(20_000)) + f">{SENTENCE}</p>",
    "unclosed-comment": f"<p>{SENTENCE}</p><!--" + "x" * 190_000,
    "unclosed-script": f"<p>{SENTENCE}</p><script>" + "var a;" * 30_000,
    "empty-tags": "<i></i>" * 28_000,
}


@pytest.mark.parametrize("html", HTML_BOMBS.values(), ids=HTML_BOMBS.keys())
def test_html_bombs_are_answered_and_never_quote_markup(serve, html: str) -> None:
    assert len(html) <= 200_000
    client = serve()
    r = post(client, json={"documents": [{"html": html}]})
    assert r.status_code < 500, r.text
    if r.status_code == 200:
        claims = [c for claim in r.json()["summary"] for c in claim["citations"]]
        assert all("<" not in c["quote"] and "&e" not in c["quote"] for c in claims)
        assert len(r.text) < 20_000, "an entity was expanded into the brief"
    elif r.json()["detail"].startswith("topic: "):
        # The decoded run, cut into pieces, leaves too little on any topic to pick or brief one.
        detail = assert_names(r, 422, "topic", "")["detail"]
        assert "no sentence names a party" in detail or "no built-in profile fits" in detail, detail
    else:
        # What survives cleaning may be one sentence cut off by the unexpanded entity: no claim,
        # and the error names the document it came from.
        assert_names(r, r.status_code, "documents", "documents[0]")


def test_millions_of_tags_under_the_char_limit_are_413_not_a_stuck_worker(serve) -> None:
    # 9,000 one-sentence paragraphs: before BRIEF_MAX_SENTENCES this took ~30 s of event-loop
    # time on the FakeModel path, with every other request waiting behind it.
    html = "<p>Russia said x.</p>" * 9_000
    client = serve()
    r = post(client, json={"documents": [{"html": html}]})
    assert "BRIEF_MAX_SENTENCES" in assert_names(r, 413, "documents", "9000 sentences")["detail"]


TEXT_BOMBS = {
    # Under BRIEF_MAX_DOCUMENT_CHARS, in one sentence or one party's name after another: the rules
    # read a sentence in time that grows faster than its length (minutes for the first, before
    # a sentence's length was bounded), and a claim's thousands of near-identical quotes were
    # read as one text.
    "one-sentence": "Russia said that Ukraine " * 7_900 + "would talk.",
    "party-names": "Kyiv, Moscow, " * 14_000 + "and Washington met.",
    "abbreviations": "Gen. " * 39_000 + "Peskov spoke.",
    "copies": "".join(f"Russia said on day {n} that Ukraine would give up territory. " for n in range(2_900)),
}


@pytest.mark.parametrize("text", TEXT_BOMBS.values(), ids=TEXT_BOMBS.keys())
def test_text_bombs_are_answered_not_a_stuck_worker(serve, text: str) -> None:
    assert len(text) <= 200_000
    r = post(serve(), json={"documents": [{"text": text}]})
    assert r.status_code < 500, r.text


def test_tags_with_no_text_are_422_naming_the_document(serve) -> None:
    client = serve()
    payload = {"documents": [{"text": SENTENCE}, {"html": "<div><span></span></div>" * 1000}]}
    assert_names(post(client, json=payload), 422, "documents", "documents[1] has no article text")
