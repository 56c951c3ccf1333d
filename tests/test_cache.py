"""The brief cache: what its key depends on, the in-process store, and the API over real HTTP."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

import service.cache as cache_module
from service.cache import BriefCache, MemoryStore, brief_key
from service.llm import ModelError
from service.schema import Brief, BriefRequest
from service.settings import PROJECT_ROOT, Settings
from tests.fakes import FakeModel
from tests.served import SEED_TEXT, seeds_request

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


def test_whitespace_and_unicode_forms_keep_the_key() -> None:
    text = SEED_TEXT[SEED_IDS[0]] + " Café talks."
    spaced = "\r\n\n  " + text.replace(". ", ".   ").replace("\n", " \n\n") + "\n\n\t"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    model = FakeModel()
    base = key_of(one_seed(0, text), model)
    assert base is not None
    assert key_of(one_seed(0, spaced), model) == base
    assert key_of(one_seed(0, decomposed), model) == base


def test_a_changed_word_changes_the_key() -> None:
    text = SEED_TEXT[SEED_IDS[0]]
    word = next(w for w in text.split() if len(w) > 6)
    changed = text.replace(word, word.upper(), 1)
    assert key_of(one_seed(0, changed), FakeModel()) != key_of(one_seed(0), FakeModel())


def test_document_metadata_is_part_of_the_key() -> None:
    payload = one_seed(0)
    titled = {"documents": [{**payload["documents"][0], "title": "Another headline"}]}
    assert key_of(titled, FakeModel()) != key_of(payload, FakeModel())


def test_topic_changes_the_key(prompts_dir: Path) -> None:
    payload = one_seed(0)
    default = key_of(payload, FakeModel())
    assert key_of({**payload, "topic": "ukraine_peace_talks"}, FakeModel()) == default
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
    monkeypatch.setattr(cache_module, "SCHEMA_VERSION", "999")
    assert key_of(payload, FakeModel()) != base


def test_an_unknown_topic_has_no_key() -> None:
    assert key_of({**one_seed(0), "topic": "no_such_topic"}, FakeModel()) is None


# --- the store ------------------------------------------------------------------------------


async def test_memory_store_evicts_the_least_recently_used() -> None:
    store = MemoryStore(max_entries=2, ttl_s=60)
    await store.set("a", "A")
    await store.set("b", "B")
    assert await store.get("a") == "A"  # a is now the most recently used
    await store.set("c", "C")
    assert (await store.get("a"), await store.get("b"), await store.get("c")) == ("A", None, "C")


class BrokenStore:
    """A store whose every operation fails, as a cache server that went away."""

    async def get(self, key: str) -> str | None:
        raise ConnectionError("cache server gone")

    async def set(self, key: str, value: str) -> None:
        raise ConnectionError("cache server gone")

    async def close(self) -> None:
        pass


async def test_store_failures_are_misses_counted_and_logged(caplog) -> None:
    registry = CollectorRegistry()
    cache = BriefCache(BrokenStore(), registry)
    brief = Brief.model_validate(
        {"topic": "t", "as_of": None, "summary": [], "parties": [], "issues": [], "sources": [],
         "meta": {"model": None, "prompt_version": "none", "method": "extractive"}}
    )  # fmt: skip
    assert await cache.get("k") is None
    await cache.put("k", brief)
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "get"}) == 1
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "set"}) == 1
    assert registry.get_sample_value("brief_cache_lookups_total", {"result": "miss"}) == 1
    assert [r.levelname for r in caplog.records if "cache server gone" in r.getMessage()] == [
        "WARNING",
        "WARNING",
    ]


async def test_an_unreadable_entry_is_a_miss() -> None:
    store = MemoryStore(max_entries=4, ttl_s=60)
    await store.set("k", '{"not": "a brief"}')
    registry = CollectorRegistry()
    assert await BriefCache(store, registry).get("k") is None
    assert registry.get_sample_value("brief_cache_errors_total", {"operation": "get"}) == 1


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


def test_whitespace_variant_of_a_request_is_a_hit(serve) -> None:
    client = serve(FakeModel())
    assert client.post("/brief", json=one_seed(1)).headers["x-brief-cache"] == "miss"
    spaced = "  " + SEED_TEXT[SEED_IDS[1]].replace("\n", "\n\n   ") + "  \n"
    r = client.post("/brief", json=one_seed(1, spaced))
    assert r.status_code == 200 and r.headers["x-brief-cache"] == "hit"


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
