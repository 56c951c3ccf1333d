"""Ablation: where sources are split evenly, does the model place an issue better than the rule? (figures)

For every issue of a standing set whose articles came out the same day and disagree
(evals/dev/standing_split.yaml by default), the rule reads where the issue stands from all of
its clauses (status.standing). Where the rule decides, that is the answer a brief shows. Where it
finds a tie, a brief shows a clause for each side and asks the model to choose among the tied
statuses (judge.status_among, as the pipeline does). Printed: the rule's right answers where it
decides; on the ties, the model's right answers against chance and against the rule's own
fallback ("unknown", never right); and on every issue whose clauses say two statuses or more,
the rule's answers against the model's. Uses BRIEF_BASE_URL or the embedded model.

    python evals/bench_split.py [SET.yaml]
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from service import status as statuses
from service.backend import open_model
from service.evals.devsets import DEV, shared_cues, stories
from service.judge import status_among
from service.llm import ModelSession
from service.prompts import load_prompt
from service.settings import get_settings


async def main(path: Path) -> None:
    settings = get_settings()
    cues = shared_cues(path, settings.prompts_dir)
    prompt = load_prompt(settings.prompts_dir, "status")
    decided = right = ties = tie_right = disputed = rule_on_disputed = model_on_disputed = 0
    chance = 0.0
    started = time.monotonic()
    told = stories(path)
    async with open_model(settings) as model:
        for story in told:
            given, support = statuses.standing(story.texts, cues, story.keywords, story.when)
            if given != "unknown":
                decided += 1
                right += given == story.label
            if len(support) < 2:
                continue  # the clauses agree, or say nothing of where it stands: nothing to ask
            said = {status: [story.texts[i] for i in ids] for status, ids in support.items()}
            session = ModelSession(model, time.monotonic() + 60)
            answer = await status_among(session, prompt, story.issue.replace("_", " "), said)
            disputed += 1
            rule_on_disputed += given == story.label
            model_on_disputed += answer == story.label
            if given == "unknown":
                ties += 1
                tie_right += answer == story.label
                chance += (story.label in support) / len(support)
            print(f"  {story.where}: {sorted(support)}; rule {given}, model {answer}, reader {story.label}")
    print(
        f"{path.name}: {len(told)} issues; the rule decides {decided} ({right} right).\n"
        f"  Ties (the model answers them in a brief): {ties}; the model {tie_right} right, chance "
        f"{chance:.1f}, the rule's 'unknown' 0.\n"
        f"  Every issue whose clauses say two statuses or more: {disputed}; the rule {rule_on_disputed} "
        f"right, the model {model_on_disputed}. {time.monotonic() - started:.1f} s"
    )


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV / "standing_split.yaml"))
