"""What the routes share, kept on `app.state`, and the dependencies (FastAPI's `Depends`) that
hand it to them: a route names what it uses, and a test swaps any of it through
`app.dependency_overrides`."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from service.api.limits import BriefSlots, check_limits
from service.api.metrics import Metrics
from service.api.problems import Problem, retry_after
from service.briefing import make_brief
from service.cache import BriefCache
from service.llm import Model
from service.schema import Brief, Document
from service.settings import Settings

RETRY_STARTING_S = 5  # the embedded model takes seconds to load


@dataclass
class ModelRuntime:
    """The model the routes use. An `owned` model is opened by the app's lifespan: until then
    `model` is None, and the routes that need it answer 503."""

    model: Model | None
    owned: bool = False
    start_failed: bool = False

    def ready(self) -> Model | None:
        """The model to use, or 503 while it starts; None when the model is switched off."""
        if self.start_failed:
            raise Problem(503, "the model failed to start; see the server log")
        if self.model is None and self.owned:
            raise Problem(503, "the model is starting", headers=retry_after(RETRY_STARTING_S))
        return self.model


@dataclass
class AppState:
    """Everything one app's routes share; `create_app` puts it on `app.state.brief`."""

    settings: Settings
    runtime: ModelRuntime
    slots: BriefSlots
    cache: BriefCache | None
    metrics: Metrics
    keys: list[bytes]  # SHA-256 digests of BRIEF_API_KEYS; empty: no auth


def app_state(request: Request) -> AppState:
    """The state of the app serving the request."""
    return request.app.state.brief


StateDep = Annotated[AppState, Depends(app_state)]


def app_settings(state: StateDep) -> Settings:
    """The app's settings."""
    return state.settings


def model_runtime(state: StateDep) -> ModelRuntime:
    """The app's model, as far as it has started."""
    return state.runtime


def brief_slots(state: StateDep) -> BriefSlots:
    """The app's brief slots."""
    return state.slots


def brief_cache(state: StateDep) -> BriefCache | None:
    """The app's brief cache; None when it is off."""
    return state.cache


def app_metrics(state: StateDep) -> Metrics:
    """The app's metrics."""
    return state.metrics


SettingsDep = Annotated[Settings, Depends(app_settings)]
RuntimeDep = Annotated[ModelRuntime, Depends(model_runtime)]
SlotsDep = Annotated[BriefSlots, Depends(brief_slots)]
CacheDep = Annotated[BriefCache | None, Depends(brief_cache)]
MetricsDep = Annotated[Metrics, Depends(app_metrics)]

Limits = Callable[[list[Document]], None]
Pipeline = Callable[..., Awaitable[Brief]]  # make_brief's signature
WorkSlot = Callable[[list[Document]], AbstractAsyncContextManager[None]]


def limits_check(settings: SettingsDep) -> Limits:
    """The check of a request's documents against the app's limits (413 past them)."""
    return functools.partial(check_limits, settings=settings)


LimitsDep = Annotated[Limits, Depends(limits_check)]


def pipeline() -> Pipeline:
    """What makes a brief: the whole pipeline."""
    return make_brief


PipelineDep = Annotated[Pipeline, Depends(pipeline)]


def work_slot(check: LimitsDep, slots: SlotsDep) -> WorkSlot:
    """A brief slot for CPU work on documents, taken once they are within the limits.

    Run the work with `off_loop`: as with a brief's rule steps, a caller cancelled (by a
    deadline) keeps its slot until the thread stops.
    """

    @contextlib.asynccontextmanager
    async def slot(documents: list[Document]) -> AsyncIterator[None]:
        check(documents)
        async with slots.hold():
            yield

    return slot


WorkSlotDep = Annotated[WorkSlot, Depends(work_slot)]
