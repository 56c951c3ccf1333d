"""A bounded soak on loopback: mixed traffic against the API for minutes, /healthz polled throughout.

    python -m service.bench.soak --minutes 10 [--rate R] [--out DIR]

The app (`create_app`) runs under uvicorn in a thread of this process on 127.0.0.1, its model the
instant model (service/bench/instant_model.py) behind a small faulty proxy, also on 127.0.0.1: a
model request whose prompt carries a fault marker gets that fault (a 500, a hang past the request
timeout, a 200 that is not JSON, a dropped connection, or a body dripped slower than the timeout);
every other request goes through to the instant model. The marker rides in the issue labels of an
inline topic profile, which the status prompt quotes; a fault brief sends a report that leaves the
security guarantees undecided (split_report.txt), then every seed, so the model is asked.

Traffic is open-loop at `--rate` requests a second, each kind in turn from a shuffled deck: new
briefs (seed articles with a few words swapped, so they miss the cache), cache hits (a recent
request again), renders (/render/markdown and /render/html of a recent brief), bad input (empty
text, invalid JSON, too many documents, an unknown topic), hostile profiles (an inline keyword
`a*a*a*a*a*a*a*a*b` beside 3,000 x "a", and a long alias list) and upstream faults. It stops
sending after the run's time, waits for the answers (bounded by the client timeout), and reports:
requests by route and status, and by kind; /healthz latency over the run and per minute; RSS of
this process at the start, after warm-up and at the end; any 5xx other than the documented
502/503/504; and any 200 brief citing a document or quote that is not its request's.

It exits 1 when a bound of issue 14 is missed: an undocumented 5xx, /healthz p99 >= 100 ms, RSS at
the end over 15% above its level after warm-up, a brief citing what its request did not send, or a
request left unanswered. `soak.json` in --out holds the whole report.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import http.client
import json
import logging
import math
import os
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from service.api import create_app
from service.bench.instant_model import CAPABILITIES, MODEL_ID, instant_model_server
from service.settings import PROJECT_ROOT, Settings
from service.threaded_server import serve_in_thread
from service.topic import MAX_ALIASES, read_profile

# Issue 14's "done when" bounds.
DOCUMENTED_5XX = frozenset({502, 503, 504})
HEALTHZ_P99_BOUND_MS = 100.0
RSS_GROWTH_BOUND = 0.15

HEALTHZ_EVERY_S = 0.1
HEALTHZ_TIMEOUT_S = 5.0
SLOW_POLL_MS, SLOW_KEPT = 50.0, 500  # slow polls kept with what was in flight, for the cause
GC_KEPT_MS, GC_KEPT = 10.0, 20_000  # collections kept: every full one, and any other this long
WARMUP_SHARE, WARMUP_MAX_S = 0.1, 60.0  # the first 10% of the run, at most its first minute
CLIENT_TIMEOUT_S = 60.0  # above the soak's deadline plus the API's grace: every answer arrives first
MAX_IN_FLIGHT = 32  # the driver's own bound: a stalled server is not sent an ever-growing queue
RECENT = 16  # recent successful briefs kept to ask again (cache hits) and to render
KEPT = 50  # of each kind of finding (undocumented 5xx, bad citations, ...), the first kept in full
BODY_CHARS = 500

# A report that leaves the seeds' security guarantees undecided (two officials say agreed, the
# seeds say open, later): a brief with it first asks the model where they stand; the seeds alone
# ask nothing, and a deal reported after them would settle the issue.
SPLIT_REPORT = Path(__file__).with_name("split_report.txt")
# The upstream's faults; the soak's settings make each one resolve within seconds.
FAULTS = ("error", "hang", "garbage", "drop", "drip")
FAULT_MARK = "soakfault"
HANG_S = 2.5  # past the soak's request timeout
DRIP_S = 3.0  # the body arrives over this long, a byte at a time
SOAK_SETTINGS: dict[str, Any] = {
    "model": MODEL_ID,
    "option_scoring": CAPABILITIES.option_scoring,
    "option_bias": CAPABILITIES.option_bias,
    "structured_output": CAPABILITIES.structured_output,
    "request_timeout_s": 1.5,
    "deadline_s": 15.0,
    "max_retries": 2,
    "backoff_initial_s": 0.1,
    "backoff_max_s": 0.5,
}

# Traffic kinds and their share of each deck of 20 requests.
DECK = {"new": 5, "hit": 4, "render_md": 2, "render_html": 2, "bad": 3, "hostile": 2, "fault": 2}
KINDS = tuple(DECK)
BAD = ("empty_text", "invalid_json", "too_many_documents", "unknown_topic")
HOSTILE_KEYWORD = "a*a*a*a*a*a*a*a*b"
HOSTILE_TEXT = "a" * 3000
HOSTILE_ALIASES = MAX_ALIASES  # the most a profile may give a party
EDITS_PER_1000_WORDS = 10
_WORD = re.compile(r"[A-Za-z]{4,}")
_JSON_HEADERS = {"content-type": "application/json"}


# --- the upstream: the instant model behind a proxy that faults on a marker --------------------


class FaultyUpstream:
    """The instant model on 127.0.0.1 behind a proxy, also on 127.0.0.1, that faults on a marker.

    A request whose body holds `soakfault<mode>` gets that mode's fault; any other goes to the
    instant model as is. `served` counts what the proxy answered, by mode ("ok" for passed on).
    """

    def __init__(self) -> None:
        self.served: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.url = ""
        self._target: tuple[str, int] = ("", 0)

    def count(self, mode: str) -> None:
        with self._lock:
            self.served[mode] += 1

    @contextlib.contextmanager
    def run(self) -> Iterator[str]:
        """Serve the proxy; yields the /v1 base URL to give the service."""
        with instant_model_server() as instant:
            parts = urlsplit(instant)
            self._target = (parts.hostname or "127.0.0.1", parts.port or 80)
            server = _ProxyServer(("127.0.0.1", 0), _handler_for(self))
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            thread.start()
            try:
                self.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
                yield self.url
            finally:
                self._stopping.set()  # ends hangs and drips now
                server.shutdown()
                server.server_close()
                thread.join(5.0)

    def forward(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes, str]:
        """The instant model's answer to the same request."""
        conn = http.client.HTTPConnection(*self._target, timeout=10.0)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.read(), answer.getheader("Content-Type") or "application/json"
        finally:
            conn.close()


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


def _handler_for(upstream: FaultyUpstream) -> type[BaseHTTPRequestHandler]:
    marker = re.compile(FAULT_MARK + "(" + "|".join(FAULTS) + ")")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            upstream.count("ok")
            self._answer(*upstream.forward("GET", self.path, None))

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            found = marker.search(body.decode("utf-8", "replace"))
            mode = found.group(1) if found else "ok"
            upstream.count(mode)
            if mode == "ok":
                self._answer(*upstream.forward("POST", self.path, body))
            elif mode == "error":
                self._answer(500, b'{"error": {"message": "soak: upstream error"}}', "application/json")
            elif mode == "hang":
                upstream._stopping.wait(HANG_S)
                self.close_connection = True  # the client gave up; nothing is sent
            elif mode == "garbage":
                self._answer(200, b"<html>not json</html>", "application/json")
            elif mode == "drop":
                self.close_connection = True  # closed without a status line
            else:  # drip: a valid answer's headers, then its body one byte at a time
                self._drip(*upstream.forward("POST", self.path, body))

        def _answer(self, status: int, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _drip(self, status: int, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            pause = DRIP_S / max(len(data), 1)
            with contextlib.suppress(OSError):
                for i in range(len(data)):
                    if upstream._stopping.wait(pause):
                        break
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
            self.close_connection = True

    return Handler


# --- measurements -------------------------------------------------------------------------------


def rss_mb() -> float:
    """This process's resident set (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmRSS in /proc/self/status")


def loadavg() -> float:
    """The machine's load average over the last minute: other work shares these cores."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank q-quantile (q in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _summary(values: list[float]) -> dict[str, Any]:
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 2)

    return {
        "n": len(values),
        "p50_ms": r(percentile(values, 0.5)),
        "p99_ms": r(percentile(values, 0.99)),
        "max_ms": r(max(values) if values else None),
    }


class HealthPoller:
    """GET /healthz every 100 ms on its own thread and connection; samples RSS every second."""

    def __init__(self, base_url: str, started: float, in_flight: Counter[str]) -> None:
        self._client = httpx.Client(base_url=base_url, timeout=HEALTHZ_TIMEOUT_S)
        self._started = started
        self._in_flight = in_flight
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="soak-healthz", daemon=True)
        self.samples: list[tuple[float, float]] = []  # (seconds into the run, latency ms)
        self.failures: list[dict[str, Any]] = []
        self.rss: list[tuple[float, float]] = []  # (seconds into the run, MB)
        self.load: list[tuple[float, float]] = []  # (seconds into the run, the machine's 1-min load)
        # Polls over SLOW_POLL_MS, with the kinds of request in flight when each was sent.
        self.slow: list[dict[str, Any]] = []

    def __enter__(self) -> HealthPoller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(HEALTHZ_TIMEOUT_S + 1)
        self._client.close()

    def _run(self) -> None:
        tick = 0
        while not self._stop.is_set():
            at = time.perf_counter()
            busy = {k: n for k, n in list(self._in_flight.items()) if n}
            try:
                response = self._client.get("/healthz")
                ms = (time.perf_counter() - at) * 1000
                if response.status_code != 200:
                    self.failures.append(
                        {"at_s": round(at - self._started, 2), "status": response.status_code}
                    )
            except httpx.HTTPError as e:
                ms = (time.perf_counter() - at) * 1000
                self.failures.append({"at_s": round(at - self._started, 2), "error": type(e).__name__})
            self.samples.append((at - self._started, ms))
            if ms >= SLOW_POLL_MS and len(self.slow) < SLOW_KEPT:
                self.slow.append(
                    {"at_s": round(at - self._started, 2), "ms": round(ms, 1), "in_flight": busy}
                )
            if tick % 10 == 0:
                self.rss.append((time.perf_counter() - self._started, rss_mb()))
                self.load.append((time.perf_counter() - self._started, loadavg()))
            tick += 1
            # A fixed schedule: a slow answer delays the next poll, it does not shift the rest.
            delay = self._started + tick * HEALTHZ_EVERY_S - time.perf_counter()
            if delay < 0:
                tick = math.ceil((time.perf_counter() - self._started) / HEALTHZ_EVERY_S)
                delay = 0
            self._stop.wait(delay)


class GcWatch:
    """Times every garbage collection: a full one holds the GIL, so it stalls every thread."""

    def __init__(self, started: float) -> None:
        self._started = started
        self._began = 0.0
        self.collections: Counter[int] = Counter()
        self.pauses: list[tuple[int, float, float]] = []  # (generation, seconds into the run, ms)

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        # Collections never overlap (the collector runs under the GIL, one at a time).
        if phase == "start":
            self._began = time.perf_counter()
            return
        ms = (time.perf_counter() - self._began) * 1000
        generation = info["generation"]
        self.collections[generation] += 1
        if (generation == 2 or ms >= GC_KEPT_MS) and len(self.pauses) < GC_KEPT:
            self.pauses.append((generation, self._began - self._started, ms))

    def report(self, slow_polls: list[dict[str, Any]]) -> dict[str, Any]:
        """Collections by generation, full collections' pauses, and the slow polls they overlap."""
        long = [(at, at + ms / 1000) for _, at, ms in self.pauses if ms >= GC_KEPT_MS]

        def during_gc(poll: dict[str, Any]) -> bool:
            start, end = poll["at_s"], poll["at_s"] + poll["ms"] / 1000
            return any(a < end and start < b for a, b in long)

        return {
            "collections": {str(g): n for g, n in sorted(self.collections.items())},
            "full": _summary([ms for g, _, ms in self.pauses if g == 2]),
            "pauses_over_slow_poll_ms": sum(ms >= SLOW_POLL_MS for _, _, ms in self.pauses),
            "slow_polls_during_a_pause": sum(during_gc(p) for p in slow_polls),
            "thresholds": list(gc.get_threshold()),
        }


class _LogCounter(logging.Handler):
    """Counts the server's warnings and keeps its first errors (an unhandled exception is one)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: Counter[str] = Counter()
        self.errors: list[str] = []
        self.error_count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.error_count += 1
            if len(self.errors) < KEPT:
                self.errors.append(f"{record.name}: {record.getMessage()}"[:BODY_CHARS])
        else:
            self.warnings[record.name] += 1


@contextlib.contextmanager
def _captured_logs() -> Iterator[_LogCounter]:
    """The app's and uvicorn's WARNING+ records go to a counter, not to the terminal."""
    handler = _LogCounter()
    loggers = [logging.getLogger(), logging.getLogger("uvicorn.error")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


# --- traffic -------------------------------------------------------------------------------------


@dataclass
class Sent:
    """One request of the soak, and what it needs to check its answer."""

    kind: str
    route: str
    body: bytes  # JSON, encoded once: the driver holds bytes, not objects the collector walks
    detail: str = ""  # the sub-kind: a bad input's or a fault's name
    documents: list[dict[str, Any]] = field(default_factory=list)  # a /brief's, to check citations


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


class Traffic:
    """The requests of the soak: seeded, so two runs at one rate send the same mix."""

    def __init__(self, settings: Settings, seed: int, aliases: int = HOSTILE_ALIASES) -> None:
        self.rng = random.Random(seed)
        self.aliases = aliases
        self.seeds = {
            p.stem: p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
        }
        if not self.seeds:
            raise SystemExit("soak: no seed articles under seeds/")
        self.vocabulary = sorted({w for t in self.seeds.values() for w in _WORD.findall(t)})
        self.profile = read_profile(settings.prompts_dir / "topics" / f"{settings.topic}.yaml").model_dump(
            mode="json"
        )
        self.max_documents = settings.max_documents
        self.recent: deque[tuple[Sent, bytes]] = deque(maxlen=RECENT)  # (request, its brief's JSON)
        self._n = 0
        self._deck: list[str] = []
        self._bad = 0
        self._fault = 0

    def next_kind(self) -> str:
        """The next kind from a shuffled deck: every 20 requests hold each kind in its share."""
        if not self._deck:
            self._deck = [k for k, n in DECK.items() for _ in range(n)]
            self.rng.shuffle(self._deck)
        return self._deck.pop()

    def request(self, kind: str) -> Sent:
        """A request of this kind; a hit or a render before any brief came back is a new brief."""
        if kind in ("hit", "render_md", "render_html") and self.recent:
            sent, brief = self.rng.choice(self.recent)
            if kind == "hit":
                return Sent("hit", "/brief", sent.body, documents=sent.documents)
            if kind == "render_md":
                return Sent("render_md", "/render/markdown", brief)
            both = b'{"brief": ' + brief + b', "documents": ' + _json(sent.documents) + b"}"
            return Sent("render_html", "/render/html", both)
        if kind == "bad":
            return self._bad_input()
        if kind == "hostile":
            return self._hostile()
        if kind == "fault":
            return self._faulty()
        return self._new("new")

    def keep(self, sent: Sent, brief: bytes) -> None:
        """A brief the model made (so it is cached): later hits and renders use it."""
        self.recent.append((sent, brief))

    def _edited(self, stems: list[str]) -> list[dict[str, Any]]:
        self._n += 1
        docs = []
        for stem in stems:
            text = self.seeds[stem]
            words = list(_WORD.finditer(text))
            edits = max(1, len(words) * EDITS_PER_1000_WORDS // 1000)
            for m in sorted(self.rng.sample(words, min(edits, len(words))), key=lambda m: -m.start()):
                text = text[: m.start()] + self.rng.choice(self.vocabulary) + text[m.end() :]
            docs.append({"id": f"r{self._n}-{stem}", "text": text})
        return docs

    def _some_seeds(self) -> list[str]:
        stems = list(self.seeds)
        return sorted(self.rng.sample(stems, self.rng.randint(max(1, len(stems) - 2), len(stems))))

    def _new(
        self, kind: str, topic: Any = None, every_seed: bool = False, older: Sequence[dict[str, Any]] = ()
    ) -> Sent:
        docs = [*older, *self._edited(list(self.seeds) if every_seed else self._some_seeds())]
        payload: dict[str, Any] = {"documents": docs}
        if topic is not None:
            payload["topic"] = topic
        return Sent(kind, "/brief", _json(payload), documents=docs)

    def _bad_input(self) -> Sent:
        which = BAD[self._bad % len(BAD)]
        self._bad += 1
        if which == "empty_text":
            return Sent("bad", "/brief", _json({"documents": [{"id": "e", "text": ""}]}), which)
        if which == "invalid_json":
            return Sent("bad", "/brief", b'{"documents": [{"text": "Kyiv said', which)
        if which == "too_many_documents":
            docs = [{"id": f"m{i}", "text": "Kyiv said no."} for i in range(self.max_documents + 1)]
            return Sent("bad", "/brief", _json({"documents": docs}), which)
        docs = [{"id": "u", "text": next(iter(self.seeds.values()))}]
        return Sent("bad", "/brief", _json({"documents": docs, "topic": "no_such_profile"}), which)

    def _hostile(self) -> Sent:
        profile = json.loads(json.dumps(self.profile))
        profile["name"] = f"soak_hostile_{self._n}"
        profile["issues"].append(
            {"id": "soak_hostile", "label": "Hostile pattern", "keywords": [HOSTILE_KEYWORD, "a+b"]}
        )
        aliases = [f"{self.rng.choice(self.vocabulary)}{i}" for i in range(self.aliases)]
        profile["parties"].append({"name": "Soakland", "aliases": aliases})
        docs = [*self._edited(self._some_seeds()), {"id": f"r{self._n}-aaa", "text": HOSTILE_TEXT}]
        return Sent("hostile", "/brief", _json({"documents": docs, "topic": profile}), documents=docs)

    def _faulty(self) -> Sent:
        mode = FAULTS[self._fault % len(FAULTS)]
        self._fault += 1
        profile = json.loads(json.dumps(self.profile))
        profile["name"] = f"soak_fault_{mode}"
        for issue in profile["issues"]:
            issue["label"] = f"{issue['label']} {FAULT_MARK}{mode}"
        # The split report, then every seed: the brief asks the model where the guarantees stand.
        split = {"id": "split", "text": SPLIT_REPORT.read_text(encoding="utf-8")}
        sent = self._new("fault", topic=profile, every_seed=True, older=[split])
        sent.detail = mode
        return sent


def citation_problems(brief: dict[str, Any], documents: list[dict[str, Any]]) -> list[str]:
    """What a brief cites that its request did not send: another document, or a quote not in it."""
    texts = {d.get("id"): d.get("text") or "" for d in documents}
    problems = []
    for source in brief.get("sources", []):
        if source.get("doc_id") not in texts:
            problems.append(f"source {source.get('doc_id')!r} is not a document of the request")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "quote" in node and "doc_id" in node:
                doc, quote = node["doc_id"], node["quote"]
                if doc not in texts:
                    problems.append(f"cites {doc!r}, not a document of the request")
                elif quote not in texts[doc]:
                    problems.append(f"quote not in {doc!r}: {quote[:80]!r}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(brief)
    return problems


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What came back."""

    by_route: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_kind: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_detail: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    methods: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    cache: Counter[str] = field(default_factory=Counter)
    undocumented_5xx: list[dict[str, Any]] = field(default_factory=list)
    undocumented_count: int = 0
    citation_problems: list[dict[str, Any]] = field(default_factory=list)
    citation_count: int = 0
    unanswered: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    in_flight: Counter[str] = field(default_factory=Counter)
    stored: list[float] = field(default_factory=list)  # when a brief went into the cache

    def total(self) -> int:
        return sum(sum(c.values()) for c in self.by_route.values())


async def _send(
    client: httpx.AsyncClient, sent: Sent, traffic: Traffic, tally: Tally, started: float
) -> None:
    tally.in_flight[sent.kind] += 1
    try:
        await _send_counted(client, sent, traffic, tally, started)
    finally:
        tally.in_flight[sent.kind] -= 1


async def _send_counted(
    client: httpx.AsyncClient, sent: Sent, traffic: Traffic, tally: Tally, started: float
) -> None:
    at = time.perf_counter()
    try:
        response = await client.post(sent.route, content=sent.body, headers=_JSON_HEADERS)
    except httpx.HTTPError as e:
        status = type(e).__name__
        if len(tally.unanswered) < KEPT:
            tally.unanswered.append(
                {"route": sent.route, "kind": sent.kind, "detail": sent.detail, "error": status}
            )
        tally.by_route[sent.route][status] += 1
        tally.by_kind[sent.kind][status] += 1
        return
    tally.latency[sent.kind].append((time.perf_counter() - at) * 1000)
    status = str(response.status_code)
    tally.by_route[sent.route][status] += 1
    tally.by_kind[sent.kind][status] += 1
    if sent.detail:
        tally.by_detail[f"{sent.kind}:{sent.detail}"][status] += 1
    if response.status_code >= 500 and response.status_code not in DOCUMENTED_5XX:
        tally.undocumented_count += 1
        if len(tally.undocumented_5xx) < KEPT:
            tally.undocumented_5xx.append(
                {
                    "at_s": round(at - started, 2),
                    "route": sent.route,
                    "status": response.status_code,
                    "kind": sent.kind,
                    "detail": sent.detail,
                    "body": response.text[:BODY_CHARS],
                }
            )
    if sent.route != "/brief" or response.status_code != 200:
        return
    cache = response.headers.get("x-brief-cache", "absent")
    if sent.kind == "hit":
        tally.cache[cache] += 1
    brief = response.json()
    method = brief.get("meta", {}).get("method", "?")
    if cache == "miss" and method == "llm":  # what the API caches
        tally.stored.append(at - started)
    tally.methods[sent.kind][method] += 1
    if sent.detail:
        tally.methods[f"{sent.kind}:{sent.detail}"][method] += 1
    problems = citation_problems(brief, sent.documents)
    if problems:
        tally.citation_count += 1
        if len(tally.citation_problems) < KEPT:
            tally.citation_problems.append(
                {"kind": sent.kind, "detail": sent.detail, "problems": problems[:5]}
            )
    if sent.kind == "new" and method == "llm" and not problems:
        traffic.keep(sent, response.content)


async def _drive(
    base_url: str, traffic: Traffic, tally: Tally, seconds: float, rate: float, started: float
) -> float:
    """Send at `rate` a second for `seconds`, then wait for the answers; returns when sending stopped."""
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base_url, timeout=CLIENT_TIMEOUT_S, limits=limits) as client:
        # One brief first, so hits and renders have something to ask for.
        await _send(client, traffic.request("new"), traffic, tally, started)
        tasks: set[asyncio.Task[None]] = set()
        t0 = time.perf_counter()
        due = t0
        while True:
            due += traffic.rng.uniform(0.5, 1.5) / rate
            if due - t0 >= seconds:
                break
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            kind = traffic.next_kind()
            if len(tasks) >= MAX_IN_FLIGHT:
                tally.skipped += 1
                continue
            task = asyncio.create_task(_send(client, traffic.request(kind), traffic, tally, started))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        stopped = time.perf_counter()
        if tasks:
            await asyncio.wait(tasks, timeout=CLIENT_TIMEOUT_S + 5)
        return stopped


def _metrics_counts(base_url: str) -> dict[str, dict[str, int]]:
    """The server's own count of requests by route and status (/metrics)."""
    text = httpx.get(f"{base_url}/metrics", timeout=10.0).text
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for m in re.finditer(
        r'^brief_http_requests_total\{route="([^"]*)",status="([^"]*)"\} (\S+)$', text, re.M
    ):
        counts[m.group(1)][m.group(2)] = int(float(m.group(3)))
    return dict(counts)


def run_soak(seconds: float, rate: float, seed: int = 14, aliases: int = HOSTILE_ALIASES) -> dict[str, Any]:
    """Run the soak and return its report (see the module's doc)."""
    warmup_s = min(WARMUP_MAX_S, WARMUP_SHARE * seconds)
    upstream = FaultyUpstream()
    with _captured_logs() as logs, upstream.run() as url:
        settings = Settings(base_url=url, **SOAK_SETTINGS)
        traffic = Traffic(settings, seed, aliases)
        with serve_in_thread(create_app(settings)) as base_url:
            rss_start = rss_mb()
            tally = Tally()
            objects_start = len(gc.get_objects())
            cpu_start = _cpu_s()
            started = time.perf_counter()
            with GcWatch(started) as gcw, HealthPoller(base_url, started, tally.in_flight) as poller:
                stopped = asyncio.run(_drive(base_url, traffic, tally, seconds, rate, started))
            drained = time.perf_counter()
            cpu_s = _cpu_s() - cpu_start
            rss_end = rss_mb()
            objects_end = len(gc.get_objects())
            server_counts = _metrics_counts(base_url)
    return _report(
        seconds=seconds,
        rate=rate,
        seed=seed,
        warmup_s=warmup_s,
        settings=settings,
        tally=tally,
        poller=poller,
        logs=logs,
        upstream=upstream,
        rss_start=rss_start,
        rss_end=rss_end,
        sending_s=stopped - started,
        drained_s=drained - started,
        server_counts=server_counts,
        gcw=gcw,
        objects=(objects_start, objects_end),
        cpu_s=cpu_s,
        aliases=aliases,
    )


def _cpu_s() -> float:
    times = os.times()
    return times.user + times.system


def _report(
    *,
    seconds: float,
    rate: float,
    seed: int,
    warmup_s: float,
    settings: Settings,
    tally: Tally,
    poller: HealthPoller,
    logs: _LogCounter,
    upstream: FaultyUpstream,
    rss_start: float,
    rss_end: float,
    sending_s: float,
    drained_s: float,
    server_counts: dict[str, dict[str, int]],
    gcw: GcWatch,
    objects: tuple[int, int],
    cpu_s: float,
    aliases: int,
) -> dict[str, Any]:
    latencies = [ms for _, ms in poller.samples]
    per_minute = []
    for minute in range(max(1, math.ceil(drained_s / 60))):
        in_minute = [ms for at, ms in poller.samples if minute * 60 <= at < (minute + 1) * 60]
        rss = [mb for at, mb in poller.rss if minute * 60 <= at < (minute + 1) * 60]
        load = [x for at, x in poller.load if minute * 60 <= at < (minute + 1) * 60]
        per_minute.append(
            {
                "minute": minute + 1,
                **_summary(in_minute),
                "rss_mb_max": max(rss) if rss else None,
                "load_max": max(load) if load else None,
            }
        )
    warm = [mb for at, mb in poller.rss if at >= warmup_s]
    rss_warm = warm[0] if warm else rss_end
    growth = round(rss_end / rss_warm - 1, 4) if rss_warm else None
    healthz = {
        **_summary(latencies),
        "failures": len(poller.failures),
        "first_failures": poller.failures[:KEPT],
    }
    healthz["per_minute"] = per_minute
    healthz["slow_polls"] = {
        "over_ms": SLOW_POLL_MS,
        "count": sum(ms >= SLOW_POLL_MS for ms in latencies),
        "in_flight_when_slow": dict(Counter(k for s in poller.slow for k in s["in_flight"]).most_common()),
        "slowest": sorted(poller.slow, key=lambda s: -s["ms"])[:20],
    }
    checks = {
        "undocumented_5xx": {
            "value": tally.undocumented_count,
            "bound": "0",
            "ok": tally.undocumented_count == 0,
        },
        "healthz_p99_ms": {
            "value": healthz["p99_ms"],
            "bound": f"< {HEALTHZ_P99_BOUND_MS:g}",
            "ok": healthz["p99_ms"] is not None and healthz["p99_ms"] < HEALTHZ_P99_BOUND_MS,
        },
        "rss_growth_after_warmup": {
            "value": growth,
            "bound": f"<= {RSS_GROWTH_BOUND:g}",
            "ok": growth is not None and growth <= RSS_GROWTH_BOUND,
        },
        "briefs_citing_others": {
            "value": tally.citation_count,
            "bound": "0",
            "ok": tally.citation_count == 0,
        },
        "unanswered": {
            "value": sum(v for c in tally.by_route.values() for k, v in c.items() if not k.isdigit()),
            "bound": "0",
        },
    }
    checks["unanswered"]["ok"] = checks["unanswered"]["value"] == 0
    return {
        "run": {
            "seconds": seconds,
            "rate_per_s": rate,
            "seed": seed,
            "warmup_s": warmup_s,
            "sending_s": round(sending_s, 1),
            "drained_s": round(drained_s, 1),
            "settings": {k: v for k, v in SOAK_SETTINGS.items() if k not in ("model",)}
            | {
                "max_concurrent_briefs": settings.max_concurrent_briefs,
                "queue_timeout_s": settings.queue_timeout_s,
            },
            "deck": DECK,
            "hostile_aliases": aliases,
            "cpus": os.cpu_count(),
            "process_cpu_s": round(cpu_s, 1),
            "machine_load_1min": {
                "start": poller.load[0][1] if poller.load else None,
                "max": max((x for _, x in poller.load), default=None),
                "end": poller.load[-1][1] if poller.load else None,
            },
        },
        "requests": {
            "total": tally.total(),
            "skipped_by_driver": tally.skipped,
            "by_route": {r: dict(sorted(c.items())) for r, c in sorted(tally.by_route.items())},
            "by_kind": {
                k: {
                    "statuses": dict(sorted(tally.by_kind[k].items())),
                    "latency": _summary(tally.latency[k]),
                    "methods": dict(tally.methods[k]),
                }
                for k in KINDS
                if k in tally.by_kind
            },
            "by_detail": {
                d: {"statuses": dict(sorted(c.items())), "methods": dict(tally.methods[d])}
                for d, c in sorted(tally.by_detail.items())
            },
            "cache_on_hits": dict(tally.cache),
            "server_counts": server_counts,
        },
        "upstream": {"served": dict(sorted(upstream.served.items()))},
        "healthz": {"every_s": HEALTHZ_EVERY_S, **healthz},
        "rss_mb": {
            "start": rss_start,
            "warm": rss_warm,
            "end": rss_end,
            "peak": max([mb for _, mb in poller.rss] + [rss_end]),
            "growth_after_warmup": growth,
        },
        "cache_entries": {
            "bound": settings.cache_max_entries,
            "warm": min(settings.cache_max_entries, sum(at < warmup_s for at in tally.stored)),
            "end": min(settings.cache_max_entries, len(tally.stored)),
            "stored": len(tally.stored),
        },
        "gc": {**gcw.report(poller.slow), "tracked_objects": {"start": objects[0], "end": objects[1]}},
        "undocumented_5xx": tally.undocumented_5xx,
        "citation_problems": tally.citation_problems,
        "unanswered": tally.unanswered,
        "server_log": {
            "errors": logs.error_count,
            "first_errors": logs.errors,
            "warnings": dict(logs.warnings),
        },
        "verdict": {"ok": all(c["ok"] for c in checks.values()), "checks": checks},
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as plain-text tables."""
    run, req, hz, rss = report["run"], report["requests"], report["healthz"], report["rss_mb"]
    ce, g = report["cache_entries"], report["gc"]
    lines = [
        f"soak: {run['seconds']:g} s at {run['rate_per_s']:g}/s (seed {run['seed']}), "
        f"{req['total']} requests, answers drained at {run['drained_s']} s; this process used "
        f"{run['process_cpu_s']} CPU-s; machine load {run['machine_load_1min']} on {run['cpus']} CPUs",
        "",
        f"{'route':<18} {'status':<24} {'count':>6}",
    ]
    for route, statuses in req["by_route"].items():
        for status, n in statuses.items():
            lines.append(f"{route:<18} {status:<24} {n:>6}")
    lines += ["", f"{'kind':<12} {'statuses':<36} {'p50 ms':>8} {'p99 ms':>8}  methods"]
    for kind, k in req["by_kind"].items():
        statuses = " ".join(f"{s}:{n}" for s, n in k["statuses"].items())
        methods = " ".join(f"{m}:{n}" for m, n in k["methods"].items())
        lines.append(
            f"{kind:<12} {statuses:<36} {_ms(k['latency']['p50_ms']):>8} "
            f"{_ms(k['latency']['p99_ms']):>8}  {methods}"
        )
    for detail, d in req["by_detail"].items():
        statuses = " ".join(f"{s}:{n}" for s, n in d["statuses"].items())
        methods = " ".join(f"{m}:{n}" for m, n in d["methods"].items())
        lines.append(f"  {detail:<28} {statuses:<26} {methods}")
    lines.append(f"cache on hits: {req['cache_on_hits']}   upstream served: {report['upstream']['served']}")
    lines += [
        "",
        f"/healthz every {hz['every_s']:g} s: {hz['n']} polls, {hz['failures']} failed; "
        f"p50 {_ms(hz['p50_ms'])} ms, p99 {_ms(hz['p99_ms'])} ms, max {_ms(hz['max_ms'])} ms",
        f"{'minute':>6} {'polls':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'RSS MB':>8} {'load':>6}",
    ]
    for m in hz["per_minute"]:
        lines.append(
            f"{m['minute']:>6} {m['n']:>6} {_ms(m['p50_ms']):>8} {_ms(m['p99_ms']):>8} {_ms(m['max_ms']):>8} "
            f"{m['rss_mb_max'] if m['rss_mb_max'] is not None else '-':>8} "
            f"{m['load_max'] if m['load_max'] is not None else '-':>6}"
        )
    slow = hz["slow_polls"]
    lines.append(
        f"polls over {slow['over_ms']:g} ms: {slow['count']}; "
        f"kinds in flight then: {slow['in_flight_when_slow']}"
    )
    for s in slow["slowest"][:5]:
        lines.append(f"  at {s['at_s']} s: {s['ms']} ms, in flight {s['in_flight']}")
    lines += [
        "",
        f"RSS MB: start {rss['start']}, after warm-up ({run['warmup_s']:g} s) {rss['warm']}, "
        f"end {rss['end']}, peak {rss['peak']}; end vs warm {rss['growth_after_warmup']:+.1%}",
        f"brief cache entries (from the misses seen): after warm-up {ce['warm']}, end {ce['end']} "
        f"(bound {ce['bound']}; {ce['stored']} stored)",
        f"gc: {g['collections']} collections; full ones p50 {_ms(g['full']['p50_ms'])} ms, "
        f"max {_ms(g['full']['max_ms'])} ms; {g['slow_polls_during_a_pause']} of "
        f"{slow['count']} slow polls overlap a collection over {GC_KEPT_MS:g} ms; tracked objects "
        f"{g['tracked_objects']['start']} -> {g['tracked_objects']['end']}",
        f"server log: {report['server_log']['errors']} errors, warnings {report['server_log']['warnings']}",
    ]
    for u in report["undocumented_5xx"]:
        lines.append(
            f"UNDOCUMENTED {u['status']} {u['route']} ({u['kind']} {u['detail']}): {u['body'][:200]}"
        )
    for c in report["citation_problems"]:
        lines.append(f"BAD CITATIONS ({c['kind']} {c['detail']}): {c['problems']}")
    for u in report["unanswered"]:
        lines.append(f"UNANSWERED {u['route']} ({u['kind']} {u['detail']}): {u['error']}")
    lines += ["", "verdict:"]
    for name, c in report["verdict"]["checks"].items():
        lines.append(f"  {'ok  ' if c['ok'] else 'FAIL'} {name}: {c['value']} (bound {c['bound']})")
    return "\n".join(lines)


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def main(argv: list[str] | None = None) -> int:
    """Run the soak, print its tables, write soak.json; 1 when a bound is missed."""
    parser = argparse.ArgumentParser(prog="python -m service.bench.soak", description=__doc__.split("\n")[0])
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float, default=10.0, help="how long to send traffic (default 10)")
    length.add_argument("--seconds", type=float, help="the same in seconds (for short runs and tests)")
    parser.add_argument("--rate", type=float, default=4.0, help="requests a second, not counting /healthz")
    parser.add_argument("--seed", type=int, default=14, help="seeds the traffic's mix and edits")
    parser.add_argument(
        "--hostile-aliases",
        type=int,
        default=HOSTILE_ALIASES,
        help=f"aliases in each hostile profile's extra party (default {HOSTILE_ALIASES})",
    )
    parser.add_argument("--out", type=Path, default=Path("out/soak"), help="where soak.json goes")
    args = parser.parse_args(argv)
    seconds = args.seconds if args.seconds is not None else args.minutes * 60
    if seconds <= 0 or args.rate <= 0:
        parser.error("the run's length and rate must be positive")
    report = run_soak(seconds, args.rate, args.seed, args.hostile_aliases)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "soak.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(format_report(report))
    print(f"wrote {args.out / 'soak.json'}", file=sys.stderr)
    return 0 if report["verdict"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
