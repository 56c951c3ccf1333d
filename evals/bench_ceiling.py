"""Where the gap is: recall when selection is told what the hand-written facts say (prints figures).

Model off, on the tuned and dev fact cases (never a held-out one). Each row briefs every case with
one piece of selection's knowledge replaced by the truth the facts give, the rest unchanged:

- today: the brief as it ships;
- salience known: a clause's salience is 1 when it states a listed fact, else 0;
- same fact known: the clauses stating a listed fact share one concept per fact, worth their best
  statement's worth (once, then twice that), instead of one statement concept each;
- both known: each listed fact a clause states is a concept of its own, worth 10, every other
  concept a tenth of its worth;
- oracle: the fewest words of candidate clauses that cover the facts (greedy, facts per word),
  with none of the claims a brief must hold;
- more words: the brief at 0.22 and 0.25 of the sources' words.

The rows patch `service.select` for their run only; README "How good the brief is" reports them.

    python evals/bench_ceiling.py
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import service.select as select_module
from service.briefing import make_brief, read_and_choose
from service.evals.cases import Case, load_cases
from service.evals.scorer import regex_matcher, score_case
from service.settings import Settings

EVALS = Path(__file__).parent


def cases() -> list[Case]:
    """The tuned cases and the dev fact cases: never a held-out one."""
    return [c for c in load_cases(EVALS / "cases") if not c.held_out] + load_cases(EVALS / "dev" / "facts")


def _states(case: Case, text: str) -> set[int]:
    return {i for i, f in enumerate(case.facts) if regex_matcher(f, text)}


@contextlib.contextmanager
def _patched(name: str, value: object) -> Iterator[None]:
    saved = getattr(select_module, name)
    setattr(select_module, name, value)
    try:
        yield
    finally:
        setattr(select_module, name, saved)


def _found(case: Case, ratio: float = 0.2) -> int:
    settings = Settings(use_model=False, max_claim_ratio=ratio)
    brief = asyncio.run(make_brief(case.request(use_model=False), None, settings))
    return sum(bool(f.found) for f in score_case(case, brief, case.texts()).facts)


def _salience_known(case: Case) -> contextlib.AbstractContextManager[None]:
    return _patched("salience", lambda r: float(bool(_states(case, r.evidence.text))))


def _facts_as_concepts(case: Case, worth_of: Callable[[dict, dict, set[str]], tuple[dict, dict]]):
    greedy = select_module._greedy

    def patched(items, budget, covers, worth, last=(), needed=()):
        covers, worth = worth_of(dict(covers), dict(worth), {e.id: _states(case, e.text) for e in items})
        return greedy(items, budget, covers, worth, last, needed)

    return _patched("_greedy", patched)


def _same_fact_known(case: Case, times: float) -> contextlib.AbstractContextManager[None]:
    def worth_of(covers, worth, states):
        for cid, facts in states.items():
            claims = {c for c in covers[cid] if c.startswith("claim:")}
            if facts and claims:
                best = max(worth[c] for c in claims)
                covers[cid] = (covers[cid] - claims) | {f"gold:{i}" for i in facts}
                for i in facts:
                    worth[f"gold:{i}"] = max(worth.get(f"gold:{i}", 0.0), best * times)
        return covers, worth

    return _facts_as_concepts(case, worth_of)


def _both_known(case: Case) -> contextlib.AbstractContextManager[None]:
    def worth_of(covers, worth, states):
        covers = {
            cid: {c for c in concepts if not c.startswith("claim:")} | {f"gold:{i}" for i in states[cid]}
            for cid, concepts in covers.items()
        }
        worth = {c: w / 10 for c, w in worth.items()} | {f"gold:{i}": 10.0 for i in range(len(case.facts))}
        return covers, worth

    return _facts_as_concepts(case, worth_of)


def _oracle(case: Case) -> int:
    settings = Settings(use_model=False)
    read = read_and_choose(case.request(use_model=False), settings, math.inf, lambda _: None)
    budget = read.budget
    states = {e.id: _states(case, e.text) for e in read.pool}
    got: set[int] = set()
    used = 0
    left = list(read.pool)
    while cands := [e for e in left if states[e.id] - got and used + e.words <= budget]:
        best = max(cands, key=lambda e: len(states[e.id] - got) / e.words)
        got |= states[best.id]
        used += best.words
        left.remove(best)
    return len(got)


def main() -> None:
    told = cases()
    facts = sum(len(c.facts) for c in told)
    rows: list[tuple[str, Callable[[Case], int]]] = [
        ("today", _found),
        ("salience known", lambda c: _run(_salience_known(c), c)),
        ("same fact known", lambda c: _run(_same_fact_known(c, 1.0), c)),
        ("same fact known, worth twice", lambda c: _run(_same_fact_known(c, 2.0), c)),
        ("both known", lambda c: _run(_both_known(c), c)),
        ("oracle", _oracle),
        ("today at 0.22 of the words", lambda c: _found(c, 0.22)),
        ("today at 0.25 of the words", lambda c: _found(c, 0.25)),
    ]
    print(f"{len(told)} cases (tuned and dev fact cases), {facts} facts, model off")
    for label, run in rows:
        found = sum(run(c) for c in told)
        print(f"{label:32} {found:4} ({found / facts:.2f})", flush=True)


def _run(patch: contextlib.AbstractContextManager[None], case: Case) -> int:
    with patch:
        return _found(case)


if __name__ == "__main__":
    main()
