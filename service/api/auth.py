"""Bearer keys (BRIEF_API_KEYS) on the routes that do work on documents."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials as Credentials
from fastapi.security import HTTPBearer

from service.api.problems import Problem
from service.api.state import StateDep, app_state
from service.settings import Settings

bearer = HTTPBearer(auto_error=False)  # auto_error would answer 403 in FastAPI's own format


def key_digests(settings: Settings) -> list[bytes]:
    """The accepted keys as SHA-256 digests, the form `require_key` compares."""
    return [hashlib.sha256(k).digest() for k in settings.bearer_keys()]


def require_key(creds: Credentials | None, keys: list[bytes]) -> None:
    """401 unless the credentials hold one of the keys (given as digests)."""
    valid = False
    if creds is not None:  # no key given: there is nothing to compare (and no key is empty)
        # Digests have one length, and every key is compared: the time taken says nothing
        # about which key, or how much of one, matched.
        given = hashlib.sha256(creds.credentials.encode()).digest()
        for key in keys:
            valid |= hmac.compare_digest(given, key)
    if not valid:
        raise Problem(
            401,
            "a valid 'Authorization: Bearer <key>' header is required (one of BRIEF_API_KEYS)",
            headers={"WWW-Authenticate": "Bearer"},
        )


class KeyedRoute(APIRoute):
    """A route that checks the bearer key, when the app has keys, before the body is read: no
    key, no parsing."""

    # FastAPI reads and validates the body before it solves dependencies, so a dependency
    # would answer a keyless request with the body's 413 or 422 instead of 401.
    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def keyed(request: Request) -> Response:
            keys = app_state(request).keys
            if keys:
                require_key(await bearer(request), keys)
            return await handler(request)

        return keyed


def tenant(request: Request, state: StateDep) -> str | None:
    """Whose briefs the request may share: with keys, each key has its own, so a tenant never
    learns what another sent."""
    return request.headers.get("authorization") if state.keys else None


TenantDep = Annotated[str | None, Depends(tenant)]
