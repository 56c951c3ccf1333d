"""The app: its shared state, middleware, error handlers and routes, and its lifespan (the model
opened in the background, the cache closed at the end)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI

from service import web
from service.api import briefs, health
from service.api.auth import bearer, key_digests
from service.api.edge import REDACT_QUERY, Edge
from service.api.limits import BriefSlots
from service.api.metrics import Metrics
from service.api.problems import install_handlers
from service.api.state import AppState, ModelRuntime
from service.cache import open_cache
from service.llm import Model
from service.settings import Settings, get_settings

log = logging.getLogger("brief.api")


def create_app(settings: Settings | None = None, model: Model | None = None) -> FastAPI:
    """The API app; a given `model` is used as is, else the lifespan opens the configured one."""
    settings = settings or get_settings()
    metrics = Metrics.new()
    state = AppState(
        settings=settings,
        runtime=ModelRuntime(model, owned=model is None and settings.use_model),
        slots=BriefSlots(settings),
        cache=open_cache(settings, metrics.registry),
        metrics=metrics,
        keys=key_digests(settings),
    )
    logging.getLogger("uvicorn.access").addFilter(REDACT_QUERY)  # added once, however many apps

    # No /docs or /redoc: FastAPI serves both from a CDN, which fails offline and runs a third
    # party's script on this origin. /openapi.json stays.
    app = FastAPI(
        title="brief",
        version="1",
        lifespan=_lifespan,
        summary="Structured, cited briefs of negotiations from news articles.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.brief = state
    app.add_middleware(Edge, max_body_bytes=settings.max_body_bytes, requests=metrics.requests)
    install_handlers(app)
    # Only configured keys are declared in /openapi.json: the spec must not ask for one that isn't.
    # The dependency only declares the scheme; KeyedRoute checks the key, before the body is read.
    guard = [Depends(bearer)] if state.keys else []
    app.include_router(health.router)
    app.include_router(briefs.router, dependencies=guard)
    web.install(app, guard)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: AppState = app.state.brief
    try:
        async with _model_open(state.runtime, state.settings):
            yield
    finally:
        if state.cache is not None:
            await state.cache.close()


@contextlib.asynccontextmanager
async def _model_open(runtime: ModelRuntime, settings: Settings) -> AsyncIterator[None]:
    if not runtime.owned:
        yield
        return
    # Open the model in a task, so the server answers (503 "starting") while it loads;
    # the task enters and exits open_model's context, as a context manager must.
    stop = asyncio.Event()
    holder = asyncio.create_task(_hold_model(runtime, settings, stop))
    try:
        yield
    finally:
        stop.set()
        if runtime.model is None:
            holder.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await holder


async def _hold_model(runtime: ModelRuntime, settings: Settings, stop: asyncio.Event) -> None:
    from service.backend import open_model  # lazy: tests never load the embedded server

    try:
        async with open_model(settings) as model:
            runtime.model = model
            log.info("model %s ready", model.name)
            await stop.wait()
    except Exception:
        runtime.start_failed = True
        log.exception("the model failed to start")
    finally:
        runtime.model = None
