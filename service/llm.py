"""The model seam: one narrow interface with declared capabilities, over openai.AsyncOpenAI.

All retries live here (tenacity), never in the SDK: transport faults (429, 5xx, timeouts,
connection errors) back off exponentially with jitter and honour Retry-After; schema
failures are retried with the validation errors fed back. A brief asks through its own
ModelSession, which gives every call the brief's deadline and counts it in the brief's Usage.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

import httpx
import openai
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from service.priors import Priors
from service.settings import Settings

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
_TOP_LOGPROBS = 20
# Added to every option's logit: far above any real logit, so the greedy token is an option.
_LIFT = 60.0
_READY_TIMEOUT_S = 2.0
StructuredOutput = Literal["json_schema", "json_object", "none"]
# At DEBUG the SDK logs every request's options, prompts (article text) included, and upstream
# error bodies; BRIEF_LOG_LEVEL=debug must not put those in the log.
logging.getLogger("openai").setLevel(logging.INFO)


class ModelError(RuntimeError):
    """The model could not be reached or answered in error after all retries."""


class SchemaError(ModelError):
    """The model's output never validated against the schema within the retry budget."""


class DeadlineExceeded(ModelError):
    """The request's deadline passed before the model answered."""


@dataclass(frozen=True)
class Capabilities:
    """What the server behind a model supports."""

    # /v1/completions returns top log-probabilities of the next token (OpenAI's `logprobs`).
    option_scoring: bool
    # /v1/completions takes `logit_bias` keyed by token text (llama.cpp's logit_bias_type=tokens).
    option_bias: bool
    # How the server takes a JSON schema for chat output.
    structured_output: StructuredOutput


@dataclass
class Usage:
    """What one brief cost: calls, tokens, retries, schema outcomes."""

    calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    retries: int = 0
    schema_attempts: int = 0
    schema_failures: int = 0
    schema_first_try_ok: list[bool] = field(default_factory=list)  # per generate() call

    def add_tokens(self, usage: Any) -> None:
        """Add a response's token usage, when the server reports it."""
        if usage is not None:
            self.tokens_in += usage.prompt_tokens or 0
            self.tokens_out += usage.completion_tokens or 0


class Model(Protocol):
    """A model the pipeline can ask small, constrained questions."""

    name: str
    capabilities: Capabilities
    priors: Priors  # kept across briefs: a prior depends only on the model and the prompt

    async def score(self, prompt: str, options: list[str], usage: Usage, deadline: float) -> list[float]:
        """Log-probability of each option's first token after prompt (needs option_scoring)."""
        ...

    async def pick(
        self, prompt: str, options: list[str], offsets: list[float], usage: Usage, deadline: float
    ) -> int:
        """Index of the option the model ranks first after adding offsets (needs option_bias)."""
        ...

    async def generate(
        self, messages: list[dict[str, str]], schema: type[T], usage: Usage, deadline: float
    ) -> T:
        """A chat answer validated against schema (needs structured_output)."""
        ...

    async def ready(self) -> bool:
        """Whether the server answers now."""
        ...


@dataclass
class ModelSession:
    """One brief's use of a model: every call under the brief's deadline, counted in its own Usage,
    so briefs sharing the model never share counts."""

    model: Model
    deadline: float
    usage: Usage = field(default_factory=Usage, init=False)

    async def score(self, prompt: str, options: list[str]) -> list[float]:
        """Model.score within this session."""
        return await self.model.score(prompt, options, self.usage, self.deadline)

    async def pick(self, prompt: str, options: list[str], offsets: list[float]) -> int:
        """Model.pick within this session."""
        return await self.model.pick(prompt, options, offsets, self.usage, self.deadline)

    async def generate(self, messages: list[dict[str, str]], schema: type[T]) -> T:
        """Model.generate within this session."""
        return await self.model.generate(messages, schema, self.usage, self.deadline)


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return isinstance(exc, openai.APIConnectionError)  # includes APITimeoutError


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: rare from model servers; fall back to backoff


class OpenAIModel:
    """A model on any OpenAI-compatible server (OpenAI, vLLM, llama.cpp, Ollama, LiteLLM...)."""

    def __init__(self, settings: Settings, base_url: str, capabilities: Capabilities) -> None:
        self.name = settings.model
        self.capabilities = capabilities
        self.priors = Priors()
        self._settings = settings
        self._client = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=settings.api_key.get_secret_value(),
            max_retries=0,  # tenacity owns retries; nesting both multiplies attempts
            timeout=settings.request_timeout_s,
        )

    async def close(self) -> None:
        """Release the HTTP connection pool."""
        await self._client.close()

    async def ready(self) -> bool:
        """Whether the server lists its models within a short timeout."""
        try:
            page = await self._within(_READY_TIMEOUT_S, self._client.models.list(timeout=_READY_TIMEOUT_S))
        except Exception:  # any failure, a proxy's HTML page included, means not ready
            return False
        return hasattr(page, "data")

    def _wait(self, state: RetryCallState) -> float:
        s = self._settings
        exc = state.outcome.exception() if state.outcome else None
        hinted = _retry_after(exc)
        if hinted is not None:
            return hinted  # bounded by the deadline: past_deadline stops a sleep that would cross it
        backoff = min(s.backoff_max_s, s.backoff_initial_s * 2 ** (state.attempt_number - 1))
        return random.uniform(backoff / 2, backoff)  # jitter spreads retries from many clients

    async def _call(self, fn: Any, usage: Usage, deadline: float, **kwargs: Any) -> Any:
        """One API call with transport retries, bounded by the deadline."""

        stopped_by_deadline = False

        def past_deadline(state: RetryCallState) -> bool:
            nonlocal stopped_by_deadline
            stopped_by_deadline = time.monotonic() + (state.upcoming_sleep or 0) >= deadline
            return stopped_by_deadline

        def count_retry(state: RetryCallState) -> None:
            usage.retries += 1

        retrying = AsyncRetrying(
            retry=retry_if_exception(_retryable),
            wait=self._wait,
            stop=stop_after_attempt(self._settings.max_retries + 1) | past_deadline,
            before_sleep=count_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise DeadlineExceeded("the request's deadline passed before the model answered")
                    usage.calls += 1
                    timeout = min(self._settings.request_timeout_s, remaining)
                    try:
                        response = await self._within(timeout, fn(timeout=timeout, **kwargs))
                    except ValueError as e:  # a 200 whose body is not JSON (proxy page, cut body)
                        raise ModelError("model server answered 200 without OpenAI JSON") from e
                    if not hasattr(response, "choices"):
                        raise ModelError("model server answered 200 without OpenAI JSON")
                    usage.add_tokens(getattr(response, "usage", None))
                    return response
        except ModelError:
            raise
        except (openai.APIStatusError, openai.APIConnectionError) as e:
            hinted = _retry_after(e)
            if stopped_by_deadline and hinted is not None and time.monotonic() < deadline:
                # Not a deadline that passed: the server asked for a wait that would cross it.
                raise DeadlineExceeded(
                    f"the model server answered HTTP {getattr(e, 'status_code', '?')} and asked to "
                    f"retry after {hinted:g}s, past the request's deadline"
                ) from e
            if stopped_by_deadline or time.monotonic() >= deadline:
                raise DeadlineExceeded("the request's deadline passed before the model answered") from e
            if isinstance(e, openai.APIStatusError):
                raise ModelError(f"model server answered HTTP {e.status_code} after retries") from e
            raise ModelError(f"model server unreachable after retries: {type(e).__name__}") from e
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def _within(self, seconds: float, call: Awaitable[R]) -> R:
        """The call's result, or the SDK's timeout error once `seconds` have passed in all."""
        # The SDK's timeout bounds each read, not the answer: a server that sends its body a byte
        # at a time, or never ends it, would hold the call past every deadline.
        try:
            async with asyncio.timeout(seconds):
                return await call
        except TimeoutError as e:
            raise openai.APITimeoutError(request=httpx.Request("POST", self._client.base_url)) from e

    async def _next_token(self, prompt: str, usage: Usage, deadline: float, **extra: Any) -> Any:
        """One greedy token after prompt on /v1/completions: the shape of every option question."""
        return await self._call(
            self._client.completions.create,
            usage,
            deadline,
            model=self.name,
            prompt=prompt,
            max_tokens=1,
            temperature=0.0,
            **extra,
        )

    async def score(self, prompt: str, options: list[str], usage: Usage, deadline: float) -> list[float]:
        """Log-probability of each option's first token, from the next token's top log-probs."""
        if not self.capabilities.option_scoring:
            raise ModelError(f"model {self.name} does not declare option_scoring")
        response = await self._next_token(prompt, usage, deadline, logprobs=_TOP_LOGPROBS)
        logprobs = response.choices[0].logprobs if response.choices else None
        if logprobs is None or not logprobs.top_logprobs or not logprobs.top_logprobs[0]:
            raise ModelError("server returned no log-probabilities; set BRIEF_OPTION_SCORING=false")
        return option_logprobs(logprobs.top_logprobs[0], options)

    async def pick(
        self, prompt: str, options: list[str], offsets: list[float], usage: Usage, deadline: float
    ) -> int:
        """One greedy token with every option's tokens lifted far above the vocabulary."""
        if not self.capabilities.option_bias:
            raise ModelError(f"model {self.name} does not declare option_bias")
        bias = {option: _LIFT + offset for option, offset in zip(options, offsets, strict=True)}
        response = await self._next_token(
            prompt, usage, deadline, extra_body={"logit_bias": bias, "logit_bias_type": "tokens"}
        )
        token = (response.choices[0].text if response.choices else "").strip().lower()
        for i, option in enumerate(options):
            if token and option.strip().lower().startswith(token):
                return i
        for i, option in enumerate(options):
            if token and token in option.lower():
                return i
        raise ModelError(f"model answered {token!r}, which is none of the options")

    async def generate(
        self, messages: list[dict[str, str]], schema: type[T], usage: Usage, deadline: float
    ) -> T:
        """Chat completion validated by pydantic; invalid output is retried with the errors fed back."""
        mode = self.capabilities.structured_output
        json_schema = schema.model_json_schema()
        if mode == "json_schema":
            response_format: dict[str, Any] | None = {
                "type": "json_schema",
                "json_schema": {"name": schema.__name__, "schema": json_schema, "strict": False},
            }
        elif mode == "json_object":
            response_format = {"type": "json_object", "schema": json_schema}
        else:
            response_format = None
        history = list(messages)
        for attempt in range(self._settings.schema_retries + 1):
            kwargs: dict[str, Any] = {"model": self.name, "messages": history, "temperature": 0.0}
            if response_format is not None:
                kwargs["response_format"] = response_format
            response = await self._call(self._client.chat.completions.create, usage, deadline, **kwargs)
            content = (response.choices[0].message.content or "") if response.choices else ""
            usage.schema_attempts += 1
            try:
                result = schema.model_validate_json(content)
            except ValidationError as e:
                usage.schema_failures += 1
                if attempt == 0:
                    usage.schema_first_try_ok.append(False)
                history += [
                    {"role": "assistant", "content": content[:4000]},
                    {"role": "user", "content": _feedback(e)},
                ]
                continue
            if attempt == 0:
                usage.schema_first_try_ok.append(True)
            return result
        raise SchemaError(
            f"model output failed {schema.__name__} validation {self._settings.schema_retries + 1} times"
        )


def _feedback(error: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()[:10]
    )
    return f"That reply was not valid JSON for the schema ({problems}). Reply with corrected JSON only."


def option_logprobs(top: dict[str, float], options: list[str]) -> list[float]:
    """Each option's score: its longest first-token prefix among the top log-probs.

    An option whose first token is not among them scores below the least likely one shown.
    """
    floor = min(top.values()) - 1.0
    scores = []
    for option in options:
        matches = [(len(tok), lp) for tok, lp in top.items() if tok.strip() and option.startswith(tok)]
        scores.append(max(matches)[1] if matches else floor)
    return scores


def capabilities_for(settings: Settings, embedded: bool) -> Capabilities:
    """Declared capabilities: settings override; the embedded llama.cpp server's are known."""
    scoring = settings.option_scoring if settings.option_scoring is not None else embedded
    bias = settings.option_bias if settings.option_bias is not None else embedded
    structured: StructuredOutput = settings.structured_output or (
        "json_object" if embedded else "json_schema"
    )
    return Capabilities(option_scoring=scoring, option_bias=bias, structured_output=structured)
