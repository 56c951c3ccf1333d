"""A fake model that answers from a script and records every call it gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.llm import Capabilities, ModelError, Usage


@dataclass
class FakeModel:
    """Implements service.llm.Model; `prefer` picks which option scores highest."""

    name: str = "fake-model"
    capabilities: Capabilities = field(
        default_factory=lambda: Capabilities(
            option_scoring=True, option_bias=False, structured_output="json_object"
        )
    )
    prefer: Any = None  # callable(prompt, options) -> index of the winning option
    fail: BaseException | None = None
    calls: list[tuple[str, Any]] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)

    async def score(self, prompt: str, options: list[str], usage: Usage, deadline: float) -> list[float]:
        self.calls.append(("score", (prompt, list(options))))
        usage.calls += 1
        usage.tokens_in += len(prompt.split())
        if self.fail is not None:
            raise self.fail
        winner = self.prefer(prompt, options) if self.prefer else 0
        return [0.0 if i == winner else -5.0 for i in range(len(options))]

    async def pick(
        self, prompt: str, options: list[str], offsets: list[float], usage: Usage, deadline: float
    ) -> int:
        self.calls.append(("pick", (prompt, list(options))))
        usage.calls += 1
        if self.fail is not None:
            raise self.fail
        return self.prefer(prompt, options) if self.prefer else 0

    async def generate(self, messages, schema, usage: Usage, deadline: float):
        self.calls.append(("generate", messages))
        usage.calls += 1
        raise self.fail or ModelError("FakeModel has no scripted chat answers")

    async def ready(self) -> bool:
        self.calls.append(("ready", None))
        return self.fail is None
