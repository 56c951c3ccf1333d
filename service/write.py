"""Write: each chosen claim's wording, by the rule or by a capable chat model.

The rule's wording (wording.py) only deletes words that carry no fact. A chat model may write a
claim shorter. Code, never the model, ties each wording to its clause by evidence id, so the
citations stay the clause's quotes; and every wording the model writes must pass the verifier's
text check (faithful.py) against those quotes and be shorter than the rule's, or the rule's
wording stands, counted and named in the brief's warnings.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from service.attribute import Parties
from service.evidence import Evidence, is_fragment
from service.faithful import unsupported
from service.llm import ModelSession
from service.prompts import load_prompt
from service.topic import TopicProfile
from service.wording import FACT_TOKEN, KEEPS, word_count


class _Wording(BaseModel):
    id: str
    text: str


class _Wordings(BaseModel):
    claims: list[_Wording]


@dataclass
class Written:
    """The chosen claims with the wordings that stand, and what was refused."""

    items: list[Evidence]
    prompt_versions: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)


async def by_model(
    items: list[Evidence],
    profile: TopicProfile,
    parties: Parties,
    session: ModelSession,
    prompts_dir: Path,
) -> Written:
    """The claims as a chat model words them, where its wording passes the verifier."""
    prompt = load_prompt(prompts_dir, "write_chat")
    text = prompt.render(title=profile.title, items=[{"id": e.id, "text": e.text} for e in items])
    answer = await session.generate([{"role": "user", "content": text}], _Wordings)
    by_id = {e.id: e for e in items}
    wording: dict[str, str] = {}
    repaired: list[str] = []
    for w in answer.claims:
        shown = w.id[:40]  # model output: bounded before it reaches warnings
        item = by_id.get(w.id)
        if item is None:
            repaired.append(f"text: model wrote for {shown!r}, which is not a claim; ignored")
            continue
        new = " ".join(w.text.split())
        if not new or new == item.text or w.id in wording:
            continue
        if word_count(new) >= word_count(item.text):
            continue  # no shorter: the rule's wording is as good and verified by construction
        reason = unsupported(new, [item.quote], parties) or _loses(item.text, new, item.headline)
        if reason is not None:
            repaired.append(f"text: model wording of {shown} failed the check ({reason}); kept the rule's")
            continue
        wording[w.id] = new
    return Written(
        items=[dataclasses.replace(e, text=wording[e.id]) if e.id in wording else e for e in items],
        prompt_versions=[prompt.version],
        repaired=repaired,
    )


def _loses(rule: str, new: str, headline: bool) -> str | None:
    """What a shorter wording gives up that the rule's keeps: a date, a number, a negation, a
    condition or a modal (saying less is faithful, but these are facts), or being a whole claim."""

    def tokens(pattern: re.Pattern[str], text: str) -> Counter[str]:
        return Counter(m.group().lower() for m in pattern.finditer(text))

    for pattern, what in ((FACT_TOKEN, "date or number"), (KEEPS, "negation, condition or modal")):
        lost = tokens(pattern, rule) - tokens(pattern, new)
        if lost:
            return f"drops the {what} {', '.join(sorted(lost))!r}"
    if is_fragment(new, headline):
        return "is not a whole claim"
    return None
