"""Wording: sentences cut into the clauses that state one fact each, and each clause worded as
a claim by deleting only what carries no fact, never a date, number or negation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.attribute import learn_people
from service.ingest import ingest
from service.schema import Document
from service.segment import segment
from service.settings import PROJECT_ROOT
from service.topic import load_profile
from service.wording import FACT_TOKEN, clauses, is_question, shortened, word_count, wording

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
PROFILE = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")
PARTIES = learn_people([], PROFILE)
# Words whose loss turns a claim into its opposite or unties it from its condition.
NEGATION = re.compile(r"\b(?:not|no|never|nor|none|without|cannot|yet|if|unless|only)\b|n't\b", re.I)


def cut(sentence: str) -> list[str]:
    return [sentence[c.start : c.end] for c in clauses(sentence)]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def kept(text: str) -> list[str]:
    """What must survive any rewording: dates and numbers, negations and conditions."""
    return sorted([m.group().lower() for m in FACT_TOKEN.finditer(text)] + NEGATION.findall(text.lower()))


# --- clauses


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Talks resumed in Abu Dhabi on Sunday; the delegations met for six hours.",
            ["Talks resumed in Abu Dhabi on Sunday", "the delegations met for six hours."],
        ),
        (
            "Russia wants Ukrainian soldiers to leave Donetsk, while Kyiv refuses to give up any land.",
            ["Russia wants Ukrainian soldiers to leave Donetsk", "Kyiv refuses to give up any land."],
        ),
        (
            "The Kremlin renewed its invitation to Zelenskyy, but Kyiv has yet to respond to the offer.",
            ["The Kremlin renewed its invitation to Zelenskyy", "Kyiv has yet to respond to the offer."],
        ),
        (
            "The Washington-mediated talks injected new momentum into the effort, although "
            "significant disparities remain between the two sides.",
            [
                "The Washington-mediated talks injected new momentum into the effort",
                "significant disparities remain between the two sides.",
            ],
        ),
        # Five words on a side are enough to state a fact.
        (
            "Talks resumed in Abu Dhabi; the delegations met for six hours.",
            ["Talks resumed in Abu Dhabi", "the delegations met for six hours."],
        ),
        (
            "Talks resumed in Abu Dhabi on Sunday; the delegations met for hours.",
            ["Talks resumed in Abu Dhabi on Sunday", "the delegations met for hours."],
        ),
        # A side with a verb _FINITE does not list ("took") is still a clause.
        (
            "Talks took place in Abu Dhabi last week, and a second round is scheduled for Sunday.",
            ["Talks took place in Abu Dhabi last week", "a second round is scheduled for Sunday."],
        ),
        # A quotation closed before the cut does not hold it back.
        (
            'He called the plan "fair" and "final" on Sunday; the delegations met for six hours.',
            ['He called the plan "fair" and "final" on Sunday', "the delegations met for six hours."],
        ),
        (
            "“Fair” talks resumed in Abu Dhabi on Sunday; the delegations met for six hours.",
            ["“Fair” talks resumed in Abu Dhabi on Sunday", "the delegations met for six hours."],
        ),
    ],
)
def test_a_sentence_of_two_facts_is_cut_into_its_clauses(sentence: str, expected: list[str]):
    assert cut(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # A list of nouns is one fact: "and the fate of Z" has no verb of its own.
        "Major disputes remain, including who gets what land, the role of peacekeepers, and the "
        "fate of the Zaporizhzhia plant.",
        # Reported speech is all the speaker's, whatever its conjunctions.
        "He added that Russia was an aggressor waging war against Ukraine, and Belarus was a "
        "partner in these actions.",
        "Zelenskyy said on Friday that Kyiv would not leave Donetsk, but the talks would continue.",
        "Zelenskyy said that Kyiv had kept every promise, while Moscow had broken all of its own.",
        # Inside a quotation the speaker's words stay whole.
        "“We will not leave Donetsk; we will never do it,” Zelenskyy said on Friday.",
        "“We will not leave Donetsk, but we will talk to Moscow,” Zelenskyy said on Friday evening.",
        '"We will not leave Donetsk; we will never do it," Zelenskyy said on Friday.',
        # A condition is not a clause of its own.
        "Ukraine will talk, although only if Russia stops its strikes on the grid.",
        # Too short a side to state a fact alone.
        "Talks resumed; Kyiv said no.",
        # A pronoun subject is no determiner: the second half cannot stand alone.
        "Zelenskyy was ready to meet, but he would not go to Moscow or Belarus.",
        # "while offering" goes on with the same subject: no clause of its own.
        "Veldran still insists that the port stay national, while offering the island its two smaller ports.",
        # Two people, the first set off by a title, are one subject of one verb.
        "Kavana's foreign minister, Joaquim Ardel, and Estrelia's Tomas Ekwall signed as witnesses.",
        # The second half's verb is the first half's, gapped: "to have come down" is no verb of its own.
        "Northmere is understood to have gone to 35 million crowns, and the cooperative to have come "
        "down to 40 million.",
    ],
)
def test_lists_reported_speech_quotes_and_conditions_are_not_cut(sentence: str):
    assert cut(sentence) == [sentence]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a cut inside a quotation
            "“We will not leave Donetsk; we will never do it,” Zelenskyy said on Friday; the delegations "
            "met for six hours.",
            [
                "“We will not leave Donetsk; we will never do it,” Zelenskyy said on Friday",
                "the delegations met for six hours.",
            ],
        ),
        (  # a cut with too short a side
            "Talks resumed; Kyiv said no to the offer, while the Kremlin renewed its invitation to "
            "Zelenskyy.",
            ["Talks resumed; Kyiv said no to the offer", "the Kremlin renewed its invitation to Zelenskyy."],
        ),
        (  # a cut after reported speech: a new sentence's worth
            "Zelenskyy said that Kyiv had kept every promise, while Moscow broke its own; the delegations "
            "met for six hours.",
            [
                "Zelenskyy said that Kyiv had kept every promise, while Moscow broke its own",
                "the delegations met for six hours.",
            ],
        ),
        (  # a list of two people, the first set off by a title
            "Kavana's foreign minister, Joaquim Ardel, and Estrelia's Tomas Ekwall signed as witnesses; the "
            "ceasefire starts at noon on Friday.",
            [
                "Kavana's foreign minister, Joaquim Ardel, and Estrelia's Tomas Ekwall signed as witnesses",
                "the ceasefire starts at noon on Friday.",
            ],
        ),
        (  # a cut in reported speech
            "Zelenskyy said Kyiv would not leave Donetsk, but the talks would continue; the delegations met "
            "for six hours.",
            [
                "Zelenskyy said Kyiv would not leave Donetsk, but the talks would continue",
                "the delegations met for six hours.",
            ],
        ),
    ],
)
def test_a_cut_passed_over_does_not_stop_the_cuts_after_it(sentence: str, expected: list[str]):
    """A place that is no cut (in a quotation, too short a side, reported speech) leaves later cuts."""
    assert cut(sentence) == expected


def seed_sentences() -> list[str]:
    docs = ingest([Document(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])
    return [s.text for d in docs for s in segment(d)]


def test_clauses_of_every_seed_sentence_tile_it_in_order():
    split = 0
    for sentence in seed_sentences():
        spans = clauses(sentence)
        assert spans[0].start == 0 and spans[-1].end == len(sentence)
        for a, b in zip(spans, spans[1:], strict=False):
            assert a.end < b.start  # in order, never overlapping
            # What lies between two clauses is only the cut: "; " or ", while " and the like.
            assert re.fullmatch(
                r";\s+|,\s+(?:while|whereas|although|though|but|and|yet)\s+", sentence[a.end : b.start]
            )
        if len(spans) > 1:  # a cut leaves no side too short to state a fact
            assert all(word_count(sentence[c.start : c.end]) >= 5 for c in spans)
            split += 1
    assert split >= 3  # the seeds do hold sentences of two facts


# --- wording


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "However, major disputes remain, including who gets what land in any agreement.",
            "Major disputes remain, including who gets what land in any agreement.",
        ),
        (
            "Meanwhile, Ramzan Kadyrov has urged for further fighting.",
            "Ramzan Kadyrov has urged for further fighting.",
        ),
        # An outlet's credit, before or after, is not the fact.
        (
            "According to Interfax, Kremlin spokesperson Dmitry Peskov stated on Thursday that Moscow "
            "had yet to receive a response.",
            "Dmitry Peskov stated on Thursday that Moscow had yet to receive a response.",
        ),
        (
            "According to a TASS state news agency report, Kremlin spokesman Dmitry Peskov confirmed "
            "that Moscow remains the only venue.",
            "Dmitry Peskov confirmed that Moscow remains the only venue.",
        ),
        (
            "Reuters news agency reports that Zelenskyy said the date and location could change.",
            "Zelenskyy said the date and location could change.",
        ),
        (
            "Zelenskyy said it was “impossible” for him to meet Putin in Moscow, "
            "news agency RBC-Ukraine reports.",
            "Zelenskyy said it was “impossible” for him to meet Putin in Moscow.",
        ),
        # A title before a full name goes; the name stays whole.
        (
            "US Secretary of State Marco Rubio said the talks were not over.",
            "Marco Rubio said the talks were not over.",
        ),
        # Only the title goes: a condition, a date or a time opening the sentence is not part of it.
        (
            "If President Vladimir Putin comes, Kyiv will talk.",
            "If Vladimir Putin comes, Kyiv will talk.",
        ),
        (
            "After Kremlin spokesman Dmitry Peskov spoke, Kyiv replied.",
            "After Dmitry Peskov spoke, Kyiv replied.",
        ),
        (
            "On Friday President Vladimir Putin met the envoys.",
            "On Friday Vladimir Putin met the envoys.",
        ),
        ("In January Foreign Minister Sergei Lavrov met Rubio.", "In January Sergei Lavrov met Rubio."),
        # "the" goes with the title it introduces, not left before the name.
        (
            "Moscow was ready, the Kremlin spokesman Dmitry Peskov said.",
            "Moscow was ready, Dmitry Peskov said.",
        ),
        (
            "Kyiv said no, said the Ukrainian President Volodymyr Zelenskyy.",
            "Kyiv said no, said Volodymyr Zelenskyy.",
        ),
        # A body named in lower case before the title goes with it, not left before the name.
        (
            "Neither side moved on charges, union spokesman Danny Kerrigan said.",
            "Neither side moved on charges, Danny Kerrigan said.",
        ),
        ("The company spokeswoman Ana Ruiz said yes.", "Ana Ruiz said yes."),
        # Before a lone surname the title says who he is: it stays.
        (
            "Kremlin spokesman Peskov said Moscow was ready.",
            "Kremlin spokesman Peskov said Moscow was ready.",
        ),
        ("President Zelenskyy said no.", "President Zelenskyy said no."),
        # A speaker is not an outlet: "According to <aide> <name>," keeps the speaker.
        (
            "According to Kremlin aide Yuri Ushakov, any meeting must be well prepared.",
            "According to Yuri Ushakov, any meeting must be well prepared.",
        ),
        # A list's place and a live blog's label are no part of the fact; "first" as a word is.
        ("Second, the merged group will freeze 600 prices.", "The merged group will freeze 600 prices."),
        ("BREAKING: The two sides agreed on payment terms.", "The two sides agreed on payment terms."),
        # An interview's answer label: the brief says whose answer it is.
        ("A: No. The offer does nothing about automation.", "The offer does nothing about automation."),
        ("Live: Remedy talks as tractors fill the quay.", "Remedy talks as tractors fill the quay."),
        ("First of all the talks must resume.", "First of all the talks must resume."),
        # A connective opening a sentence goes before a name too, but "So" may be a name.
        ("But Russia still rejects foreign troops.", "Russia still rejects foreign troops."),
        ("So Hee-jin said the talks would resume.", "So Hee-jin said the talks would resume."),
        # An explainer's bare answer goes; a number does not.
        ("No. The university says pay will be deducted.", "The university says pay will be deducted."),
        ("No. 10 Downing Street said no.", "No. 10 Downing Street said no."),
        # "However" without its comma is content; a quotation is the speaker's own words.
        ("However the talks went, Kyiv said no.", "However the talks went, Kyiv said no."),
        ("“However, we wait,” Peskov said.", "“However, we wait,” Peskov said."),
        # A dateline's place and date are facts; the agency credited in it is not.
        (
            "SOLMARA, Ostrevia, Nov 9 (Meridian Press Agency) - Delegates opened a fourth round.",
            "SOLMARA, Ostrevia, Nov 9 - Delegates opened a fourth round.",
        ),
        ("KELLERTON (AP) — The teachers will return Monday.", "KELLERTON — The teachers will return Monday."),
        ("Kyiv (not Moscow) - a venue was named.", "Kyiv (not Moscow) - a venue was named."),
        # A claim ends like a sentence.
        ("Kyiv said no", "Kyiv said no."),
        ("Kyiv said no,", "Kyiv said no."),
        ("Kyiv said no;", "Kyiv said no."),
        ("Zelenskyy posted the statement on X", "Zelenskyy posted the statement on X."),
    ],
)
def test_wording_drops_openers_credits_and_titles_only(text: str, expected: str):
    assert wording(text) == expected


@pytest.mark.parametrize("text", [", Reuters reported", ";", " , "])
def test_wording_of_a_text_it_would_empty_is_the_text_itself(text: str):
    """A text holding only what wording drops is kept as it was, never worded as nothing."""
    assert wording(text) == text.strip()


def test_a_leading_credit_naming_a_party_is_a_speaker_and_stays():
    text = "TASS reports that Peskov said Moscow was the only venue."
    assert wording(text) == "Peskov said Moscow was the only venue."
    assert wording(text, lambda s: bool(PARTIES.named(s))) == text


@pytest.mark.parametrize(
    "text",
    [
        "Meanwhile, Russia has not agreed to any ceasefire before 15 March.",
        "However, Kyiv has never accepted a deal without security guarantees.",
        "According to Interfax, Dmitry Peskov said on January 29 that no reply had come.",
        "Reuters reports that Zelenskyy said 20% of Donetsk would not be handed over.",
        "Ukraine’s President Volodymyr Zelenskyy said on Friday he would only go if Putin came to Kyiv.",
        "US Secretary of State Marco Rubio said one-fifth of the region was disputed, Reuters reported.",
        "Kremlin spokesman Dmitry Peskov said Russia cannot accept 50,000 foreign troops.",
        "However, the talks will not resume until Sunday unless both sides agree, the agency reported.",
    ],
)
def test_wording_never_drops_a_date_a_number_or_a_negation(text: str):
    claim = wording(text)
    assert claim != text  # something was dropped: the test is about what was not
    assert kept(claim) == kept(text)
    assert is_subsequence(words(claim), words(text))


def test_wording_and_shortening_of_every_seed_clause_keep_its_facts():
    checked = 0
    for sentence in seed_sentences():
        for c in clauses(sentence):
            quote = sentence[c.start : c.end]
            for claim in filter(None, [wording(quote), shortened(wording(quote))]):
                assert kept(claim) == kept(quote), (quote, claim)
                assert is_subsequence(words(claim), words(quote)), (quote, claim)
                checked += 1
    assert checked >= 80


PIECES = [
    "However, ", "Meanwhile, ", "According to Interfax, ", "Reuters reports that ", "Kremlin spokesman ",
    "US Secretary of State ", "Dmitry Peskov ", "Marco Rubio ", "said ", "that ", "Kyiv ", "would ",
    "not ", "never ", "accept ", "the plan ", "on Friday", ", ", "20% ", "of Donetsk ", "“", "”", ".",
    ", the agency reported", ", news agency RBC-Ukraine reports", "; ", "but ", "only if ", "talks ",
]  # fmt: skip


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join))
def test_wording_only_ever_removes_words(text: str):
    if not text.strip():
        return
    claim = wording(text)
    assert is_subsequence(words(claim), words(text))
    short = shortened(claim)
    if short is not None:
        assert is_subsequence(words(short), words(claim))
        assert word_count(short) >= 5


# --- shortened


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Yuri Ushakov, a key foreign policy adviser to the Kremlin, said Putin has repeatedly made "
            "his position clear.",
            "Yuri Ushakov said Putin has repeatedly made his position clear.",
        ),
        (
            "Despite the renewed invitation, Kyiv has yet to respond to Moscow.",
            "Kyiv has yet to respond to Moscow.",
        ),
        (
            "Russia Today (RT) has highlighted that the door remains open for dialogue.",
            "Russia Today has highlighted that the door remains open for dialogue.",
        ),
        # Of two asides, the one that holds a fact, is after no name or is a clause stays; the other goes.
        (
            "Yuri Ushakov, a key adviser to the Kremlin, told Sergei Lavrov, who was not at the talks, "
            "that Putin had made his position clear.",
            "Yuri Ushakov told Sergei Lavrov, who was not at the talks, that Putin had made his position "
            "clear.",
        ),
        (
            "Yuri Ushakov, a key adviser to the Kremlin, told the delegation, a group of officials, that "
            "Putin had made his position clear.",
            "Yuri Ushakov told the delegation, a group of officials, that Putin had made his position clear.",
        ),
        (
            "Yuri Ushakov, a key adviser to the Kremlin, met Putin, the Kremlin reaffirmed its invitation, "
            "and the talks went ahead.",
            "Yuri Ushakov met Putin, the Kremlin reaffirmed its invitation, and the talks went ahead.",
        ),
        # A title kept because a second apposition follows it leaves an earlier aside to go.
        (
            "Yuri Ushakov, a key adviser to the Kremlin, said Graham Aitkin, managing director of Kesso "
            "Copper, the firm that runs the mine, met him.",
            "Yuri Ushakov said Graham Aitkin, managing director of Kesso Copper, the firm that runs the "
            "mine, met him.",
        ),
        # Where or how it was said, after the speech verb that closes the clause.
        (
            "“We will not strike their energy,” Zelensky said in his nightly video address.",
            "“We will not strike their energy,” Zelensky said",
        ),
        (
            "“It is a step, not a solution,” Samira Dalen told reporters outside the conference centre.",
            "“It is a step, not a solution,” Samira Dalen told reporters",
        ),
        (
            "In a statement on its website, Russia’s foreign ministry said the talks would go on.",
            "Russia’s foreign ministry said the talks would go on.",
        ),
        # An aside after a title set off by a comma goes; the comma closing the title stays.
        (
            "Archbishop Cyprian Ndoleka, chairman of the Nalumbe Council of Churches, which runs schools "
            "across the north, urged both sides to talk.",
            "Archbishop Cyprian Ndoleka, chairman of the Nalumbe Council of Churches, urged both sides "
            "to talk.",
        ),
        # A tail that goes after a title leaves no comma: the title ends the clause.
        (
            "Kyiv offered talks to Moscow, its neighbour, pledging more aid to the region.",
            "Kyiv offered talks to Moscow, its neighbour",
        ),
        # After a clause joined by "and", no title is open: no comma is left.
        (
            "The government has handed Skerrow to the island, and it has agreed to share Port Lenn, which "
            "it built, with the regional government.",
            "The government has handed Skerrow to the island, and it has agreed to share Port Lenn with "
            "the regional government.",
        ),
        # A title goes where the clause tells no one leading a side; a role at the talks stays, and
        # the aside before it still goes.
        (
            "On Friday Yuri Ushakov, the Kremlin's chief spokesman, said Putin has made his position clear.",
            "On Friday Yuri Ushakov said Putin has made his position clear.",
        ),
        (
            "Ana Ruiz, a lawyer, met Olivier Dussart, the Commission's chief negotiator, on the ferry.",
            "Ana Ruiz met Olivier Dussart, the Commission's chief negotiator, on the ferry.",
        ),
        # A tail whose verb is its own ("which was read out") is no sentence's main verb.
        ("The Kremlin issued a statement, which was read out by an aide.", "The Kremlin issued a statement"),
    ],
)
def test_shortened_drops_asides_that_carry_no_fact(text: str, expected: str):
    assert shortened(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Yuri Ushakov, a key adviser since 2012, said Putin has repeatedly made his position clear.",
        "Yuri Ushakov, who was not at the talks, said Putin has repeatedly made his position clear.",
        "Despite two invitations, Kyiv has yet to respond to Moscow.",
        "Despite no reply, Kyiv has yet to respond to Moscow.",
        "The Kremlin issued a statement, which reaffirmed the offer made on January 29.",
        "A senior aide said Zelenskyy is welcome in Moscow, pledging that guarantees would be provided.",
        # A name in a tail or a leading phrase is a fact of its own.
        "The Kremlin renewed its invitation to Kyiv, pledging to host Zelenskyy in Moscow.",
        "Despite the invitation from Moscow, Kyiv has yet to respond to the offer.",
        "Kyiv has not yet formally responded to the offer.",  # nothing to drop
        # Where it was said holds a date, a name or a number; or no speech verb comes before it.
        "“The work is constructive,” Umerov said on Friday.",
        "“The work is constructive,” Umerov told reporters at the Kremlin.",
        "“The work is constructive,” Umerov wrote after the 2 sessions.",
        "The delegations met for the first time in the old conference hall.",
        # A second apposition follows: cut the first, and the second would stand for the name.
        "Its team is led by Graham Aitkin, managing director of Kesso Copper, the firm that runs the mine.",
        # Who leads a side, and the role they hold: part of who met.
        "Corvane's team is led by Adrian Pellowe, the company's chief officer, with Nadia Ferrault.",
        # A role at the talks, or a stance held before, is a fact of its own.
        "Olivier Dussart, the Commission's chief negotiator, is known for closing chapters late at night.",
        "Judith Ambrose, the federal mediator, has now held three sessions with the two teams.",
        "This week the Liberals, who had opposed any fixed closing date, signalled that they could move.",
        "The Greens, who once called any cap a red line, have not rejected the new wording.",
        "That is a U-turn for Grenmart, which had ruled out any extension.",
        "The City Council, which funds a third of the orchestra's budget, has its own test coming.",
        "Ndoleka, chair of the Council of Churches, which sits in the talks as an observer, urged calm.",
    ],
)
def test_shortened_keeps_asides_with_a_date_a_number_a_negation_a_condition_or_a_name(text: str):
    assert shortened(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ushakov, a key adviser to the Kremlin, said Putin has repeatedly made his position clear.",
        "The envoys met on Monday, the first day of talks, and agreed on nothing.",
        "The Kremlin envoys met the delegation, a group of officials, and talked for hours.",
        "Talks with the Kremlin delegation, a group of officials, went on for hours.",
    ],
)
def test_shortened_drops_an_appositive_only_after_a_name_within_the_clause(text: str):
    """An aside after the clause's first word, a day or a common noun is not dropped."""
    assert shortened(text) is None


def test_shortened_keeps_a_lists_first_item_that_looks_like_an_aside():
    """A list of three (", a body of imams, church leaders and traditional chiefs") is no aside:
    cutting its first item would leave "the Council of Elders church leaders and traditional chiefs"."""
    listed = (
        "The talks are mediated by the Kessali Council of Elders, a body of imams, church leaders and "
        "traditional chiefs chaired by Sheikh Adam Ruwayd."
    )
    assert shortened(listed) is None
    aside = "The talks are mediated by the Kessali Council of Elders, a body of local notables, until a deal."
    assert shortened(aside) == "The talks are mediated by the Kessali Council of Elders until a deal."


def test_shortened_never_leaves_a_claim_too_short_to_state_a_fact():
    """An aside that would go from a longer clause stays when the rest is under five words."""
    # The same aside goes when enough is left: the length alone decides here.
    assert shortened("Yuri Ushakov, a key adviser to the Kremlin, said so on the day.") == (
        "Yuri Ushakov said so on the day."
    )
    assert (
        shortened("Yuri Ushakov, a key adviser to the Kremlin, said so today.")
        == "Yuri Ushakov said so today."
    )
    assert shortened("Yuri Ushakov, a key adviser to the Kremlin, said so.") is None


# --- fact tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The Kremlin reiterated the offer on January 29.", ["January 29"]),
        ("Talks resume on 29 January in Abu Dhabi.", ["29 January"]),
        ("Peskov said on Thursday that 20 per cent of Donetsk is disputed.", ["Thursday", "20 per cent"]),
        ("Russia demands a figure of 50,000.", ["50,000"]),
        ("The nearly four-year war goes on.", ["four"]),
        ("Someone said the talks were done.", []),  # "one" inside a word is no number
        # A month on its own dates a step; "may" and "march" in prose are no months.
        ("The delegations will meet again in early April.", ["April"]),
        ("Kyiv may march on without a deal.", []),
    ],
)
def test_fact_tokens_are_dates_and_numbers(text: str, tokens: list[str]):
    assert [m.group() for m in FACT_TOKEN.finditer(text)] == tokens


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Would Kyiv accept a freeze?", True),
        ("Would Kyiv accept a “frozen conflict?”", True),  # the quotation closes after the question mark
        ("'Why would we pay?' ", True),
        ("Kyiv asked why it should pay.", False),
        ("“Why pay?” he said.", False),  # a question quoted inside a statement
        ("The slogan was “Why pay?X", False),  # only quotation marks are set aside, not a letter
        ("Q: The employers say the port will lose ships.", True),  # an interviewer's line puts, asks
        ("FAQ: The employers say the port will lose ships.", False),
    ],
)
def test_a_question_ends_on_its_question_mark_quotation_marks_aside(text: str, asks: bool):
    assert is_question(text) is asks
