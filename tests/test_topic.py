"""Topic profiles: loaded by name, by path or inline; invalid ones fail with the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from service.schema import BriefRequest
from service.settings import PROJECT_ROOT
from service.topic import (
    _RESTARTS,
    MAX_ALIASES,
    TALKS,
    TopicError,
    TopicProfile,
    UnsafeYAML,
    WordPattern,
    load_profile,
    load_yaml,
    read_profile,
    words_pattern,
)

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


def test_an_issue_is_found_by_id_and_an_unknown_id_names_the_known_ones():
    fees = {"id": "fees", "label": "Port fees", "keywords": ["fees?"]}
    profile = TopicProfile.model_validate(minimal(issues=[minimal()["issues"][0], fees]))
    assert profile.issue("corridor").label == "Shipping corridor"
    assert profile.issue("fees").label == "Port fees"
    unknown = r"profile 'grain_deal' has no issue 'ports' \(its issues: corridor, fees\)"
    with pytest.raises(KeyError, match=unknown):
        profile.issue("ports")


def test_a_copy_with_other_parties_and_issues_matches_its_own():
    profile = TopicProfile.model_validate(minimal())
    assert set(profile.issue_patterns) == {"corridor"} and profile.party_patterns  # cached now
    fees = profile.issues[0].model_copy(update={"id": "fees", "keywords": ["fees?"]})
    party = profile.parties[0].model_copy(update={"name": "Turkey", "aliases": ["Ankara"]})
    copy = profile.model_copy(update={"issues": [fees], "parties": [party]})
    assert list(copy.issue_patterns) == ["fees"] and copy.issue_patterns["fees"].spans("port fees")
    assert list(copy.party_patterns) == ["Turkey"] and copy.party_patterns["Turkey"].search("in Ankara")
    assert set(profile.issue_patterns) == {"corridor"}  # the original keeps its own
    # A copy of a profile whose patterns were never built; a deep copy shares no issue with it.
    fresh = TopicProfile.model_validate(minimal())
    deep = fresh.model_copy(update={"title": "Grain"}, deep=True)
    assert deep.issues[0] == fresh.issues[0] and deep.issues[0] is not fresh.issues[0]
    assert list(deep.issue_patterns) == ["corridor"] and fresh.model_copy().issues[0] is fresh.issues[0]


def test_the_shared_issue_of_the_talks_comes_last_unless_the_profile_has_its_own_or_asks_for_none():
    profile = TopicProfile.model_validate(minimal())
    talks = profile.with_talks()
    assert [i.id for i in talks.issues] == ["corridor", TALKS] and talks.issue(TALKS).label == "The talks"
    # Described for the model and a person, as shared.
    shared = "Rounds, delegations, meetings, votes and deadlines (shared by every negotiation)."
    assert talks.issue(TALKS).description == shared
    assert talks.issue_patterns[TALKS].search("Members will vote on May 3.")
    # A deadline told by its day, with no word for one.
    assert talks.issue_patterns[TALKS].search("Both sides have until 5 pm on Tuesday to accept it.")
    assert not talks.issue_patterns[TALKS].search("The fund holds until 2030.")
    assert [i.id for i in talks.argued()] == ["corridor"]
    assert talks.with_talks().issues == talks.issues and profile.issues == talks.issues[:1]
    assert TopicProfile.model_validate(minimal(talks=False)).with_talks().issues == profile.issues
    own = {"id": TALKS, "label": "Rounds", "keywords": ["rounds?"]}
    mine = TopicProfile.model_validate(minimal(issues=[minimal()["issues"][0], own]))
    assert mine.with_talks() is mine


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


# --- messages and edges of loading --------------------------------------------------------------


def test_every_bad_keyword_is_described_with_re2s_reason(tmp_path: Path):
    """Each bad keyword reads as its index, the keyword, RE2's reason and the advice, joined by '; '."""
    data = minimal(issues=[{"id": "c", "label": "x", "keywords": ["*", "ok", r"(a)\1"]}])
    with pytest.raises(TopicError) as err:
        read_profile(write(tmp_path, data))
    advice = "escape special characters (lookarounds and backreferences are not supported)"
    assert str(err.value) == (
        f"topic profile grain_deal.yaml is invalid: issues.0.keywords: Value error, "
        f"keywords[0] '*' is not a valid regex (no argument for repetition operator: *); {advice}; "
        f"keywords[2] '(a)\\\\1' is not a valid regex (invalid escape sequence: \\1); {advice}"
    )


def test_a_bad_status_cue_is_described_by_its_index_in_the_list(tmp_path: Path):
    """A bad status cue reads like a bad keyword: keywords[N], the cue, RE2's reason."""
    data = minimal(status_cues={"open": ["talks", "(?=deal)"]})
    with pytest.raises(TopicError) as err:
        read_profile(write(tmp_path, data))
    assert (
        "status_cues: Value error, keywords[1] '(?=deal)' is not a valid regex (invalid perl operator: (?=)"
        in (str(err.value))
    )


def test_a_bad_keyword_is_not_logged_to_stderr(capfd: pytest.CaptureFixture[str]):
    """RE2's own error log stays quiet: the reason goes into the error, not onto stderr."""
    for change in [
        {"issues": [{"id": "c", "label": "x", "keywords": ["(?<!a)b"]}]},
        {"status_cues": {"agreed": ["*"]}},
    ]:
        with pytest.raises(ValidationError, match="not a valid regex"):
            TopicProfile.model_validate(minimal(**change))
    assert capfd.readouterr().err == ""


def test_a_profile_name_may_have_capitals(tmp_path: Path):
    """Names are letters of either case, digits, _ and -: 'Grain_Deal-2' is looked up, not refused."""
    write(tmp_path, minimal(name="Grain_Deal-2"), "Grain_Deal-2.yaml")
    assert load_profile("Grain_Deal-2", tmp_path, DEFAULT).name == "Grain_Deal-2"


@pytest.mark.parametrize("ref", ["../../etc/passwd", "two words", "grain_deal.yaml"])
def test_a_reference_that_is_not_a_name_gets_the_whole_explanation(ref: str):
    """The refusal of a non-name says what a name is and that a profile may come inline."""
    with pytest.raises(TopicError) as err:
        load_profile(ref, TOPICS, DEFAULT)
    assert str(err.value) == "topic must be a profile name (letters, digits, _ or -) or an inline profile"


def test_a_name_of_100_characters_is_looked_up_and_one_of_101_is_refused_by_length():
    """100 characters is the longest name looked up; past it the error gives the length, not the name."""
    with pytest.raises(TopicError) as err:
        load_profile("a" * 100, TOPICS, DEFAULT)
    assert str(err.value).startswith(f"unknown topic {'a' * 100!r}; known profiles: [")
    with pytest.raises(TopicError) as err:
        load_profile("a" * 101, TOPICS, DEFAULT)
    assert str(err.value) == (
        "unknown topic of 101 characters: profile names have at most 100; "
        "name a profile under prompts/topics/ (GET /topics lists them) or send one inline"
    )


def test_a_missing_profile_file_is_a_topic_error_naming_the_cause(tmp_path: Path):
    """A path that cannot be read fails as a TopicError naming the file and the kind of failure."""
    with pytest.raises(TopicError) as err:
        read_profile(tmp_path / "missing.yaml")
    assert str(err.value) == "topic profile missing.yaml is invalid: not readable (FileNotFoundError)"


def test_an_edited_profile_file_is_read_again(tmp_path: Path):
    """The parse cache is per version of the file: after an edit the new content is returned."""
    path = write(tmp_path, minimal())
    assert read_profile(path).title == "Black Sea grain deal"
    stamp = path.stat().st_mtime_ns
    write(tmp_path, minimal(title="Grain corridor"))
    os.utime(path, ns=(stamp + 1_000_000_000, stamp + 1_000_000_000))
    assert read_profile(path).title == "Grain corridor"


# --- matching: party names (words_pattern) and keywords (WordPattern) ---------------------------


@pytest.mark.parametrize(
    "words, text, found",
    [
        (["Kremlin"], "sources in the kremlin said", "kremlin"),  # case-insensitive
        (["Kremlin"], "antiKremlin voices", None),  # not after a word character
        (["Kremlin"], "pro-Kremlin voices", "Kremlin"),
        (["US"], "very important for us", None),  # an acronym only in capitals
        (["US"], "the US envoy", "US"),
        (["kremlin", "Kremlin Palace"], "at the Kremlin Palace today", "Kremlin Palace"),  # longest first
        (["White", "White House"], "the White House said", "White House"),
    ],
)
def test_words_pattern_matches_whole_words(words: list[str], text: str, found: str | None):
    """A party's words match whole, case-insensitively (acronyms in capitals), the longest that fits."""
    match = words_pattern(words).search(text)
    assert (match.group(0) if match else None) == found


def test_words_pattern_may_refuse_more_characters_before_a_word():
    """`not_after` widens what may not precede a word: with '-', 'pro-Kremlin' no longer names it."""
    assert words_pattern(["Kremlin"], not_after=r"[\w-]").search("pro-Kremlin voices") is None
    assert words_pattern(["Kremlin"], not_after=r"[\w-]").search("the Kremlin said")


@pytest.mark.parametrize(
    "text, spans",
    [
        ("ships and a corridor.", [(0, 5), (12, 20)]),
        ("the corridors", []),  # a keyword ends at a word boundary ...
        ("corridor_x", []),  # ... and _ is a word character
        ("SHIP", [(0, 4)]),
        ("the meeting began", [(4, 11)]),  # of 'meet' and 'meeting', the longest
    ],
)
def test_keywords_match_whole_words(text: str, spans: list[tuple[int, int]]):
    """Keyword spans: every keyword tried, case-insensitively, each ending at a word boundary."""
    pattern = WordPattern(["corridor", "ships?", "meet", "meeting"])
    assert pattern.spans(text) == spans
    assert pattern.search(text) is bool(spans)


def test_a_longer_keyword_running_past_a_word_hides_no_word_inside_it():
    """A match of "is dead" runs into "deadlocked": the search goes on inside it and finds it."""
    pattern = WordPattern([r"(?:is|was) dead", r"deadlock\w*"])
    assert pattern.spans("the dispute is deadlocked.") == [(15, 25)]
    assert pattern.spans("the deal is dead.") == [(9, 16)]
    # A word of one letter before the one hidden: the search looks from the match's second character.
    assert WordPattern([r"x dead", r"deadlock\w*"]).spans("x deadlocked") == [(2, 12)]


def test_looking_inside_matches_that_ran_past_a_word_is_bounded():
    """Hostile text makes every long match run past a word: the search restarts a bounded number
    of times, then goes on as one pass, so matching stays linear in the text."""
    passes: list[int] = []

    class Counting:
        """A compiled pattern that notes where each pass over the text starts."""

        def __init__(self, compiled) -> None:
            self.compiled = compiled

        def finditer(self, text, pos=0):
            passes.append(pos)
            return self.compiled.finditer(text, pos)

    def counted(words: list[str]) -> WordPattern:
        pattern = WordPattern(words)
        pattern._re = Counting(pattern._re)
        passes.clear()
        return pattern

    assert counted(["x", "(?:x )*y"]).spans("x " * 5000 + "yz") == []  # each long match fails on "yz"
    assert len(passes) == _RESTARTS + 1
    assert counted(["x", "(?:x )*y"]).spans("x y") == [(0, 3)] and passes == [0]
    # A match that ran past the end of one word hides no other: no second pass.
    assert counted(["meet", "meeting"]).spans("meetings and a meeting") == [(15, 22)] and passes == [0]


def test_a_keyword_that_can_match_nothing_never_matches_by_matching_nothing():
    """An empty match is no hit: 'x*' touches 'a x' but not a sentence without an x."""
    pattern = WordPattern(["x*"])
    assert not pattern.search("hello ")
    assert pattern.spans("a x") == [(2, 3)]


# --- YAML from anyone: counted before it is built -------------------------------------------------


def _aliased(copies: int, plain: int) -> str:
    """A list of 1 + 100 * (copies + 1) + plain values: one list of 99 anchored, then aliased."""
    return "- &a [" + ", ".join(["x"] * 99) + "]\n" + "- *a\n" * copies + "- y\n" * plain


def test_aliases_may_stand_for_up_to_a_hundred_thousand_values() -> None:
    _, data = load_yaml(_aliased(998, 99))  # exactly 100,000 values
    assert len(data) == 1 + 998 + 99 and data[1] is data[0]  # built once, shared, never copied out
    too_many = r"line 1: its aliases \(\*name\) stand for more than 100,000 values"
    with pytest.raises(UnsafeYAML, match=too_many):
        load_yaml(_aliased(998, 100))


def test_a_billion_laughs_is_refused_in_linear_time() -> None:
    # 9**10 values in 500 bytes; each node is counted once, so this takes a moment, not forever.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    with pytest.raises(UnsafeYAML, match="stand for more than 100,000 values"):
        load_yaml("\n".join(lines) + "\nname: *a9\n")


def test_an_alias_inside_its_own_value_is_refused() -> None:
    with pytest.raises(UnsafeYAML, match=r"line 2: an alias \(\*name\) inside the value it names"):
        load_yaml("name: t\nloop: &loop [x, [y, *loop]]\n")


def test_nesting_is_read_to_twenty_levels() -> None:
    _, data = load_yaml("name: " + "[" * 19 + "]" * 19)  # the innermost list is the 20th level
    inner, levels = data["name"], 1
    while inner:
        inner, levels = inner[0], levels + 1
    assert levels == 19
    with pytest.raises(UnsafeYAML, match="line 1: nested more than 20 levels deep"):
        load_yaml("name: " + "[" * 20 + "]" * 20)
