"""The brief cache: finished briefs by a key of everything that shapes them.

The key hashes the documents as sent, normalised (Unicode NFC, each run of whitespace one
space), the topic profile's content, the prompts' versions, the model and its capabilities,
the claim budget and the schema version. Cleaning is left to the pipeline: a hit must cost
about what validating the request costs, not an ingest. The store is an in-process LRU with a
TTL, or Redis when BRIEF_REDIS_URL is set so replicas share it. The cache is an optimisation,
never a dependency: a store that fails counts as a miss, is logged and counted in /metrics,
and the brief is made without it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import threading
import unicodedata
from typing import Protocol

from cachetools import LRUCache, TTLCache, cached
from prometheus_client import CollectorRegistry, Counter

from service.llm import Model
from service.prompts import prompt_versions
from service.schema import SCHEMA_VERSION, Brief, BriefRequest
from service.settings import Settings
from service.status import shared_version as shared_cues_version
from service.topic import TopicError, load_profile

log = logging.getLogger("brief.cache")
_PREFIX = "brief:"  # Redis key namespace


def brief_key(request: BriefRequest, settings: Settings, model: Model | None) -> str | None:
    """The cache key of the brief `request` would get; None if its topic cannot be loaded.

    `model` is the model the brief will use, None when the model step is off. A request with no
    key goes to the pipeline, which raises the error that explains it.
    """
    try:
        profile = load_profile(request.topic, settings.prompts_dir / "topics", settings.topic)
    except TopicError:
        return None
    documents = [
        d.model_dump(mode="json") | {"text": _digest(d.text), "html": _digest(d.html)}
        for d in request.documents
    ]
    parts = {
        "schema": SCHEMA_VERSION,
        "documents": documents,
        "topic": profile.model_dump(mode="json"),
        # The shared status cue words decide statuses as much as the profile's own.
        "status_cues": shared_cues_version(settings.prompts_dir),
        "max_claim_ratio": settings.max_claim_ratio,
        "model": None,
    }
    if model is not None:
        parts["model"] = {
            "name": model.name,
            "capabilities": dataclasses.asdict(model.capabilities),
            "prompts": prompt_versions(settings.prompts_dir),
        }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _digest(text: str | None) -> str | None:
    return None if text is None else _normalised_digest(text)


def _raw_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


# A hit should cost little more than validating the request: text seen again (the usual case
# for a hit) is looked up by a fast digest of it, not normalised and hashed again. Digests, not
# texts, are kept, so the memo stays small whatever the articles' length.
@cached(LRUCache(maxsize=4096), key=_raw_digest, lock=threading.Lock())
def _normalised_digest(text: str) -> str:
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode()).hexdigest()


class Store(Protocol):
    """Where cached briefs live: JSON text by key."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """This process's LRU: at most `max_entries` briefs, each kept `ttl_s` seconds."""

    def __init__(self, max_entries: int, ttl_s: float) -> None:
        self._entries: TTLCache[str, str] = TTLCache(maxsize=max_entries, ttl=ttl_s)

    async def get(self, key: str) -> str | None:
        return self._entries.get(key)

    async def set(self, key: str, value: str) -> None:
        self._entries[key] = value

    async def close(self) -> None:
        self._entries.clear()


class RedisStore:
    """A Redis server shared by replicas; entries expire after `ttl_s` seconds."""

    def __init__(self, url: str, ttl_s: int, timeout_s: float) -> None:
        try:
            import redis.asyncio as redis
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff
        except ImportError as e:
            raise RuntimeError(
                "BRIEF_REDIS_URL is set but the redis package is missing: pip install 'brief[redis]'"
            ) from e
        self._ttl_s = ttl_s
        # Short timeouts and one immediate retry (a pooled connection may be stale after a
        # Redis restart): an unreachable cache must cost a request milliseconds, not seconds.
        self._redis = redis.Redis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1),
        )

    async def get(self, key: str) -> str | None:
        value = await self._redis.get(_PREFIX + key)
        return value.decode() if value is not None else None

    async def set(self, key: str, value: str) -> None:
        await self._redis.set(_PREFIX + key, value, ex=self._ttl_s)

    async def close(self) -> None:
        await self._redis.aclose()


class BriefCache:
    """Briefs by key over a store; store failures are misses, logged and counted, never errors."""

    def __init__(self, store: Store, registry: CollectorRegistry) -> None:
        self.store = store
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
        brief = value = None
        try:
            value = await self.store.get(key)
            brief = Brief.model_validate_json(value) if value is not None else None
        # An unreachable store or an entry this version cannot read: either way, a miss. The
        # store's errors differ by backend, and none may fail a request.
        except Exception as e:
            self._failed("get", e)
        self._lookups.labels(result="hit" if brief else "miss").inc()
        return (brief, value) if brief is not None and value is not None else None

    async def put(self, key: str, brief: Brief) -> None:
        """Keep the brief; a store failure is logged and counted."""
        try:
            await self.store.set(key, brief.model_dump_json())
        except Exception as e:
            self._failed("set", e)

    async def close(self) -> None:
        """Release the store's connections."""
        await self.store.close()

    def _failed(self, operation: str, error: Exception) -> None:
        self._errors.labels(operation=operation).inc()
        # The error's type and message name the host and the failure, never the URL's password.
        log.warning(
            "brief cache %s failed (%s: %s); briefing without the cache",
            operation,
            type(error).__name__,
            error,
        )


def open_cache(settings: Settings, registry: CollectorRegistry) -> BriefCache | None:
    """The configured cache: Redis when BRIEF_REDIS_URL is set, else in-process; None if off."""
    if settings.redis_url is not None:
        store: Store = RedisStore(
            settings.redis_url.get_secret_value(), settings.cache_ttl_s, settings.redis_timeout_s
        )
    elif settings.cache_max_entries > 0:
        store = MemoryStore(settings.cache_max_entries, settings.cache_ttl_s)
    else:
        return None
    return BriefCache(store, registry)
