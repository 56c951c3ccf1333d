"""The pipeline's CPU work runs off the event loop: the service answers while a brief is being
made, work past its deadline stops, and a brief's slot is freed only when its work has stopped."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

import service.briefing as briefing
from tests.served import WAIT_S, assert_problem, seeds_request

# Long enough for the rule steps before selection on a loaded machine (the brief must reach the
# held selection before its deadline), short enough to wait out.
DEADLINE_S = 3.0


@pytest.fixture
def held_select(monkeypatch: pytest.MonkeyPatch):
    """Selection that waits for the test's word: (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    real = briefing.select

    def held(*args, **kwargs):
        entered.set()
        release.wait(WAIT_S * 3)
        return real(*args, **kwargs)

    monkeypatch.setattr(briefing, "select", held)
    yield entered, release
    release.set()


def test_healthz_answers_while_a_brief_is_in_its_rule_steps(serve, held_select) -> None:
    entered, release = held_select
    client = serve(use_model=False)
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(client.post, "/brief", json=seeds_request())
        assert entered.wait(WAIT_S)
        try:
            # Selection is still running: with it on the event loop this would time out.
            assert client.get("/healthz", timeout=WAIT_S).status_code == 200
        except httpx.TimeoutException:
            pytest.fail("/healthz did not answer while a brief was being made")
        finally:
            release.set()
        assert pending.result().status_code == 200


def test_work_past_its_deadline_stops_and_holds_its_slot_until_then(serve, held_select) -> None:
    entered, release = held_select
    client = serve(use_model=False, deadline_s=DEADLINE_S, max_concurrent_briefs=1, queue_timeout_s=0)
    with ThreadPoolExecutor(1) as pool:
        late = pool.submit(client.post, "/brief", json=seeds_request())
        assert entered.wait(WAIT_S)
        # The first brief's work is still running: its slot is taken.
        assert_problem(client.post("/brief", json=seeds_request(topic="port_strike")), 503)
        # The deadline was set before selection was entered: past it while the work still runs.
        time.sleep(DEADLINE_S + 0.2)
        release.set()
        body = assert_problem(late.result(), 504)
        assert "BRIEF_DEADLINE_S" in body["detail"]
    # Its work stopped, so its slot is free again (this brief may run late too, but is admitted).
    assert client.post("/brief", json=seeds_request()).status_code != 503


async def test_a_cancelled_caller_waits_for_the_thread_before_giving_up() -> None:
    release = threading.Event()
    task = asyncio.ensure_future(briefing.off_loop(release.wait, WAIT_S))
    await asyncio.sleep(0.05)
    task.cancel()
    for _ in range(5):
        await asyncio.sleep(0.01)
    assert not task.done(), "the caller gave up while its thread still ran"
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_work_that_raises_stop_iteration_fails_instead_of_hanging() -> None:
    """A Future cannot carry StopIteration: without care the caller would wait for ever."""

    def ran_dry() -> None:
        next(iter(()))

    task = asyncio.ensure_future(briefing.off_loop(ran_dry))
    await asyncio.wait({task}, timeout=WAIT_S)  # not wait_for: cancelling would wait on the thread
    assert task.done(), "off_loop never finished"
    with pytest.raises(RuntimeError, match="ran_dry raised StopIteration"):
        await task
