"""The analyst's page in a real browser: Debian's chromium, headless, driven by playwright.

Offline: the seed brief is served by the API with the recorded cassette of
tests/test_cassettes.py standing in for the model (re-record it with
`python -m pytest tests/test_cassettes.py --record-mode=rewrite` when the pipeline's model
requests change; SEED_OPTIONS can ask for the extractive brief instead).
Screenshots land in the test's tmp folder and in out/web/ for people to look at.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
import vcr

from service.api import create_app
from service.evals.runner import REPLAY_URL, cassette_config
from service.llm import ModelError, OpenAIModel, capabilities_for
from service.render import to_markdown
from service.schema import Brief, ClaimRef
from service.settings import PROJECT_ROOT, Settings
from service.topic import read_profile
from tests.fakes import FakeModel
from tests.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CASSETTE = PROJECT_ROOT / "tests/cassettes/test_cassettes/test_seed_brief_from_recorded_model_traffic.yaml"
SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
WAIT_MS = 60_000  # upper bound of each wait; the replayed brief takes a second or two
SHOTS = PROJECT_ROOT / "out" / "web"
# Options the seed brief's request is sent with ({"use_model": False}: extractive, no cassette).
SEED_OPTIONS: dict[str, bool] = {}
PHONE = {"width": 390, "height": 844}
# No sideways scrolling, and nothing past the inner edge of its card (the form, the brief, an
# issue card, the source pane): the elements that stick out, outside boxes that clip them.
NO_OVERFLOW = "document.scrollingElement.scrollWidth <= window.innerWidth"
STICKING_OUT = """() => {
  const out = [];
  for (const box of document.querySelectorAll('.brief-form, .brief, .issue-card, .source-pane')) {
    const b = box.getBoundingClientRect(), cs = getComputedStyle(box);
    if (!b.width) continue;
    const left = b.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
    const right = b.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
    for (const el of box.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== box; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
      }
      if (!clipped && (r.left < left - 0.5 || r.right > right + 0.5)) {
        out.push(`${el.tagName.toLowerCase()}.${el.className}#${el.id} spans ${Math.round(r.left)}-` +
          `${Math.round(r.right)} px in ${box.className}'s ${Math.round(left)}-${Math.round(right)}`);
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium with `apt-get install -y chromium` "
            "(bash .ci/setup dev does this); never `playwright install`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    yield page
    context.close()


@pytest.fixture
def replayed_server() -> Iterator[str]:
    """The API with the embedded model's recorded traffic standing in for the model."""
    settings = Settings(base_url=REPLAY_URL, max_retries=0)
    model = OpenAIModel(settings, REPLAY_URL, capabilities_for(settings, embedded=True))
    config = cassette_config("none")
    with vcr.VCR(**config).use_cassette(str(CASSETTE)), live_server(create_app(settings, model)) as url:
        yield url
    # playwright's loop runs in this thread: close the model's client on a loop of its own.
    closer = threading.Thread(target=asyncio.run, args=(model.close(),))
    closer.start()
    closer.join()


def fake_server(model: FakeModel | None = None, **overrides) -> AbstractContextManager[str]:
    return live_server(create_app(Settings(**overrides), model or FakeModel()))


def assert_fits(page) -> None:
    """Nothing scrolls sideways or runs into a card's padding."""
    assert page.evaluate(NO_OVERFLOW), page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert page.evaluate(STICKING_OUT) == []


def assert_downloads_at_hand(page, *, above_title: bool = False) -> None:
    """The download buttons are on screen; with `above_title`, above the heading, not over it."""
    from playwright.sync_api import expect

    for name in ("Download JSON", "Download Markdown"):
        expect(page.get_by_role("button", name=name)).to_be_in_viewport(ratio=1)
    if above_title:
        title = page.locator("#brief-title")
        expect(title).to_be_in_viewport(ratio=1)
        bar = page.locator(".downloads").bounding_box()
        assert bar["y"] + bar["height"] <= title.bounding_box()["y"] + 1, (bar, title.bounding_box())


def paste_seeds(page) -> None:
    for n, path in enumerate(SEEDS, start=1):
        if n > 1:
            page.get_by_role("button", name="Add another article").click()
        page.get_by_label(f"Article {n}", exact=True).fill(path.read_text(encoding="utf-8"))


def save_shot(page, tmp_path: Path, name: str, full_page: bool = False) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=full_page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / name)
    return shot


def sentence_of(page, citation) -> str:
    """The text of the cited sentence as the source pane holds it."""
    return page.locator(
        f'.source[data-doc="{citation.doc_id}"] .sent[data-sid="{citation.sentence_id}"]'
    ).text_content()


def test_seed_brief_in_the_browser(page, replayed_server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(replayed_server + "/")
    expect(page.get_by_role("heading", name="Brief", exact=True)).to_be_visible()

    # An empty submission: the API's 422 appears beside the empty article.
    with page.expect_response("**/brief") as answer:
        page.get_by_role("button", name="Brief", exact=True).click()
    assert answer.value.status == 422
    article = page.get_by_label("Article 1", exact=True)
    expect(page.locator("#article-1-error")).to_have_text("Text is empty.")
    expect(article).to_have_attribute("aria-invalid", "true")
    expect(article).to_be_focused()

    paste_seeds(page)
    # The error speaks of the empty text: it goes once the text changes, before any new request.
    expect(page.locator("#article-1-error")).to_be_hidden()
    expect(article).not_to_have_attribute("aria-invalid", "true")
    page.get_by_label("Topic profile").select_option(label="Russia–Ukraine peace talks")

    # Hold the request, to see the progress shown while the model works.
    held = []
    page.route("**/brief", lambda route: held.append(route))
    with page.expect_request("**/brief") as sent:
        page.get_by_role("button", name="Brief", exact=True).click()
    expect(page.locator("#progress")).to_be_visible()
    expect(page.locator("#progress-text")).to_contain_text("Briefing 5 articles")
    expect(page.locator("#article-1-error")).to_be_hidden()  # the old error is gone
    request = sent.value.post_data_json
    assert request["topic"] == "ukraine_peace_talks" and len(request["documents"]) == len(SEEDS)
    with page.expect_response("**/brief") as answer:
        held[0].continue_(post_data=json.dumps({**request, "options": SEED_OPTIONS}))
    assert answer.value.status == 200, answer.value.text()
    brief = Brief.model_validate(answer.value.json())
    assert brief.meta.method == ("llm" if SEED_OPTIONS.get("use_model", True) else "extractive"), (
        brief.warnings
    )
    settled = page.locator("#brief-title, .field-error:visible").first
    expect(settled).to_be_visible()
    assert settled.get_attribute("id") == "brief-title", settled.inner_text()
    expect(page.locator("#progress")).to_be_hidden()
    # Only now: a request the page sends while a route is being removed can stall for good.
    page.unroute("**/brief")
    # The downloads are in view with the heading, and the tab names the brief.
    assert_downloads_at_hand(page, above_title=True)
    expect(page).to_have_title("Brief: Russia–Ukraine peace talks")

    # Parties, issue cards and their status badges, as the API answered them.
    parties = page.locator(".party h4").all_inner_texts()
    assert {"Russia", "Ukraine", "United States"} <= set(parties)
    cards = page.locator(".issue-card")
    shown = {cards.nth(i).get_attribute("data-issue"): cards.nth(i) for i in range(cards.count())}
    assert list(shown) == [i.issue for i in brief.issues]
    assert {"territory", "zaporizhzhia"} <= set(shown)
    for issue in brief.issues:
        card = shown[issue.issue]
        expect(card).to_have_js_property("open", True)  # a wide screen shows every card open
        expect(card.locator("h4 .issue-label")).to_have_text(issue.label)
        expect(card.locator(".badge")).to_have_text(issue.status)
        for position in issue.positions:
            expect(card.locator("dt", has_text=position.party)).to_be_visible()
        # Why the status: links to the claims it rests on, each shown on the page.
        basis = card.locator(".basis a")
        expect(basis).to_have_count(len(issue.status_basis))
        for k, cid in enumerate(issue.status_basis):
            expect(basis.nth(k)).to_have_attribute("href", f"#claim-{cid}")
            expect(page.locator(f"#claim-{cid}")).to_have_count(1)
        expect(card.locator(".reported li")).to_have_count(len(issue.reported))

    # The heading names the topic profile; provenance sits below the brief, warnings are linked.
    title = page.locator("#brief-title")
    expect(title).to_have_text("Brief: Russia–Ukraine peace talks")
    head = page.locator(".brief-head")
    expect(head).not_to_contain_text(brief.meta.prompt_version)
    expect(head).not_to_contain_text("dropped")
    expect(head.locator('a[href="#brief-warnings"]')).to_have_count(1 if brief.warnings else 0)
    made = page.locator(".made")
    expect(made.locator(".model")).to_have_text(brief.meta.model or "none")
    expect(made.locator(".prompt-version")).to_have_text(brief.meta.prompt_version)
    expect(made.locator(".dropped")).to_have_text(str(brief.meta.dropped_claims))
    expect(made.locator(".method")).to_have_text(
        "model-judged" if brief.meta.method == "llm" else "extractive"
    )

    # Each claim is shown once, under its id; every other listing is a link up to it.
    claims = {c.id: c for c in brief.claims()}
    ids = page.locator("[id]").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    expect(page.locator("li.claim")).to_have_count(len(claims))
    refs = page.locator("li.claim-ref a.ref")
    expect(refs).to_have_count(sum(isinstance(c, ClaimRef) for c in brief.listings()))
    assert refs.count() > 0
    for k in range(refs.count()):
        said = refs.nth(k).inner_text()
        target = refs.nth(k).get_attribute("href").removeprefix("#claim-")
        assert said.startswith(f"see {target}") and claims[target].text not in said
    ref = refs.last  # far below the claim it refers to
    target = page.locator(ref.get_attribute("href"))
    ref.scroll_into_view_if_needed()
    expect(target).not_to_be_in_viewport()
    ref.click()
    expect(target).to_have_class(re.compile(r"\bclaim-target\b"))
    expect(target).to_be_in_viewport()
    expect(target).to_be_focused()
    expect(page.locator(".claim-target")).to_have_count(1)
    save_shot(page, tmp_path, "claim-ref-1280x800.png")

    # Citation chips name the outlet beside the sentence id.
    outlets = page.locator(".cite .cite-outlet").all_inner_texts()
    assert outlets and all(0 < len(o) <= 30 for o in outlets)
    titles = {s.doc_id: s.title for s in brief.sources}
    first = page.locator(".cite").first
    head_of = titles[first.get_attribute("data-doc")].split()[0]
    expect(first).to_have_text(
        re.compile(rf"^{re.escape(head_of)}.* · {re.escape(first.get_attribute('data-sid'))}$")
    )

    # The citation deepest into its article: opening it must scroll the source pane.
    quotes = {c.sentence_id: c.quote for claim in brief.claims() for c in claim.citations}
    chips = page.locator(".issue-card .cite")
    sids = chips.evaluate_all("els => els.map(e => e.dataset.sid)")
    deepest = max(range(len(sids)), key=lambda i: int(sids[i].rsplit(".s", 1)[1]))
    chip = chips.nth(deepest)
    sid = sids[deepest]
    chip.focus()
    page.keyboard.press("Enter")  # keyboard first; a click below
    cited = page.locator(".source-pane .sent.cited")
    expect(cited).to_have_count(1)
    expect(cited).to_have_attribute("data-sid", sid)
    assert quotes[sid] in cited.inner_text()  # the quote is the sentence or a clause of it
    expect(cited).to_be_in_viewport()
    pane = page.locator(".source-pane .pane-body")
    inside = cited.bounding_box()
    frame = pane.bounding_box()
    assert frame["y"] <= inside["y"] and inside["y"] + inside["height"] <= frame["y"] + frame["height"]
    assert pane.evaluate("el => el.scrollTop") > 0
    expect(page.locator("#pane-title")).to_have_text(f"Source {sid.split('.')[0]}")
    save_shot(page, tmp_path, "issue-citation-1280x800.png")

    page.evaluate("window.scrollTo(0, document.getElementById('result').offsetTop - 12)")
    summary_chip = page.locator(".summary .cite").first
    summary_chip.click()
    summary_sid = summary_chip.get_attribute("data-sid")
    expect(cited).to_have_attribute("data-sid", summary_sid)
    assert quotes[summary_sid] in cited.inner_text()
    expect(cited).to_be_in_viewport()
    save_shot(page, tmp_path, "brief-1280x800.png")
    save_shot(page, tmp_path, "brief-full-1280.png", full_page=True)

    # A quote that is a clause of its sentence: the clause is marked within the sentence.
    clause = next((c for cl in brief.claims() for c in cl.citations if c.quote != sentence_of(page, c)), None)
    assert clause is not None, "the seed brief quotes no clause: the page's clause mark goes untested"
    chip = page.locator(f'.cite[data-sid="{clause.sentence_id}"]').first
    chip.scroll_into_view_if_needed()
    chip.click()
    expect(cited.locator("mark.quoted")).to_have_text(clause.quote)
    expect(cited).to_have_text(sentence_of(page, clause))
    save_shot(page, tmp_path, "clause-1280x800.png")
    other = next(c for cl in brief.claims() for c in cl.citations if c.sentence_id != clause.sentence_id)
    chip = page.locator(f'.cite[data-sid="{other.sentence_id}"]').first
    chip.scroll_into_view_if_needed()
    chip.click()  # the mark goes with the next citation, of another sentence
    expect(page.locator(f'.sent[data-sid="{clause.sentence_id}"] mark')).to_have_count(0)

    # Downloads: the API's JSON, and the CLI's Markdown of the same brief. They stay at hand at
    # the foot of the brief, far below where they first showed.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    expect(page.locator(".sources")).to_be_in_viewport()
    assert_downloads_at_hand(page)
    with page.expect_download() as got:
        page.get_by_role("button", name="Download JSON").click()
    assert json.loads(Path(got.value.path()).read_text()) == answer.value.json()
    with page.expect_download() as got:
        page.get_by_role("button", name="Download Markdown").click()
    assert got.value.suggested_filename == "brief-ukraine_peace_talks.md"
    assert Path(got.value.path()).read_text() == to_markdown(brief, title="Russia–Ukraine peace talks")

    # A narrow screen: one column, no sideways scrolling, issue cards closed to their label and
    # status; a tap opens one. The source opens as a sheet.
    page.set_viewport_size(PHONE)
    expect(page.locator("details.issue-card[open]")).to_have_count(0)
    assert_fits(page)
    chip = chips.nth(deepest)
    expect(chip).to_be_hidden()
    card = page.locator("#" + chip.evaluate("el => el.closest('.issue-card').id"))
    card.locator("summary").click()
    expect(card).to_have_js_property("open", True)
    chip.scroll_into_view_if_needed()
    chip.click()
    expect(page.locator(".source-pane")).to_be_visible()
    expect(cited).to_be_in_viewport()
    save_shot(page, tmp_path, "brief-390x844.png")
    page.get_by_role("button", name="Close the source").click()
    expect(page.locator(".source-pane")).to_be_hidden()
    expect(chip).to_be_focused()


# Sources split evenly on one issue: only such an issue is a question for the model, so the brief
# calls the model (and the failing model's 502 reaches the page).
TWO_STATUSES = (
    "Kremlin spokesman Peskov said the two sides had agreed on the peacekeeping force. "
    "Kyiv said the dispute over the peacekeeping force is deadlocked."
)


# How each error's input is changed (None: the error has no input of its own).
FIXES = {
    "#article-2-error": lambda page: page.get_by_label("Article 2", exact=True).fill(TWO_STATUSES),
    "#submit-error": None,
    "#topic-error": lambda page: page.locator("#topic").select_option("ukraine_peace_talks"),
    "#api-key-error": lambda page: page.get_by_label("API key (only if the server asks for one)").fill("s3"),
}


@pytest.mark.parametrize(
    ("model", "settings", "where", "message"),
    [
        (None, {"max_document_chars": 1000}, "#article-2-error", r"^This article has \d+ characters"),
        (FakeModel(fail=ModelError("down")), {"fallback": False}, "#submit-error", r"model failed.*HTTP 502"),
        (None, {"topic": "no_such_topic"}, "#topic-error", r"^Unknown topic"),
        (None, {"api_keys": "s3cret"}, "#api-key-error", r"^A valid 'Authorization: Bearer"),
    ],
    ids=["413-beside-the-article", "502-beside-the-button", "422-beside-the-topic", "401-beside-the-key"],
)
def test_api_errors_appear_beside_their_input(page, model, settings, where, message) -> None:
    from playwright.sync_api import expect

    with fake_server(model, **settings) as url:
        page.goto(url + "/")
        page.get_by_label("Article 1", exact=True).fill(TWO_STATUSES)
        page.get_by_role("button", name="Add another article").click()
        page.get_by_label("Article 2", exact=True).fill(SEEDS[0].read_text(encoding="utf-8"))
        if settings.get("topic"):
            # The page offers only profiles that exist; a stale choice meets the API's 422.
            page.locator("#topic").evaluate("el => { el.add(new Option('gone', 'no_such_topic')); }")
            page.locator("#topic").select_option("no_such_topic")
        page.get_by_role("button", name="Brief", exact=True).click()
        error = page.locator(where)
        expect(error).to_be_visible()
        expect(error).to_have_text(re.compile(message))
        expect(page.locator(".field-error:visible")).to_have_count(1)
        fix = FIXES[where]
        if fix is None:
            return
        invalid = page.locator('[aria-invalid="true"]')
        expect(invalid).to_have_count(1)
        fix(page)  # the error spoke of what the input held: it goes as the input changes
        expect(error).to_be_hidden()
        expect(invalid).to_have_count(0)


def test_chosen_files_and_script_markup_stay_text(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Kremlin spokesman Peskov said <script>window.pwned = 1</script> talks on Donetsk go on.\n\n"
        'Kyiv said <img src=x onerror="window.pwned = 2"> Ukraine will not cede Donetsk territory.\n'
    )
    with fake_server() as url:
        page.goto(url + "/")
        page.locator("#files").set_input_files([str(SEEDS[0]), str(hostile)])
        expect(page.get_by_label("Article 2", exact=True)).to_have_value(hostile.read_text())
        expect(page.locator(".article-origin").nth(0)).to_have_text(f"from {SEEDS[0].name}")
        page.get_by_role("button", name="Brief", exact=True).click()
        expect(page.locator("#brief-title")).to_be_visible()
        expect(page.locator(".sources")).to_contain_text("hostile.txt")
        page.locator(".cite[data-doc='d2']").first.click()
        expect(page.locator(".source-pane .sent.cited")).to_contain_text("<")
        assert page.evaluate("window.pwned") is None
        assert page.locator(".brief-layout script, .brief-layout img").count() == 0


def test_articles_no_profile_fits_are_briefed_with_a_drafted_profile_to_download(
    page, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    transit = sorted((PROJECT_ROOT / "evals/cases/transit_talks/docs").glob("*.txt"))
    with fake_server(use_model=False) as url:
        page.goto(url + "/")
        page.locator("#topic").select_option("")  # pick the profile that fits, or draft one
        page.locator("#files").set_input_files([str(p) for p in transit])
        page.get_by_role("button", name="Brief", exact=True).click()
        expect(page.locator("#brief-title")).to_contain_text("Corvale")
        with page.expect_download() as got:
            page.get_by_role("button", name="Download the drafted profile").click()
        saved = tmp_path / got.value.suggested_filename
        got.value.save_as(saved)
        # The draft is also shown as your own profile, to edit and brief with again.
        expect(page.locator("#topic")).to_have_value("__own__")
        expect(page.locator("#profile-text")).to_have_value(re.compile("Corvale Transit Workers Union"))
        page.get_by_role("button", name="Brief", exact=True).click()
        expect(page.locator("#brief-title")).to_contain_text("Corvale")
        expect(page.get_by_role("button", name="Download the drafted profile")).to_be_hidden()
    assert saved.suffix == ".yaml"
    # The file is a profile Brief reads back as it is.
    profile = read_profile(saved)
    assert "Corvale Transit Workers Union" in {p.name for p in profile.parties}


def test_a_pasted_profile_is_checked_as_you_type_and_briefs_the_articles(page) -> None:
    from playwright.sync_api import expect

    case = PROJECT_ROOT / "evals/cases/transit_talks"
    with fake_server(use_model=False) as url:
        page.goto(url + "/")
        page.locator("#topic").select_option("__own__")
        box = page.get_by_label("Profile YAML", exact=False)
        box.fill("name: transit\nparties: [\n")
        # The problem appears beside the field, with its line, before anything is sent.
        expect(page.locator("#profile-error")).to_contain_text("line 3")
        expect(box).to_have_attribute("aria-invalid", "true")
        page.get_by_role("button", name="Brief", exact=True).click()
        expect(page.locator("#profile-error")).to_be_visible()
        expect(page.locator("#brief-title")).to_be_hidden()
        # A valid profile clears the error and the brief is made with it, headed with its title.
        box.fill(case.joinpath("profile.yaml").read_text(encoding="utf-8"))
        expect(page.locator("#profile-error")).to_be_hidden()
        page.locator("#files").set_input_files([str(p) for p in sorted(case.joinpath("docs").glob("*.txt"))])
        page.get_by_role("button", name="Brief", exact=True).click()
        title = read_profile(case / "profile.yaml").title
        expect(page.locator("#brief-title")).to_have_text(f"Brief: {title}")


def test_a_picked_or_named_profile_offers_no_profile_download(page) -> None:
    from playwright.sync_api import expect

    with fake_server(use_model=False) as url:
        page.goto(url + "/")
        paste_seeds(page)
        page.get_by_role("button", name="Brief", exact=True).click()
        expect(page.locator("#brief-title")).to_be_visible()
        expect(page.get_by_role("button", name="Download the drafted profile")).to_be_hidden()


def test_a_phone_reads_the_brief_without_sideways_scrolling(browser, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        with fake_server() as url:
            page.goto(url + "/")
            assert_fits(page)  # the form, file input and all, inside its card

            # An error clears as soon as its input changes.
            page.get_by_role("button", name="Brief", exact=True).click()
            error = page.locator("#article-1-error")
            expect(error).to_have_text("Text is empty.")
            article = page.get_by_label("Article 1", exact=True)
            article.fill(SEEDS[0].read_text(encoding="utf-8"))
            expect(error).to_be_hidden()
            expect(article).not_to_have_attribute("aria-invalid", "true")

            paste_seeds(page)
            page.get_by_role("button", name="Brief", exact=True).click()
            assert_downloads_at_hand(page, above_title=True)

            # Issue cards are closed to their label and status, and nothing sticks out.
            cards = page.locator(".issue-card")
            assert cards.count() > 1
            expect(page.locator("details.issue-card[open]")).to_have_count(0)
            for k in range(cards.count()):
                expect(cards.nth(k).locator("summary .badge")).to_be_visible()
                expect(cards.nth(k).locator(".stances")).to_be_hidden()
            assert_fits(page)
            save_shot(page, tmp_path, "phone-390x844.png")

            # A tap opens a card; a link from it to a claim in another, closed card opens that one.
            found = cards.evaluate_all(
                """cards => cards.flatMap(card => Array.from(card.querySelectorAll("a.ref"), a => {
                    const home = document.querySelector(a.getAttribute("href")).closest(".issue-card");
                    return home && home !== card ? [[card.id, a.getAttribute("href")]] : [];
                }).flat())"""
            )
            assert found, "no card links into another card: the test needs one"
            card_id, href = found[0]
            card = page.locator(f"#{card_id}")
            card.locator("summary").tap()
            expect(card).to_have_js_property("open", True)
            expect(card.locator(".stances")).to_be_visible()
            assert_fits(page)
            target = page.locator(href)
            expect(target).to_be_hidden()
            card.locator(f'a.ref[href="{href}"]').first.tap()
            expect(target).to_be_visible()
            expect(target).to_be_in_viewport()
            expect(target).to_be_focused()
            assert_downloads_at_hand(page)

            # Far down the brief the downloads are still at hand.
            page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
            expect(page.locator(".sources")).to_be_in_viewport()
            assert_downloads_at_hand(page)
            assert_fits(page)
            save_shot(page, tmp_path, "phone-foot-390x844.png")
    finally:
        context.close()


LONG = "https://example.org/negotiations/" + "z" * 60  # no break in it: a phone must wrap it anyway


def test_the_cli_page_fits_a_phone_long_words_and_all(page) -> None:
    """The self-contained page (brief summarize --format html), a claim and a label with no
    break in them: cards closed on a phone, and open or closed nothing sticks out."""
    from playwright.sync_api import expect

    from service.page import brief_page, source_texts
    from service.schema import Document

    text = f"Talks stall\n\nKyiv posted the draft at {LONG} on Monday. Moscow said no."
    quote = f"Kyiv posted the draft at {LONG} on Monday."
    claim = {
        "id": "c1",
        "text": quote,
        "citations": [{"doc_id": "d1", "sentence_id": "d1.s2", "quote": quote}],
    }
    label = "Energy-infrastructure-and-Zaporizhzhia-plant-questions"
    brief = Brief.model_validate(
        {
            "topic": "hand_made",
            "as_of": None,
            "summary": [],
            "parties": [{"party": "Ukraine", "claims": []}],
            "issues": [
                {
                    "issue": issue,
                    "label": label,
                    "status": "open",
                    "status_basis": ["c1"],
                    "positions": [{"party": "Ukraine", "claim": claim if issue == "a" else {"see": "c1"}}],
                }
                for issue in ("a", "b")
            ],
            "sources": [{"doc_id": "d1", "title": None, "url": None, "words": 12}],
            "meta": {"model": None, "prompt_version": "none", "method": "extractive"},
        }
    )
    page.set_viewport_size(PHONE)
    page.set_content(brief_page(brief, source_texts([Document(text=text)])))
    expect(page.locator("details.issue-card")).to_have_count(2)
    expect(page.locator("details.issue-card[open]")).to_have_count(0)
    assert_fits(page)
    page.locator(".issue-card summary").first.click()
    expect(page.locator("#claim-c1")).to_be_visible()
    expect(page.locator("#claim-c1 .cite")).to_have_text("Talks stall · d1.s2")
    assert_fits(page)
    page.locator("#issue-1 summary").click()
    page.locator("#issue-1 a.ref").first.click()  # back to the claim, in the card above
    expect(page.locator("#claim-c1")).to_be_in_viewport()
    assert_fits(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("details.issue-card[open]")).to_have_count(2)  # open on a wide screen
    assert_fits(page)
