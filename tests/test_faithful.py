"""Faithful: a claim may say less than its quote, name a party another way or reorder it; it may
not swap roles, flip a negation, change a number, date, modal or quantifier, drop a hedge, a
condition or who said it, or add anything."""

from __future__ import annotations

import pytest

from service.attribute import learn_people
from service.evals.cases import load_cases
from service.evals.faithfulness import load_rewrites, score_rewrites
from service.faithful import unsupported
from service.settings import PROJECT_ROOT, get_settings
from service.topic import load_profile

TRUMP = (
    "Donald Trump announced on Thursday that Putin had agreed to his request not to attack Ukraine’s "
    "energy infrastructure for a week amid extreme cold weather."
)
WANTS = (
    "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region that the Russian army "
    "does not control."
)
FORMAT = (
    "He told reporters on Friday that he was ready for any format for the meeting, but would not go "
    "to Moscow or Belarus."
)
SUGGESTED = "Trump reportedly suggested that Moscow consider the option of such a meeting."
PANEL = (
    "Dalen said Lendara was ready to accept the envoy's expert panel, but only if its rulings are binding."
)
SOURCE = (
    "Varnia has offered 300 cubic metres per second, according to a negotiating document seen by the agency."
)
TRAILING = (
    "The plant is Russian property and its status is not up for negotiation, Rosatom chief Alexei "
    "Likhachev said."
)
IF_FIRST = (
    "If Varnia starts filling in July without a treaty, the dispute could end up before international courts."
)


@pytest.fixture(scope="module")
def parties():
    profile = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")
    return learn_people([TRUMP, WANTS, FORMAT], profile)


@pytest.mark.parametrize(
    ("claim", "quote"),
    [
        (
            "Trump announced that Putin had agreed not to attack Ukraine's energy infrastructure for a week.",
            TRUMP,
        ),
        ("On Thursday Trump announced Putin had agreed to his request.", TRUMP),
        ("Moscow wants Ukrainian soldiers to leave the roughly 20% of Donetsk region.", WANTS),  # an alias
        ("He said he would not go to Moscow or Belarus.", FORMAT),  # "said" for "told reporters"
        ("Trump reportedly suggested that Moscow consider such a meeting.", SUGGESTED),
        ("Dalen said Lendara was ready to accept the panel, but only if its rulings are binding.", PANEL),
        ("Varnia has offered 300 cubic metres per second, according to a negotiating document.", SOURCE),
        ("Its status is not up for negotiation, Alexei Likhachev said.", TRAILING),
    ],
)
def test_a_faithful_compression_passes(parties, claim: str, quote: str) -> None:
    assert unsupported(claim, [quote], parties) is None


@pytest.mark.parametrize(
    ("claim", "quote", "why"),
    [
        (
            "Putin announced that Trump had agreed to his request not to attack Ukraine's infrastructure.",
            TRUMP,
            "done by",
        ),
        (
            "Russia does not want Ukrainian soldiers to leave the roughly 20% of Donetsk region.",
            WANTS,
            "marked not",
        ),
        ("He told reporters that he would go to Moscow.", FORMAT, "loses not"),
        ("Russia wants Ukrainian soldiers to leave all of Donetsk region.", WANTS, "marked all"),
        ("Trump announced on Friday that Putin had agreed to his request.", TRUMP, "friday"),
        ("Trump announced that Putin had agreed to a request for two weeks.", TRUMP, "two"),
        ("Trump suggested that Moscow consider the option of such a meeting.", SUGGESTED, "loses reportedly"),
        ("Trump will suggest that Moscow consider the option of such a meeting.", SUGGESTED, "marked will"),
        ("Dalen said Lendara was ready to accept the envoy's expert panel.", PANEL, "conditional"),
        (
            "Dalen said Lendara had accepted the envoy's expert panel, but only if its rulings are binding.",
            PANEL,
            "loses ready",
        ),
        ("Putin had agreed not to attack Ukraine's energy infrastructure for a week.", TRUMP, "account"),
        ("Varnia has offered 300 cubic metres per second.", SOURCE, "unnamed source's account"),
        (
            "The plant is Russian property and its status is not up for negotiation.",
            TRAILING,
            "account",
        ),
        ("The dispute could end up before international courts.", IF_FIRST, "conditional"),
        ("Trump announced that Putin had agreed to his request and signed a deal.", TRUMP, "words not in"),
    ],
)
def test_an_unfaithful_rewrite_fails_and_says_why(parties, claim: str, quote: str, why: str) -> None:
    reason = unsupported(claim, [quote], parties)
    assert reason is not None and why in reason.lower(), reason


def test_a_number_in_a_partys_name_is_not_a_fact_to_check() -> None:
    profile = load_profile("port_strike", PROJECT_ROOT / "prompts" / "topics", "port_strike")
    parties = learn_people([], profile)
    quote = "The union lowered its demand to 15%."
    assert unsupported("Local 17 lowered its demand to 15%.", [quote], parties) is None


def test_the_benchmark_is_judged_at_the_rates_the_thresholds_hold() -> None:
    """The verifier on every hand-written rewrite: the floors in evals/thresholds.yaml."""
    score = score_rewrites(load_rewrites(), load_cases(PROJECT_ROOT / "evals" / "cases"), get_settings())
    assert score.unfaithful >= 100 and score.faithful >= 50
    assert score.rejected / score.unfaithful >= 0.98, score.wrong
    assert score.accepted / score.faithful >= 0.95, score.wrong
