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
from service.topic import TopicProfile, load_profile

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


UKRAINE = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")
# A headline's roles swapped: Ukraine invites where the quote has Russia invite.
INVITED_BY_UKRAINE = "'invit' is done by @Ukraine in the claim but by @Russia in the cited text"


@pytest.fixture(scope="module")
def parties():
    profile = UKRAINE
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
        ("Kyiv sent a letter.", "Kyiv sent a letter to Washington."),  # "to" a party is no "according to"
        ("Trump and Putin will meet in Alaska.", "Putin will meet Trump in Alaska."),  # a place has no actor
        ("After Trump called, it accepted the plan.", "Kyiv accepted the plan after Trump called."),  # comma
        ("Russia's Putin wants peace.", "Putin wants peace."),  # a second mention is no number
        ("Kyiv questioned the news’s timing.", "Kyiv questioned the timing of the news."),  # possessive
        ("Kyiv does not accept the plan.", "Kyiv doesn’t accept the plan."),  # n't negates
        ("Kyiv has not responded.", "Kyiv has not fully or publicly responded."),  # adverbs in between
        ("Kyiv wants all trained troops withdrawn.", "Kyiv wants all fully trained troops withdrawn."),
        (
            "Varnia began filling the reservoir; there is no treaty.",
            "Varnia began filling the reservoir in July without a treaty.",  # "without" negates
        ),
        ("Talks resume on Friday.", "It is unclear whether Kyiv will sign or not; talks resume on Friday."),
        ("Kyiv rejected the plan.", "Kyiv rejected the plan once again."),  # "once again" is no condition
        ("Kyiv rejected the plan.", "Kyiv rejected the plan but signs deals only if Washington agrees."),
        ("Kyiv rejected the plan.", "Kyiv rejected the plan. If talks fail, fighting will go on."),
        ("Moscow rejected the plan.", "Moscow rejected the plan, and would do so again if asked."),
        ("Talks will resume on Friday.", "Talks will resume on Friday, according to Interfax."),  # a credit
        ("Talks will resume on Friday.", "Talks will resume on Friday, according to Interfax news agency."),
        # An account covers only what follows it when its phrase starts the text, it opens a clause
        # ("confidence that"), more than three words follow it, or more than five words lead up to it.
        ("Likhachev visited the plant.", "Likhachev visited the plant and said it is not for sale."),
        (
            "Trump arrived in Geneva.",
            "Trump arrived in Geneva, where Peskov said peace talks would resume on Friday.",
        ),
        ("Talks resumed.", "Talks resumed, but Moscow voiced confidence that Kyiv would yield."),
        (
            "Talks resumed.",
            "Talks resumed, and in Geneva on Friday the Kremlin's envoy Ushakov said nothing had changed.",
        ),
        # A quote with no full stop, even ending on a marker, account or condition, reads as far as
        # it goes.
        ("Kyiv rejected the plan.", "Kyiv rejected the plan"),
        ("Kyiv rejected the plan.", "Kyiv rejected the plan once again"),
        ("Talks resumed.", "Talks resumed, and Moscow voiced confidence that"),
        ("The plant is not for sale, Likhachev said", "The plant is not for sale, Likhachev said"),
        ("Kyiv will sign the plan, as it should", "Kyiv will sign the plan, as it should"),
        ("Kyiv has signed such deals only once", "Kyiv has signed such deals only once"),
        # "Once again" opening a text is no condition: what follows is stated as it stands.
        ("Russia attacked Kyiv.", "Once again, Russia attacked Kyiv."),
        # "according to" with no word after it names no unnamed source.
        ("Russia will attack.", "Russia will attack, according to them."),
        ("Russia will attack.", "Russia will attack, according to them"),
        # Names alone assert nothing an account could cover.
        ("Putin and Zelensky.", "Putin and Zelensky met, according to a person who attended."),
        # A party may stand for a person of its own in a role, and a list may be reordered.
        ("The US told reporters talks went well.", "US envoy Jared Kushner told reporters talks went well."),
        (
            "Delegations from Russia, Ukraine and the United States met.",
            "Delegations from Ukraine, Russia and the United States met.",
        ),
        # A day or a month names no one who could hold a role.
        ("On Thursday, Trump said he asked Putin.", "Trump said on Thursday he asked Putin."),
        # The same part of a set, however said.
        (
            "Moscow launched one of the heaviest strikes.",
            "On Tuesday Moscow launched one of the heaviest strikes of the winter.",
        ),
        # An indefinite circumstance limits only a hypothetical: what happened happened.
        (
            "Drones hit the substation.",
            "Drones had hit the substation in a deliberate attempt to derail talks.",
        ),
        # ... and only in its own phrase: a "would" before a comma limits nothing after it.
        ("The plan failed.", "Kyiv would object, but the plan failed in a vote."),
        # Who a word is done to ends with its phrase: a name past a full stop is the next phrase's.
        ("Kyiv agreed. Putin called.", "Putin called and Kyiv agreed with Trump."),
        # A list after a comma is whole: any of it may be named alone.
        ("Kyiv met Washington.", "Kyiv met Moscow, Washington and Ankara."),
    ],
)
def test_a_faithful_compression_passes(parties, claim: str, quote: str) -> None:
    """A claim saying less than its quote, naming a party another way or reordering it is supported."""
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
        # A word ending in -ly is content unless it is an adverb: a new place or noun is caught.
        ("The talks will be held in Italy.", "The talks will be held in Geneva.", "words not in"),
        ("Russia cut gas supply.", "Russia cut gas exports.", "words not in"),
        # The words of a leading "If ...," clause are as conditional as those after it.
        ("Varnia starts filling.", IF_FIRST, "conditional"),
        # An unnamed source past quantifiers and function words, however many, is still unnamed.
        ("Russia will attack.", "Russia will attack, according to some officials.", "unnamed source"),
        (
            "Russia will attack.",
            "Russia will attack, according to some of the many of those polled.",
            "unnamed source",
        ),
        (
            "Russia will attack.",
            "Russia will attack, according to one of those who attended.",
            "unnamed source",
        ),
        # A part of a set is a hedge the claim keeps.
        (
            "Moscow launched the heaviest strike.",
            "Moscow launched one of the heaviest strikes.",
            "loses one of",
        ),
        (
            "Moscow launched the heaviest strike.",
            "Moscow launched among the heaviest strikes.",
            "loses one of",
        ),
        # "In a bad year" under "would" is the condition the claim keeps.
        (
            "The offer would still leave a third of the delta dry.",
            "The offer would still leave a third of the delta dry in a bad year.",
            "conditional",
        ),
    ],
)
def test_an_unfaithful_rewrite_fails_and_says_why(parties, claim: str, quote: str, why: str) -> None:
    """A claim changing what its quote says is refused, with the gate it fails in the reason."""
    reason = unsupported(claim, [quote], parties)
    assert reason is not None and why in reason.lower(), reason


ACCOUNT = "states as fact what the cited text gives as {}'s account"
ROLE = "{!r} is done by {} in the claim but by {} in the cited text"
AFTER = "{!r} is followed by {} in the claim but by {} in the cited text"


@pytest.mark.parametrize(
    ("claim", "quotes", "reason"),
    [
        (
            "Brown cows graze near green fields with tall oak trees.",
            ["Kyiv rejected the plan."],
            "words not in the cited text: brown, cow, field, graze, green, oak",  # the first six
        ),
        (
            "Varnia starts filling in July.",
            ["Varnia starts filling in June."],
            "words not in the cited text: juli",
        ),
        (
            "Talks open on March 5 with 20% of envoys.",
            ["Talks open on March 6 and run 5 days; 20 envoys attend."],
            "numbers or dates not in the cited text: 20%, march 5",
        ),
        (
            "Kyiv will not sign the plan.",
            ["Kyiv signed the plan."],
            "'sign' is marked not/will only in the claim",
        ),
        (
            "Kyiv signs the plan.",
            ["Kyiv will not sign the plan."],
            "'sign' loses not/will from the cited text",
        ),
        (
            "Kyiv will sign the plan.",
            ["Kyiv will sign the plan once Washington agrees."],
            "'plan' is conditional in the cited text, not in the claim",
        ),
        (
            "Kyiv would sign the plan.",
            ["Kyiv would sign the plan, and quickly, should he agree."],
            "'plan' is conditional in the cited text, not in the claim",
        ),
        (  # a condition opening the next quote still limits the last one
            "Kyiv will sign the deal.",
            ["Kyiv will sign the deal", "only if Washington agrees."],
            "'deal' is conditional in the cited text, not in the claim",
        ),
        (
            "Zelensky rejected the plan.",
            ["Putin rejected the plan and Zelensky accepted it."],
            ROLE.format("reject", "@Ukraine", "@Russia"),
        ),
        (  # the actor five words back still acts
            "Zelensky has not yet formally rejected the plan.",
            ["Zelensky met Trump; Putin has not yet formally rejected the plan."],
            ROLE.format("reject", "@Ukraine", "@Russia"),
        ),
        (  # the party right after a word is who it is done to, up to the end of its phrase
            "Trump called Zelensky.",
            ["Trump called Putin; Zelensky agreed."],
            AFTER.format("call", "@Ukraine", "@Russia"),
        ),
        (  # ... the last word of the text too
            "Kyiv agreed with Putin.",
            ["Putin called and Kyiv agreed with Trump."],
            AFTER.format("agre", "@Russia", "@United States"),
        ),
        (  # a part of a set is named as such
            "Moscow launched the heaviest strike.",
            ["Moscow launched one of the heaviest strikes."],
            "'heaviest' loses one of from the cited text",
        ),
        (
            "Talks will resume in Istanbul.",
            ["Talks will resume in Istanbul, according to Dmitry Peskov."],
            ACCOUNT.format("Russia"),
        ),
        (
            "Talks will resume in Istanbul.",
            ["According to Peskov, talks will resume in Istanbul."],
            ACCOUNT.format("Russia"),
        ),
        (
            "Talks will resume on Friday.",
            ["Talks will resume on Friday, according to Kremlin spokesman Dmitry Peskov."],
            ACCOUNT.format("Russia"),
        ),
        (  # a first name between "according to" and the actor, the text opening with no name
            "The talks will resume.",
            ["The talks will resume, according to Dmitry Peskov."],
            ACCOUNT.format("Russia"),
        ),
        ("Talks resumed.", ["Talks resumed, officials said."], ACCOUNT.format("someone")),
        ("The plant is not for sale.", ["The plant is not for sale, Peskov said."], ACCOUNT.format("Russia")),
        (
            "The plant is not for sale.",
            ["The plant is not for sale, Likhachev told reporters in Moscow on Friday evening."],
            ACCOUNT.format("someone"),
        ),
        (  # Rosatom is one of Russia's names in the profile: its chief gives Russia's account
            "The plant is not for sale.",
            ["The plant is not for sale, the Rosatom chief Alexei Likhachev said."],
            ACCOUNT.format("Russia"),
        ),
        (
            "The plant is not for sale.",
            ["The plant is not for sale, the plant's director Alexei Likhachev said."],
            ACCOUNT.format("someone"),
        ),
        (
            "Talks will resume on Friday.",
            ["Talks will resume on Friday, according to officials in Geneva."],
            ACCOUNT.format("an unnamed source"),
        ),
        (
            "Putin and Trump agreed on a ceasefire.",
            ["According to a person who attended, Putin and Trump agreed on a ceasefire."],
            ACCOUNT.format("an unnamed source"),
        ),
        (
            "Varnia offered 300 cubic metres per second.",
            ["Varnia offered 300 cubic metres per second, according to notes seen by the agency."],
            ACCOUNT.format("an unnamed source"),
        ),
        (  # keeping who told does not keep the only source of the telling
            "Putin told Trump he was ready to meet.",
            ["Putin told Trump he was ready to meet, according to a person who attended the call."],
            ACCOUNT.format("an unnamed source"),
        ),
    ],
)
def test_the_reason_says_exactly_what_the_claim_adds(
    parties, claim: str, quotes: list[str], reason: str
) -> None:
    """The reason names the gate and the words, numbers, markers, actors or speaker it is about."""
    assert unsupported(claim, quotes, parties) == reason


def test_who_did_what_to_whom_holds_for_people_of_one_party() -> None:
    """Roles hold for people as well as parties: the person named just before or after a word."""
    profile = UKRAINE
    texts = [
        "Ukraine's delegation is led by Rustem Umerov.",
        "Ukrainian intelligence chief Kyrylo Budanov went.",
    ]
    parties = learn_people(texts, profile)
    quote = "Ukraine's delegation is led by Umerov, the council's secretary, and includes Budanov."
    swapped = "Ukraine's delegation is led by Budanov, the council's secretary, and includes Umerov."
    assert unsupported(swapped, [quote], parties) == (
        "'led' is followed by budanov in the claim but by umerov in the cited text"
    )
    # Kushner is no alias of the profile: a name in a role still holds it.
    told = "Kushner told Witkoff the talks would resume."
    assert unsupported("Witkoff told Kushner the talks would resume.", [told], parties) == (
        "'SAY' is done by @United States in the claim but by kushner in the cited text"
    )


def test_a_headline_capitalising_its_verbs_keeps_who_does_what() -> None:
    """In title case every word looks like a name; read as prose, "Invites" keeps its roles."""
    profile = UKRAINE
    parties = learn_people([], profile)
    quote = "Russia Invites Ukraine’s Zelenskyy to Moscow for Peace Talks, Offers Security Guarantees."
    swapped = "Ukraine’s Zelenskyy Invites Russia to Moscow for Peace Talks, Offers Security Guarantees."
    assert unsupported(swapped, [quote], parties) == INVITED_BY_UKRAINE
    assert unsupported("Russia invites Zelenskyy to Moscow for peace talks.", [quote], parties) is None
    # Three long words are a headline, and so are three capitals in five.
    short = "Russia Invites Ukraine to Geneva Talks."
    assert unsupported("Ukraine Invites Russia to Geneva Talks.", [short], parties) == INVITED_BY_UKRAINE
    mixed = "Russia Invites Ukraine to Geneva Peace talks soon."
    swapped = "Ukraine Invites Russia to Geneva Peace talks soon."
    assert unsupported(swapped, [mixed], parties) == INVITED_BY_UKRAINE


def test_two_people_the_profile_names_as_one_partys_aliases_are_still_two_people() -> None:
    """Zelensky and Sybiha are both aliases of Ukraine; the articles' titles make them people."""
    profile = UKRAINE
    texts = [
        "Ukrainian President Volodymyr Zelensky spoke.",
        "Ukraine's Foreign Minister, Andrii Sybiha, spoke.",
    ]
    parties = learn_people(texts, profile)
    quote = "Sybiha called the idea of meeting in Moscow unacceptable."
    assert unsupported("Zelensky called the idea of meeting in Moscow unacceptable.", [quote], parties) == (
        "words not in the cited text: zelenski"
    )
    # A person still stands for their party: "Ukraine" for "Sybiha" is allowed.
    assert unsupported("Ukraine called the idea of meeting in Moscow unacceptable.", [quote], parties) is None
    # Without the articles that title them, both are just Ukraine.
    bare = learn_people([], profile)
    assert unsupported("Zelensky called the idea of meeting in Moscow unacceptable.", [quote], bare) is None


def test_a_person_the_articles_name_is_not_their_party() -> None:
    """A learned person stands for themself: Medinsky is not any Russian the quotes name."""
    profile = UKRAINE
    parties = learn_people(["Russian negotiator Vladimir Medinsky said talks would resume."], profile)
    claim = "Medinsky rejected the plan."
    assert unsupported(claim, ["Vladimir Medinsky rejected the plan."], parties) is None
    assert (
        unsupported(claim, ["Moscow rejected the plan."], parties) == "words not in the cited text: medinski"
    )


def test_the_reason_spells_the_party_as_the_profile_does() -> None:
    """A party's name is given whole in the reason, whatever letter it starts with."""
    profile = TopicProfile.model_validate(
        {
            "name": "x_talks",
            "title": "X talks",
            "parties": [{"name": "Xandria", "aliases": ["Xandria"]}, {"name": "Yomar", "aliases": ["Yomar"]}],
            "issues": [
                {"id": "border", "label": "Border", "description": "The border.", "keywords": ["border"]}
            ],
        }
    )
    quote = "The border stays shut, according to Xandria."
    assert unsupported("The border stays shut.", [quote], learn_people([], profile)) == ACCOUNT.format(
        "Xandria"
    )


def test_a_number_in_a_partys_name_is_not_a_fact_to_check() -> None:
    profile = load_profile("port_strike", PROJECT_ROOT / "prompts" / "topics", "port_strike")
    parties = learn_people([], profile)
    quote = "The union lowered its demand to 15%."
    assert unsupported("Local 17 lowered its demand to 15%.", [quote], parties) is None


def test_the_benchmark_is_judged_at_the_rates_the_thresholds_hold() -> None:
    """The verifier on every hand-written rewrite: the floors in evals/thresholds.yaml."""
    score = score_rewrites(load_rewrites(), load_cases(PROJECT_ROOT / "evals" / "cases"), get_settings())
    assert score.unfaithful >= 100 and score.faithful >= 50
    assert score.rejected == score.unfaithful, score.wrong  # every unfaithful rewrite
    assert score.accepted / score.faithful >= 0.95, score.wrong
