"""A drafted profile under the hand profile's names (`service.evals.drafted.renamed`)."""

from __future__ import annotations

from service.evals.drafted import renamed
from service.topic import TopicProfile

ISSUES = [{"id": "statute", "label": "Statute", "keywords": ["statute"]}]
HAND = TopicProfile.model_validate(
    {
        "name": "hand",
        "title": "Talks",
        "parties": [
            {"name": "Government of Ossara", "aliases": ["Ossara", "Marrec"]},
            {"name": "Government of Castrena", "aliases": ["central government"]},
        ],
        "issues": ISSUES,
    }
)


def _drafted(*parties: dict) -> TopicProfile:
    return TopicProfile.model_validate(
        {
            "name": "drafted",
            "title": "Talks (drafted)",
            "parties": list(parties),
            "issues": ISSUES,
            "examples": [{"sentence": "Ossara wants a new statute.", "party": parties[0]["name"]}],
        }
    )


def test_a_drafted_party_takes_the_hand_name_and_keeps_its_own_as_an_alias() -> None:
    """Renamed "Government of Ossara", the drafted "Ossara" is still found where the articles say
    "Ossara": without its own name as an alias, its every claim would be lost. "Castrena" takes
    the hand name that holds it."""
    out = renamed(
        _drafted({"name": "Ossara", "aliases": ["Ossaran", "Marrec"]}, {"name": "Castrena", "aliases": []}),
        HAND,
    )
    assert [(p.name, p.aliases) for p in out.parties] == [
        ("Government of Ossara", ["Ossara", "Ossaran", "Marrec"]),
        ("Government of Castrena", ["Castrena"]),
    ]
    assert out.examples[0].party == "Government of Ossara"


def test_a_party_of_no_hand_name_or_a_second_for_one_keeps_its_own_name() -> None:
    out = renamed(
        _drafted(
            {"name": "Ossara", "aliases": []},
            {"name": "Ossaran Assembly", "aliases": ["Ossara"]},
            {"name": "Port Authority", "aliases": ["the port"]},
        ),
        HAND,
    )
    assert [(p.name, p.aliases) for p in out.parties] == [
        ("Government of Ossara", ["Ossara"]),
        ("Ossaran Assembly", ["Ossara"]),
        ("Port Authority", ["the port"]),
    ]


def test_a_drafted_issue_takes_the_id_of_the_hand_issue_whose_sentences_it_shares() -> None:
    """Given the sentences, "autonomy_statute" (whose sentences all name the statute) is read as
    "statute"; "ports", which no hand issue covers, keeps its id, as does "taxes", one of whose three
    sentences names the statute; and none is renamed without the sentences."""
    drafted = TopicProfile.model_validate(
        {
            "name": "drafted",
            "title": "Talks (drafted)",
            "parties": [{"name": "Ossara", "aliases": []}, {"name": "Castrena", "aliases": []}],
            "issues": [
                {"id": "autonomy_statute", "label": "Autonomy statute", "keywords": ["autonomy", "statute"]},
                {"id": "ports", "label": "Ports", "keywords": ["ports?"]},
                {"id": "taxes", "label": "Taxes", "keywords": ["tax"]},
            ],
        }
    )
    texts = [
        "Ossara wants a new statute.",
        "The autonomy statute is due in May.",
        "The statute's article 4 is disputed.",
        "The ports stay national.",
        "Tax is not in the statute talks.",
        "Tax rates rise.",
        "A tax on fuel was agreed.",
    ]
    assert [i.id for i in renamed(drafted, HAND, texts).issues] == ["statute", "ports", "taxes"]
    assert [i.id for i in renamed(drafted, HAND).issues] == ["autonomy_statute", "ports", "taxes"]
