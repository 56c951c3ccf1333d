"""make_brief end to end on the five seed articles, with a FakeModel in place of the model."""

from __future__ import annotations

import re

import pytest

from service.briefing import make_brief
from service.compose import word_count, wording
from service.errors import DeadlinePassed, InputError, ModelFailed
from service.ingest import ingest
from service.llm import Capabilities, DeadlineExceeded, ModelError
from service.schema import Brief, BriefRequest, Document
from service.segment import segment
from service.settings import PROJECT_ROOT, Settings
from service.topic import TopicError, load_profile
from tests.fakes import FakeModel

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
RAW = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}
PARTIES = {"Russia", "Ukraine", "United States"}
# Option scoring without logit bias: every choice goes through score() and the calibration
# against the empty-input prior, which preferring() below accounts for.
CAPS = Capabilities(option_scoring=True, option_bias=False, structured_output="json_object")


def fake(**kwargs) -> FakeModel:
    return FakeModel(capabilities=CAPS, **kwargs)


def settings(**overrides) -> Settings:
    values = {
        "prompts_dir": PROJECT_ROOT / "prompts",
        "topic": "ukraine_peace_talks",
        "use_model": True,
        "fallback": True,
        "max_claim_ratio": 0.30,
        "deadline_s": 60.0,
        "model_concurrency": 1,
    }
    return Settings(**(values | overrides))


def seeds_request(**extra) -> BriefRequest:
    return BriefRequest(documents=[Document(id=k, text=v) for k, v in RAW.items()], **extra)


def is_empty_input(prompt: str) -> bool:
    """The calibration prompts: the attribution prompt with no sentence, the status one with no issue."""
    return prompt.rstrip().endswith('Sentence: ""\nPosition of:') or 'Issue: ""' in prompt


def preferring(party: str = "none", status: str = "agreed"):
    """A prefer() choosing `party` (else "none") for every sentence and `status` for every issue."""

    def prefer(prompt: str, options: list[str]) -> int:
        names = [o.strip() for o in options]
        if is_empty_input(prompt):
            return 0
        if "none" in names:  # attribution: the party if the sentence names it, else none
            return names.index(party if party in names else "none")
        return names.index(status) if status in names else 0

    return prefer


def positions(brief: Brief):
    return [p for i in brief.issues for p in i.positions]


def claimed_parties(brief: Brief) -> set[str]:
    return {p.party for p in positions(brief)} | {p.party for p in brief.parties if p.claims}


@pytest.fixture(scope="module")
def cleaned():
    docs = ingest([Document(id=k, text=v) for k, v in RAW.items()])
    return {d.doc_id: d for d in docs}, {s.id: s for d in docs for s in segment(d)}


@pytest.fixture
async def brief_and_model():
    model = fake()
    return await make_brief(seeds_request(), model, settings()), model


async def test_every_quote_is_verbatim_in_the_cleaned_text_and_in_the_seed_file(brief_and_model, cleaned):
    brief, _ = brief_and_model
    documents, sentences = cleaned
    claims = brief.claims()
    assert len(claims) >= 5
    for claim in claims:
        for c in claim.citations:
            s = sentences[c.sentence_id]
            assert s.doc_id == c.doc_id
            assert c.quote and c.quote in documents[c.doc_id].text[s.start : s.end]
            assert c.quote in RAW[c.doc_id]
        # Claims are the sources' own words, at most without a content-free opener.
        assert claim.text in {wording(c.quote) for c in claim.citations}


async def test_parties_and_issues_of_the_seeds(brief_and_model):
    brief, _ = brief_and_model
    assert brief.topic == "ukraine_peace_talks"
    assert [p.party for p in brief.parties] == ["Russia", "Ukraine", "United States"]
    assert claimed_parties(brief) >= PARTIES
    issues = {i.issue for i in brief.issues}
    assert {"territory", "zaporizhzhia", "peacekeepers"} <= issues
    for issue in brief.issues:
        assert issue.status_basis or issue.positions
    assert [s.doc_id for s in brief.sources] == list(RAW)


async def test_claims_stay_within_thirty_percent_of_the_sources(brief_and_model, cleaned):
    brief, _ = brief_and_model
    documents, _ = cleaned
    assert brief.meta.source_words == sum(word_count(d.text) for d in documents.values())
    assert brief.meta.source_words == sum(s.words for s in brief.sources)
    assert brief.meta.source_words < sum(word_count(t) for t in RAW.values())  # boilerplate gone
    assert brief.meta.claim_words == sum(word_count(c.text) for c in brief.claims())
    assert 0 < brief.meta.claim_words <= 0.30 * brief.meta.source_words


async def test_no_claim_says_ukraine_agreed_to_withdraw(brief_and_model):
    brief, _ = brief_and_model
    for claim in brief.claims():
        text = claim.text.lower()
        assert not (re.search(r"\b(?:ukrain\w*|kyiv)\b", text) and "agree" in text and "withdraw" in text)
    assert brief.meta.dropped_claims == 0 and brief.warnings == []


async def test_meta_records_the_model_step(brief_and_model):
    brief, model = brief_and_model
    assert brief.meta.method == "llm"
    assert brief.meta.model == "fake-model"
    assert brief.meta.prompt_version == "attribute.v1+status.v1"
    assert brief.meta.model_calls == len(model.calls) > 0
    assert all(kind == "score" for kind, _ in model.calls)


async def test_model_off_makes_no_calls_and_is_extractive():
    model = fake()
    brief = await make_brief(seeds_request(options={"use_model": False}), model, settings())
    assert model.calls == []
    assert brief.meta.method == "extractive"
    assert brief.meta.model is None and brief.meta.model_calls == 0
    assert brief.meta.prompt_version == "none"
    assert any("model step off" in w for w in brief.warnings)
    assert all(i.status == "unknown" for i in brief.issues)
    assert claimed_parties(brief) >= PARTIES


async def test_model_off_in_settings_makes_no_calls_either():
    model = fake()
    brief = await make_brief(seeds_request(), model, settings(use_model=False))
    assert model.calls == [] and brief.meta.method == "extractive"


async def test_a_model_that_attributes_nothing_leaves_positions_empty():
    model = fake(prefer=preferring(party="none", status="still divided"))
    brief = await make_brief(seeds_request(), model, settings())
    assert brief.meta.method == "llm"
    assert positions(brief) == []
    assert all(not p.claims for p in brief.parties)
    assert brief.summary, "unattributed multi-issue sentences lead the brief"
    assert sum(len(i.status_basis) for i in brief.issues) >= 5
    assert {"territory", "zaporizhzhia", "peacekeepers"} <= {i.issue for i in brief.issues if i.status_basis}
    # "still divided" wherever the reports support it; the energy pause's reports only say agreed.
    statuses = {i.issue: i.status for i in brief.issues}
    assert statuses["territory"] == statuses["peacekeepers"] == "open"
    assert statuses["energy_pause"] == "agreed"


async def test_attribution_follows_the_model():
    model = fake(prefer=preferring(party="Ukraine", status="getting closer"))
    brief = await make_brief(seeds_request(), model, settings())
    assert {p.party for p in positions(brief)} == {"Ukraine"}
    # The model's "getting closer" stands where reports speak of progress, never where they
    # only speak of dispute: a status the sources do not support is not the model's to give.
    statuses = {i.issue: i.status for i in brief.issues}
    assert statuses["process"] == "narrowing"
    assert statuses["territory"] == "open"


async def test_a_failing_model_falls_back_to_an_extractive_brief():
    model = fake(fail=ModelError("upstream down"))
    brief = await make_brief(seeds_request(), model, settings(fallback=True))
    assert model.calls  # it was asked
    assert brief.meta.method == "extractive"
    assert any("model step failed" in w and "upstream down" in w for w in brief.warnings)
    assert brief.claims() and claimed_parties(brief) >= PARTIES


async def test_a_failing_model_without_fallback_raises_model_failed():
    with pytest.raises(ModelFailed, match="upstream down"):
        await make_brief(seeds_request(), fake(fail=ModelError("upstream down")), settings(fallback=False))


async def test_a_model_past_its_deadline_without_fallback_raises_deadline_passed():
    with pytest.raises(DeadlinePassed):
        await make_brief(seeds_request(), fake(fail=DeadlineExceeded("late")), settings(fallback=False))


async def test_documents_without_topic_words_are_an_input_error_naming_topic():
    request = BriefRequest(
        documents=[
            Document(text="The bakery on Elm Street sells fresh bread every morning."),
            Document(text="Customers queue before dawn for croissants and coffee."),
        ]
    )
    model = fake()
    with pytest.raises(InputError) as err:
        await make_brief(request, model, settings())
    assert err.value.field == "topic"
    assert "topic" in str(err.value) and "ukraine_peace_talks" in str(err.value)
    assert model.calls == []


async def test_an_unknown_topic_is_a_topic_error():
    with pytest.raises(TopicError, match="known profiles"):
        await make_brief(seeds_request(topic="no_such_topic"), fake(), settings())


async def test_an_inline_topic_is_used():
    default = load_profile(None, PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")
    inline = default.model_dump()
    inline["name"] = "two_sides"
    inline["parties"] = [p for p in inline["parties"] if p["name"] != "United States"]
    inline["examples"] = [e for e in inline["examples"] if e["party"] != "United States"]
    brief = await make_brief(seeds_request(topic=inline, options={"use_model": False}), None, settings())
    assert brief.topic == "two_sides"
    assert [p.party for p in brief.parties] == ["Russia", "Ukraine"]
    assert claimed_parties(brief) == {"Russia", "Ukraine"}


async def test_the_brief_is_deterministic():
    first = await make_brief(seeds_request(), fake(), settings())
    second = await make_brief(seeds_request(), fake(), settings())
    a, b = first.model_dump(mode="json"), second.model_dump(mode="json")
    a["meta"].pop("latency_ms"), b["meta"].pop("latency_ms")
    assert a == b
