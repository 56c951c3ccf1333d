"""Verify: everything a brief asserts, checked against its sources with one rule per kind.

A brief asserts four kinds of thing, and each has its rule:

- a claim's **text**: it cites sentences that exist, quotes them verbatim, and says nothing they
  don't (`faithful`: words, numbers, dates, negation, modality, hedges, conditions, roles,
  attribution);
- **who** a claim's "he" or "she" is: a person of the party the claim reads as, quoted from an
  earlier sentence of its article (whose its "its" or "their" is: the one party that sentence, or
  its clauses before the claim's, names, the claim's own if it reads as any);
- a claim's **party**: the cited sentence states that party's position, not another's;
- an issue's **status**: the claims it rests on say it (the topic's status cue words).

An assertion that fails is repaired to the rule's answer or dropped, and counted and named in
the brief's warnings: never passed through. The same checks serve `brief verify` and
`POST /verify` for any brief in the Brief schema, ours or another tool's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from service import status as statuses
from service.attribute import (
    LEAD_SENTENCES,
    Parties,
    Thread,
    declared_voice,
    in_answer,
    learn_people,
    says_we,
    speaker,
    voiced,
)
from service.evidence import owner, owns, read_clauses, says_he
from service.faithful import unsupported
from service.ingest import CleanDocument, ingest
from service.schema import (
    Brief,
    Citation,
    Claim,
    ClaimRef,
    Document,
    IssueBrief,
    IssueStatus,
    Listed,
    PartyBrief,
    Verdict,
)
from service.segment import Sentence, listed_in, segment
from service.settings import Settings
from service.topic import TopicProfile, WordPattern, load_profile

Kind = Literal["text", "who", "party", "status"]
# How far back a pronoun's speaker is looked for.
_CONTEXT_SENTENCES = 3
# A claim's text is checked against its first distinct quotes, this many at most: a claim that
# copies of one story report cites each copy, and reading thousands of near-identical quotes as
# one text gains nothing but minutes. Checking fewer can only drop a claim, never pass one.
_MAX_QUOTES = 20


@dataclass
class Sources:
    """The cleaned documents and their sentences, as the verifier sees them."""

    documents: dict[str, CleanDocument]
    sentences: dict[str, Sentence]
    # The topic's parties and the people the documents tie to them: Moscow may stand for Russia.
    parties: Parties
    # Each status's cue words: a status must rest on claims that say it.
    cues: dict[IssueStatus, WordPattern] = field(default_factory=dict)
    # The sentences that are items of a list of a deal's terms: each says its issue is agreed.
    listed: set[str] = field(default_factory=set)

    def holding(self, doc_id: str, quote: str) -> Sentence | None:
        """The sentence of document doc_id that holds the quote verbatim (None for an empty quote)."""
        if not quote.strip():
            return None
        return next((s for s in self.sentences.values() if s.doc_id == doc_id and quote in s.text), None)

    def article(self, doc_id: str) -> list[Sentence]:
        """The sentences of document doc_id, in the order the article gives them."""
        return sorted((s for s in self.sentences.values() if s.doc_id == doc_id), key=lambda s: s.start)

    @classmethod
    def of(
        cls,
        documents: list[CleanDocument],
        profile: TopicProfile,
        cues: dict[IssueStatus, WordPattern] | None = None,
    ) -> Sources:
        """The documents' sentences, and the parties as the documents name them."""
        sentences = [s for d in documents for s in segment(d)]
        parties = learn_people([s.text for s in sentences], profile)
        listed = listed_in(documents, sentences)
        return cls(
            {d.doc_id: d for d in documents}, {s.id: s for s in sentences}, parties, cues or {}, listed
        )


@dataclass
class Report:
    """What verification dropped and repaired, by kind, and why."""

    dropped: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def note(self, kind: Kind, outcome: Literal["dropped", "repaired"], reason: str) -> None:
        """Record one failed assertion and what was done with it."""
        (self.dropped if outcome == "dropped" else self.repaired).append(reason)
        key = f"{kind}_{outcome}"
        self.counts[key] = self.counts.get(key, 0) + 1


def check_claim(claim: Claim, sources: Sources) -> str | None:
    """None when the claim's text is supported; otherwise why it is not."""
    if not claim.citations:
        return f"{_label(claim)} cites nothing"
    for c in claim.citations:
        if problem := _citation_problem(c, sources):
            return problem
    quotes = list(dict.fromkeys(c.quote for c in claim.citations))[:_MAX_QUOTES]
    reason = unsupported(claim.text, quotes, sources.parties)
    return f"{_label(claim)}: {reason}" if reason else None


def _citation_problem(c: Citation, sources: Sources) -> str | None:
    """None when the citation quotes a sentence of the sources verbatim; otherwise why not."""
    if c.doc_id not in sources.documents:
        return f"cites document {c.doc_id!r}, which is not among the sources"
    if not c.sentence_id:
        return f"quote {c.quote[:60]!r} is in no sentence of document {c.doc_id!r}"
    sentence = sources.sentences.get(c.sentence_id)
    if sentence is None or sentence.doc_id != c.doc_id:
        return f"cites {c.doc_id}/{c.sentence_id}, which does not exist"
    if not c.quote.strip() or c.quote not in sentence.text:
        return f"quote from {c.sentence_id} is not verbatim in that sentence"
    doc = sources.documents[c.doc_id]
    if doc.text[sentence.start : sentence.end] != sentence.text:
        return f"sentence {c.sentence_id} does not match its document's text"
    return None


def check_who(claim: Claim, sources: Sources) -> str | None:
    """None when the claim names no one for its "he" or "she", or names, from an earlier sentence
    of its article, a person of the party the rule reads the claim as; otherwise why not."""
    if claim.who is None:
        return None
    reason = _who_problem(claim, claim.who, sources)
    return f"who {claim.who.quote[:40]!r} in {_label(claim)}: {reason}" if reason else None


def _who_problem(claim: Claim, who: Citation, sources: Sources) -> str | None:
    its, we = owns(claim.text), says_we(claim.text)
    if not (says_he(claim.text) or its or we):
        return "the claim has no he or she to name, nor an opening its, their, we or our"
    if problem := _citation_problem(who, sources):
        return problem
    first = sources.sentences.get(claim.citations[0].sentence_id)
    named = sources.sentences[who.sentence_id]
    # "he" is named in a sentence before; "its" may be in the clauses before it ("Caldora's is
    # headed by Adriana Costell; its chief negotiator is Rafael Oyarzo").
    if first is None or named.doc_id != first.doc_id or named.start > first.start:
        return "not named before the claim in its article"
    if named.start == first.start and not (its and 0 <= named.text.find(who.quote) < _at(claim, first)):
        return "not named before the claim in its article"
    if not re.search(rf"(?<!\w){re.escape(who.quote)}(?!\w)", named.text):
        return f"not a whole name in {who.sentence_id}"
    if its:
        # "Its chief negotiator is ...": a party, the one its sentence names (before the claim's
        # clause, in the claim's own sentence).
        scope = named.text[: _at(claim, first)] if named.start == first.start else named.text
        one = owner(scope, sources.parties)
        if one is None or named.text[one.start : one.end] != who.quote:
            return "not the one party its sentence names"
        party = one.party
    elif we:
        # "We will not ...": the party the article's lead declares it the statement of, named there.
        party = next(iter(sources.parties.named(who.quote)), None)
        if party is None or declared_voice(named.text, sources.parties) != party:
            return "not the party whose statement its sentence declares the article"
        if _voice(claim.citations[0], sources) != party:
            return "not the party whose statement the article's lead declares it"
    elif (party := sources.parties.persons.get(who.quote)) is None:
        return "no person the articles tie to a party"
    said_by = rule_party(claim, sources)
    if said_by != party and not (its and said_by is None):
        return f"{party}'s, but the claim reads as {said_by or 'no one'}'s"
    return None


def _at(claim: Claim, sentence: Sentence) -> int:
    """Where the claim's first quote starts in its sentence (-1 when it is not in it)."""
    return sentence.text.find(claim.citations[0].quote)


def _label(claim: Claim) -> str:
    return f"claim {claim.text[:60]!r}"


def rule_party(claim: Claim, sources: Sources) -> str | None:
    """The party whose position the cited text states by the rule, read in its article as the
    pipeline reads it, when one does."""
    for c in claim.citations:
        # An interview's answer is its one guest's, whoever the answer names.
        voice = _voice(c, sources)
        if (
            found := (voice if voice and _answers(c, sources) else None)
            or speaker(c.quote, sources.parties, _antecedent(c, sources), _headline(c), _opening(c, sources))
            or voiced(c.quote, voice)
        ):
            return found
    return None


def _answers(c: Citation, sources: Sources) -> bool:
    """Whether the cited sentence is in one of an interview's answers."""
    sentence = sources.sentences.get(c.sentence_id)
    return sentence is not None and in_answer(
        [s.text for s in sources.article(sentence.doc_id) if s.start <= sentence.start]
    )


def _voice(c: Citation, sources: Sources) -> str | None:
    """The party whose own statement (or one-guest interview) the cited article is, as its first
    sentences declare it."""
    sentence = sources.sentences.get(c.sentence_id)
    if sentence is None:
        return None
    lead = sources.article(sentence.doc_id)[:LEAD_SENTENCES]
    return next((v for s in lead if (v := declared_voice(s.text, sources.parties))), None)


def _headline(c: Citation) -> bool:
    return c.sentence_id.endswith(".s0")


def _opening(c: Citation, sources: Sources) -> str:
    """The cited sentence's text before the quote ("Under her proposal, ..." frames it)."""
    sentence = sources.sentences.get(c.sentence_id)
    if sentence is None:
        return ""
    return sentence.text[: max(sentence.text.find(c.quote), 0)]


def check_party(claim: Claim, party: str, sources: Sources) -> str | None:
    """None when the cited text may state the party's position; otherwise why it cannot."""
    # The rule reads "He said ..." or a bare quotation as the speaker before it.
    said_by = rule_party(claim, sources)
    if said_by is not None:
        if said_by.casefold() == party.casefold():
            return None
        return f"{_label(claim)} states {said_by}'s position, not {party}'s"
    for c in claim.citations:
        if party.casefold() in {p.casefold() for p in sources.parties.named(c.quote)}:
            return None
    return f"{_label(claim)} cites no sentence naming {party}"


def _antecedent(c: Citation, sources: Sources) -> str | None:
    """Whom a pronoun opening the quote refers to in the cited sentence's article (the sentences
    before it, then its own text before the quote), read as the pipeline reads it."""
    sentence = sources.sentences.get(c.sentence_id)
    if sentence is None:
        return None
    earlier = [s for s in sources.article(sentence.doc_id) if s.start < sentence.start]
    thread = Thread(sources.parties)
    for s in earlier[-_CONTEXT_SENTENCES:]:
        for _ in read_clauses(thread, s):
            pass
    if opening := _opening(c, sources):
        thread.read(sentence.doc_id, opening, _headline(c))
    return thread.antecedent(c.quote)


def check_status(issue: IssueBrief, brief: Brief, sources: Sources) -> str | None:
    """None when the issue's status rests on claims that say it; otherwise why it does not."""
    if issue.status == "unknown":
        return None
    claims = {i: c for i in issue.status_basis if (c := brief.resolve(ClaimRef(see=i)))}
    basis = {i: c.text for i, c in claims.items()}
    if not basis:
        return f"status of {issue.issue} is {issue.status!r} with no claim to rest on"
    keywords = sources.parties.profile.issue_patterns.get(issue.issue)
    sides = {p.claim.id if isinstance(p.claim, Claim) else p.claim.see: p.party for p in issue.positions}
    listed = {i for i, c in claims.items() if any(x.sentence_id in sources.listed for x in c.citations)}
    if sources.cues and issue.status not in statuses.supported(basis, sources.cues, keywords, sides, listed):
        return f"status of {issue.issue} is {issue.status!r}, but no claim it rests on says so"
    return None


def verdicts(brief: Brief, sources: Sources) -> list[Verdict]:
    """Every assertion of the brief with its verdict, in reading order."""
    out: list[Verdict] = []

    def record(kind: Kind, where: str, assertion: str, reason: str | None) -> None:
        out.append(
            Verdict(kind=kind, where=where, assertion=assertion, ok=reason is None, reason=reason or "")
        )

    def text(claim: Claim, where: str) -> None:
        record("text", where, claim.text, check_claim(claim, sources))
        if claim.who is not None:
            record("who", f"{where}.who", claim.who.quote, check_who(claim, sources))

    def placed(listed: Listed, party: str, where: str) -> None:
        """A claim shown (or referred to) under a party: its text where shown, its party always."""
        if isinstance(listed, Claim):
            text(listed, where)
        claim = brief.resolve(listed)
        if claim is not None:
            record("party", where, claim.text, check_party(claim, party, sources))

    for n, c in enumerate(brief.summary):
        text(c, f"summary[{n}]")
    for issue in brief.issues:
        for position in issue.positions:
            placed(position.claim, position.party, f"issues[{issue.issue}].positions[{position.party}]")
        for n, listed in enumerate(issue.reported):
            if isinstance(listed, Claim):
                text(listed, f"issues[{issue.issue}].reported[{n}]")
        record("status", f"issues[{issue.issue}].status", issue.status, check_status(issue, brief, sources))
    for party in brief.parties:
        for n, listed in enumerate(party.claims):
            placed(listed, party.party, f"parties[{party.party}].claims[{n}]")
    return out


def check_brief(
    data: dict[str, Any], documents: list[Document], topic: str | TopicProfile | None, settings: Settings
) -> list[Verdict]:
    """Every assertion of any brief in the Brief schema (as JSON data), checked against the
    documents it was made from. A citation with no `sentence_id` (another tool cannot know ours)
    is pinned to the sentence of its document holding the quote; one found nowhere fails."""
    profile = load_profile(topic, settings.prompts_dir / "topics", settings.topic)
    sources = Sources.of(ingest(documents), profile, statuses.cues(profile, settings.prompts_dir))
    return verdicts(Brief.model_validate(_pinned(data, sources)), sources)


def _pinned(data: Any, sources: Sources) -> Any:
    """A copy of the brief's JSON data with each citation lacking a sentence id given the id of
    the sentence of its document that holds the quote ("" when none does)."""
    if isinstance(data, list):
        return [_pinned(x, sources) for x in data]
    if not isinstance(data, dict):
        return data
    out = {k: _pinned(v, sources) for k, v in data.items()}
    if "quote" in out and "doc_id" in out and not out.get("sentence_id"):
        quote = out["quote"] if isinstance(out["quote"], str) else ""
        holder = sources.holding(str(out["doc_id"]), quote)
        out["sentence_id"] = holder.id if holder else ""
    return out


def verify_brief(brief: Brief, sources: Sources) -> tuple[Brief, Report]:
    """A copy of the brief in which every assertion is supported: unsupported claims dropped with
    every reference to them, parties repaired to the rule's, statuses without support "unknown"."""
    report = Report()
    out = brief.model_copy(deep=True)
    _drop_unsupported_texts(out, sources, report)
    for claim in out.listings():
        if isinstance(claim, Claim) and (reason := check_who(claim, sources)):
            report.note("who", "repaired", f"{reason}; left unnamed")
            claim.who = None
    _repair_parties(out, sources, report)
    _prune_references(out)
    for issue in out.issues:
        reason = check_status(issue, out, sources)
        if reason is not None:
            report.note("status", "repaired", f"{reason}; now 'unknown'")
            issue.status, issue.status_basis = "unknown", []
    out.meta.dropped_claims += len(report.dropped)
    out.meta.repaired += len(report.repaired)
    if report.dropped:
        shown = "; ".join(report.dropped[:5])
        out.warnings.append(f"dropped {len(report.dropped)} unsupported claim(s): {shown}")
    out.warnings += report.repaired
    return out, report


def _drop_unsupported_texts(out: Brief, sources: Sources, report: Report) -> None:
    verdict: dict[tuple, bool] = {}

    def keep(claim: Claim) -> bool:
        key = (claim.text, tuple((c.doc_id, c.sentence_id, c.quote) for c in claim.citations))
        if key not in verdict:
            reason = check_claim(claim, sources)
            verdict[key] = reason is None
            if reason is not None:
                report.note("text", "dropped", reason)
        return verdict[key]

    out.summary = [c for c in out.summary if keep(c)]

    def listed(items: list[Listed]) -> list[Listed]:
        return [x for x in items if isinstance(x, ClaimRef) or keep(x)]

    for issue in out.issues:
        issue.reported = listed(issue.reported)
        issue.positions = [p for p in issue.positions if listed([p.claim])]
    for party in out.parties:
        party.claims = listed(party.claims)


def _prune_references(out: Brief) -> None:
    """A reference to a claim no longer in the brief goes, and so does a status's basis on it."""
    kept = {c.id for c in out.claims() if c.id}
    for issue in out.issues:
        issue.reported = [x for x in issue.reported if not isinstance(x, ClaimRef) or x.see in kept]
        issue.positions = [
            p for p in issue.positions if not isinstance(p.claim, ClaimRef) or p.claim.see in kept
        ]
        issue.status_basis = [i for i in issue.status_basis if i in kept]
    for party in out.parties:
        party.claims = [x for x in party.claims if not isinstance(x, ClaimRef) or x.see in kept]


def _repair_parties(out: Brief, sources: Sources, report: Report) -> None:
    """A claim under a party whose position its sentence does not state moves to the party the
    rule reads in it, or to what is reported on the issue when the rule reads none."""
    for issue in out.issues:
        positions = []
        for position in issue.positions:
            claim = out.resolve(position.claim)
            reason = claim and check_party(claim, position.party, sources)
            if not reason:
                positions.append(position)
                continue
            to = rule_party(claim, sources)
            if to is not None:
                positions.append(position.model_copy(update={"party": to}))
                report.note("party", "repaired", f"{reason}; moved to {to}")
            else:
                issue.reported.append(position.claim)
                report.note("party", "repaired", f"{reason}; moved to what is reported on {issue.issue}")
        issue.positions = positions
    homes: dict[str, PartyBrief] = {p.party: p for p in out.parties}
    for party in list(out.parties):
        claims = []
        for listed in party.claims:
            claim = out.resolve(listed)
            reason = claim and check_party(claim, party.party, sources)
            if not reason:
                claims.append(listed)
                continue
            to = rule_party(claim, sources)
            if to is None:
                report.note("party", "dropped", f"{reason}; no party's position, and on no issue")
                continue
            if to not in homes:
                homes[to] = PartyBrief(party=to, claims=[])
                out.parties.append(homes[to])
            homes[to].claims.append(listed)
            report.note("party", "repaired", f"{reason}; moved to {to}")
        party.claims = claims
