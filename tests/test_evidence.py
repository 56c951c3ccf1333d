"""Evidence: seed sentences tagged with the parties and issues a reader would see in them."""

from __future__ import annotations

import pytest

from service.dedupe import Unit, dedupe
from service.evidence import Evidence, tag
from service.ingest import ingest
from service.schema import Document
from service.segment import Sentence, segment
from service.settings import PROJECT_ROOT
from service.topic import TopicProfile, load_profile

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def profile() -> TopicProfile:
    return load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")


@pytest.fixture(scope="module")
def evidence(profile: TopicProfile) -> list[Evidence]:
    docs = ingest([Document(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])
    return tag(dedupe([s for d in docs for s in segment(d)]), profile)


def find(items: list[Evidence], start: str) -> Evidence:
    found = [e for e in items if e.text.startswith(start)]
    assert len(found) == 1, f"expected one evidence sentence starting {start!r}, got {len(found)}"
    return found[0]


def unit(text: str, doc_id: str = "d1", n: int = 5) -> Unit:
    return Unit(Sentence(f"{doc_id}.s{n}", doc_id, 0, len(text), text))


def test_russia_wants_withdrawal_from_donetsk(evidence: list[Evidence]):
    e = find(evidence, "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region")
    assert e.parties[0] == "Russia"
    assert "Ukraine" in e.parties  # "Ukrainian soldiers"
    assert "United States" not in e.parties
    assert e.issues[0] == "territory"
    assert "zaporizhzhia" not in e.issues and "peacekeepers" not in e.issues


def test_kyiv_refuses_to_give_up_territory(evidence: list[Evidence]):
    e = find(evidence, "Kyiv has stated that it does not want to give Moscow territory")
    assert e.parties[:2] == ["Ukraine", "Russia"]
    assert "territory" in e.issues


def test_zaporizhzhia_sentences(evidence: list[Evidence]):
    sybiha = find(evidence, "Ukraine’s Foreign Minister, Andrii Sybiha, recently said")
    assert sybiha.parties[0] == "Ukraine"
    assert {"zaporizhzhia", "territory", "venue"} <= set(sybiha.issues)
    disputes = find(evidence, "However, major disputes remain, including who gets what land")
    assert {"territory", "peacekeepers", "zaporizhzhia"} <= set(disputes.issues)


def test_peacekeepers_sentence(evidence: list[Evidence]):
    e = find(evidence, "However, several sticking points remain, including Russia’s demand")
    assert {"territory", "peacekeepers"} <= set(e.issues)
    assert "Russia" in e.parties and "Ukraine" in e.parties


def test_energy_pause_and_venue(evidence: list[Evidence]):
    trump = find(evidence, "US President Donald Trump announced on Thursday that Putin had agreed")
    assert trump.parties[0] == "United States"
    assert {"Russia", "Ukraine"} <= set(trump.parties)
    assert trump.issues == ["energy_pause"]
    peskov = find(evidence, "According to a TASS state news agency report, Kremlin spokesman")
    assert peskov.parties[0] == "Russia" and "venue" in peskov.issues


def test_every_seed_issue_has_evidence(evidence: list[Evidence], profile: TopicProfile):
    assert {i for e in evidence for i in e.issues} == {i.id for i in profile.issues}
    assert {p for e in evidence for p in e.parties} == {p.name for p in profile.parties}


def test_evidence_ids_follow_document_order(evidence: list[Evidence]):
    assert [e.id for e in evidence] == [f"e{n}" for n in range(1, len(evidence) + 1)]
    order = [(e.unit.sentence.doc_id, int(e.unit.sentence.id.split(".s")[1])) for e in evidence]
    assert order == sorted(order)


def test_a_sentence_naming_no_party_and_no_issue_is_not_evidence(profile: TopicProfile):
    units = [
        unit("Heavy shelling continued along the front line overnight, officials said.", n=1),
        unit("Russia wants Ukrainian soldiers to leave the Donetsk region.", n=2),
        unit("The weather in the capital stayed mild and dry all week.", n=3),
    ]
    items = tag(units, profile)
    assert [e.unit.sentence.id for e in items] == ["d1.s2"]


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


def test_a_sentence_repeated_by_several_outlets_ranks_higher(profile: TopicProfile):
    text = "Russia wants Ukrainian soldiers to leave the Donetsk region, the Kremlin said."
    alone = unit(text, "d1", 9)
    corroborated = Unit(alone.sentence, [Sentence("d2.s9", "d2", 0, len(text), text)])
    [one], [two] = tag([alone], profile), tag([corroborated], profile)
    assert two.salience > one.salience


def test_a_stated_position_ranks_above_background(profile: TopicProfile):
    stated = unit("Kyiv rejected any withdrawal from the Donetsk region, Zelensky said.", n=9)
    background = unit("Kyiv and the Donetsk region saw heavy fighting in the last year.", n=9)
    [a], [b] = tag([stated], profile), tag([background], profile)
    assert a.parties == b.parties and a.issues == b.issues
    assert a.salience > b.salience
