"""The drafter's quality on every case: a brief with the case's hand profile against one with a
profile drafted from the same articles (`brief topic draft`), model off (prints figures).

Recall, compression and claims under the wrong party are scored as `brief eval` scores them. A
drafted party takes the name of the hand party it shares a name or alias with ("Republic of
Valdora" is "Valdora"), so its claims are judged against the labels' names; one that shares none
keeps its own name, and its claims count as under the wrong party. The gap between the two rows
of a case is what the drafter costs. Held-out cases are reported apart.

    python evals/bench_drafted.py [CASE.yaml ...]
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

from service.briefing import make_brief
from service.draft import draft_profile
from service.evals.cases import Case, load_case, load_cases
from service.evals.scorer import CaseScore, score_case
from service.ingest import ingest
from service.schema import BriefRequest
from service.settings import PROJECT_ROOT, Settings
from service.topic import TopicProfile, load_profile

CASES = Path(__file__).parent / "cases"


async def _score(case: Case, topic: TopicProfile | str) -> CaseScore:
    request = case.request(use_model=False)
    request = BriefRequest(documents=request.documents, topic=topic, options={"use_model": False})
    brief = await make_brief(request, None, Settings(use_model=False))
    return score_case(case, brief, case.texts())


def _as_hand(drafted: TopicProfile, case: Case) -> TopicProfile:
    """The drafted profile, each party named as the one hand party it shares a name or alias with."""
    hand = case.profile()
    if not isinstance(hand, TopicProfile):
        hand = load_profile(hand, PROJECT_ROOT / "prompts" / "topics", Settings().topic)
    names = {n.casefold(): p.name for p in hand.parties for n in (p.name, *p.aliases)}
    taken: set[str] = set()
    parties, renamed = [], {}
    for party in drafted.parties:
        hits = {names[n.casefold()] for n in (party.name, *party.aliases) if n.casefold() in names}
        # "Ondara" for "Government of Ondara": the drafted name within one hand party's name.
        hits = hits or {p.name for p in hand.parties if re.search(rf"\b{re.escape(party.name)}\b", p.name)}
        name = hits.pop() if len(hits) == 1 else party.name
        if name in taken:  # two drafted parties for one: the second keeps its own name, marked if taken
            name = party.name if party.name not in taken else f"{party.name} (drafted)"
        taken.add(name)
        renamed[party.name] = name
        parties.append({**party.model_dump(), "name": name})
    examples = [{**x.model_dump(), "party": renamed.get(x.party, x.party)} for x in drafted.examples]
    return TopicProfile.model_validate({**drafted.model_dump(), "parties": parties, "examples": examples})


async def main(paths: list[str]) -> None:
    cases = [load_case(p) for p in paths] if paths else load_cases(CASES)
    totals: dict[tuple[bool, str], list[int]] = {}
    for case in cases:
        drafted = _as_hand(
            draft_profile(ingest(case.request(use_model=False).documents), f"{case.name}_drafted"), case
        )
        for label, topic in (("hand", case.profile()), ("drafted", drafted)):
            s = await _score(case, topic)
            found = sum(bool(r.found) for r in s.facts)
            total = totals.setdefault((case.held_out, label), [0, 0, 0])
            total[0] += found
            total[1] += len(s.facts)
            total[2] += int(s.wrong_party or 0)
            held = " (held out)" if case.held_out else ""
            print(
                f"{case.name}{held}, {label}: recall {found}/{len(s.facts)}, "
                f"compression {s.compression:.3f}, wrong party {s.wrong_party_reason.split(';')[0]}",
                flush=True,
            )
        if not case.held_out:  # a held-out case's contents stay unread
            print(f"  drafted parties: {', '.join(p.name for p in drafted.parties)}", flush=True)
            print(f"  drafted issues: {', '.join(i.id for i in drafted.issues)}", flush=True)
    for (held, label), (found, facts, wrong) in sorted(totals.items()):
        kind = "held-out" if held else "tuned"
        print(f"{kind} cases, {label} profiles: {found}/{facts} facts, {wrong} claims under the wrong party")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
