"""Evidence: each clause of a distinct sentence (headlines included) tagged with the parties it
names, the issues it touches and whose position it states; fragments and sub-headlines left out."""

from __future__ import annotations

import re

import pytest

from service.dedupe import Unit, dedupe
from service.evidence import Evidence, is_fragment, owns, reads_alone, tag
from service.ingest import CleanDocument, ingest
from service.schema import Document
from service.segment import Sentence, segment
from service.settings import PROJECT_ROOT
from service.topic import Issue, TopicProfile, load_profile
from service.wording import wording

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def profile() -> TopicProfile:
    return load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")


@pytest.fixture(scope="module")
def evidence(profile: TopicProfile) -> list[Evidence]:
    docs = ingest([Document(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])
    return tag(dedupe([s for d in docs for s in segment(d)]), profile)


def find(items: list[Evidence], start: str) -> Evidence:
    """The full wording of the one clause whose verbatim quote starts so."""
    found = [e for e in items if e.quote.startswith(start) and e.text == wording(e.quote)]
    assert len(found) == 1, f"expected one clause starting {start!r}, got {len(found)}"
    return found[0]


def unit(text: str, doc_id: str = "d1", n: int = 5) -> Unit:
    return Unit(Sentence(f"{doc_id}.s{n}", doc_id, 0, len(text), text))


def doc_items(profile: TopicProfile, text: str, headline: bool = False) -> list[Evidence]:
    return tag(dedupe(segment(CleanDocument("d1", text, headline=headline))), profile)


# --- the seeds


def test_russia_wants_withdrawal_from_donetsk(evidence: list[Evidence]):
    e = find(evidence, "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region")
    assert e.parties[0] == "Russia"
    assert "Ukraine" in e.parties  # "Ukrainian soldiers"
    assert "United States" not in e.parties
    assert e.issues[0] == "territory"
    assert "zaporizhzhia" not in e.issues and "peacekeepers" not in e.issues
    assert e.speaker == "Russia"


def test_kyiv_refuses_to_give_up_territory(evidence: list[Evidence]):
    e = find(evidence, "Kyiv has stated that it does not want to give Moscow territory")
    assert e.parties[:2] == ["Ukraine", "Russia"]
    assert "territory" in e.issues
    assert e.speaker == "Ukraine"


def test_zaporizhzhia_sentences(evidence: list[Evidence]):
    sybiha = find(evidence, "Ukraine’s Foreign Minister, Andrii Sybiha, recently said")
    assert sybiha.parties[0] == "Ukraine" and sybiha.speaker == "Ukraine"
    assert {"zaporizhzhia", "territory", "venue"} <= set(sybiha.issues)
    disputes = find(evidence, "However, major disputes remain, including who gets what land")
    assert {"territory", "peacekeepers", "zaporizhzhia"} <= set(disputes.issues)
    assert disputes.speaker is None  # the outlet's report, no party's position
    assert disputes.text.startswith("Major disputes remain")  # the opener is not the claim's


def test_peacekeepers_sentence(evidence: list[Evidence]):
    e = find(evidence, "However, several sticking points remain, including Russia’s demand")
    assert {"territory", "peacekeepers"} <= set(e.issues)
    assert "Russia" in e.parties and "Ukraine" in e.parties
    assert e.speaker is None


def test_energy_pause_and_venue(evidence: list[Evidence]):
    trump = find(evidence, "US President Donald Trump announced on Thursday that Putin had agreed")
    assert trump.parties[0] == "United States" and trump.speaker == "United States"
    assert {"Russia", "Ukraine"} <= set(trump.parties)
    assert trump.issues == ["energy_pause"]
    assert trump.text.startswith("Donald Trump announced on Thursday")  # the title is dropped
    peskov = find(evidence, "According to a TASS state news agency report, Kremlin spokesman")
    assert peskov.parties[0] == "Russia" and "venue" in peskov.issues
    assert peskov.speaker == "Russia"
    assert peskov.text.startswith("Dmitry Peskov confirmed that Moscow remains the only venue")


def test_no_date_for_a_meeting_states_no_position(evidence: list[Evidence]):
    e = find(evidence, "Despite the exchange of statements, no date or concrete framework")
    assert e.speaker is None
    assert set(e.parties) == {"Russia", "Ukraine"} and "venue" in e.issues


def test_every_seed_issue_has_evidence(evidence: list[Evidence], profile: TopicProfile):
    assert {i for e in evidence for i in e.issues} == {i.id for i in profile.issues}
    assert {p for e in evidence for p in e.parties} == {p.name for p in profile.parties}
    assert {e.speaker for e in evidence} == {None, *(p.name for p in profile.parties)}


def test_evidence_ids_follow_document_order(evidence: list[Evidence]):
    assert [e.id for e in evidence] == [f"e{n}" for n in range(1, len(evidence) + 1)]
    order = [(e.unit.sentence.doc_id, int(e.sentence_id.split(".s")[1]), e.start) for e in evidence]
    assert order == sorted(order)


def test_every_quote_is_verbatim_and_every_claim_only_drops_words(evidence: list[Evidence]):
    assert evidence
    for e in evidence:
        assert e.quote and e.quote == e.unit.sentence.text[e.start : e.end]
        source = iter(re.findall(r"[^\W_]+", e.quote.lower()))
        assert all(w in source for w in re.findall(r"[^\W_]+", e.text.lower())), (e.quote, e.text)


def test_each_seed_headline_is_evidence(evidence: list[Evidence]):
    headlines = {e.sentence_id for e in evidence if e.headline}
    assert headlines == {f"{p.stem[:3]}.s0" for p in SEEDS}
    invites = find(evidence, "Russia Invites Ukraine’s Zelenskyy to Moscow")
    assert invites.headline and invites.speaker == "Russia"


# --- clauses, wordings and headlines


def test_a_sentence_of_two_clauses_gives_two_evidence_items_with_their_own_speakers(profile):
    items = doc_items(
        profile,
        "Russia has renewed its invitation for Zelenskyy to hold talks in Moscow, but Kyiv rejected "
        "a similar proposal last year.",
    )
    assert [(e.quote, e.speaker) for e in items] == [
        ("Russia has renewed its invitation for Zelenskyy to hold talks in Moscow", "Russia"),
        ("Kyiv rejected a similar proposal last year.", "Ukraine"),
    ]
    assert items[0].sentence_id == items[1].sentence_id == "d1.s1"
    assert items[0].key != items[1].key
    assert items[0].text.endswith("Moscow.")  # a clause is worded as a sentence of its own


def test_a_clause_with_an_aside_has_two_wordings_sharing_its_key(profile):
    [full, short] = doc_items(
        profile,
        "Yuri Ushakov, a key foreign policy adviser to the Kremlin, said Putin has repeatedly made "
        "his position clear on a possible meeting.",
    )
    assert full.key == short.key == ("d1.s1", 0)
    assert full.quote == short.quote
    assert full.text.startswith("Yuri Ushakov, a key foreign policy adviser")
    assert (
        short.text == "Yuri Ushakov said Putin has repeatedly made his position clear on a possible meeting."
    )
    assert full.speaker == short.speaker == "Russia"


def test_a_clause_naming_no_issue_is_on_its_sentence_issue(profile):
    [momentum, gaps] = doc_items(
        profile,
        "The Washington-mediated talks in Abu Dhabi injected new momentum into the effort, although "
        "significant disparities remain between the Russian and Ukrainian positions.",
    )
    assert "process" in momentum.issues
    assert gaps.quote.startswith("significant disparities") and gaps.issues == momentum.issues


def test_a_headline_is_evidence_without_a_full_stop_and_a_sub_headline_is_not(profile):
    text = (
        "Kremlin Says Moscow Still Awaiting Zelensky’s Response\n\n"
        "The Kremlin said on Thursday that it was still waiting for a reply from Kyiv.\n\n"
        "Zelenskyy Emphasizes Urgency Of Talks\n\n"
        "Zelenskyy said the talks in Abu Dhabi must resume soon."
    )
    items = doc_items(profile, text, headline=True)
    assert [e.sentence_id for e in items] == ["d1.s0", "d1.s1", "d1.s3"]
    head = items[0]
    assert head.headline and not items[1].headline
    assert head.speaker == "Russia"  # "Says" is read as "says" in a headline
    assert head.text.endswith(".")


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Zelenskyy invites Putin to Kyiv for talks", True),  # a headline
        ("Russia wants Ukraine to leave Donetsk.", False),
        ("“Russia wants Ukraine to leave Donetsk,” he said.", False),
        ("09:15 GMT – Russia wants Ukraine to leave Donetsk.", False),
        # A long word or link of 80 characters is still prose.
        ("Russia wants Ukraine to leave Donetsk, https://example.org/" + "x" * 60 + " says.", False),
        # An ordinal before its noun names what it counts.
        ("The first round is about energy.", False),
        # A greeting that says where the talks stand is a claim.
        ("Good morning from Istanbul, where the talks have gone into a third day.", False),
        # A headline's verb is no call: "Vote on pay deal set for Friday".
        ("Join talks on Donetsk, Trump tells Putin and Zelensky", True),
        ("Joining the talks, Turkey offered to host the next round.", False),
        # A sentence may end on "that", "to" or "for" with its full stop.
        ("Orsby wants 3.20 euros, with annual increases linked to inflation after that.", False),
        ("Minister Myrska refused it, and she was right to.", False),
        ("The producers' club got exactly what it came for.", False),
    ],
)
def test_whole_sentences_and_headlines_are_claims(text: str, headline: bool):
    assert is_fragment(text, headline) is False


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Zelenskyy invites Putin to Kyiv for talks", False),  # a sub-headline in the body
        ("Zelenskyy Emphasizes Urgency Of Talks", False),
        ("Zelenskyy said on Friday that", True),  # cut off on a function word
        ("Zelenskyy said on Friday that the.", False),  # "the" ends no sentence, stop or none
        ("Russia wants Ukraine to leave Donetsk:", False),  # cut off on a colon
        ("and Kyiv said it would never leave.", False),  # starts mid-sentence
        ("Talks in Kyiv.", True),  # too short to state a fact
        ("09:15 GMT – The Kremlin has responded.", False),  # a time stamp states no fact
        ("21.40 – Kyiv has replied.", False),
        # Decoded markup: a "word" of 81 characters or more is no prose.
        ("A" + "&A" * 40 + " Russia and Ukraine said the talks would continue.", False),
        # A subject pointing back to a list the claim does not name.
        ("The first is about energy.", False),
        ("The latter was rejected by Moscow on Monday.", False),
        ("14:05 – The former was rejected by Moscow on Monday.", False),  # after a time stamp too
        # A live blog's greeting and nothing more.
        ("07:02 – Good morning and welcome to day 13 of the blackout.", False),
        ("Welcome to our live coverage of the Doha talks.", False),
        # A call to the reader.
        ("Join us on the steps of city hall at 9 a.m. on Thursday, June 4, when the council meets.", False),
        ("Sign up for the Courier's Business Briefing, in your inbox every weekday morning.", False),
        ("Write to your regional assembly member today.", False),
    ],
)
def test_fragments_and_sub_headlines_are_not_claims(text: str, headline: bool):
    assert is_fragment(text, headline) is True


def test_a_sentence_naming_no_party_and_no_issue_is_not_evidence(profile: TopicProfile):
    units = [
        unit("Heavy shelling continued along the front line overnight, officials said.", n=1),
        unit("Russia wants Ukrainian soldiers to leave the Donetsk region.", n=2),
        unit("The weather in the capital stayed mild and dry all week.", n=3),
    ]
    items = tag(units, profile)
    assert [e.sentence_id for e in items] == ["d1.s2"]


@pytest.mark.parametrize(
    "announcement",
    [
        "We, the foreign ministers of Russia and Ukraine, make the following statement.",
        "The following is an edited transcript of the Kremlin spokesman's remarks on territory.",
        "Russia and Ukraine agreed on the following:",
        "Here is what Russia has agreed.",
        "Here's how Ukraine sees the territory question:",
    ],
)
def test_a_line_announcing_what_follows_is_no_claim(profile: TopicProfile, announcement: str):
    items = tag(
        [unit(announcement, n=1), unit("Russia wants Ukrainian soldiers to leave Donetsk.", n=2)], profile
    )
    assert [e.sentence_id for e in items] == ["d1.s2"]


@pytest.mark.parametrize(
    "note",
    [
        "Correction: An earlier version of this article said Russia freed 69 prisoners on Thursday.",
        "Editor's note: An earlier version of this story gave Ukraine's offer as 300 prisoners.",
        "The correct number is 96.",
    ],
)
def test_a_correction_note_states_nothing_of_its_own(profile: TopicProfile, note: str):
    """What an earlier version of an article said is withdrawn; "The correct number is 96." leans on it."""
    items = tag([unit(note, n=1), unit("Russia wants Ukrainian soldiers to leave Donetsk.", n=2)], profile)
    assert [e.sentence_id for e in items] == ["d1.s2"]


def test_following_in_a_statement_of_its_own_is_no_announcement(profile: TopicProfile):
    [e] = tag([unit("Kyiv said the following day that it would not cede territory.", n=1)], profile)
    assert e.speaker == "Ukraine"
    # "the following two years" at the end is a time, not what follows.
    [e] = tag([unit("Kyiv offered 4% in the first year and 3% in the following two years.", n=1)], profile)
    assert e.speaker == "Ukraine"
    [e] = tag([unit("Here is what Kyiv wants: a ceasefire on the current line.", n=1)], profile)
    assert e.speaker == "Ukraine"


def test_an_issue_alone_or_a_party_alone_is_enough(profile: TopicProfile):
    items = tag(
        [
            unit("International peacekeepers could be deployed after a ceasefire.", n=1),
            unit("The Kremlin declined to comment on the report.", n=2),
        ],
        profile,
    )
    assert [(e.parties, e.issues) for e in items] == [([], ["peacekeepers"]), (["Russia"], [])]


def test_parties_are_ordered_by_first_mention(profile: TopicProfile):
    [e] = tag([unit("Washington urged Kyiv and Moscow to meet in Abu Dhabi.")], profile)
    assert e.parties == ["United States", "Ukraine", "Russia"]


def test_terms_name_every_alias_of_a_party_as_that_party(profile: TopicProfile):
    [e] = tag([unit("The Kremlin said Putin would meet Zelenskyy only in Moscow.")], profile)
    assert e.terms.count("@Russia") == 3
    assert "@Ukraine" in e.terms
    assert not {"kremlin", "putin", "moscow", "zelenskyy"} & set(e.terms)
    assert "meet" in e.terms and "onli" in e.terms  # stemmed content words


def test_a_pronoun_continues_the_speaker_of_its_own_document_only(profile: TopicProfile):
    items = tag(
        dedupe(
            segment(CleanDocument("d1", "Zelenskyy said Kyiv would never give up Donetsk."))
            + segment(CleanDocument("d2", "He said the talks in Moscow would go on."))
        ),
        profile,
    )
    assert [(e.sentence_id, e.speaker) for e in items] == [("d1.s1", "Ukraine"), ("d2.s1", None)]
    same_doc = doc_items(
        profile, "Zelenskyy said Kyiv would never give up Donetsk. He said the talks in Moscow would go on."
    )
    assert [e.speaker for e in same_doc] == ["Ukraine", "Ukraine"]


def who(items: list[Evidence]) -> list[tuple[str, str] | None]:
    return [(e.who.name, e.who.sentence.id) if e.who else None for e in items]


def test_he_is_named_by_the_sentence_before(profile: TopicProfile):
    text = (
        "Kremlin spokesman Dmitry Peskov said Moscow remains the only venue. "
        "He said Zelenskyy's safety would be guaranteed in Moscow. "
        "“The offer to host the meeting stands,” he added."
    )
    items = doc_items(profile, text)
    assert [e.speaker for e in items] == ["Russia", "Russia", "Russia"]
    # The third: the sentence before it names Zelenskyy, no Russian, and Peskov is further back.
    assert who(items) == [None, ("Peskov", "d1.s1"), None]  # as few words as name him
    assert items[1].words == len(items[1].text.split()) + 1  # a reader reads the name too


def test_he_is_named_only_when_the_person_is_of_the_speakers_party(profile: TopicProfile):
    # The sentence before names Putin too: "he" reads as Ukraine's, so he is Zelenskyy.
    president = "Ukrainian President Volodymyr Zelenskyy said Putin must come to Kyiv."
    items = doc_items(profile, f"{president} He said Ukraine would never give up Donetsk.")
    assert [e.speaker for e in items] == ["Ukraine", "Ukraine"]
    assert who(items) == [None, ("Zelenskyy", "d1.s1")]
    # "He" read as Russia's, after a sentence naming only a Ukrainian: no name is given.
    other = "Russia told President Volodymyr Zelenskyy to leave Donetsk. He said Kyiv must give up Donetsk."
    assert [e.speaker for e in doc_items(profile, other)] == ["Russia", "Russia"]
    assert who(doc_items(profile, other)) == [None, None]
    # A name without a title or affiliation is not known to be a person: no name is given.
    untitled = "Zelenskyy said Putin must come to Kyiv. He said Ukraine would never give up Donetsk."
    assert who(doc_items(profile, untitled)) == [None, None]


def test_its_is_the_one_party_named_before_it(profile: TopicProfile):
    # In the sentence before, or in the clauses of its own sentence before it.
    before = (
        "Kyiv's team arrived on Monday. Its chief negotiator is Defence Minister Rustem Umerov, as in "
        "Abu Dhabi."
    )
    assert who(doc_items(profile, before))[-1] == ("Kyiv", "d1.s1")
    same = (
        "Russia's delegation is headed by Vladimir Medinsky; its chief negotiator is Russian Deputy "
        "Foreign Minister Mikhail Galuzin."
    )
    items = doc_items(profile, same)
    assert [e.text for e in items] == [
        "Russia's delegation is headed by Vladimir Medinsky.",
        "Its chief negotiator is Mikhail Galuzin.",
    ]
    assert who(items) == [None, ("Russia", "d1.s1")]
    assert items[1].words == len(items[1].text.split()) + 1  # a reader reads the party's name too


def test_it_taking_a_stance_is_the_side_named_before_whose_stance_it_reads(profile: TopicProfile):
    """A side's "it" taking a stance ("It still refuses ...") is the side named before, as "he" is
    the person named before; read as another side's, or as a thing's doing, it is no one named."""
    refuses = "Kyiv's team arrived on Monday. It still refuses to cede the Donetsk region."
    assert who(doc_items(profile, refuses)) == [None, ("Kyiv", "d1.s1")]
    insist = "Kyiv sent its team to Geneva. They insist the Zaporizhzhia plant must be returned."
    assert who(doc_items(profile, insist)) == [None, ("Kyiv", "d1.s1")]
    other = "Kyiv's team arrived on Monday. It still refuses to cede the Donetsk region, the Kremlin said."
    assert who(doc_items(profile, other)) == [None, None]
    thing = "Kyiv's plan was published on Monday. It would leave the Donetsk region to later talks."
    assert who(doc_items(profile, thing)) == [None, None]


@pytest.mark.parametrize(
    "text",
    [
        # Two parties named before: whose is not known.
        "Kyiv and Moscow sent their teams. Its chief negotiator is Defence Minister Rustem Umerov, as "
        "before.",
        # Two sentences back.
        "Kyiv's team arrived on Monday. The talks began on Monday in Geneva. Its chief negotiator is "
        "Defence Minister Rustem Umerov.",
        # Its thing may be anything's: "its status" is the plant's.
        "Moscow says the Zaporizhzhia plant belongs to Russia. Its status is not up for negotiation, "
        "Peskov said.",
        # The clause reads as another party's.
        "Kyiv's team arrived on Monday. Their offer is unacceptable, the Kremlin said.",
    ],
)
def test_its_is_named_only_when_one_party_before_it_can_be_meant(profile: TopicProfile, text: str):
    assert who(doc_items(profile, text))[-1] is None


@pytest.mark.parametrize(
    ("text", "owned"),
    [
        ("Its chief negotiator is Rafael Oyarzo.", True),
        ("Their offer still stands.", True),
        ("09:15 GMT - Its delegation has left the hotel.", True),
        ("Its status is not up for negotiation.", False),
        ("It now offers a transition period of five years.", True),
        ("They insist the 14 cranes will go ahead.", True),
        ("It leaves $127 million in pooled funds untouched.", False),  # a plan's doing, maybe
        ("It is not up for negotiation.", False),
        ("The union said its offer still stands.", False),
    ],
)
def test_owns_a_claim_opening_on_a_partys_people_or_position(text: str, owned: bool):
    assert owns(text) is owned


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("We will not accept any weakening of the targets agreed in April.", False),  # whose "we"?
        ("Our members rejected the offer by 94% on Wednesday.", False),
        ("He said a second round was due on Sunday.", False),
        ("“We are ready,” the minister said.", False),
        ("Wellington said it would host the next round.", True),
        ("Western capitals back the plan.", True),
    ],
)
def test_a_claim_opening_on_a_pronoun_or_a_quotation_does_not_read_alone(profile: TopicProfile, text, alone):
    every = Issue(id="every", label="Every sentence", keywords=["[a-z]+"])
    [e] = tag([unit(text, n=1)], profile.model_copy(update={"issues": [every]}))
    assert reads_alone(e) is alone


def test_we_is_named_as_the_party_whose_statement_the_article_declares_itself(profile: TopicProfile):
    statement = (
        "Statement by the Kremlin on the talks\n\nWe will not withdraw from the Donetsk region. "
        "Our delegation will stay in Abu Dhabi until Sunday. Kyiv says the talks on territory failed."
    )
    items = doc_items(profile, statement, headline=True)
    assert [(e.text, e.speaker) for e in items[1:]] == [
        ("We will not withdraw from the Donetsk region.", "Russia"),
        ("Our delegation will stay in Abu Dhabi until Sunday.", "Russia"),
        ("Kyiv says the talks on territory failed.", "Ukraine"),
    ]
    assert who(items)[1:] == [("Kremlin", "d1.s0"), ("Kremlin", "d1.s0"), None]
    assert all(reads_alone(e) for e in items)
    # In an article that is no party's statement, "we" is no one's and the claim does not read alone.
    report = "Talks on territory resumed.\n\nWe will not withdraw from the Donetsk region, a soldier said."
    [*_, soldier] = doc_items(profile, report, headline=True)
    assert soldier.who is None and not reads_alone(soldier)
