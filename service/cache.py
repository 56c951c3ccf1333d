"""The brief cache: finished briefs by a key of everything that shapes them.

The key hashes the request exactly as sent (ingest splits sentences at its line breaks, and
quotes must be verbatim in it, so neither whitespace nor Unicode form is normalised), the
topic profile's content, the prompts' versions, the model and its capabilities, the claim
budget, the schema version, this code's version and, when the caller names one, the tenant.
The store is an in-process LRU bounded in entries and bytes, with a TTL, or Redis when
BRIEF_REDIS_URL is set so replicas share it. The cache is an optimisation, never a dependency:
a store that fails counts as a miss, is logged and counted in /metrics, and the store is
skipped for a cool-down (the in-process LRU stands in for Redis meanwhile).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import sys
import time
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from cachetools import TTLCache
from prometheus_client import CollectorRegistry, Counter

from service.llm import Model
from service.prompts import prompt_versions
from service.schema import SCHEMA_VERSION, Brief, BriefRequest
from service.settings import Settings
from service.status import shared_version as shared_cues_version
from service.topic import TopicError, built_in_profiles, load_profile

log = logging.getLogger("brief.cache")
_PREFIX = "brief:"  # Redis key namespace
# Long enough that a Redis that is down costs one timeout per cool-down, not one per request;
# short enough that a Redis that is back is shared again within a minute.
COOLDOWN_S = 30.0

T = TypeVar("T")


def brief_key(
    request: BriefRequest, settings: Settings, model: Model | None, tenant: str | None = None
) -> str | None:
    """The cache key of the brief `request` would get; None if its topic cannot be loaded.

    `model` is the model the brief will use, None when the model step is off. `tenant` (say the
    caller's bearer key) keeps one tenant's briefs from being hits, and so news, to another.
    A request with no key goes to the pipeline, which raises the error that explains it.
    """
    topics = settings.prompts_dir / "topics"
    try:
        if request.topic or "topic" in settings.model_fields_set:
            topic = load_profile(request.topic, topics, settings.topic).model_dump(mode="json")
        else:
            # With no topic the pipeline picks a built-in profile: any of them may shape the brief.
            topic = [p.model_dump(mode="json") for p in built_in_profiles(topics)]
    except TopicError:
        return None
    documents = [
        d.model_dump(mode="json") | dict(text=_digest(d.text), html=_digest(d.html))
        for d in request.documents
    ]
    used = None  # the model's part: none when the model step is off
    if model is not None:
        used = dict(
            name=model.name,
            capabilities=dataclasses.asdict(model.capabilities),
            prompts=prompt_versions(settings.prompts_dir),
        )
    parts = dict(
        schema=SCHEMA_VERSION,
        code=code_version(),
        tenant=_digest(tenant),
        documents=documents,
        topic=topic,
        # The shared status cue words decide statuses as much as the profile's own.
        status_cues=shared_cues_version(settings.prompts_dir),
        max_claim_ratio=settings.max_claim_ratio,
        min_claim_words=settings.min_claim_words,
        model=used,
    )
    # Every part is JSON already; sorted keys make a mapping's order (say an inline profile's
    # status_cues) no part of the key.
    blob = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _digest(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode()).hexdigest()


@cache
def code_version() -> str:
    """This code's version: the package's release and a digest of its Python sources."""
    try:
        release = importlib.metadata.version("brief")
    except importlib.metadata.PackageNotFoundError:
        release = "unreleased"
    # The release number is not bumped for every change of the rules; the sources are the rules.
    return f"{release} {sources_digest(Path(__file__).parent)}"


def sources_digest(package: Path) -> str:
    """A digest of the .py files under `package`, by path and content."""
    files = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        content = hashlib.sha256(path.read_bytes()).hexdigest()
        files.update(f"{path.relative_to(package).as_posix()}\0{content}\n".encode())
    return files.hexdigest()[:16]


class Store(Protocol):
    """Where cached briefs live: JSON text by key."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """This process's LRU: at most `max_entries` briefs and `max_bytes` of them, each kept `ttl_s` s."""

    def __init__(self, max_entries: int, ttl_s: float, max_bytes: int) -> None:
        self._max_entries = max_entries
        # Sized as the strings' memory, not their length: a non-ASCII brief takes 2-4 bytes a
        # character.
        self._entries: TTLCache[str, str] = TTLCache(maxsize=max_bytes, ttl=ttl_s, getsizeof=sys.getsizeof)

    async def get(self, key: str) -> str | None:
        return self._entries.get(key)

    async def set(self, key: str, value: str) -> None:
        # One brief over the bound would evict every other one and still not fit: keep it out.
        if sys.getsizeof(value) > self._entries.maxsize:
            return
        self._entries[key] = value
        while len(self._entries) > self._max_entries:
            self._entries.popitem()

    async def close(self) -> None:
        self._entries.clear()


class RedisStore:
    """A Redis server shared by replicas; entries expire after `ttl_s` seconds."""

    def __init__(self, url: str, ttl_s: int, timeout_s: float) -> None:
        try:
            import redis.asyncio as redis
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff
            from redis.exceptions import ConnectionError as RedisConnectionError
        except ImportError as e:
            raise RuntimeError(
                "BRIEF_REDIS_URL is set but the redis package is missing: pip install 'brief[redis]'"
            ) from e
        self._ttl_s = ttl_s
        # Short timeouts, and one immediate retry on a refused or reset connection only (a pooled
        # connection may be stale after a Redis restart): a timeout is not retried, so a hung
        # Redis costs one timeout before BriefCache stops asking it.
        self._redis = redis.Redis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
        )

    async def get(self, key: str) -> str | None:
        value = await self._redis.get(_PREFIX + key)
        return value.decode() if value is not None else None

    async def set(self, key: str, value: str) -> None:
        await self._redis.set(_PREFIX + key, value, ex=self._ttl_s)

    async def close(self) -> None:
        await self._redis.aclose()


class BriefCache:
    """Briefs by key over a store, with a circuit breaker: store failures are misses, never errors.

    After a store failure the store is skipped for COOLDOWN_S seconds (`fallback`, if any, serves
    meanwhile); then one call tries it again, and its success closes the breaker.
    """

    def __init__(
        self,
        store: Store,
        registry: CollectorRegistry,
        fallback: Store | None = None,
    ) -> None:
        self.store = store
        self._fallback = fallback
        self._open_until: float | None = None  # None: the breaker is closed
        self._probing = False
        self._lookups = Counter(
            "brief_cache_lookups", "Brief cache lookups by result.", ("result",), registry=registry
        )
        self._errors = Counter(
            "brief_cache_errors",
            "Brief cache store failures, by operation; the brief is made uncached.",
            ("operation",),
            registry=registry,
        )
        for result in ("hit", "miss"):
            self._lookups.labels(result=result)
        for operation in ("get", "set"):
            self._errors.labels(operation=operation)

    async def get(self, key: str) -> tuple[Brief, str] | None:
        """The cached brief and its JSON as stored, or None on a miss or a store failure."""
        value = await self._call("get", lambda store: store.get(key))
        brief = None
        if value is not None:
            try:
                brief = Brief.model_validate_json(value)
            # An entry this version cannot read is a miss; the store itself is fine.
            except ValueError as e:
                self._errors.labels(operation="get").inc()
                log.warning("brief cache entry unreadable (%s); briefing without it", type(e).__name__)
        self._lookups.labels(result="hit" if brief else "miss").inc()
        return (brief, value) if brief is not None and value is not None else None

    async def put(self, key: str, brief: Brief) -> None:
        """Keep the brief; a store failure is logged and counted."""
        value = brief.model_dump_json()
        await self._call("set", lambda store: store.set(key, value))

    async def close(self) -> None:
        """Release the stores' connections."""
        await self.store.close()
        if self._fallback is not None:
            await self._fallback.close()

    async def _call(self, operation: str, call: Callable[[Store], Awaitable[T]]) -> T | None:
        store, probe = self._pick()
        if store is None:
            return None
        try:
            result = await call(store)
        # The stores' errors differ by backend, and none may fail a request.
        except Exception as e:
            self._failed(operation, e, store is self.store)
            return None
        finally:
            if probe:
                self._probing = False
        if probe:
            self._open_until = None
            log.info("brief cache store answers again; using it")
        return result

    def _pick(self) -> tuple[Store | None, bool]:
        """The store to use now, and whether this call is the one that tries it again."""
        if self._open_until is None:
            return self.store, False
        # One call at a time tries the store again: a store still hung costs only that call.
        if time.monotonic() >= self._open_until and not self._probing:
            self._probing = True
            return self.store, True
        return self._fallback, False

    def _failed(self, operation: str, error: Exception, trips: bool) -> None:
        self._errors.labels(operation=operation).inc()
        # The error's type and message name the host and the failure, never the URL's password.
        cause = f"{type(error).__name__}: {error}"
        if not trips:
            log.warning("brief cache %s failed (%s); briefing without the cache", operation, cause)
            return
        was_closed = self._open_until is None
        self._open_until = time.monotonic() + COOLDOWN_S
        # One warning when the breaker opens; calls already waiting on the store when it did,
        # and tries that find it still failing, are not news.
        if was_closed:
            log.warning(
                "brief cache %s failed (%s); briefing without the store for %g s, then trying it again",
                operation,
                cause,
                COOLDOWN_S,
            )
        else:
            log.info("brief cache %s failed again (%s); still briefing without the store", operation, cause)


def open_cache(settings: Settings, registry: CollectorRegistry) -> BriefCache | None:
    """The configured cache: Redis when BRIEF_REDIS_URL is set, else in-process; None if off."""
    memory = None
    if settings.cache_max_entries > 0 and settings.cache_max_bytes > 0:
        memory = MemoryStore(settings.cache_max_entries, settings.cache_ttl_s, settings.cache_max_bytes)
    if settings.redis_url is not None:
        url = settings.redis_url.get_secret_value()
        return BriefCache(RedisStore(url, settings.cache_ttl_s, settings.redis_timeout_s), registry, memory)
    return BriefCache(memory, registry) if memory is not None else None
