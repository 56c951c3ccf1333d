"""The party and status rules on their hand-labelled dev sets (evals/dev/): floors, not goals.

The rules were tuned on these sentences (and the figures are in README), so a drop below the
floor is a regression in a rule, not noise. The held-out eval cases are the test of them.
"""

from __future__ import annotations

import yaml

from service.evals import devsets
from service.topic import read_profile

# Measured on 2026-12-02 after tuning: attribution 215/221, status 217/255.
ATTRIBUTION_FLOOR = 0.97
STATUS_FLOOR = 0.85


def test_the_party_rule_reads_the_dev_excerpts_at_or_above_its_floor():
    score = devsets.attribution()
    assert score.total >= 200
    assert score.accuracy >= ATTRIBUTION_FLOOR, "\n".join(score.wrong)


def test_the_status_rule_reads_the_dev_sentences_at_or_above_its_floor():
    score = devsets.status()
    assert score.total >= 200
    assert score.accuracy >= STATUS_FLOOR, "\n".join(score.wrong)


def test_every_dev_label_names_a_party_of_its_profile_or_none():
    data = yaml.safe_load((devsets.DEV / "attribution.yaml").read_text(encoding="utf-8"))
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
