"""The bench's floor and ceiling rows (service/bench/baselines.py) on small made-up cases and the seeds."""

from __future__ import annotations

from pathlib import Path

import yaml

from service.bench import baselines
from service.bench.runner import SEEDS_CASE
from service.briefing import make_brief
from service.evals.cases import Case, Fact, MustNot, load_case
from service.ingest import ingest
from service.segment import segment
from service.settings import Settings

# Word counts per sentence: 000 = 4, 3, 5; 001 = 3, 10; 002 = 2. 27 words in all.
LEAD_DOCS = {
    "000_alpha.txt": "Alpha one two three. Alpha four five. Alpha six seven eight nine.",
    "001_beta.txt": "Beta one two. Beta three four five six seven eight nine ten eleven.",
    "002_gamma.txt": "Gamma one.",
}
LEAD_FACTS = [
    {"id": "alpha-opens", "match": [["alpha one"]]},
    {"id": "beta-ten", "match": [["ten eleven"]]},  # only in 001.s2, which the budget leaves out
]

# Word counts per sentence: 000 = 6, 3, 4; 001 = 12, 12, 3. 40 words in all.
ORACLE_DOCS = {
    "000_one.txt": "The zebra grazed quietly at dawn. The yak slept. A walrus swam alone.",
    "001_two.txt": "Both the zebra and the yak crossed the wide river together today. "
    "A small quokka waved at the camera from the tall grass nearby. The quokka smiled.",
}
ORACLE_FACTS = [
    {"id": "zebra", "match": [["zebra"]]},
    {"id": "yak", "match": [["yak"]]},
    {"id": "quokka", "match": [["quokka"]]},
    # Both words are in the sources, but never in one sentence: no whole sentence states it.
    {"id": "walrus-and-zebra", "match": [["walrus"], ["zebra"]]},
]


def _case(tmp_path: Path, docs: dict[str, str], facts: list[dict]) -> Case:
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(
        yaml.safe_dump({"name": "small", "documents": list(docs), "facts": facts}), encoding="utf-8"
    )
    return load_case(path)


def _assert_verbatim(baseline: baselines.Baseline, case: Case) -> None:
    """Every claim is a picked sentence citing itself, word for word, in its original document."""
    brief, texts = baseline.brief, case.texts()
    assert brief.parties == [] and brief.issues == []
    assert [c.text for c in brief.summary] == [s.text for s in baseline.picked]
    for claim, sentence in zip(brief.summary, baseline.picked, strict=True):
        (citation,) = claim.citations
        assert (citation.doc_id, citation.sentence_id) == (sentence.doc_id, sentence.id)
        assert citation.quote == claim.text == sentence.text
        assert " ".join(citation.quote.split()) in " ".join(texts[citation.doc_id].split())


# --- lead ----------------------------------------------------------------------------------------------


def test_lead_takes_first_sentences_round_robin_and_stops_at_the_budget(tmp_path: Path) -> None:
    case = _case(tmp_path, LEAD_DOCS, LEAD_FACTS)
    # int(0.67 x 27) = 18 words, with no floor of words a brief may always take.
    lead = baselines.lead(case, Settings(max_claim_ratio=0.67, min_claim_words=0))
    assert lead.budget == 18 and lead.source_words == 27
    # Firsts of every article, then seconds (002 has none); 001.s2 (10 words) would make 22 > 18,
    # so the lead stops there: 000.s3 (5 words, 17 in all) would fit but comes after it.
    assert [s.id for s in lead.picked] == ["000.s1", "001.s1", "002.s1", "000.s2"]
    assert lead.claim_words == 12 and lead.compression == 12 / 27
    _assert_verbatim(lead, case)

    row = baselines.scored("lead", case, lead)
    assert row["fact_recall"] == 0.5 and row["facts_found"] == 1  # alpha-opens in, beta-ten out
    assert row["citation_validity"] == 1.0 and row["supported_claims"] == 1.0
    assert row["schema_validity"] == 1.0 and row["claims"] == 4 and row["prompt_tokens"] == 0
    assert row["picked"] == ["000.s1", "001.s1", "002.s1", "000.s2"] and row["budget_words"] == 18


def test_lead_may_fill_the_budget_exactly(tmp_path: Path) -> None:
    case = _case(tmp_path, LEAD_DOCS, LEAD_FACTS)
    lead = baselines.lead(case, Settings(max_claim_ratio=1.0))  # 27 words: every sentence fits
    assert [s.id for s in lead.picked] == ["000.s1", "001.s1", "002.s1", "000.s2", "001.s2", "000.s3"]
    assert lead.claim_words == 27 and lead.compression == 1.0
    tight = baselines.lead(
        case, Settings(max_claim_ratio=0.1, min_claim_words=0)
    )  # 2 words: not even 000.s1 (4)
    assert tight.picked == [] and tight.brief.summary == []


# --- oracle --------------------------------------------------------------------------------------------


def test_oracle_takes_the_sentence_covering_two_facts_and_stops_when_nothing_more_is_coverable(
    tmp_path: Path,
) -> None:
    case = _case(tmp_path, ORACLE_DOCS, ORACLE_FACTS)
    oracle = baselines.oracle(case)
    # 001.s1 states zebra and yak at once: one sentence, not 000.s1 + 000.s2 (each shorter).
    # For the quokka, the shorter of its two sentences. walrus-and-zebra has no sentence: stop.
    assert [s.id for s in oracle.picked] == ["001.s1", "001.s3"]
    assert oracle.uncovered == ["walrus-and-zebra"] and oracle.budget is None
    # Compression: the chosen sentences' words over the cleaned sources' words.
    assert oracle.source_words == 13 + 27 and oracle.claim_words == 12 + 3
    assert oracle.compression == 15 / 40
    _assert_verbatim(oracle, case)

    row = baselines.scored("oracle", case, oracle)
    assert row["fact_recall"] == 0.75 and row["facts_found"] == 3
    assert row["compression_cleaned"] == round(15 / 40, 4)
    assert row["citation_validity"] == 1.0 and row["supported_claims"] == 1.0
    assert row["facts_no_sentence_states"] == ["walrus-and-zebra"]


def test_oracle_picks_nothing_when_no_sentence_states_a_fact(tmp_path: Path) -> None:
    case = _case(tmp_path, ORACLE_DOCS, ORACLE_FACTS)
    every = [s for d in ingest(case.request().documents) for s in segment(d)]

    def never(fact: Fact | MustNot, text: str) -> bool:
        return False

    assert baselines.oracle_sentences(every, case.facts, never) == ([], [f.id for f in case.facts])
    nothing = baselines.oracle(case, matcher=never)
    assert nothing.picked == [] and nothing.compression == 0.0
    assert baselines.scored("oracle", case, nothing)["fact_recall"] == 0.0


# --- on the seeds --------------------------------------------------------------------------------------


async def test_lead_has_the_word_budget_make_brief_has() -> None:
    case = load_case(SEEDS_CASE)
    settings = Settings()
    brief = await make_brief(case.request(use_model=False), None, settings)
    lead = baselines.lead(case, settings)
    assert lead.source_words == brief.meta.source_words
    assert lead.budget == int(settings.max_claim_ratio * brief.meta.source_words)


def test_on_the_seeds_lead_keeps_to_the_budget_and_oracle_is_the_ceiling() -> None:
    case = load_case(SEEDS_CASE)
    lead, oracle = baselines.lead(case, Settings()), baselines.oracle(case)
    assert lead.budget is not None and 0 < lead.claim_words <= lead.budget
    lead_row, oracle_row = baselines.scored("lead", case, lead), baselines.scored("oracle", case, oracle)
    assert oracle_row["fact_recall"] >= lead_row["fact_recall"]
    assert oracle_row["facts_found"] == len(case.facts) - len(oracle.uncovered or [])
    for b, row in ((lead, lead_row), (oracle, oracle_row)):
        _assert_verbatim(b, case)
        assert row["citation_validity"] == 1.0 and row["supported_claims"] == 1.0
