"""Eval reports: metrics over all cases, report.json/.md/.html, thresholds and comparisons."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from service.evals.html_report import record_history, to_html
from service.evals.runner import CaseResult


def _count(value: float | None) -> str:
    return "unmeasured" if value is None else str(int(value))


def _pct(value: float | None) -> str:
    return "unmeasured" if value is None else f"{value:.0%}"


def _percentile(values: list[int], q: float) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _pooled(results: list[CaseResult], attribute: str) -> dict[str, float]:
    """Recall per party or issue over all cases, weighted by facts."""
    found: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        for f in r.score.facts:
            key = getattr(f, attribute)
            if key and f.found is not None:
                found[key].append(f.found)
    return {k: round(sum(v) / len(v), 4) for k, v in sorted(found.items())}


def _mean(values: list[float | None]) -> float | None:
    measured = [v for v in values if v is not None]
    return round(statistics.fmean(measured), 4) if measured else None


def _total(values: list[float | None]) -> int | None:
    measured = [v for v in values if v is not None]
    return int(sum(measured)) if measured else None


def _measured_facts(results: list[CaseResult]) -> list[bool]:
    return [f.found for r in results for f in r.score.facts if f.found is not None]


def _recall(facts: list[bool]) -> float | None:
    """Facts found over facts measured, pooled across cases."""
    return round(sum(facts) / len(facts), 4) if facts else None


def _split(results: list[CaseResult]) -> dict[str, Any] | None:
    """Recall and compression of a group of cases (None: no case in the group)."""
    if not results:
        return None
    return {
        "cases": [r.case.name for r in results],
        "fact_recall": _recall(_measured_facts(results)),
        "compression": _mean([r.score.compression for r in results]),
    }


def metrics(
    results: list[CaseResult],
    scorer_check: dict[str, Any] | None = None,
    faithfulness: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The run's metrics: facts pooled across cases, costs summed, rates over briefs, and the
    verifier's rates on the faithfulness benchmark."""
    facts = _measured_facts(results)
    questions = sum(r.brief.meta.schema_questions for r in results)
    first_try_valid = sum(r.brief.meta.schema_first_try_valid for r in results)
    wanted_model = [r for r in results if r.brief.meta.model_calls > 0]
    return {
        "fact_recall": _recall(facts),
        "facts_found": sum(facts),
        "facts": len(facts),
        # Facts the matcher could not judge (an LLM judge that failed); left out of fact_recall.
        "facts_unmeasured": sum(f.found is None for r in results for f in r.score.facts),
        "citation_validity": _mean([r.score.citation_validity for r in results]),
        "schema_validity": {
            # Structured answers valid when first given; None: no structured answer was asked for.
            "first_try": round(first_try_valid / questions, 4) if questions else None,
            # Briefs whose model step ended in a valid answer, out of those that asked the model.
            "after_retries": _mean([r.brief.meta.method == "llm" for r in wanted_model]),
        },
        "compression": _mean([r.score.compression for r in results]),
        "must_not_violations": sorted({v for r in results for v in r.score.must_not_violations}),
        "latency_p50_ms": _percentile([r.latency_ms for r in results], 0.5),
        "latency_p95_ms": _percentile([r.latency_ms for r in results], 0.95),
        "tokens_in": sum(r.brief.meta.tokens_in for r in results),
        "tokens_out": sum(r.brief.meta.tokens_out for r in results),
        "retries": sum(r.brief.meta.retries for r in results),
        "dropped_claims": sum(r.brief.meta.dropped_claims for r in results),
        "fallback_rate": _mean([r.brief.meta.method == "extractive" for r in wanted_model]),
        # What a reader sees: claims under the wrong party (against hand labels), fragments,
        # claims shown twice, dates or numbers a wording dropped; summed over cases.
        "wrong_party": _total([r.score.wrong_party for r in results]),
        "fragments": sum(r.score.fragments for r in results),
        "repeats": sum(r.score.repeats for r in results),
        "dropped_facts": sum(r.score.dropped_facts for r in results),
        "summary_answers": _mean([r.score.summary_answers for r in results]),
        "status_accuracy": _mean([r.score.status_accuracy for r in results]),
        # Cases kept out of tuning, reported on their own.
        "held_out": _split([r for r in results if r.case.held_out]),
        "tuned": _split([r for r in results if not r.case.held_out]),
        "recall_by_party": _pooled(results, "party"),
        "recall_by_issue": _pooled(results, "issue"),
        "scorer": scorer_check,
        # The verifier on hand-written rewrites (evals/faithfulness.yaml).
        "unfaithful_rejected": (faithfulness or {}).get("unfaithful_rejected"),
        "faithful_accepted": (faithfulness or {}).get("faithful_accepted"),
        "faithfulness": faithfulness,
    }


def case_details(result: CaseResult) -> dict[str, Any]:
    """One case's score and brief, for report.json."""
    s = result.score
    return {
        "name": result.case.name,
        "fact_recall": s.fact_recall,
        "citation_validity": s.citation_validity,
        "compression": s.compression,
        "held_out": result.case.held_out,
        "wrong_party": s.wrong_party,
        "wrong_party_reason": s.wrong_party_reason,
        "fragments": s.fragments,
        "repeats": s.repeats,
        "dropped_facts": s.dropped_facts,
        "dropped_facts_reason": s.dropped_facts_reason,
        "summary_answers": s.summary_answers,
        "summary_reason": s.summary_reason,
        "status_accuracy": s.status_accuracy,
        "status_reason": s.status_reason,
        "must_not_violations": s.must_not_violations,
        "latency_ms": result.latency_ms,
        "method": result.brief.meta.method,
        "facts": [
            {
                "id": f.id,
                "party": f.party,
                "issue": f.issue,
                "found": f.found,
                "placement": f.placement,
                "reason": f.reason,
            }
            for f in s.facts
        ],
        "brief": result.brief.model_dump(mode="json"),
    }


def check_thresholds(values: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Breaches as sentences: `fact_recall 0.61 is below the minimum 0.70`."""
    breaches = []
    for name, bound in thresholds.items():
        value = values.get(name)
        if isinstance(value, list):
            value = len(value)
        if value is None:
            continue  # unmeasured is neither a pass nor a breach
        if "min" in bound and value < bound["min"]:
            breaches.append(f"{name} {value} is below the minimum {bound['min']}")
        if "max" in bound and value > bound["max"]:
            breaches.append(f"{name} {value} is above the maximum {bound['max']}")
    return breaches


def load_thresholds(path: Path) -> dict[str, Any]:
    """thresholds.yaml: {metric: {min: x} | {max: y}}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for name, bound in data.items():
        if not isinstance(bound, dict) or not set(bound) <= {"min", "max"} or not bound:
            raise ValueError(f"{path}: {name} must be a mapping with 'min' and/or 'max'")
    return data


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    """Rows (metric, before, after, change) for every scalar metric present in either run."""
    rows = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if isinstance(a, list) or isinstance(b, list):
            a, b = (len(a) if isinstance(a, list) else a), (len(b) if isinstance(b, list) else b)
        if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
            rows.append((name, a, b, f"{b - a:+.4g}"))
        elif not isinstance(a, dict) and not isinstance(b, dict) and (a is not None or b is not None):
            rows.append((name, a, b, "" if a == b else "changed"))
    return rows


def to_markdown(
    values: dict[str, Any],
    results: list[CaseResult],
    breaches: list[str],
    comparison: list[tuple[str, Any, Any, str]] | None = None,
) -> str:
    """report.md: fit for a pull-request comment."""
    lines = ["# Brief eval", ""]
    lines += ["| metric | value |", "|---|---|"]
    for name, value in values.items():
        if name in {"recall_by_party", "recall_by_issue", "scorer", "held_out", "tuned", "faithfulness"}:
            continue
        lines.append(f"| {name} | {json.dumps(value)} |")
    for title, key in (("Recall by party", "recall_by_party"), ("Recall by issue", "recall_by_issue")):
        lines += ["", f"## {title}", "", "| | recall |", "|---|---|"]
        lines += [f"| {k} | {_pct(v)} |" for k, v in values[key].items()]
    if values.get("scorer"):
        sc = values["scorer"]
        lines += [
            "",
            f"Scorer check ({sc['matcher']} matcher) on {sc['n']} hand-labelled pairs: "
            f"precision {_pct(sc['precision'])}, recall {_pct(sc['recall'])}.",
        ]
    lines += [
        "",
        "## Cases",
        "",
        "| case | recall | citations | compression | wrong party | fragments | repeats "
        "| dates/numbers dropped | summary answers | must-not | latency |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.score
        name = r.case.name + (" (held out)" if r.case.held_out else "")
        lines.append(
            f"| {name} | {_pct(s.fact_recall)} | {_pct(s.citation_validity)} | "
            f"{_pct(s.compression)} | {_count(s.wrong_party)} | {int(s.fragments)} | {int(s.repeats)} | "
            f"{int(s.dropped_facts)} | {_pct(s.summary_answers)} | "
            f"{', '.join(s.must_not_violations) or 'none'} | "
            f"{r.latency_ms / 1000:.1f} s |"
        )
        missed = [f.id for f in s.facts if f.found is False]
        if missed:
            lines.append(f"|  | missed: {', '.join(missed)} | | | | | | | | | |")
    for group in ("tuned", "held_out"):
        if values.get(group):
            g = values[group]
            lines += [
                "",
                f"{group.replace('_', ' ').capitalize()} cases ({', '.join(g['cases'])}): recall "
                f"{_pct(g['fact_recall'])} at compression {_pct(g['compression'])}.",
            ]
    if values.get("faithfulness"):
        lines += _faithfulness_lines(values["faithfulness"])
    if comparison:
        lines += [
            "",
            "## Against the previous run",
            "",
            "| metric | before | after | change |",
            "|---|---|---|---|",
        ]
        lines += [f"| {n} | {a} | {b} | {c} |" for n, a, b, c in comparison]
    lines += ["", "## Thresholds", ""]
    lines += [f"- BREACH: {b}" for b in breaches] or ["All thresholds met."]
    return "\n".join(lines) + "\n"


def _faithfulness_lines(faith: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## Faithfulness benchmark",
        "",
        f"The verifier rejected {_pct(faith['unfaithful_rejected'])} of {faith['unfaithful']} unfaithful "
        f"rewrites and accepted {_pct(faith['faithful_accepted'])} of {faith['faithful']} faithful ones.",
        "",
        "| kind | judged right |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v['right']}/{v['total']} |" for k, v in faith["by_kind"].items()]
    lines += [f"- wrong: {w}" for w in faith["wrong"]]
    return lines


def write_reports(
    out: Path,
    values: dict[str, Any],
    results: list[CaseResult],
    breaches: list[str],
    comparison: list[tuple[str, Any, Any, str]] | None = None,
    history: Path | None = None,
) -> None:
    """report.json, report.md and report.html under out/; this run joins the history folder."""
    out.mkdir(parents=True, exist_ok=True)
    cases = [case_details(r) for r in results]
    payload = {"metrics": values, "breaches": breaches, "cases": cases}
    (out / "report.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "report.md").write_text(to_markdown(values, results, breaches, comparison), encoding="utf-8")
    runs = record_history(history or out / "history", values)
    (out / "report.html").write_text(to_html(values, cases, breaches, runs), encoding="utf-8")
