"""One verifier for everything a brief asserts: a claim's text, the party it stands under and an
issue's status. What fails is repaired to the rule's answer (or dropped), counted and named."""

from __future__ import annotations

import pytest

from service import status as statuses
from service.briefing import make_brief
from service.ingest import ingest
from service.schema import Brief, Citation, Claim, ClaimRef, IssueBrief, Meta, PartyBrief, Position
from service.schema import Document as InDocument
from service.segment import Sentence
from service.settings import PROJECT_ROOT, Settings
from service.topic import load_profile
from service.verify import Sources, check_party, check_status, rule_party, verdicts, verify_brief
from tests.test_llm_faults import CHAT, FAST, compromised_chat_model, fake, model_for, seed_request  # noqa: F401

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
TOPIC = "ukraine_peace_talks"


@pytest.fixture(scope="module")
def sources() -> Sources:
    docs = ingest([InDocument(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])
    profile = load_profile(TOPIC, PROJECT_ROOT / "prompts" / "topics", TOPIC)
    return Sources.of(docs, profile, statuses.cues(profile, PROJECT_ROOT / "prompts"))


def sentence(sources: Sources, start: str) -> Sentence:
    [s] = [s for s in sources.sentences.values() if s.text.startswith(start)]
    return s


def claim_of(s: Sentence, cid: str) -> Claim:
    return Claim(id=cid, text=s.text, citations=[Citation(doc_id=s.doc_id, sentence_id=s.id, quote=s.text)])


def brief_with(issues=(), parties=(), summary=()) -> Brief:
    return Brief(
        topic=TOPIC,
        as_of=None,
        summary=list(summary),
        parties=list(parties),
        issues=list(issues),
        sources=[],
        meta=Meta(model=None, prompt_version="none", method="llm"),
    )


def test_a_sentence_stating_russias_demand_is_not_ukraines_position(sources: Sources):
    wants = claim_of(sentence(sources, "Russia wants Ukrainian soldiers"), "c1")
    assert check_party(wants, "Russia", sources) is None
    reason = check_party(wants, "Ukraine", sources)
    assert reason is not None and "Russia's position, not Ukraine's" in reason


STATEMENT = """Local 17 statement on the Harbor Employers Council's latest offer

We will not accept any contract that lets the employers install automated cranes without a written \
guarantee of jobs. The employers' offer of a 3% raise does not keep pace with inflation.
We remain ready to return to the table at any time, with the mediator's help."""


def test_the_we_of_a_partys_own_statement_may_hold_that_party():
    profile = load_profile("port_strike", PROJECT_ROOT / "prompts" / "topics", "port_strike")
    docs = ingest([InDocument(id="release", text=STATEMENT)])
    statement = Sources.of(docs, profile)
    [we] = [s for s in statement.sentences.values() if s.text.startswith("We will not accept")]
    claim = claim_of(we, "c1")
    assert rule_party(claim, statement) == "International Dockworkers Union Local 17"
    assert check_party(claim, "International Dockworkers Union Local 17", statement) is None
    assert "Local 17's position, not Harbor Employers Council's" in check_party(
        claim, "Harbor Employers Council", statement
    )
    # The same words in an article that is no party's statement are no one's.
    news = Sources.of(
        ingest([InDocument(id="news", text=STATEMENT.replace("Local 17 statement on", "Reaction to"))]),
        profile,
    )
    [we] = [s for s in news.sentences.values() if s.text.startswith("We will not accept")]
    assert rule_party(claim_of(we, "c1"), news) is None


def test_a_party_the_sentence_does_not_name_cannot_hold_it(sources: Sources):
    rubio = claim_of(sentence(sources, "On Wednesday, US Secretary of State Marco Rubio"), "c1")
    assert check_party(rubio, "United States", sources) is None
    assert check_party(rubio, "Ukraine", sources) is not None


def test_a_pronoun_sentence_belongs_to_the_speaker_before_it_not_to_anyone(sources: Sources):
    # "He advised at the time that Putin visit Kyiv instead." follows Zelensky declining Moscow.
    advised = claim_of(sentence(sources, "He advised at the time"), "c1")
    assert check_party(advised, "Ukraine", sources) is None
    assert check_party(advised, "United States", sources) is not None


def test_a_status_must_rest_on_claims_that_say_it(sources: Sources):
    donetsk = claim_of(sentence(sources, "Russia wants Ukrainian soldiers"), "c1")
    issue = IssueBrief(
        issue="territory",
        label="Territory",
        status="agreed",
        status_basis=["c1"],
        positions=[Position(party="Russia", claim=donetsk)],
    )
    reason = check_status(issue, brief_with([issue]), sources)
    assert reason is not None and "no claim it rests on says so" in reason
    issue.status_basis = []
    assert "no claim to rest on" in (check_status(issue, brief_with([issue]), sources) or "")


def test_a_status_rests_on_the_part_of_a_claim_that_names_its_issue(sources: Sources):
    """ "Agreed on energy, but no breakthrough on Donetsk" says nothing agreed about Donetsk."""
    s = sentence(sources, "Russia wants Ukrainian soldiers")
    text = "The sides agreed to pause energy strikes, but made no breakthrough on Donetsk."
    both = Claim(id="c1", text=text, citations=[Citation(doc_id=s.doc_id, sentence_id=s.id, quote=s.text)])

    def status(issue_id: str, said: str) -> str | None:
        issue = IssueBrief(
            issue=issue_id, label=issue_id, status=said, status_basis=["c1"], positions=[], reported=[both]
        )
        return check_status(issue, brief_with([issue]), sources)

    assert status("territory", "open") is None and status("energy_pause", "agreed") is None
    assert "no claim it rests on says so" in (status("territory", "agreed") or "")


def test_verify_brief_repairs_a_wrong_party_and_an_unsupported_status_and_names_both(sources: Sources):
    wants = claim_of(sentence(sources, "Russia wants Ukrainian soldiers"), "c1")
    general = claim_of(sentence(sources, "Russia wants Ukrainian soldiers"), "c2")
    issue = IssueBrief(
        issue="territory",
        label="Territory",
        status="agreed",
        status_basis=["c1"],
        positions=[Position(party="Ukraine", claim=wants)],
        reported=[ClaimRef(see="c1")],
    )
    brief = brief_with([issue], parties=[PartyBrief(party="Ukraine", claims=[general])])
    out, report = verify_brief(brief, sources)
    [repaired] = out.issues
    assert [p.party for p in repaired.positions] == ["Russia"]
    assert repaired.status == "unknown" and repaired.status_basis == []
    # The general stance under Ukraine moves to Russia's own list; nothing is lost.
    assert {p.party: [c.id for c in p.claims] for p in out.parties} == {"Ukraine": [], "Russia": ["c2"]}
    assert report.counts == {"party_repaired": 2, "status_repaired": 1}
    assert sum("moved to Russia" in w for w in out.warnings) == 2
    assert any("territory" in w and "'unknown'" in w for w in out.warnings)


def test_verdicts_name_each_failing_assertion_with_its_place(sources: Sources):
    wants = claim_of(sentence(sources, "Russia wants Ukrainian soldiers"), "c1")
    bad = wants.model_copy(
        update={"id": "c2", "text": "Russia does not want Ukrainian soldiers to leave Donetsk."}
    )
    issue = IssueBrief(
        issue="territory",
        label="Territory",
        status="open",
        status_basis=[],
        positions=[Position(party="Ukraine", claim=wants)],
        reported=[bad],
    )
    checked = verdicts(brief_with([issue]), sources)
    assert [v.reason for v in checked if v.ok] == [""]  # the supported text has no reason
    failed = [(v.kind, v.where) for v in checked if not v.ok]
    assert failed == [
        ("party", "issues[territory].positions[Ukraine]"),
        ("text", "issues[territory].reported[0]"),
        ("status", "issues[territory].status"),
    ]


async def test_a_compromised_chat_model_gets_no_unsupported_party_or_status_through(fake, model_for):  # noqa: F811
    fake.default = compromised_chat_model
    brief = await make_brief(seed_request(), model_for(CHAT), Settings(**FAST))
    assert brief.meta.method == "llm"
    docs = ingest(seed_request().documents)
    profile = load_profile(TOPIC, PROJECT_ROOT / "prompts" / "topics", TOPIC)
    checked = Sources.of(docs, profile, statuses.cues(profile, PROJECT_ROOT / "prompts"))
    # It labelled every claim Ukraine's and territory "agreed": neither survives unsupported.
    assert [v for v in verdicts(brief, checked) if not v.ok] == []
    assert {i.issue: i.status for i in brief.issues}.get("territory") != "agreed"
    assert any(p.party != "Ukraine" for i in brief.issues for p in i.positions)


# Small articles, each sentence chosen for what the party rule reads in it.
ARTICLES = [
    InDocument(
        id="a", title="Kremlin Says Talks Must Wait", text="He added that the talks would go on next week."
    ),
    InDocument(id="b", text="Talks resumed. Zelensky said no."),
    InDocument(
        id="c",
        text="Zelensky said the talks were useful. He added that more would follow. He said so twice. "
        "He called it a good day. He left early.",
    ),
    InDocument(
        id="d",
        text="Heavy shelling continued along the front line overnight and into the morning. "
        "The Kremlin said any settlement must be signed on its terms. "
        "Kyiv rejected the plan, saying it would never hand over land it still holds. "
        "Protesters held a banner. Kremlin Says No, it read.",
    ),
]


@pytest.fixture
def small() -> Sources:
    profile = load_profile(TOPIC, PROJECT_ROOT / "prompts" / "topics", TOPIC)
    return Sources.of(ingest(ARTICLES), profile, statuses.cues(profile, PROJECT_ROOT / "prompts"))


def small_claim(sources: Sources, sentence_id: str, cid: str | None = None) -> Claim:
    s = sources.sentences[sentence_id]
    return Claim(id=cid, text=s.text, citations=[Citation(doc_id=s.doc_id, sentence_id=s.id, quote=s.text)])


def test_a_pronoun_sentence_continues_the_speaker_of_its_headline(small: Sources):
    """A pronoun ("He added ...") continues its own article's headline speaker ("Kremlin Says ...")."""
    added = small_claim(small, "a.s1")
    assert check_party(added, "Russia", small) is None
    reason = f"claim {added.text!r} states Russia's position, not Ukraine's"
    assert check_party(added, "Ukraine", small) == reason


def test_the_speaker_before_a_pronoun_is_read_from_a_headline_with_its_verbs_lower_cased():
    """ "Ukraine Talks Must Wait, Kremlin Says": the Kremlin speaks; read as prose, Ukraine would
    be taken for the headline's subject, and the "He" after it for Ukraine's."""
    profile = load_profile(TOPIC, PROJECT_ROOT / "prompts" / "topics", TOPIC)
    article = InDocument(
        id="h",
        title="Ukraine Talks Must Wait, Kremlin Says",
        text="He added that the talks would go on next week.",
    )
    sources = Sources.of(ingest([article]), profile, statuses.cues(profile, PROJECT_ROOT / "prompts"))
    added = small_claim(sources, "h.s1")
    assert check_party(added, "Russia", sources) is None
    reason = f"claim {added.text!r} states Russia's position, not Ukraine's"
    assert check_party(added, "Ukraine", sources) == reason


@pytest.mark.parametrize(("sentence_id", "ok"), [("c.s4", True), ("c.s5", False)])
def test_a_pronoun_continues_a_speaker_at_most_three_sentences_back(
    small: Sources, sentence_id: str, ok: bool
):
    """Zelensky speaks in c.s1: c.s4 ("He called it ...") is still his, c.s5 is too far on."""
    reason = check_party(small_claim(small, sentence_id), "Ukraine", small)
    assert (reason is None) == ok, reason


def test_an_it_is_read_as_the_sentence_before_s_subject_as_the_pipeline_reads_it():
    profile = load_profile(TOPIC, PROJECT_ROOT / "prompts" / "topics", TOPIC)
    article = InDocument(
        id="i",
        text="The Kremlin has put two new proposals on the table, a Ukrainian official told us. "
        "It now offers a truce of 30 days, up from 10.",
    )
    sources = Sources.of(ingest([article]), profile, statuses.cues(profile, PROJECT_ROOT / "prompts"))
    offers = small_claim(sources, "i.s2")
    assert rule_party(offers, sources) == "Russia"
    assert (
        check_party(offers, "Ukraine", sources)
        == f"claim {offers.text!r} states Russia's position, not Ukraine's"
    )


def test_only_a_headline_is_read_with_its_capitalised_verbs(small: Sources):
    """A headline's "Kremlin Says" states Russia's position; in prose "Says" is no verb."""
    headline, prose = small_claim(small, "a.s0"), small_claim(small, "d.s5")
    assert rule_party(headline, small) == "Russia"
    assert rule_party(prose, small) is None
    assert "states Russia's position, not Ukraine's" in (check_party(headline, "Ukraine", small) or "")
    assert "cites no sentence naming Ukraine" in (check_party(prose, "Ukraine", small) or "")


@pytest.mark.parametrize(("status", "ok"), [("open", True), ("agreed", False)])
def test_a_status_stands_only_on_claims_whose_words_say_it(small: Sources, status: str, ok: bool):
    """A status must be said: "Kyiv rejected the plan" says the issue is open, not agreed."""
    rejected = small_claim(small, "d.s3", "c1")
    issue = IssueBrief(
        issue="territory",
        label="Territory",
        status=status,
        status_basis=["c1"],
        positions=[Position(party="Ukraine", claim=rejected)],
    )
    assert (check_status(issue, brief_with([issue]), small) is None) == ok


def test_a_party_claim_no_party_states_is_dropped_and_one_another_states_moves(small: Sources):
    """Under Ukraine: a claim stating no party's position goes, Russia's moves to Russia, the rest stay."""
    kyiv, shelling, kremlin, zelensky = (small_claim(small, i) for i in ("d.s3", "d.s1", "d.s2", "b.s2"))
    brief = brief_with(parties=[PartyBrief(party="Ukraine", claims=[kyiv, shelling, kremlin, zelensky])])
    brief.meta.repaired = 1
    out, report = verify_brief(brief, small)
    assert {p.party: [c.text for c in p.claims] for p in out.parties} == {
        "Ukraine": [kyiv.text, zelensky.text],
        "Russia": [kremlin.text],
    }
    assert report.counts == {"party_dropped": 1, "party_repaired": 1}
    assert report.dropped == [
        f"claim {shelling.text[:60]!r} cites no sentence naming Ukraine; no party's position, and on no issue"
    ]
    assert report.repaired == [
        f"claim {kremlin.text[:60]!r} states Russia's position, not Ukraine's; moved to Russia"
    ]
    assert (out.meta.dropped_claims, out.meta.repaired) == (1, 1 + 1)  # added to the brief's own


def test_a_position_no_party_states_moves_to_what_is_reported_on_its_issue(small: Sources):
    """A position whose sentence states no party's position is kept, as reported, not as a position."""
    shelling, kyiv = small_claim(small, "d.s1", "c1"), small_claim(small, "d.s3", "c2")
    issue = IssueBrief(
        issue="territory",
        label="Territory",
        status="open",
        status_basis=["c2"],
        positions=[Position(party="Ukraine", claim=shelling), Position(party="Ukraine", claim=kyiv)],
    )
    out, report = verify_brief(brief_with([issue]), small)
    [territory] = out.issues
    assert [(p.party, p.claim) for p in territory.positions] == [("Ukraine", kyiv)]
    assert territory.reported == [shelling]
    assert (territory.status, territory.status_basis) == ("open", ["c2"])
    assert report.counts == {"party_repaired": 1}
    assert report.repaired == [
        f"claim {shelling.text[:60]!r} cites no sentence naming Ukraine; "
        "moved to what is reported on territory"
    ]
    assert report.repaired[0] in out.warnings and out.meta.repaired == 1


def test_a_long_claim_is_named_by_its_first_60_characters(small: Sources):
    """A failing party names its claim by a 60-character prefix, so a long claim cannot flood the warnings."""
    kyiv, shelling = small_claim(small, "d.s3"), small_claim(small, "d.s1")
    assert len(kyiv.text) > 60 and len(shelling.text) > 60
    assert (
        check_party(kyiv, "Russia", small)
        == f"claim {kyiv.text[:60]!r} states Ukraine's position, not Russia's"
    )
    assert (
        check_party(shelling, "Russia", small)
        == f"claim {shelling.text[:60]!r} cites no sentence naming Russia"
    )


def test_a_clause_of_a_proposal_stands_under_its_owner_as_the_pipeline_reads_it():
    """In "Under his proposal, ..., and Russia would not ..." the later clause is the proposer's
    position, not Russia's, for the verifier as for the pipeline that chose it."""
    profile = load_profile(TOPIC, PROJECT_ROOT / "prompts" / "topics", TOPIC)
    text = (
        "Zelenskyy put forward a compromise on the plant on Friday. Under his proposal, monitors would "
        "inspect the Zaporizhzhia plant every month, and Russia would not restart the reactors before "
        "the spring."
    )
    sources = Sources.of(
        ingest([InDocument(id="p", text=text)]), profile, statuses.cues(profile, PROJECT_ROOT / "prompts")
    )
    [s] = [s for s in sources.sentences.values() if s.text.startswith("Under his proposal")]
    quote = s.text[s.text.index("Russia") :]
    later = Claim(id="c1", text=quote, citations=[Citation(doc_id="p", sentence_id=s.id, quote=quote)])
    assert rule_party(later, sources) == "Ukraine"  # "his" is read from the sentence before
    assert check_party(later, "Ukraine", sources) is None
    assert check_party(later, "Russia", sources) is not None
    # Quoted from its start, the framed sentence is the proposer's too.
    whole = Claim(id="c2", text=s.text, citations=[Citation(doc_id="p", sentence_id=s.id, quote=s.text)])
    assert rule_party(whole, sources) == "Ukraine"
    assert check_party(whole, "Ukraine", sources) is None
    # A quote whose sentence is unknown is read by itself: its own frame still names the owner.
    framed = "Under Ukraine's plan, monitors would inspect the plant, and Russia would not restart it."
    stray = Claim(id="c3", text=framed, citations=[Citation(doc_id="p", sentence_id="p.s99", quote=framed)])
    assert rule_party(stray, sources) == "Ukraine"
