"""The page's routes over real HTTP on loopback, the shared HTML rendering, and --format html."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.api import PROBLEM_JSON, create_app
from service.cli import main
from service.ingest import ingest
from service.page import source_texts
from service.render import to_markdown
from service.schema import Brief, Document
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


def test_topics_lists_every_profile_and_the_default(client: httpx.Client) -> None:
    r = client.get("/topics")
    assert r.status_code == 200
    body = r.json()
    assert body["default"] == "ukraine_peace_talks"
    names = {t["name"]: t["title"] for t in body["topics"]}
    assert names == {
        "port_strike": "Port of Marlow Bay dockworkers' strike",
        "ukraine_peace_talks": "Russia–Ukraine peace talks",
    }


def test_markdown_route_is_the_cli_markdown(client: httpx.Client) -> None:
    brief = brief_of(client, seed_documents())
    r = client.post("/render/markdown", json=brief)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/markdown; charset=utf-8"
    assert r.text == to_markdown(Brief.model_validate(brief))


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
        assert sentences[c.sentence_id] == c.quote
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
