"""Errors the pipeline raises, each mapped to one HTTP status by the API."""

from __future__ import annotations


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
