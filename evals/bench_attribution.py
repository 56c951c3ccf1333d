"""Benchmark: how often the attribution step names the party a person labelled (prints figures).

Runs the production judge on the hand-labelled sentences in evals/labels/attribution.yaml,
beside the no-model baseline (the sentence's lead party). Uses BRIEF_BASE_URL or the embedded model.

    python evals/bench_attribution.py
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import yaml

from service.backend import open_model
from service.dedupe import Unit
from service.evidence import tag
from service.judge import judge, without_model
from service.llm import Usage
from service.segment import Sentence
from service.settings import get_settings
from service.topic import load_profile

LABELS = Path(__file__).parent / "labels" / "attribution.yaml"


async def main() -> None:
    settings = get_settings()
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    profile = load_profile(data["topic"], settings.prompts_dir / "topics", settings.topic)
    units = [
        Unit(Sentence(f"x{n}.s1", f"x{n}", 0, len(r["text"]), r["text"]))
        for n, r in enumerate(data["sentences"])
    ]
    items = tag(units, profile)
    truth = {e.id: data["sentences"][int(e.unit.sentence.doc_id[1:])]["party"] for e in items}
    baseline = without_model(items, profile)
    async with open_model(settings) as model:
        usage = Usage()
        started = time.monotonic()
        judged = await judge(items, profile, model, usage, time.monotonic() + 600, settings.prompts_dir)
        elapsed = time.monotonic() - started

    def accuracy(party: dict[str, str | None]) -> int:
        return sum((party[e.id] or "none") == truth[e.id] for e in items)

    print(f"labelled sentences: {len(items)}")
    print(f"lead-party rule (no model): {accuracy(baseline.party)}/{len(items)}")
    print(
        f"model {model.name}: {accuracy(judged.party)}/{len(items)} in {elapsed:.1f} s, {usage.calls} calls"
    )
    for e in items:
        got = judged.party[e.id] or "none"
        if got != truth[e.id]:
            print(f"  model said {got:<13} truth {truth[e.id]:<13} {e.text[:90]}")


if __name__ == "__main__":
    asyncio.run(main())
