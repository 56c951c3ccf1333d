"""The party and status rules on their hand-labelled dev sets (evals/dev/): floors, not goals.

The rules were tuned on these sentences (and the figures are in README), so a drop below the
floor is a regression in a rule, not noise. The held-out eval cases are the test of them.
"""

from __future__ import annotations

import pytest
import yaml

from service.evals import devsets
from service.topic import read_profile

# Measured after tuning: attribution 216/221, 236/249, 197/220, 210/233 (the fourth 204 unseen) and
# 202/244 (the fifth 194 unseen), status 230/255, 231/270 and 237/269 (the third 212 unseen); the
# fifth status set 219/286 (215 unseen), the issue standing set 34/45 (20 unseen) and the seventh
# attribution set 231/261 (226 unseen), the eighth 227/258 (226 unseen), the ninth 235/279 (233
# unseen); the split standing set 8/40, unseen and untuned. After the ninth set's version: the
# third to ninth party sets 202, 216, 211, 214, 235, 232 and 235. The tenth 248/286 (234 unseen);
# after it the sixth 218, the eighth 236, the ninth 237. The eleventh 240/289 (236 unseen); after
# it the third 203, the sixth 219, the ninth 238. The twelfth 276/295 (262 unseen); after it the
# first to eleventh 217, 240, 204, 218, 212, 220, 235, 237, 240, 249 and 244. The thirteenth
# 260/299 (255 unseen, with this version's rules and with the version before's alike); the tenth
# 250, the twelfth 276. The fourteenth 305/357 unseen (304 with the version before's rules), 307
# tuned on it too. The fifteenth 306/350 unseen (with the rules before and after the version that
# commissioned it alike), 324 tuned on it (a pronoun "it" with an auxiliary or "Now" before its
# stance, a long opening "For ..." that holds the subject's verb, an explainer's answer to "What
# does X want?", a proposal's terms going on), which took the first fourteen from 3,360 of 3,745
# to 3,409. The sixteenth 322/350 unseen (317 with the version before's rules). Once a speaker
# relaying news of the talks states no position (the dev fact cases' labels), which these sets
# give the speaker's party, the sixteen sets read 4,074 of 4,445 (4,090); the fifth 207/244.
# Tuned on the split standing set (cue words, a denial pending ratification, a deal in the making,
# the talks' broker weighed half again): standing 35/45, split 16/40, the status sets 230, 239,
# 249, 253 and 226; the second standing set 19/40 and the second split set 12/40, unseen and
# untuned (18 and 11 with the version before's rules). The seventeenth party set 303/346 unseen
# (with this version's first party rules and the version before's alike), 314 tuned on it (a verb
# that tells people something makes them its object, a party's people named by its common noun,
# hearsay of a stance, a name given in quotation marks, a statement issued); the first sixteen then
# 4,083.
FLOORS = {
    "attribution.yaml": 0.98,
    "attribution_2.yaml": 0.96,
    "attribution_3.yaml": 0.91,
    "attribution_4.yaml": 0.92,
    "attribution_5.yaml": 0.84,
    "attribution_6.yaml": 0.85,
    "attribution_7.yaml": 0.89,
    "attribution_8.yaml": 0.89,
    "attribution_9.yaml": 0.84,
    "attribution_10.yaml": 0.86,
    "attribution_11.yaml": 0.82,
    "attribution_12.yaml": 0.92,
    "attribution_13.yaml": 0.86,
    "attribution_14.yaml": 0.85,
    "attribution_15.yaml": 0.86,
    "attribution_16.yaml": 0.90,
    "attribution_17.yaml": 0.90,
    "status.yaml": 0.90,
    "status_2.yaml": 0.88,
    "status_3.yaml": 0.91,
    "status_4.yaml": 0.88,
    "status_5.yaml": 0.78,
    "standing.yaml": 0.77,
    "standing_2.yaml": 0.47,
    "standing_split.yaml": 0.40,
    "standing_split_2.yaml": 0.30,
}


# The claims that briefs of each attribution set's topics place under a party, judged against
# the set's labels (devsets.briefed; measured 52/52, 59/61, 45/46, 50/53, 54/58, 45/49, 50/52,
# 47/54 and 57/69; after the tenth set's version 51/51, 60/61, 43/45, 50/53, 53/56, 45/49, 46/48,
# 41/49, 56/66 and 48/58, the tenth 46/59 unseen; after the eleventh set's version 51/51, 59/61,
# 45/47, 53/56, 53/56, 47/51, 49/51, 41/49, 59/68, 49/59 and 52/68, the eleventh 46/67 unseen;
# after the twelfth set's version 51/51, 59/61, 44/46, 53/55, 53/56, 47/51, 49/51, 44/47, 59/61,
# 49/58, 55/66 and 55/59, the twelfth 52/64 unseen; the thirteenth 68/77 unseen and 70/75 tuned on,
# the tenth 50/58; the fourteenth 67/78 unseen, 66/78 with the version before's rules, 73/77
# tuned on it too; the fifteenth 79/90 unseen, 82/93 with the version before's rules, 77/86 tuned
# on it, where an explainer's answers, now placed, take the room of shorter claims; the sixteenth
# 61/71 unseen, 69/79 with the version before's rules; the fifteenth 60/70 once a speaker relaying
# news of the talks states no position, which these sets' labels give the speaker's party; the
# seventeenth 53/60 unseen, 54/62 tuned on; the fifteenth 57/68 once the clauses a status or the
# summary requires go in first, all seventeen 871/927 against 877/933; all seventeen 950/1011
# against 881/938 once the talks have an issue of their own, the seventh 42/45 against 40/42, a
# trailing unnamed source's report of the fund's offer now chosen in both its topics' briefs): a
# floor one claim or so below each, some 50 claims a set.
BRIEFED_FLOORS = {
    "attribution.yaml": 0.98,
    "attribution_2.yaml": 0.95,
    "attribution_3.yaml": 0.95,
    "attribution_4.yaml": 0.92,
    "attribution_5.yaml": 0.91,
    "attribution_6.yaml": 0.89,
    "attribution_7.yaml": 0.93,
    "attribution_8.yaml": 0.82,
    "attribution_9.yaml": 0.83,
    "attribution_10.yaml": 0.81,
    "attribution_11.yaml": 0.75,
    "attribution_12.yaml": 0.85,
    "attribution_13.yaml": 0.92,
    "attribution_14.yaml": 0.93,
    "attribution_15.yaml": 0.83,
    "attribution_16.yaml": 0.84,
    "attribution_17.yaml": 0.85,
}


@pytest.mark.parametrize(("name", "floor"), sorted(BRIEFED_FLOORS.items()))
def test_the_claims_briefs_place_under_a_party_are_right_at_or_above_the_floor(name: str, floor: float):
    score = devsets.briefed(devsets.DEV / name)
    # Enough claims to read a share from: a brief of two topics places some 40 to 70 under a party.
    assert score.total >= 35
    assert score.accuracy >= floor, "\n".join(score.wrong)


def test_briefs_with_profiles_drafted_from_the_sets_place_party_claims_right_at_or_above_the_floor():
    """What the drafter costs, over every attribution set (measured 730/849 over seventeen sets, the
    seventeenth 29/52 unseen, 33/55 with this version's party rules, 36/44 once a portfolio after
    its title ("Minister of Labour and Social Affairs") and a participle opening a line are no party
    and 35/43 with the salience weights refitted; 701/825 over sixteen sets, once
    an actor the articles do not seat at the table is a side only with half the weaker side's
    stances (689/843 before); the sixteenth 45/65 unseen (45/67 with the version before's
    drafter), which drafted bystanders as sides (a rival terminal operator, an airlines'
    association, a dockworkers' union, a residents' coalition); 644/778 over fifteen, the
    fifteenth 46/64 unseen (47/65 with the version before's drafter) and 51/68 tuned on; 610/726
    over fourteen, the fourteenth 53/66 unseen and 58/62 tuned on; 482/643 over thirteen before this version's
    drafter rules, 379/500 over eleven before that; with the sets' own profiles 762/811): a drafted
    party that stands for no labelled party counts as wrong."""
    scores = [devsets.briefed(devsets.DEV / name, drafted=True) for name in sorted(BRIEFED_FLOORS)]
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    assert total >= 300
    assert right / total >= 0.84, "\n".join(line for s in scores for line in s.wrong)


def test_every_attribution_set_has_a_briefed_floor():
    assert sorted(BRIEFED_FLOORS) == sorted(n for n in FLOORS if n.startswith("attribution"))


@pytest.mark.parametrize(("name", "floor"), sorted(FLOORS.items()))
def test_the_party_and_status_rules_read_each_dev_set_at_or_above_its_floor(name: str, floor: float):
    score = devsets.score(devsets.DEV / name)
    # A sentence set holds some 250 labelled sentences; the standing set some 45 issues' stories.
    assert score.total >= (40 if name.startswith("standing") else 200)
    assert score.accuracy >= floor, "\n".join(score.wrong)


def test_every_dev_set_has_a_floor():
    # By name (party sets, then standing and status sets): the order `python -m service.evals.devsets` prints.
    assert [p.name for p in devsets.sets()] == sorted(FLOORS)


@pytest.mark.parametrize("name", sorted(n for n in FLOORS if n.startswith("attribution")))
def test_every_dev_label_names_a_party_of_its_profile_or_none(name: str):
    data = yaml.safe_load((devsets.DEV / name).read_text(encoding="utf-8"))
    for excerpt in data["excerpts"]:
        names = {p.name for p in read_profile(devsets.DEV / f"{excerpt['topic']}.yaml").parties}
        for s in excerpt["sentences"]:
            assert s["party"] == "none" or s["party"] in names, s


def test_a_dev_score_counts_each_answer_and_lists_the_wrong_ones():
    score = devsets.DevScore()
    score.add("Russia", "Russia", "Moscow said no.")
    score.add("none", "Ukraine", "Kyiv was shelled.")
    assert (score.right, score.total, score.accuracy) == (1, 2, 0.5)
    assert score.confusion[("none", "Ukraine")] == 1
    assert score.wrong == ["none read as Ukraine: Kyiv was shelled."]


def test_a_story_s_clauses_are_placed_in_time_by_article_unless_all_came_out_the_same_day(tmp_path):
    articles = [["Pay talks broke up."], ["No pay deal."]]
    entry = {"topic": "t", "issue": "pay", "status": "open", "articles": articles}
    data = {"topics": {"t": {"issues": {"pay": ["pay"]}}}, "issues": [entry, {**entry, "same_day": True}]}
    path = tmp_path / "standing_x.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    ordered, same_day = devsets.stories(path)
    assert ordered.texts == {"a0.s0": "Pay talks broke up.", "a1.s0": "No pay deal."}
    assert (ordered.when, same_day.when) == ({"a0.s0": 0, "a1.s0": 1}, {"a0.s0": 0, "a1.s0": 0})
    assert (ordered.where, ordered.label) == ("t/pay", "open")
