"""Real traffic of the embedded model, recorded once and replayed offline.

Replay (the default, `--record-mode=none`) needs no model runtime. To re-record after a prompt
or pipeline change, with the 'local' extra installed:

    .venv/bin/python -m pytest tests/test_cassettes.py --record-mode=rewrite
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.briefing import make_brief
from service.evals.runner import REPLAY_URL, cassette_config
from service.llm import OpenAIModel, capabilities_for
from service.schema import BriefRequest, Document
from service.settings import Settings

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


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
    settings = Settings(base_url=model_url, max_retries=0)
    model = OpenAIModel(settings, model_url, capabilities_for(settings, embedded=True))
    request = BriefRequest(documents=[Document(id=p.stem[:3], text=p.read_text()) for p in SEEDS])
    try:
        brief = await make_brief(request, model, settings)
    finally:
        await model.close()

    assert brief.meta.method == "llm", brief.warnings
    assert brief.meta.model_calls > 10
    sources = {p.stem[:3]: p.read_text() for p in SEEDS}
    claims = brief.claims()
    for claim in claims:
        for c in claim.citations:
            assert c.quote in sources[c.doc_id], c
    assert {p.party for p in brief.parties} >= {"Russia", "Ukraine", "United States"}
    assert {i.issue for i in brief.issues} >= {"territory", "zaporizhzhia", "peacekeepers"}
    assert brief.meta.claim_words * 3 <= brief.meta.source_words
    falsehood = re.compile(r"ukrain\w* (?:has )?agreed to (?:withdraw|cede)", re.IGNORECASE)
    assert not any(falsehood.search(c.text) for c in claims)
