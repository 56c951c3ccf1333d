"""POST /brief and POST /verify: the routes that work on documents, behind the API keys."""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from service.api.auth import KeyedRoute, TenantDep
from service.api.problems import (
    Problem,
    deadline,
    field_problem,
    problem_docs,
    request_id,
    too_late,
)
from service.api.state import (
    CacheDep,
    LimitsDep,
    MetricsDep,
    Pipeline,
    PipelineDep,
    RuntimeDep,
    SettingsDep,
    SlotsDep,
    WorkSlotDep,
)
from service.briefing import off_loop
from service.cache import brief_key
from service.errors import DeadlinePassed, InputError, ModelFailed, field_path
from service.llm import Model
from service.schema import Brief, BriefRequest, Verification, VerifyRequest
from service.settings import Settings
from service.topic import TopicError
from service.verify import check_brief

log = logging.getLogger("brief.api")

# The pipeline enforces deadline_s itself; this grace is only the backstop for a stuck step.
DEADLINE_GRACE_S = 5.0
CACHE_HEADER = "X-Brief-Cache"
_CACHE_HEADER_DOC = {
    "description": "hit: served from the brief cache; miss: made now (absent when the cache is off).",
    "schema": {"type": "string", "enum": ["hit", "miss"]},
}

router = APIRouter(route_class=KeyedRoute, responses=problem_docs(401, 413, 422, 502, 503, 504))


@router.post("/brief", response_model=Brief, responses={200: {"headers": {CACHE_HEADER: _CACHE_HEADER_DOC}}})
async def post_brief(
    body: BriefRequest,
    request: Request,
    response: Response,
    settings: SettingsDep,
    runtime: RuntimeDep,
    check_limits: LimitsDep,
    slots: SlotsDep,
    cache: CacheDep,
    metrics: MetricsDep,
    pipeline: PipelineDep,
    tenant: TenantDep,
) -> Brief | Response:
    """Make a cited brief from the documents; header X-Brief-Cache says hit or miss."""
    rid, began = request_id(request), time.perf_counter()
    status, method, cache_result = 500, "-", "-"
    try:
        model = runtime.ready()
        check_limits(body.documents)
        use_model = model is not None and settings.use_model and body.options.use_model
        key = brief_key(body, settings, model if use_model else None, tenant) if cache else None
        if key is not None:
            cached = await cache.get(key)
            cache_result = response.headers[CACHE_HEADER] = "hit" if cached else "miss"
            if cached:
                # The JSON as stored: it was made from a Brief and just read back as one, so
                # serializing it again would only cost time.
                (brief, text), status = cached, 200
                method = brief.meta.method
                return Response(text, media_type="application/json", headers={CACHE_HEADER: "hit"})
        async with slots.hold():
            metrics.in_flight.inc()
            outcome = "error"
            try:
                brief = await _made(pipeline, body, model, settings, rid)
                outcome = brief.meta.method
            finally:
                metrics.in_flight.dec()
                metrics.latency.labels(outcome=outcome).observe(time.perf_counter() - began)
        metrics.count(brief, use_model)
        # A brief that fell back because the model failed is not cached: the next asks again.
        if key is not None and brief.meta.method == ("llm" if use_model else "extractive"):
            await cache.put(key, brief)
        status, method = 200, brief.meta.method
        return brief
    except Problem as p:
        status = p.status
        raise
    finally:
        log.info(
            "brief %s documents=%d status=%d latency_ms=%d method=%s cache=%s",
            rid,
            len(body.documents),
            status,
            (time.perf_counter() - began) * 1000,
            method,
            cache_result,
        )


async def _made(
    pipeline: Pipeline, body: BriefRequest, model: Model | None, settings: Settings, rid: str | None
) -> Brief:
    """The pipeline's brief under the backstop deadline, its failures mapped to problems."""
    late = too_late("the brief", settings.deadline_s)
    try:
        async with deadline(settings.deadline_s + DEADLINE_GRACE_S, late):
            return await pipeline(
                body,
                model,
                settings,
                progress=lambda step: log.debug("brief %s: %s", rid, step),
            )
    except InputError as e:
        raise field_problem(e.status, e.field or "body", str(e)) from e
    except TopicError as e:
        raise field_problem(422, "topic", str(e)) from e
    # Model failures carry upstream text (URLs, server messages): log it, don't echo it.
    except ModelFailed as e:
        log.warning("brief %s: model failed: %s", rid, e)
        raise Problem(502, "the model failed to answer; try again later") from e
    except DeadlinePassed as e:
        raise late from e


@router.post("/verify", response_model=Verification)
async def post_verify(body: VerifyRequest, settings: SettingsDep, slot: WorkSlotDep) -> Verification:
    """Check every assertion of a brief (ours or another tool's) against its documents."""

    def check() -> Verification:
        try:
            verdicts = check_brief(
                body.brief, body.documents, body.topic or body.brief.get("topic"), settings
            )
        except ValidationError as e:
            errors = [
                {"field": "brief." + field_path(err["loc"]), "message": err["msg"]} for err in e.errors()
            ]
            raise Problem(422, "brief: not a brief in the Brief schema", errors=errors) from e
        except TopicError as e:
            raise field_problem(422, "topic", str(e)) from e
        except ValueError as e:  # what ingest says of a document it cannot read
            raise Problem(422, f"documents: {e}") from e
        failed = sum(not v.ok for v in verdicts)
        return Verification(ok=not failed, failed=failed, verdicts=verdicts)

    async with slot(body.documents):
        return await off_loop(check)
