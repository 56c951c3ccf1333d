"""The one settings object: every knob is a BRIEF_* environment variable (documented in README)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _prompts() -> Path:
    # A checkout keeps prompts/ beside the package; an installed wheel carries them inside it.
    beside = PROJECT_ROOT / "prompts"
    return beside if beside.is_dir() else Path(__file__).resolve().parent / "prompt_files"


class Settings(BaseSettings):
    """Runtime configuration read from BRIEF_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="BRIEF_", extra="ignore")

    # Model endpoint. Unset base_url means: start the embedded llama.cpp server.
    base_url: str | None = None
    model: str = "gemma-3-270m"
    api_key: SecretStr = SecretStr("not-needed")
    # How the server takes a JSON schema: OpenAI's "json_schema", llama.cpp's "json_object".
    structured_output: Literal["json_schema", "json_object", "none"] | None = None
    # Whether /v1/completions returns top log-probabilities (default: only the embedded server).
    option_scoring: bool | None = None
    # Whether /v1/completions takes logit_bias keyed by token text, as llama.cpp's server does.
    option_bias: bool | None = None

    # Retries and time.
    request_timeout_s: float = Field(30.0, gt=0)
    deadline_s: float = Field(120.0, gt=0)
    max_retries: int = Field(3, ge=0)
    schema_retries: int = Field(2, ge=0)
    backoff_initial_s: float = Field(0.5, ge=0)
    backoff_max_s: float = Field(8.0, ge=0)

    # Pipeline.
    prompts_dir: Path = _prompts()
    topic: str = "ukraine_peace_talks"
    use_model: bool = True
    # Who words the claims: "rule" (deletion only), "model" (a chat model, each wording verified),
    # or "auto": the model when it is a chat model (JSON answers, no option scoring), the rule on
    # the embedded model (which does not write faithfully; see README).
    writer: Literal["auto", "rule", "model"] = "auto"
    fallback: bool = True
    max_claim_ratio: float = Field(0.2, gt=0, le=1)
    # Sources of a few hundred words would leave a fifth of them no room for a claim: a brief may
    # always take this many words (never more than the sources have).
    min_claim_words: int = Field(50, ge=0)
    model_concurrency: int = Field(1, ge=1)
    # Deduplication and selection grow faster than linearly in sentences: bound one brief's work.
    max_sentences: int = Field(3000, gt=0)

    # Embedded model server.
    local_host: str = "127.0.0.1"
    local_port: int = Field(0, ge=0, le=65535)
    local_ctx: int = Field(1024, ge=256)
    local_threads: int = Field(2, ge=1)
    local_start_timeout_s: float = Field(120.0, gt=0)
    model_dir: Path = Path.home() / ".cache" / "brief" / "models"

    # HTTP API limits.
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    max_body_bytes: int = Field(5_000_000, gt=0)
    max_documents: int = Field(50, gt=0)
    max_document_chars: int = Field(200_000, gt=0)
    max_concurrent_briefs: int = Field(4, ge=1)
    queue_timeout_s: float = Field(5.0, ge=0)
    # Optional bearer keys for POST /brief, comma-separated; unset means no auth.
    api_keys: SecretStr | None = None

    # Brief cache: in-process LRU by default, Redis (shared by replicas) when redis_url is set.
    cache_max_entries: int = Field(256, ge=0)
    cache_max_bytes: int = Field(256_000_000, ge=0)
    cache_ttl_s: int = Field(86_400, gt=0)
    redis_url: SecretStr | None = None
    redis_timeout_s: float = Field(0.5, gt=0)
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("api_keys")
    @classmethod
    def _some_key(cls, value: SecretStr | None) -> SecretStr | None:
        # A set but empty list would silently switch auth off.
        if value is not None and not _split_keys(value):
            raise ValueError("BRIEF_API_KEYS is set but holds no key; unset it to switch auth off")
        return value

    @model_validator(mode="after")
    def _no_retired_names(self) -> Settings:
        # Unknown variables are ignored, so a deployment still setting the old name would run
        # without auth; refuse to start instead.
        if "BRIEF_AUTH_TOKEN" in os.environ:
            raise ValueError("BRIEF_AUTH_TOKEN was replaced by BRIEF_API_KEYS (comma-separated); rename it")
        return self

    def bearer_keys(self) -> list[bytes]:
        """The accepted bearer keys (empty: no auth)."""
        return _split_keys(self.api_keys) if self.api_keys is not None else []


def _split_keys(value: SecretStr) -> list[bytes]:
    return [k.strip().encode() for k in value.get_secret_value().split(",") if k.strip()]


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
