"""POST /verify over real HTTP on loopback: the same verdicts as `brief verify`, behind the same
keys and limits as /brief; and each API key has its own cached briefs."""

from __future__ import annotations

from tests.served import assert_problem, seeds_request

INVITES = "Russia Invites Ukraine’s Zelenskyy to Moscow for Peace Talks, Offers Security Guarantees."
# The same headline with the roles swapped: Ukraine invites Russia.
SWAPPED = "Ukraine’s Zelenskyy Invites Russia to Moscow for Peace Talks, Offers Security Guarantees."
KEY, OTHER = "k-verify-one", "k-verify-two"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_a_brief_of_the_service_verifies_and_a_swapped_one_does_not(serve) -> None:
    # At half the sources' words the seeds' brief names who "he added" is: a fourth kind of assertion.
    client = serve(use_model=False, max_claim_ratio=0.5)
    documents = seeds_request()["documents"]
    brief = client.post("/brief", json={"documents": documents}).json()
    r = client.post("/verify", json={"brief": brief, "documents": documents})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True and body["failed"] == 0 and body["verdicts"]
    assert {v["kind"] for v in body["verdicts"]} == {"text", "who", "party", "status"}
    who = [v for v in body["verdicts"] if v["kind"] == "who"]
    assert who and all(v["where"].endswith(".who") for v in who)
    assert "Zelenskyy" in {v["assertion"] for v in who}

    swapped = r.request.content.decode().replace(INVITES, SWAPPED)
    assert SWAPPED in swapped
    body = client.post("/verify", content=swapped, headers={"content-type": "application/json"}).json()
    assert body["ok"] is False and body["failed"] == 1
    [bad] = [v for v in body["verdicts"] if not v["ok"]]
    assert bad["kind"] == "text" and SWAPPED in bad["assertion"] and "invit" in bad["reason"]


def test_verify_takes_the_keys_and_limits_of_briefs(serve) -> None:
    client = serve(use_model=False, api_keys=KEY, max_documents=2)
    documents = seeds_request()["documents"]
    assert_problem(client.post("/verify", json={"brief": {}, "documents": documents[:1]}), 401)
    body = assert_problem(
        client.post("/verify", json={"brief": {}, "documents": documents}, headers=bearer(KEY)), 413
    )
    assert "BRIEF_MAX_DOCUMENTS" in body["detail"]


def test_a_body_that_is_no_brief_is_a_422_naming_the_field(serve) -> None:
    client = serve(use_model=False)
    documents = seeds_request()["documents"]
    body = assert_problem(
        client.post("/verify", json={"brief": {"summary": []}, "documents": documents}), 422
    )
    assert any(e["field"].startswith("brief.") for e in body["errors"])


def test_a_brief_sent_bare_is_told_to_wrap_itself(serve) -> None:
    # The brief itself posted where the body is {"brief": ..., "documents": [...]}: one line that
    # says what to send, not every field of the brief listed as extra.
    client = serve(use_model=False)
    brief = client.post("/brief", json=seeds_request()).json()
    for path in ("/verify", "/render/html"):
        body = assert_problem(client.post(path, json=brief), 422)
        assert body["detail"].startswith("body: the body is a brief itself; send it wrapped: "), body
        assert len(body["errors"]) == 1


def test_each_api_key_has_its_own_cached_briefs(serve) -> None:
    client = serve(use_model=False, api_keys=f"{KEY},{OTHER}")
    first = client.post("/brief", json=seeds_request(), headers=bearer(KEY))
    again = client.post("/brief", json=seeds_request(), headers=bearer(KEY))
    other = client.post("/brief", json=seeds_request(), headers=bearer(OTHER))
    assert [r.headers["x-brief-cache"] for r in (first, again, other)] == ["miss", "hit", "miss"]
