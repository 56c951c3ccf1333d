"""A fake model that answers from a script and records every call it gets."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from service.llm import Capabilities, ModelError, SchemaError, Usage
from service.priors import Priors


@dataclass
class FakeModel:
    """Implements service.llm.Model; `prefer` picks which option scores highest.

    `scores(prompt, options) -> [log-prob per option]` gives graded scores instead, so that
    calibration against the empty-input prior can change which option wins; `pick` then adds
    the offsets it is given, as a server applying a logit bias would. `answer` (a dict, or
    `callable(messages) -> dict`) is the chat path's reply, validated against the schema asked for.
    `delay` is how long each score, pick or generate call takes (asyncio.sleep): a slow model.
    """

    name: str = "fake-model"
    capabilities: Capabilities = field(
        default_factory=lambda: Capabilities(
            option_scoring=True, option_bias=False, structured_output="json_object"
        )
    )
    prefer: Any = None  # callable(prompt, options) -> index of the winning option
    fail: BaseException | None = None
    calls: list[tuple[str, Any]] = field(default_factory=list)
    priors: Priors = field(default_factory=Priors)
    scores: Any = None  # callable(prompt, options) -> list of log-probabilities, one per option
    answer: Any = None  # dict, or callable(messages) -> dict: the chat path's JSON reply
    delay: float = 0.0  # seconds each score, pick or generate call takes

    async def score(self, prompt: str, options: list[str], usage: Usage, deadline: float) -> list[float]:
        self.calls.append(("score", (prompt, list(options))))
        usage.calls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        usage.tokens_in += len(prompt.split())
        if self.fail is not None:
            raise self.fail
        if self.scores is not None:
            return [float(x) for x in self.scores(prompt, list(options))]
        winner = self.prefer(prompt, options) if self.prefer else 0
        return [0.0 if i == winner else -5.0 for i in range(len(options))]

    async def pick(
        self, prompt: str, options: list[str], offsets: list[float], usage: Usage, deadline: float
    ) -> int:
        self.calls.append(("pick", (prompt, list(options))))
        usage.calls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail is not None:
            raise self.fail
        if self.scores is not None:
            biased = [s + o for s, o in zip(self.scores(prompt, list(options)), offsets, strict=True)]
            return max(range(len(options)), key=biased.__getitem__)
        return self.prefer(prompt, options) if self.prefer else 0

    async def generate(self, messages, schema, usage: Usage, deadline: float):
        self.calls.append(("generate", messages))
        usage.calls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail is not None or self.answer is None:
            raise self.fail or ModelError("FakeModel has no scripted chat answers")
        reply = self.answer(messages) if callable(self.answer) else self.answer
        try:
            result = schema.model_validate_json(json.dumps(reply))
        except ValidationError as e:  # what the real client raises once its schema retries are spent
            usage.schema_attempts += 1
            usage.schema_failures += 1
            usage.schema_first_try_ok.append(False)
            raise SchemaError(f"{schema.__name__}: {e.error_count()} error(s)") from e
        usage.schema_attempts += 1
        usage.schema_first_try_ok.append(True)
        return result

    async def ready(self) -> bool:
        self.calls.append(("ready", None))
        return self.fail is None
