"""Summarise mutmut's results by module: killed, survived, and survivors listed as equivalent.

Survivors that no behaviour can tell from the original are listed with a reason in
equivalent.yaml; the score counts them apart: killed / (killed + survived).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

EQUIVALENT = Path(__file__).with_name("equivalent.yaml")
# mutmut's words for a mutant's fate, sorted into what a test did about it.
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
SURVIVED = {"survived", "no tests", "suspicious"}
_LINE = re.compile(r"^\s*(?P<name>service\.[^:\s]+): (?P<status>.+?)\s*$")


def parse(results: str) -> dict[str, str]:
    """Each mutant's status (by mutmut's name for it) from `mutmut results --all=true`."""
    return {m["name"]: m["status"] for m in map(_LINE.match, results.splitlines()) if m}


def load_equivalent(path: Path = EQUIVALENT) -> dict[str, str]:
    """The mutants judged equivalent, each with its one-line reason."""
    listed = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    blank = [name for name, why in listed.items() if not str(why or "").strip()]
    if blank:
        raise ValueError(f"{path}: give a reason for {', '.join(blank)}")
    return {str(name): str(why) for name, why in listed.items()}


def module_of(mutant: str) -> str:
    """The module a mutant lives in: service.verify.x_check__mutmut_3 -> verify."""
    return mutant.split(".")[1]


def summarize(statuses: dict[str, str], equivalent: dict[str, str]) -> dict:
    """Counts by module and the score killed / (killed + survived), equivalents set apart."""
    unknown = sorted({s for s in statuses.values() if s not in KILLED | SURVIVED})
    if unknown:
        raise ValueError(f"the run is incomplete: mutants left {', '.join(unknown)}; run mutmut again")
    modules: dict[str, Counter] = {}
    survivors = []
    for name, status in sorted(statuses.items()):
        counts = modules.setdefault(module_of(name), Counter(killed=0, survived=0, equivalent=0))
        if status in KILLED:
            counts["killed"] += 1
        elif name in equivalent:
            counts["equivalent"] += 1
        else:
            counts["survived"] += 1
            survivors.append(f"{name}: {status}")
    killed = sum(c["killed"] for c in modules.values())
    survived = sum(c["survived"] for c in modules.values())
    # An entry whose mutant no longer survives (or no longer exists) no longer needs its excuse;
    # entries of modules not run this time are left alone.
    stale = sorted(n for n in equivalent if module_of(n) in modules and statuses.get(n) not in SURVIVED)
    return {
        "modules": {name: dict(c) for name, c in sorted(modules.items())},
        "score": round(killed / (killed + survived), 4) if killed + survived else 0.0,
        "survivors": survivors,
        "stale_equivalent": stale,
    }


def report(summary: dict, min_score: float) -> int:
    """Print the summary by module; 1 when the score is below min_score, else 0."""
    for name, c in summary["modules"].items():
        total = c["killed"] + c["survived"]
        score = c["killed"] / total if total else 0.0
        print(
            f"{name:<10} killed {c['killed']:>4}  survived {c['survived']:>4}  "
            f"equivalent {c['equivalent']:>3}  score {score:.3f}"
        )
    print(
        f"score {summary['score']:.3f}: killed / (killed + survived); {len(summary['survivors'])} survivors"
    )
    for line in summary["survivors"]:
        print(f"  survived: {line}")
    for name in summary["stale_equivalent"]:
        print(f"stale: {name} is listed in equivalent.yaml but did not survive; remove it", file=sys.stderr)
    if summary["score"] < min_score:
        print(f"mutation score {summary['score']:.3f} is below {min_score}", file=sys.stderr)
        return 1
    return 0
