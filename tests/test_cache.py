"""The brief cache: what its key depends on, the in-process store, and the API over real HTTP."""

from __future__ import annotations

import asyncio
import importlib.metadata
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import CollectorRegistry

import service.cache as cache_module
from service.cache import BriefCache, MemoryStore, brief_key
from service.llm import Capabilities, ModelError
from service.schema import Brief, BriefRequest
from service.settings import PROJECT_ROOT, Settings
from tests.fakes import FakeModel
from tests.served import SEED_TEXT, assert_verified, seeds_request

# The API tests' fixtures: each app under uvicorn on a free loopback port; no BRIEF_* from the shell.

SEED_IDS = sorted(SEED_TEXT)
# The model is asked only where the claims support more than one status: the five seeds do.
ASKS_THE_MODEL = seeds_request()


def model_calls(model: FakeModel) -> int:
    """Calls the pipeline made (readiness probes aside)."""
    return sum(kind != "ready" for kind, _ in model.calls)


def one_seed(i: int, text: str | None = None) -> dict[str, Any]:
    """A POST /brief body with seed number i alone."""
    doc_id = SEED_IDS[i]
    return {"documents": [{"id": doc_id, "text": SEED_TEXT[doc_id] if text is None else text}]}


def as_html(text: str) -> str:
    """The text as an article page, a paragraph a line."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return f"<html><body><article>{paragraphs}</article></body></html>"


def metric(client, name: str) -> float:
    """The value of one sample line of /metrics."""
    line = next(x for x in client.get("/metrics").text.splitlines() if x.startswith(name + " "))
    return float(line.split()[1])


# --- the key --------------------------------------------------------------------------------


@pytest.fixture
def prompts_dir(tmp_path: Path) -> Path:
    """A copy of the project's prompts, to add versions to."""
    return Path(shutil.copytree(PROJECT_ROOT / "prompts", tmp_path / "prompts"))


def key_of(payload: dict[str, Any], model: FakeModel | None = None, **overrides: Any) -> str | None:
    return brief_key(BriefRequest.model_validate(payload), Settings(**overrides), model)


def test_whitespace_and_unicode_forms_change_the_key() -> None:
    # Sentence ids follow the line breaks and quotes must be verbatim: a hit across either
    # difference would cite the wrong sentence, or a quote the text does not contain.
    text = SEED_TEXT[SEED_IDS[0]] + " Café talks."
    one_line = " ".join(text.split())
    spaced = text.replace(". ", ".  ")
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    model = FakeModel()
    keys = [key_of(one_seed(0, t), model) for t in (text, one_line, spaced, decomposed)]
    assert None not in keys and len(set(keys)) == 4
    assert key_of(one_seed(0, text), model) == keys[0]


def test_code_version_changes_the_key(monkeypatch) -> None:
    payload = one_seed(0)
    base = key_of(payload, FakeModel())
    monkeypatch.setattr(cache_module, "code_version", lambda: "0.1.0 another-build")
    assert key_of(payload, FakeModel()) != base


def test_code_version_follows_the_sources(tmp_path: Path) -> None:
    package = tmp_path / "service"
    shutil.copytree(PROJECT_ROOT / "service", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_module.sources_digest(package)
    assert cache_module.sources_digest(package) == before
    (package / "compose.py").write_text((package / "compose.py").read_text() + "\n# another rule\n")
    assert cache_module.sources_digest(package) != before
    release = importlib.metadata.version("brief")
    assert cache_module.code_version().startswith(release + " ")  # the release, then the sources


def test_tenant_changes_the_key() -> None:
    request, settings, model = BriefRequest.model_validate(one_seed(0)), Settings(), FakeModel()
    keys = [brief_key(request, settings, model, tenant) for tenant in (None, "key-a", "key-b")]
    assert len(set(keys)) == 3
    assert brief_key(request, settings, model, "key-a") == keys[1]


def test_with_no_topic_every_built_in_profile_is_in_the_key(tmp_path) -> None:
    # The pipeline picks among the built-in profiles: editing any of them must not serve the old brief.
    shutil.copytree(Settings().prompts_dir, tmp_path / "prompts")
    settings = Settings(prompts_dir=tmp_path / "prompts")
    no_topic = BriefRequest.model_validate(one_seed(0))
    named = BriefRequest.model_validate(one_seed(0) | {"topic": "ukraine_peace_talks"})
    before = [brief_key(r, settings, None) for r in (no_topic, named)]
    other = tmp_path / "prompts" / "topics" / "port_strike.yaml"
    other.write_text(other.read_text().replace("title: ", "title: Edited ", 1), encoding="utf-8")
    after = [brief_key(r, settings, None) for r in (no_topic, named)]
    assert after[0] != before[0]  # no topic: another profile changed what may be picked
    assert after[1] == before[1]  # a named topic: only that profile counts


def test_with_a_server_default_topic_only_that_profile_is_in_the_key(tmp_path) -> None:
    """A server configured with a topic briefs with that profile: only its edits change the key."""
    shutil.copytree(Settings().prompts_dir, tmp_path / "prompts")
    settings = Settings(prompts_dir=tmp_path / "prompts", topic="ukraine_peace_talks")
    request = BriefRequest.model_validate(one_seed(0))
    before = brief_key(request, settings, None)
    assert before is not None
    topics = tmp_path / "prompts" / "topics"
    for name, changes in [("port_strike", False), ("ukraine_peace_talks", True)]:
        profile = topics / f"{name}.yaml"
        profile.write_text(profile.read_text().replace("title: ", "title: Edited ", 1), encoding="utf-8")
        assert (brief_key(request, settings, None) != before) is changes, name


def test_an_unknown_server_default_topic_has_no_key() -> None:
    """A server default topic that names no profile leaves the request to the pipeline's error."""
    assert key_of(one_seed(0), FakeModel(), topic="no_such_topic") is None


def test_an_inline_profiles_status_cues_in_another_order_share_the_key() -> None:
    """The order of an inline profile's status cues shapes nothing: the same key either way."""
    profile = yaml.safe_load((PROJECT_ROOT / "prompts" / "topics" / "port_strike.yaml").read_text())
    cues = {"agreed": ["signed"], "open": ["stalled"], "narrowing": ["closer"]}
    keys = {
        key_of(one_seed(0) | {"topic": profile | {"status_cues": dict(order)}}, FakeModel())
        for order in (list(cues.items()), list(reversed(cues.items())))
    }
    assert len(keys) == 1 and None not in keys


@pytest.mark.parametrize(
    "published",
    [("2026-01-29", "2026-01-30"), ("2026-01-29", "2026-01-29T12:00:00Z"), ("2026-01-29T12:00:00Z", None)],
)
def test_the_publication_date_is_part_of_the_key(published: tuple[str | None, str | None]) -> None:
    """Documents that differ only in their date (or in having one) get different keys."""
    doc = one_seed(0)["documents"][0]
    keys = [key_of({"documents": [doc | {"published": p}]}, FakeModel()) for p in published]
    assert None not in keys and keys[0] != keys[1]


def test_a_changed_word_changes_the_key() -> None:
    text = SEED_TEXT[SEED_IDS[0]]
    word = next(w for w in text.split() if len(w) > 6)
    changed = text.replace(word, word.upper(), 1)
    assert key_of(one_seed(0, changed), FakeModel()) != key_of(one_seed(0), FakeModel())


@pytest.mark.parametrize("field", ["text", "html"])
def test_each_document_body_is_part_of_the_key(field: str) -> None:
    """Two pages that differ only in their body, given as text or as HTML, get different keys."""
    bodies = [SEED_TEXT[SEED_IDS[0]], SEED_TEXT[SEED_IDS[1]]]
    if field == "html":
        bodies = [as_html(b) for b in bodies]
    keys = [key_of({"documents": [{"id": "page", field: b}]}, FakeModel()) for b in bodies]
    assert None not in keys and keys[0] != keys[1]


def test_the_models_capabilities_are_part_of_the_key() -> None:
    """One model name on servers with other capabilities takes another path: another brief."""
    payload = one_seed(0)
    capabilities = [
        Capabilities(option_scoring=True, option_bias=False, structured_output="json_object"),
        Capabilities(option_scoring=False, option_bias=False, structured_output="json_object"),
        Capabilities(option_scoring=True, option_bias=True, structured_output="json_object"),
        Capabilities(option_scoring=True, option_bias=False, structured_output="json_schema"),
    ]
    keys = {key_of(payload, FakeModel(capabilities=c)) for c in capabilities}
    assert len(keys) == len(capabilities)


def test_document_metadata_is_part_of_the_key() -> None:
    payload = one_seed(0)
    titled = {"documents": [{**payload["documents"][0], "title": "Another headline"}]}
    assert key_of(titled, FakeModel()) != key_of(payload, FakeModel())


def test_topic_changes_the_key(prompts_dir: Path) -> None:
    payload = one_seed(0)
    default = key_of(payload, FakeModel())
    # With no topic the brief says which profile it picked: not the brief of a named topic.
    assert key_of({**payload, "topic": "ukraine_peace_talks"}, FakeModel()) != default
    assert key_of({**payload, "topic": "port_strike"}, FakeModel()) != default
    # The profile's content counts, not its name: an edited alias is another key.
    profile = prompts_dir / "topics" / "ukraine_peace_talks.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Peskov", "Peskov, Lavrov"))
    assert key_of(payload, FakeModel(), prompts_dir=prompts_dir) != default


def test_model_and_its_use_change_the_key() -> None:
    payload = one_seed(0)
    keys = {
        key_of(payload, FakeModel(name="model-a")),
        key_of(payload, FakeModel(name="model-b")),
        key_of(payload, None),
    }
    assert len(keys) == 3


def test_prompt_version_changes_the_key_only_when_the_model_is_used(prompts_dir: Path) -> None:
    payload = one_seed(0)
    before = key_of(payload, FakeModel(), prompts_dir=prompts_dir)
    without_model = key_of(payload, None, prompts_dir=prompts_dir)
    source = (prompts_dir / "attribute.v1.j2").read_text(encoding="utf-8")
    (prompts_dir / "attribute.v2.j2").write_text(source + "\n", encoding="utf-8")
    assert key_of(payload, FakeModel(), prompts_dir=prompts_dir) != before
    assert key_of(payload, None, prompts_dir=prompts_dir) == without_model


def test_schema_version_and_claim_budget_change_the_key(monkeypatch) -> None:
    payload = one_seed(0)
    base = key_of(payload, FakeModel())
    assert key_of(payload, FakeModel(), max_claim_ratio=0.3) != base
    assert key_of(payload, FakeModel(), min_claim_words=80) != base
    monkeypatch.setattr(cache_module, "SCHEMA_VERSION", "999")
    assert key_of(payload, FakeModel()) != base


def test_an_unknown_topic_has_no_key() -> None:
    assert key_of({**one_seed(0), "topic": "no_such_topic"}, FakeModel()) is None


# --- the store ------------------------------------------------------------------------------


async def test_memory_store_evicts_the_least_recently_used() -> None:
    store = MemoryStore(max_entries=2, ttl_s=60, max_bytes=1_000_000)
    await store.set("a", "A")
    await store.set("b", "B")
    assert await store.get("a") == "A"  # a is now the most recently used
    await store.set("c", "C")
    assert (await store.get("a"), await store.get("b"), await store.get("c")) == ("A", None, "C")


async def test_memory_store_is_bounded_in_bytes() -> None:
    brief = "x" * 1000
    size = sys.getsizeof(brief)
    store = MemoryStore(max_entries=100, ttl_s=60, max_bytes=2 * size + size // 2)
    await store.set("a", brief)
    await store.set("b", brief)
    assert await store.get("a") == brief  # a is now the most recently used
    await store.set("c", brief)  # two fit, not three: b goes
    assert [await store.get(k) is not None for k in "abc"] == [True, False, True]
    # A brief over the bound is not kept, and costs the others nothing.
    await store.set("huge", "x" * 3 * size)
    assert [await store.get(k) is not None for k in ("a", "c", "huge")] == [True, True, False]


class BrokenStore:
    """A store whose every operation fails, as a cache server that went away."""

    async def get(self, key: str) -> str | None:
        raise ConnectionError("cache server gone")

    async def set(self, key: str, value: str) -> None:
        raise ConnectionError("cache server gone")

    async def close(self) -> None:
        pass


EMPTY_BRIEF = Brief.model_validate(
    {"topic": "t", "as_of": None, "summary": [], "parties": [], "issues": [], "sources": [],
     "meta": {"model": None, "prompt_version": "none", "method": "extractive"}}
)  # fmt: skip


async def test_store_failures_are_misses_counted_and_logged(caplog) -> None:
    registry = CollectorRegistry()
    cache = BriefCache(BrokenStore(), registry)
    assert await cache.get("k") is None
    await cache.put("k", EMPTY_BRIEF)  # the breaker is open: the store is not asked
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "get"}) == 1
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "set"}) == 0
    assert registry.get_sample_value("brief_cache_lookups_total", {"result": "miss"}) == 1
    assert [r.levelname for r in caplog.records if "cache server gone" in r.getMessage()] == ["WARNING"]


class Clock:
    """Stands in for the cache module's `time`: seconds pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


class CountingStore(MemoryStore):
    """An in-process store that counts its calls and fails them while `down` is set."""

    def __init__(self) -> None:
        super().__init__(max_entries=16, ttl_s=60, max_bytes=1_000_000)
        self.calls = 0
        self.down = False

    async def get(self, key: str) -> str | None:
        self.calls += 1
        if self.down:
            raise TimeoutError("Timeout reading from 127.0.0.1:6379")
        return await super().get(key)

    async def set(self, key: str, value: str) -> None:
        self.calls += 1
        if self.down:
            raise TimeoutError("Timeout reading from 127.0.0.1:6379")
        await super().set(key, value)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(cache_module, "time", clock)
    return clock


async def test_a_failed_store_is_skipped_for_the_cool_down(clock: Clock, caplog) -> None:
    store = CountingStore()
    registry = CollectorRegistry()
    cache = BriefCache(store, registry, fallback=MemoryStore(max_entries=4, ttl_s=60, max_bytes=1_000_000))
    store.down = True
    assert await cache.get("k") is None
    assert store.calls == 1
    # Open: the next calls use the fallback, and the store is not asked (nor waited for).
    for _ in range(10):
        await cache.put("k", EMPTY_BRIEF)
        assert await cache.get("k") is not None
    clock.now += cache_module.COOLDOWN_S - 1
    assert await cache.get("k") is not None
    assert store.calls == 1
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "get"}) == 1
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "set"}) == 0
    warnings = [r for r in caplog.records if r.name == "brief.cache" and r.levelname == "WARNING"]
    assert len(warnings) == 1 and "Timeout reading" in warnings[0].getMessage()

    # Half-open: one call tries the store; it is still down, so the breaker opens again, quietly.
    clock.now += 2
    assert await cache.get("k") is None
    assert store.calls == 2
    assert await cache.get("k") is not None and store.calls == 2
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) == 1

    # Back: the try succeeds and closes the breaker; the store serves again.
    store.down = False
    clock.now += cache_module.COOLDOWN_S
    assert await cache.get("k") is None  # the store never got the brief the fallback kept
    await cache.put("k", EMPTY_BRIEF)
    assert await cache.get("k") is not None
    assert store.calls == 5


async def test_one_call_at_a_time_tries_the_store_again(clock: Clock) -> None:
    store = CountingStore()
    cache = BriefCache(store, CollectorRegistry())
    store.down = True
    await cache.get("k")
    clock.now += cache_module.COOLDOWN_S
    answer = asyncio.Event()
    original_get = store.get

    async def slow_get(key: str) -> str | None:
        await answer.wait()
        return await original_get(key)

    store.get = slow_get  # type: ignore[method-assign]
    store.down = False
    trying = asyncio.create_task(cache.get("k"))
    await asyncio.sleep(0)  # the try is now waiting on the store
    await cache.put("k", EMPTY_BRIEF)  # not a second try: skipped
    assert store.calls == 1
    answer.set()
    assert await trying is None
    await cache.put("k", EMPTY_BRIEF)  # closed again
    assert store.calls == 3


async def test_an_unreadable_entry_is_a_miss() -> None:
    store = MemoryStore(max_entries=4, ttl_s=60, max_bytes=1_000_000)
    await store.set("k", '{"not": "a brief"}')
    registry = CollectorRegistry()
    cache = BriefCache(store, registry)
    assert await cache.get("k") is None
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "get"}) == 1
    # The store answered: a bad entry does not open the breaker.
    await cache.put("k", EMPTY_BRIEF)
    assert await cache.get("k") is not None


# --- the API --------------------------------------------------------------------------------


def test_a_repeated_request_is_served_from_the_cache(serve) -> None:
    model = FakeModel()
    client = serve(model)
    first = client.post("/brief", json=seeds_request())
    assert first.status_code == 200, first.text
    assert first.headers["x-brief-cache"] == "miss"
    calls = model_calls(model)
    assert calls > 0
    second = client.post("/brief", json=seeds_request())
    assert second.status_code == 200
    assert second.headers["x-brief-cache"] == "hit"
    assert second.json() == first.json()
    assert model_calls(model) == calls  # the model was not asked again
    assert metric(client, 'brief_cache_lookups_total{result="hit"}') == 1
    assert metric(client, 'brief_cache_lookups_total{result="miss"}') == 1
    assert metric(client, "brief_model_calls_total") == calls  # a hit costs no model calls


def test_rewrapped_or_decomposed_text_gets_its_own_brief(serve) -> None:
    client, uncached = serve(FakeModel()), serve(FakeModel(), cache_max_entries=0)

    def citations(response) -> list[tuple[str, str, str]]:
        brief = Brief.model_validate(response.json())
        return [(c.doc_id, c.sentence_id, c.quote) for claim in brief.claims() for c in claim.citations]

    # The name quoted with an accent: an NFC quote is not verbatim in the NFD text.
    text = SEED_TEXT[SEED_IDS[0]].replace("Putin", "Pütin")
    variants = [text, " ".join(text.split()), unicodedata.normalize("NFD", text)]
    for variant in variants:
        r = client.post("/brief", json=one_seed(0, variant))
        assert r.status_code == 200 and r.headers["x-brief-cache"] == "miss"
        assert_verified(Brief.model_validate(r.json()), {SEED_IDS[0]: variant})
        # Sentence ids follow the line breaks: the ids are the ones this text gets uncached.
        assert citations(r) == citations(uncached.post("/brief", json=one_seed(0, variant)))
    assert client.post("/brief", json=one_seed(0, variants[1])).headers["x-brief-cache"] == "hit"


def test_two_html_pages_with_one_id_get_their_own_briefs(serve) -> None:
    """A page sent as HTML is cached by its body: another page under the same id is a miss."""
    client = serve(FakeModel())
    for text in (SEED_TEXT[SEED_IDS[0]], SEED_TEXT[SEED_IDS[1]]):
        r = client.post("/brief", json={"documents": [{"id": "page", "html": as_html(text)}]})
        assert r.status_code == 200, r.text
        assert r.headers["x-brief-cache"] == "miss"
    assert metric(client, 'brief_cache_lookups_total{result="hit"}') == 0


def test_a_brief_over_the_byte_bound_is_not_cached(serve) -> None:
    client = serve(FakeModel(), cache_max_bytes=1000)
    assert [client.post("/brief", json=one_seed(1)).headers["x-brief-cache"] for _ in range(2)] == [
        "miss",
        "miss",
    ]


def test_model_off_and_on_are_cached_apart(serve) -> None:
    client = serve(FakeModel())
    off = client.post("/brief", json={**one_seed(2), "options": {"use_model": False}})
    on = client.post("/brief", json=one_seed(2))
    assert (off.headers["x-brief-cache"], on.headers["x-brief-cache"]) == ("miss", "miss")
    assert (off.json()["meta"]["method"], on.json()["meta"]["method"]) == ("extractive", "llm")
    again = client.post("/brief", json={**one_seed(2), "options": {"use_model": False}})
    assert again.headers["x-brief-cache"] == "hit" and again.json()["meta"]["method"] == "extractive"


def test_a_fallback_brief_is_not_cached_and_the_model_is_asked_again(serve) -> None:
    model = FakeModel(fail=ModelError("down"))
    client = serve(model, fallback=True)
    for _ in range(2):
        before = model_calls(model)
        r = client.post("/brief", json=ASKS_THE_MODEL)
        assert r.status_code == 200 and r.json()["meta"]["method"] == "extractive"
        assert r.headers["x-brief-cache"] == "miss"
        assert model_calls(model) > before
    model.fail = None  # the model is back
    fresh = client.post("/brief", json=ASKS_THE_MODEL)
    assert fresh.headers["x-brief-cache"] == "miss" and fresh.json()["meta"]["method"] == "llm"
    cached = client.post("/brief", json=ASKS_THE_MODEL)
    assert cached.headers["x-brief-cache"] == "hit" and cached.json() == fresh.json()


def test_the_in_process_cache_evicts_the_least_recently_used_brief(serve) -> None:
    client = serve(FakeModel(), cache_max_entries=2)

    def post(i: int) -> str:
        r = client.post("/brief", json=one_seed(i))
        assert r.status_code == 200, r.text
        return r.headers["x-brief-cache"]

    assert [post(0), post(1), post(0)] == ["miss", "miss", "hit"]
    assert post(2) == "miss"  # evicts seed 1, the least recently used
    assert [post(0), post(2), post(1)] == ["hit", "hit", "miss"]


def test_cache_off_makes_every_brief(serve) -> None:
    model = FakeModel()
    client = serve(model, cache_max_entries=0)
    first = client.post("/brief", json=ASKS_THE_MODEL)
    calls = model_calls(model)
    second = client.post("/brief", json=ASKS_THE_MODEL)
    assert "x-brief-cache" not in first.headers and "x-brief-cache" not in second.headers
    assert model_calls(model) > calls  # asked again (fewer calls: the priors are memoised)
    assert "brief_cache_lookups_total" not in client.get("/metrics").text


def test_invalid_requests_are_not_looked_up(serve) -> None:
    client = serve(FakeModel())
    r = client.post("/brief", json={**one_seed(0), "topic": "no_such_topic"})
    assert r.status_code == 422 and "x-brief-cache" not in r.headers
    assert metric(client, 'brief_cache_lookups_total{result="miss"}') == 0


def test_openapi_documents_the_cache_header(serve) -> None:
    spec = serve().get("/openapi.json").json()
    header = spec["paths"]["/brief"]["post"]["responses"]["200"]["headers"]["X-Brief-Cache"]
    assert header["schema"]["enum"] == ["hit", "miss"]


def test_the_shared_status_cue_words_are_part_of_the_key(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(PROJECT_ROOT / "prompts", prompts)
    before = key_of(one_seed(0), None, prompts_dir=prompts)
    cues = prompts / "status_cues.yaml"
    cues.write_text(cues.read_text() + "  - 'stuck'\n")  # one more word for "open"
    assert key_of(one_seed(0), None, prompts_dir=prompts) != before
