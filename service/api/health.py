"""Liveness, readiness and Prometheus metrics: open routes for the operator."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.api.problems import Problem, problem_docs, retry_after
from service.api.state import RETRY_STARTING_S, MetricsDep, RuntimeDep

router = APIRouter()


@router.get("/healthz")
async def healthz(runtime: RuntimeDep) -> dict[str, str]:
    """Liveness: the process answers (503 once the model has failed to start)."""
    if runtime.start_failed:
        raise Problem(503, "the model failed to start; see the server log")
    return {"status": "ok"}


@router.get("/readyz", responses=problem_docs(503))
async def readyz(runtime: RuntimeDep) -> dict[str, str | None]:
    """Readiness: the model is loaded and answers."""
    model = runtime.ready()
    if model is not None and not await model.ready():
        raise Problem(503, f"the model {model.name} does not answer", headers=retry_after(RETRY_STARTING_S))
    return {"status": "ready", "model": model.name if model else None}


@router.get("/metrics", include_in_schema=False)
async def metrics(app_metrics: MetricsDep) -> Response:
    """Prometheus text exposition of this app's registry."""
    return Response(generate_latest(app_metrics.registry), media_type=CONTENT_TYPE_LATEST)
