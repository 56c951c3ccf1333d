"""Compose: claims chosen within a word budget, without repeats, laid out issue by issue."""

from __future__ import annotations

import re

import pytest

from service.compose import Sections, compose, shortlist, to_claim, word_count, wording
from service.dedupe import content_words, dedupe
from service.evidence import Evidence, tag
from service.ingest import ingest
from service.judge import Judgement, without_model
from service.schema import Brief, Claim, Meta
from service.schema import Document as InDocument
from service.segment import segment
from service.settings import PROJECT_ROOT
from service.topic import TopicProfile, load_profile

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
WANTS = (
    "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region that the Russian "
    "army does not control."
)
# The same demand reported by another outlet: different enough that dedupe keeps both.
WANTS_AGAIN = (
    "Russia wants Ukrainian soldiers to leave the Donetsk region that the Russian army does not "
    "control, a Kremlin source said on Friday."
)


@pytest.fixture(scope="module")
def profile() -> TopicProfile:
    return load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")


def evidence_of(profile: TopicProfile, extra: list[InDocument] = ()) -> list[Evidence]:
    docs = [InDocument(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS]
    cleaned = ingest(docs + list(extra))
    return tag(dedupe([s for d in cleaned for s in segment(d)]), profile)


@pytest.fixture(scope="module")
def items(profile: TopicProfile) -> list[Evidence]:
    return evidence_of(profile)


@pytest.fixture(scope="module")
def source_words() -> int:
    docs = ingest([InDocument(text=p.read_text(encoding="utf-8")) for p in SEEDS])
    return sum(word_count(d.text) for d in docs)


def as_brief(sections: Sections) -> Brief:
    return Brief(
        topic="ukraine_peace_talks",
        as_of=None,
        summary=sections.summary,
        parties=sections.parties,
        issues=sections.issues,
        sources=[],
        meta=Meta(model=None, prompt_version="none", method="extractive"),
    )


def every_claim(sections: Sections) -> list[Claim]:
    out = [*sections.summary, *(c for p in sections.parties for c in p.claims)]
    for i in sections.issues:
        out += [*i.status_basis, *(p.claim for p in i.positions)]
    return out


def distinct(claims: list[Claim]) -> dict[tuple[str, ...], Claim]:
    return {tuple(c.sentence_id for c in claim.citations): claim for claim in claims}


def overlap(a: str, b: str) -> float:
    """Shared content words over the longer sentence's: high when each says what the other does.

    (Over the shorter one's it would flag different statements by the same two presidents.)
    """
    wa, wb = set(content_words(a)), set(content_words(b))
    return len(wa & wb) / max(len(wa), len(wb))


@pytest.mark.parametrize("budget", [0, 12, 40, 100, 250, 514, 2000])
def test_claim_words_never_exceed_the_budget(profile, items, budget: int):
    sections = compose(items, without_model(items, profile), profile, budget)
    claims = distinct(every_claim(sections))
    used = sum(word_count(c.text) for c in claims.values())
    assert used <= budget
    assert used == sum(word_count(c.text) for c in as_brief(sections).claims())
    if budget >= 40:
        assert used > budget // 2  # the budget is spent on something


def test_the_budget_from_the_seeds_is_respected(profile, items, source_words: int):
    budget = int(0.30 * source_words)
    sections = compose(items, without_model(items, profile), profile, budget)
    words = sum(word_count(c.text) for c in as_brief(sections).claims())
    assert 0 < words <= budget


@pytest.mark.parametrize("budget", [100, 250, 514])
def test_no_two_chosen_claims_repeat_each_other(profile, items, budget: int):
    sections = compose(items, without_model(items, profile), profile, budget)
    texts = [c.text for c in distinct(every_claim(sections)).values()]
    assert len(texts) >= 3
    for n, a in enumerate(texts):
        for b in texts[n + 1 :]:
            assert overlap(a, b) < 0.6, (a, b)


def test_a_restated_demand_is_chosen_once(profile):
    extra = [InDocument(id="wire", text=f"Talks\n\n{WANTS_AGAIN}\n\nNothing else happened today.")]
    items = evidence_of(profile, extra)
    texts = [e.text for e in items]
    assert WANTS in texts and WANTS_AGAIN in texts  # dedupe kept both
    assert overlap(WANTS, WANTS_AGAIN) >= 0.6  # but they are near-repeats
    ids = {e.text: e.unit.sentence.id for e in items}
    sections = compose(items, without_model(items, profile), profile, 10_000)
    chosen = {c.citations[0].sentence_id for c in every_claim(sections)}
    assert len(chosen & {ids[WANTS], ids[WANTS_AGAIN]}) == 1


def test_generous_budget_covers_every_issue_with_evidence(profile, items):
    with_evidence = {i for e in items for i in e.issues}
    assert with_evidence == {i.id for i in profile.issues}
    sections = compose(items, without_model(items, profile), profile, 5_000)
    listed = {i.issue: i for i in sections.issues}
    assert set(listed) == with_evidence
    for issue in listed.values():
        assert issue.status_basis or issue.positions, issue.issue
        assert issue.label == profile.issue(issue.issue).label


def test_the_pipeline_budget_covers_every_issue(profile, items, source_words: int):
    # 30% of the seeds' words (about 500) is ample for one claim on each of the seven issues.
    sections = compose(items, without_model(items, profile), profile, int(0.30 * source_words))
    assert {i.issue for i in sections.issues} == {i.id for i in profile.issues}


def test_a_multi_issue_sentence_is_listed_under_each_issue_but_counted_once(profile, items):
    sections = compose(items, without_model(items, profile), profile, 5_000)
    multi = [e for e in items if {"territory", "peacekeepers"} <= set(e.issues)]
    assert multi, "the seeds have sentences on territory and peacekeepers together"
    listed = []
    for e in multi:
        sid = e.unit.sentence.id
        under = [
            i.issue
            for i in sections.issues
            if any(
                c.citations[0].sentence_id == sid for c in [*i.status_basis, *(p.claim for p in i.positions)]
            )
        ]
        if under:
            assert sorted(under) == sorted(e.issues), sid
            listed.append(sid)
    assert listed
    brief = as_brief(sections)
    ids = [c.citations[0].sentence_id for c in brief.claims()]
    assert len(ids) == len(set(ids))
    assert set(listed) <= set(ids)
    assert len(brief.claims()) < len(every_claim(sections))


def test_layout_follows_the_judgement(profile, items):
    by_sid = {e.unit.sentence.id: e for e in items}
    wants = next(e for e in items if e.text == WANTS)
    neutral = next(e for e in items if e.text.startswith("However, major disputes remain"))
    general = next(e for e in items if not e.issues and e.parties == ["Russia"])
    judgement = Judgement(
        party={e.id: None for e in items} | {wants.id: "Russia", general.id: "Russia", neutral.id: None},
        status={i.id: "open" for i in profile.issues},
    )
    sections = compose(items, judgement, profile, 10_000)
    territory = next(i for i in sections.issues if i.issue == "territory")
    assert territory.status == "open"
    assert [(p.party, p.claim.citations[0].sentence_id) for p in territory.positions] == [
        ("Russia", wants.unit.sentence.id)
    ]
    basis = [c.citations[0].sentence_id for c in territory.status_basis]
    assert neutral.unit.sentence.id in basis
    assert all(by_sid[s].id != wants.id for s in basis)
    russia = next(p for p in sections.parties if p.party == "Russia")
    assert general.unit.sentence.id in [c.citations[0].sentence_id for c in russia.claims]
    assert [p.party for p in sections.parties] == [p.name for p in profile.parties]
    # Summary: unattributed sentences spanning several issues, at most two.
    assert 1 <= len(sections.summary) <= 2
    for c in sections.summary:
        e = by_sid[c.citations[0].sentence_id]
        assert len(e.issues) >= 2 and not judgement.party[e.id]


def test_shortlist_stays_within_its_budget(profile, items):
    picked = shortlist(items, 300)
    assert 0 < len(picked) < len(items)
    assert sum(word_count(wording(e.text)) for e in picked) <= 300
    assert {e.id for e in picked} <= {e.id for e in items}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "However, major disputes remain, including who gets what land in any agreement.",
            "Major disputes remain, including who gets what land in any agreement.",
        ),
        (
            "Meanwhile, Ramzan Kadyrov has urged for further fighting.",
            "Ramzan Kadyrov has urged for further fighting.",
        ),
        ("But, officials said, however, talks go on.", "Officials said, however, talks go on."),
        (
            "However the talks went, Kyiv said no.",
            "However the talks went, Kyiv said no.",
        ),  # no comma: content
        ("“However, we wait,” Peskov said.", "“However, we wait,” Peskov said."),
        ("Kyiv said no.", "Kyiv said no."),
    ],
)
def test_wording_strips_content_free_openers_only(text: str, expected: str):
    assert wording(text) == expected


def test_wording_keeps_the_rest_verbatim_and_the_citation_quotes_the_whole_sentence(items):
    e = next(e for e in items if e.text.startswith("However, several sticking points remain"))
    claim = to_claim(e)
    rest = e.text[len("However, ") :]
    assert claim.text == rest[0].upper() + rest[1:]
    assert [c.quote for c in claim.citations] == [e.text]
    assert claim.citations[0].sentence_id == e.unit.sentence.id


def test_wording_of_every_seed_sentence_only_drops_words(items):
    def words(text: str) -> list[str]:
        return re.findall(r"[^\W_]+", text.lower())

    for e in items:
        claimed = wording(e.text)
        assert claimed, e.text
        it = iter(words(e.text))
        assert all(w in it for w in words(claimed)), (e.text, claimed)  # an in-order subsequence
