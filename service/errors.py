"""Errors the pipeline raises, each mapped to one HTTP status by the API, and how an invalid
request's fields are named to the user (the API and the command line alike)."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
