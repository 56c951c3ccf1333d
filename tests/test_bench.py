"""`brief bench`: its figures' logic on small inputs, with fake models on loopback (no model runtime)."""

from __future__ import annotations

import json
import math
import statistics
import time
from pathlib import Path

import openai
import pytest

from service.bench import peers, report, service_figures
from service.bench.instant_model import ClockedModel
from service.bench.runner import CASES, SEEDS_CASE, BenchOptions, run_bench
from service.bench.service_figures import Load
from service.dedupe import dedupe
from service.evals.cases import load_case, load_cases
from service.evals.faithfulness import load_rewrites, score_rewrites
from service.ingest import ingest
from service.schema import Document
from service.segment import segment
from service.settings import Settings
from tests.fake_openai import Answer, FakeOpenAI, Request
from tests.fakes import FakeModel
from tests.served import TEXTS as ASKING_TEXTS

CASE = load_case(SEEDS_CASE)
# The seeds leave no issue undecided, so their brief asks the model nothing: with the split
# report, it asks where the security guarantees stand.
ASKING = CASE.request().model_copy(
    update={"documents": [Document(id=k, text=v) for k, v in ASKING_TEXTS.items()]}
)
TEXTS = CASE.texts()
MOSCOW = (
    "Russia has renewed its invitation for President Volodymyr Zelenskyy to hold peace talks in Moscow, "
    "offering security guarantees, but Kyiv has yet to respond after rejecting a similar proposal earlier."
)
IN_PERSON = "Zelenskyy is ready to meet Putin in person"


def _claim(text: str, doc_id: str, quote: str) -> dict:
    return {"text": text, "citations": [{"doc_id": doc_id, "sentence_id": "any", "quote": quote}]}


# A draft as a capable model might write it: one verbatim claim, one claim its sentence doesn't support.
DRAFT = {
    "topic": "ukraine_peace_talks",
    "summary": [_claim(MOSCOW, "001", MOSCOW)],
    "parties": [{"party": "Ukraine", "claims": [_claim("Ukraine surrendered Donetsk.", "000", IN_PERSON)]}],
    "issues": [
        {
            "issue": "venue",
            "label": "Leaders' meeting and venue",
            "status": "open",
            "positions": [{"party": "Russia", "claim": _claim(MOSCOW, "001", MOSCOW)}],
        }
    ],
}


def _answers(chat: str):
    """A fake server's answers: option questions as the instant model does, chat with `chat`."""

    def respond(request: Request) -> Answer:
        body = request.body if isinstance(request.body, dict) else {}
        if request.path.endswith("/chat/completions"):
            return Answer(chat)
        bias = body.get("logit_bias")
        if bias:
            return Answer(max(bias, key=bias.__getitem__))
        return Answer(top_logprobs={"?": -1.0})

    return respond


def _settings(url: str) -> Settings:
    return Settings(base_url=url, model="fake-model", option_scoring=True, option_bias=True, max_retries=0)


def _client(url: str) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=url, api_key="x", max_retries=0, timeout=10)


# --- growth exponent and perturbed documents ------------------------------------------------------


def test_growth_exponent_fits_the_power_of_synthetic_timings() -> None:
    sizes = [5, 50, 500]
    assert service_figures.growth_exponent(sizes, [2.0 * n for n in sizes]) == pytest.approx(1.0)
    assert service_figures.growth_exponent(sizes, [0.1 * n**1.5 for n in sizes]) == pytest.approx(1.5)
    noisy = [3.0 * n * (1.1 if k % 2 else 0.9) for k, n in enumerate(sizes)]
    assert 0.9 < service_figures.growth_exponent(sizes, noisy) < 1.1
    with pytest.raises(ValueError, match="at least two"):
        service_figures.growth_exponent([5], [1.0])


def test_perturbed_copies_are_new_documents_not_wire_copies() -> None:
    texts = list(TEXTS.values())
    docs = service_figures.perturbed(texts, 10)
    assert [d.text for d in docs[:5]] == texts
    assert len(docs) == 10 and all(d.text != texts[k % 5] for k, d in enumerate(docs[5:], start=5))
    assert [d.text for d in service_figures.perturbed(texts, 10)] == [d.text for d in docs]  # seeded
    # dedupe must not fold a copy back into its seed, or larger inputs would not be more work.
    seed_alone = [s for d in ingest(docs[:1]) for s in segment(d)]
    with_copy = [s for d in ingest([docs[0], docs[5]]) for s in segment(d)]
    assert len(dedupe(with_copy)) > 1.6 * len(dedupe(seed_alone))


# --- peers -------------------------------------------------------------------------------------------


async def test_naive_peer_that_gets_prose_scores_zero_and_keeps_the_reply() -> None:
    settings = Settings(max_retries=0)
    with FakeOpenAI(default=_answers("Sure! Here is a brief of the talks: Russia invited...")) as fake:
        result = await peers.naive(
            _client(fake.url), "fake-model", CASE, settings, max_tokens=64, timeout_s=10
        )
        (call,) = fake.posts("/v1/chat/completions")
    assert result.schema_validity == 0.0 and result.fact_recall == 0.0 and result.facts_found == 0
    assert result.error.startswith("not JSON") and result.output_head.startswith("Sure!")
    assert result.prompt_tokens > 0 and result.citation_validity is None
    # One call, bounded, with every article and the schema in the prompt; no response_format.
    assert call.body["max_tokens"] == 64 and "response_format" not in call.body
    prompt = call.body["messages"][0]["content"]
    assert all(f"Article {i}:" in prompt for i in TEXTS) and '"summary"' in prompt


async def test_naive_peer_with_json_that_is_not_a_brief_scores_zero() -> None:
    with FakeOpenAI(default=_answers(json.dumps({"topic": "x", "summary": "none"}))) as fake:
        result = await peers.naive(
            _client(fake.url), "fake-model", CASE, Settings(), max_tokens=64, timeout_s=10
        )
    assert result.schema_validity == 0.0 and result.fact_recall == 0.0
    assert result.error.startswith("JSON, but not a brief")


async def test_naive_peer_with_a_valid_draft_is_scored_like_brief() -> None:
    with FakeOpenAI(default=_answers(json.dumps(DRAFT))) as fake:
        result = await peers.naive(
            _client(fake.url), "fake-model", CASE, Settings(), max_tokens=64, timeout_s=10
        )
    assert result.schema_validity == 1.0 and result.error is None
    # The invitation, the safety guarantee and the missing response at least.
    assert result.facts_found >= 3 and result.fact_recall == result.facts_found / len(CASE.facts)
    assert 0 < result.right_place <= 1
    assert result.citation_validity == 1.0  # every quote is verbatim in its article
    # The verifier accepts the verbatim claim (its sentence id found from the quote), not the invented one.
    assert result.claims == 2 and result.supported_claims == 0.5


async def test_instructor_peer_gives_up_after_three_attempts_and_counts_their_tokens() -> None:
    with FakeOpenAI(default=_answers("not json at all")) as fake:
        result = await peers.with_instructor(
            _client(fake.url), "fake-model", CASE, Settings(), max_tokens=64, timeout_s=10
        )
        calls = fake.posts("/v1/chat/completions")
    assert len(calls) == 3 and result.attempts == 3
    assert result.schema_validity == 0.0 and result.fact_recall == 0.0
    assert "after 3 attempt(s): 1 schema error(s)" in result.error and result.output_head == "not json at all"
    assert result.prompt_tokens == sum(
        len(" ".join(m["content"] for m in c.body["messages"]).split()) for c in calls
    )
    assert calls[0].body["response_format"] == {"type": "json_object"}  # instructor's JSON mode


async def test_instructor_peer_with_a_valid_answer_takes_one_attempt() -> None:
    with FakeOpenAI(default=_answers(json.dumps(DRAFT))) as fake:
        result = await peers.with_instructor(
            _client(fake.url), "fake-model", CASE, Settings(), max_tokens=64, timeout_s=10
        )
    assert result.attempts == 1 and result.schema_validity == 1.0 and result.citation_validity == 1.0


# --- the service's figures ---------------------------------------------------------------------------


async def test_pipeline_time_excludes_the_time_spent_in_the_model() -> None:
    """A model that takes DELAY per call: pipeline_ms leaves every call's delay out of the figure."""
    delay = 0.1
    fake = FakeModel(delay=delay)
    model = ClockedModel(fake)
    settings = Settings()
    try:
        # Twice: the second brief reuses the first's calibration prior, so it makes fewer calls.
        for _ in range(2):
            calls, clocked = len(fake.calls), model.seconds
            started = time.perf_counter()
            ms = await service_figures.pipeline_ms(ASKING, model, settings)
            wall = time.perf_counter() - started
            slept = (len(fake.calls) - calls) * delay
            assert slept > 0, "the brief asked the model nothing"
            assert model.seconds - clocked >= slept  # every call's delay is on the model's clock
            # The figure is the brief's time less at least every delay (bounded by the wall time
            # around it), and the pipeline's own work is more than nothing.
            assert 0 < ms / 1000 <= wall - slept
    finally:
        model.close()


async def test_pipeline_figures_come_from_the_instant_model_over_loopback() -> None:
    """The bench's pipeline figures, on the instant model: a warm-up, then the median of rounds."""
    settings = Settings()
    with service_figures.clocked_instant_model(settings) as model:
        ms = await service_figures.pipeline_ms(ASKING, model, settings)
        assert model.seconds > 0  # the instant model was asked, over loopback
        figures = await service_figures.median_pipeline_ms(ASKING, model, settings, rounds=3)
    assert ms > 0 and len(figures["rounds"]) == 3
    assert figures["p50"] == statistics.median(figures["rounds"]) > 0


async def test_cache_throughput_is_measured_against_a_bare_endpoint_with_bounded_load() -> None:
    from service.api import create_app
    from service.bench.instant_model import instant_model_server

    settings = Settings()
    payload = CASE.request().model_dump(mode="json", exclude_none=True)
    with instant_model_server() as url:
        app = create_app(settings, model=service_figures.instant(settings, url))
        result = await service_figures.cache_hit_rps(app, payload, Load(requests=6, seconds=5, clients=2), 2)
    assert len(result["rounds"]) == 2 and result["ratio"] > 0
    for r in result["rounds"]:
        for side in ("brief", "bare"):
            assert r[side]["statuses"] == {"200": r[side]["requests"]} and r[side]["requests"] <= 6
            assert "x-brief-cache" in r[side]
    assert result["ratio"] == pytest.approx(statistics.median(r["ratio"] for r in result["rounds"]), abs=1e-3)


# --- a whole small run -------------------------------------------------------------------------------


async def test_a_small_run_writes_bench_json_and_md(tmp_path: Path) -> None:
    options = BenchOptions(
        rounds=1,
        sizes=(1, 2, 3),
        scaling_rounds=1,
        e2e_rounds=1,
        load=Load(requests=4, seconds=5, clients=2),
        load_rounds=1,
        peer_max_tokens=32,
        peer_timeout_s=10,
    )
    steps: list[tuple[int, int, str]] = []
    with FakeOpenAI(default=_answers("I cannot write JSON.")) as fake:
        bench = await run_bench(_settings(fake.url), options, progress=lambda *a: steps.append(a))
    report.write(tmp_path, bench)

    data = json.loads((tmp_path / "bench.json").read_text())
    for key in (
        "prompt_tokens_ratio_vs_naive",
        "pipeline_ms_p50",
        "cache_hit_rps_ratio",
        "pipeline_scaling",
        "e2e_seconds_seeds",
        "goals",
        "machine",
        "date",
        "faithfulness",
    ):
        assert key in data, key
    assert set(data["peers"]) == {"naive", "instructor", "extractive", "brief", "lead", "oracle"}
    for peer in data["peers"].values():
        assert {
            "fact_recall",
            "compression",
            "citation_validity",
            "schema_validity",
            "latency_s",
            "prompt_tokens",
        } <= set(peer)
    assert data["peers"]["naive"]["schema_validity"] == 0 and data["peers"]["instructor"]["attempts"] == 3
    brief = data["peers"]["brief"]
    assert brief["schema_validity"] == 1.0 and brief["citation_validity"] == 1.0 and brief["fact_recall"] > 0
    assert data["peers"]["extractive"]["prompt_tokens"] == 0
    ratio = brief["prompt_tokens"] / data["peers"]["naive"]["prompt_tokens"]
    assert data["prompt_tokens_ratio_vs_naive"] == pytest.approx(ratio, abs=1e-4)
    assert [p["documents"] for p in data["pipeline_scaling"]["points"]] == [1, 2, 3]
    assert math.isfinite(data["pipeline_scaling"]["exponent"])
    goal = {g["goal"]: g for g in data["goals"]}
    assert goal["brief schema validity 1.0"]["met"] is True
    assert goal["brief fact recall >= 2 x the better of naive and instructor"]["met"] is True
    # Progress: a bar per finished step, the last one full.
    finished = [s for s in steps if s[0] > 0]
    assert len(finished) == 9 and finished[-1][:2] == (9, 9)

    md = (tmp_path / "bench.md").read_text()
    assert "| peer | fact recall |" in md and "| naive | 0.00 (0/" in md
    assert "- naive: not JSON" in md  # the failure is shown, not hidden
    # The floor and the ceiling are rows of the peers' table, oracle last, with a note under it.
    table = [line for line in md.split("## The service")[0].splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0][2:] for line in table[1:]] == [
        "naive",
        "instructor",
        "extractive",
        "brief",
        "lead",
        "oracle",
    ]
    assert "\nlead: each article's first sentences" in md and "; oracle: whole source sentences" in md
    assert data["peers"]["oracle"]["fact_recall"] >= data["peers"]["lead"]["fact_recall"]
    assert "## Goals" in md and "| brief schema validity 1.0 | 1.00 | met |" in md

    # The verifier's rates on the faithfulness benchmark, as `brief eval` reports them.
    faith = score_rewrites(load_rewrites(), load_cases(CASES), _settings(fake.url)).as_dict()
    assert data["faithfulness"] == faith
    rejected = f"{faith['unfaithful_rejected']:.4f} of {faith['unfaithful']}"
    assert f"| verifier: unfaithful rewrites rejected (evals/faithfulness.yaml) | {rejected} |" in md
    assert (
        f"| verifier: faithful rewrites accepted | {faith['faithful_accepted']:.4f} of {faith['faithful']} |"
        in md
    )
    # One rewrite judged wrong in 261 shows, and misses the goal; 0.9 of the faithful meets it.
    rates = {"unfaithful_rejected": 0.9962, "unfaithful": 261, "faithful_accepted": 0.9, "faithful": 125}
    shown = {**data, "faithfulness": {**faith, **rates}}
    md = report.to_markdown({**shown, "goals": report.goals(shown)})
    assert "| verifier: unfaithful rewrites rejected (evals/faithfulness.yaml) | 0.9962 of 261 |" in md
    assert "| verifier: faithful rewrites accepted | 0.9000 of 125 |" in md
    assert "| unfaithful rewrites rejected 1.0 | 0.9962 of 261 | NOT met |" in md
    assert "| faithful rewrites accepted >= 0.9 | 0.9000 of 125 | met |" in md
