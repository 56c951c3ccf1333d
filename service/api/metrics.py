"""The Prometheus metrics of one app: requests, brief latency, briefs in flight, model use."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from service.schema import Brief


@dataclass(frozen=True)
class Metrics:
    """One app's metrics, in a registry of its own, so several apps in one process don't collide."""

    registry: CollectorRegistry
    requests: Counter
    latency: Histogram
    in_flight: Gauge
    calls: Counter
    retries: Counter
    tokens: Counter
    dropped: Counter
    fallbacks: Counter

    @classmethod
    def new(cls) -> Metrics:
        """Fresh metrics in a new registry."""
        registry = CollectorRegistry()

        def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(name, doc, labels, registry=registry)

        return cls(
            registry=registry,
            requests=counter(
                "brief_http_requests", "HTTP requests by route and status.", ("route", "status")
            ),
            latency=Histogram(
                "brief_latency_seconds",
                "Time to make a brief, by outcome.",
                ("outcome",),
                registry=registry,
                buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300),
            ),
            in_flight=Gauge("brief_in_flight", "Briefs being made now.", registry=registry),
            calls=counter("brief_model_calls", "Model calls made for briefs."),
            retries=counter("brief_model_retries", "Model call retries."),
            tokens=counter("brief_model_tokens", "Model tokens, by direction.", ("direction",)),
            dropped=counter("brief_dropped_claims", "Claims dropped by verification."),
            fallbacks=counter("brief_fallbacks", "Briefs that wanted the model but fell back."),
        )

    def count(self, brief: Brief, wanted_model: bool) -> None:
        """Add what making `brief` took; a brief that wanted the model but is extractive fell back."""
        meta = brief.meta
        self.calls.inc(meta.model_calls)
        self.retries.inc(meta.retries)
        self.tokens.labels(direction="in").inc(meta.tokens_in)
        self.tokens.labels(direction="out").inc(meta.tokens_out)
        self.dropped.inc(meta.dropped_claims)
        if wanted_model and meta.method == "extractive":
            self.fallbacks.inc()
