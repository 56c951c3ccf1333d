"""The service's own figures: pipeline time and its growth, cached-request throughput, warm latency.

Timings here are noisy (other work shares the CPU), so every figure is the median of several
rounds and throughput is reported as a ratio to a bare FastAPI endpoint measured in the same run.
Load goes only to 127.0.0.1, bounded in requests and in time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from service.bench.instant_model import CAPABILITIES, ClockedModel, instant_model_server
from service.briefing import make_brief
from service.llm import Model, OpenAIModel
from service.schema import BriefRequest, Document
from service.settings import Settings
from service.threaded_server import serve_in_thread

_WORD = re.compile(r"[A-Za-z]+")
_PERTURB_RATE = 0.25  # of words replaced: copies then fall below dedupe's 0.8 similarity
CACHE_HEADER = "x-brief-cache"


def instant(settings: Settings, url: str) -> OpenAIModel:
    """The instant model at url, through the service's own client."""
    return OpenAIModel(settings.model_copy(update={"model": "instant"}), url, CAPABILITIES)


@contextlib.contextmanager
def clocked_instant_model(settings: Settings) -> Iterator[ClockedModel]:
    """The instant model on loopback, clocked so that its time can be taken out."""
    with instant_model_server() as url:
        model = ClockedModel(instant(settings, url))
        try:
            yield model
        finally:
            model.close()


async def pipeline_ms(request: BriefRequest, model: ClockedModel, settings: Settings) -> float:
    """Milliseconds of Brief's own work on one request: the brief's time less the model's."""
    in_model = model.seconds
    started = time.perf_counter()
    await make_brief(request, model, settings)
    return (time.perf_counter() - started - (model.seconds - in_model)) * 1000


async def median_pipeline_ms(
    request: BriefRequest, model: ClockedModel, settings: Settings, rounds: int
) -> dict:
    """The median over rounds (after one warm-up) and every round's figure."""
    await pipeline_ms(request, model, settings)
    samples = [await pipeline_ms(request, model, settings) for _ in range(rounds)]
    return {"p50": round(statistics.median(samples), 2), "rounds": [round(s, 2) for s in samples]}


def perturbed(texts: list[str], n: int, rate: float = _PERTURB_RATE) -> list[Document]:
    """n documents: the texts themselves, then copies with a share of words swapped for others
    from the texts (seeded, so every run briefs the same documents)."""
    vocabulary = sorted({w for t in texts for w in _WORD.findall(t)})

    def copy(text: str, rng: random.Random) -> str:
        return _WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < rate else m[0], text)

    documents = []
    for k in range(n):
        text = texts[k % len(texts)]
        if k >= len(texts):
            text = copy(text, random.Random(k))
        documents.append(Document(id=f"d{k + 1}", text=text))
    return documents


def growth_exponent(sizes: list[int], times: list[float]) -> float:
    """The slope of log(time) over log(size), least squares: 1 is linear growth."""
    if len(sizes) < 2 or min(sizes) <= 0 or min(times) <= 0:
        raise ValueError("fit the growth exponent on at least two positive sizes and times")
    fit = statistics.linear_regression([math.log(s) for s in sizes], [math.log(t) for t in times])
    return round(fit.slope, 3)


async def pipeline_scaling(
    texts: list[str], topic: Any, sizes: list[int], model: ClockedModel, settings: Settings, rounds: int
) -> dict:
    """Pipeline time at each size (median of rounds) and the fitted growth exponent."""
    # Large inputs take many model calls; their (instant) time is excluded, not their deadline.
    # The API's input limits are lifted: the growth of the pipeline itself is measured.
    settings = settings.model_copy(
        update={"deadline_s": max(settings.deadline_s, 3600.0), "max_sentences": 10**9}
    )
    points = []
    for n in sizes:
        request = BriefRequest(documents=perturbed(texts, n), topic=topic)
        if not points:
            await pipeline_ms(request, model, settings)  # warm-up, as for pipeline_ms_p50
        samples = [await pipeline_ms(request, model, settings) for _ in range(rounds)]
        points.append({"documents": n, "ms": round(statistics.median(samples), 2)})
    exponent = growth_exponent([p["documents"] for p in points], [p["ms"] for p in points])
    return {"points": points, "exponent": exponent}


def bare_app() -> FastAPI:
    """The baseline: an endpoint that accepts and validates the same body and answers a fixed JSON."""
    app = FastAPI()

    @app.post("/brief")
    async def accept(body: BriefRequest) -> dict[str, bool]:
        return {"ok": True}

    return app


@dataclass(frozen=True)
class Load:
    """Bounds of one load round: at most `requests` requests and `seconds` seconds."""

    requests: int = 200
    seconds: float = 10.0
    clients: int = 4


async def drive(url: str, payload: dict, load: Load) -> dict:
    """POST payload to url/brief from `clients` concurrent clients until a bound is reached."""
    sent = 0
    statuses: Counter[int] = Counter()
    markers: Counter[str] = Counter()
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as client:
        until = time.perf_counter() + load.seconds
        started = time.perf_counter()

        async def worker() -> None:
            nonlocal sent
            while sent < load.requests and time.perf_counter() < until:
                sent += 1
                response = await client.post("/brief", json=payload)
                statuses[response.status_code] += 1
                markers[response.headers.get(CACHE_HEADER, "absent")] += 1

        await asyncio.gather(*(worker() for _ in range(load.clients)))
        elapsed = time.perf_counter() - started
    return {
        "rps": round(statuses[200] / elapsed, 2),
        "requests": sent,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        CACHE_HEADER: None if set(markers) == {"absent"} else dict(markers),
    }


async def cache_hit_rps(brief_app: FastAPI, payload: dict, load: Load, rounds: int) -> dict:
    """Requests per second of POST /brief answered from cache over the bare endpoint's, per round;
    the median of the rounds' ratios. The brief endpoint is warmed with one request first."""
    api_log = logging.getLogger("brief.api")
    level = api_log.level
    # One log line per request would flood the bench's progress output.
    api_log.setLevel(logging.WARNING)
    try:
        with serve_in_thread(brief_app) as brief_url, serve_in_thread(bare_app()) as bare_url:
            async with httpx.AsyncClient(base_url=brief_url, timeout=120.0) as client:
                warm = await client.post("/brief", json=payload)
            if warm.status_code != 200:
                raise RuntimeError(f"the warm-up POST /brief answered {warm.status_code}: {warm.text[:300]}")
            per_round = []
            for _ in range(rounds):
                brief = await drive(brief_url, payload, load)
                bare = await drive(bare_url, payload, load)
                ratio = brief["rps"] / bare["rps"] if bare["rps"] else None
                per_round.append({"brief": brief, "bare": bare, "ratio": ratio and round(ratio, 4)})
    finally:
        api_log.setLevel(level)
    ratios = [r["ratio"] for r in per_round if r["ratio"] is not None]
    return {
        "ratio": round(statistics.median(ratios), 4) if ratios else None,
        "brief_rps_p50": statistics.median(r["brief"]["rps"] for r in per_round),
        "bare_rps_p50": statistics.median(r["bare"]["rps"] for r in per_round),
        "rounds": per_round,
        "load": {"requests": load.requests, "seconds": load.seconds, "clients": load.clients},
    }


async def e2e_seconds(request: BriefRequest, model: Model, settings: Settings, rounds: int) -> dict:
    """Seconds for a warm brief on the given model: the median of `rounds` after the caller's warm-up."""
    samples, methods = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        brief = await make_brief(request, model, settings)
        samples.append(time.perf_counter() - started)
        methods.append(brief.meta.method)  # "extractive" here means the model failed: a fallback
    return {
        "median": round(statistics.median(samples), 2),
        "rounds": [round(s, 2) for s in samples],
        "methods": methods,
    }
