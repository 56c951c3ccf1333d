"""Deterministic scoring of a Brief against an eval case.

Each check is a small object with `evaluate(...) -> Score` (a value and a reason), in the style
of pydantic_evals. A value of None means "unmeasured". Pure functions: no I/O beyond what is
passed in. Facts are matched by regex groups (`regex_matcher`) unless another matcher is given: a callable
(fact, claim_text) -> True, False, or None when it could not judge (see service/evals/semantic.py
and service/evals/llm_judge.py). A fact is unmeasured, not missed, when no claim matched and some
claim could not be judged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from service.characters import UNSEEN
from service.dedupe import content_words, similarity
from service.evals.cases import Case, Fact, Label, MustNot
from service.schema import Brief, Claim, Listed
from service.wording import FACT_TOKEN, word_count

Matcher = Callable[[Fact | MustNot, str], bool | None]
Placement = Literal["right", "elsewhere"]


def regex_matcher(fact: Fact | MustNot, text: str) -> bool:
    """True when every group of the fact has an alternative that searches the text (case-insensitive)."""
    return all(any(p.search(text) for p in group) for group in fact.patterns)


@dataclass(frozen=True)
class Score:
    """A check's result: True/False, a float, or None when unmeasured; and why."""

    value: bool | float | None
    reason: str


@dataclass(frozen=True)
class FactScore(Score):
    """FactFound's result, with where the matching claim sits in the brief."""

    placement: Placement | None = None
    claim: str | None = None


@dataclass(frozen=True)
class Located:
    """A claim of the brief and its place: the party and issue it sits under (None when it has none)."""

    claim: Claim
    party: str | None
    issue: str | None
    where: str


def locate(brief: Brief) -> list[Located]:
    """Every claim with its place; a claim listed or referred to in several places appears once per place."""
    out = [Located(c, None, None, f"summary[{n}]") for n, c in enumerate(brief.summary)]

    def at(listed: Listed, party: str | None, issue: str | None, where: str) -> list[Located]:
        claim = brief.resolve(listed)
        return [Located(claim, party, issue, where)] if claim else []

    for i in brief.issues:
        place = f"issues[{i.issue}]"
        for p in i.positions:
            out += at(p.claim, p.party, i.issue, f"{place}.positions[{p.party}]")
        for n, c in enumerate(i.reported):
            out += at(c, None, i.issue, f"{place}.reported[{n}]")
    for p in brief.parties:
        for n, c in enumerate(p.claims):
            out += at(c, p.party, None, f"parties[{p.party}].claims[{n}]")
    return out


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def _right_place(fact: Fact, at: Located) -> bool:
    if fact.party is not None and fact.issue is not None:
        return _same(at.party, fact.party) and _same(at.issue, fact.issue)
    if fact.issue is not None:
        return _same(at.issue, fact.issue)
    if fact.party is not None:
        return _same(at.party, fact.party)
    return True


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class FactFound:
    """Found when ONE claim matches the fact; placement says whether it sits where the fact belongs."""

    def __init__(self, fact: Fact, matcher: Matcher = regex_matcher) -> None:
        self.fact = fact
        self.matcher = matcher

    def evaluate(self, brief: Brief) -> FactScore:
        verdicts = [(at, self.matcher(self.fact, at.claim.text)) for at in locate(brief)]
        hits = [at for at, said in verdicts if said]
        if not hits:
            unjudged = sum(said is None for _, said in verdicts)
            if unjudged:
                return FactScore(None, f"{self.fact.id}: unmeasured ({unjudged} claim(s) not judged)")
            return FactScore(False, f"{self.fact.id}: no claim matches", None, None)
        best = next((at for at in hits if _right_place(self.fact, at)), None)
        placement: Placement = "right" if best else "elsewhere"
        at = best or hits[0]
        text = _short(at.claim.text)
        reason = f"{self.fact.id}: found in {at.where} ({placement}): {text!r}"
        return FactScore(True, reason, placement, text)


class MustNotAbsent:
    """True when no claim makes the statement the brief must not make."""

    def __init__(self, must_not: MustNot, matcher: Matcher = regex_matcher) -> None:
        self.must_not = must_not
        self.matcher = matcher

    def evaluate(self, brief: Brief) -> Score:
        for c in brief.claims():
            if self.matcher(self.must_not, c.text):
                return Score(False, f"{self.must_not.id}: claim states it: {_short(c.text)!r}")
        return Score(True, f"{self.must_not.id}: no claim states it")


def _squash(text: str) -> str:
    return " ".join(text.translate(UNSEEN).split())


class CitationsValid:
    """Share of citations whose quote is verbatim in the cited document's original text.

    Runs of whitespace count as one space (cleaning and segmenting rejoin lines), and characters no
    reader sees (a soft hyphen, a zero-width space) as none, as cleaning drops them; nothing else
    is forgiven. None when the brief has no citations.
    """

    def evaluate(self, brief: Brief, sources: Mapping[str, str]) -> Score:
        squashed = {k: _squash(v) for k, v in sources.items()}
        total, bad = 0, []
        for claim in brief.claims():
            for c in claim.citations:
                total += 1
                if c.doc_id not in sources:
                    bad.append(f"{c.sentence_id}: cites unknown document {c.doc_id!r}")
                elif not c.quote.strip():
                    bad.append(f"{c.sentence_id}: empty quote")
                elif c.quote not in sources[c.doc_id] and _squash(c.quote) not in squashed[c.doc_id]:
                    bad.append(f"{c.sentence_id}: not verbatim in {c.doc_id}: {_short(c.quote, 60)!r}")
        if not total:
            return Score(None, "no citations")
        good = total - len(bad)
        reason = f"{good}/{total} quotes verbatim"
        if bad:
            reason += "; " + "; ".join(bad[:3]) + (f"; and {len(bad) - 3} more" if len(bad) > 3 else "")
        return Score(good / total, reason)


class Compression:
    """Words a reader reads over source words: every listing of a claim counted (a reference to a
    claim shown elsewhere is not a listing); None when there are no source words."""

    def evaluate(self, brief: Brief, source_words: int) -> Score:
        claim_words = sum(c.words() for c in brief.listings() if isinstance(c, Claim))
        if source_words <= 0:
            return Score(None, "no source words")
        return Score(claim_words / source_words, f"{claim_words} claim words / {source_words} source words")


class WrongParty:
    """Claims stated under a party that the hand labels say the cited sentence is not the
    position of (another party's, or none). Unlabelled sentences are not counted either way."""

    def evaluate(self, brief: Brief, labels: list[Label]) -> Score:
        if not labels:
            return Score(None, "the case has no party labels")
        wrong, judged = [], 0
        for at, label in party_claims(brief, labels):
            judged += 1
            if not right_party(at.party, label):
                wrong.append(f"{at.where}: {_short(at.claim.text, 60)!r} is labelled {' / '.join(label)}")
        reason = f"{len(wrong)} of {judged} labelled party claims under the wrong party"
        return Score(float(len(wrong)), reason + ("; " + "; ".join(wrong[:3]) if wrong else ""))


def party_claims(brief: Brief, labels: list[Label]) -> Iterator[tuple[Located, list[str]]]:
    """Every placing of a claim under a party whose cited sentence is labelled, with its labels."""
    by_text = {_squash(x.text): [x.party, *x.also] for x in labels}
    for at in locate(brief):
        if at.party is not None and (label := _label_of(at.claim, by_text)) is not None:
            yield at, label


def right_party(party: str | None, label: list[str]) -> bool:
    """Whether a claim placed under `party` states the position of a party its labels name."""
    return party is not None and party.casefold() in {p.casefold() for p in label}


def _label_of(claim: Claim, by_text: dict[str, list[str]]) -> list[str] | None:
    """The labels of the sentence a claim cites: exact, or the labelled text in the quote (or the reverse)."""
    for c in claim.citations:
        quote = _squash(c.quote)
        if quote in by_text:
            return by_text[quote]
        for text, party in by_text.items():
            if len(quote) >= 20 and (quote in text or text in quote):
                return party
    return None


# A line that is no claim: cut off on a function word or colon, a lower-case start, too short.
# The eval's own rule, apart from evidence.py's filter: it judges any brief, ours or another tool's.
# A full stop after "that", "to" or "for" ends a whole sentence ("Idrava rejects that.").
_CUT_OFF = re.compile(
    r"(?:\b(?:that|to|and|or|but|of|the|a|an|with|by|for|as)|[:,;])\s*$|\b(?:and|or|but|the|a|an)\W*$",
    re.IGNORECASE,
)


class Fragments:
    """Claims that are not whole statements: cut off, starting mid-sentence, or under four words."""

    def evaluate(self, brief: Brief) -> Score:
        bad = [
            c.text
            for c in brief.claims()
            if len(c.text.split()) < 4 or _CUT_OFF.search(c.text) or c.text[:1].islower()
        ]
        reason = f"{len(bad)} fragment(s)" + (
            ": " + "; ".join(repr(_short(t, 50)) for t in bad[:3]) if bad else ""
        )
        return Score(float(len(bad)), reason)


class Repeats:
    """Claims shown more than once: a claim listed again (a reference is not a listing), another
    claim quoting the same source text, or one saying nearly the same words (shared content words
    at least 0.8 of the longer's)."""

    def evaluate(self, brief: Brief) -> Score:
        seen: list[tuple[str, frozenset[tuple[str, str]], set[str]]] = []
        repeats = []
        for c in brief.listings():
            if not isinstance(c, Claim):
                continue
            text = _squash(c.text)
            quotes = frozenset((x.sentence_id, _squash(x.quote)) for x in c.citations)
            words = set(content_words(c.text))
            if any(t == text or q & quotes or similarity(w, words) >= 0.8 for t, q, w in seen):
                repeats.append(_short(c.text, 50))
            seen.append((text, quotes, words))
        reason = f"{len(repeats)} claim(s) shown more than once"
        return Score(
            float(len(repeats)), reason + (": " + "; ".join(map(repr, repeats[:3])) if repeats else "")
        )


class DroppedFacts:
    """Dates and numbers in a claim's quoted source text that its wording left out."""

    def evaluate(self, brief: Brief) -> Score:
        dropped = []
        for c in brief.claims():
            said = {m.group().lower() for m in FACT_TOKEN.finditer(c.text)}
            for x in c.citations[:1]:
                lost = {m.group().lower() for m in FACT_TOKEN.finditer(x.quote)} - said
                if lost:
                    dropped.append(f"{_short(c.text, 50)!r} drops {', '.join(sorted(lost))}")
        return Score(
            float(len(dropped)),
            f"{len(dropped)} claim(s) drop a date or number"
            + (": " + "; ".join(dropped[:3]) if dropped else ""),
        )


class SummaryAnswers:
    """Share of the case's summary questions (who, where, when, outcome, next) a summary claim answers."""

    def evaluate(self, brief: Brief, case: Case, matcher: Matcher = regex_matcher) -> Score:
        if not case.summary:
            return Score(None, "the case names no summary facts")
        answered = []
        for question, ids in case.summary.items():
            facts = [f for f in case.facts if f.id in ids]
            if any(matcher(f, c.text) for f in facts for c in brief.summary):
                answered.append(question)
        missed = sorted(set(case.summary) - set(answered))
        reason = f"answers {len(answered)}/{len(case.summary)}" + (
            f"; not: {', '.join(missed)}" if missed else ""
        )
        return Score(len(answered) / len(case.summary), reason)


class StatusAccuracy:
    """Share of the case's hand-judged issue statuses the brief gives (an issue missing or
    "unknown" counts as wrong: the reader is not told)."""

    def evaluate(self, brief: Brief, case: Case) -> Score:
        if not case.statuses:
            return Score(None, "the case judges no statuses")
        given = {i.issue: i.status for i in brief.issues}
        wrong = [
            f"{k}: {given.get(k, 'missing')} for {v}" for k, v in case.statuses.items() if given.get(k) != v
        ]
        right = len(case.statuses) - len(wrong)
        reason = f"{right}/{len(case.statuses)} statuses right" + ("; " + "; ".join(wrong) if wrong else "")
        return Score(right / len(case.statuses), reason)


class FactResult(BaseModel):
    """One fact's outcome."""

    id: str
    party: str | None
    issue: str | None
    found: bool | None  # None: unmeasured
    placement: Placement | None
    reason: str


class CaseScore(BaseModel):
    """A brief scored against one case."""

    case: str
    facts: list[FactResult]
    must_not_violations: list[str]
    must_not_reasons: list[str]
    fact_recall: float | None
    right_place: float | None
    recall_by_party: dict[str, float]
    recall_by_issue: dict[str, float]
    citation_validity: float | None
    citation_reason: str
    compression: float | None
    wrong_party: float | None = None
    wrong_party_reason: str = ""
    fragments: float = 0
    repeats: float = 0
    dropped_facts: float = 0
    dropped_facts_reason: str = ""
    summary_answers: float | None = None
    summary_reason: str = ""
    status_accuracy: float | None = None
    status_reason: str = ""


def _share(flags: list[bool | None]) -> float | None:
    """The share of True among measured flags; None when none is measured."""
    measured = [f for f in flags if f is not None]
    return sum(measured) / len(measured) if measured else None


def _by(results: list[FactResult], key: str) -> dict[str, float]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        k = getattr(r, key)
        if k is not None and r.found is not None:
            groups[k].append(r.found)
    return {k: sum(v) / len(v) for k, v in sorted(groups.items())}


def score_case(
    case: Case, brief: Brief, sources: Mapping[str, str], matcher: Matcher = regex_matcher
) -> CaseScore:
    """Every check of a case on one brief; `sources` maps document id to its original text.

    `matcher` finds facts; must-nots always use their regexes, because a similarity score cannot
    tell a statement from its negation, and that difference is what a must-not is about.
    """
    results = []
    for f in case.facts:
        s = FactFound(f, matcher).evaluate(brief)
        results.append(
            FactResult(
                id=f.id,
                party=f.party,
                issue=f.issue,
                found=None if s.value is None else bool(s.value),
                placement=s.placement,
                reason=s.reason,
            )
        )
    checks = [(m.id, MustNotAbsent(m).evaluate(brief)) for m in case.must_not]
    cites = CitationsValid().evaluate(brief, sources)
    found = [r for r in results if r.found]
    wrong = WrongParty().evaluate(brief, case.positions)
    dropped = DroppedFacts().evaluate(brief)
    summary = SummaryAnswers().evaluate(brief, case, matcher)
    status = StatusAccuracy().evaluate(brief, case)
    return CaseScore(
        status_accuracy=status.value,  # type: ignore[arg-type]
        status_reason=status.reason,
        wrong_party=wrong.value,  # type: ignore[arg-type]
        wrong_party_reason=wrong.reason,
        fragments=Fragments().evaluate(brief).value,  # type: ignore[arg-type]
        repeats=Repeats().evaluate(brief).value,  # type: ignore[arg-type]
        dropped_facts=dropped.value,  # type: ignore[arg-type]
        dropped_facts_reason=dropped.reason,
        summary_answers=summary.value,  # type: ignore[arg-type]
        summary_reason=summary.reason,
        case=case.name,
        facts=results,
        must_not_violations=[i for i, s in checks if s.value is False],
        must_not_reasons=[s.reason for _, s in checks if s.value is False],
        fact_recall=_share([r.found for r in results]),
        right_place=_share([r.placement == "right" for r in found]),
        recall_by_party=_by(results, "party"),
        recall_by_issue=_by(results, "issue"),
        citation_validity=cites.value,  # type: ignore[arg-type]
        citation_reason=cites.reason,
        # Over the cleaned sources' words (what the articles say, not their pages' chrome).
        compression=Compression()
        .evaluate(brief, brief.meta.source_words or sum(word_count(t) for t in sources.values()))
        .value,  # type: ignore[arg-type]
    )


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    """Hand-labelled pairs from YAML: a list (or `pairs:` list) of {claim, fact_id, matches}."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ValueError(f"{path}: cannot read the pairs ({type(e).__name__}: {e})") from e
    pairs = data.get("pairs") if isinstance(data, dict) else data
    if not isinstance(pairs, list):
        raise ValueError(f"{path}: expected a list of {{claim, fact_id, matches}} pairs")
    for k, pair in enumerate(pairs):
        if not isinstance(pair, dict):
            raise ValueError(f"{path}: pairs[{k}]: expected a mapping {{claim, fact_id, matches}}")
        for key, kind in (("claim", str), ("fact_id", str), ("matches", bool)):
            if not isinstance(pair.get(key), kind):
                raise ValueError(f"{path}: pairs[{k}].{key}: missing or not a {kind.__name__}; add it")
    return pairs


def labelled_pairs(
    pairs: str | Path | Iterable[Mapping[str, Any]], cases: Iterable[Case]
) -> list[tuple[Fact | MustNot, str, bool]]:
    """(fact, claim, matches) for each pair; a fact id names the fact of the first case that has it."""
    if isinstance(pairs, str | Path):
        pairs = load_pairs(pairs)
    facts: dict[str, Fact | MustNot] = {}
    for c in cases:
        for f in [*c.facts, *c.must_not]:
            facts.setdefault(f.id, f)
    out = []
    for k, pair in enumerate(pairs):
        fact = facts.get(pair["fact_id"])
        if fact is None:
            raise KeyError(f"pairs[{k}].fact_id: {pair['fact_id']!r} is no fact of the given cases")
        out.append((fact, pair["claim"], bool(pair["matches"])))
    return out


def scorer_agreement(
    pairs: str | Path | Iterable[Mapping[str, Any]], cases: Iterable[Case], matcher: Matcher = regex_matcher
) -> tuple[float | None, float | None, int]:
    """(precision, recall, n) of the matcher against hand-labelled {claim, fact_id, matches} pairs.

    `pairs` is a YAML file (see `load_pairs`) or the pairs themselves (see `labelled_pairs`).
    Precision: of the pairs the matcher calls a match, the share labelled a match. Recall: of the
    pairs labelled a match, the share the matcher finds. None when a denominator is zero. n counts
    the pairs the matcher judged; those it could not judge (None) are left out.
    """
    tp = fp = fn = n = 0
    for fact, claim, label in labelled_pairs(pairs, cases):
        said = matcher(fact, claim)
        if said is None:
            continue
        n += 1
        tp += said and label
        fp += said and not label
        fn += label and not said
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall, n
