"""Compose: lay the chosen claims out as a brief, each claim shown once.

The summary comes first: what happened (who met, where, when), the outcome (once a deal is told,
a term it settles), the main dispute (an issue not yet agreed) with each side's stance, and what
comes next, from the chosen claims. Every other claim sits
in one home: under its first issue, as the position of the party it speaks for, or as what is
reported on the issue; a party's stance on no issue sits under the party. Everywhere else it
belongs (another issue it touches, or its issue when it is in the summary) it is referred to
by id, not repeated.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from service.evidence import Evidence, needs_who, reads_alone
from service.ingest import CleanDocument
from service.schema import Citation, Claim, ClaimRef, IssueBrief, IssueStatus, Listed, PartyBrief, Position
from service.segment import Sentence, by_document
from service.select import (
    DEAL_MADE,
    HAPPENED,
    NEXT,
    NEXT_STEP,
    OUTCOME,
    PLACE,
    ahead,
    centrality,
    tells_where,
    tells_who,
    to_come,
    who_met,
)
from service.status import by_rule, supported, weight
from service.topic import TALKS, TopicProfile, WordPattern
from service.wording import CALENDAR, DATE, DATELINE, FACT_TOKEN, STAMP_LINE, TIME_STAMP

_SUMMARY_MIN = 3
_SUMMARY_MAX = 6
# What a deal settles, told as news: "the three parties agreed on a fund ...", "agreed to a cap".
_AGREED_ON = re.compile(r"\b(?<!not )agreed\s+(?:on|to)\b")
# A role's candidates in the order to try them (role: 0 what happened and where, 1 who met, 2 the outcome,
# 3 a side of the main dispute, 4 what comes next, 5 any other claim).
Ranker = Callable[[int, list[Evidence]], list[Evidence]]


@dataclass
class Judgement:
    """Who speaks in each claim (evidence id -> party or None) and statuses a model chose."""

    party: dict[str, str | None]
    status: dict[str, IssueStatus] = field(default_factory=dict)
    prompt_versions: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


@dataclass
class Sections:
    """The brief's body before verification."""

    summary: list[Claim]
    parties: list[PartyBrief]
    issues: list[IssueBrief]


def to_claim(item: Evidence, claim_id: str | None = None) -> Claim:
    """A claim citing every source of the clause, each quoted verbatim."""
    citations = []
    for s in item.unit.sources:
        quote = item.quote if item.quote in s.text else s.text
        citations.append(Citation(doc_id=s.doc_id, sentence_id=s.id, quote=quote))
    who = None
    if item.who and needs_who(item.text):  # a model's wording may have dropped the "he"
        named = item.who.sentence
        who = Citation(doc_id=named.doc_id, sentence_id=named.id, quote=item.who.name)
    return Claim(id=claim_id, text=item.text, citations=citations, who=who)


def reading_order(documents: Sequence[CleanDocument]) -> dict[str, int]:
    """Each article's place in time (doc id -> rank, oldest first): by `published` when every
    article has one, else the order they were given in."""
    dated = all(d.published is not None for d in documents)
    ranked = sorted(range(len(documents)), key=lambda n: (documents[n].published, n) if dated else n)
    return {documents[n].doc_id: rank for rank, n in enumerate(ranked)}


_DAY_MINUTES = 24 * 60


def _minutes(stamp: re.Match[str]) -> int:
    """The stamp's minutes after midnight: "11:30 p.m." is 23:30, "12:05 a.m." 00:05."""
    hour, half = int(stamp.group("hour")), (stamp.group("half") or "").lower()
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour * 60 + int(stamp.group("minute"))


def entry_order(documents: Sequence[CleanDocument], sentences: Sequence[Sentence]) -> dict[str, float]:
    """Each sentence's place in time within its article, in [0, 1) (by sentence id): a live
    blog's time-stamped entries ("03:10 - Deal in principle.", or the stamp on a line of its own
    above the entry) in the order their times run, oldest first or newest first; what comes before
    the first stamp is the blog's opening (the oldest news of one run oldest first, the newest of
    one run newest first). Any other article's sentences are all 0: a report's order is no order
    in time."""
    out = {s.id: 0.0 for s in sentences}
    by_doc = by_document(sentences)
    for doc in documents:
        stamps = [
            (line.start(), _minutes(m))
            for line in re.finditer(r"^.*$", doc.text, re.M)
            if (m := TIME_STAMP.match(line.group()) or STAMP_LINE.match(line.group()))
        ]
        if len(stamps) < 2:
            continue
        # A step forward is one of less than half a day: 23:58, then 03:10, runs on past midnight.
        steps = [(b - a) % _DAY_MINUTES for (_, a), (_, b) in itertools.pairwise(stamps)]
        oldest_first = 2 * sum(0 < step < _DAY_MINUTES // 2 for step in steps) >= len(steps)
        starts = [at for at, _ in stamps]
        for s in by_doc.get(doc.doc_id, []):
            entry = bisect.bisect_right(starts, s.start)  # 0: before the first stamp
            out[s.id] = (entry if oldest_first else len(stamps) - entry) / (len(stamps) + 1)
    return out


def summary_of(
    chosen: list[Evidence],
    party_of: dict[str, str | None],
    order: Mapping[str, int] | None = None,
    reorder: Ranker | None = None,
    settled: Mapping[str, Collection[str]] | None = None,
    past: Collection[str] = (),
) -> list[Evidence]:
    """3-6 claims a reader can stop after: what happened and who met, the outcome, the main
    dispute, what next; in that order. `order` ranks the articles in time (see reading_order);
    `reorder` may reorder each role's candidates (evals/bench_summary.py: the model's ablation);
    `settled`: the issues agreed, each with the ids of the claims that say so (a deal's terms);
    `past`: the ids of steps whose day had passed by the newest article, never what comes next."""
    settled = settled or {}
    terms = {i for ids in settled.values() for i in ids}
    order = order or {}
    rank = centrality(chosen)
    # A summary claim is read on its own: one opening with a pronoun or a bare quote cannot be,
    # unless the brief names who "he" (or whose "its") is.
    readable = [e for e in chosen if reads_alone(e)]
    by_rank = sorted(readable, key=lambda e: -rank[e.id])
    picked: dict[str, Evidence] = {}  # evidence id -> claim, in the order taken
    role: dict[str, int] = {}

    def take(order: int, candidates: list[Evidence]) -> None:
        candidates = [e for e in candidates if e.id not in picked]
        for e in reorder(order, candidates) if reorder else candidates:
            if len(picked) < _SUMMARY_MAX:
                picked[e.id], role[e.id] = e, order
                return

    # What happened, and when: a report of the event with a date before one with only a number;
    # never what is still to happen ("An expert group will meet in February"), which is next.
    dated = [e for e in by_rank if FACT_TOKEN.search(e.quote) and not to_come(e.quote)]
    events = [e for e in dated if HAPPENED.search(e.quote) and not party_of.get(e.id)]
    dated_events = [e for e in events if DATE.search(e.quote)]
    # Where: "in Geneva", or a wire dateline's city ("AARHAVN - Estmar and Caldora agreed ...").
    placed = [e for e in dated_events if PLACE.search(e.quote) or DATELINE.match(e.quote)]
    take(0, placed or dated_events or events or dated)
    if not any(CALENDAR.search(e.quote) for e in picked.values()):
        take(0, [e for e in events if CALENDAR.search(e.quote)])  # when, on the calendar
    if not any(tells_where(e.quote) for e in picked.values()):
        take(0, [e for e in by_rank if tells_where(e.quote)])  # where, building and all
    # Who met, told as news before as a party's stance: "Halvern is represented by Gregory Tane"
    # rather than "Tane, Halvern's chief negotiator, says Halvern has come down to $3.10", which
    # its party's section shows and whose offer may since have moved.
    whos = [e for e in by_rank if tells_who(e.text)]
    take(1, who_met(sorted(whos, key=lambda e: party_of.get(e.id) is not None)))
    # A claim on no issue that is no party's position has no home but here (select takes at
    # most UNPLACED_MAX of them): it is shown here or nowhere, in the place of what it tells.
    for e in chosen:
        if not e.issues and not party_of.get(e.id):
            take(
                1 if tells_who(e.text) else 4 if to_come(e.quote) else 2 if OUTCOME.search(e.quote) else 0,
                [e],
            )

    # The outcome: a report of a deal made, else any result.
    def deals() -> list[Evidence]:
        return [e for e in picked.values() if DEAL_MADE.search(e.quote)]

    if not deals():
        # A deal made before any other result ("The first round ended with agreement on an agenda").
        outcomes = sorted(
            (e for e in by_rank if OUTCOME.search(e.quote)), key=lambda e: not DEAL_MADE.search(e.quote)
        )
        take(2, [e for e in outcomes if not party_of.get(e.id)] or outcomes)

    # What comes next: a step said outright (or one to come on a calendar date) before a claim
    # that only looks ahead; only the newest article's steps (an older one's "second round on
    # Sunday" may have happened since, even where the newer one's step was taken above as a deal's
    # term), and in them a step of the talks said outright ("Talks resume on Tuesday, March 17")
    # before one that only looks ahead ("pay will be deducted, starting with the March 31
    # payroll"), and a step with its date first.
    def told(e: Evidence) -> int:
        return order.get(e.unit.sentence.doc_id, 0)

    current = [e for e in by_rank if e.id not in past]
    steps = sorted(
        (e for e in current if NEXT_STEP.search(e.quote) or (ahead(e.quote) and CALENDAR.search(e.quote))),
        key=lambda e: (
            -told(e),
            not NEXT_STEP.search(e.quote),
            TALKS not in e.issues,
            not CALENDAR.search(e.quote),
        ),
    )
    steps = [e for e in steps if told(e) == told(steps[0])]
    take(4, steps or [e for e in current if NEXT.search(e.quote)])
    # Where a deal was made, what it settles ("Pay: a floor of 21 dalers per engaged hour"): a term
    # told as news before a side's account of it, one with its figures first.
    if deals():
        # With no term that reads alone, what the report says was agreed ("the three parties agreed
        # on a 35-billion-thaler fund ...").
        told = [e for e in by_rank if e.id in terms] or [
            e for e in by_rank if _AGREED_ON.search(e.quote) and not party_of.get(e.id)
        ]
        take(2, sorted(told, key=lambda e: (bool(party_of.get(e.id)), not FACT_TOKEN.search(e.quote))))
    # The main dispute: of the issues not agreed (any, when all are), the one the most parties
    # state a position on, each side's stance.
    sides: dict[str, set[str]] = {}
    for e in chosen:
        if side := party_of.get(e.id):
            for i in e.issues[:1]:
                sides.setdefault(i, set()).add(side)
    sides = {i: s for i, s in sides.items() if i not in settled} or sides
    if sides:
        main = max(sides, key=lambda i: len(sides[i]))
        for party in sorted(sides[main]):
            take(3, [e for e in by_rank if main in e.issues[:1] and party_of.get(e.id) == party])
    for e in by_rank:
        if len(picked) >= _SUMMARY_MIN:
            break
        take(5, [e])
    # In the order a reader asks: what happened and who, the outcome, the dispute, what next.
    return sorted(picked.values(), key=lambda e: role[e.id])


def compose(
    chosen: list[Evidence],
    judgement: Judgement,
    profile: TopicProfile,
    cues: dict[IssueStatus, WordPattern],
    order: Mapping[str, int] | None = None,
    standing: Mapping[str, IssueStatus] | None = None,
    listed: Collection[str] = (),
    past: Collection[str] = (),
) -> Sections:
    """Lay the chosen claims out: summary, then issue by issue, then parties' other stances,
    each in the articles' order in time (`order`, see reading_order; by doc id without it).
    An issue's status is where the sources say it stands (`standing`, read from every clause)
    when a chosen claim says so, else the model's, else what the chosen claims say (`listed`:
    the clauses that are items of a deal's terms, see status.supported). `past`: the clauses telling
    a step whose day had passed by the newest article, never what comes next."""
    # A claim on the talks alone ("Members will vote on May 3", "Our team is led by ...") tells a
    # step of the talks, no side's position on what they are about: it is reported, not a stance.
    party_of = {e.id: None if e.issues == [TALKS] else judgement.party.get(e.id) for e in chosen}
    order = order or {d: n for n, d in enumerate(sorted({e.unit.sentence.doc_id for e in chosen}))}
    chosen = sorted(chosen, key=lambda e: (order[e.unit.sentence.doc_id], e.unit.sentence.number, e.start))
    rank = {p.name: n for n, p in enumerate(profile.parties)}
    # Each issue's claims, and where it stands by them (support by evidence id).
    cards = []
    for issue in profile.issues:
        on_issue = [e for e in chosen if issue.id in e.issues]
        if not on_issue:
            continue
        stated = sorted((e for e in on_issue if party_of.get(e.id)), key=lambda e: rank[party_of[e.id]])
        if issue.id == TALKS:
            cards.append((issue, on_issue, stated, "unknown", []))  # no point agreed or open
            continue
        support = supported(
            {e.id: e.text for e in on_issue},
            cues,
            profile.issue_patterns.get(issue.id),
            {e.id: party_of[e.id] for e in stated},
            {e.id for e in on_issue if e.id in listed},
        )
        # A standing that no chosen claim says could not be shown with its basis.
        stands = (standing or {}).get(issue.id)
        weights = {e.id: weight(e.text) for e in on_issue}
        status = stands if stands in support else judgement.status.get(issue.id) or by_rule(support, weights)
        basis = support.get(status, []) if status != "unknown" else []
        cards.append((issue, on_issue, stated, status, basis))
    settled = {issue.id: basis for issue, _, _, status, basis in cards if status == "agreed"}
    lead = summary_of(chosen, party_of, order, settled=settled, past=past)
    ids: dict[str, str] = {}
    claims: dict[str, Claim] = {}

    def show(e: Evidence) -> Listed:
        """The claim the first time it is shown, a reference to it after."""
        if e.id in ids:
            return ClaimRef(see=ids[e.id])
        ids[e.id] = f"c{len(ids) + 1}"
        claims[e.id] = to_claim(e, ids[e.id])
        return claims[e.id]

    summary = [show(e) for e in lead]
    issues = []
    for issue, on_issue, stated, status, basis in cards:
        # Each side's stance together, the sides in the profile's order: a card reads side by side,
        # and each side's claims in time.
        positions = [Position(party=party_of[e.id], claim=show(e)) for e in stated]
        reported = [show(e) for e in on_issue if not party_of.get(e.id)]
        issues.append(
            IssueBrief(
                issue=issue.id,
                label=issue.label,
                status=status,
                status_basis=[ids[i] for i in basis],
                positions=positions,
                reported=reported,
            )
        )
    parties = []
    for party in profile.parties:
        general = [e for e in chosen if not e.issues and party_of.get(e.id) == party.name]
        parties.append(PartyBrief(party=party.name, claims=[show(e) for e in general]))
    return Sections(summary=[c for c in summary if isinstance(c, Claim)], parties=parties, issues=issues)
