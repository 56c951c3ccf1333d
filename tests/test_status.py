"""Status: cue words from the profile or prompts/status_cues.yaml, read as whole words and not
under a negation; a status rests on the claims that say it, and the rule takes the majority."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service import status as statuses
from service.settings import PROJECT_ROOT
from service.topic import TopicProfile, load_profile

PROMPTS = PROJECT_ROOT / "prompts"
PROFILE = load_profile("ukraine_peace_talks", PROMPTS / "topics", "ukraine_peace_talks")
CUES = statuses.cues(PROFILE, PROMPTS)


def profile_with(status_cues: dict[str, list[str]]) -> TopicProfile:
    return PROFILE.model_copy(update={"status_cues": status_cues})


def stated(text: str, cues=CUES) -> set[str]:
    return {s for s, pattern in cues.items() if statuses.says(text, pattern)}


# --- cues


def test_the_shared_cues_give_every_status_a_pattern():
    assert PROFILE.status_cues == {}  # the shipped profile relies on the shared list
    assert set(CUES) == {"agreed", "narrowing", "open"}
    assert stated("Both delegations signed the protocol on Tuesday.") == {"agreed"}
    assert stated("The sides are getting closer on the plant.") == {"narrowing"}
    assert stated("Disputes remain over how long the pause should last.") == {"open"}


def test_a_profile_cue_list_replaces_that_status_only():
    cues = statuses.cues(profile_with({"agreed": ["handshake"]}), PROMPTS)
    assert stated("The leaders sealed it with a handshake.", cues) == {"agreed"}
    assert stated("Both delegations signed the protocol.", cues) == set()  # the shared word is gone
    assert stated("Disputes remain over the plant.", cues) == {"open"}  # the others keep theirs


def test_without_a_shared_file_only_the_profile_cues_exist(tmp_path: Path):
    assert statuses.cues(PROFILE, tmp_path) == {}
    cues = statuses.cues(profile_with({"open": ["stalemate"]}), tmp_path)
    assert set(cues) == {"open"}
    assert stated("The talks ended in stalemate.", cues) == {"open"}


def test_an_edited_shared_file_is_read_again(tmp_path: Path):
    path = tmp_path / "status_cues.yaml"
    path.write_text("agreed: ['sealed']\nbogus: ['anything']\n", encoding="utf-8")
    first = statuses.cues(PROFILE, tmp_path)
    assert set(first) == {"agreed"}  # keys that are no status are ignored
    assert stated("The deal was sealed.", first) == {"agreed"}
    path.write_text("narrowing: ['thaw']\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    second = statuses.cues(PROFILE, tmp_path)
    assert set(second) == {"narrowing"}
    assert stated("A thaw set in.", second) == {"narrowing"}


def test_the_shared_cue_words_version_names_the_words_and_follows_their_edits(tmp_path: Path):
    assert statuses.shared_version(tmp_path) == "none"
    assert statuses.shared_version(PROMPTS) != "none"
    path = tmp_path / "status_cues.yaml"
    path.write_text("agreed: ['sealed']\n", encoding="utf-8")
    first = statuses.shared_version(tmp_path)
    assert len(first) == 16 and int(first, 16) >= 0
    # The same words in another place have the same version: it names the words, not the file.
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "status_cues.yaml").write_text("agreed: ['sealed']\n", encoding="utf-8")
    assert statuses.shared_version(tmp_path / "copy") == first
    path.write_text("agreed: ['inked']\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    assert statuses.shared_version(tmp_path) != first


@pytest.mark.parametrize(
    "text",
    [
        "The enclosers came late.",  # "closer" inside another word
        "A gaping hole opened in the roof.",  # "gap"
        "The undersigned left.",  # "signed"
    ],
)
def test_cues_match_whole_words_only(text: str):
    assert stated(text) == set()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("We're close on prep - close, not done.", {"narrowing"}),
        ("The two sides are now close on the money.", {"narrowing"}),
        # A ballot or a deadline that closes on a day says nothing of the gap.
        ("The deal goes to members in ballots that close on Friday 4 December.", set()),
        ("Voting will close on 4 December.", set()),
    ],
)
def test_close_on_a_point_narrows_a_ballot_closing_on_a_day_does_not(text: str, said: set[str]):
    assert stated(text) == said


def test_cues_are_case_insensitive():
    assert stated("THE SIDES AGREED TO A SWAP.") == {"agreed"}


# --- stated: negation- and condition-aware


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An agreement was reached on Donetsk.", {"agreed"}),
        ("The sides agreed to a prisoner swap.", {"agreed"}),
        # An agreement or a narrowing denied says the issue is open.
        ("No agreement was reached on Donetsk.", {"open"}),
        ("Kyiv has not agreed to withdraw.", {"open"}),
        ("Kyiv has not yet agreed to withdraw.", {"open"}),  # up to two words between
        ("Kyiv has yet to agree to the plan.", {"open"}),
        ("The sides did not narrow their differences.", {"open"}),
        ("The protocol was never signed.", {"open"}),
        ("Talks ended without any compromise.", {"open"}),
        ("Kyiv refused to withdraw.", {"open"}),
        # What was put off or blocked did not happen: as a denial, the issue is open.
        ("Delegates voted to adjourn the adoption of the framework by one year.", {"open"}),
        ("The ministers have postponed adoption of the accord.", {"open"}),
        ("Kyiv blocked the adoption of the text.", {"open"}),
        # ... a delay further back than two words, it did.
        ("The accord, delayed for weeks by a dispute over fees, was signed on Monday.", {"agreed"}),
        # A generalisation says nothing of where this issue stands.
        ("Such talks usually collapse over money.", set()),
        ("Face-to-face talks tend to be reserved for cases where a position is contested.", set()),
        # "Nobody", "neither" deny as "no" does.
        ("Nobody has yet agreed who pays for converting a car.", {"open"}),
        ("Neither side has agreed to the mediator's text.", {"open"}),
        # ... but a cue whose sense is its negation still says it.
        ("Kyiv has not budged on Donbas.", {"open"}),
        ("Neither side has moved an inch on sanctions.", {"open"}),
        # What is not decided is open.
        ("The A9 is not decided.", {"open"}),
        ("The family reunification cap is not settled either.", {"open"}),
        ("The route remains undecided.", {"open"}),
        # A denied refusal says nothing.
        ("Kyiv never refused to talk.", set()),
        # A negation further back, or after the cue, does not turn it.
        ("There is no doubt that the sides agreed to a swap.", {"agreed"}),
        ("Kyiv agreed, but not to withdraw.", {"agreed"}),
        # One negated and one plain mention: the plain one counts.
        ("Kyiv did not agree to the first plan but agreed to the second.", {"agreed"}),
        # An agreement undone is open.
        ("The ceasefire agreed in May collapsed within a week.", {"open"}),
        ("Moscow denied reports that it had agreed to withdraw.", {"open"}),
        # Inside a condition a cue says what would be, not what is.
        ("The union will stay out until a full contract is signed.", set()),
        ("The rulings are not binding unless both governments agreed otherwise.", set()),
        ("If a deal is reached, the strike ends.", set()),
        ("The union will stay out until the contract is not signed.", set()),
        # A condition after what it limits runs to the end, commas and all; "would" and "could"
        # say what would be.
        ("Kyiv would drop its bid if it receives guarantees from Washington, ratified by Congress.", set()),
        ("Rubio said the guarantees were ready and would be signed with a final peace agreement.", set()),
        ("The fossil fuel text could be agreed within an hour.", set()),
        # What a side wants done is a wish, not a deal; the end of a clause before its verb is no wish.
        ("Washington wants both signed together.", set()),
        ("Kyiv wants the guarantee to be ratified first.", set()),
        ("What the developing world wants has shrunk to about $200bn a year.", {"narrowing"}),
        # What is offered "to be ratified", or expected to be signed, is still to come; a deal that
        # still has to be ratified is made.
        ("Washington has offered a guarantee, to be ratified by Congress.", set()),
        ("The treaty is expected to be signed on Friday.", set()),
        ("The pay deal still has to be ratified by the pilots.", {"agreed"}),
        # A gap counted smaller is a narrowing.
        ("That gap is a lot smaller than the one they started with.", {"narrowing"}),
        ("The two sides reached a deal and will sign it on Friday.", {"agreed"}),
        ("The deal was signed, and the strike ends if members ratify it.", {"agreed"}),
        # Once the condition is closed, what follows is stated.
        ("If the talks fail, Kyiv refused to say what it would do.", {"open"}),
        ("Before the talks, the sides agreed to a swap.", {"agreed"}),
        ("A day before the accord was signed, Kyiv said nothing.", {"agreed"}),
        # A gap that narrows is narrowing, not open as well.
        ("The gap on wages narrowed to three points.", {"narrowing"}),
        # "Far from" denies; "agree on" agrees; a dispute over a settlement body is no cue.
        ("Officials say the plant's future is far from settled.", {"open"}),
        ("The sides agree on a phased withdrawal.", {"agreed"}),
        ("The sides agreed to set up a panel to hear future trade disputes.", {"agreed"}),
        # A question states nothing; a time still to come is a condition; failing is not agreeing;
        # part of it agreed is a narrowing.
        ("Could the route open before the treaty is signed?", set()),
        ("Sanctions stay in place before the accord is signed.", set()),
        ("Whoever gets it wins the budget argument after the agreement is signed.", set()),
        ("The strike ends once the deal is signed.", set()),
        ("The strike ended after the deal was signed.", {"agreed"}),
        # The deal's noun may carry words of its own; "when" tells a time to come as "once" does,
        # and so does the past tense of what a side said it would do.
        ("The claim will be paused once a funding deal is signed.", set()),
        ("They would withdraw the claim when the new cladding is finished.", set()),
        ("He said they would put the claim on hold once a funding deal was signed.", set()),
        ("The strike ended when the new deal was signed.", {"agreed"}),
        # A text accepted to negotiate from is a step, not a deal.
        (
            "Kyiv has accepted the plan as a basis for talks on condition that the plant stays Ukrainian.",
            {"narrowing"},
        ),
        ("The ministers failed to agree on the final wording.", {"open"}),
        ("The text is largely agreed after two days of talks.", {"narrowing"}),
        # How summits, unions and mediators say it: a text gavelled through, a bridging proposal,
        # a deal that fell apart; "nothing had been agreed" denies as "not" does.
        ("The loss and damage text was gavelled through on Saturday.", {"agreed"}),
        ("The mediator tabled a bridging proposal on wages.", {"narrowing"}),
        ("The deal on scope fell apart within hours.", {"open"}),
        ("Both sides said nothing had been agreed on pay.", {"open"}),
        # How negotiators and reporters say it: inked, a gap counted in minutes, talks that went
        # nowhere; "cannot agree" denies as "not" does.
        ("Negotiators inked an agreement on planning periods on Wednesday.", {"agreed"}),
        ("Agreement on health premiums was reached shortly after 1 a.m.", {"agreed"}),
        ("The sides are now 30 minutes apart on planning time.", {"narrowing"}),
        ("Talks on a new pledge have gone nowhere.", {"open"}),
        ("The two sides cannot even agree on the cost figures.", {"open"}),
        # Concessions demanded are no narrowing.
        ("Moscow wants territorial concessions from Kyiv.", set()),
        # A "no" opening the subject negates its verb, however far; a deal run out is no deal.
        ("No new energy truce was agreed, Zelensky said.", {"open"}),
        ("No agreement on the fund has been reached.", {"open"}),
        ("The energy pause had ended on February 1 as agreed with Washington.", {"open"}),
        ("The strikes came two days after the expiry of a pause agreed at Trump's request.", {"open"}),
        # A gap counted, closed to a figure or down to its last item, is a narrowing.
        ("Brightline and the Guild are now a year apart on jobs.", {"narrowing"}),
        ("The pension gap has closed to about $250 a month.", {"narrowing"}),
        ("The gap there is small.", {"narrowing"}),
        ("Only a narrow gap remains on the contract's length.", {"narrowing"}),
        ("Coupon talks are down to basis points, one adviser said.", {"narrowing"}),
        ("The offer was a serious step towards agreement, the ministry said.", {"narrowing"}),
        # ... and a deal said to no longer exist, or voided, is open.
        ("The rebels say the ceasefire no longer exists.", {"open"}),
        ("The union has declared the job-security agreement void.", {"open"}),
        # A question states nothing, closing quotation mark or not; part of it agreed is a
        # narrowing; "before the agreement was reached" tells of one reached.
        ("Will the sides sign the deal before Friday?", set()),
        ("“Has anything been agreed?”", set()),
        ("Most of the principles were agreed on Friday.", {"narrowing"}),
        ("The sides argued before the agreement was reached, and the plant is calm now.", {"agreed"}),
        # What was agreed before these talks ("last September", "in 2021") says nothing of now.
        ("Grenmart agreed last September to buy Castell.", set()),
        ("Under a sharing arrangement agreed in 2021, Estmar takes 62% of the catch.", set()),
        # A condition said as such; a cue word inside a party's name ("Movement") is no cue.
        ("The government could accept a delay, on condition that cantonment is finished on time.", set()),
        ("The Orsa Liberation Movement signed a ceasefire on Sunday.", {"agreed"}),
        ("The Orsa Liberation Movement has named its delegation.", set()),
        ("Movement on the price freeze.", {"narrowing"}),
        ("There has been some movement on pay.", {"narrowing"}),
        # The terms of a deal, named or not; a proposal's terms are no deal's.
        ("Under the Veldran Framework, Ossara will keep 60% of the income tax.", {"agreed"}),
        ("Under the deal, the council will raise its contribution.", {"agreed"}),
        ("Under the proposed framework, Ossara would keep 55%.", set()),
        # One side taking the other's offer, by vote or in words, is a deal; so is a deal
        # confirmed, welcomed or held ("we have an agreement on ..."), and a clause closed.
        ("The nurses voted to accept the hospital's revised staffing offer.", {"agreed"}),
        ("We accept your 3% floor, the minister told the union.", {"agreed"}),
        ("The board welcomed the union's acceptance of its shift proposal.", {"agreed"}),
        ("We have an agreement on the timetable, the minister said.", {"agreed"}),
        ("The port authority confirmed the agreement on berth fees.", {"agreed"}),
        ("Crews will work four-day rosters under the interim agreement.", {"agreed"}),
        ("The arbitration clause is closed, the chair said.", {"agreed"}),
        ("Families who lose their homes will be rehoused under the protocol.", {"agreed"}),
        ("The state broadcaster said the offer settles the matter.", {"agreed"}),
        # Deals in the plural, a headline's present tense, a deal said to exist.
        ("They have reached tentative agreements on pay and pensions.", {"agreed"}),
        ("Writers and studios strike deal on pay after all-night session.", {"agreed"}),
        ("Holloway steps out to say there is a deal on pay.", {"agreed"}),
        ("There is no deal on pay yet.", {"open"}),
        # ... not a deal in the making, nor one called near, nor one denied.
        ("The wording of the annex is still being worked out.", set()),
        ("A tentative agreement on the timetable is within touching distance.", {"narrowing"}),
        ("The pension deal is not a done deal, the union warned.", {"open"}),
        # A gap counted small, a long way moved, a proposal called a basis: narrowing.
        ("The mediator said they had moved a long way on fees.", {"narrowing"}),
        ("The gap between the sides is now less than two per cent.", {"narrowing"}),
        ("Both sides called the chair's draft a basis for agreement.", {"narrowing"}),
        ("The talks on quotas are near agreement, diplomats say.", {"narrowing"}),
        ("The two sides are closer than ever to a deal on fees.", {"narrowing"}),
        # A figure closer to one side's than to the other's is a comparison, not a gap narrowing
        # nor a deal called near: the deal made stands.
        (
            "They agreed a fee of 95 euros, far closer to the guild's figure than to the publishers'.",
            {"agreed"},
        ),
        # No understanding, still in dispute, a breakdown, a deal called dead: open.
        ("There is no understanding on the border villages.", {"open"}),
        ("The catch limits are still in dispute.", {"open"}),
        ("Pay is still being fought over.", {"open"}),
        ("Talks broke up after a breakdown over the fees.", {"open"}),
        ("The rebels said the truce was 'dead'.", {"open"}),
        # A denial until something else happens is a deal pending, not a dispute; the slogan
        # "nothing is agreed until everything is agreed" on its own still denies.
        ("The price is not agreed until parliament votes the money.", set()),
        ("There is no deal until the members ratify it.", set()),
        ("The pay offer is not agreed until ratified by the members.", set()),
        # A side's own condition is no formality pending: the issue is open.
        ("There will be no truce until the rebels hand in their heavy weapons, the minister said.", {"open"}),
        # ... and a mention inside a condition or pending does not hide a plain one after it.
        ("If the pact is signed, the shelling stops, and both sides signed the truce on Monday.", {"agreed"}),
        ("There is no deal until the members ratify it, and still no agreement on rosters.", {"open"}),
        ("Asked about pay, he said only that nothing is agreed until everything is agreed.", {"open"}),
        # Agreeing to talk more settles nothing; a deal that is agreed as well still does.
        ("We have agreed to keep talking about the samples.", set()),
        # ... as agreeing to look into it does.
        ("Aldmoor Grid has agreed to study whether the substation upgrade can be brought forward.", set()),
        ("The grid operator has agreed to report by December 15 on whether it can move the upgrade.", set()),
        ("The sides agreed to further talks on the border villages in May.", set()),
        # ... or to have someone else study it: the answer put off, not given.
        ("The agency has agreed to commission an independent study of the routes.", set()),
        ("The agency has agreed to fund the rail spur.", {"agreed"}),
        # A deal that holds, or a fight that is over, is agreed; a side holding to its demand is not.
        ("The truce is holding, the monitors said.", {"agreed"}),
        ("The alliance is holding to its demand of $60 billion a year.", set()),
        ("The trustee fight also ended on the alliance's terms.", {"agreed"}),
        ("The dispute is over.", {"agreed"}),
        ("The sharpest dispute is over the town's right to withdraw.", set()),
        # A proposal that a thing be settled is a wish; a gap called small, quoted, is narrowing.
        ("The minister proposed that the town's final say be settled by a referendum.", set()),
        ('An analyst said the price gap was "small enough to close in an afternoon".', {"narrowing"}),
        # A cue whose object denies it is a denial.
        ("We signed nothing on the river, said the association's spokesman.", {"open"}),
        ("The union says it agreed to nothing on rosters.", {"open"}),
        ("They agreed to continue talking after they agreed on the border villages.", {"agreed"}),
        # A deal named by its noun, after which something will follow, is still to come.
        ("The accord will open for signature after the adoption of the annex.", set()),
        ("The accord opened for signature after the adoption of the annex.", {"agreed"}),
        # Any deal, in what would follow from one, is none made; nor is what is done in a name, nor
        # a committee stuck only when a condition is met.
        ("A signed deal with authors would help to prove it, says a professor.", set()),
        ("Both sides are weighing a compromise that would phase in the quota over 15 years.", {"narrowing"}),
        ("The two sides are closer to a ceasefire than at any point since the war began.", {"narrowing"}),
        (
            "Publishers are happy to speak for authors, but not to let them say what is done in their name.",
            set(),
        ),
        ("What was agreed on fees will go to a ballot.", set()),
        ("A panel will meet monthly, with the bureau stepping in only when the panel is stuck.", set()),
        ("The panel is stuck, the bureau said.", {"open"}),
        # A leading "After weeks of deadlock," tells what came before the news: its dispute says
        # nothing, a deal it tells of still does.
        ("After two weeks of stalling, Teveria has won back the spectrum.", set()),
        ("After weeks of deadlock, the sides struck a deal on fees.", {"agreed"}),
        ("After weeks without agreement, the sides are stalling again.", {"open"}),
        ("After the deal was signed on Monday, shares rose.", {"agreed"}),
        ("After the truce collapsed in May, the sides signed a new one on Monday.", {"agreed"}),
    ],
)
def test_stated_reads_negations_conditions_and_agreements_undone(text: str, expected: set[str]):
    assert statuses.stated(text, CUES) == expected


def test_says_is_false_for_a_cue_under_a_negation_or_inside_a_condition():
    agreed = CUES["agreed"]
    assert statuses.says("The sides agreed to a swap.", agreed)
    assert not statuses.says("Kyiv has not agreed to withdraw.", agreed)
    assert not statuses.says("Notably missing: an agreed research budget.", agreed)
    assert not statuses.says("The offer lacks an agreed timetable.", agreed)
    assert not statuses.says("It wants back pay at whatever new rate is agreed.", agreed)
    assert not statuses.says("The union will stay out until a contract is signed.", agreed)


# --- supported and by_rule


def test_supported_lists_the_claims_that_say_each_status():
    texts = {
        "c1": "The sides agreed to a swap.",
        "c2": "Kyiv rejected the plan.",
        "c3": "No agreement was reached.",
        "c4": "Disputes remain, although the sides moved closer.",
        "c5": "Both delegations signed the protocol.",
    }
    assert statuses.supported(texts, CUES) == {
        "agreed": ["c1", "c5"],
        "narrowing": ["c4"],
        "open": ["c2", "c3", "c4"],  # one claim may say two things; no agreement is open
    }
    # Within one part, a gap that narrows is narrowing, not open as well.
    assert statuses.supported({"c1": "A pension deal was struck as the gap on wages narrows."}, CUES) == {
        "agreed": ["c1"],
        "narrowing": ["c1"],
    }
    assert statuses.supported({"c1": "Talks resumed in Abu Dhabi."}, CUES) == {}
    assert statuses.supported({}, CUES) == {}


def test_an_item_of_a_deal_s_terms_listed_says_agreed_unless_it_says_otherwise():
    """ "- Annual subsidy of EUR 16.8m from July 1." under "Key terms:" says its issue is agreed;
    an item that says a status of its own says that one, and the same words unlisted say nothing."""
    texts = {
        "c1": "Annual subsidy of EUR 16.8m from July 1.",
        "c2": "The fleet question remains unresolved.",
        "c3": "Resident fare capped at EUR 2.60.",
    }
    assert statuses.supported(texts, CUES, listed={"c1", "c2"}) == {"agreed": ["c1"], "open": ["c2"]}
    assert statuses.supported(texts, CUES) == {"open": ["c2"]}
    listed = {"c1": "Annual subsidy of EUR 16.8m from July 1.", "c4": "Pay rose 9% last year."}
    status, support = statuses.standing(listed, CUES, None, {"c1": 1, "c4": 0}, {"c1"})
    assert (status, support) == ("agreed", {"agreed": ["c1"]})


@pytest.mark.parametrize(
    "text",
    [
        "Drevia says tariffs are 'settled'; Velmora says nothing has been signed off.",
        "The district said the parties had reached an understanding; the union said there was no agreement.",
        "Reports that a tariff deal had been reached were 'premature', the ministry said.",
        "A draft deal on tariffs, reported as agreed on Tuesday, was reopened on Wednesday.",
        "We have agreed nothing on tariffs, the shop steward said.",
    ],
)
def test_a_deal_claimed_and_denied_in_one_sentence_is_no_deal(text: str):
    assert statuses.supported({"c1": text}, CUES) == {"open": ["c1"]}


@pytest.mark.parametrize(
    "text",
    [
        "The sides agreed a first-year payment, but the amounts for the remaining years are disputed.",
        "They agreed the first year's payment; the rest of the schedule is still in dispute.",
        "The committee accepted rising coupons, but the starting rate remains to be agreed.",
        "The two governments agreed in principle on a joint company, but not on who runs the field.",
        "The first-year payment was agreed, and the later instalments are still outstanding.",
        "The sides agreed on the route of the pipeline but are still haggling over the tariff.",
        "They agreed on 200 of the names; the remaining names are still being argued over.",
        "Agreed in principle: a free day pass, with the size of the zone left to a working group.",
        "They agreed on a fund, with the amount referred to the joint technical committee.",
        "They agreed on the route, with the timetable handed to a panel of experts.",
        "They agreed on the fund, with the formula passed to the commission.",
    ],
)
def test_a_deal_on_part_of_the_issue_with_the_rest_to_settle_is_a_narrowing(text: str):
    assert statuses.supported({"c1": text}, CUES) == {"narrowing": ["c1"]}
    # The rest settled too is a deal.
    whole = "The sides agreed the first-year payment and the remaining years as well."
    assert statuses.supported({"c1": whole}, CUES) == {"agreed": ["c1"]}
    quiet = "They agreed on the fund, but not in public."
    assert statuses.supported({"c1": quiet}, CUES) == {"agreed": ["c1"]}
    # A deal that is the working group, with nothing handed on to it, is a deal.
    group = "They agreed to set up a working group on visas."
    assert statuses.supported({"c1": group}, CUES) == {"agreed": ["c1"]}


@pytest.mark.parametrize(
    "answer",
    [
        "the company has until Friday to respond",
        "the rebels have yet to respond",
        "the ministry has not yet replied",
        "the city is expected to respond next week",
        "the government has promised an answer within 48 hours",
        "the district has asked for more time to study it",
        "the board is still considering it",
        "the employers say they will answer after Monday's meeting",
    ],
)
def test_one_side_accepting_with_the_other_s_answer_to_come_is_a_narrowing(answer: str):
    text = f"The union has accepted the mediator's proposal on the tariff; {answer}."
    assert statuses.supported({"c1": text}, CUES) == {"narrowing": ["c1"]}
    # Both sides' acceptance is the deal.
    both = "The union and the company have accepted the mediator's proposal on the tariff."
    assert statuses.supported({"c1": both}, CUES) == {"agreed": ["c1"]}


def test_two_sides_with_no_status_said_make_an_issue_open():
    """Moscow insists on Moscow, Kyiv invites Putin to Kyiv, no deal is reported: still open."""
    texts = {
        "c1": "Putin insists that any talks must take place in Moscow.",
        "c2": "Zelenskyy invites Putin to Kyiv for talks.",
        "c3": "A second round is slated for Sunday.",
    }
    both = {"c1": "Russia", "c2": "Ukraine"}
    assert statuses.supported(texts, CUES, sides=both) == {"open": ["c1", "c2"]}
    # One side's position alone, or two claims of one side, is no dispute.
    assert statuses.supported(texts, CUES, sides={"c1": "Russia"}) == {}
    assert statuses.supported(texts, CUES, sides={"c1": "Russia", "c3": "Russia"}) == {}
    # A status a claim says is the issue's basis: the two sides add nothing to it.
    said = {**texts, "c4": "The sides agreed to meet in Istanbul."}
    assert statuses.supported(said, CUES, sides=both) == {"agreed": ["c4"]}
    # Without an "open" cue list there is no status to give.
    agreed_only = {"agreed": CUES["agreed"]}
    assert statuses.supported(texts, agreed_only, sides=both) == {}


def test_a_relative_clause_tells_of_its_person_not_of_where_the_issue_stands():
    """ "a win for the team, who refused to budge while ..." is no open issue; the main clause speaks."""
    win = "The energy pause agreed on Friday is a win for Umerov and his team, who refused to budge."
    energy = PROFILE.issue_patterns["energy_pause"]
    assert statuses.supported({"c1": win}, CUES, energy) == {"agreed": ["c1"]}
    refused = "Umerov, who led the team, refused to pause strikes on energy."
    assert statuses.supported({"c2": refused}, CUES, energy) == {"open": ["c2"]}
    # What the clause says before the relative clause is read whole, to its last word.
    impasse = "The energy pause is at an impasse, whose end nobody can see."
    assert statuses.supported({"c3": impasse}, CUES, energy) == {"open": ["c3"]}


def test_a_headline_s_second_half_still_open_is_a_part_of_its_own():
    """ "Talks reach deal on X, Y still open": agreed for X, open for Y, each by its own half."""
    texts = {"c1": "Talks reach deal on the energy pause, Donetsk and the plant still open"}
    territory, energy = PROFILE.issue_patterns["territory"], PROFILE.issue_patterns["energy_pause"]
    assert statuses.supported(texts, CUES, territory) == {"open": ["c1"]}
    assert statuses.supported(texts, CUES, energy) == {"agreed": ["c1"]}
    # Open to talks is a stance, not an issue left open.
    door = {"c2": "Kyiv says the door is still open to talks on Donetsk."}
    assert statuses.supported(door, CUES, territory) == {}
    # Nor does a comma before "remains open to" cut a condition off what it governs.
    ready = "According to him, if Kyiv is ready for talks, Moscow remains open to hosting them in Donetsk."
    offer = {"c3": ready}
    assert statuses.supported(offer, CUES, territory) == {}


def test_a_cue_speaks_for_the_issue_of_its_own_part_of_the_claim():
    """Agreed on energy, but no breakthrough on Donetsk: agreed for one issue, open for the other."""
    texts = {"c1": "The sides agreed to pause energy strikes, but made no breakthrough on Donetsk."}
    territory, energy = PROFILE.issue_patterns["territory"], PROFILE.issue_patterns["energy_pause"]
    assert statuses.supported(texts, CUES, territory) == {"open": ["c1"]}
    assert statuses.supported(texts, CUES, energy) == {"agreed": ["c1"]}
    # Without the issue, or in a claim of one part, every cue counts, and a deal said with a
    # denial reads as none: the rule cannot tell a deal on another matter from one denied.
    assert statuses.supported(texts, CUES) == {"open": ["c1"]}
    whole = {"c2": "No breakthrough on Donetsk was made after the sides agreed on energy."}
    assert statuses.supported(whole, CUES, territory) == {"open": ["c2"]}
    assert statuses.supported(whole, CUES, energy) == {"open": ["c2"]}
    # Where the issue stands reads the same parts.
    assert statuses.standing(texts, CUES, energy) == ("agreed", {"agreed": ["c1"]})
    assert statuses.standing(texts, CUES, territory) == ("open", {"open": ["c1"]})
    # Ending without a deal says the issue is open.
    assert stated("The round ended without a deal on how much water reaches the border.") == {"open"}
    # A claim whose parts name the issue nowhere (it came from its sentence) is read whole.
    plant = PROFILE.issue_patterns["zaporizhzhia"]
    assert statuses.supported(texts, CUES, plant) == {"open": ["c1"]}
    # A turn with no comma before "but", and a clause clearing the way for another matter.
    plain = {"c3": "The sides agreed on the energy pause but remain far apart on Donetsk."}
    assert statuses.supported(plain, CUES, territory) == {"open": ["c3"]}
    assert statuses.supported(plain, CUES, energy) == {"agreed": ["c3"]}
    onward = {"c4": "The sides reached a deal on the energy pause, clearing the way for talks on Donetsk."}
    assert statuses.supported(onward, CUES, territory) == {}
    pending = {
        "c5": "The sides agreed only to meet again on the energy pause, with Donetsk still unresolved."
    }
    assert statuses.supported(pending, CUES, territory) == {"open": ["c5"]}


@pytest.mark.parametrize(
    ("support", "expected"),
    [
        ({}, "unknown"),
        ({"open": ["c1"]}, "open"),
        ({"agreed": ["c1"], "open": ["c2", "c3"]}, "open"),
        ({"open": ["c2", "c3"], "narrowing": ["c1", "c4", "c5"]}, "narrowing"),
        ({"agreed": ["c1"], "open": ["c2"]}, "unknown"),  # a tie decides nothing
        ({"agreed": ["c1", "c2"], "open": ["c3", "c4"], "narrowing": ["c5"]}, "unknown"),
        # ... unless a narrowing is among the tied: narrowed by some, not yet settled by others.
        ({"narrowing": ["c1"], "open": ["c2"]}, "narrowing"),
        ({"agreed": ["c1"], "narrowing": ["c2"], "open": ["c3"]}, "narrowing"),
    ],
)
def test_by_rule_takes_the_status_most_claims_state(support, expected: str):
    assert statuses.by_rule(support) == expected


def test_by_rule_weighs_each_claim_by_its_weight():
    support = {"agreed": ["c1"], "open": ["c2"]}
    assert statuses.by_rule(support, {"c1": 1.5, "c2": 1.0}) == "agreed"
    assert statuses.by_rule(support, {"c1": 1.0, "c2": 1.5}) == "open"
    assert statuses.by_rule(support, {"c1": 1.0}) == "unknown"  # an unweighed claim counts 1


def test_the_talks_broker_outweighs_one_party_on_where_an_issue_stands():
    """Two sources split evenly tie; when one of them names the mediator (or the envoy, the
    facilitator), it decides, whichever way it points."""
    party = "The union says pay is still unresolved."
    broker = "The mediator said the gap on pay had narrowed to a single point."
    assert statuses.weight(broker) == 1.5 and statuses.weight(party) == 1.0
    assert statuses.standing({"c1": party, "c2": broker}, CUES)[0] == "narrowing"
    deal = "The district says it has reached a deal on pay."
    denied = "There is no agreement on pay, the envoy said."
    assert statuses.standing({"c1": deal, "c2": denied}, CUES)[0] == "open"
    union = "There is no agreement on pay, the union said."
    assert statuses.standing({"c1": deal, "c2": union}, CUES)[0] == "unknown"


def test_standing_is_what_most_clauses_on_the_issue_say_with_those_clauses():
    texts = {
        "c1": "The sides agreed to a swap of prisoners.",
        "c2": "Kyiv rejected the plan.",
        "c3": "No agreement was reached.",
        "c4": "Talks resumed in Abu Dhabi.",
    }
    assert statuses.standing(texts, CUES) == ("open", {"agreed": ["c1"], "open": ["c2", "c3"]})
    split = {"c1": texts["c1"], "c2": texts["c2"]}
    assert statuses.standing(split, CUES) == ("unknown", {"agreed": ["c1"], "open": ["c2"]})
    assert statuses.standing({"c4": texts["c4"]}, CUES) == ("unknown", {})


def test_an_open_issue_a_side_has_moved_on_is_narrowing_on_its_move():
    texts = {
        "c1": "Kyiv rejected the plan.",
        "c2": "No agreement was reached.",
        "c3": "Moscow raised its offer to 300 prisoners.",
    }
    moved = statuses.standing(texts, CUES, moves={"c3"})
    assert moved == ("narrowing", {"open": ["c1", "c2"], "narrowing": ["c3"]})
    # No side's move, or a move on another issue: open, as the clauses say.
    assert statuses.standing(texts, CUES)[0] == "open"
    assert statuses.standing(texts, CUES, moves={"c9"})[0] == "open"
    # A deal the clauses tell is no less agreed for a move before it.
    deal = {"c1": "The sides agreed to a swap of prisoners.", "c3": texts["c3"]}
    assert statuses.standing(deal, CUES, moves={"c3"})[0] == "agreed"
    # The clauses that say it narrowed stay its basis beside the move.
    said = {**texts, "c4": "The gap on prisoners has narrowed."}
    assert statuses.standing(said, CUES, moves={"c3"}) == (
        "narrowing",
        {"open": ["c1", "c2"], "narrowing": ["c3", "c4"]},
    )


def test_a_side_s_figure_that_moved_says_narrowing_to_the_claims_a_brief_shows():
    """To the composer and the verifier (sides: the claims that are a party's position), a side's
    moved figure says narrowing, unless the claim says a status of its own."""
    moved = "Moscow raised its offer to 300 prisoners."
    assert statuses.supported({"c1": moved}, CUES, None, {"c1": "Russia"}) == {"narrowing": ["c1"]}
    # No side's position, or a claim that says a status itself: the move adds nothing.
    assert statuses.supported({"c1": moved}, CUES, None, {}) == {}
    rejected = "Kyiv rejected the plan, though Moscow raised its offer to 300 prisoners."
    assert statuses.supported({"c1": rejected}, CUES, None, {"c1": "Russia"}) == {"open": ["c1"]}
    # Cue words with no narrowing: none said.
    no_narrowing = {k: v for k, v in CUES.items() if k != "narrowing"}
    assert statuses.supported({"c1": moved}, no_narrowing, None, {"c1": "Russia"}) == {}


def test_a_deal_reported_after_every_other_status_settles_the_issue():
    """News of an agreement supersedes the disputes reported before it, however many; a dispute
    reported as late as the deal, or later, leaves it to the majority."""
    texts = {
        "c1": "Kyiv rejected the plan.",
        "c2": "No agreement was reached.",
        "c3": "The sides agreed to a swap of prisoners.",
    }
    assert statuses.standing(texts, CUES, when={"c1": 0, "c2": 1, "c3": 2})[0] == "agreed"
    assert statuses.standing(texts, CUES, when={"c1": 0, "c2": 2, "c3": 2})[0] == "open"
    assert statuses.standing(texts, CUES, when={"c1": 0, "c2": 2, "c3": 1})[0] == "open"
    assert statuses.standing(texts, CUES)[0] == "open"  # no time order: the majority
    assert statuses.standing({"c3": texts["c3"]}, CUES, when={"c3": 0})[0] == "agreed"


def test_a_deal_undone_after_every_other_status_leaves_the_issue_open():
    """News that a deal was rejected, voided or withdrawn supersedes the reports of the deal, however
    many; a dispute that undoes nothing, or a past deal's fate, leaves it to the majority."""
    agreed = {
        "c1": "Negotiators reached a tentative agreement on wages late on Tuesday.",
        "c2": "The employers welcomed the pay agreement, which both sides signed.",
    }
    rejected = {"c3": "Dockworkers have rejected the tentative pay deal by 58 per cent to 42."}
    when = {"c1": 0, "c2": 1, "c3": 2}
    assert statuses.standing(agreed | rejected, CUES, when=when)[0] == "open"
    assert statuses.standing(agreed | rejected, CUES, when=when | {"c3": 1})[0] == "agreed"
    disputed = {"c3": "The two sides remain far apart on wages."}
    assert statuses.standing(agreed | disputed, CUES, when=when)[0] == "agreed"
    history = {"c3": "That year's talks produced a pay deal that the members rejected."}
    assert statuses.standing(agreed | history, CUES, when=when)[0] == "agreed"
