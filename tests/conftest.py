"""Fixtures shared by the tests that serve the API over real HTTP."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import settings as hypothesis_settings

from service.llm import Model
from service.settings import Settings
from tests.fakes import FakeModel
from tests.served import Served

# Property tests and the API fuzzer draw the same examples on every run, so a red CI run can be
# reproduced; HYPOTHESIS_PROFILE=explore draws new ones.
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _no_brief_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings read BRIEF_* variables; a developer's shell must not change a test."""
    for name in [n for n in os.environ if n.startswith("BRIEF_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def serve() -> Iterator[Callable[..., httpx.Client]]:
    """Start the app under uvicorn on a free loopback port; returns an httpx client for it.

    serve(model, **settings): model None is a plain FakeModel; open_model=True lets the
    lifespan open the configured model. Every server is stopped, and checked, at teardown.
    """
    running: list[Served] = []

    def start(model: Model | None = None, *, open_model: bool = False, **overrides: Any) -> httpx.Client:
        served = Served(Settings(**overrides), model or FakeModel(), open_model=open_model)
        running.append(served)
        return served.client

    yield start
    for served in running:
        served.stop()
