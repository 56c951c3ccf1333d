"""report.html: one self-contained page (no scripts, no network) with charts across past runs.

Every value that came from an article or a model is escaped: a brief quotes untrusted text.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

# The metrics charted across runs, and whether higher is better (for the caption only).
CHARTED = {
    "fact_recall": "higher is better",
    "citation_validity": "higher is better",
    "compression": "lower is briefer",
    "fallback_rate": "lower is better",
    "latency_p50_ms": "lower is better",
}
_W, _H, _PAD = 360, 120, 24


def record_history(history: Path, values: dict[str, Any]) -> list[dict[str, Any]]:
    """Add this run's metrics to the history folder; all runs, oldest first."""
    history.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    (history / f"{stamp}.json").write_text(
        json.dumps({"at": stamp, "metrics": values}) + "\n", encoding="utf-8"
    )
    runs = []
    for path in sorted(history.glob("*.json")):
        try:
            runs.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue  # a damaged entry must not cost the report
    return runs


def _chart(name: str, runs: list[dict[str, Any]]) -> str:
    points = [(i, r["metrics"].get(name)) for i, r in enumerate(runs)]
    points = [(i, v) for i, v in points if isinstance(v, int | float)]
    if not points:
        return f"<figure><figcaption>{escape(name)}: unmeasured</figcaption></figure>"
    low, high = min(v for _, v in points), max(v for _, v in points)
    span = (high - low) or 1.0
    last = max(len(runs) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return _PAD + (_W - 2 * _PAD) * i / last, _H - _PAD - (_H - 2 * _PAD) * (v - low) / span

    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in points))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"/>' for x, y in (xy(i, v) for i, v in points))
    return (
        f'<figure><svg viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img" '
        f'aria-label="{escape(name)} across {len(runs)} runs">'
        f'<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="{coords}"/>'
        f'<g fill="#2b6cb0">{dots}</g>'
        f'<text x="4" y="14">{high:.4g}</text><text x="4" y="{_H - 6}">{low:.4g}</text></svg>'
        f"<figcaption>{escape(name)} ({escape(CHARTED[name])}): latest {points[-1][1]:.4g}, "
        f"{len(points)} run(s)</figcaption></figure>"
    )


def _table(rows: list[list[Any]], head: list[str]) -> str:
    cells = "".join(f"<th>{escape(str(h))}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def to_html(
    values: dict[str, Any], cases: list[dict[str, Any]], breaches: list[str], runs: list[dict[str, Any]]
) -> str:
    """The page: thresholds, charts across runs, metrics, then each case's facts."""
    scalars = [[k, json.dumps(v)] for k, v in values.items() if not isinstance(v, dict)]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Brief eval</title>",
        "<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}"
        "table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
        "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
        "figure{display:inline-block;margin:0 1rem 1rem 0}"
        ".breach{color:#b00020}.ok{color:#276749}</style></head><body>",
        "<h1>Brief eval</h1>",
    ]
    if breaches:
        parts += ["<ul class='breach'>"] + [f"<li>BREACH: {escape(b)}</li>" for b in breaches] + ["</ul>"]
    else:
        parts.append("<p class='ok'>All thresholds met.</p>")
    parts += ["<h2>Across runs</h2>"] + [_chart(name, runs) for name in CHARTED]
    parts += ["<h2>Metrics</h2>", _table(scalars, ["metric", "value"])]
    for key in ("recall_by_party", "recall_by_issue"):
        parts += [f"<h2>{escape(key)}</h2>", _table(sorted(values[key].items()), ["", "recall"])]
    for case in cases:
        parts.append(f"<h2>Case {escape(case['name'])}: recall {case['fact_recall']}</h2>")
        rows = [
            [
                f["id"],
                f["party"] or "",
                f["issue"] or "",
                {True: "yes", False: "no", None: "unmeasured"}[f["found"]],
                f["placement"] or "",
                f["reason"],
            ]
            for f in case["facts"]
        ]
        parts.append(_table(rows, ["fact", "party", "issue", "found", "where", "reason"]))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
