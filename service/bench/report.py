"""bench.json and bench.md: the figures, and which of the issue's goals they meet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PEERS = ("naive", "instructor", "extractive", "brief")
# Rows beside the peers that use no model: a floor and a ceiling (service/bench/baselines.py).
BASELINES = ("lead", "oracle")
ROWS = (*PEERS, *BASELINES)
BASELINES_NOTE = (
    "lead: each article's first sentences in turn (all firsts, then all seconds, ...) within Brief's "
    "word budget, no model; oracle: whole source sentences stating every fact one sentence can state, "
    "picked by greedy set cover on the facts' regexes, no budget."
)


def _at_least(value: float | None, target: float) -> bool | None:
    return None if value is None else value >= target


def _at_most(value: float | None, target: float) -> bool | None:
    return None if value is None else value <= target


def goals(bench: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal with the measured value and whether it is met (None: unmeasured)."""
    p = bench["peers"]
    brief, extractive = p["brief"], p["extractive"]
    best_peer = max(p["naive"]["fact_recall"], p["instructor"]["fact_recall"])
    above_extractive = brief["fact_recall"] > extractive["fact_recall"] or (
        (brief["right_place"] or 0) > (extractive["right_place"] or 0)
    )
    scaling = bench["pipeline_scaling"]
    faith = bench["faithfulness"]
    return [
        {
            "goal": "brief fact recall >= 0.8",
            "value": brief["fact_recall"],
            "met": _at_least(brief["fact_recall"], 0.8),
        },
        {
            "goal": "brief fact recall >= 2 x the better of naive and instructor",
            "value": f"{brief['fact_recall']:.2f} vs {best_peer:.2f}",
            "met": brief["fact_recall"] >= 2 * best_peer and brief["fact_recall"] > 0,
        },
        {
            "goal": "brief schema validity 1.0",
            "value": brief["schema_validity"],
            "met": brief["schema_validity"] == 1.0,
        },
        {
            "goal": "brief citation validity 1.0",
            "value": brief["citation_validity"],
            "met": None if brief["citation_validity"] is None else brief["citation_validity"] == 1.0,
        },
        {
            "goal": "brief above extractive on fact recall or precision (right party and issue)",
            "value": f"recall {brief['fact_recall']:.2f} vs {extractive['fact_recall']:.2f}; precision "
            f"{_num(brief['right_place'])} vs {_num(extractive['right_place'])}",
            "met": above_extractive,
        },
        {
            "goal": "unfaithful rewrites rejected 1.0",
            "value": _share(faith["unfaithful_rejected"], faith["unfaithful"]),
            "met": _at_least(faith["unfaithful_rejected"], 1.0),
        },
        {
            "goal": "faithful rewrites accepted >= 0.9",
            "value": _share(faith["faithful_accepted"], faith["faithful"]),
            "met": _at_least(faith["faithful_accepted"], 0.9),
        },
        {
            "goal": "prompt tokens <= 0.5 x naive",
            "value": bench["prompt_tokens_ratio_vs_naive"],
            "met": _at_most(bench["prompt_tokens_ratio_vs_naive"], 0.5),
        },
        {
            "goal": "pipeline_ms_p50 <= 50",
            "value": bench["pipeline_ms_p50"],
            "met": _at_most(bench["pipeline_ms_p50"], 50),
        },
        {
            "goal": "pipeline growth exponent <= 1.1",
            "value": scaling["exponent"],
            "met": _at_most(scaling["exponent"], 1.1),
        },
        {
            "goal": "cache_hit_rps_ratio >= 0.7",
            "value": bench["cache_hit_rps_ratio"],
            "met": _at_least(bench["cache_hit_rps_ratio"], 0.7),
        },
        {
            "goal": "e2e_seconds_seeds <= 30",
            "value": bench["e2e_seconds_seeds"],
            "met": _at_most(bench["e2e_seconds_seeds"], 30),
        },
    ]


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _share(rate: float | None, total: int) -> str:
    # Four places: 0.9962 of 261 is one rewrite judged wrong, which two places would show as 1.00.
    return f"{_num(rate, 4)} of {total}"


def _rounds(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


def _met(flag: bool | None) -> str:
    return {True: "met", False: "NOT met", None: "unmeasured"}[flag]


def to_markdown(bench: dict[str, Any]) -> str:
    """bench.md: the peers' table, the service's figures and the goals."""
    m = bench["machine"]
    lines = [
        "# Brief benchmarks",
        "",
        f"{bench['date']}, {m['cpus']} cores ({m['cpu']}), model {bench['model']} ({bench['model_server']}), "
        f"case {bench['case']}; load average before/after {bench['load_average']['before']} / "
        f"{bench['load_average']['after']}.",
        "",
        "## Peers on the same model and schema",
        "",
        "| peer | fact recall | precision | compression | citation validity | supported claims "
        "| schema validity | latency s | prompt tokens |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [name for name in ROWS if name in bench["peers"]]
    for name in rows:
        r = bench["peers"][name]
        lines.append(
            f"| {name} | {_num(r['fact_recall'])} ({r['facts_found']}/{r['facts']}) | "
            f"{_num(r['right_place'])} | {_num(r['compression'])} | {_num(r['citation_validity'])} | "
            f"{_num(r['supported_claims'])} | "
            f"{_num(r['schema_validity'])} | {_num(r['latency_s'], 1)} | {_num(r['prompt_tokens'])} |"
        )
    if any(name in bench["peers"] for name in BASELINES):
        lines += ["", BASELINES_NOTE]
    failures = [(n, bench["peers"][n]["error"]) for n in rows if bench["peers"][n]["error"]]
    if failures:
        lines += ["", *[f"- {n}: {e}" for n, e in failures]]
    scaling = bench["pipeline_scaling"]
    points = ", ".join(f"{p['documents']} docs {p['ms']:.0f} ms" for p in scaling["points"])
    cache = bench["cache_hit"]
    faith = bench["faithfulness"]
    lines += [
        "",
        "## The service",
        "",
        "| figure | value |",
        "|---|---|",
        f"| prompt tokens, Brief over naive | {_num(bench['prompt_tokens_ratio_vs_naive'])} |",
        f"| pipeline ms p50 (seeds, model time excluded) | {_num(bench['pipeline_ms_p50'], 1)} "
        f"(rounds {_rounds(bench['pipeline_ms_rounds'])}) |",
        f"| pipeline scaling | {points}; exponent {scaling['exponent']} |",
        f"| cached POST /brief rps over bare FastAPI | {_num(bench['cache_hit_rps_ratio'])} "
        f"({_num(cache['brief_rps_p50'], 1)} vs {_num(cache['bare_rps_p50'], 1)} rps; "
        f"cache marker: {_cache_marker(cache)}) |",
        f"| warm brief of the seeds, s | {_num(bench['e2e_seconds_seeds'], 1)} "
        f"(rounds {_rounds(bench['e2e']['rounds'])}; {', '.join(bench['e2e']['methods'])}) |",
        "| verifier: unfaithful rewrites rejected (evals/faithfulness.yaml) | "
        f"{_share(faith['unfaithful_rejected'], faith['unfaithful'])} |",
        f"| verifier: faithful rewrites accepted | {_share(faith['faithful_accepted'], faith['faithful'])} |",
        "",
        "## Goals",
        "",
        "| goal | value | |",
        "|---|---|---|",
    ]
    lines += [f"| {g['goal']} | {_num(g['value'])} | {_met(g['met'])} |" for g in bench["goals"]]
    return "\n".join(lines) + "\n"


def _cache_marker(cache: dict[str, Any]) -> str:
    headers = [r["brief"]["x-brief-cache"] for r in cache["rounds"] if r["brief"]["x-brief-cache"]]
    return "X-Brief-Cache " + json.dumps(headers[-1]) if headers else "none (no cache)"


def write(out: Path, bench: dict[str, Any]) -> None:
    """bench.json and bench.md under out/, with the goals added."""
    bench = {**bench, "goals": goals(bench)}
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(bench, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "bench.md").write_text(to_markdown(bench), encoding="utf-8")
