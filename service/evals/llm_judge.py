"""An optional LLM judge for eval facts, off by default: does this claim state this fact?

Only the few claims that share the most content words with a fact are put to the model, so a
case costs tens of calls, not facts × claims. Base models rank " yes" against " no" (calibrated
like the pipeline's own questions); chat models answer in JSON. A question the model fails to
answer is recorded as None, so the fact scores as unmeasured, never as missed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from service.dedupe import content_words
from service.evals.cases import Fact, MustNot
from service.judge import choose
from service.llm import Model, ModelError, ModelSession
from service.prompts import load_prompt

log = logging.getLogger("brief.eval.judge")
DEFAULT_CANDIDATES = 3
_YES, _NO = "yes", "no"


class SameFact(BaseModel):
    """The chat judge's answer."""

    same_fact: bool


def candidates(
    facts: Iterable[Fact | MustNot], claims: Iterable[str], per_fact: int = DEFAULT_CANDIDATES
) -> list[tuple[Fact | MustNot, str]]:
    """For each fact, the claims sharing the most content words with it (ties: brief order)."""
    texts = list(dict.fromkeys(claims))
    words = {t: set(content_words(t)) for t in texts}
    out = []
    for fact in facts:
        wanted = set(content_words(fact.fact))
        ranked = sorted(texts, key=lambda t: -len(wanted & words[t]))
        out += [(fact, t) for t in ranked[:per_fact] if wanted & words[t]]
    return out


class LLMJudge:
    """A fact matcher whose verdicts the model gives in `prepare`; unasked pairs do not match."""

    name = "judge"

    def __init__(self, model: Model, prompts_dir: Path, deadline_s: float) -> None:
        self.model, self.deadline_s = model, deadline_s
        self.prompt = load_prompt(prompts_dir, "fact_match")
        self.chat_prompt = load_prompt(prompts_dir, "fact_match_chat")
        self.verdicts: dict[tuple[str, str], bool | None] = {}
        self.calls = 0
        self.failures = 0

    async def prepare(self, pairs: Iterable[tuple[Fact | MustNot, str]]) -> None:
        """Ask the model about each (fact, claim) pair not asked yet, one at a time, in order."""
        for fact, claim in pairs:
            key = (fact.fact, claim)
            if key in self.verdicts or not fact.fact.strip():
                continue
            # A deadline per question, as a brief has its own: one slow answer costs one verdict.
            session = ModelSession(self.model, time.monotonic() + self.deadline_s)
            try:
                self.verdicts[key] = await self._ask(session, fact.fact, claim)
            except ModelError as e:
                self.failures += 1
                self.verdicts[key] = None
                log.warning("judge: no verdict on fact %r: %s", fact.id, e)
            finally:
                self.calls += session.usage.calls

    async def _ask(self, session: ModelSession, fact: str, claim: str) -> bool:
        if self.model.capabilities.option_scoring:
            answer = await choose(
                session,
                self.prompt.render(fact=fact, claim=claim),
                self.prompt.render(fact="", claim=""),
                [_YES, _NO],
                [_YES, _NO],
            )
            return answer == _YES
        if self.model.capabilities.structured_output != "none":
            messages = [{"role": "user", "content": self.chat_prompt.render(fact=fact, claim=claim)}]
            return (await session.generate(messages, SameFact)).same_fact
        raise ModelError(f"model {self.model.name} declares neither option scoring nor structured output")

    def __call__(self, fact: Fact | MustNot, text: str) -> bool | None:
        if not fact.fact.strip():
            return None
        return self.verdicts.get((fact.fact, text), False)
