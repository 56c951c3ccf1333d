"""With no topic, Brief picks the built-in profile that fits the articles, or says none fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from service.briefing import make_brief
from service.cli import main
from service.errors import InputError
from service.ingest import ingest
from service.schema import Brief, BriefRequest, Document
from service.segment import segment
from service.settings import PROJECT_ROOT, Settings
from service.topic import FIT_SHARE, Fit, TopicProfile, built_in_profiles, fit, load_profile, pick_profile
from tests.served import assert_problem

TOPICS = PROJECT_ROOT / "prompts" / "topics"
SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
PORT = sorted((PROJECT_ROOT / "evals" / "cases" / "port_strike" / "docs").glob("*.txt"))
ORUN = sorted((PROJECT_ROOT / "evals" / "cases" / "orun_water_talks" / "docs").glob("*.txt"))
# A negotiation no built-in profile covers (the held-out case brings its own profile).
TRANSIT = sorted((PROJECT_ROOT / "evals" / "cases" / "transit_talks" / "docs").glob("*.txt"))

BAKE_SALE = """\
Maple Street School bake sale raises record sum

The parents' association of Maple Street School held its spring bake sale on Saturday.
Volunteers sold more than 400 cupcakes, 60 loaves of banana bread and a tray of lemon bars.
The money will pay for new library books and a trip to the science museum in May.
Organisers thanked the families who baked through Friday night.
A second sale is planned for the autumn fair, when the school hopes to buy a piano.
"""

# A strike that is not the port strike: the same common nouns (union, employers, mediator, pay,
# pensions, deadline), none of port_strike's names.
BUS_STRIKE = """\
Bus drivers walk out as the city's contract talks stall

The drivers' union said its members would stay out until the employers improved their pay offer.
The employers said the union's demand for a 12% rise over two years could not be met.
A mediator met both sides on Monday, and the union said the pensions gap was still wide.
The employers want a deadline of Friday for a deal on wages and the pension contribution.
Commuters queued for taxis outside the central station as the buses stayed in their depots.
The union said the drivers had not had a pay rise that kept pace with inflation since 2021.
"""

# Another negotiation between two of the Ukraine peace talks' parties: a US-Russian arms treaty.
ARMS = [
    """US and Russia open talks on replacing New START treaty

GENEVA, March 3 - American and Russian arms control negotiators opened talks in Geneva on Tuesday on \
a successor to the New START treaty, which expired last year and left the two largest nuclear \
arsenals without limits for the first time in half a century.
The US delegation is led by Under Secretary of State Bonnie Jenkins, while Russia sent Deputy \
Foreign Minister Sergei Ryabkov, the Kremlin's veteran arms control negotiator.
Washington wants any new treaty to cover tactical nuclear weapons and to bring China into the \
talks, a senior State Department official told reporters.
Moscow rejects both demands. Ryabkov said on Tuesday that Russia would not discuss its \
non-strategic arsenal while US nuclear weapons remain deployed in Europe.
Verification remains the hardest question. Russia suspended on-site inspections in 2022, and \
Washington says there can be no treaty without them.
""",
    """Geneva arms talks end first round with inspection deadlock

GENEVA, March 6 - The first round of US-Russian talks on a new nuclear arms treaty ended on Friday \
without agreement on inspections, though both sides said the discussions were useful.
Ryabkov told reporters that Russia could resume inspections "only if the United States stops its \
hostile actions", a condition the State Department called unacceptable.
Jenkins said the gap on tactical weapons had narrowed slightly after Russia offered to discuss \
storage sites. The talks are due to resume in Vienna on April 14, both delegations said.
""",
]


def sentences(texts: list[str]) -> list[str]:
    documents = ingest([Document(id=f"d{n + 1}", text=t) for n, t in enumerate(texts)])
    return [s.text for d in documents for s in segment(d)]


def read(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in paths]


def settings(**overrides) -> Settings:
    # No topic: as an operator who leaves BRIEF_TOPIC unset.
    values = {"prompts_dir": PROJECT_ROOT / "prompts", "use_model": False, "deadline_s": 60.0}
    return Settings(**(values | overrides))


def request(texts: list[str], **extra) -> BriefRequest:
    return BriefRequest(documents=[Document(id=f"d{n + 1}", text=t) for n, t in enumerate(texts)], **extra)


def picked(brief: Brief) -> list[str]:
    return [w for w in brief.warnings if w.startswith("no topic given: picked")]


# --- the rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paths, name",
    [(SEEDS, "ukraine_peace_talks"), (PORT, "port_strike"), (ORUN, "orun_water_talks")],
    ids=["seeds", "port_strike", "orun_water_talks"],
)
def test_the_articles_pick_their_profile(paths: list[Path], name: str) -> None:
    profile, why = pick_profile(sentences(read(paths)), TOPICS)
    assert profile is not None and profile.name == name
    assert "% of the sentences" in why


def test_unrelated_articles_fit_no_profile() -> None:
    profile, why = pick_profile(sentences([BAKE_SALE]), TOPICS)
    assert profile is None
    assert "the nearest" in why


def test_common_nouns_alone_do_not_make_a_fit() -> None:
    texts = sentences([BUS_STRIKE])
    port = fit(load_profile("port_strike", TOPICS, "port_strike"), texts)
    # The share alone would pass: it is the profile's names that are missing.
    assert port.share >= FIT_SHARE and port.named_parties == []
    assert pick_profile(texts, TOPICS)[0] is None


def test_the_same_sides_on_another_negotiation_do_not_make_a_fit() -> None:
    # Talks on a US-Russian arms treaty name two of the peace talks' parties in most sentences and
    # touch one of their issues (the rounds of talks): not the peace talks.
    texts = sentences(ARMS)
    ukraine = fit(load_profile("ukraine_peace_talks", TOPICS, "ukraine_peace_talks"), texts)
    assert ukraine.names_fit and ukraine.share >= 0.8 and len(ukraine.issues) < 2
    profile, why = pick_profile(texts, TOPICS)
    assert profile is None and why.startswith("the nearest, 'ukraine_peace_talks'")


def test_names_in_passing_do_not_make_a_fit() -> None:
    # A cookery column that names Kyiv and Moscow once each is not about the peace talks.
    aside = "The honey cake recipe came from a bakery in Kyiv, and the rye loaf from a Moscow cafe."
    texts = sentences([BAKE_SALE.replace("Organisers thanked", f"{aside}\nOrganisers thanked")])
    ukraine = fit(load_profile("ukraine_peace_talks", TOPICS, "ukraine_peace_talks"), texts)
    assert len(ukraine.named_parties) >= 2 and 0 < ukraine.share < FIT_SHARE
    assert pick_profile(texts, TOPICS)[0] is None


# --- in the pipeline ----------------------------------------------------------------------------


async def test_the_seeds_with_no_topic_are_briefed_as_ukraine_peace_talks_and_say_so() -> None:
    brief = await make_brief(request(read(SEEDS)), None, settings())
    assert brief.topic == "ukraine_peace_talks"
    [warning] = picked(brief)
    assert "'ukraine_peace_talks'" in warning and "95% of the sentences" in warning


async def test_the_port_strike_articles_with_no_topic_are_briefed_as_port_strike() -> None:
    brief = await make_brief(request(read(PORT)), None, settings())
    assert brief.topic == "port_strike"
    assert "'port_strike'" in picked(brief)[0]


@pytest.mark.parametrize("text", [BAKE_SALE, BUS_STRIKE], ids=["bake_sale", "bus_strike"])
async def test_no_fitting_profile_is_an_input_error_naming_the_ways_out(text: str) -> None:
    with pytest.raises(InputError) as err:
        await make_brief(request([text]), None, settings())
    assert err.value.field == "topic"
    message = str(err.value)
    assert "no built-in profile fits these articles" in message
    assert "nor does one drafted from them" in message
    assert "--topic" in message and "`topic` field" in message and "brief topic draft" in message


async def test_with_no_fitting_profile_one_drafted_from_the_articles_briefs_them_and_comes_back() -> None:
    brief = await make_brief(request(read(TRANSIT)), None, settings())
    drafted = brief.drafted_profile
    assert drafted is not None and brief.topic == drafted.name
    names = {p.name for p in drafted.parties}
    assert {"Corvale Regional Transit Authority", "Corvale Transit Workers Union"} <= names
    # Said in a warning that tells the user what to do with it.
    (said,) = [w for w in brief.warnings if "drafted from them" in w]
    assert said.startswith("no topic given and no built-in profile fits these articles")
    assert "`drafted_profile`" in said and "--topic" in said
    # The brief is made with it: positions stand under the drafted parties.
    assert {pos.party for issue in brief.issues for pos in issue.positions} <= names
    assert any(issue.positions for issue in brief.issues)
    # Passed back as the topic, the drafted profile gives the same brief, with no warning about it.
    again = await make_brief(request(read(TRANSIT), topic=drafted), None, settings())
    assert again.drafted_profile is None
    assert [c.text for c in again.claims()] == [c.text for c in brief.claims()]


async def test_another_negotiation_between_a_profiles_sides_is_briefed_with_a_drafted_profile() -> None:
    brief = await make_brief(request(ARMS), None, settings())
    assert brief.topic != "ukraine_peace_talks" and brief.drafted_profile is not None
    assert {p.name for p in brief.drafted_profile.parties} >= {"Russia", "United States"}
    (said,) = [w for w in brief.warnings if "drafted from them" in w]
    assert "the nearest, 'ukraine_peace_talks'" in said and "touch 1 of its issues" in said


async def test_a_picked_or_given_profile_comes_back_with_no_draft() -> None:
    assert (await make_brief(request(read(PORT)), None, settings())).drafted_profile is None


async def test_a_topic_the_request_names_is_used_as_given() -> None:
    assert (await make_brief(request(read(PORT)), None, settings())).topic == "port_strike"
    brief = await make_brief(request(read(PORT), topic="ukraine_peace_talks"), None, settings())
    assert brief.topic == "ukraine_peace_talks" and not picked(brief)
    # Used as named, but the poor fit is said, with the profile that fits instead.
    (said,) = [w for w in brief.warnings if w.startswith("the articles do not fit the topic")]
    assert "'ukraine_peace_talks' (Russia–Ukraine peace talks): 16% of the sentences" in said
    assert said.endswith(
        "; the built-in profile 'port_strike' fits them (74% of the sentences name its parties or "
        "touch its issues, 3 of its parties are named by a proper name, and 63% of the sentences "
        "touch 4 of its issues)"
    )
    fitting = await make_brief(request(read(SEEDS), topic="ukraine_peace_talks"), None, settings())
    assert not [w for w in fitting.warnings if "do not fit" in w]


async def test_a_named_topic_that_fits_nothing_built_in_points_to_the_drafter() -> None:
    brief = await make_brief(request(read(TRANSIT), topic="port_strike"), None, settings())
    (said,) = [w for w in brief.warnings if w.startswith("the articles do not fit the topic 'port_strike'")]
    assert "0 of its parties are named by a proper name" in said
    assert said.endswith("; `brief topic draft ARTICLES... -o profile.yaml` drafts a profile from them")


async def test_brief_topic_set_by_the_operator_is_used_without_picking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(InputError, match="no built-in profile fits"):
        await make_brief(request([BAKE_SALE]), None, settings())
    monkeypatch.setenv("BRIEF_TOPIC", "ukraine_peace_talks")
    brief = await make_brief(request(read(PORT)), None, settings())
    assert brief.topic == "ukraine_peace_talks" and not picked(brief)
    # As before picking existed: the operator's topic, and its own error when nothing fits it.
    with pytest.raises(InputError, match="no sentence names a party or an issue of topic 'ukraine_peace"):
        await make_brief(request([BAKE_SALE]), None, settings())


# --- over HTTP and on the command line ----------------------------------------------------------


def test_post_brief_with_unrelated_articles_and_no_topic_is_422(serve) -> None:
    client = serve(use_model=False)
    body = assert_problem(client.post("/brief", json={"documents": [{"text": BAKE_SALE}]}), 422)
    assert body["errors"][0]["field"] == "topic"
    assert "brief topic draft" in body["detail"] and "--topic" in body["detail"]


def test_summarize_with_no_topic_picks_the_fitting_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", *map(str, PORT), "--no-model", "--format", "json"]) == 0
    brief = json.loads(capsys.readouterr().out)
    assert brief["topic"] == "port_strike"
    assert any(w.startswith("no topic given: picked the profile 'port_strike'") for w in brief["warnings"])


def test_summarize_with_no_fitting_profile_stops_naming_the_ways_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "bake_sale.txt"
    article.write_text(BAKE_SALE, encoding="utf-8")
    assert main(["summarize", str(article), "--no-model"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "no built-in profile fits these articles" in err
    assert "brief topic draft" in err and "--topic" in err


def test_the_page_of_a_picked_profile_is_headed_with_its_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", *map(str, PORT), "--no-model", "--format", "html"]) == 0
    page = capsys.readouterr().out
    title = load_profile("port_strike", TOPICS, "port_strike").title.replace("'", "&#39;")
    assert f"<title>Brief: {title}</title>" in page


def test_the_page_of_a_drafted_profile_is_headed_with_its_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", *map(str, TRANSIT), "--no-model", "--format", "json"]) == 0
    title = json.loads(capsys.readouterr().out)["drafted_profile"]["title"]
    assert main(["summarize", *map(str, TRANSIT), "--no-model", "--format", "html"]) == 0
    assert f"<title>Brief: {title}</title>" in capsys.readouterr().out


def test_post_brief_with_no_topic_returns_the_drafted_profile_it_used(serve) -> None:
    client = serve(use_model=False)
    documents = [{"id": p.stem, "text": text} for p, text in zip(TRANSIT, read(TRANSIT), strict=True)]
    r = client.post("/brief", json={"documents": documents})
    assert r.status_code == 200, r.text
    brief = r.json()
    assert brief["topic"] == brief["drafted_profile"]["name"]
    # It is a profile the API takes back as the topic.
    again = client.post("/brief", json={"documents": documents, "topic": brief["drafted_profile"]})
    assert again.status_code == 200, again.text
    assert again.json()["drafted_profile"] is None


# --- fit and pick over profiles of a test's own -------------------------------------------------


def grain(name: str, keywords: list[str]) -> dict:
    return {
        "name": name,
        "title": "Black Sea grain deal",
        "parties": [
            {"name": "Turkey", "aliases": ["Ankara", "turkish officials"]},
            {"name": "United Nations", "aliases": ["UN", "Guterres"]},
            {"name": "shipowners", "aliases": ["the owners"]},  # no proper name: never "named"
        ],
        "issues": [{"id": "grain", "label": "Grain", "keywords": keywords}],
    }


def topics(tmp_path: Path, *profiles: dict, broken: str = "") -> Path:
    for profile in profiles:
        (tmp_path / f"{profile['name']}.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    if broken:
        (tmp_path / f"{broken}.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    return tmp_path


GRAIN = [
    "Ankara said the corridor would stay open.",
    "Guterres met turkish officials and the owners.",
    "Ships waited at the inspection point.",
    "It rained in the afternoon.",
]


def test_fit_counts_the_sentences_touched_the_parties_named_by_a_proper_name_and_the_issues() -> None:
    """Fit: the profile's name, the share of sentences hit, the parties named with a capital, the
    issues touched and the share of sentences touching one."""
    profile = TopicProfile.model_validate(grain("grain_deal", ["corridor"]))
    assert fit(profile, GRAIN) == Fit(
        name="grain_deal",
        share=0.5,
        named_parties=["Turkey", "United Nations"],
        issues=["grain"],
        issue_share=0.25,
        needed_issues=1,
    )
    # Lower-case mentions name no party by a proper name: "the un" is not "UN", "turkish" not "Turkey".
    assert fit(profile, ["the owners and turkish officials met"]).named_parties == []


def test_fit_of_no_sentences_is_nothing() -> None:
    """No sentences: a share of 0 and no party named."""
    profile = TopicProfile.model_validate(grain("grain_deal", ["corridor"]))
    assert fit(profile, []) == Fit(
        name="grain_deal", share=0.0, named_parties=[], issues=[], issue_share=0.0, needed_issues=1
    )


def test_a_profile_fits_only_where_the_articles_argue_about_two_of_its_issues() -> None:
    """Its parties named in every sentence are not enough: a fifth of the sentences or more must
    touch its issues, and where three or more do, two of its issues (a profile of one issue needs
    that one)."""
    profile = TopicProfile.model_validate(
        grain("grain_deal", ["corridor"])
        | {
            "issues": [
                {"id": "grain", "label": "Grain", "keywords": ["corridor"]},
                {"id": "fees", "label": "Fees", "keywords": ["fees?"]},
            ]
        }
    )
    texts = [
        "Ankara said the corridor would stay open.",
        "Guterres met Turkish officials about the corridor.",
        "Ankara agreed to widen the corridor.",
        "Guterres left.",
        "Ankara waited.",
    ]
    one = fit(profile, texts)
    assert one.names_fit and one.issues == ["grain"] and not one.fits
    both = fit(profile, [*texts, "Guterres said the fees were too high."])
    assert both.issues == ["grain", "fees"] and both.fits
    # Two issues touched, but by too few of the sentences: names in passing of what it is about.
    rare = fit(profile, [*texts, "Guterres said the fees were too high.", *["Ankara waited."] * 20])
    assert rare.issues == ["grain", "fees"] and rare.issue_share < 0.2 and not rare.fits
    # A sentence or two on the talks may touch one issue: that is no story about something else.
    assert fit(profile, ["Ankara said the corridor would stay open.", "Guterres agreed."]).fits


def test_of_two_fitting_profiles_the_larger_share_wins(tmp_path: Path) -> None:
    """Both fit; the one touching more sentences wins even though the other comes first by name."""
    narrow, wide = grain("a_narrow", ["corridor"]), grain("b_wide", ["corridor", "ships?"])
    profile, why = pick_profile(GRAIN, topics(tmp_path, narrow, wide))
    assert profile is not None and profile.name == "b_wide"
    assert why == (
        "75% of the sentences name its parties or touch its issues, 2 of its parties are named by a "
        "proper name, and 50% of the sentences touch 1 of its issues"
    )


def test_when_none_fits_the_reason_names_the_nearest(tmp_path: Path) -> None:
    """No profile fits: the reason describes the one with the largest share."""
    texts = ["Ankara said the corridor would stay open.", "Ships waited.", "It rained.", "Nothing happened."]
    narrow, wide = grain("a_narrow", ["corridor"]), grain("b_wide", ["corridor", "ships?"])
    profile, why = pick_profile(texts, topics(tmp_path, narrow, wide))
    assert profile is None
    assert why == (
        "the nearest, 'b_wide': 50% of the sentences name its parties or touch its issues, 1 of its "
        "parties are named by a proper name, and 50% of the sentences touch 1 of its issues"
    )


def test_a_broken_built_in_profile_is_skipped_and_the_rest_still_count(tmp_path: Path) -> None:
    """A profile file that does not load is left out; the valid ones after it are still read."""
    directory = topics(tmp_path, grain("b_wide", ["corridor", "ships?"]), broken="a_broken")
    assert [p.name for p in built_in_profiles(directory)] == ["b_wide"]
    assert pick_profile(GRAIN, directory)[0].name == "b_wide"
