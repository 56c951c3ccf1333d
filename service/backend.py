"""Open the configured model: a remote OpenAI-compatible endpoint, or the embedded server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from service.llm import OpenAIModel, capabilities_for
from service.local_model import EmbeddedServer
from service.settings import Settings


@asynccontextmanager
async def open_model(settings: Settings) -> AsyncIterator[OpenAIModel]:
    """The model for this process; the embedded server, when used, stops on exit."""
    if settings.base_url:
        model = OpenAIModel(settings, settings.base_url, capabilities_for(settings, embedded=False))
        try:
            yield model
        finally:
            await model.close()
        return
    async with EmbeddedServer(settings) as server:
        model = OpenAIModel(settings, server.base_url, capabilities_for(settings, embedded=True))
        try:
            yield model
        finally:
            await model.close()
