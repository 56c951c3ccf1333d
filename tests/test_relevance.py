"""Relevance: a document in another language is named in a warning, and one about something else
is left out with a warning naming it and why."""

from __future__ import annotations

from service.ingest import CleanDocument
from service.relevance import ENGLISH_SHARE, english_share, not_english, off_topic, shown_title
from service.segment import segment
from service.topic import TopicProfile

PROFILE = TopicProfile.model_validate(
    {
        "name": "transit",
        "title": "Corvale transit talks",
        "parties": [
            {"name": "Corvale Transit Workers Union", "aliases": ["CTWU", "union"]},
            {"name": "Corvale Regional Transit Authority", "aliases": ["CRTA", "authority"]},
        ],
        "issues": [
            {"id": "wages", "label": "Wages", "keywords": ["wages?", "raises?"]},
            {"id": "strike", "label": "Strike", "keywords": ["strike", "deadline"]},
        ],
    }
)
TALKS = (
    "Transit talks resume before the strike deadline\n\n"
    "The Corvale Transit Workers Union and the transit authority resumed talks on Sunday before a "
    "strike deadline of 12:01 a.m. Monday. The union wants raises of 5% a year; the authority has "
    "offered 2%. Drivers in the union say their wages have fallen behind rents in the city."
)
# About the same dispute, naming neither side by any alias: its words are the talks' words.
EXPLAINER = (
    "What the bus drivers' strike would mean for riders\n\n"
    "If drivers walk out at 12:01 a.m. Monday, buses and trains in Corvale would stop. Drivers say "
    "rents in the city have outrun their pay, and the talks resumed on Sunday. Riders should plan "
    "for no service on Monday, and the talks could run past the deadline."
)
FOOTBALL = (
    "Arsenal beat Chelsea 3-1 in London derby\n\n"
    "Arsenal beat Chelsea 3-1 at the Emirates Stadium on Saturday, with Bukayo Saka scoring twice. "
    "Chelsea manager Enzo Maresca said his side had been second best all afternoon. The two clubs "
    "meet again in the FA Cup quarter-final on March 14."
)
FRENCH = (
    "Le Kremlin a réitéré jeudi son invitation au président ukrainien à se rendre à Moscou pour des "
    "pourparlers de paix avec Vladimir Poutine, et Kiev n'a pas encore répondu officiellement."
)


def documents(*texts: str) -> list[CleanDocument]:
    return [CleanDocument(f"d{n + 1}", text) for n, text in enumerate(texts)]


def sentences(docs: list[CleanDocument]) -> list:
    return [s for d in docs for s in segment(d)]


def test_english_text_reads_as_english_and_other_languages_do_not() -> None:
    assert english_share(TALKS) >= 2 * ENGLISH_SHARE
    assert english_share(FRENCH) < ENGLISH_SHARE / 2
    # Twenty words are judged; fewer are too few to judge.
    assert english_share("the " * 5 + "word " * 15) == 0.25
    assert english_share("the " * 5 + "word " * 14) is None
    # At the line exactly, a text reads as English.
    assert not_english(documents("Headline\n\n" + "the " * 3 + "word " * 16 + ".")) == []


def test_a_document_in_another_language_is_named_with_its_share() -> None:
    assert not_english(documents(TALKS, FRENCH)) == [
        "documents[1] ('Le Kremlin a réitéré jeudi son invitation au président uk...') does not read as "
        "English: 6% of its words are common English words, against 15% or more in English text; the rules "
        "that find parties, issues and statuses read English, so little of it can be briefed"
    ]
    assert not_english(documents(TALKS)) == []


def test_a_document_about_something_else_is_left_out_and_the_warning_says_why() -> None:
    docs = documents(TALKS, EXPLAINER, FOOTBALL)
    assert off_topic(PROFILE, docs, sentences(docs)) == {
        "d3": "left out documents[2] ('Arsenal beat Chelsea 3-1 in London derby'): it is not about Corvale "
        "transit talks (it names none of its parties, and 0% of its words are in the other documents); "
        "brief it on its own, or with the topic it is about"
    }


def test_a_document_naming_a_party_in_passing_is_left_out_by_its_share() -> None:
    # One sentence of four names the union; none of the rest is about the talks.
    aside = FOOTBALL.replace("Chelsea manager", "A union steward and Chelsea manager")
    docs = documents(TALKS, EXPLAINER, aside)
    [why] = off_topic(PROFILE, docs, sentences(docs)).values()
    assert "(25% of its sentences name its parties or touch its issues, and 4% of its words" in why


def test_the_lines_themselves_keep_a_document() -> None:
    # A party named, and exactly 30% of the sentences on the talks: about the topic.
    on = ["The union met.", "The union left.", "The union waited."]
    odd = [
        "Kiwi lamp moon.",
        "Park rock salt.",
        "Tuna wolf yarn.",
        "Zinc bark cork.",
        "Dusk fork gulf.",
        "Hawk iris jazz.",
        "Knot loft plum.",
    ]
    docs = documents(TALKS, EXPLAINER, " ".join(on + odd))
    assert off_topic(PROFILE, docs, sentences(docs)) == {}
    # No party named, and exactly 35% of its words in the other documents: kin of the talks.
    words = (
        "Kiwi lamp moon park rock salt tuna wolf yarn zinc bark cork dusk fork gulf hawk iris jazz knot loft."
    )
    picnic = TALKS + " The union picnic had kiwi, lamp, moon, park, rock, salt and tuna."
    docs = documents(picnic, EXPLAINER, words)
    assert off_topic(PROFILE, docs, sentences(docs)) == {}


def test_a_document_of_no_long_words_shares_none_of_them() -> None:
    # Words under four letters are no evidence of a topic: such a text shares 0% of its words.
    docs = documents(TALKS, EXPLAINER, "Yes. No. Not yet. Why not? He did. So did she. Is it all?")
    [why] = off_topic(PROFILE, docs, sentences(docs)).values()
    assert "(it names none of its parties, and 0% of its words are in the other documents)" in why


def test_a_document_naming_no_party_that_shares_the_talks_words_is_kept() -> None:
    # The explainer fails the topic's test (no party named) but not the request's: it stays.
    docs = documents(TALKS, EXPLAINER)
    assert off_topic(PROFILE, docs, sentences(docs)) == {}


def test_nothing_is_left_out_when_that_would_leave_out_every_document() -> None:
    docs = documents(FOOTBALL, FRENCH)
    assert off_topic(PROFILE, docs, sentences(docs)) == {}


def test_a_title_is_quoted_and_a_long_one_cut() -> None:
    assert shown_title(CleanDocument("d1", "Short headline\n\nBody.\nMore.")) == "'Short headline'"
    assert shown_title(CleanDocument("d1", "Body.", title="t" * 60)) == repr("t" * 60)
    assert shown_title(CleanDocument("d1", "Body.", title="t" * 61)) == repr("t" * 57 + "...")
