"""Topic profiles: loaded by name, by path or inline; invalid ones fail with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from service.schema import BriefRequest
from service.settings import PROJECT_ROOT
from service.topic import MAX_ALIASES, TopicError, TopicProfile, load_profile, read_profile

TOPICS = PROJECT_ROOT / "prompts" / "topics"
DEFAULT = "ukraine_peace_talks"


def minimal(**overrides) -> dict:
    profile = {
        "name": "grain_deal",
        "title": "Black Sea grain deal",
        "parties": [
            {"name": "Turkey", "aliases": ["Ankara", "Erdogan"]},
            {"name": "United Nations", "aliases": ["UN", "Guterres"]},
        ],
        "issues": [{"id": "corridor", "label": "Shipping corridor", "keywords": ["corridor", "ships?"]}],
        "examples": [{"sentence": "Ankara said the corridor would stay open.", "party": "Turkey"}],
    }
    profile.update(overrides)
    return profile


def write(tmp_path: Path, data, name: str = "grain_deal.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def test_load_by_name():
    profile = load_profile(DEFAULT, TOPICS, "other")
    assert profile.name == DEFAULT
    assert [p.name for p in profile.parties] == ["Russia", "Ukraine", "United States"]
    assert {"territory", "zaporizhzhia", "peacekeepers"} <= {i.id for i in profile.issues}


def test_no_reference_loads_the_default():
    assert load_profile(None, TOPICS, DEFAULT).name == DEFAULT
    assert load_profile("", TOPICS, DEFAULT).name == DEFAULT


def test_load_by_path_to_a_yaml_file(tmp_path: Path):
    path = write(tmp_path, minimal())
    profile = read_profile(path)
    assert profile.name == "grain_deal"
    assert [p.name for p in profile.parties] == ["Turkey", "United Nations"]
    assert profile.issue("corridor").label == "Shipping corridor"


def test_inline_profile_is_used_as_given():
    inline = TopicProfile.model_validate(minimal())
    assert load_profile(inline, TOPICS, DEFAULT) is inline
    # In a request body, an inline object becomes a TopicProfile; a string stays a reference.
    request = BriefRequest(documents=[{"text": "Ankara said ships may sail."}], topic=minimal())
    assert isinstance(request.topic, TopicProfile) and request.topic.name == "grain_deal"
    assert BriefRequest(documents=[{"text": "x"}], topic=DEFAULT).topic == DEFAULT


def test_unknown_name_lists_the_known_profiles():
    with pytest.raises(TopicError) as err:
        load_profile("middle_east_ceasefire", TOPICS, DEFAULT)
    message = str(err.value)
    assert "middle_east_ceasefire" in message
    assert "known profiles" in message and DEFAULT in message


def test_a_reference_that_is_not_a_profile_name_is_rejected(tmp_path: Path):
    for ref in ["../../etc/passwd", str(tmp_path / "missing.yaml"), "two words"]:
        with pytest.raises(TopicError, match="must be a profile name"):
            load_profile(ref, TOPICS, DEFAULT)


def test_a_request_cannot_make_the_service_read_or_echo_another_yaml_file(tmp_path: Path):
    secret = tmp_path / "conf.yaml"
    secret.write_text("db_password: hunter2\n", encoding="utf-8")
    with pytest.raises(TopicError) as err:
        load_profile(str(secret), TOPICS, DEFAULT)
    assert "hunter2" not in str(err.value)


def test_an_invalid_profile_file_is_described_without_its_values(tmp_path: Path):
    path = write(tmp_path, {**minimal(), "name": "has spaces hunter2"})
    with pytest.raises(TopicError) as err:
        read_profile(path)
    assert "name" in str(err.value) and "hunter2" not in str(err.value)


def test_invalid_yaml_is_a_topic_error(tmp_path: Path):
    path = write(tmp_path, "name: grain_deal\nparties: [unclosed\n")
    with pytest.raises(TopicError, match="is invalid"):
        read_profile(path)


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "a scalar\n"])
def test_yaml_that_is_not_a_profile_is_a_topic_error(tmp_path: Path, text: str):
    with pytest.raises(TopicError, match="is invalid"):
        read_profile(write(tmp_path, text))


def test_a_file_that_is_not_utf8_is_a_topic_error(tmp_path: Path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(TopicError, match="is invalid"):
        read_profile(path)


def test_duplicate_party_is_rejected_with_the_reason(tmp_path: Path):
    data = minimal(parties=[{"name": "Turkey"}, {"name": "Turkey", "aliases": ["Ankara"]}])
    with pytest.raises(TopicError, match="party names must be unique"):
        read_profile(write(tmp_path, data))


def test_example_naming_an_unknown_party_is_rejected_with_the_reason(tmp_path: Path):
    data = minimal(examples=[{"sentence": "Kyiv wants more ships.", "party": "Ukraine"}])
    with pytest.raises(TopicError) as err:
        read_profile(write(tmp_path, data))
    assert "'Ukraine' is not a party of the profile" in str(err.value)


def test_an_example_may_name_no_party(tmp_path: Path):
    data = minimal(examples=[{"sentence": "Storms closed the port.", "party": "none"}])
    assert read_profile(write(tmp_path, data)).examples[0].party == "none"


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"parties": [{"name": "Turkey"}]}, "parties"),  # a negotiation needs two sides
        ({"issues": [{"id": "Bad Id", "label": "x", "keywords": ["x"]}]}, "id"),
        ({"issues": [{"id": "corridor", "label": "x", "keywords": []}]}, "keywords"),
        ({"colour": "blue"}, "colour"),  # unknown fields are typos, not ignored
        ({"issues": [{"id": "c", "label": "x", "keywords": ["*"]}]}, "keywords[0] '*' is not a valid regex"),
        # RE2 matches in linear time and has no lookarounds or backreferences: said so.
        (
            {"issues": [{"id": "c", "label": "x", "keywords": ["x", "(?<!a)b"]}]},
            "keywords[1] '(?<!a)b' is not a valid regex",
        ),
        ({"issues": [{"id": "c", "label": "x", "keywords": [r"(a)\1"]}]}, "backreferences are not supported"),
        ({"parties": [{"name": "Turkey", "aliases": [""]}, {"name": "UN"}]}, "parties.0.aliases.0"),
    ],
)
def test_other_invalid_profiles_name_the_field(tmp_path: Path, change: dict, reason: str):
    with pytest.raises(TopicError) as err:
        read_profile(write(tmp_path, minimal(**change)))
    assert reason in str(err.value)


def test_duplicate_issue_ids_are_rejected(tmp_path: Path):
    issue = {"id": "corridor", "label": "x", "keywords": ["x"]}
    with pytest.raises(TopicError, match="issue ids must be unique"):
        read_profile(write(tmp_path, minimal(issues=[issue, issue])))


@pytest.fixture(scope="module")
def default_profile() -> TopicProfile:
    return load_profile(DEFAULT, TOPICS, DEFAULT)


@pytest.mark.parametrize(
    "text",
    [
        "Officials use the old pipeline.",
        "They took the bus to Geneva.",
        "USE THE SIDE ENTRANCE.",
        "The USSR collapsed in 1991.",
        "Negotiators discussed the status quo.",
    ],
)
def test_us_alias_does_not_match_inside_other_words(default_profile: TopicProfile, text: str):
    assert default_profile.party_patterns["United States"].search(text) is None


@pytest.mark.parametrize(
    "text", ["The US envoy arrived.", "the U.S. said", "US-led attempts", "USA officials", "(US)"]
)
def test_us_alias_matches_the_whole_word(default_profile: TopicProfile, text: str):
    assert default_profile.party_patterns["United States"].search(text)


def test_aliases_match_case_insensitively(default_profile: TopicProfile):
    patterns = default_profile.party_patterns
    assert patterns["Russia"].search("sources in the kremlin said")
    assert patterns["Russia"].search("KREMLIN-backed leader")
    assert patterns["Ukraine"].search("officials in KYIV")
    assert patterns["United States"].search("the white house said")
    assert patterns["Russia"].search("Kremlins") is None  # whole words only
    assert patterns["Ukraine"].search("Kyivan") is None


def test_issue_keywords_are_regexes_matched_as_whole_words(default_profile: TopicProfile):
    territory = default_profile.issue_patterns["territory"]
    assert territory.search("territorial concessions")
    assert territory.search("forces to withdraw from Donbass")
    assert not territory.search("Finland and Poland")  # "land" only as a word


@pytest.mark.parametrize("text", ["very important for us", "Let us know.", "Us and them", "Tass"])
def test_an_acronym_alias_does_not_match_ordinary_words(default_profile: TopicProfile, text: str):
    # Seed 004: Zelenskyy said it was "very important for us that everyone we agreed with
    # be present" -- not a United States sentence.
    patterns = default_profile.party_patterns
    assert patterns["United States"].search(text) is None
    assert patterns["Russia"].search(text) is None


@pytest.mark.parametrize(
    ("keyword", "worst", "fits"),
    [
        ("a*a*a*a*a*b", "a" * 3_000, "x aab x"),
        ("a*a*a*a*a*a*a*a*b", "a" * 3_000, "x aaab x"),
        ("(a+)+$", "a" * 3_000 + "!", "x aaa"),
        ("(ab|a)*c", "ab" * 1_500, "x abac x"),
        ("(a|a)*b", "a" * 3_000, "x aab x"),
    ],
)
def test_keywords_that_backtrack_in_pythons_re_are_matched_in_linear_time(keyword, worst, fits) -> None:
    # Such a keyword stalled a worker for 25 s on 200 x "a" (and for ever on 3,000) under
    # Python's re; RE2 answers at once, and rightly.
    profile = TopicProfile.model_validate(
        {
            "name": "t",
            "title": "t",
            "parties": [{"name": "A"}, {"name": "B"}],
            "issues": [{"id": "c", "label": "x", "keywords": [keyword]}],
        }
    )
    pattern = profile.issue_patterns["c"]
    assert not pattern.search(worst)
    assert pattern.search(fits)


def test_a_status_cue_is_a_linear_time_regex_too() -> None:
    with pytest.raises(ValueError, match="not a valid regex"):
        TopicProfile.model_validate(
            {
                "name": "t",
                "title": "t",
                "parties": [{"name": "A"}, {"name": "B"}],
                "issues": [{"id": "c", "label": "x", "keywords": ["c"]}],
                "status_cues": {"agreed": ["(?=agreed)"]},
            }
        )


def test_a_party_of_thousands_of_aliases_is_refused_naming_the_field() -> None:
    base = load_profile("port_strike", TOPICS, "port_strike").model_dump()
    base["parties"][0]["aliases"] = [f"alias{n}" for n in range(MAX_ALIASES)]
    TopicProfile.model_validate(base)  # the most a party may have
    base["parties"][0]["aliases"].append("one too many")
    with pytest.raises(ValidationError) as raised:
        TopicProfile.model_validate(base)
    assert raised.value.errors()[0]["loc"][:3] == ("parties", 0, "aliases")
