"""The shared brief cache on a real Redis: Debian's redis-server, started and stopped by the test."""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

import service.cache as cache_module
from tests.fakes import FakeModel
from tests.served import WAIT_S, seeds_request
from tests.test_cache import Clock, metric, model_calls, one_seed

# The API tests' fixtures: each app under uvicorn on a free loopback port; no BRIEF_* from the shell.

INSTALL = "install it with `sudo apt-get install -y redis-server` (bash .ci/setup dev does this)"


@dataclass
class RedisServer:
    """A redis-server child process on 127.0.0.1, no persistence, in its own directory."""

    binary: str
    port: int
    workdir: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start it and wait (bounded) until it answers PING."""
        args = [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.workdir)]
        args += ["--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"]
        log = (self.workdir / "redis.log").open("ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        end = time.monotonic() + WAIT_S
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"redis-server exited: {(self.workdir / 'redis.log').read_text()[-500:]}")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                pass
            if time.monotonic() > end:
                pytest.fail("redis-server did not answer PING")
            time.sleep(0.02)

    def kill(self) -> None:
        """Kill it at once, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(WAIT_S)

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh redis-server for the test; a missing binary fails the test (it is a test dependency)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(f"redis-server is not installed: {INSTALL}")
    server = RedisServer(binary, free_port(), tmp_path)
    server.start()
    yield server
    server.kill()


def test_two_apps_share_briefs_through_redis(serve, redis_server) -> None:
    first_model, second_model = FakeModel(), FakeModel()
    first = serve(first_model, redis_url=redis_server.url)
    second = serve(second_model, redis_url=redis_server.url)
    made = first.post("/brief", json=seeds_request())
    assert made.status_code == 200 and made.headers["x-brief-cache"] == "miss"
    served = second.post("/brief", json=seeds_request())
    assert served.status_code == 200 and served.headers["x-brief-cache"] == "hit"
    assert served.json() == made.json()
    assert model_calls(first_model) > 0 and model_calls(second_model) == 0
    keys = redis_server.client().keys("brief:*")
    assert len(keys) == 1
    assert 0 < redis_server.client().ttl(keys[0]) <= 86_400
    assert metric(second, 'brief_cache_lookups_total{result="hit"}') == 1


def test_redis_going_away_is_skipped_for_the_cool_down(serve, redis_server, monkeypatch, caplog) -> None:
    clock = Clock()
    monkeypatch.setattr(cache_module, "time", clock)
    model = FakeModel()
    client = serve(model, redis_url=redis_server.url)

    def post(i: int) -> str:
        # The five seeds (the model is asked about them), rotated: another request per i.
        docs = seeds_request()["documents"]
        r = client.post("/brief", json={"documents": docs[i:] + docs[:i]})
        assert r.status_code == 200, r.text  # never a 5xx because of the cache
        assert r.json()["meta"]["method"] == "llm"
        return r.headers["x-brief-cache"]

    assert [post(0), post(0)] == ["miss", "hit"]
    redis_server.kill()
    with caplog.at_level(logging.WARNING, logger="brief.cache"):
        calls = model_calls(model)
        # The first lookup fails and opens the breaker; the in-process cache stands in.
        assert [post(0), post(1), post(1)] == ["miss", "miss", "hit"]
        assert model_calls(model) > calls  # briefs made again, without Redis
    assert metric(client, 'brief_cache_errors_total{operation="get"}') == 1
    assert metric(client, 'brief_cache_errors_total{operation="set"}') == 0
    warnings = [r.getMessage() for r in caplog.records if r.name == "brief.cache"]
    assert len(warnings) == 1 and "then trying it again" in warnings[0]

    redis_server.start()  # back on the same port, empty
    assert post(2) == "miss"  # still in the cool-down: Redis is not asked
    assert redis_server.client().keys("brief:*") == []
    clock.now += cache_module.COOLDOWN_S
    assert [post(2), post(2)] == ["miss", "hit"]  # asked again, and shared again
    assert len(redis_server.client().keys("brief:*")) == 1


def test_a_redis_that_hangs_costs_one_timeout_then_is_skipped(serve, caplog) -> None:
    # A socket that accepts connections and never answers: a command waits out
    # BRIEF_REDIS_TIMEOUT_S. The kernel completes the connections, so the backlog counts them.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        url = f"redis://:pw-9d1e2f@127.0.0.1:{silent.getsockname()[1]}/0"
        client = serve(FakeModel(), redis_url=url, redis_timeout_s=0.2)
        with caplog.at_level(logging.DEBUG):
            for i in range(3):
                r = client.post("/brief", json=one_seed(i))
                assert r.status_code == 200 and r.headers["x-brief-cache"] == "miss"
                assert r.json()["meta"]["method"] == "llm"
        assert "then trying it again" in caplog.text and "pw-9d1e2f" not in caplog.text
        assert [r.levelname for r in caplog.records if r.name == "brief.cache"] == ["WARNING"]
        assert metric(client, 'brief_cache_errors_total{operation="get"}') == 1
        assert metric(client, 'brief_cache_errors_total{operation="set"}') == 0
        # One connection, one timed-out command: no retry, and no request after it asked Redis.
        silent.setblocking(False)
        connections = []
        with contextlib.suppress(BlockingIOError):
            while True:
                connections.append(silent.accept()[0])
        for c in connections:
            c.close()
        assert len(connections) == 1
        # Seed 0 again: the in-process cache kept it while Redis was skipped.
        assert client.post("/brief", json=one_seed(0)).headers["x-brief-cache"] == "hit"
