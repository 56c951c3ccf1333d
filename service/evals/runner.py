"""Run eval cases through the real pipeline: live on the configured model, or replayed from cassettes."""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from service.briefing import make_brief
from service.errors import DeadlinePassed, ModelFailed
from service.evals.cases import Case, load_case
from service.evals.llm_judge import LLMJudge, candidates
from service.evals.scorer import (
    CaseScore,
    Matcher,
    labelled_pairs,
    regex_matcher,
    score_case,
    scorer_agreement,
)
from service.evals.semantic import DEFAULT_THRESHOLD, SemanticMatcher, minilm_encoder
from service.llm import Model, OpenAIModel, capabilities_for
from service.schema import Brief
from service.settings import PROJECT_ROOT, Settings

Mode = Literal["replay", "live"]
MatcherName = Literal["regex", "semantic", "judge"]
# Nothing listens here: in replay every model call must be answered from a cassette.
REPLAY_URL = "http://127.0.0.1:9/v1"
CASSETTES = PROJECT_ROOT / "evals" / "cassettes"
# The scorer is checked on hand-labelled pairs whose fact ids are the seeds case's, whatever
# case set is being run.
PAIRS = PROJECT_ROOT / "evals" / "scorer_pairs.yaml"
PAIRS_CASE = PROJECT_ROOT / "evals" / "cases" / "seeds.yaml"
_JUDGE_RECORD = "brief eval --mode live --record --matcher judge"


def page_text(page: str) -> str:
    """An HTML page's text as a reader sees it: tags gone, entities decoded (&#x27; is ')."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@dataclass
class EvalRun:
    """Every case's result, and how the matcher did on the hand-labelled pairs (None: not checked)."""

    results: list[CaseResult]
    scorer_check: dict[str, Any] | None


@dataclass
class CaseResult:
    """One case's brief, its score and what it cost."""

    case: Case
    brief: Brief
    score: CaseScore
    latency_ms: int


# filter_headers only scrubs requests; these response headers can carry account details.
_SECRET_RESPONSE_HEADERS = {"set-cookie", "openai-organization", "openai-project", "x-request-id"}


def scrub_response(response: dict) -> dict:
    """Drop response headers that may identify an account or request before a cassette is written."""
    headers = response.get("headers", {})
    for name in [n for n in headers if n.lower() in _SECRET_RESPONSE_HEADERS]:
        del headers[name]
    return response


# Request headers and query parameters that carry credentials (Azure's api-key, Anthropic's
# x-api-key, Google's key=...), removed before a request is written to a cassette.
SECRET_HEADERS = ("authorization", "api-key", "x-api-key", "cookie", "openai-organization", "openai-project")
SECRET_QUERY = ("key", "api_key", "apikey", "api-key", "token", "access_token", "auth", "sig", "signature")


def cassette_config(record_mode: str) -> dict:
    """vcrpy settings shared by eval cassettes and the test suite's cassettes."""
    # The embedded server's port changes between runs; method, path and body identify a call.
    return {
        "match_on": ("method", "path", "body"),
        "filter_headers": list(SECRET_HEADERS),
        "filter_query_parameters": list(SECRET_QUERY),
        "before_record_response": scrub_response,
        "record_mode": record_mode,
        "decode_compressed_response": True,
    }


@contextlib.contextmanager
def _cassette(name: str, mode: Mode, record: bool, command: str = "brief eval --mode live --record"):
    """Replay (or record) the model calls made inside from CASSETTES/NAME.yaml."""
    if mode == "live" and not record:
        yield
        return
    import vcr

    path = CASSETTES / f"{name}.yaml"
    if mode == "replay" and not path.exists():
        raise FileNotFoundError(f"no cassette {path}; record one with `{command}` (needs the model)")
    path.parent.mkdir(parents=True, exist_ok=True)
    if record:
        # vcrpy writes only what it recorded: a case that no longer asks the model would keep
        # the calls of its last recording.
        path.unlink(missing_ok=True)
    with vcr.VCR(**cassette_config("all" if record else "none")).use_cassette(str(path)):
        yield
    if record and not path.exists():
        # A case the model was not asked about records that too: replay then expects no call.
        path.write_text("interactions: []\nversion: 1\n", encoding="utf-8")


class ReplayMiss(RuntimeError):
    """A replayed case asked the model something its cassette does not hold."""


async def _run_one(
    case: Case, model: Model, settings: Settings, mode: Mode, record: bool, matcher: Matcher
) -> CaseResult:
    request = case.request()
    started = time.monotonic()
    with _cassette(case.name, mode, record):
        try:
            brief = await make_brief(request, model, settings)
        except (ModelFailed, DeadlinePassed) as e:
            if mode != "replay":
                raise
            raise ReplayMiss(
                f"case {case.name!r} asked the model something evals/cassettes/{case.name}.yaml does "
                "not hold: the prompts, the pipeline or the case changed since it was recorded. "
                "Re-record with `brief eval --mode live --record` (needs the model)"
            ) from e
    latency_ms = int((time.monotonic() - started) * 1000)
    if isinstance(matcher, LLMJudge):
        claims = [c.text for c in brief.claims()]
        with _cassette(f"judge/{case.name}", mode, record, _JUDGE_RECORD):
            await matcher.prepare(candidates(case.facts, claims))
    sources = {d.id: d.text if d.text is not None else page_text(d.html) for d in request.documents}
    return CaseResult(case, brief, score_case(case, brief, sources, matcher), latency_ms)


@contextlib.asynccontextmanager
async def _model_for(mode: Mode, settings: Settings) -> AsyncIterator[Model]:
    if mode == "replay":
        # Replay talks to no server: the capabilities are those the cassettes were recorded with.
        model = OpenAIModel(settings, REPLAY_URL, capabilities_for(settings, embedded=True))
        try:
            yield model
        finally:
            await model.close()
        return
    from service.backend import open_model

    async with open_model(settings) as model:
        yield model


async def run_cases(
    cases: list[Case],
    settings: Settings,
    mode: Mode,
    concurrency: int = 1,
    record: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    matcher: MatcherName = "regex",
    semantic_threshold: float = DEFAULT_THRESHOLD,
    pairs: Path | None = PAIRS,
) -> EvalRun:
    """Brief and score every case; cases run `concurrency` at a time against one model.

    Facts are found by `matcher`, which is then checked on the hand-labelled `pairs`.
    progress(done, total, message) is called as each case finishes (done 0 for notices).
    """
    report = progress or (lambda done, total, message: None)

    def say(message: str) -> None:
        report(0, len(cases), message)

    cassettes = mode == "replay" or record
    if cassettes and concurrency > 1:
        # A cassette patches the HTTP client process-wide: one case at a time.
        say("cassettes in use: running one case at a time")
        concurrency = 1
    gate = asyncio.Semaphore(concurrency)
    done = 0

    if mode == "replay":
        # A request missing from a cassette must stop the run, not become an extractive brief.
        settings = settings.model_copy(update={"fallback": False, "max_retries": 0})
    async with _model_for(mode, settings) as model:
        match = _matcher(matcher, model, settings, semantic_threshold)

        async def one(case: Case) -> CaseResult:
            nonlocal done
            async with gate:
                if cassettes:
                    # Fresh priors per case, so a replay asks exactly what was recorded.
                    model.priors.clear()
                result = await _run_one(case, model, settings, mode, record, match)
            done += 1
            recall = result.score.fact_recall
            shown = "unmeasured" if recall is None else f"{recall:.0%}"
            report(done, len(cases), f"{case.name}: recall {shown} in {result.latency_ms / 1000:.1f} s")
            return result

        results = list(await asyncio.gather(*(one(c) for c in cases)))
        if pairs is None or not pairs.exists():
            return EvalRun(results, None)
        seeds = [load_case(PAIRS_CASE)]
        if isinstance(match, LLMJudge):
            if cassettes:
                model.priors.clear()
            with _cassette("judge/scorer_pairs", mode, record, _JUDGE_RECORD):
                await match.prepare((fact, claim) for fact, claim, _ in labelled_pairs(pairs, seeds))
        precision, recall, n = scorer_agreement(pairs, seeds, match)
        check: dict[str, Any] = {"matcher": matcher, "precision": precision, "recall": recall, "n": n}
        if isinstance(match, LLMJudge):
            check |= {"judge_calls": match.calls, "judge_failures": match.failures}
        return EvalRun(results, check)


def _matcher(name: MatcherName, model: Model, settings: Settings, threshold: float) -> Matcher:
    if name == "semantic":
        return SemanticMatcher(minilm_encoder(settings.model_dir), threshold)
    if name == "judge":
        return LLMJudge(model, settings.prompts_dir, settings.deadline_s)
    return regex_matcher
