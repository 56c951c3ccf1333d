"""Real traffic of the embedded model, recorded once and replayed offline.

Replay (the default, `--record-mode=none`) needs no model runtime. To re-record after a prompt
or pipeline change, with the 'local' extra installed:

    .venv/bin/python -m pytest tests/test_cassettes.py --record-mode=rewrite

A model request that is not in the cassette fails the test with that command (recorded_or_fail).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from vcr.errors import CannotOverwriteExistingCassetteException

from service.bench.soak import SPLIT_REPORT
from service.briefing import make_brief
from service.errors import ModelFailed
from service.evals.runner import REPLAY_URL, cassette_config
from service.llm import ModelError, OpenAIModel, capabilities_for
from service.schema import BriefRequest, Document
from service.settings import Settings

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
# A report older than the seeds that leaves their security guarantees undecided: the model is asked.
DOCS = {"split": SPLIT_REPORT.read_text()} | {p.stem[:3]: p.read_text() for p in SEEDS}
RERECORD = "python -m pytest tests/test_cassettes.py --record-mode=rewrite"  # as in README, Tests


def _replay_miss(error: BaseException) -> str | None:
    """What shows that a request found no recording: vcrpy's refusal, or the replay address refusing.

    The pipeline may drop the cause chain (judge raises a task group's first error `from None`),
    and then only the connection error remains: nothing listens at REPLAY_URL, so in replay a
    refused connection means the cassette had no answer.
    """
    seen: list[BaseException] = [error]
    while seen:
        e = seen.pop()
        if isinstance(e, CannotOverwriteExistingCassetteException):
            return str(e).splitlines()[0]
        if isinstance(e, ModelError | ModelFailed) and "unreachable" in str(e):
            return f"{e}; nothing listens at {REPLAY_URL}, so the cassette had no answer"
        seen += [c for c in (e.__cause__, e.__context__) if c is not None]
        seen += list(e.exceptions) if isinstance(e, BaseExceptionGroup) else []
    return None


@contextlib.contextmanager
def recorded_or_fail() -> Iterator[None]:
    """Turn a model request missing from the cassette into a failure naming the re-record command."""
    try:
        yield
    except Exception as e:
        miss = _replay_miss(e)
        if miss is None:
            raise
        pytest.fail(
            "a model request is not in the cassette: the prompts or the pipeline changed since it was "
            f"recorded. Re-record with the 'local' extra installed: {RERECORD}\n({miss})",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def vcr_config() -> dict:
    config = cassette_config("none")
    del config["record_mode"]  # pytest-recording's --record-mode decides
    return config


@pytest.fixture
async def model_url(request: pytest.FixtureRequest):
    """The embedded server while recording; an address nothing answers on while replaying."""
    if request.config.getoption("--record-mode") in (None, "none"):
        yield REPLAY_URL
        return
    from service.local_model import EmbeddedServer

    async with EmbeddedServer(Settings()) as server:
        yield server.base_url


@pytest.mark.vcr
async def test_seed_brief_from_recorded_model_traffic(model_url: str) -> None:
    # No fallback: a request missing from the cassette must fail, not become an extractive brief.
    settings = Settings(base_url=model_url, max_retries=0, fallback=False)
    model = OpenAIModel(settings, model_url, capabilities_for(settings, embedded=True))
    request = BriefRequest(documents=[Document(id=k, text=v) for k, v in DOCS.items()])
    try:
        with recorded_or_fail():
            brief = await make_brief(request, model, settings)
    finally:
        await model.close()

    assert brief.meta.method == "llm", brief.warnings
    # The model is asked where an issue stands when the sources are split on it: the prior once
    # (top log-probabilities), then one biased pick per question.
    assert brief.meta.model_calls >= 2
    sources = DOCS
    claims = brief.claims()
    for claim in claims:
        for c in claim.citations:
            assert c.quote in sources[c.doc_id], c
    assert {p.party for p in brief.parties} >= {"Russia", "Ukraine", "United States"}
    assert {i.issue for i in brief.issues} >= {"territory", "zaporizhzhia", "peacekeepers"}
    assert brief.meta.claim_words * 5 <= brief.meta.source_words
    falsehood = re.compile(r"ukrain\w* (?:has )?agreed to (?:withdraw|cede)", re.IGNORECASE)
    assert not any(falsehood.search(c.text) for c in claims)


def test_post_brief_over_http_on_recorded_model_traffic_then_from_the_cache() -> None:
    # The API in a thread of this process (so vcrpy answers its model calls) on real loopback HTTP.
    import httpx
    import vcr

    from service.api import create_app
    from tests.live_server import live_server

    cassette = (
        Path(__file__).parent
        / "cassettes"
        / "test_cassettes"
        / ("test_seed_brief_from_recorded_model_traffic.yaml")
    )
    settings = Settings(base_url=REPLAY_URL, max_retries=0, fallback=False)
    model = OpenAIModel(settings, REPLAY_URL, capabilities_for(settings, embedded=True))
    body = {"documents": [{"id": k, "text": v} for k, v in DOCS.items()]}
    # The test's own calls to the API pass through; only the model's calls come from the tape.
    config = cassette_config("none") | {"before_record_request": lambda r: None if r.path == "/brief" else r}
    tape_of = vcr.VCR(**config).use_cassette(str(cassette))
    try:
        with tape_of as tape, live_server(create_app(settings, model)) as url:
            first = httpx.post(f"{url}/brief", json=body, timeout=120)
            replayed = tape.play_count
            again = httpx.post(f"{url}/brief", json=body, timeout=120)
    finally:
        asyncio.run(model.close())  # the server's loop is gone: close the client on a new one
    assert first.status_code == 200, f"{first.text[:300]} (re-record with: {RERECORD})"
    assert first.json()["meta"]["method"] == "llm" and replayed >= 2
    assert first.headers["x-brief-cache"] == "miss"
    # The same request again: the stored brief, with no model call.
    assert again.status_code == 200 and again.headers["x-brief-cache"] == "hit"
    assert again.json() == first.json() and tape.play_count == replayed
