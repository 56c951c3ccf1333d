"""Ablation: who names the party a person labelled better, the speaker rule or the model? (prints figures)

For every case with hand labels (`positions:` in its case file), each evidence clause whose sentence
is labelled is attributed three ways: by the rule (service/attribute.py), by the model alone (option
scoring over the parties the clause names and "none", each option's prior removed), and by the
model with the rule's answer as a prior bonus of 2 nats. Held-out cases are reported apart. Uses
BRIEF_BASE_URL or the embedded model.

    python evals/bench_attribution.py [CASE.yaml ...]
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from service.backend import open_model
from service.dedupe import dedupe
from service.evals.cases import load_case, load_cases
from service.evidence import tag
from service.ingest import ingest
from service.judge import NONE, choose
from service.llm import ModelSession
from service.prompts import load_prompt
from service.segment import segment
from service.settings import get_settings
from service.topic import load_profile

CASES = Path(__file__).parent / "cases"
RULE_BONUS = 2.0


def _squash(text: str) -> str:
    return " ".join(text.split())


async def main(paths: list[str]) -> None:
    settings = get_settings()
    cases = [load_case(p) for p in paths] if paths else load_cases(CASES)
    prompt = load_prompt(settings.prompts_dir, "attribute")
    async with open_model(settings) as model:
        for case in [c for c in cases if c.positions]:
            request = case.request()
            profile = load_profile(request.topic, settings.prompts_dir / "topics", settings.topic)
            labels = {_squash(x.text): {x.party, *x.also} for x in case.positions}
            units = dedupe([s for d in ingest(request.documents) for s in segment(d)])
            seen, items = set(), []
            for e in tag(units, profile):
                truth = labels.get(_squash(e.unit.sentence.text))
                if truth and e.key not in seen and e.parties:
                    seen.add(e.key)
                    items.append((e, truth))
            names = [p.name for p in profile.parties]
            shared = {
                "title": profile.title,
                "parties": names,
                "examples": [x.model_dump() for x in profile.examples],
            }

            def render(sentence: str, shared: dict = shared) -> str:
                return prompt.render(**shared, sentence=sentence)

            calls, started = 0, time.monotonic()
            rule = alone = helped = 0
            for e, truth in items:
                options = [*e.parties, NONE]
                said = e.speaker or NONE
                session = ModelSession(model, time.monotonic() + 60)
                empty = render("")
                a = await choose(session, render(e.quote), empty, options, [*names, NONE])
                bonus = {said: RULE_BONUS}
                b = await choose(session, render(e.quote), empty, options, [*names, NONE], bonus)
                calls += session.usage.calls
                rule += said in truth
                alone += a in truth
                helped += b in truth
            n = len(items)
            where = "held out" if case.held_out else "tuned on"
            print(
                f"{case.name} ({where}, {n} labelled clauses): rule {rule}/{n}, model alone {alone}/{n}, "
                f"model + rule prior {helped}/{n}; {calls} calls in {time.monotonic() - started:.1f} s"
            )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
