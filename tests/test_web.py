"""The page's routes over real HTTP on loopback, the shared HTML rendering, and --format html."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from service.api import PROBLEM_JSON, create_app
from service.cli import main
from service.ingest import ingest
from service.page import brief_fragment, source_texts, who_note
from service.render import to_markdown
from service.schema import Brief, Citation, Claim, ClaimRef, Document
from service.segment import segment
from service.settings import PROJECT_ROOT, Settings
from tests.fakes import FakeModel
from tests.live_server import live_server

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
HOSTILE = (
    'Kremlin spokesman Peskov said <script>alert("x")</script> talks on Donetsk territory go on.\n\n'
    'Kyiv said <img src=x onerror="alert(1)"> Ukraine will not cede the Donetsk territory.\n'
)
# A reference to another host: what a self-contained, offline page must not have.
REMOTE = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
SENTENCE_SPAN = re.compile(r'<span class="sent" data-sid="([^"]+)">(.*?)</span>', re.DOTALL)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    """An element of the rendered HTML, enough to ask what a reader sees where."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def having(self, cls: str, tag: str | None = None) -> list[Node]:
        return [n for n in self.iter() if cls in n.classes() and tag in (None, n.tag)]

    def by_id(self, id_: str) -> Node:
        (found,) = [n for n in self.iter() if n.attrs.get("id") == id_]
        return found


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag: str) -> None:
        node = self.cur
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(markup: str) -> Node:
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    return tree.root


def _claim(cid: str, text: str, sid: str = "d1.s1") -> dict:
    return {"id": cid, "text": text, "citations": [{"doc_id": "d1", "sentence_id": sid, "quote": text}]}


@pytest.fixture
def client(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    settings = Settings(**getattr(request, "param", {}))
    with live_server(create_app(settings, FakeModel())) as url, httpx.Client(base_url=url) as c:
        yield c


def seed_documents() -> list[dict[str, str]]:
    return [{"text": p.read_text(encoding="utf-8")} for p in SEEDS]


def brief_of(client: httpx.Client, documents: list[dict[str, str]]) -> dict:
    r = client.post("/brief", json={"documents": documents})
    assert r.status_code == 200, r.text
    return r.json()


def test_the_page_is_html_with_labelled_inputs_and_nothing_remote(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<label for="topic">' in page and '<select id="topic"' in page
    assert '<option value="ukraine_peace_talks" selected>Russia–Ukraine peace talks</option>' in page
    assert '<option value="port_strike">' in page
    assert not REMOTE.search(page), REMOTE.search(page)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        got = client.get(asset)
        assert got.status_code == 200, asset
        assert not REMOTE.search(got.text) and "@import" not in got.text and "url(" not in got.text


def test_the_page_has_an_icon_and_favicon_ico_is_no_404(client: httpx.Client) -> None:
    head = parse(client.get("/").text)
    icons = [n.attrs for n in head.iter() if n.tag == "link" and n.attrs.get("rel") == "icon"]
    assert icons == [{"rel": "icon", "href": "/static/favicon.svg", "type": "image/svg+xml"}]
    for path in ("/static/favicon.svg", "/favicon.ico"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("image/svg+xml"), path
        assert r.text.startswith("<svg") and "<script" not in r.text and " on" not in r.text
        assert "default-src 'none'" in r.headers["content-security-policy"]


def test_the_page_is_sent_with_a_policy_that_allows_only_its_own_files(client: httpx.Client) -> None:
    r = client.get("/")
    policy = dict(d.strip().split(" ", 1) for d in r.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == policy["style-src"] == policy["connect-src"] == "'self'"
    assert "unsafe" not in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    # What the policy must allow: the page and the brief it inserts hold no inline script or style.
    documents = seed_documents()
    fragment = client.post(
        "/render/html", json={"brief": brief_of(client, documents), "documents": documents}
    )
    for markup in (r.text, fragment.text):
        elements = list(parse(markup).iter())
        assert all("src" in n.attrs for n in elements if n.tag == "script")
        assert not [n for n in elements if n.tag == "style" or "style" in n.attrs]
        assert not [n.tag for n in elements if any(a.startswith("on") for a in n.attrs)]
    assert fragment.headers["content-security-policy"] == r.headers["content-security-policy"]


def test_topics_lists_every_profile_and_the_default(client: httpx.Client) -> None:
    r = client.get("/topics")
    assert r.status_code == 200
    body = r.json()
    assert body["default"] == "ukraine_peace_talks"
    names = {t["name"]: t["title"] for t in body["topics"]}
    assert set(names) == {p.stem for p in (PROJECT_ROOT / "prompts/topics").glob("*.yaml")}
    assert names["port_strike"] == "Port of Marlow Bay dockworkers' strike"
    assert names["ukraine_peace_talks"] == "Russia–Ukraine peace talks"


def test_markdown_route_is_the_cli_markdown(client: httpx.Client) -> None:
    brief = brief_of(client, seed_documents())
    r = client.post("/render/markdown", json=brief)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/markdown; charset=utf-8"
    assert r.text == to_markdown(Brief.model_validate(brief), title="Russia–Ukraine peace talks")
    assert r.text.startswith("# Brief: Russia–Ukraine peace talks\n")


def test_markdown_escapes_every_value_of_a_posted_brief(client: httpx.Client) -> None:
    # A brief posted to /render/markdown is the client's: ids and the topic are as untrusted as
    # article text. CommonMark passes raw HTML through, so an unescaped "<" is live markup.
    doc, sid, cid = "<img src=x onerror=alert(1)>", "[x](javascript:alert(2)).s1", "<b>c1</b>"
    quote = "Kyiv said no."
    claim = {"id": cid, "text": quote, "citations": [{"doc_id": doc, "sentence_id": sid, "quote": quote}]}
    brief = Brief.model_validate(
        {
            "topic": "<script>alert(3)</script>\n\n- injected item",
            "as_of": None,
            "summary": [claim],
            "parties": [{"party": "<u>P</u>", "claims": [{"see": cid}]}],
            "issues": [],
            "sources": [{"doc_id": doc, "words": 3}],
            "meta": {"model": "<i>m</i>", "prompt_version": "v`1`", "method": "llm"},
        }
    )
    r = client.post("/render/markdown", json=brief.model_dump(mode="json"))
    assert r.status_code == 200, r.text
    assert not re.search(r"(?<!\\)<", r.text), r.text
    markdown_it = pytest.importorskip("markdown_it")
    shown = markdown_it.MarkdownIt("commonmark").render(r.text)
    assert not re.search(r"<(?:script|img|b|i|u)\b|href=", shown), shown
    assert "<li>injected item" not in shown
    assert "# Brief: ukraine_peace_talks" in to_markdown(
        Brief.model_validate(brief_of(client, seed_documents()))
    )


def test_every_citation_opens_the_sentence_it_quotes(client: httpx.Client) -> None:
    documents = seed_documents()
    brief = brief_of(client, documents)
    r = client.post("/render/html", json={"brief": brief, "documents": documents})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    sentences = {sid: html.unescape(text) for sid, text in SENTENCE_SPAN.findall(r.text)}
    citations = [c for claim in Brief.model_validate(brief).claims() for c in claim.citations]
    assert citations
    for c in citations:
        assert f'data-sid="{c.sentence_id}"' in r.text
        # A quote is the cited sentence or a clause of it.
        assert c.quote in sentences[c.sentence_id]
    for issue in brief["issues"]:
        assert f'data-status="{issue["status"]}">{issue["status"]}</span>' in r.text


def test_render_html_says_which_document_it_cannot_read(client: httpx.Client) -> None:
    brief = brief_of(client, seed_documents())
    r = client.post("/render/html", json={"brief": brief, "documents": [{"text": "   "}]})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert r.json()["errors"][0]["field"] == "documents[0].text"


# A whole-article budget, so the two short hostile sentences make it into the brief.
@pytest.mark.parametrize("client", [{"max_claim_ratio": 1.0}], indirect=True)
def test_article_markup_renders_as_text(client: httpx.Client) -> None:
    documents = [{"text": HOSTILE}]
    brief = brief_of(client, documents)
    quotes = [c.quote for claim in Brief.model_validate(brief).claims() for c in claim.citations]
    assert any("<script>" in q for q in quotes) and any("<img" in q for q in quotes)
    fragment = client.post("/render/html", json={"brief": brief, "documents": documents}).text
    assert "<script" not in fragment and "<img" not in fragment
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in fragment
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in fragment


def test_source_spans_rebuild_the_cleaned_text_and_its_sentences() -> None:
    documents = [Document(text=p.read_text(encoding="utf-8")) for p in SEEDS]
    for clean, shown in zip(ingest(documents), source_texts(documents), strict=True):
        paragraphs = ["".join(s.text for s in para) for para in shown.paragraphs]
        assert paragraphs == [p for p in clean.text.split("\n\n") if p.strip()]
        spans = [(s.sentence_id, s.text) for para in shown.paragraphs for s in para if s.sentence_id]
        assert spans == [(s.id, s.text) for s in segment(clean)]


def test_cli_html_is_one_self_contained_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.cli.get_settings", lambda: Settings(max_claim_ratio=1.0))
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    target = tmp_path / "brief.html"
    files = [*map(str, SEEDS), str(hostile)]
    assert main(["summarize", *files, "--no-model", "--format", "html", "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert not REMOTE.search(page)
    assert "<link" not in page and not re.search(r"<script[^>]*\bsrc=", page)
    assert page.count("<style>") == 1 and page.count("<script>") == 1  # ours, inline
    assert "<img" not in page and 'alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert '<article class="brief"' in page and '<aside class="source-pane"' in page
    assert 'data-doc="d6"' in page  # the hostile file is a source like any other
    assert 'data-quote="Kremlin spokesman Peskov said &lt;script&gt;' in page
    assert "<title>Brief: Russia–Ukraine peace talks</title>" in page
    assert parse(page).by_id("brief-title").text() == "Brief: Russia–Ukraine peace talks"


def render(client: httpx.Client, brief: dict, documents: list[dict[str, str]]) -> Node:
    r = client.post("/render/html", json={"brief": brief, "documents": documents})
    assert r.status_code == 200, r.text
    return parse(r.text)


@pytest.mark.parametrize("use_model", [True, False], ids=["model", "extractive"])
def test_each_claim_is_shown_once_and_references_link_to_it(client: httpx.Client, use_model: bool) -> None:
    documents = seed_documents()
    r = client.post("/brief", json={"documents": documents, "options": {"use_model": use_model}})
    assert r.status_code == 200, r.text
    brief = Brief.model_validate(r.json())
    refs = [c for c in brief.listings() if isinstance(c, ClaimRef)]
    assert refs, "the seed brief lists some claims twice: the test needs references"
    page = render(client, r.json(), documents)

    ids = [n.attrs["id"] for n in page.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    order = {n.attrs["id"]: k for k, n in enumerate(page.iter()) if "id" in n.attrs}
    claims = {c.id: c for c in brief.claims()}
    assert None not in claims

    # Each claim once, in full, with its citations, under its id.
    shown = page.having("claim", "li")
    assert sorted(n.attrs["id"] for n in shown) == sorted(f"claim-{cid}" for cid in claims)
    texts = [t.text() for t in page.having("claim-text")]
    for cid, claim in claims.items():
        assert texts.count(claim.text) == 1, claim.text
        item = page.by_id(f"claim-{cid}")
        named = [claim.who.sentence_id] if claim.who else []  # who "he" is, shown first
        sids = [c.attrs["data-sid"] for c in item.having("cite")]
        assert sids == named + [c.sentence_id for c in claim.citations]

    # Every other listing: a link to the claim shown above it, not the claim again.
    items = page.having("claim-ref", "li")
    assert len(items) == len(refs)
    for item in items:
        (link,) = [n for n in item.iter() if n.tag == "a"]
        href = link.attrs["href"]
        assert href.startswith("#claim-") and href[1:] in order, href
        claim = claims[href.removeprefix("#claim-")]
        said = item.text()
        assert said.startswith(f"see {claim.id} ") and "shown above" in said
        assert claim.text not in said and not item.having("cite") and not item.having("claim-text")
        assert order[href[1:]] < list(page.iter()).index(item)

    # Issue cards: the status, why (links to the claims it rests on), stances, what is reported.
    for n, issue in enumerate(brief.issues):
        card = page.by_id(f"issue-{n}")
        assert card.having("badge")[0].text() == issue.status
        (basis,) = card.having("basis")
        assert basis.text().split()[:2] == ["Why", f"{issue.status}:"]
        links = [a.attrs["href"] for a in basis.iter() if a.tag == "a"]
        assert links == [f"#claim-{cid}" for cid in issue.status_basis]
        assert all(link[1:] in order for link in links)
        assert (issue.status == "unknown") == (not links)
        terms = [n for n in card.having("stances")[0].children if isinstance(n, Node)]
        stances = {dt.text(): dd for dt, dd in zip(terms[::2], terms[1::2], strict=True)}
        for party in {p.party for p in issue.positions}:
            listed = [li for li in stances[party].iter() if li.tag == "li"]
            assert len(listed) == sum(p.party == party for p in issue.positions)
        reported = card.having("reported")
        if issue.reported:
            (box,) = reported
            assert box.having("reported-head")[0].text() == "Reported"
            assert len([li for li in box.iter() if li.tag == "li"]) == len(issue.reported)
        else:
            assert not reported
    assert "(untitled)" not in page.text()


def test_the_heading_names_the_topic_profile(client: httpx.Client) -> None:
    documents = seed_documents()
    brief = brief_of(client, documents)
    titles = {t["name"]: t["title"] for t in client.get("/topics").json()["topics"]}
    heading = render(client, brief, documents).by_id("brief-title")
    assert heading.text() == f"Brief: {titles[brief['topic']]}" == "Brief: Russia–Ukraine peace talks"
    assert heading.attrs["data-topic"] == brief["topic"]
    # A topic no listed profile has (an inline profile): its name is all the page knows.
    heading = render(client, {**brief, "topic": "inline_talks"}, documents).by_id("brief-title")
    assert heading.text() == "Brief: inline_talks"


@pytest.mark.parametrize("use_model", [True, False], ids=["model", "extractive"])
def test_provenance_is_below_the_brief_and_warnings_linked_above(
    client: httpx.Client, use_model: bool
) -> None:
    documents = seed_documents()
    r = client.post("/brief", json={"documents": documents, "options": {"use_model": use_model}})
    brief = Brief.model_validate(r.json())
    page = render(client, r.json(), documents)
    (head,) = page.having("brief-head")
    said = head.text()
    for fact in [
        brief.meta.model or "none",
        brief.meta.prompt_version,
        "model-judged",
        "extractive",
        "dropped",
    ]:
        assert fact not in said, fact
    warned = [a for a in head.iter() if a.tag == "a" and a.attrs.get("href") == "#brief-warnings"]
    assert len(warned) == (1 if brief.warnings else 0)
    if brief.warnings:
        assert [li.text() for li in page.by_id("brief-warnings").parent.having("warnings")[0].iter()][1:] == (
            brief.warnings
        )
    (made,) = page.having("made")
    assert made.by_id("h-made").text() == "How this brief was made"
    facts = dict(zip(*[[n.text() for n in made.iter() if n.tag == t] for t in ("dt", "dd")], strict=True))
    assert facts["Method"].startswith("model-judged" if brief.meta.method == "llm" else "extractive")
    assert facts["Model"] == (brief.meta.model or "none")
    assert facts["Prompt version"] == brief.meta.prompt_version
    assert facts["Unsupported claims dropped"] == str(brief.meta.dropped_claims)
    # Below the brief: after the issues and the parties, before the sources.
    sections = [n.attrs["class"] for n in page.iter() if n.tag == "section" and n.parent.tag == "article"]
    assert sections == ["summary", "issues", "parties", "made", "sources"]


def test_citation_chips_name_the_outlet(client: httpx.Client) -> None:
    documents = seed_documents()
    brief = Brief.model_validate(brief_of(client, documents))
    titles = {s.doc_id: s.title for s in brief.sources}
    assert all(titles.values())  # every seed opens with its headline
    chips = render(client, brief.model_dump(mode="json"), documents).having("cite")
    assert chips
    for chip in chips:
        outlet, sid = chip.text().split(" · ")
        title = titles[chip.attrs["data-doc"]]
        assert sid == chip.attrs["data-sid"]
        assert len(outlet) <= 30 and outlet.strip() == outlet
        assert outlet == title if len(title) <= 30 else title.startswith(outlet.removesuffix("…"))
    assert any(c.text().split(" · ")[0].endswith("…") for c in chips)  # long headlines are cut


@pytest.mark.parametrize("client", [{"max_claim_ratio": 0.6}], indirect=True)
def test_who_he_is_shown_with_the_sentence_naming_him(client: httpx.Client) -> None:
    """“..., he added.”: the page and the Markdown name him, with a chip for the naming sentence
    (at 0.6 of the sources' words, where the seeds' brief takes that quotation)."""
    documents = seed_documents()
    data = brief_of(client, documents)
    brief = Brief.model_validate(data)
    [named] = [c for c in brief.claims() if c.who and c.text.endswith("he added.")]
    assert named.who.quote == "Zelenskyy"
    whos = [c.who for c in brief.claims() if c.who]
    notes = render(client, data, documents).having("claim-who")
    # One note per claim naming its "he", each with one chip for the sentence that names him.
    shown = [
        (
            n.text().split(" ")[1].rstrip(","),
            *[(c.attrs["data-sid"], c.attrs["data-quote"]) for c in n.having("cite")],
        )
        for n in notes
    ]
    assert sorted(shown) == sorted((w.quote, (w.sentence_id, w.quote)) for w in whos)
    assert ("Zelenskyy", (named.who.sentence_id, "Zelenskyy")) in shown
    assert f"he added. (he: Zelenskyy, {named.who.sentence_id}) [" in to_markdown(brief)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("He added that the offer stands.", "he: Ostrand"),
        ("The talks will go on, she said.", "she: Ostrand"),
        ("Its chief negotiator is Rafael Oyarzo.", "its: Ostrand"),
        ("Their offer still stands.", "their: Ostrand"),
        ("It still refuses to sign, she said.", "it: Ostrand"),
        ("They insist the cranes will go ahead.", "they: Ostrand"),
        ("09:15 GMT - Its delegation has left the hotel.", "its: Ostrand"),
        ("We will not sign.", "we: Ostrand"),  # a party's own statement
        ("Our members rejected the offer.", "our: Ostrand"),
        # The pronoun that needs the name is the claim's "he", not an "its" after it.
        ("He said its offer still stands.", "he: Ostrand"),
    ],
)
def test_the_note_says_which_pronoun_the_name_is_for(text: str, note: str) -> None:
    named = Citation(doc_id="d1", sentence_id="d1.s1", quote="Ostrand")
    claim = Claim(text=text, citations=[named], who=named)
    assert who_note(claim) == note
    assert who_note(claim.model_copy(update={"who": None})) is None


@pytest.mark.parametrize("client", [{"max_claim_ratio": 1.0}], indirect=True)
def test_a_source_without_title_is_named_by_its_host(client: httpx.Client) -> None:
    documents = [{"text": HOSTILE, "url": "https://www.kyivindependent.com/news/talks"}]
    r = client.post("/brief", json={"documents": documents})
    assert r.json()["sources"][0]["title"] is None
    chips = render(client, r.json(), documents).having("cite")
    assert chips and all(c.text() == f"kyivindependent.com · {c.attrs['data-sid']}" for c in chips)


def test_a_source_url_that_cannot_be_split_is_shown_as_given(client: httpx.Client) -> None:
    # An unclosed "[" reads as the start of an IPv6 host, and urlsplit raised: a 500.
    brief = brief_of(client, seed_documents()[:1])
    brief["sources"][0] |= {"title": None, "url": "http://[talks"}
    chips = render(client, brief, []).having("cite")
    assert chips and all(c.text().startswith("http://[talks · ") for c in chips)


BODY = (
    "Kyiv said Ukraine will not cede the Donetsk territory. Kremlin spokesman Peskov said talks on "
    "Donetsk territory go on.\n\nRussia said talks on the Zaporizhzhia plant were narrowing."
)


# Headlines ingest does not take as a title (too short, a question, a full stop), and a dateline.
@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("Talks stall", "Talks stall"),
        ("Will Kyiv cede Donetsk?", "Will Kyiv cede Donetsk?"),
        ("Kyiv: no deal on Donetsk.", "Kyiv: no deal on Donetsk."),
        ("KYIV (Reuters) -", "KYIV (Reuters)"),
    ],
)
@pytest.mark.parametrize("client", [{"max_claim_ratio": 1.0}], indirect=True)
def test_a_pasted_text_is_named_by_its_first_line(client: httpx.Client, head: str, name: str) -> None:
    documents = [{"text": f"{head}\n\n{BODY}"}]
    page = render(client, brief_of(client, documents), documents)
    chips = page.having("cite")
    assert chips and all(c.text() == f"{name} · {c.attrs['data-sid']}" for c in chips)
    (pane,) = page.having("source-title")
    assert pane.text() == f"d1: {head}"
    (listed,) = [li for li in page.having("sources")[0].iter() if li.tag == "li"]
    assert head in listed.text()
    assert "untitled" not in page.text().lower()


@pytest.mark.parametrize("client", [{"max_claim_ratio": 1.0}], indirect=True)
def test_markdown_names_each_source_as_the_page_does(client: httpx.Client) -> None:
    documents = [{"text": f"Talks stall\n\n{BODY}"}]
    brief = brief_of(client, documents)
    (pane,) = render(client, brief, documents).having("source-title")
    sources = source_texts([Document.model_validate(d) for d in documents])
    markdown = to_markdown(Brief.model_validate(brief), sources)
    assert pane.text() == "d1: Talks stall" and f"\n- {pane.text()}\n" in markdown
    assert "untitled" not in markdown
    # Without the text: the url names a source; with nothing to name it by, its id stands alone.
    url = "https://www.kyivindependent.com/news/talks"
    linked = {**brief, "sources": [{**brief["sources"][0], "url": url}]}
    assert f"\n- d1: {url}\n" in to_markdown(Brief.model_validate(linked))
    assert "\n- d1\n" in to_markdown(Brief.model_validate(brief))


@pytest.mark.parametrize("client", [{"max_claim_ratio": 1.0}], indirect=True)
def test_a_pasted_text_without_a_headline_is_named_by_nothing_made_up(client: httpx.Client) -> None:
    # One paragraph of prose, or a first paragraph too long to be a headline: no name to give.
    for text in [BODY.replace("\n\n", " "), f"{BODY.replace(chr(10), ' ')} " * 2 + "\n\nMore talks."]:
        documents = [{"text": text}]
        page = render(client, brief_of(client, documents), documents)
        chips = page.having("cite")
        assert chips and all(c.text() == c.attrs["data-sid"] for c in chips)
        assert page.having("source-title")[0].text() == "d1"


def test_issue_cards_are_disclosures_sent_open(client: httpx.Client) -> None:
    documents = seed_documents()
    brief = Brief.model_validate(brief_of(client, documents))
    page = render(client, brief.model_dump(mode="json"), documents)
    cards = page.having("issue-card")
    assert [c.attrs["data-issue"] for c in cards] == [i.issue for i in brief.issues]
    for card, issue in zip(cards, brief.issues, strict=True):
        # Open as sent (the page reads in full without script); the summary says label and status.
        assert card.tag == "details" and "open" in card.attrs
        summary = card.children[[isinstance(c, Node) for c in card.children].index(True)]
        assert summary.tag == "summary"
        assert " ".join(summary.text().split()) == f"{issue.label} {issue.status}"
        assert card.having("stances") and not summary.having("stances")


def test_references_point_up_to_the_one_place_a_claim_is_shown() -> None:
    """A hand-made brief: a claim listed twice in full, a reference the page meets before the
    claim itself, and references to no claim of the brief."""
    brief = Brief.model_validate(
        {
            "topic": "hand_made",
            "as_of": None,
            "summary": [_claim("c1", "Both sides met in Geneva on Monday.")],
            "parties": [
                {
                    "party": "Alpha",
                    "claims": [
                        {"see": "c1"},
                        _claim("c1", "Both sides met in Geneva on Monday."),
                        {"see": "c9"},
                    ],
                },
                {"party": "Beta", "claims": []},
            ],
            "issues": [
                {
                    "issue": "border",
                    "label": "Border",
                    "status": "open",
                    "status_basis": ["c2", "c9"],
                    # Beta's claim comes first here, but the page lists Alpha's stance first.
                    "positions": [
                        {
                            "party": "Beta",
                            "claim": _claim("c2", "Beta <b>rejects</b> the new border line.", "d1.s2"),
                        },
                        {"party": "Alpha", "claim": {"see": "c2"}},
                    ],
                    "reported": [{"see": "c1"}],
                }
            ],
            "sources": [{"doc_id": "d1", "title": None, "url": None, "words": 20}],
            "meta": {"model": None, "prompt_version": "none", "method": "extractive"},
        }
    )
    markup = brief_fragment(brief, [])
    page = parse(markup)
    ids = [n.attrs["id"] for n in page.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    assert [n.attrs["id"] for n in page.having("claim", "li")] == ["claim-c1", "claim-c2"]
    assert "Beta &lt;b&gt;rejects&lt;/b&gt;" in markup and "<b>" not in markup
    everything = list(page.iter())
    for item in page.having("claim-ref", "li"):
        links = [a for a in item.iter() if a.tag == "a"]
        if "c9" in item.text():
            assert not links and "not in this brief" in item.text()
            continue
        (link,) = links
        target = page.by_id(link.attrs["href"][1:])
        assert everything.index(target) < everything.index(item) and "shown above" in item.text()
    # c2 is shown under Alpha, the first stance on the page; Beta's listing refers to it.
    (card,) = page.having("issue-card")
    stances = [n for n in card.iter() if n.tag in ("dt", "dd")]
    assert [n.text().split()[0] for n in stances] == ["Alpha", "c2", "Beta", "see"]
    basis = card.having("basis")[0]
    assert [a.attrs["href"] for a in basis.iter() if a.tag == "a"] == ["#claim-c2"]
    assert "c9 (not in this brief)" in " ".join(basis.text().split())
    # No title, no url, no headline: the chip shows the sentence id alone.
    assert [c.text() for c in page.having("cite")] == ["d1.s1", "d1.s2"]


def test_the_talks_card_shows_no_status_and_no_row_for_a_side_that_said_nothing_on_them() -> None:
    from service.schema import Brief

    brief = Brief.model_validate(
        {
            "topic": "t",
            "as_of": None,
            "summary": [],
            "parties": [{"party": "Alpha", "claims": []}, {"party": "Beta", "claims": []}],
            "issues": [
                {
                    "issue": "border",
                    "label": "Border",
                    "status": "open",
                    "status_basis": ["c1"],
                    "positions": [{"party": "Alpha", "claim": _claim("c1", "Alpha rejects the line.")}],
                    "reported": [],
                },
                {
                    "issue": "talks",
                    "label": "The talks",
                    "status": "unknown",
                    "positions": [],
                    "reported": [_claim("c2", "Members vote on May 3.", "d1.s2")],
                },
            ],
            "sources": [{"doc_id": "d1", "title": None, "url": None, "words": 20}],
            "meta": {"model": None, "prompt_version": "none", "method": "extractive"},
        }
    )
    border, talks = parse(brief_fragment(brief, [])).having("issue-card")
    assert border.having("badge") and border.having("basis")
    assert [n.text().split()[0] for n in border.iter() if n.tag == "dt"] == ["Alpha", "Beta"]
    assert not talks.having("badge") and not talks.having("basis") and not talks.having("stances", "dd")
    assert "Members vote on May 3." in talks.text()
    markdown = to_markdown(brief)
    assert "\n### Border — open (basis: c1)\n" in markdown and "\n### The talks\n" in markdown


def test_a_status_basis_naming_an_empty_or_unknown_id_renders_as_not_in_the_brief() -> None:
    # Found by the API fuzzer: a posted brief whose claim has id "" and whose basis names "" was a 500.
    from service.page import brief_fragment
    from service.schema import Brief

    claim = {
        "id": "",
        "text": "Talks resumed.",
        "citations": [{"doc_id": "d1", "sentence_id": "d1.s1", "quote": "x"}],
    }
    brief = Brief.model_validate(
        {
            "topic": "t",
            "as_of": None,
            "summary": [claim],
            "parties": [],
            "issues": [
                {"issue": "i", "label": "I", "status": "open", "status_basis": ["", "c9"], "positions": []}
            ],
            "sources": [],
            "meta": {"model": None, "prompt_version": "none", "method": "extractive"},
        }
    )
    html = brief_fragment(brief, [])
    assert html.count("not in this brief") == 2


def test_topics_check_gives_the_profile_or_every_problem_with_its_line(client: httpx.Client) -> None:
    text = (PROJECT_ROOT / "evals/cases/transit_talks/profile.yaml").read_text(encoding="utf-8")
    ok = client.post("/topics/check", json={"text": text})
    assert ok.status_code == 200
    assert ok.json()["problems"] == [] and ok.json()["profile"]["name"] == "transit_talks"
    bad = client.post(
        "/topics/check", json={"text": "name: t\ntitle: T\nparties:\n  - aliases: [x]\n"}
    ).json()
    assert bad["profile"] is None
    assert "line 4: parties[0].name: Field required" in bad["problems"]


def test_topics_check_refuses_a_yaml_alias_bomb_without_expanding_it(client: httpx.Client) -> None:
    # 473 bytes standing for 9**9 items: expanded, it held a worker for minutes.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\nname: t\ntitle: T\nissues: []\nparties: *a9\n"
    answer = client.post("/topics/check", json={"text": text}, timeout=30)
    assert answer.status_code == 200
    assert answer.json()["profile"] is None
    assert any("stand for more than 100,000 values" in p for p in answer.json()["problems"]), answer.json()


@pytest.mark.parametrize("client", [{"api_keys": "k1"}], indirect=True)
def test_topics_check_takes_the_api_key_and_bounds_the_text(client: httpx.Client) -> None:
    assert client.post("/topics/check", json={"text": "name: t"}).status_code == 401
    auth = {"authorization": "Bearer k1"}
    assert client.post("/topics/check", json={"text": "name: t"}, headers=auth).status_code == 200
    too_long = client.post("/topics/check", json={"text": "x" * 200_001}, headers=auth)
    assert too_long.status_code == 422


def test_markdown_shows_each_side_once_per_issue_over_its_claims() -> None:
    """A side with several claims on an issue is one label over a nested list, as the page groups it."""
    import asyncio

    from service.briefing import make_brief
    from service.schema import BriefRequest

    request = BriefRequest(documents=[Document(text=p.read_text(encoding="utf-8"), id=p.stem) for p in SEEDS])
    brief = asyncio.run(make_brief(request, None, Settings(use_model=False)))
    markdown = to_markdown(brief)
    grouped = 0
    for issue in brief.issues:
        section = markdown.split(f"### {issue.label} — ", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        for party in dict.fromkeys(p.party for p in issue.positions):
            held = sum(p.party == party for p in issue.positions)
            assert section.count(f"- **{party}:**") == 1, (issue.issue, party)
            if held > 1:
                grouped += 1
                block = section.split(f"- **{party}:**\n", 1)[1]
                assert all(line.startswith("  - ") for line in block.split("\n")[:held]), (issue.issue, party)
    assert grouped, "the seeds brief has a side with several claims on one issue"
