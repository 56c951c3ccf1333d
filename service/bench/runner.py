"""`brief bench`: every benchmark in one run, on this machine, on the configured model.

Peers (naive, instructor, extractive, brief) brief the seed case on the same model, beside two
rows that use no model: lead (a floor) and oracle (a ceiling; see baselines.py). The verifier
is judged on the faithfulness benchmark (evals/faithfulness.yaml), as `brief eval` does. The
service's figures come from the pipeline on an instant model over loopback and from the API
served on 127.0.0.1. With no BRIEF_BASE_URL the embedded model serves Brief at its usual
context, and a second instance with a context long enough for all articles serves the peers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai

from service.api import create_app
from service.backend import open_model
from service.bench import baselines, peers, service_figures
from service.bench.instant_model import instant_model_server
from service.bench.report import BASELINES, PEERS
from service.bench.service_figures import Load
from service.evals import faithfulness
from service.evals.cases import Case, load_case, load_cases
from service.local_model import EmbeddedServer
from service.settings import PROJECT_ROOT, Settings

CASES = PROJECT_ROOT / "evals" / "cases"
SEEDS_CASE = CASES / "seeds.yaml"
Progress = Callable[[int, int, str], None]
STEPS = 9


@dataclass(frozen=True)
class BenchOptions:
    """How much to measure; the defaults are the published run's."""

    rounds: int = 5
    sizes: tuple[int, ...] = (5, 50, 500)
    scaling_rounds: int = 3
    e2e_rounds: int = 3
    load: Load = field(default_factory=Load)
    load_rounds: int = 5
    # The peers' prompt holds every article (~3,500 tokens with the schema) plus the answer.
    peer_ctx: int = 8192
    # Bounds how long a peer can write (~0.2-0.5 s a token here on a shared CPU); a reply cut off
    # here is invalid JSON, and scored so: bench.json shows the finish and the reply's start.
    peer_max_tokens: int = 512
    # Bounds one peer call, and instructor's attempts together.
    peer_timeout_s: float = 900.0


@contextlib.asynccontextmanager
async def peer_client(settings: Settings, options: BenchOptions) -> AsyncIterator[openai.AsyncOpenAI]:
    """An OpenAI client for the peers: the configured server, or the embedded model at peer_ctx."""

    def client(base_url: str) -> openai.AsyncOpenAI:
        # The SDK's retries off: instructor's max_retries would nest with them.
        return openai.AsyncOpenAI(
            base_url=base_url,
            api_key=settings.api_key.get_secret_value(),
            max_retries=0,
            timeout=options.peer_timeout_s,
        )

    if settings.base_url:
        async with client(settings.base_url) as c:
            yield c
        return
    long = settings.model_copy(update={"local_ctx": max(settings.local_ctx, options.peer_ctx)})
    async with EmbeddedServer(long, logits_all=False) as server, client(server.base_url) as c:
        yield c


def machine() -> dict[str, Any]:
    """Where the figures were taken."""
    cpu = platform.processor() or None
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


async def run_bench(
    settings: Settings, options: BenchOptions, progress: Progress | None = None
) -> dict[str, Any]:
    """Run every benchmark and return bench.json's content."""
    report = progress or (lambda done, total, message: None)
    done = 0

    def step(message: str) -> None:
        nonlocal done
        done += 1
        report(done, STEPS, message)

    case: Case = load_case(SEEDS_CASE)
    request = case.request()
    started = dt.datetime.now(dt.UTC)
    load_before = _load_average()
    results: dict[str, peers.PeerResult] = {}
    faith = faithfulness.score_rewrites(faithfulness.load_rewrites(), load_cases(CASES), settings)

    # First: they need no model, so they are measured even if a model peer cannot run.
    rows = {
        "lead": baselines.scored("lead", case, baselines.lead(case, settings)),
        "oracle": baselines.scored("oracle", case, baselines.oracle(case)),
    }
    step(
        ", ".join(
            f"{n}: recall {rows[n]['fact_recall']:.0%}, compression {_num(rows[n]['compression'])}"
            for n in BASELINES
        )
    )

    results["extractive"] = await peers.with_pipeline("extractive", case, None, settings)
    step(f"extractive: recall {results['extractive'].fact_recall:.0%}")

    report(0, STEPS, f"starting the model ({settings.base_url or 'embedded llama.cpp server'}) for Brief")
    async with open_model(settings) as model:
        results["brief"] = await peers.with_pipeline("brief", case, model, settings)
        step(f"brief: recall {results['brief'].fact_recall:.0%} in {results['brief'].latency_s:.1f} s")
        e2e = await service_figures.e2e_seconds(request, model, settings, options.e2e_rounds)
        step(f"warm brief of the seeds: {e2e['median']:.1f} s (median of {options.e2e_rounds})")

    report(0, STEPS, f"starting the model for the peers (context {options.peer_ctx})")
    async with peer_client(settings, options) as client:
        for name, run in (("naive", peers.naive), ("instructor", peers.with_instructor)):
            results[name] = await run(
                client, settings.model, case, settings, options.peer_max_tokens, options.peer_timeout_s
            )
            r = results[name]
            step(f"{name}: schema {r.schema_validity:.0%}, recall {r.fact_recall:.0%} in {r.latency_s:.0f} s")

    with service_figures.clocked_instant_model(settings) as instant, instant_model_server() as url:
        pipeline = await service_figures.median_pipeline_ms(request, instant, settings, options.rounds)
        step(f"pipeline on the seeds: {pipeline['p50']:.1f} ms (median of {options.rounds})")
        texts = list(case.texts().values())
        scaling = await service_figures.pipeline_scaling(
            texts, case.profile(), list(options.sizes), instant, settings, options.scaling_rounds
        )
        step(f"pipeline scaling: exponent {scaling['exponent']}")
        payload = request.model_dump(mode="json", exclude_none=True)
        cache = await service_figures.cache_hit_rps(
            create_app(settings, model=service_figures.instant(settings, url)),
            payload,
            options.load,
            options.load_rounds,
        )
        step(f"cached POST /brief over bare FastAPI: {cache['ratio']}")

    naive_tokens = results["naive"].prompt_tokens
    brief_tokens = results["brief"].prompt_tokens
    ratio = brief_tokens / naive_tokens if naive_tokens and brief_tokens is not None else None
    return {
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": {"before": load_before, "after": _load_average()},
        "model": settings.model,
        "model_server": "configured (BRIEF_BASE_URL)" if settings.base_url else "embedded llama.cpp",
        "case": case.name,
        "peers": {
            **{name: results[name].as_dict() for name in PEERS},
            **{name: rows[name] for name in BASELINES},
        },
        "faithfulness": faith.as_dict(),
        "prompt_tokens_ratio_vs_naive": ratio and round(ratio, 4),
        "pipeline_ms_p50": pipeline["p50"],
        "pipeline_ms_rounds": pipeline["rounds"],
        "cache_hit_rps_ratio": cache["ratio"],
        "cache_hit": cache,
        "pipeline_scaling": scaling,
        "e2e_seconds_seeds": e2e["median"],
        "e2e": e2e,
        "options": {
            "rounds": options.rounds,
            "scaling_rounds": options.scaling_rounds,
            "e2e_rounds": options.e2e_rounds,
            "load_rounds": options.load_rounds,
            "peer_ctx": options.peer_ctx,
            "peer_max_tokens": options.peer_max_tokens,
        },
    }
