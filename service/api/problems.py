"""Errors as RFC 9457 problem+json: the Problem exception, its body, the 504 of a deadline, and
the handlers that map FastAPI's own errors (validation, unreadable bodies, unknown paths) to it."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from service.errors import field_errors

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    """One invalid field of the request."""

    field: str
    message: str


class ProblemDetails(BaseModel):
    """An RFC 9457 error body."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    request_id: str | None = None
    errors: list[FieldError] | None = None


# For /openapi.json: FastAPI files a response model under application/json; name problem+json too.
PROBLEM_DOC: dict[str, Any] = {
    "model": ProblemDetails,
    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
}


def problem_docs(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route that answers these statuses as problem+json."""
    return {s: PROBLEM_DOC for s in statuses}


class Problem(Exception):
    """An error that is answered as problem+json with this status."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers, self.errors = status, detail, headers, errors

    def response(self, request_id: str | None) -> JSONResponse:
        """The problem+json response; type `about:blank`, so the title is the status phrase."""
        body = ProblemDetails(
            title=HTTPStatus(self.status).phrase,
            status=self.status,
            detail=self.detail,
            request_id=request_id,
            errors=self.errors,
        )
        content = body.model_dump(exclude_none=True)
        return JSONResponse(content, self.status, self.headers, media_type=PROBLEM_JSON)


def field_problem(status: int, field: str, message: str) -> Problem:
    """A problem with one field of the request: the detail and the field error both name it."""
    return Problem(status, f"{field}: {message}", errors=[{"field": field, "message": message}])


class BodyTooLarge(HTTPException):
    """The request body is over BRIEF_MAX_BODY_BYTES."""

    # An HTTPException, because FastAPI re-raises those from body reading (others become 400).
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body exceeds {limit} bytes (BRIEF_MAX_BODY_BYTES)")


@contextlib.asynccontextmanager
async def deadline(seconds: float, late: Problem) -> AsyncIterator[None]:
    """Cut the block off after `seconds`, answering `late` (a 504)."""
    timeout = asyncio.timeout(seconds)
    try:
        async with timeout:
            yield
    except TimeoutError as e:
        if not timeout.expired():
            raise  # a timeout of some inner step: an internal error
        raise late from e


def too_late(what: str, seconds: float) -> Problem:
    """The 504 of work that outlasted BRIEF_DEADLINE_S."""
    return Problem(504, f"{what} took longer than {seconds:g}s (BRIEF_DEADLINE_S)")


def retry_after(seconds: int) -> dict[str, str]:
    """The headers that tell a client when to try again."""
    return {"Retry-After": str(seconds)}


def request_id(request: Request) -> str | None:
    """The id the edge layer gave this request."""
    return getattr(request.state, "request_id", None)


def validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """Pydantic's errors as {field, message}, without the offending input (it may be huge)."""
    errors = exc.errors()
    for e in errors:
        if e.get("type") == "json_invalid":
            reason = (e.get("ctx") or {}).get("error", "")
            return [{"field": "body", "message": f"invalid JSON at character {e['loc'][-1]}: {reason}"}]
    return [{"field": path, "message": message} for path, message in field_errors(errors)]


def unreadable_body(exc: HTTPException) -> str | None:
    """Why FastAPI could not parse the body (it answers a bare 400 for these), or None."""
    cause = exc.__cause__
    if isinstance(cause, RecursionError):
        return "JSON nested too deeply to parse; flatten the request"
    if isinstance(cause, UnicodeDecodeError):
        byte = cause.object[cause.start : cause.start + 1].hex()
        return f"not UTF-8 (byte 0x{byte} at position {cause.start}); send JSON encoded as UTF-8"
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        digits = sys.get_int_max_str_digits()
        return f"a number in the JSON has more than {digits} digits; send long numbers as strings"
    return None


async def _on_problem(request: Request, exc: Problem) -> JSONResponse:
    return exc.response(request_id(request))


async def _on_http(request: Request, exc: HTTPException) -> JSONResponse:
    unreadable = unreadable_body(exc)
    if unreadable is not None:
        return field_problem(422, "body", unreadable).response(request_id(request))
    return Problem(exc.status_code, str(exc.detail), headers=exc.headers).response(request_id(request))


async def _on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = validation_errors(exc)
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return Problem(422, detail, errors=errors[:50]).response(request_id(request))


def install_handlers(app: FastAPI) -> None:
    """Answer Problems, and FastAPI's own errors, as problem+json."""
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(HTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_invalid)
