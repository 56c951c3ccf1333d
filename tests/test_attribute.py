"""Attribute: the parties a text names (aliases and people learned per request), and whose
position a clause states: a speaker, a party taking a stance, a continuation, or nobody."""

from __future__ import annotations

import pytest

from service import attribute
from service.attribute import Parties, Thread, in_answer, learn_people, reported, speaker
from service.dedupe import dedupe
from service.evidence import tag
from service.ingest import CleanDocument
from service.segment import segment
from service.settings import PROJECT_ROOT
from service.topic import TopicProfile, load_profile

# The shipped profile lists Peskov, Ushakov and Lavrov as aliases; this one names no person
# but the leaders, so every other official must be learned from the articles themselves.
SMALL = TopicProfile.model_validate(
    {
        "name": "small",
        "title": "Talks",
        "parties": [
            {"name": "Russia", "aliases": ["Russian", "Kremlin", "Moscow", "Putin"]},
            {"name": "Ukraine", "aliases": ["Ukrainian", "Kyiv", "Kiev", "Zelenskyy", "Zelensky"]},
            {"name": "United States", "aliases": ["US", "American", "Washington", "Trump"]},
        ],
        "issues": [
            {"id": "territory", "label": "Territory", "keywords": ["Donetsk", "land"]},
            {"id": "venue", "label": "Venue", "keywords": ["meeting", "venue", "invit\\w*"]},
        ],
    }
)
UKRAINE = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")

UMEROV = "Ukraine's chief negotiator Rustem Umerov said the talks in Abu Dhabi were constructive."
KOSTYUKOV = "Russia's delegation was headed by Admiral Igor Kostyukov, the head of military intelligence."
USHAKOV = "Yuri Ushakov, a key foreign policy adviser to the Kremlin, said Putin was open to a meeting."


@pytest.fixture(scope="module")
def learned() -> Parties:
    return learn_people([UMEROV, KOSTYUKOV, USHAKOV], SMALL)


@pytest.fixture(scope="module")
def shipped() -> Parties:
    return learn_people([], UKRAINE)


# --- people learned from the articles


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        (UMEROV, "Rustem Umerov", "Ukraine"),  # a title right before the name
        (KOSTYUKOV, "Igor Kostyukov", "Russia"),  # "delegation was headed by"
        (USHAKOV, "Yuri Ushakov", "Russia"),  # an appositive after the name
        ("Kremlin spokesman Dmitry Peskov declined to comment.", "Dmitry Peskov", "Russia"),
        ("US envoy Steve Witkoff flew to Moscow on Thursday.", "Steve Witkoff", "United States"),
        # Titles that qualify the first are no part of the name.
        ("Ukraine's Deputy Foreign Minister Olha Stefanyshyna spoke.", "Olha Stefanyshyna", "Ukraine"),
        # The side a titled person leads, named after the name.
        ("Deputy Minister Oleksandr Kamyshin leads Ukraine's delegation.", "Oleksandr Kamyshin", "Ukraine"),
        (
            "Deputy Minister Oleksandr Kamyshin leads for Ukraine in the talks with Russia.",
            "Oleksandr Kamyshin",
            "Ukraine",
        ),
        # ... nor is a portfolio after "for" or "of".
        (
            "Ukraine's Minister for Strategic Industries Oleksandr Kamyshin spoke.",
            "Oleksandr Kamyshin",
            "Ukraine",
        ),
        (
            "Ramzan Kadyrov, the Kremlin-backed leader of Chechnya, urged more fighting.",
            "Ramzan Kadyrov",
            "Russia",
        ),
        # The post's place is not the party: Ukraine's envoy to Moscow is Ukraine's.
        ("Ukraine's ambassador to the OSCE, Oleksiy Pavlenko, said so.", "Oleksiy Pavlenko", "Ukraine"),
        ("Ukraine's envoy to Moscow Oleksiy Pavlenko flew home.", "Oleksiy Pavlenko", "Ukraine"),
        ("The Ukrainian envoy to Moscow Oleksiy Pavlenko flew home.", "Oleksiy Pavlenko", "Ukraine"),
        ("The Ukrainian envoy to Moscow, Oleksiy Pavlenko, flew home.", "Oleksiy Pavlenko", "Ukraine"),
        # An affiliation in the possessive, and a relative clause saying whose team they lead.
        ("“Not one metre,” said Andriy Kovalenko, Ukraine's deputy minister.", "Andriy Kovalenko", "Ukraine"),
        (
            "Rustem Umerov, who led Ukraine's delegation at the talks, called them productive.",
            "Rustem Umerov",
            "Ukraine",
        ),
        # Whom the party speaks through, who speaks for it, its person named in the possessive as
        # they speak, and who heads its delegation are its.
        (
            "Kyiv, which has 40 envoys, is led by its chief negotiator, Olena Hrytsenko.",
            "Olena Hrytsenko",
            "Ukraine",
        ),
        ("Kyiv speaks through Olena Hrytsenko, a lawyer from Lviv.", "Olena Hrytsenko", "Ukraine"),
        ("Olena Hrytsenko, who speaks for Kyiv, left early.", "Olena Hrytsenko", "Ukraine"),
        ("Ukraine's Olena Hrytsenko says the talks will go on.", "Olena Hrytsenko", "Ukraine"),
        (
            "Ukraine sent a delegation headed by Deputy Minister Olena Hrytsenko.",
            "Olena Hrytsenko",
            "Ukraine",
        ),
        # Who leads a body of the party's own is the party's.
        ("Olena Hrytsenko, who chairs Ukraine's energy council, spoke.", "Olena Hrytsenko", "Ukraine"),
        # A surname is the name's last word, however many come before it.
        ("Ukraine's deputy minister Maria Elena Duarte flew to Geneva.", "Maria Elena Duarte", "Ukraine"),
        # A short first name is the name's, a rank or an honorific before it is not.
        ("Ukraine's First Minister Ana Lucia Marrec spoke.", "Ana Lucia Marrec", "Ukraine"),
        ("Ukraine's army chief Gen. Ivar Holm spoke.", "Ivar Holm", "Ukraine"),
        ("Ukraine's health minister Dr Lena Sors spoke.", "Lena Sors", "Ukraine"),
        # A possessive is no part of the name, nor a chief executive's "Executive".
        ("Ukraine's minister Lena Sors's deadline is May 18.", "Lena Sors", "Ukraine"),
        ("Ukraine's Chief Executive Mathilde Brenner spoke.", "Mathilde Brenner", "Ukraine"),
    ],
)
def test_a_person_tied_to_a_party_by_a_title_is_learned_by_full_name_and_surname(text, name, party):
    parties = learn_people([text], SMALL)
    surname = name.split()[-1]
    assert parties.people.get(name) == party
    assert parties.people.get(surname) == party
    assert not [p for p in parties.people if p.endswith("'s") or p.startswith("Executive")], parties.people
    # Once learned, the surname alone names the party in any other sentence.
    assert parties.named(f"{surname} said the talks would go on.") == [party]


def test_people_tied_to_a_party_in_one_sentence_after_one_who_is_not():
    """Each relative clause and each possessive is read: the opposition's leader or a city's
    official before a party's person does not stop the party's being learned."""
    people = learn_people(
        [
            "Anna Berg, who leads the opposition, met Olena Hrytsenko, who chairs Ukraine's energy council.",
            "Lviv's Ivan Holub says so, and Ukraine's Petro Savchuk says the talks will go on.",
            "Ukraine's Foreign Ministry says the talks will go on.",
        ],
        SMALL,
    ).people
    assert people == {
        "Olena Hrytsenko": "Ukraine",
        "Hrytsenko": "Ukraine",
        "Petro Savchuk": "Ukraine",
        "Savchuk": "Ukraine",
    }


def test_a_second_side_s_leader_told_with_its_noun_left_out_is_that_side_s():
    """ "Ukraine's delegation is led by Deputy Minister Olena Hrytsenko, Russia's by Admiral Igor
    Kostyukov": the possessive after her name opens Russia's half, it is no title of hers."""
    people = learn_people(
        [
            "Ukraine's delegation is led by Deputy Minister Olena Hrytsenko, Russia's by Admiral "
            "Igor Kostyukov."
        ],
        SMALL,
    ).people
    assert people["Olena Hrytsenko"] == "Ukraine" and people["Hrytsenko"] == "Ukraine"
    assert people["Igor Kostyukov"] == "Russia"
    assert set(people.values()) == {"Ukraine", "Russia"} and "Minister Olena Hrytsenko" not in people


def test_whom_a_party_is_led_by_is_its_though_another_names_them_too():
    """ "Kyiv is led by its chief negotiator, Olena Hrytsenko" settles whose she is, whatever else
    calls her another side's."""
    texts = [
        "Kyiv, which has 40 envoys, is led by its chief negotiator, Olena Hrytsenko.",
        "Russia's envoy Olena Hrytsenko arrived.",
    ]
    assert learn_people(texts, SMALL).people["Olena Hrytsenko"] == "Ukraine"


def test_whom_a_party_acts_against_is_not_its_person():
    """ "Ukraine will drop its complaint against President Ivan Bolt's decree": Bolt is no one's here."""
    parties = learn_people(["Ukraine will drop its complaint against President Ivan Bolt's decree."], SMALL)
    assert not {"Ivan Bolt", "Ivan Bolt's", "Bolt", "Bolt's"} & set(parties.people)


def test_a_title_after_a_relative_word_is_not_the_party_named_before_it():
    """ "Ukraine's envoy Rustem Umerov, whom President Ivan Bolt invited": Bolt is no one's here."""
    parties = learn_people(["Ukraine's envoy Rustem Umerov, whom President Ivan Bolt invited, spoke."], SMALL)
    assert parties.people.get("Rustem Umerov") == "Ukraine"
    assert "Ivan Bolt" not in parties.people and "Bolt" not in parties.people


def test_a_title_after_a_thing_named_is_not_the_party_named_before_it():
    """ "Kyiv wants the plant back, a demand Foreign Minister Ivan Bolt called absurd": Bolt is not
    Kyiv's (a title holding a party still binds: "a demand Kremlin aide Yuri Ushakov called")."""
    parties = learn_people(
        ["Kyiv wants the plant back, a demand Foreign Minister Ivan Bolt called absurd."], SMALL
    )
    assert "Ivan Bolt" not in parties.people and "Bolt" not in parties.people
    titled = learn_people(
        ["Kyiv wants the plant back, a demand Kremlin aide Yuri Ushakov called absurd."], SMALL
    )
    assert titled.people["Yuri Ushakov"] == "Russia"
    plain = learn_people(["Kyiv has sent Foreign Minister Ivan Bolt."], SMALL)
    assert plain.people["Ivan Bolt"] == "Ukraine"


def test_a_party_inside_the_quotation_before_a_title_is_not_the_speaker_s():
    """'"... we will not give up Donetsk to Russia," spokesman Ivan Bolt said': Bolt is not Russia's."""
    text = '"We will not give up Donetsk to Russia," spokesman Ivan Bolt said.'
    parties = learn_people([text], SMALL)
    assert "Ivan Bolt" not in parties.people and "Bolt" not in parties.people
    plain = learn_people(["Russia's spokesman Ivan Bolt said the talks were useful."], SMALL)
    assert plain.people["Ivan Bolt"] == "Russia"


def test_a_title_owned_by_a_place_is_the_owner_s_not_the_side_that_title_names():
    """ "Minsk's president, Ivan Bolt": "president" names no side's person when another owns it."""
    profile = SMALL.model_copy(
        update={
            "parties": [*SMALL.parties[:2], SMALL.parties[2].model_copy(update={"aliases": ["president"]})]
        }
    )
    owned = learn_people(
        ["Minsk's president, Ivan Bolt, said on Tuesday that his city stands ready."], profile
    )
    assert "Ivan Bolt" not in owned.people
    russian = learn_people(
        ["Russia's president, Ivan Bolt, said on Tuesday that Moscow stands ready."], profile
    )
    assert russian.people["Ivan Bolt"] == "Russia"


def test_only_people_with_a_title_or_affiliation_are_learned():
    parties = learn_people(
        [
            "Maria Ivanova, a resident of Moscow, said she wanted the war to end.",
            "Oleg Petrenko said the talks were pointless.",
            # A post once held binds no one to the side.
            "Oleg Petrenko, a former Ukrainian deputy minister, said the talks were pointless.",
            # Who leads the talks, or a body only named after a party, is no one's.
            "Anna Berg, who chairs the talks on Ukraine's quota, spoke.",
            "Anna Berg, who speaks for the mediators, spoke.",
            "Anna Berg, who heads the Ukrainian fleet association, spoke.",
            "Anna Berg, who leads the opposition in Ukraine, spoke.",
            # A title's portfolio ends in a body's name, which is no person's.
            "Ukraine's chair of the Azov Families Association, on a visit, spoke.",
        ],
        SMALL,
    )
    assert parties.people == {}
    assert parties.named("Ivanova and Petrenko spoke.") == []


def test_a_body_described_in_an_appositive_is_no_person_and_its_last_word_no_surname():
    """ "The Clear Seas Coalition, a group led by Vestmark's minister ..." ties the coalition to
    Vestmark's people, but "Coalition" is no one's surname: "a coalition of producers" is no party."""
    profile = TopicProfile.model_validate(
        {
            "name": "blocs",
            "title": "Talks",
            "parties": [{"name": "Clear Seas Coalition", "aliases": ["Vestmark"]}, {"name": "Nadrovia"}],
            "issues": [{"id": "cap", "label": "Cap", "keywords": ["cap"]}],
        }
    )
    text = (
        "The Clear Seas Coalition, a group of 43 countries led by Vestmark's environment minister "
        "Ingrid Solvang, wants a cap."
    )
    parties = learn_people([text], profile)
    assert "Coalition" not in parties.people
    assert parties.named("A coalition of producers rejected the cap.") == []


def test_a_legislator_is_not_learned_as_the_government_s():
    """Every senator, MP and lawmaker in the twelve dev sets speaks for no party: a legislature is
    not the government that negotiates."""
    parties = learn_people(
        [
            "Russian lawmaker Leonid Slutsky said the talks were a trap.",
            "Ukrainian MP Oleksiy Goncharenko said the plan was a betrayal.",
            "US Senator Jane Hollis said she would vote against any deal.",
        ],
        SMALL,
    )
    assert parties.people == {}


def test_a_country_s_opposition_leader_is_not_learned_as_its_government_s():
    parties = learn_people(
        [
            "Russian opposition leader Boris Nadezhdin said the talks were a sham.",
            "Yulia Tymoshenko, Ukraine's opposition leader, said the plan was a betrayal.",
        ],
        SMALL,
    )
    assert parties.people == {}
    # The government's people named after her in the same sentence are still learned.
    both = (
        "Yulia Tymoshenko, Ukraine's opposition leader, spoke, while Rustem Umerov, Ukraine's chief "
        "negotiator, did not."
    )
    assert learn_people([both], SMALL).people == {"Rustem Umerov": "Ukraine", "Umerov": "Ukraine"}


def test_a_title_after_a_semicolon_is_not_the_party_named_before_it():
    """ "...; the mediator, Judith Ambrose, suggested 76": the semicolon ends the clause that
    names Ukraine, and the mediator is no side's."""
    text = "Russia now wants 74 and Ukraine 78; the mediator, Judith Ambrose, suggested 76."
    assert learn_people([text], SMALL).people == {}
    # The last semicolon counts.
    two = "Russia now wants 74; Ukraine 78; the mediator, Judith Ambrose, suggested 76."
    assert learn_people([two], SMALL).people == {}
    # A party named after the semicolon still is.
    after = "Russia now wants 74; Ukraine's mediator, Judith Ambrose, suggested 76."
    assert learn_people([after], SMALL).people["Ambrose"] == "Ukraine"


def test_a_person_the_articles_tie_to_two_parties_is_not_learned():
    parties = learn_people(
        [
            "Ukraine's envoy John Smith arrived in Geneva.",
            "Russia's envoy John Smith arrived in Geneva.",
            "Ukraine's envoy Rustem Umerov arrived in Geneva.",
        ],
        SMALL,
    )
    assert "Smith" not in parties.people and "John Smith" not in parties.people
    assert parties.people["Umerov"] == "Ukraine"  # the unambiguous one still is


def test_a_person_who_leads_a_side_s_team_is_that_side_s_whatever_else_they_lead():
    """Ossara's First Minister leads its team at the talks and his own party at home: the talks'
    side wins the tie, and only a leader's ties are settled so."""
    profile = TopicProfile.model_validate(
        {
            "name": "island",
            "title": "Talks",
            "parties": [
                {"name": "Ossara", "aliases": ["Ossaran"]},
                {"name": "Castrena", "aliases": ["central government"]},
                {"name": "People's Alliance", "aliases": []},
            ],
            "issues": [{"id": "statute", "label": "Statute", "keywords": ["statute"]}],
        }
    )
    texts = [
        "Ossara's team is led by First Minister Aulin Marrec, who is accompanied by Tregan Lusk.",
        "The People's Alliance, led by First Minister Aulin Marrec, won 34 seats last year.",
        "Ossara's envoy John Smith arrived.",
        "The People's Alliance's envoy John Smith spoke.",
    ]
    people = learn_people(texts, profile).people
    assert people["Aulin Marrec"] == people["Marrec"] == "Ossara"
    assert "John Smith" not in people and "Smith" not in people
    # A namesake on the other side keeps the surname no one's.
    people = learn_people([*texts, "Castrena's envoy Pia Marrec arrived."], profile).people
    assert people["Aulin Marrec"] == "Ossara" and people["Pia Marrec"] == "Castrena"
    assert "Marrec" not in people
    # Said the other way round, with three names.
    led = [
        "Ana Lucia Marrec, who leads Ossara's team, arrived.",
        "Ana Lucia Marrec, the People's Alliance leader, spoke.",
    ]
    people = learn_people(led, profile).people
    assert people["Ana Lucia Marrec"] == people["Marrec"] == "Ossara"
    people = learn_people([*led, "Eva Pia Marrec, Castrena's envoy, arrived."], profile).people
    assert people["Ana Lucia Marrec"] == "Ossara" and "Marrec" not in people
    # One who leads both sides' teams is still no one's; nor is one the profile already names.
    both = ["Ossara's team is led by John Smith.", "Castrena's team is led by John Smith."]
    assert not learn_people(both, profile).people
    named = profile.model_copy(
        update={
            "parties": [profile.parties[0].model_copy(update={"aliases": ["Marrec"]}), *profile.parties[1:]]
        }
    )
    assert "Marrec" not in learn_people(texts, named).people
    # Nor is a surname shared with the profile's own person.
    aulin = profile.model_copy(
        update={
            "parties": [
                profile.parties[0].model_copy(update={"aliases": ["Aulin Marrec"]}),
                *profile.parties[1:],
            ]
        }
    )
    shared = ["Ossara's team is led by Aulin Marrec.", "Castrena's envoy Pia Marrec arrived."]
    assert "Marrec" not in learn_people(shared, aulin).people


@pytest.mark.parametrize(("until", "learned"), [("Friday", True), ("Tuesday", False)])
def test_a_delegation_s_leader_is_tied_to_a_party_named_up_to_60_characters_before(until: str, learned: bool):
    """The party named 60 characters before "delegation was led by" is the delegation's; one day's
    name longer, 61, is too far back."""
    text = (
        f"Russia, which had asked for a recess until {until}, said its delegation was led by "
        "Vladimir Medinsky."
    )
    assert text.index("delegation") - text.index("Russia") == (60 if learned else 61)
    people = learn_people([text], UKRAINE).people
    assert people == ({"Vladimir Medinsky": "Russia", "Medinsky": "Russia"} if learned else {})


def test_people_are_learned_per_request_and_the_profile_is_unchanged(learned: Parties):
    aliases = [list(p.aliases) for p in SMALL.parties]
    assert learned.named("Umerov met Kostyukov.") == ["Ukraine", "Russia"]
    fresh = learn_people(["Umerov met Kostyukov in Abu Dhabi on Sunday."], SMALL)
    assert fresh.people == {}
    assert fresh.named("Umerov met Kostyukov.") == []
    assert [list(p.aliases) for p in SMALL.parties] == aliases


def test_a_person_the_profile_names_is_known_as_a_person_but_not_rebound():
    """Zelenskyy is a profile alias of Ukraine: a title makes him a person of Ukraine, never Russia's."""
    texts = ["Kremlin envoy Volodymyr Zelenskyy spoke.", "Ukrainian President Volodymyr Zelenskyy spoke."]
    parties = learn_people(texts, UKRAINE)
    assert parties.persons["Volodymyr Zelenskyy"] == parties.persons["Zelenskyy"] == "Ukraine"
    # Mentions still come from the profile alone for a name it covers.
    assert "Zelenskyy" not in parties.people and parties.named("Zelenskyy spoke.") == ["Ukraine"]
    assert learn_people(["Kremlin envoy Volodymyr Zelenskyy spoke."], UKRAINE).persons == {}


def test_an_alias_is_never_rebound_to_another_party():
    # "Putin" is Russia's alias: an article calling him Kyiv's envoy does not move him.
    parties = learn_people(["Kyiv's envoy Vladimir Putin spoke in Geneva."], SMALL)
    assert parties.people == {}
    assert parties.named("Vladimir Putin spoke.") == ["Russia"]
    assert parties.named("Putin spoke.") == ["Russia"]


# --- parties named in a text


def test_mentions_cover_possessives_and_hyphenated_forms_in_order(shipped: Parties):
    text = "Russia's plan, the Kremlin-backed leader and Kyiv’s answer reached Washington."
    assert [(text[m.start : m.end], m.party) for m in shipped.mentions(text)] == [
        ("Russia", "Russia"),
        ("Kremlin", "Russia"),
        ("Kyiv", "Ukraine"),
        ("Washington", "United States"),
    ]
    assert shipped.named(text) == ["Russia", "Ukraine", "United States"]


def test_a_party_s_office_named_in_the_possessive_is_still_the_party(shipped: Parties):
    """ "Embassy's" is the office "Embassy", not another body's name opened by the party's."""
    assert shipped.named("The Russian Embassy's spokesman said the plan was dead.") == ["Russia"]
    assert shipped.named("A Ukrainian Embassy’s statement rejected the plan.") == ["Ukraine"]


def test_a_body_named_for_or_against_a_party_is_not_the_party(shipped: Parties):
    assert shipped.named("Doctors for Ukraine said the hospitals were full.") == []
    text = "Mothers against Russia marched in Kyiv."
    assert [(text[m.start : m.end], m.party) for m in shipped.mentions(text)] == [("Kyiv", "Ukraine")]


def test_an_all_capitals_alias_matches_only_in_capitals(shipped: Parties):
    assert shipped.named("Let us talk about the weather.") == []
    assert shipped.named("The US envoy spoke.") == ["United States"]


def test_the_longest_alias_wins(shipped: Parties):
    # "White House" is one alias of the United States, not "White" and "House".
    [m] = shipped.mentions("The White House said so.")
    assert (m.start, m.end, m.party) == (4, 15, "United States")


def test_a_common_noun_alias_ending_another_body_s_name_is_not_the_party():
    profile = TopicProfile.model_validate(
        {
            "name": "doctors",
            "title": "Doctors' strike",
            "parties": [
                {"name": "Ministry of Health", "aliases": ["ministry", "health ministry"]},
                {"name": "Doctors' Union", "aliases": ["union"]},
            ],
            "issues": [{"id": "pay", "label": "Pay", "keywords": ["pay"]}],
        }
    )
    parties = Parties(profile)
    # "The Finance Ministry" is another ministry; the profile's own word, a sentence start or a
    # lower-case "ministry" still name the party.
    assert parties.named("Since then the Finance Ministry has said there will be no money.") == []
    assert parties.named("The Health Ministry said no.") == ["Ministry of Health"]
    assert parties.named("He left. Ministry officials said no.") == ["Ministry of Health"]
    assert parties.named("The Ministry said no.") == ["Ministry of Health"]
    assert parties.named("Officials at the ministry said no.") == ["Ministry of Health"]
    assert parties.named("Since then the Finance Union has said it wants more money this year.") == []
    # Another body's name opening the text: "Ashford Union", not the word of a sentence's start.
    assert parties.named("Ashford Union turned down a similar demand the same year.") == []
    # A headline's capitals, and "the EU" (no common noun), name their party still.
    assert parties.named("Statement From The Finance Ministry On Pay") == ["Ministry of Health"]


def test_a_party_named_by_the_and_a_common_noun_is_named_by_its_people_too():
    profile = TopicProfile.model_validate(
        {
            "name": "pensions",
            "title": "Pension talks",
            "parties": [
                {"name": "Government of Saventia", "aliases": ["the government"]},
                {"name": "Employers' Federation", "aliases": ["the employers"]},
            ],
            "issues": [{"id": "age", "label": "Pension age", "keywords": ["pension age"]}],
        }
    )
    parties = Parties(profile)
    said = (
        "A government official, speaking on condition of anonymity, said the cabinet would not go beyond 66."
    )
    assert parties.named(said) == ["Government of Saventia"]
    assert speaker(said, parties, None) == "Government of Saventia"
    assert parties.named("Two employers negotiators said no.") == ["Employers' Federation"]
    # A name the profile gives with "the" is named by its people too.
    fund = TopicProfile.model_validate(
        {
            "name": "drugs",
            "title": "Drug price talks",
            "parties": [{"name": "National Health Fund", "aliases": ["the Fund"]}, {"name": "Maranthe"}],
            "issues": [{"id": "price", "label": "Price", "keywords": ["price"]}],
        }
    )
    assert Parties(fund).named("A Fund official said no.") == ["National Health Fund"]
    # Only the common noun's people: a body of its own is not the party.
    assert parties.named("A government bond auction went badly.") == []


# --- whose position a clause states


@pytest.mark.parametrize(
    ("clause", "party"),
    [
        # An outlet's credit is not the speaker: the person it reports is.
        ("Reuters reports that Zelenskyy said the date and location could change.", "Ukraine"),
        ("Reuters news agency reports that Zelenskyy said the date could change.", "Ukraine"),
        # An aside naming another party sits between the speaker and the verb.
        (
            "Lavrov, commenting on Western support for Kiev, warned that even if Zelensky were "
            "replaced, the regime would persist.",
            "Russia",
        ),
        (
            "Russian Foreign Minister Sergey Lavrov, commenting on Western support for Kiev, warned "
            "that the regime would persist.",
            "Russia",
        ),
        (
            "Lavrov, commenting on Western support for Kiev in a long interview, warned that the "
            "regime would persist.",
            "Russia",
        ),
        # A verb after "and" is its first verb's subject's; a later speaker still speaks.
        ("A NATO spokesperson says the truce holds and urges calm, Kyiv's envoy said.", "Ukraine"),
        # The speaker is the subject of the reporting verb, not a party named in what is said.
        ("Peskov said that Kyiv had not replied to the offer.", "Russia"),
        (
            "An unnamed US official told Axios that Zelensky and Putin were very close to meeting.",
            "United States",
        ),
        # A quotation, then the verb, then the speaker.
        ("“We are talking about Moscow,” said Zelensky.", "Ukraine"),
        ("“We are talking about Moscow at this point,” Peskov said.", "Russia"),
        # "according to X," and "quoted X as saying": X speaks, not the outlet or party before.
        ("According to Kremlin aide Yuri Ushakov, any meeting must be well prepared.", "Russia"),
        ("Russian media quoted Zelensky as saying that Kyiv was ready to talk.", "Ukraine"),
        # A party taking a stance as the subject, after a leading adverbial or not.
        ("Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region.", "Russia"),
        ("Kyiv refuses to give up land it still holds.", "Ukraine"),
        ("On Thursday, the Kremlin reaffirmed its invitation to Zelensky.", "Russia"),
        ("Last year, Zelensky declined a similar invitation from Moscow.", "Ukraine"),
        ("Ukraine’s President Volodymyr Zelenskyy has invited Putin to Kyiv for talks.", "Ukraine"),
        ("The United States said it would keep pressing both sides.", "United States"),
        # After a leading condition, the main clause's subject speaks.
        ("If the talks fail, Kyiv will not give up land it holds.", "Ukraine"),
        ("For its part, Moscow insists on the whole of Donetsk.", "Russia"),
        # A party named after the silence: the one who speaks is still the subject.
        ("Peskov said Kyiv has not responded to the offer.", "Russia"),
        # "and" joining a party to something that is not another party keeps one subject.
        ("Russia and its allies rejected the proposal.", "Russia"),
        # A wire's dateline or a live blog's time stamp is not the subject, nor a lead-in.
        ("MOSCOW, Dec 1 (Wire Service) - Kyiv on Tuesday rejected the proposal.", "Ukraine"),
        ("ISTANBUL, Turkey (AP) — Kyiv on Tuesday proposed a 30-day truce.", "Ukraine"),
        # A name, an aside, then the name's own verb: the "your" is in what he says.
        ("Zelensky, speaking in Kyiv, told reporters that your land is not for sale.", "Ukraine"),
        # The writer's verdict is not a speaker's: Peskov judges Kyiv here.
        ("Peskov said Kyiv was wrong to reject the plan.", "Russia"),
        # A source cited first speaks, whoever the paper is.
        ("Citing sources in the Russian foreign ministry, the paper reported that Kyiv was ready.", "Russia"),
        ("17:14 GMT – The Kremlin says it wants the whole of Donetsk.", "Russia"),
        ("Big news from the talks: Kyiv has raised its offer on the plant.", "Ukraine"),
        # A name and a colon credit what follows; a party's statement speaks for it; a place
        # named after the speaker is where the speaker is.
        ("Zelensky: we will not give up our land.", "Ukraine"),
        ("The Kremlin's statement says Moscow will not withdraw.", "Russia"),
        ("An unnamed Russian diplomat in Kyiv said the offer stands.", "Russia"),
        # British quotation marks.
        ("'We will not give up our land,' said Zelensky.", "Ukraine"),
        # A meeting on a condition, or refused, is a stance, not a date on the calendar.
        ("The Kremlin would meet Zelensky only in Moscow.", "Russia"),
        ("Kyiv will not meet Putin in Moscow or Minsk.", "Ukraine"),
        ("Moscow will resume the talks if Kyiv withdraws.", "Russia"),
        ("Russia will not host the talks in Moscow.", "Russia"),
        # A refusal on a condition is a position, not a dodge; so is an offer under its owner's plan.
        ("Kyiv will not discuss the plant until Russia withdraws its troops.", "Ukraine"),
        ("Peskov said Moscow would not negotiate unless Kyiv leaves Donetsk.", "Russia"),
        ("Under Russia's plan, Kyiv would keep the plant.", "Russia"),
        ("Kyiv rejected the plan and would not discuss it further.", "Ukraine"),
        # A transcript's speaker of a party; an official of a party involved in the talks; a label.
        ("ZELENSKY: We will not give up Donetsk.", "Ukraine"),
        ("A Russian official involved in the talks said Moscow had not agreed to any change.", "Russia"),
        ("UPDATE: Kyiv rejects the plan.", "Ukraine"),
        ("Peskov said Moscow was united and would not 'negotiate against ourselves.'", "Russia"),
        ("Kyiv said 72% of Ukrainians opposed the plan.", "Ukraine"),
        # A year in a stance that holds now, or said now, is no history.
        ("Russia insists on the borders it claimed in 2022.", "Russia"),
        ("Kyiv said it had offered the same terms in 2023.", "Ukraine"),
        ("Moscow rejected the plan, which Kyiv first tabled in 2024.", "Russia"),
        ("Kyiv counters that the plant was built by Ukraine and is Ukrainian.", "Ukraine"),
        ("Kyiv is seeking the return of the land that Russia seized in 2014.", "Ukraine"),
        # "To be" and a stance, with an adverb between or not.
        ("Kyiv is also demanding that Moscow withdraw from the plant.", "Ukraine"),
        ("Moscow was still insisting on the whole of Donetsk.", "Russia"),
        # A step of the process on a condition of the party's own is its stance; so is a bare "must".
        ("Kyiv will sign the deal only if the US Congress ratifies the guarantees.", "Ukraine"),
        # One subject and a thing of the other, not a joint subject.
        ("Moscow, Kyiv's main foe, rejected the plan.", "Russia"),
        # A party credited at the end speaks, also of the other side's offer.
        ("Washington, for its part, has offered a 30-day truce, according to Kyiv.", "Ukraine"),
        # A figure the party gives with a view of its own is its claim.
        ("Kyiv must release 300 prisoners, according to the Kremlin.", "Russia"),
        # What a speaker says of the talks, not an act of them, is the speaker's view.
        ("Zelensky said the two sides were still far apart.", "Ukraine"),
        ("Peskov said the talks had stalled.", "Russia"),
        # What both sides did, said on a condition or in the speaker's own words, is a stance.
        ("Peskov said both sides had agreed to nothing unless Kyiv withdrew.", "Russia"),
        ("Witkoff said the delegations had 'engaged seriously' on Tuesday.", "United States"),
        # Both sides' step said with "must" is what the speaker would have them do.
        ("Rubio said both sides must meet again on Friday.", "United States"),
        # A step of the speaker's own side with no date is its plan, not the calendar.
        ("Peskov said Russia would meet Ukraine again.", "Russia"),
        ("Zelensky says the framework will go to the Rada, maybe.", "Ukraine"),
        # A position that moves is a position, and so is one offered or asked "to be".
        ("Kyiv has raised its prisoner offer from 300 to 500.", "Ukraine"),
        ("The Kremlin lowered its territorial demands.", "Russia"),
        ("Moscow raised its contribution to the fund to $2 billion.", "Russia"),
        # What a leading phrase was called is no subject either.
        ("At Monday's session, billed as the last one, Kyiv raised its offer to 300.", "Ukraine"),
        ("Moscow came down from 80% to 70%.", "Russia"),
        ("Kyiv is offering a 30-day truce.", "Ukraine"),
        ("Moscow is asking to keep the plant.", "Russia"),
        ("Kyiv has moved on prisoners.", "Ukraine"),
        ("Moscow has dropped its insistence on a bilateral commission.", "Russia"),
        ("Kyiv had already cut its delegation's target from 40% to 30%.", "Ukraine"),
        # A first position, one held, a price or deadline set, a deal defended.
        ("Moscow opened the talks at 65%.", "Russia"),
        ("Kyiv began the talks asking for 14%.", "Ukraine"),
        ("Moscow came to Geneva demanding the whole of Donbas.", "Russia"),
        ("Kyiv had been asking for a cap of two weeks.", "Ukraine"),
        ("Moscow had been holding out for 65%.", "Russia"),
        ("Rosatom has set a price of 2.9 million euros.", "Russia"),
        ("Zelensky defended the agreement.", "Ukraine"),
        # An outlet's hedge on what it reports ("we are told", "sources say") takes no stance.
        ("On money, we are told Kyiv has agreed to a 30-day truce.", "Ukraine"),
        ("A last-minute move, we are told: Moscow has raised its offer to 300.", "Russia"),
        ("On the plant, sources say Moscow has offered to share the output.", "Russia"),
        # A side's move told by unnamed sources after it is the side's.
        ("Russia has offered a 30-day truce, two people familiar with the talks said.", "Russia"),
        ("Kyiv has lowered its demand to 42%, according to a person briefed on the talks.", "Ukraine"),
        # A party's proposal named by its participle is its position.
        ("Moscow's proposed cap of 20,000 troops is its answer.", "Russia"),
        # A side that binds itself takes a stance: "committed to", "pledged", "vowed" (not the noun).
        ("Kyiv has committed to 150 prisoners and has rejected any quota.", "Ukraine"),
        ("Moscow pledged 40 million rubles.", "Russia"),
        ("Zelensky vowed to hold the line.", "Ukraine"),
        # The speaker's own verb decides what was said, not one inside what was said.
        ("Kyiv will sign only once the IAEA has confirmed the plant is safe, Zelensky said.", "Ukraine"),
        # "said on Tuesday that ...": what follows "that" is what was said, not a credit's tail.
        ("Witkoff said on Tuesday that the two sides were still far apart.", "United States"),
        # A second thing said after a stance, or both sides' act in quotation marks, is the speaker's.
        ("Zelensky said he welcomed the ruling and that talks would continue next week.", "Ukraine"),
        ("Witkoff said both sides had agreed to “a large prisoner exchange” on Tuesday.", "United States"),
        # A bare figure said is what the speaker claims or proposes.
        ("The Kremlin says 12,000.", "Russia"),
        ("Witkoff suggested 76.", "United States"),
        # A condition after the step is the stance's, whatever clause came before it.
        ("Talks ended; Kyiv will vote on the deal only if Congress ratifies the guarantees.", "Ukraine"),
        # A plan with no date of its own is a stance (the number is the delegation's size).
        ("Russia's 300-strong delegation plans to publish the draft.", "Russia"),
        # What is confirmed may be a stance; a plan with no date is one; so is a cost refused.
        ("Peskov confirmed that Russia would not withdraw.", "Russia"),
        ("The Kremlin plans to publish the draft.", "Russia"),
        ("Kyiv says the deal would cost it 20% of its land and it will never accept that.", "Ukraine"),
        # A sum the party values is its stance, not a figure it reports.
        ("The Kremlin says 180 million is its last word.", "Russia"),
        ("Kyiv said 40 billion was not enough.", "Ukraine"),
        # Whose matter a thing is, said of the thing itself, is a stance, not a dodge.
        ("Sybiha said a change of borders was 'a matter for the Ukrainian people alone'.", "Ukraine"),
        ("Peskov said the detainees' cases were 'a matter for the courts'.", "Russia"),
        ("Kyiv has said nothing will change its position on Donbas.", "Ukraine"),
        # ... but not inside its own office, post or forces, or a person's name.
        ("Russian Foreign Ministry officials said Moscow would not move on Donetsk.", "Russia"),
        ("The Ukrainian Armed Forces said they would not withdraw from Donetsk.", "Ukraine"),
        ("US Secretary of State Marco Rubio said the guarantees were ready.", "United States"),
        # "Declared" and "pledged" say words unless an act or a sum follows.
        ("Kyiv declared that it would not cede land.", "Ukraine"),
        ("Washington pledged to send more air defence systems.", "United States"),
        # A "will" in what the party thinks or estimates is its claim, not a step it takes.
        ("Kyiv fears the front will move west in the spring.", "Ukraine"),
        ("The Kremlin estimates the war will cost another $90 billion.", "Russia"),
        # A reporting verb after "and" is the subject's second verb, whoever it met or named.
        ("Lavrov met Sybiha on Monday and said that Russia would wait.", "Russia"),
        # Words said then are a position still.
        (
            "Last year, Zelensky declined a similar invitation, saying he could not travel to Moscow.",
            "Ukraine",
        ),
        ("Lavrov in Moscow met Sybiha and said Russia would wait.", "Russia"),
        # A party deeper in the subject speaks after "and" too, where no verb comes before it.
        ("The three members of the delegation of Ukraine arrived and said talks would go on.", "Ukraine"),
        # ... or after "but": what the subject welcomed is no speaker.
        ("Sybiha welcomed US monitoring but said it was no substitute for a European force.", "Ukraine"),
        # ... but not past a clause of another subject.
        ("Lavrov spoke after Sybiha arrived and said the talks were over.", "Ukraine"),
        ("Peskov stopped in front of the residence and told reporters Kyiv had a clear choice.", "Russia"),
        # Refusing to discuss a demand refuses it; declining to discuss says nothing (below).
        ("Zelensky again refused to discuss a withdrawal from Donbas.", "Ukraine"),
        # The speaker named after the verb, up to four words on, when those words name them.
        ("“Land is not for sale,” said a senior adviser to Zelensky.", "Ukraine"),
        ("Kyiv makes 'final offer,' says it will free 300 Russian prisoners.", "Ukraine"),
        # An adverb after a comma is no subject of its own (the seeds' own sentence).
        (
            "Ukraine's Foreign Minister, Andrii Sybiha, recently said Zelenskyy is ready to meet Putin.",
            "Ukraine",
        ),
        # A party inside the quotation is not the one who says it; a comma inside or outside it.
        ("“Not Moscow, not now”, said Zelensky.", "Ukraine"),
        ("“Not Moscow, not now,” said Zelensky.", "Ukraine"),
        # A verb inside a condition, a relative clause, a leading phrase or after a party's
        # possession reports nothing: the next verb's subject speaks.
        ("Peace is off if Moscow adds Kherson, Zelensky warned on Friday in a video address.", "Ukraine"),
        ("The land, which Moscow says is Russian, will not be given up, Zelensky told reporters.", "Ukraine"),
        ("When Peskov said that, Zelensky insisted Kyiv would not give up land.", "Ukraine"),
        ("Trump's remarks were noted in Moscow, where Peskov said the Kremlin would not move.", "Russia"),
        # Up to four words between the party and its verb, asides and roles aside.
        ("A Ukrainian diplomat with long experience said Kyiv would not move.", "Ukraine"),
        ("A Kremlin official on the negotiating team said Moscow would not move.", "Russia"),
        # Four words between the party and a stance verb; an adverb after a comma is no subject of
        # its own; a quoted word between the party and its verb of saying.
        ("Kyiv's chief negotiator has rejected the plan.", "Ukraine"),
        (
            "A senior spokesman for Ukraine's foreign ministry, later said Kyiv would not give up land.",
            "Ukraine",
        ),
        ("Peskov “flatly” told reporters the talks were over.", "Russia"),
        # Where a diplomat is (the last party, after "in") is dropped, not every party before it.
        ("A Washington-based Russian diplomat in Kyiv said Moscow would not move.", "Russia"),
        # Nor where an envoy is posted, set off or not, and wherever he sits.
        ("A Russian ambassador to the US in Washington said Moscow would not move.", "Russia"),
        ("The US ambassador to Russia said Washington would not move.", "United States"),
        ("A Russian ambassador to the US long based in Washington said Moscow would not move.", "Russia"),
        # A party and its man three words on are one subject, however far the verb is from the party.
        ("Russia's new man Peskov flatly rejected the plan.", "Russia"),
        # A verb that tells people something or wants something of them makes them its object.
        ("The Kremlin wants companies to leave Ukraine.", "Russia"),
        ("Peskov told analysts that Moscow would not move.", "Russia"),
        # A name given in the speaker's words, and a statement issued: both said.
        (
            "Ukraine's chief negotiator, Rustem Umerov, calls the Kremlin's memorandum “an ultimatum”.",
            "Ukraine",
        ),
        ("The Kremlin issues a two-line statement: it “will not accept” the plan.", "Russia"),
        # An aside after the subject does not stop a second verb being the subject's.
        ("Peskov, the Kremlin's spokesman, comes out for air and tells reporters: “We wait.”", "Russia"),
        # A party, its title and the name of who holds it, with no commas: one subject.
        ("Ukraine's foreign minister Andrii Sybiha rejected the plan.", "Ukraine"),
        ("Russia's Foreign Minister Sergei Lavrov rejected the plan.", "Russia"),
        # A verb of saying in a leading phrase does not count as the clause's first: "and said" is
        # still its subject's second verb.
        ("When Peskov said that, Zelensky shook his head and said Kyiv would not give up land.", "Ukraine"),
        # A party's own act before "and" is a clause of its own, not a second speaker with the next.
        ("Kyiv walked out and the Kremlin said the talks were over.", "Russia"),
        # Parties two words into what is said are not its subject: no joint act told, a denial.
        ("Peskov said the claims Kyiv and Washington had agreed to meet daily were false.", "Russia"),
        # Extending or pushing what is no timetable of the talks is a stance.
        ("Moscow extended its offer of a truce to Friday.", "Russia"),
        ("Kyiv pushed the deadline on its offer to Friday.", "Ukraine"),
        # What the subject did before, in a relative aside, and its move after it.
        ("Kyiv, which refused any payment at the start, has offered a fund of 8 million.", "Ukraine"),
        ("Moscow, which had demanded all of Donbas, would accept a freeze if Kyiv withdraws.", "Russia"),
        ("The Kremlin, which opposed any monitors, accepted 300.", "Russia"),
        # A figure it moves, a first position, one held to, a complaint filed.
        ("Moscow has cut the number it is seeking from 1,200 prisoners to 900.", "Russia"),
        ("Kyiv opened by demanding that every Russian soldier leave.", "Ukraine"),
        ("Kyiv is sticking to its demand for a full ceasefire.", "Ukraine"),
        ("Moscow has stuck to its 30-day pause.", "Russia"),
        ("Kyiv has filed a complaint against the blockade with the UN.", "Ukraine"),
        # A first position however the talks are named and dated, a date with no comma before the
        # subject, a pledge repeated, where a side stopped, an ultimatum, an offer put down.
        ("Kyiv went into the talks on November 2 asking for 84 flights a week.", "Ukraine"),
        ("Kyiv opened bargaining on July 14 by asking for a 30 percent raise.", "Ukraine"),
        ("Moscow opened at $420 million over 20 years.", "Russia"),
        ("On 13 October the Kremlin reduced its request from 30 percent to 20 percent.", "Russia"),
        ("Zelensky repeated his pledge of a cap.", "Ukraine"),
        ("Moscow stopped at 15 percent.", "Russia"),
        ("A day later Peskov gave Kyiv until midnight on October 12 to accept new terms.", "Russia"),
        ("Kyiv also put a ceasefire on the table for the first time.", "Ukraine"),
        ("Moscow had opened on Monday by refusing to discuss the plant.", "Russia"),
        ("Kyiv dropped that demand.", "Ukraine"),
        ("Zelensky has asked Putin to meet him in Istanbul.", "Ukraine"),
        ("Peskov gave Kyiv until Friday, Oct 30 to present a list of prisoners.", "Russia"),
        ("Moscow held to its end-2029 deadline.", "Russia"),
        ("Kyiv answered with 56, up from its opening offer of 42.", "Ukraine"),
        ("Moscow has turned that down.", "Russia"),
        ("Kyiv's negotiating team recommends a yes vote.", "Ukraine"),
        ("On Wednesday Moscow made its first move, raising its offer from 300 to 450 prisoners.", "Russia"),
        ("Kyiv is holding out for a full ceasefire.", "Ukraine"),
        # A relative aside's verb of saying is the subject's own: it says no one else speaks.
        ("Kyiv, which says it holds 5,600 prisoners, wants an all-for-all exchange.", "Ukraine"),
        # What a side's own offer is, told plainly: a figure, or what it would do.
        ("Moscow's final offer was 300 prisoners.", "Russia"),
        ("The Kremlin's opening demand was that Kyiv leave the plant.", "Russia"),
        ("Kyiv's last offer is still to freeze the line.", "Ukraine"),
        ("On Monday, Moscow's final offer was 300 prisoners.", "Russia"),
        # How a side sees a thing; a "will" limited by ", but only".
        ("Moscow sees that as a trick.", "Russia"),
        ("Kyiv sees it differently.", "Ukraine"),
        ("Moscow will accept arbitration, but only for commercial disputes.", "Russia"),
        # Where a side stands, told by its figure with or without a verb; a figure moved, a
        # position come up to, held at or resisted.
        ("Prisoners: Moscow at 300 from July 1.", "Russia"),
        ("Kyiv at three months, for soldiers with a family.", "Ukraine"),
        ("Moscow is still at 12 months.", "Russia"),
        ("Moscow moved from 80 to 200.", "Russia"),
        ("Moscow has only crawled from 250 miles to 400 miles, against Kyiv's 700.", "Russia"),
        # A rate's year is no year gone by; a move of its own; a compromise thrown out; the matter
        # named in a few words before the subject.
        ("Moscow raised its offer to 4.5% in 2027 and 4% a year after that.", "Russia"),
        ("Kyiv made a move of its own on Thursday, offering 90 days.", "Ukraine"),
        ("Russia's chief negotiator, Vladimir Medinsky, threw out that compromise on Monday.", "Russia"),
        ("On continuity of care, Kyiv is at 90 days.", "Ukraine"),
        ("On Monday Moscow raised its fund to $3.4 billion.", "Russia"),
        ("Ukrainian negotiators have let it be known that they could come down to $85 million.", "Ukraine"),
        # "repeated that" reports words, past a phrase set off between the speaker and the verb.
        ("Peskov, speaking to reporters during a break, repeated that Moscow would not pay.", "Russia"),
        ("Kyiv has come up from three months to six.", "Ukraine"),
        ("Moscow is holding at 200.", "Russia"),
        ("Kyiv has resisted a firm three-year term.", "Ukraine"),
        # A move told by what it offers; a threat to leave a matter to the courts (no dodge).
        ("On Monday Moscow finally moved, offering to release 300 prisoners.", "Russia"),
        ("Kyiv budged, proposing a 30-day truce.", "Ukraine"),
        (
            "Zelensky has said that without a deal Kyiv will end the truce and leave the rest to the courts.",
            "Ukraine",
        ),
    ],
)
def test_the_speaker_or_the_party_taking_a_stance(shipped: Parties, clause: str, party: str):
    assert speaker(clause, shipped, None) == party
    # A stated speaker does not depend on who spoke before.
    other = next(p.name for p in UKRAINE.parties if p.name != party)
    assert speaker(clause, shipped, other) == party


@pytest.mark.parametrize(
    "clause",
    [
        "Despite the exchange of statements, no date for a Putin–Zelenskyy meeting has been announced.",
        "No date for a Putin–Zelenskyy meeting has been announced.",
        "Heavy shelling continued along the front line overnight.",
        # A company's results reported are no words of its ("reported that ..." would be).
        "The Kremlin, for its part, reported net income of $412 million last year.",
        # A time is no figure a side stands at.
        "Russia at 10:00 launched a wave of drones.",
        "Talks between Moscow and Kyiv took place in Abu Dhabi last week.",
        "Kyiv has been invited to Moscow for talks.",  # a party acted upon takes no stance
        "Moscow has been accused of stalling the talks.",
        "The talks in Moscow ended without a deal, diplomats said.",
        # Saying nothing is no position, whatever the sentence goes on to name.
        "The Kremlin has not commented on the proposed venue.",
        "Kyiv has not yet formally responded to Russia’s offer.",
        "Kyiv has yet to respond after rejecting a similar proposal.",
        "Peskov declined to comment on the reports.",
        "Peskov declined to discuss the talks in Abu Dhabi.",
        # A verb after "and" past a relative clause, or after two subjects, is no one side's.
        "Lavrov met Sybiha, who arrived late and said the talks were over.",
        "Peskov and an EU envoy shook hands on the steps and said the talks had gone well.",
        # Two parties acting together: an event, not one side's position.
        "Russia and Ukraine agreed on Wednesday to exchange 157 prisoners each.",
        "Russia's foreign minister, Lavrov, and Ukraine's Sybiha backed the plan.",
        "Peskov, Putin and Zelensky rejected the plan.",
        # An act gone by, told from now, with no words said.
        "Moscow, the plant's largest shareholder, agreed last September to buy out Kyiv's stake.",
        "Kyiv signed a grain deal with Moscow two years ago.",
        # A sum added to something, credited to the party as a figure.
        "Each $1,000 added to a pension costs $4 million a year, according to Kyiv.",
        "Russia's foreign minister, Sergei Lavrov, and Ukraine's Andrii Sybiha backed the plan.",
        "Moscow and Kyiv said the talks would resume next week.",
        # ... also when one of them is named twice first, title and name.
        "Russian President Vladimir Putin and Zelensky each accepted it after calls with Trump.",
        # ... and when the other is named by no alias.
        "Russia and Kyiv's negotiators agreed on Friday to extend the energy pause.",
        # People near a party, or in its capital, are not the party; nor is a poll of its people.
        "A source close to the Kremlin said the offer would be withdrawn.",
        "Two diplomats familiar with the talks said the Kremlin had privately told Kyiv it would not move.",
        "Few in Kyiv expect a breakthrough this week.",
        "In a February poll, 72% of Ukrainians opposed withdrawing from Donbas.",
        "Two-thirds of Russians back the talks, a poll found.",
        "Most Ukrainians reject any deal that cedes land.",
        # An answer that declines to answer; the terms of a deal both sides signed; what the
        # writer would have a party do.
        "11:05 GMT – Asked whether he expected a deal today, Rubio said only: 'We'll see.'",
        "Asked whether Moscow would accept monitors if Kyiv agreed to a ceasefire, Peskov said it was "
        "'not for me to speak for the president'.",
        "Pressed on the plant, Zelensky said he would leave that 'to the negotiators'.",
        'Asked about the plan, Peskov said he would "not negotiate through the press."',
        "Under the deal, Russia will keep its troops out of the plant until the end of 2027.",
        "Under that arrangement, Kyiv suspended strikes on refineries.",
        "Washington should accept a small, heavily inspected buffer zone.",
        "Kyiv would be wise not to let the May 31 deadline pass without a deal.",
        "Moscow would do well to take the offer.",
        # An interviewer's line in a transcript, an unnamed source's account, an organisation
        # named for the country, activists of it; a refusal to negotiate in public.
        "MEERA SHAH: Minister, the Kremlin says it will never withdraw.",
        "LANE: Kyiv says that's a gimmick.",
        "A person familiar with Moscow's position said the Kremlin had privately signalled it would accept.",
        "The mediator has proposed a buffer zone, according to people briefed on her draft.",
        "The Ukrainian Grain Association says every month of war costs its members 7 million euros.",
        "Russian environmentalists want the plant closed.",
        "Ukrainian mobile operators say a 60-kilometre zone would take in the city of Kharkiv.",
        "Peskov said the Kremlin would respond 'at the table, not in the press.'",
        "ZELENSKY: I'm not negotiating on your show, Jim.",
        "Asked whether Moscow would sell power south, Peskov said the question was 'for another day.'",
        # Someone else's to answer, or not here, not now.
        "Pressed on the tariff, Peskov said that was 'a decision for the president'.",
        "Asked whether Kyiv would lift the measures, Sybiha said that decision was 'for the parliament'.",
        "ZELENSKY: That is for the two presidents to agree, not for me to announce on television.",
        "PESKOV: You'd have to ask Mr Witkoff.",
        "PESKOV: You'll hear our number at the table before you hear it from me.",
        "ZELENSKY: Ask me when Moscow offers something new.",
        "Ask me again after the vote, Zelensky said.",
        "PESKOV: You'll forgive me if I keep that for the room in Geneva.",
        "ZELENSKY: I'm not going to do the mediator's job on the radio.",
        "PESKOV: That is a question for the Kremlin, and I won't pre-empt it on air.",
        '18:15 - Peskov, leaving by a side door, says he has "nothing to add tonight".',
        'A Kremlin spokesman says a statement will be issued "when there is something to say".',
        "Zelensky has said nothing in public about the venue since January.",
        # A party's name inside a longer name of another body.
        "Ukraine Forward says it will vote against any deal that cedes land.",
        "Russian National Petroleum said in a statement that it was ready to join any venture.",
        # A role in the talks is no stance on what they are about.
        "US envoys Steve Witkoff and Jared Kushner will mediate.",
        "Admiral Igor Kostyukov of Russia will lead its military working group.",
        "The Kremlin will formally adopt the text at a ceremony on Friday.",
        # A party in a leading condition or point of view is not the subject of what follows.
        "If Moscow insists on the whole of Donetsk, I don't see how a deal can be signed.",
        "For Kyiv, the plan is an existential threat.",
        # A quotation whose own speaker, named after it, is nobody's party.
        "“The gap between 300 and 420 sounds enormous,” said Marguerite Anand, a hydrologist.",
        "“Kyiv will not sign,” Anand said.",
        # The party is an object, or its thing is the subject.
        "Analysts expect the Kremlin to propose a new round.",
        "Kyiv's offer of a ceasefire would still leave Russian troops in Donetsk.",
        "At about 40 million a point, Kyiv's 14% claim would cost some 560 million a year.",
        "The government's public offer of 40 for 12 sits just above the low end.",
        # Saying nothing yet is no position.
        "Kyiv has not yet said whether it will accept the venue.",
        "Russia's allies have yet to say whether they will back the plan.",
        # A question for a subject, a relative clause, a possessor, or another speaker.
        "Whether Kyiv would agree to that remains unclear.",
        "The offer comes on top of a plan that Washington announced in 2024.",
        "The talks follow strikes on Ukrainian sites, which Moscow says set the programme back.",
        "The plant, where Moscow says 200 staff remain, lies 2 km from the front.",
        "The hardest question, whether Kyiv gets to say no to the plan, has barely moved.",
        "The Turkish foreign ministry welcomed Zelensky's remarks and said the talks should go on.",
        "Hakan Yilmaz welcomed US monitoring but said it was no substitute for a European force.",
        "“Neither side can move first,” said Farah Nasseri, a Russia analyst at the institute.",
        "Kyiv has repeatedly stressed the importance of the talks, Sokolov noted.",
        "Kyiv, he said, is sacrificing its security for empty promises.",
        # Saying nothing, in other words.
        "Zelensky declined to say whether he would travel to Moscow.",
        "Peskov refused to answer a question on the plant.",
        "Peskov did not comment on the reports from Kyiv.",
        "No comment yet from the Kremlin on the reports.",
        # Someone else speaks, or people who are not the party, or what others say it must do.
        "Greyhawk Capital says it will tender its stake if Kyiv adds two more crowns.",
        "Ukrainian farmers say any deal that keeps the duty would be a betrayal.",
        "If he does, the families in Kyiv will be the first to thank him.",
        "Moscow will have to give up far more than the plant.",
        # Saying nothing, or the terms both sides signed.
        "Kyiv would not say whether it expected to meet the Russian side again.",
        "Neither Kyiv nor Moscow said when the next round would take place.",
        "Peskov did not say whether Moscow would respond by reimposing controls.",
        "Peskov would not be drawn on whether Putin would meet Zelenskyy again.",
        "The Kremlin doesn't comment on proposals while the talks go on.",
        # An outlet of the country is not its government; a "post" may be a place.
        "Russian state broadcaster Rossiya 1 reports that Putin will raise the issue.",
        "Ukrainian border posts in the north were shelled overnight.",
        # Others' account of what a party did, or someone only close to the talks.
        "A source close to the talks said Moscow would wait.",
        "According to two diplomats briefed on the talks, Moscow has privately signalled it could accept.",
        "Russia will release 300 prisoners by Friday, according to a joint statement.",
        "Russia will pull back its troops from the plant, the text says.",
        # What the party got is no stance: "what it wanted" is a clause of its own.
        "Kyiv, for its part, got what it wanted by holding the talks hostage to a deadline.",
        # A step on the calendar is an event, not a stance.
        "Kyiv's delegation will meet the Russian team in Istanbul on Sunday.",
        "Kremlin officials will vote on the draft on April 27.",
        "The Kremlin's board must still approve the deal at a meeting on Monday.",
        "Ukraine's envoy will visit Moscow next week.",
        # A "not" before the step is no condition of it.
        "Kyiv's delegation, not Moscow's, will meet the mediators on Sunday.",
        # A passive's subject takes no stance, with "not" or an adverb before its verb too.
        "Kyiv was not invited to give evidence.",
        "Moscow was formally invited to the talks.",
        # An act or a sum in a year gone by is history, not words said; "member states" say nothing.
        "Ukraine declared independence from the Soviet Union in 1991.",
        "Washington pledged $9 billion in aid in 2022.",
        "The plan has the support of Kyiv and most EU member states.",
        # What a party will do, with no condition, is a step or a term of a deal, whatever its verb.
        "Russia will release 340 detained Ukrainian civilians by 31 March.",
        "Kyiv's Naftogaz will also book 4 billion cubic metres of storage each winter.",
        "The Kremlin will provide $2.1 billion over five years.",
        # A question takes no stance, though its words would, also with a quotation closing it.
        "Would Kyiv accept a freeze along the front line?",
        "Would Kyiv accept a “frozen conflict?”",
        # A step on the calendar, said with "would", or after a condition that is not the party's.
        "Kyiv's team would travel to Istanbul on Sunday.",
        "Unless the talks collapse first, Kyiv's delegation will meet the Russian team on Sunday.",
        # The terms of a decision taken together; a dodge in a transcript.
        "Under the decision, Moscow will provide $26 billion over five years.",
        "PESKOV: I'll leave domestic politics to the politicians.",
        "Peskov said he would leave that question to the negotiators.",
        "ZELENSKY: I'll let the voters judge that in 2028.",
        # The writer's judgement of a party; people of the country, not its government.
        "The Kremlin is right to insist on a written guarantee.",
        "Russia's farmers want the Black Sea corridor reopened.",
        # History: what a party did in a year gone by.
        "Russia withdrew from the grain deal in 2023 and has since blockaded the ports.",
        "Kyiv accepted a similar ceasefire in 2015.",
        # Someone who is no party speaks first: a reporter, a body named for the country.
        "A reporter noted that Moscow had rejected the plan.",
        "A reporter noted that Moscow had said it would wait.",
        # A second verb of the same speaker, after "and"; a party in a relative clause of the speaker.
        "A NATO spokesperson says peacekeepers remain vigilant in eastern Ukraine and urges calm.",
        "A diplomat from one of the EU countries that do not trust Russia said there was little appetite.",
        "The two delegations and the Kremlin said the talks had ended.",
        "The Ukraine Broadcasting Corporation reported that Kyiv had rejected the plan.",
        # A party speaking with others speaks jointly.
        "The talks ended without a deal, the two delegations and the Kremlin said.",
        # An interviewer's question; a dodge, a silence, a refusal to comment.
        "Q: The Kremlin says your plan ignores its security.",
        "PESKOV: That is a question for the negotiators, not for a radio studio.",
        "PESKOV: That is for the Duma, and I'd rather not get into it.",
        "The Kremlin has not confirmed the meeting.",
        "Peskov declined to give details of Russia's counter-offer.",
        "Peskov says there will be “no comment until there is something to comment on”.",
        # Villagers near a party's place; the writer's demand of a party.
        "Villagers outside Kyiv want the bridge rebuilt.",
        "Russia should pay for what it destroyed.",
        "Kyiv needs a deal that survives the winter.",
        # From the eleventh dev set: a walk-out is an event, the terms of a protocol or treaty are
        # no one side's, prose "must not" is the writer's; what a trailing unnamed source tells
        # takes no stance either.
        "Russia's delegation walked out of the talks in Geneva on Thursday.",
        "Under the protocol signed in Istanbul on Friday, Russia will pay Ukraine $2.80 a cubic metre.",
        "Under the memorandum, Kyiv will keep its troops out of the zone.",
        "Ukraine must not sign a deal that gives up on Donetsk.",
        "The Kremlin must never be rewarded for this war.",
        "Agreement is close on the truce, two people familiar with the talks said.",
        # The outlet's own people, named for where they report from.
        "Our Kyiv correspondent, Nia Pellan, will have full analysis in the morning.",
        "Our correspondent in Moscow says the delegation is in no hurry.",
        "The Kremlin correspondent of the paper says Putin will not travel.",
        # From the twelfth dev set and the briefs of sets 6-11: a verb inside a compound, "will" as
        # a noun, an obligation in prose, neither of two parties, a withdrawal or suspension as an
        # event, bodies and outlets named for a party, someone addressed as "you", what a plan
        # would have done, an aside's speaker, and figures credited to data rather than to a party.
        "Opora, the Kremlin-backed party that rules in Donetsk, said it would not return to the talks.",
        "A Russian pull-back to the Dnipro, an all-for-all exchange and the right to inspect aid.",
        "The Kremlin represents the will of the Russian people.",
        "The Kremlin, which has held the site since 2022, must leave the plant when the truce ends.",
        "Neither Kyiv nor Moscow will get a better text by waiting.",
        "Ukraine withdrew from the talks that March, accusing Russia of lying.",
        "Russia suspended its participation in the talks on Wednesday.",
        "The opposition paper Kyiv Evening said the government had been naive.",
        "Tabloid Kyiv Evening said the government had been naive.",
        "Parents for Kyiv Schools says it will hold a picket at noon.",
        "The Russian Homeland party called on the government to leave the talks.",
        "Mr Peskov, last week you proposed a 30-day truce.",
        "Under Ukraine's plan, that rise alone would have added 12 cents a litre.",
        "Moscow, the official says, wants the front frozen.",
        "Drones have hit 14 refineries since January, according to data compiled by a Kyiv-based centre.",
        "More than half of Ukraine's soldiers are over 40, according to a 2025 survey by Kyiv.",
        # A party as the source of a figure, or relaying news of the talks, states no position:
        # what both sides did or will do, or a dated step on the calendar.
        "About 300 soldiers have left the front this year, according to the Kremlin.",
        "Peskov said both sides had agreed to meet daily this week.",
        "Witkoff told reporters the two delegations would come back to Abu Dhabi on February 4.",
        "Russia and Ukraine initialled a framework agreement at 11.40pm, Witkoff told reporters.",
        "The two sides have reached a deal on prisoners, the White House says.",
        "Sybiha said the talks would resume on April 13.",
        "Peskov said the Duma would vote on the treaty on October 8.",
        "Umerov told us the delegations had worked until two in the morning.",
        "Rubio warned both sides that the talks would resume on Monday.",
        "BREAKING: The two sides have reached a deal on prisoners, the White House says.",
        "Zelensky says the framework will go to the Rada in May.",
        "Peskov said about 60% of the prisoners had been exchanged.",
        "Peskov said the two teams would exchange revised texts.",
        # Each thing told is news: a step on the calendar, and what both agreed not to do.
        "Peskov said the two teams would meet again on Thursday, May 14, and that both had agreed "
        "not to discuss the talks in public.",
        # What neither side did is the talks' news.
        "Neither side moved on charges on Tuesday, Peskov said.",
        # What both did not agree on is news of the talks too.
        "The two sides did not agree on the plant, and talks on it will resume on June 2, Peskov said.",
        # A round's step in the present tense, or its end told ahead.
        "The next round opens at the Intercontinental on Monday, November 30, Peskov's office said.",
        "Peskov told reporters on Tuesday that the round would end on Friday, November 13.",
        # The talks' own steps, whatever the verb and however told.
        "Ushakov confirmed that the next round of consultations will take place in Riyadh on December 9.",
        "The delegations are due back in Riyadh on Wednesday, December 9, Witkoff's office confirmed.",
        "Before that, experts from both sides are to meet in Abu Dhabi on November 25, a US official said.",
        "The delegations were also discussing a prisoner exchange, Ukrainian officials said.",
        # Nothing said, others a party has, back at the table.
        "Putin has said little in public since the summit.",
        "Peskov said nothing about the plant.",
        "Kiev's European sponsors are pushing it to go on fighting for Kramatorsk.",
        "Moscow's allies want a ceasefire.",
        "Ukrainians back at the talks after a walkout.",
        "Kyiv says 1,400 Russian boats fished in the strait before the collision.",
        "The Kremlin has not answered.",
        # News confirmed, a statement with nothing said yet, a figure's worth, a dated plan's step.
        "Peskov confirmed the partial agreement.",
        "Kyiv confirmed that the strike on Tuesday is suspended.",
        "The Kremlin has issued a statement.",
        "Sybiha says the new share is worth about 4.1 billion hryvnias a year.",
        "The Kremlin plans to publish the draft from 6 to 13 April.",
        "The Kremlin planned to publish the draft on 6 April.",
        "The Kremlin intends to publish the draft on 6 April.",
        "The Kremlin intended to publish the draft on 6 April.",
        # A credit closing the clause, however long its tail; a speaker set off by an aside.
        "Both sides agreed to meet on Friday, Witkoff told reporters at the hotel late on Tuesday.",
        "Both sides agreed to meet on Friday, Witkoff told Interfax.",
        "Witkoff, the US envoy, said both sides had agreed to meet daily this week.",
        "Witkoff, the US envoy, said on Tuesday that both sides had agreed to meet daily.",
        "Witkoff said the Kremlin and Kyiv had agreed to meet on Friday.",
        # A condition limits its own clause only.
        "Witkoff will give a recommendation by 15 January, and it will not be binding.",
        # A noun of insisting is no verb of it; a price "cut" is no offer.
        "Russia's insistence on the whole of Donbas has stalled the talks.",
        "The war cut Ukraine's grain exports by half.",
        # A place the talks moved to, or a round that opened with a date, is no position.
        "The talks moved to Geneva on Monday.",
        "The round opened at the Intercontinental on Monday.",
        # A party in a relative clause of the subject is not its subject.
        "The agreement that Zelensky signed with Moscow on Sunday is a surrender dressed up as a truce.",
        # An offer whose owner the sentence does not name: not its subject's.
        "Under the new offer, Ukraine would get a 30-day truce.",
        # From the thirteenth: a named deal or a licence gives terms, "your" after a name
        # addresses a guest, the writer's "is right to say", a country's opposition.
        "Under the Istanbul Arrangement, Russia will receive 56% of the revenue.",
        "Under the licence agreed on Thursday, Kyiv may run up to 10,500 cars.",
        "Yasmin, the Kremlin wants fewer cars on the road, and your members drive those cars.",
        "Andriy, Moscow says you have refused every offer.",
        "Kyiv is right to say a cap below 10,000 would cost the suburbs their service.",
        # A party pressed to act, told what it should do, or read by someone in an aside; a
        # party that hopes or fears what others said.
        "Moscow is being pressed to accept the plan.",
        "Kyiv, in our view, should refuse the land swap.",
        "Moscow, I suspect, wants the whole of Donetsk.",
        "Moscow suspects that some envoys told the press too much.",
        # A stance told by someone of no party, in part in quotation marks, is that person's reading.
        "Kyiv wants “a just peace,” Ana Ruiz said.",
        "Moscow rejects the plan as “a joke,” says Ana Ruiz of the Lowy Institute.",
        "16:20 — Russian opposition leader Boris Nadezhdin says the government should stop talking.",
        # Critics of a party are not the party, nor is a party's talk of something a stance it takes.
        "The plan was backed by most critics of Moscow.",
        "Russian talk of a summit in Moscow would be premature.",
        # Two parties speaking together, an aside between them and the verb or not; a stance word
        # in a leading phrase is not the subject's verb; both delegations' act told as news.
        "Kyiv and Moscow said the talks were constructive.",
        "Kyiv and Moscow, in a joint statement, said the talks were constructive.",
        "Asked about the offer, Peskov smiled.",
        "Peskov said both delegations meeting in Abu Dhabi this week had agreed to meet daily.",
        # A verb of saying in a leading phrase is not the subject's; what one party fears another
        # wants, an aside after the "that" or not; a side's own act confirmed as news; a question
        # after a leading phrase.
        "Asked what Kyiv had said, Peskov smiled.",
        "Kyiv fears that, for now, Moscow wants more land.",
        "Peskov confirmed Russia had submitted a memorandum.",
        "On Monday, “What does Kyiv want?” Peskov asked.",
        # One side's envoy and the other side speak together, whatever the envoy's post names.
        "The US envoy to Kyiv and the Kremlin said the talks were constructive.",
        # Not saying, hearsay of a stance, and a step of the calendar with "then".
        "Putin has not said publicly whether he would meet Zelensky.",
        "Washington has not said publicly which date it believes was agreed.",
        # The talks' timetable moved is no stance.
        "Moscow has extended the session again.",
        "On Friday Kyiv pushed the talks to Monday.",
        "Kyiv forced to accept Moscow's terms on refineries.",
        # What a party is made to do by something else is no stance it took.
        "Monday's deadline forced Kyiv to accept the terms on refineries.",
        "Pressure at home pushed the Kremlin to soften its demand.",
        # A deal's own steps, and a deal said to exist, are news of the talks.
        "If the two sides reach a full agreement, Kyiv's parliament would review it within ten days.",
        "If there is a deal, Ukraine’s 450 deputies will have the final say in a vote.",
        "Peskov stepped out to say there is a deal on prisoners.",
        "Peskov says the two sides have settled the prisoner question: 300 will be freed.",
        # A participle naming a party's thing is no verb of the party.
        "The Kremlin's planned summit is shelved for the 2026-27 season.",
        "01:55 - Breaking: there is an agreement, according to a Kremlin negotiator leaving the building.",
        # ... told by name to an outlet: what is told comes after whom.
        "23:55 - A Kremlin source tells the Courier the prisoner question is settled at 300.",
        "A Kremlin source told the Courier the prisoner question is settled at 300.",
        # A party's own accounts are what it earned, not what it wants.
        "The Kremlin reported an operating margin of 3.1% in its last year, on revenue of $2.9 billion.",
        "The Kremlin is known to favour a freeze.",
        "Kyiv is said to want more guarantees.",
        "Kyiv would then vote on the deal on May 3.",
        # Who once served a party speaks for no one but themselves.
        "A former Russian ambassador to the US said Moscow would not move.",
        "Former President Donald Trump said Kyiv must give up Donbas.",
        # A quotation credited to someone of no party, whom a relative clause ties to one, is
        # theirs, not the last speaker's.
        "“This is theatre,” said an analyst who studies the Kremlin.",
        "“This is theatre,” an analyst who studies the Kremlin said.",
        "“Moscow is stalling,” said one analyst who follows Ukraine closely.",
        # A relative aside's stance is the aside's: the subject's own verb after it takes none.
        "Kyiv, which refused the plan in May, is a member of the council.",
        # A verdict on a side's offer is the writer's.
        "Kyiv's offer is more than generous, and everyone in Moscow knows it.",
        "Moscow's own offer is conditional too.",
        # Whom the talks were opened with, or where, is no first position.
        "Kyiv opened talks with a committee of its creditors on Monday.",
        "Kyiv opened talks at the Ciragan Palace on Monday.",
        # A party named in a long opening condition or time is not the subject of what follows.
        "When talks on Kyiv's pneumococcal vaccine deal opened at the Hotel Miradouro a week ago, the two "
        "sides were apart.",
        "After talks on Kyiv's pneumococcal vaccine deal opened at the Hotel Miradouro a week ago, the two "
        "sides met again.",
    ],
)
def test_events_and_reports_about_a_party_state_no_position(shipped: Parties, clause: str):
    assert speaker(clause, shipped, None) is None
    # Nor do they continue the previous speaker: they open with no pronoun or quotation.
    assert speaker(clause, shipped, "Ukraine") is None


@pytest.mark.parametrize(
    ("clause", "party"),
    [
        # A party's own step is its stance, however dated.
        ("Peskov said Russia would start accepting monitors from February.", "Russia"),
        ("Peskov said Russia would not return to Geneva on March 9.", "Russia"),
        # One side's "did not agree" is its stance.
        ("Peskov said Russia did not agree to any monitors on its side of the line.", "Russia"),
        # A step of the talks told with a stance is the stance: each thing told must be news.
        (
            "Peskov said the teams would meet again on May 14, and that Russia would never leave Donetsk.",
            "Russia",
        ),
        (
            "Peskov said the round would end on Friday, November 13, and that Kyiv must leave Donetsk.",
            "Russia",
        ),
        # Another party's proposal, told by this party's people, is the proposer's position.
        (
            "A source in the Ukrainian delegation tells Kyiv Dispatch that the American side has floated a "
            "“free economic zone” in the part of the Donetsk region held by Ukraine.",
            "United States",
        ),
        ("The Kremlin has put two new proposals on the table, a Ukrainian official told us.", "Russia"),
        # A move or an acceptance, told by the other side's people, is the mover's.
        (
            "Moscow has lowered the viewing threshold to 40 million, a Ukrainian spokesperson tells us.",
            "Russia",
        ),
        ("Russia's negotiators have accepted that condition, a Ukrainian official told us.", "Russia"),
        # ... but an act denied, a motive ascribed or the teller's own answer is the teller's.
        ("Peskov said Kyiv had offered nothing.", "Russia"),
        ("Peskov said Kyiv had proposed a freeze only to rearm.", "Russia"),
        ("Zelensky said the United States had proposed Miami and that Ukraine had agreed.", "Ukraine"),
        # A position moved, told before the teller's verb; what is said of nothing that would change.
        (
            "The Russians have scaled back their demand, Zelensky confirms: they now want only Donetsk.",
            "Russia",
        ),
        ("Peskov said nothing would change until Kyiv leaves Donetsk.", "Russia"),
        ("Kyiv's negotiators want a ceasefire.", "Ukraine"),
        ("Ukrainians back the plan for a ceasefire.", "Ukraine"),
        # The teller's own side's offer is skipped for the other side's act told before the verb.
        (
            "The Americans have floated a free economic zone, Zelensky said, and Kyiv has offered a "
            "ceasefire.",
            "United States",
        ),
        # A party two words into what is said is not its subject; a "not" past the act's object
        # denies nothing; an "and that" before the act is no answer of the teller's after it.
        ("Peskov said the claims Kyiv had offered a truce were false.", "Russia"),
        ("Zelensky said the Kremlin had put forward a memorandum that Kyiv could not accept.", "Russia"),
        ("Peskov said, and that is the crux, Kyiv had proposed a freeze.", "Ukraine"),
    ],
)
def test_a_step_or_a_proposal_told_by_a_party_s_people(shipped: Parties, clause: str, party: str):
    assert speaker(clause, shipped, None) == party


@pytest.mark.parametrize(
    "clause",
    [
        "He added that Russia was an aggressor waging war against Ukraine.",
        "But he said the talks would go on.",
        "She told reporters the Kremlin had not replied.",
        "They rejected the offer from Moscow.",
        "According to him, Moscow remains open to hosting the meeting.",
        "“In diplomatic language, any other speculations are moot.”",
        "'Not one metre of our land.'",
        "'We have seen their promises before,' he said.",
        "Asked about the plant, he conceded that it was a bargaining chip.",
        "09:52 – She says the plan would put the plant at risk.",
        "It also called for the truce to be extended.",
        "And it wants Moscow to sign for five years.",
        # "It" with an auxiliary, an adverb or "Now" before its stance.
        "It has asked for 14 daily return paths from December.",
        "It still demands a fifth of every royalty dollar.",
        "Now it wants fourteen, at the same price, for ten years.",
        "It has also offered to pay a day's rate for a scan.",
        "And it threatens to cancel a train order.",
        # ... and told by unnamed sources after it.
        "It has raised its offer to 300, according to two people briefed on the talks.",
        # "It" with a conditional offer or a moved position; an institution's own people.
        "It would accept an upfront payment of 30 percent, but only if every instalment is withheld.",
        "It has cut its demand for the employer rate from 22.5 percent to 21.5 percent.",
        "Its negotiators told the Ledger they would accept consent given once per project only if paid.",
        "But even he now says the offer would put a thousand farms out of business.",
        '09:45 — He posts on X: "We are here to agree, not to admire the view."',
        "He advised at the time that Putin visit Kyiv instead.",
        "On guarantees, he said Kyiv would sign nothing without the United States.",
        # The quoted words name a party taking a stance; they are still the speaker's.
        "'The Kremlin cannot talk about peace while shelling our cities,' she said.",
        "“Moscow will not decide where we meet,” he added.",
    ],
)
def test_a_pronoun_or_a_bare_quotation_continues_the_previous_speaker(shipped: Parties, clause: str):
    assert speaker(clause, shipped, "Ukraine") == "Ukraine"
    assert speaker(clause, shipped, "Russia") == "Russia"
    assert speaker(clause, shipped, None) is None


@pytest.mark.parametrize(
    "clause",
    [
        # "It" continues a party only when it speaks or takes a stance.
        "It is unclear whether Moscow will agree.",
        "It has been a hard winter for the front.",
        "Now it is up to the courts.",
        "It would take years to move the plant.",
        "Its negotiators have yet to explain how Moscow can pay.",
        "Its roof would cost 40 million euros to repair.",
        # A pronoun with no word said and no stance taken is background about the person.
        "She settled a similar dispute in 2022 by setting up a study panel.",
        # Nor one relaying news of the talks.
        "She said the Duma would vote on the treaty on October 8.",
        "He told reporters the delegations had worked until two in the morning.",
        "He added that he would put the treaty to the Duma when it meets on March 22.",
        "She has confirmed that the summit planned for Tuesday is off.",
    ],
)
def test_a_pronoun_that_neither_speaks_nor_takes_a_stance_continues_no_one(shipped: Parties, clause: str):
    assert speaker(clause, shipped, "Ukraine") is None


@pytest.mark.parametrize(
    "clause",
    [
        # An official of the party with a role in the talks.
        "A Russian official involved in the talks said Moscow would wait for Kyiv's answer.",
        "A senior Russian diplomat briefed on the negotiations said the offer stood.",
        "A Russian negotiator speaking on condition of anonymity said the offer stood.",
        # Naming a thing in quoted words, boasting, maintaining: saying.
        "Moscow called the proposal “a recycled demand dressed up as diplomacy”.",
        "The Kremlin has called the reimposed sanctions 'null and void'.",
        'The Kremlin called talk of a summit with Kyiv "premature".',
        "Russia's foreign minister boasted on Wednesday that his country would never give up.",
        "Moscow has long maintained that the plant is Russian territory.",
        # Outlining, a statement sent, figures of its own, asking and pushing for, disputing.
        "The Kremlin on Tuesday outlined its vision for a settlement.",
        "The Kremlin sent a statement saying it remained committed to the talks.",
        "By the Kremlin's count, the front has moved ten kilometres since March.",
        "Moscow is asking for a guarantee that Ukraine stays out of NATO.",
        "Russian negotiators push for a freeze along the current line.",
        "Moscow disputed that, saying its troops had held their positions.",
        "Moscow presented what it called its final offer on Tuesday.",
        # Pressing for it; a vote of its organ to back or reject the deal.
        "The Kremlin pressed for a quick answer from Kyiv.",
        "Russia's security council voted 11-2 on Friday to back the plan.",
        "The Kremlin's negotiating committee voted late on Monday night to reject the draft.",
    ],
)
def test_more_ways_a_party_speaks(shipped: Parties, clause: str):
    assert speaker(clause, shipped, None) == "Russia"


@pytest.mark.parametrize(
    ("before", "party"),
    [
        # The writer's own sentence: its clauses are the writer's, whatever party they name.
        ("The stock our fathers fished is at its lowest level because of Moscow's greed, and ", None),
        # Inside a quotation "our" is the speaker's; a reporting verb credits the sentence.
        ("“The stock our fathers fished is at its lowest level, and ", "Russia"),
        ("Analysts told us the stock is at its lowest level, and ", "Russia"),
        ("The stock is at its lowest level, and ", "Russia"),
    ],
)
def test_a_clause_of_the_writer_s_own_sentence_states_no_party_s_position(
    shipped: Parties, before: str, party: str | None
):
    assert (
        speaker("Moscow still wants the biggest share of what is left.", shipped, None, before=before)
        == party
    )


@pytest.mark.parametrize(
    ("before", "clause", "party"),
    [
        # A sentence opening in a time gone by dates the clause joined to it.
        ("That year Moscow came close to default, and ", "Kyiv agreed to give up its claim.", None),
        ("In 2011 the front moved, and ", "Kyiv agreed to give up its claim.", None),
        ("Two years ago the front moved, and ", "Kyiv agreed to give up its claim.", None),
        # ... but what a party wants, says or refuses holds now; and an undated opening dates nothing.
        (
            "That year Moscow came close to default, and ",
            "Kyiv says it will never give up its claim.",
            "Ukraine",
        ),
        ("That year Moscow came close to default, and ", "Kyiv rejected the plan.", "Ukraine"),
        ("Moscow came close to default, and ", "Kyiv agreed to give up its claim.", "Ukraine"),
    ],
)
def test_a_clause_joined_to_a_sentence_dated_in_the_past_is_history(
    shipped: Parties, before: str, clause: str, party: str | None
):
    assert speaker(clause, shipped, None, before=before) == party


@pytest.mark.parametrize(("cited", "party"), [("two officials", "Ukraine"), ("four officials", None)])
def test_a_that_is_reported_speech_when_a_verb_of_saying_is_up_to_30_characters_before(
    shipped: Parties, cited: str, party: str | None
):
    """ "reports, citing two officials, that Zelensky said": the "that" opens what was reported, and
    Zelensky speaks; with the verb 31 characters back, the "that" may open a relative clause."""
    clause = f"Reuters reports, citing {cited}, that Zelensky said the date could change."
    assert clause.index(" that") - clause.index("reports") == (30 if party else 31)
    assert speaker(clause, shipped, None) == party


def test_a_quotation_credited_to_someone_who_only_studies_a_party_is_not_the_party_s(shipped: Parties):
    """Five words after "said" reach the Kremlin, but the speaker is an analyst, not a party's."""
    assert speaker("“The talks are over,” said an analyst who studies the Kremlin.", shipped, None) is None


def test_a_name_set_off_between_a_title_and_the_verb_is_who_speaks():
    text = "Russia's ambassador to the OSCE, Pavel Zhukov, said the talks would go on."
    parties = learn_people([text], SMALL)
    assert speaker(text, parties, None) == "Russia"
    # The aside's name speaks, not a party named before the title.
    other = "In Moscow, Ukraine's envoy to the OSCE, Pavel Zhukov, said the talks would go on."
    assert speaker(other, learn_people([other], SMALL), None) == "Ukraine"
    # Only the aside's commas and spaces are trimmed: a name's own letters stay ("Xenia").
    text = "Russia's ambassador to the OSCE, Xenia Petrova, said the talks would go on."
    assert speaker(text, learn_people([text], SMALL), None) == "Russia"


@pytest.mark.parametrize(
    ("clause", "party"),
    [
        ("The American offer was dismissed by Russia's foreign minister as a trick.", "Russia"),
        ("The proposal was also welcomed by Kyiv on Tuesday.", "Ukraine"),
        ("That offer was turned down by Kyiv's negotiators last week.", "Ukraine"),
        ("The plan had been rejected outright by Kyiv on Monday.", "Ukraine"),
        ("The plan was dismissed by the Kremlin on Monday.", "Russia"),
        ("The plan was rejected by the new Ukrainian government.", "Ukraine"),
        # A dodge inside a leading phrase is not the clause's.
        ("After the Kremlin said it would not comment, Zelensky rejected the plan.", "Ukraine"),
        ("Putin opened the meeting by saying that Moscow was ready for talks.", "Russia"),
        ("Kremlin aide Yuri Ushakov affirmed on Tuesday that Moscow would not stop.", "Russia"),
        ("Zelenskyy recalled that Russia had broken the last truce within days.", "Ukraine"),
        ("09:10 GMT - Zelenskyy posts on X that Kyiv will not withdraw.", "Ukraine"),
        # A party's own statement, not a joint one.
        ("Moscow rejects any unilateral move, the statement said.", "Russia"),
        ("Moscow reserves the right to respond, the foreign ministry said.", "Russia"),
        # The agent is no party: nobody's position.
        ("The proposal was welcomed by analysts in Kyiv and Moscow.", None),
    ],
)
def test_a_stance_in_the_passive_or_by_saying_is_the_agents(shipped: Parties, clause: str, party):
    assert speaker(clause, shipped, None) == party


def test_a_headline_is_read_with_its_verbs_lower_cased(shipped: Parties):
    headline = "Russia Invites Zelenskyy To Moscow For Peace Talks"
    assert speaker(headline, shipped, None, headline=True) == "Russia"
    # Names stay names: "United States" is not read as the verb "states".
    says = "United States Says It Will Not Lift Sanctions"
    assert speaker(says, shipped, None, headline=True) == "United States"
    assert speaker(
        "Kremlin Says Moscow Still Awaiting Zelensky’s Response", shipped, None, headline=True
    ) == ("Russia")
    # A headline's comma joins two subjects: what they call for together is neither's alone.
    assert speaker("Russia, Ukraine Call For Talks In Istanbul", shipped, None, headline=True) is None


def test_learned_people_speak_for_their_party(learned: Parties):
    assert speaker("Umerov said the talks were constructive.", learned, None) == "Ukraine"
    assert speaker("Kostyukov told reporters the talks went well.", learned, None) == "Russia"
    assert speaker("Ushakov, who met Trump in Florida, said Moscow was open.", learned, None) == "Russia"
    # Without the articles that introduce them, nobody knows whom they speak for.
    bare = learn_people([], SMALL)
    assert speaker("Umerov said the talks were constructive.", bare, None) is None


def test_a_title_after_its_is_the_subject_s_post_not_the_nearest_party_s():
    text = (
        "Kyiv, for its part, has offered to drop its demand if Moscow drops the fee, according to its "
        "chief negotiator, Taras Kovalenko."
    )
    assert learn_people([text], SMALL).people.get("Taras Kovalenko") == "Ukraine"
    # Without "its", the title is the nearest party's.
    text = "The offer was made in Moscow by Russia's chief negotiator, Taras Kovalenko."
    assert learn_people([text], SMALL).people.get("Taras Kovalenko") == "Russia"
    # "its" right after a party is that party's: the second of two sides named in turn.
    text = (
        "Russia is represented by its chief negotiator, Igor Kostyukov, and Ukraine by its chief "
        "negotiator, Taras Kovalenko."
    )
    people = learn_people([text], SMALL).people
    assert (people.get("Igor Kostyukov"), people.get("Taras Kovalenko")) == ("Russia", "Ukraine")


def test_a_second_side_s_delegation_told_by_its_possessive_alone_is_its_leader_s():
    """ "Ukraine's delegation is led by X. Russia's is led by Deputy Defence Minister Y": Y leads
    Russia's, the noun left out, though a later sentence names Ukraine just before his title."""
    text = (
        "Ukraine's delegation is led by Rustem Umerov. Russia's is led by Deputy Defence Minister "
        "Alexander Fomin, whose ministry runs the talks. Rustem Umerov led Ukraine's delegation and "
        "Deputy Defence Minister Alexander Fomin led Russia's, at the palace."
    )
    people = learn_people([text], SMALL).people
    assert (people.get("Rustem Umerov"), people.get("Alexander Fomin")) == ("Ukraine", "Russia")


def items_of(text: str):
    return tag(dedupe(segment(CleanDocument("d1", text))), UKRAINE)


def test_a_pronoun_sentence_after_a_quote_takes_the_quoted_speaker():
    items = items_of(
        "“It is the same as meeting with Putin in Kyiv,” Zelenskyy said on Friday. "
        "He added that Russia was an aggressor waging war against Ukraine. "
        "Heavy shelling continued along the front line near Donetsk overnight."
    )
    by_start = {e.text.split()[0]: e.speaker for e in items}
    assert by_start["“It"] == "Ukraine"
    # "He" is Zelenskyy, though the sentence names Russia first.
    assert by_start["He"] == "Ukraine"
    # An event after them is nobody's position.
    assert by_start["Heavy"] is None


def test_a_long_opening_for_is_no_leading_phrase_when_it_holds_the_subject_s_verb(shipped: Parties):
    """ "For two years Bragovia has used the line as a weapon, ..." opens on its subject, and the
    "it" that follows is Bragovia's; "For the Kremlin, ..." is a point of view, not the subject."""
    items = items_of(
        "For two years Russia has used the pipeline as a weapon, cutting flows whenever Kyiv objects. "
        "Now it demands that Ukraine accept a lower transit fee."
    )
    assert [e.speaker for e in items][-1] == "Russia"
    assert speaker("For the Kremlin, the plan is a trap set by Kyiv.", shipped, None) is None


def test_an_explainer_s_answer_with_no_speaker_is_the_position_its_question_asks_for():
    """ "What does Russia want?" "A freeze along the current line ...": the answer is Russia's;
    "And Ukraine?" asks for Ukraine's. An answer with a speaker of its own, a quotation, or the
    answer to a question that asks for no side's position stays as it reads."""
    items = items_of(
        "What does Russia want now? A freeze along the current line and no NATO troops in Ukraine. "
        "And Ukraine? A full withdrawal of Russian forces, with guarantees from the United States. "
        "What happens if there is no deal? A truce at the Zaporizhzhia plant lapses on Sunday. "
        "What does the Kremlin want? Kyiv says Moscow wants all of Donetsk."
    )
    answers = [e for e in items if e.text.startswith(("A freeze", "A full"))]
    assert [e.speaker for e in answers] == ["Russia", "Ukraine"]
    assert next(e for e in items if e.text.startswith("A truce")).speaker is None
    assert next(e for e in items if e.text.startswith("Kyiv says")).speaker == "Ukraine"
    # "What about X?" asks for X's; "What has he proposed?" for the side of the one spoken of; a
    # question for two sides' positions, or a host's line after it, for no one's.
    items = items_of(
        "Ukraine's chief negotiator Rustem Umerov said Kyiv would not give up land. What has he proposed? "
        "A ceasefire along the current line, with guarantees. What about Russia? A freeze, and Donetsk "
        "handed over. What do Russia and Ukraine want? A deal that keeps the Zaporizhzhia plant safe. "
        "And Ukraine? HOST: We will come back to Kyiv's demands after the break."
    )
    said = {e.text.split(",")[0]: e.speaker for e in items}
    assert said["A ceasefire along the current line"] == "Ukraine"
    assert said["A freeze"] == "Russia"
    assert said["A deal that keeps the Zaporizhzhia plant safe."] is None
    assert said["HOST: We will come back to Kyiv's demands after the break."] is None
    # The one spoken of is the one of this article: a new article's "he" is no one yet.
    thread = Thread(learn_people([], UKRAINE))
    thread.read("d1", "Ukraine's chief negotiator Rustem Umerov said Kyiv would not give up land.")
    thread.read("d2", "What has he proposed?")
    assert thread.read("d2", "A ceasefire along the current line, with guarantees.") is None
    # The question itself takes no stance, even with a verb of saying in it.
    assert speaker("What has the Kremlin suggested?", learn_people([], UKRAINE), None) is None
    assert speaker("Moscow says Kyiv is stalling; is it?", learn_people([], UKRAINE), None) is None


def test_a_proposal_s_terms_go_on_in_its_owner_s_voice_until_someone_speaks():
    """ "Under the proposal drawn up by the United States, ..." is the United States' position,
    and so are the terms that follow in "would", whichever side they name; a side's own reckoning
    ("By Kyiv's count, ...") and a side speaking end them."""
    items = items_of(
        "Under the proposal drawn up by the United States, the front line would be frozen for ten years. "
        "Russia would keep the Zaporizhzhia plant under a joint operator. "
        "Ukraine would get security guarantees from Washington. "
        "By Kyiv's count, that would leave a fifth of Ukraine's land in Russian hands. "
        "Russia said it would study the plan."
    )
    us = "United States"
    assert [e.speaker for e in items] == [us, us, us, "Ukraine", "Russia"]
    # A proposal made with a verb frames the terms after it too; a side's own "would prefer" is its own.
    items = items_of(
        "The United States on Tuesday proposed that the front line be frozen for ten years. "
        "It would give Ukraine security guarantees from Washington. "
        "Russia would prefer a freeze with no guarantees at all. "
        "The Kremlin pressed for a quick answer from Kyiv."
    )
    assert [e.speaker for e in items] == [us, us, "Russia", "Russia"]
    # A stance that proposes nothing frames no terms after it.
    items = items_of("Russia wants a freeze along the current line. Ukraine would lose a fifth of its land.")
    assert items[-1].speaker != "Russia"
    # A side's counter-proposal speaks, though what it offers "would" do something.
    items = items_of(
        "Washington has proposed that a US company would run the Zaporizhzhia plant. "
        "Kyiv counters with a joint US-Ukrainian venture on the plant that would leave Russia out."
    )
    assert [e.speaker for e in items] == [us, "Ukraine"]


def test_a_pronoun_after_a_sentence_about_a_partys_person_takes_that_party():
    """A profile that opens on a person ("Ukraine's minister, 54, receives visitors ...") states no
    position, but the "he" that follows is still that party's."""
    items = items_of(
        "Ukraine's foreign minister, 54, receives visitors in a small office near the front. "
        "'Our land is not for sale, and we will say so in Geneva,' he said. "
        "Analysts expect the Kremlin to reject the plan. "
        "He said the Zaporizhzhia plant was lost."
    )
    speakers = [e.speaker for e in items]
    assert speakers == [None, "Ukraine", None, None]


@pytest.mark.parametrize(
    "credited",
    [
        "“Russia has overplayed its hand,” said Ana Ruiz, an analyst at the Carnegie Endowment.",
        "“Russia has overplayed its hand,” Ana Ruiz of the Carnegie Endowment said.",
        "Russia has overplayed its hand, Ana Ruiz said.",
        "Russia has overplayed its hand, said Ana Ruiz, an analyst.",
        "Russia is “bluffing on territory,” Ana Ruiz said of the talks.",
    ],
)
def test_a_bare_quotation_after_someone_of_no_party_is_not_the_party_they_named(credited: str):
    """Who spoke last is the one credited, not the party their words open on."""
    items = items_of(credited + " “There will be no deal on territory this year.”")
    assert [e.speaker for e in items] == [None, None]


def test_someone_of_no_party_goes_on_speaking_until_someone_else_does():
    """An analyst's "she said", bare quotations and "He added" stay the analyst's, whatever party
    they name; a party named as the next speaker takes over."""
    items = items_of(
        "Hanne Ekdal, a historian at Lund University, said the talks on territory had stalled. "
        "“Russia has overplayed its hand on territory,” she said. "
        "“Whatever Kyiv concedes on territory, Moscow will ask for more.” "
        "She added that Ukraine would not cede Donetsk. "
        "Ekdal of Lund University said territory was the hardest issue. "
        "Zelensky said on Friday that Ukraine would never give up Donetsk. "
        "“Our land is not for sale.”"
    )
    assert [e.speaker for e in items] == [None] * 6 + ["Ukraine"] * 2  # the first also shortened


def test_every_clause_of_a_proposal_is_its_owner_s_position(shipped: Parties):
    """In "Under her proposal, X would ..., and Russia would ..." the terms are the proposer's,
    though a later clause opens with another party (each clause is read with the sentence before it)."""
    items = items_of(
        "Zelenskyy put forward a compromise on the plant on Friday. "
        "Under his proposal, monitors would inspect the Zaporizhzhia plant every month, "
        "and Russia would not restart the reactors before the spring."
    )
    assert [e.speaker for e in items if e.text.startswith(("Under", "Russia"))] == ["Ukraine", "Ukraine"]
    framed = "Under Ukraine's plan, monitors would inspect the plant, and Russia would not restart it."
    assert speaker(framed, shipped, None) == "Ukraine"
    later = framed.index("Russia")
    assert speaker(framed[later:], shipped, None, before=framed[:later]) == "Ukraine"
    # An owner named by an adjective, a plural possessive or a relative clause after the plan.
    for framed in (
        "Under a Ukrainian proposal tabled on Monday, monitors would stay, and Russia would not restart it.",
        "Under a plan the Kyiv delegation presented on Wednesday, Russia would keep its troops in place.",
    ):
        assert speaker(framed, shipped, None) == "Ukraine", framed
    plural = "Under the Ukrainians' plan, monitors would stay, and Russia would not restart it."
    assert speaker(plural, shipped, None) == "Ukraine"
    # With no owner, the terms are read clause by clause as ever.
    assert speaker("Russia would not restart it.", shipped, None, before="Under the deal, ") == "Russia"


def test_a_thread_reads_prose_unless_told_a_headline_and_frames_a_proposal_by_itself(shipped: Parties):
    assert Thread(shipped).read("d1", "Kyiv Rejects Moscow Summit Plan") is None  # prose: "Rejects" is a name
    assert Thread(shipped).read("d1", "Kyiv Rejects Moscow Summit Plan", True) == "Ukraine"
    assert Thread(shipped).read("d1", "Under Russia's plan, Kyiv would keep the plant.") == "Russia"


def test_a_thread_carries_a_speaker_within_an_article_only(shipped: Parties):
    thread = Thread(shipped)
    assert thread.read("d1", "Zelensky said Ukraine would not cede land.") == "Ukraine"
    assert thread.read("d2", "He added that the plant must return.") is None  # another article
    assert thread.read("d1", "He added that the plant must return.") is None  # back again: no one


def test_an_it_is_the_last_clause_s_subject_not_the_one_who_told_of_it(shipped: Parties):
    told = "The Kremlin has put two new proposals on the table, a Ukrainian official told us."
    offers = "It now offers a truce of 30 days, up from 10."  # "it" is the Kremlin
    added = "He added that Kyiv would answer on Friday."  # "he" is the official
    for clause, party in ((offers, "Russia"), (added, "Ukraine")):
        thread = Thread(shipped)
        thread.read("d1", told)
        assert thread.read("d1", clause) == party


@pytest.mark.parametrize(
    ("before", "clause", "party"),
    [
        # What it binds itself to, after a leading phrase, or its stance by a noun.
        ("Moscow has put a new offer on the table.", "It would free 300 prisoners by Friday.", "Russia"),
        (
            "On the plant, the Kremlin is as firm as ever.",
            "On Saturday it offered to share the output.",
            "Russia",
        ),
        ("Kyiv has moved on the plant.", "Its latest offer is to split the output.", "Ukraine"),
        ("Kyiv has moved on the plant.", "It is prepared to share the output.", "Ukraine"),
        # Its people, after a leading phrase with a "when" of its own.
        (
            "Moscow blinked first.",
            "On Wednesday, when the delegations met again, its negotiators offered to free 300 prisoners.",
            "Russia",
        ),
        # What "it" would be or take is no stance of the side named before.
        ("Moscow has put a new offer on the table.", "It would be a long winter.", None),
        ("Moscow has put a new offer on the table.", "It will take months to verify.", None),
        ("Under the deal, Moscow frees 300 prisoners.", "It will also return the bodies.", None),  # a term
        ("Kyiv has moved on the plant.", "Its offer of half the output is modest.", None),  # a verdict
    ],
)
def test_an_it_after_a_side_binds_the_side_to_what_it_will_do(
    shipped: Parties, before: str, clause: str, party: str | None
):
    thread = Thread(shipped)
    thread.read("d1", before)
    assert thread.read("d1", clause) == party


def test_a_he_after_a_step_a_speaker_told_of_is_the_speaker(shipped: Parties):
    """The step is news, no one's stance, but the next "he" is still the one who told of it."""
    thread = Thread(shipped)
    assert thread.read("d1", "Kyiv will return to Geneva on March 9, Peskov said.") is None
    assert thread.read("d1", "He added that Moscow would not give up the plant.") == "Russia"


def test_after_an_analyst_s_quotation_no_party_is_carried(shipped: Parties):
    thread = Thread(shipped)
    said = [
        "“Time favours Moscow,” said Ana Ruiz, an analyst.",
        "“Kyiv will lose more land on territory.”",  # still hers
        "They rejected the plan on territory.",  # "they" is no party she named
    ]
    assert [thread.read("d1", clause) for clause in said] == [None, None, None]


def test_a_deal_s_terms_go_on_in_no_one_s_voice_until_someone_speaks(shipped: Parties):
    thread = Thread(shipped)
    said = [
        "Under the deal, Kyiv will pull back its artillery 15 km.",
        "Moscow would release 300 prisoners by Friday.",  # a term still, not Russia's stance
        "Peskov said Moscow would observe every clause.",  # someone speaks: the terms end
        "Moscow will not withdraw from Donetsk.",  # and a stance is a stance again
    ]
    assert [thread.read("d1", clause) for clause in said] == [None, None, "Russia", "Russia"]
    # A quotation ends the terms: someone speaks in it.
    thread = Thread(shipped)
    thread.read("d1", said[0])
    assert thread.read("d1", "Moscow would release the “last” 300 prisoners by Friday.") == "Russia"
    # A deal's terms open the list whatever their tense.
    thread = Thread(shipped)
    thread.read("d1", "Under the deal, Kyiv gets a 60-year lease on the port.")
    assert thread.read("d1", said[1]) is None
    # A term in the present tense, with no verb of saying or of a stance, goes on listing them.
    thread = Thread(shipped)
    thread.read("d1", said[0])
    assert thread.read("d1", "Ukraine guarantees 25 billion cubic metres a year until 2029.") is None
    assert thread.read("d1", said[1]) is None
    # With no terms before, or in another article, the same words are Russia's.
    assert Thread(shipped).read("d1", said[1]) == "Russia"
    thread = Thread(shipped)
    thread.read("d1", said[0])
    assert thread.read("d2", said[1]) == "Russia"


@pytest.mark.parametrize(
    ("news", "party"),
    [
        ("On Monday the two sides finally agreed on the lease.", None),  # its terms follow
        ("The delegations have signed the deal.", None),
        ("On Monday the two sides agreed to meet again.", "Ukraine"),  # a step, no terms to list
    ],
)
def test_the_terms_of_an_agreement_the_sides_made_are_no_one_s(shipped: Parties, news: str, party):
    thread = Thread(shipped)
    thread.read("d1", news)
    term = "Kyiv will sign a 30-year lease for the port, with a clause to repay $175 million if it leaves."
    assert thread.read("d1", term) == party


def test_one_party_named_twice_before_its_verb_still_speaks(shipped: Parties):
    assert speaker("Kyiv and Zelensky said the plan was dead.", shipped, None) == "Ukraine"
    assert speaker("Officials, Kyiv and Zelensky said the plan was dead.", shipped, None) == "Ukraine"


def test_a_company_s_reported_results_are_not_its_words(shipped: Parties):
    assert speaker("Russia reported a record trade surplus for 2025.", shipped, None) is None
    assert speaker("Russia reported that the talks had stalled.", shipped, None) == "Russia"


@pytest.mark.parametrize("count", ["14", "two more", "another", "more"])
def test_a_count_added_to_a_list_is_not_words_added(shipped: Parties, count: str):
    assert speaker(f"Washington added {count} Russian banks to a sanctions list.", shipped, None) is None
    assert speaker("Washington added that the talks would go on.", shipped, None) == "United States"
    assert speaker("Washington added Russia would pay.", shipped, None) == "United States"


def test_a_speaker_who_dodges_is_still_the_one_the_next_she_means(shipped: Parties):
    thread = Thread(shipped)
    said = [
        "Kremlin spokesman Dmitry Peskov said Russia wanted the whole of Donetsk.",
        "Pressed on reports of a pause, he said he would not 'negotiate from this podium'.",
        "He said the strikes would go on until Kyiv withdrew.",
    ]
    assert [thread.read("d1", clause) for clause in said] == ["Russia", None, "Russia"]


def test_a_must_in_no_one_s_voice_is_the_writer_s_and_a_speaker_s_is_the_speaker_s(shipped: Parties):
    assert speaker("Russia Must Pay What It Owes", shipped, None, headline=True) is None
    assert speaker("Moscow must not be the judge, Zelensky said.", shipped, None) == "Ukraine"
    assert speaker("The Kremlin Should Stop Pretending", shipped, None, headline=True) is None
    # Every "must" of a party's in the twelve dev sets' prose, with no one speaking, is labelled
    # no one's: an obligation the writer states ("The club must leave the stadium").
    assert speaker("Moscow must approve any force deployed in Ukraine.", shipped, None) is None
    assert speaker("Russia must pay, Zelensky said.", shipped, None) == "Ukraine"


def test_a_party_s_name_opening_a_longer_name_names_another_body_unless_in_a_headline(shipped: Parties):
    assert shipped.named("Ukraine Forward says Russia must leave.") == ["Russia"]
    # Its offices, forces and posts, possessive or not, and another party's name, are its own.
    assert shipped.named("The Russian Forces’ retreat from Kherson was confirmed.") == ["Russia"]
    assert shipped.named("The US Treasury’s sanctions stay, Rubio said.") == ["United States"]
    assert shipped.named("The Russia Ukraine talks resumed on Monday.") == ["Russia", "Ukraine"]
    # Most longer words capitalised: a headline, whose capitals make no longer name.
    assert shipped.named("Kyiv Rejects Offer as Talks Stall but hopes remain high") == ["Ukraine"]
    # Three of five, or fewer: prose, where "Kyiv Forward" or "Kyiv Rejects Plan" reads as a name.
    assert shipped.named("Kyiv Forward Rejects plans today") == []
    assert shipped.named("Kyiv Rejects Plan; talks go on, and a deal may come soon") == []


def test_a_headline_in_the_first_person_plural_is_the_outlet_s_voice(shipped: Parties):
    assert speaker("Russia Wants Our Grain for the Price of a Rounding Error", shipped, None, True) is None
    assert speaker("Kyiv Wants Us to Pay for Its War", shipped, None, True) is None
    # The words of a party's, quoted or credited, are still its own; so is "US".
    assert speaker("Zelensky: ‘We Will Not Give Up Our Land’", shipped, None, True) == "Ukraine"
    assert speaker("Kyiv Rejects ‘Our Last Offer’, Moscow Says", shipped, None, True) == "Russia"
    assert speaker("US Rejects Moscow Summit Plan", shipped, None, True) == "United States"
    # In prose the writer's "our" is left to the rules of prose.
    assert speaker("Moscow rejects our proposal for a ceasefire.", shipped, None) == "Russia"


def test_a_headline_s_second_verb_is_its_subject_s_and_an_explainer_s_title_no_one_s(shipped: Parties):
    second = "Russia Cuts Gas Flows Through Ukraine, Accuses Kyiv of Theft"
    assert speaker(second, shipped, None, headline=True) == "Russia"
    assert speaker("The Ukraine Talks, Explained", shipped, None, headline=True) is None


def test_a_party_s_name_opening_another_body_s_name_is_not_the_party(shipped: Parties):
    group = "The Ukraine Defence Contact Group said it would send more air defence."
    assert speaker(group, shipped, None) is None
    # The names after it are still read.
    assert shipped.named("The Ukraine Defence Contact Group met as Russia watched.") == ["Russia"]
    assert speaker("Ukraine said it would send more air defence.", shipped, None) == "Ukraine"


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("Kyiv said no.", True),
        ("According to the ministry, talks resume on Monday.", True),
        ("Talks resume on Monday, according to the ministry.", True),
        ("Talks resumed on Monday.", False),
    ],
)
def test_reported_is_whether_a_clause_credits_someone(text: str, credited: bool):
    assert reported(text) is credited


def test_a_bare_quotation_is_its_speaker_s_whichever_party_it_names_or_quotes():
    items = items_of(
        "Zelensky said on Friday that Ukraine would not cede Donetsk. "
        "“Russia has not engaged with our plan on territory.” "
        "“Moscow says it wants peace on territory, and then it shells Kharkiv.”"
    )
    assert [e.speaker for e in items] == ["Ukraine", "Ukraine", "Ukraine"]


def test_a_party_named_after_a_hyphen_is_an_adjective_not_the_party():
    parties = Parties(UKRAINE)  # its own: the words are compiled on first use
    assert parties.mentions("a pro-Kremlin blogger") == []
    assert [m.party for m in parties.mentions("Kremlin-backed media")] == ["Russia"]


@pytest.mark.parametrize(
    ("texts", "people"),
    [
        # Who leads a party's delegation speaks for it.
        (
            ["Ukraine's delegation was led by Rustem Umerov."],
            {"Rustem Umerov": "Ukraine", "Umerov": "Ukraine"},
        ),
        # "Kremlin-backed" ties a person to the party as a title does.
        (
            ["Ivan Petrov, a Kremlin-backed businessman, said the talks would fail."],
            {"Ivan Petrov": "Russia", "Petrov": "Russia"},
        ),
        # Who heads a party's body ("who heads Rosatom") or sits in for it is its person; who
        # chairs a body of its own named in a longer phrase is not ("the talks on Rosatom's fees").
        (
            ["Ivan Sorokin, who heads Rosatom, said the plant must stay.", "Olga Brel sits in for Kyiv."],
            {"Ivan Sorokin": "Russia", "Sorokin": "Russia", "Olga Brel": "Ukraine", "Brel": "Ukraine"},
        ),
        (
            ["Tom Hale, who chairs the White House, said no."],
            {"Tom Hale": "United States", "Hale": "United States"},
        ),
        (["Ivan Sorokin, who chairs the talks on Rosatom's fees, said no."], {}),
        # A side's lawyer speaks for it.
        (
            ["Theo Brannigan, Kyiv's lead lawyer, said the offer was too low."],
            {"Theo Brannigan": "Ukraine", "Brannigan": "Ukraine"},
        ),
        # A team between two parties is neither's.
        (["Ana Ruiz, who led the team of mediators between Ukraine and Russia, said no."], {}),
        # Tied to two parties, then to the first again: still neither's.
        (
            [
                "Ukraine's envoy Ana Ruiz said no.",
                "Russia's envoy Ana Ruiz said yes.",
                "Ukraine's envoy Ana Ruiz said so.",
            ],
            {},
        ),
    ],
)
def test_people_are_tied_to_a_party_only_by_what_the_text_says_of_them(
    texts: list[str], people: dict[str, str]
):
    assert learn_people(texts, UKRAINE).people == people


def test_a_name_written_with_a_dotted_capital_i_still_names_its_party():
    """The search folds "İ" to "i" as the alias's "I" is; the text's casefold ("i̇") is no alias:
    the party comes from the profile's patterns."""
    russia = UKRAINE.parties[0].model_copy(
        update={"aliases": [*UKRAINE.parties[0].aliases, "Igor Kostyukov"]}
    )
    profile = UKRAINE.model_copy(update={"parties": [russia, *UKRAINE.parties[1:]]})
    assert [m.party for m in Parties(profile).mentions("İgor Kostyukov said no.")] == ["Russia"]


# --- a party's own statement


PORT = load_profile("port_strike", PROJECT_ROOT / "prompts" / "topics", "port_strike")


def read_article(sentences: list[str]) -> list[str | None]:
    thread = Thread(learn_people(sentences, PORT))
    return [thread.read("d1", s, headline=n == 0) for n, s in enumerate(sentences)]


@pytest.mark.parametrize(
    "lead",
    [
        "Local 17 statement on the employers' offer",  # a headline of a name and its statement
        "Statement by International Dockworkers Union Local 17",
        "The following is a statement from International Dockworkers Union Local 17.",
        "Joint statement of the dockworkers of Local 17 on the strike",
        "Communiqué of International Dockworkers Union Local 17",
        "Local 17 joint statement on the employers' offer",
        # A statement that says who "we" are.
        "We, the elected officers of International Dockworkers Union Local 17, make the following statement.",
    ],
)
def test_the_we_of_a_partys_own_statement_is_that_party(lead: str) -> None:
    said = read_article(
        [
            lead,
            "We will not accept any contract that lets the employers install automated cranes.",
            "Our members rejected the offer by 94% on Wednesday.",
            "“We cannot pay more,” the Harbor Employers Council said in reply.",
        ]
    )
    local = "International Dockworkers Union Local 17"
    assert said[1:] == [local, local, "Harbor Employers Council"]


@pytest.mark.parametrize(
    "sender",
    [
        "International Dockworkers Union Local 17",
        "INTERNATIONAL DOCKWORKERS UNION LOCAL 17 | Message from your bargaining committee",
        "International Dockworkers Union Local 17 - Members' bulletin",
        "Local 17 and the dockworkers' union",  # its names joined by "and the"
        # A masthead: what the newsletter is, and whose.
        "Members' newsletter of International Dockworkers Union Local 17 | Issue 212 | March 6",
        "THE DOCKER - Official bulletin of the International Dockworkers Union Local 17",
    ],
)
def test_the_we_of_a_newsletter_is_the_party_its_sender_line_names(sender: str) -> None:
    """A party's newsletter or press release names who sends it in a line of nothing but its name,
    or in its masthead."""
    said = read_article(
        [
            "Members' update: the fight goes on",
            sender,
            "We will not accept any contract that lets the employers install cranes.",
            "“We cannot pay more,” the Harbor Employers Council said in reply.",
        ]
    )
    assert said[2:] == ["International Dockworkers Union Local 17", "Harbor Employers Council"]


@pytest.mark.parametrize(
    "line",
    [
        "Local 17 members rally at the port",  # a headline naming the party among other words
        "International Dockworkers Union Local 17 and the Harbor Employers Council",  # two parties
        "The Marlow Bay Dockworker",  # an outlet, no party's name alone
        "Local 17 members rally",
        "The newsletter of Local 17 says the offer is poor.",  # a newsletter reported, no masthead
    ],
)
def test_a_line_naming_a_party_among_other_words_is_no_sender(line: str) -> None:
    said = read_article(["Talks resume at the port", line, "We will not accept any contract."])
    assert said[2] is None


def test_only_the_we_of_a_statement_is_its_party_and_it_may_be_declared_in_the_third_sentence() -> None:
    said = read_article(
        [
            "Dockworkers' union answers the employers",
            "Marlow Bay, March 6.",
            "The following is a statement from International Dockworkers Union Local 17.",
            "The offer does not keep pace with inflation in the city.",
            "We will not accept any contract that lets the employers install cranes.",
        ]
    )
    assert said[3:] == [None, "International Dockworkers Union Local 17"]


def test_a_statement_s_thanks_are_no_position() -> None:
    said = read_article(
        [
            "Statement by International Dockworkers Union Local 17",
            "We want to thank everyone who kept the picket line going for 32 days.",
            "We also thank the nurses who ran our first-aid tent.",
            "We will not accept any contract that lets the employers install cranes.",
            # Its word to its readers about itself is no position either.
            "We will keep you updated as the talks continue.",
            "We know the wait is hard, and we will keep you informed at every step.",
            "We will keep fighting for every job.",
        ]
    )
    assert said[1:] == [
        None,
        None,
        "International Dockworkers Union Local 17",
        None,
        None,
        "International Dockworkers Union Local 17",
    ]


def test_a_statement_s_calendar_is_no_position() -> None:
    said = read_article(
        [
            "Statement by International Dockworkers Union Local 17",
            "Our ballot opens on Monday, May 11 and closes at noon on Friday, May 22.",
            "Our own members' vote on the interim terms runs from June 8 to June 22.",
            "Our members will not accept a ballot on a contract that lets the employers install cranes.",
        ]
    )
    assert said[1:] == [None, None, "International Dockworkers Union Local 17"]


@pytest.mark.parametrize(
    "lead",
    [
        "Statement by Local 17 and the Harbor Employers Council",  # a joint statement: no one side
        "Statement by the mayor of Marlow Bay",  # by no party
    ],
)
def test_a_statement_of_two_parties_or_of_none_gives_no_voice(lead: str) -> None:
    said = read_article([lead, "We will not accept any contract that lets the employers install cranes."])
    assert said[1] is None


@pytest.mark.parametrize(
    "lead",
    [
        "Dockworkers react to the employers' offer",  # no statement declared
        "10:02 — Local 17 has issued a statement: it will not sign.",  # a statement reported
        "In a statement from Local 17, its president said the talks would go on.",
        # Someone's speech quoted, not the article's own voice.
        "“We, the members of Local 17, will not be moved,” its president told the rally.",
    ],
)
def test_a_we_is_no_ones_where_the_article_is_no_partys_statement(lead: str) -> None:
    said = read_article([lead, "We will not accept any contract that lets the employers install cranes."])
    assert said[1] is None


def test_a_statement_declared_after_the_lead_gives_no_voice() -> None:
    said = read_article(
        [
            "Dockworkers react to the employers' offer",
            "The strike entered its third day on Monday.",
            "Cranes stood idle along the Marlow Bay quays.",
            "The following is a statement from International Dockworkers Union Local 17.",
            "We will not accept any contract that lets the employers install cranes.",
        ]
    )
    assert said[4] is None


def test_an_interview_s_answers_are_its_one_guest_s_until_the_next_question() -> None:
    said = read_article(
        [
            "Local 17's president on the strike",
            "The following is an edited transcript of an interview with Maria Delgado, president of "
            "International Dockworkers Union Local 17.",
            "Q: The employers say the port will lose ships to other ports.",
            "A: They have said that for twenty years.",  # her answer, though it names them
            "The offer does nothing about automation.",  # the answer goes on
            "Q: What would it take?",
            "A: A written guarantee on cranes.",
        ]
    )
    local = "International Dockworkers Union Local 17"
    assert said[2:] == [None, local, local, None, local]


def test_an_interview_of_two_sides_gives_its_answers_to_no_one() -> None:
    said = read_article(
        [
            "Two sides on the strike",
            "The following is a transcript of an interview with Local 17 and the Harbor Employers Council.",
            "Q: Will the strike end?",
            "A: The offer does nothing about automation.",
        ]
    )
    assert said[3] is None


@pytest.mark.parametrize(
    ("texts", "answering"),
    [
        (["Q: Will you sign?", "A: No."], True),
        (["A: No.", "The offer does nothing about automation."], True),  # the answer goes on
        (["A: No.", "Q: Why not?"], False),  # the next question ends it
        (["A: No.", "Q: Why not?", "Because of the cranes."], False),
        (["10:02 GMT - A: We will not sign."], True),  # behind a time stamp
        (["The offer does nothing about automation."], False),  # no interview
        ([], False),
    ],
)
def test_an_answer_runs_from_its_a_to_the_next_q(texts: list[str], answering: bool) -> None:
    assert in_answer(texts) is answering


def test_a_body_s_noun_before_a_title_names_the_side_whose_name_holds_it():
    """ "'... made Aurelo popular here,' guild president Ana Varga said": "guild" is the Lorland
    Songwriters' Guild's, though Aurelo is named nearer; "party leader" tells no party apart, and
    a party inside the quotation is what was spoken of, not whose the speaker is."""
    profile = TopicProfile.model_validate(
        {
            "name": "royalties",
            "title": "Royalty talks",
            "parties": [
                {"name": "Aurelo", "aliases": []},
                {"name": "Lorland Songwriters' Guild", "aliases": []},
                {"name": "Civic Party", "aliases": []},
            ],
            "issues": [{"id": "rate", "label": "Rate", "keywords": ["rate"]}],
        }
    )
    said = '"Our members wrote the songs that made Aurelo popular here," guild president Ana Varga said.'
    assert learn_people([said], profile).people.get("Ana Varga") == "Lorland Songwriters' Guild"
    leader = '"Aurelo must pay," party leader Jon Marr said.'
    assert "Jon Marr" not in learn_people([leader], profile).people


def test_a_participle_s_aside_after_the_subject_holds_none_of_its_verbs(shipped: Parties):
    """ "Russia's 2015 deal, signed in Minsk, expires on Sunday." tells of the deal, no stance: the
    aside's "signed" is no verb of Russia's. An aside that is the subject's own act stays one:
    "Kyiv's envoy, Rustem Umerov, offered ..." and "..., rejected the plan, saying ..."."""
    assert speaker("Russia's 2015 deal, signed in Minsk, expires on Sunday.", shipped, None) is None
    assert speaker("Russia's deal expires on Sunday.", shipped, None) is None
    # The aside read is the first after the subject, not one before it.
    before = "On Monday, unnoticed by most, Russia's 2015 deal, signed in Minsk, expires."
    assert speaker(before, shipped, None) is None
    kept = (
        "On Monday Ukraine's negotiator, Rustem Umerov, offered to stop the strikes, and only if Russia "
        "did too.",
        "Kremlin spokesman Dmitry Peskov, however, rejected the plan, saying it was premature.",
        "The Kremlin, backed by its allies, wants a freeze.",
    )
    assert [speaker(text, shipped, None) for text in kept] == ["Ukraine", "Russia", "Russia"]


def test_a_plural_subject_s_present_reporting_verb_and_a_lowered_request_are_its_stance(shipped: Parties):
    """ "The Russians argue that ..." reports as "argues" does; "has lowered its request to 48
    billion" and "has moved from five years to ten" move a position. Another verb takes no stance
    ("uses the money to maintain the breakwaters")."""
    said = (
        "The Russians argue that the links are public infrastructure and should be funded by Kyiv.",
        "Ukrainian officials warn that the plant is unsafe.",
        "Kyiv, which opened by asking for 60 billion, has lowered its request to 48 billion.",
        "Russia has moved from five years of archive to ten.",
    )
    assert [speaker(text, shipped, None) for text in said] == ["Russia", "Ukraine", "Ukraine", "Russia"]
    assert speaker("Kyiv uses the fees to maintain the pipeline.", shipped, None) is None
    # A figure that rises or falls is no side moving ("crawled from 250 to 400" is), and a question
    # repeated says nothing ("repeated that ..." does).
    assert speaker("Moscow's exports dropped from 300 to 200.", shipped, None) is None
    assert speaker("Moscow raised its offer in 2019.", shipped, None) is None  # history
    assert speaker("Peskov, asked about the plant, repeated the question.", shipped, None) is None


def test_a_title_s_person_is_the_side_named_after_the_name_in_a_list_of_who_leads_whom() -> None:
    """ "Ushakov heads Moscow's delegation, adviser Anna Brel leads for Kyiv and envoy Tom Hale
    represents Washington": each person is the side named after the name, not the one named in the
    clause before the title."""
    people = learn_people(
        [
            "Kremlin aide Yuri Ushakov heads Moscow's delegation, adviser Anna Brel leads for Kyiv and envoy "
            "Tom Hale represents Washington.",
            "Kyiv adviser Anna Brel said the talks were hard.",
        ],
        SMALL,
    ).people
    assert (people["Yuri Ushakov"], people["Anna Brel"], people["Tom Hale"]) == (
        "Russia",
        "Ukraine",
        "United States",
    )
    # Speaking to a side is no speaking for it.
    spoke = learn_people(["Kremlin aide Yuri Ushakov spoke to Kyiv's negotiators on Monday."], SMALL).people
    assert spoke["Yuri Ushakov"] == "Russia"


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # "its" in the clause after "while" is Kyiv's, not the sentence's first party's.
        (
            "Moscow is represented by its envoy, Ivan Sorin, while Kyiv's team is led by its chief "
            "negotiator, Rustem Umerov, and its adviser, Olha Brel.",
            {"Ivan Sorin": "Russia", "Rustem Umerov": "Ukraine"},
        ),
        # An "its" opening the clause after the break is the clause before's subject's.
        (
            "Moscow wants talks in Istanbul; Kyiv wants a ceasefire first, while its chief negotiator "
            "Rustem Umerov wants a truce.",
            {"Rustem Umerov": "Ukraine"},
        ),
        # With no party in its clause nor the one before, "its" is the sentence's subject's.
        (
            "Moscow welcomed Kyiv's delegation, but the talks dragged on, while its chief negotiator "
            "Igor Kostyukov stayed in Geneva.",
            {"Igor Kostyukov": "Russia"},
        ),
        # A subject and its verb after "and" open a clause, though the break's test reads past "its".
        (
            "The mediator is Ruth Calloway, while Kyiv's team is headed by chief negotiator Rustem Umerov "
            "and Moscow is represented by its envoy, Ivan Sorin.",
            {"Rustem Umerov": "Ukraine", "Ivan Sorin": "Russia"},
        ),
    ],
)
def test_whose_its_is_in_a_second_clause_is_that_clause_s_subject(text: str, people: dict[str, str]) -> None:
    learned = learn_people([text], SMALL).people
    assert {name: learned.get(name) for name in people} == people


@pytest.mark.parametrize(
    "text",
    [
        "01:15 - BREAKING: Deal reached on three of the five issues, Dmitry Peskov tells reporters.",
        "An agreement has been struck on prisoners, Peskov said.",
        "There is a deal on energy, Peskov said.",
    ],
)
def test_a_deal_reported_made_by_a_party_s_speaker_is_news_of_the_talks(shipped: Parties, text: str) -> None:
    assert speaker(text, shipped, None) is None
    assert speaker("Peskov said Moscow wants a deal on energy.", shipped, None) == "Russia"


@pytest.mark.parametrize(
    ("text", "person", "party"),
    [
        # "its" after "but" with no side in its clause: the sentence's subject's.
        ("Moscow met Kyiv's team on Monday, but its envoy, Ivan Sorin, left early.", "Ivan Sorin", "Russia"),
        # Each clause's "its" is its own subject's.
        (
            "Moscow's team includes its envoy, Ivan Sorin, while Kyiv's team includes its chief negotiator, "
            "Rustem Umerov.",
            "Rustem Umerov",
            "Ukraine",
        ),
        # The clause is the one "its" is in, not a later one ("..., while Washington sent ...").
        (
            "Moscow met on Monday, but Kyiv's team includes its envoy, Olha Brel, while Washington sent "
            "Tom Hale.",
            "Olha Brel",
            "Ukraine",
        ),
        # Led "by its envoy" in a clause naming no side: the sentence's subject's.
        ("Moscow agreed on Monday, while the team is led by its envoy, Ivan Sorin.", "Ivan Sorin", "Russia"),
    ],
)
def test_whose_its_is_the_clause_s_subject_or_else_the_sentence_s(text: str, person: str, party: str) -> None:
    assert learn_people([text], SMALL).people.get(person) == party


def test_going_back_and_forth_backs_nothing(shipped: Parties) -> None:
    """ "went back and forth between the two delegations' rooms" is movement, not a side backing a
    plan ("The Kremlin backed the plan" still is)."""
    moved = "Kremlin aide Yuri Ushakov went back and forth between the two delegations' rooms."
    assert speaker(moved, shipped, None) is None
    assert speaker("The Kremlin backed the plan.", shipped, None) == "Russia"


def test_a_title_after_what_is_not_the_party_before_it() -> None:
    """ "the Russian and Ukrainian delegations are meeting for what mediator Anna Keller has called
    the last day": the sides before "what" are not the mediator's."""
    text = (
        "Good morning from Geneva, where the Russian and Ukrainian delegations are meeting for what "
        "mediator Anna Keller has called the last day of the talks."
    )
    assert "Anna Keller" not in learn_people([text], SMALL).people


@pytest.mark.parametrize(
    ("clause", "plain"),
    [
        ("Kyiv's offer now stands at 24 percent, we understand.", "Kyiv's offer now stands at 24 percent."),
        ("Moscow's last offer, we understand, was 300.", "Moscow's last offer was 300."),
        ("A late move, we are told: Kyiv offered 300.", "A late move: Kyiv offered 300."),
        ("On money, sources say Kyiv offered 300.", "On money, Kyiv offered 300."),
        # A side's own "we understand" is no hedge.
        ("We understand the concerns of farmers.", "We understand the concerns of farmers."),
    ],
)
def test_an_outlet_s_hedge_is_read_out_of_what_it_reports(clause: str, plain: str):
    assert attribute._unhedged(clause) == plain


def test_unnamed_sources_after_a_clause_leave_it_read_in_its_sentence() -> None:
    """What the sources tell is read with the clauses before it: under Kyiv's plan, Moscow's term is
    Kyiv's proposal, as it is told plainly."""
    clause = "Moscow would get 300 prisoners, according to two people briefed on the talks."
    shipped = learn_people([], UKRAINE)
    assert speaker(clause, shipped, None, before="Under Kyiv's plan, ") == "Ukraine"
    assert speaker(clause, shipped, None) == "Russia"


@pytest.mark.parametrize(
    "credit",
    [
        "according to a summary of positions circulated to reporters by Russia",
        "according to a negotiating document seen by Russia's delegation",
        "according to a copy of the paper the Kremlin handed to mediators",
    ],
)
def test_a_paper_a_party_passed_on_relays_what_it_says(credit: str) -> None:
    """The one who passed on a paper does not speak: the side whose move it tells takes the stance."""
    shipped = learn_people([], UKRAINE)
    assert speaker(f"Kyiv has offered 300 prisoners, {credit}.", shipped, None) == "Ukraine"
    assert speaker(f"The talks opened on Monday, {credit}.", shipped, None) is None


def test_a_party_credited_for_what_it_says_still_speaks() -> None:
    """A party named as the source, with no paper it passed on, is the one speaking."""
    shipped = learn_people([], UKRAINE)
    assert speaker("Moscow would get 300 prisoners, according to Kyiv.", shipped, None) == "Ukraine"


def test_a_verb_after_an_aside_opened_by_where_is_read() -> None:
    """The aside's speaker is skipped, not the verbs after it: the clause's own speaker speaks."""
    clause = "The plant, where Moscow says 200 staff remain, lies 2 km from the front, Kyiv said."
    assert speaker(clause, learn_people([], UKRAINE), None) == "Ukraine"
