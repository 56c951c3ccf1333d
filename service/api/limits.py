"""What one request may ask of the server: documents within the limits, and a brief slot.

Limits bite as early as they can: the body size at the edge before anything is parsed, the
document count and lengths right after validation, and concurrency with a semaphore whose wait
is bounded, so an overloaded server answers 503 + Retry-After at once instead of growing a queue
nobody will wait for.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from service.api.problems import Problem, retry_after
from service.schema import Document
from service.settings import Settings

RETRY_BUSY_S = 1  # a slot usually frees within a brief's run


def check_limits(documents: list[Document], settings: Settings) -> None:
    """413 if there are more documents, or longer ones, than BRIEF_MAX_DOCUMENTS(_CHARS) allow."""
    n = len(documents)
    if n > settings.max_documents:
        raise Problem(
            413,
            f"documents has {n} items; the limit is {settings.max_documents} (BRIEF_MAX_DOCUMENTS)",
        )
    for i, doc in enumerate(documents):
        for name in ("text", "html"):
            chars = len(getattr(doc, name) or "")
            if chars > settings.max_document_chars:
                raise Problem(
                    413,
                    f"documents[{i}].{name} has {chars} characters; the limit is "
                    f"{settings.max_document_chars} (BRIEF_MAX_DOCUMENT_CHARS)",
                )


class BriefSlots:
    """BRIEF_MAX_CONCURRENT_BRIEFS slots for CPU work on documents; a caller waits for one at
    most BRIEF_QUEUE_TIMEOUT_S."""

    def __init__(self, settings: Settings) -> None:
        self._free = asyncio.Semaphore(settings.max_concurrent_briefs)
        self._count, self._wait_s = settings.max_concurrent_briefs, settings.queue_timeout_s

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """A slot for the block, or 503 + Retry-After when none frees within the queue timeout."""
        # An uncontended acquire never suspends, so queue_timeout_s=0 still admits free slots.
        if self._free.locked():
            try:
                async with asyncio.timeout(self._wait_s):
                    await self._free.acquire()
            except TimeoutError:
                raise Problem(
                    503,
                    f"all {self._count} brief slots are busy",
                    headers=retry_after(RETRY_BUSY_S),
                ) from None
        else:
            await self._free.acquire()
        try:
            yield
        finally:
            self._free.release()
