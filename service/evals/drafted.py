"""A drafted profile under a hand profile's names, so briefs made with it are judged by the labels.

A drafted party takes the name of the one hand party it shares a name or alias with ("Republic of
Valdora" is "Valdora"), or whose name holds its own ("Ondara" is "Government of Ondara"), and keeps
its own name as an alias, so it matches what it matched in the draft. One that
matches none, or several, keeps its own name, and its claims count as under the wrong party; so
does a second drafted party for a hand party already taken.
"""

from __future__ import annotations

import re

from service.topic import TopicProfile


def renamed(drafted: TopicProfile, hand: TopicProfile) -> TopicProfile:
    """The drafted profile, each party named as the hand party it stands for."""
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
    return TopicProfile.model_validate({**drafted.model_dump(), "parties": parties, "examples": examples})
