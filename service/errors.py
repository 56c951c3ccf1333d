"""Errors the pipeline raises, each mapped to one HTTP status by the API, and how an invalid
request's fields are named to the user (the API and the command line alike)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any


class BriefError(Exception):
    """Base of the pipeline's expected failures."""

    status = 500


class InputError(BriefError):
    """The request is well-formed JSON but unusable: names the field and what to do (422)."""

    status = 422

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InputTooLarge(InputError):
    """The request is within the byte limits but too large to brief in bounded time (413)."""

    status = 413


class ModelFailed(BriefError):
    """The model failed after retries and the extractive fallback is switched off (502)."""

    status = 502


class DeadlinePassed(BriefError):
    """The request's deadline passed and the extractive fallback is switched off (504)."""

    status = 504


def field_path(loc: Sequence[Any]) -> str:
    """('body', 'documents', 2, 'text') -> 'documents[2].text'."""
    parts = list(loc[1:]) if loc and loc[0] == "body" else list(loc)
    path = ""
    for p in parts:
        path += f"[{p}]" if isinstance(p, int) else (f".{p}" if path else str(p))
    return path or "body"


def field_message(message: str) -> str:
    """Pydantic's message for a field less its "Value error, " prefix: "text is empty"."""
    return re.sub(r"^(Value|Assertion) error, ", "", message)


# Where pydantic tells which member of a union it tried ("str", "function-after[_consistent(),
# TopicProfile]"): no field of the request, so no part of the path a user reads.
_UNION_MEMBER = re.compile(r"^(?:[a-z-]+\[.*\]|[A-Z]\w*|str|int|float|bool|bytes|list|dict)$")


def field_errors(errors: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Pydantic's errors as (field path, message), union members left out of the path; where the
    input took one member of a union, the other members' type errors are left out too."""
    read = []
    for e in errors:
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and _UNION_MEMBER.match(p)))
        read.append((loc, str(e["type"]), field_message(str(e["msg"]))))
    out: list[tuple[str, str]] = []
    for loc, kind, message in read:
        deeper = any(len(other) > len(loc) and other[: len(loc)] == loc for other, _, _ in read)
        if kind.endswith("_type") and deeper:
            continue  # "topic: should be a string" when the topic given is a profile with one bad field
        if (item := (field_path(loc), message)) not in out:
            out.append(item)
    return out
