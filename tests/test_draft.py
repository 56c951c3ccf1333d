"""The topic drafter (service/draft.py): a profile drafted from the articles alone, with no model.

Drafted from the held-out transit case (evals/cases/transit_talks) and the port strike case, the
profile must validate, name the sides with the people the articles tie to them, find 3 to 7
issues whose keywords match the articles, read back equal from its YAML, and brief: a brief made
with it cites only verbatim text and gives claims under two parties or more. The eval figures
(recall and compression with the hand profile and with the drafted one) are printed (`-s`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import re2
import yaml

from service import draft
from service.briefing import make_brief
from service.draft import draft_profile, profile_yaml
from service.evals import devsets
from service.evals.cases import Case, load_case
from service.evals.scorer import locate, regex_matcher, score_case
from service.ingest import CleanDocument, ingest
from service.schema import Brief, BriefRequest, Document
from service.segment import segment
from service.settings import PROJECT_ROOT, Settings
from service.topic import TALKS, TALKS_KEYWORDS, Party, TopicProfile, WordPattern, read_profile

CASES = PROJECT_ROOT / "evals" / "cases"
SEEDS = PROJECT_ROOT / "seeds"
TRANSIT = CASES / "transit_talks" / "case.yaml"
PORT = CASES / "port_strike" / "case.yaml"

# The sides each case's articles argue between, and a person the articles tie to each.
SIDES = {
    "transit_talks": {
        "Corvale Transit Workers Union": {"CTWU", "union", "Dario Menendez"},
        "Corvale Regional Transit Authority": {"CRTA", "authority", "Linda Haworth"},
        "State Mediation Service": {"Ruth Calloway"},
    },
    "port_strike": {
        "International Dockworkers Union Local 17": {"Local 17", "union", "Maria Okafor"},
        "Harbor Employers Council": {"council", "Daniel Reyes"},
        "Labor Ministry": {"Judith Hale"},
    },
}


def documents(case: Case) -> list[CleanDocument]:
    return ingest(case.request(use_model=False).documents)


def sentences(docs: list[CleanDocument]) -> list[str]:
    return [s.text for d in docs for s in segment(d)]


@pytest.fixture(scope="module", params=[TRANSIT, PORT], ids=["transit_talks", "port_strike"])
def drafted(request: pytest.FixtureRequest) -> tuple[Case, list[CleanDocument], TopicProfile]:
    case = load_case(request.param)
    docs = documents(case)
    return case, docs, draft_profile(docs, f"{case.name}_drafted")


def test_the_draft_is_a_valid_profile(drafted) -> None:
    case, docs, profile = drafted
    assert TopicProfile.model_validate(profile.model_dump()) == profile
    assert profile.name == f"{case.name}_drafted"
    assert f"drafted from {len(docs)} articles" in profile.title
    assert profile.status_cues == {}  # the shared defaults


def test_the_sides_are_parties_with_the_people_the_articles_tie_to_them(drafted) -> None:
    case, _, profile = drafted
    parties = {p.name: set(p.aliases) for p in profile.parties}
    assert 2 <= len(parties) <= 5
    for side, expected in SIDES[case.name].items():
        assert side in parties, (side, list(parties))
        assert expected <= parties[side], (side, parties[side])
    # The two sides at the table take the most positions: they come first.
    assert set(list(parties)[:2]) == set(list(SIDES[case.name])[:2])


def test_people_are_aliases_not_parties(drafted) -> None:
    _, _, profile = drafted
    people = {a for p in profile.parties for a in p.aliases if re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", a)}
    assert people
    assert not people & {p.name for p in profile.parties}
    aliases = [a.casefold() for p in profile.parties for a in [p.name, *p.aliases]]
    assert len(aliases) == len(set(aliases)), "an alias names two parties"


def test_three_to_seven_issues_and_the_talks_whose_keywords_match_the_articles(drafted) -> None:
    _, docs, profile = drafted
    *issues, talks = profile.issues
    assert 3 <= len(issues) <= 7
    assert talks.id == TALKS and set(talks.keywords) < set(TALKS_KEYWORDS)
    texts = sentences(docs)
    for issue in profile.issues:
        assert re.fullmatch(r"[a-z0-9_]+", issue.id) and issue.label and issue.description
        most = draft.MAX_KEYWORDS if issue in issues else len(TALKS_KEYWORDS)
        assert 1 <= len(issue.keywords) <= most
        for keyword in issue.keywords:
            re2.compile(keyword)
            assert any(WordPattern([keyword]).search(t) for t in texts), (issue.id, keyword)
    # The sides' words are no issue's keywords.
    names = {a.casefold() for p in profile.parties for a in [p.name, *p.aliases]}
    assert not names & {k.casefold() for i in profile.issues for k in i.keywords}


def test_the_issues_are_what_the_sides_argue_about(drafted) -> None:
    case, _, profile = drafted
    words = " ".join(k for i in profile.issues for k in i.keywords)
    expected = {
        "transit_talks": ["premium", "barrier", "strike", "paratransit|Access Ride", "raise|wage"],
        "port_strike": ["automation|crane", "pension|contribution", "strike", "pay|wage"],
    }[case.name]
    for topic in expected:
        assert re.search(topic, words), (topic, words)


def test_a_party_s_own_words_and_a_verb_s_participle_name_no_issue() -> None:
    """ "doctors" of "the Resident Doctors' Union" names a side, and "fallen" is a verb's
    participle ("pay has fallen"): neither is an issue's keyword, though both recur near the
    parties' stances; the pay and the shifts the sides argue about are."""
    texts = (
        "The Resident Doctors' Union wants a 14% pay rise for doctors, saying pay has fallen since 2014. "
        "The Ministry of Health has offered 4% and says doctors must accept shifts of 16 hours. The "
        "union rejected the offer on Monday.",
        "The Resident Doctors' Union says pay has fallen by a fifth and doctors work 56 hours. The Ministry "
        "of Health wants shifts of 16 hours and will not raise pay above 6%. The union insists on 14%.",
        "Doctors walked out on Monday. The Resident Doctors' Union said pay had fallen. The Ministry of "
        "Health says longer shifts are needed and offered doctors 6% more pay.",
    )
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    keywords = {k for i in profile.issues for k in i.keywords}
    assert "pay" in keywords and {k for k in keywords if k.startswith("shift")}, keywords
    assert not {k for k in keywords if re.match(r"doctors?|fallen", k)}, keywords


def test_an_ing_word_names_an_issue_only_where_it_heads_a_phrase() -> None:
    """ "starting" in "a starting point", "starting with" and "starting Thursday" is a modifier or
    a verb, never what is argued about; "funding" in "on funding." and "the funding for" is."""
    usage = draft._Usage(
        [
            "The union called it a starting point. Talks resume starting Thursday, starting with pay.",
            "The city insists on funding. The funding for ferries is short. We are starting now.",
        ]
    )
    assert not usage.noun("starting")
    assert usage.noun("funding")


def test_a_phrase_of_two_sentences_is_no_issue_and_the_talks_are_one() -> None:
    """The night bonus, asked for and refused once each, is a detail, not an issue of the brief;
    the members' vote and the next round are the talks', whatever the negotiation."""
    texts = (
        "The Resident Doctors' Union wants a 14% pay rise. The Ministry of Health has offered 4% pay.\n\n"
        "The union also wants a night bonus.",
        "The union insists on 14% pay. The union says pay has fallen for a decade.\n\n"
        "The ministry rejected a night bonus.",
        "The ministry says pay cannot rise above 6%. Members will vote on the offer on May 3. The "
        "union said talks resume on Friday.",
    )
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    *issues, talks = profile.issues
    assert any("pay" in i.keywords for i in issues), issues
    assert not any(re.search("bonus", k) for i in issues for k in i.keywords), issues
    assert talks.id == "talks"
    for said in ("Members will vote on the offer on May 3.", "The union said talks resume on Friday."):
        assert WordPattern(talks.keywords).search(said), (said, talks.keywords)


def test_an_issue_of_the_talks_words_alone_is_the_talks_issue() -> None:
    """The seeds' "US-mediated" recurs near the parties' stances, but it is the talks'
    mediation: no issue of its own beside the talks issue."""
    seeds = sorted(SEEDS.glob("*.txt"))
    docs = ingest([Document(id=f"d{n}", text=p.read_text(encoding="utf-8")) for n, p in enumerate(seeds)])
    *issues, talks = draft_profile(docs).issues
    pattern = WordPattern(talks.keywords)
    assert issues and not [i.label for i in issues if all(pattern.search(k) for k in i.keywords)]


def test_a_body_s_noun_the_articles_capitalise_is_a_party_though_once_in_lower_case() -> None:
    """ "The Commission wants ..." in every article and "the executive commission" once: the
    Commission is a side, not a common word written with a capital."""
    texts = (
        "Kestria and the Commission opened a round in Varenne on Monday. The Commission wants the "
        "aid to end by 2029. Kestria says it will not close its yard.",
        "The Commission has offered a transition of four years. Kestria wants eight. The executive "
        "commission of the union negotiates for all its members.",
        "The Commission says the aid breaks the rules. Kestria rejected that on Tuesday. The "
        "Commission said talks resume in April.",
    )
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    assert {p.name for p in profile.parties} == {"Kestria", "Commission"}


def test_examples_are_article_sentences_of_each_party_and_of_none(drafted) -> None:
    _, docs, profile = drafted
    texts = set(sentences(docs))
    assert {p.name for p in profile.parties[:2]} <= {e.party for e in profile.examples}
    for example in profile.examples:
        assert example.sentence in texts
    assert any(e.party == "none" for e in profile.examples)


def test_the_yaml_reads_back_equal_and_says_it_is_a_draft(drafted, tmp_path: Path) -> None:
    _, docs, profile = drafted
    text = profile_yaml(profile)
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_profile(path) == profile
    header = text.splitlines()[0]
    assert header.startswith("#") and f"{len(docs)} articles" in header
    assert "REVIEWED" in text
    for section in ("parties:", "issues:", "examples:", "status_cues:"):
        at = text.index(f"\n{section}")
        assert text[:at].rstrip().splitlines()[-1].startswith("#"), f"no comment above {section}"
    assert yaml.safe_load(text)["name"] == profile.name


def test_yaml_quotes_whatever_a_profile_holds(tmp_path: Path) -> None:
    odd = "it's a \\d+ 'quote' \"and\" # no comment: [x], {y} – ünïcode"
    profile = TopicProfile.model_validate(
        {
            "name": "odd",
            "title": odd,
            "parties": [{"name": "A: one", "aliases": [odd, "#tag"]}, {"name": "- B", "aliases": []}],
            "issues": [{"id": "x", "label": odd, "description": "line\nbreak", "keywords": [r"\d+%", "a'b"]}],
            "examples": [{"sentence": odd, "party": "none"}],
            "status_cues": {"agreed": [r"agreed\b"]},
        }
    )
    path = tmp_path / "odd.yaml"
    path.write_text(profile_yaml(profile), encoding="utf-8")
    assert read_profile(path) == profile


@pytest.mark.parametrize(
    "texts",
    [
        [],
        ["hello world"],
        ["THE UNION AND THE AUTHORITY SAID NOTHING TODAY ABOUT ANYTHING AT ALL. " * 5],
        ["x " * 3000],
    ],
    ids=["none", "tiny", "shouted", "junk"],
)
def test_any_text_drafts_a_valid_profile(texts: list[str]) -> None:
    docs = [CleanDocument(f"d{n}", t) for n, t in enumerate(texts)]
    profile = draft_profile(docs, "odd name!")
    assert TopicProfile.model_validate(profile.model_dump()) == profile
    assert profile.name == "odd_name"


def test_a_country_s_capital_seat_and_demonym_are_the_country() -> None:
    """Drafted from the seeds, "the Kremlin" and "Moscow" are Russia and "Kyiv" is Ukraine, as a
    person writing the profile would file them: no party is a capital or a seat of government."""
    profile = draft_profile(documents(load_case(CASES / "seeds.yaml")))
    parties = {p.name: set(p.aliases) for p in profile.parties}
    assert {"Kremlin", "Moscow", "Russian"} <= parties["Russia"], parties
    assert {"Kyiv", "Ukrainian"} <= parties["Ukraine"], parties
    assert "US" in parties["United States"], parties
    assert not {"Kremlin", "Moscow", "Kyiv", "Washington"} & set(parties)


def parties_drafted_from(*texts: str) -> dict[str, set[str]]:
    """The parties drafted from articles of these texts, with their aliases."""
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    return {p.name: set(p.aliases) for p in profile.parties}


def test_a_capital_alone_is_no_country() -> None:
    """Hamilton is the capital of Bermuda, but articles that never name Bermuda mean someone else."""
    parties = parties_drafted_from(
        "Hamilton said on Monday it would not raise its offer for Northgate. Northgate rejected the bid. "
        "Hamilton wants a quick answer.",
        "Northgate said the offer undervalued the company. Hamilton insisted the price was fair.",
    )
    assert "Hamilton" in parties and "Bermuda" not in parties


def test_an_affiliation_after_a_name_drafts_without_error() -> None:
    """An appositive with a possessive ("Name, Country's title,") once crashed the drafter."""
    parties = parties_drafted_from(
        "Jurgen Falk, Ostravia's agriculture minister, said Ostravia would not cut tariffs. "
        "Carvenia rejected the offer.",
        "Ostravia wants quotas lifted, Falk said. Carvenia said it would not lift quotas.",
    )
    assert "Jurgen Falk" in parties["Ostravia"], parties


def test_a_plural_s_apostrophe_is_inside_a_name_and_a_short_form_is_the_longer_name() -> None:
    """ "the Harwick Dockers' Union" is one name, not "Harwick Dockers" and "Union"; "Portline", a
    word opening one longer name and never a place, is "Portline Logistics"."""
    parties = parties_drafted_from(
        "The Harwick Dockers' Union said on Monday it would strike. Portline Logistics rejected the "
        "demand for a 9% raise. Portline said it would offer 4%.",
        "The Harwick Dockers' Union wants 9%, its leader said. Portline Logistics said the demand was "
        "too high. Talks between the union and Portline resumed. Portline insists on 4%.",
    )
    assert {"Harwick Dockers' Union", "Portline Logistics"} <= set(parties), parties
    assert "Portline" in parties["Portline Logistics"]


def test_a_takeover_s_sides_are_the_companies_with_their_boards_and_the_one_ministry() -> None:
    """A bidder named after "from" is a company, not a place, and "KMI" its initials, hyphen and
    all; "Board of Corvane Signalling" and "the board" are the company's; "Chief Executive Mathilde
    Brenner" is Mathilde Brenner; a sum with its currency's code ("EUR35.25") and an imperative
    before a name ("Ring-fence Corvane's ...") name no one; and with no country's government
    named, "the government" is the one ministry, whose minister goes by its portfolio."""
    texts = (
        "ALDENBURG, March 3 - Corvane Signalling said the board had rejected an approach from "
        "Koehl-Marant Industries worth EUR30.00 a share. The Board of Corvane Signalling said the "
        "offer undervalues the company. KMI said it would not raise its offer. Economy and Industry "
        "Minister Ingrid Saltvik said the government would approve a deal only if jobs stay. Corvane, "
        "led by Chief Executive Mathilde Brenner, employs 4,800 people.",
        "KMI raised its offer to EUR33.50 on Monday, and Koehl-Marant Industries wants the books "
        "opened. The board wants EUR36.00 before it engages. Ring-fence Corvane's laboratories "
        "and the sums look thin. The government wants 4,800 jobs kept. The Ministry for Economy and "
        "Industry will decide on 17 April. Corvane Signalling rejected the offer, and Corvane said it "
        "wants EUR36.00.",
    )
    parties = parties_drafted_from(*texts)
    assert {"KMI"} <= parties.get("Koehl-Marant Industries", set()), parties
    corvane = next((a for n, a in parties.items() if n.startswith("Corvane")), set())
    assert {"board", "Mathilde Brenner"} <= corvane and "Executive Mathilde Brenner" not in corvane, parties
    ministry = parties.get("Ministry for Economy and Industry", set())
    assert {"government", "Economy and Industry Minister", "Ingrid Saltvik"} <= ministry, parties
    assert not [n for n in parties if re.search(r"\d|Board of|Ring-fence", n)], parties
    # A ministry of a country the articles name is that country's, not a side of its own.
    country = tuple(
        t.replace("Economy and Industry Minister", "Vestmark's Economy and Industry Minister") for t in texts
    )
    country = tuple(t.replace("The government", "Vestmark's government") for t in country)
    assert "Economy and Industry Minister" not in parties_drafted_from(*country).get(
        "Ministry for Economy and Industry", set()
    )


def parties_drafted_from_dev(set_name: str, topic: str) -> dict[str, set[str]]:
    """The parties drafted from a dev set's excerpts on one topic (evals/dev/), with their aliases."""
    data = yaml.safe_load((devsets.DEV / set_name).read_text(encoding="utf-8"))
    docs = [
        devsets.document(n, x["sentences"]) for n, x in enumerate(data["excerpts"]) if x["topic"] == topic
    ]
    return {p.name: set(p.aliases) for p in draft_profile(ingest(docs)).parties}


def test_a_body_named_for_an_actor_is_a_body_of_its_own() -> None:
    """ "Calderport Athletic Supporters' Trust" is not the club's full name: the club is a party."""
    parties = parties_drafted_from_dev("attribution_8.yaml", "dev_stadium_talks")
    assert "Calderport Athletic" in parties, parties
    assert "Calderport Athletic" not in parties.get("Calderport Athletic Supporters' Trust", set())


def test_a_longer_name_one_article_gives_is_a_brand_not_the_full_name() -> None:
    """ "Vossmark Essentials" and "Kestmilk Meadow", each in one article, are brands of Vossmark and
    Kestmilk, named in every article."""
    parties = parties_drafted_from_dev("attribution_12.yaml", "dev_dairy_talks")
    assert {"Vossmark", "Kestmilk"} <= set(parties), parties


def test_in_a_single_article_the_longer_name_is_still_the_full_one() -> None:
    """One article can give a name only once: "Portline" is still "Portline Logistics"."""
    parties = parties_drafted_from(
        "The Harwick Dockers' Union said on Monday it would strike. Portline Logistics rejected the "
        "demand for a 9% raise. Portline said it would offer 4%. The Harwick Dockers' Union wants 9%, "
        "its leader said. Portline insists on 4%."
    )
    assert "Portline" in parties.get("Portline Logistics", set()), parties


def test_a_longer_name_of_one_article_opened_by_a_name_of_every_article_is_that_name_s() -> None:
    """ "Vettern Energie" in one wire lead, "Vettern" in every article: one party, named Vettern (but
    "Meridian Court of Justice", a body, and "Kyiv Dispatch", of a capital, stay their own)."""
    parties = parties_drafted_from(
        "Kestria's government opened talks on Monday with Vettern Energie on closing its coal plants. "
        "Vettern wants 2.4 billion euros. The government offered 1.1 billion. Vettern rejected it.",
        "Vettern insists on 2034. The government wants 2030. Vettern said it would sue. The government "
        "says it will set the dates by law.",
    )
    assert "Vettern Energie" in parties.get("Vettern", set()), parties
    assert "Vettern Energie" not in parties, parties


def test_a_country_with_a_government_is_no_word_of_a_longer_name() -> None:
    """ "Climate Alliance Kestria" is a group of Kestria's, not Kestria's full name."""
    parties = parties_drafted_from(
        "Kestria's government opened talks on Monday with Vettern on closing its coal plants. Vettern "
        "wants 2.4 billion euros. Kestria's government offered 1.1 billion. Vettern rejected Kestria's "
        "offer. The Alliance Kestria said all plants must close by 2030.",
        "Vettern insists on 2034. Then Kestria said it wants 2030. Vettern said it would sue. The "
        "Alliance Kestria wants no compensation. Kestria says it will set the dates by law.",
    )
    assert "Kestria" in parties and "Kestria" not in parties.get("Alliance Kestria", set()), parties


def test_a_local_government_named_for_its_place_is_the_county_of_the_articles() -> None:
    """ "Verrick County", then "the county has offered": the county is a party, its noun an alias."""
    parties = parties_drafted_from(
        "The Ironjacks and Verrick County opened talks on Monday. The Ironjacks want $600 million. "
        "The county has offered $100 million. The Ironjacks rejected the offer.",
        "The county said it would raise its offer to $120 million. The Ironjacks insist on $480 "
        "million. The county wants a 30-year lease. Verrick County rejected any overrun. The Verrick "
        "County Board of Supervisors votes on December 3.",
    )
    # Its board, another name holding "County", does not keep the county its noun.
    assert "county" in parties.get("Verrick County", set()), parties


def test_a_body_named_as_a_place_is_a_party_when_its_last_word_acts_in_lower_case() -> None:
    """ "the pandas at Linden Park Zoo", then "the zoo wants a 15-year loan": the zoo is a party,
    "zoo" its alias, though the articles name it mostly as a place; a stadium that never acts is not."""
    parties = parties_drafted_from(
        "Varesh's agency and the city of Port Calloway met on Monday over the pandas at Linden Park Zoo. "
        "The agency wants $1.8 million a year. The zoo wants a 15-year loan. The city offered $1.1 million.",
        "Visitors crowd Linden Park Zoo every weekend. The zoo said it would add $150,000 from donors. "
        "The agency rejected the offer. The city insists on a cap. The talks resume at Kestrel Stadium, "
        "where the stadium hosts a fair.",
    )
    assert "zoo" in parties.get("Linden Park Zoo", set()), parties
    assert "Kestrel Stadium" not in parties, parties


def test_a_utility_an_insurer_or_an_airline_named_in_lower_case_is_the_company_named_before_it() -> None:
    """ "Redmarch Power ... The utility offered $2.1 billion": a company is called by what it is."""
    parties = parties_drafted_from(
        "Redmarch Power and the Harrow Victims Committee opened talks on Monday. Redmarch Power offered "
        "$2.1 billion. The utility wants shares counted. The Harrow Victims Committee rejected the offer.",
        "Redmarch Power raised its offer to $3.1 billion. The utility said it would pay in cash. The Harrow "
        "Victims Committee wants $3.9 billion. Redmarch Power insists on a surcharge. The utility rejected "
        "a cap.",
    )
    assert "utility" in parties.get("Redmarch Power", set()), parties


def test_a_union_s_executive_by_its_name_is_the_union() -> None:
    """ "Meridian Commission" beside "Meridian": one side, its negotiators all of it (not its court)."""
    parties = parties_drafted_from(
        "The Meridian delegation is led by Pieter Aldenhoven. Halvoria wants a directive. The Meridian "
        "Commission rejected it. Meridian wants a statute, Aldenhoven said.",
        "The Meridian Commission insists on a statute. Halvoria offered a directive again. Meridian "
        "rejected it. The Meridian Court of Justice struck down the last framework in July.",
    )
    assert "Meridian Commission" in parties.get("Meridian", set()), parties
    assert "Meridian Commission" not in parties and "Meridian Court of Justice" not in parties.get(
        "Meridian", ()
    )


def test_a_dateline_s_city_is_no_short_form_of_a_body_named_for_it() -> None:
    """ "TARNOV, October 16 (ATA) -" makes Tarnov a city, not "Tarnov Machine Works"."""
    parties = parties_drafted_from_dev("attribution_12.yaml", "dev_missile_talks")
    assert not any("Tarnov" in aliases for aliases in parties.values()), parties


def test_a_transcript_s_speaker_labels_and_a_place_s_club_are_no_people_s_names() -> None:
    """ "BRENNAN:" heads a line of a transcript: a person, not a party. "Calloway Rovers said" names
    the club of Calloway, a place the articles also name alone, not a person called Rovers."""
    parties = parties_drafted_from(
        "Calloway Rovers said on Monday it would leave Calloway for a new ground. The council of "
        "Calloway rejected the plan, Mayor Ada Brennan said.",
        "BRENNAN: We will not pay for a new ground. BRENNAN: Calloway Rovers must stay in Calloway. "
        "Calloway Rovers wants a new lease, its chairman said. Calloway Rovers rejected the offer.",
    )
    assert "Calloway Rovers" in parties, parties
    assert "BRENNAN" not in parties and not any("BRENNAN" in a for a in parties.values()), parties


def test_a_person_called_by_a_family_name_that_comes_first_is_no_party() -> None:
    """ "Vice Premier Zhao Mingyuan" ... "Zhao said": Zhao is the person, not a party of his own."""
    parties = parties_drafted_from(
        "Ostland will not lift its export curbs, Vice Premier Zhao Mingyuan said on Monday. Carvenia "
        "rejected the demand. Zhao said Ostland wants the chip curbs lifted first.",
        "Zhao insisted the curbs would stay. Carvenia said it would not lift the chip curbs. Ostland "
        "rejected the offer, Zhao said.",
    )
    assert "Zhao" not in parties and "Zhao Mingyuan" not in parties, parties


def test_the_text_negotiated_is_no_party() -> None:
    """ "the Pandemic Accord" is what Ostland and Carvenia negotiate, however often it "offers" or
    "wants" something."""
    parties = parties_drafted_from(
        "Ostland wants the Pandemic Accord to share vaccines. Carvenia rejected the demand. The Pandemic "
        "Accord would require labs to share samples, Ostland said. The Pandemic Accord offers poorer "
        "countries 20 percent.",
        "The Pandemic Accord says nothing on patents. Carvenia insisted on voluntary terms. Ostland "
        "rejected the offer. The Pandemic Accord will require a fund, Carvenia said. The Pandemic Accord "
        "proposes an annex.",
        "Carvenia said the Pandemic Accord must protect patents. The Pandemic Accord wants labs to share "
        "data. Ostland wants the Pandemic Accord signed.",
    )
    assert not any("Accord" in p for p in parties), parties
    assert {"Ostland", "Carvenia"} <= set(parties), parties


def test_a_surname_spelled_otherwise_is_the_person_and_their_party() -> None:
    """ "President Volodymyr Zelenskiy" ... "Zelensky said": one person, Ukraine's, in two spellings."""
    parties = parties_drafted_from(
        "Ukraine's President Volodymyr Zelenskiy said Kyiv would not give up land. Russia rejected the "
        "offer. Zelensky said Ukraine wants a ceasefire first.",
        "Zelensky insisted on a ceasefire. Russia said it would not accept a ceasefire. Ukraine "
        "rejected the demand, Zelenskiy said.",
    )
    assert "Zelensky" not in parties, parties
    assert {"Zelenskiy", "Zelensky"} <= parties["Ukraine"], parties
    # Only the ending differs; a short stem ("Bari", "Bary") may be two names.
    spelled = draft._spelled_otherwise({"Zelenskiy"}, ["Zelenskyy", "Zelensky", "Zelenko", "Zelenskiy"])
    assert spelled == {"Zelenskyy": "Zelenskiy", "Zelensky": "Zelenskiy"}
    assert draft._spelled_otherwise({"Bari"}, ["Bary"]) == {}


def test_a_country_s_government_and_ministry_are_the_country_and_its_court_is_not() -> None:
    """ "The Government of Ostland" and "Ostland's Ministry of Trade" speak for Ostland; "Ostland's
    Constitutional Court" does not."""
    parties = parties_drafted_from(
        "The Government of Ostland said on Monday it would not cut tariffs. Carvenia rejected the offer. "
        "Ostland wants quotas lifted. Ostland's Constitutional Court said the quotas were lawful.",
        "Ostland said the quotas hurt its farmers. Carvenia said it would not lift them. The Government "
        "of Ostland insists on a deal by March 9, and Ostland's Ministry of Trade said so too. Ostland's "
        "Constitutional Court ruled on March 9, and Ostland's Ministry of Trade insists on a deal.",
    )
    ostland = parties.get("Ostland", set())
    assert {"Government of Ostland", "Ministry of Trade"} <= ostland, parties
    # Its government named in full, a federal republic's name: the country too.
    assert draft._GOVERNMENT_OF.fullmatch("Government of the Republic of Velmora").group(1) == "Velmora"
    assert draft._GOVERNMENT_OF.fullmatch("Federal Republic of Ardenza").group(1) == "Ardenza"
    assert "Constitutional Court" not in ostland and "Government of Ostland" not in parties, parties


def test_the_government_is_the_one_country_whose_government_is_named() -> None:
    """ "The government" acts in the articles, and they name one government: it is that country's."""
    texts = (
        "The government of Dalvera and the Orsa Front opened talks on Monday. The government says it "
        "will not free any prisoners. The Orsa Front wants a general amnesty.",
        "The government has offered a ceasefire. The Orsa Front rejected it. Dalvera said it wants a "
        "deal by March 9. Negotiators for Dalvera rejected the plan.",
    )
    assert "government" in parties_drafted_from(*texts).get("Dalvera", set())
    # Two governments named: "the government" is neither's.
    two = (
        texts[0] + " The government of Kavana hosts the talks.",
        texts[1] + " Kavana said it hoped for peace.",
    )
    assert not any("government" in aliases for aliases in parties_drafted_from(*two).values())
    # A leader's government ("Vanhalst's government") is the one named, not a second.
    led = (
        texts[0] + " Prime Minister Erik Vanhalst chairs the cabinet.",
        texts[1] + " Vanhalst's government has promised a vote.",
    )
    assert "government" in parties_drafted_from(*led).get("Dalvera", set())


def test_a_town_that_negotiates_is_a_party_with_its_mayor_and_officials() -> None:
    """ "The city of Port Halvern" opens the talks and "the city" takes stances: the city is a side,
    though its name is also the dateline's place; its mayor and the official leading its team
    ("deputy city manager Priya Okafor", "Mayor Clara Vennick's deadline") are its people."""
    texts = (
        "PORT HALVERN, May 6 - The city of Port Halvern and Orsby Ferries opened talks on Monday. The "
        "city's team is led by deputy city manager Priya Okafor. The city has offered 13 million euros. "
        "Orsby wants 19.5 million euros, chief executive Tomas Rehder said.",
        "The city raised its offer to 15.5 million euros. Mayor Clara Vennick's deadline is May 18. "
        "Orsby rejected the offer. The city wants electric ferries by 2030, and Orsby said it would not "
        "pay for them.",
    )
    parties = parties_drafted_from(*texts)
    assert {"city", "mayor", "Clara Vennick", "Vennick", "Priya Okafor", "Okafor"} <= parties.get(
        "Port Halvern", set()
    ), parties
    assert not any(alias.endswith("'s") for aliases in parties.values() for alias in aliases), parties
    # A city named only as the place the talks are in is no side.
    board = (("The city of Port Halvern and", "In Port Halvern,"), ("The city", "The port board"))
    board += (("city's", "port board's"),)
    elsewhere = list(texts)
    for old, new in board:
        elsewhere = [t.replace(old, new) for t in elsewhere]
    assert "Port Halvern" not in parties_drafted_from(*elsewhere), parties_drafted_from(*elsewhere)


def test_a_province_and_an_unnamed_federal_government_that_negotiate_are_parties() -> None:
    """ "The province of Upper Tamarac" then "the province has offered", and "the federal
    government" that offers with its country never named, are two sides: the province with its
    premier and negotiator, the federal government with its negotiator (a hyphenated first name is
    a person's: "Anne-Marie Dufresne"), not a party of her own."""
    texts = (
        "FORT KELLER, March 3 - The Kestawin First Nation opened talks with the province of Upper "
        "Tamarac and the federal government on Monday. The province is represented by its lead "
        "negotiator, Graham Pellerin, and the federal government by its chief federal negotiator, "
        "Anne-Marie Dufresne. The Kestawin First Nation wants 86,000 hectares. "
        "The province has offered 31,500 hectares. The federal government has offered $420 million. "
        "Dufresne said the offer was fair.",
        "The province raised its offer to 52,000 hectares, Premier Lise Arcand said. The federal "
        "government says it will not go above $610 million. The Kestawin First Nation rejected both "
        "offers, and the province said it would not include the lease area. Anne-Marie Dufresne "
        "called it the last federal number.",
    )
    parties = parties_drafted_from(*texts)
    assert {"province", "premier", "Graham Pellerin"} <= parties.get("Upper Tamarac", set()), parties
    assert {"federal government", "Anne-Marie Dufresne", "Dufresne"} <= parties.get(
        "Federal government", set()
    ), parties
    assert "Anne-Marie Dufresne" not in parties and "Kestawin First Nation" in parties, parties


def test_a_government_whose_country_is_never_named_is_a_side_when_it_acts_often() -> None:
    """In talks within one country, "the government" that offers and refuses, three times and
    more, is a side of its own, its minister with it; named once, it is none."""
    texts = (
        "TARN, Nov 3 - The Tarn Front walked out of talks with the government on Tuesday. The "
        "government delegation is led by Justice Minister Jo Bell. The government has offered to "
        "hold the vote in August. The Tarn Front wants it held in March.",
        "The government insists the vote cannot come before August, Bell said. The Tarn Front "
        "rejected the offer. The government has refused to free the detainees, and the Tarn Front "
        "says it will march on Thursday.",
    )
    parties = parties_drafted_from(*texts)
    assert {"government", "Jo Bell", "Bell"} <= parties.get("Government", set()), parties
    once = (texts[0], texts[1].replace("The government has refused", "Officials have refused"))
    once = tuple(t.replace("The government has offered", "Bell has offered") for t in once)
    once = tuple(t.replace("The government insists", "Bell insists") for t in once)
    assert "Government" not in parties_drafted_from(*once), parties_drafted_from(*once)


# Names the articles give a party that its draft must list, each from two articles of a kind.
NAMED = {
    # A cooperative is a body by its noun: one name, "the cooperative" its short form.
    "a cooperative named whole": (
        (
            "The Greyhaven Fishermen's Cooperative and Northmere Wind opened talks on Monday. The "
            "cooperative wants a fund of 60 million crowns. Northmere offered 20 million, and "
            "fishermen waited.",
            "The Greyhaven Fishermen's Cooperative rejected the offer on Friday. The cooperative said it "
            "would not sign, and Northmere said the talks would resume. Some fishermen left.",
        ),
        "Greyhaven Fishermen's Cooperative",
        {"cooperative"},
    ),
    # "The union" acts and one actor is a body of workers: it is that body's.
    "the union of the one body of workers": (
        (
            "The United Graduate Workers walked out on Monday. The union says it wants $32,000. "
            "Port Alder University rejected the demand.",
            "The union has offered to cut its demand. Port Alder University said it would not move. "
            "The United Graduate Workers want a deal by March 9.",
        ),
        "United Graduate Workers",
        {"union"},
    ),
    # "Linden Regional said" is Linden Regional Health's short name, not a person.
    "a name that opens a longer one": (
        (
            "Linden Regional Health offered nurses 10.5% on Monday. The Tamarack Nurses Association "
            "rejected it. Linden Regional said it could not afford more.",
            "The Tamarack Nurses Association wants 18%. Linden Regional says the demand would cost $140 "
            "million. The Tamarack Nurses Association said it would strike.",
        ),
        "Linden Regional Health",
        {"Linden Regional"},
    ),
    # A body of outlets is no outlet; "the alliance" is its, not the Liberal Alliance's, named once.
    "a body of outlets and its noun": (
        (
            "The News Publishers' Alliance wants 190 million florins a year. Strevio rejected the "
            "demand. The alliance said it would go to arbitration. The Liberal Alliance backs the law.",
            "Strevio offered 90 million. The News Publishers' Alliance rejected the offer. The alliance "
            "insists on 150 million, and Strevio said it would not move. The alliance says talks resume.",
        ),
        "News Publishers' Alliance",
        {"alliance"},
    ),
    # "the Free Liberals" are the Free Liberal Party's members: "Free Liberal" is no person's name.
    "a party's members by its adjective": (
        (
            "The Free Liberal Party and the Greens opened coalition talks on Monday. The Free Liberals "
            "want a debt brake. Free Liberal leader Kasimir Holt said his party would not move.",
            "The Greens rejected the brake. The Free Liberals insist on it, and the Free Liberal Party "
            "says talks resume on Friday. The Greens want a climate fund.",
        ),
        "Free Liberal Party",
        {"Free Liberals"},
    ),
    # A province's government named by its adjective.
    "a province's government": (
        (
            "The Tanakwe Nation Council and the Northmere provincial government opened talks on Monday. "
            "The province offered 1 percentage point of its royalty. The council wants a veto.",
            "The province rejected the veto. The Tanakwe Nation Council insists on it. The province says "
            "it will not move, and the council says talks resume on Friday.",
        ),
        "Northmere",
        {"province"},
    ),
    # A body headed by its noun, whose name holds a press word and "and", named with another body
    # joined by "and the": two sides, each a party.
    "two bodies joined by 'and the'": (
        (
            "The Guild of Screen Performers and the Alliance of Film and Television Studios opened talks "
            "on Monday. The guild wants consent for every replica. The alliance rejected the demand.",
            "The Alliance of Film and Television Studios offered 4%. The guild said it would not accept "
            "it. The alliance insists on one consent, and the guild says talks resume on Friday.",
        ),
        "Alliance of Film and Television Studios",
        {"alliance"},
    ),
    # "Castrena's central government", then "the central government" acting, though Castrena is
    # mostly a place and the island's government is named too; and the minister who "leads the
    # central government's delegation".
    "the one country named with a central government": (
        (
            "Negotiators for Castrena's central government and the Ossaran government met in Castrena "
            "on Monday. Minister for Territorial Affairs Marek Ostrand leads the central government's "
            "delegation. The central government has offered 45% of the tax. Ossara wants 70%.",
            "The central government says the ports must stay national. Ossara rejected the offer. Talks "
            "resume in Castrena on March 9, and Ossara said it wants a referendum.",
        ),
        "Castrena",
        {"central government", "Marek Ostrand"},
    ),
    # "The regulator" does the Rail Regulation Authority's work; named so it acts, and is a party.
    "a role named for the body's work": (
        (
            "Ferrolink wants to raise its charge to 3.50 thalers. Arrowline rejected the rise. The Rail "
            "Regulation Authority is mediating. The regulator said it would table a proposal, and the "
            "regulator wants a deal by May 5.",
            "The regulator has proposed 3.10 thalers. Ferrolink said it would not accept less than 3.40. "
            "Arrowline insists on 3.00. The Rail Regulation Authority said talks resume on Monday.",
        ),
        "Rail Regulation Authority",
        {"regulator"},
    ),
}


def test_a_party_is_named_by_its_members_plural_and_a_country_s_party_is_its_own() -> None:
    """ "Liberal leader Felix Aurand" and "the Liberals" are the Liberal Reform Party's; "Veresia's
    Civic Union" is a party of the country, not its government; "the Liberal Reform Party 17" (seats)
    is no longer name."""
    texts = (
        "Veresia's Civic Union opened coalition talks with the Liberal Reform Party on Monday. The "
        "Civic Union wants a debt rule, and Veresia wants a budget by May. The Liberals rejected the "
        "demand, said Liberal leader Felix Aurand. The Civic Union won 43 seats and the Liberal Reform "
        "Party 17.",
        "The Liberals want a visa scheme. The Civic Union said it would not move, and Veresia said it "
        "wants a deal. The Liberal Reform Party insists on tax cuts, said Liberal leader Felix Aurand.",
    )
    parties = parties_drafted_from(*texts)
    assert {"Liberals", "Felix Aurand"} <= parties.get("Liberal Reform Party", set()), parties
    assert "Civic Union" in parties and "Civic Union" not in parties.get("Veresia", set()), parties
    assert not any(name.startswith("Liberals") for name in parties), parties
    # A demonym and its plural are the country's, not the one body's name they open.
    russia = parties_drafted_from(
        "The Russian Defence Ministry said on Monday it wants a ceasefire. Ukraine rejected the demand. "
        "The Russians said they would not move.",
        "Russia insists on a ceasefire. Ukraine wants talks, and the Russians rejected the offer.",
    )
    assert "Russians" in russia.get("Russia", set()), russia
    # A "-land"'s demonym by its stem ("Brennish" of Brennland), not a surname that shares it.
    brennland = parties_drafted_from(
        "Brennland offered $55 million on Monday. Lisvania rejected the offer. Brennish Defence "
        "Minister Agnes Whitlow said Brennland would not pay more. Lisvania wants $90 million.",
        "Brennland raised its offer to $68 million. Lisvania said it was not enough. The Brennish "
        "side insists on 25 years, analyst Tom Brenner said.",
    )
    assert {"Brennish", "Agnes Whitlow"} <= brennland.get("Brennland", set()), brennland
    assert not {"Brenner", "Tom Brenner"} & brennland.get("Brennland", set()), brennland


def test_a_province_s_name_is_its_government_and_the_opposition_is_no_party() -> None:
    """ "Province of Abernell" is Abernell, one party; the Heritage Party, which the articles call
    the opposition, speaks about the talks, not at them, however often it is quoted."""
    texts = (
        "The Province of Abernell offered 10,000 square kilometres on Monday. The Nations Council rejected "
        "the offer. Opposition leader Rutger Vallance of the Heritage Party said the province must not "
        "sign. The Heritage Party wants a vote first.",
        "Abernell raised its offer to 11,000. The Nations Council insists on 15,000. The Heritage Party "
        "says it will vote against any deal, and the Heritage Party rejected the framework.",
        "Abernell said it would sign by May. The Nations Council wants 3 billion dollars. The Heritage "
        "Party, the main opposition, demanded a referendum.",
    )
    parties = parties_drafted_from(*texts)
    assert "Heritage Party" not in parties, parties
    abernell = [name for name in parties if "Abernell" in name]
    assert len(abernell) == 1, parties


def test_an_analyst_the_articles_quote_often_is_no_party() -> None:
    """ "Analyst Ruth Okafor said ...", "Ruth Okafor, an analyst at Tallis Hart": a voice on the
    talks, however often quoted taking a view, is no side."""
    texts = (
        "Halvern Books offered 30 million on Monday. The Lorland Guild rejected the offer. Analyst Ruth "
        "Okafor said Halvern Books would not go higher. Ruth Okafor insists the gap is small.",
        "Halvern Books raised its offer to 35 million. The Lorland Guild wants 50 million. Ruth Okafor, an "
        "analyst at Tallis Hart, said the guild would accept 40. Ruth Okafor rejected the idea of a strike.",
        "The Lorland Guild said it would not move. Halvern Books insists on five years. Ruth Okafor "
        "wants a deal by May, and Ruth Okafor said the offer was fair.",
    )
    parties = parties_drafted_from(*texts)
    assert {"Halvern Books", "Lorland Guild"} <= set(parties), parties
    assert "Ruth Okafor" not in parties and not any("Okafor" in n for ns in parties.values() for n in ns)


def test_a_body_called_by_its_kind_after_its_name_is_that_actor_s() -> None:
    """ "The LUMEN consortium did not move": "the consortium" is LUMEN, though Halcyon is named more
    often just before it."""
    texts = (
        "LUMEN and Halcyon Scientific opened talks on Monday. LUMEN wants a price cut. Halcyon wants 41 "
        "million. Halcyon said the consortium would pay more.",
        "The LUMEN consortium did not move. LUMEN rejected the offer. Halcyon lowered its price to 40 "
        "million, and Halcyon insists on a cap. Halcyon said the consortium wants no cap.",
        "The LUMEN consortium rejected the bridge. Halcyon offered a bridge to January. Halcyon says the "
        "consortium must sign by December, and Halcyon said the consortium wants a bridge to March.",
    )
    parties = parties_drafted_from(*texts)
    lumen = next(names for name, names in parties.items() if "LUMEN" in name)
    assert "consortium" in lumen, parties
    assert not any("consortium" in names for name, names in parties.items() if "LUMEN" not in name), parties


def test_where_the_articles_name_the_sides_a_commentator_is_no_party_but_the_chair_is() -> None:
    """ "Talks between the port authority and Meridane": a rival operator quoted now and then is no
    side; the facilitator who chairs the talks stays one, however seldom she takes a stance."""
    texts = (
        "Talks between the Varsholm Port Authority and Meridane opened on Monday, chaired by the "
        "Mediation Office. The Varsholm Port Authority wants a 20-year concession. Meridane rejected the "
        "demand. Meridane wants ten years. Coastlink said it would bid.",
        "Meridane offered 400 million. The Varsholm Port Authority insists on 600 million. The "
        "Mediation Office proposed 500 million. Meridane said it would not move, and the Varsholm Port "
        "Authority rejected the offer.",
        "The Varsholm Port Authority and Meridane agreed on jobs. Meridane wants a quick deal, and "
        "Meridane rejected a longer review. The Varsholm Port Authority said talks resume on Friday. The "
        "Mediation Office said it would table a paper. Coastlink wants the tender reopened. Meridane "
        "insists on ten years. Meridane said the offer was final. Meridane rejected the new fee. The "
        "Varsholm Port Authority wants more cranes. The Varsholm Port Authority said it would not pay. "
        "The Varsholm Port Authority rejected a shorter term.",
    )
    parties = parties_drafted_from(*texts)
    assert {"Varsholm Port Authority", "Meridane", "Mediation Office"} <= set(parties), parties
    assert "Coastlink" not in parties, parties


@pytest.mark.parametrize("kind", sorted(NAMED))
def test_a_party_s_names_are_drafted_from_the_articles(kind: str) -> None:
    texts, party, names = NAMED[kind]
    parties = parties_drafted_from(*texts)
    assert names <= parties.get(party, set()), parties


def test_a_common_word_s_possessive_before_a_body_s_noun_is_inside_the_name() -> None:
    """ "the People's Party" is one name ("people" is a word the articles write in lower case),
    where "Velsund's People's Party" is Velsund's: neither "People" nor "Party" is a party."""
    parties = parties_drafted_from(
        "Velsund's People's Party rejected a wealth tax on Monday, its leader said. The Greens want a tax. "
        "The People's Party's chief negotiator said no, and people waited.",
        "People's Party leader Ida Vang said the party would not move. The Greens said they would walk "
        "out. The People's Party insists on 0.5%.",
    )
    assert "People's Party" in parties, parties
    assert not {"People", "Party"} & set(parties), parties
    # A body's noun two words on: "People's Civic Alliance" is one name.
    runs = [n for _, _, n in draft.name_runs("The People's Civic Alliance came first.", {"people"})]
    assert runs == ["People's Civic Alliance"], runs


def test_a_masthead_is_no_dateline_s_city() -> None:
    """ "TANAKWE NATION COUNCIL - MEMBERS' BULLETIN" heads a body's own bulletin: the body is a
    party, not a place a wire is filed from."""
    texts = (
        "TANAKWE NATION COUNCIL - MEMBERS' BULLETIN\n\nThe Tanakwe Nation Council and Greyfell Lithium "
        "opened talks on Monday. The council wants a veto. Greyfell rejected the demand.",
        "PORT ELLERY, March 9 (Wire) - The Tanakwe Nation Council insists on a veto. Greyfell offered a "
        "royalty. The council said it would not sign, and Greyfell says talks resume on Friday.",
    )
    docs = ingest([Document(id=f"d{n}", text=t) for n, t in enumerate(texts)])
    parties = {p.name for p in draft_profile(docs).parties}
    assert "Tanakwe Nation Council" in parties, parties


def test_a_person_of_a_body_and_a_body_named_the_are_no_one_name() -> None:
    """ "Gunnar Sel of the Rural Party" is a person and a party, not one name (nor is "Maarten
    Bosma of Corbel Research"); "the Greens" are a body, so "Young Greens" is no person called
    Greens; "Magnus Ekdahl", whose first name stands alone once ("whatever Magnus brings home"), is
    a person, not a party."""
    parties = parties_drafted_from(
        "The Greens said on Monday they want coal gone by 2030, and Magnus Ekdahl rejected it. Young "
        "Greens chair Saga Lunde said 4,100 had signed. Gunnar Sel of the Rural Party said the town was "
        "ignored.",
        "The Rural Party said it would not return. The Greens insist on 2030. Ekdahl said the group "
        "would back whatever Magnus brings home. The Rural Party rejected the offer.",
    )
    assert {"Greens", "Rural Party"} <= set(parties), parties
    assert not {"Magnus", "Ekdahl", "Magnus Ekdahl", "Young Greens", "Gunnar Sel of the Rural Party"} & set(
        parties
    ), parties
    accented = parties_drafted_from(
        "Ostrevia's Julián Aravena chaired the session. Aravena said the Clear Seas Coalition wants a cap. "
        "The Clear Seas Coalition rejected the levy.",
        "Aravena told delegates to stay. The Clear Seas Coalition insists on a cap. Aravena said the levy "
        "was dropped, and the Island States Forum said it would accept.",
    )
    assert not {"Julián Aravena", "Aravena"} & set(accented), accented  # a person, accent and all
    runs = [name for _, _, name in draft.name_runs("Maarten Bosma of Corbel Research said so.", set())]
    assert runs == ["Maarten Bosma", "Corbel Research"], runs
    # One word, "and", then a body's name ending in its noun is one body; two names joined are two.
    joined = {
        "The Harbour and Ferry Workers' Union wants more.": ["Harbour and Ferry Workers' Union"],
        "It went to the Harbour and Transport Committee today.": ["Harbour and Transport Committee"],
        "Then Grenmart and Castell Foods agreed.": ["Grenmart", "Castell Foods"],
        "Then Kestria and the Commission met.": ["Kestria", "Commission"],
        "Then Ardenza and Halvenia Airways met.": ["Ardenza", "Halvenia Airways"],
        "The Lorland Composers and Publishers Society (LCPS) said no.": [
            "Lorland Composers and Publishers Society",
            "LCPS",
        ],
        "Then Green Alliance and Liberal Reform Party met.": ["Green Alliance", "Liberal Reform Party"],
        # "and the" after a name of "of" joins two bodies, not one.
        "The Guild of Actors and the Alliance of Film and Television Studios met.": [
            "Guild of Actors",
            "Alliance of Film and Television Studios",
        ],
        # Where a body is, or who runs it, is no word of its name.
        "The Wexmoor-based Professional Pilots' Union came down.": ["Professional Pilots' Union"],
        "A Kessan-owned Port Sevran Trawlers said no.": ["Port Sevran Trawlers"],
    }
    for text, names in joined.items():
        assert [name for _, _, name in draft.name_runs(text, set())] == names, text


def test_a_body_named_only_in_lower_case_is_a_party_of_its_own() -> None:
    """ "the bondholders' committee", never named with capitals, is a party (and its chair its
    person), not Ondara's, the country ("Ondaran officials") named just before it."""
    parties = parties_drafted_from(
        "Ondara offered a 50% haircut on Monday. The bondholders' committee rejected the offer. The "
        "committee wants a 20% haircut, its chair, Robert Kessing, said. Ondara said it would not move.",
        "Ondara insists on 40%, Ondaran officials said. The bondholders' committee said it would accept "
        "30%. Ondara rejected that. The committee says talks will resume on March 9.",
    )
    assert "Bondholders' committee" in parties, parties
    assert {"committee", "Robert Kessing"} <= parties["Bondholders' committee"], parties
    assert "committee" not in parties.get("Ondara", set()), parties
    # Named before any actor, "the committee" is no one's: too little to make it a party.
    unplaced = parties_drafted_from(
        "The committee said it wants 20%. Ondara offered 50%, Ondaran officials said.",
        "The committee said it would accept 30%. Ondara rejected that.",
        "The committee says talks resume on March 9. Ondara insists on 40%.",
    )
    assert not any("committee" in name for name in unplaced), unplaced


def test_people_named_only_in_lower_case_are_a_side_of_their_own() -> None:
    """ "the villagers" who want, reject and propose in two articles are a side, and "the
    villagers' elected elders" theirs; a group the articles tie to a named body ("the Orchard
    Alliance, a coalition of fruit growers") is that body's; "the analysts" are no side."""
    texts = (
        "Dam talks open\n\nTarvel Hydro Company said on Monday it would pay 9,000 crowns a household. "
        "The villagers want 15,000 crowns for each house. The villagers' elected elders reject any move "
        "before the harvest. The Orchard Alliance, a coalition of fruit growers, wants water rights. "
        "The fruit growers reject any cut. The analysts said a deal was close.",
        "Land swap\n\nThe villagers propose a land swap, Jo Bell said. Tarvel Hydro Company rejected "
        "that. The fruit growers insist on 40 litres a second. The elected elders want a vote on the "
        "swap, and the elected elders insist on a hearing. The analysts expect a deal.",
        "A deal on cash\n\nThe villagers have accepted 12,000 crowns. The elected elders said they would "
        "sign on Friday. Tarvel Hydro Company said it would sign. The fruit growers demand a flow "
        "study. The analysts said the flow was the last issue.",
    )
    parties = parties_drafted_from(*texts)
    assert {"villagers", "elected elders"} <= parties.get("Villagers", set()), parties
    assert "fruit growers" in parties.get("Orchard Alliance", set()), parties
    assert not [n for n in parties if n.lower() in {"analysts", "fruit growers", "elected elders"}], parties
    # Tied by what the body is "of", in the singular too: "the Orchard Alliance of 40 fruit grower
    # cooperatives" is the fruit growers'.
    described = tuple(
        t.replace(
            "The Orchard Alliance, a coalition of fruit growers,",
            "The Orchard Alliance of 40 fruit grower cooperatives",
        )
        for t in texts
    )
    parties = parties_drafted_from(*described)
    assert "fruit growers" in parties.get("Orchard Alliance", set()), parties


def test_an_office_that_acts_is_a_side_named_by_its_holder_and_a_plural_s_apostrophe_is_its_word() -> None:
    """ "the governor's office has offered" in two articles is a side, "the governor" its alias;
    "the farmers" who want are the Valley Farmers' Association's."""
    parties = parties_drafted_from(
        "Crop money\n\nThe Valley Farmers' Association wants 2 billion shillings for lost crops. The "
        "governor's office has offered 500 million. The farmers want the fund paid by March. The "
        "governor's office insists on receipts.",
        "A raise\n\nThe governor's office has raised its offer to 800 million. The farmers rejected "
        "that, the Valley Farmers' Association said. The farmers want 1.5 billion.",
    )
    assert {"governor's office", "governor"} <= parties.get("Governor's office", set()), parties
    assert "farmers" in parties.get("Valley Farmers' Association", set()), parties


def test_the_council_named_after_a_company_is_a_party_of_its_own_not_the_company_s() -> None:
    """ "the council", a public body, named after Verdane, a company, is not the company: with no
    actor of its kind before it, it is a party of its own, with its people."""
    parties = parties_drafted_from(
        "DUNMARSH, Nov 4 - Talks between Verdane Environmental Services, the city council and the Bin "
        "Workers' Union opened on Monday. Verdane has offered 3.5 percent, the company said. The council "
        "wants penalties for missed collections, Councillor Dev Malhotra said. The union wants 12 percent.",
        "Verdane insists on 3.5 percent, Martin Holloway said. The council said it would pay £1 million "
        "more. The union rejected that, said Sinead Farrow. Verdane said the council must pay.",
        "Verdane wants eight years, the company said. The council says it will offer five years. The "
        "council's team is led by Councillor Dev Malhotra.",
    )
    others = [aliases for name, aliases in parties.items() if name != "Council"]
    assert not any({"council", "Dev Malhotra"} & aliases for aliases in others), parties
    assert {"council", "Dev Malhotra"} <= parties.get("Council", set()), parties


def test_the_company_is_the_company_named_before_it_and_no_body_of_another_kind() -> None:
    """ "the company" after "Carrovo" is Carrovo ("Lawyers for Carrovo" names no person called
    Carrovo); "the league" is not the "Velsund Players Association" named just before it."""
    parties = parties_drafted_from(
        "Carrovo said on Monday it would cut service. The company wants a cap of 12,000 cars. Lawyers "
        "for Carrovo said the cap was illegal. The Halvern Drivers' Union rejected the plan.",
        "Carrovo insists on 12,000. The company said it would appeal. The Halvern Drivers' Union said "
        "it wants 8,000. Carrovo rejected that, and the company says it will not move.",
    )
    assert "company" in parties.get("Carrovo", set()), parties
    league = parties_drafted_from(
        "The Velsund Players Association said on Monday it would strike. The league wants a salary cap. "
        "The Velsund Players Association rejected it, and the league said it would not move.",
        "The Velsund Players Association insists on 50%. The league says 46%. The Velsund Players "
        "Association said the league was wrong.",
    )
    assert not any("league" in aliases for aliases in league.values()), league
    # Where "the company" follows two companies, it may be either: no one's.
    both = parties_drafted_from(
        "Carrovo said on Monday it would cut service. The company wants a cap of 12,000 cars. Velmar "
        "rejected the cap on Tuesday. The company says it will sue. Carrovo insists on 12,000 cars.",
        "Carrovo said the company would not move. Velmar wants 8,000, and the company says it will "
        "not accept less. Carrovo rejected that, and the company says it will appeal.",
    )
    assert set(both) >= {"Carrovo", "Velmar"}, both
    assert not any("company" in aliases for aliases in both.values()), both
    # After one of them more than twice as often as after the other, it is that one's.
    mostly = parties_drafted_from(
        "Carrovo said on Monday it would cut service. The company wants a cap of 12,000 cars. Velmar "
        "rejected the cap. The company says it will sue. Velmar said the company was wrong. Carrovo "
        "insists on 12,000 cars, and the company will not move.",
        "Carrovo said the company would appeal. Carrovo offered 11,000, and the company says that is "
        "final. Velmar wants 8,000, and the company says it will not accept less. Carrovo rejected "
        "that, and the company says it will appeal.",
    )
    assert "company" in mostly.get("Carrovo", set()), mostly


def test_a_body_the_articles_name_as_one_actor_s_own_is_that_actor_s() -> None:
    """ "the board of the Halden Opera Association" and "the Opera Association's board": "the board"
    is the association's, though the guild is named just before it more often; a body named as two
    actors' own is neither's."""
    text = (
        "The Halden Musicians' Guild wants a 4% raise. The board wants a freeze, said Helena Strand, "
        "the board's executive director. The Halden Musicians' Guild rejected it. The board says it "
        "will lock the doors on Friday. On Monday the board of the Halden Opera Association wrote to "
        "the players.",
        "The Halden Musicians' Guild said the board was bluffing. The Halden Opera Association's board "
        "wants 72 players. The Halden Musicians' Guild insists on 80. The board said it would not move.",
    )
    parties = parties_drafted_from(*text)
    assert "board" in parties.get("Halden Opera Association", set()), parties
    assert "board" not in parties.get("Halden Musicians' Guild", set()), parties
    shared = parties_drafted_from(
        text[0] + " The board of the Halden Musicians' Guild met on Sunday.",
        text[1] + " The Halden Musicians' Guild's board said it would vote.",
    )
    assert "board" not in shared.get("Halden Opera Association", set()), shared


def test_an_outlet_told_and_a_country_are_no_one_s_name() -> None:
    """ "she told Frontline Varnia": whom one tells is no speaker, and Varnia, whose demonym the
    articles use, is a country, not the surname of a "Frontline Varnia"."""
    parties = parties_drafted_from(
        "Varnia will agree to a truce only along the front line, Varnian officials said. Ostrel rejected "
        'it. "Varnia did not start this war," she told Frontline Varnia on Tuesday.',
        "Ostrel insists that Varnian forces withdraw. Varnia said it would not move. Ostrel said it "
        "wants talks on March 9.",
    )
    assert "Varnia" in parties, parties


def test_a_short_form_is_the_body_s_noun_and_a_person_s_name_holds_no_title() -> None:
    """ "the airline" is not the Velmora Airline Pilots' Union ("the union" is); "its chief
    negotiator, Deputy Transport Minister Ilse Varga" names Ilse Varga, not a "Deputy Transport
    Minister" (whose surname would be "Minister")."""
    parties = parties_drafted_from(
        "The Velmora Airline Pilots' Union said on Monday it would strike. The airline said it could not "
        "pay. The union's chief negotiator, Deputy Transport Minister Ilse Varga, said it wants 9%.",
        "The union has rejected the offer. The airline said it would not move. The Velmora Airline "
        "Pilots' Union insists on 9%. Aurel Airways rejected the demand.",
    )
    union = parties["Velmora Airline Pilots' Union"]
    assert "union" in union and "airline" not in union, parties
    assert "Ilse Varga" in union, parties
    assert not any(
        a.startswith(("Deputy", "Transport", "Minister")) for aliases in parties.values() for a in aliases
    )


def test_a_dateline_s_city_and_a_person_introduced_with_is_are_no_parties() -> None:
    """ "TARNOV, Oct 16 (ATA) -" makes Tarnov a place, though the articles say "Tarnov demands";
    "Keisha Moore is the student body president" makes her a person."""
    parties = parties_drafted_from(
        "TARNOV, Oct 16 (ATA) - Talks ended on Friday. On Friday, Ardovia rejected a cap of 180. Sevrana "
        "wants 150. Tarnov demands that Sevrana lift every sanction. Keisha Moore is the student body "
        "president.",
        "TARNOV, Oct 17 (ATA) - Talks resumed. Sevrana said it would not move, and Ardovia insists on 200. "
        "Tarnov wants inspectors kept away, and Keisha Moore said the students back the deal. Keisha Moore "
        "rejected it.",
    )
    assert {"Ardovia", "Sevrana"} <= set(parties), parties
    assert not {"Tarnov", "Keisha Moore"} & set(parties), parties
    port = parties_drafted_from(
        "PORT LENN, Ossara, March 9 (CPA) - Talks opened. On Monday, Ossara asked for 70%. Castrena "
        "offered 45% and the port. Port Lenn wants new cranes, and Port Lenn rejects the plan.",
        "PORT LENN, Ossara, March 11 (CPA) - Talks ended. Castrena said it would not move, and Ossara "
        "insists on 60%. Port Lenn insists on the ferries, and Ossara rejected the offer.",
    )
    assert "Port Lenn" not in port, port  # a dateline's city of two words


def test_a_portfolio_after_its_title_and_a_participle_opening_a_line_are_no_parties() -> None:
    """ "Labour and Social Affairs Minister Ilinca Danescu" and "the Minister of Labour and Social
    Affairs" hold a portfolio, not a body; a live blog's "10:20 - Arriving, Labour Minister Ilinca
    Danescu tells reporters" opens on a participle (the seventeenth party set's pension talks)."""
    parties = parties_drafted_from_dev("attribution_17.yaml", "dev_pension_talks")
    assert {"Confederation of Saventian Trade Unions", "Saventian Employers' Federation"} <= set(parties), (
        parties
    )
    assert not {"Social Affairs", "Labour", "Arriving"} & set(parties), parties
    # The employers' director of social affairs is theirs, if anyone's.
    assert [p for p, aliases in parties.items() if "Piers Wendover" in aliases] in (
        [],
        ["Saventian Employers' Federation"],
    )


def test_the_drafter_names_no_topic() -> None:
    """No word list that only fits one case: no case's names or issue words in the code."""
    source = Path(draft.__file__).read_text(encoding="utf-8")
    for word in [
        "Donbas", "Zaporizhzhia", "Kremlin", "Moscow", "Varnia", "Lendara", "Corvale", "Calloway",
        "Menendez", "CTWU", "Access Ride", "Marlow", "Okafor", "dam", "crane", "paratransit", "pension",
        "premium", "barrier", "automation", "wage",
    ]:  # fmt: skip
        assert not re.search(rf"\b{word}", source, re.IGNORECASE), word


async def _brief(case: Case, topic: TopicProfile | str | None) -> Brief:
    request = case.request(use_model=False)
    request = BriefRequest(documents=request.documents, topic=topic, options={"use_model": False})
    return await make_brief(request, None, Settings())


async def test_a_brief_with_the_drafted_profile_cites_verbatim_text_under_two_parties(drafted) -> None:
    case, _, profile = drafted
    brief = await _brief(case, profile)
    assert brief.topic == profile.name
    originals = {doc_id: " ".join(text.split()) for doc_id, text in case.texts().items()}
    assert brief.claims()
    for claim in brief.claims():
        assert claim.citations
        for c in claim.citations:
            assert " ".join(c.quote.split()) in originals[c.doc_id], (c.doc_id, c.quote)
    parties = {at.party for at in locate(brief) if at.party}
    assert len(parties) >= 2, parties
    assert parties <= {p.name for p in profile.parties}


async def test_eval_recall_and_compression_hand_profile_against_drafted() -> None:
    """The transit case (its own hand profile) scored as `brief eval` scores it, with each profile."""
    case = load_case(TRANSIT)
    assert len(case.facts) >= 20
    drafted = draft_profile(documents(case), "transit_talks_drafted")
    sources = case.texts()
    scores = {}
    for label, topic in (("hand", case.profile()), ("drafted", drafted)):
        score = score_case(case, await _brief(case, topic), sources)
        scores[label] = score
        recall, compression = score.fact_recall, score.compression
        print(f"\ntransit_talks, {label} profile: recall {recall:.2f}, compression {compression:.2f}")
        assert score.citation_validity == 1.0
        assert not score.must_not_violations
        assert score.compression <= 0.25
    # The gap between the two is the drafter's quality.
    assert scores["drafted"].fact_recall >= scores["hand"].fact_recall - 0.15


def test_the_case_profile_is_read_from_the_case_folder() -> None:
    case = load_case(TRANSIT)
    profile = case.profile()
    assert isinstance(profile, TopicProfile)
    assert profile.name == "transit_talks"
    assert set(case.statuses) == {i.id for i in profile.issues}
    names = {p.name for p in profile.parties} | {"none"}
    assert {label.party for label in case.positions} <= names
    assert {f.party for f in case.facts if f.party} <= names
    assert {f.issue for f in case.facts if f.issue} <= {i.id for i in profile.issues}


def test_every_fact_of_the_case_is_stated_by_a_sentence_of_its_sources() -> None:
    case = load_case(TRANSIT)
    by_doc: dict[str, list[str]] = {}
    for doc in documents(case):
        by_doc[doc.doc_id] = [s.text for s in segment(doc)]
    for fact in case.facts:
        hits = [d for d in fact.source if any(regex_matcher(fact, t) for t in by_doc[d])]
        assert hits, f"{fact.id}: no sentence of {fact.source} matches"
    every = [t for texts in by_doc.values() for t in texts]
    for must_not in case.must_not:
        assert not any(regex_matcher(must_not, t) for t in every), must_not.id
    assert {label.text for label in case.positions} <= set(every)


def test_documents_load_as_text() -> None:
    case = load_case(TRANSIT)
    request = case.request(use_model=False)
    assert all(isinstance(d, Document) and d.text for d in request.documents)
    for path in case.documents:
        words = len(path.read_text(encoding="utf-8").split())
        assert 400 <= words <= 700, (path.name, words)


def drafted_keywords(texts: tuple[str, ...]) -> set[str]:
    """The issue keywords of the profile drafted from these articles, lower-cased."""
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    return {k.lower() for i in profile.issues for k in i.keywords}


def test_the_forum_and_the_session_that_host_the_talks_name_no_issue() -> None:
    """The Northern Sea Commission hosts the talks and says nothing; "session" is when they meet:
    both recur near the sides' stances, but the sides argue about quotas and port fees."""
    texts = (
        "Arvenia and Belmark met at the Northern Sea Commission for a third session on Monday. Arvenia "
        "wants fishing quotas cut by a fifth at the session, and Belmark rejected any cut to quotas. "
        "Belmark said port fees at the Northern Sea Commission session must fall.",
        "At the Northern Sea Commission session, Belmark offered to cut port fees by 10%. Arvenia said "
        "the quotas must come first at this session. Belmark insists quotas stay as they are.",
        "The session at the Northern Sea Commission ended without a deal. Arvenia says quotas are too "
        "high and port fees too low. Belmark wants the session to take up port fees first.",
    )
    keywords = drafted_keywords(texts)
    assert {k for k in keywords if k.startswith("quota")} and {k for k in keywords if "fee" in k}, keywords
    assert not {k for k in keywords if "session" in k or "commission" in k}, keywords


def test_a_side_that_acts_only_jointly_with_another_is_a_party() -> None:
    """Ostrava speaks only with Norland ("Norland and Ostrava rejected ..."): both subjects of
    the verb take the stance, so Ostrava is a party beside Norland and Velmar."""
    texts = (
        "Velmar wants the fishing quota raised by a fifth. Norland and Ostrava rejected the quota "
        "increase on Monday. Norland says the stocks are too low. Velmar offered a smaller rise.",
        "Norland and the Ostrava delegation will not accept any rise in the quota, the ministers said. "
        "Velmar insists on a rise. Norland said the stocks must recover first.",
        "Norland and Ostrava proposed a freeze of the quota until 2028. Velmar rejected the freeze. "
        "Norland warned that the talks could fail. Velmar said it wanted a deal by June.",
    )
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    assert {"Norland", "Velmar", "Ostrava"} <= {p.name for p in profile.parties}, profile.parties


def test_a_unit_of_measure_names_no_issue() -> None:
    """Euros and tonnes measure what the sides argue about (the aid, the catch); they recur near
    every stance with a number, but an issue named "Euros" tells a reader nothing."""
    texts = (
        "Arvenia wants the mackerel catch cut to 300,000 tonnes and offers 40 million euros in aid. "
        "Belmark rejected any cut below 380,000 tonnes on Monday. Belmark wants 90 million euros of aid.",
        "Belmark offered a catch of 360,000 tonnes. Arvenia said 40 million euros was its last offer on "
        "aid. Arvenia insists the catch must fall to 300,000 tonnes.",
        "Arvenia and Belmark remain apart on the catch, 300,000 tonnes against 360,000 tonnes. Belmark "
        "says aid of 40 million euros is too little. Arvenia proposed 50 million euros of aid.",
    )
    keywords = drafted_keywords(texts)
    assert any(k.startswith("catch") for k in keywords), keywords
    assert any(k.startswith("aid") for k in keywords), keywords
    assert not {k for k in keywords if "euro" in k or "tonne" in k}, keywords


def test_a_plural_takes_es_off_only_after_a_hiss() -> None:
    """ "taxes" is "tax" and "churches" "church", but "sites" is "site": a keyword "sit(?:es)?" would
    match every "sit" of the articles."""
    vocabulary = {"tax", "taxes", "church", "churches", "sit", "site", "sites", "buses", "bus"}
    assert [draft._lemma(w, vocabulary) for w in ("taxes", "churches", "sites", "buses")] == [
        "tax",
        "church",
        "site",
        "bus",
    ]


def test_a_matter_named_twice_is_one_issue() -> None:
    """Two clusters headed "cantonment sites" and "cantonment" are one matter: one issue, holding
    both clusters' keywords, not "Cantonment sites" and "Cantonment" side by side."""
    texts = [
        "The rebels want the cantonment sites moved north.",
        "The rebels reject cantonment under army guard.",
        "Monitors must supervise the camps.",
        "The rebels want a date for the election.",
    ]

    def phrase(*words: str, sentences: set[int]) -> draft._Phrase:
        p = draft._Phrase(tuple(words), sentences=sentences, docs={"d0", "d1"})
        p.forms[" ".join(words)] += 1
        return p

    clusters = [
        [phrase("cantonment", "sites", sentences={0, 5, 6}), phrase("sites", sentences={0, 5, 6})],
        [phrase("election", sentences={3, 7, 8})],
        [phrase("cantonment", sentences={1, 5, 9}), phrase("camps", sentences={2, 9, 10})],
    ]
    issues = draft._as_issues(clusters, texts, 20)
    assert [i.label for i in issues] == ["Cantonment sites", "Election"]
    assert issues[0].keywords == ["cantonment sites", "sites", "cantonment", "camps"]


def test_a_preposition_names_no_issue() -> None:
    """ "including" in "including butter" is a preposition, no word of an issue's keyword."""
    texts = (
        "The government wants dairy quotas, including butter. Caldora rejects the butter quota.",
        "Merrevia wants dairy quotas, including butter, and Caldora offered a butter quota.",
        "Caldora rejects quotas, including butter. Merrevia insists on a butter quota.",
    )
    keywords = drafted_keywords(texts)
    assert any("butter" in k for k in keywords), keywords
    assert not [k for k in keywords if "including" in k], keywords


def test_an_adjective_after_a_copula_and_an_irregular_participle_name_no_issue() -> None:
    """ "ready" in "is ready to" is said of a side, and "struck" a verb's participle; "children"
    is the plural of "child" the articles also name, one word of one issue."""
    usage = draft._Usage(["Kyiv is ready to talk. Moscow was ready to sign. The plant is ready."])
    assert not usage.noun("ready")
    assert draft._lemma("children", {"child", "children"}) == "child"
    struck = draft._Usage(["Drones struck the plant. The plant was struck twice."])
    assert not draft._content("struck", "struck", "struck", struck, set(), {"struck", "plant"})


def test_a_currency_the_sums_are_in_names_no_issue_but_stays_its_keyword() -> None:
    """ "thalers" follows a figure in most of its uses ("60 million thalers", "650,000 thalers"):
    it measures the money argued about, so the issue is named by a phrase of its own; the
    sums still match the issue. "300 detainees" counts what a side wants, no unit."""
    usage = draft._Usage(
        [
            "The club asked for 60 million thalers and the council offered 20 million thalers.",
            "The rent is 650,000 thalers a year. The thalers are the city's.",
            "The rebels want 300 detainees freed. The detainees are held in Orsk.",
        ]
    )
    assert usage.unit("thalers")
    assert not usage.unit("detainees")
    # A unit measures, never after "million", in nearly all of three uses or more: "52 dBW".
    power = draft._Usage(["Kestrel wants 52 dBW. Orizon offered 58 dBW, down from 60 dBW."])
    assert power.unit("dbw")
    assert not draft._Usage(["Kestrel wants 52 dBW and 54 dBW. The dBW limit stays."]).unit("dbw")

    def phrase(*words: str, form: str) -> draft._Phrase:
        p = draft._Phrase(tuple(words), sentences={0, 1, 2}, docs={"d0", "d1"})
        p.forms[form] += 3
        return p

    clusters = [[phrase("thaler", form="thalers"), phrase("building", "cost", form="building costs")]]
    texts = ["The council pays 20 million thalers towards building costs."]
    (issue,) = draft._as_issues(clusters, texts, 20, {"thalers"})
    assert issue.label == "Building costs"
    assert issue.keywords[0] == "thalers?", issue.keywords


def test_a_club_named_for_its_town_is_one_party_and_its_supporters_trust_is_no_person() -> None:
    """ "Rovers" is Halvern Rovers FC, named for the town it plays in; the chair of the "Rovers
    Supporters' Trust" speaks for a body of the club's fans, not a person of the club's named
    "Trust"."""
    texts = (
        "HALVERN, Sept 8 (ANA) - Halvern Rovers FC and Halvern City Council opened talks in Halvern on a "
        "new stadium. Rovers want a grant of 60 million thalers. The council has offered a loan. Rovers "
        "rejected the loan on Monday.",
        "Halvern Rovers FC want a 125-year lease. The council insists on 50 years. Rovers said the lease "
        "must let the club borrow. Fans marched in Halvern.",
        "Bastian Orme, chair of the Rovers Supporters' Trust, said the fans back the club. Rovers accepted "
        "a 99-year lease. The council wants rent reviews.",
    )
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    rovers = [p for p in profile.parties if "Rovers" in p.name]
    assert [p.name for p in rovers] == ["Halvern Rovers FC"], profile.parties
    assert "Rovers" in rovers[0].aliases and "Trust" not in rovers[0].aliases, rovers[0].aliases


def test_a_title_word_before_a_body_s_noun_is_part_of_its_name() -> None:
    """ "Premier" is a title before a person ("Premier Ana Ruiz") and part of a body's name before
    its noun ("the Vessmark Premier League"), a sentence's first words too."""
    runs = [
        n for _, _, n in draft.name_runs("The Vessmark Premier League met Premier Ana Ruiz on Monday.", set())
    ]
    assert runs == ["Vessmark Premier League", "Ana Ruiz"]
    opening = "General Assembly delegates met the Vessmark Premier League."
    assert [n for _, _, n in draft.name_runs(opening, set())] == [
        "General Assembly",
        "Vessmark Premier League",
    ]


def test_the_league_at_the_table_has_the_short_form_and_a_hotel_is_no_person() -> None:
    """Two leagues: "the league" is the one that opened the talks, not the one whose package is
    sold with its rights though the articles name it more; "the Aldermoor Hotel" is where they
    meet, no one's name."""
    texts = (
        "Vessmark Premier League and StreamHarbor open media-rights talks at the Aldermoor Hotel. The "
        "league wants 540 million crowns. StreamHarbor offered 400 million for the Vessmark Women's League "
        "too. Aldermoor Hotel staff said little.",
        "The league has cut its asking price. StreamHarbor said the Vessmark Women's League must be "
        "bundled. The Vessmark Women's League matches stay.",
        "The league accepted 468 million. The Vessmark Women's League package is 26 million. StreamHarbor "
        "said it was pleased. The Vessmark Premier League and StreamHarbor met at the Aldermoor Hotel.",
    )
    profile = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)])
    parties = {p.name: p.aliases for p in profile.parties}
    assert "league" in parties["Vessmark Premier League"], parties
    assert not [a for aliases in parties.values() for a in aliases if "Hotel" in a], parties


def test_a_ministry_named_for_the_government_the_articles_name_has_its_minister_by_portfolio() -> None:
    """ "Culture Minister Henrik Solvang" speaks for the Velsland Ministry of Culture, though the
    articles name "Velsland's government" and Ombara's too: the ministry is named for Velsland."""
    texts = (
        "The Velsland Ministry of Culture and the government of Ombara opened talks on the bronzes. "
        "Culture Minister Henrik Solvang said the ministry wanted a fair settlement. The ministry has "
        "offered 60 percent of the costs.",
        "Velsland's government believes the costs should be split. The ministry wants two tranches. "
        "Solvang said he would not ask parliament for new money. Ombara wants 100 percent.",
        "The Velsland Ministry of Culture accepted two tranches. Ombara said it would pay nothing. "
        "Culture Minister Henrik Solvang said the offer stands.",
    )
    ministry = parties_drafted_from(*texts).get("Velsland Ministry of Culture", set())
    assert {"Culture Minister", "Henrik Solvang"} <= ministry, ministry


def test_a_body_that_said_things_and_has_people_is_a_third_side_taking_part() -> None:
    """ "Aldmoor Grid said" reads like a person's name with a verb of saying, but "Aldmoor Grid's
    Bernard Kittle" gives it people of its own: a body; "is taking part in the sessions" seats it
    with the two sides, though it takes fewer stances than they do."""
    texts = (
        "Kestenby Town Council and Corvane Systems opened talks on a data centre. The grid operator, "
        "Aldmoor Grid, is taking part in the sessions. The council wants a water cap. Corvane rejected a "
        "cap. The council insists on 250 cubic metres. Corvane said it needed 900.",
        "Aldmoor Grid said it could connect the site in 2028. The council wants 85 percent renewable power. "
        "Corvane offered 50 percent. The council rejected the offer. Corvane said it would go to 70 percent.",
        "Aldmoor Grid's Bernard Kittle said the operator would study the upgrade. Aldmoor Grid wants the "
        "regulator's approval first. The council accepted 350. Corvane agreed to 75 percent.",
    )
    parties = parties_drafted_from(*texts)
    assert "Aldmoor Grid" in parties, parties
    assert "Kittle" in parties["Aldmoor Grid"], parties


def test_the_names_after_a_wire_lead_s_dateline_are_news_and_its_first_word_opens_the_sentence() -> None:
    """A dateline credits the agency, not the names of the lead after its dash: the state company
    named only there and as "the company" is a party. The lead's first word after the dash starts
    the sentence: "Musicians of the Halvermont Symphony Orchestra" is no name when the articles
    write "musicians" in lower case."""
    lead = (
        "KESSBURG, October 13 (Continental Wire Service) - The government, the state-owned Brennmark "
        "Coal Company and the National Mineworkers' Union opened talks on Tuesday."
    )
    runs = [name for _, _, name in draft.name_runs(lead, {"the"})]
    assert "Brennmark Coal Company" in runs
    musicians = "HALVERMONT, Sept. 17 (MWS) - Musicians of the Halvermont Symphony Orchestra met the board."
    assert "Halvermont Symphony Orchestra" in [n for _, _, n in draft.name_runs(musicians, {"musicians"})]
    assert not [n for _, _, n in draft.name_runs(musicians, {"musicians"}) if n.startswith("Musicians")]
    read = draft._read([CleanDocument("d0", lead)])
    names = draft._names(read)
    assert names["Brennmark Coal Company"].in_credit == 0


def drafted_side(texts: tuple[str, ...], name: str, not_named: str) -> Party:
    """The drafted party called `name`, checking that no party is called `not_named`."""
    parties = draft_profile([CleanDocument(f"d{n}", t) for n, t in enumerate(texts)]).parties
    names = [p.name for p in parties]
    assert name in names and not_named not in names, parties
    return parties[names.index(name)]


def test_a_body_s_noun_capitalised_alone_is_the_body_however_often_things_happen_at_it() -> None:
    """ "the Authority" is the Dravenport Transport Authority, though the articles meet "at the
    Authority's headquarters" and write "in the Authority's view": a body's noun is no place."""
    texts = (
        "The Dravenport Transport Authority and Korvo Mobility opened talks at the Authority's "
        "headquarters. The Authority wants a pay floor. Korvo rejected the floor on Monday.",
        "The Dravenport Transport Authority offered a three-year licence. At the Authority, officials "
        "said the floor must rise. Korvo said it would pay 18 dalers.",
        "In the Authority's view the fee is too low. The Authority insists on data. Korvo offered data "
        "every month. The talks resume at the Authority on Friday.",
    )
    authority = drafted_side(texts, "Dravenport Transport Authority", not_named="Authority")
    assert "Authority" in authority.aliases, authority.aliases


def test_a_government_named_by_its_demonym_is_the_country_the_articles_name_as_a_place() -> None:
    """ "The Tarvenian government" of a country named only as a place ("in Tarvenia") is the side
    Tarvenia, its demonym an alias: no party is named "Tarvenian"."""
    texts = (
        "The Tarvenian government and the miners' union opened talks in Kessburg on closing coal mines "
        "in Tarvenia. The government wants the last mine shut in 2035. The union rejected 2035.",
        "The government offered a transition fund of 4 billion crowns. The union wants 6 billion. The "
        "government said the fund must last 12 years.",
        "Coal has been mined in Tarvenia for 200 years. The union insists on early retirement at 50. The "
        "government has offered retirement at 52.",
    )
    tarvenia = drafted_side(texts, "Tarvenia", not_named="Tarvenian")
    assert {"Tarvenian", "government"} <= set(tarvenia.aliases), tarvenia.aliases
