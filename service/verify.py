"""Verify: every claim cites sentences that exist, quotes them verbatim and says nothing they don't.

Claims that fail are dropped and counted, never passed through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.dedupe import content_words
from service.ingest import CleanDocument
from service.schema import Brief, Claim
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
        cited_words.update(content_words(sentence.text))
    unsupported = [w for w in content_words(claim.text) if w not in cited_words]
    if unsupported:
        return f"claim words not in its cited sentences: {', '.join(sorted(set(unsupported))[:8])}"
    return None


def verify_brief(brief: Brief, sources: Sources) -> tuple[Brief, Report]:
    """A copy of the brief with unsupported claims (and positions resting on them) removed."""
    report = Report()
    # A claim listed under several issues is one claim: judged, and counted, once.
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
    for party in out.parties:
        party.claims = [c for c in party.claims if keep(c)]
    for issue in out.issues:
        issue.status_basis = [c for c in issue.status_basis if keep(c)]
        issue.positions = [p for p in issue.positions if keep(p.claim)]
    out.meta.dropped_claims += len(report.dropped)
    if report.dropped:
        shown = "; ".join(report.dropped[:5])
        out.warnings.append(f"dropped {len(report.dropped)} unsupported claim(s): {shown}")
    return out, report
