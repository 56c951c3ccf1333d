"""Ingest on the real seed articles and on HTML pages: article kept verbatim, boilerplate gone,
the headline kept once, as the first paragraph."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import trafilatura

from service.ingest import CleanDocument, clean_text, header_date, html_to_text, ingest, unmark
from service.schema import Document

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURES = Path(__file__).parent / "fixtures"


def seed(n: int) -> str:
    return next(p for p in SEEDS if p.name.startswith(f"{n:03d}_")).read_text(encoding="utf-8")


def clean_seed(n: int) -> CleanDocument:
    return ingest([Document(text=seed(n))])[0]


def squash(s: str) -> str:
    return " ".join(s.split())


BOILERPLATE = [
    "Don't miss out",
    "JOIN OUR",
    "COMMUNITY!",
    "Our newsletter gives you access",
    "Invalid email address",
    "Eyewitness?",
    "email protected",  # with a no-break space in seed 000, which ingest makes a space
    "Legal Disclaimer",
    "without warranty",
    "kindly contact the provider above",
    "contact the author above",
    "MENAFN",
    "EIN Presswire",
    "Related News",
    "RELATED ARTICLES",
    "Most Popular",
    "Advertisement",
    "Advertisment",
    "Leave a Comment",
    "Leave a Reply",
    "Your email address will not be published",
    "Required fields are marked",
    "Copyright",
    "All rights reserved",
    "Preferred Source",
    "MonsterInsights",
    "list 1 of 3",
    "end of list",
    "HomeNews",
]

# Per seed: the first body sentence, sentences next to removed boilerplate, and the last one.
SENTENCES = {
    0: [
        "A senior aide to Russian President Vladimir Putin has said that Ukrainian President "
        "Volodymyr Zelenskyy is welcome to travel to Moscow for direct talks with the Russian "
        "leader, pledging that security guarantees would be provided.",
        "He also revealed that the prospect of a Putin–Zelenskyy meeting has come up several times "
        "during recent phone conversations between Putin and United States President Donald Trump.",
        "Ukraine’s Foreign Minister, Andrii Sybiha, recently said Zelenskyy is ready to meet Putin "
        "in person to resolve what he described as two key issues in negotiations: territorial "
        "disputes and the future control of the Zaporizhzhia Nuclear Power Plant.",
        "Despite the exchange of statements, no date or concrete framework for a Putin–Zelenskyy "
        "meeting has been announced.",
    ],
    1: [
        "Russia has renewed its invitation for President Volodymyr Zelenskyy to hold peace talks "
        "in Moscow, offering security guarantees, but Kyiv has yet to respond after rejecting a "
        "similar proposal earlier.",
        "The Kremlin reiterated the offer on January 29, stating that it remains open to "
        "face-to-face discussions aimed at a durable peace between the two nations.",
        "According to a TASS state news agency report, Kremlin spokesman Dmitry Peskov confirmed "
        "that Moscow remains the only venue under consideration for any meeting between Zelenskyy "
        "and Russian President Vladimir Putin.",
        "“We are talking about Moscow at this point,” Peskov was quoted as saying by TASS. "
        "“In diplomatic language, any other speculations are moot.”",
        "The outcome of the peace proposal remains uncertain as both sides weigh the risks and "
        "potential benefits of direct dialogue.",
    ],
    2: [
        "The talks, scheduled to resume Thursday, mark the first direct contact between Moscow and "
        "Kiev since 2022.",
        "That year’s negotiations produced a draft agreement offering Ukraine security guarantees "
        "in return for neutrality and military limitations—terms that Kiev ultimately rejected in "
        "favor of continued conflict with Western backing.",
        "Trump later commented that Putin had no reason to go if he himself wasn’t planning to be there.",
        "Russian Foreign Minister Sergey Lavrov, commenting on Western support for Kiev, warned "
        "that even if Zelensky were replaced, the underlying nature of Ukraine’s current political "
        "regime would persist, calling it inherently hostile to Moscow’s interests.",
    ],
    3: [
        "On Thursday, the Kremlin reaffirmed its invitation to Ukrainian President Volodymyr "
        "Zelensky to visit Moscow for peace talks, as US-led attempts to end Ukraine’s nearly "
        "four-year war intensified.",
        "However, major disputes remain, including who gets what land in any agreement, the "
        "probable participation of international peacekeepers or monitors in post-war Ukraine, "
        "and the destiny of the Russian-controlled Zaporizhzhia nuclear power facility.",
        "According to Interfax, Kremlin spokesperson Dmitry Peskov stated on Thursday that Moscow "
        "had yet to receive a response to its offer to Zelensky to visit Moscow.",
        "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region that the "
        "Russian army does not control.",
        "“I believe the war must be completed,” Kadyrov told reporters at the Kremlin. "
        "“I am against negotiations.”",
    ],
    4: [
        "Ukraine’s President Volodymyr Zelenskyy has invited Russian President Vladimir Putin to "
        "Kyiv for talks, “if he dares”.",
        "He told reporters on Friday that he was ready for any format for the meeting, but would "
        "not go to Moscow or Belarus, following an invitation from the Kremlin.",
        "Zelenskyy said it was “impossible” for him to meet Putin in Moscow, news agency "
        "RBC-Ukraine reports.",
        "Zelenskyy wrote on X that the issue of a ceasefire on energy infrastructure attacks had "
        "been discussed during the talks, and that he expected the agreements to be implemented.",
        "However, several sticking points remain, including Russia’s demand for Ukrainian forces "
        "to withdraw from about one-fifth of the Donetsk region, and the potential deployment of "
        "international peacekeepers in Ukraine after the war.",
    ],
}

TITLES = {
    0: "Russian government tells Zelensky to come to Moscow for peace talks with Putin saying they "
    "will guarantee his security",
    1: "Russia Invites Ukraine’s Zelenskyy to Moscow for Peace Talks, Offers Security Guarantees",
    2: "Kremlin excludes Putin attending Ukraine peace discussions",
    3: "Kremlin Says Moscow Still Awaiting Zelensky’s Response , Russia Invites Zelensky for "
    "Ukraine Peace Talks in Moscow",
    4: "Ukrainian President Zelenskyy invites Putin to Kyiv for talks",
}


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("n", range(5))
def test_seed_boilerplate_is_gone(n):
    text = clean_seed(n).text.lower()
    survivors = [phrase for phrase in BOILERPLATE if phrase.lower() in text]
    assert survivors == []


def paragraphs(doc: CleanDocument) -> list[str]:
    return doc.text.split("\n\n")


@pytest.mark.parametrize("n", range(5))
def test_seed_article_sentences_survive_verbatim(n):
    doc = clean_seed(n)
    missing = [s for s in SENTENCES[n] if s not in doc.text]
    assert missing == []
    # The headline paragraph comes first, then the body from its first sentence to its last.
    assert doc.text.startswith(TITLES[n] + "\n\n" + SENTENCES[n][0])
    assert doc.text.endswith(SENTENCES[n][-1])


@pytest.mark.parametrize("n", range(5))
def test_seed_headline_becomes_title_and_first_paragraph_once(n):
    doc = clean_seed(n)
    assert doc.title == TITLES[n]
    assert doc.headline is True
    assert paragraphs(doc)[0] == TITLES[n]
    # Copies of it (the seeds repeat it up to four times) are gone: it is there once.
    assert doc.text.count(TITLES[n]) == 1


def test_repeated_and_truncated_headlines_are_removed():
    zero = clean_seed(0).text
    assert zero.count("Russian government tells Zelensky") == 1
    assert "peace talks with..." not in zero  # the breadcrumb's cut-short copy
    three = paragraphs(clean_seed(3))
    assert three[0] == TITLES[3]
    # Four full copies and one prefix of the headline in the source; only the first survives.
    assert sum("Kremlin Says Moscow Still Awaiting" in p for p in three) == 1
    assert len(three) == 1 + 16


def test_only_copies_of_the_headline_are_removed():
    text = (
        "Envoys meet again in Geneva for talks\n\n"
        "The envoys met for six hours.\n\n"
        "Envoys meet again in Geneva for talks on the harbour deal\n\n"
        "Envoys meet again in Geneva for\n\n"
        "Envoys meet again in Geneva for talks, one official said.\n"
    )
    body, headline = clean_text(text)
    assert headline == "Envoys meet again in Geneva for talks"
    assert body.split("\n\n") == [
        "The envoys met for six hours.",
        "Envoys meet again in Geneva for talks on the harbour deal",  # longer: a subheading
        "Envoys meet again in Geneva for talks, one official said.",  # a sentence
    ]


def test_seed_004_inline_list_and_related_news_are_gone():
    text = clean_seed(4).text
    paras = text.split("\n\n")
    before = paras.index(SENTENCES[4][1])
    assert paras[before + 1].startswith(SENTENCES[4][2])
    for headline in (
        "Russia-Ukraine war: List of key events",
        "Russia to pause bombing Kyiv during extreme winter conditions",
        "Zelenskyy seeks 50,000 Russian ‘losses’",
        "Finger on the trigger",
        "Voters in Portugal electing new president",
        "Remains of last Israeli captive in Gaza retrieved",
    ):
        assert headline not in text
    assert paras[-1] == SENTENCES[4][-1]


def test_seed_002_one_paragraph_per_line_and_wrapped_disclaimer():
    paras = paragraphs(clean_seed(2))
    assert len(paras) == 5
    assert paras[0] == TITLES[2]
    assert paras[1].startswith(SENTENCES[2][0])
    assert paras[-1] == SENTENCES[2][-1]


def test_hard_wrapped_lines_join_and_whitespace_is_normalised():
    text = (
        "Envoys  Meet Again in Geneva\r\n\r\n"
        "Negotiators met in Geneva on\r\nTuesday, and said the talks,\r\n"
        "which lasted six hours, were “useful”.\r\n \t \r\n\u00a0\r\n"
        "A second\tround is due next week.\nIt may move to Vienna.\n"
    )
    body, headline = clean_text(text)
    assert headline == "Envoys Meet Again in Geneva"
    assert body == (
        "Negotiators met in Geneva on Tuesday, and said the talks, which lasted six hours, were "
        "“useful”.\n\nA second round is due next week.\n\nIt may move to Vienna."
    )


def test_characters_no_reader_sees_are_dropped_so_names_are_found_whole():
    # A soft hyphen (as "&shy;" in a page), zero-width spaces and joiners, a word joiner, a BOM.
    text = "Zelen\u00adsky met Krem\u200blin envoys\u2060 in Abu\u200c Dhabi\u200d on Sunday.\ufeff"
    [doc] = ingest([Document(text=text, title="Zelen\u00adsky in\u200b Abu Dhabi")])
    assert doc.text == "Zelensky in Abu Dhabi\n\nZelensky met Kremlin envoys in Abu Dhabi on Sunday."
    [page] = ingest([Document(html=f"<title>Krem&shy;lin talks</title><p>{text} The talks went on.</p>")])
    assert page.title == "Kremlin talks" and "Zelensky met Kremlin envoys in Abu Dhabi" in page.text


def test_control_codes_and_directional_marks_are_dropped_and_whitespace_kept():
    # ESC (a terminal colour), BEL, NUL, DEL and a C1 control; a right-to-left override and its
    # pop, an isolate and left-to-right marks ("Trojan Source"): a claim would act on a terminal,
    # or read one way on the page and another in the text.
    text = (
        "Kyiv said it would \u202eton\u202c sign.\x07 Talks \x1b[31mresume\x1b[0m on Monday\x00.\x7f\x9b\n"
        "The \u2067Kremlin\u2069 said\u200e it\u200f agreed.\tTabs\x0bstay\x1cas spaces."
    )
    [doc] = ingest([Document(text=text, title="Talks\x1b[2J \u202eresume")])
    assert doc.text == (
        "Talks[2J resume\n\nKyiv said it would ton sign. Talks [31mresume[0m on Monday.\n\n"
        "The Kremlin said it agreed. Tabs stay as spaces."
    )
    [page] = ingest([Document(html="<title>Krem\u202elin talks</title><p>Talks\x1b resume\u2066 today.</p>")])
    assert page.title == "Kremlin talks" and "Talks resume today." in page.text


def test_markdown_markup_goes_and_what_it_marks_stays():
    text = (
        "# Kremlin says Moscow is the only venue\n\n"
        "**MOSCOW** — The Kremlin said Moscow remained the only venue for a meeting between "
        "[Vladimir Putin](https://example.com/putin) and *Volodymyr Zelensky*.\n\n"
        "![Peskov at the podium](/img/peskov.jpg)\n\n"
        '> "Moscow is the only place," Kremlin spokesman Dmitry Peskov told __reporters__.\n\n'
        "## Kyiv's response\n\n"
        "Kyiv has rejected the invitation."
    )
    [doc] = ingest([Document(text=text)])
    assert doc.title == "Kremlin says Moscow is the only venue"
    assert doc.text == (
        "Kremlin says Moscow is the only venue\n\n"
        "MOSCOW — The Kremlin said Moscow remained the only venue for a meeting between Vladimir Putin "
        "and Volodymyr Zelensky.\n\n"
        '"Moscow is the only place," Kremlin spokesman Dmitry Peskov told reporters.\n\n'
        "Kyiv's response\n\nKyiv has rejected the invitation."
    )


def test_text_that_only_looks_like_markdown_is_left_as_it_is():
    text = "Use snake_case_names, 3*4*5, #StandWithUkraine, file_name.txt and a star * alone; 2 > 1."
    assert unmark(text) == text


def test_rules_are_general_not_seed_strings():
    text = "\n".join(
        [
            "ADVERTISEMENT",
            "The ceasefire held overnight, officials said.",
            "Story continues below advertisement",
            "By Tuesday, the two sides had exchanged draft texts.",
            "Sign up for our morning newsletter and get the day's top stories.",
            "© 2023 Example Daily Ltd",
            "An advertisement campaign by the ministry urged calm.",
            "Related Stories",
            "Kyiv braces for another cold night",
            "What the draft deal says about ports",
            "Related talks on prisoner exchanges are planned for May.",
        ]
    )
    body, _ = clean_text(text)
    assert body.split("\n\n") == [
        "The ceasefire held overnight, officials said.",
        "By Tuesday, the two sides had exchanged draft texts.",
        "An advertisement campaign by the ministry urged calm.",
        "Related talks on prisoner exchanges are planned for May.",
    ]


BEFORE = "The ceasefire held overnight, officials said."
AFTER = "Talks resume on Monday, the ministry said."
# One line of boilerplate per rule, each removed by that rule alone: a rule left out lets its
# line into the article.
BOILERPLATE_LINES = {
    "ad slot": "- Advertisment -",
    "sponsored slot": "SPONSORED CONTENT",
    "story continues": "Article continues after this advertisement",
    "don't miss": "Don’t miss a thing!",
    "join our": "Join our Telegram channel!",
    "our newsletter": "Our weekly newsletter brings the best of the week to your inbox",
    "sign up": "Subscribe now to the Daily Brief newsletter for updates",
    "sign up for a product": "Sign up for The Talmo Post's Morning Briefing.",
    "subscribe to the outlet": "Subscribe to the Observer today.",
    "invalid email": "Please enter a valid e-mail",
    "journalism appeal": "Support independent journalism. Become a Heartland Post member today.",
    "membership appeal": "Become a Ledger subscriber from 1 euro a month",
    # Cloudflare hides addresses as "[email protected]", with a no-break space, as seed 000 does.
    "eyewitness": "Eyewitness? Submit your stories now via social or Email: [email\u00a0protected]",
    "comment form": "12 Comments",
    "comment notice": "Required fields are marked *",
    "copyright": "(c) 2024 Example Media Group",
    "preferred source": "Add Example News as a Trusted Source on Google",
    "verified by": "Verified by MonsterInsights",
    "powered by": "Powered by WordPress",
    "list item": "- list 2 of 4",
    "end of list": "End of list",
    "read more": "Read more: Kyiv braces for another cold night",
    "photo caption": "Photo: Delegates arrive at the conference centre on Monday. (KBN/Tomas Rell)",
    "bracketed caption": "[Photo: Pickets outside the ministry on Wednesday. Harbour 9]",
    "labelled caption": "Photo caption: A damaged substation in the Odesa region, February 23. (Lodestar)",
    "see also": "See also: what the draft deal says about ports",
    "byline": "By Mara Ilieva and Tom Reed, 14 March 2025",
    "byline and date": "By Free Press Staff | Tuesday, April 14, 2026",
    "masthead": "The Harbor Times - Tuesday, March 10, 2026",
    "masthead with a comma": "Bay Ledger Business, March 11, 2026",
    "date line": "Tuesday, 3 March 2026",
    "separator": "* * *",
    "disclaimer with its text": "Disclaimer: The views expressed here are the author’s own.",
    "disclaimer text alone": "MENAFN provides the information “as is” without warranty of any kind.",
}


@pytest.mark.parametrize("line", BOILERPLATE_LINES.values(), ids=BOILERPLATE_LINES.keys())
def test_each_boilerplate_rule_removes_its_line(line: str):
    body, _ = clean_text(f"{BEFORE}\n\n{line}\n\n{AFTER}")
    assert body == f"{BEFORE}\n\n{AFTER}"


def test_a_sentence_about_members_or_journalism_is_text():
    """The appeals' rules take only a whole line that asks the reader to join or to pay."""
    for line in (
        "Become a member of the coalition, the Greens were told, or stay out.",
        "Support for independent journalism fell, the union said.",
        "The union's members will vote on the deal on Friday.",
        "Subscribe to the union's demands, the minister told the chamber.",
    ):
        assert clean_text(f"{BEFORE}\n\n{line}")[0] == f"{BEFORE}\n\n{line}", line


def test_a_masthead_under_a_headline_is_not_joined_to_it():
    """A headline ending on "on" reads as hard-wrapped; the outlet and date below it are no part of it."""
    headline = "Employers set Friday deadline as Marlow Bay strike drags on"
    text = f"{headline}\nBay Ledger Business, March 11, 2026\n\nThe council set a deadline on Wednesday."
    assert clean_text(text) == ("The council set a deadline on Wednesday.", headline)
    # A sentence with a date in it is text.
    dated = "The council met the union on Tuesday, March 10, 2026."
    assert clean_text(f"{BEFORE}\n\n{dated}")[0] == f"{BEFORE}\n\n{dated}"


def test_a_disclaimer_heading_takes_the_paragraph_under_it():
    text = f"{BEFORE}\n\nLegal Disclaimer:\n\nThe publisher accepts no liability for this content.\n\n{AFTER}"
    assert clean_text(text)[0] == f"{BEFORE}\n\n{AFTER}"


def test_every_boilerplate_phrase_checked_on_the_seeds_is_in_a_seed():
    """The seed check above can only fail for a phrase some seed really carries."""
    seeds = [squash(p.read_text(encoding="utf-8")).lower() for p in SEEDS]
    assert [phrase for phrase in BOILERPLATE if not any(phrase.lower() in t for t in seeds)] == []


def test_a_lone_line_without_a_full_stop_is_text_not_a_headline():
    line = "Russia and Ukraine agreed to a ceasefire on energy infrastructure"
    assert clean_text(line) == (line, None)
    doc = ingest([Document(text=line + "\n\nAdvertisement\n")])[0]
    assert (doc.text, doc.title, doc.headline) == (line, None, False)


def test_ids_default_to_position_and_given_ids_are_kept():
    docs = ingest([Document(text=seed(n)) for n in range(5)])
    assert [d.doc_id for d in docs] == ["d1", "d2", "d3", "d4", "d5"]
    mixed = ingest([Document(text=seed(0)), Document(id="reuters-17", text=seed(1)), Document(text=seed(2))])
    assert [d.doc_id for d in mixed] == ["d1", "reuters-17", "d3"]


def test_given_metadata_is_kept_and_the_given_title_is_the_headline():
    day = date(2026, 1, 29)
    given = Document(text=seed(0), title="Kremlin invite", url="https://x.test/a", published=day)
    doc = ingest([given])[0]
    assert (doc.title, doc.url, doc.published) == ("Kremlin invite", "https://x.test/a", day)
    # The given title is the headline paragraph; the text's own headline still goes, copies and all.
    assert doc.headline is True
    assert doc.text.startswith("Kremlin invite\n\n" + SENTENCES[0][0])
    assert "Russian government tells Zelensky" not in doc.text


def test_a_given_title_is_whitespace_normalised_and_its_copies_in_the_text_removed():
    body = "Envoys meet again in Geneva\n\nThe envoys met for six hours on Monday.\n\nThey will meet again."
    doc = ingest([Document(text=body, title="  Envoys meet\n again   in Geneva ")])[0]
    assert doc.title == "Envoys meet again in Geneva"
    assert paragraphs(doc) == [
        "Envoys meet again in Geneva",
        "The envoys met for six hours on Monday.",
        "They will meet again.",
    ]


def test_a_text_without_a_headline_has_none_and_keeps_its_first_paragraph():
    body = "The envoys met for six hours on Monday.\n\nThey will meet again next week."
    doc = ingest([Document(text=body)])[0]
    assert (doc.title, doc.headline) == (None, False)
    assert doc.text == body
    titled = ingest([Document(text=body, title="Envoys meet in Geneva")])[0]
    assert titled.headline is True
    assert titled.text == "Envoys meet in Geneva\n\n" + body


ARTICLE_PARAGRAPHS = [
    "Negotiators from Ukraine and Russia met in Istanbul on Friday to revive the Black Sea grain "
    "corridor, the first face-to-face session on shipping since talks broke down last summer.",
    "Turkish officials, who host the talks, said both delegations had agreed to discuss inspection "
    "procedures for cargo ships before any wider ceasefire at sea. “We are not there yet, but the "
    "tone was constructive,” a Turkish diplomat told reporters outside the venue.",
    "Ukraine wants guarantees that its ports in Odesa and Chornomorsk will not be shelled while "
    "vessels are loading. Russia has demanded that sanctions on its state agricultural bank be "
    "eased as a condition for any deal.",
    "United Nations envoys attending as observers said the inspection regime used in 2022 could "
    "serve as a template, although neither side has yet accepted a joint monitoring centre.",
    "A second round is planned for next week, and the Turkish foreign ministry said it expected "
    "technical teams to start drafting a text on shipping lanes before then.",
]


def test_html_article_yields_paragraphs_and_title_without_page_chrome():
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    doc = ingest([Document(html=html, url="https://harbour.test/grain")])[0]
    assert doc.title == "Grain corridor talks resume in Istanbul"
    assert doc.headline is True
    assert paragraphs(doc) == [doc.title, *ARTICLE_PARAGRAPHS]
    for chrome in (
        "World Desk", "Markets Hub", "Independent reporting", "Mara Ilieva", "Related stories",
        "Wheat prices slide", "Don't miss out", "newsletter", "Contact the newsroom", "Copyright",
    ):  # fmt: skip
        assert chrome not in doc.text


def test_html_given_title_wins_over_page_title():
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    doc = ingest([Document(html=html, title="Our title")])[0]
    assert doc.title == "Our title"
    assert paragraphs(doc) == ["Our title", *ARTICLE_PARAGRAPHS]


FALLBACK_PARAGRAPHS = [
    "Mediators said on Tuesday that both delegations had agreed to exchange 150 prisoners each "
    "before the end of the month.",
    "The International Committee of the Red Cross will verify the lists, and the first transfer "
    "is due to take place at the border crossing near Sumy.",
    "“This is a humanitarian step, not a political one,” the lead mediator told journalists after "
    "the session closed.",
]


def extract(html: str) -> str | None:
    options = {"include_comments": False, "include_tables": False, "favor_recall": True}
    return trafilatura.extract(html, **options)


def test_html_fallback_when_trafilatura_keeps_only_the_nav():
    html = (FIXTURES / "comments_off.html").read_text(encoding="utf-8")
    assert "Mediators" not in (extract(html) or "")  # the page really defeats trafilatura
    doc = ingest([Document(html=html)])[0]
    assert doc.title == "Prisoner exchange agreed at Geneva round"
    assert paragraphs(doc) == [doc.title, *FALLBACK_PARAGRAPHS]


def test_html_fallback_when_trafilatura_returns_nothing():
    html = (
        "<html><head><title>Swap agreed</title></head><body>\n"
        '<div class="comments-off story-body">\n'
        f"<p>{FALLBACK_PARAGRAPHS[0]}</p>\n<p>The first transfer is due\n  near Sumy.</p>\n"
        "</div></body></html>"
    )
    assert extract(html) is None
    text, title = html_to_text(html)
    assert title == "Swap agreed"
    body, _ = clean_text(text, title)
    assert body == f"{FALLBACK_PARAGRAPHS[0]}\n\nThe first transfer is due near Sumy."


def test_document_of_only_boilerplate_raises_naming_its_index():
    junk = "Advertisement\n\nLeave a Comment\n\nCopyright © 2025 Example News. All rights reserved."
    message = re.escape("documents[1] has no article text after cleaning")
    with pytest.raises(ValueError, match=message):
        ingest([Document(text=seed(1)), Document(text=junk)])
    page = "<html><body><nav>Home</nav><p>Advertisement</p><footer>© 2025 X</footer></body></html>"
    with pytest.raises(ValueError, match=re.escape("documents[0]")):
        ingest([Document(html=page)])


def test_a_copy_of_the_given_title_inside_the_text_is_removed():
    """The given title is checked against every paragraph, not only the text's own headline."""
    title = "Russia and Ukraine resume talks in Geneva"
    body = f"The envoys met for six hours on Monday.\n\n{title}\n\nThey will meet again next week."
    doc = ingest([Document(text=body, title=title)])[0]
    assert paragraphs(doc) == [
        title,
        "The envoys met for six hours on Monday.",
        "They will meet again next week.",
    ]


TITLE = "Envoys meet again in Geneva for talks"  # TITLE[:20] == "Envoys meet again in"


@pytest.mark.parametrize(
    ("para", "removed"),
    [
        ("Envoys meet again in...", True),  # cut right after the 20 characters looked for
        ("Envoys meet again i...", False),  # too short to tell
        ("Envoys meet again in Gen...", True),  # cut mid-word: the ellipsis says it is a copy
        ("Envoys meet again in Gen", False),  # stops mid-word without one: another line
        ("HomeNewsEnvoys meet again in Geneva for talks", True),  # glued to a breadcrumb
        # The breadcrumb itself may begin like the title: the copy is the last one on the line.
        ("Envoys meet again in GenevaEnvoys meet again in Geneva for talks", True),
        ("Envoys meet again in Geneva for talks.", False),  # a sentence: article text
    ],
)
def test_what_counts_as_a_copy_of_the_title(para: str, removed: bool):
    """Whole, cut short with "...", or behind a breadcrumb is a copy; a prefix up to mid-word is not."""
    body, _ = clean_text(f"{BEFORE}\n\n{para}\n\n{AFTER}", TITLE)
    assert body == (f"{BEFORE}\n\n{AFTER}" if removed else f"{BEFORE}\n\n{para}\n\n{AFTER}")


def test_a_sentence_the_title_opens_with_is_kept():
    """A full sentence is article text even when the title begins with it."""
    title = "Russia and Ukraine agree a ceasefire. What comes next?"
    text = "Russia and Ukraine agree a ceasefire.\n\nThe deal was signed on Monday."
    assert clean_text(text, title)[0] == text


def test_a_subheading_the_title_only_begins_with_is_kept():
    """Singular against the title's plural: the title goes on mid-word, so this is another line."""
    title = "Kremlin rejects ceasefire proposals from Kyiv"
    text = f"{title}\n\nKremlin rejects ceasefire proposal\n\n{BEFORE}"
    body, headline = clean_text(text, title)
    assert headline == title
    assert body == f"Kremlin rejects ceasefire proposal\n\n{BEFORE}"


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        ("Envoys meet again", "Envoys meet again"),  # three words: a headline
        ("Envoys meet", None),  # two: a label or a kicker
        ("x " * 99 + "y", "x " * 99 + "y"),  # 199 characters: still a headline
        ("x " * 99 + "yz", None),  # 200: too long for one
    ],
    ids=["three words", "two words", "199 chars", "200 chars"],
)
def test_what_counts_as_the_texts_headline(lead: str, headline: str | None):
    """A headline has three words or more and fewer than 200 characters, and no full stop."""
    assert clean_text(f"{lead}\n\n{BEFORE}")[1] == headline


@pytest.mark.parametrize(
    "kicker", ["ANALYSIS | SPECTRUM & ORBITS", "THE CORVENA LEDGER | Business | Analysis"]
)
def test_a_kicker_over_the_headline_is_neither_the_headline_nor_text(kicker: str):
    """Short labels between bars name a section or an outlet; the line under them is the headline."""
    title = "Kestrel and Orizon close in on spectrum, but money divides them"
    body, headline = clean_text(f"{kicker}\n\n{title}\n\n{BEFORE}")
    assert headline == title
    assert kicker not in body
    # A kicker glued to a headline is the headline, labels and all.
    glued = f"ANALYSIS | {title}"
    assert clean_text(f"{glued}\n\n{BEFORE}")[1] == glued


def test_a_lead_line_ending_in_a_colon_is_not_the_headline():
    """ "Live updates from Geneva:" introduces; the next headline-like line is the headline."""
    text = f"Live updates from Geneva:\n\nEnvoys meet again in Geneva\n\n{BEFORE}"
    assert clean_text(text) == (f"Live updates from Geneva:\n\n{BEFORE}", "Envoys meet again in Geneva")


@pytest.mark.parametrize("end", [".", ":", ";"])
def test_a_line_ending_a_sentence_or_clause_is_not_joined_to_the_next(end: str):
    """After ".", ":" or ";" a new line is a new paragraph, even one starting in lower case."""
    text = f"{BEFORE}\nThe sides set out three demands{end}\nwithdrawal from Donetsk was the first."
    body, _ = clean_text(text)
    assert body.split("\n\n") == [
        BEFORE,
        f"The sides set out three demands{end}",
        "withdrawal from Donetsk was the first.",
    ]


def test_a_boilerplate_line_inside_a_hard_wrapped_paragraph_never_joins_the_text():
    """The ad line is dropped before joining: no "Advertisement" glued into the sentence."""
    text = (
        f"{BEFORE}\nNegotiators met in Geneva on\nAdvertisement\nTuesday, and said the talks were useful.\n"
    )
    body, _ = clean_text(text)
    assert "advertisement" not in body.lower()
    assert body.startswith(f"{BEFORE}\n\nNegotiators met in Geneva on") and body.endswith("were useful.")


GRAIN = ARTICLE_PARAGRAPHS[0]
SECOND_ROUND = ARTICLE_PARAGRAPHS[-1]


def test_html_tables_are_left_out():
    """Table cells are not article text (trafilatura runs with include_tables=False)."""
    table = "<table><tr><td>Wheat exports in March rose to four million tonnes.</td></tr></table>"
    html = f"<html><body><article><p>{GRAIN}</p>{table}<p>{SECOND_ROUND}</p></article></body></html>"
    text, _ = html_to_text(html)
    assert text == f"{GRAIN}\n{SECOND_ROUND}"


def test_an_html_lead_in_a_teaser_block_is_kept():
    """A standfirst marked class="teaser" is article text (trafilatura favours recall)."""
    lead = "Turkish officials said both delegations had agreed to discuss inspection procedures."
    story = f"<p class='teaser'>{lead}</p><p>{GRAIN}</p><p>{SECOND_ROUND}</p>"
    html = f"<html><body><article>{story}</article></body></html>"
    text, _ = html_to_text(html)
    assert text == f"{lead}\n{GRAIN}\n{SECOND_ROUND}"


def fallback_page(story: str, before: str = "", after: str = "") -> str:
    """A page whose article trafilatura prunes (its container's class starts with "comment")."""
    body = f'{before}<div class="comments-off story-body">{story}</div>{after}'
    return f"<html><head><title>Swap agreed</title></head><body>{body}</body></html>"


AGREED = "Mediators said both delegations had agreed."
VERIFY = "The Red Cross will verify the lists."
NAV = '<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>'
FALLBACK_PAGES = {
    "chrome with tags inside is hidden": (
        fallback_page(f"<p>{AGREED}</p>", NAV, '<footer><p>Contact <a href="/c">us</a></p></footer>'),
        [AGREED],
    ),
    "an unmatched closing tag hides nothing": (fallback_page(f"<p>{AGREED}</p>", "</aside>"), [AGREED]),
    "a line break starts a line": (fallback_page(f"<p>{AGREED}<br>{VERIFY}</p>"), [AGREED, VERIFY]),
    "text after a closing block is a line": (
        fallback_page(f"<div><p>{AGREED}</p>{VERIFY}</div>"),
        [AGREED, VERIFY],
    ),
    "inline tags do not break a line": (
        fallback_page("<p>The mediator told <em>Reuters</em> Ukraine would send its list on Monday.</p>"),
        ["The mediator told Reuters Ukraine would send its list on Monday."],
    ),
    "a line break in the source does not either": (
        fallback_page("<p>The lists will be checked by the International\nCommittee of the Red Cross.</p>"),
        ["The lists will be checked by the International Committee of the Red Cross."],
    ),
}


@pytest.mark.parametrize(("html", "lines"), FALLBACK_PAGES.values(), ids=FALLBACK_PAGES.keys())
def test_html_fallback_keeps_visible_text_one_block_per_line(html: str, lines: list[str]):
    """The stdlib fallback: chrome hidden however deep, a line per block element and <br>, no more."""
    assert "." not in (extract(html) or "")  # trafilatura really finds no prose: the fallback runs
    assert html_to_text(html) == ("\n".join(lines), "Swap agreed")


def test_html_trafilaturas_text_stands_when_the_fallback_finds_nothing():
    """A page whose only line sits in page chrome: trafilatura's line is kept rather than nothing."""
    html = "<html><body><aside><p>Talks in Geneva resume on Monday</p></aside></body></html>"
    assert html_to_text(html) == ("Talks in Geneva resume on Monday", None)


def test_an_html_page_with_no_text_at_all_is_refused():
    """Neither trafilatura nor the fallback finds text: empty, and ingest says so."""
    html = "<html><body></body></html>"
    assert html_to_text(html) == ("", None)
    with pytest.raises(ValueError, match=re.escape("documents[0] has no article text after cleaning")):
        ingest([Document(html=html)])


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        # A masthead's date line, a live blog's update line, a wire's dateline.
        (
            "Apps and riders agree\nBy Ann Roe\nThe Bellwether | Wednesday 18 November 2026\nBody.",
            "18 November 2026",
        ),
        (
            "Live: talks run late\nRadio News | Live\nLast updated Tuesday 17 November 2026, 00:35\nBody.",
            "17 November 2026",
        ),
        ("Talks open\n\nBRENNSHOLT, Nov 3 (Stonechat) - Couriers and apps opened talks on Monday.", "Nov 3"),
        (
            "Talks open\n\nALDERMOOR, 4 November (CWS) - The label and the platform opened talks.",
            "4 November",
        ),
        # Twelve words are a header's line at most; a longer one is the body.
        (
            "Riders strike\nRadio Brennsholt News | Live | Last updated Tuesday 17 November 2026\nBody.",
            "17 November 2026",
        ),
        (
            "Strike\nRadio Brennsholt News | Live | Updated at last on Tuesday 17 November 2026\nBody.",
            None,
        ),
        # A headline's date has no year, and the body's dates are the news, not the article's date.
        (
            "Talks to resume on 4 December\n\nThe two sides said on Tuesday that they would meet on "
            "4 December at the ministry, their first meeting since 12 November 2026.",
            None,
        ),
    ],
)
def test_an_article_s_date_is_its_header_s_or_its_dateline_s(text: str, dated: str | None):
    assert header_date(text) == dated
    assert ingest([Document(text=text)])[0].dated == dated
