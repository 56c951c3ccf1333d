"""Verify: claims must cite real sentences, quote them verbatim and say nothing their quotes
don't; what fails is dropped with every reference to it, and a status left without a claim to
rest on becomes "unknown"."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from service import status as statuses
from service.ingest import ingest
from service.schema import Brief, Citation, Claim, ClaimRef, IssueBrief, Meta, PartyBrief, Position
from service.schema import Document as InDocument
from service.segment import Sentence
from service.settings import PROJECT_ROOT, Settings
from service.topic import load_profile
from service.verify import Sources, check_brief, check_claim, check_who, rule_party, verdicts, verify_brief

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
WANTS = (
    "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region that the Russian "
    "army does not control."
)
KYIV = "Kyiv has stated that it does not want to give Moscow territory that Russia has not gained"


@pytest.fixture(scope="module")
def sources() -> Sources:
    docs = ingest([InDocument(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])
    topics = PROJECT_ROOT / "prompts" / "topics"
    return Sources.of(docs, load_profile("ukraine_peace_talks", topics, "ukraine_peace_talks"))


def sentence_starting(sources: Sources, start: str) -> Sentence:
    [s] = [s for s in sources.sentences.values() if s.text.startswith(start)]
    return s


def cite(s: Sentence, quote: str | None = None, doc_id: str | None = None, sid: str | None = None):
    return Citation(
        doc_id=doc_id or s.doc_id, sentence_id=sid or s.id, quote=s.text if quote is None else quote
    )


def claim(text: str, *citations: Citation, cid: str | None = None) -> Claim:
    return Claim(id=cid, text=text, citations=list(citations))


def brief(summary=(), parties=(), issues=()) -> Brief:
    return Brief(
        topic="ukraine_peace_talks",
        as_of=None,
        summary=list(summary),
        parties=list(parties),
        issues=list(issues),
        sources=[],
        meta=Meta(model=None, prompt_version="none", method="extractive", dropped_claims=1, repaired=1),
        warnings=["earlier warning"],
    )


def test_the_seed_sentence_is_where_the_article_puts_it(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    assert s.text == WANTS and s.doc_id == "003"
    assert sources.documents["003"].text[s.start : s.end] == WANTS


def test_a_verbatim_claim_is_supported(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    assert check_claim(claim(WANTS, cite(s)), sources) is None


def test_a_claim_using_fewer_of_the_quoted_words_is_supported(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    quote = "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region"
    assert (
        check_claim(claim("Russia wants Ukrainian soldiers to leave Donetsk", cite(s, quote=quote)), sources)
        is None
    )


def test_a_claim_is_checked_against_its_quote_not_the_whole_sentence(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    # "Donetsk" is in the sentence, but not in the part of it the claim quotes.
    reason = check_claim(
        claim("Ukrainian soldiers to leave Donetsk", cite(s, quote="Ukrainian soldiers to leave")), sources
    )
    assert reason is not None and "not in the cited text" in reason and reason.endswith(": donetsk")


# A claim only the two sentences together support.
TWO_SENTENCES = (
    "Russia wants Ukrainian soldiers to leave Donetsk; "
    "Kyiv has stated it does not want to give Moscow territory."
)


def test_a_claim_may_rest_on_two_sentences(sources: Sources):
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    kyiv = sentence_starting(sources, KYIV)
    text = TWO_SENTENCES
    assert check_claim(claim(text, cite(wants)), sources) is not None
    assert check_claim(claim(text, cite(wants), cite(kyiv)), sources) is None


def test_a_claim_rests_on_its_first_twenty_distinct_quotes(sources: Sources):
    # Copies of one story: a claim cites each copy, and is read against its first distinct quotes.
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    kyiv = sentence_starting(sources, KYIV)
    text = TWO_SENTENCES
    copies = [cite(wants, quote=WANTS[: len(WANTS) - n]) for n in range(19)]
    assert check_claim(claim(text, *copies, cite(wants), cite(kyiv)), sources) is None  # 20 distinct
    reason = check_claim(claim(text, *copies, cite(wants, quote=WANTS[:-20]), cite(kyiv)), sources)
    assert reason is not None and "not in the cited text" in reason


def test_a_non_existent_sentence_id_is_rejected(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    reason = check_claim(claim(WANTS, cite(s, sid="003.s999")), sources)
    assert reason is not None and "003.s999" in reason and "does not exist" in reason


def test_the_right_sentence_under_the_wrong_document_is_rejected(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    reason = check_claim(claim(WANTS, cite(s, doc_id="004")), sources)
    assert reason is not None and "does not exist" in reason


@pytest.mark.parametrize(
    "quote",
    [
        "Russia wants Ukrainian soldiers to leave all of Donetsk region",  # altered
        "russia wants ukrainian soldiers",  # case changed
        "  ",  # blank, and in no sentence
        "",  # empty: in every string, so only the empty-quote rule rejects it
        " ",  # blank, yet in every sentence of two words
    ],
)
def test_a_quote_not_verbatim_in_its_sentence_is_rejected(sources: Sources, quote: str):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    reason = check_claim(claim("Russia wants Ukrainian soldiers to leave", cite(s, quote=quote)), sources)
    assert reason is not None and "not verbatim" in reason


@pytest.mark.parametrize("quote", ["", " "], ids=["empty", "space"])
def test_an_empty_citation_beside_a_supporting_one_is_rejected(sources: Sources, quote: str):
    """A citation quoting nothing supports nothing, even when the claim's other citation holds it all."""
    wants, kyiv = sentence_starting(sources, "Russia wants Ukrainian"), sentence_starting(sources, KYIV)
    assert check_claim(claim(WANTS, cite(wants)), sources) is None
    reason = check_claim(claim(WANTS, cite(wants), cite(kyiv, quote=quote)), sources)
    assert reason is not None and f"quote from {kyiv.id} is not verbatim" in reason


@pytest.mark.parametrize("quote", ["", " "], ids=["empty", "space"])
def test_an_empty_quote_is_held_by_no_sentence(sources: Sources, quote: str):
    """A citation without a sentence id is pinned by its quote; an empty one pins to none."""
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    assert sources.holding(wants.doc_id, "Russia wants Ukrainian") == wants
    assert sources.holding(wants.doc_id, quote) is None


def test_a_quote_from_another_sentence_is_rejected(sources: Sources):
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    kyiv = sentence_starting(sources, KYIV)
    reason = check_claim(claim("Kyiv has stated", cite(wants, quote=kyiv.text)), sources)
    assert reason is not None and wants.id in reason


def test_ukraine_agreed_to_withdraw_is_not_supported_by_russia_wanting_it(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    reason = check_claim(claim("Ukraine agreed to withdraw from Donetsk", cite(s)), sources)
    assert reason is not None and "not in the cited text" in reason
    # Only the invented verb is unsupported when the rest of the wording comes from the sentence.
    reason = check_claim(claim("Ukrainian soldiers agreed to leave Donetsk", cite(s)), sources)
    assert reason is not None
    assert reason.endswith(": agre"), reason  # "agreed", folded


def test_a_claim_with_a_changed_document_text_is_rejected(sources: Sources):
    s = sentence_starting(sources, "Russia wants Ukrainian")
    moved = Sentence(s.id, s.doc_id, s.start + 1, s.end + 1, s.text)
    shifted = Sources(sources.documents, {**sources.sentences, s.id: moved}, sources.parties)
    reason = check_claim(claim(WANTS, cite(s)), shifted)
    assert reason is not None and "does not match" in reason


def test_verify_brief_drops_each_bad_claim_counts_and_names_it(sources: Sources):
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    kyiv = sentence_starting(sources, KYIV)
    good_wants = claim(WANTS, cite(wants), cid="c1")
    missing = claim(WANTS, cite(wants, sid="003.s999"), cid="c2")
    misquoted = claim(
        "Russia wants Ukrainian soldiers to leave", cite(wants, quote="Russia wants all"), cid="c3"
    )
    invented = claim("Ukraine agreed to withdraw from Donetsk", cite(wants), cid="c4")
    good_kyiv = claim(kyiv.text, cite(kyiv), cid="c5")
    wrong_doc = claim(kyiv.text, cite(kyiv, doc_id="001"), cid="c6")
    original = brief(
        summary=[missing, good_wants],
        parties=[PartyBrief(party="Russia", claims=[misquoted]), PartyBrief(party="Ukraine", claims=[])],
        issues=[
            IssueBrief(
                issue="territory",
                label="Territory",
                status="open",
                status_basis=["c5"],
                positions=[
                    Position(party="Russia", claim=ClaimRef(see="c1")),
                    Position(party="Ukraine", claim=invented),
                    Position(party="Ukraine", claim=good_kyiv),
                ],
                reported=[wrong_doc],
            )
        ],
    )
    before = original.model_dump()
    out, report = verify_brief(original, sources)

    assert original.model_dump() == before  # the input is not modified
    assert [c.text for c in out.summary] == [WANTS]
    assert out.parties[0].claims == []
    [territory] = out.issues
    assert [(p.party, out.resolve(p.claim).text) for p in territory.positions] == [
        ("Russia", WANTS),
        ("Ukraine", kyiv.text),
    ]
    assert territory.reported == []
    assert (territory.status, territory.status_basis) == ("open", ["c5"])  # its basis stands
    assert len(report.dropped) == 4 and report.repaired == []
    assert report.counts == {"text_dropped": 4}
    assert out.meta.dropped_claims == 1 + 4  # added to what earlier steps dropped
    assert out.warnings[0] == "earlier warning"
    [warning] = out.warnings[1:]
    assert warning.startswith("dropped 4 unsupported claim(s)")
    assert warning == "dropped 4 unsupported claim(s): " + "; ".join(report.dropped)
    for reason in report.dropped:
        assert reason in warning
    assert "003.s999" in warning and "not verbatim" in warning and "agre" in warning
    assert f"001/{kyiv.id}" in warning
    # Every claim left passes on its own.
    assert all(check_claim(c, sources) is None for c in out.claims())


def test_a_claim_saying_a_word_its_quote_lacks_goes_with_every_reference_to_it(sources: Sources):
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    kyiv = sentence_starting(sources, KYIV)
    quote = "Russia wants Ukrainian soldiers to leave"
    # "Donetsk" is in the sentence, not in the quote: the claim says more than it cites.
    overreach = claim("Russia wants Ukrainian soldiers to leave Donetsk", cite(wants, quote=quote), cid="c1")
    refuses = claim(kyiv.text, cite(kyiv), cid="c2")
    original = brief(
        summary=[overreach, refuses],
        parties=[PartyBrief(party="Russia", claims=[ClaimRef(see="c1")])],
        issues=[
            IssueBrief(
                issue="territory",
                label="Territory",
                status="open",
                status_basis=["c1", "c2"],
                positions=[
                    Position(party="Russia", claim=ClaimRef(see="c1")),
                    Position(party="Ukraine", claim=ClaimRef(see="c2")),
                ],
                reported=[ClaimRef(see="c1")],
            )
        ],
    )
    out, report = verify_brief(original, sources)
    assert [c.id for c in out.summary] == ["c2"]
    assert out.parties[0].claims == []
    [territory] = out.issues
    assert [(p.party, p.claim) for p in territory.positions] == [("Ukraine", ClaimRef(see="c2"))]
    assert territory.reported == []
    assert (territory.status, territory.status_basis) == ("open", ["c2"])
    assert len(report.dropped) == 1 and "donetsk" in report.dropped[0]
    assert report.repaired == []
    assert [x.see for x in out.listings() if isinstance(x, ClaimRef)] == ["c2"]


def test_a_status_left_with_no_claim_to_rest_on_is_repaired_to_unknown(sources: Sources):
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    invented = claim("Ukraine agreed to withdraw from Donetsk", cite(wants), cid="c1")
    good = claim(WANTS, cite(wants), cid="c2")
    original = brief(
        summary=[invented, good],
        issues=[
            IssueBrief(
                issue="territory",
                label="Territory",
                status="agreed",
                status_basis=["c1"],
                positions=[Position(party="Russia", claim=ClaimRef(see="c2"))],
                reported=[ClaimRef(see="c1")],
            ),
            IssueBrief(  # a basis naming no claim of the brief is no basis either
                issue="venue", label="Venue", status="open", status_basis=["c9"], positions=[]
            ),
        ],
    )
    out, report = verify_brief(original, sources)
    territory, venue = out.issues
    assert (territory.status, territory.status_basis) == ("unknown", [])
    assert territory.reported == [] and [p.claim for p in territory.positions] == [ClaimRef(see="c2")]
    assert (venue.status, venue.status_basis) == ("unknown", [])
    assert len(report.repaired) == 2 and out.meta.repaired == 1 + 2  # added to the brief's own
    assert "territory" in report.repaired[0] and "'agreed'" in report.repaired[0]
    assert "venue" in report.repaired[1] and "'open'" in report.repaired[1]
    assert all(r in out.warnings for r in report.repaired)
    assert len(report.dropped) == 1 and out.meta.dropped_claims == 1 + 1


def test_an_open_status_may_rest_on_two_sides_positions(sources: Sources):
    """Open with no cue word: Russia's and Ukraine's positions on the venue bear it out, one side's
    alone does not."""
    moscow = sentence_starting(sources, "Putin has previously ruled out")
    kyiv = sentence_starting(sources, "Ukrainian President Zelenskyy invites Putin")

    def venue(*positions: tuple[str, str]) -> Brief:
        claims = [claim(moscow.text, cite(moscow), cid="c1"), claim(kyiv.text, cite(kyiv), cid="c2")]
        return brief(
            summary=claims,
            issues=[
                IssueBrief(
                    issue="venue",
                    label="Venue",
                    status="open",
                    status_basis=["c1", "c2"],
                    positions=[Position(party=p, claim=ClaimRef(see=c)) for p, c in positions],
                )
            ],
        )

    profile = sources.parties.profile
    cued = dataclasses.replace(sources, cues=statuses.cues(profile, PROJECT_ROOT / "prompts"))
    out, report = verify_brief(venue(("Russia", "c1"), ("Ukraine", "c2")), cued)
    assert (out.issues[0].status, out.issues[0].status_basis) == ("open", ["c1", "c2"])
    assert report.repaired == []
    out, report = verify_brief(venue(("Russia", "c1")), cued)
    assert (out.issues[0].status, out.issues[0].status_basis) == ("unknown", [])
    assert len(report.repaired) == 1 and "venue" in report.repaired[0]


DE_ESCALATION = "“De-escalation steps contribute to real progress toward ending the war,” he added."


def named_he(sources: Sources, start: str, name: str, text: str = DE_ESCALATION) -> Claim:
    """The claim `text` (quoted whole from its sentence), with `who` quoting `name` from the
    sentence opening `start`."""
    said = sentence_starting(sources, text)
    holder = sentence_starting(sources, start)
    return Claim(text=text, citations=[cite(said)], who=cite(holder, name))


def test_who_names_a_person_of_the_party_before_the_claim(sources: Sources):
    assert check_who(named_he(sources, "Zelenskyy wrote on X", "Zelenskyy"), sources) is None
    plain = claim(WANTS, cite(sentence_starting(sources, "Russia wants Ukrainian")))
    assert check_who(plain, sources) is None  # nothing to check


@pytest.mark.parametrize(
    ("start", "name", "text", "reason"),
    [
        # Putin is named before, but the claim reads as Zelenskyy's: Ukraine's, not Russia's.
        ("US President Donald Trump", "Putin", DE_ESCALATION, ": Russia's, but the claim reads as Ukraine's"),
        (
            "On Thursday, the Kremlin",
            "Zelensky",
            "Fierce warfare continues",
            "Ukraine's, but the claim reads as no one's",
        ),
        ("Zelenskyy wrote on X", "Zelenskyy wrote", DE_ESCALATION, ": no person the articles tie to a party"),
        (
            "Zelenskyy wrote on X",
            "Zelensky",
            DE_ESCALATION,
            ": not a whole name in 004.s12",
        ),  # of "Zelenskyy"
        ("Zelenskyy wrote on X", "Zelenski", DE_ESCALATION, "is not verbatim in that sentence"),
        (
            "Zelenskyy wrote on X",
            "Zelenskyy",
            WANTS,
            ": the claim has no he or she to name, nor an opening its, their, we or our",
        ),
    ],
)
def test_who_that_does_not_hold_says_why(sources: Sources, start: str, name: str, text: str, reason: str):
    claim = named_he(sources, start, name, text)
    if not text.startswith(("“", "Russia")):  # a background sentence, given a "he" to name
        claim = claim.model_copy(update={"text": "He said so."})
    assert (check_who(claim, sources) or "").endswith(reason)


def test_who_is_checked_before_the_claim_in_its_article(sources: Sources):
    later = named_he(sources, "However, several sticking points", "Russia")
    assert (check_who(later, sources) or "").endswith(": not named before the claim in its article")
    own = named_he(sources, DE_ESCALATION, "De")  # the claim's own sentence is not before it
    assert (check_who(own, sources) or "").endswith(": not named before the claim in its article")
    # A claim citing no known sentence has no article: nothing is named before it.
    lost = named_he(sources, "Zelenskyy wrote on X", "Zelenskyy")
    lost.citations[0] = lost.citations[0].model_copy(update={"sentence_id": "004.s99"})
    assert (check_who(lost, sources) or "").endswith(": not named before the claim in its article")


ITS_ARTICLE = (
    "Talks resumed in Geneva on Monday. Kyiv's team arrived late. "
    "Russia's delegation is headed by Vladimir Medinsky; its chief negotiator is Russian Deputy Foreign "
    "Minister Mikhail Galuzin. Kyiv and Moscow both sent lawyers. Their offer still stands, the Kremlin "
    "said. Kyiv's delegation flew in on Monday; its chief negotiator is Rustem Umerov, who met Kremlin "
    "aide Yuri Ushakov."
)


def article_sources(text: str) -> Sources:
    """The sources of one article, d1, under the seed topic."""
    docs = ingest([InDocument(id="d1", text=text)])
    return Sources.of(docs, load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", None))


@pytest.fixture(scope="module")
def its_sources() -> Sources:
    return article_sources(ITS_ARTICLE)


def owned(sources: Sources, text: str, said: str, start: str, name: str) -> Claim:
    """The claim `text` quoting `said` from its sentence, with `who` quoting `name` from the
    sentence opening `start`."""
    [sentence] = [s for s in sources.sentences.values() if said in s.text]
    return Claim(
        text=text, citations=[cite(sentence, said)], who=cite(sentence_starting(sources, start), name)
    )


def test_its_names_the_one_party_named_before_it(its_sources: Sources):
    galuzin = "its chief negotiator is Russian Deputy Foreign Minister Mikhail Galuzin"
    # In the clauses before it, in its own sentence.
    good = owned(
        its_sources, "Its chief negotiator is Mikhail Galuzin.", galuzin, "Russia's delegation", "Russia"
    )
    assert check_who(good, its_sources) is None
    # A name after the clause, or in no sentence before it, is no antecedent.
    late = owned(its_sources, "Its chief negotiator is Mikhail Galuzin.", galuzin, "Kyiv and Moscow", "Kyiv")
    assert (check_who(late, its_sources) or "").endswith(": not named before the claim in its article")
    # A sentence naming two parties does not say whose.
    two = owned(
        its_sources, "Their offer still stands.", "Their offer still stands", "Kyiv and Moscow", "Kyiv"
    )
    assert (check_who(two, its_sources) or "").endswith(": not the one party its sentence names")
    # Nor is a person a party's "its".
    person = owned(
        its_sources, "Its chief negotiator is Mikhail Galuzin.", galuzin, "Russia's", "Vladimir Medinsky"
    )
    assert (check_who(person, its_sources) or "").endswith(": not the one party its sentence names")
    # In the claim's own sentence the name must come before the clause it cites, and "he" is
    # never named there.
    whole = owned(
        its_sources, "Its chief negotiator is Mikhail Galuzin.", "Russia's delegation", "Russia's", "Russia"
    )
    assert (check_who(whole, its_sources) or "").endswith(": not named before the claim in its article")
    he = owned(its_sources, "He said so.", galuzin, "Russia's delegation", "Vladimir Medinsky")
    assert (check_who(he, its_sources) or "").endswith(": not named before the claim in its article")
    # In its own sentence only the clauses before the claim's are read for the party.
    umerov = "its chief negotiator is Rustem Umerov, who met Kremlin aide Yuri Ushakov."
    own = owned(its_sources, "Its chief negotiator is Rustem Umerov.", umerov, "Kyiv's delegation", "Kyiv")
    assert check_who(own, its_sources) is None
    # The claim reads as another party's than the one named.
    other = owned(
        its_sources,
        "Their offer still stands, the Kremlin said.",
        "Their offer still stands, the Kremlin said.",
        "Kyiv's team",
        "Kyiv",
    )
    assert (check_who(other, its_sources) or "").endswith(": Ukraine's, but the claim reads as Russia's")


def test_why_who_fails_shows_the_first_forty_characters_of_the_name(sources: Sources):
    long = named_he(sources, "Zelenskyy wrote on X", "Zelenskyy wrote on X that the issue of a ceasefire")
    reason = check_who(long, sources) or ""
    assert reason.startswith("who 'Zelenskyy wrote on X that the issue of a' in claim '“De-escalation")


def test_a_who_that_does_not_hold_is_removed_and_counted(sources: Sources):
    good = named_he(sources, "Zelenskyy wrote on X", "Zelenskyy")
    bad = named_he(sources, "US President Donald Trump", "Putin").model_copy(update={"id": "c2"})
    original = brief(
        summary=[good.model_copy(update={"id": "c1"})],
        parties=[PartyBrief(party="Ukraine", claims=[bad])],
    )
    assert [v.kind for v in verdicts(original, sources) if not v.ok] == ["who"]
    out, report = verify_brief(original, sources)
    assert out.summary[0].who == good.who and out.parties[0].claims[0].who is None
    assert report.counts == {"who_repaired": 1} and report.dropped == []
    assert "Putin" in report.repaired[0] and "left unnamed" in report.repaired[0]
    assert report.repaired[0] in out.warnings


def test_verify_brief_keeps_a_fully_supported_brief_unchanged(sources: Sources):
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    kyiv = sentence_starting(sources, KYIV)
    original = brief(
        summary=[claim(WANTS, cite(wants), cid="c1")],
        parties=[PartyBrief(party="Ukraine", claims=[claim(kyiv.text, cite(kyiv), cid="c2")])],
        issues=[
            IssueBrief(
                issue="territory",
                label="Territory",
                status="open",
                status_basis=["c2"],
                positions=[Position(party="Russia", claim=ClaimRef(see="c1"))],
                reported=[ClaimRef(see="c2")],
            )
        ],
    )
    out, report = verify_brief(original, sources)
    assert report.dropped == [] and report.repaired == []
    assert out.model_dump() == original.model_dump()


def test_an_added_negation_is_not_supported(sources: Sources):
    s = sentence_starting(sources, "Russia has renewed its invitation")
    assert " not " not in s.text
    negated = "Russia has not renewed its invitation for Zelenskyy to hold peace talks in Moscow"
    assert check_claim(claim(negated, cite(s)), sources) is not None


def test_the_dropped_warning_names_the_first_five_reasons(sources: Sources):
    """Six dropped claims are all counted, but the warning names only the first five."""
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    bad = [claim(WANTS, cite(wants, sid=f"003.s99{n}")) for n in range(6)]
    out, report = verify_brief(brief(summary=bad), sources)
    assert out.summary == [] and len(report.dropped) == 6
    assert out.warnings[1:] == ["dropped 6 unsupported claim(s): " + "; ".join(report.dropped[:5])]
    assert "003.s994" in out.warnings[1] and "003.s995" not in out.warnings[1]


def test_a_failing_claim_is_named_by_its_first_60_characters(sources: Sources):
    """Reasons quote at most 60 characters of a claim or quote, so a long one cannot flood the warnings."""
    wants = sentence_starting(sources, "Russia wants Ukrainian")
    long_claim = claim(WANTS + " Ukraine agreed.", cite(wants))
    assert check_claim(long_claim, sources) == f"claim {WANTS[:60]!r}: words not in the cited text: agre"
    uncited = long_claim.model_copy(update={"citations": []})
    assert check_claim(uncited, sources) == f"claim {WANTS[:60]!r} cites nothing"
    unpinned = claim(WANTS, Citation(doc_id="003", sentence_id="", quote=WANTS))
    assert check_claim(unpinned, sources) == f"quote {WANTS[:60]!r} is in no sentence of document '003'"


KYIV_REJECTS = "Kyiv rejected the plan, saying it would never hand over land it still holds."
UNION = "The union said no container would move until every member had a signed contract."


def brief_data(text: str, doc_id: str, party: str, status: str = "unknown", **citation) -> dict:
    """A brief, as JSON data, with one claim on `text` of document doc_id, placed under `party`."""
    c = {"doc_id": doc_id, "quote": text, **citation}
    issue = IssueBrief(issue="territory", label="Territory", status=status, status_basis=["c1"], positions=[])
    data = brief(issues=[issue]).model_dump(mode="json")
    data["parties"] = [{"party": party, "claims": [{"id": "c1", "text": text, "citations": [c]}]}]
    return data


def failed(verdicts) -> list[tuple[str, str]]:
    return [(v.kind, v.reason) for v in verdicts if not v.ok]


def test_check_brief_reads_parties_by_the_topic_it_is_given():
    """A claim under a port-strike party is checked against the port_strike profile's parties."""
    docs = [InDocument(id="p", text=UNION)]
    union = "International Dockworkers Union Local 17"
    assert failed(check_brief(brief_data(UNION, "p", union), docs, "port_strike", Settings())) == []
    [(kind, reason)] = failed(check_brief(brief_data(UNION, "p", union), docs, None, Settings()))
    assert kind == "party" and f"cites no sentence naming {union}" in reason


@pytest.mark.parametrize(("status", "ok"), [("open", True), ("agreed", False)])
def test_check_brief_holds_a_status_to_the_topics_cue_words(status: str, ok: bool):
    """A status rests on the cue words: "Kyiv rejected the plan" bears out "open", not "agreed"."""
    data = brief_data(KYIV_REJECTS, "k", "Ukraine", status=status)
    verdicts = check_brief(data, [InDocument(id="k", text=KYIV_REJECTS)], None, Settings())
    assert failed(verdicts) == (
        [] if ok else [("status", "status of territory is 'agreed', but no claim it rests on says so")]
    )


def test_an_agreed_status_may_rest_on_an_item_of_a_deal_s_terms_listed():
    """ "Annual subsidy of EUR 16.8m from July 1." bears out "agreed" as an item of a list of the
    deal's terms ("Key terms:"), and not as a sentence of prose."""
    item = "Annual subsidy of EUR 16.8m from July 1."
    for text, ok in ((f"Key terms:\n- {item}\n", True), (f"The papers say so.\n\n{item}\n", False)):
        data = brief_data(item, "k", "Ukraine", status="agreed")
        data["issues"][0]["status_basis"] = ["c1"]
        verdicts = check_brief(data, [InDocument(id="k", text=text)], None, Settings())
        assert [k for k, _ in failed(verdicts) if k == "status"] == ([] if ok else ["status"]), text


@pytest.mark.parametrize(
    ("citation", "reason"),
    [
        ({}, None),  # another tool's citation: pinned by its quote
        ({"sentence_id": ""}, None),
        ({"sentence_id": "k.s1"}, None),
        ({"sentence_id": "k.s9"}, "cites k/k.s9, which does not exist"),  # not re-pinned
    ],
)
def test_check_brief_pins_only_a_citation_without_a_sentence_id(citation: dict, reason: str | None):
    """A citation lacking a sentence id is pinned by its quote; a wrong id is not silently corrected."""
    data = brief_data(KYIV_REJECTS, "k", "Ukraine", **citation)
    verdicts = check_brief(data, [InDocument(id="k", text=KYIV_REJECTS)], None, Settings())
    assert [r for _, r in failed(verdicts)] == ([] if reason is None else [reason])


@pytest.mark.parametrize("quote", [7, None, ["a"]])
def test_check_brief_rejects_a_quote_that_is_not_text(quote):
    """A citation whose quote is not a string is a brief outside the schema, not a crash."""
    data = brief_data(KYIV_REJECTS, "k", "Ukraine")
    data["parties"][0]["claims"][0]["citations"][0]["quote"] = quote
    with pytest.raises(ValidationError):
        check_brief(data, [InDocument(id="k", text=KYIV_REJECTS)], None, Settings())


WE_STATEMENT = (
    "Statement by the Kremlin on the talks\n\nWe will not withdraw from the Donetsk region. "
    "Kyiv and Moscow both sent lawyers to Abu Dhabi. Our delegation will stay until Sunday."
)


@pytest.fixture(scope="module")
def we_sources() -> Sources:
    return article_sources(WE_STATEMENT)


def test_we_names_the_party_whose_statement_the_article_declares_itself(we_sources: Sources):
    withdraw = "We will not withdraw from the Donetsk region."
    good = owned(we_sources, withdraw, withdraw, "Statement by", "Kremlin")
    assert check_who(good, we_sources) is None
    # Another party, though named before the claim, is not whose statement it is.
    late = owned(
        we_sources, "Our delegation will stay until Sunday.", "Our delegation", "Kyiv and Moscow", "Kyiv"
    )
    assert (check_who(late, we_sources) or "").endswith(
        ": not the party whose statement its sentence declares the article"
    )
    # A word of the declaration that names no party names no one.
    word = owned(we_sources, withdraw, withdraw, "Statement by", "talks")
    assert (check_who(word, we_sources) or "").endswith(
        ": not the party whose statement its sentence declares the article"
    )
    # Nor is the declared party named from a sentence that declares nothing.
    moscow = owned(
        we_sources, "Our delegation will stay until Sunday.", "Our delegation", "Kyiv and Moscow", "Moscow"
    )
    assert (check_who(moscow, we_sources) or "").endswith(
        ": not the party whose statement its sentence declares the article"
    )


def test_we_is_named_only_from_a_declaration_in_the_article_s_lead():
    text = (
        "Talks resumed in Abu Dhabi on Monday. Kyiv sent lawyers. Moscow sent generals. Both sides "
        "met for six hours.\n\nStatement by the Kremlin on the talks\n\nWe will not withdraw from Donetsk."
    )
    sources = article_sources(text)
    withdraw = "We will not withdraw from Donetsk."
    claim_ = owned(sources, withdraw, withdraw, "Statement by", "Kremlin")
    assert (check_who(claim_, sources) or "").endswith(
        ": not the party whose statement the article's lead declares it"
    )


def test_an_interview_s_answer_reads_as_its_one_guest_s_party():
    sources = article_sources(
        "The following is an edited transcript of an interview with Kremlin spokesman Dmitry Peskov.\n\n"
        "Q: Kyiv says the talks on territory have failed.\n\n"
        "A: Kyiv says many things. The talks on territory will go on.\n\n"
        "Q: Will Ukraine withdraw from Donetsk?"
    )
    answer = sentence_starting(sources, "The talks on territory will go on")
    assert rule_party(claim(answer.text, cite(answer)), sources) == "Russia"
    # The answer's own first sentence is the guest's too, though it names Kyiv saying something.
    opening = sentence_starting(sources, "A: Kyiv says")
    assert rule_party(claim(opening.text, cite(opening)), sources) == "Russia"
    question = sentence_starting(sources, "Q: Kyiv says")
    assert rule_party(claim(question.text, cite(question)), sources) is None


def test_a_he_is_read_after_the_clauses_of_the_sentence_before_as_a_brief_reads_them():
    """The sentence before offers in one clause and refuses in the next: "he" is the one who
    refused, as the pipeline reads it clause by clause, not the sentence's first speaker."""
    sources = article_sources(
        "Talks resumed in Geneva on Monday. The Kremlin has offered Ukraine's chief negotiator Rustem "
        "Umerov a truce of ten days; on Tuesday Umerov turned it down. “A truce to rearm is no truce,” "
        "he said."
    )
    said = sentence_starting(sources, "“A truce to rearm")
    holder = sentence_starting(sources, "The Kremlin has offered")
    quote = Claim(text=said.text, citations=[cite(said)], who=cite(holder, "Umerov"))
    assert rule_party(quote, sources) == "Ukraine"
    assert check_who(quote, sources) is None
