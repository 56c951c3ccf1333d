"""Eval cases load with clear errors, and the deterministic scorer finds facts, violations and bad quotes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from service.evals.cases import Case, CaseError, Fact, MustNot, load_case, load_cases
from service.evals.scorer import (
    CitationsValid,
    Compression,
    FactFound,
    Fragments,
    MustNotAbsent,
    load_pairs,
    score_case,
    scorer_agreement,
)
from service.schema import (
    Brief,
    BriefRequest,
    Citation,
    Claim,
    ClaimRef,
    IssueBrief,
    Listed,
    Meta,
    PartyBrief,
    Position,
    Source,
)
from service.settings import PROJECT_ROOT
from service.topic import TopicProfile

SEEDS_CASE = PROJECT_ROOT / "evals" / "cases" / "seeds.yaml"
PAIRS = PROJECT_ROOT / "evals" / "scorer_pairs.yaml"
SEED = PROJECT_ROOT / "seeds" / "000_fa65fd90d91e186e.txt"

SOURCES = {
    "a": "The Kremlin invited Zelensky to Moscow.  Peskov said Moscow is the only venue.",
    "b": "Zelensky said meeting in Moscow was impossible. He invited Putin to Kyiv.",
}


def claim(text: str, doc: str = "a", quote: str | None = None) -> Claim:
    quote = quote if quote is not None else SOURCES[doc].split(".")[0] + "."
    return Claim(text=text, citations=[Citation(doc_id=doc, sentence_id=f"{doc}.s1", quote=quote)])


def brief(
    summary: list[Claim] | None = None,
    issues: list[IssueBrief] | None = None,
    parties: list[PartyBrief] | None = None,
) -> Brief:
    return Brief(
        topic="t",
        as_of=None,
        summary=summary or [],
        issues=issues or [],
        parties=parties or [],
        sources=[Source(doc_id=d, words=len(t.split())) for d, t in SOURCES.items()],
        meta=Meta(model=None, prompt_version="none", method="extractive"),
    )


def venue(*positions: tuple[str, Listed], reported: list[Listed] | None = None) -> IssueBrief:
    return IssueBrief(
        issue="venue",
        label="Venue",
        status="unknown",
        positions=[Position(party=p, claim=c) for p, c in positions],
        reported=reported or [],
    )


INVITE = Fact(id="invite", party="Russia", issue="venue", match=[["moscow"], ["invit", "welcome"]])


def write_case(tmp_path: Path, data: dict, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def minimal(**overrides) -> dict:
    data = {"documents": [str(SEED)], "facts": [{"id": "f1", "match": [["moscow"]]}]}
    data.update(overrides)
    return data


# --- cases


def test_the_seeds_case_loads_with_every_fact_and_document():
    case = load_case(SEEDS_CASE)
    assert case.name == "seeds"
    assert len(case.facts) == 32 and len(case.must_not) == 5
    assert len(case.documents) == 5 and all(p.is_absolute() and p.is_file() for p in case.documents)
    assert case.doc_ids == ["000", "001", "002", "003", "004"]
    assert load_cases(SEEDS_CASE)[0].facts == case.facts  # a single file works too

    request = case.request(use_model=False)
    assert isinstance(request, BriefRequest)
    assert [d.id for d in request.documents] == case.doc_ids
    assert request.topic == "ukraine_peace_talks" and request.options.use_model is False
    assert request.documents[0].text == SEED.read_text(encoding="utf-8")


def test_unknown_keys_are_accepted_and_ignored(tmp_path: Path):
    data = minimal(owner="someone", version=3)
    data["facts"][0].update(weight=2, notes="anything")
    data["must_not"] = [{"id": "m1", "match": [["x"]], "severity": "high"}]
    case = load_case(write_case(tmp_path, data, "extra.yaml"))
    assert case.name == "extra"  # defaults to the file stem
    assert case.facts[0].id == "f1" and case.must_not[0].id == "m1"


def test_cases_load_from_a_folder_of_case_yaml_subfolders(tmp_path: Path):
    write_case(tmp_path, minimal(), "b_case/case.yaml")
    write_case(tmp_path, minimal(), "a_case/case.yaml")
    assert [c.name for c in load_cases(tmp_path)] == ["a_case", "b_case"]


def test_a_cases_own_folder_is_that_case_not_its_other_yaml(tmp_path: Path):
    write_case(tmp_path, minimal(), "a_case/case.yaml")
    (tmp_path / "a_case" / "profile.yaml").write_text("name: not_a_case\n", encoding="utf-8")
    assert [c.name for c in load_cases(tmp_path / "a_case")] == ["a_case"]


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ({"id": "f9"}, "facts[1].match: required field is missing; add match:"),
        ({"id": "f9", "match": [["a"], []]}, "facts[1].match: group 2 is empty"),
        (
            {"id": "f9", "match": [["ok"], ["(unclosed"]]},
            "facts[1].match: group 2: '(unclosed' is not a valid regex",
        ),
        ({"id": "f9", "match": []}, "facts[1].match: no groups"),
    ],
)
def test_invalid_facts_name_the_file_and_field(tmp_path: Path, fact: dict, expected: str):
    data = minimal()
    data["facts"].append(fact)
    with pytest.raises(CaseError) as err:
        load_case(write_case(tmp_path, data, "broken.yaml"))
    message = str(err.value)
    assert "broken.yaml: " in message and expected in message
    if "regex" in expected:
        assert "'f9'" in message  # the fact id


def test_a_missing_document_is_reported_with_its_path(tmp_path: Path):
    with pytest.raises(CaseError, match=r"x\.yaml: documents: documents\[0\]: nothere\.txt not found"):
        load_case(write_case(tmp_path, minimal(documents=["nothere.txt"])))


def test_bad_yaml_and_repeated_ids_are_reported(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("documents: [unclosed\n", encoding="utf-8")
    with pytest.raises(CaseError, match="bad.yaml: not readable YAML"):
        load_case(path)
    data = minimal(must_not=[{"id": "f1", "match": [["x"]]}])
    with pytest.raises(CaseError, match=r"ids must be unique.*'f1'"):
        load_case(write_case(tmp_path, data))


def test_documents_relative_to_the_case_html_and_a_topic_path(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.html").write_text("<html><body><p>Talks.</p></body></html>", encoding="utf-8")
    (tmp_path / "docs" / "notes.txt").write_text("Talks resumed.", encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "prompts" / "topics" / "ukraine_peace_talks.yaml", tmp_path / "profile.yaml")
    data = minimal(documents=["docs/page.html", "docs/notes.txt"], topic="profile.yaml")
    case = load_case(write_case(tmp_path, data))
    assert case.documents == [tmp_path / "docs" / "page.html", tmp_path / "docs" / "notes.txt"]
    request = case.request()
    assert [d.id for d in request.documents] == ["page", "notes"]  # stems: not 3 leading digits
    assert request.documents[0].html is not None and request.documents[1].text == "Talks resumed."
    assert isinstance(request.topic, TopicProfile) and request.topic.name == "ukraine_peace_talks"


# --- checks


def test_a_fact_found_in_the_right_place():
    b = brief(issues=[venue(("Russia", claim("The Kremlin invited Zelensky to Moscow for talks.")))])
    score = FactFound(INVITE).evaluate(b)
    assert score.value is True and score.placement == "right"
    assert "issues[venue].positions[Russia]" in score.reason and "The Kremlin invited" in score.reason


def test_a_fact_found_elsewhere_and_not_found():
    in_summary = brief(summary=[claim("The Kremlin invited Zelensky to Moscow.")])
    score = FactFound(INVITE).evaluate(in_summary)
    assert (score.value, score.placement) == (True, "elsewhere") and "summary[0]" in score.reason

    wrong_party = brief(issues=[venue(("Ukraine", claim("Zelensky was invited to Moscow.")))])
    assert FactFound(INVITE).evaluate(wrong_party).placement == "elsewhere"

    # Both groups must match ONE claim: words spread over two claims do not count.
    spread = brief(summary=[claim("Talks in Moscow."), claim("An invitation went out.")])
    score = FactFound(INVITE).evaluate(spread)
    assert (score.value, score.placement) == (False, None) and "no claim matches" in score.reason


def test_placement_for_facts_without_party_or_issue():
    no_party = Fact(id="np", party=None, issue="venue", match=[["no date"]])
    b = brief(issues=[venue(reported=[claim("No date has been set for a meeting.")])])
    score = FactFound(no_party).evaluate(b)
    assert (score.value, score.placement) == (True, "right")
    assert "issues[venue].reported[0]" in score.reason

    no_issue = Fact(id="ni", party="Russia", issue=None, match=[["kadyrov"]])
    b = brief(parties=[PartyBrief(party="Russia", claims=[claim("Kadyrov is against negotiations.")])])
    assert FactFound(no_issue).evaluate(b).placement == "right"
    assert FactFound(no_party).evaluate(b).value is False


def test_a_claim_referred_to_by_id_is_found_in_the_place_that_refers_to_it():
    # Each claim is shown once: in the summary here, and only referred to under its issue.
    shown = claim("No date has been set for a meeting.")
    shown.id = "c1"
    no_party = Fact(id="np", party=None, issue="venue", match=[["no date"]])
    referred = brief(summary=[shown], issues=[venue(reported=[ClaimRef(see="c1")])])
    score = FactFound(no_party).evaluate(referred)
    assert (score.value, score.placement) == (True, "right")
    assert "issues[venue].reported[0]" in score.reason
    # A reference to an id no claim has places nothing: the summary is all there is.
    dangling = brief(summary=[shown], issues=[venue(reported=[ClaimRef(see="c9")])])
    assert FactFound(no_party).evaluate(dangling).placement == "elsewhere"
    # A position held by reference counts for that party and issue.
    invite = claim("The Kremlin invited Zelensky to Moscow.")
    invite.id = "c1"
    by_ref = brief(summary=[invite], issues=[venue(("Russia", ClaimRef(see="c1")))])
    score = FactFound(INVITE).evaluate(by_ref)
    assert (score.placement, "issues[venue].positions[Russia]" in score.reason) == ("right", True)


def test_the_right_place_wins_when_a_claim_is_listed_twice():
    text = "The Kremlin invited Zelensky to Moscow."
    b = brief(summary=[claim(text)], issues=[venue(("Russia", claim(text)))])
    assert FactFound(INVITE).evaluate(b).placement == "right"


def test_the_matcher_is_pluggable():
    b = brief(summary=[claim("Anything at all.")])
    always = FactFound(INVITE, matcher=lambda fact, text: True).evaluate(b)
    assert always.value is True


def test_a_must_not_violation_is_detected():
    rule = MustNot(id="ua-withdraw", match=[[r"ukrain\w* (has )?agreed to withdraw"]])
    bad = brief(summary=[claim("Ukraine has agreed to withdraw from Donetsk.")])
    score = MustNotAbsent(rule).evaluate(bad)
    assert score.value is False and "Ukraine has agreed to withdraw" in score.reason
    fine = brief(summary=[claim("Russia wants Ukraine to withdraw from Donetsk.")])
    assert MustNotAbsent(rule).evaluate(fine).value is True


def test_citation_validity_drops_when_a_quote_is_not_verbatim():
    good = claim("Invite.", "a")
    spaced = claim("Venue.", "a", quote="Moscow.  Peskov said Moscow is the only venue.".replace("  ", "\n"))
    changed = claim("Impossible.", "b", quote="Zelensky said meeting in Moscow was unacceptable.")
    unknown = claim("Ghost.", "a", quote="x")
    unknown.citations[0].doc_id = "zz"
    score = CitationsValid().evaluate(brief(summary=[good, spaced, changed, unknown]), SOURCES)
    assert score.value == pytest.approx(2 / 4)
    assert "2/4" in score.reason and "was unacceptable" in score.reason and "'zz'" in score.reason
    assert CitationsValid().evaluate(brief(summary=[good]), SOURCES).value == 1.0
    assert CitationsValid().evaluate(brief(), SOURCES).value is None


def test_compression_is_claim_words_over_source_words():
    b = brief(summary=[claim("one two three"), claim("four five")])
    score = Compression().evaluate(b, 20)
    assert score.value == pytest.approx(5 / 20) and "5 claim words / 20 source words" in score.reason
    assert Compression().evaluate(b, 0).value is None


def test_score_case_recall_by_party_and_issue_and_violations(tmp_path: Path):
    case = Case(
        path=tmp_path / "c.yaml",
        name="c",
        documents=[SEED],
        facts=[
            INVITE,
            Fact(id="kyiv", party="Ukraine", issue="venue", match=[["kyiv"]]),
            Fact(id="impossible", party="Ukraine", issue="venue", match=[["impossible"]]),
            Fact(id="donetsk", party="Russia", issue="territory", match=[["donetsk"]]),
            Fact(id="open", party=None, issue="territory", match=[["disput"]]),
        ],
        must_not=[
            MustNot(id="accepted", match=[["zelensk\\w* accepted"]]),
            MustNot(id="signed", match=[["deal (was|has been) signed"]]),
        ],
    )
    b = brief(
        summary=[claim("Zelensky accepted the invitation.")],
        issues=[
            venue(
                ("Russia", claim("The Kremlin invited Zelensky to Moscow.")),
                ("Ukraine", claim("Moscow is out.")),
            ),
        ],
        parties=[PartyBrief(party="Ukraine", claims=[claim("He invited Putin to Kyiv.", "b")])],
    )
    score = score_case(case, b, SOURCES)
    found = {f.id: (f.found, f.placement) for f in score.facts}
    assert found == {
        "invite": (True, "right"),
        "kyiv": (True, "elsewhere"),
        "impossible": (False, None),
        "donetsk": (False, None),
        "open": (False, None),
    }
    assert score.fact_recall == pytest.approx(2 / 5)
    assert score.right_place == pytest.approx(1 / 2)
    assert score.recall_by_party == {"Russia": 0.5, "Ukraine": 0.5}  # the null-party fact is left out
    assert score.recall_by_issue == {"territory": 0.0, "venue": pytest.approx(2 / 3)}
    assert score.must_not_violations == ["accepted"]
    assert score.citation_validity == 1.0
    words = sum(len(c.text.split()) for c in b.claims())
    assert score.compression == pytest.approx(words / sum(len(t.split()) for t in SOURCES.values()))


# --- the scorer checked against hand-labelled pairs


def test_scorer_agreement_on_the_hand_labelled_pairs():
    pairs = load_pairs(PAIRS)
    cases = [load_case(SEEDS_CASE)]
    precision, recall, n = scorer_agreement(PAIRS, cases)
    assert n == len(pairs) >= 40
    labelled = sum(p["matches"] for p in pairs)
    assert 0.3 <= labelled / n <= 0.7  # roughly half true, half false
    # Both labels occur and the matcher says yes to some: both measures are defined (their
    # values are computed as pinned in the test below).
    assert precision is not None and recall is not None
    print(f"\nscorer agreement on {n} pairs: precision {precision:.2f}, recall {recall:.2f}")
    assert scorer_agreement(pairs, cases) == (precision, recall, n)


# Claim -> (what a scripted matcher says, the hand label).
SCRIPTED = {
    "tp1": (True, True), "tp2": (True, True), "tp3": (True, True),
    "fp": (True, False),
    "fn1": (False, True), "fn2": (False, True),
    "tn1": (False, False), "tn2": (False, False),
    "unjudged": (None, True),
}  # fmt: skip


def test_scorer_agreement_is_precision_and_recall_of_the_matcher_against_the_labels():
    """3 TP, 1 FP, 2 FN, 2 TN and one pair the matcher cannot judge: precision 3/4, recall 3/5, n 8."""
    case = Case(path=Path("c.yaml"), name="c", documents=[SEED], facts=[INVITE])
    pairs = [{"claim": c, "fact_id": "invite", "matches": label} for c, (_, label) in SCRIPTED.items()]
    precision, recall, n = scorer_agreement(pairs, [case], lambda fact, claim: SCRIPTED[claim][0])
    assert (precision, recall, n) == (pytest.approx(3 / 4), pytest.approx(3 / 5), 8)


def test_scorer_agreement_counts_and_rejects_unknown_fact_ids():
    case = Case(path=Path("c.yaml"), name="c", documents=[SEED], facts=[INVITE])
    pairs = [
        {"claim": "Russia invited him to Moscow.", "fact_id": "invite", "matches": True},  # TP
        {"claim": "He invited Putin to Kyiv, not Moscow.", "fact_id": "invite", "matches": False},  # FP
        {"claim": "Russia asked him to the Russian capital.", "fact_id": "invite", "matches": True},  # FN
        {"claim": "Talks in Abu Dhabi.", "fact_id": "invite", "matches": False},  # TN
    ]
    assert scorer_agreement(pairs, [case]) == (0.5, 0.5, 4)
    with pytest.raises(KeyError, match="pairs\\[0\\].fact_id"):
        scorer_agreement([{"claim": "x", "fact_id": "nope", "matches": True}], [case])


def test_a_fragment_is_a_claim_cut_off_not_one_ending_on_that_with_its_stop():
    """ "Peskov said that" and "The Kremlin invited the." are cut off; "Kyiv flatly rejects that." and
    "It is what we asked for." are whole statements."""
    whole = ["Kyiv flatly rejects that.", "It is what we asked for.", "Moscow said it was right to."]
    cut = ["Peskov said on Friday that", "The Kremlin invited the.", "Russia wants Ukraine to:"]
    assert Fragments().evaluate(brief(summary=[claim(t) for t in whole])).value == 0
    assert Fragments().evaluate(brief(summary=[claim(t) for t in cut])).value == 3
