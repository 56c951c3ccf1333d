"""A drafted profile under a hand profile's names, so briefs made with it are judged by the labels.

A drafted party takes the name of the one hand party it shares a name or alias with ("Republic of
Valdora" is "Valdora"), or whose name holds its own ("Ondara" is "Government of Ondara"), and keeps
its own name as an alias, so it matches what it matched in the draft. One that
matches none, or several, keeps its own name, and its claims count as under the wrong party; so
does a second drafted party for a hand party already taken.

Given the articles' sentences, a drafted issue likewise takes the id of the hand issue whose
keywords match most of the sentences its own keywords match (half of them at least), one drafted
issue to a hand issue, the widest overlap first; so the statuses a reader judged are read on the
drafted issues too. One that overlaps none keeps its own id (with "_drafted" if a hand issue has it).
"""

from __future__ import annotations

import re

from service.topic import TopicProfile


def renamed(drafted: TopicProfile, hand: TopicProfile, texts: list[str] | None = None) -> TopicProfile:
    """The drafted profile, each party named as the hand party it stands for (and, given the
    articles' sentences, each issue given the id of the hand issue it stands for)."""
    names = {n.casefold(): p.name for p in hand.parties for n in (p.name, *p.aliases)}
    taken: set[str] = set()
    parties, new = [], {}
    for party in drafted.parties:
        hits = {names[n.casefold()] for n in (party.name, *party.aliases) if n.casefold() in names}
        hits = hits or {p.name for p in hand.parties if re.search(rf"\b{re.escape(party.name)}\b", p.name)}
        name = hits.pop() if len(hits) == 1 else party.name
        if name in taken:
            name = party.name if party.name not in taken else f"{party.name} (drafted)"
        taken.add(name)
        new[party.name] = name
        # The drafted name stays an alias: renamed, the party is still found by what the articles call it.
        aliases = [party.name, *party.aliases] if name != party.name else party.aliases
        parties.append({**party.model_dump(), "name": name, "aliases": aliases})
    examples = [{**x.model_dump(), "party": new.get(x.party, x.party)} for x in drafted.examples]
    issues = _issues(drafted, hand, texts) if texts is not None else [i.model_dump() for i in drafted.issues]
    return TopicProfile.model_validate(
        {**drafted.model_dump(), "parties": parties, "examples": examples, "issues": issues}
    )


def _issues(drafted: TopicProfile, hand: TopicProfile, texts: list[str]) -> list[dict]:
    """The drafted issues, each with the id of the hand issue whose sentences its own overlap most."""

    def matched(profile: TopicProfile, issue: str) -> set[int]:
        pattern = profile.issue_patterns[issue]
        return {n for n, t in enumerate(texts) if pattern.search(t)}

    mine = {i.id: matched(drafted, i.id) for i in drafted.issues}
    theirs = {i.id: matched(hand, i.id) for i in hand.issues}
    pairs = sorted(
        ((len(mine[d] & theirs[h]), d, h) for d in mine for h in theirs if mine[d]),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    ids: dict[str, str] = {}
    for shared, d, h in pairs:
        if d not in ids and h not in ids.values() and 2 * shared >= len(mine[d]):
            ids[d] = h
    taken = set(ids.values())
    out = []
    for i in drafted.issues:
        own = i.id if i.id not in taken and i.id not in theirs else f"{i.id}_drafted"
        out.append({**i.model_dump(), "id": ids.get(i.id, own)})
    return out
