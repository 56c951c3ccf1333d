"""Ablation: the claim answering each of the summary's questions, by the rule or the model? (prints figures)

Every case is briefed with the model off. For each question the summary answers (what happened,
who met, the outcome, what comes next) the rule takes the most central chosen claim that answers
it (`compose.summary_of`). The model is shown the same candidates, the first four, as lettered
options after the question (`prompts/bench/summary.v1.j2`) and picks one by option scoring, each
letter's prior removed; its summary is the rule's with each question's claim its pick. Both are
scored by the eval's SummaryAnswers. Held-out cases are reported apart. Uses BRIEF_BASE_URL or
the embedded model.

    python evals/bench_summary.py [CASE.yaml ...]
"""

from __future__ import annotations

import asyncio
import functools
import sys
import time
from pathlib import Path

from service import compose
from service.backend import open_model
from service.briefing import make_brief
from service.evals.cases import Case, load_case, load_cases
from service.evals.scorer import SummaryAnswers
from service.evidence import Evidence
from service.judge import choose
from service.llm import Model, ModelSession
from service.prompts import Prompt, load_prompt
from service.schema import Brief
from service.settings import Settings, get_settings

CASES = Path(__file__).parent / "cases"
LETTERS = "ABCD"
# What a reader asks of each role summary_of fills; the dispute's sides and the fillers are the rule's.
QUESTIONS = {
    0: "What happened, where and when?",
    1: "Who met, and who led each side?",
    2: "What was the outcome?",
    4: "What comes next?",
}
# A role's candidates may change once an earlier role takes another claim: ask again, this often.
ROUNDS = 3

Key = tuple[int, tuple[str, ...]]


async def _brief(case: Case, reorder: compose.Ranker | None) -> Brief:
    """The case's brief, model off, its summary's candidates ordered by `reorder`."""
    original = compose.summary_of
    # compose() calls summary_of by name: the ablation's order goes in there, nowhere else.
    compose.summary_of = functools.partial(original, reorder=reorder)  # type: ignore[assignment]
    try:
        return await make_brief(case.request(use_model=False), None, Settings(use_model=False))
    finally:
        compose.summary_of = original  # type: ignore[assignment]


async def _pick(model: Model, prompt: Prompt, question: str, texts: list[str]) -> int:
    """The index of the report the model ranks first as the answer to `question`."""
    session = ModelSession(model, time.monotonic() + 60)
    letters = list(LETTERS[: len(texts)])
    empty = prompt.render(question=question, reports=[], letters=LETTERS)
    asked = prompt.render(question=question, reports=texts, letters=LETTERS)
    return letters.index(await choose(session, asked, empty, letters, list(LETTERS)))


async def ablate(case: Case, model: Model, prompt: Prompt) -> tuple[float, float, int]:
    """Summary answers by the rule and with the model's picks, and the questions the model was asked."""
    answers: dict[Key, str] = {}  # a role's candidate ids -> the id the model picked
    asked: dict[Key, list[str]] = {}  # the same -> the candidates' wordings

    def reorder(role: int, candidates: list[Evidence]) -> list[Evidence]:
        shown = candidates[: len(LETTERS)]
        key = (role, tuple(e.id for e in shown))
        if role not in QUESTIONS or len(shown) < 2:
            return candidates
        if key not in answers:
            asked[key] = [e.text for e in shown]
            return candidates
        first = next(e for e in candidates if e.id == answers[key])
        return [first, *(e for e in candidates if e is not first)]

    # Before the model answers anything, every role keeps the rule's order: the rule's brief.
    brief = await _brief(case, reorder)
    rule = SummaryAnswers().evaluate(brief, case).value
    for _ in range(ROUNDS):
        new = [key for key in asked if key not in answers]
        if not new:
            break
        for key in new:
            n = await _pick(model, prompt, QUESTIONS[key[0]], asked[key])
            answers[key] = key[1][n]
        brief = await _brief(case, reorder)
    return float(rule or 0.0), float(SummaryAnswers().evaluate(brief, case).value or 0.0), len(answers)


async def main(paths: list[str]) -> None:
    settings = get_settings()
    cases = [load_case(p) for p in paths] if paths else load_cases(CASES)
    prompt = load_prompt(settings.prompts_dir / "bench", "summary")
    totals: dict[bool, list[float]] = {}
    async with open_model(settings) as model:
        for case in [c for c in cases if c.summary]:
            started = time.monotonic()
            rule, model_picks, questions = await ablate(case, model, prompt)
            n = len(case.summary)
            total = totals.setdefault(case.held_out, [0, 0, 0])
            total[0] += round(rule * n)
            total[1] += round(model_picks * n)
            total[2] += n
            where = "held out" if case.held_out else "tuned on"
            print(
                f"{case.name} ({where}): summary answers by the rule {round(rule * n)}/{n}, with the "
                f"model's picks {round(model_picks * n)}/{n}; {questions} questions in "
                f"{time.monotonic() - started:.1f} s"
            )
    for held, (r, m, n) in sorted(totals.items()):
        print(f"{'held out' if held else 'tuned on'}: rule {r:.0f}/{n:.0f}, model's picks {m:.0f}/{n:.0f}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
