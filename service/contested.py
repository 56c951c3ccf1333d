"""Contested: a party's claim that an outlet restates as fact is not a fact of the brief.

A partisan outlet writes "... after a Ukrainian drone struck the plant's training centre" where
a wire reports "Russia's Defence Ministry said that a Ukrainian drone struck the training centre".
Shown bare, the first states one side's accusation as what happened. A clause that credits no
one and repeats a run of the words a party is reported to have said is that claim restated: it
leaves the evidence, and the clause that says whose claim it is stays.
"""

from __future__ import annotations

import re

from service.attribute import reported
from service.evidence import Evidence

# What a party asserts happened: not what it recommends, proposes or wants, which a later report
# of an agreement may repeat word for word ("recommended closing the bank", "agreed to close it").
_ASSERTS = re.compile(
    r"\b(?:said|says|say|claim(?:ed|s)?|alleg(?:ed|es)|accus(?:ed|es|ing)|told|tells|stated|states|"
    r"insist(?:ed|s)|assert(?:ed|s)|maintain(?:ed|s)|according to)\b",
    re.IGNORECASE,
)

# Content words in a row that make a restatement, not a shared name or phrase: runs of four and
# five ("cubic metres per second", "Fisheries Minister Henrik Solvang") are common between true
# reports of one event; none of six appeared between independent ones in the eval cases.
RUN = 6


def restated(items: list[Evidence]) -> set[str]:
    """Ids of the clauses that restate, uncredited, what a party is reported to have said."""
    claimed = set().union(*(_runs(e.terms) for e in items if e.speaker and _ASSERTS.search(e.text)))
    bare = [e for e in items if not e.speaker and not reported(e.text)]
    return {e.id for e in bare if not claimed.isdisjoint(_runs(e.terms))}


def _runs(terms: list[str]) -> set[tuple[str, ...]]:
    """Every RUN terms in a row."""
    return set(zip(*(terms[k:] for k in range(RUN)), strict=False))
