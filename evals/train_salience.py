"""Fit service/salience.json: the weights of the salience model (service/salience.py).

Every clause a brief may choose from, in every case that is not held out (evals/cases) and in
every dev fact case (evals/dev/facts), is labelled by whether it states one of the case's
hand-written facts, as the scorer's regexes match them. A logistic regression fits the weights.
It prints the weights and the area under the ROC curve with each case left out in turn. Held-out
cases are never read.

    python evals/train_salience.py          # refit and write service/salience.json
    python evals/train_salience.py --check  # exit 1 if refitting gives other weights
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from service.briefing import read_and_choose
from service.evals.cases import Case, load_cases
from service.evals.scorer import regex_matcher
from service.salience import FEATURES, WEIGHTS_FILE, features, log_odds
from service.select import concepts, readings
from service.settings import Settings

EVALS = Path(__file__).parent
# Weights are written to this many places; --check allows a difference of a few in the last one
# (another machine's floating point), far less than moves a brief.
PLACES = 4
CHECK_TOLERANCE = 0.001
# The regularisation: sklearn's default; the LOCO AUC moved by less than 0.005 from 0.1 to 10.
C = 1.0
# Fitted to the optimum, not to lbfgs's default stopping point (0.01 away from it here), so that
# every machine finds the same weights.
TOLERANCE = 1e-10
MAX_ITER = 100_000


def cases() -> list[Case]:
    """The cases the model is fitted on: every case not held out, and the dev fact cases."""
    return [c for c in load_cases(EVALS / "cases") if not c.held_out] + load_cases(EVALS / "dev" / "facts")


def examples(case: Case) -> tuple[list[list[float]], list[int]]:
    """Each clause the case's brief chooses from: its features, and 1 if it states a listed fact."""
    read = read_and_choose(case.request(use_model=False), Settings(use_model=False), math.inf, lambda _: None)
    covers = {e.id: concepts(e) for e in read.pool}
    rows = [features(r) for r in readings(read.pool, covers)]
    labels = [int(any(regex_matcher(f, e.text) for f in case.facts)) for e in read.pool]
    return rows, labels


def fit(rows: list[list[float]], labels: list[int]) -> list[float]:
    """The fitted weights, rounded (FEATURES holds a bias, so no intercept is fitted)."""
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=MAX_ITER, tol=TOLERANCE).fit(rows, labels)
    return [round(float(w), PLACES) for w in model.coef_[0]]


def main(argv: list[str]) -> int:
    by_case = {c.name: examples(c) for c in cases()}
    rows = [r for rs, _ in by_case.values() for r in rs]
    labels = [y for _, ys in by_case.values() for y in ys]
    weights = fit(rows, labels)
    scores, truth = [], []
    for name, (held_rows, held_labels) in by_case.items():
        others = [example for other, example in by_case.items() if other != name]
        fitted = fit([r for rs, _ in others for r in rs], [y for _, ys in others for y in ys])
        scores += [log_odds(fitted, row) for row in held_rows]
        truth += held_labels
    print(f"{len(by_case)} cases, {len(rows)} clauses, {sum(labels)} state a listed fact")
    print(f"area under the ROC curve, each case left out in turn: {roc_auc_score(truth, scores):.3f}")
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {w:+.4f}  {name}")
    data = {"features": list(FEATURES), "weights": weights, "cases": list(by_case), "C": C}
    if "--check" in argv:
        kept = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        if kept.get("features") != data["features"] or kept.get("cases") != data["cases"]:
            print(f"{WEIGHTS_FILE} was fitted on other features or cases: refit it")
            return 1
        off = max(abs(a - b) for a, b in zip(kept["weights"], weights, strict=True))
        if off > CHECK_TOLERANCE:
            print(f"{WEIGHTS_FILE} differs from a refit by up to {off:.4f}: refit it")
            return 1
        print(f"{WEIGHTS_FILE} matches a refit")
        return 0
    WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
