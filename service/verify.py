"""Verify: every claim cites sentences that exist, quotes them verbatim and says nothing they don't.

Claims that fail are dropped and counted, never passed through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.dedupe import content_words
from service.ingest import CleanDocument
from service.schema import Brief, Claim, ClaimRef, Listed
from service.segment import Sentence


@dataclass
class Sources:
    """The cleaned documents and their sentences, as the verifier sees them."""

    documents: dict[str, CleanDocument]
    sentences: dict[str, Sentence]


@dataclass
class Report:
    """What verification dropped and why."""

    dropped: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)


def check_claim(claim: Claim, sources: Sources) -> str | None:
    """None when the claim is supported; otherwise why it is not."""
    if not claim.citations:
        return f"claim {claim.text[:60]!r} cites nothing"
    cited_words: set[str] = set()
    for c in claim.citations:
        sentence = sources.sentences.get(c.sentence_id)
        if sentence is None or sentence.doc_id != c.doc_id:
            return f"cites {c.doc_id}/{c.sentence_id}, which does not exist"
        if not c.quote.strip() or c.quote not in sentence.text:
            return f"quote from {c.sentence_id} is not verbatim in that sentence"
        doc = sources.documents[c.doc_id]
        if doc.text[sentence.start : sentence.end] != sentence.text:
            return f"sentence {c.sentence_id} does not match its document's text"
        cited_words.update(content_words(c.quote))
    unsupported = [w for w in content_words(claim.text) if w not in cited_words]
    if unsupported:
        return f"claim words not in its cited quotes: {', '.join(sorted(set(unsupported))[:8])}"
    return None


def verify_brief(brief: Brief, sources: Sources) -> tuple[Brief, Report]:
    """A copy of the brief without unsupported claims, the references to them, or statuses resting on them."""
    report = Report()
    verdicts: dict[tuple, bool] = {}

    def keep(claim: Claim) -> bool:
        key = (claim.text, tuple((c.doc_id, c.sentence_id, c.quote) for c in claim.citations))
        if key not in verdicts:
            reason = check_claim(claim, sources)
            verdicts[key] = reason is None
            if reason is not None:
                report.dropped.append(reason)
        return verdicts[key]

    out = brief.model_copy(deep=True)
    out.summary = [c for c in out.summary if keep(c)]
    kept_ids = {c.id for c in out.summary}

    def listed(items: list[Listed]) -> list[Listed]:
        kept = [x for x in items if isinstance(x, ClaimRef) or keep(x)]
        kept_ids.update(x.id for x in kept if isinstance(x, Claim))
        return kept

    for issue in out.issues:
        issue.reported = listed(issue.reported)
        issue.positions = [p for p in issue.positions if listed([p.claim])]
    for party in out.parties:
        party.claims = listed(party.claims)
    # A reference to a dropped claim goes with it; a status must keep a claim to rest on.
    for issue in out.issues:
        issue.reported = [x for x in issue.reported if not isinstance(x, ClaimRef) or x.see in kept_ids]
        issue.positions = [
            p for p in issue.positions if not isinstance(p.claim, ClaimRef) or p.claim.see in kept_ids
        ]
        issue.status_basis = [i for i in issue.status_basis if i in kept_ids]
        if issue.status != "unknown" and not issue.status_basis:
            report.repaired.append(
                f"status: {issue.issue} was {issue.status!r} with no claim to rest on; now 'unknown'"
            )
            issue.status = "unknown"
    for party in out.parties:
        party.claims = [x for x in party.claims if not isinstance(x, ClaimRef) or x.see in kept_ids]
    out.meta.dropped_claims += len(report.dropped)
    if report.dropped:
        shown = "; ".join(report.dropped[:5])
        out.warnings.append(f"dropped {len(report.dropped)} unsupported claim(s): {shown}")
    if report.repaired:
        out.warnings += report.repaired
    return out, report
