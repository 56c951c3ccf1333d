"""Compose: the chosen claims laid out as a brief: a 3-6 claim summary, then issue by issue and
party by party, each claim shown once and referred to by id everywhere else, each status resting
on claims that say it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from service import status as statuses
from service.compose import (
    Sections,
    _minutes,
    compose,
    entry_order,
    reading_order,
    summary_of,
    to_claim,
)
from service.dedupe import Unit, dedupe
from service.evidence import Evidence, Named, tag
from service.ingest import CleanDocument, ingest
from service.judge import without_model
from service.schema import Brief, Citation, Claim, ClaimRef, Meta
from service.schema import Document as InDocument
from service.segment import Sentence, segment
from service.select import belongs, centrality, select
from service.settings import PROJECT_ROOT
from service.topic import TALKS, WordPattern, load_profile, talks_issue
from service.wording import STAMP_LINE, word_count
from tests.clauses import ev

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
PROFILE = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")
CUES = statuses.cues(PROFILE, PROJECT_ROOT / "prompts")

# One article: an event, its outcome, each side's stance on the main dispute, what comes next,
# a stance on another issue, a stance on no issue, and a report on a third issue.
ARTICLE = [
    "Russian and Ukrainian delegations met in Abu Dhabi on Friday for a first round of talks.",
    "The talks ended without a deal on the Donetsk region.",
    "Russia wants Ukrainian troops to leave the Donetsk region.",
    "Kyiv refuses to give up any land in Donetsk.",
    "A second round of talks is scheduled for Sunday.",
    "The Kremlin said Putin was open to a meeting with Zelenskyy in Moscow.",
    "The Kremlin said it remains committed to a durable peace.",
    "International peacekeepers could be deployed after a ceasefire, diplomats said.",
]


def as_brief(sections: Sections) -> Brief:
    return Brief(
        topic=PROFILE.name,
        as_of=None,
        summary=sections.summary,
        parties=sections.parties,
        issues=sections.issues,
        sources=[],
        meta=Meta(model=None, prompt_version="none", method="extractive"),
    )


def article_items() -> list[Evidence]:
    return tag(dedupe(segment(CleanDocument("d1", " ".join(ARTICLE)))), PROFILE)


def by_text(items: list[Evidence]) -> dict[str, Evidence]:
    return {e.text: e for e in items}


def seed_chosen(budget: int) -> list[Evidence]:
    """What the pipeline hands compose: the seeds' evidence, selected within `budget` words."""
    docs = ingest([InDocument(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])
    items = tag(dedupe([s for d in docs for s in segment(d)]), PROFILE)

    def status_of(e: Evidence) -> set[str]:
        return {f"status:{i}" for i in e.issues if any(statuses.says(e.text, p) for p in CUES.values())}

    return select([e for e in items if belongs(e)], budget, status_of)


def assert_each_claim_shown_once(brief: Brief, chosen: list[Evidence]) -> None:
    listings = brief.listings()
    shown = [x for x in listings if isinstance(x, Claim)]
    refs = [x for x in listings if isinstance(x, ClaimRef)]
    ids = [c.id for c in shown]
    assert ids == [f"c{n}" for n in range(1, len(shown) + 1)]  # numbered in reading order
    assert len(shown) == len(chosen)  # every chosen clause is shown, and only once
    assert {(c.text, c.citations[0].sentence_id) for c in shown} == {(e.text, e.sentence_id) for e in chosen}
    for ref in refs:
        assert ref.see in ids
        assert ids.index(ref.see) < listings.index(ref)  # a reference follows the claim it names


def assert_statuses_rest_on_their_basis(brief: Brief) -> None:
    claims = {c.id: c for c in brief.claims()}
    for issue in brief.issues:
        assert (issue.status == "unknown") == (issue.status_basis == []), issue.issue
        assert set(issue.status_basis) <= set(claims), issue.issue
        said = [statuses.says(claims[cid].text, CUES[issue.status]) for cid in issue.status_basis]
        if not all(said):
            # Open with no cue word: the basis is two sides' positions.
            sides = {brief.resolve(p.claim).id: p.party for p in issue.positions}
            assert issue.status == "open" and not any(said), (issue.issue, issue.status_basis)
            assert set(issue.status_basis) <= set(sides), issue.issue
            assert len({sides[cid] for cid in issue.status_basis}) >= 2, issue.issue
        # The basis lies under the issue: among its positions and reports.
        here = {brief.resolve(x).id for x in [*(p.claim for p in issue.positions), *issue.reported]}
        assert set(issue.status_basis) <= here


# --- a hand-written article


def test_the_summary_s_outcome_is_a_deal_made_before_any_other_result():
    profile = PROFILE.model_copy(update={"talks": True}).with_talks()
    met = "Russian and Ukrainian delegations met in Geneva on March 3 for a third round of talks."
    first = (
        "The first round of talks between the Russian and Ukrainian delegations in Geneva ended with "
        "agreement on an agenda."
    )
    deal = "The two sides signed a framework agreement late on Thursday."
    texts = [met, first, deal, ARTICLE[2], ARTICLE[3], ARTICLE[4]]
    issues = [(TALKS,), (TALKS,), (TALKS,), ("territory",), ("territory",), (TALKS,)]
    speakers = [None, None, None, "Russia", "Ukraine", None]
    chosen = [ev(f"e{n}", t, n, speakers[n], issues[n]) for n, t in enumerate(texts)]
    summary = [c.text for c in compose(chosen, without_model(chosen), profile, CUES).summary]
    assert deal in summary and first not in summary, summary


def test_the_summary_s_next_step_is_one_of_the_talks_before_another_act_to_come():
    profile = PROFILE.model_copy(update={"talks": True}).with_talks()
    met = "Russian and Ukrainian delegations met in Geneva on March 3 for a third round of talks."
    send = "Kyiv will send the list of prisoners to the Red Cross on Tuesday, December 9."
    vote = "Parliament will vote on the framework on Thursday, December 17."
    texts = [met, ARTICLE[2], ARTICLE[3], send, vote]
    issues = [(TALKS,), ("territory",), ("territory",), ("territory",), (TALKS,)]
    speakers = [None, "Russia", "Ukraine", None, None]
    chosen = [ev(f"e{n}", t, n, speakers[n], issues[n]) for n, t in enumerate(texts)]
    summary = [c.text for c in compose(chosen, without_model(chosen), profile, CUES).summary]
    assert vote in summary and send not in summary, summary


def test_a_claim_on_the_talks_alone_is_reported_not_a_side_s_stance_and_the_talks_have_no_status():
    """The talks' card holds its steps as reported, whoever tells them, and no status: "agreed"
    in "The two sides agreed to end the talks" says where no issue stands."""
    profile = PROFILE.model_copy(update={"talks": True}).with_talks()
    chosen = [
        ev("e1", "Kyiv says its delegates will meet again in Geneva on May 3.", 1, "Ukraine", (TALKS,)),
        ev("e2", "The two sides agreed on Friday to end the talks.", 2, None, (TALKS,)),
        ev(
            "e3",
            "Russia wants Ukrainian troops to leave the Donetsk region.",
            3,
            "Russia",
            ("territory", TALKS),
        ),
    ]
    sections = compose(chosen, without_model(chosen), profile, CUES)
    talks = next(i for i in sections.issues if i.issue == TALKS)
    assert talks.status == "unknown" and talks.status_basis == []
    assert [p.party for p in talks.positions] == ["Russia"]  # a stance on an issue of its own first
    brief = as_brief(sections)
    assert {brief.resolve(r).text for r in talks.reported} == {chosen[0].text, chosen[1].text}
    assert not [p for i in sections.issues for p in i.positions if p.party == "Ukraine"]
    # A profile's own issue of the talks may come first: the cards after it are laid out too.
    first = PROFILE.model_copy(update={"issues": [talks_issue(), *PROFILE.issues]})
    cards = [i.issue for i in compose(chosen, without_model(chosen), first, CUES).issues]
    assert cards == [TALKS, "territory"]


def test_the_summary_answers_what_happened_the_outcome_the_dispute_and_what_next():
    items = article_items()
    assert [e.text for e in items] == ARTICLE  # one clause per sentence, worded as written
    sections = compose(items, without_model(items), PROFILE, CUES)
    assert [(c.id, c.text) for c in sections.summary] == [(f"c{n}", ARTICLE[n - 1]) for n in range(1, 6)]


def test_the_summary_says_when_on_the_calendar():
    """ "Met on Friday" says when only to a reader who knows the article's date: a report of the
    talks with a date on the calendar follows it."""
    dates = "The talks between the Russian and Ukrainian delegations ran from January 23 to 24."
    # A report on no issue, of no one's position, tells what happened too: after the date.
    arrived = "Russian and Ukrainian officials arrived in the city on Thursday."
    items = tag(dedupe(segment(CleanDocument("d1", " ".join([*ARTICLE, dates, arrived])))), PROFILE)
    summary = [c.text for c in compose(items, without_model(items), PROFILE, CUES).summary]
    assert summary[:3] == [ARTICLE[0], dates, arrived]
    # When the first report gives the calendar date, it is enough.
    dated = ARTICLE[0].replace("on Friday", "on January 23")
    items = tag(dedupe(segment(CleanDocument("d1", " ".join([dated, *ARTICLE[1:], dates])))), PROFILE)
    summary = [c.text for c in compose(items, without_model(items), PROFILE, CUES).summary]
    assert summary[0] == dated and dates not in summary


def test_a_claim_names_who_its_he_is_unless_its_wording_drops_the_he():
    text = (
        "Ukrainian President Volodymyr Zelenskyy said Putin must come to Kyiv. "
        "He said Ukraine would never give up Donetsk."
    )
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    he = items[-1]
    assert to_claim(he, "c2").who == Citation(doc_id="d1", sentence_id="d1.s1", quote="Zelenskyy")
    reworded = dataclasses.replace(he, text="Ukraine would never give up Donetsk.")
    assert to_claim(reworded, "c2").who is None


def test_a_claim_names_whose_its_is():
    text = (
        "Russia's delegation is headed by Vladimir Medinsky; its chief negotiator is Russian Deputy "
        "Foreign Minister Mikhail Galuzin."
    )
    its = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)[-1]
    assert its.text.startswith("Its chief negotiator")
    assert to_claim(its, "c2").who == Citation(doc_id="d1", sentence_id="d1.s1", quote="Russia")
    reworded = dataclasses.replace(its, text="The chief negotiator is Mikhail Galuzin.")
    assert to_claim(reworded, "c2").who is None


def test_the_outcome_a_party_announces_is_the_summarys_when_no_report_gives_one():
    agreed = "The Kremlin said on Friday that Putin had agreed to pause strikes on energy infrastructure."
    text = " ".join([ARTICLE[0], ARTICLE[2], ARTICLE[3], ARTICLE[5], agreed])
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    assert by_text(items)[agreed].speaker == "Russia"
    summary = [c.text for c in compose(items, without_model(items), PROFILE, CUES).summary]
    assert summary[:2] == [ARTICLE[0], agreed]  # what happened, then its outcome
    # A report of the outcome, no party's, comes first.
    items = tag(dedupe(segment(CleanDocument("d1", text + " " + ARTICLE[1]))), PROFILE)
    summary = [c.text for c in compose(items, without_model(items), PROFILE, CUES).summary]
    assert summary[1] == ARTICLE[1] and agreed not in summary[:2]


def test_a_claim_that_cannot_be_read_on_its_own_stays_out_of_the_summary():
    # "He said ..." answers "what next", but a summary read alone cannot say who "he" is.
    text = " ".join(ARTICLE[:4]) + " He said a second round of talks was scheduled for Sunday."
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    he = items[-1]
    assert he.text.startswith("He said") and he.speaker == "Ukraine"
    sections = compose(items, without_model(items), PROFILE, CUES)
    assert [c.text for c in sections.summary] == ARTICLE[:4]
    # It is still in the brief, as Ukraine's position on the talks.
    [process] = [i for i in sections.issues if i.issue == "process"]
    assert [(p.party, p.claim.text) for p in process.positions] == [("Ukraine", he.text)]


def test_a_he_the_brief_names_may_be_in_the_summary():
    text = " ".join(ARTICLE[:4]) + " He said a second round of talks was scheduled for Sunday."
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    he = items[-1]
    he.who = Named(items[3].unit.sentence, 0, 4, "Ukraine")  # "Kyiv", as if a person of Ukraine
    sections = compose(items, without_model(items), PROFILE, CUES)
    assert he.text in [c.text for c in sections.summary]  # what comes next, said by him


def test_each_claim_has_one_home_and_is_referred_to_elsewhere():
    items = article_items()
    e = by_text(items)
    sections = compose(items, without_model(items), PROFILE, CUES)
    brief = as_brief(sections)
    assert_each_claim_shown_once(brief, items)
    ids = {c.text: c.id for c in brief.claims()}
    issues = {i.issue: i for i in sections.issues}
    assert list(issues) == ["territory", "peacekeepers", "venue", "process"]  # profile order, with claims
    territory = issues["territory"]
    # In the summary already: each side's stance and the outcome are referred to, not repeated.
    assert [(p.party, p.claim) for p in territory.positions] == [
        ("Russia", ClaimRef(see=ids[ARTICLE[2]])),
        ("Ukraine", ClaimRef(see=ids[ARTICLE[3]])),
    ]
    assert territory.reported == [ClaimRef(see=ids[ARTICLE[1]])]
    assert issues["process"].reported == [ClaimRef(see=ids[ARTICLE[0]]), ClaimRef(see=ids[ARTICLE[4]])]
    # Not in the summary: shown in full where it belongs.
    [venue] = issues["venue"].positions
    assert venue.party == "Russia" and isinstance(venue.claim, Claim) and venue.claim.text == ARTICLE[5]
    [peacekeepers] = issues["peacekeepers"].reported
    assert isinstance(peacekeepers, Claim) and peacekeepers.text == ARTICLE[7]
    assert issues["peacekeepers"].positions == []  # "diplomats said": nobody's position
    parties = {p.party: p.claims for p in sections.parties}
    assert list(parties) == [p.name for p in PROFILE.parties]
    assert [c.text for c in parties["Russia"]] == [ARTICLE[6]]  # a stance on no issue
    assert parties["Ukraine"] == parties["United States"] == []
    assert e[ARTICLE[6]].issues == []


def test_the_status_rests_on_the_claims_that_say_it():
    items = article_items()
    sections = compose(items, without_model(items), PROFILE, CUES)
    brief = as_brief(sections)
    issues = {i.issue: i for i in sections.issues}
    ids = {c.text: c.id for c in brief.claims()}
    # "ended without a deal on the Donetsk region" and "refuses to give up any land" both say open.
    territory = (issues["territory"].status, issues["territory"].status_basis)
    assert territory == ("open", [ids[ARTICLE[1]], ids[ARTICLE[3]]])
    assert all(issues[i].status == "unknown" for i in ("peacekeepers", "venue", "process"))
    assert_statuses_rest_on_their_basis(brief)


def test_an_item_of_a_deal_s_terms_listed_rests_an_agreed_status():
    """A chosen claim that is an item of a list of a deal's terms says its issue is agreed (the
    standing read from every clause says so too): the status rests on it."""
    items = article_items()
    peacekeepers = next(e for e in items if e.text == ARTICLE[7])
    sections = compose(
        items, without_model(items), PROFILE, CUES, None, {"peacekeepers": "agreed"}, {peacekeepers.id}
    )
    ids = {c.text: c.id for c in as_brief(sections).claims()}
    issue = next(i for i in sections.issues if i.issue == "peacekeepers")
    assert (issue.status, issue.status_basis) == ("agreed", [ids[ARTICLE[7]]])
    unlisted = compose(items, without_model(items), PROFILE, CUES, None, {"peacekeepers": "agreed"})
    assert next(i for i in unlisted.issues if i.issue == "peacekeepers").status == "unknown"


def test_two_sides_and_no_deal_make_an_issue_open():
    text = (
        "Putin insists that any meeting with Zelenskyy must take place in Moscow. "
        "Zelenskyy has invited Putin to Kyiv for the talks instead. "
        "A second round of talks is slated for Sunday."
    )
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    assert [e.speaker for e in items] == ["Russia", "Ukraine", None]
    sections = compose(items, without_model(items), PROFILE, CUES)
    brief = as_brief(sections)
    [venue] = [i for i in sections.issues if i.issue == "venue"]
    ids = {c.text: c.id for c in brief.claims()}
    assert (venue.status, venue.status_basis) == ("open", [ids[items[0].text], ids[items[1].text]])
    assert_statuses_rest_on_their_basis(brief)
    # Russia's claim alone: one side, no dispute, no status.
    alone = compose(items[:1], without_model(items[:1]), PROFILE, CUES)
    assert [(i.issue, i.status) for i in alone.issues] == [("venue", "unknown")]


def test_the_brokers_word_weighs_half_again_among_the_chosen_claims_as_in_the_standing():
    # With no standing given, the status is what the chosen claims say, weighed as the standing
    # weighs them: the mediator's "agreed" outweighs one side's rejection rather than tying it.
    text = (
        "The UN mediator said the two sides agreed on a ceasefire around the Zaporizhzhia plant. "
        "Kyiv rejected the Zaporizhzhia plan."
    )
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    sections = compose(items, without_model(items), PROFILE, CUES)
    [plant] = [i for i in sections.issues if i.issue == "zaporizhzhia"]
    assert plant.status == "agreed"
    assert_statuses_rest_on_their_basis(as_brief(sections))


def test_the_judgement_decides_positions_and_a_supported_status():
    text = (
        "Russia wants Ukrainian troops to leave the Donetsk region. "
        "Both sides agreed to a partial withdrawal from the Donetsk front line. "
        "Kyiv refuses to give up any land in Donetsk."
    )
    items = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    wants, agreed, refuses = items
    assert [e.speaker for e in items] == ["Russia", None, "Ukraine"]
    rule = compose(items, without_model(items), PROFILE, CUES)
    [territory] = rule.issues
    assert territory.status == "unknown"  # one claim says agreed, one says open: a tie
    judgement = without_model(items)
    judgement.party[wants.id] = None  # the model reads Russia's demand as a report
    judgement.status = {"territory": "agreed"}
    sections = compose(items, judgement, PROFILE, CUES)
    brief = as_brief(sections)
    [territory] = sections.issues
    assert [p.party for p in territory.positions] == ["Ukraine"]
    reported = [brief.resolve(x).text for x in territory.reported]
    assert wants.text in reported and agreed.text in reported
    ids = {c.text: c.id for c in brief.claims()}
    assert (territory.status, territory.status_basis) == ("agreed", [ids[agreed.text]])
    assert_statuses_rest_on_their_basis(brief)
    assert refuses.text not in reported


def test_a_claim_on_two_issues_is_shown_under_one_and_referred_to_under_the_other():
    text = (
        "Several sticking points remain, including Russia’s demand for Ukrainian forces to withdraw "
        "from the Donetsk region, and the deployment of international peacekeepers after the war."
    )
    [both] = tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)
    assert {"territory", "peacekeepers"} <= set(both.issues)
    sections = compose([both], without_model([both]), PROFILE, CUES)
    [shown] = sections.summary  # one chosen claim: it is the whole summary
    places = {i.issue: i.reported for i in sections.issues}
    assert places["territory"] == places["peacekeepers"] == [ClaimRef(see=shown.id)]
    assert_statuses_rest_on_their_basis(as_brief(sections))


def test_the_layout_does_not_depend_on_the_order_claims_were_chosen_in():
    items = article_items()
    forward = compose(items, without_model(items), PROFILE, CUES)
    backward = compose(items[::-1], without_model(items), PROFILE, CUES)
    assert as_brief(backward).model_dump() == as_brief(forward).model_dump()


# --- the seeds, as the pipeline composes them


@pytest.mark.parametrize("budget", [30, 120, 400, 5000])
def test_seed_briefs_show_each_claim_once_and_rest_statuses_on_claims(budget: int):
    chosen = seed_chosen(budget)
    assert chosen and sum(word_count(e.text) for e in chosen) <= budget
    sections = compose(chosen, without_model(chosen), PROFILE, CUES)
    brief = as_brief(sections)
    assert_each_claim_shown_once(brief, chosen)
    assert_statuses_rest_on_their_basis(brief)
    assert min(3, len(chosen)) <= len(sections.summary) <= 6


def test_a_position_sits_under_its_party_and_a_report_under_no_party():
    chosen = seed_chosen(400)
    brief = as_brief(compose(chosen, without_model(chosen), PROFILE, CUES))
    party_of = {e.text: e.speaker for e in chosen}
    positions = [(p.party, brief.resolve(p.claim)) for i in brief.issues for p in i.positions]
    assert positions
    assert all(party_of[c.text] == party for party, c in positions)
    reported = [brief.resolve(x) for i in brief.issues for x in i.reported]
    assert reported
    assert all(party_of[c.text] is None for c in reported)
    general = [(p.party, brief.resolve(c)) for p in brief.parties for c in p.claims]
    assert general
    assert all(party_of[c.text] == party for party, c in general)


def test_a_generous_seed_brief_rests_some_status_on_claims():
    sections = compose(chosen := seed_chosen(5000), without_model(chosen), PROFILE, CUES)
    settled = {i.issue: i.status for i in sections.issues if i.status != "unknown"}
    assert settled, "the seeds say where several issues stand"
    assert settled.get("territory") == "open"


# --- citations


def test_a_claim_cites_every_outlet_that_reports_its_clause_quoting_the_clause():
    text = "Russia has renewed its invitation to Zelenskyy, but Kyiv has yet to respond to the offer."
    copy = "Russia has renewed its invitation to Zelenskyy, but Kyiv has yet to respond to that offer."
    unit = Unit(Sentence("d1.s3", "d1", 0, len(text), text), [Sentence("d2.s7", "d2", 0, len(copy), copy)])
    [invite, respond] = tag([unit], PROFILE)
    claim = to_claim(invite, "c4")
    assert claim.id == "c4" and claim.text == invite.text
    # The clause is verbatim in both: both cite just the clause.
    assert [(c.doc_id, c.sentence_id, c.quote) for c in claim.citations] == [
        ("d1", "d1.s3", "Russia has renewed its invitation to Zelenskyy"),
        ("d2", "d2.s7", "Russia has renewed its invitation to Zelenskyy"),
    ]
    # The copy words the second clause differently: it is cited whole, never misquoted.
    assert [c.quote for c in to_claim(respond).citations] == ["Kyiv has yet to respond to the offer.", copy]


# --- where a status rests


def test_a_status_no_claim_states_rests_on_no_claim():
    """A judged status that no claim's cue words state has an empty basis, not a missing one."""
    items = article_items()
    judgement = without_model(items)
    judgement.status = {"peacekeepers": "narrowing"}
    issues = {i.issue: i for i in compose(items, judgement, PROFILE, CUES).issues}
    assert (issues["peacekeepers"].status, issues["peacekeepers"].status_basis) == ("narrowing", [])


def test_an_unknown_status_rests_on_no_claim_whatever_the_cues():
    """Even cue words said to mark "unknown" give an unknown status no basis."""
    items = article_items()
    cues = {**CUES, "unknown": WordPattern(["could be deployed"])}
    sections = compose(items, without_model(items), PROFILE, cues)
    issues = {i.issue: i for i in sections.issues}
    assert (issues["peacekeepers"].status, issues["peacekeepers"].status_basis) == ("unknown", [])
    assert_statuses_rest_on_their_basis(as_brief(sections))


def test_an_issue_stands_where_the_sources_say_when_a_chosen_claim_says_so():
    """The standing read from every source clause decides over the chosen claims' majority and
    over the model, and rests on the chosen claims that say it."""
    items = [
        ev("deal", "The sides agreed on a ceasefire along the Donetsk line.", 1, None, ("territory",)),
        ev("no1", "Kyiv rejected any deal on Donetsk.", 2, "Ukraine", ("territory",)),
        ev("no2", "Russia rejected the Donetsk plan.", 3, "Russia", ("territory",)),
    ]
    judgement = without_model(items)
    issues = {i.issue: i for i in compose(items, judgement, PROFILE, CUES).issues}
    assert (issues["territory"].status, sorted(issues["territory"].status_basis)) == ("open", ["c2", "c3"])
    brief = as_brief(compose(items, judgement, PROFILE, CUES, standing={"territory": "agreed"}))
    assert brief.issues[0].status == "agreed"
    assert [brief.resolve(ClaimRef(see=i)).text for i in brief.issues[0].status_basis] == [items[0].text]
    assert_statuses_rest_on_their_basis(brief)
    # The model's status counts only where the sources leave the issue undecided.
    judgement.status = {"territory": "open"}
    brief = as_brief(compose(items, judgement, PROFILE, CUES, standing={"territory": "agreed"}))
    assert brief.issues[0].status == "agreed"
    judgement.status = {"territory": "agreed"}
    assert [i.status for i in compose(items, judgement, PROFILE, CUES).issues] == ["agreed"]


def test_a_standing_no_chosen_claim_says_gives_way_to_the_chosen_claims():
    """A status must be shown with its basis: a standing none of the chosen claims states is not used."""
    items = [ev("no1", "Kyiv rejected any deal on Donetsk.", 2, "Ukraine", ("territory",))]
    sections = compose(items, without_model(items), PROFILE, CUES, standing={"territory": "agreed"})
    assert [(i.status, i.status_basis) for i in sections.issues] == [("open", ["c1"])]
    assert_statuses_rest_on_their_basis(as_brief(sections))


def test_a_document_id_may_contain_dots():
    """Sentence numbers are read from the end of the id: "news.site.s3" is sentence 3 of "news.site"."""
    items = tag(dedupe(segment(CleanDocument("news.site", " ".join(ARTICLE)))), PROFILE)
    assert items[0].sentence_id == "news.site.s1"
    sections = compose(items[::-1], without_model(items), PROFILE, CUES)
    assert [c.text for c in sections.summary] == ARTICLE[:5]
    assert [c.citations[0].sentence_id for c in sections.summary] == [f"news.site.s{n}" for n in range(1, 6)]


# --- the summary's roles, on hand-built claims


def summary_ids(chosen: list[Evidence]) -> list[str]:
    return [e.id for e in summary_of(chosen, {e.id: e.speaker for e in chosen})]


def test_the_summary_opens_on_a_dated_report_of_the_event_even_when_others_rank_higher():
    """A party's account of the meeting and a dated report of something else are not the event."""
    event = ev("event", "Delegations met in Geneva on Friday.", 1, doc="d1")
    account = ev(
        "account",
        "Russia said its delegation met Ukrainian officials in Geneva on Friday.",
        1,
        "Russia",
        ("process",),
        doc="d2",
        copies=("d5",),
    )
    missing = ev(
        "missing",
        "Some 5,000 soldiers and 2,000 civilians are still missing on each side.",
        1,
        doc="d3",
        copies=("d4", "d6"),
    )
    chosen = [event, account, missing]
    rank = centrality(chosen)
    assert rank["account"] > rank["event"] and rank["missing"] > rank["event"]
    assert summary_ids(chosen)[0] == "event"


def test_the_event_the_summary_opens_on_is_one_with_a_date_before_one_with_only_a_number():
    """ "When" needs a date: "talks end with a 314-prisoner swap" tells a number, not the day."""
    numbered = ev(
        "numbered", "Talks end without a deal but deliver a 314-prisoner swap.", 1, doc="d1", copies=("d2",)
    )
    dated = ev("dated", "Negotiators first met in Abu Dhabi on January 23-24.", 1, doc="d3")
    chosen = [numbered, dated]
    assert centrality(chosen)["numbered"] > centrality(chosen)["dated"]
    assert summary_ids(chosen)[0] == "dated"
    # With no dated report of the event, the numbered one still opens, before a party's claim
    # that ranks higher.
    account = ev(
        "account",
        "Russia said 5,000 soldiers are missing.",
        1,
        "Russia",
        ("process",),
        doc="d4",
        copies=("d5", "d6"),
    )
    assert centrality([numbered, account])["account"] > centrality([numbered, account])["numbered"]
    assert summary_ids([numbered, account])[0] == "numbered"


def test_of_two_dated_events_the_one_that_says_where_opens_the_summary():
    """What happened, where and when: a dated report naming the place before one that does not."""
    nowhere = ev("nowhere", "Talks resumed on Tuesday after a week.", 1, doc="d1", copies=("d2",))
    placed = ev("placed", "Negotiators met in Geneva on Tuesday.", 1, doc="d3")
    chosen = [nowhere, placed]
    assert centrality(chosen)["nowhere"] > centrality(chosen)["placed"]
    assert summary_ids(chosen)[0] == "placed"


def test_the_summary_says_where_the_talks_sit_when_its_event_names_only_the_city():
    """Where, building and all: a claim telling the venue joins an event that names only a city."""
    event = ev("event", "Negotiators met in Geneva on Tuesday.", 1, doc="d1", copies=("d2",))
    venue = ev(
        "venue", "The talks are being held at the Palais des Nations.", 2, doc="d1", issues=("process",)
    )
    russia = ev("russia", "Russia wants Ukrainian troops to leave Donetsk.", 3, "Russia", ("territory",))
    ukraine = ev("ukraine", "Kyiv refuses to give up any land in Donetsk.", 4, "Ukraine", ("territory",))
    assert summary_ids([event, venue, russia, ukraine]) == ["event", "venue", "russia", "ukraine"]
    # Where is part of what happened: it comes before a claim with no home shown in that place.
    arrived = ev("arrived", "Delegations from both sides arrived by train.", 5)
    assert summary_ids([event, venue, arrived]) == ["event", "venue", "arrived"]
    at_venue = ev("at", "Negotiators met at the Palais des Nations on Tuesday.", 1, doc="d1")
    # The event said where already: the venue's claim is no answer the summary lacks.
    assert summary_ids([at_venue, venue, russia, ukraine]) == ["at", "russia", "ukraine"]


def test_without_an_event_the_best_dated_claim_opens_then_the_outcome_not_a_partys_account_of_it():
    """No event reported: the top dated claim comes first, then the unattributed outcome."""
    missing = ev("missing", "Some 5,000 soldiers are missing on each side.", 1, doc="d3")
    said = ev(
        "said", "Russia said the ceasefire collapsed without a deal.", 1, "Russia", doc="d2", copies=("d5",)
    )
    outcome = ev("outcome", "The ceasefire collapsed without a deal.", 1, doc="d1")
    chosen = [missing, said, outcome]
    assert centrality(chosen)["said"] > centrality(chosen)["outcome"]
    assert summary_ids(chosen) == ["missing", "outcome", "said"]


# Positions on the dispute: Russia and Ukraine on territory, the United States on the venue.
RUSSIA = "Russia wants Ukrainian troops to leave Donetsk."
UKRAINE = "Kyiv refuses to give up any land in Donetsk."
US = "Washington offered to host a meeting of the leaders."


def test_the_main_dispute_is_the_issue_most_parties_state_a_position_on_first():
    """A claim's second issue does not make its party a side of that issue's dispute."""
    chosen = [
        ev("russia", RUSSIA, 1, "Russia", ("territory", "venue")),
        ev("ukraine", UKRAINE, 2, "Ukraine", ("territory", "venue")),
        ev("us", US, 3, "United States", ("venue",)),
    ]
    assert summary_ids(chosen) == ["russia", "ukraine", "us"]


def test_the_main_dispute_is_an_issue_not_yet_agreed():
    """Three sides on territory, two on the venue: once territory is agreed, the dispute a reader
    needs is the venue's, each side's stance on it; with every issue agreed, the most parties'."""
    chosen = [
        ev("russia", RUSSIA, 1, "Russia", ("territory",)),
        ev("ukraine", UKRAINE, 2, "Ukraine", ("territory",)),
        ev("us", "Washington wants Kyiv to leave Donetsk too.", 3, "United States", ("territory",)),
        ev("moscow", "Moscow wants the leaders to meet in Moscow.", 4, "Russia", ("venue",)),
        ev("kyiv", "Kyiv wants the leaders to meet in Istanbul.", 5, "Ukraine", ("venue",)),
    ]
    party_of = {e.id: e.speaker for e in chosen}
    settled = {"territory": ["russia"]}
    # The third is the summary's filler, the most central claim left.
    assert [e.id for e in summary_of(chosen, party_of, settled=settled)][:2] == ["moscow", "kyiv"]
    assert [e.id for e in summary_of(chosen, party_of)][:3] == ["russia", "ukraine", "us"]
    every = {"territory": ["russia"], "venue": ["moscow"]}
    assert [e.id for e in summary_of(chosen, party_of, settled=every)][:3] == ["russia", "ukraine", "us"]


def test_each_sides_stance_is_its_claim_on_the_main_issue_first():
    """A party's higher-ranked claim on another issue first is not its stance on the dispute."""
    chosen = [
        ev("russia", RUSSIA, 1, "Russia", ("territory",)),
        ev(
            "summit",
            "Moscow proposed a summit in Moscow to settle the Donetsk question for good.",
            2,
            "Russia",
            ("venue", "territory"),
            copies=("d2", "d3"),
        ),
        ev("ukraine", UKRAINE, 3, "Ukraine", ("territory",)),
    ]
    rank = centrality(chosen)
    assert rank["summit"] > max(rank["russia"], rank["ukraine"])
    assert summary_ids(chosen) == ["russia", "ukraine", "summit"]


def test_the_summary_holds_at_most_six_claims_however_many_sides():
    """The event, the outcome, five sides and what next: the summary stops at six."""
    sides = ["Russia", "Ukraine", "United States", "Turkey", "European Union"]
    chosen = [
        ev("event", "Delegations met in Geneva on Friday.", 1),
        ev("outcome", "The ceasefire collapsed without a deal.", 2),
        *(
            ev(f"side{n}", f"{p} stated its demands on the land question.", n + 3, p, ("territory",))
            for n, p in enumerate(sides)
        ),
        ev("next", "A second round is scheduled for Sunday.", 9),
    ]
    assert len(summary_ids(chosen)) == 6


def test_a_summary_with_no_roles_filled_holds_three_claims():
    """Nothing dated, no outcome, no dispute, nothing next: the three best claims, no more."""
    chosen = [
        ev(f"r{n}", f"Reporters described the mood in city number {w}.", n, issues=("energy_pause",))
        for n, w in enumerate("abcde")
    ]
    assert len(summary_ids(chosen)) == 3


def test_a_claim_with_no_home_in_the_body_is_shown_in_the_summary_in_the_place_of_what_it_tells():
    """Who led a delegation, on no issue and no party's position: the summary or nowhere."""
    russia = ev("russia", RUSSIA, 1, "Russia", ("territory",))
    ukraine = ev("ukraine", UKRAINE, 2, "Ukraine", ("territory",))
    chosen = [
        russia,
        ukraine,
        ev("ranked", "Moscow named its demands on the land question again.", 3, "Russia", ("territory",)),
        ev("who", "Ukraine's delegation is led by Rustem Umerov.", 4),
        ev("event", "Delegations met in Geneva on Friday.", 5),
        ev("next", "The delegations will meet again in Vienna.", 6, issues=("process",)),
    ]
    # In the order a reader asks: what happened, who met, the dispute, what next.
    assert summary_ids(chosen) == ["event", "who", "russia", "ukraine", "next"]
    sections = compose(chosen, without_model(chosen), PROFILE, CUES)
    shown = {c.text for c in sections.summary}
    assert {"Ukraine's delegation is led by Rustem Umerov.", "Delegations met in Geneva on Friday."} <= shown


def test_each_summary_claim_stands_in_the_place_of_what_it_tells():
    """Taken in any order, shown as a reader asks: what happened (the dated event, then another
    report of it), who leads each side, the outcome, what comes next."""
    event = ev("event", "Delegations met in Geneva on Friday.", 1, doc="d1", copies=("d2", "d3"))
    lead = ev(
        "lead", "Ukraine's delegation is led by Rustem Umerov.", 2, issues=("process",), copies=("d2", "d3")
    )
    outcome = ev("outcome", "The round ended without a deal.", 3)
    head = ev("head", "Russia's team is headed by Igor Kostyukov.", 4)
    held = ev("held", "Talks were held in Vienna.", 5)
    step = ev("step", "The delegations will meet again in Vienna.", 6, issues=("process",))
    stays = ev(
        "stays",
        "Kyiv will keep its troops in Donetsk without a deal.",
        7,
        "Ukraine",
        ("territory",),
        copies=("d4", "d5", "d6", "d7"),
    )
    chosen = [event, lead, outcome, head, held, step, stays]
    rank = centrality(chosen)
    assert rank["lead"] > rank["head"] and rank["stays"] > rank["step"]
    assert summary_ids(chosen) == ["event", "held", "lead", "head", "outcome", "step"]


def test_an_outcome_with_no_home_comes_before_the_outcome_on_an_issue_taken_after_it():
    """Both tell the outcome; the one shown only here was taken first and stays first."""
    ended = ev("ended", "The round ended without a deal.", 1)
    collapsed = ev("collapsed", "Talks on Donetsk collapsed without agreement.", 2, issues=("territory",))
    assert summary_ids([ended, collapsed]) == ["ended", "collapsed"]


def test_once_the_summary_tells_a_deal_made_its_outcome_is_a_term_the_deal_settles():
    """ "We reached an agreement" says there is a deal; the summary then says what it settles: a
    term on an agreed issue told as news with its figures, though a bare report that the issue is
    agreed ranks higher and a side's account of the term is there too."""
    deal = ev(
        "deal",
        "Late on Friday, March 20, after 14 hours of talks in Geneva, we reached an agreement.",
        1,
        doc="d3",
    )
    bare = ev(
        "bare",
        "Both sides agreed the energy pause in Geneva.",
        4,
        issues=("energy_pause",),
        doc="d2",
        copies=("d4", "d5", "d6", "d7"),
    )
    term = ev(
        "term",
        "The agreed energy pause runs for 30 days from March 22.",
        2,
        issues=("energy_pause",),
        doc="d3",
    )
    said = ev(
        "said",
        "Russia says the energy pause it agreed runs for 30 days.",
        3,
        "Russia",
        issues=("energy_pause",),
        doc="d3",
        copies=("d4",),
    )
    chosen = [deal, bare, term, said]
    assert centrality(chosen)["bare"] > centrality(chosen)["term"]
    assert centrality(chosen)["said"] > centrality(chosen)["term"]
    summary = [c.text for c in compose(chosen, without_model(chosen), PROFILE, CUES).summary]
    assert summary[:2] == [deal.text, term.text]
    assert bare.text not in summary
    # With no deal told, the outcome is the report that ranks highest.
    rest = [bare, term, said]
    assert bare.text in [c.text for c in compose(rest, without_model(rest), PROFILE, CUES).summary]


def test_with_no_term_that_reads_alone_the_outcome_is_what_the_report_says_was_agreed():
    """The deal's one term is a side's "we" (it does not read alone): the summary says what was
    agreed as a report tells it."""
    deal = ev(
        "deal",
        "Late on Friday, March 20, after 14 hours of talks in Geneva, the sides reached an agreement.",
        1,
    )
    ours = ev("ours", "We leave the table with a 30-day energy pause.", 2, issues=("energy_pause",), doc="d3")
    told = ev(
        "told",
        "To sum up: the two sides agreed on a 30-day energy pause and on a prisoner exchange.",
        3,
        issues=("energy_pause",),
        doc="d2",
    )
    stance = ev("stance", RUSSIA, 4, "Russia", ("territory",), doc="d2")
    # A report of no side that says no more than a side's stance is no outcome.
    other = ev(
        "other",
        "Monitors could watch the front line for 90 days.",
        5,
        issues=("peacekeepers",),
        copies=("d4",),
    )
    chosen = [deal, ours, told, stance, other]
    party_of = {e.id: e.speaker for e in chosen}
    settled = {"energy_pause": ["ours"]}
    summary = [e.id for e in summary_of(chosen, party_of, settled=settled)]
    assert summary[:2] == ["deal", "told"], summary
    # A side's account of what was agreed is no report of it.
    said = ev(
        "said", "Russia says the sides agreed on a 30-day energy pause.", 6, "Russia", ("energy_pause",)
    )
    chosen = [deal, ours, said, stance]
    party_of = {e.id: e.speaker for e in chosen}
    assert [e.id for e in summary_of(chosen, party_of, settled=settled)][:2] == ["deal", "stance"]


def test_a_status_rests_on_the_part_of_a_claim_that_names_its_issue():
    """Agreed on energy, no breakthrough on Donetsk: one claim, two issues, two statuses."""
    both = ev(
        "both",
        "The sides agreed to pause energy strikes, but made no breakthrough on Donetsk.",
        1,
        issues=("energy_pause", "territory"),
    )
    sections = compose([both], without_model([both]), PROFILE, CUES)
    issues = {i.issue: i.status for i in sections.issues}
    assert issues == {"energy_pause": "agreed", "territory": "open"}


def test_what_comes_next_said_outright_beats_a_claim_that_only_looks_ahead():
    """'will' looks ahead; a next round said outright is what comes next."""
    chosen = [
        ev("event", "Delegations met in Geneva on Friday.", 1),
        ev(
            "will",
            "Kyiv will keep its troops in Donetsk until 2030.",
            2,
            "Ukraine",
            ("territory",),
            doc="d2",
            copies=("d3", "d4"),
        ),
        ev("round", "The next round of talks is due in Vienna.", 3, issues=("process",)),
    ]
    assert centrality(chosen)["will"] > centrality(chosen)["round"]
    assert summary_ids(chosen)[-1] == "round"


# --- the articles' order in time


def test_a_step_to_come_is_what_next_not_what_happened() -> None:
    """A clause on no issue and no one's position is shown in the summary's place for what it
    tells: a meeting still to come goes last, after what happened."""
    held = ev("held", "Delegations met on Friday.", 1, issues=("process",))
    later = ev("later", "An expert group will meet in Geneva on March 3.", 2, copies=("d2", "d3"))
    ended = ev("ended", "Negotiators failed to agree on the plant on Friday.", 3, issues=("process",))
    party_of = {e.id: None for e in (held, later, ended)}
    assert summary_of([later, held, ended], party_of) == [held, ended, later]
    # It stands with the other steps, in the order taken (before a step chosen for the place).
    step = ev("step", "The next round of talks is due in Vienna.", 4, issues=("process",))
    party_of["step"] = None
    assert summary_of([later, held, ended, step], party_of) == [held, ended, later, step]
    # A step to come with a verb NEXT_STEP does not list is one too.
    adopt = ev("adopt", "The commission will formally adopt the limit on March 3.", 5, copies=("d2", "d3"))
    party_of["adopt"] = None
    assert summary_of([adopt, held, ended], party_of) == [held, ended, adopt]
    # So is a next round said outright, though its head says no "will".
    nxt = ev(
        "nxt", "The next round of talks, on the plant and the border, will open in Geneva on March 3.", 6
    )
    party_of["nxt"] = None
    assert summary_of([nxt, held, ended], party_of) == [held, ended, nxt]


def test_a_dated_step_to_come_on_an_issue_is_what_next_and_the_event_opens() -> None:
    """ "The commission will formally adopt the limit ... on December 15" looks ahead, whatever its
    verb: the dated report of what happened opens (a wire dateline's city says where), the step
    comes last; a "will" in a tail ("how the catch will be shared") makes no step."""
    step = ev(
        "step",
        "The commission will formally adopt the catch limit at its annual meeting in Aarhavn on December 15.",
        2,
        issues=("process",),
        copies=("d2", "d3"),
    )
    event = ev(
        "event",
        "AARHAVN - Estmar and Caldora agreed early on Sunday to cut the catch by 15%, but ended seven "
        "days of talks without agreeing how the catch will be shared, officials said.",
        1,
        issues=("process",),
    )
    assert centrality([step, event])["step"] > centrality([step, event])["event"]
    assert summary_of([step, event], {"step": None, "event": None}) == [event, step]


def test_of_two_steps_in_the_newest_article_the_one_with_its_date_is_what_next() -> None:
    undated = ev(
        "undated",
        "The next round of talks is due in Vienna.",
        1,
        issues=("process",),
        copies=("d2", "d3", "d4", "d5", "d6"),
    )
    dated = ev("dated", "Ministers will sign the text in Vienna on April 2.", 2, issues=("process",))
    ranked = centrality([undated, dated])
    assert ranked["undated"] > ranked["dated"]
    assert summary_ids([undated, dated])[0] == "dated"


def test_of_two_dated_steps_in_the_newest_article_the_talks_said_outright_is_what_next() -> None:
    """A side's own act that only looks ahead, however well ranked, is not the next step when the
    same article says outright when the talks resume."""
    deducted = ev(
        "deducted",
        "The university says pay for days missed will be deducted, starting with the March 31 payroll.",
        1,
        issues=("strike",),
        copies=("d2", "d3", "d4"),
    )
    resume = ev(
        "resume", "Talks resume on Tuesday, March 17, at the mediation office.", 2, issues=("strike",)
    )
    ranked = centrality([deducted, resume])
    assert ranked["deducted"] > ranked["resume"]
    assert summary_ids([deducted, resume])[0] == "resume"


def test_articles_are_read_in_the_order_published_when_all_are_dated_else_as_given() -> None:
    dated = [
        CleanDocument("a", "x", published=date(2026, 3, 5)),
        CleanDocument("b", "x", published=date(2026, 3, 1)),
        CleanDocument("c", "x", published=date(2026, 3, 5)),  # a tie keeps the given order
    ]
    assert reading_order(dated) == {"b": 0, "a": 1, "c": 2}
    undated = [dated[0], CleanDocument("b", "x"), dated[2]]
    assert reading_order(undated) == {"a": 0, "b": 1, "c": 2}


def test_a_live_blog_s_entries_are_read_in_the_order_their_times_run() -> None:
    """Entries run oldest first (across midnight) or newest first, as the stamps say; the opening
    before the first stamp is the oldest of the one, the newest of the other; a report with no
    stamps is one moment."""

    def places(text: str) -> list[float]:
        doc = CleanDocument("d1", text)
        return list(entry_order([doc], segment(doc)).values())

    oldest_first = (
        "Live: talks go through the night\n\nWe follow the talks.\n\n"
        "21:30 - Gas side rejects the offer.\n\n23:58 - The clock is stopped.\n\n03:10 - Deal in principle."
    )
    assert places(oldest_first) == [0.0, 0.0, 0.25, 0.5, 0.75]
    newest_first = (
        "Live: talks go through the night\n\nA deal was reached.\n\n"
        "03:10 - Deal in principle.\n\n23:58 - The clock is stopped.\n\n21:30 - Gas side rejects the offer."
    )
    assert places(newest_first) == [0.75, 0.75, 0.5, 0.25, 0.0]
    # A stamp on a line of its own dates the entry below it.
    own_lines = CleanDocument(
        "d1",
        "Live: talks go through the night\n\nA deal was reached.\n\n03:10\n\nDeal in principle.\n\n"
        "23:58 GMT\n\nThe clock is stopped.\n\n21.30\n\nGas side rejects the offer.",
    )
    told = entry_order([own_lines], segment(own_lines))
    entries = {s.text: told[s.id] for s in segment(own_lines) if s.text.endswith(".")}
    assert list(entries.values()) == [0.75, 0.5, 0.25, 0.0]
    # A twelve-hour clock, a weekday after the stamp: 2:05 a.m. comes after 11:30 p.m.
    twelve = CleanDocument(
        "d1",
        "Live\n\nA deal was reached.\n\n2:05 a.m.\n\nDeal in principle.\n\n11:30 p.m. Wednesday\n\n"
        "The clock is stopped.\n\n7:20 p.m.\n\nGas side rejects the offer.",
    )
    told = entry_order([twelve], segment(twelve))
    assert [told[s.id] for s in segment(twelve) if s.text.endswith("offer.")] == [0.0]
    assert [told[s.id] for s in segment(twelve) if s.text.startswith("Deal")] == [0.5]
    assert set(places("Talks open\n\nThe sides met on Monday. They meet again at 10:00 on Friday.")) == {0.0}


@pytest.mark.parametrize(
    ("stamp", "minutes"),
    [
        ("23:48", 23 * 60 + 48),
        ("9.15 GMT", 9 * 60 + 15),
        ("11:30 p.m.", 23 * 60 + 30),
        ("12:10 pm", 12 * 60 + 10),  # noon is twelve, not twenty-four
        ("12:05 a.m.", 5),  # midnight is nought
        ("9:40 a.m. Thursday", 9 * 60 + 40),
    ],
)
def test_a_stamp_is_its_minutes_after_midnight(stamp: str, minutes: int) -> None:
    match = STAMP_LINE.match(stamp)
    assert match is not None and _minutes(match) == minutes


@pytest.mark.parametrize(
    ("stamps", "oldest_first"),
    [
        (["10:05", "10:50"], True),  # minutes count
        (["23:59", "00:01"], True),  # a minute past midnight
        (["10:00", "10:01"], True),  # one minute on
        (["08:00", "18:00"], True),  # ten hours on is less than half a day
        (["00:00", "12:00"], False),  # half a day is no step forward
        (["10:00", "10:00", "09:00"], False),  # the same minute is no step forward
        (["10:00", "11:00", "09:00"], True),  # one step each way: oldest first
        (["10:00", "09:00", "09:30", "08:00"], False),  # one step forward of three
    ],
)
def test_a_live_blog_runs_as_its_stamps_step(stamps: list[str], oldest_first: bool) -> None:
    """Whether a blog runs oldest first is what most steps between its stamps say, a step forward
    being one of less than half a day; each entry's place follows that order. An article of one
    stamp, given before the blog, is one moment, and the blog after it is still read."""
    plain = CleanDocument("d0", "Talks open\n\n10:00 - The sides met on Monday.")
    blog = CleanDocument(
        "d1", "Live\n\n" + "\n\n".join(f"{t} - Entry {n} is here." for n, t in enumerate(stamps))
    )
    sentences = [*segment(plain), *segment(blog)]
    places = entry_order([plain, blog], sentences)
    assert {places[s.id] for s in segment(plain)} == {0.0}
    entries = [places[s.id] for s in sentences[len(segment(plain)) :] if s.text.endswith("is here.")]
    assert entries == sorted(entries, reverse=not oldest_first) and len(set(entries)) == len(stamps)


# An older article's step, the newest article's step and the event, all on the process.
STEPS = (
    ev(
        "old",
        "A second session is scheduled for Sunday, officials said.",
        3,
        None,
        ("process",),
        copies=("d3",),
    ),
    ev("new", "The next session is scheduled for March 9, officials said.", 2, None, ("process",), "d2"),
    ev(
        "event",
        "Russian and Ukrainian delegations met in Abu Dhabi on Friday for talks.",
        1,
        None,
        ("process",),
    ),
)


def test_the_summary_s_next_step_is_the_newest_article_s() -> None:
    """An older article's "second session on Sunday" may have happened since the newest was
    written: the newest article's step is what comes next (the other only fills the summary)."""
    old, new, event = STEPS
    party_of = {e.id: None for e in (old, new, event)}
    ranked = centrality([old, new, event])
    assert ranked["old"] > ranked["new"]  # by rank alone the older step would be taken
    assert summary_of([old, new, event], party_of, {"d1": 0, "d2": 1}) == [event, new, old]
    assert summary_of([old, new, event], party_of, {"d1": 1, "d2": 0}) == [event, old, new]
    # An article the order does not rank counts as the oldest.
    assert summary_of([old, new, event], party_of, {"d2": 1}) == [event, new, old]
    assert summary_of([old, new, event], party_of, {"d1": 1}) == [event, old, new]
    # compose hands its order on to the summary.
    items = [old, new, event]
    for order, step in (({"d1": 0, "d2": 1}, new), ({"d1": 1, "d2": 0}, old)):
        sections = compose(items, without_model(items), PROFILE, CUES, order)
        assert [c.text for c in sections.summary][1] == step.text


def test_claims_are_laid_out_in_the_articles_order_not_by_their_ids() -> None:
    """Ten articles or more: "d10" comes after "d2" when the order says so."""
    items = [
        ev(
            "late",
            "Kyiv will not cede the Donetsk region by March.",
            1,
            "Ukraine",
            ("territory",),
            "d10",
        ),
        ev(
            "early",
            "Kyiv refuses to give up any land in the Donetsk region.",
            1,
            "Ukraine",
            ("territory",),
            "d2",
        ),
    ]
    order = {f"d{n}": n for n in range(1, 11)}
    sections = compose(items, without_model(items), PROFILE, CUES, order)
    [territory] = [i for i in sections.issues if i.issue == "territory"]
    shown = [as_brief(sections).resolve(p.claim).text for p in territory.positions]
    assert shown == [items[1].text, items[0].text]


def test_an_issue_shows_each_side_s_claims_together_in_the_profile_s_order_of_parties() -> None:
    """A card reads side by side: Russia's claims, then Ukraine's, each side's in time, however
    the articles interleave them."""
    items = [
        ev(
            "u1",
            "Kyiv refuses to give up any land in the Donetsk region.",
            1,
            "Ukraine",
            ("territory",),
            "d1",
        ),
        ev(
            "r1",
            "Russia wants Ukrainian troops to leave the Donetsk region.",
            1,
            "Russia",
            ("territory",),
            "d2",
        ),
        ev("u2", "Kyiv will not trade Donbas land for a ceasefire.", 1, "Ukraine", ("territory",), "d3"),
        ev("r2", "Moscow says the Donetsk demand is final.", 1, "Russia", ("territory",), "d4"),
    ]
    order = {f"d{n}": n for n in range(1, 5)}
    sections = compose(items, without_model(items), PROFILE, CUES, order)
    [territory] = [i for i in sections.issues if i.issue == "territory"]
    brief = as_brief(sections)
    shown = [(p.party, brief.resolve(p.claim).text) for p in territory.positions]
    assert [p.name for p in PROFILE.parties][:2] == ["Russia", "Ukraine"]
    assert shown == [
        ("Russia", items[1].text),
        ("Russia", items[3].text),
        ("Ukraine", items[0].text),
        ("Ukraine", items[2].text),
    ]


def test_a_ranker_reorders_each_role_s_candidates_and_sees_only_those_not_yet_taken() -> None:
    """The hook the model's ablation uses (evals/bench_summary.py): what it puts first is taken."""
    old, new, event = STEPS
    later = ev("later", "The talks resume on March 12, officials said.", 3, None, ("process",), "d2")
    items = [old, new, later, event]
    party_of = {e.id: None for e in items}
    order = {"d1": 0, "d2": 1}
    seen: list[tuple[int, list[str]]] = []

    def last_first(role: int, candidates: list[Evidence]) -> list[Evidence]:
        seen.append((role, [e.id for e in candidates]))
        return candidates[::-1] if role == 4 else candidates

    assert summary_of(items, party_of, order) == [event, later, old]
    assert summary_of(items, party_of, order, last_first) == [event, new, later]
    # What comes next is asked among the newest article's steps; the filler after it only among
    # what is left.
    assert (4, ["later", "new"]) in seen
    assert all("event" not in ids for role, ids in seen if role == 5)


def test_an_older_article_s_step_is_no_next_step_when_the_newest_one_s_is_shown_as_a_term() -> None:
    """The newest article's step taken as a deal's term tells what comes next: an older article's
    "will resume on Monday, March 16" may have come and gone, and does not follow it."""
    _, _, event = STEPS
    term = ev(
        "term",
        "Under the terms both companies confirmed on Tuesday, the catalogue returns on Friday, March 20.",
        2,
        None,
        ("process",),
        "d2",
    )
    stale = ev(
        "stale",
        "The talks broke up at midnight and will resume on Monday, March 16, officials said.",
        4,
        None,
        ("process",),
        "d1",
    )
    who = ev("who", "Russia's delegation is led by Vladimir Medinsky.", 5, None, ("process",), "d1")
    items = [event, stale, term, who]
    assert summary_of(items, {e.id: None for e in items}, {"d1": 0, "d2": 1}) == [event, who, term]


def test_a_step_whose_day_had_passed_by_the_newest_article_is_never_what_comes_next() -> None:
    _, _, event = STEPS
    stale = ev("stale", "The talks resume on Friday 13 November.", 4, None, ("process",), "d2")
    items = [event, stale]
    party_of = {e.id: None for e in items}
    seen: list[tuple[int, list[str]]] = []

    def told(role: int, candidates: list[Evidence]) -> list[Evidence]:
        seen.append((role, [e.id for e in candidates]))
        return candidates

    summary_of(items, party_of, {"d1": 0, "d2": 1}, told)
    assert (4, ["stale"]) in seen
    seen.clear()
    summary_of(items, party_of, {"d1": 0, "d2": 1}, told, past={"stale"})
    assert not any(role == 4 and "stale" in ids for role, ids in seen)
    # Laid out whole: what comes next is the step still to come, told before any filler.
    next_step = ev("next", "The talks resume on Tuesday 1 December.", 5, None, ("process",), "d2")
    chosen = [event, stale, next_step]
    order = {"d1": 0, "d2": 1}
    texts = [c.text for c in compose(chosen, without_model(chosen), PROFILE, CUES, order).summary]
    assert texts.index(stale.text) < texts.index(next_step.text)
    kept = compose(chosen, without_model(chosen), PROFILE, CUES, order, past={"stale"}).summary
    texts = [c.text for c in kept]
    assert texts.index(next_step.text) < texts.index(stale.text)


def test_what_happened_is_never_a_step_still_to_come() -> None:
    """With no report of a past meeting, the summary does not open on a step to come as what
    happened: the step is shown once, as what comes next."""
    resume = ev("resume", "Talks will resume with the mediator on Tuesday, March 17.", 1, issues=("process",))
    offer = ev("offer", "Russia has offered an energy truce from March 1.", 2, "Russia", ("energy",))
    chosen = [resume, offer]
    picked = summary_of(chosen, {"resume": None, "offer": "Russia"})
    assert picked.count(resume) == 1 and picked[-1] is resume


def test_a_side_s_own_deadline_makes_no_step_to_come_of_a_report_of_what_happened() -> None:
    """ "began formal talks on Monday ... before the regulator's statutory deadline" reports what
    happened; "The deadline expires on March 27" is a step."""
    began = ev(
        "began",
        "Negotiators began formal talks in Geneva on Monday, four weeks before the regulator's statutory "
        "deadline of March 27.",
        1,
        issues=("process",),
    )
    expires = ev("expires", "The deadline for a deal expires on March 27.", 2, issues=("process",), doc="d2")
    assert summary_of([began, expires], {"began": None, "expires": None}) == [began, expires]


def test_who_met_comes_before_who_will_chair_a_step_to_come() -> None:
    led = ev("led", "Russia's delegation is led by Admiral Igor Kostyukov.", 1)
    chair = ev("chair", "Talks will resume on April 13, chaired by State Secretary Eva Moldan.", 2, doc="d2")
    picked = summary_of([chair, led], {"led": None, "chair": None})
    assert picked.index(led) < picked.index(chair)


def test_who_met_names_a_person_not_a_body_that_chairs() -> None:
    """ "Face-to-face talks chaired by the union are rare" names no one who met."""
    rare = ev(
        "rare",
        "Face-to-face talks chaired by the union are rare.",
        1,
        issues=("process",),
        copies=("d4", "d5", "d6", "d7"),
    )
    led = ev("led", "Orizon's team is led by Camila Estrada-Voss.", 2, doc="d2")
    held = ev("held", "The two sides met in Lindenhal on Monday, February 9.", 3, doc="d3")
    chosen = [rare, held, led]
    assert centrality(chosen)["rare"] > centrality(chosen)["led"]
    assert summary_of(chosen, {"rare": None, "led": None, "held": None})[:2] == [held, led]


def test_who_met_is_told_by_a_report_before_a_side_s_stance() -> None:
    """ "Halvern is represented by Gregory Tane" tells who met; "Halvern's chief negotiator, Gregory
    Tane, says Halvern has come down to $3.10", which may have moved since, is shown under Halvern
    and answers the question only when nothing else does."""
    says = ev(
        "says",
        "Halvern's chief negotiator, Gregory Tane, says Halvern has come down to $3.10 a subscriber.",
        1,
        "Halvern",
        ("fee",),
    )
    led = ev("led", "Halvern is represented by Gregory Tane, the company's president.", 2, doc="d2")
    held = ev("held", "The two sides met in Branford on Friday, March 13.", 3, doc="d3")
    party_of = {"says": "Halvern", "led": None, "held": None}
    assert summary_of([says, held, led], party_of) == [held, led, says]  # says: the dispute's side
    assert summary_of([says, held], {"says": "Halvern", "held": None}) == [held, says]


def test_a_side_s_stance_on_a_past_date_is_no_step_to_come() -> None:
    """ "Russia rejected the plan on March 3" has a calendar date but looks back: it is a side of the
    dispute, beside the other side's stance, not what comes next."""
    held = ev("held", "Delegations met in Abu Dhabi on Friday.", 1, issues=("process",))
    rejected = ev("rejected", "Russia rejected the energy plan on March 3.", 2, "Russia", ("energy",))
    backed = ev("backed", "Ukraine backed the energy plan.", 3, "Ukraine", ("energy",))
    party_of = {"held": None, "rejected": "Russia", "backed": "Ukraine"}
    assert summary_of([held, rejected, backed], party_of) == [held, rejected, backed]
