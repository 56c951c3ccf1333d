"""Load on loopback: concurrent clients against a real uvicorn server with few brief slots.

Every request must get exactly one answer: its own brief (200) or a clear 503 with
Retry-After. None is lost, none swapped with another's, none duplicated, and the model never
works on more briefs at once than BRIEF_MAX_CONCURRENT_BRIEFS. The figures are printed (run with
-s to see them); timings are not asserted, the machine is shared.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from service.api import PROBLEM_JSON
from service.schema import Brief
from tests.fakes import FakeModel

# The API tests' fixtures: each app under uvicorn on a free loopback port; no BRIEF_* from the shell.

CLIENTS, PER_CLIENT = 10, 4  # 40 requests in all
MAX_BRIEFS, QUEUE_TIMEOUT_S = 2, 0.1
CALL_S = 0.02  # each model call takes this long
HARD_LIMIT_S = 120.0  # the whole run; it stops by itself long before
TOKEN = re.compile(r"Ref\d{3}")


def document(n: int) -> str:
    """An on-topic article whose every sentence carries the request's token, Ref<n>."""
    ref = f"Ref{n:03d}"
    return "\n\n".join(
        [
            f"Envoy {ref} said Russia rejected the territory plan for Donetsk.",
            # A second status for territory, as many as the first: the model is asked where it stands.
            f"Kyiv told envoy {ref} the sides had agreed on a territory deal.",
            f"Ukraine told envoy {ref} that security guarantees remain a sticking point.",
            f"The United States said envoy {ref} made progress toward a deal on the Zaporizhzhia plant.",
            f"Russia agreed with envoy {ref} to pause strikes on energy infrastructure for a week.",
            f"Ukraine asked envoy {ref} for international peacekeepers along the front line.",
            f"The Kremlin told envoy {ref} that a leaders' meeting could only take place in Moscow.",
        ]
    )


@dataclass
class SlowModel(FakeModel):
    """A FakeModel whose calls take CALL_S; records which request each call served, and when."""

    in_flight: int = 0
    peak: int = 0
    spans: dict[str, list[float]] = field(default_factory=dict)  # token -> [first start, last end]

    async def score(self, prompt: str, options: list[str], usage: Any, deadline: float) -> list[float]:
        token = TOKEN.search(prompt)
        start = time.monotonic()
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await asyncio.sleep(CALL_S)
            return await super().score(prompt, options, usage, deadline)
        finally:
            self.in_flight -= 1
            if token:  # the calibration calls (empty sentence) belong to no request
                span = self.spans.setdefault(token[0], [start, start])
                span[1] = time.monotonic()


def most_overlapping(spans: list[list[float]]) -> int:
    """The most intervals open at one instant."""
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])  # ends sort first
    open_now = most = 0
    for _, step in events:
        open_now += step
        most = max(most, open_now)
    return most


@dataclass
class Outcome:
    n: int
    status: int
    seconds: float
    response: httpx.Response


async def run_clients(base_url: str) -> list[Outcome]:
    """CLIENTS clients, each sending PER_CLIENT requests in turn, no retries."""
    outcomes: list[Outcome] = []

    async def one_client(c: int, http: httpx.AsyncClient) -> None:
        for k in range(PER_CLIENT):
            n = c * PER_CLIENT + k
            body = {"documents": [{"id": f"req{n}", "text": document(n)}]}
            began = time.perf_counter()
            r = await http.post("/brief", json=body, headers={"X-Request-ID": f"load-{n}"})
            outcomes.append(Outcome(n, r.status_code, time.perf_counter() - began, r))

    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as http:
        async with asyncio.timeout(HARD_LIMIT_S):
            await asyncio.gather(*(one_client(c, http) for c in range(CLIENTS)))
    return outcomes


def check_brief(o: Outcome) -> None:
    """A 200 is the brief of this request's own document, and nothing of another's."""
    ref, brief = f"Ref{o.n:03d}", Brief.model_validate_json(o.response.text)
    assert brief.meta.method == "llm", o.n
    assert [s.doc_id for s in brief.sources] == [f"req{o.n}"]
    citations = [c for claim in brief.claims() for c in claim.citations]
    assert citations, f"request {o.n}: a brief without claims"
    for c in citations:
        assert c.doc_id == f"req{o.n}" and ref in c.quote, (o.n, c)
    assert set(TOKEN.findall(o.response.text)) == {ref}, o.n


def check_rejection(o: Outcome) -> None:
    """A 503 says why and when to come back."""
    r = o.response
    assert r.headers["content-type"].startswith(PROBLEM_JSON), o.n
    assert int(r.headers["retry-after"]) > 0
    assert f"all {MAX_BRIEFS} brief slots are busy" in r.json()["detail"]


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def test_every_request_gets_its_own_brief_or_a_clear_503(serve) -> None:
    model = SlowModel()
    # The whole short article may be quoted, so every brief has claims to check.
    client = serve(
        model, max_concurrent_briefs=MAX_BRIEFS, queue_timeout_s=QUEUE_TIMEOUT_S, max_claim_ratio=1.0
    )
    began = time.perf_counter()
    outcomes = asyncio.run(run_clients(str(client.base_url)))
    wall = time.perf_counter() - began

    # Every request answered once, by its own answer.
    total = CLIENTS * PER_CLIENT
    assert sorted(o.n for o in outcomes) == list(range(total))
    assert all(o.response.headers["x-request-id"] == f"load-{o.n}" for o in outcomes)
    assert {o.status for o in outcomes} <= {200, 503}, sorted({o.status for o in outcomes})
    accepted = [o for o in outcomes if o.status == 200]
    rejected = [o for o in outcomes if o.status == 503]
    for o in accepted:
        check_brief(o)
    for o in rejected:
        check_rejection(o)
    assert accepted and rejected, "the load should both fill the slots and overflow them"

    # The model worked on accepted requests only, each once, never on more than MAX_BRIEFS at once.
    assert set(model.spans) == {f"Ref{o.n:03d}" for o in accepted}
    assert model.peak <= MAX_BRIEFS
    assert most_overlapping(list(model.spans.values())) <= MAX_BRIEFS
    metrics = client.get("/metrics").text
    assert f'brief_http_requests_total{{route="/brief",status="200"}} {len(accepted)}.0' in metrics
    assert f'brief_http_requests_total{{route="/brief",status="503"}} {len(rejected)}.0' in metrics
    assert "brief_in_flight 0.0" in metrics

    ok, busy = [o.seconds * 1000 for o in accepted], [o.seconds * 1000 for o in rejected]
    print(
        f"\nload: {total} requests from {CLIENTS} clients in {wall:.2f}s; slots {MAX_BRIEFS}, "
        f"queue timeout {QUEUE_TIMEOUT_S}s, model call {CALL_S * 1000:.0f} ms\n"
        f"  accepted {len(accepted)}: p50 {percentile(ok, 50):.0f} ms, p95 {percentile(ok, 95):.0f} ms\n"
        f"  rejected {len(rejected)} (503): p50 {percentile(busy, 50):.0f} ms, "
        f"p95 {percentile(busy, 95):.0f} ms\n"
        f"  model: peak {model.peak} calls at once, at most {most_overlapping(list(model.spans.values()))} "
        f"briefs at once"
    )
