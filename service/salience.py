"""Salience: how likely a clause states a fact that a careful reader of the articles would list.

A logistic model over features that any negotiation's clauses have, in the manner of Kupiec,
Pedersen & Chen (1995), "A trainable document summarizer". The features are who states the clause,
its dates, numbers and names, how many articles report its phrases, whether it is a headline or a
lead, and which of a summary's questions it answers. No topic's words are among them.

`evals/train_salience.py` fits the weights on the hand-written facts of the tuned and dev cases,
never on the held-out ones, and writes them to service/salience.json. `select` weighs each claim
by its salience.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from service.evidence import Evidence, reads_alone
from service.wording import FACT_TOKEN, MOVED, NEGATION

WEIGHTS_FILE = Path(__file__).with_name("salience.json")

_CONDITION = re.compile(r"\b(?:if|unless|only|provided)\b", re.I)
_DIGIT = re.compile(r"\d")
# Counts are capped: a fifth name or number adds little a reader would list.
_CAP = 4
# Articles sharing a clause's phrase, capped.
_SHARED_CAP = 5
# A lead: the first sentences after the headline.
_LEAD = 2
# An early sentence: within the first five after the headline.
_EARLY = 5


def _share(n: int, cap: int = _CAP) -> float:
    return min(n, cap) / cap


@dataclass(frozen=True)
class Reading:
    """What select reads of a clause, for its salience."""

    evidence: Evidence
    concepts: set[str]  # what a reader learns from it (select.concepts)
    articles: Mapping[str, int]  # how many articles report each concept, the clause's and others'
    quoted: float  # the share of its content words inside a long quotation
    ahead: bool  # it tells a step still to come

    @property
    def index(self) -> int:
        """The sentence's place in its article: 0 is the headline."""
        return int(self.evidence.sentence_id.rsplit(".s", 1)[1])

    @property
    def names(self) -> int:
        """The names it states."""
        return sum(c.startswith("fact:") and c[5:6].isalpha() for c in self.concepts)

    @property
    def shared(self) -> int:
        """The most articles that report one of its names, figures or phrases."""
        reported = (self.articles.get(c, 1) for c in self.concepts if c.startswith(("pair:", "fact:")))
        return max(reported, default=1)


def _figures(e: Evidence) -> int:
    return len({m.group().lower() for m in FACT_TOKEN.finditer(e.quote)})


FEATURES: dict[str, Callable[[Reading], float]] = {
    "bias": lambda r: 1.0,
    "states a party's position": lambda r: float(bool(r.evidence.speaker)),
    "dates and numbers": lambda r: _share(_figures(r.evidence)),
    "a digit": lambda r: float(bool(_DIGIT.search(r.evidence.quote))),
    "names": lambda r: _share(r.names),
    "on an issue": lambda r: float(bool(r.evidence.issues)),
    "headline": lambda r: float(r.evidence.headline),
    "lead": lambda r: float(r.index <= _LEAD),
    "early": lambda r: float(r.index <= _EARLY),
    "log words": lambda r: math.log(max(r.evidence.words, 1)),
    "articles sharing a phrase": lambda r: _share(r.shared, _SHARED_CAP),
    "quoted share": lambda r: r.quoted,
    "reads alone": lambda r: float(reads_alone(r.evidence)),
    "who met": lambda r: float("summary:who" in r.concepts),
    "where": lambda r: float("summary:where" in r.concepts),
    "what happened": lambda r: float("summary:event" in r.concepts),
    "what comes next": lambda r: float("summary:next" in r.concepts),
    "the outcome": lambda r: float("summary:outcome" in r.concepts),
    "a step to come": lambda r: float(r.ahead),
    "negation": lambda r: float(bool(NEGATION.search(r.evidence.quote))),
    "condition": lambda r: float(bool(_CONDITION.search(r.evidence.quote))),
    "reported by several articles": lambda r: float(len(r.evidence.unit.sources) > 1),
    "whose 'he' named": lambda r: float(r.evidence.who is not None),
    "shortened": lambda r: float(r.evidence.text != r.evidence.quote),
    "parties named": lambda r: _share(len(r.evidence.parties), 3),
    "a deal's terms": lambda r: float(any(c.startswith("slot:terms:") for c in r.concepts)),
    "a figure moved": lambda r: float(bool(MOVED.search(r.evidence.quote))),
}


def features(r: Reading) -> list[float]:
    """The clause's feature values, in FEATURES' order."""
    return [read(r) for read in FEATURES.values()]


@cache
def _weights(path: Path = WEIGHTS_FILE) -> tuple[float, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise RuntimeError(
            f"cannot read the salience weights {path} ({e}); reinstall Brief, or refit them with "
            "`python evals/train_salience.py`"
        ) from e
    if (
        not isinstance(data, dict)
        or data.get("features") != list(FEATURES)
        or len(data.get("weights") or ()) != len(FEATURES)
    ):
        raise RuntimeError(
            f"{path} holds weights for other features than service/salience.py reads; "
            "refit them with `python evals/train_salience.py`"
        )
    return tuple(data["weights"])


def log_odds(weights: Sequence[float], values: Sequence[float]) -> float:
    """The model's log-odds for one clause's feature values under `weights`."""
    return math.fsum(w * x for w, x in zip(weights, values, strict=True))


def salience(r: Reading) -> float:
    """The probability, by the fitted model, that the clause states a fact a reader would list."""
    return 1 / (1 + math.exp(-log_odds(_weights(), features(r))))
