"""Contested: an outlet restating a party's accusation as fact is not shown bare."""

from __future__ import annotations

from service.contested import restated
from service.dedupe import dedupe
from service.evidence import Evidence, tag
from service.ingest import CleanDocument
from service.segment import segment
from service.settings import PROJECT_ROOT
from service.topic import load_profile

PROFILE = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")

WIRE = (
    "Russia's Defence Ministry said that a Ukrainian drone struck the training centre of the "
    "Zaporizhzhia nuclear power plant late on Wednesday. Kyiv denied any attack on the plant."
)


def items(*articles: str) -> list[Evidence]:
    sentences = [s for n, text in enumerate(articles) for s in segment(CleanDocument(f"d{n + 1}", text))]
    return tag(dedupe(sentences), PROFILE)


def dropped(*articles: str) -> list[str]:
    found = items(*articles)
    ids = restated(found)
    return [e.text for e in found if e.id in ids]


def test_an_accusation_an_outlet_states_as_fact_is_dropped_and_the_credited_one_stays():
    partisan = (
        "The truce was agreed less than a day after a Ukrainian drone struck the training centre "
        "of the Zaporizhzhia nuclear power plant."
    )
    found = items(WIRE, partisan)
    ids = restated(found)
    assert [e.text for e in found if e.id in ids] == [partisan]
    assert any(e.speaker == "Russia" and "Defence Ministry said" in e.text for e in found if e.id not in ids)


def test_a_report_that_credits_its_source_or_shares_only_a_phrase_stays():
    # It says whose claim it is.
    credited = "A Ukrainian drone struck the training centre of the nuclear power plant, Moscow said."
    assert dropped(WIRE, credited) == []
    according = "According to Moscow, a Ukrainian drone struck the training centre of the plant on Wednesday."
    assert dropped(WIRE, according) == []
    # Five words in a row are a shared phrase ("the Zaporizhzhia nuclear power plant"), not a claim.
    assert dropped(WIRE, "Engineers repaired the training centre of the Zaporizhzhia nuclear station.") == []


def test_a_party_taking_a_stance_on_the_claim_is_its_own_position():
    """A clause whose subject is a party taking a stance credits itself, whatever words it shares."""
    stance = "Kyiv rejects that a Ukrainian drone struck the training centre of the Zaporizhzhia plant."
    found = items(WIRE, stance)
    assert [e.speaker for e in found if e.text == stance] == ["Ukraine"]
    assert dropped(WIRE, stance) == []


def test_an_agreement_that_repeats_a_recommendation_word_for_word_stays():
    """What a party recommends is no assertion of fact: a later deal may use its very words."""
    visitors = "the Zaporizhzhia nuclear power plant to all visitors from March 1."
    advice = f"The Kremlin has recommended closing {visitors}"
    deal = f"After two long days of talks in Geneva, the two sides agreed on Friday to close {visitors}"
    assert dropped(advice, deal) == []
    said = f"The Kremlin said Kyiv would close {visitors}"
    assert dropped(said, deal) == [deal]
