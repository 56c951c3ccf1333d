"""The faithfulness benchmark: hand-written rewrites of source sentences, faithful or not, and how
the verifier judges each (evals/faithfulness.yaml).

Each rewrite cites one sentence of an eval case's document. An unfaithful one (a role swap, a
negation, a changed number or date, a modal's force, another entity, an inflated status, a hedge
or condition dropped, an addition, a quantifier) must be rejected; a faithful one (a compression,
another of a party's names, a reordering, a paraphrase an editor allows) should pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from service import status as statuses
from service.evals.cases import Case
from service.faithful import unsupported
from service.ingest import ingest
from service.settings import PROJECT_ROOT, Settings
from service.topic import load_profile
from service.verify import Sources

BENCHMARK = PROJECT_ROOT / "evals" / "faithfulness.yaml"


class Rewrite(BaseModel):
    """One claim written from one source sentence, and whether it is faithful to it."""

    model_config = ConfigDict(extra="forbid")

    case: str
    doc: str
    quote: str = Field(min_length=1)
    claim: str = Field(min_length=1)
    faithful: bool
    kind: str
    why: str = ""


@dataclass
class FaithfulnessScore:
    """How the verifier judged the benchmark: rates, and per kind (right, total)."""

    rejected: int = 0
    unfaithful: int = 0
    accepted: int = 0
    faithful: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """For report.json: the two rates, the counts and what was judged wrong."""
        return {
            "unfaithful_rejected": round(self.rejected / self.unfaithful, 4) if self.unfaithful else None,
            "faithful_accepted": round(self.accepted / self.faithful, 4) if self.faithful else None,
            "unfaithful": self.unfaithful,
            "faithful": self.faithful,
            "by_kind": {k: {"right": r, "total": t} for k, (r, t) in sorted(self.by_kind.items())},
            "wrong": self.wrong,
        }


def load_rewrites(path: Path = BENCHMARK) -> list[Rewrite]:
    """The benchmark's rewrites; a malformed file is an error naming the item."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("items")
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list under 'items'")
    return [Rewrite.model_validate(item) for item in items]


def score_rewrites(rewrites: list[Rewrite], cases: list[Case], settings: Settings) -> FaithfulnessScore:
    """Judge each rewrite against its sentence with the service's verifier."""
    by_name = {c.name: c for c in cases}
    sources: dict[str, Sources] = {}
    score = FaithfulnessScore()
    for n, r in enumerate(rewrites):
        case = by_name.get(r.case)
        if case is None:
            raise ValueError(f"faithfulness items[{n}]: no eval case named {r.case!r}")
        if r.case not in sources:
            profile = load_profile(case.profile(), settings.prompts_dir / "topics", settings.topic)
            cues = statuses.cues(profile, settings.prompts_dir)
            sources[r.case] = Sources.of(ingest(case.request().documents), profile, cues)
        found = sources[r.case]
        if not any(s.doc_id == r.doc and s.text == r.quote for s in found.sentences.values()):
            raise ValueError(f"faithfulness items[{n}]: the quote is not a sentence of {r.case}/{r.doc}")
        reason = unsupported(r.claim, [r.quote], found.parties)
        right = (reason is None) == r.faithful
        if r.faithful:
            score.faithful += 1
            score.accepted += reason is None
        else:
            score.unfaithful += 1
            score.rejected += reason is not None
        tally = score.by_kind.setdefault(r.kind, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            verdict = f"rejected ({reason})" if reason else "accepted"
            score.wrong.append(f"{r.case}/{r.doc} {r.kind}: {r.claim!r} {verdict}")
    return score
