"""Compose: choose the claims that fit a word budget, word them, and lay out the brief's sections.

Selection takes the best sentence first; each claim already taken on an issue discounts that
issue's next candidates, so every issue is covered early while issues with more to say get
more, and a sentence that mostly repeats what its issue's claims said is skipped.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from dataclasses import dataclass

from service.dedupe import content_words
from service.evidence import Evidence
from service.judge import Judgement
from service.schema import Citation, Claim, IssueBrief, PartyBrief, Position
from service.topic import TopicProfile

# Openers that carry no content: dropping them shortens claims without changing what they say.
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_OPENERS = re.compile(
    r"^(?:(?:However|Meanwhile|Still|But|And|Also|Moreover|Nevertheless|On " + _DAYS + r"),\s+"
    # "According to Interfax," / "According to a TASS state news agency report," -- a named
    # outlet, not a speaker ("According to Kremlin aide Yuri Ushakov," has a capital after it).
    r"|According to (?:a |the )?[A-Z][\w.-]*(?: [a-z]+){0,4},\s+)+"
)
_INLINE_DAY = re.compile(r" on " + _DAYS + r"\b")
# Trailing clauses that add colour, not position; cut only from long sentences.
_TAIL = re.compile(r"(?:, (?:as|amid|which|while|following) [^,]+|, (?:news agency )?[\w-]+ reports)(?=\.$)")
_LONG = 18
# "US Secretary of State Marco Rubio" -> "Rubio": the office is context, the name is the speaker.
_TITLED_NAME = re.compile(
    r"\b(?:(?:[A-Z][\w.]*|the) )?(?:President|Prime Minister|Foreign Minister|Secretary of State|"
    r"spokes(?:man|woman|person)|(?:presidential |foreign policy )?(?:aide|adviser|assistant)) "
    r"(?:[A-Z][\w’'-]+ )+(?=[A-Z][\w’'-]+)"
)
# A claim must bring at least half new words to its issue; otherwise it only repeats.
_REDUNDANT = 0.5
# Each claim already taken from an issue lowers that issue's next candidates by this much,
# so every issue is covered early while issues with more to say still get more.
_BUCKET_DECAY = 0.5
_SUMMARY_CLAIMS = 2
_ATTRIBUTED_BONUS = 1.0
# The brief has a word budget: a claim longer than this many words must earn its length.
_FREE_WORDS = 18
_WORD_COST = 0.08


@dataclass
class Sections:
    """The brief's body before verification."""

    summary: list[Claim]
    parties: list[PartyBrief]
    issues: list[IssueBrief]


def word_count(text: str) -> int:
    """Words as a reader counts them."""
    return len(text.split())


def wording(text: str) -> str:
    """The claim's wording: the source sentence less openers, titles and tails that carry no position.

    It only ever removes words, so verification still finds every word in the cited sentence.
    """
    trimmed = _TITLED_NAME.sub("", _INLINE_DAY.sub("", _OPENERS.sub("", text.strip())))
    if word_count(trimmed) > _LONG:
        trimmed = _TAIL.sub("", trimmed)
    return trimmed[:1].upper() + trimmed[1:] if trimmed else text.strip()


def to_claim(item: Evidence) -> Claim:
    """A claim citing every source of the sentence, each quoted verbatim."""
    return Claim(
        text=wording(item.text),
        citations=[Citation(doc_id=s.doc_id, sentence_id=s.id, quote=s.text) for s in item.unit.sources],
    )


def _length_cost(item: Evidence) -> float:
    return _WORD_COST * max(0, word_count(wording(item.text)) - _FREE_WORDS)


def shortlist(items: list[Evidence], budget_words: int) -> list[Evidence]:
    """The sentences a brief of budget_words could use, before anyone judged them."""
    rank = {e.id: e.salience - _length_cost(e) for e in items}
    return _select(items, rank, {e.id: e.lead for e in items}, budget_words)


def compose(
    items: list[Evidence], judgement: Judgement, profile: TopicProfile, budget_words: int
) -> Sections:
    """Pick and place claims within budget_words; the summary leads, then issue by issue."""
    party_of = judgement.party
    rank = {
        e.id: e.salience - _length_cost(e) + (_ATTRIBUTED_BONUS if party_of.get(e.id) else 0.0) for e in items
    }
    chosen = _select(items, rank, party_of, budget_words)
    # The lead: sentences spanning several issues for no one side; else the best claims.
    overview = [e for e in chosen if len(e.issues) >= 2 and not party_of.get(e.id)]
    summary = overview or sorted(chosen, key=lambda e: -rank[e.id])
    return _layout(summary[:_SUMMARY_CLAIMS], chosen, judgement, profile)


def _select(
    items: list[Evidence], rank: dict[str, float], party_of: dict[str, str | None], budget_words: int
) -> list[Evidence]:
    """Best first, each issue's (or party's) later candidates discounted, skipping repeats."""
    chosen: list[Evidence] = []
    used = 0
    # A sentence belongs to every issue it touches (or, touching none, to its party's stances).
    buckets = {e.id: e.issues or [f"party:{party_of.get(e.id)}"] for e in items}
    taken: dict[str, int] = defaultdict(int)
    said: dict[str, set[str]] = defaultdict(set)  # content words already claimed, per bucket

    def worth(e: Evidence) -> float:
        return rank[e.id] - _BUCKET_DECAY * min(taken[b] for b in buckets[e.id])

    # A lazy max-heap: worth only falls as buckets fill, so a popped entry whose worth is still
    # current beats every other. Ties go to the earlier item. O(n log n), not O(n^2).
    heap = [(-worth(e), n, e) for n, e in enumerate(items) if buckets[e.id] != ["party:None"]]
    heapq.heapify(heap)
    while heap:
        pushed, n, best = heapq.heappop(heap)
        current = -worth(best)
        if current != pushed:  # one of its buckets filled since: back in at its worth now
            heapq.heappush(heap, (current, n, best))
            continue
        claim_text = wording(best.text)
        words = set(content_words(claim_text))
        cost = word_count(claim_text)
        if not words or used + cost > budget_words:
            continue
        # Paraphrases of what the issue's claims already say add words, not facts.
        known = set().union(*(said[b] for b in buckets[best.id]))
        if len(words & known) / len(words) >= _REDUNDANT:
            continue
        chosen.append(best)
        used += cost
        for b in buckets[best.id]:
            taken[b] += 1
            said[b] |= words
    return chosen


def _layout(
    summary: list[Evidence], body: list[Evidence], judgement: Judgement, profile: TopicProfile
) -> Sections:
    body = sorted(body, key=lambda e: int(e.id[1:]))  # reading order of the sources
    issues = []
    for issue in profile.issues:
        # A sentence on several issues says where each stands: it is listed under each.
        on_issue = [e for e in body if issue.id in e.issues]
        if not on_issue:
            continue
        issues.append(
            IssueBrief(
                issue=issue.id,
                label=issue.label,
                status=judgement.status.get(issue.id, "unknown"),
                status_basis=[to_claim(e) for e in on_issue if not judgement.party.get(e.id)],
                positions=[
                    Position(party=judgement.party[e.id], claim=to_claim(e))
                    for e in on_issue
                    if judgement.party.get(e.id)
                ],
            )
        )
    parties = []
    for party in profile.parties:
        general = [e for e in body if not e.issues and judgement.party.get(e.id) == party.name]
        parties.append(PartyBrief(party=party.name, claims=[to_claim(e) for e in general]))
    return Sections(summary=[to_claim(e) for e in summary], parties=parties, issues=issues)
