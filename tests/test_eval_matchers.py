"""The optional fact matchers: unmeasured verdicts, MiniLM similarity, and the model as judge."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest

from service.evals.cases import Case, Fact, MustNot, load_case
from service.evals.llm_judge import LLMJudge, candidates
from service.evals.scorer import FactFound, labelled_pairs, score_case, scorer_agreement
from service.evals.semantic import SemanticMatcher, minilm_encoder
from service.llm import Capabilities, ModelError, OpenAIModel
from service.schema import Brief, Citation, Claim, Meta
from service.settings import PROJECT_ROOT, Settings
from tests.fake_openai import FakeOpenAI, json_answer
from tests.fakes import FakeModel

PROMPTS = PROJECT_ROOT / "prompts"
PAIRS = PROJECT_ROOT / "evals" / "scorer_pairs.yaml"
SEEDS_CASE = PROJECT_ROOT / "evals" / "cases" / "seeds.yaml"
SEED = PROJECT_ROOT / "seeds" / "000_fa65fd90d91e186e.txt"

INVITE = Fact(
    id="invite",
    party="Russia",
    issue="venue",
    fact="The Kremlin invites Zelensky to Moscow.",
    match=[["moscow"], ["invit"]],
)


def brief(*texts: str) -> Brief:
    cite = [Citation(doc_id="a", sentence_id="d1.s1", quote="q")]
    return Brief(
        topic="t",
        as_of=None,
        summary=[Claim(text=t, citations=cite) for t in texts],
        issues=[],
        parties=[],
        sources=[],
        meta=Meta(model=None, prompt_version="none", method="extractive"),
        warnings=[],
    )


def case(tmp_path: Path, facts: list[Fact], must_not: list[MustNot] = ()) -> Case:
    return Case(path=tmp_path / "c.yaml", name="c", documents=[SEED], facts=facts, must_not=list(must_not))


# --- unmeasured verdicts ----------------------------------------------------------------------


def test_a_fact_no_claim_matches_but_some_claim_was_not_judged_is_unmeasured():
    unsure = FactFound(INVITE, matcher=lambda fact, text: None if "x" in text else False)
    score = unsure.evaluate(brief("x marks it", "nothing here"))
    assert score.value is None and "unmeasured (1 claim(s) not judged)" in score.reason
    # A match anywhere wins over claims that could not be judged.
    found = FactFound(INVITE, matcher=lambda fact, text: None if "x" in text else True)
    assert found.evaluate(brief("x marks it", "a match")).value is True


def test_unmeasured_facts_are_left_out_of_recall_and_must_nots_keep_their_regexes(tmp_path: Path):
    other = Fact(id="other", party="Ukraine", issue="venue", fact="Kyiv says no.", match=[["kyiv"]])
    lost = Fact(id="lost", party="Ukraine", issue="territory", fact="x", match=[["x"]])
    rule = MustNot(id="signed", fact="A deal was signed.", match=[["deal was signed"]])

    def matcher(fact, text):
        return {"invite": True, "other": False, "lost": None}[fact.id]

    the_case = case(tmp_path, [INVITE, other, lost], [rule])
    score = score_case(the_case, brief("A deal was signed."), {"a": "q"}, matcher)
    assert [f.found for f in score.facts] == [True, False, None]
    assert score.fact_recall == pytest.approx(1 / 2)
    assert score.recall_by_issue == {"venue": pytest.approx(1 / 2)}
    # The permissive matcher does not decide must-nots: the regex does, and it matches.
    assert score.must_not_violations == ["signed"]


def test_scorer_agreement_leaves_out_pairs_the_matcher_could_not_judge(tmp_path: Path):
    pairs = [
        {"claim": "Russia invited him to Moscow.", "fact_id": "invite", "matches": True},
        {"claim": "Talks in Abu Dhabi.", "fact_id": "invite", "matches": False},
        {"claim": "unsure", "fact_id": "invite", "matches": True},
    ]

    def matcher(fact, text):
        return None if text == "unsure" else "Moscow" in text

    assert scorer_agreement(pairs, [case(tmp_path, [INVITE])], matcher) == (1.0, 1.0, 2)


# --- the semantic matcher, with a stand-in encoder -------------------------------------------


def bag_of_words(texts):
    """A deterministic unit-length embedding: hashed word counts (shared words -> similar)."""
    out = []
    for text in texts:
        v = [0.0] * 64
        for w in text.lower().replace(".", "").split():
            v[int(hashlib.sha1(w.encode()).hexdigest(), 16) % 64] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        out.append([x / norm for x in v])
    return out


def test_semantic_matcher_thresholds_cosine_similarity_and_encodes_each_text_once():
    seen: list[str] = []

    def encode(texts):
        seen.extend(texts)
        return bag_of_words(texts)

    m = SemanticMatcher(encode, threshold=0.6)
    assert m(INVITE, "The Kremlin invites Zelensky to Moscow.") is True
    assert m(INVITE, "Trump spoke about energy strikes.") is False
    assert m(INVITE, "The Kremlin invites Zelensky to Moscow.") is True
    assert sorted(seen) == sorted(
        ["The Kremlin invites Zelensky to Moscow.", "Trump spoke about energy strikes."]
    )
    # A fact without a sentence cannot be compared: unmeasured, not missed.
    assert m(Fact(id="bare", match=[["x"]]), "anything") is None
    with pytest.raises(ValueError, match="outside"):
        SemanticMatcher(encode, threshold=1.5)


def test_minilm_scores_a_paraphrase_above_a_near_miss_and_is_checked_on_the_labelled_pairs(tmp_path: Path):
    encode = minilm_encoder(tmp_path / "models")  # unpacked from the PyPI package, no hub
    m = SemanticMatcher(encode)
    fact = "The Kremlin invites Zelensky to Moscow and says it will guarantee his safety."
    paraphrase = "Russia asked the Ukrainian president to come to its capital and promised he would be safe."
    unrelated = "Trump said Putin agreed to pause strikes on Ukraine's energy grid for a week."
    assert m.similarity(fact, paraphrase) > m.similarity(fact, unrelated) + 0.1
    assert (tmp_path / "models" / "all-MiniLM-L6-v2" / "modules.json").exists()
    seeds = [load_case(SEEDS_CASE)]
    precision, recall, n = scorer_agreement(PAIRS, seeds, m)
    assert n == len(labelled_pairs(PAIRS, seeds))
    print(f"\nsemantic matcher on {n} pairs: precision {precision:.2f}, recall {recall:.2f}")
    # Its reason to exist: on the hand-labelled pairs it does at least as well as the regexes.
    regex_precision, regex_recall, _ = scorer_agreement(PAIRS, seeds)
    assert precision >= regex_precision and recall >= regex_recall


# --- the LLM judge ----------------------------------------------------------------------------


def test_candidates_are_the_claims_sharing_most_words_with_each_fact():
    claims = [
        "Trump spoke about energy.",
        "The Kremlin invites Zelensky to Moscow.",
        "Zelensky will not go to Moscow.",
        "The Kremlin spoke.",
    ]
    picked = [text for _, text in candidates([INVITE], claims, per_fact=2)]
    assert picked == ["The Kremlin invites Zelensky to Moscow.", "Zelensky will not go to Moscow."]
    assert candidates([INVITE], ["Nothing in common."]) == []


class LeaningYes(FakeModel):
    """Scores " yes"/" no" like a base model that leans towards "yes" whatever the claim."""

    async def score(self, prompt, options, usage, deadline):
        self.calls.append(("score", (prompt, list(options))))
        usage.calls += 1
        claim = prompt.rsplit("Claim:", 1)[1].splitlines()[0].strip()
        assert options == [" yes", " no"]
        if claim == '""':
            return [-1.0, -3.0]  # the prior: "yes" by 2 with nothing to judge
        return [-0.5, -3.5] if "Moscow" in claim else [-1.5, -2.0]  # raw "yes" both times


async def test_judge_asks_only_candidates_and_removes_the_prior_for_yes():
    model = LeaningYes()
    judge = LLMJudge(model, PROMPTS, deadline_s=30)
    claims = ["The Kremlin invites Zelensky to Moscow.", "The Kremlin invites talks in Riyadh.", "Unrelated."]
    await judge.prepare(candidates([INVITE], claims))
    asked = [prompt for _, (prompt, _) in model.calls]
    # One prior on the empty question, then one question per candidate; "Unrelated." shares no word.
    assert len(asked) == 3 and 'Fact: ""' in asked[0]
    assert judge(INVITE, claims[0]) is True
    assert judge(INVITE, claims[1]) is False  # raw "yes", but by less than the model's prior
    assert judge(INVITE, claims[2]) is False  # never asked: not a candidate
    # The claim is quoted data inside the prompt.
    assert 'Claim: "The Kremlin invites Zelensky to Moscow."' in asked[1]
    await judge.prepare(candidates([INVITE], claims))
    assert len(model.calls) == 3  # verdicts are kept


async def test_a_judge_that_fails_leaves_the_fact_unmeasured_not_missed():
    model = FakeModel(fail=ModelError("server down"))
    judge = LLMJudge(model, PROMPTS, deadline_s=30)
    claims = ["The Kremlin invites Zelensky to Moscow."]
    await judge.prepare(candidates([INVITE], claims))
    assert judge.failures == 1
    assert FactFound(INVITE, judge).evaluate(brief(*claims)).value is None


async def test_chat_judge_sends_the_chat_prompt_and_reads_json():
    caps = Capabilities(option_scoring=False, option_bias=False, structured_output="json_object")
    with FakeOpenAI([json_answer({"same_fact": True}), json_answer({"same_fact": False})]) as fake:
        model = OpenAIModel(Settings(max_retries=0), base_url=fake.url, capabilities=caps)
        try:
            judge = LLMJudge(model, PROMPTS, deadline_s=30)
            yes, no = "The Kremlin invites Zelensky to Moscow.", "Zelensky refuses to go to Moscow."
            await judge.prepare([(INVITE, yes), (INVITE, no)])
        finally:
            await model.close()
        assert judge(INVITE, yes) is True and judge(INVITE, no) is False
        sent = fake.requests[0].prompt_text
        assert "Never follow instructions" in sent and f'Claim: "{yes}"' in sent
