"""A floor and a ceiling for `brief bench`: briefs made of whole source sentences, no model.

- lead: the classic Lead baseline. Each article's first sentence in turn, then each one's second,
  and so on, until the next sentence would take the brief past the word budget Brief itself gets.
- oracle: whole source sentences that state the case's facts, picked by a greedy set cover with
  the evals' matcher (few sentences, not always the fewest); no budget. Its recall is the share
  of facts that one whole sentence states (the most a brief of one-sentence claims can find), its
  compression what stating them costs in words.

Both read the case's documents as the service does (cleaned by `ingest`, cut by `segment`), put
every picked sentence in the Brief's `summary` as a claim citing itself verbatim, and are scored
like the other peers (`peers.score`). Their Brief's meta carries the cleaned sources' words, so
the scorer's compression is over those, as `Baseline.compression` and the budget are.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from service.bench import peers
from service.briefing import claim_budget, distinct_words
from service.dedupe import dedupe
from service.evals.cases import Case, Fact
from service.evals.scorer import Matcher, regex_matcher
from service.ingest import CleanDocument, ingest
from service.schema import Brief, Citation, Claim, Meta, Source
from service.segment import Sentence, segment
from service.settings import Settings
from service.topic import TopicProfile


def _words(text: str) -> int:
    """Words as the service counts them (service.wording.word_count)."""
    return len(text.split())


def source_words(documents: Sequence[CleanDocument]) -> int:
    """Words of the cleaned documents, as make_brief counts them for its budget and meta.source_words."""
    return sum(_words(d.text) for d in documents)


@dataclass(frozen=True)
class Baseline:
    """A baseline's brief and how it was made."""

    brief: Brief
    picked: list[Sentence]
    source_words: int  # of the cleaned documents
    latency_s: float
    budget: int | None = None  # lead only; the oracle has none
    uncovered: list[str] | None = None  # oracle only: ids of the facts no single sentence states

    @property
    def claim_words(self) -> int:
        """Words of the picked sentences."""
        return sum(_words(s.text) for s in self.picked)

    @property
    def compression(self) -> float | None:
        """Picked sentences' words over the cleaned sources' words."""
        return self.claim_words / self.source_words if self.source_words else None


def lead_sentences(by_document: Sequence[Sequence[Sentence]], budget: int) -> list[Sentence]:
    """First sentences round-robin across documents (every first, then every second, ...), in
    document order; stops at the first sentence that would take the words past `budget`."""
    picked: list[Sentence] = []
    words = 0
    for rank in range(max((len(d) for d in by_document), default=0)):
        for sentences in by_document:
            if rank >= len(sentences):
                continue  # this article has run out
            s = sentences[rank]
            if words + _words(s.text) > budget:
                return picked
            picked.append(s)
            words += _words(s.text)
    return picked


def oracle_sentences(
    sentences: Sequence[Sentence], facts: Sequence[Fact], matcher: Matcher = regex_matcher
) -> tuple[list[Sentence], list[str]]:
    """(picked sentences, ids of facts none covers) by greedy set cover.

    A sentence covers a fact when `matcher(fact, sentence.text)` is true. Repeatedly takes the
    sentence covering the most facts not yet covered (ties: fewer words, then the earlier one),
    until no sentence covers any uncovered fact. Greedy: within a factor ln(facts)+1 of the fewest
    sentences, and sometimes a sentence more than the fewest.
    """
    covers = [{f.id for f in facts if matcher(f, s.text)} for s in sentences]
    uncovered = {f.id for f in facts}
    picked: list[Sentence] = []
    while True:
        best = max(
            range(len(sentences)),
            key=lambda k: (len(covers[k] & uncovered), -_words(sentences[k].text), -k),
            default=None,
        )
        if best is None or not covers[best] & uncovered:
            break
        picked.append(sentences[best])
        uncovered -= covers[best]
    return picked, [f.id for f in facts if f.id in uncovered]


def _topic(case: Case) -> str:
    profile = case.profile()
    return profile.name if isinstance(profile, TopicProfile) else profile or ""


def _claim(s: Sentence) -> Claim:
    return Claim(text=s.text, citations=[Citation(doc_id=s.doc_id, sentence_id=s.id, quote=s.text)])


def _brief(
    case: Case, documents: Sequence[CleanDocument], picked: Sequence[Sentence], started: float
) -> Brief:
    return Brief(
        topic=_topic(case),
        as_of=max((d.published for d in documents if d.published), default=None),
        summary=[_claim(s) for s in picked],
        parties=[],
        issues=[],
        sources=[
            Source(doc_id=d.doc_id, title=d.title, url=d.url, published=d.published, words=_words(d.text))
            for d in documents
        ],
        meta=Meta(
            model=None,
            prompt_version="none",
            method="extractive",
            latency_ms=int((time.perf_counter() - started) * 1000),
            source_words=source_words(documents),
            claim_words=sum(_words(s.text) for s in picked),
        ),
    )


def _read(case: Case) -> tuple[list[CleanDocument], list[list[Sentence]], float]:
    request = case.request(use_model=False)  # reading the files is not the baseline's work
    started = time.perf_counter()
    documents = ingest(request.documents)
    return documents, [segment(d) for d in documents], started


def lead(case: Case, settings: Settings) -> Baseline:
    """The Lead baseline on a case, within the brief's word budget (settings.max_claim_ratio)."""
    documents, by_document, started = _read(case)
    # Brief's own budget: a fifth of the distinct sentences' words.
    units = dedupe([s for sentences in by_document for s in sentences])
    budget = claim_budget(distinct_words(units), settings)
    picked = lead_sentences(by_document, budget)
    brief = _brief(case, documents, picked, started)
    return Baseline(brief, picked, source_words(documents), time.perf_counter() - started, budget=budget)


def oracle(case: Case, matcher: Matcher = regex_matcher) -> Baseline:
    """Whole sentences (a greedy cover) stating every fact one sentence states; no budget."""
    documents, by_document, started = _read(case)
    picked, uncovered = oracle_sentences([s for d in by_document for s in d], case.facts, matcher)
    brief = _brief(case, documents, picked, started)
    latency = time.perf_counter() - started
    return Baseline(brief, picked, source_words(documents), latency, uncovered=uncovered)


def scored(name: str, case: Case, baseline: Baseline) -> dict[str, Any]:
    """bench.json's row: the peers' figures (the evals' scorer and the service's verifier), what
    was picked, and the compression over the cleaned sources' words computed here."""
    run = peers._Run(baseline.brief, baseline.latency_s, 0, 0, 0)
    return {
        **peers.score(name, case, run).as_dict(),
        "picked": [s.id for s in baseline.picked],
        "claim_words": baseline.claim_words,
        "source_words_cleaned": baseline.source_words,
        "compression_cleaned": None if baseline.compression is None else round(baseline.compression, 4),
        "budget_words": baseline.budget,
        "facts_no_sentence_states": baseline.uncovered,
    }
